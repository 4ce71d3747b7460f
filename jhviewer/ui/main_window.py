"""The main window: four tabs over one store, menus, status bar, settings, languages.

Only the Overview is built up front. The other panels are built the first time their
tab is shown, so start-up never imports pyqtgraph (Charts) or pays for the facts table.
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

from jhviewer import __version__
from jhviewer.data.errors import DatabaseError
from jhviewer.data.records import FactFilter, Lang, RowProblem
from jhviewer.data.store import Store
from jhviewer.fonts import FONT_FAMILY
from jhviewer.paths import FONTS_DIR
from jhviewer.ui import actions, progress_actions, style
from jhviewer.ui.i18n import LANGUAGES, Translators, error_text, other_language, translate
from jhviewer.ui.menu_style import give_menus_room
from jhviewer.ui.print_controller import PrintController
from jhviewer.ui.session import DatabaseSession
from jhviewer.ui.settings import Settings
from jhviewer.ui.style import PRESENTATION_SCALE
from jhviewer.ui.tabs import TAB_BY_KEY, TAB_KEYS, TABS
from jhviewer.ui.text import plain_label, tooltip
from jhviewer.ui.widgets import ElidedLabel, Panel

if TYPE_CHECKING:  # imported when first needed: start-up stays lean

    from jhviewer.ui.errors import ProblemsNotice, ReadFailureNotice
    from jhviewer.ui.facts_panel import FactsPanel
    from jhviewer.ui.presentation import PresentationView

DEFAULT_SIZE = (1360, 860)
MINIMUM_SIZE = (760, 520)
# Room kept for the window frame and title bar when fitting the window to the screen.
FRAME_ALLOWANCE = (16, 48)
# Actions whose keys a focused text field would otherwise keep (Ctrl+E, Ctrl+C...).
PASS_THROUGH_ACTIONS = ("export-pdf", "copy-fact", "print", "print-preview")
FILE_ACTIONS = ("print-preview", "print", "export-pdf", "import-progress", "print-progress")
SCAN_FACTS_PER_STEP = 1000  # about 10 ms of reading between two turns of the event loop


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
        self.notice: ProblemsNotice | None = None  # built when there is something to say
        self.read_notice: ReadFailureNotice | None = None  # a read failed: why, and Retry
        self.presentation: PresentationView | None = None  # built when first presenting
        self._normal_geometry: bytes | None = None  # the geometry before presenting
        self.panels: dict[str, Panel] = {}
        self.read_errors: list[DatabaseError] = []  # reads refused after the file opened
        self._slots: dict[str, QWidget] = {}
        self.printing = PrintController(self)
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
            (actions.PRINT_PREVIEW, self.print_preview),
            (actions.PRINT, self.print_briefing),
            (actions.EXPORT_PDF, self.export_pdf),
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
        self._central_layout = QVBoxLayout(central)
        self._central_layout.setContentsMargins(0, 0, 0, 0)
        self._central_layout.setSpacing(0)
        self._central_layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

    def _build_status_bar(self) -> None:
        self.database_label = ElidedLabel()  # a long path is shortened in the middle
        self.database_label.setObjectName("status-database")
        self.counts_label = ElidedLabel(mode=Qt.TextElideMode.ElideRight)
        self.counts_label.setObjectName("status-counts")
        self.shown_label = plain_label()
        self.shown_label.setObjectName("status-shown")
        for label in (self.shown_label, self.counts_label, self.database_label):
            label.setContentsMargins(8, 0, 8, 0)
            self.statusBar().addPermanentWidget(label)

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
        session.problems_found.connect(self.show_problems)
        session.read_failed.connect(self.report_read_error)
        session.reread.connect(self._reread)
        session.message.connect(self.show_message)

    def _show_store(self, store: Store | None) -> None:
        """Every panel, the title and the actions on `store` (the session's new one)."""
        self.show_problems([])
        if self.read_notice is not None:
            self.read_notice.hide()
        for panel in self._each_panel():
            self._guarded(lambda p=panel: p.set_store(store))
        self._translate_texts()  # the targets tab is named by the briefing
        self.update_copy_action()
        for name in FILE_ACTIONS:
            self.act[name].setEnabled(store is not None)

    def _show_briefing(self, _briefing_id: str) -> None:
        for panel in self._each_panel():
            self._guarded(panel.briefing_changed)
        self._translate_texts()

    def show_problems(self, problems: list[RowProblem]) -> None:
        """The strip above the tabs listing unreadable rows (hidden when there are none)."""
        if self.notice is None:
            if not problems:
                return
            from jhviewer.ui.errors import ProblemsNotice

            self.notice = ProblemsNotice()
            self._central_layout.insertWidget(0, self.notice)
        self.notice.show_problems(problems)

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
            self.report_read_error(error)
            return False
        return True

    def report_read_error(self, error: DatabaseError) -> None:
        """Tell the user a read failed, why, and offer Retry."""
        self.read_errors.append(error)
        if self.read_notice is None:
            from jhviewer.ui.errors import ReadFailureNotice

            self.read_notice = ReadFailureNotice()
            self.read_notice.retry.connect(self.retry_reading)
            self._central_layout.insertWidget(0, self.read_notice)
        self.read_notice.show_error(error)
        self.show_message(error_text(error))

    def retry_reading(self) -> None:
        """Read the open file again for every panel built so far; a file that was
        replaced is opened afresh, one that is gone is reported again."""
        if self.read_notice is not None:
            self.read_notice.hide()
        self.session.retry_reading()

    def _reread(self, store: Store) -> None:
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
        self.statusBar().showMessage(text, 8000)

    def on_read_failed(self, error: DatabaseError) -> None:
        """Rows the store could not read: the table stops there and the strip says why."""
        self.report_read_error(error)

    def _update_status(self) -> None:
        store = self.store
        if store is None:
            self.database_label.setText(translate("MainWindow", "No database open"))
            self.database_label.setToolTip("")
            self.counts_label.setText("")
            return
        metrics = self.database_label.fontMetrics()
        name = metrics.elidedText(
            str(store.path), Qt.TextElideMode.ElideMiddle, metrics.averageCharWidth() * 60
        )
        if store.trusted:
            name = translate("MainWindow", "{path} (built-in)").format(path=name)
        self.database_label.setText(translate("MainWindow", "Database: {name}").format(name=name))
        self.database_label.setToolTip(tooltip(str(store.path)))  # a path may look like HTML
        self.database_label.setAccessibleName(str(store.path))
        briefing = store.briefing()
        if briefing is None:
            self.counts_label.setText(translate("MainWindow", "No briefing in this database"))
            return
        targets = store.count_facts(FactFilter(
            briefing_id=briefing.id, kind="target", year=briefing.year
        ))
        counts = translate(
            "MainWindow", "{facts} facts · {targets} targets · {themes} themes"
        ).format(
            facts=f"{store.count_facts(FactFilter(briefing_id=briefing.id)):,}",
            targets=f"{targets:,}", themes=f"{store.count_sections(briefing.id):,}",
        )
        shown = translate("MainWindow", "Briefing: {briefing}").format(
            briefing=briefing.label(self._lang)
        )
        self.counts_label.setText(f"{shown} · {counts}")

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
            self._guarded(lambda: self._start_presentation(keep_step=True))

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
        self.act["show-targets"].setText(
            f"&{targets_title}" if targets_title else translate("Actions", "&Targets")
        )
        for index, key in enumerate(TAB_KEYS):
            title = translate("MainWindow", TAB_BY_KEY[key].title)
            if key == "targets" and targets_title:
                title = targets_title
            self.tabs.setTabText(index, title)
            self.tabs.setTabToolTip(index, f"{title} (Ctrl+{index + 1})")
            self._slots[key].setAccessibleName(title)
        self.tabs.setAccessibleName(translate("MainWindow", "Panels"))
        self.act[f"language-{self._lang}"].setChecked(True)
        progress_actions.retranslate(self.act, self._lang)
        if self.notice is not None:
            self.notice.retranslate()
        if self.read_notice is not None:
            self.read_notice.retranslate()
        self._guarded(self._update_status)
        self._guarded(self._update_title)

    def set_presentation(self, on: bool) -> None:
        """Full screen and type 1.5 times larger, for a projector; again to leave."""
        if on == self.is_presenting():
            return
        self.act["presentation"].blockSignals(True)
        self.act["presentation"].setChecked(on)
        self.act["presentation"].blockSignals(False)
        style.set_scale(PRESENTATION_SCALE if on else 1.0)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            style.apply_app_scale(app)
        style.restyle(self)
        for panel in self._each_panel():
            self._guarded(panel.restyle)
        if on:
            self._state_before = self.windowState()
            self._normal_geometry = bytes(self.saveGeometry().data())
            self.showFullScreen()
        else:
            self.setWindowState(getattr(self, "_state_before", Qt.WindowState.WindowNoState))
        self._show_presentation(on)

    def _show_presentation(self, on: bool) -> None:
        """The briefing step by step (jhviewer.ui.presentation) in place of the tabs."""
        if on and self.presentation is None:
            from jhviewer.ui.presentation import PresentationView

            self.presentation = PresentationView()
            self.presentation.leave_requested.connect(lambda: self.set_presentation(False))
            self._central_layout.addWidget(self.presentation, 1)
        self.menuBar().setVisible(not on)
        self.statusBar().setVisible(not on)
        self.briefing_bar.setVisible(not on)
        self.tabs.setVisible(not on)
        for strip in (self.notice, self.read_notice):
            if strip is not None and on:
                strip.hide()
        if self.presentation is None:
            return
        self.presentation.setVisible(on)
        if on:
            self._guarded(self._start_presentation)
            self.presentation.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.tabs.currentWidget().setFocus(Qt.FocusReason.OtherFocusReason)

    def _start_presentation(self, keep_step: bool = False) -> None:
        view = self.presentation
        if view is not None:
            self.session.checked_store()
            view.start(self.store, self._lang, view.index if keep_step else 0)

    def is_presenting(self) -> bool:
        return style.scale() != 1.0

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
        from PySide6.QtWidgets import QMessageBox  # here: its first use costs start-up a ms

        box = QMessageBox(self)
        box.setObjectName("about")
        box.setWindowTitle(translate("MainWindow", "About jhviewer"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(translate("MainWindow", "jhviewer {version}").format(version=__version__))
        box.setInformativeText(self.about_text())
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.exec()

    def about_text(self) -> str:
        store = self.store
        briefing = store.briefing() if store is not None else None
        lines = [translate("MainWindow", "An offline viewer of district briefings.")]
        if briefing is not None and store is not None:
            lines += [
                "",
                briefing.about(self._lang),
                translate("MainWindow", "Data: {title}, {publisher}.").format(
                    title=briefing.title(self._lang), publisher=briefing.publisher(self._lang)
                ),
                briefing.source(self._lang),
                translate("MainWindow", "Database: {path}").format(path=store.path),
            ]
        lines += [
            "",
            translate(
                "MainWindow",
                "Font: {family}, a subset of Noto Sans CJK SC by Adobe and Google, under the "
                "SIL Open Font License 1.1 ({licence}).",
            ).format(family=FONT_FAMILY, licence=FONTS_DIR / "OFL.txt"),
        ]
        return "\n".join(lines)

    def print_preview(self) -> None:
        self.printing.print_preview()

    def print_briefing(self) -> None:
        self.printing.print_briefing()

    def export_pdf(self) -> None:
        self.printing.export_pdf()

    # --- closing -----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        presenting = self.is_presenting()
        if presenting:
            self.set_presentation(False)
        # Leaving full screen takes effect later: save the window as it was before it.
        geometry = self._normal_geometry if presenting and self._normal_geometry else None
        self.settings.set_geometry(QByteArray(geometry) if geometry else self.saveGeometry())
        self.settings.set_last_tab(self.tabs.currentIndex())
        self.settings.sync()
        super().closeEvent(event)

