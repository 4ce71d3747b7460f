"""The window's view of the progress database: one tracker per targets panel.

The tracker opens the progress database when first needed (never on the way to the first
window), reads the briefing's current entries, works out every target's status with the
data layer's rules, and says `changed` whenever they change: when another window or the
CLI wrote to the same database (it polls the database's revision every `POLL_MS` while it
is in use), and after its own writes. Errors become `failed(message)`.

After its own write it reads nothing back when it can tell that no one else wrote since
it last read (the stored row is the next one after the revision it holds): the row is
applied to the entries it holds, only that target's status is worked out again, and
`target_changed(target_id)` says so, so that a window repaints one card, not all of them.
Otherwise it reads everything again and says `changed`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from jhviewer.data.errors import JhviewerError
from jhviewer.data.progress.db import ProgressStore
from jhviewer.data.progress.model import Entry, NewEntry, Target, target_from_fact
from jhviewer.data.progress.status import TargetStatus, statuses, tally, target_status
from jhviewer.data.records import Unit
from jhviewer.data.store import Store
from jhviewer.ui.i18n import error_text

POLL_MS = 2000
T = TypeVar("T")


class ProgressTracker(QObject):
    changed = Signal()  # any target's status may have changed: read them all
    target_changed = Signal(str)  # only this target's entries and status changed
    failed = Signal(str)
    briefing_changed = Signal()  # another briefing (or the same one read again): new targets

    def __init__(self, location: str | Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.location = location
        self.briefing_id = ""
        self.year = 0
        self.targets: list[Target] = []
        self.units: dict[str, Unit] = {}
        self.results: dict[str, TargetStatus] = {}
        self._entries: dict[str, list[Entry]] = {}
        self._db: ProgressStore | None = None
        self._db_path: Path | None = None
        self._revision = -1
        self._undo: list[int] = []  # rows stored by this window's changes, newest last
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.refresh_if_changed)

    # --- setup --------------------------------------------------------------------------

    def set_briefing(self, store: Store | None, briefing_id: str | None = None) -> None:
        """Track the targets of `briefing_id` (the latest briefing when None) in `store`."""
        briefing = store.briefing(briefing_id) if store is not None else None
        if store is None or briefing is None:
            self.briefing_id, self.targets, self.results = "", [], {}
            self._entries, self._undo = {}, []
            self._timer.stop()
            self.changed.emit()
            self.briefing_changed.emit()
            return
        self.briefing_id, self.year = briefing.id, briefing.year
        self.targets = [target_from_fact(fact) for fact in store.targets(briefing.id)]
        self.units = store.units()
        self._db_path = store.path
        self._undo = []
        self.results, self._entries = {}, {}  # none of the old briefing's, even on an error
        self.refresh()
        self._timer.start()
        self.briefing_changed.emit()

    def set_location(self, location: str | Path | None) -> None:
        """Use another progress database (a path, a postgresql:// URL, or the default)."""
        self.close()
        self.location = location
        self._undo = []
        self.refresh()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        self._revision = -1

    def _file_missing(self) -> bool:
        """True while the progress file does not exist yet: viewing never creates it."""
        from jhviewer.data.progress.db import default_location, is_postgres

        if is_postgres(self.location):
            return False
        return not Path(self.location or default_location()).exists()

    def database(self, create: bool = True) -> ProgressStore | None:
        """The open progress database, opened now if need be (created only if `create`);
        None (and `failed` on an error) if not."""
        if self._db is None:
            if not create and self._file_missing():
                return None
            try:
                self._db = ProgressStore.open(self.location, briefing_db=self._db_path)
            except JhviewerError as error:
                self._timer.stop()
                self.failed.emit(error_text(error))
                return None
        return self._db

    @property
    def shown_location(self) -> str:
        from jhviewer.data.progress.db import default_location, shown_location

        return shown_location(self.location or default_location())

    # --- reading ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the briefing's current entries again and recompute every status."""
        if not self.targets:
            self.results, self._entries = {}, {}
            self.changed.emit()
            return
        db = self.database(create=False)
        if db is None:
            self.results = {r.target.id: r for r in statuses(self.targets, [], self.units)}
            self._entries = {}
            self.changed.emit()
            return
        entries = self._guard(lambda: (db.revision(), db.entries(self.briefing_id)))
        if entries is None:
            return
        self._revision, current = entries
        self._entries = {}
        for entry in current:
            self._entries.setdefault(entry.target_id, []).append(entry)
        self.results = {r.target.id: r for r in statuses(self.targets, current, self.units)}
        self.changed.emit()

    def refresh_if_changed(self) -> None:
        """Refresh when anyone (another window, the CLI) stored something since."""
        if not self.targets:
            return
        if self._db is None:  # not there yet: someone (the CLI) may have created it since
            if not self._file_missing():
                self.refresh()
            return
        revision = self._guard(self._db.revision)
        if revision is not None and revision != self._revision:
            self.refresh()

    def entries(self, target_id: str) -> list[Entry]:
        """The target's current entries, by as-of date."""
        return sorted(self._entries.get(target_id, []), key=lambda e: (e.as_of, e.id))

    def all_entries(self) -> list[Entry]:
        """Every current entry of the briefing."""
        return [entry for entries in self._entries.values() for entry in entries]

    def history(self, target_id: str) -> list[Entry]:
        db = self.database(create=False)
        if db is None:
            return []
        return self._guard(lambda: db.history(self.briefing_id, target_id)) or []

    def target(self, target_id: str) -> Target | None:
        return next((t for t in self.targets if t.id == target_id), None)

    def tally(self) -> tuple[int, int]:
        return tally(self.results.values())

    # --- writing ------------------------------------------------------------------------

    def add(self, new: NewEntry) -> Entry | None:
        return self._write(lambda db: db.add(new))

    def add_many(self, rows: Sequence[NewEntry]) -> list[Entry] | None:
        """Store all rows in one transaction (none if any fails)."""
        db = self.database()
        if db is None:
            return None
        stored = self._guard(lambda: db.add_many(rows))
        if stored is not None:
            self._undo = []  # an import is not undone entry by entry
            self.refresh()
        return stored

    def edit(self, entry_id: int, new: NewEntry) -> Entry | None:
        return self._write(lambda db: db.edit(entry_id, new))

    def retract(self, entry_id: int) -> Entry | None:
        return self._write(lambda db: db.retract(entry_id))

    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo_last(self) -> Entry | None:
        """Undo this window's last add, edit or retraction (if no one changed it since)."""
        if not self._undo:
            return None
        row = self._undo.pop()
        return self._write(lambda db: db.undo(row), remember=False)

    def _write(self, change: Callable[[ProgressStore], Entry],
               remember: bool = True) -> Entry | None:
        db = self.database()
        if db is None:
            return None
        stored = self._guard(lambda: change(db))
        if stored is not None:
            if remember:
                self._undo.append(stored.id)
            if not self._apply(stored):
                self.refresh()
        return stored

    def _apply(self, stored: Entry) -> bool:
        """Take this window's stored row into the entries held, without reading them again,
        if nothing else was stored since they were read (ids are handed out in order, so
        the row's id is then the held revision + 1). False if they must be read again."""
        target = self.target(stored.target_id)
        if (self._revision < 0 or stored.id != self._revision + 1
                or stored.briefing_id != self.briefing_id or target is None):
            return False
        # What `ProgressStore.entries` would now return for the target: the row it
        # supersedes is no longer current, and a retraction is not an entry.
        current = [entry for entry in self._entries.get(target.id, [])
                   if entry.id != stored.supersedes]
        if not stored.retracted:
            current.append(stored)
        self._entries[target.id] = current
        self._revision = stored.id
        self.results[target.id] = target_status(target, current, self.units)
        self.target_changed.emit(target.id)
        return True

    def _guard(self, job: Callable[[], T]) -> T | None:
        try:
            return job()
        except JhviewerError as error:
            self.failed.emit(error_text(error))
            return None
