"""Values read the way the source states them, in Chinese and in English."""

from __future__ import annotations

import pytest

from jhviewer.data.format import (
    citation,
    display_value,
    figure_parts,
    location,
    unit_text,
    value_number,
    year_text,
)
from jhviewer.data.store import Store


def _fact(store: Store, key: str):
    return next(fact for fact in store.facts() if fact.key == key)


@pytest.mark.parametrize(
    ("key", "zh", "en"),
    [
        # an estimate (预计) is marked wherever its figure shows
        ("gdp-growth-2023", "预计7.4%", "est. 7.4%"),
        # the source's qualifier word, and the English noun for what 家/个 count
        ("financial-institutions", "600多家", "more than 600 institutions"),
        ("financial-value-added-2023", "突破400亿元", "over CNY 40 billion"),
        ("large-commercial-complexes", "超25个", "more than 25 complexes"),
        ("cec-park-project-pipeline", "20余个", "more than 20 projects"),
        ("commercial-space", "约300万平方米", "about 3,000,000 m²"),
        ("target-high-level-talent", "100人以上", "100 people or more"),
        ("target-digital-talent-training", "不少于1万人次", "at least 10,000 person-times"),
        ("law-firm-support", "最高100万元", "up to CNY 1 million"),
        ("donghu-energy-reduction", "预计8%以上", "est. 8% or more"),
        ("target-gazelle-firms", "25家", "25 firms"),
        ("target-first-stores", "100家", "100 first stores"),
        ("target-duty-free-stores", "3家", "3 stores"),
        ("target-public-fund", "1家", "1 mutual fund company"),
        # a rank is a place
        ("gdp-growth-rank-2023", "第1名", "No. 1"),
        # distinctions (first, only, leading group) in words, never a number
        ("talent-card-first-in-wuhan", "全市率先推出", "first in Wuhan to launch"),
        ("c40-pilot", "华中唯一", "the only one in Central China"),
        ("business-districts-first-tier", "处于第一方阵", "in the leading group"),
        ("zhongbei-dark-horse", "湖北A股最大“黑马”", "Hubei's biggest A-share \"dark horse\""),
        # a superlative is a distinction in words, not a place
        ("finance-concentration-rank", "武汉市金融业集聚程度最高",
         "Wuhan's most financially concentrated district"),
        # membership of a list is the list, not a bound
        ("national-top100-district", "全国综合百强区", "in China's top 100 districts"),
        ("changhang-logistics-top50", "中国物流企业50强",
         "in China's top 50 logistics enterprises"),
        ("baguodun-national-top10", "全国完整社区建设十大优秀案例",
         "among China's ten outstanding complete-community cases"),
        # an ordinal is not a count
        ("hubei-third-securities-firm", "湖北第三家券商", "Hubei's third securities firm"),
        ("hundsun-second-hq", "第二个企业总部", "second corporate headquarters"),
        # a number inside a name is not a figure
        ("target-15-minute-circle", "—", "—"),
        ("three-highs", "—", "—"),
        ("jianghan-road-century-old", "百年老街", "a century-old street"),
        # a quoted slogan is not a measured spacing
        ("chuanggu-slogan", "“50米一幢、100米一园”",
         "\"a building every 50 m, a park every 100 m\""),
    ],
)
def test_display_value(store: Store, key: str, zh: str, en: str) -> None:
    fact = _fact(store, key)
    assert display_value(fact, "zh") == zh
    assert display_value(fact, "en") == en


@pytest.mark.parametrize(
    ("key", "zh", "en"),
    [
        ("gdp-growth-2023", ("预计", "7.4%", ""), ("est.", "7.4%", "")),
        ("financial-institutions", ("", "600", "多家"), ("more than", "600", "institutions")),
        ("target-high-level-talent", ("", "100", "人以上"), ("", "100", "people or more")),
        ("large-commercial-complexes", ("超", "25", "个"), ("more than", "25", "complexes")),
        ("talent-card-first-in-wuhan", ("", "全市率先推出", ""),
         ("", "first in Wuhan to launch", "")),
    ],
)
def test_each_part_of_a_figure_appears_once(store: Store, key: str, zh: tuple, en: tuple) -> None:
    fact = _fact(store, key)
    for lang, expected in (("zh", zh), ("en", en)):
        parts = figure_parts(fact, lang)
        assert (parts.before, parts.number, parts.after) == expected


@pytest.mark.parametrize(
    ("key", "year_zh", "year_en"),
    [("chu-most-prosperous", "未注年份", "undated"),
     ("first-100bn-gdp-district", "未注年份", "undated"),
     # only the paragraph that says 新的一年 is dated; the plans after it are not
     ("cultural-district-plan", "2024", "2024"), ("heritage-lineage", "未注年份", "undated"),
     ("culture-consumption-scenes", "未注年份", "undated"),
     ("zhongbei-computing-pivot", "未注年份", "undated"),
     ("gdp-growth-2023", "2023", "2023"), ("jedz-founded", "1994", "1994")],
)
def test_undated_facts_say_so(store: Store, key: str, year_zh: str, year_en: str) -> None:
    fact = _fact(store, key)
    assert (year_text(fact.year, "zh"), year_text(fact.year, "en")) == (year_zh, year_en)


def test_citation_of_an_undated_distinction(store: Store) -> None:
    fact = _fact(store, "first-100bn-gdp-district")
    section = store.section(fact.section_id)
    assert citation(fact, section, "江汉区委宣传部", "zh").splitlines()[0] == (
        "全省第一个GDP过千亿元的城区（未注年份，殊荣）：全省第一个"
    )
    assert citation(fact, section, "Publicity Dept.", "en").splitlines()[0] == (
        "First district in Hubei with GDP above CNY 100 billion (undated, Distinction): "
        "first in Hubei"
    )


def test_chart_bars_keep_the_sign_and_the_estimate_mark(store: Store) -> None:
    from jhviewer.data.charts import bar_text

    gdp = _fact(store, "gdp-growth-2023")
    assert (bar_text(gdp, "zh"), bar_text(gdp, "en")) == ("7.4%（预计）", "7.4% (est.)")
    donghu = _fact(store, "donghu-energy-reduction")
    assert (bar_text(donghu, "zh"), bar_text(donghu, "en")) == ("≥8%（预计）", "≥8% (est.)")
    institutions = _fact(store, "financial-institutions")
    assert bar_text(institutions, "en") == ">600"


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


@pytest.mark.parametrize(
    ("lang", "labels", "texts", "axis"),
    [("zh", ["2023年成绩（预计）", "2024年目标"], ["7.4%（预计）", "7.3%"], "家"),
     ("en", ["2023 result (est.)", "2024 target"], ["7.4% (est.)", "7.3%"], "institutions")],
)
def test_charts_mark_the_estimate_and_name_what_is_counted(
    store: Store, lang: str, labels: list[str], texts: list[str], axis: str
) -> None:
    from jhviewer.data.charts import chart_data

    specs = {spec.id.split("/", 1)[-1]: spec for spec in store.charts()}
    pairs = chart_data(store, specs["result-vs-target"], lang)
    gdp = pairs.plots[0]
    assert [bar.label for bar in gdp.bars] == labels
    assert [bar.text for bar in gdp.bars] == texts
    institutions = chart_data(store, specs["financial-institutions"], lang)
    assert institutions.plots[0].unit == axis
    assert institutions.plots[0].bars[-1].text == ">514"  # 600多 less 86: a bound, not '514多'
