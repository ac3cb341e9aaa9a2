"""The README and docs/ as GitHub shows them: every table row typed is a row of a table
(a blank line inside a table ends it, and the rows after it show as a paragraph of pipes),
and every relative link points to a file that exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .gfm import to_html

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_FENCE = re.compile(r"^```.*?^```", re.S | re.M)
_SEPARATOR = re.compile(r"^\|[\s:|-]+\|$")
_LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_every_table_row_is_rendered_in_a_table(path: Path) -> None:
    text = _FENCE.sub("", path.read_text(encoding="utf-8"))
    typed = [line for line in text.splitlines() if line.startswith("|") and not _SEPARATOR.match(line)]
    rendered = to_html(text).count("<tr>")
    assert rendered == len(typed), f"{path.name}: {len(typed)} rows typed, {rendered} shown in tables"


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_relative_links_point_to_files(path: Path) -> None:
    text = _FENCE.sub("", path.read_text(encoding="utf-8"))
    for target in _LINK.findall(text):
        if "://" in target or target.startswith("mailto:"):
            continue
        assert (path.parent / target).exists(), f"{path.name}: link to {target} is broken"
