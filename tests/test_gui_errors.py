"""The viewer's error paths, with corpus files: refusals, skipped rows, markup, locks.

A refused file asks the user what next (another file, the built-in briefing, or stay)
with the store's sentence shown as plain text, and the window stays usable; a file with
bad rows opens, lists them in the notice strip and shows every good row; markup from a
database or a file name is never rendered. The modal question is answered through
`DatabaseSession.ask_after_open_error` (showing a real QMessageBox offscreen makes Qt warn).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QWidget

from jhviewer.data.errors import DatabaseError
from jhviewer.data.store import Store
from jhviewer.ui.errors import OpenChoice, OpenErrorDialog
from jhviewer.ui.main_window import MainWindow
from jhviewer.ui.tabs import TAB_KEYS
from tests.badcorpus.cases import MARKUP, OK, PROBLEMS, REFUSED, Case, _holding_exclusive, corpus
from tests.badcorpus.gui import gui_run, markup_violations, settle
from tests.uihelpers import close_window, make_window

REFUSED_SAMPLE = (
    "truncate-at-50", "truncate-at-half", "flip-at-4096", "scramble-page-middle",
    "drop-table-facts", "drop-column-facts.label_zh", "rename-column-units.scale",
    "user-version-0", "user-version-newer", "other-schema-notes", "sqlite-without-tables",
    "empty-file", "png-file", "text-file", "random-bytes-4096", "a-directory", "missing-file",
    "named-pipe", "symlink-loop", "name-too-long", "view-facts-load-extension",
    "generated-column-load-extension", "locked-by-a-writer",
)
PROBLEMS_SAMPLE = (
    "null-facts.label_zh", "text-in-facts.year", "blob-in-facts.evidence",
    "number-inf-in-facts.value", "number-int64-max-in-facts.paragraph", "null-units.scale",
    "blob-in-sections.title_en", "null-entities.name_zh",
    "over-20mb-facts.label_en", "over-20mb-facts.evidence", "nul-inside-a-label",
)
OK_SAMPLE = ("pristine", "path-with-all-at-once", "wal-mode", "utf16-briefing",
             "huge-facts.label_zh", "huge-briefings.title_en", "triggers-calling-functions",
             "bidi-overrides-everywhere", "4000-empty-sections", "sound-60mb-cold-cache")


# `./dev test` runs the first few of each sample (one of each kind of trouble); the rest are
# marked slow and run with `./dev test --all` (and in CI).
FAST_IN_SAMPLE = 3


def sample(names: tuple[str, ...]) -> list[Any]:
    """`names` as parameters, all but the first FAST_IN_SAMPLE marked slow."""
    return [pytest.param(name, marks=() if index < FAST_IN_SAMPLE else pytest.mark.slow)
            for index, name in enumerate(names)]


@pytest.fixture(scope="module")
def cases(built_db: Path) -> dict[str, Case]:
    return {case.name: case for case in corpus(built_db)}



@pytest.fixture
def window(qtbot: Any, tmp_path: Path, builtin_copy: Path) -> Iterator[MainWindow]:
    shown = make_window(qtbot, tmp_path, None)
    assert shown.session.load_database(None) is None
    settle()
    yield shown
    close_window(shown)


def _usable(window: MainWindow) -> None:
    """The window still works: every tab shows, the facts table has the briefing."""
    for key in TAB_KEYS:
        window.show_tab(key)
        settle()
    facts = window.facts_panel()
    assert facts is not None and window.store is not None
    facts.clear_search()
    settle()
    assert facts.model.rowCount() == window.store.count_facts() > 0


def _store_message(path: Path) -> str:
    with pytest.raises(DatabaseError) as refused:
        Store.open(path)
    return str(refused.value)


@pytest.mark.parametrize("name", sample(REFUSED_SAMPLE))
def test_a_refused_file_asks_and_keeps_the_briefing(window: MainWindow, cases: dict[str, Case],
                                                    built_db: Path, tmp_path: Path,
                                                    name: str) -> None:
    earlier = tmp_path / "earlier.db"  # opened first, so the recent-files list has an entry
    shutil.copyfile(built_db, earlier)
    assert window.session.open_database(earlier)
    before = window.store
    with cases[name].make(built_db, tmp_path / "case") as path:
        run = gui_run(window, cases[name], path)
        assert run.outcome == REFUSED, run
        if name != "locked-by-a-writer":  # the lock is gone by now; the rest are stable
            assert run.detail == _store_message(path)
    assert "\n" not in run.detail and run.detail.endswith(".")
    assert window.store is before
    _usable(window)


@pytest.mark.parametrize("choice", [OpenChoice.OPEN_BUILTIN, OpenChoice.OPEN_ANOTHER])
def test_after_a_refusal_the_user_can_open_the_builtin_or_another(
    window: MainWindow, tmp_path: Path, built_db: Path, builtin_copy: Path,
    monkeypatch: pytest.MonkeyPatch, choice: OpenChoice,
) -> None:
    good = tmp_path / "good one.db"
    shutil.copyfile(built_db, good)
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"SQLite format 3\x00" + bytes(500))
    assert window.session.open_database(good) and window.store is not None
    asked: list[str] = []

    def answer(_parent: QWidget | None, path: Path | None, error: DatabaseError) -> OpenChoice:
        asked.append(str(error))
        return choice

    window.session.ask_after_open_error = answer
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *args, **kwargs: (str(good), "")))
    assert not window.session.open_database(bad)
    assert asked == [_store_message(bad)]
    assert window.store is not None
    expected = builtin_copy if choice is OpenChoice.OPEN_BUILTIN else good
    assert window.store.path.resolve() == expected.resolve()
    _usable(window)


@pytest.mark.parametrize("name", sample(PROBLEMS_SAMPLE))
def test_bad_rows_are_listed_and_every_good_row_is_shown(
    window: MainWindow, cases: dict[str, Case], built_db: Path, tmp_path: Path, name: str
) -> None:
    case = cases[name]
    with case.make(built_db, tmp_path / "case") as path:
        run = gui_run(window, case, path)
        assert run.outcome == PROBLEMS, run
        store = window.store
        assert store is not None and store.path == path
        reported = {(problem.table, problem.row_id) for problem in store.problems}
        assert set(case.bad_rows) <= reported
        assert str(len(store.problems)) in run.detail
        for table, row_id in case.bad_rows[:10]:
            assert f"{table} {row_id}" in run.detail
        bad_facts = {row_id for table, row_id in reported if table == "facts"}
        facts = window.facts_panel()
        assert facts is not None
        facts.clear_search()
        settle()
        assert facts.model.rowCount() == store.count_facts() - len(bad_facts) > 0


@pytest.mark.parametrize("name", sample(OK_SAMPLE))
def test_odd_but_sound_files_open_cleanly(window: MainWindow, cases: dict[str, Case],
                                          built_db: Path, tmp_path: Path, name: str) -> None:
    with cases[name].make(built_db, tmp_path / "case") as path:
        run = gui_run(window, cases[name], path)
        assert run.outcome == OK, run
        _usable(window)


@pytest.mark.parametrize("markup", sample(MARKUP))
def test_markup_in_every_text_column_is_shown_literally(
    window: MainWindow, cases: dict[str, Case], built_db: Path, tmp_path: Path, markup: str
) -> None:
    (case,) = (c for c in cases.values() if c.markup == markup)
    with case.make(built_db, tmp_path / "case") as path:
        run = gui_run(window, case, path)
        assert run.outcome in (OK, PROBLEMS), run
        for key in TAB_KEYS:
            window.show_tab(key)
            settle()
            assert markup_violations(window, markup) == [], key
        panel = window.show_tab("charts")

        for chart_id in (spec.key for spec in window.store.charts()):  # type: ignore[union-attr]
            panel.show_chart(chart_id)  # type: ignore[attr-defined]
            settle()
            assert markup_violations(window, markup) == [], chart_id


@pytest.mark.parametrize("markup", MARKUP)
def test_the_open_error_dialog_shows_names_and_reasons_literally(qtbot: Any, tmp_path: Path,
                                                                 markup: str) -> None:
    path = tmp_path / f"briefing{markup.replace('/', '∕')}.db"
    error = DatabaseError(f"{path.name} is not a SQLite database. {markup}")
    dialog = OpenErrorDialog(path, error, None)
    qtbot.addWidget(dialog)
    assert markup_violations(dialog, markup) == []
    assert path.name in dialog.text() and str(error) == dialog.informativeText()


def test_a_markup_file_name_is_shown_literally(window: MainWindow, built_db: Path,
                                               tmp_path: Path) -> None:
    markup = "<img src=x onerror=alert(1)>"  # a file name cannot hold "/"
    folder = tmp_path / "<i>briefings"
    folder.mkdir()
    path = folder / f"江汉{markup}.db"
    shutil.copyfile(built_db, path)
    assert window.session.open_database(path)
    settle()
    assert markup_violations(window, markup) == []


def test_a_locked_file_is_refused_then_opens_once_released(
    window: MainWindow, built_db: Path, tmp_path: Path
) -> None:
    path = tmp_path / "shared.db"
    shutil.copyfile(built_db, path)
    asked: list[str] = []

    def answer(_parent: QWidget | None, _path: Path | None, error: DatabaseError) -> OpenChoice:
        asked.append(str(error))
        return OpenChoice.CANCEL

    window.session.ask_after_open_error = answer
    with _holding_exclusive(path):
        assert not window.session.open_database(path)
    assert len(asked) == 1 and "another program" in asked[0]
    assert window.session.open_database(path)
    _usable(window)


def test_the_markup_check_sees_rendered_markup(qtbot: Any) -> None:
    """The checker itself: raw markup in a rich label or tooltip is caught, plain is not."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    markup = MARKUP[3]
    plain, auto, escaped_rich = QLabel(), QLabel(f"GDP{markup}"), QLabel()
    plain.setTextFormat(Qt.TextFormat.PlainText)
    plain.setText(f"GDP{markup}")
    escaped_rich.setTextFormat(Qt.TextFormat.RichText)
    escaped_rich.setText("GDP&lt;b&gt;bold&lt;/b&gt;")
    for label in (plain, auto, escaped_rich):
        layout.addWidget(label)
    plain.setToolTip(f"x{markup}")
    found = markup_violations(root, markup)
    assert len(found) == 2, found
    assert any("tooltip" in line for line in found)


def test_damage_found_while_paging_is_one_line_not_a_traceback(
    built_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: Any
) -> None:
    """A page the integrity check passed but a read fails on (as byte flips can make)."""
    from jhviewer.data.errors import CorruptDatabaseError
    from tests.badcorpus.probe import cli_in_process

    real_facts = Store.facts

    def facts(self: Store, where: Any = None, offset: int = 0, limit: int | None = None) -> Any:
        if limit is not None:
            raise CorruptDatabaseError(f"{self.path.name} is damaged and cannot be read.")
        return real_facts(self, where, offset, limit)

    monkeypatch.setattr(Store, "facts", facts)
    code, _stdout, stderr, escaped = cli_in_process(
        ["snapshot", str(tmp_path / "tabs"), "--db", str(built_db)]
    )
    assert (code, escaped) == (1, "")
    assert stderr.strip().splitlines() == ["jhviewer: data.db is damaged and cannot be read."]


def test_a_page_that_fails_while_scrolling_stops_the_table_and_says_why(
    built_db: Path, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    from jhviewer.data.errors import CorruptDatabaseError
    from jhviewer.ui.models import FactTableModel

    real_facts = Store.facts

    def facts(self: Store, where: Any = None, offset: int = 0, limit: int | None = None) -> Any:
        if offset > 0:
            raise CorruptDatabaseError(f"{self.path.name} is damaged and cannot be read.")
        return real_facts(self, where, offset, limit)

    monkeypatch.setattr(Store, "facts", facts)
    monkeypatch.setattr(FactTableModel, "PAGE_SIZE", 10)
    with Store.open(built_db) as store:
        model = FactTableModel()
        model.set_store(store)
        assert model.rowCount() == 10 and model.canFetchMore()
        with qtbot.waitSignal(model.read_failed) as failed:
            model.fetchMore()
        assert "damaged" in str(failed.args[0])
        assert model.rowCount() == 10
        assert not model.canFetchMore()


def _older_database(built_db: Path, folder: Path) -> Path:
    """A copy of the briefing database marked as written in schema format 1."""
    import sqlite3

    path = folder / "old.db"
    shutil.copyfile(built_db, path)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 1")
    connection.commit()
    connection.close()
    return path


def test_an_older_database_is_explained_with_the_command_that_rebuilds_it(
    qtbot: Any, built_db: Path, tmp_path: Path
) -> None:
    import subprocess
    import sys

    from jhviewer.data.errors import OlderDatabaseError
    from jhviewer.ui.i18n import Translators

    path = _older_database(built_db, tmp_path)
    with pytest.raises(OlderDatabaseError) as raised:
        Store.open(path)
    assert str(raised.value) == (
        "old.db was built by an older version of jhviewer (format 1; this version reads "
        "format 3). Rebuild it from its briefing files with `jhviewer build-db --out old.db`, "
        "or open the built-in briefing."
    )
    result = subprocess.run(
        [sys.executable, "-m", "jhviewer", "search", "GDP", "--db", str(path)],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "old.db was built by an older version of jhviewer" in result.stderr
    assert "`jhviewer build-db --out old.db`" in result.stderr
    translators = Translators()
    try:
        translators.set_language("zh")
        dialog = OpenErrorDialog(path, raised.value, None)
        qtbot.addWidget(dialog)
        assert dialog.informativeText() == (
            "old.db 是由旧版 jhviewer 生成的（格式 1；本版本读取格式 3）。请用“jhviewer build-db "
            "--out old.db”从简报源文件重新生成，或打开内置简报。"
        )
        translators.set_language("en")
        dialog = OpenErrorDialog(path, raised.value, None)
        qtbot.addWidget(dialog)
        assert dialog.informativeText().startswith("old.db was built by an older version")
    finally:
        translators.set_language("en")


def test_a_locked_file_offers_try_again_which_opens_it_once_released(
    window: MainWindow, built_db: Path, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QPushButton

    from jhviewer.ui.errors import OpenErrorDialog

    path = tmp_path / "shared.db"
    shutil.copyfile(built_db, path)
    buttons: list[list[str]] = []
    holder = _holding_exclusive(path)
    holder.__enter__()

    def answer(parent: QWidget | None, shown: Path | None, error: DatabaseError) -> OpenChoice:
        dialog = OpenErrorDialog(shown, error, parent)
        buttons.append([b.text() for b in dialog.findChildren(QPushButton)])
        if len(buttons) == 1:
            holder.__exit__(None, None, None)  # the other program lets go meanwhile
            return OpenChoice.RETRY
        return OpenChoice.CANCEL

    window.session.ask_after_open_error = answer
    try:
        window.session.open_database(path)
    finally:
        if len(buttons) == 0:
            holder.__exit__(None, None, None)
    assert len(buttons) == 1 and buttons[0][0] == "重试(&R)"
    assert window.store is not None and window.store.path == path
    _usable(window)
    # A file that is no database offers no Try Again.
    bad = tmp_path / "notes.db"
    bad.write_text("not a database")
    window.session.open_database(bad)
    assert "重试(&R)" not in buttons[1]
