"""Reading the typed text forms of an amendment list (English and Chinese) back into actions.

The inverse of `text.py`, and tolerant of how delegations type: straight or curly quotes,
"the word(s)", "to read (as follows)", "Amend ... to read", numbered lines (`1.`), `PP3`/`OP5`
labels, half- or full-width Chinese punctuation, `之后`/`后`. A reference is resolved
against the base (`refs.resolve`), so a list typed against another numbering fails on the
line that names a paragraph the base does not have. New paragraphs follow their instruction
on lines of their own, quoted; indentation by four spaces per level says a subparagraph.
A first line `Proposed by: NAME` (`提案方：NAME`) names the proposer of the whole list.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..errors import AmendmentError
from ..model import Resolution
from ..read.tidy import tidy_text
from ..symbols import SymbolError, parse_symbol
from .actions import (
    Amendment,
    AmendmentList,
    DeleteProvision,
    DeleteWords,
    InsertProvision,
    InsertWords,
    Merge,
    MoveProvision,
    Part,
    Piece,
    Position,
    ReplaceProvision,
    ReplaceWords,
    Split,
    described,
)
from .refs import HEADINGS, reference, resolve

_Q = '["“”]'
_EN = [
    ("replace-words", rf"^In (?P<ref>.+?),? replace (?:the words? )?{_Q}(?P<old>.+?){_Q},? (?:with|by) {_Q}(?P<new>.+){_Q}\.?$"),  # noqa: E501
    ("insert-words", rf"^In (?P<ref>.+?),? (?P<position>after|before) (?:the words? )?{_Q}(?P<anchor>.+?){_Q},? insert "  # noqa: E501
                     rf"(?:the words? )?{_Q}(?P<new>.+){_Q}\.?$"),
    ("delete-words", rf"^In (?P<ref>.+?),? delete (?:the words? )?{_Q}(?P<old>.+){_Q}\.?$"),
    ("insert-provision", rf"^(?P<position>After|Before) (?P<ref>.+?), insert (?:a new|the following new|new) "
                         r"(?P<kind>(?:operative |preambular )?(?:sub)?paragraph)s?"
                         rf"(?: reading| to read(?: as follows)?| as follows)?:?\s*(?:{_Q}(?P<new>.*){_Q})?\.?$"),  # noqa: E501
    ("insert-provision", r"^Insert (?:a new|the following new|new) "
                         r"(?P<kind>(?:operative |preambular )?(?:sub)?paragraph) (?P<position>after|before) "
                         r"(?P<ref>.+?)(?:,? (?:reading|to read(?: as follows)?))?:?\s*"
                         rf"{_Q}(?P<new>.*){_Q}\.?$"),
    ("delete-run", r"^Delete (?P<op>operative paragraphs) (?P<a>[0-9]+) (?P<conj>to|and) (?P<b>[0-9]+)\.?$"),
    ("delete-run", r"^Delete the (?P<a>[a-z]+(?:[- ][a-z]+)?) (?P<conj>to|and) (?P<b>[a-z]+(?:[- ][a-z]+)?) "
                          r"(?P<pp>preambular paragraphs)\.?$"),
    ("delete-run", r"^Delete (?P<refs>[^\"“”]+?(?:,\s*|\s+and\s+)[^\"“”]+?)\.?$"),
    ("delete-provision", r"^Delete (?P<ref>[^\"“”]+?)\.?$"),
    ("split", r"^Replace (?P<ref>.+?) with the following (?:new )?paragraphs:$"),
    ("replace-provision", rf"^(?:Replace (?P<ref>.+?) "
                          rf"(?:(?:with|by) the following|to read(?: as follows)?|with|by)|"
                          rf"Amend (?P<ref2>.+?) to read(?: as follows)?):\s*{_Q}(?P<new>.*){_Q}\.?$"),
    ("move-provision", r"^Move (?P<ref>.+?) to (?P<position>follow|precede) (?P<anchor_ref>.+?)"
                       r"(?: as an? (?P<kind>(?:operative |preambular )?(?:sub)?paragraph))?\.?$"),
    ("merge", rf"^Merge (?P<refs>.+?) into one (?P<kind>(?:operative |preambular )?(?:sub)?paragraph)(?: reading| to read(?: as follows)?)?:\s*{_Q}(?P<new>.*){_Q}\.?$"),  # noqa: E501
]  # fmt: skip
_ZH_KINDS = "执行部分段落|序言部分段落|执行部分分段|序言部分分段|分段|段落"
# Quotes as typed: curly, straight, or the corner brackets `「」`/`『』` of an IME set to them.
_L, _R, _C, _K = '[“"「『]', '[”"」』]', "[，,]", "[：:]"
_W = "(?:一词|一语|等字|字样)?"  # "the word(s)" as Chinese lists may say it after the quote
_ZH = [
    ("replace-words", rf"^在(?P<ref>.+?)中?{_C}?[将把]{_L}(?P<old>.+?){_R}{_W}(?:改为|改成|替换为|修改为){_L}(?P<new>.+){_R}。?$"),  # noqa: E501
    ("insert-words", rf"^在(?P<ref>.+?)中?{_C}?在{_L}(?P<anchor>.+?){_R}{_W}(?P<position>之后|之前|后|前)插入{_L}(?P<new>.+){_R}。?$"),  # noqa: E501
    ("delete-words", rf"^在(?P<ref>.+?)中?{_C}?删除{_L}(?P<old>.+?){_R}{_W}。?$"),
    ("insert-provision", rf"^在?(?P<ref>.+?)(?P<position>之后|之前|后|前)插入(?:一个新的?|以下新的?|新的?)"
                         rf"(?P<kind>{_ZH_KINDS}|段)(?:{_C}内容如下)?{_K}(?:{_L}(?P<new>.*){_R})?。?$"),
    ("delete-run", r"^删除(?P<part>执行部分|序言部分)第\s*(?P<a>[^至到和、段]+?)\s*段?(?P<conj>至|到|和|、)第?\s*(?P<b>[^段部]+?)\s*段。?$"),  # noqa: E501
    ("delete-run", r"^删除(?P<refs>[^“”\"「」『』]+?(?:、|和)[^“”\"「」『』]+?)。?$"),
    ("delete-provision", r"^删除(?P<ref>[^“”\"「」『』]+?)。?$"),
    ("split", rf"^将(?P<ref>.+?)改为以下段落{_K}$"),
    ("replace-provision", rf"^将(?P<ref>.+?)改为(?:如下内容)?{_K}{_L}(?P<new>.*){_R}。?$"),
    ("move-provision", rf"^将(?P<ref>.+?)移至(?P<anchor_ref>.+?)(?P<position>之后|之前)"
                       rf"(?:{_C}作为(?P<kind>{_ZH_KINDS}))?。?$"),
    ("merge", rf"^合并(?P<refs>.+?)(?:为(?:一段|一个(?P<kind>{_ZH_KINDS})))?{_C}内容如下{_K}{_L}(?P<new>.*){_R}。?$"),  # noqa: E501
    ("merge", rf"^将(?P<refs>.+?)合并为(?:一段|一个(?P<kind>{_ZH_KINDS})){_C}内容如下{_K}{_L}(?P<new>.*){_R}。?$"),  # noqa: E501
]  # fmt: skip
PATTERNS = {
    "en": [(name, re.compile(rx, re.IGNORECASE)) for name, rx in _EN],
    "zh": [(name, re.compile(rx)) for name, rx in _ZH],
}
_PROPOSER = {
    "en": re.compile(r"\s*\(proposed by (?P<proposer>[^()]+)\)$", re.IGNORECASE),
    "zh": re.compile(r"[（(](?P<proposer>[^（）()]+)提议[）)]$"),
}
_HEADER = {
    "en": re.compile(
        r"^(?:proposed by|proposals? (?:of|by)|proposer|submitted by)\s*:?\s+(?P<name>.+?)[.:]?$", re.I
    ),
    "zh": re.compile(r"^(?:提案方|提议方|提案国|提议国)\s*[：:]\s*(?P<name>.+?)。?$"),
}
"""A first line naming who proposes the whole list (`Proposed by: Kenya`, `提案方：中国`)."""
# A list's own numbering: `1.`, `2)`, `3、`, `（4）`, `五、`.
_NUMBERED = re.compile(r"^(?:\d{1,3}\s*[.)、．]|[(（]\d{1,3}[)）]|[一二三四五六七八九十]{1,3}\s*[、．])\s*")
_KINDS: dict[str, tuple[Part | None, int]] = {
    "paragraph": (None, 0),
    "段落": (None, 0),
    "段": (None, 0),
    "subparagraph": (None, 1),
    "分段": (None, 1),
    "operative paragraph": ("op", 0),
    "执行部分段落": ("op", 0),
    "preambular paragraph": ("pp", 0),
    "序言部分段落": ("pp", 0),
    "operative subparagraph": ("op", 1),
    "执行部分分段": ("op", 1),
    "preambular subparagraph": ("pp", 1),
    "序言部分分段": ("pp", 1),
}
_POSITION: dict[str, Position] = {
    "after": "after", "follow": "after", "之后": "after", "后": "after",
    "before": "before", "precede": "before", "之前": "before", "前": "before",
}  # fmt: skip


_REF_SEPARATOR = re.compile(r",(?!\s*subparagraph)\s*|\s+and\s+|、|和", re.IGNORECASE)
"""Between the references of a list (`A, B and C`, `A、B和C`); not the comma inside one
(`the first preambular paragraph, subparagraph (a)`: preambular subparagraphs are named so)."""


def _split_refs(text: str) -> tuple[str, ...]:
    """The references a deletion or a merge names, one each, spaces normalised."""
    return tuple(" ".join(r.split()) for r in _REF_SEPARATOR.split(text) if r.strip())


_LIST = r"(?:,\s*|,?\s+and\s+)"
_PLURAL_EN = (
    re.compile(rf"^operative paragraphs (?P<ns>[0-9]+(?:{_LIST}[0-9]+)+)$", re.IGNORECASE),
    re.compile(rf"^the (?P<ns>[a-z-]+(?:{_LIST}[a-z-]+)+) preambular paragraphs$", re.IGNORECASE),
)
_PLURAL_ZH = re.compile(
    r"^(?P<part>执行部分|序言部分)(?P<ns>第\s*[^第段、和]+?\s*段?(?:[、和]第\s*[^第段、和]+?\s*段?)+)$"
)


def _plural_refs(text: str) -> tuple[str, ...] | None:
    """The paragraphs one plural reference names, each as a reference of its own: `operative
    paragraphs 1 and 2`, `the first, second and third preambular paragraphs`,
    `执行部分第1和第2段`, `执行部分第1段、第2段和第3段` (None for anything else: a list of
    references is split where it names them one by one)."""
    text = " ".join(text.split())
    if zh := _PLURAL_ZH.match(text):
        return tuple(
            f"{zh['part']}第{n.strip()}段"
            for n in re.findall(r"第\s*([^第段、和]+?)\s*段?(?=[、和]|$)", zh["ns"])
        )
    for pattern in _PLURAL_EN:
        if en := pattern.match(text):
            words = [w for w in re.split(_LIST, en["ns"]) if w]
            if pattern is _PLURAL_EN[0]:
                return tuple(f"operative paragraph {w}" for w in words)
            return tuple(f"the {w} preambular paragraph" for w in words)
    return None


_LANGUAGE_NAMES = {
    "en": "English",
    "zh": "Chinese",
    "fr": "French",
    "es": "Spanish",
    "ru": "Russian",
    "ar": "Arabic",
}


@dataclass
class _Entry:
    """One amendment of a typed list while it is read: its line (for errors), its head
    sentence and the quoted pieces under it."""

    line: int
    head: str
    pieces: list[tuple[int, str]] = field(default_factory=list)  # (indent, quoted text)


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] in '"“「『' and text[-1] in '"”」』':
        return text[1:-1]
    raise AmendmentError(f"a new paragraph must be quoted: {text[:40]}")


def _entries(text: str) -> list[_Entry]:
    entries: list[_Entry] = []
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if not raw.strip():
            continue
        stripped = raw.strip()
        indent = len(raw) - len(raw.lstrip(" \t"))
        if indent or stripped[0] in '"“「『':
            if not entries:
                raise AmendmentError("a quoted paragraph before any amendment", line=number)
            entries[-1].pieces.append((indent, stripped))
            continue
        entries.append(_Entry(number, _NUMBERED.sub("", stripped)))
    return entries


class _Reader:
    def __init__(self, base: Resolution, language: str) -> None:
        self.base = base
        self.language = language
        self.builders: dict[str, Callable[[re.Match[str], _Entry, str | None], Amendment]] = {
            "replace-words": self._replace_words,
            "insert-words": self._insert_words,
            "delete-words": self._delete_words,
            "insert-provision": self._insert_provision,
            "delete-provision": self._delete_provision,
            "delete-run": self._delete_run,
            "split": self._split,
            "replace-provision": self._replace_provision,
            "move-provision": self._move,
            "merge": self._merge,
        }

    def words(self, text: str) -> str:
        """Quoted words in the form the reader stores a Chinese text (`,` `;` next to Chinese
        full-width, no spaces around digits: `在 2014 年` is `在2014年`), so that words typed
        that way are found in the base; English words are taken as typed."""
        return tidy_text(text, "zh") if self.language == "zh" else text

    def target(self, m: re.Match[str]) -> tuple[str, str]:
        ref = next(m[g] for g in ("ref", "ref2") if g in m.re.groupindex and m[g])
        ref = " ".join(ref.split())
        return resolve(self.base, ref), ref

    def _replace_words(self, m: re.Match[str], e: _Entry, by: str | None) -> Amendment:
        return ReplaceWords(*self.target(m), self.words(m["old"]), self.words(m["new"]), by)

    def _insert_words(self, m: re.Match[str], e: _Entry, by: str | None) -> Amendment:
        anchor, new = self.words(m["anchor"]), self.words(m["new"])
        return InsertWords(*self.target(m), anchor, new, _POSITION[m["position"].lower()], by)

    def _delete_words(self, m: re.Match[str], e: _Entry, by: str | None) -> Amendment:
        return DeleteWords(*self.target(m), self.words(m["old"]), by)

    def _pieces(self, e: _Entry, part: Part, depth: int) -> tuple[Piece, ...]:
        """New provisions on their own lines: four spaces a level (a paragraph four, a lettered
        subparagraph eight); unindented or oddly indented lines take the instruction's level."""
        out = []
        for indent, text in e.pieces:
            level = indent // 4 - 1 if indent and indent % 4 == 0 and indent <= 12 else depth
            out.append(Piece(self.words(_unquote(text)), part, level))
        return tuple(out)

    def _insert_provision(self, m: re.Match[str], e: _Entry, by: str | None) -> Amendment:
        target, ref = self.target(m)
        part, depth = _KINDS[" ".join(m["kind"].lower().split())]
        part = part or self.base.provision(target).part
        if depth:
            depth = max(depth, self.base.provision(target).depth)
        if m["new"] is not None:
            if e.pieces:
                raise AmendmentError("a new paragraph both quoted after the instruction and below it")
            pieces: tuple[Piece, ...] = (Piece(self.words(m["new"]), part, min(depth, 1)),)
        else:
            pieces = self._pieces(e, part, depth)
        if not pieces:
            raise AmendmentError("no new paragraph follows the instruction")
        position = _POSITION[m["position"].lower()]
        if position == "after":
            target = self._after_the_whole(target, min(piece.depth for piece in pieces))
        return InsertProvision(target, ref, pieces, position, by)

    def _delete_provision(self, m: re.Match[str], e: _Entry, by: str | None) -> Amendment:
        return DeleteProvision.one(*self.target(m), by)

    def _after_the_whole(self, target: str, depth: int) -> str:
        """What a provision of `depth` put after `target` follows: the target with its
        subparagraphs, so the last of them ("after operative paragraph 2" puts a new
        paragraph after 2 (b), not between 2 and its subparagraphs)."""
        ids = [p.id for p in self.base.provisions]
        if target not in ids or depth > self.base.provision(target).depth:
            return target
        return self._with_subparagraphs(ids.index(target))[-1]

    def _delete_run(self, m: re.Match[str], e: _Entry, by: str | None) -> Amendment:
        """A range (`operative paragraphs 5 to 7`, `序言部分第二段至第四段`): every provision
        from the first to the last, the last's subparagraphs with it; or a list of references
        (`operative paragraph 5 and operative paragraph 9`)."""
        groups = m.re.groupindex
        if "refs" in groups:
            refs = _split_refs(m["refs"])
            try:
                if len(refs) > 1:
                    return DeleteProvision(tuple(resolve(self.base, r) for r in refs), refs, by)
            except AmendmentError:
                pass
            ref = " ".join(m["refs"].split())  # one reference with a comma or "and" in it
            return DeleteProvision.one(resolve(self.base, ref), ref, by)
        if "part" in groups:
            first, last = (f"{m['part']}第{m[g].strip()}段" for g in ("a", "b"))
        elif "op" in groups:
            first, last = (f"operative paragraph {m[g]}" for g in ("a", "b"))
        else:
            first, last = (f"the {' '.join(m[g].split())} preambular paragraph" for g in ("a", "b"))
        ids = [p.id for p in self.base.provisions]
        start, end = ids.index(resolve(self.base, first)), ids.index(resolve(self.base, last))
        if end <= start:
            raise AmendmentError(f"a range of paragraphs runs forward: {e.head[:60]}")
        if m["conj"].lower() in ("and", "和", "、") and not self._next_paragraph(start, end):
            # "paragraphs 5 and 7" names two paragraphs, not a range: 6 stays.
            targets = tuple(pid for k in (start, end) for pid in self._with_subparagraphs(k))
        else:
            depth = self.base.provisions[start].depth
            while end + 1 < len(ids) and self.base.provisions[end + 1].depth > depth:
                end += 1
            targets = tuple(ids[start : end + 1])
        if len({self.base.provision(pid).part for pid in targets}) > 1:
            raise AmendmentError(f"a range of paragraphs stays in one part: {e.head[:60]}")
        return DeleteProvision(
            targets, tuple(reference(self.base, pid, self.language) for pid in targets), by
        )

    def _next_paragraph(self, start: int, end: int) -> bool:
        """Whether the provision at `end` is the next one of `start`'s level (only deeper
        ones, its subparagraphs, between them): "5 and 6" is then the range 5 to 6."""
        depth = self.base.provisions[start].depth
        return all(p.depth > depth for p in self.base.provisions[start + 1 : end])

    def _with_subparagraphs(self, index: int) -> list[str]:
        """The provision at `index` and the subparagraphs under it, as a deletion takes them."""
        provisions = self.base.provisions
        out = [provisions[index].id]
        k = index + 1
        while k < len(provisions) and provisions[k].depth > provisions[index].depth:
            out.append(provisions[k].id)
            k += 1
        return out

    def _split(self, m: re.Match[str], e: _Entry, by: str | None) -> Amendment:
        target, ref = self.target(m)
        provision = self.base.provision(target)
        pieces = self._pieces(e, provision.part, provision.depth)
        if len(pieces) < 2:
            raise AmendmentError("a paragraph replaced by several needs at least two below it")
        return Split(target, ref, pieces, by)

    def _replace_provision(self, m: re.Match[str], e: _Entry, by: str | None) -> Amendment:
        return ReplaceProvision(*self.target(m), self.words(m["new"]), by)

    def _move(self, m: re.Match[str], e: _Entry, by: str | None) -> Amendment:
        target, ref = self.target(m)
        anchor_ref = " ".join(m["anchor_ref"].split())
        anchor = resolve(self.base, anchor_ref)
        part: Part = "pp" if anchor.startswith("pp") else "op"
        depth = anchor.count(".")
        if m["kind"]:
            kind_part, depth = _KINDS[" ".join(m["kind"].lower().split())]
            part = kind_part or part
        else:
            self._same_level(target, ref, anchor, anchor_ref)
        position = _POSITION[m["position"].lower()]
        if position == "after":
            anchor = self._after_the_whole(anchor, depth)
        return MoveProvision(target, ref, anchor, anchor_ref, position, part, depth, by)

    def _same_level(self, target: str, ref: str, anchor: str, anchor_ref: str) -> None:
        """A move that does not say what the provision becomes ("as a paragraph") takes the
        level of what it follows, so a subparagraph moved "to follow operative paragraph 1"
        came out as the paragraph `2. To report;` (and a paragraph moved after a subparagraph
        as a subparagraph), exit 0. Whether the drafter meant a paragraph of its own or one
        more subparagraph of paragraph 1 the line does not say, and UN lists name the place
        ("to follow subparagraph (c) of ..."), so such a line is refused, naming both forms."""
        if target in HEADINGS or anchor in HEADINGS or (anchor + ".").startswith(target + "."):
            return  # a move after itself or its own subparagraph: `apply` names that fault
        moved, there = self.base.provision(target).depth, self.base.provision(anchor).depth
        if (moved == 0) == (there == 0):
            return  # a lettered subparagraph after a roman one becomes roman, as derived lists say
        kinds = ("paragraph", "subparagraph", "roman subparagraph")
        if self.language == "zh":
            say = "add “，作为段落” or “，作为分段”, or name the provision it is to follow"
        else:
            say = 'add "as a paragraph" or "as a subparagraph", or name the provision it is to follow'
        raise AmendmentError(
            f'"{ref}" is a {kinds[min(moved, 2)]} and "{anchor_ref}" a {kinds[min(there, 2)]}: '
            f"the line does not say which the moved provision becomes there ({say})"
        )

    def _merge(self, m: re.Match[str], e: _Entry, by: str | None) -> Amendment:
        refs = _plural_refs(m["refs"]) or _split_refs(m["refs"])
        targets = tuple(resolve(self.base, r) for r in refs)
        if len(targets) < 2:
            raise AmendmentError("a merge names at least two paragraphs")
        first = self.base.provision(targets[0])
        kind_part, depth = _KINDS[" ".join((m["kind"] or "paragraph").lower().split())]
        part = kind_part or first.part
        if depth:
            depth = max(depth, first.depth)
        return Merge(targets, refs, Piece(self.words(m["new"]), part, depth), by)

    def amendment(self, e: _Entry) -> Amendment:
        head = e.head
        proposer = None
        if found := _PROPOSER[self.language].search(head):
            proposer = found["proposer"].strip()
            head = head[: found.start()].rstrip()
        for name, pattern in PATTERNS[self.language]:
            if m := pattern.match(head):
                _one_change(name, m)
                made = self.builders[name](m, e, proposer)
                _written(made, self.base)
                return made
        other = "en" if self.language == "zh" else "zh"
        if _HEADER[other].match(head) or any(pattern.match(head) for _, pattern in PATTERNS[other]):
            # An English list on a Chinese base (or the reverse) is no typing fault: say so.
            names = {"en": "English", "zh": "Chinese"}
            base_language = _LANGUAGE_NAMES.get(self.base.meta.language, self.base.meta.language)
            raise AmendmentError(
                f"a list in {names[other]}, but the base text is in {base_language}: "
                f"a list is typed in its base's language ({e.head[:40]})"
            )
        raise AmendmentError(f"not an amendment as resdiff reads them: {e.head[:60]}")


_WORD_OPERATIONS = ("replace-words", "insert-words", "delete-words")
_QUOTE = '["“”]'
_TWO_CHANGES = re.compile(
    rf"{_QUOTE}\s*[,;]?\s*(?:(?:and|or|then)\s+)*"
    rf"(?:(?:insert|replace|delete|after|before|with|by)\b.*{_QUOTE}|{_QUOTE})",
    re.I,
)
"""Inside quoted words, a quote mark followed by an instruction and another quote (`"select"
with "some", and after "mandate holders" insert "..."`) or by `and "`: the line holds more
than one change, and the pattern would take the rest of it as the new words."""


def written_checked(listed: AmendmentList, base: Resolution, *, keep_going: bool = False) -> AmendmentList:
    """A JSON list held to the typed lists' check (`_written`), with the same message: the
    schema lets `"new": ""` through, and a replacement, insertion, split piece or merge
    quoted empty gave a numbered paragraph with nothing in it, exit 0. JSON has no lines, so
    the amendment is named by its place (`amendment 2: ...`); with `keep_going` it is left
    out and kept in `unread`, as a typed line that cannot be read is."""
    kept: list[Amendment] = []
    ordinals: list[int] = []
    unread: list[AmendmentError] = []
    for ordinal, amendment in enumerate(listed.amendments, 1):
        try:
            _written(amendment, base)
        except AmendmentError as exc:
            error = AmendmentError(f"amendment {ordinal}: {exc.message}", path=listed.source)
            if not keep_going:
                raise error from None
            unread.append(error)
            continue
        kept.append(amendment)
        ordinals.append(ordinal)
    if not unread:
        return listed
    return replace(listed, amendments=tuple(kept), unread=tuple(unread), ordinals=tuple(ordinals))


def _written(amendment: Amendment, base: Resolution) -> None:
    """A paragraph (or title, or body line) a typed amendment writes has words: one quoted
    empty (`Replace operative paragraph 1 with the following: ""`) gave a numbered paragraph
    with nothing in it, exit 0, where the delegation meant a deletion or mistyped the quote.
    An empty subparagraph is let through: a real text has one (the Chinese A/RES/55/114,
    OP3 (a)), so the list `amend` derives for it writes one, and its text form must read back."""
    if isinstance(amendment, ReplaceProvision):
        if amendment.target not in HEADINGS and amendment.target not in {p.id for p in base.provisions}:
            return  # a JSON list's target the base lacks: `apply` names that fault
        depth = 0 if amendment.target in HEADINGS else base.provision(amendment.target).depth
        written = [(amendment.new, depth)]
    elif isinstance(amendment, InsertProvision | Split):
        written = [(piece.text, piece.depth) for piece in amendment.pieces]
    elif isinstance(amendment, Merge):
        written = [(amendment.new.text, amendment.new.depth)]
    else:
        return
    if all(text.strip() or depth for text, depth in written):
        return
    if isinstance(amendment, ReplaceProvision) and amendment.target in HEADINGS:
        raise AmendmentError(f'"{amendment.ref}": {HEADINGS[amendment.target][0]} would be empty')
    raise AmendmentError(
        f'"{described(amendment)}": the new paragraph it writes is empty; to take a paragraph out, delete it'
    )


def _one_change(name: str, m: re.Match[str]) -> None:
    """Refuse a line of word changes whose quoted words swallowed another change: read as
    one, `replace "select" with "some", and after "x" insert "y"` put the literal text
    `some", and after "x" insert "y` into the paragraph, and said nothing."""
    if name not in _WORD_OPERATIONS:
        return
    for group in ("old", "new", "anchor"):
        words = m.groupdict().get(group)
        if words and _TWO_CHANGES.search(words):
            raise AmendmentError(
                f"more than one change on one line ({words[:60]!r} holds quote marks): "
                "write each change as an amendment of its own"
            )


def parse(
    text: str, base: Resolution, source: str | None = None, *, keep_going: bool = False
) -> AmendmentList:
    """An amendment list typed in the base's language (Chinese for zh, else English); the
    first line that cannot be read stops it, with its line number, unless `keep_going`,
    which leaves that amendment out and keeps the error in `AmendmentList.unread`."""
    language = "zh" if base.meta.language == "zh" else "en"
    reader = _Reader(base, language)
    amendments: list[Amendment] = []
    lines: list[int] = []
    unread: list[AmendmentError] = []
    try:
        text, proposer = _header(text, language, base)
    except AmendmentError as exc:
        raise AmendmentError(exc.message, path=source, line=exc.line) from None
    try:
        entries = _entries(text)
    except AmendmentError as exc:
        raise AmendmentError(exc.message, path=source, line=exc.line) from None
    ordinals: list[int] = []
    for ordinal, entry in enumerate(entries, 1):
        try:
            amendments.append(reader.amendment(entry))
            lines.append(entry.line)
            ordinals.append(ordinal)
        except AmendmentError as exc:
            error = AmendmentError(exc.message, path=source, line=entry.line)
            if not keep_going:
                raise error from None
            unread.append(error)
    return AmendmentList(
        tuple(amendments),
        base.meta.language,
        base.meta.symbol,
        proposer,
        source,
        tuple(lines),
        unread=tuple(unread),
        ordinals=tuple(ordinals) if unread else (),
    )


_TITLE = re.compile(r"^(?:(?:draft|proposed|oral|written)\s+)?(?:amendments?|proposals?)\b(?!\s*\d)", re.I)
"""A list's title line, as a delegation heads it: `Amendments proposed by Canada to draft
resolution A/C.3/78/L.41`, `Proposed amendments to A/C.3/78/L.41`."""
_TITLE_BY = re.compile(r"\b(?:proposed |submitted )?by (?P<name>.+?)(?=\s+(?:to|on|for)\s|[.:]?$)", re.I)
_TITLE_SYMBOL = re.compile(r"\b[A-Z]+(?:/[A-Z0-9.*-]+)+")


def _header(text: str, language: str, base: Resolution | None = None) -> tuple[str, str | None]:
    """The proposer named on the list's first line, and the text with that line blanked (so
    that every other line keeps its number). An English title line (`Amendments proposed
    by Canada to draft resolution A/C.3/78/L.41`) is a header too: its proposer is taken,
    and the symbol it names must be the base's (amendments to L.40 applied to L.41 would
    land on whatever paragraphs carry the same numbers)."""
    lines = text.lstrip("\ufeff").split("\n")
    first = next((k for k, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return text, None
    head = lines[first].strip()
    if m := _HEADER[language].match(head):
        lines[first] = ""
        return "\n".join(lines), m["name"].strip()
    if language != "en" or not _TITLE.match(head):
        return text, None
    named = [sym.rstrip(".") for sym in _TITLE_SYMBOL.findall(head)]
    if base is not None and base.meta.symbol and named:
        try:
            ours, theirs = str(parse_symbol(base.meta.symbol)), [str(parse_symbol(n)) for n in named]
        except SymbolError:
            ours, theirs = base.meta.symbol, named
        if ours not in theirs:
            raise AmendmentError(
                f"the list is headed for {named[0]} but the base is {base.meta.symbol}: "
                "apply it to the text it was written for (or resdiff rebase it onto this one)",
                line=first + 1,
            )
    lines[first] = ""
    by = _TITLE_BY.search(head)
    return "\n".join(lines), by["name"].strip() if by else None
