"""Segmentation: header, body line, preambular and operative paragraphs, subparagraphs.

The reader walks the text once, line by line (flattened copies are first cut where a
paragraph visibly starts inside a line), and decides for each line whether it starts a
provision or continues the one before (shared/UN-RESOLUTIONS.md, "Anatomy"):

- everything before the body line (`The General Assembly,`) is header;
- an operative paragraph starts with its number, `1.`, and numbers run 1, 2, 3 ...;
- a subparagraph starts with `(a)`, `(b)` ... or, one level down, `(i)`, `(ii)` ...;
- a preambular paragraph starts with a lead word (openers.py) after a paragraph that
  ended with a comma;
- after the last operative paragraph, the adoption lines (meeting, date, vote) are the
  trailer.

Blank lines are no evidence either way: PDF copies put them between every line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, diag
from ..model import letters, roman_label
from . import openers
from .lines import Line

_OPERATIVE = re.compile(r"^\s*(\d{1,3})\s?\.\s*(?=[^\d\s])")
_OPERATIVE_NO_DOT = re.compile(r"^\s*(\d{1,3})\s+(?=[A-Z][a-z]+s\b)")  # "1 Expresses", dot lost
_SUBPARAGRAPH = re.compile(r"^\s*[(（]([a-z]{1,4})[)）]\s*")
_TERMINAL = ",;:.，；：。،؛"
_TRAILING_MARKERS = re.compile(r"(?:\s*(?:\(\d{1,2}\)|（\d{1,2}）|\d{1,2}/?))+\s*$")
_ADOPTION = re.compile(
    r"""^\s*(?:
        \[.*\]\s*$                                               # [Adopted without a vote.]
      | \d{1,3}(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting\b.*      # 54th meeting
      | \d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s*$                        # 27 March 2014
      | \d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$              # 2014年3月27日
      | 第\s*\d+\s*次(?:全体)?会议\s*$                             # 第54次会议
      | \d+e\s+séance\s+plénière.*
      | \d+ª?\s+sesión\s+plenaria.*
    )""",
    re.VERBOSE,
)
# Where a flattened line visibly starts a provision: after terminal punctuation (and
# possibly a footnote marker), whitespace, then a number, a label or a lead word.
_INLINE_CUT = re.compile(r"(?<=[,;:.，；：。،])(?:\d{1,2}/?)?(\s+)(?=\S)")
_OWN_NUMBER = re.compile(r"(?:^|\s)\d{1,3}\s?\.$")
_OWN_NUMBER_SPAN = 6  # the longest text _OWN_NUMBER can match: a space, 3 digits, a space, "."


@dataclass
class Unit:
    """One provision as read: its pieces of text, not yet joined or normalised."""

    part: str  # "pp" or "op"
    depth: int
    number: str
    line: int
    pieces: list[str] = field(default_factory=list)
    last_line: int = 0  # where the provision's last piece stands (for footnote locality)

    @property
    def text(self) -> str:
        return " ".join(self.pieces)


@dataclass
class Segmented:
    header: list[Line] = field(default_factory=list)
    body_line: Line | None = None
    body_code: str | None = None
    units: list[Unit] = field(default_factory=list)
    trailer: list[Line] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)


def ends_paragraph(text: str) -> bool:
    """Does the text end as a paragraph does (comma, semicolon, full stop), markers aside?"""
    stripped = _TRAILING_MARKERS.sub("", text.rstrip())
    stripped = stripped.rstrip('”’"»）)')
    return bool(stripped) and stripped[-1] in _TERMINAL


def _cut_flattened(line: Line, lang: str) -> list[Line]:
    """Cut a line where a body line or a provision visibly starts inside it."""
    text = line.text
    cuts: set[int] = set()
    body_at = openers.find_inline_body_line(text, lang)
    if body_at:
        cuts.add(body_at)
    start = openers.body_line_match(text[body_at or 0 :], lang)
    if start and start[2]:
        cuts.add((body_at or 0) + len(text[body_at or 0 :]) - len(start[2]))
    for m in _INLINE_CUT.finditer(text):
        # Only the end of the text before the cut can match: search that window, not the
        # whole prefix again at every cut (`^` still matches only at the real start).
        if _OWN_NUMBER.search(text, max(0, m.start() - _OWN_NUMBER_SPAN), m.start()):
            continue  # the space after a paragraph's own number: "1. Reaffirms"
        rest = text[m.end() :]
        if (
            _OPERATIVE.match(rest)
            or _SUBPARAGRAPH.match(rest)
            or openers.opens_preamble(rest, lang, strict=True)
        ):
            cuts.add(m.end())
    if not cuts:
        return [line]
    pieces: list[Line] = []
    prev = 0
    for cut in sorted(cuts):
        if text[prev:cut].strip():
            pieces.append(Line(line.no, text[prev:cut].rstrip()))
        prev = cut
    pieces.append(Line(line.no, text[prev:]))
    return pieces


def segment(lines: list[Line], lang: str) -> Segmented:
    """Read the text lines (furniture and footnote bodies already marked) into provisions."""
    pieces = [p for line in lines if line.kind == "text" for p in _cut_flattened(line, lang)]
    seg = Segmented()
    body_index = _find_body_line(pieces, lang)
    if body_index is None:
        start = _first_provision(pieces, lang)
        seg.header = pieces[:start]
        rest = pieces[start:]
        seg.warnings.append(diag("no-body-line", "no body line (such as 'The General Assembly,') found"))
        if seg.header and 0 < start < len(pieces) and not _OPERATIVE.match(pieces[start].text):
            seg.warnings.append(
                diag(
                    "header-taken",
                    f"text before line {pieces[start].no} was taken as header; "
                    "if the excerpt starts mid-paragraph, that paragraph is not kept",
                    pieces[start].no,
                )
            )
    else:
        seg.header = pieces[:body_index]
        seg.body_line = pieces[body_index]
        found = openers.body_line_match(seg.body_line.text, lang)
        seg.body_code = found[1] if found else None
        rest = pieces[body_index + 1 :]
    _read_provisions(rest, lang, seg)
    return seg


def _find_body_line(pieces: list[Line], lang: str) -> int | None:
    """Index of the body line: one with a comma wins; a bare name, the last before text."""
    bare: int | None = None
    for i, piece in enumerate(pieces):
        found = openers.body_line_match(piece.text, lang)
        if not found:
            continue
        if found[0].rstrip()[-1:] in ",，،":
            return i
        if lang not in ("ru",):
            bare = i
    return bare


def _first_provision(pieces: list[Line], lang: str) -> int:
    for i, piece in enumerate(pieces):
        if _OPERATIVE.match(piece.text) or openers.opens_preamble(piece.text, lang, strict=True):
            return i
    return len(pieces)


def _read_provisions(pieces: list[Line], lang: str, seg: Segmented) -> None:
    units = seg.units
    last_op: int | None = None
    letter_count = 0  # lettered subparagraphs under the current paragraph
    roman_count = 0  # roman subparagraphs under the current lettered one
    trailer = False
    for index, piece in enumerate(pieces):
        text = piece.text
        current = units[-1] if units else None
        if trailer or (_ADOPTION.match(text) and (current is None or current.text.rstrip()[-1:] in ".。")):
            trailer = True
            seg.trailer.append(piece)
            continue
        closed = current is None or ends_paragraph(current.text)

        m = _OPERATIVE.match(text)
        if m and (last_op is None or int(m[1]) == last_op + 1):
            last_op = int(m[1])
            units.append(Unit("op", 0, m[1], piece.no, [text[m.end() :]]))
            letter_count = roman_count = 0
            continue
        m = _OPERATIVE_NO_DOT.match(text)
        if m and closed and int(m[1]) == (last_op or 0) + 1 and lang == "en":
            last_op = int(m[1])
            units.append(Unit("op", 0, m[1], piece.no, [text[m.end() :]]))
            letter_count = roman_count = 0
            seg.warnings.append(
                diag(
                    "number-without-stop",
                    f"operative paragraph {m[1]} printed without its full stop",
                    piece.no,
                )
            )
            continue
        m = _SUBPARAGRAPH.match(text)
        if m and current is not None:
            label = m[1]
            part = current.part
            if label == letters(letter_count + 1):
                letter_count, roman_count = letter_count + 1, 0
                units.append(Unit(part, 1, label, piece.no, [text[m.end() :]]))
                continue
            if letter_count and label == roman_label(roman_count + 1):
                roman_count += 1
                units.append(Unit(part, 2, label, piece.no, [text[m.end() :]]))
                continue
        if last_op is None and _starts_preamble(text, lang, current, closed):
            if not closed and current is not None:
                seg.warnings.append(
                    diag(
                        "unterminated",
                        "a paragraph starts here but the one before does not end "
                        "with punctuation; text may be missing in the source",
                        piece.no,
                    )
                )
            units.append(Unit("pp", 0, "", piece.no, [text]))
            letter_count = roman_count = 0
            continue
        decision = openers.first_word(text) in openers.DECISION_VERBS
        if last_op is None and closed and current is not None and lang == "en" and decision:
            # A decision's text is one unnumbered operative paragraph ("Decides to ...").
            last_op = 0
            units.append(Unit("op", 0, "", piece.no, [text]))
            continue
        if (
            last_op is None
            and closed
            and index == len(pieces) - 1
            and lang in ("en", "fr", "es")
            and re.match(r"\s*[A-Z][a-z]*\s*$", text)
        ):
            # An excerpt cut inside the lead word of a new paragraph ("No" of "Noting").
            units.append(Unit("pp", 0, "", piece.no, [text]))
            seg.warnings.append(
                diag("cut-lead-word", f"{text.strip()!r} taken as the cut-off start of a paragraph", piece.no)
            )
            continue
        if current is None:
            units.append(Unit("pp", 0, "", piece.no, [text]))
        else:
            current.pieces.append(text)
            current.last_line = piece.no


def _starts_preamble(text: str, lang: str, current: Unit | None, closed: bool) -> bool:
    if current is None:
        return True  # the first text after the body line opens the preamble
    if closed:
        return openers.opens_preamble(text, lang)
    # A lead word after an unfinished paragraph: only the listed ones (a lost line).
    return lang in ("en", "fr", "es") and openers.opens_preamble(text, lang, strict=True)
