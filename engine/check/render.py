"""Renderers of check results, in a registry as the diff's are: each takes the results of
one run (one per file checked) and returns the text to print.

    text    path:line: severity: rule: message           (compilers' and linters' form)
    json    resdiff.check/1 (engine/render/schemas/check.schema.json)
    github  workflow commands: ::error file=path,line=12,title=rule::message
    junit   JUnit XML: a test suite per file, a test case per rule, a failure per error
    sarif   SARIF 2.1.0, for code-scanning views

XML and JSON are built with the standard library (xml.etree, json): lxml would be loaded
by every command at start-up (tests/test_lazy_loading.py), and JUnit needs nothing more.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable, Sequence

from ..controls import escape_controls
from ..render import jsonout
from .base import BASE_RULES
from .findings import CheckResult, Finding
from .rules import RULES

SCHEMA = "resdiff.check/1"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "note": "note"}

CheckRenderer = Callable[[Sequence[CheckResult]], str]


def _rule_ids(results: Sequence[CheckResult]) -> list[str]:
    used = {f.rule for r in results for f in r.findings}
    return [rule for rule in [*RULES, *BASE_RULES] if rule in used]


def render_text(results: Sequence[CheckResult]) -> str:
    lines = []
    for r in results:
        for f in r.findings:
            where = f"{r.path}:{f.line}" if f.line is not None else r.path
            lines.append(escape_controls(f"{where}: {f.severity}: {f.rule}: {f.message}"))
    return "".join(line + "\n" for line in lines)


def render_json(results: Sequence[CheckResult]) -> str:
    doc = {
        "schema": SCHEMA,
        "files": [
            {"path": r.path, "counts": r.counts, "findings": [f.as_dict() for f in r.findings]}
            for r in results
        ],
        "findings": [{"path": r.path, **f.as_dict()} for r in results for f in r.findings],
    }
    return jsonout.dumps(doc, sort_keys=False)


def _escape_data(text: str) -> str:
    """GitHub's escaping of a workflow command's message (actions/toolkit, command.ts)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(results: Sequence[CheckResult]) -> str:
    lines = []
    for r in results:
        for f in r.findings:
            level = {"error": "error", "warning": "warning", "note": "notice"}[f.severity]
            props = [f"file={_escape_property(r.path)}"]
            if f.line is not None:
                props.append(f"line={f.line}")
            props.append(f"title={_escape_property(f.rule)}")
            lines.append(f"::{level} {','.join(props)}::{_escape_data(f.message)}")
    return "".join(line + "\n" for line in lines)


def render_junit(results: Sequence[CheckResult]) -> str:
    """A suite per file, a case per rule: a rule with error findings fails, one with only
    warnings or notes passes with them in its system-out (CI views show failures);
    `protected` and `removed` are cases when they found something (they run only with --base)."""
    suites = etree.Element("testsuites", name="resdiff check")
    for r in results:
        suite = etree.SubElement(suites, "testsuite", name=r.path)
        failures = 0
        rules = [*RULES, *(rule for rule in BASE_RULES if any(f.rule == rule for f in r.findings))]
        for rule in rules:
            case = etree.SubElement(suite, "testcase", classname=r.path, name=rule)
            found = [f for f in r.findings if f.rule == rule]
            errors = [f for f in found if f.severity == "error"]
            if errors:
                failures += 1
                failure = etree.SubElement(case, "failure", message=f"{len(errors)} error(s)", type=rule)
                failure.text = "\n".join(_line(r.path, f) for f in errors)
            rest = [f for f in found if f.severity != "error"]
            if rest:
                etree.SubElement(case, "system-out").text = "\n".join(_line(r.path, f) for f in rest)
        suite.set("tests", str(len(rules)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
    etree.indent(suites)
    return etree.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


def _line(path: str, f: Finding) -> str:
    where = f"{path}:{f.line}" if f.line is not None else path
    return f"{where}: {f.severity}: {f.message}"


def render_sarif(results: Sequence[CheckResult]) -> str:
    described = {rule.id: (rule.severity, rule.summary) for rule in RULES.values()} | BASE_RULES
    rule_ids = list(described)
    rules = [
        {
            "id": rule,
            "shortDescription": {"text": summary},
            "defaultConfiguration": {"level": _SARIF_LEVEL[severity]},
        }
        for rule, (severity, summary) in described.items()
    ]
    out = []
    for r in results:
        for f in r.findings:
            location: dict[str, object] = {"artifactLocation": {"uri": r.path}}
            if f.line is not None:
                location["region"] = {"startLine": f.line}
            item: dict[str, object] = {
                "ruleId": f.rule,
                "ruleIndex": rule_ids.index(f.rule),
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": location}],
            }
            if f.provision:
                location_names = [{"name": f.provision, "kind": "member"}]
                item["locations"] = [{"physicalLocation": location, "logicalLocations": location_names}]
            out.append(item)
    doc = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {"name": "resdiff", "informationUri": "https://github.com/", "rules": rules}
                },
                "results": out,
            }
        ],
    }
    return jsonout.dumps(doc, sort_keys=False)


CHECK_RENDERERS: dict[str, CheckRenderer] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "junit": render_junit,
    "sarif": render_sarif,
}
