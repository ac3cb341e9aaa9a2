"""Renderers for amendment lists: `text` (UN style, en or zh), `md` (the same sentences as
a numbered list, old words struck and new ones underlined with <del>/<ins>), `json`
(`resdiff.amendments/1`). A new format is one entry in `AMENDMENT_RENDERERS`."""

from __future__ import annotations

from collections.abc import Callable

from ..amend.actions import AmendmentList
from ..amend.jsonform import dumps, list_dict
from ..amend.rebase import Rebased, relocated_dict, report_dict
from ..amend.text import render_text, sentences
from . import jsonout
from .markdown import escape

AmendmentRenderer = Callable[[AmendmentList], str]


def render_md(amendments: AmendmentList) -> str:
    open_, close = ("“", "”") if amendments.language == "zh" else ('"', '"')
    tags = {"old": ("<del>", "</del>"), "new": ("<ins>", "</ins>"), "anchor": ("", "")}

    def mark(role: str, words: str) -> str:
        start, end = tags[role]
        return f"{open_}{start}{escape(words)}{end}{close}"

    title = "修正案" if amendments.language == "zh" else "Amendments"
    base = f" to {escape(amendments.base)}" if amendments.base and amendments.language != "zh" else ""
    lines = [f"## {title}{base}", ""]
    if not amendments.amendments:
        lines.append(
            "No amendment: the texts differ only in numbering or formatting." if not base else "None."
        )
    for n, s in enumerate(sentences(amendments, mark), start=1):
        lines.append(f"{n}. {s.head}")
        lines += [f"{'   ' * (depth + 1)}- {piece}" for depth, piece in s.pieces]
    return "\n".join(lines) + "\n"


def render_rebased(rebased: Rebased, fmt: str) -> str:
    """A rebased list in one of the registry's formats; in JSON, what could not be carried
    over is the `not_carried` field (in the others the command line says it on stderr)."""
    if fmt != "json":
        return AMENDMENT_RENDERERS[fmt](rebased.amendments)
    data = list_dict(rebased.amendments)
    data["not_carried"] = [report_dict(item) for item in rebased.not_carried]
    data["relocated"] = [relocated_dict(item) for item in rebased.relocated]
    return jsonout.dumps(data)


AMENDMENT_RENDERERS: dict[str, AmendmentRenderer] = {
    "text": render_text,
    "md": render_md,
    "json": dumps,
}
