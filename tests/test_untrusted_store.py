"""Files that change, grow or hold hostile text: the store reads them consistently.

Each test is one case from issue 12: a printout while another program rewrites every label
(WAL and rollback journal), a WAL file edited after it was opened unused, an integrity
check with its own budget, a value over the length limit, a NUL or a bidi override in a
label, and sections read one at a time.
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest

from jhviewer.data import store as store_module
from jhviewer.data.errors import QueryTimeoutError
from jhviewer.data.records import FactFilter
from jhviewer.data.store import Store


@pytest.fixture
def user_copy(built_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "shared folder" / "briefing.db"
    copy.parent.mkdir()
    shutil.copyfile(built_db, copy)
    return copy


def _count(path: Path, sql: str = "SELECT count(*) FROM facts") -> int:
    """A figure of the file as it was built (the briefing's data may grow)."""
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute(sql).fetchone()[0])
    finally:
        connection.close()


def _edit(path: Path, sql: str, parameters: tuple[object, ...] = ()) -> None:
    connection = sqlite3.connect(path)
    connection.execute(sql, parameters)
    connection.commit()
    connection.close()


def _labels(document: object) -> list[str]:
    """Every text in the printout's document model."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, (tuple, list)):
            for item in value:
                walk(item)
        elif hasattr(value, "__slots__"):
            for name in value.__slots__:
                walk(getattr(value, name))

    walk(document)
    return found


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_a_printout_made_while_another_program_rewrites_every_label_shows_one_version(
    user_copy: Path, journal: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jhviewer.report.printer import BriefingPrinter

    _edit(user_copy, f"PRAGMA journal_mode = {journal}")
    writer = sqlite3.connect(user_copy, timeout=30, check_same_thread=False)
    # The other program keeps the file open (in WAL mode that leaves -wal and -shm beside it).
    writer.execute("SELECT count(*) FROM facts").fetchone()
    rewrite = "UPDATE facts SET label_zh = 'NEW ' || label_zh, label_en = 'NEW ' || label_en"
    done = threading.Event()

    def rewrite_all() -> None:
        writer.execute(rewrite)
        writer.commit()  # in rollback-journal mode this waits for the printout's read
        done.set()

    original = Store.headline_facts
    started: list[threading.Thread] = []

    def headline_then_rewrite(self: Store, briefing_id: str | None = None) -> list:
        facts = original(self, briefing_id)
        if not started:  # the other program rewrites once the printout has begun
            thread = threading.Thread(target=rewrite_all)
            started.append(thread)
            thread.start()
            if journal == "wal":
                assert done.wait(10)  # committed while the printout goes on reading
        return facts

    monkeypatch.setattr(Store, "headline_facts", headline_then_rewrite)
    with Store.open(user_copy) as store:
        from jhviewer.ui.charts import FIGURE_PAINTER

        printer = BriefingPrinter(store, "en", printed_on=date(2024, 5, 1),
                                  figures=FIGURE_PAINTER)
        printer.to_pdf(user_copy.parent / "brief.pdf", summary_only=False)
        texts = _labels(printer.document(summary_only=False))
        started[0].join(30)
        assert done.is_set()
        assert "GDP growth" in texts
        assert not [text for text in texts if "NEW" in text]
        # The next printout reads the file as it is now: every label the new one.
        printer.to_pdf(user_copy.parent / "brief2.pdf", summary_only=False)
        texts = _labels(printer.document(summary_only=False))
        assert "NEW GDP growth" in texts and "GDP growth" not in texts
    writer.close()


def test_an_unused_wal_file_edited_after_opening_shows_the_new_counts_not_damage(
    user_copy: Path,
) -> None:
    _edit(user_copy, "PRAGMA journal_mode = wal")
    assert not Path(f"{user_copy}-wal").exists()
    with Store.open(user_copy) as store:
        before = store.count_facts()
        other = sqlite3.connect(user_copy)
        other.execute("DELETE FROM facts WHERE rowid IN (SELECT rowid FROM facts LIMIT 5)")
        other.execute("INSERT INTO facts_fts(facts_fts) VALUES ('rebuild')")
        other.commit()
        other.close()  # the last connection checkpoints and removes -wal and -shm
        assert store.count_facts() == before - 5
        store.check()
        assert len(store.facts()) == before - 5
        assert store.scan_problems() == []


def test_the_integrity_check_has_its_own_budget_and_a_timeout_says_what_took_too_long(
    user_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = sqlite3.connect(user_copy)
    other.execute("CREATE TABLE padding(x)")
    other.executemany("INSERT INTO padding VALUES (?)", [("x" * 500,)] * 40_000)
    other.commit()
    other.close()
    # A per-query budget far too short for reading the whole file: the check is not bound by it.
    monkeypatch.setattr(store_module, "QUERY_SECONDS", 0.0)
    monkeypatch.setattr(store_module, "_PROGRESS_EVERY_N_OPS", 1000)
    with Store.open(user_copy, check_later=True) as store:
        assert 10.0 <= store.check_seconds() < 11.0
        store.check()
        assert store.checked
        with pytest.raises(QueryTimeoutError, match="one query ran over 0 s"):
            store.rows("SELECT count(*) FROM padding AS a, padding AS b")
    monkeypatch.setattr(store_module, "CHECK_SECONDS_FLOOR", 0.0)
    monkeypatch.setattr(store_module, "CHECK_SECONDS_PER_GB", 0.0)
    with pytest.raises(QueryTimeoutError, match=r"Checking briefing.db for damage \(\d"):
        Store.open(user_copy)


def test_the_window_can_stop_the_check_and_skip_it_for_a_trusted_file(
    user_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jhviewer.data.errors import CheckStoppedError

    monkeypatch.setattr(store_module, "_PROGRESS_EVERY_N_OPS", 100)  # a small file: often
    total = _count(user_copy)
    seen: list[float] = []
    with Store.open(user_copy, check_later=True) as store:
        def stop(fraction: float) -> bool:
            seen.append(fraction)
            return False

        with pytest.raises(CheckStoppedError):
            store.check(progress=stop)
        assert seen and 0.0 <= seen[0] <= 1.0
        assert not store.checked
        store.skip_check()
        assert store.checked and store.check_skipped
        assert store.count_facts() == total


def test_a_value_over_the_length_limit_is_one_bad_row_and_the_rest_is_shown(
    user_copy: Path,
) -> None:
    fact_id = "jianghan-2024/gdp-growth-2023"
    total = _count(user_copy)
    _edit(user_copy, "UPDATE facts SET description_en = ? WHERE id = ?",
          ("x" * 21_000_000, fact_id))
    with Store.open(user_copy) as store:
        facts = store.facts()
        assert len(facts) == total - 1
        assert fact_id not in {fact.id for fact in facts}
        assert [(p.table, p.row_id) for p in store.problems] == [("facts", fact_id)]
        assert "description_en is longer than the 20,000,000 bytes" in store.problems[0].reason
        assert len(store.targets()) > 10


def test_a_nul_inside_a_label_is_a_bad_row_not_a_shorter_label(user_copy: Path) -> None:
    fact_id = "jianghan-2024/gdp-growth-2023"
    total = _count(user_copy)
    _edit(user_copy, "UPDATE facts SET label_en = 'GDP' || char(0) || ' (hidden)' WHERE id = ?",
          (fact_id,))
    with Store.open(user_copy) as store:
        assert store.fact(fact_id) is None
        assert store.problems[0].row_id == fact_id
        assert "label_en holds a NUL character" in store.problems[0].reason
        assert len(store.facts()) == total - 1


def test_bidi_overrides_are_removed_from_what_the_store_returns(user_copy: Path) -> None:
    fact_id = "jianghan-2024/gdp-growth-2023"
    _edit(user_copy, "UPDATE facts SET label_en = char(8238) || 'GDP' || char(8297) WHERE id = ?",
          (fact_id,))
    with Store.open(user_copy) as store:
        fact = store.fact(fact_id)
        assert fact is not None and fact.label_en == "GDP"
        assert [f.label_en for f in store.facts() if f.id == fact_id] == ["GDP"]


def test_one_section_is_read_without_reading_them_all(user_copy: Path) -> None:
    with Store.open(user_copy) as store:
        section = store.section_by_key("jianghan-2024", "overview")
        assert section is not None and section.id == "jianghan-2024/overview"
        assert store._sections is None  # the whole list was never read
        assert store.count_sections() == len(store.sections())
        assert [s.id for s in store.sections_page(None, 1, 2)] == [
            s.id for s in store.sections()[1:3]
        ]
        assert store.count_facts(FactFilter(kind="target")) > 0


def test_an_unused_wal_file_removed_after_opening_still_reads_as_it_was(
    user_copy: Path,
) -> None:
    _edit(user_copy, "PRAGMA journal_mode = wal")
    total = _count(user_copy)
    with Store.open(user_copy) as store:
        user_copy.unlink()
        assert store.count_facts() == total  # the open file, not "there is no file"


def test_the_scan_reads_every_row_a_page_at_a_time(user_copy: Path) -> None:
    """Entities and facts are scanned in pages of rowids (200 briefings hold 400,000
    entities, too many for one turn of the event loop): a bad row on a table's last page is
    found as well as one on its first."""
    for table, column in (("entities", "name_zh"), ("facts", "label_zh")):
        _edit(user_copy, f"UPDATE {table} SET {column} = 'a' || char(0) || 'b' WHERE rowid IN "
              f"((SELECT min(rowid) FROM {table}), (SELECT max(rowid) FROM {table}))")
    with Store.open(user_copy) as store:
        steps = list(store.scan_steps(facts_per_step=10))
        found = sorted((problem.table, problem.row_id) for problem in store.problems)
    assert found == [
        ("entities", "jianghan-2024/fifteen-minute-circle"),
        ("entities", "jianghan-2024/jianghan-publicity-dept"),
        ("facts", "jianghan-2024/chu-most-prosperous"),
        ("facts", "jianghan-2024/target-new-jobs"),
    ]
    assert len(steps) > 105 // 10 + 115 // 10  # a page of ten rows per step
