"""The names the store turns into paths, checked before any path is made of them.

A series name, a symbol or a date comes from the command line or from a manifest that
anyone can edit; each becomes part of a file name or of the manifest. So a series name is
a lower-case slug, a symbol is what the one symbol parser reads (`engine.symbols`), a date
is ISO, and every path is resolved and checked to lie inside the history root before
anything is written there (a symlinked folder cannot lead out either).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError, StoreError
from ..lazyre import lazy
from ..symbols import SymbolError, store_symbol

SERIES_RE = lazy(r"[a-z0-9]+(?:-[a-z0-9]+)*")
DATE_RE = lazy(r"\d{4}(?:-\d{2}-\d{2})?")


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """` (did you mean x?)` for the closest known names, or nothing."""
    import difflib  # here: only a name not found needs it, and every command loads this module

    known = sorted(set(known))
    folded = {k.lower(): k for k in known}
    close = difflib.get_close_matches(word.lower().replace("_", "-"), list(folded), n=3, cutoff=0.6)
    if not close:
        return ""
    return f" (did you mean {' or '.join(folded[c] for c in close)}?)"


def check_series(name: str, known: Iterable[str] = ()) -> str:
    """A series name as given, or InputError: lower-case letters and digits joined by hyphens."""
    if not SERIES_RE.fullmatch(name):
        raise InputError(
            f"{name!r} is not a series name: lower-case letters and digits joined by hyphens, "
            f"like intl-cooperation-hr{did_you_mean(name, known)}"
        )
    return name


def check_symbol(text: str, known: Iterable[str] = ()) -> str:
    """A symbol in its stored spelling, or SymbolError with the closest known ones."""
    try:
        return store_symbol(text)
    except SymbolError as exc:
        raise SymbolError(f"{exc}{did_you_mean(text.strip(), known)}") from None


def check_date(text: str) -> str:
    """An ISO date (2014-03-27) or a bare year (2014), or InputError.

    Dates order a series as text, so `5/11/2024` would sort after `2024-11-05`: refused.
    """
    if DATE_RE.fullmatch(text):
        try:
            if len(text) > 4:
                _dt.date.fromisoformat(text)
            return text
        except ValueError:
            pass
    raise InputError(f"date {text!r} is neither an ISO date (2014-03-27) nor a year (2014)")


def inside(root: Path, *parts: str, base: Path | None = None) -> Path:
    """`root/parts...`, refused unless it resolves to a place inside `root` (`base`: the
    root already resolved)."""
    path = root.joinpath(*parts)
    base = base or root.resolve()
    resolved = path.resolve()
    if resolved == base or not resolved.is_relative_to(base):
        raise StoreError(f"{'/'.join(parts)!r} would lie outside the history folder", path=str(root))
    return path
