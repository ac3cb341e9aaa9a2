"""Storing several files of a series as one step, and finishing or undoing a killed one.

An import writes two files, the version's text and the series manifest; killed between
the two, it left a text that no manifest listed. So a change is made in three steps:

1. every new file is written in full to a temporary file beside its place;
2. a journal (`<series>/.import.journal`, itself written then renamed: the commit
   point) lists which temporary file goes where;
3. the temporary files are renamed into place, and the journal removed.

Killed before step 2, only temporary files are left, and `recover` removes them: the old
state. Killed after it, `recover` finishes the renames the journal lists: the new state.
Callers hold the series lock (`History.lock`) while they change or recover a series.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..errors import StoreError
from ..languages import LANGUAGES
from . import atomic
from .manifest import MANIFEST

JOURNAL = ".import.journal"


def commit(folder: Path, moves: list[tuple[Path, Path]]) -> None:
    """Rename each temporary file onto its target, all or (after a kill) none-then-all."""
    listed = [
        [tmp.relative_to(folder).as_posix(), final.relative_to(folder).as_posix()] for tmp, final in moves
    ]
    journal = folder / JOURNAL
    tmp_journal = atomic.write_temp(journal, json.dumps({"moves": listed}) + "\n")
    os.replace(tmp_journal, journal)
    _replay(folder, listed)
    journal.unlink()


def _replay(folder: Path, moves: list[list[str]]) -> None:
    for tmp, final in moves:
        source = folder / tmp
        if source.exists():
            os.replace(source, folder / final)


def _read(journal: Path) -> list[list[str]]:
    """The moves a journal lists, each checked to stay inside the series folder."""
    folder = journal.parent
    try:
        moves = json.loads(journal.read_text(encoding="utf-8"))["moves"]
        ok = isinstance(moves, list) and all(
            isinstance(m, list) and len(m) == 2 and all(isinstance(p, str) for p in m) for m in moves
        )
    except (ValueError, KeyError, TypeError):
        ok = False
    if ok:
        base = folder.resolve()
        for tmp, final in moves:
            for name in (tmp, final):
                where = (folder / name).resolve()
                if ".." in Path(name).parts or where == base or not where.is_relative_to(base):
                    ok = False
            if not atomic.is_temporary(Path(tmp)) or atomic.is_temporary(Path(final)):
                ok = False
    if not ok:
        raise StoreError(
            "unreadable import journal: remove it, then check with resdiff validate", path=str(journal)
        )
    return moves  # type: ignore[no-any-return]


def leftovers(folder: Path) -> bool:
    """Whether a killed change left anything in a series folder (cheap: no lock, no reading)."""
    if (folder / JOURNAL).exists():
        return True
    return any(_temporary_files(folder))


def _temporary_files(folder: Path) -> list[Path]:
    """Our temporary files in a series folder: of the manifest or journal, and of texts in
    the language folders; nothing else (recovery may run on a folder given by hand)."""
    found = [p for p in folder.glob(".*") if atomic.temporary_for(p) in (MANIFEST, JOURNAL)]
    for lang in LANGUAGES:
        found += [p for p in (folder / lang).glob(".*") if (atomic.temporary_for(p) or "").endswith(".md")]
    return sorted(found)


def recover(folder: Path) -> list[str]:
    """Finish or undo what a killed change left in `folder`; say what was done."""
    notes: list[str] = []
    journal = folder / JOURNAL
    if journal.exists():
        moves = _read(journal)
        _replay(folder, moves)
        journal.unlink()
        done = ", ".join(final for _, final in moves)
        notes.append(f"{folder}: finished an interrupted import ({done})")
    stale = _temporary_files(folder)
    for path in stale:
        path.unlink(missing_ok=True)
    if stale:
        notes.append(f"{folder}: removed {len(stale)} temporary file(s) left by an interrupted import")
    if not (folder / MANIFEST).exists():
        # A new series whose first import was killed before its commit: leave no trace.
        for lang in LANGUAGES:
            if (folder / lang).is_dir() and not any((folder / lang).iterdir()):
                (folder / lang).rmdir()
        if not any(folder.iterdir()):
            folder.rmdir()
    return notes
