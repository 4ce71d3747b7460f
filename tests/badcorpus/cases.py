"""A deterministic corpus of bad databases, made from a freshly built one.

`corpus(base)` lists a few hundred `Case`s: truncations, byte flips, dropped tables and
columns, NULLed, mistyped and oversized values, markup in every text column, other schema
versions and schemas, files that are not SQLite at all, odd paths, hostile views, triggers
and generated columns, a broken or missing search index, WAL mode (unused, in use, left
behind without its -shm), a hot journal, a file locked by another process's write
transaction, and read-only files and folders. Each case is made on demand
(`with case.make(base, folder) as path:`), so a 10 MB case never sits on disk longer than
its test, and every byte it holds comes from the case's name and `SEED`, so a failure
always reproduces.

Used by tests/test_bad_databases.py and scripts/reliability.py (through
tests/badcorpus/probe.py); no pytest in here.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from jhviewer.data.schema import (
    CHARS_COLUMNS,
    CHARS_TABLE,
    FTS_COLUMNS,
    FTS_TABLE,
    SCHEMA_VERSION,
    TABLES,
)

SEED = 5

# Outcomes, as scripts/reliability.py and the tests name them.
OK = "ok"  # opened, nothing to report
PROBLEMS = "problems"  # opened, bad rows reported (and the good rows shown)
REFUSED = "refused"  # not opened: one clear sentence
ANY_CLEAN = frozenset({OK, PROBLEMS, REFUSED})

# Every category, in corpus order (the tests are parametrized by these).
CATEGORIES = (
    "control", "truncated", "byte flip", "dropped table", "dropped column", "renamed column",
    "NULL in a column", "mistyped value", "NaN/inf/huge number", "10 MB string",
    "markup in every text column", "schema version", "another schema", "not SQLite", "path",
    "hostile schema", "search index", "WAL / lock / permissions",
)

MARKUP = (
    "<img src=file:///etc/passwd>",
    '<a href="https://example.com">x</a>',
    "<script>alert(1)</script>",
    "<b>bold</b>",
)
HUGE_CHARS = 10 * 1024 * 1024
HEADER = b"SQLite format 3\x00"

TEXT_COLUMNS = [(t, c) for t, cols in TABLES.items() for c, kind in cols.items() if kind is str]
NUMBER_COLUMNS = [
    (t, c) for t, cols in TABLES.items() for c, kind in cols.items() if kind in (int, float)
]
# Columns whose rows the store turns into records (fact_entities is only joined).
RECORD_TABLES = ("briefings", "units", "sections", "facts", "entities", "tiers", "charts")
NULLABLE = {
    ("sections", "heading"),
    ("briefings", "structure_title_zh"), ("briefings", "structure_title_en"),
    ("tiers", "fact_id"),
    *(("charts", c) for c in ("subtitle_zh", "subtitle_en", "kind", "unit_id", "indicator",
                              "total_fact_id", "remainder_zh", "remainder_en")),
    *(("facts", c) for c in ("year", "date", "indicator", "value", "unit_id", "qualifier",
                              "target_group", "headline", "claim_zh", "claim_en", "noun_en")),
}

Maker = Callable[[Path, Path], contextlib.AbstractContextManager[Path]]


@dataclass(frozen=True)
class Case:
    """One bad database. `expect` is the set of store outcomes that are right for it."""

    name: str
    category: str
    make: Maker = field(repr=False, compare=False)
    expect: frozenset[str] = ANY_CLEAN
    # (table, id) pairs the store must list in `problems`, when expect is {PROBLEMS}.
    bad_rows: tuple[tuple[str, str], ...] = ()
    # The markup string planted in every text column, when the case is about markup.
    markup: str | None = None


# --- building blocks ---------------------------------------------------------------------


def _copy(base: Path, folder: Path, name: str = "bad.db") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copyfile(base, target)
    return target


def _edit(path: Path, script: Callable[[sqlite3.Connection], None]) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("PRAGMA legacy_alter_table = ON")
        connection.execute("BEGIN")
        script(connection)
        connection.execute("COMMIT")
    finally:
        connection.close()


def _loosen(connection: sqlite3.Connection, table: str) -> None:
    """Recreate `table` with the same columns and types but no constraints, same rowids."""
    columns = [(row[1], row[2]) for row in connection.execute(f'PRAGMA table_info("{table}")')]
    names = ", ".join(f'"{name}"' for name, _ in columns)
    typed = ", ".join(f'"{name}" {kind}' for name, kind in columns)
    connection.execute(f'CREATE TABLE "{table}__loose" ({typed})')
    connection.execute(
        f'INSERT INTO "{table}__loose" (rowid, {names}) SELECT rowid, {names} FROM "{table}"'
    )
    connection.execute(f'DROP TABLE "{table}"')
    connection.execute(f'ALTER TABLE "{table}__loose" RENAME TO "{table}"')


def _reindex_search(connection: sqlite3.Connection) -> None:
    connection.execute("INSERT INTO facts_fts(facts_fts) VALUES ('rebuild')")


def _ids(base: Path, table: str) -> list[str]:
    connection = sqlite3.connect(f"{base.resolve().as_uri()}?mode=ro", uri=True)
    try:
        key = {"fact_entities": "fact_id", "tier_entities": "tier_id",
               "chart_facts": "chart_id"}.get(table, "id")
        return [row[0] for row in connection.execute(f"SELECT {key} FROM {table} ORDER BY rowid")]
    finally:
        connection.close()


def _edited(script: Callable[[sqlite3.Connection], None]) -> Maker:
    @contextlib.contextmanager
    def make(base: Path, folder: Path) -> Iterator[Path]:
        path = _copy(base, folder)
        _edit(path, script)
        yield path

    return make


def _bytes(build: Callable[[bytes], bytes], name: str = "bad.db") -> Maker:
    @contextlib.contextmanager
    def make(base: Path, folder: Path) -> Iterator[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.write_bytes(build(base.read_bytes()))
        yield path

    return make


def _set_rows(table: str, column: str, ids: list[str], value: object) -> Maker:
    key = "fact_id" if table == "fact_entities" else "id"

    def script(connection: sqlite3.Connection) -> None:
        _loosen(connection, table)
        marks = ",".join("?" * len(ids))
        connection.execute(
            f'UPDATE "{table}" SET "{column}" = ? WHERE "{key}" IN ({marks})', (value, *ids)
        )

    return _edited(script)


# --- the categories ----------------------------------------------------------------------


def _truncations(size: int) -> list[Case]:
    """Cut inside the header, at and around page boundaries, mid-page, near the end.

    Names never hold an offset that depends on the file's size, so a case keeps its name
    when the briefing data grows.
    """
    cut: dict[str, int] = {
        f"truncate-at-{n}": n
        for n in (1, 8, 15, 16, 17, 50, 99, 100, 101, 511, 512, 1024, 2048, 4095, 4096, 4097,
                  6000, 8191, 8192, 8193, 14336)
    }
    for label, fraction in (("quarter", 0.25), ("third", 1 / 3), ("half", 0.5),
                            ("two-thirds", 2 / 3), ("nine-tenths", 0.9)):
        cut[f"truncate-at-{label}"] = int(size * fraction)
        cut[f"truncate-mid-page-after-{label}"] = int(size * fraction) // 4096 * 4096 + 2048
    for back in (4096, 4095, 2048, 100, 1):
        cut[f"truncate-end-minus-{back}"] = size - back
    rng = random.Random(f"{SEED}:truncate")
    for index in range(14):
        cut[f"truncate-random-{index:02d}"] = max(1, int(rng.random() * size))
    return [
        Case(name, "truncated", _bytes(lambda data, n=offset: data[:n]))
        for name, offset in cut.items()
    ]


def _flip(data: bytes, offset: int, rng: random.Random) -> bytes:
    mutable = bytearray(data)
    mutable[offset % len(mutable)] ^= rng.randrange(1, 256)
    return bytes(mutable)


def _flips(size: int) -> list[Case]:
    # The header's fields, the first bytes of several pages, then seeded offsets anywhere.
    flips = {
        f"flip-at-{n}": n
        for n in (16, 17, 18, 19, 20, 21, 24, 28, 31, 32, 36, 40, 44, 48, 52, 56, 60, 64, 92,
                  96, 100, 101, 103, 105, 107, 4096, 4097, 4099, 4101, 8192, 8200, 12288, 16387)
    }
    rng = random.Random(f"{SEED}:flip")
    for index in range(60):
        flips[f"flip-random-{index:02d}"] = int(rng.random() * size)
    cases = [
        Case(name, "byte flip", _bytes(
            lambda data, n=offset, seed=f"{SEED}:{name}": _flip(data, n, random.Random(seed))
        ))
        for name, offset in flips.items()
    ]
    # A whole page of noise, at the start, in the middle and at the end of the file.
    pages = size // 4096
    for label, page in (("1", 1), ("2", 2), ("5", 5), ("middle", pages // 2),
                        ("last", pages - 1)):
        name = f"scramble-page-{label}"
        noise = random.Random(f"{SEED}:{name}").randbytes(4096)
        cases.append(Case(name, "byte flip", _bytes(
            lambda data, p=page, n=noise: data[: p * 4096] + n + data[(p + 1) * 4096:]
        )))
    return cases


def _dropped_tables() -> list[Case]:
    cases = [
        Case(f"drop-table-{table}", "dropped table",
             _edited(lambda c, t=table: c.execute(f'DROP TABLE "{t}"')), frozenset({REFUSED}))
        for table in TABLES
    ]
    cases.append(Case("drop-table-facts_fts", "search index",
                      _edited(lambda c: c.execute("DROP TABLE facts_fts"))))
    return cases


def _drop_column(table: str, column: str) -> Callable[[sqlite3.Connection], None]:
    def script(connection: sqlite3.Connection) -> None:
        _loosen(connection, table)
        connection.execute(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')

    return script


def _rename_column(table: str, column: str) -> Callable[[sqlite3.Connection], None]:
    def script(connection: sqlite3.Connection) -> None:
        _loosen(connection, table)
        connection.execute(f'ALTER TABLE "{table}" RENAME COLUMN "{column}" TO "{column}_old"')

    return script


def _columns() -> list[Case]:
    cases = []
    for table, columns in TABLES.items():
        for column in columns:
            cases.append(Case(f"drop-column-{table}.{column}", "dropped column",
                              _edited(_drop_column(table, column)), frozenset({REFUSED})))
            cases.append(Case(f"rename-column-{table}.{column}", "renamed column",
                              _edited(_rename_column(table, column)), frozenset({REFUSED})))
    return cases


def _row_cases(base: Path) -> list[Case]:
    """NULLs, wrong types and impossible numbers in chosen rows of each table."""
    ids = {table: _ids(base, table) for table in TABLES}
    cases = []

    def add(name: str, category: str, table: str, column: str, value: object,
            bad: bool) -> None:
        rng = random.Random(f"{SEED}:{name}")
        pool = sorted(set(ids[table]))
        chosen = sorted(rng.sample(pool, min(len(pool), rng.randint(1, 3))))
        if table == "briefings":
            chosen = pool  # there is one briefing
        if table in RECORD_TABLES and bad:
            expect = frozenset({PROBLEMS})
            named = tuple((table, row_id) for row_id in chosen) if column != "id" else ()
            if column == "briefing_id" and table != "briefings":
                # a row of no briefing belongs to none: views of a briefing never read it,
                # `check` names it (a missing briefing_id, or one that links to nothing)
                expect, named = frozenset({OK, PROBLEMS}), ()
        else:
            # fact_entities rows are joined, never read as records; a fine value is fine.
            expect = frozenset({OK, PROBLEMS})
            named = ()
        cases.append(Case(name, category, _set_rows(table, column, chosen, value), expect,
                          named))

    for table, columns in TABLES.items():
        for column, kind in columns.items():
            nullable = (table, column) in NULLABLE
            add(f"null-{table}.{column}", "NULL in a column", table, column, None,
                not nullable)
            if kind is str:
                add(f"blob-in-{table}.{column}", "mistyped value", table, column,
                    b"\xff\xfe\x00<b>binary</b>", True)
            else:
                add(f"text-in-{table}.{column}", "mistyped value", table, column,
                    "two thousand", True)
                add(f"blob-in-{table}.{column}", "mistyped value", table, column,
                    b"\x07\xe8", True)
    for table, column in NUMBER_COLUMNS:
        nullable = (table, column) in NULLABLE
        for label, value, bad in (
            ("nan", float("nan"), not nullable),  # SQLite stores NaN as NULL
            ("inf", float("inf"), True),
            ("-inf", float("-inf"), True),
            ("1e308", 1e308, True),
            ("int64-max", 2**63 - 1, True),
            ("int64-min", -(2**63), True),
        ):
            add(f"number-{label}-in-{table}.{column}", "NaN/inf/huge number", table, column,
                value, bad)
    return cases


def _huge_text() -> list[Case]:
    """A 10 MB string in every text column of one row per table (one case per column)."""
    cases = []
    for table, column in TEXT_COLUMNS:
        name = f"huge-{table}.{column}"

        def script(connection: sqlite3.Connection, t: str = table, c: str = column,
                   n: str = name) -> None:
            key = "fact_id" if t == "fact_entities" else "id"
            row = connection.execute(f'SELECT rowid, "{key}" FROM "{t}" ORDER BY rowid').fetchall()
            rowid = random.Random(f"{SEED}:{n}").choice(row)[0]
            filler = ("江汉<b>" + "x" * 61) * (HUGE_CHARS // 67)
            connection.execute(f'UPDATE "{t}" SET "{c}" = ? WHERE rowid = ?', (filler, rowid))

        # A huge id or a huge reference makes the row a stranger; the store clips text, so
        # everything else still reads: OK or a reported row, never a refusal.
        cases.append(Case(name, "10 MB string", _edited(script), frozenset({OK, PROBLEMS})))
    return cases


def _markup_script(markup: str) -> Callable[[sqlite3.Connection], None]:
    """Append `markup` to every text column of every row, keys and references alike."""

    def script(connection: sqlite3.Connection) -> None:
        for table, columns in TABLES.items():
            sets = ", ".join(
                f'"{column}" = coalesce("{column}", \'\') || ?'
                for column, kind in columns.items() if kind is str
            )
            count = sum(1 for kind in columns.values() if kind is str)
            connection.execute(f'UPDATE "{table}" SET {sets}', (markup,) * count)
        _reindex_search(connection)

    return script


def _markup() -> list[Case]:
    cases = []
    for index, markup in enumerate(MARKUP):
        cases.append(Case(f"markup-{index}-all-columns", "markup in every text column",
                          _edited(_markup_script(markup)), frozenset({OK, PROBLEMS}),
                          markup=markup))
    return cases


def _versions() -> list[Case]:
    cases = []
    for version in sorted({0, SCHEMA_VERSION - 1, SCHEMA_VERSION + 1, 99, -1, 2**31 - 1}):
        if version == SCHEMA_VERSION:
            continue
        # named by their relation to this version, so the names survive a new version
        name = {SCHEMA_VERSION - 1: "older", SCHEMA_VERSION + 1: "newer"}.get(version, version)
        cases.append(Case(f"user-version-{name}", "schema version",
                          _edited(lambda c, v=version: c.execute(f"PRAGMA user_version = {v}")),
                          frozenset({REFUSED})))
    return cases


def _fresh(build: Callable[[sqlite3.Connection], None], name: str = "bad.db") -> Maker:
    @contextlib.contextmanager
    def make(base: Path, folder: Path) -> Iterator[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        connection = sqlite3.connect(path, isolation_level=None)
        try:
            build(connection)
        finally:
            connection.close()
        yield path

    return make


def _other_schemas() -> list[Case]:
    def notes(connection: sqlite3.Connection) -> None:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        connection.executemany("INSERT INTO notes (body) VALUES (?)", [("hello",), ("江汉",)])

    def empty_sqlite(connection: sqlite3.Connection) -> None:
        connection.execute("CREATE TABLE t (x)")
        connection.execute("DROP TABLE t")
        connection.execute("VACUUM")

    def lookalike(connection: sqlite3.Connection) -> None:
        connection.execute("CREATE TABLE facts (id TEXT, label TEXT, value REAL)")
        connection.execute("INSERT INTO facts VALUES ('a', 'GDP', 7.4)")

    def lookalike_versioned(connection: sqlite3.Connection) -> None:
        lookalike(connection)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def utf16(connection: sqlite3.Connection) -> None:
        connection.execute("PRAGMA encoding = 'UTF-16le'")
        connection.execute("CREATE TABLE x (y)")

    cases = [
        Case("other-schema-notes", "another schema", _fresh(notes), frozenset({REFUSED})),
        Case("sqlite-without-tables", "another schema", _fresh(empty_sqlite),
             frozenset({REFUSED})),
        Case("lookalike-facts-table", "another schema", _fresh(lookalike), frozenset({REFUSED})),
        Case("lookalike-facts-table-versioned", "another schema", _fresh(lookalike_versioned),
             frozenset({REFUSED})),
        Case("utf16-other-schema", "another schema", _fresh(utf16), frozenset({REFUSED})),
    ]

    @contextlib.contextmanager
    def utf16_copy(base: Path, folder: Path) -> Iterator[Path]:
        # The same briefing in a UTF-16 database: a valid file that must read the same.
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "utf16.db"
        source = sqlite3.connect(f"{base.resolve().as_uri()}?mode=ro", uri=True)
        target = sqlite3.connect(path, isolation_level=None)
        try:
            target.execute("PRAGMA encoding = 'UTF-16le'")
            target.execute("BEGIN")
            for (sql,) in source.execute(
                "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE ? "
                "AND name NOT LIKE ? ORDER BY type = 'index', rowid",
                (f"{FTS_TABLE}%", f"{CHARS_TABLE}%"),
            ).fetchall():
                target.execute(sql)
            for table in TABLES:
                rows = source.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
                if rows:
                    marks = ",".join("?" * len(rows[0]))
                    target.executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows)
            columns = ", ".join(FTS_COLUMNS)
            target.execute(f"CREATE VIRTUAL TABLE facts_fts USING fts5({columns}, "
                           "tokenize='trigram', content='facts')")
            _reindex_search(target)
            target.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            target.execute("COMMIT")
        finally:
            source.close()
            target.close()
        yield path

    cases.append(Case("utf16-briefing", "another schema", utf16_copy, frozenset({OK})))
    return cases


def _not_sqlite() -> list[Case]:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    cases = [
        Case("empty-file", "not SQLite", _bytes(lambda _: b""), frozenset({REFUSED})),
        Case("png-file", "not SQLite", _bytes(lambda _: png), frozenset({REFUSED})),
        Case("text-file", "not SQLite",
             _bytes(lambda _: "江汉区 briefing\nnot a database\n".encode() * 50),
             frozenset({REFUSED})),
        Case("zip-header", "not SQLite",
             _bytes(lambda _: b"PK\x03\x04" + bytes(2000)), frozenset({REFUSED})),
        Case("sqlite-header-only", "not SQLite", _bytes(lambda _: HEADER),
             frozenset({REFUSED})),
        Case("sqlite-header-then-zeros", "not SQLite",
             _bytes(lambda _: HEADER + bytes(4096 - 16)), frozenset({REFUSED, OK, PROBLEMS})),
        Case("html-file-named-db", "not SQLite",
             _bytes(lambda _: MARKUP[2].encode() * 100), frozenset({REFUSED})),
    ]
    for size in (1, 15, 16, 100, 4096, 65536):
        name = f"random-bytes-{size}"
        data = random.Random(f"{SEED}:{name}").randbytes(size)
        cases.append(Case(name, "not SQLite", _bytes(lambda _, d=data: d),
                          frozenset({REFUSED})))
    name = "sqlite-header-then-random"
    noise = random.Random(f"{SEED}:{name}").randbytes(8192)
    cases.append(Case(name, "not SQLite", _bytes(lambda _: HEADER + noise),
                      frozenset({REFUSED})))
    return cases


def _special_paths() -> list[Case]:
    @contextlib.contextmanager
    def directory(base: Path, folder: Path) -> Iterator[Path]:
        path = folder / "a-folder.db"
        path.mkdir(parents=True)
        yield path

    @contextlib.contextmanager
    def missing(base: Path, folder: Path) -> Iterator[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        yield folder / "no-such-file.db"

    @contextlib.contextmanager
    def missing_folder(base: Path, folder: Path) -> Iterator[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        yield folder / "no-such-folder" / "data.db"

    @contextlib.contextmanager
    def long_name(base: Path, folder: Path) -> Iterator[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        yield folder / ("n" * 300 + ".db")

    @contextlib.contextmanager
    def fifo(base: Path, folder: Path) -> Iterator[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "pipe.db"
        os.mkfifo(path)
        yield path

    @contextlib.contextmanager
    def device(base: Path, folder: Path) -> Iterator[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "zero.db"
        path.symlink_to("/dev/zero")
        yield path

    @contextlib.contextmanager
    def dangling(base: Path, folder: Path) -> Iterator[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "dangling.db"
        path.symlink_to(folder / "gone.db")
        yield path

    @contextlib.contextmanager
    def loop(base: Path, folder: Path) -> Iterator[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "loop.db"
        path.symlink_to(path)
        yield path

    @contextlib.contextmanager
    def under_a_file(base: Path, folder: Path) -> Iterator[Path]:
        file = _copy(base, folder, "plain.db")
        yield file / "data.db"

    refused = frozenset({REFUSED})
    cases = [
        Case("a-directory", "path", directory, refused),
        Case("missing-file", "path", missing, refused),
        Case("missing-folder", "path", missing_folder, refused),
        Case("name-too-long", "path", long_name, refused),
        Case("named-pipe", "path", fifo, refused),
        Case("symlink-to-dev-zero", "path", device, refused),
        Case("dangling-symlink", "path", dangling, refused),
        Case("symlink-loop", "path", loop, refused),
        Case("path-below-a-file", "path", under_a_file, refused),
    ]
    for label, folder_name, file_name in (
        ("spaces", "my briefings", "jianghan data.db"),
        ("chinese", "江汉区简报", "数据 库.db"),
        ("question-mark", "what?", "data?.db"),
        ("hash", "#1", "data#1.db"),
        ("percent", "100%", "data%20%3F.db"),
        ("uri-lookalike", "file:x", "data.db?mode=rwc"),
        ("leading-dash", "-rf", "--db.db"),
        ("all-at-once", "简报 #1?", "江汉 data?#%.db"),
    ):
        def make(base: Path, folder: Path, sub: str = folder_name,
                 name: str = file_name) -> contextlib.AbstractContextManager[Path]:
            return contextlib.nullcontext(_copy(base, folder / sub, name))

        cases.append(Case(f"path-with-{label}", "path", make, frozenset({OK})))
    return cases


def _hostile() -> list[Case]:
    def facts_view(select_extra: str) -> Callable[[sqlite3.Connection], None]:
        def script(connection: sqlite3.Connection) -> None:
            connection.execute("ALTER TABLE facts RENAME TO facts_real")
            connection.execute(f"CREATE VIEW facts AS SELECT f.*{select_extra} FROM facts_real f")

        return script

    def endless_view(connection: sqlite3.Connection) -> None:
        connection.execute("ALTER TABLE facts RENAME TO facts_real")
        connection.execute(
            "CREATE VIEW facts AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 "
            "FROM c) SELECT f.* FROM facts_real f, (SELECT max(x) FROM c)"
        )

    def side_view(connection: sqlite3.Connection) -> None:
        connection.execute(
            "CREATE VIEW extras AS SELECT load_extension('/tmp/evil.so') AS x, randomblob(9)"
        )

    def trigger(connection: sqlite3.Connection) -> None:
        connection.execute("CREATE TABLE audit (x)")
        connection.execute(
            "CREATE TRIGGER on_read AFTER UPDATE ON facts BEGIN "
            "INSERT INTO audit VALUES (load_extension('/tmp/evil.so')); END"
        )
        connection.execute(
            "CREATE TRIGGER on_insert BEFORE INSERT ON units BEGIN "
            "SELECT randomblob(100000000); END"
        )

    def generated(expression: str) -> Callable[[sqlite3.Connection], None]:
        # A hostile file can hold any schema text: facts.headline becomes a generated
        # column computed by `expression` (written with writable_schema, as an attacker
        # would, since SQLite itself refuses most such expressions).
        def script(connection: sqlite3.Connection) -> None:
            _loosen(connection, "facts")
            connection.execute('ALTER TABLE facts DROP COLUMN "headline"')
            (sql,) = connection.execute(
                "SELECT sql FROM sqlite_master WHERE name = 'facts'"
            ).fetchone()
            sql = sql.rstrip().rstrip(")") + f', "headline" INTEGER AS ({expression}))'
            connection.execute("PRAGMA writable_schema = ON")
            connection.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'facts'", (sql,))
            connection.execute("PRAGMA writable_schema = OFF")

        return script

    def check_constraint(connection: sqlite3.Connection) -> None:
        connection.execute(
            "CREATE TABLE trap (x CHECK (load_extension('/tmp/evil.so')) DEFAULT "
            "(randomblob(4)))"
        )

    def bogus_stats(connection: sqlite3.Connection) -> None:
        connection.execute("ANALYZE")
        connection.execute("UPDATE sqlite_stat1 SET stat = '1 18446744073709551615 0 -5'")

    def many_tables(connection: sqlite3.Connection) -> None:
        for index in range(1500):
            connection.execute(f"CREATE TABLE filler_{index} (a, b, c)")

    def long_view(connection: sqlite3.Connection) -> None:
        text = "x" * 300_000
        connection.execute(f"CREATE VIEW long_sql AS SELECT '{text}' AS x")

    def deep_view(connection: sqlite3.Connection) -> None:
        terms = " + ".join(["1"] * 900)
        connection.execute(f"CREATE VIEW deep AS SELECT {terms} AS x")

    refused = frozenset({REFUSED})
    return [
        Case("view-facts-randomblob", "hostile schema", _edited(facts_view(", randomblob(8)")),
             refused),
        Case("view-facts-load-extension", "hostile schema",
             _edited(facts_view(", load_extension('/tmp/evil.so')")), refused),
        Case("view-facts-endless-recursion", "hostile schema", _edited(endless_view), refused),
        Case("side-view-load-extension", "hostile schema", _edited(side_view), frozenset({OK})),
        Case("triggers-calling-functions", "hostile schema", _edited(trigger), frozenset({OK})),
        Case("generated-column-randomblob", "hostile schema",
             _edited(generated("randomblob(16)")), refused),
        Case("generated-column-load-extension", "hostile schema",
             _edited(generated("load_extension('/tmp/evil.so')")), refused),
        Case("generated-column-unknown-function", "hostile schema",
             _edited(generated("evil(id)")), refused),
        Case("generated-column-big-string", "hostile schema",
             _edited(generated("printf('%.*c', 15000000, 'x')")), ANY_CLEAN),
        Case("generated-column-too-big", "hostile schema",
             _edited(generated("zeroblob(1000000000)")), ANY_CLEAN),
        Case("check-and-default-functions", "hostile schema", _edited(check_constraint),
             frozenset({OK})),
        Case("bogus-planner-stats", "hostile schema", _edited(bogus_stats), ANY_CLEAN),
        Case("fifteen-hundred-tables", "hostile schema", _edited(many_tables), ANY_CLEAN),
        Case("very-long-view-sql", "hostile schema", _edited(long_view), ANY_CLEAN),
        Case("deeply-nested-view", "hostile schema", _edited(deep_view), ANY_CLEAN),
    ]


def _search_index() -> list[Case]:
    columns = ", ".join(FTS_COLUMNS)

    def regular(connection: sqlite3.Connection) -> None:
        connection.execute("DROP TABLE facts_fts")
        connection.execute(f"CREATE TABLE facts_fts ({columns})")
        connection.execute(f"INSERT INTO facts_fts SELECT {columns} FROM facts")

    def content_view(function: str) -> Callable[[sqlite3.Connection], None]:
        def script(connection: sqlite3.Connection) -> None:
            connection.execute("DROP TABLE facts_fts")
            connection.execute(
                f"CREATE VIEW fts_source AS SELECT rowid, {columns}, {function} AS trap FROM facts"
            )
            connection.execute(
                f"CREATE VIRTUAL TABLE facts_fts USING fts5({columns}, tokenize='trigram', "
                "content='fts_source', content_rowid='rowid')"
            )

        return script

    def scrambled(connection: sqlite3.Connection) -> None:
        rows = connection.execute("SELECT id FROM facts_fts_data ORDER BY id").fetchall()
        rng = random.Random(f"{SEED}:fts-shadow-scrambled")
        for (row_id,) in rows:
            connection.execute("UPDATE facts_fts_data SET block = ? WHERE id = ?",
                               (rng.randbytes(rng.randrange(1, 64)), row_id))

    def stale(connection: sqlite3.Connection) -> None:
        connection.execute("DELETE FROM facts WHERE rowid % 3 = 0")

    def other_tokenizer(connection: sqlite3.Connection) -> None:
        connection.execute("DROP TABLE facts_fts")
        connection.execute(f"CREATE VIRTUAL TABLE facts_fts USING fts5({columns}, "
                           "content='facts')")
        _reindex_search(connection)

    def rtree(connection: sqlite3.Connection) -> None:
        connection.execute("DROP TABLE facts_fts")
        connection.execute("CREATE VIRTUAL TABLE facts_fts USING rtree(id, x0, x1)")

    def view(connection: sqlite3.Connection) -> None:
        connection.execute("DROP TABLE facts_fts")
        connection.execute(f"CREATE VIEW facts_fts AS SELECT {columns} FROM facts")

    def chars_dropped(connection: sqlite3.Connection) -> None:
        connection.execute(f"DROP TABLE {CHARS_TABLE}")

    def chars_regular(connection: sqlite3.Connection) -> None:
        chars_dropped(connection)
        connection.execute(f"CREATE TABLE {CHARS_TABLE} ({', '.join(CHARS_COLUMNS)})")

    def chars_scrambled(connection: sqlite3.Connection) -> None:
        rng = random.Random(f"{SEED}:chars-shadow-scrambled")
        for (row_id,) in connection.execute(
            f"SELECT id FROM {CHARS_TABLE}_data ORDER BY id"
        ).fetchall():
            connection.execute(f"UPDATE {CHARS_TABLE}_data SET block = ? WHERE id = ?",
                               (rng.randbytes(rng.randrange(1, 64)), row_id))

    def chars_other_columns(connection: sqlite3.Connection) -> None:
        chars_dropped(connection)
        connection.execute(f"CREATE VIRTUAL TABLE {CHARS_TABLE} USING fts5(x, content='')")

    return [
        Case("chars-index-dropped", "search index", _edited(chars_dropped), frozenset({OK})),
        Case("chars-index-regular-table", "search index", _edited(chars_regular),
             frozenset({OK})),
        Case("chars-index-scrambled", "search index", _edited(chars_scrambled),
             frozenset({OK})),
        Case("chars-index-other-columns", "search index", _edited(chars_other_columns),
             frozenset({OK})),
        Case("fts-regular-table", "search index", _edited(regular)),
        Case("fts-content-view-randomblob", "search index",
             _edited(content_view("randomblob(8)"))),
        Case("fts-content-view-load-extension", "search index",
             _edited(content_view("load_extension('/tmp/evil.so')"))),
        Case("fts-shadow-scrambled", "search index", _edited(scrambled)),
        Case("fts-stale-index", "search index", _edited(stale)),
        Case("fts-unicode61-tokenizer", "search index", _edited(other_tokenizer)),
        Case("fts-is-an-rtree", "search index", _edited(rtree)),
        Case("fts-is-a-view", "search index", _edited(view)),
    ]


_LOCK_HOLDER = """
import sqlite3, sys
writer = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=0)
writer.execute("BEGIN EXCLUSIVE")
writer.execute("UPDATE facts SET label_en = label_en || ' (editing)'")
print("locked", flush=True)
sys.stdin.read()
writer.execute("ROLLBACK")
"""


@contextlib.contextmanager
def _holding_exclusive(path: Path) -> Iterator[None]:
    """Another process in the middle of a write transaction on `path`.

    A separate process, not a second connection here: POSIX locks belong to a process,
    and this process closing any handle on the file (hashing it, say) would drop them.
    """
    holder = subprocess.Popen(
        [sys.executable, "-c", _LOCK_HOLDER, str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
        if holder.stdout is not None:
            holder.stdout.close()


def _files_and_locks() -> list[Case]:
    @contextlib.contextmanager
    def wal(base: Path, folder: Path) -> Iterator[Path]:
        path = _copy(base, folder)
        connection = sqlite3.connect(path)
        connection.execute("PRAGMA journal_mode = WAL")
        connection.close()
        yield path

    @contextlib.contextmanager
    def wal_in_use(base: Path, folder: Path) -> Iterator[Path]:
        # Another program has the WAL database open (-wal and -shm exist) with a change
        # committed to the WAL but not yet checkpointed into the main file.
        path = _copy(base, folder)
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("PRAGMA journal_mode = WAL")
        other.execute("PRAGMA wal_autocheckpoint = 0")
        other.execute("UPDATE facts SET label_en = label_en || ' (committed in WAL)'")
        try:
            yield path
        finally:
            other.close()

    @contextlib.contextmanager
    def locked(base: Path, folder: Path) -> Iterator[Path]:
        path = _copy(base, folder)
        with _holding_exclusive(path):
            yield path

    @contextlib.contextmanager
    def read_only_file(base: Path, folder: Path) -> Iterator[Path]:
        path = _copy(base, folder)
        path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        try:
            yield path
        finally:
            path.chmod(stat.S_IRUSR | stat.S_IWUSR)

    @contextlib.contextmanager
    def read_only_folder(base: Path, folder: Path) -> Iterator[Path]:
        path = _copy(base, folder / "locked-folder")
        path.parent.chmod(stat.S_IRUSR | stat.S_IXUSR)
        try:
            yield path
        finally:
            path.parent.chmod(stat.S_IRWXU)

    @contextlib.contextmanager
    def wal_read_only_folder(base: Path, folder: Path) -> Iterator[Path]:
        with wal(base, folder / "ro") as path:
            path.parent.chmod(stat.S_IRUSR | stat.S_IXUSR)
            try:
                yield path
            finally:
                path.parent.chmod(stat.S_IRWXU)

    @contextlib.contextmanager
    def wal_left_behind(base: Path, folder: Path) -> Iterator[Path]:
        # Copied while another program had it open: the file and a -wal, but no -shm.
        source = _copy(base, folder / "source")
        writer = sqlite3.connect(source, isolation_level=None)
        try:
            writer.execute("PRAGMA journal_mode = WAL")
            writer.execute("PRAGMA wal_autocheckpoint = 0")
            writer.execute("UPDATE facts SET label_en = label_en || ' (in the WAL)'")
            path = folder / "bad.db"
            shutil.copyfile(source, path)
            shutil.copyfile(f"{source}-wal", f"{path}-wal")
        finally:
            writer.close()
        shutil.rmtree(folder / "source")
        yield path

    @contextlib.contextmanager
    def hot_journal(base: Path, folder: Path) -> Iterator[Path]:
        # A copy taken mid-transaction: the file plus a -journal that must be rolled back.
        source = _copy(base, folder / "source")
        writer = sqlite3.connect(source, isolation_level=None)
        try:
            writer.execute("PRAGMA cache_size = 1")  # spill: the journal is written now
            writer.execute("BEGIN")
            writer.execute("UPDATE facts SET label_en = label_en || randomblob(300)")
            path = folder / "bad.db"
            shutil.copyfile(source, path)
            shutil.copyfile(f"{source}-journal", f"{path}-journal")
            writer.execute("ROLLBACK")
        finally:
            writer.close()
        shutil.rmtree(folder / "source")
        yield path

    @contextlib.contextmanager
    def unreadable(base: Path, folder: Path) -> Iterator[Path]:
        path = _copy(base, folder)
        path.chmod(0)
        try:
            yield path
        finally:
            path.chmod(stat.S_IRUSR | stat.S_IWUSR)

    return [
        Case("wal-mode", "WAL / lock / permissions", wal, frozenset({OK})),
        Case("wal-in-use-by-another-program", "WAL / lock / permissions", wal_in_use,
             frozenset({OK})),
        Case("wal-mode-read-only-folder", "WAL / lock / permissions", wal_read_only_folder,
             frozenset({OK, REFUSED})),
        Case("locked-by-a-writer", "WAL / lock / permissions", locked, frozenset({REFUSED})),
        Case("wal-left-behind-without-shm", "WAL / lock / permissions", wal_left_behind,
             frozenset({OK})),
        Case("hot-journal", "WAL / lock / permissions", hot_journal, frozenset({REFUSED})),
        Case("read-only-file", "WAL / lock / permissions", read_only_file, frozenset({OK})),
        Case("read-only-folder", "WAL / lock / permissions", read_only_folder,
             frozenset({OK})),
        # Root reads anything, so as root this one simply opens.
        Case("unreadable-file", "WAL / lock / permissions", unreadable,
             frozenset({REFUSED, OK})),
    ]


def corpus(base: Path) -> list[Case]:
    """Every case, in a fixed order, for the database built at `base`."""
    size = base.stat().st_size
    cases = [
        Case("pristine", "control", lambda b, f: contextlib.nullcontext(_copy(b, f)),
             frozenset({OK})),
        *_truncations(size),
        *_flips(size),
        *_dropped_tables(),
        *_columns(),
        *_row_cases(base),
        *_huge_text(),
        *_markup(),
        *_versions(),
        *_other_schemas(),
        *_not_sqlite(),
        *_special_paths(),
        *_hostile(),
        *_search_index(),
        *_files_and_locks(),
    ]
    assert {case.category for case in cases} == set(CATEGORIES)
    names = [case.name for case in cases]
    duplicates = {name for name in names if names.count(name) > 1}
    assert not duplicates, f"duplicate case names: {sorted(duplicates)}"
    return cases
