"""The aligner's thresholds, in one place.

All scores are token similarities in [0, 1] (rapidfuzz normalised Indel similarity,
2·LCS / (|a| + |b|), over the tokens of `features`).

PROVISIONAL: the defaults below were set by hand from the score distribution of distinct
provisions within real resolutions (HRC 25/3 in Chinese, A/C.3/78/L.41 in English): the
median between two different provisions of one text is 0.14–0.19, the highest 0.47–0.56
(two clauses on the same subject), while lightly edited provisions score above 0.8 and
provisions whose reference list was replaced about 0.6–0.75. They will be re-chosen from the
benchmark's measurements.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ResdiffError

DEFAULT_THRESHOLD = 0.5
"""Reworded vs replaced: a provision matched on content alone, anywhere in the document,
must keep at least half of its tokens (in order); below that it is removed + added."""

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
