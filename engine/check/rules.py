"""The rules of `resdiff check`: each a function from a resolution to findings.

Every rule reads the model (so a canonical file and a raw draft are checked alike) and
says where (provision id, printed number, line) and how to fix. The drafting conventions
checked are those of shared/UN-RESOLUTIONS.md ("Anatomy"): preambular paragraphs open
with a participle or adjective and end with a comma; operative paragraphs are numbered
1..N, open with a verb in the present tense and end with a semicolon; the last ends with
a full stop. Chinese writes the same marks full-width (，；。：).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import roman

from ..diagnostics import Severity
from ..model import (
    LABEL_SUFFIXES,
    STATUS_TAG,
    Provision,
    Resolution,
    attributed,
    bracketed_passages,
    letter_index,
    roman_index,
    without_attributions,
)
from ..read import openers
from ..symbols import SymbolError, parse_symbol
from ..text import OPERATIVE_LEAD_WORDS
from .findings import Finding

# What a rule is given besides the text: the stored dates of cited resolutions
# ("68/160" -> ("A/RES/68/160", "2013-12-18")), from history/ when there is one.
Dates = dict[str, list[tuple[str, str]]]


@dataclass(frozen=True)
class Context:
    """What every rule sees: the draft read, and the dates it is checked against."""

    res: Resolution
    dates: Dates


RuleFunc = Callable[[Context], Iterator[Finding]]


@dataclass(frozen=True)
class Rule:
    """One check: its id (for configuration and SARIF), default severity, one-line
    summary and the function that finds its problems."""

    id: str
    severity: Severity
    summary: str
    func: RuleFunc


def _cut(res: Resolution, p: Provision) -> bool:
    """The last provision of an excerpt, which may stop mid-sentence: its end (and an
    opening word alone) is where the excerpt was cut, not a fault of the text."""
    return res.meta.extent == "excerpt" and p is res.provisions[-1]


def _at(rule: str, severity: Severity, p: Provision | None, message: str) -> Finding:
    if p is None:
        return Finding(rule, severity, message)
    return Finding(rule, severity, message, p.id, p.number, p.line)


# --- numbering -------------------------------------------------------------------------


def numbering(ctx: Context) -> Iterator[Finding]:
    """Operative paragraphs 1..N in print, without gap or repeat; subparagraphs (a), (b)...
    and (i), (ii)... in order under each parent. The printed numbers are compared with
    the positions (the ids), so the fix can name the number each should carry. An excerpt
    may start at any number: its operative paragraphs run on from the first printed one."""
    if ctx.res.labelled:  # 1..N is the wrong rule for labels, which never shift
        yield from _labels(ctx.res)
        return
    start = 0
    if ctx.res.meta.extent == "excerpt":
        first = next((p.number for p in ctx.res.provisions if p.kind == "operative" and p.number), "1")
        start = int(first) - 1 if first.isdigit() else 0
    for p in ctx.res.provisions:
        expected = p.default_number
        if p.kind == "operative" and start:
            expected = str(int(expected) + start)
        if p.kind == "preamble" or p.number == expected:
            continue
        if p.kind == "operative" and not p.number:
            if any(q.kind == "operative" and q.number for q in ctx.res.provisions):
                yield _at("numbering", "error", p, f"{p.id} has no number; number it {expected}.")
            continue
        if not p.number:
            continue
        printed = f"({p.number})" if p.kind == "subparagraph" else p.number
        want = f"({expected})" if p.kind == "subparagraph" else expected
        what = "paragraph" if p.kind == "operative" else "subparagraph"
        yield _at(
            "numbering",
            "error",
            p,
            f"{p.id}: {what} numbered {printed} stands where {want} belongs "
            f"({_fault(p.number, expected, p.depth)}); renumber it {want}.",
        )


# Negotiation labels (`OP3 bis`, `PP5 alt`): the reader keeps them as printed numbers.
_SUFFIXES = LABEL_SUFFIXES
_LABELLED = re.compile(r"^(\d+)(?: (\w+)(?: \d+)?)?$")


def _labels(res: Resolution) -> Iterator[Finding]:
    """In a labelled draft: a label used twice is an error, a `bis` with no paragraph of its
    number before it a warning; a label lower than one before it (`OP1` after `OP2`, `ter`
    before `bis`) is a note, naming the highest label before it (moved paragraphs keep their
    labels; a paragraph inserted before a `bis` one takes the next free suffix); a gap is no fault (a
    deleted paragraph's label stays unused, `OP3` or `OP2 bis`). Subparagraphs keep the
    (a), (b)... rule."""
    seen: dict[tuple[str, str], Provision] = {}
    last: dict[str, tuple[int, int, str]] = {}  # the highest label so far: number, suffix rank, label
    for p in res.provisions:
        if p.kind == "operative" and p.depth == 0 and not p.number:
            yield _at(
                "numbering",
                "error",
                p,
                f"{p.id} has no label; label it (OP{last.get('OP', (0, 0, ''))[0]} bis, "
                f"OP{last.get('OP', (0, 0, ''))[0] + 1}...).",
            )
            continue
        if p.depth != 0 or not p.number:
            continue
        m = _LABELLED.match(p.number)
        if m is None:
            continue
        part = "PP" if p.kind == "preamble" else "OP"
        label = f"{part}{p.number}"
        n, suffix = int(m[1]), m[2]
        rank = _SUFFIXES.index(suffix) + 1 if suffix in _SUFFIXES else (0 if suffix is None else None)
        if (part, p.number) in seen:
            first = seen[(part, p.number)]
            yield _at(
                "numbering",
                "error",
                p,
                f"{p.id}: label {label} is already {first.id}'s (line {first.line}); labels never shift "
                f"during the talks: give a new paragraph the next free suffix ({part}{n} bis, ter...).",
            )
            continue
        seen[(part, p.number)] = p
        if rank is None:  # `alt`: another wording of a paragraph, read against its number
            if (part, m[1]) not in seen:
                yield _at(
                    "numbering",
                    "error",
                    p,
                    f"{p.id}: {label} is an alternative to {part}{n}, which no paragraph before it carries.",
                )
            continue
        prev = last.get(part)
        if rank and n != 0 and (part, m[1]) not in seen:  # `OP0 bis`: put before OP1 (labels.py)
            yield _at(  # a warning: OP3 may have been deleted and OP3 bis kept
                "numbering",
                "warning",
                p,
                f"{p.id}: {label} follows no {part}{n}: a bis or ter paragraph comes after the "
                f"paragraph whose label it extends; check the label (or was {part}{n} deleted?).",
            )
        elif prev is not None and (n, rank) < prev[:2]:
            yield _at(
                "numbering",
                "note",
                p,
                f"{p.id}: {label} comes after {prev[2]}: a moved paragraph keeps its label, and one "
                "inserted before a bis paragraph takes the next free suffix, but check it was not mistyped.",
            )
        last[part] = max(prev or (n, rank, label), (n, rank, label))


def _fault(printed: str, expected: str, depth: int) -> str:
    try:
        if depth == 0:
            got, want = int(printed), int(expected)
        elif depth == 1:
            got, want = letter_index(printed), letter_index(expected)
        else:
            got, want = roman_index(printed), roman_index(expected)
    except (ValueError, roman.RomanError):  # roman's errors are not ValueErrors
        return "not a number of this level"
    if got == want - 1:
        return "a repeat of the number before"
    if got > want:
        return "numbers skipped"
    return "out of order"


# --- footnotes -------------------------------------------------------------------------


def footnotes(ctx: Context) -> Iterator[Finding]:
    """Every marker has a footnote text, every footnote is referenced, and numbered markers
    run in order of first reference without gap (a resolution's first footnote may carry
    any number: in the annual volume they run on across resolutions)."""
    res = ctx.res
    texts = {f.marker for f in res.footnotes}
    # An excerpt with no footnote text at all was cut before the page's footnotes: its
    # markers are not faults of the text.
    uncaptured = res.meta.extent == "excerpt" and not res.footnotes
    seen: list[str] = []
    for p in res.provisions:
        for ref in p.footnotes:
            if ref.marker not in texts and ref.marker not in seen and not uncaptured:
                yield _at(
                    "footnotes",
                    "error",
                    p,
                    f"{p.id}: footnote marker {ref.marker} has no footnote text; add footnote {ref.marker} "
                    "or remove the marker.",
                )
            if ref.marker in seen:
                continue
            numbered = [int(m) for m in seen if m.isdigit()]
            if numbered and ref.marker.isdigit() and int(ref.marker) != max(numbered) + 1:
                yield _at(
                    "footnotes",
                    "error",
                    p,
                    f"{p.id}: footnote {ref.marker} is first referenced after footnote {seen[-1]}; number "
                    f"footnotes in order of first reference ({max(numbered) + 1} here).",
                )
            seen.append(ref.marker)
    for f in res.footnotes:
        if f.marker not in seen:
            yield Finding(
                "footnotes",
                "error",
                f"footnote {f.marker} is not referenced from any paragraph; add its marker where it "
                "belongs or delete the footnote.",
            )


# --- punctuation -----------------------------------------------------------------------

_MARKS = {
    "zh": {"comma": "，", "semicolon": "；", "stop": "。", "colon": "："},
    "ar": {"comma": "،", "semicolon": "؛", "stop": ".", "colon": ":"},
    "default": {"comma": ",", "semicolon": ";", "stop": ".", "colon": ":"},
}
_CLOSERS = "\"'”’»)）]」』"


def _end(text: str) -> str:
    """The last mark that counts: a status tag, delegations' attributed proposals after the
    paragraph, and closing quotes and brackets are looked past (`...the “Guidelines”;`,
    `[...as agreed;]` and `...refugees; [Delegation A: delete]` end with a semicolon;
    `...(A/78/53)` with no mark at all)."""
    text = STATUS_TAG.sub("", text).rstrip()
    text = without_attributions(text) or text
    while text and text[-1] in _CLOSERS:
        text = text[:-1].rstrip()
    return text[-1:] if text else ""


def punctuation(ctx: Context) -> Iterator[Finding]:
    """Preambular paragraphs end with a comma, operative ones with a semicolon (a colon
    before subparagraphs), the last with a full stop; Chinese with the full-width marks.
    Subparagraphs are left alone but for the last one (their endings vary: `;`, `; and`).
    The width of Chinese marks is not checked here: the reader writes them full-width
    whatever was typed, so a model never holds a half-width comma in Chinese."""
    res = ctx.res
    lang = res.meta.language
    marks = _MARKS.get(lang, _MARKS["default"])
    provisions = res.provisions
    parents = {p.parent_id for p in provisions if p.parent_id}
    # The reader reads a text that stops without a full stop as an excerpt (and says so):
    # in a draft, that is most often a full stop forgotten.
    guessed_excerpt = any(d.code == "excerpt" for d in res.warnings)
    for i, p in enumerate(provisions):
        last = i == len(provisions) - 1
        end = _end(p.text)
        if last:
            if guessed_excerpt and end != marks["stop"]:
                yield _at(
                    "punctuation",
                    "warning",
                    p,
                    f"{p.id}: the text ends with {end!r}, not a full stop, so it was read as an excerpt; "
                    f"if it is the whole text, end the last paragraph with {marks['stop']!r}.",
                )
                continue
            if res.meta.extent == "excerpt":
                continue
            want, name = [marks["stop"]], "a full stop"
        elif p.kind == "subparagraph":
            continue
        elif p.id in parents:
            want, name = (
                [marks["colon"], marks["comma"] if p.kind == "preamble" else marks["semicolon"]],
                "a colon",
            )
        elif p.kind == "preamble":
            want, name = [marks["comma"]], "a comma"
        else:
            want, name = [marks["semicolon"]], "a semicolon"
        if end in want:
            continue
        what = (
            "the last paragraph"
            if last
            else ("a preambular paragraph" if p.kind == "preamble" else "an operative paragraph")
        )
        shown = repr(end) if end else "nothing"
        yield _at(
            "punctuation",
            "warning",
            p,
            f"{p.id}: {what} ends with {shown}; end it with {name} {want[0]!r}.",
        )


# --- lead words ------------------------------------------------------------------------

# Words that may stand before an operative verb: `Also welcomes`, `Further requests`.
_EN_ADVERBS = {"Also", "Further", "Again", "Once", "Moreover", "Furthermore", "Finally", "Lastly", "Firmly"}


_PREAMBULAR_EXAMPLES = {
    "zh": "重申、回顾、注意到",
    "en": "Recalling, Noting, Deeply concerned",
    "fr": "Rappelant, Notant, Profondément préoccupée",
    "es": "Recordando, Observando, Profundamente preocupada",
}
_OPERATIVE_EXAMPLES = {
    "zh": "决定、请、吁请、鼓励、又欢迎",
    "en": "Decides, Requests, Calls upon, Also welcomes",
    "fr": "Décide, Prie, Demande, Se félicite, Prend note",
    "es": "Decide, Solicita, Exhorta, Toma nota, Acoge con beneplácito",
}


def _operative_verb_ok(text: str, lang: str) -> bool:
    if lang == "zh":
        return openers.opens_operative_zh(text)
    if lang in ("fr", "es"):
        return openers.preambular_form(text, lang) is None
    words = re.findall(r"[^\W\d_][\w’'-]*", text[:80])
    if lang != "en" or not words:
        return True
    i = 0
    while i < len(words) - 1 and (words[i] in _EN_ADVERBS or words[i].endswith("ly") or words[i] == "again"):
        i += 1
    verb = words[i]
    if i and verb[:1].islower():
        verb = verb[:1].upper() + verb[1:]
    return verb in OPERATIVE_LEAD_WORDS["en"] or (verb[:1].isupper() and verb.endswith("s") and len(verb) > 3)


_UNBRACKET = re.compile(r"[\[\]【】]")


def lead_word(ctx: Context) -> Iterator[Finding]:
    """Preambular paragraphs open with a participle or adjective (the reader's list of lead
    words, per language), operative ones with a verb in the present tense: in English
    `Decides`, `Also welcomes`; in Chinese one of engine.text's operative verbs (`决定`,
    `又请`, `再次强调`). French and Spanish operative paragraphs open with too many verb
    forms for the few texts seen (`Se félicite`, `S'inquiète`, `Prend note`, `Toma nota`,
    `Acoge con beneplácito`), so only what is certain is faulted there: a preambular form
    (`Rappelant`, `Reconociendo`, `Consciente`; openers.preambular_form). Operative
    paragraphs of other languages are not checked (no list of their verbs yet)."""
    lang = ctx.res.meta.language
    for p in ctx.res.provisions:
        if _cut(ctx.res, p):
            continue
        # A lead word still in square brackets (`[Welcoming]`, `[强烈]敦促`) is a lead word:
        # the brackets rule lists the passage.
        text = _UNBRACKET.sub("", p.text).lstrip()
        if p.kind == "preamble" and lang in ("en", "zh", "fr", "es", "ru"):
            if not openers.opens_preamble(text, lang):
                word = p.text[:4] if lang == "zh" else openers.first_word(p.text) or p.text[:12]
                example = _PREAMBULAR_EXAMPLES.get(lang, _PREAMBULAR_EXAMPLES["en"])
                yield _at(
                    "lead-word",
                    "warning",
                    p,
                    f"{p.id}: a preambular paragraph opens with {word!r}, not a lead word; open it with a "
                    f"participle or adjective ({example}), or number it if it is operative.",
                )
        elif p.kind == "operative" and not _operative_verb_ok(text, lang):
            word = p.text[:4] if lang == "zh" else openers.first_word(p.text)
            form = ", a preambular form (a participle or adjective)," if lang in ("fr", "es") else ","
            example = _OPERATIVE_EXAMPLES.get(lang, _OPERATIVE_EXAMPLES["en"])
            yield _at(
                "lead-word",
                "warning",
                p,
                f"{p.id}: an operative paragraph opens with {word!r}{form} not a verb "
                f"in the present tense; open it with one ({example}).",
            )


# --- references ------------------------------------------------------------------------

# Candidates: what looks like a document symbol of an adopted text or draft.
_SYMBOL_LIKE = re.compile(r"(?<![\w/.])(?:A|E|S)(?:/[A-Za-z0-9.\-*]+)*/(?:RES|DEC|L\.?)[/.\w\-*]*")
_RESOLUTION_NO = re.compile(r"\b[Rr]esolutions?\s+(\d[\w/\-]*(?:\s?/\s?\d+)?)")
_GOOD_NO = re.compile(r"^(?:(?:E?S-)?\d+/\d+|\d+)$")
_ZH_NO = re.compile(r"第\s*([^第号，。；、]{1,20}?)\s*号(?:决议|决定)")
_ZH_GOOD = re.compile(r"^(?:(?:E?S-)?\d+/\d+|\d+\s?[A-Z]?\s?[（(][IVXL]+[)）]|\d+)$")
_MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTHS = {month: i for i, month in enumerate(_MONTH_NAMES, 1)}
_EN_DATED = re.compile(r"\b[Rr]esolution\s+((?:E?S-)?\d+/\d+)\s+of\s+(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4})")
_ZH_DATED = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日(?:通过的)?第((?:E?S-)?\d+/\d+)号决议")


def references(ctx: Context) -> Iterator[Finding]:
    """Cited symbols are well formed (engine/symbols.py decides what is); a cited
    resolution stored in history/ is given the date it was adopted there."""
    for p in ctx.res.provisions:
        for m in _SYMBOL_LIKE.finditer(p.text):
            cited = m[0].rstrip(".,;:")
            try:
                parse_symbol(cited)
            except SymbolError:
                yield _at(
                    "references",
                    "error",
                    p,
                    f"{p.id}: {cited!r} is not a well-formed document symbol; write it as the UN does "
                    "(A/RES/68/160, A/HRC/RES/25/3, A/C.3/78/L.41).",
                )
        for m in _RESOLUTION_NO.finditer(p.text):
            cited = m[1].rstrip(".,;:")
            if "/" in cited and not _GOOD_NO.match(cited):
                yield _at(
                    "references",
                    "error",
                    p,
                    f"{p.id}: resolution number {cited!r} is not well formed; write session/number (68/160).",
                )
        for m in _ZH_NO.finditer(p.text):
            cited = m[1].strip()
            if not _ZH_GOOD.match(cited):
                yield _at(
                    "references",
                    "error",
                    p,
                    f"{p.id}: 决议编号 {cited!r} is not well formed; write 第68/160号决议.",
                )
        yield from _dates(ctx, p)


def _dates(ctx: Context, p: Provision) -> Iterator[Finding]:
    cited: list[tuple[str, str]] = []
    for m in _EN_DATED.finditer(p.text):
        month = _MONTHS.get(m[3])
        if month:
            cited.append((m[1], f"{m[4]}-{month:02d}-{int(m[2]):02d}"))
    for m in _ZH_DATED.finditer(p.text):
        cited.append((m[4], f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}"))
    for number, date in cited:
        stored = ctx.dates.get(number, [])
        if len(stored) != 1:  # not stored, or two organs share the number: cannot tell which
            continue
        symbol, known = stored[0]
        if known and not date.startswith(known) and not known.startswith(date):
            yield _at(
                "references",
                "error",
                p,
                f"{p.id}: resolution {number} is dated {date} here, but {symbol} in history/ was adopted "
                f"{known}; correct the date.",
            )


# --- brackets --------------------------------------------------------------------------

_PAIRS = [("[", "]"), ("【", "】"), ("“", "”"), ("(", ")"), ("《", "》"), ("（", "）")]


def _unagreed(where: str, passages: int, proposals: Sequence[tuple[str, str]]) -> str | None:
    """What is not agreed in a provision (or the title, the body line), said once."""
    if not passages and not proposals:
        return None
    said = [f"{passages} bracketed (not agreed) passage(s)"] if passages else []
    if proposals:
        who = ", ".join(dict.fromkeys(name for name, _ in proposals))
        said.append(f"{len(proposals)} delegation proposal(s) on it ({who})")
    fix = "agree or delete them" if not proposals else "settle them"
    return f"{where}: {' and '.join(said)}; {fix} before adoption."


def brackets(ctx: Context) -> Iterator[Finding]:
    """Unbalanced square brackets, parentheses or quotation marks are errors; bracketed
    (unagreed) passages and status tags are listed, one finding per provision, as
    warnings: a text that still holds them is not final. The title and the body line are
    read so too (a compilation text writes delegations' proposals on them after their
    words)."""
    for name, heading in (("title", ctx.res.meta.title), ("body line", ctx.res.body_line)):
        if heading and (said := _unagreed(name, bracketed_passages(heading), tuple(attributed(heading)))):
            yield _at("brackets", "warning", None, said)
    for p in ctx.res.provisions:
        if _cut(ctx.res, p):
            continue
        for left, right in _PAIRS:
            depth = 0
            for ch in p.text:
                depth += (ch == left) - (ch == right)
                if depth < 0:
                    break
            if depth:
                which = f"{right!r} without its {left!r}" if depth < 0 else f"{left!r} without its {right!r}"
                yield _at("brackets", "error", p, f"{p.id}: {which}; close or remove it.")
        straight = p.text.count('"')
        if straight % 2:
            yield _at("brackets", "error", p, f"{p.id}: an odd number of '\"'; close the quotation.")
        if (said := _unagreed(p.id, p.bracketed, p.proposals)) is not None:
            yield _at("brackets", "warning", p, said)
        if p.status:
            yield _at(
                "brackets",
                "warning",
                p,
                f"{p.id}: status tag ({p.status}) left in the text; remove it before adoption.",
            )


# --- reader ----------------------------------------------------------------------------

# Reader codes another rule already reports from the model.
_TAKEN = {
    "numbering-skipped",
    "numbering-repeated",
    "numbering-out-of-order",
    "numbering-missing",
    "subparagraph-order",
    "footnote-no-text",
    "footnote-unreferenced",
    "bracketed-text",
    "negotiation-label",
    "layout",
    "excerpt",
}


def reader(ctx: Context) -> Iterator[Finding]:
    """What the reader repaired or doubted (text glued, OCR spacing, an encoding guessed),
    at the reader's own severity; the rule's configured severity replaces it."""
    for d in ctx.res.warnings:
        if d.code in _TAKEN:
            continue
        owner = next((p for p in ctx.res.provisions if d.line is not None and p.line == d.line), None)
        found = Finding("reader", d.severity, f"{d.code}: {d.message}", line=d.line)
        if owner is not None:
            found = Finding("reader", d.severity, f"{d.code}: {d.message}", owner.id, owner.number, d.line)
        yield found


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule(
            "numbering", "error", "operative paragraphs 1..N, subparagraphs (a), (b)... in order", numbering
        ),
        Rule(
            "footnotes",
            "error",
            "every marker has a footnote, every footnote is referenced, in order",
            footnotes,
        ),
        Rule(
            "punctuation",
            "warning",
            "preambular ',', operative ';', the last '.' (full-width in Chinese)",
            punctuation,
        ),
        Rule(
            "lead-word", "warning", "preambular lead words, operative verbs in the present tense", lead_word
        ),
        Rule(
            "references",
            "error",
            "cited symbols well formed; stored resolutions with their dates",
            references,
        ),
        Rule(
            "brackets",
            "error",
            "balanced brackets and quotes; bracketed text and status tags listed",
            brackets,
        ),
        Rule("reader", "warning", "what the reader repaired or doubted", reader),
    )
}
