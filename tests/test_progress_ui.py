"""Progress in the window: cards with actual, bar and status chip; the tally; the progress
pane's validating form, undo, edit and retract; import preview; two windows on one
database; File ▸ Import/Print Progress; and data.db untouched."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from jhviewer.data.progress.db import ProgressStore, default_location
from jhviewer.data.progress.model import NewEntry
from jhviewer.paths import DEFAULT_DB
from jhviewer.ui.main_window import MainWindow
from jhviewer.ui.progress_panel import ImportDialog, ProgressPanel, run_import
from tests.uihelpers import close_window, make_window, pane_on, settle, targets

B = "jianghan-2024"


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:
    win = make_window(qtbot, tmp_path, DEFAULT_DB, "zh")
    yield win
    close_window(win)


def test_cards_show_no_data_and_viewing_creates_no_file(window: MainWindow) -> None:
    panel = targets(window)
    assert len(panel.strips) == 28
    strip = panel.strips["target-first-stores"]
    assert (strip.actual.text(), strip.chip.text(), strip.bar.value()) == (
        "暂无进度", "– 暂无数据", 0)
    assert panel.tally_label.text() == "28项目标中0项进度正常或已完成"
    assert not default_location().exists()


def test_form_validates_as_you_type(window: MainWindow) -> None:
    pane = pane_on(targets(window), "target-first-stores")
    pane.as_of_edit.setText("2024-06")
    pane.value_edit.setText("abc")
    assert pane.message.text() == "“abc”不是数字"
    assert not pane.add_button.isEnabled()
    pane.value_edit.setText("63")
    assert pane.message.text() == "可以保存" and pane.add_button.isEnabled()
    pane.as_of_edit.setText("2023-12")
    assert pane.message.text() == "截至日期2023-12不在目标年份2024年内"
    pane._today = date(2024, 5, 20)
    pane.as_of_edit.setText("2024-06")
    assert pane.message.text() == "截至日期2024-06尚未到来"
    pane.set_language("en")
    assert pane.message.text() == "As-of date 2024-06 is in the future"  # the window: a capital
    assert not pane.add_button.isEnabled()


def test_add_updates_the_card_and_tally_and_undo_takes_it_back(window: MainWindow) -> None:
    panel = targets(window)
    pane = pane_on(panel, "target-first-stores")
    pane.value_edit.setText("63")
    pane.as_of_edit.setText("2024-06")
    pane.note_edit.setText("区商务局 1–6月快报")
    assert pane.add_entry()
    strip = panel.strips["target-first-stores"]
    assert (strip.actual.text(), strip.chip.text(), strip.bar.value()) == (
        "63家 · 2024-06", "● 进度正常", 63)
    assert strip.toolTip() == ("<qt>截至2024-06完成63家，为目标的63%，全年时间已过50%"
                               "（容差10个百分点）</qt>")
    assert panel.tally_label.text() == "28项目标中1项进度正常或已完成"
    assert pane.table.rowCount() == 1 and pane.table.item(0, 2).text() == "区商务局 1–6月快报"
    with ProgressStore.open(default_location()) as db:
        assert [(e.value, e.note) for e in db.entries(B)] == [(63.0, "区商务局 1–6月快报")]
    assert pane.undo()
    assert (strip.actual.text(), strip.chip.text()) == ("暂无进度", "– 暂无数据")
    assert panel.tally_label.text() == "28项目标中0项进度正常或已完成"
    assert not pane.undo_button.isEnabled()


def test_edit_and_retract_a_selected_entry(window: MainWindow) -> None:
    panel = targets(window)
    pane = pane_on(panel, "gdp-growth-2024-target")
    pane.value_edit.setText("6.9")
    pane.as_of_edit.setText("2024-09")
    pane.add_entry()
    assert panel.strips["gdp-growth-2024-target"].chip.text() == "▲ 进度滞后"
    pane.table.selectRow(0)
    assert pane.value_edit.text() == "6.9"  # the selected entry fills the form
    pane.value_edit.setText("7.4")
    assert pane.save_edit()
    assert panel.strips["gdp-growth-2024-target"].chip.text() == "● 进度正常"
    pane.table.selectRow(0)
    assert pane.retract_selected()
    assert panel.strips["gdp-growth-2024-target"].chip.text() == "– 暂无数据"
    with ProgressStore.open(default_location()) as db:
        assert db.entries(B) == [] and len(db.history(B)) == 3  # add, edit, tombstone


def test_qualitative_target_takes_a_status(window: MainWindow) -> None:
    panel = targets(window)
    pane = pane_on(panel, "target-disposable-income")
    assert not pane.value_edit.isEnabled() and pane.status_box.isEnabled()
    pane.as_of_edit.setText("2024-06")
    pane.status_box.setCurrentIndex(pane.status_box.findData("behind"))
    assert pane.message.text() == "设定状态时请填写说明"
    pane.note_edit.setText("增速低于经济增长")
    assert pane.add_entry()
    assert panel.strips["target-disposable-income"].chip.text() == "▲ 进度滞后"


def test_english_cards(qtbot, tmp_path: Path) -> None:
    with ProgressStore.open(default_location()) as db:
        db.add(NewEntry(B, "target-investment-signed", 7200000.0, "万元", "2024-09",
                        "cumulative", None, "", ""))
    win = make_window(qtbot, tmp_path, DEFAULT_DB, "en")
    try:
        panel = targets(win)
        strip = panel.strips["target-investment-signed"]
        assert (strip.actual.text(), strip.chip.text()) == (
            "CNY 72 billion · 2024-09", "● On track")
        assert panel.tally_label.text() == "1 of 28 on track or achieved"
        win.set_language("zh")
        settle()
        assert panel.strips["target-investment-signed"].chip.text() == "● 进度正常"
    finally:
        close_window(win)


def test_two_windows_and_the_cli_see_each_others_entries(qtbot, tmp_path: Path) -> None:
    one = make_window(qtbot, tmp_path / "a", DEFAULT_DB, "zh")
    two = make_window(qtbot, tmp_path / "b", DEFAULT_DB, "zh")
    try:
        first, second = targets(one), targets(two)
        pane = pane_on(first, "target-gazelle-firms")
        pane.value_edit.setText("20")
        pane.as_of_edit.setText("2024-10")
        pane.add_entry()
        second.tracker.refresh_if_changed()  # what its poll timer does every 2 s
        assert second.strips["target-gazelle-firms"].actual.text() == "20家 · 2024-10"
        from click.testing import CliRunner

        from jhviewer.cli import cli

        result = CliRunner().invoke(cli, ["progress", "add", "target-high-tech-firms", "30",
                                          "--as-of", "2024-11"])
        assert result.exit_code == 0
        first.tracker.refresh_if_changed()
        second.tracker.refresh_if_changed()
        for panel in (first, second):
            assert panel.strips["target-high-tech-firms"].chip.text() == "√ 已完成"
            assert panel.tally_label.text() == "28项目标中2项进度正常或已完成"
    finally:
        close_window(one)
        close_window(two)


def test_import_preview_lists_added_and_refused_rows(window: MainWindow, tmp_path: Path,
                                                     qtbot) -> None:
    panel = targets(window)
    sheet = tmp_path / "s.csv"
    with sheet.open("w", encoding="gbk", newline="") as handle:
        csv.writer(handle).writerows([
            ["target_id", "as_of", "value", "note"],
            ["target-first-stores", "2024-06", "63", "区商务局"],
            ["target-nope", "2024-06", "1", ""],
        ])
    from jhviewer.data.progress.files import plan_import

    plan = plan_import(sheet, panel.tracker.targets, panel.tracker.units)
    dialog = ImportDialog(sheet, plan, "zh")
    qtbot.addWidget(dialog)
    rows = [[dialog.table.item(r, c).text() for c in range(3)]
            for r in range(dialog.table.rowCount())]
    assert rows == [["2", "添加", "target-first-stores  63 家  2024-06"],
                    ["3", "拒绝", "未知的目标编号“target-nope”"]]
    assert dialog.import_button.text() == "导入1行"
    assert run_import(panel, panel.tracker, "zh", path=sheet, confirm=False) == 1
    assert panel.strips["target-first-stores"].actual.text() == "63家 · 2024-06"


def test_file_menu_has_the_progress_actions(window: MainWindow) -> None:
    texts = [action.text() for action in window.file_menu.actions()]
    assert "导入进度(&M)…" in texts and "打印进度(&G)…" in texts
    window.set_language("en")
    texts = [action.text() for action in window.file_menu.actions()]
    assert "I&mport Progress..." in texts and "Print Pro&gress..." in texts


def test_printed_progress_report(window: MainWindow, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from jhviewer.ui.progress_actions import progress_report

    panel = targets(window)
    pane = pane_on(panel, "gdp-growth-2024-target")
    pane.value_edit.setText("6.9")
    pane.as_of_edit.setText("2024-09")
    pane.note_edit.setText("区统计局 前三季度")
    pane.add_entry()
    report = progress_report(window)
    pages = report.to_pdf(tmp_path / "p.pdf")
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "p.pdf").pages)
    flat = "".join(text.split())  # PDF text comes back with breaks where lines wrapped
    assert pages == 3
    assert "28项目标中0项进度正常或已完成" in flat  # GDP growth is behind
    assert "地区生产总值增长7.3%6.9%2024-09▲进度滞后截至2024-09累计增长6.9%，低于目标7.3%0.4个" \
           "百分点区统计局前三季度" in flat
    assert "第1页/共3页" in flat and "第3页/共3页" in flat


def test_data_db_is_byte_identical_after_a_window_session(qtbot, tmp_path: Path) -> None:
    before = hashlib.sha256(DEFAULT_DB.read_bytes()).hexdigest()
    win = make_window(qtbot, tmp_path, DEFAULT_DB, "zh")
    try:
        panel = targets(win)
        pane = pane_on(panel, "target-new-jobs")
        pane.value_edit.setText("9000")
        pane.unit_box.setCurrentIndex(pane.unit_box.findData("人"))
        pane.as_of_edit.setText("2024-06")
        assert pane.add_entry()
        assert panel.strips["target-new-jobs"].actual.text() == "0.9万人 · 2024-06"
        pane.undo()
    finally:
        close_window(win)
    assert hashlib.sha256(DEFAULT_DB.read_bytes()).hexdigest() == before


def test_progress_database_setting_is_kept_and_used(qtbot, tmp_path: Path) -> None:
    other = tmp_path / "team-progress.db"
    with ProgressStore.open(other) as db:
        db.add(NewEntry(B, "target-first-stores", 100.0, "家", "2024-11", "cumulative", None,
                        "", ""))
    win = make_window(qtbot, tmp_path, DEFAULT_DB, "zh")
    try:
        panel = targets(win)
        assert panel.strips["target-first-stores"].chip.text() == "– 暂无数据"
        panel.choose_progress_database(str(other))
        assert panel.strips["target-first-stores"].chip.text() == "√ 已完成"
        assert win.settings.progress_database() == str(other)
    finally:
        close_window(win)
    again = make_window(qtbot, tmp_path, DEFAULT_DB, "zh")  # same settings file
    try:
        assert targets(again).strips["target-first-stores"].chip.text() == "√ 已完成"
    finally:
        close_window(again)


def test_a_bad_progress_database_is_named_on_the_page(window: MainWindow,
                                                      tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_text("not a database", encoding="utf-8")
    panel = targets(window)
    panel.choose_progress_database(str(junk))
    assert panel.tally_label.text() == f"{junk} 不是 SQLite 数据库。"  # the window is in zh
    assert panel.strips["target-first-stores"].chip.text() == "– 暂无数据"


def test_notes_are_shown_as_plain_text(window: MainWindow) -> None:
    from PySide6.QtWidgets import QLabel

    with ProgressStore.open(default_location()) as db:
        db.add(NewEntry(B, "target-disposable-income", None, None, "2024-06", "qualitative",
                        "on_track", "<b>bold</b><img src=file:///etc/passwd>", ""))
    panel = targets(window)
    strip = panel.strips["target-disposable-income"]
    assert strip.toolTip() == ("<qt>截至2024-06由用户设定：&lt;b&gt;bold&lt;/b&gt;&lt;img "
                               "src=file:///etc/passwd&gt;</qt>")
    pane = pane_on(panel, "target-disposable-income")
    assert pane.status_label.textFormat() == Qt.TextFormat.PlainText
    assert pane.table.item(0, 2).text() == "<b>bold</b><img src=file:///etc/passwd>"
    assert all(label.textFormat() == Qt.TextFormat.PlainText
               for label in pane.findChildren(QLabel) if "<b>" in label.text())


def chart_lines(pane: ProgressPanel) -> dict[str, object]:
    goal, path, actual = pane._plot_items()
    xs, ys = (list(v) if v is not None else [] for v in actual.getData())
    px, py = (list(v) if v is not None else [] for v in path.getData())
    return {"title": pane.plot.getPlotItem().titleLabel.text,
            "goal": goal.value() if goal.isVisible() else None,
            "path": list(zip(px, py, strict=True)) if path.isVisible() else None,
            "actual": [(round(x, 2), y) for x, y in zip(xs, ys, strict=True)]
            if actual.isVisible() else None}


def test_the_chart_follows_the_entries_and_the_picked_target(window: MainWindow) -> None:
    panel = targets(window)
    pane = pane_on(panel, "target-first-stores")
    assert chart_lines(pane) == {"title": "引进首店 (家)", "goal": 100.0,
                                 "path": [(0.0, 0.0), (12.0, 100.0)], "actual": []}
    for value, as_of in (("63", "2024-06"), ("20", "2024-03")):
        pane.value_edit.setText(value)
        pane.as_of_edit.setText(as_of)
        assert pane.add_entry()
    assert chart_lines(pane)["actual"] == [(3.0, 20.0), (6.0, 63.0)]  # in date order
    pane.undo()
    assert chart_lines(pane)["actual"] == [(6.0, 63.0)]
    pane = pane_on(panel, "gdp-growth-2024-target")  # a rate: no linear path
    assert chart_lines(pane) == {"title": "地区生产总值增长 (%)", "goal": 7.3, "path": None,
                                 "actual": []}
    pane = pane_on(panel, "target-disposable-income")  # qualitative: no lines at all
    assert chart_lines(pane) == {"title": "定性目标：无图", "goal": None, "path": None,
                                 "actual": None}
