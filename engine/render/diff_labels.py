"""How a change is named in human-readable output, shared by `term`, `text` and `md`:
`op6 (printed 6) ← op5 (printed 5) reworded, moved (similarity 0.9643, near-identical)`."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..diff import Change, Diff, Op
from ..model import Resolution


def side(resolution: Resolution, ids: Sequence[str]) -> str:
    """Ids with the number each provision carried in print (preambular ones carry none)."""
    labels = []
    for pid in ids:
        number = resolution.provision(pid).number
        labels.append(f"{pid} (printed {number})" if number else pid)
    return ", ".join(labels)


def describe(change: Change) -> str:
    """The kind in words, with `moved` and, for matches that are not exact, how they were made."""
    words = change.kind + (", moved" if change.moved else "")
    if change.kind in ("reworded", "split", "merged"):
        words += f" (similarity {change.similarity:.4f}, {change.method})"
    return words


def heading(diff: Diff, change: Change) -> str:
    """New side on the left, old side on the right, `—` for a side that has nothing, so that
    the same id on both sides (ids are positional) is never ambiguous."""
    new = side(diff.new, change.new) if change.new else "—"
    old = side(diff.old, change.old) if change.old else "—"
    return f"{new} ← {old} {describe(change)}"


def identity(resolution: Resolution) -> str:
    meta = resolution.meta
    extent = ", excerpt" if meta.extent == "excerpt" else ""
    return f"{meta.symbol or meta.title or meta.source or 'untitled'} ({meta.language}{extent})"


def excerpt_notes(diff: Diff) -> list[str]:
    """What an excerpt hides: the comparison cannot tell a provision that was dropped from
    one that lies past where the other text was cut off, so say so under the summary."""
    notes = []
    if diff.new.meta.extent == "excerpt":
        notes.append("note: the new text is an excerpt: old provisions past its end show as removed")
    if diff.old.meta.extent == "excerpt":
        notes.append("note: the old text is an excerpt: new provisions past its end show as added")
    return notes


def shown(change: Change, show_unchanged: bool) -> bool:
    return show_unchanged or change.kind != "unchanged" or change.moved


def inline(
    ops: Sequence[Op], equal: Callable[[str], str], edit: Callable[[str, str], str], between: str
) -> str:
    """An edit script as one run of text: each format says how to show kept text and an
    edit; `between` separates the deleted from the inserted half of a replacement, so that
    `Recalling` → `Recalls` never reads as one word."""
    body = []
    previous = "equal"
    for op, text in ops:
        if op == "equal":
            body.append(equal(text))
        else:
            body.append((between if previous == "delete" else "") + edit(op, text))
        previous = op
    return "".join(body)
