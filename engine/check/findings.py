"""What `resdiff check` found, as data: renderers (text, json, github, junit, sarif) and the
exit status are decided from these models alone, so every output says the same thing."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..diagnostics import Severity


@dataclass(frozen=True)
class Finding:
    """One fault in a draft. `provision` is the positional id (`op3`, `pp2`, `op16.a`),
    `number` what was printed ("3", "a"; empty for preambular paragraphs), `line` the
    1-based line in the file read (None where the text has no lines, or the finding is
    about the whole text). The message says where and how to fix."""

    rule: str
    severity: Severity
    message: str
    provision: str | None = None
    number: str = ""
    line: int | None = None

    def where(self) -> str:
        """`op3 (printed 4)`, `pp2`, or `text` for the whole text: the words a message starts with."""
        if self.provision is None:
            return "text"
        printed = f" (printed {self.number})" if self.number and self.number != self.provision[2:] else ""
        return f"{self.provision}{printed}"

    def as_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "provision": self.provision,
            "number": self.number,
            "line": self.line,
            "message": self.message,
        }


@dataclass(frozen=True)
class CheckResult:
    """The findings on one file, in the order of the text (line, then rule)."""

    path: str
    findings: tuple[Finding, ...]

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(f.severity for f in self.findings)
        return {severity: counted.get(severity, 0) for severity in ("error", "warning", "note")}

    @property
    def failed(self) -> bool:
        """An error-severity finding: `resdiff check` exits 1."""
        return any(f.severity == "error" for f in self.findings)
