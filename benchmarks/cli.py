"""`python -m benchmarks [start|charts|search|scale|print|memory|progress|briefings|all|synth]`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

# Offscreen before anything imports Qt: the harness runs headless, like its children.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.harness import (
    DEFAULT_RUNS,
    DEFAULT_WARMUP,
    Figure,
    Options,
    compile_bytecode,
    table,
    write_json,
)
from benchmarks.machine import machine, machine_line
from jhviewer.paths import PACKAGE_DIR

Benchmark = Callable[[Options], list[Figure]]


def benchmarks() -> dict[str, Benchmark]:
    from benchmarks.briefings import bench_briefings
    from benchmarks.printing import bench_print
    from benchmarks.progress import bench_progress
    from benchmarks.searching import bench_search
    from benchmarks.startup import bench_charts, bench_memory, bench_scale, bench_start

    return {
        "start": bench_start,
        "charts": bench_charts,
        "search": bench_search,
        "scale": bench_scale,
        "print": bench_print,
        "memory": bench_memory,
        "progress": bench_progress,
        "briefings": bench_briefings,
    }


def run(names: list[str], options: Options) -> list[Figure]:
    """Run the named benchmarks in order; a crash becomes an `error` figure, not an exit."""
    table_of = benchmarks()
    compile_bytecode(PACKAGE_DIR, Path(__file__).resolve().parent)
    figures: list[Figure] = []
    for name in names:
        options.log(f"{name} ...")
        try:
            figures += table_of[name](options)
        except Exception as error:
            figures.append(Figure(name, "(benchmark)", "ms", None,
                                  error=f"{type(error).__name__}: {error}"))
    return figures


def main(argv: list[str] | None = None) -> int:
    names = [*benchmarks(), "all", "synth"]
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="jhviewer's performance benchmarks against their floors "
        "(see benchmarks/README.md).",
    )
    parser.add_argument("benchmark", nargs="?", default="all", choices=names,
                        help="which benchmark (default: all); synth just builds the database "
                        "and prints its path")
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS,
                        help=f"measured runs per variant, median taken (default {DEFAULT_RUNS})")
    parser.add_argument("--warmup", type=int, default=DEFAULT_WARMUP,
                        help=f"unmeasured runs first (default {DEFAULT_WARMUP})")
    parser.add_argument("--facts", type=int, default=100_000,
                        help="facts in the synthetic database (default 100000)")
    parser.add_argument("--cache-dir", type=Path, default=None,
                        help="where synthetic databases are kept (default benchmarks/.cache)")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds a child process may take (default 60)")
    parser.add_argument("--json", type=Path, default=None, metavar="OUT",
                        help="also write the figures, samples and machine as JSON")
    arguments = parser.parse_args(argv)

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    options = Options(
        runs=max(1, arguments.runs),
        warmup=max(0, arguments.warmup),
        facts=arguments.facts,
        cache_dir=arguments.cache_dir,
        timeout=arguments.timeout,
        log=log,
    )
    if arguments.benchmark == "synth":
        from benchmarks.synth import synthetic_db

        print(synthetic_db(options.facts, cache_dir=options.cache_dir, log=log))
        return 0
    selected = list(benchmarks()) if arguments.benchmark == "all" else [arguments.benchmark]
    info = machine()
    figures = run(selected, options)
    print(machine_line(info))
    print(f"runs: median of {options.runs} after {options.warmup} warm-up, "
          "app and floor alternating; QT_QPA_PLATFORM=offscreen")
    print(table(figures))
    if arguments.json is not None:
        write_json(arguments.json, info, options, figures)
    return 1 if any(figure.status in ("fail", "error") for figure in figures) else 0
