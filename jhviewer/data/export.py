"""`jhviewer export`: the facts as CSV or JSON, with units, qualifiers, years and evidence."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from jhviewer.data.atomic import write_text
from jhviewer.data.format import display_value, year_text
from jhviewer.data.records import Fact, FactFilter
from jhviewer.data.store import Store

EXPORT_COLUMNS = (
    "id", "briefing", "section", "kind", "year", "year_zh", "year_en", "date", "indicator",
    "label_zh", "label_en", "value", "unit_zh", "unit_en", "noun_en", "qualifier", "estimated",
    "claim_zh", "claim_en", "display_zh", "display_en",
    "description_zh", "description_en", "evidence", "paragraph", "target_group", "entities",
)
# Where a spreadsheet may start a cell: the start of the text, and, when it splits on ';'
# (LibreOffice, Excel in many locales) or reads a line break inside a field, after those.
# Such a cell starting (after spaces) with = + - @ or a tab/CR would run as a formula.
_FORMULA_AT = re.compile(r"(^|[;\n\r])( *)(?=[=+\-@\t\r])")
# A number written as text ('-2.5', '+3%', '-1,200') is a number to a spreadsheet, not a
# formula, and stays as it is.
_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d,]*(\.\d+)?%?")


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


def export_facts(
    store: Store, fmt: str, out: Path, briefing_id: str | None = None, *, force: bool = False
) -> int:
    """Write the facts of one briefing (every briefing's when None) to `out` as `csv` or
    `json`; returns how many were written.

    Reads one consistent view of the file (`Store.snapshot`), whatever another program
    writes; writes all-or-nothing through `jhviewer.data.atomic` (raises WriteError,
    nothing changed, on failure; `force` replaces a read-only file).
    """
    with store.snapshot():
        rows = [fact_export_row(store, fact) for fact in store.facts(FactFilter(briefing_id))]
    if fmt == "json":
        write_text(out, json.dumps(rows, ensure_ascii=False, indent=2) + "\n", force=force)
    else:
        write_csv(
            out, EXPORT_COLUMNS, ([row[key] for key in EXPORT_COLUMNS] for row in rows),
            force=force,
        )
    return len(rows)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """The one CSV format jhviewer writes: comma-separated, CRLF lines, every cell guarded
    against formulas (see `csv_cell`). Add the BOM when writing (`write_csv` does)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([csv_cell(name) for name in header])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return buffer.getvalue()


def write_csv(
    out: Path, header: Sequence[str], rows: Iterable[Sequence[Any]], *, force: bool = False
) -> Path:
    """Write a CSV file for spreadsheets, all-or-nothing: UTF-8 with a BOM (so Excel reads
    the Chinese), formula-guarded cells. Raises WriteError on failure."""
    return write_text(out, csv_text(header, rows), encoding="utf-8-sig", force=force)


def csv_cell(value: Any) -> Any:
    """A cell value made safe for a spreadsheet: lists joined with '; ', and an apostrophe
    before = + - @ tab or CR wherever a spreadsheet could start a cell: at the start, after a
    ';' (the list separator in many locales) and after a line break. Numbers stay numbers.

    '=HYPERLINK("x")' -> "'=HYPERLINK(\"x\")"; 'a;=1+1' -> "a;'=1+1"; '-2.5' stays.
    """
    if isinstance(value, list):
        value = "; ".join(str(item) for item in value)
    if isinstance(value, str) and not _PLAIN_NUMBER.fullmatch(value):
        return _FORMULA_AT.sub(r"\1\2'", value)
    return value
