"""Provision references as printed in a base text, in English and Chinese: one writer.

The UN refers to preambular paragraphs by ordinal words ("the third preambular paragraph",
`序言部分第三段`), because they carry no number, and to operative paragraphs by the number
printed before them ("operative paragraph 12", `执行部分第12段`); subparagraphs by their
letters and roman numerals after the paragraph ("operative paragraph 16 (a)"). The number
is the one printed in the base (drafters' numbering, skipped numbers included), falling
back to the positional one where nothing was printed (Word's automatic numbering).
"""

from __future__ import annotations

from num2words import num2words

from ..errors import AmendmentError
from ..model import Provision, Resolution

_ZH_DIGITS = "零一二三四五六七八九"


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


def reference(base: Resolution, pid: str, lang: str) -> str:
    """How `pid` is referred to in an amendment to `base`, in `lang` (zh, else English)."""
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
        name = f"the {num2words(position, to='ordinal', lang='en')} preambular paragraph"
        return name + (", subparagraph " + " ".join(f"({s})" for s in subs) if subs else "")
    if zh:
        return "执行部分第" + _printed(head) + "".join(f"({s})" for s in subs) + "段"
    return f"operative paragraph {_printed(head)}" + "".join(f" ({s})" for s in subs)
