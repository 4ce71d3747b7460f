"""The `jhviewer` command line: the click group and its subcommands.

`jhviewer.cli.main` is the entry point; it comes here for everything but a plain launch of
the window, so opening the viewer never imports click. Heavy modules (Qt, sqlite-utils,
pyqtgraph) are imported inside the commands that use them, so `jhviewer search` never
loads Qt.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from jhviewer import __version__
from jhviewer.atomic import shown_path
from jhviewer.cli import one_line
from jhviewer.paths import BRIEFINGS_DIR, DEFAULT_DB

if TYPE_CHECKING:
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

FORCE_OPTION = click.option(
    "--force",
    is_flag=True,
    help="Replace OUT even if it is read-only (a device or the open database never is).",
)


@click.group(invoke_without_command=True)
@DB_OPTION
@LANG_OPTION
@click.version_option(__version__, prog_name="jhviewer")
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None, lang: str | None) -> None:
    """jhviewer: the Jianghan District briefing, offline.

    Run without a command to open the viewer window.
    """
    if ctx.invoked_subcommand is None:
        from jhviewer.ui.app import run_app

        sys.exit(run_app(db_path, lang))


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
    """Build the database from the curated briefing files."""
    from jhviewer.data.build import build_database

    count = build_database(source_dir, out)
    click.echo(f"wrote {shown_path(out)} ({count} facts)")


@cli.command()
@DB_OPTION
@click.option(
    "--source",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The source article: every evidence phrase must appear in it verbatim.",
)
def check(db_path: Path | None, source: Path | None) -> None:
    """Validate a database; print one line per problem and fail on any."""
    from jhviewer.data.validate import check_database

    problems = check_database(db_path, source)
    for problem in problems:
        click.echo(problem)
    if problems:
        raise SystemExit(1)
    click.echo("ok")


@cli.command()
@click.argument("query")
@DB_OPTION
@LANG_OPTION
@click.option("--limit", default=50, show_default=True, help="At most this many matches.")
def search(query: str, db_path: Path | None, lang: str | None, limit: int) -> None:
    """Search the facts (Chinese or English); print one match per line."""
    from jhviewer.data.format import display_value
    from jhviewer.data.store import Store

    language = "en" if lang == "en" else "zh"
    with Store.open(db_path) as store:
        hits = store.search(query, limit=limit)
        for hit in hits:
            fact = hit.fact
            click.echo(
                f"{fact.key}\t{fact.year}\t{fact.label(language)}\t"
                f"{display_value(fact, language)}\t{fact.evidence}"
            )
        _note_unreadable_rows(store)
    if not hits:
        click.echo(f"no facts match {query!r}", err=True)


@cli.command()
@click.argument("fmt", metavar="csv|json", type=click.Choice(["csv", "json"]))
@click.argument("out", type=click.Path(path_type=Path, dir_okay=False))
@DB_OPTION
@FORCE_OPTION
def export(fmt: str, out: Path, db_path: Path | None, force: bool) -> None:
    """Export every fact with its units, qualifier, year and evidence."""
    from jhviewer.data.export import export_facts
    from jhviewer.data.store import Store

    with Store.open(db_path) as store:  # while open, no writer may replace the database
        count = export_facts(store, fmt, out, force=force)
        _note_unreadable_rows(store)
    click.echo(f"wrote {shown_path(out)} ({count} facts)")


@cli.command()
@click.argument("out", type=click.Path(path_type=Path))
@DB_OPTION
@LANG_OPTION
@click.option(
    "--summary-only", is_flag=True, help="Only the one-page summary, not the full briefing."
)
@FORCE_OPTION
def pdf(out: Path, db_path: Path | None, lang: str | None, summary_only: bool,
        force: bool) -> None:
    """Write the printable briefing (A4) as a PDF; needs no display."""
    from jhviewer.data.store import Store
    from jhviewer.report import BriefingPrinter

    language = "en" if lang == "en" else "zh"
    with Store.open(db_path) as store:  # while open, no writer may replace the database
        pages = BriefingPrinter(store, language).to_pdf(
            out, summary_only=summary_only, force=force
        )
        _note_unreadable_rows(store)
    click.echo(f"wrote {shown_path(out)} ({pages} pages)")


@cli.command()
@click.argument("outdir", type=click.Path(path_type=Path, file_okay=False))
@LANG_OPTION
@click.option(
    "--size",
    default="1400x900",
    show_default=True,
    help="Window size in pixels, WIDTHxHEIGHT.",
)
@DB_OPTION
def snapshot(outdir: Path, lang: str | None, size: str, db_path: Path | None) -> None:
    """Render each tab offscreen to OUTDIR/<tab>.png (overview, facts, targets, charts)."""
    width, _, height = size.lower().partition("x")
    if not (width.isdigit() and height.isdigit() and 200 <= int(width) <= 8000
            and 200 <= int(height) <= 8000):
        raise click.BadParameter("expected WIDTHxHEIGHT, e.g. 1400x900", param_hint="--size")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from jhviewer.ui.snapshot import take_snapshots

    paths = take_snapshots(outdir, "en" if lang == "en" else "zh", (int(width), int(height)),
                           db_path)
    for path in paths:
        click.echo(f"wrote {shown_path(path)}")


def _note_unreadable_rows(store: Store) -> None:
    """Say on stderr which rows were skipped, so the output is never silently short."""
    if not store.problems:
        return
    rows = ", ".join(f"{problem.table} {problem.row_id}" for problem in store.problems[:10])
    more = f" and {len(store.problems) - 10} more" if len(store.problems) > 10 else ""
    click.echo(
        one_line(f"jhviewer: skipped {len(store.problems)} unreadable rows ({rows}{more}); "
                  "`jhviewer check` says why."),
        err=True,
    )


def run() -> None:
    """Run the group; click's own errors (usage, ^C) become its usual message and exit."""
    try:
        cli.main(standalone_mode=False, prog_name="jhviewer")
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
