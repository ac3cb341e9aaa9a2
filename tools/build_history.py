"""Build history/intl-cooperation-hr from the seed and the shared corpus.

    python -m tools.build_history [--corpus ../shared/corpus] [--history history]

The shipped history/ is this script's output, so it can be rebuilt after a reader fix
(`make history`) and reviewed as a git diff. Metadata the texts do not carry (series,
extent, source address, the year of a draft) comes from the corpus manifest.
"""

from __future__ import annotations

import argparse
import csv
from dataclasses import replace
from pathlib import Path

from engine.read import read_path
from engine.store import atomic
from engine.store.history import MANIFEST, History, Version, dump_series, load_series

SERIES = "intl-cooperation-hr"
TITLE = "Enhancement of international cooperation in the field of human rights"
SEED = Path("seeds/000_d13d258366e277a0.txt")

# Named by HRC 25/3 itself as its latest predecessors; no text of either is available here.
KNOWN_WITHOUT_TEXT = (
    Version("A/HRC/RES/23/3", "2013-06-13", note="predecessor named in HRC 25/3; text not yet imported"),
    Version("A/RES/68/160", "2013-12-18", note="predecessor named in HRC 25/3; text not yet imported"),
)


def build(corpus: Path, history: History) -> list[Path]:
    written = [
        history.add(
            read_path(SEED, lang="zh").with_meta(series=SERIES, source=str(SEED), extent="full"),
            force=True,
        )
    ]
    with (corpus / "manifest.tsv").open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter="\t") if r["series"] == SERIES]
    for row in sorted(rows, key=lambda r: (r["year"], r["slug"], r["lang"])):
        res = read_path(corpus / "raw" / row["lang"] / f"{row['slug']}.txt", lang=row["lang"])
        res = res.with_meta(
            series=SERIES,
            symbol=row["symbol"] or res.meta.symbol,
            extent=row["extent"],
            source=row["source_url"],
            adopted=row["adopted"] or res.meta.adopted,
        )
        written.append(history.add(res, date=row["adopted"] or row["year"], force=True))
    manifest = history.root / SERIES / MANIFEST
    series = load_series(manifest)
    held = {v.symbol for v in series.versions}
    versions = [*series.versions, *(v for v in KNOWN_WITHOUT_TEXT if v.symbol not in held)]
    series = replace(series, title=TITLE, versions=tuple(sorted(versions, key=Version.sort_key)))
    atomic.write_text(manifest, dump_series(series), force=True)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--history", type=Path, default=Path("history"))
    args = parser.parse_args()
    for path in build(args.corpus, History(args.history)):
        print(path)


if __name__ == "__main__":
    main()
