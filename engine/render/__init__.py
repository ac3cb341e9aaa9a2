"""Renderers: turning engine results into text, one registry per kind of result.

`DIFF_RENDERERS` maps a `--format` name to a function `(Diff, RenderOptions) -> str`; a new
format is a new module and one entry here, never a branch in the caller. Document renderers
(one version: `json`, `canonical`) live in `document`.
"""

from __future__ import annotations

from collections.abc import Callable

from ..diff import Diff, summary_line
from .diff_json import render_json as render_diff_json
from .diff_md import render_md
from .diff_text import render_term, render_text
from .options import RenderOptions

DiffRenderer = Callable[[Diff, RenderOptions], str]

DIFF_RENDERERS: dict[str, DiffRenderer] = {
    "term": render_term,
    "text": render_text,
    "md": render_md,
    "json": render_diff_json,
}

__all__ = ["DIFF_RENDERERS", "DiffRenderer", "RenderOptions", "summary_line"]
