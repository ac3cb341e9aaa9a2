"""The on-disk cache of successive-pair alignments and of whole lineages, so a second
`blame` is instant.

A lineage is built from the diffs of each pair of successive versions; a diff of two long
texts takes tenths of a second, a series has tens of versions, and every `blame`,
`history --timeline` and `lineage` asks for the same pairs again. So each pair's changes
are kept as one JSON file, named by a key made of:

- the SHA-256 of both canonical files' bytes (an edited or re-imported text is a new key);
- the engine's fingerprint: a hash of the source that decides what an entry holds (the
  aligner, the diff, the lineage's linking, the model and the canonical reader:
  `FINGERPRINTED`);
- the comparison's options (threshold).

Beside the pairs (`pairs/`), the whole lineage of a series in a language is kept
(`lineages/`, see `snapshot`), keyed by every version's content hash: a run that finds it
parses no canonical file and compares nothing; so is its timeline (`timelines/`, same key
and its own format: statuses, ids, numbers and labels, a tenth of the lineage's size), so a
second timeline decodes no lineage either (a timeline across languages too, keyed by its
languages' keys: `across`); so is a version's blame (`blames/`, the lineage key and its
column); and each series' parsed `series.yaml`
(`manifests/`, keyed by its bytes), so that such a run does not load PyYAML either.

Where: `$RESDIFF_CACHE`, else `$XDG_CACHE_HOME/resdiff`, else `~/.cache/resdiff` (outside
any repository, so nothing to ignore in git; the history folder stays what `validate`
checks). Safety: an entry is written to a temporary file and renamed into place (a reader
never sees half of one); an entry that does not parse, names another key, or has the wrong
shape is recomputed and replaced, never trusted; a cache folder that cannot be written is
skipped silently (the answer is the same, only slower).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import ModelError
from ..store import atomic

if TYPE_CHECKING:  # the diff engine loads only when a pair is computed or read back
    from ..diff import Diff
    from ..store.history import History
    from ..store.manifest import Series
    from .blame import Blame
    from .graph import SeriesLineage
    from .timeline import Timeline

T = TypeVar("T")

CACHE_FORMAT = "resdiff.pair-cache/1"
MANIFEST_FORMAT = "resdiff.manifest-cache/1"
SNAPSHOT_FORMAT = "resdiff.lineage-snapshot/2"
"""A whole series' lineage (`snapshot`); named here, where every key is made, so that a
cached timeline finds its key without loading the snapshot's decoder."""
MANIFEST_SOURCE = ("store/manifest.py", "store/names.py", "symbols.py", "model.py")
"""The source that decides what a parsed series.yaml holds (a manifest entry's key)."""


@dataclass(frozen=True)
class Step:
    """One change between two successive versions, as the lineage needs it: kinds, ids,
    whether it moved, its similarity and ops (for `original_share` and the word diff)."""

    kind: str
    old: tuple[str, ...]
    new: tuple[str, ...]
    moved: bool
    similarity: float
    ops: tuple[tuple[str, str], ...]
    uncertain: bool = False
    """The diff's pair is uncertain (`engine.diff.Change.uncertain`)."""


def steps_of(diff: Diff) -> tuple[Step, ...]:
    """The provision changes of a diff (heading changes are not provisions)."""
    return tuple(
        Step(c.kind, c.old, c.new, c.moved, c.similarity, tuple(c.ops), c.uncertain)
        for c in diff.changes
        if c.kind != "heading"
    )


def _step_dict(step: Step) -> dict[str, Any]:
    return {
        "kind": step.kind,
        "old": list(step.old),
        "new": list(step.new),
        "moved": step.moved,
        "similarity": step.similarity,
        "ops": [list(op) for op in step.ops],
        "uncertain": step.uncertain,
    }


def _strings(value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("not a list of strings")
    return tuple(value)


def _step_from(data: object) -> Step:
    """A step from its JSON form; ValueError for anything of the wrong shape."""
    if not isinstance(data, dict):
        raise ValueError("not an object")
    kind, moved, similarity, ops = (
        data.get("kind"),
        data.get("moved"),
        data.get("similarity"),
        data.get("ops"),
    )
    from ..diff import CHANGE_KINDS

    if kind not in CHANGE_KINDS or kind == "heading" or not isinstance(moved, bool):
        raise ValueError("bad kind or moved")
    if not isinstance(similarity, int | float) or isinstance(similarity, bool) or not 0 <= similarity <= 1:
        raise ValueError("bad similarity")
    if not isinstance(ops, list):
        raise ValueError("bad ops")
    uncertain = data.get("uncertain")
    if not isinstance(uncertain, bool):
        raise ValueError("bad uncertain")
    pairs: list[tuple[str, str]] = []
    for op in ops:
        if (
            not isinstance(op, list)
            or len(op) != 2
            or op[0] not in ("equal", "insert", "delete")
            or not isinstance(op[1], str)
        ):
            raise ValueError("bad op")
        pairs.append((op[0], op[1]))
    return Step(
        str(kind),
        _strings(data.get("old")),
        _strings(data.get("new")),
        moved,
        float(similarity),
        tuple(pairs),
        uncertain,
    )


def seal(fmt: str, key: str, payload: object) -> bytes:
    """An entry of a whole result: a header line (format, key and the payload's SHA-256),
    then the payload, so a truncated, edited or bit-flipped entry is told in C at disk
    speed rather than by checking every value in Python."""
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    header = {"format": fmt, "key": key, "sha256": hashlib.sha256(data).hexdigest()}
    return json.dumps(header).encode() + b"\n" + data


def unseal(fmt: str, key: str, data: bytes) -> Any:
    """The payload `seal` wrote; ValueError when it is not whole, not this key's, or of
    another format."""
    head, sep, payload = data.partition(b"\n")
    header = json.loads(head)
    if not sep or not isinstance(header, dict):
        raise ValueError("no header")
    if header.get("format") != fmt or header.get("key") != key:
        raise ValueError("another format or key")
    if header.get("sha256") != hashlib.sha256(payload).hexdigest():
        raise ValueError("payload does not match its digest")
    return json.loads(payload)


FINGERPRINTED = ("align/", "diff/", "lineage/", "model.py", "store/canonical.py", "text.py")
"""The source that decides what an entry holds: the aligner and the diff (a pair's steps),
the lineage's own linking (a snapshot), the model and canonical reader (a snapshot holds
the parsed versions), and what both know of scripts and words (`text.py`: which characters
are Han, how a text is cut into words). A folder stands for its `.py` files."""


DEPENDENCIES = ("rapidfuzz", "rjieba", "diff_match_patch")
"""The libraries whose answers a pair's steps hold: similarity scores (rapidfuzz), Chinese
segmentation (rjieba) and the word diff (diff-match-patch). A new release of any may align
or segment differently, so its version is part of the fingerprint."""


def dependency_versions() -> tuple[str, ...]:
    """Each of `DEPENDENCIES` as `name==version`, read from the name of its installed
    `.dist-info` folder in the first `sys.path` folder holding the package (where import
    finds it), without importing it: a cached run loads none of them, and importlib.metadata
    (or even importlib.util) costs milliseconds of a run that takes a hundred; `name==?`
    when that cannot be told. With the Python version and its Unicode database, which decide
    case folding, widths and `str.isspace`."""
    import unicodedata

    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        held = set(names)
        for name in DEPENDENCIES:
            if name in found or name not in held:
                continue
            infos = [n for n in names if n.startswith(name + "-") and n.endswith(".dist-info")]
            found[name] = infos[0][len(name) + 1 : -len(".dist-info")] if len(infos) == 1 else "?"
    out = [f"python=={sys.version_info[0]}.{sys.version_info[1]}", f"unicode=={unicodedata.unidata_version}"]
    return tuple(out + [f"{name}=={found.get(name, '?')}" for name in DEPENDENCIES])


@lru_cache(maxsize=1)
def engine_fingerprint() -> str:
    """A hash of the source files that decide what a cache entry holds (`FINGERPRINTED`)
    and of the versions of the libraries they call (`dependency_versions`). Not resdiff's
    own version: a release that changes what an entry holds changes these files, while
    during development they change far more often than the version number."""
    digest = hashlib.sha256()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for name in FINGERPRINTED:  # listed, not globbed: a glob compiles a pattern per folder
        if name.endswith("/"):
            found = sorted(name + f for f in os.listdir(os.path.join(root, name)) if f.endswith(".py"))
        else:
            found = [name]
        for relative in found:
            digest.update(relative.encode() + b"\0")
            with open(os.path.join(root, relative), "rb") as handle:
                digest.update(handle.read())
    digest.update("\n".join(dependency_versions()).encode())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def manifest_fingerprint() -> str:
    """A hash of the source that parses and checks a manifest (`MANIFEST_SOURCE`)."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parent.parent
    for name in MANIFEST_SOURCE:
        digest.update(name.encode() + b"\0" + (root / name).read_bytes())
    return digest.hexdigest()[:16]


def _series_from(data: object, key: str, name: str) -> Series:
    """A cached manifest, checked as `series.yaml` is (its names become paths): ValueError
    or InputError when it is not exactly what the parser would have returned."""
    from ..languages import LANGUAGES
    from ..store.manifest import Series, Version
    from ..store.names import check_date, check_symbol

    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT or data.get("key") != key:
        raise ValueError("another key or format")
    title, versions = data.get("title"), data.get("versions")
    if data.get("series") != name or not (title is None or isinstance(title, str)):
        raise ValueError("another series")
    if not isinstance(versions, list):
        raise ValueError("no versions")
    out = []
    for entry in versions:
        symbol, date, languages, note = entry
        if not isinstance(symbol, str) or check_symbol(symbol) != symbol:
            raise ValueError("a symbol")
        if date is not None and (not isinstance(date, str) or check_date(date) != date):
            raise ValueError("a date")
        if not isinstance(languages, list) or len(set(languages)) != len(languages):
            raise ValueError("languages")
        if any(lang not in LANGUAGES for lang in languages) or not (note is None or isinstance(note, str)):
            raise ValueError("languages or note")
        out.append(Version(symbol, date, tuple(languages), note))
    return Series(name, title, tuple(out))


def default_cache_dir(environ: Mapping[str, str]) -> Path:
    """`$RESDIFF_CACHE`, else `$XDG_CACHE_HOME/resdiff`, else `~/.cache/resdiff`."""
    if environ.get("RESDIFF_CACHE"):
        return Path(environ["RESDIFF_CACHE"])
    base = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "resdiff"


@dataclass
class PairCache:
    """Successive-pair steps on disk (`folder=None`: no cache, everything computed)."""

    folder: Path | None
    hits: int = 0
    computed: int = 0
    lineage_hits: int = 0
    """Whole series found in the cache (no pair read, no file parsed)."""
    timeline_hits: int = 0
    """Timelines found in the cache (not even the lineage decoded)."""
    blame_hits: int = 0
    """Blames found in the cache (not even the lineage decoded)."""
    rejected: list[str] = field(default_factory=list)
    """Keys of entries that were there but unreadable or malformed (recomputed)."""
    manifests: dict[str, Series] = field(default_factory=dict, repr=False)
    """Manifests already read by this cache object (one command), by series name: the whole
    history's timeline asks each series' languages, then builds each language."""

    def key(self, old_bytes: bytes, new_bytes: bytes, options: str) -> str:
        parts = [
            CACHE_FORMAT,
            engine_fingerprint(),
            options,
            hashlib.sha256(old_bytes).hexdigest(),
            hashlib.sha256(new_bytes).hexdigest(),
        ]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def key_of(self, what: str) -> str:
        """A whole-series snapshot's key: what it depends on (`stages.snapshot_key`) with the
        snapshot format and the engine fingerprint."""
        parts = [SNAPSHOT_FORMAT, engine_fingerprint(), what]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def path(self, key: str, kind: str = "pairs") -> Path | None:
        return None if self.folder is None else self.folder / kind / key[:2] / f"{key}.json"

    def _read(self, key: str, kind: str) -> object | None:
        """The JSON of an entry; None when absent or unreadable (then noted as rejected)."""
        path = self.path(key, kind)
        if path is None:
            return None
        try:
            data: object = json.loads(path.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            self.rejected.append(key)
            return None
        return data

    def _write(self, key: str, kind: str, data: dict[str, Any]) -> None:
        path = self.path(key, kind)
        if path is not None:
            text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            self._replace(path, text.encode())

    @staticmethod
    def _replace(path: Path, data: bytes) -> None:
        """Write to a temporary file beside `path`, then rename it into place."""
        try:
            tmp = atomic.write_temp(path, data)
            try:
                os.replace(tmp, path)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
        except OSError:
            return  # a read-only or full cache: the answer is the same, only slower

    def get(self, key: str) -> tuple[Step, ...] | None:
        data = self._read(key, "pairs")
        if data is None:
            return None
        try:
            if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT or data.get("key") != key:
                raise ValueError("another key or format")
            steps = data.get("steps")
            if not isinstance(steps, list):
                raise ValueError("no steps")
            return tuple(_step_from(s) for s in steps)
        except ValueError:
            self.rejected.append(key)
            return None

    def put(self, key: str, steps: tuple[Step, ...]) -> None:
        self._write(
            key, "pairs", {"format": CACHE_FORMAT, "key": key, "steps": [_step_dict(s) for s in steps]}
        )

    def get_lineage(self, key: str) -> SeriesLineage | None:
        """A whole series' lineage (`snapshot`), or None: absent, or not whole (noted in
        `rejected`, and replaced by the next `put_lineage`)."""
        path = self.path(key, "lineages")
        if path is None:
            return None
        from . import snapshot

        try:
            found = snapshot.decode(key, path.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, KeyError, IndexError, ModelError):
            self.rejected.append(key)
            return None
        self.lineage_hits += 1
        return found

    def _sealed(self, kind: str, fmt: str, key: str, unpack: Callable[[Any], T]) -> T | None:
        """A whole result kept by `seal` under `kind`, or None: absent, or not whole (noted
        in `rejected`, and replaced by the next `_seal`)."""
        path = self.path(key, kind)
        if path is None:
            return None
        try:
            return unpack(unseal(fmt, key, path.read_bytes()))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, KeyError, IndexError):
            self.rejected.append(key)
            return None

    def _seal(self, kind: str, fmt: str, key: str, payload: object) -> None:
        path = self.path(key, kind)
        if path is not None:
            self._replace(path, seal(fmt, key, payload))

    def get_timeline(self, key: str) -> Timeline | None:
        """A series' timeline, in one language or across them (`timeline.pack`)."""
        from .timeline import TIMELINE_FORMAT, unpack

        found = self._sealed("timelines", TIMELINE_FORMAT, key, unpack)
        if found is not None:
            self.timeline_hits += 1
        return found

    def put_timeline(self, key: str, timeline: Timeline) -> None:
        from .timeline import TIMELINE_FORMAT, pack

        self._seal("timelines", TIMELINE_FORMAT, key, pack(timeline))

    def get_blame(self, key: str) -> list[Blame] | None:
        """A version's blame (`blame.pack`)."""
        from .blame import BLAME_FORMAT, unpack

        found = self._sealed("blames", BLAME_FORMAT, key, unpack)
        if found is not None:
            self.blame_hits += 1
        return found

    def put_blame(self, key: str, blames: list[Blame]) -> None:
        from .blame import BLAME_FORMAT, pack

        self._seal("blames", BLAME_FORMAT, key, pack(blames))

    def put_lineage(self, key: str, lineage: SeriesLineage) -> None:
        from . import snapshot

        path = self.path(key, "lineages")
        if path is not None:
            self._replace(path, snapshot.encode(key, lineage))

    def manifest(self, store: History, series: str) -> Series:
        """`store.series(series)`, parsed once per content of its series.yaml: a cached run
        needs the versions but not PyYAML, whose import and pure-Python parse (kept for its
        line numbers) cost ~15 ms, more than the rest of a cached lineage. Keyed by the
        series, the SHA-256 of the manifest's bytes and the source that parses it
        (`MANIFEST_SOURCE`); an entry is checked as the file is, and reparsed when it fails."""
        if series in self.manifests:
            return self.manifests[series]
        self.manifests[series] = found = self._manifest(store, series)
        return found

    def _manifest(self, store: History, series: str) -> Series:
        from ..errors import InputError
        from ..store.manifest import MANIFEST, MAX_BYTES, loads_series

        path = store.series_dir(series) / MANIFEST
        try:
            data = path.read_bytes() if self.folder is not None and path.stat().st_size <= MAX_BYTES else None
        except OSError:
            data = None
        if data is None:  # no cache, or no manifest: the store's own answer or error
            return store.series(series)
        name = path.parent.name
        parts = [MANIFEST_FORMAT, manifest_fingerprint(), name, hashlib.sha256(data).hexdigest()]
        key = hashlib.sha256("\n".join(parts).encode()).hexdigest()
        found = self._read(key, "manifests")
        if found is not None:
            try:
                return _series_from(found, key, name)
            except (ValueError, TypeError, InputError):
                self.rejected.append(key)
        parsed = loads_series(data, path)
        versions = [[v.symbol, v.date, list(v.languages), v.note] for v in parsed.versions]
        entry = {"format": MANIFEST_FORMAT, "key": key, "series": parsed.name, "title": parsed.title}
        self._write(key, "manifests", {**entry, "versions": versions})
        return parsed

    def steps(
        self, old_bytes: bytes, new_bytes: bytes, options: str, compute: Callable[[], tuple[Step, ...]]
    ) -> tuple[Step, ...]:
        """The cached steps of a pair, or `compute()`'s, stored for next time."""
        key = self.key(old_bytes, new_bytes, options)
        found = self.get(key)
        if found is not None:
            self.hits += 1
            return found
        steps = compute()
        self.computed += 1
        self.put(key, steps)
        return steps
