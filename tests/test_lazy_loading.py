"""What a `resdiff diff` process loads: heavy libraries only when the input needs them.

Start-up is most of the wall time of a small diff (see benchmarks/speed.py), so the
libraries that only some inputs need are imported where they are used. These tests run a
fresh interpreter, since the test process itself has imported everything long ago.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

from spellchecker import SpellChecker

from engine.read import ocr

ROOT = Path(__file__).resolve().parent.parent
ZH_SEED = ROOT / "tests" / "data" / "hrc-25-3.zh.txt"
HEAVY = ("git", "langdetect", "charset_normalizer", "spellchecker", "rjieba", "jieba", "yaml", "pdfminer")

PROBE = """
import json, sys
from click.testing import CliRunner
import cli
result = CliRunner().invoke(cli.main, sys.argv[1:])
loaded = sorted(m for m in {heavy!r} if m in sys.modules)
print(json.dumps({{"exit": result.exit_code, "loaded": loaded}}))
"""


def loaded_by(*args: str) -> list[str]:
    """Which of HEAVY a fresh `resdiff ARGS` process imported."""
    probe = PROBE.format(heavy=HEAVY)
    out = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=ROOT, check=True
    )
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["exit"] in (0, 1), out.stdout
    return list(report["loaded"])


def test_importing_the_cli_loads_none_of_the_heavy_libraries() -> None:
    assert loaded_by("--help") == []


def test_a_chinese_diff_without_rewording_loads_nothing_heavy() -> None:
    assert loaded_by("diff", str(ZH_SEED), str(ZH_SEED), "--lang", "zh", "--format", "json") == []


def test_the_segmenter_is_loaded_for_a_reworded_chinese_provision(tmp_path: Path) -> None:
    new = tmp_path / "new.txt"
    new.write_text(ZH_SEED.read_text(encoding="utf-8").replace("加强", "增强", 1), encoding="utf-8")
    assert loaded_by("diff", str(ZH_SEED), str(new), "--lang", "zh", "--format", "json") == ["rjieba"]


def test_language_detection_loads_langdetect_only_for_latin_scripts(tmp_path: Path) -> None:
    assert "langdetect" not in loaded_by("parse", str(ZH_SEED))
    typed = tmp_path / "typed.txt"
    typed.write_text(
        "Human rights\n\nThe General Assembly,\n\nRecalling its resolutions,\n\n1. Decides to act.\n",
        encoding="utf-8",
    )
    assert "langdetect" in loaded_by("parse", str(typed))
    assert "langdetect" not in loaded_by("parse", str(typed), "--lang", "en")


def test_the_english_word_list_is_pyspellcheckers_plus_the_un_words() -> None:
    table, total = ocr._frequencies()
    want = {word: int(n) for word, n in SpellChecker(language="en").word_frequency.items()}
    un_words = resources.files("engine.read").joinpath("un_words.txt").read_text(encoding="utf-8")
    for word in un_words.split():
        if not word.startswith("#"):
            want[word] = want.get(word, 0) + ocr.UN_WORD
    assert table == want
    assert total == float(sum(want.values()))


def test_pdfminer_is_loaded_only_for_a_pdf(tmp_path: Path) -> None:
    from tests.pdfgen import SAMPLES, sample_pdf

    pdf = tmp_path / "adopted.pdf"
    pdf.write_bytes(sample_pdf(SAMPLES[0]).data)
    assert "pdfminer" not in loaded_by("parse", str(ZH_SEED), "--lang", "zh")
    assert "pdfminer" in loaded_by("parse", str(pdf), "--lang", "zh")
