"""Word files: real .docx built here (numbering.xml, footnotes.xml, w:ins/w:del, comments)
read to exactly the provisions of their canonical text and of the same text typed."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from docx.oxml import parse_xml
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.errors import InputError
from engine.model import Provision, Resolution
from engine.read import read_bytes, read_path, read_text
from engine.read.docx import word_text
from engine.store import canonical
from tests.docx_build import OPS, W_NS, Builder, resolution_docx

ROOT = Path(__file__).parent.parent
RESDIFF = Path(sys.executable).parent / "resdiff"
L41 = ROOT / "history/iran-hr/en/A-C.3-78-L.41.md"
HRC_25_3 = ROOT / "history/intl-cooperation-hr/zh/A-HRC-RES-25-3.md"
RETYPED = ROOT / "tests/data/hrc-25-3.zh.retyped.txt"

L41_HEADER = [
    "United Nations",
    "A/C.3/78/L.41",
    "General Assembly",
    "Seventy-eighth session",
    "Third Committee",
    "Agenda item 71 (c)",
    "Promotion and protection of human rights: human rights situations and reports of "
    "special rapporteurs and representatives",
    "Situation of human rights in the Islamic Republic of Iran",
]
ZH_HEADER = ["人权理事会", "第二十五届会议", "议程项目3", "25/3. 增强人权领域的国际合作"]
ZH_TRAILER = ["2014年3月27日", "第54次会议", "[未经表决获得通过。]"]


def without_notes(res: Resolution) -> tuple[Provision, ...]:
    return tuple(replace(p, footnotes=()) for p in res.provisions)


def codes(res: Resolution) -> list[str]:
    return [d.code for d in res.warnings]


@pytest.mark.parametrize(
    ("path", "header", "trailer"),
    [(L41, L41_HEADER, []), (HRC_25_3, ZH_HEADER, ZH_TRAILER)],
    ids=["en-L.41", "zh-HRC-25-3"],
)
def test_word_file_reads_as_its_canonical_text_and_as_typed_text(
    path: Path, header: list[str], trailer: list[str]
) -> None:
    expected = canonical.loads(path.read_text(encoding="utf-8"))
    data, typed = resolution_docx(expected, header, trailer)
    word = read_bytes(data, source="draft.docx")
    # exact: every provision, printed number, footnote place and footnote text
    assert word.provisions == expected.provisions
    assert word.footnotes == expected.footnotes and word.footnotes
    assert word.body_line == expected.body_line
    assert [w.code for w in word.warnings] == ["layout"]  # one paragraph per block, nothing odd
    # and the same as the text typed one paragraph per block (which has no footnotes)
    text = read_text(typed, source="draft.docx")
    assert without_notes(word) == text.provisions
    assert word.meta == text.meta


def test_chinese_word_file_reads_as_the_retyped_seed() -> None:
    expected = canonical.loads(HRC_25_3.read_text(encoding="utf-8"))
    data, _ = resolution_docx(expected, ZH_HEADER, ZH_TRAILER)
    word = read_bytes(data, source="seed.docx")
    retyped = read_text(RETYPED.read_text(encoding="utf-8"), source="seed.docx")
    assert without_notes(word) == retyped.provisions
    assert word.meta == retyped.meta
    assert word.meta.symbol == "A/HRC/RES/25/3" and word.meta.adopted == "2014-03-27"


def test_lines_of_a_word_file_are_paragraph_numbers() -> None:
    expected = canonical.loads(HRC_25_3.read_text(encoding="utf-8"))
    data, _ = resolution_docx(expected, ZH_HEADER, ZH_TRAILER)
    word = read_bytes(data)
    # four header paragraphs, the body line, then one provision per Word paragraph
    assert [p.line for p in word.provisions] == list(range(6, 6 + len(expected.provisions)))
    # and a diagnostic from the text reader points at the Word paragraph too: cut the
    # document before its last paragraph (an excerpt) after an empty paragraph
    b = Builder()
    b.paragraph("The General Assembly,")
    b.paragraph("")
    b.paragraph("Recalling its resolution 77/228,")
    [excerpt] = [d for d in read_bytes(b.save()).warnings if d.code == "excerpt"]
    assert excerpt.line == 3


def numbered_lists() -> Builder:
    """Operative numbers that start at 3, a second-level letter, and a separate lettered
    list used three times: restarted by a w:num startOverride, and continued without."""
    b = Builder()
    b.abstract_list(OPS, [("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)")], start=3)
    b.list_instance(OPS, OPS)
    b.abstract_list(91, [("lowerLetter", "(%1)")])
    b.list_instance(91, 91)
    b.list_instance(92, 91, restart={0: 1})
    b.list_instance(93, 91)
    return b


def test_word_numbering_prints_numbers_letters_and_restarts() -> None:
    b = numbered_lists()
    b.paragraph("The General Assembly,")
    b.paragraph("Urges States:", num=OPS)
    b.paragraph("To act;", num=OPS, level=1)
    b.paragraph("To report:", num=OPS, level=1)
    b.paragraph("Soon;", num=OPS, level=2)
    b.paragraph("Fully;", num=OPS, level=2)
    b.paragraph("Requests:", num=OPS)
    b.paragraph("A report;", num=91)
    b.paragraph("A study;", num=91)
    b.paragraph("Decides:", num=OPS)
    b.paragraph("To restart;", num=92)
    b.paragraph("To go on;", num=92)
    b.paragraph("", num=OPS)  # an empty numbered paragraph still takes its number
    b.paragraph("Continues:", num=OPS)
    b.paragraph("Where the first list stopped.", num=93)
    assert word_text(b.save()).text.split("\n\n") == [
        "The General Assembly,",
        "3. Urges States:",
        "(a) To act;",
        "(b) To report:",
        "(i) Soon;",
        "(ii) Fully;",
        "4. Requests:",
        "(a) A report;",
        "(b) A study;",
        "5. Decides:",
        "(a) To restart;",
        "(b) To go on;",
        "7. Continues:",
        "(c) Where the first list stopped.",
    ]


def revised() -> bytes:
    """Three operative paragraphs with tracked changes: words inserted and deleted, a
    footnote inserted, a whole paragraph deleted (its mark too) and one inserted."""
    b = Builder()
    b.abstract_list(OPS, [("decimal", "%1."), ("lowerLetter", "(%2)")])
    b.list_instance(OPS, OPS)
    b.paragraph("The General Assembly,")
    b.paragraph(["Recalling its resolution 77/228,", ("note", "See A/RES/77/228.")])
    b.paragraph(
        [
            "Calls upon States to ",
            ("del", "consider"),
            ("ins", "strengthen"),
            " cooperation",
            ("ins", " with the Office"),
            ("ins", ","),
            ("note", "A/78/511.", "ins"),
            ";",
        ],
        num=OPS,
    )
    b.paragraph([("del", "Invites the Secretary-General to report;")], num=OPS, mark="del")
    b.paragraph([("ins", "Encourages dialogue;")], num=OPS, mark="ins")
    b.paragraph("Decides to remain seized of the matter.", num=OPS)
    return b.save()


def test_revisions_accepted_by_default_and_rejected_on_request() -> None:
    data = revised()
    new = read_bytes(data)
    old = read_bytes(data, revisions="reject")
    typed_new = read_text(
        "The General Assembly,\n\nRecalling its resolution 77/228,\n\n"
        "1. Calls upon States to strengthen cooperation with the Office,;\n\n"
        "2. Encourages dialogue;\n\n3. Decides to remain seized of the matter.\n"
    )
    typed_old = read_text(
        "The General Assembly,\n\nRecalling its resolution 77/228,\n\n"
        "1. Calls upon States to consider cooperation;\n\n"
        "2. Invites the Secretary-General to report;\n\n3. Decides to remain seized of the matter.\n"
    )
    assert without_notes(new) == typed_new.provisions
    assert without_notes(old) == typed_old.provisions
    # the footnote inserted with the revision exists only when it is accepted
    op1 = new.provision("op1")
    assert [(r.marker, r.offset) for r in op1.footnotes] == [("2", op1.text.index(",;") + 1)]
    assert [f.text for f in new.footnotes] == ["See A/RES/77/228.", "A/78/511."]
    assert [f.text for f in old.footnotes] == ["See A/RES/77/228."]
    assert old.provision("op1").footnotes == ()
    for res in (new, old):
        [note] = [d for d in res.warnings if d.code == "docx-revisions"]
        assert note.severity == "note"
        assert "6 insertions, 3 deletions" in note.message  # runs and paragraph marks


def test_comments_are_ignored_and_noted() -> None:
    b = Builder()
    b.paragraph("The Human Rights Council,")
    b.paragraph(["Reaffirming ", ("comment", "its commitment", "Too strong? Say 'resolve'."), ","])
    b.paragraph("Decides to continue its consideration of the matter.")
    res = read_bytes(b.save())
    assert [p.text for p in res.provisions] == [
        "Reaffirming its commitment,",
        "Decides to continue its consideration of the matter.",
    ]
    assert "docx-comments" in codes(res)
    assert "docx-revisions" not in codes(res)


def test_numbers_in_the_wording_are_never_taken_for_footnote_markers() -> None:
    # In typed text "Rights1" would read as a marker; in Word only real footnotes are.
    b = Builder()
    b.paragraph("The General Assembly,")
    b.paragraph(
        ["Recalling the Covenant on Civil and Political Rights,", ("note", "Resolution 2200 A (XXI).")]
    )
    b.paragraph("Recalling also Protocol1 and article 2,")
    b.paragraph("Decides to remain seized of the matter.")
    res = read_bytes(b.save())
    assert res.provisions[1].text == "Recalling also Protocol1 and article 2,"
    assert res.provisions[1].footnotes == ()
    assert [(r.marker, r.offset) for r in res.provisions[0].footnotes] == [("1", 53)]
    assert res.footnotes[0].text == "Resolution 2200 A (XXI)."


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (
            _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
            "OpenDocument",
        ),
        (_zip({"xl/workbook.xml": b"<x/>"}), "Excel workbook"),
        (_zip({"notes.txt": b"Recalling"}), "a ZIP archive, not a Word document"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "Word 97-2003 .doc"),
        (b"PK\x03\x04 broken", "damaged ZIP archive"),
        (_zip({"word/document.xml": b"<not xml"}), "cannot read the Word document"),
        (Builder().save(), "the Word document has no text"),
    ],
    ids=["odt", "xlsx", "zip", "doc", "broken-zip", "broken-docx", "empty-docx"],
)
def test_office_files_that_are_not_word_documents_are_refused(data: bytes, says: str) -> None:
    with pytest.raises(InputError, match=says):
        read_bytes(data, source="draft.docx")


def test_format_is_told_by_content_not_name(tmp_path: Path) -> None:
    expected = canonical.loads(HRC_25_3.read_text(encoding="utf-8"))
    data, _ = resolution_docx(expected, ZH_HEADER, ZH_TRAILER)
    odd = tmp_path / "draft.txt"
    odd.write_bytes(data)
    assert read_path(odd).provisions == expected.provisions


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(RESDIFF), *args], capture_output=True, text=True, check=False, cwd=cwd)


def test_cli_parses_a_word_file(tmp_path: Path) -> None:
    expected = canonical.loads(HRC_25_3.read_text(encoding="utf-8"))
    data, _ = resolution_docx(expected, ZH_HEADER, ZH_TRAILER)
    path = tmp_path / "draft.docx"
    path.write_bytes(data)
    result = run("parse", str(path))
    assert result.returncode == 0, result.stderr
    parsed = canonical.loads(result.stdout)
    assert parsed.provisions == expected.provisions
    assert parsed.footnotes == expected.footnotes


def test_cli_revisions_option_on_parse_and_diff(tmp_path: Path) -> None:
    path = tmp_path / "revised.docx"
    path.write_bytes(revised())
    old = tmp_path / "old.txt"
    old.write_text(
        "The General Assembly,\n\nRecalling its resolution 77/228,\n\n"
        "1. Calls upon States to consider cooperation;\n\n"
        "2. Invites the Secretary-General to report;\n\n3. Decides to remain seized of the matter.\n",
        encoding="utf-8",
    )
    rejected = run("parse", str(path), "--revisions", "reject")
    assert rejected.returncode == 0, rejected.stderr
    assert "op2: Invites the Secretary-General to report;" in rejected.stdout
    same = run("diff", str(old), str(path), "--revisions", "reject", "--summary")
    assert same.returncode == 0, same.stdout + same.stderr
    changed = run("diff", str(old), str(path), "--summary")
    assert changed.returncode == 1, changed.stdout + changed.stderr


def test_cli_imports_a_word_file_and_refuses_an_odt(tmp_path: Path) -> None:
    expected = canonical.loads(HRC_25_3.read_text(encoding="utf-8"))
    data, _ = resolution_docx(expected, ZH_HEADER, ZH_TRAILER)
    path = tmp_path / "draft.docx"
    path.write_bytes(data)
    history = tmp_path / "history"
    stored = run(
        "import", str(path), "--series", "intl-cooperation-hr", "--new-series", "--history", str(history)
    )
    assert stored.returncode == 0, stored.stderr
    assert "33 provisions" in stored.stdout
    odt = tmp_path / "draft.odt"
    odt.write_bytes(_zip({"mimetype": b"application/vnd.oasis.opendocument.text"}))
    refused = run("parse", str(odt))
    assert refused.returncode == 2
    assert refused.stderr.startswith("Error: ") and "OpenDocument" in refused.stderr
    assert refused.stderr.count("\n") == 1


def test_numbering_from_a_paragraph_style() -> None:
    # Word's "List Number" style numbers its paragraphs through numbering.xml itself.
    b = Builder()
    b.paragraph("The General Assembly,")
    b.doc.add_paragraph("Welcomes the report;", style="List Number")
    b.doc.add_paragraph("Decides to remain seized of the matter.", style="List Number")
    assert word_text(b.save()).text.split("\n\n")[1:] == [
        "1. Welcomes the report;",
        "2. Decides to remain seized of the matter.",
    ]


REV = 'w:id="7" w:author="Drafter" w:date="2026-01-01T00:00:00Z"'


def _xml(fragment: str) -> Any:
    return parse_xml(f'<w:wrap xmlns:w="{W_NS}">{fragment}</w:wrap>')[0]


def test_moves_numbering_changes_and_hidden_text() -> None:
    b = Builder()
    b.abstract_list(OPS, [("decimal", "%1.")])
    b.list_instance(OPS, OPS)
    b.paragraph("The General Assembly,")
    first = b.paragraph("Urges States to act", num=OPS)
    moved = '<w:r><w:t xml:space="preserve"> without delay</w:t></w:r>'
    first._p.append(_xml(f"<w:moveFrom {REV}>{moved}</w:moveFrom>"))
    first._p.append(_xml("<w:r><w:t>;</w:t></w:r>"))
    first._p.append(_xml("<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden note to self</w:t></w:r>"))
    second = b.paragraph("Calls upon States to report", num=OPS)
    second._p.append(_xml(f"<w:moveTo {REV}>{moved}</w:moveTo>"))
    second._p.append(_xml("<w:r><w:t>;</w:t></w:r>"))
    # numbered as a tracked change: before it, the paragraph had no number
    third = b.paragraph("Decides to remain seized of the matter.", num=OPS)
    third._p.pPr.append(_xml(f"<w:pPrChange {REV}><w:pPr/></w:pPrChange>"))
    data = b.save()
    assert word_text(data).text.split("\n\n")[1:] == [
        "1. Urges States to act;",
        "2. Calls upon States to report without delay;",
        "3. Decides to remain seized of the matter.",
    ]
    assert word_text(data, revisions="reject").text.split("\n\n")[1:] == [
        "1. Urges States to act without delay;",
        "2. Calls upon States to report;",
        "Decides to remain seized of the matter.",
    ]
    [note] = [d.message for d in read_bytes(data).warnings if d.code == "docx-revisions"]
    assert "1 move, 1 formatting change" in note


def test_a_footnote_with_a_mark_of_its_own() -> None:
    # A reference with customMarkFollows prints the author's mark (here `*`), not a number,
    # and the numbered footnotes after it go on from 1.
    b = Builder()
    b.paragraph("The General Assembly,")
    para = b.paragraph("Recalling its resolution 77/228,")
    b.notes.append("Reissued for technical reasons.")
    para._p.append(_xml('<w:r><w:footnoteReference w:customMarkFollows="1" w:id="1"/><w:t>*</w:t></w:r>'))
    b.paragraph(["Decides to remain seized of the matter.", ("note", "A/78/511.")])
    res = read_bytes(b.save())
    assert [(f.marker, f.text) for f in res.footnotes] == [
        ("*", "Reissued for technical reasons."),
        ("1", "A/78/511."),
    ]
    assert res.provisions[0].text == "Recalling its resolution 77/228,"
    assert [(r.marker, r.offset) for r in res.provisions[0].footnotes] == [("*", 32)]
    assert [(r.marker, r.offset) for r in res.provisions[1].footnotes] == [("1", 39)]


def test_endnotes_are_read_as_notes_with_their_own_marks() -> None:
    # Word marks endnotes i, ii, ... apart from footnotes 1, 2, ...
    b = Builder()
    b.paragraph("The General Assembly,")
    b.paragraph(["Recalling its resolution 77/228,", ("endnote", "A/RES/77/228."), ("note", "A/78/511.")])
    b.paragraph(["Decides to remain seized of the matter.", ("endnote", "A/78/L.1.")])
    res = read_bytes(b.save())
    assert [(f.marker, f.text) for f in res.footnotes] == [
        ("i", "A/RES/77/228."),
        ("1", "A/78/511."),
        ("ii", "A/78/L.1."),
    ]
    assert [(r.marker, r.offset) for r in res.provisions[0].footnotes] == [("i", 32), ("1", 32)]


def test_two_notes_with_the_same_mark_keep_the_first_text_and_say_so() -> None:
    b = Builder()
    b.paragraph("The General Assembly,")
    first = b.paragraph("Recalling its resolution 77/228,")
    second = b.paragraph("Decides to remain seized of the matter.")
    for para, body in ((first, "First note."), (second, "Second note.")):
        b.notes.append(body)
        ref = f'<w:footnoteReference w:customMarkFollows="1" w:id="{len(b.notes)}"/>'
        para._p.append(_xml(f"<w:r>{ref}<w:t>[*]</w:t></w:r>"))
    res = read_bytes(b.save())
    assert [(f.marker, f.text) for f in res.footnotes] == [("*", "First note.")]
    assert [r.marker for p in res.provisions for r in p.footnotes] == ["*", "*"]
    [dup] = [d for d in res.warnings if d.code == "footnote-duplicate"]
    assert dup.line == 3  # the Word paragraph of the second reference


def test_chinese_draft_with_tracked_changes_on_the_adopted_text(tmp_path: Path) -> None:
    # A drafter's revision of HRC 25/3: op15 gains words, op22 changes its year.
    adopted = canonical.loads(HRC_25_3.read_text(encoding="utf-8"))
    revise: dict[str, list[Any]] = {
        "op15": ["促请各国", ("ins", "和其他捐助方"), "继续支持这两项基金；"],
        "op22": ["决定根据理事会年度工作方案在", ("del", "2014"), ("ins", "2015"), "年继续审议此事。"],
    }
    data, _ = resolution_docx(adopted, ZH_HEADER, ZH_TRAILER, revise)
    old = read_bytes(data, revisions="reject")
    new = read_bytes(data)
    assert old.provisions == adopted.provisions and old.footnotes == adopted.footnotes
    changed = {p.id: p.text for p in new.provisions if p != adopted.provision(p.id)}
    assert changed == {
        "op15": "促请各国和其他捐助方继续支持这两项基金；",
        "op22": "决定根据理事会年度工作方案在2015年继续审议此事。",
    }
    assert "docx-revisions" in codes(new) and "docx-revisions" in codes(old)
    path = tmp_path / "draft.docx"
    path.write_bytes(data)
    diff = run("diff", str(HRC_25_3), str(path), "--summary")
    assert diff.returncode == 1 and "2 reworded" in diff.stdout, diff.stdout + diff.stderr
    same = run("diff", str(HRC_25_3), str(path), "--summary", "--revisions", "reject")
    assert same.returncode == 0, same.stdout + same.stderr


# Words without the characters XML or the reader's cleaning would change (controls, zero
# widths, spaces: those are tested on their own above).
_words = st.text(alphabet=st.sampled_from("abcxyz,;.()《》人权合作123"), min_size=1, max_size=8)
_segments = st.lists(st.tuples(st.sampled_from(["", "ins", "del"]), _words), min_size=1, max_size=6)


@settings(max_examples=25)
@given(st.lists(_segments, min_size=1, max_size=4))
def test_accepting_keeps_insertions_and_rejecting_keeps_deletions(
    paragraphs: list[list[tuple[str, str]]],
) -> None:
    b = Builder()
    for segments in paragraphs:
        b.paragraph([text if kind == "" else (kind, text) for kind, text in segments])
    data = b.save()

    def expected(dropped: str) -> list[str]:
        texts = ["".join(text for kind, text in segments if kind != dropped) for segments in paragraphs]
        return [t for t in texts if t.strip()]

    assert word_text(data).text == "\n\n".join(expected("del"))
    assert word_text(data, revisions="reject").text == "\n\n".join(expected("ins"))
