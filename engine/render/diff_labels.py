"""How a change is named in human-readable output, shared by `term`, `text` and `md`:
`op5 → op6 (printed 7) reworded, moved (similarity 0.9643, paired as nearly identical)`.

Old side first, new side second, as in the `---`/`+++` header above it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..diff import Change, Diff, Op
from ..model import Resolution

PAIRED: dict[str, str] = {
    "identical": "paired as identical",
    "near-identical": "paired as nearly identical",
    "gap": "paired by position",
    "content": "paired by wording",
}
"""How the alignment made a 1:1 pair, in words (docs/diff.md, "How provisions are matched"):
`identical` and `near-identical` are passes 1 and 2, `gap` pass 3 (the only candidate left
between the same unchanged neighbours), `content` pass 4 (the best match anywhere). A split
or a merge says how it was made by its kind."""


def side(resolution: Resolution, ids: Sequence[str]) -> str:
    """Ids, with the number a provision carried in print where it is not the one its position
    gives (an excerpt starting at paragraph 18: `op1 (printed 18)`); ids are positional, so
    the printed number is what a reader finds on paper."""
    labels = []
    for pid in ids:
        provision = resolution.provision(pid)
        differs = provision.number and provision.number != provision.default_number
        labels.append(f"{pid} (printed {provision.number})" if differs else pid)
    return ", ".join(labels)


def describe(change: Change) -> str:
    """The kind in words, with `moved` and, for matches that are not exact, how close and how
    they were paired."""
    words = change.kind + (", moved" if change.moved else "")
    if change.kind in ("reworded", "split", "merged"):
        paired = PAIRED.get(change.method)
        words += f" (similarity {change.similarity:.4f}{', ' + paired if paired else ''})"
    return words


def heading(diff: Diff, change: Change) -> str:
    """Old side, then new side, `—` for a side that has nothing: the same id on both sides
    (ids are positional) names two different provisions, so the arrow says which is which."""
    old = side(diff.old, change.old) if change.old else "—"
    new = side(diff.new, change.new) if change.new else "—"
    return f"{old} → {new} {describe(change)}"


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
