"""Progress records: targets as the tracker sees them, entries, as-of dates. No Qt.

A *target* here is a briefing fact of kind `target` (from `Store.targets`), reduced to what
the status rules need. An *entry* is one reported actual against a target: a year-to-date
amount or count (`cumulative`), a year-to-date growth rate in % (`rate`), or, for a target
without a number, a status the user sets with a note (`qualitative`).
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from jhviewer.data.errors import JhviewerError
from jhviewer.data.records import Fact, Unit, local_id

Measure = Literal["cumulative", "rate", "qualitative"]
StatusCode = Literal["achieved", "on_track", "behind", "no_data"]

STATUSES: tuple[StatusCode, ...] = ("achieved", "on_track", "behind", "no_data")
# Statuses a user may set on a qualitative target.
SETTABLE_STATUSES: tuple[StatusCode, ...] = ("achieved", "on_track", "behind")
STATUS_NAMES: dict[str, tuple[str, str]] = {
    "achieved": ("已完成", "Achieved"),
    "on_track": ("进度正常", "On track"),
    "behind": ("进度滞后", "Behind"),
    "no_data": ("暂无数据", "No data"),
}
RATE_UNIT = "%"


class ProgressInputError(JhviewerError):
    """An entry, a file or an option the user gave cannot be used (CLI exit status 2).

    `str(error)` is English (the command line's language); `text("zh")` is Chinese where
    the message was given in both (the window's form shows it in its language).
    """

    def __init__(self, message: str, zh: str = "") -> None:
        super().__init__(message)
        self.zh = zh

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" and self.zh else str(self)


def status_name(status: str, lang: str) -> str:
    """'on_track' -> '进度正常' / 'On track'."""
    zh, en = STATUS_NAMES.get(status, (status, status))
    return zh if lang == "zh" else en


@dataclass(frozen=True, slots=True)
class Target:
    """What the status rules need from a target fact.

    `id` is the fact's local id (`target-shops`), unique within its briefing;
    `value` is in `unit` (None for a qualitative target); `year` is the target's year.
    """

    id: str
    briefing_id: str
    label_zh: str
    label_en: str
    value: float | None
    unit: Unit | None
    qualifier: str | None  # the source's word (以上, 多, 超, ...; see data.format)
    year: int
    group: int | None
    noun_en: str | None = None  # what an English counter counts ('stores'), from the fact

    @property
    def measure(self) -> Measure:
        if self.value is None:
            return "qualitative"
        if self.unit is not None and self.unit.id == RATE_UNIT:
            return "rate"
        return "cumulative"

    def label(self, lang: str) -> str:
        first, second = (self.label_zh, self.label_en) if lang == "zh" else (
            self.label_en, self.label_zh)
        return first or second


def target_from_fact(fact: Fact) -> Target:
    """The tracker's view of a target fact from the briefing store.

    Raises ValueError for a fact with no year: a target is always for its briefing's year.
    """
    if fact.year is None:
        raise ValueError(f"target {fact.id} has no year")
    return Target(
        id=local_id(fact.id), briefing_id=fact.briefing_id, label_zh=fact.label_zh,
        label_en=fact.label_en, value=fact.value, unit=fact.unit, qualifier=fact.qualifier,
        year=fact.year, group=fact.target_group, noun_en=fact.noun_en,
    )


@dataclass(frozen=True, slots=True)
class Entry:
    """One stored row of the progress database.

    `value` is in `unit` as entered (None for a qualitative entry and for a tombstone);
    `as_of` is `YYYY-MM` or `YYYY-MM-DD`; `status` is set only on qualitative entries;
    `supersedes` is the id of the row this one replaces (an edit, a retraction or an undo);
    `retracted` marks a tombstone: the superseded entry no longer counts.
    `entered_at` is UTC, ISO 8601 to the second.
    """

    id: int
    briefing_id: str
    target_id: str
    value: float | None
    unit: str | None
    as_of: str
    measure: str
    status: str | None
    note: str
    who: str
    entered_at: str
    supersedes: int | None
    retracted: bool


@dataclass(frozen=True, slots=True)
class NewEntry:
    """An entry checked against its target, ready to store (see `validate_entry`)."""

    briefing_id: str
    target_id: str
    value: float | None
    unit: str | None
    as_of: str
    measure: Measure
    status: str | None
    note: str
    who: str


_AS_OF = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*日?)?\s*月?\s*$")


def parse_as_of(text: str) -> str:
    """'2024-06', '2024/6', '2024年6月', '2024-06-30' -> '2024-06' or '2024-06-30'.

    Raises ProgressInputError for anything else or an impossible date.
    """
    match = _AS_OF.match(text or "")
    if not match:
        raise ProgressInputError(
            f"as-of date {text!r} is not YYYY-MM or YYYY-MM-DD (e.g. 2024-06 or 2024-06-30)",
            f"截至日期“{text}”应写作 年-月 或 年-月-日（如 2024-06 或 2024-06-30）",
        )
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        raise ProgressInputError(f"as-of date {text!r} has no month {month}",
                                 f"截至日期“{text}”的月份{month}不存在")
    if match[3] is None:
        return f"{year:04d}-{month:02d}"
    day = int(match[3])
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ProgressInputError(f"as-of date {text!r} has no day {day} in that month",
                                 f"截至日期“{text}”：该月没有{day}日")
    return f"{year:04d}-{month:02d}-{day:02d}"


def as_of_end(as_of: str) -> date:
    """The last day an as-of date covers: '2024-06' -> 2024-06-30; a day is itself."""
    year, month = int(as_of[:4]), int(as_of[5:7])
    if len(as_of) > 7:
        return date(year, month, int(as_of[8:10]))
    return date(year, month, calendar.monthrange(year, month)[1])


def as_of_start(as_of: str) -> date:
    """The first day an as-of date covers: '2024-06' -> 2024-06-01."""
    year, month = int(as_of[:4]), int(as_of[5:7])
    return date(year, month, int(as_of[8:10]) if len(as_of) > 7 else 1)


def year_elapsed(as_of: str) -> float:
    """Share of the year elapsed at an as-of date, 0..1.

    A month counts whole months ('2024-06' -> 6/12 = 0.5, as 1–6月 figures are read); a day
    counts days ('2024-06-30' -> 182/366 in a leap year).
    """
    if len(as_of) == 7:
        return int(as_of[5:7]) / 12
    end = as_of_end(as_of)
    days = 366 if calendar.isleap(end.year) else 365
    return end.timetuple().tm_yday / days


def parse_number(text: str | float | int) -> float:
    """'63', '1,200', '６.９', 6.9 -> float; NaN, infinity and words raise ProgressInputError."""
    if isinstance(text, bool):
        raise ProgressInputError(f"value {text!r} is not a number")
    if isinstance(text, int | float):
        number = float(text)
    else:
        cleaned = str(text).strip().translate(_FULL_WIDTH).replace(",", "").replace("，", "")
        cleaned = cleaned.removesuffix("%").strip()
        try:
            number = float(cleaned)
        except ValueError:
            raise ProgressInputError(f"value {str(text)!r} is not a number",
                                     f"“{text}”不是数字") from None
    if not math.isfinite(number):
        raise ProgressInputError(f"value {str(text)!r} is not a finite number",
                                 f"“{text}”不是有限的数字")
    return number


_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－＋", "0123456789.-+")


def convert(value: float, from_unit: Unit, to_unit: Unit) -> float:
    """`value` in `from_unit` expressed in `to_unit` (万元 -> 亿元 divides by 10,000).

    Units convert when they share a base (units.base_en: 万元 and 亿元 are both CNY) and are
    both or neither %. Raises ProgressInputError naming both units otherwise.
    """
    if from_unit.id == to_unit.id:
        return float(value)
    compatible = (
        (from_unit.id == RATE_UNIT) == (to_unit.id == RATE_UNIT)
        and from_unit.base_en == to_unit.base_en
        and from_unit.scale > 0 and to_unit.scale > 0
    )
    if not compatible:
        raise ProgressInputError(
            f"unit {from_unit.id} cannot be converted to the target's unit {to_unit.id}",
            f"单位“{from_unit.id}”无法换算为目标的单位“{to_unit.id}”",
        )
    return value * from_unit.scale / to_unit.scale


def validate_entry(
    target: Target,
    value: str | float | None,
    as_of: str,
    units: dict[str, Unit],
    *,
    unit: str | None = None,
    status: str | None = None,
    note: str = "",
    who: str = "",
    today: date | None = None,
) -> NewEntry:
    """Check one entry against its target; return it ready to store.

    - numeric targets need a finite number; a count or amount cannot be negative (a rate
      can); `unit` defaults to the target's and must convert to it (see `convert`); the
      value is stored as entered, with its unit, and converted when statuses are worked out;
    - qualitative targets need `status` (achieved, on_track or behind) and a note;
    - `as_of` must fall in the target's year and not after `today`.
    Raises ProgressInputError with a one-line message.
    """
    today = today or date.today()
    day = parse_as_of(as_of)
    if int(day[:4]) != target.year:
        raise ProgressInputError(
            f"as-of date {day} is outside the target year {target.year} of {target.id}",
            f"截至日期{day}不在目标年份{target.year}年内",
        )
    if as_of_start(day) > today:
        raise ProgressInputError(f"as-of date {day} is in the future",
                                 f"截至日期{day}尚未到来")
    note = " ".join((note or "").split())
    who = " ".join((who or "").split())
    if target.measure == "qualitative":
        if status not in SETTABLE_STATUSES:
            raise ProgressInputError(
                f"{target.id} has no number: give a status "
                f"({', '.join(SETTABLE_STATUSES)}) and a note instead of a value",
                "该目标没有数值：请选择状态并填写说明",
            )
        if value not in (None, ""):
            raise ProgressInputError(f"{target.id} has no number: leave the value empty",
                                     "该目标没有数值：完成值请留空")
        if not note:
            raise ProgressInputError(f"{target.id}: a status needs a note saying why",
                                     "设定状态时请填写说明")
        return NewEntry(target.briefing_id, target.id, None, None, day, "qualitative",
                        status, note, who)
    if status not in (None, ""):
        raise ProgressInputError(f"{target.id} is numeric: its status is worked out, not set",
                                 "数值类目标的状态由系统计算，不能手动设定")
    if value is None or value == "":
        raise ProgressInputError(f"no value given for {target.id}", "请填写完成值")
    number = parse_number(value)
    assert target.unit is not None
    unit_id = (unit or "").strip() or target.unit.id
    entry_unit = units.get(unit_id)
    if entry_unit is None:
        raise ProgressInputError(f"unknown unit {unit_id!r} (the target is in {target.unit.id})",
                                 f"未知单位“{unit_id}”（目标单位为“{target.unit.id}”）")
    convert(number, entry_unit, target.unit)  # refuses an incompatible unit
    if target.measure == "cumulative" and number < 0:
        raise ProgressInputError(f"value {value} for {target.id} is negative",
                                 f"完成值{value}不能为负数")
    return NewEntry(target.briefing_id, target.id, number, unit_id, day, target.measure,
                    None, note, who)


# How each status is shown, on screen and in print: a colour (Okabe–Ito palette, told apart
# with the common colour-vision deficiencies) always beside a symbol and a word.
STATUS_COLOURS: dict[str, str] = {
    "achieved": "#007A5A",
    "on_track": "#0067A5",
    "behind": "#C0430B",
    "no_data": "#6B6B6B",
}
STATUS_SYMBOLS: dict[str, str] = {"achieved": "√", "on_track": "●", "behind": "▲",
                                  "no_data": "–"}
