"""The aligner's thresholds, in one place.

All scores are token similarities in [0, 1] (rapidfuzz normalised Indel similarity,
2·LCS / (|a| + |b|), over the tokens of `features`).

The content threshold was chosen from the benchmark's sweep (`benchmarks/RESULTS.md`, 192
mutation cases and 17 hand-labelled real pairs): every value from 0.35 to 0.45 gives the
best result on both sets (100.0% of mutated provisions and 96.8% of real ones exactly
right), 0.3 starts pairing unrelated provisions in the mutations and 0.5 loses a real
rewording scored 0.45 (`回顾其…第54/181号决议` -> `又回顾…第68/160号决议`, GA 55/109 ->
HRC 25/3). 0.4 is the middle of that plateau. For scale: between two different provisions
of one resolution the median score is 0.14–0.19 and the highest 0.47–0.56 (two clauses on
one subject), while lightly edited provisions score above 0.8 and provisions whose reference
list was replaced about 0.6–0.75. The other values were set from those distributions and
are confirmed, not tuned, by the benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ResdiffError

DEFAULT_THRESHOLD = 0.4
"""Reworded vs replaced: a provision matched on content alone, anywhere in the document,
must share at least this much (2·LCS / total tokens) with its partner; below that it is
removed + added."""

DEFAULT_GAP_THRESHOLD = 0.35
"""Between the same anchors position is evidence, so less content is needed: above the
typical score of unrelated provisions, below that of a heavily reworded one."""

DEFAULT_NEAR_THRESHOLD = 0.8
"""Near-identical: a light edit (a date, a reference, a verb)."""

DEFAULT_SPLIT_MARGIN = 0.1
"""A split (merge) must beat the best single partner by this much: "clearly better"."""


@dataclass(frozen=True)
class AlignOptions:
    threshold: float = DEFAULT_THRESHOLD
    """Minimum score for a match made on content alone (`content`, `split`, `merge`)."""
    gap_threshold: float = DEFAULT_GAP_THRESHOLD
    """Minimum score for a match made in order between the same anchors (`gap`)."""
    near_threshold: float = DEFAULT_NEAR_THRESHOLD
    """Minimum score for the near-identical pass."""
    split_margin: float = DEFAULT_SPLIT_MARGIN
    """How much a concatenation must beat the best single partner."""

    def __post_init__(self) -> None:
        for name in ("threshold", "gap_threshold", "near_threshold"):
            value = getattr(self, name)
            if not 0.0 < value <= 1.0:
                raise ResdiffError(f"{name} must be in (0, 1], not {value}")
