"""Large printouts in the window (issue 12): ask first, then show progress with Cancel.

The full briefing of a large file runs to thousands of pages. Before printing, previewing
or saving it as a PDF the window asks (`confirm_large_print`); the CLI needs
`--allow-large` instead. The summary is capped and never asks. While a printout of more
than a few pages is painted, `print_progress` shows which page, with a Cancel button.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from jhviewer.ui.i18n import translate

if TYPE_CHECKING:
    from jhviewer.report import BriefingPrinter


def confirm_large_print(
    parent: QWidget, printer_job: BriefingPrinter, summary_only: bool = False
) -> bool:
    """True to go on printing: the printout is of a usual size, or the user said so."""
    reason = printer_job.too_large(summary_only)
    if reason is None:
        return True
    if not ask_large_print(parent, reason):
        return False
    printer_job.allow_large = True
    return True


def ask_large_print(parent: QWidget, reason: str) -> bool:
    """Ask whether to print a very large briefing anyway (tests replace this)."""
    box = QMessageBox(
        QMessageBox.Icon.Question, translate("MainWindow", "Very large printout"),
        reason + "\n\n" + translate(
            "MainWindow",
            "Print it anyway? Choose No and print the summary only to get page 1.",
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


SHOW_AFTER_S = 0.5


@contextmanager
def print_progress(parent: QWidget, printer_job: BriefingPrinter) -> Iterator[None]:
    """While the block prints with `printer_job`, show the page being painted after half a
    second, with Cancel (which stops the printout: PrintCancelledError, nothing written)."""
    started = time.monotonic()
    dialog: QProgressDialog | None = None

    def on_page(page: int, pages: int) -> bool:
        nonlocal dialog
        if dialog is None:
            if time.monotonic() - started < SHOW_AFTER_S:
                return True
            dialog = QProgressDialog("", translate("MainWindow", "Cancel"), 0, pages, parent)
            dialog.setWindowTitle(translate("MainWindow", "Printing"))
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(0)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.show()
        dialog.setLabelText(
            translate("MainWindow", "Page {page} of {pages}").format(page=page, pages=pages)
        )
        dialog.setValue(page - 1)
        QApplication.processEvents()
        return not dialog.wasCanceled()

    printer_job.on_page = on_page
    try:
        yield
    finally:
        printer_job.on_page = None
        if dialog is not None:
            dialog.reset()
            dialog.deleteLater()
