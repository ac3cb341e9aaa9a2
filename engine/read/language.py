"""Which of the six official languages a text is in, and whether a given --lang fits it.

Scripts decide first, because they are unambiguous: Han means Chinese, Arabic means
Arabic, Cyrillic means Russian; Chinese pages carry English cover lines (`Distr.:
General`), so the Han count is compared with the letters, not required to be all of them.

Among the Latin-script languages (English, French, Spanish) the function words decide
(`the`, `of`, `and` / `les`, `des`, `et` / `los`, `las`, `y`, see `engine.text`), with the
preambular lead words (`Recalling`, `Rappelant`, `Recordando`) and the letters only one of
the two Romance languages uses (`è`, `ç` / `ñ`, `á`) as further evidence. Resolution text is
dense in these words, so one paragraph, often a few words, is enough. This replaced a
general detector (langdetect) that loaded 55 language profiles, about 0.4-1 s of every
run, to choose among three languages; on the corpus it is as accurate on whole texts and
more accurate on short ones (measured in the commit that made the change). Nothing here is random: the same
text always gets the same answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..text import FUNCTION_WORDS, LATIN_WORD_RE, OPERATIVE_LEAD_WORDS, SCRIPT_NAMES, script_counts
from . import openers

LATIN_LANGUAGES = ("en", "fr", "es")
LANGUAGE_NAMES = {
    "zh": "Chinese",
    "en": "English",
    "fr": "French",
    "es": "Spanish",
    "ru": "Russian",
    "ar": "Arabic",
}
_LETTER_NAMES = {"han": "Han", "latin": "Latin", "cyrillic": "Cyrillic", "arabic": "Arabic"}
SCRIPT_OF = {"zh": "han", "ar": "arabic", "ru": "cyrillic", "en": "latin", "fr": "latin", "es": "latin"}

# Letters that one of French and Spanish writes and the other never does (é is both).
_MARK_LETTERS = {"fr": frozenset("èêàçùâîôûëïœ"), "es": frozenset("ñáíóú¿¡")}
# A non-Latin --lang stands while its script carries this share of the text's words.
_CARRIES = 0.1
_LETTERS_PER_WORD = 5
# Marks are counted in this many first characters of a text.
_MARKS_SPAN = 50_000
# Below this many letters a text says too little for --lang to be contradicted.
_MIN_LETTERS = 20
# Latin against Latin: a --lang is contradicted only when the other language has at least
# this many marks, and this many times the given language's.
_CLEAR_MARKS = 8
_CLEAR_RATIO = 4


@cache
def _lead_words() -> dict[str, frozenset[str]]:
    """Each Latin language's listed lead words, preambular and operative, less those two
    languages share (`Consciente`)."""
    listed = {lang: openers.lead_words(lang) | OPERATIVE_LEAD_WORDS[lang] for lang in LATIN_LANGUAGES}
    return {
        lang: frozenset(w for w in words if not any(w in listed[o] for o in LATIN_LANGUAGES if o != lang))
        for lang, words in listed.items()
    }


@dataclass(frozen=True)
class Evidence:
    """What a text shows of its language: letters per script, and for each Latin language
    the marks found (function words, lead words, letters of its own)."""

    scripts: dict[str, int]
    marks: dict[str, int]

    @property
    def letters(self) -> int:
        return sum(self.scripts.values())

    def share(self, script: str) -> int:
        """Percentage of the letters in `script`."""
        return round(100 * self.scripts[script] / self.letters) if self.letters else 0

    def script_language(self) -> str | None:
        """zh, ar or ru when the script decides; None for Latin text (or no letters)."""
        han, latin = self.scripts["han"], self.scripts["latin"]
        # A Han character carries about a word; Latin letters come five or six to a word.
        if han > 0 and han * 4 >= latin:
            return "zh"
        if self.scripts["arabic"] > latin:
            return "ar"
        if self.scripts["cyrillic"] > latin:
            return "ru"
        return None

    def carries(self, script: str) -> bool:
        """Does `script` carry at least `_CARRIES` of the text's words? A Han character counts
        as a word, Latin, Cyrillic and Arabic letters five to a word. Latin never carries a
        text whose script is another: there it is the cover page, symbols and names."""
        if script == "latin":
            return False
        words = {
            name: count * (_LETTERS_PER_WORD if name == "han" else 1) for name, count in self.scripts.items()
        }
        return words[script] >= _CARRIES * sum(words.values())

    def latin_language(self) -> str:
        """en, fr or es, whichever has the most marks; English when none has any."""
        return max(LATIN_LANGUAGES, key=lambda lang: self.marks[lang])  # first wins a tie: en

    def language(self) -> str:
        return self.script_language() or self.latin_language()


def evidence(text: str) -> Evidence:
    """Letters per script over the whole text (a regular expression, in C); marks over its
    first `_MARKS_SPAN` characters, thousands of words, which keeps detection of a text of
    thousands of provisions to milliseconds."""
    scripts = script_counts(text)
    marks = dict.fromkeys(LATIN_LANGUAGES, 0)
    if scripts["latin"]:
        lead = _lead_words()
        text = text[:_MARKS_SPAN]
        for line in text.splitlines():
            first = openers.first_word(line)
            for lang in LATIN_LANGUAGES:
                marks[lang] += 2 * (first in lead[lang])
        for word in LATIN_WORD_RE.findall(text):
            lower = word.lower()
            for lang in LATIN_LANGUAGES:
                marks[lang] += lower in FUNCTION_WORDS[lang]
            for lang, letters in _MARK_LETTERS.items():
                marks[lang] += not letters.isdisjoint(lower)
    return Evidence(scripts, marks)


def detect_language(text: str) -> str:
    """zh, ar, ru, en, fr or es. Defaults to en when nothing can be told."""
    return evidence(text).language()


def language_conflict(text: str, lang: str) -> str | None:
    """Why `text` cannot be in `lang`, or None when it can (or when it is too short to say).

    A script that contradicts the language is told unless the language's own script still
    carries a good part of the text (`_CARRIES`): a Chinese excerpt under a long English cover
    page is detected as English, and `--lang zh` must stay the way to read it. Among English,
    French and Spanish only clear evidence is told (`_CLEAR_MARKS`), so that a short or mixed
    text is accepted."""
    ev = evidence(text)
    if ev.letters < _MIN_LETTERS:
        return None
    found = ev.script_language()
    script = SCRIPT_OF[found] if found else "latin"
    if script != SCRIPT_OF.get(lang, script) and not ev.carries(SCRIPT_OF[lang]):
        suggest = found or ev.latin_language()
        return (
            f"the text is in {SCRIPT_NAMES[script]} script ({ev.share(script)}% {_LETTER_NAMES[script]})"
            f" but --lang {lang} was given; drop --lang or use --lang {suggest}"
        )
    if script == "latin" and lang in LATIN_LANGUAGES:
        other = ev.latin_language()
        theirs, ours = ev.marks[other], ev.marks[lang]
        if other != lang and theirs >= _CLEAR_MARKS and theirs >= _CLEAR_RATIO * ours:
            return (
                f"the text reads as {LANGUAGE_NAMES[other]} ({theirs} {LANGUAGE_NAMES[other]} words"
                f" against {ours} {LANGUAGE_NAMES[lang]}) but --lang {lang} was given;"
                f" drop --lang or use --lang {other}"
            )
    return None
