"""How facts read in each language: values with units and qualifiers, kinds, locations."""

from __future__ import annotations

from jhviewer.data.records import Fact, Lang, Section

KIND_NAMES: dict[str, tuple[str, str]] = {
    "result": ("成绩", "Result"),
    "target": ("目标", "Target"),
    "ranking": ("排名", "Ranking"),
    "event": ("事件", "Event"),
    "status": ("现状", "Status"),
    "plan": ("规划", "Plan"),
}

_QUALIFIERS_ZH = {"approximately": "约{}", "more than": "超过{}", "at least": "不少于{}",
                  "up to": "最高{}"}
_QUALIFIERS_EN = {"approximately": "about {}", "more than": "more than {}",
                  "at least": "at least {}", "up to": "up to {}"}
NO_VALUE = "—"
RANK_UNIT = "名"


def kind_name(kind: str, lang: Lang) -> str:
    zh, en = KIND_NAMES.get(kind, (kind, kind))
    return zh if lang == "zh" else en


def plain_number(number: float, grouping: bool = False) -> str:
    """7.4 -> '7.4', 600.0 -> '600', 18000 -> '18,000' with grouping."""
    if number.is_integer():
        return format(int(number), "," if grouping else "d")
    text = f"{number:,.6f}" if grouping else f"{number:.6f}"
    return text.rstrip("0").rstrip(".")


def value_number(fact: Fact, lang: Lang) -> str:
    """The figure alone, as a card shows it big: '7.3%', '450', '1.8', 'CNY 45 billion'.

    A rank reads whole ('No. 1', '第1名', 'top 100'): its unit is part of the figure.
    """
    if fact.value is None:
        return NO_VALUE
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
    """The unit shown beside `value_number` ('' where the number already carries it)."""
    unit = fact.unit
    if fact.value is None or unit is None or unit.id in ("%", RANK_UNIT):
        return ""
    if lang == "zh":
        return unit.zh
    if unit.counter or (unit.scale != 1 and unit.base_en == "CNY"):
        return ""
    return unit.base_en if unit.scale != 1 else unit.en


def display_value(fact: Fact, lang: Lang) -> str:
    """The value as a sentence would say it: '超过600家', 'more than 600 organisations'."""
    if fact.value is None:
        return NO_VALUE
    if fact.unit is not None and fact.unit.id == RANK_UNIT:
        return value_number(fact, lang)  # 'top 100' already says 'up to'
    number = value_number(fact, lang)
    unit = unit_text(fact, lang)
    joined = f"{number}{unit}" if lang == "zh" else f"{number} {unit}".strip()
    templates = _QUALIFIERS_ZH if lang == "zh" else _QUALIFIERS_EN
    template = templates.get(fact.qualifier or "exactly")
    return template.format(joined) if template else joined


def _rank(fact: Fact, lang: Lang) -> str:
    """Ranks read as places: '第1名' / 'No. 1'; an 'up to' rank is a top-N list."""
    number = plain_number(fact.value or 0)
    if fact.qualifier == "up to":
        return f"前{number}名" if lang == "zh" else f"top {number}"
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
    year = f"{fact.year}年" if lang == "zh" else str(fact.year)
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
