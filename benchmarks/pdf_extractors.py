"""Which PDF extractor `engine/read/pdf.py` uses, and why: the measurement behind the choice.

    python -m benchmarks.pdf_extractors

For each UN-style PDF made by `tests/pdfgen.py` (Chinese in the CID font STSong-Light;
English in Helvetica, ragged and justified, and in an embedded TrueType font, justified;
each also with a drawn footnote rule and numbers glued to the footnote text, as word
processors print them),
each extractor's text goes through the same steps as in `engine/read/pdf.py` (pages
joined, blank lines dropped) and then `read_text`; the table counts provisions equal to
the canonical file the PDF was made from, and gives the extraction time (best of three)
and the import time (fresh interpreter, best of three). Extractors that are not installed
are skipped: pdfminer.six is a dependency, the others are not (`pip install pypdf
pdfplumber pypdfium2` to rerun the comparison).
"""

from __future__ import annotations

import io
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from engine.model import Resolution
from engine.read import read_text
from engine.read.pdf import CHAR_MARGIN
from engine.store.canonical import loads
from tests.pdfgen import SAMPLES, sample_pdf

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
TTF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def _pdfminer(char_margin: float) -> Callable[[bytes], str]:
    def run(data: bytes) -> str:
        from pdfminer.high_level import extract_text
        from pdfminer.layout import LAParams

        return str(extract_text(io.BytesIO(data), laparams=LAParams(char_margin=char_margin)))

    return run


def _resdiff(data: bytes) -> str:
    from engine.read.pdf import extract_text

    return extract_text(data)[0]


def _pypdf(data: bytes) -> str:
    from pypdf import PdfReader

    return "\f".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _pdfplumber(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\f".join(page.extract_text() or "" for page in pdf.pages)


def _pypdfium2(data: bytes) -> str:
    import pypdfium2

    doc = pypdfium2.PdfDocument(data)
    return "\f".join(page.get_textpage().get_text_range().replace("\r\n", "\n") for page in doc)


EXTRACTORS: dict[str, tuple[str, Callable[[bytes], str]]] = {
    "engine/read/pdf.py (pdfminer.six layout, drawn rule as text)": ("pdfminer.high_level", _resdiff),
    f"pdfminer.six (char_margin={CHAR_MARGIN:g})": ("pdfminer.high_level", _pdfminer(CHAR_MARGIN)),
    "pdfminer.six (default char_margin=2)": ("pdfminer.high_level", _pdfminer(2.0)),
    "pypdf": ("pypdf", _pypdf),
    "pdfplumber": ("pdfplumber", _pdfplumber),
    "pypdfium2": ("pypdfium2", _pypdfium2),
}


def documents() -> list[tuple[str, Resolution, bytes]]:
    docs = []
    for sample in SAMPLES:
        canon = loads((DATA / sample.canonical).read_text(encoding="utf-8"))
        variants: list[tuple[str, dict[str, object]]] = [
            ("", {}),
            (" justified", {"justify": True}),
            (" drawn rule", {"drawn_rule": True}),
        ]
        if canon.meta.language == "en" and Path(TTF).exists():
            variants.append((" TrueType justified", {"justify": True, "font_file": TTF}))
        for label, options in variants:
            pdf = sample_pdf(sample, **options)  # type: ignore[arg-type]
            docs.append((sample.name + label, canon, pdf.data))
    return docs


def exact(canon: Resolution, text: str) -> int:
    lines = [line for page in text.split("\f") for line in page.splitlines() if line.strip()]
    try:
        got = read_text("\n".join(lines) + "\n")
    except Exception:
        return 0
    want = {p.id: p for p in canon.provisions}
    return sum(1 for p in got.provisions if want.get(p.id) == p)


def import_time(module: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
        best = min(best, time.perf_counter() - start)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return best - (time.perf_counter() - start)


def main() -> None:
    docs = documents()
    print("| extractor | " + " | ".join(name for name, _, _ in docs) + " | import |")
    print("|---" * (len(docs) + 2) + "|")
    for label, (module, extract) in EXTRACTORS.items():
        try:
            __import__(module)
        except ImportError:
            print(f"| {label} | not installed |")
            continue
        cells = []
        for _, canon, data in docs:
            times = []
            for _ in range(3):
                start = time.perf_counter()
                text = extract(data)
                times.append(time.perf_counter() - start)
            cells.append(f"{exact(canon, text)}/{len(canon.provisions)}, {min(times) * 1000:.0f} ms")
        print(f"| {label} | " + " | ".join(cells) + f" | {import_time(module):.2f} s |")


if __name__ == "__main__":
    main()
