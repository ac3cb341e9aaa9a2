"""The unit the reader works on: one source line (or a piece of one), with its number."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

LineKind = Literal["text", "blank", "furniture", "separator", "note"]


@dataclass
class Line:
    """A line of the source; `no` is 1-based and survives every split and repair.

    `kind` says what the reader made of it: text, blank, page furniture, a footnote
    separator (a rule of underscores or dashes), or a footnote body (`note`).
    """

    no: int
    text: str
    kind: LineKind = "text"
