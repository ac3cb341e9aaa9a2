"""Hand-built revisions of a real text, as a facilitator makes Rev.1: insert a paragraph,
move one, split one, reword words. Each returns a new Resolution, renumbered as printed
(the secretariat's numbering follows position); footnote markers stay with their words."""

from __future__ import annotations

from dataclasses import replace

from engine.model import FootnoteRef, Provision, Resolution, renumber


def _rebuilt(res: Resolution, provisions: list[Provision]) -> Resolution:
    numbered = renumber(provisions)
    return replace(res, provisions=tuple(replace(p, number=p.default_number) for p in numbered))


def _index(res: Resolution, pid: str) -> int:
    return [p.id for p in res.provisions].index(pid)


def _block(res: Resolution, pid: str) -> tuple[int, int]:
    """A provision and its subparagraphs: [start, end) in the provision list."""
    start = _index(res, pid)
    end = start + 1
    while end < len(res.provisions) and res.provisions[end].id.startswith(pid + "."):
        end += 1
    return start, end


def insert_after(res: Resolution, pid: str, text: str) -> Resolution:
    """A new paragraph of pid's part and level after pid (and its subparagraphs)."""
    _, end = _block(res, pid)
    ref = res.provision(pid)
    new = Provision(ref.part + "0" + ".a" * ref.depth, "operative", text)
    items = list(res.provisions)
    items.insert(end, new)
    return _rebuilt(res, items)


def move_after(res: Resolution, pid: str, anchor: str) -> Resolution:
    """pid (with its subparagraphs) moved to stand after anchor (and its subparagraphs)."""
    start, end = _block(res, pid)
    items = list(res.provisions)
    block = items[start:end]
    del items[start:end]
    at = [p.id for p in items].index(anchor)
    while at + 1 < len(items) and items[at + 1].id.startswith(anchor + "."):
        at += 1
    items[at + 1 : at + 1] = block
    return _rebuilt(res, items)


def split(res: Resolution, pid: str, before: str, joiner: str = "") -> Resolution:
    """pid cut into two paragraphs where `before` starts; `joiner` ends the first part."""
    p = res.provision(pid)
    cut = p.text.index(before)
    first = p.text[:cut].rstrip(" ,") + joiner
    refs = [r for r in p.footnotes if r.offset <= len(first)]
    later = [FootnoteRef(r.marker, r.offset - cut) for r in p.footnotes if r.offset > len(first)]
    items = list(res.provisions)
    k = _index(res, pid)
    items[k : k + 1] = [
        replace(p, text=first, footnotes=tuple(refs)),
        replace(p, text=p.text[cut:][:1].upper() + p.text[cut + 1 :], footnotes=tuple(later)),
    ]
    return _rebuilt(res, items)


def reword(res: Resolution, pid: str, old: str, new: str) -> Resolution:
    """`old` (once in pid) becomes `new`; footnote markers after it shift with it."""
    p = res.provision(pid)
    assert p.text.count(old) == 1, (pid, old)
    at = p.text.index(old)
    shift = len(new) - len(old)
    refs = tuple(FootnoteRef(r.marker, r.offset + shift if r.offset > at else r.offset) for r in p.footnotes)
    items = list(res.provisions)
    items[_index(res, pid)] = replace(p, text=p.text.replace(old, new), footnotes=refs)
    return replace(res, provisions=tuple(items))


def delete(res: Resolution, pid: str) -> Resolution:
    start, end = _block(res, pid)
    items = list(res.provisions)
    del items[start:end]
    return _rebuilt(res, items)
