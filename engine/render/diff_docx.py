"""The `docx` diff format: a Word document whose changes are real tracked revisions.

Delegates circulate "the comparison with last year's text" as a Word file they can accept
or reject change by change, so the changes here are Word revisions, not colours: deleted
text in `w:del`, inserted text in `w:ins`, a provision that moved as `w:moveFrom` at its old
place and `w:moveTo` at its new one, and added or removed provisions as inserted or deleted
paragraphs, paragraph mark included (ECMA-376 Part 1, 17.13.5: revisions). The contract,
checked by the tests on every golden pair: Word's "Accept all" gives exactly the new
provisions and "Reject all" the old ones, each with its operative number as printed.

python-docx writes the document, its styles and fonts; it has no API for revisions, so
the revision elements are built with its `OxmlElement` (lxml underneath).
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..diff import Change, Diff, Op, OpKind, token_diff, tokenizer_for
from ..model import Provision, Resolution
from .diff_labels import describe, excerpt_notes, identity
from .options import RenderOptions

PROVISION_STYLE = "resdiff Provision"
"""The paragraph style of every provision (and title, body line, footnote) paragraph, so a
reader of the file (or a test) can tell the text from the report's own header."""
DEFAULT_AUTHOR = "resdiff"
_EAST_ASIAN_FONT = "SimSun"
_LATIN_FONT = "Times New Roman"
_FIXED_DATE = "2000-01-01T00:00:00Z"


@dataclass
class _Para:
    """One paragraph to write: runs of (revision, text), and the revision of its mark."""

    runs: list[tuple[OpKind | str, str]] = field(default_factory=list)
    mark: OpKind | str = "equal"


def _prefix(p: Provision) -> str:
    """What stands before the text in print: `5. `, `(a) `, `(ii) `; nothing for a pp."""
    if not p.number:
        return ""
    return f"{p.number}. " if p.kind == "operative" else f"({p.number}) "


def _numbered_ops(diff: Diff, change: Change) -> list[Op]:
    """The change's ops with each provision's printed number put before its text.

    Provisions of a split or merge are joined by a newline inside the ops (changes.JOINER),
    in an insert (a new boundary) or a delete (an old one); the next provision's number goes
    right after it, on the same side.
    """
    old = [_prefix(diff.old.provision(pid)) for pid in change.old]
    new = [_prefix(diff.new.provision(pid)) for pid in change.new]
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


def _paragraphs(ops: Sequence[Op], *, whole: OpKind | str = "equal") -> list[_Para]:
    """Cut ops into paragraphs at the newlines; a newline's op is the revision of the mark.

    `whole` marks every run and the final mark as one revision (a moved provision's
    `moveFrom`/`moveTo`, an added or removed provision's `insert`/`delete`).
    """
    paras = [_Para()]
    for op, text in ops:
        kind = whole if whole != "equal" else op
        for k, piece in enumerate(text.split("\n")):
            if k:
                paras[-1].mark = kind
                paras.append(_Para())
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


class _Writer:
    """Builds the document body; keeps the revision ids unique and the dates fixed."""

    def __init__(self, author: str, date: str) -> None:
        # Imported here: python-docx (and lxml) load in ~0.2 s, and only this format needs them.
        import docx
        from docx.enum.style import WD_STYLE_TYPE
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        self.OxmlElement = OxmlElement
        self.qn = qn
        self.author = author
        self.date = date
        self.next_id = 1
        self.doc = docx.Document()
        normal = self.doc.styles["Normal"]
        self._fonts(normal.element)
        style = self.doc.styles.add_style(PROVISION_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        self._fonts(style.element)
        self.doc.settings.element.append(OxmlElement("w:trackRevisions"))

    def _fonts(self, style: Any) -> None:
        """Latin and East Asian fonts on a style, so Chinese text has a font that covers it."""
        rpr = style.get_or_add_rPr()
        fonts = self.OxmlElement("w:rFonts")
        fonts.set(self.qn("w:ascii"), _LATIN_FONT)
        fonts.set(self.qn("w:hAnsi"), _LATIN_FONT)
        fonts.set(self.qn("w:eastAsia"), _EAST_ASIAN_FONT)
        rpr.append(fonts)
        lang = self.OxmlElement("w:lang")
        lang.set(self.qn("w:eastAsia"), "zh-CN")
        rpr.append(lang)

    def _revision(self, tag: str) -> Any:
        el = self.OxmlElement(tag)
        el.set(self.qn("w:id"), str(self.next_id))
        el.set(self.qn("w:author"), self.author)
        el.set(self.qn("w:date"), self.date)
        self.next_id += 1
        return el

    def _run(self, text: str, deleted: bool) -> Any:
        run = self.OxmlElement("w:r")
        t = self.OxmlElement("w:delText" if deleted else "w:t")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = text
        run.append(t)
        return run

    def note(self, text: str, *, bold: bool = False) -> None:
        """A paragraph of the report itself (header, legend): not part of either text."""
        self.doc.add_paragraph().add_run(text).bold = bold

    def provision(self, para: _Para, move: tuple[str, int] | None = None) -> None:
        """A paragraph of the text; `move` is ("moveFrom" or "moveTo", the move's number)."""
        p: Any = self.doc.add_paragraph(style=PROVISION_STYLE)._p
        tags = {"insert": "w:ins", "delete": "w:del", "moveFrom": "w:moveFrom", "moveTo": "w:moveTo"}
        if move:
            start = self._revision(f"w:{move[0]}RangeStart")
            start.set(self.qn("w:name"), f"move{move[1]}")
            p.append(start)
        for kind, text in para.runs:
            run = self._run(text, deleted=kind == "delete")
            if kind in tags:
                wrapper = self._revision(tags[kind])
                wrapper.append(run)
                p.append(wrapper)
            else:
                p.append(run)
        if move:
            end = self.OxmlElement(f"w:{move[0]}RangeEnd")
            end.set(self.qn("w:id"), start.get(self.qn("w:id")))
            p.append(end)
        if para.mark in tags:
            # The paragraph mark's own revision (17.13.5.15, 17.13.5.22): accepting a
            # deleted mark joins the paragraph to the next; rejecting an inserted one too.
            rpr = self.OxmlElement("w:rPr")
            rpr.append(self._revision(tags[para.mark]))
            p.get_or_add_pPr().append(rpr)

    def save(self) -> bytes:
        # Fixed core properties: the same diff must give the same bytes.
        props = self.doc.core_properties
        props.author = self.author
        props.title = "resdiff comparison"
        from datetime import datetime

        stamp = datetime(2000, 1, 1)
        props.created = props.modified = stamp
        props.last_modified_by = self.author
        props.revision = 1
        out = io.BytesIO()
        self.doc.save(out)
        return _normalise_zip(out.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed entry times, so equal documents are equal bytes."""
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


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


def _heading_paras(old: str | None, new: str | None, language: str) -> list[_Para]:
    if not old and not new:
        return []
    if old == new:
        return [_Para([("equal", old or "")])]
    ops = token_diff(old or "", new or "", tokenizer_for(language))
    return _paragraphs(ops)


def render_docx(diff: Diff, options: RenderOptions) -> bytes:
    """The comparison as a .docx; `options.author` signs the revisions."""
    writer = _Writer(options.author or DEFAULT_AUTHOR, _FIXED_DATE)
    writer.note(f"Comparison: {identity(diff.old)} → {identity(diff.new)}", bold=True)
    writer.note(
        "Changes are tracked revisions: accept them all for the new text, reject them all for the old."
    )
    for note in excerpt_notes(diff):
        writer.note(note)
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
            writer.provision(_Para([("insert", _prefix(p) + p.text)], mark="insert"))
    _footnotes(writer, diff.old, diff.new, language)
    writer.note(f"resdiff: {describe_counts(diff)}")
    return writer.save()


def _moves(placed: dict[int, list[_OldOnly]]) -> list[_OldOnly]:
    """The moves, in the order their `moveFrom` is written: a move's two halves share a name."""
    return [item for at in sorted(placed) for item in placed[at] if item.revision == "moveFrom"]


def _write_old(writer: _Writer, diff: Diff, item: _OldOnly, moves: dict[int, int]) -> None:
    if item.revision == "moveFrom":
        old_text: list[Op] = [("equal", t) for op, t in _numbered_ops(diff, item.change) if op != "insert"]
        for para in _paragraphs(old_text, whole="moveFrom"):
            writer.provision(para, move=("moveFrom", moves[id(item.change)]))
        return
    texts = [_prefix(diff.old.provision(pid)) + diff.old.provision(pid).text for pid in item.ids]
    ops: list[Op] = [("equal", "\n".join(texts))]
    for para in _paragraphs(ops, whole="delete"):
        writer.provision(para)


def _footnotes(writer: _Writer, old: Resolution, new: Resolution, language: str) -> None:
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
    counts = diff.summary
    return ", ".join(f"{n} {kind}" for kind, n in counts.items() if n) or "no provisions"


__all__ = ["DEFAULT_AUTHOR", "PROVISION_STYLE", "describe", "render_docx"]
