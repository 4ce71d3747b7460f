"""The window at every size, scale, language and state (issue 11): sizes and scaling,
languages, keys, search, read failures while open, geometry, and presentation mode."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QScrollBar, QWidget

from jhviewer.data import errors
from jhviewer.data.errors import ZH_MESSAGES, DatabaseNotFoundError
from jhviewer.data.search import find_spans, query_terms
from jhviewer.data.store import Store
from jhviewer.paths import REPO_ROOT
from jhviewer.ui.errors import OpenErrorDialog
from jhviewer.ui.facts_panel import FactsPanel
from jhviewer.ui.i18n import translate
from jhviewer.ui.main_window import MainWindow
from jhviewer.ui.models import SPAN_ROLE, Column
from jhviewer.ui.pdf_dialog import PdfOptionsDialog
from jhviewer.ui.presentation import PresentationView
from jhviewer.ui.settings import Settings
from tests.layout_checks import layout_problems
from tests.message_scan import message_templates
from tests.uihelpers import close_window, make_window, settle

TABS = ("overview", "facts", "targets", "charts")


@pytest.fixture
def window(qtbot, tmp_path: Path, built_db: Path) -> Iterator[MainWindow]:
    win = make_window(qtbot, tmp_path, built_db, "zh")
    yield win
    close_window(win)


def facts_of(window: MainWindow) -> FactsPanel:
    panel = window.show_tab("facts")
    assert isinstance(panel, FactsPanel)
    settle()
    return panel


# --- sizes and scaling --------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(800, 600), (760, 520), (1024, 600), (1280, 720),
                                  (3840, 2160)])
def test_every_tab_fits_a_small_window(
    qtbot, tmp_path: Path, built_db: Path, lang: str, size: tuple[int, int]
) -> None:
    window = make_window(qtbot, tmp_path, built_db, lang)  # type: ignore[arg-type]
    try:
        window.resize(*size)
        settle()
        for key in TABS:
            window.show_tab(key)
            settle()
            assert layout_problems(window) == [], key
    finally:
        close_window(window)


def test_facts_indicator_column_gets_the_room(window: MainWindow) -> None:
    window.resize(800, 600)
    panel = facts_of(window)
    table = panel.table
    digit = table.fontMetrics().horizontalAdvance("0")
    widths = [table.columnWidth(column) for column in Column]
    assert widths[Column.INDICATOR] >= 20 * digit
    assert widths[Column.INDICATOR] == max(widths)
    assert sum(widths) <= table.viewport().width()
    # The filters wrap below the search box rather than being cut.
    assert panel.kind_box.width() >= panel.kind_box.sizeHint().width()
    assert panel.year_box.width() >= panel.year_box.sizeHint().width()


@pytest.mark.parametrize("lang", ["zh", "en"])
# The smaller screen is the harder fit; the larger one runs with --all.
@pytest.mark.parametrize("screen", ["1600x1000", pytest.param("1920x1080", marks=pytest.mark.slow)])
def test_every_tab_fits_at_scale_2(tmp_path: Path, lang: str, screen: str) -> None:
    """QT_SCALE_FACTOR=2 on a 1600x1000 (or 1080p) screen: the window at the screen's
    available 800x500 (960x540) logical pixels, every tab checked, images twice the size."""
    width, height = (int(n) for n in screen.split("x"))
    config = tmp_path / "screen.json"
    screens = [{"name": "s", "x": 0, "y": 0, "width": width, "height": height,
                "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]
    config.write_text(json.dumps({"screens": screens}), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "QT_SCALE_FACTOR": "2", "XDG_CONFIG_HOME": str(tmp_path)}
    out = tmp_path / "shots"
    result = subprocess.run(
        [sys.executable, "-m", "tests.layout_checks", lang, str(out)],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "no problems"
    for key in TABS:
        image = QImage(str(out / f"{key}-{lang}.png"))
        assert (image.width(), image.height()) == (width, height)


def ink_lines(image: QImage, top: int, bottom: int, left: int, right: int) -> list[int]:
    """The rows from `top` to `bottom` of `image` where a line of dark text begins and
    where it ends, as [start, end, start, end, ...]: a row is inked if any pixel in it is
    darker than half."""
    edges: list[int] = []
    inked = False
    for y in range(top, bottom + 1):
        row = any(QColor(image.pixel(x, y)).lightness() < 128 for x in range(left, right + 1))
        if row != inked:
            edges.append(y)
            inked = row
    if inked:
        edges.append(bottom + 1)
    return edges


@pytest.mark.parametrize(("lang", "size", "name", "lines"), [
    ("zh", (800, 600), "数字经济与科技创新", 2),
    ("en", (800, 520), "Green development and urban renewal", 4),  # as at scale 2
])
def test_long_theme_names_show_in_full(
    qtbot, tmp_path: Path, built_db: Path, lang: str, size: tuple[int, int], name: str,
    lines: int,
) -> None:
    window = make_window(qtbot, tmp_path, built_db, lang)  # type: ignore[arg-type]
    try:
        window.resize(*size)
        panel = facts_of(window)
        view = panel.theme_view
        model = view.model()
        names = [str(model.index(row, 0).data()) for row in range(model.rowCount())]
        assert name in names and all("…" not in text for text in names)
        row = names.index(name)
        view.scrollTo(model.index(row + 1, 0))  # the name and the row below it in view
        settle()
        image = view.viewport().grab().toImage()
        line = view.fontMetrics().lineSpacing()
        rect = view.visualRect(model.index(row, 0))
        assert rect.top() >= 0 and rect.bottom() < image.height()
        assert view.fontMetrics().horizontalAdvance(name) > rect.width() - 8  # it must wrap
        assert rect.height() >= lines * line
        # The whole name is painted, a line of text per line, and nothing below its row.
        edges = ink_lines(image, rect.top(), rect.bottom(), rect.left(), rect.right())
        assert len(edges) == 2 * lines, edges
        below = view.visualRect(model.index(row + 1, 0))
        assert below.top() > rect.bottom()
        assert ink_lines(image, rect.bottom() + 1, below.top() - 1, rect.left(),
                         rect.right()) == []
        for other in range(model.rowCount()):  # every other name, on one line or more
            index = model.index(other, 0)
            box = view.visualRect(index)
            if view.selectionModel().isSelected(index):
                continue  # dark text on its highlight
            if box.isValid() and box.top() >= 0 and box.bottom() < image.height():
                found = ink_lines(image, box.top(), box.bottom(), box.left(), box.right())
                assert found, names[other]
                assert found[0] > box.top() and found[-1] <= box.bottom(), names[other]
    finally:
        close_window(window)


def test_chart_value_labels_fit_a_narrow_plot(window: MainWindow) -> None:
    window.resize(800, 520)  # about a 1600x1000 screen at scale 2, less the frame
    charts = window.show_tab("charts")
    settle()
    plot = charts.plot_widget
    assert plot is not None
    assert plot.height() >= 200
    for item in plot.ci.items:
        axis = item.getAxis("bottom")  # the x-axis and its labels are inside the plot
        assert axis.isVisible()
        assert axis.mapRectToScene(axis.boundingRect()).bottom() <= plot.height() + 1
        view = item.getViewBox()
        (_, x_high), _ = view.viewRange()
        for label in [c for c in view.addedItems if type(c).__name__ == "TextItem"]:
            rect = label.mapRectToView(label.boundingRect())
            assert rect.right() <= x_high, label.toPlainText()


def test_first_window_fits_the_available_screen(qtbot, tmp_path: Path) -> None:
    available = QGuiApplication.primaryScreen().availableGeometry()
    settings = Settings.in_file(tmp_path / "settings.ini")
    big = MainWindow(settings, "en")
    qtbot.addWidget(big)
    big.setMinimumSize(0, 0)
    big.resize(available.width() + 600, available.height() + 400)
    settings.set_geometry(big.saveGeometry())  # saved on a bigger screen, or at scale 1
    close_window(big)
    for saved in (True, False):
        if not saved:
            settings.set_geometry(settings.geometry().__class__())
        window = MainWindow(settings, "en")
        qtbot.addWidget(window)
        assert window.width() <= available.width() - 16
        assert window.height() <= available.height() - 48
        assert available.contains(QRect(window.pos(), window.size()))
        close_window(window)


def test_quitting_in_presentation_keeps_the_normal_geometry(
    qtbot, tmp_path: Path, built_db: Path
) -> None:
    window = make_window(qtbot, tmp_path, built_db, "en")
    window.resize(770, 530)
    settle()
    window.set_presentation(True)
    settle()
    window.close()
    settle()
    again = MainWindow(Settings.in_file(tmp_path / "settings.ini"), "en")
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (770, 530)
    assert not again.windowState() & Qt.WindowState.WindowFullScreen
    close_window(again)
    close_window(window)


# --- languages ----------------------------------------------------------------------------


def test_one_language_ticked_after_ctrl_l(window: MainWindow) -> None:
    def ticked() -> list[str]:
        return [a.text() for a in window.language_group.actions() if a.isChecked()]

    assert ticked() == ["中文"]
    window.act["switch-language"].trigger()
    assert ticked() == ["English"]
    assert window.tabs.tabText(0) == "Overview"
    window.act["switch-language"].trigger()
    assert ticked() == ["中文"]
    assert window.tabs.tabText(0) == "概览"
    settle()


def test_qt_dialogs_are_chinese(window: MainWindow) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    dialog = QFileDialog(window)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    assert dialog.findChild(QLabel, "lookInLabel").text() == "查找范围(&L)："
    assert dialog.findChild(QLabel, "fileTypeLabel").text() == "文件类型(&T)："
    assert dialog.findChild(QLabel, "fileNameLabel").text() == "文件名称(&N)："
    dialog.deleteLater()
    printer = QPrinter()
    printing = QPrintDialog(printer, window)
    assert printing.findChild(QLabel, "pageSetLabel").text() == "页面组(&S)："
    printing.deleteLater()
    assert translate("QPrintSettingsOutput", "Duplex Printing") == "双面打印"
    assert translate("QPrintSettingsOutput", "Even Pages") == "偶数页"


def test_open_errors_are_explained_in_the_ui_language(window: MainWindow, tmp_path: Path) -> None:
    missing = tmp_path / "gone.db"
    bad = tmp_path / "bad.db"
    bad.write_text("not a database at all", encoding="utf-8")
    reasons = {}
    for path in (missing, bad):
        with pytest.raises(errors.DatabaseError) as caught:
            Store.open(path)
        reasons[path] = caught.value
    dialog = OpenErrorDialog(missing, reasons[missing], window)
    assert dialog.informativeText() == f"{missing} 处没有文件。"
    dialog.deleteLater()
    dialog = OpenErrorDialog(bad, reasons[bad], window)
    assert dialog.informativeText() == "bad.db 不是 SQLite 数据库。"
    dialog.deleteLater()
    window.set_language("en")
    dialog = OpenErrorDialog(bad, reasons[bad], window)
    assert dialog.informativeText() == "bad.db is not a SQLite database."
    dialog.deleteLater()


def test_data_errors_keep_both_languages_without_qt() -> None:
    error = DatabaseNotFoundError("There is no file at {path}.", path="/x/y.db")
    assert str(error) == "There is no file at /x/y.db."
    assert error.text("zh") == "/x/y.db 处没有文件。"
    assert error.text("en") == "There is no file at /x/y.db."
    plain = errors.ExportError("Something unforeseen.")
    assert plain.text("zh") == "Something unforeseen."  # no Chinese known: English


WINDOW_MESSAGE_SOURCES = ("jhviewer/data/store.py", "jhviewer/data/connection.py",
                          "jhviewer/data/rows.py", "jhviewer/data/atomic.py", "jhviewer/ui",
                          "jhviewer/report")


def test_every_message_the_window_can_show_has_chinese() -> None:
    """Each error the window may show (the store's, writing files, exports, printing) is
    raised from a template that ZH_MESSAGES translates, never from an f-string."""
    ours = {name for name in dir(errors)
            if isinstance(getattr(errors, name), type)
            and issubclass(getattr(errors, name), errors.JhviewerError)}
    files = [path for source in WINDOW_MESSAGE_SOURCES
             for path in sorted((REPO_ROOT / source).rglob("*.py"))
             if (REPO_ROOT / source).is_dir()] + [
        REPO_ROOT / source for source in WINDOW_MESSAGE_SOURCES if source.endswith(".py")]
    templates, untranslatable = message_templates(files, ours)
    assert len(templates) >= 30
    assert [t for t in templates if t not in ZH_MESSAGES] == []
    assert untranslatable == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_menu_items_are_not_cut(tmp_path: Path, lang: str) -> None:
    """On a machine without CJK fonts of its own (only DejaVu), Qt drew "切换语…(L)" and
    "清除最近…(C)": each menu is drawn as it pops up and with room to spare, and compared."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path),
           "FONTCONFIG_FILE": str(REPO_ROOT / "tests" / "fontconfig" / "dejavu-only.conf")}
    result = subprocess.run(
        [sys.executable, "-m", "tests.layout_checks", "menus", lang],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "no problems"


# --- keys and state -----------------------------------------------------------------------


def test_window_shortcuts_work_from_the_search_box(
    window: MainWindow, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[bool] = []
    monkeypatch.setattr(PdfOptionsDialog, "exec",
                        lambda _self: asked.append(True) or QDialog.DialogCode.Rejected)
    panel = facts_of(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is not None, timeout=2000)
    window.find()
    panel.search("GDP")
    settle()
    panel.search_box.setFocus()
    panel.search_box.deselect()
    QTest.keyClick(panel.search_box, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert asked == [True]
    QGuiApplication.clipboard().clear()
    QTest.keyClick(panel.search_box, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text()
    assert panel.selected_fact() is not None
    assert panel.selected_fact().evidence in copied
    # With text selected in the box, Ctrl+C copies that text, as in any text field.
    panel.search_box.selectAll()
    QTest.keyClick(panel.search_box, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "GDP"


def test_enter_in_the_search_box_goes_to_the_results(window: MainWindow, qtbot) -> None:
    panel = facts_of(window)
    window.activateWindow()
    panel.focus_search()
    QTest.keyClicks(panel.search_box, "GDP")
    QTest.keyClick(panel.search_box, Qt.Key.Key_Return)
    settle()
    assert panel.model.rowCount() > 0
    assert panel.table.hasFocus()


def test_printing_needs_an_open_database(qtbot, tmp_path: Path, built_db: Path) -> None:
    window = make_window(qtbot, tmp_path, None, "en")
    try:
        names = ("print", "print-preview", "export-pdf")
        assert [window.act[n].isEnabled() for n in names] == [False, False, False]
        assert window.session.load_database(built_db) is None
        assert [window.act[n].isEnabled() for n in names] == [True, True, True]
    finally:
        close_window(window)


def test_search_marks_every_term(qtbot, tmp_path: Path, built_db: Path) -> None:
    assert find_spans("New first stores rank in Wuhan", "first store") == [(4, 9), (10, 15)]
    assert find_spans("GDP growth, GDP size", "gdp") == [(0, 3), (12, 15)]
    window = make_window(qtbot, tmp_path, built_db, "en")
    try:
        panel = facts_of(window)
        panel.search("first store")
        settle()
        labels = {panel.model.fact(r).label("en"): r for r in range(panel.model.rowCount())}
        row = labels["New first stores rank in Wuhan"]
        assert panel.model.index(row, Column.INDICATOR).data(SPAN_ROLE) == [(4, 9), (10, 15)]
        panel.table.selectRow(row)
        settle()
        html = panel.detail.fields["label"].text()
        assert html.count("background-color") == 2
        assert panel.detail.fields["label"].property("spans") == [[4, 9], [10, 15]]
    finally:
        close_window(window)


def test_no_result_says_nothing_matches_and_how_to_clear(window: MainWindow) -> None:
    panel = facts_of(window)
    panel.search("zzqqzz")
    settle()
    assert panel.model.rowCount() == 0
    assert panel.no_match.isVisible() and not panel.table.isVisible()
    assert panel.no_match_text.text() == (
        "没有与“zzqqzz”匹配的内容。\n在搜索框中按 Esc 清除搜索，或点击“显示全部事实”。"
    )
    panel.show_all_button.click()
    settle()
    assert panel.search_box.text() == ""
    assert panel.model.total() == 115
    assert panel.table.isVisible() and not panel.no_match.isVisible()
    panel.kind_box.setCurrentIndex(panel.kind_box.findData("target"))
    panel.year_box.setCurrentIndex(panel.year_box.findData(2023))
    settle()
    assert panel.no_match_text.text().startswith("没有符合这些筛选条件的事实。")


def test_full_width_queries_find_what_half_width_ones_do(store: Store, window: MainWindow) -> None:
    assert query_terms("ＧＤＰ　２０２４ ７．４") == ["GDP", "2024", "7.4"]
    assert [h.fact.id for h in store.search("ＧＤＰ")] == [h.fact.id for h in store.search("GDP")]
    assert len(store.search("ＧＤＰ")) == 4
    panel = facts_of(window)
    panel.search("７．４")
    settle()
    assert panel.model.rowCount() == 1
    assert "7.4" in panel.model.index(0, Column.VALUE).data()


def test_full_width_queries_on_the_command_line() -> None:
    def search(query: str) -> list[str]:
        result = subprocess.run(
            [sys.executable, "-m", "jhviewer", "search", query, "--lang", "en"],
            cwd=REPO_ROOT, capture_output=True, text=True, timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.splitlines()

    assert len(search("ＧＤＰ")) == 4
    assert search("ＧＤＰ") == search("GDP")


# --- read failures while open -----------------------------------------------------------


def test_a_write_lock_is_a_message_with_retry(
    qtbot, tmp_path: Path, built_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "locked.db"
    shutil.copyfile(built_db, copy)
    window = make_window(qtbot, tmp_path, copy, "zh")
    holder = sqlite3.connect(copy, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        window.show_tab("targets")
        settle()
        notice = window.session.read_notice
        assert notice is not None and notice.isVisible()
        assert notice.text.text() == (
            "无法读取数据库：locked.db 正被另一个程序修改，请稍后重试。"
        )
        assert window.tabs.isEnabled() and window.current_tab() == "targets"
        holder.execute("ROLLBACK")
        holder.close()
        notice.retry_button.click()
        settle()
        assert not notice.isVisible()
        assert len(window.panels["targets"].cards) == 28
    finally:
        holder.close()
        close_window(window)
    assert "Traceback" not in capsys.readouterr().err


def test_a_deleted_file_is_a_message_with_retry(qtbot, tmp_path: Path, built_db: Path) -> None:
    copy = tmp_path / "brief.db"
    shutil.copyfile(built_db, copy)
    window = make_window(qtbot, tmp_path, copy, "en")
    try:
        copy.unlink()
        window.show_tab("facts")
        settle()
        notice = window.session.read_notice
        assert notice is not None and notice.isVisible()
        assert notice.text.text() == (
            "Could not read the database: brief.db is no longer there: it was deleted or "
            "moved while open."
        )
        notice.retry_button.click()  # still gone: said again
        settle()
        assert notice.isVisible()
        shutil.copyfile(built_db, copy)  # back (a new file): Retry opens it afresh
        notice.retry_button.click()
        settle()
        assert not notice.isVisible()
        assert window.store is not None and window.store.count_facts() == 115
        window.show_tab("overview")  # the rest of the window works throughout
        assert window.current_tab() == "overview"
    finally:
        close_window(window)


# --- presentation mode ---------------------------------------------------------------------


def test_escape_leaves_presentation(window: MainWindow) -> None:
    window.act["presentation"].trigger()
    settle()
    assert window.is_presenting() and window.presentation is not None
    assert window.presentation.isVisible() and not window.tabs.isVisible()
    QTest.keyClick(window.presentation, Qt.Key.Key_Escape)
    settle()
    assert not window.is_presenting()
    assert window.tabs.isVisible() and not window.presentation.isVisible()
    assert window.menuBar().isVisible()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_presentation_steps_fit_the_screen(
    qapp, built_db: Path, lang: str, size: tuple[int, int]
) -> None:
    from jhviewer.ui.i18n import Translators

    translators = Translators()
    translators.set_language(lang)  # type: ignore[arg-type]
    view = PresentationView()
    try:
        with Store.open(built_db) as store:
            view.resize(*size)
            view.show()
            settle()
            view.start(store, lang)  # type: ignore[arg-type]
            kinds = [step.kind for step in view.steps]
            assert kinds == ["overview"] + ["targets"] * 11 + ["chart"] * 9
            for index in range(len(view.steps)):
                view.go(index)
                settle()
                assert view.position.text() == f"{index + 1} / 21"
                page = view.page
                assert page is not None
                stage = view.stage.rect()
                assert stage.contains(page.geometry()), view.steps[index].name
                if page.layout() is not None:
                    assert page.layout().totalMinimumSize().height() <= stage.height()
                assert [b for b in view.findChildren(QScrollBar) if b.isVisible()] == []
                for label in page.findChildren(QLabel):
                    if label.isVisible() and not label.wordWrap():
                        assert label.geometry().right() <= page.width(), label.text()
                assert cut_labels(page) == [], view.steps[index].name
                figures = [label for label in page.findChildren(QLabel)
                           if label.objectName() == "presentation-figure"]
                assert len({label.font().pixelSize() for label in figures}) <= 1
                assert view.fit >= 0.55
            assert view.source.text().startswith("来源：" if lang == "zh" else "Source: ")
    finally:
        view.close()
        view.deleteLater()
        translators.set_language("en")
        settle()


@contextmanager
def presenting(built_db: Path, lang: str, size: tuple[int, int]) -> Iterator[PresentationView]:
    """A presentation view of the built database at a projector's size, in `lang`."""
    from jhviewer.ui.i18n import Translators

    translators = Translators()
    translators.set_language(lang)  # type: ignore[arg-type]
    view = PresentationView()
    try:
        with Store.open(built_db) as store:
            view.resize(*size)
            view.show()
            settle()
            view.start(store, lang)  # type: ignore[arg-type]
            settle()
            yield view
    finally:
        view.close()
        view.deleteLater()
        translators.set_language("en")
        settle()


def cut_labels(page: QWidget) -> list[str]:
    """The visible labels of `page` whose text needs more room than they have."""
    cut = []
    for label in page.findChildren(QLabel):
        if not label.isVisible():
            continue
        if label.wordWrap():
            if label.heightForWidth(label.width()) > label.height():
                cut.append(label.text())
        elif label.sizeHint().width() > label.width() or label.sizeHint().height() > label.height():
            cut.append(label.text())
    return cut


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_presentation_headline_figures_share_one_size(
    qapp, built_db: Path, lang: str, size: tuple[int, int]
) -> None:
    with presenting(built_db, lang, size) as view:
        assert view.steps[0].kind == "overview" and view.page is not None
        labels = view.page.findChildren(QLabel)

        def named(name: str) -> list[QLabel]:
            return [label for label in labels if label.objectName() == name]

        figures = named("presentation-figure")
        sizes = {figure.font().pixelSize() for figure in figures}
        assert len(sizes) == 1, sizes  # "more than 600 institutions" as big as "No. 1"
        assert cut_labels(view.page) == []  # ... and not drawn smaller than it says
        assert [figure.accessibleName() for figure in figures] == (
            ["预计7.4%", "突破400亿元", "600多家", "8家", "78家", "约300万平方米", "70多家",
             "第1名"] if lang == "zh" else
            ["est. 7.4%", "over CNY 40 billion", "more than 600 institutions",
             "8 headquarters", "78 institutions", "about 3,000,000 m²", "more than 70 firms",
             "No. 1"]
        )
        body = size[1] / 32 * view.fit  # body text, as the step is set
        assert view.fit >= 0.9
        assert sizes.pop() >= 1.15 * body
        qualifiers = named("presentation-qualifier")
        units = named("presentation-unit")
        assert len(qualifiers) == (3 if lang == "zh" else 5)
        assert len(units) == (6 if lang == "zh" else 5)
        assert {label.font().pixelSize() for label in qualifiers + units} == {round(body)}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_presentation_charts_are_set_for_a_meeting_room(
    qapp, built_db: Path, lang: str, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import QPainter

    from jhviewer.ui import charts

    painted: list[tuple[charts.ChartData, QRectF, charts.FigureType]] = []
    paint = charts.paint_figure

    def recording(data: charts.ChartData, painter: QPainter, rect: QRectF,
                  colours: charts.Colours, figure: charts.FigureType = charts.PRINTED) -> None:
        painted.append((data, QRectF(rect), figure))
        paint(data, painter, rect, colours, figure)

    monkeypatch.setattr(charts, "paint_figure", recording)
    body = size[1] / 32  # the other steps' body text: 34 px at 1080 lines, 22 at 720
    with presenting(built_db, lang, size) as view:
        chart_steps = [index for index, step in enumerate(view.steps) if step.kind == "chart"]
        assert len(chart_steps) == 9
        for index in chart_steps:
            painted.clear()
            view.go(index)
            settle()
            view.grab()
            assert view.page is not None and painted
            data, rect, figure = painted[-1]
            assert data.title == view.steps[index].name
            zoom = rect.width() / figure.width  # canvas pixels to screen pixels
            assert charts.TICK_PIXELS * figure.text * zoom >= 0.88 * body, data.title
            assert 24 * figure.text * zoom >= 1.5 * body  # the title, near heading size
            area = charts.plot_area(data, rect.size() / zoom, figure)
            # The x-axis and its labels are inside the view, above the source line.
            assert QRectF(QPointF(0, 0), rect.size() / zoom).contains(area)
            assert rect.bottom() <= view.page.height()
            plots = charts.plot_layout(data, charts.PAPER, area.size(), figure.text)
            inside = QRectF(QPointF(0, 0), area.size()).adjusted(-0.5, -0.5, 0.5, 0.5)
            names = [text for text in plots.texts if text.kind == "category"]
            assert len(names) == sum(len(plot.bars) for plot in data.plots)
            for text in plots.texts:
                assert text.pixels * zoom >= 0.88 * body, (data.title, text.text)
                assert "…" not in text.text
                if text.kind == "value":  # a bar's value sits inside its plot
                    assert any(view_rect.adjusted(-0.5, -0.5, 0.5, 0.5).contains(text.rect)
                               for view_rect in plots.views), (data.title, text.text)
                else:
                    assert inside.contains(text.rect), (data.title, text.text)


def test_presentation_keys(qapp, built_db: Path, qtbot) -> None:
    view = PresentationView()
    left: list[bool] = []
    view.leave_requested.connect(lambda: left.append(True))
    try:
        with Store.open(built_db) as store:
            view.resize(1280, 720)
            view.show()
            view.start(store, "en")
            settle()
            for key, index in ((Qt.Key.Key_PageDown, 1), (Qt.Key.Key_Right, 2),
                               (Qt.Key.Key_Down, 3), (Qt.Key.Key_PageUp, 2),
                               (Qt.Key.Key_Left, 1), (Qt.Key.Key_End, 20),
                               (Qt.Key.Key_PageDown, 20), (Qt.Key.Key_Home, 0)):
                QTest.keyClick(view, key)
                assert view.index == index
            assert view.position.text() == "1 / 21"
            assert view.steps[1].name == "Numbers of Jianghan 1"
            QTest.keyClick(view, Qt.Key.Key_B)
            settle()
            assert view.is_blank()
            image = view.grab().toImage()
            assert {image.pixel(x, y) for x in range(0, 1280, 64) for y in range(0, 720, 64)} \
                == {0xFF000000}
            QTest.keyClick(view, Qt.Key.Key_PageDown)  # any key: back, on the same step
            assert not view.is_blank() and view.index == 0
            QTest.keyClick(view, Qt.Key.Key_Escape)
            assert left == [True]
    finally:
        view.close()
        view.deleteLater()
        settle()


def test_a_read_failure_in_any_slot_reaches_the_user(window: MainWindow) -> None:
    from jhviewer.ui.app import read_failures_to

    others: list[type[BaseException]] = []
    hook = read_failures_to(window, lambda kind, _error, _trace: others.append(kind))
    busy = errors.DatabaseBusyError(
        "{name} is being changed by another program. Try again in a moment.", name="x.db"
    )
    hook(errors.DatabaseBusyError, busy, None)
    notice = window.session.read_notice
    assert notice is not None and notice.isVisible()
    assert notice.text.text() == "无法读取数据库：x.db 正被另一个程序修改，请稍后重试。"
    hook(ValueError, ValueError("a bug"), None)
    assert others == [ValueError]  # not ours to explain: the usual hook prints it


def test_every_menu_item_has_a_key_and_one_kind_of_ellipsis(window: MainWindow) -> None:
    """Chinese menus: each item carries its key as '(&X)', and '…' (not '...') ends the items
    that ask more; the targets tab's item is named by the briefing."""
    texts = [action.text() for menu in window.menuBar().findChildren(type(window.file_menu))
             for action in menu.actions() if action.text() and not action.isSeparator()]
    assert "数说江汉(&N)" in texts
    assert [t for t in texts if "..." in t] == []
    window.session.briefing_menu.aboutToShow.emit()
    named = {a.text() for a in window.session.briefing_actions.actions()}  # "江汉区 2024"
    assert named == {"江汉区 2024"}
    recent_files = [t for t in texts if t[:1].isdigit()]  # "1 data.db": numbered, not keyed
    assert [t for t in texts if "&" not in t and t not in recent_files and t not in named
            and t not in ("中文", "English")] == []
