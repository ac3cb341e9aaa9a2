"""The command line as a user meets it: exit codes, one-line errors, nothing half-written."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import cli
from engine.store import canonical

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_d13d258366e277a0.txt"
RESDIFF = Path(sys.executable).parent / "resdiff"
DOCUMENT_SCHEMA = json.loads(
    (ROOT / "engine/render/schemas/document.schema.json").read_text(encoding="utf-8")
)


def run_script(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The installed console script, as a user runs it (real stderr, real exit code): for the
    tests that are about the process itself (exit status, one Error line, start-up)."""
    return subprocess.run([str(RESDIFF), *args], capture_output=True, text=True, check=False, cwd=cwd)


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The command in-process (click's runner): the same exit code, stdout and stderr as
    `run_script`, without starting an interpreter. An exception that escapes the command
    (a traceback for a user) fails the test instead of being caught."""
    with contextlib.chdir(cwd) if cwd else contextlib.nullcontext():
        result = CliRunner().invoke(cli.main, list(args), catch_exceptions=False)
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout, result.stderr)


def assert_one_error_line(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.mark.parametrize("command", sorted(cli.main.commands))
def test_every_command_has_help_with_examples(command):
    result = CliRunner().invoke(cli.main, [command, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output
    assert cli.main.commands[command].help
    # `\\b` typed where click wants `\b` ran the examples into one wrapped line
    assert "\\b" not in result.output
    examples = result.output.split("Examples:", 1)[1].splitlines()[1]
    assert examples.startswith(("    resdiff ", "    git ")), result.output


@pytest.fixture
def store(tmp_path: Path) -> Path:
    history = tmp_path / "history"
    result = run(
        "import", str(SEED), "--series", "intl-cooperation-hr", "--new-series", "--history", str(history)
    )
    assert result.returncode == 0, result.stderr
    assert "stored A/HRC/RES/25/3 (zh, 33 provisions)" in result.stdout
    return history


def test_import_refuses_to_overwrite_and_leaves_the_file_alone(store):
    stored = store / "intl-cooperation-hr" / "zh" / "A-HRC-RES-25-3.md"
    before = stored.read_bytes()
    result = run("import", str(SEED), "--series", "intl-cooperation-hr", "--history", str(store))
    assert_one_error_line(result, str(stored), "already exists", "--force")
    assert stored.read_bytes() == before
    again = run("import", str(SEED), "--series", "intl-cooperation-hr", "--history", str(store), "--force")
    assert again.returncode == 0
    assert stored.read_bytes() == before  # same input, same bytes


def test_show_by_symbol_and_by_path(store):
    by_symbol = run("show", "A/HRC/RES/25/3", "--history", str(store))
    path = store / "intl-cooperation-hr" / "zh" / "A-HRC-RES-25-3.md"
    by_path = run("show", str(path))
    assert by_symbol.returncode == by_path.returncode == 0
    assert by_symbol.stdout == by_path.stdout == path.read_text(encoding="utf-8")


def test_show_json_follows_the_schema(store):
    result = run("show", "A/HRC/RES/25/3", "--lang", "zh", "--format", "json", "--history", str(store))
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, DOCUMENT_SCHEMA)
    assert doc["symbol"] == "A/HRC/RES/25/3"
    assert [p["id"] for p in doc["provisions"]][:2] == ["pp1", "pp2"]


def test_show_unknown_symbol(store):
    assert_one_error_line(run("show", "A/RES/1/1", "--history", str(store)), "no stored version of A/RES/1/1")


def test_history_lists_versions(store):
    result = run("history", "intl-cooperation-hr", "--history", str(store))
    assert result.returncode == 0
    assert "2014-03-27  A/HRC/RES/25/3" in result.stdout
    assert "zh 33" in result.stdout


def test_history_lists_series_with_their_counts():
    """The shipped history: counts in words a reader expects ("1 version", not "1 versions")."""
    lines = run("history").stdout.splitlines()
    title = "Enhancement of international cooperation in the field of human rights"
    assert f"intl-cooperation-hr\t16 versions\t{title}" in lines
    assert any(line.startswith("mutually-beneficial-cooperation\t1 version\t") for line in lines)


def test_validate_accepts_canonical_and_rejects_the_rest(store, tmp_path):
    assert run("validate", str(store)).returncode == 0
    stored = store / "intl-cooperation-hr" / "zh" / "A-HRC-RES-25-3.md"
    text = stored.read_text(encoding="utf-8")
    loose = tmp_path / "loose.md"
    loose.write_text(text.replace("\npp2:", "\n\npp2:"), encoding="utf-8")
    broken = tmp_path / "broken.md"
    broken.write_text(text.replace("\npp2:", "\npp12:"), encoding="utf-8")
    result = run("validate", str(loose), str(stored), str(broken))
    assert result.returncode == 1  # every bad file is reported, not only the first
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{broken}:") and "expected pp2" in lines[0]
    assert lines[1].startswith(f"{loose}:19: not in canonical form")
    assert lines[2] == "2 problem(s) in 3 canonical file(s) and their manifests"
    assert len(lines) == 3 and result.stdout == ""


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00" * 100, "binary"),
        (b"Just one line of text with nothing in it.\n", "no paragraph"),
    ],
)
def test_bad_input_is_one_error_line_and_writes_nothing(tmp_path, content, what):
    source = tmp_path / "input.txt"
    source.write_bytes(content)
    history = tmp_path / "history"
    result = run_script(
        "import", str(source), "--series", "s", "--symbol", "A/RES/1/1", "--history", str(history)
    )
    assert_one_error_line(result, what)
    assert not history.exists()
    assert_one_error_line(run_script("parse", str(source)), what)


def test_huge_input_is_refused_quickly(tmp_path):
    source = tmp_path / "huge.txt"
    with source.open("wb") as handle:
        handle.write(SEED.read_bytes() * (50 * 1024 * 1024 // SEED.stat().st_size + 1))
    assert_one_error_line(run_script("parse", str(source)), "MB")


def test_parse_matches_import(store):
    parsed = run("parse", str(SEED), "--series", "intl-cooperation-hr")
    stored = (store / "intl-cooperation-hr" / "zh" / "A-HRC-RES-25-3.md").read_text(encoding="utf-8")
    assert canonical.loads(parsed.stdout) == canonical.loads(stored)


def test_missing_file_is_a_usage_error():
    result = run_script("parse", "/no/such/file.txt")
    assert result.returncode == 2
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_schema_lists_every_diagnostic_code() -> None:
    from engine.diagnostics import CODES

    warning = DOCUMENT_SCHEMA["properties"]["warnings"]["items"]["properties"]["code"]
    assert warning["enum"] == list(CODES)


def test_the_diagnostics_page_lists_every_code() -> None:
    from tools.diagnostics_doc import render

    assert (ROOT / "docs/diagnostics.md").read_text(encoding="utf-8") == render()


# --- a --lang the text contradicts (issue 8) -----------------------------------------------

ZH_TEXT = ROOT / "tests" / "data" / "hrc-25-3.zh.txt"
EN_TEXT = ROOT / "tests" / "data" / "a-c3-78-l41.en.txt"


def test_parse_of_chinese_text_with_lang_en_is_refused() -> None:
    """Before, the whole preamble was read as the title."""
    result = run("parse", str(ZH_TEXT), "--lang", "en")
    assert_one_error_line(result, str(ZH_TEXT), "Chinese script (", "% Han) but --lang en", "--lang zh")
    assert result.stdout == ""


def test_parse_of_english_text_with_lang_zh_is_refused() -> None:
    """Before, title, body line and preamble were dropped."""
    result = run("parse", str(EN_TEXT), "--lang", "zh")
    assert_one_error_line(result, str(EN_TEXT), "Latin script (", "but --lang zh", "--lang en")


def test_diff_with_the_wrong_lang_is_an_error_not_unchanged(tmp_path: Path) -> None:
    """Before, `diff --lang en` of two Chinese texts said unchanged and exited 0."""
    new = tmp_path / "new.txt"
    new.write_text(ZH_TEXT.read_text(encoding="utf-8").replace("加强", "增强", 1), encoding="utf-8")
    assert_one_error_line(run("diff", str(ZH_TEXT), str(new), "--lang", "en"), "--lang zh")
    assert run("diff", str(ZH_TEXT), str(new), "--lang", "zh").returncode == 1


def test_import_with_the_wrong_lang_stores_nothing(tmp_path: Path) -> None:
    history = tmp_path / "history"
    result = run("import", str(EN_TEXT), "--lang", "fr", "--series", "iran-hr", "--history", str(history))
    assert_one_error_line(result, "reads as English", "--lang fr", "--lang en")
    assert not history.exists() or not any(history.rglob("*.md"))


def test_lazily_loaded_commands_name_every_format_of_their_registry() -> None:
    """amend, blame, the timeline and check name their formats in cli.py (their engines load only
    when run), as do the document commands and --threshold its default (the aligner loads only
    for a diff); the names must be exactly the registries' keys, the default the aligner's."""
    from engine.align import DEFAULT_THRESHOLD
    from engine.check import CHECK_RENDERERS
    from engine.render.amendments import AMENDMENT_RENDERERS
    from engine.render.document import DOCUMENT_RENDERERS
    from engine.render.lineage import BLAME_RENDERERS, TIMELINE_RENDERERS

    assert cli.DEFAULT_THRESHOLD == DEFAULT_THRESHOLD
    assert list(cli.DOCUMENT_FORMATS) == sorted(DOCUMENT_RENDERERS)
    assert sorted(cli.AMENDMENT_FORMATS) == sorted(AMENDMENT_RENDERERS)
    assert sorted(cli.BLAME_FORMATS) == sorted(BLAME_RENDERERS)
    assert sorted(cli.TIMELINE_FORMATS) == sorted(TIMELINE_RENDERERS)
    assert list(cli.CHECK_FORMATS) == list(CHECK_RENDERERS)


# --- run outside the repository: no history folder is said, not "no such version" -----------


@pytest.mark.parametrize(
    "args",
    [
        ("history",),
        ("history", "iran-hr"),
        ("show", "A/C.3/78/L.41"),
        ("diff", "A/C.3/78/L.41", str(ROOT / "tests/data/a-c3-78-l41.en.txt")),
        ("check", str(ROOT / "tests/data/a-c3-78-l41.en.txt"), "--base", "A/C.3/78/L.41"),
        ("validate",),
    ],
    ids=["history", "history-series", "show", "diff", "check-base", "validate"],
)
def test_no_history_folder_is_said_where_it_was_looked_for(tmp_path: Path, args: tuple[str, ...]) -> None:
    # `resdiff history` listed nothing with exit 0, and the others said "no stored version"
    # as if the symbol were unknown, when the folder was simply not there.
    result = run(*args, cwd=tmp_path)
    assert_one_error_line(result, f"there is no history folder {tmp_path / 'history'}", "--history DIR")


def test_a_symbol_that_contradicts_the_text_is_said(tmp_path: Path) -> None:
    # `import L.41's text --symbol A/C.3/78/L.42` stored it as L.42 without a word: a typo
    # and a correction look the same, so the user is told which symbol was replaced.
    source = ROOT / "tests/data/a-c3-78-l41.en.extracted.txt"  # the corpus's PDF-extracted text
    args = ("--series", "t", "--new-series", "--history", str(tmp_path / "history"))
    result = run("import", str(source), "--symbol", "A/C.3/78/L.42", *args)
    assert result.returncode == 0
    assert result.stderr == (
        f"{source}: symbol-overridden: --symbol A/C.3/78/L.42 replaces A/C.3/78/L.41, which the text gives\n"
    )
    same = run("parse", str(source), "--symbol", "A/C.3/78/L.41")
    assert same.returncode == 0 and "symbol-overridden" not in same.stderr


def piped(data: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    """The installed script with `data` on its standard input, as `pbpaste | resdiff ...`."""
    return subprocess.run([str(RESDIFF), *args], input=data, capture_output=True, check=False)


def test_parse_and_diff_read_a_draft_from_standard_input(tmp_path: Path) -> None:
    """`-` is standard input, as for cat: a draft is pasted, not saved first. It was 'File
    '-' does not exist' (parse) and 'no such file, git revision or stored symbol' (diff)."""
    seed = SEED.read_bytes()
    from_file = run_script("parse", str(SEED), "--format", "json")
    from_pipe = piped(seed.decode("utf-8").encode("gb18030"), "parse", "-", "--format", "json")
    assert from_pipe.returncode == 0, from_pipe.stderr
    as_piped, as_file = json.loads(from_pipe.stdout), json.loads(from_file.stdout)
    assert as_piped.pop("source") == "<stdin>" and as_file.pop("source") == str(SEED)
    assert as_piped == as_file  # GB18030 bytes read by their content, as a file's are
    same = piped(seed, "diff", "-", str(SEED))
    assert same.returncode == 0 and same.stdout.decode() == run_script("diff", str(SEED), str(SEED)).stdout
    changed = piped(seed.replace("重申".encode(), "再次重申".encode(), 1), "diff", str(SEED), "-")
    assert changed.returncode == 1 and "{+再次+}".encode() in changed.stdout


@pytest.mark.parametrize(
    ("data", "args", "said"),
    [
        (b"", ("parse", "-"), "<stdin>: file is empty"),
        (b"no resolution here", ("parse", "-"), "<stdin>: no paragraph found"),
        (b"x", ("diff", "-", "-"), "only one side can be standard input (-)"),
        (b"x", ("diff", "-", "no-such.txt"), "no-such.txt: no such file, git revision or stored symbol"),
    ],
)
def test_standard_input_errors_are_one_line(data: bytes, args: tuple[str, ...], said: str) -> None:
    result = piped(data, *args)
    assert result.returncode == 2 and result.stdout == b""
    [line] = result.stderr.decode().splitlines()
    assert line.startswith(f"Error: {said}")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("history", "--timeline", "--lang", "de"), "Invalid value for '--lang': 'de' is not one of"),
        (("lineage", "A/RES/1/1#op1", "--format", "json"), "No such option '--format'"),
        (("nosuch",), "No such command 'nosuch'"),
        (("diff",), "Missing argument 'OLD'"),
        (("diff", "a", "b", "--threshold", "x"), "Invalid value for '--threshold'"),
    ],
)
def test_a_mistyped_option_is_one_error_line(args: tuple[str, ...], message: str) -> None:
    """Click's usage errors are one `Error:` line and exit 2, as every bad input is (click
    printed the usage, a hint and the error on three lines)."""
    from click.testing import CliRunner

    import cli

    result = CliRunner().invoke(cli.main, list(args))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")
    assert message in result.stderr and "--help lists what it takes" in result.stderr


def test_a_bare_resdiff_shows_the_help_on_stderr() -> None:
    result = CliRunner().invoke(cli.main, [], prog_name="resdiff")
    assert result.exit_code == 2 and result.stderr.startswith("Usage: resdiff [OPTIONS] COMMAND")
    assert "Commands:" in result.stderr
