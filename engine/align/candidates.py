"""Candidate filtering: which provisions are worth scoring against which.

Scoring every old provision against every new one is quadratic; instead each side gets an
inverted index from *rare shingles* (token bigrams and trigrams, codes as produced by
`features`) to the provisions that contain them, the classic near-duplicate-detection
filter (Broder 1997; cf. MinHash/LSH). Shingles found in more than `max_df` provisions are
formulas and boilerplate (`of the`, `人权`), carry no evidence and are skipped, so a query
costs at most `len(shingles) * max_df` and the whole filter is near-linear in the number
of provisions. A query returns the few provisions sharing the most rare shingles.

Why trigrams too: in formulaic text every bigram can be common enough to be dropped, and
then nothing finds anything (400 lightly edited, shuffled provisions over a 13-word
vocabulary: 145 left as removed + added with bigrams alone, none now; see `test_align`). A
query asks trigrams only when its bigrams are mostly formulas, and the trigram index (of
every provision, so that a formulaic query finds prose and the reverse) is built on the
first such query: prose never pays for it. The benchmark's synthetic texts, recombined
from a few hundred clauses, are formulaic in 40% of their provisions at 4,000: there
alignment takes about a third longer and finds a few more pairs. (Indexing trigrams only
for the formulaic provisions misses a pair where one side is formulaic and the other not.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

MAX_DF = 32
TOP_K = 8
MIN_RARE = 2
"""Below this many rare bigrams a query made of common ones is formulaic."""


def shingles(code: str) -> list[str]:
    """Distinct token bigrams of an encoded provision, in order of first occurrence (a lone
    token stands for itself)."""
    grams = [code[k : k + 2] for k in range(len(code) - 1)] or ([code] if code else [])
    return list(dict.fromkeys(grams))


def trigrams(code: str) -> list[str]:
    """Distinct token trigrams, in order of first occurrence."""
    return list(dict.fromkeys(code[k : k + 3] for k in range(len(code) - 2)))


def _postings(
    codes: Sequence[str], grams: Callable[[str], list[str]], max_df: int
) -> tuple[dict[str, list[int]], set[str]]:
    """The rare grams with their provisions, and the grams too common to keep."""
    postings: dict[str, list[int]] = {}
    for index, code in enumerate(codes):
        for gram in grams(code):
            postings.setdefault(gram, []).append(index)
    rare = {g: p for g, p in postings.items() if len(p) <= max_df}
    return rare, postings.keys() - rare.keys()


class CandidateIndex:
    """Inverted index over one side's encoded provisions: bigrams, and trigrams built on
    the first query that needs them."""

    def __init__(self, codes: Sequence[str], *, max_df: int = MAX_DF) -> None:
        self.codes = codes
        self.max_df = max_df
        self.postings, self.common = _postings(codes, shingles, max_df)
        self._trigram_postings: dict[str, list[int]] | None = None

    def query(self, code: str, *, top_k: int = TOP_K) -> list[int]:
        """Indices sharing the most rare shingles with `code`, best first, ties by index:
        by bigrams, and by trigrams too when the query is formulaic: fewer than `MIN_RARE`
        of its bigrams are rare here, and at least as many are here but too common. (A text
        that is merely new, with bigrams found nowhere here, asks no trigrams.)"""
        hits: dict[int, int] = {}
        grams = shingles(code)
        for gram in grams:
            for index in self.postings.get(gram, ()):
                hits[index] = hits.get(index, 0) + 1
        rare = sum(gram in self.postings for gram in grams)
        if rare < MIN_RARE and sum(gram in self.common for gram in grams) >= MIN_RARE:
            if self._trigram_postings is None:
                self._trigram_postings = _postings(self.codes, trigrams, self.max_df)[0]
            for gram in trigrams(code):
                for index in self._trigram_postings.get(gram, ()):
                    hits[index] = hits.get(index, 0) + 1
        ranked = sorted(hits.items(), key=lambda item: (-item[1], item[0]))
        return [index for index, _ in ranked[:top_k]]


class Candidates(Sequence[list[int]]):
    """The candidates of each provision of one side in the other side's index, each list
    computed when first asked for: most provisions are matched as identical before any pass
    asks for their candidates, and on a large, lightly edited pair the queries cost more than
    the index (4,000 English provisions: about 1 s of 1.9 s). A query's answer does not
    depend on when it is asked, so this gives exactly what querying them all up front gave."""

    def __init__(self, index: CandidateIndex, codes: Sequence[str]) -> None:
        self._index = index
        self.codes = codes
        self._found: list[list[int] | None] = [None] * len(codes)

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, position: int) -> list[int]:  # type: ignore[override]
        found = self._found[position]
        if found is None:
            found = self._found[position] = self._index.query(self.codes[position])
        return found

    def __iter__(self) -> Iterator[list[int]]:
        return (self[k] for k in range(len(self.codes)))
