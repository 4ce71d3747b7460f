"""Typesetting for the printout: the page's colours and type styles, device units, and
text measured and drawn with QTextLayout in the bundled font.

Layout happens in the device's own units (a QPdfWriter's 1200 dpi, a printer's
resolution), so text is measured with the fonts exactly as they will be drawn. All text is
drawn from plain strings: nothing is parsed as markup, and lines wrap at word boundaries
or, for a long unbroken run, anywhere, so nothing runs past the margins.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPaintDevice,
    QPainter,
    QPen,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)

from jhviewer.fonts import bundled_font

INK = QColor(28, 28, 28)
SOFT_INK = QColor(55, 55, 55)
MUTED = QColor(100, 100, 100)
ACCENT = QColor(155, 27, 30)
RULE = QColor(200, 196, 190)
FILL = QColor(246, 242, 236)
ZEBRA = QColor(248, 247, 245)

LEFT = Qt.AlignmentFlag.AlignLeft
RIGHT = Qt.AlignmentFlag.AlignRight

# Page 1's target grid shrinks through these sizes (pt) until it fits the page; below
# COMFORT_SIZE the lead paragraph is left off page 1 first, to make room.
TARGET_SIZES = (9.0, 8.5, 8.0, 7.5, 7.0, 6.5)
COMFORT_SIZE = 7.5
# Headline figures shrink through these sizes (pt) until every figure fits on one line.
FIGURE_SIZES = (17.0, 15.0, 13.0, 11.0)


class Style(NamedTuple):
    size: float
    bold: bool = False
    color: QColor = INK
    leading: float = 1.3


PART = Style(15, True, ACCENT)
SECTION = Style(11.5, True, INK)
KICKER = Style(10, True, ACCENT)
TITLE = Style(21, True, INK, 1.2)
META = Style(8.5, False, MUTED)
LEAD = Style(9.5, False, SOFT_INK, 1.55)
BODY = Style(9, False, INK, 1.45)
NOTE = Style(7.5, False, MUTED, 1.45)
CELL = Style(8.5)
CELL_BOLD = Style(8.5, True)
CELL_NOTE = Style(7.5, False, MUTED, 1.35)
HEAD = Style(7.5, True, MUTED)
RUNNING = Style(7.5, False, MUTED)
FIGURE_LABEL = Style(8.5, True, INK, 1.25)
FIGURE_CAPTION = Style(7.5, False, MUTED)
CAPTION = Style(10, True, INK)


def print_font(size: float, bold: bool = False) -> QFont:
    """The bundled font without ligatures: PDF text extraction drops ligature glyphs
    ('fi' in 'financial'), which would make English words unsearchable."""
    font = bundled_font(size, bold)
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


class Units:
    """Millimetres and points in the units of one paint device."""

    def __init__(self, device: QPaintDevice) -> None:
        self.device = device
        self.dpi = float(device.logicalDpiY())

    def mm(self, value: float) -> float:
        return value * self.dpi / 25.4

    def pt(self, value: float) -> float:
        return value * self.dpi / 72.0


class Text:
    """Plain text wrapped to a width and measured, ready to draw at any point."""

    def __init__(
        self,
        units: Units,
        value: str,
        style: Style,
        width: float,
        align: Qt.AlignmentFlag = LEFT,
        formats: Sequence[QTextLayout.FormatRange] = (),
    ) -> None:
        self.style = style
        self.layout = QTextLayout(value, print_font(style.size, style.bold), units.device)
        option = QTextOption(align)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.layout.setTextOption(option)
        if formats:
            self.layout.setFormats(list(formats))
        self.lines = 0
        self.natural_width = 0.0
        self.height = self._lay_out(max(width, 1.0)) if value else 0.0

    def _lay_out(self, width: float) -> float:
        layout = self.layout
        layout.beginLayout()
        y = 0.0
        last = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0.0, y))
            self.natural_width = max(self.natural_width, line.naturalTextWidth())
            last = line.height()
            y += last * self.style.leading
            self.lines += 1
        layout.endLayout()
        return y - last * (self.style.leading - 1.0)

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        if self.lines:
            painter.setPen(self.style.color)
            self.layout.draw(painter, QPointF(x, y))


def char_format(size: float, bold: bool, color: QColor) -> QTextCharFormat:
    char_format = QTextCharFormat()
    char_format.setFont(print_font(size, bold))
    char_format.setForeground(QBrush(color))
    return char_format


def format_range(start: int, length: int, char_format: QTextCharFormat) -> QTextLayout.FormatRange:
    span = QTextLayout.FormatRange()
    span.start = start
    span.length = length
    span.format = char_format
    return span


def hline(
    painter: QPainter, color: QColor, width: float, x: float, y: float, length: float
) -> None:
    painter.setPen(QPen(color, width))
    painter.drawLine(QPointF(x, y), QPointF(x + length, y))

