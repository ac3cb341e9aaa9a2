"""One timeline across the languages of a series, only when asked (`--across-languages`).

A lineage is built in one language: the aligner compares wording, and Chinese wording
cannot be compared with English. What does join two languages is an official translation:
a version held in both is one resolution, and its provisions correspond by structure, not
by wording. So the timeline across languages is made of the timelines of each language
(every cell still compares a version with the one before it *in its own language*), with
rows of different languages joined where a version held in both puts them in the same
place:

- a **bridge** is a version held in two languages; its provisions are paired in document
  order while both texts agree on the structure: same id (same part, same position), same
  kind and same printed number. The preambles are paired only when they are as long (or
  one text is an excerpt that stops inside its preamble): preambular paragraphs carry no
  number, so a paragraph one text lacks would shift every later pair unseen. In the
  operative part pairing stops at the first disagreement (a paragraph one reader split, a
  number printed differently), because every later position may be shifted: nothing past
  it is joined, and the bridge says where and why it stopped. An excerpt ends its bridge
  where it ends.
- rows are the connected components of the per-language rows under those pairs: a row of
  one language joins a row of another when a bridge pairs provisions of theirs.

Nothing is joined by similarity across languages, and a language with no version shared
with another stays in rows of its own: the result says so (`Bridge`, and every column
names its language), it never guesses. `blame` and `lineage` stay in one language: their
answers (`changed_in`, `original_share`, the word diff) measure wording.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..errors import StoreError
from .cache import PairCache
from .stages import Prepared, prepare
from .timeline import Bridge, Cell, Row, Timeline

if TYPE_CHECKING:
    from ..model import Provision
    from ..store.history import History
    from ..store.manifest import Series
    from .graph import SeriesLineage


def _pair_in_order(
    xs: list[Provision], ys: list[Provision]
) -> tuple[list[tuple[str, str]], tuple[Provision, Provision] | None]:
    """Pairs in document order while id, kind and printed number agree, and the first two
    that disagree, if any."""
    pairs: list[tuple[str, str]] = []
    for x, y in zip(xs, ys, strict=False):
        if (x.id, x.kind, x.number) != (y.id, y.kind, y.number):
            return pairs, (x, y)
        pairs.append((x.id, y.id))
    return pairs, None


def _named(p: Provision) -> str:
    return f"{p.id} (printed {p.number})" if p.number else p.id


def pair_by_structure(
    a: SeriesLineage, va: int, b: SeriesLineage, vb: int
) -> tuple[list[tuple[str, str]], str | None]:
    """The ids of two texts of one version paired by structure, and why pairing stopped
    short of either text's end, if it did.

    The preamble is paired by position only when both preambles are as long, or when the
    shorter text is an excerpt that stops inside it: preambular paragraphs carry no number,
    so a paragraph one text has and the other lacks would shift every later pair without a
    trace. The operative part is paired while id, kind and printed number agree: a printed
    number shows a shift, so pairing stops at the first disagreement."""
    ra, rb = a.stages[va].resolution, b.stages[vb].resolution
    la, lb = a.language, b.language
    pp_a, op_a = [p for p in ra.provisions if p.part == "pp"], [p for p in ra.provisions if p.part == "op"]
    pp_b, op_b = [p for p in rb.provisions if p.part == "pp"], [p for p in rb.provisions if p.part == "op"]
    cut_in_preamble = (not op_a and a.stages[va].excerpt and len(pp_a) < len(pp_b)) or (
        not op_b and b.stages[vb].excerpt and len(pp_b) < len(pp_a)
    )
    notes: list[str] = []
    pairs: list[tuple[str, str]] = []
    if len(pp_a) == len(pp_b) or cut_in_preamble:
        pairs, differ = _pair_in_order(pp_a, pp_b)
        if differ:
            notes.append(f"the preambles differ at {la} {_named(differ[0])} / {lb} {_named(differ[1])}")
    else:
        notes.append(
            f"the preambles differ in length ({la} {len(pp_a)}, {lb} {len(pp_b)}) and are not paired: "
            "preambular paragraphs carry no number to pair them by"
        )
    op_pairs, differ = _pair_in_order(op_a, op_b)
    pairs += op_pairs
    if differ:
        notes.append(f"the operative parts differ at {la} {_named(differ[0])} / {lb} {_named(differ[1])}")
    if not notes and len(ra.provisions) != len(rb.provisions):
        (short, n), (long_, _) = sorted(
            ((a, len(ra.provisions)), (b, len(rb.provisions))), key=lambda sn: sn[1]
        )
        cut = " (an excerpt)" if short.stages[va if short is a else vb].excerpt else ""
        notes.append(
            f"the {short.language} text{cut} ends after {n} provisions; the {long_.language} goes on"
        )
    return pairs, "; ".join(notes) or None


# The order of `timeline._RANK` (a provision new in a cell beside one that goes on says
# `added`), then the statuses of a cell whose clause is not there.
_RANK = ("split", "merged", "added", "reworded", "moved", "removed", "not in the excerpt", "present")


def _combine(cells: list[Cell]) -> Cell:
    """Several rows of one language joined through another language: their provisions
    together, and the status that says most (a change before presence)."""
    if len(cells) == 1:
        return cells[0]
    statuses = [c.status for c in cells if c.status is not None]
    status = min(statuses, key=_RANK.index) if statuses else None
    ids, numbers = sum((c.ids for c in cells), ()), sum((c.numbers for c in cells), ())
    return Cell(status, ids, numbers, any(c.uncertain for c in cells))


def across_languages(
    store: History,
    series: str,
    *,
    cache: PairCache | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Timeline:
    """The timelines of every language the series holds, rows joined through the versions
    held in several (see the module's docstring). Kept in the cache like a one-language
    timeline, under every language's lineage key and the manifest's order of versions and
    languages (which decides the columns)."""
    cache = cache or PairCache(None)
    manifest = cache.manifest(store, series)
    langs = sorted({lang for v in manifest.versions for lang in v.languages})
    if not langs:
        raise StoreError(f"series {manifest.name} holds no text yet")
    ready = {lang: prepare(store, manifest.name, lang, cache) for lang in langs}
    order = [f"{v.symbol}\x1f{v.date}\x1f{','.join(v.languages)}" for v in manifest.versions]
    key = cache.key_of("\n".join([*(ready[lang].key for lang in langs), *order, "across"]))
    found = cache.get_timeline(key)
    if found is not None:
        return found
    result = _joined(store, manifest, ready, cache, progress)
    cache.put_timeline(key, result)
    return result


def _joined(
    store: History,
    manifest: Series,
    ready: dict[str, Prepared],
    cache: PairCache,
    progress: Callable[[int, int], None] | None,
) -> Timeline:
    from .graph import build  # only when the cache has no answer
    from .timeline import timeline

    langs = list(ready)
    counts = {lang: sum(lang in v.languages for v in manifest.versions) for lang in langs}
    total = sum(n - 1 for n in counts.values())
    built: dict[str, SeriesLineage] = {}
    timelines: dict[str, Timeline] = {}
    done = 0
    for lang in langs:

        def step(k: int, _n: int, offset: int = done) -> None:
            if progress is not None:
                progress(offset + k, total)

        built[lang] = build(store, manifest.name, lang, cache=cache, progress=step, prepared=ready[lang])
        timelines[lang] = timeline(built[lang])
        done += counts[lang] - 1
    # Which row of its language's timeline each provision is in.
    row_of = {
        (lang, node): r
        for lang, lin in built.items()
        for r, row in enumerate(lin.lineages)
        for node in row.nodes
    }
    parent: dict[tuple[str, int], tuple[str, int]] = {
        (lang, r): (lang, r) for lang, tl in timelines.items() for r in range(len(tl.rows))
    }

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    bridges: list[Bridge] = []
    columns: list[tuple[str, int]] = []  # (language, its column in that language's timeline)
    for version in manifest.versions:
        held = sorted(version.languages)
        index = {lang: built[lang].stage_index(version.symbol) for lang in held}
        columns += [(lang, i) for lang in held if (i := index[lang]) is not None]
        for k, a in enumerate(held):
            for b in held[k + 1 :]:
                va, vb = index[a], index[b]
                if va is None or vb is None:  # pragma: no cover - the manifest lists both
                    continue
                pairs, stop = pair_by_structure(built[a], va, built[b], vb)
                for ida, idb in pairs:
                    ra, rb = find((a, row_of[(a, (va, ida))])), find((b, row_of[(b, (vb, idb))]))
                    if ra != rb:
                        parent[rb] = ra
                na = len(built[a].stages[va].resolution.provisions)
                nb = len(built[b].stages[vb].resolution.provisions)
                bridges.append(
                    Bridge(version.symbol, (a, b), len(pairs), (na - len(pairs), nb - len(pairs)), stop)
                )
    groups: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for member in sorted(parent, key=lambda m: (langs.index(m[0]), m[1])):
        groups.setdefault(find(member), []).append(member)
    rows = []
    for members in groups.values():
        cells = []
        for lang, i in columns:
            mine = [timelines[lang].rows[r].cells[i] for m_lang, r in members if m_lang == lang]
            cells.append(_combine(mine) if mine else Cell(None, (), ()))
        seen = [k for k, c in enumerate(cells) if c.status is not None]
        last_lang = columns[max(seen)][0] if seen else members[0][0]
        label = next(timelines[lang].rows[r].label for lang, r in members if lang == last_lang)
        first = min(seen) if seen else len(cells)
        rows.append((first, Row(tuple(cells), label)))
    rows.sort(key=lambda fr: fr[0])  # stable: within a column, languages and rows keep their order
    stage = {(lang, i): built[lang].stages[i] for lang, i in columns}
    return Timeline(
        series=manifest.name,
        language=", ".join(langs),
        symbols=tuple(stage[c].symbol for c in columns),
        dates=tuple(stage[c].date for c in columns),
        excerpts=tuple(stage[c].excerpt for c in columns),
        skipped=tuple(v.symbol for v in manifest.versions if not v.languages),
        rows=tuple(row for _, row in rows),
        languages=tuple(lang for lang, _ in columns),
        bridges=tuple(bridges),
    )
