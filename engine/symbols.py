"""UN document symbols: one parser, one writer.

A symbol names a document by its issuing organ, its kind and its place in a session
(see shared/UN-RESOLUTIONS.md, "Symbols"):

    A/RES/68/160           General Assembly resolution 160 of the 68th session
    A/HRC/RES/25/3         Human Rights Council resolution 3 of the 25th session
    A/HRC/DEC/22/116       Human Rights Council decision
    A/C.3/66/L.32/Rev.1    Third Committee draft (L = limited distribution), first revision
    A/HRC/25/L.5           Council draft
    E/CN.4/RES/2000/70     former Commission on Human Rights (session = year)
    A/C.3/68/L.57*         reissued document (the star is printed after the symbol)

Symbols contain `/`, which cannot stand in a file name, so the store uses a *slug*: the
symbol with `/` replaced by `-` (`A/C.3/78/L.41` -> `A-C.3-78-L.41`), as the corpus does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import InputError
from .lazyre import lazy

# Organs of the symbols the engine meets; the rest are kept but not named.
_BODIES = {
    ("A", "RES"): "GA",
    ("A", "DEC"): "GA",
    ("A/HRC", "RES"): "HRC",
    ("A/HRC", "DEC"): "HRC",
    ("E/CN.4", "RES"): "CHR",
    ("E/CN.4", "DEC"): "CHR",
    ("A/HRC", "L"): "HRC-draft",
    ("A/C.3", "L"): "GA-C3-draft",
    ("A", "L"): "GA-draft",
}

SYMBOL_RE = lazy(
    r"""
    ^\s*
    (?P<organ>                        # issuing organ: A, A/HRC, A/C.3, E/CN.4, A/CONF.157
        [A-Z]+
        (?:/(?!RES/|DEC/)[A-Z]+(?:\.\d+)?)*
    )
    /
    (?:(?P<kind>RES|DEC)/)?           # adopted texts: resolution or decision
    (?P<session>\d+|E?S-\d+)          # 68, 2000 (CHR years), S-35 special, ES-10 emergency
    /
    (?:
        L\.(?P<draft>\d+)             # L = limited distribution: a draft
      | (?P<number>\d+)               # resolution, decision or report number
    )
    (?P<suffixes>(?:/(?:Rev|Add|Corr|Amend)\.\d+)*)   # revisions, addenda, corrigenda
    (?P<reissue>\*)?                  # reissued for technical reasons
    \s*$
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Suffix words as the UN capitalises them.
_SUFFIX_WORDS = {w.lower(): w for w in ("Rev", "Add", "Corr", "Amend")}


class SymbolError(InputError, ValueError):
    """A string is not a UN document symbol the engine understands."""


@dataclass(frozen=True)
class Symbol:
    """A parsed symbol; `str()` gives it back in the UN's spelling."""

    organ: str  # "A", "A/HRC", "A/C.3", "E/CN.4"
    session: str  # "68", "2000", "S-35"
    number: str  # "160", or the draft number "32" of L.32
    kind: str | None = None  # "RES", "DEC", "L" (draft) or None (report, note...)
    suffixes: tuple[str, ...] = ()  # ("Rev.1",)
    reissue: bool = False

    def __str__(self) -> str:
        parts = [self.organ]
        if self.kind in ("RES", "DEC"):
            parts.append(self.kind)
        parts.append(self.session)
        parts.append(f"L.{self.number}" if self.kind == "L" else self.number)
        parts.extend(self.suffixes)
        return "/".join(parts) + ("*" if self.reissue else "")

    @property
    def is_draft(self) -> bool:
        return self.kind == "L"

    @property
    def body(self) -> str | None:
        """The manifest's body code (GA, HRC, CHR, GA-C3-draft, HRC-draft) or None."""
        return _BODIES.get((self.organ, self.kind or ""))

    @property
    def resolution_number(self) -> str | None:
        """How an adopted text is cited: "25/3" for A/HRC/RES/25/3; None for drafts."""
        if self.kind in ("RES", "DEC"):
            return f"{self.session}/{self.number}"
        return None

    def slug(self) -> str:
        """File-name form: `/` becomes `-`; the reissue star is dropped (same document)."""
        return str(Symbol(self.organ, self.session, self.number, self.kind, self.suffixes)).replace("/", "-")


def parse_symbol(text: str) -> Symbol:
    """Parse a symbol such as `A/HRC/RES/25/3`; raise SymbolError if it is not one."""
    m = SYMBOL_RE.match(text)
    if not m:
        raise SymbolError(f"not a UN document symbol: {text!r}")
    kind = m["kind"].upper() if m["kind"] else ("L" if m["draft"] else None)
    suffixes = tuple(
        f"{_SUFFIX_WORDS[word.lower()]}.{n}"
        for word, n in (s.split(".") for s in m["suffixes"].split("/") if s)
    )
    return Symbol(
        organ=m["organ"].upper(),
        session=m["session"].upper(),
        number=m["draft"] or m["number"],
        kind=kind,
        suffixes=suffixes,
        reissue=bool(m["reissue"]),
    )


def from_slug(slug: str) -> Symbol:
    """Inverse of `Symbol.slug()`.

    `-` also occurs inside special-session numbers (`A/RES/S-27/2` -> `A-RES-S-27-2`), so an
    `S` or `ES` piece followed by digits is glued back to them; the first piece is always
    the organ's root (`S` there would be the Security Council, not a special session).
    """
    pieces = slug.strip().split("-")
    parts: list[str] = pieces[:1]
    i = 1
    while i < len(pieces):
        piece = pieces[i]
        if piece.upper() in ("S", "ES") and i + 1 < len(pieces) and pieces[i + 1].isdigit():
            parts.append(f"{piece}-{pieces[i + 1]}")
            i += 2
        else:
            parts.append(piece)
            i += 1
    return parse_symbol("/".join(parts))


# Drafts whose symbol is not printed in the text we hold are stored under a placeholder:
# the slug of the organ and session with `L.UNKNOWN` for the draft number
# (`A-C.3-62-L.UNKNOWN`, as the corpus names them). It is the only name the store accepts
# that the parser does not read, and it is checked as strictly: with the number put back,
# it must be a draft's slug.
PLACEHOLDER_NUMBER = "L.UNKNOWN"


def is_placeholder(text: str) -> bool:
    """True for a placeholder name such as `A-C.3-62-L.UNKNOWN`."""
    if not text.isascii() or "/" in text or not text.endswith("-" + PLACEHOLDER_NUMBER):
        return False
    try:
        symbol = from_slug(text[: -len(PLACEHOLDER_NUMBER)] + "L.0")
    except SymbolError:
        return False
    return symbol.is_draft and symbol.slug() == text[: -len(PLACEHOLDER_NUMBER)] + "L.0"


def store_symbol(text: str) -> str:
    """The spelling under which a symbol is stored, or SymbolError.

    The store names files and manifest entries after symbols, so a name must be one the
    parser reads (or a placeholder): nothing around it (a space or line break there made a
    second manifest entry for the same file, a newline forged manifest lines), and one
    spelling per document: the UN's capitalisation, without the reissue star (a reissued
    document is the same document, as its slug says).
    """
    if text != text.strip() or not text.isprintable() or not text.isascii():
        raise SymbolError(
            f"not a UN document symbol: {text!r} "
            "(a space, line break, control or non-ASCII character around or in it)"
        )
    if is_placeholder(text):
        return text
    symbol = parse_symbol(text)
    return str(Symbol(symbol.organ, symbol.session, symbol.number, symbol.kind, symbol.suffixes))


def slug_of(text: str) -> str:
    """File-name form of a name that `store_symbol` accepts (SymbolError for others)."""
    if is_placeholder(text):
        return text
    return parse_symbol(text).slug()
