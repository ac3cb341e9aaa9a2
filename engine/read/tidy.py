"""Tidying: the form in which the reader stores a text (`tidy_text`), lines cleaned, and
lines rejoined into paragraphs.

PDF extraction leaves artefacts that are not wording: line breaks, runs of spaces, spaces
between Chinese characters and digits (`2013 年 6 月`), half-width punctuation in Chinese
text where UN originals print full-width forms. Two versions of a resolution must compare
equal when only these differ, so every text the reader stores goes through `tidy_text`.
(Not to be confused with `engine.align.formatting`, which folds stored texts further into
comparison keys and never changes what is stored.)
"""

from __future__ import annotations

import unicodedata

from ..lazyre import lazy
from ..text import CJK_CLASS, is_cjk

# Spaces that are not U+0020: no-break, ideographic, thin, figure, zero-width...
_ODD_SPACES = lazy(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = lazy(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_WS = lazy(r"\s+")

# The characters `is_cjk` accepts, as one class: scanning a whole text with a compiled
# pattern runs in C; a generator over `is_cjk` cost a third of reading an English text.
_CJK = lazy(f"[{CJK_CLASS}]")
_CJK_SPACE = lazy(rf"(?<={_CJK.pattern}) (?=[\s\S])|(?<=[\s\S]) (?={_CJK.pattern})")

# Half-width punctuation and its full-width form, as printed in UN Chinese texts.
_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


def clean_line(line: str) -> str:
    """NFC, odd spaces made plain, invisible characters dropped, right end stripped."""
    line = unicodedata.normalize("NFC", line)
    line = _ZERO_WIDTH.sub("", line)
    return _ODD_SPACES.sub(" ", line).rstrip()


def tidy_text(text: str, lang: str) -> str:
    """The stored form of a text: NFC, no invisible characters, one space for any run of
    whitespace, punctuation next to Chinese full-width, no space between Chinese characters."""
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _WS.sub(" ", text).strip()
    # (Each pattern below is tried only when the text holds what it needs: on a long English
    # text the scans cost more than all the rest, and they almost never find anything.)
    if not text.isascii() and _CJK.search(text):
        text = _full_width(text)
        text = _drop_cjk_spaces(text)
    if lang == "en":
        # English never puts a space before a comma, semicolon or closing bracket, nor
        # after an opening one; OCR and PDF extraction do ("Assembly ,", "( A/76 )").
        if " ," in text or " ;" in text or " )" in text or " ]" in text:
            text = _SPACE_BEFORE_CLOSE.sub("", text)
        if "( " in text or "[ " in text:
            text = _SPACE_AFTER_OPEN.sub("", text)
    return text


_SPACE_BEFORE_CLOSE = lazy(r" +(?=[,;)\]])")
_SPACE_AFTER_OPEN = lazy(r"(?<=[(\[]) +")


def _neighbour(text: str, i: int, step: int) -> str:
    """The nearest non-space character from position i in direction step, or ''."""
    i += step
    while 0 <= i < len(text) and text[i] == " ":
        i += step
    return text[i] if 0 <= i < len(text) else ""


def _in_chinese_context(text: str, i: int) -> bool:
    left, right = _neighbour(text, i, -1), _neighbour(text, i, 1)
    return bool(left and is_cjk(left)) or bool(right and is_cjk(right))


def _full_width(text: str) -> str:
    """Half-width punctuation next to Chinese becomes full-width; brackets go in pairs; a
    full stop `.` after a Chinese sentence becomes `。`."""
    chars = list(text)
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for i, ch in enumerate(chars):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            j = stack.pop()
            pairs[i], pairs[j] = j, i
    for i, ch in enumerate(text):
        if ch == "." and _sentence_stop(text, i):
            chars[i] = "。"
            continue
        if ch not in _FULL_WIDTH:
            continue
        chinese = _in_chinese_context(text, i)
        if ch in "()" and i in pairs:
            j = pairs[i]
            lo, hi = min(i, j), max(i, j)
            chinese = chinese or _in_chinese_context(text, j) or bool(_CJK.search(text, lo + 1, hi))
        if chinese:
            chars[i] = _FULL_WIDTH[ch]
    return "".join(chars)


def _sentence_stop(text: str, i: int) -> bool:
    """A `.` typed for `。`: after a Chinese character or closing mark, before the end or
    more Chinese (never in `A/HRC/24/56.`, `1.5`, `No.`, where a Latin letter or digit
    stands next to it)."""
    left, right = _neighbour(text, i, -1), _neighbour(text, i, 1)
    return bool(left) and is_cjk(left) and (not right or is_cjk(right))


def _drop_cjk_spaces(text: str) -> str:
    """Chinese is written without spaces; a space next to a Chinese character is an artefact
    (one between two characters, not at either end of the text)."""
    return _CJK_SPACE.sub("", text)


def join_lines(pieces: list[str], vocabulary: frozenset[str] = frozenset()) -> str:
    """Rejoin the lines of one paragraph as PDF extraction broke them.

    Lines are joined with a space (`tidy_text` later drops it between Chinese characters).
    A hyphen at a line end is kept and the halves joined without a space: UN documents
    are typeset without automatic hyphenation, so a line-end hyphen is a real one
    (`self-`/`determination`, `film-`/`makers`). The one exception is a word the same
    document spells elsewhere without the hyphen and never with it (`vocabulary` holds
    the document's lowercased words): then the hyphen was a soft one and goes.

    Linear in the paragraph: only the end of the text joined so far is looked at (a word
    cut by a soft hyphen is at most `_LONGEST_CUT` characters long), never all of it.
    """
    parts: list[str] = []
    for piece in (p.strip() for p in pieces):
        if not piece:
            continue
        if not parts:
            parts.append(piece)
            continue
        tail = _tail(parts, _LONGEST_CUT + 2)
        if tail.endswith("-") and tail[-2:-1].isalpha() and piece[:1].isalpha():
            head = _last_word(tail[:-1], whole=len(tail) < _LONGEST_CUT + 2)
            first = _FIRST_WORD.match(piece)
            joined = (head + first[0]).lower() if head and first else ""
            hyphenated = f"{head}-{first[0]}".lower() if head and first else ""
            if joined in vocabulary and hyphenated not in vocabulary:
                parts[-1] = parts[-1][:-1]
            parts.append(piece)
        elif tail.endswith(("–", "—", "/")):
            parts.append(piece)
        else:
            parts.append(" " + piece)
    return "".join(parts)


_LONGEST_CUT = 100
_FIRST_WORD = lazy(r"\w+")


def _tail(parts: list[str], size: int) -> str:
    """The last `size` characters of the concatenated parts (fewer when there are fewer)."""
    taken: list[str] = []
    length = 0
    for part in reversed(parts):
        taken.append(part)
        length += len(part)
        if length >= size:
            break
    return "".join(reversed(taken))[-size:]


def _last_word(text: str, *, whole: bool) -> str:
    """The word characters (`\\w`) that end `text`. When they fill all of it and `text`
    is only the end of the paragraph (`whole` false), the word is too long to be one cut
    at a line end: ''."""
    start = len(text)
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    return text[start:] if start > 0 or whole else ""
