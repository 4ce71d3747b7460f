"""The headless commands: every one has help, clean output, clean errors."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from jhviewer.cli import cli

COMMANDS = ["build-db", "check", "search", "export", "pdf", "snapshot"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jhviewer", *args], capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output
    assert len(result.output.splitlines()) > 3


def test_top_level_help_lists_the_commands() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    for command in COMMANDS:
        assert command in result.output


def test_search_prints_one_line_per_match() -> None:
    result = _run("search", "GDP")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert any(line.startswith("gdp-growth-2023\t2023\t") for line in lines)
    assert all(len(line.split("\t")) == 5 for line in lines)


def test_search_in_english_prints_english_labels() -> None:
    result = _run("search", "GDP", "--lang", "en")
    assert "GDP growth" in result.stdout


def test_missing_database_is_one_line_and_non_zero(tmp_path: Path) -> None:
    result = _run("search", "GDP", "--db", str(tmp_path / "nope.db"))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "nope.db" in result.stderr


def test_export_csv_and_json_carry_units_and_evidence(tmp_path: Path, store) -> None:
    csv_out, json_out = tmp_path / "facts.csv", tmp_path / "facts.json"
    assert _run("export", "csv", str(csv_out)).returncode == 0
    assert _run("export", "json", str(json_out)).returncode == 0
    with csv_out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    records = json.loads(json_out.read_text(encoding="utf-8"))
    assert len(rows) == len(records) == store.count_facts()
    gdp = next(row for row in rows if row["id"] == "gdp-growth-2023")
    assert (gdp["value"], gdp["unit_zh"], gdp["qualifier"]) == ("7.4", "%", "exactly")
    assert gdp["evidence"] == "预计地区生产总值增速7.4%"
    assert next(r for r in records if r["id"] == "gdp-growth-2023")["year"] == 2023


def test_export_to_an_unwritable_place_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "facts.csv"
    result = _run("export", "csv", str(target))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert not target.parent.exists()


def test_check_passes_on_the_shipped_db(source_text: str) -> None:
    from tests.conftest import SOURCE_TEXT

    result = _run("check", "--sources", str(SOURCE_TEXT.parent), "--briefings",
                  "resources/briefings")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "ok"
