"""Renderers of lineage results: `blame` (one version's provisions) and the timeline of a
series, each in term, md and json (`resdiff.blame/1`, `resdiff.timeline/1`, documented in
schemas/*.schema.json). Registries as for diffs: a new format is a function and an entry.

The html timeline is a self-contained page (templates/timeline.html.j2). The term and md
timelines are grids: one row per lineage, one short code per cell (a legend
under the grid spells them out), the counts per transition at the foot.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..controls import escape_controls
from ..lineage.timeline import STATUSES, Cell, Row, Timeline
from . import jsonout
from .markdown import escape
from .templates import template

if TYPE_CHECKING:  # a timeline needs none of them (start-up is a cached run's whole cost)
    from ..lineage.blame import Blame
    from ..lineage.trail import Trail
    from ..lineage.whole import HistoryTimelines

BLAME_SCHEMA = "resdiff.blame/1"
TIMELINE_SCHEMA = "resdiff.timeline/1"
ACROSS_SCHEMA = "resdiff.timeline-across/1"
TIMELINES_SCHEMA = "resdiff.timelines/1"
ACROSS_NOTE = (
    "across languages: each cell compares a version with the one before it in its own language;",
    "rows of two languages are joined only through a version held in both, provision by",
    "provision in document order while id, kind and printed number agree (structure, not wording).",
)

CODES = {
    "present": "=",
    "reworded": "rew",
    "moved": "mov",
    "split": "spl",
    "merged": "mrg",
    "added": "add",
    "removed": "rem",
    "not in the excerpt": "exc",
}


class BlameReport:
    """What a blame renderer needs: the version, its language and the answers, and the
    versions before it that are not held in its language (a change made in one of them is
    dated to the next version held: said, never left out without a word)."""

    def __init__(
        self,
        series: str,
        symbol: str,
        language: str,
        provisions: list[Blame],
        not_in_language: tuple[str, ...] = (),
    ) -> None:
        self.series, self.symbol, self.language, self.provisions = series, symbol, language, provisions
        self.not_in_language = not_in_language


def _blame_entry(b: Blame) -> dict[str, Any]:
    """The keys every provision has, then `uncertain` and `if_not_same` only where its
    ancestry passes an uncertain step."""
    out: dict[str, Any] = {
        "id": b.id,
        "number": b.number,
        "origin": b.origin,
        "origin_exact": b.origin_exact,
        "changed_in": list(b.changed_in),
        "changed_in_exact": list(b.changed_in_exact),
        "original_share": b.original_share,
    }
    if b.uncertain:
        out["uncertain"] = [
            {
                "from": u.old_version,
                "old": list(u.old),
                "in": u.version,
                "new": list(u.new),
                "similarity": u.similarity,
            }
            for u in b.uncertain
        ]
    if b.if_not_same is not None:
        alt = b.if_not_same
        out["if_not_same"] = {
            "origin": alt.origin,
            "origin_exact": alt.origin_exact,
            "original_share": alt.original_share,
        }
    return out


def blame_dict(report: BlameReport) -> dict[str, Any]:
    return {
        "schema": BLAME_SCHEMA,
        "series": report.series,
        "version": report.symbol,
        "language": report.language,
        "not_in_language": list(report.not_in_language),
        "provisions": [_blame_entry(b) for b in report.provisions],
    }


def _lines(lines: list[str]) -> str:
    """Lines built from stored texts: control characters escaped, never raw."""
    return "".join(escape_controls(line) + "\n" for line in lines)


def _json(data: dict[str, Any]) -> str:
    return jsonout.dumps(data)


def _origin(b: Blame) -> str:
    origin = b.origin if b.origin_exact else f"<={b.origin}"
    return origin + ("?" if b.uncertain else "")


def _share(b: Blame) -> str:
    return f"{b.original_share:.0%}" + ("?" if b.uncertain else "")


def _doubt_lines(report: BlameReport) -> list[str]:
    """One line per provision whose answer rests on an uncertain step: the step, and the
    answer if the two texts are not the same clause."""
    out = []
    for b in report.provisions:
        if not b.uncertain or b.if_not_same is None:
            continue
        steps = "; ".join(
            f"{u.old_version} {'+'.join(u.old)} → {u.version} {'+'.join(u.new)} "
            f"(similarity {u.similarity:.2f})"
            for u in b.uncertain
        )
        alt = b.if_not_same
        origin = alt.origin if alt.origin_exact else f"<={alt.origin}"
        out.append(
            f"?{b.id}: rests on an uncertain pairing, {steps}; if they are different clauses: "
            f"origin {origin}, {alt.original_share:.0%} unchanged"
        )
    return out


UNCERTAIN_NOTE = (
    "?: the lineage passes a pairing made by position or wording at a similarity that two different "
    "provisions of one text also reach: origin and share hold only if those are the same clause"
)


def _changed(b: Blame) -> str:
    return ", ".join(
        s if exact else f"<={s}" for s, exact in zip(b.changed_in, b.changed_in_exact, strict=True)
    )


def _number(b: Blame) -> str:
    return f"{b.id} ({b.number})" if b.number else b.id


def _not_held(report: BlameReport) -> str:
    return (
        f"not held in {report.language}: {', '.join(report.not_in_language)} (a change made there is "
        f"dated to the next version held in {report.language}; an origin may be older)"
    )


def blame_term(report: BlameReport) -> str:
    lines = [f"blame of {report.symbol} ({report.language}), series {report.series}"]
    if report.not_in_language:
        lines.append(_not_held(report))
    rows = [(_number(b), _origin(b), _share(b), _changed(b) or "-") for b in report.provisions]
    widths = [
        max([len(h), *(len(r[k]) for r in rows)]) for k, h in enumerate(("provision", "origin", "orig"))
    ]
    lines.append(f"{'provision':<{widths[0]}}  {'origin':<{widths[1]}}  {'orig':>{widths[2]}}  changed in")
    for r in rows:
        lines.append(f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:>{widths[2]}}  {r[3]}")
    lines += [
        f"origin: where the lineage starts among the versions stored in {report.language}; "
        "orig: share of the text unchanged since then",
        f"<=X: X at the latest; a version before it (an excerpt that stopped short, or one not held in "
        f"{report.language}) may hold the clause or its change",
    ]
    doubts = _doubt_lines(report)
    if doubts:
        lines += [UNCERTAIN_NOTE, *doubts]
    return _lines(lines)


def blame_md(report: BlameReport) -> str:
    lines = [
        f"### Blame of {report.symbol} ({report.language})",
        "",
        *([_not_held(report), ""] if report.not_in_language else []),
        "| Provision | Origin | Unchanged since origin | Changed in |",
        "|---|---|---:|---|",
    ]
    for b in report.provisions:
        changed = _changed(b) or "–"
        lines.append(f"| {escape(_number(b))} | {escape(_origin(b))} | {_share(b)} | {escape(changed)} |")
    if any(not b.origin_exact for b in report.provisions):
        lines += [
            "",
            f"Origin `<=`: a version before it, an excerpt that stopped short or one not held in "
            f"{report.language}, may hold the clause, so it may be older.",
        ]
    if not all(all(b.changed_in_exact) for b in report.provisions):
        lines += [
            "",
            "Changed in `<=X`: first seen changed in X; a version before it hid the clause (an excerpt) or "
            f"is not held in {report.language}, so the change may be older.",
        ]
    doubts = _doubt_lines(report)
    if doubts:
        lines += ["", escape(UNCERTAIN_NOTE) + ".", "", *(f"- {escape(line)}" for line in doubts)]
    return _lines(lines)


def blame_json(report: BlameReport) -> str:
    return _json(blame_dict(report))


def timeline_dict(timeline: Timeline) -> dict[str, Any]:
    return {
        "schema": TIMELINE_SCHEMA,
        "series": timeline.series,
        "language": timeline.language,
        "versions": [
            {"symbol": s, "date": d, "extent": "excerpt" if e else "full"}
            for s, d, e in zip(timeline.symbols, timeline.dates, timeline.excerpts, strict=True)
        ],
        "not_in_language": list(timeline.skipped),
        "lineages": [
            {
                "label": row.label,
                "cells": [_cell_dict(c) for c in row.cells],
            }
            for row in timeline.rows
        ],
        "counts": timeline.counts(),
    }


def _cell_dict(c: Cell) -> dict[str, Any]:
    """A cell's keys; `uncertain` only where its step may join two different clauses."""
    out: dict[str, Any] = {"status": c.status, "ids": list(c.ids), "numbers": list(c.numbers)}
    if c.uncertain:
        out["uncertain"] = True
    return out


def _code(c: Cell) -> str:
    """A cell's code in the grid; `?` after it when its step is uncertain."""
    return (CODES[c.status] if c.status else "") + ("?" if c.uncertain else "")


UNCERTAIN_CELL = (
    "?: the step into the cell may join two different clauses (paired by position or wording at a "
    "similarity two different provisions of one text also reach); resdiff lineage names it"
)


def across_dict(timeline: Timeline) -> dict[str, Any]:
    """`resdiff.timeline-across/1`: the timeline of one language's form, with each
    version's language and the bridges that joined the languages."""
    one = timeline_dict(timeline)
    return {
        "schema": ACROSS_SCHEMA,
        "series": timeline.series,
        "languages": sorted(set(timeline.languages)),
        "versions": [
            {**v, "language": lang} for v, lang in zip(one["versions"], timeline.languages, strict=True)
        ],
        "without_text": list(timeline.skipped),
        "bridges": [
            {
                "symbol": b.symbol,
                "languages": list(b.languages),
                "paired": b.paired,
                "unpaired": list(b.unpaired),
                "stop": b.stop,
            }
            for b in timeline.bridges
        ],
        "lineages": one["lineages"],
        "counts": one["counts"],
    }


def timeline_json(timeline: Timeline) -> str:
    return _json(across_dict(timeline) if timeline.languages else timeline_dict(timeline))


def _bridges(timeline: Timeline, *, joined: bool = False) -> list[str]:
    """What joined the languages of a timeline across languages, and what did not."""
    out = [" ".join(ACROSS_NOTE)] if joined else list(ACROSS_NOTE)
    for b in timeline.bridges:
        a, z = b.languages
        stop = f"; stopped: {b.stop}" if b.stop else ""
        out.append(f"{b.symbol} joins {a} and {z}: {b.paired} provisions paired{stop}")
    bridged = {lang for b in timeline.bridges for lang in b.languages}
    alone = sorted(set(timeline.languages) - bridged)
    if alone:
        out.append(f"no version held in another language as well: {', '.join(alone)} (rows of their own)")
    if timeline.skipped:
        out.append(f"listed without text (no column): {', '.join(timeline.skipped)}")
    return out


def last_seen(row: Row) -> str:
    """`vN#id`: the row's provision in the last version that holds it, the reference
    `resdiff lineage` takes (with vN's symbol) to tell that clause's story."""
    for k in range(len(row.cells) - 1, -1, -1):
        if row.cells[k].ids:
            return f"v{k + 1}#{row.cells[k].ids[0]}"
    return ""


LAST_SEEN_NOTE = (
    "seen: the clause's id in the last version holding it; resdiff lineage SYMBOL#id (vN's symbol) "
    "tells its story"
)


def _grid(timeline: Timeline) -> list[str]:
    width = 4
    head = [f"v{k + 1}" for k in range(len(timeline.symbols))]
    refs = [last_seen(row) for row in timeline.rows]
    seen = max(map(len, refs), default=0)
    seen = max(seen, len("seen"))
    lines = [" ".join(f"{h:<{width}}" for h in head) + f" {'seen':<{seen}} lineage"]
    for row, ref in zip(timeline.rows, refs, strict=True):
        cells = [_code(c) for c in row.cells]
        lines.append(" ".join(f"{c:<{width}}" for c in cells) + f" {ref:<{seen}} " + row.label)
    counts = timeline.counts()
    for status in STATUSES:
        values = [str(c[status]) if c[status] else "" for c in counts]
        if any(values):
            lines.append(" ".join(f"{v:<{width}}" for v in values) + f" {'':<{seen}} ({status})")
    return lines


def _versions(timeline: Timeline) -> list[str]:
    out = []
    for k, (s, d, e) in enumerate(zip(timeline.symbols, timeline.dates, timeline.excerpts, strict=True)):
        lang = f" [{timeline.languages[k]}]" if timeline.languages else ""
        out.append(f"v{k + 1} = {s}{lang} ({d or 'undated'}{', excerpt' if e else ''})")
    return out


def _title(timeline: Timeline) -> str:
    if timeline.languages:
        return f"{timeline.series} across languages ({timeline.language})"
    return f"{timeline.series} ({timeline.language})"


def _legend() -> str:
    return "cells: " + ", ".join(f"{code} {status}" for status, code in CODES.items())


def timeline_term(timeline: Timeline) -> str:
    lines = [f"timeline of {_title(timeline)}: {len(timeline.rows)} lineages"]
    lines += _versions(timeline)
    if timeline.languages:
        lines += _bridges(timeline)
    elif timeline.skipped:
        lines.append(f"not held in {timeline.language} (no column): {', '.join(timeline.skipped)}")
    lines.append("")
    lines += [line.rstrip() for line in _grid(timeline)]
    lines += [
        "",
        _legend(),
        "counts at the foot: cells of each status per version (the step into it)",
        LAST_SEEN_NOTE,
        *([UNCERTAIN_CELL] if _any_uncertain(timeline) else []),
    ]
    return _lines(lines)


def timeline_md(timeline: Timeline) -> str:
    lines = [f"### Timeline of {_title(timeline)}", ""]
    lines += [f"- {v}" for v in _versions(timeline)]
    if timeline.languages:
        lines += [f"- {note}" for note in _bridges(timeline, joined=True)]
    elif timeline.skipped:
        lines.append(f"- not held in {timeline.language}: {', '.join(timeline.skipped)}")
    lines.append("")
    head = [f"v{k + 1}" for k in range(len(timeline.symbols))]
    lines.append("| " + " | ".join(head) + " | Seen | Lineage |")
    lines.append("|" + "---|" * (len(head) + 2))
    for row in timeline.rows:
        cells = [_code(c) for c in row.cells]
        ref = last_seen(row)
        lines.append("| " + " | ".join(cells) + f" | {escape(ref)} | " + escape(row.label) + " |")
    counts = timeline.counts()
    for status in STATUSES:
        values = [str(c[status]) if c[status] else "" for c in counts]
        if any(values):
            lines.append("| " + " | ".join(values) + f" | | **{status}** |")
    lines += ["", _legend(), "", LAST_SEEN_NOTE]
    if _any_uncertain(timeline):
        lines += ["", escape(UNCERTAIN_CELL)]
    return _lines(lines)


def _any_uncertain(timeline: Timeline) -> bool:
    return any(c.uncertain for row in timeline.rows for c in row.cells)


def _html_section(timeline: Timeline, heading: str | None) -> dict[str, Any]:
    """What the page template shows of one timeline (`heading`: its h2 on a page of several)."""
    versions = [
        {
            "label": f"{s}{f' [{timeline.languages[k]}]' if timeline.languages else ''} ({d or 'undated'})",
            "title": f"v{k + 1}{', excerpt' if e else ''}",
            "excerpt": e,
        }
        for k, (s, d, e) in enumerate(zip(timeline.symbols, timeline.dates, timeline.excerpts, strict=True))
    ]
    rows = []
    for row in timeline.rows:
        cells = []
        for c in row.cells:
            where = ", ".join(f"{i} ({n})" if n else i for i, n in zip(c.ids, c.numbers, strict=True))
            css = "excerpt" if c.status == "not in the excerpt" else (c.status or "")
            title = f"{c.status}: {where}" if c.status and where else c.status or ""
            if c.uncertain:
                title += " (uncertain: perhaps another clause)"
            cells.append({"code": _code(c), "css": css, "title": title})
        rows.append({"cells": cells, "label": row.label, "seen": last_seen(row)})
    counts = timeline.counts()
    foot = [
        {"status": status, "numbers": [c[status] or "" for c in counts]}
        for status in STATUSES
        if any(c[status] for c in counts)
    ]
    return {
        "heading": heading,
        "lang": timeline.language,
        "skipped": [] if timeline.languages else list(timeline.skipped),
        "across": _bridges(timeline, joined=True) if timeline.languages else [],
        "versions": versions,
        "rows": rows,
        "counts": foot,
    }


def timeline_html(timeline: Timeline) -> str:
    """A self-contained page (inline CSS, no script, nothing fetched), every stored text
    escaped by the template engine (autoescape), as the HTML diff report is."""
    return str(
        template("timeline.html.j2").render(
            lang=timeline.language,
            title=f"Timeline of {_title(timeline)}",
            notes=[],
            sections=[_html_section(timeline, None)],
            legend=_legend() + (f"; {UNCERTAIN_CELL}" if _any_uncertain(timeline) else ""),
            seen_note=LAST_SEEN_NOTE,
        )
    )


def _whole_title(whole: HistoryTimelines) -> str:
    if whole.across:
        scope = "each series across its languages"
    elif whole.language:
        scope = f"in {whole.language}"
    else:
        scope = "each series in every language it holds"
    return f"the whole history, {scope}"


def _whole_notes(whole: HistoryTimelines) -> list[str]:
    """How many timelines of how many series, and which series are left out and why: a
    series missing from the report is said, never dropped unseen."""
    series = len({t.series for t in whole.timelines})
    n = len(whole.timelines)
    notes = [f"{n} timeline{'' if n == 1 else 's'} of {series} series"]
    if whole.without:
        why = f"no text in {whole.language}" if whole.language else "no text yet"
        notes.append(f"left out ({why}): {', '.join(whole.without)}")
    return notes


def timelines_dict(whole: HistoryTimelines) -> dict[str, Any]:
    return {
        "schema": TIMELINES_SCHEMA,
        "language": whole.language,
        "across_languages": whole.across,
        "left_out": list(whole.without),
        "timelines": [across_dict(t) if t.languages else timeline_dict(t) for t in whole.timelines],
    }


def timelines_json(whole: HistoryTimelines) -> str:
    return _json(timelines_dict(whole))


def timelines_term(whole: HistoryTimelines) -> str:
    head = _lines([f"timelines of {_whole_title(whole)}: " + "; ".join(_whole_notes(whole))])
    return head + "".join("\n" + timeline_term(t) for t in whole.timelines)


def timelines_md(whole: HistoryTimelines) -> str:
    lines = [f"## Timelines of {_whole_title(whole)}", ""]
    lines += [f"- {note}" for note in _whole_notes(whole)]
    return _lines(lines) + "".join("\n" + timeline_md(t) for t in whole.timelines)


def timelines_html(whole: HistoryTimelines) -> str:
    """One self-contained page, a section per timeline (each in its own language, so a
    Chinese series is set in a CJK font on an English page)."""
    return str(
        template("timeline.html.j2").render(
            lang=whole.language or "en",
            title=f"Timelines of {_whole_title(whole)}",
            notes=[
                *_whole_notes(whole),
                "One row per lineage (a clause followed across versions; a split branches it, a merge "
                "joins it), one column per version held in the timeline's language.",
            ],
            sections=[_html_section(t, f"Timeline of {_title(t)}") for t in whole.timelines],
            legend=_legend()
            + (f"; {UNCERTAIN_CELL}" if any(_any_uncertain(t) for t in whole.timelines) else ""),
            seen_note=LAST_SEEN_NOTE,
        )
    )


BLAME_RENDERERS: dict[str, Callable[[BlameReport], str]] = {
    "term": blame_term,
    "md": blame_md,
    "json": blame_json,
}
TIMELINE_RENDERERS: dict[str, Callable[[Timeline], str]] = {
    "term": timeline_term,
    "md": timeline_md,
    "json": timeline_json,
    "html": timeline_html,
}
TIMELINES_RENDERERS: dict[str, Callable[[HistoryTimelines], str]] = {
    "term": timelines_term,
    "md": timelines_md,
    "json": timelines_json,
    "html": timelines_html,
}


def _ops_text(ops: tuple[tuple[str, str], ...]) -> str:
    from .diff_labels import inline, visible_ops  # the diff's labels: not needed for blame or timelines

    marks = {"delete": ("[-", "-]"), "insert": ("{+", "+}")}

    def edit(op: str, text: str) -> str:
        start, end = marks[op]
        return "\n".join(f"{start}{line}{end}" if line else line for line in text.split("\n"))

    # No space between `[-a-]` and `{+b+}`: the brackets part them, as in `resdiff diff`'s
    # text, and a space there read as one in the text.
    return inline(visible_ops(list(ops), False), lambda text: text, edit, "")  # type: ignore[arg-type]


def trail_text(trail: Trail) -> str:
    """Version by version: symbol, status, ids; then the word diff of the step into it
    ([-deleted-]{+inserted+}), or the text where the lineage starts."""
    lines = [f"lineage of {trail.symbol}#{trail.id} ({trail.language}), series {trail.series}"]
    if trail.not_held_before:
        before = ", ".join(trail.not_held_before)
        lines.append(f"before it, not held in {trail.language} (the clause may be older): {before}")
    for k, s in enumerate(trail.sightings):
        if not s.held:
            if k and not trail.sightings[k - 1].held:
                continue  # a run of versions not held is one line
            run = []
            for t in trail.sightings[k:]:
                if t.held:
                    break
                run.append(f"{t.symbol} ({t.date or 'undated'})")
            lines += ["", f"not held in {trail.language}: {', '.join(run)}"]
            continue
        where = ", ".join(f"{i} ({n})" if n else i for i, n in zip(s.ids, s.numbers, strict=True))
        status = s.status or "absent"
        lines += ["", f"{s.symbol} ({s.date or 'undated'}): {status}" + (f"  {where}" if where else "")]
        for symbol, old, new, similarity in s.uncertain:
            lines.append(
                f"  uncertain: {'+'.join(new)} paired with {symbol} {'+'.join(old)} at similarity "
                f"{similarity:.2f}, which two different provisions of one text also reach: perhaps "
                "another clause"
            )
        if not s.ids:
            continue
        for body in map(_ops_text, s.bodies):
            lines += [f"  {line}" for line in body.split("\n")]
    return _lines(lines)
