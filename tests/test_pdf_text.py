"""Text in a PDF is the text printed; characters the font lacks are named and drawn in a
Chinese face."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from jhviewer import cli
from jhviewer.fonts import font_files

# Every character Noto maps to a glyph it shares with another code point, and spaces (single:
# pdftotext itself merges a run of spaces, whatever the PDF says).
PRINTED = (
    "GDP 7.3% – 8.0% ～ 10／年 • 要点 · 中点 ‒ 数字 … 省略 ⋯ 〜 ∕ — 破折号 - 连字符 ‑ 不断行 a b c"
)


def _pdf_of(text: str, path: Path, bold: bool) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

    from jhviewer.fonts import bundled_font, load_bundled_fonts
    from jhviewer.report.printer import ensure_gui_application

    ensure_gui_application()
    load_bundled_fonts()
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(300)
    painter = QPainter(writer)
    painter.setFont(bundled_font(9, bold))
    painter.drawText(QPointF(100, 200), text)
    painter.end()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
@pytest.mark.parametrize("bold", [False, True])
def test_pdftotext_gives_back_exactly_what_was_printed(tmp_path: Path, bold: bool) -> None:
    out = tmp_path / "text.pdf"
    _pdf_of(PRINTED, out, bold)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-raw", str(out), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert text.rstrip("\n\f") == PRINTED


@pytest.mark.parametrize("bold", [False, True])
def test_the_pdf_maps_each_glyph_back_to_its_own_character(tmp_path: Path, bold: bool) -> None:
    """pdftotext turns every Unicode space into ' '; the ToUnicode map itself must not."""
    printed = "a b\u00a0c\u3000d\u2003e"
    out = tmp_path / "spaces.pdf"
    _pdf_of(printed, out, bold)
    assert PdfReader(out).pages[0].extract_text() == printed


def test_the_briefing_pdf_has_no_tab_for_a_space(built_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "brief.pdf"
    result = CliRunner().invoke(cli.cli, ["pdf", str(out), "--lang", "en", "--summary-only",
                                          "--db", str(built_db)])
    assert result.exit_code == 0, result.output
    text = PdfReader(out).pages[0].extract_text()
    assert "\t" not in text
    assert "Jianghan District" in text


@pytest.mark.parametrize("path", font_files(), ids=lambda p: p.stem)
def test_each_code_point_has_a_glyph_of_its_own(path: Path) -> None:
    cmap = TTFont(path).getBestCmap()
    owners: dict[str, list[int]] = {}
    for code, glyph in cmap.items():
        owners.setdefault(glyph, []).append(code)
    shared = {glyph: codes for glyph, codes in owners.items() if len(codes) > 1}
    assert shared == {}
    assert cmap[0x09] != cmap[0x20]  # a tab of its own, so a space reads back as a space


def test_check_names_every_character_the_font_lacks(built_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "names.db"
    shutil.copyfile(built_db, db)
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE entities SET name_zh = name_zh || '喆镕' "
                           "WHERE rowid = (SELECT min(rowid) FROM entities)")
        connection.execute("UPDATE facts SET description_zh = description_zh || '昇堃喆' "
                           "WHERE rowid = (SELECT min(rowid) FROM facts)")
        first_entity = connection.execute(
            "SELECT id FROM entities ORDER BY rowid LIMIT 1").fetchone()[0]
        first_fact = connection.execute(
            "SELECT id FROM facts ORDER BY rowid LIMIT 1").fetchone()[0]
    result = CliRunner().invoke(cli.cli, ["check", "--db", str(db)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("character ")]
    assert lines == [
        f"character 昇 (U+6607) is not in the bundled font (first in facts {first_fact} "
        "description_zh); run ./dev fonts to re-cut it",
        f"character 堃 (U+5803) is not in the bundled font (first in facts {first_fact} "
        "description_zh); run ./dev fonts to re-cut it",
        f"character 喆 (U+5586) is not in the bundled font (first in facts {first_fact} "
        "description_zh); run ./dev fonts to re-cut it",
        f"character 镕 (U+9555) is not in the bundled font (first in entities {first_entity} "
        "name_zh); run ./dev fonts to re-cut it",
    ]


def test_check_says_ok_for_the_shipped_briefing() -> None:
    result = CliRunner().invoke(cli.cli, ["check"])
    assert result.output == "ok\n"


def test_a_character_the_subset_lacks_is_drawn_in_a_chinese_face(qapp) -> None:
    from PySide6.QtGui import QFontDatabase, QTextLayout

    from jhviewer.fonts import bundled_font, load_bundled_fonts

    if "Noto Sans CJK SC" not in QFontDatabase.families():
        pytest.skip("no zh-Hans system font here (fonts-noto-cjk; ./dev test installs it)")
    load_bundled_fonts()

    def faces(text: str) -> list[str]:
        layout = QTextLayout(text, bundled_font(12))
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
        return [run.rawFont().familyName() for run in layout.glyphRuns()]

    assert faces("江汉") == ["JH Noto Sans SC"]
    assert faces("喆") == ["Noto Sans CJK SC"]  # not Noto Sans CJK JP


def test_svg_text_in_the_printout_falls_back_to_a_chinese_face(qapp, tmp_path: Path) -> None:
    """Charts reach the PDF as SVG naming only the bundled family (report/charts.py)."""
    from PySide6.QtCore import QByteArray, QRectF
    from PySide6.QtGui import QFontDatabase, QPainter, QPdfWriter
    from PySide6.QtSvg import QSvgRenderer

    from jhviewer.fonts import FONT_FAMILY, load_bundled_fonts

    if "Noto Sans CJK SC" not in QFontDatabase.families():
        pytest.skip("no zh-Hans system font here (fonts-noto-cjk; ./dev test installs it)")
    load_bundled_fonts()
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 50" width="200" '
           f'height="50"><text x="5" y="30" font-family="{FONT_FAMILY}" font-size="20">'
           "江汉喆</text></svg>")
    out = tmp_path / "svg.pdf"
    writer = QPdfWriter(str(out))
    painter = QPainter(writer)
    QSvgRenderer(QByteArray(svg.encode())).render(painter, QRectF(0, 0, 2000, 500))
    painter.end()
    del writer
    listing = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True,
                             check=True).stdout
    names = [line.split()[0] for line in listing.splitlines()[2:]]
    assert names == ["JHNotoSansSC-Regular", "NotoSansCJKsc-Regular"]
