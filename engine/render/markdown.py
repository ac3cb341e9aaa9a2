"""Escaping text taken from documents for Markdown (GitHub-flavoured): every renderer that
writes Markdown (the diff, amendment lists, compilations, timelines and blame) escapes the
same way, so a stored text that holds `<img ...>`, `*`, `|` or `# ` is shown as typed and
never becomes markup, a link or a broken table.

Each ASCII punctuation character that can mean something in Markdown, GitHub's extensions
(tables, strikethrough, math) or HTML is backslash-escaped (CommonMark lets any ASCII
punctuation be), bare web addresses are kept from becoming links (GitHub would take a
backslash after one into the link), and what would open a heading, list or setext
underline at the start of a line is escaped.
"""

from __future__ import annotations

import re

from ..lazyre import lazy

_SPECIAL = lazy(r"([\\`*_\[\]<>|~&$])")
# GitHub links bare `www.` and `http://` addresses, and takes an escaping backslash after
# one into the link (`www.un.org\*` shows `www.un.org\`): escaping the `.` or `:` that
# starts the address leaves it plain text.
_AUTOLINK = lazy(r"(?i)(?<=www)\.|:(?=//)")
_LINE_START = lazy(r"^[ \t]*(?:([#+=-])|(\d+)([.)]))", re.M)


def escape(text: str) -> str:
    """Backslash the characters that mark up inline text, and what would open a heading,
    list or setext underline at the start of a line."""
    text = _AUTOLINK.sub(lambda m: "\\" + m[0], _SPECIAL.sub(r"\\\1", text))
    return _LINE_START.sub(_escape_line_start, text)


def _escape_line_start(m: re.Match[str]) -> str:
    if m[1]:  # `# heading`, `+ item`, `- item`, `===` under a line
        return f"\\{m[1]}"
    return f"{m[2]}\\{m[3]}"  # `1. item` is escaped after the number
