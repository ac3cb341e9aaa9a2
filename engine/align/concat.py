"""Splits and merges, found by concatenation.

An old provision was *split* when it matches the concatenation of two or more consecutive
new provisions clearly better (by `split_margin`) than any one of them; a *merge* is the
same seen from the new side. The usual split turns one paragraph into a chapeau
(`Calls upon States:` / `欢迎：`) followed by subparagraphs, so a run grows from the best
single partner over neighbouring provisions that are still unmatched, one step at a time,
while the concatenation's score improves (greedy, bounded by `MAX_RUN`).

What concatenation cannot see (parts that are not neighbours, halves swapped, a chapeau too
short to raise the score) is left to `coverage`, run after it on what is still free.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from .coverage import attach_chapeaux, find_by_coverage
from .links import Group
from .options import AlignOptions
from .state import State

MAX_RUN = 64


def _grow(
    seed: int, size: int, free: Callable[[int], bool], score: Callable[[list[int]], float]
) -> tuple[list[int], float]:
    run = [seed]
    current = score(run)
    while len(run) < MAX_RUN:
        options = []
        if run[-1] + 1 < size and free(run[-1] + 1):
            options.append([*run, run[-1] + 1])
        if run[0] > 0 and free(run[0] - 1):
            options.append([run[0] - 1, *run])
        scored = [(score(option), option) for option in options]
        if not scored:
            break
        best_score, best = max(scored, key=lambda s: s[0])  # first wins a tie: rightwards
        if best_score <= current:
            break
        run, current = best, best_score
    return run, current


def _find(
    state: State, options: AlignOptions, taken_ones: set[int], taken: set[int], *, split: bool
) -> list[Group]:
    """Splits (`split=True`: each old provision against runs of new ones) or merges (each
    new provision against runs of old ones). `taken_ones` and `taken` hold the positions,
    on each side, already in a group; both are updated."""
    groups: list[Group] = []
    ones, many = (state.old_partner, state.new_partner) if split else (state.new_partner, state.old_partner)
    candidates = state.new_candidates if split else state.old_candidates

    def pair_score(one: int, other: int) -> float:
        return state.score(one, other) if split else state.score(other, one)

    def run_score(one: int, run: list[int]) -> float:
        return state.concat_score([one], run) if split else state.concat_score(run, [one])

    for one, partner in enumerate(ones):
        if one in taken_ones:
            continue

        def free(k: int, partner: int | None = partner) -> bool:
            return (many[k] is None and k not in taken) or k == partner

        seeds = [partner] if partner is not None else [k for k in candidates[one] if free(k)]
        best: tuple[float, list[int]] | None = None
        for seed in seeds:
            run, value = _grow(seed, len(many), free, partial(run_score, one))
            if len(run) > 1 and (best is None or value > best[0]):
                best = (value, run)
        if best is None:
            continue
        value, run = best
        single = max(pair_score(one, k) for k in run)
        if value >= options.threshold and value >= single + options.split_margin:
            if partner is not None:
                ones[one] = many[partner] = None
                del state.how[one if split else partner]
            taken.update(run)
            taken_ones.add(one)
            groups.append(Group((one,), tuple(run), value) if split else Group(tuple(run), (one,), value))
    return groups


def find_splits_and_merges(state: State, options: AlignOptions) -> list[Group]:
    """Splits first, then merges among what no split claimed; by concatenation, then by
    coverage (`coverage`) for what is left; then chapeaux join the group below them."""
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    groups = _find(state, options, taken_old, taken_new, split=True)
    groups += _find(state, options, taken_new, taken_old, split=False)
    groups += find_by_coverage(state, options, taken_old, taken_new, split=True)
    groups += find_by_coverage(state, options, taken_new, taken_old, split=False)
    return attach_chapeaux(state, groups, options)
