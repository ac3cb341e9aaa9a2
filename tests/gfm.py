"""Checking `md` output the way GitHub shows it: render with cmark-gfm (GitHub's own
CommonMark + GFM parser, through cmarkgfm) and read the HTML back.

`check_md` compares what a reader sees with the diff itself: after each `<h3>` heading, the
paragraph's text, taken in runs of struck (`<del>`), inserted (`<ins>`, or `<strong>` as the
old renderer wrote it) and plain text, must be exactly the change's `delete`, `insert` and
`equal` texts in order (white space aside). A literal `**`, a strike over kept text or an
insertion shown plain all break that equality.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import cmarkgfm
from cmarkgfm.cmark import Options

from engine.diff import Diff
from engine.render.diff_labels import body_ops, heading, identity, shown, visible_ops

_STATE = {"del": "delete", "s": "delete", "ins": "insert", "strong": "insert"}
_TRANSPARENT = {"br", "a"}  # line breaks, and autolinks (GitHub links bare URLs)
_SPACE = re.compile(r"\s+")


def to_html(markdown: str) -> str:
    """As GitHub renders a comment (raw HTML passed through; GitHub then keeps `<del>` and
    `<ins>` in its sanitiser)."""
    return str(cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE))


class _Blocks(HTMLParser):
    """Top-level blocks as (tag, runs), runs being [(state, text)], plus tags met inside a
    block that a diff body never holds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, list[tuple[str, str]]]] = []
        self.stack: list[str] = []
        self.stray: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.stack:
            self.blocks.append((tag, []))
        elif tag not in _STATE and tag not in _TRANSPARENT:
            self.stray.append(tag)
        if tag not in ("br",):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if not self.stack:
            if data.strip():
                self.blocks.append(("#text", [("equal", data)]))
            return
        states = [_STATE[t] for t in self.stack[1:] if t in _STATE]
        state = "+".join(states) if states else "equal"
        self.blocks[-1][1].append((state, data))


def runs(pairs: list[tuple[str, str]] | tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """Adjacent texts of one state joined, white space removed, empty runs dropped."""
    out: list[tuple[str, str]] = []
    for state, text in pairs:
        text = _SPACE.sub("", text)
        if not text:
            continue
        if out and out[-1][0] == state:
            out[-1] = (state, out[-1][1] + text)
        else:
            out.append((state, text))
    return out


def check_md(diff: Diff, markdown: str, show_unchanged: bool = True) -> list[str]:
    """What is wrong with `markdown` (the `md` rendering of `diff`) as GitHub shows it."""
    parser = _Blocks()
    parser.feed(to_html(markdown))
    parser.close()
    problems = [f"unexpected <{tag}> in the output" for tag in parser.stray]
    blocks = parser.blocks
    title = "".join(text for _, text in blocks[0][1]) if blocks and blocks[0][0] == "h2" else ""
    sides = f"resdiff: {identity(diff.old)} → {identity(diff.new)}"
    if _SPACE.sub("", title) != _SPACE.sub("", sides):
        problems.append(f"title {title!r} is not {sides!r}")
    starts = [i for i, (tag, _) in enumerate(blocks) if tag == "h3"]
    changes = [c for c in diff.changes if shown(c, show_unchanged)]
    if len(starts) != len(changes):
        return [*problems, f"{len(starts)} headings for {len(changes)} changes"]
    for start, change in zip(starts, changes, strict=True):
        title = "".join(text for _, text in blocks[start][1])
        if _SPACE.sub("", title) != _SPACE.sub("", heading(diff, change)):
            problems.append(f"heading {title!r} is not {heading(diff, change)!r}")
        body = blocks[start + 1 : start + 2]
        seen = runs(body[0][1]) if body and body[0][0] == "p" else []
        wanted = runs(visible_ops(body_ops(change), show_formatting=False))  # what md is asked to show
        if seen != wanted:
            first = next(
                (i for i, (a, b) in enumerate(zip(seen, wanted, strict=False)) if a != b),
                min(len(seen), len(wanted)),
            )
            problems.append(
                f"{heading(diff, change)}: shown {seen[first : first + 2]} where the diff has "
                f"{wanted[first : first + 2]}"
            )
    return problems
