"""Candidate filtering: which provisions are worth scoring against which.

Scoring every old provision against every new one is quadratic; instead each side gets an
inverted index from *rare shingles* (token bigrams, codes as produced by `features`) to
the provisions that contain them, the classic near-duplicate-detection filter (Broder
1997; cf. MinHash/LSH). Shingles found in more than `max_df` provisions are formulas and
boilerplate (`of the`, `人权`), carry no evidence and are skipped, so a query costs at most
`len(shingles) * max_df` and the whole filter is near-linear in the number of provisions.
A query returns the few provisions sharing the most rare shingles.
"""

from __future__ import annotations

from collections.abc import Sequence

MAX_DF = 32
TOP_K = 8


def shingles(code: str) -> list[str]:
    """Distinct token bigrams of an encoded provision, in order of first occurrence (a lone
    token stands for itself)."""
    grams = [code[k : k + 2] for k in range(len(code) - 1)] or ([code] if code else [])
    return list(dict.fromkeys(grams))


class CandidateIndex:
    """Inverted index over one side's encoded provisions."""

    def __init__(self, codes: Sequence[str], *, max_df: int = MAX_DF) -> None:
        postings: dict[str, list[int]] = {}
        for index, code in enumerate(codes):
            for gram in shingles(code):
                postings.setdefault(gram, []).append(index)
        self.postings = {g: p for g, p in postings.items() if len(p) <= max_df}

    def query(self, code: str, *, top_k: int = TOP_K) -> list[int]:
        """Indices sharing the most rare shingles with `code`, best first, ties by index."""
        hits: dict[int, int] = {}
        for gram in shingles(code):
            for index in self.postings.get(gram, ()):
                hits[index] = hits.get(index, 0) + 1
        ranked = sorted(hits.items(), key=lambda item: (-item[1], item[0]))
        return [index for index, _ in ranked[:top_k]]
