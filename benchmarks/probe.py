"""The first-paint probe: the same code watches the app and the floor's bare window.

The product does not carry it: `python -m benchmarks.app_probe` registers it through the
app's window hook (`jhviewer.ui.app.add_window_hook`) and then runs the real entry point.
The watched window reports on stdout, then quits:

    first-paint <seconds since JHVIEWER_BENCH_T0> <peak RSS in KiB>
    charts-open <seconds from opening the charts to their first paint> <peak RSS in KiB>

`first-paint` comes once the window's first frame is painted. With JHVIEWER_BENCH=charts
the probe then calls `open_charts` (which shows the charts and returns the widget they are
in) and reports `charts-open` once that widget has painted. JHVIEWER_BENCH_T0 is the
parent's `time.time()` just before it started the process.

The probe filters the events of the watched widget and of the widgets inside it, not of
the whole application: an application-wide filter makes PySide6 wrap every object that
receives an event (layouts, animation timers, the platform window, ...) as a Python object,
which costs a window with many widgets some 30 ms that the app itself never pays.

The floor (benchmarks/floor_window.py) uses this same module, so both are measured alike.
"""

from __future__ import annotations

import math
import os
import resource
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

ENV_MODE = "JHVIEWER_BENCH"
ENV_T0 = "JHVIEWER_BENCH_T0"


class FirstPaintProbe(QObject):
    """Reports the first paint of `window` (and of the charts) and quits the app."""

    def __init__(
        self, window: QWidget, open_charts: Callable[[], QWidget] | None = None
    ) -> None:
        super().__init__(window)
        self._mode = os.environ.get(ENV_MODE, "first-paint")
        self._open_charts = open_charts
        self._watched: QWidget | None = None
        self._filtered: list[QWidget] = []
        self._charts_started: float | None = None
        assert QCoreApplication.instance() is not None, "create the QApplication first"
        self._watch(window)

    def _watch(self, widget: QWidget) -> None:
        """Wait for the first paint of `widget` or of a widget inside it (as they are now)."""
        self._filtered = [widget, *widget.findChildren(QWidget)]
        for watched in self._filtered:
            watched.installEventFilter(self)
        self._watched = widget

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        target = self._watched
        if (
            target is not None
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and (watched is target or target.isAncestorOf(watched))
        ):
            self._watched = None
            # After this paint event the rest of the frame is painted and flushed.
            QTimer.singleShot(0, self._painted)
        return False

    def _painted(self) -> None:
        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        if self._charts_started is None:
            try:
                started = float(os.environ.get(ENV_T0, "nan"))
            except ValueError:
                started = math.nan
            print(f"first-paint {time.time() - started:.6f} {peak_kib}", flush=True)
            for watched in self._filtered:  # the window's events need not pass through here
                watched.removeEventFilter(self)
            if self._mode == "charts" and self._open_charts is not None:
                self._charts_started = time.perf_counter()
                self._watch(self._open_charts())
                return
        else:
            elapsed = time.perf_counter() - self._charts_started
            print(f"charts-open {elapsed:.6f} {peak_kib}", flush=True)
        app = QCoreApplication.instance()
        if app is not None:
            app.quit()
