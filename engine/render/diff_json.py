"""The `json` diff format (`resdiff.diff/1`), for tools and CI.

Keys are fixed and documented in `schemas/diff.schema.json`, which the tests validate
against; keys are sorted and changes keep document order, so equal diffs give equal bytes.
"""

from __future__ import annotations

import json
from typing import Any

from ..diff import Diff
from ..model import Resolution
from .options import RenderOptions

DIFF_SCHEMA = "resdiff.diff/1"


def _version(resolution: Resolution) -> dict[str, Any]:
    meta = resolution.meta
    return {
        "symbol": meta.symbol,
        "language": meta.language,
        "title": meta.title,
        "extent": meta.extent,
        "source": meta.source,
    }


def diff_dict(diff: Diff) -> dict[str, Any]:
    return {
        "schema": DIFF_SCHEMA,
        "old": _version(diff.old),
        "new": _version(diff.new),
        "summary": diff.summary,
        "changes": [
            {
                "kind": change.kind,
                "old": list(change.old),
                "new": list(change.new),
                "moved": change.moved,
                "similarity": change.similarity,
                "ops": [[op, text] for op, text in change.ops],
            }
            for change in diff.changes
        ],
    }


def render_json(diff: Diff, options: RenderOptions) -> str:
    """Every change, unchanged ones included; `--summary` leaves `changes` out (the one
    reason the schema makes that key optional), so a script reads `summary` either way."""
    data = diff_dict(diff)
    if options.summary_only:
        del data["changes"]
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
