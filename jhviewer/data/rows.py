"""Rows to records: every column of a row checked for its type and range, so a damaged
or hostile row becomes a named problem (ValueError/TypeError) instead of a wrong record.

`fact_from_row` takes a fast path for a well-formed row (`well_formed_fact`, a third of
the cost, for search as you type) and otherwise `plain_fact`, the reference: a property
test (tests/test_rows.py) proves the two agree. No Qt.
"""

from __future__ import annotations

import math
import sqlite3

from jhviewer.data.records import (
    Briefing,
    ChartSpec,
    Entity,
    Fact,
    Section,
    Tier,
    Unit,
)
from jhviewer.data.schema import (
    CHART_TYPES,
    TABLES,
)
from jhviewer.data.textsafe import has_bidi_controls, strip_bidi


def clip(value: object, limit: int = 80) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def text(row: sqlite3.Row, column: str) -> str:
    value = row[column]
    if value is None:
        raise ValueError(f"{column} is missing")
    if value == b"\x00":
        raise ValueError(f"{column} holds a NUL character, which would hide the text after it")
    if isinstance(value, bytes):
        raise ValueError(f"{column} holds binary data")
    return str(value) if column.endswith("id") else strip_bidi(str(value))


def optional_text(row: sqlite3.Row, column: str) -> str | None:
    value = row[column]
    return None if value is None or value == "" else text(row, column)


def integer(row: sqlite3.Row, column: str) -> int:
    value = row[column]
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{column} is not a whole number ({clip(value, 20)})")
    if abs(value) > 10**9:
        raise ValueError(f"{column} is out of range ({clip(value, 20)})")
    return value


def optional_integer(row: sqlite3.Row, column: str) -> int | None:
    return None if row[column] is None else integer(row, column)


def number(row: sqlite3.Row, column: str) -> float | None:
    value = row[column]
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{column} is not a number ({clip(value, 20)})")
    number = float(value)
    if not math.isfinite(number) or abs(number) > 1e15:
        raise ValueError(f"{column} is out of range ({clip(value, 20)})")
    return number


def briefing_from_row(row: sqlite3.Row) -> Briefing:
    return Briefing(
        id=text(row, "id"),
        district_zh=text(row, "district_zh"),
        district_en=text(row, "district_en"),
        city_zh=text(row, "city_zh"),
        city_en=text(row, "city_en"),
        title_zh=text(row, "title_zh"),
        title_en=text(row, "title_en"),
        publisher_zh=text(row, "publisher_zh"),
        publisher_en=text(row, "publisher_en"),
        year=integer(row, "year"),
        source_zh=text(row, "source_zh"),
        source_en=text(row, "source_en"),
        source_file=text(row, "source_file"),
        district_id=text(row, "district_id"),
        short_name=text(row, "short_name"),
        about_zh=text(row, "about_zh"),
        about_en=text(row, "about_en"),
        targets_title_zh=text(row, "targets_title_zh"),
        targets_title_en=text(row, "targets_title_en"),
        structure_title_zh=optional_text(row, "structure_title_zh"),
        structure_title_en=optional_text(row, "structure_title_en"),
    )


def tier_from_row(row: sqlite3.Row, entities: list[Entity]) -> Tier:
    return Tier(
        id=text(row, "id"),
        briefing_id=text(row, "briefing_id"),
        position=integer(row, "position"),
        title_zh=text(row, "title_zh"),
        title_en=text(row, "title_en"),
        fact_id=optional_text(row, "fact_id"),
        entities=tuple(entities),
    )


def chart_from_row(row: sqlite3.Row, fact_ids: tuple[str, ...]) -> ChartSpec:
    chart_type = text(row, "type")
    if chart_type not in CHART_TYPES:
        raise ValueError(f"unknown chart type {clip(chart_type, 30)!r}")
    return ChartSpec(
        id=text(row, "id"),
        briefing_id=text(row, "briefing_id"),
        position=integer(row, "position"),
        type=chart_type,
        title_zh=text(row, "title_zh"),
        title_en=text(row, "title_en"),
        subtitle_zh=optional_text(row, "subtitle_zh") or "",
        subtitle_en=optional_text(row, "subtitle_en") or "",
        kind=optional_text(row, "kind"),
        unit_id=optional_text(row, "unit_id"),
        indicator=optional_text(row, "indicator"),
        total_fact_id=optional_text(row, "total_fact_id"),
        remainder_zh=optional_text(row, "remainder_zh") or "",
        remainder_en=optional_text(row, "remainder_en") or "",
        fact_ids=fact_ids,
    )


def unit_from_row(row: sqlite3.Row) -> Unit:
    scale = number(row, "scale")
    if scale is None or scale <= 0:
        raise ValueError("scale must be a positive number")
    return Unit(
        id=text(row, "id"),
        zh=text(row, "zh"),
        en=text(row, "en"),
        scale=scale,
        base_en=text(row, "base_en"),
        counter=bool(integer(row, "counter")),
    )


def section_from_row(row: sqlite3.Row) -> Section:
    return Section(
        id=text(row, "id"),
        briefing_id=text(row, "briefing_id"),
        position=integer(row, "position"),
        title_zh=text(row, "title_zh"),
        title_en=text(row, "title_en"),
        summary_zh=text(row, "summary_zh"),
        summary_en=text(row, "summary_en"),
        heading=optional_text(row, "heading") or "",
    )


def entity_from_row(row: sqlite3.Row) -> Entity:
    return Entity(
        id=text(row, "id"),
        briefing_id=text(row, "briefing_id"),
        type=text(row, "type"),
        name_zh=text(row, "name_zh"),
        name_en=text(row, "name_en"),
    )


FACT_COLUMNS = tuple(TABLES["facts"])
LIMIT = 10**9


def fact_from_row(row: sqlite3.Row, units: dict[str, Unit]) -> Fact:
    """The fact of a row: the fast path where the row is well formed, else every check.

    Raises ValueError or TypeError, saying what is wrong, for a row that is no fact."""
    fact = well_formed_fact(row, units)
    return fact if fact is not None else plain_fact(row, units)


def plain_fact(row: sqlite3.Row, units: dict[str, Unit]) -> Fact:
    """The fact of a row, each value checked on its own (the reference for the fast path)."""
    unit_id = optional_text(row, "unit_id")
    return Fact(
        id=text(row, "id"),
        briefing_id=text(row, "briefing_id"),
        section_id=text(row, "section_id"),
        position=integer(row, "position"),
        kind=text(row, "kind"),
        year=optional_integer(row, "year"),
        date=optional_text(row, "date"),
        indicator=optional_text(row, "indicator"),
        label_zh=text(row, "label_zh"),
        label_en=text(row, "label_en"),
        value=number(row, "value"),
        unit=units.get(unit_id) if unit_id else None,
        qualifier=optional_text(row, "qualifier"),
        description_zh=text(row, "description_zh"),
        description_en=text(row, "description_en"),
        evidence=text(row, "evidence"),
        paragraph=integer(row, "paragraph"),
        target_group=optional_integer(row, "target_group"),
        headline=optional_integer(row, "headline"),
        estimated=flag(row, "estimated"),
        claim_zh=optional_text(row, "claim_zh"),
        claim_en=optional_text(row, "claim_en"),
        noun_en=optional_text(row, "noun_en"),
    )


def flag(row: sqlite3.Row, column: str) -> bool:
    value = integer(row, column)
    if value not in (0, 1):
        raise ValueError(f"{column} is not 0 or 1 ({clip(value, 20)})")
    return bool(value)


def well_formed_fact(row: sqlite3.Row, units: dict[str, Unit]) -> Fact | None:
    """The fact of a row whose every value has its usual type and range, else None.

    The fast path for search as you type (a page of 200 facts per keystroke): the same
    result as the checks in `fact_from_row` at about a third of the cost. Anything unusual
    goes back to those checks, which say what is wrong with the row.
    """
    if len(row) != len(FACT_COLUMNS):
        return None
    (
        fact_id, briefing_id, section_id, position, kind, year, date, indicator, label_zh,
        label_en, value, unit_id, qualifier, description_zh, description_en, evidence,
        paragraph, target_group, headline, estimated, claim_zh, claim_en, noun_en,
    ) = row
    text, number = str, int  # exact types: bool, bytes and subclasses take the slow path
    well_formed = (
        type(fact_id) is text and type(briefing_id) is text and type(section_id) is text
        and type(kind) is text and type(label_zh) is text and type(label_en) is text
        and type(description_zh) is text and type(description_en) is text
        and type(evidence) is text
        and (date is None or type(date) is text)
        and (indicator is None or type(indicator) is text)
        and (unit_id is None or type(unit_id) is text)
        and (qualifier is None or type(qualifier) is text)
        and (claim_zh is None or type(claim_zh) is text)
        and (claim_en is None or type(claim_en) is text)
        and (noun_en is None or type(noun_en) is text)
        and type(estimated) is number and estimated in (0, 1)
        and type(position) is number and -LIMIT <= position <= LIMIT
        and (year is None or (type(year) is number and -LIMIT <= year <= LIMIT))
        and type(paragraph) is number and -LIMIT <= paragraph <= LIMIT
        and (target_group is None
             or (type(target_group) is number and -LIMIT <= target_group <= LIMIT))
        and (headline is None or (type(headline) is number and -LIMIT <= headline <= LIMIT))
        and (value is None or (type(value) in (int, float) and math.isfinite(value)
                               and abs(value) <= 1e15))
    )
    if not well_formed or has_bidi_controls(
        "".join((label_zh, label_en, description_zh, description_en, evidence,
                 kind, date or "", indicator or "", qualifier or ""))
    ):
        return None
    return Fact(
        id=fact_id,
        briefing_id=briefing_id,
        section_id=section_id,
        position=position,
        kind=kind,
        year=year,
        date=date or None,
        indicator=indicator or None,
        label_zh=label_zh,
        label_en=label_en,
        value=None if value is None else float(value),
        unit=units.get(unit_id) if unit_id else None,
        qualifier=qualifier or None,
        description_zh=description_zh,
        description_en=description_en,
        evidence=evidence,
        paragraph=paragraph,
        target_group=target_group,
        headline=headline,
        estimated=bool(estimated),
        claim_zh=claim_zh or None,
        claim_en=claim_en or None,
        noun_en=noun_en or None,
    )
