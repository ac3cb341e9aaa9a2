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

from ..errors import RefError, StoreError
from ..model import Resolution
from ..read import Revisions, read_bytes
from ..symbols import SymbolError, store_symbol
from . import canonical
from .history import History
from .names import did_you_mean

FRONT_MATTER = b"---\n"


def from_bytes(data: bytes, *, name: str, lang: str, revisions: Revisions = "accept") -> Resolution:
    """Canonical files are recognised by their front matter; anything else is raw text
    (or a Word file, whose tracked changes are read as `revisions` says)."""
    if data.startswith(FRONT_MATTER):
        return canonical.loads(data.decode("utf-8"), name)
    return read_bytes(data, lang=lang, source=name, revisions=revisions)


def _from_git(ref: str, lang: str, cwd: Path, revisions: Revisions) -> Resolution | None:
    rev, _, path = ref.partition(":")
    if not rev or not path:
        return None
    import git  # here, not at the top: gitpython's import costs ~30 ms that no file or symbol needs

    try:
        repo = git.Repo(cwd, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None
    try:
        commit = repo.commit(rev)
    except (git.BadName, ValueError):
        return None
    # As in git itself, `REV:./x` is relative to the working directory, `REV:x` to the top.
    top = Path(repo.working_tree_dir or cwd)
    if path.startswith(("./", "../")):
        path = (cwd.resolve() / path).relative_to(top.resolve()).as_posix()
    try:
        blob = commit.tree / path
    except KeyError:
        raise RefError(f"{path} does not exist in revision {rev}") from None
    return from_bytes(blob.data_stream.read(), name=ref, lang=lang, revisions=revisions)


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
    if path.is_file():
        return from_bytes(path.read_bytes(), name=ref, lang=lang, revisions=revisions)
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
    return canonical.loads(stored.read_text(encoding="utf-8"), str(stored))
