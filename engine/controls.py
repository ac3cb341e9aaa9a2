"""Control characters: removed from texts at reading, refused in canonical files, escaped in messages.

A text that anyone can submit may carry terminal escape sequences (ESC [ 31m, an OSC that
sets the window title or writes a hyperlink, BEL...). Stored raw, `resdiff show` would send
them to a terminal, where they act; piped, some tools strip them and others do not. So
they never get past reading (the reader removes them, whole sequences at a time, and says
so), a canonical file holding one is malformed, and any message that quotes input escapes
them. Tab and line feed are the only control characters a text may hold; form feed and
vertical tab (page breaks from `pdftotext`) are white space.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lazyre import lazy

# Every C0 and C1 control character and DEL, except tab and line feed.
CONTROL = lazy(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Every one, tab and line feed included: what a one-line message may not hold.
ANY_CONTROL = lazy(r"[\x00-\x1f\x7f-\x9f]")

# ECMA-48 sequences, removed whole so that no `[31m` is left behind. A control string (OSC,
# DCS, APC, PM, SOS) runs to its terminator (ST or BEL) within the line; its body excludes
# every introducer, so that each character is scanned a bounded number of times (linear
# time on any input). An unterminated introducer, or a lone ESC, is removed on its own.
_SEQUENCE = lazy(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\n\x07\x1b\x90\x98\x9b-\x9f]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -/]*[0-~]"  # other escape sequences (and the introducer of an unterminated one)
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"  # any other control character, a lone ESC included
)
_PAGE_BREAKS = lazy(r"[\v\f]")


@dataclass(frozen=True)
class Removal:
    """What was taken out of one line (1-based) of a text."""

    line: int
    removed: str


def remove_controls(text: str) -> tuple[str, list[Removal]]:
    """The text without control characters and escape sequences, and where they were.

    `text` has `\\n` line ends only (carriage returns already made line feeds).
    """
    text = _PAGE_BREAKS.sub(" ", text)
    if not CONTROL.search(text):
        return text, []
    removals: list[Removal] = []
    out: list[str] = []
    at = 0
    line = 1
    counted = 0  # offset up to which line feeds are counted in `line`
    for m in _SEQUENCE.finditer(text):
        line += text.count("\n", counted, m.start())
        counted = m.start()
        out.append(text[at : m.start()])
        at = m.end()
        if removals and removals[-1].line == line:
            removals[-1] = Removal(line, removals[-1].removed + m[0])
        else:
            removals.append(Removal(line, m[0]))
    out.append(text[at:])
    return "".join(out), removals


def escape_controls(text: str) -> str:
    """`text` with every control character written as a Python escape (`\\x1b`, `\\n`)."""
    return ANY_CONTROL.sub(lambda m: repr(m[0])[1:-1], text)
