"""The read-only store: opens a database safely and returns typed records.

Everything the GUI, the printout and the CLI show comes through `Store`. It never writes:
the connection is opened with `mode=ro` and `query_only`, and a file other than the
shipped `data.db` is also integrity-checked, held to lower SQLite limits and given a time
budget per query, so a hostile or broken file can neither run code nor hang the app.
"""

from __future__ import annotations

import math
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from jhviewer.data import errors
from jhviewer.data.records import (
    Briefing,
    ComparablePair,
    Entity,
    Fact,
    FactFilter,
    RowProblem,
    SearchHit,
    Section,
    Unit,
)
from jhviewer.data.schema import SCHEMA_VERSION, TABLES
from jhviewer.data.search import find_fact_ids, locate_match
from jhviewer.paths import DEFAULT_DB, is_builtin_db

QUERY_SECONDS = 2.0
MAX_TEXT_CHARS = 4000
_PROGRESS_EVERY_N_OPS = 20_000

# Limits for files other than the shipped one (sqlite3.SQLITE_LIMIT_* -> value).
_UNTRUSTED_LIMITS = {
    "SQLITE_LIMIT_LENGTH": 20_000_000,
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
        self._units: dict[str, Unit] | None = None
        self._sections: dict[str, Section] | None = None

    # --- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str | None = None) -> Store:
        """Open `path` (the shipped `data.db` when None) read-only, or raise a DatabaseError."""
        db_path = Path(path) if path is not None else DEFAULT_DB
        _check_file(db_path)
        trusted = is_builtin_db(db_path)
        connection = _connect_read_only(db_path)
        store = cls(db_path, connection, trusted)
        try:
            store._prepare()
        except BaseException:
            connection.close()
            raise
        return store

    def _prepare(self) -> None:
        connection = self._connection
        connection.set_progress_handler(self._over_time, _PROGRESS_EVERY_N_OPS)
        if not self.trusted:
            for name, value in _UNTRUSTED_LIMITS.items():
                connection.setlimit(getattr(sqlite3, name), value)
        with self._query():
            connection.execute("PRAGMA trusted_schema = OFF")
            connection.execute("PRAGMA query_only = ON")
            if not self.trusted:
                verdict = connection.execute("PRAGMA quick_check(1)").fetchone()[0]
                if verdict != "ok":
                    raise errors.CorruptDatabaseError(
                        f"{self.path.name} is damaged (SQLite integrity check: {verdict})."
                    )
        self._check_schema()

    def _check_schema(self) -> None:
        with self._query():
            version = self._connection.execute("PRAGMA user_version").fetchone()[0]
            tables = {
                name: kind
                for name, kind in self._connection.execute(
                    "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')"
                )
            }
        if not tables:
            raise errors.SchemaError(
                f"{self.path.name} is an empty SQLite database, not a briefing."
            )
        if "facts" not in tables and version == 0:
            raise errors.SchemaError(
                f"{self.path.name} is a SQLite database of another kind, not a jhviewer briefing."
            )
        if version != SCHEMA_VERSION:
            age = "an older" if version < SCHEMA_VERSION else "a newer"
            raise errors.SchemaError(
                f"{self.path.name} was made by {age} version of jhviewer "
                f"(format {version}; this version reads format {SCHEMA_VERSION})."
            )
        for table, columns in TABLES.items():
            if tables.get(table) != "table":
                raise errors.SchemaError(f"{self.path.name} has no {table} table.")
            present = self._columns(table)
            missing = [column for column in columns if column not in present]
            if missing:
                raise errors.SchemaError(
                    f"{self.path.name}: the {table} table lacks {', '.join(missing)}."
                )

    def _columns(self, table: str) -> set[str]:
        with self._query():
            return {row[1] for row in self._connection.execute(f"PRAGMA table_info({table})")}

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- query plumbing ------------------------------------------------------------------

    def _over_time(self) -> int:
        return 1 if time.monotonic() > self._deadline else 0

    @contextmanager
    def _query(self) -> Iterator[None]:
        """Run the block under the per-query time budget, mapping SQLite errors to ours."""
        self._deadline = time.monotonic() + QUERY_SECONDS
        try:
            yield
        except sqlite3.Error as error:
            raise _translate(error, self.path) from error
        finally:
            self._deadline = math.inf

    def rows(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        """Run a read-only query for the data layer (validation); the GUI uses records."""
        with self._query():
            cursor = self._connection.execute(sql, parameters)
            cursor.row_factory = sqlite3.Row
            return cursor.fetchall()

    def _records(
        self, table: str, sql: str, parameters: tuple[Any, ...], build: Callable[[sqlite3.Row], Any]
    ) -> list[Any]:
        """Build a record per row; a row that does not fit is skipped and noted in `problems`."""
        records = []
        for row in self.rows(sql, parameters):
            try:
                records.append(build(row))
            except (TypeError, ValueError) as error:
                self._note_problem(table, row, str(error))
        return records

    def _note_problem(self, table: str, row: sqlite3.Row, reason: str) -> None:
        row_id = _clip(row["id"]) if "id" in row.keys() else "?"  # noqa: SIM118 - Row `in` tests values
        problem = RowProblem(table, str(row_id), reason)
        if problem not in self.problems:
            self.problems.append(problem)

    # --- records ---------------------------------------------------------------------------

    def schema_version(self) -> int:
        with self._query():
            return int(self._connection.execute("PRAGMA user_version").fetchone()[0])

    def briefings(self) -> list[Briefing]:
        return self._records(
            "briefings", _select("briefings") + " ORDER BY year, id", (), _briefing_from_row
        )

    def briefing(self, briefing_id: str | None = None) -> Briefing | None:
        """The briefing with this id, or the latest one when no id is given."""
        briefings = self.briefings()
        if briefing_id is None:
            return briefings[-1] if briefings else None
        return next((b for b in briefings if b.id == briefing_id), None)

    def units(self) -> dict[str, Unit]:
        if self._units is None:
            units = self._records("units", _select("units"), (), _unit_from_row)
            self._units = {unit.id: unit for unit in units}
        return self._units

    def sections(self, briefing_id: str | None = None) -> list[Section]:
        if self._sections is None:
            sections = self._records(
                "sections", _select("sections") + " ORDER BY briefing_id, position",
                (), _section_from_row,
            )
            self._sections = {section.id: section for section in sections}
        return [s for s in self._sections.values() if briefing_id in (None, s.briefing_id)]

    def section(self, section_id: str) -> Section | None:
        self.sections()
        assert self._sections is not None
        return self._sections.get(section_id)

    def facts(
        self, where: FactFilter | None = None, offset: int = 0, limit: int | None = None
    ) -> list[Fact]:
        """Facts in source order, filtered; `offset`/`limit` page through large databases."""
        clause, parameters = _fact_where(where or FactFilter())
        sql = f"{_select('facts')}{clause} ORDER BY briefing_id, position, id LIMIT ? OFFSET ?"
        units = self.units()
        return self._records(
            "facts", sql, (*parameters, -1 if limit is None else limit, offset),
            lambda row: _fact_from_row(row, units),
        )

    def count_facts(self, where: FactFilter | None = None) -> int:
        clause, parameters = _fact_where(where or FactFilter())
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
                lambda row: _fact_from_row(row, units),
            ):
                found[fact.id] = fact
        return [found[fact_id] for fact_id in fact_ids if fact_id in found]

    def fact(self, fact_id: str) -> Fact | None:
        facts = self.facts_by_ids([fact_id])
        return facts[0] if facts else None

    def years(self, briefing_id: str | None = None) -> list[int]:
        clause, parameters = _fact_where(FactFilter(briefing_id=briefing_id))
        with self._query():
            rows = self._connection.execute(
                f"SELECT DISTINCT year FROM facts{clause} ORDER BY year", parameters
            ).fetchall()
        return [row[0] for row in rows if isinstance(row[0], int)]

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
        facts = self.facts(FactFilter(briefing_id=briefing.id))
        return sorted((f for f in facts if f.headline is not None), key=lambda f: f.headline or 0)

    def entities(self, briefing_id: str | None = None) -> list[Entity]:
        sql = _select("entities")
        parameters: tuple[Any, ...] = ()
        if briefing_id is not None:
            sql += " WHERE briefing_id = ?"
            parameters = (briefing_id,)
        return self._records("entities", sql + " ORDER BY rowid", parameters, _entity_from_row)

    def entities_for(self, fact_id: str) -> list[Entity]:
        sql = (
            f"{_select('entities', 'e')} JOIN fact_entities AS l ON l.entity_id = e.id "
            "WHERE l.fact_id = ? ORDER BY e.rowid"
        )
        return self._records("entities", sql, (fact_id,), _entity_from_row)

    def comparable_pairs(self, briefing_id: str | None = None) -> list[ComparablePair]:
        """Each indicator that has both a result and a later target, in source order."""
        facts = [f for f in self.facts(FactFilter(briefing_id=briefing_id)) if f.indicator]
        pairs = []
        for fact in facts:
            if fact.kind != "target":
                continue
            earlier = [
                f for f in facts
                if f.indicator == fact.indicator and f.kind == "result" and f.year < fact.year
            ]
            if earlier:
                pairs.append(ComparablePair(fact.indicator or "", earlier[-1], fact))
        return pairs

    def search(self, query: str, limit: int = 200) -> list[SearchHit]:
        """Facts matching `query` in Chinese or English, best first, with the matching span."""
        with self._query():
            ranked_ids = find_fact_ids(self._connection, query, limit)
        return [locate_match(fact, query) for fact in self.facts_by_ids(ranked_ids)]

    def scan_problems(self) -> list[RowProblem]:
        """Read every row of every table once, so `problems` lists all unreadable rows."""
        self.units()
        self.briefings()
        self.sections()
        self.entities()
        offset = 0
        while self.facts(offset=offset, limit=5000):
            offset += 5000
        return list(self.problems)


# --- helpers -----------------------------------------------------------------------------


def _check_file(path: Path) -> None:
    if not path.exists():
        raise errors.DatabaseNotFoundError(f"There is no file at {path}.")
    if path.is_dir():
        raise errors.NotADatabaseError(f"{path} is a folder, not a database file.")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as error:
        raise errors.DatabaseError(f"Cannot read {path}: {error.strerror or error}.") from error
    if size == 0:
        raise errors.NotADatabaseError(f"{path.name} is empty.")
    if header != b"SQLite format 3\x00":
        raise errors.NotADatabaseError(f"{path.name} is not a SQLite database.")


def _connect_read_only(path: Path) -> sqlite3.Connection:
    uri = path.resolve().as_uri() + "?mode=ro"
    try:
        return sqlite3.connect(uri, uri=True, timeout=1.0, check_same_thread=False)
    except sqlite3.Error as error:
        raise _translate(error, path) from error


def _translate(error: sqlite3.Error, path: Path) -> errors.DatabaseError:
    text = str(error).lower()
    name = path.name
    if "interrupted" in text:
        return errors.QueryTimeoutError(f"Reading {name} took too long and was stopped.")
    if "locked" in text or "busy" in text:
        return errors.DatabaseBusyError(
            f"{name} is being changed by another program. Try again in a moment."
        )
    if "not a database" in text or "file is encrypted" in text:
        return errors.NotADatabaseError(f"{name} is not a SQLite database.")
    if "malformed" in text or "corrupt" in text:
        return errors.CorruptDatabaseError(f"{name} is damaged and cannot be read.")
    if "no such" in text:
        return errors.SchemaError(f"{name} is not a complete jhviewer database ({error}).")
    if "unable to open" in text:
        return errors.DatabaseError(f"Cannot open {name}: the file or its folder is not readable.")
    return errors.DatabaseError(f"Cannot read {name}: {error}.")


def _select(table: str, alias: str | None = None) -> str:
    """SELECT of the schema's columns; text columns are clipped so huge values stay cheap."""
    prefix = f"{alias}." if alias else ""
    parts = []
    for column, kind in TABLES[table].items():
        if kind is str:
            parts.append(f"substr({prefix}{column}, 1, {MAX_TEXT_CHARS}) AS {column}")
        else:
            parts.append(f"{prefix}{column}")
    source = f"{table} AS {alias}" if alias else table
    return f"SELECT {', '.join(parts)} FROM {source}"


def _fact_where(where: FactFilter) -> tuple[str, tuple[Any, ...]]:
    conditions = []
    parameters: list[Any] = []
    for column, value in (
        ("briefing_id", where.briefing_id),
        ("section_id", where.section_id),
        ("kind", where.kind),
        ("year", where.year),
    ):
        if value is not None:
            conditions.append(f"{column} = ?")
            parameters.append(value)
    clause = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    return clause, tuple(parameters)


def _clip(value: object, limit: int = 80) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _text(row: sqlite3.Row, column: str) -> str:
    value = row[column]
    if value is None:
        raise ValueError(f"{column} is missing")
    if isinstance(value, bytes):
        raise ValueError(f"{column} holds binary data")
    return str(value)


def _optional_text(row: sqlite3.Row, column: str) -> str | None:
    value = row[column]
    return None if value is None or value == "" else _text(row, column)


def _integer(row: sqlite3.Row, column: str) -> int:
    value = row[column]
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{column} is not a whole number ({_clip(value, 20)})")
    if abs(value) > 10**9:
        raise ValueError(f"{column} is out of range ({_clip(value, 20)})")
    return value


def _optional_integer(row: sqlite3.Row, column: str) -> int | None:
    return None if row[column] is None else _integer(row, column)


def _number(row: sqlite3.Row, column: str) -> float | None:
    value = row[column]
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{column} is not a number ({_clip(value, 20)})")
    number = float(value)
    if not math.isfinite(number) or abs(number) > 1e15:
        raise ValueError(f"{column} is out of range ({_clip(value, 20)})")
    return number


def _briefing_from_row(row: sqlite3.Row) -> Briefing:
    return Briefing(
        id=_text(row, "id"),
        district_zh=_text(row, "district_zh"),
        district_en=_text(row, "district_en"),
        city_zh=_text(row, "city_zh"),
        city_en=_text(row, "city_en"),
        title_zh=_text(row, "title_zh"),
        title_en=_text(row, "title_en"),
        publisher_zh=_text(row, "publisher_zh"),
        publisher_en=_text(row, "publisher_en"),
        year=_integer(row, "year"),
        source_zh=_text(row, "source_zh"),
        source_en=_text(row, "source_en"),
        source_file=_text(row, "source_file"),
    )


def _unit_from_row(row: sqlite3.Row) -> Unit:
    scale = _number(row, "scale")
    if scale is None or scale <= 0:
        raise ValueError("scale must be a positive number")
    return Unit(
        id=_text(row, "id"),
        zh=_text(row, "zh"),
        en=_text(row, "en"),
        scale=scale,
        base_en=_text(row, "base_en"),
        counter=bool(_integer(row, "counter")),
    )


def _section_from_row(row: sqlite3.Row) -> Section:
    return Section(
        id=_text(row, "id"),
        briefing_id=_text(row, "briefing_id"),
        position=_integer(row, "position"),
        title_zh=_text(row, "title_zh"),
        title_en=_text(row, "title_en"),
        summary_zh=_text(row, "summary_zh"),
        summary_en=_text(row, "summary_en"),
        heading=_optional_text(row, "heading") or "",
    )


def _entity_from_row(row: sqlite3.Row) -> Entity:
    return Entity(
        id=_text(row, "id"),
        briefing_id=_text(row, "briefing_id"),
        type=_text(row, "type"),
        name_zh=_text(row, "name_zh"),
        name_en=_text(row, "name_en"),
    )


def _fact_from_row(row: sqlite3.Row, units: dict[str, Unit]) -> Fact:
    unit_id = _optional_text(row, "unit_id")
    return Fact(
        id=_text(row, "id"),
        briefing_id=_text(row, "briefing_id"),
        section_id=_text(row, "section_id"),
        position=_integer(row, "position"),
        kind=_text(row, "kind"),
        year=_integer(row, "year"),
        date=_optional_text(row, "date"),
        indicator=_optional_text(row, "indicator"),
        label_zh=_text(row, "label_zh"),
        label_en=_text(row, "label_en"),
        value=_number(row, "value"),
        unit=units.get(unit_id) if unit_id else None,
        qualifier=_optional_text(row, "qualifier"),
        description_zh=_text(row, "description_zh"),
        description_en=_text(row, "description_en"),
        evidence=_text(row, "evidence"),
        paragraph=_integer(row, "paragraph"),
        target_group=_optional_integer(row, "target_group"),
        headline=_optional_integer(row, "headline"),
    )
