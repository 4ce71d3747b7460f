"""The printable briefing: A4 pages for print preview, printers and PDF, with no window.

`content` turns the store into a plain document model (no Qt); `typeset` measures text,
`flowables` makes the document's blocks, `paginate` places them on pages (no Qt),
`layout` is the page design that paints them; `printer.BriefingPrinter` drives PDF
writers and printers, and `charts` paints the declared charts through the painter it is
given. `BriefingPrinter` is loaded when first asked for, so the Qt-free modules here can
be imported without Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jhviewer.report.printer import BriefingPrinter, ensure_gui_application

__all__ = ["BriefingPrinter", "ensure_gui_application"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from jhviewer.report import printer

        return getattr(printer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
