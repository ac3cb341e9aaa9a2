"""Regular expressions compiled on first use.

A diff imports the reader, the aligner and the diff engine, whose modules hold some 150
patterns at module level: compiling them took 40-60 ms of a typical 0.25 s diff (a class of
Han ranges alone costs ~2 ms: `re` builds its bitmap in a Python loop over every code
point), and about 70 of them are never used on a given text (PDF furniture, OCR repairs,
another language's months or openers). `lazy(pattern, flags)` stands where
`re.compile(pattern, flags)` stood: it compiles on the first call and then binds the
compiled pattern's methods on itself, so every later call costs what a compiled pattern's
does. `re` has no lazy mode, and there is no library for it: the projects that need one
keep a small class of their own (bpython's `lazyre`, Django's `_lazy_re_compile`, GRIT's
`lazy_re`), which forward every call through `__getattr__`; this one steps aside after the
first call.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from functools import cached_property
from typing import Any

_METHODS = ("match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer")


class LazyPattern:
    """A str pattern and its flags, compiled by the first method called."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags_given = flags

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        found = re.compile(self.pattern, self.flags_given)
        for name in _METHODS:  # instance attributes shadow the methods below from now on
            setattr(self, name, getattr(found, name))
        return found

    @property
    def groupindex(self) -> Any:
        return self.compiled.groupindex

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled.sub(repl, string, count)

    def subn(
        self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0
    ) -> tuple[str, int]:
        return self.compiled.subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled.split(string, maxsplit)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled.findall(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, pos, endpos)


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)
