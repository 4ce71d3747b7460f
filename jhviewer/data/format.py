"""How facts read in each language: values with units, qualifiers and estimates, claims in
words, kinds, years, locations."""

from __future__ import annotations

from dataclasses import dataclass

from jhviewer.data.records import Fact, Lang, Section

KIND_NAMES: dict[str, tuple[str, str]] = {
    "result": ("成绩", "Result"),
    "target": ("目标", "Target"),
    "ranking": ("排名", "Ranking"),
    "distinction": ("殊荣", "Distinction"),
    "listing": ("入选榜单", "Listing"),
    "event": ("事件", "Event"),
    "status": ("现状", "Status"),
    "plan": ("规划", "Plan"),
}


@dataclass(frozen=True, slots=True)
class QualifierForm:
    """How one of the source's qualifying words reads around a figure.

    Chinese keeps the source's word where the source puts it ('600多家', '超25个',
    '100人以上'); English says the same in its own order ('more than 600', '100 or more').
    `sign` marks a chart bar: '>' '≥' '≈' '≤'.
    """

    zh_before: str
    zh_in: str  # between the number and the unit: 600多家, 20余个
    zh_after: str  # after the unit: 100人以上
    en_before: str
    en_after: str
    sign: str


# The source's word -> its forms. Documented in resources/briefings/FORMAT.md.
QUALIFIER_FORMS: dict[str, QualifierForm] = {
    "以上": QualifierForm("", "", "以上", "", "or more", "≥"),
    "多": QualifierForm("", "多", "", "more than", "", ">"),
    "余": QualifierForm("", "余", "", "more than", "", ">"),
    "超": QualifierForm("超", "", "", "more than", "", ">"),
    "突破": QualifierForm("突破", "", "", "over", "", ">"),
    "约": QualifierForm("约", "", "", "about", "", "≈"),
    "不少于": QualifierForm("不少于", "", "", "at least", "", "≥"),
    "最高": QualifierForm("最高", "", "", "up to", "", "≤"),
}
ESTIMATED = ("预计", "est.")
UNDATED = ("未注年份", "undated")
NO_VALUE = "—"
RANK_UNIT = "名"


@dataclass(frozen=True, slots=True)
class FigureParts:
    """A figure split for display: `before` (small), `number` (big), `after` (small).

    '超' '25' '个'; 'more than' '600' 'institutions'; '预计' '7.4%' ''; for a claim in
    words '' '全市率先推出' ''; for no figure at all '' '—' ''.
    """

    before: str
    number: str
    after: str

    def joined(self, lang: Lang) -> str:
        if lang == "zh":
            return f"{self.before}{self.number}{self.after}"
        return " ".join(part for part in (self.before, self.number, self.after) if part)


def kind_name(kind: str, lang: Lang) -> str:
    zh, en = KIND_NAMES.get(kind, (kind, kind))
    return zh if lang == "zh" else en


def year_text(year: int | None, lang: Lang, suffix: bool = False) -> str:
    """'2023' ('2023年' with `suffix` in Chinese); a fact with no year reads '未注年份' /
    'undated' (the source does not date it)."""
    if year is None:
        return UNDATED[0] if lang == "zh" else UNDATED[1]
    return f"{year}年" if suffix and lang == "zh" else str(year)


def plain_number(number: float, grouping: bool = False) -> str:
    """7.4 -> '7.4', 600.0 -> '600', 18000 -> '18,000' with grouping."""
    if number.is_integer():
        return format(int(number), "," if grouping else "d")
    text = f"{number:,.6f}" if grouping else f"{number:.6f}"
    return text.rstrip("0").rstrip(".")


def value_number(fact: Fact, lang: Lang) -> str:
    """The figure alone, as a card shows it big: '7.3%', '450', '1.8', 'CNY 45 billion'.

    A rank reads whole ('No. 1', '第1名'): its unit is part of the figure. A fact without a
    value shows its claim in words ('全市率先推出'), or '—' when it has none.
    """
    if fact.value is None:
        return fact.claim(lang) or NO_VALUE
    unit = fact.unit
    if unit is not None and unit.id == RANK_UNIT:
        return _rank(fact, lang)
    if lang == "en" and unit is not None and unit.scale != 1:
        return _scaled_english(fact.value * unit.scale, unit.base_en)
    number = plain_number(fact.value, grouping=lang == "en")
    if unit is not None and unit.id == "%":
        return number + "%"
    return number


def unit_text(fact: Fact, lang: Lang) -> str:
    """The unit shown beside `value_number` ('' where the number already carries it).

    In English a counter (家, 个) reads as the fact's own noun ('stores', 'projects').
    """
    unit = fact.unit
    if fact.value is None or unit is None or unit.id in ("%", RANK_UNIT):
        return ""
    if lang == "zh":
        return unit.zh
    if unit.counter:
        return fact.noun_en or ""
    if unit.scale != 1 and unit.base_en == "CNY":
        return ""
    return unit.base_en if unit.scale != 1 else unit.en


def qualifier_form(fact: Fact) -> QualifierForm | None:
    """The forms of the fact's qualifying word, None for a figure the source states alone."""
    return QUALIFIER_FORMS.get(fact.qualifier or "")


def figure_parts(fact: Fact, lang: Lang) -> FigureParts:
    """The figure with its qualifier and estimate mark, split for display (see FigureParts)."""
    number = value_number(fact, lang)
    if fact.value is None or (fact.unit is not None and fact.unit.id == RANK_UNIT):
        before, after = "", ""
    else:
        unit = unit_text(fact, lang)
        form = qualifier_form(fact)
        if lang == "zh":
            before = form.zh_before if form else ""
            after = (form.zh_in if form else "") + unit + (form.zh_after if form else "")
        else:
            before = form.en_before if form else ""
            after = " ".join(p for p in (unit, form.en_after if form else "") if p)
    if fact.estimated and fact.value is not None:
        mark = ESTIMATED[0] if lang == "zh" else ESTIMATED[1]
        before = f"{mark}{before}" if lang == "zh" else " ".join(p for p in (mark, before) if p)
    return FigureParts(before, number, after)


def display_value(fact: Fact, lang: Lang) -> str:
    """The value as a sentence would say it: '600多家' / 'more than 600 institutions',
    '预计7.4%' / 'est. 7.4%', '100人以上' / '100 people or more', a claim in words."""
    return figure_parts(fact, lang).joined(lang)


def chart_sign(fact: Fact) -> str:
    """The sign a chart bar puts before the figure for its qualifier: '>', '≥', '≈', '≤'."""
    form = qualifier_form(fact)
    return form.sign if form else ""


def _rank(fact: Fact, lang: Lang) -> str:
    """Ranks read as places: '第1名' / 'No. 1'. Membership of a list is a `listing`."""
    number = plain_number(fact.value or 0)
    return f"第{number}名" if lang == "zh" else f"No. {number}"


def _scaled_english(amount: float, base: str) -> str:
    if base == "CNY":
        for size, word in ((1e9, "billion"), (1e6, "million")):
            if abs(amount) >= size:
                return f"CNY {plain_number(amount / size, grouping=True)} {word}"
        return f"CNY {plain_number(amount, grouping=True)}"
    return plain_number(amount, grouping=True)


def location(fact: Fact, section: Section | None, lang: Lang) -> str:
    """Where the source says it: the heading the paragraph sits under and its number."""
    heading = section.heading if section else ""
    if lang == "zh":
        place = f"“{heading}”部分" if heading else "导语"
        return f"原文{place}，第{fact.paragraph}段"
    place = f"under “{heading}”" if heading else "in the lead"
    return f"Source paragraph {fact.paragraph}, {place}"


def citation(fact: Fact, section: Section | None, source: str, lang: Lang) -> str:
    """A fact as plain text with its evidence and source, for the clipboard."""
    year = year_text(fact.year, lang, suffix=True)
    value = display_value(fact, lang)
    if lang == "zh":
        return (
            f"{fact.label_zh}（{year}，{kind_name(fact.kind, lang)}）：{value}\n"
            f"{fact.description_zh}\n原文：“{fact.evidence}”\n出处：{source}，"
            f"{location(fact, section, lang)}"
        )
    return (
        f"{fact.label_en} ({year}, {kind_name(fact.kind, lang)}): {value}\n"
        f"{fact.description_en}\nSource text: “{fact.evidence}”\nFrom: {source}, "
        f"{location(fact, section, lang)}"
    )


def source_reference(publisher: str, title: str, lang: str) -> str:
    """How a citation names the briefing: publisher and title, in the language's style."""
    # Plain quotes in English: the CJK font sets curly quotes full-width, which gapes in Latin.
    return f"{publisher}《{title}》" if lang == "zh" else f'{publisher}, "{title}"'
