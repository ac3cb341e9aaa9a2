"""What a `resdiff` process loads: heavy libraries only when the input or command needs them.

Start-up is most of the wall time of a small diff (see benchmarks/speed.py) and nearly all
of a cached `blame` or timeline (benchmarks/lineage.py), so the
libraries that only some inputs need are imported where they are used. These tests run a
fresh interpreter, since the test process itself has imported everything long ago.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from spellchecker import SpellChecker

from engine.read import ocr

ROOT = Path(__file__).resolve().parent.parent
ZH_SEED = ROOT / "tests" / "data" / "hrc-25-3.zh.txt"
HEAVY = ("git", "charset_normalizer", "spellchecker", "rjieba", "jieba", "yaml", "docx", "lxml", "pdfminer")

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


TYPED_EN = (
    "Human rights\n\nThe General Assembly,\n\nRecalling its resolutions,\n\n"
    "Deeply concerned at the doxxing and cyberstalking of photojournalists,\n\n"
    "1. Decides to act with utmost speed against spyware;\n\n2. Requests a report.\n"
)
OCR_EN = ROOT / "tests" / "golden" / "read" / "en-A-RES-76-159.txt"  # OCR-broken word spacing


def test_language_detection_loads_no_detector_and_clean_english_no_word_list(tmp_path: Path) -> None:
    """A clean English draft, words outside the UN vocabulary included, is read without
    the spelling frequency list; a Chinese text loads neither."""
    assert "spellchecker" not in loaded_by("parse", str(ZH_SEED))
    typed = tmp_path / "typed.txt"
    typed.write_text(TYPED_EN, encoding="utf-8")
    assert loaded_by("parse", str(typed)) == ["yaml"]
    assert loaded_by("parse", str(typed), "--lang", "en") == ["yaml"]


def test_the_word_list_is_loaded_for_an_ocr_broken_text() -> None:
    assert "spellchecker" in loaded_by("parse", str(OCR_EN), "--lang", "en")


def test_the_cheap_ocr_gate_agrees_with_the_exact_check_on_every_english_text() -> None:
    """`may_be_broken` (UN words only) is true wherever some line is broken by the list."""
    texts = [
        *(ROOT / "tests" / "golden" / "read").rglob("en*/*.txt"),
        *(ROOT / "tests" / "golden" / "read").glob("en-*.txt"),
    ]
    assert len(texts) > 20
    for path in texts:
        lines = path.read_text(encoding="utf-8").splitlines()
        if any(ocr.line_is_broken(line) for line in lines):
            assert ocr.may_be_broken(lines), path


def test_commonest_is_the_lists_words_above_un_word_that_are_not_un_words() -> None:
    table = SpellChecker(language="en").word_frequency
    above = {w for w, n in table.items() if n >= ocr.UN_WORD}
    assert above - ocr._un_words() == ocr.COMMONEST


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


# What a diff of two text files needs is the reader, the aligner and one renderer; each of
# these loads only for the input or the command that needs it (issue 7: the start-up of a
# typical diff). Listed by module, so a new top-level import of one of them fails here.
NOT_FOR_A_TEXT_DIFF = (
    "engine.read.pdf",  # a PDF file (and logging with it)
    "engine.read.docx",  # a Word file
    "engine.render.diff_docx",  # -o report.docx
    "engine.render.diff_html",  # -o report.html
    "engine.render.diff_md",  # --format md
    "engine.render.diff_json",  # --format json
    "engine.amend",  # amend, apply
    "engine.lineage",  # history, blame, timeline
    "engine.check",  # check
    "git",  # REV:path
    "jinja2",  # HTML reports
    "secrets",  # temporary files of the store's writes
    "spellchecker",  # an OCR-broken English text
    "importlib.resources",  # its file readers import zipfile and tempfile: the UN words are read by pkgutil
    "zipfile",  # a Word file
)

DIFF_PROBE = """
import sys
import cli
try:
    cli.main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
print("loaded:", *sorted(m for m in {names!r} if m in sys.modules))
"""


def modules_loaded_by(*args: str) -> set[str]:
    """Which of NOT_FOR_A_TEXT_DIFF a fresh `resdiff ARGS` process (the command's own
    `main`, no test runner around it) imported."""
    out = subprocess.run(
        [sys.executable, "-c", DIFF_PROBE.format(names=NOT_FOR_A_TEXT_DIFF), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return set(out.stdout.splitlines()[-1].split()[1:])


def test_a_diff_of_two_typed_texts_loads_only_the_reader_aligner_and_its_renderer(tmp_path: Path) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(TYPED_EN, encoding="utf-8")
    new.write_text(TYPED_EN.replace("Requests a report", "Requests a full report"), encoding="utf-8")
    assert modules_loaded_by("diff", str(old), str(new)) == set()
    assert modules_loaded_by("diff", str(old), str(new), "--format", "json") == {"engine.render.diff_json"}
    assert modules_loaded_by("diff", str(ZH_SEED), str(ZH_SEED)) == set()


def test_importing_the_cli_loads_no_reader_of_another_format_nor_any_other_commands_engine() -> None:
    assert modules_loaded_by("--help") == set()


# A cached lineage (engine/lineage/snapshot.py: the whole series from one cache entry) needs
# neither the reader, the aligner nor the diff engine: a cached `blame` or timeline is then
# nearly all start-up (issue 11: the cache makes the second run at least 5x faster), and so
# is `--help`. Listed by module, so a new top-level import of one of them fails here.
NOT_FOR_A_CACHED_LINEAGE = (
    "engine.read.reader",
    "engine.align",
    "engine.diff.compare",
    "rapidfuzz",
    "rjieba",
    "yaml",  # series.yaml is parsed once per content, then read back from the cache
)


def run_loading(
    names: tuple[str, ...], *args: str, env: dict[str, str] | None = None
) -> tuple[str, set[str]]:
    """The output of a fresh `resdiff ARGS` process, and which of `names` it imported."""
    out = subprocess.run(
        [sys.executable, "-c", DIFF_PROBE.format(names=names), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        env=env,
    )
    *printed, loaded = out.stdout.splitlines()
    assert loaded.startswith("loaded:"), out.stdout
    return "\n".join(printed), set(loaded.split()[1:])


def test_help_loads_no_reader_aligner_nor_diff_engine() -> None:
    assert run_loading(NOT_FOR_A_CACHED_LINEAGE, "--help")[1] == set()


@pytest.mark.parametrize(
    "args",
    [
        ("blame", "A/HRC/RES/25/3", "--lang", "zh"),
        ("history", "intl-cooperation-hr", "--timeline", "--lang", "en", "--format", "json"),
        ("history", "hr-international-solidarity", "--timeline", "--across-languages"),
        ("history", "--timeline", "--format", "html"),
    ],
)
def test_a_cached_blame_or_timeline_loads_no_reader_aligner_nor_diff_engine(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    env = {**os.environ, "RESDIFF_CACHE": str(tmp_path / "cache")}
    first, loaded_first = run_loading(NOT_FOR_A_CACHED_LINEAGE, *args, env=env)
    assert {"engine.align", "engine.diff.compare", "yaml"} <= loaded_first  # computed: the test can fail
    again, loaded_again = run_loading(NOT_FOR_A_CACHED_LINEAGE, *args, env=env)
    assert again == first and first.strip()
    assert loaded_again == set()


# A cached timeline or blame is read from its own entry (`timeline.pack`, `blame.pack`):
# keyed from the files' hashes (engine/lineage/stages.py), it needs neither the lineage's
# builder nor its snapshot (nor, for a timeline, blame), nor the document model and its
# canonical form (the store finds files by name): their import was a fifth of a cached
# whole-history timeline.
NOT_FOR_A_CACHED_TIMELINE = (
    "engine.lineage.graph",
    "engine.lineage.snapshot",
    "engine.lineage.blame",
    "engine.model",
    "engine.store.canonical",
)


@pytest.mark.parametrize(
    "args",
    [
        ("history", "intl-cooperation-hr", "--timeline", "--lang", "en"),
        ("history", "--timeline", "--format", "json"),
        ("history", "--timeline", "--format", "md"),
        ("history", "hr-international-solidarity", "--timeline", "--across-languages"),
        ("history", "--timeline", "--across-languages", "--format", "json"),
        ("blame", "A/HRC/RES/25/3", "--lang", "zh"),
        ("blame", "A/HRC/RES/38/3", "--lang", "en", "--format", "json"),
    ],
)
def test_a_cached_timeline_or_blame_loads_neither_the_lineage_builder_nor_the_model(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    # a cached blame reads its answers with engine.lineage.blame itself
    names = tuple(n for n in NOT_FOR_A_CACHED_TIMELINE if args[0] != "blame" or n != "engine.lineage.blame")
    env = {**os.environ, "RESDIFF_CACHE": str(tmp_path / "cache")}
    first, loaded_first = run_loading(names, *args, env=env)
    assert "engine.lineage.graph" in loaded_first  # built on the first run: the test can fail
    again, loaded_again = run_loading(names, *args, env=env)
    assert again == first and first.strip()
    assert loaded_again == set()


def test_every_dataclass_of_the_engine_has_a_docstring() -> None:
    """A dataclass without one gets `__doc__` from `inspect.signature` when it is created
    (Python 3.11), which formats every annotation: about twice the cost of the class, paid at
    every start-up by each that a command imports. The docstring also says what it holds."""
    import ast

    missing = []
    for path in sorted((ROOT / "engine").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and ast.get_docstring(node) is None:
                names = [d.func if isinstance(d, ast.Call) else d for d in node.decorator_list]
                if any(isinstance(n, ast.Name) and n.id == "dataclass" for n in names):
                    missing.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert missing == []
