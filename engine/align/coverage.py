"""Splits and merges judged by *coverage*, for the ones concatenation cannot see.

`concat` compares one provision with the concatenation of its neighbours, an order-sensitive
score: it finds the textbook split (a paragraph cut in two, or into a chapeau and its
subparagraphs). Real successive resolutions do more: two preambular paragraphs a few places
apart become one (`Bearing in mind the Vienna Declaration…` + `Recalling that the World
Conference reiterated…`), or one paragraph is split and its halves swapped. There the
concatenation scores little better than the best single partner, but each part is plainly
*contained* in the whole and together they *cover* far more of it than any one does.

So, for each provision (the "whole") still on its own, the candidates from the shingle index
are kept when most of their tokens occur, in order, in the whole (`CONTAIN`); taken largest
first, each must add a fair share of the whole's tokens that no earlier part covered
(`MIN_GAIN`); a group of two or more is taken when its union covers clearly more of the whole
than the best single part (`COVER_MARGIN`). Parts cut down further, with only a third of
their tokens in the whole (`NEIGHBOUR_CONTAIN`), count only when the group is a run of
neighbours, where position backs the content. Containment and coverage come from the LCS of
token codes (rapidfuzz `LCSseq.opcodes`), so they cost about what a score costs; a whole
its partner already covers almost entirely is skipped (`_explained`).

A chapeau (`欢迎：`, `Calls upon States:`) left unmatched in front of a provision that came
from one whole is part of that whole: it is too short to cover anything, so it is attached
by rule (`attach_chapeaux`) when its words open, or occur in, the whole.
"""

from __future__ import annotations

from rapidfuzz.distance import LCSseq

from .links import Group
from .options import AlignOptions
from .state import State

CONTAIN = 0.5
"""Share of a part's tokens that must occur, in order, in the whole."""
NEIGHBOUR_CONTAIN = 0.3
"""The same, for parts that are neighbours of each other: cut down, but in place."""
MIN_GAIN = 0.15
"""Share of the whole's tokens that each part must cover beyond the parts before it."""
MIN_GAIN_TOKENS = 3
"""…and at least this many tokens, so that a formula (`Recalling also`) never qualifies."""
COVER_MARGIN = 0.15
"""How much more of the whole the group must cover than its best single part."""
CHAPEAU_CONTAIN = 0.8
"""Share of a chapeau's tokens that must occur in the whole."""


def covered(whole: str, part: str) -> set[int]:
    """Positions of `whole` matched by the LCS of the two token-code strings."""
    out: set[int] = set()
    for op in LCSseq.opcodes(whole, part):
        if op.tag == "equal":
            out.update(range(op.src_start, op.src_end))
    return out


def _select(whole: str, cover: dict[int, set[int]]) -> tuple[list[int], float] | None:
    """Greedy, largest first: the parts that each add a fair share of `whole`."""
    union: set[int] = set()
    members = []
    for k in sorted(cover, key=lambda k: (-len(cover[k]), k)):
        gain = len(cover[k] - union)
        if gain >= MIN_GAIN_TOKENS and gain >= MIN_GAIN * len(whole):
            members.append(k)
            union |= cover[k]
    if len(members) < 2:
        return None
    best = max(len(cover[k]) for k in members) / len(whole)
    share = len(union) / len(whole)
    if share < best + COVER_MARGIN:
        return None
    return sorted(members), share


def _group_for(whole: str, parts: dict[int, str]) -> tuple[list[int], float] | None:
    """The parts (by position, in order) that together cover `whole`, with the share of
    the whole they cover; None when no group of two qualifies.

    Parts mostly contained in the whole may stand anywhere; parts that were cut down
    further (`NEIGHBOUR_CONTAIN`) only count when the group is a run of neighbours, where
    position backs the content."""
    if not whole:
        return None
    hits = {k: covered(whole, code) for k, code in parts.items() if code}
    strict = {k: hit for k, hit in hits.items() if len(hit) >= CONTAIN * len(parts[k])}
    found = _select(whole, strict)
    if found is not None:
        return found
    loose = {k: hit for k, hit in hits.items() if len(hit) >= NEIGHBOUR_CONTAIN * len(parts[k])}
    found = _select(whole, loose)
    if found is not None and found[0] == list(range(found[0][0], found[0][-1] + 1)):
        return found
    return None


def _explained(state: State, one: int, partner: int | None, *, split: bool) -> bool:
    """Whether the partner already covers so much of the whole that no group can beat it
    by `COVER_MARGIN` (most provisions: unchanged or lightly edited), so the LCS of the
    candidates need not be computed."""
    if partner is None:
        return False
    i, j = (one, partner) if split else (partner, one)
    whole = len(state.old_codes[i]) if split else len(state.new_codes[j])
    return whole > 0 and state.lcs(i, j) / whole > 1 - COVER_MARGIN


def find_by_coverage(
    state: State,
    options: AlignOptions,
    taken_ones: set[int],
    taken: set[int],
    *,
    split: bool,
) -> list[Group]:
    """Splits (each old provision as the whole) or merges (each new one); `taken_ones` and
    `taken` hold the positions already in a group, on each side, and are updated."""
    ones, many = (state.old_partner, state.new_partner) if split else (state.new_partner, state.old_partner)
    one_codes, many_codes = (
        (state.old_codes, state.new_codes) if split else (state.new_codes, state.old_codes)
    )
    candidates = state.new_candidates if split else state.old_candidates
    out = []
    for one, partner in enumerate(ones):
        if one in taken_ones or _explained(state, one, partner, split=split):
            continue
        pool = [k for k in candidates[one] if (many[k] is None and k not in taken) or k == partner]
        if partner is not None and partner not in pool:
            pool.append(partner)
        found = _group_for(one_codes[one], {k: many_codes[k] for k in pool})
        if found is None:
            continue
        members, _ = found
        if partner is not None and partner not in members:
            continue  # a group would undo a match it does not explain
        olds, news = ((one,), tuple(members)) if split else (tuple(members), (one,))
        score = state.concat_score(olds, news)
        if score < options.threshold:
            continue
        if partner is not None:
            ones[one] = many[partner] = None
            del state.how[one if split else partner]
        taken_ones.add(one)
        taken.update(members)
        out.append(Group(olds, news, score))
    return out


def _opens(chapeau: str, whole: str) -> bool:
    """Whether the chapeau's words occur, in order, in the whole."""
    return bool(chapeau) and len(covered(whole, chapeau)) >= CHAPEAU_CONTAIN * len(chapeau)


def attach_chapeaux(state: State, groups: list[Group], options: AlignOptions) -> list[Group]:
    """Attach each unmatched chapeau to the whole its next provision came from.

    `groups` are the splits and merges so far (old positions, new positions, score); 1:1
    matches are read from `state`, and a 1:1 match that gains a chapeau leaves it.
    """
    result = list(groups)
    for split in (True, False):  # chapeaux on the new side (a split), then the old (a merge)
        keys, codes = (state.new_keys, state.new_codes) if split else (state.old_keys, state.old_codes)
        whole_codes = state.old_codes if split else state.new_codes
        partner, whole_partner = (
            (state.new_partner, state.old_partner) if split else (state.old_partner, state.new_partner)
        )
        member_of = {k: g for g, group in enumerate(result) for k in (group.new if split else group.old)}

        for c in range(len(keys) - 1):
            if partner[c] is not None or c in member_of or not keys[c].endswith(":"):
                continue
            nxt = c + 1
            whole = partner[nxt]
            if whole is not None and _opens(codes[c], whole_codes[whole]):
                olds: tuple[int, ...] = (whole,) if split else (c, nxt)
                news: tuple[int, ...] = (c, nxt) if split else (whole,)
                if state.concat_score(olds, news) < options.threshold:
                    continue
                partner[nxt] = whole_partner[whole] = None
                del state.how[whole if split else nxt]
                result.append(Group(olds, news, state.concat_score(olds, news)))
                member_of[c] = member_of[nxt] = len(result) - 1
            elif whole is None and nxt in member_of:
                g = member_of[nxt]
                olds, news = result[g].old, result[g].new
                wholes = olds if split else news
                if len(wholes) == 1 and _opens(codes[c], whole_codes[wholes[0]]):
                    # the chapeau goes in its place: the part below it need not be the group's first
                    olds, news = (
                        (olds, tuple(sorted((c, *news)))) if split else (tuple(sorted((c, *olds))), news)
                    )
                    if state.concat_score(olds, news) < options.threshold:
                        continue
                    result[g] = Group(olds, news, state.concat_score(olds, news))
                    member_of[c] = g
    return result
