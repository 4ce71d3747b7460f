"""Helpers for the UI tests: windows with private settings, text collection, damaged dbs."""

from __future__ import annotations

import re
import shutil
import sqlite3
from datetime import date
from pathlib import Path

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QWidget,
)

from jhviewer.data.records import Lang
from jhviewer.ui import style
from jhviewer.ui.app import create_application
from jhviewer.ui.main_window import TAB_KEYS, MainWindow
from jhviewer.ui.progress_panel import ProgressPanel
from jhviewer.ui.settings import Settings
from jhviewer.ui.targets_panel import TargetsPanel

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
HOSTILE = "<b>x</b><img src=file:///etc/passwd>"


def settle() -> None:
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()


def make_window(qtbot, tmp_path: Path, db: Path | None, lang: Lang = "zh") -> MainWindow:
    """A shown main window with settings in tmp_path, showing `db`."""
    create_application()
    window = MainWindow(Settings.in_file(tmp_path / "settings.ini"), lang)
    qtbot.addWidget(window)
    if db is not None:
        assert window.session.load_database(db) is None
    window.resize(1280, 820)
    window.show()
    settle()
    return window


def close_window(window: MainWindow) -> None:
    if window.is_presenting():
        window.set_presentation(False)
    window.close()
    window.session.close_store()
    window.translators.set_language("en")  # later tests see Qt's own English strings
    style.set_scale(1.0)
    settle()


def open_all_tabs(window: MainWindow) -> None:
    for key in TAB_KEYS:
        window.show_tab(key)
        settle()
    window.show_tab("overview")
    settle()


def visible_texts(window: MainWindow, skip_names: frozenset[str] = frozenset()) -> list[str]:
    """Every UI string a user can read: labels, actions, menus, tabs, buttons, lists..."""
    texts = [window.windowTitle()]
    texts += [window.tabs.tabText(i) for i in range(window.tabs.count())]
    texts += [menu.title() for menu in window.findChildren(QMenu)]
    texts += [
        action.text() for action in window.findChildren(QAction)
        if action.objectName() not in ("language-zh", "language-en")
        and not action.objectName().startswith("recent-")
    ]
    for widget in window.findChildren(QWidget):
        if widget.objectName() in skip_names:
            continue
        if isinstance(widget, QLabel | QPushButton):
            texts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += _view_texts(widget)
    return [text for text in texts if text and text.strip()]


def _view_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
    texts = []
    for row in range(min(model.rowCount(), 30)):
        for column in range(columns):
            value = model.index(row, column).data()
            if isinstance(value, str):
                texts.append(value)
    for column in range(columns):
        value = model.headerData(column, Qt.Orientation.Horizontal)
        if isinstance(value, str):
            texts.append(value)
    return texts


def damaged_copy(source: Path, target: Path, *statements: tuple[str, tuple]) -> Path:
    """A copy of `source` changed by the given SQL statements."""
    shutil.copyfile(source, target)
    connection = sqlite3.connect(target)
    try:
        for sql, parameters in statements:
            connection.execute(sql, parameters)
        connection.commit()
    finally:
        connection.close()
    return target


def targets(window: MainWindow) -> TargetsPanel:
    """The targets-summary tab of `window`, shown."""
    panel = window.show_tab("targets")
    settle()
    assert isinstance(panel, TargetsPanel)
    return panel


def pane_on(panel: TargetsPanel, target_id: str, today: date = date(2025, 1, 15)
            ) -> ProgressPanel:
    """The progress pane open on `target_id`, its "today" fixed (dates after it are refused)."""
    pane = panel.open_progress(target_id)
    pane._today = today
    settle()
    return pane
