"""The `text` and `term` diff formats: one block per provision, edits inline.

`text` marks edits as wdiff does (`[-deleted-]{+inserted+}`), so it survives e-mail, logs
and print. `term` with colour shows deleted text struck through in red and inserted text
underlined in green (ANSI SGR 9 and 4 with 31 and 32): colour is never the only signal, as
red and green are lost to colour-blind readers and on paper. `term` without colour (written
to a pipe or a file, or `--color never`) marks edits as `text` does.
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
    shown_changes,
    visible_ops,
)
from .options import RenderOptions


@dataclass(frozen=True)
class Marks:
    """How a text renderer marks deleted and inserted words (`[-…-]{+…+}` in a pipe,
    ANSI strike and underline on a terminal), so that term and text share one renderer."""

    delete: tuple[str, str]
    insert: tuple[str, str]
    heading: tuple[str, str] = ("", "")
    between: str = ""
    """Shown between the deleted and the inserted half of a replacement."""


WDIFF = Marks(delete=("[-", "-]"), insert=("{+", "+}"))
# Strike and underline do not separate `Recalling` from `Recalls` at a glance: a space does.
ANSI = Marks(
    delete=("\x1b[9;31m", "\x1b[0m"),
    insert=("\x1b[4;32m", "\x1b[0m"),
    heading=("\x1b[1m", "\x1b[0m"),
    between=" ",
)


_CONTROL_PICTURES = {
    **{code: 0x2400 + code for code in range(0x20) if chr(code) not in "\t\n"},
    0x7F: 0x2421,
    **{code: 0xFFFD for code in range(0x80, 0xA0)},
}
"""Control characters a text may carry (the reader lets a few through) drawn as their
Unicode pictures (`␛`): written raw, an escape sequence in a document could recolour or hide
text on the reader's terminal, and so hide a change."""


def _visible(text: str) -> str:
    return text.translate(_CONTROL_PICTURES)


def _marked(marks: Marks, op: str, text: str) -> str:
    """Marked line by line: an edit that spans provisions (a split, a merge) then shows each
    provision on its own line, and no terminal attribute runs on past a line's end (into the
    next screen line, or lost where `less -R` resets it)."""
    start, end = marks.delete if op == "delete" else marks.insert
    return "\n".join(f"{start}{_visible(line)}{end}" if line else line for line in text.split("\n"))


def _render(diff: Diff, options: RenderOptions, marks: Marks) -> str:
    if options.summary_only:
        return summary_line(diff) + "\n"
    lines = [
        f"--- {_visible(identity(diff.old))}",
        f"+++ {_visible(identity(diff.new))}",
        summary_line(diff),
        *excerpt_notes(diff),
    ]
    for change in shown_changes(diff, options.show_unchanged, options.context):

        def render(ops: Sequence[Op]) -> str:
            shown_ops = visible_ops(ops, options.show_formatting)
            return inline(shown_ops, _visible, lambda op, text: _marked(marks, op, text), marks.between)

        start, end = marks.heading
        lines += ["", f"{start}{_visible(heading(diff, change))}{end}", render(body_ops(change))]
        lines += footnote_lines(change, render, _visible)
    return "\n".join(lines) + "\n"


def render_text(diff: Diff, options: RenderOptions) -> str:
    return _render(diff, options, WDIFF)


def render_term(diff: Diff, options: RenderOptions) -> str:
    return _render(diff, options, ANSI if options.color else WDIFF)
