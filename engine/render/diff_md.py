"""The `md` diff format, for a pull-request comment on GitHub.

Deleted text is `~~struck~~`, inserted text `**bold**`. GitHub only honours these markers
when they hug non-space characters, so whitespace at the edges of an edit is moved outside
them, and an edit spanning provisions (a split or a merge) is marked line by line.
Markdown punctuation in the resolution's own text is escaped, as little as will do.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"^(\s*)(?:([#+-])|(\d+)([.)]))", re.M)
_EDGES = re.compile(r"^(\s*)(.*?)(\s*)$", re.S)


def escape(text: str) -> str:
    """Backslash the characters that mark up inline text, and what would open a heading,
    quote or list at the start of a line."""
    return _LINE_START.sub(_escape_line_start, _SPECIAL.sub(r"\\\1", text))


def _escape_line_start(m: re.Match[str]) -> str:
    if m[2]:  # `# heading`, `+ item`, `- item`
        return f"{m[1]}\\{m[2]}"
    return f"{m[1]}{m[3]}\\{m[4]}"  # `1. item` is escaped after the number


def _mark(text: str, marker: str) -> str:
    out = []
    for line in text.split("\n"):
        m = _EDGES.match(line)
        assert m is not None  # the pattern matches any line
        lead, core, trail = m.groups()
        out.append(f"{lead}{marker}{escape(core)}{marker}{trail}" if core else line)
    return "  \n".join(out)


def _inline(ops: Sequence[Op]) -> str:
    return inline(
        ops,
        lambda text: "  \n".join(escape(line) for line in text.split("\n")),
        lambda op, text: _mark(text, "~~" if op == "delete" else "**"),
        " ",
    )


def render_md(diff: Diff, options: RenderOptions) -> str:
    lines = [
        f"## resdiff: {escape(identity(diff.old))} → {escape(identity(diff.new))}",
        "",
        f"**{summary_line(diff)}**",
        *(f"\n{escape(note)}" for note in excerpt_notes(diff)),
    ]
    for change in diff.changes:
        if not shown(change, options.show_unchanged):
            continue

        def render(ops: Sequence[Op]) -> str:
            return _inline(visible_ops(ops, options.show_formatting))

        lines += ["", f"### {escape(heading(diff, change))}", "", render(body_ops(change))]
        lines += [f"\n{line}" for line in footnote_lines(change, render, escape)]
    return "\n".join(lines) + "\n"
