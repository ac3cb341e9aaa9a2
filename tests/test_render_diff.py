"""The diff renderers: registry, golden outputs on real pairs, JSON schema.

Golden cases are folders under `tests/golden/diff/<case>/` holding `old.txt` and `new.txt`
(test texts, see `helpers.parse_text`) and one `expected.<format>` per format to check; a
new case needs no code. Set RESDIFF_UPDATE_GOLDEN=1 to rewrite the expected files, then
review every one by eye before committing.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import jsonschema
import pytest

from engine.diff import Diff, compare, summary_line
from engine.render import DIFF_RENDERERS, RenderOptions
from engine.render.diff_labels import PAIRED

from .helpers import load, parse_text, resolution

GOLDEN = Path(__file__).parent / "golden" / "diff"
SCHEMA = Path(__file__).parent.parent / "engine" / "render" / "schemas" / "diff.schema.json"
GOLDEN_FORMATS = ("text", "json", "md")
CASES = sorted(path.name for path in GOLDEN.iterdir() if path.is_dir())


def diff_for(case: str) -> Diff:
    folder = GOLDEN / case
    old = parse_text((folder / "old.txt").read_text(encoding="utf-8"))
    new = parse_text((folder / "new.txt").read_text(encoding="utf-8"))
    return compare(old, new)


def _render_case(case: str, fmt: str) -> str:
    report = DIFF_RENDERERS[fmt](diff_for(case), RenderOptions(color=False))
    assert isinstance(report, str)
    return report


@pytest.mark.parametrize(("case", "fmt"), [(case, fmt) for case in CASES for fmt in GOLDEN_FORMATS])
def test_golden(case: str, fmt: str) -> None:
    expected = GOLDEN / case / f"expected.{fmt}"
    actual = _render_case(case, fmt)
    if os.environ.get("RESDIFF_UPDATE_GOLDEN"):
        expected.write_text(actual, encoding="utf-8")
    assert actual == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES)
def test_json_matches_schema(case: str) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(_render_case(case, "json")), schema)


def test_registry_has_every_format() -> None:
    assert sorted(DIFF_RENDERERS) == ["docx", "html", "json", "md", "term", "text"]
    diff = compare(load("hrc-25-3.zh.txt"), load("hrc-25-3.zh.txt"))
    for name, render in DIFF_RENDERERS.items():
        report = render(diff, RenderOptions())
        if name == "docx":
            assert isinstance(report, bytes) and report.startswith(b"PK")
        else:
            assert isinstance(report, str) and report.endswith("\n")


OLD = resolution(
    ["Recalling its resolution 23/3,"],
    ["Welcomes the report;", "Strongly urges States to cooperate;", "Decides to remain seized."],
)
NEW = resolution(
    [],
    [
        "Recalls its resolution 25/3;",
        "Welcomes the report;",
        "Urges States to cooperate;",
        "Decides to remain seized.",
    ],
)


def test_text_marks_edits_and_names_both_sides() -> None:
    out = DIFF_RENDERERS["text"](compare(OLD, NEW), RenderOptions())
    assert "pp1 → op1 reworded, moved (similarity" in out
    assert "[-Recalling-]{+Recalls+}" in out and "[-23/3,-]{+25/3;+}" in out
    assert "op2 → op3 reworded" in out
    assert "Welcomes the report" not in out  # unchanged and in place: counted, not shown
    shown = DIFF_RENDERERS["text"](compare(OLD, NEW), RenderOptions(show_unchanged=True))
    assert "op1 → op2 unchanged\nWelcomes the report;" in shown


def test_sides_read_old_then_new_as_the_header_does() -> None:
    """`---` old, `+++` new above; every change line names the old side first."""
    out = DIFF_RENDERERS["text"](compare(OLD, resolution([], ["Welcomes the report;"])), RenderOptions())
    lines = out.splitlines()
    assert lines[:2] == ["--- untitled (en)", "+++ untitled (en)"]
    assert "pp1 → — removed" in lines and "op2 → — removed" in lines
    assert "— → op1 added" in DIFF_RENDERERS["text"](compare(resolution(), NEW), RenderOptions())


def test_printed_numbers_show_only_where_they_differ_from_the_position() -> None:
    """An excerpt that starts at paragraph 18: its op1 is `op1 (printed 18)`; a paragraph
    printed with the number its position gives is just its id."""
    old = parse_text("18. Decides to remain seized.\n  (a) of the matter;\n19. Requests a report.\n")
    new = parse_text("1. Decides to remain seized.\n  (b) of the matter;\n2. Requests a full report.\n")
    out = DIFF_RENDERERS["text"](compare(old, new), RenderOptions(show_unchanged=True))
    assert "op1 (printed 18) → op1 unchanged" in out
    assert "op1.a → op1.a (printed b) unchanged" in out
    assert "op2 (printed 19) → op2 reworded" in out
    assert "(printed 1)" not in out and "(printed 2)" not in out and "(printed a)" not in out


def test_how_a_pair_was_made_is_said_in_words() -> None:
    """The aligner's pass names (`gap`, `content`...) are not shown; what they mean is."""
    diff = compare(OLD, NEW)
    out = DIFF_RENDERERS["text"](diff, RenderOptions())
    for change in diff.changes:
        if change.kind == "reworded":
            assert f"(similarity {change.similarity:.4f}, {PAIRED[change.method]})" in out
    assert not re.search(r", (gap|content|near-identical|identical|split|merge)\)", out)


def test_term_marks_edits_by_more_than_colour() -> None:
    """Struck-through red, underlined green: colour is never the only sign."""
    diff = compare(OLD, NEW)
    coloured = DIFF_RENDERERS["term"](diff, RenderOptions(color=True))
    assert "\x1b[9;31mStrongly urges\x1b[0m \x1b[4;32mUrges\x1b[0m" in coloured
    plain = DIFF_RENDERERS["term"](diff, RenderOptions(color=False))
    assert "\x1b[" not in plain
    assert "[-Strongly urges-]{+Urges+}" in plain


def test_term_closes_its_attributes_at_every_line_break() -> None:
    """A split's edit spans provisions: no attribute may run on past the end of a line."""
    diff = compare(
        resolution(["Recalling its resolution 23/3 and welcoming the report,"]),
        resolution(["Recalling its resolution 23/3,", "Welcoming the report of the Special Rapporteur,"]),
    )
    out = DIFF_RENDERERS["term"](diff, RenderOptions(color=True))
    for line in out.splitlines():
        assert line.count("\x1b[9;31m") + line.count("\x1b[4;32m") == line.count("\x1b[0m") - line.count(
            "\x1b[1m"
        )


@pytest.mark.parametrize(("fmt", "color"), [("term", True), ("term", False), ("text", False)])
def test_control_characters_in_a_document_cannot_reach_the_terminal(fmt: str, color: bool) -> None:
    """`ESC[8m` (conceal) in a paragraph would hide the rest of the line, a deletion included."""
    old = resolution(["Recalling \x1b[8mits resolution 23/3,"]).with_meta(symbol="A/RES/1/1\x1b[2J")
    new = resolution(["Recalling \x1b[8mits resolution 25/3,"])
    out = DIFF_RENDERERS[fmt](compare(old, new), RenderOptions(color=color))
    assert "\x1b[8m" not in out and "\x1b[2J" not in out
    assert "Recalling ␛[8mits resolution" in out and "--- A/RES/1/1␛[2J (en)" in out


def test_md_for_github() -> None:
    out = DIFF_RENDERERS["md"](compare(OLD, NEW), RenderOptions())
    assert out.startswith("## resdiff: ")
    assert "**summary: 2 unchanged, 2 reworded (1 moved)**" in out
    assert "### pp1 → op1 reworded, moved" in out
    assert "<del>Recalling</del> <ins>Recalls</ins> its resolution <del>23/3,</del> <ins>25/3;</ins>" in out
    assert "<del>Strongly urges</del> <ins>Urges</ins>" in out


@pytest.mark.parametrize("fmt", ["text", "term"])
def test_summary_only_is_one_line(fmt: str) -> None:
    out = DIFF_RENDERERS[fmt](compare(OLD, NEW), RenderOptions(summary_only=True))
    assert out == "summary: 2 unchanged, 2 reworded (1 moved)\n"


def test_summary_only_json_is_the_diff_without_changes() -> None:
    diff = compare(OLD, NEW)
    data = json.loads(DIFF_RENDERERS["json"](diff, RenderOptions(summary_only=True)))
    full = json.loads(DIFF_RENDERERS["json"](diff, RenderOptions()))
    assert "changes" not in data
    assert data == {key: value for key, value in full.items() if key != "changes"}
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))


def test_summary_only_md_has_no_change_blocks() -> None:
    out = DIFF_RENDERERS["md"](compare(OLD, NEW), RenderOptions(summary_only=True))
    assert out.splitlines() == [
        "## resdiff: untitled (en) → untitled (en)",
        "",
        "**summary: 2 unchanged, 2 reworded (1 moved)**",
    ]


def test_json_is_deterministic_and_complete() -> None:
    diff = compare(OLD, NEW)
    data = json.loads(DIFF_RENDERERS["json"](diff, RenderOptions()))
    assert data["schema"] == "resdiff.diff/1"
    assert data["summary"] == {
        "heading": 0,
        "unchanged": 2,
        "reworded": 2,
        "split": 0,
        "merged": 0,
        "added": 0,
        "removed": 0,
        "moved": 1,
    }
    assert len(data["changes"]) == 4
    assert DIFF_RENDERERS["json"](compare(OLD, NEW), RenderOptions()) == DIFF_RENDERERS["json"](
        diff, RenderOptions()
    )


def test_summary_line() -> None:
    assert summary_line(compare(OLD, NEW)) == "summary: 2 unchanged, 2 reworded (1 moved)"
    assert summary_line(compare(resolution(), resolution())) == "summary: no provisions"


def test_an_excerpt_is_named_and_its_cut_explained() -> None:
    """Most stored texts are excerpts: a provision past the end of one shows as removed or
    added, and the reader must be told that this may only be the cut."""
    cut = NEW.with_meta(extent="excerpt", symbol="A/RES/2/2")
    text = DIFF_RENDERERS["text"](compare(OLD, cut), RenderOptions())
    assert text.splitlines()[:2] == ["--- untitled (en)", "+++ A/RES/2/2 (en, excerpt)"]
    assert "note: the new text is an excerpt: old provisions past its end show as removed" in text
    assert "old text is an excerpt" not in text
    md = DIFF_RENDERERS["md"](compare(cut, OLD), RenderOptions())
    assert "\nnote: the old text is an excerpt: new provisions past its end show as added\n" in md
    assert "note:" not in DIFF_RENDERERS["text"](compare(OLD, NEW), RenderOptions())
