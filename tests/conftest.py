"""Test setup: headless Qt before anything imports it, and shared fixtures."""

from __future__ import annotations

import os

# Must happen before any Qt import: with no display and no platform, Qt aborts the run.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from jhviewer.data.store import Store
from jhviewer.paths import BRIEFINGS_DIR, DEFAULT_DB, REPO_ROOT

SOURCE_TEXT = REPO_ROOT.parent / "shared" / "source" / "jianghan-2024.txt"


@pytest.fixture(autouse=True)
def private_data_folder(tmp_path_factory: pytest.TempPathFactory,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The user's data folder (where progress.db lives by default) is a private one, and
    the command line speaks English (its language follows the locale) unless a test picks a
    locale itself."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database freshly built from resources/briefings (not the committed data.db)."""
    from jhviewer.data.build import build_database

    out = tmp_path_factory.mktemp("built") / "data.db"
    build_database(BRIEFINGS_DIR, out)
    return out


@pytest.fixture(scope="session")
def three_briefings_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """jianghan-2024 (shipped) with newtown-2030 and newtown-2031 (made-up test fixtures,
    tests/fixtures/briefings) in one database, as a team's shared file holds several."""
    from jhviewer.data.build import build_database

    folder = tmp_path_factory.mktemp("three-briefings")
    for path in [BRIEFINGS_DIR / "jianghan-2024.toml",
                 *(Path(__file__).parent / "fixtures" / "briefings").glob("*.toml")]:
        (folder / path.name).write_bytes(path.read_bytes())
    out = tmp_path_factory.mktemp("three") / "three.db"
    build_database(folder, out)
    return out


@pytest.fixture
def store() -> Iterator[Store]:
    """The shipped data.db, read-only."""
    with Store.open(DEFAULT_DB) as opened:
        yield opened


@pytest.fixture
def db_copy(tmp_path: Path) -> Path:
    """A private copy of data.db that a test may damage."""
    copy = tmp_path / "copy.db"
    shutil.copyfile(DEFAULT_DB, copy)
    return copy


@pytest.fixture
def builtin_copy(built_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the built database that the app takes for the shipped data.db."""
    folder = tmp_path / "shipped"
    folder.mkdir()
    copy = folder / "data.db"
    shutil.copyfile(built_db, copy)
    monkeypatch.setattr("jhviewer.paths.DEFAULT_DB", copy)
    monkeypatch.setattr("jhviewer.data.store.DEFAULT_DB", copy)
    return copy


@pytest.fixture(scope="session")
def source_text() -> str:
    assert SOURCE_TEXT.is_file(), f"the source article is missing: {SOURCE_TEXT}"
    return SOURCE_TEXT.read_text(encoding="utf-8")
