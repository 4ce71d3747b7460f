"""Render the application icon's PNG sizes from resources/icons/jhviewer.svg with Qt's SVG
renderer. Run after editing the SVG, and commit the PNGs:

    .venv/bin/python scripts/make_icons.py

Writes resources/icons/jhviewer-<size>.png for each size in SIZES (the sizes desktops look
for in the hicolor theme), and jhviewer.ico (256 px, Qt's ICO writer) for the Windows build
of packaging/jhviewer.spec. Each file is written whole or not at all.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS_DIR = Path(__file__).resolve().parents[1] / "resources" / "icons"
SOURCE = ICONS_DIR / "jhviewer.svg"
SIZES = (16, 32, 48, 64, 128, 256)  # jhviewer.paths.ICON_SIZES, which the app loads


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """The icon as a `size`×`size` ARGB image, antialiased, on a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def main() -> int:
    """Write every size; exit status 1 (and a message) if the SVG does not load."""
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"cannot read {SOURCE}", file=sys.stderr)
        return 1
    outputs = [(ICONS_DIR / f"jhviewer-{size}.png", size, "PNG") for size in SIZES]
    outputs.append((ICONS_DIR / "jhviewer.ico", 256, "ICO"))
    for out, size, kind in outputs:
        part = out.with_name(f".{out.name}.part")
        if not render(renderer, size).save(str(part), kind):
            part.unlink(missing_ok=True)
            print(f"cannot write {out}", file=sys.stderr)
            return 1
        part.replace(out)
        print(f"wrote {out.relative_to(ICONS_DIR.parents[1])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
