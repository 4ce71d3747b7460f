"""`jhviewer check`: every problem in a database, one sentence each."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from jhviewer.data.errors import DatabaseError, SourceError, ValueTooLargeError
from jhviewer.data.records import FactFilter
from jhviewer.data.safe_read import read_text_file
from jhviewer.data.schema import (
    ENTITY_TYPES,
    FOREIGN_KEYS,
    FTS_TABLE,
    KINDS,
    NOT_NULL,
    PRIMARY_KEYS,
    QUALIFIERS,
    TABLES,
    WORDED_KINDS,
)
from jhviewer.data.source import source_paragraphs
from jhviewer.data.store import Store

# Empty sections named one by one in `check`, before "and N more".
WARNINGS_NAMED = 20


def check_database(
    db_path: Path | None, sources_dir: Path | None = None, warnings: list[str] | None = None
) -> list[str]:
    """Problems found in the database, and against the source texts when `sources_dir` is
    given: each briefing's evidence is looked up in its own `source_file` in that folder,
    and a briefing whose source file is not there is a problem.

    Things that are allowed but probably a mistake (sections without facts) are appended
    to `warnings` when a list is given. A file that cannot be opened at all raises
    DatabaseError, like every other command, so the CLI reports it as one line on stderr
    rather than as a list of problems.
    """
    with Store.open(db_path) as store, store.snapshot():
        problems = _structural_problems(store)
        problems += [f"unreadable row: {problem}" for problem in store.scan_problems()]
        problems += _glyph_problems(store)
        if sources_dir is not None:
            for briefing in store.briefings():
                problems += _evidence_problems(
                    store, briefing.id, sources_dir / briefing.source_file
                )
        if warnings is not None:
            warnings += [_one_line(warning) for warning in _empty_sections(store)]
    return [_one_line(problem) for problem in problems]


def _empty_sections(store: Store) -> list[str]:
    """One line per section without facts (a heading with nothing under it), capped."""
    rows = _tolerant_rows(
        store,
        "SELECT substr(s.id, 1, 80) FROM sections AS s WHERE NOT EXISTS "
        "(SELECT 1 FROM facts AS f WHERE f.section_id = s.id) ORDER BY s.briefing_id, s.position",
    )
    lines = [f"section {row[0]} has no facts: its heading would stand alone in the printout"
             for row in rows[:WARNINGS_NAMED]]
    if len(rows) > WARNINGS_NAMED:
        lines.append(f"and {len(rows) - WARNINGS_NAMED:,} more sections without facts")
    return lines


def _tolerant_rows(
    store: Store, sql: str, parameters: tuple[object, ...] = ()
) -> list[sqlite3.Row]:
    """`store.rows`, or [] when a value over the length limit stops the query: that row is
    named among the unreadable rows instead."""
    try:
        return store.rows(sql, parameters)
    except ValueTooLargeError:
        return []


def _one_line(problem: str, limit: int = 300) -> str:
    """A problem as one line of sensible length, whatever text the database holds."""
    line = " ".join(problem.split())
    return line if len(line) <= limit else f"{line[:200]} … {line[-80:]}"


_WORDED_MARKS = ",".join("?" * len(WORDED_KINDS))
# (query, its parameters, the problem) for facts that break a rule of the model; the
# message is formatted with the row (its id first).
_FACT_RULES: tuple[tuple[str, tuple[object, ...], str], ...] = (
    ("SELECT id FROM facts WHERE value IS NOT NULL AND (unit_id IS NULL OR unit_id = '')",
     (), "fact {0}: a number without a unit"),
    ("SELECT id FROM facts WHERE value IS NULL AND qualifier IS NOT NULL",
     (), "fact {0}: a qualifier without a number"),
    ("SELECT id FROM facts WHERE value IS NOT NULL AND "
     "(claim_zh IS NOT NULL OR claim_en IS NOT NULL)",
     (), "fact {0}: both a number and a claim in words"),
    ("SELECT id FROM facts WHERE (claim_zh IS NULL) != (claim_en IS NULL)",
     (), "fact {0}: a claim in one language only"),
    (f"SELECT id, kind FROM facts WHERE kind IN ({_WORDED_MARKS}) AND "
     "(value IS NOT NULL OR claim_zh IS NULL)",
     tuple(WORDED_KINDS), "fact {0}: a {1} is a claim in words, not a number"),
    ("SELECT id FROM facts WHERE estimated = 1 AND value IS NULL",
     (), "fact {0}: an estimate without a number"),
    ("SELECT f.id FROM facts AS f LEFT JOIN units AS u ON u.id = f.unit_id "
     "WHERE f.noun_en IS NOT NULL AND NOT coalesce(u.counter, 0)",
     (), "fact {0}: an English noun for a unit that is not a counter"),
    ("SELECT id FROM facts WHERE estimated NOT IN (0, 1)",
     (), "fact {0}: estimated is neither 0 nor 1"),
    ("SELECT id FROM facts WHERE kind = 'target' AND target_group IS NULL",
     (), "fact {0}: a target outside any group of the targets summary"),
)


def _structural_problems(store: Store) -> list[str]:
    problems = []
    for table in TABLES:
        key = PRIMARY_KEYS[table]
        key_sql = key if isinstance(key, str) else ", ".join(key)
        for row in _tolerant_rows(
            store,
            f"SELECT {key_sql}, count(*) FROM {table} GROUP BY {key_sql} HAVING count(*) > 1"
        ):
            problems.append(f"{table}: duplicate id {tuple(row)[:-1]}")
        for column in sorted(NOT_NULL[table]):
            for row in _tolerant_rows(
                store,
                f"SELECT rowid FROM {table} WHERE {column} IS NULL OR {column} = '' LIMIT 50"
            ):
                problems.append(f"{table} row {row[0]}: missing {column}")
        for column, other, other_column in FOREIGN_KEYS.get(table, []):
            for row in _tolerant_rows(
                store,
                f"SELECT t.rowid, t.{column} FROM {table} AS t LEFT JOIN {other} AS o "
                f"ON o.{other_column} = t.{column} "
                f"WHERE t.{column} IS NOT NULL AND o.{other_column} IS NULL LIMIT 50"
            ):
                problems.append(f"{table} row {row[0]}: {column} {row[1]!r} links to nothing")
    problems += _vocabulary_problems(store)
    for sql, parameters, message in _FACT_RULES:
        for row in _tolerant_rows(store, sql, parameters):
            problems.append(message.format(*row))
    fact_count = store.rows("SELECT count(*) FROM facts")[0][0]
    try:
        fts_count = store.rows(f"SELECT count(*) FROM {FTS_TABLE}")[0][0]
    except DatabaseError as error:  # search still works without it, only slower
        problems.append(f"search index {FTS_TABLE} is missing or unreadable: {error}")
    else:
        if fts_count != fact_count:
            problems.append(
                f"search index holds {fts_count} facts, the facts table {fact_count}"
            )
    return problems


def _glyph_problems(store: Store) -> list[str]:
    """One line per character of the database's text that the bundled font cannot draw
    (it would print as a box, or in a system font's glyph forms), with where it is first."""
    from jhviewer.data.glyphs import FontFileError, bundled_code_points, missing_characters

    try:
        covered = bundled_code_points()
    except (OSError, FontFileError) as error:
        return [f"cannot read the bundled font: {error}"]
    first_seen: dict[str, str] = {}
    for table, columns in TABLES.items():
        names = [name for name, kind in columns.items() if kind is str]
        key = PRIMARY_KEYS[table]
        key_sql = key if isinstance(key, str) else " || '/' || ".join(key)
        # tolerant: a value over the length limit is named among the unreadable rows
        for row in _tolerant_rows(store, f"SELECT {key_sql}, {', '.join(names)} FROM {table}"):
            for name, value in zip(names, tuple(row)[1:], strict=True):
                if not isinstance(value, str):
                    continue
                for char in missing_characters([value], covered):
                    first_seen.setdefault(char, f"{table} {row[0]} {name}")
    return [
        f"character {char} (U+{ord(char):04X}) is not in the bundled font (first in {where}); "
        "run ./dev fonts to re-cut it"
        for char, where in first_seen.items()
    ]


def _vocabulary_problems(store: Store) -> list[str]:
    problems = []
    for table, column, allowed in (
        ("facts", "kind", KINDS),
        ("facts", "qualifier", QUALIFIERS),
        ("entities", "type", ENTITY_TYPES),
    ):
        marks = ",".join("?" * len(allowed))
        for row in _tolerant_rows(
            store,
            f"SELECT id, {column} FROM {table} WHERE {column} IS NOT NULL "
            f"AND {column} NOT IN ({marks})", tuple(allowed)
        ):
            problems.append(f"{table} {row[0]}: unknown {column} {row[1]!r}")
    return problems


def _evidence_problems(store: Store, briefing_id: str, source_path: Path) -> list[str]:
    if not source_path.exists() and not source_path.is_symlink():
        return [f"briefing {briefing_id}: its source file {source_path.name} is not in "
                f"{source_path.parent}"]
    try:
        text = read_text_file(source_path)  # a regular file, size-limited, BOM accepted
    except SourceError as error:
        return [f"briefing {briefing_id}: cannot read the source text: {error}"]
    paragraphs = source_paragraphs(text)
    problems = []
    # Records, not raw rows: a value over the length limit is one unreadable row (named
    # above), not the end of the check.
    for fact in store.facts(FactFilter(briefing_id=briefing_id)):
        fact_id, evidence, paragraph = fact.id, fact.evidence, fact.paragraph
        qualifier = fact.qualifier
        if qualifier and evidence and qualifier not in evidence:
            problems.append(f"fact {fact_id}: the qualifier {qualifier!r} is not in its evidence")
        if not evidence or evidence not in text:
            problems.append(f"fact {fact_id}: evidence not found in the source: {evidence!r}")
        elif not isinstance(paragraph, int) or not 1 <= paragraph <= len(paragraphs):
            problems.append(f"fact {fact_id}: paragraph {paragraph!r} is not in the source")
        elif evidence not in paragraphs[paragraph - 1]:
            problems.append(f"fact {fact_id}: evidence is not in paragraph {paragraph}")
    return problems
