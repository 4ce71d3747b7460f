"""Printing on the terminal for every command: database text never drives the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import click
from click.core import ParameterSource

from jhviewer.data.errors import localized, user_language
from jhviewer.data.textsafe import terminal_safe

if TYPE_CHECKING:
    from jhviewer.data.records import Briefing
    from jhviewer.data.store import Store


def echo(text: str, err: bool = False) -> None:
    """click.echo for text that may hold database text or file names: control characters
    (ESC sequences, OSC 52, C1, bidi overrides) are shown as escapes, never obeyed."""
    click.echo(terminal_safe(text), err=err)


def message_language() -> Literal["zh", "en"]:
    """The language of the running command's own lines: a `--lang zh|en` given on the
    command line (on the command or on a group above it), else the locale's
    (`errors.user_language`). A command's default `--lang` (its output's language) does not
    count: `jhviewer pdf out.pdf` in an English terminal says "wrote" in English."""
    context = click.get_current_context(silent=True)
    while context is not None:
        value = context.params.get("lang")
        if value in ("zh", "en") and context.get_parameter_source("lang") in (
                ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT):
            return "zh" if value == "zh" else "en"
        context = context.parent
    return user_language()


def say(template: str, err: bool = False, /, **fields: object) -> None:
    """`echo` an English `template` of `errors.ZH_MESSAGES` in the message language, filled
    with `fields`: `say("wrote {path}", path="a.pdf")` prints 'wrote a.pdf' or '已写入 a.pdf'."""
    echo(localized(template, message_language(), **fields), err=err)


def name_default_briefing(store: Store, briefing_id: str | None,
                          chosen: Briefing | None) -> None:
    """Say on stderr which briefing a command uses when none was asked for (`briefing_id`
    None) and `store` holds several: "jhviewer: using briefing ID (the newest);
    choose another with --briefing", in the message language. Silent otherwise. Every
    command that picks the default briefing calls this, after choosing `chosen`."""
    if briefing_id is None and chosen is not None and len(store.briefings()) > 1:
        # "jhviewer: " in both languages, like every line jhviewer writes on stderr
        notice = localized("using briefing {briefing} (the newest); choose another with "
                           "--briefing", message_language(), briefing=chosen.id)
        echo(f"jhviewer: {notice}", err=True)
