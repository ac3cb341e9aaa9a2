"""The engine's public API: the calls every command needs, and any other program too.

    load(ref, history=...)         any reference -> Resolution: a raw text, .docx or PDF, a
                                   canonical file, a stored symbol, or REV:path in git
    read_file(path, **overrides)   a raw file, with metadata the text does not say
    load_stored(path)              a canonical file -> Resolution
    compare(old, new, ...)         -> Diff
    is_changed(diff)               whether a diff counts as a change (diff's exit status)
    render(diff, fmt, options)     -> str or bytes, from the renderer registry
    validate(paths)                canonical files and their manifests -> Report

The command line (`cli.py`) is options, these calls and printing; reports, amendments,
checks and lineage build on the same calls, so that what a command decides is decided here
once. Nothing here prints or exits: errors are `engine.errors.ResdiffError` subclasses.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .diff import Diff, compare
from .errors import InputError
from .lineage import PairCache, SeriesLineage, Timeline
from .lineage import blame as blame_of
from .lineage import build as build_lineage
from .lineage import timeline as make_timeline
from .lineage.trail import Trail, find_provision, split_ref
from .lineage.trail import trail as make_trail
from .model import Resolution
from .read import Revisions
from .refs import load
from .refs import read_file as _read_any
from .render import BINARY_FORMATS, DIFF_RENDERERS, FORMAT_FOR_SUFFIX, RenderOptions
from .render.lineage import BlameReport
from .store import canonical
from .store.check import Report, check_paths
from .store.history import History
from .store.names import check_symbol

__all__ = [
    "BINARY_FORMATS",
    "FORMAT_FOR_SUFFIX",
    "Diff",
    "History",
    "RenderOptions",
    "Report",
    "compare",
    "format_for",
    "is_changed",
    "load",
    "load_stored",
    "read_file",
    "render",
    "validate",
]


def read_file(
    path: str | Path, *, lang: str = "auto", revisions: Revisions = "accept", **overrides: str | None
) -> Resolution:
    """Read a file (a raw text, .docx or PDF, or a canonical file: one rule tells them
    apart); `overrides` set metadata the text does not say or says wrongly (symbol, series,
    source, extent). A symbol is checked before the file is read, so a mistyped one costs
    nothing."""
    changes = {key: value for key, value in overrides.items() if value}
    if "symbol" in changes:
        changes["symbol"] = check_symbol(str(changes["symbol"]))
    res = _read_any(Path(path), lang=lang, revisions=revisions)
    return res.with_meta(**changes) if changes else res


def load_stored(path: Path) -> Resolution:
    """A canonical file as stored (size cap, UTF-8, format): for show and history."""
    return canonical.load_path(path)


def is_changed(diff: Diff) -> bool:
    """Something other than renumbering or formatting changed: a heading, a provision's
    wording or footnote, a provision added, removed, split, merged or moved."""
    return any(change.kind != "unchanged" or change.moved for change in diff.changes)


def format_for(output: Path | None, fmt: str | None, *, terminal: bool) -> str:
    """The format a report is written in: `--format` if given, else the output file's
    suffix, else `term` on a terminal and `text` elsewhere."""
    if fmt is not None:
        return fmt
    if output is not None:
        found = FORMAT_FOR_SUFFIX.get(output.suffix.lower())
        if found is None:
            known = ", ".join(FORMAT_FOR_SUFFIX)
            raise InputError(
                f"cannot tell the format from the suffix (one of {known}); give --format", path=str(output)
            )
        return found
    return "term" if terminal else "text"


def render(diff: Diff, fmt: str, options: RenderOptions | None = None) -> str | bytes:
    """A diff in one of the registry's formats (text formats as str, docx as bytes)."""
    if fmt not in DIFF_RENDERERS:
        raise InputError(f"unknown format {fmt!r}; expected one of {', '.join(DIFF_RENDERERS)}")
    return DIFF_RENDERERS[fmt](diff, options or RenderOptions())


def validate(paths: list[Path]) -> Report:
    """Every problem in canonical files and the manifests beside them (see store/check.py)."""
    return check_paths(paths)


# --- lineage (issue 11): timeline and blame of a series -------------------------------

Progress = Callable[[int, int], None] | None
"""Told (pairs done, pairs in all) after each successive pair: for a progress bar."""


def lineage(
    store: History, series: str, language: str | None, *, cache_dir: Path | None, progress: Progress = None
) -> SeriesLineage:
    """The lineages of a series in one language (the only one held, or `language`), the
    successive pairs' alignments cached in `cache_dir` (None: no cache)."""
    return build_lineage(store, series, language, cache=PairCache(cache_dir), progress=progress)


def timeline(
    store: History, series: str, language: str | None, *, cache_dir: Path | None, progress: Progress = None
) -> Timeline:
    """One row per lineage, one cell per version (`engine.lineage.timeline`)."""
    return make_timeline(lineage(store, series, language, cache_dir=cache_dir, progress=progress))


def _stored_version(
    store: History,
    ref: str,
    language: str | None,
    series: str | None,
    cache_dir: Path | None,
    progress: Progress,
) -> tuple[SeriesLineage, int]:
    """The lineages of the series a stored version is in, in its language, and its column."""
    path = store.find(ref, language, series)
    built = lineage(store, path.parent.parent.name, path.parent.name, cache_dir=cache_dir, progress=progress)
    symbol = load_stored(path).meta.symbol or ref
    index = built.stage_index(symbol)
    if index is None:  # pragma: no cover - find() only returns listed versions
        raise InputError(f"{symbol} is not listed in series {built.series}")
    return built, index


def blame(
    store: History,
    ref: str,
    language: str | None,
    series: str | None,
    *,
    cache_dir: Path | None,
    progress: Progress = None,
) -> BlameReport:
    """Origin, changes and original share of each provision of one stored version; its
    series and language are those it is stored under."""
    built, index = _stored_version(store, ref, language, series, cache_dir, progress)
    return BlameReport(built.series, built.stages[index].symbol, built.language, blame_of(built, index))


def provision_lineage(
    store: History,
    ref: str,
    language: str | None,
    series: str | None,
    *,
    cache_dir: Path | None,
    progress: Progress = None,
) -> Trail:
    """One provision's lineage (`SYMBOL#op11` or `SYMBOL#11`), version by version."""
    symbol, selector = split_ref(ref)
    built, index = _stored_version(store, symbol, language, series, cache_dir, progress)
    return make_trail(built, index, find_provision(built.stages[index].resolution, selector, ref))
