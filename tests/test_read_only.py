"""Nothing lost: the store never changes the file it reads, and exports never clobber.

A file is "unchanged" when its SHA-256, size and mtime are the same and no -journal,
-wal or -shm appeared beside it. Checked for the built-in briefing (a copy standing in
for data.db, so trusted) and for an ordinary file, after a session that reads everything.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from jhviewer.cli import cli
from jhviewer.data.errors import DatabaseBusyError, ExportError
from jhviewer.data.store import Store
from tests.badcorpus.cases import _holding_exclusive
from tests.badcorpus.probe import changes, read_everything, snapshot

WRITES = [
    "DELETE FROM facts",
    "UPDATE facts SET label_en = 'x'",
    "CREATE TABLE t (x)",
    "CREATE TEMP TABLE t (x)",
    "PRAGMA user_version = 5",
    "PRAGMA journal_mode = WAL",
    "INSERT INTO facts_fts(facts_fts) VALUES ('optimize')",
    "VACUUM",
]



@pytest.fixture
def user_copy(built_db: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "from a colleague"
    folder.mkdir()
    copy = folder / "江汉 briefing.db"
    shutil.copyfile(built_db, copy)
    return copy


def test_a_full_session_on_the_builtin_briefing_changes_nothing(builtin_copy: Path) -> None:
    before = snapshot(builtin_copy.parent)
    with Store.open() as store:
        assert store.trusted and store.path == builtin_copy
        read_everything(store)
    assert changes(before, snapshot(builtin_copy.parent)) == []


def test_a_full_session_on_another_file_changes_nothing(user_copy: Path) -> None:
    before = snapshot(user_copy.parent)
    with Store.open(user_copy) as store:
        assert not store.trusted
        read_everything(store)
    assert changes(before, snapshot(user_copy.parent)) == []


@pytest.mark.parametrize("which", ["builtin", "other"])
@pytest.mark.parametrize("sql", WRITES)
def test_the_connection_refuses_every_write(builtin_copy: Path, user_copy: Path, which: str,
                                            sql: str) -> None:
    path = builtin_copy if which == "builtin" else user_copy
    before = snapshot(path.parent)
    with Store.open(path) as store, pytest.raises(sqlite3.Error):
        store._connection.execute(sql)
    assert changes(before, snapshot(path.parent)) == []


def test_no_extension_loading_and_no_trusted_schema(user_copy: Path) -> None:
    with Store.open(user_copy) as store:
        connection = store._connection
        with pytest.raises(sqlite3.OperationalError, match="not authorized"):
            connection.execute("SELECT load_extension('/nonexistent/evil.so')")
        assert connection.execute("PRAGMA trusted_schema").fetchone()[0] == 0
        assert connection.execute("PRAGMA query_only").fetchone()[0] == 1
        # Not the shipped file: no attaching other files, lowered limits.
        with pytest.raises(sqlite3.OperationalError):
            connection.execute("ATTACH DATABASE ':memory:' AS other")
        assert connection.getlimit(sqlite3.SQLITE_LIMIT_LENGTH) <= 20_000_000


def test_a_wal_mode_file_gets_no_wal_or_shm_beside_it(user_copy: Path) -> None:
    connection = sqlite3.connect(user_copy)
    assert connection.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    connection.close()
    assert sorted(p.name for p in user_copy.parent.iterdir()) == [user_copy.name]
    before = snapshot(user_copy.parent)
    with Store.open(user_copy) as store:
        read_everything(store)
    assert changes(before, snapshot(user_copy.parent)) == []


def test_a_wal_file_in_use_shows_its_committed_changes(user_copy: Path) -> None:
    """With another program writing in WAL mode, the store reads what it committed."""
    other = sqlite3.connect(user_copy, isolation_level=None)
    try:
        other.execute("PRAGMA journal_mode = WAL")
        other.execute("PRAGMA wal_autocheckpoint = 0")
        other.execute("UPDATE facts SET label_en = label_en || ' (new)'")
        main_file = user_copy.read_bytes()
        with Store.open(user_copy) as store:
            assert all(fact.label_en.endswith(" (new)") for fact in store.facts())
        assert user_copy.read_bytes() == main_file
    finally:
        other.close()


def test_a_wal_left_behind_is_read_whole_without_a_shm_beside_it(user_copy: Path) -> None:
    """A file copied with its -wal but no -shm: the WAL's changes show, nothing is added."""
    writer = sqlite3.connect(user_copy, isolation_level=None)
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE facts SET label_en = label_en || ' (new)'")
    left = user_copy.with_name("left.db")
    shutil.copyfile(user_copy, left)
    shutil.copyfile(f"{user_copy}-wal", f"{left}-wal")
    writer.close()
    user_copy.unlink()
    before = snapshot(left.parent)
    with Store.open(left) as store:
        assert all(fact.label_en.endswith(" (new)") for fact in store.facts())
        read_everything(store)
    assert changes(before, snapshot(left.parent)) == []


def test_read_only_file_and_folder_open(user_copy: Path) -> None:
    folder = user_copy.parent
    user_copy.chmod(stat.S_IRUSR)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        before = snapshot(folder)
        with Store.open(user_copy) as store:
            read_everything(store)
        assert changes(before, snapshot(folder)) == []
    finally:
        folder.chmod(stat.S_IRWXU)
        user_copy.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_a_locked_file_is_refused_then_opens_once_released(user_copy: Path) -> None:
    before = snapshot(user_copy.parent)
    with _holding_exclusive(user_copy), pytest.raises(DatabaseBusyError, match="another"):
        Store.open(user_copy)
    assert changes(before, snapshot(user_copy.parent)) == []
    with Store.open(user_copy) as store:
        assert store.count_facts() > 100


@pytest.mark.parametrize("command", [["export", "csv"], ["export", "json"]])
def test_an_export_never_writes_over_the_database_it_reads(user_copy: Path,
                                                           command: list[str]) -> None:
    before = snapshot(user_copy.parent)
    link = user_copy.parent / "link.db"
    link.hardlink_to(user_copy)
    for out in (user_copy, link):
        result = CliRunner().invoke(cli, [*command, str(out), "--db", str(user_copy)])
        assert result.exit_code != 0
        assert isinstance(result.exception, ExportError)
        assert "Will not write over" in str(result.exception)
    link.unlink()
    assert changes(before, snapshot(user_copy.parent)) == []


def test_a_failed_export_leaves_the_old_file_and_nothing_partial(
    user_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out_dir = tmp_path / "exports"
    out_dir.mkdir()
    target = out_dir / "facts.csv"
    target.write_text("the previous export\n", encoding="utf-8")

    real_write = os.write

    def fail_halfway(fd: int, data: bytes) -> int:
        real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("jhviewer.data.atomic.os.write", fail_halfway)
    result = CliRunner().invoke(cli, ["export", "csv", str(target), "--db", str(user_copy)])
    assert result.exit_code != 0
    assert target.read_text(encoding="utf-8") == "the previous export\n"
    assert [p.name for p in out_dir.iterdir()] == ["facts.csv"]


def test_the_store_leaves_no_file_handle_behind(user_copy: Path) -> None:
    """After close, the file can be replaced and removed (nothing holds it open)."""
    store = Store.open(user_copy)
    read_everything(store)
    store.close()
    with pytest.raises(sqlite3.ProgrammingError):
        store._connection.execute("SELECT 1")
    user_copy.unlink()
    assert not user_copy.exists()
