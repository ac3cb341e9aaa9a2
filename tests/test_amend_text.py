"""The text forms of amendment lists: golden lists for real pairs (en, zh; text, md, JSON),
and the UN sentences for every operation in both languages.

Golden cases are folders under `tests/golden/amend/<case>/`: `old.md` and `new.md`
(canonical files copied from history/) and `expected.<format>` for every renderer; a new
case is a new folder.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

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
from engine.amend.jsonform import loads
from engine.diff import compare
from engine.render.amendments import AMENDMENT_RENDERERS
from engine.store import canonical

from .gfm import to_html

GOLDEN = Path(__file__).parent / "golden" / "amend"
CASES = sorted(p.name for p in GOLDEN.iterdir())
SCHEMA = Path(__file__).parent.parent / "engine" / "render" / "schemas" / "amendments.schema.json"


def derived(case: str) -> AmendmentList:
    old = canonical.loads((GOLDEN / case / "old.md").read_text(encoding="utf-8"), "old.md")
    new = canonical.loads((GOLDEN / case / "new.md").read_text(encoding="utf-8"), "new.md")
    return derive(compare(old, new))


def test_there_are_golden_cases_in_both_languages() -> None:
    assert {case[:2] for case in CASES} == {"en", "zh"}


@pytest.mark.parametrize("fmt", sorted(AMENDMENT_RENDERERS))
@pytest.mark.parametrize("case", CASES)
def test_golden(case: str, fmt: str) -> None:
    expected = (GOLDEN / case / f"expected.{fmt}").read_text(encoding="utf-8")
    assert AMENDMENT_RENDERERS[fmt](derived(case)) == expected


@pytest.mark.parametrize("case", CASES)
def test_golden_json_is_valid_and_applies(case: str) -> None:
    text = (GOLDEN / case / "expected.json").read_text(encoding="utf-8")
    jsonschema.validate(json.loads(text), json.loads(SCHEMA.read_text(encoding="utf-8")))
    old = canonical.loads((GOLDEN / case / "old.md").read_text(encoding="utf-8"), "old.md")
    new = canonical.loads((GOLDEN / case / "new.md").read_text(encoding="utf-8"), "new.md")
    cut = {pid for c in compare(old, new).changes if c.cut for pid in c.new}
    amended = apply(old, loads(text).amendments)
    assert [p.id for p in amended.provisions] == [p.id for p in new.provisions]
    assert [fold(p.text) for p in amended.provisions if p.id not in cut] == [
        fold(p.text) for p in new.provisions if p.id not in cut
    ]


P = (Piece("Decides to remain seized of the matter."),)
EXAMPLES = [
    (ReplaceWords("pp3", "the third preambular paragraph", "23/3", "25/3"),
     'In the third preambular paragraph, replace "23/3" with "25/3".',
     "在序言部分第三段中，将“23/3”改为“25/3”。"),
    (InsertWords("op12", "operative paragraph 12", "technical assistance", "and capacity-building"),
     'In operative paragraph 12, after the words "technical assistance", insert "and capacity-building".',
     "在执行部分第12段中，在“technical assistance”之后插入“and capacity-building”。"),
    (DeleteWords("op2", "operative paragraph 2", "strongly"),
     'In operative paragraph 2, delete the word "strongly".',
     "在执行部分第2段中，删除“strongly”。"),
    (ReplaceWords("pp3", "the third preambular paragraph", "as well as", "and"),
     'In the third preambular paragraph, replace the words "as well as" with "and".',
     "在序言部分第三段中，将“as well as”改为“and”。"),
    (InsertWords("op2", "operative paragraph 2", "Welcomes", "sincerely"),
     'In operative paragraph 2, after the word "Welcomes", insert "sincerely".',
     "在执行部分第2段中，在“Welcomes”之后插入“sincerely”。"),
    (InsertWords("op2", "operative paragraph 2", "23/3,", "and 24/1,"),
     'In operative paragraph 2, after "23/3,", insert "and 24/1,".',
     "在执行部分第2段中，在“23/3,”之后插入“and 24/1,”。"),
    (InsertProvision("op5", "operative paragraph 5", P),
     'After operative paragraph 5, insert a new paragraph reading: "Decides to remain seized of the matter."',
     "在执行部分第5段之后插入一个新段落，内容如下：“Decides to remain seized of the matter.”"),
    (DeleteProvision.one("op7", "operative paragraph 7"),
     "Delete operative paragraph 7.", "删除执行部分第7段。"),
    (ReplaceProvision("op9", "operative paragraph 9", "Decides."),
     'Replace operative paragraph 9 with the following: "Decides."', "将执行部分第9段改为：“Decides.”"),
    (MoveProvision("op4", "operative paragraph 4", "op9", "operative paragraph 9"),
     "Move operative paragraph 4 to follow operative paragraph 9.", "将执行部分第4段移至执行部分第9段之后。"),
    (Merge(("op1", "op2"), ("operative paragraph 1", "operative paragraph 2"), P[0]),
     'Merge operative paragraph 1 and operative paragraph 2 into one paragraph reading: '
     '"Decides to remain seized of the matter."',
     "将执行部分第1段、执行部分第2段合并为一段，内容如下：“Decides to remain seized of the matter.”"),
]  # fmt: skip


def in_chinese(amendment):
    """The same amendment with its references as the Chinese base prints them."""

    def zh(ref: str) -> str:
        if ref == "the third preambular paragraph":
            return "序言部分第三段"
        return "执行部分第" + ref.removeprefix("operative paragraph ") + "段"

    changes = {
        name: zh(getattr(amendment, name)) for name in ("ref", "anchor_ref") if hasattr(amendment, name)
    }
    if isinstance(amendment, Merge | DeleteProvision):
        changes["refs"] = tuple(zh(ref) for ref in amendment.refs)
    return replace(amendment, **changes)


@pytest.mark.parametrize(("amendment", "en", "zh"), EXAMPLES)
def test_un_sentences(amendment, en: str, zh: str) -> None:
    render = AMENDMENT_RENDERERS["text"]
    assert render(AmendmentList((amendment,), "en")) == en + "\n"
    assert render(AmendmentList((in_chinese(amendment),), "zh")) == zh + "\n"


def test_new_paragraphs_follow_their_instruction_and_proposers_are_named() -> None:
    split = Split(
        "op1", "operative paragraph 1", (Piece("Calls upon States:"), Piece("(a) to act;", depth=1))
    )
    text = AMENDMENT_RENDERERS["text"](
        AmendmentList((DeleteProvision.one("op2", "operative paragraph 2", "Chile"), split), "en")
    )
    assert text == (
        "Delete operative paragraph 2. (proposed by Chile)\n"
        "Replace operative paragraph 1 with the following paragraphs:\n"
        '    "Calls upon States:"\n'
        '        "(a) to act;"\n'
    )


@pytest.mark.parametrize("case", CASES)
def test_md_marks_old_and_new_words_on_github(case: str) -> None:
    html = to_html(AMENDMENT_RENDERERS["md"](derived(case)))
    assert "<ol>" in html and "<del>" in html and "<ins>" in html
