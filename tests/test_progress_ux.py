"""The progress pane in both languages: refused rows of an import preview give their reason
in the window's language, a growth-rate card shows its figures rather than a bar that
would read as nearly done, "Show history" lists superseded and retracted entries, and a
figure more than 10 times the target is allowed with a warning as you type."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from jhviewer.data.progress.db import ProgressStore, default_location
from jhviewer.data.progress.files import plan_import
from jhviewer.data.progress.model import NewEntry
from jhviewer.data.records import Lang
from jhviewer.paths import DEFAULT_DB
from jhviewer.ui.main_window import MainWindow
from jhviewer.ui.progress_panel import ImportDialog
from tests.uihelpers import close_window, make_window, pane_on, settle, targets

B = "jianghan-2024"


@pytest.fixture(params=["zh", "en"])
def window(request, qtbot, tmp_path: Path) -> Iterator[MainWindow]:
    win = make_window(qtbot, tmp_path, DEFAULT_DB, request.param)
    yield win
    close_window(win)


def by_lang(window: MainWindow, zh: object, en: object) -> object:
    lang: Lang = window.lang
    return zh if lang == "zh" else en


def test_import_preview_reasons_in_the_window_language(window: MainWindow, tmp_path: Path,
                                                       qtbot) -> None:
    panel = targets(window)
    sheet = tmp_path / "s.csv"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([
            ["target_id", "as_of", "value", "unit"],
            ["target-first-stores", "2024-06", "63", ""],
            ["target-new-jobs", "2024-06", "9000", ""],
            ["target-nope", "2024-06", "1", ""],
            ["target-first-stores", "2023-12", "5", ""],
            ["target-funds-in-place", "2024-06", "12", "家"],
            ["target-high-tech-firms", "2024-06", "lots", ""],
        ])
    plan = plan_import(sheet, panel.tracker.targets, panel.tracker.units)
    dialog = ImportDialog(sheet, plan, window.lang)
    qtbot.addWidget(dialog)
    rows = [[dialog.table.item(r, c).text() for c in range(3)]
            for r in range(dialog.table.rowCount())]
    assert rows == by_lang(window, [
        ["2", "添加", "target-first-stores  63 家  2024-06"],
        ["3", "添加（请核对）", "target-new-jobs  9000 万人  2024-06  — "
                          "9000万人超过目标（1.8万人）的10倍：请核对单位和数值"],
        ["4", "拒绝", "未知的目标编号“target-nope”"],
        ["5", "拒绝", "截至日期2023-12不在目标年份2024年内"],
        ["6", "拒绝", "单位“家”无法换算为目标的单位“亿元”"],
        ["7", "拒绝", "“lots”不是数字"],
    ], [
        ["2", "add", "target-first-stores  63 家  2024-06"],
        ["3", "add (check)", "target-new-jobs  9000 万人  2024-06  — "
                             "9000 万人 is more than 10× the target of 1.8 万人: check the "
                             "unit and the figure"],
        ["4", "refused", "unknown target id 'target-nope'"],
        ["5", "refused", "as-of date 2023-12 is outside the target year 2024 of "
                         "target-first-stores"],
        ["6", "refused", "unit 家 cannot be converted to the target's unit 亿元"],
        ["7", "refused", "value 'lots' is not a number"],
    ])
    assert dialog.import_button.text() == by_lang(window, "导入2行", "Import 2 rows")
    assert dialog.table.item(3, 2).toolTip() == by_lang(  # the whole reason, as plain text
        window, "<qt>截至日期2023-12不在目标年份2024年内</qt>",
        "<qt>as-of date 2023-12 is outside the target year 2024 of target-first-stores</qt>")


def test_a_rate_card_shows_figures_not_a_bar(window: MainWindow) -> None:
    with ProgressStore.open(default_location()) as db:
        db.add(NewEntry(B, "gdp-growth-2024-target", 6.0, "%", "2024-09", "rate", None, "",
                        ""))
        db.add(NewEntry(B, "target-first-stores", 63.0, "家", "2024-06", "cumulative", None,
                        "", ""))
    panel = targets(window)
    rate = panel.strips["gdp-growth-2024-target"]
    assert (rate.actual.text(), rate.chip.text()) == by_lang(
        window, ("6% · 2024-09", "▲ 进度滞后"), ("6% · 2024-09", "▲ Behind"))
    assert rate.bar.isHidden()  # 6 of 7.3 would fill 82% of a bar while behind
    # the space of the bar is kept, so the cards of a group stay the same height
    assert rate.sizeHint().height() == panel.strips["target-first-stores"].sizeHint().height()
    count = panel.strips["target-first-stores"]
    assert not count.bar.isHidden() and count.bar.value() == 63
    assert count.actual.text() == by_lang(window, "63家 · 2024-06", "63 first stores · 2024-06")
    nothing = panel.strips["target-retail-sales"]  # a rate card never has a bar
    assert nothing.bar.isHidden()
    assert nothing.actual.text() == by_lang(window, "暂无进度", "No progress yet")


def test_show_history_lists_superseded_and_retracted_entries(window: MainWindow) -> None:
    panel = targets(window)
    with ProgressStore.open(default_location()) as db:
        first = db.add(NewEntry(B, "target-first-stores", 36.0, "家", "2024-06", "cumulative",
                                None, "初报", "王"))
        edit = db.edit(first.id, NewEntry(B, "target-first-stores", 63.0, "家", "2024-06",
                                          "cumulative", None, "更正", "李"))
        other = db.add(NewEntry(B, "target-first-stores", 70.0, "家", "2024-07",
                                "cumulative", None, "", "王"))
        db.retract(other.id, note="重复")
    assert edit.id == 2
    panel.tracker.refresh()
    pane = pane_on(panel, "target-first-stores")

    def shown() -> list[list[str]]:
        return [[pane.table.item(r, c).text() for c in (0, 1, 2, 3, 5)]
                for r in range(pane.table.rowCount())]

    assert shown() == [["2024-06", "63 家", "更正", "李", ""]]
    assert pane.table.isColumnHidden(5)
    assert pane.history_box.text() == by_lang(window, "显示历史记录", "Show history")
    pane.history_box.setChecked(True)
    assert not pane.table.isColumnHidden(5)
    assert shown() == by_lang(window, [
        ["2024-06", "36 家", "初报", "王", "已被第2条取代"],
        ["2024-06", "63 家", "更正", "李", "当前"],
        ["2024-07", "70 家", "", "王", "已由第4条撤回"],
        ["2024-07", "—", "重复", "", "撤回第3条"],
    ], [
        ["2024-06", "36 家", "初报", "王", "superseded by #2"],
        ["2024-06", "63 家", "更正", "李", "current"],
        ["2024-07", "70 家", "", "王", "retracted by #4"],
        ["2024-07", "—", "重复", "", "retracts #3"],
    ])
    numbers = [pane.table.verticalHeaderItem(r).text() for r in range(4)]
    assert numbers == ["1", "2", "3", "4"] and pane.table.verticalHeader().isVisible()
    assert all(pane.table.item(r, 4).text().startswith("20") for r in range(4))  # entered at
    pane.table.selectRow(0)  # a superseded row cannot be edited or retracted
    assert pane.selected_entry() is None and not pane.retract_button.isEnabled()
    pane.table.selectRow(1)
    assert pane.selected_entry() == 2 and pane.retract_button.isEnabled()
    pane.history_box.setChecked(False)
    assert shown() == [["2024-06", "63 家", "更正", "李", ""]]
    assert not pane.table.verticalHeader().isVisible()


def test_a_figure_ten_times_the_target_warns_as_you_type(window: MainWindow) -> None:
    pane = pane_on(targets(window), "target-new-jobs")  # 1.8 万人
    pane.as_of_edit.setText("2024-06")
    pane.value_edit.setText("18")  # exactly 10×: fine
    assert pane.message.text() == by_lang(window, "可以保存", "Ready to save")
    pane.value_edit.setText("9000")
    assert pane.message.text() == by_lang(
        window, "可以保存，但请核对：9000万人超过目标（1.8万人）的10倍：请核对单位和数值",
        "Can be saved, but check: 9000 万人 is more than 10× the target of 1.8 万人: check "
        "the unit and the figure")
    assert pane.add_button.isEnabled()
    assert pane.add_entry()
    with ProgressStore.open(default_location()) as db:
        assert [e.value for e in db.entries(B)] == [9000.0]


def test_the_unit_box_shows_every_unit_whole(window: MainWindow) -> None:
    """Units are filled after the pane is first shown; the box still grows to show them."""
    pane = pane_on(targets(window), "target-funds-in-place")
    box = pane.unit_box
    names = [box.itemText(i) for i in range(box.count())]
    assert names == by_lang(window, ["亿元", "万元"], ["CNY 100 million", "CNY 10,000"])
    metrics = box.fontMetrics()
    widest = max(metrics.horizontalAdvance(name) for name in names)
    assert box.width() >= widest + 16, (box.width(), widest)


def test_the_tab_progress_buttons_speak_the_window_language(window: MainWindow) -> None:
    from PySide6.QtWidgets import QPushButton

    panel = targets(window)
    texts = [panel.findChild(QPushButton, name).text() for name in (
        "progress-open", "progress-import", "progress-refresh", "progress-database")]
    assert texts == by_lang(window, ["进度记录…", "导入进度…", "刷新", "进度数据库…"],
                            ["Progress…", "Import Progress…", "Refresh", "Progress Database…"])
    assert panel.strips["target-first-stores"].actual.text() == by_lang(
        window, "暂无进度", "No progress yet")
    assert panel.tally_label.toolTip().startswith(by_lang(window, "<qt>进度数据库：",
                                                          "<qt>Progress database: "))


def test_the_progress_database_button_asks_and_switches(window: MainWindow, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A click asks where to keep progress (the click's own `checked` is no location)."""
    from PySide6.QtWidgets import QInputDialog, QPushButton

    asked: list[str] = []
    chosen = tmp_path / "team-progress.db"

    def answer(_parent, title: str, _label: str, text: str = "") -> tuple[str, bool]:
        asked.append(title)
        return str(chosen), True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(answer))
    panel = targets(window)
    panel.findChild(QPushButton, "progress-database").click()
    settle()
    assert asked == [by_lang(window, "进度数据库", "Progress Database")]
    assert panel.tracker.location == str(chosen)
    assert window.settings.progress_database() == str(chosen)


def test_importing_the_same_sheet_twice_skips_what_is_recorded(window: MainWindow,
                                                               tmp_path: Path) -> None:
    from jhviewer.ui.progress_panel import run_import

    panel = targets(window)
    sheet = tmp_path / "s.csv"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([
            ["target_id", "as_of", "value", "unit"],
            ["target-first-stores", "2024-06", "63", ""],
            ["target-job-fairs", "2024-06", "20", ""],
        ])
    assert run_import(window, panel.tracker, window.lang, sheet, confirm=False) == 2
    settle()
    shown: list[ImportDialog] = []
    original = ImportDialog.__init__

    def keep(self, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        shown.append(self)

    ImportDialog.__init__ = keep  # type: ignore[method-assign]
    try:
        assert run_import(window, panel.tracker, window.lang, sheet, confirm=False) is None
    finally:
        ImportDialog.__init__ = original  # type: ignore[method-assign]
    (dialog,) = shown
    rows = [[dialog.table.item(r, c).text() for c in range(3)]
            for r in range(dialog.table.rowCount())]
    assert rows == by_lang(window, [
        ["2", "跳过", "target-first-stores  63 家  2024-06  — 已有相同记录，跳过"],
        ["3", "跳过", "target-job-fairs  20 场  2024-06  — 已有相同记录，跳过"],
    ], [
        ["2", "skip", "target-first-stores  63 家  2024-06  — already recorded, skipped"],
        ["3", "skip", "target-job-fairs  20 场  2024-06  — already recorded, skipped"],
    ])
    assert not dialog.import_button.isEnabled()
    with ProgressStore.open(default_location()) as db:
        assert len(db.history(B)) == 2


def test_a_small_window_with_the_progress_pane_open_cuts_nothing(window: MainWindow) -> None:
    from tests.layout_checks import layout_problems

    window.resize(800, 600)
    panel = targets(window)
    pane_on(panel, "target-first-stores")
    settle()
    assert layout_problems(window) == []
