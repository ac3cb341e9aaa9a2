"""engine.symbols: one parser and one writer for UN document symbols."""

from __future__ import annotations

import pytest

from engine.errors import InputError
from engine.symbols import Symbol, SymbolError, from_slug, parse_symbol

ROUND_TRIP = [
    ("A/RES/68/160", "A-RES-68-160", "GA", "68/160"),
    ("A/HRC/RES/25/3", "A-HRC-RES-25-3", "HRC", "25/3"),
    ("A/HRC/DEC/22/116", "A-HRC-DEC-22-116", "HRC", "22/116"),
    ("A/C.3/78/L.41", "A-C.3-78-L.41", "GA-C3-draft", None),
    ("A/C.3/66/L.32/Rev.1", "A-C.3-66-L.32-Rev.1", "GA-C3-draft", None),
    ("A/HRC/52/L.3", "A-HRC-52-L.3", "HRC-draft", None),
    ("E/CN.4/RES/2000/70", "E-CN.4-RES-2000-70", "CHR", "2000/70"),
    ("A/RES/S-27/2", "A-RES-S-27-2", "GA", "S-27/2"),
    ("A/HRC/24/56", "A-HRC-24-56", None, None),
]


@pytest.mark.parametrize(("text", "slug", "body", "number"), ROUND_TRIP)
def test_parse_write_slug(text: str, slug: str, body: str | None, number: str | None) -> None:
    sym = parse_symbol(text)
    assert str(sym) == text
    assert sym.slug() == slug
    assert from_slug(slug) == sym
    assert sym.body == body
    assert sym.resolution_number == number


def test_fields() -> None:
    assert parse_symbol("A/C.3/66/L.32/Rev.1") == Symbol(
        organ="A/C.3", session="66", number="32", kind="L", suffixes=("Rev.1",)
    )
    assert parse_symbol("A/HRC/RES/25/3").is_draft is False


def test_reissue_star_kept_in_symbol_dropped_in_slug() -> None:
    sym = parse_symbol("A/C.3/68/L.57*")
    assert sym.reissue and str(sym) == "A/C.3/68/L.57*"
    assert sym.slug() == "A-C.3-68-L.57"


def test_lenient_on_case_and_spaces() -> None:
    assert str(parse_symbol(" a/hrc/res/25/3 ")) == "A/HRC/RES/25/3"
    assert str(parse_symbol("a/c.3/66/l.32/rev.1")) == "A/C.3/66/L.32/Rev.1"


@pytest.mark.parametrize("bad", ["", "25/3", "A/HRC", "A/HRC/RES/25", "A/HRC/RES/x/3", "A/C.3/78/L.UNKNOWN"])
def test_refuses_non_symbols(bad: str) -> None:
    with pytest.raises(SymbolError) as err:
        parse_symbol(bad)
    assert isinstance(err.value, InputError) and isinstance(err.value, ValueError)
