"""Markdown marks in a typed draft: heading lines, `# key: value` metadata lines, emphasis.

Drafts are typed or pasted from Markdown editors (`# Promotion and protection of human
rights`, `## Draft resolution`, `**Recalling** its resolutions`, `**OP1** Decides`), and
the project's own typed texts carry their metadata as `# key: value` lines (tests/helpers.py).
Read as plain text, a `# title: X` line became the title `# title：X` (a heading change in
every diff against the stored version), a heading line a paragraph, and `**Decides**` hid the
lead word and `**1.**` the operative number, so that a whole draft was refused as "no
paragraph". This stage runs before any other looks at the lines: it takes the metadata lines
out (their values win over what the header would let the reader infer), strips heading marks
and the emphasis marks that open a line (or follow its number or label), and says what it
stripped. Marks inside a sentence are left: an asterisk there is a footnote marker
(`A/RES/52/131*`), not emphasis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, diag
from ..lazyre import lazy
from .lines import Line

# `# symbol: A/HRC/RES/25/3`: one `#`, a key, a colon (half- or full-width). A known key in any
# case (`# Symbol:`); another only in lower case (`# Note: revised` is a heading's words).
_META = lazy(r"^#[ \t]*(?P<key>[A-Za-z][A-Za-z_]*)[ \t]*[:：][ \t]*(?P<value>.*?)\s*$")
KEYS = ("language", "symbol", "title")
# An ATX heading (CommonMark): 1-6 `#`, then a space or the end; an optional closing run.
_HEADING = lazy(r"^[ ]{0,3}(?P<marks>#{1,6})(?:[ \t]+(?P<text>.*?))?(?:[ \t]+#+)?[ \t]*$")
# Emphasis opening a line: `**Recalling**`, `*The General Assembly*,`, `**回顾**其`, `**1.**`,
# `**OP1**`, `__Noting__`, `_Decides_`. Not a barcode (`*2321227*`: digits only), not a
# footnote body (`* Reissued`: a space after the mark). As in CommonMark, `_` closes only
# before a non-word character (`_x_y` is a name), `*` before anything.
_STAR = lazy(r"(?P<mark>\*\*\*|\*\*|\*)(?!\d+(?P=mark))(?P<inner>[^\s*](?:[^*]*?[^\s*])?)(?P=mark)(?!\*)")
_UNDERSCORE = lazy(r"(?P<mark>___|__|_)(?P<inner>[^\s_](?:[^_]*?[^\s_])?)(?P=mark)(?![\w_])")
# A thematic break (`---`, `***`, `___`), which an extracted text also uses for the rule
# above its footnotes.
_RULE = lazy(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_ENDS_PARAGRAPH = lazy(r"[,;:.，；：。]$")
_ESCAPED_NUMBER = lazy(r"^(\s*\d{1,3})\\(?=[.)])")
# What a paragraph typed with a heading mark opens with: a number, a letter or a label.
_NUMBERED = lazy(r"^\s*(?:\d{1,3}\s*[.．)）]|[(（][a-z]{1,4}[)）]|(?:PP|OP)\s?\d)", re.IGNORECASE)
# What may stand before emphasis on a line: a number, a letter, a negotiation label.
_LEAD = lazy(r"\s*(?:\d{1,3}[.)]|[(（][a-z]{1,4}[)）]|(?:PP|OP)\s?\d+[a-z ]*?[.:)]?)?\s*")


@dataclass
class Marked:
    """What the stage found: metadata (key -> (value, line)), and its findings."""

    declared: dict[str, tuple[str, int]] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)


def take_marks(lines: list[Line]) -> Marked:
    """Rewrite `lines` in place (metadata lines, section headings and rules made blank,
    marks stripped); see the module."""
    out = Marked()
    headings: list[int] = []
    emphasis: list[int] = []
    escaped: list[int] = []
    sections: list[tuple[int, str]] = []
    rules: list[Line] = []
    in_body = False  # a line ending as a paragraph (or the body line) ends has been read
    for line in lines:
        meta = _META.match(line.text)
        if meta and (meta["key"].lower() in KEYS or meta["key"].islower()):
            _metadata_line(line, meta["key"].lower(), meta["value"], out)
            continue
        if _RULE.match(line.text):
            rules.append(line)
            continue
        heading = _HEADING.match(line.text)
        if heading:
            line.text = heading["text"] or ""
            headings.append(line.no)
            if (
                in_body
                and line.text
                and not _ENDS_PARAGRAPH.search(line.text)
                and not _opens_provision(line.text)
            ):
                # `## Operative part` between paragraphs: a section heading, not a paragraph
                # (it was read as a preambular paragraph, or glued to the one before).
                sections.append((line.no, line.text))
                line.text, line.kind = "", "blank"
                continue
        number = _ESCAPED_NUMBER.match(line.text)
        if number:  # `1\. Decides`: a Markdown editor's escape, so that 1. is not a list
            line.text = number[1] + line.text[number.end() :]
            escaped.append(line.no)
        stripped = _strip_emphasis(line.text)
        if stripped != line.text:
            line.text = stripped
            emphasis.append(line.no)
        in_body = in_body or bool(_ENDS_PARAGRAPH.search(line.text))
    said = []
    if headings:
        said.append(f"heading marks (#) on {_lines(headings)}")
    if emphasis:
        said.append(f"emphasis marks (** or _) at the start of {_lines(emphasis)}")
    if escaped:
        said.append(f"the backslash of an escaped number (1\\.) on {_lines(escaped)}")
    if said and rules:
        # `---` in a Markdown text is a rule between sections; in an extracted one, the
        # footnote separator: only a text marked as Markdown elsewhere has rules.
        for rule in rules:
            rule.text, rule.kind = "", "blank"
        said.append(f"horizontal rules (---) on {_lines([rule.no for rule in rules])}")
    if sections:
        shown = ", ".join(f"{text!r} (line {no})" for no, text in sections[:8])
        said.append(f"section headings between paragraphs, which are not paragraphs: {shown}")
    if said:
        found = headings + emphasis + escaped
        out.warnings.append(
            diag(
                "markdown-stripped",
                "read as Markdown, marks stripped: " + "; ".join(said),
                found[0] if len(found) == 1 else None,
            )
        )
    return out


def _metadata_line(line: Line, key: str, value: str, out: Marked) -> None:
    """Take a `# key: value` line out of the text: its value declared, or said and ignored."""
    line.text, line.kind = "", "blank"
    if key not in KEYS:
        message = f"'# {key}: ...' is not a metadata line the reader knows ({', '.join(KEYS)}): ignored"
    elif not value:
        message = f"'# {key}:' has no value: ignored"
    elif key in out.declared:
        first, no = out.declared[key]
        message = f"a second '# {key}:' line ({value!r}): ignored, the first ({first!r}, line {no}) stands"
    else:
        out.declared[key] = (value, line.no)
        return
    out.warnings.append(diag("metadata-line", message, line.no))


def _strip_emphasis(text: str) -> str:
    """The text without the emphasis marks around its first words (after its number or
    label, if any): `**1.** **Decides** to` -> `1. Decides to`."""
    pos = 0
    for _ in range(4):  # a number, a label and a lead word, each marked, at most
        lead = _LEAD.match(text, pos)
        start = lead.end() if lead else pos
        m = _emphasis(text, start)
        if m is None:
            # The number or label itself may be what is marked (`**1.**`): try before it.
            m = _emphasis(text, pos + len(text[pos:]) - len(text[pos:].lstrip()))
            if m is None:
                break
        text = text[: m.start()] + m["inner"] + text[m.end() :]
        pos = m.start()
    return text


def _emphasis(text: str, at: int) -> re.Match[str] | None:
    return _STAR.match(text, at) or _UNDERSCORE.match(text, at)


def _lines(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:8])
    more = f" and {len(numbers) - 8} more" if len(numbers) > 8 else ""
    return ("line " if len(numbers) == 1 else "lines ") + shown + more


def _opens_provision(text: str) -> bool:
    """Does a heading's text open as a paragraph would (a number or label, a lead word or
    operative verb of any language the reader knows)? Then it is a paragraph typed with a
    heading mark, kept, never dropped as a section heading: this stage runs before the
    language is known, so every language is asked."""
    from ..text import OPERATIVE_LEAD_WORDS
    from . import openers

    if _NUMBERED.match(text) or openers.opens_operative_zh(text) or openers.opens_preamble(text, "zh"):
        return True
    word = openers.first_word(text)
    if any(word in words for words in OPERATIVE_LEAD_WORDS.values()):
        return True
    return any(openers.opens_preamble(text, lang, strict=True) for lang in ("en", "fr", "es", "ru"))
