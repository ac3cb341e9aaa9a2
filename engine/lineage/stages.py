"""What a series' lineage is built from, and the key that says whether it changed: the
manifest, the language, every held version's canonical file (read, not parsed) and their
content hashes.

Apart from `graph` because a cached timeline or blame needs only this much: it reads the
files and hashes them to find its cache entry, and never builds a lineage, so it imports
neither the model's parser nor the aligner (start-up is most of a cached run's time).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import StoreError

if TYPE_CHECKING:
    from ..store.history import History, Series
    from .cache import PairCache


def choose_language(manifest: Series, language: str | None) -> str:
    """The language asked for, or the only one the series holds; never a silent pick."""
    series = manifest.name
    counts: dict[str, int] = {}
    for version in manifest.versions:
        for lang in version.languages:
            counts[lang] = counts.get(lang, 0) + 1
    if language is not None:
        if language not in counts:
            held = ", ".join(sorted(counts)) or "none"
            raise StoreError(f"series {series} holds no text in {language} (held: {held})")
        return language
    if len(counts) == 1:
        return next(iter(counts))
    if not counts:
        raise StoreError(f"series {series} holds no text yet")
    held = ", ".join(f"{lang} ({n})" for lang, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    raise StoreError(
        f"series {series} holds texts in several languages, {held}: a lineage compares wording, so it "
        "is built in one; choose it with --lang (history --timeline --across-languages shows them all, "
        "joined only through versions held in several)"
    )


@dataclass(frozen=True)
class StageFile:
    """One version's canonical file, read but not parsed."""

    symbol: str
    date: str | None
    path: str
    data: bytes


def stage_files(
    store: History, manifest: Series, language: str
) -> tuple[list[StageFile], list[str], list[tuple[int, str | None]]]:
    """The canonical files of the versions held in `language`; the symbols of those not
    held (not columns), and for each where it stands (the index of the next file) and its
    date."""
    files: list[StageFile] = []
    skipped: list[str] = []
    skipped_at: list[tuple[int, str | None]] = []
    for version in manifest.versions:
        if language not in version.languages:
            skipped.append(version.symbol)
            skipped_at.append((len(files), version.date))
            continue
        path = store.path_for(manifest.name, language, version.symbol)
        files.append(StageFile(version.symbol, version.date, str(path), read_canonical_bytes(path)))
    return files, skipped, skipped_at


READ_CAP = 10 * 1024 * 1024
"""The reader's size cap (`engine.read.decode.MAX_BYTES`, a test keeps them equal): the
reader's package is not imported on a cached run, only when a file breaks a rule."""


def read_canonical_bytes(path: Path) -> bytes:
    """A canonical file's bytes under the size cap every input shares."""
    try:
        with path.open("rb") as handle:
            data = handle.read(READ_CAP + 1)
        if len(data) <= READ_CAP:
            return data
    except OSError:
        pass
    # Too large, missing, a folder, unreadable: the reader's own checks say which.
    from ..read.decode import read_limited

    return read_limited(path)


def snapshot_key(
    series: str,
    language: str,
    files: list[StageFile],
    skipped: list[str],
    options: str,
    skipped_at: list[tuple[int, str | None]],
) -> str:
    """What a whole-series snapshot depends on: every version's symbol, date and content
    hash (in order), the versions not held in the language (where they stand, their dates),
    and the options; the cache adds
    the engine fingerprint. Every file is hashed each time: SHA-256 runs at about 1 GB/s, so
    a 20-version series of 100 kB texts costs 2 ms, and a shortcut on size and modification
    time would miss a same-length edit made within the file system's time resolution (a
    git checkout, a scripted replace)."""
    parts = [series, language, options, "skipped:" + "\x1f".join(skipped)]
    parts += [f"skipped-at:{at}\x1f{date}" for at, date in skipped_at]
    for f in files:
        parts.append(f"{f.symbol}\x1f{f.date}\x1f{hashlib.sha256(f.data).hexdigest()}")
    return "\n".join(parts)


@dataclass(frozen=True)
class Prepared:
    """What a series' lineage is built from, and its cache key: the manifest, the language
    chosen, the stage files (read, not parsed), the versions not held and where they stand,
    and the snapshot key (`snapshot_key` with the engine fingerprint). A timeline's entry is
    keyed from the same key (`timeline.series_timeline`), which hands it to `build` on a
    miss so that no file is read and hashed twice."""

    manifest: Series
    language: str
    files: list[StageFile]
    skipped: list[str]
    skipped_at: list[tuple[int, str | None]]
    key: str


def prepare(
    store: History, series: str, language: str | None, cache: PairCache, threshold: float | None = None
) -> Prepared:
    manifest = cache.manifest(store, series)
    lang = choose_language(manifest, language)
    files, skipped, skipped_at = stage_files(store, manifest, lang)
    options = "threshold=default" if threshold is None else f"threshold={threshold!r}"
    key = cache.key_of(snapshot_key(manifest.name, lang, files, skipped, options, skipped_at))
    return Prepared(manifest, lang, files, skipped, skipped_at, key)


def skipped_before(skipped: list[str], skipped_at: list[tuple[int, str | None]], version: int) -> list[str]:
    """The versions not held in the language that come before column `version`."""
    return [s for s, (at, _) in zip(skipped, skipped_at, strict=True) if at <= version]
