"""Diagnostics: what a reader stage or a check found odd, as data rather than strings.

Every stage that repairs, doubts or refuses part of a text says so with a `Diagnostic`
(code, severity, line, message), so that a command can print them as compiler-style lines
(`draft.txt:12: numbering-skipped: ...`), a CI check can select or silence them by code,
and the JSON (`warnings` in `resdiff.document/1`) carries them whole. The codes are the
contract; messages may be reworded. `CODES` lists every code with what it means: a code
not listed there cannot be made (the constructor refuses it), so the schema's list of codes
and the code stay one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "note"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "note")

# code -> (default severity, what it means). Grouped by the stage that emits it.
CODES: dict[str, tuple[Severity, str]] = {
    # decoding
    "decode-replaced": ("error", "bytes that are not valid in the text's encoding were replaced"),
    "decode-guessed": ("warning", "the text is not UTF-8 and its encoding was guessed (a code page)"),
    "control-removed": ("warning", "control characters (escape sequences, BEL...) were removed"),
    # Markdown marks in a typed draft
    "markdown-stripped": (
        "note",
        "Markdown heading marks (#) or emphasis marks (**, _) at line starts were stripped from the text",
    ),
    "metadata-line": (
        "warning",
        "a `# key: value` metadata line was ignored (a key the reader does not know, or a value it refuses)",
    ),
    # layout and structure
    "layout": ("note", "how the text's lines were taken (typed blocks or extracted lines)"),
    "no-body-line": ("warning", "no body line (such as 'The General Assembly,') was found"),
    "header-taken": (
        "warning",
        "text before the first paragraph, ending as a paragraph ends (comma, semicolon), was taken as header",
    ),
    "symbol-overridden": ("warning", "--symbol replaced a different symbol the text prints"),
    "unterminated": ("warning", "a paragraph starts where the one before does not end with punctuation"),
    "number-without-stop": ("note", "an operative number was printed without its full stop"),
    "cut-lead-word": ("note", "a lone word at the end of an excerpt taken as a cut-off paragraph start"),
    "numbering-skipped": ("warning", "an operative number (or a PP/OP label) skips one or more numbers"),
    "numbering-repeated": ("warning", "an operative number (or a PP/OP label) repeats the one before"),
    "numbering-out-of-order": ("warning", "an operative number (or a PP/OP label) goes back"),
    "numbering-as-text": (
        "warning",
        "a number too far from the running one was read as text, not as a paragraph",
    ),
    "numbering-missing": ("warning", "an operative paragraph has no number among numbered ones"),
    "subparagraph-order": (
        "warning",
        "subparagraph letters, roman numbers or numbered items ((1), (2) ...) skip, repeat or go back",
    ),
    "negotiation-label": ("note", "the text carries negotiation labels (PP1, OP3 bis...)"),
    "bracketed-text": ("note", "square-bracketed (not agreed) text or status tags in a provision"),
    "excerpt": ("note", "the text stops before a final full stop and is read as an excerpt"),
    "after-final-stop": (
        "warning",
        "the last operative paragraph goes on after a full stop (text past the end may be joined to it)",
    ),
    # OCR spacing (English)
    "ocr-repaired": ("note", "broken word spacing from OCR was repaired"),
    "ocr-remaining": ("warning", "broken word spacing remains; structure may be unreliable"),
    "run-together": ("note", "words run together (a lost space), not repaired"),
    # footnotes
    "footnote-no-text": ("warning", "a footnote marker has no footnote text"),
    "footnote-unreferenced": ("warning", "a footnote is not referenced from any paragraph"),
    "footnote-duplicate": ("warning", "a second text for the same footnote was ignored"),
    "footnote-marker-doubtful": (
        "warning",
        "a number glued as a marker is, out of sequence and with no footnote text, kept in the text; or the "
        "marker expected glued to an acronym as a name's number is (ILO2, CO2), taken or kept",
    ),
    # files other than plain text
    "docx-revisions": ("note", "the Word file had tracked revisions"),
    "docx-comments": ("note", "the Word file had comments, which were ignored"),
    "pdf-extracted": ("note", "the text was extracted from a PDF"),
}


@dataclass(frozen=True)
class Diagnostic:
    """One finding. `line` is 1-based in the file as read (None: the whole text); in a
    Word file, which has no lines, it is the paragraph's number (engine/read/docx.py)."""

    code: str
    message: str
    line: int | None = None
    severity: Severity = "warning"

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown diagnostic code {self.code!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    def format(self, path: str | None = None) -> str:
        """`path:line: code: message`, the form compilers and linters print."""
        where = path or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.code}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "severity": self.severity, "line": self.line, "message": self.message}


def diag(code: str, message: str, line: int | None = None) -> Diagnostic:
    """A diagnostic with its code's default severity."""
    return Diagnostic(code, message, line, CODES[code][0])
