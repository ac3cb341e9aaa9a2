"""Speed and memory: `resdiff diff` end to end against `git diff --word-diff` and redlines.

Every measurement runs the installed command in a fresh child process under
`/usr/bin/time -f %M` (peak resident memory of that child alone; `RUSAGE_CHILDREN` would
report the maximum over all children so far), timed with `time.perf_counter`, so start-up
is included; each is repeated, and the median and the best are kept. Every run has a
timeout, so a reader that is quadratic today records "timed out" instead of hanging
`make bench`. All tools get the same raw typed-text files, and `resdiff` detects their
language (no `--lang`), as a user's first run does. `resdiff` is also run on the canonical
files, which isolates the engine from the reader, and `resdiff parse` alone times the reader.
The project's modules are compiled to bytecode before any run, as `pip install` leaves them
for a user (`compile_bytecode`).

Two parts: `typical`, a real resolution of 30-40 provisions edited by the `everything`
mutation programme and typed as a drafter types it (issue 7: <= 0.3 s), and `run`, the
synthetic sizes 50 to 4,000 (operative numbers past 999 at 4,000).
"""

from __future__ import annotations

import compileall
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from engine.store import canonical

from .mutate import PROGRAMMES, make_case
from .synth import SIZES, edited, version
from .texts import build, foreign_paragraphs, load_base, raw_text
from .typed import clean_numbers, render

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(__file__).resolve().parent / ".work" / "speed"
TIME = shutil.which("time") and Path("/usr/bin/time").exists()
REDLINES = (
    "import sys; from redlines import Redlines;"
    " a, b = (open(p, encoding='utf-8').read() for p in sys.argv[1:3]);"
    " sys.stdout.write(Redlines(a, b).output_markdown)"
)
SLOW = 5.0
"""Seconds above which a measurement is not repeated (keeps `make bench` under ten minutes)."""
TITLES = {
    "en": "Enhancement of international cooperation in the field of human rights",
    "zh": "增强人权领域的国际合作",
}


@dataclass(frozen=True)
class Measure:
    tool: str
    lang: str
    size: int
    seconds: float | None  # median; None: timed out
    peak_mb: float | None
    ok: bool
    note: str = ""
    best: float | None = None
    runs: int = 0


def write_pair(lang: str, size: int) -> tuple[dict[str, Path], str]:
    """Raw and canonical files of one old/new pair under `.work/speed/`, and how many
    provisions each side holds (to check the reader's parse against)."""
    WORK.mkdir(parents=True, exist_ok=True)
    old = version(size, lang, 0)
    new = edited(old, lang, 0)
    paths = {}
    for tag, paras in (("old", old), ("new", new)):
        raw = WORK / f"{lang}-{size}-{tag}.txt"
        raw.write_text(raw_text(paras, lang, TITLES[lang]), encoding="utf-8")
        canon = WORK / f"{lang}-{size}-{tag}.md"
        res = build(paras, lang, symbol=f"X/BENCH/{size}/{tag.upper()}")
        canon.write_text(canonical.dumps(res), encoding="utf-8")
        paths[f"{tag}.txt"], paths[f"{tag}.md"] = raw, canon
    return paths, f"{len(old)}/{len(new)}"


RESDIFF = str(Path(sys.executable).with_name("resdiff"))
"""The installed command (`.venv/bin/resdiff`), start-up and all."""


def compile_bytecode() -> None:
    """Compile the project's modules to bytecode beside them, as `pip install .` does when a
    user installs resdiff. The editable install of `make` leaves them to the first run, and
    where PYTHONDONTWRITEBYTECODE is set (as in the development shells here) no run ever
    writes them: every command would then compile engine/ from source, about 0.1 s of a
    typical diff that no installed user pays."""
    compileall.compile_dir(ROOT / "engine", quiet=1)
    compileall.compile_file(ROOT / "cli.py", quiet=1)


def commands(paths: dict[str, Path], lang: str) -> dict[str, list[str]]:
    resdiff = RESDIFF
    return {
        "resdiff diff (raw text)": [
            resdiff,
            "diff",
            str(paths["old.txt"]),
            str(paths["new.txt"]),
            "--format",
            "json",
        ],
        "resdiff parse (raw text)": [resdiff, "parse", str(paths["old.txt"]), "--format", "json"],
        "resdiff diff (canonical)": [
            resdiff,
            "diff",
            str(paths["old.md"]),
            str(paths["new.md"]),
            "--format",
            "json",
        ],
        "git diff --word-diff": [
            "git",
            "diff",
            "--no-index",
            "--word-diff",
            str(paths["old.txt"]),
            str(paths["new.txt"]),
        ],
        "redlines": [sys.executable, "-c", REDLINES, str(paths["old.txt"]), str(paths["new.txt"])],
    }


def parsed_sizes(stdout: bytes) -> tuple[int, int] | None:
    """How many provisions each side of a `resdiff diff --format json` output holds (or,
    for `resdiff parse --format json`, the one side, twice)."""
    try:
        data = json.loads(stdout)
        if "provisions" in data:
            return len(data["provisions"]), len(data["provisions"])
        changes = data["changes"]
    except (ValueError, KeyError, TypeError):
        return None
    return sum(len(c["old"]) for c in changes), sum(len(c["new"]) for c in changes)


def run_once(cmd: list[str], timeout: float) -> tuple[float | None, float | None, bool, str]:
    with tempfile.NamedTemporaryFile("r", suffix=".time") as mem:
        full = ["/usr/bin/time", "-f", "%M", "-o", mem.name, *cmd] if TIME else cmd
        start = time.perf_counter()
        # its own process group, so that a timeout stops the measured command too, not only
        # /usr/bin/time above it (an orphaned quadratic reader would slow every later run)
        with subprocess.Popen(
            full, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, start_new_session=True
        ) as child:
            try:
                stdout, stderr = child.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
                child.communicate()
                return None, None, False, f"timeout > {timeout:.0f} s"
        proc = subprocess.CompletedProcess(full, child.returncode, stdout, stderr)
        seconds = time.perf_counter() - start
        # diff tools exit 1 when the texts differ; 2 or more is trouble
        ok = proc.returncode in (0, 1)
        note = "" if ok else (proc.stderr.decode("utf-8", "replace").strip().splitlines() or ["?"])[-1]
        if ok and "resdiff" in cmd[0] and "json" in cmd:
            sizes = parsed_sizes(proc.stdout)
            note = f"parsed {sizes[0]}/{sizes[1]} provisions" if sizes else "unreadable JSON"
        lines = [ln for ln in Path(mem.name).read_text().splitlines() if ln.strip().isdigit()]
        peak = int(lines[-1]) / 1024 if lines else None
    return seconds, peak, ok, note


def measure(tool: str, cmd: list[str], lang: str, size: int, repeat: int, timeout: float) -> Measure:
    runs = []
    note = ""
    for _ in range(repeat):
        seconds, peak, ok, note = run_once(cmd, timeout)
        if seconds is None or not ok:
            return Measure(tool, lang, size, None if seconds is None else seconds, peak, False, note)
        runs.append((seconds, peak))
        if seconds > SLOW:  # start-up noise is negligible next to this: one run is enough
            break
    peaks = [p for _, p in runs if p is not None]
    return Measure(
        tool,
        lang,
        size,
        statistics.median(s for s, _ in runs),
        statistics.median(peaks) if peaks else None,
        True,
        note,
        best=min(s for s, _ in runs),
        runs=len(runs),
    )


STARTUP = {
    "python, nothing imported": "pass",
    "python + click": "import click",
    "python + resdiff's command line (`import cli`)": "import cli",
    "python + rjieba's dictionary (Chinese words)": "import rjieba; rjieba.cut('人权', hmm=False)",
    "python + redlines": "from redlines import Redlines",
}
"""Fixed costs that no input size changes: they set the floor under a small diff."""


def startup(repeat: int = 5) -> list[tuple[str, float | None]]:
    """Median wall time of a child process that only imports, for each line of `STARTUP`."""
    compile_bytecode()
    out = []
    for label, code in STARTUP.items():
        runs = [run_once([sys.executable, "-c", code], 30.0) for _ in range(repeat)]
        times = [seconds for seconds, _, ok, _ in runs if ok and seconds is not None]
        out.append((label, statistics.median(times) if len(times) == repeat else None))
    return out


def run(
    langs: tuple[str, ...] = ("en", "zh"),
    sizes: tuple[int, ...] = SIZES,
    repeat: int = 3,
    timeout: float = 20.0,
    redlines_timeout: float = 20.0,
) -> list[Measure]:
    """Every tool on every pair; a run slower than `SLOW` is not repeated (its timing is
    dominated by the work, not by start-up noise), and a tool that timed out on a size is not
    run on the larger ones. On an idle machine the timeout is far above every bar, so it
    costs no verdict."""
    compile_bytecode()
    out: list[Measure] = []
    for lang in langs:
        for size in sizes:
            paths, written = write_pair(lang, size)
            for tool, cmd in commands(paths, lang).items():
                # a tool that already timed out on a smaller size is not retried on a larger one
                if any(m.tool == tool and m.lang == lang and m.seconds is None for m in out):
                    out.append(Measure(tool, lang, size, None, None, False, "not run: timed out below"))
                    continue
                limit = redlines_timeout if tool == "redlines" else timeout
                m = measure(tool, cmd, lang, size, repeat, limit)
                if m.note.startswith("parsed"):
                    sides = (
                        written.split("/")[0] + "/" + written.split("/")[0] if "parse" in tool else written
                    )
                    m = replace(m, note=f"{m.note} (written {sides})")
                out.append(m)
    return out


TYPICAL = {"zh": ("zh-hrc-25-3", 36), "en": ("en-a-c3-78-l41", 36)}
"""Base text and how many of its provisions make the typical pair (30-40 provisions)."""


def typical_pair(lang: str) -> tuple[dict[str, Path], str]:
    """A real resolution edited by the `everything` programme (rewordings, a deletion, an
    insertion, a move, a split, a merge), both sides typed one paragraph per block."""
    WORK.mkdir(parents=True, exist_ok=True)
    name, keep = TYPICAL[lang]
    meta, paras = load_base(name)
    paras = paras[:keep]
    for seed in range(20):
        case = make_case(
            f"speed/{name}", lang, paras, PROGRAMMES["everything"], seed, foreign_paragraphs(lang)
        )
        if case is not None:
            break
    else:  # pragma: no cover - the programme applies to every base text
        raise RuntimeError(f"no typical pair from {name}")
    paths = {}
    for tag, res in (("old", case.old), ("new", case.new)):
        path = WORK / f"typical-{lang}-{tag}.txt"
        path.write_text(render(res, clean_numbers(res), meta["title"], meta["body-line"]), encoding="utf-8")
        paths[f"{tag}.txt"] = path
    return paths, f"{len(case.old.provisions)}/{len(case.new.provisions)}"


def typical(repeat: int = 7, timeout: float = 20.0) -> list[Measure]:
    """The typical pair in each language: `resdiff diff` as a user runs it (language
    detected, default output), with `--lang` for the cost of detection, and git word-diff and
    redlines on the same files."""
    compile_bytecode()
    out = []
    for lang in ("zh", "en"):
        paths, written = typical_pair(lang)
        old, new = str(paths["old.txt"]), str(paths["new.txt"])
        cmds = {
            "resdiff diff": [RESDIFF, "diff", old, new],
            "resdiff diff --lang": [RESDIFF, "diff", old, new, "--lang", lang],
            "git diff --word-diff": ["git", "diff", "--no-index", "--word-diff", old, new],
            "redlines": [sys.executable, "-c", REDLINES, old, new],
        }
        for tool, cmd in cmds.items():
            m = measure(tool, cmd, lang, 0, repeat, timeout)
            out.append(replace(m, note=f"{written} provisions") if m.ok else m)
    return out
