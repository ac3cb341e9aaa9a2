"""The public engine API, used as a program would: no command line, no printing."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine import api
from engine.errors import InputError, ResdiffError

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_d13d258366e277a0.txt"


@pytest.fixture(scope="module")
def store() -> api.History:
    return api.History(ROOT / "history")


def test_load_compare_render_from_any_reference(store: api.History) -> None:
    stored = api.load("A/HRC/RES/25/3", lang="zh", history=store)
    raw = api.load(str(SEED), history=store)
    diff = api.compare(raw, stored)
    assert not api.is_changed(diff)  # the PDF text and its stored form: the same provisions
    other = api.compare(api.load("A/RES/53/148", history=store), api.load("A/RES/55/105", history=store))
    assert api.is_changed(other)
    assert isinstance(api.render(other, "json"), str) and isinstance(api.render(other, "docx"), bytes)
    with pytest.raises(InputError, match="unknown format"):
        api.render(other, "pdf")


def test_read_file_checks_the_symbol_before_reading() -> None:
    res = api.read_file(SEED, symbol="A/HRC/RES/25/3", series="intl-cooperation-hr")
    assert res.meta.symbol == "A/HRC/RES/25/3" and res.meta.series == "intl-cooperation-hr"
    with pytest.raises(ResdiffError):
        api.read_file(ROOT / "no-such-file.txt", symbol="A/C.3/79/L 97")


@pytest.mark.parametrize(
    ("output", "fmt", "terminal", "expected"),
    [
        (None, None, True, "term"),
        (None, None, False, "text"),
        (Path("r.HTML"), None, False, "html"),
        (Path("r.docx"), None, True, "docx"),
        (Path("r.txt"), "md", False, "md"),
    ],
)
def test_format_for(output: Path | None, fmt: str | None, terminal: bool, expected: str) -> None:
    assert api.format_for(output, fmt, terminal=terminal) == expected


def test_format_for_an_unknown_suffix_is_an_error() -> None:
    with pytest.raises(InputError, match="suffix"):
        api.format_for(Path("r.pdf"), None, terminal=False)


def test_validate_reports_instead_of_raising(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("---\nschema: resdiff.document/1\nlanguage: xx\nextent: full\n---\n", encoding="utf-8")
    report = api.validate([bad])
    assert report.sorted_problems() and "language" in str(report.sorted_problems()[0])
    assert not api.validate([ROOT / "history"]).sorted_problems()


def test_load_pair_reads_large_files_in_parallel_to_the_same_models(
    store: api.History, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above PARALLEL_BYTES the new side is read in a forked process: same models, and an
    error there reaches the caller as the same one-line error, with its path."""
    monkeypatch.chdir(tmp_path)
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    text = SEED.read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    new.write_text(text.replace("加强", "增强", 1), encoding="utf-8")
    sequential = api.load_pair("old.txt", "new.txt", history=store)
    monkeypatch.setattr(api, "PARALLEL_BYTES", 0)
    parallel = api.load_pair("old.txt", "new.txt", history=store)
    assert parallel == sequential
    assert [w.code for w in parallel[1].warnings] == [w.code for w in sequential[1].warnings]
    new.write_bytes(b"\x00\x01binary")
    with pytest.raises(ResdiffError) as caught:
        api.load_pair("old.txt", "new.txt", history=store)
    assert caught.value.path == "new.txt"
