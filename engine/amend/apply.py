"""Applying an amendment list to a base text: `apply(base, amendments) -> Resolution`.

A `Patcher` (as in xmldiff) dispatches one handler per action type. Every amendment refers
to the base as it stood before any of them, so the patcher first *collects* what each base
provision becomes (its words edited, replaced, split, merged, deleted, moved; what is
inserted before or after it) and then builds the amended text in one pass over the base.
Word amendments find their quoted words in the base text of the provision; words that are
missing or occur twice, and two amendments that claim the same words, are errors naming the
amendment, never a guess. The amended text is renumbered as the secretariat would: every
printed number follows position (renumbering is never an amendment).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..errors import AmendmentError, ModelError
from ..model import FootnoteRef, Provision, Resolution, renumber
from ..read.openers import body_line_forms, body_line_match
from .actions import (
    Amendment,
    DeleteProvision,
    DeleteWords,
    InsertProvision,
    InsertWords,
    Merge,
    MoveProvision,
    Piece,
    ReplaceProvision,
    ReplaceWords,
    Split,
    WordAmendment,
    described,
)
from .labels import Labeller, number_of
from .refs import HEADINGS, heading_text, reference

UNSPACED = frozenset({"zh", "ja"})
"""Languages written without spaces between words: inserted words are joined as they are."""
_CLOSING = ",.;:)]”’，。；：）、"


@dataclass(frozen=True)
class Edit:
    """One word edit in base coordinates: `text[start:end]` becomes `new`; `claim` is the
    span of quoted words it rests on (anchor or replaced words), which no other may share."""

    start: int
    end: int
    new: str
    claim: tuple[int, int]
    index: int


def number(index: int, numbers: Sequence[int] = ()) -> int:
    """The number amendment `index` carries in messages: its place in the list as typed
    (`numbers`, kept when some lines could not be read), else its place in `amendments`."""
    return numbers[index] if index < len(numbers) else index + 1


def _where(index: int, amendment: Amendment, numbers: Sequence[int] = ()) -> str:
    return f"amendment {number(index, numbers)} ({described(amendment)})"


def find_once(text: str, words: str, what: str, index: int | None = None) -> int:
    """The start of the one occurrence of `words` in `text`; an error if none or several."""
    if not words:
        raise AmendmentError(f"{what}: no words quoted", index=index)
    first = text.find(words)
    if first < 0:
        raise AmendmentError(f'{what}: the words "{words}" are not in it', index=index)
    count = text.count(words)
    if count > 1:
        raise AmendmentError(
            f'{what}: the words "{words}" occur {count} times in it; quote more of them', index=index
        )
    return first


def word_edit(
    text: str, amendment: WordAmendment, index: int, language: str, numbers: Sequence[int] = ()
) -> Edit:
    """Where a word amendment falls in its provision's base text, and what it writes there.
    Inserted words are joined with a space in spaced languages (none before a closing
    punctuation mark); deleted words take one neighbouring space with them."""
    what = _where(index, amendment, numbers)
    spaced = language not in UNSPACED
    if isinstance(amendment, ReplaceWords):
        s = find_once(text, amendment.old, what, index)
        return Edit(s, s + len(amendment.old), amendment.new, (s, s + len(amendment.old)), index)
    if isinstance(amendment, DeleteWords):
        s = find_once(text, amendment.old, what, index)
        e = s + len(amendment.old)
        claim = (s, e)
        if spaced:
            if s > 0 and text[s - 1] == " " and (e == len(text) or text[e] == " " or text[e] in _CLOSING):
                s -= 1
            elif e < len(text) and text[e] == " ":
                e += 1
        return Edit(s, e, "", claim, index)
    a = find_once(text, amendment.anchor, what, index)
    end = a + len(amendment.anchor)
    new = amendment.new
    if amendment.position == "after":
        if spaced and new[0] not in _CLOSING:
            new = " " + new
        return Edit(end, end, new, (a, end), index)
    if spaced:
        new = new + " "
    return Edit(a, a, new, (a, end), index)


def apply_words(
    text: str, edits: Sequence[tuple[int, WordAmendment]], language: str, numbers: Sequence[int] = ()
) -> tuple[str, Callable[[int], int]]:
    """The text with every word amendment made, and how an offset in the base text maps to
    the amended one (for footnote markers)."""
    placed = sorted(
        (word_edit(text, amendment, index, language, numbers) for index, amendment in edits),
        key=lambda e: (e.claim[0], e.claim[1]),
    )
    for before, after in itertools.pairwise(placed):
        if after.claim[0] < before.claim[1] or after.start < before.end:
            first, second = sorted((before.index, after.index))
            raise AmendmentError(
                f"{_where(second, dict(edits)[second], numbers)} overlaps amendment "
                f"{number(first, numbers)}: both touch the same words",
                index=second,
            )
    ordered = sorted(placed, key=lambda e: (e.start, e.end))
    out: list[str] = []
    position = 0
    for edit in ordered:
        out.append(text[position : edit.start])
        out.append(edit.new)
        position = edit.end
    out.append(text[position:])

    def mapped(offset: int) -> int:
        shift = 0
        for edit in ordered:
            if edit.end <= offset and not (edit.start == edit.end == offset):
                shift += len(edit.new) - (edit.end - edit.start)
            elif edit.start < offset < edit.end:
                return edit.start + shift + len(edit.new)
        return offset + shift

    return "".join(out), mapped


@dataclass
class _Fate:
    """What one base provision becomes."""

    words: list[tuple[int, WordAmendment]] = field(default_factory=list)
    whole: tuple[int, Amendment] | None = None  # delete, replace, split, merge
    merged_into: int | None = None  # index of the Merge that takes this one in (not its first)
    moved: tuple[int, MoveProvision] | None = None
    before: list[tuple[Piece, Provision | None]] = field(default_factory=list)
    after: list[tuple[Piece, Provision | None]] = field(default_factory=list)
    anchored: list[tuple[int, Amendment]] = field(default_factory=list)


CONTEXTS = (6, 10, 16, 24, 40)
"""How many characters of the words before (or after) a footnote marker are looked for in a
rewritten text, shortest first, until they occur there once."""


def carried_markers(sources: Sequence[Provision], texts: Sequence[str]) -> list[tuple[FootnoteRef, ...]]:
    """The footnote markers of the provisions an amendment rewrites whole (replaced, split,
    merged), put into the new texts where the words around them stand: after the words
    before the marker when they occur once across the new texts, else before the words
    after it. A marker whose words are nowhere goes to the end of the last text, so that no
    footnote loses its reference."""
    placed: list[list[FootnoteRef]] = [[] for _ in texts]
    for p in sources:
        for ref in p.footnotes:
            where = _marker_place(p.text, ref.offset, texts)
            k, offset = where if where is not None else (len(texts) - 1, len(texts[-1]))
            placed[k].append(FootnoteRef(ref.marker, offset))
    return [tuple(sorted(refs, key=lambda r: r.offset)) for refs in placed]


def _marker_place(text: str, offset: int, texts: Sequence[str]) -> tuple[int, int] | None:
    left, right = text[:offset], text[offset:]
    for n in CONTEXTS:
        for words, after in ((left[-n:].lstrip(), True), (right[:n].rstrip(), False)):
            if not words.strip():
                continue
            found = [(k, t.find(words)) for k, t in enumerate(texts) for _ in range(t.count(words))]
            if len(found) == 1:
                k, at = found[0]
                return k, at + len(words) if after else at
    if not right.strip():  # the marker ends the provision: it ends the (last) new text
        return len(texts) - 1, len(texts[-1])
    return None


def _placeholder(piece: Piece, number: str = "") -> Provision:
    pid = piece.part + "0" + ".a" * min(piece.depth, 1) + ".i" * max(piece.depth - 1, 0)
    return Provision(pid, "preamble", piece.text, number)


class Patcher:
    """Applies an amendment list to a base; one `_collect_*` handler per action type."""

    def __init__(self, base: Resolution, language: str | None = None, numbers: Sequence[int] = ()) -> None:
        self.base = base
        self.language = language or base.meta.language
        self.numbers = tuple(numbers)  # what each amendment is called in messages (`number`)
        self.fates: dict[str, _Fate] = {p.id: _Fate() for p in base.provisions}
        self.headings: dict[str, _Fate] = {
            target: _Fate() for target in HEADINGS if heading_text(base, target) is not None
        }
        self.handlers: dict[type[Any], Callable[[int, Any], None]] = {
            ReplaceWords: self._collect_words,
            InsertWords: self._collect_words,
            DeleteWords: self._collect_words,
            InsertProvision: self._collect_insert,
            DeleteProvision: self._collect_deletions,
            ReplaceProvision: self._collect_whole,
            Split: self._collect_whole,
            Merge: self._collect_merge,
            MoveProvision: self._collect_move,
        }

    def _where(self, index: int, amendment: Amendment) -> str:
        return _where(index, amendment, self.numbers)

    def _no(self, index: int) -> int:
        return number(index, self.numbers)

    def _fate(self, index: int, amendment: Amendment, pid: str) -> _Fate:
        if pid in HEADINGS:
            return self._heading(index, amendment, pid)
        fate = self.fates.get(pid)
        if fate is None:
            raise AmendmentError(
                f"{self._where(index, amendment)}: the base text has no such provision ({pid})", index=index
            )
        return fate

    def _heading(self, index: int, amendment: Amendment, target: str) -> _Fate:
        """The title or body line: its words can be amended, or it can be replaced whole;
        it is no paragraph to delete, move, split, merge or insert after."""
        name = HEADINGS[target][0]
        fate = self.headings.get(target)
        if fate is None:
            raise AmendmentError(
                f"{self._where(index, amendment)}: the base text has no {name[4:]}", index=index
            )
        if not isinstance(amendment, ReplaceWords | InsertWords | DeleteWords | ReplaceProvision):
            raise AmendmentError(
                f"{self._where(index, amendment)}: {name} is not a paragraph; only its words can be amended",
                index=index,
            )
        return fate

    def _headings(self) -> tuple[str | None, str | None]:
        """The amended title and body line."""
        out = []
        for target in HEADINGS:
            text = heading_text(self.base, target)
            fate = self.headings.get(target)
            if text is not None and fate is not None:
                whole = fate.whole[1] if fate.whole else None
                edited = self._edited(Provision("pp1", "preamble", text), fate).text
                text = whole.new if isinstance(whole, ReplaceProvision) else edited
                if target == "body-line" and text is not None:
                    self._known_body_line(text, fate)
            out.append(text)
        return out[0], out[1]

    def _body(self, body_line: str | None) -> str | None:
        """The organ the metadata names: a body line replaced by another organ's ("The Human
        Rights Council," for "The General Assembly,") changes it (`body: GA` had stayed beside
        the Council's body line); a code the body line does not give (`GA-C3`) is kept."""
        body = self.base.meta.body
        lang = self.base.meta.language
        old = body_line_match(self.base.body_line or "", lang)
        new = body_line_match(body_line or "", lang)
        if old is not None and new is not None and body == old[1]:
            return new[1]
        return body

    def _known_body_line(self, text: str, fate: _Fate) -> None:
        """An amended body line must be one the reader knows as an organ's ("The Human Rights
        Council,", `人权理事会，`; `engine.read.openers.BODY_LINES`, which holds every form
        the corpus prints): the reader finds the body line by those words, so any other line
        ("The Council,") read back the amended text as one with no body line, that line
        taken for the end of a header, without a word. No resolution prints another form."""
        if not fate.words and fate.whole is None:
            return
        found = body_line_match(text, self.base.meta.language)
        if found is not None and not found[2].strip():
            return
        index, amendment = fate.whole or fate.words[-1]
        known = ", ".join(f'"{form}"' for form in body_line_forms(self.base.meta.language))
        raise AmendmentError(
            f'{self._where(index, amendment)}: the body line would read "{text}", which names no organ the '
            f"reader knows, so the amended text would read back without a body line; a body line names "
            f"the acting organ as resolutions print it: {known}",
            index=index,
        )

    def _collect_words(self, index: int, amendment: WordAmendment) -> None:
        self._fate(index, amendment, amendment.target).words.append((index, amendment))

    def _claim_whole(self, index: int, amendment: Amendment, fate: _Fate) -> None:
        taken = fate.whole[0] if fate.whole else fate.merged_into
        if taken is not None:
            raise AmendmentError(
                f"{self._where(index, amendment)} overlaps amendment {self._no(taken)}: both rewrite it",
                index=index,
            )

    def _collect_whole(self, index: int, amendment: ReplaceProvision | Split) -> None:
        fate = self._fate(index, amendment, amendment.target)
        self._claim_whole(index, amendment, fate)
        fate.whole = (index, amendment)

    def _collect_deletions(self, index: int, amendment: DeleteProvision) -> None:
        if not amendment.targets:
            raise AmendmentError(f"{self._where(index, amendment)}: no paragraph to delete", index=index)
        for pid in amendment.targets:
            fate = self._fate(index, amendment, pid)
            self._claim_whole(index, amendment, fate)
            fate.whole = (index, amendment)

    def _collect_merge(self, index: int, amendment: Merge) -> None:
        for k, pid in enumerate(amendment.targets):
            fate = self._fate(index, amendment, pid)
            self._claim_whole(index, amendment, fate)
            if k == 0:
                fate.whole = (index, amendment)
            else:
                fate.merged_into = index

    def _collect_move(self, index: int, amendment: MoveProvision) -> None:
        fate = self._fate(index, amendment, amendment.target)
        if fate.moved is not None:
            raise AmendmentError(
                f"{self._where(index, amendment)} overlaps amendment {self._no(fate.moved[0])}: both move it",
                index=index,
            )
        if amendment.anchor == amendment.target or amendment.anchor.startswith(amendment.target + "."):
            # moved to follow itself (or its own subparagraph), it stayed where it was, exit 0
            raise AmendmentError(
                f"{self._where(index, amendment)} moves it to stand {amendment.position} "
                f"{amendment.anchor_ref}, which is itself or a part of it",
                index=index,
            )
        fate.moved = (index, amendment)
        self._fate(index, amendment, amendment.anchor).anchored.append((index, amendment))

    def _collect_insert(self, index: int, amendment: InsertProvision) -> None:
        self._fate(index, amendment, amendment.target).anchored.append((index, amendment))

    def _edited(self, p: Provision, fate: _Fate) -> Provision:
        """The provision with its word amendments made, footnote markers carried along."""
        if not fate.words:
            return p
        if fate.whole is not None:
            index, amendment = fate.words[0]
            raise AmendmentError(
                f"{self._where(index, amendment)} overlaps amendment {self._no(fate.whole[0])}: "
                "that one rewrites the whole provision",
                index=index,
            )
        text, mapped = apply_words(p.text, fate.words, self.language, self.numbers)
        refs = tuple(FootnoteRef(r.marker, min(mapped(r.offset), len(text))) for r in p.footnotes)
        return replace(p, text=text, footnotes=refs)

    def _own(self, p: Provision, fate: _Fate) -> list[Provision]:
        """What stands in the provision's place (nothing when deleted, merged away or moved)."""
        edited = self._edited(p, fate)
        if fate.merged_into is not None:
            return []
        if fate.whole is not None:
            _, amendment = fate.whole
            if isinstance(amendment, DeleteProvision):
                return []
            if isinstance(amendment, ReplaceProvision):
                (refs,) = carried_markers([p], [amendment.new])
                return [replace(p, text=amendment.new, footnotes=refs)]
            if isinstance(amendment, Split):
                pieces = amendment.pieces
                marks = carried_markers([p], [piece.text for piece in pieces])
                return [replace(_placeholder(q), footnotes=m) for q, m in zip(pieces, marks, strict=True)]
            if isinstance(amendment, Merge):
                merged = [self.base.provision(pid) for pid in amendment.targets]
                (refs,) = carried_markers(merged, [amendment.new.text])
                return [replace(_placeholder(amendment.new), footnotes=refs)]
        return [edited]

    def _new_under_their_part(self, out: list[Provision], placed: _Placed) -> None:
        """A subparagraph an amendment puts in the text (inserted or moved) hangs under the
        paragraph before it, and that paragraph must be of the part the instruction names: a
        new subparagraph typed "before operative paragraph 1" with no new paragraph before it
        would otherwise become, without a word, a subparagraph of the last preambular
        paragraph (and `compile` would label it `PP3 (a)`). There is no sensible reading of
        such a place (a subparagraph of which operative paragraph?), so it is refused."""
        for k, q in enumerate(out):
            by = placed.by[k]
            if by is None or q.depth == 0:
                continue
            j = next((j for j in range(k - 1, -1, -1) if out[j].depth < q.depth), None)
            if j is not None and out[j].depth == q.depth - 1 and out[j].part == q.part:
                continue
            amendment = self._amendments[by]
            verb = "moves" if isinstance(amendment, MoveProvision) else "inserts"
            part = "a preambular" if q.part == "pp" else "an operative"
            kind = "subparagraph" if q.depth == 1 else "roman subparagraph"
            holder = "paragraph" if q.depth == 1 else "lettered subparagraph"
            if j is None or out[j].depth != q.depth - 1:
                there = f"no {holder} stands before it to hold it"
            else:
                stands = sorted(placed.stands[j])
                what = (
                    reference(self.base, stands[0], self.language)
                    if len(stands) == 1 and placed.by[j] is None
                    else f"a new {'preambular' if out[j].part == 'pp' else 'operative'} {holder}"
                )
                there = f"it would become a {kind} of {what}, not of {part} {holder}"
            raise AmendmentError(
                f"{self._where(by, amendment)} {verb} a {kind} where {there}; put it after the {holder} it "
                f"belongs to (or after that {holder}'s last {kind}), or insert a new {holder} with it",
                index=by,
            )

    def _kept_under_their_parents(self, out: list[Provision], placed: _Placed) -> None:
        """Every base subparagraph that stays in its place stays under its own paragraph (or
        what stands in its place: the paragraph edited, replaced, split or merged). A
        paragraph deleted or moved without its subparagraphs, or a new paragraph put between
        a paragraph and its subparagraphs, would hand them to another paragraph without a
        word: that is an error naming the amendment, never a text read otherwise."""
        for k, q in enumerate(out):
            pid = placed.origin[k]
            if pid is None:
                continue
            parent = self.base.provision(pid).parent_id
            assert parent is not None
            j = next((j for j in range(k - 1, -1, -1) if out[j].depth == q.depth - 1), None)
            if j is not None and parent in placed.stands[j]:
                continue
            lang = self.language
            sub, par = reference(self.base, pid, lang), reference(self.base, parent, lang)
            by = placed.by[j] if j is not None else None
            if by is not None:
                amendment = self._amendments[by]
                raise AmendmentError(
                    f"{self._where(by, amendment)}: {sub} would become a subparagraph of the paragraph it "
                    f"puts there; put it after the last subparagraph of {par}",
                    index=by,
                )
            fate = self.fates[parent]
            taken = fate.moved or fate.whole
            if taken is None:
                continue  # the structure check after this one says what is wrong
            index, amendment = taken
            verb, fix = (
                ("moves", "move each of its subparagraphs after it too, or delete it and insert it whole")
                if fate.moved
                else ("deletes", "delete its subparagraphs with it")
            )
            raise AmendmentError(
                f"{self._where(index, amendment)} {verb} {par} without its subparagraph {sub}, which would "
                f"then belong to the paragraph before it; {fix}",
                index=index,
            )

    def collect(self, amendments: Sequence[Amendment], skip: frozenset[int] = frozenset()) -> None:
        """Note what each base provision becomes (the first phase of `apply`)."""
        self._amendments = amendments
        for index, amendment in enumerate(amendments):
            if index not in skip:
                self.handlers[type(amendment)](index, amendment)
        for fate in self.fates.values():
            # A paragraph deleted (or merged into another) is no paragraph to move: moved, it
            # vanished in silence.
            if fate.moved is None:
                continue
            if fate.merged_into is not None:
                gone, verb = fate.merged_into, "merges it into another paragraph"
            elif fate.whole is not None and isinstance(fate.whole[1], DeleteProvision):
                gone, verb = fate.whole[0], "deletes it"
            else:
                continue
            moved = fate.moved[0]
            later, earlier = max(gone, moved), min(gone, moved)
            said = "moves it" if earlier == moved else verb
            raise AmendmentError(
                f"{self._where(later, amendments[later])} overlaps amendment {self._no(earlier)}: "
                f"that one {said}",
                index=later,
            )

    def outcome(self, pid: str) -> list[Provision]:
        """What stands in base provision `pid`'s place once the amendments are collected (its
        own place: a move puts this at its anchor). `compile` writes a moved provision with it."""
        return self._own(self.base.provision(pid), self.fates[pid])

    def apply(self, amendments: Sequence[Amendment], skip: frozenset[int] = frozenset()) -> Resolution:
        """The amended text; amendments whose places are in `skip` are left out (and keep
        their numbers in messages about the others). A negotiation draft comes back a draft
        (its labels kept, new paragraphs labelled `bis`, `ter` after the one they follow, as
        `compile` labels them); any other text is numbered by position, as adopted."""
        self.collect(amendments, skip)
        own = {p.id: self._own(p, self.fates[p.id]) for p in self.base.provisions}
        numbers = _Numbers(self.base)
        out: list[Provision] = []
        placed = _Placed()
        for p in self.base.provisions:
            fate = self.fates[p.id]
            for position in ("before", "after"):
                if position == "after":
                    if fate.moved is None:
                        out += numbers.own(p, own[p.id])
                        placed.own(p, fate, own[p.id])
                    numbers.labeller.passed(p)
                for index, amendment in fate.anchored:
                    if isinstance(amendment, InsertProvision) and amendment.position == position:
                        new = [_placeholder(piece) for piece in amendment.pieces]
                        out += numbers.new(p, position, [piece.part for piece in amendment.pieces], new)
                        placed.new(index, new)
                    elif isinstance(amendment, MoveProvision) and amendment.position == position:
                        level = _placeholder(Piece("", amendment.part, amendment.depth)).id
                        moved = [replace(q, id=level) for q in own[amendment.target]]
                        out += numbers.new(p, position, [amendment.part] * len(moved), moved)
                        placed.new(index, moved)
        self._new_under_their_part(out, placed)
        self._kept_under_their_parents(out, placed)
        try:
            provisions = renumber(out)
        except ModelError as exc:
            raise AmendmentError(f"the amended text has no valid structure: {exc.message}") from None
        numbered = tuple(
            replace(q, number=q.default_number if n is None else n)
            for q, n in zip(provisions, numbers.numbers, strict=True)
        )
        title, body_line = self._headings()
        meta = replace(self.base.meta, title=title, body=self._body(body_line))
        try:
            return Resolution(meta, numbered, self.base.footnotes, body_line)
        except ModelError as exc:
            raise AmendmentError(f"the amended text has no valid structure: {exc.message}") from None


@dataclass
class _Placed:
    """For each provision of the amended text as it is built: the base provisions it stands
    for (its own, edited or rewritten; a merge's all), the base subparagraph it is when it
    stays in its place as itself, and the amendment that put it there (inserted, moved)."""

    stands: list[frozenset[str]] = field(default_factory=list)
    origin: list[str | None] = field(default_factory=list)
    by: list[int | None] = field(default_factory=list)

    def own(self, p: Provision, fate: _Fate, placed: list[Provision]) -> None:
        whole = fate.whole[1] if fate.whole else None
        stands = frozenset(whole.targets) if isinstance(whole, Merge) else frozenset((p.id,))
        itself = p.depth > 0 and not isinstance(whole, Split | Merge)
        for q in placed:
            self.stands.append(stands)
            self.origin.append(p.id if itself and q.id == p.id else None)
            self.by.append(None)

    def new(self, index: int, placed: list[Provision]) -> None:
        for _ in placed:
            self.stands.append(frozenset())
            self.origin.append(None)
            self.by.append(index)


class _Numbers:
    """The printed number of each provision of the amended text, in the order it is built
    (`None`: the number its position calls for). A text numbered as adopted is numbered by
    position throughout. In a negotiation draft (`Resolution.labelled`) a base paragraph
    keeps its label, a deleted one's label stays unused, and a new paragraph (inserted,
    moved, a piece of a split after the first) gets the label `compile` gives it (one
    `Labeller` for both); subparagraphs are lettered by position, as the reader reads them.
    A part whose paragraphs carry no label in the base (unnumbered preambular paragraphs
    beside labelled operative ones) gets no label for its new paragraphs either; a part the
    base lacks is labelled (`OP0 bis`, as compile labels it)."""

    def __init__(self, base: Resolution) -> None:
        self.labelled = base.labelled
        self.labeller = Labeller(base)
        paragraphs = [p for p in base.provisions if p.depth == 0]
        self.bare = {p.part for p in paragraphs} - {p.part for p in paragraphs if p.number}
        self.numbers: list[str | None] = []

    def _numbered(self, placed: list[Provision], labels: list[str]) -> list[Provision]:
        for q, label in zip(placed, labels, strict=True):
            if not self.labelled or q.depth:
                self.numbers.append(None)
            else:
                self.numbers.append("" if q.part in self.bare else number_of(label))
        return placed

    def own(self, p: Provision, placed: list[Provision]) -> list[Provision]:
        """What stands in base provision `p`'s place: the first paragraph keeps its label;
        more (a split's further pieces) are new paragraphs after it."""
        if not placed:
            return placed
        self.numbers.append(p.number if self.labelled and not (p.depth or placed[0].depth) else None)
        rest = placed[1:]
        labels = self.labeller.pieces(p, "after", [(q.part, q.depth) for q in rest])
        return [placed[0], *self._numbered(rest, labels)]

    def new(self, p: Provision, position: str, parts: list[str], placed: list[Provision]) -> list[Provision]:
        """New provisions put before (after) base provision `p`."""
        shape = [(part, q.depth) for part, q in zip(parts, placed, strict=True)]
        return self._numbered(placed, self.labeller.pieces(p, position, shape))


def apply(
    base: Resolution,
    amendments: Sequence[Amendment],
    language: str | None = None,
    numbers: Sequence[int] = (),
) -> Resolution:
    """The base with every amendment made; they all refer to the base as it stood. An error
    names an amendment by `numbers` (`AmendmentList.numbers`: its place in the file)."""
    return Patcher(base, language, numbers).apply(amendments)


def apply_what_applies(
    base: Resolution,
    amendments: Sequence[Amendment],
    language: str | None = None,
    numbers: Sequence[int] = (),
) -> tuple[Resolution, list[AmendmentError]]:
    """The base with every amendment made that can be, and the errors of those that cannot
    (`apply --continue`). An amendment at fault is left out and the rest tried again, so an
    overlap leaves out the later of the two; an error that is no one amendment's (the
    amended text has no valid structure) is raised."""
    failed: list[AmendmentError] = []
    skip: set[int] = set()
    while True:
        try:
            amended = Patcher(base, language, numbers).apply(amendments, frozenset(skip))
            return amended, sorted(failed, key=lambda exc: exc.index or 0)
        except AmendmentError as exc:
            if exc.index is None or exc.index in skip:
                raise
            skip.add(exc.index)
            failed.append(exc)
