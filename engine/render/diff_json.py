"""The `json` diff format (`resdiff.diff/1`), for tools and CI.

Keys are fixed and documented in `schemas/diff.schema.json`, which the tests validate
against; keys are sorted and changes keep document order, so equal diffs give equal bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..align import UNCERTAIN_BELOW
from ..diff import Change, Diff, Op
from ..model import Resolution
from . import jsonout
from .options import RenderOptions

DIFF_SCHEMA = "resdiff.diff/1"


def _version(resolution: Resolution) -> dict[str, Any]:
    """What identifies a side, and `warnings`, what the reader found odd in it (warnings and
    errors, as the other reports show them), only when there are some."""
    meta = resolution.meta
    out: dict[str, Any] = {
        "symbol": meta.symbol,
        "language": meta.language,
        "title": meta.title,
        "extent": meta.extent,
        "source": meta.source,
    }
    found = [d.as_dict() for d in resolution.warnings if d.severity != "note"]
    if found:
        out["warnings"] = found
    return out


def _ops(ops: Sequence[Op]) -> list[list[str]]:
    return [[op, text] for op, text in ops]


def _change(change: Change) -> dict[str, Any]:
    """The keys every change has, then `field` (heading changes), `cut` (a provision cut
    short at the end of an excerpt), `uncertain` (a pair made by position or wording at a
    similarity strangers reach: how it was made, and the bar) and `footnotes` (a changed
    footnote text) only where they apply."""
    out: dict[str, Any] = {
        "kind": change.kind,
        "old": list(change.old),
        "new": list(change.new),
        "moved": change.moved,
        "similarity": change.similarity,
        "ops": _ops(change.ops),
    }
    if change.field is not None:
        out["field"] = change.field
    if change.cut is not None:
        out["cut"] = change.cut
    if change.uncertain:
        out["uncertain"] = {"method": change.method, "below": UNCERTAIN_BELOW}
    if change.footnotes:
        out["footnotes"] = [{"old": n.old, "new": n.new, "ops": _ops(n.ops)} for n in change.footnotes]
    return out


def diff_dict(diff: Diff) -> dict[str, Any]:
    return {
        "schema": DIFF_SCHEMA,
        "old": _version(diff.old),
        "new": _version(diff.new),
        "summary": diff.summary | ({"uncertain": diff.uncertain} if diff.uncertain else {}),
        "changes": [_change(change) for change in diff.changes],
    }


def render_json(diff: Diff, options: RenderOptions) -> str:
    """Every change, unchanged ones included; `--summary` leaves `changes` out (the one
    reason the schema makes that key optional), so a script reads `summary` either way."""
    data = diff_dict(diff)
    if options.summary_only:
        del data["changes"]
    return jsonout.dumps(data)
