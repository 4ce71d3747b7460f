"""What the printout says: the briefing as a plain document model in one language.

No Qt here. Every string from the database is plain text; it is cleaned (control
characters and runs of whitespace collapsed) and clipped to a printable length, and it
is only ever drawn as text, never parsed as markup. Fixed wording lives in `TEXT`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date

from jhviewer import __version__
from jhviewer.data.format import display_value, figure_parts, kind_name, year_text
from jhviewer.data.records import Briefing, Fact, FactFilter, Lang, Section
from jhviewer.data.store import Store

# Fixed wording, (Chinese, English). Keys are stable; templates use str.format fields.
TEXT: dict[str, tuple[str, str]] = {
    "doc_kind": ("区情简报", "District briefing"),
    "printed": ("打印日期：{date}", "Printed {date}"),
    "headlines": ("要点数据", "Key figures"),
    "targets": ("{title} · {year}年主要目标", "{title}: {year} targets"),
    "no_figure": ("未给出具体数字", "no figure given"),
    "previous": ("{year}年：{value}", "{year}: {value}"),
    "themes": ("分主题事实", "Facts by theme"),
    "other": ("其他", "Other"),
    "charts": ("图表", "Charts"),
    "chart_failed": ("（此图无法绘制）", "(This chart could not be drawn.)"),
    "sources": ("资料来源", "Sources"),
    "col_indicator": ("指标", "Indicator"),
    "col_year": ("年份", "Year"),
    "col_kind": ("类别", "Kind"),
    "col_value": ("数值", "Value"),
    "col_paragraph": ("段落", "Para."),
    "col_target": ("目标", "Target"),
    "year": ("{year}年", "{year}"),
    "page": ("第{page}页/共{pages}页", "Page {page} of {pages}"),
    "src_title": ("简报", "Briefing"),
    "src_source": ("来源说明", "About the source"),
    "src_publisher": ("发布单位", "Publisher"),
    "src_file": ("原文文件", "Source file"),
    "src_facts": ("收录事实", "Facts included"),
    "src_database": ("数据库", "Database"),
    "src_generated": ("生成工具", "Produced by"),
    "facts_count": ("{count}条", "{count}"),
    "note": (
        "说明：表中各条事实的说明文字是根据原文改写的概括，并非原文引文；"
        "每个数值都可按“段落”一栏的编号在原文中核对。",
        "Note: the descriptions are paraphrased summaries, not quotations from the source. "
        "Every figure can be checked against the numbered paragraph of the source article "
        "given in the Para. column.",
    ),
}

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")

# Longest text printed from one database field; keeps a hostile row within one page.
SHORT_LIMIT = 160
LONG_LIMIT = 900


def text(key: str, lang: Lang, **fields: object) -> str:
    """The fixed wording for `key` in `lang`, with its fields filled in."""
    zh, en = TEXT[key]
    template = zh if lang == "zh" else en
    return template.format(**fields) if fields else template


def clean(value: str, limit: int = SHORT_LIMIT) -> str:
    """Database text made printable: no control characters, single spaces, clipped."""
    kept = "".join(
        " " if unicodedata.category(ch).startswith(("C", "Z")) else ch for ch in value
    )
    single = " ".join(kept.split())
    return single if len(single) <= limit else single[: limit - 1].rstrip() + "…"


def printed_date(day: date, lang: Lang) -> str:
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"


# --- the model ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TitleBlock:
    kicker: str
    title: str
    printed: str
    lines: tuple[str, ...]
    lead: str = ""


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    style: str = "body"


@dataclass(frozen=True, slots=True)
class Figure:
    """A headline figure: `prefix number unit suffix`, e.g. '超过' '400' '亿元' ''."""

    prefix: str
    number: str
    unit: str
    suffix: str
    label: str
    caption: str


@dataclass(frozen=True, slots=True)
class FigureGrid:
    figures: tuple[Figure, ...]
    columns: int = 4


@dataclass(frozen=True, slots=True)
class TargetItem:
    label: str
    value: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class TargetGrid:
    """Targets in two columns: (indicator, target) headers and the items."""

    headers: tuple[str, str]
    items: tuple[TargetItem, ...]


@dataclass(frozen=True, slots=True)
class FactRow:
    label: str
    description: str
    year: str
    kind: str
    value: str
    paragraph: str


@dataclass(frozen=True, slots=True)
class FactTable:
    headers: tuple[str, str, str, str, str]
    rows: tuple[FactRow, ...]


@dataclass(frozen=True, slots=True)
class ChartBlock:
    chart_id: str
    caption: str


@dataclass(frozen=True, slots=True)
class Definitions:
    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class PageBreak:
    pass


Element = (
    TitleBlock | Heading | Paragraph | FigureGrid | TargetGrid | FactTable | ChartBlock
    | Definitions | PageBreak
)


@dataclass(frozen=True, slots=True)
class ReportDocument:
    """The whole printout: page 1 (`summary`), the rest (`body`) and the running lines."""

    lang: Lang
    title: str
    header_left: str
    header_right: str
    footer_left: str
    summary: tuple[Element, ...]
    body: tuple[Element, ...] = field(default=())

    def page_label(self, page: int, pages: int) -> str:
        return text("page", self.lang, page=page, pages=pages)


# --- building ------------------------------------------------------------------------------


def build_document(
    store: Store,
    lang: Lang,
    printed_on: date,
    summary_only: bool = False,
    briefing_id: str | None = None,
) -> ReportDocument:
    """The printout of one briefing (the store's chosen one when `briefing_id` is None).

    Plain data, no Qt: the full printout lists the briefing's declared charts as
    ChartBlocks (qualified chart ids); the layout paints them.
    """
    briefing = store.briefing(briefing_id)
    if briefing is None:
        return _empty_document(store, lang, printed_on)
    sections = store.sections(briefing.id)
    summary = _summary(store, briefing, sections, lang, printed_on)
    body: tuple[Element, ...] = ()
    if not summary_only:
        chart_list = [(spec.id, "") for spec in store.charts(briefing.id)]
        body = (
            PageBreak(),
            *_themes(store, briefing, sections, lang),
            *_charts(chart_list, lang),
            *_sources(store, briefing, lang),
        )
    title = f"{clean(briefing.district(lang))} · {clean(briefing.title(lang))}"
    return ReportDocument(
        lang=lang,
        title=title,
        header_left=title,
        header_right=f"{text('doc_kind', lang)} · {text('year', lang, year=briefing.year)}",
        footer_left=f"{clean(briefing.about(lang))} ({clean(briefing.source_file)})",
        summary=summary,
        body=body,
    )


def _empty_document(store: Store, lang: Lang, printed_on: date) -> ReportDocument:
    name = clean(store.path.name)
    return ReportDocument(
        lang=lang, title=name, header_left=name,
        header_right=text("printed", lang, date=printed_date(printed_on, lang)),
        footer_left=name,
        summary=(TitleBlock(text("doc_kind", lang), name,
                            printed_date(printed_on, lang), ()),),
    )


def _summary(
    store: Store, briefing: Briefing, sections: list[Section], lang: Lang, printed_on: date
) -> tuple[Element, ...]:
    lead = clean(sections[0].summary(lang), LONG_LIMIT) if sections else ""
    kicker = " · ".join(
        (clean(briefing.district(lang)), clean(briefing.city(lang)), text("doc_kind", lang))
    )
    title_block = TitleBlock(
        kicker=kicker,
        title=clean(briefing.title(lang)),
        printed=text("printed", lang, date=printed_date(printed_on, lang)),
        lines=(clean(briefing.publisher(lang)), clean(briefing.source(lang), LONG_LIMIT)),
        lead=lead,
    )
    elements: list[Element] = [title_block]
    figures = tuple(_figure(fact, lang) for fact in store.headline_facts(briefing.id))
    if figures:
        elements += [Heading(text("headlines", lang)), FigureGrid(figures)]
    targets = store.targets(briefing.id)
    if targets:
        elements += [
            Heading(_targets_title(store, briefing, targets, lang)),
            TargetGrid(
                (text("col_indicator", lang), text("col_target", lang)),
                _target_items(store, briefing, targets, lang),
            ),
        ]
    return tuple(elements)


def _targets_title(store: Store, briefing: Briefing, targets: list[Fact], lang: Lang) -> str:
    """The briefing's own name for its targets summary, with the year unless it has one."""
    title = clean(briefing.targets_title(lang))
    if str(briefing.year) in title:
        return title
    return text("targets", lang, title=title, year=briefing.year)


def _figure(fact: Fact, lang: Lang) -> Figure:
    parts = figure_parts(fact, lang)
    caption = f"{_year(fact.year, lang)} · {kind_name(fact.kind, lang)}"
    return Figure(
        prefix=clean(parts.before), number=clean(parts.number), unit=clean(parts.after),
        suffix="", label=clean(fact.label(lang)), caption=clean(caption),
    )


def _year(year: int | None, lang: Lang) -> str:
    """'2023年' / '2023'; '未注年份' / 'undated' for a fact the source gives no year."""
    return text("year", lang, year=year) if year is not None else year_text(None, lang)


def _target_items(
    store: Store, briefing: Briefing, targets: list[Fact], lang: Lang
) -> tuple[TargetItem, ...]:
    earlier = {pair.target.id: pair.result for pair in store.comparable_pairs(briefing.id)}
    items = []
    for fact in targets:
        note = ""
        if fact.value is None:
            note = text("no_figure", lang)
        elif fact.id in earlier:
            result = earlier[fact.id]
            note = text("previous", lang, year=year_text(result.year, lang),
                        value=display_value(result, lang))
        items.append(TargetItem(
            label=clean(fact.label(lang)), value=clean(display_value(fact, lang)),
            note=clean(note),
        ))
    return tuple(items)


def _themes(
    store: Store, briefing: Briefing, sections: list[Section], lang: Lang
) -> list[Element]:
    facts = store.facts(FactFilter(briefing_id=briefing.id))
    by_section: dict[str, list[Fact]] = {}
    for fact in facts:
        by_section.setdefault(fact.section_id, []).append(fact)
    elements: list[Element] = [Heading(text("themes", lang), level=0)]
    for number, section in enumerate(sections, start=1):
        elements += [
            Heading(f"{number}  {clean(section.title(lang))}"),
            Paragraph(clean(section.summary(lang), LONG_LIMIT), "lead"),
        ]
        rows = by_section.pop(section.id, [])
        if rows:
            elements.append(_fact_table(rows, lang))
    leftovers = [fact for rows in by_section.values() for fact in rows]
    if leftovers:
        elements += [Heading(f"{len(sections) + 1}  {text('other', lang)}"),
                     _fact_table(leftovers, lang)]
    return elements


def _fact_table(facts: list[Fact], lang: Lang) -> FactTable:
    headers = (
        text("col_indicator", lang), text("col_year", lang), text("col_kind", lang),
        text("col_value", lang), text("col_paragraph", lang),
    )
    rows = tuple(
        FactRow(
            label=clean(fact.label(lang)),
            description=clean(fact.description(lang), LONG_LIMIT),
            year=year_text(fact.year, lang),
            kind=clean(kind_name(fact.kind, lang)),
            value=clean(display_value(fact, lang)),
            paragraph=str(fact.paragraph),
        )
        for fact in facts
    )
    return FactTable(headers, rows)


def _charts(chart_list: list[tuple[str, str]], lang: Lang) -> list[Element]:
    if not chart_list:
        return []
    elements: list[Element] = [PageBreak(), Heading(text("charts", lang), level=0)]
    elements += [ChartBlock(chart_id, clean(caption)) for chart_id, caption in chart_list]
    return elements


def _sources(store: Store, briefing: Briefing, lang: Lang) -> list[Element]:
    count = len(store.facts(FactFilter(briefing_id=briefing.id)))
    items = (
        (text("src_title", lang), clean(briefing.title(lang))),
        (text("src_publisher", lang), clean(briefing.publisher(lang))),
        (text("src_source", lang), clean(briefing.source(lang), LONG_LIMIT)),
        (text("src_file", lang), clean(briefing.source_file)),
        (text("src_facts", lang), text("facts_count", lang, count=count)),
        (text("src_database", lang), clean(store.path.name)),
        (text("src_generated", lang), f"jhviewer {__version__}"),
    )
    return [
        Heading(text("sources", lang), level=0),
        Definitions(items),
        Paragraph(text("note", lang), "note"),
    ]
