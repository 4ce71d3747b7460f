"""Where the shipped files live: `data.db` and `resources/`. No Qt here: the data layer and
the CLI use it too.

The repository keeps `data.db` and `resources/` at its root. A wheel carries them inside the
package as `jhviewer/_shipped/` (pyproject.toml maps the repository root to that package at
build time: `[tool.setuptools.package-dir]` and `[tool.setuptools.package-data]`), and this
module finds them there with `importlib.resources`. A checkout (an editable install, or
`python -m jhviewer` from the repository) has no `jhviewer._shipped` package: the files are
read where they are, at the root of the checkout, so `./dev db` and `./dev fonts` rewrite
the same files the app reads.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# The root of the source checkout. Only tests, benchmarks and developer scripts use it: in an
# installed wheel it is site-packages, which holds none of the project's files.
REPO_ROOT = PACKAGE_DIR.parent
SHIPPED_PACKAGE = "jhviewer._shipped"
APP_ID = "jhviewer"  # the icon's and the desktop entry's name
ICON_SIZES = (16, 32, 48, 64, 128, 256)  # resources/icons/jhviewer-<size>.png


def shipped_root() -> Path:
    """The folder holding `data.db` and `resources/`: inside an installed wheel, else the checkout.

    When neither is there the paths below name files that do not exist, and the reader of
    each says so in the user's words (e.g. "There is no file at …"). Raises RuntimeError
    only for an install that is not a plain folder (a zip), which pip never makes.
    """
    try:
        files = importlib.resources.files(SHIPPED_PACKAGE)
    except ModuleNotFoundError:
        return REPO_ROOT  # a checkout: the files are at the root of the repository
    # `_shipped` has no __init__.py (it is data only), so `files` is a namespace package's
    # MultiplexedPath; a file inside it is a plain path.
    anchor = files.joinpath("data.db")
    if not isinstance(anchor, Path):
        raise RuntimeError(f"jhviewer must be installed as files, not inside {anchor}")
    return anchor.parent.resolve()


SHIPPED_ROOT = shipped_root()
# False in an installed wheel (or bundle): there the shipped files are part of the install
# and no command writes them.
IN_CHECKOUT = SHIPPED_ROOT == REPO_ROOT
RESOURCES_DIR = SHIPPED_ROOT / "resources"
BRIEFINGS_DIR = RESOURCES_DIR / "briefings"
FONTS_DIR = RESOURCES_DIR / "fonts"
TRANSLATIONS_DIR = RESOURCES_DIR / "translations"
ICONS_DIR = RESOURCES_DIR / "icons"
DEFAULT_DB = SHIPPED_ROOT / "data.db"


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
