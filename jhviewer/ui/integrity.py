"""The integrity check of an opened file, with progress and a way to skip it (issue 12).

A big file on a cold disk takes a while to check (the check reads all of it, under its
own time budget, `Store.check_seconds`). After half a second the window shows a progress
dialog; its Skip button reads the file without the check, for a file the user trusts.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from jhviewer.data.errors import CheckStoppedError
from jhviewer.data.store import Store
from jhviewer.ui.i18n import translate
from jhviewer.ui.text import plain_label

SHOW_AFTER_S = 0.5
STEPS = 1000


def run_check(parent: QWidget, store: Store) -> bool:
    """Run the check left for later; True if it ran (or had run), False if skipped.

    Raises the DatabaseError that refuses the file, as `Store.check` does."""
    started = time.monotonic()
    dialog: QProgressDialog | None = None

    def progress(fraction: float) -> bool:
        nonlocal dialog
        if dialog is None:
            if time.monotonic() - started < SHOW_AFTER_S:
                return True
            dialog = _dialog(parent, store)
        dialog.setValue(min(STEPS - 1, round(fraction * STEPS)))
        QApplication.processEvents()
        return not dialog.wasCanceled()

    try:
        store.check(progress)
    except CheckStoppedError:
        store.skip_check()
        return False
    finally:
        if dialog is not None:
            dialog.reset()
            dialog.deleteLater()
    return True


def _dialog(parent: QWidget, store: Store) -> QProgressDialog:
    text = translate(
        "MainWindow",
        "Checking {name} for damage (at most {seconds} s)...\n"
        "Skip the check only for a file you trust.",
    ).format(name=store.path.name, seconds=f"{store.check_seconds():.0f}")
    dialog = QProgressDialog("", translate("MainWindow", "Skip Check"), 0, STEPS, parent)
    dialog.setLabel(plain_label(text))  # a file name is never read as markup
    dialog.setWindowTitle(translate("MainWindow", "Checking the database"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.show()
    return dialog
