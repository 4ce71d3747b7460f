"""File ▸ Import Progress… and File ▸ Print Progress…, kept out of main_window.py.

The actions are plain QActions whose texts come in both languages from here (so the
shared translation catalogue needs no new entries); the main window registers them in
its File menu and calls `retranslate` when the language changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from jhviewer.data.records import Lang

if TYPE_CHECKING:
    from jhviewer.ui.main_window import MainWindow
    from jhviewer.ui.targets_panel import TargetsPanel

MENU = ("import-progress", "print-progress")
_TEXTS = {
    "import-progress": (("导入进度(&M)…", "I&mport Progress..."),
                        ("从CSV或Excel表格导入目标进度",
                         "Import target progress from CSV or Excel")),
    "print-progress": (("打印进度(&G)…", "Print Pro&gress..."),
                       ("预览并打印目标进度报告", "Preview and print the target progress report")),
}


def make_actions(window: MainWindow) -> dict[str, QAction]:
    """The two progress actions, parented to `window`."""
    made = {}
    for name, slot in (("import-progress", lambda: import_progress(window)),
                       ("print-progress", lambda: print_progress(window))):
        action = QAction(window)
        action.setObjectName(name)
        action.triggered.connect(slot)
        made[name] = action
    retranslate(made, window.lang)
    return made


def retranslate(actions: dict[str, QAction], lang: Lang) -> None:
    for name, ((text_zh, text_en), (tip_zh, tip_en)) in _TEXTS.items():
        action = actions.get(name)
        if action is None:
            continue
        action.setText(text_zh if lang == "zh" else text_en)
        tip = tip_zh if lang == "zh" else tip_en
        action.setStatusTip(tip)
        action.setToolTip(tip)


def _targets(window: MainWindow) -> TargetsPanel | None:
    from jhviewer.ui.targets_panel import TargetsPanel

    if window.store is None:
        return None
    panel = window.show_tab("targets")
    return panel if isinstance(panel, TargetsPanel) else None


def import_progress(window: MainWindow) -> None:
    panel = _targets(window)
    if panel is not None:
        panel.import_progress()


def progress_report(window: MainWindow, lang: Lang | None = None) -> object | None:
    """The progress report of the window's briefing, as the tracker has it now."""
    from jhviewer.report.progress import ProgressReport

    panel = _targets(window)
    if panel is None or window.store is None:
        return None
    tracker = panel.tracker
    tracker.refresh()
    results = [tracker.results[t.id] for t in tracker.targets if t.id in tracker.results]
    return ProgressReport(window.store, results, tracker.all_entries(), lang or window.lang,
                          location=tracker.shown_location)


def print_progress(window: MainWindow) -> None:
    """Print preview of the progress report; print from there."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    report = progress_report(window)
    if report is None:
        return
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintPreviewDialog(printer, window)
    dialog.setWindowTitle(_TEXTS["print-progress"][0][0 if window.lang == "zh" else 1]
                          .replace("(&G)", "").replace("&", ""))
    dialog.paintRequested.connect(report.paint_requested)  # type: ignore[attr-defined]
    dialog.exec()
