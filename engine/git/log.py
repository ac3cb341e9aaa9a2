"""`resdiff log PATH`: the versions of one file across commits, and what changed at each.

git lists the commits that touched the path (`rev-list REV -- PATH`, through gitpython's
`iter_commits`, with git's own history simplification, so a merge appears only where it
brought a text that none of its parents had). Each version is read from its blob as
`resdiff diff REV:path` reads it (canonical or raw, `engine.refs.from_bytes`), and each is
compared by the aligner with the file as the commit found it (in its first parent), giving
the counts `resdiff diff --summary` prints: what that commit changed. In a linear history
that is the version listed before; where two branches changed the file at once, each
branch's version is compared with what it was made from, never with the other branch's.

Renames are followed, as `git log --follow` does for one file: where the oldest commit on
the current path added the file and git's rename detection (`-M`, its default 50%
similarity) pairs it with a path of the parent commit, the walk goes on from the parent
under the old name. Each version carries the path it had, so a rename is visible. Only
the first parent is asked (the line a branch was merged into), as `--follow` does.

A version that cannot be read as a resolution (an unfinished text, a binary committed by
mistake) is kept in the list with its error, never dropped: a version made from it is
compared with the last readable one listed before it.
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
    """Counts per change kind against the file in the commit's first parent (`Diff.summary`);
    None where the file starts (no parent holds it) and for a version that could not be read."""
    error: str | None = None
    """Why this version could not be read or compared, or None."""


@dataclass(frozen=True)
class FileLog:
    """A file's versions across git commits, as `resdiff log` lists them."""

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


class _Reader:
    """Each blob read once (a version is also the parent side of the next), its failure kept."""

    def __init__(self, lang: str, revisions: Revisions) -> None:
        self.lang, self.revisions = lang, revisions
        self.done: dict[str, Resolution | ResdiffError] = {}

    def read(self, commit: git.Commit, path: str) -> Resolution | None:
        """The version at `path` in `commit`; None when the commit has no such file."""
        blob = _blob(commit, path)
        if blob is None:
            return None
        if blob.hexsha not in self.done:
            name = f"{commit.hexsha[:12]}:{path}"
            try:
                if blob.size > MAX_BYTES:
                    raise RefError(f"larger than 10 MB ({blob.size} bytes): not a resolution", path=name)
                data = blob.data_stream.read()
                self.done[blob.hexsha] = from_bytes(data, name=name, lang=self.lang, revisions=self.revisions)
            except ResdiffError as exc:
                self.done[blob.hexsha] = exc
        found = self.done[blob.hexsha]
        if isinstance(found, ResdiffError):
            raise found
        return found


def _parent_version(
    reader: _Reader, commit: git.Commit, paths: tuple[str, ...], last_readable: Resolution | None
) -> Resolution | None:
    """What this commit changed the file from: its version in the first parent (under the
    old name where the commit renamed it). None when the parent has no such file (the file
    starts here). When that version cannot be read, the last readable one listed before."""
    if not commit.parents:
        return None
    parent = commit.parents[0]
    for path in paths:
        try:
            found = reader.read(parent, path)
        except ResdiffError:
            return last_readable
        if found is not None:
            return found
    return None


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
    oldest first, each with the change counts of its commit: against the file in the
    commit's first parent, so that versions made on two branches at once are each compared
    with what they were made from, not with each other."""
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
    oldest_first = list(reversed(listed))
    reader = _Reader(lang, revisions)
    versions: list[LogVersion] = []
    last_readable: Resolution | None = None
    for i, (commit, at) in enumerate(oldest_first):
        summary: dict[str, int] | None = None
        error: str | None = None
        older = oldest_first[i - 1][1] if i else at
        try:
            res = reader.read(commit, at)
            assert res is not None  # listed only where the commit holds the file
            before = _parent_version(reader, commit, (at, older) if older != at else (at,), last_readable)
            if before is not None:
                summary = compare(before, res).summary
            last_readable = res
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
