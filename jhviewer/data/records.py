"""Typed records the store returns. Plain dataclasses: the UI never sees a sqlite3.Row."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Lang = Literal["zh", "en"]


def pick(lang: Lang, zh: str, en: str) -> str:
    """The text in the wanted language, falling back to the other one when it is empty."""
    first, second = (zh, en) if lang == "zh" else (en, zh)
    return first or second


def local_id(qualified_id: str) -> str:
    """`<briefing id>/<local id>` -> `<local id>`, e.g. `town-2030/gdp-growth` -> `gdp-growth`."""
    return qualified_id.split("/", 1)[-1]


@dataclass(frozen=True, slots=True)
class Briefing:
    id: str
    district_zh: str
    district_en: str
    city_zh: str
    city_en: str
    title_zh: str
    title_en: str
    publisher_zh: str
    publisher_en: str
    year: int
    source_zh: str
    source_en: str
    source_file: str
    district_id: str  # the same for every briefing of one district (its years)
    short_name: str  # for file names: `<short_name>-briefing-zh.pdf`
    about_zh: str  # one line on what the briefing is, for About and the PDF footer
    about_en: str
    targets_title_zh: str  # the briefing's own name for its targets summary
    targets_title_en: str
    structure_title_zh: str | None  # the title of the Overview's tiers block, if any
    structure_title_en: str | None

    def district(self, lang: Lang) -> str:
        return pick(lang, self.district_zh, self.district_en)

    def city(self, lang: Lang) -> str:
        return pick(lang, self.city_zh, self.city_en)

    def title(self, lang: Lang) -> str:
        return pick(lang, self.title_zh, self.title_en)

    def publisher(self, lang: Lang) -> str:
        return pick(lang, self.publisher_zh, self.publisher_en)

    def source(self, lang: Lang) -> str:
        return pick(lang, self.source_zh, self.source_en)

    def about(self, lang: Lang) -> str:
        return pick(lang, self.about_zh, self.about_en)

    def targets_title(self, lang: Lang) -> str:
        return pick(lang, self.targets_title_zh, self.targets_title_en)

    def structure_title(self, lang: Lang) -> str:
        return pick(lang, self.structure_title_zh or "", self.structure_title_en or "")

    def label(self, lang: Lang) -> str:
        """How a picker lists the briefing: its district and year, `<district> 2030`."""
        return f"{self.district(lang)} {self.year}"


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    briefing_id: str
    position: int
    title_zh: str
    title_en: str
    summary_zh: str
    summary_en: str
    heading: str

    @property
    def key(self) -> str:
        return local_id(self.id)

    def title(self, lang: Lang) -> str:
        return pick(lang, self.title_zh, self.title_en)

    def summary(self, lang: Lang) -> str:
        return pick(lang, self.summary_zh, self.summary_en)


@dataclass(frozen=True, slots=True)
class Unit:
    id: str
    zh: str
    en: str
    scale: float
    base_en: str
    counter: bool  # a Chinese measure word (家, 个) that English leaves out

    def name(self, lang: Lang) -> str:
        return pick(lang, self.zh, self.en)


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    briefing_id: str
    type: str
    name_zh: str
    name_en: str

    @property
    def key(self) -> str:
        return local_id(self.id)

    def name(self, lang: Lang) -> str:
        return pick(lang, self.name_zh, self.name_en)


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    briefing_id: str
    section_id: str
    position: int
    kind: str
    year: int | None  # None: the source gives the statement no year ("undated")
    date: str | None
    indicator: str | None
    label_zh: str
    label_en: str
    value: float | None
    unit: Unit | None
    qualifier: str | None
    description_zh: str
    description_en: str
    evidence: str
    paragraph: int
    target_group: int | None
    headline: int | None
    estimated: bool = False  # the source gives the figure as an estimate (预计)
    claim_zh: str | None = None  # a claim in words where a figure would stand: 全市率先推出
    claim_en: str | None = None
    noun_en: str | None = None  # what a counter unit (家, 个) counts, in English: "stores"

    @property
    def key(self) -> str:
        return local_id(self.id)

    def label(self, lang: Lang) -> str:
        return pick(lang, self.label_zh, self.label_en)

    def claim(self, lang: Lang) -> str:
        """The claim in words ('' when the fact has none), e.g. 'first in the city to launch'."""
        return pick(lang, self.claim_zh or "", self.claim_en or "")

    def description(self, lang: Lang) -> str:
        return pick(lang, self.description_zh, self.description_en)


@dataclass(frozen=True, slots=True)
class Tier:
    """One row of the Overview's structure block: a title and the entities in it."""

    id: str
    briefing_id: str
    position: int
    title_zh: str
    title_en: str
    fact_id: str | None  # the fact that states the tier, for its tooltip
    entities: tuple[Entity, ...]

    def title(self, lang: Lang) -> str:
        return pick(lang, self.title_zh, self.title_en)


@dataclass(frozen=True, slots=True)
class ChartSpec:
    """A chart as the briefing file declares it (see FORMAT.md, `[[charts]]`).

    `fact_ids` are qualified ids in the declared order; `kind`/`unit_id` select facts of
    the briefing where no ids are given.
    """

    id: str
    briefing_id: str
    position: int
    type: str
    title_zh: str
    title_en: str
    subtitle_zh: str
    subtitle_en: str
    kind: str | None
    unit_id: str | None
    indicator: str | None
    total_fact_id: str | None
    remainder_zh: str
    remainder_en: str
    fact_ids: tuple[str, ...]

    @property
    def key(self) -> str:
        return local_id(self.id)

    def title(self, lang: Lang) -> str:
        return pick(lang, self.title_zh, self.title_en)

    def subtitle(self, lang: Lang) -> str:
        return pick(lang, self.subtitle_zh, self.subtitle_en)

    def remainder(self, lang: Lang) -> str:
        return pick(lang, self.remainder_zh, self.remainder_en)


@dataclass(frozen=True, slots=True)
class ComparablePair:
    """A past result and a later target that measure the same indicator."""

    indicator: str
    result: Fact
    target: Fact


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A fact that matches a query, and where: `text[start:end]` is the matching span."""

    fact: Fact
    field: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A row the store skipped because it could not be read as a record."""

    table: str
    row_id: str
    reason: str

    def __str__(self) -> str:
        return f"{self.table} {self.row_id}: {self.reason}"


@dataclass(frozen=True, slots=True)
class FactFilter:
    """Which facts to list; None means any. `undated` picks the facts with no year."""

    briefing_id: str | None = None
    section_id: str | None = None
    kind: str | None = None
    year: int | None = None
    undated: bool = False  # only facts without a year (year must then be None)
    headline_only: bool = False
    with_indicator: bool = False
