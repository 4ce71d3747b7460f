"""The README stays true: its commands, its CLI table and its data model."""

from __future__ import annotations

import re

from jhviewer.cli import cli
from jhviewer.data.schema import TABLES
from jhviewer.paths import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_documented() -> None:
    for name in cli.commands:
        assert f"`jhviewer {name}" in README, name


def test_every_column_of_the_schema_is_documented() -> None:
    documented: set[str] = set()
    for line in README.splitlines():
        match = re.match(r"\| `(\w+)\.(\w+)`(?:, `(\w+)`)?", line)
        if match:
            table, first, second = match.groups()
            documented |= {f"{table}.{first}"} | ({f"{table}.{second}"} if second else set())
    expected = {f"{table}.{column}" for table, columns in TABLES.items() for column in columns}
    assert expected - documented == set()
    assert documented - expected == set()


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "./dev test" in README
    assert "./dev test" in ci


def test_screenshots_in_the_readme_exist() -> None:
    for path in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README):
        assert (REPO_ROOT / path).is_file(), path
