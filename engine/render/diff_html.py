"""The `html` diff format: one self-contained report page to circulate.

The page is made from a Jinja2 template with autoescape on, so every piece of document
text is escaped by the engine that writes it, never by hand; CSS and script are inline, so
the file opens offline and asks no other host for anything. This module only prepares the
view (plain data: labels, runs of kept/deleted/inserted text per side); the template
decides the layout: a header with both identities and the counts, a list of changes, the
new text in full with `<ins>`/`<del>`, a side-by-side view to switch to, and a print
stylesheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..diff import CHANGE_KINDS, Change, Diff
from ..model import Resolution
from .diff_labels import (
    describe,
    excerpt_notes,
    footnote_label,
    heading_change_label,
    identity,
    input_warnings,
    side,
)
from .options import RenderOptions
from .templates import template


@dataclass(frozen=True)
class Run:
    """A stretch of text in one view: `equal`, `delete` or `insert`; `text` has no newline."""

    op: str
    text: str
    breaks: bool = False
    """A provision boundary comes after this run (a split or merge joins several)."""


def _runs(ops: tuple[tuple[str, str], ...], keep: tuple[str, ...]) -> list[Run]:
    runs: list[Run] = []
    for op, text in ops:
        if op not in keep:
            continue
        parts = text.split("\n")
        for i, part in enumerate(parts):
            if part:
                runs.append(Run(op, part))
            if i < len(parts) - 1:
                if runs:
                    runs[-1] = Run(runs[-1].op, runs[-1].text, True)
                else:
                    runs.append(Run("equal", "", True))
    return runs


def _change_view(diff: Diff, change: Change, index: int) -> dict[str, Any]:
    origin = ""
    if change.old and change.new and (change.moved or change.kind in ("split", "merged")):
        origin = "from " + side(diff.old, change.old)
    new_label = side(diff.new, change.new) if change.new else ""
    if change.field is not None:
        new_label = heading_change_label(change)
    return {
        "anchor": f"c{index}",
        "kind": change.kind,
        "moved": change.moved,
        "new_label": new_label,
        "old_label": side(diff.old, change.old) if change.old else "",
        "origin": origin,
        "describe": describe(change),
        "inline": _runs(change.ops, ("equal", "delete", "insert")),
        "old_runs": _runs(change.ops, ("equal", "delete")),
        "new_runs": _runs(change.ops, ("equal", "insert")),
        "unchanged": change.kind == "unchanged" and not change.moved,  # dimmed, foldable: class "quiet"
        "footnotes": [
            {"label": footnote_label(note), "runs": _runs(note.ops, ("equal", "delete", "insert"))}
            for note in change.footnotes
        ],
    }


def _identity_rows(resolution: Resolution) -> list[tuple[str, str]]:
    meta = resolution.meta
    rows = [
        ("symbol", meta.symbol),
        ("title", meta.title),
        ("body line", resolution.body_line),
        ("language", meta.language),
        ("adopted", meta.adopted),
        ("extent", meta.extent),
        ("source", meta.source),
    ]
    return [(key, value) for key, value in rows if value]


def render_html(diff: Diff, options: RenderOptions) -> str:
    """The whole report; unchanged provisions are always in it (dimmed, foldable)."""
    changes = [_change_view(diff, change, i) for i, change in enumerate(diff.changes, start=1)]
    summary = diff.summary
    counts: list[tuple[str, int]] = [(kind, summary[kind]) for kind in CHANGE_KINDS if summary[kind]]
    if summary["moved"]:
        counts.append(("moved", summary["moved"]))
    if diff.uncertain:
        counts.append(("uncertain", diff.uncertain))
    lang = diff.new.meta.language
    return str(
        template("diff.html.j2").render(
            lang=lang,
            title=f"{identity(diff.old)} → {identity(diff.new)}",
            old_identity=identity(diff.old),
            new_identity=identity(diff.new),
            old_rows=_identity_rows(diff.old),
            new_rows=_identity_rows(diff.new),
            counts=counts,
            notes=excerpt_notes(diff),
            input_warnings=input_warnings(diff),
            changes=changes,
            listed=[c for c in changes if not c["unchanged"]],
        )
    )
