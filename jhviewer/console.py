"""Printing on the terminal for every command: database text never drives the terminal."""

from __future__ import annotations

import click

from jhviewer.data.textsafe import terminal_safe


def echo(text: str, err: bool = False) -> None:
    """click.echo for text that may hold database text or file names: control characters
    (ESC sequences, OSC 52, C1, bidi overrides) are shown as escapes, never obeyed."""
    click.echo(terminal_safe(text), err=err)
