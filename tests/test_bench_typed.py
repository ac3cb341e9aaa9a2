"""The typed-draft benchmark: how pairs are typed and how read provisions are matched to gold.

These prove the measuring instrument (labels, numbering faults, the gold-to-read matching)
on small hand-made cases, so that a low end-to-end figure in `make bench` is the reader's,
not the harness's.
"""

from __future__ import annotations

import random
from dataclasses import replace
from itertools import pairwise

from benchmarks.mutate import PROGRAMMES, Case, make_case
from benchmarks.score import Group
from benchmarks.texts import Para, build, foreign_paragraphs, load_base
from benchmarks.typed import (
    TypedCase,
    faulty_numbers,
    id_map,
    misreading,
    model_scores,
    negotiation_labels,
    render,
    run_case,
    typed,
)
from engine.model import Provision, Resolution, renumber

OLD = build(
    [
        Para("Recalling its resolutions,", "pp"),
        Para("Noting the report,", "pp"),
        Para("Decides one thing;", "op"),
        Para("Decides another thing;", "op"),
        Para("Decides a third thing.", "op"),
    ],
    "en",
)
NEW = build(
    [
        Para("Recalling its resolutions,", "pp"),
        Para("Decides one thing;", "op"),
        Para("Invites everyone;", "op"),
        Para("Decides a third thing.", "op"),
        Para("Decides another thing, as amended;", "op"),
    ],
    "en",
)
GOLD = (
    Group("unchanged", ("pp1",), ("pp1",)),
    Group("removed", ("pp2",), ()),
    Group("unchanged", ("op1",), ("op1",)),
    Group("added", (), ("op2",)),
    Group("unchanged", ("op3",), ("op3",)),
    Group("reworded", ("op2",), ("op4",), True),
)


def test_negotiation_labels_never_shift() -> None:
    old, new = negotiation_labels(OLD, NEW, GOLD, " ")
    assert old == {"pp1": "PP1 ", "pp2": "PP2 ", "op1": "OP1 ", "op2": "OP2 ", "op3": "OP3 "}
    # the added paragraph is labelled after the one before it; the moved one keeps OP2
    assert new == {"pp1": "PP1 ", "op1": "OP1 ", "op2": "OP1 bis ", "op3": "OP3 ", "op4": "OP2 "}


def test_a_split_half_and_a_second_insertion_take_the_next_suffixes() -> None:
    new = build(
        [Para("Decides one thing", "op"), Para("in two halves;", "op"), Para("Invites all;", "op")], "en"
    )
    old = build([Para("Decides one thing in two halves;", "op")], "en")
    gold = (Group("split", ("op1",), ("op1", "op2")), Group("added", (), ("op3",)))
    _, labels = negotiation_labels(old, new, gold, ". ")
    assert labels == {"op1": "OP1. ", "op2": "OP1 bis. ", "op3": "OP1 ter. "}


def test_hand_numbering_has_exactly_one_fault() -> None:
    for seed in range(30):
        numbers, fault = faulty_numbers(NEW, random.Random(seed)) or ({}, "")
        printed = [int(numbers[pid].rstrip(". ")) for pid in ("op1", "op2", "op3", "op4")]
        steps = [b - a for a, b in pairwise(printed)]
        assert printed[0] == 1
        assert sorted(steps) in ([0, 1, 1], [1, 1, 2]), (printed, fault)
        assert fault.split()[0] == ("repeat" if 0 in steps else "skip")


def test_hand_numbering_needs_two_operative_paragraphs() -> None:
    one = build([Para("Recalling,", "pp"), Para("Decides.", "op")], "en")
    assert faulty_numbers(one, random.Random(0)) is None


def test_render_types_one_block_per_provision() -> None:
    res = build([Para("Recalling,", "pp"), Para("Calls upon States:", "op"), Para("To act;", "op", 1)], "en")
    text = render(res, {"op1": "1. "}, "A title", "The General Assembly,")
    assert text.split("\n\n") == [
        "A title",
        "The General Assembly,",
        "Recalling,",
        "1. Calls upon States:",
        "(a) To act;\n",
    ]


def read_like(
    res: Resolution, glue: tuple[int, int] | None = None, relabel: dict[int, str] | None = None
) -> Resolution:
    """A stand-in for a read model: the gold provisions, two of them glued, or one in another part."""
    provisions = list(res.provisions)
    if glue:
        a, b = glue
        provisions[a : b + 1] = [replace(provisions[a], text=provisions[a].text + " " + provisions[b].text)]
    if relabel:
        for k, pid in relabel.items():
            provisions[k] = Provision(id=pid, kind="operative", text=provisions[k].text)
    return replace(res, provisions=renumber(provisions))


def test_id_map_matches_in_order_and_leaves_glued_provisions_out() -> None:
    read = read_like(NEW, glue=(2, 3))  # op2 + op3 read as one paragraph
    assert [p.id for p in read.provisions] == ["pp1", "op1", "op2", "op3"]
    assert id_map(NEW, read) == {"pp1": "pp1", "op1": "op1", "op3": "op4"}


def test_id_map_wants_the_right_part() -> None:
    read = read_like(OLD, relabel={1: "op0"})  # "Noting the report," read as operative
    assert id_map(OLD, read) == {"pp1": "pp1", "op2": "op1", "op3": "op2", "op4": "op3"}


def test_id_map_ignores_space_width_and_case() -> None:
    zh = build([Para("重申其决议，", "pp"), Para("决定继续审议。", "op")], "zh")
    read = replace(zh, provisions=(replace(zh.provisions[0], text="重申其决议,"), zh.provisions[1]))
    assert id_map(zh, read) == {"pp1": "pp1", "op1": "op1"}


def typed_case(style: str) -> TypedCase:
    meta, paras = load_base("en-a-res-51-100")
    case = make_case(
        "en/en-a-res-51-100/reword-1", "en", paras, PROGRAMMES["reword-1"], 0, foreign_paragraphs("en")
    )
    assert case is not None
    return next(t for t in typed(case, meta, heldout=False) if t.style == style)


def test_a_cleanly_typed_pair_loses_nothing_in_reading() -> None:
    """The real reader on a real text typed cleanly: the end-to-end score is the model score.
    (A guard on the harness: if this fails, the matching is wrong, or the reader lost ground
    it holds today.)"""
    case = typed_case("typed")
    assert "\n\n1. Supports the consultations" in case.old_text
    models = model_scores([case_from(case)])
    r = run_case(case, models[case.base_case])
    assert r.read_right == r.gold_provisions == 10
    assert r.e2e.score.exact == r.models.score.exact == r.e2e.score.provisions
    assert not r.errors and not r.wrong_language


def test_a_glued_pair_is_scored_as_lost_provisions() -> None:
    """Type the new side with its two operative paragraphs run into one block: the reader
    cannot see two, so both count as wrong and the rest stays right."""
    case = typed_case("typed")
    glued = case.new_text.replace(";\n\n2. Invites", "; and invites")
    assert glued != case.new_text
    r = run_case(replace(case, new_text=glued), model_scores([case_from(case)])[case.base_case])
    assert r.read_right == r.gold_provisions - 2
    assert r.misread == {"glued to a neighbour": 2}
    # old op1, op2 and new op1, op2 are wrong; pp1..pp3 on both sides right
    assert (r.e2e.score.provisions - r.e2e.score.exact) == 4


def case_from(t: TypedCase) -> Case:
    return Case(t.base_case, t.lang, t.old, t.new, t.gold)


def test_misreading_tells_a_left_label_from_a_short_neighbour() -> None:
    gold = NEW.provisions[2]  # op2 "Invites everyone;"

    def read_as(text: str) -> Resolution:
        return replace(NEW, provisions=(replace(gold, id="op1", text=text),))

    with_label, number = read_as("OP1 bis Invites everyone;"), read_as("3. Invites everyone;")
    glued = read_as("Recalling, Invites everyone;")
    assert misreading(gold, with_label) == "label or number left in the text"
    assert misreading(gold, number) == "label or number left in the text"
    assert misreading(gold, glued) == "glued to a neighbour"
