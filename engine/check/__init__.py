"""`resdiff check`: a linter for draft resolutions, as a linter guards code in CI.

    check(res, config, base=None, history=None) -> CheckResult

Rules (rules.py) read the model; `protected` (here) compares with a base version. What
runs at which severity is the config's (config.py); how findings are printed is the
renderers' (render.py). Nothing here prints or exits.
"""

from __future__ import annotations

from dataclasses import replace

from ..diff import Diff, compare
from ..model import Resolution
from ..store.history import History
from .base import BASE_RULES, PROTECTED, REMOVED, removed
from .config import Config, load_config, parse_config
from .findings import CheckResult, Finding
from .render import CHECK_RENDERERS
from .rules import RULES, Context, Dates, Rule

__all__ = [
    "BASE_RULES",
    "CHECK_RENDERERS",
    "RULES",
    "CheckResult",
    "Config",
    "Finding",
    "Rule",
    "check",
    "default_severities",
    "load_config",
    "parse_config",
    "stored_dates",
]


def default_severities() -> dict[str, str]:
    found = {rule.id: str(rule.severity) for rule in RULES.values()}
    found.update({rule: str(severity) for rule, (severity, _) in BASE_RULES.items()})
    return found


def check(
    res: Resolution,
    config: Config | None = None,
    *,
    path: str | None = None,
    base: Resolution | None = None,
    dates: Dates | None = None,
) -> CheckResult:
    """Every rule the config leaves on, over one text; `protected` and `removed` only with
    a base (base.py)."""
    config = config or Config()
    ctx = Context(res, dates or {})
    findings: list[Finding] = []
    for rule in RULES.values():
        if rule.id in config.severities and config.severities[rule.id] is None:
            continue
        findings.extend(rule.func(ctx))
    if base is not None:
        diff = compare(base, res)
        if config.protected and config.severities.get(PROTECTED, "error") is not None:
            findings.extend(_protected(base, res, config.protected, diff))
        if config.severities.get(REMOVED, "note") is not None:
            findings.extend(removed(base, res, diff, config.protected))
    overrides = {rule: sev for rule, sev in config.severities.items() if sev is not None}
    findings = [replace(f, severity=overrides[f.rule]) if f.rule in overrides else f for f in findings]
    order = {rule: i for i, rule in enumerate([*RULES, *BASE_RULES])}
    findings.sort(key=lambda f: (f.line is None, f.line or 0, order[f.rule]))
    return CheckResult(path or res.meta.source or "<input>", tuple(findings))


def _protected(base: Resolution, new: Resolution, protected: tuple[str, ...], diff: Diff) -> list[Finding]:
    """Agreed language kept as agreed: a protected id (`op1`, in the base's numbering) whose
    provision is reworded, removed, split or merged, or a protected phrase the base holds
    and the draft no longer does. An id or a phrase the base does not hold is a fault of
    the config, said as an error: a protection that protects nothing must not pass."""
    from ..model import ID_RE

    out: list[Finding] = []
    for item in protected:
        if ID_RE.match(item):
            change = next((c for c in diff.changes if item in c.old), None)
            if change is None:
                out.append(
                    Finding(PROTECTED, "error", f"protected {item} is not in the base text; fix the config.")
                )
                continue
            if change.kind == "unchanged":
                continue
            now = change.new[0] if change.new else None
            p = new.provision(now) if now else None
            out.append(
                Finding(
                    PROTECTED,
                    "error",
                    f"{item} of the base is agreed language but was {change.kind}"
                    f"{f' (now {now})' if now else ''}; restore the agreed text.",
                    now,
                    p.number if p else "",
                    p.line if p else None,
                )
            )
        else:
            in_base = any(item in p.text for p in base.provisions)
            if not in_base:
                out.append(
                    Finding(
                        PROTECTED,
                        "error",
                        f"the protected phrase {item!r} is not in the base text; fix the config.",
                    )
                )
            elif not any(item in p.text for p in new.provisions):
                out.append(
                    Finding(
                        PROTECTED, "error", f"the agreed phrase {item!r} of the base is gone; restore it."
                    )
                )
    return out


def stored_dates(history: History) -> Dates:
    """session/number -> [(symbol, date)] of the adopted resolutions the manifests list, for
    the date check of `references`."""
    from ..symbols import parse_symbol

    dates: Dates = {}
    for name in history.series_names():
        for v in history.series(name).versions:
            try:
                sym = parse_symbol(v.symbol)
            except ValueError:
                continue
            if sym.kind != "RES" or not v.date:
                continue
            known = dates.setdefault(f"{sym.session}/{sym.number}", [])
            if (v.symbol, str(v.date)) not in known:
                known.append((v.symbol, str(v.date)))
    return dates
