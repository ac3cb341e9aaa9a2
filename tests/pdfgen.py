"""UN-style PDFs for tests, made with reportlab from a canonical resolution.

The reader's PDF path must survive what an official PDF holds besides the wording: a
cover block (`United Nations  A/HRC/RES/25/3`, `Distr.: General`), the symbol as a running
header, page numbers and the job number (`14-13019 (C)`) and barcode in the footer,
paragraphs wrapped over lines and pages, footnote markers raised in the text, and footnote
bodies at the page bottom under a rule of underscores. This module lays a canonical
resolution out that way, so a test can compare what the reader gets back from the PDF
with the provisions the PDF was made from.

Chinese is set in reportlab's built-in CID font STSong-Light (no font file needed; the PDF
names the font and the UniGB-UCS2-H encoding, as a non-embedded CJK PDF does), English in
Helvetica. The generator also returns the same layout as plain text (`UnPdf.text`), so a
test can tell an extraction fault from a reading fault.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from engine.model import Resolution
from engine.store.canonical import loads

CJK_FONT = "STSong-Light"
LATIN_FONT = "Helvetica"
PAGE_W, PAGE_H = A4
LEFT, RIGHT, TOP, BOTTOM = 72.0, 72.0, 72.0, 80.0
INDENT = 36.0  # first-line indent of a paragraph
SUB_INDENT = 54.0  # where a subparagraph's letter stands
RULE = "__________________"


@dataclass
class Seg:
    text: str
    sup: bool = False


@dataclass
class Line:
    x: float
    segs: list[Seg]
    notes: list[str] = field(default_factory=list)  # footnote markers first referenced here
    para: int = -1  # index of the paragraph the line belongs to (-1: not a paragraph)
    gap_before: float = 0.0

    def plain(self) -> str:
        return "".join(s.text for s in self.segs)


@dataclass
class UnPdf:
    data: bytes
    text: str  # the same layout as text: one line per printed line, pages split by form feeds
    pages: int
    split_paragraphs: int  # paragraphs that run over a page break


@dataclass
class Style:
    lang: str
    size: float
    leading: float
    note_size: float
    latin: str = LATIN_FONT
    justify: bool = False

    @property
    def font(self) -> str:
        return CJK_FONT if self.lang == "zh" else self.latin

    def width(self, text: str, size: float | None = None) -> float:
        return float(pdfmetrics.stringWidth(text, self.font, size or self.size))


def _style(lang: str, font_file: str | None, justify: bool, scale: float = 1.0) -> Style:
    if lang == "zh":
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
        return Style("zh", 12.0 * scale, 24.0 * scale, 9.0 * scale, justify=justify)
    latin = LATIN_FONT
    if font_file:
        latin = Path(font_file).stem
        pdfmetrics.registerFont(TTFont(latin, font_file))
    return Style("en", 10.0 * scale, 13.0 * scale, 8.0 * scale, latin, justify)


def _atoms(segs: list[Seg], lang: str) -> list[list[Seg]]:
    """Units a line may break between: words (English), characters or Latin runs (Chinese).

    A raised footnote marker sticks to what precedes it, as a word processor keeps it.
    """
    atoms: list[list[Seg]] = []
    for seg in segs:
        if seg.sup:
            if atoms:
                atoms[-1].append(seg)
            else:
                atoms.append([seg])
            continue
        pieces = re.findall(r"\S+\s*|\s+", seg.text) if lang != "zh" else re.findall(r"[!-~]+\s*|.", seg.text)
        atoms.extend([Seg(p)] for p in pieces)
    return atoms


def _wrap(segs: list[Seg], style: Style, first_x: float, x: float, para: int) -> list[Line]:
    limit = PAGE_W - RIGHT
    lines: list[Line] = []
    cur: list[Seg] = []
    pos = first_x
    start = first_x

    def width(atom: list[Seg]) -> float:
        return sum(style.width(s.text, style.note_size if s.sup else None) for s in atom)

    for atom in _atoms(segs, style.lang):
        w = width(atom)
        trimmed = (
            w - style.width(atom[-1].text) + style.width(atom[-1].text.rstrip()) if not atom[-1].sup else w
        )
        if cur and pos + trimmed > limit:
            lines.append(Line(start, _merge(cur), para=para))
            cur, pos, start = [], x, x
            if not atom[0].sup and not atom[0].text.strip():
                continue
        cur.extend(atom)
        pos += w
    if cur:
        lines.append(Line(start, _merge(cur), para=para))
    for line in lines:
        if line.segs and not line.segs[-1].sup:
            line.segs[-1].text = line.segs[-1].text.rstrip()
        line.notes = [s.text for s in line.segs if s.sup]
    return lines


def _merge(segs: list[Seg]) -> list[Seg]:
    out: list[Seg] = []
    for s in segs:
        if out and out[-1].sup == s.sup:
            out[-1] = Seg(out[-1].text + s.text, s.sup)
        else:
            out.append(Seg(s.text, s.sup))
    return out


def _with_markers(text: str, refs: Sequence[tuple[str, int]]) -> list[Seg]:
    segs: list[Seg] = []
    pos = 0
    for marker, offset in sorted(refs, key=lambda r: r[1]):
        if offset > pos:
            segs.append(Seg(text[pos:offset]))
        segs.append(Seg(marker, sup=True))
        pos = offset
    if pos < len(text):
        segs.append(Seg(text[pos:]))
    return segs


def un_pdf(
    res: Resolution,
    *,
    cover: Sequence[str],
    job: str,
    closing: Sequence[str] = (),
    encrypt: str | StandardEncryption | None = None,
    font_file: str | None = None,
    justify: bool = False,
    drawn_rule: bool = False,
    in_forms: bool = False,
    scale: float = 1.0,
) -> UnPdf:
    """Lay `res` out as an official UN document.

    `cover` lines stand above the body line, `closing` lines (meeting, date, vote) after
    the last paragraph.

    `font_file`: an English text in this TrueType font, embedded as a subset (as Word
    embeds its fonts) instead of the standard Helvetica. `justify`: full lines are set
    flush to both margins, word by word, the spaces between words not drawn but left as
    gaps (as a word processor's justified text often is), so the extractor must find the
    word breaks from the positions. `drawn_rule`: the footnote separator is a drawn
    stroke and each footnote number is set against its text (`1Resolution 217 A`), as
    Word and LibreOffice print them, instead of the UN's rule of underscores.
    `in_forms`: each page's content is drawn in a form XObject and the page only
    places the form, as some PDF producers do. `scale` multiplies the font sizes
    and leading: other line and page breaks.
    """
    style = _style(res.meta.language, font_file, justify, scale)
    symbol = res.meta.symbol or ""
    flow: list[Line] = []
    for text in cover:
        flow.append(Line(LEFT, [Seg(text)], gap_before=style.leading * 0.5))
    if res.body_line:
        flow.append(Line(LEFT + INDENT, [Seg(res.body_line)], gap_before=style.leading * 0.5))
    for i, p in enumerate(res.provisions):
        segs = _with_markers(p.text, [(r.marker, r.offset) for r in p.footnotes])
        if p.kind == "preamble":
            lines = _wrap(segs, style, LEFT + INDENT, LEFT, i)
        elif p.kind == "operative":
            lines = _wrap([Seg(f"{p.number}.  "), *segs], style, LEFT + INDENT, LEFT, i)
        else:
            lines = _wrap([Seg(f"({p.number})  "), *segs], style, LEFT + SUB_INDENT, LEFT + INDENT, i)
        lines[0].gap_before = style.leading * 0.5
        flow.extend(lines)
    for text in closing:
        flow.append(Line(PAGE_W / 2, [Seg(text)], gap_before=style.leading * 0.5))
    notes = {f.marker: f.text for f in res.footnotes}
    note_lines = {
        m: _wrap(
            [Seg(m, sup=True), Seg(t if drawn_rule else " " + t)],
            Style(style.lang, style.note_size, 0, 6),
            LEFT,
            LEFT,
            -1,
        )
        for m, t in notes.items()
    }

    # Paginate: a line goes on the page if it and the footnotes it brings still fit.
    pages: list[tuple[list[Line], list[str]]] = [([], [])]
    y = PAGE_H - TOP
    note_leading = style.note_size * 1.25

    def notes_height(markers: list[str]) -> float:
        if not markers:
            return 0.0
        return note_leading * (1 + sum(len(note_lines[m]) for m in markers))

    for line in flow:
        body, page_notes = pages[-1]
        new_notes = [m for m in line.notes if m in note_lines and m not in page_notes]
        need = line.gap_before + style.leading
        if body and y - need < BOTTOM + notes_height(page_notes + new_notes):
            pages.append(([], []))
            body, page_notes = pages[-1]
            y = PAGE_H - TOP
            need = style.leading
        y -= need
        body.append(line)
        page_notes.extend(new_notes)

    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4, encrypt=encrypt, invariant=True)
    canvas.setTitle(symbol)
    texts: list[str] = []
    n = len(pages)
    job_no = job.split(" ")[0]
    split = 0
    for k, (body, page_notes) in enumerate(pages, start=1):
        page_text: list[str] = []
        if in_forms:
            canvas.beginForm(f"page{k}")
        if k > 1:
            header = symbol
            canvas.setFont(style.font if style.lang != "zh" else LATIN_FONT, 10)
            canvas.drawRightString(PAGE_W - RIGHT, PAGE_H - 40, header)
            page_text.append(header)
        y = PAGE_H - TOP
        for j, line in enumerate(body):
            y -= (line.gap_before if j else 0) + style.leading
            last = j + 1 == len(body) or body[j + 1].para != line.para or body[j + 1].gap_before > 0
            _draw(canvas, line, style, y, style.size, justify=style.justify and not last)
            page_text.append(line.plain())
        if page_notes:
            y = BOTTOM + notes_height(page_notes) - note_leading
            if drawn_rule:
                canvas.setLineWidth(0.5)
                canvas.line(LEFT, y + 3, LEFT + 113, y + 3)
            else:
                canvas.setFont(style.font, style.note_size)
                canvas.drawString(LEFT, y, RULE)
            page_text.append(RULE)
            for m in page_notes:
                for nl in note_lines[m]:
                    y -= note_leading
                    _draw(canvas, nl, style, y, style.note_size)
                    page_text.append(nl.plain())
        canvas.setFont(LATIN_FONT, 9)
        if k == 1:
            canvas.drawString(LEFT, 50, job)
            canvas.drawString(LEFT, 38, "*" + job_no.replace("-", "") + "*")
            page_text += [job, "*" + job_no.replace("-", "") + "*"]
        else:
            footer = f"{k}/{n}" + "    " + job_no
            canvas.drawString(LEFT, 50, footer)
            page_text.append(footer)
        if k < n and body and pages[k][0] and body[-1].para >= 0 and body[-1].para == pages[k][0][0].para:
            split += 1
        if in_forms:
            canvas.endForm()
            canvas.doForm(f"page{k}")
        canvas.showPage()
        texts.append("\n".join(page_text))
    canvas.save()
    return UnPdf(buf.getvalue(), "\n\f".join(texts) + "\n", n, split)


def _draw(canvas: Canvas, line: Line, style: Style, y: float, size: float, justify: bool = False) -> None:
    x = line.x
    # (text, superscript) pieces; when justifying, words and the gaps between them
    pieces = [(piece, seg.sup) for seg in line.segs for piece in re.split(r"( +)", seg.text) if piece]
    gaps = sum(1 for p, sup in pieces if not sup and p.isspace())
    natural = sum(style.width(p, size * 0.6 if sup else size) for p, sup in pieces)
    extra = (PAGE_W - RIGHT - line.x - natural) / gaps if justify and gaps else 0.0
    for text, sup in pieces:
        s = size * 0.6 if sup else size
        if justify and not sup and text.isspace():
            x += style.width(text, s) + extra
            continue
        canvas.setFont(style.font, s)
        canvas.drawString(x, y + (size * 0.35 if sup else 0), text)
        x += style.width(text, s)


def image_only_pdf() -> bytes:
    """A scanned page: a drawing and no text layer."""
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4, invariant=True)
    for i in range(30):
        canvas.rect(LEFT, PAGE_H - TOP - 20 * i, 300 - 5 * i, 8, fill=1)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


@dataclass(frozen=True)
class Sample:
    """A canonical file in tests/data and the cover its PDF is printed with."""

    name: str
    canonical: str
    cover: tuple[str, ...]
    job: str
    closing: tuple[str, ...] = ()


SAMPLES = (
    Sample(
        "zh",
        "hrc-25-3.zh.md",
        (
            "联合国 A/HRC/RES/25/3",
            "大 会 Distr.: General",
            "14 April 2014",
            "Chinese",
            "Original: English",
            "人权理事会",
            "第二十五届会议",
            "议程项目 3",
            "增进和保护所有人权――公民权利、政治权利、",
            "经济、社会和文化权利，包括发展权",
            "人权理事会通过的决议",
            "25/3. 增强人权领域的国际合作",
        ),
        "14-13019 (C)",
        ("第54次会议", "2014年3月27日", "[未经表决获得通过。]"),
    ),
    Sample(
        "en",
        "a-c3-78-l41.en.md",
        (
            "United Nations A/C.3/78/L.41",
            "General Assembly Distr.: Limited",
            "1 November 2023",
            "Original: English",
            "Seventy-eighth session",
            "Third Committee",
            "Agenda item 71 (c)",
            "Promotion and protection of human rights: human rights situations and",
            "reports of special rapporteurs and representatives",
            "Albania, Canada and United States of America: draft resolution",
            "Situation of human rights in the Islamic Republic of Iran",
        ),
        "23-21227 (E) 131123",
    ),
    Sample(
        "en-51-100",
        "a-res-51-100.en.md",
        (
            "United Nations A/RES/51/100",
            "General Assembly Distr.: General",
            "3 March 1997",
            "Fifty-first session",
            "Agenda item 110 (b)",
            "51/100. Enhancement of international cooperation in the field of human",
        ),
        "97-76543 (E)",
        ("82nd plenary meeting", "12 December 1996"),
    ),
)


def odd_operator_pdf(lines: Sequence[str]) -> bytes:
    """A one-page PDF whose content stream holds a malformed operator, which pdfminer logs."""
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4, invariant=True)
    canvas._code.append("1 0 0 /Odd 0 0 cm")
    canvas.setFont(LATIN_FONT, 10)
    for i, line in enumerate(lines):
        canvas.drawString(LEFT, PAGE_H - TOP - 14 * i, line)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def sample_pdf(
    sample: Sample,
    *,
    encrypt: str | StandardEncryption | None = None,
    font_file: str | None = None,
    justify: bool = False,
    drawn_rule: bool = False,
    in_forms: bool = False,
    scale: float = 1.0,
) -> UnPdf:
    """The PDF of one of SAMPLES, from its canonical file in tests/data."""
    text = (Path(__file__).parent / "data" / sample.canonical).read_text(encoding="utf-8")
    return un_pdf(
        loads(text),
        cover=sample.cover,
        job=sample.job,
        closing=sample.closing,
        encrypt=encrypt,
        font_file=font_file,
        justify=justify,
        drawn_rule=drawn_rule,
        in_forms=in_forms,
        scale=scale,
    )
