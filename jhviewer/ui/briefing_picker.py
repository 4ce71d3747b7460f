"""The briefing picker: a combo box of the open database's briefings, newest first.

A file may hold 200 briefings. Reading and listing them all costs the first paint some
30 ms, so until the list is wanted the box holds only the briefing shown. It reads the
whole list right after it is first painted (the window is on screen by then), or at once
when it is opened, scrolled or keyed through, or when `fill` is called (File ▸ Briefing).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent, QPaintEvent, QWheelEvent
from PySide6.QtWidgets import QComboBox

from jhviewer.data.records import Briefing, Lang
from jhviewer.data.store import Store
from jhviewer.ui.text import tooltip


class BriefingBox(QComboBox):
    """Each item shows `Briefing.label` (tooltip: its title) and holds the briefing's id."""

    def __init__(self) -> None:
        super().__init__()
        self._store: Store | None = None
        self._lang: Lang = "zh"
        self._complete = True  # the box lists every briefing of the store
        self._fill_queued = False

    def show_store(self, store: Store | None, lang: Lang) -> None:
        """List `store`'s briefings in `lang`: for now only the one shown (one row read).

        Raises DatabaseError if the store cannot read it.
        """
        self._store, self._lang = store, lang
        shown = store.briefing() if store is not None else None
        count = store.count_briefings() if store is not None else 0
        self.blockSignals(True)
        self.clear()
        if shown is not None:
            self._add(shown)
        self.blockSignals(False)
        self._complete = count <= 1 and (shown is not None or count == 0)
        self.setEnabled(count > 1)

    def fill(self) -> None:
        """List every briefing of the store, newest first, the one shown current (once).

        Raises DatabaseError if the store cannot read them.
        """
        self._fill_queued = False
        store = self._store
        if self._complete or store is None:
            return
        briefings = store.briefings()
        shown = store.briefing()
        self.blockSignals(True)
        self.clear()
        for briefing in reversed(briefings):
            self._add(briefing)
        self.blockSignals(False)
        self._complete = True
        self.setEnabled(len(briefings) > 1)
        self.show_briefing(shown)

    def show_briefing(self, shown: Briefing | None) -> None:
        """Make `shown` the current item (the only one, if the list is not read yet)."""
        if shown is None:
            return
        index = self.findData(shown.id)
        self.blockSignals(True)
        if index < 0 and not self._complete:
            self.clear()
            self._add(shown)
            index = 0
        self.setCurrentIndex(index)
        self.blockSignals(False)

    def _add(self, briefing: Briefing) -> None:
        self.addItem(briefing.label(self._lang), briefing.id)
        # escaped: Qt reads a tooltip as HTML if it can
        self.setItemData(
            self.count() - 1, tooltip(briefing.title(self._lang)), Qt.ItemDataRole.ToolTipRole
        )

    # --- the list is read before anything shows or picks from it -----------------------

    def showPopup(self) -> None:
        self.fill()
        super().showPopup()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.fill()
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.fill()
        super().wheelEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._complete and not self._fill_queued:
            self._fill_queued = True  # after this frame: the window is on screen first
            QTimer.singleShot(0, self, self.fill)
