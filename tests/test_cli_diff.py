"""`resdiff diff` end to end: sides of every kind, exit codes, determinism, real git."""

from __future__ import annotations

import json
import re
from pathlib import Path

import git
import jsonschema

from .test_cli import ROOT, SEED, assert_one_error_line, run

RETYPED = ROOT / "tests" / "data" / "hrc-25-3.zh.retyped.txt"
DIFF_SCHEMA = json.loads((ROOT / "engine/render/schemas/diff.schema.json").read_text(encoding="utf-8"))


def edited_seed(tmp_path: Path) -> Path:
    """Next year's text: a reference updated, a new operative paragraph 1, and every later
    operative paragraph renumbered as the printed text would be."""
    text = SEED.read_text(encoding="utf-8").replace("第 23/3 号决议", "第 25/3 号决议")
    text = re.sub(r"^(\s*)(\d{1,2})\.(\s)", lambda m: f"{m[1]}{int(m[2]) + 1}.{m[3]}", text, flags=re.M)
    text = text.replace(
        " 2. 重申通过国际合作", " 1. 欢迎所有国家为此作出的努力； \n\n 2. 重申通过国际合作", 1
    )
    path = tmp_path / "next.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_pdf_text_and_retyped_copy_are_the_same(tmp_path):
    result = run("diff", str(SEED), str(RETYPED), "--summary")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "summary: 33 unchanged\n"


def test_changes_exit_1_and_renumbering_is_no_change(tmp_path):
    result = run("diff", str(SEED), str(edited_seed(tmp_path)), "--format", "json")
    assert result.returncode == 1, result.stderr
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, DIFF_SCHEMA)
    assert doc["summary"]["added"] == 1
    assert doc["summary"]["reworded"] == 1
    assert doc["summary"]["moved"] == 0
    by_new = {tuple(c["new"]): c for c in doc["changes"]}
    assert by_new[("op1",)]["kind"] == "added"
    assert by_new[("op2",)] == {**by_new[("op2",)], "kind": "unchanged", "old": ["op1"], "moved": False}
    reference = by_new[("pp3",)]
    assert [op for op in reference["ops"] if op[0] != "equal"] == [["delete", "23/3"], ["insert", "25/3"]]


def test_same_input_same_bytes(tmp_path):
    new = edited_seed(tmp_path)
    outputs = {run("diff", str(SEED), str(new), "--format", fmt).stdout for fmt in ("json",) * 3}
    assert len(outputs) == 1
    texts = {run("diff", str(SEED), str(new), "--format", "text").stdout for _ in range(2)}
    assert len(texts) == 1


def test_git_revision_against_working_tree(tmp_path):
    repo = git.Repo.init(tmp_path)
    with repo.config_writer() as config:
        config.set_value("user", "name", "Test").set_value("user", "email", "test@example.org")
    stored = tmp_path / "A-HRC-RES-25-3.md"
    stored.write_text(run("parse", str(SEED)).stdout, encoding="utf-8")
    repo.index.add([str(stored)])
    repo.index.commit("25/3 as adopted")
    stored.write_text(
        stored.read_text(encoding="utf-8").replace("第23/3号决议", "第25/3号决议"), encoding="utf-8"
    )

    result = run("diff", "HEAD:A-HRC-RES-25-3.md", str(stored), "--format", "text", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "[-23/3-]{+25/3+}" in result.stdout
    same = run("diff", "HEAD:A-HRC-RES-25-3.md", "HEAD:./A-HRC-RES-25-3.md", "--summary", cwd=tmp_path)
    assert same.returncode == 0, same.stderr
    missing = run("diff", "HEAD:nothing.md", str(stored), cwd=tmp_path)
    assert_one_error_line(missing, "nothing.md does not exist in revision HEAD")


def test_unknown_side_is_one_error_line():
    assert_one_error_line(
        run("diff", "no-such.txt", str(SEED)), "no-such.txt: no such file, git revision or stored symbol"
    )


def test_a_folder_given_as_a_side_is_said_as_a_folder(tmp_path: Path) -> None:
    """It was 'no such file, git revision or stored symbol' for a folder that is there."""
    (tmp_path / "drafts").mkdir()
    assert_one_error_line(run("diff", "drafts", str(SEED), cwd=tmp_path), "drafts: is a folder; give a file")


def test_a_space_lost_or_added_between_words_is_said_not_hidden(tmp_path: Path) -> None:
    # "everyone" typed "every one" in L.41 op26: formatting by design (extraction loses and
    # adds such spaces), but the diff said "45 unchanged" and nothing else.
    l41 = ROOT / "history/iran-hr/en/A-C.3-78-L.41.md"
    typed = tmp_path / "l41.md"
    text = l41.read_text(encoding="utf-8")
    typed.write_text(
        text.replace("ensure that everyone has", "ensure that every one has", 1), encoding="utf-8"
    )
    result = run("diff", str(l41), str(typed))
    assert result.returncode == 0
    assert result.stdout.splitlines()[2:] == [
        "summary: 45 unchanged",
        "note: 1 provision(s) shown unchanged differ by a space lost or added between words (op26), "
        "taken as extraction; --count-formatting shows them",
    ]
    counted = run("diff", str(l41), str(typed), "--count-formatting", "--summary")
    assert (counted.returncode, counted.stdout) == (1, "summary: 44 unchanged, 1 reworded\n")


def test_quote_style_and_punctuation_width_are_said_not_hidden(tmp_path: Path) -> None:
    """Straight for curly quotes (en) and `,` for `，` (zh) are formatting by design, as the
    space is: said by id, not left as a bare "unchanged"."""
    l41 = ROOT / "history/iran-hr/en/A-C.3-78-L.41.md"
    seed = ROOT / "history/intl-cooperation-hr/zh/A-HRC-RES-25-3.md"
    for stored, old, new, pid in (
        (l41, "“Special Committee to investigate the 2022 unrests”", '"Special Committee to investigate '
         'the 2022 unrests"', "op5"),
        (seed, "集体责任；", "集体责任;", "op2"),
    ):  # fmt: skip
        text = stored.read_text(encoding="utf-8")
        assert old in text
        typed = tmp_path / stored.name
        typed.write_text(text.replace(old, new, 1), encoding="utf-8")
        result = run("diff", str(stored), str(typed))
        assert result.returncode == 0
        assert result.stdout.splitlines()[-1] == (
            f"note: 1 provision(s) shown unchanged differ in quote style, punctuation width or bracket form "
            f"({pid}); --count-formatting shows them"
        )


def test_a_paragraph_typed_without_its_number_is_headed_so(tmp_path: Path) -> None:
    # L.41 retyped with operative paragraph 9 left without its number: the change was headed
    # "— → op9", as if 9 were printed.
    l41 = ROOT / "history/iran-hr/en/A-C.3-78-L.41.md"
    typed = tmp_path / "draft.txt"
    run_ = run("show", str(l41), "--format", "text")
    text = run_.stdout.replace("9. Emphasizes the importance", "Emphasizes also the importance", 1)
    typed.write_text(text, encoding="utf-8")
    result = run("diff", str(l41), str(typed))
    assert "op9 → op9 (no number) reworded" in result.stdout.splitlines()[5]


def test_a_pipe_is_read_as_a_file() -> None:
    # `resdiff diff old <(pbpaste)`: /dev/fd/63 is a pipe, which was "no such file, git
    # revision or stored symbol".
    import subprocess

    from .test_cli import RESDIFF

    l41 = ROOT / "history/iran-hr/en/A-C.3-78-L.41.md"
    script = f'"{RESDIFF}" diff "{l41}" <(cat "{l41}") --summary && "{RESDIFF}" check <(cat "{l41}")'
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout, result.stderr) == (0, "summary: 45 unchanged\n", "")


def test_a_preambular_label_is_shown_as_printed(tmp_path: Path) -> None:
    # A draft typed with PP labels: its changes were headed "pp1 (printed 1)", a number no
    # one printed (preambular paragraphs are unnumbered; "PP1" was).
    l41 = ROOT / "history/iran-hr/en/A-C.3-78-L.41.md"
    plain = run("show", str(l41), "--format", "text").stdout
    pp1 = plain.split("\n\n")[1]  # after the body line (the stored L.41 has no title)
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(plain.replace(pp1, "PP1 " + pp1, 1), encoding="utf-8")
    new.write_text(
        plain.replace(pp1, "PP1 " + pp1.replace("Guided by", "Guided also by"), 1), encoding="utf-8"
    )
    result = run("diff", str(old), str(new))
    assert "pp1 (printed PP1) → pp1 (printed PP1) reworded" in result.stdout
