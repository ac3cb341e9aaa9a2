"""Markdown marks in typed drafts (engine/read/markdown.py): heading lines, `# key: value`
metadata lines and emphasis at line starts, in English and Chinese, read as a user means them.

Before, a `# title: X` line was read as the title `# title：X` (every diff of the shipped typed
fixtures against the stored text reported a title change that is not there), and a draft typed
in a Markdown editor was refused as "no paragraph found".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import cli
from engine.errors import InputError
from engine.read import read_text
from engine.read.lines import Line
from engine.read.markdown import take_marks

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"

EN_DRAFT = """\
# Promotion and protection of human rights

## Draft resolution

*The General Assembly*,

**Recalling** its previous resolutions on the subject,

_Noting_ the report of the Secretary-General,

**1.** **Decides** to remain seized of the matter;

**OP2** Requests the Secretary-General to report to it at its next session.
"""

ZH_DRAFT = """\
# 增进和保护人权

## 决议草案

**大会**，

**回顾**其以往关于这一问题的各项决议，

*注意到*秘书长的报告，

**1.** **决定**继续处理此案；

**2.** 请秘书长向大会下届会议提交报告。
"""


def _codes(text: str) -> list[str]:
    return [w.code for w in read_text(text).warnings]


def test_an_english_markdown_draft_reads_as_typed_without_its_marks() -> None:
    res = read_text(EN_DRAFT)
    assert res.meta.title == "Promotion and protection of human rights"
    assert res.meta.body == "GA-draft"
    assert res.body_line == "The General Assembly,"
    assert [(p.id, p.number, p.text) for p in res.provisions] == [
        ("pp1", "", "Recalling its previous resolutions on the subject,"),
        ("pp2", "", "Noting the report of the Secretary-General,"),
        ("op1", "1", "Decides to remain seized of the matter;"),
        ("op2", "2", "Requests the Secretary-General to report to it at its next session."),
    ]
    stripped = [w for w in res.warnings if w.code == "markdown-stripped"]
    assert [(w.severity, w.message) for w in stripped] == [
        (
            "note",
            "read as Markdown, marks stripped: heading marks (#) on lines 1, 3; "
            "emphasis marks (** or _) at the start of lines 5, 7, 9, 11, 13",
        )
    ]


def test_a_chinese_markdown_draft_reads_as_typed_without_its_marks() -> None:
    res = read_text(ZH_DRAFT)
    assert res.meta.language == "zh"
    assert res.meta.title == "增进和保护人权"
    assert res.body_line == "大会，"
    assert [(p.id, p.number, p.text) for p in res.provisions] == [
        ("pp1", "", "回顾其以往关于这一问题的各项决议，"),
        ("pp2", "", "注意到秘书长的报告，"),
        ("op1", "1", "决定继续处理此案；"),
        ("op2", "2", "请秘书长向大会下届会议提交报告。"),
    ]
    assert "markdown-stripped" in _codes(ZH_DRAFT)


EN_SECTIONS = """\
# Promotion and protection of human rights

**The General Assembly**,

**Recalling** its previous resolutions on the subject,

## Operative part

1\\. **Decides** to remain seized of the matter;

---

2\\. _Requests_ the Secretary-General to report to it:

  (a) **On** the first thing;

  (b) On the second thing.
"""


def test_section_headings_rules_and_escaped_numbers_are_not_wording() -> None:
    """Before: `Operative part` was read into the paragraph before it, `---` glued to
    operative paragraph 1, and `1\\.` (a Markdown editor's escape) lost the numbers."""
    res = read_text(EN_SECTIONS)
    assert [(p.id, p.text) for p in res.provisions] == [
        ("pp1", "Recalling its previous resolutions on the subject,"),
        ("op1", "Decides to remain seized of the matter;"),
        ("op2", "Requests the Secretary-General to report to it:"),
        ("op2.a", "On the first thing;"),
        ("op2.b", "On the second thing."),
    ]
    [said] = [w.message for w in res.warnings if w.code == "markdown-stripped"]
    assert said.endswith(
        "the backslash of an escaped number (1\\.) on lines 9, 13; horizontal rules (---) on line 11; "
        "section headings between paragraphs, which are not paragraphs: 'Operative part' (line 7)"
    )


def test_a_chinese_section_heading_is_not_a_paragraph() -> None:
    text = ZH_DRAFT.replace("**1.**", "## 执行部分\n\n**1.**")
    res = read_text(text)
    assert [p.text for p in res.provisions] == [p.text for p in read_text(ZH_DRAFT).provisions]
    assert "'执行部分' (line 11)" in next(w.message for w in res.warnings if w.code == "markdown-stripped")


@pytest.mark.parametrize(
    ("heading", "kept"),
    [
        ("# 2. Requests the Secretary-General to report", "Requests the Secretary-General to report"),
        ("## Requests the Secretary-General to report on the question", "Requests the Secretary-General"),
        ("## (a) On the first thing", "On the first thing"),
        ("## 请秘书长提交报告", "请秘书长提交报告"),
    ],
)
def test_a_paragraph_typed_with_a_heading_mark_is_kept_not_dropped(heading: str, kept: str) -> None:
    """A heading whose words open as a paragraph does (a number, a label, a lead word or an
    operative verb) is a paragraph: it was dropped as a section heading, with only a note."""
    en = "The General Assembly,\n\nRecalling its resolution 60/1,\n\n1. Decides to continue;\n\n"
    zh = "大会，\n\n回顾其第60/1号决议，\n\n1. 决定继续审议该问题；\n\n"
    lead = zh if "秘书长" in heading else en
    res = read_text(lead + heading + "\n")
    assert any(p.text.startswith(kept) for p in res.provisions), [p.text for p in res.provisions]
    said = " ".join(w.message for w in res.warnings if w.code == "markdown-stripped")
    assert "section headings" not in said


@pytest.mark.parametrize(
    ("name", "language", "symbol", "title"),
    [
        ("hrc-25-3.zh.txt", "zh", "A/HRC/RES/25/3", "增强人权领域的国际合作"),
        (
            "a-c3-78-l41.en.txt",
            "en",
            "A/C.3/78/L.41",
            "Situation of human rights in the Islamic Republic of Iran",
        ),
    ],
)
def test_the_typed_fixtures_metadata_lines_are_metadata(
    name: str, language: str, symbol: str, title: str
) -> None:
    """Before: title '# title：增强人权领域的国际合作' and '# title: Situation of ...'."""
    res = read_text((DATA / name).read_text(encoding="utf-8"))
    assert (res.meta.language, res.meta.symbol, res.meta.title) == (language, symbol, title)
    assert not {"markdown-stripped", "metadata-line"} & {w.code for w in res.warnings}


def test_the_zh_fixture_against_its_stored_text_reports_no_title_change() -> None:
    """`resdiff diff A/HRC/RES/25/3 tests/data/hrc-25-3.zh.txt` said `title changed
    {+# title：+}增强人权领域的国际合作`; the one real difference (a marker kept in op12) stays."""
    result = CliRunner().invoke(
        cli.main, ["diff", "A/HRC/RES/25/3", str(DATA / "hrc-25-3.zh.txt")], catch_exceptions=False
    )
    assert result.exit_code == 1, result.stderr  # differences found
    assert "title" not in result.stdout
    assert "summary: 32 unchanged, 1 reworded\n" in result.stdout


def test_a_heading_that_is_not_a_key_value_line_stays_words() -> None:
    """`# Note: ...` (a capital) is a heading whose words are kept; `# agenda: 3` (a key the
    reader does not know) is said and dropped, never glued into the title."""
    text = "# agenda: 3\n# Note: revised\n" + EN_DRAFT
    res = read_text(text)
    assert res.meta.title == "Promotion and protection of human rights"
    said = [(w.code, w.line) for w in res.warnings if w.code == "metadata-line"]
    assert said == [("metadata-line", 1)]


def test_a_known_key_in_capitals_is_metadata_not_a_title() -> None:
    """`# Symbol: A/HRC/RES/25/3` was a heading whose words became the title."""
    res = read_text("# Symbol: A/HRC/RES/25/3\n# Title: 增进和保护人权\n" + ZH_DRAFT.split("\n", 4)[4])
    assert (res.meta.symbol, res.meta.title) == ("A/HRC/RES/25/3", "增进和保护人权")


def test_bold_italic_marks_go_as_bold_ones_do() -> None:
    res = read_text(EN_DRAFT.replace("**Recalling**", "***Recalling***").replace("_Noting_", "___Noting___"))
    assert [p.text for p in res.provisions] == [p.text for p in read_text(EN_DRAFT).provisions]


def test_odd_metadata_lines_are_said_and_ignored() -> None:
    text = (
        "# symbol: not a symbol\n# title: First\n# title: Second\n# language: xx\n"
        + EN_DRAFT.split("\n", 4)[4]
    )
    res = read_text(text)
    assert res.meta.title == "First"
    assert res.meta.symbol is None
    assert res.meta.language == "en"
    messages = [(w.line, w.message) for w in res.warnings if w.code == "metadata-line"]
    assert [line for line, _ in messages] == [3, 4, 1]
    assert (
        "a second '# title:' line ('Second'): ignored, the first ('First', line 2) stands" in messages[0][1]
    )


def test_a_declared_symbol_wins_and_is_canonical() -> None:
    res = read_text("# symbol: a/hrc/res/25/3\n" + ZH_DRAFT)
    assert res.meta.symbol == "A/HRC/RES/25/3"
    assert (res.meta.body, res.meta.number) == ("HRC", "25/3")


def test_a_declared_language_the_text_contradicts_is_refused() -> None:
    with pytest.raises(InputError, match="line 1 declares language 'en'"):
        read_text("# language: en\n" + ZH_DRAFT)
    with pytest.raises(InputError, match="line 1 declares language 'zh', but --lang en was given"):
        read_text("# language: zh\n" + "Recalling its resolutions,\n1. Decides to act.\n", lang="en")


@pytest.mark.parametrize(
    "line",
    [
        "*2321227*A/C.3/78/L.41",  # a barcode and symbol (page furniture)
        "*1354492*",
        "* Reissued for technical reasons on 5 May 2014.",  # a footnote body
        "Recalling resolution 52/131*, **in particular** its paragraph 2,",  # not at the start
        "_x_y is a name",
        "#hashtag is no heading",
        "---",  # alone (no other Markdown): the rule above an extracted text's footnotes
        "__________",
    ],
)
def test_what_is_not_markdown_is_left_alone(line: str) -> None:
    lines = [Line(1, line)]
    marked = take_marks(lines)
    assert (lines[0].text, marked.warnings, marked.declared) == (line, [], {})


_PLAIN = st.text(st.characters(blacklist_characters="#*_\\\r\n", blacklist_categories=("Cs",)), max_size=40)


@given(st.lists(_PLAIN, max_size=6))
def test_lines_without_marks_are_never_changed(texts: list[str]) -> None:
    lines = [Line(i, t) for i, t in enumerate(texts, start=1)]
    marked = take_marks(lines)
    assert [line.text for line in lines] == texts
    assert marked.warnings == [] and marked.declared == {}
