"""Reader faults found by the corpus audit (every text of shared/corpus read against its
raw text): each test holds the minimal excerpt of the corpus text that showed the fault,
copied as stored, and fails on the reader before its fix.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine.model import Resolution
from engine.read import read_text

GOLDEN = Path(__file__).resolve().parent / "golden" / "read"

# A/C.3/66/L.UNKNOWN (corpus, iran-hr, 2011), as stored: the italic lead words are lost and
# operative paragraph 1's number stands at the end of the line before it.
HANGING_NUMBER = """Situation of human rights in the Islamic Republic of Iran
The General Assembly
its previous resolutions on the situation of human rights in theIslamic Republic of Iran, \
the most recent of which is resolution 65/226 of 21 December 2010,1.
Takes note
of the report of the Secretary-General submitted pursuant toresolution 65/226,
which highlights further negative developments
"""

# A/RES/74/151 (corpus, French), page 2 of a paginated web view: it starts mid-document,
# after footnotes 1 and 2, so the first markers it holds are 3 and 4.
MID_DOCUMENT_FR = (
    "Renforcement de l’action de l’Organisation des Nations Unies A/RES/74/151 "
    "Rappelant ses résolutions antérieures sur la question, Réaffirmant qu’il importe de "
    "s’assurer que l’examen des questions relatives aux droits de l’homme se fasse dans un "
    "esprit d’universalité, comme affirmé dans la Déclaration et le Programme d ’action de "
    "Vienne adoptés le 25 juin 1993 par la Conférence mondiale sur les droits de l’homme 3, "
    "et de supprimer toute politique de deux poids deux mesures, Rappelant que le Programme "
    "de développement durable à l’horizon 2030 4 prévoit la revitalisation du Partenariat "
    "mondial pour le développement durable, Soulignant que les g"
)


def codes(res: Resolution) -> list[str]:
    return [w.code for w in res.warnings]


def test_an_operative_number_at_the_end_of_the_line_before_starts_its_paragraph() -> None:
    res = read_text(HANGING_NUMBER, lang="en")
    pp, op = res.provisions
    assert pp.kind == "preamble" and pp.text.endswith("of 21 December 2010,")
    assert pp.footnotes == ()  # the `1` was read as footnote marker 1
    assert op.kind == "operative" and op.number == "1"
    assert op.text.startswith("Takes note of the report of the Secretary-General")
    said = [w for w in res.warnings if w.code == "layout"]
    assert said and "operative number 1. printed at the end of line 3" in said[0].message
    assert "footnote-no-text" not in codes(res)


def test_a_number_after_a_comma_at_a_line_end_stays_when_no_operative_paragraph_opens() -> None:
    text = HANGING_NUMBER.replace("Takes note\n", "the Covenants\n")
    res = read_text(text, lang="en")
    assert [p.kind for p in res.provisions] == ["preamble"]


def test_a_hanging_number_must_be_the_next_one() -> None:
    text = HANGING_NUMBER.replace("2010,1.", "2010,7.")
    res = read_text(text, lang="en")
    assert [p.kind for p in res.provisions] == ["preamble"]


def test_markers_of_a_text_that_starts_mid_document_are_read_from_where_it_starts() -> None:
    res = read_text(MID_DOCUMENT_FR, lang="fr")
    by_start = {p.text.split()[0] + p.text[-12:]: p for p in res.provisions}
    assert len(by_start) == 4
    pp = res.provisions[1]
    assert "sur les droits de l’homme, et de supprimer" in pp.text  # not `l’homme 3, et`
    assert "adoptés le 25 juin 1993 par" in pp.text  # a day, not marker 25
    assert [r.marker for r in pp.footnotes] == ["3"]
    assert pp.text[pp.footnotes[0].offset - 6 : pp.footnotes[0].offset] == "l’homme"[-6:]
    nxt = res.provisions[2]
    assert "à l’horizon 2030 prévoit" in nxt.text
    assert [r.marker for r in nxt.footnotes] == ["4"]
    assert codes(res).count("footnote-no-text") == 2  # said: no footnote text is in the input


def test_a_lone_out_of_sequence_number_in_a_mid_document_text_is_no_evidence() -> None:
    """Only a run (3, then 4) sets where the markers start: a single `l’homme 3, et` (or the
    seed's `资料，2其中` in a copy that lost marker 1) stays in the text, and is said."""
    text = MID_DOCUMENT_FR.split(" Rappelant que le Programme")[0]
    res = read_text(text, lang="fr")
    assert "droits de l’homme 3, et" in res.provisions[1].text
    assert all(p.footnotes == () for p in res.provisions)
    doubts = [w.message for w in res.warnings if w.code == "footnote-marker-doubtful"]
    assert [m[:5] for m in doubts] == ["3 in "]


def test_an_out_of_sequence_number_where_a_marker_stands_is_said() -> None:
    """With a body line the numbering starts at 1: `l’homme 3, et` stays in the text, said."""
    text = "L’Assemblée générale,\n" + MID_DOCUMENT_FR.split("A/RES/74/151 ", 1)[1]
    res = read_text(text, lang="fr")
    assert "droits de l’homme 3, et" in res.provisions[1].text
    doubts = [w.message for w in res.warnings if w.code == "footnote-marker-doubtful"]
    assert any(m.startswith("3 in ") for m in doubts), doubts
    assert any(m.startswith("4 in ") for m in doubts), doubts
    assert not any(m.startswith("25 in ") for m in doubts), doubts


def test_a_day_before_a_month_is_no_marker_even_when_it_is_the_one_expected() -> None:
    text = (
        "Le Conseil des droits de l’homme,\n"
        "Rappelant la Déclaration universelle des droits de l’homme1 et la Déclaration et le "
        "Programme d’action de Vienne adoptés le 2 juin 1993 par la Conférence mondiale,\n"
    )
    res = read_text(text, lang="fr")
    pp = res.provisions[0]
    assert "adoptés le 2 juin 1993 par" in pp.text
    assert [r.marker for r in pp.footnotes] == ["1"]


def test_the_start_of_a_range_is_no_marker_even_when_it_is_the_one_expected() -> None:
    text = (
        "The General Assembly,\n"
        "Recalling the Universal Declaration of Human Rights,1 the Durban Review Conference, "
        "held at Geneva from 2 to 4 April 2009, and the declaration,\n"
    )
    res = read_text(text, lang="en")
    pp = res.provisions[0]
    assert "held at Geneva from 2 to 4 April 2009" in pp.text
    assert [r.marker for r in pp.footnotes] == ["1"]


def test_an_excerpt_that_stops_after_a_subparagraph_letter_says_so() -> None:
    """A/RES/55/114 (zh) ends with `3. 表示关注： (a) `: the message quoted an empty string."""
    text = "大会，\n遵循《联合国宪章》，\n1. 欢迎人权委员会的报告；\n3. 表示关注：\n(a) "
    res = read_text(text, lang="zh")
    said = [w.message for w in res.warnings if w.code == "excerpt"]
    assert said == [
        "read as an excerpt: the text stops after the number of its last provision ('a'), which has no text"
    ]


def test_a_draft_without_its_symbol_is_no_adopted_resolution() -> None:
    """A/C.3/62/L.UNKNOWN and A/C.3/79/L.UNKNOWN (corpus) start at the sponsors' `draft
    resolution` line with no symbol: the body line `The General Assembly,` made them `GA`."""
    text = (
        "Australia, Austria, Belgium and United States of America: draft resolution\n"
        "Situation of human rights in the Islamic Republic of Iran\n"
        "The General Assembly,\n"
        "Guided by the Charter of the United Nations,\n"
    )
    assert read_text(text, lang="en").meta.body == "GA-draft"
    committee = "Third Committee\nAgenda item 69 (c)\n" + text
    assert read_text(committee, lang="en").meta.body == "GA-C3-draft"
    council = text.replace("The General Assembly,", "The Human Rights Council,")
    assert read_text(council, lang="en").meta.body == "HRC-draft"
    adopted = "Resolution adopted by the General Assembly\n" + text.split("\n", 2)[2]
    assert read_text(adopted, lang="en").meta.body == "GA"


def test_a_session_line_glued_to_the_next_keeps_its_session() -> None:
    """A/C.3/64/L.UNKNOWN (corpus) opens `Sixty-fourth sessionThird Committee`."""
    text = (
        "Sixty-fourth sessionThird Committee\nAgenda item 69 (c)\n"
        "Andorra and United States of America:\ndraft resolution\n"
        "Situation of human rights in the Islamic Republic of Iran\n"
        "The General Assembly,\nGuided by the Charter of the United Nations,\n"
    )
    meta = read_text(text, lang="en").meta
    assert (meta.session, meta.body) == ("64", "GA-C3-draft")
    assert read_text(text.replace("sessionThird", "sessions Third"), lang="en").meta.session is None


def test_a_typed_text_cut_inside_a_lead_word_says_so() -> None:
    """A/RES/51/102 (en, fixed-width, a blank line between paragraphs) stops at `No` of
    `Noting`: read as a paragraph of its own, as the block it is, it now gets the note that
    the same cut gets in extracted text."""
    text = (
        "      The General Assembly,\n\n"
        "      Recalling its resolution 32/127 of 16 December 1977,\n\n"
        "      Recalling also Commission on Human Rights resolution 1993/51,\n\n"
        "      Having considered the report of the Secretary-General,\n\n"
        "      No\n"
    )
    res = read_text(text, lang="en")
    assert [p.text for p in res.provisions][-1] == "No"
    assert [w.message for w in res.warnings if w.code == "cut-lead-word"] == [
        "'No' taken as the cut-off start of a paragraph"
    ]


def test_every_operative_number_of_l41_moved_to_the_line_before_reads_the_same() -> None:
    """The full A/C.3/78/L.41 with each operative number that starts a line after `,;:` put at
    the end of the line before (as the A/C.3/66 copy prints its `1.`): the same provisions,
    texts and footnote markers."""
    raw = (GOLDEN / "en-A-C.3-78-L.41.txt").read_text(encoding="utf-8")
    moved, count = re.subn(r"([,;:])\n(\d{1,2})\.\s*", r"\1\2.\n", raw)
    assert count >= 30

    def shape(res: Resolution) -> list[tuple[str, str, str, list[str]]]:
        return [(p.id, p.number, p.text, [f.marker for f in p.footnotes]) for p in res.provisions]

    assert shape(read_text(moved, lang="en")) == shape(read_text(raw, lang="en"))


def test_every_operative_number_of_the_seed_moved_to_the_line_before_reads_the_same() -> None:
    """The same in Chinese (HRC 25/3 as adopted): `…基本内容，1.` then `重申…` swallowed
    operative paragraph 1 into the last preambular paragraph, its `1` read as a marker."""
    raw = (GOLDEN / "zh-A-HRC-RES-25-3-seed.txt").read_text(encoding="utf-8")
    moved, count = re.subn(r"([，；：])\s*\n\s*(\d{1,2})\.\s*", r"\1\2.\n", raw)
    assert count >= 20

    def shape(res: Resolution) -> list[tuple[str, str, str, list[str]]]:
        return [(p.id, p.number, p.text, [f.marker for f in p.footnotes]) for p in res.provisions]

    assert shape(read_text(moved, lang="zh")) == shape(read_text(raw, lang="zh"))


def test_every_subparagraph_label_moved_to_the_line_before_reads_the_same() -> None:
    """The labels of L.41's operative paragraph 30 `(a)` to `(g)` put at the end of the line
    before, after its `by:` and the `;` of each: the same provisions (they were all glued to
    the chapeau, their labels left in its text)."""
    raw = (GOLDEN / "en-A-C.3-78-L.41.txt").read_text(encoding="utf-8")
    moved, count = re.subn(r"([;:])\n(\([a-z]\))\s*", r"\1\2\n", raw)
    assert count >= 6

    def shape(res: Resolution) -> list[tuple[str, str, str]]:
        return [(p.id, p.number, p.text) for p in res.provisions]

    assert shape(read_text(moved, lang="en")) == shape(read_text(raw, lang="en"))


def test_every_operative_number_of_l41_and_the_seed_alone_on_its_line_reads_the_same() -> None:
    """`1.` on a line of its own and the paragraph on the next (a copy that put the number
    column on its own line): L.41 read as 11 provisions instead of 45, the seed as 24."""
    for name, lang in (("en-A-C.3-78-L.41.txt", "en"), ("zh-A-HRC-RES-25-3-seed.txt", "zh")):
        raw = (GOLDEN / name).read_text(encoding="utf-8")
        moved, count = re.subn(r"\n\s*(\d{1,2})\.\s+", r"\n\1.\n", raw)
        assert count >= 22

        def shape(res: Resolution) -> list[tuple[str, str, str, list[str]]]:
            return [(p.id, p.number, p.text, [f.marker for f in p.footnotes]) for p in res.provisions]

        got = read_text(moved, lang=lang)
        assert shape(got) == shape(read_text(raw, lang=lang)), name
        assert any(w.code == "layout" and "stands alone on line" in w.message for w in got.warnings)


def test_a_year_alone_on_a_line_stays_the_end_of_its_sentence() -> None:
    text = (
        "The General Assembly,\n"
        "Recalling its resolution 67/182,\n"
        "1. Decides to continue its examination of the question at its session in\n"
        "2014.\n"
        "Welcoming the report,\n"
    )
    res = read_text(text, lang="en")
    assert res.provisions[1].text.endswith("at its session in 2014. Welcoming the report,")
    assert not any("stands alone" in w.message for w in res.warnings)


def test_an_excerpt_that_starts_with_a_number_alone_on_its_line() -> None:
    """A/RES/70/173 (page 4 of a paginated view) starts at operative paragraph 18; with `18.`
    on a line of its own, the whole text was header but its last paragraph."""
    raw = (GOLDEN / "corpus" / "en" / "A-RES-70-173.txt").read_text(encoding="utf-8")
    moved = re.sub(r"(^|\n)(\d{1,2})\. ", r"\1\2.\n", raw)
    assert "\n18.\nAlso calls upon" in moved
    got, base = read_text(moved, lang="en"), read_text(raw, lang="en")
    assert [(p.id, p.number, p.text) for p in got.provisions] == [
        (p.id, p.number, p.text) for p in base.provisions
    ]
    assert [p.number for p in got.provisions if p.kind == "operative"] == ["18", "19"]


def test_a_hanging_number_before_any_english_present_tense() -> None:
    """A/RES/51/100 opens its operative part with `Supports`, a verb the lead-word list
    does not hold."""
    raw = (GOLDEN / "corpus" / "en" / "A-RES-51-100.txt").read_text(encoding="utf-8")
    moved, count = re.subn(r"([,;])\s*\n\s*(\d)\.\s*", r"\1\2.\n", raw)
    assert count == 2
    got = read_text(moved, lang="en")
    assert [(p.kind, p.number) for p in got.provisions][-2:] == [("operative", "1"), ("operative", "2")]
    assert got.provisions[-2].text.startswith("Supports the consultations")


def test_an_excerpt_that_starts_mid_paragraph_on_the_running_headers_line() -> None:
    """A/RES/73/168 (es, page 2 of a paginated view) runs the PDF's running header (symbol,
    title) and the end of a paragraph cut by the page into one line: `A/RES/73/168
    Fortalecimiento ... derechos humanos Durban 4, así como ... derechos humanos,` then
    `Reconociendo ...`. All of it was header: the paragraph's end lost, the title not read
    (a header ending with a comma is no title), and the warning said only that a paragraph
    might be lost 'before line 1'. The title's words, said again in the text, tell where
    the title ends: the paragraph's end is the first paragraph, and that is said."""
    raw = (GOLDEN / "corpus" / "es" / "A-RES-73-168.txt").read_text(encoding="utf-8")
    res = read_text(raw, lang="es")
    title = "Fortalecimiento de la cooperación internacional en la esfera de los derechos humanos"
    assert res.meta.title == title and res.meta.symbol == "A/RES/73/168"
    assert res.provisions[0].text == (
        "Durban 4, así como su contribución al fortalecimiento de la cooperación internacional "
        "en la esfera de los derechos humanos,"
    )
    assert res.provisions[1].text.startswith("Reconociendo que el fortalecimiento")
    assert len(res.provisions) == 8 and all(p.kind == "preamble" for p in res.provisions)
    [taken] = [w for w in res.warnings if w.code == "header-taken"]
    assert taken.line == 1 and "ends as a paragraph ends" in taken.message
    assert "'Durban 4, así como su contribu…sfera de los derechos humanos,' is kept" in taken.message
    # `Durban 4,`: a marker out of the sequence with no footnote text (the excerpt cites no 5)
    assert [w.code for w in res.warnings].count("footnote-marker-doubtful") == 1
    # The same with the paragraph's end on lines of its own, after a blank line.
    lines = raw.replace(f"{title} Durban", f"{title}\n\nDurban", 1).replace(" así como", "\nasí como", 1)
    got = read_text(lines, lang="es")
    assert [p.text for p in got.provisions] == [p.text for p in res.provisions]
    assert got.meta.title == title and got.provisions[0].line == 3


def test_a_running_header_whose_title_is_not_said_again_keeps_the_paragraphs_end_as_header() -> None:
    """Where the title's words are not said again, where it ends is not known: the header
    keeps it all, and the warning says the header ends as a paragraph ends. A/RES/74/151
    (fr, title then symbol, then a paragraph that starts whole) reads as before."""
    raw = (GOLDEN / "corpus" / "es" / "A-RES-73-168.txt").read_text(encoding="utf-8")
    other = raw.replace("Fortalecimiento de la cooperación", "Mejora de la colaboración", 1)
    res = read_text(other, lang="es")
    assert res.provisions[0].text.startswith("Reconociendo que el") and res.meta.title is None
    [taken] = [w for w in res.warnings if w.code == "header-taken"]
    assert "ends as a paragraph ends" in taken.message and "is not kept" in taken.message
    fr = read_text((GOLDEN / "corpus" / "fr" / "A-RES-74-151.txt").read_text(encoding="utf-8"), lang="fr")
    assert fr.provisions[0].text.startswith("Profondément convaincue")
    assert fr.meta.title is not None and fr.meta.title.endswith("de l’objectivité")


ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("path", "opening"),
    [
        # a decision: title, then its adoption line (`... decided to adopt the text below:`)
        (GOLDEN / "corpus" / "en" / "A-HRC-DEC-22-116.txt", "Guided by the purposes"),
        # page 2 of a paginated view: title and symbol, then a paragraph that starts whole
        (GOLDEN / "corpus" / "fr" / "A-RES-74-151.txt", "Profondément convaincue"),
        # typed texts whose header is `# language: ...`, `# symbol: ...`, `# title: ...`
        (ROOT / "tests" / "data" / "a-c3-78-l41.en.txt", "Guided by the Charter"),
        (ROOT / "tests" / "data" / "hrc-25-3.zh.txt", "重申致力于按照"),
        (ROOT / "seeds" / "000_d13d258366e277a0.txt", "重申致力于按照"),
    ],
    ids=lambda v: v.name if isinstance(v, Path) else None,
)
def test_a_header_that_ends_as_a_header_does_is_not_said_to_have_taken_text(path: Path, opening: str) -> None:
    """`header-taken` fired on every text without a body line whose first paragraph was not
    numbered, the seed's typed copy and the official texts above among them: nothing was
    taken, each header ends with a title, a symbol or an adoption line. A paragraph cut by
    the excerpt's start ends the header as a paragraph ends: only then is it said."""
    res = read_text(path.read_text(encoding="utf-8"))
    assert [w for w in res.warnings if w.code == "header-taken"] == []
    assert res.provisions[0].text.startswith(opening)


def test_the_running_header_and_a_paragraphs_end_are_said_exactly() -> None:
    """es A/RES/73/168 still warns, once, quoting what it kept and what it took as title; a
    typed text whose header ends with a paragraph of an unknown lead word warns, quoting it."""
    raw = (GOLDEN / "corpus" / "es" / "A-RES-73-168.txt").read_text(encoding="utf-8")
    taken = [(w.code, w.line, w.message) for w in read_text(raw).warnings if w.code == "header-taken"]
    assert taken == [
        (
            "header-taken",
            1,
            "the text before 'Reconociendo que el '… (line 1) ends as a paragraph ends: the excerpt starts "
            "inside a paragraph, whose end 'Durban 4, así como su contribu…sfera de los derechos humanos,' "
            "is kept as the first paragraph, cut off; what comes before it, 'Fortalecimiento de la "
            "cooperac…esfera de los derechos humanos', was taken as the running header's title (its words "
            "are said again in the text)",
        )
    ]
    typed = (
        "Situation of human rights in Somewhere\n\nHeartened by the progress made since its last "
        "resolution,\n\nRecalling its resolution 70/1,\n\n1. Welcomes the report;\n"
    )
    [warning] = [w for w in read_text(typed, lang="en").warnings if w.code == "header-taken"]
    assert warning.line == 5
    assert "('Heartened by the progress made since its last resolution,')" in warning.message


def test_a_paragraph_end_left_in_the_header_before_a_numbered_paragraph_is_said() -> None:
    """An excerpt that starts with the tail of a paragraph and then `2. Decides`: the tail was
    dropped into the header with no word (the evidence was only looked for before an
    unnumbered paragraph, and a full stop was no evidence)."""
    text = (
        "and to report thereon to the Human Rights Council at its next session.\n"
        "2. Decides to remain seized of the matter.\n"
    )
    res = read_text(text, lang="en")
    [taken] = [w.message for w in res.warnings if w.code == "header-taken"]
    assert "at its next session." in taken and [p.number for p in res.provisions] == ["2"]
    # a header that ends as headers do says nothing
    quiet = read_text("25/3.\nEnhancement of international cooperation\n" + text.split("\n", 1)[1], lang="en")
    assert not [w for w in quiet.warnings if w.code == "header-taken"]
