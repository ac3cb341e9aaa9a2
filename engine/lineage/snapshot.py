"""A whole series' lineage as one JSON value, so a second `blame` or timeline is instant.

The pair cache (`cache.PairCache`) removes every alignment from a second run, but what was
left still cost most of the time of a cached run: parsing every canonical file again,
linking gaps and excerpts (token similarities and word diffs for the open ends), and
loading the aligner and the diff engine to do so. A snapshot holds everything `graph.build`
returns: each version's provisions (so no canonical file is parsed) and every link with its
ops, removals and excerpt ends (so nothing is compared). Only the lineage components (a
union-find over the links) are recomputed, which takes milliseconds.

It is stored in the same cache folder, keyed (`stages.snapshot_key`) by the series, the
language, each version's symbol and date, and the SHA-256 of each canonical file's bytes,
with the engine fingerprint and the threshold: any edited, added or re-dated version is a
new key, and the pair cache still saves every pair that did not change.

A cache file is never trusted: the entry carries the SHA-256 of its payload (`encode`,
`decode`), so a truncated, edited or bit-flipped entry is detected in C at disk speed
rather than by checking every value in Python (which took longer than parsing the files
it replaces); what does not decode is recomputed and replaced. A link's word-diff ops are
kept as lengths when they spell its old text and its new text exactly (the usual case),
so the entry is about the size of the texts rather than twice it.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from ..lazyre import lazy
from ..model import Footnote, FootnoteRef, Metadata, Provision, Resolution
from .cache import SNAPSHOT_FORMAT, seal, unseal
from .graph import JOINER, Link, Node, SeriesLineage, Stage, index_links, make_components

_META = tuple(f.name for f in fields(Metadata))
_SYMBOL = {"equal": "=", "insert": "+", "delete": "-"}
_OP = {v: k for k, v in _SYMBOL.items()}
_PACKED = lazy(r"([=+-])(\d+)")


def _resolution_dict(res: Resolution) -> dict[str, Any]:
    return {
        "meta": [getattr(res.meta, name) for name in _META],
        "body_line": res.body_line,
        "provisions": [
            [p.id, p.kind, p.text, p.number, [[f.marker, f.offset] for f in p.footnotes]]
            for p in res.provisions
        ],
        "footnotes": [[f.marker, f.text] for f in res.footnotes],
    }


def _node_list(nodes: tuple[Node, ...] | set[Node]) -> list[list[object]]:
    """A link's nodes in their order (the diff joins a merge's texts in it); a set sorted."""
    return [[v, pid] for v, pid in (sorted(nodes) if isinstance(nodes, set) else nodes)]


def _ends(
    result: SeriesLineage, old: tuple[Node, ...], new: tuple[Node, ...], via: Node | None
) -> tuple[str, str]:
    """The old and new texts a link's ops go from and to (from `via` when it is set)."""
    return (
        JOINER.join(result.text(n) for n in ((via,) if via is not None else old)),
        JOINER.join(result.text(n) for n in new),
    )


def pack(ops: tuple[tuple[str, str], ...], old: str, new: str) -> str | None:
    """`=12+5-7`: the ops as lengths, when they spell `old` and `new` exactly; else None."""
    if "".join(t for op, t in ops if op != "insert") != old:
        return None
    if "".join(t for op, t in ops if op != "delete") != new:
        return None
    return "".join(f"{_SYMBOL[op]}{len(t)}" for op, t in ops)


def unpack(packed: str, old: str, new: str) -> tuple[tuple[str, str], ...]:
    ops = []
    at_old = at_new = 0
    for symbol, digits in _PACKED.findall(packed):
        n = int(digits)
        if symbol == "+":
            ops.append(("insert", new[at_new : at_new + n]))
            at_new += n
        elif symbol == "-":
            ops.append(("delete", old[at_old : at_old + n]))
            at_old += n
        else:
            ops.append(("equal", old[at_old : at_old + n]))
            at_old += n
            at_new += n
    if at_old != len(old) or at_new != len(new):
        raise ValueError("packed ops do not spell the texts")
    return tuple(ops)


def dump(result: SeriesLineage) -> dict[str, Any]:
    """Everything `load` needs to give back an equal SeriesLineage."""
    links = []
    for link in result.links:
        packed = pack(link.ops, *_ends(result, link.old, link.new, link.via))
        links.append(
            [
                _node_list(link.old),
                _node_list(link.new),
                link.kind,
                link.moved,
                link.similarity,
                packed if packed is not None else [list(op) for op in link.ops],
                link.gap,
                None if link.via is None else list(link.via),
                link.uncertain,
            ]
        )
    return {
        "series": result.series,
        "language": result.language,
        "skipped": list(result.skipped),
        "skipped_at": [list(place) for place in result.skipped_at],
        "stages": [[s.symbol, s.date, _resolution_dict(s.resolution)] for s in result.stages],
        "links": links,
        "removed": _node_list(result.removed),
        "unseen": _node_list(result.unseen),
        "beyond_excerpt": _node_list(result.beyond_excerpt),
    }


def _resolution(d: dict[str, Any]) -> Resolution:
    provisions = tuple(
        Provision(pid, kind, text, number, tuple(FootnoteRef(m, o) for m, o in refs))
        for pid, kind, text, number, refs in d["provisions"]
    )
    return Resolution(
        Metadata(**dict(zip(_META, d["meta"], strict=True))),
        provisions,
        tuple(Footnote(m, t) for m, t in d["footnotes"]),
        d["body_line"],
    )


def _nodes(value: list[list[Any]]) -> tuple[Node, ...]:
    return tuple((v, pid) for v, pid in value)


def load(d: dict[str, Any]) -> SeriesLineage:
    """The SeriesLineage of a decoded payload (the digest has vouched for its shape; what
    still does not fit raises ValueError, TypeError, KeyError or ModelError)."""
    stages = [Stage(symbol, date, _resolution(res)) for symbol, date, res in d["stages"]]
    result = SeriesLineage(
        d["series"],
        d["language"],
        stages,
        list(d["skipped"]),
        [],
        set(_nodes(d["removed"])),
        set(_nodes(d["unseen"])),
        set(_nodes(d["beyond_excerpt"])),
        skipped_at=[(at, date) for at, date in d["skipped_at"]],
    )
    for old, new, kind, moved, similarity, ops, gap, via, uncertain in d["links"]:
        old_nodes, new_nodes = _nodes(old), _nodes(new)
        via_node = None if via is None else (via[0], via[1])
        if isinstance(ops, str):
            steps = unpack(ops, *_ends(result, old_nodes, new_nodes, via_node))
        else:
            steps = tuple((op, text) for op, text in ops)
        if not isinstance(uncertain, bool):
            raise ValueError("bad uncertain")
        result.links.append(
            Link(old_nodes, new_nodes, kind, moved, similarity, steps, gap, via_node, uncertain)
        )
    index_links(result)
    make_components(result)
    return result


def encode(key: str, result: SeriesLineage) -> bytes:
    return seal(SNAPSHOT_FORMAT, key, dump(result))


def decode(key: str, data: bytes) -> SeriesLineage:
    """The lineage an entry holds; ValueError when it is not whole, not this key's, or of
    another format."""
    return load(unseal(SNAPSHOT_FORMAT, key, data))
