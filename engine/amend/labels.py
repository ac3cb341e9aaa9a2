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


class Labeller:
    """Labels for the new paragraphs of one text, in the order they are placed.

    Walk the base in order: `label_new(p, position, part)` for each new paragraph put
    before or after base provision `p` (an insertion, a moved paragraph, a piece of a
    split), and `passed(p)` once `p` itself is placed."""

    def __init__(self, base: Resolution) -> None:
        self.base = base
        self.label = labels(base)
        self.used = set(self.label.values())
        self.previous: dict[tuple[str | None, str], str] = {}  # (parent, part) -> label of the last sibling
        self.lettered: dict[str, int] = {}  # base provision without subparagraphs -> how many it was given

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
        """The label a new provision of `part` standing after (before) `p` counts on. In
        `p`'s part, `p` itself (before it: its previous sibling). In the other part (an
        operative paragraph moved to follow the last preambular one, a preambular one
        inserted before OP1), the last paragraph of its own part so far, else `OP0`
        (`PP0`): its label says its part, never `PP3 bis` for an operative paragraph."""
        if part != p.part:
            return self.previous.get((None, part)) or f"{part.upper()}0"
        return self.label[p.id] if position == "after" else self._stem_before(p)

    def label_new(self, p: Provision, position: str, part: str, depth: int | None = None) -> str:
        """The label of a new provision of `part` (and `depth`) placed after (before) base
        provision `p`. A paragraph placed after a subparagraph (after the last of `OP2`'s)
        counts on the paragraph it stands in: `OP2 bis`, never `OP2 (b) bis`."""
        while depth is not None and depth < p.depth and p.parent_id is not None:
            p = self.base.provision(p.parent_id)
        return self._next(self.stem(p, position, part))

    def pieces(self, p: Provision, position: str, shape: Sequence[tuple[str, int]]) -> list[str]:
        """Labels of new provisions placed together before (after) base provision `p`, in
        order, each given as (part, depth): a paragraph is labelled after the one it follows
        (`label_new`); a subparagraph under a new paragraph of the run is lettered under it
        (`OP3 bis (a)`); one with no new paragraph before it in the run is labelled after `p`
        as a paragraph is (`OP3 (b) bis`). `compile` and `apply` both label through here, so
        they use up the same suffixes and agree on every label."""
        out: list[str] = []
        parents: list[str] = []  # labels of the run's open ancestors
        children: list[int] = []  # how many children each has so far
        under = position == "after" and bool(shape) and self._childless(p, shape[0])
        if under:
            # The run opens with subparagraphs of `p`, which has none in the base: they are
            # its own, lettered under it (`OP1 (a)`, then on from what earlier runs lettered),
            # never labelled as paragraphs after it (`OP1 bis`, which reads back as a
            # paragraph of its own).
            parents = [*self._ancestors(p), self.label[p.id]]
            children = [0] * p.depth + [self.lettered.get(p.id, 0)]
        for part, depth in shape:
            if depth == 0 or depth > len(parents):
                under = False
                label = self.label_new(p, position, part, depth)
                parents, children = ([label], [0]) if depth == 0 else ([], [])
            else:
                del parents[depth:], children[depth:]
                children[-1] += 1
                n = children[-1]
                label = f"{parents[-1]} ({letters(n) if depth == 1 else roman_label(n)})"
                if under and depth == p.depth + 1:
                    self.lettered[p.id] = n
                self.used.add(label)
                parents.append(label)
                children.append(0)
            out.append(label)
        return out

    def _childless(self, p: Provision, first: tuple[str, int]) -> bool:
        """Whether a run after `p` opening with `first` (part, depth) gives `p` its first
        subparagraphs: one level deeper, in `p`'s part, and `p` has none in the base."""
        part, depth = first
        if part != p.part or depth != p.depth + 1:
            return False
        return not any(q.parent_id == p.id for q in self.base.provisions)

    def _ancestors(self, p: Provision) -> list[str]:
        """Labels of `p`'s ancestors, outermost first."""
        out: list[str] = []
        q = p
        while q.parent_id is not None:
            q = self.base.provision(q.parent_id)
            out.insert(0, self.label[q.id])
        return out

    def passed(self, p: Provision) -> None:
        """`p` is placed: new provisions after it count on its label."""
        self.previous[(p.parent_id, p.part)] = self.label[p.id]


def number_of(label: str) -> str:
    """The printed number a paragraph label stands for: `OP3 bis` -> `3 bis`, `PP2` -> `2`."""
    return label[2:] if label[:2] in ("PP", "OP") else label
