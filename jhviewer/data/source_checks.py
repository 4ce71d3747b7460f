"""Checks on briefing rows that name the file, the line and the id of what they refuse.

Run on the rows `source.load_briefing` made from one file, after the authoring format's
own checks and before anything is written: a value SQLite cannot hold (`nan`, a year too
large) or an id used twice would otherwise be dropped silently or end in a database error
that names neither file nor id.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from jhviewer.data.errors import SourceError

# Whole numbers the store reads (larger ones are bad rows there): years, positions, groups.
INTEGER_LIMIT = 10**9
# Figures beyond this are not a district's (the store refuses them too).
NUMBER_LIMIT = 1e15


class _Rows(Protocol):
    """A briefing file's rows (source.BriefingRows), read only."""

    @property
    def path(self) -> Path: ...

    @property
    def tables(self) -> Mapping[str, Sequence[Mapping[str, Any]]]: ...


def check_rows(rows: _Rows, text: str) -> None:
    """Refuse non-finite or out-of-range numbers and ids used twice in one file.

    `text` is the file's text, to give the line of the entry. Raises SourceError."""
    name = rows.path.name
    for table, table_rows in rows.tables.items():
        seen: set[object] = set()
        for row in table_rows:
            row_id = row.get("id")
            for column, value in row.items():
                problem = _number_problem(value)
                if problem:
                    raise SourceError(
                        f"{name}, line {line_of(text, row_id)}: {table} {_local(row_id)!r}: "
                        f"{column} {problem}"
                    )
            if row_id is None or table == "units":
                continue
            if row_id in seen:
                raise SourceError(
                    f"{name}, line {line_of(text, row_id, last=True)}: {table} id "
                    f"{_local(row_id)!r} is used twice"
                )
            seen.add(row_id)


def line_of(text: str, row_id: object, last: bool = False) -> int | str:
    """The line of `id = "<local id>"` for this row in the file's text, or '?'."""
    local = _local(row_id)
    if not isinstance(local, str):
        return "?"
    pattern = re.compile(r"^\s*id\s*=\s*[\"']" + re.escape(local) + r"[\"']", re.MULTILINE)
    matches = list(pattern.finditer(text))
    if not matches:
        return "?"
    match = matches[-1] if last else matches[0]
    return text.count("\n", 0, match.start()) + 1


def _local(row_id: object) -> object:
    return row_id.split("/", 1)[-1] if isinstance(row_id, str) else row_id


def _number_problem(value: object) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not math.isfinite(value):
            return f"is {value} (not a number); give a figure or leave it out"
        if abs(value) > NUMBER_LIMIT:
            return f"is {value:g}, beyond any figure a briefing gives"
    if isinstance(value, int) and abs(value) > INTEGER_LIMIT:
        return f"is {value}, too large (at most {INTEGER_LIMIT:,})"
    return None
