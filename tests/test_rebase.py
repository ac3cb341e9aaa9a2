"""`resdiff rebase`: an amendment list re-targeted onto a revised base (issue 12).

Real texts with hand-built revisions (a paragraph inserted, one moved, one split, an
anchor reworded) in English (A/C.3/78/L.41) and Chinese (the seed, A/HRC/RES/25/3), golden
outputs compared exactly; every reason an amendment is not carried over, with its exact
message; and the properties under hypothesis: a revision that only moves paragraphs
changes references and nothing else, and a revision that touches no words the list
touches commutes with it (`apply(new, rebase(L))` is `apply(old, L + R)`, R the revision
written as amendments).
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from engine.align import fold
from engine.amend import (
    AmendmentList,
    DeleteProvision,
    DeleteWords,
    InsertProvision,
    InsertWords,
    Merge,
    MoveProvision,
    Piece,
    ReplaceProvision,
    ReplaceWords,
    Split,
    apply,
    derive,
)
from engine.amend.parse import parse
from engine.amend.rebase import rebase
from engine.amend.text import render_text
from engine.diff import compare
from engine.model import Resolution
from engine.store import canonical

from . import revise
from .helpers import DATA, resolution
from .test_amend import SCHEMA
from .test_cli import run

GOLDEN = Path(__file__).parent / "golden" / "rebase"
UPDATE = os.environ.get("RESDIFF_UPDATE_GOLDEN") == "1"


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


# -- real texts, hand-built revisions ------------------------------------------------------

L41 = canonical.loads((DATA / "a-c3-78-l41.en.md").read_text(encoding="utf-8"), "a-c3-78-l41.en.md")


def l41_rev1() -> Resolution:
    """Rev.1 of L.41: a paragraph inserted after OP2, OP8 moved to follow OP4, OP10 split
    at "reiterates the concern", and words inserted before an anchor of OP5."""
    r = revise.insert_after(L41, "op2", "Welcomes the new paragraph of Rev.1;")
    r = revise.reword(r, "op6", "by the President of", "established by the President of")
    r = revise.move_after(r, "op9", "op4")
    r = revise.split(r, "op11", "reiterates the concern", ";")
    r = revise.reword(
        r, "op12", "persons belonging to minorities", "persons belonging to national minorities"
    )
    return revise.delete(r, "op22")


TYPED_EN = (DATA / "l41-proposals.en.txt").read_text(encoding="utf-8")
"""A list typed against L.41 as a delegation would (labels, "the word(s)", curly quotes)."""


def test_a_typed_english_list_follows_l41_rev1(tmp_path: Path) -> None:
    old, new, listed = tmp_path / "l41.md", tmp_path / "rev1.md", tmp_path / "proposals.txt"
    old.write_text(canonical.dumps(L41), encoding="utf-8")
    new.write_text(canonical.dumps(l41_rev1()), encoding="utf-8")
    listed.write_text(TYPED_EN, encoding="utf-8")
    result = run("rebase", str(listed), str(old), str(new))
    assert result.returncode == 1, result.stderr
    golden("en-l41-rev1/expected.text", result.stdout)
    golden("en-l41-rev1/expected.stderr", result.stderr.replace(str(tmp_path), "TMP"))
    # the rebased list reads back and applies to Rev.1
    rebased = parse(result.stdout, l41_rev1())
    amended = apply(l41_rev1(), rebased.amendments)
    assert "Welcomes sincerely the continuing efforts" in amended.provision("op2").text
    assert "Nationality Law of 2019" in amended.provision("op4").text


def test_a_rebased_json_list_is_json_with_its_report(tmp_path: Path) -> None:
    old, new = tmp_path / "l41.md", tmp_path / "rev1.md"
    old.write_text(canonical.dumps(L41), encoding="utf-8")
    new.write_text(canonical.dumps(l41_rev1()), encoding="utf-8")
    listed = tmp_path / "list.json"
    typed = parse(TYPED_EN, L41)
    from engine.amend.jsonform import dumps, loads

    listed.write_text(dumps(typed), encoding="utf-8")
    result = run("rebase", str(listed), str(old), str(new))
    assert result.returncode == 1
    data = json.loads(result.stdout)
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    golden("en-l41-rev1/expected.json", result.stdout)
    assert [(item["index"], item["reason"]) for item in data["not_carried"]] == [
        (11, "words-changed"),
        (12, "target-deleted"),
    ]
    # the same list as the text form, carried the same way
    assert loads(result.stdout).amendments == rebase(typed, compare(L41, l41_rev1())).amendments.amendments


SEED_BASE = canonical.loads((DATA / "hrc-25-3.zh.md").read_text(encoding="utf-8"), "hrc-25-3.zh.md")
"""The seed (A/HRC/RES/25/3, Chinese) as tests/data keeps it."""


def seed_rev1() -> Resolution:
    r = revise.insert_after(SEED_BASE, "op2", "欢迎修订稿新增的段落；")
    r = revise.move_after(r, "op16", "op6")
    r = revise.split(r, "op17", "鼓励非政府组织")
    r = revise.reword(r, "op9", "技术援助", "技术和财政援助")
    return revise.reword(r, "op24", "2014年", "2015年")


TYPED_ZH = """\
在序言部分第三段中，将“第23/3号决议”改为"第24/1号决议"。
在执行部分第7段中，在“技术援助”之后插入“、财政援助”。
在执行部分第16段中，删除“积极”。
删除执行部分第15段
执行部分第5段之后插入一个新段落，内容如下：“决定继续审议这一问题；”
将执行部分第3段改为：“重申对话的重要性；”
在执行部分第22段中，将“2014年”改为“2015年”。
在执行部分第12段中，在“又注意到”之后插入“并欢迎”。
"""


def test_a_typed_chinese_list_follows_the_seed_rev1(tmp_path: Path) -> None:
    old, new, listed = tmp_path / "seed.md", tmp_path / "rev1.md", tmp_path / "proposals.txt"
    old.write_text(canonical.dumps(SEED_BASE), encoding="utf-8")
    new.write_text(canonical.dumps(seed_rev1()), encoding="utf-8")
    listed.write_text(TYPED_ZH, encoding="utf-8")
    result = run("rebase", str(listed), str(old), str(new))
    assert result.returncode == 1, result.stderr
    golden("zh-seed-rev1/expected.text", result.stdout)
    golden("zh-seed-rev1/expected.stderr", result.stderr.replace(str(tmp_path), "TMP"))
    rebased = parse(result.stdout, seed_rev1())
    amended = apply(seed_rev1(), rebased.amendments)
    assert amended.provision("op4").text == "重申对话的重要性；"  # op3 follows the insertion above
    assert "又注意到并欢迎联合国人权事务高级专员办事处" in amended.provision("op14").text
    # footnote markers of an edited provision stay with their words
    assert [r.marker for r in amended.provision("op14").footnotes] == ["2"]


@pytest.mark.parametrize(("header", "lang"), [("提案方：古巴", "zh"), ("Proposed by: Cuba", "en")])
def test_a_typed_list_rebased_keeps_its_proposer_line(tmp_path: Path, header: str, lang: str) -> None:
    """The rebased text of a list typed with `提案方：古巴` / `Proposed by: Cuba` says so too:
    it was dropped, and `compile` then refused the rebased list (no proposer)."""
    old, new, listed = tmp_path / "seed.md", tmp_path / "rev1.md", tmp_path / "proposals.txt"
    base = SEED_BASE if lang == "zh" else OLD
    rev1 = revise.insert_after(base, "op1", "欢迎新增的段落；" if lang == "zh" else "Notes;")
    old.write_text(canonical.dumps(base), encoding="utf-8")
    new.write_text(canonical.dumps(rev1), encoding="utf-8")
    body = "删除执行部分第15段。\n" if lang == "zh" else "Delete operative paragraph 3.\n"
    listed.write_text(f"{header}\n{body}", encoding="utf-8")
    result = run("rebase", str(listed), str(old), str(new))
    assert result.returncode == 0, result.stderr
    moved = "删除执行部分第16段。\n" if lang == "zh" else "Delete operative paragraph 4.\n"
    assert result.stdout == f"{header}\n{moved}"
    rebased = tmp_path / "rebased.txt"
    rebased.write_text(result.stdout, encoding="utf-8")
    compiled = run("compile", str(new), str(rebased), "--format", "json")
    assert compiled.returncode == 0, compiled.stderr
    assert json.loads(compiled.stdout)["lists"][0]["proposer"] == header.split("：")[-1].split(": ")[-1]


def test_rebasing_onto_the_same_base_carries_everything_unchanged(tmp_path: Path) -> None:
    listed = parse(TYPED_ZH, SEED_BASE)
    rebased = rebase(listed, compare(SEED_BASE, SEED_BASE))
    assert rebased.complete
    assert rebased.amendments.amendments == listed.amendments


# -- the reasons, with their messages -------------------------------------------------------

OLD = resolution(
    ["Recalling its resolution 23/3,"],
    [
        "Calls upon States to provide technical assistance to developing countries;",
        "Strongly urges all States to cooperate fully;",
        "Decides to act;",
        "Requests a report;",
    ],
)
OP = "operative paragraph"


def report(listed: list, new: Resolution) -> list[str]:
    rebased = rebase(AmendmentList(tuple(listed), "en"), compare(OLD, new))
    return [item.describe() for item in rebased.not_carried]


def test_an_amendment_the_revision_made_is_already_made() -> None:
    new = resolution(OLD.provisions[0:1] and ["Recalling its resolution 23/3,"], [
        "Calls upon States to provide technical assistance and capacity-building to developing countries;",
        "Strongly urges all States to cooperate fully;",
        "Requests a report;",
    ])  # fmt: skip
    assert report(
        [
            InsertWords("op1", f"{OP} 1", "assistance", "and capacity-building"),
            DeleteProvision.one("op3", f"{OP} 3"),
            ReplaceWords("op2", f"{OP} 2", "Strongly urges", "Urges"),
        ],
        new,
    ) == [
        "amendment 1 (operative paragraph 1) not carried over (already-made): the revision already made it",
        "amendment 2 (operative paragraph 3) not carried over (already-made): "
        "the revision already deleted it",
    ]


@pytest.mark.parametrize(
    ("after", "said"),
    [
        (2, "the revision already inserted it, as operative paragraph 3"),
        (0, "the revision already inserted it, as operative paragraph 1, "
            "not after operative paragraph 3 where this amendment puts it"),
    ],
)  # fmt: skip
def test_a_paragraph_the_revision_inserted_says_where(after: int, said: str) -> None:
    """The same paragraph inserted elsewhere than the list puts it is made, but not as
    proposed: the report says where it went, so the delegation can propose a move."""
    ops = [p.text for p in OLD.provisions if p.part == "op"]
    new = resolution(
        ["Recalling its resolution 23/3,"], [*ops[:after], "Decides to report back;", *ops[after:]]
    )
    listed = [InsertProvision("op2", f"{OP} 2", (Piece("Decides to report back;", "op", 0),), "after")]
    assert report(listed, new) == [
        f"amendment 1 (operative paragraph 2) not carried over (already-made): {said}"
    ]


def test_words_removed_changed_or_made_ambiguous_are_named() -> None:
    new = resolution(["Recalling its resolution 23/3,"], [
        "Calls upon States to provide technical assistance;",
        "Strongly urges all Member States to cooperate fully;",
        "Decides to act; Decides to act;",
        "Requests a report;",
    ])  # fmt: skip
    assert report(
        [
            ReplaceWords("op1", f"{OP} 1", "to developing countries", "to the least developed countries"),
            DeleteWords("op2", f"{OP} 2", "all States"),
            ReplaceWords("op3", f"{OP} 3", "act", "consider"),
        ],
        new,
    ) == [
        "amendment 1 (operative paragraph 1) not carried over (words-removed): "
        'the revision deleted the words "to developing countries"',
        "amendment 2 (operative paragraph 2) not carried over (words-changed): "
        'the revision changed "all States" to "all Member States"',
        "amendment 3 (operative paragraph 3) not carried over (ambiguous): "
        'the words "act" occur 2 times in operative paragraph 3',
    ]


def test_a_deleted_target_and_a_reworded_paragraph_replaced_whole_are_named() -> None:
    new = resolution(["Recalling its resolution 23/3,"], [
        "Calls upon States to provide technical assistance to developing countries;",
        "Urges all States to cooperate;",
        "Requests a report;",
    ])  # fmt: skip
    assert report(
        [
            InsertWords("op3", f"{OP} 3", "act", "now", "after"),
            ReplaceProvision("op2", f"{OP} 2", "Urges States to cooperate;"),
            InsertProvision("op3", f"{OP} 3", (Piece("Decides also to act;"),)),
            MoveProvision("op4", f"{OP} 4", "op1", f"{OP} 1", "after", "op", 0),
        ],
        new,
    ) == [
        "amendment 1 (operative paragraph 3) not carried over (target-deleted): "
        "the revision deleted operative paragraph 3",
        "amendment 2 (operative paragraph 2) not carried over (words-changed): "
        "the revision reworded operative paragraph 2 (now operative paragraph 2), which this amendment "
        "replaces whole",
        "amendment 3 (operative paragraph 3) not carried over (target-deleted): "
        "the revision deleted operative paragraph 3, where it goes",
    ]


def test_ambiguous_words_are_widened_over_words_the_revision_left() -> None:
    new = resolution(["Recalling its resolution 23/3,"], [
        "Calls upon States to provide technical assistance to developing countries and technical assistance;",
        *[p.text for p in OLD.provisions[2:]],
    ])  # fmt: skip

    def rebased(*amendments: object) -> tuple:
        return rebase(AmendmentList(tuple(amendments), "en"), compare(OLD, new)).amendments.amendments  # type: ignore[arg-type]

    assert rebased(ReplaceWords("op1", f"{OP} 1", "technical", "financial")) == (
        ReplaceWords("op1", f"{OP} 1", "provide technical", "provide financial"),
    )
    assert rebased(InsertWords("op1", f"{OP} 1", "assistance", "and training", "after")) == (
        InsertWords("op1", f"{OP} 1", "provide technical assistance", "and training", "after"),
    )
    deleted = rebased(DeleteWords("op1", f"{OP} 1", "technical"))
    assert deleted == (ReplaceWords("op1", f"{OP} 1", "provide technical", "provide"),)
    assert apply(new, deleted).provision("op1").text.startswith("Calls upon States to provide assistance to")


def test_amendments_widened_into_each_other_are_reported_as_overlapping() -> None:
    new = resolution(["Recalling its resolution 23/3,"], [
        "Calls upon States to provide technical assistance to developing countries and technical assistance;",
        *[p.text for p in OLD.provisions[2:]],
    ])  # fmt: skip
    listed = [
        ReplaceWords("op1", f"{OP} 1", "technical", "financial"),
        InsertWords("op1", f"{OP} 1", "assistance", "and training", "after"),
    ]
    assert report(listed, new) == [
        "amendment 2 (operative paragraph 1) not carried over (overlaps): "
        "in the revised text it overlaps amendment 1"
    ]


SPLIT_OLD = resolution(["Recalling its resolution 23/3,"], [
    "Calls upon States to provide technical assistance to developing countries, and requests the High "
    "Commissioner to report on its implementation to the Council at its next session;",
    "Decides to act;",
    "Requests a report;",
])  # fmt: skip
SPLIT_NEW = resolution(["Recalling its resolution 23/3,"], [
    "Calls upon States to provide technical assistance to developing countries;",
    "Requests the High Commissioner to report on its implementation to the Council at its next session;",
    "Decides to act;",
    "Requests a report;",
])  # fmt: skip


def test_splits_and_merges_follow() -> None:
    listed = AmendmentList(
        (
            InsertWords("op1", f"{OP} 1", "the Council", "and to the General Assembly", "after"),
            Merge(("op2", "op3"), (f"{OP} 2", f"{OP} 3"), Piece("Decides to act and requests a report;")),
        ),
        "en",
    )
    diff = compare(SPLIT_OLD, SPLIT_NEW)
    assert [c.kind for c in diff.changes] == ["unchanged", "split", "unchanged", "unchanged"]
    rebased = rebase(listed, diff)
    assert rebased.complete
    assert rebased.amendments.amendments == (
        InsertWords("op2", f"{OP} 2", "the Council", "and to the General Assembly", "after"),
        Merge(("op3", "op4"), (f"{OP} 3", f"{OP} 4"), Piece("Decides to act and requests a report;")),
    )
    # a paragraph the revision split is deleted in all its parts, one deletion of the run they
    # make; splitting it again is a change
    listed = AmendmentList(
        (
            DeleteProvision.one("op1", f"{OP} 1"),
            Split("op2", f"{OP} 2", (Piece("Decides to act;"), Piece("Decides to wait;"))),
        ),
        "en",
    )
    deleted = rebase(listed, diff)
    assert deleted.amendments.amendments == (
        DeleteProvision(("op1", "op2"), (f"{OP} 1", f"{OP} 2")),
        Split("op3", f"{OP} 3", (Piece("Decides to act;"), Piece("Decides to wait;"))),
    )
    assert deleted.origin == (0, 1)
    moved = rebase(AmendmentList((MoveProvision("op1", f"{OP} 1", "op3", f"{OP} 3"),), "en"), diff)
    assert [item.describe() for item in moved.not_carried] == [
        "amendment 1 (operative paragraph 1) not carried over (words-changed): the revision split "
        "operative paragraph 1 into operative paragraph 1, operative paragraph 2, which this amendment moves"
    ]


UNSEEN_SPLIT_NEW = resolution(["Recalling its resolution 23/3,"], [
    "Requests the High Commissioner to report on its implementation to the Council at its next session;",
    "Encourages Member States and regional organizations, in consultation with the Office, to extend "
    "technical assistance to developing countries in the field of human rights education and training;",
    "Decides to act;",
    "Requests a report;",
])  # fmt: skip
"""SPLIT_OLD's first paragraph cut in two, its halves swapped and the new one reworded: the
aligner sees a reworded paragraph and an added one, not a split."""


def test_words_moved_to_a_paragraph_the_aligner_calls_new_are_followed_there() -> None:
    diff = compare(SPLIT_OLD, UNSEEN_SPLIT_NEW)
    assert [(c.kind, c.old, c.new) for c in diff.changes][1:3] == [
        ("reworded", ("op1",), ("op1",)),
        ("added", (), ("op2",)),
    ]
    listed = AmendmentList(
        (
            InsertWords("op1", f"{OP} 1", "the Council", "and to the General Assembly", "after"),
            ReplaceWords("op1", f"{OP} 1", "technical assistance", "technical and financial assistance"),
            InsertWords("op1", f"{OP} 1", "developing countries", "and countries in transition", "after"),
        ),
        "en",
    )
    rebased = rebase(listed, diff)
    assert rebased.complete
    assert rebased.amendments.amendments == (
        InsertWords("op1", f"{OP} 1", "the Council", "and to the General Assembly", "after"),
        ReplaceWords("op2", f"{OP} 2", "technical assistance", "technical and financial assistance"),
        InsertWords("op2", f"{OP} 2", "developing countries", "and countries in transition", "after"),
    )
    # carried where the alignment did not lead: said, never silent
    assert [note.describe() for note in rebased.relocated] == [
        "note: amendment 2 carried to operative paragraph 2: the revision moved the words "
        '"technical assistance" from operative paragraph 1 to operative paragraph 2, a paragraph it '
        "added; carried there",
        "note: amendment 3 carried to operative paragraph 2: the revision moved the words "
        '"developing countries" from operative paragraph 1 to operative paragraph 2, a paragraph it '
        "added; carried there",
    ]
    assert "technical and financial assistance to developing countries and countries in transition" in (
        apply(UNSEEN_SPLIT_NEW, rebased.amendments.amendments).provision("op2").text
    )
    # in two added paragraphs next to it: ambiguous, not a guess
    twice = revise.insert_after(UNSEEN_SPLIT_NEW, "op2", "Calls for technical assistance to be extended;")
    doubtful = rebase(AmendmentList(listed.amendments[1:2], "en"), compare(SPLIT_OLD, twice))
    assert [item.describe() for item in doubtful.not_carried] == [
        "amendment 1 (operative paragraph 1) not carried over (ambiguous): the revision removed the words "
        '"technical assistance" from operative paragraph 1; they occur 2 times in operative paragraph 2 '
        "and operative paragraph 3, which it added"
    ]
    assert doubtful.relocated == ()


CAPITAL_OLD = resolution(["Recalling its resolution 23/3,"], [
    "Calls upon States to provide technical assistance to developing countries in the field of human rights "
    "education and training, including through national institutions, and requests the Office to report;",
    "Decides to act;",
])  # fmt: skip
CAPITAL_NEW = resolution(["Recalling its resolution 23/3,"], [
    "Calls upon States to provide technical assistance to developing countries in the field of human rights "
    "education and training, including through national institutions;",
    "Requests the Office to report to the Council at its next session on the implementation of the present "
    "resolution;",
    "Decides to act;",
])  # fmt: skip
"""CAPITAL_OLD's `requests the Office to report` made a paragraph of its own, which the
aligner calls added: `requests` opens it, as `Requests`."""


def test_words_moved_to_the_start_of_an_added_paragraph_are_found_with_their_capital() -> None:
    diff = compare(CAPITAL_OLD, CAPITAL_NEW)
    assert [(c.kind, c.old, c.new) for c in diff.changes][1:3] == [
        ("reworded", ("op1",), ("op1",)),
        ("added", (), ("op2",)),
    ]

    def carried(*amendments: Any) -> tuple[tuple[Any, ...], list[str], list[str]]:
        rebased = rebase(AmendmentList(tuple(amendments), "en"), diff)
        notes = [n.describe() for n in rebased.relocated]
        return rebased.amendments.amendments, notes, [n.describe() for n in rebased.not_carried]

    moved = (
        'the revision moved the words "{}" from operative paragraph 1 to the start of operative paragraph 2, '
    )
    replaced, notes, failed = carried(
        ReplaceWords("op1", f"{OP} 1", "requests the Office", "invites the Office")
    )
    assert replaced == (ReplaceWords("op2", f"{OP} 2", "Requests the Office", "Invites the Office"),)
    assert notes == [
        "note: amendment 1 carried to operative paragraph 2: "
        + moved.format("requests the Office")
        + 'a paragraph it added, as "Requests the Office"; carried there, quoting them as the revision '
        "prints them and opening the new words with a capital"
    ]
    assert apply(CAPITAL_NEW, replaced).provision("op2").text.startswith("Invites the Office to report to")
    inserted, notes, failed = carried(InsertWords("op1", f"{OP} 1", "requests", "also", "after"))
    assert inserted == (InsertWords("op2", f"{OP} 2", "Requests", "also", "after"),) and len(notes) == 1
    # deleting them, or inserting before them, would leave a lower-case word or a stray capital
    # opening the paragraph: reported, not carried
    _, notes, failed = carried(
        DeleteWords("op1", f"{OP} 1", "requests the Office to report"),
    )
    assert notes == [] and failed == [
        "amendment 1 (operative paragraph 1) not carried over (words-changed): "
        + moved.format("requests the Office to report")
        + 'a paragraph it added, as "Requests the Office to report"; deleting them would leave the '
        "paragraph opening with a word in the wrong case"
    ]
    assert carried(InsertWords("op1", f"{OP} 1", "requests", "also", "before"))[2][0].startswith(
        "amendment 1 (operative paragraph 1) not carried over (words-changed): " + moved.format("requests")
    )
    # a case difference anywhere but the first letter of an added paragraph is other words
    elsewhere = revise.reword(CAPITAL_NEW, "op2", "the Office", "the office")
    rebased = rebase(
        AmendmentList((ReplaceWords("op1", f"{OP} 1", "the Office", "the Secretary-General"),), "en"),
        compare(CAPITAL_OLD, elsewhere),
    )
    assert rebased.relocated == () and [n.reason for n in rebased.not_carried] == ["words-removed"]


def test_a_relocated_amendment_is_said_on_stderr_and_in_the_json(tmp_path: Path) -> None:
    from engine.amend.jsonform import dumps

    old, new, listed = tmp_path / "old.md", tmp_path / "new.md", tmp_path / "list.json"
    old.write_text(canonical.dumps(SPLIT_OLD), encoding="utf-8")
    new.write_text(canonical.dumps(UNSEEN_SPLIT_NEW), encoding="utf-8")
    amendment = ReplaceWords("op1", f"{OP} 1", "technical assistance", "technical and financial assistance")
    listed.write_text(dumps(AmendmentList((amendment,), "en", proposer="Chile")), encoding="utf-8")
    result = run("rebase", str(listed), str(old), str(new))
    assert result.returncode == 0, result.stderr  # carried over, with a note
    assert result.stderr.replace(str(tmp_path), "TMP") == (
        "TMP/list.json: note: amendment 1 carried to operative paragraph 2: the revision moved the words "
        '"technical assistance" from operative paragraph 1 to operative paragraph 2, a paragraph it added; '
        "carried there\n"
    )
    data = json.loads(result.stdout)
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert [(item["index"], item["amendment"]["target"]) for item in data["relocated"]] == [(1, "op2")]


def test_a_replacement_the_revision_made_with_edits_around_it_is_already_made() -> None:
    def reasons(revised: str, amendment: object) -> list[str]:
        new = resolution(
            ["Recalling its resolution 23/3,"], [OLD.provisions[1].text, revised, "Decides to act;"]
        )
        rebased = rebase(AmendmentList((amendment,), "en"), compare(OLD, new))  # type: ignore[arg-type]
        return [f"{item.reason}: {item.message}" for item in rebased.not_carried]

    made = "already-made: the revision already made it"
    assert reasons(
        "Urges all Member States to cooperate;", ReplaceWords("op2", "", "all States", "all Member States")
    ) == [made]
    # the new words where the old stood, the revision's insertion at their start included
    assert reasons(
        "Urges all Member States to cooperate;", ReplaceWords("op2", "", "States to", "Member States to")
    ) == [made]
    # words the revision put where the amendment deletes some are no proof it made it
    assert reasons(
        "Strongly urges all States to cooperate closely;",
        ReplaceWords("op2", "", "cooperate fully", "cooperate"),
    ) == ['words-changed: the revision changed "cooperate fully" to "cooperate closely"']


# -- the command line ---------------------------------------------------------------------


def test_a_list_that_does_not_apply_to_the_old_base_is_bad_input(tmp_path: Path) -> None:
    listed = tmp_path / "proposals.txt"
    listed.write_text('In operative paragraph 1, delete "nothing of the kind".\n', encoding="utf-8")
    old = tmp_path / "old.md"
    old.write_text(canonical.dumps(L41), encoding="utf-8")
    result = run("rebase", str(listed), str(old), str(old), "-o", str(tmp_path / "out.txt"))
    assert result.returncode == 2
    assert result.stderr == (
        f"Error: {listed}:1: the list does not apply to the old base: amendment 1 (operative paragraph 1): "
        'the words "nothing of the kind" are not in it\n'
    )
    assert not (tmp_path / "out.txt").exists()


def test_everything_carried_is_exit_0_and_the_format_can_be_chosen(tmp_path: Path) -> None:
    listed = tmp_path / "proposals.txt"
    listed.write_text("\n".join(TYPED_EN.splitlines()[:3]) + "\n", encoding="utf-8")
    old, new = tmp_path / "l41.md", tmp_path / "rev1.md"
    old.write_text(canonical.dumps(L41), encoding="utf-8")
    new.write_text(canonical.dumps(l41_rev1()), encoding="utf-8")
    result = run("rebase", str(listed), str(old), str(new), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert data["not_carried"] == [] and data["base"] == "A/C.3/78/L.41"
    assert [a["ref"] for a in data["amendments"]] == [
        "the second preambular paragraph",
        "operative paragraph 2",
        "operative paragraph 4",
    ]


# -- properties ---------------------------------------------------------------------------

VOCAB = st.sampled_from(["States", "rights", "the", "and", "cooperation", "urges", "of", "report", "all"])


@st.composite
def texts(draw: st.DrawFn, tag: str) -> str:
    return " ".join([tag, *draw(st.lists(VOCAB, min_size=5, max_size=10))]) + ";"


def edit_words(draw: st.DrawFn, text: str) -> str:
    """One or two word edits, never of the tag (the first word) nor the last one."""
    words = text[:-1].split(" ")
    for _ in range(draw(st.integers(1, 2))):
        at = draw(st.integers(1, len(words) - 1))
        kind = draw(st.sampled_from(["insert", "delete", "replace"]))
        if kind == "insert":
            words.insert(at, draw(VOCAB))
        elif kind == "delete" and len(words) > 3:
            del words[at]
        else:
            words[at] = draw(VOCAB)
    return " ".join(words) + ";"


Case = tuple[Resolution, AmendmentList, Resolution, list[int | None]]


@st.composite
def rebase_cases(draw: st.DrawFn, moves_only: bool = False) -> Case:
    """An old text of tagged paragraphs (`P3 ...`: the aligner cannot mistake one for
    another), a list of word amendments to some of them, and a revision that moves
    paragraphs and, unless `moves_only`, edits, deletes and inserts others; with, for each
    paragraph of the revision, the old paragraph it comes from (None for a new one)."""
    n = draw(st.integers(2, 7))
    old = [draw(texts(f"P{k}")) for k in range(n)]
    touched = set(draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=3, unique=True)))
    listed = [edit_words(draw, t) if k in touched else t for k, t in enumerate(old)]
    revised: list[tuple[int | None, str]] = list(enumerate(old))
    if not moves_only:
        for k in range(n):
            if k not in touched and draw(st.booleans()):
                edit = draw(st.booleans())
                revised[k] = (k, edit_words(draw, old[k]) if edit else "")
        for j in range(draw(st.integers(0, 2))):
            revised.insert(draw(st.integers(0, len(revised))), (None, draw(texts(f"N{j}"))))
    revised = [(k, t) for k, t in revised if t]
    for _ in range(draw(st.integers(1 if moves_only else 0, 2))):
        revised.insert(
            draw(st.integers(0, len(revised) - 1)), revised.pop(draw(st.integers(0, len(revised) - 1)))
        )
    base = resolution([], old)
    amendments = derive(compare(base, resolution([], listed)))
    word_level = ReplaceWords | InsertWords | DeleteWords | ReplaceProvision
    assume(all(isinstance(a, word_level) for a in amendments.amendments))
    sources = [k if k in touched else None for k, _ in revised]
    return base, amendments, resolution([], [t for _, t in revised]), sources


def expected(old: Resolution, listed: AmendmentList, new: Resolution, sources: list[int | None]) -> list[str]:
    """The revision with the list's edits made: a paragraph the list edits (and the
    revision left) reads as the list makes it, every other one as the revision has it."""
    amended = [p.text for p in apply(old, listed.amendments).provisions]
    return [
        fold(amended[k]) if k is not None else fold(p.text)
        for k, p in zip(sources, new.provisions, strict=True)
    ]


def _without_places(a: object) -> tuple:
    names = {"target", "ref", "targets", "refs", "anchor_ref"}
    return tuple(getattr(a, f.name) for f in dataclasses.fields(a) if f.name not in names)  # type: ignore[arg-type]


@settings(max_examples=100, deadline=None)
@given(rebase_cases(moves_only=True))
def test_a_revision_that_only_moves_changes_references_and_nothing_else(case: Case) -> None:
    old, listed, new, sources = case
    rebased = rebase(listed, compare(old, new))
    assert rebased.complete
    assert [_without_places(a) for a in rebased.amendments.amendments] == [
        _without_places(a) for a in listed.amendments
    ]
    amended = apply(new, rebased.amendments.amendments)
    assert [fold(p.text) for p in amended.provisions] == expected(old, listed, new, sources)


@settings(max_examples=150, deadline=None)
@given(rebase_cases())
def test_a_revision_that_touches_none_of_the_words_commutes_with_the_list(case: Case) -> None:
    """apply(new, rebase(L)) is the revision with L's edits made, as apply(old, L) makes them."""
    old, listed, new, sources = case
    rebased = rebase(listed, compare(old, new))
    assert rebased.complete, [item.describe() for item in rebased.not_carried]
    amended = apply(new, rebased.amendments.amendments)
    assert [fold(p.text) for p in amended.provisions] == expected(old, listed, new, sources)
    # the rebased list reads back from its text form against the new base
    assert parse(render_text(rebased.amendments), new).amendments == rebased.amendments.amendments


def test_title_amendments_are_carried_over_or_reported() -> None:
    titled = replace_meta(OLD, title="Enhancement of international cooperation in the field of human rights")
    listed = AmendmentList((InsertWords("title", "the title", "cooperation", "and dialogue"),), "en")
    inserted = revise.insert_after(titled, "op1", "Welcomes the report;")
    assert rebase(listed, compare(titled, inserted)).amendments.amendments == listed.amendments
    retitled = replace_meta(
        titled, title="Enhancement of international cooperation and dialogue in human rights"
    )
    assert [item.describe() for item in rebase(listed, compare(titled, retitled)).not_carried] == [
        "amendment 1 (the title) not carried over (already-made): the revision already made it"
    ]
    untitled = replace_meta(titled, title=None)
    assert [item.reason for item in rebase(listed, compare(titled, untitled)).not_carried] == [
        "target-deleted"
    ]


def replace_meta(res: Resolution, **changes: object) -> Resolution:
    return res.with_meta(**changes)
