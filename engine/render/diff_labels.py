"""How a change is named in human-readable output, shared by `term`, `text` and `md`:
`op5 → op6 (printed 7) reworded, moved (similarity 0.9643, paired as nearly identical)`.

Old side first, new side second, as in the `---`/`+++` header above it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..align import UNCERTAIN_BELOW
from ..align.formatting import fold, fold_space
from ..diagnostics import Diagnostic
from ..diff import HEADING_FIELDS, Change, Diff, FootnoteChange, Op
from ..model import Resolution
from ..text import has_cjk

PAIRED: dict[str, str] = {
    "identical": "paired as identical",
    "near-identical": "paired as nearly identical",
    "gap": "paired by position",
    "content": "paired by wording",
    "contained": "paired as lying whole in its partner",
    "cut": "paired as the same provision cut short",
}
"""How the alignment made a 1:1 pair, in words (docs/diff.md, "How provisions are matched"):
`identical` and `near-identical` are passes 1 and 2, `gap` pass 3 (the only candidate left
between the same unchanged neighbours), `content` pass 4 (the best match anywhere);
`contained` a paragraph whose text lies (mostly) whole in its partner (a reference list cut),
`cut` the last provision of an excerpt, cut short. A split or a merge says how it was made by
its kind."""


def side(resolution: Resolution, ids: Sequence[str]) -> str:
    """Ids, with the number a provision carried in print where it is not the one its position
    gives (an excerpt starting at paragraph 18: `op1 (printed 18)`); ids are positional, so
    the printed number is what a reader finds on paper."""
    labels = []
    numbered = any(p.kind == "operative" and p.number for p in resolution.provisions)
    for pid in ids:
        provision = resolution.provision(pid)
        differs = provision.number and provision.number != provision.default_number
        if provision.kind == "operative" and not provision.number and numbered:
            # Typed without its number among numbered ones: its id's number is only its place.
            labels.append(f"{pid} (no number)")
            continue
        if provision.kind == "preamble" and provision.number:
            # Preambular paragraphs are unnumbered in print: a number is a negotiation label.
            labels.append(f"{pid} (printed PP{provision.number})")
            continue
        labels.append(f"{pid} (printed {provision.number})" if differs else pid)
    return ", ".join(labels)


def describe(change: Change) -> str:
    """The kind in words, with `moved` and, for matches that are not exact, how close and how
    they were paired; `uncertain` when two different provisions could be that close
    (`Change.uncertain`, explained in a note under the summary)."""
    words = change.kind + (", moved" if change.moved else "")
    if change.kind in ("reworded", "split", "merged"):
        paired = PAIRED.get(change.method)
        doubt = ", uncertain" if change.uncertain else ""
        words += f" (similarity {change.similarity:.4f}{', ' + paired if paired else ''}{doubt})"
    if change.cut is not None:
        words += f" as far as the {change.cut} text goes (cut short at the end of an excerpt)"
    return words


def heading(diff: Diff, change: Change) -> str:
    """Old side, then new side, `—` for a side that has nothing: the same id on both sides
    (ids are positional) names two different provisions, so the arrow says which is which."""
    if change.field is not None:
        return heading_change_label(change)
    old = side(diff.old, change.old) if change.old else "—"
    new = side(diff.new, change.new) if change.new else "—"
    return f"{old} → {new} {describe(change)}"


def heading_change_label(change: Change) -> str:
    """`title changed`, `body line changed`: a heading change has no provision ids."""
    assert change.field is not None
    return f"{HEADING_FIELDS[change.field]} changed"


def footnote_label(note: FootnoteChange) -> str:
    """`footnote 1`, `footnote 2 (was 1)`, `footnote 3 (added)`, `footnote 1 (removed)`:
    the new marker, the old one only where it differs (markers are renumbered freely)."""
    if note.old is None:
        return f"footnote {note.new} (added)"
    if note.new is None:
        return f"footnote {note.old} (removed)"
    return f"footnote {note.new}" + (f" (was {note.old})" if note.old != note.new else "")


def footnote_lines(
    change: Change, render: Callable[[Sequence[Op]], str], label: Callable[[str], str] = str
) -> list[str]:
    """One line per changed footnote, to go under the provision that references it:
    `footnote 1: A/HRC/[-24/56-]{+27/56+}` with the format's own marks (`render`) and
    escaping (`label`)."""
    return [f"{label(footnote_label(note) + ':')} {render(note.ops)}" for note in change.footnotes]


def identity(resolution: Resolution) -> str:
    meta = resolution.meta
    extent = ", excerpt" if meta.extent == "excerpt" else ""
    return f"{meta.symbol or meta.title or meta.source or 'untitled'} ({meta.language}{extent})"


def _cut_notes(diff: Diff) -> list[str]:
    """An excerpt that stops mid-sentence in a provision paired with a reworded one: the
    words the other side has past the cut are shown as added (or removed), yet may only lie
    beyond the excerpt. A provision paired as cut short (`Change.cut`) says so already."""
    from ..diff.compare import cut_short

    out = []
    for side, res in (("old", diff.old), ("new", diff.new)):
        if not cut_short(res):
            continue
        last = res.provisions[-1].id
        for change in diff.changes:
            mine, other = (change.old, change.new) if side == "old" else (change.new, change.old)
            if last in mine and other and change.cut is None and change.kind != "unchanged":
                what = "added" if side == "old" else "removed"
                out.append(
                    f"note: the {side} text stops mid-sentence in {last}: what {', '.join(other)} has past "
                    f"that point may lie beyond the excerpt, not be {what}"
                )
    return out


def uncertain_notes(diff: Diff) -> list[str]:
    """Pairs the tool is unsure of (`Change.uncertain`), named, with why: a reader must not
    take `reworded` for fact when the two texts are no closer than two different provisions
    of one text can be."""
    pairs = [c for c in diff.changes if c.uncertain]
    if not pairs:
        return []
    how = {"gap": "by position", "content": "by wording"}
    named = ", ".join(
        f"{'+'.join(c.old)} → {'+'.join(c.new)} ({c.similarity:.2f}, {how.get(c.method, c.method)})"
        for c in pairs
    )
    return [
        f"note: {len(pairs)} uncertain pairing{'s' if len(pairs) > 1 else ''}: {named}; two different "
        f"provisions of one text also reach a similarity below {UNCERTAIN_BELOW:.2f}, so "
        f"{'each' if len(pairs) > 1 else 'it'} may be one provision removed and another added: "
        "read both texts"
    ]


def excerpt_notes(diff: Diff) -> list[str]:
    """What an excerpt hides: the comparison cannot tell a provision that was dropped from
    one that lies past where the other text was cut off, so say so under the summary."""
    notes = []
    if diff.new.meta.extent == "excerpt":
        notes.append("note: the new text is an excerpt: old provisions past its end show as removed")
    if diff.old.meta.extent == "excerpt":
        notes.append("note: the old text is an excerpt: new provisions past its end show as added")
    notes += _cut_notes(diff)
    notes += uncertain_notes(diff)
    old_notes, new_notes = bool(diff.old.footnotes), bool(diff.new.footnotes)
    if old_notes != new_notes:
        which = "old" if old_notes else "new"
        notes.append(f"note: only the {which} text has footnotes: footnote texts were not compared")
    spaced, marked = _formatting_only(diff)
    if spaced:
        notes.append(
            f"note: {len(spaced)} provision(s) shown unchanged differ by a space lost or added between "
            f"words ({_ids(spaced)}), taken as extraction; --count-formatting shows them"
        )
    if marked:
        notes.append(
            f"note: {len(marked)} provision(s) shown unchanged differ in quote style, punctuation width "
            f"or bracket form ({_ids(marked)}); --count-formatting shows them"
        )
    return notes


def input_warnings(diff: Diff) -> list[tuple[str, list[str]]]:
    """What the reader found odd in each input (`Resolution.warnings`: a marker glued out of
    sequence, a skipped number, text repaired...), per side, as `(heading, lines)`; a side
    with none is left out, so a report on clean inputs says nothing. A report is read
    without the terminal that printed them on stderr, so it must say them itself. Warnings
    and errors, as the terminal prints them; notes only with -v there, never here."""
    out = []
    for name, resolution in (("old", diff.old), ("new", diff.new)):
        found = [d for d in resolution.warnings if d.severity != "note"]
        if found:
            # a Word file has no lines: the reader numbers its paragraphs (engine/read/docx.py)
            unit = "paragraph" if (resolution.meta.source or "").lower().endswith(".docx") else "line"
            heading = f"What the reader found odd in the {name} text, {identity(resolution)}:"
            out.append((heading, [_warning_line(d, unit) for d in found]))
    return out


def _warning_line(d: Diagnostic, unit: str) -> str:
    where = f"{unit} {d.line}: " if d.line is not None else ""
    return f"{where}{d.code} ({d.severity}): {d.message}"


def _ids(ids: list[str]) -> str:
    return ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")


def _formatting_only(diff: Diff) -> tuple[list[str], list[str]]:
    """The unchanged provisions whose texts differ beyond runs of white space: where a space
    falls between two words (extraction does that, `Guidedby`, and so does a drafter,
    `every one` for `everyone`), and marks the diff folds (`"` and `“`, `,` and `，`, `[]`
    and `【】`). The diff calls both formatting, so the reader is told they are there, by id."""
    spaced, marked = [], []
    for change in diff.changes:
        if change.kind != "unchanged" or len(change.old) != 1 or len(change.new) != 1:
            continue
        old, new = diff.old.provision(change.old[0]).text, diff.new.provision(change.new[0]).text
        if old == new:
            continue
        if fold(old) != fold(new):
            spaced.append(change.new[0])
        elif fold_space(old) != fold_space(new):
            marked.append(change.new[0])
    return spaced, marked


def shown(change: Change, show_unchanged: bool) -> bool:
    return show_unchanged or change.kind != "unchanged" or change.moved


def shown_changes(diff: Diff, show_unchanged: bool, context: int = 0) -> list[Change]:
    """The changes a text format prints: every one that changed, and `context` unchanged
    provisions on each side of it (as `diff -U` keeps lines), or all with `show_unchanged`."""
    changes = diff.changes
    keep = [shown(change, show_unchanged) for change in changes]
    if context and not show_unchanged:
        changed = [i for i, k in enumerate(keep) if k]
        for i in changed:
            for j in range(max(0, i - context), min(len(changes), i + context + 1)):
                keep[j] = True
    return [change for change, k in zip(changes, keep, strict=True) if k]


def visible_ops(ops: Sequence[Op], show_formatting: bool) -> list[Op]:
    """The ops as a reader should see them: an edit of white space only (`cooperate{+ +}fully`,
    a space extraction lost or added) is formatting, so it is dropped from the deleted side
    and kept, unmarked, on the inserted one; unless formatting is asked to count. A line
    break stays marked: in a split or merge it is where one provision ends (`JOINER`)."""
    if show_formatting:
        return list(ops)
    out: list[Op] = []
    for op, text in ops:
        if op != "equal" and not text.strip() and "\n" not in text:
            if op == "delete":
                continue
            op = "equal"
        if out and out[-1][0] == op == "equal":
            out[-1] = ("equal", out[-1][1] + text)
        else:
            out.append((op, text))
    return out


def body_ops(change: Change) -> list[Op]:
    """The ops of a provision's body; for a provision cut short at the end of an excerpt,
    the rest the other side has is not an edit, so it shows as the new text has it."""
    if change.cut is None:
        return list(change.ops)
    return [(("equal", text) if op == "insert" else (op, text)) for op, text in change.ops if op != "delete"]


def inline(
    ops: Sequence[Op], equal: Callable[[str], str], edit: Callable[[str, str], str], between: str
) -> str:
    """An edit script as one run of text: each format says how to show kept text and an
    edit; `between` separates the deleted from the inserted half of a replacement, so that
    `Recalling` → `Recalls` never reads as one word. Not in Chinese (either half holding a
    Chinese character or full-width mark): Chinese has no spaces, and one shown between
    `<del>又</del>` and `<ins>并</ins>请` reads as a space in the new text."""
    body = []
    previous = ""
    for op, text in ops:
        if op == "equal":
            body.append(equal(text))
        else:
            sep = between if previous and op == "insert" and not has_cjk(previous + text) else ""
            body.append(sep + edit(op, text))
        previous = text if op == "delete" else ""
    return "".join(body)
