"""Folding that decides what counts as *formatting* rather than *wording*: comparison keys.

(The reader's `engine.read.tidy` decides the stored form of a text; folding here goes
further, for comparison only, and never changes what is stored.)

Two texts that are equal after folding are the same provision, unchanged: PDF extraction,
retyping and different word processors vary whitespace and the width of punctuation
(`，` vs `,`, `（` vs `(`), and a reader does not call that an amendment.

The fold is deliberately narrow: it maps the Unicode full-width ASCII block
(U+FF01..U+FF5E) and the ideographic space to their half-width forms, the half-width
CJK forms (U+FF61..U+FF64) to their full-width forms, curly quotes (`“ ” ‘ ’`) to straight
ones, `【】` to `[]`, and runs of whitespace to one space,
dropping whitespace that touches a CJK character (Chinese has no spaces between words, and
extraction inserts them around digits and Latin runs). It does not apply NFKC, which would
also fold superscripts, ligatures and compatibility ideographs that can carry meaning.
"""

from __future__ import annotations

from ..lazyre import lazy
from ..text import CJK_CLASS

_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: 0x20, 0xFF61: 0x3002, 0xFF62: 0x300C, 0xFF63: 0x300D, 0xFF64: 0x3001})
# Curly quotes and their straight forms: a drafter without a Chinese input method (or Word's
# AutoFormat off) types `"千年发展目标"` for `“千年发展目标”`, `State's` for `State’s`.
_WIDTH.update({0x201C: 0x22, 0x201D: 0x22, 0x2018: 0x27, 0x2019: 0x27})
# `【】`, what a Chinese input method types for `[ ]` (the brackets of unagreed text).
_WIDTH.update({0x3010: 0x5B, 0x3011: 0x5D})
WIDTH_TABLE: dict[int, int] = _WIDTH

_SPACE_RUN = lazy(r"\s+")
_SPACE_BY_CJK = lazy(rf"(?<=[{CJK_CLASS}]) | (?=[{CJK_CLASS}])")
_HAS_CJK = lazy(rf"[{CJK_CLASS}]")


def fold_width(text: str) -> str:
    """Full-width ASCII to half-width, half-width CJK punctuation to full-width."""
    return text if text.isascii() else text.translate(WIDTH_TABLE)  # the table maps no ASCII


def fold_space(text: str) -> str:
    """One space for any whitespace run, none next to CJK characters, none at the ends."""
    text = " ".join(text.split())  # str.split and `\s` agree on what whitespace is
    if " " in text and not text.isascii() and _HAS_CJK.search(text):
        return _SPACE_BY_CJK.sub("", text)
    return text


def spaceless(key: str) -> str:
    """A folded key without any whitespace. Two keys equal in this form differ only in
    where spaces fall: PDF extraction drops the space at a line end (`Guidedby`) as often
    as it inserts one (`Reaf firming`), so that is formatting too. (It would also equate
    `a part` and `apart`; no such pair has been seen in a resolution.)"""
    return _SPACE_RUN.sub("", key)


def fold(text: str) -> str:
    """The comparison key of a text: equal keys mean the texts differ only in formatting."""
    return fold_space(fold_width(text))
