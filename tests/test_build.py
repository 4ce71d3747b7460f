"""`jhviewer build-db`: the shipped data.db is exactly what a fresh build gives."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from jhviewer.data.build import build_database
from jhviewer.data.errors import SourceError
from jhviewer.data.schema import SCHEMA_VERSION, TABLES
from jhviewer.paths import BRIEFINGS_DIR, DEFAULT_DB


def _dump(path: Path) -> list[str]:
    connection = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def test_committed_db_equals_a_fresh_build(built_db: Path) -> None:
    assert _dump(DEFAULT_DB) == _dump(built_db), "data.db is stale: run ./dev db and commit it"


def test_build_is_deterministic(built_db: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.db"
    build_database(BRIEFINGS_DIR, again)
    assert again.read_bytes() == built_db.read_bytes()


def test_schema_version_and_tables(built_db: Path) -> None:
    connection = sqlite3.connect(built_db)
    try:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        assert set(TABLES) <= tables
        assert "facts_fts" in tables
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        fact_keys = connection.execute("PRAGMA foreign_key_list(facts)").fetchall()
        assert {row[2] for row in fact_keys} == {"briefings", "sections", "units"}
    finally:
        connection.close()


def test_failed_build_leaves_previous_db_intact(tmp_path: Path) -> None:
    out = tmp_path / "data.db"
    out.write_bytes(b"previous")
    bad_sources = tmp_path / "sources"
    bad_sources.mkdir()
    (bad_sources / "broken.toml").write_text("[briefing\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"broken\.toml"):
        build_database(bad_sources, out)
    assert out.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".build-")] == []


def test_briefings_from_several_files_share_one_db(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    original = (BRIEFINGS_DIR / "jianghan-2024.toml").read_text(encoding="utf-8")
    (sources / "jianghan-2024.toml").write_text(original, encoding="utf-8")
    (sources / "jianghan-2025.toml").write_text(
        original.replace('id = "jianghan-2024"', 'id = "jianghan-2025"', 1), encoding="utf-8"
    )
    out = tmp_path / "two.db"
    count = build_database(sources, out)
    connection = sqlite3.connect(out)
    try:
        briefings = [row[0] for row in connection.execute("SELECT id FROM briefings ORDER BY id")]
        assert briefings == ["jianghan-2024", "jianghan-2025"]
        assert connection.execute("SELECT count(*) FROM facts").fetchone()[0] == count
    finally:
        connection.close()
