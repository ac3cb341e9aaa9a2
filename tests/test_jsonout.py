"""JSON reports are written by orjson (`engine.render.jsonout`), for speed: its text must be
the standard library's, byte for byte, on every value a report holds, or a report's bytes
would depend on which encoder wrote them."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.render import jsonout

# What reports hold: text with any character (controls, Chinese, astral, quotes, backslashes,
# U+2028), counts, shares rounded to 4 places, flags, nulls, nested lists and objects.
SCALARS = (
    st.text()
    | st.integers(min_value=-(2**53), max_value=2**53)
    | st.floats(min_value=0, max_value=1).map(lambda x: round(x, 4))
    | st.booleans()
    | st.none()
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


def stdlib(data: Any, sort_keys: bool) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=sort_keys) + "\n"


@settings(max_examples=300, deadline=None)
@given(VALUES, st.booleans())
def test_the_text_is_the_standard_librarys_byte_for_byte(data: Any, sort_keys: bool) -> None:
    assert jsonout.dumps(data, sort_keys=sort_keys) == stdlib(data, sort_keys)


def test_keys_are_sorted_by_code_point_unless_asked_not_to() -> None:
    data = {"b": 1, "a": [], "中": {}, "Z": '\u2028\x01"\\'}
    assert jsonout.dumps(data) == stdlib(data, True)
    assert list(json.loads(jsonout.dumps(data, sort_keys=False))) == ["b", "a", "中", "Z"]
