"""Running the aligner over gold cases and adding up the scores, per set and per threshold.

Calls the public API only (`engine.diff.compare`), so what is measured is what a user gets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from engine.diff import DEFAULT_THRESHOLD, Diff, compare
from engine.model import Resolution

from .score import Group, Miss, Score, score

SWEEP = (0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8)


class GoldCase:
    """Anything with a name, two models and gold groups (mutation or real pair)."""

    name: str
    old: Resolution
    new: Resolution
    gold: tuple[Group, ...]


@dataclass
class SetResult:
    score: Score = field(default_factory=Score)
    misses: list[tuple[str, Miss]] = field(default_factory=list)


def predicted(diff: Diff) -> list[Group]:
    """The aligned groups (heading changes are not alignment, and the gold has none)."""
    return [
        Group(c.kind, tuple(c.old), tuple(c.new), bool(c.moved)) for c in diff.changes if c.kind != "heading"
    ]


def run_set(cases: Sequence[GoldCase], threshold: float = DEFAULT_THRESHOLD) -> SetResult:
    result = SetResult()
    for case in cases:
        s, misses = score(case.gold, predicted(compare(case.old, case.new, threshold=threshold)))
        result.score += s
        result.misses.extend((case.name, m) for m in misses)
    return result


def sweep(cases: Sequence[GoldCase], thresholds: Sequence[float] = SWEEP) -> dict[float, Score]:
    return {t: run_set(cases, t).score for t in thresholds}
