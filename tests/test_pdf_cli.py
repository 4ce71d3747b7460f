"""`jhviewer pdf`: headless, one line out, clean failures, never a partial file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from jhviewer import cli
from jhviewer.data.errors import ExportError
from jhviewer.report import layout
from tests.test_report import needs_poppler, no_space, page_count, pdf_text, squeeze


def _headless_env() -> dict[str, str]:
    """The environment of a server: no display, and no platform chosen for Qt."""
    return {
        key: value for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jhviewer", "pdf", *args],
        capture_output=True, text=True, timeout=120, env=_headless_env(),
    )


def _assert_one_clean_error(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode != 0
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_pdf_command_has_help() -> None:
    result = CliRunner().invoke(cli.cli, ["pdf", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--lang", "--summary-only", "OUT"):
        assert option in result.output


@needs_poppler
def test_pdf_writes_the_briefing_headless(built_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "brief.pdf"
    result = _run(str(out), "--db", str(built_db))
    assert result.returncode == 0, result.stderr
    pages = page_count(out)
    assert result.stdout == f"wrote {out} ({pages} pages)\n"
    assert result.stderr == ""
    assert pages > 3
    assert "数说江汉" in no_space(pdf_text(out))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.pdf"]


@needs_poppler
def test_pdf_summary_only_in_english(built_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "brief-en.pdf"
    result = _run(str(out), "--db", str(built_db), "--lang", "en", "--summary-only")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote {out} (1 page)\n"
    assert page_count(out) == 1
    assert "Key figures" in squeeze(pdf_text(out))


def test_pdf_replaces_an_existing_file(built_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "brief.pdf"
    out.write_bytes(b"old")
    result = _run(str(out), "--db", str(built_db), "--summary-only")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("where", ["missing folder", "under a file", "a folder"])
def test_unwritable_path_is_one_line_and_leaves_nothing(built_db: Path, tmp_path: Path,
                                                        where: str) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder")
    out = {
        "missing folder": tmp_path / "no" / "such" / "brief.pdf",
        "under a file": blocker / "brief.pdf",
        "a folder": tmp_path,
    }[where]
    before = sorted(tmp_path.rglob("*"))
    result = _run(str(out), "--db", str(built_db))
    _assert_one_clean_error(result)
    assert sorted(tmp_path.rglob("*")) == before
    assert blocker.read_text() == "not a folder"


@pytest.mark.parametrize("kind", ["missing", "not sqlite", "empty"])
def test_bad_database_is_one_line_and_writes_nothing(tmp_path: Path, kind: str) -> None:
    db = tmp_path / "bad.db"
    if kind == "not sqlite":
        db.write_text("this is not a database\n" * 100)
    elif kind == "empty":
        db.write_bytes(b"")
    out = tmp_path / "brief.pdf"
    result = _run(str(out), "--db", str(db))
    _assert_one_clean_error(result)
    assert "bad.db" in result.stderr
    assert not out.exists()


def test_failed_export_leaves_no_partial_file_and_keeps_the_old_one(
    qapp, built_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "brief.pdf"
    out.write_bytes(b"the previous printout")
    real_paint = layout.PagedLayout.paint

    def paint_then_fail(self: layout.PagedLayout, painter, device, numbers=None,
                        on_page=None) -> None:
        real_paint(self, painter, device, numbers, on_page)
        raise ExportError("The disk is full.")

    monkeypatch.setattr(layout.PagedLayout, "paint", paint_then_fail)
    monkeypatch.setattr(sys, "argv", ["jhviewer", "pdf", str(out), "--db", str(built_db)])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == "jhviewer: The disk is full."
    assert out.read_bytes() == b"the previous printout"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.pdf"]
