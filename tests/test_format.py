"""Values read the way the source states them, in Chinese and in English."""

from __future__ import annotations

import pytest

from jhviewer.data.format import display_value, location, unit_text, value_number
from jhviewer.data.store import Store


def _fact(store: Store, key: str):
    return next(fact for fact in store.facts() if fact.key == key)


@pytest.mark.parametrize(
    ("key", "zh", "en"),
    [
        ("gdp-growth-2023", "7.4%", "7.4%"),
        ("financial-institutions", "超过600家", "more than 600"),
        ("financial-value-added-2023", "超过400亿元", "more than CNY 40 billion"),
        ("target-gazelle-firms", "25家", "25"),
        ("national-top100-district", "前100名", "top 100"),
    ],
)
def test_display_value(store: Store, key: str, zh: str, en: str) -> None:
    fact = _fact(store, key)
    assert display_value(fact, "zh") == zh
    assert display_value(fact, "en") == en


def test_wan_units_keep_the_chinese_figure_and_spell_out_the_english(store: Store) -> None:
    jobs = next(fact for fact in store.targets() if "1.8万人" in fact.evidence)
    assert display_value(jobs, "zh") == "1.8万人"
    assert display_value(jobs, "en") == "18,000 people"
    assert value_number(jobs, "zh") == "1.8"


def test_qualitative_target_has_no_number(store: Store) -> None:
    qualitative = [fact for fact in store.targets() if fact.value is None]
    assert qualitative, "the income target has no figure in the source"
    assert all(display_value(fact, "en") == "—" for fact in qualitative)


def test_location_names_the_paragraph_and_heading(store: Store) -> None:
    fact = _fact(store, "financial-institutions")
    section = store.section(fact.section_id)
    assert location(fact, section, "zh") == (
        "原文“从物理聚集到能级提升 金融“活水”聚力赋能”部分，第13段"
    )
    assert location(fact, section, "en").startswith("Source paragraph 13, under")


@pytest.mark.parametrize(("lang", "figure"), [("zh", "第1名"), ("en", "No. 1")])
def test_a_rank_is_one_figure_with_no_separate_unit(store: Store, lang: str, figure: str) -> None:
    rank = _fact(store, "gdp-growth-rank-2023")
    assert (value_number(rank, lang), unit_text(rank, lang)) == (figure, "")
