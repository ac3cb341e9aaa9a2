"""`make bench`: accuracy, typed drafts through the reader, speed and memory -> RESULTS.md.

Accuracy against gold (mutations, real pairs, threshold sweep), the mutation pairs typed as
drafts and read end to end, and the speed of the installed command.

    python -m benchmarks.run            the full benchmark (under ten minutes on 2 cores)
    python -m benchmarks.run --quick    a smoke run: few cases, small sizes, few repeats

Exit status 1 when a real pair's gold no longer matches the reader's parse (ids shifted):
such a pair is reported and left out rather than scored against the wrong provisions.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from engine.diff import DEFAULT_THRESHOLD

from . import lineage, report
from .accuracy import SWEEP, SetResult, run_set, sweep
from .mutate import Case, cases
from .realpairs import GOLD, GoldMismatch, RealPair, load
from .speed import WORK, startup, typical
from .speed import run as run_speed
from .texts import BASES, HELDOUT, foreign_paragraphs, load_base
from .typed import STYLES, TypedCase, TypedResult, combine, model_scores, run_case, typed_cases
from .typed import dump as dump_typed

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


def typed_drafts(per_tuned: int, per_heldout: int) -> tuple[list[TypedCase], dict[str, TypedResult]]:
    """Every typed case (tuning bases and held-out bases), each read, aligned and scored once."""
    all_cases: list[TypedCase] = []
    models = {}
    for heldout, names, folder, per in (
        (False, BASES, "base", per_tuned),
        (True, HELDOUT, "heldout", per_heldout),
    ):
        for lang in ("zh", "en"):
            bases = {name: load_base(name, folder) for name in names[lang]}
            made, typed = typed_cases(lang, bases, per, heldout)
            models.update(model_scores(made))
            all_cases += typed
    dump_typed(all_cases, WORK.parent / "typed")
    return all_cases, {c.name: run_case(c, models[c.base_case]) for c in all_cases}


def typed_sets(cases: list[TypedCase], results: dict[str, TypedResult]) -> dict[str, TypedResult]:
    def pick(lang: str | None = None, heldout: bool | None = None, style: str | None = None) -> TypedResult:
        return combine(
            [
                results[c.name]
                for c in cases
                if (lang is None or c.lang == lang)
                and (heldout is None or c.heldout == heldout)
                and (style is None or c.style == style)
            ]
        )

    sets = {
        "tuning bases zh": pick("zh", False),
        "tuning bases en": pick("en", False),
        "held out zh": pick("zh", True),
        "held out en": pick("en", True),
        "held out (zh+en), all styles": pick(heldout=True),
        "held out (zh+en), no labels": combine(
            [results[c.name] for c in cases if c.heldout and c.style != "labelled"]
        ),
    }
    for style in STYLES:
        sets[f"held out (zh+en), {style}"] = pick(heldout=True, style=style)
    for style in STYLES:
        sets[f"tuning bases, {style}"] = pick(heldout=False, style=style)
    return sets


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
    parser.add_argument(
        "--timeout",
        type=float,
        default=20.0,
        help="seconds before a timed run is stopped and recorded as a timeout (default 20)",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()

    marks: list[tuple[str, float]] = []

    def say(msg: str) -> None:
        now = time.perf_counter() - started
        marks.append((msg, now))
        print(f"[{now:6.1f}s] {msg}", file=sys.stderr, flush=True)

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
    typed_all, typed_results = typed_drafts(1, 1) if args.quick else typed_drafts(3, 6)
    drafts = typed_sets(typed_all, typed_results)
    say(f"typed drafts through the reader done ({len(typed_all)} typed pairs)")
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
    typical_measures = []
    lineage_result: lineage.LineageResult | None = None
    floor: list[tuple[str, float | None]] = []
    load: tuple[float, float] | None = None
    if not args.no_speed:
        load_before = os.getloadavg()[0]
        floor = startup(1 if args.quick else 5)
        typical_measures = typical(3 if args.quick else 7, timeout=args.timeout)
        say("speed of the typical pair done")
        quick = {"langs": ("en",), "sizes": (50, 400), "repeat": 1}
        limits = {"timeout": args.timeout, "redlines_timeout": args.timeout}
        measures = run_speed(**quick, **limits) if args.quick else run_speed(**limits)  # type: ignore[arg-type]
        say("speed done")
        load = (load_before, os.getloadavg()[0])
        if not args.quick:
            lineage_result = lineage.measure()
            say("lineage done")

    lines = report.header(args.quick, DEFAULT_THRESHOLD, load)
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
    bar = report.BARS["typed"]
    for name in (
        "held out (zh+en), all styles",
        *(f"held out (zh+en), {s}" for s in STYLES),
        "held out (zh+en), no labels",
        "tuning bases zh",
        "tuning bases en",
    ):
        r = drafts[name]
        if not r.e2e.score.cases:
            continue
        e2e, models = r.e2e.score.exact_share, r.models.score.exact_share
        lines.append(
            f"- Typed drafts through the reader, {name}: provisions exactly right end to end "
            f">= {report.pct(bar)}: "
            f"{report.pct(e2e)} (same pairs as models {report.pct(models)}), {report.met(e2e >= bar)}"
        )
    if typical_measures:
        lines += report.typical_bars(typical_measures)
    if measures:
        lines += report.speed_bars(measures, "resdiff diff (raw text)")
    if lineage_result is not None:
        lines += lineage.bars(lineage_result, report.met)
    if broken:
        lines += ["", "## Gold that no longer matches the parse (left out)", ""]
        lines += [f"- {b}" for b in broken]
    lines += ["", "## Accuracy at the default threshold", "", *report.accuracy_table(results), ""]
    lines += [
        "## Typed drafts through the reader",
        "",
        "The mutation pairs typed as drafters type them (title, body line, one paragraph per block,",
        "blank lines between) in three styles: `typed` (numbers right), `hand-numbered` (the new",
        "version's numbers typed by hand: one skipped or repeated), `labelled` (negotiation labels",
        "`PP1`, `OP3`, `OP3 bis`, kept when paragraphs move or go). Both sides read with",
        '`read_bytes(..., lang="auto")`, aligned with `compare`, scored against the gold; a gold',
        "provision the reader did not return as one provision of the right part and level is wrong",
        'end to end. "Same pairs as models": the gold models aligned directly (the aligner alone);',
        "the reading loss is the difference. Held out: typed from base texts (`data/heldout/`) that",
        "nobody tunes the reader on; the tuning bases are those of the mutation sets.",
        "",
        *report.typed_table(drafts),
        "",
        "How the gold provisions that were not read as typed were read (per provision and side):",
        "",
        *report.misread_table(drafts),
        "",
        "Examples (a few of each kind and style; every typed text is in `benchmarks/.work/typed/`):",
        "",
        *report.typed_examples(combine(list(typed_results.values()))),
        "",
    ]
    errors = [e for r in typed_results.values() for e in r.errors]
    if errors:
        lines += ["Texts the reader refused:", "", *(f"- {e}" for e in errors[:20]), ""]
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
    if typical_measures:
        lines += [
            "## Speed of a typical pair",
            "",
            "A real resolution (HRC 25/3 zh, A/C.3/78/L.41 en, 36 provisions) edited by the `everything`",
            "mutation programme and typed one paragraph per block; each command run in a fresh child",
            "process (start-up included), wall time in seconds, median and best of the runs.",
            "`resdiff diff` is what a user types (language detected, default output); `--lang` shows",
            "what detection costs.",
            "",
            *report.typical_table(typical_measures),
            "",
        ]
    if measures:
        lines += [
            "## Speed and memory",
            "",
            "Same raw typed-text files for every tool (`benchmarks/.work/speed/`), each run in a fresh",
            "child process; wall time and that child's peak RSS (`/usr/bin/time -f %M`). Sizes are",
            "provisions per side; the new version has ~10% reworded, ~2% each moved, inserted, deleted;",
            "every second operative paragraph has 3 subparagraphs, so at 4,000 the operative numbers",
            "run past 999. `resdiff diff (raw text)` detects the language; `resdiff parse (raw text)` reads",
            "the old side alone; `resdiff diff (canonical)` reads the same versions as canonical files",
            "(no reader). A run that exceeds its timeout is recorded as such, and the tool is not run",
            "on larger sizes.",
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
    if lineage_result is not None:
        lines += lineage.section(lineage_result)
    lines += [
        "## Time per section",
        "",
        "Wall time of this run (the machine's load included; `nproc` above).",
        "",
        "| section | seconds |",
        "|---|---:|",
    ]
    previous = 0.0
    for msg, at in marks:
        lines.append(f"| {msg} | {at - previous:.0f} |")
        previous = at
    lines += [f"| total | {time.perf_counter() - started:.0f} |", ""]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    say(f"wrote {args.out}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
