"""Golden files for the reader: every `tests/golden/read/<name>.txt` is read and written
in the canonical format; the result must equal `<name>.expected.md` byte for byte.

A new case needs no code: drop a `.txt` in the folder, run
`UPDATE_GOLDEN=1 pytest tests/test_read_golden.py`, then READ the new `.expected.md`
against the source before committing it: a golden is only as good as its review.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from engine.read import read_path
from engine.store import canonical

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "read"
CASES = sorted(GOLDEN.glob("*.txt"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # a relative path makes `source` the same on every machine
    got = canonical.dumps(read_path(case.relative_to(ROOT).as_posix()))
    expected = case.with_suffix(".expected.md")
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(got, encoding="utf-8")
    assert expected.exists(), f"no golden for {case.name}: run with UPDATE_GOLDEN=1 and review it"
    assert got == expected.read_text(encoding="utf-8")


def test_goldens_round_trip_through_the_canonical_format() -> None:
    for case in CASES:
        expected = case.with_suffix(".expected.md")
        if expected.exists():
            text = expected.read_text(encoding="utf-8")
            assert canonical.dumps(canonical.loads(text)) == text
