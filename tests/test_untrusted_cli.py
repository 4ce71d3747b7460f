"""What the CLI prints from a database never drives the terminal, and never fails on
an encoding the terminal lacks (issue 12)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from jhviewer.cli import cli

OSC52 = "\x1b]52;c;ZXZpbA==\x07"  # write "evil" to the clipboard
CLEAR = "\x1b[2J\x1b[H"
TITLE = "\x1b]0;pwned\x07"
C1_CSI = "\x9b2J"


@pytest.fixture
def hostile_db(built_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "hostile.db"
    shutil.copyfile(built_db, path)
    connection = sqlite3.connect(path)
    connection.execute(
        "UPDATE facts SET label_en = ? WHERE id = 'jianghan-2024/gdp-growth-2023'",
        (f"GDP {OSC52}{CLEAR}{TITLE}{C1_CSI} growth",),
    )
    connection.execute(  # a bad row whose id is hostile: named in the skipped-rows note
        "UPDATE facts SET id = ?, year = 'soon' WHERE id = 'jianghan-2024/gdp-growth-rank-2023'",
        (f"bad{OSC52}GDP",),
    )
    connection.execute(
        "UPDATE facts SET kind = ? WHERE id = 'jianghan-2024/first-trillion-gdp-district'",
        (f"ranking{CLEAR}",),
    )
    connection.commit()
    connection.close()
    return path


def _no_controls(text: str) -> None:
    assert not [ch for ch in text if (ord(ch) < 32 and ch not in "\t\n") or 0x7f <= ord(ch) < 0xa0]


def test_search_shows_control_characters_as_escapes(hostile_db: Path) -> None:
    result = CliRunner().invoke(cli, ["search", "GDP", "--db", str(hostile_db), "--lang", "en"])
    assert result.exit_code == 0
    _no_controls(result.output)
    line = next(x for x in result.output.splitlines() if x.startswith("gdp-growth-2023"))
    assert "GDP \\x1b]52;c;ZXZpbA==\\x07\\x1b[2J\\x1b[H\\x1b]0;pwned\\x07\\x9b2J growth" in line
    assert "skipped 1 unreadable rows (facts bad\\x1b]52;c;ZXZpbA==\\x07GDP)" in result.output


def test_check_shows_control_characters_as_escapes(hostile_db: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "--db", str(hostile_db)])
    assert result.exit_code == 1
    _no_controls(result.output)
    expected = "facts bad\\x1b]52;c;ZXZpbA==\\x07GDP: year is not a whole number (soon)"
    assert f"unreadable row: {expected}" in result.output


def test_export_messages_show_control_characters_as_escapes(
    hostile_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "facts\x1b[2J.csv"
    result = CliRunner().invoke(cli, ["export", "csv", str(out), "--db", str(hostile_db)])
    assert result.exit_code == 0
    _no_controls(result.output)
    connection = sqlite3.connect(hostile_db)
    total = connection.execute("SELECT count(*) FROM facts").fetchone()[0]
    connection.close()
    assert f"facts\\x1b[2J.csv' ({total - 1} facts)" in result.output  # one row skipped


def test_search_in_english_under_a_latin1_terminal_escapes_what_it_cannot_show() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "latin-1", "PYTHONUTF8": "0"}
    result = subprocess.run(
        [sys.executable, "-m", "jhviewer", "search", "GDP", "--lang", "en", "--limit", "3"],
        capture_output=True, env=env, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert b"unexpected error" not in result.stderr
    assert b"\\u" in result.stdout  # the Chinese evidence, as escapes
    result.stdout.decode("latin-1")


def test_skipped_rows_are_named_in_the_message_language(hostile_db: Path) -> None:
    result = CliRunner().invoke(cli, ["search", "GDP", "--db", str(hostile_db), "--lang", "zh"])
    assert result.exit_code == 0
    assert result.stderr == ("jhviewer: 已跳过1条无法读取的记录（facts "
                             "bad\\x1b]52;c;ZXZpbA==\\x07GDP）；“jhviewer check”会说明原因。\n")
