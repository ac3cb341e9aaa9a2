"""The canonical text format: one resolution in one language, as git should see it.

Layout (specified in docs/canonical-format.md):

    ---
    <YAML front matter: the metadata, keys in a fixed order, absent ones left out>
    ---
    body-line: The Human Rights Council,
    pp1: Reaffirming its commitment …,
    op1: Reaffirms …;[^1]
    op2 (3): a paragraph printed as 3 although it is the second
    op2.a: …

    [^1]: A/HRC/24/56.

One provision per line, so `git diff` is a diff of provisions. Footnote markers stand
inline as `[^marker]` at their offset; a literal backslash is written `\\\\` and a literal
`[^` as `\\[^`, so every text survives the trip. The writer is the definition of the form:
`dumps(loads(s)) == s` for every file `dumps` can produce, and `loads(dumps(m)) == m`.

A file is canonical, not a raw text, when its first line is `---` (`is_canonical`): every
command applies that one rule, so a file is never a raw text to one and a broken canonical
file to another. Texts hold no control character (no tab, carriage return, NUL or escape
sequence: what `show` prints must be safe on a terminal) and no white space at either end.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import fields
from pathlib import Path
from typing import Any

from ..controls import escape_controls
from ..errors import FormatError, InputError, ModelError
from ..languages import LANGUAGES
from ..lazyre import lazy
from ..model import (
    ID_RE,
    Footnote,
    FootnoteRef,
    Metadata,
    Provision,
    Resolution,
    default_number,
    first_bad_id,
    kind_of,
)

SCHEMA = "resdiff.document/1"
FENCE = "---"
BODY_LINE_KEY = "body-line"
MAX_FRONT_MATTER = 64 * 1024  # characters; a title is well under one kilobyte

# Front-matter keys in the order they are written: the identity first, provenance last.
META_KEYS: tuple[str, ...] = (
    "symbol",
    "language",
    "body",
    "session",
    "number",
    "title",
    "agenda_item",
    "adopted",
    "meeting",
    "vote",
    "series",
    "extent",
    "source",
)
assert set(META_KEYS) == {f.name for f in fields(Metadata)}

PROVISION_LINE = lazy(
    r"""
    ^(?P<id>[a-z0-9.]+)          # pp3, op16.a.i (checked against model.ID_RE below)
    (?:\ \((?P<number>[^()]*)\))? # printed number, only where it differs from the position
    :(?:\ (?P<text>.*))?$          # the text, one space after the colon
    """,
    re.VERBOSE,
)
FOOTNOTE_LINE = lazy(r"^\[\^(?P<marker>[^\s\[\]\\^]+)\]:(?: (?P<text>.*))?$")
INLINE_MARKER = lazy(r"\\(?P<escaped>[\\[])|\[\^(?P<marker>[^\s\[\]\\^]+)\]")
# What no canonical file holds: a control character other than the line feed, or white
# space at the end of a line.
_FORBIDDEN = lazy(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]|[^\S\n](?=\n|\Z)")
_CONTROL = lazy(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_FIRST_LINE = re.compile(rb"\A(?:\xef\xbb\xbf)?---[ \t\r]*(?:\n|\Z)")


def is_canonical(data: bytes) -> bool:
    """The one rule telling a canonical file from a raw text: its first line is `---`.

    A raw resolution text never opens with a `---` line, and a canonical file always does;
    trailing white space, CRLF or a byte-order mark do not make a damaged canonical file a
    raw text (`loads` then says what is wrong, on which line).
    """
    return _FIRST_LINE.match(data) is not None


# --- writing -------------------------------------------------------------------------


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("[^", "\\[^")


def _with_markers(p: Provision) -> str:
    out: list[str] = []
    at = 0
    for ref in p.footnotes:
        out.append(_escape(p.text[at : ref.offset]))
        out.append(f"[^{ref.marker}]")
        at = ref.offset
    out.append(_escape(p.text[at:]))
    return "".join(out)


def _line(key: str, value: str) -> str:
    return f"{key}: {value}" if value else f"{key}:"


def _front_matter(meta: Metadata) -> str:
    data: dict[str, Any] = {"schema": SCHEMA}
    for key in META_KEYS:
        value = getattr(meta, key)
        if value is not None:
            data[key] = value
    import yaml  # here: PyYAML's import costs ~8 ms that a diff of raw texts never needs

    return yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=False
    )


def _check_model(res: Resolution) -> None:
    """Refuse what `loads` would refuse: the writer only writes files that read back."""
    for key in META_KEYS:
        value = getattr(res.meta, key)
        if isinstance(value, str) and _CONTROL.search(value):
            raise ModelError(f"{key} holds a control character: {escape_controls(value)[:80]}")
    texts = [("body line", res.body_line or "")]
    texts += [(p.id, p.text) for p in res.provisions]
    texts += [(f"footnote {f.marker}", f.text) for f in res.footnotes]
    for where, text in texts:
        if _CONTROL.search(text):
            raise ModelError(f"{where}: text holds a control character: {escape_controls(text)[:80]}")
        if text != text.strip():
            raise ModelError(f"{where}: text has white space at one end")


def dumps(res: Resolution) -> str:
    """The canonical text of a resolution (always ends with a newline)."""
    _check_model(res)
    lines = [FENCE, _front_matter(res.meta).rstrip("\n"), FENCE]
    if res.body_line is not None:
        lines.append(_line(BODY_LINE_KEY, _escape(res.body_line)))
    for p in res.provisions:
        key = p.id if p.number == default_number(p.id) else f"{p.id} ({p.number})"
        lines.append(_line(key, _with_markers(p)))
    if res.footnotes:
        lines.append("")
        lines.extend(_line(f"[^{f.marker}]", _escape(f.text)) for f in res.footnotes)
    return "\n".join(lines) + "\n"


# --- reading -------------------------------------------------------------------------


def _unescape_and_markers(raw: str) -> tuple[str, tuple[FootnoteRef, ...]]:
    """Take `[^n]` markers out of a written text, undoing the escapes."""
    out: list[str] = []
    refs: list[FootnoteRef] = []
    length = 0
    at = 0
    for m in INLINE_MARKER.finditer(raw):
        chunk = raw[at : m.start()]
        out.append(chunk)
        length += len(chunk)
        if m["escaped"]:
            out.append(m["escaped"])
            length += 1
        else:
            refs.append(FootnoteRef(m["marker"], length))
        at = m.end()
    out.append(raw[at:])
    return "".join(out), tuple(refs)


def _meta(data: object, path: str | None) -> Metadata:
    if not isinstance(data, dict):
        raise FormatError("front matter is not a mapping of keys to values", path=path, line=2)
    data = dict(data)
    schema = data.pop("schema", None)
    if schema != SCHEMA:
        raise FormatError(f"front matter must declare schema: {SCHEMA} (found {schema!r})", path=path, line=2)
    unknown = sorted(str(k) for k in data if k not in META_KEYS)
    if unknown:
        raise FormatError(f"unknown front matter key {unknown[0]!r}", path=path, line=2)
    for key, value in list(data.items()):
        if isinstance(value, _dt.date):  # a hand-typed unquoted date
            data[key] = value.isoformat()
    if data.get("language") not in LANGUAGES:
        raise FormatError(f"language must be one of {', '.join(LANGUAGES)}", path=path, line=2)
    if data.get("extent", "full") not in ("full", "excerpt"):
        raise FormatError("extent must be full or excerpt", path=path, line=2)
    if "meeting" in data and not isinstance(data["meeting"], int):
        raise FormatError("meeting must be a whole number", path=path, line=2)
    for key, value in data.items():
        if key != "meeting" and not isinstance(value, str):
            raise FormatError(f"{key} must be text (quote it)", path=path, line=2)
        if isinstance(value, str) and _CONTROL.search(value):
            raise FormatError(f"{key} holds a control character: the format forbids them", path=path, line=2)
    return Metadata(**data)


def _check_characters(text: str, path: str | None) -> None:
    if text.startswith("\ufeff"):
        raise FormatError(
            "starts with a byte-order mark: canonical files are UTF-8 without one", path=path, line=1
        )
    m = _FORBIDDEN.search(text)
    if m is None:
        return
    line = text.count("\n", 0, m.start()) + 1
    char = m[0]
    if char == "\r":
        what = "a carriage return (CRLF line ends?): canonical files end lines with LF alone"
    elif _CONTROL.match(char):
        what = f"a control character ({escape_controls(char)}): the format forbids them"
    else:
        what = "white space at the end of the line"
    raise FormatError(what, path=path, line=line)


def _text(raw: str | None, path: str | None, lineno: int) -> str:
    """The text after `key: `; one space separates them, and the text has no white space at
    either end (its end is checked with every line's)."""
    if raw and raw[0].isspace():
        raise FormatError(
            "white space at the start of the text (one space follows the colon)", path=path, line=lineno
        )
    return raw or ""


def from_bytes(data: bytes, path: str | None = None) -> Resolution:
    """Parse a canonical file's bytes (UTF-8 without a byte-order mark)."""
    return loads(decode(data, path), path)


def decode(data: bytes, path: str | None = None) -> str:
    """A canonical file's text; one that is not UTF-8 is refused, naming line and byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise InputError(
            f"not valid UTF-8 at byte {err.start}: a canonical file is UTF-8", path=path, line=line
        ) from None


def read_file(path: str | Path) -> str:
    """The text of a canonical file on disk, under the size cap every input shares."""
    from ..read.decode import read_limited  # the reader's file access, not the reader

    return decode(read_limited(path), str(path))


def load_path(path: str | Path) -> Resolution:
    """Read and parse a canonical file on disk."""
    return loads(read_file(path), str(path))


def loads(text: str, path: str | None = None) -> Resolution:
    """Parse a canonical file; a malformed one raises FormatError with `path:line`."""
    _check_characters(text, path)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0] != FENCE:
        raise FormatError("a canonical file starts with a '---' line", path=path, line=1)
    try:
        close = lines.index(FENCE, 1)
    except ValueError:
        raise FormatError("front matter is not closed by a '---' line", path=path, line=1) from None
    front = "\n".join(lines[1:close])
    if len(front) > MAX_FRONT_MATTER:
        # Its 14 keys fit in a few kilobytes; PyYAML would take half a minute on megabytes.
        raise FormatError(f"front matter is longer than {MAX_FRONT_MATTER} characters", path=path, line=2)
    import yaml  # here: PyYAML's import costs ~8 ms that a diff of raw texts never needs

    try:
        data = yaml.safe_load(front)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = 2 + mark.line if mark is not None else 2
        raise FormatError(
            f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}", path=path, line=line
        ) from None
    except RecursionError:  # PyYAML recurses once per level of `[[[…` nesting
        raise FormatError(
            "front matter is nested too deeply (it holds flat key: value lines)", path=path, line=2
        ) from None
    meta = _meta(data, path)

    body_line: str | None = None
    provisions: list[Provision] = []
    footnotes: list[Footnote] = []
    seen: dict[str, int] = {}
    for lineno, raw in enumerate(lines[close + 1 :], start=close + 2):
        if not raw.strip():
            continue
        if fm := FOOTNOTE_LINE.match(raw):
            marker = fm["marker"]
            if marker in seen:
                raise FormatError(
                    f"footnote [^{marker}] is defined twice (first on line {seen[marker]})",
                    path=path,
                    line=lineno,
                )
            seen[marker] = lineno
            footnotes.append(Footnote(marker, _unescape_and_markers(_text(fm["text"], path, lineno))[0]))
            continue
        if footnotes:
            raise FormatError("only footnotes may follow the footnotes", path=path, line=lineno)
        if raw == f"{BODY_LINE_KEY}:" or raw.startswith(f"{BODY_LINE_KEY}: "):
            if provisions or body_line is not None:
                raise FormatError(
                    "the body line comes once, before the first provision", path=path, line=lineno
                )
            body_line = _unescape_and_markers(_text(raw[len(BODY_LINE_KEY) + 2 :], path, lineno))[0]
            continue
        m = PROVISION_LINE.match(raw)
        if m is None:
            raise FormatError("expected 'id: text' (for example 'op3: Decides …')", path=path, line=lineno)
        pid = m["id"]
        body, refs = _unescape_and_markers(_text(m["text"], path, lineno))
        if not ID_RE.match(pid):
            raise FormatError(
                f"unknown id {pid!r} (ids look like pp3, op16, op16.a.i)", path=path, line=lineno
            )
        if pid in seen:
            raise FormatError(f"duplicate id {pid} (first on line {seen[pid]})", path=path, line=lineno)
        seen[pid] = lineno
        try:
            number = m["number"] if m["number"] is not None else default_number(pid)
            provisions.append(Provision(pid, kind_of(pid), body, number, refs, line=lineno))
        except ModelError as exc:
            raise FormatError(str(exc), path=path, line=lineno) from None
    # Checked once for the whole file (not per line: that was quadratic), naming the line.
    bad = first_bad_id([p.id for p in provisions])
    if bad is not None:
        raise FormatError(f"provision {bad[0] + 1}: {bad[1]}", path=path, line=provisions[bad[0]].line)
    return Resolution(meta, tuple(provisions), tuple(footnotes), body_line)
