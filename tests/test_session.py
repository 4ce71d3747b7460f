"""The database session (jhviewer.ui.session) on its own, with no main window: what it
opens, what it remembers and what it tells whoever listens."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from jhviewer.data.errors import DatabaseNotFoundError
from jhviewer.ui.session import DatabaseSession
from jhviewer.ui.settings import Settings


@pytest.fixture
def session(qtbot, tmp_path: Path) -> Iterator[DatabaseSession]:
    parent = QWidget()
    qtbot.addWidget(parent)
    opened = DatabaseSession(Settings.in_file(tmp_path / "settings.ini"), "en", parent)
    yield opened
    opened.close_store()


def test_a_file_opened_through_a_link_is_remembered_by_its_real_path(
    session: DatabaseSession, db_copy: Path, tmp_path: Path
) -> None:
    shown: list[object] = []
    session.store_changed.connect(shown.append)
    link = tmp_path / "link.db"
    link.symlink_to(db_copy)
    assert session.load_database(link) is None
    assert session.store is not None and shown == [session.store]
    assert session.settings.recent_files() == [str(db_copy.resolve())]
    assert session.settings.last_directory() == str(db_copy.resolve().parent)
    session.recent_menu.aboutToShow.emit()  # as opening File ▸ Open Recent does
    assert [a.text() for a in session.recent_menu.actions()] == [
        f"&1 {db_copy.resolve()}", "", "&Clear Recent Files"
    ]
    box = session.briefing_box
    assert [box.itemText(i) for i in range(box.count())] == ["Jianghan District 2024"]
    assert not box.isEnabled()  # one briefing: nothing to choose


def test_a_missing_file_is_a_message_and_the_open_file_stays(
    session: DatabaseSession, db_copy: Path, tmp_path: Path
) -> None:
    assert session.load_database(db_copy) is None
    first = session.store
    shown: list[object] = []
    messages: list[str] = []
    session.store_changed.connect(shown.append)
    session.message.connect(messages.append)
    missing = tmp_path / "missing.db"
    error = session.load_database(missing)
    assert isinstance(error, DatabaseNotFoundError)
    assert messages == [f"There is no file at {missing}."]
    assert shown == [] and session.store is first


def test_retry_on_the_same_file_reads_it_again(
    session: DatabaseSession, db_copy: Path
) -> None:
    assert session.load_database(db_copy) is None
    reread: list[object] = []
    session.reread.connect(reread.append)
    session.retry_reading()
    assert reread == [session.store]
    assert session.read_errors == []
