"""Flat ODT files of a canonical resolution, for LibreOffice to print as PDF.

reportlab (tests/pdfgen.py) draws every line where it is told; a word processor sets the
text itself: its own line breaks and justification, embedded subset fonts (Noto Serif CJK
for Chinese), footnotes numbered by the program under a drawn separator, headers and
footers with page fields. A PDF that LibreOffice makes from this file is a real
word-processor PDF, the kind a delegation circulates.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from engine.model import FootnoteRef, Resolution

_STYLES = """<office:styles>
 <style:style style:name="P" style:family="paragraph"><style:paragraph-properties fo:text-align="justify"
  fo:margin-bottom="0.2cm" fo:text-indent="1.25cm"/><style:text-properties fo:font-family="DejaVu Serif"
  fo:font-size="10pt" style:font-family-asian="Noto Serif CJK SC" style:font-size-asian="12pt"/></style:style>
 <style:style style:name="Sub" style:family="paragraph" style:parent-style-name="P">
  <style:paragraph-properties fo:margin-left="1.25cm"/></style:style>
 <style:style style:name="Cover" style:family="paragraph" style:parent-style-name="P">
  <style:paragraph-properties fo:text-align="start" fo:text-indent="0cm"/></style:style>
 <style:style style:name="Fn" style:family="paragraph"><style:text-properties fo:font-family="DejaVu Serif"
  fo:font-size="8pt" style:font-family-asian="Noto Serif CJK SC" style:font-size-asian="9pt"/></style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
  fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>
 </style:page-layout>
</office:automatic-styles>"""
_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
)


def _runs(text: str, refs: tuple[FootnoteRef, ...], notes: dict[str, str]) -> str:
    out, pos = [], 0
    for ref in sorted(refs, key=lambda r: r.offset):
        out.append(escape(text[pos : ref.offset]))
        out.append(
            f'<text:note text:id="ftn{ref.marker}" text:note-class="footnote">'
            f"<text:note-citation>{ref.marker}</text:note-citation><text:note-body>"
            f'<text:p text:style-name="Fn">{escape(notes.get(ref.marker, ""))}</text:p>'
            "</text:note-body></text:note>"
        )
        pos = ref.offset
    out.append(escape(text[pos:]))
    return "".join(out)


def flat_odt(res: Resolution, *, cover: tuple[str, ...], job: str, closing: tuple[str, ...] = ()) -> str:
    """The resolution as a flat ODT document (one XML file), laid out like a UN document."""
    notes = {f.marker: f.text for f in res.footnotes}
    body = [f'<text:p text:style-name="Cover">{escape(line)}</text:p>' for line in cover]
    if res.body_line:
        body.append(f'<text:p text:style-name="P">{escape(res.body_line)}</text:p>')
    for p in res.provisions:
        lead = {"operative": f"{p.number}.<text:tab/>", "subparagraph": f"({p.number})<text:tab/>"}
        style = "Sub" if p.kind == "subparagraph" else "P"
        text = lead.get(p.kind, "") + _runs(p.text, p.footnotes, notes)
        body.append(f'<text:p text:style-name="{style}">{text}</text:p>')
    body += [f'<text:p text:style-name="Cover">{escape(line)}</text:p>' for line in closing]
    page = (
        '<text:page-number text:select-page="current">1</text:page-number>/'
        f"<text:page-count>1</text:page-count>  {escape(job.split(' ')[0])}"
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {_NS} office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
{_STYLES}
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="A4">
  <style:header><text:p text:style-name="Cover">{escape(res.meta.symbol or "")}</text:p></style:header>
  <style:footer><text:p text:style-name="Cover">{page}</text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
{chr(10).join(body)}
</office:text></office:body></office:document>
"""
