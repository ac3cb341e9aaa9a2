"""Blame: for each provision of one version, where its lineage starts, the versions in which
its wording changed, and how much of its text has stood unchanged since its origin.

`original_share` is traced through every step, not guessed from the two ends: each
character of a provision carries a flag "unchanged since the origin"; a step's ops copy the
flags of equal text, and inserted text is new (flag off). Through a split, each part takes
the flags of its characters; through a merge, the merged text takes the flags of both. The
share is the flagged part of the provision's non-space characters. In an `unchanged` step
(equal after folding) what the ops insert is formatting, so it keeps the flag: a move or a
reflowed space is not a rewording. The step after a provision an excerpt cut short
mid-sentence is measured from its last ancestor seen whole (`graph.Link.via`), so the
words the cut hid are neither lost nor taken as unchanged unseen.

`changed_in` lists the versions whose step into the provision's ancestry was reworded,
split or merged (a restored clause counts when its text came back different); a move
alone is not a change of wording and is not listed. A change first seen after excerpts
that hid the clause (or cut it short), or across a version not held in the language, is
dated to the version that shows it, and said to be only a bound (`changed_in_exact`): it
may have been made in a version the lineage cannot see.

A step the lineage is unsure of (`graph.Link.uncertain`: two texts paired by position or
wording at a similarity that two different provisions of one text also reach) is followed,
since most such pairs in the hand-labelled real pairs are right, but never silently: the
provision's answer names every uncertain step in its ancestry (`uncertain`) and gives the
answer without them (`if_not_same`), so a reader sees both origin and share and what the
difference rests on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # a cached blame (`pack`, `unpack`) loads neither the graph nor the model
    from .graph import Link, Node, SeriesLineage

BLAME_FORMAT = "resdiff.blame-cache/1"


@dataclass(frozen=True)
class Blame:
    """One provision's answer."""

    id: str
    number: str
    origin: str
    """Symbol of the version where its lineage starts (the earliest of its ancestors)."""
    origin_exact: bool
    """False when an excerpt before the origin may have hidden the clause, or the version
    just before the origin is not held in the language (the clause may be in it)."""
    changed_in: tuple[str, ...]
    original_share: float
    changed_in_exact: tuple[bool, ...]
    """One per `changed_in`: False when excerpts before that version hid the clause (or cut
    it short), or a version before it is not held in the language, so the change is dated
    to the first version that shows it and may have been made in one of those before."""
    uncertain: tuple[UncertainStep, ...] = ()
    """The uncertain steps of its ancestry, in version order (empty: none)."""
    if_not_same: Alternative | None = None
    """The answer when no uncertain step is followed (None when there is none)."""


@dataclass(frozen=True)
class UncertainStep:
    """One step of an ancestry that may join two different clauses."""

    old_version: str
    old: tuple[str, ...]
    version: str
    new: tuple[str, ...]
    similarity: float


@dataclass(frozen=True)
class Alternative:
    """Origin and share when the uncertain steps are taken as different clauses."""

    origin: str
    origin_exact: bool
    original_share: float


@dataclass(frozen=True)
class _Trace:
    """How one provision's text came to be: where its lineage starts, the versions that
    changed it, and which of its characters stood unchanged since the origin."""

    origin: int
    exact: bool
    changed: frozenset[int]
    flags: bytes
    """One byte per character of the text: 1 when it stood unchanged since the origin
    (bytes, not a list of bools: sliced and joined in C, for every provision of a series)."""
    late: frozenset[int] = frozenset()
    """The versions of `changed` that only bound the change (an excerpt hid it before)."""
    doubts: tuple[Link, ...] = ()
    """The uncertain links of the ancestry (`graph.Link.uncertain`), each once."""


def _flags_through(ops: tuple[tuple[str, str], ...], old: bytes, keep_inserts: bool) -> bytearray:
    """One flag byte per character of the new text (1: unchanged since the origin)."""
    out = bytearray()
    at = 0
    for op, text in ops:
        if op == "equal":
            chunk = old[at : at + len(text)]
            out += chunk
            out += b"\x01" * (len(text) - len(chunk))
            at += len(text)
        elif op == "delete":
            at += len(text)
        else:
            out += (b"\x01" if keep_inserts else b"\x00") * len(text)
    return out


def trace(lineage: SeriesLineage, *, follow_uncertain: bool = True) -> dict[Node, _Trace]:
    """Origin, changes and character flags of every provision, in version order.
    `follow_uncertain=False`: an uncertain link is taken as two different clauses, so the
    provision it leads to starts there (at the latest: it may continue the older one)."""
    from .graph import JOINER

    traces: dict[Node, _Trace] = {}
    # Where versions not held in the language stand: a step from u to v across one of them
    # may have made its change there.
    unheld = {at for at, _ in lineage.skipped_at}
    for v, stage in enumerate(lineage.stages):
        for p in stage.resolution.provisions:
            node = (v, p.id)
            if node in traces:
                continue
            link = lineage.incoming.get(node)
            if link is not None and link.uncertain and not follow_uncertain:
                traces[node] = _Trace(v, False, frozenset(), b"\x01" * len(p.text))
                continue
            if link is None:
                # Only a bound when an excerpt before it stopped short of the clause, or the
                # version just before it is not held in the language (it may be there).
                exact = node not in lineage.beyond_excerpt and v not in unheld
                traces[node] = _Trace(v, exact, frozenset(), b"\x01" * len(p.text))
                continue
            olds = [traces[link.via]] if link.via is not None else [traces[o] for o in link.old]
            joined = (b"\x01" * len(JOINER)).join(t.flags for t in olds)
            flags = _flags_through(link.ops, joined, keep_inserts=link.kind == "unchanged")
            changed = frozenset().union(*(t.changed for t in olds))
            late = frozenset().union(*(t.late for t in olds))
            if link.kind != "unchanged":
                changed |= {v}
                hidden = link.via is not None or (link.gap and any(o in lineage.unseen for o in link.old))
                since = max(o[0] for o in link.old)
                if hidden or any(since < at <= v for at in unheld):
                    late |= {v}
            origin = min(t.origin for t in olds)
            exact = all(t.exact for t in olds)
            doubts = tuple(dict.fromkeys([d for t in olds for d in t.doubts] + [link] * link.uncertain))
            at = 0
            for new in link.new:
                text = lineage.text(new)
                part = bytes(flags[at : at + len(text)])
                part += b"\x01" * (len(text) - len(part))
                traces[new] = _Trace(origin, exact, changed, part, late, doubts)
                at += len(text) + len(JOINER)
    return traces


def share(text: str, flags: bytes) -> float:
    counted = [flag for ch, flag in zip(text, flags, strict=False) if not ch.isspace()]
    return round(sum(counted) / len(counted), 4) if counted else 1.0


def blame(lineage: SeriesLineage, version: int) -> list[Blame]:
    """Every provision of one version, in document order."""
    traces = trace(lineage)
    stages = lineage.stages
    certain: dict[Node, _Trace] | None = None
    out = []
    for p in stages[version].resolution.provisions:
        t = traces[(version, p.id)]
        alternative = None
        if t.doubts:
            certain = certain or trace(lineage, follow_uncertain=False)
            c = certain[(version, p.id)]
            alternative = Alternative(stages[c.origin].symbol, c.exact, share(p.text, c.flags))
        out.append(
            Blame(
                id=p.id,
                number=p.number,
                origin=stages[t.origin].symbol,
                origin_exact=t.exact,
                changed_in=tuple(stages[v].symbol for v in sorted(t.changed)),
                original_share=share(p.text, t.flags),
                changed_in_exact=tuple(v not in t.late for v in sorted(t.changed)),
                uncertain=tuple(_step(lineage, link) for link in sorted(t.doubts, key=_at)),
                if_not_same=alternative,
            )
        )
    return out


def _at(link: Link) -> tuple[int, int]:
    return link.new[0][0], link.old[0][0]


def _step(lineage: SeriesLineage, link: Link) -> UncertainStep:
    stages = lineage.stages
    return UncertainStep(
        stages[link.old[0][0]].symbol,
        tuple(pid for _, pid in link.old),
        stages[link.new[0][0]].symbol,
        tuple(pid for _, pid in link.new),
        link.similarity,
    )


def pack(blames: list[Blame]) -> list[list[Any]]:
    """A version's answers as JSON values, for the cache (`api.blame`)."""
    return [
        [
            b.id,
            b.number,
            b.origin,
            b.origin_exact,
            list(b.changed_in),
            b.original_share,
            list(b.changed_in_exact),
            [[u.old_version, list(u.old), u.version, list(u.new), u.similarity] for u in b.uncertain],
            None
            if b.if_not_same is None
            else [b.if_not_same.origin, b.if_not_same.origin_exact, b.if_not_same.original_share],
        ]
        for b in blames
    ]


def unpack(rows: Any) -> list[Blame]:
    """The answers `pack` wrote; TypeError or ValueError when a value is not of its kind (the
    entry's digest vouches for its bytes, this for its shape)."""

    def strings(values: Any) -> tuple[str, ...]:
        if type(values) is not list or not all(type(v) is str for v in values):
            raise TypeError("not a list of strings")
        return tuple(values)

    def share(value: Any) -> float:
        if type(value) not in (int, float) or not 0 <= value <= 1:
            raise ValueError("a share is a number from 0 to 1")
        return float(value)

    if type(rows) is not list:
        raise TypeError("not a list")
    out = []
    for id_, number, origin, exact, changed, original, changed_exact, doubts, alternative in rows:
        if not all(type(v) is str for v in (id_, number, origin)) or type(exact) is not bool:
            raise TypeError("id, number and origin are strings, origin_exact a boolean")
        changed_in = strings(changed)
        if type(changed_exact) is not list or len(changed_exact) != len(changed_in):
            raise ValueError("one changed_in_exact per changed_in")
        if not all(type(v) is bool for v in changed_exact):
            raise TypeError("changed_in_exact holds booleans")
        steps = tuple(
            UncertainStep(str(old_version), strings(old), str(version), strings(new), share(similarity))
            for old_version, old, version, new, similarity in doubts
        )
        alt = None
        if alternative is not None:
            alt_origin, alt_exact, alt_share = alternative
            if type(alt_origin) is not str or type(alt_exact) is not bool:
                raise TypeError("an alternative's origin is a string, its exactness a boolean")
            alt = Alternative(alt_origin, alt_exact, share(alt_share))
        out.append(
            Blame(id_, number, origin, exact, changed_in, share(original), tuple(changed_exact), steps, alt)
        )
    return out
