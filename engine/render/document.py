"""Renderers for one version: the canonical text and the stable JSON form.

JSON (`resdiff.document/1`) is what other tools and CI checks read, so its keys are
fixed and documented in `schemas/document.schema.json`, which the tests validate against.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import Resolution, printed_prefix
from ..store import canonical
from . import jsonout

DOCUMENT_SCHEMA = "resdiff.document/1"


def document_dict(res: Resolution) -> dict[str, Any]:
    meta = res.meta
    return {
        "schema": DOCUMENT_SCHEMA,
        "symbol": meta.symbol,
        "language": meta.language,
        "body": meta.body,
        "session": meta.session,
        "number": meta.number,
        "title": meta.title,
        "agenda_item": meta.agenda_item,
        "adopted": meta.adopted,
        "meeting": meta.meeting,
        "vote": meta.vote,
        "series": meta.series,
        "extent": meta.extent,
        "source": meta.source,
        "body_line": res.body_line,
        "provisions": [
            {
                "id": p.id,
                "kind": p.kind,
                "number": p.number,
                "text": p.text,
                "footnotes": [ref.marker for ref in p.footnotes],
                "footnote_offsets": [ref.offset for ref in p.footnotes],
                "line": p.line,
            }
            for p in res.provisions
        ],
        "footnotes": {f.marker: f.text for f in res.footnotes},
        "warnings": [w.as_dict() for w in res.warnings],
    }


def render_json(res: Resolution) -> str:
    return jsonout.dumps(document_dict(res), sort_keys=False)


def render_plain(res: Resolution) -> str:
    """The text as printed, for reading: title, body line, preambular paragraphs, operative
    paragraphs with their numbers, subparagraphs with their letters, a negotiation draft's
    labels as printed (`PP1`, `OP3 bis`), indented by level; one blank line between
    provisions. Footnotes are left out (the canonical form keeps them)."""
    blocks = [line for line in (res.meta.title, res.body_line) if line]
    for p in res.provisions:
        blocks.append("    " * p.depth + printed_prefix(p) + p.text)
    return "\n\n".join(blocks) + "\n"


DOCUMENT_RENDERERS: dict[str, Callable[[Resolution], str]] = {
    "canonical": canonical.dumps,
    "json": render_json,
    "text": render_plain,
}
