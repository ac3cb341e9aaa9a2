"""The engine's public API: the calls every command needs, and any other program too.

    load(ref, history=...)         any reference -> Resolution: a raw text, .docx or PDF, a
                                   canonical file, a stored symbol, or REV:path in git
    load_pair(old, new, ...)       both sides of a comparison (two large files read at once)
    read_file(path, **overrides)   any file, with metadata the text does not say
    read_stream(handle, name, **overrides)  the same from an open stream (standard input)
    load_stored(path)              a canonical file -> Resolution
    compare(old, new, ...)         -> Diff
    is_changed(diff)               whether a diff counts as a change (diff's exit status)
    render(diff, fmt, options)     -> str or bytes, from the renderer registry
    validate(paths)                canonical files and their manifests -> Report
    amend(old, new, ...)           -> AmendmentList: the amendments that turn old into new
    read_amendments(path, base)    a list (JSON, or typed in English or Chinese) -> AmendmentList
    apply_amendments(base, list)   -> the amended Resolution
    render_amendments(list, fmt)   -> str, from the amendment renderer registry
    render_rebased(rebased, fmt)   -> str: a rebased list (JSON with its not_carried report)
    rebase_amendments(list, old, new) -> Rebased: the list re-targeted onto a revised base
    amendment_form(path)           "json" or "text": the form a list file is in
    compile_lists(base, lists)     -> Compilation: every list's proposals on the base, attributed
    render_compilation(c, fmt)     -> str or bytes, from the compilation renderer registry
    timeline / blame / provision_lineage (store, ...)   a series across its versions

The diff engine (and the aligner under it), the amend and lineage engines and the reader
are imported inside the calls that use them: every command pays the start-up of what this
module imports, and a cached `blame` or timeline, `show` or `--help` needs none of them
(`Diff` is loaded on first use too; tests/test_lazy_loading.py keeps it so).

The command line (`cli.py`) is options, these calls and printing; reports, amendments,
checks and lineage build on the same calls, so that what a command decides is decided here
once. Nothing here prints or exits: errors are `engine.errors.ResdiffError` subclasses.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from .diagnostics import diag
from .errors import AmendmentError, InputError, StoreError
from .read import Revisions
from .read.decode import read_limited
from .read.decode import read_stream as _read_stream
from .refs import from_bytes, load
from .refs import read_file as _read_any
from .render import BINARY_FORMATS, DIFF_RENDERERS, FORMAT_FOR_SUFFIX, RenderOptions
from .store.history import MANIFEST, History
from .store.names import check_symbol

if TYPE_CHECKING:  # these load only for the calls that need them: start-up is every command's cost
    from .amend import AmendmentList
    from .amend.compile import Compilation
    from .amend.rebase import Rebased
    from .diff import Diff
    from .lineage.cache import PairCache
    from .lineage.graph import SeriesLineage
    from .lineage.stages import Prepared
    from .lineage.timeline import Timeline
    from .lineage.trail import Trail
    from .lineage.whole import HistoryTimelines
    from .model import Resolution
    from .render.lineage import BlameReport
    from .store.check import Report

__all__ = [
    "BINARY_FORMATS",
    "FORMAT_FOR_SUFFIX",
    "Diff",
    "History",
    "RenderOptions",
    "amend",
    "amendment_form",
    "apply_amendments",
    "apply_what_applies",
    "compare",
    "compile_lists",
    "format_for",
    "history_timelines",
    "is_changed",
    "load",
    "load_pair",
    "load_stored",
    "read_amendments",
    "read_file",
    "read_stream",
    "rebase_amendments",
    "render",
    "render_amendments",
    "render_compilation",
    "render_rebased",
    "validate",
]


def read_file(
    path: str | Path, *, lang: str = "auto", revisions: Revisions = "accept", **overrides: str | None
) -> Resolution:
    """Read a file (a raw text, .docx or PDF, or a canonical file: one rule tells them
    apart); `overrides` set metadata the text does not say or says wrongly (symbol, series,
    source, extent). A symbol is checked before the file is read, so a mistyped one costs
    nothing."""
    changes = _overrides(overrides)
    return _overridden(_read_any(Path(path), lang=lang, revisions=revisions), changes)


def read_stream(
    handle: BinaryIO,
    *,
    name: str,
    lang: str = "auto",
    revisions: Revisions = "accept",
    **overrides: str | None,
) -> Resolution:
    """`read_file` for an open stream (a draft pasted or piped into standard input), read to
    its end under the same size cap; `name` stands for its path in messages and `source`."""
    changes = _overrides(overrides)
    data = _read_stream(handle, name)
    return _overridden(from_bytes(data, name=name, lang=lang, revisions=revisions), changes)


def _overrides(overrides: dict[str, str | None]) -> dict[str, str]:
    changes = {key: value for key, value in overrides.items() if value}
    if "symbol" in changes:
        changes["symbol"] = check_symbol(str(changes["symbol"]))
    return changes


def _overridden(res: Resolution, changes: dict[str, str]) -> Resolution:
    printed = res.meta.symbol
    if printed and changes.get("symbol") and changes["symbol"] != printed:
        # The text names itself: a --symbol that says otherwise is a correction or a typo
        # (L.42 for L.41), and only the user can tell which, so it is said.
        said = diag(
            "symbol-overridden", f"--symbol {changes['symbol']} replaces {printed}, which the text gives"
        )
        res = replace(res, warnings=(*res.warnings, said))
    return res.with_meta(**changes) if changes else res


PARALLEL_BYTES = 256 * 1024
"""Two input files larger than this together are read at once, one in a second process:
reading is pure Python and dominates a large diff (two 4,000-provision English texts take
about 1.9 s each), while a forked process costs some 20-50 ms, more than a small text takes."""


def load_pair(
    old: str,
    new: str,
    *,
    history: History,
    lang: str = "auto",
    series: str | None = None,
    revisions: Revisions = "accept",
) -> tuple[Resolution, Resolution]:
    """Both sides of a comparison, as `load` reads them; large files in parallel."""
    paths = [Path.cwd() / ref for ref in (old, new)]
    if (
        sys.platform == "linux"  # fork: the child has the modules loaded already
        and (os.cpu_count() or 1) > 1
        and all(p.is_file() for p in paths)
        and sum(p.stat().st_size for p in paths) > PARALLEL_BYTES
    ):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
            later = pool.submit(_read_any, paths[1], lang=lang, name=new, revisions=revisions)
            first = _read_any(paths[0], lang=lang, name=old, revisions=revisions)
            return first, later.result()
    return (
        load(old, lang=lang, history=history, series=series, revisions=revisions),
        load(new, lang=lang, history=history, series=series, revisions=revisions),
    )


def compare(
    old: Resolution,
    new: Resolution,
    *,
    threshold: float | None = None,
    count_formatting: bool = False,
    ignore_footnotes: bool = False,
) -> Diff:
    """`engine.diff.compare`: the changes from `old` to `new`. `threshold` None is the
    aligner's default (`engine.align.DEFAULT_THRESHOLD`)."""
    from .diff import DEFAULT_THRESHOLD
    from .diff import compare as diff_compare

    return diff_compare(
        old,
        new,
        threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
        count_formatting=count_formatting,
        ignore_footnotes=ignore_footnotes,
    )


def __getattr__(name: str) -> object:
    """`api.Diff`, imported with the diff engine on first use (see the module docstring)."""
    if name == "Diff":
        from .diff import Diff

        return Diff
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_stored(path: Path) -> Resolution:
    """A canonical file as stored (size cap, UTF-8, format): for show and history."""
    from .store import canonical

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
    from .store.check import check_paths

    return check_paths(paths)


def amend(old: Resolution, new: Resolution, *, proposer: str | None = None) -> AmendmentList:
    """The smallest readable amendment list that turns `old` into `new` (see engine/amend/derive.py)."""
    from .amend import derive

    return derive(compare(old, new), proposer=proposer)


def read_amendments(path: Path, base: Resolution, *, keep_going: bool = False) -> AmendmentList:
    """An amendment list: the JSON form (`resdiff.amendments/1`, checked against its schema)
    when the file opens with `{`, else the typed English or Chinese text form, whose
    references are resolved against `base`; with `keep_going`, a typed amendment that
    cannot be read against it is left out and kept in `AmendmentList.unread`."""
    try:
        text = read_limited(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 (byte {exc.start}); an amendment list is JSON or UTF-8 text"
        raise AmendmentError(message, path=str(path)) from None
    from .amend.jsonform import loads
    from .amend.parse import parse, written_checked

    if text.lstrip("\ufeff \t\r\n").startswith("{"):
        return written_checked(loads(text, str(path)), base, keep_going=keep_going)
    return parse(text, base, str(path), keep_going=keep_going)


def amendment_form(path: Path) -> str:
    """`json` when the list file opens with `{` (as `read_amendments` decides), else `text`."""
    head = read_limited(path)[:4096].decode("utf-8", errors="replace")
    return "json" if head.lstrip("\ufeff \t\r\n").startswith("{") else "text"


def rebase_amendments(amendments: AmendmentList, old: Resolution, new: Resolution) -> Rebased:
    """The list, written against `old`, re-targeted onto its revision `new` through the
    aligner's diff of the two (see engine/amend/rebase.py); what cannot be carried over is
    in `Rebased.not_carried`. A list that does not apply to `old` is an AmendmentError."""
    from .amend.rebase import rebase

    for side, res in (("old", old), ("new", new)):
        if amendments.language != res.meta.language:
            raise InputError(
                f"the amendments are in {amendments.language} and the {side} base in {res.meta.language}; "
                "a list quotes the words of its base, in its language"
            )
    from .amend.apply import apply

    try:
        apply(old, amendments.amendments, amendments.language, amendments.numbers)
    except AmendmentError as exc:
        placed = _placed(exc, amendments)
        raise AmendmentError(
            f"the list does not apply to the old base: {placed.message}",
            path=placed.path,
            line=placed.line,
            index=placed.index,
        ) from None
    return rebase(amendments, compare(old, new))


def apply_amendments(base: Resolution, amendments: AmendmentList) -> Resolution:
    """The base with every amendment made; all refer to the base as it stood."""
    if amendments.language != base.meta.language:
        raise InputError(
            f"the amendments are in {amendments.language} and the base text in {base.meta.language}; "
            "a list quotes the words of its base, in its language"
        )
    from .amend import apply

    try:
        return apply(base, amendments.amendments, amendments.language, amendments.numbers)
    except AmendmentError as exc:
        raise _placed(exc, amendments) from None


def _placed(exc: AmendmentError, amendments: AmendmentList) -> AmendmentError:
    """The error with the list's file and, for a typed list, the line of the amendment."""
    return amendments.placed(exc)


def apply_what_applies(
    base: Resolution, amendments: AmendmentList
) -> tuple[Resolution, list[AmendmentError]]:
    """`apply_amendments` that leaves out what cannot be applied and says why (--continue)."""
    from .amend import AmendmentList
    from .amend.apply import apply_what_applies

    if amendments.language != base.meta.language:
        apply_amendments(base, AmendmentList((), amendments.language))  # the same refusal
    try:
        amended, failed = apply_what_applies(
            base, amendments.amendments, amendments.language, amendments.numbers
        )
    except AmendmentError as exc:
        raise _placed(exc, amendments) from None
    return amended, [_placed(exc, amendments) for exc in failed]


def render_amendments(amendments: AmendmentList, fmt: str) -> str:
    from .render.amendments import AMENDMENT_RENDERERS

    if fmt not in AMENDMENT_RENDERERS:
        raise InputError(f"unknown format {fmt!r}; expected one of {', '.join(AMENDMENT_RENDERERS)}")
    return AMENDMENT_RENDERERS[fmt](amendments)


def render_rebased(rebased: Rebased, fmt: str) -> str:
    """A rebased list in an amendment format; JSON carries the `not_carried` report too."""
    from .render.amendments import AMENDMENT_RENDERERS, render_rebased

    if fmt not in AMENDMENT_RENDERERS:
        raise InputError(f"unknown format {fmt!r}; expected one of {', '.join(AMENDMENT_RENDERERS)}")
    return render_rebased(rebased, fmt)


def compile_lists(
    base: Resolution,
    lists: list[AmendmentList],
    names: list[str | None] | None = None,
    *,
    keep_going: bool = False,
) -> Compilation:
    """The facilitator's compilation of `lists` on `base` (see engine/amend/compile.py);
    `names[k]` is the proposer of list k when given (`--as`). A list whose amendment cannot
    be applied stops it with that amendment's file and line, unless `keep_going`, which
    leaves it out and keeps the error in `Compilation.failed`."""
    from .amend.compile import compile_lists

    return compile_lists(base, lists, names or (), keep_going=keep_going)


def render_compilation(compilation: Compilation, fmt: str) -> str | bytes:
    from .render.compilation import COMPILATION_RENDERERS

    if fmt not in COMPILATION_RENDERERS:
        raise InputError(f"unknown format {fmt!r}; expected one of {', '.join(COMPILATION_RENDERERS)}")
    return COMPILATION_RENDERERS[fmt](compilation)


# --- lineage (issue 11): timeline and blame of a series -------------------------------

Progress = Callable[[int, int], None] | None
"""Told (pairs done, pairs in all) after each successive pair: for a progress bar."""


def lineage(
    store: History, series: str, language: str | None, *, cache_dir: Path | None, progress: Progress = None
) -> SeriesLineage:
    """The lineages of a series in one language (the only one held, or `language`), the
    successive pairs' alignments cached in `cache_dir` (None: no cache)."""
    from .lineage.cache import PairCache
    from .lineage.graph import build

    return build(store, series, language, cache=PairCache(cache_dir), progress=progress)


def _one_language_or_across(language: str | None, across: bool) -> None:
    if across and language is not None:
        raise InputError(
            "--across-languages takes every language the series holds and --lang picks one: "
            "give one or the other"
        )


def timeline(
    store: History,
    series: str,
    language: str | None,
    *,
    cache_dir: Path | None,
    progress: Progress = None,
    across: bool = False,
) -> Timeline:
    """One row per lineage, one cell per version (`engine.lineage.timeline`); `across`:
    every language held, joined through versions held in several (`engine.lineage.across`)."""
    _one_language_or_across(language, across)
    from .lineage.cache import PairCache

    if across:
        from .lineage.across import across_languages

        return across_languages(store, series, cache=PairCache(cache_dir), progress=progress)
    from .lineage.timeline import series_timeline

    return series_timeline(store, series, language, cache=PairCache(cache_dir), progress=progress)


def history_timelines(
    store: History,
    language: str | None,
    *,
    cache_dir: Path | None,
    progress: Progress = None,
    across: bool = False,
) -> HistoryTimelines:
    """The timeline of every series of the history (`engine.lineage.whole`): each in
    `language`, or in every language it holds, or across its languages."""
    from .lineage.cache import PairCache
    from .lineage.whole import history_timelines as every_series

    _one_language_or_across(language, across)
    if not store.root.is_dir():
        raise StoreError(store.missing())
    return every_series(store, language, cache=PairCache(cache_dir), across=across, progress=progress)


def _stored_column(
    store: History, ref: str, language: str | None, series: str | None, cache: PairCache
) -> tuple[Prepared, int]:
    """What the lineage of the series a stored version is in is built from (in the language
    it is stored under), and the version's column, told by its file, not by parsing it: a
    cached blame or lineage parses none."""
    from .lineage.stages import prepare

    path = store.find(ref, language, series)
    ready = prepare(store, path.parent.parent.name, path.parent.name, cache)
    files = [Path(f.path) for f in ready.files]
    if path not in files:
        raise InputError(f"{path} is not listed in series {ready.manifest.name} ({MANIFEST})")
    return ready, files.index(path)


def _stored_version(
    store: History,
    ref: str,
    language: str | None,
    series: str | None,
    cache_dir: Path | None,
    progress: Progress,
) -> tuple[SeriesLineage, int]:
    """The lineages of the series a stored version is in, in its language, and its column."""
    from .lineage.cache import PairCache
    from .lineage.graph import build

    cache = PairCache(cache_dir)
    ready, index = _stored_column(store, ref, language, series, cache)
    name, lang = ready.manifest.name, ready.language
    return build(store, name, lang, cache=cache, progress=progress, prepared=ready), index


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
    series and language are those it is stored under. Kept in the cache under the lineage's
    key and the version's column, so a second blame decodes no lineage at all."""
    from .lineage.cache import PairCache
    from .lineage.stages import skipped_before
    from .render.lineage import BlameReport

    symbol, hash_, _ = ref.replace("＃", "#").partition("#")
    if hash_:
        raise InputError(
            f"{ref!r} names one provision: blame takes a version ({symbol.strip()}) and answers for each "
            f"of its provisions; one provision's story is `resdiff lineage '{ref}'`"
        )
    cache = PairCache(cache_dir)
    ready, index = _stored_column(store, ref, language, series, cache)
    key = cache.key_of(f"{ready.key}\nblame of version {index}")
    found = cache.get_blame(key)
    if found is None:
        from .lineage.blame import blame as blame_of
        from .lineage.graph import build

        built = build(
            store, ready.manifest.name, ready.language, cache=cache, progress=progress, prepared=ready
        )
        found = blame_of(built, index)
        cache.put_blame(key, found)
    not_held = tuple(skipped_before(ready.skipped, ready.skipped_at, index))
    return BlameReport(ready.manifest.name, ready.files[index].symbol, ready.language, found, not_held)


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
    from .lineage.trail import find_provision, split_ref
    from .lineage.trail import trail as make_trail

    symbol, selector = split_ref(ref)
    built, index = _stored_version(store, symbol, language, series, cache_dir, progress)
    return make_trail(built, index, find_provision(built.stages[index].resolution, selector, ref))
