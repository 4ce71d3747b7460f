"""The progress pane after a new user's trial: it follows the briefing shown (another
database, the briefing picker), so an entry is never stored against a target that is not
on screen; the form (Enter, the wheel over the chart, buttons that stay put), long figures,
history columns that fit, every problem of the form at once, and the cards of targets
without a number."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from jhviewer.data.build import build_database
from jhviewer.data.progress.db import ProgressStore, default_location
from jhviewer.paths import DEFAULT_DB
from jhviewer.ui.main_window import MainWindow
from jhviewer.ui.progress_panel import ProgressPanel
from tests.uihelpers import close_window, make_window, pane_on, settle, targets

FIXTURES = Path(__file__).parent / "fixtures" / "briefings"


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:
    win = make_window(qtbot, tmp_path, DEFAULT_DB, "zh")
    yield win
    close_window(win)


def seen(pane: ProgressPanel) -> dict[str, object]:
    """What the pane shows of its target: picker, chart title, status, entries, units."""
    return {
        "picker": pane.picker.currentText(),
        "chart": pane._title,
        "status": pane.status_label.text(),
        "entries": [[pane.table.item(r, c).text() for c in (0, 1)]
                    for r in range(pane.table.rowCount())],
        "units": [pane.unit_box.itemText(i) for i in range(pane.unit_box.count())],
    }


def stored() -> list[tuple[str, str, float | None, str]]:
    with ProgressStore.open(default_location()) as db:
        return [(e.briefing_id, e.target_id, e.value, e.as_of)
                for b in ("jianghan-2024", "newtown-2030", "newtown-2031", "oldtown-2030")
                for e in db.entries(b)]


# --- 1. the pane follows the briefing ------------------------------------------------------


def test_another_database_repicks_and_an_add_goes_to_the_target_shown(
        window: MainWindow, three_briefings_db: Path) -> None:
    panel = targets(window)
    pane = pane_on(panel, "target-investment-signed")
    assert seen(pane)["picker"] == "招商引资签约额  (target-investment-signed)"
    pane.value_edit.setText("720")
    pane.as_of_edit.setText("2024-09")
    assert window.session.load_database(three_briefings_db) is None  # as File ▸ Open does
    window.session.set_briefing("newtown-2031")
    settle()
    assert panel.tracker.briefing_id == "newtown-2031"
    assert seen(pane) == {
        "picker": "地区生产总值增速  (goal-growth-2031)",
        "chart": "地区生产总值增速 (%)",
        "status": "– 暂无数据 — 尚无进度记录",
        "entries": [],
        "units": ["%"],
    }
    # what was typed for the old target is not kept for the new one
    assert (pane.value_edit.text(), pane.as_of_edit.text()) == ("", "")
    assert not pane.add_button.isEnabled()
    pane._today = date(2032, 1, 15)
    pane.as_of_edit.setText("2024-06")  # the old target's year: refused for this one
    pane.value_edit.setText("6.8")
    assert pane.message.text() == "截至日期2024-06不在目标年份2031年内"
    pane.as_of_edit.setText("2031-06")
    assert pane.add_entry()
    assert stored() == [("newtown-2031", "goal-growth-2031", 6.8, "2031-06")]
    assert seen(pane)["entries"] == [["2031-06", "6.8 %"]]


def test_the_briefing_picker_keeps_the_target_id_or_takes_the_first(
        qtbot, tmp_path: Path, three_briefings_db: Path) -> None:
    window = make_window(qtbot, tmp_path, three_briefings_db, "en")
    window.session.set_briefing("newtown-2030")
    panel = targets(window)
    pane = pane_on(panel, "goal-investment", date(2031, 1, 15))
    assert seen(pane)["picker"] == "Investment signed  (goal-investment)"
    window.session.set_briefing("jianghan-2024")  # has no goal-investment: the first target
    settle()
    assert seen(pane)["picker"] == "GDP growth  (gdp-growth-2024-target)"
    assert seen(pane)["chart"] == "GDP growth (%)"
    pane.show_target("target-investment-signed")
    assert seen(pane)["units"] == ["CNY 100 million", "CNY 10,000"]
    pane._today = date(2025, 1, 15)
    pane.value_edit.setText("720")
    pane.as_of_edit.setText("2024-09")
    assert pane.add_entry()
    assert stored() == [("jianghan-2024", "target-investment-signed", 720.0, "2024-09")]
    close_window(window)


def _alike(tmp_path: Path, ids: tuple[str, str]) -> Path:
    """newtown-2030 and a copy with another briefing id (and, if asked, other target ids):
    two briefings with three targets each."""
    folder = tmp_path / "alike"
    folder.mkdir()
    text = (FIXTURES / "newtown-2030.toml").read_text(encoding="utf-8")
    (folder / "newtown-2030.toml").write_text(text, encoding="utf-8")
    other = text.replace('"newtown-2030"', '"oldtown-2030"').replace(
        'district_id = "newtown"', 'district_id = "oldtown"').replace(*ids)
    (folder / "oldtown-2030.toml").write_text(other, encoding="utf-8")
    db = tmp_path / "alike.db"
    build_database(folder, db)
    return db


@pytest.mark.parametrize(("ids", "after"), [
    (("", ""), "Investment signed  (goal-investment)"),  # same target ids: the same one
    (('"goal-', '"aim-'), "GDP growth  (aim-growth)"),  # other ids: the first
])
def test_briefings_with_as_many_targets_switch_too(
        qtbot, tmp_path: Path, ids: tuple[str, str], after: str) -> None:
    window = make_window(qtbot, tmp_path, _alike(tmp_path, ids), "en")
    window.session.set_briefing("newtown-2030")
    panel = targets(window)
    pane = pane_on(panel, "goal-investment", date(2031, 1, 15))
    pane.value_edit.setText("120")
    pane.as_of_edit.setText("2030-06")
    assert pane.add_entry()
    assert seen(pane)["entries"] == [["2030-06", "120 亿元"]]
    window.session.set_briefing("oldtown-2030")
    settle()
    assert seen(pane)["picker"] == after
    assert seen(pane)["entries"] == []  # the other briefing's entry is not shown
    pane.value_edit.setText("6.1")
    pane.as_of_edit.setText("2030-06")
    assert pane.add_entry()
    target = after.split("(")[1].rstrip(")")
    value = 6.1
    assert stored() == [("newtown-2030", "goal-investment", 120.0, "2030-06"),
                        ("oldtown-2030", target, value, "2030-06")]
    close_window(window)


# --- 2. the form: Enter, the wheel over the chart, buttons that stay put ------------------


def test_enter_adds_and_saves_an_edit(window: MainWindow) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    pane = pane_on(targets(window), "target-first-stores")
    pane.value_edit.setText("6")
    QTest.keyClick(pane.value_edit, Qt.Key.Key_Return)  # no date yet: nothing is added
    assert stored() == []
    pane.as_of_edit.setText("2024-06")
    QTest.keyClick(pane.as_of_edit, Qt.Key.Key_Return)
    assert stored() == [("jianghan-2024", "target-first-stores", 6.0, "2024-06")]
    assert pane.message.text() == "已添加第1条"
    pane.table.selectRow(0)
    pane.value_edit.setText("63")
    QTest.keyClick(pane.note_edit, Qt.Key.Key_Enter)  # the keypad's Enter: save the edit
    assert stored() == [("jianghan-2024", "target-first-stores", 63.0, "2024-06")]
    assert pane.message.text() == "已保存修改"


def test_the_wheel_over_the_chart_scrolls_the_pane(window: MainWindow) -> None:
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication, QScrollArea

    window.resize(1600, 1000)
    pane = pane_on(targets(window), "target-investment-signed")
    settle()
    scroll = window.findChild(QScrollArea, "progress-scroll")
    bar = scroll.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    y_range = pane.plot.getViewBox().viewRange()[1]
    viewport = pane.plot.viewport()
    axis = pane.plot.getPlotItem().getAxis("left").sceneBoundingRect().center()
    for spot in (QPointF(viewport.width() / 2, viewport.height() / 2),  # the plot area
                 QPointF(pane.plot.mapFromScene(axis))):  # the numbers on the left

        def wheel(at: QPointF = spot) -> QWheelEvent:
            return QWheelEvent(at, viewport.mapToGlobal(at), QPoint(0, 0),
                               QPoint(0, -120), Qt.MouseButton.NoButton,
                               Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                               False)

        # What Qt does with the wheel of a real mouse: offer the event to the widget
        # under it, then to its parents until one handles and accepts it (an event sent
        # by a test goes to one widget only, so QApplication::notify's walk is spelled
        # out here).
        before = bar.value()
        taker = viewport
        while taker is not None:
            event = wheel()
            if QApplication.sendEvent(taker, event) and event.isAccepted():
                break
            taker = taker.parentWidget()
        settle()
        assert taker is scroll.viewport()  # not the chart: it let the wheel go by
        assert bar.value() > before  # the pane scrolled
        assert pane.plot.getViewBox().viewRange()[1] == y_range  # the chart did not zoom


def test_a_long_message_moves_no_button(window: MainWindow) -> None:
    window.resize(1600, 1000)
    pane = pane_on(targets(window), "target-new-jobs")
    settle()

    def places() -> list[int]:
        return [b.mapTo(pane, b.rect().topLeft()).y() for b in (
            pane.add_button, pane.edit_button, pane.retract_button, pane.undo_button)]

    pane.as_of_edit.setText("2024-06")
    pane.value_edit.setText("1")
    assert pane.message.text() == "可以保存"
    settle()
    before, height = places(), pane.message.height()
    pane.value_edit.setText("9000")  # a warning of two lines
    settle()
    assert places() == before and pane.message.height() == height
    pane.value_edit.setText("9" * 400)  # longer than the box: cut, whole in the tooltip
    settle()
    assert places() == before and pane.message.height() == height
    assert pane.message.shown_text().endswith("…")
    assert pane.message.toolTip() == f"<qt>{pane.message.text()}</qt>"


# --- 3. figures a double does not hold; long figures on a card ----------------------------


@pytest.mark.parametrize(("value", "stored_as"), [
    ("999999999999999", 999999999999999.0),  # 15 significant digits: kept exactly
    ("999,999,999,999,999", 999999999999999.0),
    ("1234567.12345678", 1234567.12345678),
    ("0.000123456789012345", 0.000123456789012345),  # leading zeros do not count
    ("12.50000000000000000", 12.5),  # nor trailing zeros after the point
])
def test_fifteen_significant_digits_are_kept(value: str, stored_as: float) -> None:
    from jhviewer.data.progress.model import validate_entry
    from jhviewer.data.store import Store

    with Store.open(DEFAULT_DB) as store:
        from jhviewer.data.progress.model import target_from_fact

        target = next(target_from_fact(f) for f in store.targets("jianghan-2024")
                      if f.key == "target-first-stores")
        entry = validate_entry(target, value, "2024-06", store.units(),
                               today=date(2025, 1, 15))
    assert entry.value == stored_as


@pytest.mark.parametrize(("value", "zh", "en"), [
    ("9999999999999999", "“9999999999999999”的有效数字超过15位，无法准确保存",
     "value '9999999999999999' has more than 15 significant digits and cannot be kept "
     "exactly"),
    ("99999999999999999999999", "“99999999999999999999999”的有效数字超过15位，无法准确保存",
     "value '99999999999999999999999' has more than 15 significant digits and cannot be "
     "kept exactly"),
    ("0.1234567890123456", "“0.1234567890123456”的有效数字超过15位，无法准确保存",
     "value '0.1234567890123456' has more than 15 significant digits and cannot be kept "
     "exactly"),
    ("1000000000000000", "“1000000000000000”的有效数字超过15位，无法准确保存",
     "value '1000000000000000' has more than 15 significant digits and cannot be kept "
     "exactly"),
])
def test_sixteen_significant_digits_are_refused(value: str, zh: str, en: str) -> None:
    from jhviewer.data.progress.model import ProgressInputError, target_from_fact, validate_entry
    from jhviewer.data.store import Store

    with Store.open(DEFAULT_DB) as store:
        target = next(target_from_fact(f) for f in store.targets("jianghan-2024")
                      if f.key == "target-first-stores")
        with pytest.raises(ProgressInputError) as caught:
            validate_entry(target, value, "2024-06", store.units(), today=date(2025, 1, 15))
    assert (caught.value.text("zh"), str(caught.value)) == (zh, en)


def test_a_long_actual_on_a_card_is_cut_with_an_ellipsis(window: MainWindow) -> None:
    panel = targets(window)
    pane = pane_on(panel, "target-first-stores")
    pane.value_edit.setText("123456789012345")
    pane.as_of_edit.setText("2024-06")
    assert pane.message.text().startswith("可以保存")
    assert pane.add_entry()
    settle()
    actual = panel.strips["target-first-stores"].actual
    assert actual.text() == "123456789012345家 · 2024-06"
    assert actual.shown_text().endswith("…") and len(actual.shown_text()) < len(actual.text())
    assert actual.toolTip().startswith("<qt>123456789012345家 · 2024-06<br>")


# --- 4. the history fits the pane ----------------------------------------------------------


@pytest.mark.parametrize(("lang", "headers", "marks"), [
    ("zh", ["截至", "完成值", "来源说明", "填报人", "录入时间", "历史"],
     ["已被第2条取代", "当前", "已被第4条取代", "当前", "已被第6条取代", "已由第7条撤回",
      "撤回第6条"]),
    ("en", ["As of", "Value", "Note", "By", "Entered", "History"],
     ["superseded by #2", "current", "superseded by #4", "current", "superseded by #6",
      "retracted by #7", "retracts #6"]),
])
def test_the_history_fits_the_pane(qtbot, tmp_path: Path, lang: str, headers: list[str],
                                   marks: list[str]) -> None:
    from jhviewer.data.progress.model import NewEntry

    window = make_window(qtbot, tmp_path, DEFAULT_DB, lang)  # type: ignore[arg-type]
    panel = targets(window)
    with ProgressStore.open(default_location()) as db:
        for number in range(1, 4):
            first = db.add(NewEntry("jianghan-2024", "target-first-stores", 30.0 + number,
                                    "家", f"2024-0{number + 3}", "cumulative", None,
                                    "区商务局 1–6月快报，经区统计局核对后的数字", "王"))
            db.edit(first.id, NewEntry("jianghan-2024", "target-first-stores", 40.0 + number,
                                       "家", f"2024-0{number + 3}", "cumulative", None,
                                       "更正", "李四"))
        db.retract(6)
    panel.tracker.refresh()
    pane = pane_on(panel, "target-first-stores")
    pane.history_box.setChecked(True)
    settle()
    table = pane.table
    header = table.horizontalHeader()
    assert [table.horizontalHeaderItem(c).text() for c in range(6)] == headers
    history = [table.item(r, 5).text() for r in range(table.rowCount())]
    assert history == marks
    assert header.length() <= table.viewport().width()  # nothing off to the right
    assert not table.horizontalScrollBar().isVisible()
    for column in range(6):  # every header whole, the note's too
        assert header.sectionSize(column) >= header.sectionSizeFromContents(column).width()
    for column in (0, 1, 3, 4, 5):  # every cell whole but the note's
        assert header.sectionSize(column) >= table.sizeHintForColumn(column), column
    note = table.item(0, 2)
    assert note.toolTip() == "<qt>区商务局 1–6月快报，经区统计局核对后的数字</qt>"
    close_window(window)


# --- 5. every problem of the form at once, as sentences -----------------------------------


@pytest.mark.parametrize(("lang", "expected"), [
    ("zh", "截至日期2025-01不在目标年份2024年内\n“abc”不是数字"),
    ("en", "As-of date 2025-01 is outside the target year 2024 of GDP growth\n"
           "Value 'abc' is not a number"),
])
def test_the_form_shows_every_problem(qtbot, tmp_path: Path, lang: str, expected: str) -> None:
    window = make_window(qtbot, tmp_path, DEFAULT_DB, lang)  # type: ignore[arg-type]
    pane = pane_on(targets(window), "gdp-growth-2024-target", date(2025, 6, 1))
    pane.value_edit.setText("abc")
    pane.as_of_edit.setText("2025-01")
    assert pane.message.text() == expected
    assert "gdp-growth-2024-target" not in pane.message.text()
    assert not pane.add_button.isEnabled()
    pane.as_of_edit.setText("2024-06")  # one left
    assert pane.message.text() == expected.split("\n")[1]
    close_window(window)


def test_the_command_line_keeps_the_first_problem_with_the_id() -> None:
    from jhviewer.data.progress.model import ProgressInputError, target_from_fact, validate_entry
    from jhviewer.data.store import Store

    with Store.open(DEFAULT_DB) as store:
        target = next(target_from_fact(f) for f in store.targets("jianghan-2024")
                      if f.key == "gdp-growth-2024-target")
        with pytest.raises(ProgressInputError) as caught:
            validate_entry(target, "abc", "2025-01", store.units(), today=date(2025, 6, 1))
    assert str(caught.value) == ("as-of date 2025-01 is outside the target year 2024 of "
                                 "gdp-growth-2024-target")


def test_a_qualitative_form_lists_its_problems(window: MainWindow) -> None:
    pane = pane_on(targets(window), "target-disposable-income")
    pane.as_of_edit.setText("2023-06")
    pane.status_box.setCurrentIndex(pane.status_box.findData("behind"))
    assert pane.message.text() == "截至日期2023-06不在目标年份2024年内\n设定状态时请填写说明"


# --- 6. after an import; cards of targets without a number --------------------------------


def test_after_an_import_the_pane_says_how_many(window: MainWindow, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import csv

    from PySide6.QtWidgets import QDialog, QFileDialog

    from jhviewer.ui.progress_panel import ImportDialog

    panel = targets(window)
    pane = pane_on(panel, "target-first-stores")
    pane.value_edit.setText("63")
    pane.as_of_edit.setText("2024-06")
    assert pane.add_entry() and pane.message.text() == "已添加第1条"
    sheet = tmp_path / "s.csv"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([
            ["target_id", "as_of", "value", "unit"],
            ["target-first-stores", "2024-07", "70", ""],
            ["target-new-jobs", "2024-06", "1.2", ""],
        ])
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *args, **kwargs: (str(sheet), ""))
    monkeypatch.setattr(ImportDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    panel.import_progress()  # as the tab's Import Progress… button does
    assert pane.message.text() == "已导入2条"
    assert [pane.table.item(r, 0).text() for r in range(pane.table.rowCount())] == [
        "2024-06", "2024-07"]


def test_a_card_without_a_number_has_no_bar(window: MainWindow) -> None:
    panel = targets(window)
    words = panel.strips["target-disposable-income"]  # "稳步增长": no figure
    assert words.bar.isHidden()
    count = panel.strips["target-first-stores"]
    assert not count.bar.isHidden()
    # the room of the bar is kept: the cards of a group stay the same height
    assert words.sizeHint().height() == count.sizeHint().height()
    pane = pane_on(panel, "target-disposable-income")
    pane.as_of_edit.setText("2024-06")
    pane.status_box.setCurrentIndex(pane.status_box.findData("achieved"))
    pane.note_edit.setText("区统计局 1–6月快报")
    assert pane.add_entry()
    assert words.bar.isHidden() and words.chip.text() == "√ 已完成"
