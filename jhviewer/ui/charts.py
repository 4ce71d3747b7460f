"""The briefing's charts drawn with pyqtgraph, and their exports.

The data of each chart (which facts, how labelled) comes from the Qt-free
`jhviewer.data.charts`; this module draws it:

* `build_plots(data, colours, scale)` draws the bars with pyqtgraph.
* `paint_figure(data, painter, rect, colours)` paints a complete figure (title, subtitle,
  plots, legend, source line) onto any QPainter: a PDF page, an SVG generator or an image.
  `FIGURE_PAINTER` hands this to the printout (`jhviewer.report.charts`).
* `export_chart(data, path)` writes PNG, SVG or CSV.

Figures are laid out on a canvas of `CANVAS_WIDTH` logical pixels with pixel-sized fonts
and scaled to the target, so they look the same on screen, in a PNG and on paper.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QBuffer, QIODevice, QPointF, QRect, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPalette
from PySide6.QtSvg import QSvgGenerator

from jhviewer.data.atomic import write_bytes
from jhviewer.data.charts import SERIES_COLOURS, Bar, ChartData, Plot, chart_data
from jhviewer.data.errors import ExportError
from jhviewer.data.export import write_csv
from jhviewer.data.format import plain_number
from jhviewer.data.records import ChartSpec, Lang
from jhviewer.data.store import Store
from jhviewer.fonts import FONT_FAMILY, bundled_font

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

CANVAS_WIDTH = 960
CANVAS_HEIGHT = 600
TICK_PIXELS = 13  # axis labels and category names, at scale 1
PNG_SCALE = 2

__all__ = [
    "FIGURE_PAINTER", "Bar", "ChartData", "Plot", "build_plots", "chart_data", "export_chart",
    "paint_chart", "paint_figure",
]


# --- plotting ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Colours:
    background: QColor
    text: QColor
    muted: QColor
    grid: QColor


PAPER = Colours(QColor("#ffffff"), QColor("#1f2329"), QColor("#5b6472"), QColor("#d5dae1"))


@dataclass(frozen=True)
class FigureType:
    """A figure's canvas and type: laid out `width` canvas pixels wide (then scaled to the
    target), every text size and gap times `text` (title 24 px, subtitle 15, ticks 13, value
    labels 15, source 12 at 1), with `margin` canvas pixels round it.

    Pages, PNGs and SVGs use the default; presentation mode lays a chart out at the
    screen's own pixels with type sized from the screen's height."""

    width: float = CANVAS_WIDTH
    text: float = 1.0
    margin: float = 32.0


PRINTED = FigureType()


def screen_colours(palette: QPalette) -> Colours:
    """Chart colours from the window's palette, so charts follow a dark theme."""
    return Colours(
        background=palette.color(QPalette.ColorRole.Base),
        text=palette.color(QPalette.ColorRole.Text),
        muted=palette.color(QPalette.ColorRole.PlaceholderText),
        grid=palette.color(QPalette.ColorRole.Mid),
    )


def chart_font(pixels: float, bold: bool = False) -> QFont:
    """The bundled font at a pixel size: charts scale as drawings, not as text."""
    font = bundled_font(10, bold=bold)
    font.setPixelSize(max(1, round(pixels)))
    return font


def nice_ticks(top: float) -> list[float]:
    """Round tick values from 0 to at least `top` (about five of them)."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    count = math.ceil(top / step - 1e-9)
    return [float(step * i) for i in range(count + 1)]


def build_plots(data: ChartData, colours: Colours, scale: float = 1.0) -> pg.GraphicsLayoutWidget:
    """The chart's plots side by side (titles, legend and source are drawn around them)."""
    widget = pg.GraphicsLayoutWidget()
    widget.setBackground(colours.background)
    widget.ci.setContentsMargins(0, 0, 0, 0)
    widget.ci.setSpacing(round(28 * scale))
    for column, plot in enumerate(data.plots):
        orientation = "bottom" if plot.horizontal else "left"
        item = widget.addPlot(
            row=0, col=column, axisItems={orientation: ValueAxis(orientation)}
        )
        _draw_plot(item, plot, colours, scale)
    return widget


class ValueAxis(pg.AxisItem):
    """The value axis: its end labels ('0' and the top tick) may reach past the plot.

    With a grid, pyqtgraph clips tick labels to the plot's own rectangle, so the '0' at the
    corner, half outside it, was never drawn.
    """

    def boundingRect(self) -> QRectF:
        rect = super().boundingRect()
        reach = 0.6 * QFontMetricsF(self.style["tickFont"] or QFont()).height()
        if self.orientation in ("left", "right"):
            return rect.adjusted(0, -reach, 0, reach)
        return rect.adjusted(-3 * reach, 0, 3 * reach, 0)


def _draw_plot(item: pg.PlotItem, plot: Plot, colours: Colours, scale: float) -> None:
    item.setMenuEnabled(False)
    item.setMouseEnabled(x=False, y=False)
    item.hideButtons()
    if plot.title:
        # pyqtgraph puts the style in a single-quoted attribute: the family is double-quoted,
        # or the quote ends the attribute and the size and weight are lost.
        item.setTitle(
            html.escape(plot.title), color=colours.text.name(), size=f"{round(15 * scale)}px",
            bold=True, family=f'"{FONT_FAMILY}"',
        )
    top = max([bar.value for bar in plot.bars] + [plot.limit or 0.0])
    ticks = nice_ticks(plot.limit if plot.limit else top)
    reach = max(ticks[-1], top) * 1.16  # room for the value labels past the longest bar
    value_axis, category_axis = ("bottom", "left") if plot.horizontal else ("left", "bottom")
    thickness = 0.6 if len(plot.bars) > 3 else 0.45  # two fat bars look like blocks
    for index, bar in enumerate(plot.bars):
        _draw_bar(item, index, bar, plot.horizontal, reach, colours, scale, thickness)
    _style_axis(item.getAxis(value_axis), colours, scale)
    _style_axis(item.getAxis(category_axis), colours, scale)
    _value_ticks(item.getAxis(value_axis), ticks, plot, colours, scale)
    _category_ticks(item.getAxis(category_axis), plot, scale)
    count = len(plot.bars)
    if plot.horizontal:
        item.getViewBox().invertY(True)
        item.setXRange(0, reach, padding=0)
        item.setYRange(-0.6, count - 0.4, padding=0)
        item.showGrid(x=True, y=False, alpha=0.35)
    else:
        item.setYRange(0, reach, padding=0)
        item.setXRange(-0.6, count - 0.4, padding=0)
        item.showGrid(x=False, y=True, alpha=0.35)
    view = item.getViewBox()
    view.sigResized.connect(lambda box: _make_room_for_labels(box, plot, reach, scale))
    _make_room_for_labels(view, plot, reach, scale)


def _make_room_for_labels(view: pg.ViewBox, plot: Plot, reach: float, scale: float) -> None:
    """Widen the value axis until every bar's value label fits inside the plot at its
    current size in pixels (a narrow window or a large scale needs more than `reach`)."""
    metrics = QFontMetricsF(chart_font(15 * scale, bold=True))
    rect = view.boundingRect()
    pixels = rect.width() if plot.horizontal else rect.height()
    needed = reach
    for bar in plot.bars:
        label = metrics.horizontalAdvance(bar.text) if plot.horizontal else metrics.height()
        room = pixels - label * 1.1 - 4
        if bar.value > 0 and room > pixels * 0.2:
            needed = max(needed, bar.value * pixels / room)
    if plot.horizontal:
        view.setXRange(0, needed, padding=0)
    else:
        view.setYRange(0, needed, padding=0)


def _draw_bar(
    item: pg.PlotItem, index: int, bar: Bar, horizontal: bool, reach: float,
    colours: Colours, scale: float, thickness: float,
) -> None:
    colour = QColor(SERIES_COLOURS[bar.series])
    size = {"height": thickness} if horizontal else {"width": thickness}
    place = {"x0": 0, "y": index, "width": bar.value} if horizontal else {
        "x": index, "y0": 0, "height": bar.value
    }
    graphic = pg.BarGraphItem(**place, **size, brush=colour, pen=pg.mkPen(None))
    graphic.setToolTip(_escaped_tip(bar.tip))
    item.addItem(graphic)
    anchor = (0.0, 0.5) if horizontal else (0.5, 1.0)
    label = pg.TextItem(bar.text, color=colours.text, anchor=anchor)
    label.setFont(chart_font(15 * scale, bold=True))
    gap = reach * 0.008
    if horizontal:
        label.setPos(bar.value + gap, index)
    else:
        label.setPos(index, bar.value + gap)
    item.addItem(label)


def _escaped_tip(lines: tuple[str, ...]) -> str:
    return "<qt>" + "<br>".join(html.escape(line) for line in lines if line) + "</qt>"


def _style_axis(axis: pg.AxisItem, colours: Colours, scale: float) -> None:
    axis.setPen(pg.mkPen(colours.grid))
    axis.setTextPen(pg.mkPen(colours.text))
    axis.setStyle(tickFont=chart_font(TICK_PIXELS * scale), tickTextOffset=round(8 * scale))


def _value_ticks(
    axis: pg.AxisItem, ticks: list[float], plot: Plot, colours: Colours, scale: float
) -> None:
    """Value ticks (0 included) with room for the widest label and the unit beside them.

    pyqtgraph drops a tick label that does not fit inside the axis (so '1,000,000' vanished
    from a narrow vertical axis, and '0' half past the end of a horizontal one), and sizes
    the axis only after a first paint, which an export never has. So the room is measured
    here from the labels themselves, and labels may reach past the axis ends.
    """
    labels = [(tick, _tick_text(tick)) for tick in ticks]
    axis.setTicks([labels, []])
    axis.setLabel(
        html.escape(plot.unit), color=colours.muted.name(),
        **{"font-size": f"{round(13 * scale)}px", "font-family": f'"{FONT_FAMILY}"'},
    )
    metrics = QFontMetricsF(chart_font(TICK_PIXELS * scale))
    # pyqtgraph adds the tick offset and the unit label's height to these text spaces.
    widest = max(metrics.horizontalAdvance(text) for _tick, text in labels)
    axis.setStyle(
        hideOverlappingLabels=False, autoExpandTextSpace=False,
        tickTextWidth=math.ceil(widest + 4 * scale), tickTextHeight=math.ceil(metrics.height()),
    )


def _tick_text(value: float) -> str:
    return plain_number(round(float(value), 6), grouping=True)


def _category_ticks(axis: pg.AxisItem, plot: Plot, scale: float) -> None:
    """Category names as ticks, shortened to fit (the bar's tooltip has the full name)."""
    font = chart_font(TICK_PIXELS * scale)
    metrics = QFontMetricsF(font)
    limit = 340 * scale if plot.horizontal else 200 * scale
    labels = [
        metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, limit) for bar in plot.bars
    ]
    axis.setTicks([list(enumerate(labels)), []])
    axis.setStyle(tickLength=0)
    if plot.horizontal:
        widest = max((metrics.horizontalAdvance(label) for label in labels), default=0)
        axis.setWidth(round(widest + 18 * scale))
    else:
        axis.setHeight(round(metrics.height() + 16 * scale))


# --- whole figures -------------------------------------------------------------------------


def figure_height(width: float = CANVAS_WIDTH) -> float:
    return width * CANVAS_HEIGHT / CANVAS_WIDTH


def paint_chart(
    store: Store, spec: ChartSpec, lang: Lang, painter: QPainter, rect: QRectF | QRect
) -> None:
    """Paint the declared chart `spec` into `rect` of any QPainter (page, SVG, image).

    The figure is laid out at CANVAS_WIDTH logical pixels and scaled to `rect`'s width,
    keeping the aspect of `rect`. Needs a QApplication; uses print colours (white paper).
    """
    paint_figure(chart_data(store, spec, lang), painter, QRectF(rect), PAPER)


class _FigurePainter:
    """The printout's way to paint figures (see jhviewer.report.charts.FigurePainter)."""

    canvas_width = float(CANVAS_WIDTH)

    def height(self, width: float) -> float:
        return figure_height(width)

    def paint(self, data: ChartData, painter: QPainter, rect: QRectF) -> None:
        paint_figure(data, painter, rect, PAPER)


FIGURE_PAINTER = _FigurePainter()


def paint_figure(
    data: ChartData, painter: QPainter, rect: QRectF, colours: Colours,
    figure: FigureType = PRINTED,
) -> None:
    """Paint the whole figure (title, subtitle, plots, legend, source) into `rect`: laid
    out on a canvas `figure.width` pixels wide, as tall as `rect`'s aspect makes it, and
    scaled to `rect`."""
    factor = rect.width() / figure.width
    canvas = QSizeF(figure.width, rect.height() / factor if factor else figure_height())
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.translate(rect.topLeft())
        painter.scale(factor, factor)
        painter.fillRect(QRectF(QPointF(0, 0), canvas), colours.background)
        _paint_canvas(data, painter, canvas, colours, figure)
    finally:
        painter.restore()


def _text_block(
    painter: QPainter, text: str, font: QFont, colour: QColor, top: float, width: float,
    margin: float,
) -> float:
    """Draw wrapped `text` at `top`; return its height."""
    if not text:
        return 0.0
    painter.setFont(font)
    painter.setPen(colour)
    box = QRectF(margin, top, width - 2 * margin, 10_000)
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(
        Qt.TextFlag.TextWordWrap
    )
    used = painter.boundingRect(box, flags, text)
    painter.drawText(box, flags, text)
    return used.height()


def _measure(text: str, font: QFont, width: float) -> float:
    if not text:
        return 0.0
    flags = int(Qt.TextFlag.TextWordWrap)
    box = QRectF(0, 0, width, 10_000)
    return QFontMetricsF(font).boundingRect(box, flags, text).height()


@dataclass(frozen=True)
class _Frame:
    """Where a figure's parts go on its canvas (canvas pixels)."""

    title_top: float
    subtitle_top: float
    source_top: float
    legend_top: float  # meaningful only with a legend
    plots: QRectF


def _frame(data: ChartData, canvas: QSizeF, figure: FigureType) -> _Frame:
    width, height = canvas.width(), canvas.height()
    text, margin = figure.text, figure.margin
    inner = width - 2 * margin
    title_top = margin
    subtitle_top = title_top + _measure(data.title, chart_font(24 * text, True), inner)
    subtitle_top += 6 * text
    top = subtitle_top + _measure(data.subtitle, chart_font(15 * text), inner) + 18 * text
    source_top = height - margin - _measure(data.source, chart_font(12 * text), inner)
    bottom = source_top
    legend_top = bottom
    if data.legend():
        bottom -= 34 * text
        legend_top = bottom
    plots = QRectF(margin, top, inner, max(40.0 * text, bottom - 16 * text - top))
    return _Frame(title_top, subtitle_top, source_top, legend_top, plots)


def plot_area(data: ChartData, canvas: QSizeF, figure: FigureType = PRINTED) -> QRectF:
    """The rectangle of a `canvas`-sized figure (canvas pixels) that its plots fill, below
    the title and subtitle and above the legend and the source line."""
    return _frame(data, canvas, figure).plots


def _paint_canvas(
    data: ChartData, painter: QPainter, canvas: QSizeF, colours: Colours, figure: FigureType
) -> None:
    width, text, margin = canvas.width(), figure.text, figure.margin
    frame = _frame(data, canvas, figure)
    _text_block(painter, data.title, chart_font(24 * text, bold=True), colours.text,
                frame.title_top, width, margin)
    _text_block(painter, data.subtitle, chart_font(15 * text), colours.muted,
                frame.subtitle_top, width, margin)
    _text_block(painter, data.source, chart_font(12 * text), colours.muted, frame.source_top,
                width, margin)
    legend = data.legend()
    if legend:
        _paint_legend(painter, legend, QPointF(margin, frame.legend_top), colours, text)
    area = frame.plots
    if data.empty:
        painter.setFont(chart_font(17 * text))
        painter.setPen(colours.muted)
        painter.drawText(area, int(Qt.AlignmentFlag.AlignCenter), data.message)
        return
    with offscreen_plots(data, colours, area.size(), text) as widget:
        widget.scene().render(painter, area, QRectF(QPointF(0, 0), area.size()))


def _paint_legend(
    painter: QPainter, legend: list[tuple[str, str]], origin: QPointF, colours: Colours,
    scale: float = 1.0,
) -> None:
    font = chart_font(13 * scale)
    metrics = QFontMetricsF(font)
    painter.setFont(font)
    x = origin.x()
    top = origin.y() + 6 * scale
    for colour, name in legend:
        painter.fillRect(QRectF(x, top, 14 * scale, 14 * scale), QColor(colour))
        painter.setPen(colours.text)
        painter.drawText(QPointF(x + 20 * scale, top + metrics.ascent() - scale), name)
        x += (20 + 28) * scale + metrics.horizontalAdvance(name)


@contextmanager
def offscreen_plots(
    data: ChartData, colours: Colours, size: QSizeF, scale: float = 1.0
) -> Iterator[pg.GraphicsLayoutWidget]:
    """The plots laid out at `size` (type at `scale`, see build_plots) without showing a
    window; deleted afterwards."""
    widget = build_plots(data, colours, scale)
    try:
        width, height = round(size.width()), round(size.height())
        widget.resize(width, height)
        widget.ci.setGeometry(QRectF(0, 0, width, height))
        widget.ci.layout.activate()
        yield widget
    finally:
        # Deleting now, not on the event loop: a hidden pyqtgraph view left to the garbage
        # collector can outlive the QApplication and crash the interpreter at exit.
        shiboken6.delete(widget)


@dataclass(frozen=True)
class PlotText:
    """One text drawn in a figure's plots, where it lands in the plot area (pixels)."""

    kind: str  # "category" (a bar's name), "tick" (a value on the axis) or "value" (a bar's)
    text: str
    rect: QRectF
    pixels: int  # its font's pixel size


@dataclass(frozen=True)
class PlotLayout:
    """What a plot area of a figure shows once laid out: the plot rectangles (where bars
    are drawn) and every tick and value label, in the plot area's pixels."""

    size: QSizeF
    views: list[QRectF]
    texts: list[PlotText]
    bars: int  # how many bars (and so category names) there are in all

    def problems(self) -> list[str]:
        """What a reader would find wrong: a name missing, shortened or overlapping another,
        a label outside the plot area, a bar's value outside its plot. Empty when fine."""
        problems: list[str] = []
        area = QRectF(QPointF(0, 0), self.size).adjusted(-0.5, -0.5, 0.5, 0.5)
        names = [text for text in self.texts if text.kind == "category"]
        if len(names) != self.bars:
            problems.append(f"{self.bars - len(names)} category names not drawn")
        for text in self.texts:
            if text.kind == "category" and "…" in text.text:
                problems.append(f"shortened: {text.text}")
            if text.kind != "value" and not area.contains(text.rect):
                problems.append(f"outside the plot area: {text.text}")
            if text.kind == "value" and not any(
                view.adjusted(-0.5, -0.5, 0.5, 0.5).contains(text.rect) for view in self.views
            ):
                problems.append(f"outside its plot: {text.text}")
        for index, first in enumerate(names):
            for second in names[index + 1:]:
                if first.rect.adjusted(0, -1, 0, 1).intersects(second.rect):
                    problems.append(f"overlapping: {first.text} / {second.text}")
        return problems


def plot_layout(data: ChartData, colours: Colours, size: QSizeF, scale: float = 1.0) -> PlotLayout:
    """The figure's plots laid out in a plot area of `size` with type at `scale` (as
    `paint_figure` draws them): where each plot, tick and value label lands."""
    from PySide6.QtGui import QImage

    views: list[QRectF] = []
    texts: list[PlotText] = []
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    with offscreen_plots(data, colours, size, scale) as widget:
        widget.scene().prepareForPaint()  # the views' ranges as a paint would set them
        painter = QPainter(image)
        try:
            for column, plot in enumerate(data.plots):
                item = widget.ci.getItem(0, column)
                view = item.getViewBox()
                views.append(view.sceneBoundingRect())
                names, values = ("left", "bottom") if plot.horizontal else ("bottom", "left")
                for side, kind in ((names, "category"), (values, "tick")):
                    axis = item.getAxis(side)
                    pixels = axis.style["tickFont"].pixelSize()
                    _axis, _ticks, drawn = axis.generateDrawSpecs(painter)
                    texts.extend(PlotText(kind, text, axis.mapRectToScene(QRectF(rect)), pixels)
                                 for rect, _flags, text in drawn)
                for label in view.addedItems:
                    if isinstance(label, pg.TextItem):
                        label.updateTransform(force=True)
                        texts.append(PlotText("value", label.toPlainText(),
                                              label.sceneBoundingRect(),
                                              label.textItem.font().pixelSize()))
        finally:
            painter.end()
    return PlotLayout(size, views, texts, sum(len(plot.bars) for plot in data.plots))


# --- exports -----------------------------------------------------------------------------

EXPORT_FORMATS = ("png", "svg", "csv")
_SVG_NS = "http://www.w3.org/2000/svg"


def export_chart(
    data: ChartData, path: Path, fmt: str | None = None, *, force: bool = False
) -> Path:
    """Write the chart as PNG, SVG or CSV (by `fmt` or the file's suffix), all-or-nothing.

    The file is made in memory and written through `jhviewer.data.atomic.write_bytes`, so a full
    disk, a device, a read-only file or the open database raise WriteError and change
    nothing. The SVG has its text as outlines (it renders the same without our font).
    """
    kind = (fmt or path.suffix.lstrip(".")).lower()
    if kind not in EXPORT_FORMATS:
        if not kind:
            raise ExportError("Cannot export a chart as a file without a suffix.")
        raise ExportError("Cannot export a chart as {kind}.", kind=kind)
    if data.empty:
        raise ExportError("“{title}” has no data to export.", title=data.title)
    if kind == "csv":
        return write_csv(path, CSV_HEADER, csv_rows(data), force=force)
    if kind == "png":
        return write_bytes(path, png_bytes(data), verify=_png_complete, force=force)
    return write_bytes(path, svg_bytes(data), verify=_svg_complete, force=force)


def png_bytes(data: ChartData) -> bytes:
    """The figure as a PNG at PNG_SCALE times the canvas (1920×1200 pixels)."""
    size = QSize(CANVAS_WIDTH * PNG_SCALE, CANVAS_HEIGHT * PNG_SCALE)
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(PAPER.background)
    painter = QPainter(image)
    try:
        paint_figure(data, painter, QRectF(0, 0, size.width(), size.height()), PAPER)
    finally:
        painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ExportError("Could not write the image {name}.", name="PNG")
    return bytes(buffer.data().data())


def svg_bytes(data: ChartData) -> bytes:
    """The figure as SVG (960×600 user units) with every text drawn as outlines.

    QSvgGenerator writes text as <text> naming the app's private font, which another
    machine lacks (boxes, Japanese glyph forms, English overflowing the bars); each <text>
    is replaced by the <path> of the same glyphs, as Qt itself shapes them.
    """
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(CANVAS_WIDTH, CANVAS_HEIGHT))
    generator.setViewBox(QRect(0, 0, CANVAS_WIDTH, CANVAS_HEIGHT))
    generator.setResolution(96)
    generator.setTitle(data.title)
    generator.setDescription(data.source)
    painter = QPainter(generator)
    try:
        paint_figure(data, painter, QRectF(0, 0, CANVAS_WIDTH, CANVAS_HEIGHT), PAPER)
    finally:
        painter.end()
    return svg_text_to_paths(bytes(buffer.data().data()))


def svg_text_to_paths(svg: bytes) -> bytes:
    """Replace every <text> of a QSvgGenerator document by a <path> of its glyph outlines.

    Reads the font's pixel size, weight and style from the element or its group (the
    family is always the bundled one), and keeps the fill colour and opacity; the result
    names no font at all.
    """
    import xml.etree.ElementTree as ElementTree

    ElementTree.register_namespace("", _SVG_NS)
    ElementTree.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    root = ElementTree.fromstring(svg)
    text_tag = f"{{{_SVG_NS}}}text"
    for group in root.iter():
        for index, child in enumerate(list(group)):
            if child.tag != text_tag:
                continue
            group.remove(child)
            path = _text_path(child, group)
            if path is not None:
                group.insert(index, path)
    for element in root.iter():
        for name in ("font-family", "font-size", "font-weight", "font-style"):
            element.attrib.pop(name, None)
    body = ElementTree.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + body + "\n").encode()


def _text_path(text: Element, group: Element) -> Element | None:
    """The <path> drawing `text` (a QSvgGenerator <text> inside `group`), or None if blank."""
    import xml.etree.ElementTree as ElementTree

    content = "".join(text.itertext())
    if not content.strip():
        return None

    def attribute(name: str, default: str) -> str:
        return text.get(name) or group.get(name) or default

    font = QFont()
    # Every text of a figure is set in the bundled family (with its zh-Hans substitutes);
    # rich text that pyqtgraph lays out reaches the SVG named "Sans Serif", so the name
    # in the SVG is not trusted.
    font.setFamilies([FONT_FAMILY])
    font.setPixelSize(max(1, round(float(attribute("font-size", "12")))))
    font.setWeight(QFont.Weight(int(float(attribute("font-weight", "400")))))
    font.setItalic(attribute("font-style", "normal") == "italic")
    outline = QPainterPath()
    outline.addText(QPointF(float(text.get("x", "0")), float(text.get("y", "0"))), font, content)
    path = ElementTree.Element(f"{{{_SVG_NS}}}path")
    path.set("d", _path_data(outline))
    path.set("fill", text.get("fill") or group.get("fill") or "#000000")
    opacity = text.get("fill-opacity") or group.get("fill-opacity")
    if opacity:
        path.set("fill-opacity", opacity)
    path.set("stroke", "none")
    path.set("fill-rule", "nonzero")
    return path


def _path_data(path: QPainterPath) -> str:
    """SVG path data ('M x y L ... C ... Z') for a QPainterPath."""
    parts: list[str] = []
    count = path.elementCount()
    index = 0
    kinds = QPainterPath.ElementType
    while index < count:
        element = path.elementAt(index)
        if element.type == kinds.MoveToElement:
            if parts:
                parts.append("Z")
            parts.append(f"M{element.x:.2f} {element.y:.2f}")
            index += 1
        elif element.type == kinds.LineToElement:
            parts.append(f"L{element.x:.2f} {element.y:.2f}")
            index += 1
        else:  # a cubic: this control point, then two CurveToData points
            first, second, end = element, path.elementAt(index + 1), path.elementAt(index + 2)
            parts.append(
                f"C{first.x:.2f} {first.y:.2f} {second.x:.2f} {second.y:.2f} "
                f"{end.x:.2f} {end.y:.2f}"
            )
            index += 3
    if parts:
        parts.append("Z")
    return "".join(parts)


def _png_complete(data: bytes) -> bool:
    return data.startswith(b"\x89PNG\r\n\x1a\n") and data.endswith(b"IEND\xaeB`\x82")


def _svg_complete(data: bytes) -> bool:
    return data.rstrip().endswith(b"</svg>")


CSV_HEADER = ("chart", "plot", "category", "value", "unit", "shown_as", "series", "source")


def csv_rows(data: ChartData) -> list[tuple[str, ...]]:
    """One row per bar, in CSV_HEADER's order (the value as a plain number)."""
    return [
        (data.title, plot.title, bar.label, plain_number(bar.value), plot.unit, bar.text,
         bar.series_name, data.source)
        for plot in data.plots
        for bar in plot.bars
    ]
