"""Lay out and paint a ReportDocument on any paged device (PDF writer, printer).

The page design: the page frame (running header and footer bands and the body), the
document turned into flowables (`report.flowables`, measured with `report.typeset`),
placed on pages by `report.paginate`, then painted page by page.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QFontMetricsF,
    QPagedPaintDevice,
    QPaintDevice,
    QPainter,
    QTextOption,
)

from jhviewer.data.errors import ExportError
from jhviewer.report import content as model
from jhviewer.report.flowables import (
    ChartArtist,
    ChartFlow,
    DefinitionFlow,
    HeadingFlow,
    ParagraphFlow,
    TitleBlockFlow,
    fact_table,
    figure_rows,
    target_grids,
)
from jhviewer.report.paginate import (
    Flowable,
    PageBreakMark,
    Placed,
    bottom_of,
    chain_height,
    paginate,
)
from jhviewer.report.typeset import (
    COMFORT_SIZE,
    LEFT,
    RIGHT,
    RULE,
    RUNNING,
    TARGET_SIZES,
    Units,
    hline,
    print_font,
)


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
                room = body - bottom_of(self._paginate(flows)) - space
                later = body - chain_height(flows) - space
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
        hline(painter, RULE, units.pt(0.5), 0, frame.header_height, frame.width)
        hline(painter, RULE, units.pt(0.5), 0, frame.footer_top, frame.width)

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
