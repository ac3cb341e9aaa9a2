"""The `docx` compilation: every proposal a tracked revision signed by its proposers.

A facilitator opens the file in Word and accepts or rejects proposals one delegation at a
time (Review > Show Markup > Specific People): each proposal's `w:ins`/`w:del` carries its
proposers as `w:author` (several names joined by ", " when the proposal is the same from
several delegations) and a fixed `w:date`, so the same compilation gives the same bytes.
The contract, checked by the tests: with one list (which has no conflicts), accepting every
revision gives exactly `apply(base, list)` (its title, body line and provisions) and
rejecting every one gives the base.

- word proposals: the words they replace or delete in `w:del`, the new ones in `w:ins`, at
  exactly the place `apply` makes the edit (spaces included);
- a provision deleted: its text and paragraph mark deleted; replaced: text deleted and the new
  text inserted; split: the pieces after the first as inserted paragraphs; merged: the first
  provision rewritten, the others deleted with their marks;
- the title and the body line: paragraphs of the text like the provisions (without a label),
  their proposals revisions in the same way;
- a new provision: an inserted paragraph (label, text and mark); a moved provision: deleted
  where it stood and inserted, as it reads once every proposal on it is made, where it goes;
- conflicting proposals cannot all be revisions of the same words (Word can accept only one
  rewrite of a word), so they are comments by their proposers on the words they touch, and
  the text stays as in the base until the facilitator settles them.

The negotiation label (`OP5 bis`) opens each paragraph in its own character style; it is
not part of the provision's text.
"""

from __future__ import annotations

from typing import Any

from ..amend.actions import DeleteProvision, Merge, MoveProvision, ReplaceProvision, Split
from ..amend.compile import Compilation, Entry, Proposal, labels
from .compilation import conflict_mark, names, new_mark, phrase, render_text, whole_phrase
from .wordml import LABEL_STYLE, Writer


def _legend(language: str) -> str:
    if language == "zh":
        return "每项提案都是修订，作者为提案方：可按提案方逐一接受或拒绝。相互冲突的提案作为批注列出。"
    return (
        "Each proposal is a tracked change whose author is its proposer: accept or reject them one "
        "delegation at a time. Conflicting proposals, which cannot all be accepted, are comments on "
        "the words they touch."
    )


class _Compiler:
    def __init__(self, compilation: Compilation) -> None:
        self.c = compilation
        self.lang = compilation.language
        self.label = labels(compilation.base)
        self.w = Writer("resdiff", title="resdiff compilation")

    def who(self, proposal: Proposal) -> str:
        return names(proposal, self.lang).replace("、", ", ")

    def label_run(self, p: Any, entry: Entry, kind: str = "equal", author: str | None = None) -> None:
        if entry.label:  # the title and the body line have none
            self.w.add(p, kind, f"{entry.label} ", author, style=LABEL_STYLE)

    def new(self, entry: Entry) -> None:
        assert entry.new is not None
        if entry.new.conflicting:  # a conflicting move: said where it would go, not written
            mark = new_mark(entry, self.lang, self.label)
            self.w.note(f"{entry.label} [{entry.text}] {mark} {conflict_mark(self.lang)}")
            return
        who = self.who(entry.new)
        p = self.w.paragraph()
        self.label_run(p, entry, "insert", who)
        self.w.add(p, "insert", entry.text, who)
        self.w.mark(p, "insert", who)

    def conflicting(self, entry: Entry) -> None:
        """The base text as it stands, every proposal on it a comment by its proposers; the
        words they touch highlighted (the whole provision, when proposals rewrite it)."""
        p = self.w.paragraph()
        self.label_run(p, entry)
        text = entry.base_text
        whole = bool(entry.whole)
        runs: list[Any] = []
        position = 0
        for group in entry.groups:
            if group.start > position:
                runs.append(self.w.add(p, "equal", text[position : group.start], highlight=whole))
            run = self.w.add(p, "equal", group.words, highlight=True)
            runs.append(run)
            for proposal, _ in group.proposals:
                what = phrase(group, proposal, self.lang)
                mark = f" {conflict_mark(self.lang)}" if proposal.conflicting else ""
                self.w.comment(p, run, run, f"[{group.words}] {what}{mark}", self.who(proposal))
            position = group.end
        if position < len(text) or not runs:
            runs.append(self.w.add(p, "equal", text[position:], highlight=whole))
        for proposal in entry.whole:
            what = whole_phrase(proposal, self.lang, self.label)
            self.w.comment(p, runs[0], runs[-1], f"{what} {conflict_mark(self.lang)}", self.who(proposal))

    def words(self, entry: Entry) -> None:
        """Word proposals as revisions in place (conflicting groups as comments)."""
        p = self.w.paragraph()
        self.label_run(p, entry)
        text = entry.base_text
        items: list[tuple[int, int, Any]] = []
        for group in entry.groups:
            if group.conflicting:
                items.append((group.start, group.end, group))
            else:
                proposal, edit = group.proposals[0]
                items.append((edit.start, edit.end, (proposal, edit)))
        position = 0
        for start, end, item in sorted(items, key=lambda item: (item[0], item[1])):
            if start > position:
                self.w.add(p, "equal", text[position:start])
            if isinstance(item, tuple):
                proposal, edit = item
                who = self.who(proposal)
                if end > start:
                    self.w.add(p, "delete", text[start:end], who)
                if edit.new:
                    self.w.add(p, "insert", edit.new, who)
            else:
                run = self.w.add(p, "equal", text[start:end], highlight=True)
                for proposal, _ in item.proposals:
                    what = phrase(item, proposal, self.lang)
                    self.w.comment(
                        p, run, run, f"[{item.words}] {what} {conflict_mark(self.lang)}", self.who(proposal)
                    )
            position = end
        if position < len(text):
            self.w.add(p, "equal", text[position:])

    def deleted(self, entry: Entry, who: str) -> None:
        p = self.w.paragraph()
        self.label_run(p, entry, "delete", who)
        self.w.add(p, "delete", entry.base_text, who)
        self.w.mark(p, "delete", who)

    def rewritten(self, entry: Entry, proposal: Proposal) -> None:
        """One proposal rewrites the provision whole (delete, replace, split, merge)."""
        a = proposal.amendment
        who = self.who(proposal)
        assert entry.provision is not None or entry.heading is not None
        own = entry.provision.id if entry.provision is not None else entry.heading
        if isinstance(a, DeleteProvision) or (isinstance(a, Merge) and a.targets[0] != own):
            self.deleted(entry, who)
            return
        assert isinstance(a, (ReplaceProvision, Split, Merge))
        texts = [a.new] if isinstance(a, ReplaceProvision) else [a.new.text] if isinstance(a, Merge) else []
        if isinstance(a, Split):
            texts = [piece.text for piece in a.pieces]
        p = self.w.paragraph()
        self.label_run(p, entry)
        self.w.add(p, "delete", entry.base_text, who)
        self.w.add(p, "insert", texts[0], who)
        labels = entry.split_labels if len(entry.split_labels) == len(texts) - 1 else [""] * (len(texts) - 1)
        for text, label in zip(texts[1:], labels, strict=True):
            # A new paragraph after it: its mark is inserted, so rejecting joins nothing.
            q = self.w.paragraph()
            if label:  # as apply labels it in a negotiation draft
                self.w.add(q, "insert", f"{label} ", who, style=LABEL_STYLE)
            self.w.add(q, "insert", text, who)
            self.w.mark(q, "insert", who)

    def entry(self, entry: Entry) -> None:
        if entry.provision is None and entry.heading is None:
            self.new(entry)
            return
        if entry.conflicting:
            self.conflicting(entry)
            return
        moves = [p for p in entry.whole if isinstance(p.amendment, MoveProvision)]
        rewrites = [p for p in entry.whole if not isinstance(p.amendment, MoveProvision)]
        if moves:  # what it becomes stands at its new place, every proposal on it made
            self.deleted(entry, self.who(moves[0]))
        elif rewrites:
            self.rewritten(entry, rewrites[0])
        else:
            self.words(entry)

    def render(self) -> bytes:
        head = render_text(self.c).split("\n\n", 1)[0].split("\n")
        self.w.note(head[0], bold=True)
        for line in head[1:]:
            self.w.note(line)
        self.w.note(_legend(self.lang))
        for exc in self.c.failed:
            self.w.note(str(exc))
        # The title and the body line are paragraphs of the text (as in the diff's Word
        # file), their proposals revisions as a paragraph's: "Accept all" gives the title
        # and body line `apply` gives too.
        for entry in (*self.c.headings, *self.c.entries):
            self.entry(entry)
        return self.w.save()


def render_docx(compilation: Compilation) -> bytes:
    return _Compiler(compilation).render()
