"""Amendments: derive a list from a diff, apply it back, the JSON form and its schema.

The central property (issue 12): applying the derived list to the old text gives the new
one (same ids, kinds and provision texts, formatting folded), on every successive pair of
the shipped history and on hypothesis-made pairs; the failures name the amendment.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.align import fold
from engine.amend import (
    AmendmentList,
    DeleteProvision,
    DeleteWords,
    InsertProvision,
    InsertWords,
    Merge,
    MoveProvision,
    Piece,
    ReplaceProvision,
    ReplaceWords,
    Split,
    apply,
    derive,
)
from engine.amend.jsonform import dumps, loads
from engine.amend.refs import HEADINGS, chinese_number, heading_text, reference
from engine.diff import compare
from engine.diff.heading import _words as heading_words
from engine.errors import AmendmentError
from engine.model import FootnoteRef, Provision, Resolution
from engine.store import canonical
from engine.store.history import History

from .helpers import resolution
from .strategies import WORDS, edited_pairs

ROOT = Path(__file__).parent.parent
HISTORY = History(ROOT / "history")
SCHEMA = ROOT / "engine" / "render" / "schemas" / "amendments.schema.json"


def successive_pairs() -> list[tuple[Path, Path]]:
    pairs = []
    for name in HISTORY.series_names():
        series = HISTORY.series(name)
        for lang in sorted({lang for v in series.versions for lang in v.languages}):
            paths = [HISTORY.path_for(name, lang, v.symbol) for v in series.versions if lang in v.languages]
            pairs += list(itertools.pairwise(paths))
    return pairs


def load(path: Path) -> Resolution:
    return canonical.loads(path.read_text(encoding="utf-8"), str(path))


def shape(res: Resolution, skip: frozenset[str] = frozenset()) -> list[tuple[str, str, str]]:
    return [(p.id, p.kind, "" if p.id in skip else fold(p.text)) for p in res.provisions]


def marked(res: Resolution, old: Resolution, new: Resolution, skip: frozenset[str]) -> list[str]:
    """Each provision's folded text with its footnote markers in it, a marker written as the
    footnote it refers to among those both versions have (markers are renumbered freely
    between versions, and a footnote only one version has is no amendment's to make)."""
    common = {fold(f.text) for f in old.footnotes} & {fold(f.text) for f in new.footnotes}
    key = {text: k for k, text in enumerate(sorted(common))}
    out = []
    for p in res.provisions:
        if p.id in skip:
            continue
        parts, previous = [], 0
        for ref in p.footnotes:
            parts.append(p.text[previous : ref.offset])
            previous = ref.offset
            found = key.get(fold(res.footnote_text(ref.marker) or ""))
            if found is not None:
                parts.append(f"[^{found}]")
        out.append(fold("".join(parts) + p.text[previous:]))
    return out


def headings(amended: Resolution, new: Resolution) -> tuple[list[list[str]], list[list[str]]]:
    """The words of the title and body line of each side, where both have them (a text
    typed without its title says nothing about it, so an amendment cannot either); words
    as `resdiff diff` compares headings (case, punctuation and spacing aside)."""
    pairs = [(amended.meta.title, new.meta.title), (amended.body_line, new.body_line)]
    kept = [(a, b) for a, b in pairs if a is not None and b is not None]
    return [heading_words(a) for a, _ in kept], [heading_words(b) for _, b in kept]


def cut_ids(old: Resolution, new: Resolution) -> frozenset[str]:
    """The new ids of a provision an excerpt cut short: 'unchanged as far as it goes', so no
    amendment says what the missing words are."""
    return frozenset(pid for c in compare(old, new).changes if c.cut for pid in c.new)


def round_trip(old: Resolution, new: Resolution) -> tuple[AmendmentList, Resolution]:
    amendments = derive(compare(old, new))
    return amendments, apply(old, amendments.amendments)


PAIRS = successive_pairs()


def pair_id(pair: tuple[Path, Path]) -> str:
    return f"{pair[0].parent.name}:{pair[0].stem}->{pair[1].stem}"


def test_the_history_has_pairs_in_english_and_chinese() -> None:
    assert len(PAIRS) >= 31
    assert {"en", "zh"} <= {old.parent.name for old, _ in PAIRS}


@pytest.mark.parametrize(
    "pair", PAIRS, ids=lambda pair: f"{pair[0].parent.name}:{pair[0].stem}->{pair[1].stem}"
)
def test_applying_the_derived_list_gives_the_new_text(pair: tuple[Path, Path]) -> None:
    old, new = load(pair[0]), load(pair[1])
    amendments, amended = round_trip(old, new)
    skip = cut_ids(old, new)
    assert shape(amended, skip) == shape(new, skip)
    got, want = headings(amended, new)
    assert got == want
    assert marked(amended, old, new, skip) == marked(new, old, new, skip)
    # ... and through the JSON form, which validates against its schema
    text = dumps(amendments)
    jsonschema.validate(json.loads(text), json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert loads(text) == amendments
    assert shape(apply(old, loads(text).amendments), skip) == shape(new, skip)


@pytest.mark.parametrize(
    "pair", PAIRS, ids=lambda pair: f"{pair[0].parent.name}:{pair[0].stem}->{pair[1].stem}"
)
def test_every_quoted_phrase_occurs_once_in_its_target(pair: tuple[Path, Path]) -> None:
    old = load(pair[0])
    amendments = derive(compare(old, load(pair[1])))
    for a in amendments.amendments:
        if not isinstance(a, ReplaceWords | DeleteWords | InsertWords):
            continue
        text = heading_text(old, a.target) if a.target in HEADINGS else None
        if isinstance(a, ReplaceWords | DeleteWords):
            assert (text or old.provision(a.target).text).count(a.old) == 1, a
        if isinstance(a, InsertWords):
            assert (text or old.provision(a.target).text).count(a.anchor) == 1, a


def test_schema_is_a_valid_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(SCHEMA.read_text(encoding="utf-8")))


# -- hypothesis ---------------------------------------------------------------------------


@st.composite
def amended_pairs(draw: st.DrawFn) -> tuple[Resolution, Resolution]:
    """An old and a new version: structural edits (split, merge, move, insert, delete) and
    word edits over a small vocabulary, so quoted words are often ambiguous; the preamble
    and operative part cut at random points on each side."""
    old, new = draw(edited_pairs())
    for _ in range(draw(st.integers(0, 4))):
        if not new:
            break
        k = draw(st.integers(0, len(new) - 1))
        words = new[k].split(" ")
        at = draw(st.integers(0, len(words)))
        edit = draw(st.sampled_from(["insert", "delete", "replace"]))
        if edit == "insert":
            words.insert(at, draw(WORDS))
        elif at < len(words) and len(words) > 1:
            if edit == "delete":
                del words[at]
            else:
                words[at] = draw(WORDS)
        new[k] = " ".join(words)
    cut_old = draw(st.integers(0, len(old)))
    cut_new = draw(st.integers(0, len(new)))
    return (
        resolution(old[:cut_old], old[cut_old:]),
        resolution(new[:cut_new], new[cut_new:]),
    )


@settings(max_examples=300, deadline=None)
@given(amended_pairs())
def test_apply_derive_is_the_new_text(pair: tuple[Resolution, Resolution]) -> None:
    old, new = pair
    amendments, amended = round_trip(old, new)
    assert shape(amended) == shape(new)
    assert loads(dumps(amendments)) == amendments


@settings(max_examples=100, deadline=None)
@given(amended_pairs())
def test_the_order_of_the_list_does_not_matter_but_for_one_place(pair: tuple[Resolution, Resolution]) -> None:
    """Amendments refer to the base as it stood: reversing the list changes nothing, as
    long as what is anchored at one place keeps its order."""
    old, new = pair
    amendments = derive(compare(old, new)).amendments
    placed = [a for a in amendments if isinstance(a, InsertProvision | MoveProvision)]
    others = [a for a in amendments if not isinstance(a, InsertProvision | MoveProvision)]
    assert shape(apply(old, others[::-1] + placed)) == shape(new)


# -- examples -----------------------------------------------------------------------------

OP = "Calls upon States to provide technical assistance to developing countries;"


def test_an_insertion_quotes_the_fewest_words_before_it_that_are_unique() -> None:
    old = resolution(["Recalling its resolution 23/3,"], [OP])
    new = resolution(
        ["Recalling its resolution 23/3,"],
        ["Calls upon States to provide technical assistance and capacity-building to developing countries;"],
    )
    assert derive(compare(old, new)).amendments == (
        InsertWords("op1", "operative paragraph 1", "assistance", "and capacity-building", "after"),
    )


def test_close_edits_are_one_replacement_and_a_heavy_rewrite_is_replaced_whole() -> None:
    old = resolution([], ["Strongly urges all States to cooperate fully with the special procedures;"])
    close = resolution([], ["Urges all Member States to cooperate fully with the special procedures;"])
    assert derive(compare(old, close)).amendments == (
        ReplaceWords("op1", "operative paragraph 1", "Strongly urges all", "Urges all Member"),
    )
    heavy = resolution(
        [],
        ["Urges States to engage constructively and in good faith with the special procedures;"],
    )
    (whole,) = derive(compare(old, heavy)).amendments
    assert isinstance(whole, ReplaceProvision) and whole.new == heavy.provisions[0].text


def test_renumbering_is_never_an_amendment() -> None:
    old = resolution([], ["Reaffirms A;", "Requests B;"])
    new = Resolution(old.meta, tuple(replace(p, number=str(int(p.number) + 4)) for p in old.provisions))
    assert derive(compare(old, new)).amendments == ()


def test_references_as_printed() -> None:
    base = load(HISTORY.find("A/HRC/RES/25/3", "zh"))
    assert reference(base, "pp3", "zh") == "序言部分第三段"
    assert reference(base, "op12", "zh") == "执行部分第12段"
    assert reference(base, "pp3", "en") == "the third preambular paragraph"
    assert reference(base, "op12", "en") == "operative paragraph 12"
    assert [chinese_number(n) for n in (1, 10, 12, 20, 35, 101, 110)] == [
        "一", "十", "十二", "二十", "三十五", "一百零一", "一百一十",
    ]  # fmt: skip


def test_subparagraph_references_use_letters() -> None:
    """A/RES/70/173 is an excerpt whose first operative paragraph is printed 18."""
    res = load(HISTORY.find("A/RES/70/173", "en"))
    assert reference(res, "op1.a", "en") == "operative paragraph 18 (a)"
    assert reference(res, "op1.a", "zh") == "执行部分第18(a)段"


# -- failures: what and where -------------------------------------------------------------

BASE = resolution(["Recalling its resolution 23/3 and its resolution 24/1,"], [OP, "Decides to continue;"])


def error(amendments: list) -> str:
    with pytest.raises(AmendmentError) as caught:
        apply(BASE, amendments)
    return str(caught.value)


def test_a_missing_target_is_named() -> None:
    assert error([DeleteProvision.one("op9", "operative paragraph 9")]) == (
        "amendment 1 (operative paragraph 9): the base text has no such provision (op9)"
    )


def test_ambiguous_and_missing_words_are_named() -> None:
    ref = "the first preambular paragraph"
    assert error([ReplaceWords("pp1", ref, "its resolution", "resolution")]) == (
        'amendment 1 (the first preambular paragraph): the words "its resolution" occur 2 times in it; '
        "quote more of them"
    )
    assert error([DeleteWords("pp1", ref, "Expressing")]) == (
        'amendment 1 (the first preambular paragraph): the words "Expressing" are not in it'
    )


def test_overlapping_amendments_are_refused() -> None:
    ref = "operative paragraph 1"
    assert (
        error(
            [
                ReplaceWords("op1", ref, "technical assistance", "support"),
                InsertWords("op1", ref, "assistance", "and capacity-building"),
            ]
        )
        == "amendment 2 (operative paragraph 1) overlaps amendment 1: both touch the same words"
    )
    assert error(
        [
            DeleteProvision.one("op2", "operative paragraph 2"),
            ReplaceProvision("op2", "operative paragraph 2", "x"),
        ]
    ) == ("amendment 2 (operative paragraph 2) overlaps amendment 1: both rewrite it")


def test_every_operation_applies() -> None:
    op1, op2 = "operative paragraph 1", "operative paragraph 2"
    amended = apply(
        BASE,
        [
            Split(
                "op1", op1, (Piece("Calls upon States:"), Piece("to provide technical assistance;", "op", 1))
            ),
            InsertProvision("op2", op2, (Piece("Decides also to act;"),), "before"),
            MoveProvision("pp1", "the first preambular paragraph", "op2", op2, "after", "op", 0),
            DeleteWords("op2", op2, "to continue"),
            InsertWords("op2", op2, "Decides", "to end", "after"),
        ],
    )
    assert [(p.id, p.number, p.text) for p in amended.provisions] == [
        ("op1", "1", "Calls upon States:"),
        ("op1.a", "a", "to provide technical assistance;"),
        ("op2", "2", "Decides also to act;"),
        ("op3", "3", "Decides to end;"),
        ("op4", "4", "Recalling its resolution 23/3 and its resolution 24/1,"),
    ]
    merged = apply(BASE, [Merge(("op1", "op2"), (op1, op2), Piece("Calls upon States and decides;"))])
    assert [p.text for p in merged.provisions] == [BASE.provisions[0].text, "Calls upon States and decides;"]


def test_a_malformed_json_list_names_the_amendment() -> None:
    data = {"schema": "resdiff.amendments/1", "language": "en", "amendments": [
        {"operation": "delete-provision", "targets": ["op1"], "refs": ["operative paragraph 1"]},
        {"operation": "delete-words", "target": "op1", "ref": "operative paragraph 1"},
    ]}  # fmt: skip
    with pytest.raises(AmendmentError, match=r"^list\.json: not a resdiff\.amendments/1 list: amendment 2: "):
        loads(json.dumps(data), "list.json")


# -- the title and the body line ------------------------------------------------------------

TITLED = Resolution(
    BASE.meta.__class__(
        language="en", title="Enhancement of international cooperation in the field of human"
    ),
    BASE.provisions,
    body_line="The Human Rights Council,",
)


def test_title_and_body_line_changes_are_amendments_and_apply() -> None:
    new = Resolution(
        replace(TITLED.meta, title="Enhancement of international cooperation in the field of human rights"),
        TITLED.provisions,
        body_line="The General Assembly,",
    )
    amendments = derive(compare(TITLED, new)).amendments
    assert amendments == (
        InsertWords("title", "the title", "human", "rights"),
        ReplaceProvision("body-line", "the body line", "The General Assembly,"),  # more than half rewritten
    )
    amended = apply(TITLED, amendments)
    assert (amended.meta.title, amended.body_line) == (new.meta.title, new.body_line)


def test_the_title_is_no_paragraph() -> None:
    with pytest.raises(AmendmentError) as caught:
        apply(TITLED, [DeleteProvision.one("title", "the title")])
    assert (
        str(caught.value)
        == "amendment 1 (the title): the title is not a paragraph; only its words can be amended"
    )
    with pytest.raises(AmendmentError) as caught:
        apply(BASE, [ReplaceProvision("title", "the title", "A title")])
    assert str(caught.value) == "amendment 1 (the title): the base text has no title"


# -- footnote markers of rewritten provisions ----------------------------------------------

L41 = load(HISTORY.find("A/C.3/78/L.41", "en"))


def markers(p: Provision) -> list[tuple[str, str]]:
    """Each marker and the ten characters before it."""
    return [(r.marker, p.text[max(0, r.offset - 10) : r.offset]) for r in p.footnotes]


def test_a_provision_replaced_whole_keeps_its_footnote_markers_by_their_words() -> None:
    pp1 = L41.provision("pp1")
    new = pp1.text.replace("Guided by", "Guided also by").replace("instruments", "treaties")
    (amended,) = [p for p in apply(L41, [ReplaceProvision("pp1", "pp", new)]).provisions if p.id == "pp1"]
    assert markers(amended) == markers(pp1) == [("1", "an Rights,"), ("2", "man Rights")]


def test_split_and_merged_provisions_keep_their_footnote_markers() -> None:
    op1 = L41.provision("op1")
    first, second = op1.text.split(" and the report of the Special Rapporteur")
    pieces = (Piece(first + ";"), Piece("Takes note also of the report of the Special Rapporteur" + second))
    amended = apply(L41, [Split("op1", "operative paragraph 1", pieces)])
    assert markers(amended.provision("op1")) == [("5", "ion 77/228")]
    assert markers(amended.provision("op2")) == [("6", "c of Iran,")]
    merged = apply(
        L41,
        [
            Merge(
                ("pp1", "pp2"),
                ("pp", "pp"),
                Piece(L41.provision("pp1").text[:-1] + " and " + L41.provision("pp2").text, "pp"),
            )
        ],
    )
    assert [m for m, _ in markers(merged.provision("pp1"))] == ["1", "2"]


def test_a_marker_whose_words_are_gone_ends_the_text_rather_than_vanish() -> None:
    amended = apply(L41, [ReplaceProvision("pp1", "pp", "Guided by the Charter,")])
    assert amended.provision("pp1").footnotes == (FootnoteRef("1", 22), FootnoteRef("2", 22))


TITLE_WORDS = st.lists(
    st.sampled_from(["Enhancement", "of", "international", "cooperation", "human", "rights"]),
    min_size=1,
    max_size=8,
)


@settings(max_examples=100, deadline=None)
@given(TITLE_WORDS, TITLE_WORDS, st.sampled_from(["en", "zh"]))
def test_title_changes_apply_and_read_back(old_words: list[str], new_words: list[str], language: str) -> None:
    from engine.amend.parse import parse
    from engine.amend.text import render_text

    join = "".join if language == "zh" else " ".join
    old = resolution(["Recalling;"], ["Decides;"], language=language).with_meta(title=join(old_words))
    new = old.with_meta(title=join(new_words))
    amendments = derive(compare(old, new))
    got, want = headings(apply(old, amendments.amendments), new)
    assert got == want
    assert parse(render_text(amendments), old) == amendments
