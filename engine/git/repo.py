"""Finding the repository around a directory, and a working-tree path inside it."""

from __future__ import annotations

from pathlib import Path

import git

from ..errors import RefError


def open_repo(cwd: Path) -> git.Repo:
    """The repository `cwd` is in (searching upwards, as git does); a work tree is needed:
    paths are named as they stand in it."""
    try:
        repo = git.Repo(cwd, search_parent_directories=True)
    except (git.exc.InvalidGitRepositoryError, git.exc.NoSuchPathError):
        raise RefError("not in a git repository (or any parent folder)", path=str(cwd)) from None
    if repo.bare or repo.working_tree_dir is None:
        raise RefError("a bare repository has no work tree to name files in", path=str(cwd))
    return repo


def repo_path(repo: git.Repo, path: Path, cwd: Path) -> str:
    """`path` (relative to `cwd`, as `git log PATH` takes it) as git names it: relative to
    the top of the work tree, with `/`. The file need not exist any more (a deleted file
    still has a history)."""
    top = Path(str(repo.working_tree_dir)).resolve()
    full = (cwd / path).resolve()
    try:
        rel = full.relative_to(top)
    except ValueError:
        raise RefError(f"outside the repository at {top}", path=str(path)) from None
    if not rel.parts:
        raise RefError("names the top of the repository, not a file", path=str(path))
    return rel.as_posix()
