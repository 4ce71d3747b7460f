"""The window's status bar: the open database, the briefing's counts, the facts shown.

Three permanent labels on the right (the facts the District facts table shows, the
briefing with its counts, the database's path shortened in the middle) and the passing
messages on the left.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStatusBar

from jhviewer.data.records import FactFilter, Lang
from jhviewer.data.store import Store
from jhviewer.ui.i18n import translate
from jhviewer.ui.text import plain_label, tooltip
from jhviewer.ui.widgets import ElidedLabel

MESSAGE_MS = 8000  # how long a passing message stays


class StatusLine:
    """The labels of one window's status bar, filled from the open store."""

    def __init__(self, bar: QStatusBar) -> None:
        self.bar = bar
        self.database_label = ElidedLabel()  # a long path is shortened in the middle
        self.database_label.setObjectName("status-database")
        self.counts_label = ElidedLabel(mode=Qt.TextElideMode.ElideRight)
        self.counts_label.setObjectName("status-counts")
        self.shown_label = plain_label()
        self.shown_label.setObjectName("status-shown")
        for label in (self.shown_label, self.counts_label, self.database_label):
            label.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(label)

    def show_message(self, text: str) -> None:
        """A passing message (MESSAGE_MS), in the user's language."""
        self.bar.showMessage(text, MESSAGE_MS)

    def update(self, store: Store | None, lang: Lang) -> None:
        """The database's path (marked when built in) and the shown briefing's counts of
        facts, targets (of its own year) and themes, read from `store`.

        Raises DatabaseError when the counts cannot be read.
        """
        if store is None:
            self.database_label.setText(translate("MainWindow", "No database open"))
            self.database_label.setToolTip("")
            self.counts_label.setText("")
            return
        metrics = self.database_label.fontMetrics()
        name = metrics.elidedText(
            str(store.path), Qt.TextElideMode.ElideMiddle, metrics.averageCharWidth() * 60
        )
        if store.trusted:
            name = translate("MainWindow", "{path} (built-in)").format(path=name)
        self.database_label.setText(translate("MainWindow", "Database: {name}").format(name=name))
        self.database_label.setToolTip(tooltip(str(store.path)))  # a path may look like HTML
        self.database_label.setAccessibleName(str(store.path))
        briefing = store.briefing()
        if briefing is None:
            self.counts_label.setText(translate("MainWindow", "No briefing in this database"))
            return
        targets = store.count_facts(FactFilter(
            briefing_id=briefing.id, kind="target", year=briefing.year
        ))
        counts = translate(
            "MainWindow", "{facts} facts · {targets} targets · {themes} themes"
        ).format(
            facts=f"{store.count_facts(FactFilter(briefing_id=briefing.id)):,}",
            targets=f"{targets:,}", themes=f"{store.count_sections(briefing.id):,}",
        )
        shown = translate("MainWindow", "Briefing: {briefing}").format(
            briefing=briefing.label(lang)
        )
        self.counts_label.setText(f"{shown} · {counts}")
