"""The history store: successive versions of each series as canonical files in git.

    history/<series>/series.yaml            the versions in order (a small manifest)
    history/<series>/<lang>/<slug>.md       one canonical file per version and language

The manifest lists every known version of the series, also those whose text is not
available yet (HRC 25/3 names HRC 23/3 and GA 68/160 as its predecessors, whose texts are
not here): the tooling knows where they belong and works the moment `resdiff import`
brings their text.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import FormatError, StoreError
from ..model import LANGUAGES, Resolution
from ..symbols import SymbolError, parse_symbol
from . import atomic, canonical

MANIFEST = "series.yaml"
SCHEMA = "resdiff.series/1"


@dataclass(frozen=True)
class Version:
    """One version of a series: a symbol, when it came out, and the languages we hold."""

    symbol: str
    date: str | None = None  # ISO date, or a bare year where only the year is known
    languages: tuple[str, ...] = ()
    note: str | None = None

    def sort_key(self) -> tuple[int, str, str]:
        # Undated versions go last; ISO dates and bare years sort as text ("2011" < "2011-10-27").
        return (self.date is None, self.date or "", self.symbol)


@dataclass(frozen=True)
class Series:
    name: str
    title: str | None = None
    versions: tuple[Version, ...] = field(default=())

    def version(self, symbol: str) -> Version | None:
        return next((v for v in self.versions if v.symbol == symbol), None)


def slug(symbol: str) -> str:
    """File name for a symbol; unparseable ones (a draft without symbol) are used as given."""
    try:
        return parse_symbol(symbol).slug()
    except SymbolError:
        return symbol.replace("/", "-")


def _version_dict(v: Version) -> dict[str, Any]:
    data: dict[str, Any] = {"symbol": v.symbol}
    if v.date is not None:
        data["date"] = v.date
    data["languages"] = list(v.languages)
    if v.note is not None:
        data["note"] = v.note
    return data


def dump_series(series: Series) -> str:
    data: dict[str, Any] = {"schema": SCHEMA, "series": series.name}
    if series.title is not None:
        data["title"] = series.title
    data["versions"] = [_version_dict(v) for v in series.versions]
    import yaml  # here: PyYAML's import costs ~8 ms that a diff of raw texts never needs

    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)


def load_series(path: Path) -> Series:
    import yaml  # here: PyYAML's import costs ~8 ms that a diff of raw texts never needs

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise FormatError(f"not valid YAML: {exc}", path=str(path)) from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise FormatError(f"a series manifest declares schema: {SCHEMA}", path=str(path), line=1)
    versions = []
    for entry in data.get("versions") or []:
        if not isinstance(entry, dict) or "symbol" not in entry:
            raise FormatError("every version needs a symbol", path=str(path))
        date = entry.get("date")
        versions.append(
            Version(
                symbol=str(entry["symbol"]),
                date=None if date is None else str(date),
                languages=tuple(str(x) for x in entry.get("languages") or ()),
                note=entry.get("note"),
            )
        )
    return Series(str(data.get("series", path.parent.name)), data.get("title"), tuple(versions))


@dataclass(frozen=True)
class History:
    """A history folder: finds, reads and adds versions."""

    root: Path

    def series_names(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.parent.name for p in self.root.glob(f"*/{MANIFEST}"))

    def series(self, name: str) -> Series:
        path = self.root / name / MANIFEST
        if not path.is_file():
            known = ", ".join(self.series_names()) or "none"
            raise StoreError(f"no series {name!r} (known: {known})", path=str(self.root))
        return load_series(path)

    def path_for(self, series: str, language: str, symbol: str) -> Path:
        return self.root / series / language / f"{slug(symbol)}.md"

    def find(self, symbol: str, language: str | None = None) -> Path:
        """The canonical file of a symbol; with no language, the only one there is."""
        name = slug(symbol)
        langs = [language] if language else list(LANGUAGES)
        hits = sorted(p for lang in langs for p in self.root.glob(f"*/{lang}/{name}.md"))
        if not hits:
            where = f" in {language}" if language else ""
            raise StoreError(f"no stored version of {symbol}{where}", path=str(self.root))
        if len(hits) > 1:
            options = ", ".join(p.parent.name for p in hits)
            raise StoreError(f"{symbol} is stored in several languages ({options}): choose one with --lang")
        return hits[0]

    def files(self) -> list[Path]:
        return sorted(self.root.glob("*/*/*.md"))

    def add(self, res: Resolution, *, date: str | None = None, force: bool = False) -> Path:
        """Write a version's canonical file and enter it in its series manifest."""
        meta = res.meta
        if not meta.series:
            raise StoreError("the text names no series: give one with --series")
        if not meta.symbol:
            raise StoreError("no symbol found in the text: give one with --symbol")
        target = self.path_for(meta.series, meta.language, meta.symbol)
        text = canonical.dumps(res)
        manifest_path = self.root / meta.series / MANIFEST
        series = load_series(manifest_path) if manifest_path.exists() else Series(meta.series)
        if target.exists() and not force:
            raise StoreError("already exists (use --force to replace it)", path=str(target))
        old = series.version(meta.symbol) or Version(meta.symbol)
        entry = replace(
            old,
            date=date or meta.adopted or old.date,
            languages=tuple(sorted({*old.languages, meta.language})),
        )
        others = [v for v in series.versions if v.symbol != meta.symbol]
        series = replace(series, versions=tuple(sorted([*others, entry], key=Version.sort_key)))
        atomic.write_text(target, text, force=force)
        atomic.write_text(manifest_path, dump_series(series), force=True)
        return target
