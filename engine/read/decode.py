"""Bytes to text.

UN texts reach us as UTF-8 (with or without a BOM), UTF-16 from Word exports, or GB18030
from Chinese Windows machines. The same text must parse identically whatever the
encoding, so every path ends in the same `str`; anything that is not text is refused
here, before any parsing, with an `InputError` that says why.
"""

from __future__ import annotations

import codecs

from ..errors import InputError

MAX_BYTES = 10 * 1024 * 1024  # a resolution is tens of kilobytes; 10 MB is not one

# Encodings whose detection we trust only as "some Chinese encoding": GB18030 is the
# superset of all of them, so decoding with it never loses a character they could hold.
_CHINESE_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "big5", "big5hkscs", "cp936", "cp950"}


def decode_bytes(data: bytes, *, path: str | None = None) -> str:
    """Decode `data`; raise InputError if it is empty, too large, binary or undecodable."""
    if len(data) > MAX_BYTES:
        raise InputError(f"file is larger than 10 MB ({len(data)} bytes): not a resolution", path=path)
    if not data.strip():
        raise InputError("file is empty", path=path)
    text = _decode(data, path)
    if "\x00" in text or _control_ratio(text) > 0.01:
        raise InputError("file looks binary (NUL or control characters), not text", path=path)
    if not text.strip():
        raise InputError("file is empty", path=path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, path: str | None) -> str:
    # A byte-order mark says what the file is; trust it before any guessing.
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path)
    if b"\x00" in data:
        raise InputError("file looks binary (NUL bytes) and has no UTF-16 byte-order mark", path=path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Imported here: charset-normalizer's import costs ~10 ms, and UTF-8 input never needs it.
    from charset_normalizer import from_bytes

    try:
        # GB18030 decodes any byte string that a Chinese encoding produced; try it first
        # when the bytes are valid in it and charset-normalizer agrees it is Chinese.
        best = from_bytes(data).best()
    except Exception:  # charset-normalizer may fail on odd input; that is "undecodable"
        best = None
    if best is None:
        raise InputError("cannot tell the text encoding (not UTF-8, UTF-16 or GB18030)", path=path)
    encoding = best.encoding.lower().replace("-", "").replace("_", "")
    if encoding in {e.replace("-", "") for e in _CHINESE_FAMILY}:
        return _strict(data, "gb18030", path)
    return str(best)


def _strict(data: bytes, encoding: str, path: str | None) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(f"not valid {encoding} at byte {err.start}", path=path) from None


def _control_ratio(text: str) -> float:
    """Share of C0 control characters other than tab and line breaks (binary junk)."""
    sample = text[:20000]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return bad / max(1, len(sample))
