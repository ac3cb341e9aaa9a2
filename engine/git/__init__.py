"""resdiff in git: a file's versions across commits, git's external diff interface, and the
setup that plugs resdiff into `git diff` (issue 13).

    file_log(path, cwd=..., lang=...)        -> FileLog: each commit's version and its change counts
    driver_sides(args, lang=...)             -> DriverSides: git's GIT_EXTERNAL_DIFF arguments read
    plan_setup(cwd, command=...)             -> SetupPlan: .gitattributes lines and config values
    apply_setup(plan)                        writes them (config through gitpython's writer)

Every git access goes through gitpython (`git.Repo`, its objects and its config writer);
nothing here parses porcelain output. gitpython is imported by these modules only, so a
command that does not touch git does not pay its import.
"""

from __future__ import annotations

from .driver import DriverSides, driver_sides
from .log import FileLog, LogVersion, file_log
from .setup import SetupPlan, apply_setup, plan_setup

__all__ = [
    "DriverSides",
    "FileLog",
    "LogVersion",
    "SetupPlan",
    "apply_setup",
    "driver_sides",
    "file_log",
    "plan_setup",
]
