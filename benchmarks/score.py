"""Scoring an alignment against gold: the numbers that say whether the aligner works.

Both gold and prediction are lists of `Group`s (kind, old ids, new ids, moved). From them:

- link precision / recall / F1 over (old id, new id) pairs: a 1:1 match gives one link, a
  split or merge gives every pair of its group, added and removed give none;
- the share of provisions, counted on both sides, whose *fate* is exactly right: same kind,
  same partner set, same moved flag;
- move precision / recall over old provisions flagged as moved;
- a confusion matrix of gold kind vs predicted kind, one count per provision and side.

A gold `moved` of `None` means "either is right": the minimal set of moves is not unique
(two paragraphs swapped, say), so neither flag can be called wrong. Such provisions are
left out of move precision/recall and their flag is not compared for the exact fate.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

KINDS = ("unchanged", "reworded", "split", "merged", "added", "removed")
NONE_KIND = "(absent)"
"""Confusion-matrix label for a provision the other side does not mention at all."""


@dataclass(frozen=True)
class Group:
    kind: str
    old: tuple[str, ...]
    new: tuple[str, ...]
    moved: bool | None = False

    def links(self) -> set[tuple[str, str]]:
        return {(o, n) for o in self.old for n in self.new}


@dataclass(frozen=True)
class Fate:
    """What became of one provision: its group's kind, partners on the other side, moved."""

    kind: str
    partners: frozenset[str]
    moved: bool | None


def fates(groups: Iterable[Group]) -> dict[tuple[str, str], Fate]:
    """Fate of every provision, keyed by (side, id) with side "old" or "new"."""
    out: dict[tuple[str, str], Fate] = {}
    for g in groups:
        for pid in g.old:
            out[("old", pid)] = Fate(g.kind, frozenset(g.new), g.moved)
        for pid in g.new:
            out[("new", pid)] = Fate(g.kind, frozenset(g.old), g.moved)
    return out


def same_fate(gold: Fate, got: Fate | None) -> bool:
    if got is None:
        return False
    moved_ok = gold.moved is None or gold.moved == got.moved
    return gold.kind == got.kind and gold.partners == got.partners and moved_ok


@dataclass
class Score:
    """Counts, so that several cases can be added up before ratios are taken."""

    links_gold: int = 0
    links_got: int = 0
    links_right: int = 0
    provisions: int = 0
    exact: int = 0
    moves_gold: int = 0
    moves_got: int = 0
    moves_right: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    cases: int = 0

    def __iadd__(self, other: Score) -> Score:
        for name in (
            "links_gold",
            "links_got",
            "links_right",
            "provisions",
            "exact",
            "moves_gold",
            "moves_got",
            "moves_right",
            "cases",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.confusion.update(other.confusion)
        return self

    @property
    def precision(self) -> float:
        return ratio(self.links_right, self.links_got)

    @property
    def recall(self) -> float:
        return ratio(self.links_right, self.links_gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def exact_share(self) -> float:
        return ratio(self.exact, self.provisions)

    @property
    def move_recall(self) -> float:
        return ratio(self.moves_right, self.moves_gold)

    @property
    def move_precision(self) -> float:
        return ratio(self.moves_right, self.moves_got)


def ratio(num: int, den: int) -> float:
    """num/den, with 1.0 for 0/0: nothing to find and nothing found is not a failure."""
    return num / den if den else 1.0


@dataclass(frozen=True)
class Miss:
    side: str
    pid: str
    gold: Fate
    got: Fate | None


def score(gold: Sequence[Group], got: Sequence[Group]) -> tuple[Score, list[Miss]]:
    """Score one case; also return every provision whose fate is not exactly right."""
    s = Score(cases=1)
    gold_links = set().union(*(g.links() for g in gold)) if gold else set()
    got_links = set().union(*(g.links() for g in got)) if got else set()
    s.links_gold, s.links_got = len(gold_links), len(got_links)
    s.links_right = len(gold_links & got_links)

    gold_fates, got_fates = fates(gold), fates(got)
    misses: list[Miss] = []
    for key, fate in gold_fates.items():
        mine = got_fates.get(key)
        s.provisions += 1
        s.confusion[(fate.kind, mine.kind if mine else NONE_KIND)] += 1
        if same_fate(fate, mine):
            s.exact += 1
        else:
            misses.append(Miss(key[0], key[1], fate, mine))
        if key[0] == "old" and fate.moved is not None:
            got_moved = bool(mine and mine.moved)
            s.moves_gold += fate.moved
            s.moves_got += got_moved
            s.moves_right += fate.moved and got_moved
    for key, mine in got_fates.items():
        if key not in gold_fates:  # the prediction names a provision the gold does not know
            s.confusion[(NONE_KIND, mine.kind)] += 1
    return s, misses
