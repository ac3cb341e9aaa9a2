"""The aligner on its own: passes, order statistics, thresholds."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.align import AlignOptions, align, fold
from engine.align.lis import heaviest_chain, longest_increasing_subsequence
from engine.errors import ResdiffError

from .strategies import edited_pairs

A = "Reaffirms that all human rights are universal, indivisible and interdependent;"
B = "Calls upon all States to cooperate fully with the special procedures of the Council;"
C = "Requests the Secretary-General to submit a report to the General Assembly at its next session;"
D = "Decides to continue its consideration of the question at its eightieth session under the same item."
E = "Welcomes the contribution of civil society organizations to the universal periodic review;"
FOREIGN = "Notes with appreciation the fisheries agreement on the conservation of highly migratory stocks;"


def links(
    old: list[str], new: list[str], **options: float
) -> list[tuple[tuple[int, ...], tuple[int, ...], str, bool]]:
    alignment = align(old, new, AlignOptions(**options))
    return [(link.old, link.new, link.method, link.moved) for link in alignment.links]


def test_lis_is_longest_and_increasing() -> None:
    values = [3, 1, 4, 1, 5, 9, 2, 6]
    picked = longest_increasing_subsequence(values)
    chosen = [values[k] for k in picked]
    assert chosen == sorted(set(chosen)) and len(chosen) == 4


@given(st.lists(st.integers(0, 20), max_size=30))
def test_lis_property(values: list[int]) -> None:
    picked = longest_increasing_subsequence(values)
    chosen = [values[k] for k in picked]
    assert all(a < b for a, b in itertools.pairwise(chosen))
    assert picked == sorted(picked)
    # No longer strictly increasing subsequence exists (quadratic check on small input).
    best = [1] * len(values)
    for k in range(len(values)):
        for m in range(k):
            if values[m] < values[k]:
                best[k] = max(best[k], best[m] + 1)
    assert len(picked) == max(best, default=0)


def test_heaviest_chain_prefers_weight_and_order() -> None:
    pairs = [(0, 1, 0.9), (1, 0, 0.5), (1, 2, 0.4), (2, 2, 0.8)]
    chain = heaviest_chain(pairs)
    assert [pairs[k][:2] for k in chain] == [(0, 1), (2, 2)]


def test_fold_ignores_whitespace_and_width() -> None:
    assert fold("回顾 2013 年，大会（A/68/1）") == fold("回顾2013年,大会(A/68/1)")
    assert fold("a  b\n c") == "a b c"


def test_identical_texts_are_anchors() -> None:
    assert links([A, B, C], [A, B, C]) == [
        ((0,), (0,), "identical", False),
        ((1,), (1,), "identical", False),
        ((2,), (2,), "identical", False),
    ]


def test_insertion_above_is_not_a_move() -> None:
    result = links([A, B, C, D], [A, FOREIGN, B, C, D])
    assert all(not moved for *_, moved in result)
    assert align([A, B, C, D], [A, FOREIGN, B, C, D]).added == (1,)


def test_move_forward_and_backward() -> None:
    forward = links([A, B, C, D, E], [A, C, D, B, E])
    assert [(o, n) for o, n, _, moved in forward if moved] == [((1,), (3,))]
    backward = links([A, B, C, D, E], [A, D, B, C, E])
    assert [(o, n) for o, n, _, moved in backward if moved] == [((3,), (1,))]


def test_moved_and_edited_is_found_on_content() -> None:
    edited = B.replace("cooperate fully", "cooperate fully and constructively")
    result = links([A, B, C, D, E], [A, C, D, edited, E])
    assert ((1,), (3,), "near-identical", True) in result


def test_unrelated_text_is_removed_and_added() -> None:
    alignment = align([A, B, C], [A, FOREIGN, C])
    assert alignment.removed == (1,) and alignment.added == (1,)


def test_threshold_is_an_option() -> None:
    reworded = (
        "Calls upon all States and regional organizations to engage with the treaty bodies of the Council;"
    )
    lenient = align([A, B, C], [A, C, reworded], AlignOptions(threshold=0.3))
    strict = align([A, B, C], [A, C, reworded], AlignOptions(threshold=0.95))
    assert any(link.old == (1,) for link in lenient.links)
    assert strict.removed == (1,)


def test_bad_threshold_is_refused() -> None:
    with pytest.raises(ResdiffError):
        AlignOptions(threshold=1.5)


def test_repeated_formulas_match_in_order() -> None:
    old = [
        "Recalling its resolution 60/251;",
        "Recalling also its resolution 61/166;",
        "Recalling also its resolution 62/219;",
    ]
    new = [
        "Recalling its resolution 60/251;",
        "Recalling also its resolution 61/167;",
        "Recalling also its resolution 62/220;",
    ]
    assert [(o, n) for o, n, _, _ in links(old, new)] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


def test_verbatim_repeats_pair_in_order() -> None:
    old = [A] + ["Recalling also its resolution on the matter;"] * 40 + [D]
    new = [A] + ["Recalling also its resolution on the matter;"] * 41 + [D]
    alignment = align(old, new)
    assert len(alignment.links) == 42 and not any(link.moved for link in alignment.links)


def test_split_by_concatenation() -> None:
    whole = (
        "Calls upon States to ratify the Convention, to withdraw their reservations"
        " and to report to the Committee;"
    )
    parts = [
        "Calls upon States:",
        "To ratify the Convention;",
        "To withdraw their reservations;",
        "To report to the Committee;",
    ]
    alignment = align([A, whole, D], [A, *parts, D])
    assert [(link.old, link.new, link.method) for link in alignment.links if link.method == "split"] == [
        ((1,), (1, 2, 3, 4), "split")
    ]


def test_merge_by_concatenation() -> None:
    alignment = align([A, B, C, D], [A, B[:-1] + ", and " + C[0].lower() + C[1:], D])
    assert [(link.old, link.new) for link in alignment.links if link.method == "merge"] == [((1, 2), (1,))]


def test_every_position_once() -> None:
    old, new = [A, B, C, D, E], [E, FOREIGN, C, A]
    alignment = align(old, new)
    olds = [i for link in alignment.links for i in link.old] + list(alignment.removed)
    news = [j for link in alignment.links for j in link.new] + list(alignment.added)
    assert sorted(olds) == list(range(len(old))) and sorted(news) == list(range(len(new)))


# Real pairs (texts as the reader gives them, from benchmarks/data/raw).
VIENNA = (
    "Bearing in mind also the Vienna Declaration and Programme of Action, adopted by the World"
    " Conference on Human Rights on 25 June 1993,"
)
ARRANGEMENTS = (
    "Recalling that the World Conference on Human Rights reiterated the need to consider the possibility"
    " of establishing regional and subregional arrangements for the promotion and protection of human"
    " rights where they do not already exist,"
)
MERGED = (
    "Recalling the Vienna Declaration and Programme of Action adopted by the World Conference on Human"
    " Rights in June 1993 (A/CONF.157/23) which reiterated, inter alia, the need to consider the"
    " possibility of establishing regional and subregional arrangements for the promotion and protection"
    " of human rights where they do not already exist,"
)


def test_merge_of_paragraphs_that_are_not_neighbours() -> None:
    """GA 51/102 -> CHR 1997/34: pp4 and pp6 became one paragraph; pp5 stayed."""
    old = [A, VIENNA, B, ARRANGEMENTS, D]
    new = [A, MERGED, B, D]
    merges = [(link.old, link.new, link.method) for link in align(old, new).links if len(link.old) > 1]
    assert merges == [((1, 3), (1,), "merge")]


def test_split_with_halves_swapped_zh() -> None:
    """GA 52/142 -> 53/158: the instruments went to a new first paragraph."""
    old = [
        "重申联合国所有会员国均有义务促进和保护《联合国宪章》以及《世界人权宣言》、国际人权盟约和可适用的其他人权文书中所载明的人权和基本自由，"
    ]
    new = [
        "遵循《联合国宪章》、《世界人权宣言》、国际人权盟约和其他人权文书，",
        "重申联合国所有会员国均有义务促进和保护人权和基本自由并履行它们根据这方面的各项国际文书承担的义务，",
    ]
    assert [(link.old, link.new) for link in align(old, new).links] == [((0,), (0, 1))]


def test_chapeau_joins_the_split_below_it() -> None:
    """GA 53/158 -> 55/114 op1: `欢迎：` + (a) came from one paragraph."""
    old = [
        "欢迎人权委员会关于伊朗伊斯兰共和国境内的人权情况特别代表的临时报告，并注意到特别代表的结论，"
        "即虽然伊朗有政治意愿推动社会向更容忍和更和平的方向发展，但是在某些部门从这个进程中受益的同时还有大量侵犯人权的事件发生；"
    ]
    new = ["欢迎：", "人权委员会伊朗伊斯兰共和国境内人权情况特别代表的临时报告；"]
    assert [(link.old, link.new, link.method) for link in align(old, new).links] == [((0,), (0, 1), "split")]


def test_unrelated_chapeau_stays_added() -> None:
    old = ["Welcomes the report of the Special Rapporteur on the situation of human rights;"]
    new = ["Calls upon States:", "The report of the Special Rapporteur on the situation of human rights;"]
    alignment = align(old, new)
    assert alignment.added == (0,)


def test_paragraph_cut_down_to_its_core_matches_in_place() -> None:
    """HRC 35/3 -> 44/11 pp1: the list of earlier resolutions was dropped (score 0.27)."""
    old_pp1 = (
        "重申人权委员会和人权理事会以往通过的所有关于人权与国际团结问题的决议和决定，包括人权委员会2005年4月20日"
        "第2005/55号决议和理事会2007年9月27日第6/3号决议、2008年3月27日第7/5号决议、2008年9月24日第9/2号决议、"
        "2009年10月1日第12/9号决议、2010年9月30日第15/13号决议、2011年6月16日第17/6号决议，"
    )
    new_pp1 = "重申人权委员会和人权理事会以往关于人权与国际团结的所有决议和决定，"
    first = "铭记《联合国宪章》的宗旨和原则，"
    last = "决定继续审议这一问题。"
    alignment = align([first, old_pp1, last], [first, new_pp1, last])
    assert [(link.old, link.new) for link in alignment.links] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert not alignment.added and not alignment.removed


def test_split_into_neighbours_that_were_cut_down() -> None:
    """A/C.3/66/L.32 -> HRC 19/33: one paragraph became two, each shortened and extended;
    each keeps under half of its words from the old one, so only neighbours qualify."""
    old = [
        "Recalling its adoption of the United Nations Millennium Declaration on 8 September 2000 and"
        " of its resolution 64/171 of 18 December 2009, Human Rights Council resolution 16/22 of 25"
        " March 2011 and the resolutions of the Commission on Human Rights on the enhancement of"
        " international cooperation in the field of human rights,"
    ]
    millennium = (
        "Recalling the adoption by the General Assembly of the United Nations Millennium Declaration"
        " on 8 September 2000, and the renewed commitments to achieve the Millennium Development Goals"
        " by their target date of 2015, as set out in the outcome document adopted at the High-level"
        " Plenary Meeting of the sixty-fifth session of the General Assembly on the Millennium"
        " Development Goals,"
    )
    decisions = (
        "Recalling also all decisions and resolutions of the Commission on Human Rights, the Human"
        " Rights Council and the General Assembly on the enhancement of international cooperation in"
        " the field of human rights, the latest of which being Council resolution 16/22 of 25 March"
        " 2011 and Assembly resolution 66/152 of 19 December 2011,"
    )
    assert [(link.old, link.new) for link in align(old, [millennium, decisions]).links] == [((0,), (0, 1))]
    apart = align(old, [millennium, E, decisions])
    assert [len(link.new) for link in apart.links] == [1]


@given(edited_pairs())
def test_every_position_once_under_structural_edits(pair: tuple[list[str], list[str]]) -> None:
    old, new = pair
    alignment = align(old, new)
    olds = [i for link in alignment.links for i in link.old] + list(alignment.removed)
    news = [j for link in alignment.links for j in link.new] + list(alignment.added)
    assert sorted(olds) == list(range(len(old))) and sorted(news) == list(range(len(new)))
    for link in alignment.links:
        assert list(link.old) == sorted(link.old) and list(link.new) == sorted(link.new)
        assert len(link.old) == 1 or len(link.new) == 1


def test_formulaic_text_is_still_matched() -> None:
    """Over a 13-word vocabulary every token bigram is common, so the bigram filter alone
    finds no candidate: lightly edited provisions that moved must still be matched, not
    reported as removed and added."""
    rng = random.Random(1)
    words = "recalling also its resolution human rights the of states council assembly decides requests"
    vocab = words.split()
    old = [" ".join(rng.choice(vocab) for _ in range(20)) for _ in range(400)]
    new = []
    for text in old:
        tokens = text.split()
        tokens[rng.randrange(20)] = rng.choice(vocab)
        new.append(" ".join(tokens))
    rng.shuffle(new)
    alignment = align(old, new)
    assert not alignment.removed and not alignment.added
