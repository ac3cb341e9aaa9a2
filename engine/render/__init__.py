"""Renderers: turning engine results into text, one registry per kind of result.

`DIFF_RENDERERS` maps a `--format` name to a function `(Diff, RenderOptions) -> str | bytes`
(text formats return str, `docx` returns bytes); a new format is a new module and one entry
here, never a branch in the caller. `FORMAT_FOR_SUFFIX` picks a format from an output
file's name. Document renderers
(one version: `json`, `canonical`) live in `document`.
"""

from __future__ import annotations

from collections.abc import Callable

from ..diff import Diff, summary_line
from .diff_docx import render_docx
from .diff_html import render_html
from .diff_json import render_json as render_diff_json
from .diff_md import render_md
from .diff_text import render_term, render_text
from .options import RenderOptions

DiffRenderer = Callable[[Diff, RenderOptions], str | bytes]

DIFF_RENDERERS: dict[str, DiffRenderer] = {
    "term": render_term,
    "text": render_text,
    "md": render_md,
    "json": render_diff_json,
    "html": render_html,
    "docx": render_docx,
}
BINARY_FORMATS = frozenset({"docx"})
"""Formats that are bytes, not text: never printed to a terminal."""
FORMAT_FOR_SUFFIX = {
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".md": "md",
    ".json": "json",
    ".txt": "text",
}

__all__ = [
    "BINARY_FORMATS",
    "DIFF_RENDERERS",
    "FORMAT_FOR_SUFFIX",
    "DiffRenderer",
    "RenderOptions",
    "summary_line",
]
