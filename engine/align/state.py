"""The aligner's working state: encoded provisions, candidates, scores and partners."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.distance import Indel

from .candidates import CandidateIndex, Candidates
from .features import Encoder, similarity_tokens
from .formatting import fold
from .links import Method


class State:
    """Both documents as encoded token strings, with the matches made so far.

    Partners are kept per position (`old_partner[i]` is a new position or None); each
    matched old position records the method and score of its link. Scores are cached per
    pair, so no pair is scored twice whatever the passes ask.
    """

    def __init__(self, old: Sequence[str], new: Sequence[str]) -> None:
        # Most provisions of a pair are the same text on both sides: each distinct text is
        # folded and tokenised once (old before new, so the codes are handed out as before).
        keys: dict[str, str] = {}
        self.old_keys = [keys[t] if t in keys else keys.setdefault(t, fold(t)) for t in old]
        self.new_keys = [keys[t] if t in keys else keys.setdefault(t, fold(t)) for t in new]
        encoder = Encoder()
        codes: dict[str, str] = {}
        self.old_codes = [codes.get(k) or self._encode(encoder, codes, k) for k in self.old_keys]
        self.new_codes = [codes.get(k) or self._encode(encoder, codes, k) for k in self.new_keys]
        self.old_partner: list[int | None] = [None] * len(old)
        self.new_partner: list[int | None] = [None] * len(new)
        self.how: dict[int, tuple[Method, float]] = {}
        self._scores: dict[tuple[int, int], float] = {}
        self.new_candidates = Candidates(CandidateIndex(self.new_codes), self.old_codes)
        self.old_candidates = Candidates(CandidateIndex(self.old_codes), self.new_codes)

    @staticmethod
    def _encode(encoder: Encoder, codes: dict[str, str], key: str) -> str:
        code = codes[key] = encoder.encode(similarity_tokens(key))
        return code

    def score(self, i: int, j: int) -> float:
        """Similarity of old i and new j: 1.0 only if equal after folding; otherwise the
        token similarity, with the character similarity of the folded texts breaking the
        tie when only punctuation differs."""
        pair = (i, j)
        cached = self._scores.get(pair)
        if cached is not None:
            return cached
        a, b = self.old_codes[i], self.new_codes[j]
        if self.old_keys[i] == self.new_keys[j]:
            value = 1.0
        elif a == b:
            value = min(Indel.normalized_similarity(self.old_keys[i], self.new_keys[j]), 0.9999)
        else:
            value = Indel.normalized_similarity(a, b)
        self._scores[pair] = value
        return value

    def lcs(self, i: int, j: int) -> int:
        """Tokens old i and new j share in order. Indel similarity is 2·LCS / (a + b), so
        the LCS comes back from the cached score."""
        a, b = len(self.old_codes[i]), len(self.new_codes[j])
        return min(a, b, round(self.score(i, j) * (a + b) / 2))

    def containment(self, i: int, j: int) -> float:
        """Share of the shorter provision's tokens found, in order, in the longer one: high
        when one text was cut down to its core (a reference list dropped) or extended, where
        the symmetric score is low only because the lengths differ."""
        shorter = self.shorter(i, j)
        return self.lcs(i, j) / shorter if shorter else 0.0

    def shorter(self, i: int, j: int) -> int:
        """Length in tokens of the shorter of old i and new j."""
        return min(len(self.old_codes[i]), len(self.new_codes[j]))

    def concat_score(self, old: Sequence[int], new: Sequence[int]) -> float:
        """Similarity of the concatenated old texts against the concatenated new texts."""
        a = "".join(self.old_codes[i] for i in old)
        b = "".join(self.new_codes[j] for j in new)
        return float(Indel.normalized_similarity(a, b))

    def link(self, i: int, j: int, method: Method, score: float) -> None:
        self.old_partner[i] = j
        self.new_partner[j] = i
        self.how[i] = (method, score)

    def matches(self) -> list[tuple[int, int]]:
        """Current 1:1 matches in old order."""
        return [(i, j) for i, j in enumerate(self.old_partner) if j is not None]
