"""Heading changes: what a version says about itself, beyond its provisions.

A diff that looked only at provisions said "unchanged", exit 0, when the title named
another country or when the acting organ changed (`人权理事会，` -> `大会，`). The title and
the body line are compared here; they are equal when their words are (case, punctuation
and spacing aside: `大会` and `大会，`, a title typeset in capitals). A field is compared only
when both versions have it: an excerpt that starts below the title, or a text typed without
it, cannot say what its title was, and a "title removed" for every such pair would bury the
real changes.
"""

from __future__ import annotations

from rapidfuzz.distance import Indel

from ..align import fold
from ..align.features import Encoder, similarity_tokens
from ..model import Resolution
from .changes import Change, HeadingField
from .inline import token_diff
from .tokenize import Tokenizer


def _words(text: str) -> list[str]:
    return similarity_tokens(fold(text))


def _values(resolution: Resolution) -> dict[HeadingField, str | None]:
    return {"title": resolution.meta.title, "body_line": resolution.body_line}


def heading_changes(
    old: Resolution, new: Resolution, tokenizer: Tokenizer, *, count_formatting: bool
) -> tuple[Change, ...]:
    """One `heading` change per identity field that both versions have and that differs."""
    changes = []
    old_values, new_values = _values(old), _values(new)
    for field, before in old_values.items():
        after = new_values[field]
        if before is None or after is None:
            continue
        same = before == after if count_formatting else _words(before) == _words(after)
        if same:
            continue
        encoder = Encoder()
        a, b = encoder.encode(_words(before)), encoder.encode(_words(after))
        similarity = min(Indel.normalized_similarity(a, b), 0.9999)
        ops = token_diff(before, after, tokenizer, count_formatting=count_formatting)
        changes.append(Change("heading", (), (), False, round(similarity, 4), ops, "none", field=field))
    return tuple(changes)
