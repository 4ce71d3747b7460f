"""Read the curated briefing files (TOML) into rows ready for the database.

The format is checked by `jhviewer.data.authoring` (imported here, so only building and
checking load the validation library); this module turns a checked document into rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jhviewer.data.errors import BriefingFormatError, SourceError
from jhviewer.data.schema import TABLES

Row = dict[str, Any]


@dataclass
class BriefingRows:
    """Every row one briefing file contributes, keyed by table name."""

    path: Path
    tables: dict[str, list[Row]] = field(default_factory=lambda: {name: [] for name in TABLES})

    @property
    def briefing_id(self) -> str:
        return str(self.tables["briefings"][0]["id"])

    @property
    def source_file(self) -> str:
        return str(self.tables["briefings"][0]["source_file"])


def source_paragraphs(text: str) -> list[str]:
    """The source's paragraphs: its non-empty lines, stripped. Paragraph N is item N-1."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def briefing_files(folder: Path) -> list[Path]:
    """The briefing files of a folder (`*.toml`), in file-name order."""
    return sorted(folder.glob("*.toml"))


def load_briefings(paths: list[Path]) -> list[BriefingRows]:
    """Load and check several briefing files; every problem of every file is reported.

    Raises BriefingFormatError listing one line per problem, including two files that
    declare the same briefing id.
    """
    loaded: list[BriefingRows] = []
    problems: list[str] = []
    for path in paths:
        try:
            loaded.append(load_briefing(path))
        except BriefingFormatError as error:
            problems += error.problems
    owners: dict[str, Path] = {}
    for rows in loaded:
        first = owners.setdefault(rows.briefing_id, rows.path)
        if first != rows.path:
            problems.append(
                f"{rows.path.name}: briefing.id: {rows.briefing_id!r} is already the id of "
                f"{first.name}"
            )
    if problems:
        raise BriefingFormatError(problems)
    return loaded


def load_briefing(path: Path) -> BriefingRows:
    """Parse and check one briefing file; ids become `<briefing id>/<local id>`.

    Raises BriefingFormatError (one line per problem, with file, line and key path).
    """
    from jhviewer.data.authoring import validate_document

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise BriefingFormatError([f"{path.name}: cannot read: {error}"]) from error
    return _rows_from_document(path, validate_document(path, text).model_dump())


def _rows_from_document(path: Path, document: dict[str, Any]) -> BriefingRows:
    rows = BriefingRows(path)
    briefing = dict(document["briefing"])
    briefing_id = str(briefing["id"])
    structure = document.get("structure") or {}
    briefing["structure_title_zh"] = structure.get("title_zh")
    briefing["structure_title_en"] = structure.get("title_en")
    rows.tables["briefings"].append(_only_columns("briefings", briefing))

    def qualified(local: str | None) -> str | None:
        return None if local is None else f"{briefing_id}/{local}"

    for unit in document["units"]:
        rows.tables["units"].append(
            _only_columns("units", {**unit, "counter": int(unit["counter"])})
        )
    for position, section in enumerate(document["sections"], start=1):
        rows.tables["sections"].append(_only_columns("sections", {
            **section, "id": qualified(section["id"]), "briefing_id": briefing_id,
            "position": position,
        }))
    for entity in document["entities"]:
        rows.tables["entities"].append(_only_columns("entities", {
            **entity, "id": qualified(entity["id"]), "briefing_id": briefing_id,
        }))
    for position, fact in enumerate(document["facts"], start=1):
        fact_id = qualified(fact["id"])
        rows.tables["facts"].append(_only_columns("facts", {
            **fact,
            "id": fact_id,
            "briefing_id": briefing_id,
            "section_id": qualified(fact["section"]),
            "position": position,
            "unit_id": fact["unit"],
            "target_group": fact["group"],
            "estimated": int(fact["estimated"]),
        }))
        rows.tables["fact_entities"] += [
            {"fact_id": fact_id, "entity_id": qualified(key)} for key in fact["entities"]
        ]
    for position, tier in enumerate(structure.get("tiers", []), start=1):
        tier_id = qualified(tier["id"])
        rows.tables["tiers"].append(_only_columns("tiers", {
            **tier, "id": tier_id, "briefing_id": briefing_id, "position": position,
            "fact_id": qualified(tier["fact"]),
        }))
        rows.tables["tier_entities"] += [
            {"tier_id": tier_id, "entity_id": qualified(key), "position": index}
            for index, key in enumerate(tier["entities"], start=1)
        ]
    for position, chart in enumerate(document["charts"], start=1):
        chart_id = qualified(chart["id"])
        rows.tables["charts"].append(_only_columns("charts", {
            **chart, "id": chart_id, "briefing_id": briefing_id, "position": position,
            "unit_id": chart["unit"], "total_fact_id": qualified(chart["total"]),
        }))
        rows.tables["chart_facts"] += [
            {"chart_id": chart_id, "fact_id": qualified(key), "position": index}
            for index, key in enumerate(chart["facts"], start=1)
        ]
    return rows


def _only_columns(table: str, values: dict[str, Any]) -> Row:
    """A row with exactly the table's columns, in schema order; absent keys become NULL."""
    return {column: values.get(column) for column in TABLES[table]}


__all__ = [
    "BriefingRows",
    "SourceError",
    "briefing_files",
    "load_briefing",
    "load_briefings",
    "source_paragraphs",
]
