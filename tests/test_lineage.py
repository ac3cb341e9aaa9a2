"""Lineages on constructed series whose true lineage is known, and on the shipped history."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import api
from engine.errors import InputError
from engine.lineage import graph, stages
from engine.lineage.blame import blame
from engine.lineage.cache import PairCache
from engine.lineage.graph import build
from engine.lineage.timeline import timeline
from engine.model import Metadata, Provision, Resolution, renumber
from engine.store.history import History

ROOT = Path(__file__).resolve().parent.parent
HISTORY = ROOT / "history"
BLAME_SCHEMA = json.loads((ROOT / "engine/render/schemas/blame.schema.json").read_text(encoding="utf-8"))
TIMELINE_SCHEMA = json.loads(
    (ROOT / "engine/render/schemas/timeline.schema.json").read_text(encoding="utf-8")
)

A = "Recalling its resolution 25/3 on the enhancement of international cooperation in human rights"
B = "Reaffirming that dialogue among cultures and religions contributes to tolerance and peace"
C = "Calls upon all States to cooperate fully with the special procedures of the Human Rights Council"
D = "Requests the Secretary-General to report to the General Assembly at its next session on this resolution"
E = "Encourages regional organizations to share their experience of protecting human rights defenders"
F = "Decides to continue its consideration of the question at its seventy-fifth session under the same item"


def version(symbol: str, *texts: str, extent: str = "full") -> Resolution:
    meta = Metadata(language="en", symbol=symbol, series="topic", extent=extent)  # type: ignore[arg-type]
    provisions = [Provision("op0", "operative", t, str(n)) for n, t in enumerate(texts, 1)]
    return Resolution(meta, renumber(provisions))


def store_series(root: Path, *versions: Resolution) -> History:
    store = History(root)
    for year, res in enumerate(versions, start=2001):
        store.add(res, date=str(year), new_series=True)
    return store


def statuses(store: History, lang: str = "en") -> list[list[str | None]]:
    tl = timeline(build(store, "topic", lang))
    return [[c.status for c in row.cells] for row in tl.rows]


def test_a_clause_removed_and_restored_is_one_lineage_with_a_gap(tmp_path):
    store = store_series(
        tmp_path,
        version("A/RES/1/1", A, C, D),
        version("A/RES/2/1", A, D),
        version("A/RES/3/1", A, C, D),
    )
    rows = statuses(store)
    assert rows == [
        ["present", "present", "present"],
        ["present", "removed", "added"],
        ["present", "present", "present"],
    ]
    built = build(store, "topic", "en")
    answer = {b.id: b for b in blame(built, 2)}
    assert answer["op2"].origin == "A/RES/1/1"
    assert answer["op2"].changed_in == ()
    assert answer["op2"].original_share == 1.0


def test_a_clause_added_then_split(tmp_path):
    first, second = C, "and to respond promptly to their urgent appeals and requests for visits"
    store = store_series(
        tmp_path,
        version("A/RES/1/1", A, D),
        version("A/RES/2/1", A, f"{first} {second}", D),
        version("A/RES/3/1", A, f"{first}.", second[0].upper() + second[1:] + ".", D),
    )
    rows = statuses(store)
    assert [None, "added", "split"] in rows
    built = build(store, "topic", "en")
    answer = {b.id: b for b in blame(built, 2)}
    assert answer["op2"].origin == answer["op3"].origin == "A/RES/2/1"
    assert answer["op2"].changed_in == ("A/RES/3/1",)
    assert 0.9 <= answer["op2"].original_share < 1.0


def test_a_merge_joins_two_lineages_into_one(tmp_path):
    store = store_series(
        tmp_path,
        version("A/RES/1/1", A, C, "and to respond promptly to their urgent appeals", D),
        version("A/RES/2/1", A, C + " and to respond promptly to their urgent appeals", D),
    )
    tl = timeline(build(store, "topic", "en"))
    merged = [row for row in tl.rows if row.cells[1].status == "merged"]
    assert len(merged) == 1 and merged[0].cells[0].ids == ("op2", "op3")
    assert len(tl.rows) == 3


def test_a_clause_reworded_keeps_its_origin_and_names_the_change(tmp_path):
    store = store_series(
        tmp_path,
        version("A/RES/1/1", A, C, D),
        version("A/RES/2/1", A, C.replace("cooperate fully", "cooperate fully and constructively"), D),
    )
    assert statuses(store)[1] == ["present", "reworded"]
    answer = blame(build(store, "topic", "en"), 1)[1]
    assert (answer.origin, answer.changed_in) == ("A/RES/1/1", ("A/RES/2/1",))
    inserted = len("andconstructively")  # spaces are not counted
    total = len(C.replace(" ", "")) + inserted
    assert answer.original_share == round(1 - inserted / total, 4)


def test_an_excerpt_that_stops_early_hides_but_never_removes(tmp_path):
    store = store_series(
        tmp_path,
        version("A/RES/1/1", A, B, C, D),
        version("A/RES/2/1", A, B, extent="excerpt"),
        version("A/RES/3/1", A, B, C, E, D),
    )
    rows = statuses(store)
    assert ["present", "not in the excerpt", "present"] in rows  # C and D
    # E is new since v1, in v2 past the excerpt's end or in v3: no one can say which
    assert [None, "not in the excerpt", "present"] in rows
    assert not any("removed" in row for row in rows)
    answer = {b.id: b for b in blame(build(store, "topic", "en"), 2)}
    assert answer["op3"].origin == "A/RES/1/1"
    assert (answer["op4"].origin, answer["op4"].origin_exact) == ("A/RES/3/1", False)


def test_past_the_end_of_an_excerpt_the_origin_is_only_a_bound(tmp_path):
    store = store_series(tmp_path, version("A/RES/1/1", A, extent="excerpt"), version("A/RES/2/1", A, C))
    rows = statuses(store)
    assert rows[1] == ["not in the excerpt", "present"]
    answer = blame(build(store, "topic", "en"), 1)[1]
    assert answer.origin == "A/RES/2/1" and answer.origin_exact is False


def test_the_second_build_takes_every_pair_from_the_cache(tmp_path, monkeypatch):
    calls = []
    real = graph.compare

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(graph, "compare", counting)
    cache = tmp_path / "cache"
    first = api.blame(History(HISTORY), "A/HRC/RES/38/3", "en", None, cache_dir=cache)
    assert len(calls) == 8  # nine versions in en
    again = api.blame(History(HISTORY), "A/HRC/RES/38/3", "en", None, cache_dir=cache)
    assert len(calls) == 8  # none more
    assert again.provisions == first.provisions


def test_a_corrupt_cache_entry_is_recomputed_not_trusted(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    fresh = build(History(HISTORY), "regional-arrangements-hr", "zh", cache=PairCache(cache))
    entries = sorted(cache.glob("pairs/*/*.json"))
    assert len(entries) == 2
    entries[0].write_text('{"format": "resdiff.pair-cache/1", "key": "x", "steps": [', encoding="utf-8")
    data = json.loads(entries[1].read_text(encoding="utf-8"))
    data["steps"][0]["kind"] = "exploded"
    entries[1].write_text(json.dumps(data), encoding="utf-8")
    shutil.rmtree(cache / "lineages")  # else the whole series comes from its snapshot
    counted = PairCache(cache)
    again = build(History(HISTORY), "regional-arrangements-hr", "zh", cache=counted)
    assert (counted.hits, counted.computed, len(counted.rejected)) == (0, 2, 2)
    assert again.links == fresh.links
    assert not list(cache.glob("pairs/*/.*.tmp"))
    assert PairCache(cache).get(counted.rejected[0]) is not None  # rewritten whole


def test_a_series_found_whole_in_the_cache_is_neither_parsed_nor_compared(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    first = build(History(HISTORY), "iran-hr", "en", cache=PairCache(cache))
    calls: list[str] = []
    real_parse, real_compare = graph.parse, graph.compare
    monkeypatch.setattr(graph, "parse", lambda f: calls.append("parse") or real_parse(f))
    monkeypatch.setattr(graph, "compare", lambda *a: calls.append("compare") or real_compare(*a))
    counted = PairCache(cache)
    again = build(History(HISTORY), "iran-hr", "en", cache=counted)
    assert (calls, counted.lineage_hits, counted.hits, counted.computed) == ([], 1, 0, 0)
    assert again == first
    assert timeline(again) == timeline(first) and blame(again, 5) == blame(first, 5)


@pytest.mark.parametrize("series", ["iran-hr", "intl-cooperation-hr", "hr-international-solidarity"])
def test_a_manifest_read_back_from_the_cache_is_the_parsed_manifest(tmp_path, series):
    store = History(HISTORY)
    first = PairCache(tmp_path / "cache")
    assert first.manifest(store, series) == store.series(series)
    again = PairCache(tmp_path / "cache")
    assert again.manifest(store, series) == store.series(series) and again.rejected == []
    assert len(list((tmp_path / "cache" / "manifests").rglob("*.json"))) == 1


def test_an_edited_manifest_is_read_afresh_and_a_tampered_entry_is_not_trusted(tmp_path):
    root = tmp_path / "history"
    shutil.copytree(HISTORY / "regional-arrangements-hr", root / "regional-arrangements-hr")
    store, cache = History(root), tmp_path / "cache"
    before = build(store, "regional-arrangements-hr", "en", cache=PairCache(cache))
    manifest = root / "regional-arrangements-hr" / "series.yaml"
    old_date = before.stages[0].date
    assert old_date is not None
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace(f"date: '{old_date}'", "date: '1990'", 1), encoding="utf-8")
    after = build(store, "regional-arrangements-hr", "en", cache=PairCache(cache))
    assert after.stages[0].date == "1990"
    entries = sorted((cache / "manifests").rglob("*.json"))
    assert len(entries) == 2
    for entry in entries:  # a symbol that would escape the history folder as a path
        entry.write_text(entry.read_text(encoding="utf-8").replace('"A/', '"../../A/', 1), encoding="utf-8")
    checked = PairCache(cache)
    assert checked.manifest(store, "regional-arrangements-hr") == store.series("regional-arrangements-hr")
    assert len(checked.rejected) == 1
    assert build(store, "regional-arrangements-hr", "en", cache=PairCache(cache)) == after


def test_an_edited_version_is_a_new_snapshot_and_only_its_pairs_are_aligned_again(tmp_path):
    store = store_series(
        tmp_path / "h",
        version("A/RES/1/1", A, C, D),
        version("A/RES/2/1", A, C, D),
        version("A/RES/3/1", A, C, D),
    )
    cache = tmp_path / "cache"
    build(store, "topic", "en", cache=PairCache(cache))
    path = store.path_for("topic", "en", "A/RES/3/1")
    path.write_text(
        path.read_text(encoding="utf-8").replace("cooperate fully", "cooperate"), encoding="utf-8"
    )
    counted = PairCache(cache)
    edited = build(store, "topic", "en", cache=counted)
    assert (counted.lineage_hits, counted.hits, counted.computed) == (0, 1, 1)
    assert statuses(store)[1] == ["present", "present", "reworded"]
    assert edited == build(store, "topic", "en")
    assert len(list(cache.glob("lineages/*/*.json"))) == 2


@pytest.mark.parametrize("damage", ["truncate", "flip", "other-key", "not-json"])
def test_a_damaged_snapshot_is_recomputed_and_replaced(tmp_path, damage):
    cache = tmp_path / "cache"
    fresh = build(History(HISTORY), "regional-arrangements-hr", "zh", cache=PairCache(cache))
    (entry,) = cache.glob("lineages/*/*.json")
    data = entry.read_bytes()
    head, _, payload = data.partition(b"\n")
    damaged = {
        "truncate": data[: len(data) - 40],
        "flip": head + b"\n" + payload.replace(b'"zh"', b'"en"', 1),
        "other-key": head.replace(entry.stem.encode(), b"0" * 64) + b"\n" + payload,
        "not-json": b"\x00" * 10,
    }[damage]
    entry.write_bytes(damaged)
    counted = PairCache(cache)
    again = build(History(HISTORY), "regional-arrangements-hr", "zh", cache=counted)
    assert (counted.lineage_hits, counted.rejected, counted.hits) == (0, [entry.stem], 2)
    assert again == fresh
    assert entry.read_bytes() == data  # replaced by a whole entry
    assert PairCache(cache).get_lineage(entry.stem) == fresh


def test_a_cached_build_loads_neither_the_aligner_nor_the_diff_nor_the_reader(tmp_path):
    """What a cached `blame` or timeline costs is mostly what it imports: a fresh
    interpreter that finds the series in the cache must not load the engines that compute
    it (rapidfuzz, the aligner, the diff, the reader, the tokenisers)."""
    import subprocess
    import sys

    probe = (
        "import sys; from pathlib import Path\n"
        "from engine.lineage.blame import blame\n"
        "from engine.lineage.cache import PairCache\n"
        "from engine.lineage.graph import build\n"
        "from engine.lineage.timeline import timeline\n"
        "from engine.store.history import History\n"
        "built = build(History(Path(sys.argv[1])), 'iran-hr', 'en', cache=PairCache(Path(sys.argv[2])))\n"
        "timeline(built); blame(built, 3)\n"
        "heavy = ('engine.align', 'engine.diff', 'engine.read', 'rapidfuzz', 'rjieba')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    args = [sys.executable, "-c", probe, str(HISTORY), str(tmp_path / "cache")]
    first = subprocess.run(args, capture_output=True, text=True, check=True, cwd=ROOT)
    assert "engine.diff" in first.stdout  # the first run computes
    again = subprocess.run(args, capture_output=True, text=True, check=True, cwd=ROOT)
    assert again.stdout == "[]\n"


def test_the_lineage_constants_equal_the_engines_they_stand_for():
    """Named in engine/lineage so that a cached run does not load the diff or the reader."""
    from engine.diff import JOINER
    from engine.read.decode import MAX_BYTES

    assert (graph.JOINER, stages.READ_CAP) == (JOINER, MAX_BYTES)


@pytest.mark.parametrize(
    ("series", "lang"),
    [
        ("intl-cooperation-hr", "en"),
        ("iran-hr", "en"),
        ("iran-hr", "zh"),
        ("regional-arrangements-hr", "en"),
        ("regional-arrangements-hr", "zh"),
    ],
)
def test_shipped_series_follow_the_schemas_and_keep_every_provision(series, lang):
    built = build(History(HISTORY), series, lang)
    tl = timeline(built)
    from engine.render.lineage import BlameReport, blame_dict, timeline_dict

    jsonschema.validate(timeline_dict(tl), TIMELINE_SCHEMA)
    for v, stage in enumerate(built.stages):
        # every provision of every version is in exactly one row, in its column
        placed = sorted(pid for row in tl.rows for pid in row.cells[v].ids)
        assert placed == sorted(p.id for p in stage.resolution.provisions)
        report = BlameReport(series, stage.symbol, lang, blame(built, v))
        jsonschema.validate(blame_dict(report), BLAME_SCHEMA)
        assert all(0 <= b.original_share <= 1 for b in report.provisions)
        if v == 0:
            assert all(b.origin == stage.symbol and b.changed_in == () for b in report.provisions)
        for row in tl.rows:  # a split ends in several provisions, a merge starts from several
            if row.cells[v].status == "split":
                assert len(row.cells[v].ids) >= 2
            if row.cells[v].status == "merged":
                assert len(row.cells[v - 1].ids) >= 2


def test_regional_arrangements_zh_has_a_merge_in_53_148():
    tl = timeline(build(History(HISTORY), "regional-arrangements-hr", "zh"))
    assert tl.counts()[1]["merged"] == 1
    from engine.lineage.timeline import columns

    assert all(sum(map(columns, row.label)) <= 40 for row in tl.rows)  # Han characters are 2 wide
    assert any(len(row.label) < 30 for row in tl.rows)


def test_regional_arrangements_zh_blame_of_55_105():
    report = api.blame(History(HISTORY), "A/RES/55/105", "zh", None, cache_dir=None)
    assert report.language == "zh" and report.symbol == "A/RES/55/105"
    origins = {b.origin for b in report.provisions}
    assert origins <= {"A/RES/51/102", "A/RES/53/148", "A/RES/55/105"}
    assert "A/RES/51/102" in origins


def test_a_series_in_several_languages_needs_lang():
    from engine.errors import StoreError

    with pytest.raises(StoreError, match=r"several languages, en \(12\), zh \(5\).*--lang"):
        build(History(HISTORY), "iran-hr")


def run_cli(*args: str) -> tuple[int, str, str]:
    from click.testing import CliRunner

    import cli

    result = CliRunner().invoke(cli.main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def gap_history(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("RESDIFF_CACHE", str(tmp_path / "cache"))
    store_series(
        tmp_path / "history",
        version("A/RES/1/1", A, C, D),
        version("A/RES/2/1", A, D),
        version("A/RES/3/1", A, C.replace("fully", "fully and constructively"), D),
    )
    return tmp_path / "history"


def test_cli_timeline_term_is_exact(gap_history):
    code, out, err = run_cli("history", "topic", "--timeline", "--history", str(gap_history))
    assert (code, err) == (0, "")
    assert out == (
        "timeline of topic (en): 3 lineages\n"
        "v1 = A/RES/1/1 (2001)\n"
        "v2 = A/RES/2/1 (2002)\n"
        "v3 = A/RES/3/1 (2003)\n"
        "\n"
        "v1   v2   v3   seen   lineage\n"
        "=    =    =    v3#op1 Recalling its resolution 25/3 on the en…\n"
        "=    rem  add  v3#op2 Calls upon all States to cooperate full…\n"
        "=    =    =    v3#op3 Requests the Secretary-General to repor…\n"
        "3    2    2           (present)\n"
        "          1           (added)\n"
        "     1                (removed)\n"
        "\n"
        "cells: = present, rew reworded, mov moved, spl split, mrg merged, add added, rem removed, "
        "exc not in the excerpt\n"
        "counts at the foot: cells of each status per version (the step into it)\n"
        "seen: the clause's id in the last version holding it; resdiff lineage SYMBOL#id (vN's symbol) "
        "tells its story\n"
    )


def test_cli_blame_json_and_lineage(gap_history):
    code, out, _ = run_cli("blame", "A/RES/3/1", "--format", "json", "--history", str(gap_history))
    assert code == 0
    doc = json.loads(out)
    jsonschema.validate(doc, BLAME_SCHEMA)
    op2 = doc["provisions"][1]
    assert (op2["origin"], op2["changed_in"]) == ("A/RES/1/1", ["A/RES/3/1"])
    code, out, _ = run_cli("lineage", "A/RES/3/1#2", "--history", str(gap_history))
    assert code == 0
    assert "A/RES/2/1 (2002): removed\n" in out
    restored = "A/RES/3/1 (2003): added  op2 (2)\n  Calls upon all States to cooperate fully"
    assert f"{restored} {{+and constructively +}}with" in out
    code, out, _ = run_cli(
        "history", "topic", "--timeline", "--format", "json", "--history", str(gap_history)
    )
    jsonschema.validate(json.loads(out), TIMELINE_SCHEMA)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("blame", "A/RES/9/9"), "no stored version of A/RES/9/9"),
        (("lineage", "A/RES/3/1"), "names no provision"),
        (("lineage", "A/RES/3/1#op9"), "no provision op9"),
        (("history", "--timeline", "--lang", "zh"), "no series of the history holds text in zh"),
        (("history", "topic", "--timeline", "--lang", "zh"), "holds no text in zh"),
        (("history", "topic", "--format", "json"), "--format applies to --timeline"),
    ],
)
def test_cli_lineage_errors_are_one_line(gap_history, args, fragment):
    code, out, err = run_cli(*args, "--history", str(gap_history))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("Error: ") and fragment in err


def test_blame_of_a_stored_file_the_manifest_does_not_list_is_refused(gap_history):
    """The version is told by its file's place in the series, not by the symbol its front
    matter gives: a copy of A/RES/3/1 stored as A/RES/4/1 but not listed is an error, never
    the blame of A/RES/3/1 under another name."""
    listed = gap_history / "topic" / "en" / "A-RES-3-1.md"
    (gap_history / "topic" / "en" / "A-RES-4-1.md").write_bytes(listed.read_bytes())
    for args in (("blame", "A/RES/4/1"), ("lineage", "A/RES/4/1#op1")):
        code, out, err = run_cli(*args, "--history", str(gap_history))
        assert (code, out) == (2, "")
        assert err.count("\n") == 1 and "A-RES-4-1.md is not listed in series topic (series.yaml)" in err
    assert run_cli("blame", "A/RES/3/1", "--history", str(gap_history))[0] == 0


def test_a_rewording_hidden_by_a_cut_excerpt_is_dated_to_the_version_that_shows_it(tmp_path):
    reworded = C.replace("cooperate fully", "cooperate fully and constructively")
    store = store_series(
        tmp_path,
        version("A/RES/1/1", A, C),
        version("A/RES/2/1", A, "Calls upon all States to coop", extent="excerpt"),
        version("A/RES/3/1", A, reworded),
    )
    built = build(store, "topic", "en")
    assert statuses(store)[1] == ["present", "present", "reworded"]
    answer = blame(built, 2)[1]
    assert (answer.origin, answer.changed_in) == ("A/RES/1/1", ("A/RES/3/1",))
    inserted = len("andconstructively")
    assert answer.original_share == round(1 - inserted / len(reworded.replace(" ", "")), 4)
    # the same text after the cut is no change at all
    store = store_series(
        tmp_path / "same",
        version("A/RES/1/1", A, C),
        version("A/RES/2/1", A, "Calls upon all States to coop", extent="excerpt"),
        version("A/RES/3/1", A, C),
    )
    assert blame(build(store, "topic", "en"), 2)[1].changed_in == ()
    assert blame(build(store, "topic", "en"), 2)[1].original_share == 1.0


SENTENCES = [
    "Welcomes the report of the Special Rapporteur on the situation of human rights defenders",
    "Urges all States to ratify the core international human rights instruments without delay",
    "Encourages the Office of the High Commissioner to continue its technical cooperation",
    "Requests the Secretary-General to provide all necessary assistance to the mandate holder",
    "Calls upon Governments to ensure access to justice for victims of enforced disappearance",
    "Stresses the importance of national human rights institutions in the promotion of rights",
    "Invites regional organizations to share good practices on the protection of minorities",
    "Recognizes the role of civil society in the implementation of the universal periodic review",
]


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_invariants_on_random_series(tmp_path_factory, data):
    """Whatever the edits: every provision of every version sits in exactly one row, in its
    column; a blame's origin is not after the version, its changes lie between the origin
    and the version; a provision whose text never changed along its chain keeps all of it."""
    texts = data.draw(st.lists(st.sampled_from(SENTENCES), min_size=2, max_size=6, unique=True))
    versions = [texts]
    for _ in range(data.draw(st.integers(1, 3))):
        current = list(versions[-1])
        for _ in range(data.draw(st.integers(0, 3))):
            action = data.draw(st.sampled_from(["drop", "add", "reword", "swap"]))
            if action == "drop" and len(current) > 1:
                current.pop(data.draw(st.integers(0, len(current) - 1)))
            elif action == "add":
                unused = [s for s in SENTENCES if s not in current]
                if unused:
                    current.insert(
                        data.draw(st.integers(0, len(current))), data.draw(st.sampled_from(unused))
                    )
            elif action == "reword":
                k = data.draw(st.integers(0, len(current) - 1))
                current[k] = current[k].replace(" the ", " all the ", 1)
            elif action == "swap" and len(current) > 1:
                current[0], current[-1] = current[-1], current[0]
        versions.append(current)
    store = store_series(
        tmp_path_factory.mktemp("series"),
        *(version(f"A/RES/{k + 1}/1", *v) for k, v in enumerate(versions)),
    )
    built = build(store, "topic", "en")
    tl = timeline(built)
    for v, stage in enumerate(built.stages):
        placed = sorted(pid for row in tl.rows for pid in row.cells[v].ids)
        assert placed == sorted(p.id for p in stage.resolution.provisions)
        for row in tl.rows:
            assert (row.cells[v].status is None) == (
                not row.cells[v].ids and row.cells[v].status != "removed"
            )
        for b in blame(built, v):
            origin = built.stage_index(b.origin)
            assert origin is not None and origin <= v
            assert all(origin < built.stage_index(s) <= v for s in b.changed_in)  # type: ignore[operator]
            assert 0 <= b.original_share <= 1
            if not b.changed_in:
                assert b.original_share == 1.0


def test_html_timeline_is_self_contained_and_escaped(tmp_path):
    from lxml import html as lxml_html

    from engine.render.lineage import timeline_html

    hostile = "<script>alert(1)</script> Decides & resolves to remain seized of the matter"
    store = store_series(tmp_path, version("A/RES/1/1", A, C), version("A/RES/2/1", A, C, hostile))
    page = timeline_html(timeline(build(store, "topic", "en")))
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "src=" not in page and "href=" not in page and "@import" not in page  # nothing fetched
    doc = lxml_html.fromstring(page)
    body_rows = doc.xpath("//tbody/tr")
    assert len(body_rows) == 3
    cells = [[td.get("class") for td in tr.xpath("td[contains(@class, 'cell')]")] for tr in body_rows]
    assert cells == [
        ["cell present", "cell present"],
        ["cell present", "cell present"],
        ["cell ", "cell added"],
    ]
    assert body_rows[2].xpath("td")[-1].text_content().startswith("<script>alert(1)")


def test_the_gap_score_is_the_aligners_score():
    from engine.align.state import State
    from engine.lineage.graph import similarity

    old = [A, C, "Calls upon all States to cooperate fully with the special procedures.", "合作。"]
    new = [C, C.upper(), "Calls upon all States to cooperate fully with the special procedures", D, "合作"]
    state = State(old, new)
    assert similarity(old, new) == [[state.score(i, j) for j in range(len(new))] for i in range(len(old))]


def test_a_clause_hidden_by_two_excerpts_in_a_row_is_taken_up_below_the_gap_threshold(tmp_path):
    """At the aligner's threshold or UNCERTAIN_BELOW, whichever is higher; not at GAP_THRESHOLD."""
    reworded = (
        "Calls upon all States to work fully with the special procedures and to respond to their appeals"
    )
    store = store_series(
        tmp_path,
        version("A/RES/1/1", A, B, C, D),
        version("A/RES/2/1", A, extent="excerpt"),
        version("A/RES/3/1", A, B, extent="excerpt"),
        version("A/RES/4/1", A, B, reworded, D),
    )
    from engine.lineage.graph import GAP_THRESHOLD, similarity

    assert 0.5 < similarity([C], [reworded])[0][0] < GAP_THRESHOLD  # a rewording, not a near-same text
    rows = statuses(store)
    assert ["present", "not in the excerpt", "not in the excerpt", "reworded"] in rows
    assert not any("removed" in row or "added" in row for row in rows)


def test_where_the_cache_lives():
    from engine.lineage.cache import default_cache_dir

    assert default_cache_dir({"RESDIFF_CACHE": "/c", "XDG_CACHE_HOME": "/x"}) == Path("/c")
    assert default_cache_dir({"XDG_CACHE_HOME": "/x"}) == Path("/x/resdiff")
    assert default_cache_dir({}) == Path.home() / ".cache" / "resdiff"


def test_an_unusable_cache_costs_speed_not_the_answer(gap_history, tmp_path, monkeypatch):
    expected = run_cli("blame", "A/RES/3/1", "--history", str(gap_history))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("RESDIFF_CACHE", str(blocker))
    assert run_cli("blame", "A/RES/3/1", "--history", str(gap_history)) == expected
    monkeypatch.setenv("RESDIFF_CACHE", "off")
    assert run_cli("blame", "A/RES/3/1", "--history", str(gap_history)) == expected
    assert blocker.read_text(encoding="utf-8").startswith("a file")
    assert not (Path("off")).exists()


def test_md_timeline_and_blame_are_github_tables():
    from lxml import html as lxml_html

    from engine.render.lineage import BlameReport, blame_md, timeline_md
    from tests.gfm import to_html

    built = build(History(HISTORY), "regional-arrangements-hr", "zh")
    tl = timeline(built)
    page = lxml_html.fromstring(to_html(timeline_md(tl)))
    body = page.xpath("//table/tbody/tr")
    from engine.lineage.timeline import STATUSES

    footer = sum(1 for status in STATUSES if any(c[status] for c in tl.counts()))
    assert len(body) == len(tl.rows) + footer
    assert [len(tr.xpath("td")) for tr in body] == [len(tl.symbols) + 2] * len(body)
    report = BlameReport("regional-arrangements-hr", "A/RES/55/105", "zh", blame(built, 2))
    rows = lxml_html.fromstring(to_html(blame_md(report))).xpath("//table/tbody/tr")
    assert [tr.xpath("td")[0].text_content() for tr in rows] == [
        f"{b.id} ({b.number})" if b.number else b.id for b in report.provisions
    ]


GOLDEN = ROOT / "tests" / "golden" / "lineage"
GOLDEN_HISTORY = ROOT / "tests" / "data" / "lineage"  # a copy: `make history` does not move it


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("timeline.term", ("history", "regional-arrangements-hr", "--timeline")),
        ("timeline.json", ("history", "regional-arrangements-hr", "--timeline", "--format", "json")),
        ("blame.term", ("blame", "A/RES/55/105")),
        ("blame.json", ("blame", "A/RES/55/105", "--format", "json")),
        ("lineage.text", ("lineage", "A/RES/55/105#op1")),
    ],
)
def test_golden_outputs_on_a_real_series(name, args, monkeypatch, tmp_path):
    """Set RESDIFF_UPDATE_GOLDEN=1 to rewrite them; then read every one before committing."""
    monkeypatch.setenv("RESDIFF_CACHE", str(tmp_path / "cache"))
    code, out, err = run_cli(*args, "--history", str(GOLDEN_HISTORY))
    assert (code, err) == (0, "")
    expected = GOLDEN / f"regional-arrangements-hr-zh.{name}"
    if os.environ.get("RESDIFF_UPDATE_GOLDEN"):
        expected.write_text(out, encoding="utf-8")
    assert out == expected.read_text(encoding="utf-8")


def test_a_clause_is_named_as_an_amendment_names_it():
    """`#执行部分第3段`, `#OP3`, `#序言部分第三段`, `#PP3`, as a Chinese delegate or an
    amendment list writes them, name op3 and pp3 of the seed (they were refused)."""
    from engine.lineage.trail import find_provision
    from engine.store import canonical

    seed = canonical.loads(
        (
            Path(__file__).resolve().parent.parent / "history/intl-cooperation-hr/zh/A-HRC-RES-25-3.md"
        ).read_text(encoding="utf-8")
    )
    found = [
        find_provision(seed, s, "A/HRC/RES/25/3#" + s)
        for s in ("执行部分第3段", "OP3", "序言部分第三段", "PP3")
    ]
    assert found == ["op3", "op3", "pp3", "pp3"]
    with pytest.raises(InputError) as caught:
        find_provision(seed, "执行部分第99段", "A/HRC/RES/25/3#执行部分第99段")
    # a reference, to a paragraph this version lacks: said so (not "no reference")
    assert str(caught.value) == "A/HRC/RES/25/3#执行部分第99段: this version has no operative paragraph 99"
    with pytest.raises(InputError) as caught:
        find_provision(seed, "paragraphe", "A/HRC/RES/25/3#paragraphe")
    assert (
        "no operative paragraph is numbered paragraphe, and it is no reference to a paragraph "
        "(write an id, #op3" in str(caught.value)
    )


@pytest.mark.parametrize(
    "selector", ["op30.b", "OP30 (b)", "operative paragraph 30 (b)", "OP30(b)", "paragraph 30 (b)"]
)
def test_lineage_takes_the_references_amendments_take(selector, tmp_path, monkeypatch):
    # `#PP2`, `#OP30 (b)` were "no operative paragraph is numbered ...", though `apply` reads
    # the same words; one way to name a paragraph across commands.
    monkeypatch.setenv("RESDIFF_CACHE", str(tmp_path / "cache"))
    history = str(Path(__file__).resolve().parent.parent / "history")
    code, out, err = run_cli("lineage", f"A/C.3/78/L.41#{selector}", "--lang", "en", "--history", history)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "lineage of A/C.3/78/L.41#op30.b (en), series iran-hr"
    code, out, _ = run_cli("lineage", "A/C.3/78/L.41#PP2", "--lang", "en", "--history", history)
    assert code == 0 and out.splitlines()[0] == "lineage of A/C.3/78/L.41#pp2 (en), series iran-hr"


def test_a_cached_blame_is_the_computed_one_on_every_shipped_version(tmp_path, monkeypatch):
    """Kept in the cache under the lineage's key and the version's column: the second blame
    decodes no lineage, and answers exactly as the lineage does."""
    from engine.lineage.blame import pack, unpack

    store = History(HISTORY)
    versions = []
    for name in store.series_names():
        for lang in sorted({x for v in store.series(name).versions for x in v.languages}):
            built = build(store, name, lang)
            for k, stage in enumerate(built.stages):
                fresh = api.blame(store, stage.symbol, lang, name, cache_dir=None)
                assert fresh.provisions == blame(built, k) and fresh.symbol == stage.symbol
                assert fresh.not_in_language == tuple(built.skipped_before(k))
                assert unpack(json.loads(json.dumps(pack(fresh.provisions)))) == fresh.provisions
                first = api.blame(store, stage.symbol, lang, name, cache_dir=tmp_path)
                versions.append((stage.symbol, lang, name, vars(fresh)))
                assert vars(first) == vars(fresh)

    def no_lineage(*_args: object) -> None:
        raise AssertionError("a cached blame decoded a lineage")

    monkeypatch.setattr(PairCache, "get_lineage", no_lineage)
    for symbol, lang, name, fresh_vars in versions:
        assert vars(api.blame(store, symbol, lang, name, cache_dir=tmp_path)) == fresh_vars
    assert len(versions) > 40


@pytest.mark.parametrize("damage", ["truncate", "flip", "not-json", "bad-share"])
def test_a_damaged_blame_entry_is_recomputed_and_replaced(tmp_path, damage):
    from engine.lineage.blame import BLAME_FORMAT
    from engine.lineage.cache import seal, unseal

    store = History(HISTORY)
    fresh = api.blame(store, "A/HRC/RES/38/3", "en", None, cache_dir=tmp_path)
    (entry,) = tmp_path.glob("blames/*/*.json")
    data = entry.read_bytes()
    head, _, payload = data.partition(b"\n")
    sealed = unseal(BLAME_FORMAT, entry.stem, data)
    sealed[0][5] = 1.5  # whole and sealed, but not a share
    entry.write_bytes(
        {
            "truncate": data[: len(data) - 20],
            "flip": head + b"\n" + payload.replace(b"pp1", b"pp9", 1),
            "not-json": b"\x00" * 10,
            "bad-share": seal(BLAME_FORMAT, entry.stem, sealed),
        }[damage]
    )
    counted = PairCache(tmp_path)
    assert counted.get_blame(entry.stem) is None and counted.rejected == [entry.stem]
    again = api.blame(store, "A/HRC/RES/38/3", "en", None, cache_dir=tmp_path)
    assert vars(again) == vars(fresh)
    assert entry.read_bytes() == data  # replaced by a whole entry
