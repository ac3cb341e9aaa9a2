"""A timeline across the languages of a series (`--across-languages`), on constructed series
whose true lineage is known, and on the shipped history: rows of two languages are joined
only through a version held in both, by structure, never by wording."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import cli
from engine.errors import StoreError
from engine.lineage.across import across_languages
from engine.lineage.graph import build
from engine.model import Metadata, Provision, Resolution, renumber
from engine.store.history import History

ROOT = Path(__file__).resolve().parent.parent
HISTORY = ROOT / "history"
SCHEMA = json.loads((ROOT / "engine/render/schemas/timeline-across.schema.json").read_text(encoding="utf-8"))

EN = {
    "pp": "Recalling its resolution 25/3 on the enhancement of international cooperation in human rights",
    "call": "Calls upon all States to cooperate fully with the special procedures of the Council",
    "report": "Requests the Secretary-General to report to the General Assembly at its next session",
}
ZH = {
    "pp": "回顾其关于加强人权领域国际合作的第25/3号决议",
    "call": "吁请所有国家与人权理事会特别程序充分合作",
    "report": "请秘书长向大会下届会议提交报告",
    "call2": "吁请所有国家与人权理事会特别程序充分和建设性地合作",
    "new": "鼓励各区域组织交流保护人权维护者的经验",
    "pp2": "重申文化和宗教间对话有助于促进容忍与和平",
}


def res(symbol: str, lang: str, pps: list[str], ops: list[str], extent: str = "full") -> Resolution:
    meta = Metadata(language=lang, symbol=symbol, series="topic", extent=extent)  # type: ignore[arg-type]
    provisions = [Provision("pp0", "preamble", t) for t in pps]
    provisions += [Provision("op0", "operative", t, str(n)) for n, t in enumerate(ops, 1)]
    return Resolution(meta, renumber(provisions))


def store(root: Path, *versions: tuple[str, Resolution]) -> History:
    history = History(root)
    for date, version in versions:
        history.add(version, date=date, new_series=True)
    return history


def cells(tl, row) -> list[str | None]:  # type: ignore[no-untyped-def]
    return [c.status for c in tl.rows[row].cells]


def test_a_translation_joins_the_lineages_of_two_languages(tmp_path):
    """en 1/1, then 2/1 in en and zh (an official translation), then zh 3/1 only: the zh
    clause reworded in 3/1 is the same row as the en clause of 1/1."""
    history = store(
        tmp_path,
        ("2001", res("A/RES/1/1", "en", [EN["pp"]], [EN["call"], EN["report"]])),
        ("2002", res("A/RES/2/1", "en", [EN["pp"]], [EN["call"], EN["report"]])),
        ("2002", res("A/RES/2/1", "zh", [ZH["pp"]], [ZH["call"], ZH["report"]])),
        ("2003", res("A/RES/3/1", "zh", [ZH["pp"]], [ZH["call2"], ZH["new"], ZH["report"]])),
    )
    tl = across_languages(history, "topic")
    assert tl.languages == ("en", "en", "zh", "zh")
    assert tl.symbols == ("A/RES/1/1", "A/RES/2/1", "A/RES/2/1", "A/RES/3/1")
    rows = [[c.status for c in row.cells] for row in tl.rows]
    assert rows == [
        ["present", "present", "present", "present"],  # the preambular paragraph
        ["present", "present", "present", "reworded"],  # op1: reworded in zh 3/1
        ["present", "present", "present", "present"],  # op2 (printed 3 in 3/1)
        [None, None, None, "added"],  # new in zh 3/1: no en text to join
    ]
    assert tl.rows[1].cells[3].ids == ("op1",) and tl.rows[2].cells[3].ids == ("op3",)
    (bridge,) = tl.bridges
    assert (bridge.symbol, bridge.languages, bridge.paired, bridge.unpaired, bridge.stop) == (
        "A/RES/2/1",
        ("en", "zh"),
        3,
        (0, 0),
        None,
    )
    # each language's own timeline is what the one-language command gives, cell for cell
    from engine.lineage.timeline import timeline

    zh = timeline(build(history, "topic", "zh"))
    assert [[c.status for c in r.cells] for r in zh.rows] == [row[2:] for row in rows]


def test_cli_across_languages_term_is_exact_and_html_names_the_bridges(tmp_path, monkeypatch):
    monkeypatch.setenv("RESDIFF_CACHE", str(tmp_path / "cache"))
    store(
        tmp_path / "h",
        ("2001", res("A/RES/1/1", "en", [EN["pp"]], [EN["call"], EN["report"]])),
        ("2002", res("A/RES/2/1", "en", [EN["pp"]], [EN["call"], EN["report"]])),
        ("2002", res("A/RES/2/1", "zh", [ZH["pp"]], [ZH["call"], ZH["report"]])),
        ("2003", res("A/RES/3/1", "zh", [ZH["pp"]], [ZH["call2"], ZH["new"], ZH["report"]])),
    )
    args = ["history", "topic", "--timeline", "--across-languages", "--history", str(tmp_path / "h")]
    code, out, err = run(*args)
    assert (code, err) == (0, "")
    assert out == (
        "timeline of topic across languages (en, zh): 4 lineages\n"
        "v1 = A/RES/1/1 [en] (2001)\n"
        "v2 = A/RES/2/1 [en] (2002)\n"
        "v3 = A/RES/2/1 [zh] (2002)\n"
        "v4 = A/RES/3/1 [zh] (2003)\n"
        "across languages: each cell compares a version with the one before it in its own language;\n"
        "rows of two languages are joined only through a version held in both, provision by\n"
        "provision in document order while id, kind and printed number agree (structure, not wording).\n"
        "A/RES/2/1 joins en and zh: 3 provisions paired\n"
        "\n"
        "v1   v2   v3   v4   seen   lineage\n"
        "=    =    =    =    v4#pp1 回顾其关于加强人权领域国际合作的第25/3…\n"
        "=    =    =    rew  v4#op1 吁请所有国家与人权理事会特别程序充分和…\n"
        "=    =    =    =    v4#op3 请秘书长向大会下届会议提交报告\n"
        "               add  v4#op2 鼓励各区域组织交流保护人权维护者的经验\n"
        "3    3    3    2           (present)\n"
        "               1           (reworded)\n"
        "               1           (added)\n"
        "\n"
        "cells: = present, rew reworded, mov moved, spl split, mrg merged, add added, rem removed, "
        "exc not in the excerpt\n"
        "counts at the foot: cells of each status per version (the step into it)\n"
        "seen: the clause's id in the last version holding it; resdiff lineage SYMBOL#id (vN's symbol) "
        "tells its story\n"
    )
    code, out, err = run(*args, "--format", "html")
    assert (code, err) == (0, "")
    assert "<li>A/RES/2/1 joins en and zh: 3 provisions paired</li>" in out
    assert "A/RES/2/1 [zh] (2002)" in out


def test_preambles_of_different_length_are_not_paired_but_numbered_paragraphs_are(tmp_path):
    """The zh text of 2/1 has a preambular paragraph the en text lacks: preambular
    paragraphs carry no number, so no position in the preamble can be trusted and none is
    paired; the operative paragraphs are paired by their printed numbers."""
    history = store(
        tmp_path,
        ("2001", res("A/RES/1/1", "en", [EN["pp"]], [EN["call"]])),
        ("2002", res("A/RES/2/1", "en", [EN["pp"]], [EN["call"]])),
        ("2002", res("A/RES/2/1", "zh", [ZH["pp"], ZH["pp2"]], [ZH["call"]])),
    )
    tl = across_languages(history, "topic")
    (bridge,) = tl.bridges
    assert bridge.paired == 1 and bridge.unpaired == (1, 2)
    assert bridge.stop == (
        "the preambles differ in length (en 1, zh 2) and are not paired: "
        "preambular paragraphs carry no number to pair them by"
    )
    rows = [[c.status for c in row.cells] for row in tl.rows]
    assert rows == [
        ["present", "present", None],  # en pp1
        ["present", "present", "present"],  # op1 in both languages
        [None, None, "present"],  # zh pp1
        [None, None, "present"],  # zh pp2
    ]


def test_a_printed_number_that_differs_stops_the_pairing_of_the_operative_part(tmp_path):
    """The zh text prints its second operative paragraph as 2 bis: every later position
    may be shifted, so pairing stops there, and says so."""
    zh = res("A/RES/1/1", "zh", [ZH["pp"]], [ZH["call"], ZH["new"], ZH["report"]])
    zh = Resolution(
        zh.meta, (*zh.provisions[:2], replace(zh.provisions[2], number="2 bis"), zh.provisions[3])
    )
    history = store(
        tmp_path,
        ("2001", res("A/RES/1/1", "en", [EN["pp"]], [EN["call"], EN["report"], EN["report"] + " again"])),
        ("2001", zh),
    )
    (bridge,) = across_languages(history, "topic").bridges
    assert (bridge.paired, bridge.unpaired) == (2, (2, 2))
    assert bridge.stop == "the operative parts differ at en op2 (printed 2) / zh op2 (printed 2 bis)"


def test_an_excerpt_ends_its_bridge_and_a_language_never_shared_stands_alone(tmp_path):
    history = store(
        tmp_path,
        ("2001", res("A/RES/1/1", "en", [EN["pp"]], [EN["call"], EN["report"]])),
        ("2001", res("A/RES/1/1", "zh", [ZH["pp"]], [ZH["call"]], extent="excerpt")),
        ("2002", res("A/RES/2/1", "fr", ["Rappelant sa résolution 25/3"], ["Demande à tous les États"])),
    )
    tl = across_languages(history, "topic")
    (bridge,) = tl.bridges
    assert (bridge.paired, bridge.unpaired) == (2, (1, 0))
    assert bridge.stop == "the zh text (an excerpt) ends after 2 provisions; the en goes on"
    assert len(tl.rows) == 5  # pp and op1 joined, en op2, and fr's two of their own
    from engine.render.lineage import TIMELINE_RENDERERS

    term = TIMELINE_RENDERERS["term"](tl)
    assert "no version held in another language as well: fr (rows of their own)" in term
    assert "v3 = A/RES/2/1 [fr] (2002)" in term


@pytest.mark.parametrize("series", ["hr-international-solidarity", "iran-hr", "intl-cooperation-hr"])
def test_shipped_series_across_languages_follow_the_schema_and_place_every_provision(series):
    store_ = History(HISTORY)
    tl = across_languages(store_, series)
    from engine.render.lineage import across_dict

    jsonschema.validate(across_dict(tl), SCHEMA)
    for k, (symbol, lang) in enumerate(zip(tl.symbols, tl.languages, strict=True)):
        placed = sorted(pid for row in tl.rows for pid in row.cells[k].ids)
        stage = next(s for s in build(store_, series, lang).stages if s.symbol == symbol)
        assert placed == sorted(p.id for p in stage.resolution.provisions)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli.main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_cli_across_languages_json_and_its_refusals(tmp_path, monkeypatch):
    monkeypatch.setenv("RESDIFF_CACHE", str(tmp_path / "cache"))
    args = ["history", "iran-hr", "--timeline", "--across-languages", "--history", str(HISTORY)]
    code, out, err = run(*args, "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    assert data["languages"] == ["en", "zh"]
    assert data["bridges"] == [
        {"symbol": "A/HRC/52/L.3", "languages": ["en", "zh"], "paired": 5, "unpaired": [0, 0], "stop": None}
    ]
    code, _, err = run("history", "iran-hr", "--timeline", "--across-languages", "--lang", "en")
    assert code == 2 and err.startswith("Error: --across-languages takes every language")
    code, _, err = run("history", "iran-hr", "--across-languages")
    assert code == 2 and err == "Error: --across-languages applies to --timeline\n"


def test_one_language_is_still_never_a_silent_pick():
    """blame, lineage and the one-language timeline refuse a series held in several
    languages without --lang, and name what is offered across languages."""
    with pytest.raises(StoreError, match=r"lineage compares wording.*--across-languages"):
        build(History(HISTORY), "iran-hr")


def test_a_cached_timeline_across_languages_is_the_joined_one_on_every_shipped_series(tmp_path):
    """Kept in the cache like a one-language timeline: the second run reads it whole (no
    lineage decoded), and it is the timeline joined afresh, bridges included."""
    from engine.lineage.cache import PairCache
    from engine.lineage.timeline import pack, unpack

    store_ = History(HISTORY)
    several = [
        n
        for n in store_.series_names()
        if len({x for v in store_.series(n).versions for x in v.languages}) > 1
    ]
    assert len(several) >= 3
    bridged = 0
    for name in several:
        fresh = across_languages(store_, name)
        bridged += len(fresh.bridges)
        assert unpack(json.loads(json.dumps(pack(fresh)))) == fresh
        assert across_languages(store_, name, cache=PairCache(tmp_path)) == fresh
        again = PairCache(tmp_path)
        assert across_languages(store_, name, cache=again) == fresh
        assert (again.timeline_hits, again.lineage_hits, again.computed) == (1, 0, 0)
    assert bridged > 0  # bridges are packed and read back too


def test_a_version_edited_in_one_language_is_a_new_timeline_across_languages(tmp_path):
    from engine.lineage.cache import PairCache

    history = store(
        tmp_path / "h",
        ("2001", res("A/RES/1/1", "en", [EN["pp"]], [EN["call"], EN["report"]])),
        ("2002", res("A/RES/2/1", "en", [EN["pp"]], [EN["call"], EN["report"]])),
        ("2002", res("A/RES/2/1", "zh", [ZH["pp"]], [ZH["call"], ZH["report"]])),
        ("2003", res("A/RES/3/1", "zh", [ZH["pp"]], [ZH["call"], ZH["report"]])),
    )
    cache = tmp_path / "cache"
    before = across_languages(history, "topic", cache=PairCache(cache))
    path = history.path_for("topic", "zh", "A/RES/3/1")
    path.write_text(path.read_text(encoding="utf-8").replace(ZH["call"], ZH["call2"]), encoding="utf-8")
    counted = PairCache(cache)
    after = across_languages(history, "topic", cache=counted)
    assert counted.timeline_hits == 0 and after != before
    assert [c.status for c in after.rows[1].cells] == ["present", "present", "present", "reworded"]
    assert after == across_languages(history, "topic")  # the same as computed without a cache
