"""Every series of a history at once: `resdiff history --timeline` with no series named.

An analyst's first question of a history is often not about one series but about all of
them ("what changed this year, anywhere?"), and a secretariat rebuilding its reports wants
one command, one report, one cache pass. Each series keeps its own timeline (a lineage
compares wording within one series and one language; nothing here links two series):

- with a language, every series that holds text in it; the series that hold none are named
  (`without`), never dropped unseen;
- with none, every series in every language it holds, a timeline each (languages in
  alphabetical order, so the same history gives the same bytes);
- across languages, every series with its languages joined (`across.across_languages`).

The work is that of the one-series commands, run in one process: the successive pairs and
whole lineages come from the same cache entries, so a second run of the whole history does
no comparing at all, and Chinese segmentation is loaded once rather than once per series.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import StoreError
from .cache import PairCache
from .timeline import Timeline, series_timeline

if TYPE_CHECKING:
    from ..store.history import History


@dataclass(frozen=True)
class HistoryTimelines:
    """The timelines of every series of a history, and the series left out (named,
    never silently missing)."""

    timelines: tuple[Timeline, ...]
    language: str | None
    """The language asked for; None: each series in every language it holds (or across them)."""
    across: bool
    without: tuple[str, ...]
    """Series left out: no text in `language`, or no text at all yet."""


def history_timelines(
    store: History,
    language: str | None,
    *,
    cache: PairCache | None = None,
    across: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> HistoryTimelines:
    """The timeline of every series (see the module's docstring); `progress(done, total)`
    counts timelines, since their number is known before any is built."""
    cache = cache or PairCache(None)
    jobs: list[tuple[str, str | None]] = []
    without = []
    for name in store.series_names():
        held = sorted({lang for v in cache.manifest(store, name).versions for lang in v.languages})
        if not held or (language is not None and language not in held):
            without.append(name)
        elif across:
            jobs.append((name, None))
        else:
            jobs.extend((name, lang) for lang in ([language] if language else held))
    if not jobs:  # an empty report would read as a history in which nothing happened
        if language is not None and without:
            raise StoreError(
                f"no series of the history holds text in {language} (series: {', '.join(without)})"
            )
        raise StoreError("the history holds no text yet (resdiff import adds a version)")
    out = []
    for k, (name, lang) in enumerate(jobs):
        if across:
            from .across import across_languages

            out.append(across_languages(store, name, cache=cache))
        else:
            out.append(series_timeline(store, name, lang, cache=cache))
        if progress is not None:
            progress(k + 1, len(jobs))
    return HistoryTimelines(tuple(out), language, across, tuple(without))
