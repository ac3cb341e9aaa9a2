"""`compare` and the intra-provision diff, on real paragraphs in Chinese and English."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.diff import Change, ChineseTokenizer, Diff, WordTokenizer, compare, summary_line, token_diff
from engine.model import Footnote, FootnoteRef, Resolution

from .helpers import data_lines, from_lines, index_of, load, resolution
from .strategies import edited_pairs, resolutions

ZH = "hrc-25-3.zh.txt"
EN = "a-c3-78-l41.en.txt"


def rebuilt(ops: tuple[tuple[str, str], ...], drop: str) -> str:
    return "".join(text for op, text in ops if op != drop)


def edits(change: Change) -> list[tuple[str, str]]:
    return [(op, text) for op, text in change.ops if op != "equal"]


def interesting(diff: Diff) -> list[Change]:
    return [c for c in diff.changes if c.kind != "unchanged" or c.moved]


# --- tokenisers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "68/160",
        "18 December 2013",
        "A/HRC/24/56",
        "S-35/1",
        "22,000",
        "A/C.3/78/L.41",
        "18 décembre 2013",
        "1er janvier 2020",
        "18 de diciembre de 2013",
    ],
)
def test_symbols_are_whole_tokens(text: str) -> None:
    tokens = WordTokenizer().tokens(f"see {text}; end")
    assert "".join(tokens) == f"see {text}; end"
    assert f"{text}" in [token.strip() for token in tokens]


def test_chinese_dates_symbols_and_words() -> None:
    tokens = ChineseTokenizer().tokens("理事会2013年6月13日第23/3号决议和A/HRC/24/56。增强国际合作")
    assert "2013年6月13日" in tokens and "23/3" in tokens and "A/HRC/24/56" in tokens
    assert "增强" in tokens


@given(st.text(max_size=80))
def test_tokens_rebuild_any_text(text: str) -> None:
    assert "".join(WordTokenizer().tokens(text)) == text
    assert "".join(ChineseTokenizer().tokens(text)) == text


# --- token diff -------------------------------------------------------------------------


def test_reference_update_is_one_replacement() -> None:
    ops = token_diff("第23/3号决议", "第25/3号决议", ChineseTokenizer())
    assert [op for op in ops if op[0] != "equal"] == [("delete", "23/3"), ("insert", "25/3")]
    ops = token_diff("resolution 23/3 of", "resolution 25/3 of", WordTokenizer())
    assert [op for op in ops if op[0] != "equal"] == [("delete", "23/3"), ("insert", "25/3")]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("du 15 décembre 2022,", "du 16 décembre 2022,"),
        ("del 15 de diciembre de 2022,", "del 16 de diciembre de 2022,"),
        ("of 15 December 2022,", "of 16 December 2022,"),
    ],
)
def test_a_changed_date_is_replaced_whole_in_english_french_and_spanish(old: str, new: str) -> None:
    ops = token_diff(old, new, WordTokenizer())
    changed = [(kind, text.strip()) for kind, text in ops if kind != "equal"]
    assert changed == [("delete", old[3:-1].strip()), ("insert", new[3:-1].strip())]


def test_edits_read_as_phrases() -> None:
    ops = token_diff(
        "Strongly urges the Government to end the practice;",
        "Calls upon the Government to end the practice;",
        WordTokenizer(),
    )
    assert ops[:2] == (("delete", "Strongly urges"), ("insert", "Calls upon"))


@given(st.text(max_size=60), st.text(max_size=60), st.booleans())
def test_ops_rebuild_both_texts(old: str, new: str, count_formatting: bool) -> None:
    for tokenizer in (WordTokenizer(), ChineseTokenizer()):
        ops = token_diff(old, new, tokenizer, count_formatting=count_formatting)
        assert rebuilt(ops, "insert") == old and rebuilt(ops, "delete") == new


# --- compare: properties ----------------------------------------------------------------


@settings(max_examples=60)
@given(resolutions())
def test_self_diff_is_all_unchanged(res: Resolution) -> None:  # headings included
    diff = compare(res, res)
    assert all(c.kind == "unchanged" and not c.moved for c in diff.changes)


def _check_partition(diff: Diff) -> None:
    old_ids = [pid for c in diff.changes for pid in c.old]
    new_ids = [pid for c in diff.changes for pid in c.new]
    assert sorted(old_ids) == sorted(p.id for p in diff.old.provisions) and len(set(old_ids)) == len(old_ids)
    assert sorted(new_ids) == sorted(p.id for p in diff.new.provisions) and len(set(new_ids)) == len(new_ids)
    for c in diff.changes:
        if c.kind == "heading":  # ops rebuild the field's two values
            assert c.field is not None and not c.old and not c.new
            values = {"title": (diff.old.meta.title, diff.new.meta.title)}
            values["body_line"] = (diff.old.body_line, diff.new.body_line)
            assert (rebuilt(c.ops, "insert"), rebuilt(c.ops, "delete")) == values[c.field]
            continue
        old_text = "\n".join(diff.old.provision(pid).text for pid in c.old)
        new_text = "\n".join(diff.new.provision(pid).text for pid in c.new)
        assert rebuilt(c.ops, "insert") == old_text
        assert rebuilt(c.ops, "delete") == new_text


@settings(max_examples=60)
@given(resolutions(), resolutions())
def test_every_provision_once_and_ops_rebuild(old: Resolution, new: Resolution) -> None:
    new = new.with_meta(language=old.meta.language)  # two languages are refused
    diff = compare(old, new)
    _check_partition(diff)
    assert compare(old, new) == diff  # deterministic


def test_deterministic_across_hash_seeds() -> None:
    import subprocess
    import sys

    script = (
        "import sys; sys.path.insert(0, '.');"
        "from tests.helpers import load; from engine.diff import compare;"
        "from engine.render import DIFF_RENDERERS, RenderOptions;"
        f"a = load({ZH!r}); from tests.test_diff import _zh_edited; b = _zh_edited();"
        "print(DIFF_RENDERERS['json'](compare(a, b), RenderOptions()))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


# --- compare: mutations of real text ----------------------------------------------------


def _zh_edited() -> Resolution:
    lines = data_lines(ZH)
    lines = [line.replace("23/3", "25/3") for line in lines]
    del lines[index_of(lines, "5. ")]
    lines.insert(index_of(lines, "9. "), "8. 欢迎联合国海洋大会的召开，并鼓励各国参与有关渔业养护的讨论；")
    return from_lines(lines)


def test_real_self_diff_both_languages() -> None:
    for name in (ZH, EN):
        res = load(name)
        assert summary_line(compare(res, res)) == f"summary: {len(res.provisions)} unchanged"


def test_zh_reference_update_delete_insert() -> None:
    old = load(ZH)
    diff = compare(old, _zh_edited())
    _check_partition(diff)
    changes = interesting(diff)
    assert [(c.kind, c.old, c.new, c.moved) for c in changes] == [
        ("reworded", ("pp3",), ("pp3",), False),
        ("removed", ("op5",), (), False),
        ("added", (), ("op8",), False),
    ]
    assert edits(changes[0]) == [("delete", "23/3"), ("insert", "25/3")]
    # The removed paragraph stands after op4, where it stood.
    kinds = [(c.kind, c.old) for c in diff.changes]
    assert kinds.index(("removed", ("op5",))) == kinds.index(("unchanged", ("op4",))) + 1


def test_insertion_above_renumbers_without_change() -> None:
    lines = data_lines(EN)
    lines.insert(
        index_of(lines, "3. "), "3. Decides to convene a high-level meeting on oceans and fisheries in 2025;"
    )
    new = from_lines(lines)
    diff = compare(load(EN), new)
    assert [(c.kind, c.new) for c in interesting(diff)] == [("added", ("op3",))]
    op5 = next(c for c in diff.changes if c.old == ("op5",))
    assert op5.new == ("op6",) and op5.kind == "unchanged" and not op5.moved
    assert new.provision("op6").number == "6" and load(EN).provision("op5").number == "5"


@pytest.mark.parametrize(("source", "target", "moved"), [("5. ", "12. ", "op5"), ("12. ", "5. ", "op12")])
def test_move_forward_and_backward(source: str, target: str, moved: str) -> None:
    lines = data_lines(EN)
    line = lines.pop(index_of(lines, source))
    lines.insert(index_of(lines, target), line)
    diff = compare(load(EN), from_lines(lines))
    assert [(c.kind, c.old, c.moved) for c in interesting(diff)] == [("unchanged", (moved,), True)]


def test_move_from_preamble_to_operative_part() -> None:
    lines = data_lines(EN)
    recalling = lines.pop(index_of(lines, "Recalling"))
    lines.insert(index_of(lines, "1. "), "1. Recalls" + recalling.removeprefix("Recalling"))
    [change] = interesting(compare(load(EN), from_lines(lines)))
    assert (change.kind, change.old, change.new, change.moved) == ("reworded", ("pp2",), ("op1",), True)
    assert edits(change) == [("delete", "Recalling"), ("insert", "Recalls")]


def test_zh_move_preamble_to_operative_same_verb() -> None:
    lines = data_lines(ZH)
    recalling = lines.pop(index_of(lines, "回顾人权理事会"))
    lines.insert(index_of(lines, "20. "), "20. " + recalling)
    [change] = interesting(compare(load(ZH), from_lines(lines)))
    assert (change.kind, change.old, change.new, change.moved) == ("unchanged", ("pp8",), ("op20",), True)


def test_reword_a_phrase_en() -> None:
    lines = data_lines(EN)
    k = index_of(lines, "33. ")
    lines[k] = lines[k].replace("Strongly encourages", "Encourages")
    [change] = interesting(compare(load(EN), from_lines(lines)))
    assert change.kind == "reworded" and edits(change) == [
        ("delete", "Strongly encourages"),
        ("insert", "Encourages"),
    ]


def test_split_into_chapeau_and_subparagraphs_and_back() -> None:
    lines = data_lines(EN)
    k = index_of(lines, "30. ")
    merged = [*lines[:k], " ".join(line.strip() for line in lines[k : k + 8]), *lines[k + 8 :]]
    old, new = from_lines(merged), load(EN)
    [split] = interesting(compare(old, new))
    assert (split.kind, split.old, split.new) == (
        "split",
        ("op30",),
        ("op30", *(f"op30.{x}" for x in "abcdefg")),
    )
    [merge] = interesting(compare(new, old))
    assert (merge.kind, merge.old, merge.new) == ("merged", split.new, split.old)


def test_merge_two_zh_paragraphs() -> None:
    lines = data_lines(ZH)
    k = index_of(lines, "13. ")
    lines[k : k + 2] = [lines[k].removesuffix("；") + "；并" + lines[k + 1].removeprefix("14. 又")]
    [change] = interesting(compare(load(ZH), from_lines(lines)))
    assert (change.kind, change.old, change.new) == ("merged", ("op13", "op14"), ("op13",))


def test_near_duplicate_formulas_in_order() -> None:
    old = resolution(
        ["回顾大会第60/251号决议，", "又回顾大会第61/166号决议，", "又回顾大会第62/219号决议，"],
        ["决定继续审议此事。"],
        language="zh",
    )
    new = resolution(
        [
            "回顾大会第60/251号决议，",
            "又回顾大会第61/167号决议，",
            "又回顾大会第62/220号决议，",
            "又回顾大会第63/111号决议，",
        ],
        ["决定继续审议此事。"],
        language="zh",
    )
    diff = compare(old, new)
    assert [(c.kind, c.old, c.new, c.moved) for c in interesting(diff)] == [
        ("reworded", ("pp2",), ("pp2",), False),
        ("reworded", ("pp3",), ("pp3",), False),
        ("added", (), ("pp4",), False),
    ]


def test_formatting_is_not_a_change_unless_asked() -> None:
    old = resolution(["回顾大会第 68/160 号决议，"], language="zh")
    new = resolution(["回顾大会第68/160号决议,"], language="zh")
    [change] = compare(old, new).changes
    assert change.kind == "unchanged" and change.similarity == 1.0
    assert rebuilt(change.ops, "insert") == old.provisions[0].text
    [counted] = compare(old, new, count_formatting=True).changes
    assert counted.kind == "reworded"


@pytest.mark.parametrize(
    ("old_text", "new_text"),
    [
        # the seed's pp2, and the same typed without a Chinese input method
        (
            "回顾大会2000年9月8日通过的《联合国千年宣言》，以及各国在大会第六十五届会议关于“千年发展目标”的高级别全体会议上通过的成果文件中重申的承诺，",
            '回顾大会2000年9月8日通过的《联合国千年宣言》，以及各国在大会第六十五届会议关于"千年发展目标"的高级别全体会议上通过的成果文件中重申的承诺，',
        ),
        (
            "Takes note of the “Special Committee” and the State’s report;",
            'Takes note of the "Special Committee" and the State\'s report;',
        ),
        ("[注意到]咨询委员会的研究报告，", "【注意到】咨询委员会的研究报告，"),
    ],
    ids=["zh", "en", "zh-brackets"],
)
def test_straight_and_curly_quotes_are_formatting(old_text: str, new_text: str) -> None:
    """`"千年发展目标"` for `“千年发展目标”` was a reworded paragraph (exit 1) and an amendment
    `将“关于“千年发展目标””改为“关于"千年发展目标"”`: quote style is typing, not wording."""
    from engine.amend import derive

    lang = "en" if old_text.isascii() or "Takes" in old_text else "zh"
    kind = "preamble" if lang == "zh" else "operative"
    old = resolution(
        [old_text] if kind == "preamble" else [], [] if kind == "preamble" else [old_text], language=lang
    )
    new = resolution(
        [new_text] if kind == "preamble" else [], [] if kind == "preamble" else [new_text], language=lang
    )
    diff = compare(old, new)
    assert [c.kind for c in diff.changes] == ["unchanged"]
    assert derive(diff).amendments == ()
    assert compare(old, new, count_formatting=True).changes[0].kind == "reworded"


def test_threshold_reaches_compare() -> None:
    old = resolution(
        [],
        [
            "Calls upon all States to cooperate fully with the special procedures;",
            "Decides to remain seized.",
        ],
    )
    new = resolution(
        [],
        [
            "Calls upon States and regional bodies to engage with all treaty bodies;",
            "Decides to remain seized.",
        ],
    )
    assert next(c.kind for c in compare(old, new, threshold=0.2).changes) == "reworded"
    strict = compare(old, new, threshold=0.9)
    assert [(c.kind, c.old, c.new) for c in strict.changes][:2] == [
        ("removed", ("op1",), ()),
        ("added", (), ("op1",)),
    ]


def test_a_space_lost_in_extraction_is_formatting() -> None:
    """HRC 16/9 as stored reads `Guidedby`; HRC 22/23 `Guided by`."""
    old = resolution(["Guidedby the Charter of the United Nations,"])
    new = resolution(["Guided by the Charter of the United Nations,"])
    [change] = compare(old, new).changes
    assert change.kind == "unchanged"
    assert rebuilt(change.ops, "insert") == old.provisions[0].text
    assert rebuilt(change.ops, "delete") == new.provisions[0].text
    [counted] = compare(old, new, count_formatting=True).changes
    assert counted.kind == "reworded"
    other = resolution(["Guided by the Charter of the United Nations, and"])
    assert compare(old, other).changes[0].kind == "reworded"


def _with_footnote(res: Resolution, marker: str, text: str) -> Resolution:
    first = dataclasses.replace(res.provisions[0], footnotes=(FootnoteRef(marker, 10),))
    return dataclasses.replace(
        res, provisions=(first, *res.provisions[1:]), footnotes=(Footnote(marker, text),)
    )


def test_footnotes_count_unless_ignored() -> None:
    """Markers are renumbered freely; what a footnote says counts unless --ignore-footnotes."""
    base = resolution(["Recalling the Vienna Declaration and Programme of Action,"])
    old = _with_footnote(base, "1", "A/CONF.157/24 (Part I), chap. III.")
    renumbered = _with_footnote(base, "3", "A/CONF.157/24 (Part I), chap. III.")
    retold = _with_footnote(base, "1", "A/CONF.157/23.")
    assert [c.kind for c in compare(old, renumbered).changes] == ["unchanged"]
    assert [c.kind for c in compare(old, retold, ignore_footnotes=True).changes] == ["unchanged"]
    [counted] = compare(old, retold).changes
    assert counted.kind == "reworded" and counted.similarity == 0.9999
    assert [op for op, _ in counted.ops] == ["equal"]
    [note] = counted.footnotes
    assert (note.old, note.new) == ("1", "1")
    assert rebuilt(note.ops, "insert") == "A/CONF.157/24 (Part I), chap. III."
    assert rebuilt(note.ops, "delete") == "A/CONF.157/23."


@settings(max_examples=60)
@given(edited_pairs())
def test_ops_rebuild_splits_merges_and_chapeaux(pair: tuple[list[str], list[str]]) -> None:
    """The same invariants where groups are likely: `new` made from `old` by splits, merges,
    chapeaux and moves over a small vocabulary."""
    old, new = pair
    _check_partition(compare(resolution(old), resolution(new)))
