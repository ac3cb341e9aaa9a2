"""Build history/ from the seed and the shared corpus: every series of the corpus.

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

SEED_SERIES = "intl-cooperation-hr"
SEED = Path("seeds/000_d13d258366e277a0.txt")
# The series' titles, as the corpus README names them.
TITLES = {
    "intl-cooperation-hr": "Enhancement of international cooperation in the field of human rights",
    "hr-international-solidarity": "Human rights and international solidarity",
    "regional-arrangements-hr": "Regional arrangements for the promotion and protection of human rights",
    "strengthening-un-action-nonselectivity": "Strengthening of United Nations action in the field of "
    "human rights through the promotion of international cooperation and the importance of "
    "non-selectivity, impartiality and objectivity",
    "iran-hr": "Situation of human rights in the Islamic Republic of Iran",
    "mutually-beneficial-cooperation": "Promoting mutually beneficial cooperation in the field of "
    "human rights",
}

# Named by HRC 25/3 itself as its latest predecessors; no text of either is available here.
KNOWN_WITHOUT_TEXT = (
    Version("A/HRC/RES/23/3", "2013-06-13", note="predecessor named in HRC 25/3; text not yet imported"),
    Version("A/RES/68/160", "2013-12-18", note="predecessor named in HRC 25/3; text not yet imported"),
)


def build(corpus: Path, history: History) -> list[Path]:
    seed = read_path(SEED, lang="zh").with_meta(series=SEED_SERIES, source=str(SEED), extent="full")
    written = [history.add(seed, force=True, new_series=True).path]
    with (corpus / "manifest.tsv").open(encoding="utf-8", newline="") as handle:
        rows = sorted(
            csv.DictReader(handle, delimiter="\t"), key=lambda r: (r["series"], r["year"], r["slug"])
        )
    for row in rows:
        res = read_path(corpus / "raw" / row["lang"] / f"{row['slug']}.txt", lang=row["lang"])
        res = res.with_meta(
            series=row["series"],
            # Drafts whose symbol is not in the stored text keep the corpus' placeholder slug.
            symbol=row["symbol"].rstrip("*") or res.meta.symbol or row["slug"],
            extent=row["extent"],
            source=row["source_url"],
            adopted=row["adopted"] or res.meta.adopted,
        )
        written.append(history.add(res, date=row["adopted"] or row["year"], force=True, new_series=True).path)
    for name in history.series_names():
        manifest = history.root / name / MANIFEST
        series = load_series(manifest)
        extra = KNOWN_WITHOUT_TEXT if name == SEED_SERIES else ()
        held = {v.symbol for v in series.versions}
        versions = [*series.versions, *(v for v in extra if v.symbol not in held)]
        series = replace(
            series, title=TITLES.get(name), versions=tuple(sorted(versions, key=Version.sort_key))
        )
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
