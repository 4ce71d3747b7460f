"""Status of each target from its progress entries. No Qt; the window, CLI and print agree.

The rules (README "Progress tracking" repeats them):

- **No data**: no current entry for the target (none recorded, or all retracted).
- The *latest* entry is the one with the latest as-of date; among equal dates, the one
  entered last. Only the latest entry decides; nothing is extrapolated beyond its as-of
  date or beyond the year.
- **Cumulative targets** (a count or an amount for the year, e.g. 100 new shops): the latest
  value, converted to the target's unit, is compared with the target.
  *Achieved* when it reaches the target: strictly above it where the source's qualifier
  means "more than" (多, 余, 超, 突破), at or above it otherwise (a plain figure, 以上,
  不少于, 约, 最高).
  Otherwise *on track* when the share achieved (value / target) is no more than
  `TOLERANCE_POINTS` (10) percentage points below the share of the year elapsed at the
  as-of date (see `model.year_elapsed`: a month counts as whole months, 1–6月 = 50 %);
  exactly 10 points below is still on track. Further below: *behind*. At the year's end
  (December or 12-31) no time is left, so a value short of the target is *behind*.
- **Growth-rate targets** (unit %, e.g. GDP growth 7.3 %): the latest year-to-date rate is
  compared with the target rate (strictly above it for 多, 余, 超, 突破). Meeting it: *achieved*
  when the as-of date is the year's end (December or 12-31), else *on track*. Below it:
  *behind*. No tolerance: a rate is already a share of the year.
- **Qualitative targets** (no number): the status the user set on the latest entry, with
  its note as the reason.

Each status comes with a one-line reason in Chinese and English.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from jhviewer.data.format import QUALIFIER_FORMS, _scaled_english, plain_number
from jhviewer.data.progress.model import (
    RATE_UNIT,
    Entry,
    ProgressInputError,
    StatusCode,
    Target,
    convert,
    year_elapsed,
)
from jhviewer.data.records import Unit

TOLERANCE_POINTS = 10.0  # percentage points below the linear path still "on track"
_EPSILON = 1e-9
GOOD = ("achieved", "on_track")
# The statuses a user may set on a qualitative target.
_SET_BY_USER: dict[str, StatusCode] = {
    "achieved": "achieved", "on_track": "on_track", "behind": "behind",
}
# The source's words that mean "more than" (sign '>'): such a target is met only above it.
_MORE_THAN = frozenset(word for word, form in QUALIFIER_FORMS.items() if form.sign == ">")


@dataclass(slots=True)  # not frozen: a frozen __init__ costs 10k targets some 10 ms
class TargetStatus:
    """A target's status, the entry that decided it and the figures behind the reason.

    `actual` is the latest value converted to the target's unit (None without one);
    `share` is actual / target (cumulative only); `elapsed` is the share of the year at
    the latest as-of date.
    """

    target: Target
    status: StatusCode
    latest: Entry | None
    actual: float | None = None
    share: float | None = None
    elapsed: float | None = None

    def reason(self, lang: str) -> str:
        """How the status was reached, one line, in `lang` ('zh' or 'en')."""
        return _reason(self, lang)


def latest_entry(entries: Iterable[Entry]) -> Entry | None:
    """The entry with the latest as-of end date; ties go to the one entered last."""
    best: Entry | None = None
    for entry in entries:
        if not entry.retracted and (best is None or _later(entry, best)):
            best = entry
    return best


def _end_key(as_of: str) -> str:
    """Sorts like the as-of end date: a month ('2024-06') sorts after its days."""
    return as_of if len(as_of) == 10 else as_of + "-99"


def _later(entry: Entry, other: Entry) -> bool:
    a, b = entry.as_of, other.as_of
    if a != b:
        return _end_key(a) > _end_key(b)
    return (entry.entered_at, entry.id) > (other.entered_at, other.id)


def target_status(target: Target, entries: Iterable[Entry], units: dict[str, Unit]) -> TargetStatus:
    """The status of one target from its current entries (see the module's rules)."""
    return _status(target, latest_entry(entries), units, {})


def _status(target: Target, latest: Entry | None, units: dict[str, Unit],
            elapsed_of: dict[str, float]) -> TargetStatus:
    """`elapsed_of` caches `year_elapsed` by as-of date across the targets of one call."""
    if latest is None:
        return TargetStatus(target, "no_data", None)
    as_of = latest.as_of
    elapsed = elapsed_of.get(as_of)
    if elapsed is None:
        elapsed = elapsed_of[as_of] = year_elapsed(as_of)
    goal = target.value
    if goal is None:  # qualitative
        chosen = _SET_BY_USER.get(latest.status or "", "no_data")
        return TargetStatus(target, chosen, latest, None, None, elapsed)
    unit = target.unit
    assert unit is not None
    if latest.unit == unit.id or not latest.unit:
        actual = float(latest.value or 0.0)
    else:
        try:
            actual = convert(latest.value or 0.0, units.get(latest.unit, unit), unit)
        except ProgressInputError:
            return TargetStatus(target, "no_data", latest, None, None, elapsed)
    # '多', '超', '余', '突破' (sign '>') are met only above the figure; the others at it
    if target.qualifier in _MORE_THAN:
        meets = actual > goal + _EPSILON
    else:
        meets = actual >= goal - _EPSILON
    if unit.id == RATE_UNIT:
        year_end = elapsed >= 1.0 - _EPSILON
        status: StatusCode = ("achieved" if year_end else "on_track") if meets else "behind"
        return TargetStatus(target, status, latest, actual, None, elapsed)
    share = actual / goal if goal > 0 else 1.0
    if meets:
        status = "achieved"
    elif elapsed >= 1.0 - _EPSILON:
        status = "behind"
    elif share * 100 >= elapsed * 100 - TOLERANCE_POINTS - _EPSILON:
        status = "on_track"
    else:
        status = "behind"
    return TargetStatus(target, status, latest, actual, share, elapsed)


def statuses(
    targets: Iterable[Target], entries: Iterable[Entry], units: dict[str, Unit]
) -> list[TargetStatus]:
    """The status of every target, in the order given, from the briefing's current entries.

    `entries` may hold other targets' entries (they are skipped) and retracted ones (they
    do not count); their as-of dates are `YYYY-MM` or `YYYY-MM-DD` (`model.parse_as_of`).
    """
    latest: dict[str, Entry] = {}
    get = latest.get
    for entry in entries:  # one pass keeping each target's latest entry: the hot loop
        if entry.retracted:
            continue
        key = entry.target_id
        best = get(key)
        if best is None:
            latest[key] = entry
            continue
        # As strings, a later date sorts later, except that a month ('2024-06') ends after
        # its own days ('2024-06-15'), which sort after it. For as-of dates, `b in a` is
        # `a.startswith(b)` (a 'YYYY-MM' can only sit at the start of a 'YYYY-MM-DD'; of
        # two as long, each is in the other only when equal), and the operator is cheaper
        # than the method call on 120,000 entries.
        a, b = entry.as_of, best.as_of
        if a > b:
            if b not in a:  # not a day of month b
                latest[key] = entry
        elif a == b:
            if (entry.entered_at, entry.id) > (best.entered_at, best.id):
                latest[key] = entry
        elif a in b:  # a is the month of day b
            latest[key] = entry
    elapsed_of: dict[str, float] = {}
    return [_status(t, get(t.id), units, elapsed_of) for t in targets]


def tally(results: Iterable[TargetStatus]) -> tuple[int, int]:
    """(targets achieved or on track, all targets)."""
    good = total = 0
    for result in results:
        total += 1
        good += result.status in GOOD
    return good, total


def tally_text(results: list[TargetStatus], lang: str) -> str:
    """'18 of 27 on track or achieved' / '27项目标中18项进度正常或已完成'."""
    good, total = tally(results)
    if lang == "zh":
        return f"{total}项目标中{good}项进度正常或已完成"
    return f"{good} of {total} on track or achieved"


def amount_text(
    value: float, unit: Unit | None, lang: str, noun_en: str | None = None
) -> str:
    """'63家', '63 stores', '6.9%', '720亿元', 'CNY 72 billion', '18,000 people'.

    In English a counter (家, 个) reads as `noun_en`, what the target counts, where given.
    """
    number = plain_number(float(round(value, 4)), grouping=lang == "en")
    if unit is None:
        return number
    if unit.id == "%":
        return number + "%"
    if lang == "zh":
        return f"{number}{unit.zh}"
    if unit.scale != 1:
        spelled = _scaled_english(float(round(value * unit.scale, 2)), unit.base_en)
        return spelled if unit.base_en == "CNY" else f"{spelled} {unit.base_en}"
    return f"{number} {noun_en if unit.counter and noun_en else unit.en}"


def target_text(target: Target, lang: str) -> str:
    """The target as the briefing states it, with the source's qualifier: '600多家',
    '100人以上', 'more than 600 institutions' (see data.format.QUALIFIER_FORMS)."""
    assert target.value is not None
    form = QUALIFIER_FORMS.get(target.qualifier or "")
    if form is None:
        return amount_text(target.value, target.unit, lang, target.noun_en)
    if lang == "zh" and target.unit is not None and target.unit.id != "%":
        number = plain_number(float(round(target.value, 4)))
        return f"{form.zh_before}{number}{form.zh_in}{target.unit.zh}{form.zh_after}"
    text = amount_text(target.value, target.unit, lang, target.noun_en)
    if lang == "zh":
        return f"{form.zh_before}{text}{form.zh_in}{form.zh_after}"
    return " ".join(part for part in (form.en_before, text, form.en_after) if part)


def _reason(result: TargetStatus, lang: str) -> str:
    zh = lang == "zh"
    target, latest = result.target, result.latest
    if latest is None:
        return "尚无进度记录" if zh else "No progress recorded"
    if target.measure == "qualitative":
        note = latest.note or ("未注明" if zh else "no note")
        return (f"截至{latest.as_of}由用户设定：{note}" if zh
                else f"Set by the user as of {latest.as_of}: {note}")
    if result.actual is None:
        return (f"{latest.as_of}的记录单位无法换算" if zh
                else f"The entry of {latest.as_of} is in a unit that does not convert")
    actual = amount_text(result.actual, target.unit, lang, target.noun_en)
    goal = target_text(target, lang)
    if target.measure == "rate":
        assert target.value is not None
        gap = plain_number(float(round(abs(result.actual - target.value), 4)))
        if result.status == "behind":
            return (f"截至{latest.as_of}累计增长{actual}，低于目标{goal} {gap}个百分点" if zh
                    else f"Year-to-date {actual} as of {latest.as_of}, {gap} points below "
                         f"the target of {goal}")
        if result.status == "achieved":
            return (f"全年增长{actual}，达到目标{goal}" if zh
                    else f"{actual} for the full year meets the target of {goal}")
        return (f"截至{latest.as_of}累计增长{actual}，不低于目标{goal}" if zh
                else f"Year-to-date {actual} as of {latest.as_of} meets the target rate {goal}")
    assert result.share is not None and result.elapsed is not None
    share = plain_number(float(round(result.share * 100, 1)))
    elapsed = plain_number(float(round(result.elapsed * 100, 1)))
    if result.status == "achieved":
        return (f"截至{latest.as_of}完成{actual}，已达到目标{goal}" if zh
                else f"{actual} as of {latest.as_of} reaches the target of {goal}")
    if result.status == "on_track":
        return (f"截至{latest.as_of}完成{actual}，为目标的{share}%，全年时间已过{elapsed}%"
                f"（容差{plain_number(TOLERANCE_POINTS)}个百分点）" if zh
                else f"{actual} as of {latest.as_of} is {share}% of {goal} with {elapsed}% of "
                     f"the year gone (within {plain_number(TOLERANCE_POINTS)} points)")
    return (f"截至{latest.as_of}完成{actual}，仅为目标的{share}%，全年时间已过{elapsed}%，"
            f"落后超过{plain_number(TOLERANCE_POINTS)}个百分点" if zh
            else f"{actual} as of {latest.as_of} is only {share}% of {goal} with {elapsed}% "
                 f"of the year gone (more than {plain_number(TOLERANCE_POINTS)} points behind)")
