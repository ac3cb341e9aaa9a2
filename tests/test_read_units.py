"""engine.read stages on small inputs: normalisation, markers, OCR repair, joining."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.model import FootnoteRef
from engine.read.footnotes import MarkerReader
from engine.read.ocr import line_is_broken, repair_line
from engine.read.tidy import join_lines, tidy_text


@pytest.mark.parametrize(
    ("raw", "lang", "want"),
    [
        ("2013 年 6 月 13 日第 23/3 号决议", "zh", "2013年6月13日第23/3号决议"),
        ("决议,注意到 (COVID-19) 大流行;又如何?", "zh", "决议，注意到（COVID-19）大流行；又如何？"),
        ("美利坚合众国:决议草案", "zh", "美利坚合众国：决议草案"),
        ("Distr.: General  (A/76/462)", "en", "Distr.: General (A/76/462)"),
        ("The General Assembly ,", "en", "The General Assembly,"),
        ("Cafe\u0301\u00a0 du\tmonde ", "fr", "Café du monde"),
    ],
)
def test_tidy_text(raw: str, lang: str, want: str) -> None:
    assert tidy_text(raw, lang) == want


def test_join_lines_keeps_real_hyphens_and_drops_soft_ones() -> None:
    assert join_lines(["the film-", "makers and"]) == "the film-makers and"
    assert join_lines(["a  line", " and the next"]) == "a  line and the next"
    vocabulary = frozenset({"cooperation"})
    assert join_lines(["co-", "operation"], vocabulary) == "cooperation"


def test_markers_follow_the_numbering_sequence() -> None:
    reader = MarkerReader(bodies={"1": 10, "2": 10, "3": 10})
    text, refs = reader.extract("Declaration of Human Rights,1 the Covenants2 and Article 1, paragraph 3,", 5)
    assert text == "Declaration of Human Rights, the Covenants and Article 1, paragraph 3,"
    assert refs == (FootnoteRef("1", 28), FootnoteRef("2", 42))
    # 3 is expected but a "3" after "paragraph " is a number, and "Rights2" may cite 2 again.
    text, refs = reader.extract("paragraph 3 of the Covenants2 and", 6)
    assert text == "paragraph 3 of the Covenants and" and refs == (FootnoteRef("2", 28),)


def test_marker_glued_to_a_resolution_number_needs_its_body_on_this_page() -> None:
    reader = MarkerReader(bodies={"1": 20, "2": 72})
    assert reader.extract("pursuant to resolution 77/2281 and", 13) == (
        "pursuant to resolution 77/228 and",
        (FootnoteRef("1", 29),),
    )
    # Body 2 is two footnote blocks away (after body 1's block): 52/22 stays a number.
    reader = MarkerReader(bodies={"1": 20, "2": 72, "3": 40}, seen={1})
    assert reader.extract("Council resolution 52/22;", 24)[1] == ()


def test_bodies_of_earlier_footnotes_in_the_same_block_do_not_hide_a_glued_marker() -> None:
    # Lines 10-12 wording (marker 5 glued to 77/228 on line 11), 13-17 the page's
    # footnote block with bodies 1-5, 18-30 the next page's wording, 31 body 6.
    bodies = {"1": 13, "2": 14, "3": 15, "4": 16, "5": 17, "6": 31}
    wording = (*range(1, 13), *range(18, 31))
    reader = MarkerReader(bodies=bodies, text_lines=wording, seen={1, 2, 3, 4})
    assert reader.extract("pursuant to resolution 77/2285 and", 12)[1] == (FootnoteRef("5", 29),)
    # Expected 6 glued to 52/2: body 6 is a page further on, past another block.
    reader = MarkerReader(bodies=bodies, text_lines=wording, seen={1, 2, 3, 4, 5})
    assert reader.extract("Council resolution 52/26;", 12)[1] == ()


def test_chinese_dates_and_enumerations_are_not_markers() -> None:
    reader = MarkerReader(seen={1})
    text, refs = reader.extract("2000年2、3月的议会选举，2014年3月27日")
    assert refs == () and text == "2000年2、3月的议会选举，2014年3月27日"


def test_chinese_marker_glued_between_han_characters() -> None:
    # GA 55/114, pp1: marker 1 after "、", marker 2 glued to 盟约 ("the Covenants"): 约 that
    # ends 公约/盟约/条约 is not "about".
    reader = MarkerReader()
    text, refs = reader.extract("遵循《联合国宪章》、《世界人权宣言》、1国际人权盟约2和其他人权文书，")
    assert text == "遵循《联合国宪章》、《世界人权宣言》、国际人权盟约和其他人权文书，"
    assert refs == (FootnoteRef("1", 19), FootnoteRef("2", 25))
    # cited again further on
    text, refs = reader.extract("《儿童权利公约》和公约2的")
    assert text == "《儿童权利公约》和公约的" and refs == (FootnoteRef("2", 11),)


@pytest.mark.parametrize(
    "text",
    [
        "决议第2和第3段",  # ordinal
        "决议第2和3段",  # ordinal and enumeration
        "2013年6月13日第23/3号决议",  # date and symbol
        "任命2个特别报告员",  # counter
        "大会第54/181号决议",  # 54/181 is no 54/18 + marker 1
        "大会第54/180号、54/181号决议",
        "约2万人",  # "about"
        "大约2名代表",
        "近2年来",
        "逾2亿人",
        "超过2个国家",
        "有2人死亡",
        "提出2种方案",
        "附件2所载",  # numbered thing
        "目标2的",
        "百分之2的",  # fraction
        "公约2至3",  # range
        "公约2以上",
        "决议2、3和4",  # enumeration
    ],
)
def test_chinese_numbers_glued_to_han_characters_are_no_markers(text: str) -> None:
    for seen in (set(), {1}):  # 1 expected; 2 expected and 1 seen
        reader = MarkerReader(bodies={"1": 10, "2": 10, "3": 10}, seen=seen)
        assert reader.extract(text, 5) == (text, ())


def test_ocr_repair() -> None:
    line = "Reaf firming its comm itment to promo ting int ernation al coop eration"
    assert line_is_broken(line)
    assert repair_line(line) == "Reaffirming its commitment to promoting international cooperation"
    assert repair_line("Fift y- second session") == "Fifty-second session"
    assert repair_line("Huma n Right s on the 2 5 J une 20 22") == "Human Rights on the 25 June 2022"
    assert not line_is_broken("Recalling its resolution 70/1 of 25 September 2015, in to the world")


def test_a_web_page_is_refused_with_what_to_do(tmp_path) -> None:
    """A saved un.org page would have its tags read as wording; say what it is instead."""
    import pytest

    from engine.errors import InputError
    from engine.read import read_bytes

    page = b"\xef\xbb\xbf<!DOCTYPE html>\n<html><body><p>The General Assembly,</p><p>1. Decides.</p></body>"
    for data in (page, b"  <!-- saved -->\n<HTML>\n<head><title>x</title></head>"):
        with pytest.raises(InputError, match=r"web page \(HTML\).*plain text"):
            read_bytes(data, source="a55r109.htm")
    # a text that merely mentions a tag is read
    assert read_bytes(b"The General Assembly,\n\n1. Decides that <html> is a word.\n", lang="en").provisions


@pytest.mark.parametrize(
    "text", ["influenza A(H1N1) and", "CO2 emissions", "the G2 and", "5G networks", "COP2 and"]
)
def test_a_number_in_a_name_is_no_marker(text: str) -> None:
    """H1N1 lost its 1s (`HN`) and CO2 its 2 when 1 or 2 was a marker expected or seen."""
    for seen in (set(), {1}, {1, 2}):
        reader = MarkerReader(bodies={"1": 10, "2": 10, "3": 10}, seen=set(seen))
        assert reader.extract(text, 5) == (text, ())


def test_a_marker_glued_to_a_name_in_capitals_of_four_letters_or_more() -> None:
    reader = MarkerReader(bodies={"1": 10})
    assert reader.extract("the UNESCO1 and", 5) == ("the UNESCO and", (FootnoteRef("1", 10),))


_HAN = st.sampled_from(list("的资料报告各国决议人权会员其中包括提供"))
_PUNCT = st.sampled_from(list("，；、：《》（）"))
_COUNTER = st.sampled_from(["年", "个", "名", "次", "项", "日", "段", "%"])


@st.composite
def chinese_with_numbers(draw: st.DrawFn) -> tuple[str, bool]:
    """A Chinese text with 1-2 digit numbers glued in; the flag: every number has a counter."""
    pieces, counted = [], True
    for _ in range(draw(st.integers(1, 8))):
        pieces.append(draw(st.text(st.one_of(_HAN, _PUNCT), min_size=1, max_size=6)))
        number = str(draw(st.integers(1, 99)))
        if draw(st.booleans()):
            pieces.append(number + draw(_COUNTER))
        else:
            counted = False
            pieces.append(number)
    pieces.append(draw(st.text(_HAN, min_size=1, max_size=4)))
    return "".join(pieces), counted


@given(chinese_with_numbers(), st.sets(st.integers(1, 5)))
def test_every_glued_number_is_a_marker_a_doubt_or_a_quantity(case: tuple[str, bool], seen: set[int]) -> None:
    """No number glued between Chinese characters and punctuation is dropped or kept without
    a word: it is a marker (taken out, its place kept), or it stays in the text, said as a
    doubt unless a counter makes it a quantity; the text is otherwise untouched."""
    text, counted = case
    reader = MarkerReader(seen=set(seen))
    out, refs = reader.extract(text)
    rebuilt = out
    for ref in reversed(refs):
        rebuilt = rebuilt[: ref.offset] + ref.marker + rebuilt[ref.offset :]
    assert rebuilt == text  # only the markers' digits were taken out, each where it stood
    if counted:
        assert refs == () and reader.doubts == []
    left = len(re.findall(r"\d+(?![年个名次项日段%\d])", out))
    assert len(reader.doubts) <= left


def test_a_marker_after_a_full_stop() -> None:
    """After `。` (and, at the end of a paragraph, after an English `.`), a marker glued on was
    left in the text without a word, expected or not (`报告。1`, `Action.3`)."""
    reader = MarkerReader()
    assert reader.extract("注意到秘书长的报告。1") == ("注意到秘书长的报告。", (FootnoteRef("1", 10),))
    assert reader.extract("of the matter.2") == ("of the matter.", (FootnoteRef("2", 14),))
    assert reader.extract("注意到报告。5其中") == ("注意到报告。5其中", ())
    assert reader.extract("Programme of Action.7") == ("Programme of Action.7", ())
    assert [(d.number, d.expected) for d in reader.doubts] == [(5, 3), (7, 3)]
    # a number after a full stop that is not a marker's place: a decimal, a sentence, a counter
    for text in ("version 2.3", "A/75/123.4", "报告。2015年", "报告。3个国家", "the No.3 and"):
        assert MarkerReader().extract(text) == (text, ())
