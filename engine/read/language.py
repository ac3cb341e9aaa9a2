"""Which of the six official languages a text is in.

Scripts decide first, because they are unambiguous: Han means Chinese, Arabic means
Arabic, Cyrillic means Russian; Chinese pages carry English cover lines (`Distr.:
General`), so the Han count is compared with the letters, not required to be all of them.
Among the Latin-script languages (English, French, Spanish) `langdetect` decides, with a
fixed seed so that the same text always gets the same answer.
"""

from __future__ import annotations

import unicodedata

LATIN_LANGUAGES = ("en", "fr", "es")


def is_han(ch: str) -> bool:
    code = ord(ch)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2A6DF


def script_counts(text: str) -> dict[str, int]:
    counts = {"han": 0, "arabic": 0, "cyrillic": 0, "latin": 0}
    for ch in text:
        if is_han(ch):
            counts["han"] += 1
        elif 0x0600 <= ord(ch) <= 0x06FF:
            counts["arabic"] += 1
        elif 0x0400 <= ord(ch) <= 0x04FF:
            counts["cyrillic"] += 1
        elif ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN"):
            counts["latin"] += 1
    return counts


def detect_language(text: str) -> str:
    """zh, ar, ru, en, fr or es. Defaults to en when nothing can be told."""
    counts = script_counts(text)
    # A Han character carries about a word; Latin letters come five or six to a word.
    if counts["han"] * 4 >= counts["latin"] and counts["han"] > 0:
        return "zh"
    if counts["arabic"] > counts["latin"]:
        return "ar"
    if counts["cyrillic"] > counts["latin"]:
        return "ru"
    # Imported here: langdetect's import costs ~6 ms (and its profiles load on first use);
    # a text in a non-Latin script, or any run with --lang, never needs it.
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0  # langdetect is random unless seeded
    try:
        guesses = detect_langs(text)
    except LangDetectException:
        return "en"
    for guess in guesses:
        if guess.lang in LATIN_LANGUAGES:
            return str(guess.lang)
    return "en"
