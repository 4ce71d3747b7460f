"""Rows to records: the fast path for well-formed facts agrees with the plain checks."""

from __future__ import annotations

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from jhviewer.data.records import Unit
from jhviewer.data.rows import fact_from_row, plain_fact, well_formed_fact
from jhviewer.data.schema import TABLES

UNITS = {"%": Unit("%", "%", "%", 1.0, "%", False)}
COLUMNS = tuple(TABLES["facts"])
# What a damaged or hostile file may hold in any column.
ANY_VALUE = st.one_of(
    st.none(), st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False), st.text(max_size=12), st.binary(max_size=6),
    st.sampled_from([0, 1, "2024", "%", 2024, 7.3, 10**10, -1]),
)


def row_of(values: dict[str, object]) -> sqlite3.Row:
    connection = sqlite3.connect(":memory:")
    connection.row_factory = sqlite3.Row
    connection.execute(f"CREATE TABLE facts ({', '.join(COLUMNS)})")
    marks = ", ".join("?" * len(COLUMNS))
    connection.execute(f"INSERT INTO facts VALUES ({marks})", [values[c] for c in COLUMNS])
    row = connection.execute("SELECT * FROM facts").fetchone()
    connection.close()
    return row


GOOD = {
    "id": "b/f", "briefing_id": "b", "section_id": "b/s", "position": 1, "kind": "result",
    "year": 2023, "date": None, "indicator": "gdp-growth", "label_zh": "增速",
    "label_en": "Growth", "value": 7.4, "unit_id": "%", "qualifier": None,
    "description_zh": "说明", "description_en": "About it", "evidence": "增长7.4%",
    "paragraph": 6, "target_group": None, "headline": 1, "estimated": 1, "claim_zh": None,
    "claim_en": None, "noun_en": None,
}


def test_a_well_formed_row_takes_the_fast_path_and_reads_the_same() -> None:
    row = row_of(GOOD)
    fast = well_formed_fact(row, UNITS)
    assert fast is not None
    assert fast == plain_fact(row, UNITS) == fact_from_row(row, UNITS)
    assert (fast.value, fast.unit, fast.estimated, fast.year) == (7.4, UNITS["%"], True, 2023)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(COLUMNS), ANY_VALUE, max_size=4))
def test_the_fast_path_agrees_with_the_plain_checks(changes: dict[str, object]) -> None:
    row = row_of({**GOOD, **changes})
    fast = well_formed_fact(row, UNITS)
    try:
        plain = plain_fact(row, UNITS)
    except (TypeError, ValueError):
        assert fast is None  # the fast path never accepts what the checks refuse
        return
    assert fast is None or fast == plain  # where it answers, it answers the same
