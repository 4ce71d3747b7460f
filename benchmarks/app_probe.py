"""The app as the start, charts, scale and memory benchmarks run it:

    python -m benchmarks.app_probe [--db PATH] [--lang zh|en]

registers the first-paint probe (benchmarks/probe.py) through the app's window hook, then
runs jhviewer's own entry point (`jhviewer.cli.main`) with the same arguments, so the
process imports and does what `jhviewer` does, plus the probe.
"""

from __future__ import annotations

from benchmarks.probe import FirstPaintProbe
from jhviewer.cli import main
from jhviewer.ui.app import add_window_hook
from jhviewer.ui.main_window import MainWindow


def watch(window: MainWindow) -> None:
    """Report the window's first paint (and, with JHVIEWER_BENCH=charts, the charts')."""
    FirstPaintProbe(window, open_charts=lambda: window.show_tab("charts"))


if __name__ == "__main__":
    add_window_hook(watch)
    main()
