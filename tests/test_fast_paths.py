"""The fast paths behind the performance budgets (benchmarks/README.md), and what they keep.

A plain launch skips click; a file other than the built-in one still gets its integrity
check, right after its first screen and before anything else reads it; the facts table
reads the records of the rows it shows and keeps a bounded number of them; the flags that
pick a handful of facts use their indexes; the app and the floor share one probe.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from jhviewer.cli import window_arguments
from jhviewer.data.errors import CorruptDatabaseError
from jhviewer.data.records import FactFilter
from jhviewer.data.store import Store, _fact_where
from jhviewer.paths import REPO_ROOT

# --- the command line --------------------------------------------------------------------


@pytest.mark.parametrize(("arguments", "expected"), [
    ([], (None, None, None)),
    (["--lang", "en"], (None, "en", None)),
    (["--db", "x.db"], (Path("x.db"), None, None)),
    (["--db=x.db", "--lang=zh"], (Path("x.db"), "zh", None)),
    (["--briefing", "town-2030", "--lang=zh"], (None, "zh", "town-2030")),
    (["--briefing"], None),
    (["--lang", "fr"], None),  # click says what is wrong
    (["--lang"], None),
    (["--db", "--lang"], None),
    (["--db="], None),
    (["--db", "a.db", "--db", "b.db"], None),
    (["--help"], None),
    (["--version"], None),
    (["search", "GDP"], None),
    (["--db", "x.db", "check"], None),
])
def test_only_a_plain_launch_skips_click(
    arguments: list[str], expected: tuple[Path | None, str | None, str | None] | None
) -> None:
    assert window_arguments(arguments) == expected


def test_the_window_opens_without_importing_click(tmp_path: Path) -> None:
    code = (  # the benchmarks' probe quits the window once painted; it loads no click either
        "import atexit, runpy, sys\n"
        "from benchmarks.app_probe import watch\n"
        "from jhviewer.ui.app import add_window_hook\n"
        "add_window_hook(watch)\n"
        "atexit.register(lambda: print('click' in sys.modules, 'jhviewer.commands' in "
        "sys.modules))\n"
        "sys.argv = ['jhviewer', '--lang', 'en']\n"
        "runpy.run_module('jhviewer', run_name='__main__')\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path),
           "JHVIEWER_BENCH": "first-paint", "JHVIEWER_BENCH_T0": "0"}
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("first-paint ")
    assert result.stdout.splitlines()[-1] == "False False"


# --- the integrity check left for after the first screen -----------------------------------


def damaged(built_db: Path, out: Path) -> Path:
    """A copy whose section index (which a first screen does not read) is broken."""
    shutil.copyfile(built_db, out)
    connection = sqlite3.connect(out)
    try:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        page = connection.execute(
            "SELECT rootpage FROM sqlite_master "
            "WHERE name = 'idx_facts_section_id_briefing_id_position'"
        ).fetchone()[0]
    finally:
        connection.close()
    data = bytearray(out.read_bytes())
    data[(page - 1) * page_size] = 0  # not a b-tree page type
    out.write_bytes(bytes(data))
    return out


def test_a_file_checked_later_is_checked_before_any_other_read(
    built_db: Path, tmp_path: Path
) -> None:
    bad = damaged(built_db, tmp_path / "bad.db")
    with pytest.raises(CorruptDatabaseError, match="integrity check"):
        Store.open(bad)
    with Store.open(bad, check_later=True) as store:
        assert not store.checked
        with store.first_screen():
            assert store.briefings()
        for read in (store.years, store.count_facts, store.briefings):
            with pytest.raises(CorruptDatabaseError, match="integrity check"):
                read()
        with pytest.raises(CorruptDatabaseError), store.first_screen():
            store.briefings()  # refused for good, first screen or not
        assert not store.checked


def test_a_sound_file_checked_later_passes_at_its_first_other_read(
    built_db: Path, tmp_path: Path
) -> None:
    good = tmp_path / "good.db"
    shutil.copyfile(built_db, good)
    with Store.open(good, check_later=True) as store:
        with store.first_screen():
            assert store.headline_facts()
        assert not store.checked
        assert store.years()
        assert store.checked
    with Store.open(None, check_later=True) as builtin:  # trusted: nothing to check
        assert builtin.checked


def test_the_window_refuses_a_damaged_file_once_its_first_screen_is_painted(
    qtbot, built_db: Path, tmp_path: Path
) -> None:
    from jhviewer.ui.app import create_application
    from jhviewer.ui.main_window import MainWindow
    from jhviewer.ui.settings import Settings
    from tests.uihelpers import close_window, settle

    bad = damaged(built_db, tmp_path / "bad.db")
    create_application()
    window = MainWindow(Settings.in_file(tmp_path / "settings.ini"), "en")
    qtbot.addWidget(window)
    asked: list[str] = []
    window.session.ask_after_open_error = lambda _parent, _path, error: asked.append(str(error))
    assert window.session.load_database(bad, check_later=True) is None
    assert window.store is not None and not window.store.checked
    assert window.panels["overview"].tiles  # type: ignore[attr-defined]
    window.show()
    qtbot.waitUntil(lambda: bool(asked))
    settle()
    assert window.store is None
    assert len(asked) == 1 and "integrity check" in asked[0]
    assert str(bad.resolve()) not in window.settings.recent_files()
    close_window(window)


# --- the facts table -------------------------------------------------------------------------


def test_search_rows_are_read_when_shown(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from jhviewer.ui.models import FactTableModel

    calls: list[int] = []
    real = store.facts_by_ids

    def spy(fact_ids: list[str]) -> list:
        calls.append(len(fact_ids))
        return real(fact_ids)

    monkeypatch.setattr(store, "facts_by_ids", spy)
    model = FactTableModel()
    model.set_store(store)
    model.set_query("GDP")
    assert calls == []
    hits = real(store.search_ids("GDP"))
    assert model.rowCount() == model.total() == len(hits) > 0
    assert model.fact(0) == hits[0]
    assert calls == [min(len(hits), FactTableModel.HIT_BLOCK)]
    assert [model.fact(row) for row in range(model.rowCount())] == hits


def test_search_under_a_filter_keeps_the_ranked_hits_that_pass(store: Store) -> None:
    from jhviewer.ui.models import FactTableModel

    where = FactFilter(kind="target")
    expected = [hit.fact for hit in store.search("企业") if hit.fact.kind == "target"]
    assert expected
    assert store.search_ids("企业", where=where) == [fact.id for fact in expected]
    model = FactTableModel()
    model.set_store(store)
    model.set_filter(where)
    model.set_query("企业")
    assert [model.fact(row) for row in range(model.rowCount())] == expected


def test_the_table_keeps_a_bounded_number_of_pages(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jhviewer.ui.models import FactTableModel

    monkeypatch.setattr(FactTableModel, "PAGE_SIZE", 10)
    monkeypatch.setattr(FactTableModel, "CACHED_PAGES", 2)
    offsets: list[int] = []
    real = store.facts

    def spy(where: FactFilter | None = None, offset: int = 0, limit: int | None = None) -> list:
        offsets.append(offset)
        return real(where, offset, limit)

    monkeypatch.setattr(store, "facts", spy)
    model = FactTableModel()
    model.set_store(store)
    while model.canFetchMore():
        model.fetchMore()
    facts = real()
    assert model.rowCount() == len(facts) > 20
    read = len(offsets)
    assert model.fact(0) == facts[0]  # long evicted: read again
    assert offsets[read:] == [0]
    assert model.row_of(facts[-1].id) == len(facts) - 1
    assert [model.fact(row) for row in range(model.rowCount())] == facts


@pytest.mark.parametrize(("where", "index"), [
    (FactFilter(briefing_id="jianghan-2024", headline_only=True), "idx_facts_headline"),
    (FactFilter(briefing_id="jianghan-2024", with_indicator=True), "idx_facts_indicator"),
    (FactFilter(with_indicator=True), "idx_facts_indicator"),
])
def test_the_headline_and_indicator_flags_use_their_index(
    store: Store, where: FactFilter, index: str
) -> None:
    clause, parameters = _fact_where(where)
    plan = store.rows(
        f"EXPLAIN QUERY PLAN SELECT rowid FROM facts{clause} "
        "ORDER BY briefing_id, position, rowid LIMIT -1", parameters,
    )
    assert any(index in row["detail"] for row in plan), [row["detail"] for row in plan]


@pytest.mark.parametrize(("where", "index"), [
    (FactFilter(briefing_id="jianghan-2024", headline_only=True),
     "idx_facts_briefing_id_headline"),
    (FactFilter(briefing_id="jianghan-2024", with_indicator=True),
     "idx_facts_briefing_id_indicator"),
])
def test_a_briefings_flagged_facts_come_from_its_own_index_entries(
    store: Store, where: FactFilter, index: str
) -> None:
    """With 200 briefings, the flag's own index holds every briefing's flagged facts; the
    file's (briefing_id, flag) index holds just this briefing's (a file without it: above)."""
    names = frozenset(
        row["name"] for row in store.rows("SELECT name FROM sqlite_master WHERE type = 'index'")
    )
    assert index in names
    clause, parameters = _fact_where(where, names)
    plan = store.rows(
        f"EXPLAIN QUERY PLAN SELECT rowid FROM facts{clause} "
        "ORDER BY briefing_id, position, rowid LIMIT -1", parameters,
    )
    assert any(f"{index} (briefing_id=? AND" in row["detail"] for row in plan), [
        row["detail"] for row in plan
    ]


# --- the benchmarks' probe ------------------------------------------------------------------


def test_the_app_and_the_floor_share_one_probe() -> None:
    for name in ("floor_window.py", "app_probe.py"):
        source = (REPO_ROOT / "benchmarks" / name).read_text(encoding="utf-8")
        assert "from benchmarks.probe import FirstPaintProbe" in source, name


def test_the_product_carries_no_benchmark_probe() -> None:
    sources = {path.name: path.read_text(encoding="utf-8")
               for path in (REPO_ROOT / "jhviewer").rglob("*.py")}
    assert "benchprobe.py" not in sources
    assert [name for name, text in sources.items() if "JHVIEWER_BENCH" in text] == []
