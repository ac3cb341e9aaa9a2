"""The check's configuration: which rules run at what severity, and what is protected.

TOML, as the issue asks and as Python reads without a dependency (tomllib): a `[check]`
table in `resdiff.toml`, or `[tool.resdiff.check]` in `pyproject.toml`, or the file
`--config` names (either layout; a `.yaml`/`.yml` file there is read as YAML with the same
keys, at the top or under `check:`). Keys:

    rules = {punctuation = "warning", references = "off"}   # error | warning | note | off
    protected = ["op1", "pp3", "the right to development"]   # ids, or phrases (with --base)

An unknown rule, severity or key is an error, never ignored: a misspelt `punctuaton = "off"`
that silently did nothing would be a check that lies.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import SEVERITIES, Severity
from ..errors import InputError

OFF = "off"
CONFIG_FILES = ("resdiff.toml", "pyproject.toml")


@dataclass(frozen=True)
class Config:
    """What a project's check configuration says: rule severities (None: off), the
    paragraphs no proposal may touch, and the file it came from (for messages)."""

    severities: dict[str, Severity | None] = field(default_factory=dict)  # None: off
    protected: tuple[str, ...] = ()
    source: str | None = None


def parse_config(data: dict[str, Any], *, source: str, rules: Collection[str]) -> Config:
    """A `[check]` table (already decoded) -> Config, refusing what it does not know."""
    known_keys = {"rules", "protected"}
    unknown = sorted(set(data) - known_keys)
    if unknown:
        raise InputError(
            f"unknown key {unknown[0]!r} in the check configuration (known: rules, protected)", path=source
        )
    severities: dict[str, Severity | None] = {}
    table = data.get("rules", {})
    if not isinstance(table, dict):
        raise InputError('`rules` must be a table: rules = {punctuation = "warning"}', path=source)
    for rule, value in table.items():
        if rule not in rules:
            raise InputError(f"unknown rule {rule!r} (known: {', '.join(rules)})", path=source)
        if value == OFF:
            severities[rule] = None
        elif value in SEVERITIES:
            severities[rule] = value
        else:
            raise InputError(
                f"rule {rule}: severity {value!r} is not one of error, warning, note, off", path=source
            )
    protected = data.get("protected", [])
    if not isinstance(protected, list) or not all(isinstance(p, str) and p.strip() for p in protected):
        raise InputError("`protected` must be a list of provision ids or phrases", path=source)
    return Config(severities, tuple(protected), source)


def load_config(path: Path | None, *, rules: Collection[str], cwd: Path | None = None) -> Config:
    """The named file, else `resdiff.toml` or `pyproject.toml` in `cwd` if they hold a check
    table, else the defaults."""
    if path is not None:
        return _from_file(path, rules=rules, required=True) or Config()
    here = cwd or Path.cwd()
    for name in CONFIG_FILES:
        if (here / name).is_file():
            found = _from_file(here / name, rules=rules, required=False)
            if found is not None:
                return found
    return Config()


def _from_file(path: Path, *, rules: Collection[str], required: bool) -> Config | None:
    if path.suffix.lower() in (".yaml", ".yml"):
        return _from_yaml(path, rules=rules)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML: {exc}", path=str(path)) from None
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", path=str(path)) from None
    table = data.get("tool", {}).get("resdiff", {}).get("check") if path.name == "pyproject.toml" else None
    if table is None:
        table = data.get("check")
    if table is None and required:
        table = data.get("tool", {}).get("resdiff", {}).get("check")
    if table is None:
        if required:
            raise InputError("no [check] (or [tool.resdiff.check]) table", path=str(path))
        return None
    if not isinstance(table, dict):
        raise InputError("[check] must be a table", path=str(path))
    return parse_config(table, source=str(path), rules=rules)


def _from_yaml(path: Path, *, rules: Collection[str]) -> Config:
    """A YAML file named by --config, for projects that keep their settings in YAML: the
    same keys, at the top or under `check:`."""
    import yaml  # only here: YAML is loaded by the commands that read it

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML: {exc}".splitlines()[0], path=str(path)) from None
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", path=str(path)) from None
    if isinstance(data, dict) and isinstance(data.get("check"), dict):
        data = data["check"]
    if not isinstance(data, dict):
        raise InputError("expected a mapping of rules and protected provisions", path=str(path))
    return parse_config(data, source=str(path), rules=rules)
