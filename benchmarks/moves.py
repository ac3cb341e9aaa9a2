"""Which gold groups count as moved: the fewest moves that explain the new order.

The rule is the one delegates expect and the aligner implements (shared/ALIGNMENT.md):
take the linked groups in old order, look at the new position of each; the longest
increasing subsequence is the stable backbone and everything outside it moved. A group that
crosses between preamble and operative part moved whatever its neighbours do.

When the longest increasing subsequence is not unique (two neighbours swapped), a group that
lies in some but not all of them is *ambiguous* and gets `None`: the scorer accepts either
flag for it. Deciding this by construction keeps hand labels and generated gold consistent.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence


def _lis_lengths(values: Sequence[int]) -> list[int]:
    """For each position, the length of the longest increasing subsequence ending there."""
    tails: list[int] = []
    out: list[int] = []
    for v in values:
        k = bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
        else:
            tails[k] = v
        out.append(k + 1)
    return out


def backbone_membership(values: Sequence[int]) -> list[bool | None]:
    """Per element (distinct values): True if in every longest increasing subsequence,
    False if in none, None if in some only."""
    if not values:
        return []
    ending = _lis_lengths(values)
    starting = list(reversed(_lis_lengths([-v for v in reversed(values)])))
    best = max(ending)
    on_some = [e + s - 1 == best for e, s in zip(ending, starting, strict=True)]
    level_counts: dict[int, int] = {}
    for e, on in zip(ending, on_some, strict=True):
        if on:
            level_counts[e] = level_counts.get(e, 0) + 1
    return [(level_counts[e] == 1 or None) if on else False for e, on in zip(ending, on_some, strict=True)]


def moved_flags(
    linked: Sequence[tuple[Sequence[str], Sequence[str]]], old_order: Sequence[str], new_order: Sequence[str]
) -> list[bool | None]:
    """Moved flag for each linked group (old ids, new ids), in the order given."""
    old_pos = {pid: k for k, pid in enumerate(old_order)}
    new_pos = {pid: k for k, pid in enumerate(new_order)}
    order = sorted(range(len(linked)), key=lambda k: old_pos[linked[k][0][0]])
    values = [new_pos[linked[k][1][0]] for k in order]
    member = backbone_membership(values)
    flags: list[bool | None] = [None] * len(linked)
    for k, m in zip(order, member, strict=True):
        olds, news = linked[k]
        crossed = olds[0][:2] != news[0][:2]
        flags[k] = True if crossed else (None if m is None else not m)
    return flags
