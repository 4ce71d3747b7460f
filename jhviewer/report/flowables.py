"""The printout's flowables: each element of a ReportDocument as unbreakable blocks of
measured height that know how to draw themselves (headings, paragraphs, the title block,
headline cards, the targets grid, table rows, definitions, charts).
"""

from __future__ import annotations

import bisect
import copy
import itertools
from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QPainter,
)

from jhviewer.data.records import Lang
from jhviewer.report import content as model
from jhviewer.report.paginate import Flowable
from jhviewer.report.typeset import (
    ACCENT,
    BODY,
    CAPTION,
    CELL,
    CELL_BOLD,
    CELL_NOTE,
    FIGURE_CAPTION,
    FIGURE_LABEL,
    FIGURE_SIZES,
    FILL,
    HEAD,
    INK,
    KICKER,
    LEAD,
    LEFT,
    META,
    MUTED,
    NOTE,
    PART,
    RIGHT,
    RULE,
    SECTION,
    TARGET_SIZES,
    TITLE,
    Style,
    Text,
    Units,
    char_format,
    format_range,
    hline,
)


class ChartArtist(Protocol):
    """Paints a declared chart by its qualified id (see report.charts.ChartArtist)."""

    def height(self, width: float) -> float: ...

    def paint(self, chart_id: str, lang: Lang, painter: QPainter, rect: QRectF) -> bool: ...



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
            hline(painter, ACCENT, self.units.pt(1.2), x, rule_y, self.width)
        else:
            hline(painter, ACCENT, self.units.pt(1.2), x, rule_y, self.units.mm(12))
            hline(painter, RULE, self.units.pt(0.5), x + self.units.mm(12), rule_y,
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
    small = char_format(9, False, MUTED)
    big = char_format(size, True, ACCENT)
    separator = " " if lang == "en" else ""
    parts = [(figure.prefix, small), (figure.number, big), (figure.unit, small),
             (figure.suffix, small)]
    parts = [(part, fmt) for part, fmt in parts if part]
    value = ""
    spans = []
    for part, part_format in parts:
        if value:
            value += LINE_SEPARATOR if prefix_apart and value == figure.prefix else separator
        spans.append(format_range(len(value), len(part), part_format))
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
        hline(painter, INK, units.pt(0.8), left, top + self.head_height, self.column_width)
        y = top + self.head_height
        for cell in cells:
            cell.label.draw(painter, left + self.hpad, y + self.pad)
            cell.note.draw(painter, left + self.hpad,
                           y + self.pad + cell.label.height + cell.note_gap)
            cell.value.draw(painter, left + self.label_width + self.hpad, y + self.pad)
            y += cell.height
            hline(painter, RULE, units.pt(0.5), left, y, self.column_width)


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
        hline(painter, INK, self.units.pt(0.8), x, y, width)
        left = x
        for text, column_width in zip(self.texts, self.widths, strict=True):
            text.draw(painter, left + self.pad[0], y + self.pad[1])
            left += column_width
        hline(painter, INK, self.units.pt(0.5), x, y + self.height, width)


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
        hline(painter, RULE, self.units.pt(0.5), x, y + self.height, sum(self.widths))


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
        hline(painter, RULE, self.units.pt(0.5), x, y + self.height, self.width)


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


