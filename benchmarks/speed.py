"""Speed and memory: `resdiff diff` end to end against `git diff --word-diff` and redlines.

Every measurement runs in a fresh child process under `/usr/bin/time -f %M` (peak resident
memory of that child alone; `RUSAGE_CHILDREN` would report the maximum over all children so
far), timed with `time.perf_counter`; each is repeated and the median kept. All tools get
the same raw typed-text files. `resdiff` is also run on the canonical files, which isolates
the engine from the reader.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from engine.store import canonical

from .synth import SIZES, edited, version
from .texts import build, raw_text

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(__file__).resolve().parent / ".work" / "speed"
TIME = shutil.which("time") and Path("/usr/bin/time").exists()
REDLINES = (
    "import sys; from redlines import Redlines;"
    " a, b = (open(p, encoding='utf-8').read() for p in sys.argv[1:3]);"
    " sys.stdout.write(Redlines(a, b).output_markdown)"
)
SLOW = 5.0
"""Seconds above which a measurement is not repeated (keeps `make bench` near five minutes)."""
TITLES = {
    "en": "Enhancement of international cooperation in the field of human rights",
    "zh": "增强人权领域的国际合作",
}


@dataclass(frozen=True)
class Measure:
    tool: str
    lang: str
    size: int
    seconds: float | None  # None: timed out
    peak_mb: float | None
    ok: bool
    note: str = ""


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


def commands(paths: dict[str, Path], lang: str) -> dict[str, list[str]]:
    resdiff = str(Path(sys.executable).with_name("resdiff"))
    return {
        "resdiff diff (raw text)": [
            resdiff,
            "diff",
            str(paths["old.txt"]),
            str(paths["new.txt"]),
            "--format",
            "json",
            "--lang",
            lang,
        ],
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
    """How many provisions each side of a `resdiff diff --format json` output holds."""
    try:
        changes = json.loads(stdout)["changes"]
    except (ValueError, KeyError, TypeError):
        return None
    return sum(len(c["old"]) for c in changes), sum(len(c["new"]) for c in changes)


def run_once(cmd: list[str], timeout: float) -> tuple[float | None, float | None, bool, str]:
    with tempfile.NamedTemporaryFile("r", suffix=".time") as mem:
        full = ["/usr/bin/time", "-f", "%M", "-o", mem.name, *cmd] if TIME else cmd
        start = time.perf_counter()
        try:
            proc = subprocess.run(full, capture_output=True, timeout=timeout, cwd=ROOT, check=False)
        except subprocess.TimeoutExpired:
            return None, None, False, f"timed out after {timeout:.0f} s"
        seconds = time.perf_counter() - start
        # diff tools exit 1 when the texts differ; 2 or more is trouble
        ok = proc.returncode in (0, 1)
        note = "" if ok else (proc.stderr.decode("utf-8", "replace").strip().splitlines() or ["?"])[-1]
        if ok and "resdiff" in cmd[0]:
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
    timeout: float = 45.0,
    redlines_timeout: float = 20.0,
) -> list[Measure]:
    """Every tool on every pair; the largest size once only (it is the slow one and its
    timing is dominated by the work, not by start-up noise)."""
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
                times = 1 if size == max(sizes) and len(sizes) > 2 else repeat
                m = measure(tool, cmd, lang, size, times, limit)
                if m.note.startswith("parsed"):
                    m = replace(m, note=f"{m.note} (written {written})")
                out.append(m)
    return out
