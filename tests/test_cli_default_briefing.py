"""Every command that picks the default briefing of a database holding several names it on
stderr, the way `jhviewer search` does, in the message language; with --briefing, or with
one briefing in the file, it says nothing about it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from jhviewer.cli import cli

FIXTURES = Path(__file__).parent / "fixtures" / "briefings"
NAMED_EN = ("jhviewer: using briefing newtown-2031 (the newest); choose another with "
            "--briefing\n")
NAMED_ZH = "jhviewer: 使用最新的简报 newtown-2031；可用 --briefing 另选\n"


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_progress_status_names_the_default(three_briefings_db: Path, tmp_path: Path) -> None:
    code, out, err = run("progress", "status", "--db", str(three_briefings_db),
                         "--progress-db", str(tmp_path / "p.db"))
    assert (code, err) == (0, NAMED_EN)
    assert out.splitlines()[-1] == "0 of 2 on track or achieved"


def test_progress_add_names_the_briefing_it_looked_in(three_briefings_db: Path,
                                                      tmp_path: Path) -> None:
    location = tmp_path / "p.db"
    code, out, err = run("progress", "add", "target-first-stores", "63", "--as-of", "2024-06",
                         "--db", str(three_briefings_db), "--progress-db", str(location))
    assert (code, out) == (2, "")
    assert err == NAMED_EN + (
        "jhviewer: unknown target id 'target-first-stores' in newtown-2031 "
        "(`jhviewer progress status` lists them)\n")
    code, out, err = run("progress", "add", "target-first-stores", "63", "--as-of", "2024-06",
                         "--db", str(three_briefings_db), "--progress-db", str(location),
                         "--briefing", "jianghan-2024")
    assert (code, out, err) == (
        0, "added entry 1: target-first-stores 63 家 as of 2024-06\n", "")
    # retract works on entry ids of every briefing: it picks none and names none
    assert run("progress", "retract", "1", "--db", str(three_briefings_db),
               "--progress-db", str(location)) == (0, "retracted entry 1 (row 2)\n", "")


def test_progress_export_template_and_import_name_the_default(three_briefings_db: Path,
                                                              tmp_path: Path) -> None:
    db = ["--db", str(three_briefings_db), "--progress-db", str(tmp_path / "p.db")]
    assert run("progress", "template", str(tmp_path / "t.csv"), *db) == (
        0, f"wrote {tmp_path / 't.csv'} (2 targets)\n", NAMED_EN)
    code, out, err = run("progress", "import", str(tmp_path / "t.csv"), "--dry-run", *db)
    assert (code, err) == (0, NAMED_EN)
    assert out == "dry run: 0 to add, 0 refused, 2 blank (utf-8-sig); nothing written\n"
    assert run("progress", "export", str(tmp_path / "e.csv"), *db) == (
        0, f"wrote {tmp_path / 'e.csv'} (0 entries)\n", NAMED_EN)


def test_pdf_progress_names_the_default(three_briefings_db: Path, tmp_path: Path) -> None:
    out_pdf = tmp_path / "r.pdf"
    code, out, err = run("pdf", str(out_pdf), "--progress", "--db", str(three_briefings_db),
                         "--progress-db", str(tmp_path / "p.db"), "--lang", "en")
    assert (code, out, err) == (0, f"wrote {out_pdf} (1 page)\n", NAMED_EN)


def test_with_briefing_or_one_briefing_nothing_is_named(three_briefings_db: Path,
                                                        tmp_path: Path) -> None:
    location = ["--progress-db", str(tmp_path / "p.db")]
    code, _, err = run("progress", "status", "--db", str(three_briefings_db), "--briefing",
                       "newtown-2030", *location)
    assert (code, err) == (0, "")
    code, _, err = run("progress", "status", *location)  # the shipped data.db: one briefing
    assert (code, err) == (0, "")


def test_the_name_is_in_the_message_language(three_briefings_db: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    location = ["--progress-db", str(tmp_path / "p.db")]
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    code, _, err = run("progress", "status", "--db", str(three_briefings_db), *location)
    assert (code, err) == (0, NAMED_ZH)
    monkeypatch.setenv("LANG", "C.UTF-8")
    db = str(three_briefings_db)
    code, _, err = run("progress", "status", "--db", db, "--lang", "zh", *location)
    assert (code, err) == (0, NAMED_ZH)
    code, _, err = run("--lang", "zh", "progress", "status", "--db", db, *location)
    assert (code, err) == (0, NAMED_ZH)


def test_snapshot_names_the_default(three_briefings_db: Path, tmp_path: Path) -> None:
    code, out, err = run("snapshot", str(tmp_path / "shots"), "--presentation", "--size",
                         "800x600", "--db", str(three_briefings_db))
    assert (code, err) == (0, NAMED_EN)
    assert out.splitlines()[0] == f"wrote {tmp_path / 'shots' / 'step-01.png'}"
