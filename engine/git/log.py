"""`resdiff log PATH`: the versions of one file across commits, and what changed at each.

git lists the commits that touched the path (`rev-list REV -- PATH`, through gitpython's
`iter_commits`, with git's own history simplification, so a merge appears only where it
brought a text that none of its parents had). Each version is read from its blob as
`resdiff diff REV:path` reads it (canonical or raw, `engine.refs.from_bytes`), and each is
compared with the version before it by the aligner, giving the counts `resdiff diff
--summary` prints.

Renames are followed, as `git log --follow` does for one file: where the oldest commit on
the current path added the file and git's rename detection (`-M`, its default 50%
similarity) pairs it with a path of the parent commit, the walk goes on from the parent
under the old name. Each version carries the path it had, so a rename is visible. Only
the first parent is asked (the line a branch was merged into), as `--follow` does.

A version that cannot be read as a resolution (an unfinished text, a binary committed by
mistake) is kept in the list with its error, never dropped: the next readable version is
compared with the last readable one before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import git

from ..diff import compare
from ..errors import RefError, ResdiffError
from ..model import Resolution
from ..read import MAX_BYTES, Revisions
from ..refs import from_bytes
from .repo import open_repo, repo_path


@dataclass(frozen=True)
class LogVersion:
    """One commit's version of the file."""

    commit: str
    """The full hexadecimal id."""
    date: str
    """The author date, ISO 8601 with its offset (`2024-03-27T10:00:00+01:00`), as `git log` shows."""
    author: str
    """The author's name."""
    message: str
    """The whole commit message, trailing white space removed (renderers show its first line)."""
    path: str
    """The file's path in this commit (differs from the asked one before a rename)."""
    summary: dict[str, int] | None
    """Counts per change kind against the previous readable version (`Diff.summary`); None
    for the first version, and for one that could not be read."""
    error: str | None = None
    """Why this version could not be read or compared, or None."""


@dataclass(frozen=True)
class FileLog:
    path: str
    """The path asked for, relative to the top of the work tree."""
    versions: tuple[LogVersion, ...]
    """Oldest first."""


def _commits_of(repo: git.Repo, rev: str, path: str) -> list[tuple[git.Commit, str]]:
    """(commit, path there) newest first, following renames back through first parents."""
    found: list[tuple[git.Commit, str]] = []
    seen: set[str] = set()
    while True:
        commits = [c for c in repo.iter_commits(rev, paths=path) if c.hexsha not in seen]
        found += [(c, path) for c in commits]
        seen.update(c.hexsha for c in commits)
        if not commits or not commits[-1].parents:
            return found
        oldest = commits[-1]
        parent = oldest.parents[0]
        if _blob(parent, path) is not None:  # the path existed before: not a rename
            return found
        renamed = next(
            (
                d.rename_from
                for d in parent.diff(oldest, M=True)
                if d.renamed_file and d.rename_to == path and d.rename_from
            ),
            None,
        )
        if renamed is None:
            return found
        rev, path = parent.hexsha, renamed


def _blob(commit: git.Commit, path: str) -> git.Blob | None:
    try:
        obj = commit.tree / path
    except KeyError:
        return None
    return obj if isinstance(obj, git.Blob) else None


def _read(commit: git.Commit, path: str, lang: str, revisions: Revisions) -> Resolution:
    blob = _blob(commit, path)
    name = f"{commit.hexsha[:12]}:{path}"
    if blob is None:
        raise RefError("not a file in this commit", path=name)
    if blob.size > MAX_BYTES:
        raise RefError(f"larger than 10 MB ({blob.size} bytes): not a resolution", path=name)
    return from_bytes(blob.data_stream.read(), name=name, lang=lang, revisions=revisions)


def file_log(
    path: Path,
    *,
    cwd: Path,
    rev: str = "HEAD",
    lang: str = "auto",
    revisions: Revisions = "accept",
    follow: bool = True,
) -> FileLog:
    """The versions of `path` (relative to `cwd`) in the commits reachable from `rev`,
    oldest first, each with its change counts against the one before."""
    repo = open_repo(cwd)
    name = repo_path(repo, path, cwd)
    try:
        repo.commit(rev)
    except (git.exc.BadName, ValueError):
        raise RefError(f"{rev}: not a commit in this repository") from None
    if follow:
        listed = _commits_of(repo, rev, name)
    else:
        listed = [(c, name) for c in repo.iter_commits(rev, paths=name)]
    # A commit that deleted the file touched it too: it holds no version of it.
    listed = [(c, p) for c, p in listed if _blob(c, p) is not None]
    if not listed:
        raise RefError(f"no commit reachable from {rev} holds this file", path=name)
    versions: list[LogVersion] = []
    before: Resolution | None = None
    for commit, at in reversed(listed):
        summary: dict[str, int] | None = None
        error: str | None = None
        try:
            res = _read(commit, at, lang, revisions)
            if before is not None:
                summary = compare(before, res).summary
            before = res
        except ResdiffError as exc:
            error = str(exc)
        versions.append(
            LogVersion(
                commit=commit.hexsha,
                date=commit.authored_datetime.isoformat(),
                author=str(commit.author.name or ""),
                message=str(commit.message).rstrip(),
                path=at,
                summary=summary,
                error=error,
            )
        )
    return FileLog(name, tuple(versions))
