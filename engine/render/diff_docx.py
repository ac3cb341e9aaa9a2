"""The `docx` diff format: a Word document whose changes are real tracked revisions.

Delegates circulate "the comparison with last year's text" as a Word file they can accept
or reject change by change, so the changes here are Word revisions, not colours: deleted
text in `w:del`, inserted text in `w:ins`, a provision that moved as `w:moveFrom` at its old
place and `w:moveTo` at its new one, and added or removed provisions as inserted or deleted
paragraphs, paragraph mark included (ECMA-376 Part 1, 17.13.5: revisions). The contract,
checked by the tests on every golden pair: Word's "Accept all" gives exactly the new
provisions and "Reject all" the old ones, each with its operative number as printed.

The revision elements are written by `wordml` (shared with the compilation's docx).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..diff import Change, Diff, Op, OpKind, token_diff, tokenizer_for
from ..model import Resolution, printed_prefix
from .diff_labels import describe, excerpt_notes, identity, input_warnings
from .options import RenderOptions
from .wordml import DEFAULT_AUTHOR, PROVISION_STYLE, Para, Writer


def _numbered_ops(diff: Diff, change: Change) -> list[Op]:
    """The change's ops with each provision's printed number put before its text.

    Provisions of a split or merge are joined by a newline inside the ops (changes.JOINER),
    in an insert (a new boundary) or a delete (an old one); the next provision's number goes
    right after it, on the same side.
    """
    old = [printed_prefix(diff.old.provision(pid)) for pid in change.old]
    new = [printed_prefix(diff.new.provision(pid)) for pid in change.new]
    ops: list[Op] = list(_number_pair(old[0] if old else None, new[0] if new else None))
    oi = ni = 0
    for op, text in change.ops:
        pieces = text.split("\n")
        for k, piece in enumerate(pieces):
            if piece:
                ops.append((op, piece))
            if k == len(pieces) - 1:
                break
            ops.append((op, "\n"))
            if op in ("insert", "equal"):
                ni += 1
            if op in ("delete", "equal"):
                oi += 1
            next_old = old[oi] if op in ("delete", "equal") and oi < len(old) else None
            next_new = new[ni] if op in ("insert", "equal") and ni < len(new) else None
            ops.extend(_number_pair(next_old, next_new))
    return ops


def _number_pair(old: str | None, new: str | None) -> Iterator[Op]:
    if old == new:
        if old:
            yield ("equal", old)
        return
    if old:
        yield ("delete", old)
    if new:
        yield ("insert", new)


def _paragraphs(ops: Sequence[Op], *, whole: OpKind | str = "equal") -> list[Para]:
    """Cut ops into paragraphs at the newlines; a newline's op is the revision of the mark.

    `whole` marks every run and the final mark as one revision (a moved provision's
    `moveFrom`/`moveTo`, an added or removed provision's `insert`/`delete`).
    """
    paras = [Para()]
    for op, text in ops:
        kind = whole if whole != "equal" else op
        for k, piece in enumerate(text.split("\n")):
            if k:
                paras[-1].mark = kind
                paras.append(Para())
            if piece:
                paras[-1].runs.append((kind, piece))
    last_kind = {op for op, _ in ops} - {"equal"}
    if whole != "equal":
        paras[-1].mark = whole
    elif last_kind == {"insert"} and all(op == "insert" for op, _ in ops):
        paras[-1].mark = "insert"
    elif last_kind == {"delete"} and all(op == "delete" for op, _ in ops):
        paras[-1].mark = "delete"
    return paras


@dataclass(frozen=True)
class _OldOnly:
    """Old text written where it stood in the old version: a removed provision, the
    `moveFrom` half of a move, or a part of a split or merge whose parts were not
    neighbours (which no in-place revision can express)."""

    position: int  # of its first provision in the old version
    change: Change
    ids: tuple[str, ...]
    revision: str  # "delete" or "moveFrom"


def _contiguous(ids: tuple[str, ...], order: dict[str, int]) -> bool:
    positions = [order[pid] for pid in ids]
    return positions == list(range(positions[0], positions[0] + len(positions))) if positions else True


def _plan(diff: Diff) -> tuple[set[int], dict[int, list[_OldOnly]]]:
    """Which changes are written in place (by index), and the old-only paragraphs to write
    after each in-place change (-1: before the first), in old-document order.

    A change is in place when it has both sides, did not move and its provisions are
    neighbours on each side; its edits then stand where the new text has them. Everything
    else keeps the old text where the old version had it, so that rejecting every revision
    gives the old order back: after the nearest earlier old provision that is in place.
    """
    old_order = {p.id: i for i, p in enumerate(diff.old.provisions)}
    new_order = {p.id: i for i, p in enumerate(diff.new.provisions)}
    in_place: set[int] = set()
    items: list[_OldOnly] = []
    for index, change in enumerate(diff.changes):
        if not change.old:
            continue
        neighbours = _contiguous(change.old, old_order) and _contiguous(change.new, new_order)
        if change.new and not change.moved and neighbours:
            in_place.add(index)
        elif change.new and neighbours:
            items.append(_OldOnly(old_order[change.old[0]], change, change.old, "moveFrom"))
        elif change.new:
            items.extend(_OldOnly(old_order[pid], change, (pid,), "delete") for pid in change.old)
        else:
            items.append(_OldOnly(old_order[change.old[0]], change, change.old, "delete"))
    home = {old_order[pid]: index for index in in_place for pid in diff.changes[index].old}
    placed: dict[int, list[_OldOnly]] = {}
    for item in sorted(items, key=lambda item: item.position):
        anchor = next((home[k] for k in range(item.position - 1, -1, -1) if k in home), -1)
        placed.setdefault(anchor, []).append(item)
    return in_place, placed


def _heading_paras(old: str | None, new: str | None, language: str) -> list[Para]:
    if not old and not new:
        return []
    if old == new:
        return [Para([("equal", old or "")])]
    ops = token_diff(old or "", new or "", tokenizer_for(language))
    return _paragraphs(ops)


def render_docx(diff: Diff, options: RenderOptions) -> bytes:
    """The comparison as a .docx; `options.author` signs the revisions."""
    writer = Writer(options.author or DEFAULT_AUTHOR)
    writer.note(f"Comparison: {identity(diff.old)} → {identity(diff.new)}", bold=True)
    writer.note(
        "Changes are tracked revisions: accept them all for the new text, reject them all for the old."
    )
    for note in excerpt_notes(diff):
        writer.note(note)
    for title, found in input_warnings(diff):
        writer.note(title, bold=True)
        for line in found:
            writer.note(line)
    language = diff.new.meta.language
    for para in _heading_paras(diff.old.meta.title, diff.new.meta.title, language):
        writer.provision(para)
    for para in _heading_paras(diff.old.body_line, diff.new.body_line, language):
        writer.provision(para)
    in_place, placed = _plan(diff)
    moves = {id(item.change): n for n, item in enumerate(_moves(placed), start=1)}
    owner = {pid: index for index, change in enumerate(diff.changes) for pid in change.new}
    for item in placed.get(-1, []):
        _write_old(writer, diff, item, moves)
    for p in diff.new.provisions:
        index = owner[p.id]
        change = diff.changes[index]
        if index in in_place or id(change) in moves:
            if p.id != change.new[0]:
                continue  # written whole at its first provision
            ops = _numbered_ops(diff, change)
            if index in in_place:
                paras = _paragraphs(ops)
                move = None
            else:
                paras = _paragraphs([("equal", t) for op, t in ops if op != "delete"], whole="moveTo")
                move = ("moveTo", moves[id(change)])
            for para in paras:
                writer.provision(para, move=move)
            for item in placed.get(index, []):
                _write_old(writer, diff, item, moves)
        else:
            # Added, or one part of a split or merge whose parts are not neighbours: the new
            # text where the new version has it (its old text stands where the old had it).
            writer.provision(Para([("insert", printed_prefix(p) + p.text)], mark="insert"))
    _footnotes(writer, diff.old, diff.new, language)
    writer.note(f"resdiff: {describe_counts(diff)}")
    return writer.save()


def _moves(placed: dict[int, list[_OldOnly]]) -> list[_OldOnly]:
    """The moves, in the order their `moveFrom` is written: a move's two halves share a name."""
    return [item for at in sorted(placed) for item in placed[at] if item.revision == "moveFrom"]


def _write_old(writer: Writer, diff: Diff, item: _OldOnly, moves: dict[int, int]) -> None:
    if item.revision == "moveFrom":
        old_text: list[Op] = [("equal", t) for op, t in _numbered_ops(diff, item.change) if op != "insert"]
        for para in _paragraphs(old_text, whole="moveFrom"):
            writer.provision(para, move=("moveFrom", moves[id(item.change)]))
        return
    texts = [printed_prefix(diff.old.provision(pid)) + diff.old.provision(pid).text for pid in item.ids]
    ops: list[Op] = [("equal", "\n".join(texts))]
    for para in _paragraphs(ops, whole="delete"):
        writer.provision(para)


def _footnotes(writer: Writer, old: Resolution, new: Resolution, language: str) -> None:
    """Footnotes as a list after the text, each a tracked paragraph `[1] text`."""
    markers = sorted({f.marker for f in old.footnotes} | {f.marker for f in new.footnotes}, key=_marker_key)
    if not markers:
        return
    writer.note("Footnotes", bold=True)
    for marker in markers:
        before, after = old.footnote_text(marker), new.footnote_text(marker)
        ops: list[Op] = [("equal", f"[{marker}] ")] if before is not None and after is not None else []
        if before is None:
            ops = [("insert", f"[{marker}] {after}")]
        elif after is None:
            ops = [("delete", f"[{marker}] {before}")]
        else:
            ops += token_diff(before, after, tokenizer_for(language))
        whole: OpKind | str = "insert" if before is None else "delete" if after is None else "equal"
        for para in _paragraphs(ops, whole=whole):
            writer.provision(para)


def _marker_key(marker: str) -> tuple[int, str]:
    return (int(marker), "") if marker.isdigit() else (10**6, marker)


def describe_counts(diff: Diff) -> str:
    parts = [f"{n} {kind}" for kind, n in diff.summary.items() if n]
    if diff.uncertain:
        parts.append(f"{diff.uncertain} uncertain")
    return ", ".join(parts) or "no provisions"


__all__ = ["DEFAULT_AUTHOR", "PROVISION_STYLE", "describe", "render_docx"]
