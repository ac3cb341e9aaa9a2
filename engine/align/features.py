"""What the aligner compares: each provision as a short string of token codes.

Similarity is measured on *tokens*, not characters: two unrelated English paragraphs share
most letters, so a character ratio never falls far below 0.4 and cannot separate "reworded"
from "replaced". Tokens are lower-cased Latin words, numbers and symbols kept whole
(`23/3`, `A/HRC/24/56`, `4.5`), and single Han characters (Chinese words are mostly one or
two characters; a character is a cheap, dictionary-free unit that still discounts shared
function words far better than raw characters of an alphabetic script). Punctuation is
left out: it is formatting for the purpose of alignment.

Each distinct token is mapped to one code point (the "lines mode" trick of diff-match-patch,
over tokens), so rapidfuzz's bit-parallel Indel similarity works on plain `str` and runs in
O(n·m/64) per pair. Codes are handed out in order of first appearance, old before new, so
the encoding does not depend on hash order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..lazyre import lazy
from ..text import HAN_CLASS

# Numbers and symbols first (so `23/3`, `A/HRC/24/56`, `S-35/1`, `22,000` stay whole), then
# single ideographs (before words, or `和UNESCO` would read as one word `和unesco`), then
# words with inner apostrophes and hyphens.
TOKEN_RE = lazy(
    rf"""
      (?:[A-Za-z]+[/.-])*\d+(?:[.,/-]\d+)*(?:[/.-][A-Za-z0-9]+)*   # 68/160, A/HRC/24/56, 4.5
    | [{HAN_CLASS}]                                                  # one Han character
    | [^\W\d_](?:[^\W\d_{HAN_CLASS}]|['’-](?=[^\W\d_]))*                 # words (not Han)
    """,
    re.VERBOSE,
)

# Codes start in a supplementary plane: no surrogates to skip, room for ~1M distinct tokens.
CODE_BASE = 0x10000


# `TOKEN_RE` for a text without Han characters: the same tokens, found without testing
# every character against the Han ranges (and without backtracking into a word that is
# not the start of a symbol); a third of the cost on English text.
_NO_HAN_TOKEN_RE = lazy(
    r"""
      (?:[A-Za-z]++[/.-])*\d+(?:[.,/-]\d+)*(?:[/.-][A-Za-z0-9]+)*
    | [^\W\d_]++(?:['’-][^\W\d_]++)*+
    """,
    re.VERBOSE,
)
_HAN = lazy(f"[{HAN_CLASS}]")
# ...and for a lower-cased ASCII text (most English provisions), where a letter is [a-z]
# and a digit [0-9]: classes the regex engine tests without Unicode tables, twice as fast.
_ASCII_TOKEN_RE = lazy(
    r"(?:[a-z]++[/.-])*[0-9]+(?:[.,/-][0-9]+)*(?:[/.-][a-z0-9]+)*"  # 68/160, a/hrc/24/56, 4.5
    r"|[a-z]++(?:['-][a-z]++)*+"  # words
)


def similarity_tokens(key: str) -> list[str]:
    """The tokens alignment compares, from a text's folded form (`formatting.fold`)."""
    if key.isascii():  # lower-casing ASCII changes no token boundary
        return _ASCII_TOKEN_RE.findall(key.lower())
    pattern = TOKEN_RE if _HAN.search(key) else _NO_HAN_TOKEN_RE
    return [t.lower() for t in pattern.findall(key)]


class Encoder:
    """Maps tokens to single code points, first come first served."""

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}

    def encode(self, tokens: Sequence[str]) -> str:
        out = []
        for tok in tokens:
            code = self.codes.get(tok)
            if code is None:
                code = chr(CODE_BASE + len(self.codes))
                self.codes[tok] = code
            out.append(code)
        return "".join(out)
