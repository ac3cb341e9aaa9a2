"""A series manifest, `series.yaml` (`resdiff.series/1`): the versions of a series in order.

The manifest is edited by people and by `resdiff import`, and read by every command that
lists or finds versions. Reading it is strict because its names become paths: it must be
UTF-8 YAML of the documented shape, its symbols and dates pass the same checks as on the
command line, and an error names the file and, where known, the line.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import FormatError, InputError
from ..languages import LANGUAGES
from ..symbols import slug_of
from .names import check_date, check_symbol

MANIFEST = "series.yaml"
SCHEMA = "resdiff.series/1"
# The cap every input has (engine.read.decode.MAX_BYTES, not imported: that would load the
# reader); a manifest lists tens of versions in a few kilobytes.
MAX_BYTES = 10 * 1024 * 1024
_TOP_KEYS = ("schema", "series", "title", "versions")
_VERSION_KEYS = ("symbol", "date", "languages", "note")


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
    """A series' manifest (series.yaml): its name, title and every known version in
    order, also those whose text is not held yet."""

    name: str
    title: str | None = None
    versions: tuple[Version, ...] = field(default=())

    def version(self, symbol: str) -> Version | None:
        """The entry of a symbol, whatever spelling of it the manifest or the caller uses."""
        name = slug_of(symbol)
        return next((v for v in self.versions if slug_of(v.symbol) == name), None)


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


def _one_line(value: object, what: str, fail: Any) -> str:
    if not isinstance(value, str) or not value.isprintable():
        fail(f"{what} must be text on one line")
    return str(value)


def _version(entry: object, line: int, path: str) -> Version:
    def fail(message: str) -> None:
        raise FormatError(message, path=path, line=line)

    if not isinstance(entry, dict) or "symbol" not in entry:
        fail("every version is a mapping with a symbol")
    assert isinstance(entry, dict)
    unknown = sorted(str(k) for k in entry if k not in _VERSION_KEYS)
    if unknown:
        fail(f"unknown key {unknown[0]!r} in a version (keys: {', '.join(_VERSION_KEYS)})")
    try:
        symbol = check_symbol(_one_line(entry["symbol"], "symbol", fail))
        date = entry.get("date")
        if isinstance(date, _dt.date):  # an unquoted date
            date = date.isoformat()
        elif isinstance(date, int):  # an unquoted year
            date = str(date)
        if date is not None:
            date = check_date(_one_line(date, "date", fail))
    except InputError as exc:
        raise FormatError(exc.message, path=path, line=line) from None
    languages = entry.get("languages") or []
    if not isinstance(languages, list) or any(lang not in LANGUAGES for lang in languages):
        fail(f"languages must be a list of {', '.join(LANGUAGES)}")
    if len(set(languages)) != len(languages):
        fail("a language is listed twice")
    note = entry.get("note")
    return Version(
        symbol=symbol,
        date=date,
        languages=tuple(languages),
        note=None if note is None else _one_line(note, "note", fail),
    )


def loads_series(data: bytes, path: Path) -> Series:
    """Parse a manifest's bytes; the folder it lies in is the series' name."""
    import yaml  # here: PyYAML's import costs ~8 ms that a diff of raw texts never needs

    where = str(path)
    if len(data) > MAX_BYTES:
        raise FormatError(f"larger than 10 MB ({len(data)} bytes): not a series manifest", path=where)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FormatError(
            f"not UTF-8 (byte 0x{data[exc.start]:02x}); a manifest is UTF-8 text", path=where, line=line
        ) from None
    loader: Any = None
    try:
        loader = yaml.SafeLoader(text)  # checks the characters: raises ReaderError
        node = loader.get_single_node()
        doc = loader.construct_document(node) if node is not None else None
    except RecursionError:
        raise FormatError("not a series manifest: nested too deeply", path=where) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise FormatError(
            f"not valid YAML: character U+{exc.character:04X} is not allowed", path=where, line=line
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or getattr(exc, "context", None) or "unreadable"
        raise FormatError(
            f"not valid YAML: {' '.join(str(problem).split())}",
            path=where,
            line=None if mark is None else mark.line + 1,
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA:
        raise FormatError(f"a series manifest declares schema: {SCHEMA}", path=where, line=1)
    unknown = sorted(str(k) for k in doc if k not in _TOP_KEYS)
    if unknown:
        raise FormatError(f"unknown key {unknown[0]!r} (keys: {', '.join(_TOP_KEYS)})", path=where, line=1)
    name = path.parent.name
    if doc.get("series", name) != name:
        raise FormatError(f"names series {doc.get('series')!r} but lies in the folder {name!r}", path=where)
    title = doc.get("title")
    if title is not None and (not isinstance(title, str) or not title.isprintable()):
        raise FormatError("title must be text on one line", path=where)
    entries = doc.get("versions") or []
    if not isinstance(entries, list):
        raise FormatError("versions must be a list", path=where)
    lines = _entry_lines(node, len(entries))
    versions: list[Version] = []
    seen: dict[str, int] = {}
    for entry, line in zip(entries, lines, strict=True):
        version = _version(entry, line, where)
        key = slug_of(version.symbol)
        if key in seen:
            raise FormatError(
                f"{version.symbol} is listed twice (first on line {seen[key]})", path=where, line=line
            )
        seen[key] = line
        versions.append(version)
    return Series(name, title, tuple(versions))


def _entry_lines(node: Any, count: int) -> list[int]:
    """The line of each version entry, from the YAML node tree."""
    for key, value in getattr(node, "value", []):
        if getattr(key, "value", None) == "versions" and isinstance(value.value, list):
            return [item.start_mark.line + 1 for item in value.value]
    return [1] * count


def load_series(path: Path) -> Series:
    size = path.stat().st_size
    if size > MAX_BYTES:  # refused before it is read
        raise FormatError(f"larger than 10 MB ({size} bytes): not a series manifest", path=str(path))
    return loads_series(path.read_bytes(), path)
