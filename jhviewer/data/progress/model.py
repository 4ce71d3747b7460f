"""Progress records: targets as the tracker sees them, entries, as-of dates. No Qt.

A *target* here is a briefing fact of kind `target` (from `Store.targets`), reduced to what
the status rules need. An *entry* is one reported actual against a target: a year-to-date
amount or count (`cumulative`), a year-to-date growth rate in % (`rate`), or, for a target
without a number, a status the user sets with a note (`qualitative`).

`validate_entry` refuses what cannot be used (`ProgressInputError`); `sanity_warning` names
what is stored but looks wrong: a value more than `SANITY_FACTOR` (10) times its target.
Every message is an English template with its Chinese in `data.errors.ZH_MESSAGES`.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Literal

from jhviewer.data.errors import JhviewerError, localized
from jhviewer.data.format import plain_number
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

    Made like every jhviewer error from an English template and its fields; `str(error)`
    is English, `text("zh")` Chinese from `jhviewer.data.errors.ZH_MESSAGES` (the one table
    of texts: the window's form, the import preview and the command line all show it).
    """


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
            "as-of date {text!r} is not YYYY-MM or YYYY-MM-DD (e.g. 2024-06 or 2024-06-30)",
            text=text)
    year, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        raise ProgressInputError("as-of date {text!r} has no month {month}",
                                 text=text, month=month)
    if match[3] is None:
        return f"{year:04d}-{month:02d}"
    day = int(match[3])
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ProgressInputError("as-of date {text!r} has no day {day} in that month",
                                 text=text, day=day)
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


# A double holds 15 significant decimal digits exactly; a figure with more would be
# stored as another number (99999999999999999999999 as 99999999999999991611392).
MAX_DIGITS = 15


def significant_digits(text: str) -> int:
    """Significant digits of a decimal number as written: leading zeros and trailing zeros
    after the point do not count, zeros at the end of a whole number do ('1200' -> 4,
    '0.0630' -> 2, '1.5e3' -> 4). Raises decimal.InvalidOperation for a non-number."""
    _sign, digits, exponent = Decimal(text).as_tuple()
    if not isinstance(exponent, int):  # NaN or infinity
        return 0
    figures = list(digits)
    while exponent < 0 and len(figures) > 1 and figures[-1] == 0:
        figures.pop()
        exponent += 1
    while len(figures) > 1 and figures[0] == 0:
        figures.pop(0)
    return len(figures) + max(exponent, 0)


def parse_number(text: str | float | int) -> float:
    """'63', '1,200', '６.９', 6.9 -> float; NaN, infinity and words raise ProgressInputError,
    and so does a figure written (as text or a whole number) with more than `MAX_DIGITS`
    (15) significant digits, which a float would not keep. A float (an Excel cell) is
    taken as it is."""
    if isinstance(text, bool):
        raise ProgressInputError("value {text!r} is not a number", text=text)
    if isinstance(text, int | float):
        number = float(text)
        written = str(text) if isinstance(text, int) else ""
    else:
        cleaned = str(text).strip().translate(_FULL_WIDTH).replace(",", "").replace("，", "")
        cleaned = cleaned.removesuffix("%").strip()
        try:
            number = float(cleaned)
        except ValueError:
            raise ProgressInputError("value {text!r} is not a number",
                                     text=str(text)) from None
        written = cleaned
    if not math.isfinite(number):
        raise ProgressInputError("value {text!r} is not a finite number", text=str(text))
    try:
        digits = significant_digits(written) if written else 0
    except InvalidOperation:  # float() takes forms Decimal does not ('1_000')
        digits = 0
    if digits > MAX_DIGITS:
        raise ProgressInputError(
            "value {text!r} has more than {limit} significant digits and cannot be kept "
            "exactly", text=str(text).strip(), limit=MAX_DIGITS)
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
            "unit {unit} cannot be converted to the target's unit {target_unit}",
            unit=from_unit.id, target_unit=to_unit.id)
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

    - numeric targets need a finite number of at most 15 significant digits; a count or
      amount cannot be negative (a rate can); `unit` defaults to the target's and must
      convert to it (see `convert`); the value is stored as entered, with its unit, and
      converted when statuses are worked out;
    - qualitative targets need `status` (achieved, on_track or behind) and a note;
    - `as_of` must fall in the target's year and not after `today`.
    Raises ProgressInputError with a one-line message: the first of `entry_problems`.
    """
    checked = _check_entry(target, value, as_of, units, unit=unit, status=status, note=note,
                           who=who, today=today)
    if isinstance(checked, list):
        raise checked[0]
    return checked


def entry_problems(
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
) -> list[ProgressInputError]:
    """Every reason `validate_entry` would refuse this entry, in its order (the as-of date,
    then the value or status, its unit, the note); empty when it can be stored. The
    window's form shows them all at once."""
    checked = _check_entry(target, value, as_of, units, unit=unit, status=status, note=note,
                           who=who, today=today)
    return checked if isinstance(checked, list) else []


def _check_entry(
    target: Target,
    value: str | float | None,
    as_of: str,
    units: dict[str, Unit],
    *,
    unit: str | None,
    status: str | None,
    note: str,
    who: str,
    today: date | None,
) -> NewEntry | list[ProgressInputError]:
    """The entry ready to store, or every problem found (each check that does not depend
    on an earlier one is made)."""
    problems: list[ProgressInputError] = []
    today = today or date.today()
    day = ""
    try:
        day = parse_as_of(as_of)
        if int(day[:4]) != target.year:
            raise ProgressInputError(
                "as-of date {day} is outside the target year {year} of {target}",
                day=day, year=target.year, target=target.id)
        if as_of_start(day) > today:
            raise ProgressInputError("as-of date {day} is in the future", day=day)
    except ProgressInputError as error:
        problems.append(error)
    note = " ".join((note or "").split())
    who = " ".join((who or "").split())
    if target.measure == "qualitative":
        if status not in SETTABLE_STATUSES:
            problems.append(ProgressInputError(
                "{target} has no number: give a status ({statuses}) and a note instead of "
                "a value", target=target.id, statuses=", ".join(SETTABLE_STATUSES)))
        if value not in (None, ""):
            problems.append(ProgressInputError(
                "{target} has no number: leave the value empty", target=target.id))
        if not note and status in SETTABLE_STATUSES:
            problems.append(ProgressInputError(
                "{target}: a status needs a note saying why", target=target.id))
        if problems:
            return problems
        return NewEntry(target.briefing_id, target.id, None, None, day, "qualitative",
                        status, note, who)
    if status not in (None, ""):
        problems.append(ProgressInputError(
            "{target} is numeric: its status is worked out, not set", target=target.id))
    number: float | None = None
    if value is None or value == "":
        problems.append(ProgressInputError("no value given for {target}", target=target.id))
    else:
        try:
            number = parse_number(value)
        except ProgressInputError as error:
            problems.append(error)
    assert target.unit is not None
    unit_id = (unit or "").strip() or target.unit.id
    entry_unit = units.get(unit_id)
    try:
        if entry_unit is None:
            raise ProgressInputError(
                "unknown unit {unit!r} (the target is in {target_unit})",
                unit=unit_id, target_unit=target.unit.id)
        convert(number or 0.0, entry_unit, target.unit)  # refuses an incompatible unit
    except ProgressInputError as error:
        problems.append(error)
    if number is not None and target.measure == "cumulative" and number < 0:
        problems.append(ProgressInputError("value {value} for {target} is negative",
                                           value=value, target=target.id))
    if problems or number is None:
        return problems
    return NewEntry(target.briefing_id, target.id, number, unit_id, day, target.measure,
                    None, note, who)


def form_text(error: ProgressInputError, lang: str, target: Target) -> str:
    """`error` as the window's form shows it: the target, where the message names it,
    by its label (as the picker shows it) rather than its internal id, and starting
    with a capital ('As-of date 2025-01 is outside the target year 2024 of GDP
    growth'). The command line keeps `str(error)`, id included."""
    fields = dict(error.fields)
    if "target" in fields:
        fields["target"] = target.label(lang)
    text = localized(error.template, lang, **fields)
    return text[:1].upper() + text[1:]


# An entry more than this many times its target is stored, with a warning (see sanity_warning).
SANITY_FACTOR = 10


@dataclass(frozen=True)
class ProgressWarning:
    """A figure that is stored but looks wrong, as an English template and its fields (the
    same table of texts as the errors, `data.errors.ZH_MESSAGES`)."""

    template: str
    fields: dict[str, object]

    def text(self, lang: str) -> str:
        """The warning in `lang` ('zh' or 'en')."""
        return localized(self.template, lang, **self.fields)

    def __str__(self) -> str:
        return self.text("en")


def sanity_warning(target: Target, entry: NewEntry,
                   units: dict[str, Unit]) -> ProgressWarning | None:
    """A warning, not a refusal, for a figure that is probably a slip of unit or digits.

    The rule: a count, amount or rate entry whose value, converted to the target's unit, is
    more than `SANITY_FACTOR` (10) times the target (`9000` 万人 against 1.8 万人, `80` %
    against 7.3 %) is stored but named in a warning; exactly 10 times is not warned about.
    A negative count or amount is not a warning but a refusal (`validate_entry`); a negative
    rate is allowed (a fall). Targets without a number, or with a target of zero or less,
    get no warning. The form shows the warning as you type; the CLI prints it on stderr and
    still exits 0.
    """
    if entry.value is None or target.value is None or target.unit is None:
        return None
    if target.value <= 0:
        return None
    entry_unit = units.get(entry.unit or target.unit.id, target.unit)
    try:
        value = convert(entry.value, entry_unit, target.unit)
    except ProgressInputError:
        return None
    if value <= SANITY_FACTOR * target.value:
        return None
    return ProgressWarning(
        "{value} {unit} is more than {factor}× the target of {target_value} {target_unit}: "
        "check the unit and the figure",
        {"value": plain_number(entry.value), "unit": entry.unit or target.unit.id,
         "factor": SANITY_FACTOR, "target_value": plain_number(target.value),
         "target_unit": target.unit.id},
    )


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
