"""What the installed script writes, as a user sees it: in a pipe, in a terminal's colours,
as a JSON summary, and when the reader of its output goes away (`| head -1`)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

import jsonschema
import pytest

from .test_cli import RESDIFF, ROOT, SEED, run

HISTORY = str(ROOT / "history")
DIFF_SCHEMA = json.loads((ROOT / "engine/render/schemas/diff.schema.json").read_text(encoding="utf-8"))
PAIR = ("A/RES/51/102", "A/RES/53/148", "--lang", "zh", "--history", HISTORY)


def big_text(tmp_path: Path) -> Path:
    """A typed resolution whose JSON model is far larger than a pipe's buffer (64 KiB), so
    that the reader of a pipe can go away while resdiff is still writing."""
    lines = ["Situation of human rights in Testland", "The General Assembly,"]
    lines += [
        f"Recalling its resolution {i}/1 on the situation of human rights in Testland," for i in range(1, 200)
    ]
    lines += [
        f"{i}. Requests the Secretary-General to report on paragraph {i} of this resolution to the "
        "General Assembly at its next session, and decides to remain seized of the matter."
        for i in range(1, 400)
    ]
    path = tmp_path / "big.txt"
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return path


COMMANDS = {
    "history": ("history", "iran-hr", "--history", HISTORY),
    "history-all": ("history", "--history", HISTORY),
    "diff": ("diff", *PAIR, "--all"),
    "diff-summary": ("diff", *PAIR, "--summary", "--format", "json"),
    "show": ("show", "A/RES/51/102", "--lang", "zh", "--history", HISTORY),
    "parse": ("parse", str(SEED)),
    "validate": ("validate", HISTORY),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_closed_pipe_ends_the_command_quietly(command):
    """stdout is a pipe nobody reads any more: every write fails (EPIPE). The command ends as
    `cat` does, killed by SIGPIPE (141 in a shell), with nothing on stderr (before: `Error:
    Broken pipe`, exit 2)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [str(RESDIFF), *COMMANDS[command]], stdout=write_end, stderr=subprocess.PIPE, check=False
        )
    finally:
        os.close(write_end)
    assert result.stderr == b""
    assert result.returncode == -signal.SIGPIPE


def test_head_1_in_a_shell(tmp_path):
    """`resdiff … | head -1` through a real shell, with more output than a pipe holds."""
    script = f"set -o pipefail; '{RESDIFF}' parse '{big_text(tmp_path)}' --format json | head -1"
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=False)
    assert result.stdout == "{\n"
    assert result.stderr == ""
    assert result.returncode == 128 + signal.SIGPIPE  # what `set -o pipefail` gives for `cat`


def test_history_head_1_in_a_shell():
    """The case of the issue; the whole listing may fit in the pipe before `head` leaves, so
    the status may be 0 or 141, never an error."""
    script = f"set -o pipefail; '{RESDIFF}' history iran-hr --history '{HISTORY}' | head -1"
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=False)
    assert result.stdout == "iran-hr: Situation of human rights in the Islamic Republic of Iran\n"
    assert result.stderr == ""
    assert result.returncode in (0, 128 + signal.SIGPIPE)


def test_term_in_a_pipe_marks_edits_without_colour():
    result = run("diff", *PAIR, "--format", "term")
    assert result.returncode == 1, result.stderr
    assert "\x1b[" not in result.stdout
    assert "办事处[-/人权事务中心-]继续提供合作与援助{+，+}以进一步" in result.stdout


def test_color_always_survives_a_pipe_and_strikes_and_underlines():
    """click strips ANSI codes when stdout is not a terminal; `--color always` must not."""
    result = run("diff", *PAIR, "--format", "term", "--color", "always")
    assert result.returncode == 1, result.stderr
    assert (
        "办事处\x1b[9;31m/人权事务中心\x1b[0m继续提供合作与援助\x1b[4;32m，\x1b[0m以进一步" in result.stdout
    )
    never = run("diff", *PAIR, "--format", "term", "--color", "never")
    assert "\x1b[" not in never.stdout and "[-/人权事务中心-]" in never.stdout


def test_summary_json_is_the_diff_without_its_changes():
    result = run("diff", *PAIR, "--summary", "--format", "json")
    assert result.returncode == 1, result.stderr
    summary = json.loads(result.stdout)
    jsonschema.validate(summary, DIFF_SCHEMA)
    full = json.loads(run("diff", *PAIR, "--format", "json").stdout)
    assert summary == {key: value for key, value in full.items() if key != "changes"}
    assert summary["summary"]["merged"] == 1


def test_summary_text_is_one_line():
    result = run("diff", *PAIR, "--summary")
    assert result.stdout == "summary: 4 unchanged, 5 reworded, 1 merged, 2 added, 2 removed (1 moved)\n"


def on_a_terminal(*args: str, **env: str) -> str:
    """What resdiff writes when its standard output is a terminal (a pseudo-terminal)."""
    controller, terminal = os.openpty()
    environment = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    environment.update({"TERM": "xterm-256color", **env})
    try:
        process = subprocess.Popen(
            [str(RESDIFF), *args], stdout=terminal, stderr=subprocess.PIPE, env=environment
        )
        os.close(terminal)
        chunks = []
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # EIO: the terminal's other end is closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=60)
    finally:
        os.close(controller)
    return b"".join(chunks).decode("utf-8")


def test_a_terminal_gets_colour_with_strike_and_underline_unless_told_not_to():
    coloured = on_a_terminal("diff", *PAIR)
    assert "\x1b[9;31m/人权事务中心\x1b[0m" in coloured
    assert "\x1b[4;32m，\x1b[0m" in coloured
    for env in ({"NO_COLOR": "1"}, {"TERM": "dumb"}):
        plain = on_a_terminal("diff", *PAIR, **env)
        assert "\x1b[" not in plain, env
        assert "[-/人权事务中心-]" in plain
