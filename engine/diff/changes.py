"""The change vocabulary: what `compare` returns and every renderer consumes.

One `Change` per aligned group of provisions. Changes carry provision *ids*, not texts, so
a renderer looks the provisions up in `Diff.old` / `Diff.new` (for printed numbers, kinds and
footnotes), and carry the token-level `ops` from which both texts can be rebuilt exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..align import Method
from ..model import Resolution

ChangeKind = Literal["unchanged", "reworded", "split", "merged", "added", "removed"]
CHANGE_KINDS: tuple[ChangeKind, ...] = ("unchanged", "reworded", "split", "merged", "added", "removed")
OpKind = Literal["equal", "insert", "delete"]
Op = tuple[OpKind, str]
ChangeMethod = Method | Literal["none"]

JOINER = "\n"
"""How the texts of several provisions are joined for the ops of a split or a merge: one
newline between consecutive provisions, so the ops rebuild `JOINER.join(texts)` on each side
and the boundary stays visible (it is whitespace, so it is not itself a change)."""


@dataclass(frozen=True)
class Change:
    """The fate of one aligned group of provisions."""

    kind: ChangeKind
    """`unchanged` (equal after folding whitespace and punctuation width; renumbering alone is
    not a change), `reworded` (1:1 with edits), `split` (one old, several new), `merged`
    (several old, one new), `added` (no old), `removed` (no new)."""
    old: tuple[str, ...]
    """Ids of the old provisions, in document order; empty when added."""
    new: tuple[str, ...]
    """Ids of the new provisions, in document order; empty when removed."""
    moved: bool
    """The provisions changed place relative to their neighbours (outside the longest
    increasing subsequence of matches), or crossed between preamble and operative part."""
    similarity: float
    """Token similarity of old and new in [0, 1], 4 decimals; 1.0 only when unchanged in
    wording, 0.0 for added and removed."""
    ops: tuple[Op, ...]
    """Token-level edit script: joining the non-insert texts gives the old text(s), joining
    the non-delete texts the new one(s) (several texts joined with `JOINER`)."""
    method: ChangeMethod
    """How the alignment made the match (`identical`, `near-identical`, `gap`, `content`,
    `split`, `merge`), or `none` for added and removed provisions."""


@dataclass(frozen=True)
class Diff:
    """Two versions of a resolution and the changes from the first to the second."""

    old: Resolution
    """The earlier version."""
    new: Resolution
    """The later version."""
    changes: tuple[Change, ...]
    """In new-document order; removed provisions after the entry of their nearest preceding
    old neighbour that kept its place."""

    @property
    def summary(self) -> dict[str, int]:
        """Count per kind (every kind, in a fixed order) and of moved changes."""
        counts: dict[str, int] = dict.fromkeys(CHANGE_KINDS, 0)
        for change in self.changes:
            counts[change.kind] += 1
        counts["moved"] = sum(change.moved for change in self.changes)
        return counts


def summary_line(diff: Diff) -> str:
    """`summary: 30 unchanged, 2 reworded, 1 added (3 moved)`: kinds with a count, in order."""
    counts = diff.summary
    parts = [f"{counts[kind]} {kind}" for kind in CHANGE_KINDS if counts[kind]]
    line = "summary: " + (", ".join(parts) if parts else "no provisions")
    if counts["moved"]:
        line += f" ({counts['moved']} moved)"
    return line
