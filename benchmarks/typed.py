"""Typed drafts through the reader: the mutation pairs as people type them, read end to end.

The mutation sets score the aligner on models, so a provision the reader loses is invisible
there. Here every mutated pair is also rendered as the raw text a drafter types or pastes
(title line, body line, one paragraph per block with a blank line between, operative
paragraphs `1.`, subparagraphs `(a)`), in three styles:

- `typed`: numbering as it should be;
- `hand-numbered`: the new version's operative numbers typed by hand after the edit, with
  one number skipped (`4.`, `6.`) or repeated (`3.`, `3.`);
- `labelled`: a negotiation draft (see "Negotiation drafts" in shared/UN-RESOLUTIONS.md):
  `PP1`, `OP1`…, a paragraph added later labelled after the one before it (`OP3 bis`,
  `OP3 ter`), labels that never shift when paragraphs move, merge or go.

Paragraphs without a lead word come from the programmes themselves: `split-two` leaves a
second half that starts with an ordinary word after a paragraph ending in `,` / `，`.

Both sides are read with `engine.read.read_bytes(..., lang="auto")` and aligned with
`engine.diff.compare`, as `resdiff diff` does. To score against the mutation's gold, each
read provision is matched to the gold provision of the same part, depth and text (loose:
no white space, width or case), in order (difflib's matching blocks over the two
sequences, so a repeated text cannot be matched out of order). A gold provision with no read counterpart
(glued to its neighbour, cut, read in the wrong part, label left in its text) is wrong end
to end, and the read provision that holds it is an extra the gold does not know; everything
else is scored as usual. The same pairs given as models are the aligner alone; the
difference between the two figures is what reading loses.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from engine.diff import compare
from engine.errors import ResdiffError
from engine.model import Provision, Resolution
from engine.read import read_bytes

from .accuracy import SetResult, predicted
from .mutate import Case, cases
from .realpairs import loose
from .score import Group, score
from .texts import Para, foreign_paragraphs

STYLES = ("typed", "hand-numbered", "labelled")
SUFFIXES = ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies")
"""Latin suffixes of inserted negotiation labels, in the order drafters use them."""


@dataclass(frozen=True)
class TypedCase:
    """One mutated pair in one typing style: the gold models and the texts typed from them."""

    name: str
    lang: str
    style: str
    heldout: bool
    old: Resolution
    new: Resolution
    gold: tuple[Group, ...]
    old_text: str
    new_text: str
    base_case: str  # the mutation case it was typed from (its models score once for all styles)


# --- typing -------------------------------------------------------------------------------


def sub_label(p: Provision) -> str:
    """`(a)`, `(ii)`: positional ids carry the letter or roman numeral a clean text prints."""
    return f"({p.id.rsplit('.', 1)[1]})"


def render(res: Resolution, labels: dict[str, str], title: str, body_line: str) -> str:
    """Title, body line, then each provision one block with a blank line after it; `labels`
    holds what is typed before a paragraph's text (`3. `, `OP3 bis `), by provision id."""
    out = [title, "", body_line, ""]
    for p in res.provisions:
        if p.depth:
            out.append(f"{sub_label(p)} {p.text}")
        else:
            out.append(labels.get(p.id, "") + p.text)
        out.append("")
    return "\n".join(out)


def operatives(res: Resolution) -> list[str]:
    return [p.id for p in res.provisions if p.depth == 0 and p.part == "op"]


def clean_numbers(res: Resolution) -> dict[str, str]:
    return {pid: f"{k}. " for k, pid in enumerate(operatives(res), 1)}


def faulty_numbers(res: Resolution, rng: random.Random) -> tuple[dict[str, str], str] | None:
    """Numbers typed by hand with one fault: from a random operative paragraph on, one
    number is skipped (a deletion not renumbered) or repeated (an insertion typed with the
    number of the paragraph before). None when there are fewer than two to get wrong."""
    ops = operatives(res)
    if len(ops) < 2:
        return None
    at = rng.randrange(1, len(ops))
    fault = rng.choice(("skip", "repeat"))
    out, n = {}, 0
    for k, pid in enumerate(ops):
        n += 1
        if k == at:
            n += 1 if fault == "skip" else -1
        out[pid] = f"{n}. "
    return out, f"{fault} at {ops[at]}"


def negotiation_labels(
    old: Resolution, new: Resolution, gold: Sequence[Group], sep: str
) -> tuple[dict[str, str], dict[str, str]]:
    """`PP1`…/`OP1`… on the old side; on the new side each paragraph keeps the label of the
    paragraph it came from (moved, reworded, first half of a split, first of a merge), and a
    paragraph with no label to keep (added, second half of a split, moved to the other part)
    is labelled after the paragraph before it in its part: `OP3 bis`, `OP3 ter`."""
    old_labels: dict[str, str] = {}
    count = Counter[str]()
    for p in old.provisions:
        if p.depth == 0:
            count[p.part] += 1
            old_labels[p.id] = f"{p.part.upper()}{count[p.part]}"
    came_from = {n: g.old for g in gold for n in g.new}
    used: set[str] = set()
    last: dict[str, int] = {}
    suffixes = Counter[tuple[str, int]]()
    new_labels: dict[str, str] = {}
    for p in new.provisions:
        if p.depth:
            continue
        kept = [
            old_labels[o]
            for o in came_from.get(p.id, ())
            if o in old_labels and o[:2] == p.part and old_labels[o] not in used
        ]
        if kept:
            label = kept[0]
            used.add(label)
            last[p.part] = int(label[2:])
        else:
            number = last.get(p.part, 0)
            k = suffixes[(p.part, number)]
            suffixes[(p.part, number)] += 1
            label = f"{p.part.upper()}{number} {SUFFIXES[k % len(SUFFIXES)]}"
        new_labels[p.id] = label
    return {k: v + sep for k, v in old_labels.items()}, {k: v + sep for k, v in new_labels.items()}


def typed(case: Case, meta: dict[str, str], heldout: bool) -> list[TypedCase]:
    """The case in every style that applies to it, each with its own seeded choices."""
    title, body = meta["title"], meta["body-line"]
    out = []
    for style in STYLES:
        rng = random.Random(f"typed/{case.name}/{style}")
        tag = style
        if style == "typed":
            old_labels, new_labels = clean_numbers(case.old), clean_numbers(case.new)
        elif style == "hand-numbered":
            faulty = faulty_numbers(case.new, rng)
            if faulty is None:
                continue
            old_labels, (new_labels, fault) = clean_numbers(case.old), faulty
            tag = f"{style}, {fault}"
        else:
            old_labels, new_labels = negotiation_labels(
                case.old, case.new, case.gold, rng.choice((" ", ". "))
            )
        out.append(
            TypedCase(
                name=f"{case.name} [{tag}]",
                lang=case.lang,
                style=style,
                heldout=heldout,
                old=case.old,
                new=case.new,
                gold=case.gold,
                old_text=render(case.old, old_labels, title, body),
                new_text=render(case.new, new_labels, title, body),
                base_case=case.name,
            )
        )
    return out


def typed_cases(
    lang: str, bases: dict[str, tuple[dict[str, str], list[Para]]], per_programme: int, heldout: bool
) -> tuple[list[Case], list[TypedCase]]:
    """The mutation cases of these bases (as `mutate.cases` makes them) and their typed forms."""
    made = cases(
        lang, {name: paras for name, (_, paras) in bases.items()}, foreign_paragraphs(lang), per_programme
    )
    return made, [t for c in made for t in typed(c, bases[c.name.split("/")[1]][0], heldout)]


# --- reading and scoring ----------------------------------------------------------------


def key(p: Provision) -> tuple[str, int, str]:
    return p.part, p.depth, loose(p.text)


def id_map(gold: Resolution, read: Resolution) -> dict[str, str]:
    """Read id -> gold id for every read provision with a gold counterpart."""
    a = [key(p) for p in gold.provisions]
    b = [key(p) for p in read.provisions]
    out = {}
    for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            out[read.provisions[block.b + k].id] = gold.provisions[block.a + k].id
    return out


LEFT_LABEL = re.compile(r"(?:(?:pp|op)\d*|\d+)(?:" + "|".join(SUFFIXES) + r")?[.)]?")
"""What a paragraph number or negotiation label looks like once `loose` has taken the space
and case out of it: `3.`, `op3bis.`, `pp` (a label whose number was read as a footnote)."""


def misreading(p: Provision, read: Resolution) -> str:
    """What became of a gold provision that has no read counterpart, in a few words."""
    mine = loose(p.text)
    if not mine:
        return "empty in the gold"
    for r in read.provisions:
        theirs = loose(r.text)
        if theirs == mine:
            return "read in another part or level"
        if theirs.endswith(mine) and LEFT_LABEL.fullmatch(theirs[: len(theirs) - len(mine)]):
            return "label or number left in the text"
        if mine in theirs:
            return "glued to a neighbour"
        if theirs and theirs in mine:
            return "cut in pieces"
    return "text read differently"


@dataclass
class TypedResult:
    """End-to-end and model scores of a set, and what the reader got wrong on the way."""

    e2e: SetResult = field(default_factory=SetResult)
    models: SetResult = field(default_factory=SetResult)
    gold_provisions: int = 0
    read_right: int = 0
    """Gold provisions (both sides) that the reader returned as one provision, right part and level."""
    wrong_language: int = 0
    errors: list[str] = field(default_factory=list)
    misread: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    def __iadd__(self, other: TypedResult) -> TypedResult:
        self.e2e.score += other.e2e.score
        self.e2e.misses += other.e2e.misses
        self.models.score += other.models.score
        self.models.misses += other.models.misses
        self.gold_provisions += other.gold_provisions
        self.read_right += other.read_right
        self.wrong_language += other.wrong_language
        self.errors += other.errors
        self.misread.update(other.misread)
        self.examples += other.examples
        return self


def read_side(text: str, source: str) -> tuple[Resolution | None, str]:
    try:
        return read_bytes(text.encode("utf-8"), lang="auto", source=source), ""
    except ResdiffError as exc:
        return None, str(exc)


def run_case(case: TypedCase, models: SetResult) -> TypedResult:
    """Read, align and score one typed pair; `models` is its mutation case scored on models."""
    out = TypedResult(models=models)
    sides: dict[str, tuple[Resolution, Resolution | None]] = {}
    for side, gold_res, text in (("old", case.old, case.old_text), ("new", case.new, case.new_text)):
        read, error = read_side(text, f"{case.name}:{side}")
        if error:
            out.errors.append(f"{case.name} {side}: {error}")
        elif read is not None and read.meta.language != case.lang:
            out.wrong_language += 1
        sides[side] = (gold_res, read)
    maps: dict[str, dict[str, str]] = {}
    for side, (gold_res, read) in sides.items():
        maps[side] = id_map(gold_res, read) if read is not None else {}
        out.gold_provisions += len(gold_res.provisions)
        out.read_right += len(maps[side])
        found = set(maps[side].values())
        for p in gold_res.provisions:
            if p.id in found:
                continue
            why = misreading(p, read) if read is not None else "text not read"
            out.misread[why] += 1
            out.examples.append(f"{case.name} | {side} {p.id} | {why} | {p.text[:40]}")
    old_read, new_read = sides["old"][1], sides["new"][1]
    if old_read is None or new_read is None:
        got: list[Group] = []
    else:
        got = [
            Group(
                g.kind,
                tuple(maps["old"].get(i, "?" + i) for i in g.old),
                tuple(maps["new"].get(i, "?" + i) for i in g.new),
                g.moved,
            )
            for g in predicted(compare(old_read, new_read))
        ]
    s, misses = score(case.gold, got)
    out.e2e.score += s
    out.e2e.misses.extend((case.name, m) for m in misses)
    return out


def combine(results: Sequence[TypedResult]) -> TypedResult:
    total = TypedResult()
    for r in results:
        total += r
    return total


def model_scores(cases: Sequence[Case]) -> dict[str, SetResult]:
    """Each mutation case aligned on its models, once (every style shares it)."""
    out = {}
    for c in cases:
        r = SetResult()
        s, misses = score(c.gold, predicted(compare(c.old, c.new)))
        r.score += s
        r.misses.extend((c.name, m) for m in misses)
        out[c.name] = r
    return out


def dump(cases: Sequence[TypedCase], folder: Path) -> None:
    """The typed texts, for reading when a case fails (`.work/typed/`)."""
    folder.mkdir(parents=True, exist_ok=True)
    for c in cases:
        stem = c.name.replace("/", "_").replace("#", "-").replace(" [", "_").replace("]", "")
        stem = stem.replace(", ", "_").replace(" ", "-")
        (folder / f"{stem}.old.txt").write_text(c.old_text, encoding="utf-8")
        (folder / f"{stem}.new.txt").write_text(c.new_text, encoding="utf-8")
