"""`resdiff check` on resdiff's own compilation text (issues 12 and 13).

A facilitator circulates the text `resdiff compile --format text` writes and runs `check` on
it, and delegations paste it as the next draft. The reader misread it: a line holding only
proposals on a paragraph as a whole (`    [Canada: delete] / [Norway: ...] (conflicting)`)
was read as an operative paragraph without a label, a subparagraph's label `OP30 (a)` as a
second `OP30`, and the proposers after a new paragraph (`OP5 bis [...] (Canada, Norway)`)
were not seen. The property: reading the compilation of lists that each apply gives every
base paragraph once with its label, each new one with its label, and on each exactly the
proposals `compile` put there, with their proposers; `check` then faults nothing but the
bracketed text and the proposals. The title and the body line read back as the base's, the
proposals on them after their words (the title was read as the header's `Conflicts: 2`),
and `check` reports those proposals too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.amend.compile import Compilation, Entry, compile_lists
from engine.amend.labels import SUFFIXES, number_of
from engine.check import check
from engine.model import Provision, Resolution, attributed, only_attributions, without_attributions
from engine.read import read_bytes
from engine.read.structure import ends_paragraph
from engine.render.compilation import names, render_text

from .test_amend import HISTORY, load
from .test_check import read
from .test_cli import run
from .test_compile import DATA, L41, ZH, lists

A51 = load(HISTORY.find("A/RES/51/100", "en"))

DEMO = {
    # the lists of `make demo` (zh), and the English ones of tests/data/compile, Mexico's by --as
    "en": (L41, ["en-canada.txt", "en-norway.txt", "en-mexico.json"], [None, None, "Mexico"]),
    # every kind of proposal on a whole provision: replace, split, merge, move, a new
    # paragraph with subparagraphs, a new subparagraph (`OP30 (b) bis`)
    "en-whole": (L41, ["en-brazil.txt", "en-canada.txt", "en-norway.txt"], []),
    # subparagraphs placed before the first paragraph, under a new paragraph another line
    # inserted there (`OP0 bis (a)`), and before a paragraph's existing (a) (`OP30 (0) bis`)
    "en-first": (L41, ["en-chile.txt", "en-canada.txt"], []),
    "zh": (ZH, ["zh-china.txt", "zh-russia.txt"], []),
    "zh-cuba": (ZH, ["zh-cuba.txt", "zh-china.txt", "zh-russia.txt"], ["古巴"]),
    # proposals on the title (conflicting ones among them) and on the body line
    "en-headings": (A51, ["en-peru.txt", "en-chile-title.txt"], []),
    "zh-headings": (ZH, ["zh-cuba-title.txt", "zh-china.txt"], []),
}


def heading_proposers(c: Compilation, target: str) -> list[str]:
    """Who proposed what on the title (body line), in the order the text shows them."""
    return next((proposers(e, c.language) for e in c.headings if e.heading == target), [])


def compilation(case: str) -> Compilation:
    base, files, as_names = DEMO[case]
    return compile_lists(base, lists(base, files), as_names)


def proposers(entry: Entry, language: str) -> list[str]:
    """Who proposed what on an entry, in the order the text shows them."""
    found = [p for g in entry.groups for p, _ in g.proposals] + list(entry.whole)
    found += [entry.new] if entry.new is not None else []
    return [names(p, language) for p in found]


def printed(entry: Entry) -> str:
    """The number a reader keeps for an entry's label: `5 bis` for `OP5 bis`, `a` for `OP30 (a)`,
    `b bis` for `OP30 (b) bis`."""
    if not entry.depth:
        return number_of(entry.label)
    letter, _, suffix = entry.label.rsplit("(", 1)[1].partition(")")
    return f"{letter} {suffix.strip()}" if suffix.strip() else letter


@pytest.mark.parametrize("case", sorted(DEMO))
def test_a_compilation_reads_back_as_compile_made_it(case: str) -> None:
    c = compilation(case)
    res = read_bytes(render_text(c).encode("utf-8"), lang=c.language)
    assert [(p.part, p.depth, p.number) for p in res.provisions] == [
        (e.part, e.depth, printed(e)) for e in c.entries
    ]
    assert [[who for who, _ in p.proposals] for p in res.provisions] == [
        proposers(e, c.language) for e in c.entries
    ]
    # each base paragraph once, with its words (the proposals on it aside)
    base_texts = {p.text for p in c.base.provisions}
    assert sum(p.text in base_texts for p in res.provisions) == sum(
        not e.groups and not e.whole and e.provision is not None for e in c.entries
    )
    # the title and the body line: the base's words, then the proposals on them
    for got, target, base in (
        (res.meta.title, "title", c.base.meta.title),
        (res.body_line, "body-line", c.base.body_line),
    ):
        assert (got or "").startswith(base or "")
        assert [who for who, _ in attributed(got or "")] == heading_proposers(c, target)


@pytest.mark.parametrize("case", sorted(DEMO))
def test_check_on_a_compilation_reports_the_proposals_compile_made(case: str) -> None:
    c = compilation(case)
    res = read_bytes(render_text(c).encode("utf-8"), lang=c.language)
    findings = check(res).findings
    # only the proposals: the body line the compilation carries (the base's) tells the reader
    # where the draft starts, so no header or body-line warning either
    assert {(f.rule, f.severity) for f in findings} == {("brackets", "warning")}
    assert (res.body_line or "").startswith(c.base.body_line or "")
    # on the title and the body line, with their delegations
    for name, target in (("title", "title"), ("body line", "body-line")):
        who = heading_proposers(c, target)
        on_it = [f.message for f in findings if f.provision is None and f.message.startswith(f"{name}: ")]
        assert on_it == (
            [
                f"{name}: {len(who)} delegation proposal(s) on it ({', '.join(dict.fromkeys(who))}); "
                "settle them before adoption."
            ]
            if who
            else []
        )
    said = {f.provision: f.message for f in findings if f.rule == "brackets"}
    expected = {p.id: proposers(e, c.language) for p, e in zip(res.provisions, c.entries, strict=True)}
    for pid, who in expected.items():
        if who:
            assert f"{len(who)} delegation proposal(s) on it ({', '.join(dict.fromkeys(who))})" in said[pid]
        else:
            assert pid not in said
    counted = sum(len(p.proposals) for p in res.provisions)
    assert counted == sum(len(proposers(e, c.language)) for e in c.entries)


def test_check_command_on_the_demo_compilation(tmp_path: Path) -> None:
    """Through the command line, as a facilitator runs it: exit 0 (warnings only), one
    paragraph OP15 with both proposals on it, no paragraph without a label."""
    out = tmp_path / "compilation.txt"
    made = run(
        "compile",
        "A/HRC/RES/25/3",
        "--lang",
        "zh",
        str(DATA / "zh-china.txt"),
        str(DATA / "zh-russia.txt"),
        "-o",
        str(out),
    )
    assert made.returncode == 0, made.stderr
    result = run("check", str(out))
    assert result.returncode == 0, result.stdout
    assert "has no label" not in result.stdout
    assert ": warning: brackets: op16: 2 delegation proposal(s) on it (中国, 俄罗斯联邦)" in result.stdout
    assert (
        ": warning: brackets: op6: 1 bracketed (not agreed) passage(s) and 1 delegation proposal(s) on it "
        "(中国、俄罗斯联邦)" in result.stdout
    )


def test_a_line_of_proposals_belongs_to_the_paragraph_above() -> None:
    """In a text typed one paragraph a line (as `compile` writes it), the line of proposals
    was a paragraph of its own, without a label."""
    lines = [f"OP{n} Invites States to act on matter {n};" for n in range(1, 11)]
    lines[1] += "\n    [Canada: delete] / [Norway: retain] (conflicting)"
    lines[4] += "\n[Mexico: delete]"
    res = read(
        "The General Assembly,\n\n" + "\n".join(lines) + "\nOP11 Decides to remain seized of the matter.\n"
    )
    assert any(d.code == "layout" for d in res.warnings)
    assert [p.number for p in res.provisions] == [str(n) for n in range(1, 12)]
    assert res.provisions[1].proposals == (("Canada", "delete"), ("Norway", "retain"))
    assert res.provisions[4].proposals == (("Mexico", "delete"),)
    assert res.provisions[1].text.endswith("matter 2; [Canada: delete] / [Norway: retain] (conflicting)")


def test_a_paragraph_after_a_line_of_proposals_still_starts() -> None:
    """Unlabelled, one paragraph a line: the line after a line of proposals starts a paragraph,
    as after any paragraph that ended (its comma is read past the proposals); it was glued on."""
    lines = [f"Recalling its resolution {n}," for n in range(1, 9)]
    lines[2] += "\n[Canada: delete]"
    lines.insert(3, "Its resolution being of importance,")
    res = read(
        "The General Assembly,\n\n" + "\n".join(lines) + "\n1. Decides to act;\n"
        "2. Decides to remain seized of the matter.\n"
    )
    assert [p.text for p in res.provisions[2:4]] == [
        "Recalling its resolution 3, [Canada: delete]",
        "Its resolution being of importance,",
    ]
    assert res.provisions[2].proposals == (("Canada", "delete"),)


def test_a_subparagraph_label_is_the_subparagraph() -> None:
    res = read(
        "The General Assembly,\n\nOP1 Decides:\nOP1 (a) To act;\nOP1 (a) (i) Now;\nOP1 (b) To report.\n"
    )
    assert [(p.id, p.number, p.text) for p in res.provisions] == [
        ("op1", "1", "Decides:"),
        ("op1.a", "a", "To act;"),
        ("op1.a.i", "i", "Now;"),
        ("op1.b", "b", "To report."),
    ]


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("[Calls upon States to act;] (Canada, Norway)", [("Canada, Norway", "insert")]),
        ("[Notes the report;] (Norway: moved from OP3)", [("Norway", "moved from OP3")]),
        ("[决定继续审议这一问题；]（中国、俄罗斯联邦）", [("中国、俄罗斯联邦", "insert")]),
        ("[the report] (A/78/53);", []),
        ("[the report] (2013);", []),
        ("Decides [to act]; (agreed)", []),
        ("[甲：删除]/[乙：保留]（相互冲突）", [("甲", "删除"), ("乙", "保留")]),
    ],
)
def test_proposers_after_bracketed_words(text: str, who: list[tuple[str, str]]) -> None:
    assert list(attributed(text)) == who
    assert Provision("op1", "operative", text).proposals == tuple(who)


def test_punctuation_looks_past_a_new_paragraphs_proposers() -> None:
    assert without_attributions("[Calls upon States to act;] (Canada)") == "[Calls upon States to act;]"
    assert without_attributions("Acts; [A: delete] / [B: retain] (conflicting)") == "Acts;"
    assert without_attributions("Acts (2013)") == "Acts (2013)"
    assert only_attributions("    [A: delete] / [B: retain] (conflicting)")
    assert not only_attributions("[the words] (Canada)")
    res: Resolution = read(
        "The General Assembly,\n\nOP1 Decides to act;\nOP1 bis [Calls upon States to act;] (Canada, Norway)\n"
        "OP2 Decides to remain seized of the matter.\n"
    )
    assert not [f for f in check(res).findings if f.rule in ("punctuation", "lead-word", "numbering")]


def test_every_label_compile_gives_is_read_back() -> None:
    """`compile` labels the eighth to tenth paragraphs after one `octies`, `novies`, `decies`
    (engine/amend/labels.py); the reader knew only up to `septies` and glued them to the
    paragraph above, and `check` took `octies` for an alternative wording."""
    lines = ["OP1 Decides to act;"] + [
        f"OP1 {s} [Invites States to act on matter {k};] (Canada)" for k, s in enumerate(SUFFIXES, 1)
    ]
    res = read(
        "The General Assembly,\n\n" + "\n".join(lines) + "\nOP2 Decides to remain seized of the matter.\n"
    )
    assert [p.number for p in res.provisions] == ["1", *(f"1 {s}" for s in SUFFIXES), "2"]
    assert not [f for f in check(res).findings if f.rule == "numbering"]


def test_a_paragraph_before_the_first_is_labelled_pp0_bis_without_a_fault() -> None:
    """A paragraph proposed before PP1 is `PP0 bis` (the labels of `compile` and `apply`):
    `check` warned that it follows no PP0."""
    res = read(
        "The General Assembly,\n\nPP0 bis [Guided by the Charter,] (Canada)\nPP1 Recalling its resolutions,\n"
        "OP0 bis [Welcomes the report;] (Canada)\nOP1 Decides to act;\n"
        "OP2 Decides to remain seized of the matter.\n"
    )
    assert [p.number for p in res.provisions] == ["0 bis", "1", "0 bis", "1", "2"]
    assert not [f for f in check(res).findings if f.rule == "numbering"]


def test_a_paragraph_ends_past_the_proposals_on_it() -> None:
    """What ends a paragraph is read past the proposals said of it, a status tag after them,
    and quoted words longer than the window the reader looks at."""
    assert ends_paragraph("Decides; [Canada: delete] (agreed)")
    assert ends_paragraph("Decides, [A: delete] / [B: replace with " + '"' + "y" * 100 + '"] (conflicting)')
    assert not ends_paragraph("Decides (A/78/53)")


def test_a_title_is_read_past_the_proposals_on_it(tmp_path: Path) -> None:
    """The line before the body line is the title when its words are one: measured and ended
    without the proposals after them. A title line past 300 characters with its proposals,
    or one whose proposal quotes a date or a meeting, was no title, and its proposals went
    unreported."""
    from engine.amend.parse import parse

    new = "global cooperation, as agreed on 25 June 1993 at the 82nd meeting of the World Conference " + (
        "and reaffirmed since " * 10
    )
    listed = parse(
        f'Proposed by: Peru\nIn the title, replace "international cooperation" with "{new}".\n', A51
    )
    text = render_text(compile_lists(A51, [listed]))
    title_line = text.split("\n\n")[1]
    assert len(title_line) > 300
    res = read_bytes(text.encode("utf-8"), lang="en")
    assert res.meta.title == title_line
    assert [f.message for f in check(res).findings if f.provision is None] == [
        "title: 1 delegation proposal(s) on it (Peru); settle them before adoption."
    ]
