"""Benchmark texts: loading the clean base texts and writing synthetic ones.

The accuracy harness builds `Resolution` models directly from clean one-paragraph-per-line
files (`data/base/*.txt`), so that what it measures is the aligner, not the reader's
handling of PDF furniture. The speed harness does the opposite: it writes raw typed text,
so that `resdiff diff` is timed end to end, reader included.

Base file format: `# key: value` header lines (language, symbol, title, body-line, from), then one provision
per line: `12. text` is an operative paragraph, `  (a) text` a subparagraph of the one
before, anything else a preambular paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from engine.model import Metadata, Provision, Resolution, renumber

DATA = Path(__file__).resolve().parent / "data"
BASES = {
    "zh": ["zh-hrc-25-3"],
    "en": ["en-a-c3-78-l41", "en-a-res-51-100"],
}
HELDOUT = {
    "zh": [
        "zh-a-res-51-102",
        "zh-a-res-51-107",
        "zh-a-res-52-131",
        "zh-a-res-53-158",
        "zh-a-res-55-109",
        "zh-a-res-55-114",
    ],
    "en": [
        "en-a-hrc-res-16-9",
        "en-a-hrc-res-37-23",
        "en-a-res-51-102",
        "en-e-cn4-res-1997-34",
        "en-e-cn4-res-1998-81",
        "en-e-cn4-res-2000-70",
    ],
}
"""Base texts (`data/heldout/`) of the held-out typed-draft sets: corpus excerpts taken from
`history/` and cut before their truncated last provision. Their typed variants are not for
tuning the reader (see README), so their score is the honest estimate."""
OP_LINE = re.compile(r"^(\d+)\.\s+(.*)$")
SUB_LINE = re.compile(r"^\s+\(([a-z]+)\)\s+(.*)$")


@dataclass(frozen=True)
class Para:
    """A provision before it has an id: part ("pp"/"op"), depth (0 paragraph, 1 sub)."""

    text: str
    part: str
    depth: int = 0


def load_base(name: str, folder: str = "base") -> tuple[dict[str, str], list[Para]]:
    meta: dict[str, str] = {}
    paras: list[Para] = []
    for line in (DATA / folder / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if line.startswith("# "):
            key, _, value = line[2:].partition(": ")
            meta[key] = value
        elif m := SUB_LINE.match(line):
            paras.append(Para(m[2].strip(), paras[-1].part, 1))
        elif m := OP_LINE.match(line):
            paras.append(Para(m[2].strip(), "op"))
        else:
            paras.append(Para(line.strip(), "pp"))
    return meta, paras


def foreign_paragraphs(lang: str) -> list[str]:
    """Complete paragraphs of *other* corpus texts, for insertion programmes."""
    return (DATA / f"foreign.{lang}.txt").read_text(encoding="utf-8").splitlines()


def placeholder_id(para: Para) -> str:
    return para.part + "0" + ".a" * para.depth


def build(paras: list[Para], lang: str, symbol: str | None = None) -> Resolution:
    """A model of the paragraphs in order, with positional ids from `renumber`."""
    provisions = renumber(
        Provision(id=placeholder_id(p), kind="subparagraph" if p.depth else "preamble", text=p.text)
        for p in paras
    )
    return Resolution(meta=Metadata(language=lang, extent="full", symbol=symbol), provisions=provisions)


BODY_LINES = {"zh": "人权理事会，", "en": "The Human Rights Council,"}


def raw_text(paras: list[Para], lang: str, title: str) -> str:
    """Typed text as a delegate would paste it: title, body line, paragraphs separated by
    blank lines, operative paragraphs numbered `1.`, subparagraphs lettered `(a)`."""
    out = [title, "", BODY_LINES[lang], ""]
    op = sub = 0
    for p in paras:
        if p.depth:
            sub += 1
            out.append(f"({chr(ord('a') + (sub - 1) % 26) * (1 + (sub - 1) // 26)}) {p.text}")
        elif p.part == "op":
            op, sub = op + 1, 0
            out.append(f"{op}. {p.text}")
        else:
            out.append(p.text)
        out.append("")
    return "\n".join(out)
