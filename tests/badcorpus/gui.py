"""The viewer's open path for a corpus case, and a check that no markup is interpreted.

Qt-only helpers (the rest of tests/badcorpus stays Qt-free): `gui_run` opens a case in a
main window the way File > Open does, goes through every tab and the facts table, and
names the outcome like probe.py does; `markup_violations` lists every place where text
holding `markup` reaches Qt in a form Qt would render as HTML.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    Qt,
)
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGraphicsTextItem,
    QGraphicsView,
    QLabel,
    QWidget,
)

from jhviewer.data.errors import DatabaseError
from jhviewer.ui.errors import OpenChoice
from jhviewer.ui.main_window import TAB_KEYS, MainWindow
from tests.badcorpus.cases import OK, PROBLEMS, REFUSED, Case
from tests.badcorpus.probe import CRASH, MARKUP_SEEN, Run, markup_word


def settle() -> None:
    for _ in range(4):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()


def _rich(text: str, text_format: Qt.TextFormat) -> bool:
    """Whether Qt renders `text` as HTML in a widget with this text format."""
    if text_format == Qt.TextFormat.RichText:
        return True
    return text_format == Qt.TextFormat.AutoText and QtGuiNamespace.mightBeRichText(text)


def _rendered(text: str) -> str:
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def markup_violations(root: QWidget, markup: str) -> list[str]:
    """Places under `root` where `markup` would be rendered instead of shown literally.

    A string holding the markup verbatim must reach Qt as plain text; a string Qt renders
    as HTML may hold it only escaped, and then the rendered text shows it literally.
    """
    found = []
    escaped = html.escape(markup)

    def check(where: str, text: str, rich: bool) -> None:
        if not text or (markup not in text and escaped not in text):
            return
        if rich and markup in text:
            found.append(f"{where}: rendered as HTML: {text[:120]!r}")
        elif rich and markup not in _rendered(text):
            found.append(f"{where}: escaped markup does not render literally: {text[:120]!r}")

    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        name = f"{type(widget).__name__}#{widget.objectName()}"
        if isinstance(widget, QLabel):
            check(name, widget.text(), _rich(widget.text(), widget.textFormat()))
        tip = widget.toolTip()
        check(f"{name} tooltip", tip, QtGuiNamespace.mightBeRichText(tip))
        check(f"{name} accessible name", widget.accessibleName(), False)
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            found += _model_violations(name, widget.model(), markup)
        if isinstance(widget, QGraphicsView) and widget.scene() is not None:
            for item in widget.scene().items():
                tip = item.toolTip()
                check(f"{name} graphics tooltip", tip, QtGuiNamespace.mightBeRichText(tip))
                if isinstance(item, QGraphicsTextItem):
                    shown = item.toPlainText()
                    if markup_word(markup) in shown and markup not in shown:
                        found.append(f"{name} graphics text: markup rendered: {shown[:120]!r}")
    window = root.window()
    check("window title", window.windowTitle(), False)
    return found


def _model_violations(name: str, model: QAbstractItemModel, markup: str) -> list[str]:
    """Item views draw DisplayRole as plain text; tooltips are auto-detected rich text."""
    found = []
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
    for row in range(min(model.rowCount(), 200)):
        for column in range(columns):
            tip = model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str) and markup in tip and QtGuiNamespace.mightBeRichText(tip):
                found.append(f"{name} row {row} tooltip rendered as HTML: {tip[:120]!r}")
    return found


class ExceptionsInSlots:
    """Exceptions Qt hands to sys.excepthook (raised in slots and event handlers)."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self._previous = sys.excepthook

    def __enter__(self) -> ExceptionsInSlots:
        def hook(kind: type[BaseException], error: BaseException,
                 trace: TracebackType | None) -> None:
            self.seen.append(f"{kind.__name__}: {error}")

        sys.excepthook = hook
        return self

    def __exit__(self, *exc: object) -> None:
        sys.excepthook = self._previous


def browse(window: MainWindow, markup: str | None) -> None:
    """Every tab, a look at facts in the table, and a search (for the markup word)."""
    for key in TAB_KEYS:
        window.show_tab(key)
        settle()
    facts = window.facts_panel()
    if facts is not None:
        for row in range(min(facts.model.rowCount(), 3)):
            facts.table.selectRow(row)
            settle()
        facts.search(markup_word(markup) if markup else "GDP")
        settle()
        if facts.model.rowCount():
            facts.table.selectRow(0)
            settle()
    window.show_tab("overview")
    settle()


def gui_run(window: MainWindow, case: Case, path: Path) -> Run:
    """Open `path` in `window` as File > Open would, then browse: what happened."""
    asked: list[str] = []

    def answer(_parent: QWidget | None, _path: Path | None, error: DatabaseError) -> OpenChoice:
        asked.append(str(error))
        return OpenChoice.CANCEL

    window.session.ask_after_open_error = answer
    with ExceptionsInSlots() as exceptions:
        try:
            opened = window.session.open_database(path)
            settle()
            browse(window, case.markup if opened else None)
        except Exception as error:
            return Run("gui", CRASH, f"{type(error).__name__}: {error}"[:300])
    if exceptions.seen:
        return Run("gui", CRASH, "; ".join(exceptions.seen)[:300])
    if not opened:
        if len(asked) != 1 or not asked[0].strip():
            return Run("gui", CRASH, f"expected one open-error question, got {asked!r}")
        return Run("gui", REFUSED, asked[0])
    if case.markup:
        violations = markup_violations(window, case.markup)
        if violations:
            return Run("gui", MARKUP_SEEN, "; ".join(violations)[:300])
    notice = window.session.notice
    if notice is not None and notice.isVisible():
        return Run("gui", PROBLEMS, notice.text.text()[:200])
    return Run("gui", OK)
