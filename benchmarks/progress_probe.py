"""Child processes of the progress benchmark (benchmarks/progress.py).

    python -m benchmarks.progress_probe first-paint   # window opened on 数说江汉
    python -m benchmarks.progress_probe add N         # N × (add entry + repaint cards)

`first-paint` starts the viewer on the shipped data.db with the 数说江汉 tab shown and the
progress database at $XDG_DATA_HOME/jhviewer/jhviewer/progress.db (whatever the parent put
there, or none), and reports its first paint through the app's own probe.
`add` times, N times, one entry stored through the window's tracker plus the repaint of
the cards that follows (the event loop run until nothing is left to paint), and the same
row stored by bare sqlite3 in a WAL database (the floor), alternating; prints JSON.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def first_paint() -> int:
    from benchmarks.probe import FirstPaintProbe
    from jhviewer.ui.app import create_application
    from jhviewer.ui.main_window import MainWindow
    from jhviewer.ui.settings import Settings

    app = create_application()
    with tempfile.TemporaryDirectory() as folder:
        window = MainWindow(Settings.in_file(Path(folder) / "settings.ini"), "zh")
        window.session.load_database(None)
        window.show_tab("targets")
        window.resize(1400, 900)
        FirstPaintProbe(window)
        window.show()
        return app.exec()


def add(count: int) -> int:
    from PySide6.QtWidgets import QApplication

    from jhviewer.data.progress.model import validate_entry
    from jhviewer.ui.app import create_application
    from jhviewer.ui.main_window import MainWindow
    from jhviewer.ui.settings import Settings
    from jhviewer.ui.targets_panel import TargetsPanel

    app = create_application()
    folder = Path(tempfile.mkdtemp())
    os.environ["XDG_DATA_HOME"] = str(folder / "data")
    window = MainWindow(Settings.in_file(folder / "settings.ini"), "zh")
    window.session.load_database(None)
    window.resize(1400, 900)
    panel = window.show_tab("targets")
    assert isinstance(panel, TargetsPanel)
    window.show()
    for _ in range(5):
        app.processEvents()
    tracker = panel.tracker
    targets = tracker.targets
    floor_db = sqlite3.connect(folder / "floor.db", isolation_level=None)
    floor_db.execute("PRAGMA journal_mode = WAL")
    floor_db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, target TEXT, value REAL, "
                     "as_of TEXT, note TEXT, entered TEXT)")
    app_ms, floor_ms, paint_ms = [], [], []
    numeric = [t for t in targets if t.measure != "qualitative"]
    for index in range(count):
        target = numeric[index % len(numeric)]
        value = (target.value or 1) * ((index % 12) + 1) / 12
        new = validate_entry(target, value, f"{target.year}-{(index % 12) + 1:02d}",
                             tracker.units)
        for variant in (("app", "floor") if index % 2 == 0 else ("floor", "app")):
            start = time.perf_counter()
            if variant == "app":
                tracker.add(new)
                stored = time.perf_counter()
                QApplication.processEvents()  # the cards repaint here
                app_ms.append((time.perf_counter() - start) * 1000)
                paint_ms.append((time.perf_counter() - stored) * 1000)
            else:
                floor_db.execute("BEGIN IMMEDIATE")
                floor_db.execute("INSERT INTO t (target, value, as_of, note, entered) "
                                 "VALUES (?, ?, ?, ?, ?)", (target.id, value, new.as_of, "",
                                                            "now"))
                floor_db.execute("COMMIT")
                floor_ms.append((time.perf_counter() - start) * 1000)
    print(json.dumps({"app_ms": app_ms, "floor_ms": floor_ms, "paint_ms": paint_ms,
                      "targets": len(targets),
                      "strips": len(panel.strips)}))
    window.close()
    return 0


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "first-paint"
    sys.exit(first_paint() if mode == "first-paint" else add(int(sys.argv[2])))
