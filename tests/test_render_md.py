"""The `md` format as GitHub shows it: rendered by cmark-gfm (tests/gfm.py), every deleted
token struck, every inserted one marked, kept text never, and no Markdown left literal, on
every successive pair of the shipped history and on text full of Markdown's own signs."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.diff import compare
from engine.render import DIFF_RENDERERS, RenderOptions
from engine.store import canonical
from engine.store.history import History

from .gfm import check_md, to_html
from .helpers import parse_text, resolution

HISTORY = History(Path(__file__).parent.parent / "history")


def md(diff, **options) -> str:
    return DIFF_RENDERERS["md"](diff, RenderOptions(show_unchanged=True, **options))


def successive_pairs():
    for name in HISTORY.series_names():
        series = HISTORY.series(name)
        for lang in sorted({lang for v in series.versions for lang in v.languages}):
            paths = [HISTORY.path_for(name, lang, v.symbol) for v in series.versions if lang in v.languages]
            yield from itertools.pairwise(paths)


def load(path: Path):
    return canonical.loads(path.read_text(encoding="utf-8"), str(path))


def test_every_successive_history_pair_renders_on_github():
    """Before `<del>`/`<ins>`, 14 of the 31 en and zh pairs showed literal `~~`/`**` or
    struck kept text."""
    pairs = list(successive_pairs())
    assert len(pairs) >= 31
    languages = {path.parent.name for pair in pairs for path in pair}
    assert {"en", "zh"} <= languages
    problems = {}
    for old, new in pairs:
        diff = compare(load(old), load(new))
        if found := check_md(diff, md(diff)):
            problems[f"{old.name} → {new.name} ({old.parent.name})"] = found
    assert problems == {}


def test_ga_51_102_to_53_148_strikes_what_was_deleted_and_only_that():
    """op2 as the issue found it: `/人权事务中心` deleted, `，` inserted next to CJK text."""
    old = load(HISTORY.find("A/RES/51/102", "zh"))
    new = load(HISTORY.find("A/RES/53/148", "zh"))
    html = to_html(md(compare(old, new)))
    op2 = next(line for line in html.splitlines() if line.startswith("<p>欢迎"))
    assert "办事处<del>/人权事务中心</del>继续提供合作与援助<ins>，</ins>以进一步" in op2
    assert "**" not in html and "~~" not in html


HOSTILE = st.sampled_from(
    [
        "*", "**", "_", "__", "~", "~~", "`", "``", "|", "<", ">", "&", "&amp;", "\\", "$", "$x$",
        "#", "1.", "2)", "-", "+", "=", "===", "---", "[x](y)", "![i](j)", "<b>", "</del>", "<ins>",
        "**，**", "~~；~~", "，", "。", "：", "人权", "委员会", "www.un.org", "A/HRC/24/56", "    ",
        "Recalling", "States", "*emphasis*", "_under_", "a|b", "`code`",
        "http://un.org/a*b", "a_b@un.org",
    ]
)  # fmt: skip
PARAGRAPH = st.lists(HOSTILE, min_size=1, max_size=8).map(" ".join).map(str.strip).filter(bool)


@st.composite
def hostile_pairs(draw: st.DrawFn):
    old = draw(st.lists(PARAGRAPH, min_size=1, max_size=4))
    new = []
    for text in old:
        words = text.split(" ")
        for _ in range(draw(st.integers(0, 3))):
            k = draw(st.integers(0, len(words)))
            if draw(st.booleans()) and k < len(words):
                del words[k]
            else:
                words.insert(k, draw(HOSTILE))
        if edited := " ".join(words).strip():
            new.append(edited)
    new += draw(st.lists(PARAGRAPH, max_size=1))
    joined = "" if draw(st.booleans()) else " "
    language = draw(st.sampled_from(["en", "zh"]))
    if language == "zh":
        old, new = [t.replace(" ", joined) for t in old], [t.replace(" ", joined) for t in new]
    return resolution(old, language=language), resolution(new, language=language)


@given(hostile_pairs())
def test_hostile_text_renders_as_the_diff_says(pair):
    old, new = pair
    diff = compare(old, new)
    assert check_md(diff, md(diff)) == []


@given(st.lists(HOSTILE, min_size=1, max_size=6).map("".join))
def test_a_hostile_symbol_is_escaped_in_the_title(symbol):
    diff = compare(resolution(["Recalling"]).with_meta(symbol=symbol), resolution(["Recalls"]))
    assert check_md(diff, md(diff)) == []


GOLDEN = Path(__file__).parent / "golden" / "diff"


@pytest.mark.parametrize("case", sorted(path.name for path in GOLDEN.iterdir() if path.is_dir()))
def test_golden_md_shows_on_github_what_the_diff_says(case):
    old = parse_text((GOLDEN / case / "old.txt").read_text(encoding="utf-8"))
    new = parse_text((GOLDEN / case / "new.txt").read_text(encoding="utf-8"))
    diff = compare(old, new)
    expected = (GOLDEN / case / "expected.md").read_text(encoding="utf-8")
    assert check_md(diff, expected, show_unchanged=False) == []


def test_no_space_between_a_chinese_deletion_and_insertion() -> None:
    """`<del>又</del> <ins>并</ins>请` showed a space in Chinese text, which has none (GitHub
    renders it, and a reader copies it); English keeps the space: `Recalling` → `Recalls`."""
    from engine.render.diff_labels import inline

    def edit(op: str, text: str) -> str:
        return f"<{op}>{text}</{op}>"

    zh = [("delete", "又"), ("insert", "并"), ("equal", "请高级专员")]
    assert inline(zh, str, edit, " ") == "<delete>又</delete><insert>并</insert>请高级专员"
    en = [("delete", "Recalling"), ("insert", "Recalls"), ("equal", " its")]
    assert inline(en, str, edit, " ") == "<delete>Recalling</delete> <insert>Recalls</insert> its"
