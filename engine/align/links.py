"""The aligner's output vocabulary: which old provisions became which new ones, and how
each link was made, so that every result can be explained."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .options import UNCERTAIN_BELOW

Method = Literal["identical", "near-identical", "cut", "gap", "contained", "content", "split", "merge"]
"""How a link was made, in the order of the passes:

- `identical`: equal after folding and unique on both sides (a Heckel anchor), or a repeated
  identical text paired in order inside a gap;
- `near-identical`: the mutual best match anywhere, with a score of at least `near_threshold`
  (and of `threshold`, if higher);
- `cut`: the last provision of an excerpt, cut short mid-sentence, whose words (folded) are
  the beginning of a provision of the other version: the same provision, cut;
- `gap`: matched in order between the same anchors with a score of at least `threshold`;
- `contained`: matched in order between the same anchors because the shorter text lies almost
  whole (at least 80%, or `threshold` if higher) in the longer one, whatever the score: a
  reference list cut from a paragraph. The one kind of link that may score below `threshold`;
- `content`: matched anywhere on content alone, score at least `threshold` (moved and edited);
- `split` / `merge`: one old provision against the concatenation of consecutive new ones, or
  the reverse; or one provision covered by several parts that each lie mostly in it
  (`coverage`: parts need not be neighbours), with an unmatched chapeau joined to the part
  below it.
"""


@dataclass(frozen=True)
class Link:
    """One aligned group of provisions, by position (0-based) in each document."""

    old: tuple[int, ...]
    """Positions in the old document: one, or several (in order) for a merge."""
    new: tuple[int, ...]
    """Positions in the new document: one, or several (in order) for a split."""
    method: Method
    """The pass that made the link."""
    score: float
    """Token similarity in [0, 1] (1.0 only when equal after folding)."""
    moved: bool = False
    """True when the link lies outside the stable backbone (the longest increasing
    subsequence of new positions in old order): it changed place relative to its
    neighbours, rather than being renumbered by an insertion or deletion above it."""

    @property
    def uncertain(self) -> bool:
        """A 1:1 pair made by position (`gap`) or by wording alone (`content`) at a score
        two different provisions of one text also reach (`UNCERTAIN_BELOW`): perhaps one
        provision removed and another added. Kept, but said so wherever it is shown."""
        return uncertain_pairing(self.method, self.score)


def uncertain_pairing(method: str, score: float) -> bool:
    """Whether a pairing made by `method` at `score` is uncertain (see `Link.uncertain`)."""
    return method in ("gap", "content") and score < UNCERTAIN_BELOW


@dataclass(frozen=True)
class Group:
    """A split (one old position, several new) or a merge (several old, one new), found
    before moves are known."""

    old: tuple[int, ...]
    new: tuple[int, ...]
    score: float


@dataclass(frozen=True)
class Alignment:
    """Every provision of both documents, in exactly one link or in `removed`/`added`."""

    links: tuple[Link, ...]
    """Sorted by first new position."""
    removed: tuple[int, ...]
    """Old positions with no partner."""
    added: tuple[int, ...]
    """New positions with no partner."""
