"""The benchmarks run and produce numbers (one run each, on a 1,000-fact database).

No timing is asserted here: the figures and their budgets are `python -m benchmarks`'s
business (benchmarks/README.md). These only check that every benchmark still runs.
"""

from __future__ import annotations

import json
import math
import sqlite3
from pathlib import Path

import pytest

from benchmarks import cli, printing
from benchmarks.harness import Figure, Options, alternate, percentile, table, write_json
from benchmarks.searching import RawSearch, keystrokes
from benchmarks.synth import synthetic_db, write_synthetic_db
from jhviewer.data.store import Store

SMALL = 1_000


@pytest.fixture(scope="module")
def options(tmp_path_factory: pytest.TempPathFactory) -> Options:
    """One run, no warm-up, a small synthetic database; shared so runs are reused."""
    return Options(
        runs=1, warmup=0, facts=SMALL, cache_dir=tmp_path_factory.mktemp("synth"),
        timeout=60.0, log=lambda _text: None,
    )


def _numbers(figures: list[Figure], benchmark: str) -> list[Figure]:
    """The figures, once each is a real measurement: no error, nothing pending."""
    assert figures, f"{benchmark} produced no figures"
    assert [f.status for f in figures if f.status in ("error", "pending")] == [], figures
    assert not [f.error for f in figures if f.error], [f.error for f in figures]
    for figure in figures:
        assert figure.benchmark == benchmark
        assert figure.value is not None and math.isfinite(figure.value), figure
        assert figure.value > 0, figure
    return figures


@pytest.mark.slow
def test_synthetic_db_is_deterministic_and_complete(tmp_path: Path) -> None:
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    assert write_synthetic_db(first, SMALL) == SMALL
    write_synthetic_db(second, SMALL)
    assert first.read_bytes() == second.read_bytes()
    with Store.open(first) as store:
        assert store.count_facts() == SMALL
        assert len(store.entities()) > 100
        assert store.search("金融") and store.search("GDP growth")
        assert store.scan_problems() == []
    connection = sqlite3.connect(first)
    try:
        links = connection.execute("SELECT count(*) FROM fact_entities").fetchone()[0]
    finally:
        connection.close()
    assert links > SMALL // 2


@pytest.mark.slow
def test_synthetic_db_is_cached(options: Options) -> None:
    path = synthetic_db(SMALL, cache_dir=options.cache_dir)
    stamp = path.stat().st_mtime_ns
    assert synthetic_db(SMALL, cache_dir=options.cache_dir) == path
    assert path.stat().st_mtime_ns == stamp


def test_alternate_turns_the_order_each_run() -> None:
    calls: list[str] = []
    results = alternate(
        {"a": lambda: calls.append("a") or {"x": 1.0},
         "b": lambda: calls.append("b") or {"x": 2.0}},
        runs=3, warmup=1,
    )
    assert calls == ["a", "b", "a", "b", "b", "a", "a", "b"]
    assert [sample["x"] for sample in results["b"]] == [2.0, 2.0, 2.0]


def test_figures_are_judged_on_ratio_and_absolute_budget() -> None:
    assert Figure("x", "f", "ms", 10.0, 8.0, budget_ratio=1.3).status == "pass"
    assert Figure("x", "f", "ms", 11.0, 8.0, budget_ratio=1.3).status == "fail"
    assert Figure("x", "f", "ms", 17.0, 16.0, budget_ratio=2, budget_abs=16).status == "fail"
    assert Figure("x", "f", "ms", None, 8.0, budget_ratio=1.3).status == "pending"
    assert Figure("x", "f", "ms", 5.0, judged=False).status == "info"
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 0.5) == 3.0


def test_table_and_json(tmp_path: Path) -> None:
    figures = [
        Figure("search", "keystroke p95", "ms", 4.0, 2.0, budget_ratio=2, budget_abs=16),
        Figure("print", "full PDF", "s", None, budget_abs=1.0, note="pending: no printer"),
    ]
    text = table(figures)
    assert "2.00x" in text and "pending" in text
    out = tmp_path / "bench.json"
    write_json(out, {"cpu": "test"}, Options(runs=1), figures)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [f["status"] for f in data["figures"]] == ["pass", "pending"]


@pytest.mark.slow
def test_raw_search_floor_finds_what_the_store_finds(options: Options) -> None:
    db = synthetic_db(SMALL, cache_dir=options.cache_dir)
    raw = RawSearch(db)
    try:
        with Store.open(db) as store:
            for text in keystrokes():
                expected = min(len(store.search(text, limit=10_000)), 200)
                assert raw.search(text, 200) == expected, text
    finally:
        raw.close()


@pytest.mark.slow
def test_search_benchmark(options: Options) -> None:
    figures = _numbers(cli.run(["search"], options), "search")
    assert any("keystroke p95" in figure.name for figure in figures)


@pytest.mark.slow
def test_print_benchmark(options: Options) -> None:
    figures = _numbers(cli.run(["print"], options), "print")
    assert [figure.name for figure in figures] == [
        "summary PDF (page 1)", "summary PDF (page 1), first of the session",
        "full briefing PDF", "full briefing PDF, first of the session",
    ]


@pytest.mark.slow
@pytest.mark.parametrize("benchmark", ["start", "charts", "memory", "scale"])
def test_window_benchmarks(options: Options, benchmark: str) -> None:
    figures = _numbers(cli.run([benchmark], options), benchmark)
    assert all(figure.floor is not None and figure.floor > 0 for figure in figures)


def test_a_failing_print_worker_is_an_error_not_pending(
    options: Options, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(printing, "_worker", _failing_worker)
    figures = cli.run(["print"], options)
    assert [figure.status for figure in figures] == ["error"]
    assert figures[0].error == "PrintWorkerError: the print worker failed (1): boom"


def _failing_worker(arguments: list[str], timeout: float) -> dict[str, object]:
    raise printing.PrintWorkerError("the print worker failed (1): boom")


@pytest.mark.slow
def test_synth_command_prints_the_path(
    options: Options, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["synth", "--facts", str(SMALL), "--cache-dir", str(options.cache_dir)]) == 0
    assert Path(capsys.readouterr().out.strip()).is_file()
