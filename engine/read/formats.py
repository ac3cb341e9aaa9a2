"""What kind of file a reader is given, told from its first bytes (never from its name).

Kept apart from the readers so that telling costs nothing: a plain text never loads
python-docx or lxml.
"""

from __future__ import annotations

from typing import Literal

ZIP_MAGIC = b"PK\x03\x04"  # .docx, and also .odt, .xlsx, any ZIP archive
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 .doc, .xls, .msg ...

# How a Word file's tracked changes are read: all accepted, or all rejected.
Revisions = Literal["accept", "reject"]
REVISIONS: tuple[Revisions, ...] = ("accept", "reject")


def looks_like_office(data: bytes) -> bool:
    """A ZIP archive or an old binary Office file: for the Word reader, not the text one."""
    return data.startswith((ZIP_MAGIC, OLE_MAGIC))
