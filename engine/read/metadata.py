"""Metadata from the header and the adoption lines: symbol, number, session, title,
agenda item, adoption date, meeting and vote.

Explicit beats inferred: a symbol printed in the header or page furniture wins over one
built from the organ and the resolution number (`HRC` + `25/3.` -> `A/HRC/RES/25/3`).
Dates are taken only from adoption lines (`27 March 2014`, `2014年3月27日`, "adopted ...
on 2 July 2015"), never from the distribution date (`Distr.: General 10 July 2017`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..lazyre import lazy
from ..model import BRACKETED, attribution
from ..symbols import SymbolError, parse_symbol
from ..text import MONTH_NUMBER, MONTH_PATTERN
from .lines import Line
from .tidy import tidy_text

_DATE_DMY = lazy(rf"\b(\d{{1,2}})(?:er)?\s+(?:de\s+)?({MONTH_PATTERN})\s+(?:de\s+)?(\d{{4}})", re.I)
_DATE_ZH = lazy(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ADOPTED_CUE = lazy(r"adopted|adoptée|aprobada|принятая|通过的决议|decided", re.I)

# "25/3." at the start of a line (or after "]" in flattened copies): the resolution number.
# OCR may space its digits: "4 6 / 18.", "5 2 /…" (a draft: number not yet given).
_NUMBER = lazy(
    r"(?:^|(?<=\]))\s*(?P<session>\d(?:\s?\d){0,3})\s*/\s*(?P<number>\d(?:\s?\d){0,2}|…|\.\.\.)(?P<dot>\.)?"
    r"\s*(?P<title>.*)$"
)
_AGENDA = lazy(r"(?:Agenda item|议程项目|Point|Tema|Пункт)\s*(\d+(?:\s*\([a-z]\))?)", re.I)
_AGENDA_FR_ES = lazy(r"(?:Point|Tema)\s+(\d+)\s+de\s+(?:l[’']ordre du jour|la agenda)", re.I)
_MEETING = lazy(r"(\d{1,3})(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting|第\s*(\d{1,3})\s*次(?:全体)?会议", re.I)
_RECORDED = lazy(
    r"recorded vote of (\d+) to (\d+), with (\d+) abstentions?"
    r"|以\s*(\d+)\s*票赞成、\s*(\d+)\s*票反对、\s*(\d+)\s*票弃权",
    re.I,
)
_DRAFT = lazy(r"draft resolution|决议草案|projet de résolution|proyecto de resolución|проект резолюции", re.I)
_WITHOUT_VOTE = lazy(r"without a vote|未经表决|sans vote|sin votación|без голосования", re.I)

_ORDINAL_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
}  # fmt: skip
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_ZH_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SESSION_EN = lazy(
    # `Sixty-fourth sessionThird Committee`: a copy that lost the line break (not `sessions`)
    r"\b((?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-\s?)?[a-z]+)\s+session(?!(?-i:[a-z]))",
    re.I,
)
_SESSION_ZH = lazy(r"第([一二三四五六七八九十]+)届会议")


@dataclass
class HeaderFacts:
    """What a resolution's header says about it (symbol, organ, session, title, dates),
    each None when the header does not say it."""

    symbol: str | None = None
    body: str | None = None
    session: str | None = None
    number: str | None = None
    title: str | None = None
    agenda_item: str | None = None
    adopted: str | None = None
    meeting: int | None = None
    vote: str | None = None


def read_metadata(
    header: list[Line],
    trailer: list[Line],
    furniture_symbols: list[str],
    body_code: str | None,
    lang: str,
    declared_symbol: str | None = None,
) -> HeaderFacts:
    """`declared_symbol` (a `# symbol:` line, canonical) wins over any the text prints."""
    facts = HeaderFacts()
    header_text = "\n".join(line.text for line in header)
    trailer_text = "\n".join(line.text for line in trailer)

    number_at = None
    for i, line in enumerate(header):
        m = _NUMBER.match(line.text.rsplit("]", 1)[-1])
        if m:
            number_at, number_match = i, m
    if number_at is not None:
        session = number_match["session"].replace(" ", "")
        number = number_match["number"].replace(" ", "")
        if number not in ("…", "..."):
            facts.number = f"{session}/{number}"
        facts.session = session
        title_lines = [number_match["title"]] + [line.text for line in header[number_at + 1 :]]
        facts.title = tidy_text(" ".join(t for t in title_lines if t.strip()), lang) or None
    else:
        facts.title = _title_without_number(header, lang)

    facts.symbol = declared_symbol or _explicit_symbol(furniture_symbols, header_text)
    facts.body = body_code
    if facts.symbol:
        sym = parse_symbol(facts.symbol)
        facts.body = sym.body or body_code
        facts.session = facts.session or sym.session
        facts.number = facts.number or sym.resolution_number
    elif facts.number and body_code:
        facts.symbol = _inferred_symbol(body_code, facts.number)
    explicit_res = facts.symbol is not None and "/RES/" in facts.symbol
    if facts.body in ("GA", "HRC") and not explicit_res and _DRAFT.search(header_text):
        # A draft's body line is the organ's (`The General Assembly,`): without a symbol it
        # read as the organ's adopted resolution. The sponsors' `draft resolution` line says
        # what it is; the committee only when the header names it.
        if facts.body == "HRC":
            facts.body = "HRC-draft"
        else:
            facts.body = "GA-C3-draft" if "Third Committee" in header_text else "GA-draft"
    if facts.session is None:
        facts.session = _session_from_words(header_text)

    agenda = _AGENDA_FR_ES.search(header_text) or _AGENDA.search(header_text)
    facts.agenda_item = re.sub(r"\s+", " ", agenda[1]) if agenda else None

    adoption_text = (
        trailer_text + "\n" + "\n".join(line.text for line in header if _ADOPTED_CUE.search(line.text))
    )
    # "Resolution adopted by the General Assembly\non 16 December 2021": a cue line and
    # the line after it, unless that is the resolution number.
    for i, line in enumerate(header[:-1]):
        if _ADOPTED_CUE.search(line.text) and not _NUMBER.match(header[i + 1].text):
            adoption_text += "\n" + header[i + 1].text
    facts.adopted = _date(adoption_text)
    meeting = _MEETING.search(adoption_text)
    if meeting:
        facts.meeting = int(meeting[1] or meeting[2])
    recorded = _RECORDED.search(trailer_text)
    if recorded:
        y, n, a = (g for g in recorded.groups() if g is not None)
        facts.vote = f"recorded vote: {y}-{n}-{a}"
    elif _WITHOUT_VOTE.search(trailer_text):
        facts.vote = "without a vote"
    return facts


def _explicit_symbol(furniture_symbols: list[str], header_text: str) -> str | None:
    """The symbol printed most often in the header and page furniture."""
    if not furniture_symbols:
        return None
    symbol, _ = Counter(furniture_symbols).most_common(1)[0]
    try:
        return str(parse_symbol(symbol))
    except SymbolError:
        return None


def _inferred_symbol(body: str, number: str) -> str | None:
    session, _, n = number.partition("/")
    prefix = {"GA": "A/RES", "HRC": "A/HRC/RES", "CHR": "E/CN.4/RES"}.get(body)
    return f"{prefix}/{session}/{n}" if prefix else None


def _title_without_number(header: list[Line], lang: str) -> str | None:
    """A draft's title: the line after the sponsors' "draft resolution" line, if any;
    else a plain title line (`_plain_title`)."""
    text = "\n".join(line.text for line in header)
    m = re.search(r"(?:draft resolution|决议草案|projet de résolution)\s*(\S.*)?$", text, re.S)
    if m and m[1]:
        return tidy_text(m[1], lang) or None
    last = next((line.text.strip() for line in reversed(header) if line.text.strip()), "")
    if m and not _DRAFT_ALONE.match(last):
        return None
    # No sponsors' line, or a typed draft's `决议草案` / `Draft resolution` line standing
    # alone after its title (a Markdown heading, `## 决议草案`).
    return _plain_title(header, lang)


# Lines a header holds that are not a title: organs, sessions, agenda items, distribution
# and language notes, report references, symbols.
_NOT_TITLE = lazy(
    r"^(?:general assembly|human rights council|commission on human rights|economic and social council"
    r"|third committee|united nations|大会|大会决议|人权理事会|人权委员会|联合国)$"
    r"|distr\.|original:|\[on the report|\[根据|\bsession\b|届会议|^[A-Z]+(?:\.\d+)?/\S*\d",
    re.I,
)
_TITLE_MAX = 300
_DRAFT_ALONE = lazy(r"^(?:draft resolution|决议草案)$", re.I)


def _plain_title(header: list[Line], lang: str) -> str | None:
    """A typed text's title: a line of words standing last before the body line
    (`Situation of human rights in the Islamic Republic of Iran` / `The General Assembly,`),
    after any adoption line (`At its 47th meeting, … decided to adopt the text below:`).
    Taken only when it is nothing else a header holds, and not a cut paragraph (ending in a
    comma, semicolon or colon): a wrong title would show as a heading change."""
    lines = [line.text.strip() for line in header if line.text.strip()]
    # (Each line judged by its words before any proposals a compilation writes after them.)
    while lines and (
        _ADOPTED_CUE.search(_before_proposals(lines[-1]))
        or _MEETING.search(_before_proposals(lines[-1]))
        or _DRAFT_ALONE.match(lines[-1])  # a typed draft's `Draft resolution` line, after its title
    ):
        lines.pop()
    if not lines:
        return None
    last = lines[-1]
    words = _before_proposals(last)
    if (
        not words
        or len(words) > _TITLE_MAX
        or words[-1] in ",，;；:："
        or not re.search(r"[^\W\d_]{2}", words)
        or _NOT_TITLE.search(words)
        or _AGENDA.search(words)
        or _date(words)
        or _DATE_ZH.search(words)
    ):
        return None
    return tidy_text(last, lang) or None


def _before_proposals(line: str) -> str:
    """The words of a line before the delegations' proposals a compilation text writes after
    a title (`Enhancement of ... [Peru: replace "a" with "b"] / [Chile: ...] (conflicting)`):
    what is measured and ended as a title is."""
    for m in BRACKETED.finditer(line):
        if attribution(m[0][1:-1]) is not None:
            return line[: m.start()].rstrip()
    return line


def _date(text: str) -> str | None:
    m = _DATE_ZH.search(text)
    if m:
        return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
    m = _DATE_DMY.search(text)
    if m:
        return f"{int(m[3]):04d}-{MONTH_NUMBER[m[2].lower()]:02d}-{int(m[1]):02d}"
    return None


def _session_from_words(text: str) -> str | None:
    m = _SESSION_ZH.search(text)
    if m:
        return str(_zh_number(m[1]))
    for m in _SESSION_EN.finditer(text):
        words = m[1].lower().replace(" ", "").split("-")
        if len(words) == 2 and words[0] in _TENS and words[1] in _ORDINAL_UNITS:
            return str(_TENS[words[0]] + _ORDINAL_UNITS[words[1]])
        if len(words) == 1 and words[0] in _ORDINAL_UNITS:
            return str(_ORDINAL_UNITS[words[0]])
    return None


def _zh_number(text: str) -> int:
    """二十五 -> 25, 十 -> 10, 五十二 -> 52."""
    if "十" in text:
        tens, _, units = text.partition("十")
        return _ZH_DIGITS.get(tens, 1) * 10 + _ZH_DIGITS.get(units, 0)
    return _ZH_DIGITS.get(text, 0)
