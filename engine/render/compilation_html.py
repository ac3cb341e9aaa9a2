"""The `html` compilation: one self-contained page for a facilitator to circulate or project.

Made in the one Jinja2 environment of every HTML report (autoescape on: no word taken from a
document or a list can run as markup; CSS inline, nothing fetched). This module prepares the
view as plain data (segments of base text, the words proposals touch, each proposal's
proposers and what it does, said as the text format says it); the template lays it out:
labels in a column, touched words marked, proposals in bracketed boxes, conflicts in red,
new paragraphs on green.
"""

from __future__ import annotations

from typing import Any

from ..amend.compile import Compilation, Entry, labels
from .compilation import names, new_mark, phrase, warning_line, whole_phrase
from .templates import template

_WORDS = {
    "en": {
        "title": "Compilation of proposals on {base}",
        "proposers": "Proposals by",
        "legend": "The words a proposal touches are marked; each proposal follows them in square brackets "
        "with its proposers. Conflicting proposals cannot all be accepted.",
        "conflicts": "Conflicts",
        "conflicting": "conflicting",
        "failed": "Not compiled",
    },
    "zh": {
        "title": "{base}提案汇编",
        "proposers": "提案方",
        "legend": "提案涉及的文字已标出，其后方括号内为提案及提案方。相互冲突的提案不能同时接受。",
        "conflicts": "相互冲突之处",
        "conflicting": "相互冲突",
        "failed": "未汇编",
    },
}


def _entry(entry: Entry, index: int, language: str, label: dict[str, str]) -> dict[str, Any]:
    view: dict[str, Any] = {
        "anchor": f"e{index}",
        "label": entry.label,
        "depth": entry.depth,
        "new": None,
        "text": entry.text,
        "touched": bool(entry.groups or entry.whole),
        "conflicting": entry.conflicting or any(g.conflicting for g in entry.groups),
        "segments": [],
        "whole": [],
    }
    if entry.provision is None and entry.heading is None:
        view["new"] = new_mark(entry, language, label)
        return view
    text = entry.base_text
    position = 0
    for group in entry.groups:
        view["segments"].append({"text": text[position : group.start], "words": None})
        view["segments"].append(
            {
                "words": group.words,
                "conflicting": group.conflicting,
                "proposals": [
                    {"who": names(p, language), "what": phrase(group, p, language)}
                    for p, _ in group.proposals
                ],
            }
        )
        position = group.end
    view["segments"].append({"text": text[position:], "words": None})
    view["whole"] = [
        {"who": names(p, language), "what": whole_phrase(p, language, label)} for p in entry.whole
    ]
    return view


def render_html(compilation: Compilation) -> str:
    language = "zh" if compilation.language == "zh" else "en"
    words = _WORDS[language]
    label = labels(compilation.base)
    base = compilation.base.meta.symbol or compilation.base.meta.title or "the base text"
    return str(
        template("compilation.html.j2").render(
            lang=compilation.language,
            title=words["title"].format(base=base),
            words=words,
            colon="：" if language == "zh" else ": ",
            lists=compilation.lists,
            conflicts=compilation.conflicts,
            failed=[str(exc) for exc in compilation.failed],
            warnings=[warning_line(w, language, label) for w in compilation.warnings],
            entries=[
                _entry(e, k, language, label)
                for k, e in enumerate((*compilation.headings, *compilation.entries), start=1)
            ],
        )
    )
