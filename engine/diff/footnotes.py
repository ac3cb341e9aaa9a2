"""Footnote changes: what a provision's footnotes say, old and new.

A footnote of a resolution is a citation (`A/HRC/24/56`: the report the paragraph takes
note of), so a changed footnote text is a change of substance, though the paragraph's
wording is the same. Markers are renumbered whenever a footnote is added above, so they are
never compared: the footnotes of a group are taken in document order on each side and their
texts matched as sequences (difflib's `SequenceMatcher`, Ratcliff-Obershelp), equal texts
dropping out, replaced ones paired in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher
from itertools import zip_longest

from ..align import fold
from ..align.formatting import spaceless
from ..model import Provision, Resolution
from .changes import FootnoteChange
from .inline import token_diff
from .tokenize import Tokenizer

Note = tuple[str, str]
"""(marker, text) of one footnote reference."""


def notes(resolution: Resolution, provisions: Sequence[Provision]) -> list[Note]:
    """The footnotes the provisions reference, in order, with their texts; a marker without a
    text (the reader warned of it) has nothing to compare and is left out."""
    out = []
    for provision in provisions:
        for ref in provision.footnotes:
            text = resolution.footnote_text(ref.marker)
            if text is not None:
                out.append((ref.marker, text))
    return out


def footnote_changes(
    old: list[Note], new: list[Note], tokenizer: Tokenizer, *, count_formatting: bool
) -> tuple[FootnoteChange, ...]:
    """The footnotes whose text differs, paired in order; markers alone never count."""

    def key(text: str) -> str:
        return text if count_formatting else spaceless(fold(text))

    matcher = SequenceMatcher(None, [key(t) for _, t in old], [key(t) for _, t in new], autojunk=False)
    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for before, after in zip_longest(old[i1:i2], new[j1:j2]):
            old_text, new_text = before[1] if before else "", after[1] if after else ""
            ops = token_diff(old_text, new_text, tokenizer, count_formatting=count_formatting)
            changes.append(FootnoteChange(before[0] if before else None, after[0] if after else None, ops))
    return tuple(changes)
