"""The read-only store: typed records, in source order, never a write."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from jhviewer.data.errors import SchemaError
from jhviewer.data.records import Fact, FactFilter
from jhviewer.data.store import Store


def test_briefing_metadata(store: Store) -> None:
    briefing = store.briefing()
    assert briefing is not None
    assert briefing.district("zh") == "江汉区"
    assert briefing.district("en") == "Jianghan District"
    assert briefing.year == 2024
    assert [b.id for b in store.briefings()] == [briefing.id]


def test_sections_in_source_order(store: Store) -> None:
    keys = [section.key for section in store.sections()]
    assert keys[0] == "overview"
    assert keys[-1] == "targets"
    assert {"finance", "digital", "consumption", "green", "culture"} <= set(keys)
    assert all(section.title("zh") and section.title("en") for section in store.sections())


def test_facts_filter_by_section_kind_and_year(store: Store) -> None:
    finance = store.sections()[1]
    facts = store.facts(FactFilter(section_id=finance.id))
    assert facts and all(fact.section_id == finance.id for fact in facts)
    targets = store.facts(FactFilter(kind="target"))
    assert targets and all(f.kind == "target" and f.year == 2024 for f in targets)
    assert store.count_facts(FactFilter(year=2023)) == len(store.facts(FactFilter(year=2023)))
    assert store.count_facts() == len(store.facts())


def test_paging_returns_each_fact_once_in_order(store: Store) -> None:
    every = store.facts()
    paged: list[Fact] = []
    while page := store.facts(offset=len(paged), limit=7):
        paged += page
    assert [f.id for f in paged] == [f.id for f in every]
    assert [f.position for f in every] == sorted(f.position for f in every)


def test_targets_are_the_2024_targets_in_source_order(store: Store) -> None:
    targets = store.targets()
    assert targets[0].key == "gdp-growth-2024-target"
    assert targets[0].value == pytest.approx(7.3)
    groups = [t.target_group for t in targets]
    assert groups == sorted(groups)
    assert all(t.kind == "target" and t.year == 2024 for t in targets)


def test_comparable_pairs_set_2023_result_beside_2024_target(store: Store) -> None:
    pairs = {pair.indicator: pair for pair in store.comparable_pairs()}
    gdp = pairs["gdp-growth"]
    assert (gdp.result.year, gdp.result.value) == (2023, pytest.approx(7.4))
    assert (gdp.target.year, gdp.target.value) == (2024, pytest.approx(7.3))


def test_headline_facts_in_headline_order(store: Store) -> None:
    headlines = store.headline_facts()
    assert headlines[0].key == "gdp-growth-2023"
    assert [f.headline for f in headlines] == sorted(f.headline or 0 for f in headlines)


def test_the_store_cannot_write(store: Store) -> None:
    with pytest.raises(sqlite3.OperationalError):
        store._connection.execute("DELETE FROM facts")


def test_paths_with_question_mark_hash_space_and_chinese(db_copy: Path, tmp_path: Path) -> None:
    folder = tmp_path / "简报 #1?"
    folder.mkdir()
    odd = folder / "江汉 data?#.db"
    shutil.copyfile(db_copy, odd)
    with Store.open(odd) as opened:
        assert opened.count_facts() > 0


def test_other_schema_version_is_refused_with_a_reason(db_copy: Path) -> None:
    connection = sqlite3.connect(db_copy)
    connection.execute("PRAGMA user_version = 99")
    connection.commit()
    connection.close()
    with pytest.raises(SchemaError, match="newer version"):
        Store.open(db_copy)
