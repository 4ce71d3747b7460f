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


def test_the_window_shows_the_check_and_skip_reads_the_file_as_trusted(
    qtbot, built_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QProgressDialog

    from jhviewer.data import store as store_module
    from jhviewer.ui import integrity
    from jhviewer.ui.main_window import MainWindow
    from jhviewer.ui.settings import Settings

    db = tmp_path / "big.db"
    shutil.copyfile(built_db, db)
    monkeypatch.setattr(store_module, "_PROGRESS_EVERY_N_OPS", 100)
    monkeypatch.setattr(integrity, "SHOW_AFTER_S", 0.0)
    shown: list[str] = []

    def cancel(dialog: QProgressDialog) -> bool:
        shown.append(dialog.labelText())
        return True  # the user pressed Skip Check

    monkeypatch.setattr(QProgressDialog, "wasCanceled", cancel)
    window = MainWindow(Settings.in_file(tmp_path / "settings.ini"), "en")
    qtbot.addWidget(window)
    try:
        assert window.session.load_database(db, check_later=True) is None
        assert window.store is not None and not window.store.checked
        window.show_tab("targets")
        settle()
        assert shown and shown[0].startswith("Checking big.db for damage (at most 10 s)")
        assert window.store.checked and window.store.check_skipped
        assert len(window.panel("targets").cards) == len(window.store.targets()) > 20
    finally:
        close_window(window)
