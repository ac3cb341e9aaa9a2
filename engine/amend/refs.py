"""Provision references as printed in a base text, in English and Chinese: one writer.

The UN refers to preambular paragraphs by ordinal words ("the third preambular paragraph",
`序言部分第三段`), because they carry no number, and to operative paragraphs by the number
printed before them ("operative paragraph 12", `执行部分第12段`); subparagraphs by their
letters and roman numerals after the paragraph ("operative paragraph 16 (a)"). The number
is the one printed in the base (drafters' numbering, skipped numbers included), falling
back to the positional one where nothing was printed (Word's automatic numbering).
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from ..errors import AmendmentError
from ..model import Provision, Resolution

_ZH_DIGITS = "零一二三四五六七八九"


def _ordinal(n: int) -> str:
    """`third`, `twenty-first`: num2words, imported only when a reference is written or read."""
    from num2words import num2words

    return str(num2words(n, to="ordinal", lang="en"))


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 35 -> 三十五, 100 -> 一百 (ordinal words of
    preambular paragraphs; num2words has no Chinese). Up to 999, more than any resolution has."""
    if not 0 < n < 1000:
        raise AmendmentError(f"no Chinese ordinal for paragraph {n}")
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    out = ""
    if hundreds:
        out += _ZH_DIGITS[hundreds] + "百"
        if rest and tens == 0:
            return out + "零" + _ZH_DIGITS[units]
    if tens:
        out += ("" if tens == 1 and not hundreds else _ZH_DIGITS[tens]) + "十"
    if units:
        out += _ZH_DIGITS[units]
    return out


def _printed(p: Provision) -> str:
    return p.number or p.default_number


HEADINGS: dict[str, tuple[str, str]] = {
    "title": ("the title", "标题"),
    "body-line": ("the body line", "首行"),
}
"""The two parts of a text above its paragraphs that an amendment can change, by the
target name amendments use for them, and how they are referred to in English and Chinese:
the title (`In the title, replace ...`, `在标题中，将……改为……`) and the body line naming the
acting organ ("The General Assembly,", `大会，`), the first line of the body."""


def heading_text(base: Resolution, target: str) -> str | None:
    """The title or body line of `base` (None when it has none)."""
    return base.meta.title if target == "title" else base.body_line


def reference(base: Resolution, pid: str, lang: str) -> str:
    """How `pid` is referred to in an amendment to `base`, in `lang` (zh, else English)."""
    if pid in HEADINGS:
        return HEADINGS[pid][1 if lang == "zh" else 0]
    try:
        target = base.provision(pid)
    except KeyError:
        raise AmendmentError(f"{pid} is not a provision of the base text") from None
    chain = [target]
    while chain[0].parent_id is not None:
        chain.insert(0, base.provision(chain[0].parent_id))
    head = chain[0]
    subs = [_printed(p) for p in chain[1:]]
    zh = lang == "zh"
    if head.part == "pp":
        position = [p.id for p in base.provisions if p.part == "pp" and p.depth == 0].index(head.id) + 1
        if zh:
            return "序言部分第" + chinese_number(position) + "段" + "".join(f"({s})" for s in subs)
        name = f"the {_ordinal(position)} preambular paragraph"
        return name + (", subparagraph " + " ".join(f"({s})" for s in subs) if subs else "")
    if zh:
        return "执行部分第" + _printed(head) + "".join(f"({s})" for s in subs) + "段"
    return f"operative paragraph {_printed(head)}" + "".join(f" ({s})" for s in subs)


_RUN = {
    "en": (
        re.compile(r"^operative paragraph (?P<n>[0-9]+)$"),
        re.compile(r"^the (?P<n>[a-z-]+) preambular paragraph$"),
    ),
    "zh": (
        re.compile(r"^执行部分第(?P<n>[0-9]+)段$"),
        re.compile(r"^序言部分第(?P<n>[一二三四五六七八九十百零]+)段$"),
    ),
}


def run_words(refs: tuple[str, ...], lang: str) -> tuple[str, str, str] | None:
    """(part, first, last) when `refs` name consecutive paragraphs of one part, numbered one
    after the other (operative paragraphs 5, 6, 7; the second, third, fourth preambular
    paragraphs), as a range may say them: `op`/`pp` and the first and last number or ordinal
    word as printed. None for anything else (subparagraphs, a gap, two parts)."""
    zh = lang == "zh"
    for part, pattern in zip(("op", "pp"), _RUN["zh" if zh else "en"], strict=True):
        found = [pattern.match(ref) for ref in refs]
        if len(refs) < 2 or not all(found):
            continue
        words = [m["n"] for m in found if m is not None]
        if part == "op":
            numbers = [int(w) for w in words]
        else:
            table = _chinese_numbers() if zh else _ordinals()
            numbers = [table.get(w, -1) for w in words]
        if all(b == a + 1 for a, b in itertools.pairwise(numbers)) and numbers[0] > 0:
            return part, words[0], words[-1]
    return None


# -- reading references back ---------------------------------------------------------------

_SUBS = r"(?P<subs>(?:\s*[(（][a-z]+[)）])*)"
# A negotiation label's suffix (`OP3 bis`, `PP5 alt`): labels are printed numbers, and
# `amend` names a labelled paragraph by its label ("operative paragraph 3 bis").
_SUFFIX = r"(?:\s?(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|decies|alt))?"
_EN_PP = re.compile(
    rf"""^(?:the\s+)?(?P<ordinal>[a-z]+(?:[-\s][a-z]+)?)\s+preambular\s+paragraph(?:,?\s+subparagraph)?{_SUBS}$
       | ^preambular\s+paragraph\s+(?P<n>\d+){_SUBS.replace("subs", "subs2")}$
       | ^PP\s*(?P<label>\d+{_SUFFIX}){_SUBS.replace("subs", "subs3")}$""",
    re.IGNORECASE | re.VERBOSE,
)
_EN_OP = re.compile(
    rf"^(?:operative\s+paragraph\s+|paragraph\s+|OP\s*)(?P<number>[0-9]+{_SUFFIX}){_SUBS}$", re.IGNORECASE
)
# As typed, too: `序言部分第3段` (a digit for the ordinal), `执行部分第十三段` (an ordinal
# word for the number), `执行部分13段` (第 left out), `第3段` (执行部分 left out, as "paragraph 3"
# leaves out "operative": a printed number is an operative paragraph's; `第三段` with an
# ordinal word stays refused, since preambular paragraphs are counted in those). Each names
# one paragraph for sure.
_ZH_PP = re.compile(rf"^序言部分第?\s*(?P<n>[一二三四五六七八九十百零]+|[0-9]+)\s*段{_SUBS}$")
_ZH_OP = re.compile(
    rf"^(?:执行部分第?|第(?=\s*[0-9]))\s*(?P<number>[0-9]+{_SUFFIX}|[一二三四五六七八九十百零]+)\s*{_SUBS}\s*段$",
    re.IGNORECASE,
)
# `款` for `段`: a paragraph of a law is a 款, but a UN text counts its paragraphs in 段 (and
# a 款 may be meant as a subparagraph, 分段): refused, with the reference it likely meant.
_ZH_KUAN = re.compile(r"^(?P<part>序言部分|执行部分)(?P<rest>.*)款(?P<subs>.*)$")
_DIGITS = {cp: ord("0") + (cp - 0xFF10) for cp in range(0xFF10, 0xFF1A)}
_LABEL = re.compile(r"[a-z]+")


@cache
def _ordinals() -> dict[str, int]:
    out = {}
    for n in range(1, 300):
        word = _ordinal(n)
        out[word] = n
        out[word.replace("-", " ")] = n
    return out


@cache
def _chinese_numbers() -> dict[str, int]:
    return {chinese_number(n): n for n in range(1, 1000)}


def _child(base: Resolution, parent: str, label: str, typed: str) -> str:
    found = [p.id for p in base.provisions if p.parent_id == parent and _printed(p) == label]
    if len(found) != 1:
        what = "no" if not found else f"{len(found)}"
        raise AmendmentError(f'"{typed}": the base text has {what} subparagraph ({label}) there')
    return found[0]


def _label(number: str) -> str:
    """A printed number or label as compared: `3bis`, `3 BIS` -> `3 bis`."""
    return " ".join(re.findall(r"[0-9]+|[^\W\d_]+", number.lower()))


def _labelled(base: Resolution, labelled: list[Provision], label: str, subs: str, typed: str) -> str:
    found = [p.id for p in labelled if _label(p.number) == label]
    if len(found) != 1:
        what = "no" if not found else f"{len(found)}"
        raise AmendmentError(f'"{typed}": the base text has {what} preambular paragraph labelled PP{label}')
    head = found[0]
    for sub in _LABEL.findall(subs):
        head = _child(base, head, sub, typed)
    return head


_SUB_OF = re.compile(r"^sub-?paragraph\s+(?P<sub>[(（][a-z]+[)）])\s+of\s+(?P<rest>.+)$", re.IGNORECASE)
"""`subparagraph (a) of operative paragraph 2` (and `subparagraph (ii) of subparagraph (a) of
...`), as UN lists also name a subparagraph: read as `operative paragraph 2 (a)`."""


def _subparagraph_of(text: str) -> str:
    subs: list[str] = []
    while m := _SUB_OF.match(text):
        subs.insert(0, m["sub"])
        text = m["rest"]
    return f"{text} {' '.join(subs)}" if subs else text


def resolve(base: Resolution, typed: str) -> str:
    """The id of the provision a typed reference names in `base` (the inverse of
    `reference`, plus the forms people type: `preambular paragraph 3`, `PP3`, `OP5`,
    `paragraph 5`, `subparagraph (a) of operative paragraph 2`, full-width brackets)."""
    text = " ".join(typed.split()).translate(_DIGITS)  # full-width digits as typed: `第１３段`
    text = _subparagraph_of(text)
    if kuan := _ZH_KUAN.match(text):
        meant = f"{kuan['part']}{kuan['rest']}段{kuan['subs']}"
        raise AmendmentError(f'"{typed}": paragraphs are counted in 段, not 款; did you mean "{meant}"?')
    for target, names in HEADINGS.items():
        if text.lower().removeprefix("the ") in {n.removeprefix("the ") for n in names}:
            if heading_text(base, target) is None:
                raise AmendmentError(f'"{typed}": the base text has no {names[0].removeprefix("the ")}')
            return target
    head: str | None = None
    subs = ""
    if m := _EN_PP.match(text) or _ZH_PP.match(text):
        groups = m.groupdict()
        subs = groups.get("subs") or groups.get("subs2") or groups.get("subs3") or ""
        if groups.get("ordinal"):
            position = _ordinals().get(groups["ordinal"].lower())
        elif "label" in groups and groups.get("label"):
            labelled = [p for p in base.provisions if p.part == "pp" and p.depth == 0 and p.number]
            if labelled:
                # A labelled draft (PP1, PP3 bis, PP4): `PP4` is the paragraph labelled so,
                # not the fourth (which is PP3 bis there).
                return _labelled(base, labelled, _label(groups["label"]), subs, typed)
            position = int(groups["label"])
        elif m.re is _ZH_PP:
            n = groups["n"]
            position = int(n) if n.isdigit() else _chinese_numbers().get(n)
        else:
            position = int(groups["n"])
        paragraphs = [p.id for p in base.provisions if p.part == "pp" and p.depth == 0]
        if position is None or not 0 < position <= len(paragraphs):
            raise AmendmentError(f'"{typed}": the base text has {len(paragraphs)} preambular paragraphs')
        head = paragraphs[position - 1]
    elif m := _EN_OP.match(text) or _ZH_OP.match(text):
        subs = m["subs"] or ""
        number = _label(m["number"])
        if not number[:1].isdigit():  # an ordinal word: 执行部分第十三段
            number = str(_chinese_numbers().get(number, number))
        found = [
            p.id for p in base.provisions if p.part == "op" and p.depth == 0 and _label(_printed(p)) == number
        ]
        if not found:
            raise AmendmentError(f'"{typed}": the base text has no operative paragraph {number}')
        if len(found) > 1:
            # A paragraph typed without its number takes one by its place, which another
            # paragraph may print: name both rather than pick one.
            told = [
                f"{pid} (printed {n})"
                if (n := base.provision(pid).number)
                else f"{pid} (no number; {number} by its place)"
                for pid in found
            ]
            raise AmendmentError(
                f'"{typed}": {len(found)} operative paragraphs of the base could be {number}: '
                f"{', '.join(told)}; number the base's paragraphs, then refer to one"
            )
        head = found[0]
    if head is None:
        raise AmendmentError(f'"{typed}" is not a reference to a paragraph')
    for label in _LABEL.findall(subs):
        head = _child(base, head, label, typed)
    return head
