"""Comparing two versions of a resolution: `compare(old, new) -> Diff`.

`engine.align` decides which provisions correspond; this package turns each aligned group
into a typed `Change` (`changes`) with a token-level edit script (`inline`, over the
tokenisers of `tokenize`).
"""

from __future__ import annotations

from ..align import DEFAULT_THRESHOLD
from .changes import (
    CHANGE_KINDS,
    HEADING_FIELDS,
    JOINER,
    Change,
    ChangeKind,
    Diff,
    FootnoteChange,
    HeadingField,
    Op,
    OpKind,
    summary_line,
)
from .compare import compare
from .inline import token_diff
from .tokenize import ChineseTokenizer, Tokenizer, WordTokenizer, tokenizer_for

__all__ = [
    "CHANGE_KINDS",
    "DEFAULT_THRESHOLD",
    "HEADING_FIELDS",
    "JOINER",
    "Change",
    "ChangeKind",
    "ChineseTokenizer",
    "Diff",
    "FootnoteChange",
    "HeadingField",
    "Op",
    "OpKind",
    "Tokenizer",
    "WordTokenizer",
    "compare",
    "summary_line",
    "token_diff",
    "tokenizer_for",
]
