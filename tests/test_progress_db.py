"""The progress database on both backends: entries are never overwritten, history, undo,
versioned schema with a backup before an upgrade, and concurrent writers lose nothing."""

from __future__ import annotations

import hashlib
import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from jhviewer.data.progress.db import (
    MIGRATIONS,
    Migration,
    ProgressConflictError,
    ProgressDatabaseError,
    ProgressStore,
    default_location,
)
from jhviewer.data.progress.model import NewEntry
from jhviewer.paths import DEFAULT_DB
from tests import progresshelpers

# The fixtures that run a test on SQLite and on PostgreSQL.
postgres_cluster = progresshelpers.postgres_cluster
progress_location = progresshelpers.progress_location
B = "jianghan-2024"


def new(value: float, as_of: str = "2024-06", target: str = "target-first-stores",
        note: str = "") -> NewEntry:
    return NewEntry(B, target, value, "家", as_of, "cumulative", None, note, "")


def test_add_and_read_back(progress_location: str) -> None:
    with ProgressStore.open(progress_location) as db:
        first = db.add(new(63, "2024-06", note="区商务局 1–6月"))
        db.add(new(12, "2024-06", target="target-gazelle-firms"))
        assert db.schema_version() == 1
        stored = db.entries(B, "target-first-stores")
    assert [(e.value, e.unit, e.as_of, e.note) for e in stored] == [
        (63.0, "家", "2024-06", "区商务局 1–6月")]
    assert stored[0].id == first.id and stored[0].entered_at.endswith("Z")


def test_edit_supersedes_and_keeps_history(progress_location: str) -> None:
    with ProgressStore.open(progress_location) as db:
        old = db.add(new(63))
        edited = db.edit(old.id, new(64))
        assert [e.value for e in db.entries(B)] == [64.0]
        history = db.history(B)
        assert [(e.value, e.supersedes) for e in history] == [(63.0, None), (64.0, old.id)]
        assert edited.supersedes == old.id
        with pytest.raises(ProgressConflictError, match="was changed since"):
            db.edit(old.id, new(65))  # the old row is no longer current
        assert [e.value for e in db.entries(B)] == [64.0]


def test_retract_and_undo(progress_location: str) -> None:
    with ProgressStore.open(progress_location) as db:
        a = db.add(new(63))
        tombstone = db.retract(a.id)
        assert db.entries(B) == [] and tombstone.retracted
        restored = db.undo(tombstone.id)  # undo the retraction
        assert [e.value for e in db.entries(B)] == [63.0]
        edit = db.edit(restored.id, new(70))
        back = db.undo(edit.id)  # undo the edit: 63 again
        assert [e.value for e in db.entries(B)] == [63.0]
        db.undo(back.id)  # undo the undo: 70 again
        assert [e.value for e in db.entries(B)] == [70.0]
        b = db.add(new(5, target="target-gazelle-firms"))
        db.undo(b.id)  # undo an add
        assert [e.target_id for e in db.entries(B)] == ["target-first-stores"]
        assert db.count() == 8  # eight changes, eight rows: nothing was ever deleted


def test_add_many_is_one_transaction(progress_location: str) -> None:
    bad = NewEntry(B, "x", 1.0, "家", "2024-6", "cumulative", None, "", "")  # as_of too short
    with ProgressStore.open(progress_location) as db:
        with pytest.raises(ProgressDatabaseError):
            db.add_many([new(1), new(2), bad])
        assert db.count() == 0
        db.add_many([new(1), new(2)])
        assert db.count() == 2


def test_a_newer_schema_is_refused(progress_location: str) -> None:
    future = (*MIGRATIONS, Migration(2, ("CREATE TABLE progress_future (x INTEGER)",)))
    ProgressStore.open(progress_location, migrations=future).close()
    with pytest.raises(ProgressDatabaseError, match="has progress schema version 2, newer "
                                                    r"than this jhviewer knows \(1\)"):
        ProgressStore.open(progress_location)


def test_upgrade_backs_up_first(progress_location: str) -> None:
    with ProgressStore.open(progress_location) as db:
        db.add(new(63))
    upgrade = (*MIGRATIONS, Migration(2, (
        "ALTER TABLE progress_entries ADD COLUMN source_url TEXT",)))
    with ProgressStore.open(progress_location, migrations=upgrade) as db:
        assert db.schema_version() == 2
        assert db.backup is not None
        assert [e.value for e in db.entries(B)] == [63.0]
        backup = db.backup
    if progress_location.startswith("postgresql"):
        import psycopg

        with psycopg.connect(progress_location) as connection:
            rows = connection.execute(
                f"SELECT value FROM {backup}.progress_entries").fetchall()
            version = connection.execute(
                f"SELECT max(version) FROM {backup}.progress_schema").fetchone()
        assert rows == [(63.0,)] and version == (1,)
    else:
        assert Path(backup).name.startswith("progress.db.v1-")
        with sqlite3.connect(backup) as copy:
            assert copy.execute("SELECT value FROM progress_entries").fetchall() == [(63.0,)]
            assert copy.execute("SELECT max(version) FROM progress_schema").fetchone() == (1,)
        with sqlite3.connect(progress_location) as opened:
            assert opened.execute("PRAGMA user_version").fetchone() == (2,)


def test_sqlite_file_is_wal_with_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with ProgressStore.open(path) as db:
        db.add(new(1))
        assert db._connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db._connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        with pytest.raises(ProgressDatabaseError, match="FOREIGN KEY"), db._transaction():
            db._insert(new(2), 999, False)  # supersedes a row that does not exist
    with sqlite3.connect(path) as opened:
        assert opened.execute("PRAGMA user_version").fetchone() == (1,)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_briefing_database_is_refused_and_untouched(tmp_path: Path, db_copy: Path) -> None:
    before, copy_before = _sha(DEFAULT_DB), _sha(db_copy)
    with pytest.raises(ProgressDatabaseError, match="is the briefing database, which is "
                                                    "read-only"):
        ProgressStore.open(DEFAULT_DB)
    with pytest.raises(ProgressDatabaseError, match="is a briefing database; progress goes in "
                                                    "its own file"):
        ProgressStore.open(db_copy)
    assert _sha(DEFAULT_DB) == before and _sha(db_copy) == copy_before
    assert not Path(str(db_copy) + "-wal").exists()


def test_not_a_database_and_damaged_files(tmp_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(ProgressDatabaseError, match="is not an SQLite database"):
        ProgressStore.open(text)
    damaged = tmp_path / "damaged.db"
    with ProgressStore.open(damaged) as db:
        db.add(new(1))
    data = bytearray(damaged.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wipe the schema page
    damaged.write_bytes(bytes(data))
    Path(str(damaged) + "-wal").unlink(missing_ok=True)
    with pytest.raises(ProgressDatabaseError, match="is damaged"):
        ProgressStore.open(damaged)
    with pytest.raises(ProgressDatabaseError, match="is a folder"):
        ProgressStore.open(tmp_path)


def test_a_locked_database_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.db"
    ProgressStore.open(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        with ProgressStore.open(path) as db:
            holder.execute("BEGIN EXCLUSIVE")
            db._connection.execute("PRAGMA busy_timeout = 50")
            with pytest.raises(ProgressDatabaseError, match="is locked by another program"):
                db.add(new(1))
            assert db.count() == 0  # WAL: reading goes on while another program writes
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_default_location_is_the_user_data_folder(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_location() == tmp_path / "jhviewer" / "jhviewer" / "progress.db"


def test_window_and_cli_agree_on_the_folder(monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    from jhviewer.ui import settings
    from jhviewer.ui.app import create_application

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    create_application()
    assert (QCoreApplication.organizationName(), QCoreApplication.applicationName()) == (
        settings.ORGANISATION, settings.APPLICATION)
    qt_folder = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation)
    assert Path(qt_folder) == default_location().parent == tmp_path / "jhviewer" / "jhviewer"


def _writer(location: str, worker: int, count: int) -> None:
    with ProgressStore.open(location) as db:
        for index in range(count):
            db.add(new(worker * 1000 + index, note=f"w{worker}"))


def test_concurrent_writers_lose_nothing(progress_location: str) -> None:
    ProgressStore.open(progress_location).close()
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(progress_location, w, 25))
               for w in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(120)
    assert [process.exitcode for process in workers] == [0, 0, 0, 0]
    with ProgressStore.open(progress_location) as db:
        values = sorted(e.value for e in db.entries(B))
    assert values == sorted(float(w * 1000 + i) for w in range(4) for i in range(25))


def test_first_open_by_several_processes_at_once(progress_location: str) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(progress_location, w, 3))
               for w in range(3)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(120)
    assert [process.exitcode for process in workers] == [0, 0, 0]
    with ProgressStore.open(progress_location) as db:
        assert db.count() == 9 and db.schema_version() == 1


def test_two_stores_see_each_others_entries(progress_location: str) -> None:
    with ProgressStore.open(progress_location) as one, \
            ProgressStore.open(progress_location) as two:
        one.add(new(10))
        before = two.revision()
        two.add(new(20, target="target-gazelle-firms"))
        assert one.revision() > before
        assert sorted(e.value for e in one.entries(B)) == [10.0, 20.0]
        entry = one.entries(B, "target-first-stores")[0]
        two.edit(entry.id, new(11))
        with pytest.raises(ProgressConflictError, match="refresh and try again"):
            one.edit(entry.id, new(12))
        assert [e.value for e in one.entries(B, "target-first-stores")] == [11.0]
