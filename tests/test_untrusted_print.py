"""Printouts of files that grow without bound (issue 12): sections without facts paginate
linearly and are a `check` warning, the summary stays a summary, and a printout far
beyond what a person reads needs --allow-large (CLI) or asks first (window)."""

from __future__ import annotations

import shutil
import sqlite3
import time
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from jhviewer.cli import cli
from jhviewer.data.store import Store


def with_empty_sections(built_db: Path, folder: Path, count: int) -> Path:
    """A copy of the briefing with `count` more sections, none with any fact."""
    path = folder / f"empty-{count}.db"
    shutil.copyfile(built_db, path)
    connection = sqlite3.connect(path)
    connection.executemany(
        "INSERT INTO sections (id, briefing_id, position, title_zh, title_en, summary_zh,"
        " summary_en) VALUES (?, 'jianghan-2024', ?, ?, ?, '没有事实的章节。', 'No facts here.')",
        [(f"jianghan-2024/empty-{n}", 100 + n, f"空章节{n}", f"Empty {n}") for n in range(count)],
    )
    connection.commit()
    connection.close()
    return path


def with_targets(built_db: Path, folder: Path, count: int) -> Path:
    """A copy of the briefing with `count` more 2024 targets (copies of a real one)."""
    path = folder / f"targets-{count}.db"
    shutil.copyfile(built_db, path)
    connection = sqlite3.connect(path)
    columns = [row[1] for row in connection.execute("PRAGMA table_info(facts)")]
    source = connection.execute(
        "SELECT * FROM facts WHERE kind = 'target' AND year = 2024 LIMIT 1"
    ).fetchone()
    rows = []
    for n in range(count):
        row = dict(zip(columns, source, strict=True))
        row.update(id=f"jianghan-2024/extra-target-{n}", position=10_000 + n, headline=None,
                   label_en=f"Extra target {n}", label_zh=f"新增目标{n}")
        rows.append(tuple(row[c] for c in columns))
    marks = ",".join("?" * len(columns))
    connection.executemany(f"INSERT INTO facts ({','.join(columns)}) VALUES ({marks})", rows)
    connection.commit()
    connection.close()
    return path


@pytest.mark.slow  # 4,000 sections paginated; the fast loop keeps the 25-section check below
def test_four_thousand_empty_sections_paginate_a_page_per_dozen_not_one_each(
    built_db: Path, tmp_path: Path
) -> None:
    from jhviewer.report.printer import BriefingPrinter

    db = with_empty_sections(built_db, tmp_path, 4000)
    started = time.monotonic()
    with Store.open(db) as store:
        from jhviewer.ui.charts import FIGURE_PAINTER

        printer = BriefingPrinter(store, "en", printed_on=date(2024, 5, 1), allow_large=True,
                                  figures=FIGURE_PAINTER)
        pages = printer.to_pdf(tmp_path / "out.pdf")
    assert 250 <= pages <= 450  # 4,000 headings and leads, a dozen a page
    assert time.monotonic() - started < 120  # was 509 s: quadratic; a hang guard only


def test_empty_sections_are_a_check_warning_not_a_failure(built_db: Path, tmp_path: Path) -> None:
    db = with_empty_sections(built_db, tmp_path, 25)
    result = CliRunner().invoke(cli, ["check", "--db", str(db)])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == ("warning: section jianghan-2024/empty-0 has no facts: "
                        "its heading would stand alone in the printout")
    assert lines[-2:] == ["warning: and 5 more sections without facts", "ok"]
    assert len(lines) == 22


# 1,000 extra targets are 25 times the summary's 40: the fast loop checks the cap with them;
# the 10,000 of the original report run with --all.
@pytest.mark.parametrize("extra", [1_000, pytest.param(10_000, marks=pytest.mark.slow)])
def test_the_summary_of_ten_thousand_targets_stays_a_summary(
    built_db: Path, tmp_path: Path, extra: int
) -> None:
    from jhviewer.report.content import Paragraph, TargetGrid
    from jhviewer.report.printer import BriefingPrinter

    db = with_targets(built_db, tmp_path, extra)
    with Store.open(built_db) as shipped:
        targets = len(shipped.targets())
    with Store.open(db) as store:
        printer = BriefingPrinter(store, "en", printed_on=date(2024, 5, 1))
        pages = printer.to_pdf(tmp_path / "summary.pdf", summary_only=True)
        summary = printer.document(summary_only=True).summary
    assert pages <= 2  # was 110 with 10,000
    grid = next(e for e in summary if isinstance(e, TargetGrid))
    assert len(grid.items) == 40
    assert summary[-1] == Paragraph(
        f"and {targets + extra - 40:,} more targets, listed in the full briefing.", "note"
    )


@pytest.mark.slow  # prints a huge briefing; the summary cap test stays in the fast loop
def test_a_full_printout_of_a_huge_briefing_needs_allow_large(
    built_db: Path, tmp_path: Path
) -> None:
    db = with_targets(built_db, tmp_path, 6_000)
    with Store.open(db) as store:
        total, sections = store.count_facts(), store.count_sections()
    out = tmp_path / "full.pdf"
    result = CliRunner().invoke(cli, ["pdf", str(out), "--db", str(db), "--lang", "en"])
    assert result.exit_code == 1 and not out.exists()
    assert f"The full briefing holds {total:,} facts in {sections} sections" in (
        str(result.exception)
    )
    assert "--allow-large" in str(result.exception)
    result = CliRunner().invoke(
        cli, ["pdf", str(out), "--db", str(db), "--lang", "en", "--summary-only"]
    )
    assert result.exit_code == 0 and out.exists()


def test_the_window_asks_before_a_huge_printout(
    qtbot, built_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialog

    from jhviewer.ui import print_guard
    from jhviewer.ui.pdf_dialog import PdfOptionsDialog
    from tests.uihelpers import close_window, make_window

    db = with_targets(built_db, tmp_path, 6_000)
    with Store.open(db) as store:
        total = store.count_facts()
    window = make_window(qtbot, tmp_path, db, "en")
    asked: list[str] = []
    monkeypatch.setattr(print_guard, "ask_large_print",
                        lambda _parent, reason: asked.append(reason) or False)
    monkeypatch.setattr(PdfOptionsDialog, "exec", lambda _self: QDialog.DialogCode.Accepted)
    chosen: list[str] = []
    monkeypatch.setattr(
        "jhviewer.ui.print_controller.QFileDialog.getSaveFileName",
        lambda *_a, **_k: chosen.append("file") or (str(tmp_path / "x.pdf"), "PDF (*.pdf)"),
    )
    try:
        window.act["export-pdf"].trigger()
        assert len(asked) == 1 and f"{total:,} facts" in asked[0]
        assert chosen == []  # said no: nothing printed, no file asked for
    finally:
        close_window(window)


def test_a_long_printout_in_the_window_shows_progress_and_cancel_writes_nothing(
    qtbot, built_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialog, QProgressDialog

    from jhviewer.ui import print_guard
    from jhviewer.ui.pdf_dialog import PdfOptionsDialog
    from tests.uihelpers import close_window, make_window

    db = with_empty_sections(built_db, tmp_path, 1200)
    window = make_window(qtbot, tmp_path, db, "en")
    monkeypatch.setattr(print_guard, "ask_large_print", lambda _parent, _reason: True)
    monkeypatch.setattr(print_guard, "SHOW_AFTER_S", 0.0)
    monkeypatch.setattr(PdfOptionsDialog, "exec", lambda _self: QDialog.DialogCode.Accepted)
    out = tmp_path / "full.pdf"
    monkeypatch.setattr("jhviewer.ui.print_controller.QFileDialog.getSaveFileName",
                        lambda *_a, **_k: (str(out), "PDF (*.pdf)"))
    labels: list[str] = []

    def cancel_on_page_three(dialog: QProgressDialog) -> bool:
        labels.append(dialog.labelText())
        return len(labels) >= 3

    monkeypatch.setattr(QProgressDialog, "wasCanceled", cancel_on_page_three)
    try:
        window.act["export-pdf"].trigger()
        assert labels[0].startswith("Page 1 of ") and int(labels[0].split()[-1]) > 90
        assert labels[2].startswith("Page 3 of ")
        assert not out.exists()
        assert not list(tmp_path.glob("*.pdf*"))  # no temporary file left either
    finally:
        close_window(window)
