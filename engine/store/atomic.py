"""Writing files so that a reader never sees half of one.

Every file the engine writes goes to a hidden temporary file in the same folder
(`.<name>.<random>.tmp`, which .gitignore covers) and is renamed into place (rename is
atomic within one file system); an existing file is replaced only when the caller says
so. The temporary file is created with mode 0666 less the umask, as any other tool's
files are (tempfile.mkstemp's 0600 would survive the rename).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..errors import StoreError
from ..lazyre import lazy

TMP_SUFFIX = ".tmp"


# `.<name>.<8 hex digits>.tmp`: precise, so that recovery never takes someone else's file.
_TEMPORARY = lazy(r"\.(?P<name>.+)\.[0-9a-f]{8}" + re.escape(TMP_SUFFIX))


def temporary_for(path: Path) -> str | None:
    """The name of the file a temporary file of ours stands for, or None if it is not one."""
    m = _TEMPORARY.fullmatch(path.name)
    return m["name"] if m else None


def is_temporary(path: Path) -> bool:
    return temporary_for(path) is not None


def write_temp(path: Path, text: str | bytes) -> Path:
    """Write `text` (UTF-8, LF line ends) or bytes to a new temporary file beside `path`,
    flushed to disk; return its path."""
    import secrets  # here: with hashlib and random, 4 ms of every command's start-up; only writes need it

    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}{TMP_SUFFIX}")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
            break
        except FileExistsError:  # pragma: no cover - 32 random bits met an old file
            continue
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def write_text(path: Path, text: str | bytes, *, force: bool = False) -> None:
    """Write a whole file atomically; refuse to replace one unless `force`."""
    if path.exists() and not force:
        raise StoreError("already exists (use --force to replace it)", path=str(path))
    tmp = write_temp(path, text)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
