"""`jhviewer snapshot` renders each tab to a PNG, headless, without touching user settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from jhviewer.data.errors import DatabaseError
from jhviewer.paths import REPO_ROOT
from jhviewer.ui import settings as settings_module
from jhviewer.ui.snapshot import take_snapshots
from jhviewer.ui.tabs import TAB_KEYS

TAB_FILES = [f"{key}.png" for key in TAB_KEYS]


def check_pngs(folder: Path, size: tuple[int, int]) -> None:
    assert sorted(p.name for p in folder.glob("*.png")) == sorted(TAB_FILES)
    for name in TAB_FILES:
        image = QImage(str(folder / name))
        assert not image.isNull(), name
        assert (image.width(), image.height()) == size, name
        colours = {image.pixel(x, y) for x in range(0, image.width(), 25)
                   for y in range(0, image.height(), 25)}
        assert len(colours) > 10, f"{name} looks blank"


def test_snapshot_writes_four_pngs(
    qapp, tmp_path: Path, built_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_user_settings() -> None:
        raise AssertionError("snapshot must not use the user's settings")

    monkeypatch.setattr(settings_module.Settings, "user", staticmethod(no_user_settings))
    written = take_snapshots(tmp_path / "shots", "en", (1000, 700), built_db)
    assert [p.name for p in written] == TAB_FILES
    check_pngs(tmp_path / "shots", (1000, 700))


def test_snapshot_of_a_bad_database_raises(qapp, tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_text("nope", encoding="utf-8")
    with pytest.raises(DatabaseError):
        take_snapshots(tmp_path / "shots", "zh", (800, 600), bad)


@pytest.mark.slow
def test_snapshot_command(tmp_path: Path, built_db: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "jhviewer", "snapshot", str(tmp_path / "zh"),
         "--lang", "zh", "--size", "900x640", "--db", str(built_db)],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("已写入 ") == 4  # --lang zh: its lines in Chinese too
    check_pngs(tmp_path / "zh", (900, 640))
    assert not (tmp_path / "jhviewer").exists()  # no settings file written


def test_snapshot_command_rejects_a_bad_size(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "jhviewer", "snapshot", str(tmp_path), "--size", "huge"],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode != 0
    assert "WIDTHxHEIGHT" in result.stderr
