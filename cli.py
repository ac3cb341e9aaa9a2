"""resdiff command line.

Thin by design: parse options, call the engine, render, map errors to exit codes. The
engine raises `ResdiffError` subclasses; here they become one `Error: …` line on stderr
and exit status 2 (diff(1)'s convention: 0 same, 1 different, 2 trouble).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from engine.controls import CONTROL, escape_controls
from engine.diff import DEFAULT_THRESHOLD, compare, summary_line
from engine.errors import ResdiffError
from engine.model import LANGUAGES, Resolution
from engine.render import DIFF_RENDERERS, RenderOptions
from engine.render.document import DOCUMENT_RENDERERS
from engine.store import canonical, refs
from engine.store.history import History

F = TypeVar("F", bound=Callable[..., Any])
EXIT_SAME, EXIT_CHANGED, EXIT_TROUBLE = 0, 1, 2


def fail(message: str) -> None:
    """One line, whatever the message quotes: control characters are written escaped."""
    click.echo(f"Error: {escape_controls(message)}", err=True)
    sys.exit(EXIT_TROUBLE)


def reports_errors(func: F) -> F:
    """Turn engine and file-system errors into one `Error:` line and exit status 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
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
        + (" (auto: detect it)." if auto else " (needed when a symbol is stored in several)."),
    )


def document_format_option(func: F) -> F:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(sorted(DOCUMENT_RENDERERS)),
        default="canonical",
        show_default=True,
        help="canonical: the text format kept in history/; json: resdiff.document/1.",
    )(func)


def metadata_options(func: F) -> F:
    """Options that set what the text itself does not say (or says wrongly)."""
    for option in reversed(
        [
            click.option(
                "--symbol", help="Document symbol, e.g. A/HRC/RES/23/3 (overrides the inferred one)."
            ),
            click.option("--series", help="Series the version belongs to, e.g. intl-cooperation-hr."),
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


def read_source(path: Path, lang: str, **overrides: str | None) -> Resolution:
    """A raw text, or a canonical file (one rule tells them apart, as for `diff`)."""
    res = refs.read_file(path, lang=lang)
    changes = {key: value for key, value in overrides.items() if value}
    return res.with_meta(**changes) if changes else res


def emit(text: str) -> None:
    click.echo(text, nl=False)


def say(line: str) -> None:
    """A line built from stored data: control characters are written escaped, never raw."""
    click.echo(CONTROL.sub(lambda m: escape_controls(m[0]), line))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@lang_option(auto=True)
@document_format_option
@metadata_options
@reports_errors
def parse(file: Path, lang: str, fmt: str, **overrides: str | None) -> None:
    """Read a raw text (PDF-extracted or typed) and print its model; writes nothing.

    A file whose first line is `---` is a canonical file (as for every command): it is
    read as one, and printed in the format asked for.

    \b
    Examples:
      resdiff parse seeds/000_d13d258366e277a0.txt
      resdiff parse draft.txt --lang en --format json
    """
    emit(DOCUMENT_RENDERERS[fmt](read_source(file, lang, **overrides)))


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@lang_option(auto=True)
@metadata_options
@click.option(
    "--date", help="Date that orders the version in its series (ISO date or year) when not adopted."
)
@click.option("--force", is_flag=True, help="Replace a stored version of the same symbol and language.")
@history_option
@reports_errors
def import_(
    file: Path, lang: str, date: str | None, force: bool, history_root: Path, **overrides: str | None
) -> None:
    """Read a raw text and store it as a canonical file in the history.

    Refuses to replace an existing version without --force; writes atomically.

    \b
    Examples:
      resdiff import A-HRC-RES-23-3.txt --series intl-cooperation-hr
      resdiff import draft.txt --series intl-cooperation-hr --symbol A/HRC/26/L.5 --date 2014-06-20
    """
    res = read_source(file, lang, **overrides)
    path = History(history_root).add(res, date=date, force=force)
    say(f"stored {res.meta.symbol} ({res.meta.language}, {len(res.provisions)} provisions) in {path}")


@main.command()
@click.argument("ref")
@lang_option(auto=False)
@document_format_option
@history_option
@reports_errors
def show(ref: str, lang: str | None, fmt: str, history_root: Path) -> None:
    """Print a stored version, named by symbol or by the path of its canonical file.

    \b
    Examples:
      resdiff show A/HRC/RES/25/3 --lang zh
      resdiff show history/intl-cooperation-hr/en/A-RES-51-100.md --format json
    """
    path = Path(ref) if Path(ref).is_file() else History(history_root).find(ref, lang)
    res = canonical.load_path(path)
    emit(DOCUMENT_RENDERERS[fmt](res))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@history_option
@reports_errors
def validate(paths: tuple[Path, ...], history_root: Path) -> None:
    """Check canonical files (folders are searched for *.md); exit 2 on the first bad one.

    A file is valid when it reads without error and is in canonical form, i.e. writing
    it back gives the same bytes.

    \b
    Examples:
      resdiff validate                  # the whole history/ folder
      resdiff validate history/intl-cooperation-hr/zh/A-HRC-RES-25-3.md
    """
    files: list[Path] = []
    for path in paths or (history_root,):
        files.extend(sorted(path.rglob("*.md")) if path.is_dir() else [path])
    for path in files:
        text = canonical.read_file(path)
        res = canonical.loads(text, str(path))
        written = canonical.dumps(res)
        if written != text:
            line = next(
                (
                    i
                    for i, (a, b) in enumerate(zip(text.split("\n"), written.split("\n"), strict=False), 1)
                    if a != b
                ),
                min(text.count("\n"), written.count("\n")) + 1,
            )
            fail(f"{path}:{line}: not in canonical form (resdiff show {path} > fixed.md writes it)")
    click.echo(f"{len(files)} canonical file(s) valid")


@main.command("history")
@click.argument("series", required=False)
@lang_option(auto=False)
@history_option
@reports_errors
def history_(series: str | None, lang: str | None, history_root: Path) -> None:
    """List the versions of a series in order (or the series, with no argument).

    \b
    Examples:
      resdiff history
      resdiff history intl-cooperation-hr --lang en
    """
    store = History(history_root)
    if series is None:
        for name in store.series_names():
            s = store.series(name)
            say(f"{name}\t{len(s.versions)} versions\t{s.title or ''}".rstrip())
        return
    s = store.series(series)
    say(f"{s.name}: {s.title}" if s.title else s.name)
    for v in s.versions:
        if lang and lang not in v.languages:
            continue
        held = []
        for language in v.languages:
            res = canonical.load_path(store.path_for(s.name, language, v.symbol))
            held.append(f"{language} {len(res.provisions)}{'' if res.meta.extent == 'full' else ' excerpt'}")
        texts = ", ".join(held) if held else "no text yet"
        note = f"  ({v.note})" if v.note else ""
        say(f"{v.date or '?':<10}  {v.symbol:<20}  {texts}{note}")


@main.command()
@click.argument("old")
@click.argument("new")
@lang_option(auto=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(DIFF_RENDERERS)),
    help="term (default on a terminal), text ([-deleted-]{+inserted+}), md, json (resdiff.diff/1).",
)
@click.option("--summary", is_flag=True, help="Print only the summary line: counts per kind.")
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0, min_open=True),
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="Least similarity for a provision matched on content alone to count as reworded "
    "rather than removed + added.",
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour in the term format.",
)
@click.option("--all", "show_all", is_flag=True, help="Show unchanged provisions too.")
@click.option("--count-formatting", is_flag=True, help="White space and punctuation width count as changes.")
@click.option("--count-footnotes", is_flag=True, help="Changed footnote texts count as changes.")
@history_option
@reports_errors
def diff(
    old: str,
    new: str,
    lang: str,
    fmt: str | None,
    summary: bool,
    threshold: float,
    color: str,
    show_all: bool,
    count_formatting: bool,
    count_footnotes: bool,
    history_root: Path,
) -> None:
    """Show what changed from OLD to NEW, provision by provision.

    Each side is a raw text, a canonical file, a stored symbol, or a git revision
    REV:path. Renumbering and formatting are not changes. Exit status: 0 when nothing but
    renumbering or formatting changed, 1 when something changed, 2 on error.

    \b
    Examples:
      resdiff diff A/RES/51/102 A/RES/53/148 --lang zh
      resdiff diff last-year.txt draft.txt --format md > comment.md
      resdiff diff HEAD~1:history/intl-cooperation-hr/zh/A-HRC-RES-25-3.md A/HRC/RES/25/3 --lang zh
      resdiff diff old.txt new.txt --summary
    """
    store = History(history_root)
    result = compare(
        refs.load(old, lang=lang, history=store),
        refs.load(new, lang=lang, history=store),
        threshold=threshold,
        count_formatting=count_formatting,
        count_footnotes=count_footnotes,
    )
    tty = sys.stdout.isatty()
    if summary:
        click.echo(summary_line(result))
    else:
        options = RenderOptions(color=color == "always" or (color == "auto" and tty), show_unchanged=show_all)
        emit(DIFF_RENDERERS[fmt or ("term" if tty else "text")](result, options))
    changed = any(c.kind != "unchanged" or c.moved for c in result.changes)
    sys.exit(EXIT_CHANGED if changed else EXIT_SAME)
