"""docs/ARCHITECTURE.md stays true: every environment variable the code reads is listed,
and every file a how-to names exists."""

from __future__ import annotations

import ast
import re

from jhviewer.paths import REPO_ROOT

DOC = (REPO_ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")


def environment_variables(source: str) -> set[str]:
    """Names in `os.environ.get("X")`, `os.environ["X"]`, `os.getenv("X")`,
    `environ.get("X")` and `os.environ.setdefault("X", …)` of a module's source."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        target = None
        if isinstance(node, ast.Call) and node.args:
            function = ast.unparse(node.func)
            if function.endswith(("environ.get", "environ.setdefault", "getenv")):
                target = node.args[0]
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value).endswith("environ"):
            target = node.slice
        if isinstance(target, ast.Constant) and isinstance(target.value, str):
            names.add(target.value)
    return names


def test_the_finder_sees_each_way_of_reading_the_environment() -> None:
    source = ('import os\nos.environ.get("A")\nos.environ["B"]\nos.getenv("C")\n'
              'environ.get("D", "")\nos.environ.setdefault("E", "x")\n')
    assert environment_variables(source) == {"A", "B", "C", "D", "E"}


def test_every_environment_variable_the_code_reads_is_documented() -> None:
    folders = ("jhviewer", "benchmarks", "tests/badcorpus")
    read = set()
    for folder in folders:
        for path in (REPO_ROOT / folder).rglob("*.py"):
            read |= environment_variables(path.read_text(encoding="utf-8"))
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", DOC))
    assert {"JHVIEWER_DEBUG", "XDG_DATA_HOME", "QT_QPA_PLATFORM"} <= read
    assert sorted(read - documented) == []


def test_the_files_the_how_tos_name_exist() -> None:
    named = set(re.findall(r"`((?:jhviewer|resources|scripts|tests|packaging|benchmarks)/"
                           r"[\w./-]+\.(?:py|toml|md|ts|spec|sh|conf))`", DOC))
    assert len(named) > 20
    missing = sorted(path for path in named if "<" not in path
                     and not (REPO_ROOT / path).exists())
    assert missing == []
