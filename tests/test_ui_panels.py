"""Each panel shows what the store holds: overview, district facts, numbers of Jianghan."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QLabel

from jhviewer.data.format import display_value
from jhviewer.data.records import FactFilter
from jhviewer.data.store import Store
from jhviewer.ui import style
from jhviewer.ui.facts_panel import FactsPanel
from jhviewer.ui.main_window import MainWindow
from jhviewer.ui.models import FACT_ROLE, SPAN_ROLE, Column, FactTableModel
from jhviewer.ui.overview import OverviewPanel
from jhviewer.ui.targets_panel import TargetsPanel, group_targets
from tests.uihelpers import close_window, make_window, settle


@pytest.fixture
def db(built_db: Path) -> Iterator[Store]:
    with Store.open(built_db) as opened:
        yield opened


@pytest.fixture
def window(qtbot, tmp_path: Path, built_db: Path) -> Iterator[MainWindow]:
    win = make_window(qtbot, tmp_path, built_db, "zh")
    yield win
    close_window(win)


def facts_panel(window: MainWindow) -> FactsPanel:
    panel = window.show_tab("facts")
    settle()
    assert isinstance(panel, FactsPanel)
    return panel


def fetch_all(model: FactTableModel) -> None:
    while model.canFetchMore():
        model.fetchMore()


# --- overview ----------------------------------------------------------------------------


def test_overview_shows_briefing_and_headline_tiles(window: MainWindow, db: Store) -> None:
    overview = window.panels["overview"]
    assert isinstance(overview, OverviewPanel)
    briefing = db.briefing()
    assert briefing is not None
    title = overview.content.findChild(QLabel, "title")
    assert title.text() == briefing.title("zh")
    assert title.textFormat() == Qt.TextFormat.PlainText
    assert briefing.district("zh") in overview.content.findChild(QLabel, "district").text()
    headlines = db.headline_facts()
    assert [tile.accessibleName() for tile in overview.tiles] == [f.label("zh") for f in headlines]
    figures = [tile.findChild(QLabel, "figure") for tile in overview.tiles]
    assert [figure.accessibleName() for figure in figures] == [
        display_value(f, "zh") for f in headlines
    ]


def test_overview_235_diagram_names_linked_industries(window: MainWindow, db: Store) -> None:
    overview = window.panels["overview"]
    assert isinstance(overview, OverviewPanel)
    expected = []
    for key in ("industrial-drivers", "leading-industries", "emerging-industries"):
        linked = db.entities_for(f"jianghan-2024/{key}")
        expected.append([e.name("zh") for e in linked if e.type == "industry"])
    shown = [[box.text() for box in row] for row in overview.tier_boxes]
    assert shown == expected
    assert [len(row) for row in shown] == [2, 3, 5]


def test_overview_without_store_shows_empty_state(qtbot) -> None:
    panel = OverviewPanel("en")
    qtbot.addWidget(panel)
    texts = [label.text() for label in panel.findChildren(QLabel)]
    assert "No briefing is open" in texts
    assert panel.tiles == []


# --- district facts ----------------------------------------------------------------------


def test_facts_table_holds_every_fact(window: MainWindow, db: Store) -> None:
    panel = facts_panel(window)
    fetch_all(panel.model)
    assert panel.model.rowCount() == db.count_facts()
    first = db.facts(limit=1)[0]
    index = panel.model.index(0, Column.INDICATOR)
    assert index.data() == first.label("zh")
    assert panel.model.index(0, Column.VALUE).data() == display_value(first, "zh")
    assert panel.model.index(0, Column.YEAR).data() == "未注年份"  # 楚中第一繁盛处: undated


def test_facts_model_pages_lazily(qtbot, db: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FactTableModel, "PAGE_SIZE", 10)
    calls: list[tuple[int, int | None]] = []
    real_facts = db.facts

    def spy(where: FactFilter | None = None, offset: int = 0, limit: int | None = None) -> list:
        calls.append((offset, limit))
        return real_facts(where, offset, limit)

    monkeypatch.setattr(db, "facts", spy)
    model = FactTableModel()
    model.set_store(db)
    assert model.rowCount() == 10
    assert model.total() == db.count_facts()
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 20
    assert calls == [(0, 10), (10, 10)]
    fetch_all(model)
    assert model.rowCount() == db.count_facts()
    assert all(limit == 10 for _, limit in calls)


def test_selecting_a_theme_filters_the_table(window: MainWindow, db: Store) -> None:
    panel = facts_panel(window)
    panel.select_theme("finance")
    settle()
    fetch_all(panel.model)
    finance = next(s for s in db.sections() if s.key == "finance")
    assert panel.model.rowCount() == db.count_facts(FactFilter(section_id=finance.id))
    facts = [panel.model.fact(row) for row in range(panel.model.rowCount())]
    assert facts and all(f is not None and f.section_id == finance.id for f in facts)
    assert panel.theme_summary.text() == finance.summary("zh")


def test_kind_and_year_filters(window: MainWindow, db: Store) -> None:
    panel = facts_panel(window)
    panel.kind_box.setCurrentIndex(panel.kind_box.findData("target"))
    panel.year_box.setCurrentIndex(panel.year_box.findData(2024))
    settle()
    fetch_all(panel.model)
    assert panel.model.rowCount() == len(db.targets())
    assert panel.model.rowCount() > 0


def test_search_shows_the_fact_its_evidence_and_the_match(window: MainWindow, db: Store) -> None:
    panel = facts_panel(window)
    panel.search("首店")
    settle()
    hits = db.search("首店")
    assert hits
    assert panel.model.rowCount() == len(hits)
    fact = panel.selected_fact()
    assert fact is not None and fact.id == hits[0].fact.id
    spans = panel.model.index(0, Column.INDICATOR).data(SPAN_ROLE)
    label = fact.label("zh")
    assert spans and label[spans[0][0]:spans[0][1]] == "首店"
    detail = panel.detail.fields
    assert fact.evidence in detail["evidence"].accessibleName()
    assert detail["label"].property("spans") == [list(span) for span in spans]
    assert detail["label"].textFormat() == Qt.TextFormat.RichText
    if "首店" in fact.evidence:
        assert detail["evidence"].property("spans")
    assert (panel.count_text, len(hits)) == ("匹配：4 条", 4)


def test_search_highlight_is_painted(window: MainWindow) -> None:
    panel = facts_panel(window)
    panel.search("首店")
    settle()
    image: QImage = panel.table.viewport().grab().toImage()
    marker = style.SEARCH_HIGHLIGHT.rgb()
    found = any(
        image.pixel(x, y) == marker
        for y in range(0, min(image.height(), 120), 2)
        for x in range(0, image.width(), 2)
    )
    assert found, "the matching span is not highlighted in the table"


def test_search_without_results_clears_the_detail(window: MainWindow) -> None:
    panel = facts_panel(window)
    panel.search("zzzz-no-such-thing")
    settle()
    assert panel.model.rowCount() == 0
    assert "placeholder" in panel.detail.fields
    panel.clear_search()
    settle()
    assert panel.model.rowCount() > 0


def test_copy_puts_the_citation_on_the_clipboard(window: MainWindow, db: Store) -> None:
    panel = facts_panel(window)
    panel.search("首店")
    settle()
    fact = panel.selected_fact()
    assert fact is not None and fact.id == "jianghan-2024/yuexiu-first-stores-rank"
    assert window.act["copy-fact"].isEnabled()
    window.act["copy-fact"].trigger()
    expected = (  # what a reader pastes: the fact, our description, the evidence, where
        "越秀国金天地首店品牌（2023年，排名）：第1名\n"
        "越秀国金天地的首店品牌在2023年汉口片区中排名第一。\n"
        "原文：“首店品牌居2023年汉口片区之首”\n"
        "出处：中共武汉市江汉区委宣传部《重塑新时代武汉之“重”》，"
        "原文“供需两端协同发力 迈向国际消费中心城市先行示范区”部分，第33段"
    )
    assert QGuiApplication.clipboard().text() == expected
    QGuiApplication.clipboard().clear()
    panel.detail.copy_button.click()
    assert QGuiApplication.clipboard().text() == expected


def test_ctrl_f_focuses_the_search_box(window: MainWindow, qtbot) -> None:
    window.show_tab("overview")
    window.activateWindow()
    window.act["find"].trigger()
    settle()
    panel = window.panels["facts"]
    assert isinstance(panel, FactsPanel)
    assert window.current_tab() == "facts"
    assert panel.search_box.hasFocus() or QGuiApplication.focusObject() is panel.search_box


def test_detail_lists_linked_entities(window: MainWindow, db: Store) -> None:
    panel = facts_panel(window)
    for row in range(panel.model.rowCount()):
        fact = panel.model.index(row, 0).data(FACT_ROLE)
        if db.entities_for(fact.id):
            panel.table.selectRow(row)
            break
    settle()
    fact = panel.selected_fact()
    assert fact is not None
    text = panel.detail.fields["entities"].text()
    for entity in db.entities_for(fact.id):
        assert entity.name("zh") in text


# --- numbers of Jianghan -----------------------------------------------------------------


def test_one_card_per_target_in_source_groups(window: MainWindow, db: Store) -> None:
    panel = window.show_tab("targets")
    settle()
    assert isinstance(panel, TargetsPanel)
    targets = db.targets()
    assert len(panel.cards) == len(targets)
    assert [card.accessibleName() for card in panel.cards] == [
        fact.label("zh") for _, facts in group_targets(targets) for fact in facts
    ]
    numbers = [number for number, _ in group_targets(targets)]
    assert numbers == sorted(numbers)  # source order is bullet order


def test_target_cards_show_earlier_results(window: MainWindow, db: Store) -> None:
    panel = window.show_tab("targets")
    settle()
    assert isinstance(panel, TargetsPanel)
    pairs = db.comparable_pairs()
    assert pairs
    by_label = {card.accessibleName(): card for card in panel.cards}
    for pair in pairs:
        card = by_label[pair.target.label("zh")]
        earlier = card.findChild(QLabel, "earlier-result")
        assert earlier is not None and earlier.isVisible()
        assert display_value(pair.result, "zh") in earlier.text()
        assert str(pair.result.year) in earlier.text()


def test_group_targets_keeps_source_order(db: Store) -> None:
    groups = group_targets(db.targets())
    flattened = [fact for _, facts in groups for fact in facts]
    assert sorted(flattened, key=lambda f: f.position) == flattened


# --- facts as the source states them (issue 14) ------------------------------------------


def _select(panel: FactsPanel, key: str) -> None:
    fetch_all(panel.model)
    for row in range(panel.model.rowCount()):
        if panel.model.index(row, 0).data(FACT_ROLE).key == key:
            panel.table.selectRow(row)
            settle()
            return
    raise AssertionError(key)


def _figure_labels(widget) -> list[tuple[str, str]]:
    """(name, text) of the qualifier, figure and unit labels, in layout order."""
    names = ("qualifier", "figure", "unit")
    return [(w.objectName(), w.text()) for w in widget.findChildren(QLabel)
            if w.objectName() in names and w.text()]


DETAIL_CASES = {
    "zh": {
        "financial-value-added-2023": (
            "金融 · 成绩 · 2023", [("qualifier", "突破"), ("figure", "400"), ("unit", "亿元")]
        ),
        "financial-institutions": ("金融 · 现状 · 未注年份",
                                   [("figure", "600"), ("unit", "多家")]),
        "gdp-growth-2023": ("区情概览 · 成绩 · 2023", [("qualifier", "预计"), ("figure", "7.4%")]),
        "talent-card-first-in-wuhan": ("金融 · 殊荣 · 2023", [("figure", "全市率先推出")]),
        "changhang-logistics-top50": ("消费与现代服务业 · 入选榜单 · 2023",
                                      [("figure", "中国物流企业50强")]),
        "hubei-third-securities-firm": ("金融 · 事件 · 2023", [("figure", "湖北第三家券商")]),
        "first-100bn-gdp-district": ("区情概览 · 殊荣 · 未注年份", [("figure", "全省第一个")]),
        "finance-concentration-rank": ("金融 · 殊荣 · 未注年份",
                                       [("figure", "武汉市金融业集聚程度最高")]),
        "gdp-growth-rank-2023": ("区情概览 · 排名 · 2023", [("figure", "第1名")]),
        "three-highs": ("区情概览 · 现状 · 未注年份", []),
    },
    "en": {
        "financial-value-added-2023": ("Finance · Result · 2023",
                                        [("qualifier", "over"), ("figure", "CNY 40 billion")]),
        "financial-institutions": ("Finance · Status · undated",
                                   [("qualifier", "more than"), ("figure", "600"),
                                    ("unit", "institutions")]),
        "gdp-growth-2023": ("District overview · Result · 2023",
                            [("qualifier", "est."), ("figure", "7.4%")]),
        "talent-card-first-in-wuhan": ("Finance · Distinction · 2023",
                                       [("figure", "first in Wuhan to launch")]),
        "changhang-logistics-top50": ("Consumption and services · Listing · 2023",
                                      [("figure", "in China's top 50 logistics enterprises")]),
        "hubei-third-securities-firm": ("Finance · Event · 2023",
                                        [("figure", "Hubei's third securities firm")]),
        "finance-concentration-rank": (
            "Finance · Distinction · undated",
            [("figure", "Wuhan's most financially concentrated district")],
        ),
        "first-100bn-gdp-district": ("District overview · Distinction · undated",
                                        [("figure", "first in Hubei")]),
        "gdp-growth-rank-2023": ("District overview · Ranking · 2023", [("figure", "No. 1")]),
        "three-highs": ("District overview · Status · undated", []),
    },
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_detail_pane_shows_each_kind_as_the_source_states_it(
    qtbot, tmp_path: Path, built_db: Path, lang: str
) -> None:
    win = make_window(qtbot, tmp_path, built_db, lang)
    try:
        panel = facts_panel(win)
        for key, (eyebrow, figure) in DETAIL_CASES[lang].items():
            _select(panel, key)
            fields = panel.detail.fields
            assert fields["eyebrow"].text() == eyebrow, key
            assert "qualifier" not in fields, key  # the qualifier is printed once, by the figure
            assert _figure_labels(panel.detail) == figure, key
        years = [panel.year_box.itemText(i) for i in range(panel.year_box.count())]
        assert years[-1] == ("未注年份" if lang == "zh" else "undated")
        panel.year_box.setCurrentIndex(panel.year_box.count() - 1)
        settle()
        fetch_all(panel.model)
        shown = {panel.model.index(r, 0).data(FACT_ROLE).key for r in range(panel.model.rowCount())}
        assert "chu-most-prosperous" in shown and "gdp-growth-2023" not in shown
        row = next(r for r in range(panel.model.rowCount())
                   if panel.model.index(r, 0).data(FACT_ROLE).key == "chu-most-prosperous")
        assert panel.model.index(row, Column.YEAR).data() == years[-1]
    finally:
        close_window(win)


@pytest.mark.parametrize(
    ("lang", "gdp", "talent"),
    [("zh", [("qualifier", "预计"), ("figure", "7.4%")], [("figure", "100"), ("unit", "人以上")]),
     ("en", [("qualifier", "est."), ("figure", "7.4%")],
      [("figure", "100"), ("unit", "people or more")])],
)
def test_cards_mark_the_estimate_and_keep_the_source_qualifier(
    qtbot, tmp_path: Path, built_db: Path, lang: str, gdp: list, talent: list
) -> None:
    win = make_window(qtbot, tmp_path, built_db, lang)
    try:
        overview = win.panels["overview"]
        assert isinstance(overview, OverviewPanel)
        tile = overview.tiles[0]
        assert _figure_labels(tile) == gdp
        panel = win.show_tab("targets")
        settle()
        assert isinstance(panel, TargetsPanel)
        label = "引进高层次人才" if lang == "zh" else "High-level talent recruited"
        card = next(c for c in panel.cards if c.accessibleName() == label)
        assert _figure_labels(card) == talent
        gdp_label = "地区生产总值增长" if lang == "zh" else "GDP growth"
        gdp_card = next(c for c in panel.cards if c.accessibleName() == gdp_label)
        earlier = gdp_card.findChild(QLabel, "earlier-result")
        assert earlier.text() == ("2023年：预计7.4%" if lang == "zh" else "2023 result: est. 7.4%")
    finally:
        close_window(win)
