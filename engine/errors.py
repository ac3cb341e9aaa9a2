"""Exceptions the engine raises.

The engine never prints and never exits: it raises one of these, carrying *what* went
wrong and *where* (a path, a line), and the command line turns it into one `Error:` line
and exit status 2.
"""

from __future__ import annotations


class ResdiffError(Exception):
    """Base class: bad input or a refused operation, never a bug."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        return f"{where}{self.message}"


class InputError(ResdiffError):
    """A source file cannot be read or does not look like a resolution."""


class FormatError(ResdiffError):
    """A canonical file is malformed (front matter, ids, order)."""


class ModelError(ResdiffError):
    """A model breaks an invariant (duplicate or misordered ids, bad metadata)."""


class StoreError(ResdiffError):
    """The history store refused an operation (file exists, unknown symbol, ...)."""


class RefError(ResdiffError):
    """A version reference (symbol, path, git revision) cannot be resolved."""


class AmendmentError(ResdiffError):
    """An amendment cannot be applied or read: its target or words are not in the base, its
    words occur more than once, it overlaps another, or the list is malformed. `index` is
    the place (0-based) in its list of the amendment at fault, when one is."""

    def __init__(
        self, message: str, *, path: str | None = None, line: int | None = None, index: int | None = None
    ):
        super().__init__(message, path=path, line=line)
        self.index = index
