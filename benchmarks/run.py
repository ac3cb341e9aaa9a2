"""`make bench`: accuracy against gold, threshold sweep, speed and memory -> RESULTS.md.

    python -m benchmarks.run            the full benchmark (about five minutes)
    python -m benchmarks.run --quick    a smoke run: few cases, small sizes, one repeat

Exit status 1 when a real pair's gold no longer matches the reader's parse (ids shifted):
such a pair is reported and left out rather than scored against the wrong provisions.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from engine.diff import DEFAULT_THRESHOLD

from . import report
from .accuracy import SWEEP, SetResult, run_set, sweep
from .mutate import Case, cases
from .realpairs import GOLD, GoldMismatch, RealPair, load
from .speed import WORK, startup
from .speed import run as run_speed
from .texts import BASES, foreign_paragraphs, load_base

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def mutation_cases(per_programme: int) -> dict[str, list[Case]]:
    out = {}
    for lang in ("zh", "en"):
        bases = {name: load_base(name)[1] for name in BASES[lang]}
        out[lang] = cases(lang, bases, foreign_paragraphs(lang), per_programme)
    return out


def dump_mutation_gold(sets: dict[str, list[Case]]) -> None:
    """The generated gold, one JSON file per case, for reading when a case fails."""
    folder = WORK.parent / "gold-mutations"
    folder.mkdir(parents=True, exist_ok=True)
    for cs in sets.values():
        for c in cs:
            data = {
                "name": c.name,
                "old": [[p.id, p.text] for p in c.old.provisions],
                "new": [[p.id, p.text] for p in c.new.provisions],
                "groups": [{"kind": g.kind, "old": g.old, "new": g.new, "moved": g.moved} for g in c.gold],
            }
            path = folder / (c.name.replace("/", "_").replace("#", "-") + ".json")
            path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def real_pairs() -> tuple[list[RealPair], list[str]]:
    pairs, broken = [], []
    for path in sorted(GOLD.glob("*.json")):
        try:
            pairs.append(load(path))
        except GoldMismatch as exc:
            broken.append(str(exc))
    return pairs, broken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: few cases, small sizes")
    parser.add_argument("--no-speed", action="store_true", help="accuracy only")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write the results")
    args = parser.parse_args(argv)
    started = time.perf_counter()

    def say(msg: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f}s] {msg}", file=sys.stderr, flush=True)

    muts = mutation_cases(1 if args.quick else 6)
    dump_mutation_gold(muts)
    pairs, broken = real_pairs()
    say(f"{sum(map(len, muts.values()))} mutation cases, {len(pairs)} real pairs ({len(broken)} broken)")
    sets_cases = {
        "mutations zh": muts["zh"],
        "mutations en": muts["en"],
        "real zh": [p for p in pairs if p.lang == "zh"],
        "real en": [p for p in pairs if p.lang == "en"],
        "real (all)": pairs,
        "real, tuned on": [p for p in pairs if not p.heldout],
        "real, held out": [p for p in pairs if p.heldout],
    }
    sets_cases = {name: cs for name, cs in sets_cases.items() if cs}
    results: dict[str, SetResult] = {name: run_set(cs) for name, cs in sets_cases.items()}  # type: ignore[arg-type]
    say("accuracy at the default threshold done")
    thresholds = (0.3, 0.5, 0.7) if args.quick else SWEEP
    sweeps = {
        "mutations": sweep(muts["zh"] + muts["en"], thresholds),  # type: ignore[arg-type]
        "real": sweep(pairs, thresholds),  # type: ignore[arg-type]
    }
    if any(p.heldout for p in pairs):
        sweeps["real held out"] = sweep([p for p in pairs if p.heldout], thresholds)  # type: ignore[arg-type]
    say("threshold sweep done")
    per_pair = {p.name: run_set([p]) for p in pairs}  # type: ignore[list-item]

    measures = []
    floor: list[tuple[str, float | None]] = []
    if not args.no_speed:
        floor = startup(1 if args.quick else 5)
        quick = {"langs": ("en",), "sizes": (50, 400), "repeat": 1}
        measures = run_speed(**quick) if args.quick else run_speed()  # type: ignore[arg-type]
        say("speed done")

    lines = report.header(args.quick, DEFAULT_THRESHOLD)
    lines += ["## Bars", ""]
    mut = results["mutations zh"].score, results["mutations en"].score
    for lang, s in zip(("zh", "en"), mut, strict=True):
        lines.append(
            f"- Mutations {lang}: provisions exactly right >= {report.pct(report.BARS['mutations'])}: "
            f"{report.pct(s.exact_share)}, {report.met(s.exact_share >= report.BARS['mutations'])}"
        )
    for name in ("real (all)", "real, held out"):
        if name in results:
            s = results[name].score
            lines.append(
                f"- {name.capitalize()}: provisions exactly right >= {report.pct(report.BARS['real'])}: "
                f"{report.pct(s.exact_share)}, {report.met(s.exact_share >= report.BARS['real'])}"
            )
    for name in ("mutations zh", "mutations en", "real (all)", "real, held out"):
        if name not in results:
            continue
        s = results[name].score
        bar = report.BARS["move_recall"]
        if not s.moves_gold:
            lines.append(f"- Move recall on {name}: no move labelled, nothing measured")
            continue
        lines.append(
            f"- Move recall >= {bar} on {name}: {s.move_recall:.3f} "
            f"({s.moves_right}/{s.moves_gold} moves), {report.met(s.move_recall >= bar)}"
        )
    if measures:
        lines += report.speed_bars(measures, "resdiff diff (raw text)")
    if broken:
        lines += ["", "## Gold that no longer matches the parse (left out)", ""]
        lines += [f"- {b}" for b in broken]
    lines += ["", "## Accuracy at the default threshold", "", *report.accuracy_table(results), ""]
    lines += [
        "Exactly right: same kind, same partner set, same moved flag, counted per provision on both",
        "sides. Links: (old id, new id) pairs; a split or merge contributes every pair of its group.",
        "Moves: old provisions whose gold group moved (ties in the minimal move set are not counted).",
        "",
        "## Threshold sweep",
        "",
        "`compare(old, new, threshold=t)` with the other options at their defaults.",
        "",
        *report.sweep_table(sweeps),
        "",
        "## Real pairs",
        "",
        "| pair | provisions | exactly right |",
        "|---|---:|---:|",
    ]
    lines += [
        f"| {p.name}{' (held out)' if p.heldout else ''} | {per_pair[p.name].score.provisions} | "
        f"{report.pct(per_pair[p.name].score.exact_share)} |"
        for p in pairs
    ]
    lines += ["", "### Every miss on the real pairs", "", *report.misses(results["real (all)"]), ""]
    for name in ("mutations zh", "mutations en", "real (all)"):
        lines += [f"### Confusion: {name}", "", *report.confusion(results[name].score), ""]
    for name in ("mutations zh", "mutations en"):
        r = results[name]
        if r.misses:
            names = sorted({case for case, _ in r.misses})
            lines += [f"Mutation cases with a miss ({name}): " + ", ".join(f"`{n}`" for n in names), ""]
    if measures:
        lines += [
            "## Speed and memory",
            "",
            "Same raw typed-text files for every tool (`benchmarks/.work/speed/`), each run in a fresh",
            "child process; wall time and that child's peak RSS (`/usr/bin/time -f %M`). Sizes are",
            "provisions per side; the new version has ~10% reworded, ~2% each moved, inserted, deleted.",
            "`resdiff diff (canonical)` reads the same versions as canonical files (no reader).",
            "",
            *report.speed_table(measures),
            "Notes from the runs: "
            + "; ".join(
                sorted(
                    {
                        f"{m.tool} {m.lang} {m.size}: {m.note}"
                        for m in measures
                        if m.note and "resdiff" in m.tool
                    }
                )
            ),
            "",
        ]
    if floor:
        lines += [
            "## Start-up floor",
            "",
            "A child process that only imports (median of repeats): the fixed cost under every run",
            "above, whatever the size. At 50 provisions redlines finishes in about the time Python",
            "takes to import click, which resdiff's command line is built on; in Chinese, resdiff",
            "also loads a word dictionary that redlines does without (it treats an unspaced",
            "paragraph as one token).",
            "",
            "| process | seconds |",
            "|---|---:|",
            *(f"| {label} | {'failed' if t is None else f'{t:.3f}'} |" for label, t in floor),
            "",
        ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    say(f"wrote {args.out}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
