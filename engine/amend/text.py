"""The UN-style text forms of an amendment list, in English and Chinese.

One writer per language, as negotiators type them (see shared/UN-RESOLUTIONS.md,
"Amendment language"):

    In operative paragraph 12, after the words "technical assistance", insert "and capacity-building".
    在执行部分第5段之后插入一个新段落，内容如下：“……”

Each amendment is one line, except that new paragraphs (insertions, splits) follow their
instruction one per line, indented and quoted. A list yields lines (`lines`), so the md
renderer can put the same sentences in a numbered list with the words marked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .actions import (
    Amendment,
    AmendmentList,
    DeleteProvision,
    DeleteWords,
    InsertProvision,
    InsertWords,
    MoveProvision,
    Piece,
    ReplaceProvision,
    ReplaceWords,
    Split,
)
from .refs import run_words

Mark = Callable[[str, str], str]
"""How quoted words are written: (role, words) -> text, role `old`, `new` or `anchor`."""


def plain_en(role: str, words: str) -> str:
    return f'"{words}"'


def plain_zh(role: str, words: str) -> str:
    return f"“{words}”"


@dataclass(frozen=True)
class Sentence:
    """One amendment written out: the instruction, and new paragraphs that follow it."""

    head: str
    pieces: tuple[tuple[int, str], ...] = ()
    """(depth, quoted text) of each new provision written on a line of its own, indented
    four spaces per level (a paragraph four, a lettered subparagraph eight)."""


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _class(part: str, depth: int, target: str) -> str:
    """What a new or moved provision is, said so that the target tells the rest:
    `subparagraph`, `operative paragraph` after a preambular one (and the reverse), or
    `paragraph`."""
    kind = "subparagraph" if depth else "paragraph"
    if part == target[:2]:
        return kind
    return ("operative " if part == "op" else "preambular ") + kind


_ZH_CLASS = {
    "subparagraph": "分段",
    "paragraph": "段落",
    "operative paragraph": "执行部分段落",
    "preambular paragraph": "序言部分段落",
    "operative subparagraph": "执行部分分段",
    "preambular subparagraph": "序言部分分段",
}


def _inline(pieces: tuple[Piece, ...]) -> bool:
    """One new paragraph or lettered subparagraph is quoted after its instruction."""
    return len(pieces) == 1 and pieces[0].depth < 2


def _level(a: MoveProvision) -> str | None:
    """What a moved provision becomes, when that is not what its anchor is, or not what it
    was a paragraph or a subparagraph (a line without it keeps the level of both; `parse`
    refuses one whose target and anchor are not both paragraphs or both subparagraphs and
    that does not say which it becomes)."""
    paragraph = a.depth == 0
    if (a.part, a.depth) == (a.anchor[:2], a.anchor.count(".")) and paragraph == (a.target.count(".") == 0):
        return None
    return _class(a.part, a.depth, "")


def _pieces(pieces: tuple[Piece, ...], q: Mark) -> tuple[tuple[int, str], ...]:
    return tuple((p.depth, q("new", p.text)) for p in pieces)


def the_words(words: str, q: str) -> str:
    """`the word "strongly"` for one word, `the words "as well as"` for several (a
    hyphenated word is one); a quote without a letter, a number or symbol, goes bare, as
    the UN writes `replace "23/3" with "25/3"`."""
    if not any(c.isalpha() for c in words):
        return q
    return ("the words " if len(words.split()) > 1 else "the word ") + q


def english(a: Amendment, q: Mark) -> Sentence:
    by = f" (proposed by {a.proposer})" if a.proposer else ""
    if isinstance(a, ReplaceWords):
        old = the_words(a.old, q("old", a.old))
        return Sentence(f"In {a.ref}, replace {old} with {q('new', a.new)}.{by}")
    if isinstance(a, InsertWords):
        anchor = the_words(a.anchor, q("anchor", a.anchor))
        return Sentence(f"In {a.ref}, {a.position} {anchor}, insert {q('new', a.new)}.{by}")
    if isinstance(a, DeleteWords):
        return Sentence(f"In {a.ref}, delete {the_words(a.old, q('old', a.old))}.{by}")
    if isinstance(a, InsertProvision):
        kind = _class(a.pieces[0].part, a.pieces[0].depth, a.target)
        where = f"{_cap(a.position)} {a.ref}"
        if _inline(a.pieces):
            return Sentence(f"{where}, insert a new {kind} reading: {q('new', a.pieces[0].text)}{by}")
        return Sentence(f"{where}, insert the following new {kind}s:{by}", _pieces(a.pieces, q))
    if isinstance(a, DeleteProvision):
        if len(a.refs) == 1:
            return Sentence(f"Delete {a.refs[0]}.{by}")
        run = run_words(a.refs, "en")
        if run is None:
            return Sentence(f"Delete {', '.join(a.refs[:-1])} and {a.refs[-1]}.{by}")
        part, first, last = run
        word = "and" if len(a.refs) == 2 else "to"
        if part == "op":
            return Sentence(f"Delete operative paragraphs {first} {word} {last}.{by}")
        return Sentence(f"Delete the {first} {word} {last} preambular paragraphs.{by}")
    if isinstance(a, ReplaceProvision):
        return Sentence(f"Replace {a.ref} with the following: {q('new', a.new)}{by}")
    if isinstance(a, MoveProvision):
        verb = "follow" if a.position == "after" else "precede"
        level = _level(a)
        as_ = f" as {'an' if level and level[0] == 'o' else 'a'} {level}" if level else ""
        return Sentence(f"Move {a.ref} to {verb} {a.anchor_ref}{as_}.{by}")
    if isinstance(a, Split):
        return Sentence(f"Replace {a.ref} with the following paragraphs:{by}", _pieces(a.pieces, q))
    refs = ", ".join(a.refs[:-1]) + " and " + a.refs[-1]
    kind = _class(a.new.part, a.new.depth, a.targets[0])
    return Sentence(f"Merge {refs} into one {kind} reading: {q('new', a.new.text)}{by}")


def chinese(a: Amendment, q: Mark) -> Sentence:
    by = f"（{a.proposer}提议）" if a.proposer else ""
    where = {"after": "之后", "before": "之前"}
    if isinstance(a, ReplaceWords):
        return Sentence(f"在{a.ref}中，将{q('old', a.old)}改为{q('new', a.new)}。{by}")
    if isinstance(a, InsertWords):
        return Sentence(
            f"在{a.ref}中，在{q('anchor', a.anchor)}{where[a.position]}插入{q('new', a.new)}。{by}"
        )
    if isinstance(a, DeleteWords):
        return Sentence(f"在{a.ref}中，删除{q('old', a.old)}。{by}")
    if isinstance(a, InsertProvision):
        noun = _ZH_CLASS[_class(a.pieces[0].part, a.pieces[0].depth, a.target)]
        if _inline(a.pieces):
            text = q("new", a.pieces[0].text)
            return Sentence(f"在{a.ref}{where[a.position]}插入一个新{noun}，内容如下：{text}{by}")
        return Sentence(f"在{a.ref}{where[a.position]}插入以下新{noun}：{by}", _pieces(a.pieces, q))
    if isinstance(a, DeleteProvision):
        if len(a.refs) == 1:
            return Sentence(f"删除{a.refs[0]}。{by}")
        run = run_words(a.refs, "zh")
        if run is None:
            return Sentence(f"删除{'、'.join(a.refs)}。{by}")
        part, first, last = run
        word = "和" if len(a.refs) == 2 else "至"
        return Sentence(f"删除{'执行部分' if part == 'op' else '序言部分'}第{first}段{word}第{last}段。{by}")
    if isinstance(a, ReplaceProvision):
        return Sentence(f"将{a.ref}改为：{q('new', a.new)}{by}")
    if isinstance(a, MoveProvision):
        level = _level(a)
        as_ = f"，作为{_ZH_CLASS[level]}" if level else ""
        return Sentence(f"将{a.ref}移至{a.anchor_ref}{where[a.position]}{as_}。{by}")
    if isinstance(a, Split):
        return Sentence(f"将{a.ref}改为以下段落：{by}", _pieces(a.pieces, q))
    kind = _class(a.new.part, a.new.depth, a.targets[0])
    one = "一段" if kind == "paragraph" else f"一个{_ZH_CLASS[kind]}"
    return Sentence(f"将{'、'.join(a.refs)}合并为{one}，内容如下：{q('new', a.new.text)}{by}")


def sentences(amendments: AmendmentList, mark: Mark | None = None) -> Iterator[Sentence]:
    """Each amendment in the list's language (Chinese for zh, English otherwise)."""
    zh = amendments.language == "zh"
    write = chinese if zh else english
    q = mark or (plain_zh if zh else plain_en)
    for a in amendments.amendments:
        yield write(a, q)


def render_text(amendments: AmendmentList) -> str:
    """One amendment a line; new paragraphs of an insertion or split on lines of their own,
    indented by four spaces. No amendment: an empty text. A list whose proposer its
    amendments do not each carry (a typed list's `Proposed by:` line, read back and rebased)
    names it on a first line, as typed, so that `compile` still knows whose it is."""
    out: list[str] = []
    if amendments.proposer and amendments.amendments and any(not a.proposer for a in amendments.amendments):
        out.append(("提案方：" if amendments.language == "zh" else "Proposed by: ") + amendments.proposer)
    for s in sentences(amendments):
        out.append(s.head)
        out += ["    " * (depth + 1) + piece for depth, piece in s.pieces]
    return "".join(line + "\n" for line in out)
