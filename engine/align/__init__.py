"""Alignment: which provisions of the old version became which provisions of the new one.

Works on provisions, never on lines, so renumbering is invisible and moves are found from
the matching rather than from a line diff. `align` runs the passes of `passes` (Heckel-style
anchors, near-identical, in-gap ordered matching, content), then `concat` (splits and merges),
then marks as moved every link outside the longest increasing subsequence of new positions.
"""

from __future__ import annotations

from collections.abc import Sequence

from .concat import find_splits_and_merges
from .formatting import fold
from .links import Alignment, Link, Method, uncertain_pairing
from .lis import longest_increasing_subsequence
from .options import DEFAULT_NEAR_THRESHOLD, DEFAULT_THRESHOLD, UNCERTAIN_BELOW, AlignOptions
from .passes import anchor_pass, content_pass, cut_pass, gap_pass, near_pass
from .state import State

__all__ = [
    "DEFAULT_NEAR_THRESHOLD",
    "DEFAULT_THRESHOLD",
    "UNCERTAIN_BELOW",
    "AlignOptions",
    "Alignment",
    "Link",
    "Method",
    "align",
    "fold",
    "uncertain_pairing",
]


def align(
    old: Sequence[str],
    new: Sequence[str],
    options: AlignOptions | None = None,
    *,
    old_cut: bool = False,
    new_cut: bool = False,
) -> Alignment:
    """Align two sequences of provision texts (already normalised, without numbers).
    `old_cut` / `new_cut`: that side is an excerpt whose last provision stops mid-sentence."""
    options = options or AlignOptions()
    state = State(old, new)
    anchor_pass(state)
    near_pass(state, options)
    cut_pass(state, old_cut, new_cut)
    gap_pass(state, options)
    content_pass(state, options)
    groups = find_splits_and_merges(state, options)

    unmoved: list[Link] = [Link((i,), (j,), *state.how[i]) for i, j in state.matches()] + [
        Link(g.old, g.new, "split" if len(g.old) == 1 else "merge", g.score) for g in groups
    ]
    unmoved.sort(key=lambda link: link.old[0])
    stable = set(longest_increasing_subsequence([link.new[0] for link in unmoved]))
    links = [
        Link(link.old, link.new, link.method, link.score, moved=k not in stable)
        for k, link in enumerate(unmoved)
    ]
    links.sort(key=lambda link: link.new[0])
    linked_old = {i for link in links for i in link.old}
    linked_new = {j for link in links for j in link.new}
    return Alignment(
        links=tuple(links),
        removed=tuple(i for i in range(len(old)) if i not in linked_old),
        added=tuple(j for j in range(len(new)) if j not in linked_new),
    )
