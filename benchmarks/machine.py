"""The machine line printed with every result: CPU, cores, Python, Qt, SQLite."""

from __future__ import annotations

import os
import platform
import sqlite3
from importlib import metadata
from pathlib import Path
from typing import Any


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown CPU"


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "absent"


def machine() -> dict[str, Any]:
    try:
        usable = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        usable = os.cpu_count() or 0
    qt = "absent"
    try:
        from PySide6.QtCore import qVersion

        qt = qVersion()
    except ImportError:
        pass
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count() or 0,
        "usable_cores": usable,
        "os": platform.platform(terse=True),
        "python": platform.python_version(),
        "qt": qt,
        "pyside6": _version("PySide6-Essentials"),
        "pyqtgraph": _version("pyqtgraph"),
        "sqlite": sqlite3.sqlite_version,
    }


def machine_line(info: dict[str, Any]) -> str:
    cores = f"{info['cores']} cores"
    if info["usable_cores"] != info["cores"]:
        cores += f" ({info['usable_cores']} usable)"
    return (
        f"machine: {info['cpu']}, {cores}, {info['os']}, Python {info['python']}, "
        f"Qt {info['qt']} (PySide6 {info['pyside6']}), pyqtgraph {info['pyqtgraph']}, "
        f"SQLite {info['sqlite']}"
    )
