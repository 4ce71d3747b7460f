"""What a user checks when a window is small or scaled: nothing cut off, nothing off the edge.

`layout_problems(window)` lists, in words, every failure of the current tab:
- a scrolling page wider than its viewport (its right side would be clipped: pages only
  scroll vertically);
- a widget whose right edge is past its window's, or, outside a scrolling page, whose
  bottom edge is below the window's;
- a one-line label or button whose text is wider than the label (cut off), or a wrapping
  label narrower than one of its Latin words;
- a filter combo narrower than its text;
- in the facts table: an indicator column narrower than 20 digits, or columns wider in
  total than the table (the last would be hidden: the table does not scroll sideways).

Run as a script (`python -m tests.layout_checks LANG OUTDIR`), it opens the window at the
screen's available size and prints the problems of every tab, saving each tab as a PNG,
for the scale-factor tests, which need a fresh process per QT_SCALE_FACTOR.
`python -m tests.layout_checks menus LANG` prints the menus with items cut short
(`cut_menu_items`), for a test under another fontconfig.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QComboBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QWidget,
)

from jhviewer.data.records import Lang
from jhviewer.ui.main_window import MainWindow
from jhviewer.ui.models import Column
from jhviewer.ui.tabs import TAB_KEYS
from jhviewer.ui.widgets import ElidedLabel, FittedLabel

MIN_INDICATOR_DIGITS = 20


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QLabel | QPushButton) else ""
    return f"{type(widget).__name__}#{widget.objectName()} {text[:40]!r}"


def _in_scrolling_page(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.isVisible() and widget.width() > 0


def text_fits(widget: QLabel | QPushButton) -> bool:
    """Whether a one-line text is drawn whole in its widget."""
    mnemonic = isinstance(widget, QPushButton) or (
        isinstance(widget, QLabel) and widget.buddy() is not None
    )
    text = widget.text().replace("&", "") if mnemonic else widget.text()
    if not text or "\n" in text:
        return True
    if isinstance(widget, QLabel) and widget.wordWrap():
        # A wrapping label breaks at spaces (and between Chinese characters): each Latin
        # word must still fit ("institutions" cut to "institution" is a cut text).
        words = [word for word in text.split() if word.isascii()]
        widest = max((widget.fontMetrics().horizontalAdvance(w) for w in words), default=0)
        return widest <= widget.contentsRect().width() + 1
    needed = widget.fontMetrics().horizontalAdvance(text)
    if isinstance(widget, QPushButton):
        return needed + 8 <= widget.width()
    return needed <= widget.contentsRect().width() + 1


def layout_problems(window: MainWindow) -> list[str]:
    problems: list[str] = []
    right, bottom = window.width(), window.height()
    for widget in window.findChildren(QWidget):
        if widget.isWindow() or not _shown(widget, window):
            continue
        corner = widget.mapTo(window, QPoint(widget.width(), widget.height()))
        if corner.x() > right + 1:
            problems.append(f"{_name(widget)} extends {corner.x() - right}px past the right edge")
        if corner.y() > bottom + 1 and not _in_scrolling_page(widget):
            problems.append(f"{_name(widget)} extends {corner.y() - bottom}px below the window")
        if isinstance(widget, QScrollArea) and widget.widget() is not None:
            need = widget.widget().minimumSizeHint().width()
            if need > widget.viewport().width():
                problems.append(
                    f"page {widget.widget().objectName()} needs {need}px, has "
                    f"{widget.viewport().width()}px"
                )
        if (isinstance(widget, QLabel)
                and widget.textFormat() == Qt.TextFormat.PlainText
                and not isinstance(widget, FittedLabel | ElidedLabel)
                and not text_fits(widget)) or (
                    isinstance(widget, QPushButton) and not text_fits(widget)):
            problems.append(f"{_name(widget)} is cut: {widget.width()}px for its text")
        if isinstance(widget, QComboBox):
            text = widget.currentText()
            needed = widget.fontMetrics().horizontalAdvance(text) + 24
            if needed > widget.width():
                problems.append(f"combo {widget.objectName()} {text!r} is cut")
    facts = window.facts_panel()
    if facts is not None and window.current_tab() == "facts" and facts.table.isVisible():
        table = facts.table
        digit = table.fontMetrics().horizontalAdvance("0")
        indicator = table.columnWidth(Column.INDICATOR)
        if indicator < digit * MIN_INDICATOR_DIGITS:
            problems.append(f"indicator column {indicator}px, under {MIN_INDICATOR_DIGITS} digits")
        total = sum(table.columnWidth(column) for column in Column)
        if total > table.viewport().width() + 1:
            problems.append(f"columns {total}px wide in a {table.viewport().width()}px table")
    return problems


def cut_menu_items(window: MainWindow) -> list[str]:
    """Menus whose item texts are drawn shortened ("切换语…(L)"): each menu is drawn as it
    pops up and again with room to spare; where an item's text is cut, the two differ left
    of the shortcut column."""
    from PySide6.QtCore import QCoreApplication, QEvent, QRect
    from PySide6.QtWidgets import QApplication, QMenu

    def settle() -> None:
        for _ in range(3):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            QApplication.processEvents()

    found = []
    for menu in window.findChildren(QMenu):
        if not [a for a in menu.actions() if a.text()]:
            continue
        menu.popup(window.mapToGlobal(QPoint(40, 40)))
        settle()
        width, height = menu.width(), menu.height()
        narrow = menu.grab().toImage()
        menu.hide()
        menu.setMinimumWidth(width + 200)
        menu.popup(window.mapToGlobal(QPoint(40, 40)))
        settle()
        wide = menu.grab().toImage().copy(QRect(0, 0, width, height))
        menu.hide()
        menu.setMinimumWidth(0)
        keys = [a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                for a in menu.actions()]
        right = width - max(menu.fontMetrics().horizontalAdvance(k) for k in keys) - 24
        if any(narrow.pixel(x, y) != wide.pixel(x, y)
               for x in range(right) for y in range(height)):
            found.append(f"menu {menu.title()!r}: an item is cut short")
    return found


def check_every_tab(lang: str, out_dir: Path | None) -> list[str]:
    """Open the window at the screen's available size; return every tab's problems."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from jhviewer.ui.app import create_application
    from jhviewer.ui.settings import Settings

    app = create_application()
    with tempfile.TemporaryDirectory() as folder:
        chosen: Lang = "zh" if lang == "zh" else "en"
        window = MainWindow(Settings.in_file(Path(folder) / "s.ini"), chosen)
        window.session.load_database(None)
        available = QGuiApplication.primaryScreen().availableGeometry()
        window.resize(available.size())
        window.show()
        found = []
        for key in TAB_KEYS:
            window.show_tab(key)
            for _ in range(6):
                QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
                QApplication.processEvents()
            found += [f"{key}: {problem}" for problem in layout_problems(window)]
            if out_dir is not None:
                out_dir.mkdir(parents=True, exist_ok=True)
                window.grab().save(str(out_dir / f"{key}-{lang}.png"))
        window.close()
        window.session.close_store()
    app.processEvents()
    return found


def check_menus(lang: str) -> list[str]:
    """Open the window in `lang`; return its menus' cut items."""
    from jhviewer.ui.app import create_application
    from jhviewer.ui.settings import Settings

    create_application()
    with tempfile.TemporaryDirectory() as folder:
        chosen: Lang = "zh" if lang == "zh" else "en"
        window = MainWindow(Settings.in_file(Path(folder) / "s.ini"), chosen)
        window.session.load_database(None)
        window.show()
        found = cut_menu_items(window)
        window.close()
        window.session.close_store()
    return found


if __name__ == "__main__":
    if sys.argv[1] == "menus":
        problems = check_menus(sys.argv[2])
    else:
        problems = check_every_tab(sys.argv[1], Path(sys.argv[2]) if len(sys.argv) > 2 else None)
    print("\n".join(problems) if problems else "no problems")
