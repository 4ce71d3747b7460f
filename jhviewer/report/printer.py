"""BriefingPrinter: the printable briefing on a PDF file, a printer or a print preview.

    printer = BriefingPrinter(store, "zh")
    pages = printer.to_pdf("brief.pdf")                 # the full briefing
    printer.to_pdf("summary.pdf", summary_only=True)   # page 1 only

    qprinter = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.configure(qprinter)                         # A4 portrait, margins, title
    QPrintDialog(qprinter).exec() and printer.to_printer(qprinter)
    preview = QPrintPreviewDialog(qprinter)
    preview.paintRequested.connect(printer.paint_requested)

Works with no window: a QApplication is created on demand, offscreen when there is no
display. The summary-only path never imports the chart code (and so not pyqtgraph).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import (
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtPrintSupport import QPrinter

from jhviewer import __version__
from jhviewer.data.atomic import atomic_path
from jhviewer.data.errors import ExportError
from jhviewer.data.records import Lang
from jhviewer.data.store import Store
from jhviewer.fonts import FontLoadError, load_bundled_fonts
from jhviewer.report.content import ChartBlock, ReportDocument, build_document
from jhviewer.report.layout import PagedLayout, PrintCancelledError

if TYPE_CHECKING:
    from jhviewer.report.charts import ChartArtist, FigurePainter

# A full printout beyond these is far more than a person reads: the CLI needs
# --allow-large and the window asks first (`BriefingPrinter.too_large`).
LARGE_PRINT_FACTS = 5_000
LARGE_PRINT_SECTIONS = 1_000

# Page margins (mm): the running header and footer sit inside them.
MARGINS_MM = QMarginsF(18.0, 12.0, 18.0, 12.0)
PDF_DPI = 1200

_application: QCoreApplication | None = None


def ensure_gui_application() -> QCoreApplication:
    """The running Qt application, or a new one (offscreen on Linux with no display)."""
    global _application
    app = QCoreApplication.instance()
    if app is not None:
        if not isinstance(app, QGuiApplication):
            raise ExportError("Printing needs a Qt GUI application, not a console one.")
        return app
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication  # the viewer's charts need widgets

    _application = QApplication([sys.argv[0] if sys.argv else "jhviewer"])
    return _application


def page_layout() -> QPageLayout:
    """A4 portrait with the briefing's margins."""
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        MARGINS_MM,
        QPageLayout.Unit.Millimeter,
    )


class BriefingPrinter:
    """Prints one briefing of a store in one language ('zh' or 'en').

    `briefing_id` None means the store's chosen briefing. `figures` paints the charts of
    the full briefing (the viewer's `jhviewer.ui.charts.FIGURE_PAINTER`); a full
    printout of a briefing that declares charts raises ExportError without it, and so
    does one whose charts could not all be drawn.
    """

    def __init__(
        self,
        store: Store,
        lang: Lang = "zh",
        *,
        briefing_id: str | None = None,
        figures: FigurePainter | None = None,
        summary_only: bool = False,
        printed_on: date | None = None,
        today: Callable[[], date] = date.today,
        allow_large: bool = False,
    ) -> None:
        if lang not in ("zh", "en"):
            raise ValueError(f"unknown language {lang!r}")
        self.store = store
        self.briefing_id = briefing_id
        self.figures = figures
        self.allow_large = allow_large
        # Called before each page with (page, pages); False stops the printout (the window
        # shows progress with it and a Cancel button).
        self.on_page: Callable[[int, int], bool] | None = None
        self.lang: Lang = lang
        self.summary_only = summary_only
        self.printed_on = printed_on
        self._today = today
        self._documents: dict[tuple[bool, date], ReportDocument] = {}
        self._artist: ChartArtist | None = None

    # --- content ---------------------------------------------------------------------------

    def document(self, summary_only: bool | None = None) -> ReportDocument:
        """The document model (cached; the date printed is today's unless fixed)."""
        only = self.summary_only if summary_only is None else summary_only
        day = self.printed_on or self._today()
        key = (only, day)
        if key not in self._documents:
            self._documents[key] = build_document(
                self.store, self.lang, day, only, self.briefing_id
            )
        return self._documents[key]

    @property
    def title(self) -> str:
        return self.document(summary_only=True).title

    def layout(self, device: QPagedPaintDevice, summary_only: bool | None = None) -> PagedLayout:
        """The document measured and paginated for `device` (which must be set up)."""
        _prepare_qt()
        only = self.summary_only if summary_only is None else summary_only
        artist = None
        document = self.document(only)
        if not only and any(isinstance(e, ChartBlock) for e in document.body):
            if self.figures is None:
                raise ExportError(
                    "This printout has charts, but no chart painter was given to draw them."
                )
            if self._artist is None:  # kept: it caches the drawn charts for repaints
                from jhviewer.report.charts import ChartArtist

                self._artist = ChartArtist(self.store, self.figures)
            artist = self._artist
            artist.failures.clear()
        return PagedLayout(document, device, artist)

    @property
    def chart_failures(self) -> list[str]:
        """Charts that could not be drawn in the last printout ('id: error'), if any."""
        return list(self._artist.failures) if self._artist is not None else []

    # --- output ----------------------------------------------------------------------------

    def configure(self, printer: QPrinter) -> None:
        """Set a printer up for the briefing: A4 portrait, margins, document name."""
        printer.setPageLayout(page_layout())
        printer.setFullPage(False)
        printer.setDocName(self.title)
        printer.setCreator(_creator())

    def too_large(self, summary_only: bool | None = None) -> str | None:
        """Why the printout is far beyond what a person reads (a sentence), or None.

        Counted, not built: the full briefing of 100,000 facts would be some 5,000 pages.
        The summary is capped and never too large."""
        only = self.summary_only if summary_only is None else summary_only
        if only:
            return None
        briefing = self.store.briefing(self.briefing_id)
        if briefing is None:
            return None
        from jhviewer.data.records import FactFilter

        facts = self.store.count_facts(FactFilter(briefing_id=briefing.id))
        sections = self.store.count_sections(briefing.id)
        if facts <= LARGE_PRINT_FACTS and sections <= LARGE_PRINT_SECTIONS:
            return None
        return (
            f"The full briefing holds {facts:,} facts in {sections:,} sections, about "
            f"{max(1, facts // 20 + sections // 12):,} pages: far more than the "
            f"{LARGE_PRINT_FACTS:,} facts or {LARGE_PRINT_SECTIONS:,} sections a printout "
            "is meant for."
        )

    def render(self, device: QPagedPaintDevice, summary_only: bool | None = None) -> int:
        """Lay out and paint onto `device` as it is set up; returns the number of pages.

        Everything printed is read in one consistent view of the file (`Store.snapshot`):
        another program rewriting it meanwhile shows in none or all of the printout."""
        with self.store.snapshot():
            if not self.allow_large:
                reason = self.too_large(summary_only)
                if reason is not None:
                    raise LargePrintError(
                        f"{reason} Print the summary only, or allow a large printout."
                    )
            return self._render(device, summary_only)

    def _render(self, device: QPagedPaintDevice, summary_only: bool | None) -> int:
        layout = self.layout(device, summary_only)
        painter = QPainter()
        if not painter.begin(device):
            raise ExportError("Could not start printing (the output could not be opened).")
        try:
            if self.on_page is None:
                layout.paint(painter, device)
            else:
                layout.paint(painter, device, self.on_page)
        except PrintCancelledError:
            if isinstance(device, QPrinter):
                device.abort()  # the pages so far are not sent (a PDF is not kept either)
            raise
        finally:
            painter.end()
        return layout.page_count

    def to_pdf(self, path: Path | str, summary_only: bool | None = None) -> int:
        """Write an A4 PDF all-or-nothing; returns the number of pages."""
        _prepare_qt()
        target = Path(path)
        self._fresh()
        with self.store.snapshot(), atomic_path(target) as temp:
            writer = QPdfWriter(str(temp))
            writer.setResolution(PDF_DPI)
            writer.setPageLayout(page_layout())
            writer.setTitle(self.title)
            writer.setCreator(_creator())
            try:
                pages = self.render(writer, summary_only)
            finally:
                del writer  # closes the file before it is renamed
            if self.chart_failures:  # before the rename: a PDF missing charts is no PDF
                raise ExportError(
                    "Some charts could not be drawn: " + "; ".join(self.chart_failures)
                )
        return pages

    def to_printer(
        self, printer: QPrinter, summary_only: bool | None = None, configure: bool = True
    ) -> int:
        """Print on `printer` (set up for A4 first unless `configure` is False)."""
        self._fresh()
        with self.store.snapshot():
            if configure:
                self.configure(printer)
            if (printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
                    and not printer.isValid()):
                raise ExportError(
                    "The printer {name} is not available.", name=printer.printerName()
                )
            return self.render(printer, summary_only)

    def _fresh(self) -> None:
        """A new printout reads the file as it is now, not as an earlier one did."""
        self._documents.clear()
        self._artist = None

    def paint_requested(self, printer: QPrinter) -> None:
        """For QPrintPreviewDialog.paintRequested: paint with the printer's own setup."""
        self.render(printer)


class LargePrintError(ExportError):
    """The printout would be far beyond what a person reads, and was not allowed."""


def _prepare_qt() -> None:
    ensure_gui_application()
    try:
        load_bundled_fonts()
    except FontLoadError as error:
        raise ExportError(str(error)) from error


def _creator() -> str:
    return f"jhviewer {__version__}"
