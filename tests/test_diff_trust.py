"""Issue 8, the diff's trust faults: no false "unchanged", no pairing the user cannot trust.

Each test here failed on the code before its fix.
"""

from __future__ import annotations

import pytest

from engine.diff import compare
from engine.errors import InputError

from .helpers import load
from .test_cli import ROOT, assert_one_error_line, run

HISTORY = str(ROOT / "history")


# --- two languages ----------------------------------------------------------------------


def test_two_languages_are_refused_in_the_engine() -> None:
    zh, en = load("hrc-25-3.zh.txt"), load("a-c3-78-l41.en.txt")
    for old, new in ((zh, en), (en, zh)):
        with pytest.raises(InputError, match=r"different languages: .* is (zh|en), .* is (en|zh)"):
            compare(old, new)


def test_two_languages_are_one_error_line() -> None:
    """HRC 25/3 is stored in Chinese only, HRC 28/2 in English only: 4 added, 33 removed before."""
    result = run("diff", "A/HRC/RES/25/3", "A/HRC/RES/28/2", "--history", HISTORY)
    assert_one_error_line(result, "A/HRC/RES/25/3 is zh", "A/HRC/RES/28/2 is en")
    assert result.stdout == ""
