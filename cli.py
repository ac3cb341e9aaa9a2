"""resdiff command line.

Thin by design: parse options, call the engine, render, map errors to exit codes. The
engine raises `ResdiffError` subclasses; here they become one `Error: …` line on stderr
and exit status 2 (diff(1)'s convention: 0 same, 1 different, 2 trouble).
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from engine import api
from engine.controls import CONTROL, escape_controls
from engine.errors import ResdiffError, StoreError
from engine.languages import LANGUAGES
from engine.read import REVISIONS
from engine.render import BINARY_FORMATS, DIFF_RENDERERS
from engine.store import atomic
from engine.store.history import MANIFEST, History
from engine.store.names import SERIES_RE

if TYPE_CHECKING:
    from engine.amend import AmendmentList
    from engine.model import Resolution
    from engine.read import Revisions

F = TypeVar("F", bound=Callable[..., Any])
# What the options name from engines that load only when a command runs them: the aligner's
# default threshold (the aligner is most of a diff's start-up, and a cached blame, `show` or
# `--help` never aligns), the document formats, and the formats of amend, blame, the timeline
# and check. Named here, and checked against the engine and its registries by a test.
DEFAULT_THRESHOLD = 0.35
DOCUMENT_FORMATS = ("canonical", "json", "text")
AMENDMENT_FORMATS = ("text", "md", "json")
COMPILATION_FORMATS = ("text", "md", "html", "docx", "json")
BLAME_FORMATS = ("json", "md", "term")
TIMELINE_FORMATS = ("html", "json", "md", "term")
CHECK_FORMATS = ("text", "json", "github", "junit", "sarif")
EXIT_SAME, EXIT_CHANGED, EXIT_TROUBLE = 0, 1, 2


def fail(message: str) -> None:
    """One line, whatever the message quotes: control characters are written escaped."""
    click.echo(f"Error: {escape_controls(message)}", err=True)
    sys.exit(EXIT_TROUBLE)


class StdoutClosed(Exception):
    """Standard output was closed by its reader (`resdiff history | head -1`)."""


def stdout_closed() -> None:
    """End as `cat` or `grep` end when the reader of their output goes away: quietly, killed
    by SIGPIPE (status 141 in a shell). Python ignores SIGPIPE and raises BrokenPipeError
    instead; standard output is pointed at /dev/null first so that nothing tries to flush
    into the closed pipe on the way out."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sigpipe = getattr(signal, "SIGPIPE", None)
    if sigpipe is not None:
        signal.signal(sigpipe, signal.SIG_DFL)
        os.kill(os.getpid(), sigpipe)
    sys.exit(1)  # no SIGPIPE (Windows): the exit status Python's documentation suggests


def out(text: str = "", *, nl: bool = True) -> None:
    """Every line a command prints goes through here, as bytes in the encoding of standard
    output. Written until the last byte: under PYTHONUNBUFFERED (or `python -u`) standard
    output has no buffer, and Python's text layer drops what a write(2) cut short, as one
    is when the reader goes away, so a closed pipe would pass unnoticed. ANSI codes are
    written as given: a renderer only writes them when colour was asked for (click.echo
    would strip them in a pipe, defeating `--color always`)."""
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # a text-only stream (captured in-process): nothing can be cut short
        sys.stdout.write(text + "\n" * nl)
        return
    data = (text + "\n" * nl).encode(sys.stdout.encoding or "utf-8", sys.stdout.errors or "strict")
    try:
        sys.stdout.flush()
        view = memoryview(data)
        while view:
            view = view[stream.write(view) or 0 :]
        stream.flush()
    except BrokenPipeError as exc:
        raise StdoutClosed from exc


def reports_errors(func: F) -> F:
    """Turn engine and file-system errors into one `Error:` line and exit status 2; a closed
    standard output ends the command quietly."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except StdoutClosed:
            stdout_closed()
        except ResdiffError as exc:
            fail(str(exc))
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            fail(f"{where}{exc.strerror or exc}")

    return wrapper  # type: ignore[return-value]


def history_option(func: F) -> F:
    return click.option(
        "--history",
        "history_root",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("history"),
        show_default=True,
        envvar="RESDIFF_HISTORY",
        help="The history folder (or set RESDIFF_HISTORY).",
    )(func)


def lang_option(*, auto: bool) -> Callable[[F], F]:
    choices = (["auto"] if auto else []) + list(LANGUAGES)
    return click.option(
        "--lang",
        type=click.Choice(choices),
        default="auto" if auto else None,
        show_default=auto,
        help="Language of the text"
        + (
            " (auto: detect it from the script and, for en/fr/es, the function words; a --lang"
            " the text contradicts is an error)."
            if auto
            else " (needed when a symbol is stored in several)."
        ),
    )


def revisions_option(func: F) -> F:
    return click.option(
        "--revisions",
        type=click.Choice(REVISIONS),
        default="accept",
        show_default=True,
        help="Tracked changes in a Word file: accept them all, or reject them all (the text before them).",
    )(func)


def render_document(res: Resolution, fmt: str) -> str:
    """One version in a document format; the text form, which prints no footnotes, says on
    stderr how many it left out (a delegate circulating it would otherwise lose them unseen)."""
    from engine.render.document import DOCUMENT_RENDERERS

    if fmt == "text" and res.footnotes:
        n = len(res.footnotes)
        click.echo(
            f"note: {n} footnote{'' if n == 1 else 's'} left out of the text form "
            "(--format canonical or json keeps them)",
            err=True,
        )
    return DOCUMENT_RENDERERS[fmt](res)


def read_list(path: Path, base: Resolution, *, keep_going: bool = False) -> AmendmentList:
    """An amendment list for `apply`, `rebase` or `compile`; one that holds no amendment (an
    empty file, a title line alone) is said on stderr, since the run then changes nothing.
    With `keep_going` (--continue) the typed lines that cannot be read are left out and kept
    in `AmendmentList.unread`."""
    listed = api.read_amendments(path, base, keep_going=keep_going)
    if not listed.amendments and not listed.unread:
        click.echo(f"note: {path} holds no amendment: nothing to apply", err=True)
    return listed


def document_format_option(func: F) -> F:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(DOCUMENT_FORMATS),
        default="canonical",
        show_default=True,
        help="canonical: the text format kept in history/; json: resdiff.document/1; "
        "text: as printed, footnotes left out (said on stderr).",
    )(func)


def metadata_options(func: F) -> F:
    """Options that set what the text itself does not say (or says wrongly)."""
    for option in reversed(
        [
            click.option(
                "--symbol", help="Document symbol, e.g. A/HRC/RES/23/3 (overrides the inferred one)."
            ),
            click.option(
                "--series",
                help="Series the version belongs to, e.g. intl-cooperation-hr "
                "(import: an existing one, or a new one with --new-series).",
            ),
            click.option("--source", help="Where the text came from (default: the file's path)."),
            click.option(
                "--extent",
                type=click.Choice(["full", "excerpt"]),
                help="excerpt: the text stops early (the default is what the reader infers).",
            ),
        ]
    ):
        func = option(func)
    return func


STDIN = "-"
"""The file name that stands for standard input, as for cat and click (`click.Path(allow_dash=True)`):
a draft is pasted or piped (`pbpaste | resdiff parse -`). A file named `-` is `./-`."""
STDIN_NAME = "<stdin>"
"""What standard input is called in messages and as the text's `source`, as compilers call it."""


def read_source(path: Path, lang: str, revisions: Revisions, **overrides: str | None) -> Resolution:
    if str(path) == STDIN:
        return read_stdin(lang, revisions, **overrides)
    return api.read_file(path, lang=lang, revisions=revisions, **overrides)


def read_stdin(lang: str, revisions: Revisions, **overrides: str | None) -> Resolution:
    """The text on standard input; at a terminal, how to end it is said first (a paste
    waits for end of file, which the user may not know to type)."""
    stream = click.get_binary_stream("stdin")
    if stream.isatty():
        click.echo(
            "reading the text from standard input: paste it, then press Ctrl-D on a line of its own", err=True
        )
    return api.read_stream(stream, name=STDIN_NAME, lang=lang, revisions=revisions, **overrides)


def diagnostics_option(func: F) -> F:
    return click.option(
        "-v",
        "--verbose",
        is_flag=True,
        help="Also print the reader's notes (layout, repairs), not only its warnings and errors.",
    )(func)


def report_diagnostics(res: Resolution, *, verbose: bool) -> int:
    """Print what the reader found odd as `path:line: code: message` on stderr.

    Warnings and errors always (a misread text must never pass silently), notes with
    --verbose. Returns the number of errors.
    """
    for d in res.warnings:
        if verbose or d.severity != "note":
            click.echo(d.format(res.meta.source), err=True)
    return sum(d.severity == "error" for d in res.warnings)


def emit(text: str) -> None:
    out(text, nl=False)


def emit_bytes(data: bytes) -> None:
    """A binary report to a pipe or file (`diff --format docx > report.docx`)."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError as exc:
        raise StdoutClosed from exc


def write_or_print(report: str | bytes, output: Path | None, force: bool, what: str) -> None:
    """To standard output, or to a file written atomically (never half-written, never over
    an existing file without --force)."""
    if output is not None:
        atomic.write_text(output, report, force=force)
        click.echo(f"wrote {what} to {output}", err=True)
    elif isinstance(report, bytes):
        emit_bytes(report)
    else:
        emit(report)


def refuse_to_overwrite(output: Path | None, force: bool) -> None:
    """Stop before any work when the -o file exists and --force was not given (the atomic
    write refuses it too, but only after the whole comparison has run)."""
    if output is not None and output.exists() and not force:
        fail(f"{output}: already exists (use --force to replace it)")


def output_options(help_text: str) -> Callable[[F], F]:
    """`-o/--output FILE` and `--force`, the same for every command that writes a result."""

    def decorate(func: F) -> F:
        func = click.option("--force", is_flag=True, help="Replace the --output file if it exists.")(func)
        return click.option(
            "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help=help_text
        )(func)

    return decorate


def open_history(root: Path) -> History:
    """The history, after finishing or undoing what a killed import left (said on stderr)."""
    store = History(root)
    for note in store.recover_all():
        click.echo(f"note: {note}", err=True)
    return store


def series_option(func: F) -> F:
    return click.option(
        "--series",
        help="The series to look in, when the same symbol is stored in several.",
    )(func)


def say(line: str) -> None:
    """A line built from stored data: control characters are written escaped, never raw."""
    out(CONTROL.sub(lambda m: escape_controls(m[0]), line))


class OneLineErrors(click.Group):
    """Click, but a mistyped option or value is one `Error:` line on stderr and exit 2, as
    every other bad input is (click prints the usage, a hint and the error: three lines a
    script must tell apart from the command's own)."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:  # a bare `resdiff`: the help, as click shows it
            exc.show()
            sys.exit(exc.exit_code)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx is not None else "resdiff"
            fail(f"{exc.format_message()} ({where} --help lists what it takes)")
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="resdiff")
def main() -> None:
    """resdiff: what changed between versions of a UN resolution.

    \b
    Texts are kept as canonical files under history/<series>/<lang>/:
      resdiff import raw.txt --series intl-cooperation-hr   store a version
      resdiff history intl-cooperation-hr                   list the versions
      resdiff show A/HRC/RES/25/3 --lang zh                 print one
    """


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path))
@lang_option(auto=True)
@revisions_option
@document_format_option
@metadata_options
@diagnostics_option
@reports_errors
def parse(
    file: Path, lang: str, revisions: Revisions, fmt: str, verbose: bool, **overrides: str | None
) -> None:
    """Read a raw text (PDF-extracted or typed), a Word .docx or a PDF and print its model; writes nothing.

    A file whose first line is `---` is a canonical file (as for every command): it is
    read as one, and printed in the format asked for. FILE `-` is standard input (a draft
    pasted or piped), named `<stdin>` in messages.

    \b
    Examples:
      resdiff parse seeds/000_d13d258366e277a0.txt
      xclip -o | resdiff parse - --lang zh
      resdiff parse A-HRC-RES-25-3.pdf
      resdiff parse draft.txt --lang en --format json
      resdiff parse draft.docx --revisions reject
    """

    res = read_source(file, lang, revisions, **overrides)
    report_diagnostics(res, verbose=verbose)
    emit(render_document(res, fmt))


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@lang_option(auto=True)
@revisions_option
@metadata_options
@click.option(
    "--date",
    help="Date that orders the version in its series when not adopted: an ISO date (2014-06-20) or a year.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace a stored version of the same symbol and language; store a text the reader found errors in.",
)
@click.option(
    "--new-series",
    is_flag=True,
    help="Start the series named by --series (a mistyped name is refused otherwise).",
)
@diagnostics_option
@history_option
@reports_errors
def import_(
    file: Path,
    lang: str,
    revisions: Revisions,
    date: str | None,
    force: bool,
    new_series: bool,
    verbose: bool,
    history_root: Path,
    **overrides: str | None,
) -> None:
    """Read a raw text or a PDF file and store it as a canonical file in the history.

    The series must exist, unless --new-series starts it (series names are lower-case
    words joined by hyphens). Refuses to replace a stored version without --force. Imports
    into one series may run at once: each waits for the series' lock; a killed import is
    finished or undone by the next command.

    \b
    Examples:
      resdiff import A-HRC-RES-23-3.txt --series intl-cooperation-hr
      resdiff import draft.txt --series intl-cooperation-hr --symbol A/HRC/26/L.5 --date 2014-06-20
      resdiff import first.txt --series right-to-food --new-series
    """
    res = read_source(file, lang, revisions, **overrides)
    errors = report_diagnostics(res, verbose=verbose)
    if errors and not force:
        fail(
            f"{file}: the reader found {errors} error(s), listed above; fix the text or store it with --force"
        )
    stored = History(history_root).add(res, date=date, force=force, new_series=new_series)
    for note in stored.notes:
        click.echo(f"note: {note}", err=True)
    say(f"stored {stored.symbol} ({res.meta.language}, {len(res.provisions)} provisions) in {stored.path}")


@main.command()
@click.argument("ref")
@lang_option(auto=False)
@series_option
@document_format_option
@history_option
@reports_errors
def show(ref: str, lang: str | None, series: str | None, fmt: str, history_root: Path) -> None:
    """Print a stored version, named by symbol or by the path of its canonical file.

    \b
    Examples:
      resdiff show A/HRC/RES/25/3 --lang zh
      resdiff show history/intl-cooperation-hr/en/A-RES-51-100.md --format json
    """

    path = Path(ref) if Path(ref).is_file() else open_history(history_root).find(ref, lang, series)
    emit(render_document(api.load_stored(path), fmt))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@history_option
@reports_errors
def validate(paths: tuple[Path, ...], history_root: Path) -> None:
    """Check canonical files and series manifests; list every problem, exit 1 if any.

    A file is valid when it reads without error and is in canonical form, i.e. writing
    it back gives the same bytes. In a history or series folder, each series.yaml must
    list exactly the texts beside it, and each text must be filed under the series,
    language and name its front matter gives.

    \b
    Examples:
      resdiff validate                  # the whole history/ folder
      resdiff validate history/intl-cooperation-hr/zh/A-HRC-RES-25-3.md
    """
    if not paths and not history_root.is_dir():
        # Run outside the repository: no history to validate is not "1 problem in 1 file".
        raise StoreError(History(history_root).missing())
    for path in paths or (history_root,):
        if path.is_dir():  # one series folder, or a history folder
            series = (path / MANIFEST).is_file() and SERIES_RE.fullmatch(path.name) is not None
            notes = History(path.parent).recover(path.name) if series else History(path).recover_all()
            for note in notes:
                click.echo(f"note: {note}", err=True)
    report = api.validate(list(paths or (history_root,)))
    problems = report.sorted_problems()
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        click.echo(
            f"{len(problems)} problem(s) in {report.files} canonical file(s) and their manifests", err=True
        )
        sys.exit(EXIT_CHANGED)
    out(f"{report.files} canonical file(s) valid")


@main.command("history")
@click.argument("series", required=False)
@lang_option(auto=False)
@click.option(
    "--timeline",
    is_flag=True,
    help="One row per clause lineage, one column per version held in the language: present, "
    "reworded, moved, split, merged, added, removed or not in the excerpt; counts at the foot.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(TIMELINE_FORMATS),
    help="With --timeline: term (a grid, the default), md (a table), html (a self-contained page), "
    "json (resdiff.timeline/1; resdiff.timeline-across/1 with --across-languages; resdiff.timelines/1 "
    "for the whole history, no SERIES).",
)
@click.option(
    "--across-languages",
    "across",
    is_flag=True,
    help="With --timeline: every language the series holds, a column per version and language; rows of "
    "two languages joined only through a version held in both, by structure (id, printed number), "
    "never by wording. Each cell still compares with the version before in its own language.",
)
@output_options("With --timeline: write the timeline to FILE (atomically).")
@history_option
@reports_errors
def history_(
    series: str | None,
    lang: str | None,
    timeline: bool,
    fmt: str | None,
    across: bool,
    output: Path | None,
    force: bool,
    history_root: Path,
) -> None:
    """List the versions of a series in order (or the series, with no argument).

    With --timeline, the series' lineages version by version; with --timeline and no SERIES,
    every series of the history (each in every language it holds, or in --lang, or across
    languages), one report.

    \b
    Examples:
      resdiff history
      resdiff history intl-cooperation-hr --lang en
      resdiff history intl-cooperation-hr --timeline --lang en
      resdiff history hr-international-solidarity --timeline --across-languages
      resdiff history --timeline --format html -o timelines.html
    """
    if fmt is not None and not timeline:
        fail("--format applies to --timeline; the list of versions is plain text")
    if across and not timeline:
        fail("--across-languages applies to --timeline")
    if output is not None and not timeline:
        fail("--output applies to --timeline; the list of versions is plain text")
    refuse_to_overwrite(output, force)
    store = open_history(history_root)
    if timeline and series is None:
        with lineage_progress("timelines of the series") as progress:
            whole = api.history_timelines(
                store, lang, cache_dir=lineage_cache(), progress=progress, across=across
            )
        from engine.render.lineage import TIMELINES_RENDERERS

        write_or_print(TIMELINES_RENDERERS[fmt or "term"](whole), output, force, f"{fmt or 'term'} timelines")
        return
    if timeline:
        assert series is not None
        with lineage_progress() as progress:
            result = api.timeline(
                store, series, lang, cache_dir=lineage_cache(), progress=progress, across=across
            )
        from engine.render.lineage import TIMELINE_RENDERERS

        write_or_print(TIMELINE_RENDERERS[fmt or "term"](result), output, force, f"{fmt or 'term'} timeline")
        return
    if series is None:
        if not store.root.is_dir():
            raise StoreError(store.missing())
        for name in store.series_names():
            s = store.series(name)
            n = len(s.versions)
            say(f"{name}\t{n} version{'' if n == 1 else 's'}\t{s.title or ''}".rstrip())
        return
    s = store.series(series)
    say(f"{s.name}: {s.title}" if s.title else s.name)
    for v in s.versions:
        if lang and lang not in v.languages:
            continue
        held = []
        for language in v.languages:
            path = store.path_for(s.name, language, v.symbol)
            if not path.is_file():
                raise StoreError(
                    f"lists {v.symbol} in {language}, but its text {path} is missing "
                    "(resdiff validate lists every such problem)",
                    path=str(store.root / s.name / MANIFEST),
                )
            res = api.load_stored(path)
            held.append(f"{language} {len(res.provisions)}{'' if res.meta.extent == 'full' else ' excerpt'}")
        texts = ", ".join(held) if held else "no text yet"
        note = f"  ({v.note})" if v.note else ""
        say(f"{v.date or '?':<10}  {v.symbol:<20}  {texts}{note}")


@main.command()
@click.argument("old")
@click.argument("new")
@lang_option(auto=True)
@revisions_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(DIFF_RENDERERS)),
    help="term (default on a terminal: colour with strike/underline, or [-deleted-]{+inserted+} "
    "without colour), text ([-deleted-]{+inserted+}), md (<del>/<ins>, for GitHub), json (resdiff.diff/1), "
    "html (a self-contained report page), docx (Word, with tracked changes). Default with -o: from the "
    "file's suffix.",
)
@output_options(
    "Write the report to FILE (atomically, never half-written) instead of standard output; "
    "the format follows the suffix (.html, .docx, .md, .json, .txt) unless --format says otherwise."
)
@click.option(
    "--author", default="resdiff", show_default=True, help="Who the tracked changes of a docx report are by."
)
@click.option(
    "--summary",
    is_flag=True,
    help="Print only the counts per kind: one line (text, term), heading and counts (md), "
    "or the resdiff.diff/1 object without its changes (json).",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0, min_open=True),
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="Least similarity of two provisions paired on content (reworded, split, merged) rather "
    "than shown as removed + added; a pair found out of order must clear it by 0.05. One "
    "exception, labelled 'contained': between the same unchanged neighbours, a provision whose "
    "words lie at least 80% (or this value, if higher) whole in its partner is paired whatever "
    "its similarity (a list of references cut). A pair made by position or wording alone below 0.5 "
    "(whatever this value) is marked uncertain: two different provisions of one text score that high.",
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour in the term format (auto: on a terminal, unless NO_COLOR is set or TERM=dumb).",
)
@click.option("--all", "show_all", is_flag=True, help="Show unchanged provisions too.")
@click.option(
    "--context",
    "-U",
    type=click.IntRange(0),
    default=0,
    show_default=True,
    help="Show N unchanged provisions on each side of every change (term, text, md).",
)
@click.option("--count-formatting", is_flag=True, help="White space and punctuation width count as changes.")
@click.option(
    "--count-footnotes/--ignore-footnotes",
    default=True,
    show_default=True,
    help="A footnote that says something else (a cited report A/HRC/24/56 -> A/HRC/27/56) is a "
    "change of its provision, shown under it; --ignore-footnotes leaves footnote texts out. "
    "Markers renumbered alone are never a change.",
)
@series_option
@diagnostics_option
@history_option
@reports_errors
def diff(
    old: str,
    new: str,
    lang: str,
    revisions: Revisions,
    fmt: str | None,
    output: Path | None,
    force: bool,
    author: str,
    summary: bool,
    threshold: float,
    color: str,
    show_all: bool,
    context: int,
    count_formatting: bool,
    count_footnotes: bool,
    series: str | None,
    verbose: bool,
    history_root: Path,
) -> None:
    """Show what changed from OLD to NEW, provision by provision.

    Each side is a raw text, a PDF or a Word .docx (--revisions applies to both), a canonical
    file, a stored symbol, or a git revision REV:path, both in one language; `-` (one side
    only) is standard input, a draft pasted or piped. A changed title
    or body line (the acting organ) is shown first, as a heading change; a changed footnote
    text under its provision. Renumbering and formatting are not changes; nor are the
    symbol, dates and session, which differ between any two versions. What the reader found
    odd in an input is printed on stderr, and listed per side in the md, html, docx and json
    reports. Exit status: 0 when nothing but renumbering or formatting changed, 1 when
    something changed, 2 on error.

    \b
    Examples:
      resdiff diff A/RES/51/102 A/RES/53/148 --lang zh
      resdiff diff last-year.txt draft.txt --format md > comment.md
      resdiff diff HEAD~1:history/intl-cooperation-hr/zh/A-HRC-RES-25-3.md A/HRC/RES/25/3 --lang zh
      resdiff diff old.txt new.txt --summary
      xclip -o | resdiff diff A/HRC/RES/25/3 - --lang zh        # against a pasted draft
      resdiff diff A/RES/53/148 A/RES/55/105 -o report.html     # or report.docx
    """
    from engine.render import RenderOptions

    tty = sys.stdout.isatty()
    fmt = api.format_for(output, fmt, terminal=tty)
    if output is None and fmt in BINARY_FORMATS and tty:
        fail(f"the {fmt} format is binary and will not be printed to a terminal; write it with -o FILE.{fmt}")
    refuse_to_overwrite(output, force)
    store = open_history(history_root)
    if STDIN in (old, new):
        if old == new:
            fail("only one side can be standard input (-)")
        # the named side first: a mistyped name fails before a paste is waited for
        other = api.load(
            new if old == STDIN else old, lang=lang, history=store, series=series, revisions=revisions
        )
        piped = read_stdin(lang, revisions)
        sides = (piped, other) if old == STDIN else (other, piped)
    else:
        sides = api.load_pair(old, new, lang=lang, history=store, series=series, revisions=revisions)
    result = api.compare(
        *sides,
        threshold=threshold,
        count_formatting=count_formatting,
        ignore_footnotes=not count_footnotes,
    )
    for side in sides:  # after the comparison: on an error, the Error line alone says why
        report_diagnostics(side, verbose=verbose)
    plain_terminal = os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb"
    to_terminal = tty and output is None
    colour = color == "always" or (color == "auto" and to_terminal and not plain_terminal)
    options = RenderOptions(
        color=colour,
        show_unchanged=show_all,
        context=context,
        summary_only=summary,
        show_formatting=count_formatting,
        author=author,
    )
    write_or_print(api.render(result, fmt, options), output, force, f"{fmt} report")
    sys.exit(EXIT_CHANGED if api.is_changed(result) else EXIT_SAME)


# --- check: a linter for drafts (engine/check) -------------------------------------------


@main.command("check")
@click.argument("drafts", nargs=-1, required=True)
@click.option(
    "--base",
    help="The agreed version (file, stored symbol or REV:path): its provisions the draft removes are "
    "listed (`removed`), and the config's agreed language checked (`protected`).",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A TOML file with a [check] table (default: resdiff.toml, else [tool.resdiff.check] "
    "in pyproject.toml).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(CHECK_FORMATS),
    default="text",
    show_default=True,
    help="text (path:line: severity: rule: message), json (resdiff.check/1), github (workflow "
    "annotations), junit (XML), sarif (2.1.0).",
)
@lang_option(auto=True)
@revisions_option
@series_option
@history_option
@reports_errors
def check(
    drafts: tuple[str, ...],
    base: str | None,
    config_path: Path | None,
    fmt: str,
    lang: str,
    revisions: Revisions,
    series: str | None,
    history_root: Path,
) -> None:
    """Check draft texts the way a linter checks code: numbering, footnotes, punctuation,
    lead words, references, brackets, what the reader repaired, and (with --base) agreed
    language kept and the base's provisions the draft drops. Bracketed (unagreed) passages
    are counted; a delegation's proposal attributed in a compilation text ([Canada: delete])
    is counted apart, as a proposal, not as bracketed text.

    Each DRAFT is a raw text, .docx, PDF, canonical file, stored symbol or REV:path. Rules
    and severities are set in a TOML [check] table (see README, "Checking drafts"). Exit
    status: 0 no error-severity finding, 1 an error finding, 2 the check could not run.

    \b
    Examples:
      resdiff check draft.txt
      resdiff check draft.docx --base A/HRC/RES/25/3 --config resdiff.toml
      resdiff check drafts/*.txt --format github      # annotations in a GitHub workflow
      resdiff check draft.txt --format sarif > check.sarif
    """
    store = open_history(history_root)
    from engine.check import CHECK_RENDERERS, default_severities, stored_dates
    from engine.check import check as run_check
    from engine.check import load_config as load_check_config

    config = load_check_config(config_path, rules=default_severities(), cwd=Path.cwd())
    dates = stored_dates(store)
    base_res = api.load(base, lang=lang, history=store, series=series, revisions=revisions) if base else None
    results = [
        run_check(
            api.load(ref, lang=lang, history=store, series=series, revisions=revisions),
            config,
            path=ref,
            base=base_res,
            dates=dates,
        )
        for ref in drafts
    ]
    emit(CHECK_RENDERERS[fmt](results))
    sys.exit(EXIT_CHANGED if any(r.failed for r in results) else EXIT_SAME)


@main.command()
@click.argument("old")
@click.argument("new")
@lang_option(auto=True)
@revisions_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(AMENDMENT_FORMATS),
    default="text",
    show_default=True,
    help="text (UN style, in the language of the texts), md (a numbered list, old words "
    "<del>, new ones <ins>), json (resdiff.amendments/1, what `resdiff apply` reads).",
)
@click.option("--proposer", help="Name the proposer of every amendment (a delegation).")
@output_options("Write the list to FILE (atomically).")
@series_option
@history_option
@reports_errors
def amend(
    old: str,
    new: str,
    lang: str,
    revisions: Revisions,
    fmt: str,
    proposer: str | None,
    output: Path | None,
    force: bool,
    series: str | None,
    history_root: Path,
) -> None:
    """Write the change from OLD to NEW as an amendment list, as negotiators do.

    OLD and NEW are any version reference `resdiff diff` takes (a raw text, PDF, .docx,
    canonical file, stored symbol or REV:path), in one language. Edits a few words apart
    become one replacement; every quoted phrase occurs once in its paragraph; a paragraph
    rewritten by more than about half is replaced whole; renumbering is never an amendment.
    Preambular paragraphs are named by ordinal ("the third preambular paragraph",
    序言部分第三段), operative ones by their printed number.

    \b
    Examples:
      resdiff amend A/RES/51/102 A/RES/53/148 --lang zh
      resdiff amend base.txt revised.txt --format json -o amendments.json
      resdiff amend A/HRC/RES/28/2 A/HRC/RES/38/3 --lang en --format md
    """
    refuse_to_overwrite(output, force)
    store = open_history(history_root)
    sides = [
        api.load(ref, lang=lang, history=store, series=series, revisions=revisions) for ref in (old, new)
    ]
    for side in sides:
        report_diagnostics(side, verbose=False)
    amendments = api.amend(*sides, proposer=proposer)
    write_or_print(api.render_amendments(amendments, fmt), output, force, f"{fmt} amendment list")
    for note in amendments.unexpressed:
        click.echo(f"warning: {escape_controls(note)}", err=True)


@main.command("apply")
@click.argument("base")
@click.argument("amendments", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="LIST")
@lang_option(auto=True)
@revisions_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(DOCUMENT_FORMATS),
    default="canonical",
    show_default=True,
    help="canonical: the text format kept in history/; text: the text as printed; json: resdiff.document/1.",
)
@output_options("Write the amended text to FILE (atomically).")
@click.option(
    "--continue",
    "keep_going",
    is_flag=True,
    help="Apply the amendments that can be, list those that cannot on stderr, exit 1 if any could not.",
)
@series_option
@history_option
@reports_errors
def apply_(
    base: str,
    amendments: Path,
    lang: str,
    revisions: Revisions,
    fmt: str,
    output: Path | None,
    force: bool,
    keep_going: bool,
    series: str | None,
    history_root: Path,
) -> None:
    """Apply an amendment list to BASE and print the amended text.

    The list is the JSON `resdiff amend --format json` writes (resdiff.amendments/1), or
    the text form, as `resdiff amend` prints it or as delegations type it, in the language
    of BASE: one amendment a line, straight or curly quotes, new paragraphs quoted on the
    lines below their instruction. BASE is any version reference `resdiff diff` takes.

    Every amendment refers to the base as it stood before any of them, so their order does
    not matter (new paragraphs put at one place land in list order). An amendment whose
    paragraph or words are not in the base, whose words occur more than once there, or that
    overlaps another stops the run with an error naming it (and its line in a typed list),
    and nothing is written. The amended text is renumbered as adopted (1, 2, 3...), except
    a negotiation draft (labels PP1, OP3 bis): it comes back a draft, every paragraph
    keeping its label, a deleted one's label left unused, a new paragraph labelled after
    the one it follows (OP3 bis, OP3 ter), as `resdiff compile` labels it.

    \b
    Examples:
      resdiff amend A/RES/51/102 A/RES/53/148 --lang zh --format json -o list.json
      resdiff apply A/RES/51/102 list.json --lang zh --format text
      resdiff apply draft.txt list.json -o amended.md
      resdiff apply draft.txt proposals.txt --format text
      resdiff apply draft.txt proposals.txt --continue -o amended.md
    """
    refuse_to_overwrite(output, force)
    store = open_history(history_root)
    res = api.load(base, lang=lang, history=store, series=series, revisions=revisions)
    report_diagnostics(res, verbose=False)
    listed = read_list(amendments, res, keep_going=keep_going)

    if not keep_going:
        amended = api.apply_amendments(res, listed)
        write_or_print(render_document(amended, fmt), output, force, f"{fmt} amended text")
        return
    amended, not_applied = api.apply_what_applies(res, listed)
    write_or_print(render_document(amended, fmt), output, force, f"{fmt} amended text")
    # A line that could not be read (a reference the base lacks) is not applied either.
    failed = sorted([*listed.unread, *not_applied], key=lambda error: error.line or 0)
    for error in failed:
        click.echo(f"not applied: {escape_controls(str(error))}", err=True)
    if failed:
        total = len(listed.amendments) + len(listed.unread)
        click.echo(f"{len(failed)} of {total} amendment(s) not applied", err=True)
        sys.exit(EXIT_CHANGED)


@main.command("rebase")
@click.argument("amendments", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="LIST")
@click.argument("old_base", metavar="OLD-BASE")
@click.argument("new_base", metavar="NEW-BASE")
@lang_option(auto=True)
@revisions_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("input", *AMENDMENT_FORMATS)),
    default="input",
    show_default=True,
    help="input: the form LIST is in (JSON in, JSON out; a typed list out as text, in its language); "
    "text, md, json as for `resdiff amend` (json adds the not_carried report).",
)
@output_options("Write the rebased list to FILE (atomically).")
@series_option
@history_option
@reports_errors
def rebase(
    amendments: Path,
    old_base: str,
    new_base: str,
    lang: str,
    revisions: Revisions,
    fmt: str,
    output: Path | None,
    force: bool,
    series: str | None,
    history_root: Path,
) -> None:
    """Re-target an amendment list written against OLD-BASE onto its revision NEW-BASE.

    References follow the alignment of the two bases (renumbering, moves, splits, merges:
    "operative paragraph 5" becomes "operative paragraph 6" when a paragraph was inserted
    above it); quoted words are found again in the revised wording, widened over unchanged
    words when the revision made them ambiguous. An amendment that cannot be carried over
    is never dropped in silence: it is listed on stderr (and in JSON output, the
    not_carried field) with its reason: already-made (the revision made it), words-removed,
    words-changed (the revision changed its words or the paragraph it rewrites),
    target-deleted, ambiguous, overlaps (it collides with another in the revised text).
    Words the revision moved to a paragraph it added (a split the alignment did not
    recognise) are looked for there: found once, the amendment is carried there with a
    note on stderr (in JSON, the relocated field); found more than once, it is ambiguous.

    Exit status: 0 every amendment carried over, 1 some not carried over (the rebased list
    is still written), 2 bad input (a list that does not apply to OLD-BASE, an unreadable
    file); nothing is written then.

    \b
    Examples:
      resdiff rebase proposals.txt draft.txt draft-rev1.txt
      resdiff rebase list.json A/C.3/78/L.41 rev1.md -o list-rev1.json
      resdiff rebase proposals.txt zero.docx rev1.docx --format json
    """
    refuse_to_overwrite(output, force)
    store = open_history(history_root)
    old, new = (
        api.load(ref, lang=lang, history=store, series=series, revisions=revisions)
        for ref in (old_base, new_base)
    )
    for side in (old, new):
        report_diagnostics(side, verbose=False)
    listed = read_list(amendments, old)
    rebased = api.rebase_amendments(listed, old, new)
    form = api.amendment_form(amendments) if fmt == "input" else fmt
    write_or_print(api.render_rebased(rebased, form), output, force, f"{form} rebased list")
    for note in rebased.relocated:
        click.echo(escape_controls(note.describe(listed.source)), err=True)
    for item in rebased.not_carried:
        click.echo(escape_controls(item.describe(listed.source)), err=True)
    if rebased.not_carried:
        total = len(listed.amendments)
        click.echo(f"{len(rebased.not_carried)} of {total} amendment(s) not carried over", err=True)
        sys.exit(EXIT_CHANGED)


@main.command("compile")
@click.argument("base")
@click.argument(
    "lists",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar="LIST...",
)
@click.option(
    "--as",
    "names",
    multiple=True,
    metavar="NAME",
    help="The proposer of a LIST (a delegation), in the order the lists are given: the first --as "
    "names the first LIST, and so on. Without it, a list's first line 'Proposed by: NAME' "
    '(提案方：NAME), its JSON "proposer", or each amendment\'s own proposer.',
)
@lang_option(auto=True)
@revisions_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(COMPILATION_FORMATS),
    default=None,
    help="text (default; the -o file's suffix otherwise), md, html (one self-contained page), docx "
    "(each proposal a tracked change whose author is its proposer), json (resdiff.compilation/1).",
)
@output_options("Write the compilation to FILE (atomically).")
@click.option(
    "--continue",
    "keep_going",
    is_flag=True,
    help="Compile the amendments that apply to BASE, list those that do not on stderr, exit 1 if any.",
)
@series_option
@history_option
@reports_errors
def compile_(
    base: str,
    lists: tuple[Path, ...],
    names: tuple[str, ...],
    lang: str,
    revisions: Revisions,
    fmt: str | None,
    output: Path | None,
    force: bool,
    keep_going: bool,
    series: str | None,
    history_root: Path,
) -> None:
    """The facilitator's compilation text: BASE with every delegation's proposals.

    Each LIST is an amendment list as `resdiff apply` reads it (JSON, or typed in the
    language of BASE). Every proposal is shown where it touches the base, in square brackets
    with its proposers (on the title and the body line, after their words); a new paragraph
    gets a label that shifts no other (OP5 bis, OP5 ter, PP2 bis; OP0 bis before the first;
    OP5 (0) bis before OP5's (a)). Proposals touching the same words, or rewriting the
    same paragraph, are grouped and marked conflicting; the same proposal from several
    delegations is shown once with all their names. In Word (-o compilation.docx) each
    proposal is a tracked change whose author is its proposer(s); conflicting ones are
    comments. With one list, "Accept all" gives `resdiff apply BASE LIST`, "Reject all" BASE.
    Proposals of different lists that conflict with nothing but, accepted together, give
    no valid structure (a paragraph moved where another list inserts one of the other
    part) are named in a warning at the top, in every format.

    An amendment that cannot be applied to BASE (missing paragraph or words, words that occur
    twice, an overlap within its own list) stops the run with an error naming its file and
    line, and nothing is written; --continue leaves it out and lists it.

    \b
    Examples:
      resdiff compile draft.txt canada.txt norway.json
      resdiff compile A/C.3/78/L.41 a.txt b.txt --as Canada --as Norway -o compilation.docx
      resdiff compile A/HRC/RES/25/3 --lang zh 中国.txt 俄罗斯.txt --format md
    """
    if len(names) > len(lists):
        fail(f"{len(names)} --as names for {len(lists)} list(s): one --as names one LIST, in order")
    fmt = fmt or (api.format_for(output, None, terminal=False) if output is not None else "text")
    if fmt not in COMPILATION_FORMATS:
        fail(f"the compilation has no {fmt} format; give --format ({', '.join(COMPILATION_FORMATS)})")
    if output is None and fmt in BINARY_FORMATS and sys.stdout.isatty():
        fail(f"the {fmt} format is binary and will not be printed to a terminal; write it with -o FILE.{fmt}")
    refuse_to_overwrite(output, force)
    store = open_history(history_root)
    res = api.load(base, lang=lang, history=store, series=series, revisions=revisions)
    report_diagnostics(res, verbose=False)
    listed = [read_list(path, res, keep_going=keep_going) for path in lists]
    compilation = api.compile_lists(res, listed, list(names), keep_going=keep_going)
    report = api.render_compilation(compilation, fmt)
    write_or_print(report, output, force, f"{fmt} compilation")
    for error in compilation.failed:
        click.echo(f"not compiled: {escape_controls(str(error))}", err=True)
    if compilation.failed:
        click.echo(f"{len(compilation.failed)} amendment(s) not compiled", err=True)
        sys.exit(EXIT_CHANGED)


@contextlib.contextmanager
def lineage_progress(
    what: str = "aligning successive versions", delay: float = 0.5
) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr while successive versions are aligned: only when both the
    output and stderr are a terminal (`resdiff blame X | less` leaves stderr on the
    terminal, and a bar drawn there would scribble over the pager), and only once the work
    has taken more than `delay` seconds (a cached run never shows one); gone when the work
    is done (rich, transient)."""
    start = time.monotonic()
    shown: list[Any] = []

    def update(done: int, total: int) -> None:
        if not shown:
            on_a_terminal = sys.stderr.isatty() and sys.stdout.isatty()
            if not on_a_terminal or done >= total or time.monotonic() - start < delay:
                return
            from rich.console import Console
            from rich.progress import Progress

            bar = Progress(console=Console(stderr=True), transient=True)
            bar.start()
            shown.append((bar, bar.add_task(what, total=total)))
        bar, task = shown[0]
        bar.update(task, completed=done)

    try:
        yield update
    finally:
        if shown:
            shown[0][0].stop()


def lineage_cache() -> Path | None:
    """Where successive-pair alignments are cached: $RESDIFF_CACHE, else $XDG_CACHE_HOME/resdiff,
    else ~/.cache/resdiff; RESDIFF_CACHE=off computes everything afresh."""
    if os.environ.get("RESDIFF_CACHE") == "off":
        return None
    from engine.lineage.cache import default_cache_dir

    return default_cache_dir(os.environ)


@main.command()
@click.argument("ref")
@lang_option(auto=False)
@series_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(BLAME_FORMATS),
    default="term",
    show_default=True,
    help="term (a table), md (a table for GitHub), json (resdiff.blame/1).",
)
@history_option
@reports_errors
def blame(ref: str, lang: str | None, series: str | None, fmt: str, history_root: Path) -> None:
    """For each provision of a stored version: where its lineage starts, the versions that
    changed its wording, and how much of its text is unchanged since then.

    Lineages are built over the versions of the series held in the version's language (the
    alignments of successive pairs are cached: $RESDIFF_CACHE, else ~/.cache/resdiff). An
    origin or a change marked <=X is X at the latest: a version before it, an excerpt that
    stopped short or one not held in the language, may hold the clause or its change.

    \b
    Examples:
      resdiff blame A/HRC/RES/25/3 --lang zh
      resdiff blame A/HRC/RES/38/3 --lang en --format json
    """
    store = open_history(history_root)
    with lineage_progress() as progress:
        report = api.blame(store, ref, lang, series, cache_dir=lineage_cache(), progress=progress)
    from engine.render.lineage import BLAME_RENDERERS

    emit(BLAME_RENDERERS[fmt](report))


@main.command("lineage")
@click.argument("ref")
@lang_option(auto=False)
@series_option
@history_option
@reports_errors
def lineage_(ref: str, lang: str | None, series: str | None, history_root: Path) -> None:
    """Print one provision's lineage version by version: its status, ids and the word diff
    ([-deleted-]{+inserted+}) of each step, across the versions of its series held in its
    language. Name the provision by id (SYMBOL#op11, #pp3, #op16.a), by the printed number
    of an operative paragraph (SYMBOL#11), or as an amendment names it (#PP2, #OP3 bis,
    '#operative paragraph 30 (b)').

    \b
    Examples:
      resdiff lineage 'A/HRC/RES/38/3#pp1' --lang en
      resdiff lineage 'A/RES/55/105#3' --lang zh
    """
    store = open_history(history_root)
    with lineage_progress() as progress:
        trail = api.provision_lineage(store, ref, lang, series, cache_dir=lineage_cache(), progress=progress)
    from engine.render.lineage import trail_text

    emit(trail_text(trail))


# --- git: log, the external diff driver, textconv and setup (engine/git, docs/git.md) -----

LOG_FORMATS = ("term", "md", "json")


@main.command("log")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--rev", default="HEAD", show_default=True, help="The commit whose history is listed.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(LOG_FORMATS),
    default="term",
    show_default=True,
    help="term (a block per version), md (a table for GitHub), json (resdiff.log/1).",
)
@click.option(
    "--follow/--no-follow",
    default=True,
    show_default=True,
    help="Go on past a rename (git's rename detection), as `git log --follow` does.",
)
@lang_option(auto=True)
@revisions_option
@reports_errors
def log_(path: Path, rev: str, fmt: str, follow: bool, lang: str, revisions: Revisions) -> None:
    """The versions of a file across git commits, oldest first: commit, date, author,
    message, and what changed at each step (the counts `resdiff diff --summary` gives).

    PATH is a file of the work tree (or one that was deleted), relative to the current
    folder; the repository is the one around the current folder.

    \b
    Examples:
      resdiff log history/intl-cooperation-hr/zh/A-HRC-RES-25-3.md
      resdiff log drafts/draft.docx --format md
      resdiff log drafts/draft.txt --format json --rev origin/main
    """
    from engine.git import file_log
    from engine.render.log import LOG_RENDERERS

    found = file_log(path, cwd=Path.cwd(), rev=rev, lang=lang, revisions=revisions, follow=follow)
    emit(LOG_RENDERERS[fmt](found))


@main.command("git-diff")
@click.argument("args", nargs=-1, metavar="PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE")
@click.option(
    "--color",
    type=click.Choice(["git", "always", "never"]),
    default="git",
    show_default=True,
    help="git: colour when git would colour its own diff (color.diff, color.ui, a pager git started).",
)
@lang_option(auto=True)
@reports_errors
def git_diff(args: tuple[str, ...], color: str, lang: str) -> None:
    """git's external diff driver (set up by `resdiff git-setup`): prints resdiff's
    provision-level diff of one path, from git's seven GIT_EXTERNAL_DIFF arguments (nine
    for a rename). A side that is not a resolution is reported on stderr and shown as a
    plain line diff, so that one odd file never stops `git diff`. Exit 0 whatever changed
    (git stops at a driver that fails).

    \b
    Examples:  (git runs it, once resdiff git-setup has set it up)
      git diff                      # paths .gitattributes gives diff=resdiff
      git log -p --ext-diff -- history/
      git show --ext-diff HEAD
      git -c color.diff=always diff | less -R
    """
    from engine.diff import compare
    from engine.git.driver import driver_sides, empty_like, git_wants_colour, plain_diff
    from engine.render import RenderOptions

    sides = driver_sides(args, lang=lang)
    tty = sys.stdout.isatty()
    plain = bool(os.environ.get("NO_COLOR")) and color == "git"
    colour = color == "always" or (color == "git" and not plain and git_wants_colour(stdout_is_tty=tty))
    bold, reset = ("\x1b[1m", "\x1b[0m") if colour else ("", "")
    if sides.unmerged:
        out(f"* Unmerged path {sides.path}")
        return
    head = [f"{bold}diff --resdiff a/{sides.path} b/{sides.new_path}{reset}"]
    if sides.added:
        head.append(f"{bold}new file mode {sides.new_mode}{reset}")
    elif sides.deleted:
        head.append(f"{bold}deleted file mode {sides.old_mode}{reset}")
    elif sides.old_mode != sides.new_mode:
        head += [f"{bold}old mode {sides.old_mode}{reset}", f"{bold}new mode {sides.new_mode}{reset}"]
    head += [f"{bold}{line}{reset}" for line in sides.header if not line.startswith("index ")]
    out("\n".join(head))
    if sides.error is not None:
        click.echo(f"resdiff git-diff: {escape_controls(sides.error)}; shown as a line diff", err=True)
        emit(plain_diff(sides))
        return
    old, new = sides.old, sides.new
    if old is None and new is None:  # pragma: no cover - driver_sides reads at least one side
        return
    old = old if old is not None else empty_like(new)  # type: ignore[arg-type]
    new = new if new is not None else empty_like(old)
    if old.meta.language != new.meta.language:
        click.echo(
            f"resdiff git-diff: {sides.path}: the versions are in {old.meta.language} and "
            f"{new.meta.language}; shown as a line diff",
            err=True,
        )
        emit(plain_diff(sides))
        return
    result = compare(old, new)
    emit(api.render(result, "term", RenderOptions(color=colour)))  # type: ignore[arg-type]


@main.command("textconv")
@click.argument("file", type=click.Path(path_type=Path))
@lang_option(auto=True)
@revisions_option
@reports_errors
def textconv(file: Path, lang: str, revisions: Revisions) -> None:
    """Print a resolution file (.docx, PDF, raw text or canonical) as its canonical text:
    git's textconv for Word and PDF files, so that `git log -p`, `git blame` and
    `git diff --no-ext-diff` can show them at all. A file that cannot be read as a
    resolution prints one `[resdiff textconv: ...]` line (and says why on stderr): git
    stops at a textconv that fails. The front matter has no `source` (git names its
    temporary file there, which would differ on every diff) unless the file gives one.

    \b
    Examples:
      resdiff textconv draft.docx
      git log -p -- drafts/draft.docx          # after resdiff git-setup
    """
    try:
        res = api.read_file(file, lang=lang, revisions=revisions)
    except ResdiffError as exc:
        click.echo(f"resdiff textconv: {escape_controls(str(exc))}", err=True)
        out(f"[resdiff textconv: {escape_controls(str(exc))}]")
        return
    if res.meta.source == str(file):  # git's temporary file name: a change on every line diff
        res = res.with_meta(source=None)
    from engine.render.document import DOCUMENT_RENDERERS

    emit(DOCUMENT_RENDERERS["canonical"](res))


def running_resdiff() -> str:
    """The absolute path of the resdiff being run (git runs the driver from hooks, GUIs and
    editors whose PATH may not hold this virtualenv), else the one on PATH, else `resdiff`."""
    import shutil

    argv0 = Path(sys.argv[0])
    if argv0.name == "resdiff" and argv0.is_file():
        return os.path.abspath(argv0)
    found = shutil.which("resdiff")
    return os.path.abspath(found) if found else "resdiff"


@main.command("git-setup")
@click.option("--dry-run", is_flag=True, help="Print what would be written; write nothing.")
@click.option("--yes", "-y", is_flag=True, help="Change what exists without asking.")
@click.option(
    "--command",
    "command",
    help="The resdiff git should run (default: the absolute path of this one, "
    "quoted for the shell). `--command resdiff` looks it up on PATH.",
)
@click.option(
    "--pattern",
    "patterns",
    multiple=True,
    metavar="GLOB",
    help="Also diff these paths with resdiff (raw texts: --pattern 'drafts/*.txt'); repeatable.",
)
@reports_errors
def git_setup(dry_run: bool, yes: bool, command: str | None, patterns: tuple[str, ...]) -> None:
    """Plug resdiff into git: `git diff`, `git log -p --ext-diff` and `git show --ext-diff`
    then print resdiff's provision-level diff of resolution texts.

    Appends `history/**/*.md diff=resdiff`, `*.docx diff=resdiff-docx`,
    `*.pdf diff=resdiff-pdf` (and each --pattern) to .gitattributes at the top of the work
    tree, and sets diff.<driver>.command (and textconv for Word and PDF) in the
    repository's .git/config. Asks before changing anything that exists (--yes: don't).

    \b
    Examples:
      resdiff git-setup --dry-run
      resdiff git-setup --pattern 'drafts/*.txt'
      resdiff git-setup --yes --command resdiff
    """
    from engine.git.setup import apply_setup, plan_setup, shell_command

    plan = plan_setup(Path.cwd(), command=command or shell_command(running_resdiff()), patterns=patterns)
    if plan.nothing_to_do:
        say(f"git is set up for resdiff already in {plan.top}")
        return
    for line in plan.describe():
        say(line)
    if dry_run:
        say("(dry run: nothing written)")
        return
    if plan.needs_confirmation and not yes:
        click.confirm("Change what exists as above?", abort=True, err=True)
    apply_setup(plan)
    say("done: git diff now shows resdiff's diff (git log -p and git show with --ext-diff)")
