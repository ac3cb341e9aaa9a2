"""Real successive versions, labelled by hand: loading `gold/*.json` safely.

The corpus texts are excerpts that stop at different places, often mid-word. Rule used for
every pair (documented in each file's `notes`):

1. A trailing truncated provision is dropped, on its side and, if it has a counterpart, on
   the other side too.
2. Both sides are then cut to the prefix in which every kept provision's fate is *visible*:
   a provision whose counterpart could lie beyond the end of the other excerpt is left out.
3. The gold is the alignment of these two cut texts, read paragraph by paragraph.

The gold is keyed by the provision ids of the reader's parse, and stores the first
characters of each provision's text. Loading re-parses the raw files and checks that every
id still starts with its stored prefix, so a reader change that shifts ids fails loudly
instead of silently scoring garbage.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from engine.model import Resolution
from engine.read import read_path

from .moves import moved_flags
from .score import Group
from .texts import DATA

GOLD = Path(__file__).resolve().parent / "gold"


class GoldMismatch(Exception):
    """The parse no longer matches what the gold was labelled against."""


@dataclass(frozen=True)
class RealPair:
    name: str
    lang: str
    old: Resolution
    new: Resolution
    gold: tuple[Group, ...]
    notes: str
    heldout: bool = False
    """Labelled after the aligner's rules were written, and never tuned on."""


def loose(text: str) -> str:
    """Compare prefixes without whitespace, width or case: OCR spacing repairs and
    punctuation-width normalisation in the reader must not count as an id shift."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def cut(res: Resolution, prefixes: dict[str, str], where: str) -> Resolution:
    ids = [p.id for p in res.provisions]
    keep = list(prefixes)
    if ids[: len(keep)] != keep:
        raise GoldMismatch(f"{where}: parse has ids {ids[: len(keep) + 1]}, gold expects {keep}")
    for pid, prefix in prefixes.items():
        text = res.provision(pid).text
        if not loose(text).startswith(loose(prefix)):
            raise GoldMismatch(f"{where}: {pid} reads {text[:40]!r}, gold expects {prefix!r}…")
    return replace(res, provisions=res.provisions[: len(keep)])


def load(path: Path) -> RealPair:
    data = json.loads(path.read_text(encoding="utf-8"))
    sides = {}
    for side in ("old", "new"):
        spec = data[side]
        res = read_path(DATA / spec["file"], lang=data["lang"])
        sides[side] = cut(res, spec["prefixes"], f"{path.name} {side} {spec['file']}")
    gold = tuple(Group(g["kind"], tuple(g["old"]), tuple(g["new"]), g["moved"]) for g in data["groups"])
    mentioned = {("old", i) for g in gold for i in g.old} | {("new", i) for g in gold for i in g.new}
    for side in ("old", "new"):
        missing = [pid for pid in data[side]["prefixes"] if (side, pid) not in mentioned]
        if missing:
            raise GoldMismatch(f"{path.name}: {side} {missing} kept but given no fate")
    linked = [g for g in gold if g.old and g.new]
    expected = moved_flags(
        [(g.old, g.new) for g in linked], list(data["old"]["prefixes"]), list(data["new"]["prefixes"])
    )
    for g, flag in zip(linked, expected, strict=True):
        if g.moved != flag:
            raise GoldMismatch(f"{path.name}: {g.old}->{g.new} moved={g.moved}, the move rule says {flag}")
    return RealPair(
        data["name"], data["lang"], sides["old"], sides["new"], gold, data["notes"], bool(data.get("heldout"))
    )


def load_all() -> list[RealPair]:
    return [load(p) for p in sorted(GOLD.glob("*.json"))]
