"""Desktop integration: the icon, the window icon, the menu entry and `install-desktop`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from PySide6.QtGui import QImage

from jhviewer import desktop
from jhviewer.commands import cli
from jhviewer.paths import ICONS_DIR, RESOURCES_DIR

HICOLOR = "icons/hicolor"
EXPECTED_FILES = [
    "applications/jhviewer.desktop",
    f"{HICOLOR}/scalable/apps/jhviewer.svg",
    f"{HICOLOR}/16x16/apps/jhviewer.png",
    f"{HICOLOR}/32x32/apps/jhviewer.png",
    f"{HICOLOR}/48x48/apps/jhviewer.png",
    f"{HICOLOR}/64x64/apps/jhviewer.png",
    f"{HICOLOR}/128x128/apps/jhviewer.png",
    f"{HICOLOR}/256x256/apps/jhviewer.png",
]


def _relative(paths: list[Path], home: Path) -> list[str]:
    return [str(path.relative_to(home)) for path in paths]


@pytest.mark.parametrize("size", [16, 32, 48, 64, 128, 256])
def test_each_png_icon_has_its_size_and_a_transparent_corner(size: int) -> None:
    image = QImage(str(ICONS_DIR / f"jhviewer-{size}.png"))
    assert (image.width(), image.height()) == (size, size)
    assert image.pixelColor(0, 0).alpha() == 0  # rounded tile: the corner is see-through
    centre = image.pixelColor(size // 2, size // 2)
    assert centre.alpha() == 255


def test_the_window_has_the_application_icon(qapp: object) -> None:
    from jhviewer.ui.app import application_icon, create_application

    app = create_application()
    sizes = sorted(size.width() for size in app.windowIcon().availableSizes())
    assert sizes == [16, 32, 48, 64, 128, 256]
    assert app.desktopFileName() == "jhviewer"
    assert sorted(s.width() for s in application_icon().availableSizes()) == sizes


def test_xdg_data_home_is_used_only_when_absolute(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert desktop.data_home({"XDG_DATA_HOME": "/srv/data"}) == Path("/srv/data")
    assert desktop.data_home({"XDG_DATA_HOME": "relative/dir"}) == tmp_path / ".local/share"
    assert desktop.data_home({"XDG_DATA_HOME": ""}) == tmp_path / ".local/share"
    assert desktop.data_home({}) == tmp_path / ".local/share"


def test_exec_line_quotes_what_the_spec_reserves() -> None:
    assert desktop.exec_value(["/opt/jh/bin/jhviewer"]) == "/opt/jh/bin/jhviewer"
    assert desktop.exec_value(["/home/a b/venv/bin/python", "-m", "jhviewer"]) == (
        '"/home/a b/venv/bin/python" -m jhviewer'
    )
    # `$` escaped inside quotes, then the backslash doubled because Exec is a string key
    assert desktop.exec_value(["/x/$HOME/jh"]) == '"/x/\\\\$HOME/jh"'
    assert desktop.exec_value(["/x/100%/jh"]) == "/x/100%%/jh"


def test_install_desktop_writes_the_entry_and_icons_under_xdg_data_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    result = CliRunner().invoke(cli, ["install-desktop"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"wrote {home / name}" for name in EXPECTED_FILES]
    assert sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.is_file()) == sorted(
        EXPECTED_FILES
    )
    assert not (tmp_path / "home").exists()  # XDG_DATA_HOME wins over ~/.local/share
    entry = (home / "applications/jhviewer.desktop").read_text(encoding="utf-8")
    assert "\nIcon=jhviewer\n" in entry and "\nType=Application\n" in entry
    exec_lines = [line for line in entry.splitlines() if line.startswith("Exec=")]
    assert len(exec_lines) == 1 and exec_lines[0] != "Exec=jhviewer"  # an absolute launcher
    assert (home / f"{HICOLOR}/48x48/apps/jhviewer.png").read_bytes() == (
        ICONS_DIR / "jhviewer-48.png"
    ).read_bytes()
    assert not list(home.rglob(".*part*"))  # no temporary files left

    again = CliRunner().invoke(cli, ["install-desktop"])  # idempotent
    assert again.exit_code == 0, again.output

    removed = CliRunner().invoke(cli, ["install-desktop", "--uninstall"])
    assert removed.exit_code == 0, removed.output
    assert removed.output.splitlines() == [f"removed {home / name}" for name in EXPECTED_FILES]
    assert [p for p in home.rglob("*") if p.is_file()] == []
    nothing = CliRunner().invoke(cli, ["install-desktop", "--uninstall"])
    assert nothing.output == f"nothing to remove under {home}\n"


def test_uninstall_leaves_other_files_alone(tmp_path: Path) -> None:
    other = tmp_path / "applications" / "other.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\n", encoding="utf-8")
    desktop.install(tmp_path, ["/opt/jhviewer"])
    assert _relative(desktop.uninstall(tmp_path), tmp_path) == EXPECTED_FILES
    assert other.read_text(encoding="utf-8") == "[Desktop Entry]\n"


def test_a_file_that_cannot_be_written_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "applications").write_text("a file where a folder should be", encoding="utf-8")
    result = CliRunner().invoke(cli, ["install-desktop"], env={"XDG_DATA_HOME": str(tmp_path)})
    assert result.exit_code != 0
    assert "Cannot make the folder" in str(result.exception)
    assert (tmp_path / "applications").read_text(encoding="utf-8").startswith("a file")


def test_the_installed_entry_is_valid_for_desktop_file_validate(tmp_path: Path) -> None:
    validate = shutil.which("desktop-file-validate")
    assert validate, "desktop-file-validate is missing: ./dev test installs desktop-file-utils"
    desktop.install(tmp_path, ["/home/a b/venv/bin/python", "-m", "jhviewer"])
    for entry in (RESOURCES_DIR / "jhviewer.desktop", tmp_path / "applications/jhviewer.desktop"):
        result = subprocess.run([validate, str(entry)], capture_output=True, text=True)
        assert (result.returncode, result.stdout, result.stderr) == (0, "", ""), entry


def test_launcher_is_this_python_when_not_run_as_the_jhviewer_script(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", ["/somewhere/__main__.py"])
    assert desktop.launcher_command() == [str(Path(sys.executable).absolute()), "-m", "jhviewer"]
