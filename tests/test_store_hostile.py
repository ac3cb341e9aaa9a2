"""The store probed as an attacker and as a busy team would (issue 9, "The store").

Hostile names must not reach the file system; parallel imports (a real process pool)
must lose nothing and store one text per symbol; an import killed with SIGKILL at a
random moment must leave the old state or the new one, which the next command restores.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import cli
from engine.errors import FormatError, InputError, StoreError
from engine.store import canonical, check
from engine.store.history import History, load_series
from engine.store.manifest import loads_series
from engine.store.names import check_series, inside
from engine.symbols import SYMBOL_RE, SymbolError, slug_of, store_symbol

RESDIFF = Path(sys.executable).parent / "resdiff"
MANIFEST = "schema: resdiff.series/1\nseries: topic\nversions: []\n"


def raw_text(n: int, words: str = "") -> str:
    """A small raw Chinese resolution, different for each n (Chinese: the reader's cheapest)."""
    return f"大会，\n\n回顾其关于国际合作的第{n}/1号决议，\n\n1. 决定继续处理第{n}号问题{words}。\n"


def make_history(tmp_path: Path) -> Path:
    """A history with one empty series, `topic` (written by hand, as a person would)."""
    root = tmp_path / "history"
    (root / "topic").mkdir(parents=True)
    (root / "topic" / "series.yaml").write_text(MANIFEST, encoding="utf-8")
    return root


def invoke(*args: str) -> tuple[int, str, str]:
    """The command line in this process: exit code, stdout, stderr."""
    result = CliRunner().invoke(cli.main, list(args))
    return result.exit_code, result.stdout, result.stderr


def assert_one_error(code: int, stderr: str, *fragments: str) -> None:
    assert code == 2, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), stderr
    for fragment in fragments:
        assert fragment in lines[0], stderr


def tree(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


# --- hostile names --------------------------------------------------------------------

HOSTILE_SERIES = [
    "../escape",
    "..",
    ".",
    "a/b",
    "iran\nhr",
    "iran\u0085hr",
    " iran-hr",
    "iran-hr ",
    "Iran_HR",
    "-iran",
    "",
]


@pytest.mark.parametrize("name", [*HOSTILE_SERIES, "ABSOLUTE"])
def test_a_hostile_series_name_writes_nothing_anywhere(tmp_path, name):
    root = make_history(tmp_path)
    source = tmp_path / "in.txt"
    source.write_text(raw_text(1), encoding="utf-8")
    if name == "ABSOLUTE":
        name = str(tmp_path / "outside")
    before = tree(tmp_path)
    code, _, err = invoke(
        "import",
        str(source),
        "--series",
        name,
        "--new-series",
        "--symbol",
        "A/RES/70/1",
        "--history",
        str(root),
    )
    assert_one_error(code, err)
    assert "series" in err
    assert tree(tmp_path) == before  # not even a lock file


HOSTILE_SYMBOLS = [
    "../escape",
    "..",
    ".",
    "/etc/passwd",
    "a/b",
    "A/RES/1/2\n- symbol: EVIL",
    "A/RES/1/2\u0085",
    " A/RES/1/2",
    "A/RES/1/2 ",
    "A/C.3/79/L 97",
    "A/RES/*/1",
]


@pytest.mark.parametrize("symbol", HOSTILE_SYMBOLS)
def test_a_hostile_symbol_is_refused_by_the_symbol_parser(tmp_path, symbol):
    root = make_history(tmp_path)
    source = tmp_path / "in.txt"
    source.write_text(raw_text(1), encoding="utf-8")
    before = tree(tmp_path)
    code, _, err = invoke(
        "import", str(source), "--series", "topic", "--symbol", symbol, "--history", str(root)
    )
    assert_one_error(code, err, "not a UN document symbol")
    assert tree(tmp_path) == before
    assert_one_error(*invoke("parse", str(source), "--symbol", symbol)[::2], "not a UN document symbol")
    code, out, err = invoke("history", "topic", "--history", str(root))
    assert code == 0 and "EVIL" not in out


@given(st.one_of(st.text(), st.from_regex(SYMBOL_RE.compiled, fullmatch=True)))
def test_any_symbol_the_store_accepts_makes_a_safe_file_name(text):
    try:
        symbol = store_symbol(text)
    except SymbolError:
        return
    name = slug_of(symbol)
    assert name not in ("", ".", "..") and "/" not in name and "\\" not in name
    assert name.isascii() and name.isprintable() and name == name.strip()
    assert store_symbol(symbol) == symbol  # one spelling per document


@given(st.text())
def test_any_series_name_accepted_is_a_slug(text):
    try:
        check_series(text)
    except InputError:
        return
    assert text and set(text) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert not text.startswith("-") and not text.endswith("-") and "--" not in text


HOSTILE_ROOT = Path(__file__).resolve().parent / "data"


@given(
    st.lists(st.sampled_from(["..", ".", "/", "a", "/etc", "~", "a/../..", "\x00"]) | st.text(), max_size=3)
)
def test_inside_never_leads_out(parts):
    try:
        path = inside(HOSTILE_ROOT, *parts)
    except (StoreError, ValueError):  # ValueError: a NUL byte, refused by the OS layer
        return
    assert path.resolve().is_relative_to(HOSTILE_ROOT) and path.resolve() != HOSTILE_ROOT


VALID_MANIFEST = (
    MANIFEST.replace("versions: []", "versions:\n- symbol: A/RES/70/1\n  date: '2015'\n  languages:\n  - zh")
).encode()


@st.composite
def damaged_manifests(draw: st.DrawFn) -> bytes:
    data = VALID_MANIFEST
    start = draw(st.integers(0, len(data)))
    end = draw(st.integers(start, min(len(data), start + 12)))
    return data[:start] + draw(st.binary(max_size=12) | st.text(max_size=6).map(str.encode)) + data[end:]


@given(st.binary(max_size=200) | damaged_manifests())
def test_any_manifest_bytes_are_read_or_refused_in_one_line(data):
    try:
        series = loads_series(data, Path("h/topic/series.yaml"))
    except FormatError as exc:
        message = str(exc)
        assert message.startswith("h/topic/series.yaml") and "\n" not in message
        return
    for v in series.versions:  # what was read is what the checks let through
        assert store_symbol(v.symbol) == v.symbol
        assert all(lang in ("zh", "en", "fr", "es", "ru", "ar") for lang in v.languages)


def test_a_forged_manifest_line_is_refused_when_read(tmp_path):
    """A hand-edited manifest cannot smuggle a line break into `history`'s output either."""
    root = make_history(tmp_path)
    (root / "topic" / "series.yaml").write_text(
        MANIFEST.replace(
            "versions: []", 'versions:\n- symbol: "A/RES/1/2\\n- symbol: EVIL"\n  languages: []'
        ),
        encoding="utf-8",
    )
    code, out, err = invoke("history", "topic", "--history", str(root))
    assert_one_error(code, err, "series.yaml:4:", "symbol must be text on one line")
    assert "EVIL" not in out


def test_a_series_folder_that_links_outside_is_refused(tmp_path):
    root = make_history(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "series.yaml").write_text(MANIFEST.replace("topic", "linked"), encoding="utf-8")
    (root / "linked").symlink_to(outside)
    source = tmp_path / "in.txt"
    source.write_text(raw_text(1), encoding="utf-8")
    code, _, err = invoke(
        "import", str(source), "--series", "linked", "--symbol", "A/RES/70/1", "--history", str(root)
    )
    assert_one_error(code, err, "outside the history folder")
    assert sorted(p.name for p in outside.iterdir()) == ["series.yaml"]


def test_one_spelling_per_document(tmp_path):
    """`a/res/70/1` and `A/RES/70/1*` are the same document: one entry, one file."""
    root = make_history(tmp_path)
    source = tmp_path / "in.txt"
    source.write_text(raw_text(1), encoding="utf-8")
    code, out, err = invoke(
        "import", str(source), "--series", "topic", "--symbol", "a/res/70/1", "--history", str(root)
    )
    assert code == 0, err
    assert "stored A/RES/70/1 " in out
    code, _, err = invoke(
        "import", str(source), "--series", "topic", "--symbol", "A/RES/70/1*", "--history", str(root)
    )
    assert_one_error(code, err, "already exists")
    assert [v.symbol for v in load_series(root / "topic" / "series.yaml").versions] == ["A/RES/70/1"]


# --- inputs that should be refused or questioned (issue 8) ----------------------------


@pytest.mark.parametrize("date", ["5/11/2024", "2024-13-01", "2024-11-5", "24", "2024-11-05 "])
def test_dates_are_iso_or_refused(tmp_path, date):
    root = make_history(tmp_path)
    source = tmp_path / "in.txt"
    source.write_text(raw_text(1), encoding="utf-8")
    before = tree(tmp_path)
    code, _, err = invoke(
        "import",
        str(source),
        "--series",
        "topic",
        "--symbol",
        "A/RES/70/1",
        "--date",
        date,
        "--history",
        str(root),
    )
    assert_one_error(code, err, "neither an ISO date")
    assert tree(tmp_path) == before


def test_a_mistyped_series_is_not_created_silently(tmp_path):
    root = tmp_path / "history"
    (root / "iran-hr").mkdir(parents=True)
    (root / "iran-hr" / "series.yaml").write_text(MANIFEST.replace("topic", "iran-hr"), encoding="utf-8")
    source = tmp_path / "in.txt"
    source.write_text(raw_text(1), encoding="utf-8")
    before = tree(tmp_path)
    common = ("--symbol", "A/RES/70/1", "--history", str(root))
    code, _, err = invoke("import", str(source), "--series", "Iran_HR", *common)
    assert_one_error(code, err, "did you mean iran-hr?")
    code, _, err = invoke("import", str(source), "--series", "iran-h", *common)
    assert_one_error(code, err, "no series 'iran-h' (did you mean iran-hr?)", "--new-series")
    assert tree(tmp_path) == before
    code, _, err = invoke("import", str(source), "--series", "iran-h", "--new-series", *common)
    assert code == 0, err
    assert (root / "iran-h" / "zh" / "A-RES-70-1.md").is_file()


def test_a_mistyped_symbol_gets_did_you_mean(tmp_path):
    root = make_history(tmp_path)
    source = tmp_path / "in.txt"
    source.write_text(raw_text(1), encoding="utf-8")
    assert (
        invoke(
            "import", str(source), "--series", "topic", "--symbol", "A/HRC/RES/25/3", "--history", str(root)
        )[0]
        == 0
    )
    code, _, err = invoke("show", "A/HRC/RES/25/4", "--history", str(root))
    assert_one_error(code, err, "no stored version of A/HRC/RES/25/4", "did you mean A/HRC/RES/25/3?")
    code, _, err = invoke("show", "A/HRC/RES/25//3", "--history", str(root))
    assert_one_error(code, err, "not a UN document symbol", "did you mean A/HRC/RES/25/3?")
    code, _, err = invoke("diff", "A/HRC/RES/25/3", "A/HRC/RES/25/4", "--history", str(root))
    assert_one_error(code, err, "did you mean A/HRC/RES/25/3?")
    code, _, err = invoke("diff", "A/HRC/RES/25/3", "A/HRC/RES25/3", "--history", str(root))
    assert_one_error(code, err, "no such file, git revision or stored symbol", "did you mean A/HRC/RES/25/3?")


def test_show_says_a_version_is_listed_without_text():
    root = Path(__file__).resolve().parent.parent / "history"
    code, _, err = invoke("show", "A/HRC/RES/23/3", "--history", str(root))
    assert_one_error(code, err, "A/HRC/RES/23/3 is listed in series intl-cooperation-hr without text")


def test_the_same_symbol_in_two_series_names_them_and_series_chooses(tmp_path):
    root = make_history(tmp_path)
    (root / "other").mkdir()
    (root / "other" / "series.yaml").write_text(MANIFEST.replace("topic", "other"), encoding="utf-8")
    for series, n in (("topic", 1), ("other", 2)):
        source = tmp_path / f"{series}.txt"
        source.write_text(raw_text(n), encoding="utf-8")
        args = ("--series", series, "--symbol", "A/RES/70/1", "--history", str(root))
        assert invoke("import", str(source), *args)[0] == 0
    code, _, err = invoke("show", "A/RES/70/1", "--history", str(root))
    assert_one_error(code, err, "stored in several series (other: zh; topic: zh): choose one with --series")
    code, out, _ = invoke("show", "A/RES/70/1", "--series", "other", "--history", str(root))
    assert code == 0 and "第2号问题" in out
    code, out, err = invoke(
        "diff",
        "A/RES/70/1",
        str(tmp_path / "topic.txt"),
        "--series",
        "other",
        "--format",
        "text",
        "--history",
        str(root),
    )
    assert code == 1, err
    assert "{+1+}" in out or "[-2-]{+1+}" in out
    code, _, err = invoke("diff", "A/RES/70/1", "A/RES/70/1", "--history", str(root))
    assert_one_error(code, err, "several series")


# --- series.yaml as it may be found --------------------------------------------------


@pytest.mark.parametrize(
    ("content", "fragments"),
    [
        (b"\x00\x01\x02\xff\xfe binary" * 20, ("series.yaml:1:", "not UTF-8")),
        (
            MANIFEST.encode() + "- symbol: A/RES/1/1\n  note: caf\u00e9\n".encode("latin-1"),
            ("series.yaml:5:", "not UTF-8"),
        ),
        (MANIFEST.encode() + b"versions: [\n  - {symbol: : :\n", ("series.yaml:", "not valid YAML")),
        (
            b"schema: resdiff.series/1\nversions:\n- symbol: A/RES/1/1\n  languages: [de]\n",
            ("series.yaml:3:", "languages"),
        ),
        (
            b"schema: resdiff.series/1\nversions:\n- symbol: A/RES/1/1\n  date: 5/11/2024\n",
            ("series.yaml:3:", "ISO"),
        ),
        (b"- a list\n", ("series.yaml:1:", "schema")),
    ],
)
def test_a_broken_manifest_is_one_error_line_naming_it(tmp_path, content, fragments):
    root = make_history(tmp_path)
    (root / "topic" / "series.yaml").write_bytes(content)
    source = tmp_path / "in.txt"
    source.write_text(raw_text(1), encoding="utf-8")
    before = tree(tmp_path)
    for args in (
        ("history", "--history", str(root)),
        ("history", "topic", "--history", str(root)),
        ("import", str(source), "--series", "topic", "--symbol", "A/RES/70/1", "--history", str(root)),
    ):
        code, _, err = invoke(*args)
        assert_one_error(code, err, *fragments)
    assert {k: v for k, v in tree(tmp_path).items() if not k.endswith(".lock")} == before


# --- validate reads the manifests -----------------------------------------------------


def test_validate_checks_manifest_and_texts_both_ways(tmp_path):
    root = make_history(tmp_path)
    for n in (1, 2, 3):
        source = tmp_path / f"{n}.txt"
        source.write_text(raw_text(n), encoding="utf-8")
        args = ("--series", "topic", "--symbol", f"A/RES/70/{n}", "--history", str(root))
        assert invoke("import", str(source), *args)[0] == 0
    assert invoke("validate", "--history", str(root))[0] == 0
    (root / "topic" / "zh" / "A-RES-70-1.md").unlink()  # listed, text missing
    series = root / "topic" / "series.yaml"
    series.write_text(
        series.read_text(encoding="utf-8").replace("- symbol: A/RES/70/2\n", "- symbol: A/RES/70/9\n")
    )
    code, out, err = invoke("validate", "--history", str(root))
    assert code == 1, err
    assert err.splitlines() == [
        f"{series}: lists A/RES/70/1 in zh, but zh/A-RES-70-1.md is missing",
        f"{series}: lists A/RES/70/9 in zh, but zh/A-RES-70-9.md is missing",
        f"{root}/topic/zh/A-RES-70-2.md: not listed in {series} (in zh)",
        "3 problem(s) in 2 canonical file(s) and their manifests",
    ]
    assert out == ""
    code, _, err = invoke("history", "topic", "--history", str(root))
    assert_one_error(code, err, "lists A/RES/70/1 in zh, but its text", "is missing")


def test_validate_reports_every_bad_file(tmp_path):
    root = make_history(tmp_path)
    source = tmp_path / "in.txt"
    source.write_text(raw_text(1), encoding="utf-8")
    assert (
        invoke("import", str(source), "--series", "topic", "--symbol", "A/RES/70/1", "--history", str(root))[
            0
        ]
        == 0
    )
    good = (root / "topic" / "zh" / "A-RES-70-1.md").read_text(encoding="utf-8")
    bad = [tmp_path / f"bad{n}.md" for n in range(3)]
    bad[0].write_text(good.replace("pp1:", "pp3:"), encoding="utf-8")
    bad[1].write_bytes(good.encode() + b"\xff\n")
    bad[2].write_text(good.replace("\npp1:", "\n\npp1:"), encoding="utf-8")
    code, _, err = invoke("validate", *map(str, bad), str(root))
    assert code == 1
    lines = err.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [str(p) for p in bad]
    assert lines[-1] == "3 problem(s) in 4 canonical file(s) and their manifests"


# --- the umask ------------------------------------------------------------------------


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_files_respect_the_umask(tmp_path, umask, mode):
    root = make_history(tmp_path)
    source = tmp_path / "in.txt"
    source.write_text(raw_text(1), encoding="utf-8")
    old = os.umask(umask)
    try:
        code, _, err = invoke(
            "import",
            str(source),
            "--series",
            "new",
            "--new-series",
            "--symbol",
            "A/RES/70/1",
            "--history",
            str(root),
        )
    finally:
        os.umask(old)
    assert code == 0, err
    for name in ("new/zh/A-RES-70-1.md", "new/series.yaml"):
        assert (root / name).stat().st_mode & 0o777 == mode, name
    assert (root / "new" / "zh").stat().st_mode & 0o777 == 0o777 & ~umask


# --- parallel imports, a real process pool --------------------------------------------

_barrier: threading.Barrier | None = None


def _start_together(barrier: threading.Barrier) -> None:
    global _barrier
    _barrier = barrier


def _import(args: list[str]) -> tuple[int, str, str]:
    """One import in a pool process, started together with the others."""
    assert _barrier is not None
    _barrier.wait(timeout=60)
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            cli.main(args, prog_name="resdiff")
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def run_together(jobs: list[list[str]]) -> list[tuple[int, str, str]]:
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(len(jobs))
    with ProcessPoolExecutor(
        max_workers=len(jobs), mp_context=context, initializer=_start_together, initargs=(barrier,)
    ) as pool:
        return list(pool.map(_import, jobs))


def test_parallel_imports_of_different_symbols_all_end_in_the_manifest(tmp_path):
    root = make_history(tmp_path)
    jobs = []
    for n in range(20):
        source = tmp_path / f"{n}.txt"
        source.write_text(raw_text(n), encoding="utf-8")
        jobs.append(
            ["import", str(source), "--series", "topic", "--symbol", f"A/RES/70/{n}", "--history", str(root)]
        )
    results = run_together(jobs)
    assert [code for code, _, _ in results] == [0] * 20, [err for _, _, err in results if err]
    series = History(root).series("topic")
    assert sorted(v.symbol for v in series.versions) == sorted(f"A/RES/70/{n}" for n in range(20))
    report = check.check_paths([root])
    assert report.problems == [] and report.files == 20


def test_parallel_imports_that_start_one_new_series_all_land(tmp_path):
    root = tmp_path / "history"
    jobs = []
    for n in range(6):
        source = tmp_path / f"{n}.txt"
        source.write_text(raw_text(n), encoding="utf-8")
        jobs.append(
            [
                "import",
                str(source),
                "--series",
                "fresh",
                "--new-series",
                "--symbol",
                f"A/RES/70/{n}",
                "--history",
                str(root),
            ]
        )
    results = run_together(jobs)
    assert [code for code, _, _ in results] == [0] * 6, results
    assert len(History(root).series("fresh").versions) == 6


def test_parallel_imports_of_one_new_symbol_store_exactly_one(tmp_path):
    root = make_history(tmp_path)
    jobs = []
    for n in range(8):
        source = tmp_path / f"{n}.txt"
        source.write_text(raw_text(n), encoding="utf-8")
        jobs.append(
            ["import", str(source), "--series", "topic", "--symbol", "A/RES/70/1", "--history", str(root)]
        )
    results = run_together(jobs)
    stored = [k for k, (code, _, _) in enumerate(results) if code == 0]
    assert len(stored) == 1, results
    refused = [err for code, _, err in results if code != 0]
    assert len(refused) == 7
    assert all(
        err.startswith("Error: ") and "already exists" in err and err.count("\n") == 1 for err in refused
    ), refused
    [k] = stored
    text = (root / "topic" / "zh" / "A-RES-70-1.md").read_text(encoding="utf-8")
    assert f"第{k}号问题。" in text  # the text of the one that says it stored
    assert [v.symbol for v in History(root).series("topic").versions] == ["A/RES/70/1"]


# --- imports killed with SIGKILL at random points -------------------------------------


def _leftovers(root: Path) -> list[Path]:
    return [p for p in root.rglob(".*") if p.name.endswith((".tmp", ".journal"))]


def _writing(folders: list[Path]) -> bool:
    for folder in folders:
        with contextlib.suppress(FileNotFoundError), os.scandir(folder) as entries:
            if any(e.name.endswith(".tmp") for e in entries):
                return True
    return False


def _kill_during_import(args: list[str], series_dir: Path, rng: random.Random) -> None:
    """Start a real import and SIGKILL it: at a random time, or a random moment after its
    first temporary file appears (the window where writes happen)."""
    process = subprocess.Popen([str(RESDIFF), *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if rng.random() < 0.3:
            time.sleep(rng.uniform(0.0, 0.5))
        else:
            deadline = time.monotonic() + 30
            folders = [series_dir, series_dir / "zh"]
            while process.poll() is None and time.monotonic() < deadline and not _writing(folders):
                time.sleep(0.0005)
            time.sleep(rng.uniform(0.0, 0.02))
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_an_import_killed_at_a_random_point_leaves_old_or_new(tmp_path, seed):
    rng = random.Random(seed)
    root = make_history(tmp_path)
    series_dir = root / "topic"
    store = History(root)
    outcomes = []
    for round_ in range(3):
        n = rng.randrange(5)  # often a symbol stored before: a --force replacement
        symbol = f"A/RES/70/{n}"
        target = series_dir / "zh" / f"A-RES-70-{n}.md"
        before = target.read_bytes() if target.exists() else None
        source = tmp_path / f"{seed}-{round_}.txt"
        source.write_text(raw_text(n, f"（第{round_}轮）"), encoding="utf-8")
        args = [
            "import",
            str(source),
            "--series",
            "topic",
            "--symbol",
            symbol,
            "--history",
            str(root),
            "--force",
            "--lang",
            "zh",
        ]
        _kill_during_import(args, series_dir, rng)
        left = _leftovers(root)
        # The next command (any command) finishes or undoes the killed import, and says so.
        result = subprocess.run(
            [str(RESDIFF), "history", "topic", "--history", str(root)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert ("note: " in result.stderr) == bool(left), (left, result.stderr)
        assert _leftovers(root) == []
        report = check.check_paths([root])
        assert report.problems == [], [str(p) for p in report.problems]
        # Old state or new state, whole: the text is the old one or the new one.
        after = target.read_bytes() if target.exists() else None
        was_new = after is not None and f"（第{round_}轮）" in after.decode("utf-8")
        assert after == before or was_new
        outcomes.append("new" if was_new else "old")
        # ... and the next import works.
        if not was_new:
            assert store.add(_read(source, symbol), force=True).path == target
    assert check.check_paths([root]).problems == []


def _read(source: Path, symbol: str):
    from engine.read import read_path

    return read_path(source, lang="zh").with_meta(symbol=symbol, series="topic")


def test_a_killed_first_import_of_a_new_series_leaves_no_series(tmp_path):
    """Killed before its commit point, the first import of a new series leaves nothing the
    next command does not remove; `--new-series` is then needed again."""
    root = make_history(tmp_path)
    folder = root / "fresh"
    (folder / "zh").mkdir(parents=True)
    (folder / "zh" / ".A-RES-70-1.md.0badf00d.tmp").write_text("half a text", encoding="utf-8")
    code, _, err = invoke("validate", str(root))
    assert code == 0, err
    assert err == f"note: {folder}: removed 1 temporary file(s) left by an interrupted import\n"
    assert not folder.exists()


def test_recovery_takes_only_what_the_store_left(tmp_path):
    """`validate FOLDER` recovers there too: it must not take a file the store did not make."""
    root = make_history(tmp_path)
    (root / "topic" / "zh").mkdir()
    theirs = [
        root / "topic" / ".notes.tmp",
        root / "topic" / "zh" / ".draft.tmp",
        root / "topic" / ".A-RES-70-1.md.0badf00d.tmp",  # a text's temporary file is in zh/
        root / "topic" / "zh" / ".series.yaml.0badf00d.tmp",
        root / "topic" / "zh" / ".A-RES-70-1.md.0badf00.tmp",
    ]
    ours = root / "topic" / "zh" / ".A-RES-70-1.md.0badf00d.tmp"
    for path in [*theirs, ours]:
        path.write_text("x", encoding="utf-8")
    for args in (
        ("validate", str(tmp_path)),
        ("validate", str(root / "topic")),
        ("history", "--history", str(root)),
    ):
        invoke(*args)
    assert all(p.exists() for p in theirs) and not ours.exists()


def test_a_journal_is_replayed_and_a_forged_one_refused(tmp_path):
    root = make_history(tmp_path)
    folder = root / "topic"
    text = canonical.dumps(_read(_write(tmp_path / "in.txt", raw_text(1)), "A/RES/70/1"))
    (folder / "zh").mkdir()
    (folder / "zh" / ".A-RES-70-1.md.00000000.tmp").write_text(text, encoding="utf-8")
    manifest = MANIFEST.replace("versions: []", "versions:\n- symbol: A/RES/70/1\n  languages:\n  - zh")
    (folder / ".series.yaml.00000000.tmp").write_text(manifest, encoding="utf-8")
    (folder / ".import.journal").write_text(
        '{"moves": [["zh/.A-RES-70-1.md.00000000.tmp", "zh/A-RES-70-1.md"], '
        '[".series.yaml.00000000.tmp", "series.yaml"]]}',
        encoding="utf-8",
    )
    code, out, err = invoke("history", "topic", "--history", str(root))
    assert code == 0, err
    assert "finished an interrupted import (zh/A-RES-70-1.md, series.yaml)" in err
    assert "A/RES/70/1" in out
    assert check.check_paths([root]).problems == []
    (folder / ".import.journal").write_text('{"moves": [["../../x.tmp", "../../y"]]}', encoding="utf-8")
    code, _, err = invoke("history", "topic", "--history", str(root))
    assert_one_error(code, err, "unreadable import journal")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_engine_errors_carry_the_place(tmp_path):
    root = make_history(tmp_path)
    (root / "topic" / "series.yaml").write_bytes(b"schema: resdiff.series/1\nversions: {a: 1}\n")
    with pytest.raises(FormatError, match="versions must be a list"):
        History(root).series("topic")
    with pytest.raises(StoreError, match="no series 'topix' \\(did you mean topic\\?\\)"):
        History(root).series("topix")
