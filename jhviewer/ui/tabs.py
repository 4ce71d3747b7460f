"""The window's tabs, one declaration each: key, title, the action that shows it, and how
its panel is built.

To add a tab, add a `TabSpec` to `TABS` (and its action to `ui/actions.py`); the window
makes its slot, title, View-menu entry and shortcut from it. Panels are built the first
time their tab is shown, so each builder imports its module only then (the Overview is
built up front: it is the first screen).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

from jhviewer.ui import actions
from jhviewer.ui.actions import ActionSpec

if TYPE_CHECKING:
    from jhviewer.ui.main_window import MainWindow
    from jhviewer.ui.widgets import Panel


@dataclass(frozen=True)
class TabSpec:
    key: str
    title: str  # English source text, translated in the "MainWindow" context
    action: ActionSpec  # View ▸ <tab> with its Ctrl+N shortcut
    build: Callable[[MainWindow], Panel]


def _overview(window: MainWindow) -> Panel:
    from jhviewer.ui.overview import OverviewPanel

    return OverviewPanel(window.lang)


def _facts(window: MainWindow) -> Panel:
    from jhviewer.ui.facts_panel import FactsPanel

    facts = FactsPanel()
    facts.set_window_shortcuts(window.pass_through_shortcuts())
    facts.counts_changed.connect(window.on_facts_count)
    facts.message.connect(window.show_message)
    facts.read_failed.connect(window.session.report_read_error)
    facts.selection_changed.connect(lambda _selected: window.update_copy_action())
    return facts


def _targets(window: MainWindow) -> Panel:
    from jhviewer.ui.targets_panel import TargetsPanel

    return TargetsPanel(progress_location=window.settings.progress_database() or None)


def _charts(window: MainWindow) -> Panel:
    from jhviewer.ui.charts_panel import ChartsPanel

    settings = window.settings
    charts = ChartsPanel(last_directory=settings.last_directory(),
                         last_chart=settings.last_chart())
    charts.message.connect(window.show_message)
    charts.chart_changed.connect(settings.set_last_chart)
    charts.folder_changed.connect(settings.set_last_directory)
    return charts


TABS: tuple[TabSpec, ...] = (
    TabSpec("overview", QT_TRANSLATE_NOOP("MainWindow", "Overview"), actions.SHOW_OVERVIEW,
            _overview),
    TabSpec("facts", QT_TRANSLATE_NOOP("MainWindow", "District Facts"), actions.SHOW_FACTS,
            _facts),
    # The targets tab is named by the briefing (targets_title_*); this title is for none.
    TabSpec("targets", QT_TRANSLATE_NOOP("MainWindow", "Targets"), actions.SHOW_TARGETS,
            _targets),
    TabSpec("charts", QT_TRANSLATE_NOOP("MainWindow", "Charts"), actions.SHOW_CHARTS, _charts),
)
TAB_KEYS = tuple(tab.key for tab in TABS)
TAB_BY_KEY = {tab.key: tab for tab in TABS}
