"""What `resdiff validate` checks: canonical files, and series manifests against their texts.

A history is trusted across years, so a check reports every problem it finds (not only
the first) and looks both ways: a manifest entry whose text is missing, a text that no
manifest lists, a text filed under a series, language or name its front matter
contradicts.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FormatError, ResdiffError, StoreError
from ..languages import LANGUAGES
from ..model import Resolution
from ..symbols import SymbolError, slug_of
from . import canonical
from .manifest import MANIFEST, load_series


@dataclass
class Report:
    """The problems found in canonical files and their manifests, and how many files
    were read (`resdiff validate`)."""

    files: int = 0
    problems: list[ResdiffError] = field(default_factory=list)

    def sorted_problems(self) -> list[ResdiffError]:
        return sorted(self.problems, key=lambda p: (p.path or "", p.line or 0, p.message))


def check_file(path: Path, report: Report) -> Resolution | None:
    """Read one canonical file and check that writing it back gives the same bytes."""
    report.files += 1
    try:
        text = canonical.read_file(path)  # the size cap and UTF-8 check every input shares
        res = canonical.loads(text, str(path))
    except ResdiffError as exc:
        report.problems.append(exc)
        return None
    written = canonical.dumps(res)
    if written != text:
        line = next(
            (
                i
                for i, (a, b) in enumerate(zip(text.split("\n"), written.split("\n"), strict=False), 1)
                if a != b
            ),
            min(text.count("\n"), written.count("\n")) + 1,
        )
        report.problems.append(
            FormatError(
                f"not in canonical form (resdiff show {path} > fixed.md writes it)", path=str(path), line=line
            )
        )
    return res


def check_series(folder: Path, read: dict[Path, Resolution | None], report: Report) -> None:
    """Check a series folder's manifest against the texts beside it, both ways."""
    manifest = folder / MANIFEST
    try:
        series = load_series(manifest)
    except ResdiffError as exc:
        report.problems.append(exc)
        return
    dated = [v for v in series.versions if v.date]
    for a, b in itertools.pairwise(dated):
        # Versions are compared (diff, timeline, blame) in the order listed: a date edited
        # by hand can put a later text first, and every lineage would run backwards there.
        # Dates of unequal precision (`2013`, `2013-06-13`) compare on what both give.
        common = min(len(a.date or ""), len(b.date or ""))
        if (a.date or "")[:common] > (b.date or "")[:common]:
            report.problems.append(
                StoreError(
                    f"lists {a.symbol} ({a.date}) before {b.symbol} ({b.date}): versions are compared in "
                    "the order listed; put them in date order",
                    path=str(manifest),
                )
            )
    listed: dict[tuple[str, str], str] = {}
    for v in series.versions:
        for lang in v.languages:
            name = slug_of(v.symbol)
            listed[(lang, name)] = v.symbol
            if not (folder / lang / f"{name}.md").is_file():
                report.problems.append(
                    StoreError(
                        f"lists {v.symbol} in {lang}, but {lang}/{name}.md is missing", path=str(manifest)
                    )
                )
    for path in sorted(folder.glob("*/*.md")):
        lang, name = path.parent.name, path.stem
        if lang not in LANGUAGES:
            report.problems.append(StoreError(f"{lang!r} is not a language folder", path=str(path)))
            continue
        if (lang, name) not in listed:
            report.problems.append(StoreError(f"not listed in {manifest} (in {lang})", path=str(path)))
        res = read.get(path)
        if res is None:
            continue
        meta = res.meta
        if meta.language != lang:
            report.problems.append(
                StoreError(f"language: {meta.language} in a file under {lang}/", path=str(path), line=2)
            )
        try:
            named = slug_of(meta.symbol) if meta.symbol else None
        except SymbolError:
            named = None
        if named != name:
            report.problems.append(
                StoreError(
                    f"symbol: {meta.symbol} does not match the file name {path.name}", path=str(path), line=2
                )
            )
        if meta.series is not None and meta.series != folder.name:
            report.problems.append(
                StoreError(f"series: {meta.series} in a file of series {folder.name}", path=str(path), line=2)
            )


def check_paths(paths: list[Path]) -> Report:
    """Check files, and folders: their *.md files, and every series folder in or at them."""
    report = Report()
    read: dict[Path, Resolution | None] = {}
    series_folders: list[Path] = []
    for path in paths:
        if not path.is_dir():
            read[path] = check_file(path, report)
            continue
        for file in sorted(path.rglob("*.md")):
            if file not in read:
                read[file] = check_file(file, report)
        if (path / MANIFEST).is_file():
            series_folders.append(path)
            continue
        for sub in sorted(p for p in path.iterdir() if p.is_dir()):
            if (sub / MANIFEST).is_file():
                series_folders.append(sub)
            elif any(sub.glob("*/*.md")):
                report.problems.append(StoreError(f"texts without a {MANIFEST}", path=str(sub)))
    for folder in dict.fromkeys(series_folders):
        check_series(folder, read, report)
    return report
