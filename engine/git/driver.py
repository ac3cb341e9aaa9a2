"""git's external diff interface: what `resdiff git-diff` is given, read into two versions.

git runs `diff.<driver>.command` (set by `resdiff git-setup` for the paths .gitattributes
gives `diff=resdiff`) with seven arguments, as for GIT_EXTERNAL_DIFF:

    path old-file old-hex old-mode new-file new-hex new-mode

`old-file`/`new-file` are temporary files holding the blobs (or the work-tree file itself);
an added file has `/dev/null . .` for its old side, a deleted one for its new side. A
rename or copy adds two: the new path and git's header lines (`similarity index 92%`,
`rename from …`, `rename to …`). An unmerged path is given alone. git stops the whole
`git diff` / `git log -p` when the command fails, so a side that cannot be read as a
resolution is not an error here: it is reported and shown as a plain line diff instead
(`plain_diff`), for one odd file must not hide the others.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, ResdiffError
from ..model import Metadata, Resolution
from ..read import Revisions, read_limited
from ..refs import from_bytes

DEV_NULL = "/dev/null"


@dataclass(frozen=True)
class DriverSides:
    """The two sides of one path as git gave them, read."""

    path: str
    """The path (the old one for a rename)."""
    new_path: str
    """The new path: the same unless git found a rename or copy."""
    old_mode: str | None
    """None when the file is added."""
    new_mode: str | None
    """None when the file is deleted."""
    header: tuple[str, ...]
    """git's extended header lines for a rename or copy (`similarity index 92%`, ...)."""
    old: Resolution | None
    """The old version; None when added, or when unreadable (then `error` says why)."""
    new: Resolution | None
    old_bytes: bytes
    new_bytes: bytes
    error: str | None = None
    """Why a side could not be read as a resolution: show `plain_diff` instead."""
    unmerged: bool = False
    """git gave the path alone: it is unmerged, there is nothing to compare yet."""
    too_large: bool = False
    """A side is over the size cap every input shares: its bytes were not read."""

    @property
    def added(self) -> bool:
        return self.old_mode is None

    @property
    def deleted(self) -> bool:
        return self.new_mode is None


def _mode(value: str, file: str) -> str | None:
    return None if file == DEV_NULL or value == "." else value


def driver_sides(
    args: tuple[str, ...], *, lang: str = "auto", revisions: Revisions = "accept"
) -> DriverSides:
    """Read git's arguments (1, 7 or 9 of them) into both versions of the path."""
    if len(args) == 1:
        return DriverSides(args[0], args[0], None, None, (), None, None, b"", b"", unmerged=True)
    if len(args) not in (7, 9):
        raise InputError(
            f"git-diff takes git's 7 arguments (path old-file old-hex old-mode new-file new-hex "
            f"new-mode), or 9 for a rename, or the path alone; got {len(args)}"
        )
    path, old_file, _old_hex, old_mode, new_file, _new_hex, new_mode = args[:7]
    new_path = args[7] if len(args) == 9 else path
    header = tuple(line for line in args[8].splitlines() if line.strip()) if len(args) == 9 else ()
    om, nm = _mode(old_mode, old_file), _mode(new_mode, new_file)
    try:
        old_bytes = b"" if om is None else read_limited(Path(old_file))
        new_bytes = b"" if nm is None else read_limited(Path(new_file))
    except InputError as exc:  # over the size cap: not a resolution, and not worth a line diff
        return DriverSides(path, new_path, om, nm, header, None, None, b"", b"", str(exc), too_large=True)
    try:
        new = (
            None
            if nm is None
            else from_bytes(new_bytes, name=f"b/{new_path}", lang=lang, revisions=revisions)
        )
        old = None if om is None else from_bytes(old_bytes, name=f"a/{path}", lang=lang, revisions=revisions)
    except ResdiffError as exc:
        return DriverSides(path, new_path, om, nm, header, None, None, old_bytes, new_bytes, str(exc))
    return DriverSides(path, new_path, om, nm, header, old, new, old_bytes, new_bytes)


def empty_like(res: Resolution) -> Resolution:
    """The side of an added or deleted file: no provisions, in the other side's language,
    so that everything shows as added (or removed)."""
    return Resolution(Metadata(language=res.meta.language, source=DEV_NULL))


def plain_diff(sides: DriverSides) -> str:
    """A unified line diff of the two files (difflib), for a side that is not a resolution:
    what `git diff` would have shown without resdiff. Bytes that are not UTF-8 are shown as
    git shows a binary file, by one line."""
    if sides.too_large:
        return f"Files a/{sides.path} and b/{sides.new_path} differ\n"
    try:
        old = sides.old_bytes.decode("utf-8").splitlines(keepends=True)
        new = sides.new_bytes.decode("utf-8").splitlines(keepends=True)
    except UnicodeDecodeError:
        return f"Binary files a/{sides.path} and b/{sides.new_path} differ\n"
    lines = difflib.unified_diff(
        old,
        new,
        DEV_NULL if sides.added else f"a/{sides.path}",
        DEV_NULL if sides.deleted else f"b/{sides.new_path}",
    )
    missing = "\n\\ No newline at end of file\n"
    return "".join(line if line.endswith("\n") else line + missing for line in lines)


def git_wants_colour(*, stdout_is_tty: bool) -> bool:
    """Whether git would colour its own diff here: `git config --get-colorbool color.diff`,
    which weighs color.diff, color.ui, `git -c` settings and a pager git started
    (GIT_PAGER_IN_USE, inherited by the external diff) as git itself does. Outside a
    repository, or if git cannot say, no colour."""
    import git

    try:
        answer = git.Git().config("--get-colorbool", "color.diff", "true" if stdout_is_tty else "false")
    except git.exc.GitError:
        return False
    return str(answer).strip() == "true"
