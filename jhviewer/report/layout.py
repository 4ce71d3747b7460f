"""Measure, paginate and paint a ReportDocument on any paged device (PDF writer, printer).

Layout happens in the device's own units (a QPdfWriter's 1200 dpi, a printer's
resolution), so text is measured with the fonts exactly as they will be drawn. A
flowable is an unbreakable block: a heading, a paragraph, one table row, one row of
headline cards. The paginator never splits a flowable, carries a heading (and anything
else marked keep-with-next) over to the next page together with what follows it, and
repeats a table's header row on each page the table continues on.

All text is drawn from plain strings with QTextLayout in the bundled font: nothing is
parsed as markup, and lines wrap at word boundaries or, for a long unbroken run, anywhere,
so nothing runs past the margins.
"""

from __future__ import annotations

import bisect
import copy
import dataclasses
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPaintDevice,
    QPainter,
    QPen,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)

from jhviewer.data.errors import ExportError
from jhviewer.data.records import Lang
from jhviewer.fonts import bundled_font
from jhviewer.report import content as model


class ChartArtist(Protocol):
    """Paints a declared chart by its qualified id (see report.charts.ChartArtist)."""

    def height(self, width: float) -> float: ...

    def paint(self, chart_id: str, lang: Lang, painter: QPainter, rect: QRectF) -> bool: ...


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


def _char_format(size: float, bold: bool, color: QColor) -> QTextCharFormat:
    char_format = QTextCharFormat()
    char_format.setFont(print_font(size, bold))
    char_format.setForeground(QBrush(color))
    return char_format


def _format_range(start: int, length: int, char_format: QTextCharFormat) -> QTextLayout.FormatRange:
    span = QTextLayout.FormatRange()
    span.start = start
    span.length = length
    span.format = char_format
    return span


def _hline(
    painter: QPainter, color: QColor, width: float, x: float, y: float, length: float
) -> None:
    painter.setPen(QPen(color, width))
    painter.drawLine(QPointF(x, y), QPointF(x + length, y))


# --- flowables ---------------------------------------------------------------------------


class Flowable:
    """An unbreakable block of known height."""

    height = 0.0
    space_before = 0.0
    keep_with_next = False
    may_end_page = True  # False for headings: never the last thing on a page
    repeat: Flowable | None = None  # drawn first when this block opens a new page

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        raise NotImplementedError


class PageBreakMark(Flowable):
    def draw(self, painter: QPainter, x: float, y: float) -> None:
        return None


class HeadingFlow(Flowable):
    def __init__(self, units: Units, heading: model.Heading, width: float) -> None:
        self.units = units
        self.width = width
        self.level = heading.level
        style = PART if heading.level == 0 else SECTION
        self.text = Text(units, heading.text, style, width)
        self.rule_gap = units.mm(1.6)
        self.height = self.text.height + self.rule_gap + units.pt(1.2)
        self.space_before = units.mm(8 if heading.level == 0 else 5)
        self.keep_with_next = True
        self.may_end_page = False

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        self.text.draw(painter, x, y)
        rule_y = y + self.text.height + self.rule_gap
        if self.level == 0:
            _hline(painter, ACCENT, self.units.pt(1.2), x, rule_y, self.width)
        else:
            _hline(painter, ACCENT, self.units.pt(1.2), x, rule_y, self.units.mm(12))
            _hline(painter, RULE, self.units.pt(0.5), x + self.units.mm(12), rule_y,
                   self.width - self.units.mm(12))


class ParagraphFlow(Flowable):
    def __init__(self, units: Units, paragraph: model.Paragraph, width: float) -> None:
        style = {"lead": LEAD, "lead-alone": LEAD, "note": NOTE}.get(paragraph.style, BODY)
        self.text = Text(units, paragraph.text, style, width)
        self.height = self.text.height
        self.space_before = units.mm(2.5)
        self.keep_with_next = paragraph.style == "lead"  # "lead-alone": no table follows
        self.may_end_page = not self.keep_with_next

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        self.text.draw(painter, x, y)


class TitleBlockFlow(Flowable):
    """Page 1's masthead: accent bar, kicker and date, title, publisher and source, lead."""

    def __init__(self, units: Units, block: model.TitleBlock, width: float) -> None:
        self.units = units
        self.width = width
        mm = units.mm
        self.bar = mm(1.4)
        self.printed = Text(units, block.printed, META, width * 0.4, RIGHT)
        self.kicker = Text(units, block.kicker, KICKER, width - self.printed.natural_width - mm(4))
        self.title = Text(units, block.title, TITLE, width)
        self.lines = [Text(units, line, META, width) for line in block.lines if line]
        self.pad = mm(3)
        self.lead = Text(units, block.lead, LEAD, width - 2 * self.pad - mm(1))
        self.layout_rows()

    def layout_rows(self) -> None:
        mm = self.units.mm
        y = self.bar + mm(4)
        self.kicker_y = y
        y += max(self.kicker.height, self.printed.height) + mm(2)
        self.title_y = y
        y += self.title.height + mm(2.5)
        self.line_ys = []
        for line in self.lines:
            self.line_ys.append(y)
            y += line.height + mm(0.8)
        self.lead_y = y + mm(3)
        lead_box = self.lead.height + 2 * self.pad if self.lead.lines else 0.0
        self.height = self.lead_y + lead_box

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        painter.fillRect(QRectF(x, y, self.width, self.bar), ACCENT)
        self.kicker.draw(painter, x, y + self.kicker_y)
        self.printed.draw(painter, x + self.width * 0.6, y + self.kicker_y)
        self.title.draw(painter, x, y + self.title_y)
        for line, line_y in zip(self.lines, self.line_ys, strict=True):
            line.draw(painter, x, y + line_y)
        if self.lead.lines:
            box = QRectF(x, y + self.lead_y, self.width, self.height - self.lead_y)
            painter.fillRect(box, FILL)
            painter.fillRect(QRectF(box.x(), box.y(), self.units.mm(1), box.height()), ACCENT)
            self.lead.draw(painter, x + self.pad + self.units.mm(1), box.y() + self.pad)


class FigureCard:
    """One headline figure: the number big, its label, its year and kind."""

    def __init__(self, units: Units, figure: model.Figure, width: float, size: float,
                 lang: Lang) -> None:
        self.value = _figure_value(units, figure, width, size, lang, False)
        self.fits = self.value.lines <= 1
        if not self.fits and figure.prefix:  # 'more than' on a line of its own
            self.value = _figure_value(units, figure, width, size, lang, True)
            self.fits = self.value.lines <= 2
        self.label = Text(units, figure.label, FIGURE_LABEL, width)
        self.caption = Text(units, figure.caption, FIGURE_CAPTION, width)
        self.gap = units.mm(1.2)
        self.align_value(self.value.height)

    def align_value(self, value_height: float) -> None:
        """Give the value this much room, so labels in a row of cards line up."""
        self.value_height = value_height
        self.height = value_height + self.gap + self.label.height + self.gap / 2 \
            + self.caption.height

    def draw(self, painter: QPainter, x: float, y: float, units: Units) -> None:
        self.value.draw(painter, x, y + self.value_height - self.value.height)
        y += self.value_height + self.gap
        self.label.draw(painter, x, y)
        self.caption.draw(painter, x, y + self.label.height + self.gap / 2)


LINE_SEPARATOR = "\u2028"


def _figure_value(units: Units, figure: model.Figure, width: float, size: float,
                  lang: Lang, prefix_apart: bool) -> Text:
    """'超过400亿元': the number large and bold, the words around it small; with
    `prefix_apart` the words before the number go on a line of their own."""
    small = _char_format(9, False, MUTED)
    big = _char_format(size, True, ACCENT)
    separator = " " if lang == "en" else ""
    parts = [(figure.prefix, small), (figure.number, big), (figure.unit, small),
             (figure.suffix, small)]
    parts = [(part, fmt) for part, fmt in parts if part]
    value = ""
    spans = []
    for part, char_format in parts:
        if value:
            value += LINE_SEPARATOR if prefix_apart and value == figure.prefix else separator
        spans.append(_format_range(len(value), len(part), char_format))
        value += part
    return Text(units, value, Style(9, False, MUTED, 1.1), width, LEFT, spans)


class FigureRowFlow(Flowable):
    """One row of headline cards."""

    def __init__(self, units: Units, cards: list[FigureCard], card_width: float,
                 gap: float, pad: float) -> None:
        self.units = units
        self.cards = cards
        self.card_width = card_width
        self.gap = gap
        self.pad = pad
        value_height = max(card.value.height for card in cards)
        for card in cards:
            card.align_value(value_height)
        self.height = max(card.height for card in cards) + 2 * pad
        self.space_before = gap

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        accent = self.units.mm(0.8)
        for index, card in enumerate(self.cards):
            left = x + index * (self.card_width + self.gap)
            painter.fillRect(QRectF(left, y, self.card_width, self.height), FILL)
            painter.fillRect(QRectF(left, y, accent, self.height), ACCENT)
            card.draw(painter, left + self.pad + accent, y + self.pad, self.units)


def figure_rows(units: Units, grid: model.FigureGrid, width: float, lang: Lang) -> list[Flowable]:
    columns = max(1, grid.columns)
    gap = units.mm(3)
    pad = units.mm(2.6)
    card_width = (width - gap * (columns - 1)) / columns
    inner = card_width - 2 * pad - units.mm(0.8)
    cards: list[FigureCard] = []
    for size in FIGURE_SIZES:
        cards = [FigureCard(units, figure, inner, size, lang) for figure in grid.figures]
        if all(card.fits for card in cards):
            break
    rows: list[Flowable] = [
        FigureRowFlow(units, cards[start:start + columns], card_width, gap, pad)
        for start in range(0, len(cards), columns)
    ]
    if rows:
        rows[0].space_before = units.mm(2.5)
    return rows


class TargetCell:
    """One target in the grid: label (and a small note under it), value on the right."""

    def __init__(self, units: Units, item: model.TargetItem, size: float,
                 widths: tuple[float, float], pad: tuple[float, float]) -> None:
        label_width, value_width = widths
        self.label = Text(units, item.label, Style(size), label_width - 2 * pad[0])
        note_style = Style(size - 1.0, False, MUTED, 1.3)
        self.note = Text(units, item.note, note_style, label_width - 2 * pad[0])
        self.value = Text(units, item.value, Style(size, True), value_width - 2 * pad[0], RIGHT)
        self.note_gap = units.mm(0.4) if self.note.lines else 0.0
        inner = max(self.label.height + self.note_gap + self.note.height, self.value.height)
        self.height = inner + 2 * pad[1]


class TargetGridFlow(Flowable):
    """Targets in two side-by-side columns, read down then across, each with a header.

    The cut between the columns is chosen so that both are about as tall."""

    def __init__(self, units: Units, grid: model.TargetGrid, width: float, size: float) -> None:
        self.units = units
        self.width = width
        self.size = size
        self.gap = units.mm(6)
        self.column_width = (width - self.gap) / 2
        self.pad = units.mm(0.9) * size / 8.5 + units.mm(0.2)
        self.hpad = units.mm(1.4)
        head_style = Style(size - 1.0, True, MUTED)
        value_width = self._value_width(units, grid, size, head_style)
        self.label_width = self.column_width - value_width
        self.headers = (
            Text(units, grid.headers[0], head_style, self.label_width - 2 * self.hpad),
            Text(units, grid.headers[1], head_style, value_width - 2 * self.hpad, RIGHT),
        )
        self.head_height = max(h.height for h in self.headers) + 2 * self.pad
        self.cells = [
            TargetCell(units, item, size, (self.label_width, value_width),
                       (self.hpad, self.pad))
            for item in grid.items
        ]
        self.space_before = units.mm(3)
        self.set_cells(self.cells)

    def _value_width(self, units: Units, grid: model.TargetGrid, size: float,
                     head_style: Style) -> float:
        probe = self.column_width
        widths = [Text(units, item.value, Style(size, True), probe).natural_width
                  for item in grid.items]
        widths.append(Text(units, grid.headers[1], head_style, probe).natural_width)
        return min(max(widths) + 2 * self.hpad + units.mm(1), self.column_width * 0.34)

    def set_cells(self, cells: list[TargetCell]) -> None:
        """Show these cells (the whole grid or a slice of it) and measure the result."""
        self.shown = cells
        self.sums = list(itertools.accumulate((cell.height for cell in cells), initial=0.0))
        self.split = self._best_split(len(cells))
        self.height = self.height_of(len(cells))

    def _best_split(self, count: int) -> int:
        """How many of the first `count` cells go in the left column."""
        total = self.sums[count]
        middle = bisect.bisect_left(self.sums, total / 2, 0, count + 1)
        candidates = [k for k in (middle - 1, middle) if 0 <= k <= count]
        return min(candidates, key=lambda k: (max(self.sums[k], total - self.sums[k]), -k))

    def height_of(self, count: int) -> float:
        """The height of the grid if it showed only its first `count` cells."""
        split = self._best_split(count)
        total = self.sums[count]
        return self.head_height + max(self.sums[split], total - self.sums[split])

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        columns = (self.shown[:self.split], self.shown[self.split:])
        for index, cells in enumerate(columns):
            self._draw_column(painter, x + index * (self.column_width + self.gap), y, cells)

    def _draw_column(self, painter: QPainter, left: float, top: float,
                     cells: list[TargetCell]) -> None:
        units = self.units
        self.headers[0].draw(painter, left + self.hpad, top + self.pad)
        self.headers[1].draw(painter, left + self.label_width + self.hpad, top + self.pad)
        _hline(painter, INK, units.pt(0.8), left, top + self.head_height, self.column_width)
        y = top + self.head_height
        for cell in cells:
            cell.label.draw(painter, left + self.hpad, y + self.pad)
            cell.note.draw(painter, left + self.hpad,
                           y + self.pad + cell.label.height + cell.note_gap)
            cell.value.draw(painter, left + self.label_width + self.hpad, y + self.pad)
            y += cell.height
            _hline(painter, RULE, units.pt(0.5), left, y, self.column_width)


def target_grids(units: Units, grid: model.TargetGrid, width: float, first: float,
                 page: float, sizes: Sequence[float] = TARGET_SIZES) -> list[Flowable]:
    """The target grid at the largest of `sizes` that fits in `first`; if none does, the
    smallest size cut into pieces: the first fills `first`, the others a `page` each."""
    flow = TargetGridFlow(units, grid, width, sizes[0])
    for size in sizes[1:]:
        if flow.height <= first:
            return [flow]
        flow = TargetGridFlow(units, grid, width, size)
    if flow.height <= first or not flow.cells:
        return [flow]
    return _split_grid(flow, first, page)


def _split_grid(whole: TargetGridFlow, first: float, page: float) -> list[Flowable]:
    pieces: list[Flowable] = []
    rest = whole.cells
    room = first
    while rest:
        piece = copy.copy(whole)
        piece.set_cells(rest)
        count = _largest_fitting(piece, room)
        if count == 0 and room < page:
            room = page
            continue
        count = max(count, 1)
        piece.set_cells(rest[:count])
        pieces.append(piece)
        rest = rest[count:]
        room = page
    return pieces


def _largest_fitting(flow: TargetGridFlow, room: float) -> int:
    low, high = 0, len(flow.shown)
    while low < high:
        middle = (low + high + 1) // 2
        if flow.height_of(middle) <= room:
            low = middle
        else:
            high = middle - 1
    return low


class TableHeaderFlow(Flowable):
    def __init__(self, units: Units, headers: Sequence[str], widths: Sequence[float],
                 aligns: Sequence[Qt.AlignmentFlag], pad: tuple[float, float]) -> None:
        self.units = units
        self.widths = widths
        self.pad = pad
        self.texts = [Text(units, header, HEAD, w - 2 * pad[0], align)
                      for header, w, align in zip(headers, widths, aligns, strict=True)]
        self.height = max(t.height for t in self.texts) + 2 * pad[1]
        self.space_before = units.mm(3)
        self.keep_with_next = True
        self.may_end_page = False

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        width = sum(self.widths)
        _hline(painter, INK, self.units.pt(0.8), x, y, width)
        left = x
        for text, column_width in zip(self.texts, self.widths, strict=True):
            text.draw(painter, left + self.pad[0], y + self.pad[1])
            left += column_width
        _hline(painter, INK, self.units.pt(0.5), x, y + self.height, width)


class TableRowFlow(Flowable):
    """One table row; each cell holds one or more texts stacked."""

    def __init__(self, units: Units, cells: Sequence[Sequence[Text]], widths: Sequence[float],
                 pad: tuple[float, float], header: Flowable) -> None:
        self.units = units
        self.cells = cells
        self.widths = widths
        self.pad = pad
        self.stack_gap = units.mm(0.5)
        self.height = max(self._cell_height(cell) for cell in cells) + 2 * pad[1]
        self.repeat = header

    def _cell_height(self, cell: Sequence[Text]) -> float:
        shown = [text for text in cell if text.lines]
        return sum(text.height for text in shown) + self.stack_gap * max(0, len(shown) - 1)

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        left = x
        for cell, column_width in zip(self.cells, self.widths, strict=True):
            top = y + self.pad[1]
            for text in cell:
                if text.lines:
                    text.draw(painter, left + self.pad[0], top)
                    top += text.height + self.stack_gap
            left += column_width
        _hline(painter, RULE, self.units.pt(0.5), x, y + self.height, sum(self.widths))


FACT_COLUMNS = (0.52, 0.08, 0.1, 0.22, 0.08)
FACT_ALIGNS = (LEFT, LEFT, LEFT, LEFT, RIGHT)


def fact_table(units: Units, table: model.FactTable, width: float) -> list[Flowable]:
    widths = [width * share for share in FACT_COLUMNS]
    pad = (units.mm(1.4), units.mm(1.3))
    header = TableHeaderFlow(units, table.headers, widths, FACT_ALIGNS, pad)
    flows: list[Flowable] = [header]
    for row in table.rows:
        inner = [w - 2 * pad[0] for w in widths]
        cells = (
            (Text(units, row.label, CELL_BOLD, inner[0]),
             Text(units, row.description, CELL_NOTE, inner[0])),
            (Text(units, row.year, CELL, inner[1]),),
            (Text(units, row.kind, CELL, inner[2]),),
            (Text(units, row.value, CELL_BOLD, inner[3]),),
            (Text(units, row.paragraph, CELL, inner[4], RIGHT),),
        )
        flows.append(TableRowFlow(units, cells, widths, pad, header))
    if len(flows) >= 5:  # no lone row at a page foot or at the top of the next page
        flows[1].keep_with_next = True
        flows[-2].keep_with_next = True
    return flows


class DefinitionFlow(Flowable):
    def __init__(self, units: Units, term: str, value: str, width: float, first: bool) -> None:
        self.units = units
        self.width = width
        self.term_width = units.mm(32)
        self.pad = units.mm(1.4)
        self.term = Text(units, term, Style(8.5, True, MUTED), self.term_width - units.mm(2))
        self.value = Text(units, value, CELL, width - self.term_width)
        self.height = max(self.term.height, self.value.height) + 2 * self.pad
        self.space_before = units.mm(3) if first else 0.0
        self.keep_with_next = True  # a short list: kept whole, with the note after it

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        self.term.draw(painter, x, y + self.pad)
        self.value.draw(painter, x + self.term_width, y + self.pad)
        _hline(painter, RULE, self.units.pt(0.5), x, y + self.height, self.width)


class ChartFlow(Flowable):
    """A chart (with a caption if it has one), painted as vectors by the viewer's code."""

    def __init__(self, units: Units, chart: model.ChartBlock, width: float, page: float,
                 lang: Lang, artist: ChartArtist) -> None:
        self.chart = chart
        self.lang = lang
        self.artist = artist
        self.width = width
        self.caption = Text(units, chart.caption, CAPTION, width)
        self.gap = units.mm(2.5) if self.caption.lines else 0.0
        room = page / 2 - self.caption.height - self.gap - units.mm(4)
        self.chart_height = min(artist.height(width), room)
        self.chart_width = min(width, width * self.chart_height / max(artist.height(width), 1))
        self.height = self.caption.height + self.gap + self.chart_height
        self.space_before = units.mm(6)
        self.failed_note = Text(units, model.text("chart_failed", lang), NOTE, self.chart_width,
                                Qt.AlignmentFlag.AlignHCenter)

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        self.caption.draw(painter, x, y)
        left = x + (self.width - self.chart_width) / 2
        top = y + self.caption.height + self.gap
        rect = QRectF(left, top, self.chart_width, self.chart_height)
        if not self.artist.paint(self.chart.chart_id, self.lang, painter, rect):
            painter.fillRect(rect, FILL)
            middle = top + (rect.height() - self.failed_note.height) / 2
            self.failed_note.draw(painter, left, middle)


# --- pages -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Placed:
    flow: Flowable
    y: float


@dataclass(frozen=True, slots=True)
class PageFrame:
    """The paint rect of a page: running header and footer bands and the body between."""

    width: float
    height: float
    header_height: float
    body_top: float
    body_height: float
    footer_top: float

    @classmethod
    def of(cls, device: QPaintDevice, units: Units) -> PageFrame:
        width, height = float(device.width()), float(device.height())
        header = units.mm(6)
        body_top = units.mm(10)
        footer_top = height - units.mm(6)
        body_bottom = height - units.mm(9.5)
        return cls(width, height, header, body_top, body_bottom - body_top, footer_top)


def paginate(flows: Sequence[Flowable], body_height: float) -> list[list[Placed]]:
    """Place flowables on pages: never split one, keep chains of keep-with-next together.

    A chain taller than a page is broken, preferably not after a flowable that may not end
    a page (a heading, a table header). Time is linear in the number of flowables: a chain
    is followed no further than a page's height, and its fitting part found in one pass."""
    pages: list[list[Placed]] = [[]]
    y = 0.0
    index = 0
    while index < len(flows):
        flow = flows[index]
        if isinstance(flow, PageBreakMark):
            if pages[-1]:
                pages.append([])
                y = 0.0
            index += 1
            continue
        group = _keep_group(flows, index, body_height)
        if y + _group_height(group, y) > body_height:
            fresh = _repeat_height(flow)
            if y > 0 and fresh + _group_height(group, fresh) <= body_height:
                y = _new_page(pages, flow)
            else:
                part = _fitting_part(group, y, body_height)
                if not part and y > 0:
                    y = _new_page(pages, flow)
                    part = _fitting_part(group, y, body_height)
                group = part or group[:1]
        for member in group:
            y = _place(pages[-1], member, y)
        index += len(group)
    return pages


def _bottom(pages: list[list[Placed]]) -> float:
    """How far down the last page is filled."""
    return max((placed.y + placed.flow.height for placed in pages[-1]), default=0.0)


def _chain_height(flows: list[Flowable]) -> float:
    """The height of the keep-with-next flowables at the end of `flows` (a heading)."""
    chain: list[Flowable] = []
    for flow in reversed(flows):
        if not flow.keep_with_next:
            break
        chain.insert(0, flow)
    return _group_height(chain, 0.0)


def _repeat_height(flow: Flowable) -> float:
    return flow.repeat.height if flow.repeat is not None else 0.0


def _new_page(pages: list[list[Placed]], flow: Flowable) -> float:
    """Start a page; a table row's header goes first. Returns the height used."""
    pages.append([])
    return _place(pages[-1], flow.repeat, 0.0) if flow.repeat is not None else 0.0


def _fitting_part(group: list[Flowable], y: float, body_height: float) -> list[Flowable]:
    """The longest start of `group` that fits below `y` and may end a page; on a fresh page
    (`y` 0) where no such start fits, the longest start that fits at all (or [])."""
    total = 0.0
    best = fitting = 0
    for size, member in enumerate(group[:-1], start=1):
        total += (member.space_before if y + total > 0 else 0.0) + member.height
        if y + total > body_height:
            break
        fitting = size
        if member.may_end_page:
            best = size
    if not best and y == 0:
        best = fitting
    return group[:best]


def _keep_group(flows: Sequence[Flowable], start: int, limit: float) -> list[Flowable]:
    """The chain of keep-with-next flowables from `start`, followed no further than
    `limit` high (a longer one is broken anyway: sections without facts make one chain)."""
    group = [flows[start]]
    index = start
    height = group[0].height
    while (group[-1].keep_with_next and index + 1 < len(flows)
           and not isinstance(flows[index + 1], PageBreakMark) and height <= limit):
        index += 1
        group.append(flows[index])
        height += flows[index].space_before + flows[index].height
    return group


def _group_height(group: Sequence[Flowable], y: float) -> float:
    total = 0.0
    for member in group:
        total += (member.space_before if y + total > 0 else 0.0) + member.height
    return total


def _place(page: list[Placed], flow: Flowable, y: float) -> float:
    top = y + flow.space_before if y > 0 else y
    page.append(Placed(flow, top))
    return top + flow.height


class PrintCancelledError(ExportError):
    """The person printing stopped the printout (nothing is written)."""


class PagedLayout:
    """A document laid out for one device: `pages` of placed flowables, ready to paint."""

    def __init__(self, document: model.ReportDocument, device: QPagedPaintDevice,
                 chart_artist: ChartArtist | None = None) -> None:
        self.document = document
        self.units = Units(device)
        self.frame = PageFrame.of(device, self.units)
        self.chart_artist = chart_artist
        flows = self._summary_flows() + self._flows(document.body)
        self.pages = paginate(flows, self.frame.body_height)

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def _summary_flows(self) -> list[Flowable]:
        """Page 1, with the targets as large as fit; without the lead if that helps."""
        comfortable = [size for size in TARGET_SIZES if size >= COMFORT_SIZE]
        flows = self._summary_attempt(self.document.summary, comfortable)
        if len(self._paginate(flows)) == 1:
            return flows
        shorter = tuple(
            dataclasses.replace(element, lead="") if isinstance(element, model.TitleBlock)
            else element
            for element in self.document.summary
        )
        return self._summary_attempt(shorter, TARGET_SIZES)

    def _paginate(self, flows: list[Flowable]) -> list[list[Placed]]:
        return paginate(flows, self.frame.body_height)

    def _summary_attempt(self, elements: Sequence[model.Element],
                         sizes: Sequence[float]) -> list[Flowable]:
        flows: list[Flowable] = []
        body = self.frame.body_height
        for element in elements:
            if isinstance(element, model.TargetGrid):
                space = self.units.mm(3)
                room = body - _bottom(self._paginate(flows)) - space
                later = body - _chain_height(flows) - space
                flows += target_grids(self.units, element, self.frame.width, room, later, sizes)
            else:
                flows += self._flows((element,))
        return flows

    def _flows(self, elements: Sequence[model.Element]) -> list[Flowable]:
        units, width = self.units, self.frame.width
        flows: list[Flowable] = []
        for element in elements:
            match element:
                case model.PageBreak():
                    flows.append(PageBreakMark())
                case model.TitleBlock():
                    flows.append(TitleBlockFlow(units, element, width))
                case model.Heading():
                    flows.append(HeadingFlow(units, element, width))
                case model.Paragraph():
                    flows.append(ParagraphFlow(units, element, width))
                case model.FigureGrid():
                    flows += figure_rows(units, element, width, self.document.lang)
                case model.TargetGrid():
                    flows += target_grids(units, element, width, self.frame.body_height,
                                          self.frame.body_height)
                case model.FactTable():
                    flows += fact_table(units, element, width)
                case model.Definitions():
                    flows += [DefinitionFlow(units, term, value, width, index == 0)
                              for index, (term, value) in enumerate(element.items)]
                case model.ChartBlock():
                    if self.chart_artist is not None:
                        flows.append(ChartFlow(units, element, width, self.frame.body_height,
                                               self.document.lang, self.chart_artist))
        return flows

    def paint(self, painter: QPainter, device: QPagedPaintDevice,
              numbers: Sequence[int] | None = None,
              on_page: Callable[[int, int], bool] | None = None) -> None:
        """Paint every page, or only the page `numbers` (1-based, in order: a print range);
        the painter is active on `device` and on its first page.

        `on_page(number, pages)` is called before each page painted; when it returns False
        the printout stops with PrintCancelledError."""
        wanted = set(numbers) if numbers is not None else None
        painted = 0
        for number, page in enumerate(self.pages, start=1):
            if wanted is not None and number not in wanted:
                continue
            if on_page is not None and not on_page(number, self.page_count):
                raise PrintCancelledError("Printing was stopped before it was finished.")
            painted += 1
            if painted > 1 and not device.newPage():
                raise ExportError("The printer could not start a new page.")
            self._paint_running(painter, number)
            for placed in page:
                placed.flow.draw(painter, 0.0, self.frame.body_top + placed.y)

    def _paint_running(self, painter: QPainter, number: int) -> None:
        frame, units, document = self.frame, self.units, self.document
        font = print_font(RUNNING.size)
        metrics = QFontMetricsF(font, units.device)
        painter.setFont(font)
        painter.setPen(RUNNING.color)
        line = metrics.height()
        gap = units.mm(6)
        self._pair(painter, metrics, document.header_left, document.header_right,
                   QRectF(0, frame.header_height - units.mm(1.2) - line, frame.width, line), gap)
        footer = QRectF(0, frame.footer_top + units.mm(1.2), frame.width, line)
        label = document.page_label(number, self.page_count)
        self._pair(painter, metrics, document.footer_left, label, footer, gap)
        _hline(painter, RULE, units.pt(0.5), 0, frame.header_height, frame.width)
        _hline(painter, RULE, units.pt(0.5), 0, frame.footer_top, frame.width)

    @staticmethod
    def _pair(painter: QPainter, metrics: QFontMetricsF, left: str, right: str,
              rect: QRectF, gap: float) -> None:
        """Left and right texts on one line; the left one is shortened with … if need be."""
        painter.setPen(RUNNING.color)
        right_width = min(metrics.horizontalAdvance(right), rect.width() / 2)
        right = metrics.elidedText(right, Qt.TextElideMode.ElideMiddle, right_width + 1)
        room = rect.width() - right_width - gap
        left = metrics.elidedText(left, Qt.TextElideMode.ElideRight, room)
        for text, align in ((left, LEFT), (right, RIGHT)):
            option = QTextOption(align | Qt.AlignmentFlag.AlignVCenter)
            option.setWrapMode(QTextOption.WrapMode.NoWrap)
            painter.drawText(rect, text, option)
