"""Naming a version: a file, a stored symbol, or a git revision.

`resdiff diff OLD NEW` takes each side as any of:

- a path to a raw text (PDF-extracted or typed) or to a canonical file;
- a symbol stored in the history (`A/HRC/RES/25/3`, with a language where needed);
- `REV:path`, a file as it was in a git revision (`HEAD~1:history/…/A-HRC-RES-25-3.md`),
  read through gitpython from the repository around the working directory, so that a
  version can be compared with its own past without checking anything out.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .errors import RefError, StoreError
from .read import MAX_BYTES, Revisions, read_bytes, read_limited
from .store.history import History
from .store.names import did_you_mean
from .symbols import SymbolError, store_symbol

if TYPE_CHECKING:
    from .model import Resolution


def from_bytes(data: bytes, *, name: str, lang: str, revisions: Revisions = "accept") -> Resolution:
    """A canonical file or a raw text, told apart by the one rule (`canonical.is_canonical`);
    a Word file's tracked changes are read as `revisions` says."""
    from .store import canonical  # the model loads with the first text read

    if canonical.is_canonical(data):
        return canonical.from_bytes(data, name)
    return read_bytes(data, lang=lang, source=name, revisions=revisions)


def read_file(
    path: Path, *, lang: str = "auto", name: str | None = None, revisions: Revisions = "accept"
) -> Resolution:
    """Any input file, canonical or raw, under the size cap every input shares."""
    return from_bytes(read_limited(path), name=name or str(path), lang=lang, revisions=revisions)


def _from_git(ref: str, lang: str, cwd: Path, revisions: Revisions) -> Resolution | None:
    """`REV:path` as git itself resolves it, or None when REV names no revision.

    Git does the resolving (`git rev-parse` through gitpython, run in the working
    directory), so every revision form git knows works (`HEAD@{1}`, `main@{2.days.ago}`)
    and paths follow git's rule: `REV:path` is relative to the top of the repository,
    `REV:./path` and `REV:../path` to the working directory.
    """
    rev, _, path = ref.partition(":")
    if not rev or not path or rev.startswith("-"):
        return None
    import git  # here, not at the top: gitpython's import costs ~30 ms that no file or symbol needs

    here = git.Git(str(cwd))

    def run(*args: str) -> str | None:
        try:
            out: str = here.execute(["git", *args])
        except git.exc.CommandError:
            return None
        return out

    if run("rev-parse", "--verify", "--quiet", "--end-of-options", rev) is None:
        return None  # not a revision here (or no repository): the ref may be a file or a symbol
    if run("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}") is None:
        raise RefError(f"{rev}: not a commit this repository holds (missing object, or not a commit)")
    sha = run("rev-parse", "--verify", "--quiet", "--end-of-options", ref)
    if sha is None:
        raise RefError(f"{path} does not exist in revision {rev}")
    kind = run("cat-file", "-t", sha)
    if kind is None:
        raise RefError(f"{ref}: git cannot read object {sha} (missing from the repository)")
    if kind != "blob":
        raise RefError(f"{ref} is a {kind} in git, not a file")
    size = run("cat-file", "-s", sha)
    if size is not None and int(size) > MAX_BYTES:
        raise RefError(f"{ref}: file is larger than 10 MB ({size} bytes): not a resolution")
    try:
        data: bytes = here.execute(["git", "cat-file", "blob", sha], stdout_as_string=False)
    except git.exc.CommandError:
        raise RefError(f"{ref}: git cannot read object {sha} (missing from the repository)") from None
    return from_bytes(data, name=ref, lang=lang, revisions=revisions)


def load(
    ref: str,
    *,
    lang: str = "auto",
    history: History,
    cwd: Path | None = None,
    series: str | None = None,
    revisions: Revisions = "accept",
) -> Resolution:
    """Resolve a version reference to a model, trying file, git revision, then symbol
    (in `series` when given: the same symbol may be stored in two)."""
    here = cwd or Path.cwd()
    path = here / ref
    # A pipe is a file to read too: `resdiff diff old.txt <(pbpaste)` hands over /dev/fd/63.
    if path.is_file() or path.is_fifo():
        return read_file(path, lang=lang, name=ref, revisions=revisions)
    if path.is_dir():  # said as it is, not as no file at all
        raise RefError(f"{ref}: is a folder; give a file, a git revision (REV:path) or a stored symbol")
    if ":" in ref:
        found = _from_git(ref, lang, here, revisions)
        if found is not None:
            return found
    try:
        stored = history.find(ref, None if lang == "auto" else lang, series)
    except StoreError:
        try:
            store_symbol(ref)
        except SymbolError:
            hint = did_you_mean(ref, history.known_symbols())
            raise RefError(f"{ref}: no such file, git revision or stored symbol{hint}") from None
        raise
    from .store import canonical

    return canonical.load_path(stored)
