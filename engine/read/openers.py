"""How paragraphs open, per language: the body line and the preambular lead words.

Preambular paragraphs are unnumbered; what marks a new one is its lead word (in
English a participle or adjective in italics in print: `Recalling`, `Deeply concerned`;
in Chinese a verb: `重申`, `又回顾`), after a paragraph that ended with a comma
(shared/UN-RESOLUTIONS.md, "Anatomy", 3-4). The lists follow the UN's usage as seen in
the corpus and in the drafting manuals; a lead word missing here means a preambular
paragraph is read as the continuation of the one before, never that text is lost.
"""

from __future__ import annotations

import re
from functools import cache

from ..lazyre import lazy
from ..text import OPERATIVE_LEAD_WORDS

# The body line: "The General Assembly," and its equivalents; the code of the organ.
BODY_LINES: dict[str, list[tuple[str, str]]] = {
    "en": [
        (r"The\s+General\s+Assembly", "GA"),
        (r"The\s+Human\s+Rights\s+Council", "HRC"),
        (r"The\s+Commission\s+on\s+Human\s+Rights", "CHR"),
        (r"The\s+Economic\s+and\s+Social\s+Council", "ECOSOC"),
        (r"The\s+Security\s+Council", "SC"),
    ],
    "zh": [
        (r"大\s*会", "GA"),
        (r"人权理事会", "HRC"),
        (r"人权委员会", "CHR"),
        (r"经济及社会理事会", "ECOSOC"),
        (r"安全理事会", "SC"),
    ],
    "fr": [
        (r"L[’']\s?Assemblée\s+générale", "GA"),
        (r"Le\s+Conseil\s+des\s+droits\s+de\s+l[’']\s?homme", "HRC"),
        (r"La\s+Commission\s+des\s+droits\s+de\s+l[’']\s?homme", "CHR"),
    ],
    "es": [
        (r"La\s+Asamblea\s+General", "GA"),
        (r"El\s+Consejo\s+de\s+Derechos\s+Humanos", "HRC"),
        (r"La\s+Comisión\s+de\s+Derechos\s+Humanos", "CHR"),
    ],
    "ru": [
        (r"Генеральная\s+Ассамблея", "GA"),
        (r"Совет\s+по\s+правам\s+человека", "HRC"),
        (r"Комиссия\s+по\s+правам\s+человека", "CHR"),
    ],
    "ar": [
        (r"إن\s+الجمعية\s+العامة", "GA"),
        (r"إن\s+مجلس\s+حقوق\s+الإنسان", "HRC"),
        (r"إن\s+لجنة\s+حقوق\s+الإنسان", "CHR"),
    ],
}
_COMMA = r"\s*[,，،]"


def body_line_match(text: str, lang: str) -> tuple[str, str, str] | None:
    """(body line, organ code, rest of the line) if `text` starts with a body line.

    The comma is required unless the line holds nothing else (stored copies drop it:
    `The General Assembly`, `大会`); Russian and Chinese cover pages print the organ's
    name alone as a heading, so a bare name counts only where the caller allows it.
    """
    for with_comma, bare, code in _body_line_patterns(lang):
        m = with_comma.match(text)
        if m:
            return m[1], code, m[2]
        if bare.fullmatch(text):
            return text.strip(), code, ""
    return None


def body_line_forms(lang: str) -> list[str]:
    """The body lines the reader knows in `lang`, as printed ("The General Assembly,"),
    written out from the patterns above: what an error about an unknown body line offers."""
    comma = "，" if lang == "zh" else "،" if lang == "ar" else ","
    return [_PRINTED.sub(_printed, pattern) + comma for pattern, _ in BODY_LINES.get(lang, [])]


# The pattern pieces of BODY_LINES and how each is printed: a space, none, an apostrophe.
_PRINTED = lazy(r"\\s\+|\\s\*|\[’'\]\\s\?")


def _printed(m: re.Match[str]) -> str:
    return {"\\s+": " ", "\\s*": ""}.get(m[0], "’")


@cache
def _body_line_patterns(lang: str) -> list[tuple[re.Pattern[str], re.Pattern[str], str]]:
    """Compiled once per language: this is asked of every line read."""
    return [
        (re.compile(rf"\s*({pattern}{_COMMA})\s*(.*)$", re.S), re.compile(rf"\s*({pattern})\s*"), code)
        for pattern, code in BODY_LINES.get(lang, [])
    ]


# What must stand just before a body line found inside a line: a space, a full stop or "]".
_BEFORE_INLINE_BODY_LINE = lazy(r"[\s.\]]")


@cache
def _inline_body_lines(lang: str) -> list[re.Pattern[str]]:
    return [re.compile(rf"({pattern}){_COMMA}\s") for pattern, _ in BODY_LINES.get(lang, [])]


def find_inline_body_line(text: str, lang: str) -> int | None:
    """Offset of a body line inside a flattened line (`... rights The General Assembly, Reaffirming`).

    The body line must follow a space, "." or "]". That is checked on each match rather
    than written as a lookbehind, which would start the pattern and keep the regex
    engine from skipping ahead to its first word: 25 times slower on every line read.
    """
    for pattern in _inline_body_lines(lang):
        at = 0
        while m := pattern.search(text, at):
            at = m.start()
            if at > 0 and _BEFORE_INLINE_BODY_LINE.match(text, at - 1):
                return at
            at += 1
    return None


# English: participles and adjectives that open preambular paragraphs.
_EN_OPENERS = [
    "Acknowledging",
    "Affirming",
    "Alarmed",
    "Appreciating",
    "Aware",
    "Bearing",
    "Believing",
    "Cognizant",
    "Concerned",
    "Condemning",
    "Conscious",
    "Considering",
    "Convinced",
    "Deeply",
    "Deploring",
    "Desiring",
    "Desirous",
    "Determined",
    "Emphasizing",
    "Encouraged",
    "Encouraging",
    "Expressing",
    "Further",
    "Gravely",
    "Guided",
    "Having",
    "Highlighting",
    "Keeping",
    "Mindful",
    "Noting",
    "Observing",
    "Persuaded",
    "Reaffirming",
    "Realizing",
    "Recalling",
    "Recognizing",
    "Reiterating",
    "Regretting",
    "Reminding",
    "Seriously",
    "Stressing",
    "Strongly",
    "Taking",
    "Underlining",
    "Underscoring",
    "Welcoming",
    "Acknowledging",
    "Commending",
    "Profoundly",
    "Firmly",
    "Re-emphasizing",
]
_FR_OPENERS = [
    "Réaffirmant",
    "Rappelant",
    "Considérant",
    "Sachant",
    "Prenant",
    "Notant",
    "Soulignant",
    "Accueillant",
    "Consciente",
    "Convaincue",
    "Préoccupée",
    "Profondément",
    "Désireuse",
    "Guidée",
    "Ayant",
    "Gravement",
    "Vivement",
    "Constatant",
    "Reconnaissant",
    "Affirmant",
    "Insistant",
    "Tenant",
    "Déplorant",
    "Estimant",
    "Réitérant",
    "Exprimant",
    "Alarmée",
]
_ES_OPENERS = [
    "Reafirmando",
    "Recordando",
    "Reconociendo",
    "Subrayando",
    "Destacando",
    "Poniendo",
    "Reiterando",
    "Teniendo",
    "Observando",
    "Acogiendo",
    "Consciente",
    "Convencida",
    "Preocupada",
    "Profundamente",
    "Alarmada",
    "Guiada",
    "Deseosa",
    "Tomando",
    "Habiendo",
    "Afirmando",
    "Expresando",
    "Considerando",
    "Señalando",
    "Haciendo",
    "Gravemente",
]
_RU_OPENERS = [
    "подтверждая",
    "вновь",
    "ссылаясь",
    "руководствуясь",
    "признавая",
    "подчеркивая",
    "отмечая",
    "приветствуя",
    "будучи",
    "учитывая",
    "принимая",
    "выражая",
    "напоминая",
    "сознавая",
    "считая",
    "рассмотрев",
    "памятуя",
    "глубоко",
    "особо",
    "заявляя",
    "осуждая",
    "с",
    "далее",
]
_ZH_OPENERS = [
    "重申",
    "回顾",
    "忆及",
    "确认",
    "承认",
    "强调",
    "着重指出",
    "指出",
    "注意到",
    "欢迎",
    "欣见",
    "铭记",
    "深信",
    "坚信",
    "相信",
    "认识到",
    "意识到",
    "关切",
    "关注",
    "深为关切",
    "严重关切",
    "深感关切",
    "表示关切",
    "感到关切",
    "深感遗憾",
    "深表遗憾",
    "痛惜",
    "谴责",
    "深感震惊",
    "考虑到",
    "审议了",
    "申明",
    "遵循",
    "希望",
    "认为",
    "决心",
    "满意地注意到",
    "赞赏",
    "念及",
    "有兴趣地注意到",
    "深切关注",
    "欣然注意到",
    "注意到了",
    "赞扬",
    "肯定",
    "鼓励",
]
# Modifiers before a Chinese lead verb: 又/还/并/也 (also, further), 再次 (again).
_ZH_OPENER_RE = lazy(
    r"^(?:又|还|并|也|再次|进一步|更)?(?:" + "|".join(sorted(_ZH_OPENERS, key=len, reverse=True)) + ")"
)
# Chinese operative verbs (engine.text), after the same modifiers and an adverb of degree
# (`强烈敦促`, `坚决谴责`, `大力鼓励`: the `Strongly urges` that English checks as an -ly
# adverb before the verb), longest first.
_ZH_OPERATIVE_RE = lazy(
    r"^(?:又|还|并|也|再次|进一步|更|同时)?(?:强烈|坚决|大力|紧急|郑重|积极|坚定地)?(?:"
    + "|".join(sorted(OPERATIVE_LEAD_WORDS["zh"], key=len, reverse=True))
    + ")"
)
# Capitalised -ing words that are names, not participles.
_NOT_OPENERS = {"Beijing", "King", "Wing", "Sterling", "Meeting", "Building", "Training", "Reading"}

# Operative verbs that open the unnumbered paragraph of a decision ("Decides to ...").
DECISION_VERBS = {"Decides", "Requests", "Invites", "Encourages", "Urges", "Calls", "Welcomes"}


def first_word(text: str) -> str:
    m = re.match(r"\s*([^\W\d_][\w’'-]*)", text)
    return m[1] if m else ""


def opens_preamble(text: str, lang: str, *, strict: bool = False) -> bool:
    """Does `text` begin the way a preambular paragraph does?

    `strict` (used where the paragraph before did not end with a comma) admits only the
    listed lead words, not the open classes (`-ing`, `-ant`, `-ando` words).
    """
    word = first_word(text)
    if lang == "zh":
        return bool(_ZH_OPENER_RE.match(text.strip()))
    if lang == "ru":
        return word.lower() in _RU_OPENERS
    if lang == "ar":
        return not strict and bool(word)
    if not word or not word[0].isupper() or word in _NOT_OPENERS:
        return False
    listed = {"en": _EN_OPENERS, "fr": _FR_OPENERS, "es": _ES_OPENERS}.get(lang, _EN_OPENERS)
    if word in listed:
        return True
    if strict:
        return False
    suffixes = {"en": ("ing",), "fr": ("ant",), "es": ("ando", "iendo")}.get(lang, ("ing",))
    return word.endswith(suffixes) and len(word) > 5


# Capitalised words ending like a participle that are not one: prepositions and adverbs
# (`Pendant`, `Cuando`), which never open an operative paragraph but are no preambular form.
_NOT_PARTICIPLES = {
    "fr": {"Pendant", "Durant", "Cependant", "Maintenant", "Devant", "Avant", "Nonobstant", "Néanmoins"},
    "es": {"Cuando", "Comando"},
}
_PARTICIPLE_ENDINGS = {"fr": ("ant",), "es": ("ando", "iendo", "yendo")}


def preambular_form(text: str, lang: str) -> str | None:
    """The word a French or Spanish paragraph opens with when it is a preambular form, which
    an operative paragraph cannot open with: a present participle or gerund (`Rappelant`,
    `Tenant compte`, `Reconociendo`, `Tomando nota`), or a listed preambular adjective
    (`Consciente`, `Convaincue`, `Preocupada`). Adverbs of the lists (`Profondément`,
    `Gravemente`) are left out: an adverb says nothing of the word after it. None for
    anything else, including every operative verb (`Décide`, `Se félicite`, `Prend note`,
    `Toma nota`, `Exhorta`): a 3rd-person present never ends in -ant, -ando, -iendo."""
    endings = _PARTICIPLE_ENDINGS.get(lang)
    if endings is None:
        return None
    word = first_word(text)
    if not word[:1].isupper() or word in _NOT_PARTICIPLES[lang]:
        return None
    listed = _FR_OPENERS if lang == "fr" else _ES_OPENERS
    if word in listed and not word.endswith(("ment", "mente")):
        return word
    return word if word.endswith(endings) and len(word) > 5 else None


def opens_operative_zh(text: str) -> bool:
    """Does a Chinese paragraph open with an operative verb (`决定`, `又请`, `再次强调`)?"""
    return bool(_ZH_OPERATIVE_RE.match(text.strip()))


def lead_words(lang: str) -> frozenset[str]:
    """The listed preambular lead words of `lang` (en, fr, es): the language detector counts
    them as marks of the language."""
    return frozenset({"en": _EN_OPENERS, "fr": _FR_OPENERS, "es": _ES_OPENERS}.get(lang, []))
