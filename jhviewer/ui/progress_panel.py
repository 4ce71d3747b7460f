"""The progress pane beside the targets-summary cards: one target's entries over time, and
the form to record them.

Pick a target; the chart (pyqtgraph) shows its entries against the target line and, for a
count or amount, the linear path from zero at the start of the year to the target at its
end. Below, the current entries (select one to edit or retract it) and a form that checks
what you type as you type it, with the data layer's own rules (`validate_entry`: a number,
a unit that converts, a date in the target's year and not in the future). Undo takes back
this window's last add, edit or retraction. "Show history" lists every row ever stored for
the target, superseded and retracted ones marked as such (entries are never overwritten:
an edit or a retraction adds a row). A figure more than 10 times the target is allowed
with a warning (`model.sanity_warning`). `run_import` previews a CSV or .xlsx file, every
row to be added and every row refused with its reason, before one transaction.

Its texts are Qt's catalogue's (`TEXTS`, context "Progress", in the pane's own language
through `i18n.translate_for`); messages about entries come from the data layer in both.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QRect, Qt
from PySide6.QtGui import QColor, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jhviewer.data.format import plain_number
from jhviewer.data.progress.files import ImportPlan, plan_import
from jhviewer.data.progress.model import (
    SETTABLE_STATUSES,
    STATUS_COLOURS,
    STATUS_SYMBOLS,
    Entry,
    NewEntry,
    ProgressInputError,
    Target,
    convert,
    entry_problems,
    form_text,
    sanity_warning,
    status_name,
    validate_entry,
    year_elapsed,
)
from jhviewer.data.records import Lang
from jhviewer.ui.i18n import translate_for
from jhviewer.ui.progress_state import ProgressTracker
from jhviewer.ui.text import plain_label, tooltip

# The pane's texts, written in English and translated by Qt's catalogue (context
# "Progress"); `_tr` gives one in the pane's own language, whatever the UI's.
TEXTS = {
    "title": QT_TRANSLATE_NOOP("Progress", "Progress"),
    "close": QT_TRANSLATE_NOOP("Progress", "Close"),
    "value": QT_TRANSLATE_NOOP("Progress", "Value"),
    "status": QT_TRANSLATE_NOOP("Progress", "Status"),
    "as_of": QT_TRANSLATE_NOOP("Progress", "As of"),
    "source_note": QT_TRANSLATE_NOOP("Progress", "Source note"),
    "entered_by": QT_TRANSLATE_NOOP("Progress", "Entered by"),
    "note_hint": QT_TRANSLATE_NOOP("Progress", "e.g. district statistics bureau, Jan–Jun"),
    "add": QT_TRANSLATE_NOOP("Progress", "Add"),
    "save_edit": QT_TRANSLATE_NOOP("Progress", "Save Edit"),
    "retract": QT_TRANSLATE_NOOP("Progress", "Retract"),
    "undo": QT_TRANSLATE_NOOP("Progress", "Undo"),
    "note": QT_TRANSLATE_NOOP("Progress", "Note"),
    "by": QT_TRANSLATE_NOOP("Progress", "By"),
    "entered": QT_TRANSLATE_NOOP("Progress", "Entered"),
    "month": QT_TRANSLATE_NOOP("Progress", "Month"),
    "no_chart": QT_TRANSLATE_NOOP("Progress", "Qualitative target: no chart"),
    "ready": QT_TRANSLATE_NOOP("Progress", "Ready to save"),
    "added": QT_TRANSLATE_NOOP("Progress", "Added entry {id}"),
    "edit_saved": QT_TRANSLATE_NOOP("Progress", "Edit saved"),
    "retracted_done": QT_TRANSLATE_NOOP("Progress", "Retracted"),
    "undone": QT_TRANSLATE_NOOP("Progress", "Undone"),
    "imported": QT_TRANSLATE_NOOP("Progress", "Imported {count} entries"),
    "import_title": QT_TRANSLATE_NOOP("Progress", "Import Progress"),
    "import_summary": QT_TRANSLATE_NOOP(
        "Progress", "{name}: {added} rows to add, {refused} refused, {blank} blank "
        "({encoding}). Refused rows are left out."),
    "line": QT_TRANSLATE_NOOP("Progress", "Line"),
    "result": QT_TRANSLATE_NOOP("Progress", "Result"),
    "row": QT_TRANSLATE_NOOP("Progress", "Row"),
    "add_row": QT_TRANSLATE_NOOP("Progress", "add"),
    "add_check": QT_TRANSLATE_NOOP("Progress", "add (check)"),
    "refused": QT_TRANSLATE_NOOP("Progress", "refused"),
    "recorded": QT_TRANSLATE_NOOP("Progress", "skip"),
    "recorded_why": QT_TRANSLATE_NOOP("Progress", "already recorded, skipped"),
    "recorded_summary": QT_TRANSLATE_NOOP(
        "Progress", "{count} rows are already recorded and are skipped."),
    "import_rows": QT_TRANSLATE_NOOP("Progress", "Import {count} rows"),
    "sheets": QT_TRANSLATE_NOOP("Progress", "Progress sheets (*.csv *.xlsx)"),
    "toggle": QT_TRANSLATE_NOOP("Progress", "Show history"),
    "toggle_tip": QT_TRANSLATE_NOOP(
        "Progress", "Also list superseded and retracted entries: entries are never "
        "overwritten, an edit or a retraction adds a row"),
    "column": QT_TRANSLATE_NOOP("Progress", "History"),
    "current": QT_TRANSLATE_NOOP("Progress", "current"),
    "superseded": QT_TRANSLATE_NOOP("Progress", "superseded by #{by}"),
    "retracted": QT_TRANSLATE_NOOP("Progress", "retracted by #{by}"),
    "retraction": QT_TRANSLATE_NOOP("Progress", "retracts #{of}"),
    "check": QT_TRANSLATE_NOOP("Progress", "Can be saved, but check: {warning}"),
}
NOTE_COLUMN = 2  # the entries table's source note: the column that stretches
WARNING_COLOUR = "#8A5A00"  # dark amber: a warning, not a refusal (refusals use "behind")


def _tr(lang: Lang, key: str, **fields: object) -> str:
    """The pane's text `key` (see TEXTS) in `lang`, filled with `fields`."""
    text = translate_for(lang, "Progress", TEXTS[key])
    return text.format(**fields) if fields else text


def history_marks(rows: list[Entry], lang: Lang) -> dict[int, str]:
    """For every stored row of a target (`ProgressStore.history`), what became of it:
    'current', 'superseded by #2', 'retracted by #4', 'retracts #2' (rows are numbered by
    their id, shown in the table's row header)."""
    successor = {row.supersedes: row for row in rows if row.supersedes is not None}
    marks = {}
    for row in rows:
        after = successor.get(row.id)
        if row.retracted:
            text = _tr(lang, "retraction", of=row.supersedes)
        elif after is None:
            text = _tr(lang, "current")
        elif after.retracted:
            text = _tr(lang, "retracted", by=after.id)
        else:
            text = _tr(lang, "superseded", by=after.id)
        marks[row.id] = text
    return marks


class ScrollingPlot(pg.PlotWidget):
    """A chart that only shows: no zoom, pan or menu, and the mouse wheel over it scrolls
    the pane it is in (the event goes on to the parents) rather than zoom it."""

    def __init__(self) -> None:
        super().__init__()
        self.setMouseEnabled(False, False)
        self.setMenuEnabled(False)
        self.getViewBox().setMouseEnabled(False, False)
        self.getViewBox().setMenuEnabled(False)
        self.hideButtons()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel:  # not handled here: Qt passes it up
            event.ignore()
            return False
        return super().viewportEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()


class MessageArea(QLabel):
    """The form's message in a box of `LINES` lines that never changes height, so the
    buttons beside it stay put; a longer message is cut with "…" and shown whole in the
    tooltip. `text()` is the whole message."""

    LINES = 3

    def __init__(self) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._whole = ""
        self._fit_height()

    def _fit_height(self) -> None:
        margins = self.contentsMargins()
        self.setFixedHeight(self.fontMetrics().lineSpacing() * self.LINES
                            + margins.top() + margins.bottom())

    def text(self) -> str:
        return self._whole

    def setText(self, text: str) -> None:
        self._whole = text
        self.setToolTip(tooltip(text) if text else "")
        self._show()

    def shown_text(self) -> str:
        """The message as drawn: whole if it fits the box, else cut with "…"."""
        text = self._whole
        width = max(1, self.contentsRect().width())
        height = self.contentsRect().height()
        metrics = self.fontMetrics()

        def fits(candidate: str) -> bool:
            box = metrics.boundingRect(QRect(0, 0, width, 1 << 20),
                                       int(Qt.TextFlag.TextWordWrap), candidate)
            return box.height() <= height and box.width() <= width

        if not text or fits(text):
            return text
        low, high = 0, len(text)  # the longest start that fits with "…" after it
        while low < high:
            middle = (low + high + 1) // 2
            if fits(text[:middle].rstrip() + "…"):
                low = middle
            else:
                high = middle - 1
        return text[:low].rstrip() + "…"

    def _show(self) -> None:
        QLabel.setText(self, self.shown_text())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_height()
            self._show()


class ProgressPanel(QWidget):
    """Chart, entries and the entry form for one target at a time."""

    def __init__(self, tracker: ProgressTracker, lang: Lang = "zh",
                 parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progress-pane")
        self.tracker = tracker
        self._lang: Lang = lang
        self._today = today
        self.target: Target | None = None
        self._targets: list[Target] | None = None  # the tracker's list that is shown
        self._briefing_id = ""
        self._candidate: NewEntry | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        self.title = plain_label()
        self.title.setObjectName("progress-title")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title.setFont(font)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        self.close_button = QPushButton()
        self.close_button.setObjectName("progress-close")
        self.close_button.clicked.connect(self.hide)
        top.addWidget(self.close_button)
        layout.addLayout(top)
        self.picker = QComboBox()
        self.picker.setObjectName("progress-target")
        # as wide as the pane, not as its longest target's name (which pushed the English
        # pane past the window's edge)
        self.picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.picker.setMinimumContentsLength(16)
        self.picker.currentIndexChanged.connect(self._on_pick)
        layout.addWidget(self.picker)
        self.status_label = plain_label()
        self.status_label.setObjectName("progress-status")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        self.plot = ScrollingPlot()
        self._items: tuple[pg.InfiniteLine, pg.PlotDataItem, pg.PlotDataItem] | None = None
        self._title = ""
        self.plot.setObjectName("progress-chart")
        self.plot.setBackground(None)
        self.plot.setMinimumHeight(180)
        layout.addWidget(self.plot, 2)
        self.history_box = QCheckBox()
        self.history_box.setObjectName("progress-history")
        self.history_box.toggled.connect(self.refresh)
        layout.addWidget(self.history_box)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("progress-entries")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        # Every column as wide as what it shows, but the note, which takes the room left
        # (cut with "…", whole in its tooltip): the table fits the pane, history column
        # included (a scroll bar only for a figure of 15 digits in a narrow pane).
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NOTE_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.itemSelectionChanged.connect(self._on_select)
        self.table.setColumnHidden(5, True)  # the history column, with "Show history"
        layout.addWidget(self.table, 1)
        form = QFormLayout()
        self.value_edit = QLineEdit()
        self.value_edit.setObjectName("progress-value")
        self.unit_box = QComboBox()
        self.unit_box.setObjectName("progress-unit")
        # Filled per target after the first show: the box must grow with what it holds.
        self.unit_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status_box = QComboBox()
        self.status_box.setObjectName("progress-status-set")
        self.as_of_edit = QLineEdit()
        self.as_of_edit.setObjectName("progress-as-of")
        self.as_of_edit.setPlaceholderText("2024-06 / 2024-06-30")
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("progress-note")
        self.who_edit = QLineEdit()
        self.who_edit.setObjectName("progress-who")
        self._form_labels = [QLabel() for _ in range(5)]
        value_row = QHBoxLayout()
        value_row.addWidget(self.value_edit, 1)
        value_row.addWidget(self.unit_box)
        for label, field in zip(self._form_labels, (value_row, self.status_box, self.as_of_edit,
                                                     self.note_edit, self.who_edit),
                                strict=False):
            form.addRow(label, field)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.add_button = QPushButton()
        self.add_button.setObjectName("progress-add")
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("progress-edit")
        self.retract_button = QPushButton()
        self.retract_button.setObjectName("progress-retract")
        self.undo_button = QPushButton()
        self.undo_button.setObjectName("progress-undo")
        for button, slot in ((self.add_button, self.add_entry),
                             (self.edit_button, self.save_edit),
                             (self.retract_button, self.retract_selected),
                             (self.undo_button, self.undo)):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        # under the buttons, and of a fixed height: a message of two lines moves nothing
        self.message = MessageArea()
        self.message.setObjectName("progress-message")
        layout.addWidget(self.message)
        for edit in (self.value_edit, self.as_of_edit, self.note_edit, self.who_edit):
            edit.returnPressed.connect(self._on_enter)
        for edit in (self.value_edit, self.as_of_edit, self.note_edit, self.who_edit):
            edit.textChanged.connect(self.validate)
        self.unit_box.currentIndexChanged.connect(self.validate)
        self.status_box.currentIndexChanged.connect(self.validate)
        self.tracker.failed.connect(self._show_error)
        self.tracker.briefing_changed.connect(self.refresh)
        self._translate()
        self._fill_picker()

    # --- language and targets ------------------------------------------------------------

    def set_language(self, lang: Lang) -> None:
        if lang != self._lang:
            self._lang = lang
            self._translate()
            self._fill_picker()
            self.validate()

    def _translate(self) -> None:
        lang = self._lang
        self.title.setText(_tr(lang, "title"))
        self.close_button.setText(_tr(lang, "close"))
        self.plot.setLabel("bottom", _tr(lang, "month"))
        for label, key in zip(self._form_labels, ("value", "status", "as_of", "source_note",
                                                  "entered_by"), strict=False):
            label.setText(_tr(lang, key))
        self.note_edit.setPlaceholderText(_tr(lang, "note_hint"))
        self.add_button.setText(_tr(lang, "add"))
        self.edit_button.setText(_tr(lang, "save_edit"))
        self.retract_button.setText(_tr(lang, "retract"))
        self.undo_button.setText(_tr(lang, "undo"))
        self.table.setHorizontalHeaderLabels([
            _tr(lang, "as_of"), _tr(lang, "value"), _tr(lang, "note"), _tr(lang, "by"),
            _tr(lang, "entered"), _tr(lang, "column")])
        self.history_box.setText(_tr(lang, "toggle"))
        self.history_box.setToolTip(_tr(lang, "toggle_tip"))
        self.status_box.blockSignals(True)
        self.status_box.clear()
        self.status_box.addItem("", "")
        for status in SETTABLE_STATUSES:
            self.status_box.addItem(status_name(status, lang), status)
        self.status_box.blockSignals(False)

    def _fill_picker(self) -> None:
        """List the tracker's targets and show one: the same target id as before if the
        tracker's briefing still has it, else its first target (none: an empty pane)."""
        current = self.target.id if self.target else None
        targets = self.tracker.targets
        self._targets = targets
        self._briefing_id = self.tracker.briefing_id
        self.picker.blockSignals(True)
        self.picker.clear()
        for target in targets:
            self.picker.addItem(f"{target.label(self._lang)}  ({target.id})", target.id)
        index = self.picker.findData(current) if current is not None else -1
        self.picker.setCurrentIndex(index if index >= 0 else (0 if targets else -1))
        self.picker.blockSignals(False)
        self._on_pick(self.picker.currentIndex())

    def _follow_briefing(self) -> None:
        """After the tracker's briefing (or its list of targets) changed: pick again, and
        clear what was typed for the old briefing's target."""
        changed = self.tracker.briefing_id != self._briefing_id
        self.table.clearSelection()
        if changed:
            for edit in (self.value_edit, self.as_of_edit, self.note_edit):
                edit.blockSignals(True)
                edit.clear()
                edit.blockSignals(False)
            self._set_message("")
        self._fill_picker()

    def _stale(self) -> bool:
        """True when the targets listed are not the tracker's (another briefing, or the
        same one read again)."""
        return (self.tracker.targets is not self._targets
                or self.tracker.briefing_id != self._briefing_id)

    def current_target(self) -> Target | None:
        """The target shown, as the tracker now holds it: the only one the form writes to."""
        if self._stale():
            self._follow_briefing()
        target_id = self.picker.currentData()
        target = self.tracker.target(target_id) if target_id is not None else None
        if target is None or target.briefing_id != self.tracker.briefing_id:
            return None
        return target

    def show_target(self, target_id: str) -> None:
        """Show one target's chart, entries and form (nothing happens for an id the
        tracker's briefing does not have)."""
        if self._stale():
            self._follow_briefing()
        index = self.picker.findData(target_id)
        if index < 0:
            return
        if self.picker.currentIndex() != index:
            self.picker.setCurrentIndex(index)  # calls back into _on_pick
            return
        self._on_pick(index)

    def _on_pick(self, index: int) -> None:
        target = self.tracker.target(self.picker.itemData(index)) if index >= 0 else None
        self.target = target
        numeric = target is not None and target.measure != "qualitative"
        self.value_edit.setEnabled(numeric)
        self.unit_box.setEnabled(numeric)
        self.status_box.setEnabled(target is not None and not numeric)
        self.unit_box.blockSignals(True)
        self.unit_box.clear()
        if target is not None and target.unit is not None:
            for unit in self.tracker.units.values():
                try:
                    convert(1.0, unit, target.unit)
                except ProgressInputError:
                    continue
                self.unit_box.addItem(unit.name(self._lang), unit.id)
            self.unit_box.setCurrentIndex(max(0, self.unit_box.findData(target.unit.id)))
        self.unit_box.blockSignals(False)
        self.refresh()
        self.validate()  # what is typed is checked against the target now shown

    # --- showing -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Redraw from the tracker (after any change, here or elsewhere)."""
        if self._stale():
            self._follow_briefing()
            return
        target = self.target
        if target is None:
            self._clear()
            return
        lang = self._lang
        result = self.tracker.results.get(target.id)
        status = result.status if result else "no_data"
        reason = result.reason(lang) if result else ""
        self.status_label.setText(
            f"{STATUS_SYMBOLS[status]} {status_name(status, lang)} — {reason}")
        self.status_label.setStyleSheet(f"color: {STATUS_COLOURS[status]};")
        entries = self.tracker.entries(target.id)
        history = self.history_box.isChecked()
        rows = self.tracker.history(target.id) if history else entries
        marks = history_marks(rows, lang) if history else {}
        current = {entry.id for entry in entries}
        self.table.setColumnHidden(5, not history)
        self.table.verticalHeader().setVisible(history)  # each row's number (its id)
        self.table.setRowCount(len(rows))
        self.table.setVerticalHeaderLabels([str(entry.id) for entry in rows])
        for row, entry in enumerate(rows):
            if entry.retracted:
                shown = "—"
            elif entry.value is None:
                shown = status_name(entry.status or "", lang)
            else:
                shown = f"{plain_number(entry.value)} {entry.unit or ''}".strip()
            for column, text in enumerate((entry.as_of, shown, entry.note, entry.who,
                                           entry.entered_at[:16].replace("T", " "),
                                           marks.get(entry.id, ""))):
                item = QTableWidgetItem(text)
                if column == NOTE_COLUMN and text:
                    item.setToolTip(tooltip(text))
                if entry.id in current:  # only a current entry can be edited or retracted
                    item.setData(Qt.ItemDataRole.UserRole, entry.id)
                else:
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    item.setForeground(QColor("#6B6B6B"))
                self.table.setItem(row, column, item)
        self._draw(target, entries)
        self._update_buttons()

    def _clear(self) -> None:
        """No target to show (no briefing, or one without targets)."""
        self.status_label.setText("")
        self.table.setRowCount(0)
        for item in self._plot_items():
            item.setVisible(False)
        self._set_title("")
        self._update_buttons()

    def _plot_items(self) -> tuple[pg.InfiniteLine, pg.PlotDataItem, pg.PlotDataItem]:
        """The target line, the linear path and the actuals: made once, then given new data,
        because clearing and rebuilding them cost most of an add's frame."""
        if self._items is None:
            goal = pg.InfiniteLine(pos=0.0, angle=0, pen=pg.mkPen(
                QColor("#555555"), width=1.5, style=Qt.PenStyle.DashLine))
            self.plot.addItem(goal)
            path = self.plot.plot([], [], pen=pg.mkPen(QColor("#999999"), width=1,
                                                       style=Qt.PenStyle.DotLine))
            colour = QColor(STATUS_COLOURS["on_track"])
            actual = self.plot.plot([], [], pen=pg.mkPen(colour, width=2), symbol="o",
                                    symbolBrush=colour, symbolPen=None, symbolSize=8)
            self.plot.setXRange(0, 12, padding=0.02)
            self._items = (goal, path, actual)
        return self._items

    def _draw(self, target: Target, entries: list[Entry]) -> None:
        goal, path, actual = self._plot_items()
        numeric = target.value is not None and target.unit is not None
        for item in (goal, path, actual):
            item.setVisible(numeric)
        if target.value is None or target.unit is None:
            self._set_title(_tr(self._lang, "no_chart"))
            return
        self._set_title(f"{target.label(self._lang)} ({target.unit.name(self._lang)})")
        goal.setPos(target.value)
        path.setVisible(target.measure == "cumulative")
        path.setData([0, 12], [0, target.value])
        points = []
        for entry in entries:
            unit = self.tracker.units.get(entry.unit or "", target.unit)
            try:
                points.append((year_elapsed(entry.as_of) * 12,
                               convert(entry.value or 0.0, unit, target.unit)))
            except ProgressInputError:
                continue
        points.sort()
        actual.setData([x for x, _ in points], [y for _, y in points])
        top = max([target.value, *[y for _, y in points]])
        low = min([0.0, *[y for _, y in points]])
        self.plot.setYRange(low, top * 1.1 if top > 0 else 1, padding=0.02)

    def _set_title(self, title: str) -> None:
        if title != self._title:  # a new title lays the plot out again
            self._title = title
            self.plot.setTitle(title)

    # --- the form ------------------------------------------------------------------------

    def selected_entry(self) -> int | None:
        items = self.table.selectedItems()
        entry_id = items[0].data(Qt.ItemDataRole.UserRole) if items else None
        return None if entry_id is None else int(entry_id)

    def _on_select(self) -> None:
        entry_id = self.selected_entry()
        if entry_id is None or self.target is None:
            self._update_buttons()
            return
        entry = next((e for e in self.tracker.entries(self.target.id) if e.id == entry_id),
                     None)
        if entry is not None:  # load it into the form for editing
            self.value_edit.setText("" if entry.value is None else plain_number(entry.value))
            if entry.unit:
                self.unit_box.setCurrentIndex(max(0, self.unit_box.findData(entry.unit)))
            self.status_box.setCurrentIndex(max(0, self.status_box.findData(entry.status or "")))
            self.as_of_edit.setText(entry.as_of)
            self.note_edit.setText(entry.note)
            self.who_edit.setText(entry.who)
        self._update_buttons()

    def validate(self) -> NewEntry | None:
        """Check the form now; show why not, and enable the buttons only when it passes."""
        self._candidate = None
        target = self.current_target()
        empty = not self.as_of_edit.text().strip() and not self.value_edit.text().strip()
        if target is None or empty:
            self._set_message("")
        else:
            value = self.value_edit.text() if target.measure != "qualitative" else None
            fields = {"unit": self.unit_box.currentData(),
                      "status": self.status_box.currentData() or None,
                      "note": self.note_edit.text(), "who": self.who_edit.text(),
                      "today": self._today}
            units = self.tracker.units
            problems = entry_problems(target, value, self.as_of_edit.text(), units, **fields)
            if problems:  # every one, one a line
                self._set_message("\n".join(form_text(problem, self._lang, target)
                                             for problem in problems), ok=False)
            else:
                self._candidate = validate_entry(target, value, self.as_of_edit.text(),
                                                 units, **fields)
                warning = sanity_warning(target, self._candidate, units)
                if warning is None:
                    self._set_message(_tr(self._lang, "ready"), ok=True)
                else:  # stored all the same: a warning is not a refusal
                    self._set_message(_tr(self._lang, "check", warning=warning.text(self._lang)),
                                      colour=WARNING_COLOUR)
        self._update_buttons()
        return self._candidate

    def _set_message(self, text: str, ok: bool = True, colour: str = "") -> None:
        self.message.setText(text)
        colour = colour or ("" if ok else STATUS_COLOURS["behind"])
        self.message.setStyleSheet(f"color: {colour};" if colour else "")

    def _show_error(self, message: str) -> None:
        self._set_message(message, ok=False)

    def _update_buttons(self) -> None:
        ready = self._candidate is not None
        selected = self.selected_entry() is not None
        self.add_button.setEnabled(ready)
        self.edit_button.setEnabled(ready and selected)
        self.retract_button.setEnabled(selected)
        self.undo_button.setEnabled(self.tracker.can_undo())

    def _writable(self, candidate: NewEntry | None) -> NewEntry | None:
        """`candidate` if it is for the target shown, in the tracker's briefing; else None."""
        if candidate is None:
            return None
        target = self.current_target()
        if (target is None or candidate.briefing_id != self.tracker.briefing_id
                or candidate.target_id != target.id):
            return None
        return candidate

    def _on_enter(self) -> None:
        """Enter in a field: save the edit of the selected entry, or add the entry."""
        if self.selected_entry() is not None:
            if self.edit_button.isEnabled():
                self.save_edit()
        elif self.add_button.isEnabled():
            self.add_entry()

    def add_entry(self) -> bool:
        """Store the form as a new entry of the target shown; False if it does not pass."""
        candidate = self._writable(self.validate())
        if candidate is None:
            return False
        stored = self.tracker.add(candidate)
        if stored is not None:
            self._after_change(_tr(self._lang, "added", id=stored.id))
        return stored is not None

    def save_edit(self) -> bool:
        candidate, entry_id = self._writable(self.validate()), self.selected_entry()
        if candidate is None or entry_id is None:
            return False
        stored = self.tracker.edit(entry_id, candidate)
        if stored is not None:
            self._after_change(_tr(self._lang, "edit_saved"))
        return stored is not None

    def retract_selected(self) -> bool:
        entry_id = self.selected_entry()
        if entry_id is None:
            return False
        stored = self.tracker.retract(entry_id)
        if stored is not None:
            self._after_change(_tr(self._lang, "retracted_done"))
        return stored is not None

    def undo(self) -> bool:
        stored = self.tracker.undo_last()
        if stored is not None:
            self._after_change(_tr(self._lang, "undone"))
        return stored is not None

    def show_imported(self, count: int) -> None:
        """After an import of `count` entries: say so (not what the last add said)."""
        self._after_change(_tr(self._lang, "imported", count=count))

    def _after_change(self, text: str) -> None:
        self.table.clearSelection()
        self.value_edit.clear()
        self.as_of_edit.clear()
        self.note_edit.clear()
        self._set_message(text)
        self._update_buttons()


class ImportDialog(QDialog):
    """The preview of an import: every row to be added and every row refused, with why."""

    def __init__(self, path: Path, plan: ImportPlan, lang: Lang,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progress-import")
        self.plan = plan
        self.setWindowTitle(_tr(lang, "import_title"))
        layout = QVBoxLayout(self)
        summary = plain_label(_tr(
            lang, "import_summary", name=path.name, added=len(plan.rows),
            refused=len(plan.refused), blank=plan.skipped, encoding=plan.encoding))
        if plan.recorded:
            summary.setText(summary.text() + " " + _tr(
                lang, "recorded_summary", count=len(plan.recorded)))
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.table = QTableWidget(len(plan.rows) + len(plan.refused) + len(plan.recorded), 3)
        self.table.setObjectName("import-preview")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setHorizontalHeaderLabels(
            [_tr(lang, "line"), _tr(lang, "result"), _tr(lang, "row")])
        self.table.horizontalHeader().setStretchLastSection(True)
        for column in (0, 1):  # "添加（请核对）" whole
            self.table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents)
        row = 0
        warnings = dict(plan.warnings)
        for added in plan.rows:
            text = _row_text(added.entry, lang)
            warning = warnings.get(added.line)
            if warning is None:
                self._row(row, added.line, _tr(lang, "add_row"), text)
            else:  # added all the same: a warning is not a refusal
                self._row(row, added.line, _tr(lang, "add_check"),
                          f"{text}  — {warning.text(lang)}")
            row += 1
        for refused in plan.refused:
            self._row(row, refused.line, _tr(lang, "refused"), refused.text(lang))
            row += 1
        for recorded in plan.recorded:
            self._row(row, recorded.line, _tr(lang, "recorded"),
                      f"{_row_text(recorded.entry, lang)}  — {_tr(lang, 'recorded_why')}")
            row += 1
        layout.addWidget(self.table)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            _tr(lang, "import_rows", count=len(plan.rows)),
            QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(bool(plan.rows))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(720, 420)

    def _row(self, row: int, line: int, result: str, text: str) -> None:
        for column, value in enumerate((str(line), result, text)):
            self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.item(row, 2).setToolTip(tooltip(text))  # whole, as plain text


def _row_text(entry: NewEntry, lang: Lang) -> str:
    """'<target id>  63 家  2024-06': a row of an import as the preview lists it."""
    what = (status_name(entry.status or "", lang) if entry.value is None
            else f"{plain_number(entry.value)} {entry.unit}")
    return f"{entry.target_id}  {what}  {entry.as_of}"


def run_import(parent: QWidget, tracker: ProgressTracker, lang: Lang,
               path: Path | None = None, confirm: bool = True) -> int | None:
    """Ask for a file (unless `path`), preview it, and import the rows that pass in one
    transaction. Returns the number imported, or None if nothing was."""
    if path is None:
        name, _ = QFileDialog.getOpenFileName(
            parent, _tr(lang, "import_title"), str(Path.home()), _tr(lang, "sheets"))
        if not name:
            return None
        path = Path(name)
    try:
        plan = plan_import(path, tracker.targets, tracker.units,
                           current=tracker.all_entries())
    except ProgressInputError as error:
        tracker.failed.emit(error.text(lang))
        return None
    dialog = ImportDialog(path, plan, lang, parent)
    if confirm and dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    if not plan.rows:
        return None
    stored = tracker.add_many([row.entry for row in plan.rows])
    return None if stored is None else len(stored)
