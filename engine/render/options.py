"""Options shared by the diff renderers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RenderOptions:
    color: bool = True
    """ANSI colour in the `term` format (without it, `term` marks edits as `text` does)."""
    show_unchanged: bool = False
    """Also show provisions that are unchanged and kept their place (always counted in the
    summary; unchanged provisions that moved are always shown)."""
    author: str | None = None
    """Who the tracked revisions of the `docx` format are attributed to (default `resdiff`)."""
