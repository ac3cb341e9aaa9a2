"""Renderers for a compilation text: `text`, `md`, `json` here, `html` and `docx` in their own
modules; a new format is one entry in `COMPILATION_RENDERERS`.

The text forms follow the conventions of negotiation drafts (shared/UN-RESOLUTIONS.md): every
provision under its label (`PP3`, `OP5`, `OP5 bis`); the base words a proposal touches in
square brackets, followed by each proposal in square brackets with its proposers,

    PP2 Recalling ..., [the most recent of which is] [Canada: replace with "the latest of which is"] / \
[Norway: replace "the most recent of which" with "the last of which"] (conflicting) resolution 77/228 ...

proposals on a provision as a whole on the line below it (`[Canada: delete]`), and a new
paragraph in square brackets followed by its proposers (`OP5 bis [Calls upon ...] (Canada,
Norway)`). Chinese texts get the same layout with Chinese words and punctuation. The
phrases are made here once (`phrase`, `whole_phrase`) and used by every format.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..amend.actions import (
    Amendment,
    DeleteProvision,
    DeleteWords,
    InsertProvision,
    InsertWords,
    Merge,
    MoveProvision,
    ReplaceProvision,
    ReplaceWords,
    Split,
)
from ..amend.compile import Compilation, Entry, Proposal, StructureWarning, Submitted, WordGroup, labels
from ..amend.jsonform import amendment_dict
from ..errors import AmendmentError
from . import jsonout
from .markdown import escape

COMPILATION_SCHEMA = "resdiff.compilation/1"

Quote = Callable[[str], str]
"""How proposed or quoted words are written in a format: (words) -> text."""


def quote_for(language: str) -> Quote:
    if language == "zh":
        return lambda words: f"“{words}”"
    return lambda words: f'"{words}"'


def names(proposal: Proposal, language: str) -> str:
    return ("、" if language == "zh" else ", ").join(proposal.proposers)


def phrase(
    group: WordGroup, proposal: Proposal, language: str, q: Quote | None = None, *, bracketed: bool = True
) -> str:
    """What a word proposal does, said after the bracketed base words: short when it touches
    exactly those words (`replace with "x"`, `delete`), else quoting its own (`replace "a"
    with "x"`), as in a group of conflicting proposals; always quoting its own when the
    base words are not bracketed (`bracketed` False: the title and body line)."""
    q = q or quote_for(language)
    a = proposal.amendment
    zh = language == "zh"
    assert isinstance(a, (ReplaceWords, InsertWords, DeleteWords))
    quoted = a.anchor if isinstance(a, InsertWords) else a.old
    short = bracketed and quoted == group.words
    if isinstance(a, ReplaceWords):
        if zh:
            return f"改为{q(a.new)}" if short else f"将{q(a.old)}改为{q(a.new)}"
        return f"replace with {q(a.new)}" if short else f"replace {q(a.old)} with {q(a.new)}"
    if isinstance(a, DeleteWords):
        if zh:
            return "删除" if short else f"删除{q(a.old)}"
        return "delete" if short else f"delete {q(a.old)}"
    if zh:
        where = "之后" if a.position == "after" else "之前"
        return f"在其{where[1]}插入{q(a.new)}" if short else f"在{q(a.anchor)}{where}插入{q(a.new)}"
    return f"insert {a.position}: {q(a.new)}" if short else f"{a.position} {q(a.anchor)}, insert {q(a.new)}"


def whole_phrase(proposal: Proposal, language: str, label: dict[str, str], q: Quote | None = None) -> str:
    """What a proposal on a provision as a whole does (`delete`, `replace with "..."`, `move to
    follow OP6`); other provisions are named by their labels."""
    q = q or quote_for(language)
    a: Amendment = proposal.amendment
    zh = language == "zh"
    if isinstance(a, DeleteProvision):
        return "删除" if zh else "delete"
    if isinstance(a, ReplaceProvision):
        return f"改为{q(a.new)}" if zh else f"replace with {q(a.new)}"
    if isinstance(a, Split):
        texts = ("" if zh else " / ").join(q(piece.text) for piece in a.pieces)
        return f"改为以下段落：{texts}" if zh else f"replace with the paragraphs {texts}"
    if isinstance(a, Merge):
        merged = ("和" if zh else " and ").join(label[pid] for pid in a.targets)
        return f"将{merged}合并为{q(a.new.text)}" if zh else f"merge {merged} into {q(a.new.text)}"
    if isinstance(a, MoveProvision):
        if zh:
            return f"移至{label[a.anchor]}{'之后' if a.position == 'after' else '之前'}"
        return f"move to {'follow' if a.position == 'after' else 'precede'} {label[a.anchor]}"
    raise TypeError(type(a))


def warning_line(
    warning: StructureWarning, language: str, label: dict[str, str], brackets: tuple[str, str] = ("[", "]")
) -> str:
    """A structure warning as one line, in every format: `Warning: accepted together, these
    proposals give no valid structure (pp3 comes after an operative paragraph): [Canada: OP1,
    move to follow PP2] [Norway: insert after PP2]`."""
    zh = language == "zh"
    parts = []
    for proposal in warning.proposals:
        a = proposal.amendment
        if isinstance(a, InsertProvision):
            where = label[a.target]
            what = (
                f"在{where}{'之后' if a.position == 'after' else '之前'}插入"
                if zh
                else f"insert {a.position} {where}"
            )
        elif isinstance(a, (ReplaceWords, InsertWords, DeleteWords)):  # pragma: no cover - never structural
            what = label[a.target]
        else:
            first = a.targets[0] if isinstance(a, Merge | DeleteProvision) else a.target
            what = f"{label[first]}{'：' if zh else ', '}{whole_phrase(proposal, language, label)}"
        parts.append(bracket(names(proposal, language), what, language, brackets))
    if zh:
        return f"警告：以下提案同时接受后文本结构无效（{warning.message}）：{''.join(parts)}"
    return (
        f"Warning: accepted together, these proposals give no valid structure ({warning.message}): "
        + " ".join(parts)
    )


def bracket(who: str, what: str, language: str, brackets: tuple[str, str] = ("[", "]")) -> str:
    return f"{brackets[0]}{who}{'：' if language == 'zh' else ': '}{what}{brackets[1]}"


def conflict_mark(language: str) -> str:
    return "（相互冲突）" if language == "zh" else "(conflicting)"


def new_mark(entry: Entry, language: str, label: dict[str, str]) -> str:
    """After a new paragraph: its proposers, and where a moved one comes from."""
    assert entry.new is not None
    who = names(entry.new, language)
    if entry.moved_from is not None:
        who += f"：由{entry.moved_from}移至此处" if language == "zh" else f": moved from {entry.moved_from}"
    return f"（{who}）" if language == "zh" else f"({who})"


def space(language: str) -> str:
    """Between brackets and the words around them: a space in English, none in Chinese."""
    return "" if language == "zh" else " "


def _alternatives(parts: list[str], conflicting: bool, language: str) -> str:
    gap = space(language)
    out = f"{gap}/{gap}".join(parts)
    return f"{out}{gap}{conflict_mark(language)}" if conflicting else out


class _Lines:
    """One writer for text and md: `esc` escapes words taken from the documents."""

    def __init__(
        self, compilation: Compilation, esc: Callable[[str], str], brackets: tuple[str, str] = ("[", "]")
    ) -> None:
        self.c = compilation
        self.esc = esc
        self.b = brackets
        self.lang = compilation.language
        self.label = labels(compilation.base)
        plain = quote_for(self.lang)
        self.q: Quote = lambda words: plain(esc(words))

    def body(self, entry: Entry) -> str:
        if entry.provision is None:
            mark = self.esc(new_mark(entry, self.lang, self.label))
            return f"{self.b[0]}{self.esc(entry.text)}{self.b[1]}{space(self.lang)}{mark}"
        text = entry.base_text
        out: list[str] = []
        position = 0
        for group in entry.groups:
            out.append(self.esc(text[position : group.start]))
            parts = [
                bracket(self.esc(names(p, self.lang)), phrase(group, p, self.lang, self.q), self.lang, self.b)
                for p, _ in group.proposals
            ]
            alternatives = _alternatives(parts, group.conflicting, self.lang)
            out.append(f"{self.b[0]}{self.esc(group.words)}{self.b[1]}{space(self.lang)}{alternatives}")
            position = group.end
        out.append(self.esc(text[position:]))
        return "".join(out)

    def whole(self, entry: Entry) -> str | None:
        if not entry.whole:
            return None
        parts = [
            bracket(
                self.esc(names(p, self.lang)),
                whole_phrase(p, self.lang, self.label, self.q),
                self.lang,
                self.b,
            )
            for p in entry.whole
        ]
        return _alternatives(parts, entry.conflicting, self.lang)

    def heading(self, entry: Entry) -> str:
        """The title or the body line as the base has it, the proposals on it after its words,
        each quoting the words it touches: never brackets inside it, so that a reader still
        finds the body line by its words (`The General Assembly,`) and the title whole."""
        said = []
        for group in entry.groups:
            parts = [
                bracket(
                    self.esc(names(p, self.lang)),
                    phrase(group, p, self.lang, self.q, bracketed=False),
                    self.lang,
                    self.b,
                )
                for p, _ in group.proposals
            ]
            said.append(_alternatives(parts, group.conflicting, self.lang))
        if (whole := self.whole(entry)) is not None:
            said.append(whole)
        gap = space(self.lang)
        return self.esc(entry.text) + "".join(gap + part for part in said)

    def header(self) -> list[str]:
        base = self.c.base.meta.symbol or self.c.base.meta.title or "the base text"
        zh = self.lang == "zh"

        def one(s: Submitted) -> str:
            if not s.source:
                return s.proposer
            return f"{s.proposer}（{s.source}）" if zh else f"{s.proposer} ({s.source})"

        lists = ("、" if zh else ", ").join(one(s) for s in self.c.lists)
        warnings = [
            warning_line(w, self.lang, self.label) for w in self.c.warnings
        ]  # md escapes the header whole
        if self.lang == "zh":
            return [f"{base}提案汇编", f"提案方：{lists}", f"相互冲突之处：{self.c.conflicts}", *warnings]
        return [
            f"Compilation of proposals on {base}",
            f"Proposals by: {lists}",
            f"Conflicts: {self.c.conflicts}",
            *warnings,
        ]


def render_text(compilation: Compilation) -> str:
    """The compilation as plain text: a header, then one provision a line under its label,
    with proposals on the provision as a whole on the line below, indented."""
    w = _Lines(compilation, lambda s: s)
    lines = [*w.header(), ""]
    # The base's title and `The Human Rights Council,`, with the proposals on them: the
    # compilation circulates as the next draft, and a draft read back (check, parse) takes
    # the line before the body line for its title and starts its body after the body line.
    lines += [line for entry in compilation.headings for line in (w.heading(entry), "")]
    for entry in compilation.entries:
        lines.append(f"{entry.label} {w.body(entry)}")
        if (whole := w.whole(entry)) is not None:
            lines.append(f"    {whole}")
    return "\n".join(lines) + "\n"


def render_md(compilation: Compilation) -> str:
    """The same as `text`, as Markdown: labels in bold, one paragraph a provision, the words
    taken from the documents escaped, the square brackets of proposals too (`\\[`: never a link)."""
    w = _Lines(compilation, escape, ("\\[", "\\]"))
    head = w.header()
    lines = [f"## {escape(head[0])}", "", *(escape(line) + "  " for line in head[1:-1]), escape(head[-1]), ""]
    lines += [line for entry in compilation.headings for line in (w.heading(entry), "")]
    for entry in compilation.entries:
        lines.append(f"**{escape(entry.label)}** {w.body(entry)}")
        if (whole := w.whole(entry)) is not None:
            lines.append(f"- {whole}")
        lines.append("")
    return "\n".join(lines)


def _proposal(p: Proposal) -> dict[str, Any]:
    return {
        "proposers": list(p.proposers),
        "places": [{"source": place.source, "line": place.line} for place in p.places],
        "conflicting": p.conflicting,
        "amendment": amendment_dict(p.amendment),
    }


def _entry(entry: Entry) -> dict[str, Any]:
    kind = "base" if entry.provision is not None else "moved" if entry.moved_from is not None else "new"
    return {
        "label": entry.label,
        "kind": kind,
        "id": entry.provision.id if entry.provision is not None else None,
        "part": entry.part,
        "depth": entry.depth,
        "text": entry.base_text if entry.provision is not None else entry.text,
        "moved_from": entry.moved_from,
        "proposal": _proposal(entry.new) if entry.new is not None else None,
        "groups": [
            {
                "start": g.start,
                "end": g.end,
                "words": g.words,
                "conflicting": g.conflicting,
                "proposals": [_proposal(p) for p, _ in g.proposals],
            }
            for g in entry.groups
        ],
        "whole": {"conflicting": entry.conflicting, "proposals": [_proposal(p) for p in entry.whole]},
    }


def _heading(entry: Entry) -> dict[str, Any]:
    return {
        "target": entry.heading,
        "text": entry.text,
        "groups": _entry(entry)["groups"],
        "whole": {"conflicting": entry.conflicting, "proposals": [_proposal(p) for p in entry.whole]},
    }


def _failure(exc: AmendmentError) -> dict[str, Any]:
    return {"source": exc.path, "line": exc.line, "message": exc.message}


def compilation_dict(compilation: Compilation) -> dict[str, Any]:
    meta = compilation.base.meta
    return {
        "schema": COMPILATION_SCHEMA,
        "base": {"symbol": meta.symbol, "title": meta.title, "language": meta.language},
        "lists": [
            {"source": s.source, "proposer": s.proposer, "amendments": s.amendments}
            for s in compilation.lists
        ],
        "conflicts": compilation.conflicts,
        "failed": [_failure(exc) for exc in compilation.failed],
        "warnings": [
            {"message": w.message, "proposals": [_proposal(p) for p in w.proposals]}
            for w in compilation.warnings
        ],
        "headings": [_heading(e) for e in compilation.headings],
        "entries": [_entry(e) for e in compilation.entries],
    }


def render_json(compilation: Compilation) -> str:
    """`resdiff.compilation/1` (schemas/compilation.schema.json); keys sorted, equal
    compilations give equal bytes."""
    return jsonout.dumps(compilation_dict(compilation))


def _html(compilation: Compilation) -> str:
    from .compilation_html import render_html

    return render_html(compilation)


def _docx(compilation: Compilation) -> bytes:
    from .compilation_docx import render_docx

    return render_docx(compilation)


COMPILATION_RENDERERS: dict[str, Callable[[Compilation], str | bytes]] = {
    "text": render_text,
    "md": render_md,
    "html": _html,
    "docx": _docx,
    "json": render_json,
}
