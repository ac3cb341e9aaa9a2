"""Writing Word documents whose changes are real tracked revisions (ECMA-376 Part 1, 17.13.5).

Shared by the `docx` diff report and the `docx` compilation: deleted text in `w:del`,
inserted text in `w:ins`, moves as `w:moveFrom`/`w:moveTo`, a paragraph's own mark
revised through its `w:rPr` (accepting a deleted mark joins the paragraph to the next,
rejecting an inserted one too), each revision signed by an author with a fixed date, and
comments (python-docx's) where no revision can say what is meant. python-docx writes the
document, its styles and fonts; it has no API for revisions, so their elements are built
with its `OxmlElement` (lxml underneath). The package is written with fixed times, so equal
documents are equal bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

PROVISION_STYLE = "resdiff Provision"
"""The paragraph style of every provision (and title, body line, footnote) paragraph, so a
reader of the file (or a test) can tell the text from the report's own header."""
LABEL_STYLE = "resdiff Label"
"""The character style of a negotiation label (`OP5 bis`) written before a provision: not
part of its text."""
DEFAULT_AUTHOR = "resdiff"
FIXED_DATE = "2000-01-01T00:00:00Z"
_EAST_ASIAN_FONT = "SimSun"
_LATIN_FONT = "Times New Roman"
TAGS = {"insert": "w:ins", "delete": "w:del", "moveFrom": "w:moveFrom", "moveTo": "w:moveTo"}
"""The revision element of each kind of run (`equal` runs are not revisions)."""


@dataclass
class Para:
    """One paragraph to write: runs of (revision, text), and the revision of its mark."""

    runs: list[tuple[str, str]] = field(default_factory=list)
    mark: str = "equal"


class Writer:
    """Builds the document body; keeps the revision ids unique and the dates fixed."""

    def __init__(self, author: str, date: str = FIXED_DATE, title: str = "resdiff comparison") -> None:
        # Imported here: python-docx (and lxml) load in ~0.2 s, and only the docx formats need them.
        import docx
        from docx.enum.style import WD_STYLE_TYPE
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        self.OxmlElement = OxmlElement
        self.qn = qn
        self.author = author
        self.date = date
        self.title = title
        self.next_id = 1
        self.doc = docx.Document()
        normal = self.doc.styles["Normal"]
        self._fonts(normal.element)
        style = self.doc.styles.add_style(PROVISION_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        self._fonts(style.element)
        self.label_style = self.doc.styles.add_style(LABEL_STYLE, WD_STYLE_TYPE.CHARACTER)
        self.label_style.font.bold = True
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

    def revision(self, tag: str, author: str | None = None) -> Any:
        """A revision element (`w:ins`, `w:del`, ...) signed by `author` (default: the writer's)."""
        el = self.OxmlElement(tag)
        el.set(self.qn("w:id"), str(self.next_id))
        el.set(self.qn("w:author"), author or self.author)
        el.set(self.qn("w:date"), self.date)
        self.next_id += 1
        return el

    def run(self, text: str, deleted: bool, style: str | None = None, highlight: bool = False) -> Any:
        """A `w:r` of `text` (`w:delText` when deleted), in the character style named `style`,
        highlighted (yellow, as a marker pen: seen on paper too) when asked."""
        run = self.OxmlElement("w:r")
        if style is not None or highlight:
            rpr = self.OxmlElement("w:rPr")
            if style is not None:
                rstyle = self.OxmlElement("w:rStyle")
                rstyle.set(self.qn("w:val"), self.doc.styles[style].style_id)
                rpr.append(rstyle)
            if highlight:
                pen = self.OxmlElement("w:highlight")
                pen.set(self.qn("w:val"), "yellow")
                rpr.append(pen)
            run.append(rpr)
        t = self.OxmlElement("w:delText" if deleted else "w:t")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = text
        run.append(t)
        return run

    def note(self, text: str, *, bold: bool = False) -> Any:
        """A paragraph of the report itself (header, legend): not part of either text."""
        paragraph = self.doc.add_paragraph()
        paragraph.add_run(text).bold = bold
        return paragraph

    def paragraph(self) -> Any:
        """A new provision paragraph (its `w:p` element), to add runs to."""
        return self.doc.add_paragraph(style=PROVISION_STYLE)._p

    def add(
        self,
        p: Any,
        kind: str,
        text: str,
        author: str | None = None,
        style: str | None = None,
        highlight: bool = False,
    ) -> Any:
        """A run of `text` at the end of paragraph `p`, inside a revision of `kind` unless
        `equal`; returns the run element."""
        run = self.run(text, deleted=kind in ("delete", "moveFrom"), style=style, highlight=highlight)
        if kind in TAGS:
            wrapper = self.revision(TAGS[kind], author)
            wrapper.append(run)
            p.append(wrapper)
        else:
            p.append(run)
        return run

    def mark(self, p: Any, kind: str, author: str | None = None) -> None:
        """The revision of the paragraph's own mark (17.13.5.15, 17.13.5.22)."""
        if kind in TAGS:
            rpr = self.OxmlElement("w:rPr")
            rpr.append(self.revision(TAGS[kind], author))
            p.get_or_add_pPr().append(rpr)

    def comment(self, p: Any, first: Any, last: Any, text: str, author: str) -> None:
        """A comment by `author` on the runs `first` to `last` of paragraph `p`, dated as the
        revisions are."""
        from docx.text.paragraph import Paragraph
        from docx.text.run import Run

        paragraph = Paragraph(p, self.doc._body)
        comment = self.doc.add_comment([Run(first, paragraph), Run(last, paragraph)], text, author, "")
        comment._comment_elm.set(self.qn("w:date"), self.date)

    def provision(self, para: Para, move: tuple[str, int] | None = None) -> None:
        """A paragraph of the text; `move` is ("moveFrom" or "moveTo", the move's number)."""
        p = self.paragraph()
        if move:
            start = self.revision(f"w:{move[0]}RangeStart")
            start.set(self.qn("w:name"), f"move{move[1]}")
            p.append(start)
        for kind, text in para.runs:
            self.add(p, kind, text)
        if move:
            end = self.OxmlElement(f"w:{move[0]}RangeEnd")
            end.set(self.qn("w:id"), start.get(self.qn("w:id")))
            p.append(end)
        self.mark(p, para.mark)

    def save(self) -> bytes:
        # Fixed core properties: the same input must give the same bytes.
        props = self.doc.core_properties
        props.author = self.author
        props.title = self.title
        from datetime import datetime

        stamp = datetime(2000, 1, 1)
        props.created = props.modified = stamp
        props.last_modified_by = self.author
        props.revision = 1
        out = io.BytesIO()
        self.doc.save(out)
        return normalise_zip(out.getvalue())


def normalise_zip(data: bytes) -> bytes:
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
