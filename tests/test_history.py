"""The history store: files where they belong, manifests in order, nothing clobbered."""

from __future__ import annotations

import pytest

from engine.errors import StoreError
from engine.model import Metadata, Provision, Resolution
from engine.store import canonical
from engine.store.history import History, Version, load_series


def version(
    symbol: str, language: str = "en", adopted: str | None = None, text: str = "Decides."
) -> Resolution:
    meta = Metadata(language=language, symbol=symbol, series="topic", adopted=adopted)
    return Resolution(meta, (Provision("op1", "operative", text, "1"),))


def test_add_writes_canonical_file_and_manifest(tmp_path):
    store = History(tmp_path)
    path = store.add(version("A/HRC/RES/25/3", "zh", "2014-03-27"), new_series=True).path
    assert path == tmp_path / "topic" / "zh" / "A-HRC-RES-25-3.md"
    assert canonical.loads(path.read_text(encoding="utf-8")) == version("A/HRC/RES/25/3", "zh", "2014-03-27")
    series = load_series(tmp_path / "topic" / "series.yaml")
    assert series.versions == (Version("A/HRC/RES/25/3", "2014-03-27", ("zh",)),)


def test_versions_are_kept_in_date_order_with_languages_merged(tmp_path):
    store = History(tmp_path)
    store.add(version("A/HRC/RES/25/3", "zh", "2014-03-27"), new_series=True)
    store.add(version("A/RES/51/100", "en", "1996-12-12"), new_series=True)
    store.add(version("A/C.3/66/L.32", "en"), date="2011", new_series=True)
    store.add(version("A/HRC/RES/25/3", "en", "2014-03-27"), new_series=True)
    store.add(version("A/HRC/32/L.11"), new_series=True)  # undated: last
    series = store.series("topic")
    assert [v.symbol for v in series.versions] == [
        "A/RES/51/100",
        "A/C.3/66/L.32",
        "A/HRC/RES/25/3",
        "A/HRC/32/L.11",
    ]
    assert series.version("A/HRC/RES/25/3").languages == ("en", "zh")


def test_refuses_to_overwrite_without_force(tmp_path):
    store = History(tmp_path)
    path = store.add(version("A/RES/51/100", text="Decides."), new_series=True).path
    before = path.read_bytes()
    with pytest.raises(StoreError, match=r"already exists .*--force"):
        store.add(version("A/RES/51/100", text="Decides otherwise."), new_series=True)
    assert path.read_bytes() == before
    store.add(version("A/RES/51/100", text="Decides otherwise."), force=True, new_series=True)
    assert "Decides otherwise." in path.read_text(encoding="utf-8")
    assert sorted(p.name for p in path.parent.iterdir()) == ["A-RES-51-100.md"]  # no temp files left


def test_find_by_symbol_and_language(tmp_path):
    store = History(tmp_path)
    store.add(version("A/HRC/RES/25/3", "zh"), new_series=True)
    assert store.find("A/HRC/RES/25/3").name == "A-HRC-RES-25-3.md"
    store.add(version("A/HRC/RES/25/3", "en"), new_series=True)
    with pytest.raises(StoreError, match="several languages \\(en, zh\\): choose one with --lang"):
        store.find("A/HRC/RES/25/3")
    assert store.find("A/HRC/RES/25/3", "en").parent.name == "en"
    with pytest.raises(StoreError, match="no stored version of A/RES/1/1 in fr"):
        store.find("A/RES/1/1", "fr")


def test_add_needs_series_and_symbol(tmp_path):
    res = version("A/RES/1/1")
    with pytest.raises(StoreError, match="--series"):
        History(tmp_path).add(res.with_meta(series=None), new_series=True)
    with pytest.raises(StoreError, match="--symbol"):
        History(tmp_path).add(res.with_meta(symbol=None), new_series=True)
    assert not any(tmp_path.iterdir())


def test_unknown_series_names_the_known_ones(tmp_path):
    History(tmp_path).add(version("A/RES/1/1"), new_series=True)
    with pytest.raises(StoreError, match="no series 'other' \\(known: topic\\)"):
        History(tmp_path).series("other")


def test_shipped_history_is_valid_and_the_seed_reimports_to_the_same_bytes(tmp_path):
    from pathlib import Path

    from engine.read import read_path
    from tools.build_history import SEED, SEED_SERIES

    root = Path(__file__).resolve().parent.parent
    shipped = History(root / "history")
    files = shipped.files()
    assert len(files) >= 50
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert canonical.dumps(canonical.loads(text, str(path))) == text
    seed = read_path(root / SEED, lang="zh").with_meta(series=SEED_SERIES, source=str(SEED), extent="full")
    fresh = History(tmp_path).add(seed, new_series=True).path
    assert fresh.read_bytes() == shipped.find("A/HRC/RES/25/3", "zh").read_bytes()
    predecessors = {v.symbol: v for v in shipped.series(SEED_SERIES).versions if not v.languages}
    assert sorted(predecessors) == ["A/HRC/RES/23/3", "A/RES/68/160"]


def test_shipped_history_is_what_the_reader_makes_of_the_corpus_now(tmp_path, monkeypatch):
    """A reader fix must come with `make history`: rebuild every shipped file from the
    corpus copy in tests/golden/read/corpus and compare byte for byte."""
    from pathlib import Path

    from tools.build_history import build

    root = Path(__file__).resolve().parent.parent
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    copy = root / "tests" / "golden" / "read" / "corpus"
    (corpus / "raw").symlink_to(copy)
    (corpus / "manifest.tsv").symlink_to(copy / "manifest.tsv")
    monkeypatch.chdir(root)  # the seed's path is stored relative to the project
    rebuilt = History(tmp_path / "history")
    build(corpus, rebuilt)
    shipped = root / "history"
    made = sorted(  # the series locks (hidden, gitignored) are not part of the history
        p.relative_to(tmp_path / "history")
        for p in (tmp_path / "history").rglob("*")
        if p.is_file() and not p.name.endswith(".lock")
    )
    # `make history` leaves the locks in history/ too (gitignored): not part of it either
    held = [p for p in shipped.rglob("*") if p.is_file() and not p.name.endswith(".lock")]
    assert made == sorted(p.relative_to(shipped) for p in held)
    stale = [str(p) for p in made if (tmp_path / "history" / p).read_bytes() != (shipped / p).read_bytes()]
    assert stale == [], "run `make history`"
