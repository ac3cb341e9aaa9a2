"""What the engine knows about how the six official languages are written, in one place.

Reader, aligner and diff all ask the same questions of a text: is this character Han, is this
a script written without spaces, is this a month name, which language's function words are
these. Each used to answer with its own table, and the tables disagreed (whether CJK
Extension B or the compatibility ideographs U+F900-FAFF are Han; dates in French and Spanish
were read as dates by the metadata but cut apart by the diff). One definition here keeps
them consistent; the regular-expression classes are strings so that callers can build them
into larger patterns, which scan a text in C.
"""

from __future__ import annotations

from collections.abc import Mapping

from .lazyre import LazyPattern, lazy

# --- Scripts ---------------------------------------------------------------------------
# Han: the CJK Unified Ideographs, Extension A, Extensions B-F (U+20000-2EBEF, rare names
# and variants, outside the BMP), the compatibility ideographs (U+F900-FAFF and the
# supplement U+2F800-2FA1F, which NFC maps to unified ones but text may still carry) and
# Extensions G-H (U+30000-323AF).
HAN_RANGES: tuple[tuple[int, int], ...] = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2EBEF),
    (0x2F800, 0x2FA1F),
    (0x30000, 0x323AF),
)
HAN_CLASS = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in HAN_RANGES)
CJK_PUNCTUATION_CLASS = "\u3000-\u303f"  # ideographic space, 、。「」《》...
FULL_WIDTH_CLASS = "\uff00-\uffef"  # full-width ASCII and half-width CJK forms
# Scripts written without spaces between words: Han, CJK punctuation, full-width forms.
CJK_CLASS = HAN_CLASS + CJK_PUNCTUATION_CLASS + FULL_WIDTH_CLASS
ARABIC_CLASS = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
CYRILLIC_CLASS = "\u0400-\u052f"
# Latin letters: ASCII, Latin-1 (less × and ÷), Extended-A/B and Extended Additional.
LATIN_CLASS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"

_HAN = lazy(f"[{HAN_CLASS}]")
_CJK = lazy(f"[{CJK_CLASS}]")
# Runs of each script's letters: counting runs, not single letters, makes a tenth as many
# match objects (a 1 MB English text is counted in about 50 ms).
_SCRIPT_RUNS: Mapping[str, LazyPattern] = {
    "han": lazy(f"[{HAN_CLASS}]+"),
    "arabic": lazy(f"[{ARABIC_CLASS}]+"),
    "cyrillic": lazy(f"[{CYRILLIC_CLASS}]+"),
    "latin": lazy(f"[{LATIN_CLASS}]+"),
}
# As in "the text is in Chinese script".
SCRIPT_NAMES = {"han": "Chinese", "arabic": "Arabic", "cyrillic": "Cyrillic", "latin": "Latin"}


def is_han(ch: str) -> bool:
    return bool(_HAN.match(ch))


def is_cjk(ch: str) -> bool:
    """Han, CJK punctuation or a full-width form: a character of the Chinese context."""
    return bool(_CJK.match(ch))


def has_cjk(text: str) -> bool:
    """Does `text` hold any character `is_cjk` accepts?"""
    return not text.isascii() and _CJK.search(text) is not None


_NON_ASCII_RUNS = lazy(r"[^\x00-\x7f]+")
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def script_counts(text: str) -> dict[str, int]:
    """Letters of each script in `text` (han, arabic, cyrillic, latin).

    ASCII letters are counted on the text's ASCII bytes (`bytes.translate` in C) and the
    script patterns run over the other characters only: an English text is almost all
    ASCII, and four regex scans of all of it cost 0.13 s for 4,000 provisions (2.4 MB)."""
    rest = "".join(_NON_ASCII_RUNS.findall(text))
    ascii_bytes = text.encode("ascii", "ignore")
    counts = {name: sum(map(len, runs.findall(rest))) for name, runs in _SCRIPT_RUNS.items()}
    counts["latin"] += len(ascii_bytes) - len(ascii_bytes.translate(None, _ASCII_LETTERS))
    return counts


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# --- Month names -----------------------------------------------------------------------
# As printed in dates of resolutions: `15 December 2022`, `1er janvier 2020`, `15 de
# diciembre de 2022`, `15 декабря 2022 года` (Russian months in the genitive).
MONTHS: Mapping[str, tuple[str, ...]] = {
    "en": _words("January February March April May June July August September October November December"),
    "fr": _words("janvier février mars avril mai juin juillet août septembre octobre novembre décembre"),
    "es": _words("enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"),
    "ru": _words("января февраля марта апреля мая июня июля августа сентября октября ноября декабря"),
}
# Lower-cased month name -> month number, every language.
MONTH_NUMBER: Mapping[str, int] = {
    name.lower(): i for names in MONTHS.values() for i, name in enumerate(names, start=1)
}
# Any month name, longest first as alternation wants; match it case-insensitively.
MONTH_PATTERN = "|".join(sorted(MONTH_NUMBER, key=len, reverse=True))
# A whole date, day month year, as one token: `15 December 2022`, `1er janvier 2020`,
# `15 de diciembre de 2022`. Case-insensitive in the month only.
DATE_DMY_PATTERN = rf"\d{{1,2}}(?:er)?[ ](?:de[ ])?(?i:{MONTH_PATTERN})[ ](?:de[ ])?\d{{4}}"

# --- Function words --------------------------------------------------------------------
# The commonest words of resolution text in the three Latin-script languages, each listed
# under the one language it marks: `de`, `la`, `en` are French and Spanish alike (and `a`
# is Spanish and English), so they are left out. A paragraph of any of the three has several.
FUNCTION_WORDS: Mapping[str, frozenset[str]] = {
    "en": frozenset(
        _words(
            "the of and to in its on for with by that which as at be all an from this these "
            "their is are has have including under"
        )
    ),
    "fr": frozenset(
        _words(
            "les des et le du à au aux est sur pour dans par une qui sont ses leur leurs "
            "avec ces cette tous toutes notamment ainsi l"
        )
    ),
    "es": frozenset(
        _words(
            "los las y el del por para con su sus al una es son sobre como "
            "este esta estos estas todos todas incluidos incluidas"
        )
    ),
}
# Verbs that open operative paragraphs (`Decides`, `Décide`, `Decide`), each under the one
# language that writes it so: with the preambular lead words (engine.read.openers), marks
# of a language in a text too short for function words.
OPERATIVE_LEAD_WORDS: Mapping[str, frozenset[str]] = {
    "en": frozenset(
        _words(
            "Decides Requests Calls Urges Invites Encourages Welcomes Condemns Reaffirms Notes "
            "Takes Stresses Emphasizes Expresses Recognizes Acknowledges Affirms Recommends"
        )
    ),
    "fr": frozenset(
        _words(
            "Décide Prie Demande Exhorte Invite Engage Encourage Accueille Condamne Réaffirme "
            "Prend Souligne Insiste Exprime Reconnaît Affirme Recommande Salue"
        )
    ),
    "es": frozenset(
        _words(
            "Decide Solicita Pide Exhorta Insta Invita Alienta Acoge Condena Reafirma Toma "
            "Subraya Destaca Expresa Reconoce Afirma Recomienda Observa"
        )
    ),
    # Chinese operative paragraphs open with the verb, no space after it (`决定…`, `请秘书长…`,
    # `又欢迎…`), so these are matched as prefixes (engine.read.openers.opens_operative), after
    # the modifiers 又/还/并/也/再次/进一步. As seen in the corpus (重申、欢迎、注意到、促请、
    # 吁请、表示关注、满意地注意到…) and in the UN's Chinese drafting usage for the English verbs
    # of the list above (Decides 决定, Requests 请, Calls upon 吁请/呼吁, Urges 敦促/促请, Invites
    # 邀请, Encourages 鼓励, Condemns 谴责, Takes note 注意到, Expresses 表示, Recommends 建议).
    "zh": frozenset(
        _words(
            "决定 请 吁请 促请 敦促 呼吁 恳请 敦请 要求 邀请 鼓励 欢迎 欣见 赞赏 赞扬 称赞 感谢 "
            "重申 申明 确认 承认 认识到 注意到 满意地注意到 欣然注意到 赞赏地注意到 关切地注意到 "
            "表示 深表 深为 深感 严重关切 关切 痛惜 谴责 强烈谴责 坚决谴责 认为 确信 深信 相信 "
            "强调 着重指出 指出 回顾 建议 核可 核准 批准 赞同 同意 支持 授权 宣布 宣告 期待 希望 "
            "提醒 决心 通过"
        )
    ),
}

# Words as function words are counted: runs of letters, so an elided article is a word of
# its own (`l'homme` -> `l`, `homme`).
# --- Paragraph numbers -----------------------------------------------------------------
# An operative paragraph's printed number at a line start: `1. Reaffirms`, `1.Reaffirms`,
# `1200. Requests`, and `9. 50/174. Strengthening` (a text that opens with a symbol), but
# not `2013. 2014` or a bare `5.` at a line end. Whether a match *is* a paragraph number
# is the reader's call (structure.py: close to the running number); this says what looks
# like one. A Chinese typist's full-width stop (`5．`, U+FF0E) is the same stop; `\d` takes
# full-width digits (`５.`), which the reader stores as ASCII.
OPERATIVE_NUMBER_RE = lazy(r"^\s*(\d+)\s?[.．]\s*(?=[^\d\s]|\d+/\d)")

LATIN_WORD_RE = lazy(rf"[{LATIN_CLASS}]+")
