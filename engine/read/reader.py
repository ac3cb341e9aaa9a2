"""The reading pipeline: text -> Resolution, one stage per module.

decode -> lines -> Markdown marks and `# key: value` lines -> language -> OCR repair -> furniture
-> footnote bodies -> structure -> tidying (the stored form) and footnote markers -> metadata.
Each stage marks or rewrites lines but keeps their numbers, so every provision knows the line
it starts on.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from ..controls import escape_controls
from ..diagnostics import Diagnostic, diag
from ..errors import InputError
from ..languages import LANGUAGES
from ..lazyre import lazy
from ..model import (
    Extent,
    Footnote,
    FootnoteRef,
    Kind,
    Metadata,
    Provision,
    Resolution,
    renumber,
)
from ..symbols import SymbolError, parse_symbol
from . import footnotes, furniture, markdown, metadata, ocr, structure
from .language import detect_language, language_conflict
from .lines import Line
from .tidy import clean_line, join_lines, tidy_text

_PLACEHOLDER = {0: "{part}0", 1: "{part}0.a", 2: "{part}0.a.i"}
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUPERSCRIPT_RE = lazy("[⁰¹²³⁴⁵⁶⁷⁸⁹]")
_FINAL_STOP = lazy(r"[.。][”’\"')）\]»]*$")


def read_text(
    text: str,
    *,
    lang: str = "auto",
    source: str | None = None,
    markers: bool = True,
    diagnostics: Sequence[Diagnostic] = (),
) -> Resolution:
    """Read a decoded text; `diagnostics` (from decoding) lead the warnings.

    `markers=False` reads no footnotes from the text (no bodies, no markers): for a caller
    that knows them exactly (a Word file) and puts them back itself, so that no number in
    the wording is ever taken for a marker.
    """
    lines = [Line(i, clean_line(t)) for i, t in enumerate(text.split("\n"), start=1)]
    if markers and not text.isascii() and _SUPERSCRIPT_RE.search(text):
        # Pasted from Word or a web page, footnote markers and bodies are superscript digits
        # (`书面材料；¹`, `¹ A/HRC/24/56。`): read as the digits a PDF extraction gives, so
        # the marker reader takes them (they were left in the text, the bodies a paragraph).
        for line in lines:
            line.text = line.text.translate(_SUPERSCRIPTS)
    marked = markdown.take_marks(lines)
    lang = _declared_language(text, lang, marked, source)
    if lang == "auto":
        lang = detect_language(text)
    elif lang not in LANGUAGES:
        raise InputError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}", path=source)
    else:
        # A wrong --lang reads a Chinese preamble as the title, or drops an English text's
        # preamble, and then diffs as "unchanged": refuse it, saying what the text looks like.
        conflict = language_conflict(text, lang)
        if conflict:
            raise InputError(conflict, path=source)
    warnings: list[Diagnostic] = list(diagnostics) + marked.warnings
    declared_symbol = _declared_symbol(marked, warnings)

    if lang == "en":
        repaired, ocr_warnings = ocr.repair_spacing([line.text for line in lines])
        for line, new in zip(lines, repaired, strict=True):
            line.text = new
        warnings += ocr_warnings

    lines, symbols = furniture.split_furniture(lines)
    lines, bodies = footnotes.take_bodies(lines, lang) if markers else (lines, [])
    seg = structure.segment(lines, lang)
    warnings += seg.warnings
    if not seg.units:
        raise InputError("no paragraph found: this does not look like a resolution", path=source)

    vocabulary = frozenset(re.findall(r"[\w-]+", text.lower()))
    text_lines = tuple(sorted(line.no for line in lines if line.kind == "text"))
    places = {b.marker: b.line for b in bodies}
    texts = [tidy_text(join_lines(unit.pieces, vocabulary), lang) for unit in seg.units]
    first = _first_marker(seg.units, texts, places, text_lines) if markers and not seg.body_line else 1
    unplaced = _unplaced(seg.units, texts, places, text_lines, first, text) if markers else frozenset()
    reader = footnotes.MarkerReader(bodies=places, text_lines=text_lines, first=first, unplaced=unplaced)
    alone = _numbers_alone(lines) if markers and lang != "zh" else []
    provisions = []
    for unit, joined in zip(seg.units, texts, strict=True):
        doubted = len(reader.doubts)
        clean, refs = _strip(
            *(reader.extract(joined, unit.last_line or unit.line) if markers else (joined, ()))
        )
        for doubt in reader.doubts[doubted:]:
            warnings.append(_doubtful_marker(doubt, unit, lines, bool(bodies)))
        warnings += _numbers_left(alone, unit, refs, bool(bodies))
        pid = _PLACEHOLDER[unit.depth].format(part=unit.part)
        kind: Kind = "subparagraph" if unit.depth else ("preamble" if unit.part == "pp" else "operative")
        provisions.append(
            Provision(id=pid, kind=kind, text=clean,
                      number=unit.number, footnotes=refs, line=unit.line)
        )  # fmt: skip

    if seg.units[-1].part == "op":
        warnings += _past_the_end(seg.units[-1], lines)
    notes = _footnotes(bodies, lang, warnings)
    referenced = {ref.marker for p in provisions for ref in p.footnotes}
    for marker in sorted(referenced - {f.marker for f in notes}, key=_marker_key):
        warnings.append(diag("footnote-no-text", f"footnote marker {marker} has no footnote text"))
    for note in notes:
        if note.marker not in referenced:
            warnings.append(
                diag("footnote-unreferenced", f"footnote {note.marker} is not referenced from any paragraph")
            )

    # A resolution ends with the full stop of its last operative paragraph; a text that
    # stops anywhere else (a preambular comma, an operative semicolon, a chapeau's colon,
    # mid-word) is an excerpt. On the 50 corpus texts this agrees with the manifest on all.
    last = provisions[-1].text
    extent: Extent = "full" if _FINAL_STOP.search(last) else "excerpt"
    if extent == "excerpt":
        ended = last and last[-1] in ".。;；,，:：”’)）]»"
        where = "before a final full stop" if ended else "mid-sentence"
        said = f"the text stops {where} ({last[-30:]!r})"
        if not last:
            # `3. 表示关注： (a) ` and the end: an empty provision, not an empty quote
            number = provisions[-1].number
            said = f"the text stops after the number of its last provision ({number!r}), which has no text"
        warnings.append(diag("excerpt", f"read as an excerpt: {said}", provisions[-1].line))

    facts = metadata.read_metadata(seg.header, seg.trailer, symbols, seg.body_code, lang, declared_symbol)
    if "title" in marked.declared:
        facts.title = tidy_text(marked.declared["title"][0], lang) or None
    meta = Metadata(
        language=lang,
        symbol=facts.symbol,
        body=facts.body,
        session=facts.session,
        number=facts.number,
        title=facts.title,
        agenda_item=facts.agenda_item,
        adopted=facts.adopted,
        meeting=facts.meeting,
        vote=facts.vote,
        extent=extent,
        source=escape_controls(source) if source else source,  # a file name may hold an escape
    )
    body_line = tidy_text(seg.body_line.text, lang) if seg.body_line else None
    return Resolution(
        meta=meta,
        provisions=renumber(provisions),
        footnotes=tuple(notes),
        body_line=body_line,
        warnings=tuple(warnings),
    )


def _declared_language(text: str, lang: str, marked: markdown.Marked, source: str | None) -> str:
    """The language a `# language: xx` line declares, checked against the text and --lang:
    a declaration the text contradicts is refused, as a wrong --lang is."""
    if "language" not in marked.declared:
        return lang
    declared, no = marked.declared["language"]
    if declared not in LANGUAGES:
        marked.warnings.append(
            diag(
                "metadata-line",
                f"'# language: {declared}' is not a language the reader knows "
                f"({', '.join(LANGUAGES)}): ignored",
                no,
            )
        )
        return lang
    if lang != "auto" and lang != declared:
        # (the text itself contradicting --lang says more than the declaration does)
        said = (
            language_conflict(text, lang)
            or f"line {no} declares language {declared!r}, but --lang {lang} was given"
        )
        raise InputError(said, path=source)
    conflict = language_conflict(text, declared)
    if conflict:
        raise InputError(f"line {no} declares language {declared!r}: {conflict}", path=source)
    return declared


def _declared_symbol(marked: markdown.Marked, warnings: list[Diagnostic]) -> str | None:
    """The symbol a `# symbol: ...` line declares, in its canonical form; one that is not a
    UN symbol is said and ignored (the text's own header may still print one)."""
    if "symbol" not in marked.declared:
        return None
    value, no = marked.declared["symbol"]
    try:
        return str(parse_symbol(value))
    except SymbolError as e:
        warnings.append(diag("metadata-line", f"'# symbol: {value}' is not a UN symbol ({e}): ignored", no))
        return None


def _first_marker(
    units: list[structure.Unit], texts: list[str], bodies: dict[str, int], text_lines: tuple[int, ...]
) -> int:
    """The number a text's footnote markers start from: 1, unless the text starts mid-document
    (no body line: a page 2 of a paginated view cites footnotes 3 and 4) and a trial reading
    that lets the first marker set the sequence finds it confirmed by the next one (3, then 4).
    Waiting for 1 left both in the text; a lone out-of-sequence number (`资料，2其中` in a copy
    that lost marker 1) is no evidence, and stays in the text, said."""
    trial = footnotes.MarkerReader(bodies=bodies, text_lines=text_lines, start_unknown=True)
    taken: list[int] = []
    for unit, text in zip(units, texts, strict=True):
        taken += [int(ref.marker) for ref in trial.extract(text, unit.last_line or unit.line)[1]]
        if len(taken) >= 2:
            break
    return taken[0] if len(taken) >= 2 and taken[0] > 1 and taken[1] == taken[0] + 1 else 1


_ACRONYM_NUMBER = lazy(r"(?<!\w)[A-Z]{1,3}\d")


def _unplaced(
    units: list[structure.Unit],
    texts: list[str],
    bodies: dict[str, int],
    text_lines: tuple[int, ...],
    first: int,
    text: str,
) -> frozenset[int]:
    """Markers with a footnote text that a trial reading, which keeps every number glued to
    an acronym in the text, finds nowhere: the evidence that `ILO2` holds marker 2 rather than
    being a name like `CO2` (see `MarkerReader._acronym`). Read only when the text has both
    footnote texts and a digit after capitals."""
    if not bodies or not _ACRONYM_NUMBER.search(text):
        return frozenset()
    trial = footnotes.MarkerReader(bodies=bodies, text_lines=text_lines, first=first)
    for unit, joined in zip(units, texts, strict=True):
        trial.extract(joined, unit.last_line or unit.line)
    return frozenset(int(m) for m in bodies if m.isdigit()) - trial.seen


def _past_the_end(unit: structure.Unit, lines: list[Line]) -> list[Diagnostic]:
    """The last operative paragraph ends the resolution with its full stop; a line after
    one that ends so was joined to it (extracted text has no other rule): an annex, a
    signature, a note pasted after the text, or the paragraph's own next sentence. Which,
    only the reader can tell, so it is said (`Decides to remain seized of the matter.
    Annex List of the States ...` was a paragraph, silently)."""
    pieces = [p.strip() for p in unit.pieces if p.strip()]
    cut = next((i for i, p in enumerate(pieces[:-1]) if _FINAL_STOP.search(p)), None)
    if cut is None:
        return []
    after = pieces[cut + 1]
    end = unit.last_line or unit.line
    line = next(
        (x.no for x in lines if unit.line < x.no <= end and x.kind == "text" and after[:20] in x.text),
        unit.line,
    )
    return [
        diag(
            "after-final-stop",
            f"the last operative paragraph goes on after a full stop ({pieces[cut][-25:]!r} then "
            f"{after[:25]!r}): text after the resolution's end (an annex, a note) was joined to it, "
            "unless the paragraph has more sentences",
            line,
        )
    ]


_NUMBER_ALONE = lazy(r"^\s*(\d{1,2})\s*$")


def _numbers_alone(lines: list[Line]) -> list[tuple[int, int]]:
    """(line, number) of each text line that is a number alone, after a line that does not
    count it (`Article` / `2` is article 2): inside a paragraph of a language written with
    spaces, a marker or a page number the extraction put on a line of its own, which stays
    in the text as `Action 2 and` when it is not the marker expected. (Chinese joins it to
    the characters around it, `资料2其中`, where the marker reader sees it glued.)"""
    out = []
    before = ""
    for line in lines:
        if line.kind != "text":
            continue
        m = _NUMBER_ALONE.match(line.text)
        if m and before:
            word = re.search(r"[^\W\d_]+\W*$", before)
            if word is None or re.sub(r"\W", "", word[0]).lower() not in footnotes.COUNTED:
                out.append((line.no, int(m[1])))
        before = line.text
    return out


def _numbers_left(
    alone: list[tuple[int, int]], unit: structure.Unit, refs: tuple[FootnoteRef, ...], bodies: bool
) -> list[Diagnostic]:
    """A warning for each number alone on a line inside the unit (not its first line) that
    the marker reader left in the text."""
    taken = {ref.marker for ref in refs}
    end = unit.last_line or unit.line
    inside = alone[bisect_right(alone, (unit.line, 10**3)) : bisect_right(alone, (end, 10**3))]
    missing = "no footnote text is in the input"
    return [
        diag(
            "footnote-marker-doubtful",
            f"{n} stands alone on a line inside a paragraph, as an extracted footnote marker or page "
            "number does, but it is not the next marker in sequence and "
            + (f"no footnote {n} is on its page" if bodies else missing)
            + ": kept in the text",
            no,
        )
        for no, n in inside
        if str(n) not in taken
    ]


def _doubtful_marker(
    doubt: footnotes.Doubt, unit: structure.Unit, lines: list[Line], bodies: bool
) -> Diagnostic:
    """The warning for a number left in the text that may be a marker, on the source line
    that holds it (PDF text may put spaces around it: `资料，2 其中`)."""
    glued = re.compile(re.escape(doubt.glued[0]) + r"\s*" + re.escape(doubt.glued[1:]) + r"(?!\d)")
    last = unit.last_line or unit.line
    alone = re.compile(r"^\s*" + re.escape(doubt.glued[1:]) + r"(?!\d)")  # `资料` / `2` / `其中`
    inside = [line for line in lines if unit.line <= line.no <= last]
    where = next(
        (line.no for line in inside if glued.search(line.text)),
        next((line.no for line in inside if alone.match(line.text)), unit.line),
    )
    missing = f"no footnote {doubt.number} is on its page" if bodies else "no footnote text is in the input"
    if doubt.taken:
        return diag(
            "footnote-marker-doubtful",
            f"{doubt.number} in {doubt.context!r} {doubt.how}, but it is the marker expected, footnote "
            f"{doubt.number} is on its page and no other marker {doubt.number} is in the text: taken as "
            f"footnote marker {doubt.number}",
            where,
        )
    if doubt.name:
        return diag(
            "footnote-marker-doubtful",
            f"{doubt.number} in {doubt.context!r} {doubt.how}, and it is the marker expected, but "
            f"{missing}: kept in the text (a name's number, or a marker whose footnote text is missing)",
            where,
        )
    return diag(
        "footnote-marker-doubtful",
        f"{doubt.number} in {doubt.context!r} {doubt.how}, but the marker "
        f"expected is {doubt.expected} and {missing}: kept in the text",
        where,
    )


def _strip(text: str, refs: tuple[FootnoteRef, ...]) -> tuple[str, tuple[FootnoteRef, ...]]:
    """Strip the text; a marker taken from either end keeps its place at that end."""
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    return text, tuple(FootnoteRef(r.marker, min(max(r.offset - lead, 0), len(text))) for r in refs)


def _footnotes(bodies: list[footnotes.Body], lang: str, warnings: list[Diagnostic]) -> list[Footnote]:
    notes: dict[str, Footnote] = {}
    for body in bodies:
        if body.marker in notes:
            warnings.append(
                diag("footnote-duplicate", f"second text for footnote {body.marker} ignored", body.line)
            )
            continue
        notes[body.marker] = Footnote(body.marker, tidy_text(body.text, lang))
    return sorted(notes.values(), key=lambda f: _marker_key(f.marker))


def _marker_key(marker: str) -> tuple[int, str]:
    return (int(marker), "") if marker.isdigit() else (10**6, marker)
