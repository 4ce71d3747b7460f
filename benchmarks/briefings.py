"""Many briefings in one database: first paint, switching briefing, opening the picker.

The database holds 200 synthetic briefings of 500 facts each (100,000 facts): the shipped
briefing grown by `benchmarks.synth`, copied under 100 districts × 2 years, each copy with
its own ids. It goes through the project's own loader and builder, like `synth`.

- first paint with it, against the app's first paint on the shipped data.db (≤ 1.05×);
- switching the shown briefing and repainting the visible tab, in a worker process with
  the window shown: p95 over 40 switches ≤ 50 ms;
- the briefing picker's popup shown and painted: median ≤ one 60 Hz frame (16.7 ms).
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
from typing import Any

from benchmarks.harness import Figure, Options, column, figure_from_samples, percentile
from benchmarks.startup import APP_COMMAND, _pair

BRIEFINGS = 200
FACTS_PER_BRIEFING = 500
SWITCHES = 40
FRAME_MS = 1000 / 60


def many_briefings_db(cache_dir: Path | None = None) -> Path:
    """The cached 200-briefing database, built the first time."""
    from benchmarks import synth

    folder = cache_dir or synth.CACHE_DIR
    path = folder / synth.cache_path(FACTS_PER_BRIEFING).name.replace(
        "synthetic-", f"briefings{BRIEFINGS}-"
    )
    if not path.exists():
        _write(path)
    return path


def _write(out: Path) -> None:
    from benchmarks.synth import synthetic_document
    from jhviewer.data.authoring import BriefingDocument
    from jhviewer.data.build import _write as write_rows
    from jhviewer.data.source import _rows_from_document

    base = BriefingDocument.model_validate(synthetic_document(FACTS_PER_BRIEFING)).model_dump()
    all_rows = []
    for number in range(BRIEFINGS):
        district, year = divmod(number, 2)
        header = {
            **base["briefing"],
            "id": f"district{district:03d}-{2024 + year}",
            "district_id": f"district{district:03d}",
            "short_name": f"district{district:03d}-{2024 + year}",
            "district_zh": f"第{district + 1}区",
            "district_en": f"District {district + 1}",
            "year": 2024 + year,
        }
        all_rows.append(_rows_from_document(out, {**base, "briefing": header}))
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".briefings-", suffix=".db", dir=out.parent)
    os.close(handle)
    try:
        write_rows(all_rows, Path(temp))
        os.replace(temp, out)
    finally:
        Path(temp).unlink(missing_ok=True)


def bench_briefings(options: Options) -> list[Figure]:
    """First paint with 200 briefings, switching between them, and opening the picker."""
    db = many_briefings_db(options.cache_dir)
    runs = _pair(options, "briefings", ("--db", str(db)), APP_COMMAND, "first-paint")
    figures = [figure_from_samples(
        "briefings", f"first paint, {BRIEFINGS} briefings / 100,000 facts", "ms",
        [1000 * v for v in column(runs["app"], "first_s")],
        [1000 * v for v in column(runs["floor"], "first_s")],
        budget_ratio=1.05, note="floor: the app on the shipped data.db",
    )]
    result = _worker_result(db, options.timeout)
    figures.append(Figure(
        "briefings", "switch briefing + repaint, p95", "ms",
        percentile(result["switch_ms"], 0.95), budget_abs=50.0,
        samples=result["switch_ms"], note=f"{SWITCHES} switches, Overview tab shown",
    ))
    figures.append(Figure(
        "briefings", "picker popup shown and painted", "ms",
        sorted(result["popup_ms"])[len(result["popup_ms"]) // 2], budget_abs=FRAME_MS,
        samples=result["popup_ms"], note=f"{BRIEFINGS} entries",
    ))
    return figures


def _worker_result(db: Path, timeout: float) -> dict[str, Any]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory(prefix="jhbench-") as home:
        env["XDG_CONFIG_HOME"] = home
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.briefings", str(db)],
            capture_output=True, text=True, timeout=timeout * 4, env=env, check=False,
        )
    if done.returncode != 0:
        tail = " | ".join(done.stderr.strip().splitlines()[-3:])
        raise RuntimeError(f"the briefing worker failed ({done.returncode}): {tail}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _worker(db: Path) -> dict[str, list[float]]:
    """In a shown window: time briefing switches with a synchronous repaint, and the popup."""
    from PySide6.QtWidgets import QApplication

    from jhviewer.ui.app import create_application
    from jhviewer.ui.main_window import MainWindow
    from jhviewer.ui.settings import Settings

    app = create_application()
    with tempfile.TemporaryDirectory() as folder:
        window = MainWindow(Settings.in_file(Path(folder) / "s.ini"), "zh")
        error = window.session.load_database(db)
        if error is not None:
            raise error
        window.resize(1280, 800)
        window.show()
        for _ in range(5):
            QApplication.processEvents()
        assert window.store is not None
        ids = [b.id for b in window.store.briefings()]
        rng = random.Random(7)
        switch_ms = []
        for _ in range(SWITCHES):
            started = time.perf_counter()
            window.session.set_briefing(rng.choice(ids))
            window.repaint()
            app.processEvents()
            switch_ms.append(1000 * (time.perf_counter() - started))
        popup_ms = []
        for _ in range(9):
            started = time.perf_counter()
            window.briefing_box.showPopup()
            app.processEvents()
            popup_ms.append(1000 * (time.perf_counter() - started))
            window.briefing_box.hidePopup()
            app.processEvents()
        window.close()
        window.session.close_store()
    return {"switch_ms": switch_ms, "popup_ms": popup_ms}


if __name__ == "__main__":
    print(json.dumps(_worker(Path(sys.argv[1]))))
