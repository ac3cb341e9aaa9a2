"""Options shared by the diff renderers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RenderOptions:
    """What a diff renderer is asked to show; the defaults are what `resdiff diff` shows."""

    color: bool = True
    """ANSI colour and strike/underline in the `term` format (without it, `term` marks edits
    as `text` does)."""
    show_formatting: bool = False
    """Mark edits of white space only (set by `--count-formatting`); by default a space lost
    or added by extraction is shown as the new text has it, unmarked (`visible_ops`)."""
    show_unchanged: bool = False
    """Also show provisions that are unchanged and kept their place (always counted in the
    summary; unchanged provisions that moved are always shown)."""
    author: str | None = None
    """Who the tracked revisions of the `docx` format are attributed to (default `resdiff`)."""
    context: int = 0
    """Unchanged provisions shown on each side of a change (`--context N`), in text formats."""
    summary_only: bool = False
    """Only the counts (`--summary`): one line in `text` and `term`, the heading and summary
    in `md`, the `resdiff.diff/1` object without `changes` in `json`."""
