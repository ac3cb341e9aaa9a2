"""The diff renderers: registry, golden outputs on real pairs, JSON schema.

Golden cases are folders under `tests/golden/diff/<case>/` holding `old.txt` and `new.txt`
(test texts, see `helpers.parse_text`) and one `expected.<format>` per format to check; a
new case needs no code. Set RESDIFF_UPDATE_GOLDEN=1 to rewrite the expected files, then
review every one by eye before committing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from engine.diff import compare, summary_line
from engine.render import DIFF_RENDERERS, RenderOptions

from .helpers import load, parse_text, resolution

GOLDEN = Path(__file__).parent / "golden" / "diff"
SCHEMA = Path(__file__).parent.parent / "engine" / "render" / "schemas" / "diff.schema.json"
GOLDEN_FORMATS = ("text", "json", "md")
CASES = sorted(path.name for path in GOLDEN.iterdir() if path.is_dir())


def _render_case(case: str, fmt: str) -> str:
    folder = GOLDEN / case
    old = parse_text((folder / "old.txt").read_text(encoding="utf-8"))
    new = parse_text((folder / "new.txt").read_text(encoding="utf-8"))
    return DIFF_RENDERERS[fmt](compare(old, new), RenderOptions(color=False))


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
    assert sorted(DIFF_RENDERERS) == ["json", "md", "term", "text"]
    diff = compare(load("hrc-25-3.zh.txt"), load("hrc-25-3.zh.txt"))
    for render in DIFF_RENDERERS.values():
        assert render(diff, RenderOptions()).endswith("\n")


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
    assert "op1 (printed 1) ← pp1 reworded, moved (similarity" in out
    assert "[-Recalling-]{+Recalls+}" in out and "[-23/3,-]{+25/3;+}" in out
    assert "op3 (printed 3) ← op2 (printed 2) reworded" in out
    assert "Welcomes the report" not in out  # unchanged and in place: counted, not shown
    shown = DIFF_RENDERERS["text"](compare(OLD, NEW), RenderOptions(show_unchanged=True))
    assert "op2 (printed 2) ← op1 (printed 1) unchanged\nWelcomes the report;" in shown


def test_term_colours_only_when_asked() -> None:
    diff = compare(OLD, NEW)
    assert "\x1b[31mStrongly urges\x1b[0m \x1b[32mUrges\x1b[0m" in DIFF_RENDERERS["term"](
        diff, RenderOptions(color=True)
    )
    assert "\x1b[" not in DIFF_RENDERERS["term"](diff, RenderOptions(color=False))


def test_md_for_github() -> None:
    out = DIFF_RENDERERS["md"](compare(OLD, NEW), RenderOptions())
    assert out.startswith("## resdiff: ")
    assert "**summary: 2 unchanged, 2 reworded (1 moved)**" in out
    assert "### op1 (printed 1) ← pp1 reworded, moved" in out
    assert "~~Recalling~~ **Recalls** its resolution ~~23/3,~~ **25/3;**" in out
    assert "~~Strongly urges~~ **Urges**" in out


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
