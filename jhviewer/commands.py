"""The `jhviewer` command line: the click group and its subcommands.

`jhviewer.cli.main` is the entry point; it comes here for everything but a plain launch of
the window, so opening the viewer never imports click. Heavy modules (Qt, sqlite-utils,
pyqtgraph) are imported inside the commands that use them, so `jhviewer search` never
loads Qt.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from jhviewer import __version__
from jhviewer.console import echo, message_language, name_default_briefing, say
from jhviewer.data.atomic import shown_path
from jhviewer.data.errors import localized, one_line
from jhviewer.data.textsafe import tolerant_streams
from jhviewer.paths import BRIEFINGS_DIR, DEFAULT_DB
from jhviewer.progress_commands import PROGRESS_PDF_OPTIONS, progress, write_progress_pdf

if TYPE_CHECKING:
    from jhviewer.data.records import Lang
    from jhviewer.data.store import Store

DB_OPTION = click.option(
    "--db",
    "db_path",
    type=click.Path(path_type=Path, dir_okay=True),
    default=None,
    help="Database to read (default: the data.db shipped with jhviewer).",
)
LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default=None,
    help="Language: zh (Chinese) or en (English).",
)
BRIEFING_OPTION = click.option(
    "--briefing",
    "briefing_id",
    default=None,
    metavar="ID",
    help="Briefing to use (default: the only one, else the newest year; ties by id).",
)

FORCE_OPTION = click.option(
    "--force",
    is_flag=True,
    help="Replace OUT even if it is read-only (a device or the open database never is).",
)


@click.group(invoke_without_command=True)
@DB_OPTION
@LANG_OPTION
@BRIEFING_OPTION
@click.version_option(__version__, prog_name="jhviewer")
@click.pass_context
def cli(
    ctx: click.Context, db_path: Path | None, lang: str | None, briefing_id: str | None
) -> None:
    """jhviewer: district briefings (facts, figures and targets), offline.

    Run without a command to open the viewer window.
    """
    if ctx.invoked_subcommand is None:
        from jhviewer.ui.app import run_app

        sys.exit(run_app(db_path, lang, briefing_id))


@cli.command("build-db")
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=DEFAULT_DB,
    show_default=True,
    help="Where to write the database.",
)
@click.option(
    "--source-dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=BRIEFINGS_DIR,
    show_default=True,
    help="Folder of curated briefing files (*.toml).",
)
def build_db(out: Path, source_dir: Path) -> None:
    """Build the database from the curated briefing files.

    Every file is checked against the authoring format first (FORMAT.md); each problem is
    one line on stderr with the file, the line and the key path, and nothing is written.
    """
    from jhviewer.data.build import build_database
    from jhviewer.paths import IN_CHECKOUT

    if not IN_CHECKOUT and out.resolve() == DEFAULT_DB.resolve():
        raise click.UsageError(
            f"{out} is the database installed with jhviewer; write the new one elsewhere "
            "with --out PATH.", ctx=click.get_current_context(),
        )
    with _format_problems_reported():
        count = build_database(source_dir, out)
    say("wrote {path} ({count} facts)", path=shown_path(out), count=count)


@cli.command()
@DB_OPTION
@click.option(
    "--sources",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder of source texts: each briefing's evidence must appear verbatim in its own "
    "source_file found there.",
)
@click.option(
    "--briefings",
    "briefings_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Also check the briefing files (*.toml) of this folder against the authoring format.",
)
def check(db_path: Path | None, sources: Path | None, briefings_dir: Path | None) -> None:
    """Validate a database; print one line per problem and fail on any."""
    from jhviewer.data.validate import check_database

    if briefings_dir is not None:
        from jhviewer.data.source import briefing_files, load_briefings

        with _format_problems_reported():
            load_briefings(briefing_files(briefings_dir))
    warnings: list[str] = []
    problems = check_database(db_path, sources, warnings)
    for problem in problems:
        echo(problem)
    for warning in warnings:
        echo(f"warning: {warning}")
    if problems:
        raise SystemExit(1)
    say("ok")  # scripts (.ci/run, ./dev db) read the exit status, not this word


@cli.command()
@click.argument("query")
@DB_OPTION
@LANG_OPTION
@BRIEFING_OPTION
@click.option("--limit", default=50, show_default=True, help="At most this many matches.")
def search(
    query: str, db_path: Path | None, lang: str | None, briefing_id: str | None, limit: int
) -> None:
    """Search one briefing's facts (Chinese or English); print one match per line."""
    from jhviewer.data.format import display_value, year_text

    language: Lang = "en" if lang == "en" else "zh"
    with _open_briefing(db_path, briefing_id) as store:
        briefing = store.briefing()
        hits = store.search(query, limit=limit, briefing_id=briefing.id if briefing else None)
        for hit in hits:
            fact = hit.fact
            fields = (fact.key, year_text(fact.year, language), fact.label(language),
                      display_value(fact, language), fact.evidence)
            # A tab inside a field would shift the columns: shown as \t like other controls.
            echo("\t".join(field.replace("\t", "\\t") for field in fields))
        _note_unreadable_rows(store)
    if not hits:
        say("no facts match {query!r}", True, query=query)


@cli.command()
@click.argument("what", metavar="csv|json|charts", type=click.Choice(["csv", "json", "charts"]))
@click.argument("out", type=click.Path(path_type=Path))
@DB_OPTION
@BRIEFING_OPTION
@click.option(
    "--format", "chart_format", type=click.Choice(["png", "svg", "csv"]), default="png",
    show_default=True, help="With `charts`: the file format of each chart.",
)
@LANG_OPTION
@FORCE_OPTION
def export(
    what: str, out: Path, db_path: Path | None, briefing_id: str | None, chart_format: str,
    lang: str | None, force: bool,
) -> None:
    """Export a briefing's facts (csv, json) to OUT, or its charts (charts) into folder OUT.

    `export charts OUTDIR` writes OUTDIR/<chart id>.<format> for every chart the briefing
    declares and prints one line per file.
    """
    with _open_briefing(db_path, briefing_id) as store:  # open: no writer may replace it
        if what == "charts":
            _export_charts(store, out, chart_format, "en" if lang == "en" else "zh", force)
        else:
            from jhviewer.data.export import export_facts

            briefing = store.briefing()
            count = export_facts(store, what, out, briefing.id if briefing else None,
                                 force=force)
            say("wrote {path} ({count} facts)", path=shown_path(out), count=count)
        _note_unreadable_rows(store)


def _export_charts(store: Store, folder: Path, fmt: str, lang: Lang, force: bool) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from jhviewer.report import ensure_gui_application

    ensure_gui_application()
    from jhviewer.fonts import load_bundled_fonts
    from jhviewer.ui import charts

    load_bundled_fonts()
    folder.mkdir(parents=True, exist_ok=True)
    for spec in store.charts():
        path = folder / f"{spec.key}.{fmt}"
        with store.snapshot():  # one consistent view of the file per chart
            data = charts.chart_data(store, spec, lang)
        charts.export_chart(data, path, fmt, force=force)
        say("wrote {path}", path=shown_path(path))


@cli.command()
@click.argument("out", type=click.Path(path_type=Path))
@DB_OPTION
@LANG_OPTION
@BRIEFING_OPTION
@click.option(
    "--summary-only", is_flag=True, help="Only the one-page summary, not the full briefing."
)
@click.option(
    "--allow-large", is_flag=True,
    help="Print the full briefing even when it holds more than 5,000 facts or 1,000 sections.",
)
@PROGRESS_PDF_OPTIONS
@FORCE_OPTION
def pdf(
    out: Path, db_path: Path | None, lang: str | None, briefing_id: str | None,
    summary_only: bool, allow_large: bool, progress: bool, progress_db: str | None,
    force: bool,
) -> None:
    """Write the printable briefing (A4) as a PDF; needs no display.

    With --progress, write the progress report instead (status of every target)."""
    from jhviewer.report import BriefingPrinter

    language: Lang = "en" if lang == "en" else "zh"
    if progress:
        write_progress_pdf(out, db_path, progress_db, briefing_id, pdf_lang=language,
                           lang=lang)
        return
    with _open_briefing(db_path, briefing_id) as store:  # open: no writer may replace it
        figures = None
        if not summary_only:  # the summary never loads the chart code (nor pyqtgraph)
            from jhviewer.report import ensure_gui_application

            ensure_gui_application()
            from jhviewer.ui.charts import FIGURE_PAINTER

            figures = FIGURE_PAINTER
        printer = BriefingPrinter(store, language, figures=figures, allow_large=allow_large)
        reason = None if allow_large else printer.too_large(summary_only)
        if reason is not None:
            from jhviewer.data.errors import ExportError

            raise ExportError(f"{reason} Use --summary-only, or --allow-large to print it all.")
        pages = printer.to_pdf(out, summary_only=summary_only, force=force)
        _note_unreadable_rows(store)
    say("wrote {path} ({count} page)" if pages == 1 else "wrote {path} ({count} pages)",
        path=shown_path(out), count=pages)


@cli.command()
@click.argument("outdir", type=click.Path(path_type=Path, file_okay=False))
@LANG_OPTION
@click.option(
    "--size",
    default="1400x900",
    show_default=True,
    help="Window size in pixels, WIDTHxHEIGHT.",
)
@click.option(
    "--presentation", is_flag=True,
    help="Render each step of presentation mode to OUTDIR/step-NN.png instead.",
)
@DB_OPTION
@BRIEFING_OPTION
def snapshot(
    outdir: Path, lang: str | None, size: str, presentation: bool, db_path: Path | None,
    briefing_id: str | None,
) -> None:
    """Render each tab offscreen to OUTDIR/<tab>.png (overview, facts, targets, charts),
    or with --presentation each step of presentation mode at a projector's size."""
    width, _, height = size.lower().partition("x")
    if not (width.isdigit() and height.isdigit() and 200 <= int(width) <= 8000
            and 200 <= int(height) <= 8000):
        raise click.BadParameter("expected WIDTHxHEIGHT, e.g. 1400x900", param_hint="--size")
    with _open_briefing(db_path, briefing_id):  # names the default among several briefings
        pass
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from jhviewer.ui.snapshot import take_presentation_snapshots, take_snapshots

    take = take_presentation_snapshots if presentation else take_snapshots
    paths = take(outdir, "en" if lang == "en" else "zh", (int(width), int(height)),
                 db_path, briefing_id)
    for path in paths:
        say("wrote {path}", path=shown_path(path))


cli.add_command(progress)


@cli.command("install-desktop")
@click.option("--uninstall", is_flag=True, help="Remove the menu entry and icons instead.")
def install_desktop(uninstall: bool) -> None:
    """Add jhviewer to the desktop's menu for the current user (freedesktop, XDG folders).

    Writes the menu entry and the icon under $XDG_DATA_HOME (default ~/.local/share).
    """
    from jhviewer import desktop

    if uninstall:
        removed = desktop.uninstall()
        for path in removed:
            say("removed {path}", path=path)
        if not removed:
            say("nothing to remove under {path}", path=desktop.data_home())
        return
    for path in desktop.install():
        say("wrote {path}", path=path)


@contextmanager
def _open_briefing(db_path: Path | None, briefing_id: str | None) -> Iterator[Store]:
    """The store with `briefing_id` chosen; with none, the default, named on stderr when the
    database holds several briefings. An unknown id raises UnknownBriefingError."""
    from jhviewer.data.store import Store

    with Store.open(db_path) as store:
        name_default_briefing(store, briefing_id, store.select_briefing(briefing_id))
        yield store


@contextmanager
def _format_problems_reported() -> Iterator[None]:
    """Briefing files that break the format: each problem on its own line, exit status 1."""
    from jhviewer.data.errors import BriefingFormatError

    try:
        yield
    except BriefingFormatError as error:
        for problem in error.problems:
            echo(one_line(problem), err=True)
        raise SystemExit(1) from None


def _note_unreadable_rows(store: Store) -> None:
    """Say on stderr which rows were skipped, so the output is never silently short."""
    if not store.problems:
        return
    language = message_language()
    rows = ", ".join(f"{problem.table} {problem.row_id}" for problem in store.problems[:10])
    if len(store.problems) > 10:
        rows = localized("{rows} and {count} more", language, rows=rows,
                         count=len(store.problems) - 10)
    note = localized("skipped {count} unreadable rows ({rows}); `jhviewer check` says why.",
                     language, count=len(store.problems), rows=rows)
    echo(one_line(f"jhviewer: {note}"), err=True)


def run() -> None:
    """Run the group; click's own errors (usage, ^C) become its usual message and exit."""
    tolerant_streams()
    try:
        cli.main(standalone_mode=False, prog_name="jhviewer")
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
