"""The rules that compare a draft with the agreed version `--base` names.

    protected   error   provisions (by id in the base) and phrases the config lists as agreed
                        language are unchanged in the draft
    removed     note    provisions of the base the draft no longer has and the config does not
                        protect: listed, so that no cut goes unseen

Why `removed`: a negotiator checking a draft against the agreed text needs to see every
paragraph that went, not only the few a config names; most cuts are deliberate, so they are
notes (a config can raise them: `rules = {removed = "warning"}`), while a cut of protected
language is the `protected` rule's error. A draft that is an excerpt is not faulted for the
base's provisions past its end, the last base provision it matches in place (it cannot say
whether they went).
"""

from __future__ import annotations

from ..diagnostics import Severity
from ..diff import Diff
from ..model import Resolution
from .findings import Finding

PROTECTED = "protected"
REMOVED = "removed"
BASE_RULES: dict[str, tuple[Severity, str]] = {
    PROTECTED: ("error", "agreed language (the config's `protected`) unchanged from --base"),
    REMOVED: ("note", "provisions of --base the draft no longer has, listed"),
}
"""Rule id -> (default severity, summary), after the rules of rules.py in every output."""


def _opening(text: str, lang: str) -> str:
    words = text.split()
    if lang in ("zh", "ja") or len(words) < 2:
        return text[:16] + ("…" if len(text) > 16 else "")
    return " ".join(words[:6]) + ("…" if len(words) > 6 else "")


def removed(base: Resolution, draft: Resolution, diff: Diff, protected: tuple[str, ...]) -> list[Finding]:
    """A note for each provision of the base that the draft removes, unless protected by id
    (then `protected` reports it, as an error)."""
    position = {p.id: i for i, p in enumerate(base.provisions)}
    # Where an excerpt stops, in the base: its last provision matched in place. A pairing
    # out of order (moved) does not count: across the end of an excerpt the aligner may pair
    # a preambular paragraph with the base's last operative one, which says nothing of
    # where the excerpt was cut.
    in_place = [position[pid] for c in diff.changes if c.old and c.new and not c.moved for pid in c.old]
    last_kept = max(in_place, default=-1)
    out = []
    for change in diff.changes:
        if change.kind != "removed":
            continue
        for pid in change.old:
            if pid in protected:
                continue
            if draft.meta.extent == "excerpt" and position[pid] > last_kept:
                continue  # past the end of the draft: not known to be gone
            p = base.provision(pid)
            printed = f" (printed {p.number})" if p.number and p.number != p.default_number else ""
            out.append(
                Finding(
                    REMOVED,
                    "note",
                    f"{pid}{printed} of the base ({_opening(p.text, base.meta.language)!r}) is not in the "
                    "draft; restore it if it is agreed language (list it under `protected` to make its "
                    "removal an error).",
                )
            )
    return out
