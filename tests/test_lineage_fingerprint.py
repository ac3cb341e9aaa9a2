"""The cache's engine fingerprint covers the libraries a pair's steps come from: a new
rapidfuzz, rjieba or diff-match-patch may score, segment or diff differently, and an
entry computed with the old one must not answer for the new."""

from __future__ import annotations

import sys
import unicodedata
from importlib.metadata import version
from pathlib import Path

import pytest

from engine.lineage import cache


def test_the_versions_read_beside_the_packages_are_the_installed_ones():
    expected = [
        f"python=={sys.version_info[0]}.{sys.version_info[1]}",
        f"unicode=={unicodedata.unidata_version}",
    ]
    expected += [f"{name}=={version(name.replace('_', '-'))}" for name in cache.DEPENDENCIES]
    assert list(cache.dependency_versions()) == expected
    assert "?" not in "".join(cache.dependency_versions())


def test_reading_them_imports_none_of_the_libraries():
    import subprocess

    probe = (
        "import sys; from engine.lineage.cache import engine_fingerprint; engine_fingerprint();"
        "libs = ('rapidfuzz', 'rjieba', 'diff_match_patch');"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in libs))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout == "[]\n"


@pytest.mark.parametrize(
    "changed", ["rapidfuzz==99.0", "rjieba==0.0.1", "diff_match_patch==1", "python==3.99"]
)
def test_another_library_version_is_another_fingerprint(monkeypatch, changed):
    before = cache.engine_fingerprint.__wrapped__()
    name = changed.split("==")[0]
    swapped = tuple(changed if v.startswith(name + "==") else v for v in cache.dependency_versions())
    assert swapped != cache.dependency_versions()
    monkeypatch.setattr(cache, "dependency_versions", lambda: swapped)
    assert cache.engine_fingerprint.__wrapped__() != before


@pytest.mark.parametrize("source", ["align/features.py", "diff/tokenize.py", "lineage/graph.py", "text.py"])
def test_an_edited_source_that_decides_an_entry_is_another_fingerprint(tmp_path, monkeypatch, source):
    """Read from a copy of engine/ with one file edited: a change to how Han is told or a
    text is cut into words (text.py) changes pairs' steps as surely as the aligner does."""
    import shutil

    copy = tmp_path / "engine"
    shutil.copytree(Path(cache.__file__).resolve().parent.parent, copy)
    monkeypatch.setattr(cache, "__file__", str(copy / "lineage" / "cache.py"))
    before = cache.engine_fingerprint.__wrapped__()
    with (copy / source).open("a", encoding="utf-8") as handle:
        handle.write("\n# edited\n")
    assert cache.engine_fingerprint.__wrapped__() != before
    (copy / "read" / "reader.py").write_text("# not part of an entry\n", encoding="utf-8")
    after = cache.engine_fingerprint.__wrapped__()
    (copy / "read" / "reader.py").write_text("# still not\n", encoding="utf-8")
    assert cache.engine_fingerprint.__wrapped__() == after
