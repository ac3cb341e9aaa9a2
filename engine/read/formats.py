"""What kind of file a reader is given, told from its first bytes (never from its name).

Kept apart from the readers so that telling costs nothing: a plain text never loads
python-docx or lxml, nor the PDF reader (and pdfminer and logging with it).
"""

from __future__ import annotations

import re
from typing import Literal

ZIP_MAGIC = b"PK\x03\x04"  # .docx, and also .odt, .xlsx, any ZIP archive
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 .doc, .xls, .msg ...

# How a Word file's tracked changes are read: all accepted, or all rejected.
Revisions = Literal["accept", "reject"]
REVISIONS: tuple[Revisions, ...] = ("accept", "reject")


PDF_MAGIC = b"%PDF-"


def is_pdf(data: bytes) -> bool:
    """A PDF file starts with `%PDF-` (whatever its name says)."""
    return data.startswith(PDF_MAGIC)


def looks_like_office(data: bytes) -> bool:
    """A ZIP archive or an old binary Office file: for the Word reader, not the text one."""
    return data.startswith((ZIP_MAGIC, OLE_MAGIC))


# A saved web page: a doctype or an <html>/<head>/<body> tag first, after any BOM and space.
_HTML = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)


def looks_like_html(data: bytes) -> bool:
    """A web page: its tags would be read as wording, so it is refused with what to do."""
    return bool(_HTML.match(data[:4096]))
