"""The measuring harness: alternating A/B runs, medians, budgets, the table and JSON."""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

Status = Literal["pass", "fail", "pending", "info", "error"]
Sample = dict[str, float]

DEFAULT_RUNS = 7
DEFAULT_WARMUP = 1


@dataclass
class Options:
    """What the command line asked for; every benchmark gets the same."""

    runs: int = DEFAULT_RUNS
    warmup: int = DEFAULT_WARMUP
    facts: int = 100_000
    cache_dir: Path | None = None  # None: benchmarks/.cache
    timeout: float = 60.0  # seconds a child process may take
    log: Callable[[str], None] = print
    memo: dict[str, Any] = field(default_factory=dict)  # runs shared between benchmarks


@dataclass
class Figure:
    """One measured figure: the app's median against its floor's, and the verdict."""

    benchmark: str
    name: str
    unit: str  # "ms", "s" or "MB"
    value: float | None
    floor: float | None = None
    budget_ratio: float | None = None  # value / floor must be <= this
    budget_abs: float | None = None  # value must be <= this (same unit)
    samples: list[float] = field(default_factory=list)
    floor_samples: list[float] = field(default_factory=list)
    note: str = ""
    judged: bool = True  # False: shown for information only
    error: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.floor:
            return None
        return self.value / self.floor

    @property
    def status(self) -> Status:
        if self.error:
            return "error"
        if self.value is None or (self.budget_ratio is not None and self.floor is None):
            return "pending"
        if not self.judged:
            return "info"
        ratio = self.ratio
        if self.budget_ratio is not None and (ratio is None or ratio > self.budget_ratio):
            return "fail"
        if self.budget_abs is not None and self.value > self.budget_abs:
            return "fail"
        return "pass"

    def budget_text(self) -> str:
        parts = []
        if self.budget_ratio is not None:
            parts.append(f"<={self.budget_ratio:g}x")
        if self.budget_abs is not None:
            parts.append(f"<={self.budget_abs:g} {self.unit}")
        return ", ".join(parts) or "-"

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["ratio"] = self.ratio
        data["status"] = self.status
        return data


def median(values: Sequence[float]) -> float | None:
    finite = [value for value in values if math.isfinite(value)]
    return statistics.median(finite) if finite else None


def percentile(values: Sequence[float], fraction: float) -> float:
    """The `fraction` quantile with linear interpolation (0.95 for p95)."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    position = (len(ordered) - 1) * fraction
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def alternate(
    variants: dict[str, Callable[[], Sample]], runs: int, warmup: int
) -> dict[str, list[Sample]]:
    """Run every variant `warmup` times, then `runs` times, interleaved.

    The order rotates from one run to the next (A B, then B A, ...), so a slow spell of a
    noisy machine, or a cache one variant warms for the next, falls on each in turn.
    """
    names = list(variants)
    for _ in range(warmup):
        for name in names:
            variants[name]()
    results: dict[str, list[Sample]] = {name: [] for name in names}
    for run in range(runs):
        order = names if run % 2 == 0 else list(reversed(names))
        for name in order:
            results[name].append(variants[name]())
    return results


def compile_bytecode(*folders: Path) -> None:
    """Byte-compile the app and the floors first, as installing a package does.

    With PYTHONDONTWRITEBYTECODE set (as in many containers and CI images) Python writes no
    .pyc, so every child process would compile each module edited since its last .pyc
    again: start-up would be measured with the compiler in it, by an amount that depends on
    the edit history rather than on the code.
    """
    import compileall

    for folder in folders:
        compileall.compile_dir(folder, quiet=1)


def column(samples: list[Sample], key: str) -> list[float]:
    return [sample.get(key, math.nan) for sample in samples]


def figure_from_samples(
    benchmark: str,
    name: str,
    unit: str,
    samples: list[float],
    floor_samples: list[float] | None = None,
    **extra: Any,
) -> Figure:
    """A figure whose value and floor are the medians of the samples."""
    return Figure(
        benchmark,
        name,
        unit,
        median(samples),
        median(floor_samples) if floor_samples is not None else None,
        samples=[round(value, 4) for value in samples],
        floor_samples=[round(value, 4) for value in floor_samples or []],
        **extra,
    )


# --- output ------------------------------------------------------------------------------


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value:.3f} s"
    digits = 0 if unit == "MB" or value >= 100 else (1 if value >= 10 else 2)
    return f"{value:.{digits}f} {unit}"


def table(figures: list[Figure]) -> str:
    """The figures as a plain-text table, one line each, notes below their figure."""
    header = ("benchmark", "figure", "value", "floor", "ratio", "budget", "result")
    rows = [header]
    notes: dict[int, str] = {}
    for figure in figures:
        ratio = figure.ratio
        rows.append((
            figure.benchmark,
            figure.name,
            _number(figure.value, figure.unit),
            _number(figure.floor, figure.unit),
            "-" if ratio is None else f"{ratio:.2f}x",
            figure.budget_text() if figure.judged else "(info)",
            figure.status.upper() if figure.status in ("fail", "error") else figure.status,
        ))
        text = figure.error or figure.note
        if text:
            notes[len(rows) - 1] = text
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for index, row in enumerate(rows):
        cells = [
            cell.rjust(width) if 2 <= position <= 4 else cell.ljust(width)
            for position, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if index in notes:
            lines.append(" " * (widths[0] + 2) + "  " + notes[index])
    return "\n".join(lines)


def write_json(
    path: Path, machine: dict[str, Any], options: Options, figures: list[Figure]
) -> None:
    data = {
        "machine": machine,
        "runs": options.runs,
        "warmup": options.warmup,
        "facts": options.facts,
        "figures": [figure.as_json() for figure in figures],
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
