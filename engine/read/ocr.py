"""Broken word spacing from OCR (`Reaf firming its comm itment`, `Fift y- second`).

Such text would silently break the structure (`Reaf` is no preambular opener), so lines
with broken words are found and repaired before any parsing: within a run of tokens,
every space is either a real word boundary or an OCR artefact, and the reading whose
words are the most probable English wins (a unigram Viterbi over the existing spaces,
as in Norvig's word segmentation). Word frequencies come from the English list shipped
with `pyspellchecker`, topped up by `un_words.txt`, the vocabulary of the clean English
corpus texts (British spellings such as `programme`, `centred`, and the UN's terms rank
first there: `Right s on` must become `Rights on`, not `Right son`). Only lines that show
a fragment joining a neighbour into a word are touched, so clean text is left alone;
what is repaired, and what could not be, is reported in the warnings.

The frequency list costs about 0.1 s to load, more than the rest of reading a typical text,
and clean text never needs it: a text is looked at with the list only when some line shows,
by the UN words alone, a piece that is no UN word and that joins a neighbour into one
(`Reaf firming`, `comm itment`). OCR breaks the lead words and drafting words of a
resolution everywhere, so every OCR-broken text in the corpus and tests shows this; a text
that does not is left as it is (`may_be_broken`).
"""

from __future__ import annotations

import gzip
import json
import math
import re
from functools import cache, lru_cache

from ..diagnostics import Diagnostic, diag
from ..lazyre import lazy
from ..text import MONTHS

MAX_PIECES = 4  # an OCR-broken word spans at most this many tokens ("Reca llin g")
RARE = 200  # below this frequency a token is a fragment, not a word ("hts", "reaf")
JOINED_MIN = 20  # a merge must give a word at least this frequent ("reaffirming": 149)
FRAGMENT = 10_000  # rarer pieces that are no UN word are fragments too ("promo ting")
UN_WORD = 10_000_000  # a UN drafting word counts as a very common one
LONGEST_WORD = 45  # no English word is longer ("pneumonoultramicroscopicsilicovolcanoconiosis")
_TOKEN = lazy(r"\S+")
_YEAR = lazy(r"\b(?=(?:1 ?9|2 ?0)(?: ?\d){2}\b)(?:\d ?){3}\d\b")
_DAY = lazy(rf"\b(\d) (\d)(?= (?:{'|'.join(MONTHS['en'])})\b)")
_HYPHEN_SPACE = lazy(r"(?<=[A-Za-z])- (?=[a-z])")  # "Fift y- second"
_CORE = lazy(r"^([\"“‘(\[]*)(.*?)([\"”’)\],.;:!?*]*)$")


@cache
def _frequencies() -> tuple[dict[str, int], float]:
    """pyspellchecker's English word counts plus the UN words, loaded on first use.

    The list is read as `SpellChecker(language="en")` reads it, without building the
    checker: that costs 0.17 s a process where this costs 0.07 s. The shipped list is
    already lower-case, which is all the checker would do to it (a test pins the equality).
    """
    from importlib import resources  # here: ~3 ms to import, needed only for English

    packed = resources.files("spellchecker").joinpath("resources", "en.json.gz").read_bytes()
    table: dict[str, int] = json.loads(gzip.decompress(packed))
    for word in _un_word_list():  # a word listed twice counts twice, as it always has
        table[word] = table.get(word, 0) + UN_WORD
    return table, float(sum(table.values()))


@cache
def _un_word_list() -> tuple[str, ...]:
    """The UN drafting vocabulary (`un_words.txt`): a few thousand words, cheap to load.

    Read through the package's loader (`pkgutil.get_data`), which works from a zip as well:
    importlib.resources' file readers import zipfile and tempfile, ~8 ms of every English
    diff's start-up."""
    import pkgutil

    data = pkgutil.get_data(__package__ or "engine.read", "un_words.txt")
    if data is None:  # pragma: no cover - a loader that cannot read data files
        raise FileNotFoundError(f"{__package__}: un_words.txt, installed with the package, cannot be read")
    text = data.decode("utf-8")
    return tuple(word for word in text.split() if not word.startswith("#"))


@cache
def _un_words() -> frozenset[str]:
    return frozenset(_un_word_list())


# The words pyspellchecker counts at least UN_WORD times that are not in un_words.txt: with
# the UN words, every word `_is_un_word` accepts, known without loading the list (a test
# pins this against the list).
COMMONEST = frozenset(["a", "don't", "i", "me", "my", "was", "we", "what", "you", "your"])


def _may_be_un_word(word: str) -> bool:
    """False only for a word that is surely not a UN word (`_is_un_word`), without the list."""
    lower = word.lower()
    return lower in _un_words() or lower in COMMONEST


@lru_cache(maxsize=1 << 16)  # asked of every token of every English line: words recur
def _may_be_fragment(core: str) -> bool:
    """False only for a piece that is surely no fragment (`_is_fragment`), without the list:
    a UN word (or one of hyphenated UN words) is counted above any fragment's frequency."""
    word = core.strip("-")
    if not word.replace("-", "").isalpha():
        return False
    if len(word) == 1:
        return word.lower() not in ("a", "i")
    return not all(part in _un_words() for part in word.lower().split("-"))


def _core(token: str) -> str:
    """A token without the punctuation around it (`_CORE` matches any token)."""
    return _CORE.match(token)[2]  # type: ignore[index]


def may_be_broken(lines: list[str]) -> bool:
    """Does some line show a piece that is no UN word and joins a neighbour into a UN word?

    Decided from the UN words alone, without the frequency list; only then does
    `repair_spacing` look at the lines with the list (see the module's docstring)."""
    un_words = _un_words()
    # A line can only show such a piece in a token that is no UN word and may be a fragment:
    # those are found among the distinct tokens of the whole text (a few thousand, where the
    # text has hundreds of thousands), and only the lines holding one are looked at closely.
    per_line = [_TOKEN.findall(_HYPHEN_SPACE.sub("-", line) if "- " in line else line) for line in lines]
    suspect = {
        token
        for token in set().union(*per_line)
        if (core := _core(token)).lower() not in un_words and _may_be_fragment(core)
    }
    if not suspect:
        return False
    for tokens in per_line:
        if suspect.isdisjoint(tokens):
            continue
        for i in [k for k, token in enumerate(tokens) if token in suspect]:
            for j in range(max(0, i - 1), min(len(tokens), i + 2) - 1):
                joined = _core(tokens[j]).split("-")[-1] + _core(tokens[j + 1]).split("-")[0]
                if joined.isalpha() and len(joined) > 2 and _may_be_un_word(joined):
                    return True
    return False


def _freq(word: str) -> int:
    table, _ = _frequencies()
    parts = word.lower().split("-")
    if len(parts) > 1 and all(parts):
        return min(table.get(p, 0) for p in parts)
    return table.get(word.lower(), 0)


@lru_cache(maxsize=1 << 16)  # asked of every token of every English line: words recur
def _is_fragment(core: str) -> bool:
    """A piece that is no word of its own: rare in English and not a UN drafting word."""
    word = core.strip("-")
    if not word.replace("-", "").isalpha():
        return False
    if len(word) == 1:
        return word.lower() not in ("a", "i")
    count = _freq(word)
    return count < RARE or (count < FRAGMENT and count < UN_WORD)


def _is_un_word(word: str) -> bool:
    return _freq(word) >= UN_WORD


def _word_cost(word: str) -> float:
    parts = [p for p in word.split("-") if p]
    if len(parts) > 1:
        return sum(_word_cost(p) for p in parts)
    _, total = _frequencies()
    count = _freq(word)
    if count == 0:
        return 10.0 + 2.0 * len(word)  # an unknown word: costly, more so when long
    return -math.log(count / total)


def _prepare(line: str) -> str:
    """Undo the OCR spacing that is not inside words: around hyphens, slashes, in years."""
    line = re.sub(r"(?<=[A-Za-z])- (?=[a-z])", "-", line)  # "Fift y- second"
    line = re.sub(r"(?<=[a-z]) -(?=[a-z])", "-", line)  # "Seventy -sixth"
    line = re.sub(r"(?<=\d) ?/ ?(?=\d)", "/", line)  # "70 /1", "75/ 180"
    return _YEAR.sub(lambda m: m[0].replace(" ", ""), line)  # "20 22", "2 020"


def _clean(line: str) -> bool:
    return False


def line_is_broken(line: str) -> bool:
    """True when a line has a fragment that joins with a neighbour into a real word."""
    line = re.sub(r"(?<=[A-Za-z])- (?=[a-z])", "-", line)
    cores = [_CORE.match(t)[2] for t in _TOKEN.findall(line)]  # type: ignore[index]
    for i, core in enumerate(cores):
        if not _is_fragment(core):
            continue
        for j in range(max(0, i - 1), min(len(cores), i + 2) - 1):
            joined = cores[j].split("-")[-1] + cores[j + 1].split("-")[0]  # the part across the gap
            if joined.isalpha() and len(joined) > 2 and _freq(joined) >= JOINED_MIN:
                return True
    return False


def repair_line(line: str) -> str:
    """Rejoin the fragments of a broken line; real words and punctuation stay as they are."""
    line = _prepare(line)
    tokens = _TOKEN.findall(line)
    n = len(tokens)
    parts = [_CORE.match(t) for t in tokens]
    # best[i] = (cost, previous cut) for the first i tokens
    best: list[tuple[float, int]] = [(0.0, 0)] + [(math.inf, 0)] * n
    for end in range(1, n + 1):
        for start in range(max(0, end - MAX_PIECES), end):
            cost = _group_cost(parts, start, end)
            if cost is not None and best[start][0] + cost < best[end][0]:
                best[end] = (best[start][0] + cost, start)
    groups: list[str] = []
    end = n
    while end > 0:
        start = best[end][1]
        groups.append("".join(tokens[start:end]))
        end = start
    return _DAY.sub(lambda m: m[1] + m[2], " ".join(reversed(groups)))  # "2 5 June"


def _group_cost(parts: list[re.Match[str] | None], start: int, end: int) -> float | None:
    group = parts[start:end]
    if any(m is None for m in group):
        return None
    matches = [m for m in group if m is not None]
    cores = [m[2] for m in matches]
    if end - start == 1:
        return _word_cost(cores[0]) if cores[0].replace("-", "").isalpha() else 0.0
    # No punctuation inside a merged word, and at least one piece must be a fragment.
    if any(m[3] for m in matches[:-1]) or any(m[1] for m in matches[1:]):
        return None
    joined = "".join(cores)
    if not _is_un_word(joined) and not any(_is_fragment(c) for c in cores):
        return None
    if not joined.replace("-", "").isalpha():
        return None
    # The part of the joined word that spans the removed spaces must be a known word.
    spanning = joined.split("-")[cores[0].count("-")]
    if _freq(spanning) < JOINED_MIN:
        return None
    return _word_cost(joined)


@lru_cache(maxsize=1 << 16)  # asked of every token of every English line: words recur
def _is_run_together(token: str) -> bool:
    core = _CORE.match(token)[2]  # type: ignore[index]
    if len(core) < 6 or not core.isalpha() or not core[1:].islower() or core.lower() in _un_words():
        return False
    # Both halves are words, so neither is longer than the longest word: only the cuts
    # that leave both halves that short are tried (linear, not quadratic, in the token).
    if len(core) > 2 * LONGEST_WORD:
        return False
    cuts = range(max(2, len(core) - LONGEST_WORD), min(len(core) - 1, LONGEST_WORD + 1))
    # Cheap first: two pieces that may be UN words; only then the list (a UN word is never rare).
    if not any(_may_be_un_word(core[:i]) and _may_be_un_word(core[i:]) for i in cuts):
        return False
    if _freq(core) >= RARE:
        return False
    return any(_is_un_word(core[:i]) and _is_un_word(core[i:]) for i in cuts)


def run_together(text: str) -> list[str]:
    """Unknown lower-case tokens that are two words without the space ("concernat"), each once,
    in order (a long text repeats its tokens: each distinct one is looked at once)."""
    tokens = dict.fromkeys(_TOKEN.findall(text))
    return list(dict.fromkeys(_core(t) for t in tokens if _is_run_together(t)))


_EXAMPLE_WIDTH = 40
_EXAMPLE_LEAD = 12  # characters of context kept before the first repair


def _example(line: str, fixed: str) -> str:
    """`'before' -> 'after'` around the first repair on a line: the line's first 40
    characters showed nothing repaired when the repair stood further on (A/RES/70/173:
    `'national human rights institution, made ' -> 'national human rights institution, made '`
    for `period ic` -> `periodic`)."""
    at = next(
        (i for i, (a, b) in enumerate(zip(line, fixed, strict=False)) if a != b), min(len(line), len(fixed))
    )
    start = line.rfind(" ", 0, max(0, at - _EXAMPLE_LEAD)) + 1 if at > _EXAMPLE_LEAD else 0
    return f"{line[start : start + _EXAMPLE_WIDTH]!r} -> {fixed[start : start + _EXAMPLE_WIDTH]!r}"


def repair_spacing(lines: list[str]) -> tuple[list[str], list[Diagnostic]]:
    """Repair English lines with broken word spacing; return the lines and the warnings."""
    broken = line_is_broken if may_be_broken(lines) else _clean
    out: list[str] = []
    examples: list[str] = []
    repaired = remaining = 0
    for line in lines:
        if broken(line):
            fixed = repair_line(line)
            if fixed != line:
                repaired += 1
                if len(examples) < 3:
                    examples.append(_example(line.strip(), fixed.strip()))
            out.append(fixed)
            # only a line that was broken can still be: the others are left as they were
            remaining += broken(fixed)
        else:
            out.append(line)
    warnings = []
    if repaired:
        warnings.append(
            diag(
                "ocr-repaired",
                f"broken word spacing (OCR) repaired on {repaired} line(s), e.g. " + "; ".join(examples),
            )
        )
    glued = sorted(run_together("\n".join(out)))  # tokens never span a line: the same words
    if glued:
        warnings.append(diag("run-together", "words run together (not repaired): " + ", ".join(glued[:5])))
    if remaining:
        warnings.append(
            diag(
                "ocr-remaining",
                f"broken word spacing (OCR) remains on {remaining} line(s); structure may be unreliable",
            )
        )
    return out, warnings
