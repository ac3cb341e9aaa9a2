"""Blame and lineage as their users meet them (an analyst in English, an editor in Chinese):
defects found by the end-to-end review of issue 11, each pinned by a test that failed before
its fix."""

from __future__ import annotations

import io
import json
import os
import select
import sys
from pathlib import Path

import jsonschema
import pytest

import cli
from engine.model import Metadata, Provision, Resolution, renumber
from tests.test_lineage import BLAME_SCHEMA, A, B, C, D, E, run_cli, store_series, version


def read_available(fd: int, wait: float = 0.2) -> bytes:
    chunks = []
    while select.select([fd], [], [], wait)[0]:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize("stdout_on_terminal", [True, False])
def test_the_progress_bar_needs_the_output_on_a_terminal_too(stdout_on_terminal, monkeypatch):
    """`resdiff blame X | less` leaves stderr on the terminal: the bar was drawn there,
    over the pager, though the issue says none when output is piped."""
    controller, terminal = os.openpty()
    tty = os.fdopen(terminal, "w", encoding="utf-8")
    try:
        monkeypatch.setenv("TERM", "xterm-256color")
        monkeypatch.setattr(sys, "stderr", tty)
        monkeypatch.setattr(sys, "stdout", tty if stdout_on_terminal else io.StringIO())
        with cli.lineage_progress(delay=0.0) as update:
            update(1, 3)
            update(2, 3)
        tty.flush()
        drawn = read_available(controller)
    finally:
        tty.close()
        os.close(controller)
    assert (b"aligning successive versions" in drawn) is stdout_on_terminal


def zh_version(symbol: str, *texts: str) -> Resolution:
    meta = Metadata(language="zh", symbol=symbol, series="topic", extent="full")  # type: ignore[arg-type]
    provisions = [Provision("op0", "operative", t, str(n)) for n, t in enumerate(texts, 1)]
    return Resolution(meta, renumber(provisions))


@pytest.fixture
def mixed_history(tmp_path, monkeypatch) -> Path:
    """en v1, en v2 without C, zh only v3, en v4 with C back and D reworded: the true
    story of C is present, removed, (not seen in en), restored."""
    monkeypatch.setenv("RESDIFF_CACHE", str(tmp_path / "cache"))
    store = store_series(
        tmp_path / "history",
        version("A/RES/1/1", A, C, D),
        version("A/RES/2/1", A, D),
        zh_version("A/RES/3/1", "回顾其关于增强人权领域国际合作的决议", "请秘书长向大会下届会议提出报告"),
        version("A/RES/4/1", A, C, D.replace("next session", "seventy-fifth session")),
    )
    return store.root


def test_a_version_not_held_in_the_language_is_told_by_blame_not_left_out(mixed_history):
    """D reworded between A/RES/2/1 and A/RES/4/1 may have been reworded in A/RES/3/1, held
    only in Chinese: blame dated it to A/RES/4/1 and said nothing of A/RES/3/1."""
    code, out, err = run_cli("blame", "A/RES/4/1", "--history", str(mixed_history))
    assert (code, err) == (0, "")
    assert out.splitlines()[1] == (
        "not held in en: A/RES/3/1 (a change made there is dated to the next version held in en; "
        "an origin may be older)"
    )
    code, out, _ = run_cli("blame", "A/RES/4/1", "--format", "json", "--history", str(mixed_history))
    doc = json.loads(out)
    jsonschema.validate(doc, BLAME_SCHEMA)
    assert doc["not_in_language"] == ["A/RES/3/1"]
    assert doc["provisions"][2]["changed_in"] == ["A/RES/4/1"]
    # and the change itself is a bound: it may have been made in A/RES/3/1
    assert doc["provisions"][2]["changed_in_exact"] == [False]
    code, out, _ = run_cli("blame", "A/RES/2/1", "--format", "json", "--history", str(mixed_history))
    assert json.loads(out)["not_in_language"] == []  # A/RES/3/1 comes after it
    code, out, _ = run_cli("blame", "A/RES/2/1", "--format", "md", "--history", str(mixed_history))
    assert "not held" not in out


def test_the_lineage_of_a_clause_tells_every_version_between_its_sightings(mixed_history):
    """C was shown removed in A/RES/2/1, then restored in A/RES/4/1, with nothing on
    A/RES/3/1: neither that it is held only in Chinese nor anything else."""
    code, out, err = run_cli("lineage", "A/RES/4/1#2", "--history", str(mixed_history))
    assert (code, err) == (0, "")
    heads = [line for line in out.splitlines() if line.startswith(("A/RES/", "not held"))]
    assert heads == [
        "A/RES/1/1 (2001): present  op2 (2)",
        "A/RES/2/1 (2002): removed",
        "not held in en: A/RES/3/1 (2003)",
        "A/RES/4/1 (2004): added  op2 (2)",
    ]


def test_a_gap_is_told_version_by_version(tmp_path, monkeypatch):
    monkeypatch.setenv("RESDIFF_CACHE", str(tmp_path / "cache"))
    store = store_series(
        tmp_path / "history",
        version("A/RES/1/1", A, C, D),
        version("A/RES/2/1", A, D),
        version("A/RES/3/1", A, D),
        version("A/RES/4/1", A, C, D),
    )
    code, out, _ = run_cli("lineage", "A/RES/4/1#op2", "--history", str(store.root))
    assert code == 0
    heads = [line for line in out.splitlines() if line.startswith("A/RES/")]
    assert heads == [
        "A/RES/1/1 (2001): present  op2 (2)",
        "A/RES/2/1 (2002): removed",
        "A/RES/3/1 (2003): absent",
        "A/RES/4/1 (2004): added  op2 (2)",
    ]


def test_the_word_diff_of_a_step_shows_no_space_the_text_lacks(tmp_path, monkeypatch):
    """`visits[-;-] {+.+}`: the space between the two halves read as one in the text; the
    brackets part them, as in `resdiff diff`'s text."""
    monkeypatch.setenv("RESDIFF_CACHE", str(tmp_path / "cache"))
    store = store_series(
        tmp_path / "history",
        version("A/RES/1/1", A, C + ";"),
        version("A/RES/2/1", A, C + "."),
    )
    code, out, _ = run_cli("lineage", "A/RES/2/1#2", "--history", str(store.root))
    assert code == 0
    assert out.splitlines()[-1] == f"  {C}[-;-]{{+.+}}"


SEED = Path(__file__).resolve().parent.parent / "history/intl-cooperation-hr/zh/A-HRC-RES-25-3.md"


@pytest.mark.parametrize(
    ("selector", "found"),
    [
        ("１１", "op11"),  # full-width digits, as a Chinese input method types them
        ("11.", "op11"),  # the number as the page prints it
        ("执行部分第１１段", "op11"),
        ("ＯＰ１１", "op11"),
    ],
)
def test_a_paragraph_is_named_as_the_page_and_an_input_method_write_it(selector, found):
    from engine.lineage.trail import find_provision, split_ref
    from engine.store import canonical

    seed = canonical.loads(SEED.read_text(encoding="utf-8"))
    symbol, picked = split_ref(f"A/HRC/RES/25/3#{selector}")
    assert symbol == "A/HRC/RES/25/3"
    assert find_provision(seed, picked, selector) == found
    assert split_ref("A/HRC/RES/25/3＃op11") == ("A/HRC/RES/25/3", "op11")  # full-width ＃


def test_a_number_typed_without_its_space_is_the_number():
    from engine.lineage.trail import find_provision

    draft = Resolution(
        Metadata(language="en", symbol="A/C.3/70/L.1", series="topic", extent="full"),  # type: ignore[arg-type]
        (
            Provision("op1", "operative", C, "3"),
            Provision("op2", "operative", D, "3 bis"),
        ),
    )
    assert find_provision(draft, "3bis", "x#3bis") == "op2"
    assert find_provision(draft, "3 bis", "x#3 bis") == "op2"


@pytest.mark.parametrize(
    ("selector", "said"),
    [
        ("OP3 bis", "A/HRC/RES/25/3#OP3 bis: this version has no operative paragraph 3 bis"),
        ("序言部分第十五段", "A/HRC/RES/25/3#序言部分第十五段: this version has 11 preambular paragraphs"),
    ],
)
def test_a_reference_to_a_paragraph_the_version_lacks_says_so(selector, said):
    """It was 'no operative paragraph is numbered OP3 bis, and it is no reference to a
    paragraph': it is one, to a paragraph this version does not have."""
    from engine.errors import InputError
    from engine.lineage.trail import find_provision
    from engine.store import canonical

    seed = canonical.loads(SEED.read_text(encoding="utf-8"))
    with pytest.raises(InputError) as caught:
        find_provision(seed, selector, f"A/HRC/RES/25/3#{selector}")
    assert str(caught.value) == said


def test_blame_of_one_provision_points_to_lineage(gap_history_root):
    code, out, err = run_cli("blame", "A/RES/2/1#op2", "--history", str(gap_history_root))
    assert (code, out) == (2, "")
    assert err == (
        "Error: 'A/RES/2/1#op2' names one provision: blame takes a version (A/RES/2/1) and answers "
        "for each of its provisions; one provision's story is `resdiff lineage 'A/RES/2/1#op2'`\n"
    )


@pytest.fixture
def gap_history_root(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("RESDIFF_CACHE", str(tmp_path / "cache"))
    return store_series(tmp_path / "history", version("A/RES/1/1", A, C, D), version("A/RES/2/1", A, D)).root


def test_the_lineage_of_a_clause_is_its_own_ancestry_not_the_whole_row(tmp_path, monkeypatch):
    """C is added in v2 and merged with A in v3. Asked for C's lineage, the trail printed the
    whole timeline row, a connected component: A's sightings too, so C 'was present' in
    v1, where blame (rightly) gives it the origin v2."""
    monkeypatch.setenv("RESDIFF_CACHE", str(tmp_path / "cache"))
    first = "Calls upon all States to cooperate fully with the special procedures of the Council"
    then = "and to respond promptly to their urgent appeals and requests for visits"
    store = store_series(
        tmp_path / "history",
        version("A/RES/1/1", first, D),
        version("A/RES/2/1", first, then, D),
        version("A/RES/3/1", f"{first} {then}", D),
    )
    code, out, _ = run_cli("blame", "A/RES/2/1", "--format", "json", "--history", str(store.root))
    assert json.loads(out)["provisions"][1]["origin"] == "A/RES/2/1"
    code, out, _ = run_cli("lineage", "A/RES/2/1#op2", "--history", str(store.root))
    assert code == 0
    heads = [line for line in out.splitlines() if line.startswith("A/RES/")]
    assert heads == ["A/RES/2/1 (2002): added  op2 (2)", "A/RES/3/1 (2003): merged  op1 (1)"]
    # from the merged clause back, both of its sources are its story
    code, out, _ = run_cli("lineage", "A/RES/3/1#op1", "--history", str(store.root))
    heads = [line for line in out.splitlines() if line.startswith("A/RES/")]
    assert heads == [
        "A/RES/1/1 (2001): present  op1 (1)",
        "A/RES/2/1 (2002): added  op1 (1), op2 (2)",
        "A/RES/3/1 (2003): merged  op1 (1)",
    ]


def test_a_clause_new_this_year_is_counted_new_though_a_later_merge_puts_it_in_an_older_row(tmp_path):
    """The cell of v2 holds A (unchanged) and C (new): it said `present`, and the foot
    counted no paragraph added in v2, though C is new there (blame: origin v2)."""
    from engine.lineage.graph import build
    from engine.lineage.timeline import timeline

    first = "Calls upon all States to cooperate fully with the special procedures of the Council"
    then = "and to respond promptly to their urgent appeals and requests for visits"
    store = store_series(
        tmp_path,
        version("A/RES/1/1", first, D),
        version("A/RES/2/1", first, then, D),
        version("A/RES/3/1", f"{first} {then}", D),
    )
    tl = timeline(build(store, "topic", "en"))
    assert [c.status for c in tl.rows[0].cells] == ["present", "added", "merged"]
    assert tl.counts()[1]["added"] == 1


def test_a_provision_with_no_text_is_a_row_one_can_tell(tmp_path):
    """An excerpt that stops right after `(a)` leaves a subparagraph with no text; its row
    had an empty label."""
    from engine.lineage.graph import build
    from engine.lineage.timeline import timeline

    cut = Resolution(
        Metadata(language="en", symbol="A/RES/2/1", series="topic", extent="excerpt"),  # type: ignore[arg-type]
        (
            Provision("op1", "operative", "Expresses concern at:", "1"),
            Provision("op1.a", "operative", "", "a"),
        ),
    )
    store = store_series(tmp_path, version("A/RES/1/1", A), cut)
    labels = [row.label for row in timeline(build(store, "topic", "en")).rows]
    assert "(op1.a (a): no text)" in labels and "" not in labels


def test_a_symbol_sought_in_the_wrong_series_says_where_it_is(gap_history_root, tmp_path):
    """`--series` naming another series answered 'did you mean A/RES/2/1', the very symbol
    typed."""
    store_series(tmp_path / "other", version("A/RES/7/7", A))
    other = (tmp_path / "other" / "topic").rename(gap_history_root / "other-topic")
    manifest = other / "series.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("series: topic", "series: other-topic"), encoding="utf-8"
    )
    code, out, err = run_cli(
        "blame", "A/RES/2/1", "--series", "other-topic", "--history", str(gap_history_root)
    )
    assert (code, out) == (2, "")
    assert (
        err == "Error: no stored version of A/RES/2/1 in series other-topic: it is listed in series topic\n"
    )


def test_a_clause_away_through_a_run_of_excerpts_is_one_lineage(tmp_path):
    """C is removed in v2 and back in v9; v3-v8 are excerpts that stop after A, so they
    cannot show C absent. The gap counted them as six versions of absence, more than
    GAP_LOOKBACK, and broke the lineage in two: C 'added' in v9 with origin v9."""
    from engine.lineage.blame import blame
    from engine.lineage.graph import GAP_LOOKBACK, build
    from engine.lineage.timeline import timeline

    excerpts = [version(f"A/RES/{n}/1", A, extent="excerpt") for n in range(3, 9)]
    assert len(excerpts) > GAP_LOOKBACK
    store = store_series(
        tmp_path,
        version("A/RES/1/1", A, C, D),
        version("A/RES/2/1", A, D),
        *excerpts,
        version("A/RES/9/1", A, C, D),
    )
    built = build(store, "topic", "en")
    rows = [[c.status for c in row.cells] for row in timeline(built).rows]
    assert ["present", "removed", *[None] * 6, "added"] in rows
    # D, past the excerpts' end, was broken in two as well (hidden, then `added` in v9)
    assert ["present", "present", *["not in the excerpt"] * 6, "present"] in rows
    assert len(rows) == 3
    answer = blame(built, 8)[1]
    assert (answer.origin, answer.changed_in, answer.original_share) == ("A/RES/1/1", (), 1.0)
    # whole versions still count: six of them break it, as documented
    wholes = [version(f"A/RES/{n}/1", A, D) for n in range(3, 9)]
    store = store_series(
        tmp_path / "whole",
        version("A/RES/1/1", A, C, D),
        version("A/RES/2/1", A, D),
        *wholes,
        version("A/RES/9/1", A, C, D),
    )
    assert blame(build(store, "topic", "en"), 8)[1].origin == "A/RES/9/1"


def test_every_provision_of_a_cell_is_shown_in_a_clause_s_lineage(tmp_path, monkeypatch):
    """Split in v2; in v3 one part unchanged, the other reworded: the trail showed the
    reworded part's diff alone, as if the clause were that part only."""
    monkeypatch.setenv("RESDIFF_CACHE", str(tmp_path / "cache"))
    second = "and to respond promptly to their urgent appeals and requests for visits"
    part = second[0].upper() + second[1:]
    store = store_series(
        tmp_path / "history",
        version("A/RES/1/1", A, f"{C} {second}", D),
        version("A/RES/2/1", A, f"{C}.", f"{part}.", D),
        version("A/RES/3/1", A, f"{C}.", part.replace("promptly", "without delay") + ".", D),
    )
    code, out, _ = run_cli("lineage", "A/RES/1/1#op2", "--history", str(store.root))
    assert code == 0
    assert out.split("A/RES/3/1 (2003): ")[1] == (
        "reworded  op2 (2), op3 (3)\n"
        f"  {C}.\n"
        "  And to respond [-promptly-]{+without delay+} to their urgent appeals and requests for visits.\n"
    )


def test_a_resolution_cited_by_its_number_is_pointed_to_its_symbol(monkeypatch, tmp_path):
    """`resdiff blame 25/3`, as the resolution is cited ("resolution 25/3"), said 'not a UN
    document symbol' and suggested nothing."""
    monkeypatch.setenv("RESDIFF_CACHE", str(tmp_path / "cache"))
    history = str(Path(__file__).resolve().parent.parent / "history")
    code, out, err = run_cli("blame", "25/3", "--history", history)
    assert (code, out) == (2, "")
    assert err == "Error: not a UN document symbol: '25/3' (did you mean A/HRC/RES/25/3?)\n"


def test_a_change_an_excerpt_hid_is_dated_only_as_a_bound(tmp_path, monkeypatch):
    """v2 stops before C; v3 shows C reworded. The rewording may have been made in v2: blame
    said 'changed in v3' as if known."""
    monkeypatch.setenv("RESDIFF_CACHE", str(tmp_path / "cache"))
    reworded = C.replace("cooperate fully", "cooperate fully and constructively")
    store = store_series(
        tmp_path / "history",
        version("A/RES/1/1", A, B, C, D),
        version("A/RES/2/1", A, B, extent="excerpt"),
        version("A/RES/3/1", A, B, reworded, D.replace("next session", "seventy-fifth session")),
        version("A/RES/4/1", A, B, reworded + " and with the treaty bodies", D),
    )
    code, out, _ = run_cli("blame", "A/RES/4/1", "--format", "json", "--history", str(store.root))
    doc = json.loads(out)
    jsonschema.validate(doc, BLAME_SCHEMA)
    c = doc["provisions"][2]
    assert (c["changed_in"], c["changed_in_exact"]) == (["A/RES/3/1", "A/RES/4/1"], [False, True])
    code, out, _ = run_cli("blame", "A/RES/4/1", "--history", str(store.root))
    assert "op3 (3)    A/RES/1/1   68%  <=A/RES/3/1, A/RES/4/1\n" in out
    code, out, _ = run_cli("blame", "A/RES/4/1", "--format", "md", "--history", str(store.root))
    assert code == 0
    assert "| \\<=A/RES/3/1, A/RES/4/1 |" in out and "Changed in `<=X`" in out
    from tests.gfm import to_html

    assert "<td>&lt;=A/RES/3/1, A/RES/4/1</td>" in to_html(out)  # what GitHub shows


@pytest.mark.parametrize(("series", "lang"), [("iran-hr", "en"), ("regional-arrangements-hr", "zh")])
def test_a_clause_s_lineage_starts_where_blame_says_it_does(series, lang):
    """On the shipped history: the first version a clause's lineage shows it in is the
    origin blame gives (iran-hr's op1 of 2009 began in 2007 in the one, 2009 in the other)."""
    from engine.lineage.blame import blame
    from engine.lineage.graph import build
    from engine.lineage.trail import trail
    from engine.store.history import History

    built = build(History(Path(__file__).resolve().parent.parent / "history"), series, lang)
    for v in range(len(built.stages)):
        for answer in blame(built, v):
            if not answer.origin_exact:
                continue
            seen = [s for s in trail(built, v, answer.id).sightings if s.ids]
            assert seen[0].symbol == answer.origin, (built.stages[v].symbol, answer.id)


def test_a_manifest_whose_dates_run_backwards_is_a_validate_problem(tmp_path):
    """A date edited by hand (2006 -> 2010) put the 2010 text first: every lineage ran from
    it, blame gave a 2007 text an origin of 2010, and validate said the history was valid."""
    store = store_series(
        tmp_path, version("A/RES/1/1", A, C), version("A/RES/2/1", A, C), version("A/RES/3/1", A)
    )
    manifest = tmp_path / "topic" / "series.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("'2001'", "'2010'"), encoding="utf-8")
    code, out, err = run_cli("validate", "--history", str(store.root))
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == (
        f"{manifest}: lists A/RES/1/1 (2010) before A/RES/2/1 (2002): versions are compared in the order "
        "listed; put them in date order"
    )
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("'2010'", "'2002-05-01'"), encoding="utf-8"
    )
    assert (
        run_cli("validate", "--history", str(store.root))[0] == 0
    )  # 2002-05-01 and 2002: as far as both say


def test_a_clause_first_seen_after_a_version_not_held_has_only_a_bound_origin(mixed_history):
    """C is back in A/RES/4/1 after A/RES/3/1, held in Chinese only; a clause new in
    A/RES/4/1 may have been new in A/RES/3/1: its origin is a bound, not an exact date."""
    from engine.lineage.blame import blame
    from engine.lineage.graph import build
    from engine.store.history import History

    store = History(mixed_history)
    built = build(store, "topic", "en")
    extra = version("A/RES/5/1", A, C, D, E)
    store.add(extra, date="2005")
    built = build(store, "topic", "en")
    by_id = {b.id: b for b in blame(built, 3)}
    assert (by_id["op4"].origin, by_id["op4"].origin_exact) == ("A/RES/5/1", True)  # nothing unseen before it
    store2 = store_series(
        mixed_history.parent / "second",
        version("A/RES/1/1", A, D),
        zh_version("A/RES/2/1", "回顾其关于增强人权领域国际合作的决议"),
        version("A/RES/3/1", A, D, E),
    )
    answer = {b.id: b for b in blame(build(store2, "topic", "en"), 1)}
    assert (answer["op3"].origin, answer["op3"].origin_exact) == ("A/RES/3/1", False)
    assert (answer["op1"].origin, answer["op1"].origin_exact) == ("A/RES/1/1", True)
