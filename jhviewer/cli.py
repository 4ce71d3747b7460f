"""The one entry point: `jhviewer` opens the viewer; subcommands do headless work.

A plain launch (no command; at most `--db` and `--lang`) goes straight to the window:
importing click and declaring the commands would add about 17 ms to the start-up.
Everything else, `--help`, `--version`, a command or a mistake, goes to the click group in
`jhviewer.commands`, which parses it as it always has.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from jhviewer.data.errors import JhviewerError, one_line, user_language
from jhviewer.data.textsafe import tolerant_streams

if TYPE_CHECKING:
    import click

LANGUAGES = ("zh", "en")


def window_arguments(
    arguments: list[str],
) -> tuple[Path | None, str | None, str | None] | None:
    """`(db, lang, briefing)` if `arguments` only open the window with valid options, else None.

    Accepts `--db PATH`, `--lang zh|en` and `--briefing ID` (also as `--name=value`), each
    at most once. Anything else, including a value click would refuse, is left to click.
    """
    values: dict[str, str] = {}
    rest = list(arguments)
    while rest:
        name, equals, value = rest.pop(0).partition("=")
        if name not in ("--db", "--lang", "--briefing") or name in values:
            return None
        if not equals:
            if not rest:
                return None
            value = rest.pop(0)
        if not value or value.startswith("-"):
            return None
        values[name] = value
    lang = values.get("--lang")
    if lang is not None and lang not in LANGUAGES:
        return None
    db = values.get("--db")
    return (Path(db) if db is not None else None, lang, values.get("--briefing"))


def main() -> None:
    """Run the CLI; errors become one line on stderr and a non-zero exit, not a traceback."""
    tolerant_streams()
    try:
        launch = window_arguments(sys.argv[1:])
        if launch is None:
            from jhviewer.commands import run

            run()
        else:
            from jhviewer.ui.app import run_app

            sys.exit(run_app(*launch))
    except KeyboardInterrupt:  # ^C while the window is starting; click says the same
        _fail("aborted", 130)
    except JhviewerError as error:
        from jhviewer.data.atomic import error_message

        _fail(f"jhviewer: {error_message(error, message_language(sys.argv[1:]))}", 1)
    except Exception as error:
        if os.environ.get("JHVIEWER_DEBUG"):
            raise
        _fail(f"jhviewer: unexpected error: {type(error).__name__}: {error}", 2)


def message_language(arguments: list[str]) -> Literal["zh", "en"]:
    """The language of an error message: the command line's `--lang zh|en` (wherever it
    stands: `jhviewer --lang zh export ...` or `jhviewer export ... --lang zh`), else the
    locale's (`errors.user_language`)."""
    for index, argument in enumerate(arguments):
        name, equals, value = argument.partition("=")
        if name != "--lang":
            continue
        if not equals:
            value = arguments[index + 1] if index + 1 < len(arguments) else ""
        if value in LANGUAGES:
            return "zh" if value == "zh" else "en"
    return user_language()


def _fail(message: str, code: int) -> None:
    """One line on stderr, control characters shown as escapes (`textsafe.terminal_safe`)."""
    from jhviewer.data.textsafe import terminal_safe

    print(terminal_safe(one_line(message)), file=sys.stderr, flush=True)
    sys.exit(code)


def __getattr__(name: str) -> click.Group:
    """`jhviewer.cli.cli`, the click group, loaded when first asked for (tests use it)."""
    if name == "cli":
        from jhviewer.commands import cli

        return cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
