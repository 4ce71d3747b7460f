"""The one entry point: `jhviewer` opens the viewer; subcommands do headless work.

Heavy modules (Qt, sqlite-utils, pyqtgraph) are imported inside the commands that use
them, so `jhviewer search` never loads Qt and the window appears as early as it can.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from jhviewer import __version__
from jhviewer.data.errors import JhviewerError
from jhviewer.paths import BRIEFINGS_DIR, DEFAULT_DB

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
    click.echo(f"wrote {out} ({count} facts)")


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
    if not hits:
        click.echo(f"no facts match {query!r}", err=True)


@cli.command()
@click.argument("fmt", metavar="csv|json", type=click.Choice(["csv", "json"]))
@click.argument("out", type=click.Path(path_type=Path, dir_okay=False))
@DB_OPTION
def export(fmt: str, out: Path, db_path: Path | None) -> None:
    """Export every fact with its units, qualifier, year and evidence."""
    from jhviewer.data.export import export_facts
    from jhviewer.data.store import Store

    with Store.open(db_path) as store:
        count = export_facts(store, fmt, out)
    click.echo(f"wrote {out} ({count} facts)")


def main() -> None:
    """Run the CLI; errors become one line on stderr and a non-zero exit, not a traceback."""
    try:
        cli.main(standalone_mode=False, prog_name="jhviewer")
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except JhviewerError as error:
        click.echo(f"jhviewer: {error}", err=True)
        sys.exit(1)
    except Exception as error:
        if os.environ.get("JHVIEWER_DEBUG"):
            raise
        click.echo(f"jhviewer: unexpected error: {type(error).__name__}: {error}", err=True)
        sys.exit(2)
