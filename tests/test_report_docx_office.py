"""The Word report opened by a real word processor: LibreOffice (headless) converts it to
PDF without error, and the first page is kept as a PNG in test-artifacts/ for a person to
look at (tracked changes show as LibreOffice shows them: struck, underlined, change bars)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from engine.diff import compare
from engine.render import RenderOptions
from engine.render.diff_docx import render_docx
from engine.store import canonical

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"


def test_libreoffice_opens_the_report(tmp_path: Path) -> None:
    old, new = (
        canonical.loads((ROOT / "history/regional-arrangements-hr/zh" / name).read_text(encoding="utf-8"))
        for name in ("A-RES-51-102.md", "A-RES-53-148.md")
    )
    report = tmp_path / "report.docx"
    report.write_bytes(render_docx(compare(old, new), RenderOptions()))
    converted = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(report),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert converted.returncode == 0, converted.stderr
    pdf = tmp_path / "report.pdf"
    assert pdf.exists() and pdf.stat().st_size > 1000
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(ARTIFACTS / "report-docx"),
        ],
        check=True,
        timeout=60,
    )
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # Both texts are on the page while the revisions are pending: deleted and inserted words.
    assert "第1996/55" in text.replace(" ", "") and "第1998/57" in text.replace(" ", "")
