"""Progress tracking (issue 15): three figures, each against a floor measured in the same run.

1. **add + repaint**: storing one entry through the window's tracker and repainting the
   数说江汉 cards (all 28 shipped targets), p95 of `runs × 10` adds. Budget: one frame,
   16 ms. Floor (information): the same row stored by bare sqlite3 in a WAL file.
2. **status, 10,000 targets × 12 entries**: `status.statuses` over 120,000 entries in
   memory. Budget 50 ms. Floor: grouping the same entries by target in a plain loop.
3. **first paint with a big progress database**: the viewer started on the 数说江汉 tab
   with a progress.db of 120,000 entries (10,000 targets × 12; 28 of the targets are the
   shipped briefing's, the others belong to other briefings, as a team's shared database
   would) against the same start with no progress database. Budget ≤ 1.1×.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

from benchmarks.harness import Figure, Options, alternate, figure_from_samples, percentile
from benchmarks.startup import run_probe
from jhviewer.paths import REPO_ROOT

TARGETS = 10_000
ENTRIES_PER_TARGET = 12
PROBE = (sys.executable, "-m", "benchmarks.progress_probe")


def bench_progress(options: Options) -> list[Figure]:
    return [_add_and_repaint(options), _status_speed(options), *_first_paint(options)]


def _add_and_repaint(options: Options) -> Figure:
    count = max(10, options.runs * 10)
    options.log(f"  progress: {count} adds with repaint ...")
    with tempfile.TemporaryDirectory() as home:
        result = subprocess.run(
            [*PROBE, "add", str(count)], cwd=REPO_ROOT, capture_output=True, text=True,
            timeout=options.timeout * 4,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": home})
    if result.returncode != 0:
        return Figure("progress", "add entry + repaint cards (p95)", "ms", None,
                      error=result.stderr.strip().splitlines()[-1:][0] if result.stderr
                      else f"exit {result.returncode}")
    data = json.loads(result.stdout.strip().splitlines()[-1])
    app, floor = data["app_ms"], data["floor_ms"]
    return Figure(
        "progress", f"add entry + repaint {data['strips']} cards (p95)", "ms",
        percentile(app, 0.95), percentile(floor, 0.95), budget_abs=16.0,
        samples=[round(v, 3) for v in app], floor_samples=[round(v, 3) for v in floor],
        note=f"median {sorted(app)[len(app) // 2]:.2f} ms, of which repaint p95 "
             f"{percentile(data['paint_ms'], 0.95):.2f} ms; floor: the row stored by bare "
             "sqlite3 (WAL, synchronous=FULL)",
    )


def synthetic_progress(targets: int = TARGETS, per_target: int = ENTRIES_PER_TARGET,
                       briefing: str = "jianghan-2024") -> tuple[list, list, dict]:
    """(targets, entries, units) in memory: targets of 100 units each, monthly entries."""
    from jhviewer.data.progress.model import Entry, Target
    from jhviewer.data.records import Unit

    rng = random.Random(15)
    unit = Unit("家", "家", "organisations", 1.0, "organisations", True)
    percent = Unit("%", "%", "%", 1.0, "%", False)
    made, entries = [], []
    row = 0
    for index in range(targets):
        rate = index % 5 == 0
        made.append(Target(f"t{index}", briefing, "目标", "Target", 7.0 if rate else 100.0,
                           percent if rate else unit, "exactly", 2024, index % 11))
        for month in range(1, per_target + 1):
            row += 1
            value = rng.uniform(4, 9) if rate else rng.uniform(0, 110) * month / 12
            entries.append(Entry(row, briefing, f"t{index}", value, unit.id if not rate
                                 else "%", f"2024-{month:02d}", "rate" if rate else
                                 "cumulative", None, "", "", f"2024-{month:02d}-28T00:00:00Z",
                                 None, False))
    return made, entries, {"家": unit, "%": percent}


def _status_speed(options: Options) -> Figure:
    from jhviewer.data.progress.status import statuses

    targets, entries, units = synthetic_progress()

    def app() -> dict[str, float]:
        start, cpu = time.perf_counter(), time.process_time()
        statuses(targets, entries, units)
        return {"ms": (time.perf_counter() - start) * 1000,
                "cpu_ms": (time.process_time() - cpu) * 1000}

    def floor() -> dict[str, float]:
        start, cpu = time.perf_counter(), time.process_time()
        grouped: dict[str, list] = {}
        for entry in entries:
            grouped.setdefault(entry.target_id, []).append(entry)
        return {"ms": (time.perf_counter() - start) * 1000,
                "cpu_ms": (time.process_time() - cpu) * 1000}

    runs = alternate({"app": app, "floor": floor}, options.runs, options.warmup)
    # On a shared machine the wall clock also counts the time other processes had the CPU;
    # the CPU time this process spent is shown beside it to tell the two apart.
    cpu = median(s["cpu_ms"] for s in runs["app"])
    cpu_floor = median(s["cpu_ms"] for s in runs["floor"])
    return figure_from_samples(
        "progress", f"status of {TARGETS:,} targets × {ENTRIES_PER_TARGET} entries", "ms",
        [s["ms"] for s in runs["app"]], [s["ms"] for s in runs["floor"]], budget_abs=50.0,
        note=f"floor: grouping the entries by target; CPU time {cpu:.1f} ms, "
             f"floor {cpu_floor:.1f} ms",
    )


def _big_progress_db(folder: Path) -> Path:
    """A progress.db of TARGETS × ENTRIES_PER_TARGET entries (made through the store)."""
    from jhviewer.data.progress.db import ProgressStore
    from jhviewer.data.progress.model import NewEntry, target_from_fact
    from jhviewer.data.store import Store

    path = folder / "jhviewer" / "jhviewer" / "progress.db"
    with Store.open(None) as store:
        shipped = [target_from_fact(f) for f in store.targets()]
    rows = []
    for index in range(TARGETS):
        if index < len(shipped):
            target = shipped[index]
            briefing, target_id = target.briefing_id, target.id
            measure = target.measure
            unit = target.unit.id if target.unit else None
        else:
            briefing, target_id, measure, unit = f"other-{index // 30}", f"t{index}", \
                "cumulative", "家"
        for month in range(1, ENTRIES_PER_TARGET + 1):
            if measure == "qualitative":
                rows.append(NewEntry(briefing, target_id, None, None, f"2024-{month:02d}",
                                     "qualitative", "on_track", "note", ""))
            else:
                rows.append(NewEntry(briefing, target_id, float(month), unit,
                                     f"2024-{month:02d}", measure, None, "", ""))  # type: ignore[arg-type]
    with ProgressStore.open(path) as db:
        db.add_many(rows)
    return path


def _open_and_read(path: Path, options: Options) -> Figure:
    """What the window does with the big database before its first paint: open it, read
    the briefing's current entries, work out the 28 statuses (information)."""
    from jhviewer.data.progress.db import ProgressStore
    from jhviewer.data.progress.model import target_from_fact
    from jhviewer.data.progress.status import statuses
    from jhviewer.data.store import Store

    with Store.open(None) as store:
        targets = [target_from_fact(fact) for fact in store.targets()]
        units = store.units()
        briefing = store.briefing()
    assert briefing is not None

    def app() -> dict[str, float]:
        start = time.perf_counter()
        with ProgressStore.open(path) as db:
            statuses(targets, db.entries(briefing.id), units)
        return {"ms": (time.perf_counter() - start) * 1000}

    def floor() -> dict[str, float]:
        import sqlite3

        start = time.perf_counter()
        connection = sqlite3.connect(path)
        connection.execute("SELECT * FROM progress_entries WHERE briefing_id = ?",
                           (briefing.id,)).fetchall()
        connection.close()
        return {"ms": (time.perf_counter() - start) * 1000}

    runs = alternate({"app": app, "floor": floor}, options.runs, options.warmup)
    return figure_from_samples(
        "progress", "open 120,000-entry progress.db, read, 28 statuses", "ms",
        [s["ms"] for s in runs["app"]], [s["ms"] for s in runs["floor"]], judged=False,
        note="floor: bare sqlite3 reading the briefing's rows",
    )


def _first_paint(options: Options) -> list[Figure]:
    options.log(f"  progress: building a {TARGETS * ENTRIES_PER_TARGET:,}-entry progress.db ...")
    with tempfile.TemporaryDirectory() as big, tempfile.TemporaryDirectory() as empty:
        direct = _open_and_read(_big_progress_db(Path(big)), options)
        saved = os.environ.get("XDG_DATA_HOME")

        def run(folder: str) -> dict[str, float]:
            os.environ["XDG_DATA_HOME"] = folder
            return run_probe((*PROBE, "first-paint"), "first-paint", options.timeout)

        try:
            runs = alternate({"app": lambda: run(big), "floor": lambda: run(empty)},
                             options.runs, options.warmup)
        finally:
            if saved is None:
                os.environ.pop("XDG_DATA_HOME", None)
            else:
                os.environ["XDG_DATA_HOME"] = saved
    return [direct, figure_from_samples(
        "progress", f"first paint of 数说江汉, {TARGETS * ENTRIES_PER_TARGET:,}-entry "
        "progress.db", "ms",
        [1000 * s["first_s"] for s in runs["app"]], [1000 * s["first_s"] for s in runs["floor"]],
        budget_ratio=1.1, note="floor: the same start with no progress database",
    )]
