"""Tokenisers for the intra-provision diff, one per family of scripts.

A tokeniser cuts a text into tokens whose concatenation is the text (whitespace rides on
the token before it), so that a diff over tokens maps back to exact text. Numbers, dates
and symbols are whole tokens (`68/160`, `A/HRC/24/56`, `2013年6月13日`, `15 December
2022`, `1er janvier 2020`, `15 de diciembre de 2022`), so `23/3` → `25/3` is one replacement,
never `[-3-]{+5+}`. Tokens are Python code points strings, so a surrogate pair (one code
point) can never be split.

Chinese is cut into words with jieba's dictionary and algorithm, through `rjieba` (the
Rust port jieba-rs; dictionary mode, `hmm=False`: reproducible, no guessed words). Why words
and not characters: a character diff of `增强` → `加强` reads `[-增-]{+加+}强`, and even after
semantic cleanup runs of one-character edits remain hard to read; jieba gives
`[-增强-]{+加强+}`. Why rjieba and not the Python jieba: the same cuts (checked on every
Chinese text of the tests, the corpus, the history and the benchmarks: no run of ideographs
cut differently) for a tenth of the start-up: loading its dictionary takes about 80 ms, where
jieba's `initialize()` took 0.5-0.8 s. Either way it is loaded lazily, on the first Chinese
reworded provision, so a diff that needs no Chinese token diff never pays for it.
"""

from __future__ import annotations

import functools
import re
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable

from ..lazyre import lazy
from ..text import DATE_DMY_PATTERN, HAN_CLASS

# A symbol or number: alphanumeric segments joined by . / : - (a comma only inside digit
# groups), containing a digit. Matched before words, so `A/HRC/24/56` and `S-35/1` stay whole.
_SEGMENT = r"[A-Za-z0-9]+(?:(?:[./:-]|(?<=\d),(?=\d{3}))[A-Za-z0-9]+)*"

_WORD_RE = lazy(
    rf"""
      {DATE_DMY_PATTERN}   # 15 December 2022, 1er janvier 2020, 15 de diciembre de 2022
    | (?=[A-Za-z0-9./:,-]*?\d){_SEGMENT}                               # 68/160, A/C.3/78/L.41
    | [^\W_]+(?:(?:[./'’-]|(?<=\d),(?=\d{{3}}))[^\W_]+)*               # words, Secretary-General
    | \S                                                               # anything else: one char
    """,
    re.VERBOSE,
)

_CHINESE_RE = lazy(
    rf"""
      \d{{4}}\s*年(?:\s*\d{{1,2}}\s*月(?:\s*\d{{1,2}}\s*日)?)?            # 2013年6月13日
    | \d{{1,2}}\s*月(?:\s*\d{{1,2}}\s*日)?                               # 9月8日
    | (?=[A-Za-z0-9./:,-]*?\d){_SEGMENT}                               # 23/3, A/HRC/24/56
    | [A-Za-z]+(?:['’-][A-Za-z]+)*                                     # Latin words
    | (?P<han>[{HAN_CLASS}]+)                                              # a run of ideographs
    | \S                                                               # anything else
    """,
    re.VERBOSE,
)
_TRAILING_SPACE = lazy(r"\s*")


def _with_trailing_space(text: str, pieces: Iterable[tuple[int, int]]) -> list[str]:
    """Tokens from (start, end) spans, each extended over the whitespace after it; leading
    whitespace is a token of its own."""
    tokens: list[str] = []
    lead = _TRAILING_SPACE.match(text, 0)
    position = lead.end() if lead else 0
    if position:
        tokens.append(text[:position])
    for start, end in pieces:
        if start != position:  # cannot happen with the patterns above; keeps the text whole
            tokens.append(text[position:start])
        space = _TRAILING_SPACE.match(text, end)
        stop = space.end() if space else end
        tokens.append(text[start:stop])
        position = stop
    if position < len(text):
        tokens.append(text[position:])
    return tokens


class Tokenizer(ABC):
    """Cuts a text into tokens; `"".join(tokens(text)) == text` always holds."""

    @abstractmethod
    def tokens(self, text: str) -> list[str]: ...


class WordTokenizer(Tokenizer):
    """Scripts that separate words with spaces (Latin, Cyrillic, Arabic): words,
    numbers/symbols/dates whole, each punctuation mark alone."""

    def tokens(self, text: str) -> list[str]:
        return _with_trailing_space(text, (m.span() for m in _WORD_RE.finditer(text)))


_segmenter_lock = threading.Lock()
_segmenter_cut: Callable[[str], list[str]] | None = None


def _cut_words() -> Callable[[str], list[str]]:
    """jieba's dictionary-mode cutter (rjieba), loaded on first use: importing rjieba
    builds its dictionary."""
    global _segmenter_cut
    with _segmenter_lock:
        if _segmenter_cut is None:
            import rjieba

            _segmenter_cut = functools.partial(rjieba.cut, hmm=False)
        return _segmenter_cut


class ChineseTokenizer(Tokenizer):
    """Chinese: runs of ideographs cut into words by jieba (rjieba); dates, numbers, symbols and
    Latin words whole; each punctuation mark alone."""

    def tokens(self, text: str) -> list[str]:
        spans: list[tuple[int, int]] = []
        for m in _CHINESE_RE.finditer(text):
            if m["han"] is None:
                spans.append(m.span())
                continue
            start = m.start()
            for word in _cut_words()(m["han"]):
                spans.append((start, start + len(word)))
                start += len(word)
        return _with_trailing_space(text, spans)


TOKENIZERS: dict[str, Tokenizer] = {"zh": ChineseTokenizer()}
"""Tokeniser per language code; any other language uses `WordTokenizer`."""
DEFAULT_TOKENIZER: Tokenizer = WordTokenizer()


def tokenizer_for(language: str | None) -> Tokenizer:
    return TOKENIZERS.get(language or "", DEFAULT_TOKENIZER)
