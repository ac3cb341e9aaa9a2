"""resdiff in git, through real repositories and real git processes: `resdiff log`, the
external diff driver that `git diff`, `git log -p --ext-diff` and `git show --ext-diff`
run, the textconv for Word files, and `resdiff git-setup`.

git calls resdiff itself here: the driver is configured with the absolute path of the
virtualenv's console script (what git-setup writes by default), so the tests do not depend
on PATH. Author, committer and dates are fixed, so commit ids are the same on every run.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
from pathlib import Path

import git
import jsonschema
import pytest

from engine.diff import compare
from engine.git.driver import empty_like
from engine.model import Resolution
from engine.render import RenderOptions
from engine.render.diff_text import render_text
from engine.store import canonical
from tests.docx_build import resolution_docx

from .test_cli import RESDIFF, ROOT, assert_one_error_line, run, run_script

LOG_SCHEMA = json.loads((ROOT / "engine/render/schemas/log.schema.json").read_text(encoding="utf-8"))
ZH = ROOT / "history/regional-arrangements-hr/zh"
VERSIONS = [ZH / "A-RES-51-102.md", ZH / "A-RES-53-148.md", ZH / "A-RES-55-105.md"]
L41 = ROOT / "history/iran-hr/en/A-C.3-78-L.41.md"
L41_HEADER = ["United Nations", "A/C.3/78/L.41", "General Assembly", "Seventy-eighth session"]
ANSI_DELETE = "\x1b[9;31m"


def git_env(n: int = 0) -> dict[str, str]:
    """No user or system config, a fixed author and date (commit n is n days later)."""
    date = f"2024-01-{1 + n:02d}T10:00:00+01:00"
    return {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Ann Lee",
        "GIT_AUTHOR_EMAIL": "ann@example.org",
        "GIT_COMMITTER_NAME": "Ann Lee",
        "GIT_COMMITTER_EMAIL": "ann@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_PAGER": "cat",
        "PAGER": "cat",
    }


@pytest.fixture(autouse=True)
def isolated_git(monkeypatch):
    """gitpython, in-process, reads the same environment as the git subprocesses."""
    for key, value in git_env().items():
        if key.startswith(("GIT_", "PAGER")):
            monkeypatch.setenv(key, value)
    monkeypatch.delenv("GIT_PAGER_IN_USE", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


class Repo:
    """A repository in a temporary folder, driven by the git command line."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.commits = 0
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            ["git", *args], cwd=self.root, env=git_env(self.commits), capture_output=True, text=True
        )
        if check:
            assert result.returncode == 0, result.stderr
        return result

    def write(self, path: str, data: str | bytes) -> Path:
        full = self.root / path
        full.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            full.write_bytes(data)
        else:
            full.write_text(data, encoding="utf-8")
        return full

    def commit(self, message: str, *paths: str) -> str:
        self.git("add", "--", *(paths or (".",)))
        self.git("commit", "-q", "-m", message)
        self.commits += 1
        return self.git("rev-parse", "HEAD").stdout.strip()

    def setup(self, *extra: str) -> subprocess.CompletedProcess[str]:
        result = run_script("git-setup", "--yes", "--command", str(RESDIFF), *extra, cwd=self.root)
        assert result.returncode == 0, result.stderr
        return result


def text_of(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.fixture
def series(tmp_path: Path) -> tuple[Repo, list[str]]:
    """Three versions of one canonical file, renamed between the second and the third."""
    repo = Repo(tmp_path)
    repo.write("history/s/zh/t.md", text_of(VERSIONS[0]))
    shas = [repo.commit("51/102 as adopted")]
    repo.write("history/s/zh/t.md", text_of(VERSIONS[1]))
    shas.append(repo.commit("53/148\n\nThe text of 1998."))
    repo.git("mv", "history/s/zh/t.md", "history/s/zh/u.md")
    shas.append(repo.commit("rename"))
    repo.write("history/s/zh/u.md", text_of(VERSIONS[2]))
    shas.append(repo.commit("55/105"))
    return repo, shas


def summaries() -> list[dict[str, int]]:
    texts = [canonical.load_path(p) for p in VERSIONS]
    return [compare(a, b).summary for a, b in itertools.pairwise(texts)]


# --- resdiff log -----------------------------------------------------------------------


def test_log_lists_versions_oldest_first_with_the_diffs_counts_across_a_rename(series):
    repo, shas = series
    result = run("log", "history/s/zh/u.md", "--format", "json", cwd=repo.root)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, LOG_SCHEMA)
    assert doc["path"] == "history/s/zh/u.md"
    versions = doc["versions"]
    assert [v["commit"] for v in versions] == shas
    assert [v["path"] for v in versions] == ["history/s/zh/t.md"] * 2 + ["history/s/zh/u.md"] * 2
    first, second = summaries()
    assert [v["summary"] for v in versions] == [
        None,
        first,
        {**dict.fromkeys(first, 0), "unchanged": len(canonical.load_path(VERSIONS[1]).provisions)},
        second,
    ]
    assert versions[1]["message"] == "53/148\n\nThe text of 1998."
    assert versions[1]["date"] == "2024-01-02T10:00:00+01:00"
    assert {v["author"] for v in versions} == {"Ann Lee"}


def test_log_term_and_md(series):
    repo, shas = series
    second = summaries()[1]
    term = run("log", "history/s/zh/u.md", cwd=repo.root)
    assert term.returncode == 0, term.stderr
    assert term.stdout.splitlines()[:6] == [
        f"{shas[0][:12]}  2024-01-01  Ann Lee  (history/s/zh/t.md)",
        "    51/102 as adopted",
        "    first version",
        "",
        f"{shas[1][:12]}  2024-01-02  Ann Lee  (history/s/zh/t.md)",
        "    53/148",
    ]
    assert term.stdout.splitlines()[10] == "    no change"  # the rename alone
    assert term.stdout.splitlines()[14] == "    1 heading, 9 reworded, 1 added, 2 removed"
    assert second == {**second, "heading": 1, "reworded": 9, "added": 1, "removed": 2, "moved": 0}
    md = run("log", "history/s/zh/u.md", "--format", "md", cwd=repo.root).stdout.splitlines()
    assert md[2:4] == ["| commit | date | author | message | changes |", "| --- | --- | --- | --- | --- |"]
    assert (
        md[-1]
        == f"| `{shas[3][:12]}` | 2024-01-04 | Ann Lee | 55/105 | 1 heading, 9 reworded, 1 added, 2 removed |"
    )


def test_log_md_keeps_a_message_text(tmp_path):
    """A pipe would end the table cell and markup would render: both are escaped; a control
    character in a message is written escaped in every format but json."""
    repo = Repo(tmp_path)
    repo.write("t.md", text_of(VERSIONS[0]))
    repo.commit("op1 | <b>agreed</b> *text* \x1b[31m")
    md = run("log", "t.md", "--format", "md", cwd=tmp_path).stdout.splitlines()[-1]
    assert r"op1 \| \<b\>agreed\</b\> \*text\* \\x1b\[31m" in md
    term = run("log", "t.md", cwd=tmp_path).stdout
    assert "\x1b" not in term and "op1 | <b>agreed</b> *text* \\x1b[31m" in term


def test_log_without_follow_stops_at_the_rename(series):
    repo, shas = series
    doc = json.loads(run("log", "history/s/zh/u.md", "--no-follow", "--format", "json", cwd=repo.root).stdout)
    assert [v["commit"] for v in doc["versions"]] == shas[2:]
    assert doc["versions"][0]["summary"] is None


def test_log_compares_each_version_with_what_its_commit_changed_on_two_branches(tmp_path):
    """Two branches change the file at once: listed by date, main's second version comes
    after the branch's, but it was made from the first, and is compared with it."""
    repo = Repo(tmp_path)
    repo.write("t.md", text_of(VERSIONS[0]))
    first = repo.commit("first")
    repo.git("checkout", "-q", "-b", "side")
    repo.write("t.md", text_of(VERSIONS[1]))
    side = repo.commit("on a branch")
    repo.git("checkout", "-q", "main")
    repo.write("t.md", text_of(VERSIONS[2]))
    main = repo.commit("on main")
    assert repo.git("merge", "-q", "side", check=False).returncode == 1  # a conflict, resolved:
    merged = repo.write("t.md", text_of(VERSIONS[2]).replace("区域安排", "区域性安排", 1))
    merge = repo.commit("merge side")
    doc = json.loads(run("log", "t.md", "--format", "json", cwd=tmp_path).stdout)
    assert [v["commit"] for v in doc["versions"]] == [first, side, main, merge]
    texts = [canonical.load_path(p) for p in [*VERSIONS, merged]]
    assert [v["summary"] for v in doc["versions"]] == [
        None,
        compare(texts[0], texts[1]).summary,
        compare(texts[0], texts[2]).summary,  # not against the branch's version listed before it
        compare(texts[2], texts[3]).summary,  # a merge: against its first parent
    ]
    assert compare(texts[0], texts[2]).summary != compare(texts[1], texts[2]).summary


def test_log_keeps_an_unreadable_version_and_compares_across_it(tmp_path):
    repo = Repo(tmp_path)
    repo.write("t.md", text_of(VERSIONS[0]))
    repo.commit("first")
    repo.write("t.md", "---\nschema: resdiff.document/1\nbroken: [\n---\n")
    repo.commit("broken front matter")
    repo.write("t.md", text_of(VERSIONS[1]))
    repo.commit("fixed")
    doc = json.loads(run("log", "t.md", "--format", "json", cwd=tmp_path).stdout)
    jsonschema.validate(doc, LOG_SCHEMA)
    middle = doc["versions"][1]
    assert middle["summary"] is None and middle["error"].startswith(middle["commit"][:12] + ":t.md")
    assert doc["versions"][2]["summary"] == summaries()[0]  # against the first, the last readable


def test_log_errors_are_one_line(tmp_path):
    repo = Repo(tmp_path)
    repo.write("t.md", text_of(VERSIONS[0]))
    repo.commit("first")
    assert_one_error_line(run("log", "never.md", cwd=tmp_path), "never.md", "no commit reachable from HEAD")
    assert_one_error_line(run("log", "t.md", "--rev", "nope", cwd=tmp_path), "nope: not a commit")
    assert_one_error_line(run("log", "../x.md", cwd=tmp_path), "outside the repository")
    outside = tmp_path.parent / f"{tmp_path.name}-not-a-repo"
    outside.mkdir()
    assert_one_error_line(run("log", "t.md", cwd=outside), "not in a git repository")


# --- the external diff driver, through git ---------------------------------------------


def diff_body(old: Path | Resolution, new: Path | Resolution) -> str:
    """What `resdiff diff --format text` prints for two texts."""
    a, b = (canonical.load_path(x) if isinstance(x, Path) else x for x in (old, new))
    return render_text(compare(a, b), RenderOptions())


def test_git_diff_log_and_show_print_resdiffs_diff(series):
    repo, shas = series
    repo.setup()
    repo.commit("diff with resdiff", ".gitattributes")
    # the work tree against the index
    repo.write("history/s/zh/u.md", text_of(VERSIONS[1]))
    shown = repo.git("diff").stdout
    assert shown == "diff --resdiff a/history/s/zh/u.md b/history/s/zh/u.md\n" + diff_body(
        VERSIONS[2], VERSIONS[1]
    )
    assert "[-促进-]{+增进+}" in shown and ANSI_DELETE not in shown  # a pipe: no colour
    repo.git("checkout", "--", ".")
    # git log -p --ext-diff: every step of the file's history, newest first
    log = repo.git("log", "-p", "--ext-diff", "--format=commit %H", shas[1], "--", "history/s/zh/t.md").stdout
    assert log == (
        f"commit {shas[1]}\n\ndiff --resdiff a/history/s/zh/t.md b/history/s/zh/t.md\n"
        + diff_body(VERSIONS[0], VERSIONS[1])
        + f"commit {shas[0]}\n\ndiff --resdiff a/history/s/zh/t.md b/history/s/zh/t.md\n"
        + "new file mode 100644\n"
        + diff_body(empty_like(canonical.load_path(VERSIONS[0])), VERSIONS[0])
    )
    # git show --ext-diff of the last commit that changed the text
    show = repo.git("show", "--ext-diff", "--format=%s", shas[3]).stdout
    assert show == "55/105\n\ndiff --resdiff a/history/s/zh/u.md b/history/s/zh/u.md\n" + diff_body(
        VERSIONS[1], VERSIONS[2]
    )
    # without --ext-diff, git log keeps its own line diff (documented)
    plain = repo.git("log", "-p", "-1", "--format=", shas[3]).stdout
    assert plain.startswith("diff --git ")


def test_git_diff_of_a_rename_passes_nine_arguments(series):
    repo, _ = series
    repo.setup()
    repo.write("history/s/zh/v.md", text_of(VERSIONS[2]).replace("区域安排", "区域性安排", 1))
    repo.git("rm", "-q", "history/s/zh/u.md")
    repo.git("add", ".")
    shown = repo.git("diff", "-M", "--cached", "--", "history/").stdout
    head = shown.splitlines()[:4]
    assert head == [
        "diff --resdiff a/history/s/zh/u.md b/history/s/zh/v.md",
        head[1],
        "rename from history/s/zh/u.md",
        "rename to history/s/zh/v.md",
    ]
    assert head[1].startswith("similarity index ")
    assert shown.endswith(diff_body(VERSIONS[2], repo.root / "history/s/zh/v.md"))
    assert shown.endswith("title changed\n促进和保护人权的[-区域-]{+区域性+}安排\n")


def test_added_and_deleted_files_show_every_provision(tmp_path):
    repo = Repo(tmp_path)
    repo.setup()
    repo.commit("attributes")
    repo.write("history/s/zh/t.md", text_of(VERSIONS[0]))
    repo.git("add", ".")
    added = repo.git("diff", "--cached").stdout
    count = len(canonical.load_path(VERSIONS[0]).provisions)
    assert added.splitlines()[:3] == [
        "diff --resdiff a/history/s/zh/t.md b/history/s/zh/t.md",
        "new file mode 100644",
        "--- /dev/null (zh)",
    ]
    assert f"summary: {count} added" in added
    repo.commit("add")
    repo.git("rm", "-q", "history/s/zh/t.md")
    deleted = repo.git("diff", "--cached").stdout
    assert deleted.splitlines()[1] == "deleted file mode 100644"
    assert f"summary: {count} removed" in deleted


def test_colour_only_when_git_would_colour(series):
    repo, shas = series
    repo.setup()
    args = ("diff", shas[0], shas[1], "--")
    assert ANSI_DELETE not in repo.git(*args).stdout
    coloured = repo.git("-c", "color.diff=always", *args).stdout
    assert ANSI_DELETE in coloured
    assert ANSI_DELETE not in repo.git("-c", "color.ui=always", "-c", "color.diff=never", *args).stdout


def test_a_branch_with_a_draft_typed_as_raw_text(tmp_path):
    repo = Repo(tmp_path)
    repo.setup("--pattern", "drafts/*.txt")
    seed = (ROOT / "seeds/000_d13d258366e277a0.txt").read_text(encoding="utf-8")
    repo.write("drafts/draft.txt", seed)
    base = repo.commit("the seed as the base of the draft")
    repo.git("checkout", "-q", "-b", "draft")
    repo.write("drafts/draft.txt", seed.replace("第 23/3 号决议", "第 25/3 号决议"))
    repo.commit("update the reference")
    shown = repo.git("diff", "main", "draft").stdout
    assert "[-23/3-]{+25/3+}" in shown
    assert "summary: 32 unchanged, 1 reworded" in shown
    doc = json.loads(
        run("log", "drafts/draft.txt", "--rev", "draft", "--format", "json", cwd=tmp_path).stdout
    )
    assert doc["versions"][0]["commit"] == base
    assert doc["versions"][1]["summary"]["reworded"] == 1


def test_a_word_file_diffs_by_provision_and_textconv_lets_git_log_show_it(tmp_path):
    repo = Repo(tmp_path)
    repo.setup()
    res = canonical.load_path(L41)
    before, _ = resolution_docx(res, L41_HEADER, [])
    changed = canonical.loads(
        text_of(L41).replace("Welcomes the continuing efforts", "Welcomes the sustained efforts", 1)
    )
    after, _ = resolution_docx(changed, L41_HEADER, [])
    repo.write("drafts/L41.docx", before)
    repo.commit("first draft")
    repo.write("drafts/L41.docx", after)
    repo.commit("second draft")
    shown = repo.git("diff", "HEAD~1", "HEAD").stdout
    assert shown.startswith("diff --resdiff a/drafts/L41.docx b/drafts/L41.docx\n")
    assert "[-continuing-]{+sustained+}" in shown and "1 reworded" in shown
    # git log -p runs no external diff, but converts the text: a line diff of the canonical text
    plain = repo.git("log", "-p", "-1", "--format=").stdout
    assert "Binary files" not in plain
    assert any(line.startswith("-op2: Welcomes the continuing") for line in plain.splitlines())
    assert any(line.startswith("+op2: Welcomes the sustained") for line in plain.splitlines())
    textconv = repo.git("show", "--textconv", "HEAD:drafts/L41.docx").stdout
    assert textconv == run("textconv", str(repo.write("again.docx", after))).stdout
    assert textconv.startswith("---\nschema: resdiff.document/1\n") and "\nsource:" not in textconv


def test_a_file_that_is_not_a_resolution_is_shown_as_a_line_diff_and_git_goes_on(tmp_path):
    repo = Repo(tmp_path)
    repo.setup("--pattern", "drafts/*.txt")
    repo.write("drafts/notes.txt", "a shopping list\n")
    repo.write("history/s/zh/t.md", text_of(VERSIONS[0]))
    repo.commit("first")
    repo.write("drafts/notes.txt", "a longer shopping list\n")
    repo.write("history/s/zh/t.md", text_of(VERSIONS[1]))
    result = repo.git("diff")
    assert "-a shopping list\n+a longer shopping list\n" in result.stdout
    assert "resdiff git-diff: " in result.stderr and "shown as a line diff" in result.stderr
    assert "diff --resdiff a/history/s/zh/t.md" in result.stdout  # the next file is still shown


def test_textconv_of_what_is_not_a_resolution_says_so(tmp_path):
    junk = tmp_path / "x.docx"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    result = run_script("textconv", str(junk))
    assert result.returncode == 0
    assert result.stdout.startswith("[resdiff textconv: ") and result.stdout.count("\n") == 1
    assert result.stderr.startswith("resdiff textconv: ")


def test_the_driver_alone(tmp_path):
    assert run("git-diff", "some/path").stdout == "* Unmerged path some/path\n"
    assert_one_error_line(run("git-diff", "a", "b"), "git's 7 arguments")
    # two languages: not one text's versions, so git's kind of diff, said on stderr
    zh, en = str(VERSIONS[0]), str(L41)
    mixed = run_script("git-diff", "t.md", zh, "0" * 40, "100644", en, "1" * 40, "100644")
    assert mixed.returncode == 0
    assert mixed.stdout.startswith("diff --resdiff a/t.md b/t.md\n--- a/t.md\n+++ b/t.md\n@@ ")
    assert "the versions are in zh and en; shown as a line diff" in mixed.stderr
    # a side over the size cap is not read at all
    big = tmp_path / "big.md"
    big.write_bytes(b"x" * (10 * 1024 * 1024 + 1))
    large = run_script("git-diff", "t.md", zh, "0" * 40, "100644", str(big), "1" * 40, "100644")
    assert large.returncode == 0
    assert large.stdout == "diff --resdiff a/t.md b/t.md\nFiles a/t.md and b/t.md differ\n"
    assert "larger than" in large.stderr or "10 MB" in large.stderr


# --- git-setup -------------------------------------------------------------------------


def config_of(root: Path) -> dict[str, str]:
    reader = git.Repo(root).config_reader("repository")
    return {
        f"{section}.{option}": str(reader.get_value(section, option))
        for section in reader.sections()
        if section.startswith("diff ")
        for option in reader.options(section)
        if option != "__name__"
    }


def test_setup_writes_the_running_resdiffs_absolute_path(tmp_path):
    Repo(tmp_path)
    result = run_script("git-setup", cwd=tmp_path)  # nothing exists: nothing to ask
    assert result.returncode == 0, result.stderr
    assert config_of(tmp_path) == {
        'diff "resdiff".command': f"{RESDIFF} git-diff",
        'diff "resdiff-docx".command': f"{RESDIFF} git-diff",
        'diff "resdiff-docx".textconv': f"{RESDIFF} textconv",
        'diff "resdiff-pdf".command': f"{RESDIFF} git-diff",
        'diff "resdiff-pdf".textconv': f"{RESDIFF} textconv",
    }
    assert (tmp_path / ".gitattributes").read_text(encoding="utf-8").splitlines()[1:] == [
        "history/**/*.md diff=resdiff",
        "*.docx diff=resdiff-docx",
        "*.pdf diff=resdiff-pdf",
    ]
    again = run_script("git-setup", cwd=tmp_path)
    assert again.stdout.startswith("git is set up for resdiff already")


def test_setup_dry_run_writes_nothing(tmp_path):
    Repo(tmp_path)
    config = (tmp_path / ".git/config").read_bytes()
    result = run("git-setup", "--dry-run", "--command", "resdiff", cwd=tmp_path)
    assert result.returncode == 0
    assert "create " in result.stdout and "set diff.resdiff.command = resdiff git-diff" in result.stdout
    assert result.stdout.endswith("(dry run: nothing written)\n")
    assert not (tmp_path / ".gitattributes").exists()
    assert (tmp_path / ".git/config").read_bytes() == config


def test_setup_asks_before_changing_what_exists(tmp_path):
    repo = Repo(tmp_path)
    attributes = repo.write(".gitattributes", "*.md text\n*.docx diff=word\n")
    repo.git("config", "diff.resdiff.command", "old-tool")
    config = (tmp_path / ".git/config").read_bytes()
    refused = subprocess.run(
        [str(RESDIFF), "git-setup", "--command", "resdiff"],
        cwd=tmp_path,
        input="n\n",
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 1
    assert "overriding its line: *.docx diff=word" in refused.stdout
    assert "set diff.resdiff.command = resdiff git-diff (now 'old-tool')" in refused.stdout
    assert attributes.read_text(encoding="utf-8") == "*.md text\n*.docx diff=word\n"
    assert (tmp_path / ".git/config").read_bytes() == config
    agreed = subprocess.run(
        [str(RESDIFF), "git-setup", "--command", "resdiff"],
        cwd=tmp_path,
        input="y\n",
        capture_output=True,
        text=True,
    )
    assert agreed.returncode == 0, agreed.stderr
    assert attributes.read_text(encoding="utf-8").startswith("*.md text\n*.docx diff=word\n\n# resdiff")
    assert config_of(tmp_path)['diff "resdiff".command'] == "resdiff git-diff"
    # git itself now says which driver a Word file gets: ours, the later line
    check = repo.git("check-attr", "diff", "--", "a.docx").stdout
    assert check == "a.docx: diff: resdiff-docx\n"


def test_setup_refuses_what_it_cannot_write(tmp_path):
    Repo(tmp_path)
    assert_one_error_line(run("git-setup", "--command", "x # y", cwd=tmp_path), "cannot be written")
    assert_one_error_line(run("git-setup", "--pattern", "a b", cwd=tmp_path), "not a .gitattributes pattern")
    (tmp_path / ".gitattributes").write_bytes(b"*.md diff=\xff\n")
    assert_one_error_line(run("git-setup", cwd=tmp_path), ".gitattributes: not UTF-8 text")
    outside = tmp_path / "sub"
    outside.mkdir()
    (tmp_path / ".git").rename(tmp_path / "dotgit")
    assert_one_error_line(run("git-setup", cwd=outside), "not in a git repository")
