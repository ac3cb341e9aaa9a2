"""The 1:1 matching passes, after Heckel (1978), "A technique for isolating differences
between files", CACM 21(4): first the lines that are unique and identical on both sides
anchor the comparison; then the remainder is matched around them.

Adapted to provisions:

1. `anchor_pass`: identical after folding and unique on both sides.
2. `near_pass`: mutual best match anywhere with a near-identical score, clearly ahead of the
   runner-up (so that repeated formulas are left to the ordered pass).
3. `gap_pass`: between consecutive backbone matches, the heaviest in-order chain of pairs
   above the threshold, or with the shorter text almost whole in the longer one (a reference
   list cut: position between the same neighbours is evidence), unless a provision has a
   clearly better partner elsewhere.
4. `content_pass`: what is still unmatched, anywhere, best pairs first, above the threshold
   plus a margin (out of order, position is no evidence): provisions both moved and edited.
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

from .formatting import spaceless
from .links import Method
from .lis import heaviest_chain, longest_increasing_subsequence
from .options import AlignOptions
from .state import State

# A near-identical match must beat the runner-up by this much to be taken out of order.
NEAR_MARGIN = 0.05
# A gap pair is refused when one side has a partner elsewhere better by this much.
ELSEWHERE_MARGIN = 0.1
# Between the same anchors, a pair whose shorter text lies almost whole in the longer one
# is matched whatever its score: the provision was cut down or extended, not replaced
# (`contained`). The only pairing below the threshold; a threshold above this bar raises it.
GAP_CONTAIN = 0.8
# ...provided the shorter text is not a mere formula.
GAP_CONTAIN_TOKENS = 8
# Gaps up to this many pairs are scored exhaustively; larger ones use the candidates.
EXHAUSTIVE_PAIRS = 2500


def anchor_pass(state: State) -> None:
    old_count = Counter(state.old_keys)
    new_count = Counter(state.new_keys)
    new_position = {key: j for j, key in enumerate(state.new_keys) if new_count[key] == 1}
    for i, key in enumerate(state.old_keys):
        if old_count[key] == 1 and key in new_position:
            state.link(i, new_position[key], "identical", 1.0)


def _best_two(scores: list[tuple[float, int]]) -> tuple[float, int, float]:
    """Best (score, index) and the runner-up's score; ties go to the lower index."""
    ranked = sorted(scores, key=lambda s: (-s[0], s[1]))
    best, index = ranked[0]
    runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
    return best, index, runner_up


def near_pass(state: State, options: AlignOptions) -> None:
    for j, partner in enumerate(state.new_partner):
        if partner is not None:
            continue
        scored = [(state.score(i, j), i) for i in state.old_candidates[j] if state.old_partner[i] is None]
        if not scored:
            continue
        best, i, runner_up = _best_two(scored)
        if best < max(options.near_threshold, options.threshold) or best - runner_up < NEAR_MARGIN:
            continue
        back = [(state.score(i, k), k) for k in state.new_candidates[i] if state.new_partner[k] is None]
        if j not in [k for _, k in back]:
            back.append((best, j))
        best_back, k, runner_back = _best_two(back)
        if k == j and best_back - runner_back >= NEAR_MARGIN:
            state.link(i, j, "near-identical", best)


CUT_MIN_TOKENS = 3
"""A cut provision keeping this many tokens is recognised by its beginning wherever it stands
after its predecessor's partner; one keeping fewer (`Takes`, `重申`: an excerpt that stops a
word or two in) only as the provision right after the partner of the paragraph just before
it, since a word or two begin many paragraphs."""


def cut_pass(state: State, old_cut: bool, new_cut: bool) -> None:
    """The last provision of an excerpt that stops mid-sentence (`又欢迎在这方面高`) is the
    beginning of a provision of the other version, not a provision removed while another was
    added: pair it with the unmatched provision of the other side that begins with its words
    (folded, spaces aside) and stands after the partner of its nearest matched predecessor,
    when exactly one does."""
    for cut_side in ("old", "new"):
        if not (old_cut if cut_side == "old" else new_cut):
            continue
        keys, other_keys = (
            (state.old_keys, state.new_keys) if cut_side == "old" else (state.new_keys, state.old_keys)
        )
        partner, other_partner = (
            (state.old_partner, state.new_partner)
            if cut_side == "old"
            else (state.new_partner, state.old_partner)
        )
        codes = state.old_codes if cut_side == "old" else state.new_codes
        c = len(keys) - 1
        if c < 0 or partner[c] is not None or not codes[c]:
            continue
        head = spaceless(keys[c])
        after = next((p for k in range(c - 1, -1, -1) if (p := partner[k]) is not None), -1)
        found = [
            k
            for k, key in enumerate(other_keys)
            if other_partner[k] is None and spaceless(key).startswith(head)
        ]
        found = [k for k in found if k > after]
        if len(codes[c]) < CUT_MIN_TOKENS:
            # only right after the partner of the paragraph just before it
            before = partner[c - 1] if c > 0 else None
            found = [k for k in found if before is not None and k == before + 1]
        if len(found) != 1:  # none, or a repeated text: left to the ordered passes
            continue
        k = found[0]
        i, j = (c, k) if cut_side == "old" else (k, c)
        state.link(i, j, "cut", 1.0)


def backbone(state: State) -> list[tuple[int, int]]:
    """The matches that kept their relative order (an LIS of new positions in old order)."""
    matches = state.matches()
    keep = longest_increasing_subsequence([j for _, j in matches])
    return [matches[k] for k in keep]


def _gaps(state: State) -> list[tuple[range, range]]:
    """Old and new position ranges strictly between consecutive backbone matches."""
    fence = [(-1, -1), *backbone(state), (len(state.old_keys), len(state.new_keys))]
    return [
        (range(i0 + 1, i1), range(j0 + 1, j1))
        for (i0, j0), (i1, j1) in pairwise(fence)
        if i1 - i0 > 1 and j1 - j0 > 1
    ]


def _better_elsewhere(state: State, i: int, j: int, olds: range, news: range, score: float) -> bool:
    """Whether old i or new j has an unmatched partner outside this gap that is clearly
    better: then the in-gap pair is a coincidence and the provision has moved."""
    bar = score + ELSEWHERE_MARGIN
    for k in state.new_candidates[i]:
        if k not in news and state.new_partner[k] is None and state.score(i, k) >= bar:
            return True
    return any(
        k not in olds and state.old_partner[k] is None and state.score(k, j) >= bar
        for k in state.old_candidates[j]
    )


def _repeats_in_order(state: State, olds: list[int], news: list[int]) -> list[tuple[int, int]]:
    """Texts repeated verbatim (formulas the candidate filter ignores as too common): the
    k-th occurrence in the old gap is a candidate for the k-th in the new gap."""
    by_key: dict[str, list[int]] = {}
    for j in news:
        by_key.setdefault(state.new_keys[j], []).append(j)
    seen: dict[str, int] = {}
    pairs = []
    for i in olds:
        key = state.old_keys[i]
        k = seen.get(key, 0)
        seen[key] = k + 1
        if k < len(by_key.get(key, ())):
            pairs.append((i, by_key[key][k]))
    return pairs


def _contained(state: State, i: int, j: int, options: AlignOptions) -> bool:
    """The shorter text lies almost whole in the longer one (`GAP_CONTAIN`, or the threshold
    when that is stricter): a provision cut down or extended, whatever the similarity."""
    return state.shorter(i, j) >= GAP_CONTAIN_TOKENS and state.containment(i, j) >= max(
        GAP_CONTAIN, options.threshold
    )


def gap_pass(state: State, options: AlignOptions) -> None:
    for olds, news in _gaps(state):
        free_old = [i for i in olds if state.old_partner[i] is None]
        free_new = [j for j in news if state.new_partner[j] is None]
        if not free_old or not free_new:
            continue
        if len(free_old) * len(free_new) <= EXHAUSTIVE_PAIRS:
            pairs = [(i, j) for i in free_old for j in free_new]
        else:
            wanted = set(free_new)
            pairs = [(i, j) for i in free_old for j in state.new_candidates[i] if j in wanted]
            seen = set(pairs)
            old_free = set(free_old)
            pairs += [
                (i, j)
                for j in free_new
                for i in state.old_candidates[j]
                if i in old_free and (i, j) not in seen
            ]
            pairs += [pair for pair in _repeats_in_order(state, free_old, free_new) if pair not in seen]
            pairs = sorted(set(pairs))
        weighted = []
        for i, j in pairs:
            score = state.score(i, j)
            if (score >= options.threshold or _contained(state, i, j, options)) and not _better_elsewhere(
                state, i, j, olds, news, score
            ):
                weighted.append((i, j, score))
        for k in heaviest_chain(weighted):
            i, j, score = weighted[k]
            method: Method = (
                "identical" if score == 1.0 else "gap" if score >= options.threshold else "contained"
            )
            state.link(i, j, method, score)


def content_pass(state: State, options: AlignOptions) -> None:
    """Match what is left on content alone, best score first.

    Candidates come from both directions of the shingle index (a short provision may find a
    long one that the long one's rarest shingles miss); each pair is scored once.
    """
    free_old = [i for i, partner in enumerate(state.old_partner) if partner is None]
    free_new = [j for j, partner in enumerate(state.new_partner) if partner is None]
    candidates = {(i, j) for i in free_old for j in state.new_candidates[i] if state.new_partner[j] is None}
    candidates |= {(i, j) for j in free_new for i in state.old_candidates[j] if state.old_partner[i] is None}
    pairs = []
    for i, j in candidates:
        score = state.score(i, j)
        if score >= options.threshold + options.content_margin:
            pairs.append((-score, i, j))
    for negative, i, j in sorted(pairs):
        if state.old_partner[i] is None and state.new_partner[j] is None:
            state.link(i, j, "content", -negative)
