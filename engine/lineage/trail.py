"""One provision's lineage version by version (`resdiff lineage A/HRC/RES/25/3#op11`): the
row of the timeline it belongs to, with each version's text and the word diff of the step
into it.

A provision is named `SYMBOL#ID` (`#op11`, `#pp3`, `#op16.a`: the positional id) or
`SYMBOL#NUMBER` (`#11`: the printed number of an operative paragraph, which is what a reader
sees on the page; a number two provisions carry is refused with both ids).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ..errors import InputError
from ..model import ID_RE, Resolution
from .graph import Lineage, Link, Node, SeriesLineage
from .timeline import row_cells


@dataclass(frozen=True)
class Sighting:
    """The lineage in one version."""

    symbol: str
    date: str | None
    status: str | None
    """The timeline's status; None where the clause is absent (between a removal and its
    return) and where the version is not held in the language (`held`)."""
    ids: tuple[str, ...]
    numbers: tuple[str, ...]
    texts: tuple[str, ...]
    bodies: tuple[tuple[tuple[str, str], ...], ...]
    """What to show, in document order: for a link into these provisions that changed the
    wording, its ops (once for a split's parts); for each other provision (where the
    lineage starts, where nothing but formatting changed, or an excerpt cut it short: the
    rest is not shown, not deleted) its text, as one `equal` op. Every provision of the
    cell is shown: a part left unchanged beside one reworded was left out."""
    held: bool = True
    """False for a version of the series not held in the lineage's language: what changed
    there is dated to the next version held."""
    uncertain: tuple[tuple[str, tuple[str, ...], tuple[str, ...], float], ...] = ()
    """The uncertain steps into this version (`graph.Link.uncertain`): the older version's
    symbol, its ids, the ids here, the similarity. The lineage follows them, and says so."""


@dataclass(frozen=True)
class Trail:
    """One provision's lineage, version by version, as `resdiff lineage` shows it."""

    series: str
    language: str
    symbol: str
    id: str
    sightings: tuple[Sighting, ...]
    not_held_before: tuple[str, ...] = ()
    """Versions not held in the language before the first sighting: the clause may be older."""


def split_ref(ref: str) -> tuple[str, str]:
    """`A/HRC/RES/25/3#op11` -> (`A/HRC/RES/25/3`, `op11`). A Chinese input method types the
    full-width `＃` and `１１`: they are read as `#` and `11`."""
    symbol, hash_, selector = ref.replace("＃", "#").partition("#")
    if not hash_ or not symbol.strip() or not selector.strip():
        raise InputError(f"{ref!r} names no provision: write SYMBOL#ID (#op11) or SYMBOL#NUMBER (#11)")
    return symbol.strip(), unicodedata.normalize("NFKC", selector).strip()


def find_provision(res: Resolution, selector: str, ref: str) -> str:
    """The id a selector names in one version: an id, or an operative paragraph's number."""
    ids = [p.id for p in res.provisions]
    if ID_RE.match(selector):
        if selector in ids:
            return selector
        raise InputError(f"{ref}: no provision {selector} (this version has {ids[0]}..{ids[-1]})")
    # `#11.` as the page prints it: the full stop is not part of the number
    number = selector.removesuffix(".").strip()

    def bare(text: str) -> str:
        return "".join(text.split())

    hits = [p.id for p in res.provisions if p.kind == "operative" and bare(p.number) == bare(number)]
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise InputError(f"{ref}: several operative paragraphs are numbered {selector} ({', '.join(hits)})")
    # A reference as amendments write it: `OP3`, `PP2`, `OP3 bis`, `operative paragraph 30 (b)`,
    # `执行部分第3段`, `序言部分第三段`: one way to say it across commands.
    from ..amend.refs import resolve
    from ..errors import AmendmentError

    try:
        return resolve(res, selector)
    except AmendmentError as exc:
        if "is not a reference to a paragraph" not in exc.message:
            # A reference to a paragraph this version lacks (`#OP3 bis`, `#OP1` of a text
            # that stops in its preamble): say that, not that it is no reference at all.
            said = exc.message.removeprefix(f'"{selector}": ').replace("the base text", "this version")
            raise InputError(f"{ref}: {said}") from None
    raise InputError(
        f"{ref}: no operative paragraph is numbered {selector}, and it is no reference to a paragraph "
        "(write an id, #op3, a number, #3, or a reference, #OP3, #OP3 bis, #operative paragraph 30 (b), "
        "#执行部分第3段, #序言部分第三段)"
    )


def family(lineage: SeriesLineage, node: Node) -> Lineage:
    """The provision, its ancestors (back through every link into it: a merge's every
    source, a gap's removed clause) and its descendants (forward through every link out of
    it: a split's every part), in version and document order. Not the whole timeline row:
    a row is a connected component, and one merge of two clauses, or a reader that glued
    three paragraphs of a damaged text, joins lineages that have nothing else in common;
    the story of one clause is its own ancestry, the one blame measures."""

    def back(n: Node) -> tuple[Node, ...]:
        return lineage.incoming[n].old if n in lineage.incoming else ()

    def forth(n: Node) -> tuple[Node, ...]:
        return tuple(m for link in lineage.outgoing.get(n, ()) for m in link.new)

    found = {node}
    for step in (back, forth):
        stack = [node]
        while stack:
            for other in step(stack.pop()):
                if other not in found:
                    found.add(other)
                    stack.append(other)
    place = {
        (v, p.id): (v, n)
        for v, stage in enumerate(lineage.stages)
        for n, p in enumerate(stage.resolution.provisions)
    }
    return Lineage(sorted(found, key=place.__getitem__))


def trail(lineage: SeriesLineage, version: int, pid: str) -> Trail:
    node: Node = (version, pid)
    cells = row_cells(lineage, family(lineage, node))
    seen = [v for v, cell in enumerate(cells) if cell.status is not None]
    first, last = seen[0], seen[-1]
    places = list(zip(lineage.skipped, lineage.skipped_at, strict=True))
    sightings = []
    for v, (stage, cell) in enumerate(zip(lineage.stages, cells, strict=True)):
        if first < v <= last:
            # The versions between two sightings are told, not left out without a word.
            sightings += [
                Sighting(symbol, date, None, (), (), (), (), held=False)
                for symbol, (at, date) in places
                if at == v
            ]
        if cell.status is None:
            if first < v < last:
                sightings.append(Sighting(stage.symbol, stage.date, None, (), (), (), ()))
            continue
        bodies: list[tuple[tuple[str, str], ...]] = []
        shown: list[Link] = []
        doubts = []
        for i in cell.ids:
            link = lineage.incoming.get((v, i))
            if link is not None and link.uncertain and link not in shown:
                old_symbol = lineage.stages[link.old[0][0]].symbol
                doubts.append(
                    (
                        old_symbol,
                        tuple(p for _, p in link.old),
                        tuple(p for _, p in link.new),
                        link.similarity,
                    )
                )
            if link is None or link.kind == "unchanged":
                bodies.append((("equal", lineage.text((v, i))),))
            elif link not in shown:
                shown.append(link)
                bodies.append(link.ops)
        sightings.append(
            Sighting(
                symbol=stage.symbol,
                date=stage.date,
                status=cell.status,
                ids=cell.ids,
                numbers=cell.numbers,
                texts=tuple(lineage.text((v, i)) for i in cell.ids),
                bodies=tuple(bodies),
                uncertain=tuple(doubts),
            )
        )
    return Trail(
        lineage.series,
        lineage.language,
        lineage.stages[version].symbol,
        pid,
        tuple(sightings),
        tuple(symbol for symbol, (at, _) in places if at <= first),
    )
