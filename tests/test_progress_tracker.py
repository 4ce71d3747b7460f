"""The window's tracker after its own writes: it takes the stored row in without reading
the briefing's entries back, unless someone else wrote in between; and a new figure
repaints its card without laying out the page again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt

from jhviewer.data.progress.db import ProgressStore, default_location
from jhviewer.data.progress.model import NewEntry, validate_entry
from jhviewer.paths import DEFAULT_DB
from jhviewer.ui.main_window import MainWindow
from jhviewer.ui.targets_panel import TargetsPanel
from tests.uihelpers import close_window, make_window, settle, targets

B = "jianghan-2024"
TODAY = date(2025, 1, 15)


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:
    win = make_window(qtbot, tmp_path, DEFAULT_DB, "zh")
    yield win
    close_window(win)


def add(panel: TargetsPanel, target_id: str, value: str, as_of: str) -> int:
    tracker = panel.tracker
    target = tracker.target(target_id)
    assert target is not None
    stored = tracker.add(validate_entry(target, value, as_of, tracker.units, today=TODAY))
    assert stored is not None
    return stored.id


def card(panel: TargetsPanel, target_id: str) -> tuple[str, str]:
    strip = panel.strips[target_id]
    return strip.actual.text(), strip.chip.text()


def other_writer_adds(target_id: str, value: float, unit: str, as_of: str) -> None:
    """Another window or the CLI storing an entry in the same progress database."""
    with ProgressStore.open(default_location()) as db:
        db.add(NewEntry(B, target_id, value, unit, as_of, "cumulative", None, "", ""))


def test_an_entry_stored_by_someone_else_in_between_is_shown_with_ours(
        window: MainWindow) -> None:
    other_writer_adds("target-first-stores", 30, "家", "2024-03")
    panel = targets(window)
    assert card(panel, "target-first-stores") == ("30家 · 2024-03", "● 进度正常")
    other_writer_adds("target-high-tech-firms", 30, "家", "2024-11")  # not polled yet
    add(panel, "target-first-stores", "63", "2024-06")
    assert card(panel, "target-first-stores") == ("63家 · 2024-06", "● 进度正常")
    assert card(panel, "target-high-tech-firms") == ("30家 · 2024-11", "√ 已完成")
    assert panel.tally_label.text() == "28项目标中2项进度正常或已完成"


def test_own_adds_edits_retractions_and_undos_agree_with_the_database(
        window: MainWindow) -> None:
    other_writer_adds("target-high-tech-firms", 10, "家", "2024-03")  # the file exists
    panel = targets(window)
    tracker = panel.tracker
    first = add(panel, "target-first-stores", "63", "2024-06")
    assert card(panel, "target-first-stores") == ("63家 · 2024-06", "● 进度正常")
    second = add(panel, "target-first-stores", "10", "2024-03")  # older as-of: not latest
    assert card(panel, "target-first-stores") == ("63家 · 2024-06", "● 进度正常")
    target = tracker.target("target-first-stores")
    assert target is not None
    edited = tracker.edit(first, validate_entry(target, "101", "2024-06", tracker.units,
                                                today=TODAY))
    assert edited is not None
    assert card(panel, "target-first-stores") == ("101家 · 2024-06", "√ 已完成")
    assert tracker.retract(edited.id) is not None
    assert card(panel, "target-first-stores") == ("10家 · 2024-03", "▲ 进度滞后")
    assert tracker.undo_last() is not None  # the retraction
    assert card(panel, "target-first-stores") == ("101家 · 2024-06", "√ 已完成")
    assert tracker.entries("target-first-stores")[0].id == second  # the older one stays
    assert panel.tally_label.text() == "28项目标中2项进度正常或已完成"
    held = {t: (r.status, r.actual, r.latest.value if r.latest else None)
            for t, r in tracker.results.items()}
    tracker.refresh()  # what reading everything again gives
    assert {t: (r.status, r.actual, r.latest.value if r.latest else None)
            for t, r in tracker.results.items()} == held
    assert card(panel, "target-first-stores") == ("101家 · 2024-06", "√ 已完成")
    assert sorted((e.as_of, e.value) for e in tracker.entries("target-first-stores")) == [
        ("2024-03", 10.0), ("2024-06", 101.0)]


class LayoutCounter(QObject):
    """Counts the layout requests the watched widgets receive."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def test_a_new_figure_repaints_its_card_without_laying_out_the_page(
        window: MainWindow) -> None:
    other_writer_adds("target-high-tech-firms", 10, "家", "2024-03")
    panel = targets(window)
    settle()  # the page's own first layouts are done
    before = [card_frame.geometry() for card_frame in panel.cards]
    counter = LayoutCounter()
    for widget in (panel.content, *panel.cards):
        widget.installEventFilter(counter)
    add(panel, "target-first-stores", "63", "2024-06")  # the tally changes too
    settle()
    add(panel, "target-first-stores", "70", "2024-07")  # a wider figure, same tally
    settle()
    assert card(panel, "target-first-stores") == ("70家 · 2024-07", "● 进度正常")
    assert panel.tally_label.text() == "28项目标中2项进度正常或已完成"
    assert counter.count == 0
    assert [card_frame.geometry() for card_frame in panel.cards] == before


def test_a_long_message_in_the_tally_wraps_and_is_shown_whole(window: MainWindow) -> None:
    panel = targets(window)
    label = panel.tally_label
    assert label is not None
    one_line = label.height()
    panel._show_progress_error("进度数据库无法打开：" + "很长的路径/" * 60)
    settle()
    assert label.height() > 2 * one_line
    assert label.height() >= label.heightForWidth(label.width())


def test_clicking_a_card_s_progress_line_opens_its_target(window: MainWindow, qtbot) -> None:
    panel = targets(window)
    strip = panel.strips["target-new-jobs"]
    qtbot.mouseClick(strip.actual, Qt.MouseButton.LeftButton)  # the click reaches the strip
    settle()
    pane = panel.progress_pane
    assert pane is not None and pane.isVisible()
    assert pane.target is not None and pane.target.id == "target-new-jobs"
