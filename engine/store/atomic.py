"""Writing files so that a reader never sees half of one.

Every file the engine writes goes to a temporary file in the same folder and is renamed
into place (rename is atomic within one file system); an existing file is replaced only
when the caller says so.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import StoreError


def write_text(path: Path, text: str, *, force: bool = False) -> None:
    if path.exists() and not force:
        raise StoreError("already exists (use --force to replace it)", path=str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
