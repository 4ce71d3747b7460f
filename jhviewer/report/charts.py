"""Charts in the printout: the data layer's chart records, painted by code handed in.

The report never imports the window's code. Whoever prints (the window, the CLI) hands
`BriefingPrinter` a `FigurePainter`, the object that paints one `ChartData` onto a
QPainter (the viewer's is `jhviewer.ui.charts.FIGURE_PAINTER`). `ChartArtist` picks each
chart's data (`jhviewer.data.charts`) and draws the figure through SVG on its way to the
page (see SCREEN_DPI): still vectors, text still text.
"""

from __future__ import annotations

import re
from typing import Protocol

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSizeF
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator, QSvgRenderer

from jhviewer.data.charts import ChartData, chart_data
from jhviewer.data.errors import ExportError
from jhviewer.data.records import ChartSpec, Lang
from jhviewer.data.store import Store
from jhviewer.fonts import FONT_FAMILY

# Charts are drawn at screen resolution, then placed on the page as vectors: pyqtgraph
# caches axis text in QPictures, which replay text scaled by the ratio of the page's
# resolution (a PDF's 1200 dpi) to the screen's, so drawn straight onto a page the tick
# labels come out twelve times too large.
SCREEN_DPI = 96


class FigurePainter(Protocol):
    """Paints whole chart figures; the viewer's charts module provides one."""

    canvas_width: float

    def height(self, width: float) -> float:
        """The height a figure `width` wide wants."""
        ...

    def paint(self, data: ChartData, painter: QPainter, rect: QRectF) -> None:
        """Paint the complete figure (title, plots, legend, source line) into `rect`."""
        ...


class ChartArtist:
    """Paints the declared charts of one store's briefing through a FigurePainter."""

    def __init__(self, store: Store, painter: FigurePainter) -> None:
        self.store = store
        self.figures = painter
        self.failures: list[str] = []
        self._specs: dict[str, ChartSpec] = {}
        self._drawn: dict[tuple[str, str, float], QByteArray] = {}

    def height(self, width: float) -> float:
        return self.figures.height(width)

    def paint(self, chart_id: str, lang: Lang, painter: QPainter, rect: QRectF) -> bool:
        """Paint one chart (qualified id) into `rect`; False (and noted) if it failed."""
        try:
            svg = self._cached_svg(chart_id, lang, rect.height() / max(rect.width(), 1.0))
        except Exception as error:  # one broken chart must not sink the whole printout
            self.failures.append(f"{chart_id}: {type(error).__name__}: {error}")
            return False
        renderer = QSvgRenderer(svg)
        if not renderer.isValid():
            self.failures.append(f"{chart_id}: the chart could not be read back")
            return False
        painter.save()
        try:
            painter.setClipRect(rect)
            renderer.render(painter, rect)
        finally:
            painter.restore()
        return True

    def _spec(self, chart_id: str) -> ChartSpec:
        if chart_id not in self._specs:
            briefing_id = chart_id.split("/", 1)[0]
            self._specs.update({spec.id: spec for spec in self.store.charts(briefing_id)})
        if chart_id not in self._specs:
            raise ExportError("There is no chart {chart}.", chart=chart_id)
        return self._specs[chart_id]

    def _cached_svg(self, chart_id: str, lang: Lang, aspect: float) -> QByteArray:
        """The chart as SVG, drawn once (a print preview repaints on every change)."""
        key = (chart_id, lang, round(aspect, 4))
        if key not in self._drawn:
            data = chart_data(self.store, self._spec(chart_id), lang)
            self._drawn[key] = _in_our_font(self._svg(data, aspect))
        return self._drawn[key]

    def _svg(self, data: ChartData, aspect: float) -> QByteArray:
        """The chart drawn at screen resolution into SVG (vectors and text, as drawn)."""
        width = float(self.figures.canvas_width)
        size = QSizeF(width, width * aspect)
        svg = QByteArray()
        buffer = QBuffer(svg)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setResolution(SCREEN_DPI)
        generator.setSize(size.toSize())
        generator.setViewBox(QRectF(QPointF(0, 0), size))
        painter = QPainter(generator)
        try:
            self.figures.paint(data, painter, QRectF(QPointF(0, 0), size))
        finally:
            painter.end()
            buffer.close()
        return svg


_FONT_FAMILY_ATTRIBUTE = re.compile(rb'font-family="[^"]*"')


def _in_our_font(svg: QByteArray) -> QByteArray:
    """Every text of the figure in the bundled family. Text that pyqtgraph lays out as
    rich text reaches the SVG as "Sans Serif", which would fall back to a system font
    (or to boxes on a machine without CJK fonts)."""
    ours = f'font-family="{FONT_FAMILY}"'.encode()
    return QByteArray(_FONT_FAMILY_ATTRIBUTE.sub(ours, bytes(svg.data())))
