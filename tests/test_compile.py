"""`resdiff compile`: delegations' proposals compiled on a base text (issue 12).

Hand-typed lists as delegations write them (tests/data/compile: Canada, Norway and a JSON
list from Mexico on A/C.3/78/L.41; China, the Russian Federation and Cuba on the Chinese
seed, HRC 25/3) with conflicting and identical proposals; golden text and md compared
exactly; the JSON against its schema; the Word file's revisions accepted and rejected (all,
or one delegation's) by the XML transform of tests/docx_revisions.py; and the property of
the issue under hypothesis: compiling one list, "accept all" is `apply(base, list)`.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from referencing import Registry, Resource

from engine import api
from engine.amend import apply, derive
from engine.amend.actions import AmendmentList, MoveProvision
from engine.amend.compile import Compilation, compile_lists
from engine.amend.labels import suffix
from engine.amend.parse import parse
from engine.diff import compare
from engine.errors import AmendmentError
from engine.model import Resolution
from engine.render.compilation import COMPILATION_RENDERERS, render_json, render_md, render_text
from engine.render.compilation_docx import render_docx
from engine.render.compilation_html import render_html

from .docx_revisions import resolve
from .test_amend import HISTORY, amended_pairs, load
from .test_cli import SEED, assert_one_error_line, run

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "compile"
GOLDEN = ROOT / "tests" / "golden" / "compile"
SCHEMAS = ROOT / "engine" / "render" / "schemas"
ARTIFACTS = ROOT / "test-artifacts"
L41 = load(HISTORY.find("A/C.3/78/L.41", "en"))
ZH = api.read_file(SEED)
CASES: dict[str, tuple[str, list[str], list[str]]] = {
    # base, lists, --as names (in list order; "" keeps the list's own proposer)
    "en-l41": ("A/C.3/78/L.41", ["en-canada.txt", "en-norway.txt", "en-mexico.json"], ["", "", "Mexico"]),
    "zh-hrc-25-3": (str(SEED), ["zh-cuba.txt", "zh-china.txt", "zh-russia.txt"], ["古巴"]),
}


def lists(base: Resolution, names: list[str]) -> list[AmendmentList]:
    return [api.read_amendments(DATA / name, base) for name in names]


def compiled(case: str) -> Compilation:
    _, files, names = CASES[case]
    base = L41 if case.startswith("en") else ZH
    return compile_lists(base, lists(base, files), [n or None for n in names])


def headings(res: Resolution) -> list[str]:
    return [h for h in (res.meta.title, res.body_line) if h]


def texts(res: Resolution) -> list[str]:
    """The text's paragraphs as a Word compilation holds them: its title and body line (when
    it has them), then its provisions."""
    return headings(res) + [p.text for p in res.provisions]


# -- golden outputs, through the command line ------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "md"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_the_compilation_is_the_golden_one(case: str, fmt: str) -> None:
    base, files, names = CASES[case]
    as_ = [arg for name in names for arg in ("--as", name)]
    result = run("compile", base, *files, *as_, "--format", fmt, "--history", str(ROOT / "history"), cwd=DATA)
    assert result.returncode == 0, result.stderr
    golden = GOLDEN / case / f"expected.{fmt}"
    if os.environ.get("RESDIFF_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


# -- the model: conflicts, identical proposals, labels ----------------------------------------


def entry(c: Compilation, label: str) -> Any:
    return next(e for e in c.entries if e.label == label)


def test_english_proposals_are_grouped_attributed_and_labelled() -> None:
    c = compiled("en-l41")
    [pp2] = entry(c, "PP2").groups
    assert pp2.conflicting and pp2.words == "the most recent of which is"
    assert [p.proposers for p, _ in pp2.proposals] == [("Canada",), ("Norway",)]
    [welcomes] = entry(c, "OP2").groups
    assert not welcomes.conflicting and welcomes.proposals[0][0].proposers == ("Canada", "Mexico")
    new = entry(c, "OP5 bis")
    assert new.provision is None and new.new.proposers == ("Canada", "Norway")
    assert entry(c, "PP3 bis").new.proposers == ("Mexico",)
    op7 = entry(c, "OP7")
    assert op7.conflicting and [p.proposers for p in op7.whole] == [("Canada",), ("Norway",)]
    moved = entry(c, "OP6 bis")
    assert moved.moved_from == "OP3" and moved.text == L41.provision("op3").text
    # OP10: two delegations, different words, no conflict
    assert [g.conflicting for g in entry(c, "OP10").groups] == [False, False]
    assert c.conflicts == 2
    assert [(s.proposer, s.amendments) for s in c.lists] == [("Canada", 4), ("Norway", 5), ("Mexico", 3)]


def test_chinese_proposals_are_grouped_attributed_and_labelled() -> None:
    c = compiled("zh-hrc-25-3")
    [pp3] = entry(c, "PP3").groups
    assert pp3.conflicting and pp3.words == "第23/3号决议"  # the union of both proposals' words
    assert entry(c, "OP5 bis").new.proposers == ("中国", "俄罗斯联邦")
    assert entry(c, "OP15").conflicting
    assert entry(c, "OP2").groups[0].proposals[0][0].proposers == ("古巴",)
    assert [s.proposer for s in c.lists] == ["古巴", "中国", "俄罗斯联邦"]


def test_labels_of_new_paragraphs_count_on_and_never_shift_the_others() -> None:
    base = L41
    typed = "\n".join(
        [
            "Proposed by: A",
            "After operative paragraph 5, insert the following new paragraphs:",
            '    "One;"',
            '    "Two;"',
            'Before operative paragraph 1, insert a new paragraph reading: "Zero;"',
            'After the first preambular paragraph, insert a new paragraph reading: "Noting,"',
        ]
    )
    c = compile_lists(base, [parse(typed, base)])
    new = [(e.label, e.text) for e in c.entries if e.provision is None]
    assert new == [("PP1 bis", "Noting,"), ("OP0 bis", "Zero;"), ("OP5 bis", "One;"), ("OP5 ter", "Two;")]
    assert [suffix(n) for n in (1, 2, 3, 4, 9, 10)] == ["bis", "ter", "quater", "quinquies", "decies", "11"]


def test_a_new_label_is_never_one_the_draft_already_carries() -> None:
    """On a draft holding OP3 bis, a paragraph proposed after OP3 was labelled `OP3 bis` (a
    label used twice, which check calls an error), and one after OP3 bis `OP3 bis bis`."""
    from engine.read import read_bytes

    draft = read_bytes(
        b"The Council,\n\nPP1 Recalling,\n\nOP1 Decides;\n\nOP2 Requests;\n\nOP2 bis Urges;\n\n"
        b"OP3 Decides to remain seized.\n",
        lang="en",
    )
    typed = "\n".join(
        [
            'After OP2, insert a new paragraph reading: "Invites;"',
            'After OP2 bis, insert a new paragraph reading: "Encourages;"',
            'Before OP3, insert a new paragraph reading: "Welcomes;"',
        ]
    )
    c = compile_lists(draft, [parse(typed, draft)], ["A"])
    labelled = [(e.label, e.text or e.base_text) for e in c.entries if e.part == "op"]
    assert labelled == [
        ("OP1", "Decides;"),
        ("OP2", "Requests;"),
        ("OP2 ter", "Invites;"),
        ("OP2 bis", "Urges;"),
        ("OP2 quater", "Encourages;"),
        ("OP2 quinquies", "Welcomes;"),
        ("OP3", "Decides to remain seized."),
    ]


def test_one_list_inserting_a_paragraph_twice_shows_it_twice() -> None:
    """Identical proposals were gathered into one even within one list: apply inserted the
    paragraph twice and the compilation showed it once (its Accept all was not apply). Two
    delegations proposing it are still one proposal naming both."""
    typed = 'After operative paragraph 1, insert a new paragraph reading: "Urges States to act;"'
    twice = parse(typed + "\n" + typed, L41)
    c = compile_lists(L41, [twice, parse(typed, L41)], ["Chile", "Peru"])
    new = [(e.label, e.text, e.new.proposers) for e in c.entries if e.new is not None]
    assert new == [
        ("OP1 bis", "Urges States to act;", ("Chile", "Peru")),
        ("OP1 ter", "Urges States to act;", ("Chile",)),
    ]
    one = compile_lists(L41, [twice], ["Chile"])
    assert resolve(render_docx(one), accept=True) == texts(apply(L41, twice.amendments))


def test_a_provision_placed_across_the_parts_is_labelled_in_its_own_part() -> None:
    """An operative paragraph moved to follow the last preambular one is the first operative
    paragraph: `OP0 bis` (as a paragraph inserted before OP1 is), never `PP3 bis`; a
    preambular paragraph inserted before OP1 follows PP3: `PP3 bis`, never `OP0 bis`."""
    typed = "\n".join(
        [
            "Proposed by: A",
            'After the third preambular paragraph, insert a new paragraph reading: "Noting,"',
            "Move operative paragraph 7 to follow the third preambular paragraph as an operative paragraph.",
            'Before operative paragraph 1, insert a new paragraph reading: "Zero;"',
        ]
    )
    listed = parse(typed, L41)
    c = compile_lists(L41, [listed])
    assert c.warnings == ()
    new = [(e.label, e.part, e.moved_from) for e in c.entries if e.provision is None]
    assert new == [("PP3 bis", "pp", None), ("OP0 bis", "op", "OP7"), ("OP0 ter", "op", None)]
    # in the order of the text "accept all" gives
    accepted = [p.text for p in apply(L41, listed.amendments).provisions[2:6]]
    assert accepted == [L41.provision("pp3").text, "Noting,", L41.provision("op7").text, "Zero;"]
    typed = 'Before operative paragraph 1, insert a new preambular paragraph reading: "Noting,"'
    before_op1 = parse(typed, L41)
    c = compile_lists(L41, [before_op1], ["B"])
    assert [(e.label, e.part) for e in c.entries if e.provision is None] == [("PP3 bis", "pp")]


# -- JSON -------------------------------------------------------------------------------------


def validator() -> jsonschema.Draft202012Validator:
    registry: Registry[Any] = Registry().with_resources(
        (
            json.loads((SCHEMAS / name).read_text(encoding="utf-8"))["$id"],
            Resource.from_contents(json.loads((SCHEMAS / name).read_text(encoding="utf-8"))),
        )
        for name in ("amendments.schema.json", "compilation.schema.json")
    )
    schema = json.loads((SCHEMAS / "compilation.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, registry=registry)


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_json_validates_against_its_schema(case: str) -> None:
    data = json.loads(render_json(compiled(case)))
    errors = list(validator().iter_errors(data))
    assert errors == []
    assert data["schema"] == "resdiff.compilation/1" and data["conflicts"] == 2
    kinds = {e["kind"] for e in data["entries"]}
    assert kinds >= {"base", "new"}


def test_the_schema_refuses_what_it_should() -> None:
    data = json.loads(render_json(compiled("en-l41")))
    data["entries"][0]["kind"] = "other"
    assert list(validator().iter_errors(data))


# -- Word: accept and reject --------------------------------------------------------------------


@pytest.mark.parametrize("case", sorted(CASES))
def test_with_one_list_accept_all_is_apply_and_reject_all_the_base(case: str) -> None:
    _, files, names = CASES[case]
    base = L41 if case.startswith("en") else ZH
    for listed, name in zip(lists(base, files), names + [""] * 3, strict=False):
        data = render_docx(compile_lists(base, [listed], [name or None]))
        assert resolve(data, accept=True) == texts(apply(base, listed.amendments))
        assert resolve(data, accept=False) == texts(base)


@settings(max_examples=150, deadline=None)
@given(amended_pairs())
def test_apply_labels_an_amended_draft_as_the_compilation_does(pair: tuple[Resolution, Resolution]) -> None:
    """On a negotiation draft, Accept all of the Word compilation gives apply's text with
    apply's labels too: inserted, moved and split paragraphs are labelled by one Labeller."""
    old, new = pair
    assume(any(p.part == "pp" for p in old.provisions))
    pp = iter(range(1, len(old.provisions) + 1))
    draft = dataclasses.replace(
        old,
        provisions=tuple(
            dataclasses.replace(p, number=str(next(pp))) if p.part == "pp" else p for p in old.provisions
        ),
    )
    assert draft.labelled
    listed = derive(compare(old, new))
    amended = apply(draft, listed.amendments)
    data = render_docx(compile_lists(draft, [listed], ["A"]))
    assert resolve(data, accept=True) == texts(amended)
    assert resolve(data, accept=True, labels=True) == [""] * len(headings(amended)) + [
        f"{p.part.upper()}{p.number}" for p in amended.provisions
    ]


def test_each_delegation_can_be_accepted_alone() -> None:
    c = compiled("en-l41")
    data = render_docx(c)
    assert resolve(data, accept=False) == texts(L41)
    norway = lists(L41, ["en-norway.txt"])[0]
    conflicting = {"pp2", "op7"}
    # Norway's proposals, and those it makes with others (signed "Canada, Norway"); the
    # conflicting ones are comments, not revisions
    authors = frozenset({"Norway", "Canada, Norway"})
    expected = [a for a in norway.amendments if a.target not in conflicting]
    assert resolve(data, accept=True, authors=authors) == texts(apply(L41, expected))


def test_revisions_are_signed_by_the_proposers_and_dated_fixed() -> None:
    import io
    import zipfile

    data = render_docx(compiled("en-l41"))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    comments = zipfile.ZipFile(io.BytesIO(data)).read("word/comments.xml").decode()
    for who in ("Norway", "Canada, Mexico", "Canada, Norway", "Mexico"):  # Canada alone: conflicts only
        assert f'w:author="{who}"' in xml
    assert 'w:author="Canada"' in comments and 'w:author="Norway"' in comments  # the conflicts
    assert "w:date=" in xml and set(part.split('"')[0] for part in xml.split('w:date="')[1:]) == {
        "2000-01-01T00:00:00Z"
    }
    assert render_docx(compiled("en-l41")) == data  # deterministic bytes


@settings(max_examples=120, deadline=None)
@given(amended_pairs())
def test_compiling_one_list_accept_all_is_apply(pair: tuple[Resolution, Resolution]) -> None:
    old, new = pair
    listed = derive(compare(old, new))
    compilation = compile_lists(old, [listed], ["A"])
    data = render_docx(compilation)
    assert resolve(data, accept=True) == texts(apply(old, listed.amendments))
    assert resolve(data, accept=False) == texts(old)
    assert compilation.conflicts == 0
    for render in (render_text, render_md, render_json, render_html):
        assert render(compilation)


# -- failures -------------------------------------------------------------------------------------


def test_an_amendment_that_does_not_apply_stops_the_run_naming_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(
        'Proposed by: Peru\nDelete operative paragraph 7.\nIn operative paragraph 2, delete "nowhere".\n'
    )
    out = tmp_path / "c.txt"
    result = run("compile", "A/C.3/78/L.41", str(DATA / "en-canada.txt"), str(bad), "-o", str(out),
                 "--history", str(ROOT / "history"))  # fmt: skip
    assert_one_error_line(result)
    assert result.stderr == (
        f'Error: {bad}:3: amendment 2 (operative paragraph 2): the words "nowhere" are not in it\n'
    )
    assert not out.exists()


def test_continue_compiles_the_rest_and_lists_what_failed(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(
        'Proposed by: Peru\nDelete operative paragraph 7.\nIn operative paragraph 2, delete "nowhere".\n'
    )
    result = run("compile", "A/C.3/78/L.41", str(bad), "--continue", "--history", str(ROOT / "history"))
    assert result.returncode == 1
    assert "OP7 " in result.stdout and "[Peru: delete]" in result.stdout
    assert result.stderr.splitlines() == [
        f'not compiled: {bad}:3: amendment 2 (operative paragraph 2): the words "nowhere" are not in it',
        "1 amendment(s) not compiled",
    ]
    data = json.loads(
        run(
            "compile",
            "A/C.3/78/L.41",
            str(bad),
            "--continue",
            "--format",
            "json",
            "--history",
            str(ROOT / "history"),
        ).stdout
    )
    assert data["failed"] == [
        {
            "source": str(bad),
            "line": 3,
            "message": 'amendment 2 (operative paragraph 2): the words "nowhere" are not in it',
        }
    ]


def test_a_list_without_a_proposer_is_refused(tmp_path: Path) -> None:
    anonymous = tmp_path / "anon.txt"
    anonymous.write_text("Delete operative paragraph 7.\n")
    result = run("compile", "A/C.3/78/L.41", str(anonymous), "--history", str(ROOT / "history"))
    assert_one_error_line(result, f"{anonymous}: no proposer", "--as NAME")
    named = run(
        "compile", "A/C.3/78/L.41", str(anonymous), "--as", "Peru", "--history", str(ROOT / "history")
    )
    assert named.returncode == 0 and "[Peru: delete]" in named.stdout


def test_more_names_than_lists_is_refused() -> None:
    result = run("compile", "A/C.3/78/L.41", str(DATA / "en-canada.txt"), "--as", "A", "--as", "B")
    assert_one_error_line(result, "2 --as names for 1 list(s)")


def test_a_list_in_another_language_is_refused() -> None:
    result = run("compile", str(SEED), str(DATA / "en-mexico.json"), "--as", "Mexico")
    assert_one_error_line(result, "en-mexico.json: the amendments are in en and the base text in zh")


def test_the_docx_is_written_to_a_file_and_not_to_a_terminal(tmp_path: Path) -> None:
    out = tmp_path / "compilation.docx"
    result = run("compile", str(SEED), *(str(DATA / f) for f in CASES["zh-hrc-25-3"][1]), "--as", "古巴",
                 "-o", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert resolve(out.read_bytes(), accept=False) == texts(ZH)


def test_proposals_that_together_give_no_valid_structure_are_warned_of_in_every_format(
    tmp_path: Path,
) -> None:
    # each list applies alone and they touch nothing in common, but OP1 moved after PP3 (as an
    # operative paragraph) and a preambular paragraph inserted after PP3 put that paragraph
    # after an operative one: "accept all" gives no resolution
    files = {
        "moves.txt": "Proposed by: Canada\n"
        "Move operative paragraph 1 to follow the third preambular paragraph as an operative paragraph.\n",
        "inserts.txt": "Proposed by: Norway\nAfter the third preambular paragraph, insert a new paragraph "
        'reading: "Bearing in mind the Charter of the United Nations,"\n',
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    listed = [api.read_amendments(tmp_path / name, L41) for name in files]
    for one in listed:
        apply(L41, one.amendments)
    with pytest.raises(AmendmentError, match="no valid structure"):
        apply(L41, listed[0].amendments + listed[1].amendments)
    compilation = compile_lists(L41, listed)
    assert compilation.conflicts == 0
    assert [(w.message, [p.proposers for p in w.proposals]) for w in compilation.warnings] == [
        ("provision 5: pp4 comes after an operative paragraph", [("Canada",), ("Norway",)])
    ]
    line = (
        "Warning: accepted together, these proposals give no valid structure (provision 5: pp4 comes after "
        "an operative paragraph): [Canada: OP1, move to follow PP3] [Norway: insert after PP3]"
    )
    assert render_text(compilation).split("\n")[3] == line
    assert line.replace("[", "\\[").replace("]", "\\]") in render_md(compilation)
    assert line in render_html(compilation)
    data = json.loads(render_json(compilation))
    validator().validate(data)
    assert [[p["amendment"]["operation"] for p in w["proposals"]] for w in data["warnings"]] == [
        ["move-provision", "insert-provision"]
    ]
    from docx import Document

    out = tmp_path / "compilation.docx"
    out.write_bytes(render_docx(compilation))
    assert line in [p.text for p in Document(str(out)).paragraphs]
    # lists that together are fine give no warning
    assert compile_lists(L41, listed[:1]).warnings == ()


def test_every_format_is_in_the_registry() -> None:
    import cli

    assert list(cli.COMPILATION_FORMATS) == list(COMPILATION_RENDERERS)


# -- HTML in a browser; Word in LibreOffice --------------------------------------------------------


def test_html_is_escaped_and_self_contained(tmp_path: Path) -> None:
    typed = (
        "Proposed by: <b>X</b>\n"
        'In operative paragraph 2, replace "Welcomes" with "<script>alert(1)</script>".\n'
    )
    c = compile_lists(L41, [parse(typed, L41)])
    html = render_html(c)
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;X&lt;/b&gt;" in html
    assert "http://" not in html and "https://" not in html


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_html_page_shows_every_entry_in_a_browser(case: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    from .test_report_html import CHROMIUM, open_report

    c = compiled(case)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page, errors, requests = open_report(browser, render_html(c), tmp_path / "c.html")
        assert errors == [] and requests == [(tmp_path / "c.html").as_uri()]
        assert page.locator("section.entry").count() == len(c.headings) + len(c.entries)
        assert page.locator("section.entry.conflicting").count() == c.conflicts
        assert page.locator("section.entry.new").count() == sum(e.provision is None for e in c.entries)
        ARTIFACTS.mkdir(exist_ok=True)
        page.locator("section.entry.conflicting").first.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / f"compilation-{case}.png"))
        browser.close()


@pytest.mark.parametrize("case", sorted(CASES))
def test_libreoffice_opens_the_compilation(case: str, tmp_path: Path) -> None:
    import subprocess

    docx = tmp_path / "compilation.docx"
    docx.write_bytes(render_docx(compiled(case)))
    converted = subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert converted.returncode == 0, converted.stderr
    pdf = tmp_path / "compilation.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    assert "OP5bis" in flat  # a label of a new paragraph
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", str(pdf),
         str(ARTIFACTS / f"compilation-{case}-docx")],
        check=True, timeout=60,
    )  # fmt: skip


@st.composite
def two_lists(draw: st.DrawFn) -> tuple[Resolution, AmendmentList, AmendmentList]:
    """A base and two delegations' lists on it: A's derived from an edited version; B's made
    of some of A's amendments (identical proposals) and word edits of its own (which often
    touch A's words: conflicts)."""
    old, new = draw(amended_pairs())
    a = derive(compare(old, new))
    shared = draw(st.lists(st.sampled_from(a.amendments), unique=True)) if a.amendments else []
    provisions = list(old.provisions)
    for _ in range(draw(st.integers(1, 3))):
        k = draw(st.integers(0, len(provisions) - 1))
        words = provisions[k].text.split(" ")
        words[draw(st.integers(0, len(words) - 1))] = draw(st.sampled_from(["Q", "R S", "T,"]))
        provisions[k] = dataclasses.replace(provisions[k], text=" ".join(words))
    own = derive(compare(old, dataclasses.replace(old, provisions=tuple(provisions))))
    b = AmendmentList(tuple(shared) + own.amendments, old.meta.language)
    try:
        apply(old, b.amendments)
    except AmendmentError:
        assume(False)  # B's own list must apply, as any list compiled must
    return old, a, b


def applied(base: Resolution, amendments: list[Any]) -> list[str] | None:
    """The texts of `apply`, or None when the proposals taken together give no valid structure
    (an operative paragraph before a preambular one): each list is checked alone, and the
    compilation shows such a pair as it is; only then is there nothing to compare with."""
    try:
        return texts(apply(base, amendments))
    except AmendmentError as exc:
        if "no valid structure" in exc.message:
            return None
        raise


@settings(max_examples=120, deadline=None)
@given(two_lists())
def test_two_lists_reject_all_is_the_base_and_accept_all_takes_what_does_not_conflict(
    case: tuple[Resolution, AmendmentList, AmendmentList],
) -> None:
    base, a, b = case
    compilation = compile_lists(base, [a, b], ["A", "B"])
    data = render_docx(compilation)
    assert resolve(data, accept=False) == texts(base)
    taken = [p.amendment for p in compilation.proposals if not p.conflicting]
    expected = applied(base, taken)
    if expected is not None:
        assert resolve(data, accept=True) == expected
    moves = any(isinstance(p.amendment, MoveProvision) for p in compilation.proposals)
    if not moves:  # a moved provision is written as it reads with every proposal on it made
        mine = [p.amendment for p in compilation.proposals if "A" in p.proposers and not p.conflicting]
        expected = applied(base, mine)
        if expected is not None:
            assert resolve(data, accept=True, authors=frozenset({"A", "A, B"})) == expected


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_md_reads_on_github_as_the_text_does(case: str) -> None:
    """Rendered by cmark-gfm (GitHub's parser), every paragraph reads as the text format's line:
    no bracket became a link, no word became markup."""
    import html as htmllib
    import re

    from .gfm import to_html

    c = compiled(case)
    shown = to_html(render_md(c))
    assert "<a " not in shown
    paragraphs = [
        htmllib.unescape(re.sub(r"<[^>]+>", "", p)) for p in re.findall(r"<p>(.*?)</p>", shown, re.S)
    ]
    lines = render_text(c).split("\n")
    for e in c.entries:
        line = next(line for line in lines if line.startswith(f"{e.label} "))
        assert line in paragraphs


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        (
            'In the title, replace "international cooperation" with "global cooperation".',
            "Enhancement of international cooperation in the field of human rights "
            '[Canada: replace "international cooperation" with "global cooperation"]\n',
        ),
        (
            'Replace the body line with the following: "The General Assembly,"',
            'The Human Rights Council, [Canada: replace with "The General Assembly,"]\n',
        ),
    ],
)
def test_a_proposal_on_the_title_or_body_line_is_compiled(tmp_path: Path, line: str, shown: str) -> None:
    """A compilation had no place for proposals on the title or the body line: one was a
    KeyError traceback, then refused ("a compilation shows proposals on paragraphs only")
    though `apply` makes it. Each now stands after the words it amends, attributed, as
    the paragraphs' proposals do."""
    from click.testing import CliRunner

    import cli

    listed = tmp_path / "canada.txt"
    first = (
        'In the first preambular paragraph, replace "Reaffirming its commitment" with '
        '"Reaffirming its firm commitment".'
    )
    listed.write_text(f"Proposed by: Canada\n{line}\n{first}\n", encoding="utf-8")
    args = ["compile", "A/HRC/RES/38/3", "--lang", "en", str(listed), "--history", str(ROOT / "history")]
    made = CliRunner().invoke(cli.main, args)
    assert (made.exit_code, made.stderr) == (0, "")
    assert f"\n{shown}" in made.stdout
    assert (
        '[Reaffirming its commitment] [Canada: replace with "Reaffirming its firm commitment"]' in made.stdout
    )


HEADED = {
    # proposals on the title (two of Chile's conflict with Peru's) and the body line
    "en": ("A/RES/51/100", ["en-peru.txt", "en-chile-title.txt"]),
    "zh": (str(SEED), ["zh-cuba-title.txt"]),
}


@pytest.mark.parametrize("lang", sorted(HEADED))
def test_proposals_on_the_title_and_body_line_in_every_format(lang: str) -> None:
    """The model (`Compilation.headings`), JSON (checked against its schema), and Word: with
    one list, "Accept all" gives the title and body line `apply` gives, "Reject all" the
    base's; conflicting proposals on the title are comments, counted as one conflict."""
    symbol, names = HEADED[lang]
    base = api.read_file(Path(symbol)) if lang == "zh" else load(HISTORY.find(symbol, "en"))
    listed = lists(base, names)
    c = compile_lists(base, listed)
    title, body = c.headings
    assert (title.heading, title.text, body.heading, body.text) == (
        "title",
        base.meta.title,
        "body-line",
        base.body_line,
    )
    data = json.loads(render_json(c))
    assert list(validator().iter_errors(data)) == []
    assert [h["target"] for h in data["headings"]] == ["title", "body-line"]
    assert [
        [p["proposers"] for g in h["groups"] for p in g["proposals"]]
        + [p["proposers"] for p in h["whole"]["proposals"]]
        for h in data["headings"]
    ] == [
        [list(q.proposers) for g in e.groups for q, _ in g.proposals] + [list(q.proposers) for q in e.whole]
        for e in c.headings
    ]
    assert all(e.groups or e.whole for e in c.headings)
    one = compile_lists(base, listed[:1])
    docx = render_docx(one)
    assert resolve(docx, accept=True) == texts(apply(base, listed[0].amendments))
    assert resolve(docx, accept=False) == texts(base)
    if lang == "en":
        assert c.conflicts == 1 and title.groups[0].conflicting and not body.conflicting
        assert resolve(render_docx(c), accept=False) == texts(base)


def test_a_paragraph_given_its_first_subparagraphs_letters_them_under_it() -> None:
    """Subparagraphs inserted after a paragraph that has none are its (a), (b), in compile and
    in apply alike, and on from there in a later insertion; they were labelled as paragraphs
    after it (`OP1 bis`), which a draft read back takes for a paragraph of its own."""
    from engine.read import read_bytes
    from engine.render.compilation import render_text

    typed = "\n".join(
        [
            "Proposed by: A",
            'After operative paragraph 5, insert a new subparagraph reading: "First;"',
            'After operative paragraph 5, insert a new subparagraph reading: "Second;"',
        ]
    )
    listed = parse(typed, L41)
    c = compile_lists(L41, [listed])
    assert [(e.label, e.depth, e.text) for e in c.entries if e.provision is None] == [
        ("OP5 (a)", 1, "First;"),
        ("OP5 (b)", 1, "Second;"),
    ]
    back = read_bytes(render_text(c).encode("utf-8"), lang="en")
    op5 = next(p for p in back.provisions if p.part == "op" and p.number == "5")
    assert [(p.number, p.parent_id) for p in back.provisions if p.parent_id == op5.id] == [
        ("a", op5.id),
        ("b", op5.id),
    ]


def _labelled_l41() -> Resolution:
    """L.41 as a negotiation draft, every paragraph under its label (`PP3`, `OP30`) and each
    subparagraph under its letter: `apply` then labels the paragraphs it adds."""
    from engine.read import read_bytes

    blocks = [L41.meta.title or "", L41.body_line or ""]
    for k, p in enumerate(L41.provisions, start=1):
        blocks.append(f"({p.number}) {p.text}" if p.depth else f"{p.part.upper()}{p.number or k} {p.text}")
    draft = read_bytes("\n\n".join(blocks).encode("utf-8"), lang="en")
    assert draft.labelled
    return draft


def _shape(res: Resolution) -> list[tuple[str, int, str, str | None]]:
    """Each provision as a reader of the text meets it: part, depth, printed number, and the
    printed number of the paragraph it belongs to."""
    number = {p.id: p.number for p in res.provisions}
    return [(p.part, p.depth, p.number, number.get(p.parent_id or "")) for p in res.provisions]


def test_subparagraphs_before_a_first_read_back_as_what_they_are() -> None:
    """A subparagraph inserted before the first paragraph, after a new paragraph another line
    of the list inserts there (as `amend` writes A/HRC/RES/22/23 -> A/RES/70/173), was labelled
    `OP0 ter`, a paragraph, and read back as one; one inserted before OP30's (a) was `OP30 (0)
    bis`, read back as a second OP30. Now, in compile and apply alike, the first is lettered
    under the new paragraph (`OP0 bis (a)`) and the second hangs on (0) as a paragraph before
    OP1 hangs on OP0, and reads back as OP30's subparagraph before its (a)."""
    from engine.read import read_bytes
    from engine.render.document import render_plain

    listed = lists(L41, ["en-chile.txt"])[0]
    c = compile_lists(L41, [listed])
    assert [(e.label, e.depth) for e in c.entries if e.provision is None] == [
        ("OP0 bis", 0),
        ("OP0 bis (a)", 1),
        ("OP0 bis (b)", 1),
        ("OP0 ter", 0),
        ("OP30 (0) bis", 1),
        ("OP30 (0) ter", 1),
    ]
    back = read_bytes(render_text(c).encode("utf-8"), lang="en")
    shape = _shape(back)
    assert shape[3:7] == [
        ("op", 0, "0 bis", None),
        ("op", 1, "a", "0 bis"),
        ("op", 1, "b", "0 bis"),
        ("op", 0, "0 ter", None),
    ]
    at = next(k for k, p in enumerate(back.provisions) if p.depth == 0 and p.number == "30")
    assert shape[at : at + 4] == [
        ("op", 0, "30", None),
        ("op", 1, "0 bis", "30"),
        ("op", 1, "0 ter", "30"),
        ("op", 1, "a", "30"),
    ]

    # apply, on a negotiation draft: the same labels for the paragraphs (OP0 ter, not OP0
    # quater after subparagraphs that used up `ter`), subparagraphs lettered by position
    draft = _labelled_l41()
    amended = apply(draft, lists(draft, ["en-chile.txt"])[0].amendments)
    again = read_bytes(render_plain(amended).encode("utf-8"), lang="en")
    assert _shape(again) == _shape(amended)
    assert _shape(amended)[3:7] == [
        ("op", 0, "0 bis", None),
        ("op", 1, "a", "0 bis"),
        ("op", 1, "b", "0 bis"),
        ("op", 0, "0 ter", None),
    ]
    op30 = next(p for p in amended.provisions if p.depth == 0 and p.number == "30")
    assert [p.text for p in amended.provisions if p.parent_id == op30.id][:3] == [
        "Engaging with the treaty bodies;",
        "Reporting on progress;",
        L41.provision("op30.a").text,
    ]
