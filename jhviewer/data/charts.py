"""The data of each declared chart: which facts it draws and how they are labelled.

Qt-free, so the window, the printout and `jhviewer export charts` draw the same records.
A chart is declared in the briefing file (`[[charts]]`, see FORMAT.md) and reaches this
module as a `ChartSpec`; `chart_data(store, spec, lang)` turns it into a `ChartData`
of plots and bars, or into a chart with a message where its facts are missing. Facts are
picked by id, by kind and unit, or by indicator, never by their numbers. Every figure
comes from the database; the texts here are the app's own, in Chinese and English.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from jhviewer.data.format import (
    ESTIMATED,
    chart_sign,
    display_value,
    kind_name,
    plain_number,
    source_reference,
    year_text,
)
from jhviewer.data.records import Briefing, ChartSpec, Fact, FactFilter, Lang, pick
from jhviewer.data.store import Store

# Mid-tone colours that read on white paper and on a dark window alike.
SERIES_COLOURS = {"result": "#3a78c9", "target": "#e0862a", "derived": "#8a94a3"}
_SERIES_OF_KIND = {"target": "target", "plan": "target"}

_TEXTS: dict[str, tuple[str, str]] = {
    "source": ("来源：{source}", "Source: {source}"),
    "no-data": ("此数据库没有这张图表所需的数据。", "This database has no data for this chart."),
    "result": ("{year}年成绩", "{year} result"),
    "target": ("{year}年目标", "{year} target"),
    "parts-exceed-total": ("各部分之和超过了总数。", "The parts add up to more than the total."),
    "remainder": ("总数中的其余部分", "Remainder of the total"),
    "remainder-tip": ("总数减去以上各项：{value}", "The total less the parts above: {value}"),
    "stated": ("简报所列数字", "Stated in the briefing"),
}


def text(key: str, lang: Lang) -> str:
    """One of the chart texts above in `lang`."""
    zh, en = _TEXTS[key]
    return pick(lang, zh, en)


@dataclass(frozen=True)
class Bar:
    """One bar: `value` in the plot's unit, `text` as the bar is labelled ('7.3%', '>400')."""

    label: str
    value: float
    text: str
    tip: tuple[str, ...]
    series: str  # a SERIES_COLOURS key
    series_name: str


@dataclass(frozen=True)
class Plot:
    title: str
    unit: str
    bars: tuple[Bar, ...]
    horizontal: bool = True
    limit: float | None = None  # a natural maximum, such as 100 for a share


@dataclass(frozen=True)
class ChartData:
    """A chart ready to draw: title, subtitle, source line and plots (or a message)."""

    chart_id: str
    title: str
    subtitle: str
    source: str
    plots: tuple[Plot, ...]
    message: str = ""

    @property
    def empty(self) -> bool:
        return not self.plots

    def legend(self) -> list[tuple[str, str]]:
        """(colour, name) of each series, when there is more than one to tell apart."""
        seen: dict[str, str] = {}
        for plot in self.plots:
            for bar in plot.bars:
                seen.setdefault(bar.series_name, SERIES_COLOURS[bar.series])
        return [(colour, name) for name, colour in seen.items()] if len(seen) > 1 else []


def chart_data(store: Store, spec: ChartSpec, lang: Lang) -> ChartData:
    """The records of the declared chart `spec` in `lang`, read from `store`.

    A chart whose facts are missing (or have no values) comes back empty with a message,
    never raises for that; DatabaseError from the store passes through.
    """
    briefing = store.briefing(spec.briefing_id)
    base = ChartData(spec.key, spec.title(lang), "", "", ())
    if briefing is None:
        return replace(base, message=text("no-data", lang))
    source = text("source", lang).format(
        source=source_reference(briefing.publisher(lang), briefing.title(lang), lang)
    )
    data = _BUILDERS[spec.type](store, spec, briefing, lang, replace(base, source=source))
    if data.empty and not data.message:
        data = replace(data, message=text("no-data", lang))
    return data


def bar_text(fact: Fact, lang: Lang) -> str:
    """The value in the axis unit, with a sign for its qualifier and a mark for an
    estimate: '7.3%', '>400', '≥100', '7.4%（预计）' / '7.4% (est.)'."""
    if fact.value is None:
        return "—"
    number = plain_number(fact.value, grouping=lang == "en")
    if fact.unit is not None and fact.unit.id == "%":
        number += "%"
    return chart_sign(fact) + number + _estimate_mark(fact, lang)


def _estimate_mark(fact: Fact, lang: Lang) -> str:
    """'（预计）' / ' (est.)' after a figure the source gives as an estimate, else ''."""
    if not fact.estimated:
        return ""
    return f"（{ESTIMATED[0]}）" if lang == "zh" else f" ({ESTIMATED[1]})"


def _bar(fact: Fact, lang: Lang, label: str | None = None) -> Bar:
    return Bar(
        label=label if label is not None else fact.label(lang),
        value=fact.value or 0.0,
        text=bar_text(fact, lang),
        tip=(
            fact.label(lang), f"{year_text(fact.year, lang)} · {display_value(fact, lang)}",
            f"“{fact.evidence}”",
        ),
        series=_SERIES_OF_KIND.get(fact.kind, "result"),
        series_name=kind_name(fact.kind, lang),
    )


_PLACEHOLDER = re.compile(r"\{(year|previous_year|unit|total)\}")


def _subtitle(spec: ChartSpec, lang: Lang, **values: object) -> str:
    """The declared subtitle with its placeholders filled; other braces stay as written."""
    return _PLACEHOLDER.sub(
        lambda match: str(values.get(match.group(1), match.group(0))), spec.subtitle(lang)
    )


def _unit_name(fact: Fact, lang: Lang) -> str:
    return fact.unit.name(lang) if fact.unit is not None else ""


def _axis_unit(facts: list[Fact], lang: Lang) -> str:
    """The axis unit; in English a counter (家, 个) names what the bars count ('institutions')
    when they all count the same thing, else the unit's own English name."""
    nouns = {fact.noun_en for fact in facts}
    unit = facts[0].unit
    if lang == "en" and unit is not None and unit.counter and len(nouns) == 1 and None not in nouns:
        return str(nouns.pop())
    return _unit_name(facts[0], lang)


def _chosen(store: Store, spec: ChartSpec, briefing: Briefing) -> list[Fact]:
    """The spec's facts with values: its ids in order, else its kind/unit selector."""
    if spec.fact_ids:
        facts = store.facts_by_ids(list(spec.fact_ids))
    else:
        facts = store.facts(FactFilter(briefing_id=briefing.id, kind=spec.kind))
    return [
        fact for fact in facts
        if fact.value is not None
        and (spec.unit_id is None or (fact.unit is not None and fact.unit.id == spec.unit_id))
    ]


def _bars(
    store: Store, spec: ChartSpec, briefing: Briefing, lang: Lang, base: ChartData
) -> ChartData:
    return _one_plot(_chosen(store, spec, briefing), spec, briefing, lang, base)


def _one_plot(
    facts: list[Fact], spec: ChartSpec, briefing: Briefing, lang: Lang, base: ChartData
) -> ChartData:
    """One plot of a bar per fact, its axis in the facts' unit (empty without facts)."""
    if not facts:
        return base
    unit = _axis_unit(facts, lang)
    plot = Plot("", unit, tuple(_bar(fact, lang) for fact in facts))
    return replace(base, subtitle=_subtitle(spec, lang, year=briefing.year, unit=unit),
                   plots=(plot,))


def _shares(
    store: Store, spec: ChartSpec, briefing: Briefing, lang: Lang, base: ChartData
) -> ChartData:
    facts = [f for f in _chosen(store, spec, briefing) if f.unit is not None and f.unit.id == "%"]
    if not facts:
        return base
    plot = Plot("", "%", tuple(_bar(fact, lang) for fact in facts), limit=100.0)
    year = year_text(facts[0].year, lang)
    return replace(base, subtitle=_subtitle(spec, lang, year=year, unit="%"),
                   plots=(plot,))


def _targets(
    store: Store, spec: ChartSpec, briefing: Briefing, lang: Lang, base: ChartData
) -> ChartData:
    targets = store.targets(briefing.id)
    facts = [
        f for f in targets
        if f.value is not None and f.unit is not None and f.unit.id == spec.unit_id
    ]
    return _one_plot(facts, spec, briefing, lang, base)


def _result_vs_target(
    store: Store, spec: ChartSpec, briefing: Briefing, lang: Lang, base: ChartData
) -> ChartData:
    plots = []
    previous: int | None = None
    wanted = set(spec.fact_ids)
    for pair in store.comparable_pairs(briefing.id):
        result, target = pair.result, pair.target
        if result.value is None or target.value is None:
            continue
        if wanted and target.id not in wanted:
            continue
        previous = previous or result.year
        result_label = text("result", lang).format(year=result.year)
        bars = (
            _bar(result, lang, result_label + _estimate_mark(result, lang)),
            _bar(target, lang, text("target", lang).format(year=target.year)),
        )
        plots.append(Plot(target.label(lang), _unit_name(target, lang), bars, horizontal=False))
    if not plots:
        return base
    subtitle = _subtitle(spec, lang, year=briefing.year, previous_year=previous)
    return replace(base, subtitle=subtitle, plots=tuple(plots))


def _parts(
    store: Store, spec: ChartSpec, briefing: Briefing, lang: Lang, base: ChartData
) -> ChartData:
    total = store.fact(spec.total_fact_id or "")
    parts = _chosen(store, spec, briefing)
    if total is None or total.value is None or len(parts) < len(spec.fact_ids):
        return base
    rest_value = total.value - sum(part.value or 0.0 for part in parts)
    if rest_value < 0:
        return replace(base, message=text("parts-exceed-total", lang))
    # The total less the parts is a bound only: '600多' less 86 reads '超514', never '514多'.
    rest = replace(total, value=rest_value, qualifier="超" if chart_sign(total) == ">" else
                   total.qualifier)
    remainder = spec.remainder(lang) or text("remainder", lang)
    other = Bar(
        label=remainder,
        value=rest_value,
        text=bar_text(rest, lang),
        tip=(
            remainder,
            text("remainder-tip", lang).format(value=display_value(rest, lang)),
            f"“{total.evidence}”",
        ),
        series="derived",
        series_name=text("remainder", lang),
    )
    stated = text("stated", lang)
    bars = (*(replace(_bar(part, lang), series_name=stated) for part in parts), other)
    subtitle = _subtitle(spec, lang, year=year_text(total.year, lang), unit=_unit_name(total, lang),
                         total=display_value(total, lang))
    return replace(base, subtitle=subtitle, plots=(Plot("", _axis_unit([total], lang), bars),))


def _series(
    store: Store, spec: ChartSpec, briefing: Briefing, lang: Lang, base: ChartData
) -> ChartData:
    facts = [f for f in store.indicator_series(briefing.district_id, spec.indicator or "")
             if f.value is not None]
    if not facts:
        return base
    bars = tuple(
        _bar(fact, lang, text("target" if fact.kind == "target" else "result", lang)
             .format(year=year_text(fact.year, lang)) + _estimate_mark(fact, lang))
        for fact in facts
    )
    unit = _unit_name(facts[0], lang)
    plot = Plot("", unit, bars, horizontal=False)
    return replace(base, subtitle=_subtitle(spec, lang, year=briefing.year, unit=unit),
                   plots=(plot,))


_BUILDERS: dict[str, Callable[[Store, ChartSpec, Briefing, Lang, ChartData], ChartData]] = {
    "bars": _bars,
    "targets": _targets,
    "result-vs-target": _result_vs_target,
    "parts": _parts,
    "shares": _shares,
    "series": _series,
}
