"""Building resolutions for tests without the reader.

A test text has one provision per line: `# key: value` lines set metadata (language, symbol,
title); an unindented line is a preambular paragraph, or an operative paragraph when it
starts with its printed number (`16. `); lines indented by two spaces are subparagraphs
(`(a) `), by four spaces roman subparagraphs (`(i) `).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from engine.model import Metadata, Provision, Resolution, renumber

DATA = Path(__file__).parent / "data"
_LINE = re.compile(r"^(?P<indent> *)(?:(?P<op>\d+)\.\s+|\((?P<sub>[a-z]+)\)\s+)?(?P<text>.*)$")


def parse_text(text: str) -> Resolution:
    meta: dict[str, str] = {}
    provisions: list[Provision] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            meta[key.strip()] = value.strip()
            continue
        m = _LINE.match(line)
        assert m, line
        depth = len(m["indent"]) // 2
        if depth:
            pid = "op0" + ".a" * min(depth, 1) + ".i" * max(depth - 1, 0)
            provisions.append(Provision(pid, "subparagraph", m["text"], m["sub"] or ""))
        elif m["op"]:
            provisions.append(Provision("op0", "operative", m["text"], m["op"]))
        else:
            provisions.append(Provision("pp0", "preamble", m["text"]))
    return Resolution(
        meta=Metadata(
            language=meta.get("language", "en"),
            symbol=meta.get("symbol"),
            title=meta.get("title"),
            source=meta.get("source"),
        ),
        provisions=renumber(provisions),
    )


def load(name: str) -> Resolution:
    return parse_text((DATA / name).read_text(encoding="utf-8"))


def data_lines(name: str) -> list[str]:
    """A test text's lines, to be edited and given back to `from_lines`."""
    return (DATA / name).read_text(encoding="utf-8").splitlines()


_OP_NUMBER = re.compile(r"^(\d+)\. ")


def from_lines(lines: Sequence[str]) -> Resolution:
    """A resolution from test-text lines, operative paragraphs renumbered in print as an
    edited document would be."""
    out, n = [], 0
    for line in lines:
        if _OP_NUMBER.match(line):
            n += 1
            line = _OP_NUMBER.sub(f"{n}. ", line)
        out.append(line)
    return parse_text("\n".join(out))


def index_of(lines: Sequence[str], start: str) -> int:
    """Position of the first line starting with `start`."""
    return next(k for k, line in enumerate(lines) if line.startswith(start))


def resolution(
    preamble: Sequence[str] = (), operative: Sequence[str] = (), *, language: str = "en"
) -> Resolution:
    """A resolution from paragraph texts; operative paragraphs numbered from 1."""
    provisions = [Provision("pp0", "preamble", t) for t in preamble]
    provisions += [Provision("op0", "operative", t, str(n)) for n, t in enumerate(operative, start=1)]
    return Resolution(meta=Metadata(language=language), provisions=renumber(provisions))


def paragraphs(res: Resolution) -> list[str]:
    return [p.text for p in res.provisions]


def dump_text(res: Resolution) -> str:
    """The test-text form of a resolution (inverse of `parse_text`)."""
    lines = [f"# language: {res.meta.language}"]
    lines += [f"# {key}: {value}" for key in ("symbol", "title") if (value := getattr(res.meta, key))]
    for p in res.provisions:
        if p.kind == "preamble":
            lines.append(p.text)
        elif p.kind == "operative":
            lines.append(f"{p.number}. {p.text}")
        else:
            lines.append("  " * p.depth + f"({p.number}) {p.text}")
    return "\n".join(lines) + "\n"
