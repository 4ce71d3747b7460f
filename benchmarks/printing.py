"""(5) Printing: the one-page summary and the full briefing as PDF, in absolute time.

Measured in a worker process set up the way the running app is (a QApplication,
offscreen, the bundled fonts loaded, the shipped data.db open):

- warm: `BriefingPrinter(store, lang).to_pdf(path, summary_only=...)` with a new printer
  each time, summary and full alternating, after a warm-up of each;
- cold: a fresh worker per run times the first print of the session, including importing
  jhviewer.report (and, for the full briefing, the chart code).

There is no floor: the budgets are absolute (summary <= 0.3 s, full <= 1 s).

    python -m benchmarks.printing --worker warm --runs 7 --warmup 1
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.harness import Figure, Options, median
from jhviewer.paths import REPO_ROOT

BUDGETS_S = {"summary": 0.3, "full": 1.0}
LANG = "zh"


class PrintWorkerError(RuntimeError):
    """A print worker failed or hung: the benchmark is an error, not pending."""


def bench_print(options: Options) -> list[Figure]:
    """The summary and full PDF, warm and first of the session; raises PrintWorkerError."""
    options.log(f"  print: warm worker, {options.runs} runs of each ...")
    warm = _worker(["warm", "--runs", str(options.runs), "--warmup", str(options.warmup)],
                   options.timeout * 4)
    cold: dict[str, list[float]] = {kind: [] for kind in BUDGETS_S}
    options.log(f"  print: {options.runs} cold workers of each ...")
    for run in range(options.runs):
        kinds = list(BUDGETS_S) if run % 2 == 0 else list(reversed(BUDGETS_S))
        for kind in kinds:
            result = _worker([f"cold-{kind}"], options.timeout)
            cold[kind].append(float(result[kind][0]))
    figures = []
    for kind, budget in BUDGETS_S.items():
        name = "summary PDF (page 1)" if kind == "summary" else "full briefing PDF"
        samples = [float(value) for value in warm[kind]]
        figures.append(Figure(
            "print", name, "s", median(samples), budget_abs=budget,
            samples=[round(value, 4) for value in samples],
            note=f"{warm['pages'][kind]} page(s), {LANG}, a new BriefingPrinter each time",
        ))
        figures.append(Figure(
            "print", f"{name}, first of the session", "s", median(cold[kind]), budget_abs=budget,
            samples=[round(value, 4) for value in cold[kind]],
            note="a fresh process: includes importing jhviewer.report"
            + (" and the chart code" if kind == "full" else ""),
        ))
    return figures


def _worker(arguments: list[str], timeout: float) -> dict[str, Any]:
    """The worker's JSON result; raises PrintWorkerError if it fails, hangs or says nothing."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory(prefix="jhbench-") as home:
        env["XDG_CONFIG_HOME"] = home
        try:
            result = subprocess.run(
                [sys.executable, "-m", "benchmarks.printing", "--worker", *arguments],
                cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            raise PrintWorkerError(f"the print worker took more than {timeout:g} s") from None
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        tail = " | ".join(result.stderr.strip().splitlines()[-3:])
        raise PrintWorkerError(f"the print worker failed ({result.returncode}): {tail}")
    data: dict[str, Any] = json.loads(lines[-1])
    return data


# --- the worker --------------------------------------------------------------------------


def _set_up() -> object:
    """What the running app already has when the user prints: Qt, fonts, the store."""
    from PySide6.QtWidgets import QApplication

    from jhviewer.data.store import Store
    from jhviewer.fonts import load_bundled_fonts

    app = QApplication.instance() or QApplication([sys.argv[0]])
    load_bundled_fonts()
    return app, Store.open()


def _print_once(store: object, kind: str, folder: Path) -> tuple[float, int]:
    started = time.perf_counter()
    from jhviewer.report import BriefingPrinter

    figures = None
    if kind != "summary":  # as the CLI does: the summary never loads the chart code
        from jhviewer.ui.charts import FIGURE_PAINTER

        figures = FIGURE_PAINTER
    pages = BriefingPrinter(store, LANG, figures=figures).to_pdf(  # type: ignore[arg-type]
        folder / f"{kind}.pdf", summary_only=kind == "summary"
    )
    return time.perf_counter() - started, pages


def _work(mode: str, runs: int, warmup: int) -> dict[str, object]:
    _app, store = _set_up()
    kinds = list(BUDGETS_S)
    with tempfile.TemporaryDirectory(prefix="jhbench-pdf-") as name:
        folder = Path(name)
        if mode.startswith("cold-"):
            kind = mode.removeprefix("cold-")
            elapsed, pages = _print_once(store, kind, folder)
            return {kind: [elapsed], "pages": {kind: pages}}
        for _ in range(warmup):
            for kind in kinds:
                _print_once(store, kind, folder)
        times: dict[str, list[float]] = {kind: [] for kind in kinds}
        pages_of: dict[str, int] = {}
        for run in range(runs):
            for kind in kinds if run % 2 == 0 else list(reversed(kinds)):
                elapsed, pages = _print_once(store, kind, folder)
                times[kind].append(elapsed)
                pages_of[kind] = pages
        return {**times, "pages": pages_of}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--worker", required=True, help="warm, cold-summary or cold-full")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=1)
    arguments = parser.parse_args()
    result = _work(arguments.worker, arguments.runs, arguments.warmup)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
