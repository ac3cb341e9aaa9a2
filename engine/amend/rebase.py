"""Re-targeting an amendment list onto a revised base: `rebase(list, old, new) -> Rebased`.

When the facilitator circulates Rev.1, the amendments delegations wrote against the
previous draft must follow it. The aligner's diff of the two bases (`compare(old, new)`)
says what became of each base provision (unchanged, reworded, moved, split, merged,
removed); each amendment follows its target:

- references are recomputed from the new base ("operative paragraph 5" becomes
  "operative paragraph 6" when a paragraph was inserted above);
- quoted words (replaced, deleted, or anchoring an insertion) are found again through the
  edit script of the target's group: words the revision did not touch are quoted as the
  new base prints them, in whichever part of a split they went to, and widened word by
  word (over words the revision did not touch either) when the revision made them occur
  more than once;
- an amendment that cannot be carried over is *reported*, never dropped in silence, with
  one of `REASONS`: the revision already made it, removed its words, changed them (or the
  provision it rewrites whole), deleted its target, left its words ambiguous, or made it
  overlap another carried amendment.

The test of "touched" is the revision's real edits (formatting, white space and
punctuation width, is not an edit): an amendment whose quoted words no real edit of the
revision overlaps is carried over, one whose words an edit overlaps is checked for being
already made and otherwise reported, because a guess there would be a silent wrong answer.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from ..align import fold
from ..diff import JOINER, Change, Diff, token_diff, tokenizer_for
from ..errors import AmendmentError
from ..model import Resolution
from .actions import (
    Amendment,
    AmendmentList,
    DeleteProvision,
    DeleteWords,
    InsertProvision,
    InsertWords,
    Merge,
    MoveProvision,
    ReplaceProvision,
    ReplaceWords,
    Split,
    WordAmendment,
    described,
)
from .apply import UNSPACED, apply_what_applies, apply_words, word_edit
from .derive import Hunk, _hunks
from .refs import HEADINGS, heading_text, reference

Reason = Literal["already-made", "words-removed", "words-changed", "target-deleted", "ambiguous", "overlaps"]
REASONS: tuple[Reason, ...] = (
    "already-made",
    "words-removed",
    "words-changed",
    "target-deleted",
    "ambiguous",
    "overlaps",
)
"""Why an amendment was not carried over, in the order the documentation lists them."""


@dataclass(frozen=True)
class NotCarried:
    """An amendment of the list that is not in the rebased one, and why."""

    index: int
    """Its place in the input list (0-based)."""
    amendment: Amendment
    reason: Reason
    message: str
    """What the revision did, in words ("the revision deleted operative paragraph 7")."""
    line: int | None = None
    """Its line in a typed list."""

    def describe(self, source: str | None = None) -> str:
        """`proposals.txt:3: amendment 2 (operative paragraph 5) not carried over
        (already-made): the revision made it already`"""
        ref = described(self.amendment)
        where = (
            f"{source}:{self.line}: " if source and self.line is not None else f"{source}: " if source else ""
        )
        return f"{where}amendment {self.index + 1} ({ref}) not carried over ({self.reason}): {self.message}"


@dataclass(frozen=True)
class Relocated:
    """An amendment carried to a provision the alignment did not lead it to (its words moved
    to a paragraph the revision added), said so that a delegation can check it."""

    index: int
    """Its place in the input list (0-based)."""
    amendment: Amendment
    """The amendment as rebased."""
    message: str
    line: int | None = None

    def describe(self, source: str | None = None) -> str:
        """`proposals.txt:3: note: amendment 2 (operative paragraph 1) carried to operative
        paragraph 2: the revision moved the words ...`"""
        where = (
            f"{source}:{self.line}: " if source and self.line is not None else f"{source}: " if source else ""
        )
        ref = described(self.amendment)
        return f"{where}note: amendment {self.index + 1} carried to {ref}: {self.message}"


@dataclass(frozen=True)
class Rebased:
    """The list re-targeted onto the new base, and what could not be carried over."""

    amendments: AmendmentList
    origin: tuple[int, ...]
    """The input place (0-based) of each rebased amendment (a deletion of a paragraph the
    revision split becomes one deletion per part, all from one place)."""
    not_carried: tuple[NotCarried, ...]
    relocated: tuple[Relocated, ...] = ()
    """Amendments carried over, but to a paragraph the revision added (see `Relocated`)."""

    @property
    def complete(self) -> bool:
        return not self.not_carried


class _NotCarried(Exception):
    def __init__(self, reason: Reason, message: str) -> None:
        super().__init__(message)
        self.reason: Reason = reason
        self.message = message


def _real(h: Hunk, old: str, new: str) -> bool:
    """A hunk that changes words, not only formatting."""
    return fold(old[h.s : h.e]) != fold(new[h.ns : h.ne])


def _to_new(
    offset: int, hunks: Sequence[Hunk], equal: Sequence[tuple[int, int, int, int]], start: bool
) -> int | None:
    """An old offset as a new one, or None inside a hunk (where no position corresponds).
    Words the revision inserted at the offset are outside a span that starts or ends there:
    a start maps after them, an end before them."""
    for h in hunks:
        if h.s == h.e == offset:
            return h.ne if start else h.ns
    for s, e, ns, _ in equal:
        if s <= offset <= e:
            return ns + offset - s
    for h in hunks:
        if offset == h.s:
            return h.ns
        if offset == h.e:
            return h.ne
    return None


class _Group:
    """One aligned group of provisions (a Change) as two joined texts and the edit script
    between them, for finding an amendment's words again."""

    def __init__(self, change: Change, old_texts: list[str], new_texts: list[str]) -> None:
        self.change = change
        self.old_ids = change.old
        self.new_ids = change.new
        self.old = JOINER.join(old_texts)
        self.new = JOINER.join(new_texts)
        self.old_starts = _starts(old_texts)
        self.new_starts = _starts(new_texts)
        self.hunks, self.equal = _hunks(change)
        self.real = [h for h in self.hunks if _real(h, self.old, self.new)]

    def old_offset(self, pid: str) -> int:
        return self.old_starts[self.old_ids.index(pid)]

    def map(self, offset: int, start: bool = False) -> int | None:
        return _to_new(offset, self.hunks, self.equal, start)

    def must_map(self, offset: int, start: bool = False) -> int:
        """`map` for an offset known to lie outside every hunk (a span `_span` found)."""
        mapped = self.map(offset, start)
        if mapped is None:  # pragma: no cover - callers map only what _span mapped
            raise ValueError(offset)
        return mapped

    def touching(self, s: int, e: int) -> list[Hunk]:
        """The real edits of the revision that overlap old [s, e), or insert strictly inside it."""
        return [h for h in self.real if (h.s < e and h.e > s) or (h.s == h.e and s < h.s < e)]

    def new_provision(self, ns: int, ne: int) -> tuple[str, int] | None:
        """The new provision that holds new [ns, ne) whole, and its start; None if the span
        straddles two."""
        for k, (pid, start) in enumerate(zip(self.new_ids, self.new_starts, strict=True)):
            end = self.new_starts[k + 1] - len(JOINER) if k + 1 < len(self.new_ids) else len(self.new)
            if start <= ns and ne <= end:
                return pid, start
        return None


def _capitalised_at_start(text: str, quoted: str) -> bool:
    """`text` opens with `quoted` whose first letter took a capital (`requests the Office` in
    `Requests the Office to report;`), and not with `quoted` as written."""
    head = text[: len(quoted)]
    return (
        len(head) == len(quoted)
        and head[1:] == quoted[1:]
        and head[:1] != quoted[:1]
        and head[:1] == quoted[:1].upper()
    )


def _occurrences(text: str, quoted: str) -> int:
    """How often `quoted` stands in `text`: as written, or capitalised as the paragraph's
    first words (never another case difference, nor one anywhere else)."""
    return text.count(quoted) + _capitalised_at_start(text, quoted)


def _text(res: Resolution, pid: str) -> str:
    """A provision's text, or the title or body line."""
    return heading_text(res, pid) or "" if pid in HEADINGS else res.provision(pid).text


def _starts(texts: Sequence[str]) -> list[int]:
    out, at = [], 0
    for text in texts:
        out.append(at)
        at += len(text) + len(JOINER)
    return out


class _Rebaser:
    def __init__(self, diff: Diff, language: str) -> None:
        self.diff = diff
        self.old = diff.old
        self.new = diff.new
        self.language = language
        self.groups: dict[str, _Group] = {}
        for change in diff.changes:
            if change.kind == "heading" or not change.old:
                continue
            old_texts = [diff.old.provision(pid).text for pid in change.old]
            group = _Group(change, old_texts, [diff.new.provision(pid).text for pid in change.new])
            for pid in change.old:
                self.groups[pid] = group
        for target in HEADINGS:  # the title and the body line, as one-provision groups
            before, after = heading_text(diff.old, target), heading_text(diff.new, target)
            if before is not None:
                self.groups[target] = self._heading(target, before, after)
        self.added = {
            fold(self.new.provision(pid).text): pid
            for c in diff.changes
            if c.kind == "added"
            for pid in c.new
        }
        self.added_ids = {pid for c in diff.changes if c.kind == "added" for pid in c.new}
        self.new_index = {p.id: k for k, p in enumerate(self.new.provisions)}
        self.notes: dict[int, str] = {}
        """Amendments carried somewhere the aligner did not lead them (input index: what was done)."""

    def _heading(self, target: str, before: str, after: str | None) -> _Group:
        if after is None:
            return _Group(Change("removed", (target,), (), False, 0.0, (), "none"), [before], [])
        ops = token_diff(before, after, tokenizer_for(self.language), count_formatting=True)
        kind: Literal["unchanged", "reworded"] = "unchanged" if fold(before) == fold(after) else "reworded"
        return _Group(Change(kind, (target,), (target,), False, 1.0, ops, "none"), [before], [after])

    # -- references ----------------------------------------------------------------------

    def ref(self, pid: str) -> str:
        return reference(self.new, pid, self.language)

    def old_ref(self, pid: str) -> str:
        return reference(self.old, pid, self.language)

    def group(self, pid: str) -> _Group:
        group = self.groups.get(pid)
        if group is None:
            raise AmendmentError(f"{pid} is not a provision of the old base")  # apply() checked already
        return group

    def _deleted(self, pid: str) -> _Group:
        group = self.group(pid)
        if not group.new_ids:
            raise _NotCarried("target-deleted", f"the revision deleted {self.old_ref(pid)}")
        return group

    def _one(self, pid: str, what: str) -> str:
        """The one new provision `pid` became; a split or merge of it is a change."""
        group = self._deleted(pid)
        if len(group.new_ids) == 1 and len(group.old_ids) == 1:
            return group.new_ids[0]
        if len(group.new_ids) > 1:
            parts = ", ".join(self.ref(n) for n in group.new_ids)
            raise _NotCarried("words-changed", f"the revision split {self.old_ref(pid)} into {parts}{what}")
        others = " and ".join(self.old_ref(o) for o in group.old_ids)
        into = self.ref(group.new_ids[0])
        raise _NotCarried("words-changed", f"the revision merged {others} into {into}{what}")

    # -- one handler per action type -----------------------------------------------------

    def carry(self, a: Amendment, index: int) -> list[Amendment]:
        handlers: dict[type[Amendment], Callable[[Amendment, int], list[Amendment]]] = {
            ReplaceWords: self._words,  # type: ignore[dict-item]
            InsertWords: self._words,  # type: ignore[dict-item]
            DeleteWords: self._words,  # type: ignore[dict-item]
            InsertProvision: self._insert,  # type: ignore[dict-item]
            DeleteProvision: self._delete,  # type: ignore[dict-item]
            ReplaceProvision: self._replace,  # type: ignore[dict-item]
            MoveProvision: self._move,  # type: ignore[dict-item]
            Split: self._split,  # type: ignore[dict-item]
            Merge: self._merge,  # type: ignore[dict-item]
        }
        return handlers[type(a)](a, index)

    def _delete(self, a: DeleteProvision, index: int) -> list[Amendment]:
        """Each provision deleted as the revision has it: what it already deleted is left
        out, a paragraph it split is deleted in all its parts (one it merged with another is
        reported), and what remains is one deletion again when it is still a run of one part
        in the new base (else one deletion each)."""
        pids: list[str] = []
        for pid in a.targets:
            group = self.group(pid)
            if len(group.old_ids) > 1 and group.new_ids:
                self._one(pid, "; delete the parts of it that should go")
            pids += [n for n in group.new_ids if n not in pids]
        if not pids:
            it = "it" if len(a.targets) == 1 else "them"
            raise _NotCarried("already-made", f"the revision already deleted {it}")
        pids.sort(key=self.new_index.__getitem__)
        at = [self.new_index[pid] for pid in pids]
        parts = {self.new.provision(pid).part for pid in pids}
        if len(pids) > 1 and at == list(range(at[0], at[0] + len(at))) and len(parts) == 1:
            return [DeleteProvision(tuple(pids), tuple(self.ref(pid) for pid in pids), a.proposer)]
        return [DeleteProvision.one(pid, self.ref(pid), a.proposer) for pid in pids]

    def _replace(self, a: ReplaceProvision, index: int) -> list[Amendment]:
        group = self._deleted(a.target)
        if len(group.new_ids) == 1 and fold(group.new) == fold(a.new):
            raise _NotCarried(
                "already-made", f"it already reads so in the revision ({self.ref(group.new_ids[0])})"
            )
        target = self._one(a.target, ", which this amendment replaces whole")
        if group.change.kind != "unchanged":
            raise _NotCarried(
                "words-changed",
                f"the revision reworded {a.ref} (now {self.ref(target)}), which this amendment "
                "replaces whole",
            )
        return [replace(a, target=target, ref=self.ref(target))]

    def _split(self, a: Split, index: int) -> list[Amendment]:
        group = self._deleted(a.target)
        texts = [fold(self.new.provision(pid).text) for pid in group.new_ids]
        if texts == [fold(p.text) for p in a.pieces]:
            raise _NotCarried("already-made", "the revision already split it that way")
        target = self._one(a.target, ", which this amendment splits")
        if group.change.kind != "unchanged":
            raise _NotCarried(
                "words-changed",
                f"the revision reworded {a.ref} (now {self.ref(target)}), which this amendment splits",
            )
        return [replace(a, target=target, ref=self.ref(target))]

    def _merge(self, a: Merge, index: int) -> list[Amendment]:
        groups = [self._deleted(pid) for pid in a.targets]
        group = groups[0]
        if group.old_ids == a.targets and len(group.new_ids) == 1 and fold(group.new) == fold(a.new.text):
            raise _NotCarried("already-made", "the revision already merged them that way")
        targets = tuple(self._one(pid, ", which this amendment merges") for pid in a.targets)
        for pid, group in zip(a.targets, groups, strict=True):
            if group.change.kind != "unchanged":
                raise _NotCarried(
                    "words-changed", f"the revision reworded {self.old_ref(pid)}, which this amendment merges"
                )
        at = [self.new_index[pid] for pid in targets]
        if at != sorted(at) or len({self.new.provision(pid).depth for pid in targets}) != 1:
            raise _NotCarried("words-changed", "the revision put the paragraphs it merges apart")
        return [replace(a, targets=targets, refs=tuple(self.ref(pid) for pid in targets))]

    def _neighbour(self, pid: str, position: str) -> str | None:
        """The provision the new-base provision `pid` stands after (or before)."""
        k = self.new_index[pid] + (-1 if position == "after" else 1)
        return self.new.provisions[k].id if 0 <= k < len(self.new.provisions) else None

    def _place(self, pid: str, position: str) -> str:
        """Where a new or moved provision goes: after the last part of a split (before its
        first), at the one provision a merge made."""
        group = self.group(pid)
        if not group.new_ids:
            raise _NotCarried("target-deleted", f"the revision deleted {self.old_ref(pid)}, where it goes")
        return group.new_ids[-1] if position == "after" else group.new_ids[0]

    def _insert(self, a: InsertProvision, index: int) -> list[Amendment]:
        if all(fold(p.text) in self.added for p in a.pieces):
            where = [self.added[fold(p.text)] for p in a.pieces]
            it = "it" if len(a.pieces) == 1 else "them"
            message = f"the revision already inserted {it}, as {', '.join(self.ref(pid) for pid in where)}"
            try:
                meant = self._place(a.target, a.position)
            except _NotCarried:
                meant = None
            # Said when the revision put it elsewhere than the list does: the delegation may
            # still want it moved, and that is theirs to propose.
            neighbour = self._neighbour(where[0] if a.position == "after" else where[-1], a.position)
            if meant is not None and neighbour != meant:
                message += f", not {a.position} {self.ref(meant)} where this amendment puts {it}"
            raise _NotCarried("already-made", message)
        target = self._place(a.target, a.position)
        return [replace(a, target=target, ref=self.ref(target))]

    def _move(self, a: MoveProvision, index: int) -> list[Amendment]:
        target = self._one(a.target, ", which this amendment moves")
        anchor = self._place(a.anchor, a.position)
        moved, at = self.new.provision(target), self.new_index[anchor]
        if (moved.part, moved.depth) == (a.part, a.depth) and self.new_index[target] == at + (
            1 if a.position == "after" else -1
        ):
            raise _NotCarried("already-made", f"the revision already moved it there ({self.ref(target)})")
        return [replace(a, target=target, ref=self.ref(target), anchor=anchor, anchor_ref=self.ref(anchor))]

    # -- words ---------------------------------------------------------------------------

    def _words(self, a: WordAmendment, index: int) -> list[Amendment]:
        group = self._deleted(a.target)
        base = group.old_offset(a.target)
        text = _text(self.old, a.target)
        edit = word_edit(text, a, index, self.language)
        cs, ce = base + edit.claim[0], base + edit.claim[1]
        es, ee = base + edit.start, base + edit.end
        s, e = min(cs, es), max(ce, ee)
        while s > base and group.old[s - 1].isspace():  # an edit across a space is next to it
            s -= 1
        while e < base + len(text) and group.old[e].isspace():
            e += 1
        near = [h for h in group.real if h.s <= e and h.e >= s]  # edits in or next to its words
        if near:
            try:
                self._made_or_changed(a, group, near, (cs, ce, es, ee), edit.new)
            except _NotCarried as exc:
                if exc.reason not in ("words-removed", "words-changed"):
                    raise
                moved = self._moved_out(a, group, index)
                if moved is None:
                    raise
                return [moved]
            if isinstance(a, InsertWords) and self._inserted_already(a, group, cs, ce, base + len(text)):
                raise _NotCarried("already-made", "the revision already made it")
        return [self._found_again(a, group, base, text, cs, ce)]

    def _added_next_to(self, group: _Group) -> list[str]:
        """The provisions the diff calls added that stand right before or after the group's
        new provisions (a run of them, in the same part): where a split the aligner did not
        recognise put the words it moved out."""
        at = [self.new_index[pid] for pid in group.new_ids]
        part = self.new.provision(group.new_ids[0]).part
        out: list[str] = []
        for step, start in ((-1, min(at) - 1), (1, max(at) + 1)):
            k = start
            while 0 <= k < len(self.new.provisions):
                p = self.new.provisions[k]
                if p.id not in self.added_ids or p.part != part:
                    break
                out.append(p.id)
                k += step
        return sorted(out, key=self.new_index.__getitem__)

    def _moved_out(self, a: WordAmendment, group: _Group, index: int) -> Amendment | None:
        """The amendment carried to the new paragraph the revision moved its words to, when
        the aligner saw a reworded paragraph plus a new one rather than a split: the quoted
        words must occur exactly once in the added paragraphs next to the target (more than
        once is ambiguous, never a guess). The words are matched as quoted, except at the
        start of an added paragraph, where they may have taken a capital (`requests` ->
        `Requests`: a word that opens a paragraph is capitalised; nowhere else is a case
        difference the same words). The move is said in `notes`. None when they are not there."""
        quoted = a.anchor if isinstance(a, InsertWords) else a.old
        found = [
            (pid, n)
            for pid in self._added_next_to(group)
            if (n := _occurrences(self.new.provision(pid).text, quoted))
        ]
        if not found:
            return None
        total = sum(n for _, n in found)
        where = " and ".join(self.ref(pid) for pid, _ in found)
        if total > 1:
            raise _NotCarried(
                "ambiguous",
                f'the revision removed the words "{quoted}" from {self.old_ref(a.target)}; they occur '
                f"{total} times in {where}, which it added",
            )
        pid = found[0][0]
        text = self.new.provision(pid).text
        capital = _capitalised_at_start(text, quoted)
        printed = text[: len(quoted)] if capital else quoted
        s = 0 if capital else text.index(quoted)
        if isinstance(a, InsertWords):
            side = fold(text[s + len(quoted) :]) if a.position == "after" else fold(text[:s])
            words = fold(a.new)
            if side.startswith(words) if a.position == "after" else side.endswith(words):
                raise _NotCarried("already-made", f"the revision already made it, in {self.ref(pid)}")
        moved = f'the revision moved the words "{quoted}" from {self.old_ref(a.target)} to '
        if not capital:
            self.notes[index] = f"{moved}{self.ref(pid)}, a paragraph it added; carried there"
            return replace(a, target=pid, ref=self.ref(pid))
        moved += f'the start of {self.ref(pid)}, a paragraph it added, as "{printed}"'
        if isinstance(a, DeleteWords) or (isinstance(a, InsertWords) and a.position == "before"):
            doing = "deleting them" if isinstance(a, DeleteWords) else "inserting words before them"
            raise _NotCarried(
                "words-changed",
                f"{moved}; {doing} would leave the paragraph opening with a word in the wrong case",
            )
        if isinstance(a, InsertWords):
            self.notes[index] = f"{moved}; carried there, quoting them as the revision prints them"
            return replace(a, target=pid, ref=self.ref(pid), anchor=printed)
        self.notes[index] = (
            f"{moved}; carried there, quoting them as the revision prints them and opening the new "
            "words with a capital"
        )
        return replace(a, target=pid, ref=self.ref(pid), old=printed, new=a.new[:1].upper() + a.new[1:])

    def _inserted_already(self, a: InsertWords, group: _Group, cs: int, ce: int, end: int) -> bool:
        """The revision put the inserted words next to the anchor, with other edits around
        them (`in the field of` -> `and dialogue in`): the words stand there in the new
        text and did not in the old."""
        words = fold(a.new)
        if a.position == "after":
            at = group.map(ce)
            new_side = group.new[at:] if at is not None else ""
            return fold(new_side).startswith(words) and not fold(group.old[ce:end]).startswith(words)
        at = group.map(cs, start=True)
        new_side = group.new[:at] if at is not None else ""
        start = end - len(_text(self.old, a.target))
        return fold(new_side).endswith(words) and not fold(group.old[start:cs]).endswith(words)

    def _made_or_changed(
        self, a: WordAmendment, group: _Group, touched: list[Hunk], spans: tuple[int, int, int, int], new: str
    ) -> None:
        """The revision edited the amendment's words or next to them: already made, removed,
        or changed; an edit next to its words that is not the amendment's is no obstacle."""
        cs, ce, es, ee = spans
        rs, re_ = min(cs, es, *(h.s for h in touched)), max(ce, ee, *(h.e for h in touched))
        while more := [h for h in group.touching(rs, re_) if h.s < rs or h.e > re_]:
            rs, re_ = min(rs, *(h.s for h in more)), max(re_, *(h.e for h in more))
        ns, ne = group.map(rs, start=True), group.map(re_)
        inner = [h for h in group.real if rs <= h.s and h.e <= re_]
        if ns is not None and ne is not None:  # edits at the region's edges belong to it
            ns, ne = min(ns, *(h.ns for h in inner)), max(ne, *(h.ne for h in inner))
        revised = group.new[ns:ne] if ns is not None and ne is not None else ""
        amended = group.old[rs:es] + new + group.old[ee:re_]
        if fold(amended) == fold(revised) or self._made_in_place(
            group.old[rs:es], new, group.old[ee:re_], revised
        ):
            raise _NotCarried("already-made", "the revision already made it")
        inside = group.touching(min(cs, es), max(ce, ee))
        if not inside:  # the revision inserted other words at the same place: the words stand
            return
        quoted = group.old[cs:ce]
        if all(h.ns == h.ne for h in inside) and all(h.s <= cs and ce <= h.e for h in inside):
            raise _NotCarried("words-removed", f'the revision deleted the words "{quoted}"')
        raise _NotCarried(
            "words-changed", f'the revision changed "{group.old[rs:re_].strip()}" to "{revised.strip()}"'
        )

    def _units(self, text: str) -> list[str]:
        """What `_made_in_place` compares: folded words (characters in Chinese, whose word
        cuts depend on the context), formatting left out."""
        if self.language in UNSPACED:
            return [c for c in fold(text) if not c.isspace()]
        return [w for t in tokenizer_for(self.language).tokens(text) if (w := fold(t))]

    def _made_in_place(self, left: str, new: str, right: str, revised: str) -> bool:
        """The revision wrote the amendment's new words exactly where its old ones stood,
        with small edits of its own around them ("Strongly urges all States" -> "Urges all
        Member States" makes "all States" -> "all Member States"): between the region as the
        amendment would leave it and as the revision left it, no edit touches the new words,
        and none inserts words right at their edges (those would stand where the amendment
        puts its own: "cooperate fully" -> "cooperate" is not made by "cooperate closely")."""
        words = self._units(new)
        if not words or not revised:
            return False
        before = self._units(left)
        amended = before + words + self._units(right)
        lo, hi = len(before), len(before) + len(words)
        matcher = difflib.SequenceMatcher(None, amended, self._units(revised), autojunk=False)
        for tag, i1, i2, _, _ in matcher.get_opcodes():
            if tag == "equal":
                continue
            if (i1 < hi and i2 > lo) or (i1 == i2 and i1 in (lo, hi)):
                return False
        return True

    def _found_again(
        self, a: WordAmendment, group: _Group, base: int, text: str, cs: int, ce: int
    ) -> Amendment:
        """The amendment quoting its words as the new base prints them, in the provision
        they went to, widened over untouched words until they occur there once."""
        tokens = tokenizer_for(self.language).tokens(text)
        bounds = [base]
        for t in tokens:
            bounds.append(bounds[-1] + len(t))
        left = not (isinstance(a, InsertWords) and a.position == "before")
        right = not (isinstance(a, InsertWords) and a.position == "after")
        ws, we = cs, ce
        count = 0
        if self._span(group, cs, ce) is None:
            raise _NotCarried("words-changed", f'the revision moved the words "{group.old[cs:ce]}" apart')
        for step in range(2 * len(bounds) + 2):
            found = self._span(group, ws, we)
            if found is None:
                break
            pid, start, ns, ne = found
            ptext = _text(self.new, pid)
            quoted = ptext[ns - start : ne - start]
            count = ptext.count(quoted)
            if count == 1:
                return self._rewrite(a, group, pid, (ws, we), (cs, ce))
            sides = [side for side, ok in (("left", left), ("right", right)) if ok]
            wider = self._wider(group, bounds, ws, we, tuple(sides if step % 2 == 0 else sides[::-1]))
            if wider is None:
                break
            ws, we = wider
        quoted = group.old[cs:ce]
        span = self._span(group, cs, ce)
        where = self.ref(span[0]) if span is not None else "the revised text"
        raise _NotCarried("ambiguous", f'the words "{quoted}" occur {count} times in {where}')

    def _span(self, group: _Group, s: int, e: int) -> tuple[str, int, int, int] | None:
        ns, ne = group.map(s, start=True), group.map(e)
        if ns is None or ne is None:
            return None
        found = group.new_provision(ns, ne)
        if found is None:
            return None
        return found[0], found[1], ns, ne

    def _wider(
        self, group: _Group, bounds: list[int], s: int, e: int, sides: tuple[str, ...]
    ) -> tuple[int, int] | None:
        """One more token on the first side of `sides` that can take one, over words the
        revision did not touch; None when no side can grow."""
        for side in sides:
            if side == "left":
                bound = max((b for b in bounds if b < s), default=None)
                if bound is not None and not group.touching(bound, s):
                    return bound, e
            else:
                bound = min((b for b in bounds if b > e), default=None)
                if bound is not None and not group.touching(e, bound):
                    return s, bound
        return None

    def _rewrite(
        self, a: WordAmendment, group: _Group, pid: str, wide: tuple[int, int], claim: tuple[int, int]
    ) -> Amendment:
        ws, we = wide
        cs, ce = claim
        new_of = group.must_map
        quoted = group.new[new_of(ws, True) : new_of(we)]
        ref = self.ref(pid)
        if isinstance(a, InsertWords):
            return replace(a, target=pid, ref=ref, anchor=quoted)
        left, right = group.new[new_of(ws, True) : new_of(cs, True)], group.new[new_of(ce) : new_of(we)]
        if isinstance(a, ReplaceWords):
            if (ws, we) == (cs, ce):
                return replace(a, target=pid, ref=ref, old=quoted)
            return ReplaceWords(pid, ref, quoted, left + a.new + right, a.proposer)
        if (ws, we) == (cs, ce):
            return replace(a, target=pid, ref=ref, old=quoted)
        core = group.new[new_of(cs, True) : new_of(ce)]
        words, _ = apply_words(quoted, [(0, DeleteWords(pid, ref, core))], self.language)
        return (
            ReplaceWords(pid, ref, quoted, words, a.proposer)
            if words.strip()
            else replace(a, target=pid, ref=ref, old=quoted)
        )


def rebase(amendments: AmendmentList, diff: Diff) -> Rebased:
    """The list, written against `diff.old`, re-targeted onto `diff.new`; what cannot be
    carried over is listed with its reason. The list must apply to the old base (an
    AmendmentError says where it does not)."""
    from .apply import apply

    apply(diff.old, amendments.amendments, amendments.language, amendments.numbers)
    rebaser = _Rebaser(diff, amendments.language)
    carried: list[Amendment] = []
    origin: list[int] = []
    failed: list[NotCarried] = []
    for index, a in enumerate(amendments.amendments):
        try:
            out = rebaser.carry(a, index)
        except _NotCarried as exc:
            failed.append(NotCarried(index, a, exc.reason, exc.message, amendments.where(index)))
            continue
        carried += out
        origin += [index] * len(out)
    # Carried amendments that now collide (words widened into another's, two rewrites of
    # one provision the revision merged) are reported too: the later one of two.
    try:
        _, errors = apply_what_applies(diff.new, carried, amendments.language)
    except AmendmentError as exc:  # no one amendment's fault: the structure as a whole
        raise AmendmentError(f"the rebased list does not apply to the new base: {exc.message}") from None
    dropped = {exc.index for exc in errors if exc.index is not None}
    for error in errors:
        if error.index is None:  # pragma: no cover - apply_what_applies raises these
            continue
        k = origin[error.index]
        message = error.message.split(": ", 1)[-1] if ": " in error.message else error.message
        if " overlaps amendment " in error.message:
            other = int(error.message.split(" overlaps amendment ")[1].split(":")[0]) - 1
            message = f"in the revised text it overlaps amendment {origin[other] + 1}"
        failed.append(NotCarried(k, amendments.amendments[k], "overlaps", message, amendments.where(k)))
    kept = [(a, k) for n, (a, k) in enumerate(zip(carried, origin, strict=True)) if n not in dropped]
    listed = AmendmentList(
        tuple(a for a, _ in kept),
        amendments.language,
        diff.new.meta.symbol,
        amendments.proposer,
    )
    failed.sort(key=lambda f: f.index)
    relocated = tuple(
        Relocated(k, a, rebaser.notes[k], amendments.where(k)) for a, k in kept if k in rebaser.notes
    )
    return Rebased(listed, tuple(k for _, k in kept), tuple(failed), relocated)


def report_dict(item: NotCarried) -> dict[str, object]:
    """One entry of the `not_carried` field of a rebased JSON list."""
    from .jsonform import amendment_dict

    return {
        "index": item.index + 1,
        "line": item.line,
        "reason": item.reason,
        "message": item.message,
        "amendment": amendment_dict(item.amendment),
    }


def relocated_dict(item: Relocated) -> dict[str, object]:
    """One entry of the `relocated` field of a rebased JSON list."""
    from .jsonform import amendment_dict

    return {
        "index": item.index + 1,
        "line": item.line,
        "message": item.message,
        "amendment": amendment_dict(item.amendment),
    }
