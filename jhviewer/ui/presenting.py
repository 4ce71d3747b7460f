"""View ▸ Presentation for one window: full screen, type 1.5 times larger, and the
briefing step by step (`PresentationView`) in place of the menus, tabs and status bar.

The window's action, Esc in the view and quitting come here; the window saves the
geometry from before full screen (`normal_geometry`) when it is closed while presenting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from jhviewer.ui import style
from jhviewer.ui.style import PRESENTATION_SCALE

if TYPE_CHECKING:
    from jhviewer.ui.main_window import MainWindow
    from jhviewer.ui.presentation import PresentationView


class PresentationMode:
    """Presenting on or off for one window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.view: PresentationView | None = None  # built when first presenting
        self.normal_geometry: bytes | None = None  # the geometry before presenting
        self._state_before = Qt.WindowState.WindowNoState

    def is_on(self) -> bool:
        return style.scale() != 1.0

    def set(self, on: bool) -> None:
        """Full screen and type 1.5 times larger, for a projector; again to leave."""
        window = self.window
        if on == self.is_on():
            return
        window.act["presentation"].blockSignals(True)
        window.act["presentation"].setChecked(on)
        window.act["presentation"].blockSignals(False)
        style.set_scale(PRESENTATION_SCALE if on else 1.0)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            style.apply_app_scale(app)
        style.restyle(window)
        for panel in window.panels.values():
            window._guarded(panel.restyle)
        if on:
            self._state_before = window.windowState()
            self.normal_geometry = bytes(window.saveGeometry().data())
            window.showFullScreen()
        else:
            window.setWindowState(self._state_before)
        self._show(on)

    def _show(self, on: bool) -> None:
        """The briefing step by step (jhviewer.ui.presentation) in place of the tabs."""
        window = self.window
        if on and self.view is None:
            from jhviewer.ui.presentation import PresentationView

            self.view = PresentationView()
            self.view.leave_requested.connect(lambda: self.set(False))
            window.central_layout.addWidget(self.view, 1)
        window.menuBar().setVisible(not on)
        window.statusBar().setVisible(not on)
        window.briefing_bar.setVisible(not on)
        window.tabs.setVisible(not on)
        if on:
            window.session.hide_strips()
        if self.view is None:
            return
        self.view.setVisible(on)
        if on:
            window._guarded(self.start)
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            window.tabs.currentWidget().setFocus(Qt.FocusReason.OtherFocusReason)

    def start(self, keep_step: bool = False) -> None:
        """Show the open briefing from its first step (`keep_step`: from the step shown,
        after a change of language)."""
        view = self.view
        if view is not None:
            self.window.session.checked_store()
            view.start(self.window.store, self.window.lang, view.index if keep_step else 0)
