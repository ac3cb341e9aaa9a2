"""The history store: successive versions of each series as canonical files in git.

    history/<series>/series.yaml            the versions in order (a small manifest)
    history/<series>/<lang>/<slug>.md       one canonical file per version and language

The manifest lists every known version of the series, also those whose text is not
available yet (HRC 25/3 names HRC 23/3 and GA 68/160 as its predecessors, whose texts are
not here): the tooling knows where they belong and works the moment `resdiff import`
brings their text.

Several imports may run at once (a team, a CI matrix): each takes the series' lock
(`history/.<series>.lock`, through filelock), reads the manifest under it, decides there
whether the version is already stored, and writes text and manifest as one step
(`journal`), so nothing is lost, replaced unasked or left half-done by a killed run.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, StoreError
from ..languages import LANGUAGES
from ..symbols import SymbolError, slug_of
from . import atomic, journal
from .manifest import MANIFEST, SCHEMA, Series, Version, dump_series, load_series
from .names import SERIES_RE, check_date, check_series, check_symbol, did_you_mean, inside

if TYPE_CHECKING:
    from ..model import Resolution

__all__ = [
    "MANIFEST",
    "SCHEMA",
    "History",
    "Series",
    "Stored",
    "Version",
    "dump_series",
    "load_series",
    "slug",
]

LOCK_TIMEOUT = 120.0  # seconds; an import holds the lock for milliseconds


def slug(symbol: str) -> str:
    """File name (without .md) for a stored symbol."""
    return slug_of(symbol)


@dataclass(frozen=True)
class Stored:
    """What `History.add` did: where the text went, and what it recovered first."""

    path: Path
    symbol: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class History:
    """A history folder: finds, reads and adds versions."""

    root: Path

    # --- names and places -------------------------------------------------------------

    def series_names(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(
            p.parent.name for p in self.root.glob(f"*/{MANIFEST}") if check_series_quietly(p.parent.name)
        )

    @cached_property
    def resolved_root(self) -> Path:
        """The root with its links followed, once per History: `inside` checks every path
        against it (the whole history's timeline asks for some seventy paths)."""
        return self.root.resolve()

    def series_dir(self, name: str) -> Path:
        known = () if SERIES_RE.fullmatch(name) else self.series_names()  # suggestions for a bad name
        return inside(self.root, check_series(name, known), base=self.resolved_root)

    def series(self, name: str) -> Series:
        folder = self.series_dir(name)
        path = folder / MANIFEST
        if not path.is_file():
            if not self.root.is_dir():
                raise StoreError(f"no series {name!r}: {self.missing()}")
            known = self.series_names()
            raise StoreError(
                f"no series {name!r}{did_you_mean(name, known)} (known: {', '.join(known) or 'none'})",
                path=str(self.root),
            )
        return load_series(path)

    def path_for(self, series: str, language: str, symbol: str) -> Path:
        if language not in LANGUAGES:
            raise StoreError(f"unknown language {language!r}")
        name = f"{slug(check_symbol(symbol))}.md"
        return inside(self.root, check_series(series), language, name, base=self.resolved_root)

    def files(self) -> list[Path]:
        return sorted(self.root.glob("*/*/*.md"))

    def known_symbols(self) -> list[str]:
        """Every symbol the manifests list, for suggestions."""
        return sorted({v.symbol for name in self.series_names() for v in self.series(name).versions})

    # --- finding ------------------------------------------------------------------------

    def find(self, symbol: str, language: str | None = None, series: str | None = None) -> Path:
        """The canonical file of a symbol; with no language or series, the only one there is."""
        try:
            symbol = check_symbol(symbol)
        except SymbolError as exc:
            typed = symbol.strip()
            known = self.known_symbols()
            # `25/3`, as a resolution is cited ("resolution 25/3"): the stored symbols it ends.
            cited = [k for k in known if typed and k.upper().endswith("/" + typed.upper())]
            hint = f" (did you mean {' or '.join(cited[:3])}?)" if cited else did_you_mean(typed, known)
            raise StoreError(f"{exc.message}{hint}") from None
        names = [check_series(series, self.series_names())] if series else self.series_names()
        if series and series not in self.series_names():
            self.series(series)  # raises: no such series, did you mean
        name = slug(symbol)
        langs = [language] if language else list(LANGUAGES)
        hits = [
            (s, lang, path)
            for s in names
            for lang in langs
            if (path := self.root / s / lang / f"{name}.md").is_file()
        ]
        if len(hits) == 1:
            return hits[0][2]
        if hits:
            in_series = sorted({s for s, _, _ in hits})
            if len(in_series) > 1:
                held = "; ".join(
                    f"{s}: {', '.join(sorted(lang for t, lang, _ in hits if t == s))}" for s in in_series
                )
                raise StoreError(f"{symbol} is stored in several series ({held}): choose one with --series")
            options = ", ".join(sorted(lang for _, lang, _ in hits))
            raise StoreError(f"{symbol} is stored in several languages ({options}): choose one with --lang")
        where = (f" in {language}" if language else "") + (f" in series {series}" if series else "")
        listed = [(s, v) for s in names if (v := self.series(s).version(symbol)) is not None]
        if listed:
            s, v = listed[0]
            if v.languages:
                raise StoreError(
                    f"no stored version of {symbol}{where}: series {s} holds it in {', '.join(v.languages)}"
                )
            raise StoreError(
                f"{symbol} is listed in series {s} without text"
                f" (resdiff import FILE --series {s} --symbol {symbol} stores it)"
            )
        if not self.root.is_dir():
            # Run outside the repository, the answer is not "no such version" but "no
            # history here": say where it looked and how to point elsewhere.
            raise StoreError(f"no stored version of {symbol}: {self.missing()}")
        if series:
            # `--series` names the wrong one: say where the symbol is rather than "did you
            # mean" the very symbol typed.
            elsewhere = [s for s in self.series_names() if s != series and self.series(s).version(symbol)]
            if elsewhere:
                raise StoreError(
                    f"no stored version of {symbol}{where}: it is listed in series {', '.join(elsewhere)}"
                )
        raise StoreError(f"no stored version of {symbol}{where}{did_you_mean(symbol, self.known_symbols())}")

    def missing(self) -> str:
        """What to say when the history folder is not there."""
        return (
            f"there is no history folder {self.root.absolute()} "
            "(run resdiff where history/ is, or give --history DIR or set RESDIFF_HISTORY)"
        )

    # --- changing -----------------------------------------------------------------------

    @contextmanager
    def lock(self, series: str) -> Iterator[None]:
        """Hold the series' lock (waiting for another import to finish)."""
        import filelock  # here: only commands that write or recover need it

        self.root.mkdir(parents=True, exist_ok=True)
        path = inside(self.root, f".{check_series(series)}.lock")
        try:
            with filelock.FileLock(str(path), timeout=LOCK_TIMEOUT):
                yield
        except filelock.Timeout:
            raise StoreError(f"series {series} is locked by another import", path=str(path)) from None

    def recover(self, series: str) -> list[str]:
        """Finish or undo a killed import in one series (takes the lock); say what was done."""
        folder = self.series_dir(series)
        if not folder.is_dir() or not journal.leftovers(folder):
            return []
        with self.lock(series):
            return journal.recover(folder)

    def recover_all(self) -> list[str]:
        """What `recover` does, for every series that a killed import left work in."""
        if not self.root.is_dir():
            return []
        notes: list[str] = []
        for folder in sorted(p for p in self.root.iterdir() if p.is_dir()):
            if check_series_quietly(folder.name) and journal.leftovers(folder):
                notes.extend(self.recover(folder.name))
        return notes

    def add(
        self,
        res: Resolution,
        *,
        date: str | None = None,
        force: bool = False,
        new_series: bool = False,
    ) -> Stored:
        """Write a version's canonical file and enter it in its series manifest.

        The series must exist unless `new_series`; the version must not be stored in the
        same language unless `force`. Both are decided under the series lock.
        """
        meta = res.meta
        if not meta.series:
            raise StoreError("the text names no series: give one with --series")
        if not meta.symbol:
            raise StoreError("no symbol found in the text: give one with --symbol")
        known = self.series_names()
        name = check_series(meta.series, known)
        symbol = check_symbol(meta.symbol)
        when = check_date(date) if date else None
        if when is None and meta.adopted:
            try:
                when = check_date(meta.adopted)
            except InputError:
                raise InputError(
                    f"the text's adoption date {meta.adopted!r} is not ISO: give the date with --date"
                ) from None
        res = res.with_meta(series=name, symbol=symbol)
        folder = self.series_dir(name)
        target = self.path_for(name, meta.language, symbol)
        if not new_series and not folder.is_dir():
            raise self._no_series(name, known)
        with self.lock(name):
            notes = journal.recover(folder) if folder.is_dir() else []
            manifest_path = folder / MANIFEST
            if manifest_path.is_file():
                series = load_series(manifest_path)
            elif new_series:
                series = Series(name)
            else:
                raise self._no_series(name, known)
            entry = series.version(symbol)
            if target.exists() and not force:
                unlisted = (
                    "" if entry and meta.language in entry.languages else f" but {MANIFEST} does not list it"
                )
                raise StoreError(f"already exists{unlisted} (use --force to replace it)", path=str(target))
            old = entry or Version(symbol)
            entry = replace(
                old,
                date=when or old.date,
                languages=tuple(sorted({*old.languages, meta.language})),
            )
            others = [v for v in series.versions if v is not old]
            series = replace(series, versions=tuple(sorted([*others, entry], key=Version.sort_key)))
            from . import canonical  # only when writing: finding and listing need no model

            text_tmp = atomic.write_temp(target, canonical.dumps(res))
            manifest_tmp = atomic.write_temp(manifest_path, dump_series(series))
            journal.commit(folder, [(text_tmp, target), (manifest_tmp, manifest_path)])
        return Stored(target, symbol, tuple(notes))

    def _no_series(self, name: str, known: list[str]) -> StoreError:
        hint = did_you_mean(name, known)
        return StoreError(
            f"no series {name!r}{hint}; to start a new series, add --new-series",
            path=str(self.root),
        )


def check_series_quietly(name: str) -> bool:
    """Whether a folder's name is a series name (others are not read as series)."""
    return SERIES_RE.fullmatch(name) is not None
