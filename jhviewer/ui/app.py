"""Start the viewer: the QApplication, the bundled font, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from jhviewer.data.store import Store


def run_app(db_path: Path | None, lang: str | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    store = Store.open(db_path)
    window = QMainWindow()
    briefing = store.briefing()
    label = QLabel(briefing.title("en" if lang == "en" else "zh") if briefing else "")
    window.setCentralWidget(label)
    window.show()
    return app.exec()
