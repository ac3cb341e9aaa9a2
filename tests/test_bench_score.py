"""The benchmark's scorer, proven on small hand-made cases before it judges the aligner."""

from __future__ import annotations

import pytest

from benchmarks.moves import backbone_membership, moved_flags
from benchmarks.score import NONE_KIND, Group, Score, score

GOLD = [
    Group("unchanged", ("pp1",), ("pp1",)),
    Group("reworded", ("pp2",), ("pp2",)),
    Group("split", ("op1",), ("op1", "op1.a")),
    Group("merged", ("op2", "op3"), ("op2",)),
    Group("removed", ("op4",), ()),
    Group("added", (), ("op3",)),
]


def test_perfect_prediction_scores_one() -> None:
    s, misses = score(GOLD, GOLD)
    assert misses == []
    # links: pp1, pp2, op1->op1, op1->op1.a, op2->op2, op3->op2
    assert (s.links_gold, s.links_got, s.links_right) == (6, 6, 6)
    assert s.precision == s.recall == s.f1 == 1.0
    # provisions: old pp1 pp2 op1 op2 op3 op4, new pp1 pp2 op1 op1.a op2 op3
    assert (s.provisions, s.exact) == (12, 12)
    assert s.exact_share == 1.0
    assert s.moves_gold == s.moves_got == 0
    assert s.move_recall == s.move_precision == 1.0  # nothing to find, nothing claimed


def test_split_seen_as_reworded_plus_added() -> None:
    got = [g for g in GOLD if g.kind != "split"] + [
        Group("reworded", ("op1",), ("op1",)),
        Group("added", (), ("op1.a",)),
    ]
    s, misses = score(GOLD, got)
    assert (s.links_gold, s.links_got, s.links_right) == (6, 5, 5)
    assert s.precision == 1.0
    assert s.recall == pytest.approx(5 / 6)
    assert s.f1 == pytest.approx(2 * (5 / 6) / (1 + 5 / 6))
    # old op1, new op1, new op1.a are wrong; the other nine are right
    assert {(m.side, m.pid) for m in misses} == {("old", "op1"), ("new", "op1"), ("new", "op1.a")}
    assert s.exact == 9
    assert s.confusion[("split", "reworded")] == 2
    assert s.confusion[("split", "added")] == 1


def test_wrong_partner_is_a_miss_even_with_the_right_kind() -> None:
    gold = [Group("reworded", ("pp1",), ("pp2",)), Group("reworded", ("pp2",), ("pp1",))]
    got = [Group("reworded", ("pp1",), ("pp1",)), Group("reworded", ("pp2",), ("pp2",))]
    s, misses = score(gold, got)
    assert s.links_right == 0 and s.precision == 0.0 and s.recall == 0.0 and s.f1 == 0.0
    assert s.exact == 0 and len(misses) == 4


def test_moves() -> None:
    gold = [
        Group("unchanged", ("op1",), ("op3",), moved=True),
        Group("unchanged", ("op2",), ("op1",)),
        Group("unchanged", ("op3",), ("op2",)),
    ]
    got_none = [Group(g.kind, g.old, g.new, moved=False) for g in gold]
    s, misses = score(gold, got_none)
    assert (s.moves_gold, s.moves_got, s.moves_right) == (1, 0, 0)
    assert s.move_recall == 0.0 and s.move_precision == 1.0
    assert [(m.side, m.pid) for m in misses] == [("old", "op1"), ("new", "op3")]
    got_all = [Group(g.kind, g.old, g.new, moved=True) for g in gold]
    s, _ = score(gold, got_all)
    assert (s.moves_gold, s.moves_got, s.moves_right) == (1, 3, 1)
    assert s.move_recall == 1.0 and s.move_precision == pytest.approx(1 / 3)


def test_ambiguous_move_accepts_either_flag_and_is_not_counted() -> None:
    gold = [Group("unchanged", ("pp1",), ("pp2",), moved=None), Group("unchanged", ("pp2",), ("pp1",), None)]
    for flags in ((True, False), (False, True), (False, False)):
        got = [Group(g.kind, g.old, g.new, moved=f) for g, f in zip(gold, flags, strict=True)]
        s, misses = score(gold, got)
        assert misses == [] and s.moves_gold == s.moves_got == 0


def test_provision_the_prediction_forgets_is_wrong_and_counted() -> None:
    s, misses = score(GOLD, [g for g in GOLD if g.kind != "removed"])
    assert s.exact == 11 and misses[0].got is None
    assert s.confusion[("removed", NONE_KIND)] == 1
    s, _ = score(GOLD[:1], GOLD[:2])
    assert s.confusion[(NONE_KIND, "reworded")] == 2


def test_scores_add_up_across_cases() -> None:
    total = Score()
    for _ in range(3):
        s, _ = score(GOLD, GOLD)
        total += s
    assert total.cases == 3 and total.provisions == 36 and total.links_right == 18
    assert total.confusion[("split", "split")] == 9  # old op1, new op1, new op1.a


def test_backbone_membership() -> None:
    assert backbone_membership([0, 1, 2]) == [True, True, True]
    assert backbone_membership([2, 0, 1]) == [False, True, True]  # one moved down by two
    assert backbone_membership([1, 0, 2]) == [None, None, True]  # a swap: either moved
    assert backbone_membership([]) == []


def test_moved_flags_from_gold_links() -> None:
    old = ["pp1", "pp2", "pp3", "op1", "op2"]
    new = ["pp1", "pp2", "op1", "pp3", "op2"]  # hypothetical orders; ids only
    linked = [(("pp1",), ("pp2",)), (("pp2",), ("op1",)), (("pp3",), ("pp1",)), (("op1",), ("op2",))]
    flags = moved_flags(linked, old, new)
    # new positions in old order: 1, 2, 0, 4 -> pp3 moved; pp2 -> op1 crosses parts
    assert flags == [False, True, True, False]


def test_lineage_bars_judge_each_case_on_its_own() -> None:
    """A case under 5x is NOT met even when another is far over it: the whole history in
    one command, the shipped series one command each and the 20-version series are separate
    lines, and the engine alone is never a bar."""
    from benchmarks.lineage import LineageResult, bars
    from benchmarks.report import met

    result = LineageResult(
        table=[],
        whole_cold=0.47,
        whole_warm=0.09,
        whole_across_cold=0.6,
        whole_across_warm=0.15,
        history_cold=2.5,
        history_warm=1.7,
        across_cold=1.9,
        across_warm=1.2,
        synthetic=[("synthetic, 200 provisions, blame of v20 (en)", 2.48, 0.30)],
        engine=(0.28, 0.047),
        startup=0.18,
    )
    lines = bars(result, met)
    assert "one command (`history --timeline`): 0.47 s cold, **met**;" in lines[0]
    assert lines[1].endswith("the whole shipped history, one command: 0.47 s -> 0.09 s, 5.2x, **met**")
    assert lines[2].endswith("0.60 s -> 0.15 s, 4.0x, **NOT met**")
    assert lines[3].endswith("2.50 s -> 1.70 s, 1.5x, **NOT met**")
    assert lines[4].endswith("2.48 s -> 0.30 s, 8.3x, **met**")
    assert "met" not in lines[5]
