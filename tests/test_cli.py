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


@pytest.mark.parametrize(
    ("query", "lang", "line"),
    [
        ("人才卡", "zh", "talent-card-first-in-wuhan\t2023\t全市率先推出“人才卡”合作伙伴计划\t"
         "全市率先推出\t在全市率先推出“人才卡”合作伙伴计划"),
        ("人才卡", "en", "talent-card-first-in-wuhan\t2023\tFirst in Wuhan to launch a "
         "talent-card partner programme\tfirst in Wuhan to launch\t"
         "在全市率先推出“人才卡”合作伙伴计划"),
        ("楚中", "zh", "chu-most-prosperous\t未注年份\t历史美誉“楚中第一繁盛处”\t"
         "“楚中第一繁盛处”\t楚中第一繁盛处"),
        ("楚中", "en", "chu-most-prosperous\tundated\tHistoric epithet: \"most flourishing "
         "place in Chu\"\t\"the most flourishing place in Chu\"\t楚中第一繁盛处"),
        ("预计地区生产总值", "en", "gdp-growth-2023\t2023\tGDP growth\test. 7.4%\t"
         "预计地区生产总值增速7.4%"),
        ("高层次人才", "zh", "target-high-level-talent\t2024\t引进高层次人才\t100人以上\t"
         "引进高层次人才100人以上"),
        ("百强区", "en", "national-top100-district\tundated\tChina's top 100 districts "
         "(overall)\tin China's top 100 districts\t全国综合百强区"),
    ],
)
def test_search_lines_show_claims_years_and_qualifiers_as_the_source_does(
    query: str, lang: str, line: str
) -> None:
    result = CliRunner().invoke(cli, ["search", query, "--lang", lang])
    assert result.exit_code == 0
    assert line in result.output.splitlines()


def test_search_in_english_prints_english_labels() -> None:
    result = _run("search", "GDP", "--lang", "en")
    # Every label in English: a missing one would fall back to Chinese and show here.
    assert [line.split("\t")[2] for line in result.stdout.splitlines()] == [
        "First district in Hubei with GDP above CNY 100 billion",
        "GDP growth",
        "GDP growth leads Wuhan",
        "GDP growth",
    ]


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
    assert (gdp["value"], gdp["unit_zh"], gdp["qualifier"]) == ("7.4", "%", "")
    assert (gdp["estimated"], gdp["display_zh"], gdp["display_en"]) == (
        "True", "预计7.4%", "est. 7.4%"
    )
    assert gdp["evidence"] == "预计地区生产总值增速7.4%"
    by_id = {record["id"]: record for record in records}
    assert (by_id["gdp-growth-2023"]["year"], by_id["gdp-growth-2023"]["estimated"]) == (2023, True)
    milestone = by_id["first-100bn-gdp-district"]
    assert (milestone["year"], milestone["year_zh"], milestone["year_en"]) == (
        None, "未注年份", "undated"
    )
    assert (milestone["kind"], milestone["value"], milestone["display_zh"],
            milestone["display_en"]) == ("distinction", None, "全省第一个", "first in Hubei")
    listed = next(row for row in rows if row["id"] == "changhang-logistics-top50")
    assert (listed["kind"], listed["value"], listed["display_zh"], listed["display_en"]) == (
        "listing", "", "中国物流企业50强", "in China's top 50 logistics enterprises"
    )
    talent = by_id["target-high-level-talent"]
    assert (talent["qualifier"], talent["display_zh"], talent["display_en"]) == (
        "以上", "100人以上", "100 people or more"
    )
    stores = by_id["target-duty-free-stores"]
    assert (stores["noun_en"], stores["display_en"]) == ("stores", "3 stores")


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
