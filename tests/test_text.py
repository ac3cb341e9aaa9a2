"""engine.text: one definition of scripts, month names and function words, used everywhere.

Before it, five modules had their own Han ranges and disagreed on CJK Extension B and the
compatibility ideographs (U+F900-FAFF); these tests ask each user the same question.
"""

from __future__ import annotations

import unicodedata

import pytest

from engine.align.features import similarity_tokens
from engine.align.formatting import fold
from engine.read.tidy import tidy_text
from engine.text import HAN_RANGES, MONTH_NUMBER, MONTHS, is_cjk, is_han, script_counts

# A unified ideograph, Extension A, Extension B (outside the BMP), a compatibility ideograph.
HAN_SAMPLES = ["权", "\u3400", "\U00020000", "\U0002a6d6", "\uf900", "\ufa2d"]


@pytest.mark.parametrize("ch", HAN_SAMPLES)
def test_every_user_agrees_on_what_is_han(ch: str) -> None:
    assert is_han(ch) and is_cjk(ch)
    assert script_counts(f"a{ch}b")["han"] == 1
    # the aligner counts each ideograph as a token, never as part of a Latin word
    assert similarity_tokens(f"{ch}x {ch}") == [ch, "x", ch]
    # a space between two ideographs is an artefact for the reader and for the fold
    assert tidy_text(f"{ch} {ch}", "zh") == unicodedata.normalize("NFC", ch + ch)  # U+F900 -> U+8C48
    assert fold(f"{ch} {ch}") == ch + ch


def test_latin_letters_are_not_han() -> None:
    assert not any(is_han(ch) for ch in "Aé ж ع 1。")
    assert all(lo <= hi for lo, hi in HAN_RANGES)


def test_every_language_has_twelve_months_numbered_in_order() -> None:
    for names in MONTHS.values():
        assert len(names) == 12
    assert MONTH_NUMBER["december"] == MONTH_NUMBER["décembre"] == MONTH_NUMBER["diciembre"] == 12
    assert MONTH_NUMBER["января"] == 1
