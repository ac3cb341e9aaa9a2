"""Bytes to text.

UN texts reach us as UTF-8 (with or without a BOM), UTF-16 from Word exports, or GB18030
from Chinese Windows machines. The same text must parse identically whatever the
encoding, so every path ends in the same `str`; anything that is not text is refused
here, before any parsing, with an `InputError` that says why.

A text that is *almost* UTF-8 (cut inside a character, or with a pasted Latin-1 word) is
decoded as UTF-8 with the damaged bytes replaced by U+FFFD and a `decode-replaced`
diagnostic naming each place: guessing another code page for the whole file would turn
every `’` into `ŌĆÖ` and make a diff report rewordings that are only decoding. What tells
the two apart is the share of the non-ASCII bytes that form valid UTF-8 sequences: all of
them in UTF-8, a few damaged ones aside; about a third in a GB18030 Chinese text (its byte
pairs form UTF-8 sequences only by chance); none in a single-byte code page such as
cp1252, which is then the one case where the encoding is guessed (with a diagnostic).

Control characters and terminal escape sequences are removed here too, with a
`control-removed` diagnostic (see `engine.controls`).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..controls import remove_controls
from ..diagnostics import Diagnostic, diag
from ..errors import InputError

MAX_BYTES = 10 * 1024 * 1024  # a resolution is tens of kilobytes; 10 MB is not one
MAX_REPORTED = 5  # places named one by one in diagnostics; the rest are counted

# Encodings whose detection we trust only as "some Chinese encoding": GB18030 is the
# superset of all of them, so decoding with it never loses a character they could hold.
_CHINESE_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "big5", "big5hkscs", "cp936", "cp950"}

# A well-formed UTF-8 multibyte sequence (RFC 3629: no overlongs, no surrogates).
_UTF8_MULTIBYTE = (
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_UTF8_RUN = re.compile(rb"(?:[\x00-\x7f]+|" + _UTF8_MULTIBYTE + rb")+")
_UTF8_SEQUENCE = re.compile(_UTF8_MULTIBYTE)
_NON_ASCII = re.compile(rb"[\x80-\xff]")
# At least this share of the non-ASCII bytes in valid UTF-8 sequences: UTF-8 with damage,
# whatever a detector says. GB18030 Chinese texts of the corpus score 0.28-0.36.
UTF8_SHARE = 0.9


@dataclass(frozen=True)
class Decoded:
    """A decoded text (line feeds only) and what decoding found odd about it."""

    text: str
    diagnostics: tuple[Diagnostic, ...] = ()


def read_limited(path: str | Path) -> bytes:
    """A file's bytes, refused before reading when over the size cap every input shares.

    The cap is checked on the size the file system reports and again on what is read, so
    that a device or a file that grows (`/dev/zero`) cannot make us read forever.
    """
    source = str(path)
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError("is a directory, not a file", path=source)
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(_too_large(size), path=source)
        with p.open("rb") as handle:
            return read_stream(handle, source)
    except FileNotFoundError:
        raise InputError("no such file", path=source) from None
    except PermissionError:
        raise InputError("permission denied", path=source) from None
    except OSError as err:
        raise InputError(f"cannot read file: {err.strerror or err}", path=source) from None


def read_stream(handle: BinaryIO, source: str) -> bytes:
    """An open stream's bytes (standard input: a draft pasted or piped), under the same cap
    as a file: a stream has no size to check first, so at most the cap and one byte are read
    and more is refused."""
    data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(_too_large(len(data)), path=source)
    return data


def _too_large(size: int) -> str:
    return f"file is larger than 10 MB ({size} bytes): not a resolution"


def decode_bytes(data: bytes, *, path: str | None = None) -> str:
    """The text alone (see `decode`)."""
    return decode(data, path=path).text


def decode(data: bytes, *, path: str | None = None) -> Decoded:
    """Decode `data`; raise InputError if it is empty, too large, binary or undecodable."""
    if len(data) > MAX_BYTES:
        raise InputError(_too_large(len(data)), path=path)
    if not data.strip():
        raise InputError("file is empty", path=path)
    text, diagnostics = _decode(data, path)
    if "\x00" in text or _control_ratio(text) > 0.01:
        raise InputError("file looks binary (NUL or control characters), not text", path=path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, removals = remove_controls(text)
    for removal in removals[:MAX_REPORTED]:
        diagnostics.append(
            diag("control-removed", f"control characters removed: {removal.removed!r}", removal.line)
        )
    if len(removals) > MAX_REPORTED:
        more = len(removals) - MAX_REPORTED
        diagnostics.append(diag("control-removed", f"control characters removed on {more} more line(s)"))
    if not text.strip():
        raise InputError("file is empty", path=path)
    return Decoded(text, tuple(diagnostics))


def _decode(data: bytes, path: str | None) -> tuple[str, list[Diagnostic]]:
    # A byte-order mark says what the file is; trust it before any guessing.
    if data.startswith(codecs.BOM_UTF8):
        return _utf8(data[len(codecs.BOM_UTF8) :], offset=len(codecs.BOM_UTF8))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _utf16(data)
    if b"\x00" in data:
        raise InputError("file looks binary (NUL bytes) and has no UTF-16 byte-order mark", path=path)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    valid = sum(len(m[0]) for m in _UTF8_SEQUENCE.finditer(data))
    if valid >= UTF8_SHARE * len(_NON_ASCII.findall(data)):
        return _utf8(data)
    # Imported here: charset-normalizer's import costs ~10 ms, and UTF-8 input never needs it.
    from charset_normalizer import from_bytes

    try:
        best = from_bytes(data).best()
    except Exception:  # charset-normalizer may fail on odd input; that is "undecodable"
        best = None
    encoding = best.encoding.lower().replace("-", "").replace("_", "") if best is not None else ""
    if encoding in {e.replace("-", "") for e in _CHINESE_FAMILY}:
        # GB18030 decodes any byte string that a Chinese encoding produced.
        try:
            return data.decode("gb18030"), []
        except UnicodeDecodeError:
            pass
    if valid:
        # Some of it is UTF-8 and it is no Chinese text: mixed encodings. Keep what is
        # UTF-8 and mark the rest, rather than misread the UTF-8 part as a code page.
        return _utf8(data)
    if best is None:
        raise InputError("cannot tell the text encoding (not UTF-8, UTF-16 or GB18030)", path=path)
    # No UTF-8 sequence at all: a single-byte code page (cp1252 ...), the one real guess.
    return str(best), [
        diag("decode-guessed", f"not UTF-8: decoded as {best.encoding} (a guess; check accented letters)")
    ]


def _utf8(data: bytes, *, offset: int = 0) -> tuple[str, list[Diagnostic]]:
    """UTF-8 with every invalid byte run replaced by U+FFFD, each place named (line, byte)."""
    parts: list[str] = []
    damaged: list[tuple[int, bytes]] = []
    at = 0
    for m in _UTF8_RUN.finditer(data):
        if m.start() > at:
            damaged.append((at, data[at : m.start()]))
            parts.append("\ufffd")
        parts.append(m[0].decode("utf-8"))
        at = m.end()
    if at < len(data):
        damaged.append((at, data[at:]))
        parts.append("\ufffd")
    diagnostics = [
        diag(
            "decode-replaced",
            f"bytes {bad[:8]!r} at byte {offset + start} are not valid UTF-8: replaced with U+FFFD",
            _line_at(data, start),
        )
        for start, bad in damaged[:MAX_REPORTED]
    ]
    if len(damaged) > MAX_REPORTED:
        diagnostics.append(
            diag("decode-replaced", f"{len(damaged) - MAX_REPORTED} more run(s) of invalid UTF-8 replaced")
        )
    return "".join(parts), diagnostics


def _utf16(data: bytes) -> tuple[str, list[Diagnostic]]:
    try:
        return data.decode("utf-16"), []
    except UnicodeDecodeError as err:
        line = data[: err.start].decode("utf-16", errors="replace").count("\n") + 1
        message = f"bytes at byte {err.start} are not valid UTF-16: replaced with U+FFFD (and any later ones)"
        return data.decode("utf-16", errors="replace"), [diag("decode-replaced", message, line)]


def _line_at(data: bytes, offset: int) -> int:
    """The 1-based line of a byte offset, counting CRLF, CR and LF as one line end each."""
    crlf = data.count(b"\r\n", 0, offset)
    return 1 + data.count(b"\n", 0, offset) + data.count(b"\r", 0, offset) - crlf


def _control_ratio(text: str) -> float:
    """Share of C0 control characters other than tab and line breaks (binary junk).

    ESC and BEL are left out: terminal escape sequences are text with colours or a title
    in it (removed with a diagnostic), not a sign of a binary file.
    """
    sample = text[:20000]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v\x1b\x07")
    return bad / max(1, len(sample))
