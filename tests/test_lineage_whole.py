"""The whole history's timeline (`resdiff history --timeline`, no series named): every
series, each in every language it holds, in one language, or across languages; the series
left out are named; one report in each format. Constructed histories whose true timelines
are known, and the shipped history."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from lxml import html as lxml_html
from referencing import Registry, Resource

from engine import api
from engine.errors import StoreError
from engine.lineage.graph import build
from engine.lineage.timeline import timeline
from engine.model import Metadata, Provision, Resolution, renumber
from engine.render.lineage import TIMELINE_RENDERERS
from engine.store.history import History

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "engine/render/schemas"


def _schema(name: str) -> dict[str, object]:
    data: dict[str, object] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return data


REGISTRY = Registry().with_resources(
    (name, Resource.from_contents(_schema(name)))
    for name in ("timeline.schema.json", "timeline-across.schema.json")
)
VALIDATOR = jsonschema.Draft202012Validator(_schema("timelines.schema.json"), registry=REGISTRY)

EN = [
    "Recalling its resolution 25/3 on the enhancement of international cooperation",
    "Calls upon all States to cooperate fully with the special procedures",
    "Requests the Secretary-General to report at its next session",
]
ZH = [
    "回顾其关于加强人权领域国际合作的第25/3号决议",
    "吁请所有国家与特别程序充分合作",
    "请秘书长在下届会议上提交报告",
]


def version(series: str, lang: str, symbol: str, *texts: str) -> Resolution:
    meta = Metadata(language=lang, symbol=symbol, series=series)  # type: ignore[arg-type]
    provisions = [Provision("op0", "operative", t, str(n)) for n, t in enumerate(texts, 1)]
    return Resolution(meta, renumber(provisions))


@pytest.fixture
def two_series(tmp_path, monkeypatch) -> Path:
    """`alpha`: two versions in en (the second rewords op2) and the first also in zh;
    `beta`: two versions in en (the second drops op3); `gamma`: listed, no text yet."""
    monkeypatch.setenv("RESDIFF_CACHE", str(tmp_path / "cache"))
    root = tmp_path / "history"
    store = History(root)
    store.add(version("alpha", "en", "A/RES/1/1", *EN), date="2001", new_series=True)
    store.add(version("alpha", "zh", "A/RES/1/1", *ZH), date="2001")
    reworded = [EN[0], EN[1].replace("fully", "fully and constructively"), EN[2]]
    store.add(version("alpha", "en", "A/RES/2/1", *reworded), date="2002")
    store.add(version("beta", "en", "A/RES/1/2", *EN), date="2001", new_series=True)
    store.add(version("beta", "en", "A/RES/2/2", *EN[:2]), date="2002")
    (root / "gamma").mkdir()
    (root / "gamma" / "series.yaml").write_text("schema: resdiff.series/1\nseries: gamma\nversions: []\n")
    return root


def run_cli(*args: str) -> tuple[int, str, str]:
    from click.testing import CliRunner

    import cli

    result = CliRunner().invoke(cli.main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_every_series_in_every_language_is_the_one_series_timelines_in_order(two_series):
    """Each timeline of the whole history is exactly what the one-series command gives."""
    store = History(two_series)
    whole = api.history_timelines(store, None, cache_dir=None)
    assert [(t.series, t.language) for t in whole.timelines] == [
        ("alpha", "en"),
        ("alpha", "zh"),
        ("beta", "en"),
    ]
    assert whole.without == ("gamma",)
    for t in whole.timelines:
        assert t == timeline(build(store, t.series, t.language))
    code, out, err = run_cli("history", "--timeline", "--history", str(two_series))
    assert (code, err) == (0, "")
    one = [
        run_cli("history", s, "--timeline", "--lang", lang, "--history", str(two_series))[1]
        for s, lang in (("alpha", "en"), ("alpha", "zh"), ("beta", "en"))
    ]
    assert out == (
        "timelines of the whole history, each series in every language it holds: 3 timelines of 2 series;"
        " left out (no text yet): gamma\n" + "".join("\n" + o for o in one)
    )
    assert (
        "rew  v2#op2 Calls upon all States" in one[0]
        and "rem  v1#op3 Requests the Secretary-General" in one[2]
    )


def test_one_language_names_the_series_left_out(two_series):
    code, out, err = run_cli("history", "--timeline", "--lang", "zh", "--history", str(two_series))
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == (
        "timelines of the whole history, in zh: 1 timeline of 1 series; left out (no text in zh): beta, gamma"
    )
    assert "timeline of alpha (zh): 3 lineages" in out and "(en)" not in out


def test_across_languages_gives_one_timeline_per_series(two_series):
    whole = api.history_timelines(History(two_series), None, cache_dir=None, across=True)
    assert [(t.series, t.languages) for t in whole.timelines] == [
        ("alpha", ("en", "zh", "en")),
        ("beta", ("en", "en")),
    ]
    # alpha's rows joined through A/RES/1/1, held in both: op2 reworded in the second English version
    assert [c.status for c in whole.timelines[0].rows[1].cells] == ["present", "present", "reworded"]
    code, out, _ = run_cli(
        "history", "--timeline", "--across-languages", "--format", "json", "--history", str(two_series)
    )
    assert code == 0
    doc = json.loads(out)
    VALIDATOR.validate(doc)
    assert (
        doc["across_languages"] is True
        and [t["schema"] for t in doc["timelines"]] == ["resdiff.timeline-across/1"] * 2
    )


def test_json_is_every_timeline_under_one_schema(two_series):
    code, out, _ = run_cli("history", "--timeline", "--format", "json", "--history", str(two_series))
    assert code == 0
    doc = json.loads(out)
    VALIDATOR.validate(doc)
    assert (doc["language"], doc["across_languages"], doc["left_out"]) == (None, False, ["gamma"])
    store = History(two_series)
    singles = [
        json.loads(TIMELINE_RENDERERS["json"](timeline(build(store, s, lang))))
        for s, lang in (("alpha", "en"), ("alpha", "zh"), ("beta", "en"))
    ]
    assert doc["timelines"] == singles
    with pytest.raises(jsonschema.ValidationError):  # the schema can fail: a timeline missing its cells
        del doc["timelines"][0]["lineages"][0]["cells"]
        VALIDATOR.validate(doc)


def test_html_is_one_page_a_section_per_timeline_each_in_its_language(two_series, tmp_path):
    target = tmp_path / "timelines.html"
    code, _, err = run_cli(
        "history", "--timeline", "--format", "html", "-o", str(target), "--history", str(two_series)
    )
    assert code == 0 and err == f"wrote html timelines to {target}\n"
    page = lxml_html.fromstring(target.read_bytes())
    assert page.get("lang") == "en"
    sections = page.findall(".//section")
    assert [(s.get("lang"), s.findtext("h2")) for s in sections] == [
        ("en", "Timeline of alpha (en)"),
        ("zh", "Timeline of alpha (zh)"),
        ("en", "Timeline of beta (en)"),
    ]
    assert [len(s.findall(".//tbody/tr")) for s in sections] == [3, 3, 3]
    assert not page.xpath("//script|//link|//img|//*[@src]")
    code, _, err = run_cli(
        "history", "--timeline", "--format", "html", "-o", str(target), "--history", str(two_series)
    )
    assert code == 2 and "already exists" in err  # never over a file without --force


def test_md_is_one_document(two_series):
    code, out, _ = run_cli("history", "--timeline", "--format", "md", "--history", str(two_series))
    assert code == 0
    assert out.startswith(
        "## Timelines of the whole history, each series in every language it holds\n\n"
        "- 3 timelines of 2 series\n"
    )
    assert out.count("### Timeline of ") == 3
    from tests.gfm import to_html

    page = lxml_html.fromstring(to_html(out))
    assert [h.text_content() for h in page.xpath("//h3")] == [
        "Timeline of alpha (en)",
        "Timeline of alpha (zh)",
        "Timeline of beta (en)",
    ]
    tables = page.xpath("//table")
    assert len(tables) == 3  # each timeline's table whole: nothing between joins two
    assert [len(t.xpath("thead/tr/th")) for t in tables] == [4, 3, 4]  # versions, seen, lineage


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--lang", "fr"), "no series of the history holds text in fr (series: alpha, beta, gamma)"),
        (("--lang", "en", "--across-languages"), "give one or the other"),
    ],
)
def test_errors_are_one_line(two_series, args, fragment):
    code, out, err = run_cli("history", "--timeline", *args, "--history", str(two_series))
    assert (code, out) == (2, "")
    assert err.startswith("Error: ") and fragment in err and err.count("\n") == 1


def test_a_history_without_text_is_said(tmp_path):
    (tmp_path / "h" / "gamma").mkdir(parents=True)
    (tmp_path / "h" / "gamma" / "series.yaml").write_text(
        "schema: resdiff.series/1\nseries: gamma\nversions: []\n"
    )
    with pytest.raises(StoreError, match="holds no text yet"):
        api.history_timelines(History(tmp_path / "h"), None, cache_dir=None)


def test_output_without_timeline_is_refused(two_series, tmp_path):
    code, _, err = run_cli("history", "-o", str(tmp_path / "x.txt"), "--history", str(two_series))
    assert code == 2 and "--output applies to --timeline" in err
    assert not (tmp_path / "x.txt").exists()


def test_the_shipped_history_whole_and_cached_is_the_same_report(tmp_path, monkeypatch):
    """The whole shipped history, cold then from the cache: the same bytes, and the second
    run compares nothing (every series' lineage from its snapshot)."""
    from engine.lineage.cache import PairCache
    from engine.lineage.whole import history_timelines

    store = History(ROOT / "history")
    cold = PairCache(tmp_path / "cache")
    first = history_timelines(store, None, cache=cold)
    warm = PairCache(tmp_path / "cache")
    second = history_timelines(store, None, cache=warm)
    assert second == first
    assert warm.computed == 0 and warm.timeline_hits == len(first.timelines) > 10
    assert warm.lineage_hits == 0  # not even a lineage decoded: each timeline from its own entry
    from engine.render.lineage import TIMELINES_RENDERERS

    for fmt, render in TIMELINES_RENDERERS.items():
        assert render(first) == render(second), fmt


def _shipped_timeline(cache: Path):  # type: ignore[no-untyped-def]
    from engine.lineage.cache import PairCache
    from engine.lineage.timeline import series_timeline

    counted = PairCache(cache)
    return series_timeline(
        History(ROOT / "history"), "regional-arrangements-hr", "zh", cache=counted
    ), counted


def test_a_cached_timeline_is_the_computed_one_on_every_shipped_series(tmp_path):
    from engine.lineage.cache import PairCache
    from engine.lineage.timeline import pack, series_timeline, unpack

    store = History(ROOT / "history")
    for name in store.series_names():
        for lang in sorted({lang for v in store.series(name).versions for lang in v.languages}):
            fresh = timeline(build(store, name, lang))
            assert unpack(json.loads(json.dumps(pack(fresh)))) == fresh
            first = series_timeline(store, name, lang, cache=PairCache(tmp_path))
            again = PairCache(tmp_path)
            assert series_timeline(store, name, lang, cache=again) == first == fresh
            assert again.timeline_hits == 1


@pytest.mark.parametrize("damage", ["truncate", "flip", "other-key", "not-json", "bad-status"])
def test_a_damaged_timeline_entry_is_recomputed_and_replaced(tmp_path, damage):
    from engine.lineage.cache import PairCache, seal, unseal
    from engine.lineage.timeline import TIMELINE_FORMAT

    fresh, _ = _shipped_timeline(tmp_path)
    (entry,) = tmp_path.glob("timelines/*/*.json")
    data = entry.read_bytes()
    head, _, payload = data.partition(b"\n")
    sealed = unseal(TIMELINE_FORMAT, entry.stem, data)
    sealed["rows"][0][1][0][0] = "vanished"  # whole and sealed, but not a status
    damaged = {
        "truncate": data[: len(data) - 40],
        "flip": head + b"\n" + payload.replace(b'"zh"', b'"en"', 1),
        "other-key": head.replace(entry.stem.encode(), b"0" * 64) + b"\n" + payload,
        "not-json": b"\x00" * 10,
        "bad-status": seal(TIMELINE_FORMAT, entry.stem, sealed),
    }[damage]
    entry.write_bytes(damaged)
    again, counted = _shipped_timeline(tmp_path)
    assert (counted.timeline_hits, counted.rejected, counted.lineage_hits) == (0, [entry.stem], 1)
    assert again == fresh
    assert entry.read_bytes() == data  # replaced by a whole entry
    assert PairCache(tmp_path).get_timeline(entry.stem) == fresh


def test_an_edited_version_is_a_new_timeline(two_series):
    """The timeline's key is the lineage's: every version's content hash."""
    code, before, _ = run_cli("history", "alpha", "--timeline", "--lang", "en", "--history", str(two_series))
    assert code == 0 and "rew  v2#op2 Calls upon all States" in before
    path = History(two_series).path_for("alpha", "en", "A/RES/2/1")
    path.write_text(
        path.read_text(encoding="utf-8").replace("fully and constructively", "fully"), encoding="utf-8"
    )
    code, after, _ = run_cli("history", "alpha", "--timeline", "--lang", "en", "--history", str(two_series))
    assert (
        code == 0
        and "=    =    v2#op2 Calls upon all States" in after
        and "rew" not in after.split("\n\n")[1]
    )


def test_markdown_timelines_show_stored_text_as_typed_never_as_markup(tmp_path):
    """A label is a stored text: in Markdown it is escaped as the diff escapes it, so
    `<img onerror>` or `*emphasis*` shows as typed and a `|` does not split the row."""
    from tests.gfm import to_html

    hostile = "<img src=x onerror=alert(1)> Decides *to* act | now"
    store = History(tmp_path / "h")
    store.add(version("alpha", "en", "A/RES/1/1", hostile, EN[1]), date="2001", new_series=True)
    store.add(version("alpha", "en", "A/RES/2/1", hostile, EN[1]), date="2002")
    whole = api.history_timelines(store, None, cache_dir=None)
    from engine.render.lineage import TIMELINES_RENDERERS

    page = lxml_html.fromstring(to_html(TIMELINES_RENDERERS["md"](whole)))
    assert not page.xpath("//img|//em|//script")
    first = page.xpath("//table/tbody/tr")[0].xpath("td")
    assert len(first) == 4 and first[-1].text_content() == "<img src=x onerror=alert(1)> Decides *t…"


def test_a_first_timeline_reads_each_version_once(tmp_path, monkeypatch):
    """The timeline's cache key and the lineage it builds on a miss come from one reading of
    the files (`stages.prepare`): each canonical file was read and hashed twice."""
    from engine.lineage import stages
    from engine.lineage.cache import PairCache
    from engine.lineage.timeline import series_timeline

    read: list[str] = []
    real = stages.read_canonical_bytes

    def counted(path: Path) -> bytes:
        read.append(path.name)
        return real(path)

    monkeypatch.setattr(stages, "read_canonical_bytes", counted)
    store = History(ROOT / "history")
    series_timeline(store, "regional-arrangements-hr", "zh", cache=PairCache(tmp_path))
    assert sorted(read) == sorted(set(read)) and len(read) == 3
