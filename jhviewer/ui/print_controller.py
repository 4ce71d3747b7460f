"""Printing and PDF export from the window: Print Preview, Print and Export PDF.

The window's File menu actions come here. `PrintController` builds a `BriefingPrinter`
for the briefing on show (with the viewer's chart painter), asks the questions (options,
file name, a very large printout), and runs the job with the wait cursor, its progress and
a message on failure.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from jhviewer.data.errors import JhviewerError
from jhviewer.data.records import Lang
from jhviewer.ui.i18n import error_text, translate

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from jhviewer.report import BriefingPrinter
    from jhviewer.ui.main_window import MainWindow


class PrintController:
    """Print Preview, Print and Export PDF for one window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def briefing_printer(self, lang: Lang | None = None) -> BriefingPrinter | None:
        """A printer for the briefing shown (in `lang`, else the window's language), with
        the window's chart painter; None, with a message, when no database is open."""
        self.window.session.checked_store()
        if self.window.store is None:
            self.window.show_message(translate("MainWindow", "Open a database first."))
            return None
        from jhviewer.report import BriefingPrinter
        from jhviewer.ui.charts import FIGURE_PAINTER

        briefing = self.window.store.briefing()
        return BriefingPrinter(
            self.window.store, lang or self.window.lang, figures=FIGURE_PAINTER,
            briefing_id=briefing.id if briefing is not None else None,
        )

    def print_preview(self) -> None:
        printer_job = self.briefing_printer()
        if printer_job is None or not self._confirm_large(printer_job):
            return
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer_job.configure(printer)  # A4 and our margins, as the PDF and the printout
        dialog = QPrintPreviewDialog(printer, self.window)
        dialog.setWindowTitle(translate("MainWindow", "Print Preview"))
        dialog.paintRequested.connect(printer_job.paint_requested)
        dialog.exec()

    def print_briefing(self) -> None:
        printer_job = self.briefing_printer()
        if printer_job is None or not self._confirm_large(printer_job):
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer_job.configure(printer)  # the default the dialog shows: A4 portrait
        dialog = QPrintDialog(printer, self.window)
        self.setup_print_dialog(dialog, printer_job, printer)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            # configure=False: keep the paper size, orientation and page range chosen.
            self.run(
                lambda: printer_job.to_printer(printer, configure=False), printer_job
            )

    @staticmethod
    def setup_print_dialog(
        dialog: QPrintDialog, printer_job: BriefingPrinter, printer: QPrinter
    ) -> None:
        """Offer what printing honours: all pages or a page range (of this many pages),
        paper size and orientation; not 'selection' or 'current page', which a briefing
        does not have."""
        from PySide6.QtPrintSupport import QAbstractPrintDialog

        options = QAbstractPrintDialog.PrintDialogOption
        dialog.setOption(options.PrintPageRange, True)
        dialog.setOption(options.PrintSelection, False)
        dialog.setOption(options.PrintCurrentPage, False)
        dialog.setOption(options.PrintToFile, True)
        try:
            count = printer_job.layout(printer).page_count
        except JhviewerError:
            count = 9999
        dialog.setMinMax(1, count)

    def export_pdf(self) -> None:
        from jhviewer.ui.pdf_dialog import PdfOptionsDialog

        options = PdfOptionsDialog(self.window.lang, self.window)
        if options.exec() != QDialog.DialogCode.Accepted:
            return
        lang, summary_only = options.language(), options.summary_only()
        printer_job = self.briefing_printer(lang)
        if printer_job is None or not self._confirm_large(printer_job, summary_only):
            return
        folder = Path(self.window.settings.last_directory() or Path.home())
        briefing = self.window.store.briefing() if self.window.store is not None else None
        stem = briefing.short_name if briefing is not None else "jhviewer"
        suggested = f"{stem}-{'summary' if summary_only else 'briefing'}-{lang}.pdf"
        name, _filter = QFileDialog.getSaveFileName(
            self.window, translate("MainWindow", "Export PDF"), str(folder / suggested),
            "PDF (*.pdf)",
        )
        if not name:
            return
        path = Path(name) if name.lower().endswith(".pdf") else Path(name + ".pdf")
        if self.run(lambda: printer_job.to_pdf(path, summary_only=summary_only),
                            printer_job):
            self.window.settings.set_last_directory(str(path.parent))
            self.window.show_message(translate("MainWindow", "Saved {path}").format(path=path))

    def _confirm_large(self, printer_job: BriefingPrinter, summary_only: bool = False) -> bool:
        from jhviewer.ui.print_guard import confirm_large_print

        return confirm_large_print(self.window, printer_job, summary_only)

    def run(self, job: Callable[[], object],
            printer_job: BriefingPrinter | None = None) -> bool:
        """Run a printout with the wait cursor; with `printer_job`, show its progress (with
        Cancel) if it is long. A failure is shown in a message box; the cursor is restored
        whatever happens, an unexpected error included. True when the job finished."""
        from contextlib import nullcontext

        from jhviewer.ui.print_guard import print_progress

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            with print_progress(self.window, printer_job) if printer_job else nullcontext():
                job()
        except (JhviewerError, OSError) as error:
            QApplication.restoreOverrideCursor()
            self._failed(error)
            return False
        except BaseException:
            QApplication.restoreOverrideCursor()
            raise
        QApplication.restoreOverrideCursor()
        return True

    def _failed(self, error: JhviewerError | OSError) -> None:
        if type(error).__name__ == "PrintCancelledError":  # the user's own Cancel
            self.window.show_message(str(error))
            return
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, translate("MainWindow", "Printing failed"),
                          error_text(error), QMessageBox.StandardButton.Ok, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()
