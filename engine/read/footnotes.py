"""Footnotes: the bodies at the foot of a page and the markers in the wording.

UN footnotes are numbered in order of first reference (shared/UN-RESOLUTIONS.md,
"Footnotes"). In PDF text a marker is a bare number glued to the word before it
(`Human Rights,1`, `Consular Relations10`), even to a number (`resolution 77/2285` is
resolution 77/228 and marker 5), or stands alone on a line; older texts print `1/` or
`(1)`. A bare number is ambiguous, so markers are read against the numbering sequence:
a number is taken as a marker only if it is the next one expected (or, glued to a word,
one already seen: a footnote can be cited again). In Chinese, digits glued between
characters are mostly quantities, so a counter after them (`2个`, `2013年`, `54/181号`) or
an ordinal or quantity word before them (`第2`, `约2`, `逾2`) keeps them in the text.

Bodies sit after a rule of underscores (English PDFs), between dashed rules, or, in the
Chinese seed, as lines `1 A/HRC/24/56。` between two paragraphs; old texts put `1/ ...` at
the end; a typed or pasted draft puts one on a line of its own inside or after the paragraph
that cites it. Bodies are taken out of the line stream so they never end up in a paragraph.
A number that sits where a marker sits but is out of sequence, with no body, stays in the
text and is said (`footnote-marker-doubtful`): it may be a number as well as a marker.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..lazyre import lazy
from ..model import FootnoteRef
from ..text import MONTH_PATTERN, OPERATIVE_LEAD_WORDS, OPERATIVE_NUMBER_RE
from .lines import Line
from .openers import opens_preamble

# A footnote body outside a separated zone: number, then something that reads like a
# citation (a symbol, "See", "Resolution", "Ibid."...), short, on a line of its own.
_CITATION = lazy(
    r"""^\s*(?P<n>\d{1,2})\s+(?P<body>
        (?:[A-Z]{1,2}/\S|See\b|Ibid|Resolution\b|Official\ Records|United\ Nations,|
           参见|见|同上|大会|联合国).{0,160})$""",
    re.VERBOSE,
)
_OLD_STYLE = lazy(r"^\s*(?P<n>\d{1,2})/\s+(?P<body>\S.*)$")  # "1/    A/CONF.157/24"
# Any other short numbered line: a footnote body only where the line before cites its marker
# (see `_cited_just_before`).
_NUMBERED_LINE = lazy(r"^\s*(?P<n>\d{1,2})\s+(?P<body>[^\s\d].{0,200})$")
_SIGN_NOTE = lazy(r"^\s*[*†‡]")  # sponsor and symbol notes: about the header
_ZONE_BODY_START = lazy(r"(?:^|(?<=\n)|(?<=[.。]\s))\s*(\d{1,2})(?:/|\s)\s*(?=\S)")


@dataclass
class Body:
    """A footnote's text as found at the foot of a page or the end of the text, with
    its line (for diagnostics)."""

    marker: str
    text: str
    line: int


def take_bodies(lines: list[Line], lang: str = "en") -> tuple[list[Line], list[Body]]:
    """Mark footnote-body lines as `note` and return the bodies in document order."""
    bodies: list[Body] = []
    zone: list[Line] = []
    in_zone = False
    closing = ""
    before = ""  # the text line before this one that is not a body
    after_body = False  # the text line before this one is a body
    for i, line in enumerate(lines):
        if in_zone:
            ends = line.kind == "furniture" or (line.kind == "separator" and line.text.startswith(closing))
            wording = line.kind == "text" and closing == "_" and _wording_after(zone, line.text, lang)
            if ends or wording or OPERATIVE_NUMBER_RE.match(line.text):
                bodies.extend(_split_zone(zone, bodies))
                zone, in_zone = [], False
                if line.kind == "separator":
                    continue
            elif line.kind in ("text", "separator"):
                line.kind = "note"
                zone.append(line)
                continue
            else:
                continue
        if line.kind == "separator":
            in_zone, closing = True, line.text[:1]
            continue
        if line.kind != "text":
            continue
        if _SIGN_NOTE.match(line.text):
            in_zone, closing = True, "_"
            line.kind = "note"
            zone.append(line)
            continue
        if _NOTES_HEADING.match(line.text) and _heads_bodies(lines, i, bodies):
            line.kind = "note"  # `Notes` over the footnotes a Word draft's text ends with
            after_body = True
            continue
        m = (
            _OLD_STYLE.match(line.text)
            or _CITATION.match(line.text)
            or _typed_body(line.text, before, bodies, after_body)
        )
        if m:
            line.kind = "note"
            bodies.append(Body(m["n"], m["body"].strip(), line.no))
        else:
            before = line.text
        after_body = m is not None
    if zone:
        bodies.extend(_split_zone(zone, bodies))
    return lines, bodies


_MONTH = lazy(rf"(?i:{MONTH_PATTERN})\b")  # `5 December 2013`: wording cut after a day
_MONTH_AFTER = lazy(rf"\s(?:de\s)?(?i:{MONTH_PATTERN})\b")
_RANGE_AFTER = lazy(r"\s(?:to|and|or|à|au|et|ou|a|al|y|o)\s\d|\s?[-–]\s?\d")
_NOTES_HEADING = lazy(
    r"^\s*(?:(?:foot|end)?notes?|notas?|примечания|注释?|脚注|附注)\s*[:：]?\s*$", re.IGNORECASE
)


def _heads_bodies(lines: list[Line], i: int, bodies: list[Body]) -> bool:
    """Is the next text line after lines[i] a footnote body (its number the next one's)?"""
    following = next((line for line in lines[i + 1 :] if line.kind != "blank"), None)
    if following is None or following.kind != "text":
        return False
    m = _OLD_STYLE.match(following.text) or _NUMBERED_LINE.match(following.text)
    last = bodies[-1].marker if bodies else "0"
    return m is not None and last.isdigit() and int(m["n"]) == int(last) + 1


def _typed_body(text: str, before: str, bodies: list[Body], after_body: bool) -> re.Match[str] | None:
    """A typed or pasted footnote body that does not open as a citation (`2 The report is
    contained in ...`, `2 该报告载于...`), on a line of its own, within or after the
    paragraph that cites it, or after another body: the number is the next footnote's, the
    line before is a body or has the number glued on as a marker (`Secretary-General,2
    and`), and the line opens as no wording does: not lower case (`2 countries`), no counter
    (`2 个国家`, `13 日`), no operative verb (`2 Requests`: a paragraph number without its
    stop), no month (`5 December 2013`). It was joined to the paragraph ('expressed 2 The
    report is contained in ... by Member States,'), or to a `Notes` heading read as a
    paragraph."""
    m = _NUMBERED_LINE.match(text)
    if not m or not (before or after_body):
        return None
    n = m["n"]
    last = bodies[-1].marker if bodies else "0"
    if not last.isdigit() or int(n) != int(last) + 1:
        return None
    body = m["body"]
    if body[0].islower() or re.match(_CJK_COUNTER, body) or _MONTH.match(body) or _opens_operative(body):
        return None
    if after_body:
        return m
    glued = re.compile(rf"(?:[^\W\d_]|[,;:)”’\"》」』）、，；：]){n}(?!\d)(?![{_CJK_UNIT}])")
    return m if glued.search(before) else None


def _opens_operative(text: str) -> bool:
    """An operative verb in the first three words (`Requests`, `Also requests`, `Strongly
    condemns`) or at the start of a Chinese text (`请`, `又请`)."""
    words = [w.capitalize() for w in re.findall(r"[^\W\d_]+", text[:60])[:3]]
    if any(w in lead for w in words for lead in OPERATIVE_LEAD_WORDS.values()):
        return True
    head = text.lstrip("又还并也再")
    return any(head.startswith(w) for w in OPERATIVE_LEAD_WORDS["zh"])


_BODY_DONE = lazy(r"[.。][”’\"')）]*\s*$")
_BODY_START = lazy(r"^\s*(?:\d{1,2}(?:/|\s)|[*†‡]|（?\d{1,2}）)")
_ZH_CITATION = lazy(r"^\s*(?:参见|见|另见|又见|同上|大会|联合国|[A-Z]{1,2}/)")


def _wording_after(zone: list[Line], text: str, lang: str) -> bool:
    """Does `text`, in a footnote zone after the rule, go back to the wording? A zone ends at
    the page's furniture; a text pasted without it (a web copy, a typed draft) goes on with
    the paragraph the rule cut, and all of it, paragraphs after it too, was read as the last
    footnote's text, without a word. Wording: after a body that ended with its full stop, a
    line that starts no body and opens as wording does: in lower case (`importance of ...`),
    with a paragraph's lead word (`Noting`, `Requests`), or, in Chinese, with anything but
    a citation (`参见`, `A/HRC/...`)."""
    if not zone or not _BODY_DONE.search(zone[-1].text) or _BODY_START.match(text):
        return False
    start = text.lstrip()
    if not start:
        return False
    if lang == "zh":
        return not _ZH_CITATION.match(start)
    return start[0].islower() or opens_preamble(start, lang) or _opens_operative(start)


def _split_zone(zone: list[Line], earlier: list[Body]) -> list[Body]:
    """Cut a zone's text into bodies, following the numbering sequence."""
    text = ""
    starts: list[tuple[int, int]] = []  # (offset, line number)
    for line in zone:
        piece = line.text.strip()
        if _SIGN_NOTE.match(piece):
            # "* On behalf of ...", "† ...": notes on the header, not on the wording; in a
            # flattened copy the numbered bodies follow on the same line.
            after = re.search(r"(?<=[.。])\s+(?=\d{1,2}\s)", piece)
            if not after:
                continue
            piece = piece[after.end() :]
        starts.append((len(text), line.no))
        text += piece + "\n"
    expected = int(earlier[-1].marker) + 1 if earlier and earlier[-1].marker.isdigit() else None
    cuts: list[tuple[int, int, str]] = []  # (start of number, start of body, marker)
    for m in _ZONE_BODY_START.finditer(text):
        n = int(m[1])
        if expected is None or n == expected:
            cuts.append((m.start(1), m.end(), m[1]))
            expected = n + 1
    bodies = []
    for i, (_, body_start, marker) in enumerate(cuts):
        end = cuts[i + 1][0] if i + 1 < len(cuts) else len(text)
        line_no = max((no for off, no in starts if off <= body_start), default=zone[0].no)
        bodies.append(Body(marker, " ".join(text[body_start:end].split()), line_no))
    return bodies


# --- markers in the wording -------------------------------------------------------

# Digits that a Chinese counter word follows are a quantity, never a marker (年月日号...,
# "20多名", "2人", "2种", "2以上", "2分之1"), nor are digits in an enumeration or a range
# ("2000年2、3月": February and March; "第1和2段"; "2至3").
_CJK_UNIT = "年月日号次届项条段款个名位时周岁倍万亿千百点天秒页批轮票席元型"
_CJK_COUNTER = (
    rf"[多余]?[{_CJK_UNIT}%％‰]|人(?![权民类道])|种(?!族)|国(?![际家内民籍])"
    r"|以[上下内]|分之|小时|分钟|星期|世纪"
)
_NOT_AFTER = rf"(?![\d/.,]\d)(?![\d/])(?!{_CJK_COUNTER})(?![、，,；;和或及与至到~～\-–—－]\s?\d)"
# Chinese words after which a glued number is a number: dates (年月日), ordinals, ranges
# and enumerations (第2, 至3, 和3), quantities (约2, 近2, 逾2, 超过2, 百分之2) and numbered
# things (附件2, 目标3). 约 that ends 公约, 盟约, 条约, 规约, 契约 is no "about":
# `国际人权盟约2和` is the Covenants and marker 2.
_CJK_NUMBER_BEFORE = lazy(
    r"""(?:[年月日第至到近逾仅只每和或及与之]|(?<![公盟条规契])约
          |超过|不到|不足|至少|最多|多达|高达|附件|附录|目标|指标|项目|选项|方案|编号)$""",
    re.VERBOSE,
)
_DIGIT = lazy(r"\d")
# Words after which a number is a number ("Article 1", "paragraph 3"), not a marker.
COUNTED = frozenset(
    [
        "and",
        "annex",
        "approximately",
        "april",
        "article",
        "articles",
        "artículo",
        "august",
        "avril",
        "category",
        "chap",
        "chapter",
        "cycle",
        "day",
        "de",
        "december",
        "decision",
        "et",
        "february",
        "figure",
        "goal",
        "goals",
        "group",
        "item",
        "items",
        "january",
        "juillet",
        "juin",
        "july",
        "june",
        "level",
        "line",
        "mai",
        "march",
        "mars",
        "may",
        "no",
        "november",
        "october",
        "of",
        "option",
        "page",
        "pages",
        "para",
        "paragraph",
        "paragraphe",
        "paragraphs",
        "paras",
        "part",
        "phase",
        "plus",
        "point",
        "principle",
        "principles",
        "protocol",
        "párrafo",
        "recommendation",
        "recommendations",
        "resolución",
        "resolution",
        "resolutions",
        "rule",
        "rules",
        "résolution",
        "sdg",
        "sect",
        "section",
        "september",
        "session",
        "stage",
        "step",
        "table",
        "target",
        "targets",
        "tema",
        "the",
        "to",
        "vol",
        "week",
        "y",
        "year",
    ]
)
_CANDIDATES = lazy(
    rf"""
      \((?P<paren>\d{{1,2}})\)                                   # (1)
    | （(?P<fparen>\d{{1,2}})）                                  # （1）
    | (?:(?<=\D)|(?<=\d{{4}}))(?P<slash>\d{{1,2}})/(?![\d/])     # 1/  (also 19931/ = 1993 + 1/)
    | (?<=[^\W\d_])(?P<glued>\d{{1,2}}){_NOT_AFTER}              # Rights2, 盟约2和
    | (?<=[,;:)”’"》」』）、，；：。])(?P<space>\ ?)(?P<punct>\d{{1,2}}){_NOT_AFTER}  # Rights,1 / 报告。1
    | (?<=[^\W\d_][.])(?P<stop>\d{{1,2}})(?=\s*$)               # the matter.5 (ends the paragraph)
    | (?<=\d{{4}})\ (?P<year>\d{{1,2}})(?=\ [a-zà-ÿ])            # 25 June 1993 1 for
    | (?<=[^\W\d_])\ (?P<word>\d{{1,2}})(?=,?\ [a-zà-ÿ])          # l’homme 2 et
    | (?:(?<=\b\d\d/)|(?<=\b\d/))(?P<number>\d{{2,4}})(?![\d/])(?!{_CJK_COUNTER})  # 77/2285 = 77/228 + 5
    """,
    re.VERBOSE,
)


def _candidates(text: str) -> Iterator[re.Match[str]]:
    """`_CANDIDATES.finditer(text)`, tried only where a match can start: every candidate holds
    a digit and starts on it or one character before it (`(`, `（`, a space). Scanning every
    position of a long provision with the pattern's lookbehinds cost 0.5 s on 4,000 English
    provisions (2.4 MB) that hold 10,000 digits; this costs 0.03 s and finds the same matches
    (leftmost first, none overlapping, lookbehinds seeing the text before the position)."""
    pos = 0
    for digit in _DIGIT.finditer(text):
        at = digit.start()
        for start in (at - 1, at):
            if start < pos or start < 0:
                continue
            m = _CANDIDATES.match(text, start)
            if m:
                yield m
                pos = m.end()
                break


@dataclass(frozen=True)
class Doubt:
    """A number that sits where a marker sits but was left in the text (see `_glued_like_a_marker`)."""

    number: int
    expected: int
    glued: str  # the number as printed (`2`, `２`) with the character it is glued to
    context: str  # a few characters either side, for the message
    how: str = "is glued as a footnote marker is"
    # glued to an acronym as a name's number is (`ILO2`: the ILO and marker 2, or a name like
    # `CO2`): the marker expected, taken when its footnote text is on the page, else kept
    name: bool = False
    taken: bool = False


@dataclass
class MarkerReader:
    """Reads markers across a document's provisions, keeping the numbering sequence."""

    bodies: dict[str, int] = field(default_factory=dict)  # marker -> line of its body
    # sorted numbers of the lines that hold wording, which separate one page's footnote
    # block from the next (None: not known, any body in between means another page)
    text_lines: tuple[int, ...] | None = None
    seen: set[int] = field(default_factory=set)
    last_line: int = 0  # the last source line of the text being read
    # the number of the first marker: 1, or, in a text that starts mid-document, the number
    # a trial reading found (`first_marker` in reader.py)
    first: int = 1
    # a trial reading: the numbering may start at any number (see `_first_expected`)
    start_unknown: bool = False
    # numbers glued to the wording as a marker is, left in the text because they are out of
    # the sequence and have no footnote text: (number, the marker expected, the text around it)
    doubts: list[Doubt] = field(default_factory=list)
    # markers with a footnote text that a reading keeping every acronym's number in the text
    # (`ILO2`, `CO2`) found nowhere: such a number glued to an acronym is the marker (`_acronym`)
    unplaced: frozenset[int] = frozenset()

    @property
    def expected(self) -> int:
        return max(self.seen, default=0) + 1

    def extract(self, text: str, last_line: int = 0) -> tuple[str, tuple[FootnoteRef, ...]]:
        """Take the markers out of a normalised text; return the text and their places.

        `last_line` is the source line the text ends on: a body on a later page than the
        next footnote block cannot belong to a marker in this text.
        """
        self.last_line = last_line
        if not _DIGIT.search(text):  # every marker is a number; the scan costs ~0.1 ms a text
            return text, ()
        refs: list[FootnoteRef] = []
        out = ""
        pos = 0
        in_list = False  # an inline list numbered (1), (2) ... is open (see `_item_number`)
        for m in _candidates(text):
            kind = m.lastgroup if m.lastgroup != "space" else "punct"
            value = m[kind] if kind else None
            if kind is None or value is None or m.start() < pos:
                continue
            if kind in ("paren", "fparen") and _item_number(text, m, in_list):
                in_list = True
                continue
            marker, cut_from = self._accept(kind, value, text, m)
            if marker is None:
                continue
            out += text[pos:cut_from]
            pos = m.end()
            if out.endswith(" ") and (pos == len(text) or text[pos] in " ,;:.)"):
                out = out[:-1]  # "1993, 1/ to" -> "1993, to", not "1993,  to"
            refs.append(FootnoteRef(str(marker), len(out)))
            self.seen.add(marker)
        out += text[pos:]
        return out, tuple(refs)

    def _accept(self, kind: str, value: str, text: str, m: re.Match[str]) -> tuple[int | None, int]:
        n = int(value)
        expected = self._first_expected(kind, n, text, m) if not self.seen else self.expected
        if kind == "number":
            # Glued to a resolution number: only the expected marker, only if its body
            # exists, and the number left must still be one (77/228, not 77/).
            tail = str(expected)
            if value.endswith(tail) and len(value) > len(tail) and self._on_this_page(tail):
                return expected, m.end() - len(tail)
            return None, 0
        if n == 0 or (kind in ("glued", "punct") and _in_a_name(text, m.start(kind), m.end())):
            if kind == "glued" and n == expected and _after_an_acronym(text, m.start(kind), m.end()):
                return self._acronym(n, expected, value, text, m)
            return None, 0
        # the longest word is two characters (and 约 looks one further back)
        if kind == "glued" and _CJK_NUMBER_BEFORE.search(text, max(0, m.start() - 4), m.start()):
            return None, 0
        if kind in ("year", "word"):
            if _MONTH_AFTER.match(text, m.end()) or _RANGE_AFTER.match(text, m.end()):
                # a day (`adoptés le 25 juin 1993`, `el 8 de septiembre`) or the start of a
                # range (`from 20 to 24 April`)
                return None, 0
            # the word the space follows (`Article 1`), from a short window: reading all the
            # text so far for it made long texts quadratic
            before = re.search(r"[^\W\d_]+$", text[max(0, m.start() - 40) : m.start()])
            if kind == "word" and (before is None or before[0].lower() in COUNTED):
                return None, 0
            if n != expected:
                if kind == "word" and not text.startswith(",", m.end()):
                    return None, 0  # `aged 15 and over`: wording as often as a marker
                # `l’homme 3, et`, `2030 4 prévoit`: where a marker stands, out of sequence
                # (a marker before it lost, or a number): kept in the text, and said.
                at = m.start(kind)
                context = text[max(0, at - 10) : m.end() + 8]
                how = "stands after a space where a footnote marker stands"
                self.doubts.append(Doubt(n, expected, text[at - 2] + value, context, how))
                return None, 0
            return n, m.start()  # the space before the marker goes with it
        if kind == "punct" and m["space"] and n != expected:
            return None, 0
        if n == expected or (
            n in self.seen and kind in ("glued", "punct", "stop", "paren", "fparen", "slash")
        ):
            return n, m.start()
        glued = kind in ("glued", "punct", "stop") and not m["space"]
        if glued and (kind == "stop" or _glued_like_a_marker(text, m.start(kind), m.end())):
            if self._on_this_page(value):
                # out of sequence, but its footnote text is on this page: a marker (the one
                # before it was lost); left in the text, it said 'footnote N is not referenced'
                return n, m.start()
            at = m.start(kind)
            context = text[max(0, at - 8) : m.end() + 8]
            self.doubts.append(Doubt(n, expected, text[at - 1] + value, context))
        return None, 0

    def _acronym(
        self, n: int, expected: int, value: str, text: str, m: re.Match[str]
    ) -> tuple[int | None, int]:
        """The marker expected, glued to an acronym: `of the ILO2 and` (marker 2 after the ILO)
        reads exactly as a name's number does (`CO2`, `G20`, `SDG3`), and the acronym alone
        cannot tell them apart (the corpus has neither). The numbering and the footnote texts
        can. Footnote n on this page, and marker n found nowhere else in the text (`unplaced`):
        the number is the marker, taken, and said. Footnote n on this page and marker n
        elsewhere: a name's number, as it was (the marker comes later). No footnote n in the
        input at all: either, so it stays in the text, said. (It stayed as part of a name
        without a word, the marker lost and footnote n 'not referenced'.) A number that is not
        the marker expected (`CO2` after marker 5) is a name's."""
        at = m.start("glued")
        context = text[max(0, at - 10) : m.end() + 8]
        head = re.search(r"[A-Z]+$", text[max(0, at - 6) : at])
        how = f"is glued to {head[0] if head else text[at - 1]!r} as a name's number is (CO2, G20)"
        if self._on_this_page(value):
            if n not in self.unplaced:
                return None, 0
            self.doubts.append(Doubt(n, expected, text[at - 1] + value, context, how, name=True, taken=True))
            return n, at
        if value not in self.bodies:
            self.doubts.append(Doubt(n, expected, text[at - 1] + value, context, how, name=True))
        return None, 0

    def _first_expected(self, kind: str, n: int, text: str, m: re.Match[str]) -> int:
        """The marker expected before any was read: `first`, or, in a trial reading
        (`start_unknown`), the number of the first one that stands where only a marker stands:
        glued as a PDF prints one (`Rights,3 and`), after a word that does not count it
        (`l’homme 3, et`) or after a year (`2030 4 prévoit`). Not a number after a comma and a
        space (`1, 2 and 3`), nor one glued to a resolution number (`77/2285`)."""
        if not self.start_unknown or n <= 1:
            return self.first
        if kind in ("word", "year"):
            return n
        glued = kind in ("glued", "punct") and not m["space"]
        if glued and _glued_like_a_marker(text, m.start(kind), m.end()):
            return n
        return 1

    def _on_this_page(self, marker: str) -> bool:
        """Does the marker's body sit in the first footnote block after this text?

        Bodies are printed at the foot of the page where the reference falls; if a
        footnote block of another page comes between this text and the marker's body, the
        number is part of the text (`resolution 52/27` is not 52/2 + marker 7).
        """
        if marker not in self.bodies:
            return False
        at = self.bodies[marker]
        between = [line for m, line in self.bodies.items() if m != marker and self.last_line < line < at]
        if not between or self.text_lines is None:
            return not between
        # Bodies of earlier footnotes printed just above this one, with no wording between
        # them and it, are the same block: the same page (a page citing footnotes 1 to 5
        # prints 1-4 above 5). A body in an earlier block means another page.
        after = bisect_right(self.text_lines, min(between))
        return after == len(self.text_lines) or self.text_lines[after] > at


def _item_number(text: str, m: re.Match[str], in_list: bool) -> bool:
    """Is `(n)` at m the number of a list item rather than a footnote marker? A marker follows
    the word or comma it marks (`决议,(1)及其后`, `报告;(4)` at a paragraph's end); nothing
    comes before an item's number but the start of the provision, the colon of its chapeau
    (`请秘书长：(1)提交报告；(2)采取行动；`) or, in a list so opened, the semicolon of the item
    before, and text follows it. Read as markers, the numbers of an inline list were taken
    out of the text (`(1)`, `(2)`, with 'no footnote text') or left in it past a gap."""
    before = text[: m.start()].rstrip()[-1:]
    if not text[m.end() :].strip():
        return False
    return before == "" or before in ":：" or (in_list and before in ";；")


_NAME_HEAD = lazy(r"(?<![A-Za-z])[A-Z]{1,3}$")


def _in_a_name(text: str, start: int, end: int) -> bool:
    """Is the number at text[start:end] part of a name (`H1N1`, `5G`, `CO2`, `G20`, `COP26`,
    `SDG3`) rather than a marker glued to a word? A Latin letter right after it, or one to
    three capitals right before it: the marker expected or one already seen was cut out
    of `H1N1` as `HN` (and of `CO2` as `CO`), with only a 'no footnote text' warning."""
    if text[end : end + 1].isascii() and text[end : end + 1].isalpha():
        return True
    return bool(_NAME_HEAD.search(text, max(0, start - 4), start))


def _after_an_acronym(text: str, start: int, end: int) -> bool:
    """Is the number at text[start:end] glued to an acronym (`ILO2`, `CO2`), with nothing
    around it that makes it a name's for sure (`H1N1`, `5G`: a letter or digit; `G20-led`)?"""
    after = text[end : end + 1]
    if after.isalnum() or after in "-–/":
        return False
    return bool(_ACRONYM_HEAD.search(text, max(0, start - 4), start))


_ACRONYM_HEAD = lazy(r"(?<!\w)[A-Z]{1,3}$")  # not `N` of `H1N1`


_CJK = lazy(r"[\u3400-\u9fff\uf900-\ufaff，。；：、”’》」』）！？…]")
_CLOSING = frozenset(',;:)”’"》」』）、，；：')


def _glued_like_a_marker(text: str, start: int, end: int) -> bool:
    """Is the number at text[start:end] glued where a PDF prints a marker, and nowhere a
    number of the wording stands? Such a number that is not the marker expected (an excerpt
    that starts after footnote 1, a marker lost before it) is a marker whose footnote text is
    missing as likely as it is a number; it stays in the text, and the reader says so.

    Chinese: glued after a character or full-width punctuation and followed by a character,
    punctuation or the end (`资料，2其中`, `资料2，`); a counter after it (`2个`, `2014年`) or an
    ordinal or quantity word before it (`第2`) has already made it a number. English: glued
    to punctuation that closes a word (`Rights,2 and`; not `1,2 and 3`), or to a lowercase
    word (`Relations10 and`; not `G20`, `CO2`, `H1N1`), and followed by a space, punctuation
    or the end.
    """
    before = text[start - 1] if start else ""
    after = text[end : end + 1]
    if _CJK.match(before):
        return after == "" or after.isspace() or bool(_CJK.match(after))
    if after and (after.isalnum() or after in "/-–"):
        return False
    if before in _CLOSING:
        word_end = text[start - 2 : start - 1]
        return word_end.isalpha() or (word_end != "" and word_end in '”’")')
    return text[max(0, start - 2) : start].isalpha() and text[max(0, start - 2) : start].islower()
