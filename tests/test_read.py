"""engine.read on real texts: the seed, the full English draft, the corpus excerpts."""

from __future__ import annotations

import codecs
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from engine.errors import InputError
from engine.model import Resolution
from engine.read import read_bytes, read_path
from engine.read.language import detect_language

GOLDEN = Path(__file__).resolve().parent / "golden" / "read"
CORPUS = GOLDEN / "corpus"
SEED = GOLDEN / "zh-A-HRC-RES-25-3-seed.txt"
L41 = GOLDEN / "en-A-C.3-78-L.41.txt"


def parts(res: Resolution) -> tuple[int, int, int]:
    kinds = [p.kind for p in res.provisions]
    return kinds.count("preamble"), kinds.count("operative"), kinds.count("subparagraph")


@pytest.fixture(scope="module")
def seed() -> Resolution:
    return read_path(SEED)


@pytest.fixture(scope="module")
def l41() -> Resolution:
    return read_path(L41)


# --- the seed: HRC 25/3 in Chinese, PDF-extracted ------------------------------------


def test_seed_structure(seed: Resolution) -> None:
    assert parts(seed) == (11, 22, 0)
    assert seed.body_line == "人权理事会，"
    assert [p.id for p in seed.provisions][-1] == "op22"
    assert [p.number for p in seed.provisions if p.kind == "operative"] == [str(n) for n in range(1, 23)]


def test_seed_metadata(seed: Resolution) -> None:
    m = seed.meta
    assert (m.language, m.symbol, m.number, m.body, m.session) == (
        "zh",
        "A/HRC/RES/25/3",
        "25/3",
        "HRC",
        "25",
    )
    assert (m.adopted, m.meeting, m.vote) == ("2014-03-27", 54, "without a vote")
    assert (m.title, m.agenda_item) == ("增强人权领域的国际合作", "3")


def test_seed_footnotes(seed: Resolution) -> None:
    assert [(f.marker, f.text) for f in seed.footnotes] == [("1", "A/HRC/24/56。"), ("2", "A/HRC/19/50。")]
    op11, op12 = seed.provision("op11"), seed.provision("op12")
    # op11's marker stood alone on a line after the paragraph: it goes at the end.
    assert [r.marker for r in op11.footnotes] == ["1"] and op11.footnotes[0].offset == len(op11.text)
    # op12's was glued: "资料，2 其中".
    assert [r.marker for r in op12.footnotes] == ["2"]
    assert op12.text[: op12.footnotes[0].offset].endswith("资料，")
    assert op12.text[op12.footnotes[0].offset :].startswith("其中介绍了")
    others = [p for p in seed.provisions if p.id not in ("op11", "op12")]
    assert all(not p.footnotes for p in others)
    # The bodies sat between op19 and op20: they must be in no paragraph, and op20 is there.
    assert all("A/HRC/24/56" not in p.text and "A/HRC/19/50" not in p.text for p in seed.provisions)
    assert seed.provision("op19").text.endswith("重要性；")
    assert seed.provision("op20").text.startswith("回顾大会在第68/160号决议中")


def test_seed_normalisation(seed: Resolution) -> None:
    pp3 = seed.provision("pp3").text
    assert "理事会2013年6月13日第23/3号决议和大会2013年12月18日第68/160号决议" in pp3
    assert all(" " not in p.text for p in seed.provisions)  # no PDF spaces left in Chinese
    assert seed.provision("pp1").text.startswith("重申致力于")
    assert seed.provision("op1").text.startswith("重申通过国际合作")  # number taken out


def test_seed_line_numbers(seed: Resolution) -> None:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for p in seed.provisions:
        assert p.line is not None
        source = lines[p.line - 1].replace(" ", "")
        start = p.text[:4] if p.kind == "preamble" else f"{p.number}.{p.text[:3]}"
        assert source.startswith(start), (p.id, p.line, source)


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        lambda s: s.encode("utf-16"),  # with BOM
        lambda s: s.encode("gb18030"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "gb18030"],
)
def test_seed_parses_identically_from_every_encoding(
    seed: Resolution, encode: Callable[[str], bytes]
) -> None:
    text = SEED.read_text(encoding="utf-8")
    res = read_bytes(encode(text), source=str(SEED))
    assert res == seed
    assert [p.line for p in res.provisions] == [p.line for p in seed.provisions]


# --- the full English draft A/C.3/78/L.41 ---------------------------------------------


def test_l41_structure(l41: Resolution) -> None:
    assert parts(l41) == (3, 35, 7)
    assert l41.meta.symbol == "A/C.3/78/L.41" and l41.meta.body == "GA-C3-draft"
    assert [p.number for p in l41.provisions if p.parent_id == "op30"] == list("abcdefg")


def test_l41_furniture_removed(l41: Resolution) -> None:
    for p in l41.provisions:
        for junk in ("23-21227", "*2321227*", "A/C.3/78/L.41", "2/9", "_____", "Treaty Series"):
            assert junk not in p.text, (p.id, junk)


def test_l41_paragraphs_rejoined_across_page_breaks(l41: Resolution) -> None:
    op1 = l41.provision("op1").text
    assert "Special Rapporteur of the Human Rights Council on the situation" in op1
    op16 = l41.provision("op16").text
    assert "including the rights to freedom of movement" in op16  # footnote 10 and a page between
    assert l41.provision("op23").text.count("film-makers") == 1  # line-end hyphen kept


def test_l41_footnotes(l41: Resolution) -> None:
    assert [f.marker for f in l41.footnotes] == [str(n) for n in range(1, 14)]
    assert l41.footnote_text("3") == (
        "See Official Records of the General Assembly, Seventy-eighth Session, "
        "Supplement No. 53 (A/78/53), chap. III."
    )
    where = {r.marker: p.id for p in l41.provisions for r in p.footnotes}
    assert where == {
        "1": "pp1", "2": "pp1", "3": "pp3", "4": "pp3", "5": "op1", "6": "op1", "7": "op10",
        "8": "op11", "9": "op12", "10": "op13", "11": "op30.d", "12": "op30.d", "13": "op30.g",
    }  # fmt: skip
    op1 = l41.provision("op1")
    # "resolution 77/2285": resolution 77/228, marker 5; "resolution 52/27" is no marker.
    assert "resolution 77/228 and the report" in op1.text
    assert op1.text.endswith("Council resolution 52/27;")
    assert not l41.warnings


# --- excerpts and OCR --------------------------------------------------------------


def test_ocr_spacing_is_repaired_and_reported() -> None:
    res = read_path(GOLDEN / "en-A-RES-76-159.txt")
    assert parts(res) == (4, 0, 0)
    assert res.provision("pp1").text.startswith("Reaffirming its commitment to promoting international")
    assert "25 June 1993" in res.provision("pp1").text
    assert any("broken word spacing (OCR) repaired" in w.message for w in res.warnings)
    assert res.meta.session == "76" and res.meta.adopted == "2021-12-16"


def test_ocr_in_header_and_run_together_words_reported() -> None:
    res = read_path(GOLDEN / "en-A-HRC-52-L.3.txt")
    assert res.meta.session == "52"  # "Fift y- second session"
    assert any("Fifty-second" in w.message for w in res.warnings)
    assert any(w.code == "run-together" and "concernat" in w.message for w in res.warnings)


def test_an_ocr_repair_further_on_a_line_is_quoted_where_it_stands() -> None:
    """A/RES/70/173 (corpus): `period ic` stands at the end of a long line; the example quoted
    the line's first 40 characters, the same before and after (`'national human rights
    institution, made ' -> 'national human rights institution, made '`)."""
    res = read_path(CORPUS / "en" / "A-RES-70-173.txt")
    [note] = [w for w in res.warnings if w.code == "ocr-repaired"]
    assert note.message.endswith("e.g. 'universal period ic' -> 'universal periodic'")


def test_excerpts_keep_what_is_there_and_warn() -> None:
    res = read_path(GOLDEN / "en-A-RES-76-159.txt")
    assert res.provisions[-1].text.endswith("from 31 August to 8 Septemb")
    assert res.meta.extent == "excerpt"
    assert any(w.message.startswith("read as an excerpt: the text stops mid-sentence") for w in res.warnings)


def test_flattened_chinese_excerpt_with_ascii_punctuation() -> None:
    res = read_path(GOLDEN / "zh-A-RES-55-109.txt")
    assert parts(res) == (8, 3, 0)
    assert res.meta.symbol == "A/RES/55/109" and res.body_line == "大会，"
    assert "，" in res.provision("pp1").text and "," not in res.provision("pp1").text
    assert [r.marker for p in res.provisions for r in p.footnotes] == ["1", "2", "3"]


def test_marker_glued_between_han_characters() -> None:
    pp1 = read_path(GOLDEN / "zh-A-RES-55-114.txt", lang="zh").provision("pp1")
    assert pp1.text == "遵循《联合国宪章》、《世界人权宣言》、国际人权盟约和其他人权文书，"
    before = [(r.marker, pp1.text[: r.offset][-4:]) for r in pp1.footnotes]
    assert before == [("1", "宣言》、"), ("2", "人权盟约")]


def test_parenthesised_markers() -> None:
    res = read_path(GOLDEN / "zh-A-RES-53-148.txt")
    assert [r.marker for p in res.provisions for r in p.footnotes] == ["1", "2", "3", "4"]
    assert all("(" not in p.text and "（1）" not in p.text for p in res.provisions)


def test_old_style_footnote_and_adoption_lines() -> None:
    res = read_path(GOLDEN / "en-A-RES-51-100.txt")
    assert parts(res) == (3, 2, 0)
    assert res.footnote_text("1") == "A/CONF.157/24 (Part I), chap. III."
    assert (res.meta.adopted, res.meta.meeting) == ("1996-12-12", 82)
    assert "1993,  to" not in res.provision("pp2").text


CORPUS_FILES = sorted(CORPUS.glob("*/*.txt"))
# Provisions (preambular, operative, subparagraphs) per corpus excerpt, checked by eye.
EXPECTED_PARTS = {
    "ar/A-RES-52-131": (4, 0, 0),
    "en/A-C.3-64-L.UNKNOWN": (2, 2, 1),
    "en/A-C.3-78-L.41": (3, 35, 7),
    "en/A-HRC-RES-16-9": (4, 3, 0),
    "en/A-HRC-RES-35-3": (5, 0, 0),
    "en/A-RES-70-173": (0, 2, 5),
    "en/E-CN.4-RES-1992-52": (8, 0, 0),
    "en/E-CN.4-RES-1998-81": (5, 3, 0),
    "es/A-RES-73-168": (8, 0, 0),  # the end of a paragraph cut by the excerpt's start, then 7
    "fr/A-RES-52-134": (4, 2, 0),
    "ru/A-HRC-RES-35-3": (2, 0, 0),
    "zh/A-RES-52-142": (3, 3, 6),
    "zh/A-RES-53-158": (4, 5, 0),
}


@pytest.mark.parametrize("path", CORPUS_FILES, ids=[f"{p.parent.name}/{p.stem}" for p in CORPUS_FILES])
def test_every_corpus_file_reads_in_its_language(path: Path) -> None:
    res = read_path(path)
    assert res.meta.language == path.parent.name
    assert detect_language(path.read_text(encoding="utf-8")) == path.parent.name
    assert res.provisions
    name = f"{path.parent.name}/{path.stem}"
    if name in EXPECTED_PARTS:
        assert parts(res) == EXPECTED_PARTS[name]


# --- bad input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\n ", "empty"),
        (b"\x00\x01\x02binary\x00" * 100, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"Just one line of text with nothing in it.\n", "no paragraph"),
    ],
)
def test_bad_input(data: bytes, message: str, tmp_path: Path) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_path(path)
    assert message in err.value.message
    assert err.value.path == str(path)
    with pytest.raises(InputError):
        read_bytes(data)


def test_large_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk
    start = time.perf_counter()
    with pytest.raises(InputError, match="larger than 10 MB"):
        read_path(path)
    assert time.perf_counter() - start < 0.5


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        read_path(tmp_path)


def test_unknown_language_is_refused() -> None:
    with pytest.raises(InputError, match="unknown language"):
        read_bytes(SEED.read_bytes(), lang="de")


def test_language_can_be_given() -> None:
    assert read_bytes(SEED.read_bytes(), lang="zh").meta.language == "zh"


@pytest.mark.parametrize(
    ("ending", "extent"),
    [
        ("2. Decides to remain seized of the matter.", "full"),
        ("2. Decides to remain seized of the matter.”", "full"),
        ("2. Calls upon States to cooperate;", "excerpt"),
        ("2. Calls upon States:", "excerpt"),
        ("2. Calls upon States to coop", "excerpt"),
    ],
)
def test_a_text_that_stops_before_its_final_full_stop_is_an_excerpt(ending: str, extent: str) -> None:
    text = f"The General Assembly,\n\nRecalling its resolutions,\n\n1. Welcomes the report;\n\n{ending}\n"
    res = read_bytes(text.encode(), lang="en")
    assert res.meta.extent == extent
    assert any(w.message.startswith("read as an excerpt") for w in res.warnings) == (extent == "excerpt")


def test_the_corpus_excerpts_are_read_as_excerpts(seed: Resolution, l41: Resolution) -> None:
    assert seed.meta.extent == l41.meta.extent == "full"
    assert read_path(CORPUS / "zh" / "A-RES-55-114.txt", lang="zh").meta.extent == "excerpt"


def test_a_translations_job_number_and_the_page_number_by_it_are_furniture() -> None:
    """A Chinese copy's job number carries two dates (`GE.14-13121 (C) 250414 280414`) and
    the page header prints the page number alone on a line by the symbol: `280414` and `2`
    were glued into the paragraph the page break cut (`决议，280414 2注意到`)."""
    from engine.read import read_bytes

    text = (
        "人权理事会，\n回顾大会关于增强人权领域国际合作的所有决议，又回顾\n理事会第 23/3 号决议，\n"
        "GE.14-13121 (C) 250414 280414\n*1413121*\nA/HRC/RES/25/3\n2\n注意到秘书长的报告，\n"
        "1. 重申各国有义务促进和保护人权；\n2. 请秘书长提交报告。\n"
    )
    res = read_bytes(text.encode(), lang="zh")
    assert [p.text for p in res.provisions[:2]] == [
        "回顾大会关于增强人权领域国际合作的所有决议，又回顾理事会第23/3号决议，",
        "注意到秘书长的报告，",
    ]
    assert res.meta.symbol == "A/HRC/RES/25/3"
    # a number alone between two lines of wording is no page number: the marker reader has it
    furniture = "GE.14-13121 (C) 250414 280414\n*1413121*\nA/HRC/RES/25/3\n"
    alone = read_bytes(text.replace(furniture, "").encode(), lang="zh")
    assert "决议，2" in alone.provisions[0].text
    assert [w.line for w in alone.warnings if w.code == "footnote-marker-doubtful"] == [4]


def _marker_doubts(res: Resolution) -> list[str]:
    return [f"{w.line}: {w.message}" for w in res.warnings if w.code == "footnote-marker-doubtful"]


def test_a_marker_glued_to_an_acronym_with_its_footnote_on_the_page_is_taken_and_said() -> None:
    """`Relations, the ILO10 in` (L.41, its marker 10 glued to an acronym): 10 is the marker
    expected and footnote 10 is at the foot of the page, so it is marker 10, and since a
    name's number (CO2, G20) is glued the same way, that is said. It was kept as part of a
    name: `ILO10` in the text, footnote 10 'not referenced', marker lost."""
    raw = L41.read_text(encoding="utf-8")
    assert raw.count("Consular Relations10 in") == 1
    res = read_bytes(raw.replace("Consular Relations10 in", "Consular Relations, the ILO10 in").encode())
    [p] = [p for p in res.provisions if "the ILO" in p.text]
    assert "ILO10" not in p.text and "the ILO in relation" in p.text
    assert [r.marker for r in p.footnotes] == ["10"]
    assert p.text[: p.footnotes[0].offset].endswith("the ILO")
    assert "footnote-unreferenced" not in [w.code for w in res.warnings]
    line = raw.split("\n").index(next(x for x in raw.split("\n") if "Consular Relations10" in x)) + 1
    assert _marker_doubts(res) == [
        f"{line}: 10 in 's, the ILO10 in rela' is glued to 'ILO' as a name's number is (CO2, G20), "
        "but it is the marker expected, footnote 10 is on its page and no other marker 10 is in the text: "
        "taken as footnote marker 10"
    ]


def test_a_number_glued_to_an_acronym_without_footnote_text_is_kept_and_said() -> None:
    """With no footnote text in the input (an excerpt), `ILO2` where 2 is the marker expected
    may be the ILO and marker 2 or a name: kept in the text, said. Numbers that are not the
    marker expected, or that a letter or a hyphen follows, are names' and said nothing of."""
    text = (
        "The General Assembly,\n\nRecalling the Universal Declaration of Human Rights,1\n\n"
        "Noting the work of the {} and of its bodies,\n\n1. Decides to remain seized of the matter.\n"
    )
    res = read_bytes(text.format("ILO2").encode(), lang="en")
    assert "the ILO2 and" in res.provisions[1].text and not res.provisions[1].footnotes
    assert _marker_doubts(res) == [
        "5: 2 in 'of the ILO2 and of ' is glued to 'ILO' as a name's number is (CO2, G20), and it is "
        "the marker expected, but no footnote text is in the input: kept in the text (a name's number, "
        "or a marker whose footnote text is missing)"
    ]
    for name in ("CO3", "G20", "H1N1", "H5N2", "G2-led group", "COP26", "SDG3", "ILO Convention No. 169"):
        res = read_bytes(text.format(name).encode(), lang="en")
        assert f"the {name} and" in res.provisions[1].text, name
        assert not _marker_doubts(res) and not res.provisions[1].footnotes, name


def test_a_name_whose_number_is_the_marker_expected_stays_a_name_when_the_marker_comes_later() -> None:
    """`Rights,1 the G2 Group, the International Covenants on Human Rights2` (L.41 with a name
    put in): 2 is the marker expected, and footnote 2 is on the page, but marker 2 stands
    after `Rights`, so `G2` is a name, said nothing of."""
    raw = L41.read_text(encoding="utf-8")
    assert raw.count("Rights,1 the International") == 1
    res = read_bytes(
        raw.replace("Rights,1 the International", "Rights,1 the G2 Group, the International").encode()
    )
    [p] = [p for p in res.provisions if "G2 Group" in p.text]
    assert [r.marker for r in p.footnotes] == ["1", "2"]
    assert p.text[: p.footnotes[1].offset].endswith("Covenants on Human Rights")
    assert not _marker_doubts(res)
