"""The importer's reading half: raw resolution text -> `engine.model.Resolution`.

    read_bytes(data, lang="auto", source=None, revisions="accept")
    read_path(path, lang="auto", revisions="accept")
    read_limited(path)          # a file's bytes under the 10 MB cap every input shares

The content decides how bytes are read, not the file name: a PDF (`%PDF-`) goes through
`pdf.read_pdf` (its text layer, then the text reader), a Word .docx through `docx.py` (the
text Word shows), a saved web page is refused with what to do; anything else is decoded as
text. The first two raise `engine.errors.InputError` for input that is not a resolution
text (empty, binary, undecodable, over 10 MB, no paragraph, a PDF without text, an Office
file other than .docx); they never print and never exit. What the reader repaired or
doubted is in `Resolution.warnings`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from .decode import MAX_BYTES, decode, read_limited
from .formats import REVISIONS, Revisions, is_pdf, looks_like_html, looks_like_office

if TYPE_CHECKING:
    from ..model import Resolution
    from .reader import read_text

__all__ = ["MAX_BYTES", "REVISIONS", "Revisions", "read_bytes", "read_limited", "read_path", "read_text"]


def read_bytes(
    data: bytes, *, lang: str = "auto", source: str | None = None, revisions: Revisions = "accept"
) -> Resolution:
    """Read a resolution from raw bytes: text in UTF-8, UTF-8 with BOM, UTF-16 or GB18030,
    a PDF, or a Word .docx (told by their content, not their name; `revisions` applies to a
    .docx)."""
    if is_pdf(data):
        from .pdf import read_pdf  # the PDF reader loads only for a PDF

        return read_pdf(data, lang=lang, source=source)
    if looks_like_office(data):
        from .docx import read_docx  # python-docx and lxml load only for a Word file

        return read_docx(data, lang=lang, source=source, revisions=revisions)
    if looks_like_html(data):
        raise InputError(
            "this is a web page (HTML), not a resolution's text: save it from the browser as "
            "plain text (or copy the text into a .txt file) and read that",
            path=source,
        )
    from .reader import read_text

    decoded = decode(data, path=source)
    return read_text(decoded.text, lang=lang, source=source, diagnostics=decoded.diagnostics)


def __getattr__(name: str) -> object:
    """`read_text` loads with the reader, on first use: this package is also where the file
    access (`read_limited`, `MAX_BYTES`) and `REVISIONS` live, which commands that read no raw
    text (a cached `blame`, `show`, `--help`) import, and the reader is a third of a small
    diff's start-up."""
    if name == "read_text":
        from .reader import read_text

        return read_text
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def read_path(path: str | Path, *, lang: str = "auto", revisions: Revisions = "accept") -> Resolution:
    """Read a resolution file; the size is checked before the file is read."""
    return read_bytes(read_limited(path), lang=lang, source=str(path), revisions=revisions)
