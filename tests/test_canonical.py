"""The canonical format: exact round trips, and clear `path:line` errors on bad files."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from engine.errors import FormatError
from engine.store.canonical import dumps, loads

from .strategies import resolutions


@settings(max_examples=300)
@given(resolutions())
def test_model_survives_write_then_read(res):
    assert loads(dumps(res)) == res


@settings(max_examples=300)
@given(resolutions())
def test_file_survives_read_then_write(res):
    text = dumps(res)
    assert dumps(loads(text)) == text


GOOD = """\
---
schema: resdiff.document/1
symbol: A/HRC/RES/25/3
language: zh
extent: full
---
body-line: 人权理事会，
pp1: 重申致力于……合作，
op1: 注意到……材料；[^1]
op1.a: 甲；
op2 (3): 决定……。

[^1]: A/HRC/24/56。
"""


def test_reads_a_hand_written_file():
    res = loads(GOOD, "x.md")
    assert [p.id for p in res.provisions] == ["pp1", "op1", "op1.a", "op2"]
    assert res.provision("op2").number == "3"
    assert res.provision("op1").footnotes[0].marker == "1"
    assert res.provision("op1").text == "注意到……材料；"
    assert res.provision("op1").line == 9
    assert res.body_line == "人权理事会，"
    assert dumps(res) == GOOD


@pytest.mark.parametrize(
    ("broken", "where", "what"),
    [
        (GOOD.replace("op1.a:", "op1.a text"), 10, "expected 'id: text'"),
        (GOOD.replace("op1.a:", "zz9:"), 10, "unknown id 'zz9'"),
        (GOOD.replace("op2 (3):", "op1 (3):"), 11, "duplicate id op1"),
        (GOOD.replace("op2 (3):", "op3 (3):"), 11, "has id op3, expected op2"),
        (GOOD.replace("pp1:", "op9:"), 8, "expected op1"),
        (GOOD.replace("schema: resdiff.document/1", "schema: other"), 2, "schema"),
        (GOOD.replace("extent: full", "extent: [full"), 5, "not valid YAML"),
        (GOOD.replace("extent: full", "colour: red"), 2, "unknown front matter key 'colour'"),
        (GOOD.replace("language: zh", "language: xx"), 2, "language must be one of"),
        (GOOD.replace("---\nbody", "body", 1), 1, "not closed"),
        (GOOD[4:], 1, "starts with a '---' line"),
        (GOOD + "[^1]: again\n", 14, "defined twice"),
        (GOOD + "op3: late\n", 14, "only footnotes may follow"),
        (GOOD.replace("pp1:", "body-line: again\npp1:"), 8, "body line comes once"),
    ],
)
def test_malformed_file_names_path_and_line(broken, where, what):
    with pytest.raises(FormatError) as info:
        loads(broken, "history/x.md")
    assert str(info.value).startswith(f"history/x.md:{where}: ")
    assert what in str(info.value)
