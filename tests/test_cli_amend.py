"""`resdiff amend` and `resdiff apply` as a user meets them: the list in each format, the
amended text, and the failures as one Error line with exit status 2 and nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from engine.align import fold
from engine.read.openers import BODY_LINES, body_line_forms, body_line_match
from engine.store import canonical

from .test_cli import ROOT, SEED, assert_one_error_line, run

HISTORY = ROOT / "history"
GOLDEN = ROOT / "tests" / "golden" / "amend" / "zh-ga-51-102-to-53-148"
SCHEMA = json.loads((ROOT / "engine/render/schemas/amendments.schema.json").read_text(encoding="utf-8"))


def amend(*args: str):
    return run("amend", *args, "--history", str(HISTORY))


def test_amend_prints_the_un_style_list() -> None:
    result = amend("A/RES/51/102", "A/RES/53/148", "--lang", "zh")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (GOLDEN / "expected.text").read_text(encoding="utf-8")


def test_amend_then_apply_gives_the_new_text(tmp_path: Path) -> None:
    listed = tmp_path / "list.json"
    result = amend("A/RES/51/102", "A/RES/53/148", "--lang", "zh", "--format", "json", "-o", str(listed))
    assert result.returncode == 0, result.stderr
    jsonschema.validate(json.loads(listed.read_text(encoding="utf-8")), SCHEMA)
    out = tmp_path / "amended.md"
    result = run(
        "apply", "A/RES/51/102", str(listed), "--lang", "zh", "-o", str(out), "--history", str(HISTORY)
    )
    assert result.returncode == 0, result.stderr
    amended = canonical.loads(out.read_text(encoding="utf-8"), str(out))
    new = canonical.loads((GOLDEN / "new.md").read_text(encoding="utf-8"), "new.md")
    # A/RES/53/148 is an excerpt cut short mid-sentence in op3: no amendment says the rest.
    assert [(p.id, fold(p.text)) for p in amended.provisions if p.id != "op3"] == [
        (p.id, fold(p.text)) for p in new.provisions if p.id != "op3"
    ]
    assert [p.id for p in amended.provisions] == [p.id for p in new.provisions]


def write_list(tmp_path: Path, *amendments: dict) -> Path:
    path = tmp_path / "list.json"
    data = {"schema": "resdiff.amendments/1", "language": "zh", "proposer": "Delegation A",
            "amendments": list(amendments)}  # fmt: skip
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_hand_made_list_applies_to_the_seed(tmp_path: Path) -> None:
    """A list written by hand, as a delegation would, against the raw seed text."""
    listed = write_list(
        tmp_path,
        {"operation": "replace-words", "target": "pp3", "ref": "序言部分第三段",
         "old": "第23/3号", "new": "第24/1号"},
        {"operation": "insert-provision", "target": "op5", "ref": "执行部分第5段", "position": "after",
         "pieces": [{"text": "决定继续审议这一问题；", "part": "op", "depth": 0}]},
        {"operation": "delete-provision", "targets": ["op7"], "refs": ["执行部分第7段"]},
    )  # fmt: skip
    result = run("apply", str(SEED), str(listed), "--format", "text")
    assert result.returncode == 0, result.stderr
    assert "第24/1号决议" in result.stdout and "第23/3号" not in result.stdout
    assert "\n6. 决定继续审议这一问题；\n" in result.stdout


def test_a_missing_target_stops_the_run_and_writes_nothing(tmp_path: Path) -> None:
    listed = write_list(
        tmp_path, {"operation": "delete-provision", "targets": ["op99"], "refs": ["执行部分第99段"]}
    )
    out = tmp_path / "out.md"
    result = run("apply", str(SEED), str(listed), "-o", str(out))
    assert_one_error_line(result, "amendment 1 (执行部分第99段): the base text has no such provision (op99)")
    assert not out.exists()


def test_ambiguous_words_are_named(tmp_path: Path) -> None:
    listed = write_list(
        tmp_path,
        {"operation": "delete-provision", "targets": ["op7"], "refs": ["执行部分第7段"]},
        {"operation": "delete-words", "target": "pp3", "ref": "序言部分第三段", "old": "决议"},
    )
    result = run("apply", str(SEED), str(listed))
    assert_one_error_line(result, 'amendment 2 (序言部分第三段): the words "决议" occur')


def test_overlapping_amendments_are_named(tmp_path: Path) -> None:
    listed = write_list(
        tmp_path,
        {"operation": "replace-provision", "target": "op5", "ref": "执行部分第5段", "new": "重申；"},
        {"operation": "delete-words", "target": "op5", "ref": "执行部分第5段", "old": "种族主义"},
    )
    result = run("apply", str(SEED), str(listed))
    assert_one_error_line(
        result, "amendment 2 (执行部分第5段) overlaps amendment 1: that one rewrites the whole provision"
    )


def test_a_malformed_list_is_one_error_line(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text("{not json", encoding="utf-8")
    assert_one_error_line(run("apply", str(SEED), str(path)), "list.json", "not JSON")
    path.write_bytes(b"\xff\xfe")
    assert_one_error_line(run("apply", str(SEED), str(path)), "not UTF-8")


def test_continue_applies_the_others_and_lists_those_that_failed(tmp_path: Path) -> None:
    listed = write_list(
        tmp_path,
        {"operation": "delete-provision", "targets": ["op7"], "refs": ["执行部分第7段"]},
        {"operation": "delete-words", "target": "pp3", "ref": "序言部分第三段", "old": "决议"},
        {"operation": "replace-provision", "target": "op7", "ref": "执行部分第7段", "new": "重申；"},
    )
    out = tmp_path / "out.md"
    result = run("apply", str(SEED), str(listed), "--continue", "-o", str(out))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"wrote canonical amended text to {out}",
        f'not applied: {listed}: amendment 2 (序言部分第三段): the words "决议" occur 3 times in it; '
        "quote more of them",
        f"not applied: {listed}: amendment 3 (执行部分第7段) overlaps amendment 1: both rewrite it",
        "2 of 3 amendment(s) not applied",
    ]
    amended = canonical.loads(out.read_text(encoding="utf-8"), str(out))
    assert len([p for p in amended.provisions if p.part == "op" and p.depth == 0]) == 21  # the seed has 22


TYPED_WITH_A_MISSING_PARAGRAPH = """提案方：古巴
在执行部分第2段中，将“集体责任”改为“共同责任”。
在执行部分第30段中，删除“增强”。
在执行部分第13段中，将“不存在的词”改为“别的”。
在执行部分第15段中，在“促请各国”之后插入“大力”。
"""


def test_continue_goes_past_a_typed_amendment_whose_paragraph_is_missing(tmp_path: Path) -> None:
    """A typed reference to a paragraph the base lacks is an amendment whose target cannot be
    found: --continue applies the others (it stopped the whole run), and the amendments
    keep the numbers they have in the file ("amendment 3" is the third line's)."""
    listed = tmp_path / "cuba.txt"
    listed.write_text(TYPED_WITH_A_MISSING_PARAGRAPH, encoding="utf-8")
    stopped = run("apply", str(SEED), str(listed))
    assert_one_error_line(
        stopped, f'{listed}:3: "执行部分第30段": the base text has no operative paragraph 30'
    )
    result = run("apply", str(SEED), str(listed), "--continue", "--format", "text")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "note: 2 footnotes left out of the text form (--format canonical or json keeps them)",
        f'not applied: {listed}:3: "执行部分第30段": the base text has no operative paragraph 30',
        f'not applied: {listed}:4: amendment 3 (执行部分第13段): the words "不存在的词" are not in it',
        "2 of 4 amendment(s) not applied",
    ]
    assert "共同责任" in result.stdout and "促请各国大力继续支持" in result.stdout
    overlapping = tmp_path / "overlap.txt"
    overlapping.write_text(
        "在执行部分第30段中，删除“增强”。\n在执行部分第15段中，将“促请各国继续”改为“吁请各国”。\n"
        "在执行部分第15段中，删除“继续支持”。\n",
        encoding="utf-8",
    )
    result = run("apply", str(SEED), str(overlapping), "--continue", "--format", "text")
    assert result.stderr.splitlines()[2] == (
        f"not applied: {overlapping}:3: amendment 3 (执行部分第15段) overlaps amendment 2: "
        "both touch the same words"
    )
    compiled = run("compile", str(SEED), str(listed), "--continue")
    assert compiled.returncode == 1
    assert compiled.stderr.splitlines()[:2] == [
        f'not compiled: {listed}:3: "执行部分第30段": the base text has no operative paragraph 30',
        f'not compiled: {listed}:4: amendment 3 (执行部分第13段): the words "不存在的词" are not in it',
    ]


def test_amend_says_the_footnote_changes_no_amendment_can_make(tmp_path: Path) -> None:
    """A footnote is not a paragraph's words: the list cannot change it, so the command says
    what the list leaves out instead of letting it pass for the whole difference."""
    base = ROOT / "tests" / "data" / "hrc-25-3.zh.md"
    revised = tmp_path / "revised.md"
    text = base.read_text(encoding="utf-8").replace("[^2]: A/HRC/19/50。", "[^2]: A/HRC/27/56。")
    revised.write_text(text, encoding="utf-8")
    result = run("amend", str(base), str(revised), "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["amendments"] == []
    assert result.stderr == (
        "warning: operative paragraph 12: footnote 2 says something else "
        "(footnotes are not amended; the list does not make this change)\n"
    )
    unchanged = run("amend", str(base), str(base))
    assert unchanged.returncode == 0 and unchanged.stderr == ""


def test_amendments_keep_their_place_in_the_file_after_an_unread_line(tmp_path: Path) -> None:
    """With a line left unread, apply and compile name amendments by their place in the file
    (the third typed is "amendment 3", the one it overlaps "amendment 2"), whatever words they
    quote: apply numbers them so itself (`AmendmentList.numbers`); a regex renumbered its
    messages afterwards, and had to keep off words quoted from the text ("amendment 2")."""
    draft = tmp_path / "draft.txt"
    draft.write_text(LABELLED_DRAFT, encoding="utf-8")
    listed = tmp_path / "peru.txt"
    listed.write_text(
        "Proposed by: Peru\n"
        "Delete operative paragraph 9.\n"
        'In OP1, replace "Decides to act" with "Decides, under amendment 2 of the Statute, to act".\n'
        'In OP1, replace "to act" with "amendment 1".\n'
        "Delete OP2.\n",
        encoding="utf-8",
    )
    said = [
        f'{listed}:2: "operative paragraph 9": the base text has no operative paragraph 9',
        f"{listed}:4: amendment 3 (OP1) overlaps amendment 2: both touch the same words",
    ]
    applied = run("apply", str(draft), str(listed), "--continue", "--format", "text")
    assert applied.returncode == 1
    assert applied.stderr.splitlines() == [
        *(f"not applied: {s}" for s in said),
        "2 of 4 amendment(s) not applied",
    ]
    assert "1. Decides, under amendment 2 of the Statute, to act;" in applied.stdout
    compiled = run("compile", str(draft), str(listed), "--continue", "--format", "json")
    assert compiled.returncode == 1, compiled.stderr
    assert [f["message"] for f in json.loads(compiled.stdout)["failed"]] == [
        s.split(": ", 1)[1] for s in said
    ]


def test_the_text_form_of_a_labelled_draft_prints_its_labels() -> None:
    """The plain text printed `PP1` paragraphs bare and `OP1 bis` as `1 bis.`: the labels
    were lost, and the text did not read back as the draft. It now prints what the Word
    report prints (one `printed_prefix`)."""
    from engine.read import read_bytes
    from engine.render.document import DOCUMENT_RENDERERS

    typed = (
        "The Human Rights Council,\n\nPP1 Recalling its resolutions,\n\nPP1 bis Noting the report,\n\n"
        "OP1 Decides to act;\n\nOP1 bis Calls upon States to cooperate;\n\nOP2 Decides to remain seized.\n"
    )
    draft = read_bytes(typed.encode(), lang="en")
    text = DOCUMENT_RENDERERS["text"](draft)
    assert text.split("\n\n")[1:5] == [
        "PP1 Recalling its resolutions,",
        "PP1 bis Noting the report,",
        "1. Decides to act;",  # a plain label prints as the number it is
        "OP1 bis Calls upon States to cooperate;",
    ]
    again = read_bytes(text.encode(), lang="en")
    assert [(p.id, p.number, p.text) for p in again.provisions] == [
        (p.id, p.number, p.text) for p in draft.provisions
    ]


LABELLED_DRAFT = (
    "The Human Rights Council,\n\nPP1 Recalling its resolutions,\n\nPP2 Noting the report,\n\n"
    "PP3 Welcoming the efforts,\n\nOP1 Decides to act;\n\nOP2 Calls upon States to cooperate;\n\n"
    "OP3 Requests the Secretary-General to report;\n\nOP3 bis Encourages States to share practices;\n\n"
    "OP4 Decides to remain seized of the matter.\n"
)


def test_apply_to_a_negotiation_draft_gives_a_draft_back(tmp_path: Path) -> None:
    """A delegate applying amendments to a labelled draft got the adopted numbering (1..6)
    and the labels dropped. The draft comes back a draft: labels kept, OP2's label left
    unused, new paragraphs labelled after the one they follow without taking a label the
    draft has (OP3 bis is taken: OP3 ter), as compile labels them; read back, the same."""
    from engine.read import read_bytes

    draft = tmp_path / "draft.txt"
    draft.write_text(LABELLED_DRAFT, encoding="utf-8")
    listed = tmp_path / "list.txt"
    listed.write_text(
        "Proposed by: Canada\n"
        'After PP1, insert a new paragraph reading: "Recalling also the Charter,"\n'
        "Delete OP2.\n"
        'After operative paragraph 3, insert a new paragraph reading: "Invites States to act;"\n'
        'After OP3 bis, insert a new paragraph reading: "Urges States to act;"\n'
        'In OP1, replace "act" with "take action".\n',
        encoding="utf-8",
    )
    result = run("apply", str(draft), str(listed), "--format", "text")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.split("\n\n")[1:] == [
        "PP1 Recalling its resolutions,",
        "PP1 bis Recalling also the Charter,",
        "PP2 Noting the report,",
        "PP3 Welcoming the efforts,",
        "1. Decides to take action;",
        "3. Requests the Secretary-General to report;",  # OP2 deleted: its label unused
        "OP3 ter Invites States to act;",
        "OP3 bis Encourages States to share practices;",
        "OP3 quater Urges States to act;",
        "4. Decides to remain seized of the matter.\n",
    ]
    compiled = run("compile", str(draft), str(listed), "--format", "json")
    new = [e["label"] for e in json.loads(compiled.stdout)["entries"] if e["kind"] == "new"]
    assert new == ["PP1 bis", "OP3 ter", "OP3 quater"]  # the labels compile shows
    again = read_bytes(result.stdout.encode(), lang="en")
    assert [p.number for p in again.provisions] == [
        "1",
        "1 bis",
        "2",
        "3",
        "1",
        "3",
        "3 ter",
        "3 bis",
        "3 quater",
        "4",
    ]
    out = tmp_path / "amended.md"
    assert run("apply", str(draft), str(listed), "-o", str(out)).returncode == 0
    stored = canonical.loads(out.read_text(encoding="utf-8"))
    assert [p.number for p in stored.provisions] == [p.number for p in again.provisions]


def test_a_draft_split_merged_and_moved_keeps_its_labels(tmp_path: Path) -> None:
    """The first of a split's pieces keeps the label, the next are new paragraphs after it;
    a merge keeps the first paragraph's label; a moved paragraph is labelled where it goes
    (its old label stays unused), as compile labels it."""
    draft = tmp_path / "draft.txt"
    draft.write_text(LABELLED_DRAFT, encoding="utf-8")
    listed = tmp_path / "list.json"
    amendments = [
        {
            "operation": "split",
            "target": "op1",
            "ref": "OP1",
            "pieces": [
                {"text": "Decides to act;", "part": "op", "depth": 0},
                {"text": "Decides also to act;", "part": "op", "depth": 0},
            ],
        },
        {
            "operation": "merge",
            "targets": ["op2", "op3"],
            "refs": ["OP2", "OP3"],
            "new": {"text": "Calls upon States and requests a report;", "part": "op", "depth": 0},
        },
        {
            "operation": "move-provision",
            "target": "op4",
            "ref": "OP3 bis",
            "anchor": "pp3",
            "anchor_ref": "PP3",
            "position": "after",
            "part": "op",
            "depth": 0,
        },
        {
            "operation": "insert-provision",
            "target": "op1",
            "ref": "OP1",
            "position": "after",
            "pieces": [
                {"text": "Invites States:", "part": "op", "depth": 0},
                {"text": "to act;", "part": "op", "depth": 1},
            ],
        },
    ]
    listed.write_text(
        json.dumps({"schema": "resdiff.amendments/1", "language": "en", "amendments": amendments}),
        encoding="utf-8",
    )
    result = run("apply", str(draft), str(listed), "--format", "json")
    assert result.returncode == 0, result.stderr
    numbers = [(p["id"], p.get("number")) for p in json.loads(result.stdout)["provisions"]]
    assert numbers == [
        ("pp1", "1"),
        ("pp2", "2"),
        ("pp3", "3"),
        ("op1", "0 bis"),  # the moved OP3 bis, the first operative paragraph now
        ("op2", "1"),
        ("op3", "1 bis"),  # the split's second piece: the inserted paragraph after it is 1 ter
        ("op4", "1 ter"),
        ("op4.a", "a"),
        ("op5", "2"),
        ("op6", "4"),
    ]
    compiled = run("compile", str(draft), str(listed), "--as", "Chile", "--format", "json")
    new = [(e["label"], e["text"]) for e in json.loads(compiled.stdout)["entries"] if e["kind"] != "base"]
    assert new == [
        ("OP0 bis", "Encourages States to share practices;"),
        ("OP1 ter", "Invites States:"),  # the split's piece took OP1 bis, as in apply
        ("OP1 ter (a)", "to act;"),
    ]


def test_new_paragraphs_of_an_unlabelled_part_stay_unlabelled(tmp_path: Path) -> None:
    """A typed draft numbers its operative paragraphs (3 bis.) and leaves its preambular
    ones bare: a new preambular paragraph is bare too, a new operative one 3 ter."""
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "The Human Rights Council,\n\nRecalling its resolutions,\n\nNoting the report,\n\n"
        "1. Decides to act;\n\n2. Requests a report;\n\n2 bis. Encourages States to share;\n\n"
        "3. Decides to remain seized of the matter.\n",
        encoding="utf-8",
    )
    listed = tmp_path / "list.txt"
    listed.write_text(
        'After the first preambular paragraph, insert a new paragraph reading: "Recalling also,"\n'
        'After operative paragraph 2, insert a new paragraph reading: "Invites States;"\n',
        encoding="utf-8",
    )
    result = run("apply", str(draft), str(listed), "--format", "text")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.split("\n\n")[1:] == [
        "Recalling its resolutions,",
        "Recalling also,",
        "Noting the report,",
        "1. Decides to act;",
        "2. Requests a report;",
        "OP2 ter Invites States;",
        "OP2 bis Encourages States to share;",
        "3. Decides to remain seized of the matter.\n",
    ]


WITH_SUBPARAGRAPHS = (
    "The General Assembly,\n\nRecalling its resolutions,\n\n1. Decides to act;\n\n"
    "2. Requests the Secretary-General:\n\n(a) To report;\n\n(b) To act;\n\n"
    "3. Decides to remain seized of the matter.\n"
)


def test_no_subparagraph_is_handed_to_another_paragraph(tmp_path: Path) -> None:
    """Deleting or moving a paragraph without its subparagraphs, or putting a new paragraph
    between a paragraph and its subparagraphs, gave a text where (a) and (b) belonged to
    another paragraph, exit 0 and no word. Now each is an error naming the amendment."""
    draft = tmp_path / "draft.txt"
    draft.write_text(WITH_SUBPARAGRAPHS, encoding="utf-8")
    cases = {
        "Delete operative paragraph 2.": "amendment 1 (operative paragraph 2) deletes operative paragraph 2 "
        "without its subparagraph operative paragraph 2 (a), which would then belong to the paragraph "
        "before it; delete its subparagraphs with it",
        "Move operative paragraph 2 to follow operative paragraph 3.": "amendment 1 (operative paragraph 2) "
        "moves operative paragraph 2 without its subparagraph operative paragraph 2 (a), which would then "
        "belong to the paragraph before it; move each of its subparagraphs after it too, or delete it and "
        "insert it whole",
        'Before operative paragraph 2 (b), insert a new paragraph reading: "Urges States;"': "amendment 1 "
        "(operative paragraph 2 (b)): operative paragraph 2 (b) would become a subparagraph of the "
        "paragraph it puts there; put it after the last subparagraph of operative paragraph 2",
    }
    for typed, message in cases.items():
        listed = tmp_path / "list.txt"
        listed.write_text(typed + "\n", encoding="utf-8")
        result = run("apply", str(draft), str(listed))
        assert result.returncode == 2 and result.stderr == f"Error: {listed}:1: {message}\n", typed
    # the subparagraphs deleted with it: the paragraph goes whole
    listed.write_text(
        "Delete operative paragraph 2.\nDelete operative paragraph 2 (a).\n"
        "Delete operative paragraph 2 (b).\n",
        encoding="utf-8",
    )
    result = run("apply", str(draft), str(listed), "--format", "text")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n\n")[2:] == [
        "1. Decides to act;",
        "2. Decides to remain seized of the matter.\n",
    ]


def test_after_a_paragraph_is_after_its_subparagraphs(tmp_path: Path) -> None:
    """ "After operative paragraph 2, insert a new paragraph" put it between OP2 and its (a),
    which became the new paragraph's; "Move ... to follow operative paragraph 2" likewise.
    The new paragraph now follows OP2 whole, and compile labels it OP2 bis (not OP2 (b) bis)."""
    draft = tmp_path / "draft.txt"
    draft.write_text(WITH_SUBPARAGRAPHS, encoding="utf-8")
    listed = tmp_path / "list.txt"
    listed.write_text(
        'After operative paragraph 2, insert a new paragraph reading: "Urges States;"\n'
        "Move operative paragraph 1 to follow operative paragraph 2.\n",
        encoding="utf-8",
    )
    result = run("apply", str(draft), str(listed), "--format", "text")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n\n")[2:] == [
        "1. Requests the Secretary-General:",
        "    (a) To report;",
        "    (b) To act;",
        "2. Urges States;",
        "3. Decides to act;",
        "4. Decides to remain seized of the matter.\n",
    ]
    compiled = run("compile", str(draft), str(listed), "--as", "Chile", "--format", "json")
    new = [e["label"] for e in json.loads(compiled.stdout)["entries"] if e["kind"] != "base"]
    assert new == ["OP2 bis", "OP2 ter"]


def test_a_paragraph_deleted_and_moved_is_an_overlap(tmp_path: Path) -> None:
    """Deleting (or merging away) a paragraph and moving it: the paragraph vanished, exit 0.
    It is an overlap, as two rewrites are; compile marks the two proposals conflicting."""
    draft = tmp_path / "draft.txt"
    draft.write_text(WITH_SUBPARAGRAPHS, encoding="utf-8")
    listed = tmp_path / "list.txt"
    listed.write_text(
        "Delete operative paragraph 1.\nMove operative paragraph 1 to follow operative paragraph 3.\n"
    )
    result = run("apply", str(draft), str(listed))
    assert result.returncode == 2
    assert result.stderr == (
        f"Error: {listed}:2: amendment 2 (operative paragraph 1) overlaps amendment 1: that one deletes it\n"
    )
    listed.write_text(
        "Move operative paragraph 3 to follow operative paragraph 1.\n"
        'Merge operative paragraph 1 and operative paragraph 3 into one paragraph reading: "Decides;"\n'
    )
    result = run("apply", str(draft), str(listed))
    assert result.stderr == (
        f"Error: {listed}:2: amendment 2 (operative paragraph 1 and operative paragraph 3) overlaps "
        "amendment 1: that one moves it\n"
    )
    canada, norway = tmp_path / "canada.txt", tmp_path / "norway.txt"
    canada.write_text("Proposed by: Canada\nDelete operative paragraph 1.\n")
    norway.write_text("Proposed by: Norway\nMove operative paragraph 1 to follow operative paragraph 3.\n")
    compiled = json.loads(run("compile", str(draft), str(canada), str(norway), "--format", "json").stdout)
    assert compiled["conflicts"] == 1
    op1 = next(e for e in compiled["entries"] if e["label"] == "OP1")
    assert op1["whole"]["conflicting"]
    assert [p["proposers"] for p in op1["whole"]["proposals"]] == [["Canada"], ["Norway"]]


def test_a_new_subparagraph_hangs_under_a_paragraph_of_the_part_it_names(tmp_path: Path) -> None:
    """A new subparagraph typed "before operative paragraph 1" with no new paragraph before it
    became, exit 0, a subparagraph of the last preambular paragraph (`pp1.a`; compile labelled
    it `PP1 (a)`). There is no operative paragraph for it to belong to: apply and compile both
    refuse it with the amendment, its file and line. With a new paragraph before it, or before
    a paragraph's own (a), it has its paragraph and is placed."""
    draft = tmp_path / "draft.txt"
    draft.write_text(WITH_SUBPARAGRAPHS, encoding="utf-8")
    listed = tmp_path / "list.txt"
    listed.write_text(
        'Proposed by: Chile\nBefore operative paragraph 1, insert a new subparagraph reading: "To act;"\n',
        encoding="utf-8",
    )
    message = (
        f"Error: {listed}:2: amendment 1 (operative paragraph 1) inserts a subparagraph where it would "
        "become a subparagraph of the first preambular paragraph, not of an operative paragraph; put it "
        "after the paragraph it belongs to (or after that paragraph's last subparagraph), or insert a new "
        "paragraph with it\n"
    )
    for command in ("apply", "compile"):
        result = run(command, str(draft), str(listed))
        assert (result.returncode, result.stdout, result.stderr) == (2, "", message), command
    with_paragraph = tmp_path / "with-paragraph.txt"
    with_paragraph.write_text(
        "Proposed by: Chile\nBefore operative paragraph 1, insert new paragraphs reading:\n"
        '    "Urges States:"\n        "To act;"\n'
        'Before operative paragraph 2 (a), insert a new subparagraph reading: "To meet;"\n',
        encoding="utf-8",
    )
    result = run("apply", str(draft), str(with_paragraph), "--format", "text")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n\n")[1:] == [
        "Recalling its resolutions,",
        "1. Urges States:",
        "    (a) To act;",
        "2. Decides to act;",
        "3. Requests the Secretary-General:",
        "    (a) To meet;",
        "    (b) To report;",
        "    (c) To act;",
        "4. Decides to remain seized of the matter.\n",
    ]
    compiled = run("compile", str(draft), str(with_paragraph), "--format", "json")
    assert compiled.returncode == 0, compiled.stderr
    new = [e["label"] for e in json.loads(compiled.stdout)["entries"] if e["kind"] != "base"]
    assert new == ["OP0 bis", "OP0 bis (a)", "OP2 (0) bis"]


def test_the_body_lines_offered_are_the_ones_the_reader_reads() -> None:
    """The forms an unknown body line's error offers are written out from the reader's
    patterns: each must read as its organ's body line, whole, in every language."""
    for lang, patterns in BODY_LINES.items():
        forms = body_line_forms(lang)
        assert len(forms) == len(patterns), lang
        for form, (_, code) in zip(forms, patterns, strict=True):
            assert body_line_match(form, lang) == (form, code, ""), (lang, form)


def test_a_body_line_no_reader_knows_is_refused(tmp_path: Path) -> None:
    """A body line replaced by words no organ is printed as ("The Council,") was accepted
    (exit 0), and the amended text read back with no body line, that line taken for the end
    of a header. apply and compile now refuse it, replaced whole or by its words, in English
    and Chinese; another organ's body line is taken, and the metadata names that organ."""
    draft = tmp_path / "draft.txt"
    draft.write_text(WITH_SUBPARAGRAPHS, encoding="utf-8")
    listed = tmp_path / "list.txt"
    known = (
        '"The General Assembly,", "The Human Rights Council,", "The Commission on Human Rights,", '
        '"The Economic and Social Council,", "The Security Council,"'
    )
    for typed in (
        'Replace the body line with the following: "The Council,"',
        'In the body line, replace "General Assembly" with "Council".',
    ):
        listed.write_text(f"Proposed by: Peru\n{typed}\n", encoding="utf-8")
        message = (
            f'Error: {listed}:2: amendment 1 (the body line): the body line would read "The Council,", '
            "which names no organ the reader knows, so the amended text would read back without a body "
            f"line; a body line names the acting organ as resolutions print it: {known}\n"
        )
        for command in ("apply", "compile"):
            result = run(command, str(draft), str(listed))
            assert (result.returncode, result.stdout, result.stderr) == (2, "", message), (typed, command)
    listed.write_text(
        'Proposed by: Peru\nReplace the body line with the following: "The Human Rights Council,"\n',
        encoding="utf-8",
    )
    out = tmp_path / "amended.txt"
    result = run("apply", str(draft), str(listed), "--format", "text", "-o", str(out))
    assert result.returncode == 0, result.stderr
    read_back = run("parse", str(out))
    assert read_back.returncode == 0, read_back.stderr
    assert "body: HRC\n" in read_back.stdout and "body-line: The Human Rights Council,\n" in read_back.stdout
    stored = run("apply", str(draft), str(listed))
    assert "body: HRC\n" in stored.stdout

    zh = tmp_path / "zh.txt"
    zh.write_text("# language: zh\n大会，\n\n回顾其各项决议，\n\n1. 决定继续审议。\n", encoding="utf-8")
    listed.write_text("提案方：秘鲁\n将首行改为：“理事会，”\n", encoding="utf-8")
    for command in ("apply", "compile"):
        result = run(command, str(zh), str(listed))
        assert result.returncode == 2, (command, result.stdout)
        assert result.stderr.startswith(
            f'Error: {listed}:2: amendment 1 (首行): the body line would read "理事会，", which names no '
            "organ"
        ), result.stderr
        assert '"人权理事会，"' in result.stderr


def test_odd_typed_lists_are_one_error_line_in_apply_and_compile(tmp_path: Path) -> None:
    """Lists a delegation can mistype. An empty new paragraph typed (replaced, inserted, a
    split's piece, a merge) gave a numbered paragraph with nothing in it, and a paragraph moved to
    follow itself (or its own subparagraph) stayed where it was, both exit 0 without a
    word; each is now refused. A reference the base lacks, a subparagraph of a paragraph
    with none, the same words amended twice, an empty quote were one error line already:
    held here for apply and compile alike."""
    draft = tmp_path / "draft.txt"
    draft.write_text(WITH_SUBPARAGRAPHS, encoding="utf-8")
    listed = tmp_path / "list.txt"
    op1, empty = "amendment 1 (operative paragraph 1)", "the new paragraph it writes is empty"
    empty += "; to take a paragraph out, delete it"
    itself = "which is itself or a part of it"
    cases = [
        ('Replace operative paragraph 1 with the following: ""', f'"operative paragraph 1": {empty}'),
        (
            'After operative paragraph 1, insert a new paragraph reading: ""',
            f'"operative paragraph 1": {empty}',
        ),
        (
            'Replace operative paragraph 1 with the following paragraphs:\n    "Decides;"\n    ""',
            f'"operative paragraph 1": {empty}',
        ),
        (
            'Merge operative paragraph 1 and operative paragraph 2 into one paragraph reading: " "',
            f'"operative paragraph 1 and operative paragraph 2": {empty}',
        ),
        (
            'Replace the body line with the following: ""',
            '"the body line": the body line would be empty',
        ),
        (
            "Move operative paragraph 1 to follow operative paragraph 1.",
            f"{op1} moves it to stand after operative paragraph 1, {itself}",
        ),
        (
            "Move operative paragraph 2 to follow operative paragraph 2 (b).",
            "amendment 1 (operative paragraph 2) moves it to stand after operative paragraph 2 (b), "
            + itself,
        ),
        (
            'In operative paragraph 9, delete "act".',
            '"operative paragraph 9": the base text has no operative paragraph 9',
        ),
        (
            'In operative paragraph 1 (a), delete "act".',
            '"operative paragraph 1 (a)": the base text has no subparagraph (a) there',
        ),
        (
            'In operative paragraph 1, delete "act".\nIn operative paragraph 1, replace "act" with "go".',
            "amendment 2 (operative paragraph 1) overlaps amendment 1: both touch the same words",
        ),
        (
            'In operative paragraph 1, delete "".',
            'not an amendment as resdiff reads them: In operative paragraph 1, delete "".',
        ),
    ]
    for typed, message in cases:
        listed.write_text(f"Proposed by: Chile\n{typed}\n", encoding="utf-8")
        line = 3 if "overlaps" in message else 2
        for command in ("apply", "compile"):
            result = run(command, str(draft), str(listed))
            assert (result.returncode, result.stdout, result.stderr) == (
                2,
                "",
                f"Error: {listed}:{line}: {message}\n",
            ), (typed, command)


def test_a_move_between_levels_says_what_the_provision_becomes(tmp_path: Path) -> None:
    """A subparagraph moved "to follow operative paragraph 1" took the level of what it
    follows: OP2 (a) came out as `2. To report;`, a paragraph, exit 0 and no word (and a
    paragraph moved after a subparagraph came out as a subparagraph). The line does not say
    which the drafter meant, so it is refused in apply and compile alike; with "as a
    paragraph" it is read, and a move within one level is read as before."""
    draft = tmp_path / "draft.txt"
    draft.write_text(WITH_SUBPARAGRAPHS, encoding="utf-8")
    listed = tmp_path / "list.txt"
    say = 'add "as a paragraph" or "as a subparagraph", or name the provision it is to follow'
    cases = [
        (
            "Move operative paragraph 2 (a) to follow operative paragraph 1.",
            '"operative paragraph 2 (a)" is a subparagraph and "operative paragraph 1" a paragraph',
        ),
        (
            "Move operative paragraph 1 to follow operative paragraph 2 (b).",
            '"operative paragraph 1" is a paragraph and "operative paragraph 2 (b)" a subparagraph',
        ),
    ]
    for typed, what in cases:
        listed.write_text(f"Proposed by: Chile\n{typed}\n", encoding="utf-8")
        becomes = f"the line does not say which the moved provision becomes there ({say})"
        message = f"Error: {listed}:2: {what}: {becomes}\n"
        for command in ("apply", "compile"):
            result = run(command, str(draft), str(listed))
            assert (result.returncode, result.stdout, result.stderr) == (2, "", message), (typed, command)
    zh = tmp_path / "zh.txt"
    zh.write_text(
        "# language: zh\n大会，\n\n回顾其各项决议，\n\n1. 决定采取行动；\n\n2. 请秘书长：\n\n"
        "(a) 提出报告；\n\n(b) 采取行动；\n\n3. 决定继续处理此案。\n",
        encoding="utf-8",
    )
    listed.write_text("提案方：智利\n将执行部分第2(a)段移至执行部分第1段之后。\n", encoding="utf-8")
    for command in ("apply", "compile"):
        result = run(command, str(zh), str(listed))
        assert result.returncode == 2, (command, result.stdout)
        assert (
            "（add “，作为段落” or “，作为分段”" in result.stderr
            or "(add “，作为段落” or “，作为分段”" in result.stderr
        )
    listed.write_text(
        "Proposed by: Chile\nMove operative paragraph 2 (a) to follow operative paragraph 1 "
        "as a paragraph.\n",
        encoding="utf-8",
    )
    result = run("apply", str(draft), str(listed), "--format", "text")
    assert result.returncode == 0, result.stderr
    assert (
        "1. Decides to act;\n\n2. To report;\n\n3. Requests the Secretary-General:\n\n    (a) To act;\n"
        in result.stdout
    )
    listed.write_text(
        "Proposed by: Chile\nMove operative paragraph 2 (b) to precede operative paragraph 2 (a).\n",
        encoding="utf-8",
    )
    result = run("apply", str(draft), str(listed), "--format", "text")
    assert result.returncode == 0, result.stderr
    assert "(a) To act;\n\n    (b) To report;\n" in result.stdout


def test_a_merge_of_paragraphs_named_in_one_plural_reference(tmp_path: Path) -> None:
    """ "Merge operative paragraphs 1 and 2 ..." (one plural reference, as lists write it, and
    `合并执行部分第1和第2段，内容如下：` in Chinese) was an error ("operative paragraphs 1" is
    not a reference); it now reads as the merge of each paragraph it names, in apply and
    compile alike, the same as the references written one by one."""
    en = tmp_path / "en.txt"
    en.write_text(
        "The General Assembly,\n\nRecalling its resolutions,\n\nNoting its decisions,\n\n"
        "1. Decides to act.\n\n2. Requests a report.\n\n3. Decides to remain seized of the matter.\n",
        encoding="utf-8",
    )
    zh = tmp_path / "zh.txt"
    zh.write_text(
        "# language: zh\n大会，\n\n回顾其各项决议，\n\n注意到其各项决定，\n\n"
        "1. 决定采取行动。\n\n2. 请提出报告。\n\n3. 决定继续处理此案。\n",
        encoding="utf-8",
    )
    listed = tmp_path / "list.txt"
    cases = [
        (en, 'Merge operative paragraphs 1 and 2 into one paragraph reading: "Decides to act and asks."', 0),
        (
            en,
            "Merge operative paragraph 1 and operative paragraph 2 into one paragraph reading: "
            '"Decides to act and asks."',
            0,
        ),
        (en, 'Merge operative paragraphs 1, 2 and 3 into one paragraph reading: "Decides."', 0),
        (
            en,
            "Merge the first and second preambular paragraphs into one paragraph reading: "
            '"Recalling and noting,"',
            0,
        ),
        (zh, "合并执行部分第1和第2段，内容如下：“决定采取行动并请提出报告。”", 1),
        (zh, "将执行部分第1段和第2段合并为一段，内容如下：“决定采取行动并请提出报告。”", 1),
        (zh, "将执行部分第1、第2和第3段合并为一段，内容如下：“决定。”", 1),
        (zh, "合并序言部分第一和第二段，内容如下：“回顾并注意到，”", 1),
    ]
    expected = {
        "Decides to act and asks.": "1. Decides to act and asks.\n\n2. Decides to remain seized",
        "Decides.": "Noting its decisions,\n\n1. Decides.\n",
        "Recalling and noting,": "The General Assembly,\n\nRecalling and noting,\n\n1. Decides to act.\n",
        "决定采取行动并请提出报告。": "1. 决定采取行动并请提出报告。\n\n2. 决定继续处理此案。\n",
        "决定。": "注意到其各项决定，\n\n1. 决定。\n",
        "回顾并注意到，": "大会，\n\n回顾并注意到，\n\n1. 决定采取行动。\n",
    }
    for base, typed, zh_list in cases:
        header = "提案方：智利" if zh_list else "Proposed by: Chile"
        listed.write_text(f"{header}\n{typed}\n", encoding="utf-8")
        result = run("apply", str(base), str(listed), "--format", "text")
        assert result.returncode == 0, (typed, result.stderr)
        new = typed.rsplit("“" if zh_list else ': "', 1)[1].rstrip('”"')
        assert expected[new] in result.stdout, (typed, result.stdout)
        compiled = run("compile", str(base), str(listed), "--format", "text")
        assert compiled.returncode == 0, (typed, compiled.stderr)
        assert new in compiled.stdout, compiled.stdout
        assert ("智利" if zh_list else "Chile") in compiled.stdout, compiled.stdout


def test_json_lists_are_held_to_the_typed_lists_empty_text_check(tmp_path: Path) -> None:
    """A JSON list's replacement, new paragraph, split piece or merge with empty new text was
    applied as a numbered paragraph with nothing in it, exit 0 (typed lists were refused
    already); it is now refused with the typed lists' message, the amendment named by its
    place, in apply and compile alike, and left out (and listed) under --continue. An
    empty subparagraph is let through, as in typed lists (the Chinese A/RES/55/114)."""
    draft = tmp_path / "draft.txt"
    draft.write_text(WITH_SUBPARAGRAPHS, encoding="utf-8")
    listed = tmp_path / "list.json"
    words = {"operation": "replace-words", "target": "op3", "ref": "operative paragraph 3"}
    words |= {"old": "seized", "new": "engaged"}
    op1 = {"target": "op1", "ref": "operative paragraph 1"}
    two = {"targets": ["op1", "op3"], "refs": ["operative paragraph 1", "operative paragraph 3"]}
    empty = "the new paragraph it writes is empty; to take a paragraph out, delete it"
    cases = [
        ({"operation": "replace-provision", **op1, "new": ""}, f'"operative paragraph 1": {empty}'),
        (
            {"operation": "insert-provision", **op1, "position": "after"}
            | {"pieces": [{"text": " ", "part": "op", "depth": 0}]},
            f'"operative paragraph 1": {empty}',
        ),
        (
            {"operation": "split", **op1}
            | {
                "pieces": [
                    {"text": "Decides;", "part": "op", "depth": 0},
                    {"text": "", "part": "op", "depth": 0},
                ]
            },
            f'"operative paragraph 1": {empty}',
        ),
        (
            {"operation": "merge", **two, "new": {"text": "", "part": "op", "depth": 0}},
            f'"operative paragraph 1 and operative paragraph 3": {empty}',
        ),
        (
            {"operation": "replace-provision", "target": "body-line", "ref": "the body line", "new": ""},
            '"the body line": the body line would be empty',
        ),
    ]
    for amendment, message in cases:
        data = {"schema": "resdiff.amendments/1", "language": "en", "proposer": "Chile"}
        listed.write_text(json.dumps(data | {"amendments": [words, amendment]}), encoding="utf-8")
        for command in ("apply", "compile"):
            result = run(command, str(draft), str(listed))
            assert (result.returncode, result.stdout, result.stderr) == (
                2,
                "",
                f"Error: {listed}: amendment 2: {message}\n",
            ), (amendment, command)
        kept = run("apply", str(draft), str(listed), "--format", "text", "--continue")
        assert kept.returncode == 1, kept.stderr
        assert f"not applied: {listed}: amendment 2: {message}\n" in kept.stderr
        assert "3. Decides to remain engaged of the matter." in kept.stdout
    sub = {"operation": "replace-provision", "target": "op2.a", "ref": "operative paragraph 2 (a)", "new": ""}
    data = {"schema": "resdiff.amendments/1", "language": "en", "proposer": "Chile", "amendments": [sub]}
    listed.write_text(json.dumps(data), encoding="utf-8")
    for command in ("apply", "compile"):
        result = run(command, str(draft), str(listed), "--format", "text")
        assert result.returncode == 0, (command, result.stderr)


def test_subparagraph_of_operative_paragraph_is_a_reference(tmp_path: Path) -> None:
    """ "subparagraph (a) of operative paragraph 2" (and "subparagraph (ii) of subparagraph
    (a) of ...", "subparagraph (b) of the first preambular paragraph"), as UN lists also
    name a subparagraph, was "not a reference to a paragraph"; it now names the same
    provision as "operative paragraph 2 (a)", in apply and compile alike."""
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "The General Assembly,\n\nRecalling its resolutions, namely:\n\n(a) Resolution one;\n\n"
        "(b) Resolution two;\n\n1. Decides to act;\n\n2. Requests the Secretary-General:\n\n"
        "(a) To report:\n\n(i) annually;\n\n(ii) orally;\n\n(b) To act;\n\n"
        "3. Decides to remain seized of the matter.\n",
        encoding="utf-8",
    )
    listed = tmp_path / "list.txt"
    listed.write_text(
        "Proposed by: Chile\n"
        'In subparagraph (a) of operative paragraph 2, replace "report" with "inform".\n'
        "In subparagraph (ii) of subparagraph (a) of operative paragraph 2, "
        'replace "orally" with "in writing".\n'
        'In subparagraph (b) of the first preambular paragraph, replace "two" with "2".\n'
        "Move subparagraph (b) of operative paragraph 2 to precede "
        "subparagraph (a) of operative paragraph 2.\n",
        encoding="utf-8",
    )
    result = run("apply", str(draft), str(listed), "--format", "text")
    assert result.returncode == 0, result.stderr
    assert (
        "    (b) Resolution 2;\n\n1. Decides to act;\n\n2. Requests the Secretary-General:\n\n"
        "    (a) To act;\n\n    (b) To inform:\n\n        (i) annually;\n\n"
        "        (ii) in writing;\n\n3. Decides"
    ) in result.stdout
    compiled = run("compile", str(draft), str(listed), "--format", "text")
    assert compiled.returncode == 0, compiled.stderr
    assert "Chile" in compiled.stdout and "inform" in compiled.stdout
    listed.write_text('Proposed by: Chile\nIn subparagraph (c) of operative paragraph 2, delete "act".\n')
    for command in ("apply", "compile"):
        result = run(command, str(draft), str(listed))
        assert result.stderr == (
            f'Error: {listed}:2: "subparagraph (c) of operative paragraph 2": the base text has no '
            "subparagraph (c) there\n"
        ), command


def test_a_lettered_subparagraph_moved_after_a_roman_one_round_trips(tmp_path: Path) -> None:
    """A lettered subparagraph that becomes a roman one after (ii) is derived as "Move
    operative paragraph 1 (a) to follow operative paragraph 1 (b) (ii)." and reads back as
    a roman subparagraph: a move between two kinds of subparagraph takes the level of what
    it follows (only paragraph against subparagraph must be said), so apply(amend) is the
    new text."""
    old, new, listed = (tmp_path / n for n in ("old.txt", "new.txt", "list.txt"))
    head = "The General Assembly,\n\nRecalling its resolutions,\n\n1. Requests the Secretary-General:\n\n"
    moved = "to report on the situation in the region every year;\n\n"
    roman = "(i) promptly and with full transparency;\n\n(ii) fairly and with full respect;\n\n"
    tail = "2. Decides to remain seized of the matter.\n"
    old.write_text(f"{head}(a) T{moved[1:]}(b) To act:\n\n{roman}{tail}", encoding="utf-8")
    new.write_text(f"{head}(a) To act:\n\n{roman}(iii) {moved}{tail}", encoding="utf-8")
    derived = run("amend", str(old), str(new))
    assert derived.returncode == 0, derived.stderr
    assert "Move operative paragraph 1 (a) to follow operative paragraph 1 (b) (ii).\n" in derived.stdout
    listed.write_text(derived.stdout, encoding="utf-8")
    applied = run("apply", str(old), str(listed), "--format", "text")
    assert applied.returncode == 0, applied.stderr
    assert f"        (iii) {moved}2. Decides" in applied.stdout, applied.stdout
