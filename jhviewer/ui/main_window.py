"""The main window: four tabs over one store, menus, status bar, settings, languages.

Only the Overview is built up front. The other panels are built the first time their
tab is shown, so start-up never imports pyqtgraph (Charts) or pays for the facts table.
The window builds and lays out; the open database and its briefing picker are the
session's (ui/session.py), printing is ui/print_controller.py, presenting ui/presenting.py,
the status bar ui/status.py, the tabs are declared in ui/tabs.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRect, Qt
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QPaintEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QLayout,
    QMainWindow,
    QMenu,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from jhviewer.data.errors import DatabaseError
from jhviewer.data.records import Lang
from jhviewer.data.store import Store
from jhviewer.ui import about, actions, progress_actions
from jhviewer.ui.i18n import LANGUAGES, Translators, other_language, translate
from jhviewer.ui.menu_style import give_menus_room
from jhviewer.ui.presenting import PresentationMode
from jhviewer.ui.print_controller import PrintController
from jhviewer.ui.session import DatabaseSession
from jhviewer.ui.settings import Settings
from jhviewer.ui.status import StatusLine
from jhviewer.ui.tabs import TAB_BY_KEY, TAB_KEYS, TABS
from jhviewer.ui.text import plain_label
from jhviewer.ui.widgets import Panel

if TYPE_CHECKING:  # imported when first needed: start-up stays lean

    from jhviewer.ui.facts_panel import FactsPanel
    from jhviewer.ui.presentation import PresentationView

DEFAULT_SIZE = (1360, 860)
MINIMUM_SIZE = (760, 520)
# Room kept for the window frame and title bar when fitting the window to the screen.
FRAME_ALLOWANCE = (16, 48)
# Actions whose keys a focused text field would otherwise keep (Ctrl+E, Ctrl+C...).
PASS_THROUGH_ACTIONS = ("export-pdf", "copy-fact", "print", "print-preview")
FILE_ACTIONS = ("print-preview", "print", "export-pdf", "import-progress", "print-progress")


class MainWindow(QMainWindow):
    def __init__(
        self, settings: Settings, lang: Lang | None = None,
        translators: Translators | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("main-window")
        self.settings = settings
        self._lang: Lang = lang or settings.language()
        self.translators = translators or Translators()
        self.translators.set_language(self._lang)
        self.session = DatabaseSession(settings, self._lang, self)
        self.session.first_screen_only = lambda: list(self.panels) == ["overview"]
        self.panels: dict[str, Panel] = {}
        self._stale_panels: set[str] = set()  # built, hidden, and showing another briefing
        self._slots: dict[str, QWidget] = {}
        self.printing = PrintController(self)
        self.presenting = PresentationMode(self)
        self._build_actions()
        self._build_menus()
        self._build_briefing_bar()
        give_menus_room(self, self.findChildren(QMenu))  # Chinese items are not cut short
        self._build_central()
        self._build_status_bar()
        self._connect_session()
        # A fixed minimum instead of one that follows the panels' contents: every change
        # would otherwise be pushed to the window system (and the offscreen platform warns).
        self.layout().setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setMinimumSize(*MINIMUM_SIZE)
        self._restore_geometry()
        # The actions were made in this language. (Finding them all means wrapping every
        # widget of the window as a Python object, which costs the start-up some 3 ms.)
        self._translate_texts()

    # --- building ----------------------------------------------------------------------

    def _build_actions(self) -> None:
        make = actions.make_action
        self.act: dict[str, QAction] = {}
        for spec, slot in (
            (actions.OPEN, self.session.choose_database),
            (actions.OPEN_BUILTIN, lambda: self.session.open_database(None)),
            (actions.PRINT_PREVIEW, self.printing.print_preview),
            (actions.PRINT, self.printing.print_briefing),
            (actions.EXPORT_PDF, self.printing.export_pdf),
            (actions.QUIT, self.close),
            (actions.FIND, self.find),
            (actions.COPY_FACT, self.copy_fact),
            (actions.SWITCH_LANGUAGE, self.toggle_language),
            (actions.PRESENTATION, self.set_presentation),
            *((tab.action, lambda _c=False, key=tab.key: self.show_tab(key)) for tab in TABS),
            (actions.ABOUT, self.show_about),
        ):
            self.act[spec.name] = make(self, spec, slot)
            self.addAction(self.act[spec.name])  # shortcuts work in full screen, menus hidden
        self.act["clear-recent"] = self.session.clear_recent_action
        self.language_group = QActionGroup(self)
        for lang, spec in (("zh", actions.LANGUAGE_ZH), ("en", actions.LANGUAGE_EN)):
            # Only the action being ticked switches: the group unticking the other one
            # must not switch back (that left both ticked).
            action = make(self, spec, lambda checked, code=lang: self._language_ticked(
                code, checked
            ))
            action.setActionGroup(self.language_group)
            self.act[spec.name] = action
        self.act["copy-fact"].setEnabled(False)
        self.act.update(progress_actions.make_actions(self))
        for name in FILE_ACTIONS:  # nothing to print or track until a database is open
            self.act[name].setEnabled(False)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.recent_menu = self.session.recent_menu
        self.file_menu.addAction(self.act["open"])
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addAction(self.act["open-builtin"])
        self.briefing_menu = self.session.briefing_menu
        self.file_menu.addMenu(self.briefing_menu)
        self.file_menu.addSeparator()
        for name in ("print-preview", "print", "export-pdf", *progress_actions.MENU):
            self.file_menu.addAction(self.act[name])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.act["quit"])
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addAction(self.act["find"])
        self.edit_menu.addAction(self.act["copy-fact"])
        self.view_menu = bar.addMenu("")
        self.language_menu = QMenu(self)
        for lang in LANGUAGES:
            self.language_menu.addAction(self.act[f"language-{lang}"])
        self.language_menu.addSeparator()
        self.language_menu.addAction(self.act["switch-language"])
        self.view_menu.addMenu(self.language_menu)
        self.view_menu.addAction(self.act["presentation"])
        self.view_menu.addSeparator()
        for key in TAB_KEYS:
            self.view_menu.addAction(self.act[f"show-{key}"])
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.act["about"])

    def _build_briefing_bar(self) -> None:
        """The briefing picker: a combo box in a toolbar (File ▸ Briefing lists the same)."""
        self.briefing_bar = QToolBar(self)
        self.briefing_bar.setObjectName("briefing-bar")
        self.briefing_bar.setMovable(False)
        self.briefing_label = plain_label()
        self.briefing_label.setContentsMargins(8, 0, 6, 0)
        self.briefing_box = self.session.briefing_box
        self.briefing_label.setBuddy(self.briefing_box)
        self.briefing_bar.addWidget(self.briefing_label)
        self.briefing_bar.addWidget(self.briefing_box)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.briefing_bar)

    def _build_central(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        for key in TAB_KEYS:
            slot = QWidget()
            slot.setObjectName(f"{key}-tab")
            layout = QVBoxLayout(slot)
            layout.setContentsMargins(0, 0, 0, 0)
            self._slots[key] = slot
            self.tabs.addTab(slot, "")
        self._add_panel("overview", TAB_BY_KEY["overview"].build(self))
        self.tabs.currentChanged.connect(self._on_tab)
        central = QWidget()
        self.central_layout = QVBoxLayout(central)
        self.central_layout.setContentsMargins(0, 0, 0, 0)
        self.central_layout.setSpacing(0)
        self.central_layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

    def _build_status_bar(self) -> None:
        self.status_line = StatusLine(self.statusBar())
        self.database_label = self.status_line.database_label
        self.counts_label = self.status_line.counts_label
        self.shown_label = self.status_line.shown_label

    def _restore_geometry(self) -> None:
        """The last geometry, or the default size, always inside the screen's available
        area (a scale factor or a smaller screen since last time must not put the status
        bar off the bottom), never full screen."""
        restored = self.restoreGeometry(self.settings.geometry())
        screen = QGuiApplication.primaryScreen()
        if restored:
            found = QGuiApplication.screenAt(self.geometry().center())
            screen = found or screen
            self.setWindowState(self.windowState() & ~Qt.WindowState.WindowFullScreen)
        else:
            self.resize(*DEFAULT_SIZE)
        if screen is not None:
            self.fit_to(screen.availableGeometry(), move=restored)

    def fit_to(self, available: QRect, move: bool = True) -> None:
        """Shrink the window (and with `move`, move it) so that it, with its frame, lies
        inside `available`; a new window is placed by the window manager."""
        room_w = max(1, available.width() - FRAME_ALLOWANCE[0])
        room_h = max(1, available.height() - FRAME_ALLOWANCE[1])
        self.setMinimumSize(min(MINIMUM_SIZE[0], room_w), min(MINIMUM_SIZE[1], room_h))
        width, height = min(self.width(), room_w), min(self.height(), room_h)
        self.resize(width, height)
        if not move:
            return
        x = min(max(self.x(), available.left()), available.right() - width - FRAME_ALLOWANCE[0])
        y = min(max(self.y(), available.top()), available.bottom() - height - FRAME_ALLOWANCE[1])
        self.move(max(available.left(), x), max(available.top(), y))

    # --- the database session ------------------------------------------------------------

    @property
    def store(self) -> Store | None:
        """The open database (`session.store`), None when nothing is open."""
        return self.session.store

    def _connect_session(self) -> None:
        session = self.session
        session.store_changed.connect(self._show_store)
        session.briefing_changed.connect(self._show_briefing)
        session.reread.connect(self._reread)
        session.place_strip = lambda strip: self.central_layout.insertWidget(0, strip)
        session.message.connect(self.show_message)

    def _show_store(self, store: Store | None) -> None:
        """Every panel, the title and the actions on `store` (the session's new one)."""
        self._stale_panels.clear()
        for panel in self._each_panel():
            self._guarded(lambda p=panel: p.set_store(store))
        self._translate_texts()  # the targets tab is named by the briefing
        self.update_copy_action()
        for name in FILE_ACTIONS:
            self.act[name].setEnabled(store is not None)

    def _show_briefing(self, _briefing_id: str) -> None:
        # The tab on show now; the others when next shown (`_on_tab`).
        shown = self.current_tab()
        for key, panel in self.panels.items():
            if key == shown:
                self._guarded(panel.briefing_changed)
            else:
                self._stale_panels.add(key)
        self._translate_texts()

    # --- panels --------------------------------------------------------------------------

    def _add_panel(self, key: str, panel: Panel) -> Panel:
        self._slots[key].layout().addWidget(panel)
        self.panels[key] = panel
        panel.set_language(self._lang)
        self._guarded(lambda: panel.set_store(self.store))
        return panel

    # --- reads that fail while the window is open ---------------------------------------

    def _guarded(self, read: Callable[[], object]) -> bool:
        """Run `read`; a DatabaseError goes to the read-failure strip (with Retry), not to
        stderr, and the rest of the window keeps what it shows. False if it failed."""
        try:
            read()
        except DatabaseError as error:
            self.session.report_read_error(error)
            return False
        return True

    def _reread(self, store: Store) -> None:
        """Retry found the same file: every panel built so far reads it again."""
        for panel in self._each_panel():
            if not self._guarded(lambda p=panel: (p.set_store(None), p.set_store(store))):
                return
        self._guarded(self._update_status)
        self._guarded(self._update_title)

    def panel(self, key: str) -> Panel:
        """The panel of a tab, built now if it has not been shown yet."""
        if key not in self.panels:
            self._add_panel(key, self._make_panel(key))
        return self.panels[key]

    def _make_panel(self, key: str) -> Panel:
        return TAB_BY_KEY[key].build(self)

    def pass_through_shortcuts(self) -> list[QKeySequence]:
        """The window's shortcuts that work while a text box has focus (Export PDF, ...)."""
        return [key for name in PASS_THROUGH_ACTIONS for key in self.act[name].shortcuts()]

    def _targets_action_text(self, targets_title: str) -> str:
        """View ▸ the briefing's own name for its targets summary, with a key: '<name>(&N)'
        in Chinese, as Chinese menus carry one (the key of '目标(&N)'), '&<name>' in
        English."""
        if not targets_title:
            return translate("Actions", "&Targets")
        return f"{targets_title}(&N)" if self._lang == "zh" else f"&{targets_title}"

    def _each_panel(self) -> list[Panel]:
        return list(self.panels.values())

    def facts_panel(self) -> FactsPanel | None:
        """The District facts panel, if its tab has been shown."""
        panel = self.panels.get("facts")
        if panel is None:  # not built: no need to import its module (and Qt's views) to know
            return None
        from jhviewer.ui.facts_panel import FactsPanel

        return panel if isinstance(panel, FactsPanel) else None

    def show_tab(self, key: str) -> Panel:
        self.tabs.setCurrentIndex(TAB_KEYS.index(key))
        return self.panel(key)

    def current_tab(self) -> str:
        return TAB_KEYS[self.tabs.currentIndex()]

    def _on_tab(self, index: int) -> None:
        key = TAB_KEYS[index]
        if key != "overview":  # the other tabs go beyond the first screen: check the file first
            self.session.checked_store()
        if self.store is not None:
            self._guarded(self.store.verify_file)  # still there, still the same file?
        if key not in self.panels:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self.panel(key)
            finally:
                QApplication.restoreOverrideCursor()
        elif key in self._stale_panels:  # another briefing was chosen while it was hidden
            self._stale_panels.discard(key)
            self._guarded(self.panels[key].briefing_changed)
        self.settings.set_last_tab(index)
        self.shown_label.setVisible(key == "facts")
        self.update_copy_action()

    def restore_last_tab(self) -> None:
        index = self.settings.last_tab()
        if 0 <= index < len(TAB_KEYS):
            self.tabs.setCurrentIndex(index)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.session.painted()

    # --- status, title -------------------------------------------------------------------

    def show_message(self, text: str) -> None:
        self.status_line.show_message(text)

    def _update_status(self) -> None:
        self.status_line.update(self.store, self._lang)

    def on_facts_count(self, text: str) -> None:
        self.shown_label.setText(text)

    def _update_title(self) -> None:
        store = self.store
        briefing = store.briefing() if store is not None else None
        parts = [briefing.title(self._lang)] if briefing else []
        if store is not None and not store.trusted:
            parts.append(store.path.name)
        self.setWindowTitle(" — ".join([*parts, "jhviewer"]))

    # --- languages, presentation -----------------------------------------------------------

    @property
    def lang(self) -> Lang:
        return self._lang

    def set_language(self, lang: Lang) -> None:
        if lang == self._lang and self.act[f"language-{lang}"].isChecked():
            return
        self._lang = lang
        self.settings.set_language(lang)
        self.translators.set_language(lang)
        self.retranslate()
        for panel in self._each_panel():
            self._guarded(lambda p=panel: p.set_language(lang))
        self._guarded(lambda: self.session.set_language(lang))
        self._guarded(self._update_title)
        if self.presentation is not None and self.is_presenting():
            self._guarded(lambda: self.presenting.start(keep_step=True))

    def _language_ticked(self, lang: Lang, checked: bool) -> None:
        if checked:
            self.set_language(lang)

    def toggle_language(self) -> None:
        self.set_language(other_language(self._lang))

    def retranslate(self) -> None:
        actions.retranslate(self.findChildren(QAction))
        self._translate_texts()

    def _translate_texts(self) -> None:
        """The window's own texts; `retranslate` does its actions' (and its panels') too."""
        self.file_menu.setTitle(translate("MainWindow", "&File"))
        self.recent_menu.setTitle(translate("MainWindow", "Open &Recent"))
        self.edit_menu.setTitle(translate("MainWindow", "&Edit"))
        self.view_menu.setTitle(translate("MainWindow", "&View"))
        self.language_menu.setTitle(translate("MainWindow", "&Language"))
        self.help_menu.setTitle(translate("MainWindow", "&Help"))
        briefing = self.store.briefing() if self.store is not None else None
        self.briefing_label.setText(translate("MainWindow", "&Briefing:"))
        self.briefing_menu.setTitle(translate("MainWindow", "Br&iefing"))
        self.briefing_box.setAccessibleName(translate("MainWindow", "Briefing"))
        self.briefing_bar.setWindowTitle(translate("MainWindow", "Briefing"))
        targets_title = briefing.targets_title(self._lang) if briefing is not None else ""
        self.act["show-targets"].setText(self._targets_action_text(targets_title))
        for index, key in enumerate(TAB_KEYS):
            title = translate("MainWindow", TAB_BY_KEY[key].title)
            if key == "targets" and targets_title:
                title = targets_title
            if self.tabs.tabText(index) != title:  # the tab bar lays out and repaints
                self.tabs.setTabText(index, title)
                self.tabs.setTabToolTip(index, f"{title} (Ctrl+{index + 1})")
            self._slots[key].setAccessibleName(title)
        self.tabs.setAccessibleName(translate("MainWindow", "Panels"))
        self.act[f"language-{self._lang}"].setChecked(True)
        progress_actions.retranslate(self.act, self._lang)
        self.session.retranslate()
        self._guarded(self._update_status)
        self._guarded(self._update_title)

    @property
    def presentation(self) -> PresentationView | None:
        """The presentation view, once it has been shown (`presenting.view`)."""
        return self.presenting.view

    def set_presentation(self, on: bool) -> None:
        """Full screen and type 1.5 times larger, for a projector; again to leave."""
        self.presenting.set(on)

    def is_presenting(self) -> bool:
        return self.presenting.is_on()

    # --- actions ---------------------------------------------------------------------------

    def find(self) -> None:
        self.show_tab("facts")
        facts = self.facts_panel()
        if facts is not None:
            facts.focus_search()

    def copy_fact(self) -> None:
        facts = self.facts_panel()
        if facts is not None and self.current_tab() == "facts":
            facts.copy_citation()

    def update_copy_action(self) -> None:
        facts = self.facts_panel()
        enabled = (
            facts is not None and self.current_tab() == "facts"
            and facts.selected_fact() is not None
        )
        self.act["copy-fact"].setEnabled(enabled)

    def show_about(self) -> None:
        about.show_about(self, self.about_text())

    def about_text(self) -> str:
        return about.about_text(self.store, self._lang)

    # --- closing -----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        presenting = self.is_presenting()
        if presenting:
            self.set_presentation(False)
        # Leaving full screen takes effect later: save the window as it was before it.
        geometry = self.presenting.normal_geometry if presenting else None
        self.settings.set_geometry(QByteArray(geometry) if geometry else self.saveGeometry())
        self.settings.set_last_tab(self.tabs.currentIndex())
        self.settings.sync()
        super().closeEvent(event)

