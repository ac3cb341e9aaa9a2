"""Renderers: turning engine results into text, one registry per kind of result.

`DIFF_RENDERERS` maps a `--format` name to a function `(Diff, RenderOptions) -> str | bytes`
(text formats return str, `docx` returns bytes); a new format is a new module and one entry
here, never a branch in the caller. `FORMAT_FOR_SUFFIX` picks a format from an output
file's name. Document renderers
(one version: `json`, `canonical`) live in `document`.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

from .options import RenderOptions

if TYPE_CHECKING:  # the diff engine is not needed to name the formats (`--help`, a cached blame)
    from ..diff import Diff

DiffRenderer = Callable[["Diff", RenderOptions], str | bytes]


def _loaded_when_used(module: str, name: str) -> DiffRenderer:
    """A renderer whose module is imported when it first renders: every command pays the
    start-up of what is imported here, and one diff is rendered in one format."""

    def render(diff: Diff, options: RenderOptions) -> str | bytes:
        function: DiffRenderer = getattr(import_module(f"{__name__}.{module}"), name)
        return function(diff, options)

    render.__name__ = render.__qualname__ = name
    return render


DIFF_RENDERERS: dict[str, DiffRenderer] = {
    "term": _loaded_when_used("diff_text", "render_term"),
    "text": _loaded_when_used("diff_text", "render_text"),
    "md": _loaded_when_used("diff_md", "render_md"),
    "json": _loaded_when_used("diff_json", "render_json"),
    "html": _loaded_when_used("diff_html", "render_html"),
    "docx": _loaded_when_used("diff_docx", "render_docx"),
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
]
