"""The Word report: real tracked revisions whose "Accept all" is the new text and whose
"Reject all" is the old one, on every pair of stored versions of each series."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.diff import compare
from engine.model import Resolution
from engine.render import RenderOptions
from engine.render.diff_docx import render_docx
from engine.store import canonical

from .docx_revisions import resolve

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = sorted(p for p in (ROOT / "history").glob("*/*") if p.is_dir() and len(list(p.glob("*.md"))) > 1)


def printed(res: Resolution) -> list[str]:
    """The text as Word shows it: title, body line, provisions with their numbers, footnotes."""
    out = [t for t in (res.meta.title, res.body_line) if t]
    for p in res.provisions:
        prefix = "" if not p.number else f"{p.number}. " if p.kind == "operative" else f"({p.number}) "
        if p.number and p.kind == "preamble" and not p.depth:
            prefix = f"PP{p.number} "  # a negotiation label
        elif " " in p.number and p.kind == "operative":
            prefix = f"OP{p.number} "  # `3 bis`
        out.append(prefix + p.text)
    return out + [f"[{f.marker}] {f.text}" for f in res.footnotes]


def pairs() -> list[tuple[Path, Path]]:
    out = []
    for folder in FOLDERS:
        files = sorted(folder.glob("*.md"))
        out += [(a, b) for a in files for b in files if a != b]
    return out


@pytest.mark.parametrize("old, new", pairs(), ids=lambda p: p.stem)
def test_accept_all_is_new_and_reject_all_is_old(old: Path, new: Path) -> None:
    a = canonical.loads(old.read_text(encoding="utf-8"))
    b = canonical.loads(new.read_text(encoding="utf-8"))
    data = render_docx(compare(a, b), RenderOptions())
    assert resolve(data, accept=True) == printed(b)
    assert resolve(data, accept=False) == printed(a)


def test_the_same_diff_gives_the_same_bytes_and_revisions_carry_the_author() -> None:
    a = canonical.loads(
        (ROOT / "history/regional-arrangements-hr/zh/A-RES-53-148.md").read_text(encoding="utf-8")
    )
    b = canonical.loads(
        (ROOT / "history/regional-arrangements-hr/zh/A-RES-55-105.md").read_text(encoding="utf-8")
    )
    diff = compare(a, b)
    first = render_docx(diff, RenderOptions(author="Delegation of X"))
    assert first == render_docx(diff, RenderOptions(author="Delegation of X"))
    import io
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(first)).read("word/document.xml").decode()
    assert 'w:author="Delegation of X"' in xml and "<w:del " in xml and "<w:ins " in xml
    assert 'w:eastAsia="SimSun"' in zipfile.ZipFile(io.BytesIO(first)).read("word/styles.xml").decode()


GOLDEN = ROOT / "tests" / "golden" / "diff"


@pytest.mark.parametrize("case", sorted(p.name for p in GOLDEN.iterdir() if p.is_dir()))
def test_golden_pairs_round_trip_through_word(case: str) -> None:
    """The golden diff cases (a chapeau split, merges that moved, a merge of non-neighbours)."""
    from .test_render_diff import diff_for

    diff = diff_for(case)
    data = render_docx(diff, RenderOptions())
    assert resolve(data, accept=True) == printed(diff.new)
    assert resolve(data, accept=False) == printed(diff.old)


def test_a_labelled_draft_reads_back_from_accept_all() -> None:
    # L.41 against a delegate's draft of it (PP/OP labels, OP3 bis, OP5 skipped, a paragraph
    # typed without its label): "Accept all" printed "(1) Guided by" and "3 bis. Calls upon",
    # which read back as text, not as the draft's labels.
    from engine.read import read_bytes

    from .test_amend_parse import delegate_draft

    base = canonical.loads((ROOT / "history/iran-hr/en/A-C.3-78-L.41.md").read_text(encoding="utf-8"))
    draft = read_bytes(delegate_draft(base).encode("utf-8"))
    data = render_docx(compare(base, draft), RenderOptions())
    assert resolve(data, accept=True) == printed(draft)
    assert resolve(data, accept=False) == printed(base)
    back = read_bytes(data).provisions[: len(draft.provisions)]  # the report's own trailer after them
    assert [(p.id, p.number, p.text) for p in back] == [(p.id, p.number, p.text) for p in draft.provisions]
