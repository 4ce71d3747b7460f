"""The status rules (jhviewer/data/progress/status.py), boundaries included."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from jhviewer.data.progress.model import (
    Entry,
    ProgressInputError,
    parse_as_of,
    validate_entry,
    year_elapsed,
)
from jhviewer.data.progress.status import statuses, tally_text, target_status
from tests.progresshelpers import JIA, PCT, UNITS, WAN, YI, target

TODAY = date(2025, 1, 15)


def entry(value: float | None, as_of: str, unit: str | None = "家", id: int = 1,
          entered_at: str = "2024-07-01T00:00:00.000000Z", status: str | None = None,
          retracted: bool = False, note: str = "") -> Entry:
    return Entry(id, "b-2024", "t", value, unit, as_of, "cumulative", status, note, "",
                 entered_at, None, retracted)


def test_no_entries_is_no_data() -> None:
    result = target_status(target(100), [], UNITS)
    assert result.status == "no_data"
    assert result.reason("en") == "No progress recorded"
    assert result.reason("zh") == "尚无进度记录"


@pytest.mark.parametrize(("value", "as_of", "expected"), [
    (100, "2024-06", "achieved"),          # reaches the target exactly
    (120, "2024-03", "achieved"),
    (50, "2024-06", "on_track"),           # 50 % done, 50 % of the year gone
    (40, "2024-06", "on_track"),           # exactly 10 points below linear: still on track
    (39.9, "2024-06", "behind"),           # just beyond the tolerance
    (0, "2024-01", "on_track"),            # 0 % after 1/12 = 8.3 % of the year
    (0, "2024-02", "behind"),              # 0 % after 16.7 %
    (99, "2024-12", "behind"),             # the year is over and the target not reached
    (99, "2024-11", "on_track"),
])
def test_cumulative_target_of_100(value: float, as_of: str, expected: str) -> None:
    assert target_status(target(100), [entry(value, as_of)], UNITS).status == expected


@pytest.mark.parametrize("word", ["多", "超", "余", "突破"])
def test_more_than_is_achieved_only_above_the_target(word: str) -> None:
    more_than_600 = target(600, qualifier=word)
    assert target_status(more_than_600, [entry(600, "2024-10")], UNITS).status == "on_track"
    assert target_status(more_than_600, [entry(600, "2024-12")], UNITS).status == "behind"
    assert target_status(more_than_600, [entry(601, "2024-10")], UNITS).status == "achieved"


def test_at_least_is_achieved_at_equality() -> None:
    at_least_100 = target(100, qualifier="不少于")
    result = target_status(at_least_100, [entry(100, "2024-09")], UNITS)
    assert result.status == "achieved"
    assert result.reason("en") == "100 organisations as of 2024-09 reaches the target of " \
                                  "at least 100 organisations"
    assert result.reason("zh") == "截至2024-09完成100家，已达到目标不少于100家"


def test_the_source_s_word_is_kept_and_the_target_s_noun_is_used() -> None:
    stores = replace(target(100, qualifier="以上"), noun_en="first stores")
    result = target_status(stores, [entry(100, "2024-09")], UNITS)
    assert result.status == "achieved"  # 以上: 100 or more, met at 100
    assert result.reason("zh") == "截至2024-09完成100家，已达到目标100家以上"
    assert result.reason("en") == "100 first stores as of 2024-09 reaches the target of " \
                                  "100 first stores or more"
    many = target_status(replace(stores, qualifier="多"), [entry(100, "2024-09")], UNITS)
    assert many.status == "on_track"  # 100多: more than 100, not met at 100
    assert many.reason("zh") == "截至2024-09完成100家，为目标的100%，全年时间已过75%（容差10个百分点）"


def test_reasons_say_share_and_time_elapsed() -> None:
    on_track = target_status(target(100), [entry(45, "2024-06")], UNITS)
    assert on_track.reason("en") == (
        "45 organisations as of 2024-06 is 45% of 100 organisations with 50% of the year gone "
        "(within 10 points)")
    behind = target_status(target(100), [entry(30, "2024-06")], UNITS)
    assert behind.reason("zh") == (
        "截至2024-06完成30家，仅为目标的30%，全年时间已过50%，落后超过10个百分点")


def test_a_day_counts_days_of_the_year() -> None:
    assert year_elapsed("2024-06") == 0.5
    assert year_elapsed("2024-06-30") == pytest.approx(182 / 366)
    assert year_elapsed("2023-12-31") == 1.0
    # 40.0 of 100 on 2024-06-30: 49.7 % of the year gone, 9.7 points below: on track
    assert target_status(target(100), [entry(40, "2024-06-30")], UNITS).status == "on_track"
    assert target_status(target(100), [entry(39, "2024-06-30")], UNITS).status == "behind"


@pytest.mark.parametrize(("rate", "as_of", "expected"), [
    (6.9, "2024-09", "behind"),
    (7.3, "2024-09", "on_track"),
    (7.5, "2024-12", "achieved"),
    (7.3, "2024-12-31", "achieved"),
    (7.2, "2024-12", "behind"),
    (-1.0, "2024-03", "behind"),
])
def test_growth_rate_compares_year_to_date_rate(rate: float, as_of: str, expected: str) -> None:
    gdp = target(7.3, PCT)
    assert target_status(gdp, [entry(rate, as_of, "%")], UNITS).status == expected


def test_growth_rate_reason() -> None:
    result = target_status(target(7.3, PCT), [entry(6.9, "2024-09", "%")], UNITS)
    assert result.reason("en") == "Year-to-date 6.9% as of 2024-09, 0.4 points below the " \
                                  "target of 7.3%"
    assert result.reason("zh") == "截至2024-09累计增长6.9%，低于目标7.3% 0.4个百分点"


def test_more_than_rate_needs_more() -> None:
    more_than_7 = target(7, PCT, qualifier="超")
    assert target_status(more_than_7, [entry(7, "2024-06", "%")], UNITS).status == "behind"
    assert target_status(more_than_7, [entry(7.1, "2024-06", "%")], UNITS).status == "on_track"


def test_an_amount_in_wan_yuan_counts_against_a_target_in_yi_yuan() -> None:
    investment = target(1000, YI)
    result = target_status(investment, [entry(7_200_000, "2024-09", "万元")], UNITS)
    assert result.actual == pytest.approx(720)
    assert result.status == "on_track"  # 72 % with 75 % of the year gone
    assert result.reason("zh").startswith("截至2024-09完成720亿元，为目标的72%")


def test_qualitative_target_takes_the_status_the_user_set() -> None:
    income = target(None, None, None)
    result = target_status(income, [entry(None, "2024-06", None, status="on_track",
                                          note="区统计局 1–6月快报：增长5.8%")], UNITS)
    assert result.status == "on_track"
    assert result.reason("zh") == "截至2024-06由用户设定：区统计局 1–6月快报：增长5.8%"


def test_latest_as_of_wins_then_latest_entered() -> None:
    entries = [
        entry(80, "2024-09", id=1, entered_at="2024-10-01T00:00:00Z"),
        entry(30, "2024-06", id=2, entered_at="2024-11-01T00:00:00Z"),  # older figure, later
        entry(85, "2024-09", id=3, entered_at="2024-10-02T00:00:00Z"),  # correction, same date
    ]
    result = target_status(target(100), entries, UNITS)
    assert result.latest is not None and result.latest.id == 3
    assert result.actual == 85


def test_retracted_entries_do_not_count() -> None:
    result = target_status(target(100), [entry(50, "2024-06", retracted=True)], UNITS)
    assert result.status == "no_data"


def test_tally_counts_on_track_and_achieved() -> None:
    targets = [target(100, id="a"), target(100, id="b"), target(100, id="c"),
               target(100, id="d")]
    entries = [
        Entry(1, "b-2024", "a", 100, "家", "2024-06", "cumulative", None, "", "", "x", None, False),
        Entry(2, "b-2024", "b", 50, "家", "2024-06", "cumulative", None, "", "", "x", None, False),
        Entry(3, "b-2024", "c", 5, "家", "2024-06", "cumulative", None, "", "", "x", None, False),
    ]
    results = statuses(targets, entries, UNITS)
    assert [r.status for r in results] == ["achieved", "on_track", "behind", "no_data"]
    assert tally_text(results, "en") == "2 of 4 on track or achieved"
    assert tally_text(results, "zh") == "4项目标中2项进度正常或已完成"


# --- validating an entry -------------------------------------------------------------------

def test_valid_entry_keeps_value_and_unit_as_entered() -> None:
    new = validate_entry(target(1000, YI), "7,200,000", "2024-09", UNITS, unit="万元",
                         note="区统计局 1–9月", today=TODAY)
    assert (new.value, new.unit, new.as_of, new.measure) == (7200000.0, "万元", "2024-09",
                                                             "cumulative")


@pytest.mark.parametrize(("value", "as_of", "unit", "message"), [
    ("abc", "2024-06", None, "value 'abc' is not a number"),
    ("nan", "2024-06", None, "value 'nan' is not a finite number"),
    ("12", "2023-12", None, "as-of date 2023-12 is outside the target year 2024 of t"),
    ("12", "2025-02", None, "as-of date 2025-02 is outside the target year 2024 of t"),
    ("12", "2024-13", None, "as-of date '2024-13' has no month 13"),
    ("12", "2024-02-30", None, "as-of date '2024-02-30' has no day 30 in that month"),
    ("12", "June", None,
     "as-of date 'June' is not YYYY-MM or YYYY-MM-DD (e.g. 2024-06 or 2024-06-30)"),
    ("-3", "2024-06", None, "value -3 for t is negative"),
    ("12", "2024-06", "家", "unit 家 cannot be converted to the target's unit 亿元"),
    ("12", "2024-06", "斤", "unknown unit '斤' (the target is in 亿元)"),
])
def test_bad_entries_are_refused_with_a_reason(value: str, as_of: str, unit: str | None,
                                                message: str) -> None:
    with pytest.raises(ProgressInputError) as raised:
        validate_entry(target(450, YI), value, as_of, UNITS, unit=unit, today=TODAY)
    assert str(raised.value) == message


def test_a_date_in_the_future_is_refused() -> None:
    with pytest.raises(ProgressInputError, match="as-of date 2024-08 is in the future"):
        validate_entry(target(100), "5", "2024-08", UNITS, today=date(2024, 7, 31))
    # the current month is allowed: its figures are being reported
    assert validate_entry(target(100), "5", "2024-07", UNITS, today=date(2024, 7, 31))


def test_rate_and_percent_do_not_mix_with_amounts() -> None:
    with pytest.raises(ProgressInputError, match="unit 亿元 cannot be converted to the "
                                                 "target's unit %"):
        validate_entry(target(7.3, PCT), "5", "2024-06", UNITS, unit="亿元", today=TODAY)
    negative_growth = validate_entry(target(7.3, PCT), "-1.5", "2024-06", UNITS, today=TODAY)
    assert negative_growth.value == -1.5 and negative_growth.measure == "rate"


def test_qualitative_entries_need_a_status_and_a_note() -> None:
    income = target(None, None, None)
    with pytest.raises(ProgressInputError, match="give a status"):
        validate_entry(income, "5", "2024-06", UNITS, today=TODAY)
    with pytest.raises(ProgressInputError, match="a status needs a note"):
        validate_entry(income, None, "2024-06", UNITS, status="behind", today=TODAY)
    ok = validate_entry(income, None, "2024-06", UNITS, status="behind", note="增速放缓",
                        today=TODAY)
    assert (ok.status, ok.measure, ok.value) == ("behind", "qualitative", None)
    with pytest.raises(ProgressInputError, match="its status is worked out"):
        validate_entry(target(100), "5", "2024-06", UNITS, status="achieved", today=TODAY)


def test_as_of_spellings() -> None:
    assert parse_as_of("2024/6") == "2024-06"
    assert parse_as_of("2024年6月") == "2024-06"
    assert parse_as_of("2024-06-30") == "2024-06-30"


def test_units_of_the_shipped_targets_convert_by_scale(store) -> None:
    from jhviewer.data.progress.model import target_from_fact

    targets = {t.id: t for t in map(target_from_fact, store.targets())}
    assert len(targets) == 28
    funds = targets["target-funds-in-place"]
    assert (funds.value, funds.unit.id if funds.unit else None, funds.measure) == (
        170.0, "亿元", "cumulative")
    assert targets["gdp-growth-2024-target"].measure == "rate"
    assert targets["target-disposable-income"].measure == "qualitative"
    new = validate_entry(funds, "850000", "2024-06", store.units(), unit="万元", today=TODAY)
    result = target_status(funds, [Entry(1, funds.briefing_id, funds.id, new.value, new.unit,
                                         new.as_of, new.measure, None, "", "", "x", None,
                                         False)], store.units())
    assert result.actual == pytest.approx(85.0) and result.status == "on_track"
    assert JIA.id == "家" and WAN.scale == 10000.0


def test_statuses_pick_the_same_latest_entry_as_target_status() -> None:
    """The one-pass loop in `statuses` orders as-of dates as `latest_entry` does: a month
    ends after its own days, a later day wins over an earlier month."""
    t = target(100)
    cases = [
        [entry(10, "2024-06-15", id=1), entry(20, "2024-06", id=2)],   # month after its day
        [entry(20, "2024-06", id=2), entry(10, "2024-06-15", id=1)],
        [entry(10, "2024-07-01", id=1), entry(20, "2024-06", id=2)],   # next month's day
        [entry(20, "2024-06", id=2), entry(10, "2024-07-01", id=1)],
        [entry(20, "2024-06", id=2, entered_at="2024-07-02T00:00:00Z"),
         entry(30, "2024-06", id=3, entered_at="2024-07-01T00:00:00Z")],
        [entry(50, "2024-09", id=1), entry(60, "2024-10", id=2, retracted=True)],
    ]
    expected_values = [20.0, 20.0, 10.0, 10.0, 20.0, 50.0]
    for case, expected in zip(cases, expected_values, strict=True):
        assert target_status(t, case, UNITS).actual == expected
        assert statuses([t], case, UNITS)[0].actual == expected
