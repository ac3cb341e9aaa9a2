"""The amendment vocabulary: one small frozen type per operation, as negotiators write them.

Like xmldiff's actions, an amendment list is plain data: `derive` yields it from a `Diff`,
`apply` patches a base text with it, and the renderers (`text`, JSON) turn it into what a
delegation circulates. Every amendment names its target by *base* id (`op12`, `pp3`,
`op16.a`) and by the reference printed in the base text ("the third preambular paragraph",
"operative paragraph 12"), so that a list can be read without the ids and checked against
them. Amendments in one list all refer to the base as it stood before any of them (as a
real list does), so their order does not change the result, except for several insertions
or moves anchored at the same place, which land in list order.

Word amendments quote words of the target provision: `old` (replaced or deleted) and
`anchor` (the words an insertion goes before or after) occur exactly once in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..errors import AmendmentError

Part = Literal["pp", "op"]
Position = Literal["before", "after"]


@dataclass(frozen=True)
class Piece:
    """A provision an amendment writes: its text and where it stands in the structure
    (`part` pp/op, `depth` 0 for a paragraph, 1 for a lettered subparagraph, 2 for a roman one)."""

    text: str
    part: Part = "op"
    depth: int = 0


@dataclass(frozen=True)
class ReplaceWords:
    """In <ref>, replace "<old>" with "<new>"."""

    target: str
    ref: str
    old: str
    new: str
    proposer: str | None = None


@dataclass(frozen=True)
class InsertWords:
    """In <ref>, after (before) the words "<anchor>", insert "<new>"."""

    target: str
    ref: str
    anchor: str
    new: str
    position: Position = "after"
    proposer: str | None = None


@dataclass(frozen=True)
class DeleteWords:
    """In <ref>, delete "<old>"."""

    target: str
    ref: str
    old: str
    proposer: str | None = None


@dataclass(frozen=True)
class InsertProvision:
    """After (before) <ref>, insert new paragraphs reading: "..." (one or more, in order)."""

    target: str
    ref: str
    pieces: tuple[Piece, ...]
    position: Position = "after"
    proposer: str | None = None


@dataclass(frozen=True)
class DeleteProvision:
    """Delete <ref>, or delete <first> to <last> (operative paragraphs 5 to 7, the second to
    fourth preambular paragraphs): one action whether it takes one provision or a run, as
    a negotiator writes one line for either. `targets` are every base provision it takes, in
    base order (a typed range takes the subparagraphs inside it too); `refs` their
    references, one each. A deletion of one provision has one of each (`DeleteProvision.one`)."""

    targets: tuple[str, ...]
    refs: tuple[str, ...]
    proposer: str | None = None

    @classmethod
    def one(cls, target: str, ref: str, proposer: str | None = None) -> DeleteProvision:
        """The deletion of one provision."""
        return cls((target,), (ref,), proposer)


@dataclass(frozen=True)
class ReplaceProvision:
    """Replace <ref> with the following: "..." (the provision whole, to read)."""

    target: str
    ref: str
    new: str
    proposer: str | None = None


@dataclass(frozen=True)
class MoveProvision:
    """Move <ref> to stand after (before) <anchor_ref>; `part`/`depth` say what it becomes
    there (a preambular paragraph moved into the operative part is an operative one). Word
    amendments of the same provision in the same list apply to it as well."""

    target: str
    ref: str
    anchor: str
    anchor_ref: str
    position: Position = "after"
    part: Part = "op"
    depth: int = 0
    proposer: str | None = None


@dataclass(frozen=True)
class Split:
    """Replace <ref> with the following paragraphs: "...", "..." (one provision becomes several)."""

    target: str
    ref: str
    pieces: tuple[Piece, ...]
    proposer: str | None = None


@dataclass(frozen=True)
class Merge:
    """Merge <refs> into one paragraph reading: "..." (it stands where the first stood)."""

    targets: tuple[str, ...]
    refs: tuple[str, ...]
    new: Piece
    proposer: str | None = None


WordAmendment = ReplaceWords | InsertWords | DeleteWords
Amendment = (
    ReplaceWords
    | InsertWords
    | DeleteWords
    | InsertProvision
    | DeleteProvision
    | ReplaceProvision
    | MoveProvision
    | Split
    | Merge
)
OPERATIONS: dict[str, type[Amendment]] = {
    "replace-words": ReplaceWords,
    "insert-words": InsertWords,
    "delete-words": DeleteWords,
    "insert-provision": InsertProvision,
    "delete-provision": DeleteProvision,
    "replace-provision": ReplaceProvision,
    "move-provision": MoveProvision,
    "split": Split,
    "merge": Merge,
}
"""The operation name each type has in `resdiff.amendments/1`."""
OPERATION_OF: dict[type[Amendment], str] = {cls: name for name, cls in OPERATIONS.items()}


def targets(amendment: Amendment) -> tuple[str, ...]:
    """The base ids an amendment touches (for a move, the provision moved)."""
    return amendment.targets if isinstance(amendment, Merge | DeleteProvision) else (amendment.target,)


def described(amendment: Amendment) -> str:
    """The references an amendment names, as a message says them."""
    if isinstance(amendment, Merge | DeleteProvision):
        return " and ".join(amendment.refs)
    return amendment.ref


@dataclass(frozen=True)
class AmendmentList:
    """A list as circulated: its amendments, the language of their words and references, the
    base text's symbol and the proposer of the whole list, when known."""

    amendments: tuple[Amendment, ...]
    language: str
    base: str | None = None
    proposer: str | None = None
    source: str | None = field(default=None, compare=False)
    """The file the list was read from (provenance, not content)."""
    lines: tuple[int, ...] = field(default=(), compare=False)
    """The line each amendment starts on in a typed list (empty for JSON), so that an
    amendment that cannot be applied is named by its line."""
    unread: tuple[AmendmentError, ...] = field(default=(), compare=False)
    """Amendments of a typed list that could not be read against the base (a paragraph it
    lacks, a line that is no amendment), left out when reading was asked to go on
    (`--continue`); each names its file and line."""
    unexpressed: tuple[str, ...] = field(default=(), compare=False)
    """What `derive` saw change but no amendment can say (a footnote's text, a footnote
    added or dropped): applying the list will not make these changes, so the command says
    them instead of letting the list pass for the whole difference."""

    ordinals: tuple[int, ...] = field(default=(), compare=False)
    """Each amendment's place in its typed list (1-based) when some were left unread, so
    that "amendment 3" still names the third of the file; empty: their index + 1."""

    def where(self, index: int) -> int | None:
        return self.lines[index] if index < len(self.lines) else None

    @property
    def numbers(self) -> tuple[int, ...]:
        """What each amendment is called in messages: its place in the list as typed (so that
        "amendment 3" is the third of the file when a line before it was left unread), else
        its place in `amendments`. `apply` names amendments by these numbers itself."""
        return self.ordinals or tuple(range(1, len(self.amendments) + 1))

    def placed(self, exc: AmendmentError) -> AmendmentError:
        """`exc` (from applying these amendments, numbered by `numbers`) with the list's file
        and the amendment's line."""
        line = self.where(exc.index) if exc.index is not None else None
        return AmendmentError(exc.message, path=self.source, line=line, index=exc.index)
