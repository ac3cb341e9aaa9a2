"""The importer's reading half: raw resolution text -> `engine.model.Resolution`.

    read_bytes(data, lang="auto", source=None)
    read_path(path, lang="auto")
    read_limited(path)          # a file's bytes under the 10 MB cap every input shares

The first two raise `engine.errors.InputError` for input that is not a resolution text (empty,
binary, undecodable, over 10 MB, no paragraph); they never print and never exit. What
the reader repaired or doubted is in `Resolution.warnings`.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Resolution
from .decode import MAX_BYTES, decode, read_limited
from .reader import read_text

__all__ = ["MAX_BYTES", "read_bytes", "read_limited", "read_path", "read_text"]


def read_bytes(data: bytes, *, lang: str = "auto", source: str | None = None) -> Resolution:
    """Read a resolution from raw bytes in UTF-8, UTF-8 with BOM, UTF-16 or GB18030."""
    decoded = decode(data, path=source)
    return read_text(decoded.text, lang=lang, source=source, diagnostics=decoded.diagnostics)


def read_path(path: str | Path, *, lang: str = "auto") -> Resolution:
    """Read a resolution file; the size is checked before the file is read."""
    return read_bytes(read_limited(path), lang=lang, source=str(path))
