"""`resdiff git-setup`: the .gitattributes lines and the git config that make `git diff`,
`git log -p --ext-diff` and `git show --ext-diff` print resdiff's provision-level diff.

What is written (docs/git.md says why):

    .gitattributes (top of the work tree, committed: every clone shares it)
        history/**/*.md  diff=resdiff          canonical files
        *.docx           diff=resdiff-docx     Word texts
        *.pdf            diff=resdiff-pdf      PDFs
        PATTERN          diff=resdiff          each --pattern (raw drafts: drafts/*.txt)

    .git/config (this clone only: it names a program on this machine)
        diff.resdiff.command       = RESDIFF git-diff
        diff.resdiff-docx.command  = RESDIFF git-diff
        diff.resdiff-docx.textconv = RESDIFF textconv
        diff.resdiff-pdf.command   = RESDIFF git-diff
        diff.resdiff-pdf.textconv  = RESDIFF textconv

The command is the absolute path of the running resdiff by default: git runs it from
hooks, GUIs and editors whose PATH may not hold the virtualenv. The textconv makes Word
and PDF files readable where git does not run external diffs (`git log -p` without
`--ext-diff`, `git blame`, `git diff --no-ext-diff`): their canonical text, diffed by line.

A plan is made first and applied second, so the command line can show it (`--dry-run`)
and ask before anything that exists is changed: an existing .gitattributes gaining lines
(or a line of ours overriding one of its patterns), a config value replaced. The config is
written with gitpython's writer, never by hand, and read back through git to be sure git
sees the command that was meant.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, StoreError
from ..store import atomic
from .repo import open_repo

ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("history/**/*.md", "resdiff"),
    ("*.docx", "resdiff-docx"),
    ("*.pdf", "resdiff-pdf"),
)
TEXTCONV_DRIVERS = ("resdiff-docx", "resdiff-pdf")
HEADER = "# resdiff: provision-level diffs of resolution texts (resdiff git-setup; docs/git.md)"


@dataclass(frozen=True)
class ConfigChange:
    """One git configuration value `resdiff git setup` sets, with the value it replaces
    (shown before anything is written)."""

    section: str
    """gitpython's section name: `diff "resdiff"`."""
    option: str
    old: str | None
    new: str

    @property
    def key(self) -> str:
        """As `git config` names it: `diff.resdiff.command`."""
        name, _, sub = self.section.partition(" ")
        return f"{name}.{sub.strip(chr(34))}.{self.option}" if sub else f"{name}.{self.option}"


@dataclass(frozen=True)
class SetupPlan:
    """Everything `resdiff git setup` would write, decided before any of it is written,
    so that a refusal leaves the repository as it was."""

    top: Path
    """The top of the work tree."""
    attributes: Path
    """The .gitattributes file written."""
    attributes_exist: bool
    add_lines: tuple[str, ...]
    """Lines to append to .gitattributes (those already there are not repeated)."""
    overridden: tuple[str, ...]
    """Existing .gitattributes lines that give one of our patterns another diff driver:
    ours, appended after them, win (the last matching line does in git)."""
    config: tuple[ConfigChange, ...]
    """Config values to set (those already set to the value are left out)."""

    @property
    def needs_confirmation(self) -> bool:
        """Something that exists would change."""
        return (self.attributes_exist and bool(self.add_lines)) or any(c.old is not None for c in self.config)

    @property
    def nothing_to_do(self) -> bool:
        return not self.add_lines and not self.config

    def describe(self) -> list[str]:
        """What applying the plan does, a line each."""
        lines: list[str] = []
        if self.add_lines:
            verb = "append to" if self.attributes_exist else "create"
            lines.append(f"{verb} {self.attributes}:")
            lines += [f"    {line}" for line in self.add_lines if line != HEADER]
            lines += [f"  overriding its line: {line}" for line in self.overridden]
        for c in self.config:
            was = f" (now {c.old!r})" if c.old is not None else ""
            lines.append(f"set {c.key} = {c.new}{was}")
        return lines


def _existing(text: str) -> dict[str, list[str]]:
    """pattern -> the lines of an attributes file that give it a diff setting."""
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        if any(w == "diff" or w.startswith(("diff=", "-diff", "!diff")) for w in words[1:]):
            found.setdefault(words[0], []).append(line.strip())
    return found


def plan_setup(cwd: Path, *, command: str, patterns: tuple[str, ...] = ()) -> SetupPlan:
    """What git-setup would write for the repository around `cwd`, running `command`
    (a shell word list, quoted as git's shell needs) as resdiff."""
    if not command.strip() or any(ch in command for ch in '\n#;"\\'):
        raise InputError(f'{command!r} cannot be written as a git config command (newline, #, ;, " or \\)')
    repo = open_repo(cwd)
    top = Path(str(repo.working_tree_dir))
    attributes = top / ".gitattributes"
    wanted = [*ATTRIBUTES, *((p, "resdiff") for p in patterns)]
    for pattern, _ in wanted:
        if not pattern.strip() or any(ch.isspace() for ch in pattern) or pattern.startswith(("#", "!")):
            raise InputError(f"{pattern!r} is not a .gitattributes pattern resdiff can write (no spaces)")
    try:
        text = attributes.read_text(encoding="utf-8") if attributes.is_file() else ""
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text; resdiff will not append to it", path=str(attributes)) from None
    present = {line.strip() for line in text.splitlines()}
    existing = _existing(text)
    add: list[str] = []
    overridden: list[str] = []
    for pattern, driver in wanted:
        line = f"{pattern} diff={driver}"
        if line in present or line in add:
            continue
        add.append(line)
        overridden += [old for old in existing.get(pattern, []) if old != line]
    if add and HEADER not in present:
        add.insert(0, HEADER)
    reader = repo.config_reader("repository")
    values = {("resdiff", "command"): f"{command} git-diff"}
    for driver in TEXTCONV_DRIVERS:
        values[(driver, "command")] = f"{command} git-diff"
        values[(driver, "textconv")] = f"{command} textconv"
    changes = []
    for (driver, option), new in values.items():
        section = f'diff "{driver}"'
        old = reader.get_value(section, option, default=None) if reader.has_section(section) else None
        old_text = None if old is None else str(old)
        if old_text != new:
            changes.append(ConfigChange(section, option, old_text, new))
    return SetupPlan(top, attributes, attributes.is_file(), tuple(add), tuple(overridden), tuple(changes))


def apply_setup(plan: SetupPlan) -> None:
    """Write the plan: .gitattributes atomically, the config through gitpython's writer."""
    if plan.add_lines:
        text = plan.attributes.read_text(encoding="utf-8") if plan.attributes.is_file() else ""
        if text and not text.endswith("\n"):
            text += "\n"
        if text and plan.add_lines[0] == HEADER and not text.endswith("\n\n"):
            text += "\n"
        atomic.write_text(plan.attributes, text + "".join(f"{line}\n" for line in plan.add_lines), force=True)
    if not plan.config:
        return
    repo = open_repo(plan.top)
    with repo.config_writer("repository") as writer:
        for c in plan.config:
            writer.set_value(c.section, c.option, c.new)
    for c in plan.config:  # what git itself reads back must be what was meant
        got = repo.git.config("--get", c.key)
        if got != c.new:
            raise StoreError(f"git reads {c.key} back as {got!r}, not {c.new!r}", path=str(repo.git_dir))


def shell_command(executable: str) -> str:
    """An executable path as a word of the shell git runs the command with."""
    return shlex.quote(executable)
