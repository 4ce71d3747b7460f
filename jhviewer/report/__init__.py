"""The printable briefing: A4 pages for print preview, printers and PDF, with no window.

`content` turns the store into a plain document model (no Qt), `layout` measures,
paginates and paints it, `printer.BriefingPrinter` drives PDF writers and printers.
"""

from __future__ import annotations

from jhviewer.report.printer import BriefingPrinter, ensure_gui_application

__all__ = ["BriefingPrinter", "ensure_gui_application"]
