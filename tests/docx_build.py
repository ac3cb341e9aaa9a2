"""Build real Word files for the tests: python-docx for the document, lxml for what it lacks.

The files carry what Word writes and the reader must understand: list numbering defined in
numbering.xml (abstract lists, instances that restart them), footnotes in footnotes.xml
with references in the text, tracked insertions, deletions and deleted paragraph marks
(w:ins, w:del), and comments. Segments of a paragraph are given as:

    "text"                       plain text
    ("ins", "text")              a tracked insertion
    ("del", "text")              a tracked deletion
    ("note", "body")             a footnote reference here, with its body
    ("note", "body", "ins")      the same, inserted as a tracked change
    ("endnote", "body")          an endnote reference, with its body
    ("comment", "text", "note")  text with a comment on it
"""

from __future__ import annotations

import io
from typing import Any

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from engine.model import Resolution

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DATE = "2026-01-01T00:00:00Z"

Segment = str | tuple[str, ...]


class Builder:
    """One Word document under construction."""

    def __init__(self) -> None:
        self.doc = docx.Document()
        self.numbering = self.doc.part.numbering_part.element
        self.notes: list[str] = []
        self.endnotes: list[str] = []
        self._rev = 100

    # --- numbering -----------------------------------------------------------------
    def abstract_list(self, aid: int, levels: list[tuple[str, str]], *, start: int = 1) -> None:
        """An abstract list; levels are (numFmt, lvlText) from level 0 down."""
        lvls = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="{start if i == 0 else 1}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{720 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
            for i, (fmt, text) in enumerate(levels)
        )
        el = parse_xml(
            f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{aid}">'
            f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>'
        )
        first_num = self.numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(el)  # the schema puts every abstractNum before the nums
        else:
            self.numbering.append(el)

    def list_instance(self, num_id: int, aid: int, *, restart: dict[int, int] | None = None) -> None:
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{value}"/></w:lvlOverride>'
            for lvl, value in (restart or {}).items()
        )
        xml = (
            f'<w:num xmlns:w="{W_NS}" w:numId="{num_id}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>'
        )
        self.numbering.append(parse_xml(xml))

    # --- paragraphs ----------------------------------------------------------------
    def paragraph(
        self,
        segments: list[Segment] | str,
        *,
        num: int | None = None,
        level: int = 0,
        mark: str | None = None,
    ) -> Any:
        """Add a paragraph; `num`/`level` number it by a list; `mark` 'ins'/'del' tracks its mark."""
        para = self.doc.add_paragraph()
        p = para._p
        if num is not None:
            p.get_or_add_pPr().append(
                parse_xml(
                    f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>'
                )
            )
        if mark:
            rpr = parse_xml(f'<w:rPr xmlns:w="{W_NS}"><w:{mark} {self._attrs()}/></w:rPr>')
            p.get_or_add_pPr().append(rpr)
        for segment in [segments] if isinstance(segments, str) else segments:
            self._segment(para, segment)
        return para

    def _attrs(self) -> str:
        self._rev += 1
        return f'w:id="{self._rev}" w:author="Drafter" w:date="{_DATE}"'

    def _segment(self, para: Any, segment: Segment) -> None:
        if isinstance(segment, str):
            para.add_run(segment)
            return
        kind, text, *rest = segment
        if kind in ("ins", "del"):
            self._track(para.add_run(text), kind)
        elif kind in ("note", "endnote"):
            notes = self.notes if kind == "note" else self.endnotes
            notes.append(text)
            tag = "footnoteReference" if kind == "note" else "endnoteReference"
            run = para.add_run()
            run._r.append(parse_xml(f'<w:rPr xmlns:w="{W_NS}"><w:vertAlign w:val="superscript"/></w:rPr>'))
            run._r.append(parse_xml(f'<w:{tag} xmlns:w="{W_NS}" w:id="{len(notes)}"/>'))
            if rest:  # ("note", body, "ins"): the reference is part of a tracked insertion
                self._track(run, rest[0])
        elif kind == "comment":
            run = para.add_run(text)
            self.doc.add_comment(runs=[run], text=rest[0], author="Reviewer", initials="R")
        else:
            raise ValueError(kind)

    def _track(self, run: Any, kind: str) -> None:
        wrapper = parse_xml(f'<w:{kind} xmlns:w="{W_NS}" {self._attrs()}/>')
        run._r.addprevious(wrapper)
        wrapper.append(run._r)
        if kind == "del":
            for t in run._r.findall(qn("w:t")):
                t.tag = qn("w:delText")

    # --- the file ------------------------------------------------------------------
    def save(self) -> bytes:
        if self.notes:
            self._add_notes_part("footnote", self.notes, CT.WML_FOOTNOTES, RT.FOOTNOTES)
        if self.endnotes:
            self._add_notes_part("endnote", self.endnotes, CT.WML_ENDNOTES, RT.ENDNOTES)
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    def _add_notes_part(self, kind: str, notes: list[str], content_type: str, reltype: str) -> None:
        bodies = "".join(
            f'<w:{kind} w:id="{i}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
            f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{kind}Ref/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {_escape(body)}</w:t></w:r></w:p></w:{kind}>'
            for i, body in enumerate(notes, start=1)
        )
        xml = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{kind}s xmlns:w="{W_NS}">'
            f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
            f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
            f"</w:r></w:p></w:{kind}>{bodies}</w:{kind}s>"
        )
        package = self.doc.part.package
        part = Part(PackURI(f"/word/{kind}s.xml"), content_type, xml.encode("utf-8"), package)
        self.doc.part.relate_to(part, reltype)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- a resolution as a drafter's Word file -------------------------------------------

OPS = 90  # the numId of the operative list: 1., (a), (i)


def resolution_docx(
    res: Resolution,
    header: list[str],
    trailer: list[str],
    revise: dict[str, list[Segment]] | None = None,
) -> tuple[bytes, str]:
    """A Word file of a resolution, and the same text typed one paragraph per block.

    Operative paragraphs and their subparagraphs are numbered by Word (one list, levels
    `%1.`, `(%2)`, `(%3)`), preambular ones are plain, footnotes are real footnotes.
    `revise` gives some provisions (by id) other segments in the Word file, such as
    tracked changes; the typed text keeps them as they were.
    """
    b = Builder()
    b.abstract_list(OPS, [("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)")])
    b.list_instance(OPS, OPS)
    typed = [*header]
    for line in header:
        b.paragraph(line)
    if res.body_line:
        b.paragraph(res.body_line)
        typed.append(res.body_line)
    bodies = {f.marker: f.text for f in res.footnotes}
    for p in res.provisions:
        segments: list[Segment] = []
        pos = 0
        for ref in p.footnotes:
            segments += [p.text[pos : ref.offset], ("note", bodies[ref.marker])]
            pos = ref.offset
        segments = [s for s in [*segments, p.text[pos:]] if s]
        segments = (revise or {}).get(p.id, segments)
        if p.kind == "preamble":
            b.paragraph(segments)
            typed.append(p.text)
        else:
            b.paragraph(segments, num=OPS, level=p.depth)
            typed.append((f"{p.number}." if p.depth == 0 else f"({p.number})") + " " + p.text)
    for line in trailer:
        b.paragraph(line)
    typed += trailer
    return b.save(), "\n\n".join(typed) + "\n"
