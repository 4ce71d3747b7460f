"""`jhviewer progress ...`: template, add, import (each encoding and format), export, status,
and every bad input named in the issue: one line on stderr, exit 2 (1 for the database),
nothing written."""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from jhviewer.cli import cli
from jhviewer.data.progress.db import ProgressStore
from jhviewer.paths import DEFAULT_DB
from tests import progresshelpers

# The fixtures that run a test on SQLite and on PostgreSQL.
postgres_cluster = progresshelpers.postgres_cluster
progress_location = progresshelpers.progress_location
B = "jianghan-2024"
SUBCOMMANDS = ["template", "add", "retract", "import", "export", "status"]


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The messages below are English: the command's language follows the locale."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["progress", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def current(location: str | Path) -> list[tuple[str, float | None, str]]:
    with ProgressStore.open(location) as db:
        return [(e.target_id, e.value, e.as_of) for e in db.entries(B)]


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_progress_command_has_help(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0 and "Usage: " in out and "--progress-db" in out


def test_add_then_status(progress_location: str) -> None:
    db = ["--progress-db", progress_location]
    code, out, _ = run("add", "target-first-stores", "63", "--as-of", "2024-06",
                       "--note", "区商务局 1–6月", *db)
    assert code == 0 and out == "added entry 1: target-first-stores 63 家 as of 2024-06\n"
    assert run("add", "target-investment-signed", "7200000", "--unit", "万元",
               "--as-of", "2024-09", *db)[0] == 0
    assert run("add", "target-disposable-income", "behind", "--as-of", "2024-06",
               "--note", "增速放缓", *db)[0] == 0
    code, out, _ = run("status", "--lang", "en", *db)
    lines = out.splitlines()
    assert code == 0 and len(lines) == 29
    assert lines[-1] == "2 of 28 on track or achieved"
    first_stores = next(line for line in lines if line.startswith("target-first-stores\t"))
    assert first_stores.split("\t")[:6] == [
        "target-first-stores", "First stores attracted", "100 first stores",
        "63 first stores", "2024-06", "On track"]
    investment = next(line for line in lines if line.startswith("target-investment-signed"))
    assert investment.split("\t")[3] == "CNY 72 billion"
    code, out, _ = run("status", "--json", *db)
    data = json.loads(out)
    assert data["tally"] == {"on_track_or_achieved": 2, "targets": 28}
    income = next(t for t in data["targets"] if t["target_id"] == "target-disposable-income")
    assert (income["status"], income["reason_en"]) == (
        "behind", "Set by the user as of 2024-06: 增速放缓")


@pytest.mark.parametrize(("args", "message"), [
    (["add", "no-such-target", "1", "--as-of", "2024-06"],
     "jhviewer: unknown target id 'no-such-target' in jianghan-2024 "
     "(`jhviewer progress status` lists them)"),
    (["add", "target-first-stores", "sixty", "--as-of", "2024-06"],
     "jhviewer: value 'sixty' is not a number"),
    (["add", "target-first-stores", "6", "--as-of", "2025-01"],
     "jhviewer: as-of date 2025-01 is outside the target year 2024 of target-first-stores"),
    (["add", "target-investment-signed", "6", "--unit", "家", "--as-of", "2024-06"],
     "jhviewer: unit 家 cannot be converted to the target's unit 亿元"),
    (["add", "target-first-stores", "6", "--as-of", "2024-06", "--briefing", "nowhere-1999"],
     "jhviewer: unknown briefing 'nowhere-1999' (known: jianghan-2024)"),
    (["template", "t.pdf"], "jhviewer: cannot write t.pdf: use a .csv or .xlsx file name"),
])
def test_bad_input_is_one_line_exit_2_and_writes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    location = tmp_path / "p.db"
    code, out, err = run(*args, "--progress-db", str(location))
    assert (code, out, err) == (2, "", message + "\n")
    assert not location.exists() and list(tmp_path.iterdir()) == []


def test_database_problems_exit_1(tmp_path: Path, db_copy: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all, just text" * 10)
    code, _, err = run("status", "--progress-db", str(junk))
    assert (code, err) == (1, f"jhviewer: {junk} is not an SQLite database.\n")
    code, _, err = run("add", "target-first-stores", "1", "--as-of", "2024-06",
                       "--progress-db", str(DEFAULT_DB))
    assert code == 1 and "is the briefing database, which is read-only" in err
    code, _, err = run("status", "--progress-db", str(db_copy))
    assert code == 1 and "is a briefing database" in err
    code, _, err = run("status", "--progress-db", "postgresql://nobody@/none?host=/nonexistent")
    assert code == 1 and err.startswith("jhviewer: Cannot connect to postgresql://nobody@/none")


def test_locked_and_damaged_databases_exit_1(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    monkeypatch.setattr("jhviewer.data.progress.db.BUSY_TIMEOUT_S", 0.2)
    location = tmp_path / "p.db"
    ProgressStore.open(location).close()
    holder = sqlite3.connect(location, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, out, err = run("add", "target-first-stores", "1", "--as-of", "2024-06",
                             "--progress-db", str(location))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (code, out) == (1, "")
    assert err == (f"jhviewer: {location} is locked by another program; try again in a "
                   "moment.\n")
    assert current(location) == []
    damaged = tmp_path / "damaged.db"
    with ProgressStore.open(damaged) as db:
        db.add(db_entry())
    data = bytearray(damaged.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    damaged.write_bytes(bytes(data))
    Path(str(damaged) + "-wal").unlink(missing_ok=True)
    code, _, err = run("status", "--progress-db", str(damaged))
    assert code == 1 and err.startswith(f"jhviewer: {damaged} is damaged")
    assert "Traceback" not in err


def db_entry():
    from jhviewer.data.progress.model import NewEntry

    return NewEntry(B, "target-first-stores", 1.0, "家", "2024-06", "cumulative", None, "", "")


def test_real_command_line_has_no_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "jhviewer", "progress", "add", "target-first-stores", "x",
         "--as-of", "2024-06", "--progress-db", str(tmp_path / "p.db")],
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr == "jhviewer: value 'x' is not a number\n"


# --- templates and imports -------------------------------------------------------------------

def filled_rows() -> list[list[str]]:
    return [
        ["target_id", "as_of", "value", "unit", "status", "note", "who"],
        ["target-first-stores", "2024-06", "63", "", "", "区商务局 1–6月快报", "王"],
        ["target-investment-signed", "2024-09", "7,200,000", "万元", "", "区统计局", ""],
        ["gdp-growth-2024-target", "2024年9月", "6.9", "", "", "前三季度", ""],
        ["target-disposable-income", "2024-06", "", "", "进度正常", "增长5.8%", ""],
        ["target-gazelle-firms", "", "", "", "", "", ""],  # a blank template row
    ]


def write_csv(path: Path, rows: list[list[str]], encoding: str) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


EXPECTED = [
    ("target-first-stores", 63.0, "2024-06"),
    ("target-investment-signed", 7200000.0, "2024-09"),
    ("gdp-growth-2024-target", 6.9, "2024-09"),
    ("target-disposable-income", None, "2024-06"),
]


@pytest.mark.parametrize(("encoding", "shown"), [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gbk")])
def test_import_csv_in_each_encoding(tmp_path: Path, encoding: str, shown: str) -> None:
    sheet = write_csv(tmp_path / "sheet.csv", filled_rows(), encoding)
    if encoding == "gbk":
        with pytest.raises(UnicodeDecodeError):
            sheet.read_bytes().decode("utf-8")
    location = tmp_path / "p.db"
    code, out, err = run("import", str(sheet), "--progress-db", str(location))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "add  line 2: target-first-stores 63 家 as of 2024-06",
        "add  line 3: target-investment-signed 7200000 万元 as of 2024-09",
        "add  line 4: gdp-growth-2024-target 6.9 % as of 2024-09",
        "add  line 5: target-disposable-income on_track as of 2024-06",
        f"imported 4 entries from {sheet} (4 to add, 0 refused, 1 blank ({shown}))",
    ]
    assert current(location) == EXPECTED
    with ProgressStore.open(location) as db:
        notes = [e.note for e in db.entries(B)]
    assert notes[0] == "区商务局 1–6月快报"


def test_import_xlsx_with_date_cells(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in filled_rows():
        sheet.append(row)
    sheet["B2"] = date(2024, 6, 30)  # Excel stores a typed date
    sheet["C2"] = 63  # and a number
    path = tmp_path / "sheet.xlsx"
    book.save(path)
    location = tmp_path / "p.db"
    code, out, _ = run("import", str(path), "--progress-db", str(location))
    assert code == 0 and out.splitlines()[-1].endswith("1 blank (xlsx))")
    assert current(location)[0] == ("target-first-stores", 63.0, "2024-06-30")


def test_the_template_round_trips(tmp_path: Path) -> None:
    for name in ("t.csv", "t.xlsx"):
        code, out, _ = run("template", str(tmp_path / name))
        assert (code, out) == (0, f"wrote {tmp_path / name} (28 targets)\n")
    raw = (tmp_path / "t.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbftarget_id,group,label_zh,label_en,target,unit,as_of,")
    assert "target-first-stores,5,引进首店,First stores attracted,100,家,,,,," in raw.decode(
        "utf-8-sig")
    # an unfilled template imports nothing, refuses nothing
    code, out, _ = run("import", str(tmp_path / "t.xlsx"), "--dry-run",
                       "--progress-db", str(tmp_path / "p.db"))
    assert (code, out) == (0, "dry run: 0 to add, 0 refused, 28 blank (xlsx); nothing written\n")


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "s.csv", filled_rows(), "utf-8")
    location = tmp_path / "p.db"
    ProgressStore.open(location).close()
    code, out, _ = run("import", str(sheet), "--dry-run", "--progress-db", str(location))
    assert code == 0 and out.splitlines()[-1] == (
        "dry run: 4 to add, 0 refused, 1 blank (utf-8); nothing written")
    assert current(location) == []


def test_refused_rows_are_listed_and_nothing_is_imported(progress_location: str,
                                                         tmp_path: Path) -> None:
    rows = [*filled_rows(),
            ["target-nope", "2024-06", "5", "", "", "", ""],
            ["target-first-stores", "2023-12", "5", "", "", "", ""],
            ["target-funds-in-place", "2024-06", "12", "家", "", "", ""],
            ["target-high-tech-firms", "2024-06", "lots", "", "", "", ""]]
    sheet = write_csv(tmp_path / "s.csv", rows, "utf-8")
    code, out, err = run("import", str(sheet), "--progress-db", progress_location)
    assert code == 2
    assert out.splitlines()[4:] == [
        "refuse line 7: unknown target id 'target-nope'",
        "refuse line 8: as-of date 2023-12 is outside the target year 2024 of "
        "target-first-stores",
        "refuse line 9: unit 家 cannot be converted to the target's unit 亿元",
        "refuse line 10: value 'lots' is not a number",
    ]
    assert err == ("jhviewer: s.csv: 4 rows refused; nothing imported "
                   "(4 to add, 4 refused, 1 blank (utf-8))\n")
    assert current(progress_location) == []


@pytest.mark.parametrize(("name", "content", "message"), [
    ("s.xlsx", b"this is not a zip file", "jhviewer: s.xlsx is not a readable .xlsx workbook"),
    ("s.csv", b"a,b,c\n1,2,3\n", "jhviewer: s.csv has no target_id, as_of column; start "
                                "from `jhviewer progress template`"),
    ("s.csv", b"", "jhviewer: s.csv is empty"),
    ("s.csv", b"target_id,as_of,value\n\xff\xfe\xfa,1,2\n",
     "jhviewer: s.csv is neither UTF-8 nor GBK text"),
    ("s.ods", b"x", "jhviewer: cannot import s.ods: use a .csv or .xlsx file"),
])
def test_malformed_files_are_refused(tmp_path: Path, name: str, content: bytes,
                                     message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run("import", str(path), "--progress-db", str(tmp_path / "p.db"))
    assert (code, out, err) == (2, "", message + "\n")
    assert not (tmp_path / "p.db").exists()


def test_export_csv_and_json_with_history(tmp_path: Path) -> None:
    location = str(tmp_path / "p.db")
    run("add", "target-first-stores", "63", "--as-of", "2024-06", "--progress-db", location)
    code, out, _ = run("retract", "1", "--note", "typo", "--progress-db", location)
    assert (code, out) == (0, "retracted entry 1 (row 2)\n")
    run("add", "target-first-stores", "36", "--as-of", "2024-06", "--progress-db", location)
    assert run("export", str(tmp_path / "e.csv"), "--progress-db", location)[0] == 0
    with (tmp_path / "e.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["id"], r["value"], r["retracted"]) for r in rows] == [("3", "36", "0")]
    assert run("export", str(tmp_path / "one.csv"), "--progress-db", location)[1] == (
        f"wrote {tmp_path / 'one.csv'} (1 entry)\n")
    assert run("export", str(tmp_path / "h.json"), "--history",
               "--progress-db", location)[1] == f"wrote {tmp_path / 'h.json'} (3 entries)\n"
    history = json.loads((tmp_path / "h.json").read_text(encoding="utf-8"))
    assert [(h["value"], h["supersedes"], h["retracted"], h["note"]) for h in history] == [
        (63.0, None, False, ""), (None, 1, True, "typo"), (36.0, None, False, "")]


def test_data_db_is_byte_identical_after_recording_progress(tmp_path: Path,
                                                             monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    before = hashlib.sha256(DEFAULT_DB.read_bytes()).hexdigest()
    sheet = write_csv(tmp_path / "s.csv", filled_rows(), "utf-8")
    run("add", "target-first-stores", "63", "--as-of", "2024-06")
    run("import", str(sheet))
    run("status")
    run("export", str(tmp_path / "e.json"))
    assert (tmp_path / "xdg" / "jhviewer" / "jhviewer" / "progress.db").exists()
    assert hashlib.sha256(DEFAULT_DB.read_bytes()).hexdigest() == before
    assert not Path(str(DEFAULT_DB) + "-wal").exists()


# --- negative values and unknown options (a growth rate that fell is a valid entry) ---------

@pytest.mark.parametrize("args", [
    ["gdp-growth-2024-target", "-1.5", "--as-of", "2024-03"],
    ["--as-of", "2024-03", "gdp-growth-2024-target", "-1.5"],
    ["gdp-growth-2024-target", "--as-of", "2024-03", "-1.5"],
    ["--as-of", "2024-03", "--", "gdp-growth-2024-target", "-1.5"],
])
def test_a_negative_value_is_stored_as_given(tmp_path: Path, args: list[str]) -> None:
    location = tmp_path / "p.db"
    code, out, err = run("add", "--progress-db", str(location), *args)
    assert (code, out, err) == (
        0, "added entry 1: gdp-growth-2024-target -1.5 % as of 2024-03\n", "")
    assert current(location) == [("gdp-growth-2024-target", -1.5, "2024-03")]


def test_the_help_says_how_to_give_a_negative_value() -> None:
    code, out, _ = run("add", "--help")
    assert code == 0
    assert "`jhviewer progress add TARGET_ID -1.5 --as-of 2024-03`" in " ".join(out.split())


@pytest.mark.parametrize(("args", "message"), [
    (["gdp-growth-2024-target", "1", "--foo", "--as-of", "2024-03"],
     "Error: No such option '--foo'. Did you mean '--who'?\n"),
    (["--foo", "gdp-growth-2024-target", "1", "--as-of", "2024-03"],
     "Error: No such option '--foo'. Did you mean '--who'?\n"),
    (["gdp-growth-2024-target", "--frobnicate", "--as-of", "2024-03"],
     "Error: No such option '--frobnicate'.\n"),
    (["gdp-growth-2024-target", "-x", "--as-of", "2024-03"],
     "Error: No such option '-x'.\n"),
])
def test_an_unknown_option_is_still_refused_in_one_line(
        tmp_path: Path, args: list[str], message: str) -> None:
    location = tmp_path / "p.db"
    assert run("add", *args, "--progress-db", str(location)) == (2, "", message)
    assert not location.exists()


def test_a_negative_count_is_refused_and_a_dash_word_is_not_a_number(tmp_path: Path) -> None:
    location = tmp_path / "p.db"
    assert run("add", "target-first-stores", "-3", "--as-of", "2024-03",
               "--progress-db", str(location)) == (
        2, "", "jhviewer: value -3 for target-first-stores is negative\n")
    assert run("add", "gdp-growth-2024-target", "-1.5x", "--as-of", "2024-03",
               "--progress-db", str(location)) == (
        2, "", "jhviewer: value '-1.5x' is not a number\n")
    assert not location.exists()


# --- importing the same sheet twice ---------------------------------------------------------

def test_a_second_import_of_the_same_sheet_adds_nothing(progress_location: str,
                                                        tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "s.csv", filled_rows(), "utf-8")
    assert run("import", str(sheet), "--progress-db", progress_location)[0] == 0
    code, out, err = run("import", str(sheet), "--dry-run", "--progress-db", progress_location)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "skip line 2: target-first-stores 63 家 as of 2024-06: already recorded, skipped",
        "skip line 3: target-investment-signed 7200000 万元 as of 2024-09: already recorded, "
        "skipped",
        "skip line 4: gdp-growth-2024-target 6.9 % as of 2024-09: already recorded, skipped",
        "skip line 5: target-disposable-income on_track as of 2024-06: already recorded, "
        "skipped",
        "dry run: 0 to add, 4 already recorded, 0 refused, 1 blank (utf-8); nothing written",
    ]
    code, out, _ = run("import", str(sheet), "--progress-db", progress_location)
    assert code == 0 and out.splitlines()[-1] == (
        f"imported 0 entries from {sheet} (0 to add, 4 already recorded, 0 refused, 1 blank "
        "(utf-8))")
    assert current(progress_location) == EXPECTED
    with ProgressStore.open(progress_location) as db:
        assert len(db.history(B)) == 4


def test_a_changed_row_is_added_and_the_same_ones_skipped(tmp_path: Path) -> None:
    location = tmp_path / "p.db"
    sheet = write_csv(tmp_path / "s.csv", filled_rows(), "utf-8")
    assert run("import", str(sheet), "--progress-db", str(location))[0] == 0
    rows = filled_rows()
    rows[1][2] = "64"  # a corrected figure for the same month
    rows[4][4] = "behind"  # another status for the same month
    code, out, _ = run("import", str(write_csv(tmp_path / "t.csv", rows, "utf-8")),
                       "--progress-db", str(location))
    assert code == 0 and out.splitlines() == [
        "add  line 2: target-first-stores 64 家 as of 2024-06",
        "add  line 5: target-disposable-income behind as of 2024-06",
        "skip line 3: target-investment-signed 7200000 万元 as of 2024-09: already recorded, "
        "skipped",
        "skip line 4: gdp-growth-2024-target 6.9 % as of 2024-09: already recorded, skipped",
        f"imported 2 entries from {tmp_path / 't.csv'} (2 to add, 2 already recorded, "
        "0 refused, 1 blank (utf-8))",
    ]


def test_a_dry_run_never_creates_the_progress_database(tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "s.csv", filled_rows(), "utf-8")
    code, out, _ = run("import", str(sheet), "--dry-run", "--progress-db",
                       str(tmp_path / "p.db"))
    assert code == 0 and out.splitlines()[-1] == (
        "dry run: 4 to add, 0 refused, 1 blank (utf-8); nothing written")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.csv"]


def test_plan_import_without_current_entries_adds_every_row(tmp_path: Path) -> None:
    """The window's import preview calls plan_import without `current`: as before."""
    from jhviewer.data.progress.files import plan_import
    from jhviewer.data.progress.model import target_from_fact
    from jhviewer.data.store import Store

    sheet = write_csv(tmp_path / "s.csv", filled_rows(), "utf-8")
    with Store.open(None) as store:
        targets = [target_from_fact(fact) for fact in store.targets(B)]
        units = store.units()
    plan = plan_import(sheet, targets, units)
    assert ([row.line for row in plan.rows], plan.recorded) == ([2, 3, 4, 5], [])
    location = tmp_path / "p.db"
    assert run("import", str(sheet), "--progress-db", str(location))[0] == 0
    with ProgressStore.open(location) as db:
        plan = plan_import(sheet, targets, units, current=db.entries(B))
    assert ([row.line for row in plan.rows], [row.line for row in plan.recorded]) == (
        [], [2, 3, 4, 5])
