"""Start the viewer: the QApplication, the bundled font, the main window."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from jhviewer import __version__
from jhviewer.data.errors import DatabaseError
from jhviewer.data.records import Lang
from jhviewer.fonts import FontLoadError, load_bundled_fonts
from jhviewer.paths import APP_ID, ICON_SIZES, ICONS_DIR
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
    app.setDesktopFileName(APP_ID)  # the menu entry `jhviewer install-desktop` writes
    app.setWindowIcon(application_icon())
    try:
        load_bundled_fonts()
    except FontLoadError as error:  # still usable with the system's fonts
        print(f"jhviewer: {error}", file=sys.stderr)
    style.apply_app_scale(app)
    return app


WindowHook = Callable[[MainWindow], object]
_window_hooks: list[WindowHook] = []


def add_window_hook(hook: WindowHook) -> None:
    """Call `hook(window)` with the main window just before `run_app` shows it.

    For tools that watch the app from outside the package, e.g. the first-paint probe of
    benchmarks/ (`python -m benchmarks.app_probe`); the app itself registers none.
    """
    _window_hooks.append(hook)


def application_icon() -> QIcon:
    """The application icon (resources/icons/): each PNG size, for the window and task bar.

    PNGs rather than the SVG, so showing the window loads no SVG plugin. An empty icon if
    the files are missing (Qt then shows its default).
    """
    icon = QIcon()
    for size in ICON_SIZES:
        path = ICONS_DIR / f"{APP_ID}-{size}.png"
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon


def run_app(db_path: Path | None, lang: str | None, briefing: str | None = None) -> int:
    """Open the window on `db_path` (the shipped data.db when None) and run until it closes.

    `briefing` is a briefing id to show first instead of the one chosen last time.
    """
    app = create_application()
    settings = Settings.user()
    window = MainWindow(settings, _language(lang) or settings.language())
    error = window.session.load_database(db_path, check_later=True)
    if briefing and error is None:
        # An id the file does not hold is said in the status bar (naming the ids there
        # are); the briefing remembered from last time stays as it was.
        window.session.set_briefing(briefing)
    window.restore_last_tab()
    for hook in _window_hooks:
        hook(window)
    window.show()
    sys.excepthook = read_failures_to(window, sys.excepthook)
    if error is not None:
        QTimer.singleShot(0, lambda: window.session.report_open_error(db_path, error))
    code = app.exec()
    window.session.close_store()
    return code


ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def read_failures_to(window: MainWindow, fallback: ExceptHook) -> ExceptHook:
    """An excepthook for the event loop: a read of the database that failed in a slot the
    window does not guard itself reaches the user (the read-failure strip, with Retry)
    instead of stderr as a traceback; anything else goes to `fallback`."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if isinstance(error, DatabaseError):
            window.session.report_read_error(error)
        else:
            fallback(kind, error, trace)

    return hook


def _language(lang: str | None) -> Lang | None:
    if lang == "zh":
        return "zh"
    if lang == "en":
        return "en"
    return None
