"""PDF in: an official-looking PDF reads to the provisions it was made from.

The PDFs are made here (tests/pdfgen.py, reportlab) from canonical files of real texts:
HRC 25/3 in Chinese (STSong-Light), A/C.3/78/L.41 (8 pages, 13 footnotes, a lettered list)
and A/RES/51/100 in English (Helvetica, or an embedded TrueType font), laid out like UN
documents: cover block, symbol header, page numbers, job number and barcode, paragraphs
wrapped over lines and cut by page breaks, raised footnote markers and footnote bodies
under a rule; variants justify the text word by word, draw the footnote rule as Word and
LibreOffice do, or put each page in a form XObject. Where LibreOffice is installed, it
prints the same texts from flat ODT (tests/odtgen.py) as a real word processor would.
What the reader gets from each PDF is compared with the canonical file, and with the same
layout given as plain text.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.lib.pdfencrypt import StandardEncryption

from engine.errors import InputError
from engine.model import Resolution
from engine.read import read_bytes, read_path, read_text
from engine.read.formats import is_pdf
from engine.read.pdf import read_pdf
from engine.store.canonical import dumps, loads
from tests.odtgen import flat_odt
from tests.pdfgen import SAMPLES, Sample, UnPdf, image_only_pdf, odd_operator_pdf, sample_pdf

DATA = Path(__file__).parent / "data"
RESDIFF = Path(sys.executable).parent / "resdiff"
TTF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
BY_NAME = {s.name: s for s in SAMPLES}

# (sample, options) for every PDF the reading tests take
VARIANTS = [
    ("zh", ()),
    ("en", ()),
    ("en", (("justify", True),)),
    ("en-51-100", ()),
    ("zh", (("drawn_rule", True),)),
    ("en", (("drawn_rule", True), ("justify", True))),
    ("zh", (("in_forms", True),)),
]
if TTF.exists():  # a font file from the system: a second, embedded-font producer when present
    VARIANTS.append(("en", (("justify", True), ("font_file", str(TTF)))))


def canonical(sample: Sample) -> Resolution:
    return loads((DATA / sample.canonical).read_text(encoding="utf-8"))


@cache
def made(name: str, options: tuple[tuple[str, object], ...] = ()) -> UnPdf:
    sample = BY_NAME[name]
    return sample_pdf(sample, **dict(options))  # type: ignore[arg-type]


@cache
def read(name: str, options: tuple[tuple[str, object], ...] = ()) -> Resolution:
    return read_pdf(made(name, options).data, source=f"{name}.pdf")


def exact_share(got: Resolution, want: Resolution) -> float:
    by_id = {p.id: p for p in want.provisions}
    return sum(1 for p in got.provisions if by_id.get(p.id) == p) / len(want.provisions)


def variant_id(variant: tuple[str, tuple[tuple[str, object], ...]]) -> str:
    name, options = variant
    return name + "".join(f"-{k}" for k, _ in options)


def test_the_generated_pdfs_hold_what_a_un_pdf_holds() -> None:
    """The layouts are not trivial: several pages, a paragraph cut by a page break, footnotes."""
    for sample in SAMPLES[:2]:
        pdf = made(sample.name)
        assert is_pdf(pdf.data)
        assert pdf.pages >= 4 and pdf.split_paragraphs >= 2
        pages = pdf.text.split("\f")
        assert sample.job in pages[0] and f"2/{pdf.pages}" in pages[1]
        assert all(p.strip().splitlines()[0] == canonical(sample).meta.symbol for p in pages[1:])
        assert "__________________" in pdf.text


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.name for s in SAMPLES])
def test_the_same_layout_as_text_reads_like_the_canonical_file(sample: Sample) -> None:
    want = canonical(sample)
    got = read_text(made(sample.name).text)
    assert got.provisions == want.provisions
    assert got.footnotes == want.footnotes


@pytest.mark.parametrize("variant", VARIANTS, ids=variant_id)
def test_a_pdf_reads_to_the_provisions_it_was_made_from(
    variant: tuple[str, tuple[tuple[str, object], ...]],
) -> None:
    name, options = variant
    want = canonical(BY_NAME[name])
    got = read(name, options)
    share = exact_share(got, want)
    # The bar is 95% exact; on these PDFs every provision reads exactly.
    assert share >= 0.95, f"{share:.1%} exact"
    assert len(got.provisions) == len(want.provisions)
    assert got.footnotes == want.footnotes
    assert got.body_line == want.body_line
    assert got.meta.symbol == want.meta.symbol
    assert got.meta.language == want.meta.language
    # the header reads as it does from the same layout in text (L.41's canonical file,
    # made from a copy without its cover, has no title)
    from_text = read_text(made(name, options).text)
    assert replace(got.meta, source=None) == replace(from_text.meta, source=None)
    if want.meta.title:
        assert got.meta.title == want.meta.title


SOFFICE = shutil.which("soffice") or shutil.which("/usr/lib/libreoffice/program/soffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_pdfs_that_libreoffice_prints_read_exactly(tmp_path: Path) -> None:
    """A real word processor's PDFs: its own line breaks, embedded fonts, drawn footnote rule."""
    for sample in SAMPLES:
        odt = tmp_path / f"{sample.name}.fodt"
        odt.write_text(
            flat_odt(canonical(sample), cover=sample.cover, job=sample.job, closing=sample.closing)
        )
    profile = (tmp_path / "profile").as_uri()  # its own profile: other LibreOffice processes may be running
    subprocess.run(
        [str(SOFFICE), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), *sorted(str(p) for p in tmp_path.glob("*.fodt"))],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    for sample in SAMPLES:
        data = (tmp_path / f"{sample.name}.pdf").read_bytes()
        assert b"FontFile" in data  # fonts embedded, unlike the reportlab PDFs
        got, want = read_bytes(data), canonical(sample)
        assert got.provisions == want.provisions, sample.name
        assert got.footnotes == want.footnotes and got.meta.symbol == want.meta.symbol


@settings(max_examples=6, suppress_health_check=[HealthCheck.too_slow])
@given(scale=st.floats(min_value=0.8, max_value=1.4), drawn_rule=st.booleans(), justify=st.booleans())
def test_wherever_lines_and_pages_break_the_chinese_pdf_reads_exactly(
    scale: float, drawn_rule: bool, justify: bool
) -> None:
    """Other font sizes move every line break, page break and footnote block."""
    pdf = sample_pdf(BY_NAME["zh"], scale=scale, drawn_rule=drawn_rule, justify=justify)
    got, want = read_bytes(pdf.data), canonical(BY_NAME["zh"])
    assert got.provisions == want.provisions
    assert got.footnotes == want.footnotes


def test_every_provision_of_the_chinese_and_english_pdfs_reads_exactly() -> None:
    shares = {name: exact_share(read(name), canonical(BY_NAME[name])) for name in ("zh", "en")}
    assert shares == {"zh": 1.0, "en": 1.0}


def test_a_pdf_read_carries_a_note_that_it_was_extracted() -> None:
    res = read("zh")
    first = res.warnings[0]
    assert (first.code, first.severity, first.line) == ("pdf-extracted", "note", None)
    assert f"{made('zh').pages} pages" in first.message
    assert [w.code for w in res.warnings].count("pdf-extracted") == 1
    assert not [w for w in read_text(made("zh").text).warnings if w.code == "pdf-extracted"]


def test_the_content_decides_not_the_name(tmp_path: Path) -> None:
    pdf_named_txt = tmp_path / "adopted.txt"
    pdf_named_txt.write_bytes(made("en-51-100").data)
    text_named_pdf = tmp_path / "typed.pdf"
    text_named_pdf.write_text(made("en-51-100").text, encoding="utf-8")
    assert read_path(pdf_named_txt).provisions == canonical(BY_NAME["en-51-100"]).provisions
    assert read_path(text_named_pdf).provisions == canonical(BY_NAME["en-51-100"]).provisions
    assert [w.code for w in read_path(text_named_pdf).warnings if w.code == "pdf-extracted"] == []


def test_a_pdf_encrypted_without_a_user_password_reads() -> None:
    sample = BY_NAME["en-51-100"]
    locked = StandardEncryption("", ownerPassword="owner", canPrint=1, canCopy=0)
    pdf = sample_pdf(sample, encrypt=locked)
    assert b"/Encrypt" in pdf.data
    assert read_bytes(pdf.data).provisions == canonical(sample).provisions


def _encrypted() -> bytes:
    return sample_pdf(BY_NAME["en-51-100"], encrypt="secret").data


def _truncated() -> bytes:
    data = made("en-51-100").data
    return data[: len(data) // 3]


BAD = {
    "encrypted": (_encrypted, "encrypted and needs a password"),
    "image-only": (image_only_pdf, "no text layer"),
    "truncated": (_truncated, "not a readable PDF"),
    "not-a-pdf": (lambda: b"%PDF-1.7\nthis is not a PDF at all\n" * 20, "not a readable PDF"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_pdf_that_cannot_be_read_raises_one_input_error(case: str) -> None:
    make, fragment = BAD[case]
    with pytest.raises(InputError) as err:
        read_bytes(make(), source="bad.pdf")
    assert fragment in str(err.value) and str(err.value).startswith("bad.pdf: ")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed console script, as a user runs it."""
    return subprocess.run([str(RESDIFF), *args], capture_output=True, text=True, check=False, cwd=cwd)


@pytest.mark.parametrize("case", sorted(BAD))
def test_the_cli_refuses_a_bad_pdf_with_one_error_line(case: str, tmp_path: Path) -> None:
    make, fragment = BAD[case]
    (tmp_path / "bad.pdf").write_bytes(make())
    (tmp_path / "new.txt").write_text(made("en-51-100").text, encoding="utf-8")
    for args in (["parse", "bad.pdf"], ["diff", "bad.pdf", "new.txt"]):
        result = run(*args, cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: bad.pdf: "), result.stderr
        assert fragment in lines[0] and result.stdout == ""


def test_the_cli_parses_a_pdf(tmp_path: Path) -> None:
    (tmp_path / "A-HRC-RES-25-3.pdf").write_bytes(made("zh").data)
    result = run("parse", "A-HRC-RES-25-3.pdf", cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    want = canonical(BY_NAME["zh"])
    assert result.stdout == dumps(
        replace(want, meta=replace(want.meta, series=None, source="A-HRC-RES-25-3.pdf"))
    )
    result = run("parse", "A-HRC-RES-25-3.pdf", "--format", "json", cwd=tmp_path)
    codes = [w["code"] for w in json.loads(result.stdout)["warnings"]]
    assert codes == ["pdf-extracted"]


def test_the_cli_diffs_a_pdf_against_a_typed_text(tmp_path: Path) -> None:
    (tmp_path / "adopted.pdf").write_bytes(made("en").data)
    text = made("en").text
    (tmp_path / "same.txt").write_text(text, encoding="utf-8")
    assert "Further calls upon the Islamic Republic of Iran to implement its obligations" in text
    (tmp_path / "draft.txt").write_text(
        text.replace("Further calls upon the Islamic Republic of Iran to implement its", "Urges the Islamic"
                     " Republic of Iran to implement its"),
        encoding="utf-8",
    )  # fmt: skip
    same = run("diff", "adopted.pdf", "same.txt", "--format", "json", cwd=tmp_path)
    assert same.returncode == 0, same.stdout + same.stderr
    changed = run("diff", "adopted.pdf", "draft.txt", "--format", "json", cwd=tmp_path)
    assert changed.returncode == 1, changed.stderr
    kinds = {(c["kind"], *c["old"]) for c in json.loads(changed.stdout)["changes"]}
    assert {k for k in kinds if k[0] != "unchanged"} == {("reworded", "op29")}
    assert len(kinds) == len(canonical(BY_NAME["en"]).provisions)


def test_what_pdfminer_logs_is_a_note_not_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    """pdfminer logs odd input, which Python prints on stderr by default: the engine never prints."""
    data = odd_operator_pdf(["The General Assembly,", "Recalling its resolution 1/1,", "1. Decides to act."])
    res = read_bytes(data)
    assert [p.text for p in res.provisions] == ["Recalling its resolution 1/1,", "Decides to act."]
    assert "the extractor warned: Cannot concatenate matrix" in res.warnings[0].message
    for case in BAD:
        with pytest.raises(InputError):
            read_bytes(BAD[case][0]())
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_the_chinese_pdf_names_its_cid_font_and_embeds_no_font_file() -> None:
    data = made("zh").data
    assert b"STSong-Light" in data and b"FontFile" not in data
