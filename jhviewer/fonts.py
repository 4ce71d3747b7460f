"""The bundled CJK font ("JH Noto Sans SC"), shared by the UI and the printing code.

Using our own font for all text means Chinese never renders as boxes on a machine without
CJK fonts, and screen and print/PDF output look the same.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from jhviewer.paths import FONTS_DIR

FONT_FAMILY = "JH Noto Sans SC"
_FILE_NAMES = ("JHNotoSansSC-Regular.otf", "JHNotoSansSC-Bold.otf")

# Simplified-Chinese system families, in order of preference, for a character the bundled
# subset lacks (a rare name such as 喆 or 堃). Without them Qt asks fontconfig, which may
# pick a Japanese face (Noto Sans CJK JP) with Japanese glyph forms. They are installed as
# Qt's substitutes of the bundled family, so every text in it falls back to them: widgets,
# rich text, pyqtgraph labels and SVG drawn into the printout alike.
ZH_HANS_FALLBACKS = (
    "Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "Source Han Sans CN",
    "Noto Sans SC", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "SimHei",
    "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback", "AR PL UMing CN",
)
_families: list[str] | None = None

_loaded = False


class FontLoadError(RuntimeError):
    """The bundled font is missing or Qt could not load it."""


def font_files() -> list[Path]:
    """Paths of the bundled Regular and Bold faces."""
    return [FONTS_DIR / name for name in _FILE_NAMES]


def load_bundled_fonts() -> str:
    """Register the bundled faces with Qt (once) and return the family name.

    Needs a QGuiApplication. Raises FontLoadError if a file is missing or rejected.
    """
    global _loaded
    if QGuiApplication.instance() is None:
        raise FontLoadError("Cannot load the bundled font before the application is created.")
    if _loaded and QFontDatabase.hasFamily(FONT_FAMILY):
        return FONT_FAMILY
    for path in font_files():
        if not path.is_file():
            raise FontLoadError(
                f"The bundled font file {path} is missing; reinstall jhviewer or run "
                "scripts/make_font_subset.py."
            )
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            raise FontLoadError(f"Qt could not load the bundled font file {path}.")
        families = QFontDatabase.applicationFontFamilies(font_id)
        if FONT_FAMILY not in families:
            raise FontLoadError(
                f"The font file {path} provides {families}, expected {FONT_FAMILY!r}."
            )
    QFont.insertSubstitutions(FONT_FAMILY, font_families()[1:])
    _loaded = True
    return FONT_FAMILY


def font_families() -> list[str]:
    """The bundled family, then the zh-Hans system families this machine has (see
    ZH_HANS_FALLBACKS), in the order Qt falls back to them; asked of Qt's font database
    once per process."""
    global _families
    if _families is None:
        system = set(QFontDatabase.families())
        _families = [FONT_FAMILY, *(name for name in ZH_HANS_FALLBACKS if name in system)]
    return list(_families)


def bundled_font(point_size: float, bold: bool = False) -> QFont:
    """A QFont in the bundled family, which falls back to a zh-Hans system font for the
    characters the subset lacks (load_bundled_fonts() must have run)."""
    font = QFont()
    font.setFamilies([FONT_FAMILY])
    font.setPointSizeF(point_size)
    font.setWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    return font


def apply_app_font(app: QGuiApplication, point_size: float | None = None) -> None:
    """Load the bundled font and make it the application's default font."""
    load_bundled_fonts()
    size = point_size if point_size is not None else app.font().pointSizeF()
    if size <= 0:  # the platform default may be pixel-sized
        size = 10.0
    app.setFont(bundled_font(size))
