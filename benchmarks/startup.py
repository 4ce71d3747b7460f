"""Start, charts, scale and memory: whole processes, from their start to a painted window.

Each run starts a fresh Python process and reads the markers of its probe
(benchmarks/probe.py): the app (`python -m benchmarks.app_probe`, jhviewer's own entry point
with the probe hooked in from outside) against the floor (`python -m benchmarks.floor_window`),
alternating, under
QT_QPA_PLATFORM=offscreen and with a private settings folder so that no run sees another's
saved state.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
import tempfile
import time

from benchmarks.harness import Figure, Options, Sample, alternate, column, figure_from_samples
from jhviewer.paths import REPO_ROOT

HOOK_ENV = "JHVIEWER_BENCH"
APP_COMMAND = (sys.executable, "-m", "benchmarks.app_probe")
FLOOR_COMMAND = (sys.executable, "-m", "benchmarks.floor_window")


class ProbeError(RuntimeError):
    """A child process ended or hung without reporting its first paint."""


def run_probe(command: tuple[str, ...], mode: str, timeout: float) -> Sample:
    """Start `command` with the probe in `mode`; its markers as seconds and MB."""
    with tempfile.TemporaryDirectory(prefix="jhbench-") as home:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": home,
            HOOK_ENV: mode,
        }
        env["JHVIEWER_BENCH_T0"] = repr(time.time())
        process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            name = " ".join(command[1:])
            raise ProbeError(f"{name} did not report within {timeout:g} s") from None
    sample: Sample = {}
    for line in stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] in ("first-paint", "charts-open"):
            prefix = parts[0].split("-")[0]
            sample[f"{prefix}_s"] = float(parts[1])
            sample[f"{prefix}_mb"] = int(parts[2]) / 1024
    wanted = {"first_s"} | ({"charts_s"} if mode == "charts" else set())
    if not wanted <= set(sample) or not all(math.isfinite(v) for v in sample.values()):
        tail = " | ".join(stderr.strip().splitlines()[-3:])
        raise ProbeError(
            f"{' '.join(command[1:])} exited {process.returncode} without its markers"
            + (f": {tail}" if tail else "")
        )
    return sample


def _pair(
    options: Options, key: str, app_args: tuple[str, ...], other: tuple[str, ...], mode: str
) -> dict[str, list[Sample]]:
    """Alternating runs of the app and another command (memoised for `all`)."""
    memo_key = f"{key}:{mode}:{' '.join(app_args)}:{' '.join(other)}"
    if memo_key not in options.memo:
        options.log(f"  {key}: {options.runs} runs of app and floor, {mode} ...")
        options.memo[memo_key] = alternate(
            {
                "app": lambda: run_probe((*APP_COMMAND, *app_args), mode, options.timeout),
                "floor": lambda: run_probe(other, mode, options.timeout),
            },
            options.runs,
            options.warmup,
        )
    return options.memo[memo_key]


def bench_start(options: Options) -> list[Figure]:
    """(1) Process start to the first painted frame of the main window with the Overview."""
    runs = _pair(options, "start", (), FLOOR_COMMAND, "first-paint")
    return [figure_from_samples(
        "start", "first paint, shipped data.db", "ms",
        [1000 * v for v in column(runs["app"], "first_s")],
        [1000 * v for v in column(runs["floor"], "first_s")],
        budget_ratio=1.3, note="floor: bare QMainWindow shown the same way",
    )]


def bench_charts(options: Options) -> list[Figure]:
    """(2) First opening of the Charts tab, against importing pyqtgraph and one plot."""
    runs = _pair(options, "charts", (), FLOOR_COMMAND, "charts")
    return [figure_from_samples(
        "charts", "first Charts tab paint", "ms",
        [1000 * v for v in column(runs["app"], "charts_s")],
        [1000 * v for v in column(runs["floor"], "charts_s")],
        budget_ratio=1.2, note="floor: import pyqtgraph + one PlotWidget with one line, painted",
    )]


def bench_scale(options: Options) -> list[Figure]:
    """(4) First paint on the synthetic database against the shipped one."""
    from benchmarks.synth import synthetic_db

    db = synthetic_db(options.facts, cache_dir=options.cache_dir, log=options.log)
    name = f"first paint, {options.facts:,} facts"
    runs = _pair(options, "scale", ("--db", str(db)), APP_COMMAND, "first-paint")
    return [figure_from_samples(
        "scale", name, "ms",
        [1000 * v for v in column(runs["app"], "first_s")],
        [1000 * v for v in column(runs["floor"], "first_s")],
        budget_ratio=1.1, note="floor: the app on the shipped data.db",
    )]


def bench_memory(options: Options) -> list[Figure]:
    """(6) Peak RSS at first paint, and with the charts open."""
    first_runs = _pair(options, "start", (), FLOOR_COMMAND, "first-paint")
    chart_runs = _pair(options, "charts", (), FLOOR_COMMAND, "charts")
    return [
        figure_from_samples(
            "memory", "peak RSS at first paint", "MB",
            column(first_runs["app"], "first_mb"), column(first_runs["floor"], "first_mb"),
            budget_ratio=1.3, note="floor: bare QMainWindow",
        ),
        figure_from_samples(
            "memory", "peak RSS with charts open", "MB",
            column(chart_runs["app"], "charts_mb"), column(chart_runs["floor"], "charts_mb"),
            budget_ratio=1.1, note="floor: bare window + pyqtgraph + one plot",
        ),
    ]

