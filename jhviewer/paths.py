"""Where the shipped files live. No Qt here: the data layer and the CLI use it too."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
RESOURCES_DIR = REPO_ROOT / "resources"
BRIEFINGS_DIR = RESOURCES_DIR / "briefings"
FONTS_DIR = RESOURCES_DIR / "fonts"
DEFAULT_DB = REPO_ROOT / "data.db"


def is_builtin_db(path: Path) -> bool:
    """True for the `data.db` shipped with the app, which is trusted."""
    try:
        return path.resolve() == DEFAULT_DB.resolve()
    except OSError:
        return False

# The names the window gives QApplication (organisation, application). Qt keeps its
# per-user data in <AppDataLocation>/ORGANISATION/APPLICATION; the progress database
# lives there, and the CLI finds the same folder through platformdirs.
ORGANISATION = "jhviewer"
APPLICATION = "jhviewer"
