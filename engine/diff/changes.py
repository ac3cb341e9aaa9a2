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

ChangeKind = Literal["heading", "unchanged", "reworded", "split", "merged", "added", "removed"]
CHANGE_KINDS: tuple[ChangeKind, ...] = (
    "heading",
    "unchanged",
    "reworded",
    "split",
    "merged",
    "added",
    "removed",
)
HeadingField = Literal["title", "body_line"]
HEADING_FIELDS: dict[HeadingField, str] = {"title": "title", "body_line": "body line"}
"""The identity fields a diff compares, with their names in words. Title and body line are
what the text says about itself (`人权理事会，` -> `大会，` is another organ acting); symbol,
number, session, dates, agenda item, meeting and vote differ between any two versions, and
comparing two versions is the normal use, so they are not changes."""
OpKind = Literal["equal", "insert", "delete"]
Op = tuple[OpKind, str]
ChangeMethod = Method | Literal["none"]

JOINER = "\n"
"""How the texts of several provisions are joined for the ops of a split or a merge: one
newline between consecutive provisions, so the ops rebuild `JOINER.join(texts)` on each side
and the boundary stays visible (it is whitespace, so it is not itself a change)."""


@dataclass(frozen=True)
class FootnoteChange:
    """A footnote of a provision that says something else in the new version (a cited report
    `A/HRC/24/56` -> `A/HRC/27/56`), or that only one version has. Markers are renumbered
    freely, so they are carried but never compared."""

    old: str | None
    """The old marker; None when the new provision has a footnote the old one lacks."""
    new: str | None
    """The new marker; None when the footnote was dropped."""
    ops: tuple[Op, ...]
    """Token-level edit script from the old footnote text to the new one."""


@dataclass(frozen=True)
class Change:
    """The fate of one aligned group of provisions."""

    kind: ChangeKind
    """`heading` (the title or the body line says something else: see `HEADING_FIELDS`),
    `unchanged` (equal after folding whitespace and punctuation width; renumbering alone is
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
    """How the alignment made the match (`identical`, `near-identical`, `gap`, `contained`,
    `content`, `split`, `merge`), or `none` for added and removed provisions and headings."""
    field: HeadingField | None = None
    """For a `heading` change (ids empty on both sides): which identity field changed."""
    cut: Literal["old", "new"] | None = None
    """Set when that side's provision is the last of an excerpt, cut short mid-sentence, and
    its words are the beginning of the other side's: `unchanged` as far as it goes (the ops
    carry the rest as an insert, or a delete, that is not an edit)."""
    footnotes: tuple[FootnoteChange, ...] = ()
    """What the provisions' footnotes say differently (empty when the footnotes are
    ignored); a provision whose wording is the same but a footnote is not is `reworded`."""
    uncertain: bool = False
    """A pair made by position (`gap`) or by wording alone (`content`) at a similarity two
    different provisions of one text also reach (below `engine.align.UNCERTAIN_BELOW`): it
    may be one provision removed and another added. Every output says so."""


@dataclass(frozen=True)
class Diff:
    """Two versions of a resolution and the changes from the first to the second."""

    old: Resolution
    """The earlier version."""
    new: Resolution
    """The later version."""
    changes: tuple[Change, ...]
    """Heading changes first; then provisions in new-document order, removed provisions after
    the entry of their nearest preceding old neighbour that kept its place."""

    @property
    def summary(self) -> dict[str, int]:
        """Count per kind (every kind, in a fixed order) and of moved changes."""
        counts: dict[str, int] = dict.fromkeys(CHANGE_KINDS, 0)
        for change in self.changes:
            counts[change.kind] += 1
        counts["moved"] = sum(change.moved for change in self.changes)
        return counts

    @property
    def uncertain(self) -> int:
        """How many pairings are uncertain (`Change.uncertain`)."""
        return sum(change.uncertain for change in self.changes)


def summary_line(diff: Diff) -> str:
    """`summary: 1 heading (title), 30 unchanged, 2 reworded, 1 added (3 moved, 1 uncertain
    pairing)`: kinds with a count, in order; the heading count names its fields."""
    counts = diff.summary
    parts = [f"{counts[kind]} {kind}" for kind in CHANGE_KINDS if counts[kind]]
    if counts["heading"]:
        fields = [HEADING_FIELDS[c.field] for c in diff.changes if c.field is not None]
        parts[0] += f" ({', '.join(fields)})"
    line = "summary: " + (", ".join(parts) if parts else "no provisions")
    extra = [f"{counts['moved']} moved"] if counts["moved"] else []
    if diff.uncertain:
        extra.append(f"{diff.uncertain} uncertain pairing{'s' if diff.uncertain > 1 else ''}")
    if extra:
        line += f" ({', '.join(extra)})"
    return line
