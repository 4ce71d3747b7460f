"""The window with hostile or huge files (issue 12): long unbreakable labels wrap, bidi
overrides read the same on screen and in print, over-long values are bad rows, and the
integrity check can be skipped for a trusted file."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from tests.uihelpers import close_window, make_window, settle

LONG_TARGET = "jianghan-2024/target-gazelle-firms"


def _copy_with(built_db: Path, folder: Path, sql: str, parameters: tuple[object, ...]) -> Path:
    path = folder / "edited.db"
    shutil.copyfile(built_db, path)
    connection = sqlite3.connect(path)
    assert connection.execute(sql, parameters).rowcount == 1
    connection.commit()
    connection.close()
    return path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_5000_character_unbroken_label_keeps_the_targets_page_inside_the_window(
    qtbot, built_db: Path, tmp_path: Path, lang: str
) -> None:
    db = _copy_with(built_db, tmp_path,
                    "UPDATE facts SET label_zh = ?, label_en = ? WHERE id = ?",
                    ("江" + "x" * 5000, "W" * 5000, LONG_TARGET))
    window = make_window(qtbot, tmp_path, db, lang)
    try:
        panel = window.show_tab("targets")
        settle()
        assert panel.content.width() <= window.width()
        groups = [w for w in panel.findChildren(QLabel) if w.objectName() == "group-badge"]
        assert len(groups) >= 7  # every group is on the page...
        for badge in groups:  # ...and within the window's width
            right = badge.mapTo(panel, badge.rect().topRight()).x()
            assert 0 <= right <= panel.width()
        long_label = next(c for c in panel.findChildren(QLabel, "target-label")
                          if len(c.text()) > 4000)
        assert long_label.width() <= panel.width()
    finally:
        close_window(window)


def test_a_right_to_left_override_in_a_label_reads_the_same_in_the_window_and_the_pdf(
    qtbot, built_db: Path, tmp_path: Path
) -> None:
    from jhviewer.data.store import Store
    from jhviewer.report.printer import BriefingPrinter

    fact_id = "jianghan-2024/target-gazelle-firms"
    db = _copy_with(built_db, tmp_path, "UPDATE facts SET label_en = ? WHERE id = ?",
                    ("Gazelle \u202efirms 15.1%\u202c", fact_id))
    window = make_window(qtbot, tmp_path, db, "en")
    try:
        panel = window.show_tab("targets")
        settle()
        shown = [c.text() for c in panel.findChildren(QLabel, "target-label")]
        assert "Gazelle firms 15.1%" in shown
    finally:
        close_window(window)
    out = tmp_path / "summary.pdf"
    with Store.open(db) as store:
        BriefingPrinter(store, "en").to_pdf(out, summary_only=True)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Gazelle firms 15.1%" in " ".join(text.split())
    assert "%1.51" not in text
