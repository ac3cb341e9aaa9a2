"""Deriving the smallest readable amendment list from a `Diff`: `derive(diff) -> AmendmentList`.

Per aligned group (see `engine.diff.changes`):

- a provision that stays in place (the longest run of matched base provisions whose order
  the new text keeps) and is reworded gets word amendments: the token edit script is cut
  into hunks, hunks a few words apart are merged into one replacement of the phrase that
  covers them, and every quoted phrase is widened word by word until it occurs once in the
  provision; when more than about half of the provision is rewritten, or the word
  amendments would not give the new text exactly, the provision is replaced whole ("to read");
- split and merged groups in place become `Split` and `Merge`;
- a provision out of place (or that changes part or level) is moved after the last
  provision in place before it; an added one is inserted there; a split or merge out of
  place is deleted and inserted;
- renumbering and formatting (white space, punctuation width) are never amendments.

Heading changes (title, body line) are amended as a paragraph's words are (`In the title,
replace ...`), listed first.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ..align import fold
from ..align.lis import longest_increasing_subsequence
from ..diff import Change, Diff, tokenizer_for
from ..errors import AmendmentError
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
    Piece,
    Position,
    ReplaceProvision,
    ReplaceWords,
    Split,
    WordAmendment,
)
from .apply import UNSPACED, apply_words
from .refs import heading_text, reference

HEAVY = 0.5
"""A provision with more than this share of its words rewritten is replaced whole."""
GAP = 3
"""Hunks separated by at most this many unchanged words are one replacement (white space
and punctuation between them do not count; in Chinese, two characters make a word)."""


@dataclass
class Hunk:
    """Old text [s, e) becomes new text [ns, ne)."""

    s: int
    e: int
    ns: int
    ne: int


def _piece(p: Provision) -> Piece:
    return Piece(p.text, p.part, p.depth)


def _hunks(change: Change) -> tuple[list[Hunk], list[tuple[int, int, int, int]]]:
    """Hunks of real edits, and the equal segments (old s, e, new s, e) for mapping."""
    hunks: list[Hunk] = []
    equal: list[tuple[int, int, int, int]] = []
    o = n = 0
    current: Hunk | None = None
    for kind, text in change.ops:
        if kind == "equal":
            if current is not None:
                hunks.append(current)
                current = None
            equal.append((o, o + len(text), n, n + len(text)))
            o += len(text)
            n += len(text)
            continue
        if current is None:
            current = Hunk(o, o, n, n)
        if kind == "delete":
            o += len(text)
            current.e = o
        else:
            n += len(text)
            current.ne = n
    if current is not None:
        hunks.append(current)
    return hunks, equal


def _to_new(position: int, equal: list[tuple[int, int, int, int]], hunks: list[Hunk]) -> int:
    """An old offset outside every hunk's interior, as an offset in the new text."""
    for s, e, ns, _ in equal:
        if s <= position <= e:
            return ns + position - s
    for h in hunks:
        if position == h.s:
            return h.ns
        if position == h.e:
            return h.ne
    raise ValueError(position)


class _Provision:
    """Derives the word amendments of one reworded provision."""

    def __init__(self, base: Resolution, change: Change, language: str, target: str | None = None) -> None:
        """`target` names a heading (`title`, `body-line`) when the change is one."""
        self.language = language
        self.target = target or change.old[0]
        self.ref = reference(base, self.target, language)
        text = heading_text(base, self.target) if target else base.provision(self.target).text
        if text is None:  # pragma: no cover - a heading change is made only when both have it
            raise AmendmentError(f"the base text has no {self.target}")
        self.old_text = text
        self.hunks, self.equal = _hunks(change)
        self.new_text = "".join(t for k, t in change.ops if k != "delete")
        tokens = tokenizer_for(language).tokens(self.old_text)
        self.bounds = [0]
        for t in tokens:
            self.bounds.append(self.bounds[-1] + len(t))
        self.edited = [
            h for h in self.hunks if fold(self.old_text[h.s : h.e]) != fold(self.new_text[h.ns : h.ne])
        ]

    def heavy(self) -> bool:
        changed = sum(h.e - h.s + h.ne - h.ns for h in self.edited)
        return changed > HEAVY * (len(self.old_text) + len(self.new_text))

    def _words_between(self, s: int, e: int) -> int:
        """Unchanged words between two hunks: tokens holding a letter, digit or ideograph
        (a comma and a space are no words to read past), in Chinese half the characters."""
        if self.language in UNSPACED:
            return (sum(c.isalnum() for c in self.old_text[s:e]) + 1) // 2
        starts = [b for b in self.bounds if s <= b < e]
        ends = [b for b in self.bounds if s < b <= e]
        return sum(any(c.isalnum() for c in self.old_text[a:z]) for a, z in zip(starts, ends, strict=False))

    def merged(self, hunks: list[Hunk]) -> list[Hunk]:
        """Hunks a few unchanged words apart become one replacement of the phrase that
        covers them: one amendment reads better than several in a row."""
        out: list[Hunk] = []
        for h in hunks:
            if out and self._words_between(out[-1].e, h.s) <= GAP:
                out[-1] = Hunk(out[-1].s, h.e, out[-1].ns, h.ne)
            else:
                out.append(Hunk(h.s, h.e, h.ns, h.ne))
        return out

    def _unique(self, words: str) -> bool:
        return bool(words) and self.old_text.count(words) == 1

    def _widen(self, h: Hunk, left: bool) -> Hunk | None:
        if left:
            s = max((b for b in self.bounds if b < h.s), default=None)
            return None if s is None else Hunk(s, h.e, _to_new(s, self.equal, self.hunks), h.ne)
        e = min((b for b in self.bounds if b > h.e), default=None)
        return None if e is None else Hunk(h.s, e, h.ns, _to_new(e, self.equal, self.hunks))

    def amendment(self, h: Hunk) -> WordAmendment | None:
        """The amendment for one hunk, its quoted words widened until they are unique."""
        for step in range(2 * len(self.bounds) + 2):
            old = self.old_text[h.s : h.e].strip()
            new = self.new_text[h.ns : h.ne].strip()
            if not old and new:
                anchored = self._insertion(h, new)
                if anchored is not None:
                    return anchored
            elif old and not new and self._unique(old):
                return DeleteWords(self.target, self.ref, old)
            elif old and new and self._unique(old):
                return ReplaceWords(self.target, self.ref, old, new)
            # widen on the side with text first, alternating
            try:
                wider = self._widen(h, left=step % 2 == 0) or self._widen(h, left=step % 2 == 1)
            except ValueError:  # the edge falls inside another hunk
                return None
            if wider is None:
                return None
            h = wider
        return None

    def _readable(self, anchor: str) -> bool:
        """An anchor is words, not a lone punctuation mark or character: at least two
        letters, digits or ideographs."""
        return self._unique(anchor) and sum(c.isalnum() for c in anchor) >= 2

    def _insertion(self, h: Hunk, new: str) -> InsertWords | None:
        before = [b for b in self.bounds if b < h.s][::-1]
        after = [b for b in self.bounds if b > h.e]
        for start in before:
            anchor = self.old_text[start : h.s].strip()
            if self._readable(anchor):
                return InsertWords(self.target, self.ref, anchor, new, "after")
        for end in after:
            anchor = self.old_text[h.e : end].strip()
            if self._readable(anchor):
                return InsertWords(self.target, self.ref, anchor, new, "before")
        return None

    def _gives_new(self, amendments: list[WordAmendment]) -> bool:
        try:
            text, _ = apply_words(self.old_text, list(enumerate(amendments)), self.language)
        except AmendmentError:  # an overlap or ambiguity: the list is not usable as it stands
            return False
        return fold(text) == fold(self.new_text)

    def amendments(self) -> list[Amendment]:
        if not self.edited:
            return []
        whole: list[Amendment] = [ReplaceProvision(self.target, self.ref, self.new_text)]
        if self.heavy():
            return whole
        for hunks in (self.merged(self.edited), [self._cover(self.edited)]):
            found = [self.amendment(h) for h in hunks]
            words = [a for a in found if a is not None]
            if len(words) == len(found) and self._gives_new(words):
                return list(words)
        return whole

    @staticmethod
    def _cover(hunks: list[Hunk]) -> Hunk:
        return Hunk(hunks[0].s, hunks[-1].e, hunks[0].ns, hunks[-1].ne)


def _in_place(diff: Diff) -> set[int]:
    """Indexes (into diff.changes) of the matched groups that keep their place: the longest
    run of base provisions whose order the new text keeps, among those that keep their part
    and level (1:1) or are split or merged."""
    old_index = {p.id: k for k, p in enumerate(diff.old.provisions)}
    new_index = {p.id: k for k, p in enumerate(diff.new.provisions)}
    candidates = []
    for k, change in enumerate(diff.changes):
        if not change.old or not change.new:
            continue
        if len(change.old) == len(change.new) == 1:
            a, b = diff.old.provision(change.old[0]), diff.new.provision(change.new[0])
            if (a.part, a.depth) != (b.part, b.depth):
                continue
        part = diff.old.provision(change.old[0]).part
        if any(diff.new.provision(pid).part != part for pid in change.new):
            continue  # a split across the preamble and the operative part: deleted and inserted
        at = [new_index[pid] for pid in change.new]
        if at != list(range(at[0], at[0] + len(at))):  # a split whose parts stand apart
            continue
        candidates.append((old_index[change.old[0]], new_index[change.new[0]], k))
    candidates.sort()
    chosen = longest_increasing_subsequence([c[1] for c in candidates])
    return {candidates[i][2] for i in chosen}


def _provision_amendments(diff: Diff, language: str) -> Iterator[Amendment]:
    old, new = diff.old, diff.new

    def ref(pid: str) -> str:
        return reference(old, pid, language)

    in_place = _in_place(diff)
    by_new: dict[str, int] = {pid: k for k, c in enumerate(diff.changes) for pid in c.new}
    # Walk the new text; what is not in place goes after the last base provision in place.
    anchor: str | None = None
    pending: list[Piece] = []
    out: list[Amendment] = []

    def flush() -> None:
        """One insertion per run of new paragraphs of one kind (paragraphs of one part, or
        subparagraphs), so that the sentence can say what it inserts."""
        position: Position = "after" if anchor is not None else "before"
        target = anchor if anchor is not None else old.provisions[0].id
        for _, run in itertools.groupby(pending, key=lambda piece: (piece.part, piece.depth > 0)):
            out.append(InsertProvision(target, ref(target), tuple(run), position))
        pending.clear()

    done: set[int] = set()
    for p in new.provisions:
        k = by_new[p.id]
        change = diff.changes[k]
        first = k not in done
        done.add(k)
        if k in in_place:
            if not first:
                continue
            flush()
            anchor = change.old[0]
            if change.kind == "split":
                pieces = tuple(_piece(new.provision(pid)) for pid in change.new)
                out.append(Split(change.old[0], ref(change.old[0]), pieces))
            elif change.kind == "merged":
                refs = tuple(ref(pid) for pid in change.old)
                out.append(Merge(change.old, refs, _piece(new.provision(change.new[0]))))
            elif change.kind != "unchanged":
                out += _Provision(old, change, language).amendments()
            continue
        if len(change.old) == 1 and len(change.new) == 1 and anchor is not None:
            flush()
            out += _Provision(old, change, language).amendments()
            target = change.old[0]
            out.append(MoveProvision(target, ref(target), anchor, ref(anchor), "after", p.part, p.depth))
            continue
        if first:  # a split or merge out of place, or a move to the very top
            out.extend(DeleteProvision.one(pid, ref(pid)) for pid in change.old)
        pending.append(_piece(p))
    flush()
    for change in diff.changes:
        if change.kind == "removed":
            out.append(DeleteProvision.one(change.old[0], ref(change.old[0])))
    yield from out


def _heading_amendments(diff: Diff, language: str) -> Iterator[Amendment]:
    """The title and the body line, when their words changed: word amendments, or the
    heading replaced whole, as for a paragraph (`In the title, replace ...`)."""
    for change in diff.changes:
        if change.kind == "heading" and change.field is not None:
            target = "title" if change.field == "title" else "body-line"
            yield from _Provision(diff.old, change, language, target).amendments()


def derive(diff: Diff, *, proposer: str | None = None) -> AmendmentList:
    """The amendment list that turns `diff.old` into `diff.new`, in base-document order."""
    language = diff.old.meta.language
    if not diff.old.provisions and diff.new.provisions:
        raise AmendmentError("the base text has no provision: there is nothing to amend or insert after")
    amendments = list(_heading_amendments(diff, language)) + list(_provision_amendments(diff, language))
    order = {p.id: k for k, p in enumerate(diff.old.provisions)} | {"title": -2, "body-line": -1}

    def key(a: Amendment) -> int:
        """Base order; a move is listed at the place it goes to, so that what goes to one
        place keeps its order (it lands in list order)."""
        if isinstance(a, MoveProvision):
            return order[a.anchor]
        return order[a.targets[0] if isinstance(a, Merge | DeleteProvision) else a.target]

    # Stable: amendments anchored at one place keep the order they were made in.
    amendments.sort(key=key)
    amendments = _grouped_deletions(amendments, diff.old)
    if proposer is not None:
        amendments = [_with_proposer(a, proposer) for a in amendments]
    unexpressed = tuple(_unexpressed(diff))
    return AmendmentList(tuple(amendments), language, diff.old.meta.symbol, proposer, unexpressed=unexpressed)


def _grouped_deletions(amendments: list[Amendment], old: Resolution) -> list[Amendment]:
    """Deletions of consecutive paragraphs (one part, no subparagraphs among or under them),
    listed one after another, become one: "Delete operative paragraphs 5 to 7." reads as a
    facilitator writes it, where three lines would make the reader check they are a run."""
    index = {p.id: k for k, p in enumerate(old.provisions)}
    provisions = old.provisions

    def joins(run: list[DeleteProvision], a: Amendment) -> bool:
        if not isinstance(a, DeleteProvision) or len(a.targets) != 1 or a.targets[0] not in index:
            return False
        p = provisions[index[a.targets[0]]]
        if p.depth or (index[p.id] + 1 < len(provisions) and provisions[index[p.id] + 1].parent_id == p.id):
            return False
        if not run:
            return True
        last = provisions[index[run[-1].targets[0]]]
        return index[p.id] == index[last.id] + 1 and p.part == last.part

    out: list[Amendment] = []
    run: list[DeleteProvision] = []

    def flush() -> None:
        if len(run) > 1:
            out.append(DeleteProvision(tuple(a.targets[0] for a in run), tuple(a.refs[0] for a in run)))
        else:
            out.extend(run)
        run.clear()

    for a in amendments:
        if joins(run, a):
            run.append(a)  # type: ignore[arg-type]
            continue
        flush()
        if joins(run, a):
            run.append(a)  # type: ignore[arg-type]
        else:
            out.append(a)
    flush()
    return out


def _unexpressed(diff: Diff) -> Iterator[str]:
    """Footnote changes: amendment lists quote a paragraph's words, and a footnote is no
    paragraph's words (UN lists do not amend footnotes; a revised draft reissues them)."""
    for change in diff.changes:
        if not change.footnotes:
            continue
        where = reference(diff.old, change.old[0], "en") if change.old else change.new[0]
        for note in change.footnotes:
            if note.old is None:
                what = f"footnote {note.new} added"
            elif note.new is None:
                what = f"footnote {note.old} dropped"
            else:
                what = f"footnote {note.old} says something else"
            yield f"{where}: {what} (footnotes are not amended; the list does not make this change)"


def _with_proposer(a: Amendment, proposer: str) -> Amendment:
    return replace(a, proposer=proposer)
