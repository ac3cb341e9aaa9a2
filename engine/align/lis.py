"""Order statistics over matches: which matches keep their order, which moved.

Two classic algorithms:

- the longest increasing subsequence (patience sorting, O(n log n); Schensted 1961,
  Fredman 1975): given the new positions of matched provisions taken in old order, an LIS
  is the largest set of matches that kept their relative order, the *stable backbone*; the
  matches outside it are the fewest moves that explain the new order;
- the heaviest increasing chain: among candidate pairs (old, new, weight), the subset of
  maximum total weight that is increasing in both coordinates. It is the weighted LCS that
  aligns provisions inside a gap in order, so repeated formulas are paired in order and
  never crosswise. A Fenwick tree over new positions holds prefix maxima, O(p log p).

Ties are broken by position, never by hashing, so results are reproducible.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence


def longest_increasing_subsequence(values: Sequence[int]) -> list[int]:
    """Indices into `values` of one longest strictly increasing subsequence.

    Among several of the same length, the one found by patience sorting with leftmost
    piles: at each length the smallest possible tail is kept, so the earliest-ending run
    wins and the choice is reproducible.
    """
    tails: list[int] = []  # tails[k]: value ending the best run of length k+1
    tail_index: list[int] = []  # index into values of that tail
    previous: list[int] = [-1] * len(values)
    for index, value in enumerate(values):
        k = bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_index.append(index)
        else:
            tails[k] = value
            tail_index[k] = index
        previous[index] = tail_index[k - 1] if k > 0 else -1
    out: list[int] = []
    at = tail_index[-1] if tail_index else -1
    while at != -1:
        out.append(at)
        at = previous[at]
    out.reverse()
    return out


def heaviest_chain(pairs: Sequence[tuple[int, int, float]]) -> list[int]:
    """Indices into `pairs` of a maximum-weight chain strictly increasing in both
    coordinates (weights must be positive)."""
    if not pairs:
        return []
    columns = sorted({j for _, j, _ in pairs})
    rank = {j: r + 1 for r, j in enumerate(columns)}
    size = len(columns)
    tree_value = [0.0] * (size + 1)
    tree_index = [-1] * (size + 1)
    best = [0.0] * len(pairs)
    previous = [-1] * len(pairs)
    # Old index ascending; within one old index new index descending, so that two pairs of
    # the same old provision never chain (the query below only sees smaller new ranks).
    order = sorted(range(len(pairs)), key=lambda p: (pairs[p][0], -pairs[p][1], p))
    for p in order:
        _, j, weight = pairs[p]
        r = rank[j] - 1
        value, at = 0.0, -1
        while r > 0:
            if tree_value[r] > value:
                value, at = tree_value[r], tree_index[r]
            r -= r & -r
        best[p], previous[p] = value + weight, at
        r = rank[j]
        while r <= size:
            if best[p] > tree_value[r]:
                tree_value[r], tree_index[r] = best[p], p
            r += r & -r
    end = max(range(len(pairs)), key=lambda p: (best[p], -p))
    chain: list[int] = []
    while end != -1:
        chain.append(end)
        end = previous[end]
    chain.reverse()
    return chain
