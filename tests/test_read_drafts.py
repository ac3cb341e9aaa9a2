"""Drafts as people type them: one paragraph per block, numbering faults, negotiation labels.

Each test types a real resolution (the seed HRC 25/3 in Chinese, the Third Committee draft
A/C.3/78/L.41 in English, both from history/) the way a drafter would, breaks it the way
drafts get broken, reads it back with the reader and checks that every provision is there,
whole and separate, and that each fault is reported with its line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.model import Resolution
from engine.read import read_bytes
from engine.read.structure import ends_paragraph
from engine.store import canonical

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "history/intl-cooperation-hr/zh/A-HRC-RES-25-3.md"
L41 = ROOT / "history/iran-hr/en/A-C.3-78-L.41.md"


def stored(path: Path) -> Resolution:
    return canonical.loads(path.read_text(encoding="utf-8"))


def typed(res: Resolution, *, numbers: dict[str, str] | None = None, sep: str = "\n\n") -> str:
    """The resolution as a drafter types it: title, body line, a block per provision.

    `numbers` overrides the printed operative number of some provisions by id (a skipped
    or repeated number; "" for a number left out); footnotes are left out.
    """
    numbers = numbers or {}
    blocks = [res.meta.title or "", res.body_line or ""]
    for p in res.provisions:
        if p.kind == "preamble":
            blocks.append(p.text)
        elif p.kind == "operative":
            number = numbers.get(p.id, p.number)
            blocks.append(f"{number}. {p.text}" if number else p.text)
        else:
            blocks.append(f"({p.number}) {p.text}")
    return sep.join(blocks) + "\n"


def texts(res: Resolution) -> list[str]:
    return [p.text for p in res.provisions]


def read(text: str, lang: str = "auto") -> Resolution:
    return read_bytes(text.encode("utf-8"), lang=lang)


def codes(res: Resolution) -> list[str]:
    return [w.code for w in res.warnings]


@pytest.fixture(scope="module")
def seed() -> Resolution:
    return stored(SEED)


@pytest.fixture(scope="module")
def l41() -> Resolution:
    return stored(L41)


@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blocks", "lines"])
@pytest.mark.parametrize("name", ["seed", "l41"])
def test_a_typed_resolution_reads_as_stored(name: str, sep: str, request: pytest.FixtureRequest) -> None:
    res: Resolution = request.getfixturevalue(name)
    got = read(typed(res, sep=sep))
    assert texts(got) == texts(res)
    assert [p.id for p in got.provisions] == [p.id for p in res.provisions]
    assert "layout" in codes(got)


def test_a_paragraph_without_a_lead_word_is_its_own_paragraph(seed: Resolution) -> None:
    # The drafter splits pp1 after "相关规定，": the second half opens with no lead word.
    pp1 = seed.provisions[0].text
    head, tail = pp1.split("相关规定，", 1)
    text = typed(seed).replace(pp1, f"{head}相关规定，\n\n{tail}")
    got = read(text)
    assert texts(got)[:2] == [f"{head}相关规定，", tail]
    assert len(got.provisions) == len(seed.provisions) + 1


def test_an_english_paragraph_without_a_lead_word(l41: Resolution) -> None:
    pp1 = l41.provisions[0].text
    head, tail = pp1.split(", ", 1)
    text = typed(l41).replace(pp1, f"{head},\n\n{tail[0].upper()}{tail[1:]}")
    got = read(text)
    assert texts(got)[0] == f"{head},"
    assert got.provisions[1].kind == "preamble"
    assert len(got.provisions) == len(l41.provisions) + 1


@pytest.mark.parametrize("name", ["seed", "l41"])
def test_a_skipped_number_is_a_paragraph_and_reported(name: str, request: pytest.FixtureRequest) -> None:
    res: Resolution = request.getfixturevalue(name)
    got = read(typed(res, numbers={"op5": "6", "op6": "7", "op7": "8"}))
    assert texts(got) == texts(res)
    assert [p.number for p in got.provisions if p.kind == "operative"][3:6] == ["4", "6", "7"]
    skipped = [w for w in got.warnings if w.code == "numbering-skipped"]
    assert len(skipped) == 1 and "5 missing" in skipped[0].message
    assert skipped[0].line is not None and typed(res).count("\n") > skipped[0].line > 0


@pytest.mark.parametrize("name", ["seed", "l41"])
def test_a_repeated_and_a_missing_number(name: str, request: pytest.FixtureRequest) -> None:
    res: Resolution = request.getfixturevalue(name)
    got = read(typed(res, numbers={"op4": "3", "op8": ""}))
    assert texts(got) == texts(res)
    assert {"numbering-repeated", "numbering-missing"} <= set(codes(got))
    assert got.provision("op8").number == ""


def test_numbers_out_of_order_are_paragraphs_and_reported(l41: Resolution) -> None:
    got = read(typed(l41, numbers={"op3": "4", "op4": "3"}))
    assert texts(got) == texts(l41)
    assert "numbering-out-of-order" in codes(got)


def test_a_paragraph_that_starts_with_a_symbol(l41: Resolution) -> None:
    op9 = l41.provision("op9").text
    text = typed(l41).replace(f"9. {op9}", f"9. 50/174. Strengthening of {op9}")
    got = read(text)
    assert len(got.provisions) == len(l41.provisions)
    assert got.provision("op9").text == f"50/174. Strengthening of {op9}"
    assert got.provision("op10").number == "10"


def test_numbers_past_999() -> None:
    paras = [f"{n}. Requests the Secretary-General to report on item {n};" for n in range(1, 1201)]
    text = "Compilation\n\nThe General Assembly,\n\nRecalling its resolutions,\n\n" + "\n\n".join(paras)
    got = read(text.rstrip(";") + ".")
    ops = [p for p in got.provisions if p.kind == "operative"]
    assert len(ops) == 1200
    assert ops[-1].number == "1200" and ops[-1].text.endswith("item 1200.")
    assert not [c for c in codes(got) if c.startswith("numbering")]


def test_a_year_at_a_line_start_is_not_a_number() -> None:
    text = (
        "The General Assembly,\n\nRecalling its resolution 68/160 of 18 December\n2013. And more,\n\n"
        "1. Welcomes the report;\n\n2. Decides to remain seized of the matter.\n"
    )
    got = read(text, lang="en")
    assert [p.id for p in got.provisions] == ["pp1", "op1", "op2"]


def test_negotiation_labels(l41: Resolution) -> None:
    blocks = [l41.meta.title or "", l41.body_line or ""]
    for i, p in enumerate(l41.provisions[:3], start=1):
        blocks.append(f"PP{i} {p.text}")
    ops = [p for p in l41.provisions if p.kind == "operative"][:4]
    for i, p in enumerate(ops, start=1):
        blocks.append(f"OP{i}. {p.text}")
    blocks.insert(6, "OP1 bis Calls upon States to [strengthen] cooperation; (agreed ad ref)")
    got = read("\n\n".join(blocks)[:-1] + ".\n")
    assert [p.id for p in got.provisions] == ["pp1", "pp2", "pp3", "op1", "op2", "op3", "op4", "op5"]
    assert [p.number for p in got.provisions][3:] == ["1", "1 bis", "2", "3", "4"]
    assert got.provision("op2").text == "Calls upon States to [strengthen] cooperation; (agreed ad ref)"
    assert got.provision("op2").bracketed == 1
    assert got.provision("op2").status == "agreed ad ref"
    assert "negotiation-label" in codes(got)
    # the label kept as printed in the canonical file
    assert "op2 (1 bis): Calls upon" in canonical.dumps(got)


def labelled(l41: Resolution, ops: list[str]) -> str:
    """L.41 typed with negotiation labels: PP1-PP3, then its first operative paragraphs under
    the given labels ("" for a paragraph typed without one)."""
    blocks = [l41.meta.title or "", l41.body_line or ""]
    blocks += [f"PP{i} {p.text}" for i, p in enumerate(l41.provisions[:3], start=1)]
    texts = [p.text for p in l41.provisions if p.kind == "operative"]
    blocks += [f"{label} {text}" if label else text for label, text in zip(ops, texts, strict=False)]
    return "\n\n".join(blocks) + "\n"


def test_a_skipped_label_is_reported_as_a_skipped_number_is(l41: Resolution) -> None:
    got = read(labelled(l41, ["OP1", "OP2", "OP3", "OP3 bis", "OP4", "OP6", "OP7"]))
    assert [p.number for p in got.provisions][3:] == ["1", "2", "3", "3 bis", "4", "6", "7"]
    found = [(w.code, w.message) for w in got.warnings if w.code.startswith("numbering")]
    assert found == [("numbering-skipped", "OP6 follows OP4: OP5 missing")]


def test_labels_repeated_out_of_order_or_skipped_in_the_preamble(l41: Resolution) -> None:
    text = labelled(l41, ["OP1", "OP1", "OP3 bis", "OP2"])
    text = text.replace("PP2 ", "PP3 ", 1).replace("PP3 W", "PP4 W")  # PP1, PP3, PP4
    got = read(text)
    found = [(w.code, w.message) for w in got.warnings if w.code.startswith("numbering")]
    assert found == [
        ("numbering-skipped", "PP3 follows PP1: PP2 missing"),
        ("numbering-repeated", "OP1 repeats OP1"),
        ("numbering-skipped", "OP3 bis follows OP1: OP2 to OP3 missing"),
        ("numbering-out-of-order", "OP2 comes after OP3 bis"),
    ]


def test_a_paragraph_typed_without_its_label_names_the_one_before(l41: Resolution) -> None:
    got = read(labelled(l41, ["OP1", "OP2", "OP2 bis", "", "OP3"]))
    missing = [w.message for w in got.warnings if w.code == "numbering-missing"]
    assert missing == ["a paragraph without a number after operative paragraph 2 bis"]
    assert [p.number for p in got.provisions][3:] == ["1", "2", "2 bis", "", "3"]


def test_a_paragraph_without_a_number_after_an_unnumbered_one() -> None:
    text = "The General Assembly,\n\nRecalling its resolutions,\n\nDecides to act;\n\nUrges States.\n"
    got = read(text, lang="en")
    missing = [w.message for w in got.warnings if w.code == "numbering-missing"]
    assert missing == ["a paragraph without a number after an operative paragraph without a number"]


def test_a_changed_operative_verb_in_a_labelled_draft_is_that_paragraph() -> None:
    base = "The General Assembly,\n\nPP1 Recalling its resolutions,\n\nOP1 Welcomes the report;\n\n"
    old = read(base + "OP2. Calls upon States to act.\n", lang="en")
    new = read(base + "OP2. Urges States to act.\n", lang="en")
    assert [p.id for p in old.provisions] == [p.id for p in new.provisions] == ["pp1", "op1", "op2"]
    assert new.provision("op2").text == "Urges States to act."


def test_subparagraphs_lettered_out_of_order(l41: Resolution) -> None:
    chapeau = l41.provision("op30")
    subs = [p for p in l41.provisions if p.parent_id == "op30"]
    order = [subs[0], subs[2], subs[1]]
    text = typed(l41)
    block = "\n\n".join(f"({p.number}) {p.text}" for p in subs)
    text = text.replace(block, "\n\n".join(f"({p.number}) {p.text}" for p in order))
    got = read(text)
    assert [p.text for p in got.provisions if p.parent_id == "op30"][:3] == [p.text for p in order]
    assert got.provision("op30").text == chapeau.text
    assert "subparagraph-order" in codes(got)


def test_an_operative_style_paragraph_before_1_stays_in_the_preamble() -> None:
    text = (
        "The General Assembly,\n\nRecalling its resolutions,\n\nCalls upon States to cooperate;\n\n"
        "1. Welcomes the report;\n\n2. Decides to remain seized of the matter.\n"
    )
    got = read(text, lang="en")
    assert [p.id for p in got.provisions] == ["pp1", "pp2", "op1", "op2"]
    assert got.provision("pp2").text == "Calls upon States to cooperate;"


def test_a_decision_without_numbers_is_still_one_operative_paragraph() -> None:
    text = "The Human Rights Council,\n\nRecalling its resolution 22/1,\n\nDecides to hold a panel.\n"
    got = read(text, lang="en")
    assert [(p.id, p.number) for p in got.provisions] == [("pp1", ""), ("op1", "")]


def test_status_tag_does_not_hide_the_end_of_a_paragraph() -> None:
    assert ends_paragraph("Calls upon States to act; (agreed ad ref)")
    assert ends_paragraph("重申其承诺；（已商定）")
    assert not ends_paragraph("Calls upon States to act (pending")


def test_the_commands_print_the_readers_diagnostics(tmp_path: Path, seed: Resolution) -> None:
    """parse and diff say on stderr, as path:line: code: message, what the reader found odd."""
    import subprocess
    import sys

    resdiff = Path(sys.executable).parent / "resdiff"
    draft = tmp_path / "draft.txt"
    shifted = {
        p.id: str(int(p.number) + 1) for p in seed.provisions if p.kind == "operative" and int(p.number) >= 5
    }
    draft.write_text(typed(seed, numbers=shifted), encoding="utf-8")
    old = tmp_path / "old.txt"
    old.write_text(typed(seed), encoding="utf-8")
    parsed = subprocess.run([str(resdiff), "parse", str(draft)], capture_output=True, text=True, check=False)
    assert parsed.returncode == 0
    line = typed(seed).split("\n").index("5. " + seed.provision("op5").text) + 1
    assert parsed.stderr == f"{draft}:{line}: numbering-skipped: operative paragraph 6 follows 4: 5 missing\n"
    diffed = subprocess.run(
        [str(resdiff), "diff", str(old), str(draft), "--summary"], capture_output=True, text=True, check=False
    )
    assert diffed.returncode == 0  # renumbering is not a change
    assert diffed.stderr.startswith(f"{draft}:{line}: numbering-skipped:")
    verbose = subprocess.run(
        [str(resdiff), "parse", "-v", str(old)], capture_output=True, text=True, check=False
    )
    assert f"{old}:5: layout: read as a typed text: one paragraph per block" in verbose.stderr


def test_a_number_too_far_ahead_is_text_and_said(l41: Resolution) -> None:
    """`25.` after paragraph 4 is too far to be a paragraph number: it stays in the text (here
    of a paragraph of its own: the typed block), and that is reported, never silent."""
    text = typed(l41).replace(f"5. {l41.provision('op5').text}", f"25. {l41.provision('op5').text}")
    got = read(text)
    warned = [w for w in got.warnings if w.code == "numbering-as-text"]
    assert len(warned) == 1 and "25. stands where operative paragraph 5 was expected" in warned[0].message
    assert got.provision("op4").text == l41.provision("op4").text
    assert got.provision("op5").text == f"25. {l41.provision('op5').text}"
    wrapped = "The General Assembly,\nRecalling its resolutions,\n1. Welcomes the report of the\n"
    wrapped += (
        "Secretary-General;\n2. Notes with concern the events;\n20. Decides to remain seized of the matter.\n"
    )
    glued = read(wrapped, lang="en")
    assert [p.id for p in glued.provisions] == ["pp1", "op1", "op2"]
    assert "numbering-as-text" in codes(glued)


def test_a_chinese_typists_full_width_stop_and_digits_are_the_number(seed: Resolution) -> None:
    """`5．` (full-width stop) and `６.` (full-width digit) are paragraph numbers: `5．` was
    kept in the text of a paragraph "without a number", and 5 reported missing."""
    text = typed(seed).replace("\n5. ", "\n5．").replace("\n6. ", "\n６. ")
    got = read(text)
    assert texts(got) == texts(seed)
    assert [p.number for p in got.provisions if p.kind == "operative"][3:7] == ["4", "5", "6", "7"]
    assert not [w for w in got.warnings if w.code.startswith("numbering")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_paragraph_without_a_number_after_a_label_names_the_label(lang: str) -> None:
    """After `OP5` a paragraph without a label was said to follow "operative paragraph 0"."""
    if lang == "zh":
        body = (
            "人权理事会，\n\nPP1 重申其决议，\n\nOP5 请高级专员办事处努力增强对话；\n\n"
            "各国继续支持这两项基金；\n\nOP7 决定继续审议此事。\n"
        )
    else:
        body = (
            "The Human Rights Council,\n\nPP1 Recalling its resolutions,\n\nOP5 Requests the Office to act;"
            "\n\nStates to continue to support the funds;\n\nOP7 Decides to remain seized of the matter.\n"
        )
    got = read(body, lang=lang)
    missing = [w for w in got.warnings if w.code == "numbering-missing"]
    message = "a paragraph without a number after operative paragraph 5"
    assert [(w.line, w.message) for w in missing] == [(7, message)]


@pytest.mark.parametrize("name", ["seed", "l41"])
def test_a_lost_comma_does_not_glue_two_typed_paragraphs(name: str, request: pytest.FixtureRequest) -> None:
    """A typed preambular paragraph without its final comma, the next block opening with a
    lead word (`又确认`, `Recalling`): two paragraphs, and `unterminated` said. In Chinese they
    were glued into one, silently, and `diff` called it a merge."""
    res: Resolution = request.getfixturevalue(name)
    pid = "pp5" if name == "seed" else "pp2"
    text = typed(res).replace(res.provision(pid).text, res.provision(pid).text[:-1])
    got = read(text)
    assert len(got.provisions) == len(res.provisions)
    assert got.provision(pid).text == res.provision(pid).text[:-1]
    assert [w.code for w in got.warnings if w.code == "unterminated"] == ["unterminated"]


def test_superscript_footnote_markers_pasted_from_word_are_footnotes(seed: Resolution) -> None:
    """`书面材料；¹` and a body `¹ A/HRC/24/56。`, as a page pasted from Word or the web gives
    them: footnotes, as the seed's digits are (the markers stayed in the text and the bodies
    became an operative paragraph "without a number")."""
    op11 = seed.provision("op11").text
    text = typed(seed).replace(op11, op11 + "¹").replace("汇编的资料，", "汇编的资料，²", 1)
    got = read(text + "\n¹ A/HRC/24/56。\n² A/HRC/19/50。\n")
    assert texts(got) == texts(seed)
    assert [(f.marker, f.text) for f in got.footnotes] == [("1", "A/HRC/24/56。"), ("2", "A/HRC/19/50。")]
    assert [r.marker for r in got.provision("op12").footnotes] == ["2"]
    assert not [w for w in got.warnings if w.code.startswith(("numbering", "footnote"))]


def test_a_half_width_full_stop_after_chinese_is_the_full_stop(seed: Resolution) -> None:
    """`继续审议此事.` typed for `继续审议此事。` is the same text, as `,` for `，` is (it was a
    reworded paragraph in diff and a punctuation warning in check); `.` next to a Latin letter
    or digit stays (`A/HRC/24/56.`)."""
    last = seed.provisions[-1].text
    got = read(typed(seed).replace(last, last[:-1] + "."))
    assert texts(got) == texts(seed)
    from engine.read.tidy import tidy_text

    assert tidy_text("见A/HRC/24/56.", "zh") == "见A/HRC/24/56."
    assert tidy_text("增长1.5倍", "zh") == "增长1.5倍"


def test_a_chinese_text_without_body_line_is_told_with_a_chinese_example(seed: Resolution) -> None:
    """The warning named 'The General Assembly,' to a Chinese drafter."""
    text = "\n\n".join(p.text for p in seed.provisions if p.kind == "preamble") + "\n"
    [warning] = [w for w in read(text).warnings if w.code == "no-body-line"]
    assert warning.message == "no body line (such as '大会，' or '人权理事会，') found"


def test_a_number_typed_as_5_dun_is_named_in_the_warning(seed: Resolution) -> None:
    """`5、重申…` (the enumeration comma of Chinese lists): not read as a number (a 、 list
    item is not a UN paragraph number), but the warning says what stands there instead of
    only "a paragraph without a number"."""
    got = read(typed(seed).replace("\n5. ", "\n5、"))
    [missing] = [w for w in got.warnings if w.code == "numbering-missing"]
    assert missing.message == (
        "a paragraph without a number after operative paragraph 4 "
        "(it opens with '5、', not read as a paragraph number; write 5.)"
    )


def test_a_chinese_draft_whose_numbers_were_lost_keeps_its_operative_part(seed: Resolution) -> None:
    """Pasted from Word, automatic numbering is lost: the operative paragraphs (ending
    `；`/`。`) were all read as preambular, silently, and `diff` called the text unchanged
    with 22 paragraphs "moved". Now they are operative, each reported unnumbered, as in
    English (where `Welcomes` opens the operative part)."""
    got = read(typed(seed, numbers={p.id: "" for p in seed.provisions if p.kind == "operative"}))
    assert [p.kind for p in got.provisions] == [p.kind for p in seed.provisions]
    assert texts(got) == texts(seed)
    assert len([w for w in got.warnings if w.code == "numbering-missing"]) == 21


def test_numbers_typed_with_a_parenthesis(l41: Resolution) -> None:
    # `2) Welcomes ...` (as e-mail and word processors number) stayed in the text of a
    # paragraph "without a number", every other paragraph reported.
    text = typed(l41)
    for n in (1, 2, 3, 10, 35):
        text = text.replace(f"\n{n}. ", f"\n{n}) ", 1)
    got = read(text)
    assert texts(got) == texts(l41)
    assert [p.number for p in got.provisions] == [p.number for p in l41.provisions]
    assert not [c for c in codes(got) if c.startswith("numbering")]


def test_a_number_glued_as_a_marker_out_of_sequence_is_kept_and_named(seed: Resolution) -> None:
    """`资料，2其中` with no footnote text anywhere: 2 is not the marker expected (1), so it
    stays in the text, and the reader names its line; it stayed without a word."""
    pp = seed.provisions[3]
    cut = pp.text.index("，") + 1
    glued = pp.text[:cut] + "2" + pp.text[cut:]
    text = typed(seed).replace(pp.text, glued)
    res = read(text)
    assert res.provisions[3].text == glued and not res.provisions[3].footnotes
    [doubt] = [w for w in res.warnings if w.code == "footnote-marker-doubtful"]
    assert doubt.line == text.split("\n").index(glued) + 1
    assert "，2" in doubt.message and "expected is 1" in doubt.message
    # The same glued after a character, and English glued to a comma or a word.
    res = read(text.replace(glued, pp.text[: cut - 1] + "2" + pp.text[cut - 1 :]))
    assert codes(res).count("footnote-marker-doubtful") == 1
    en = "The General Assembly,\n\nRecalling the Vienna Declaration,{} and the Charter,\n\n1. Decides.\n"
    assert codes(read(en.format("2"))).count("footnote-marker-doubtful") == 1
    assert codes(read(en.format(" and relations10"))).count("footnote-marker-doubtful") == 1


@pytest.mark.parametrize(
    "wording",
    [
        "回顾第2段和2014年的决议以及2个报告，",  # ordinal, year, counter
        "注意到5G网络、COVID-19和二十国集团（G20），",  # Latin after or before
        "Noting the G20 and CO2 emissions, H1N1 and items 1,2 and 3, and the paragraph 3,",
        "Noting resolutions 2, 3 and 4, and Rights, 2 and 3,",  # a space after the comma
    ],
)
def test_numbers_of_the_wording_are_no_doubtful_markers(wording: str) -> None:
    body = "大会，" if wording[0] > "~" else "The General Assembly,"
    op = "1. 决定。" if wording[0] > "~" else "1. Decides."
    res = read(f"{body}\n\n{wording}\n\n{op}\n")
    assert res.provisions[0].text == wording
    assert "footnote-marker-doubtful" not in codes(res)


def test_a_marker_out_of_sequence_with_its_footnote_on_the_page_is_a_marker() -> None:
    """Marker 1 lost, `Declaration,2` with footnote 2 at the foot of the page: marker 2 (it
    stayed in the text, and the reader said only that footnote 2 was not referenced)."""
    text = (
        "The General Assembly,\n\nRecalling the Vienna Declaration,2 and the Charter,\n\n"
        "1. Decides to remain seized of the matter.\n\n__________________\n"
        "1 Resolution 217 A (III).\n2 A/CONF.157/24 (Part I), chap. III.\n"
    )
    res = read(text)
    assert res.provisions[0].text == "Recalling the Vienna Declaration, and the Charter,"
    assert [r.marker for r in res.provisions[0].footnotes] == ["2"]
    assert codes(res) == ["footnote-unreferenced"]  # footnote 1, whose marker was lost


@pytest.mark.parametrize("page", ["- 3 -", "— 3 —", "Page 3", "Page 3 of 9", "第3页", "第 3 页，共 9 页"])
def test_a_page_number_line_is_no_wording(page: str, seed: Resolution, l41: Resolution) -> None:
    """A Word draft's or a printed copy's page number on a line of its own, where a page break
    cuts a paragraph or falls between two: it was glued into the paragraph (`duty of States
    Page 2 to promote`) or read as a preambular paragraph `— 2 —`, without a word."""
    for res in (seed, l41):
        text = typed(res)
        within = res.provisions[2].text
        cut = len(within) // 2
        while not within[cut].isspace() and res.meta.language == "en":
            cut += 1
        broken = text.replace(within, f"{within[:cut]}\n{page}\n{within[cut:].lstrip()}", 1)
        blocks = broken.split("\n\n")
        broken = "\n\n".join([*blocks[:8], page, *blocks[8:]])  # between two paragraphs
        got = read(broken)
        assert texts(got) == texts(read(text))


FOOTNOTED = {
    "en": (
        "The General Assembly,\n\nRecalling the Vienna Declaration and Programme of Action,1 and\n"
        "1 A/CONF.157/24 (Part I), chap. III.\nthe Charter,\n\n"
        "Taking note of the report of the Secretary-General,2 and of the views expressed\n"
        "2 {body}\nby Member States,\n\n1. Decides to remain seized of the matter.\n"
    ),
    "zh": (
        "大会，\n\n重申《维也纳宣言和行动纲领》，1以及\n1 A/CONF.157/24（第一部分），第三章。\n"
        "《联合国宪章》，\n\n"
        "注意到秘书长的报告2以及会员国\n2 {body}\n表达的意见，\n\n1. 决定继续处理这个问题。\n"
    ),
}


@pytest.mark.parametrize(
    ("lang", "body"),
    [("en", "The report is contained in document A/75/123."), ("zh", "该报告载于A/75/123号文件。")],
)
def test_a_footnote_body_typed_inside_its_paragraph_is_a_footnote(lang: str, body: str) -> None:
    """A body that does not open as a citation, on its own line inside the paragraph that
    cites it: it was joined to the paragraph ('expressed 2 The report is ... by Member
    States,'; in Chinese its 2 read as the marker a second time), said only as 'footnote
    marker 2 has no footnote text'."""
    res = read(FOOTNOTED[lang].format(body=body))
    assert [f.text for f in res.footnotes][1] == body
    assert body not in res.provisions[1].text and [r.marker for r in res.provisions[1].footnotes] == ["2"]
    assert not [w for w in res.warnings if w.code.startswith("footnote")]


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "2 Also requests the Secretary-General to report;"),  # a number without its stop
        ("en", "2 countries and by Member States,"),  # wording cut after a number
        ("zh", "2 个国家以及"),  # a counter
        ("zh", "2 又请秘书长提交报告；"),
    ],
)
def test_a_numbered_line_that_reads_as_wording_is_no_footnote_body(lang: str, line: str) -> None:
    res = read(FOOTNOTED[lang].replace("2 {body}", line))
    assert len(res.footnotes) == 1


def test_a_doubtful_marker_is_named_on_its_own_line_of_the_paragraph() -> None:
    """The warning names the line the number is on, not the paragraph's first line; a
    full-width `２` (PDF text puts spaces around digits: `资料， ２ 其中`) is found there too."""
    text = (
        "大会，\n\n注意到秘书长提交的报告\n所载的资料， ２ 其中包括各国提供的资料，\n\n"
        "1. 重申各国有义务促进和保护人权；\n\n2. 请秘书长提交报告。\n"
    )
    res = read(text)
    [doubt] = [w for w in res.warnings if w.code == "footnote-marker-doubtful"]
    assert doubt.line == 4 and res.provisions[0].line == 3
    assert "２" in res.provisions[0].text


@pytest.mark.parametrize(
    ("lines", "doubtful"),
    [
        ("Programme of Action\n2\nand the Charter", True),  # not the marker expected: kept, said
        ("Programme of Action\n1\nand the Charter", False),  # the marker expected: a marker
        ("and of its Article\n2\nof the Charter", False),  # a number the word before counts
    ],
)
def test_a_number_alone_on_a_line_inside_a_paragraph(lines: str, doubtful: bool) -> None:
    """An extracted marker (or page number) on a line of its own that is not the next marker
    stayed in the text as `Action 2 and`, and nothing was said."""
    res = read(f"The General Assembly,\n\nRecalling the Vienna Declaration and {lines},\n\n1. Decides.\n")
    said = [w for w in res.warnings if w.code == "footnote-marker-doubtful"]
    assert [w.line for w in said] == ([4] if doubtful else [])
    assert ("Action 2 and" in res.provisions[0].text) == doubtful


@pytest.mark.parametrize("heading", ["Notes", "Footnotes:", "注释", ""])
def test_footnotes_typed_at_the_end_under_a_heading_are_footnotes(heading: str) -> None:
    """A Word draft pasted as text ends with its footnotes, often under `Notes`: the second
    body (no citation at its start) and the heading were read as an operative paragraph
    without a number ('Notes 2 The report is contained in A/75/123.')."""
    text = (
        "The General Assembly,\n\nRecalling the Vienna Declaration,1 and the report of the "
        "Secretary-General,2\n\n1. Decides to remain seized of the matter.\n\n"
        f"{heading}\n1 A/CONF.157/24.\n2 The report is contained in A/75/123.\n"
    )
    res = read(text)
    assert [p.id for p in res.provisions] == ["pp1", "op1"]
    assert [f.text for f in res.footnotes] == ["A/CONF.157/24.", "The report is contained in A/75/123."]
    assert not [w for w in res.warnings if w.severity != "note"]


def test_wording_after_a_footnote_body_that_starts_with_a_day_is_wording() -> None:
    text = (
        "The General Assembly,\n\nRecalling the Vienna Declaration,1 and its resolution of\n"
        "1 A/CONF.157/24.\n2 December 2013 on the matter,\n\n1. Decides to remain seized of the matter.\n"
    )
    res = read(text)
    assert res.provisions[0].text.endswith("resolution of 2 December 2013 on the matter,")
    assert len(res.footnotes) == 1


def test_text_after_the_last_full_stop_is_said() -> None:
    """An annex (or a note, a list of sponsors) after the last operative paragraph of a short
    text read as extracted lines was joined to that paragraph without a word."""
    text = (
        "The General Assembly,\n\nRecalling its resolutions,\n\n1. Reaffirms the duty of States;\n\n"
        "2. Decides to remain seized of the matter.\n\nAnnex\n\n"
        "List of the States that joined the consensus: Brazil, China, France.\n"
    )
    res = read(text)
    [said] = [w for w in res.warnings if w.code == "after-final-stop"]
    assert said.line == 9 and "'Annex'" in said.message
    # a last paragraph that ends where the text ends says nothing
    assert "after-final-stop" not in codes(read(text.split("\n\nAnnex")[0] + "\n"))


@pytest.mark.parametrize(
    ("lang", "text", "wording", "notes"),
    [
        (
            "en",
            "The General Assembly,\n\nRecalling the Vienna Declaration,1 and the\n__________________\n"
            "1 See Official Records of the General Assembly, Seventy-eighth Session, Supplement No. 53\n"
            "(A/78/53), chap. III.\nimportance of international cooperation in the field of human rights,\n\n"
            "Noting the report,\n\n1. Decides to remain seized of the matter.\n",
            [
                "Recalling the Vienna Declaration, and the importance of international cooperation in the "
                "field of human rights,",
                "Noting the report,",
            ],
            [
                "See Official Records of the General Assembly, Seventy-eighth Session, Supplement No. 53 "
                "(A/78/53), chap. III."
            ],
        ),
        (
            "zh",
            "大会，\n\n重申《维也纳宣言和行动纲领》，1以及国际合作在人权领域\n__________________\n"
            "1 A/CONF.157/24（第一部分），第三章。\n的重要性，\n\n注意到秘书长的报告，\n\n"
            "1. 决定继续处理这个问题。\n",
            ["重申《维也纳宣言和行动纲领》，以及国际合作在人权领域的重要性，", "注意到秘书长的报告，"],
            ["A/CONF.157/24（第一部分），第三章。"],
        ),
    ],
)
def test_wording_after_footnotes_under_a_rule_without_page_furniture(
    lang: str, text: str, wording: list[str], notes: list[str]
) -> None:
    """A rule of underscores and a footnote cut a paragraph; pasted without the page's
    furniture, the rest of the paragraph and every paragraph up to the operative part were
    read as the footnote's text, without a word."""
    res = read(text, lang)
    assert [p.text for p in res.provisions if p.kind == "preamble"] == wording
    assert [f.text for f in res.footnotes] == notes


CORPUS = ROOT / "tests/golden/read/corpus"


def _numbered(labels: list[str]) -> tuple[str, list[str]]:
    """A/RES/52/142 (zh, as stored) with its subparagraphs (a) to (f) of operative paragraph
    3 numbered as a Chinese drafter numbers a list: `(1)` ... with the given numbers."""
    text = (CORPUS / "zh/A-RES-52-142.txt").read_text(encoding="utf-8")
    for letter, label in zip("abcdef", labels, strict=True):
        text = text.replace(f"\n({letter}) ", f"\n({label}) ", 1)
    return text, text.split("\n")


def test_a_list_numbered_1_2_3_reads_as_the_lettered_one() -> None:
    lettered = read((CORPUS / "zh/A-RES-52-142.txt").read_text(encoding="utf-8"))
    text, _ = _numbered(["1", "2", "3", "4", "5", "6"])
    got = read(text)
    assert texts(got) == texts(lettered)
    assert [p.id for p in got.provisions] == [p.id for p in lettered.provisions]
    assert [p.number for p in got.provisions if p.parent_id == "op3"] == ["1", "2", "3", "4", "5", "6"]
    assert codes(got) == codes(lettered)  # no footnote-no-text for (1), no paragraph "without a number"


@pytest.mark.parametrize(
    ("labels", "at", "said"),
    [
        (["1", "2", "4", "5", "6", "7"], 2, "numbered item (4) follows (2): (3) missing"),
        (["1", "2", "2", "3", "4", "5"], 2, "numbered item (2) repeats the number before"),
        (["2", "3", "4", "5", "6", "7"], 0, "numbered item (2) opens the list: (1) missing"),
        (["1", "2", "3", "2", "3", "4"], 3, "numbered item (2) comes after (3)"),
    ],
)
def test_a_numbered_item_out_of_sequence_is_said_with_its_line(labels: list[str], at: int, said: str) -> None:
    """`(1)` then `(3)`, or `(2)` with no `(1)`: each item is still a subparagraph of its own,
    and the fault is said on the line of the item. The first item was taken for footnote
    marker 1, the others stayed in the text of paragraphs said to have no number, and a
    skipped or repeated item number was not said at all."""
    lettered = read((CORPUS / "zh/A-RES-52-142.txt").read_text(encoding="utf-8"))
    text, lines = _numbered(labels)
    got = read(text)
    subs = [p for p in got.provisions if p.parent_id == "op3"]
    assert [p.number for p in subs] == labels
    assert [p.text for p in subs] == [p.text for p in lettered.provisions if p.parent_id == "op3"]
    [fault] = [w for w in got.warnings if w.code == "subparagraph-order"]
    assert fault.message.startswith(said)
    assert fault.line == [no for no, x in enumerate(lines, 1) if x.startswith("(")][at]
    assert sorted(codes(got)) == sorted([*codes(lettered), "subparagraph-order"])


def test_an_inline_numbered_list_keeps_its_numbers_and_says_nothing() -> None:
    """`请秘书长：(1)提交报告；(2)采取行动；` inside a paragraph: the numbers are the list's,
    not footnote markers (taken out, with 'no footnote text' each); the corpus's own `(n)`,
    footnote markers glued after a word or comma, are still markers."""
    text = "大会，\n\n回顾其以往各项决议，\n\n1. 请秘书长：(1)提交报告；(2)采取行动；\n\n2. 决定继续审议。\n"
    got = read(text)
    assert got.provision("op1").text == "请秘书长：（1）提交报告；（2）采取行动；"
    assert not got.provision("op1").footnotes
    assert codes(got) == ["layout"]
    markers = read((CORPUS / "zh/A-RES-53-158.txt").read_text(encoding="utf-8"))
    assert [r.marker for p in markers.provisions for r in p.footnotes][:4] == ["1", "2", "3", "4"]


def test_a_paragraph_typed_with_a_number_in_brackets_is_named_so() -> None:
    """`(2) 决定……` after `1. ……；` (no chapeau, no list): a paragraph whose number was typed in
    a form not read as one, said with that number; `(2)` is not a footnote marker either."""
    text = "大会，\n\n回顾其以往各项决议，\n\n1. 请秘书长提交报告；\n\n(2) 决定继续审议这个问题。\n"
    got = read(text)
    assert got.provision("op2").text == "（2）决定继续审议这个问题。"
    [missing] = [w for w in got.warnings if w.code == "numbering-missing"]
    assert "it opens with '(2)'" in missing.message and "write 2." in missing.message and missing.line == 7
