"""Progress files: the template to fill in, importing it (CSV or .xlsx), exporting entries.

CSV files are read as UTF-8 (with or without a byte-order mark) or, failing that, as GBK
(read with its superset GB18030), which is what Excel on Chinese Windows saves. CSV files
we write are UTF-8 with a byte-order mark, so Excel opens them with Chinese intact.
Every file is written whole or not at all (`jhviewer.data.atomic`). No Qt.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from jhviewer.data.atomic import atomic_path, write_text
from jhviewer.data.export import write_csv
from jhviewer.data.format import plain_number
from jhviewer.data.progress.model import (
    STATUS_NAMES,
    Entry,
    NewEntry,
    ProgressInputError,
    ProgressWarning,
    Target,
    sanity_warning,
    validate_entry,
)
from jhviewer.data.records import Unit

TEMPLATE_COLUMNS = ("target_id", "group", "label_zh", "label_en", "target", "unit", "as_of",
                    "value", "status", "note", "who")
EXPORT_COLUMNS = ("id", "briefing_id", "target_id", "value", "unit", "as_of", "measure",
                  "status", "note", "who", "entered_at", "supersedes", "retracted")
# Column names a user may have typed in Chinese instead.
_HEADER_ALIASES = {
    "指标编号": "target_id", "目标编号": "target_id", "编号": "target_id",
    "截至": "as_of", "截至日期": "as_of", "日期": "as_of",
    "数值": "value", "完成值": "value", "实际值": "value",
    "单位": "unit", "状态": "status", "说明": "note", "来源": "note", "备注": "note",
    "填报人": "who",
}
_STATUS_WORDS = {word.lower(): code for code, names in STATUS_NAMES.items()
                 for word in (code, *names)}
MAX_IMPORT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class ImportRow:
    """A row of the file that will be added, with its line (1 = the header)."""

    line: int
    entry: NewEntry


@dataclass(frozen=True)
class RefusedRow:
    """A row of the file that will not be added (1 = the header), and why."""

    line: int
    error: ProgressInputError

    @property
    def reason(self) -> str:
        """Why, in English (`text` for either language)."""
        return str(self.error)

    def text(self, lang: str) -> str:
        """Why, in `lang` ('zh' or 'en'), from the one table of messages."""
        return self.error.text("zh" if lang == "zh" else "en")


@dataclass
class ImportPlan:
    """What importing a file would do: rows added, rows refused (with reasons), blank rows
    skipped, and how the file was read (`encoding`: utf-8, utf-8-sig, gbk or xlsx).
    `recorded` are rows identical to a current entry (`same_entry`), which are not added
    again: "already recorded, skipped". `warnings` are (line, warning) for rows that will
    be added but look wrong (`model.sanity_warning`)."""

    rows: list[ImportRow] = field(default_factory=list)
    refused: list[RefusedRow] = field(default_factory=list)
    warnings: list[tuple[int, ProgressWarning]] = field(default_factory=list)
    skipped: int = 0
    encoding: str = ""
    recorded: list[ImportRow] = field(default_factory=list)


def same_entry(entry: NewEntry | Entry) -> tuple[object, ...]:
    """What makes two entries the same record: briefing, target, as-of date, value and
    unit as entered, and the status of a target without a number. The note and who
    entered it do not count."""
    return (entry.briefing_id, entry.target_id, entry.as_of, entry.value, entry.unit,
            entry.status)


def write_template(out: Path, targets: Sequence[Target], units: dict[str, Unit]) -> int:
    """Write a fill-in sheet, one row per target (.csv or .xlsx by the name's suffix).

    Returns the number of rows. Raises ProgressInputError for another suffix and
    ExportError when the file cannot be written.
    """
    rows = [
        [t.id, "" if t.group is None else t.group, t.label_zh, t.label_en,
         "" if t.value is None else plain_number(t.value),
         t.unit.id if t.unit is not None else "", "", "", "", "", ""]
        for t in targets
    ]
    _write_table(out, TEMPLATE_COLUMNS, rows)
    return len(rows)


def export_entries(out: Path, entries: Sequence[Entry]) -> int:
    """Write entries as .csv (UTF-8 with BOM) or .json (a list of objects); returns the count."""
    suffix = out.suffix.lower()
    if suffix == ".json":
        text = json.dumps([asdict(entry) for entry in entries], ensure_ascii=False, indent=2)
        write_text(out, text + "\n")
        return len(entries)
    if suffix != ".csv":
        raise ProgressInputError("cannot export to {name}: use a .csv or .json file name",
                                 name=out.name)
    rows = [[_cell(getattr(entry, name)) for name in EXPORT_COLUMNS] for entry in entries]
    _write_table(out, EXPORT_COLUMNS, rows)
    return len(entries)


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float):
        return plain_number(value)
    return "" if value is None else value


def _write_table(out: Path, header: Sequence[str], rows: list[list[Any]]) -> None:
    suffix = out.suffix.lower()
    if suffix == ".csv":
        write_csv(out, header, rows)  # the one CSV writer: BOM, formula guard, atomic
    elif suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "progress"
        sheet.append(list(header))
        for row in rows:
            sheet.append(row)
        for cells in sheet.iter_rows():  # openpyxl stores text starting with = as a formula
            for cell in cells:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
        for column, width in zip("ABCDEFGHIJK", (30, 6, 24, 36, 10, 10, 12, 10, 10, 30, 12),
                                 strict=False):
            sheet.column_dimensions[column].width = width
        with atomic_path(out) as temp:
            book.save(temp)
    else:
        raise ProgressInputError("cannot write {name}: use a .csv or .xlsx file name",
                                 name=out.name)


def read_rows(path: Path) -> tuple[list[tuple[int, dict[str, Any]]], str]:
    """The data rows of a CSV or .xlsx file as (line, {column: value}), and the encoding.

    Column names are the template's (Chinese aliases accepted). Raises ProgressInputError
    for a file that cannot be read or lacks the target_id and as_of columns.
    """
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ProgressInputError("cannot read {path}: {reason}", path=path,
                                 reason=error.strerror or error) from error
    if size > MAX_IMPORT_BYTES:
        raise ProgressInputError("{name} is too large to be a progress sheet", name=path.name)
    if suffix == ".xlsx":
        table, encoding = _xlsx_rows(path), "xlsx"
    elif suffix in (".csv", ".txt"):
        table, encoding = _csv_rows(path)
    else:
        raise ProgressInputError("cannot import {name}: use a .csv or .xlsx file",
                                 name=path.name)
    if not table:
        raise ProgressInputError("{name} is empty", name=path.name)
    header = [_HEADER_ALIASES.get(str(name or "").strip(), str(name or "").strip().lower())
              for name in table[0]]
    missing = [name for name in ("target_id", "as_of") if name not in header]
    if missing or ("value" not in header and "status" not in header):
        need = ", ".join(missing or ["value"])
        raise ProgressInputError(
            "{name} has no {need} column; start from `jhviewer progress template`",
            name=path.name, need=need)
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        row = {name: cells[index] if index < len(cells) else None
               for index, name in enumerate(header) if name}
        rows.append((number, row))
    return rows, encoding


def _csv_rows(path: Path) -> tuple[list[list[Any]], str]:
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise ProgressInputError("{name} is not a text CSV file", name=path.name)
    if raw.startswith(b"\xef\xbb\xbf"):
        text, encoding = raw[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    else:
        try:
            text, encoding = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = raw.decode("gb18030"), "gbk"
            except UnicodeDecodeError:
                raise ProgressInputError(
                    "{name} is neither UTF-8 nor GBK text", name=path.name) from None
    dialect = "excel-tab" if "\t" in text.split("\n", 1)[0] else "excel"
    try:
        return [row for row in csv.reader(io.StringIO(text), dialect) if row], encoding
    except csv.Error as error:
        raise ProgressInputError("{name} is not a well-formed CSV file: {reason}",
                                 name=path.name, reason=error) from None


def _xlsx_rows(path: Path) -> list[list[Any]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError) as error:
        raise ProgressInputError("{name} is not a readable .xlsx workbook",
                                 name=path.name) from error
    except Exception as error:  # openpyxl's own InvalidFileException and friends
        raise ProgressInputError("{name} is not a readable .xlsx workbook ({kind})",
                                 name=path.name, kind=type(error).__name__) from error
    try:
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)
                if any(cell not in (None, "") for cell in row)]
    finally:
        book.close()


def plan_import(
    path: Path,
    targets: Iterable[Target],
    units: dict[str, Unit],
    today: date | None = None,
    current: Iterable[Entry] = (),
) -> ImportPlan:
    """Read `path` and check every row against the targets; nothing is written.

    Rows with neither a value nor a status are blank template rows and are skipped. Rows
    identical to one of `current` (the progress database's current entries, e.g.
    `ProgressStore.entries(briefing_id)`; see `same_entry`) go to `plan.recorded`, not
    `plan.rows`: importing the same file twice adds nothing the second time.
    """
    recorded = {same_entry(entry) for entry in current}
    by_id: dict[str, Target] = {}
    for each in targets:
        by_id[each.id] = each
        by_id[f"{each.briefing_id}/{each.id}"] = each
    rows, encoding = read_rows(path)
    plan = ImportPlan(encoding=encoding)
    for line, row in rows:
        value, status = _text(row.get("value")), _text(row.get("status"))
        if not value and not status:
            plan.skipped += 1
            continue
        target_id = _text(row.get("target_id"))
        target = by_id.get(target_id)
        if target is None:
            plan.refused.append(RefusedRow(
                line, ProgressInputError("unknown target id {target!r}", target=target_id)))
            continue
        raw_value = row.get("value")
        number = raw_value if isinstance(raw_value, int | float) else value
        try:
            entry = validate_entry(
                target, number if value else None, _as_of(row.get("as_of")), units,
                unit=_text(row.get("unit")) or None,
                status=_STATUS_WORDS.get(status.lower(), status) if status else None,
                note=_text(row.get("note")), who=_text(row.get("who")), today=today,
            )
        except ProgressInputError as error:
            plan.refused.append(RefusedRow(line, error))
            continue
        if same_entry(entry) in recorded:
            plan.recorded.append(ImportRow(line, entry))
            continue
        plan.rows.append(ImportRow(line, entry))
        warning = sanity_warning(target, entry, units)
        if warning is not None:
            plan.warnings.append((line, warning))
    return plan


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return plain_number(value)
    return " ".join(str(value).split())


def _as_of(value: object) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return _text(value)
