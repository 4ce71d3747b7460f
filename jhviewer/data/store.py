"""The read-only store: opens a database safely and returns typed records.

Everything the GUI, the printout and the CLI show comes through `Store`. It never writes:
the connection is opened with `mode=ro` and `query_only`, and a file other than the
shipped `data.db` is also integrity-checked, held to lower SQLite limits and given a time
budget per query, so a hostile or broken file can neither run code nor hang the app.
"""

from __future__ import annotations

import contextlib
import math
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from jhviewer.data import atomic, errors
from jhviewer.data.connection import (
    LENGTH_LIMIT,
    QUERY_SECONDS,
    bindable,
    check_file,
    connect_read_only,
    file_identity,
    file_size,
    is_decode_error,
    size_text,
    stamp,
    text_or_bytes,
    translate,
    wal_copy,
    wal_left_behind,
)
from jhviewer.data.records import (
    Briefing,
    ChartSpec,
    ComparablePair,
    Entity,
    Fact,
    FactFilter,
    RowProblem,
    SearchHit,
    Section,
    Tier,
    Unit,
)
from jhviewer.data.rows import (
    briefing_from_row,
    chart_from_row,
    clip,
    entity_from_row,
    fact_from_row,
    section_from_row,
    tier_from_row,
    unit_from_row,
)
from jhviewer.data.schema import (
    CHARS_COLUMNS,
    CHARS_TABLE,
    FTS_COLUMNS,
    FTS_TABLE,
    SCHEMA_VERSION,
    TABLES,
)
from jhviewer.data.search import find_fact_ids, locate_match
from jhviewer.paths import DEFAULT_DB, is_builtin_db

_T = TypeVar("_T")

# The integrity check reads the whole file, from disk when it is not in the page cache:
# its budget grows with the file (a cold disk reads 50 MB/s or better) on top of a floor.
CHECK_SECONDS_FLOOR = 10.0
CHECK_SECONDS_PER_GB = 40.0
MAX_TEXT_CHARS = 4000
SCAN_BRIEFINGS_PER_STEP = 10  # tiers and charts of this many briefings per scan step
_PROGRESS_EVERY_N_OPS = 20_000

# Limits for files other than the shipped one (sqlite3.SQLITE_LIMIT_* -> value).
_UNTRUSTED_LIMITS = {
    "SQLITE_LIMIT_LENGTH": LENGTH_LIMIT,
    "SQLITE_LIMIT_SQL_LENGTH": 100_000,
    "SQLITE_LIMIT_COLUMN": 200,
    "SQLITE_LIMIT_EXPR_DEPTH": 100,
    "SQLITE_LIMIT_COMPOUND_SELECT": 10,
    "SQLITE_LIMIT_VDBE_OP": 1_000_000,
    "SQLITE_LIMIT_FUNCTION_ARG": 16,
    "SQLITE_LIMIT_ATTACHED": 0,
    "SQLITE_LIMIT_LIKE_PATTERN_LENGTH": 1000,
    "SQLITE_LIMIT_TRIGGER_DEPTH": 10,
}


class Store:
    """A read-only view of one jhviewer database."""

    def __init__(self, path: Path, connection: sqlite3.Connection, trusted: bool) -> None:
        self.path = path
        self.trusted = trusted
        self.problems: list[RowProblem] = []
        self._connection = connection
        self._deadline = math.inf
        self._progress: Callable[[float], bool] | None = None
        self._check_started = 0.0
        self._check_budget = 0.0
        # What the file looked like when opened, to tell a changed file from a damaged one.
        self._stamp = stamp(path)
        self._immutable = False  # opened with `immutable=1` (see connect_read_only)
        self._header = b""
        self._snapshot_depth = 0
        self._data_version: int | None = None
        self.check_skipped = False  # the user chose to trust the file without the check
        self._units: dict[str, Unit] | None = None
        self._chars_index = False  # the optional characters index for short search terms
        self._fts_index = False  # the trigram index, for terms of three or more characters
        self._sections: dict[str, Section] | None = None
        self._section_cache: dict[str, Section | None] = {}
        self._briefings: list[Briefing] | None = None
        # Briefings read one row at a time before (or without) the whole list, by id;
        # None is the default briefing. The first screen reads one, not all 200.
        self._briefing_rows: dict[str | None, Briefing | None] = {}
        self._briefing_count: int | None = None
        self._indexes: frozenset[str] = frozenset()  # the file's index names
        self._selected: str | None = None  # the briefing `briefing()` gives without an id
        # A private copy read instead of `path` (see wal_left_behind), removed on close.
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        # The integrity check `open(check_later=True)` left for later, and how it ended.
        self._check_pending = False
        self._check_failed: errors.DatabaseError | None = None
        self._first_screen = False
        self._identity: tuple[int, int] | None = None  # (device, inode) of the file opened

    # --- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str | None = None, *, check_later: bool = False) -> Store:
        """Open `path` (the shipped `data.db` when None) read-only, or raise a DatabaseError.

        A file other than the shipped one is integrity-checked, which reads all of it (0.2 s
        for 100,000 facts). With `check_later` that waits for `check()` or for the first
        read outside `first_screen()`, whichever comes first: the viewer paints its first
        screen of a big file, then checks it before anything else.
        """
        db_path = Path(path) if path is not None else DEFAULT_DB
        header = check_file(db_path)
        trusted = is_builtin_db(db_path)
        scratch = wal_copy(db_path) if wal_left_behind(db_path, header) else None
        source = Path(scratch.name) / "data.db" if scratch else db_path
        try:
            connection, immutable = connect_read_only(source, header, db_path, trusted)
        except BaseException:
            if scratch:
                scratch.cleanup()
            raise
        store = cls(db_path, connection, trusted)
        store._scratch = scratch
        store._immutable = immutable
        store._header = header
        store._identity = file_identity(db_path)
        atomic.protect(db_path)  # no writer may replace the database while it is open
        store._protected = True
        try:
            store._prepare(check_later)
        except BaseException:
            store.close()
            raise
        return store

    def _prepare(self, check_later: bool = False) -> None:
        connection = self._connection
        connection.set_progress_handler(self._over_time, _PROGRESS_EVERY_N_OPS)
        if not self.trusted:
            for name, value in _UNTRUSTED_LIMITS.items():
                connection.setlimit(getattr(sqlite3, name), value)
        with self._query():
            connection.execute("PRAGMA trusted_schema = OFF")
            connection.execute("PRAGMA query_only = ON")
        if not self.trusted and not check_later:
            self._integrity_check()
        self._check_schema()
        self._check_pending = not self.trusted and check_later

    def check_seconds(self) -> float:
        """The integrity check's time budget (s) for this file: a floor plus a share per GB."""
        size = sum(file_size(Path(f"{self.path}{suffix}")) for suffix in ("", "-wal"))
        return CHECK_SECONDS_FLOOR + CHECK_SECONDS_PER_GB * size / 1e9

    def _integrity_check(self, progress: Callable[[float], bool] | None = None) -> None:
        budget = self.check_seconds()
        self._progress = progress
        self._check_started, self._check_budget = time.monotonic(), budget
        try:
            with self._query(budget, check_timeout=True):
                verdict = str(self._connection.execute("PRAGMA quick_check(1)").fetchone()[0])
        except UnicodeDecodeError:  # the finding names a damaged object whose name is not UTF-8
            verdict = "damaged names in the file's schema"
        except errors.QueryTimeoutError:
            if self._progress_stopped:
                raise errors.CheckStoppedError(
                    "The check of {name} was stopped.", name=self.path.name
                ) from None
            raise
        finally:
            self._progress = None
            self._progress_stopped = False
        if verdict != "ok":
            self._raise_if_changed()
            # e.g. "*** in database main ***\nPage 17: free space corruption"
            finding = verdict.strip().splitlines()[-1].strip()
            raise errors.CorruptDatabaseError(
                "{name} is damaged (SQLite integrity check: {finding}).",
                name=self.path.name, finding=finding,
            )

    def verify_file(self) -> None:
        """Raise a DatabaseError if the file at `path` is gone or is no longer the one
        opened (deleted, moved or replaced while open); one `stat`, no read."""
        now = file_identity(self.path)
        if now is None:
            raise errors.DatabaseNotFoundError(
                "{name} is no longer there: it was deleted or moved while open.",
                name=self.path.name,
            )
        if self._identity is not None and now != self._identity:
            raise errors.DatabaseError(
                "{name} was replaced by another file while open.", name=self.path.name
            )

    @property
    def checked(self) -> bool:
        """False while an integrity check left for later has not run, or if it failed."""
        return not self._check_pending and self._check_failed is None

    def check(self, progress: Callable[[float], bool] | None = None) -> None:
        """Run the integrity check `open(check_later=True)` left for later, if it has not run.

        `progress(fraction)` is called every few milliseconds with the share of the check's
        time budget used so far (0-1); when it returns False the check stops, raising
        CheckStoppedError, and stays pending (see `skip_check`). While it runs, no other
        read may use this store (reads from `progress` raise DatabaseBusyError).
        Raises the DatabaseError that refuses the file, now and on every later read.
        """
        if self._check_failed is not None:
            raise self._check_failed.with_traceback(None)
        if not self._check_pending:
            return
        self._check_pending = False
        try:
            self._integrity_check(progress)
        except errors.CheckStoppedError:
            self._check_pending = True
            raise
        except errors.DatabaseError as error:
            self._check_failed = error
            raise

    def skip_check(self) -> None:
        """Read the file without the integrity check left for later: the user trusts it.

        Every query keeps its time budget and the lowered limits; a damaged page then shows
        as an error on the read that meets it rather than at once."""
        if self._check_pending:
            self._check_pending = False
            self.check_skipped = True

    @contextmanager
    def first_screen(self) -> Iterator[Store]:
        """Reads in this block may come before a check left for later (see `open`).

        For the few rows a first screen shows (the briefing, its sections, a dozen facts):
        any other read runs the check first, so no other use of the file comes before it.
        """
        self._first_screen = True
        try:
            yield self
        finally:
            self._first_screen = False

    def _check_schema(self) -> None:
        with self._query():
            version = self._connection.execute("PRAGMA user_version").fetchone()[0]
            entries = self._connection.execute(
                "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view', 'index')"
            ).fetchall()
        tables = {name: kind for name, kind in entries if kind != "index"}
        self._indexes = frozenset(name for name, kind in entries if kind == "index")
        if not tables:
            raise errors.SchemaError(
                "{name} is an empty SQLite database, not a briefing.", name=self.path.name
            )
        if "facts" not in tables and version == 0:
            raise errors.SchemaError(
                "{name} is a SQLite database of another kind, not a jhviewer briefing.",
                name=self.path.name,
            )
        if 0 < version < SCHEMA_VERSION:
            raise errors.OlderDatabaseError(
                "{name} was built by an older version of jhviewer "
                "(format {version}; this version reads format {supported}). "
                "Rebuild it from its briefing files with "
                "`jhviewer build-db --out {name}`, or open the built-in briefing.",
                version, name=self.path.name, supported=SCHEMA_VERSION,
            )
        if version != SCHEMA_VERSION:
            age = "an older" if version < SCHEMA_VERSION else "a newer"
            raise errors.SchemaError(
                "{name} was made by " + age + " version of jhviewer "
                "(format {version}; this version reads format {supported}).",
                name=self.path.name, version=version, supported=SCHEMA_VERSION,
            )
        for table, columns in TABLES.items():
            if tables.get(table) != "table":
                raise errors.SchemaError(
                    "{name} has no {table} table.", name=self.path.name, table=table
                )
            present = self._columns(table)
            missing = [column for column in columns if column not in present]
            if missing:
                raise errors.SchemaError(
                    "{name}: the {table} table lacks {columns}.",
                    name=self.path.name, table=table, columns=", ".join(missing),
                )
        self._chars_index = tables.get(CHARS_TABLE) == "table" and self._is_fts5(
            CHARS_TABLE, CHARS_COLUMNS
        )
        # A missing or foreign search index costs search its speed, not its answers.
        self._fts_index = tables.get(FTS_TABLE) == "table" and self._is_fts5(
            FTS_TABLE, FTS_COLUMNS
        )

    def _is_fts5(self, table: str, columns: Iterable[str]) -> bool:
        """Whether `table` is an FTS5 table with the columns search uses, that answers.

        A damaged index can fail even to load (an unreadable structure record); then
        search does without it rather than the whole file being refused.
        """
        with self._query():
            row = self._connection.execute(
                "SELECT sql FROM sqlite_master WHERE name = ?", (table,)
            ).fetchone()
        if "using fts5" not in str(row[0] if row else "").lower():
            return False
        try:
            if not set(columns) <= self._columns(table):
                return False
            with self._query():
                self._connection.execute(
                    f"SELECT rowid FROM {table} WHERE {table} MATCH '\"xyz\"' LIMIT 1"
                ).fetchall()
        except errors.DatabaseError:
            return False
        return True

    def _columns(self, table: str) -> set[str]:
        with self._query():
            return {row[1] for row in self._connection.execute(f"PRAGMA table_info({table})")}

    _closed = False

    def close(self) -> None:
        self._closed = True
        self._connection.close()
        if getattr(self, "_protected", False):
            atomic.unprotect(self.path)
            self._protected = False
        if self._scratch is not None:
            self._scratch.cleanup()
            self._scratch = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- query plumbing ------------------------------------------------------------------

    _progress_stopped = False
    _busy = False

    def _over_time(self) -> int:
        now = time.monotonic()
        if self._progress is not None and self._check_budget > 0:
            fraction = min(1.0, (now - self._check_started) / self._check_budget)
            self._busy = True
            try:
                keep_going = self._progress(fraction)
            finally:
                self._busy = False
            if not keep_going:
                self._progress_stopped = True
                return 1
        return 1 if now > self._deadline else 0

    @contextmanager
    def _query(self, seconds: float | None = None, check_timeout: bool = False
               ) -> Iterator[None]:
        """Run the block under a time budget (the per-query one unless given), mapping
        SQLite errors to ours; with `check_timeout` running out says the integrity check
        took too long (not a query)."""
        if self._busy:
            raise errors.DatabaseBusyError(
                "{name} is still being checked. Try again in a moment.", name=self.path.name
            )
        self._check_first()
        if self._immutable and self._snapshot_depth == 0:
            self._reopen_if_changed()
        budget = QUERY_SECONDS if seconds is None else seconds
        self._deadline = time.monotonic() + budget
        try:
            yield
        except sqlite3.Error as error:
            if check_timeout and "interrupted" in str(error).lower():
                raise errors.QueryTimeoutError(
                    "Checking {name} for damage ({size}) took longer than its {seconds} s "
                    "allowance and was stopped. If you trust the file, open it in the window "
                    "and skip the check.", name=self.path.name,
                    size=size_text(file_size(self.path)), seconds=f"{seconds:.0f}",
                ) from error
            translated = translate(error, self.path, budget)
            if isinstance(translated, errors.CorruptDatabaseError):
                self._raise_if_changed()
            raise translated from error
        finally:
            self._deadline = math.inf

    # --- one consistent view, and files that change --------------------------------------

    @contextmanager
    def snapshot(self) -> Iterator[Store]:
        """Every read in this block sees the file as it was at the first one.

        One read transaction: another program that rewrites the file meanwhile (in one
        transaction, WAL or rollback journal) changes either none or all of what a printout,
        an export, a panel or a chart reads. Blocks nest; the outer one decides. Cached
        records (units, sections) are dropped when another program has changed the file.
        """
        if self._snapshot_depth:
            self._snapshot_depth += 1
            try:
                yield self
            finally:
                self._snapshot_depth -= 1
            return
        try:
            with self._query():  # (which first reopens an `immutable` file that changed)
                self._connection.execute("BEGIN")
                # The first read starts the transaction; data_version tells whether another
                # program committed since the caches were filled.
                version = int(self._connection.execute("PRAGMA data_version").fetchone()[0])
        except BaseException:
            if self._connection.in_transaction:  # e.g. the file was locked: start afresh
                with contextlib.suppress(sqlite3.Error):
                    self._connection.execute("ROLLBACK")
            raise
        if self._data_version is not None and version != self._data_version:
            self._drop_caches()
        self._data_version = version
        self._snapshot_depth = 1
        try:
            yield self
        finally:
            self._snapshot_depth = 0
            with contextlib.suppress(sqlite3.Error):  # a read transaction loses nothing
                self._connection.execute("COMMIT")

    def _drop_caches(self) -> None:
        self._units = None
        self._sections = None
        self._briefings = None
        self._briefing_rows.clear()
        self._briefing_count = None
        self._section_cache.clear()

    def _changed_on_disk(self) -> bool:
        return stamp(self.path) != self._stamp

    def _raise_if_changed(self) -> None:
        """A read that looks like damage on a file that changed since it was opened is the
        other program's change, not damage: say so (the next read opens the new file)."""
        if self._scratch is None and self._changed_on_disk():
            self._stale = True
            raise errors.DatabaseChangedError(
                "{name} was changed by another program while jhviewer was reading it. "
                "Try again to see the new version.", name=self.path.name,
            )

    _stale = False

    def _reopen_if_changed(self) -> None:
        """`immutable=1` promises SQLite the file never changes; once it has (its size or
        time differ, or a program now has it open, with a -wal or -shm beside it), read it
        afresh, without that promise when it is in use."""
        if self._scratch is not None or self._closed:
            return  # a private copy: nothing else writes it; or nothing to read any more
        in_use = any(os.path.exists(f"{self.path}{suffix}") for suffix in ("-wal", "-shm"))
        if not (self._stale or in_use or self._changed_on_disk()):
            return
        if not os.path.exists(self.path):
            return  # removed: the open file still reads as it was, and can no longer change
        header = check_file(self.path)
        connection, immutable = connect_read_only(self.path, header, self.path, self.trusted)
        self._connection.close()
        self._connection = connection
        self._immutable = immutable
        self._stamp = stamp(self.path)
        self._stale = False
        self._drop_caches()
        self._data_version = None
        self._check_pending = False
        saved, self._immutable = self._immutable, False  # no recursion from _prepare's reads
        try:
            self._prepare(check_later=True)
        finally:
            self._immutable = saved
        # A changed file is another file: checked again, unless the user trusts it.
        self._check_pending = not self.trusted and not self.check_skipped

    def _check_first(self) -> None:
        """Any read outside the first screen runs a check left for later (see `open`)."""
        if self._check_failed is not None or (self._check_pending and not self._first_screen):
            self.check()

    def rows(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        """Run a read-only query for the data layer (validation); the GUI uses records."""

        def fetch() -> list[sqlite3.Row]:
            cursor = self._connection.execute(sql, bindable(parameters))
            cursor.row_factory = sqlite3.Row
            return cursor.fetchall()

        return self._read(fetch)

    def _read(self, fetch: Callable[[], _T]) -> _T:
        """`fetch` under the time budget, read again leniently if some text is not UTF-8.

        Python's sqlite3 fails the whole query on one undecodable value, which would make
        a single damaged row hide all the others. After the first such failure this
        connection returns undecodable text as bytes, which the record builders report as
        an unreadable row; a sound file never pays for the slower decoding.
        """
        with self._query():
            try:
                return fetch()
            except sqlite3.OperationalError as error:
                if not is_decode_error(error) or self._connection.text_factory is not str:
                    raise
                self._connection.text_factory = text_or_bytes
                return fetch()

    def _records(
        self, table: str, sql: str, parameters: tuple[Any, ...],
        build: Callable[[sqlite3.Row], Any], alias: str | None = None,
    ) -> list[Any]:
        """Build a record per row; a row that does not fit is skipped and noted in `problems`.

        `sql` starts with `_select(table, alias)`. A value over the length limit fails the
        whole query in SQLite; then the rows are read one at a time and that row is the one
        skipped and noted."""
        try:
            rows = self.rows(sql, parameters)
        except errors.ValueTooLargeError:
            rows = self._rows_one_by_one(table, sql, parameters, alias)
        records = []
        for row in rows:
            try:
                records.append(build(row))
            except (TypeError, ValueError) as error:
                self._note_problem(table, row, str(error))
        return records

    def _rows_one_by_one(
        self, table: str, sql: str, parameters: tuple[Any, ...], alias: str | None
    ) -> list[sqlite3.Row]:
        """The rows of `sql`, read by rowid; each too long to read is noted and left out."""
        select = _select(table, alias)
        name = alias or table
        rowid_sql = sql.replace(
            select, f"SELECT {name}.rowid FROM {table}{f' AS {alias}' if alias else ''}", 1
        )
        rows = []
        for (rowid,) in self.rows(rowid_sql, parameters):
            try:
                rows.extend(self.rows(f"{_select(table)} WHERE rowid = ?", (rowid,)))
            except errors.ValueTooLargeError:
                self._note_too_long(table, rowid)
        return rows

    def _note_too_long(self, table: str, rowid: int) -> None:
        try:
            found = self.rows(f"SELECT substr(id, 1, 80) FROM {table} WHERE rowid = ?", (rowid,))
            row_id = str(found[0][0]) if found else f"row {rowid}"
        except errors.ValueTooLargeError:
            row_id = f"row {rowid}"
        columns = []
        for column, kind in TABLES[table].items():
            if kind is not str:
                continue
            try:
                self.rows(f"SELECT substr({column}, 1, 1) FROM {table} WHERE rowid = ?", (rowid,))
            except errors.ValueTooLargeError:
                columns.append(column)
        problem = RowProblem(
            table, clip(row_id),
            f"{', '.join(columns) or 'a value'} is longer than the "
            f"{LENGTH_LIMIT:,} bytes jhviewer reads from one field",
        )
        if problem not in self.problems:
            self.problems.append(problem)

    def _note_problem(self, table: str, row: sqlite3.Row, reason: str) -> None:
        row_id = clip(row["id"]) if "id" in row.keys() else "?"  # noqa: SIM118 - Row `in` tests values
        problem = RowProblem(table, str(row_id), reason)
        if problem not in self.problems:
            self.problems.append(problem)

    # --- records ---------------------------------------------------------------------------

    def schema_version(self) -> int:
        with self._query():
            return int(self._connection.execute("PRAGMA user_version").fetchone()[0])

    def briefings(self) -> list[Briefing]:
        """Every briefing in the database, oldest year first (ties by id)."""
        self._check_first()  # a cached answer is no way round the check
        if self._briefings is None:
            self._briefings = self._records(
                "briefings", _select("briefings") + " ORDER BY year, id", (), briefing_from_row
            )
        return list(self._briefings)

    def briefing(self, briefing_id: str | None = None) -> Briefing | None:
        """The briefing with this id; without one, the selected briefing (`select_briefing`),
        else the default: the newest year, ties going to the greatest id. None if absent.

        Reads that one row (once), not every briefing: the first screen of a file of
        200 briefings should cost what it costs with one.
        """
        self._check_first()  # a cached answer is no way round the check
        wanted = briefing_id if briefing_id is not None else self._selected
        if self._briefings is not None:
            if wanted is None:
                return self._briefings[-1] if self._briefings else None
            return next((b for b in self._briefings if b.id == wanted), None)
        if wanted not in self._briefing_rows:
            if wanted is None:  # the last of `briefings()`, which sorts by year, id
                where = (" WHERE rowid = (SELECT rowid FROM briefings"
                         " ORDER BY year DESC, id DESC LIMIT 1)")
                found = self._records(
                    "briefings", _select("briefings") + where, (), briefing_from_row
                )
                if not found:  # none, or that row is unreadable: the list skips it
                    briefings = self.briefings()
                    return briefings[-1] if briefings else None
            else:
                found = self._records(
                    "briefings", _select("briefings") + " WHERE id = ?", (wanted,),
                    briefing_from_row,
                )
            self._briefing_rows[wanted] = found[0] if found else None
        return self._briefing_rows[wanted]

    def count_briefings(self) -> int:
        """How many briefings the file holds (rows, readable or not), without reading them."""
        if self._briefing_count is None:
            self._briefing_count = int(self.rows("SELECT count(*) FROM briefings")[0][0])
        return self._briefing_count

    def select_briefing(self, briefing_id: str | None) -> Briefing | None:
        """Make `briefing_id` the briefing that calls without an id read (None: the default).

        Raises UnknownBriefingError, naming the ids there are, for an id not in the file.
        """
        if briefing_id is not None and self.briefing(briefing_id) is None:
            ids = ", ".join(b.id for b in self.briefings()) or "none"
            raise errors.UnknownBriefingError(
                "There is no briefing {briefing} in {name} (briefings: {ids}).",
                briefing=repr(briefing_id), name=self.path.name, ids=ids,
            )
        self._selected = briefing_id
        return self.briefing()

    def tiers(self, briefing_id: str | None = None) -> list[Tier]:
        """The Overview's structure block of a briefing: its tiers in order, with entities."""
        briefing = self.briefing(briefing_id)
        if briefing is None:
            return []
        links = self._links("tier_entities", "tier_id", "entity_id", "tiers", briefing.id)
        entities = self._entities_by_id([e for ids in links.values() for e in ids])
        return self._records(
            "tiers", _select("tiers") + " WHERE briefing_id = ? ORDER BY position",
            (briefing.id,),
            lambda row: tier_from_row(row, [entities[e] for e in links.get(row["id"], [])
                                             if e in entities]),
        )

    def charts(self, briefing_id: str | None = None) -> list[ChartSpec]:
        """The charts a briefing declares, in order (see FORMAT.md, `[[charts]]`)."""
        briefing = self.briefing(briefing_id)
        if briefing is None:
            return []
        links = self._links("chart_facts", "chart_id", "fact_id", "charts", briefing.id)
        return self._records(
            "charts", _select("charts") + " WHERE briefing_id = ? ORDER BY position",
            (briefing.id,), lambda row: chart_from_row(row, tuple(links.get(row["id"], []))),
        )

    def _links(
        self, table: str, owner: str, item: str, owners: str, briefing_id: str
    ) -> dict[str, list[str]]:
        """Owner id -> item ids in order, from a link table (tier_entities, chart_facts)."""
        links: dict[str, list[str]] = {}
        for row in self.rows(
            f"SELECT l.{owner}, l.{item} FROM {table} AS l JOIN {owners} AS o "
            f"ON o.id = l.{owner} WHERE o.briefing_id = ? ORDER BY l.{owner}, l.position",
            (briefing_id,),
        ):
            links.setdefault(str(row[0]), []).append(str(row[1]))
        return links

    def indicator_series(self, district_id: str, indicator: str) -> list[Fact]:
        """One indicator's results and targets across the briefings of one district.

        Ordered by year, a year's result before its target; where several briefings state
        the same year and kind, the newest briefing's fact is kept.
        """
        ids = [b.id for b in self.briefings() if b.district_id == district_id]
        if not ids or not indicator:
            return []
        units = self.units()
        marks = ",".join("?" * len(ids))
        facts = self._records(
            "facts",
            f"{_select('facts')} WHERE indicator = ? AND briefing_id IN ({marks}) "
            "AND kind IN ('result', 'target') AND year IS NOT NULL",
            (indicator, *ids), lambda row: fact_from_row(row, units),
        )
        newest = {briefing_id: order for order, briefing_id in enumerate(ids)}
        chosen: dict[tuple[int, str], Fact] = {}
        for fact in sorted(facts, key=lambda f: newest[f.briefing_id]):
            chosen[(fact.year, fact.kind)] = fact
        return [chosen[key] for key in sorted(chosen, key=lambda k: (k[0], k[1] != "result"))]

    def units(self) -> dict[str, Unit]:
        if self._units is None:
            units = self._records("units", _select("units"), (), unit_from_row)
            self._units = {unit.id: unit for unit in units}
        return self._units

    def sections(self, briefing_id: str | None = None) -> list[Section]:
        if self._sections is None:
            sections = self._records(
                "sections", _select("sections") + " ORDER BY briefing_id, position",
                (), section_from_row,
            )
            self._sections = {section.id: section for section in sections}
        return [s for s in self._sections.values() if briefing_id in (None, s.briefing_id)]

    def section(self, section_id: str) -> Section | None:
        """One section by id; reads only that row (the whole list may be 100,000 long)."""
        if self._sections is not None:
            return self._sections.get(section_id)
        if section_id not in self._section_cache:
            if len(self._section_cache) > 10_000:
                self._section_cache.clear()
            found = self._records(
                "sections", _select("sections") + " WHERE id = ?", (section_id,),
                section_from_row,
            )
            self._section_cache[section_id] = found[0] if found else None
        return self._section_cache[section_id]

    def section_by_key(self, briefing_id: str, key: str) -> Section | None:
        """The briefing's section with this local id (e.g. 'overview'), or None."""
        return self.section(f"{briefing_id}/{key}")

    def count_sections(self, briefing_id: str | None = None) -> int:
        """How many sections the briefing (or the file) has, without reading them.

        In a file of one briefing the whole table is counted: SQLite counts a table from
        its pages' headers (a millisecond for 100,000 rows), a filtered count entry by entry
        (20-50 ms), which the first paint would wait for."""
        sql = "SELECT count(*) FROM sections"
        parameters: tuple[Any, ...] = ()
        if briefing_id is not None and (
            self.count_briefings() != 1 or self.briefing(briefing_id) is None
        ):
            sql += " WHERE briefing_id = ?"
            parameters = (briefing_id,)
        return int(self.rows(sql, parameters)[0][0])

    def sections_page(self, briefing_id: str | None, offset: int, limit: int) -> list[Section]:
        """Sections in order, `limit` of them from `offset`: for lists that read as they
        scroll rather than all 100,000 at once.

        As for facts, the page is chosen on rowids through the (briefing_id, position) index
        and only its rows are read (column names are qualified: `_select`'s aliases of the
        same names would make SQLite sort every row)."""
        where = ""
        parameters: tuple[Any, ...] = ()
        if briefing_id is not None:
            where = " WHERE briefing_id = ?"
            parameters = (briefing_id,)
        order = " ORDER BY sections.briefing_id, sections.position"
        sql = (
            f"{_select('sections')} WHERE rowid IN (SELECT rowid FROM sections{where}"
            f"{order} LIMIT ? OFFSET ?){order}"
        )
        return self._records(
            "sections", sql, (*parameters, limit, offset), section_from_row
        )

    def facts(
        self, where: FactFilter | None = None, offset: int = 0, limit: int | None = None
    ) -> list[Fact]:
        """Facts in source order, filtered; `offset`/`limit` page through large databases.

        The page is chosen on rowids alone, which the (filter, briefing_id, position) indexes
        cover, and only its rows are read: a page deep into 100,000 facts costs about a
        millisecond, where sorting the whole table by those columns costs 30-250 ms.
        """
        clause, parameters = _fact_where(where or FactFilter(), self._indexes)
        order = " ORDER BY briefing_id, position, rowid"
        sql = (
            f"{_select('facts')} WHERE rowid IN "
            f"(SELECT rowid FROM facts{clause}{order} LIMIT ? OFFSET ?){order}"
        )
        units = self.units()
        return self._records(
            "facts", sql, (*parameters, -1 if limit is None else limit, offset),
            lambda row: fact_from_row(row, units),
        )

    def count_facts(self, where: FactFilter | None = None) -> int:
        clause, parameters = _fact_where(where or FactFilter(), self._indexes)
        with self._query():
            return int(
                self._connection.execute(f"SELECT count(*) FROM facts{clause}", parameters)
                .fetchone()[0]
            )

    def facts_by_ids(self, fact_ids: list[str]) -> list[Fact]:
        """The facts with these ids, in the order given (unknown ids are left out)."""
        if not fact_ids:
            return []
        units = self.units()
        found: dict[str, Fact] = {}
        for start in range(0, len(fact_ids), 500):
            chunk = fact_ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for fact in self._records(
                "facts", f"{_select('facts')} WHERE id IN ({marks})", tuple(chunk),
                lambda row: fact_from_row(row, units),
            ):
                found[fact.id] = fact
        return [found[fact_id] for fact_id in fact_ids if fact_id in found]

    def fact(self, fact_id: str) -> Fact | None:
        facts = self.facts_by_ids([fact_id])
        return facts[0] if facts else None

    def years(self, briefing_id: str | None = None) -> list[int]:
        """The years facts carry, ascending; undated facts (year NULL) are not in it."""
        clause, parameters = _fact_where(FactFilter(briefing_id=briefing_id), self._indexes)
        with self._query():
            rows = self._connection.execute(
                f"SELECT DISTINCT year FROM facts{clause} ORDER BY year", parameters
            ).fetchall()
        return [row[0] for row in rows if isinstance(row[0], int)]

    def has_undated(self, briefing_id: str | None = None) -> bool:
        """Whether some fact has no year (the source does not date it)."""
        return self.count_facts(FactFilter(briefing_id=briefing_id, undated=True)) > 0

    def targets(self, briefing_id: str | None = None) -> list[Fact]:
        """The briefing's targets for its own year, in source order."""
        briefing = self.briefing(briefing_id)
        if briefing is None:
            return []
        return self.facts(FactFilter(briefing_id=briefing.id, kind="target", year=briefing.year))

    def headline_facts(self, briefing_id: str | None = None) -> list[Fact]:
        briefing = self.briefing(briefing_id)
        if briefing is None:
            return []
        facts = self.facts(FactFilter(briefing_id=briefing.id, headline_only=True))
        return sorted(facts, key=lambda fact: fact.headline or 0)

    def entities(self, briefing_id: str | None = None) -> list[Entity]:
        sql = _select("entities")
        parameters: tuple[Any, ...] = ()
        if briefing_id is not None:
            sql += " WHERE briefing_id = ?"
            parameters = (briefing_id,)
        return self._records("entities", sql + " ORDER BY rowid", parameters, entity_from_row)

    def _entities_by_id(self, entity_ids: list[str]) -> dict[str, Entity]:
        """The entities with these ids (unknown ids are left out), by id."""
        found: dict[str, Entity] = {}
        for start in range(0, len(entity_ids), 500):
            chunk = entity_ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for entity in self._records(
                "entities", f"{_select('entities')} WHERE id IN ({marks})", tuple(chunk),
                entity_from_row,
            ):
                found[entity.id] = entity
        return found

    def entities_for(self, fact_id: str) -> list[Entity]:
        sql = (
            f"{_select('entities', 'e')} JOIN fact_entities AS l ON l.entity_id = e.id "
            "WHERE l.fact_id = ? ORDER BY e.rowid"
        )
        return self._records("entities", sql, (fact_id,), entity_from_row, alias="e")

    def comparable_pairs(self, briefing_id: str | None = None) -> list[ComparablePair]:
        """Each indicator of a briefing with both a result and a later target, in source order."""
        briefing = self.briefing(briefing_id)
        if briefing is None:
            return []
        facts = self.facts(FactFilter(briefing_id=briefing.id, with_indicator=True))
        pairs = []
        for fact in facts:
            if fact.kind != "target":
                continue
            earlier = [
                f for f in facts
                if f.indicator == fact.indicator and f.kind == "result"
                and f.year is not None and fact.year is not None and f.year < fact.year
            ]
            if earlier:
                pairs.append(ComparablePair(fact.indicator or "", earlier[-1], fact))
        return pairs

    def search(
        self, query: str, limit: int = 200, briefing_id: str | None = None
    ) -> list[SearchHit]:
        """Facts matching `query` in Chinese or English, best first, with the matching span.

        With `briefing_id`, only that briefing's facts; without, every briefing's.
        """
        where = FactFilter(briefing_id=briefing_id) if briefing_id is not None else None
        ranked_ids = self.search_ids(query, limit, where)
        return [locate_match(fact, query) for fact in self.facts_by_ids(ranked_ids)]

    def search_ids(
        self, query: str, limit: int = 200, where: FactFilter | None = None
    ) -> list[str]:
        """The ids of what `search` finds, best first, without reading the facts.

        With `where`, only those of them that pass it. The facts table reads the records of
        the rows it shows, a screenful rather than `limit` of them at every keystroke.
        """
        (limit,) = bindable((limit,))
        ranked_ids: list[str] = self._read(
            lambda: find_fact_ids(
                self._connection, query, limit, self._chars_index, self._fts_index
            )
        )
        if not ranked_ids or where is None or where == FactFilter():
            return ranked_ids
        clause, parameters = _fact_where(where, self._indexes)
        passing: set[object] = set()
        for start in range(0, len(ranked_ids), 500):
            chunk = ranked_ids[start:start + 500]
            sql = (
                f"SELECT id FROM facts{clause} {'AND' if clause else 'WHERE'} "
                f"id IN ({','.join('?' * len(chunk))})"
            )
            passing.update(row[0] for row in self.rows(sql, (*parameters, *chunk)))
        return [fact_id for fact_id in ranked_ids if fact_id in passing]

    def scan_problems(self) -> list[RowProblem]:
        """Read every row of every table once, so `problems` lists all unreadable rows."""
        for _ in self.scan_steps():
            pass
        return list(self.problems)

    def scan_steps(self, facts_per_step: int = 5000) -> Iterator[None]:
        """`scan_problems` a step at a time, so that a window can go on answering in
        between: the units, then the tiers and charts of a few briefings per step, then a
        page of `facts_per_step` sections, entities or facts per step (about 10 ms per
        1,000 facts). Entities are paged too: 200 briefings hold 400,000 of them, which read
        at once took one step of 2-4 s (or ran over the query time limit)."""
        self.units()
        for number, briefing in enumerate(self.briefings(), start=1):
            self.tiers(briefing.id)
            self.charts(briefing.id)
            if number % SCAN_BRIEFINGS_PER_STEP == 0:
                yield
        yield
        read = 0
        while read < self.count_sections():  # a page at a time: there may be 100,000
            self.sections_page(None, read, facts_per_step)
            read += facts_per_step
            yield
        units = self.units()
        for table, build in (
            ("entities", entity_from_row),
            ("facts", lambda row: fact_from_row(row, units)),
        ):
            last: int | None = None
            while True:  # pages by rowid: each a range of the table's own b-tree
                after = "" if last is None else " WHERE rowid > ?"
                rowids = [int(row[0]) for row in self.rows(
                    f"SELECT rowid FROM {table}{after} ORDER BY rowid LIMIT ?",
                    (*(() if last is None else (last,)), facts_per_step),
                )]
                if not rowids:
                    break
                self._records(
                    table, _select(table) + " WHERE rowid BETWEEN ? AND ?",
                    (rowids[0], rowids[-1]), build,
                )
                last = rowids[-1]
                yield


def _select(table: str, alias: str | None = None) -> str:
    """SELECT of the schema's columns; text columns are clipped so huge values stay cheap."""
    prefix = f"{alias}." if alias else ""
    parts = []
    for column, kind in TABLES[table].items():
        if kind is str:
            # substr() stops at a NUL, which would hide the rest of the text without a
            # word: such a value comes back as the one-byte blob X'00', a bad row.
            name = f"{prefix}{column}"
            parts.append(
                f"CASE WHEN instr({name}, char(0)) > 0 THEN X'00' "
                f"ELSE substr({name}, 1, {MAX_TEXT_CHARS}) END AS {column}"
            )
        else:
            parts.append(f"{prefix}{column}")
    source = f"{table} AS {alias}" if alias else table
    return f"SELECT {', '.join(parts)} FROM {source}"


def _fact_where(
    where: FactFilter, indexes: frozenset[str] = frozenset()
) -> tuple[str, tuple[Any, ...]]:
    """The WHERE clause and its parameters; `indexes`: the file's index names."""
    conditions = []
    parameters: list[Any] = []
    # The headline and indicator flags pick a handful of facts through their own indexes.
    # A read-only file has no statistics, so SQLite would rather walk the whole briefing in
    # (briefing_id, position) order (25 ms on 100,000 facts instead of 0.1 ms): the flags
    # are marked unlikely, and `+column` keeps the other terms off their indexes. A file
    # with a (briefing_id, flag) index reads just the briefing's few through it; through
    # the flag's own index, every briefing's flagged facts would be read (200 briefings:
    # 1,600 headline facts, a row read each to check its briefing).
    few = where.headline_only or where.with_indicator
    by_briefing = where.briefing_id is not None and all(
        f"idx_facts_briefing_id_{column}" in indexes
        for column, wanted in (("headline", where.headline_only),
                               ("indicator", where.with_indicator))
        if wanted
    )
    for column, value in (
        ("briefing_id", where.briefing_id),
        ("section_id", where.section_id),
        ("kind", where.kind),
        ("year", where.year),
    ):
        if value is not None:
            keep_off = few and not (by_briefing and column == "briefing_id")
            conditions.append(f"{'+' if keep_off else ''}{column} = ?")
            parameters.append(value)
    if where.undated:
        conditions.append(f"{'+' if few else ''}year IS NULL")
    if where.headline_only:
        conditions.append("unlikely(headline IS NOT NULL)")
    if where.with_indicator:
        conditions.append("unlikely(indicator IS NOT NULL)")
    clause = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    return clause, bindable(tuple(parameters))


