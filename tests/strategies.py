"""Hypothesis strategies that build valid resolution models.

Shared by the property tests of the canonical format, the JSON renderer and the aligner.
"""

from __future__ import annotations

from hypothesis import strategies as st

from engine.languages import LANGUAGES
from engine.model import Footnote, FootnoteRef, Metadata, Provision, Resolution, renumber

# One-line text: no control characters, surrogates or line/paragraph separators, and no
# white space at either end (the canonical format forbids them, as the reader never makes them).
line_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
    max_size=60,
).map(str.strip)
markers = st.from_regex(r"[0-9]{1,2}|[*a-z†]", fullmatch=True)
optional_text = st.none() | line_text


@st.composite
def provisions(draw: st.DrawFn) -> Provision:
    part = draw(st.sampled_from(["pp", "op"]))
    text = draw(line_text)
    offsets = sorted(draw(st.lists(st.integers(0, len(text)), max_size=3)))
    refs = tuple(FootnoteRef(draw(markers), at) for at in offsets)
    number = draw(st.none() | st.from_regex(r"[0-9a-z]{0,3}", fullmatch=True))
    return Provision(f"{part}0", "preamble", text, number if number is not None else "", refs)


@st.composite
def resolutions(draw: st.DrawFn) -> Resolution:
    paragraphs = draw(st.lists(provisions(), max_size=8))
    # Preambular before operative; subparagraphs hang under operative paragraphs only here.
    paragraphs.sort(key=lambda p: p.part != "pp")
    shaped: list[Provision] = []
    for p in paragraphs:
        shaped.append(p)
        if p.part == "op":
            for sub in draw(st.lists(provisions(), max_size=2)):
                shaped.append(Provision("op0.a", "subparagraph", sub.text, sub.number, sub.footnotes))
    ids = renumber(shaped)
    # A printed number equal to the positional one is the common case; keep it likely.
    final = tuple(
        p if draw(st.booleans()) else Provision(p.id, p.kind, p.text, p.default_number, p.footnotes)
        for p in ids
    )
    used = sorted({r.marker for p in final for r in p.footnotes})
    notes = tuple(Footnote(m, draw(line_text)) for m in used if draw(st.booleans()))
    meta = Metadata(
        language=draw(st.sampled_from(LANGUAGES)),
        extent=draw(st.sampled_from(["full", "excerpt"])),
        symbol=draw(optional_text),
        title=draw(optional_text),
        adopted=draw(st.none() | st.dates().map(lambda d: d.isoformat())),
        meeting=draw(st.none() | st.integers(0, 999)),
        vote=draw(optional_text),
        series=draw(optional_text),
    )
    return Resolution(meta, final, notes, draw(optional_text))


# Structural edits over a small vocabulary, so that texts overlap and every pass (coverage
# groups and chapeaux included) is exercised, not only anchors.
WORDS = st.sampled_from(
    ["Recalling", "also", "its", "resolution", "human", "rights", "the", "of", "States", "68/160"]
)
TEXT = st.lists(WORDS, min_size=1, max_size=12).map(" ".join)


@st.composite
def edited_pairs(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """Provision texts of an old version, and a new version made from them by random
    splits, merges, chapeaux, deletions, insertions and moves."""
    old = draw(st.lists(TEXT, min_size=1, max_size=10))
    new = list(old)
    for _ in range(draw(st.integers(0, 5))):
        edit = draw(st.sampled_from(["split", "merge", "chapeau", "delete", "insert", "move"]))
        k = draw(st.integers(0, max(len(new) - 1, 0)))
        if not new:
            new.append(draw(TEXT))
        elif edit == "split" and " " in new[k]:
            words = new[k].split(" ")
            cut = draw(st.integers(1, len(words) - 1))
            new[k : k + 1] = [" ".join(words[:cut]), " ".join(words[cut:])]
        elif edit == "merge" and k + 1 < len(new):
            new[k : k + 2] = [new[k] + ", " + new[k + 1]]
        elif edit == "chapeau":
            new.insert(k, new[k].split(" ")[0] + ":")
        elif edit == "delete":
            del new[k]
        elif edit == "insert":
            new.insert(k, draw(TEXT))
        elif edit == "move":
            new.insert(draw(st.integers(0, len(new) - 1)), new.pop(k))
    return old, new
