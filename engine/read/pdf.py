"""PDF in: an adopted text as the UN publishes it, read through the text reader.

The PDF's text layer is extracted with pdfminer.six, one line per printed line, pages
one after another, and handed to `read_text` like any PDF-extracted text: the page
furniture (symbol headers, page numbers, job numbers and barcodes), footnote rules and
bodies, wrapped lines and paragraphs cut by a page break are the text reader's business
(`furniture.py`, `footnotes.py`, `structure.py`), so a PDF and its copied text read alike.

Lines come from pdfminer's layout model, not its plain-text output: each text line with
its position, ordered by baseline (a raised footnote marker stays in its line), text
inside form XObjects included, and a thin stroke at the left margin with a footnote
number under it written as the UN's rule of underscores. Word and LibreOffice draw the
footnote separator instead of printing underscores and set each number against its text
(`1Resolution 217 A`); without this their footnote bodies run into the paragraphs.

Why pdfminer.six: measured with `python -m benchmarks.pdf_extractors` on UN-style PDFs
made by `tests/pdfgen.py` from canonical files (HRC 25/3 zh in the CID font STSong-Light;
A/C.3/78/L.41, 8 pages, 13 footnotes, and A/RES/51/100 en, Helvetica or an embedded
TrueType font; ragged, justified, with a drawn footnote rule), each extractor's text
read by `read_text`. Provisions exactly as in the canonical file:

    extractor (licence)             zh 33 x3 layouts   L.41 45 x4 layouts   51/100 5 x4
    this module (pdfminer layout)   33 33 33           45 45 45 45          5 5 5 5
    pdfminer.six (MIT), margin 50   33 33 32           45 45 35 45          5 5 5 5
      same, default char_margin 2   33 33 32           45 28 35 36          5 3 5 5
    pypdf (BSD)                     10 10 10            2  2  2  2          2 2 2 2
    pdfplumber (MIT)                33 33 32           45 24 35 45          5 2 5 5
    pypdfium2 (Apache-2.0/BSD)      33 33 32           45 45 35 45          5 5 5 5

(layouts: ragged, justified, drawn rule; L.41 and 51/100 also TrueType justified). On
PDFs that LibreOffice prints from the same texts (its own line breaks, embedded Noto
Serif CJK and DejaVu fonts, drawn rule), plain extraction gives 32/33, 34/45 and 5/5 with
any of them (pypdfium2: 32/45 for L.41); this module reads 33/33, 45/45, 5/5.

pypdf puts every raised marker and separately drawn word on a line of its own;
pdfminer's default `char_margin` (2
character widths) splits a justified line at its wide gaps into boxes ordered apart,
hence the margin of 50. pypdfium2 reads the text as well and is 20-50 times faster
(40 ms against 1-2 s for L.41 on the loaded CI machine; about 0.4 s unloaded), but
gives text in content-stream order and strokes only through PDFium's object calls;
pdfminer gives lines with coordinates, strokes and figures as Python objects, is pure
Python (no binary wheel) and reads every layout here exactly. Its cost, 0.1-0.5 s a
resolution unloaded and 0.1-0.2 s to import, is paid only when a PDF is read: the
imports are inside the functions, and plain text never loads pdfminer.

An encrypted PDF that needs a password, a PDF without a text layer (a scan) and a file
that is not a readable PDF each raise one `InputError` that says which.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from ..diagnostics import diag
from ..errors import InputError
from ..lazyre import lazy
from ..model import Resolution
from .reader import read_text

if TYPE_CHECKING:  # pdfminer is imported where a PDF is read, never for plain text
    from pdfminer.layout import LTItem, LTPage

# Horizontal gap, in character widths, that still joins two characters into one line.
# Wide enough for the widest justified gap and for a header row (`2/9  23-21227`).
CHAR_MARGIN = 50.0
RULE = "__________________"  # the footnote rule as UN PDFs print it, and the reader knows it
_NOTE_START = lazy(r"^(?:\d{1,3}(?![\d.]|/\d)|[*†‡])")  # "1 A/78/511.", "12See"; not "2. Welcomes"
_GLUED_NOTE_NUMBER = lazy(r"^(\d{1,3})(?=[^\W\d_]|[《“\"(（])")  # "1Resolution", not "23-21227"
# Ligature characters a PDF may map its ligature glyphs to (U+FB00-FB06): the wording
# has the letters.
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})


def read_pdf(data: bytes, *, lang: str = "auto", source: str | None = None) -> Resolution:
    """Read a resolution from the bytes of a PDF file."""
    text, pages, notes = extract_text(data, source=source)
    res = read_text(text, lang=lang, source=source)
    said = f"text extracted from a PDF of {pages} page{'s' if pages != 1 else ''} (pdfminer.six)"
    said += "; line numbers are lines of the extracted text"
    if notes:
        said += "; the extractor warned: " + "; ".join(notes)
    return replace(res, warnings=(diag("pdf-extracted", said), *res.warnings))


def extract_text(data: bytes, *, source: str | None = None) -> tuple[str, int, list[str]]:
    """The text layer, one line per printed line, top to bottom, page after page.

    Returns the text, the number of pages and what pdfminer logged as odd (deduplicated),
    which would otherwise go to stderr.
    """
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.psexceptions import PSException

    logged = _Collect()
    logger = logging.getLogger("pdfminer")
    logger.addHandler(logged)
    propagate, logger.propagate = logger.propagate, False
    try:
        pages = [
            _page_lines(page)
            for page in extract_pages(
                io.BytesIO(data), laparams=LAParams(char_margin=CHAR_MARGIN, all_texts=True)
            )
        ]
    except PDFPasswordIncorrect:
        raise InputError(
            "the PDF is encrypted and needs a password: save it without one", path=source
        ) from None
    except PDFEncryptionError as err:
        raise InputError(f"the PDF is encrypted in a way that cannot be read ({err})", path=source) from None
    except PSException as err:
        raise InputError(f"not a readable PDF (damaged or truncated): {err}", path=source) from None
    except Exception as err:  # a damaged file can trip pdfminer anywhere (KeyError, TypeError...)
        raise InputError(
            f"not a readable PDF (damaged or truncated): {type(err).__name__}", path=source
        ) from None
    finally:
        logger.removeHandler(logged)
        logger.propagate = propagate
    lines = [line for page in pages for line in page]
    if not any(line != RULE for line in lines):
        what = f"{len(pages)} page{'s' if len(pages) != 1 else ''}" if pages else "no page"
        raise InputError(
            f"the PDF has no text layer ({what}, no text): a scanned or image-only PDF; "
            "resdiff reads text and does not recognise images (OCR)",
            path=source,
        )
    return "\n".join(lines) + "\n", len(pages), logged.messages


def _page_lines(page: LTPage) -> list[str]:
    """A page's text lines in reading order, and a drawn footnote rule as a text rule.

    A single-column page reads top to bottom; a line is placed by its baseline (the bottom
    of its box, which a raised footnote marker does not move), left to right on one row.
    """
    texts: list[tuple[float, float, float, str]] = []  # y, x0, x1, text
    rules: list[tuple[float, float, float]] = []  # y, x0, x1 of thin horizontal strokes
    _collect(page, texts, rules)
    texts.sort(key=lambda t: (-round(t[0]), t[1]))
    rule_at = _footnote_rule(texts, rules)
    out: list[str] = []
    below = False
    for y, _, _, text in texts:
        if rule_at is not None and not below and y < rule_at:
            out.append(RULE)
            below = True
        # a word processor sets the body's number against its text: "1Resolution 217 A"
        out.append(_GLUED_NOTE_NUMBER.sub(r"\1 ", text) if below else text)
    return out


def _collect(
    items: Iterable[LTItem],
    texts: list[tuple[float, float, float, str]],
    rules: list[tuple[float, float, float]],
) -> None:
    """Text lines and thin horizontal strokes, also inside figures (form XObjects).

    Some producers put a whole page in a form XObject; pdfminer lays out the text in it
    too (`all_texts`), and it is read like any other.
    """
    from pdfminer.layout import LTCurve, LTFigure, LTTextContainer, LTTextLine

    for item in items:
        if isinstance(item, LTTextLine):
            text = item.get_text().translate(_LIGATURES).strip()
            if text:
                texts.append((item.y0, item.x0, item.x1, text))
        elif isinstance(item, (LTTextContainer, LTFigure)):
            _collect(item, texts, rules)
        elif isinstance(item, LTCurve) and item.height <= 2 and item.width > 0:  # LTLine, LTRect
            rules.append((item.y0, item.x0, item.x1))


def _footnote_rule(
    texts: list[tuple[float, float, float, str]], rules: list[tuple[float, float, float]]
) -> float | None:
    """Where a drawn footnote separator stands, if the page has one.

    Word and LibreOffice draw the separator as a short stroke at the left margin above
    the footnotes (UN PDFs print a rule of underscores instead, which is text already).
    A stroke counts only if it is 10-60% of the text width, starts at the left margin
    and the first line under it starts with a footnote number: an underline in the
    wording is none of these.
    """
    if not texts or not rules:
        return None
    left = min(t[1] for t in texts)
    width = max(1.0, max(t[2] for t in texts) - left)
    for y, x0, x1 in sorted(rules, reverse=True):
        if abs(x0 - left) > 6 or not 0.1 <= (x1 - x0) / width <= 0.6:
            continue
        under = [t[3] for t in texts if t[0] < y]
        if under and _NOTE_START.match(under[0]):
            return y
    return None


class _Collect(logging.Handler):
    """Keeps what pdfminer logs at WARNING or above, once each."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message not in self.messages:
            self.messages.append(message)
