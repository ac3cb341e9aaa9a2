"""The reader and the commands under hostile input (issue 9): the probes, kept as tests.

Every reading command takes bytes anyone can submit. Whatever they are, a command exits 0,
1 or 2, never with a traceback, prints nothing that acts on a terminal, and writes nothing
outside its history folder; damaged input is read as what it is, with a diagnostic, not
guessed at. Git revisions are resolved as git resolves them, in real repositories.
"""

from __future__ import annotations

import codecs
import os
import re
import tempfile
from pathlib import Path

import git
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cli
from engine.controls import remove_controls
from engine.errors import FormatError, InputError
from engine.read import ocr, read_bytes
from engine.store import canonical

from .test_cli import SEED, assert_one_error_line, run

EN_TEXT = """The General Assembly,

Recalling its resolution 70/1 of 25 September 2015 on the States’ “commitments”,

1. Decides to remain seized of the matter.
"""
CANONICAL = """\
---
schema: resdiff.document/1
language: en
extent: full
---
body-line: The General Assembly,
pp1: Recalling its resolution 70/1,
op1: Decides to remain seized of the matter.
"""


def codes(res: object) -> list[str]:
    return [w.code for w in res.warnings]  # type: ignore[attr-defined]


def assert_validate_problem(result, *fragments):
    """validate lists every problem on stderr (`path:line: what`), then a count, and exits 1."""
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr and lines[-1].endswith("and their manifests")
    assert any(all(f in line for f in fragments) for line in lines[:-1]), result.stderr


# --- tracebacks become one Error line ----------------------------------------------


def test_a_canonical_file_that_is_not_utf8_is_one_error_line(tmp_path):
    path = tmp_path / "latin1.md"
    path.write_bytes(CANONICAL.replace("70/1", "caf\xe9").encode("latin-1"))
    assert_one_error_line(run("show", str(path)), f"{path}:7:", "not valid UTF-8")
    assert_validate_problem(run("validate", str(path)), f"{path}:7:", "not valid UTF-8")


def test_diff_of_a_dash_file_with_non_utf8_bytes_is_one_error_line(tmp_path):
    path = tmp_path / "dash.txt"
    path.write_bytes(b"---\n\xff\xfe\x00junk\n")
    assert_one_error_line(run("diff", str(path), str(SEED)), f"{path}:2:", "not valid UTF-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real repository on branch main: two commits of one canonical file in a subfolder."""
    root = tmp_path_factory.mktemp("repo")
    r = git.Repo.init(root, initial_branch="main")
    with r.config_writer() as config:
        config.set_value("user", "name", "Test").set_value("user", "email", "test@example.org")
    (root / "texts").mkdir()
    stored = root / "texts" / "doc.md"
    stored.write_text(CANONICAL, encoding="utf-8")
    r.index.add([str(stored)])
    r.index.commit("first")
    stored.write_text(CANONICAL.replace("70/1", "70/2"), encoding="utf-8")
    r.index.add([str(stored)])
    r.index.commit("second")
    return root


@pytest.mark.parametrize(
    ("ref", "status"),
    [
        ("HEAD@{1}:texts/doc.md", 1),  # the first commit, from the reflog
        ("HEAD@{yesterday}:texts/doc.md", 1),  # the reflog goes back only to today: the oldest
        ("main@{2.days.ago}:texts/doc.md", 1),
        ("HEAD~1:texts/doc.md", 1),
        ("HEAD:texts/doc.md", 0),
    ],
)
def test_git_revision_forms_are_resolved_as_git_resolves_them(repo, ref, status):
    result = run("diff", ref, "texts/doc.md", "--summary", cwd=repo)
    assert result.returncode == status, result.stderr
    assert "Traceback" not in result.stderr  # a traceback exits 1 too
    assert result.stdout == ("summary: 1 unchanged, 1 reworded\n" if status else "summary: 2 unchanged\n")


def test_an_all_zero_object_id_is_one_error_line(repo):
    zero = "0" * 40
    assert_one_error_line(run("diff", f"{zero}:texts/doc.md", "texts/doc.md", cwd=repo), zero)


def test_paths_are_relative_to_the_top_unless_they_start_with_a_dot(repo):
    inside = repo / "texts"
    for ref in ("HEAD:texts/doc.md", "HEAD:./doc.md", "HEAD:../texts/doc.md"):
        result = run("diff", ref, "doc.md", "--summary", cwd=inside)
        assert result.returncode == 0, (ref, result.stderr)
    assert_one_error_line(
        run("diff", "HEAD:doc.md", "doc.md", cwd=inside), "doc.md does not exist in revision"
    )


def test_a_missing_object_is_one_error_line(tmp_path):
    r = git.Repo.init(tmp_path, initial_branch="main")
    with r.config_writer() as config:
        config.set_value("user", "name", "Test").set_value("user", "email", "test@example.org")
    (tmp_path / "doc.md").write_text(CANONICAL, encoding="utf-8")
    r.index.add(["doc.md"])
    r.index.commit("one")
    blob = r.head.commit.tree["doc.md"].hexsha
    (tmp_path / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    assert_one_error_line(run("diff", "HEAD:doc.md", "doc.md", cwd=tmp_path), blob)


# --- decoding: damaged bytes replaced and reported, not a code page guessed ----------


def test_utf8_cut_inside_a_character_is_read_as_utf8_with_the_damage_reported():
    data = EN_TEXT.encode("utf-8")
    cut = data[: data.index("”".encode()) + 1] + data[data.index("”".encode()) + 3 :]
    res = read_bytes(cut, lang="en")
    assert "States’ “commitments\ufffd," in res.provisions[0].text  # no ŌĆÖ anywhere
    [damage] = [w for w in res.warnings if w.code == "decode-replaced"]
    assert damage.line == 3
    assert f"at byte {data.index('”'.encode())}" in damage.message


@pytest.mark.parametrize("quotes", ["’“”", '\'""'], ids=["mostly-utf8", "half-utf8"])
def test_mixed_encodings_keep_the_utf8_and_mark_the_rest(quotes):
    text = EN_TEXT.replace("70/1", "café").translate(str.maketrans("’“”", quotes))
    data = text.encode("utf-8").replace(b"Decides", b"D\xe9cides")
    res = read_bytes(data, lang="en")
    assert "café" in res.provisions[0].text
    assert res.provisions[1].text.startswith("D\ufffdcides")
    assert [(w.code, w.line) for w in res.warnings if w.code.startswith("decode")] == [("decode-replaced", 5)]


def test_a_single_byte_code_page_is_guessed_and_said_to_be():
    res = read_bytes(EN_TEXT.replace("70/1", "café").encode("cp1252"), lang="en")
    assert "café" in res.provisions[0].text
    assert "decode-guessed" in codes(res)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16"])
def test_chinese_encodings_still_read_without_damage(encoding):
    text = SEED.read_text(encoding="utf-8")
    res = read_bytes(text.encode(encoding))
    assert res == read_bytes(text.encode("utf-8"))
    assert not [c for c in codes(res) if c.startswith("decode")]


def test_utf16_cut_in_half_a_character_is_reported():
    data = SEED.read_text(encoding="utf-8").encode("utf-16")
    res = read_bytes(data[:-1])
    assert "decode-replaced" in codes(res)


# --- control characters --------------------------------------------------------------


def test_escape_sequences_are_removed_whole_at_reading_and_reported():
    text = EN_TEXT.replace("Decides", "Decides \x1b[31mred\x1b[0m \x1b]0;title\x07\x9b2J\x07now")
    res = read_bytes(text.encode("utf-8"), lang="en")
    assert res.provisions[1].text == "Decides red now to remain seized of the matter."
    [removed] = [w for w in res.warnings if w.code == "control-removed"]
    assert removed.line == 5
    assert "\x1b" not in removed.message and "\\x1b" in removed.message


def test_remove_controls_keeps_tabs_newlines_and_counts_lines():
    text, removals = remove_controls("a\tb\n\x07c\n\nd\x1b]8;;http://x\x1b\\e\x1b")
    assert text == "a\tb\nc\n\nde"
    assert [r.line for r in removals] == [2, 4]


def test_a_canonical_file_with_an_escape_sequence_is_rejected(tmp_path):
    path = tmp_path / "evil.md"
    path.write_text(CANONICAL.replace("Decides", "Decides \x1b]0;pwned\x07"), encoding="utf-8")
    shown = run("show", str(path))
    assert_one_error_line(shown, f"{path}:8:", "control character")
    validated = run("validate", str(path))
    assert_validate_problem(validated, f"{path}:8:", "control character")
    assert "\x1b" not in shown.stderr + shown.stdout + validated.stderr + validated.stdout


def test_error_lines_never_carry_raw_control_characters():
    result = run("diff", "x\x1b]0;title\x07\n- forged", str(SEED))
    assert_one_error_line(result, "x\\x1b]0;title\\x07\\n- forged")


def test_a_file_name_with_an_escape_sequence_is_stored_escaped(tmp_path):
    path = tmp_path / "draft\x1b]0;t\x07.txt"
    path.write_text(EN_TEXT, encoding="utf-8")
    result = run("parse", str(path))
    assert result.returncode == 0, result.stderr
    assert "source: draft\\x1b]0;t\\x07.txt" in result.stdout.replace(str(tmp_path) + "/", "")
    diff = run("diff", str(path), str(path), "--all")
    assert diff.returncode == 0 and "\x1b" not in diff.stdout


@pytest.mark.parametrize("nested", ["[" * 20_000 + "]" * 20_000, "{a: " * 5_000 + "1" + "}" * 5_000])
def test_deeply_nested_front_matter_is_one_error(nested):
    with pytest.raises(FormatError, match="nested too deeply"):
        canonical.loads(CANONICAL.replace("extent: full", f"extent: {nested}"), "x.md")


def test_a_huge_front_matter_is_refused_before_yaml_reads_it():
    keys = "".join(f"k{i}: v\n" for i in range(600_000))  # 28 s in PyYAML
    with pytest.raises(FormatError, match="front matter is longer than"):
        canonical.loads(CANONICAL.replace("extent: full\n", f"extent: full\n{keys}"), "x.md")


def test_front_matter_escapes_cannot_smuggle_a_control_character():
    hostile = CANONICAL.replace("extent: full", 'title: "a\\e[2Jb"\nextent: full')
    with pytest.raises(FormatError, match="title holds a control character"):
        canonical.loads(hostile, "x.md")


# --- one rule for raw and canonical ----------------------------------------------------


def test_a_text_starting_with_a_dash_line_is_canonical_for_every_command(tmp_path):
    path = tmp_path / "dashes.txt"
    path.write_text("---\n" + EN_TEXT, encoding="utf-8")
    results = [run(command, str(path)) for command in ("parse", "show")]
    results.append(run("diff", str(path), str(path)))
    messages = {r.stderr for r in results}
    assert len(messages) == 1
    assert_one_error_line(results[0], "front matter is not closed")


def test_parse_reads_a_canonical_file_as_canonical(tmp_path):
    path = tmp_path / "doc.md"
    path.write_text(CANONICAL, encoding="utf-8")
    result = run("parse", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == CANONICAL


@pytest.mark.parametrize(
    "data",
    [b"---\nx", b"---\r\nx", b"--- \nx", codecs.BOM_UTF8 + b"---\nx", b"---"],
)
def test_the_one_rule_sees_damaged_canonical_files_as_canonical(data):
    assert canonical.is_canonical(data)


@pytest.mark.parametrize("data", [b"----\nx", b"-- \nx", b"The General Assembly,\n---\n", b" ---\n"])
def test_the_one_rule_leaves_raw_texts_raw(data):
    assert not canonical.is_canonical(data)


# --- validate: what the format forbids, on the right line -------------------------------


@pytest.mark.parametrize(
    ("edit", "line", "what"),
    [
        (lambda t: t.replace("\n", "\r\n"), 1, "carriage return"),
        (lambda t: t.replace("70/1,", "70/1, "), 7, "white space at the end"),
        (lambda t: t.replace("its resolution", "its\tresolution"), 7, "control character (\\t)"),
        (lambda t: t.replace("its resolution", "its\x00resolution"), 7, "control character (\\x00)"),
        (lambda t: t.replace("full\n---\n", "full\n--- \n"), 5, "white space at the end"),
        (lambda t: t.replace("pp1: ", "pp1:  "), 7, "white space at the start of the text"),
    ],
    ids=["crlf", "trailing-space", "tab", "nul", "closing-fence", "two-spaces"],
)
def test_validate_rejects_what_the_format_forbids_on_its_line(tmp_path, edit, line, what):
    path = tmp_path / "doc.md"
    path.write_bytes(edit(CANONICAL).encode("utf-8"))
    assert_validate_problem(run("validate", str(path)), f"{path}:{line}:", what)


# --- one size cap for every input, checked before reading -------------------------------


def test_a_huge_canonical_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.md"
    with path.open("wb") as handle:
        handle.write(CANONICAL.encode())
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper
    runner = CliRunner()
    for args in (["show", str(path)], ["validate", str(path)], ["diff", str(path), str(path)]):
        result = runner.invoke(cli.main, args)
        assert result.exit_code == (1 if args[0] == "validate" else 2)  # validate lists, then exits 1
        assert "larger than 10 MB" in result.stderr


def test_the_cap_holds_for_a_file_that_grows_while_read():
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    from engine.read import read_limited

    with pytest.raises(InputError, match="larger than 10 MB"):
        read_limited("/dev/zero")


# --- linear time (measured by counting work, not by the clock) ------------------------


def test_the_run_together_check_does_bounded_work_per_token(monkeypatch):
    calls = 0
    real = ocr._is_un_word

    def counting(word: str) -> bool:
        nonlocal calls
        calls += 1
        return real(word)

    monkeypatch.setattr(ocr, "_is_un_word", counting)
    check = ocr._is_run_together.__wrapped__  # past the cache: every call does its work
    for length in (60, 2_000, 200_000):
        calls = 0
        assert not check("a" + "b" * length)
        assert calls <= 2 * ocr.LONGEST_WORD, (length, calls)
    assert check("concernat")  # what the check is for still works


def test_a_200000_letter_word_is_read():
    text = EN_TEXT.replace("70/1", "a" + "b" * 200_000)
    res = read_bytes(text.encode(), lang="en")
    assert len(res.provisions[0].text) > 200_000


# --- fuzzing every reading command ------------------------------------------------------

FRAGMENTS = st.sampled_from(
    [
        b"The General Assembly,\n",
        b"\n",
        b"Recalling its resolution 70/1,\n",
        b"1. Decides to remain seized of the matter.\n",
        b"(a) to act;\n",
        b"---\n",
        b"schema: resdiff.document/1\n",
        b"op1: x\n",
        "\u2019\u201c".encode(),
        "人权理事会，".encode(),
        "人权理事会，".encode("gb18030"),
        b"\x1b[31m",
        b"\x1b]0;t\x07",
        b"\r\n",
        b"\xe2\x80",
        b"\xff\xfe",
        b"\x00",
    ]
)
HOSTILE = st.one_of(
    st.binary(max_size=300),
    st.lists(st.one_of(FRAGMENTS, st.binary(max_size=8)), max_size=25).map(b"".join),
    st.lists(st.one_of(FRAGMENTS, st.binary(max_size=3)), max_size=10).map(
        lambda parts: CANONICAL.encode() + b"".join(parts)
    ),
)


def snapshot(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE)
def test_fuzzed_bytes_through_every_reading_command(data):
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "root"
        root.mkdir()
        outside = snapshot(Path(tmp))
        source = root / "input.txt"
        source.write_bytes(data)
        history = root / "history"
        commands = [
            ["parse", str(source)],
            ["parse", str(source), "--format", "json", "--lang", "en"],
            ["parse", str(source), "--lang", "zh"],
            ["show", str(source)],
            ["validate", str(source)],
            ["diff", str(source), str(source), "--format", "json"],
            ["diff", str(source), str(SEED), "--summary"],
            ["import", str(source), "--series", "fuzz", "--symbol", "A/RES/1/1", "--history", str(history)],
        ]
        for args in commands:
            result = runner.invoke(cli.main, args, env={"RESDIFF_HISTORY": str(history)})
            assert result.exit_code in (0, 1, 2), (args, result.output)
            if result.exception is not None:
                assert isinstance(result.exception, SystemExit), (args, repr(result.exception))
            assert "Traceback" not in result.stderr
            if result.exit_code == 2:
                *diagnostics, error = result.stderr.splitlines()
                assert error.startswith("Error: "), result.stderr
                # only what the reader reported may stand above it (import's refusal)
                assert all(re.match(r"^.+?: [a-z-]+: ", line) for line in diagnostics), result.stderr
            if args[0] != "diff":  # diff's term format is not used here; its colours are its own
                assert "\x1b" not in result.stdout and "\x07" not in result.stdout
        written = snapshot(Path(tmp)) - outside
        assert all(p.startswith(os.path.join("root", "")) for p in written), written
        assert all(p == "root/input.txt" or p.startswith("root/history") for p in written), written
        assert not list(root.glob("**/*.tmp")) and not list(root.glob("**/.*.tmp"))


def test_join_lines_looks_only_at_the_end_of_the_paragraph():
    from engine.read.tidy import join_lines

    vocabulary = frozenset({"cooperation", "a" * 150 + "b"})
    assert join_lines(["x " * 1000 + "co-", "operation"], vocabulary).endswith(" cooperation")
    # A 150-letter "word" is no word cut at a line end: its hyphen stays.
    assert join_lines(["a" * 150 + "-", "b"], vocabulary) == "a" * 150 + "-b"
    lines = ["word self-"] * 20_000 + ["determination"]  # 7 s at 5,000 lines when quadratic
    assert join_lines(lines, vocabulary).count("self-") == 20_000
