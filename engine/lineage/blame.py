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
"""

from __future__ import annotations

from dataclasses import dataclass

from .graph import JOINER, Node, SeriesLineage


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


def trace(lineage: SeriesLineage) -> dict[Node, _Trace]:
    """Origin, changes and character flags of every provision, in version order."""
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
            at = 0
            for new in link.new:
                text = lineage.text(new)
                part = bytes(flags[at : at + len(text)])
                part += b"\x01" * (len(text) - len(part))
                traces[new] = _Trace(origin, exact, changed, part, late)
                at += len(text) + len(JOINER)
    return traces


def share(text: str, flags: bytes) -> float:
    counted = [flag for ch, flag in zip(text, flags, strict=False) if not ch.isspace()]
    return round(sum(counted) / len(counted), 4) if counted else 1.0


def blame(lineage: SeriesLineage, version: int) -> list[Blame]:
    """Every provision of one version, in document order."""
    traces = trace(lineage)
    stages = lineage.stages
    out = []
    for p in stages[version].resolution.provisions:
        t = traces[(version, p.id)]
        out.append(
            Blame(
                id=p.id,
                number=p.number,
                origin=stages[t.origin].symbol,
                origin_exact=t.exact,
                changed_in=tuple(stages[v].symbol for v in sorted(t.changed)),
                original_share=share(p.text, t.flags),
                changed_in_exact=tuple(v not in t.late for v in sorted(t.changed)),
            )
        )
    return out
