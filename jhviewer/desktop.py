"""Desktop integration for the current user: `jhviewer install-desktop [--uninstall]`.

Installs the freedesktop menu entry (resources/jhviewer.desktop, with `Exec=` pointing at
this installation's launcher) and the application icon (resources/icons/: the SVG and the
PNG sizes) under the user's XDG data folder, the way desktops look for them:

    $XDG_DATA_HOME/applications/jhviewer.desktop
    $XDG_DATA_HOME/icons/hicolor/scalable/apps/jhviewer.svg
    $XDG_DATA_HOME/icons/hicolor/<N>x<N>/apps/jhviewer.png     (N = 16 … 256)

`XDG_DATA_HOME` defaults to ~/.local/share (XDG Base Directory Specification). Each file is
written whole or not at all (jhviewer.data.atomic). No Qt here: the command needs no display.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from jhviewer.data.atomic import atomic_path
from jhviewer.data.errors import ExportError
from jhviewer.paths import APP_ID, ICON_SIZES, ICONS_DIR, RESOURCES_DIR

DESKTOP_TEMPLATE = RESOURCES_DIR / f"{APP_ID}.desktop"
# Characters that make the Desktop Entry spec's Exec key need a quoted argument.
_RESERVED = re.compile(r"""[\s"'\\><~|&;$*?#()`]""")


def data_home(environ: dict[str, str] | None = None) -> Path:
    """$XDG_DATA_HOME if it is set to an absolute path, else ~/.local/share (per the spec)."""
    environ = dict(os.environ) if environ is None else environ
    value = environ.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path.home() / ".local" / "share"


def launcher_command() -> list[str]:
    """The command that starts this installation of jhviewer, as absolute paths.

    A PyInstaller bundle is its own executable; an installed `jhviewer` script is used as it
    is; otherwise (e.g. `python -m jhviewer`) this Python with `-m jhviewer`.
    """
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).absolute())]
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.name == APP_ID and script.is_file():
        return [str(script.absolute())]
    return [str(Path(sys.executable).absolute()), "-m", APP_ID]


def exec_value(command: list[str]) -> str:
    """`command` as the value of a Desktop Entry `Exec=` key.

    Arguments with reserved characters are double-quoted with `"`, `` ` ``, `$` and `\\`
    escaped; then, the key being a string, every backslash is doubled and `%` becomes `%%`.
    """
    parts = []
    for argument in command:
        if _RESERVED.search(argument):
            argument = '"' + re.sub(r'(["`$\\])', r"\\\1", argument) + '"'
        parts.append(argument.replace("%", "%%"))
    return " ".join(parts).replace("\\", "\\\\")


def desktop_entry(command: list[str]) -> str:
    """The shipped desktop entry with its `Exec=` line set to `command`."""
    text = DESKTOP_TEMPLATE.read_text(encoding="utf-8")
    lines = [f"Exec={exec_value(command)}" if line.startswith("Exec=") else line
             for line in text.splitlines()]
    return "\n".join(lines) + "\n"


def installed_files(home: Path) -> list[Path]:
    """Every file `install` writes under the data folder `home`, menu entry first."""
    icons = home / "icons" / "hicolor"
    return [
        home / "applications" / f"{APP_ID}.desktop",
        icons / "scalable" / "apps" / f"{APP_ID}.svg",
        *(icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png" for size in ICON_SIZES),
    ]


def install(home: Path | None = None, command: list[str] | None = None) -> list[Path]:
    """Write the menu entry and icons under `home` (default: `data_home()`); the paths written.

    `command` is what the menu entry runs (default: `launcher_command()`). Raises
    ExportError (a sentence for the user) if a folder cannot be made or a file written;
    files already written stay, complete.
    """
    home = data_home() if home is None else home
    command = launcher_command() if command is None else command
    entry, svg, *pngs = installed_files(home)
    contents: list[tuple[Path, bytes]] = [
        (entry, desktop_entry(command).encode("utf-8")),
        (svg, (ICONS_DIR / f"{APP_ID}.svg").read_bytes()),
        *((png, (ICONS_DIR / f"{APP_ID}-{size}.png").read_bytes())
          for png, size in zip(pngs, ICON_SIZES, strict=True)),
    ]
    for target, data in contents:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ExportError(
                f"Cannot make the folder {target.parent}: {error.strerror or error}."
            ) from error
        with atomic_path(target) as temporary:
            temporary.write_bytes(data)
        if target == entry:
            target.chmod(0o755)  # some desktops only trust executable launchers
    return [target for target, _ in contents]


def uninstall(home: Path | None = None) -> list[Path]:
    """Remove what `install` wrote under `home` (nothing else); the paths removed.

    Raises ExportError if a file is there but cannot be removed.
    """
    home = data_home() if home is None else home
    removed = []
    for path in installed_files(home):
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise ExportError(f"Cannot remove {path}: {error.strerror or error}.") from error
        removed.append(path)
    return removed
