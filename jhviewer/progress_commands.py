"""`jhviewer progress ...`: record and report progress against the briefing's targets.

Headless and Qt-free, with the same rules as the window (jhviewer/data/progress/). Bad
input (an unknown target, a value that is not a number, a date outside the target year, a
unit that does not convert, a malformed file) prints one line on stderr and exits with
status 2; a database problem (locked, damaged, unreachable) exits with 1. Either way
nothing is written.

Every line is in Chinese or English: `--lang zh|en` on the command (or `jhviewer --lang`
before it), else the terminal's locale (`errors.user_language`: LC_ALL, LC_MESSAGES, LANG
starting with zh). The texts are the data layer's one table (`data.errors.ZH_MESSAGES`,
through `localized`). A figure that looks wrong (see `model.sanity_warning`) is stored and
named in a warning line on stderr; the exit status stays 0.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from jhviewer.console import echo, message_language, name_default_briefing
from jhviewer.data.errors import localized, one_line

F = TypeVar("F", bound=Callable[..., Any])


def _options(function: F) -> F:
    """--briefing, --db, --progress-db and --lang, shared by every progress command."""
    function = click.option(
        "--lang", type=click.Choice(["zh", "en"]), default=None,
        help="Language of messages, labels and reasons (default: your locale's, "
             "zh if it starts with zh, else en).",
    )(function)
    function = click.option(
        "--progress-db", "progress_db", default=None, metavar="PATH|URL",
        help="Progress database: a file, or postgresql://user@host/db "
             "(default: progress.db in your data folder).",
    )(function)
    function = click.option(
        "--db", "db_path", type=click.Path(path_type=Path, dir_okay=True), default=None,
        help="Briefing database to read targets from (default: the shipped data.db).",
    )(function)
    function = click.option(
        "--briefing", "briefing_id", default=None, metavar="ID",
        help="Which briefing's targets (default: the latest briefing).",
    )(function)
    return function


def language(lang: str | None = None) -> str:
    """The language of the command's lines: `lang` if given, else the one the whole
    command line asks for (`console.message_language`: `jhviewer --lang` before the
    command, else the locale's)."""
    if lang in ("zh", "en"):
        return lang
    return message_language()


def _plain_errors(function: F) -> F:
    """Input errors exit 2, database errors 1: one line on stderr in the command's language
    (`lang`, see `language`), never a traceback. Passes the language on as `lang`."""

    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from jhviewer.data.errors import DatabaseError, JhviewerError
        from jhviewer.data.progress.model import ProgressInputError

        lang = kwargs["lang"] = language(kwargs.get("lang"))
        try:
            return function(*args, **kwargs)
        except ProgressInputError as error:
            _fail(error.text(lang), 2)  # type: ignore[arg-type]
        except DatabaseError as error:
            _fail(error.text(lang), 1)  # type: ignore[arg-type]
        except JhviewerError as error:  # e.g. an export that cannot be written
            _fail(error.text(lang), 1)  # type: ignore[arg-type]

    return wrapper  # type: ignore[return-value]


def _fail(message: str, code: int) -> None:
    echo(one_line(f"jhviewer: {message}"), err=True)
    sys.exit(code)


@dataclass
class _Context:
    briefing_id: str
    year: int
    targets: list[Any]
    units: dict[str, Any]
    db_path: Path


@contextmanager
def _briefing(db_path: Path | None, briefing_id: str | None,
              named: bool = True) -> Iterator[_Context]:
    """The briefing's targets and units; the default briefing is named on stderr when the
    database holds several (`console.name_default_briefing`) unless `named` is False (a
    command that does not use the briefing)."""
    from jhviewer.data.progress.model import ProgressInputError, target_from_fact
    from jhviewer.data.store import Store
    from jhviewer.paths import DEFAULT_DB

    with Store.open(db_path) as store:
        briefing = store.briefing(briefing_id)
        if briefing is None:
            known = ", ".join(b.id for b in store.briefings()) or "none"
            raise ProgressInputError("unknown briefing {briefing!r} (known: {known})",
                                     briefing=briefing_id, known=known)
        if named:
            name_default_briefing(store, briefing_id, briefing)
        targets = [target_from_fact(fact) for fact in store.targets(briefing.id)]
        yield _Context(briefing.id, briefing.year, targets, store.units(),
                       Path(db_path or DEFAULT_DB))


def _open_progress(location: str | None, context: _Context) -> Any:
    from jhviewer.data.progress.db import ProgressStore

    return ProgressStore.open(location, briefing_db=context.db_path)


def _find_target(context: _Context, target_id: str) -> Any:
    from jhviewer.data.progress.model import ProgressInputError

    wanted = target_id.strip().removeprefix(f"{context.briefing_id}/")
    for target in context.targets:
        if target.id == wanted:
            return target
    raise ProgressInputError(
        "unknown target id {target!r} in {briefing} (`jhviewer progress status` lists them)",
        target=target_id, briefing=context.briefing_id)


@click.group("progress")
def progress() -> None:
    """Record actual figures against the briefing's targets and see their status.

    Progress is kept in its own database (never in data.db): by default progress.db in
    your data folder, or --progress-db PATH, or a PostgreSQL server
    (--progress-db postgresql://user@host/db).
    """


@progress.command("template")
@click.argument("out", type=click.Path(path_type=Path, dir_okay=False))
@_options
@_plain_errors
def template(out: Path, briefing_id: str | None, db_path: Path | None,
             progress_db: str | None, lang: str) -> None:
    """Write a fill-in sheet (OUT.csv or OUT.xlsx), one row per target."""
    from jhviewer.data.progress.files import write_template

    del progress_db  # the template needs no progress database
    with _briefing(db_path, briefing_id) as context:
        count = write_template(out, context.targets, context.units)
    echo(localized("wrote {path} ({count} targets)", lang, path=out, count=count))


class _SignedValueCommand(click.Command):
    """A command whose VALUE may be a negative number (`-1.5`, a growth rate that fell).

    click reads every word that starts with "-" as an option, so the command ignores
    unknown options (`ignore_unknown_options`) and refuses here, before parsing, any
    word that is neither a known option nor a number: `--foo` is still a usage error,
    one line naming `--foo` (exit 2), wherever it stands."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("context_settings", {})["ignore_unknown_options"] = True
        super().__init__(*args, **kwargs)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Refuse unknown options (click.NoSuchOption), then parse as click does."""
        options = [param for param in self.get_params(ctx) if isinstance(param, click.Option)]
        known = {name for option in options for name in (*option.opts, *option.secondary_opts)}
        takes_value = {name for option in options if not option.is_flag
                       for name in option.opts}
        words = iter(args)
        for word in words:
            if word == "--":
                break
            name = word.partition("=")[0]
            if name in takes_value and "=" not in word:
                next(words, None)  # the option's value, whatever it looks like
            elif (word.startswith("-") and len(word) > 1 and name not in known
                    and not _NEGATIVE_NUMBER.match(word)):
                # no ctx: one line, like every other refusal of `jhviewer progress`
                raise click.NoSuchOption(name, possibilities=sorted(known))
        return super().parse_args(ctx, args)


_NEGATIVE_NUMBER = re.compile(r"^-[0-9０-９.．]")  # -1.5, -.5, -１.５


@progress.command("add", cls=_SignedValueCommand)
@click.argument("target_id")
@click.argument("value")
@click.option("--as-of", "as_of", required=True, metavar="YYYY-MM[-DD]",
              help="The date the figure is for: a month (2024-06) or a day.")
@click.option("--unit", default=None, help="Unit of VALUE if not the target's (e.g. 万元).")
@click.option("--note", default="", help="Where the figure comes from (区统计局 1–6月快报).")
@click.option("--who", default="", help="Who is entering it (optional).")
@_options
@_plain_errors
def add(target_id: str, value: str, as_of: str, unit: str | None, note: str, who: str,
        briefing_id: str | None, db_path: Path | None, progress_db: str | None,
        lang: str) -> None:
    """Record VALUE for TARGET_ID as of a date.

    For a target without a number, VALUE is a status: achieved, on_track or behind
    (with --note saying why).

    A negative VALUE is written as it is, e.g. a growth rate that fell:
    `jhviewer progress add TARGET_ID -1.5 --as-of 2024-03` (no `--` needed; after a `--`
    every word is an argument, so options would have to come before it).
    """
    from jhviewer.data.progress.model import (
        ProgressInputError,
        sanity_warning,
        validate_entry,
    )

    with _briefing(db_path, briefing_id) as context:
        target = _find_target(context, target_id)
        qualitative = target.measure == "qualitative"
        try:
            entry = validate_entry(
                target, None if qualitative else value, as_of, context.units, unit=unit,
                status=value if qualitative else None, note=note, who=who,
            )
        except ProgressInputError as error:
            if error.template not in _ADD_WORDING:
                raise
            raise ProgressInputError(_ADD_WORDING[error.template], **error.fields) from None
        warning = sanity_warning(target, entry, context.units)
        with _open_progress(progress_db, context) as db:
            stored = db.add(entry)
    shown = stored.status if qualitative else f"{value} {stored.unit}"
    echo(localized("added entry {entry}: {target} {shown} as of {as_of}", lang,
                   entry=stored.id, target=target.id, shown=shown, as_of=stored.as_of))
    if warning is not None:
        echo(one_line("jhviewer: " + localized("warning: {reason}", lang,
                                               reason=warning.text(lang))), err=True)


# The form's wording of a refusal (choose a status, write a note) -> the command line's,
# which names the argument and the option that give them.
_ADD_WORDING = {
    "{target} has no number: give a status ({statuses}) and a note instead of a value":
        "{target} has no number: give its status as VALUE ({statuses}) and say why with "
        "--note",
    "{target}: a status needs a note saying why":
        "{target}: a status needs --note saying why",
}


@progress.command("retract")
@click.argument("entry_id", type=int)
@click.option("--note", default="", help="Why the entry is withdrawn.")
@_options
@_plain_errors
def retract(entry_id: int, note: str, briefing_id: str | None, db_path: Path | None,
            progress_db: str | None, lang: str) -> None:
    """Withdraw entry ENTRY_ID (it stays in the history)."""
    with _briefing(db_path, briefing_id, named=False) as context, \
            _open_progress(progress_db, context) as db:  # entry ids span every briefing
        stored = db.retract(entry_id, note=note)
    echo(localized("retracted entry {entry} (row {row})", lang, entry=entry_id, row=stored.id))


@progress.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Show what would be added; write nothing.")
@_options
@_plain_errors
def import_(file: Path, dry_run: bool, briefing_id: str | None, db_path: Path | None,
            progress_db: str | None, lang: str) -> None:
    """Import a filled-in sheet (CSV in UTF-8 or GBK, or .xlsx) in one transaction.

    Every row to be added and every row refused (with its reason) is listed first. If any
    row is refused, nothing is written. A row identical to an entry already recorded (same
    target, as-of date, value and unit) is listed as skipped and not added again.
    """
    from jhviewer.data.format import plain_number
    from jhviewer.data.progress.files import plan_import
    from jhviewer.data.progress.model import ProgressInputError

    with _briefing(db_path, briefing_id) as context:
        plan = plan_import(file, context.targets, context.units,
                           current=_current_entries(progress_db, context))
        for template, rows in (("add  line {line}: {target} {shown} as of {as_of}", plan.rows),
                               ("skip line {line}: {target} {shown} as of {as_of}: already "
                                "recorded, skipped", plan.recorded)):
            for row in rows:
                entry = row.entry
                what = entry.status if entry.value is None else (
                    f"{plain_number(entry.value)} {entry.unit}")
                echo(localized(template, lang, line=row.line, target=entry.target_id,
                               shown=what, as_of=entry.as_of))
        for refused in plan.refused:
            echo(one_line(localized("refuse line {line}: {reason}", lang, line=refused.line,
                                    reason=refused.text(lang))))
        for line, warning in plan.warnings:
            echo(one_line("jhviewer: " + localized("warning: line {line}: {reason}", lang,
                                                   line=line, reason=warning.text(lang))),
                 err=True)
        summary = localized(
            "{added} to add, {recorded} already recorded, {refused} refused, {blank} blank "
            "({encoding})" if plan.recorded else
            "{added} to add, {refused} refused, {blank} blank ({encoding})",
            lang, added=len(plan.rows), recorded=len(plan.recorded),
            refused=len(plan.refused), blank=plan.skipped, encoding=plan.encoding)
        if plan.refused:
            raise ProgressInputError(
                "{name}: {refused} rows refused; nothing imported ({summary})",
                name=file.name, refused=len(plan.refused), summary=summary)
        if dry_run:
            echo(localized("dry run: {summary}; nothing written", lang, summary=summary))
            return
        with _open_progress(progress_db, context) as db:
            db.add_many([row.entry for row in plan.rows])
    echo(localized("imported {count} entries from {path} ({summary})", lang,
                   count=len(plan.rows), path=file, summary=summary))


def _current_entries(location: str | None, context: _Context) -> list[Any]:
    """The briefing's current entries in the progress database, read before an import; []
    where there is no progress file yet (reading never creates one)."""
    from jhviewer.data.progress.db import default_location, is_postgres

    if not is_postgres(location) and not Path(location or default_location()).exists():
        return []
    with _open_progress(location, context) as db:
        return list(db.entries(context.briefing_id))


@progress.command("export")
@click.argument("out", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--history", is_flag=True, help="Every row ever stored, not just current ones.")
@_options
@_plain_errors
def export(out: Path, history: bool, briefing_id: str | None, db_path: Path | None,
           progress_db: str | None, lang: str) -> None:
    """Write the entries to OUT.csv or OUT.json."""
    from jhviewer.data.progress.files import export_entries

    with _briefing(db_path, briefing_id) as context, \
            _open_progress(progress_db, context) as db:
        entries = db.history(context.briefing_id) if history else db.entries(
            context.briefing_id)
        count = export_entries(out, entries)
    template = "wrote {path} ({count} entry)" if count == 1 else "wrote {path} ({count} entries)"
    echo(localized(template, lang, path=out, count=count))


@progress.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")
@_options
@_plain_errors
def status(as_json: bool, lang: str, briefing_id: str | None, db_path: Path | None,
           progress_db: str | None) -> None:
    """One line per target: id, target, latest actual, as-of, status and why."""
    from jhviewer.data.progress.status import (
        amount_text,
        statuses,
        tally,
        tally_text,
        target_text,
    )

    with _briefing(db_path, briefing_id) as context, \
            _open_progress(progress_db, context) as db:
        results = statuses(context.targets, db.entries(context.briefing_id), context.units)
    if as_json:
        good, total = tally(results)
        # ASCII JSON: every character of database text is an escape, so none reaches the
        # terminal raw, and the output stays valid JSON for the machine that reads it
        click.echo(json.dumps({
            "briefing": context.briefing_id,
            "tally": {"on_track_or_achieved": good, "targets": total},
            "targets": [_status_json(result) for result in results],
        }, ensure_ascii=True, indent=2))
        return
    from jhviewer.data.progress.model import status_name

    for result in results:
        t, latest = result.target, result.latest
        goal = "—" if t.value is None else target_text(t, lang)
        actual = "—" if result.actual is None else amount_text(
            result.actual, t.unit, lang, t.noun_en
        )
        fields = (t.id, t.label(lang), goal, actual, latest.as_of if latest else "—",
                  status_name(result.status, lang), result.reason(lang))
        echo("\t".join(one_line(field) for field in fields))
    echo(tally_text(results, lang))


def PROGRESS_PDF_OPTIONS(function: F) -> F:
    """`jhviewer pdf --progress [--progress-db ...]`."""
    function = click.option(
        "--progress-db", "progress_db", default=None, metavar="PATH|URL",
        help="With --progress: the progress database (default: progress.db in your data "
             "folder).",
    )(function)
    return click.option(
        "--progress", is_flag=True,
        help="Print the progress report (status of every target) instead of the briefing.",
    )(function)


@_plain_errors
def write_progress_pdf(out: Path, db_path: Path | None, progress_db: str | None,
                       briefing_id: str | None = None, *, pdf_lang: str,
                       lang: str | None) -> None:
    """`jhviewer pdf OUT --progress`: the A4 progress report as a PDF in `pdf_lang`;
    messages in `lang` (see `language`)."""
    from jhviewer.data.progress.db import default_location, shown_location
    from jhviewer.data.progress.status import statuses
    from jhviewer.data.store import Store
    from jhviewer.report.progress import ProgressReport

    language = "en" if pdf_lang == "en" else "zh"
    with _briefing(db_path, briefing_id) as context, \
            _open_progress(progress_db, context) as db:
        entries = db.entries(context.briefing_id)
        results = statuses(context.targets, entries, context.units)
        with Store.open(db_path) as store:
            pages = ProgressReport(
                store, results, entries, language,  # type: ignore[arg-type]
                location=shown_location(progress_db or default_location()),
            ).to_pdf(out)
    template = "wrote {path} ({count} page)" if pages == 1 else "wrote {path} ({count} pages)"
    echo(localized(template, str(lang), path=out, count=pages))


def _status_json(result: Any) -> dict[str, Any]:
    t, latest = result.target, result.latest
    return {
        "target_id": t.id, "label_zh": t.label_zh, "label_en": t.label_en,
        "measure": t.measure, "target": t.value, "unit": t.unit.id if t.unit else None,
        "qualifier": t.qualifier, "status": result.status, "actual": result.actual,
        "as_of": latest.as_of if latest else None, "entry_id": latest.id if latest else None,
        "note": latest.note if latest else None,
        "reason_zh": result.reason("zh"), "reason_en": result.reason("en"),
    }
