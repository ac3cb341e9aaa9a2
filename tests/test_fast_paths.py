"""The fast paths of issue 7 give exactly what the plain definitions they replace give.

Reading and aligning 4,000 provisions in a few seconds needed shortcuts: a cheap test before
a regex scan, ASCII handled on bytes or with ASCII classes, distinct tokens looked at once,
candidates computed when first asked for. Each keeps its plain definition here, and
hypothesis compares the two on text mixing what the shortcuts tell apart: ASCII, Han,
full-width forms, typographic quotes, digits, punctuation and odd white space.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.align.candidates import CandidateIndex, Candidates
from engine.align.features import TOKEN_RE, similarity_tokens
from engine.align.formatting import WIDTH_TABLE, fold
from engine.read import footnotes, furniture, ocr
from engine.read.structure import _INLINE_CUT, _INLINE_CUT_CASED
from engine.text import _SCRIPT_RUNS, CJK_CLASS, script_counts

PIECES = [
    "a", "Z", "rights", "Recalling", "the", "İ", "é", "ñ", "Я", "ع", "人权", "大会", "２", "ＡＢ", "，",
    "1", "23", "2013", "68/160", "A/HRC/24/56", "23-21227", "*2321227*", "(a)", "（1）", "’", "“", "'",
    "-", "/", ".", ",", ";", ":", "(", ")", "[", "]", " ", "  ", "\t", "\u00a0", "\u3000", "\x1c", "_____",
    "PP1", "op2", "Fift y- second", "Reaf firming", "comm itment",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
lines = st.lists(st.sampled_from(PIECES).filter(lambda p: p != "\x1c"), max_size=30).map("".join)


@given(texts)
def test_script_counts_are_the_letters_each_script_pattern_finds(text: str) -> None:
    plain = {name: sum(map(len, runs.findall(text))) for name, runs in _SCRIPT_RUNS.items()}
    assert script_counts(text) == plain


_SPACE_RUN = re.compile(r"\s+")
_SPACE_BY_CJK = re.compile(rf"(?<=[{CJK_CLASS}]) | (?=[{CJK_CLASS}])")


@given(texts)
def test_the_comparison_key_and_its_tokens_are_the_plain_definitions(text: str) -> None:
    key = _SPACE_RUN.sub(" ", text.translate(WIDTH_TABLE)).strip()
    if " " in key and re.search(f"[{CJK_CLASS}]", key):
        key = _SPACE_BY_CJK.sub("", key)
    assert fold(text) == key
    assert similarity_tokens(key) == [t.lower() for t in TOKEN_RE.findall(key)]


@given(texts)
def test_footnote_candidates_are_those_finditer_finds(text: str) -> None:
    def spans(matches: object) -> list[tuple[tuple[int, int], str | None]]:
        return [(m.span(), m.lastgroup) for m in matches]  # type: ignore[attr-defined]

    assert spans(footnotes._candidates(text)) == spans(footnotes._CANDIDATES.finditer(text))


@given(lines)
def test_a_line_without_a_furniture_token_is_told_without_the_scan(line: str) -> None:
    if furniture._TOKEN.search(line):
        assert furniture._may_hold_token(line)
    if "_____" not in line:
        assert len(furniture._INLINE_SEPARATOR.split(line)) == 1


@given(lines)
def test_the_cased_inline_cut_finds_every_cut_that_can_start_a_provision(line: str) -> None:
    """Every match of the plain pattern followed by what can open a provision in en/fr/es is
    a match of the cased one, and the cased one finds nothing else."""
    plain = {m.span() for m in _INLINE_CUT.finditer(line) if re.match(r"[^\W_a-nq-z]|[(（]", line[m.end()])}
    assert {m.span() for m in _INLINE_CUT_CASED.finditer(line)} == plain


@given(st.lists(lines, max_size=6))
def test_the_ocr_gate_is_the_per_line_definition(block: list[str]) -> None:
    def plain(lines: list[str]) -> bool:
        for line in lines:
            cores = [ocr._core(t) for t in ocr._TOKEN.findall(ocr._HYPHEN_SPACE.sub("-", line))]
            for i, core in enumerate(cores):
                if core.lower() in ocr._un_words() or not ocr._may_be_fragment(core):
                    continue
                for j in range(max(0, i - 1), min(len(cores), i + 2) - 1):
                    joined = cores[j].split("-")[-1] + cores[j + 1].split("-")[0]
                    if joined.isalpha() and len(joined) > 2 and ocr._may_be_un_word(joined):
                        return True
        return False

    assert ocr.may_be_broken(block) == plain(block)


@settings(max_examples=50)
@given(st.lists(st.text(alphabet="abcdef", min_size=0, max_size=12), max_size=40))
def test_candidates_asked_one_by_one_are_the_queries_made_up_front(codes: list[str]) -> None:
    index = CandidateIndex(codes, max_df=3)
    eager = [index.query(code) for code in codes]
    lazy = Candidates(CandidateIndex(codes, max_df=3), codes)
    assert [lazy[k] for k in reversed(range(len(codes)))] == eager[::-1]
    assert list(lazy) == eager


def _plain_label(text: str, width: int) -> str:
    """A timeline row's label as first defined: every character measured."""
    from engine.lineage.timeline import columns

    text = " ".join(text.split())
    if sum(map(columns, text)) <= width:
        return text
    out, used = [], 0
    for ch in text:
        if used + columns(ch) > width - 1:
            break
        out.append(ch)
        used += columns(ch)
    return "".join(out).rstrip() + "…"


@settings(max_examples=500)
@given(texts, st.integers(min_value=2, max_value=60))
def test_a_label_measures_only_what_it_keeps(text: str, width: int) -> None:
    from engine.lineage.timeline import label

    assert label(text, width) == _plain_label(text, width)
