"""Which entry is the latest, for every pairing of months and days, in both the one-pass
loop of `statuses` (many targets at once) and `target_status` (one target)."""

from __future__ import annotations

import pytest

from jhviewer.data.progress.model import Entry
from jhviewer.data.progress.status import statuses, target_status
from tests.progresshelpers import UNITS, target


def entry(value: float, as_of: str, id: int, target_id: str = "t") -> Entry:
    return Entry(id, "b-2024", target_id, value, "家", as_of, "cumulative", None, "", "",
                 "2024-12-01T00:00:00Z", None, False)


@pytest.mark.parametrize(("first", "second", "latest"), [
    ("2024-05-31", "2024-06", 2),     # a month after the last day of the month before
    ("2024-06-30", "2024-06", 2),     # a month ends after (or on) its own last day
    ("2024-06-01", "2024-06", 2),
    ("2024-07-01", "2024-06", 1),     # the next month's first day is later
    ("2024-06-15", "2024-06-30", 2),  # two days
    ("2024-05", "2024-06", 2),        # two months
    ("2024-09", "2024-10-01", 2),
    ("2024-12", "2024-12-31", 1),     # December ends with the year
    ("2024-01", "2024-01-31", 1),
])
def test_the_later_as_of_date_wins_in_either_order(first: str, second: str,
                                                     latest: int) -> None:
    value = {1: 10.0, 2: 20.0}
    for entries in ([entry(10, first, 1), entry(20, second, 2)],
                    [entry(20, second, 2), entry(10, first, 1)]):
        assert target_status(target(100), entries, UNITS).actual == value[latest]
        assert statuses([target(100)], entries, UNITS)[0].actual == value[latest]


def test_each_target_keeps_its_own_latest_entry_among_many() -> None:
    entries = [
        entry(30, "2024-03", 1, "a"), entry(5, "2024-02", 2, "b"), entry(60, "2024-06", 3, "a"),
        entry(40, "2024-04", 4, "a"), entry(8, "2024-02-10", 5, "b"), entry(1, "2024-12", 6, "x"),
    ]
    results = statuses([target(100, id="a"), target(100, id="b"), target(100, id="c")],
                       entries, UNITS)
    assert [(r.target.id, r.actual, r.status) for r in results] == [
        ("a", 60.0, "on_track"), ("b", 5.0, "behind"), ("c", None, "no_data")]
