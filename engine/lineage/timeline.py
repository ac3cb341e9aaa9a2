"""The timeline of a series: one row per lineage, one column per version, a status per cell.

A cell says what became of the lineage in that version, against the version before:

    present            there, wording unchanged (renumbering is not a change)
    reworded           there, wording changed
    moved              there, wording unchanged, changed place
    split              one provision became several
    merged             several became one
    added              first there (or back after a gap)
    removed            gone: the version before had it
    not in the excerpt this version is an excerpt that stops before it (never "removed")
    (empty)            not there, and not just gone

A cell whose step into it is uncertain (`graph.Link.uncertain`: the two texts may be two
different clauses) is marked so (`Cell.uncertain`); renderers add `?` to its code.

The first column is `present` for everything (what came before is not stored). A split
wins over a merge, a merge over an addition (a provision new in a cell beside one that goes
on), an addition over a rewording, a rewording over a move. A lineage still going
when an excerpt stops is `not in the excerpt` in each excerpt until it is seen again; a
lineage the excerpt hid and that nothing takes up afterwards is `removed` in the next full
version.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .stages import prepare

if TYPE_CHECKING:
    from ..store.history import History
    from .cache import PairCache
    from .graph import Lineage, SeriesLineage

STATUSES = (
    "present",
    "reworded",
    "moved",
    "split",
    "merged",
    "added",
    "removed",
    "not in the excerpt",
)
_RANK = {"split": 5, "merged": 4, "added": 3, "reworded": 2, "moved": 1}
TIMELINE_FORMAT = "resdiff.timeline-cache/2"


@dataclass(frozen=True)
class Cell:
    """One lineage in one version: what happened to it there (None: not there), and the
    ids and printed numbers it had."""

    status: str | None
    ids: tuple[str, ...]
    numbers: tuple[str, ...]
    uncertain: bool = False
    """A link into this cell may join two different clauses (`graph.Link.uncertain`)."""


@dataclass(frozen=True)
class Row:
    """One lineage across the versions: a cell per version."""

    cells: tuple[Cell, ...]
    label: str
    """The first words of the lineage's latest text, to recognise it by."""


@dataclass(frozen=True)
class Bridge:
    """A version held in two languages, and how far its two texts were paired by
    structure (`across`): only a timeline across languages has bridges."""

    symbol: str
    languages: tuple[str, str]
    paired: int
    """Provisions paired (the same count in both texts)."""
    unpaired: tuple[int, int]
    """Provisions of each text left unpaired."""
    stop: str | None
    """Why pairing stopped before the end of both texts (None: both were paired whole)."""


@dataclass(frozen=True)
class Timeline:
    """A series version by version: a row per lineage, a column per version held (in one
    language, or across languages with `languages` and `bridges`)."""

    series: str
    language: str
    symbols: tuple[str, ...]
    dates: tuple[str | None, ...]
    excerpts: tuple[bool, ...]
    skipped: tuple[str, ...]
    """One language: the versions not held in it. Across languages: those held in none."""
    rows: tuple[Row, ...]
    languages: tuple[str, ...] = ()
    """Across languages only (`across`): each column's language; empty for one language."""
    bridges: tuple[Bridge, ...] = ()

    def counts(self) -> list[dict[str, int]]:
        """Per column (the transition into that version), how many cells of each status."""
        out = []
        for k in range(len(self.symbols)):
            counts = dict.fromkeys(STATUSES, 0)
            for row in self.rows:
                status = row.cells[k].status
                if status is not None:
                    counts[status] += 1
            out.append(counts)
        return out


def _status(lineage: SeriesLineage, rows: Lineage, v: int, previous: str | None) -> str | None:
    ids = rows.ids_in(v)
    if ids:
        if v == 0:
            return "present"
        links = [lineage.incoming[(v, pid)] for pid in ids if (v, pid) in lineage.incoming]
        if not links:
            return "present" if any((v, pid) in lineage.beyond_excerpt for pid in ids) else "added"
        if previous in (None, "removed") and any(link.gap for link in links):
            return "added"  # back after a gap (what an excerpt hid was never gone)
        kinds = [
            link.kind if link.kind != "unchanged" else ("moved" if link.moved else "present")
            for link in links
        ]
        if any((v, pid) not in lineage.incoming and (v, pid) not in lineage.beyond_excerpt for pid in ids):
            # A provision new in this version beside one that goes on (a clause added here
            # that a later version merges with another): the cell says a paragraph is new
            # this year, not `present`, and the foot counts it.
            kinds.append("added")
        return max(kinds, key=lambda s: _RANK.get(s, 0))
    if previous is None or previous == "removed":
        return None
    before = rows.ids_in(v - 1)
    hidden = before and all((v - 1, pid) in lineage.unseen for pid in before)
    if lineage.stages[v].excerpt and (hidden or previous == "not in the excerpt"):
        return "not in the excerpt"
    return "removed"  # and empty after it, until the clause returns (a gap) if it does


def row_cells(lineage: SeriesLineage, row: Lineage) -> tuple[Cell, ...]:
    """The cells of one row: a timeline's (a whole component), or one clause's own ancestry
    and descendants (`trail`)."""
    cells: list[Cell] = []
    previous: str | None = None
    for v, stage in enumerate(lineage.stages):
        status = _status(lineage, row, v, previous)
        if status is None and any((v + 1, pid) in lineage.beyond_excerpt for pid in row.ids_in(v + 1)):
            status = "not in the excerpt"
        ids = tuple(row.ids_in(v))
        numbers = tuple(stage.by_id[pid].number for pid in ids)
        uncertain = any(link.uncertain for pid in ids if (link := lineage.incoming.get((v, pid))) is not None)
        cells.append(Cell(status, ids, numbers, uncertain))
        previous = status
    return tuple(cells)


def timeline(lineage: SeriesLineage) -> Timeline:
    rows = []
    for row in lineage.lineages:
        cells = row_cells(lineage, row)
        last = max(v for v, _ in row.nodes)
        node = next(n for n in row.nodes if n[0] == last)
        number = lineage.stages[node[0]].by_id[node[1]].number
        # A provision with no text (an excerpt that stops right after `(a)`) is named by its
        # id: an empty label is a row no one can tell.
        rows.append(
            Row(cells, label(lineage.text(node)) or f"({node[1]}{f' ({number})' if number else ''}: no text)")
        )
    return Timeline(
        series=lineage.series,
        language=lineage.language,
        symbols=tuple(s.symbol for s in lineage.stages),
        dates=tuple(s.date for s in lineage.stages),
        excerpts=tuple(s.excerpt for s in lineage.stages),
        skipped=tuple(lineage.skipped),
        rows=tuple(rows),
    )


def columns(ch: str) -> int:
    """Terminal columns a character takes: two for wide (Han) and full-width ones."""
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def label(text: str, width: int = 40) -> str:
    """The opening words of a text, cut at `width` terminal columns with an ellipsis (a
    Chinese label takes half as many characters as an English one)."""
    text = " ".join(text.split())
    # A character takes one column at least: a text longer than `width` is cut whatever it
    # holds, and only the characters kept are measured (a whole history's labels otherwise
    # cost more than reading its cached lineages).
    if len(text) <= width and sum(map(columns, text)) <= width:
        return text
    if text.isascii():
        return text[: width - 1].rstrip() + "…"
    used = 0
    for end, ch in enumerate(text[:width]):
        used += columns(ch)
        if used > width - 1:
            return text[:end].rstrip() + "…"
    return text[:width].rstrip() + "…"  # not reached: a text cut is wider than `width`


def series_timeline(
    store: History,
    series: str,
    language: str | None,
    *,
    cache: PairCache,
    progress: Callable[[int, int], None] | None = None,
) -> Timeline:
    """`timeline(build(...))`, kept in the cache under the lineage's own key (every
    version's content hash, the engine fingerprint): a second timeline of an unchanged
    series reads a few kilobytes of statuses and labels instead of decoding the lineage
    with every version's text, which was most of a cached whole history's work."""
    ready = prepare(store, series, language, cache)
    key = cache.key_of(ready.key + "\ntimeline")
    found = cache.get_timeline(key)
    if found is not None:
        return found
    from .graph import build  # only on a miss: a cached timeline needs neither model nor aligner

    result = timeline(build(store, series, ready.language, cache=cache, progress=progress, prepared=ready))
    cache.put_timeline(key, result)
    return result


def pack(t: Timeline) -> dict[str, Any]:
    """A timeline as JSON values, in one language or across languages."""
    return {
        "series": t.series,
        "language": t.language,
        "symbols": list(t.symbols),
        "dates": list(t.dates),
        "excerpts": list(t.excerpts),
        "skipped": list(t.skipped),
        "rows": [
            [row.label, [[c.status, list(c.ids), list(c.numbers), c.uncertain] for c in row.cells]]
            for row in t.rows
        ],
        "languages": list(t.languages),
        "bridges": [[b.symbol, list(b.languages), b.paired, list(b.unpaired), b.stop] for b in t.bridges],
    }


def unpack(d: dict[str, Any]) -> Timeline:
    """The Timeline `pack` wrote; ValueError or TypeError when a value is not of its kind
    (the entry's digest vouches for its bytes, this for its shape: every status, every row
    one cell per version, every list a list; the strings in a cell's lists are not checked
    one by one, which cost more than reading the entry)."""

    def items(values: Any) -> tuple[Any, ...]:
        if type(values) is not list:
            raise TypeError("not a list")
        return tuple(values)

    def strings(values: list[Any], nullable: bool = False) -> tuple[Any, ...]:
        if not isinstance(values, list) or not all(
            isinstance(v, str) or (nullable and v is None) for v in values
        ):
            raise TypeError("not a list of strings")
        return tuple(values)

    symbols = strings(d["symbols"])
    rows = []
    for label, cells in d["rows"]:
        if not isinstance(label, str) or not isinstance(cells, list) or len(cells) != len(symbols):
            raise ValueError("a row does not fit the versions")
        row = []
        for status, ids, numbers, uncertain in cells:
            if status is not None and status not in STATUSES:
                raise ValueError(f"unknown status {status!r}")
            if not isinstance(uncertain, bool):
                raise TypeError("uncertain is not a boolean")
            row.append(Cell(status, items(ids), items(numbers), uncertain))
        rows.append(Row(tuple(row), label))
    excerpts = d["excerpts"]
    if not isinstance(excerpts, list) or not all(isinstance(e, bool) for e in excerpts):
        raise TypeError("excerpts are not booleans")
    if not isinstance(d["series"], str) or not isinstance(d["language"], str):
        raise TypeError("series and language are strings")
    languages = strings(d["languages"])
    if languages and len(languages) != len(symbols):
        raise ValueError("the columns' languages do not fit the versions")
    bridges = []
    for symbol, pair, paired, unpaired, stop in d["bridges"]:
        a, b = strings(pair)
        left, right = unpaired
        if not all(type(n) is int for n in (paired, left, right)) or not isinstance(symbol, str):
            raise TypeError("a bridge's counts are integers, its symbol a string")
        if stop is not None and not isinstance(stop, str):
            raise TypeError("a bridge's stop is a string or null")
        bridges.append(Bridge(symbol, (a, b), paired, (left, right), stop))
    return Timeline(
        series=d["series"],
        language=d["language"],
        symbols=symbols,
        dates=strings(d["dates"], nullable=True),
        excerpts=tuple(excerpts),
        skipped=strings(d["skipped"]),
        rows=tuple(rows),
        languages=languages,
        bridges=tuple(bridges),
    )
