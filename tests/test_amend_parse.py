"""Reading typed amendment lists: parse(render(list)) == list on every history pair and under
hypothesis, lists typed by hand as delegations write them (the seed, A/C.3/78/L.41), and
the line a bad list fails on."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.amend import InsertProvision, apply, derive
from engine.amend.actions import targets
from engine.amend.parse import parse
from engine.amend.text import render_text
from engine.diff import compare
from engine.errors import AmendmentError
from engine.model import Resolution
from engine.read import read_bytes

from .helpers import resolution
from .test_amend import HISTORY, PAIRS, amended_pairs, load, pair_id, shape
from .test_cli import SEED, assert_one_error_line, run

TEXT_PAIRS = [pair for pair in PAIRS if pair[0].parent.name in ("en", "zh")]


@pytest.mark.parametrize("pair", TEXT_PAIRS, ids=pair_id)
def test_the_text_form_reads_back_as_written(pair: tuple[Path, Path]) -> None:
    old = load(pair[0])
    amendments = derive(compare(old, load(pair[1])))
    assert parse(render_text(amendments), old) == amendments


def test_there_are_english_and_chinese_pairs() -> None:
    assert {old.parent.name for old, _ in TEXT_PAIRS} == {"en", "zh"}


@settings(max_examples=200, deadline=None)
@given(amended_pairs())
def test_parse_render_is_the_list(pair: tuple[Resolution, Resolution]) -> None:
    old, new = pair
    amendments = derive(compare(old, new))
    parsed = parse(render_text(amendments), old)
    assert parsed == amendments
    assert shape(apply(old, parsed.amendments)) == shape(new)


L41 = HISTORY.find("A/C.3/78/L.41", "en")

TYPED_EN = """\
1. In PP2, replace the words “the most recent of which is” with “the latest of which is”.
2. In operative paragraph 2, after the word "Welcomes", insert 'the'.
2. In operative paragraph 2, after the word "Welcomes", insert "sincerely".
3. After operative paragraph 5, insert a new paragraph reading: “Calls upon all States to cooperate;”
4. Delete operative paragraph 7.
5. Amend operative paragraph 8 to read as follows: "Also notes the readiness to engage in dialogue;"
"""


def test_a_list_typed_in_english_applies_to_l41() -> None:
    base = load(L41)
    lines = TYPED_EN.splitlines()
    del lines[1]  # the line with single quotes, tested below
    listed = parse("\n".join(lines), base)
    amended = apply(base, listed.amendments)
    texts = [p.text for p in amended.provisions if p.depth == 0 and p.part == "op"]
    assert "the latest of which is" in amended.provision("pp2").text
    assert texts[1].startswith("Welcomes sincerely the continuing efforts")
    assert texts[5] == "Calls upon all States to cooperate;"
    assert texts[7] == "Also notes the readiness to engage in dialogue;"  # op7 deleted, op8 is the 8th again
    assert len(amended.provisions) == len(base.provisions)
    assert isinstance(listed.amendments[2], InsertProvision)


def test_single_quotes_are_not_quotes_and_the_line_is_named() -> None:
    with pytest.raises(AmendmentError) as caught:
        parse(TYPED_EN, load(L41), "typed.txt")
    assert str(caught.value).startswith("typed.txt:2: not an amendment as resdiff reads them: In operative")


CANADA = """\
Amendments proposed by Canada to draft resolution A/C.3/78/L.41

1. In the second preambular paragraph, replace "the most recent of which is" by "the latest of which is".
2. In OP3, after “Nationality Law” insert “of 2019”.
3. In operative paragraph 7 delete the words "select".
4. In operative paragraph 34 replace "seventy-ninth" with "eightieth".
"""


def test_a_delegations_list_with_its_title_line_and_no_commas_applies(tmp_path: Path) -> None:
    # The title line stopped the run ("not an amendment"), and so did "In operative
    # paragraph 7 delete ..." without the comma after the reference.
    base = load(L41)
    listed = parse(CANADA, base, "canada.txt")
    assert listed.proposer == "Canada"
    assert listed.lines == (3, 4, 5, 6)
    amended = apply(base, listed.amendments)
    assert "the latest of which is resolution 77/228" in amended.provision("pp2").text
    assert "Nationality Law of 2019, which gives" in amended.provision("op3").text
    assert "cooperation with special procedure mandate holders" in amended.provision("op7").text
    assert "at its eightieth session" in amended.provision("op34").text
    # the text form leaves L.41's 13 footnotes out, and says so
    typed = tmp_path / "canada.txt"
    typed.write_text(CANADA, encoding="utf-8")
    result = run("apply", str(L41), str(typed), "--format", "text")
    assert result.returncode == 0
    assert (
        result.stderr
        == "note: 13 footnotes left out of the text form (--format canonical or json keeps them)\n"
    )


def test_a_list_headed_for_another_draft_is_refused(tmp_path: Path) -> None:
    typed = tmp_path / "canada.txt"
    typed.write_text(CANADA.replace("A/C.3/78/L.41", "A/C.3/78/L.40"), encoding="utf-8")
    result = run("apply", str(L41), str(typed))
    assert_one_error_line(
        result, "canada.txt:1: the list is headed for A/C.3/78/L.40 but the base is A/C.3/78/L.41"
    )


TYPED_ZH = """\
在序言部分第三段中，将“第23/3号”改为"第24/1号"。
执行部分第5段之后插入一个新段落，内容如下：“决定继续审议这一问题；”
删除执行部分第7段
将执行部分第9段改为：“请高级专员提交报告；”
"""


def test_a_list_typed_in_chinese_applies_to_the_seed(tmp_path: Path) -> None:
    listed = tmp_path / "proposals.txt"
    listed.write_text(TYPED_ZH, encoding="utf-8")
    result = run("apply", str(SEED), str(listed), "--format", "text")
    assert result.returncode == 0, result.stderr
    assert "第24/1号决议" in result.stdout
    assert "\n6. 决定继续审议这一问题；\n" in result.stdout
    assert "\n9. 请高级专员提交报告；\n" in result.stdout  # op7 deleted, op5 bis inserted: 9 stays 9


def test_a_reference_the_base_lacks_names_its_line(tmp_path: Path) -> None:
    listed = tmp_path / "proposals.txt"
    listed.write_text("删除执行部分第7段。\n删除执行部分第99段。\n", encoding="utf-8")
    result = run("apply", str(SEED), str(listed))
    assert_one_error_line(result, "proposals.txt:2: ", "the base text has no operative paragraph 99")


ZH_WORDS = st.sampled_from(["重申", "回顾", "其", "决议", "人权", "国际合作", "第23/3号", "各国", "，", "和"])
ZH_TEXT = st.lists(ZH_WORDS, min_size=1, max_size=10)


@st.composite
def chinese_pairs(draw: st.DrawFn) -> tuple[Resolution, Resolution]:
    """Chinese versions: words without spaces between them, edited word by word and
    paragraph by paragraph (insertions, deletions, moves)."""
    old = draw(st.lists(ZH_TEXT, min_size=1, max_size=6))
    new = [list(words) for words in old]
    for _ in range(draw(st.integers(0, 5))):
        k = draw(st.integers(0, len(new) - 1)) if new else 0
        edit = draw(st.sampled_from(["word", "word", "insert", "delete", "move"]))
        if not new or edit == "insert":
            new.insert(k, draw(ZH_TEXT))
        elif edit == "delete":
            del new[k]
        elif edit == "move":
            new.insert(draw(st.integers(0, len(new) - 1)), new.pop(k))
        else:
            at = draw(st.integers(0, len(new[k])))
            new[k][at:at] = [draw(ZH_WORDS)]
            if draw(st.booleans()) and len(new[k]) > 1:
                del new[k][draw(st.integers(0, len(new[k]) - 1))]
    cut_old, cut_new = draw(st.integers(0, len(old))), draw(st.integers(0, len(new)))
    join = ["".join(words) for words in old], ["".join(words) for words in new]
    return (
        resolution(join[0][:cut_old], join[0][cut_old:], language="zh"),
        resolution(join[1][:cut_new], join[1][cut_new:], language="zh"),
    )


@settings(max_examples=150, deadline=None)
@given(chinese_pairs())
def test_chinese_lists_apply_and_read_back(pair: tuple[Resolution, Resolution]) -> None:
    old, new = pair
    amendments = derive(compare(old, new))
    assert shape(apply(old, amendments.amendments)) == shape(new)
    assert parse(render_text(amendments), old) == amendments


def test_an_amendment_of_a_typed_list_that_cannot_be_applied_is_named_by_its_line(tmp_path: Path) -> None:
    listed = tmp_path / "proposals.txt"
    listed.write_text("删除执行部分第7段。\n\n在序言部分第三段中，删除“决议”。\n", encoding="utf-8")
    result = run("apply", str(SEED), str(listed))
    assert_one_error_line(result)
    assert result.stderr == (
        f'Error: {listed}:3: amendment 2 (序言部分第三段): the words "决议" occur 3 times in it; '
        "quote more of them\n"
    )


def test_the_word_and_the_words_are_read_with_or_without_them() -> None:
    """`the word` / `the words` (and 一词 / 一语 in Chinese) may be typed or left out."""
    base = load(L41)
    forms = [
        'In operative paragraph 2, delete "Welcomes".',
        'In operative paragraph 2, delete the word "Welcomes".',
        'In operative paragraph 2, delete the words "Welcomes".',
    ]
    assert len({parse(form, base).amendments for form in forms}) == 1
    seed = load(HISTORY.find("A/HRC/RES/25/3", "zh"))
    zh = ["在执行部分第15段中，删除“继续”。", "在执行部分第15段中，删除“继续”一词。"]
    assert len({parse(form, seed).amendments for form in zh}) == 1
    inserted = [
        "在执行部分第15段中，在“继续”之后插入“坚定”。",
        "在执行部分第15段中，在“继续”一语之后插入“坚定”。",
    ]
    assert len({parse(form, seed).amendments for form in inserted}) == 1


def test_title_and_body_line_amendments_read_back() -> None:
    seed = load(HISTORY.find("A/HRC/RES/25/3", "zh"))
    typed = "在标题中，将“国际合作”改为“国际合作与对话”。\n将首行改为：“大会，”\n"
    listed = parse(typed, seed)
    assert render_text(listed) == typed
    amended = apply(seed, listed.amendments)
    assert (amended.meta.title, amended.body_line) == ("增强人权领域的国际合作与对话", "大会，")
    assert (seed.meta.body, amended.meta.body) == ("HRC", "GA")
    english = parse('In the body line, replace "General Assembly" with "Human Rights Council".', load(L41))
    assert apply(load(L41), english.amendments).body_line == "The Human Rights Council,"
    with pytest.raises(AmendmentError) as caught:
        parse("在标题中，删除“国际”。", resolution(["回顾，"], language="zh"), "p.txt")
    assert str(caught.value) == 'p.txt:1: "标题": the base text has no title'


def test_a_merge_of_preambular_subparagraphs_keeps_each_reference_whole() -> None:
    """`the first preambular paragraph, subparagraph (a)` holds a comma: a merge's references
    are split between references, never inside one (as deletions are)."""
    from engine.amend import Merge
    from engine.amend.actions import AmendmentList, Piece
    from engine.model import Metadata, Provision, renumber

    base = Resolution(
        Metadata(language="en"),
        renumber([
            Provision("pp0", "preamble", "Recalling its resolutions:"),
            Provision("pp0.a", "preamble", "resolution 1,", "a"),
            Provision("pp0.a", "preamble", "resolution 2,", "b"),
            Provision("pp0.a", "preamble", "resolution 3,", "c"),
            Provision("op0", "operative", "Decides to act;", "1"),
        ]),
    )  # fmt: skip
    typed = (
        "Merge the first preambular paragraph, subparagraph (a), the first preambular paragraph, "
        "subparagraph (b) and the first preambular paragraph, subparagraph (c) into one subparagraph "
        'reading: "resolutions 1, 2 and 3,"\n'
    )
    refs = tuple(f"the first preambular paragraph, subparagraph ({x})" for x in "abc")
    merge = Merge(("pp1.a", "pp1.b", "pp1.c"), refs, Piece("resolutions 1, 2 and 3,", "pp", 1))
    assert parse(typed, base).amendments == (merge,)
    assert render_text(AmendmentList((merge,), "en")) == typed
    assert [(p.id, p.text) for p in apply(base, [merge]).provisions] == [
        ("pp1", "Recalling its resolutions:"),
        ("pp1.a", "resolutions 1, 2 and 3,"),
        ("op1", "Decides to act;"),
    ]


TYPED_ZH_LOOSE = """\
在序言部分第3段中，将「第23/3号」改为『第24/1号』。
在执行部分第十三段，将“增强”改为“加强”。
在执行部分１４段中，删除“及时、”。
删除执行部分第15至16段。
删除执行部分第18、20段。
一、在执行部分第1段中将“宗旨之一”替换为“宗旨”。
（2）在执行部分第2段中，把“集体责任”改成“共同责任”。
"""


def test_a_chinese_list_typed_loosely_names_the_same_paragraphs() -> None:
    """A digit for a preambular ordinal, an ordinal word or full-width digits for an
    operative number, 第 or 中 or the comma left out, 「」 and 『』 quotes, `第15至16段`,
    `第18、20段`, 把 for 将, 替换为 or 改成 for 改为, a list numbered `一、` or `（2）`: each
    says one thing for sure (all were refused)."""
    from engine import api

    seed = api.read_file(SEED)
    listed = parse(TYPED_ZH_LOOSE, seed).amendments
    assert [(a.target, getattr(a, "old", None), getattr(a, "new", None)) for a in listed[:3]] == [
        ("pp3", "第23/3号", "第24/1号"),
        ("op13", "增强", "加强"),
        ("op14", "及时、", None),
    ]
    assert [a.targets for a in listed[3:5]] == [("op15", "op16"), ("op18", "op20")]  # type: ignore[attr-defined]
    assert [(a.target, a.old, a.new) for a in listed[5:]] == [  # type: ignore[attr-defined]
        ("op1", "宗旨之一", "宗旨"),
        ("op2", "集体责任", "共同责任"),
    ]
    assert len(apply(seed, listed).provisions) == len(seed.provisions) - 4


def test_kuan_for_duan_is_refused_with_the_reference_meant(tmp_path: Path) -> None:
    listed = tmp_path / "proposals.txt"
    listed.write_text("删除执行部分第7段。\n在执行部分第13款中，将“增强”改为“加强”。\n", encoding="utf-8")
    result = run("apply", str(SEED), str(listed))
    assert_one_error_line(
        result,
        "proposals.txt:2: ",
        '"执行部分第13款": paragraphs are counted in 段, not 款; did you mean "执行部分第13段"?',
    )


def _labelled_seed(edit: dict[str, str] | None = None) -> Resolution:
    """The seed as a negotiation draft: PP1..PP3, PP3 bis, PP4..., OP1..OP3, OP3 bis, OP4..."""
    from engine import api
    from engine.read import read_bytes

    seed = api.read_file(SEED)
    edit = edit or {}
    blocks = [seed.meta.title or "", seed.body_line or ""]
    for p in seed.provisions:
        label = f"PP{p.id[2:]}" if p.part == "pp" else f"OP{p.number}"
        blocks.append(f"{label} {edit.get(p.id, p.text)}")
        if p.id in ("pp3", "op3"):
            extra = "欢迎咨询委员会的研究报告，" if p.id == "pp3" else "[强烈]敦促各国加强合作；"
            blocks.append(f"{label} bis {edit.get(p.id + 'bis', extra)}")
    return read_bytes("\n\n".join(blocks).encode("utf-8"), lang="zh")


def test_labels_of_a_negotiation_draft_are_read_as_labels() -> None:
    """In a labelled draft `PP4` is the paragraph labelled PP4 (it was the fourth, PP3 bis:
    a silent wrong target), and `amend`'s own `执行部分第3 bis段` / `operative paragraph 3 bis`
    read back (they were "not a reference to a paragraph")."""
    draft = _labelled_seed()
    assert [p.number for p in draft.provisions[2:5]] == ["3", "3 bis", "4"]
    listed = parse("在PP4中，将“还回顾”改为“并回顾”。\n删除PP3 bis。\n", draft).amendments
    assert [targets(a) for a in listed] == [("pp5",), ("pp4",)]
    edited = _labelled_seed({"op3bis": "[强烈]促请各国加强合作；", "pp3bis": "欣见咨询委员会的研究报告，"})
    amendments = derive(compare(draft, edited))
    text = render_text(amendments)
    assert "在执行部分第3 bis段中，将“敦促”改为“促请”。" in text
    assert parse(text, draft) == amendments
    assert [p.text for p in apply(draft, amendments.amendments).provisions] == [
        p.text for p in edited.provisions
    ]


def test_labels_of_an_english_negotiation_draft_are_read_as_labels() -> None:
    from engine.read import read_bytes

    l41 = load(L41)
    pps = [p.text for p in l41.provisions if p.part == "pp"][:3]
    ops = [p.text for p in l41.provisions if p.kind == "operative"][:4]
    blocks = ["The General Assembly,", f"PP1 {pps[0]}", f"PP1 bis {pps[1]}", f"PP2 {pps[2]}"]
    blocks += [f"OP{n} {t}" for n, t in enumerate(ops[:3], 1)]
    blocks += ["OP3 bis Strongly urges all States to cooperate;", f"OP4 {ops[3][:-1]}."]
    draft = read_bytes("\n\n".join(blocks).encode("utf-8"), lang="en")
    listed = parse('In PP2, delete the word "Recalling".\nIn OP3 bis, delete the word "Strongly".\n', draft)
    assert [a.target for a in listed.amendments] == ["pp3", "op4"]
    from engine.amend.refs import reference

    assert reference(draft, "op4", "en") == "operative paragraph 3 bis"
    assert (
        parse('In operative paragraph 3 bis, delete the word "Strongly".', draft).amendments[0].target
        == "op4"
    )


def test_a_compilation_on_a_labelled_draft_keeps_its_labels() -> None:
    """The proposal a delegation typed on `PP4` stood under `PP5` (the fifth paragraph)."""
    from engine.amend.compile import compile_lists

    draft = _labelled_seed()
    listed = parse("提案方：古巴\n在PP4中，将“还回顾”改为“并回顾”。\n", draft)
    entries = compile_lists(draft, [listed]).entries
    assert [e.label for e in entries][2:6] == ["PP3", "PP3 bis", "PP4", "PP5"]
    touched = [e.label for e in entries if any(g.proposals for g in e.groups)]
    assert touched == ["PP4"]


def test_a_list_in_the_other_language_says_so(tmp_path: Path) -> None:
    """An English list on the Chinese seed, a Chinese one (its 提案方 line first) on L.41:
    the error was "not an amendment as resdiff reads them", as if the line were mistyped."""
    english, chinese = tmp_path / "en.txt", tmp_path / "zh.txt"
    english.write_text('In operative paragraph 13, replace the words "增强" with "加强".\n', encoding="utf-8")
    chinese.write_text("提案方：古巴\n删除执行部分第7段。\n", encoding="utf-8")
    result = run("apply", str(SEED), str(english))
    assert_one_error_line(result, "en.txt:1: a list in English, but the base text is in Chinese")
    result = run("apply", str(L41), str(chinese))
    assert_one_error_line(result, "zh.txt:1: a list in Chinese, but the base text is in English")


def test_chinese_quoted_words_typed_half_width_or_spaced_are_found() -> None:
    """`“对话,以期”`, `“…自由;鼓励…”`, `“在 2014 年”` quote words the seed prints `对话，以期`,
    `自由；鼓励`, `在2014年`: the reader stores every text so, and the words are read so (they
    were "not in it", though a delegate sees them there)."""
    from engine import api

    seed = api.read_file(SEED)
    listed = parse(
        "在执行部分第13段中，将“对话,以期”改为“对话, 以便”。\n"
        "在执行部分第16段中，删除“基本自由;鼓励非政府组织”。\n"
        "在执行部分第22段中，在“在 2014 年”之后插入“和2015年”。\n",
        seed,
    ).amendments
    assert [
        (getattr(a, "old", None) or getattr(a, "anchor", None), a.new if hasattr(a, "new") else None)
        for a in listed
    ] == [  # type: ignore[attr-defined]
        ("对话，以期", "对话，以便"),
        ("基本自由；鼓励非政府组织", None),
        ("在2014年", "和2015年"),
    ]
    amended = apply(seed, listed)
    assert amended.provision("op22").text == "决定根据理事会年度工作方案在2014年和2015年继续审议此事。"


NORWAY = """\
Proposed by: Norway

1. In operative paragraph 7, delete "select".
2. After operative paragraph 4, insert a new paragraph reading: "Encourages the Islamic Republic of Iran to accede to the Convention;"
3. In operative paragraph 34, replace "seventy-ninth" with "eighty-first".
"""  # noqa: E501


def test_a_rebased_list_keeps_its_proposer_and_compiles(tmp_path: Path) -> None:
    # The text form dropped the list's "Proposed by" line: the rebased list, compiled on the
    # revision, was refused ("no proposer").
    (tmp_path / "norway.txt").write_text(NORWAY, encoding="utf-8")
    rev1 = tmp_path / "rev1.md"
    base = load(L41)
    rev1.write_text(
        render_text_of(base, "cooperation with select special", "cooperation with some special"),
        encoding="utf-8",
    )
    result = run("rebase", str(tmp_path / "norway.txt"), str(L41), str(rev1), "-o", str(tmp_path / "out.txt"))
    assert result.returncode == 1  # "select" was changed by the revision: not carried over
    rebased = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert rebased.splitlines()[0] == "Proposed by: Norway"
    assert parse(rebased, load(rev1)).proposer == "Norway"
    compiled = run("compile", str(rev1), str(tmp_path / "out.txt"))
    assert compiled.returncode == 0, compiled.stderr
    assert "Proposals by: Norway" in compiled.stdout


def test_the_text_form_of_a_list_with_a_proposer_reads_back() -> None:
    listed = parse(NORWAY, load(L41))
    assert listed.proposer == "Norway"
    assert parse(render_text(listed), load(L41)) == listed


def render_text_of(res: Resolution, old: str, new: str) -> str:
    """The canonical file of `res` with one phrase changed: a revised draft."""
    from engine.store import canonical

    return canonical.dumps(res).replace(old, new)


@pytest.mark.parametrize(
    "line",
    [
        'In operative paragraph 7, replace "select" with "some", and after "mandate holders" insert "of it".',
        'In operative paragraph 7, delete "select" and "ongoing".',
        "In operative paragraph 7, replace “select” with “some” and replace “ongoing” with “continued”.",
    ],
)
def test_two_changes_on_one_line_are_refused_not_pasted_into_the_text(line: str) -> None:
    # Read as one replacement, the first put `some", and after "mandate holders" insert "of
    # it` into operative paragraph 7, quote marks and all, and said nothing.
    with pytest.raises(AmendmentError) as caught:
        parse(line + "\n", load(L41), "one.txt")
    assert str(caught.value).startswith("one.txt:1: more than one change on one line (")
    assert str(caught.value).endswith("holds quote marks): write each change as an amendment of its own")


def test_quotes_nested_in_the_words_of_one_change_are_words() -> None:
    base = load(L41)
    line = 'In operative paragraph 35, replace "entitled “Promotion" with "entitled “The promotion".\n'
    amended = apply(base, parse(line, base).amendments)
    assert (
        "under the item entitled “The promotion and protection of human rights”."
        in amended.provision("op35").text
    )


def test_more_ways_delegations_type_paragraph_amendments() -> None:
    base = load(L41)
    typed = (
        'Replace operative paragraph 33 by: "Encourages mandate holders to act;"\n'
        'Insert a new operative paragraph after operative paragraph 4: "Urges States to act;"\n'
        'Insert a new preambular paragraph before PP2 reading: "Recalling also the Charter,"\n'
    )
    amended = apply(base, parse(typed, base).amendments)
    assert amended.provision("pp2").text == "Recalling also the Charter,"
    assert amended.provision("op5").text == "Urges States to act;"
    assert amended.provision("op34").text == "Encourages mandate holders to act;"
    assert len(amended.provisions) == len(base.provisions) + 2


def delegate_draft(base: Resolution) -> str:
    """L.41 as a delegate types a draft of it: labels, OP3 bis, OP5 skipped, a paragraph
    typed without its label (7th by its place) before the one labelled OP7."""
    ops = [p.text for p in base.provisions if p.kind == "operative"]
    blocks = [base.meta.title or "", base.body_line or ""]
    blocks += [f"PP{i} {p.text}" for i, p in enumerate(base.provisions[:3], start=1)]
    blocks += [f"OP1 {ops[0]}", f"OP2 {ops[1]}", f"OP3 {ops[2]}", "OP3 bis Calls upon States to act;"]
    blocks += [f"OP4 {ops[3]}", f"OP6 {ops[5]}", "the importance of dialogue;", f"OP7 {ops[34]}"]
    return "\n\n".join(blocks) + "\n"


def test_amend_apply_rebase_compile_print_what_the_reader_found(tmp_path: Path) -> None:
    # Only parse, import and diff printed the reader's diagnostics: the other commands read
    # the same misnumbered draft without a word.
    draft = tmp_path / "draft.txt"
    draft.write_text(delegate_draft(load(L41)), encoding="utf-8")
    listed = tmp_path / "list.txt"
    typed = 'Proposed by: Chile\nIn operative paragraph 1, delete "Council resolution".\n'
    listed.write_text(typed, encoding="utf-8")
    said = (
        f"{draft}:21: numbering-skipped: OP6 follows OP4: OP5 missing\n"
        f"{draft}:23: numbering-missing: a paragraph without a number after operative paragraph 6\n"
    )
    for args, expected in (
        (("amend", str(draft), str(draft)), said * 2),  # each side is read and reported
        (("apply", str(draft), str(listed)), said),
        (("compile", str(draft), str(listed)), said),
        (("rebase", str(listed), str(draft), str(draft)), said * 2),
    ):
        result = run(*args)
        assert result.returncode == 0, result.stderr
        assert result.stderr == expected, args


def test_a_reference_two_paragraphs_could_answer_names_both(tmp_path: Path) -> None:
    # "the base text has 2 operative paragraph 7" did not say which two, nor why.
    draft = tmp_path / "draft.txt"
    draft.write_text(delegate_draft(load(L41)), encoding="utf-8")
    listed = tmp_path / "list.txt"
    listed.write_text("Delete OP7.\n", encoding="utf-8")
    result = run("apply", str(draft), str(listed))
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        f'Error: {listed}:1: "OP7": 2 operative paragraphs of the base could be 7: '
        "op7 (no number; 7 by its place), op8 (printed 7); number the base's paragraphs, then refer to one"
    )


def test_amendments_refer_to_negotiation_labels(tmp_path: Path) -> None:
    # "In OP3 bis, ..." was "not a reference to a paragraph", though drafts carry such labels
    # and compile writes them.
    draft = read_bytes(delegate_draft(load(L41)).encode("utf-8"))
    typed = (
        'In OP3 bis, replace "Calls upon States" with "Calls upon all States".\n'
        'After operative paragraph 3bis, insert a new paragraph reading: "Urges all;"\n'
    )
    amended = apply(draft, parse(typed, draft).amendments)
    assert amended.provision("op4").text == "Calls upon all States to act;"
    assert amended.provision("op5").text == "Urges all;"
    with pytest.raises(AmendmentError, match='"OP5 bis": the base text has no operative paragraph 5 bis'):
        parse("Delete OP5 bis.\n", draft)


@pytest.mark.parametrize(
    "typed", ["", "\n\n", "Amendments proposed by Canada to draft resolution A/C.3/78/L.41\n"]
)
def test_a_list_without_an_amendment_is_said(tmp_path: Path, typed: str) -> None:
    # An empty list (or a title line alone) printed the base unchanged, exit 0, not a word.
    listed = tmp_path / "canada.txt"
    listed.write_text(typed, encoding="utf-8")
    for args in (("apply", str(L41), str(listed)), ("compile", str(L41), str(listed), "--as", "Canada")):
        result = run(*args)
        assert result.returncode == 0
        assert result.stderr == f"note: {listed} holds no amendment: nothing to apply\n"


def test_apply_continue_lists_a_line_it_cannot_read_and_applies_the_rest(tmp_path: Path) -> None:
    # `apply --continue` promises to apply what applies and list the rest, but a reference
    # the base lacks stopped the whole run with one Error line.
    listed = tmp_path / "peru.txt"
    listed.write_text(
        'Proposed by: Peru\nIn operative paragraph 7, delete "select".\n'
        'In operative paragraph 7, delete "nowhere".\nDelete operative paragraph 99.\n',
        encoding="utf-8",
    )
    result = run("apply", str(L41), str(listed), "--continue", "--format", "json")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f'not applied: {listed}:3: amendment 2 (operative paragraph 7): the words "nowhere" are not in it',
        f'not applied: {listed}:4: "operative paragraph 99": the base text has no operative paragraph 99',
        "2 of 3 amendment(s) not applied",
    ]
    assert "cooperation with special procedure mandate holders" in result.stdout  # "select" deleted
    stopped = run("apply", str(L41), str(listed))
    assert stopped.returncode == 2 and stopped.stderr.startswith(f"Error: {listed}:4: ")


def test_a_printed_number_without_zhixing_bufen_is_an_operative_paragraph() -> None:
    """`第3段` leaves out 执行部分 as "paragraph 3" leaves out "operative": a printed number is
    an operative paragraph's (the lineage review's `#第3段` was refused). `第三段`, an
    ordinal word, could be a preambular paragraph's count and stays refused."""
    from engine import api
    from engine.amend.refs import resolve
    from engine.errors import AmendmentError

    seed = api.read_file(SEED)
    listed = parse("在第3段中，将“增强”改为“加强”。\n", seed).amendments
    assert [a.target for a in listed] == ["op3"]  # type: ignore[attr-defined]
    assert resolve(seed, "第 3 段") == "op3"
    with pytest.raises(AmendmentError, match="is not a reference to a paragraph"):
        resolve(seed, "第三段")
