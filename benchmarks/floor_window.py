"""The floor of the start, charts and memory benchmarks: a bare PySide6 window.

    python -m benchmarks.floor_window

imports PySide6.QtWidgets, creates the QApplication and a bare QMainWindow, shows it and
reports its first paint through the same probe as the app. With JHVIEWER_BENCH=charts it
then imports pyqtgraph and shows one PlotWidget with one line in the window, and reports
that first paint too. Nothing else is imported before the first paint.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from benchmarks.probe import FirstPaintProbe  # the probe the app is watched with

WINDOW_SIZE = (1200, 800)


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.resize(*WINDOW_SIZE)

    def open_charts() -> QWidget:
        import pyqtgraph

        plot = pyqtgraph.PlotWidget()
        plot.plot([2019, 2020, 2021, 2022, 2023], [8.1, 2.3, 12.0, 4.5, 6.6])
        window.setCentralWidget(plot)
        return plot

    FirstPaintProbe(window, open_charts)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
