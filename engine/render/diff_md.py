"""The `md` diff format, for a pull-request comment on GitHub.

Deleted text is `<del>struck</del>`, inserted text `<ins>underlined</ins>`: GitHub renders
both tags. Markdown's own `~~` and `**` are not used for edits, because whether they open
or close depends on the characters around them (CommonMark's flanking rules): next to CJK
punctuation (`**，**`) or inside a word they stay literal, and a stray one pairs with the
next, striking text that did not change. A tag is a tag wherever it stands. An edit that
spans provisions (a split or a merge) is tagged line by line, and white space at the edges
of an edit stays outside the tags.

Everything taken from the documents is escaped: each ASCII punctuation character that can
mean something in Markdown, GitHub's extensions (tables, strikethrough, math) or HTML is
backslash-escaped (CommonMark lets any ASCII punctuation be), bare web addresses are kept
from becoming links (GitHub would take a backslash after one into the link), and white space at the start
of a line, which could open a code block, is dropped (it is formatting).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..diff import Diff, Op, summary_line
from ..lazyre import lazy
from .diff_labels import (
    body_ops,
    excerpt_notes,
    footnote_lines,
    heading,
    identity,
    inline,
    input_warnings,
    shown_changes,
    visible_ops,
)
from .markdown import escape
from .options import RenderOptions

_EDGES = lazy(r"^(\s*)(.*?)(\s*)$", re.S)
_TAGS = {"delete": ("<del>", "</del>"), "insert": ("<ins>", "</ins>")}
HARD_BREAK = "  \n"
"""Provisions of a split or merge joined in the ops by a newline stay on their own lines."""


def _kept(text: str) -> str:
    return HARD_BREAK.join(escape(line) for line in text.split("\n"))


def _edit(op: str, text: str) -> str:
    start, end = _TAGS[op]
    out = []
    for line in text.split("\n"):
        m = _EDGES.match(line)
        assert m is not None  # the pattern matches any line
        lead, core, trail = m.groups()
        out.append(f"{lead}{start}{escape(core)}{end}{trail}" if core else line)
    return HARD_BREAK.join(out)


def _body(ops: Sequence[Op]) -> str:
    body = inline(ops, _kept, _edit, " ")
    # An edit at the start of a line escapes after its tag; strip indentation last, so
    # that no line opens an indented code block.
    return re.sub(r"^[ \t]+", "", body, flags=re.M)


def render_md(diff: Diff, options: RenderOptions) -> str:
    lines = [
        f"## resdiff: {escape(identity(diff.old))} → {escape(identity(diff.new))}",
        "",
        f"**{summary_line(diff)}**",
        *(f"\n{escape(note)}" for note in excerpt_notes(diff)),
    ]
    for title, found in input_warnings(diff):
        lines += ["", f"**{escape(title)}**", ""]
        lines += [f"- {escape(' '.join(line.split()))}" for line in found]
    if not options.summary_only:
        for change in shown_changes(diff, options.show_unchanged, options.context):

            def render(ops: Sequence[Op]) -> str:
                return _body(visible_ops(ops, options.show_formatting))

            lines += ["", f"### {escape(heading(diff, change))}", "", render(body_ops(change))]
            lines += [f"\n{line}" for line in footnote_lines(change, render, escape)]
    return "\n".join(lines) + "\n"
