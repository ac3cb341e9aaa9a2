"""Negotiation labels as proposals change a draft: one way for `compile` and `apply`.

In a negotiation draft (shared/UN-RESOLUTIONS.md, "Negotiation drafts") labels never shift:
a base paragraph keeps its label (`PP3`, `OP5`, `OP3 bis`) whatever is inserted or deleted
around it, a deleted paragraph's label stays unused, and a new paragraph is labelled after
the one it follows (`OP5 bis`, then `OP5 ter`). `compile` labels the new paragraphs of its
compilation text with a `Labeller`, and `apply` labels the new paragraphs of an amended
draft with the same one, so that the draft a delegate gets back from `apply` carries the
labels the facilitator's compilation showed.

A new label is never one the base already carries (after `OP3` in a draft that holds
`OP3 bis`, the new paragraph is `OP3 ter`), and it counts on from the suffix of the label it
follows (after `OP3 bis`, `OP3 ter`, never `OP3 bis bis`): a label used twice is a fault
`check` reports as an error, and two paragraphs a list could not tell apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import LABEL_SUFFIXES, Provision, Resolution, letters, roman_label

SUFFIXES = LABEL_SUFFIXES
"""Latin suffixes of new paragraphs in negotiation drafts; past the tenth, a number."""
# A label's stem and its suffix: `OP3` + `bis`, `PP5` + `alt`, `OP16 (a)` + `ter`.
_SUFFIXED = re.compile(r"^(?P<stem>.*\)|(?:PP|OP)\d+)(?:\s+(?P<suffix>\S.*))?$")


def suffix(n: int) -> str:
    """1 -> bis, 2 -> ter, ...; 10 and over: a number (`OP5 11`, never reached in practice)."""
    return SUFFIXES[n - 1] if n <= len(SUFFIXES) else str(n + 1)


def labels(base: Resolution) -> dict[str, str]:
    """Negotiation labels of the base provisions: `PP3` (position among the preambular
    paragraphs, or the label a negotiation draft prints: `PP3 bis`, then `PP4`), `OP5` (the
    printed number), `OP16 (a)`, `OP16 (a) (ii)`."""
    out: dict[str, str] = {}
    pp = 0
    for p in base.provisions:
        if p.parent_id is not None:
            out[p.id] = f"{out[p.parent_id]} ({p.number or p.default_number})"
        elif p.part == "pp":
            pp += 1
            out[p.id] = f"PP{p.number or pp}"
        else:
            out[p.id] = f"OP{p.number or p.default_number}"
    return out


@dataclass(frozen=True)
class _Placed:
    """A provision the text has placed, as the labels of what follows see it: its label, and
    the base provision it is (None for a new one)."""

    label: str
    base_id: str | None = None


class Labeller:
    """Labels for the new paragraphs of one text, in the order they are placed.

    Walk the base in order: `pieces(p, position, shape)` for each run of new provisions put
    before or after base provision `p` (an insertion, a moved paragraph, the pieces of a
    split after the first), and `passed(p)` once `p` itself is placed. The labeller keeps
    the trail of what stands last at each depth (`trail[d]`: the last provision placed at
    depth d under the one at `trail[d - 1]`), as a reader of the text would meet them, so
    that a new subparagraph is labelled under the paragraph it will belong to in the text,
    whichever run (or base provision) placed that paragraph."""

    def __init__(self, base: Resolution) -> None:
        self.base = base
        self.label = labels(base)
        self.used = set(self.label.values())
        self.previous: dict[tuple[str | None, str], str] = {}  # (parent, part) -> label of the last sibling
        self.lettered: dict[str, int] = {}  # label of a parent whose subparagraphs are lettered -> how many
        self.trail: list[_Placed] = []
        self.placed: set[str] = set()  # base provisions placed (a split's own piece before `passed`)
        self.parents = {p.parent_id for p in base.provisions if p.parent_id is not None}

    def _next(self, after: str) -> str:
        """The first label after `after` counting on from its suffix that no paragraph has."""
        m = _SUFFIXED.match(after)
        stem, start = after, 1
        if m is not None:
            stem = m["stem"]
            if m["suffix"] in SUFFIXES:
                start = SUFFIXES.index(m["suffix"]) + 2
            elif m["suffix"] is not None and not m["suffix"].startswith("alt"):
                stem = after  # a number past decies or something unknown: count on it as it is
        n = start
        while f"{stem} {suffix(n)}" in self.used:
            n += 1
        found = f"{stem} {suffix(n)}"
        self.used.add(found)
        return found

    def _stem_before(self, p: Provision) -> str:
        sibling = self.previous.get((p.parent_id, p.part))
        if sibling:
            return sibling
        return f"{self.label[p.parent_id]} (0)" if p.parent_id else f"{p.part.upper()}0"

    def stem(self, p: Provision, position: str, part: str) -> str:
        """The label a new paragraph of `part` standing after (before) `p` counts on. In
        `p`'s part, `p` itself (before it: its previous sibling). In the other part (an
        operative paragraph moved to follow the last preambular one, a preambular one
        inserted before OP1), the last paragraph of its own part so far, else `OP0`
        (`PP0`): its label says its part, never `PP3 bis` for an operative paragraph."""
        if part != p.part:
            return self.previous.get((None, part)) or f"{part.upper()}0"
        return self.label[p.id] if position == "after" else self._stem_before(p)

    def label_new(self, p: Provision, position: str, part: str, depth: int | None = None) -> str:
        """The label of a new paragraph of `part` placed after (before) base provision `p`.
        A paragraph placed after a subparagraph (after the last of `OP2`'s) counts on the
        paragraph it stands in: `OP2 bis`, never `OP2 (b) bis`."""
        while depth is not None and depth < p.depth and p.parent_id is not None:
            p = self.base.provision(p.parent_id)
        return self._next(self.stem(p, position, part))

    def _place(self, depth: int, placed: _Placed) -> None:
        del self.trail[depth:]
        self.trail.append(placed)

    def _subparagraph(self, depth: int) -> str | None:
        """The label of a new subparagraph of `depth` placed next in the text: under the
        provision it will belong to (the last placed one level up), whichever placed it.

        - Under a new provision, or a base one that has no subparagraphs: lettered on
          (`OP0 bis (a)`, `OP5 (a)`, then `(b)` in a later run).
        - Under a base provision that has subparagraphs: hung on the one it follows
          (`OP5 (b) bis`), and before its first, on `(0)` as a paragraph before the first is
          on `OP0`: `OP5 (0) bis`, which the reader reads as OP5's subparagraph standing
          before its (a).

        None when nothing stands one level up (the text has no valid structure there)."""
        if depth > len(self.trail):
            return None
        parent = self.trail[depth - 1]
        if parent.base_id is None or parent.base_id not in self.parents:
            n = self.lettered.get(parent.label, 0) + 1
            self.lettered[parent.label] = n
            label = f"{parent.label} ({letters(n) if depth == 1 else roman_label(n)})"
            self.used.add(label)
            return label
        sibling = self.trail[depth].label if depth < len(self.trail) else f"{parent.label} (0)"
        return self._next(sibling)

    def pieces(self, p: Provision, position: str, shape: Sequence[tuple[str, int]]) -> list[str]:
        """Labels of new provisions placed together before (after) base provision `p`, in
        order, each given as (part, depth): a paragraph is labelled after the one it follows
        (`label_new`), a subparagraph under the provision it will belong to in the text
        (`_subparagraph`). `compile` and `apply` both label through here, so they use up the
        same suffixes and agree on every label."""
        if position == "after" and p.id not in self.placed:
            self._placed_base(p)  # a split's further pieces follow it before it is `passed`
        out: list[str] = []
        for part, depth in shape:
            found = self._subparagraph(depth) if depth else None
            label = found if found is not None else self.label_new(p, position, part, depth)
            self._place(depth if found is not None else 0, _Placed(label))
            out.append(label)
        return out

    def _placed_base(self, p: Provision) -> None:
        self.placed.add(p.id)
        self._place(p.depth, _Placed(self.label[p.id], p.id))

    def passed(self, p: Provision) -> None:
        """`p` is placed: new provisions after it count on its label."""
        self.previous[(p.parent_id, p.part)] = self.label[p.id]
        if p.id not in self.placed:
            self._placed_base(p)


def number_of(label: str) -> str:
    """The printed number a paragraph label stands for: `OP3 bis` -> `3 bis`, `PP2` -> `2`."""
    return label[2:] if label[:2] in ("PP", "OP") else label
