"""Mutation programmes: edited versions of real texts whose gold alignment is known.

Each programme edits a list of `Item`s (a paragraph and the old provisions it came from)
the way negotiators edit a draft: reword a phrase, swap a verb, update a reference, delete a
paragraph, insert one from another resolution, move one, move a preambular paragraph into
the operative part, split one (into two paragraphs, or into a chapeau with lettered
subparagraphs), merge two. Because every edit records where each paragraph came from, the
gold groups follow by construction. Everything is driven by a seeded `random.Random`, so
the same seed gives the same cases on every machine.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from engine.model import Resolution

from .moves import moved_flags
from .score import Group
from .texts import Para, build

# --- the paragraphs being edited ------------------------------------------------------


@dataclass(frozen=True)
class Item:
    para: Para
    origin: tuple[int, ...]  # indexes of the old provisions it came from; () = inserted


class Skip(Exception):
    """The programme does not apply to this text (nothing long enough to split, say)."""


def paragraphs(items: list[Item], *, part: str | None = None, childless: bool = True) -> list[int]:
    """Indexes of top-level paragraphs (optionally of one part, optionally without subs)."""
    out = []
    for k, it in enumerate(items):
        if it.para.depth or (part and it.para.part != part):
            continue
        has_children = k + 1 < len(items) and items[k + 1].para.depth > 0
        if childless and has_children:
            continue
        out.append(k)
    return out


def slots(items: list[Item], part: str) -> list[int]:
    """Positions where a top-level paragraph of `part` may be inserted: not inside a
    paragraph's run of subparagraphs, and keeping the preamble before the operative part."""
    out = []
    for k in range(len(items) + 1):
        if k < len(items) and items[k].para.depth:
            continue
        if part == "pp" and any(it.para.part == "op" for it in items[:k]):
            continue
        if part == "op" and any(it.para.part == "pp" for it in items[k:]):
            continue
        out.append(k)
    return out


# --- rewording ---------------------------------------------------------------------------

OPENINGS = {
    "en": [
        ("Encourages", "Urges"),
        ("Urges", "Strongly urges"),
        ("Calls upon", "Urges"),
        ("Requests", "Invites"),
        ("Welcomes", "Notes with appreciation"),
        ("Notes", "Takes note of"),
        ("Also calls upon", "Further calls upon"),
        ("Expresses serious concern", "Expresses deep concern"),
        ("Condemns", "Strongly condemns"),
        ("Recalling", "Recalling also"),
        ("Reaffirming", "Reiterating"),
        ("Welcoming", "Noting"),
        ("Guided by", "Inspired by"),
        ("Recognizing", "Acknowledging"),
        ("Takes note", "Notes"),
    ],
    "zh": [
        ("鼓励", "敦促"),
        ("敦促", "促请"),
        ("促请", "吁请"),
        ("吁请", "促请"),
        ("请", "又请"),
        ("欢迎", "赞赏"),
        ("注意到", "又注意到"),
        ("重申", "再次重申"),
        ("回顾", "又回顾"),
        ("强调", "着重指出"),
        ("确认", "认识到"),
        ("决定", "又决定"),
        ("着重指出", "强调"),
    ],
}
PHRASES = {
    "en": ["and capacity-building", "in accordance with international law", "as a matter of priority"],
    "zh": ["和能力建设", "依照国际法", "作为优先事项", "并酌情"],
}
NUMBER = re.compile(r"\d+(?:/\d+)?")


def swap_opening(text: str, lang: str, rng: random.Random) -> str:
    for old, new in OPENINGS[lang]:
        if text.startswith(old):
            return new + text[len(old) :]
    raise Skip("no known opening")


def change_number(text: str, lang: str, rng: random.Random) -> str:
    found = list(NUMBER.finditer(text))
    if not found:
        raise Skip("no number")
    m = rng.choice(found)
    parts = m.group().split("/")
    parts[-1] = str(int(parts[-1]) + rng.randint(1, 3))
    return text[: m.start()] + "/".join(parts) + text[m.end() :]


def cut_points(text: str, lang: str) -> list[int]:
    """Word boundaries (en) or character positions between CJK characters (zh)."""
    if lang == "zh":
        return [k for k in range(2, len(text) - 2) if "\u4e00" <= text[k] <= "\u9fff"]
    return [m.start() for m in re.finditer(r" (?=[a-z])", text)]


def insert_phrase(text: str, lang: str, rng: random.Random) -> str:
    points = cut_points(text, lang)
    if not points:
        raise Skip("nowhere to insert")
    k = rng.choice(points)
    phrase = rng.choice(PHRASES[lang])
    return text[:k] + (phrase if lang == "zh" else " " + phrase) + text[k:]


def delete_span(text: str, lang: str, rng: random.Random) -> str:
    points = cut_points(text, lang)
    if len(points) < 12:
        raise Skip("too short to cut")
    k = rng.randrange(len(points) - 6)
    width = rng.randint(2, 5)
    return text[: points[k]] + text[points[k + width] :]


EDITS: list[Callable[[str, str, random.Random], str]] = [
    swap_opening,
    change_number,
    insert_phrase,
    delete_span,
]


def reword(text: str, lang: str, rng: random.Random, edits: int) -> str:
    """Apply `edits` random edits that apply; the result always differs from the input."""
    out = text
    tries = 0
    done = 0
    while done < edits and tries < 40:
        tries += 1
        try:
            candidate = rng.choice(EDITS)(out, lang, rng)
        except Skip:
            continue
        if candidate != out:
            out, done = candidate, done + 1
    if out == text:
        raise Skip("could not reword")
    return out


# --- splitting and merging -----------------------------------------------------------------

CLAUSE = {"en": re.compile(r"(?<=[,;]) (?=[a-z])"), "zh": re.compile(r"(?<=[，；,;])")}
END = {"en": ";", "zh": "；"}
COLON = {"en": ":", "zh": "："}


def clauses(text: str, lang: str) -> list[str]:
    """Cut a paragraph at clause punctuation into pieces of reasonable length."""
    cuts = [m.start() for m in CLAUSE[lang].finditer(text)]
    pieces, start = [], 0
    minimum = max(12, len(text) // 6)
    for c in cuts:
        if c - start >= minimum and len(text) - c >= minimum:
            pieces.append(text[start:c].strip())
            start = c
    pieces.append(text[start:].strip())
    return pieces


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def split_two(text: str, lang: str) -> list[str]:
    pieces = clauses(text, lang)
    if len(pieces) < 2:
        raise Skip("no clause boundary")
    mid = len(pieces) // 2
    first = "".join(pieces[:mid]) if lang == "zh" else " ".join(pieces[:mid])
    second = "".join(pieces[mid:]) if lang == "zh" else " ".join(pieces[mid:])
    return [first, cap(second)]


def split_chapeau(text: str, lang: str) -> list[str]:
    """`Calls upon States to do A, to do B and to do C;` -> chapeau + (a) (b) (c)."""
    pieces = clauses(text, lang)
    if len(pieces) < 3:
        raise Skip("fewer than three clauses")
    chapeau = pieces[0].rstrip(",;，；") + COLON[lang]
    subs = [p.rstrip(",;，；") + END[lang] for p in pieces[1:-1]] + [pieces[-1]]
    return [chapeau, *(cap(s) if lang == "en" else s for s in subs)]


def merge_two(a: str, b: str, lang: str) -> str:
    head = a.rstrip(",;，；。.")
    if lang == "zh":
        return head + "，" + b
    return head + ", and " + (b[:1].lower() + b[1:] if not b[:2].isupper() else b)


# --- programmes ------------------------------------------------------------------------------


@dataclass
class Ctx:
    items: list[Item]
    lang: str
    rng: random.Random
    foreign: list[str]
    touched: set[int]  # origins already edited, so combined edits do not pile on one item

    def pick(self, candidates: list[int]) -> int:
        free = [k for k in candidates if not set(self.items[k].origin) & self.touched]
        if not free:
            raise Skip("nothing left to edit")
        k = self.rng.choice(free)
        self.touched.update(self.items[k].origin)
        return k


def p_reword(ctx: Ctx, edits: int = 1) -> None:
    k = ctx.pick([i for i, it in enumerate(ctx.items) if it.origin])
    it = ctx.items[k]
    ctx.items[k] = replace(it, para=replace(it.para, text=reword(it.para.text, ctx.lang, ctx.rng, edits)))


def p_delete(ctx: Ctx) -> None:
    del ctx.items[ctx.pick(paragraphs(ctx.items))]


def p_insert(ctx: Ctx) -> None:
    part = ctx.rng.choice(["pp", "op"])
    k = ctx.rng.choice(slots(ctx.items, part))
    ctx.items.insert(k, Item(Para(ctx.rng.choice(ctx.foreign), part), ()))


def p_reword_beside_sibling(ctx: Ctx) -> None:
    """Reword a paragraph heavily and insert beside it a lightly reworded copy of another
    paragraph of the same text: an added paragraph in the same formulas and on the same
    subject, the usual bait for a false split or merge."""
    k = ctx.pick([i for i in paragraphs(ctx.items) if ctx.items[i].origin])
    it = ctx.items[k]
    others = [i for i in paragraphs(ctx.items) if i != k and ctx.items[i].origin]
    if not others:
        raise Skip("no sibling")
    sibling = reword(ctx.items[ctx.rng.choice(others)].para.text, ctx.lang, ctx.rng, 1)
    ctx.items[k] = replace(it, para=replace(it.para, text=reword(it.para.text, ctx.lang, ctx.rng, 4)))
    ctx.items.insert(k + ctx.rng.choice([0, 1]), Item(Para(sibling, it.para.part), ()))


def p_move(ctx: Ctx, direction: int) -> None:
    """Move a paragraph past at least two others (past one is a swap: no unique mover)."""
    for _ in range(20):
        k = ctx.pick(paragraphs(ctx.items))
        it = ctx.items.pop(k)
        targets = [s for s in slots(ctx.items, it.para.part) if (s - k) * direction >= 2]
        if targets:
            ctx.items.insert(ctx.rng.choice(targets), it)
            return
        ctx.items.insert(k, it)
        ctx.touched.difference_update(it.origin)
    raise Skip("no room to move")


def p_pp_to_op(ctx: Ctx) -> None:
    pps = paragraphs(ctx.items, part="pp")
    k = ctx.pick(pps[:-1] or pps)
    it = ctx.items.pop(k)
    ops = slots(ctx.items, "op")
    ctx.items.insert(ctx.rng.choice(ops[1:] or ops), replace(it, para=replace(it.para, part="op")))


def p_split(ctx: Ctx, chapeau: bool) -> None:
    candidates = [k for k in paragraphs(ctx.items) if ctx.items[k].origin and len(ctx.items[k].origin) == 1]
    ctx.rng.shuffle(candidates)
    for k in candidates:
        it = ctx.items[k]
        try:
            texts = (split_chapeau if chapeau else split_two)(it.para.text, ctx.lang)
        except Skip:
            continue
        if set(it.origin) & ctx.touched:
            continue
        ctx.touched.update(it.origin)
        depth = [0] + [1 if chapeau else 0] * (len(texts) - 1)
        ctx.items[k : k + 1] = [
            Item(Para(t, it.para.part, d), it.origin) for t, d in zip(texts, depth, strict=True)
        ]
        return
    raise Skip("nothing to split")


def p_merge(ctx: Ctx) -> None:
    tops = paragraphs(ctx.items)
    pairs = [
        k
        for k in tops
        if k + 1 in tops
        and ctx.items[k].para.part == ctx.items[k + 1].para.part
        and len(ctx.items[k].origin) == 1
        and len(ctx.items[k + 1].origin) == 1
    ]
    k = ctx.pick(pairs)
    a, b = ctx.items[k], ctx.items[k + 1]
    if set(b.origin) & ctx.touched:
        raise Skip("neighbour already edited")
    ctx.touched.update(b.origin)
    ctx.items[k : k + 2] = [
        Item(replace(a.para, text=merge_two(a.para.text, b.para.text, ctx.lang)), a.origin + b.origin)
    ]


Step = Callable[[Ctx], None]
PROGRAMMES: dict[str, list[Step]] = {
    "reword-1": [p_reword],
    "reword-3": [p_reword, p_reword, p_reword],
    "reword-heavy": [lambda c: p_reword(c, edits=4)],
    "delete": [p_delete],
    "insert": [p_insert],
    "reword-beside-sibling": [p_reword_beside_sibling],
    "move-forward": [lambda c: p_move(c, 1)],
    "move-backward": [lambda c: p_move(c, -1)],
    "pp-to-op": [p_pp_to_op],
    "split-two": [lambda c: p_split(c, chapeau=False)],
    "split-chapeau": [lambda c: p_split(c, chapeau=True)],
    "merge": [p_merge],
    "insert+delete+reword": [p_insert, p_delete, p_reword],
    "move+reword": [lambda c: p_move(c, 1), p_reword],
    "split+insert": [lambda c: p_split(c, chapeau=True), p_insert],
    "merge+move": [p_merge, lambda c: p_move(c, -1)],
    "everything": [
        p_reword,
        p_reword,
        p_delete,
        p_insert,
        lambda c: p_move(c, 1),
        lambda c: p_split(c, chapeau=False),
        p_merge,
    ],
}


# --- gold ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    lang: str
    old: Resolution
    new: Resolution
    gold: tuple[Group, ...]


def gold_groups(old: Resolution, new: Resolution, items: list[Item]) -> tuple[Group, ...]:
    """The groups that the recorded origins imply, with moved flags from `moves`."""
    new_ids = [p.id for p in new.provisions]
    old_ids = [p.id for p in old.provisions]
    by_origin: dict[tuple[int, ...], list[int]] = {}
    for j, it in enumerate(items):
        by_origin.setdefault(it.origin, []).append(j)
    groups: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = []
    for origin, js in by_origin.items():
        if not origin:
            groups.extend(("added", (), (new_ids[j],)) for j in js)
            continue
        olds = tuple(old_ids[i] for i in origin)
        news = tuple(new_ids[j] for j in js)
        if len(olds) > 1:
            kind = "merged"
        elif len(news) > 1:
            kind = "split"
        else:
            same = old.provisions[origin[0]].text == new.provisions[js[0]].text
            kind = "unchanged" if same else "reworded"
        groups.append((kind, olds, news))
    linked_old = {i for origin in by_origin for i in origin}
    groups.extend(("removed", (old_ids[i],), ()) for i in range(len(old_ids)) if i not in linked_old)
    linked = [(o, n) for _, o, n in groups if o and n]
    flags = iter(moved_flags(linked, old_ids, new_ids))
    return tuple(Group(k, o, n, next(flags) if o and n else False) for k, o, n in groups)


def make_case(
    name: str, lang: str, base: list[Para], steps: list[Step], seed: int, foreign: list[str]
) -> Case | None:
    rng = random.Random(f"{name}/{seed}")
    items = [Item(p, (i,)) for i, p in enumerate(base)]
    ctx = Ctx(items, lang, rng, foreign, set())
    try:
        for step in steps:
            step(ctx)
    except Skip:
        return None
    old = build(base, lang)
    new = build([it.para for it in ctx.items], lang)
    return Case(f"{name}#{seed}", lang, old, new, gold_groups(old, new, ctx.items))


def cases(lang: str, bases: dict[str, list[Para]], foreign: list[str], per_programme: int) -> list[Case]:
    """`per_programme` cases of every programme, spread over the bases, skipping those that
    do not apply (a five-paragraph text has nothing to split into a chapeau, say)."""
    out: list[Case] = []
    names = sorted(bases)
    for prog, steps in PROGRAMMES.items():
        made, seed = 0, 0
        while made < per_programme and seed < per_programme * 6:
            base_name = names[seed % len(names)]
            case = make_case(f"{lang}/{base_name}/{prog}", lang, bases[base_name], steps, seed, foreign)
            seed += 1
            if case is not None:
                out.append(case)
                made += 1
    return out
