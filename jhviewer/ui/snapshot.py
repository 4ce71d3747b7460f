"""`jhviewer snapshot`: render every tab to a PNG without a screen, for the README and review."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QBuffer, QCoreApplication, QEvent, QIODevice
from PySide6.QtWidgets import QApplication, QWidget

from jhviewer.data.atomic import write_bytes
from jhviewer.data.errors import ExportError
from jhviewer.data.records import Lang
from jhviewer.ui.app import create_application
from jhviewer.ui.main_window import MainWindow
from jhviewer.ui.settings import Settings
from jhviewer.ui.tabs import TAB_KEYS

SETTLE_ROUNDS = 6


def settle(app: QApplication) -> None:
    """Let layouts, deferred deletes and pending paints finish."""
    for _ in range(SETTLE_ROUNDS):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()


def take_snapshots(
    out_dir: Path, lang: Lang, size: tuple[int, int], db_path: Path | None = None,
    briefing_id: str | None = None,
) -> list[Path]:
    """Write OUT_DIR/<tab>.png for each tab of one briefing (the default when None).

    Raises the store's error if the database is bad, UnknownBriefingError for an id
    the database does not hold.
    """
    app = create_application()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="jhviewer-snapshot-") as folder:
        # A private settings file: a snapshot never changes the user's settings.
        window = MainWindow(Settings.in_file(Path(folder) / "settings.ini"), lang)
        try:
            error = window.session.load_database(db_path)
            if error is not None:
                raise error
            if briefing_id is not None and window.store is not None:
                if window.store.briefing(briefing_id) is None:
                    window.store.select_briefing(briefing_id)  # raises, naming the ids
                window.session.set_briefing(briefing_id)
            window.resize(*size)
            window.show()
            for key in TAB_KEYS:
                window.show_tab(key)
                settle(app)
                if window.session.read_errors:  # a tab that could not read its rows is no snapshot
                    raise window.session.read_errors[0]
                written.append(_save(window, out_dir / f"{key}.png"))
        finally:
            window.close()
            window.session.close_store()
            window.deleteLater()
            settle(app)
    return written


def take_presentation_snapshots(
    out_dir: Path, lang: Lang, size: tuple[int, int], db_path: Path | None = None,
    briefing_id: str | None = None,
) -> list[Path]:
    """Write OUT_DIR/step-NN.png for each step of presentation mode (F11) on a screen of
    `size`, as a projector shows it. Raises the store's error if the database is bad."""
    from jhviewer.data.store import Store
    from jhviewer.ui.i18n import Translators
    from jhviewer.ui.presentation import PresentationView

    app = create_application()
    out_dir.mkdir(parents=True, exist_ok=True)
    translators = Translators()
    translators.set_language(lang)
    written = []
    with Store.open(db_path) as store:
        if briefing_id is not None:
            store.select_briefing(briefing_id)
        view = PresentationView()
        try:
            view.resize(*size)
            view.show()
            settle(app)
            view.start(store, lang)
            for index in range(len(view.steps)):
                view.go(index)
                settle(app)
                written.append(_save(view, out_dir / f"step-{index + 1:02d}.png"))
        finally:
            view.close()
            view.deleteLater()
            settle(app)
            translators.set_language("en")
    return written


def _save(window: QWidget, path: Path) -> Path:
    image = window.grab().toImage()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ExportError("Could not write {path}.", path=path)
    return write_bytes(path, bytes(buffer.data().data()))
