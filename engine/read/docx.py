"""Word files (.docx): the text a drafter sees in Word, read through the text reader.

A draft is usually a Word file, and what matters in it is what Word prints: paragraphs in
order, the numbers Word's automatic numbering puts before them (`1.`, `(a)`, `(i)`), the
footnotes, and the text as it stands once tracked changes are accepted (or, on request,
as it stood before them). This module turns the file into exactly that text, one
paragraph per block with the numbers written as printed, and hands it to the same
`read_text` a typed draft goes through, so a .docx and the same text typed read alike.

Footnotes are the exception: in Word they are exact (a reference at a place, a body in
footnotes.xml), while in typed text a marker is a bare number the reader must guess at. So
the markers are kept out of the text (`read_text(..., markers=False)`), and each is put
back afterwards at its place in the provision it stands in, found by walking the
provision's text and the Word text side by side (both hold the same characters once
white space and punctuation width are set aside).

python-docx opens the package and its parts; what it does not model (numbering.xml
levels and counters, footnotes, tracked revisions) is read from the parts' XML with lxml.

Line numbers: in what a .docx yields (`Provision.line`, `Diagnostic.line`) a "line" is
the number of the Word paragraph (1-based, every paragraph of the body counted in order,
empty ones and those in tables included), since a Word file has no lines of its own.
"""

from __future__ import annotations

import bisect
import functools
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import Literal

from lxml import etree

from ..diagnostics import Diagnostic, diag
from ..errors import InputError
from ..lazyre import lazy
from ..model import Footnote, FootnoteRef, Provision, Resolution, letters, roman_label
from .formats import OLE_MAGIC, REVISIONS, Revisions
from .reader import read_text
from .tidy import tidy_text

_MAX_XML = 200 * 1024 * 1024  # uncompressed XML a resolution can need, with a wide margin

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_MAIN_TYPE = "wordprocessingml.document.main+xml"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(el: etree._Element | None, attr: str = "val") -> str | None:
    return None if el is None else el.get(_w(attr))


# --- what kind of file ---------------------------------------------------------------


def _check_package(data: bytes, source: str | None) -> None:
    """Refuse, with what the file is and what to do, anything but a Word document."""
    if data.startswith(OLE_MAGIC):
        raise InputError(
            "this is an old binary Office file (a Word 97-2003 .doc or similar), not a .docx: "
            "save it as .docx or as plain text and read that",
            path=source,
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
            xml_size = sum(i.file_size for i in archive.infolist() if i.filename.endswith(".xml"))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError) as err:
        raise InputError(
            f"a damaged ZIP archive, not a readable Word document ({err})", path=source
        ) from None
    if "word/document.xml" in names or _MAIN_TYPE.encode() in types:
        if xml_size > _MAX_XML:
            raise InputError(
                f"the Word document unpacks to {xml_size} bytes of XML: not a resolution", path=source
            )
        return
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        kind = "an OpenDocument file (.odt or similar)"
    elif "xl/workbook.xml" in names:
        kind = "an Excel workbook"
    elif "ppt/presentation.xml" in names:
        kind = "a PowerPoint presentation"
    else:
        kind = "a ZIP archive"
    raise InputError(
        f"this is {kind}, not a Word document: save the text as .docx or as plain text and read that",
        path=source,
    )


# --- numbering.xml ---------------------------------------------------------------


@dataclass(frozen=True)
class _Level:
    """One level of a Word numbering definition: what Word would print before a
    paragraph at that level (the number is not in the text)."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: None = after any higher level, 0 = never
    legal: bool = False  # w:isLgl: every level shown as a decimal number
    suffix: str = "tab"  # w:suff: tab, space or nothing after the number
    style: str | None = None  # w:pStyle: the paragraph style tied to this level


def _level(el: etree._Element) -> _Level:
    restart = _val(el.find(_w("lvlRestart")))
    return _Level(
        start=_int(_val(el.find(_w("start"))), 1),
        fmt=_val(el.find(_w("numFmt"))) or "decimal",
        text=_val(el.find(_w("lvlText"))) or "",
        restart=None if restart is None else _int(restart, 0),
        legal=el.find(_w("isLgl")) is not None and _val(el.find(_w("isLgl"))) not in ("0", "false"),
        suffix=_val(el.find(_w("suff"))) or "tab",
        style=_val(el.find(_w("pStyle"))),
    )


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def format_number(n: int, fmt: str) -> str:
    """A counter as Word prints it in one number format (decimal for the rare others)."""
    if fmt in ("none", "bullet"):
        return ""
    if n >= 1 and fmt in ("lowerLetter", "upperLetter"):
        label = letters(n)  # Word goes on a, ..., z, aa, bb as the UN does
        return label if fmt == "lowerLetter" else label.upper()
    if 1 <= n < 4000 and fmt in ("lowerRoman", "upperRoman"):
        label = roman_label(n)
        return label if fmt == "lowerRoman" else label.upper()
    if fmt == "decimalZero" and n < 10:
        return f"0{n}"
    return str(n)


class Numbering:
    """Word's list numbering: which number each numbered paragraph prints.

    Levels come from w:abstractNum (start, format, text such as `%1.` or `(%2)`); a w:num
    instance points at one and may restart levels (w:lvlOverride/w:startOverride) or
    redefine them. Counters belong to the abstract list, so two instances of one list
    continue each other's numbers unless one restarts; a level restarts after any higher
    level (w:lvlRestart changes that).
    """

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        self._styles = _Styles(styles)
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._style_link: dict[str, str] = {}  # abstractNum id -> numbering style it follows
        self._nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()
        if numbering is None:
            return
        for el in numbering.iterfind(_w("abstractNum")):
            aid = el.get(_w("abstractNumId"), "")
            self._abstract[aid] = {
                _int(lvl.get(_w("ilvl")), 0): _level(lvl) for lvl in el.iterfind(_w("lvl"))
            }
            link = _val(el.find(_w("numStyleLink")))
            if link:
                self._style_link[aid] = link
        for el in numbering.iterfind(_w("num")):
            starts: dict[int, int] = {}
            levels: dict[int, _Level] = {}
            for override in el.iterfind(_w("lvlOverride")):
                ilvl = _int(override.get(_w("ilvl")), 0)
                start = _val(override.find(_w("startOverride")))
                if start is not None:
                    starts[ilvl] = _int(start, 1)
                lvl = override.find(_w("lvl"))
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
            self._nums[el.get(_w("numId"), "")] = (_val(el.find(_w("abstractNumId"))) or "", starts, levels)

    def _abstract_id(self, num_id: str) -> str | None:
        aid = self._nums[num_id][0] if num_id in self._nums else None
        for _ in range(5):  # a list that follows a numbering style takes that style's list
            if aid is None or aid not in self._style_link:
                break
            linked = self._styles.num_pr(self._style_link[aid])[0]
            aid = self._nums[linked][0] if linked in self._nums else None
        return aid if aid in self._abstract else None

    def _levels(self, num_id: str, aid: str) -> dict[int, _Level]:
        return {**self._abstract[aid], **self._nums[num_id][2]}

    def label(self, ppr: etree._Element | None, revisions: Revisions) -> tuple[str, str]:
        """(printed number, what follows it) for a paragraph; ('', '') when unnumbered."""
        num_id, ilvl, style = self._num_pr(ppr, revisions)
        if num_id is None or num_id == "0":
            return "", ""
        aid = self._abstract_id(num_id)
        if aid is None:
            return "", ""
        levels = self._levels(num_id, aid)
        if ilvl is None:
            ilvl = next((i for i, lvl in sorted(levels.items()) if style and lvl.style == style), 0)
        if ilvl not in levels:
            return "", ""
        counters = self._counters.setdefault(aid, {})
        if num_id not in self._started:
            self._started.add(num_id)
            for restarted, start in self._nums[num_id][1].items():
                counters[restarted] = start - 1
                for deeper in [k for k in counters if k > restarted]:
                    del counters[deeper]
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart and ilvl < restart):
                del counters[deeper]
        if level.fmt == "bullet":
            return "", ""

        def number(m: re.Match[str]) -> str:
            k = int(m[1]) - 1
            lvl = levels.get(k, _Level())
            value = counters.get(k, lvl.start)
            return format_number(value, "decimal" if level.legal and lvl.fmt != "none" else lvl.fmt)

        text = re.sub(r"%([1-9])", number, level.text).strip()
        return text, ("" if level.suffix == "nothing" else " ")

    def _num_pr(self, ppr: etree._Element | None, revisions: Revisions) -> tuple[str | None, int | None, str]:
        """numId, ilvl and style of a paragraph, from its own properties or its style's."""
        if ppr is not None and revisions == "reject":
            old = ppr.find(f"{_w('pPrChange')}/{_w('pPr')}")
            if old is not None:
                ppr = old  # the paragraph's properties before the tracked change
        style = _val(ppr.find(_w("pStyle"))) if ppr is not None else None
        style = style or self._styles.default
        num_pr = ppr.find(_w("numPr")) if ppr is not None else None
        if num_pr is not None and revisions == "reject" and num_pr.find(_w("ins")) is not None:
            num_pr = None  # numbering added as a tracked change
        num_id = _val(num_pr.find(_w("numId"))) if num_pr is not None else None
        ilvl_text = _val(num_pr.find(_w("ilvl"))) if num_pr is not None else None
        if num_id is None and style:
            num_id, style_ilvl = self._styles.num_pr(style)
            ilvl_text = ilvl_text or style_ilvl
        return num_id, (None if ilvl_text is None else _int(ilvl_text, 0)), style or ""


class _Styles:
    """Paragraph styles, as far as numbering needs them: a style can number its paragraphs."""

    def __init__(self, styles: etree._Element | None) -> None:
        self._by_id: dict[str, etree._Element] = {}
        self.default: str | None = None
        if styles is None:
            return
        for el in styles.iterfind(_w("style")):
            sid = el.get(_w("styleId"), "")
            self._by_id[sid] = el
            if el.get(_w("type")) == "paragraph" and el.get(_w("default")) in ("1", "true"):
                self.default = sid

    def num_pr(self, style: str) -> tuple[str | None, str | None]:
        """(numId, ilvl) a style gives, following w:basedOn."""
        seen: set[str] = set()
        current: str | None = style
        while current and current not in seen and current in self._by_id:
            seen.add(current)
            el = self._by_id[current]
            num_pr = el.find(f"{_w('pPr')}/{_w('numPr')}")
            if num_pr is not None:
                return _val(num_pr.find(_w("numId"))), _val(num_pr.find(_w("ilvl")))
            current = _val(el.find(_w("basedOn")))
        return None, None


# --- paragraph text, with revisions -------------------------------------------------

_INSERTED = frozenset({_w("ins"), _w("moveTo")})
_DELETED = frozenset({_w("del"), _w("moveFrom")})
_SKIPPED = frozenset(
    {
        _w(t)
        for t in (
            "pPr", "rPr", "instrText", "delInstrText", "drawing", "pict", "object", "commentReference",
            "footnoteRef", "endnoteRef", "separator", "continuationSeparator", "sectPr", "fldData",
        )
    }
    | {f"{{{_MC}}}AlternateContent"}
)  # fmt: skip
_TEXT = frozenset({_w("t"), _w("delText")})
_SPACE = frozenset({_w("tab"), _w("ptab")})
_BREAK = frozenset({_w("br"), _w("cr")})


@dataclass
class _Note:
    """A footnote or endnote reference in a paragraph, where it stands in the text."""

    offset: int
    kind: Literal["footnote", "endnote"]
    note_id: str
    custom: str | None = None  # a mark the author typed (`*`) instead of Word's number


@dataclass
class _Para:
    """One body paragraph of a Word file as Word shows it: its text, notes and numbering
    properties."""

    number: int  # 1-based position among the body's paragraphs
    ppr: etree._Element | None
    text: str = ""
    notes: list[_Note] = field(default_factory=list)
    mark_removed: bool = False  # its paragraph mark is gone: it runs into the next one


class _TextWalker:
    """Collects a paragraph's text as it reads with revisions accepted or rejected."""

    def __init__(self, revisions: Revisions) -> None:
        self.keep = _INSERTED if revisions == "accept" else _DELETED
        self.drop = _DELETED if revisions == "accept" else _INSERTED

    def paragraph(self, p: etree._Element, number: int) -> _Para:
        ppr = p.find(_w("pPr"))
        para = _Para(number, ppr)
        mark = ppr.find(_w("rPr")) if ppr is not None else None
        if mark is not None:
            para.mark_removed = any(child.tag in self.drop for child in mark)
        parts: list[str] = []
        self._walk(p, parts, para, [None])
        para.text = "".join(parts)
        return para

    def _walk(self, el: etree._Element, parts: list[str], para: _Para, custom: list[_Note | None]) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED or tag in self.drop:
                continue
            if tag == _w("r") and _hidden(child):
                continue  # hidden text (w:vanish): Word neither shows nor prints it
            if tag in _TEXT:
                text = _clean(child.text or "")
                pending = custom[0]
                if pending is not None and pending.custom == "":
                    pending.custom, custom[0] = text.strip(), None  # the typed mark is no wording
                    continue
                parts.append(text)
            elif tag in _SPACE:
                parts.append(" ")
            elif tag in _BREAK:
                parts.append("\n")
            elif tag == _w("noBreakHyphen"):
                parts.append("-")
            elif tag in (_w("footnoteReference"), _w("endnoteReference")):
                note = _Note(
                    sum(len(s) for s in parts),
                    "footnote" if tag == _w("footnoteReference") else "endnote",
                    child.get(_w("id"), ""),
                    "" if child.get(_w("customMarkFollows")) in ("1", "true", "on") else None,
                )
                para.notes.append(note)
                custom[0] = note if note.custom == "" else None
            else:
                self._walk(child, parts, para, custom)


def _hidden(run: etree._Element) -> bool:
    vanish = run.find(f"{_w('rPr')}/{_w('vanish')}")
    return vanish is not None and _val(vanish) not in ("0", "false", "off")


_NOT_IN_MARKER = lazy(r"[\s\[\]\\^]")
_ZERO_WIDTH = lazy(r"[\u200b-\u200d\u2060\ufeff\u00ad]")


def _clean(text: str) -> str:
    """What the text reader's line cleaning does, done here so marker offsets stay true."""
    return _ZERO_WIDTH.sub("", unicodedata.normalize("NFC", text))


def _paragraphs(body: etree._Element) -> Iterator[etree._Element]:
    """The body's paragraphs in reading order, through tables and content controls."""
    for child in body:
        if child.tag == _w("p"):
            yield child
        elif child.tag in (_w("tbl"), _w("tr"), _w("tc"), _w("sdt"), _w("sdtContent"), _w("customXml")):
            yield from _paragraphs(child)


def _merge(paras: list[_Para]) -> list[_Para]:
    """Run each paragraph whose mark is gone into the next, as Word shows it.

    The joined paragraph keeps the first one's properties (its numbering) unless the first
    has no text left, as when a whole paragraph was deleted: then it is simply gone.
    """
    out: list[_Para] = []
    pending: _Para | None = None
    for para in paras:
        if pending is not None:
            shift = len(pending.text)
            notes = pending.notes + [replace(n, offset=n.offset + shift) for n in para.notes]
            keep = pending if pending.text.strip() else para
            para = _Para(keep.number, keep.ppr, pending.text + para.text, notes, para.mark_removed)
        if para.mark_removed:
            pending = para
            continue
        pending = None
        out.append(para)
    if pending is not None:
        out.append(pending)
    return out


# --- footnotes ------------------------------------------------------------------------


def _notes_format(settings: etree._Element | None, body: etree._Element, kind: str) -> tuple[str, int]:
    """Number format and start of footnote (or endnote) marks: the section's, else the file's."""
    fmt, start = ("decimal", 1) if kind == "footnote" else ("lowerRoman", 1)
    for holder in (settings, body.find(_w("sectPr"))):
        pr = holder.find(_w(f"{kind}Pr")) if holder is not None else None
        if pr is not None:
            fmt = _val(pr.find(_w("numFmt"))) or fmt
            start = _int(_val(pr.find(_w("numStart"))), start)
    return fmt, start


def _note_bodies(part: etree._Element | None, kind: str, walker: _TextWalker) -> dict[str, str]:
    bodies: dict[str, str] = {}
    if part is None:
        return bodies
    for note in part.iterfind(_w(kind)):
        if note.get(_w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        texts = [walker.paragraph(p, 0).text for p in note.iter(_w("p"))]
        bodies[note.get(_w("id"), "")] = " ".join(" ".join(texts).split())
    return bodies


# --- the file --------------------------------------------------------------------------


@dataclass
class _Package:
    """The parts of a Word file the reader uses, parsed once."""

    body: etree._Element
    numbering: etree._Element | None
    styles: etree._Element | None
    settings: etree._Element | None
    footnotes: etree._Element | None
    endnotes: etree._Element | None
    comments: int


def _open(data: bytes, source: str | None) -> _Package:
    import docx  # python-docx: imported here, as only Word files need it
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.parser import parse_xml

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx raises many kinds on a broken package
        raise InputError(
            f"cannot read the Word document ({type(err).__name__}: {err})", path=source
        ) from None
    part = document.part

    def related(reltype: str) -> etree._Element | None:
        try:
            target = part.part_related_by(reltype)
        except (KeyError, ValueError):
            return None
        element = getattr(target, "element", None)
        if isinstance(element, etree._Element):
            return element
        try:
            parsed: etree._Element = parse_xml(target.blob)
        except etree.XMLSyntaxError as err:
            raise InputError(
                f"the Word document's {target.partname} is broken XML ({err})", path=source
            ) from None
        return parsed

    comments = related(RT.COMMENTS)
    body = document.element.find(_w("body"))
    if body is None:
        raise InputError("the Word document has no body", path=source)
    count = len(comments.findall(_w("comment"))) if comments is not None else 0
    return _Package(
        body=body,
        numbering=related(RT.NUMBERING),
        styles=related(RT.STYLES),
        settings=related(RT.SETTINGS),
        footnotes=related(RT.FOOTNOTES),
        endnotes=related(RT.ENDNOTES),
        comments=count or len(body.findall(f".//{_w('commentReference')}")),
    )


@dataclass
class WordText:
    """A Word document as text: what `read_text` reads, and what it cannot see in it."""

    text: str
    lines: list[int]  # line of `text` (1-based) -> Word paragraph number (index 0 unused)
    notes: list[tuple[int, str]]  # (offset into `text`, marker) in order
    bodies: dict[str, str]  # marker -> footnote text
    diagnostics: list[Diagnostic]


def word_text(data: bytes, *, revisions: Revisions = "accept", source: str | None = None) -> WordText:
    """The document as typed text: one paragraph per block, numbers written as printed."""
    if revisions not in REVISIONS:
        raise InputError(f"unknown revisions mode {revisions!r}; expected accept or reject", path=source)
    _check_package(data, source)
    package = _open(data, source)
    walker = _TextWalker(revisions)
    paras = _merge([walker.paragraph(p, i) for i, p in enumerate(_paragraphs(package.body), start=1)])
    numbering = Numbering(package.numbering, package.styles)

    blocks: list[str] = []
    lines = [0]
    notes: list[tuple[int, str]] = []
    bodies: dict[str, str] = {}
    all_bodies = {
        "footnote": _note_bodies(package.footnotes, "footnote", walker),
        "endnote": _note_bodies(package.endnotes, "endnote", walker),
    }
    formats = {k: _notes_format(package.settings, package.body, k) for k in ("footnote", "endnote")}
    counts = {"footnote": 0, "endnote": 0}
    offset = 0
    duplicates: list[Diagnostic] = []
    for para in paras:
        label, gap = numbering.label(para.ppr, revisions)
        if not para.text.strip():
            continue  # an empty paragraph prints nothing (but a numbered one counts)
        prefix = label + gap if label else ""
        block = prefix + para.text.replace("\r", "")
        for note in para.notes:
            if note.custom:
                marker = note.custom
            else:
                fmt, start = formats[note.kind]
                marker = format_number(start + counts[note.kind], fmt) or str(start + counts[note.kind])
                counts[note.kind] += 1
            marker = _NOT_IN_MARKER.sub("", marker) or "*"  # the model's markers: no space, [ ] \\ ^
            notes.append((offset + len(prefix) + note.offset, marker))
            body = all_bodies[note.kind].get(note.note_id, "")
            if bodies.setdefault(marker, body) != body:
                duplicates.append(
                    diag("footnote-duplicate", f"second text for footnote {marker} ignored", para.number)
                )
        blocks.append(block)
        lines.extend([para.number] * (block.count("\n") + 1))
        lines.append(para.number)  # the blank line after the block
        offset += len(block) + 2
    diagnostics = duplicates + _diagnostics(package, revisions)
    return WordText("\n\n".join(blocks), lines, notes, bodies, diagnostics)


def _diagnostics(package: _Package, revisions: Revisions) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    counts = {"insertion": 0, "deletion": 0, "move": 0, "formatting change": 0}
    for root in (package.body, package.footnotes, package.endnotes):
        if root is None:
            continue
        for el in root.iter(
            _w("ins"), _w("del"), _w("moveFrom"), _w("moveTo"), _w("rPrChange"), _w("pPrChange")
        ):
            name = etree.QName(el).localname
            key = {"ins": "insertion", "del": "deletion", "moveFrom": "move"}.get(name)
            if name == "moveTo":
                continue  # one move is a moveFrom and a moveTo: count it once
            counts[key or "formatting change"] += 1
    if any(counts.values()):
        what = ", ".join(f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in counts.items() if n)
        how = (
            "read with all of them accepted (--revisions reject reads the text before them)"
            if revisions == "accept"
            else "read with all of them rejected: the text before them"
        )
        found.append(diag("docx-revisions", f"the Word file has tracked revisions ({what}); {how}"))
    if package.comments:
        n = package.comments
        found.append(diag("docx-comments", f"the Word file has {n} comment{'s' if n != 1 else ''}; ignored"))
    return found


def read_docx(
    data: bytes, *, lang: str = "auto", source: str | None = None, revisions: Revisions = "accept"
) -> Resolution:
    """Read a Word document as a resolution (see the module docstring for how)."""
    word = word_text(data, revisions=revisions, source=source)
    if not word.text.strip():
        raise InputError("the Word document has no text", path=source)
    res = read_text(word.text, lang=lang, source=source, markers=False)
    provisions, stray = _place_notes(res.provisions, word)
    referenced = {ref.marker for p in provisions for ref in p.footnotes}
    lang = res.meta.language
    notes = tuple(
        Footnote(m, tidy_text(word.bodies[m], lang)) for m in dict.fromkeys(m for _, m in word.notes)
    )
    warnings = [_moved(d, word.lines) for d in res.warnings] + word.diagnostics
    for marker in dict.fromkeys(stray):
        if marker not in referenced:
            warnings.append(
                diag(
                    "footnote-unreferenced",
                    f"footnote {marker} is referenced outside the paragraphs (header?)",
                )
            )
    for note in notes:
        if not note.text:
            warnings.append(diag("footnote-no-text", f"footnote {note.marker} has no text"))
    return replace(
        res,
        provisions=tuple(replace(p, line=_word_line(p.line, word.lines)) for p in provisions),
        footnotes=notes,
        warnings=tuple(warnings),
    )


def _word_line(line: int | None, lines: list[int]) -> int | None:
    if line is None:
        return None
    return lines[min(line, len(lines) - 1)] if line >= 1 else None


def _moved(d: Diagnostic, lines: list[int]) -> Diagnostic:
    return replace(d, line=_word_line(d.line, lines))


# --- putting the footnote markers back -------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _key(ch: str) -> str:
    """A character as compared between the Word text and a provision: width set aside."""
    if ch < "\x80":
        return ch
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


_SPACES = lazy(r"\s+")
_NON_SPACE = lazy(r"\S")


def _keys(text: str) -> str:
    """The non-space characters of `text`, folded (a regex pass: this runs on every text)."""
    bare = _SPACES.sub("", text)
    return bare if bare.isascii() else "".join(map(_key, bare))


def _offset_after(text: str, k: int) -> int:
    """The offset just after the k-th non-space character of `text` (0 for k = 0)."""
    if k <= 0:
        return 0
    for n, m in enumerate(_NON_SPACE.finditer(text), start=1):
        if n == k:
            return m.end()
    return len(text)


def _place_notes(
    provisions: tuple[Provision, ...], word: WordText
) -> tuple[tuple[Provision, ...], list[str]]:
    """Put each footnote marker into the provision whose text holds its place.

    The reader only drops labels, header and trailer and changes white space and
    punctuation width, so each provision's non-space characters (folded) stand in the
    Word text's, in order. A marker's place is then "after the k-th character": the same
    k counted in the provision gives the offset. Where normalisation changed more than
    that, difflib aligns the two.
    """
    raw = _keys(word.text)
    # a marker's place, counted in non-space characters of the Word text before it
    places: list[tuple[int, str]] = []
    count = previous = 0
    for offset, marker in word.notes:
        count += len(_SPACES.sub("", word.text[previous:offset]))
        places.append((count, marker))
        previous = offset
    at = [place for place, _ in places]  # in order, as the notes are
    refs: dict[int, list[FootnoteRef]] = {}
    placed: set[int] = set()
    cursor = 0
    for index, provision in enumerate(provisions):
        keys = _keys(provision.text)
        if not keys:
            continue
        start = raw.find(keys, cursor)
        mapping: list[tuple[int, int, int]]  # (raw start, provision key start, length)
        if start >= 0:
            mapping = [(start, 0, len(keys))]
            end = start + len(keys)
        else:
            nxt = _next_start(provisions, index, raw, cursor)
            window = raw[cursor:nxt]
            blocks = SequenceMatcher(None, window, keys, autojunk=False).get_matching_blocks()
            mapping = [(cursor + a, b, n) for a, b, n in blocks if n]
            if not mapping:
                continue
            start, end = mapping[0][0], mapping[-1][0] + mapping[-1][2]
        for i in range(bisect.bisect_left(at, start), bisect.bisect_right(at, end)):
            place, marker = places[i]
            if i in placed:
                continue
            k = _provision_count(place, mapping)
            refs.setdefault(index, []).append(FootnoteRef(marker, _offset_after(provision.text, k)))
            placed.add(i)
        cursor = end
    out = tuple(
        replace(p, footnotes=tuple(sorted([*p.footnotes, *refs[i]], key=lambda r: r.offset)))
        if i in refs
        else p
        for i, p in enumerate(provisions)
    )
    return out, [m for i, (_, m) in enumerate(places) if i not in placed]


def _provision_count(place: int, mapping: list[tuple[int, int, int]]) -> int:
    """How many provision characters stand before a place in the Word text."""
    count = 0
    for raw_start, prov_start, length in mapping:
        if place < raw_start:
            break
        count = prov_start + min(place - raw_start, length)
    return count


def _next_start(provisions: tuple[Provision, ...], index: int, raw: str, cursor: int) -> int:
    """Where the next provision that is found verbatim starts (the search window's end)."""
    for later in provisions[index + 1 :]:
        keys = _keys(later.text)
        found = raw.find(keys, cursor) if keys else -1
        if found >= 0:
            return found
    return len(raw)
