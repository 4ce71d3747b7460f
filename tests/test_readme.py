"""The README stays true: its commands, its CLI table and its data model."""

from __future__ import annotations

import re
import shlex

from click.testing import CliRunner

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


def _examples() -> list[tuple[list[str], list[str]]]:
    """Each `$ jhviewer ...` line of the README's shell blocks with the lines shown after it."""
    examples: list[tuple[list[str], list[str]]] = []
    for block in re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL):
        shown: list[str] | None = None  # only lines after a `$` prompt are output
        for line in block.splitlines():
            if line.startswith("$ jhviewer "):
                shown = []
                examples.append((shlex.split(line[2:])[1:], shown))
            elif shown is not None and line:
                shown.append(line)
    return examples


def test_the_readme_examples_print_what_the_readme_shows() -> None:
    examples = _examples()
    assert examples
    for arguments, shown in examples:
        result = CliRunner().invoke(cli, arguments)
        assert result.exit_code == 0, arguments
        assert result.output.splitlines() == shown, arguments
