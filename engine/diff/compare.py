"""`compare`: align two versions, then describe each aligned group as a `Change`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from ..align import DEFAULT_THRESHOLD, AlignOptions, Link, align, fold
from ..align.formatting import spaceless
from ..errors import InputError
from ..model import Provision, Resolution
from .changes import JOINER, Change, ChangeKind, Diff, Op
from .footnotes import footnote_changes, notes
from .heading import heading_changes
from .inline import token_diff
from .tokenize import Tokenizer, tokenizer_for


def _same_wording(a: Provision, b: Provision, method: str, *, count_formatting: bool) -> bool:
    if count_formatting:
        return a.text == b.text
    if method == "identical":  # the aligner found their folded keys equal: no need to fold again
        return True
    old_key, new_key = fold(a.text), fold(b.text)
    return old_key == new_key or spaceless(old_key) == spaceless(new_key)


PROVISION_END = ".。;；,，:：”’)）]»"
"""A provision ends on one of these; an excerpt whose last provision does not was cut short
mid-sentence (as the reader judges the extent)."""


def cut_short(resolution: Resolution) -> bool:
    """An excerpt whose last provision stops mid-sentence (`又欢迎在这方面高`), or an
    operative paragraph that stops on a comma (`……透明的原则，`): a preambular paragraph ends
    on one, an operative paragraph never does (`;` `；` `.` `。`, or `:` before its
    subparagraphs), so the rest of its sentence is past the excerpt, not removed."""
    if resolution.meta.extent != "excerpt" or not resolution.provisions:
        return False
    provision = resolution.provisions[-1]
    last = provision.text.rstrip()
    if not last:
        return False
    return last[-1] not in PROVISION_END or (provision.kind == "operative" and last[-1] in ",，")


def _cut_ops(old_text: str, new_text: str) -> tuple[Op, ...] | None:
    """A provision cut short against the whole: the common beginning, then the rest."""
    if new_text.startswith(old_text):
        return (("equal", old_text), ("insert", new_text[len(old_text) :])) if old_text else None
    if old_text.startswith(new_text):
        return (("equal", new_text), ("delete", old_text[len(new_text) :])) if new_text else None
    return None


def _linked(
    link: Link,
    old: Resolution,
    new: Resolution,
    tokenizer: Tokenizer,
    *,
    count_formatting: bool,
    ignore_footnotes: bool,
) -> Change:
    olds = [old.provisions[i] for i in link.old]
    news = [new.provisions[j] for j in link.new]
    footnotes = (
        ()
        if ignore_footnotes
        else footnote_changes(
            notes(old, olds), notes(new, news), tokenizer, count_formatting=count_formatting
        )
    )
    kind: ChangeKind
    if len(olds) > 1:
        kind = "merged"
    elif len(news) > 1:
        kind = "split"
    elif link.method == "cut" or (
        _same_wording(olds[0], news[0], link.method, count_formatting=count_formatting) and not footnotes
    ):
        kind = "unchanged"
    else:
        kind = "reworded"
    old_text = JOINER.join(p.text for p in olds)
    new_text = JOINER.join(p.text for p in news)
    cut: Literal["old", "new"] | None = None
    ops = token_diff(old_text, new_text, tokenizer, count_formatting=count_formatting)
    if link.method == "cut":
        cut = "old" if len(fold(old_text)) < len(fold(new_text)) else "new"
        ops = _cut_ops(old_text, new_text) or ops
    similarity = link.score
    if kind == "reworded" and similarity == 1.0:  # footnotes or formatting made the difference
        similarity = 0.9999
    return Change(
        kind=kind,
        old=tuple(p.id for p in olds),
        new=tuple(p.id for p in news),
        # Crossing between preamble and operative part (`Recalling` → `Recalls`) is a move
        # even when the order of the neighbours allows it.
        moved=link.moved or olds[0].part != news[0].part,
        similarity=round(similarity, 4),
        ops=ops,
        method=link.method,
        cut=cut,
        footnotes=footnotes,
        uncertain=link.uncertain,
    )


def _place_removed(
    entries: list[tuple[Change, Sequence[int]]], removed: Sequence[Change], removed_at: Sequence[int]
) -> tuple[Change, ...]:
    """Put each removed provision after the entry of its nearest preceding old neighbour that
    was matched and did not move (where it stood); before everything if there is none."""
    owner: dict[int, int] = {}  # old position -> index of its entry, for unmoved matches
    for index, (change, olds) in enumerate(entries):
        if not change.moved:
            for i in olds:
                owner[i] = index
    after: dict[int, list[Change]] = {}
    for change, i in zip(removed, removed_at, strict=True):
        anchor = next((owner[k] for k in range(i - 1, -1, -1) if k in owner), -1)
        after.setdefault(anchor, []).append(change)
    out = list(after.get(-1, []))
    for index, (change, _) in enumerate(entries):
        out.append(change)
        out.extend(after.get(index, []))
    return tuple(out)


def _name(resolution: Resolution) -> str:
    meta = resolution.meta
    return meta.symbol or meta.source or "untitled"


def _same_language(old: Resolution, new: Resolution) -> None:
    """Two languages are two texts, not two versions: every provision would come out removed
    and added (zh against en: 4 added, 33 removed), a false picture that looks like an answer.
    Comparing across languages would be a mode of its own; until one exists, refuse."""
    if old.meta.language != new.meta.language:
        raise InputError(
            f"the two sides are in different languages: {_name(old)} is {old.meta.language}, "
            f"{_name(new)} is {new.meta.language}; versions are compared in one language "
            "(--lang picks it for a stored symbol)"
        )


def compare(
    old: Resolution,
    new: Resolution,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    count_formatting: bool = False,
    ignore_footnotes: bool = False,
) -> Diff:
    """The changes from `old` to `new`, one per aligned group, in new-document order.

    `threshold`: minimum similarity of every pairing made on content (reworded, split,
    merged vs removed + added; see `engine.align.options`). `count_formatting`: whitespace
    and punctuation-width differences make a provision reworded. A footnote that says something else makes its
    provision reworded too (the change carries it in `footnotes`), unless `ignore_footnotes`.
    Changes of the title or the body line come first, as `heading` changes.
    """
    _same_language(old, new)
    options = AlignOptions(threshold=threshold)
    alignment = align(
        [p.text for p in old.provisions],
        [p.text for p in new.provisions],
        options,
        old_cut=cut_short(old),
        new_cut=cut_short(new),
    )
    tokenizer = tokenizer_for(new.meta.language or old.meta.language)
    # A side without any footnote was read or typed without them (a web copy): every
    # footnote would show as removed, so footnotes are compared only when both have some.
    ignore_footnotes = ignore_footnotes or not old.footnotes or not new.footnotes
    flags = {"count_formatting": count_formatting, "ignore_footnotes": ignore_footnotes}

    entries: list[tuple[Change, Sequence[int]]] = [
        (_linked(link, old, new, tokenizer, **flags), link.old) for link in alignment.links
    ]
    for j in alignment.added:
        p = new.provisions[j]
        added = Change("added", (), (p.id,), False, 0.0, (("insert", p.text),) if p.text else (), "none")
        entries.append((added, ()))
    order = {p.id: k for k, p in enumerate(new.provisions)}
    entries.sort(key=lambda entry: order[entry[0].new[0]])
    removed = []
    for i in alignment.removed:
        p = old.provisions[i]
        removed.append(
            Change("removed", (p.id,), (), False, 0.0, (("delete", p.text),) if p.text else (), "none")
        )
    heading = heading_changes(old, new, tokenizer, count_formatting=count_formatting)
    return Diff(old=old, new=new, changes=heading + _place_removed(entries, removed, alignment.removed))
