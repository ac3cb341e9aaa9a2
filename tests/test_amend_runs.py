"""Deleting a run of paragraphs in one amendment (`DeleteProvision` of several, issue 12): derive writes
consecutive deletions as "Delete operative paragraphs 5 to 7" / "删除执行部分第5段至第7段",
the text form reads back, a typed range takes the subparagraphs inside it, and apply,
rebase and compile treat it as the deletions it stands for. Real texts: the seed (Chinese,
A/HRC/RES/25/3) and A/C.3/78/L.41 (English)."""

from __future__ import annotations

import json

import jsonschema
import pytest

from engine import api
from engine.amend import AmendmentList, DeleteProvision, apply, derive
from engine.amend.actions import OPERATIONS
from engine.amend.compile import compile_lists
from engine.amend.jsonform import dumps, loads
from engine.amend.parse import parse
from engine.amend.rebase import rebase
from engine.amend.text import render_text
from engine.diff import compare
from engine.errors import AmendmentError
from engine.model import Resolution
from engine.render.compilation_docx import render_docx

from . import revise
from .docx_revisions import resolve
from .test_amend import HISTORY, SCHEMA, load
from .test_cli import SEED
from .test_compile import texts

ZH = api.read_file(SEED)
L41 = load(HISTORY.find("A/C.3/78/L.41", "en"))


def without(res: Resolution, *pids: str) -> Resolution:
    for pid in pids:
        res = revise.delete(res, pid)
    return res


def folded(res: Resolution) -> list[tuple[str, str]]:
    return [(p.id, " ".join(p.text.split())) for p in res.provisions]


def test_consecutive_deletions_are_one_amendment_in_both_languages() -> None:
    # op5 to op7 and pp2, pp3 of the seed; op9 alone stays one deletion
    new = without(ZH, "op9", "op7", "op6", "op5", "pp3", "pp2")
    listed = derive(compare(ZH, new))
    assert render_text(listed) == (
        "删除序言部分第二段和第三段。\n删除执行部分第5段至第7段。\n删除执行部分第9段。\n"
    )
    assert listed.amendments[1] == DeleteProvision(
        ("op5", "op6", "op7"), ("执行部分第5段", "执行部分第6段", "执行部分第7段")
    )
    assert isinstance(listed.amendments[2], DeleteProvision)
    assert folded(apply(ZH, listed.amendments)) == folded(new)
    assert parse(render_text(listed), ZH) == listed
    data = json.loads(dumps(listed))
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert loads(dumps(listed)).amendments == listed.amendments

    english = derive(compare(L41, without(L41, "op4", "op3", "op2")))
    assert render_text(english) == "Delete operative paragraphs 2 to 4.\n"
    assert parse(render_text(english), L41) == english


def test_a_typed_range_reads_as_negotiators_write_it() -> None:
    typed = (
        "Delete operative paragraphs 28 to 30.\n"
        "Delete the first and second preambular paragraphs.\n"
        "Delete operative paragraph 10 and operative paragraph 12.\n"
    )
    listed = parse(typed, L41)
    first = listed.amendments[0]
    assert isinstance(first, DeleteProvision)
    # the last paragraph's subparagraphs go with it: a range deletes what it spans
    assert first.targets == ("op28", "op29", "op30", *(f"op30.{c}" for c in "abcdefg"))
    assert listed.amendments[1] == DeleteProvision(
        ("pp1", "pp2"), ("the first preambular paragraph", "the second preambular paragraph")
    )
    assert listed.amendments[2] == DeleteProvision(
        ("op10", "op12"), ("operative paragraph 10", "operative paragraph 12")
    )
    amended = apply(L41, listed.amendments)
    assert len(amended.provisions) == len(L41.provisions) - 14
    assert parse(render_text(listed), L41).amendments[1:] == listed.amendments[1:]
    chinese = parse("删除执行部分第5段至第7段。\n删除序言部分第二段到第三段\n", ZH)
    assert [a.targets for a in chinese.amendments] == [("op5", "op6", "op7"), ("pp2", "pp3")]  # type: ignore[union-attr]


def test_a_run_is_rebased_and_compiled_as_its_deletions() -> None:
    listed = parse("删除执行部分第5段至第7段。\n", ZH)
    rev1 = revise.insert_after(ZH, "op2", "欢迎修订稿新增的段落；")
    rebased = rebase(listed, compare(ZH, rev1))
    assert rebased.complete
    assert render_text(rebased.amendments) == "删除执行部分第6段至第8段。\n"
    # the revision deleted one of them already: the rest is carried
    partly = rebase(listed, compare(ZH, revise.delete(ZH, "op6")))
    assert render_text(partly.amendments) == "删除执行部分第5段和第6段。\n"
    # compiled: each paragraph of the run shows the deletion, and the one list has no conflict
    named = AmendmentList(listed.amendments, "zh", proposer="古巴")
    compilation = compile_lists(ZH, [named])
    assert compilation.conflicts == 0
    whole = {e.label: [p.amendment for p in e.whole] for e in compilation.entries if e.whole}
    assert list(whole) == ["OP5", "OP6", "OP7"]
    # in Word: accepting the revisions is apply, rejecting them the base
    data = render_docx(compilation)
    assert resolve(data, accept=True) == texts(apply(ZH, listed.amendments))
    assert resolve(data, accept=False) == texts(ZH)


def test_a_reference_with_a_comma_is_still_one_deletion() -> None:
    """`the first preambular paragraph, subparagraph (a)` holds a comma: a list of
    references is split only where each part is a reference."""
    from engine.amend.refs import reference
    from engine.model import Metadata, Provision, renumber

    base = Resolution(
        Metadata(language="en"),
        renumber([
            Provision("pp0", "preamble", "Recalling its resolutions:"),
            Provision("pp0.a", "preamble", "resolution 1,", "a"),
            Provision("pp0.a", "preamble", "resolution 2,", "b"),
            Provision("op0", "operative", "Decides to act;", "1"),
        ]),
    )  # fmt: skip
    one = parse("Delete the first preambular paragraph, subparagraph (a).\n", base)
    assert one.amendments == (
        DeleteProvision.one("pp1.a", "the first preambular paragraph, subparagraph (a)"),
    )
    both = AmendmentList(
        (
            DeleteProvision(
                ("pp1.a", "pp1.b"), tuple(reference(base, pid, "en") for pid in ("pp1.a", "pp1.b"))
            ),
        ),
        "en",
    )
    assert render_text(both) == (
        "Delete the first preambular paragraph, subparagraph (a) and the first preambular paragraph, "
        "subparagraph (b).\n"
    )
    assert parse(render_text(both), base).amendments == both.amendments


def test_and_names_two_paragraphs_not_the_range_between_them() -> None:
    """`Delete operative paragraphs 5 and 7` / `删除执行部分第15段和第17段` deletes those two:
    read as a range, it deleted 6 (16) too, and nothing said so."""
    english = parse("Delete operative paragraphs 5 and 7.\n", L41).amendments
    assert english == (DeleteProvision(("op5", "op7"), ("operative paragraph 5", "operative paragraph 7")),)
    chinese = parse("删除执行部分第15段和第17段。\n删除序言部分第二段和第四段。\n", ZH).amendments
    assert chinese == (
        DeleteProvision(("op15", "op17"), ("执行部分第15段", "执行部分第17段")),
        DeleteProvision(("pp2", "pp4"), ("序言部分第二段", "序言部分第四段")),
    )
    amended = apply(ZH, chinese)
    assert len(amended.provisions) == len(ZH.provisions) - 4
    assert ZH.provision("op16").text in {p.text for p in amended.provisions}
    assert ZH.provision("pp3").text in {p.text for p in amended.provisions}
    # two neighbours joined by "and" are still the run they name
    assert parse("删除执行部分第15段和第16段。\n", ZH).amendments[0].targets == ("op15", "op16")  # type: ignore[union-attr]


def test_a_deletion_is_one_action_whether_it_takes_one_paragraph_or_several() -> None:
    """One type, one operation in the JSON: a deletion of one paragraph is a deletion of a
    run of one (it was `DeleteProvision` beside `DeleteProvisions`, the same action twice)."""
    assert [name for name in OPERATIONS if name.startswith("delete-provision")] == ["delete-provision"]
    listed = parse("Delete operative paragraph 7.\nDelete operative paragraphs 2 to 4.\n", L41)
    assert listed.amendments == (
        DeleteProvision(("op7",), ("operative paragraph 7",)),
        DeleteProvision(("op2", "op3", "op4"), tuple(f"operative paragraph {n}" for n in (2, 3, 4))),
    )
    data = json.loads(dumps(listed))
    assert [(a["operation"], a["targets"]) for a in data["amendments"]] == [
        ("delete-provision", ["op7"]),
        ("delete-provision", ["op2", "op3", "op4"]),
    ]
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert loads(dumps(listed)).amendments == listed.amendments


def test_lists_written_in_the_earlier_deletion_forms_are_still_read() -> None:
    """`delete-provision` with one `target` and `ref`, and `delete-provisions`, as lists were
    written before the two were one: read as the one form (so resdiff.amendments/1 stays)."""
    earlier = {
        "schema": "resdiff.amendments/1",
        "language": "en",
        "amendments": [
            {
                "operation": "delete-provision",
                "target": "op7",
                "ref": "operative paragraph 7",
                "proposer": "Chile",
            },
            {
                "operation": "delete-provisions",
                "targets": ["op2", "op3"],
                "refs": ["operative paragraph 2", "operative paragraph 3"],
            },
        ],
        "not_carried": [
            {
                "index": 3,
                "line": None,
                "reason": "already-made",
                "message": "the revision already deleted it",
                "amendment": {
                    "operation": "delete-provision",
                    "target": "op9",
                    "ref": "operative paragraph 9",
                },
            }
        ],
    }
    listed = loads(json.dumps(earlier))
    assert listed.amendments == (
        DeleteProvision(("op7",), ("operative paragraph 7",), "Chile"),
        DeleteProvision(("op2", "op3"), ("operative paragraph 2", "operative paragraph 3")),
    )
    assert render_text(listed) == (
        "Delete operative paragraph 7. (proposed by Chile)\nDelete operative paragraphs 2 and 3.\n"
    )


def test_a_deletion_names_each_provision_it_takes() -> None:
    data = {
        "schema": "resdiff.amendments/1",
        "language": "en",
        "amendments": [
            {"operation": "delete-provision", "targets": ["op2", "op3"], "refs": ["operative paragraph 2"]}
        ],
    }
    with pytest.raises(AmendmentError) as caught:
        loads(json.dumps(data), "list.json")
    assert str(caught.value) == (
        "list.json: not a resdiff.amendments/1 list: amendment 1: 2 targets but 1 refs "
        "(one reference a provision)"
    )
