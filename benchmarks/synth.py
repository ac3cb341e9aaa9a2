"""Large synthetic versions for the speed benchmark: N provisions per side, realistic text.

Real resolutions have 20 to 60 provisions; the 400 to 4,000 sizes stand for consolidated
texts and compilations. Paragraphs are spliced from real ones (the opening clauses of one,
the rest of another, numbers re-drawn), so no two are the same and the vocabulary is that of
real resolutions; the aligner's candidate index sees realistic token frequencies. The new
version has about 10% of provisions reworded, a few moved, inserted and deleted.
"""

from __future__ import annotations

import contextlib
import random
import re

from .mutate import NUMBER, Skip, cap, clauses, reword
from .texts import BASES, Para, foreign_paragraphs, load_base

SIZES = (50, 400, 1000, 4000)


def pool(lang: str, part: str | None = None) -> list[str]:
    """Real paragraphs of one language; `part` keeps only those whose opening suits it."""
    paras = [p for name in BASES[lang] for p in load_base(name)[1]]
    texts = [p.text for p in paras if part is None or (p.part == part and not p.depth)]
    return texts + (foreign_paragraphs(lang) if part != "op" else [])


ENDS = {"en": {"pp": ",", "op": ";"}, "zh": {"pp": "，", "op": "；"}}


def spliced(rng: random.Random, texts: list[str], lang: str, heads: list[str] | None = None) -> str:
    """The opening clauses of one paragraph (from `heads` if given) and the rest of another."""
    a, b = rng.choice(heads or texts), rng.choice(texts)
    head, tail = clauses(a, lang), clauses(b, lang)
    cut_a = rng.randint(1, max(1, len(head) - 1))
    # a tail that starts a paragraph would start with an opening word ("Encouraging"), which
    # the reader rightly takes for a new paragraph run onto the line: start inside it instead
    cut_b = rng.randint(1, len(tail) - 1) if len(tail) > 1 else 0
    if cut_b == 0 and lang == "en":
        tail = [tail[0][:1].lower() + tail[0][1:]]
    joiner = "" if lang == "zh" else " "
    text = joiner.join(head[:cut_a] + tail[cut_b:]).rstrip(",;.，；。:：")
    return NUMBER.sub(lambda m: "/".join(str(rng.randint(1, 80)) for _ in m.group().split("/")), text)


def version(n: int, lang: str, seed: int) -> list[Para]:
    """n distinct provisions: about 15% preambular, the rest operative, every 2nd operative
    paragraph with 3 lettered subs. At 4,000 provisions the operative numbers run past 999
    (to about 1,360), as in a compilation: issue 7's case, which a reader that takes
    four-digit numbers for years, or re-scans a growing paragraph, fails."""
    rng = random.Random(f"synth/{lang}/{n}/{seed}")
    texts = pool(lang)
    heads = {part: pool(lang, part) for part in ("pp", "op")}
    seen: set[str] = set()

    def fresh(part: str = "op") -> str:
        for _ in range(50):
            text = spliced(rng, texts, lang, heads[part]) + ENDS[lang][part]
            if text not in seen:
                seen.add(text)
                return text
        raise RuntimeError("pool too small for distinct paragraphs")

    paras: list[Para] = []
    n_pp = max(3, n * 15 // 100)
    while len(paras) < n_pp:
        paras.append(Para(fresh("pp"), "pp"))
    op = 0
    while len(paras) < n:
        op += 1
        paras.append(Para(fresh(), "op"))
        if op % 2 == 0 and len(paras) + 3 <= n:
            paras.extend(Para(cap(fresh()), "op", 1) for _ in range(3))
    return paras


def edited(paras: list[Para], lang: str, seed: int) -> list[Para]:
    """~10% reworded, ~2% each deleted, inserted and moved (top-level paragraphs only)."""
    rng = random.Random(f"edit/{lang}/{len(paras)}/{seed}")
    out = list(paras)
    texts = pool(lang)
    n = len(paras)
    for k in rng.sample(range(n), n // 10):
        with contextlib.suppress(Skip):
            out[k] = Para(reword(out[k].text, lang, rng, rng.randint(1, 3)), out[k].part, out[k].depth)

    def tops() -> list[int]:
        return [k for k, p in enumerate(out) if p.part == "op" and not p.depth]

    def block(k: int) -> int:
        """End (exclusive) of the paragraph at k and its subparagraphs."""
        end = k + 1
        while end < len(out) and out[end].depth:
            end += 1
        return end

    for _ in range(max(1, n // 50)):
        k = rng.choice(tops())
        del out[k : block(k)]
    for _ in range(max(1, n // 50)):
        text = spliced(rng, texts, lang, pool(lang, "op")) + ENDS[lang]["op"]
        out.insert(rng.choice(tops()), Para(text, "op"))
    for _ in range(max(1, n // 50)):
        k = rng.choice(tops()[:-3])
        moved = out[k : block(k)]
        del out[k : block(k)]
        later = [j for j in tops() if j > k + 2]
        at = rng.choice(later) if later else len(out)
        out[at:at] = moved
    return out


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))
