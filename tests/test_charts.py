"""Charts: chosen from the store's data, drawn with pyqtgraph, exported as PNG, SVG and CSV,
and painted onto any QPainter for the printout."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QColor, QImage, QPageSize, QPainter, QPdfWriter

from jhviewer.data.charts import ChartData, chart_data
from jhviewer.data.errors import ExportError
from jhviewer.data.records import ChartSpec
from jhviewer.data.store import Store
from jhviewer.ui import charts
from jhviewer.ui.app import create_application
from jhviewer.ui.charts_panel import ChartsPanel
from tests.uihelpers import CJK, close_window, damaged_copy, make_window, settle

# The charts resources/briefings/jianghan-2024.toml declares, in order.
CHART_KEYS = (
    "targets-growth", "targets-amounts", "targets-firms", "targets-projects",
    "result-vs-target", "financial-institutions", "property-services", "energy-savings",
    "gdp-growth-series",
)


@pytest.fixture
def db(built_db: Path) -> Iterator[Store]:
    create_application()
    with Store.open(built_db) as opened:
        yield opened


def spec(store: Store, key: str) -> ChartSpec:
    return next(s for s in store.charts() if s.key == key)


def chart(store: Store, key: str, lang: str) -> ChartData:
    return chart_data(store, spec(store, key), lang)  # type: ignore[arg-type]


def test_the_briefing_declares_its_charts_with_titles_in_both_languages(db: Store) -> None:
    specs = db.charts()
    assert tuple(s.key for s in specs) == CHART_KEYS
    assert [s.title("en") for s in specs][:2] == ["Targets: growth rates",
                                                  "Targets: amounts of money"]
    assert [s.title("zh") for s in specs][:2] == ["目标：增速", "目标：金额"]
    assert all(not CJK.search(s.title("en")) for s in specs)
    assert all(CJK.search(s.title("zh")) for s in specs)


@pytest.mark.parametrize("chart_id", CHART_KEYS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chart_has_data_title_units_and_source(db: Store, chart_id: str, lang: str) -> None:
    data = chart(db, chart_id, lang)  # type: ignore[arg-type]
    assert not data.empty, data.message
    assert data.title and data.subtitle and data.source
    briefing = db.briefing()
    assert briefing is not None and briefing.title(lang) in data.source  # type: ignore[arg-type]
    for plot in data.plots:
        assert plot.unit
        assert plot.bars
        for bar in plot.bars:
            assert bar.label and bar.text and bar.tip


def test_growth_targets_are_the_percentage_targets_in_source_order(db: Store) -> None:
    data = chart(db, "targets-growth", "en")
    assert data.subtitle == "2024 targets stated in the briefing, in %"
    assert [(bar.label, bar.text) for bar in data.plots[0].bars] == [
        ("GDP growth", "7.3%"), ("Fixed-asset investment growth", "8%"),
        ("General public budget revenue growth", "10%"), ("Retail sales growth", "10%"),
    ]


def test_result_against_target_pairs(db: Store) -> None:
    data = chart(db, "result-vs-target", "zh")
    assert data.subtitle == "同一指标：2023年成绩与2024年目标对照"
    assert [(plot.title, [(b.label, b.text) for b in plot.bars]) for plot in data.plots] == [
        ("地区生产总值增长", [("2023年成绩（预计）", "7.4%（预计）"), ("2024年目标", "7.3%")]),
        ("金融业增加值", [("2023年成绩", ">400"), ("2024年目标", "450")]),
    ]
    assert {bar.series for bar in data.plots[0].bars} == {"result", "target"}
    assert len(data.legend()) == 2


def test_a_series_chart_follows_one_indicator_across_years(db: Store) -> None:
    data = chart(db, "gdp-growth-series", "en")
    assert [(b.label, b.text) for b in data.plots[0].bars] == [
        ("2023 result (est.)", "7.4% (est.)"), ("2024 target", "7.3%"),
    ]


def test_financial_institutions_rest_is_a_lower_bound(db: Store) -> None:
    data = chart(db, "financial-institutions", "en")
    national, regional, other = data.plots[0].bars
    assert (national.value, regional.value) == (8, 78)
    assert (other.label, other.value, other.text) == ("Other institutions", 514, ">514")
    assert other.series == "derived"


def test_count_targets_chart_names_the_stores_it_charts(db: Store) -> None:
    en, zh = chart(db, "targets-firms", "en"), chart(db, "targets-firms", "zh")
    assert (zh.title, en.title) == (
        "目标：企业、机构与门店数量", "Targets: firms, institutions and stores"
    )
    labels = [bar.label for bar in en.plots[0].bars]
    assert (labels[4], labels[-1]) == ("First stores attracted", "City duty-free experience stores")
    assert labels[1] == "Mutual fund company attracted"


def test_a_rank_is_not_paired_with_a_count_target(db: Store) -> None:
    # 新增首店 "第一把交椅" (a place) and 引进首店100家 (a count) are not one indicator
    rank = next(f for f in db.facts() if f.key == "first-stores-rank-2023")
    assert (rank.kind, rank.indicator) == ("ranking", None)
    titles = [plot.title for plot in chart(db, "result-vs-target", "en").plots]
    assert titles == ["GDP growth", "Financial value added"]


def test_property_coverage_is_on_a_hundred_percent_axis(db: Store) -> None:
    data = chart(db, "property-services", "en")
    plot = data.plots[0]
    assert plot.limit == 100
    assert sorted(bar.value for bar in plot.bars) == [97.9, 100.0]


def test_a_missing_fact_gives_a_message_not_a_crash(
    qtbot, tmp_path: Path, built_db: Path
) -> None:
    create_application()
    damaged = damaged_copy(
        built_db, tmp_path / "missing.db",
        ("DELETE FROM fact_entities WHERE fact_id = ?", ("jianghan-2024/national-financial-hqs",)),
        ("DELETE FROM facts WHERE id = ?", ("jianghan-2024/national-financial-hqs",)),
    )
    with Store.open(damaged) as store:
        data = chart(store, "financial-institutions", "en")
        assert data.empty and "no data" in data.message
        image = QImage(480, 300, QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        charts.paint_chart(store, spec(store, "financial-institutions"), "en", painter,
                           QRectF(0, 0, 480, 300))
        painter.end()
        with pytest.raises(ExportError):
            charts.export_chart(data, tmp_path / "x.png")
    window = make_window(qtbot, tmp_path, damaged, "en")
    panel = window.show_tab("charts")
    assert isinstance(panel, ChartsPanel)
    panel.show_chart("financial-institutions")
    settle()
    assert panel.no_data.isVisible() and "no data" in panel.no_data.text()
    assert not panel.buttons["png"].isEnabled()
    close_window(window)


# --- exports -----------------------------------------------------------------------------


def test_png_export(db: Store, tmp_path: Path) -> None:
    data = chart(db, "targets-growth", "en")
    out = charts.export_chart(data, tmp_path / "growth.png")
    image = QImage(str(out))
    assert not image.isNull()
    assert image.width() >= charts.CANVAS_WIDTH and image.height() >= charts.CANVAS_HEIGHT
    colours = {image.pixel(x, y) for x in range(0, image.width(), 40)
               for y in range(0, image.height(), 40)}
    assert len(colours) > 3  # bars, text and background, not a blank page
    assert not list(tmp_path.glob(".*part*"))  # written atomically


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_svg_export_is_xml_with_the_title(db: Store, tmp_path: Path, lang: str) -> None:
    data = chart(db, "result-vs-target", lang)  # type: ignore[arg-type]
    out = charts.export_chart(data, tmp_path / "pairs.svg")
    root = ElementTree.parse(out).getroot()
    assert root.tag.endswith("svg")
    text = out.read_text(encoding="utf-8")
    assert data.title in text
    assert "viewBox" in text


def test_csv_export_holds_the_values(db: Store, tmp_path: Path) -> None:
    data = chart(db, "financial-institutions", "zh")
    out = charts.export_chart(data, tmp_path / "institutions.csv")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(charts.CSV_HEADER)
    bars = data.plots[0].bars
    assert [row["category"] for row in rows] == [bar.label for bar in bars]
    assert [float(row["value"]) for row in rows] == [bar.value for bar in bars]
    assert all(row["source"] == data.source for row in rows)


def test_export_refuses_unknown_formats(db: Store, tmp_path: Path) -> None:
    data = chart(db, "energy-savings", "en")
    with pytest.raises(ExportError):
        charts.export_chart(data, tmp_path / "chart.bmp")


def test_paint_chart_on_a_pdf_page(db: Store, tmp_path: Path) -> None:
    out = tmp_path / "charts.pdf"
    writer = QPdfWriter(str(out))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    try:
        page = QRectF(0, 0, writer.width(), writer.width() * 0.62)
        for index, chart_id in enumerate(CHART_KEYS[:2]):
            if index:
                writer.newPage()
            charts.paint_chart(db, spec(db, chart_id), "zh", painter, page)
    finally:
        painter.end()
    assert out.stat().st_size > 5000
    assert out.read_bytes().startswith(b"%PDF")


def test_figure_height_keeps_the_canvas_aspect() -> None:
    assert charts.figure_height(480) == pytest.approx(480 * 600 / 960)
    assert charts.nice_ticks(10) == [0, 2, 4, 6, 8, 10]
    assert charts.nice_ticks(514)[-1] >= 514


# --- the panel ---------------------------------------------------------------------------


def test_panel_draws_each_chart_with_escaped_tooltips(
    qtbot, tmp_path: Path, built_db: Path
) -> None:
    import pyqtgraph as pg

    window = make_window(qtbot, tmp_path, built_db, "en")
    panel = window.show_tab("charts")
    settle()
    assert isinstance(panel, ChartsPanel)
    assert panel.chart_list.count() == len(CHART_KEYS)
    for row, chart_id in enumerate(CHART_KEYS):
        panel.chart_list.setCurrentRow(row)
        settle()
        assert panel.current_chart_id() == chart_id
        assert panel.plot_widget is not None and panel.plot_widget.isVisible()
        assert panel.title.text() == spec(window.store, chart_id).title("en")  # type: ignore[arg-type]
        assert panel.source.text().startswith("Source:")
        bars = [item for item in panel.plot_widget.scene().items()
                if isinstance(item, pg.BarGraphItem)]
        assert bars and all(bar.toolTip().startswith("<qt>") for bar in bars)
    close_window(window)


def test_panel_exports_the_chart_on_show(qtbot, tmp_path: Path, built_db: Path) -> None:
    window = make_window(qtbot, tmp_path, built_db, "zh")
    panel = window.show_tab("charts")
    settle()
    assert isinstance(panel, ChartsPanel)
    panel.show_chart("energy-savings")
    settle()
    for fmt in charts.EXPORT_FORMATS:
        out = panel.export(fmt, tmp_path / f"energy.{fmt}")
        assert out.stat().st_size > 100
    close_window(window)


def test_paint_figure_scales_to_any_rectangle(db: Store) -> None:
    """The amounts chart (450, 1,000 and 170 × CNY 100 million) as bars drawn to scale."""
    data = chart(db, "targets-amounts", "en")
    assert [bar.value for bar in data.plots[0].bars] == [450.0, 1000.0, 170.0]
    target = QColor(charts.SERIES_COLOURS["target"]).rgb()
    for size in (QSizeF(300, 200), QSizeF(1600, 700)):
        image = QImage(size.toSize(), QImage.Format.Format_RGB32)
        image.fill(QColor("#ff00ff"))  # a colour the chart never uses
        painter = QPainter(image)
        charts.paint_figure(data, painter, QRectF(0, 0, size.width(), size.height()),
                            charts.PAPER)
        painter.end()
        pixels = [[image.pixel(x, y) for x in range(image.width())]
                  for y in range(image.height())]
        assert all(QColor("#ff00ff").rgb() not in row for row in pixels)  # all painted over
        lengths = _bar_lengths(pixels, target)
        assert len(lengths) == 3, lengths
        longest = max(lengths)
        ratios = [round(length / longest, 2) for length in lengths]
        tolerance = 0.08 if size.width() < 1000 else 0.02
        assert all(abs(got - want) <= tolerance
                   for got, want in zip(ratios, [0.45, 1.0, 0.17], strict=True)), ratios


def _bar_lengths(pixels: list[list[int]], colour: int) -> list[int]:
    """Per band of rows showing `colour`, its most pixels in one row: one per horizontal bar.

    Pixels within a small distance of `colour` count, so the faint grid lines drawn over the
    bars do not cut them.
    """
    def near(pixel: int) -> bool:
        return all(abs(((pixel >> shift) & 0xFF) - ((colour >> shift) & 0xFF)) <= 24
                   for shift in (0, 8, 16))

    bands: list[int] = []
    inside = False
    for row in pixels:
        count = sum(1 for pixel in row if near(pixel))
        if count:
            if not inside:
                bands.append(0)
            bands[-1] = max(bands[-1], count)
        inside = bool(count)
    return bands
