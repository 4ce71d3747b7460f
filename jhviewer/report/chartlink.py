"""The link to the viewer's vector charts (`jhviewer.ui.charts`), imported only when needed.

The charts module lists its charts (`chart_list(lang)` -> [(id, title)], or `CHART_IDS`)
and paints a complete figure, title included, with
`paint_chart(store, chart_id, lang, painter, rect)` (`paint_chart(chart_id, lang, painter,
rect)` is accepted too). Each figure goes through SVG on its way to the page (see
SCREEN_DPI): still vectors, text still text. Charts are optional in the printout: if the
module is missing, or cannot list its charts, the printout has no charts section.
Importing it loads pyqtgraph, so the summary-only path never comes here.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSizeF
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator, QSvgRenderer

from jhviewer.data.records import Lang
from jhviewer.data.store import Store
from jhviewer.fonts import FONT_FAMILY

CHARTS_MODULE = "jhviewer.ui.charts"
# Charts are drawn at screen resolution, then placed on the page as vectors: pyqtgraph
# caches axis text in QPictures, which replay text scaled by the ratio of the page's
# resolution (a PDF's 1200 dpi) to the screen's, so drawn straight onto a page the tick
# labels come out twelve times too large.
SCREEN_DPI = 96


def _module() -> ModuleType | None:
    try:
        return importlib.import_module(CHARTS_MODULE)
    except ImportError:
        return None


def _paint_function(module: ModuleType | None) -> Callable[..., Any] | None:
    paint = getattr(module, "paint_chart", None)
    return paint if callable(paint) else None


def _listing(module: ModuleType, lang: Lang) -> list[tuple[str, str]]:
    chart_list = getattr(module, "chart_list", None)
    if callable(chart_list):
        return [(str(chart_id), "") for chart_id, _title in chart_list(lang)]
    return [(str(chart_id), "") for chart_id in getattr(module, "CHART_IDS", ())]


def available_charts(lang: Lang) -> Sequence[tuple[str, str]]:
    """(chart id, caption) of every chart the viewer can paint; empty if there are none.

    The caption is empty: each figure paints its own title.
    """
    module = _module()
    if module is None or _paint_function(module) is None:
        return []
    try:
        return _listing(module, lang)
    except Exception:
        return []


class ChartArtist:
    """Paints the charts of one store through the charts module."""

    def __init__(self, store: Store, module: ModuleType, paint: Callable[..., Any]) -> None:
        self.store = store
        self.module = module
        self._paint = paint
        self._wants_store = next(iter(inspect.signature(paint).parameters), "") == "store"
        self.failures: list[str] = []
        self._drawn: dict[tuple[str, str, float], QByteArray] = {}

    def height(self, width: float) -> float:
        """The height the charts module wants for a figure `width` wide (else 0.6 of it)."""
        height = getattr(self.module, "figure_height", None)
        return float(height(width)) if callable(height) else width * 0.6

    def paint(self, chart_id: str, lang: Lang, painter: QPainter, rect: QRectF) -> bool:
        """Paint one chart into `rect`; False (and the error noted) if the chart failed."""
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

    def _cached_svg(self, chart_id: str, lang: Lang, aspect: float) -> QByteArray:
        """The chart as SVG, drawn once (a print preview repaints on every change)."""
        key = (chart_id, lang, round(aspect, 4))
        if key not in self._drawn:
            self._drawn[key] = _in_our_font(self._svg(chart_id, lang, aspect))
        return self._drawn[key]

    def _svg(self, chart_id: str, lang: Lang, aspect: float) -> QByteArray:
        """The chart drawn at screen resolution into SVG (vectors and text, as drawn)."""
        width = float(getattr(self.module, "CANVAS_WIDTH", 960))
        size = QSizeF(width, width * aspect)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setResolution(SCREEN_DPI)
        generator.setSize(size.toSize())
        generator.setViewBox(QRectF(QPointF(0, 0), size))
        painter = QPainter(generator)
        try:
            area = QRectF(QPointF(0, 0), size)
            if self._wants_store:
                self._paint(self.store, chart_id, lang, painter, area)
            else:
                self._paint(chart_id, lang, painter, area)
        finally:
            painter.end()
            buffer.close()
        return data


_FONT_FAMILY_ATTRIBUTE = re.compile(rb'font-family="[^"]*"')


def _in_our_font(svg: QByteArray) -> QByteArray:
    """Every text of the figure in the bundled family. Text that pyqtgraph lays out as
    rich text reaches the SVG as "Sans Serif", which would fall back to a system font
    (or to boxes on a machine without CJK fonts)."""
    ours = f'font-family="{FONT_FAMILY}"'.encode()
    return QByteArray(_FONT_FAMILY_ATTRIBUTE.sub(ours, bytes(svg.data())))


def chart_artist(store: Store) -> ChartArtist | None:
    """The painter of `store`'s charts, or None where the viewer has no charts."""
    module = _module()
    paint = _paint_function(module)
    if module is None or paint is None:
        return None
    return ChartArtist(store, module, paint)
