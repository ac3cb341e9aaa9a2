"""A facilitator's compilation text: the base with every delegation's proposals at the place
they touch, attributed (`compile_lists(base, lists) -> Compilation`).

The model follows the conventions of negotiation drafts (shared/UN-RESOLUTIONS.md): each
base provision keeps its negotiation label (`PP3`, `OP5`, `OP16 (a)`), and a new paragraph
proposed gets a label that never shifts the others (`OP5 bis`, `OP5 ter`, ...). Every list
is first checked against the base as `apply` checks it (a list whose amendment cannot be
applied stops the compilation, or with `keep_going` leaves that amendment out and reports
it). Then proposals are gathered:

- identical proposals from several delegations (same operation, target and words, whatever
  the reference was typed as) are one `Proposal` naming all of them;
- word proposals on one provision whose words overlap (the quoted words or the edit) are one
  `WordGroup`, conflicting when it holds more than one proposal;
- proposals that rewrite a provision whole (delete, replace, split, merge) conflict with
  each other and with any word proposal on it, two moves conflict, and so do a move and a
  deletion (or a merge into the paragraph before): exactly the pairs `apply` refuses as
  overlapping, so a single list that applies has no conflict;
- a proposal conflicting on one provision conflicts wherever it stands (a merge spans several);
- the title and the body line take proposals as a provision does (their words amended, or
  replaced whole): `Compilation.headings`.

Renderers (text, md, html, json, docx) only read this model.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..errors import AmendmentError, InputError
from ..model import Provision, Resolution
from .actions import (
    Amendment,
    AmendmentList,
    DeleteProvision,
    DeleteWords,
    InsertProvision,
    InsertWords,
    Merge,
    MoveProvision,
    ReplaceWords,
    Split,
    targets,
)
from .apply import Edit, Patcher, apply_what_applies, word_edit
from .labels import Labeller, labels
from .refs import HEADINGS, heading_text

WORD_TYPES = (ReplaceWords, InsertWords, DeleteWords)
NO_PROPOSER = (
    "no proposer: give the list a first line 'Proposed by: NAME' (提案方：NAME), a "
    '"proposer" in its JSON, or name it with --as NAME'
)


@dataclass(frozen=True)
class Place:
    """Where a proposal was read: its list's file and, for a typed list, its line."""

    source: str | None
    line: int | None


@dataclass(frozen=True)
class Proposal:
    """One amendment as proposed, by everyone who proposed it the same way (in list order).
    `amendment` has no proposer: `proposers` names them."""

    amendment: Amendment
    proposers: tuple[str, ...]
    places: tuple[Place, ...]
    conflicting: bool = False


@dataclass(frozen=True)
class WordGroup:
    """Word proposals on one provision whose words overlap; `start:end` is the span of the base
    words they quote (replaced, deleted, or the anchor of an insertion)."""

    start: int
    end: int
    words: str
    proposals: tuple[tuple[Proposal, Edit], ...]

    @property
    def conflicting(self) -> bool:
        return len(self.proposals) > 1


@dataclass(frozen=True)
class Entry:
    """One row of the compilation: a base provision with the proposals on it, or a new
    provision proposed (`provision` None; `new` the proposal, `text` its words), or a
    provision moved here (`moved_from` its label; `text` what it reads once moved)."""

    label: str
    part: str
    depth: int
    provision: Provision | None = None
    groups: tuple[WordGroup, ...] = ()
    whole: tuple[Proposal, ...] = ()
    conflicting: bool = False
    """Proposals on the provision as a whole conflict (two rewrites, two moves, a rewrite and
    word proposals): none can be taken without setting the others aside."""
    new: Proposal | None = None
    text: str = ""
    moved_from: str | None = None
    split_labels: tuple[str, ...] = ()
    """The labels of the paragraphs a (non-conflicting) split proposal adds after the first."""
    heading: str | None = None
    """`title` or `body-line` for the words above the paragraphs (`Compilation.headings`):
    `text` is then the base's words, `label` empty; proposals on them are word proposals
    (`groups`) or a replacement whole (`whole`)."""

    @property
    def base_text(self) -> str:
        if self.heading is not None:
            return self.text
        return self.provision.text if self.provision is not None else ""


@dataclass(frozen=True)
class Submitted:
    """One list as given: its file, the proposer it was compiled under, how many of its
    amendments were compiled."""

    source: str | None
    proposer: str
    amendments: int


@dataclass(frozen=True)
class StructureWarning:
    """Proposals that each apply to the base and conflict with nothing, but together give no
    valid structure (one list moves an operative paragraph after a preambular one, another
    inserts a preambular paragraph there): accepting all of them gives no resolution."""

    message: str
    """What is wrong with the text they give together (`pp3 comes after an operative paragraph`)."""
    proposals: tuple[Proposal, ...]
    """The proposals that clash, in list order: the later one and each earlier one it
    clashes with alone (all the earlier ones when no single one does)."""


@dataclass(frozen=True)
class Compilation:
    """Every list's proposals placed on one base text, attributed, as a facilitator
    circulates them; what could not be placed is kept (`failed`), never dropped."""

    base: Resolution
    language: str
    entries: tuple[Entry, ...]
    lists: tuple[Submitted, ...]
    failed: tuple[AmendmentError, ...] = field(default=())
    """Amendments left out because they cannot be applied to the base (`keep_going`)."""
    proposals: tuple[Proposal, ...] = ()
    """Every distinct proposal once, in the order the lists give them (the first list's, then
    the next's that are new): the order `apply` would take them in."""
    warnings: tuple[StructureWarning, ...] = ()
    """Proposals that conflict with nothing yet together give no valid structure."""
    headings: tuple[Entry, ...] = ()
    """The title and the body line, as the base has them (`Entry.heading`), with the
    proposals on them: a compilation circulates as the next draft, words above its
    paragraphs included, and a list amends them as it amends a paragraph."""

    @property
    def proposers(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for entry in (*self.headings, *self.entries):
            for proposal in _proposals_of(entry):
                seen.update(dict.fromkeys(proposal.proposers))
        return tuple(seen)

    @property
    def conflicts(self) -> int:
        """Places where proposals conflict: word groups, provisions, the title and body line."""
        every = (*self.headings, *self.entries)
        return sum(g.conflicting for e in every for g in e.groups) + sum(e.conflicting for e in every)


def _proposals_of(entry: Entry) -> list[Proposal]:
    out = [p for g in entry.groups for p, _ in g.proposals] + list(entry.whole)
    return out + ([entry.new] if entry.new is not None else [])


def _removes(amendment: Amendment, pid: str) -> bool:
    """Whether `amendment` takes provision `pid` out of the text (deletes it, or merges it into
    the paragraph before it): moving it too is a contradiction `apply` refuses."""
    if isinstance(amendment, Merge):
        return amendment.targets[0] != pid
    return isinstance(amendment, DeleteProvision)


def _key(amendment: Amendment) -> Amendment:
    """What makes two proposals the same: everything but the proposer and how references
    were typed ("PP2" and "the second preambular paragraph" name one paragraph)."""
    if isinstance(amendment, Merge | DeleteProvision):
        return dataclasses.replace(amendment, proposer=None, refs=())
    if isinstance(amendment, MoveProvision):
        return dataclasses.replace(amendment, proposer=None, ref="", anchor_ref="")
    return dataclasses.replace(amendment, proposer=None, ref="")


def _checked(
    base: Resolution, listed: AmendmentList, keep_going: bool
) -> tuple[set[int], list[AmendmentError]]:
    """The places of the amendments that cannot be applied, and their errors (with file and
    line); without `keep_going` the first is raised, as `apply` raises it."""

    placed = listed.placed

    if listed.language != base.meta.language:
        where = f"{listed.source}: " if listed.source else ""
        raise InputError(
            f"{where}the amendments are in {listed.language} and the base text in {base.meta.language}; "
            "a list quotes the words of its base, in its language"
        )
    try:
        if not keep_going:
            Patcher(base, listed.language, listed.numbers).apply(listed.amendments)
            return set(), []
        _, failed = apply_what_applies(base, listed.amendments, listed.language, listed.numbers)
    except AmendmentError as exc:
        raise placed(exc) from None
    failed = [placed(exc) for exc in failed]
    return {exc.index for exc in failed if exc.index is not None}, failed


@dataclass
class _Gathered:
    """One distinct proposal while the lists are read: its proposers and places grow as
    identical proposals from other lists are merged into it."""

    amendment: Amendment
    proposers: list[str]
    places: list[Place]
    order: int
    conflicting: bool = False

    def frozen(self) -> Proposal:
        return Proposal(self.amendment, tuple(self.proposers), tuple(self.places), self.conflicting)


def _proposer(listed: AmendmentList, amendment: Amendment, name: str | None) -> str:
    proposer = name or amendment.proposer or listed.proposer
    if not proposer:
        raise AmendmentError(NO_PROPOSER, path=listed.source)
    return proposer


def compile_lists(
    base: Resolution,
    lists: Sequence[AmendmentList],
    names: Sequence[str | None] = (),
    *,
    keep_going: bool = False,
) -> Compilation:
    """The compilation of `lists` on `base`; `names[k]` (when given and not None) is the
    proposer of every amendment of list k (`--as`), else an amendment's own proposer, else
    its list's."""
    language = base.meta.language
    # An amendment and how many of the same came before it in its own list: a list that
    # inserts the same paragraph twice gets it twice from `apply`, so the compilation shows
    # it twice (one list's repeat is no second delegation's identical proposal).
    gathered: dict[tuple[Amendment, int], _Gathered] = {}
    failures: list[AmendmentError] = []
    submitted: list[Submitted] = []
    for k, listed in enumerate(lists):
        name = names[k] if k < len(names) else None
        skip, failed = _checked(base, listed, keep_going)
        failures += [*listed.unread, *failed]
        kept = 0
        repeats: dict[Amendment, int] = {}
        for index, amendment in enumerate(listed.amendments):
            if index in skip:
                continue
            kept += 1
            proposer = _proposer(listed, amendment, name)
            place = Place(listed.source, listed.where(index))
            same = _key(amendment)
            repeats[same] = repeats.get(same, 0) + 1
            key = (same, repeats[same])
            if key not in gathered:
                gathered[key] = _Gathered(
                    dataclasses.replace(amendment, proposer=None), [], [], len(gathered)
                )
            g = gathered[key]
            if proposer not in g.proposers:
                g.proposers.append(proposer)
            g.places.append(place)
        submitted.append(Submitted(listed.source, _list_proposer(listed, name), kept))
    return _Builder(base, language, list(gathered.values())).build(tuple(submitted), tuple(failures))


def _list_proposer(listed: AmendmentList, name: str | None) -> str:
    """Who a list is from: `--as`, its header, else its first amendment's proposer."""
    found = name or listed.proposer or next((a.proposer for a in listed.amendments if a.proposer), None)
    if not found:
        raise AmendmentError(NO_PROPOSER, path=listed.source)
    return found


class _Builder:
    """Places the gathered proposals on the base provisions, finds conflicts, labels."""

    def __init__(self, base: Resolution, language: str, proposals: list[_Gathered]) -> None:
        self.base = base
        self.language = language
        self.proposals = proposals
        # The title and the body line stand as paragraphs do here (words and whole), by
        # their target names: only their words are amended, or they are replaced whole.
        self.headings = {t: text for t in HEADINGS if (text := heading_text(base, t)) is not None}
        self.texts = {p.id: p.text for p in base.provisions} | self.headings
        self.words: dict[str, list[_Gathered]] = {pid: [] for pid in self.texts}
        self.whole: dict[str, list[_Gathered]] = {pid: [] for pid in self.texts}
        self.anchored: dict[str, list[_Gathered]] = {p.id: [] for p in base.provisions}
        for g in proposals:
            a = g.amendment
            if isinstance(a, WORD_TYPES):
                self.words[a.target].append(g)
            elif isinstance(a, InsertProvision):
                self.anchored[a.target].append(g)
            else:
                for pid in targets(a):
                    self.whole[pid].append(g)
                if isinstance(a, MoveProvision):
                    self.anchored[a.anchor].append(g)

    def _groups(self, pid: str) -> list[list[tuple[_Gathered, Edit]]]:
        """Interval merge of the word proposals' spans (quoted words and edit together) on
        provision (or heading) `pid`."""
        items = []
        for g in self.words[pid]:
            edit = word_edit(self.texts[pid], g.amendment, g.order, self.language)  # type: ignore[arg-type]
            lo, hi = min(edit.claim[0], edit.start), max(edit.claim[1], edit.end)
            items.append((lo, hi, g, edit))
        items.sort(key=lambda item: (item[0], item[1], item[2].order))
        groups: list[list[tuple[_Gathered, Edit]]] = []
        end = -1
        for lo, hi, g, edit in items:
            if groups and lo < end:
                groups[-1].append((g, edit))
                end = max(end, hi)
            else:
                groups.append([(g, edit)])
                end = hi
        return [sorted(group, key=lambda item: item[0].order) for group in groups]

    def _conflicts(self, grouped: dict[str, list[list[tuple[_Gathered, Edit]]]]) -> set[str]:
        """The provisions whose whole-provision proposals conflict; marks the proposals."""
        conflicted: set[str] = set()
        for pid in self.texts:
            for group in grouped[pid]:
                if len(group) > 1:
                    for g, _ in group:
                        g.conflicting = True
            whole = self.whole[pid]
            moves = [g for g in whole if isinstance(g.amendment, MoveProvision)]
            rewrites = [g for g in whole if not isinstance(g.amendment, MoveProvision)]
            words_conflict = any(len(group) > 1 for group in grouped[pid])
            if (
                len(rewrites) > 1
                or len(moves) > 1
                or (rewrites and grouped[pid])
                or (moves and words_conflict)
                or (moves and any(_removes(g.amendment, pid) for g in rewrites))
            ):
                conflicted.add(pid)
        changed = True
        while changed:  # a proposal conflicting anywhere conflicts everywhere it stands
            changed = False
            for pid in conflicted:
                for g in self.whole[pid] + [g for group in grouped[pid] for g, _ in group]:
                    if not g.conflicting:
                        g.conflicting = changed = True
            for g in self.proposals:
                if g.conflicting and not isinstance(g.amendment, (InsertProvision, *WORD_TYPES)):
                    for pid in targets(g.amendment):
                        if pid not in conflicted:
                            conflicted.add(pid)
                            changed = True
        return conflicted

    def _moved_text(self, p: Provision) -> list[Provision]:
        """What a moved provision reads at its new place: the base provision with every
        (non-conflicting) proposal on it made, as `apply` makes them."""
        patcher = Patcher(self.base, self.language)
        on_it = sorted(self.words[p.id] + self.whole[p.id], key=lambda g: g.order)
        patcher.collect([g.amendment for g in on_it])
        return patcher.outcome(p.id)

    def _word_groups(self, pid: str, grouped: list[list[tuple[_Gathered, Edit]]]) -> tuple[WordGroup, ...]:
        text = self.texts[pid]
        out = []
        for group in grouped:
            start, end = min(e.claim[0] for _, e in group), max(e.claim[1] for _, e in group)
            out.append(WordGroup(start, end, text[start:end], tuple((g.frozen(), e) for g, e in group)))
        return tuple(out)

    def build(self, submitted: tuple[Submitted, ...], failed: tuple[AmendmentError, ...]) -> Compilation:
        grouped = {pid: self._groups(pid) for pid in self.texts}
        conflicted = self._conflicts(grouped)
        labeller = Labeller(self.base)
        label = labeller.label

        entries: list[Entry] = []

        def anchored(p: Provision, position: str) -> None:
            for g in self.anchored[p.id]:
                a = g.amendment
                if isinstance(a, InsertProvision) and a.position == position:
                    shape = [(piece.part, piece.depth) for piece in a.pieces]
                    for piece, new in zip(a.pieces, labeller.pieces(p, position, shape), strict=True):
                        entries.append(Entry(new, piece.part, piece.depth, new=g.frozen(), text=piece.text))
                elif isinstance(a, MoveProvision) and a.position == position:
                    moved = self.base.provision(a.target)
                    texts = [moved.text] if g.conflicting else [q.text for q in self._moved_text(moved)]
                    news = labeller.pieces(p, position, [(a.part, a.depth)] * len(texts))
                    for text, new in zip(texts, news, strict=True):
                        entries.append(
                            Entry(new, a.part, a.depth, new=g.frozen(), text=text, moved_from=label[a.target])
                        )

        for p in self.base.provisions:
            anchored(p, "before")
            groups = self._word_groups(p.id, grouped[p.id])
            whole = tuple(g.frozen() for g in sorted(self.whole[p.id], key=lambda g: g.order))
            split = next((g.amendment for g in self.whole[p.id] if isinstance(g.amendment, Split)), None)
            if any(isinstance(g.amendment, MoveProvision) for g in self.whole[p.id]):
                split = None  # its pieces stand where it is moved, labelled there
            # A split's pieces after the first are new paragraphs after it: labelled as `apply`
            # labels them (before what is inserted after it), unless the split is in conflict.
            after = (
                labeller.pieces(p, "after", [(q.part, q.depth) for q in split.pieces[1:]])
                if (split is not None and p.id not in conflicted)
                else []
            )
            entries.append(
                Entry(
                    label[p.id],
                    p.part,
                    p.depth,
                    p,
                    groups,
                    whole,
                    p.id in conflicted,
                    split_labels=tuple(after),
                )
            )
            labeller.passed(p)
            anchored(p, "after")
        headings = tuple(
            Entry(
                "",
                "",
                0,
                groups=self._word_groups(target, grouped[target]),
                whole=tuple(g.frozen() for g in sorted(self.whole[target], key=lambda g: g.order)),
                conflicting=target in conflicted,
                text=text,
                heading=target,
            )
            for target, text in self.headings.items()
        )
        proposals = tuple(g.frozen() for g in self.proposals)
        warnings = tuple(self._structure())
        return Compilation(
            self.base, self.language, tuple(entries), submitted, failed, proposals, warnings, headings
        )

    def _structure(self) -> list[StructureWarning]:
        """Warnings for proposals that conflict with nothing but together give no valid
        structure. Each list applies alone (checked), and conflicting proposals are exactly
        those `apply` refuses, so the only error left is the structure as a whole; only
        proposals on provisions (not words) can make it. They are added in list order, and
        one that breaks the structure is named with the earlier ones it breaks it with (each
        tried alone with it; all of them when none alone does), then left out to look on."""

        def fault(chosen: list[_Gathered]) -> str | None:
            try:
                Patcher(self.base, self.language).apply([g.amendment for g in chosen])
            except AmendmentError as exc:
                return exc.message.removeprefix("the amended text has no valid structure: ")
            return None

        usable = [g for g in self.proposals if not g.conflicting]
        if fault(usable) is None:
            return []
        words = [g for g in usable if isinstance(g.amendment, WORD_TYPES)]
        kept: list[_Gathered] = []
        out: list[StructureWarning] = []
        for g in usable:
            if isinstance(g.amendment, WORD_TYPES):
                continue
            message = fault(words + kept + [g])
            if message is None:
                kept.append(g)
                continue
            partners = [h for h in kept if fault([h, g]) is not None] or kept
            clash = sorted([*partners, g], key=lambda h: h.order)
            out.append(StructureWarning(message, tuple(h.frozen() for h in clash)))
        return out


__all__ = [
    "Compilation",
    "Entry",
    "Place",
    "Proposal",
    "StructureWarning",
    "Submitted",
    "WordGroup",
    "compile_lists",
    "labels",
]
