"""Page furniture: what a PDF repeats on every page and is not wording.

UN documents carry, on every page, a job number (`23-21227 (E) 131123`, `GE.18-11661(E)`),
a barcode (`*2321227*`), the symbol and a page number (`2/9`); cover-page lines (`United
Nations`, `Distr.: General`, `Original: English`) reappear mid-text in some copies. Flattened
copies run all of this into the wording on one line. This module cuts such runs out into
lines of their own, marked `furniture` (a page break the paragraph continues across), and
keeps the symbols it finds: the symbol printed in the page headers names the document.
"""

from __future__ import annotations

import re

from ..lazyre import lazy
from ..symbols import SymbolError, parse_symbol
from .lines import Line

# A translation's job number carries two dates (`GE.14-13121 (C) 250414 280414`): the second
# was left in the wording, `决议，280414`.
_JOB = r"(?:GE\.)?\d{2}-\d{5}\*?(?:\s*\([A-Z]\))?(?:\s*\d{6}\b){0,2}"
_BARCODE = r"\*\d{7}\*"
_SYMBOL = r"(?<![A-Za-z/(\[])[AE]/[A-Z0-9.]+(?:/[A-Za-z0-9.]+)+\*?"
_PAGE = r"\b\d{1,3}/\d{1,3}(?![\d/])"
_TOKEN = lazy(rf"{_JOB}|{_BARCODE}|{_SYMBOL}")
# A run of furniture tokens (page numbers only count next to another token).
_RUN = lazy(rf"(?:(?:{_PAGE}\s*)?(?:{_JOB}|{_BARCODE}|{_SYMBOL})\s*(?:{_PAGE})?\s*)+")
_SEPARATOR = lazy(r"^\s*(?:_{5,}|-{5,})\s*$")
_INLINE_SEPARATOR = lazy(r"\s*_{5,}\s*")
# Cover-page lines (English and the other languages' equivalents).
_COVER = lazy(
    r"""^\s*(?:
        (?:United\ Nations|Nations\ Unies|Naciones\ Unidas|联\ ?合\ ?国|Организация\ Объединенных\ Наций)
        (?:\s+[AE]/\S+)?
        |(?:General\ Assembly\s+)?Distr\.?\s*:?.*
        |(?:ORIGINAL|Original)\s*:.*
        |GE\.[\w./-]*\.?\s*[\d-]*
    )\s*$""",
    re.VERBOSE,
)
# A page number on a line of its own, as a Word draft or a printed copy carries it: `- 3 -`,
# `— 3 —`, `Page 3`, `Page 3 of 9`, `第3页`, `第 3 页，共 9 页`. Read as wording, it was glued
# into the paragraph the page break cut (`... duty of States Page 2 to promote ...`) or stood
# as a paragraph of its own. A bare `3/9` stays wording: `19/33` alone is a resolution's number.
_PAGE_LINE = lazy(
    r"""^\s*(?:
        [-–—−－]\s*\d{1,3}\s*[-–—−－]
        |(?:Page|PAGE|Pág\.?|Página|Стр\.|Страница)\s*\d{1,3}(?:\s*(?:of|de|из)\s*\d{1,3})?
        |第\s*\d{1,3}\s*页(?:\s*[，,]?\s*共\s*\d{1,3}\s*页)?
    )\s*$""",
    re.VERBOSE,
)


def is_document_symbol(token: str) -> bool:
    """A resolution, decision or draft symbol (not a report cited in a footnote)."""
    try:
        return parse_symbol(token).kind in ("RES", "DEC", "L")
    except SymbolError:
        return False


_DIGIT_DASH = lazy(r"\d-\d")


def _may_hold_token(text: str) -> bool:
    """What every `_TOKEN` holds: a job number `\\d-\\d`, a barcode `*`, a symbol `A/` or `E/`.
    Substring tests cost a tenth of the token scan, whose lookbehind makes the regex engine
    try every position of every line (0.15 s on 4,000 English provisions, none found)."""
    if "*" in text or "A/" in text or "E/" in text:
        return True
    return "-" in text and _DIGIT_DASH.search(text) is not None


def _is_furniture_run(text: str) -> bool:
    tokens = _TOKEN.findall(text)
    if not tokens:
        return False
    symbols = [t for t in tokens if t.startswith(("A/", "E/"))]
    return all(is_document_symbol(s) for s in symbols)


def split_furniture(lines: list[Line]) -> tuple[list[Line], list[str]]:
    """Mark furniture and separators, cutting them out of flattened lines.

    Returns the lines and the document symbols seen in furniture, in order.
    """
    out: list[Line] = []
    symbols: list[str] = []
    for line in lines:
        for piece in _split_separators(line):
            out.extend(_split_runs(piece, symbols))
    _page_numbers_by_furniture(out)
    return out, symbols


_BARE_NUMBER = lazy(r"^\s*\d{1,3}\s*$")


def _page_numbers_by_furniture(lines: list[Line]) -> None:
    """A number alone on a line next to a page's furniture (the symbol, the job number) is
    the page number the header or footer prints (`A/HRC/RES/25/3` / `2`); read as wording
    it was glued into the paragraph the page break cut (`决议，2注意到`)."""
    shown = [i for i, line in enumerate(lines) if line.kind != "blank"]
    for k, i in enumerate(shown):
        if lines[i].kind != "text" or not _BARE_NUMBER.match(lines[i].text):
            continue
        around = [lines[shown[j]] for j in (k - 1, k + 1) if 0 <= j < len(shown)]
        if any(line.kind == "furniture" and not _COVER.match(line.text) for line in around):
            lines[i].kind = "furniture"


def _split_separators(line: Line) -> list[Line]:
    if _SEPARATOR.match(line.text):
        return [Line(line.no, line.text.strip(), "separator")]
    if "_____" not in line.text:  # what `_INLINE_SEPARATOR` needs: most lines are done here
        return [line]
    parts = _INLINE_SEPARATOR.split(line.text)
    if len(parts) == 1:
        return [line]
    pieces: list[Line] = []
    for i, part in enumerate(parts):
        if i:
            pieces.append(Line(line.no, "__________", "separator"))
        if part.strip():
            pieces.append(Line(line.no, part))
    return pieces


def _split_runs(line: Line, symbols: list[str]) -> list[Line]:
    if line.kind != "text":
        return [line]
    if not line.text.strip():
        return [Line(line.no, "", "blank")]
    if _COVER.match(line.text):
        symbols.extend(t for t in re.findall(_SYMBOL, line.text) if is_document_symbol(t))
        return [Line(line.no, line.text.strip(), "furniture")]
    if _PAGE_LINE.match(line.text):
        return [Line(line.no, line.text.strip(), "furniture")]
    if not _may_hold_token(line.text) or not _TOKEN.search(line.text):
        return [Line(line.no, line.text)]  # no run without a token; this scan is twice as fast
    pieces: list[Line] = []
    pos = 0
    for m in _RUN.finditer(line.text):
        if not _is_furniture_run(m[0]):
            continue
        # A page number alone, or a symbol cited in running text, is not furniture:
        # a run must be a whole line, or hold a job number or barcode, or a document
        # symbol standing between two pieces of text (a running header).
        symbols_here = [t for t in re.findall(_SYMBOL, m[0]) if is_document_symbol(t)]
        before = line.text[pos : m.start()]
        if before.strip():
            pieces.append(Line(line.no, before.rstrip()))
        pieces.append(Line(line.no, m[0].strip(), "furniture"))
        symbols.extend(symbols_here)
        pos = m.end()
    rest = line.text[pos:]
    if rest.strip():
        pieces.append(Line(line.no, rest if not pieces else rest.strip()))
    return pieces or [Line(line.no, "", "blank")]
