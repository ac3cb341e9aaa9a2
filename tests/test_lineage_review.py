"""Blame and lineage as their users meet them (an analyst in English, an editor in Chinese):
defects found by the end-to-end review of issue 11, each pinned by a test that failed before
its fix."""

from __future__ import annotations

import io
import os
import select
import sys

import pytest

import cli


def read_available(fd: int, wait: float = 0.2) -> bytes:
    chunks = []
    while select.select([fd], [], [], wait)[0]:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize("stdout_on_terminal", [True, False])
def test_the_progress_bar_needs_the_output_on_a_terminal_too(stdout_on_terminal, monkeypatch):
    """`resdiff blame X | less` leaves stderr on the terminal: the bar was drawn there,
    over the pager, though the issue says none when output is piped."""
    controller, terminal = os.openpty()
    tty = os.fdopen(terminal, "w", encoding="utf-8")
    try:
        monkeypatch.setenv("TERM", "xterm-256color")
        monkeypatch.setattr(sys, "stderr", tty)
        monkeypatch.setattr(sys, "stdout", tty if stdout_on_terminal else io.StringIO())
        with cli.lineage_progress(delay=0.0) as update:
            update(1, 3)
            update(2, 3)
        tty.flush()
        drawn = read_available(controller)
    finally:
        tty.close()
        os.close(controller)
    assert (b"aligning successive versions" in drawn) is stdout_on_terminal
