"""The bundled CJK font: it loads, covers every character we show, and renders (no tofu)."""

from __future__ import annotations

import ast
import re
import sqlite3
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QFontInfo,
    QFontMetrics,
    QImage,
    QPainter,
    QPdfWriter,
    QTextLayout,
)

from jhviewer import fonts
from jhviewer.fonts import (
    FONT_FAMILY,
    FontLoadError,
    apply_app_font,
    bundled_font,
    font_files,
    load_bundled_fonts,
)
from jhviewer.paths import DEFAULT_DB, PACKAGE_DIR, RESOURCES_DIR

SAMPLE = "江汉区 数说江汉 金融"
TEXT_SUFFIXES = {".toml", ".md", ".ts", ".txt", ".json"}
MAX_BYTES = 4 * 1024 * 1024


@pytest.fixture
def family(qapp) -> str:
    return load_bundled_fonts()


# --- loading ---------------------------------------------------------------------------------


def test_font_files_are_the_two_bundled_faces() -> None:
    names = [p.name for p in font_files()]
    assert names == ["JHNotoSansSC-Regular.otf", "JHNotoSansSC-Bold.otf"]
    for path in font_files():
        assert path.is_file(), f"{path} missing: run scripts/make_font_subset.py"


@pytest.mark.parametrize("path", font_files(), ids=lambda p: p.name)
def test_font_file_is_a_real_subset(path: Path) -> None:
    size = path.stat().st_size
    assert size < MAX_BYTES, f"{path.name} is {size:,} bytes: the subset did not work"


@pytest.mark.parametrize(
    ("path", "style"), list(zip(font_files(), ("Regular", "Bold"), strict=True))
)
def test_name_table_is_renamed(path: Path, style: str) -> None:
    with TTFont(path, lazy=True) as font:
        name = font["name"]
        assert name.getDebugName(1) == FONT_FAMILY
        assert name.getDebugName(2) == style
        assert name.getDebugName(6) == f"JHNotoSansSC-{style}"
        assert "Adobe" in (name.getDebugName(0) or "")  # copyright notice kept
        assert "Open Font License" in (name.getDebugName(13) or "")  # licence kept
        for record in name.names:
            if record.nameID in (1, 4, 6, 16):
                assert "CJK" not in record.toUnicode(), record


def test_load_registers_family_with_regular_and_bold(family: str) -> None:
    assert family == FONT_FAMILY
    assert load_bundled_fonts() == FONT_FAMILY  # idempotent
    assert FONT_FAMILY in QFontDatabase.families()
    styles = QFontDatabase.styles(FONT_FAMILY)
    assert "Regular" in styles
    assert "Bold" in styles
    assert QFontDatabase.bold(FONT_FAMILY, "Bold")
    assert QFontDatabase.isSmoothlyScalable(FONT_FAMILY, "Regular")


def test_bundled_font_resolves_to_our_family(family: str) -> None:
    regular = QFontInfo(bundled_font(12))
    bold = QFontInfo(bundled_font(12, bold=True))
    assert regular.family() == FONT_FAMILY
    assert regular.pointSizeF() == pytest.approx(12)
    assert bold.family() == FONT_FAMILY
    assert bold.weight() >= QFont.Weight.Bold.value
    assert regular.weight() < QFont.Weight.DemiBold.value


def test_apply_app_font_sets_default_font(qapp, family: str) -> None:
    original = qapp.font()
    try:
        apply_app_font(qapp, 11)
        assert qapp.font().families() == [FONT_FAMILY]
        assert qapp.font().pointSizeF() == pytest.approx(11)
        assert QFontInfo(qapp.font()).family() == FONT_FAMILY
    finally:
        qapp.setFont(original)


def test_missing_file_raises_readable_error(qapp, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(fonts, "FONTS_DIR", tmp_path)
    monkeypatch.setattr(fonts, "_loaded", False)
    with pytest.raises(FontLoadError, match="missing"):
        load_bundled_fonts()
    assert issubclass(FontLoadError, RuntimeError)


@pytest.mark.qt_log_ignore(".*")
def test_rejected_file_raises_readable_error(qapp, monkeypatch, tmp_path: Path) -> None:
    for path in font_files():
        (tmp_path / path.name).write_bytes(b"not a font")
    monkeypatch.setattr(fonts, "FONTS_DIR", tmp_path)
    monkeypatch.setattr(fonts, "_loaded", False)
    with pytest.raises(FontLoadError, match="could not load"):
        load_bundled_fonts()


# --- coverage --------------------------------------------------------------------------------


# U+FFFD stands in for undecodable input; Noto Sans CJK has no glyph for it, and Qt draws
# it from any system font, which is what a "this text was broken" mark should look like.
NOT_OURS = {"\ufffd"}


def _shown(text: str) -> Iterator[str]:
    """Characters that need a glyph: not whitespace, not control/format characters."""
    for ch in text:
        if ch not in NOT_OURS and not ch.isspace() and not unicodedata.category(ch).startswith("C"):
            yield ch


def _docstring_nodes(tree: ast.AST) -> set[int]:
    ids: set[int] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
        ):
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def _python_strings() -> dict[str, str]:
    """Every str literal (docstrings excluded) in jhviewer/**/*.py, keyed by file."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        skip = _docstring_nodes(tree)
        parts = [
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
        ]
        found[str(path.relative_to(PACKAGE_DIR.parent))] = "".join(parts)
    return found


def _resource_texts() -> dict[str, str]:
    """Text files under resources/ (briefings, translations .ts, ...)."""
    return {
        str(path.relative_to(RESOURCES_DIR.parent)): path.read_text(encoding="utf-8")
        for path in sorted(RESOURCES_DIR.rglob("*"))
        if path.is_file() and path.suffix.lower() in TEXT_SUFFIXES
    }


def _db_texts(db: Path) -> dict[str, str]:
    """Every TEXT value of every ordinary table in the database, keyed by table."""
    found: dict[str, str] = {}
    conn = sqlite3.connect(db.as_uri() + "?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
        virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
        for name, _sql in rows:
            if name.startswith("sqlite_") or name in virtual:
                continue
            if any(name.startswith(f"{v}_") for v in virtual):  # FTS shadow tables
                continue
            quoted = '"' + name.replace('"', '""') + '"'
            values = [
                value
                for row in conn.execute(f"SELECT * FROM {quoted}")
                for value in row
                if isinstance(value, str)
            ]
            found[f"data.db:{name}"] = "".join(values)
    finally:
        conn.close()
    return found


def _cmap(path: Path) -> set[int]:
    with TTFont(path, lazy=True) as font:
        return set(font.getBestCmap())


@pytest.mark.parametrize("path", font_files(), ids=lambda p: p.name)
def test_font_covers_project_texts(path: Path) -> None:
    texts = _python_strings() | _resource_texts()
    assert any("江汉" in text for text in texts.values()), "found no Chinese text to check"
    _assert_covered(path, texts, "")


@pytest.mark.parametrize("path", font_files(), ids=lambda p: p.name)
def test_font_covers_database(path: Path) -> None:
    assert DEFAULT_DB.is_file(), f"{DEFAULT_DB} is missing: run ./dev db and commit it"
    texts = _db_texts(DEFAULT_DB)
    assert any("江汉" in text for text in texts.values()), "found no Chinese text in data.db"
    _assert_covered(path, texts, " used in data.db")


def _assert_covered(path: Path, texts: dict[str, str], used_in: str) -> None:
    """Every shown character of every text is in the face's cmap; name what is not."""
    cmap = _cmap(path)
    missing = {
        where: "".join(sorted({ch for ch in _shown(text) if ord(ch) not in cmap}))
        for where, text in texts.items()
    }
    missing = {where: chars for where, chars in missing.items() if chars}
    assert not missing, (
        f"{path.name} lacks characters{used_in} (run scripts/make_font_subset.py): "
        + "; ".join(
            f"{where}: {chars!r} {[f'U+{ord(c):04X}' for c in chars]}"
            for where, chars in missing.items()
        )
    )


# --- rendering -------------------------------------------------------------------------------


def _render(text: str, font: QFont) -> QImage:
    image = QImage(64 * max(1, len(text)), 80, QImage.Format.Format_Grayscale8)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    try:
        painter.setFont(font)
        painter.setPen(Qt.GlobalColor.black)
        painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, text)
    finally:
        painter.end()
    return image


def _ink(image: QImage) -> int:
    """Number of non-white pixels."""
    data = bytes(image.constBits())
    return sum(1 for byte in data if byte < 250)


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
def test_sample_renders_from_bundled_font(family: str, bold: bool) -> None:
    font = bundled_font(36, bold=bold)
    metrics = QFontMetrics(font)
    absent = [ch for ch in _shown(SAMPLE) if not metrics.inFontUcs4(ord(ch))]
    assert not absent, f"not in the bundled font: {absent}"

    # Every glyph run comes from our family: no fallback to a system font.
    layout = QTextLayout(SAMPLE, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    runs = layout.glyphRuns()
    assert runs
    assert {run.rawFont().familyName() for run in runs} == {FONT_FAMILY}

    # Tofu boxes all look alike; real glyphs differ.
    images = {ch: _render(ch, font) for ch in "江汉金融"}
    for ch, image in images.items():
        assert _ink(image) > 50, f"{ch!r} drew nothing"
    assert images["江"] != images["汉"]
    assert images["金"] != images["融"]
    assert _render(SAMPLE, font) != _render("口口口 口口口口 口口", font)


def test_pdf_embeds_bundled_font(family: str, tmp_path: Path) -> None:
    """Print/PDF output uses the same font as the screen, embedded, with extractable text."""
    from pypdf import PdfReader

    out = tmp_path / "sample.pdf"
    writer = QPdfWriter(str(out))
    painter = QPainter(writer)
    try:
        painter.setFont(bundled_font(14))
        painter.drawText(QRectF(0, 0, 4000, 400), SAMPLE)
        painter.setFont(bundled_font(14, bold=True))
        painter.drawText(QRectF(0, 500, 4000, 400), "数说江汉")
    finally:
        painter.end()
    data = out.read_bytes()
    base_fonts = {m.decode() for m in re.findall(rb"/BaseFont\s*/([^\s/<>\[\]]+)", data)}
    assert {name.split("+")[-1] for name in base_fonts} == {
        "JHNotoSansSC-Regular",
        "JHNotoSansSC-Bold",
    }
    text = PdfReader(out).pages[0].extract_text()
    assert "".join(SAMPLE.split()) in "".join(text.split())
