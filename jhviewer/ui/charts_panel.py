"""Charts (图表): the list of charts, the selected one drawn with pyqtgraph, its exports.

The main window creates this panel (and so imports pyqtgraph) only when the Charts tab
is first shown, which keeps pyqtgraph and numpy out of start-up.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from jhviewer.data.errors import ExportError, JhviewerError
from jhviewer.data.records import ChartSpec, Lang
from jhviewer.data.store import Store
from jhviewer.ui import charts, style
from jhviewer.ui.i18n import error_text, translate
from jhviewer.ui.style import Role
from jhviewer.ui.widgets import Panel, clear_layout, role_label

LIST_WIDTH = (170, 300)  # the chart list's narrowest and widest, at scale 1
PLOT_MIN_HEIGHT = 200  # a short window (1080 lines at 200%) keeps the x-axis whole
_FILTERS = {
    "png": "PNG (*.png)",
    "svg": "SVG (*.svg)",
    "csv": "CSV (*.csv)",
}


class ChartsPanel(Panel):
    message = Signal(str)
    chart_changed = Signal(str)
    folder_changed = Signal(str)  # where the last export went, to suggest it next time

    def __init__(self, parent: QWidget | None = None, last_directory: str = "",
                 last_chart: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("charts")
        self._store: Store | None = None
        self._lang: Lang = "zh"
        self.data: charts.ChartData | None = None
        self.specs: list[ChartSpec] = []  # the charts the shown briefing declares
        self.plot_widget: QWidget | None = None
        self.last_directory = last_directory
        self._wanted_chart = last_chart  # shown once a briefing declaring it is
        self._build()
        self.retranslate()

    def _build(self) -> None:
        self.chart_list = QListWidget()
        self.chart_list.setObjectName("chart-list")
        self.chart_list.setSpacing(3)
        self.chart_list.setWordWrap(True)
        self.chart_list.setResizeMode(QListWidget.ResizeMode.Adjust)  # rewrap when resized
        self.chart_list.currentRowChanged.connect(self._on_row)
        self.list_title = style.muted(role_label("", Role.EYEBROW))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(16, 16, 8, 16)
        left_layout.addWidget(self.list_title)
        left_layout.addWidget(self.chart_list)
        self._left = left
        self._fit_list()

        self.title = role_label("", Role.HEADING, True)
        self.title.setObjectName("chart-title")
        self.subtitle = style.muted(role_label("", Role.BODY, True))
        self.subtitle.setObjectName("chart-subtitle")
        self.stack = QStackedWidget()
        self.plot_holder = QWidget()
        self.plot_layout = QVBoxLayout(self.plot_holder)
        self.plot_layout.setContentsMargins(0, 0, 0, 0)
        self.no_data = style.muted(role_label("", Role.SUBTITLE, True))
        self.no_data.setObjectName("chart-message")
        self.no_data.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.plot_holder)
        self.stack.addWidget(self.no_data)
        self.legend = QHBoxLayout()
        self.legend.setSpacing(18)
        self.source = style.muted(role_label("", Role.CAPTION, True))
        self.source.setObjectName("chart-source")
        self.buttons: dict[str, QPushButton] = {}
        button_row = QHBoxLayout()
        button_row.setSpacing(10)
        for fmt in charts.EXPORT_FORMATS:
            button = QPushButton()
            button.setObjectName(f"export-{fmt}")
            button.clicked.connect(lambda _checked=False, f=fmt: self.export_with_dialog(f))
            self.buttons[fmt] = button
            button_row.addWidget(button)
        button_row.addStretch(1)

        right = QFrame()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(16, 20, 28, 16)
        right_layout.setSpacing(6)
        right_layout.addWidget(self.title)
        right_layout.addWidget(self.subtitle)
        right_layout.addSpacing(10)
        right_layout.addWidget(self.stack, 1)
        right_layout.addLayout(self.legend)
        right_layout.addWidget(self.source)
        right_layout.addSpacing(6)
        right_layout.addLayout(button_row)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(left)
        layout.addWidget(right, 1)
        QWidget.setTabOrder(self.chart_list, self.buttons["png"])
        self.setFocusProxy(self.chart_list)

    # --- state -------------------------------------------------------------------------

    def set_store(self, store: Store | None) -> None:
        self._store = store
        self.briefing_changed()

    def briefing_changed(self) -> None:
        """List the charts of the store's chosen briefing, keeping the chart on show if this
        briefing declares one of that id, else showing its first chart."""
        shown = self.current_chart_id() or self._wanted_chart
        self.specs = self._store.charts() if self._store is not None else []
        self._fill_list()
        self.chart_list.blockSignals(True)
        if not self.show_chart(shown):
            self.chart_list.setCurrentRow(0 if self.chart_list.count() else -1)
        self.chart_list.blockSignals(False)
        self._redraw()
        if self.specs:
            self._wanted_chart = ""
            self.chart_changed.emit(self.current_chart_id())

    def set_language(self, lang: Lang) -> None:
        self._lang = lang
        self.retranslate()

    def restyle(self) -> None:
        self._fit_list()
        self._redraw()

    def _fit_list(self) -> None:
        """The chart list takes a quarter of the width, between LIST_WIDTH bounds."""
        low, high = (round(bound * style.scale()) for bound in LIST_WIDTH)
        self._left.setFixedWidth(max(low, min(high, self.width() // 4)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_list()

    def _fill_list(self) -> None:
        current = max(0, self.chart_list.currentRow())
        self.chart_list.blockSignals(True)
        self.chart_list.clear()
        for spec in self.specs:
            item = QListWidgetItem(spec.title(self._lang))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.chart_list.addItem(item)
        self.chart_list.setCurrentRow(min(current, self.chart_list.count() - 1))
        self.chart_list.blockSignals(False)

    def retranslate(self) -> None:
        self._fill_list()
        self.list_title.setText(translate("Charts", "CHARTS"))
        self.chart_list.setAccessibleName(translate("Charts", "Charts"))
        labels = {
            "png": translate("Charts", "Export PNG..."),
            "svg": translate("Charts", "Export SVG..."),
            "csv": translate("Charts", "Export CSV..."),
        }
        for fmt, button in self.buttons.items():
            button.setText(labels[fmt])
            button.setAccessibleName(labels[fmt])
        self._redraw()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.data is not None:
            self._redraw()

    def current_chart_id(self) -> str:
        """The local id of the chart on show ('' when the briefing declares none)."""
        item = self.chart_list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else ""

    def current_spec(self) -> ChartSpec | None:
        return next((s for s in self.specs if s.key == self.current_chart_id()), None)

    def show_chart(self, chart_id: str) -> bool:
        """Show the chart `chart_id` of this briefing; False if it declares none so named."""
        for row in range(self.chart_list.count()):
            if self.chart_list.item(row).data(Qt.ItemDataRole.UserRole) == chart_id:
                self.chart_list.setCurrentRow(row)
                return True
        return False

    def _on_row(self, _row: int) -> None:
        self._redraw()
        self.chart_changed.emit(self.current_chart_id())

    def _redraw(self) -> None:
        if self.plot_widget is not None:
            self.plot_widget.setParent(None)
            self.plot_widget.deleteLater()
            self.plot_widget = None
        clear_layout(self.legend)
        spec = self.current_spec()
        if self._store is None or spec is None:
            self.data = None
            message = (
                translate("Charts", "No briefing is open.") if self._store is None
                else translate("Charts", "This briefing declares no charts.")
            )
            self._show_texts("", "", "", message)
            return
        with self._store.snapshot():  # one consistent view (see Store.snapshot)
            self.data = data = charts.chart_data(self._store, spec, self._lang)
        self._show_texts(data.title, data.subtitle, data.source, data.message)
        if data.empty:
            return
        colours = charts.screen_colours(self.palette())
        self.plot_widget = charts.build_plots(data, colours, style.scale())
        self.plot_widget.setObjectName("chart-plot")
        self.plot_widget.setAccessibleName(data.title)
        self.plot_widget.setMinimumHeight(round(PLOT_MIN_HEIGHT * style.scale()))
        self.plot_layout.addWidget(self.plot_widget)
        for colour, name in data.legend():
            self.legend.addWidget(_swatch(colour))
            self.legend.addWidget(role_label(name, Role.BODY))
        self.legend.addStretch(1)

    def _show_texts(self, title: str, subtitle: str, source: str, message: str) -> None:
        self.title.setText(title)
        self.subtitle.setText(subtitle)
        self.subtitle.setVisible(bool(subtitle))
        self.source.setText(source)
        self.no_data.setText(message)
        self.stack.setCurrentWidget(self.no_data if message else self.plot_holder)
        for button in self.buttons.values():
            button.setEnabled(not message)

    # --- exports -----------------------------------------------------------------------

    def export(self, fmt: str, path: Path) -> Path:
        """Export the chart on show; raises ExportError with a readable message."""
        if self.data is None or self.data.empty:
            raise ExportError(translate("Charts", "This chart has no data to export."))
        return charts.export_chart(self.data, path, fmt)

    def export_with_dialog(self, fmt: str) -> None:
        if self.data is None or self.data.empty:
            return
        folder = Path(self.last_directory) if self.last_directory else Path.home()
        suggested = folder / f"{self.data.chart_id}-{self._lang}.{fmt}"
        name, _filter = QFileDialog.getSaveFileName(
            self, translate("Charts", "Export Chart"), str(suggested), _FILTERS[fmt]
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != f".{fmt}":
            path = path.with_name(path.name + f".{fmt}")
        try:
            self.export(fmt, path)
        except JhviewerError as error:
            box = QMessageBox(QMessageBox.Icon.Warning, translate("Charts", "Export failed"),
                              error_text(error), QMessageBox.StandardButton.Ok, self)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.exec()
            return
        self.last_directory = str(path.parent)
        self.folder_changed.emit(self.last_directory)
        self.message.emit(translate("Charts", "Saved {path}").format(path=path))


def _swatch(colour: str) -> QLabel:
    swatch = QLabel()
    size = round(14 * style.scale())
    swatch.setFixedSize(size, size)
    swatch.setStyleSheet(f"background-color: {QColor(colour).name()}; border-radius: 3px;")
    return swatch
