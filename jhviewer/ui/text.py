"""Showing database text safely: plain-text labels, escaped tooltips, highlighted spans.

Qt renders a string as HTML when it merely looks like HTML (QLabel in AutoText mode,
tooltips via Qt::mightBeRichText), so text from a database file, which anyone could have
written, only ever reaches Qt as plain text or HTML-escaped.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from jhviewer.data.format import source_reference

__all__ = ["escaped", "highlighted_html", "plain_label", "source_reference", "tooltip"]


def plain_label(text: str = "") -> QLabel:
    """A QLabel that never interprets its text as HTML."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def escaped(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def tooltip(*lines: str) -> str:
    """A tooltip showing `lines` literally: forced rich text with every line escaped."""
    return "<qt>" + "<br>".join(escaped(line) for line in lines if line) + "</qt>"


def highlighted_html(
    text: str, spans: list[tuple[int, int]], background: QColor, foreground: QColor
) -> str:
    """`text` escaped, with each of `spans` (in order, not overlapping) marked; everything
    from the database is escaped."""
    parts, done = [], 0
    for start, end in spans:
        if start < done or start >= end:
            continue
        parts.append(escaped(text[done:start]))
        parts.append(
            f'<span style="background-color:{background.name()};color:{foreground.name()}">'
            f"{escaped(text[start:end])}</span>"
        )
        done = end
    parts.append(escaped(text[done:]))
    return "".join(parts)


