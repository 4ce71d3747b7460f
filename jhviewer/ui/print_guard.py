"""Asking before a printout far beyond what a person reads (issue 12).

The full briefing of a large file runs to thousands of pages. Before printing, previewing
or saving it as a PDF the window asks (`confirm_large_print`); the CLI needs
`--allow-large` instead. The summary is capped and never asks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

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
