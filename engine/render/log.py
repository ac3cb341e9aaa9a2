"""Renderers of `resdiff log`: term (one block per version), md (a table for GitHub) and
json (`resdiff.log/1`, documented in schemas/log.schema.json). A registry, as for diffs.

Counts are written as `resdiff diff --summary` writes them (`2 reworded, 1 added (1
moved)`), leaving out the unchanged provisions: what a step changed is the point of a log.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..controls import escape_controls
from ..diff import CHANGE_KINDS
from ..git.log import FileLog, LogVersion
from . import jsonout

LOG_SCHEMA = "resdiff.log/1"


def counts_text(summary: dict[str, int] | None) -> str:
    """`2 reworded, 1 added (1 moved)`; `no change` when only renumbering or formatting
    changed; `first version` where there is nothing before."""
    if summary is None:
        return "first version"
    parts = [f"{summary[kind]} {kind}" for kind in CHANGE_KINDS if kind != "unchanged" and summary[kind]]
    text = ", ".join(parts) if parts else "no change"
    if summary.get("moved"):
        text += f" ({summary['moved']} moved)"
    return text


def _step(v: LogVersion) -> str:
    return f"unreadable: {v.error}" if v.error else counts_text(v.summary)


def _subject(v: LogVersion) -> str:
    return v.message.splitlines()[0] if v.message else ""


def log_dict(log: FileLog) -> dict[str, Any]:
    versions = []
    for v in log.versions:
        entry: dict[str, Any] = {
            "commit": v.commit,
            "date": v.date,
            "author": v.author,
            "message": v.message,
            "path": v.path,
            "summary": v.summary,
        }
        if v.error is not None:
            entry["error"] = v.error
        versions.append(entry)
    return {"schema": LOG_SCHEMA, "path": log.path, "versions": versions}


def render_json(log: FileLog) -> str:
    return jsonout.dumps(log_dict(log))


def render_term(log: FileLog) -> str:
    """Oldest first, as the series is read: `commit date author`, the subject, the counts."""
    lines: list[str] = []
    for v in log.versions:
        renamed = f"  ({v.path})" if v.path != log.path else ""
        lines += [
            f"{v.commit[:12]}  {v.date[:10]}  {escape_controls(v.author)}{renamed}",
            f"    {escape_controls(_subject(v))}",
            f"    {escape_controls(_step(v))}",
            "",
        ]
    return "\n".join(lines)


def _cell(text: str) -> str:
    """A table cell: a pipe would end it, and markup in a message must stay text."""
    text = escape_controls(text).replace("\\", "\\\\").replace("|", "\\|")
    for ch in "<>*_`[]":
        text = text.replace(ch, "\\" + ch)
    return text


def render_md(log: FileLog) -> str:
    rows = [
        f"### `{_cell(log.path)}`",
        "",
        "| commit | date | author | message | changes |",
        "| --- | --- | --- | --- | --- |",
    ]
    for v in log.versions:
        message = _subject(v) + (f" ({v.path})" if v.path != log.path else "")
        cells = [f"`{v.commit[:12]}`", v.date[:10], _cell(v.author), _cell(message), _cell(_step(v))]
        rows.append(f"| {' | '.join(cells)} |")
    return "\n".join(rows) + "\n"


LOG_RENDERERS: dict[str, Callable[[FileLog], str]] = {
    "term": render_term,
    "md": render_md,
    "json": render_json,
}
