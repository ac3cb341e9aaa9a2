"""`resdiff diff -o FILE`: reports written to a file, atomically, the format from the suffix."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from engine.store import canonical

from .docx_revisions import resolve
from .test_cli import RESDIFF, ROOT, assert_one_error_line, run
from .test_render_docx import printed

PAIR = ("A/RES/53/148", "A/RES/55/105", "--history", str(ROOT / "history"))


def test_the_format_follows_the_suffix_and_nothing_is_overwritten(tmp_path: Path) -> None:
    html = tmp_path / "report.html"
    first = run("diff", *PAIR, "-o", str(html))
    assert first.returncode == 1  # changed, as on standard output
    assert first.stdout == "" and first.stderr == f"wrote html report to {html}\n"
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    html.write_text("mine", encoding="utf-8")
    again = run("diff", *PAIR, "-o", str(html))
    assert_one_error_line(again, str(html), "already exists", "--force")
    assert html.read_text(encoding="utf-8") == "mine"
    assert run("diff", *PAIR, "-o", str(html), "--force").returncode == 1
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_word_report_written_to_a_file_accepts_to_the_new_text(tmp_path: Path) -> None:
    report = tmp_path / "report.docx"
    assert run("diff", *PAIR, "-o", str(report), "--author", "Facilitator").returncode == 1
    new = canonical.loads(run("show", "A/RES/55/105", "--history", str(ROOT / "history")).stdout)
    assert resolve(report.read_bytes(), accept=True) == printed(new)
    piped = subprocess.run(
        [str(RESDIFF), "diff", *PAIR, "--format", "docx"], capture_output=True, check=False
    )
    assert (
        piped.stdout == report.read_bytes().replace(b"Facilitator", b"resdiff") or piped.stdout[:2] == b"PK"
    )


def test_an_explicit_format_wins_and_an_unknown_suffix_is_an_error(tmp_path: Path) -> None:
    md = tmp_path / "comment.txt"
    assert run("diff", *PAIR, "-o", str(md), "--format", "md").returncode == 1
    assert "<del>" in md.read_text(encoding="utf-8")
    assert_one_error_line(run("diff", *PAIR, "-o", str(tmp_path / "r.pdf")), "r.pdf", "suffix", "--format")
    assert not (tmp_path / "r.pdf").exists()


def test_a_binary_report_is_not_printed_to_a_terminal() -> None:
    controller, terminal = os.openpty()
    try:
        process = subprocess.run(
            [str(RESDIFF), "diff", *PAIR, "--format", "docx"],
            stdout=terminal,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(terminal)
        os.close(controller)
    assert process.returncode == 2
    assert process.stderr.startswith("Error: the docx format is binary") and "-o FILE.docx" in process.stderr


def test_context_shows_unchanged_neighbours_of_each_change() -> None:
    from engine.diff import compare
    from engine.render import RenderOptions
    from engine.render.diff_labels import shown_changes
    from engine.store.history import History

    store = History(ROOT / "history")
    old, new = (canonical.loads(store.find(s, "zh").read_text(encoding="utf-8")) for s in PAIR[:2])
    diff = compare(old, new)
    changed = [i for i, c in enumerate(diff.changes) if c.kind != "unchanged" or c.moved]
    with_context = shown_changes(diff, show_unchanged=False, context=1)
    want = {j for i in changed for j in range(max(0, i - 1), min(len(diff.changes), i + 2))}
    assert [diff.changes.index(c) for c in with_context] == sorted(want)
    assert len(with_context) > len(changed)
    text = run("diff", *PAIR, "--context", "1", "--format", "text").stdout
    from engine.render.diff_text import render_text

    assert render_text(diff, RenderOptions(context=1)) == text


ODD = (
    "The General Assembly,\n\nRecalling the Vienna Declaration,2 and the Charter,\n\n"
    "1. Decides to remain seized of the matter.\n"
)


def test_every_report_says_what_the_reader_found_odd_in_its_inputs(tmp_path: Path) -> None:
    """stderr says it on the terminal; the md, docx and json reports, read without it, said
    nothing of a number left in the text that may be a marker. Only the side with a warning
    is named; notes (layout) are left out as the terminal leaves them out."""
    import json
    import zipfile

    import jsonschema

    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(ODD, encoding="utf-8")
    new.write_text(ODD.replace("Declaration,2", "Declaration,").replace("seized", "actively seized"), "utf-8")
    said = "line 3: footnote-marker-doubtful (warning): 2 in 'aration,2 and the' is glued"
    md = run("diff", "old.txt", "new.txt", "--format", "md", cwd=tmp_path)
    assert md.returncode == 1 and "old.txt:3: footnote-marker-doubtful" in md.stderr
    assert f"**What the reader found odd in the old text, old.txt (en):**\n\n- {said}" in md.stdout
    assert "new text" not in md.stdout and "layout" not in md.stdout
    report = tmp_path / "r.docx"
    assert run("diff", "old.txt", "new.txt", "-o", str(report), cwd=tmp_path).returncode == 1
    with zipfile.ZipFile(report) as z:
        document = z.read("word/document.xml").decode()
    assert "What the reader found odd in the old text, old.txt (en):" in document and said in document
    assert (
        resolve(report.read_bytes(), accept=True)[-1] == "1. Decides to remain actively seized of the matter."
    )
    data = json.loads(run("diff", str(old), str(new), "--format", "json").stdout)
    schema = json.loads((ROOT / "engine/render/schemas/diff.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
    [warning] = data["old"]["warnings"]
    assert warning["code"] == "footnote-marker-doubtful" and warning["line"] == 3
    assert "warnings" not in data["new"]
    # clean inputs say nothing
    clean = run("diff", str(new), str(new), "--format", "md")
    assert clean.returncode == 0 and "found odd" not in clean.stdout
