"""Read the curated briefing files (TOML) into rows ready for the database."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jhviewer.data.errors import SourceError
from jhviewer.data.schema import TABLES

Row = dict[str, Any]


@dataclass
class BriefingRows:
    """Every row one briefing file contributes, keyed by table name."""

    path: Path
    tables: dict[str, list[Row]] = field(default_factory=lambda: {name: [] for name in TABLES})


def source_paragraphs(text: str) -> list[str]:
    """The source's paragraphs: its non-empty lines, stripped. Paragraph N is item N-1."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def briefing_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.toml"))


def load_briefing(path: Path) -> BriefingRows:
    """Parse one briefing file; ids become `<briefing id>/<local id>`."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise SourceError(f"Cannot read {path.name}: {error}") from error
    try:
        return _rows_from_document(path, document)
    except (KeyError, TypeError, ValueError) as error:
        raise SourceError(f"{path.name}: malformed entry ({error!r})") from error


def _rows_from_document(path: Path, document: dict[str, Any]) -> BriefingRows:
    rows = BriefingRows(path)
    briefing = dict(document["briefing"])
    briefing_id = str(briefing["id"])
    rows.tables["briefings"].append(_only_columns("briefings", briefing))
    for unit in document.get("units", []):
        rows.tables["units"].append(
            _only_columns(
                "units",
                {**unit, "scale": float(unit["scale"]), "counter": int(unit.get("counter", False))},
            )
        )
    for position, section in enumerate(document.get("sections", []), start=1):
        rows.tables["sections"].append(
            _only_columns(
                "sections",
                {
                    **section,
                    "id": f"{briefing_id}/{section['id']}",
                    "briefing_id": briefing_id,
                    "position": position,
                },
            )
        )
    for entity in document.get("entities", []):
        rows.tables["entities"].append(
            _only_columns(
                "entities",
                {**entity, "id": f"{briefing_id}/{entity['id']}", "briefing_id": briefing_id},
            )
        )
    for position, fact in enumerate(document.get("facts", []), start=1):
        fact_id = f"{briefing_id}/{fact['id']}"
        value = fact.get("value")
        rows.tables["facts"].append(
            _only_columns(
                "facts",
                {
                    **fact,
                    "id": fact_id,
                    "briefing_id": briefing_id,
                    "section_id": f"{briefing_id}/{fact['section']}",
                    "position": position,
                    "value": None if value is None else float(value),
                    "unit_id": fact.get("unit"),
                    "target_group": fact.get("group"),
                    "estimated": int(bool(fact.get("estimated", False))),
                },
            )
        )
        for entity_key in fact.get("entities", []):
            rows.tables["fact_entities"].append(
                {"fact_id": fact_id, "entity_id": f"{briefing_id}/{entity_key}"}
            )
    return rows


def _only_columns(table: str, values: dict[str, Any]) -> Row:
    """A row with exactly the table's columns, in schema order; absent keys become NULL."""
    return {column: values.get(column) for column in TABLES[table]}
