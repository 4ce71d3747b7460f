"""The progress benchmark runs and gives numbers (one run each; no timing asserted)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from benchmarks import cli
from benchmarks.harness import Options


@pytest.mark.slow  # a benchmark smoke run, as tests/test_benchmarks_smoke.py's
def test_progress_benchmark_runs(tmp_path: Path) -> None:
    options = Options(runs=1, warmup=0, facts=1_000, cache_dir=tmp_path, timeout=120.0,
                      log=lambda _text: None)
    figures = cli.run(["progress"], options)
    assert [f.error for f in figures] == ["", "", "", ""]
    assert [f.name for f in figures] == [
        "add entry + repaint 28 cards (p95)",
        "status of 10,000 targets × 12 entries",
        "open 120,000-entry progress.db, read, 28 statuses",
        "first paint of 数说江汉, 120,000-entry progress.db",
    ]
    for figure in figures:
        assert figure.value is not None and math.isfinite(figure.value) and figure.value > 0
        assert figure.floor is not None and figure.floor > 0
