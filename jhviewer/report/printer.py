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
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMarginsF
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
from jhviewer.data.atomic import write_bytes
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

    name = sys.argv[0] if sys.argv else "jhviewer"
    # Not valid text (a GBK folder name): PySide6 would crash converting it to QString.
    _application = QApplication([os.fsencode(name).decode("utf-8", "replace")])
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
        """Set a printer up for the briefing: A4 portrait, margins, document name.

        Call it before showing a print dialog: what the user then picks there (paper size,
        orientation, page range) is honoured by `to_printer(..., configure=False)`.
        """
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

    def render(
        self,
        device: QPagedPaintDevice,
        summary_only: bool | None = None,
        pages: Sequence[int] | None = None,
    ) -> int:
        """Lay out and paint onto `device` as it is set up (its paper size and orientation);
        only the page numbers in `pages` (1-based) when given. Returns the document's number
        of pages (every page counted, printed or not).

        Everything printed is read in one consistent view of the file (`Store.snapshot`):
        another program rewriting it meanwhile shows in none or all of the printout.
        Raises LargePrintError for a printout far too long unless `allow_large`."""
        with self.store.snapshot():
            if not self.allow_large:
                reason = self.too_large(summary_only)
                if reason is not None:
                    raise LargePrintError(
                        f"{reason} Print the summary only, or allow a large printout."
                    )
            return self._render(device, summary_only, pages)

    def _render(
        self, device: QPagedPaintDevice, summary_only: bool | None,
        pages: Sequence[int] | None,
    ) -> int:
        layout = self.layout(device, summary_only)
        numbers = None
        if pages is not None:
            numbers = [number for number in pages if 1 <= number <= layout.page_count]
            if not numbers:
                raise ExportError(
                    "The page range is outside the briefing's {count} pages.",
                    count=layout.page_count,
                )
        painter = QPainter()
        if not painter.begin(device):
            raise ExportError("Could not start printing (the output could not be opened).")
        try:
            layout.paint(painter, device, numbers, self.on_page)
        except PrintCancelledError:
            if isinstance(device, QPrinter):
                device.abort()  # the pages so far are not sent (a PDF is not kept either)
            raise
        finally:
            painter.end()
        return layout.page_count

    def to_pdf(
        self, path: Path | str, summary_only: bool | None = None, *, force: bool = False
    ) -> int:
        """Write an A4 PDF all-or-nothing; returns the number of pages.

        The PDF is made in memory from one consistent view of the file, checked to be
        complete and written through `jhviewer.data.atomic.write_bytes` (Qt's PDF writer
        does not report a failed write). Raises WriteError (nothing changed on disk) when
        it cannot be written.
        """
        self._fresh()
        data, pages = self.pdf_bytes(summary_only)
        write_bytes(Path(path), data, verify=pdf_complete, force=force)
        return pages

    def pdf_bytes(
        self,
        summary_only: bool | None = None,
        layout: QPageLayout | None = None,
        pages: Sequence[int] | None = None,
    ) -> tuple[bytes, int]:
        """The PDF as bytes and the document's number of pages (A4 portrait unless
        `layout`; only the page numbers in `pages` when given)."""
        _prepare_qt()
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setResolution(PDF_DPI)
        writer.setPageLayout(layout or page_layout())
        writer.setCreator(_creator())
        try:
            with self.store.snapshot():  # the title and every page from one view of the file
                writer.setTitle(self.title)
                count = self.render(writer, summary_only, pages)
        finally:
            del writer  # finishes the document into the buffer
        data = bytes(QByteArray(buffer.data()).data())
        buffer.close()
        if self.chart_failures:  # before anything is written: a PDF missing charts is no PDF
            raise ExportError(
                "Some charts could not be drawn: " + "; ".join(self.chart_failures)
            )
        return data, count

    def to_printer(
        self, printer: QPrinter, summary_only: bool | None = None, configure: bool = True
    ) -> int:
        """Print on `printer`; returns the document's number of pages.

        With `configure` the printer is set up for A4 portrait first. Without it (after a
        print dialog), the paper size and orientation chosen stay, only the briefing's
        margins are applied, and the dialog's page range is honoured. "Print to file" (PDF)
        goes through the same all-or-nothing writer as Export PDF.
        """
        self._fresh()
        if configure:
            self.configure(printer)
        else:
            printer.setFullPage(False)
            printer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
        pages = print_range(printer)
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
            data, count = self.pdf_bytes(summary_only, printer.pageLayout(), pages)
            write_bytes(Path(printer.outputFileName()), data, verify=pdf_complete)
            return count
        if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat and not printer.isValid():
            raise ExportError(
                "The printer {name} is not available.", name=printer.printerName()
            )
        return self.render(printer, summary_only, pages)

    def _fresh(self) -> None:
        """A new printout reads the file as it is now, not as an earlier one did."""
        self._documents.clear()
        self._artist = None

    def paint_requested(self, printer: QPrinter) -> None:
        """For QPrintPreviewDialog.paintRequested: paint with the printer's own setup (the
        preview's paper size and orientation), exactly what `to_printer` would print."""
        self.render(printer, None, print_range(printer))


def print_range(printer: QPrinter) -> list[int] | None:
    """The page numbers a print dialog asked for (1-based), or None for all pages."""
    if printer.printRange() != QPrinter.PrintRange.PageRange:
        return None
    ranges = printer.pageRanges()
    if not ranges.isEmpty():
        numbers: list[int] = []
        for span in ranges.toRangeList():
            numbers += range(span.from_, span.to + 1)
        return numbers
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0:
        return None
    return list(range(first, max(first, last) + 1))


def pdf_complete(data: bytes) -> bool:
    """True for a whole PDF: the header at the start and the end-of-file marker at the end."""
    return data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


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
