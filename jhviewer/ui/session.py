"""The database session of a window: which file is open, and which briefing it shows.

`DatabaseSession` opens a database (File ▸ Open, `--db`, a recent file, the shipped one),
shows its first screen before the integrity check left for later, runs that check (with
its progress) before any other use of the file, scans the file for bad rows once the
window is painted, keeps the recent-files list (by real path, so a link and its target
are one entry), reads the file again on Retry, and fills the briefing picker (the combo
box and File ▸ Briefing) with the briefing chosen last time.

It owns no panel and no layout: the window puts its widgets (`briefing_box`,
`briefing_menu`, `recent_menu`, and through `place_strip` the two notice strips: rows
that could not be read, a read that failed with Retry) where they belong and connects its
signals to the panels and the status bar. Its dialogs are the window's (`parent`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QComboBox, QFileDialog, QMenu, QWidget

from jhviewer.data.errors import DatabaseError, JhviewerError
from jhviewer.data.records import Lang
from jhviewer.data.store import Store
from jhviewer.ui import actions
from jhviewer.ui.briefing_picker import BriefingBox
from jhviewer.ui.i18n import error_text, translate
from jhviewer.ui.settings import Settings

if TYPE_CHECKING:
    from jhviewer.data.records import RowProblem
    from jhviewer.ui.errors import OpenChoice, ProblemsNotice, ReadFailureNotice

SCAN_FACTS_PER_STEP = 250  # 2-5 ms of reading between two turns of the event loop


class DatabaseSession(QObject):
    """The open database of one window and the briefing it shows.

    Public API: `store` (the open Store or None), `open_database`, `load_database`,
    `choose_database`, `report_open_error`, `set_briefing`, `checked_store`,
    `report_read_error`, `retry_reading`, `close_store`, `set_language`, `painted`;
    `read_errors` lists the reads refused since the window opened.
    """

    store_changed = Signal(object)  # the Store now shown (its briefing chosen), or None
    briefing_changed = Signal(str)  # the id of the briefing now shown, in the same store
    reread = Signal(object)  # Store: Retry found the same file; read it again everywhere
    message = Signal(str)  # a status-bar message in the user's language

    def __init__(self, settings: Settings, lang: Lang, parent: QWidget) -> None:
        super().__init__(parent)
        self.settings = settings
        self.store: Store | None = None
        self._window = parent
        self._lang: Lang = lang
        self._scan_pending = False
        self.notice: ProblemsNotice | None = None  # built when there is something to say
        self.read_notice: ReadFailureNotice | None = None  # a read failed: why, and Retry
        self.read_errors: list[DatabaseError] = []  # reads refused after the file opened
        # Puts a notice strip above the tabs (the window's layout); set by the window.
        self.place_strip: Callable[[QWidget], None] = lambda _strip: None
        # Replaceable so tests can answer the modal dialog; None means ask the user.
        self.ask_after_open_error: Callable[
            [QWidget | None, Path | None, DatabaseError], OpenChoice
        ] | None = None
        # Whether only the first screen is built (the check may then wait for a paint).
        self.first_screen_only: Callable[[], bool] = lambda: True
        self.briefing_box = BriefingBox()
        self.briefing_box.setObjectName("briefing-box")
        self.briefing_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.briefing_box.activated.connect(
            lambda index: self.set_briefing(self.briefing_box.itemData(index))
        )
        self.briefing_menu = QMenu(parent)
        self.briefing_menu.setObjectName("briefing-menu")
        self.briefing_actions = QActionGroup(parent)
        self.briefing_actions.setExclusive(True)
        self._briefing_menu_stale = True
        self.briefing_menu.aboutToShow.connect(self._fill_briefing_menu)
        self.recent_menu = QMenu(parent)
        self.recent_menu.setObjectName("recent-menu")
        self.clear_recent_action = actions.make_action(
            parent, actions.CLEAR_RECENT, self._clear_recent
        )
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()

    # --- the briefing picker ---------------------------------------------------------------

    def set_language(self, lang: Lang) -> None:
        """Name the briefings in `lang` from now on (the picker is filled again)."""
        self._lang = lang
        self._fill_briefing_picker()

    def _fill_briefing_picker(self) -> None:
        """Point the combo box at the store: the briefing shown, the others read once the
        box is painted or opened (`BriefingBox`); the menu's list is made when it is first
        opened (File ▸ Briefing), so start-up reads one briefing."""
        self.briefing_box.show_store(self.store, self._lang)
        self.briefing_menu.setEnabled(self.briefing_box.count() > 0)
        self._briefing_menu_stale = True
        self._show_briefing_choice()

    def _fill_briefing_menu(self) -> None:
        """File ▸ Briefing: the same list as the combo box, the shown briefing ticked."""
        if not self._briefing_menu_stale:
            return
        try:
            self.briefing_box.fill()
        except DatabaseError as error:
            self.report_read_error(error)
            return
        for action in self.briefing_actions.actions():
            self.briefing_actions.removeAction(action)
            action.deleteLater()
        self.briefing_menu.clear()
        for index in range(self.briefing_box.count()):
            briefing_id = self.briefing_box.itemData(index)
            action = QAction(self.briefing_box.itemText(index), self.briefing_menu)
            action.setCheckable(True)
            action.setData(briefing_id)
            action.triggered.connect(lambda _c=False, bid=briefing_id: self.set_briefing(bid))
            self.briefing_actions.addAction(action)
            self.briefing_menu.addAction(action)
        self._briefing_menu_stale = False
        self._show_briefing_choice()

    def _show_briefing_choice(self) -> None:
        """Point the combo box and tick the menu at the briefing shown."""
        shown = self.store.briefing() if self.store is not None else None
        if shown is None:
            return
        self.briefing_box.show_briefing(shown)
        for action in self.briefing_actions.actions():
            action.setChecked(action.data() == shown.id)

    def set_briefing(self, briefing_id: str | None) -> None:
        """Show another briefing of the open database, and remember it; `briefing_changed`
        tells the panels. An id the file lacks gives a message and changes nothing."""
        store = self.store
        if store is None or briefing_id is None:
            return
        current = store.briefing()
        try:
            store.select_briefing(briefing_id)
        except JhviewerError as error:
            self.message.emit(error_text(error))
            return
        self.settings.set_briefing(briefing_id)
        if current is not None and current.id == briefing_id:
            return
        self._show_briefing_choice()
        self.briefing_changed.emit(briefing_id)

    def _choose_saved_briefing(self, store: Store) -> None:
        """The briefing chosen last time, if this database has it; else its default."""
        saved = self.settings.briefing()
        if saved and store.briefing(saved) is not None:
            store.select_briefing(saved)

    # --- opening -----------------------------------------------------------------------------

    def open_database(self, path: Path | None) -> bool:
        """Open `path` (the built-in briefing when None); on failure, ask what to do next."""
        error = self.load_database(path)
        if error is not None:
            self._after_open_error(path, error)
        return error is None

    def load_database(self, path: Path | None, check_later: bool = False) -> DatabaseError | None:
        """Open `path` and show it, without any dialog; return the error if it failed.

        `check_later`: for the window's first file, while the Overview is the only panel,
        paint the Overview before the file's integrity check (0.2 s for 100,000 facts), which
        then runs first thing after the paint (see `Store.open`). If the file fails it, the
        session closes it and asks what next, as for a file refused at once.
        """
        later = check_later and self.first_screen_only()
        try:
            store = Store.open(path, check_later=later)
        except DatabaseError as error:
            if path is not None:
                self._forget_recent(path)
            self.message.emit(error_text(error))
            return error
        try:
            with store.first_screen():  # the Overview, the status bar and the title
                self.set_store(store)
        except DatabaseError as error:
            self.set_store(None)
            store.close()
            self.message.emit(error_text(error))
            return error
        if path is not None and not store.trusted:
            self.settings.add_recent_file(real_path(path))
            self.settings.set_last_directory(str(real_path(path).parent))
            self._schedule_scan()
        else:
            self.show_problems(store.problems)
        return None

    def report_open_error(self, path: Path | None, error: DatabaseError) -> None:
        """Ask the user what next after `path` could not be opened (another, the built-in)."""
        self._after_open_error(path, error)

    def _after_open_error(self, path: Path | None, error: DatabaseError) -> None:
        from jhviewer.ui import errors

        ask = self.ask_after_open_error or errors.ask_after_open_error
        choice = ask(self._window, path, error)
        if choice is errors.OpenChoice.RETRY:
            self.open_database(path)  # asks again if the file is still held
        elif choice is errors.OpenChoice.OPEN_ANOTHER:
            self.choose_database()
        elif choice is errors.OpenChoice.OPEN_BUILTIN and path is not None:
            self.open_database(None)

    def choose_database(self) -> None:
        """File ▸ Open: ask for a file (from the folder used last) and open it."""
        folder = self.settings.last_directory() or str(Path.home())
        name, _filter = QFileDialog.getOpenFileName(
            self._window, translate("MainWindow", "Open Database"), folder,
            translate("MainWindow", "jhviewer databases (*.db *.sqlite);;All files (*)"),
        )
        if name:
            self.open_database(Path(name))

    def set_store(self, store: Store | None) -> None:
        """Show `store` (None: nothing), its remembered briefing chosen; the one shown
        before is closed after `store_changed` has moved everything to the new one."""
        old, self.store = self.store, store
        if store is not None:
            self._choose_saved_briefing(store)
        self._fill_briefing_picker()
        self.show_problems([])
        if self.read_notice is not None:
            self.read_notice.hide()
        self.store_changed.emit(store)
        if old is not None and old is not store:
            old.close()

    def close_store(self) -> None:
        """Close the open file (on quitting); nothing is shown afterwards."""
        if self.store is not None:
            self.store.close()
            self.store = None

    # --- checking and scanning -----------------------------------------------------------

    def _schedule_scan(self) -> None:
        """Check the file if that was left for later, then scan it for bad rows, once the
        window is painted: reading every row of a big file takes a moment, and the first
        paint should not wait for it."""
        if self._window.isVisible():
            QTimer.singleShot(0, self, self._scan_problems)
        else:
            self._scan_pending = True

    def painted(self) -> None:
        """The window has painted: run the check and scan left for then (once)."""
        if self._scan_pending:
            self._scan_pending = False
            QTimer.singleShot(0, self, self._scan_problems)

    def checked_store(self) -> bool:
        """Run the open file's integrity check if it was left for later (`load_database`).

        A file that fails it is closed, and the user asked what next; False then.
        """
        store = self.store
        if store is None or store.checked:
            return True
        from jhviewer.ui.integrity import run_check

        try:
            if not run_check(self._window, store):  # progress after 0.5 s; Skip trusts it
                self.message.emit(translate(
                    "MainWindow", "Integrity check skipped: {name} is read as you trust it."
                ).format(name=store.path.name))
        except DatabaseError as error:
            self.set_store(None)
            self._forget_recent(store.path)
            self.message.emit(error_text(error))
            path, refused = store.path, error  # `error` is unbound after the except block
            QTimer.singleShot(0, self, lambda: self._after_open_error(path, refused))
            return False
        return True

    def _scan_problems(self) -> None:
        store = self.store
        if store is None or not self.checked_store():
            return
        self._scan_step(store, store.scan_steps(SCAN_FACTS_PER_STEP))

    def _scan_step(self, store: Store, steps: Iterator[None]) -> None:
        """A step of the scan, then the next one from the event loop: the window goes on
        answering while a big file is read (a second for 100,000 facts)."""
        if store is not self.store:  # another file was opened meanwhile
            return
        try:
            next(steps)
        except StopIteration:
            problems = list(store.problems)
        except DatabaseError as error:
            self.message.emit(error_text(error))
            return
        else:
            QTimer.singleShot(0, self, lambda: self._scan_step(store, steps))
            return
        self.show_problems(problems)
        if problems:
            from jhviewer.ui.errors import problems_summary

            self.message.emit(problems_summary(problems))

    # --- the notice strips ----------------------------------------------------------------

    def show_problems(self, problems: list[RowProblem]) -> None:
        """The strip above the tabs listing unreadable rows (hidden when there are none)."""
        if self.notice is None:
            if not problems:
                return
            from jhviewer.ui.errors import ProblemsNotice

            self.notice = ProblemsNotice()
            self.place_strip(self.notice)
        self.notice.show_problems(problems)

    def report_read_error(self, error: DatabaseError) -> None:
        """Tell the user a read failed, why, and offer Retry."""
        self.read_errors.append(error)
        if self.read_notice is None:
            from jhviewer.ui.errors import ReadFailureNotice

            self.read_notice = ReadFailureNotice()
            self.read_notice.retry.connect(self.retry_reading)
            self.place_strip(self.read_notice)
        self.read_notice.show_error(error)
        self.message.emit(error_text(error))

    def retry_reading(self) -> None:
        """Read the open file again for every panel built so far (`reread`); a file that
        was replaced is opened afresh, one that is gone is reported again."""
        store = self.store
        if self.read_notice is not None:
            self.read_notice.hide()
        if store is None:
            return
        try:
            store.verify_file()
        except DatabaseError as error:
            if store.path.exists():  # replaced: open what is there now
                self.open_database(store.path if not store.trusted else None)
            else:
                self.report_read_error(error)
            return
        self.reread.emit(store)

    def hide_strips(self) -> None:
        """Hide both strips (presenting shows neither)."""
        for strip in (self.notice, self.read_notice):
            if strip is not None:
                strip.hide()

    def retranslate(self) -> None:
        """The strips' texts in the language now set."""
        if self.notice is not None:
            self.notice.retranslate()
        if self.read_notice is not None:
            self.read_notice.retranslate()

    # --- recent files --------------------------------------------------------------------

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files()
        for number, name in enumerate(files, start=1):
            shown = os.fsencode(name).decode("utf-8", "replace")  # a GBK name is not text
            spec = actions.ActionSpec(
                f"recent-{number}", f"&{number} {shown.replace('&', '&&')}", translated=False
            )
            action = actions.make_action(
                self.recent_menu, spec, lambda _c=False, p=name: self.open_database(Path(p))
            )
            self.recent_menu.addAction(action)
        if files:
            self.recent_menu.addSeparator()
        self.recent_menu.addAction(self.clear_recent_action)
        self.clear_recent_action.setEnabled(bool(files))

    def _clear_recent(self) -> None:
        self.settings.clear_recent_files()
        self._fill_recent_menu()

    def _forget_recent(self, path: Path) -> None:
        files = [f for f in self.settings.recent_files() if Path(f) != real_path(path)]
        self.settings.clear_recent_files()
        for name in reversed(files):
            self.settings.add_recent_file(Path(name))


def real_path(path: Path) -> Path:
    """The absolute path with links resolved; unlike Path.resolve, never raises on a loop."""
    return Path(os.path.realpath(path))
