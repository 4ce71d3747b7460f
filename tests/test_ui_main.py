"""The main window: menus and shortcuts, languages, presentation mode, settings, the status
bar, opening databases (good, bad, with bad rows), plain-text safety and start-up imports."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QWidget

from jhviewer import __version__
from jhviewer.data.errors import DatabaseError, NotADatabaseError
from jhviewer.data.records import FactFilter
from jhviewer.data.store import Store
from jhviewer.paths import REPO_ROOT
from jhviewer.ui import actions, style
from jhviewer.ui.errors import OpenChoice, OpenErrorDialog, problems_summary
from jhviewer.ui.facts_panel import FactsPanel
from jhviewer.ui.main_window import MainWindow
from jhviewer.ui.models import Column
from jhviewer.ui.overview import OverviewPanel
from jhviewer.ui.pdf_dialog import PdfOptionsDialog
from jhviewer.ui.settings import Settings
from jhviewer.ui.tabs import TAB_KEYS
from tests.uihelpers import (
    CJK,
    HOSTILE,
    close_window,
    damaged_copy,
    make_window,
    open_all_tabs,
    settle,
    visible_texts,
)

StandardKey = QKeySequence.StandardKey


@pytest.fixture
def window(qtbot, tmp_path: Path, built_db: Path) -> Iterator[MainWindow]:
    win = make_window(qtbot, tmp_path, built_db, "zh")
    yield win
    close_window(win)


# --- menus, actions, shortcuts -----------------------------------------------------------


def test_tabs_and_menus_in_chinese(window: MainWindow) -> None:
    assert [window.tabs.tabText(i) for i in range(4)] == ["概览", "区情", "数说江汉", "图表"]
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["文件(&F)", "编辑(&E)", "视图(&V)", "帮助(&H)"]
    file_names = [a.objectName() for a in window.file_menu.actions() if a.objectName()]
    for name in ("open", "open-builtin", "print-preview", "print", "export-pdf", "quit"):
        assert name in file_names
    assert window.recent_menu.menuAction() in window.file_menu.actions()
    assert window.act["about"] in window.help_menu.actions()


def test_standard_shortcuts_where_qt_has_them(window: MainWindow) -> None:
    def keys(name: str) -> list[str]:
        return [k.toString() for k in window.act[name].shortcuts()]

    for name, standard in (("open", StandardKey.Open), ("find", StandardKey.Find),
                           ("copy-fact", StandardKey.Copy), ("print", StandardKey.Print)):
        expected = [k.toString() for k in QKeySequence.keyBindings(standard)]
        assert keys(name)[: len(expected)] == expected
    assert "F11" in keys("presentation")
    assert "Ctrl+L" in keys("switch-language")
    assert "Ctrl+Q" in keys("quit")
    for number, key in enumerate(TAB_KEYS, start=1):
        assert f"Ctrl+{number}" in keys(f"show-{key}")


def test_every_action_has_text_and_status_tip(window: MainWindow) -> None:
    for action in window.findChildren(actions.SpecAction):
        assert action.text(), action.objectName()
        if action.spec.translated:
            assert action.statusTip(), action.objectName()


def test_ctrl_number_switches_tabs(window: MainWindow) -> None:
    window.act["show-targets"].trigger()
    assert window.current_tab() == "targets"
    window.act["show-overview"].trigger()
    assert window.current_tab() == "overview"


def test_widgets_have_accessible_names(window: MainWindow) -> None:
    open_all_tabs(window)
    facts = window.panels["facts"]
    assert isinstance(facts, FactsPanel)
    for widget in (facts.search_box, facts.kind_box, facts.year_box, facts.table,
                   facts.theme_view, facts.detail.copy_button):
        assert widget.accessibleName(), widget.objectName()
    charts = window.panels["charts"]
    assert charts.chart_list.accessibleName()  # type: ignore[attr-defined]


# --- languages ---------------------------------------------------------------------------

# Data the briefing only has in Chinese: the verbatim evidence, and source headings.
CHINESE_ONLY = frozenset({"evidence", "location", "match"})


def test_language_switch_changes_every_label(window: MainWindow) -> None:
    open_all_tabs(window)
    facts = window.panels["facts"]
    assert isinstance(facts, FactsPanel)
    facts.search("首店")
    settle()
    chinese = visible_texts(window, CHINESE_ONLY)
    window.act["switch-language"].trigger()
    settle()
    assert window.lang == "en"
    english = visible_texts(window, CHINESE_ONLY)
    leftovers = [text for text in english if CJK.search(text)]
    assert leftovers == []
    assert sum(1 for text in chinese if CJK.search(text)) > 50
    assert window.tabs.tabText(0) == "Overview"
    assert window.menuBar().actions()[0].text() == "&File"
    assert facts.model.headerData(Column.VALUE, Qt.Orientation.Horizontal) == "Value"
    window.act["switch-language"].trigger()
    settle()
    assert window.tabs.tabText(0) == "概览"


def test_language_is_remembered(qtbot, tmp_path: Path, built_db: Path) -> None:
    window = make_window(qtbot, tmp_path, built_db, "zh")
    window.act["language-en"].trigger()
    assert window.act["language-en"].isChecked()
    close_window(window)
    settings = Settings.in_file(tmp_path / "settings.ini")
    assert settings.language() == "en"
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert again.lang == "en"
    assert again.tabs.tabText(0) == "Overview"
    close_window(again)


# --- presentation mode -------------------------------------------------------------------


def test_presentation_mode_toggles_full_screen_and_type(window: MainWindow) -> None:
    overview = window.panels["overview"]
    assert isinstance(overview, OverviewPanel)
    title = overview.content.findChild(QLabel, "title")
    normal = title.font().pointSizeF()
    window.act["presentation"].trigger()
    settle()
    assert window.is_presenting()
    assert window.windowState() & Qt.WindowState.WindowFullScreen
    assert window.act["presentation"].isChecked()
    bigger = overview.content.findChild(QLabel, "title").font().pointSizeF()
    assert bigger == pytest.approx(normal * style.PRESENTATION_SCALE)
    window.act["presentation"].trigger()
    settle()
    assert not window.is_presenting()
    assert not window.windowState() & Qt.WindowState.WindowFullScreen
    assert overview.content.findChild(QLabel, "title").font().pointSizeF() == pytest.approx(normal)


# --- settings, status bar ----------------------------------------------------------------


def test_geometry_and_last_tab_are_saved(qtbot, tmp_path: Path, built_db: Path) -> None:
    window = make_window(qtbot, tmp_path, built_db)
    window.show_tab("targets")
    close_window(window)
    settings = Settings.in_file(tmp_path / "settings.ini")
    assert settings.last_tab() == TAB_KEYS.index("targets")
    assert not settings.geometry().isEmpty()
    again = MainWindow(settings, "zh")
    qtbot.addWidget(again)
    again.restore_last_tab()
    assert again.current_tab() == "targets"
    close_window(again)


def test_recent_files_remember_opened_databases(window: MainWindow, db_copy: Path) -> None:
    assert window.session.open_database(db_copy)
    assert window.settings.recent_files()[0] == str(db_copy.resolve())
    window.recent_menu.aboutToShow.emit()
    names = [a.text() for a in window.recent_menu.actions()]
    assert any(str(db_copy.resolve()) in name for name in names)
    window.act["clear-recent"].trigger()
    assert window.settings.recent_files() == []


def test_status_bar_shows_database_and_counts(window: MainWindow, built_db: Path) -> None:
    store = window.store
    assert store is not None
    assert str(built_db) in window.database_label.toolTip()
    assert built_db.name in window.database_label.text()
    assert f"{store.count_facts():,}" in window.counts_label.text()
    briefing = store.briefing()
    assert briefing is not None
    targets = store.count_facts(FactFilter(kind="target", year=briefing.year))
    assert str(targets) in window.counts_label.text()
    window.show_tab("facts")
    settle()
    assert str(store.count_facts()) in window.shown_label.text()


# The offscreen platform says it cannot size a modal box to its hints; that is all.
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_about_names_version_source_and_font_licence(window: MainWindow) -> None:
    shown: dict[str, str] = {}

    def read_and_close() -> None:
        box = window.findChild(QMessageBox, "about")
        assert box is not None
        shown.update(title=box.windowTitle(), text=box.text(), info=box.informativeText())
        box.close()

    QTimer.singleShot(0, read_and_close)
    window.act["about"].trigger()
    assert shown["title"] == "关于 jhviewer"
    assert shown["text"] == f"jhviewer {__version__}" == "jhviewer 0.1.0"
    lines = shown["info"].splitlines()
    assert "数据：《重塑新时代武汉之“重”》，中共武汉市江汉区委宣传部。" in lines
    assert "江汉区委宣传部策划的区情专题稿件，回顾2023年成绩并公布2024年主要目标" in lines
    assert "SIL" in shown["info"] and "OFL.txt" in shown["info"]
    window.set_language("en")
    assert "Open Font License" in window.about_text()


# --- opening databases -------------------------------------------------------------------


def test_open_error_dialog_is_plain_and_offers_ways_forward(qtbot, tmp_path: Path) -> None:
    bad = tmp_path / "<b>bad</b>.db"
    dialog = OpenErrorDialog(bad, NotADatabaseError(f"{bad.name} is not a SQLite database."),
                             None)
    qtbot.addWidget(dialog)
    assert dialog.textFormat() == Qt.TextFormat.PlainText
    assert bad.name in dialog.text()
    assert "not a SQLite database" in dialog.informativeText()
    roles = {dialog.buttonRole(b) for b in dialog.buttons()}
    assert QMessageBox.ButtonRole.ActionRole in roles
    dialog.another.click()  # not shown: the offscreen platform warns about dialog sizes
    assert dialog.choice() is OpenChoice.OPEN_ANOTHER


def test_a_bad_file_leaves_the_window_usable(window: MainWindow, tmp_path: Path) -> None:
    bad = tmp_path / "junk.db"
    bad.write_bytes(b"this is not sqlite at all" * 10)
    asked: list[tuple[Path | None, DatabaseError]] = []

    def answer(_parent: QWidget | None, path: Path | None, error: DatabaseError) -> OpenChoice:
        asked.append((path, error))
        return OpenChoice.CANCEL

    before = window.store
    window.session.ask_after_open_error = answer
    assert not window.session.open_database(bad)
    assert asked and asked[0][0] == bad and "junk.db" in str(asked[0][1])
    assert window.store is before  # still showing the previous database
    assert window.panels["overview"].tiles  # type: ignore[attr-defined]


def test_choosing_the_builtin_briefing_after_an_error(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Path | None] = []
    real_open = window.session.open_database

    def record(path: Path | None) -> bool:
        opened.append(path)
        return real_open(path) if path is not None else True

    monkeypatch.setattr(window.session, "open_database", record)
    window.session.ask_after_open_error = lambda *_args: OpenChoice.OPEN_BUILTIN
    window.session.open_database(tmp_path / "missing.db")
    assert opened == [tmp_path / "missing.db", None]


def test_bad_rows_are_skipped_and_reported(qtbot, tmp_path: Path, built_db: Path) -> None:
    bad_id = "jianghan-2024/gdp-growth-2023"
    damaged = damaged_copy(
        built_db, tmp_path / "damaged.db",
        ("UPDATE facts SET value = 'lots' WHERE id = ?", (bad_id,)),
    )
    window = make_window(qtbot, tmp_path, None)
    assert window.session.open_database(damaged)
    qtbot.waitUntil(lambda: window.session.notice is not None and window.session.notice.isVisible())
    assert window.session.notice is not None
    assert bad_id in window.session.notice.text.text()
    store = window.store
    assert store is not None
    assert window.session.notice.text.text() == problems_summary(store.problems)
    panel = window.show_tab("facts")
    settle()
    assert isinstance(panel, FactsPanel)
    while panel.model.canFetchMore():
        panel.model.fetchMore()
    with Store.open(built_db) as good:
        assert panel.model.rowCount() == good.count_facts() - 1
    window.session.notice.close_button.click()
    assert not window.session.notice.isVisible()
    close_window(window)


# --- plain text everywhere ---------------------------------------------------------------


def test_database_text_is_shown_literally(qtbot, tmp_path: Path, built_db: Path) -> None:
    fact_id = "jianghan-2024/gdp-growth-2023"  # a headline fact: on the overview too
    hostile = damaged_copy(
        built_db, tmp_path / "hostile.db",
        ("UPDATE facts SET label_zh = ?, description_zh = ?, evidence = ? WHERE id = ?",
         (HOSTILE, HOSTILE, HOSTILE, fact_id)),
    )
    window = make_window(qtbot, tmp_path, hostile, "zh")
    overview = window.panels["overview"]
    tile = next(t for t in overview.tiles if t.accessibleName() == HOSTILE)  # type: ignore[attr-defined]
    assert "&lt;img" in tile.toolTip() and "<img" not in tile.toolTip()
    panel = window.show_tab("facts")
    settle()
    assert isinstance(panel, FactsPanel)
    row = panel.model.row_of(fact_id)
    index = panel.model.index(row, Column.INDICATOR)
    assert index.data() == HOSTILE
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;x&lt;/b&gt;" in tip and "<img" not in tip
    panel.table.selectRow(row)
    settle()
    label = panel.detail.fields["label"]
    assert label.text() == HOSTILE and label.textFormat() == Qt.TextFormat.PlainText
    panel.search("passwd")  # highlighted labels are rich text: escaped
    settle()
    for field in panel.detail.fields.values():
        if field.textFormat() != Qt.TextFormat.PlainText:
            assert "<img" not in field.text() and "&lt;img" in field.text()
    for widget in window.findChildren(QLabel):
        if widget.textFormat() != Qt.TextFormat.PlainText:
            assert "<img" not in widget.text(), widget.objectName()
    close_window(window)


# --- start-up ----------------------------------------------------------------------------


def test_first_paint_imports_no_charting_or_build_libraries(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from jhviewer.ui.app import create_application\n"
        "from jhviewer.ui.main_window import MainWindow\n"
        "from jhviewer.ui.settings import Settings\n"
        "app = create_application()\n"
        f"w = MainWindow(Settings.in_file(Path({str(tmp_path / 's.ini')!r})), 'zh')\n"
        f"assert w.session.load_database(Path({str(REPO_ROOT / 'data.db')!r})) is None\n"
        "w.show(); app.processEvents()\n"
        "assert w.panels['overview'].tiles\n"
        "print(sorted(m for m in ('pyqtgraph', 'numpy', 'sqlite_utils', 'PySide6.QtPrintSupport')"
        " if m in sys.modules))\n"
        "w.close()\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_print_actions_use_the_report_module(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, object]] = []

    class FakePrinter:
        def __init__(self, store: Store, lang: str, **options: object) -> None:
            calls.append(("init", lang))
            assert options["briefing_id"] == "jianghan-2024"
            assert options["figures"] is not None

        def too_large(self, summary_only: bool = False) -> str | None:
            return None

        def to_pdf(self, path: Path, summary_only: bool = False) -> None:
            calls.append(("pdf", (path, summary_only)))
            Path(path).write_bytes(b"%PDF-1.4\n")

    fake = types.ModuleType("jhviewer.report")
    fake.BriefingPrinter = FakePrinter  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "jhviewer.report", fake)
    target = tmp_path / "out"
    monkeypatch.setattr(
        "jhviewer.ui.print_controller.QFileDialog.getSaveFileName",
        lambda *_args, **_kw: (str(target), "PDF (*.pdf)"),
    )

    def choose_english_summary(dialog: PdfOptionsDialog) -> int:
        assert dialog.full.isChecked() and dialog.language() == "zh"  # the defaults
        dialog.summary.setChecked(True)
        dialog.languages.setCurrentIndex(dialog.languages.findData("en"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PdfOptionsDialog, "exec", choose_english_summary)
    window.act["export-pdf"].trigger()
    assert calls == [("init", "en"), ("pdf", (tmp_path / "out.pdf", True))]
    assert (tmp_path / "out.pdf").exists()
