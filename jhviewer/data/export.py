"""`jhviewer export`: the facts as CSV or JSON, with units, qualifiers, years and evidence."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from jhviewer.data.atomic import atomic_path
from jhviewer.data.format import display_value, year_text
from jhviewer.data.records import Fact, FactFilter
from jhviewer.data.store import Store

EXPORT_COLUMNS = (
    "id", "briefing", "section", "kind", "year", "year_zh", "year_en", "date", "indicator",
    "label_zh", "label_en", "value", "unit_zh", "unit_en", "noun_en", "qualifier", "estimated",
    "claim_zh", "claim_en", "display_zh", "display_en",
    "description_zh", "description_en", "evidence", "paragraph", "target_group", "entities",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def fact_export_row(store: Store, fact: Fact) -> dict[str, Any]:
    """One fact as export columns: `year` is null for an undated fact, whose `year_zh` /
    `year_en` say 未注年份 / undated; `display_*` is the value as the app shows it, with the
    source's qualifier, the estimate mark (预计 / est.) or the claim in words."""
    return {
        "id": fact.key,
        "briefing": fact.briefing_id,
        "section": fact.section_id.split("/", 1)[-1],
        "kind": fact.kind,
        "year": fact.year,
        "year_zh": year_text(fact.year, "zh"),
        "year_en": year_text(fact.year, "en"),
        "date": fact.date,
        "indicator": fact.indicator,
        "label_zh": fact.label_zh,
        "label_en": fact.label_en,
        "value": fact.value,
        "unit_zh": fact.unit.zh if fact.unit else None,
        "unit_en": fact.unit.en if fact.unit else None,
        "noun_en": fact.noun_en,
        "qualifier": fact.qualifier,
        "estimated": fact.estimated,
        "claim_zh": fact.claim_zh,
        "claim_en": fact.claim_en,
        "display_zh": display_value(fact, "zh"),
        "display_en": display_value(fact, "en"),
        "description_zh": fact.description_zh,
        "description_en": fact.description_en,
        "evidence": fact.evidence,
        "paragraph": fact.paragraph,
        "target_group": fact.target_group,
        "entities": [entity.key for entity in store.entities_for(fact.id)],
    }


def export_facts(store: Store, fmt: str, out: Path, briefing_id: str | None = None) -> int:
    """Write the facts of one briefing (every briefing's when None) to `out` as `csv` or
    `json`, all or nothing; returns how many were written."""
    rows = [fact_export_row(store, fact) for fact in store.facts(FactFilter(briefing_id))]
    with atomic_path(out) as temp:
        if fmt == "json":
            temp.write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", "utf-8")
        else:
            _write_csv(temp, rows)
    return len(rows)


def _write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    # utf-8-sig so that spreadsheet programs recognise the Chinese text.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=EXPORT_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({key: _csv_cell(value) for key, value in row.items()})


def _csv_cell(value: Any) -> Any:
    """Lists joined; text that a spreadsheet would run as a formula is made inert."""
    if isinstance(value, list):
        value = "; ".join(value)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
