"""The resolution model: what a UN resolution is, independent of where it came from.

Names follow the UN's own drafting vocabulary (see shared/UN-RESOLUTIONS.md): a resolution
has metadata, a body line ("The Human Rights Council,"), preambular paragraphs, operative
paragraphs, lettered subparagraphs with roman-numbered children, and footnotes.

Provision ids are *positional*: `pp1`..`ppN` and `op1`..`opN` in document order,
subparagraphs `op16.a`, `op16.a.i` by their position under the parent. The number a
paragraph carries in print is kept apart (`Provision.number`), because numbers are labels
that change whenever a paragraph is inserted above; ids are stable within one version.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Literal

from .diagnostics import Diagnostic
from .errors import ModelError
from .lazyre import lazy

Kind = Literal["preamble", "operative", "subparagraph"]
Extent = Literal["full", "excerpt"]
KINDS: tuple[Kind, ...] = ("preamble", "operative", "subparagraph")

# pp3, op16, op16.a, op16.a.i, pp2.b  (subparagraphs may hang under either part)
ID_RE = lazy(r"^(?P<part>pp|op)(?P<n>[1-9][0-9]*)(?:\.(?P<sub>[a-z]+)(?:\.(?P<subsub>[ivxlc]+))?)?$")
# A marker is what was printed: "1", "12", "*", "a". Brackets, carets, backslashes and
# spaces are excluded so that the canonical format can write it as `[^marker]`.
MARKER_RE = lazy(r"^[^\s\[\]\\^]+$")
LABEL_SUFFIXES = ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies")
"""Latin suffixes of new paragraphs' labels in negotiation drafts (`OP3 bis`, `OP3 ter`): one
list for the labels `compile` and `apply` give (engine/amend/labels.py) and those the reader
and `check` read, so that every label written is read back."""
# Square-bracketed passages and a trailing status tag: the marks of a negotiation draft
# (shared/UN-RESOLUTIONS.md, "Negotiation drafts"). Footnote markers are not in the text.
# A Chinese input method types `[` as `【`: the same brackets.
BRACKETED = lazy(r"\[[^\[\]]*\]|【[^【】]*】")
STATUS_TAG = lazy(
    r"[(（\[]\s*(agreed(?:\s+ad\s+ref(?:erendum)?\.?)?|ad\s+ref\.?|pending|new|moved|deleted|merged|"
    r"under\s+discussion|已商定|待定)\s*[)）\]]\s*$",
    re.IGNORECASE,
)
# A delegation's proposal attributed in a compilation text: `[Canada: delete]`,
# `[Canada, Mexico: insert after: "sincerely"]`, `[俄罗斯联邦：改为“……”]`. It is said of the
# text (of the bracketed words before it, or of the whole paragraph), not text in brackets
# itself: `[name: action]`, the name a delegation's (capitalised words and the small words
# of country names, or Chinese characters), the action a proposal's first word or quoted words.


@functools.cache
def _name_word() -> re.Pattern[str]:
    return re.compile(
        r"[A-Z0-9À-Þ][\w.’'&-]*|d['’][A-Z]\w*|and|of|the|for|de|du|des|del|la|le|y|et|[\u4e00-\u9fff]+"
    )


@functools.cache
def _name_glue() -> re.Pattern[str]:
    return re.compile(r"[\s,，、/&()（）]+")


@functools.cache
def _action() -> re.Pattern[str]:
    # `after "x", insert "y"`: how compile says an insertion that quotes its own anchor (in a
    # conflicting group, on the title or the body line), a quote right after the word.
    return re.compile(
        r"""\s*(?:["“”'‘]|(?:after|before)\s+["“]|
    (?:delete|deletion|retain|keep|add|addition|insert|replace|reword|amend|move|
    merge|split|reinstate|restore|support|oppose|reserve|reservation|bracket|alt|alternative|new|
    propose|proposal|prefer|strike|remove|substitute|change|supprimer|maintenir|ajouter|remplacer|
    ins[ée]rer|d[ée]placer|suprimir|eliminar|mantener|a[ñn]adir|reemplazar|sustituir|insertar|
    trasladar)\w*\b|删除|删去|保留|改为|改成|将|在|插入|增加|添加|加入|增补|移至|移到|移动|替换|
    代之以|合并|拆分|恢复|支持|反对|新增|备选|替代|修改)""",
        re.VERBOSE | re.IGNORECASE,
    )


def attribution(passage: str) -> tuple[str, str] | None:
    """(who, what) when a square-bracketed passage (its inside) is a delegation's attributed
    proposal (`Canada: delete` -> ("Canada", "delete")), else None: bracketed words that
    hold a colon (`[the following: a, b]`) stay bracketed text."""
    who, colon, what = passage.replace("：", ":", 1).partition(":")
    who = who.strip()
    if not colon or not who or len(who) > 80 or not _action().match(what):
        return None
    words = [w for w in _name_glue().split(who) if w]
    if not words or not all(_name_word().fullmatch(w) for w in words):
        return None
    return who, what.strip()


# The mark `resdiff compile` writes after conflicting proposals (engine/render/compilation.py,
# `conflict_mark`): `[A: delete] / [B: retain] (conflicting)`, `[甲：删除]/[乙：保留]（相互冲突）`.
CONFLICT_MARK = lazy(r"\s*(?:\(conflicting\)|（相互冲突）)\s*$")
# The last square-bracketed passage of a text, after a `/` between alternatives if any.
_LAST_BRACKETED = lazy(r"\s*(?:/\s*)?(\[[^\[\]]*\]|【[^【】]*】)\s*$")
# A proposer named in parentheses right after bracketed words: `[new words] (Mexico)`,
# `[...] (Canada, Norway)`, `[...] (Norway: moved from OP3)`, `[……]（中国、俄罗斯联邦）`,
# as `resdiff compile` writes a new paragraph and shared/UN-RESOLUTIONS.md an inserted phrase.


@functools.cache
def _trailer() -> re.Pattern[str]:
    return re.compile(r"\s*[(（]([^()（）\[\]]{1,120})[)）]")


@functools.cache
def _trailer_at_end() -> re.Pattern[str]:
    return re.compile(r"(?<=[\]】])\s*[(（]([^()（）\[\]]{1,120})[)）]\s*$")


_NAMES_GLUE = lazy(r"\s*[,，、]\s*")


def proposer_trailer(inside: str) -> tuple[str, str] | None:
    """(who, what) when the inside of parentheses after bracketed words names the delegations
    that proposed them (`Canada, Norway` -> ("Canada, Norway", "insert"); `Norway: moved from
    OP3` -> ("Norway", "moved from OP3")), else None: `(A/78/53)`, `(2013)`, a status tag
    `(agreed)` and the conflict mark stay what they are. Each name is made of the words of
    `attribution`'s names and opens with a letter (never a number or a symbol)."""
    if STATUS_TAG.fullmatch(f"({inside})") or CONFLICT_MARK.fullmatch(f"({inside})"):
        return None
    who, colon, what = inside.replace("：", ":", 1).partition(":")
    who = who.strip()
    if not who or (colon and not what.strip()):
        return None
    for name in _NAMES_GLUE.split(who):
        words = name.split()
        if not words or not words[0][0].isalpha() or not all(_name_word().fullmatch(w) for w in words):
            return None
    return who, what.strip() or "insert"


def attributed(text: str) -> Iterator[tuple[str, str]]:
    """The delegations' proposals attributed in a text, in text order: bracketed attributions
    (`[Canada: delete]`) and proposers named after bracketed words (`[words] (Mexico)`)."""
    for m in BRACKETED.finditer(text):
        found = attribution(m[0][1:-1])
        if found is not None:
            yield found
            continue
        after = _trailer().match(text, m.end())
        if after is not None and (trailer := proposer_trailer(after[1])) is not None:
            yield trailer


def without_attributions(text: str) -> str:
    """The text without the delegations' proposals said of it at its end, as a compilation
    text writes them (`...; [Delegation A: delete] / [Delegation B: retain] (conflicting)`,
    `[new words;] (Mexico)` -> `[new words;]`): what is left is what ends the paragraph.
    A text with nothing attributed at its end comes back unchanged."""
    stripped = CONFLICT_MARK.sub("", text)
    found = False
    while (m := _LAST_BRACKETED.search(stripped)) and attribution(m[1][1:-1]) is not None:
        stripped, found = stripped[: m.start()], True
    if not found:
        stripped = text
    m = _trailer_at_end().search(stripped)
    if m is not None and proposer_trailer(m[1]) is not None:
        return stripped[: m.start()]
    return stripped


def bracketed_passages(text: str) -> int:
    """How many passages of `text` stand in square brackets as text not yet agreed: not a
    delegation's attributed proposal, nor a status tag at the end (`Provision.bracketed`)."""
    return sum(attribution(m[0][1:-1]) is None for m in BRACKETED.finditer(STATUS_TAG.sub("", text)))


def only_attributions(text: str) -> bool:
    """A line that holds nothing but proposals attributed to delegations (`[Canada: delete] /
    [Norway: retain] (conflicting)`): in a compilation text, said of the paragraph above it."""
    stripped = text.strip()
    return bool(stripped) and not without_attributions(stripped).strip()


# Everything str.splitlines() breaks on: none may stand inside one provision's text.
LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
_BREAKS = tuple(sorted(LINE_BREAKS))


def has_line_break(text: str) -> bool:
    """Ten substring searches in C: `LINE_BREAKS.isdisjoint(text)` walks the text one
    character object at a time (30 us for 500 Chinese characters against 2.6 us), and every
    provision of every version read or loaded from a cache is checked."""
    return any(ch in text for ch in _BREAKS)


@dataclass(frozen=True)
class FootnoteRef:
    """A footnote marker that stood in a provision's text.

    The marker is taken out of the text (it is furniture, not wording) but its place is
    kept as a character offset into the normalised text, so a renderer can put it back.
    """

    marker: str
    offset: int


@dataclass(frozen=True)
class Footnote:
    """A footnote's marker and text; the marker is checked here, since a marker with a
    space or bracket would not survive the canonical form."""

    marker: str
    text: str

    def __post_init__(self) -> None:
        if not MARKER_RE.match(self.marker):
            raise ModelError(f"{self.marker!r} is not a footnote marker")
        if has_line_break(self.text):
            raise ModelError(f"footnote {self.marker}: text holds a line break")


@dataclass(frozen=True)
class Provision:
    """One paragraph or subparagraph.

    `number` is what was printed ("16", "a", "ii"; empty for preambular paragraphs).
    `line` is where the provision starts in the file it was read from; it is provenance,
    not content, so it does not take part in equality.
    """

    id: str
    kind: Kind
    text: str
    number: str = ""
    footnotes: tuple[FootnoteRef, ...] = ()
    line: int | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if has_line_break(self.text):  # this runs per provision
            raise ModelError(f"{self.id}: text holds a line break; provision text is one line")
        previous = 0
        for ref in self.footnotes:
            if not MARKER_RE.match(ref.marker):
                raise ModelError(f"{self.id}: {ref.marker!r} is not a footnote marker")
            if not previous <= ref.offset <= len(self.text):
                raise ModelError(f"{self.id}: footnote {ref.marker} at offset {ref.offset} is out of order")
            previous = ref.offset

    @property
    def bracketed(self) -> int:
        """Passages in square brackets: text not yet agreed in a negotiation draft. A
        delegation's attributed proposal (`[Canada: delete]`, `proposals`) and a status tag
        in square brackets at the end (`[agreed]`, `status`) are said of the text, not text
        in brackets, so they are not counted: `Decides to [act] [Canada: replace with
        "take action"];` holds one unagreed passage, `...; [agreed]` none."""
        return bracketed_passages(self.text)

    @property
    def proposals(self) -> tuple[tuple[str, str], ...]:
        """Delegations' proposals attributed in the text (a compilation text's
        `[Canada: delete]`, `[Norway: replace with "..."]`, a new paragraph's `[...] (Canada,
        Norway)`), as (who, what) in text order."""
        return tuple(attributed(self.text))

    @property
    def status(self) -> str | None:
        """A negotiation status tag at the end of the text ("agreed ad ref"), if any."""
        m = STATUS_TAG.search(self.text)
        return " ".join(m[1].lower().split()) if m else None

    @property
    def depth(self) -> int:
        """0 for a paragraph, 1 for a lettered subparagraph, 2 for a roman one."""
        return self.id.count(".")

    @property
    def parent_id(self) -> str | None:
        return self.id.rsplit(".", 1)[0] if "." in self.id else None

    @property
    def part(self) -> Literal["pp", "op"]:
        return "pp" if self.id.startswith("pp") else "op"

    @property
    def default_number(self) -> str:
        """The number this provision would carry if printed numbering followed position."""
        return default_number(self.id)


@dataclass(frozen=True)
class Metadata:
    """What identifies a version. Every field is optional but language and extent,
    because real inputs (excerpts, drafts without a symbol) often lack them."""

    language: str
    extent: Extent = "full"
    symbol: str | None = None
    body: str | None = None  # issuing organ: GA, HRC, CHR, GA-C3 ...
    session: str | None = None
    number: str | None = None  # "25/3", "68/160"
    title: str | None = None
    agenda_item: str | None = None
    adopted: str | None = None  # ISO 8601 date
    meeting: int | None = None
    vote: str | None = None  # "without a vote" or "recorded vote: 31-0-16"
    series: str | None = None
    source: str | None = None


def printed_prefix(p: Provision) -> str:
    """What stands before a provision's text in print: `5. `, `(a) `, `(ii) `; nothing for an
    unnumbered preambular paragraph. A numbered preambular paragraph and an operative
    `3 bis` carry negotiation labels, so they are printed as labels (`PP1 `, `OP3 bis `):
    as `(1) ` and `3 bis. ` they were not what the draft printed, and a text written so
    does not read back as the draft (the Word report and the plain text share this)."""
    if not p.number:
        return ""
    if p.kind == "preamble" and p.depth == 0:
        return f"PP{p.number} "
    if p.kind == "operative" and " " in p.number:
        return f"OP{p.number} "
    return f"{p.number}. " if p.kind == "operative" else f"({p.number}) "


@dataclass(frozen=True)
class Resolution:
    """One version of one resolution in one language."""

    meta: Metadata
    provisions: tuple[Provision, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    body_line: str | None = None
    # What the reader repaired or doubted (OCR spacing, unmatched markers, numbering
    # faults); provenance only, so not part of equality.
    warnings: tuple[Diagnostic, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        check_ids([p.id for p in self.provisions])
        markers = [f.marker for f in self.footnotes]
        if len(set(markers)) != len(markers):
            raise ModelError(f"duplicate footnote marker in {markers}")

    def provision(self, pid: str) -> Provision:
        for p in self.provisions:
            if p.id == pid:
                return p
        raise KeyError(pid)

    def footnote_text(self, marker: str) -> str | None:
        for f in self.footnotes:
            if f.marker == marker:
                return f.text
        return None

    @property
    def labelled(self) -> bool:
        """A negotiation draft: a preambular paragraph carries a label (PP3), or a number a
        suffix (OP3 bis, OP5 alt). Its labels never shift during the talks (a new paragraph
        is `bis`, a deleted one leaves its label unused); the adopted text drops them."""
        return any(
            p.depth == 0 and p.number and (p.kind == "preamble" or " " in p.number) for p in self.provisions
        )

    def with_meta(self, **changes: object) -> Resolution:
        return replace(self, meta=replace(self.meta, **changes))  # type: ignore[arg-type]


def letters(index: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa, 28 -> bb: the UN's way of lettering past (z)."""
    if index < 1:
        raise ValueError(index)
    q, r = divmod(index - 1, 26)
    return chr(ord("a") + r) * (q + 1)


def letter_index(label: str) -> int:
    if not label or len(set(label)) != 1 or not ("a" <= label[0] <= "z"):
        raise ValueError(label)
    return (len(label) - 1) * 26 + (ord(label[0]) - ord("a")) + 1


def roman_label(index: int) -> str:
    import roman  # here: it imports argparse, ~2 ms of every command's start-up that few need

    return str(roman.toRoman(index)).lower()


def roman_index(label: str) -> int:
    import roman

    return int(roman.fromRoman(label.upper()))


def child_id(parent: str, position: int) -> str:
    """Id of the position-th child (1-based) of a paragraph or subparagraph."""
    depth = parent.count(".")
    if depth == 0:
        return f"{parent}.{letters(position)}"
    if depth == 1:
        return f"{parent}.{roman_label(position)}"
    raise ModelError(f"{parent} cannot have children: subparagraphs nest two levels deep")


def default_number(pid: str) -> str:
    m = ID_RE.match(pid)
    if not m:
        raise ModelError(f"not a provision id: {pid!r}")
    if m["subsub"]:
        return m["subsub"]
    if m["sub"]:
        return m["sub"]
    return "" if m["part"] == "pp" else m["n"]


def kind_of(pid: str) -> Kind:
    m = ID_RE.match(pid)
    if not m:
        raise ModelError(f"not a provision id: {pid!r}")
    if m["sub"]:
        return "subparagraph"
    return "preamble" if m["part"] == "pp" else "operative"


def positional_ids(shape: Iterable[tuple[str, int]]) -> list[str]:
    return list(iter_positional_ids(shape))


def iter_positional_ids(shape: Iterable[tuple[str, int]]) -> Iterator[str]:
    """The ids that a sequence of (part, depth) calls for: `pp`/`op` paragraphs numbered
    from 1 in document order, each subparagraph lettered (or, one level down, numbered in
    roman) by its position under its parent."""
    counts = {"pp": 0, "op": 0}
    path: list[str] = []  # the open ancestors' ids
    children: list[int] = []  # how many children each open ancestor has so far
    for part, depth in shape:
        if depth == 0:
            counts[part] += 1
            pid = f"{part}{counts[part]}"
            path, children = [pid], [0]
        else:
            if depth > len(path):
                raise ModelError(f"a subparagraph of depth {depth} has no parent before it")
            del path[depth:], children[depth:]
            children[-1] += 1
            pid = child_id(path[-1], children[-1])
            path.append(pid)
            children.append(0)
        yield pid


def first_bad_id(ids: list[str]) -> tuple[int, str] | None:
    """(index, what is wrong) for the first id that is not the positional one, or None.

    Ids must be exactly the positional ones, preambular part before operative part. One
    pass over the list, so a reader can check a whole file and still name the bad line.
    """
    seen_op = False
    for index, pid in enumerate(ids):
        m = ID_RE.match(pid)
        if not m:
            return index, f"{pid!r} is not an id such as pp3, op16 or op16.a.i"
        if m["part"] == "pp" and seen_op:
            return index, f"{pid} comes after an operative paragraph"
        seen_op = seen_op or m["part"] == "op"
    want = iter_positional_ids((pid[:2], pid.count(".")) for pid in ids)
    for index, pid in enumerate(ids):
        try:
            expected = next(want)
        except ModelError:
            return index, f"{pid} has no paragraph before it"
        if pid != expected:
            return index, f"has id {pid}, expected {expected}"
    return None


def check_ids(ids: list[str]) -> None:
    bad = first_bad_id(ids)
    if bad is not None:
        raise ModelError(f"provision {bad[0] + 1}: {bad[1]}")


def renumber(provisions: Iterable[Provision]) -> tuple[Provision, ...]:
    """Give provisions the positional ids their order and depth call for.

    Readers build provisions knowing only the part and the depth (a placeholder id such as
    `op0.a`); this assigns the real ids and kinds, keeping each printed number.
    """
    items = list(provisions)
    ids = positional_ids((p.part, p.depth) for p in items)
    return tuple(replace(p, id=pid, kind=kind_of(pid)) for p, pid in zip(items, ids, strict=True))
