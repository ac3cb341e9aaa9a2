"""Issue 8, the diff's trust faults: no false "unchanged", no pairing the user cannot trust.

Each test here failed on the code before its fix.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.diff import DEFAULT_THRESHOLD, Diff, compare
from engine.errors import InputError
from engine.model import Resolution
from engine.store import canonical

from .helpers import load, resolution
from .strategies import edited_pairs
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


# --- the threshold binds every pairing ----------------------------------------------------


def stored(lang: str, series: str, symbol: str) -> Resolution:
    path = ROOT / "history" / series / lang / (symbol.replace("/", "-") + ".md")
    return canonical.loads(path.read_text(encoding="utf-8"), str(path))


def _below_threshold(diff: Diff, threshold: float) -> list[tuple[str, ...]]:
    """Pairings made on content that score under the threshold (`contained` pairs are the
    documented exception: the shorter text lies at least max(0.8, threshold) whole in the
    longer one)."""
    return [
        (*c.old, "->", *c.new, f"{c.similarity} {c.method}")
        for c in diff.changes
        if c.old and c.new and c.method not in ("identical", "contained") and c.similarity < threshold
    ]


@pytest.mark.parametrize(
    ("lang", "series", "old", "new"),
    [
        ("zh", "iran-hr", "A/RES/51/107", "A/RES/52/142"),  # op1 <- pp11 at 0.44 under 0.9
        ("en", "iran-hr", "A/C.3/78/L.41", "A/HRC/52/L.3"),  # pp4 <- op33 at 0.35 under 0.9
        ("en", "intl-cooperation-hr", "E/CN.4/RES/2000/70", "A/C.3/66/L.32"),  # merged at 0.288
    ],
)
@pytest.mark.parametrize("threshold", [DEFAULT_THRESHOLD, 0.5, 0.9, 0.99])
def test_threshold_binds_real_pairs(lang: str, series: str, old: str, new: str, threshold: float) -> None:
    diff = compare(stored(lang, series, old), stored(lang, series, new), threshold=threshold)
    assert _below_threshold(diff, threshold) == []


@settings(max_examples=60)
@given(edited_pairs(), st.sampled_from([0.2, DEFAULT_THRESHOLD, 0.5, 0.7, 0.9]))
def test_threshold_binds_every_pairing(pair: tuple[list[str], list[str]], threshold: float) -> None:
    old, new = pair
    diff = compare(resolution(old), resolution(new), threshold=threshold)
    assert _below_threshold(diff, threshold) == []
