"""Segmentation: header, body line, preambular and operative paragraphs, subparagraphs.

The reader walks the text once, line by line (flattened copies are first cut where a
paragraph visibly starts inside a line), and decides for each line whether it starts a
provision or continues the one before (shared/UN-RESOLUTIONS.md, "Anatomy"):

- everything before the body line (`The General Assembly,`) is header;
- an operative paragraph starts with its number, `1.`; numbers should run 1, 2, 3 ..., and
  a number close to the running one (repeated, a small skip, going back) still starts a
  paragraph, with a diagnostic, after a paragraph that ended: drafters' numbering faults
  must never glue paragraphs together;
- negotiation labels (`PP1`, `OP3`, `OP3 bis`, `PP5 alt`) start a paragraph of the part
  they name, the label kept as its printed number ("Negotiation drafts");
- a subparagraph starts with `(a)`, `(b)` ... or, one level down, `(i)`, `(ii)` ...;
- a preambular paragraph starts with a lead word (openers.py) after a paragraph that
  ended with a comma;
- after the last operative paragraph, the adoption lines (meeting, date, vote) are the
  trailer.

Whether blank lines mean anything depends on the text (`layout`): PDF copies put them
between every wrapped line, so there they are no evidence; a typed or pasted draft puts
one paragraph per block, and there a block that starts after a paragraph that ended is a
paragraph of its own, lead word or not.

Every decision looks at the current line and the last piece of the paragraph before,
never at the whole paragraph, so reading is linear in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from ..diagnostics import Diagnostic, diag
from ..lazyre import lazy
from ..model import (
    LABEL_SUFFIXES,
    STATUS_TAG,
    letter_index,
    letters,
    only_attributions,
    roman_index,
    roman_label,
    without_attributions,
)
from ..text import OPERATIVE_LEAD_WORDS, OPERATIVE_NUMBER_RE
from . import openers
from .lines import Line

Layout = Literal["extracted", "blocks", "lines"]

_OPERATIVE = OPERATIVE_NUMBER_RE
_OPERATIVE_NO_DOT = lazy(r"^\s*(\d+)\s+(?=[A-Z][a-z]+s\b)")  # "1 Expresses", dot lost
# "2) Welcomes ...": numbered as e-mail and word processors do; read in typed texts only (a
# wrapped line of extracted text may start "2013) and ...").
# "3 bis. Calls upon ...": a paragraph inserted in a numbered draft, hung on paragraph 3.
_OPERATIVE_SUFFIX = lazy(rf"^\s*(\d{{1,3}})\s?({'|'.join(LABEL_SUFFIXES)})\s?[.)]?\s+(?=\S)", re.I)
_OPERATIVE_PAREN = lazy(r"^\s*(\d{1,3})\)\s*(?=[^\d\s])")
_SUBPARAGRAPH = lazy(r"^\s*[(（]([a-z]{1,4})[)）]\s*")
# A numbered item, `(1) 提交报告；` / `（2）采取行动；`: how a Chinese drafter numbers the items
# of a list where the UN prints letters (see `_Reader.numbered_item`).
_NUMBERED_ITEM = lazy(r"^\s*[(（](\d{1,2})[)）]\s*(?=\S)")
_ITEM_LANGUAGES = ("zh",)
# Negotiation labels: PP1, OP3, OP 3 bis, OP3bis, PP5 alt, OP12 ter:, PP2.
_LABEL = lazy(
    rf"""^\s*(?P<part>PP|OP)\s?(?P<n>\d+)
        (?:\s?(?P<suffix>{"|".join(LABEL_SUFFIXES)}|alt(?:\.|ernative)?(?:\s?\d+)?))?
        \s*[.:)]?(?:\s+|$)""",
    re.VERBOSE | re.IGNORECASE,
)
# A subparagraph proposed before the first of its paragraph's: `OP5 (0) bis` (as `OP0 bis`
# before OP1).
_BEFORE_FIRST = lazy(rf"^\s*[(（]0[)）]\s*({'|'.join(LABEL_SUFFIXES)})(?:\s+|$)", re.IGNORECASE)
# A label's suffix after a subparagraph's letter: `OP30 (b) bis`.
_SUFFIX_WORD = lazy(rf"({'|'.join(LABEL_SUFFIXES)})(?:\s+|$)", re.IGNORECASE)
_TERMINAL = ",;:.，；：。،؛"
# A number typed in a form that is not read as a paragraph number: `5、`, `5)`, `5：`.
_ODD_NUMBER = lazy(r"^\s*(\d{1,3})\s*[、)）:：]|^\s*[(（](\d{1,3})[)）]")
_END_WINDOW = 80  # longer than any status tag plus trailing footnote markers
_TRAILING_MARKERS = lazy(r"(?:\s*(?:\(\d{1,2}\)|（\d{1,2}）|\d{1,2}/?))+\s*$")
_ADOPTION = lazy(
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
_INLINE_CUT = lazy(r"(?<=[,;:.，；：。،])(?:\d{1,2}/?)?(\s+)(?=\S)")
# The same in English, French and Spanish, where a provision starts with a digit, a label
# (`PP`/`OP`, any case), a bracket or a capital (a lead word): the character after the space
# is no lower-case ASCII letter other than o and p. Most punctuation is followed by a
# lower-case word ("rights, and"), and every match costs a copy of the rest of the line.
_INLINE_CUT_CASED = lazy(r"(?<=[,;:.，；：。،])(?:\d{1,2}/?)?(\s+)(?=[^\W_a-nq-z]|[(（])")
_CASED_LANGUAGES = ("en", "fr", "es")
_OWN_NUMBER = lazy(r"(?:^|\s)\d{1,6}\s?\.$")
# An operative number the extraction put at the end of the line before its paragraph, after
# the punctuation that ends the paragraph before: `... 21 December 2010,1.` / `Takes note`.
_HANGING_NUMBER = lazy(r"(?<=[,;:，；：])\s?(\d{1,3})\s?[.．]\s*$")
# An operative number alone on its line, its text on the next: `1.` / `Takes note of ...`.
_BARE_NUMBER = lazy(r"^\s*(\d{1,3})\s?[.．]\s*$")
# The same with a subparagraph's label after a chapeau or a subparagraph: `inter alia:(a)`.
_HANGING_LABEL = lazy(r"(?<=[;:；：])\s?[(（]([a-z]{1,4})[)）]\s*$")
_OWN_NUMBER_SPAN = 9  # the longest text _OWN_NUMBER can match: a space, 6 digits, a space, "."
# How far a typed number may run ahead of the expected one and still be a paragraph
# number (a drafter deleted paragraphs and did not renumber); beyond it, it is text.
MAX_SKIP = 10
# A typed layout: at least this share of blocks (or lines) end as a paragraph ends.
_TYPED_SHARE = 0.8
_TYPED_MIN_UNITS = 2


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

    @property
    def last_piece(self) -> str:
        """The last non-empty piece: all that "does it end as a paragraph?" needs to see."""
        for piece in reversed(self.pieces):
            if piece.strip():
                return piece
        return ""


@dataclass
class Segmented:
    """A text cut into its parts: header lines, the acting organ's line, the
    provisions' units and what follows them, with what the cutting found odd."""

    header: list[Line] = field(default_factory=list)
    body_line: Line | None = None
    body_code: str | None = None
    units: list[Unit] = field(default_factory=list)
    trailer: list[Line] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    layout: Layout = "extracted"


def ends_paragraph(text: str) -> bool:
    """Does the text end as a paragraph does (comma, semicolon, full stop), markers and a
    negotiation status tag aside?"""
    # Only the end can tell, and the patterns are anchored there: look at the last few
    # dozen characters, not the whole paragraph (the patterns would try every position).
    end = text.rstrip()
    stripped = STATUS_TAG.sub("", end[-_END_WINDOW:]).rstrip()
    if stripped.endswith(("]", "】", ")", "）")):  # proposals said of the paragraph, in a compilation
        # (they may be longer than the window: quoted words of a replacement)
        stripped = without_attributions(end[: -_END_WINDOW or None] + stripped)[-_END_WINDOW:].rstrip()
    stripped = _TRAILING_MARKERS.sub("", stripped)
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
    if start and start[2] and not only_attributions(start[2]):
        # (Proposals on the body line, `The General Assembly, [Canada: replace ...]`, as a
        # compilation text writes them, stay on it: they are no paragraph.)
        cuts.add((body_at or 0) + len(text[body_at or 0 :]) - len(start[2]))
    for m in (_INLINE_CUT_CASED if lang in _CASED_LANGUAGES else _INLINE_CUT).finditer(text):
        # Only the end of the text before the cut can match: search that window, not the
        # whole prefix again at every cut (`^` still matches only at the real start).
        if _OWN_NUMBER.search(text, max(0, m.start() - _OWN_NUMBER_SPAN), m.start()):
            continue  # the space after a paragraph's own number: "1. Reaffirms"
        rest = text[m.end() :]
        if (
            _OPERATIVE.match(rest)
            or _LABEL.match(rest)
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


@dataclass
class _Piece:
    """A piece of a line with whether it opens a block (follows a blank line)."""

    line: Line
    block_start: bool


def _pieces(lines: list[Line], lang: str) -> list[_Piece]:
    out: list[_Piece] = []
    after_blank = True
    for line in lines:
        if line.kind == "blank":
            after_blank = True
            continue
        if line.kind != "text":
            continue  # furniture, footnote bodies: a page break, no evidence either way
        for k, piece in enumerate(_cut_flattened(line, lang)):
            out.append(_Piece(piece, after_blank and k == 0))
        after_blank = False
    return out


def detect_layout(pieces: list[_Piece]) -> Layout:
    """Typed blocks, typed lines, or extracted text: read from the text itself.

    A typed or pasted draft ends (nearly) every block, or every line, the way a paragraph
    ends; PDF extraction wraps lines mid-sentence, so most of its lines and of the blocks
    its blank lines make end in the middle of a sentence. The last unit is left out (an
    excerpt stops anywhere).
    """
    blocks: list[str] = []  # the last piece of each block
    lines: dict[int, str] = {}  # the last piece of each source line
    for piece in pieces:
        if piece.block_start or not blocks:
            blocks.append(piece.line.text)
        else:
            blocks[-1] = piece.line.text
        lines[piece.line.no] = piece.line.text
    if _typed(blocks):
        return "blocks"
    if _typed(list(lines.values())):
        return "lines"
    return "extracted"


def _typed(ends: list[str]) -> bool:
    ends = ends[:-1]
    if len(ends) < _TYPED_MIN_UNITS:
        return False
    return sum(ends_paragraph(e) for e in ends) >= _TYPED_SHARE * len(ends)


def segment(lines: list[Line], lang: str) -> Segmented:
    """Read the text lines (furniture and footnote bodies already marked) into provisions."""
    pieces = _pieces(lines, lang)
    seg = Segmented()
    body_index = _find_body_line(pieces, lang)
    if body_index is None:
        start = _first_provision(pieces, lang)
        seg.header = [p.line for p in pieces[:start]]
        rest = pieces[start:]
        example = "'大会，' or '人权理事会，'" if lang == "zh" else "'The General Assembly,'"
        seg.warnings.append(diag("no-body-line", f"no body line (such as {example}) found"))
        opening = pieces[start].line.text if start < len(pieces) else ""
        numbered = _OPERATIVE.match(opening) or _BARE_NUMBER.match(opening)
        if seg.header and 0 < start < len(pieces):
            # An excerpt that starts with a numbered paragraph may also have left the end of
            # the one before in the header (`... at its next session.` then `2. Decides`):
            # said the same way; only an unnumbered start can be a fragment to keep.
            fragment = None if numbered else _cut_paragraph_end(pieces[:start], rest)
            taken = _header_taken(pieces[start].line, pieces[start - 1].line, fragment)
            if taken is not None:
                seg.warnings.append(taken)
            if fragment is not None:
                seg.header = fragment[0]
                rest = [_Piece(line, i == 0) for i, line in enumerate(fragment[1])] + rest
    else:
        seg.header = [p.line for p in pieces[:body_index]]
        seg.body_line = pieces[body_index].line
        found = openers.body_line_match(seg.body_line.text, lang)
        seg.body_code = found[1] if found else None
        rest = pieces[body_index + 1 :]
    if rest:
        rest[0].block_start = True
    seg.layout = detect_layout(rest)
    if seg.layout == "lines":  # each source line opens a block (not each piece cut from one)
        for before, piece in zip([None, *rest], rest, strict=False):
            piece.block_start = before is None or before.line.no != piece.line.no
    if seg.layout != "extracted":
        seg.warnings.append(
            diag("layout", f"read as a typed text: one paragraph per {seg.layout[:-1]}", rest[0].line.no)
        )
    _Reader(rest, lang, seg).run()
    return seg


# How a cut paragraph's end can end: a preambular comma or an operative semicolon (a title
# ends with neither; an adoption line, `... the text below:`, with a colon).
_PARAGRAPH_END = lazy(r"[,;，；،؛]$")
_TITLE_MIN_WORDS = 3
_TITLE_MAX_WORDS = 80  # the longest title in history/ has 32 words
_TITLE_LINES = 8


def _cut_paragraph_end(header: list[_Piece], rest: list[_Piece]) -> tuple[list[Line], list[Line]] | None:
    """(the header's lines, the lines of a paragraph's end) when the header of a text without
    a body line ends with the end of a paragraph cut by the excerpt's start, after the
    running header's title.

    A page of a paginated web view starts with the PDF's running header (symbol and title)
    and goes on mid-paragraph, on the same line (A/RES/73/168, es: `A/RES/73/168
    Fortalecimiento de la cooperación internacional en la esfera de los derechos humanos
    Durban 4, así como su contribución ... humanos,` then `Reconociendo ...`). That a
    paragraph's end is there the comma says; where the title ends nothing on the line does.
    The title's words do: a resolution's title names its subject, and the text says it again
    (`el fortalecimiento de la cooperación internacional en la esfera de los derechos
    humanos es esencial`). The title is the longest run of words from the start of a header
    line (the first line that has one) said again in the text after it: at least three
    words, and words must be left for the paragraph. Without one, None: the paragraph's end
    stays in the header, said (`_header_taken`)."""
    lines = [p.line for p in header]
    if not lines or not rest or not _ends_cut(lines[-1]):
        return None
    later = " ".join(" ".join(p.line.text.split()) for p in rest).casefold()
    # A title is a few dozen words on the header's last lines: look no further (each try
    # searches the whole text after the header).
    for j in range(max(0, len(lines) - _TITLE_LINES), len(lines)):
        words = [(i, w) for i, line in enumerate(lines[j:], start=j) for w in re.finditer(r"\S+", line.text)]
        cut = 0
        for k in range(_TITLE_MIN_WORDS, min(len(words), _TITLE_MAX_WORDS)):
            if " ".join(w[0] for _, w in words[:k]).casefold() not in later:
                break
            cut = k
        if not cut:
            continue
        at, start = words[cut][0], words[cut][1].start()
        line = lines[at]
        head = [Line(line.no, line.text[:start].rstrip())] if line.text[:start].strip() else []
        return lines[:at] + head, [Line(line.no, line.text[start:]), *lines[at + 1 :]]
    return None


def _ends_cut(line: Line) -> bool:
    """Does a header's last line end as a paragraph ends: a comma or semicolon, or a full
    stop after words that begin in lower case (`and to report thereon ... session.`, the
    tail of a last operative paragraph; a title, a symbol or `25/3.` begin otherwise)?"""
    text = _TRAILING_MARKERS.sub("", line.text).rstrip()
    if _PARAGRAPH_END.search(text):
        return True
    return text.endswith((".", "。")) and text.lstrip()[:1].islower()


def _header_taken(
    first: Line, last: Line, fragment: tuple[list[Line], list[Line]] | None
) -> Diagnostic | None:
    """`header-taken` when the header of a text without a body line holds, or may hold, a
    paragraph's text, quoting it: a paragraph's end kept after a title told by its words
    (`fragment`), or one left in the header because where the title ends is not known (the
    header's last line, `last`, ends as a paragraph ends: `_ends_cut`). None when
    the header ends as a header does (a title, a symbol, an adoption line `... decided to
    adopt the text below:`, a typed text's `# title: ...`): a paragraph cut by the
    excerpt's start ends the header, and ends as a paragraph ends (a footnote marker after
    it aside), so a header that does not is evidence that nothing was taken. A warning on
    every such text (a decision, a page that starts with a whole paragraph, a typed draft)
    said nothing odd and taught readers to skip the one that does. A colon is no evidence:
    labels end with one (`Original:`, a `# symbol:` whose symbol was read as furniture)."""
    opening = " ".join(first.text.split())[:20]
    before = f"the text before {opening!r}… (line {first.no})"
    if fragment is not None:
        title = fragment[0][-1].text if fragment[0] else ""
        end = Line(fragment[1][0].no, " ".join(line.text for line in fragment[1]))
        return diag(
            "header-taken",
            f"{before} ends as a paragraph ends: the excerpt starts inside a paragraph, whose end "
            f"{_clip(end.text)!r} is kept as the first paragraph, cut off; what comes before it, "
            f"{_clip(title)!r}, was taken as the running header's title (its words are said again "
            "in the text)",
            first.no,
        )
    if _ends_cut(last):
        return diag(
            "header-taken",
            f"{before} ends as a paragraph ends ({_clip(last.text)!r}): the end of a paragraph (cut by "
            "the excerpt's start, or one whose lead word is not known) was taken as header and is not "
            "kept (where the running header's title ends and the paragraph begins is not known)",
            first.no,
        )
    return None


def _clip(text: str, width: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 2 * width else f"{text[:width]}…{text[-width:]}"


_EN_PRESENT = lazy(r"\s*(?:(?:Also|Further|Again|Strongly|Firmly|Once again)\s+)?[A-Z][a-z]{2,}s\b")


def _opens_operative(text: str, lang: str) -> bool:
    """An operative verb of `lang` in the first three words (`Takes`, `Also requests`,
    `Strongly condemns`, `Prie également`); in English any present tense in the third
    person (`Supports`, `Deplores`: the list holds the commonest only)."""
    words = [w.capitalize() for w in re.findall(r"[^\W\d_]+", text[:60])[:3]]
    if any(w in OPERATIVE_LEAD_WORDS.get(lang, frozenset()) for w in words):
        return True
    return lang == "en" and _EN_PRESENT.match(text) is not None


def _find_body_line(pieces: list[_Piece], lang: str) -> int | None:
    """Index of the body line: one with a comma wins; a bare name, the last before text."""
    bare: int | None = None
    for i, piece in enumerate(pieces):
        found = openers.body_line_match(piece.line.text, lang)
        if not found:
            continue
        if found[0].rstrip()[-1:] in ",，،":
            return i
        if lang not in ("ru",):
            bare = i
    return bare


def _first_provision(pieces: list[_Piece], lang: str) -> int:
    for i, piece in enumerate(pieces):
        text = piece.line.text
        if _OPERATIVE.match(text) or _LABEL.match(text) or openers.opens_preamble(text, lang, strict=True):
            return i
        if _BARE_NUMBER.match(text) and i + 1 < len(pieces):  # `18.` alone, its text on the next line
            return i
    return len(pieces)


class _Reader:
    """One pass over the pieces after the body line; each piece starts or continues a unit."""

    def __init__(self, pieces: list[_Piece], lang: str, seg: Segmented) -> None:
        self.pieces = pieces
        self.lang = lang
        self.seg = seg
        self.units = seg.units
        self.last_op: int | None = None  # the running operative number (0: unnumbered decision)
        self.op_started = False
        self.letter_count = 0  # lettered subparagraphs under the current paragraph
        self.roman_count = 0  # roman subparagraphs under the current lettered one
        self.item_count = 0  # the running number of a list numbered (1), (2) ... (numbered_item)
        self.labels = 0  # paragraphs that carried a negotiation label
        self.last_label: dict[str, tuple[int, str]] = {}  # the running label number of each part (pp, op)
        self.typed = seg.layout != "extracted"
        # Where the last numbered operative paragraph starts: an unnumbered operative-style
        # paragraph before it belongs to the preamble as typed.
        self.last_numbered = max(
            (
                i
                for i, p in enumerate(pieces)
                if _OPERATIVE.match(p.line.text)
                or _BARE_NUMBER.match(p.line.text)
                or _LABEL.match(p.line.text)
                or (self.typed and _OPERATIVE_PAREN.match(p.line.text))
            ),
            default=-1,
        )

    def warn(self, code: str, message: str, line: int) -> None:
        self.seg.warnings.append(diag(code, message, line))

    def new(self, part: str, depth: int, number: str, piece: Line, text: str) -> None:
        if depth == 0:
            self.letter_count = self.roman_count = 0
            self.op_started = self.op_started or part == "op"
        self.units.append(Unit(part, depth, number, piece.no, [text]))

    def run(self) -> None:
        trailer = False
        for index, item in enumerate(self.pieces):
            piece, text = item.line, item.line.text
            current = self.units[-1] if self.units else None
            last = current.last_piece if current else ""
            if trailer or (_ADOPTION.match(text) and (current is None or last.rstrip()[-1:] in ".。")):
                trailer = True
                self.seg.trailer.append(piece)
                continue
            if current is not None and only_attributions(text):
                # A compilation text's line of proposals on the paragraph above as a whole
                # (`    [Canada: delete] / [Norway: retain] (conflicting)`): part of it.
                # Kept on its last piece, so that whether the paragraph ended is read past it.
                current.pieces[-1] = f"{current.pieces[-1].rstrip()} {text.strip()}"
                current.last_line = piece.no
                continue
            closed = current is None or ends_paragraph(last)
            if self.bare_number(index, piece, text, closed):
                continue
            block = self.typed and item.block_start and closed
            if (
                self.hanging(piece, text, current)
                or self.label(piece, text)
                or self.operative(piece, text, closed)
                or self.subparagraph(piece, text, current, closed)
                or self.numbered_item(piece, text, current, closed)
                or self.preamble(piece, text, current, closed, block, self.typed and item.block_start)
                or self.unnumbered(index, piece, text, current, closed, block)
            ):
                continue
            if current is None:
                self.new("pp", 0, "", piece, text)
            else:
                current.pieces.append(text)
                current.last_line = piece.no
        self._cut_in_a_block()
        if self.labels:
            self.seg.warnings.append(
                diag(
                    "negotiation-label",
                    f"{self.labels} paragraph(s) carry negotiation labels (PP1, OP3 bis ...)",
                )
            )

    def _cut_in_a_block(self) -> None:
        """A typed text whose last block is one capitalised word (`No` of `Noting`, A/RES/51/102
        as stored) made it a paragraph of its own, as a block is, but without the note that
        extracted text gets (`unnumbered`): say it the same way."""
        last = self.units[-1] if self.units else None
        if (
            not self.typed
            or last is None
            or last.part != "pp"
            or last.depth
            or len(last.pieces) != 1
            or self.lang not in _CASED_LANGUAGES
            or not re.match(r"\s*[A-Z][a-z]*\s*$", last.pieces[0])
            or any(w.code == "cut-lead-word" for w in self.seg.warnings)
        ):
            return
        self.warn(
            "cut-lead-word",
            f"{last.pieces[0].strip()!r} taken as the cut-off start of a paragraph",
            last.line,
        )

    def label(self, piece: Line, text: str) -> bool:
        m = _LABEL.match(text)
        if not m:
            return False
        part = labelled = m["part"].lower()
        if part == "pp" and self.op_started:
            self.warn(
                "negotiation-label",
                f"{m[0].strip()} after the operative part began: read as operative",
                piece.no,
            )
            part = "op"
        number = m["n"] + (f" {m['suffix'].lower()}" if m["suffix"] else "")
        if self.sublabel(piece, part, number, text[m.end() :]):
            return True
        self.labels += 1
        self._label_sequence(labelled, int(m["n"]), number, piece.no)
        self.new(part, 0, number, piece, text[m.end() :])
        return True

    def sublabel(self, piece: Line, part: str, number: str, rest: str) -> bool:
        """`OP30 (a) Cooperating ...`, `OP30 (a) (ii) ...`: a compilation text labels a
        subparagraph with its paragraph's label before its own letter. Under the paragraph
        that label names, it is that subparagraph, read as `(a)` alone is."""
        if not _SUBPARAGRAPH.match(rest) and not _BEFORE_FIRST.match(rest):
            return False
        paragraph = next((u for u in reversed(self.units) if u.depth == 0), None)
        if paragraph is None or paragraph.part != part or paragraph.number != number:
            return False
        if self.before_first(piece, part, rest):
            return True
        outer = _SUBPARAGRAPH.match(rest)
        if outer is None:
            return False
        assert outer is not None
        inner = rest[outer.end() :]
        if self.letter_count and outer[1] == letters(self.letter_count) and _SUBPARAGRAPH.match(inner):
            rest = inner  # `(a) (ii)`: the lettered one is the current, the roman one is new
            outer = _SUBPARAGRAPH.match(rest)
            assert outer is not None
            inner = rest[outer.end() :]
        suffixed = _SUFFIX_WORD.match(inner)
        if suffixed is not None:
            # `OP30 (b) bis [...]`: a subparagraph proposed after (b), as `compile` labels it;
            # hung on (b) as `OP3 bis` on OP3, the running letter unchanged.
            if self.roman_count and outer[1] == roman_label(self.roman_count):
                depth = 2
            elif self.letter_count and outer[1] == letters(self.letter_count):
                depth = 1
            else:
                return False
            number = f"{outer[1]} {suffixed[1].lower()}"
            self.new(part, depth, number, piece, inner[suffixed.end() :])
            return True
        return self.subparagraph(piece, rest, self.units[-1], True)

    def before_first(self, piece: Line, part: str, rest: str) -> bool:
        """`OP5 (0) bis [...]`: a subparagraph proposed before OP5's (a), as `compile` labels
        it (hung on `(0)` as a paragraph before OP1 is on `OP0`), or `OP5 (a) (0) bis`, one
        before (a)'s (i). Under the paragraph (or subparagraph) it names, before any of its
        own were read, it is that one's subparagraph `0 bis`; the running letter unchanged,
        so the (a) after it is still (a)."""
        depth, m = 1, _BEFORE_FIRST.match(rest)
        outer = _SUBPARAGRAPH.match(rest) if m is None and self.letter_count else None
        if outer is not None and outer[1] == letters(self.letter_count):
            rest = rest[outer.end() :]
            depth, m = 2, _BEFORE_FIRST.match(rest)
        if m is None or (self.letter_count if depth == 1 else self.roman_count):
            return False
        self.new(part, depth, f"0 {m[1].lower()}", piece, rest[m.end() :])
        return True

    def _label_sequence(self, part: str, n: int, number: str, line: int) -> None:
        """Check a label's number against the running one of its part, as typed numbers are.

        `OP3 bis` hangs on OP3, so it keeps the running number; a plain label should be the
        next one. A skipped label (OP4, then OP6) is as likely a lost paragraph as a skipped
        number `6.` after `4.`, so it is reported with the same codes.
        """
        suffixed = number != str(n)
        running, before = self.last_label.get(part, (None, ""))
        self.last_label[part] = (n, number)
        if part == "op":
            self.last_op = n
        if running is None or (suffixed and n == running) or (not suffixed and n == running + 1):
            return
        name = part.upper()
        if n < running or (n == running and not suffixed):
            code, what = (
                ("numbering-repeated", "repeats")
                if n == running
                else ("numbering-out-of-order", "comes after")
            )
            self.warn(code, f"{name}{number} {what} {name}{before}", line)
            return
        last = n if suffixed else n - 1
        missing = f"{name}{last}" if last == running + 1 else f"{name}{running + 1} to {name}{last}"
        self.warn("numbering-skipped", f"{name}{number} follows {name}{before}: {missing} missing", line)

    def bare_number(self, index: int, piece: Line, text: str, closed: bool) -> bool:
        """An operative number alone on its line, its paragraph on the next (`1.` / `Takes
        note of ...`: a copy that put the number column on a line of its own). Left alone it
        was text of the paragraph before, and so was every paragraph it opened: the full
        L.41 read as 11 provisions instead of 45, the seed as 24 instead of 33. The number goes
        in front of the next line, where the operative rules read it as any number (the
        running one and its faults); only a number those rules could take: up to three
        digits (not a year: `in` / `2014.`), where a paragraph can start, and before a line
        that does not open with a number or label of its own."""
        m = _BARE_NUMBER.match(text)
        if not m or index + 1 >= len(self.pieces):
            return False
        n, expected = int(m[1]), (self.last_op or 0) + 1
        first = self.last_op is None and closed  # an excerpt may start at any paragraph: `18.`
        if n != expected and not (closed and n and (first or abs(n - expected) <= MAX_SKIP)):
            return False
        following = self.pieces[index + 1].line
        nxt = following.text
        if _OPERATIVE.match(nxt) or _LABEL.match(nxt) or _SUBPARAGRAPH.match(nxt) or not nxt.strip():
            return False
        self.warn(
            "layout",
            f"operative number {n}. stands alone on line {piece.no}: "
            f"taken as the number of the paragraph that goes on on line {following.no}",
            piece.no,
        )
        self.pieces[index + 1] = _Piece(
            Line(piece.no, f"{m[1]}. {nxt.lstrip()}"), self.pieces[index].block_start
        )
        return True

    def hanging(self, piece: Line, text: str, current: Unit | None) -> bool:
        """An operative number printed at the end of the line before its paragraph, after the
        punctuation that ends the paragraph before (`... of 21 December 2010,1.` then `Takes
        note of the report ...`): a PDF extraction that put the number before the line break.
        Read as a glued footnote marker and a stray full stop, it silently swallowed operative
        paragraph 1 into the last preambular paragraph. It is the paragraph's number only if
        it is the next one expected and the line opens with an operative verb (`Takes`, `Also
        requests`, `又请`); anything else after `,1.` stays as it was read."""
        if current is None or self.lang not in (*_CASED_LANGUAGES, "zh") or not current.pieces:
            return False
        last = current.last_piece
        if self.hanging_label(piece, text, current, last):
            return True
        m = _HANGING_NUMBER.search(last)
        if not m or int(m[1]) != (self.last_op or 0) + 1:
            return False
        if not (openers.opens_operative_zh(text) if self.lang == "zh" else _opens_operative(text, self.lang)):
            return False
        n = int(m[1])
        self.cut_hanging(current, last, m.start(), f"operative number {n}.", "number of the paragraph", piece)
        self.last_op = n
        self.new("op", 0, str(n), piece, text)
        return True

    def cut_hanging(self, current: Unit, last: str, start: int, what: str, role: str, piece: Line) -> None:
        """Take a number or label printed at the end of the unit's last line off it, and say
        where it went."""
        at = max(i for i, p in enumerate(current.pieces) if p.strip())
        current.pieces[at] = last[:start]
        self.warn(
            "layout",
            f"{what} printed at the end of line {current.last_line or current.line} "
            f"taken as the {role} that opens on line {piece.no}",
            piece.no,
        )

    def hanging_label(self, piece: Line, text: str, current: Unit, last: str) -> bool:
        """A subparagraph's label printed at the end of the line before, after the chapeau's
        colon or the subparagraph's semicolon (`relating to, inter alia:(a)` then `Torture and
        ...`): the next letter (or, under a lettered one, the next roman number) starts its
        subparagraph, as it would at the start of the line; it was left in the text of the
        paragraph before, with every subparagraph after it."""
        m = _HANGING_LABEL.search(last)
        if not m:
            return False
        label = m[1]
        if label == letters(self.letter_count + 1):
            depth = 1
        elif self.letter_count and label == roman_label(self.roman_count + 1):
            depth = 2
        else:
            return False
        self.cut_hanging(
            current, last, m.start(), f"subparagraph label ({label})", "label of the subparagraph", piece
        )
        if depth == 1:
            self.letter_count, self.roman_count = self.letter_count + 1, 0
        else:
            self.roman_count += 1
        self.new(current.part, depth, label, piece, text)
        return True

    def suffixed(self, piece: Line, text: str, closed: bool) -> bool:
        """`3 bis. ...` after paragraph 3, in a typed draft: its number is `3 bis`, and the
        running number stays 3 (the next is 4). A little ahead (`5 bis` after 3) it is
        reported as a skipped number is; going back or far ahead, it is text. Not in
        extracted text, where a wrapped line may start "500 bis of the Penal Code"."""
        m = _OPERATIVE_SUFFIX.match(text)
        if not m or not closed or not self.typed or self.last_op is None:
            return False
        n, number, running = int(m[1]), f"{m[1]} {m[2].lower()}", self.last_op
        if not running <= n <= running + MAX_SKIP:
            return False
        if n > running:
            missing = f"{running + 1}" if n == running + 1 else f"{running + 1} to {n}"
            self.warn(
                "numbering-skipped",
                f"operative paragraph {number} follows {running}: {missing} missing",
                piece.no,
            )
        self.last_op = n
        self.new("op", 0, number, piece, text[m.end() :])
        return True

    def operative(self, piece: Line, text: str, closed: bool) -> bool:
        if self.suffixed(piece, text, closed):
            return True
        m = _OPERATIVE.match(text) or (_OPERATIVE_PAREN.match(text) if self.typed else None)
        no_dot = False
        if not m and self.lang == "en" and closed:
            m = _OPERATIVE_NO_DOT.match(text)
            no_dot = m is not None
        if not m:
            return False
        n, running = int(m[1]), self.last_op
        if running is None:
            # The first number: an excerpt may start anywhere, but a year at a line start
            # ("2013. ...") in a wrapped preamble is no paragraph number.
            if n == 0 or (n >= 1000 and not closed) or (no_dot and n != 1):
                return False
        elif n != running + 1:
            if not closed or n == 0:
                return False  # a number inside a sentence the line break cut
            if n > running + MAX_SKIP and not no_dot:
                # Where a paragraph could start, but too far from the running number to be
                # its number: the number stays in the text (of a paragraph of its own in a
                # typed layout, of the one before in extracted text), and that is said.
                self.warn(
                    "numbering-as-text",
                    f"{n}. stands where operative paragraph {running + 1} was expected; "
                    "it is kept as text, not read as a paragraph number",
                    piece.no,
                )
                return False
            if n > running + MAX_SKIP:
                return False
            if n == running:
                self.warn(
                    "numbering-repeated", f"operative paragraph {n} repeats the number before", piece.no
                )
            elif n < running:
                self.warn(
                    "numbering-out-of-order", f"operative paragraph {n} comes after {running}", piece.no
                )
            else:
                skipped = f"{running + 1}" if n == running + 2 else f"{running + 1} to {n - 1}"
                self.warn(
                    "numbering-skipped",
                    f"operative paragraph {n} follows {running}: {skipped} missing",
                    piece.no,
                )
        elif no_dot and not closed:
            return False
        if no_dot:
            self.warn(
                "number-without-stop", f"operative paragraph {n} printed without its full stop", piece.no
            )
        self.last_op = n
        self.new("op", 0, str(n), piece, text[m.end() :])
        return True

    def subparagraph(self, piece: Line, text: str, current: Unit | None, closed: bool) -> bool:
        m = _SUBPARAGRAPH.match(text)
        if not m or current is None:
            return False
        label, part = m[1], current.part
        if label == letters(self.letter_count + 1):
            self.letter_count, self.roman_count = self.letter_count + 1, 0
            self.new(part, 1, label, piece, text[m.end() :])
            return True
        if self.letter_count and label == roman_label(self.roman_count + 1):
            self.roman_count += 1
            self.new(part, 2, label, piece, text[m.end() :])
            return True
        if not closed:
            return False
        # Out of order, after a subparagraph that ended: still a subparagraph, said so.
        depth, index = self._label_index(label)
        if not depth:
            return False
        if depth == 2:
            expected = roman_label(self.roman_count + 1)
            self.roman_count = index
        else:
            expected = letters(self.letter_count + 1)
            self.letter_count, self.roman_count = index, 0
        self.warn("subparagraph-order", f"subparagraph ({label}) where ({expected}) was expected", piece.no)
        self.new(part, depth, label, piece, text[m.end() :])
        return True

    def numbered_item(self, piece: Line, text: str, current: Unit | None, closed: bool) -> bool:
        """`(1) 提交报告；` / `(3) 采取行动；`: an item of a list numbered with digits, as a Chinese
        drafter numbers what the UN letters. At the start of a line it is structure: a
        subparagraph of the paragraph whose chapeau ends with a colon, or the next item of
        the list it continues; its number is kept as printed and checked against the running
        one, so that a skipped, repeated or backward number is said, as for `(a)` ... and
        `1.` .... It was read as a footnote marker (`(1)` taken out of the text with 'no
        footnote text', `(3)` left in it) on a paragraph of its own said to have no number.
        Anywhere else `(n)` is left to the marker reader: in the corpus every `(n)` is a
        footnote marker glued after the word or comma it marks (A/RES/53/148 `决议,(1)及其后`,
        A/RES/53/158 `、(1)国际人权盟约(2)和`), and never opens a line. Chinese only: other
        languages print lists lettered, and their old texts' `(1)` markers may open a line."""
        m = _NUMBERED_ITEM.match(text)
        if not m or current is None or not closed or self.lang not in _ITEM_LANGUAGES:
            return False
        in_list = current.depth > 0 and current.number.isdigit()
        if in_list:
            depth = current.depth
        else:
            end = _TRAILING_MARKERS.sub("", STATUS_TAG.sub("", current.last_piece).rstrip()).rstrip()
            if end[-1:] not in (":", "："):
                return False  # no chapeau opens a list here: `(2)` typed for a paragraph number
            depth = current.depth + 1
            if depth > 2:
                return False  # subparagraphs nest two levels deep
            self.item_count = 0
        n, running = int(m[1]), self.item_count
        if n != running + 1:
            if n == running:
                fault = f"repeats the number before, where ({running + 1}) was expected"
            elif n < running:
                fault = f"comes after ({running})"
            else:
                missing = ", ".join(f"({k})" for k in range(running + 1, n))
                fault = (f"follows ({running})" if running else "opens the list") + f": {missing} missing"
            self.warn("subparagraph-order", f"numbered item ({n}) {fault}", piece.no)
        self.item_count = n
        self.new(current.part, depth, m[1], piece, text[m.end() :])
        return True

    def _label_index(self, label: str) -> tuple[int, int]:
        """(depth, index) of an out-of-order label: roman under a lettered one, else a letter."""
        if self.roman_count:
            try:
                return 2, roman_index(label)
            except Exception:  # roman raises its own InvalidRomanNumeralError
                pass
        try:
            return 1, letter_index(label)
        except ValueError:
            return 0, 0

    def preamble(
        self,
        piece: Line,
        text: str,
        current: Unit | None,
        closed: bool,
        block: bool,
        typed_block: bool = False,
    ) -> bool:
        if self.op_started:
            return False
        if current is None or (block and not self._decision_before_numbers(text)):
            self.new("pp", 0, "", piece, text)
            return True
        if block and self._decision_before_numbers(text):
            return False  # an operative verb that also opens preambles (重申, 确认): unnumbered()
        if closed:
            # An operative verb before the numbered paragraphs ("Calls upon States ...;")
            # stays in the preamble, where it was typed.
            operative_style = self.last_numbered >= 0 and openers.first_word(text) in openers.DECISION_VERBS
            starts = operative_style or openers.opens_preamble(text, self.lang)
        else:
            # A lead word after an unfinished paragraph: only the listed ones (a lost line). In
            # Chinese only at the start of a typed block (a drafter's lost comma): a wrapped
            # line of extracted Chinese may well open with 确认 or 回顾 mid-sentence.
            cased = self.lang in ("en", "fr", "es")
            starts = (cased or (self.lang == "zh" and typed_block)) and openers.opens_preamble(
                text, self.lang, strict=True
            )
        if not starts:
            return False
        if not closed:
            self.warn(
                "unterminated",
                "a paragraph starts here but the one before does not end "
                "with punctuation; text may be missing in the source",
                piece.no,
            )
        self.new("pp", 0, "", piece, text)
        return True

    def _decision_before_numbers(self, text: str) -> bool:
        """A decision's unnumbered operative paragraph, in a text with no numbered ones. In
        Chinese, where 重申 or 确认 open preambular and operative paragraphs alike, the
        ending tells them apart in a typed text (a draft whose Word numbering was lost in
        pasting): a preambular paragraph ends with `，`, an operative one with `；` or `。`."""
        if self.last_numbered >= 0:
            return False
        if self.lang == "zh":
            end = STATUS_TAG.sub("", text).rstrip()[-1:]
            return self.typed and end in ("；", ";", "。") and openers.opens_operative_zh(text)
        return self.lang == "en" and openers.first_word(text) in openers.DECISION_VERBS

    def unnumbered(
        self, index: int, piece: Line, text: str, current: Unit | None, closed: bool, block: bool
    ) -> bool:
        if current is None or not closed:
            return False
        if not self.op_started and self._decision_before_numbers(text):
            # A decision's text is one unnumbered operative paragraph ("Decides to ...").
            self.last_op = 0
            self.new("op", 0, "", piece, text)
            return True
        if self.op_started and block:
            # A typed block after an operative paragraph that ended, with no number: a
            # paragraph whose number was left out, not more of the one before.
            # Named by what was printed before it (a number or a label, `OP5`, `3 bis`), not
            # by the running number, which labels do not set ("after operative paragraph 0").
            before = next((u for u in reversed(self.units) if u.part == "op" and u.depth == 0), None)
            if before is not None and before.number:
                after = f"after operative paragraph {before.number}"
            else:
                after = "after an operative paragraph without a number"
            odd = _ODD_NUMBER.match(text)
            if odd:
                # `5、重申…`: a number the drafter typed, in a form not read as one; say so
                # rather than call the paragraph unnumbered.
                typed, number = odd[0].strip(), odd[1] or odd[2]
                after += f" (it opens with {typed!r}, not read as a paragraph number; write {number}.)"
            self.warn("numbering-missing", f"a paragraph without a number {after}", piece.no)
            self.new("op", 0, "", piece, text)
            return True
        if (
            not self.op_started
            and index == len(self.pieces) - 1
            and self.lang in ("en", "fr", "es")
            and re.match(r"\s*[A-Z][a-z]*\s*$", text)
        ):
            # An excerpt cut inside the lead word of a new paragraph ("No" of "Noting").
            self.new("pp", 0, "", piece, text)
            self.warn(
                "cut-lead-word", f"{text.strip()!r} taken as the cut-off start of a paragraph", piece.no
            )
            return True
        return False
