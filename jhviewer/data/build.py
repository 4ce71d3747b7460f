"""Build `data.db` from the curated briefing files, with sqlite-utils.

The build is deterministic: the same files give the same database, so the committed
`data.db` can be checked against a fresh build.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import sqlite_utils

from jhviewer.data.atomic import WriteError, atomic_path
from jhviewer.data.errors import SourceError
from jhviewer.data.schema import (
    CHARS_COLUMNS,
    CHARS_TABLE,
    FOREIGN_KEYS,
    FTS_COLUMNS,
    INDEXES,
    NOT_NULL,
    PRIMARY_KEYS,
    SCHEMA_VERSION,
    TABLES,
)
from jhviewer.data.search import characters_text
from jhviewer.data.source import BriefingRows, briefing_files, load_briefings


def build_database(source_dir: Path, out: Path) -> int:
    """Write a new database at `out` from every briefing file in `source_dir`.

    Writes through `jhviewer.data.atomic`: a temporary file beside `out`, fsynced and renamed,
    so a failed build never leaves a half-written database behind and never replaces a
    device, a read-only file or an open database (WriteError). A symbolic link `out` is
    written through. Returns the number of facts written. Raises BriefingFormatError (one
    line per problem) for files that break the format, and SourceError for a folder
    without briefing files.
    """
    files = briefing_files(source_dir)
    if not files:
        raise SourceError(f"No briefing files (*.toml) in {source_dir}")
    briefings = load_briefings(files)
    out.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(out) as temp_path:
        try:
            fact_count = _write(briefings, temp_path)
        except sqlite3.OperationalError as error:  # SQLite's own words for ENOSPC and co.
            text = str(error)
            reason = "disk-full" if "full" in text else "read-only-disk" if "readonly" in text \
                else "other"
            raise WriteError(reason, out, text) from error
    return fact_count


def _write(briefings: list[BriefingRows], path: Path) -> int:
    db = sqlite_utils.Database(path, recreate=True)
    db.execute("PRAGMA journal_mode=DELETE")
    _create_tables(db)
    for table in TABLES:
        rows = _merged_rows(briefings, table)
        if rows:
            db.table(table).insert_all(rows)
    db.table("facts").enable_fts(
        list(FTS_COLUMNS), fts_version="FTS5", tokenize="trigram", create_triggers=False
    )
    _index_characters(db)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    db.conn.commit()
    db.execute("VACUUM")
    db.close()
    return sum(len(b.tables["facts"]) for b in briefings)


def _index_characters(db: sqlite_utils.Database) -> None:
    """The characters index that search uses for one- and two-character terms."""
    db.conn.create_function("jh_characters", 1, characters_text, deterministic=True)
    columns = ", ".join(CHARS_COLUMNS)
    db.execute(
        f"CREATE VIRTUAL TABLE {CHARS_TABLE} USING fts5({columns}, content='', "
        "tokenize='unicode61 remove_diacritics 0')"
    )
    texts = ", ".join(
        "jh_characters(" + " || ' ' || ".join(f"coalesce({f}, '')" for f in fields) + ")"
        for fields in CHARS_COLUMNS.values()
    )
    db.execute(f"INSERT INTO {CHARS_TABLE}(rowid, {columns}) SELECT rowid, {texts} FROM facts")


def _create_tables(db: sqlite_utils.Database) -> None:
    for table, columns in TABLES.items():
        db.table(table).create(
            columns,
            pk=PRIMARY_KEYS[table],
            not_null=NOT_NULL[table],
            foreign_keys=FOREIGN_KEYS.get(table, []),
        )
        for index_columns in INDEXES.get(table, []):
            db.table(table).create_index(list(index_columns))


def _merged_rows(briefings: list[BriefingRows], table: str) -> list[dict[str, Any]]:
    """Rows of one table across briefings. Units are shared, so each id is kept once."""
    rows: list[dict[str, Any]] = []
    seen_units: dict[str, dict[str, Any]] = {}
    for briefing in briefings:
        for row in briefing.tables[table]:
            if table != "units":
                rows.append(row)
                continue
            earlier = seen_units.setdefault(row["id"], row)
            if earlier is row:
                rows.append(row)
            elif earlier != row:
                raise SourceError(
                    f"{briefing.path.name}: unit {row['id']!r} differs from its earlier definition"
                )
    return rows
