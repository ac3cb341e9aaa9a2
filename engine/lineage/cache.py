"""The on-disk cache of successive-pair alignments, so a second `blame` is instant.

A lineage is built from the diffs of each pair of successive versions; a diff of two long
texts takes tenths of a second, a series has tens of versions, and every `blame`,
`history --timeline` and `lineage` asks for the same pairs again. So each pair's changes
are kept as one JSON file, named by a key made of:

- the SHA-256 of both canonical files' bytes (an edited or re-imported text is a new key);
- the engine's fingerprint: the package version and a hash of the source of the aligner
  and the diff (`engine/align`, `engine/diff`), because during development the code that
  decides an alignment changes far more often than the version number;
- the comparison's options (threshold).

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
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from ..diff import CHANGE_KINDS, Diff
from ..store import atomic

CACHE_FORMAT = "resdiff.pair-cache/1"


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


def steps_of(diff: Diff) -> tuple[Step, ...]:
    """The provision changes of a diff (heading changes are not provisions)."""
    return tuple(
        Step(c.kind, c.old, c.new, c.moved, c.similarity, tuple(c.ops))
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
    if kind not in CHANGE_KINDS or kind == "heading" or not isinstance(moved, bool):
        raise ValueError("bad kind or moved")
    if not isinstance(similarity, int | float) or isinstance(similarity, bool) or not 0 <= similarity <= 1:
        raise ValueError("bad similarity")
    if not isinstance(ops, list):
        raise ValueError("bad ops")
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
    )


@lru_cache(maxsize=1)
def engine_fingerprint() -> str:
    """The package version and a hash of the aligner's and the diff's source files."""
    try:
        version = metadata.version("resdiff")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a bare checkout
        version = "unknown"
    digest = hashlib.sha256(version.encode())
    root = Path(__file__).resolve().parent.parent
    for folder in ("align", "diff"):
        for path in sorted((root / folder).glob("*.py")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return f"{version}+{digest.hexdigest()[:16]}"


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
    rejected: list[str] = field(default_factory=list)
    """Keys of entries that were there but unreadable or malformed (recomputed)."""

    def key(self, old_bytes: bytes, new_bytes: bytes, options: str) -> str:
        parts = [
            CACHE_FORMAT,
            engine_fingerprint(),
            options,
            hashlib.sha256(old_bytes).hexdigest(),
            hashlib.sha256(new_bytes).hexdigest(),
        ]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def path(self, key: str) -> Path | None:
        return None if self.folder is None else self.folder / "pairs" / key[:2] / f"{key}.json"

    def get(self, key: str) -> tuple[Step, ...] | None:
        path = self.path(key)
        if path is None:
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            self.rejected.append(key)
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
        path = self.path(key)
        if path is None:
            return
        data = {"format": CACHE_FORMAT, "key": key, "steps": [_step_dict(s) for s in steps]}
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        try:
            tmp = atomic.write_temp(path, text)
            try:
                os.replace(tmp, path)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
        except OSError:
            return  # a read-only or full cache: the answer is the same, only slower

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
