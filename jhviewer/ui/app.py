"""Start the viewer: the QApplication, the bundled font, the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from jhviewer import __version__
from jhviewer.data.records import Lang
from jhviewer.fonts import FontLoadError, load_bundled_fonts
from jhviewer.ui import style
from jhviewer.ui.main_window import MainWindow
from jhviewer.ui.settings import APPLICATION, ORGANISATION, Settings


def qt_arguments(argv: list[str]) -> list[str]:
    """`argv` as Qt can take it: an argument that is not valid text (a file name in GBK,
    which Python holds with surrogate escapes) crashes PySide6's conversion to QString
    (SIGSEGV before any window), so its undecodable bytes become U+FFFD. Qt reads only its
    own options from the list; the real path is still in sys.argv for jhviewer."""
    return [os.fsencode(arg).decode("utf-8", "replace") for arg in argv]


def create_application() -> QApplication:
    """The QApplication with our names and the bundled font as its default font."""
    existing = QApplication.instance()
    app = (existing if isinstance(existing, QApplication)
           else QApplication(qt_arguments(sys.argv)))
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    try:
        load_bundled_fonts()
    except FontLoadError as error:  # still usable with the system's fonts
        print(f"jhviewer: {error}", file=sys.stderr)
    style.apply_app_scale(app)
    return app


def run_app(db_path: Path | None, lang: str | None, briefing: str | None = None) -> int:
    """Open the window on `db_path` (the shipped data.db when None) and run until it closes.

    `briefing` is a briefing id to show first instead of the one chosen last time.
    """
    app = create_application()
    settings = Settings.user()
    window = MainWindow(settings, _language(lang) or settings.language())
    if briefing:
        settings.set_briefing(briefing)
    error = window.load_database(db_path, check_later=True)
    window.restore_last_tab()
    if os.environ.get("JHVIEWER_BENCH"):  # benchmarks/: report the first paint, then quit
        from jhviewer.ui.benchprobe import FirstPaintProbe

        FirstPaintProbe(window, open_charts=lambda: window.show_tab("charts"))
    window.show()
    if error is not None:
        QTimer.singleShot(0, lambda: window.report_open_error(db_path, error))
    code = app.exec()
    window.close_store()
    return code


def _language(lang: str | None) -> Lang | None:
    if lang == "zh":
        return "zh"
    if lang == "en":
        return "en"
    return None
