"""The `text` and `term` diff formats: one block per provision, edits inline.

`text` marks edits as wdiff does (`[-deleted-]{+inserted+}`), so it survives e-mail and
logs; `term` colours them instead (red deleted, green inserted, ANSI SGR codes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..diff import Diff, Op, summary_line
from .diff_labels import (
    body_ops,
    excerpt_notes,
    footnote_lines,
    heading,
    identity,
    inline,
    shown,
    visible_ops,
)
from .options import RenderOptions


@dataclass(frozen=True)
class Marks:
    delete: tuple[str, str]
    insert: tuple[str, str]
    heading: tuple[str, str] = ("", "")
    between: str = ""
    """Shown between the deleted and the inserted half of a replacement."""


WDIFF = Marks(delete=("[-", "-]"), insert=("{+", "+}"))
# Colour alone does not separate `Recalling` from `Recalls`: a space does.
ANSI = Marks(
    delete=("\x1b[31m", "\x1b[0m"),
    insert=("\x1b[32m", "\x1b[0m"),
    heading=("\x1b[1m", "\x1b[0m"),
    between=" ",
)


def _marked(marks: Marks, op: str, text: str) -> str:
    start, end = marks.delete if op == "delete" else marks.insert
    return f"{start}{text}{end}"


def _render(diff: Diff, options: RenderOptions, marks: Marks) -> str:
    lines = [
        f"--- {identity(diff.old)}",
        f"+++ {identity(diff.new)}",
        summary_line(diff),
        *excerpt_notes(diff),
    ]
    for change in diff.changes:
        if not shown(change, options.show_unchanged):
            continue

        def render(ops: Sequence[Op]) -> str:
            shown_ops = visible_ops(ops, options.show_formatting)
            return inline(shown_ops, str, lambda op, text: _marked(marks, op, text), marks.between)

        start, end = marks.heading
        lines += ["", f"{start}{heading(diff, change)}{end}", render(body_ops(change))]
        lines += footnote_lines(change, render)
    return "\n".join(lines) + "\n"


def render_text(diff: Diff, options: RenderOptions) -> str:
    return _render(diff, options, WDIFF)


def render_term(diff: Diff, options: RenderOptions) -> str:
    return _render(diff, options, ANSI if options.color else WDIFF)
