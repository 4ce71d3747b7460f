"""What is inside the files jhviewer writes: CSV cells that never run as formulas, charts
that look the same on any machine, printouts that follow the print dialog, and a database
name that is not UTF-8."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from jhviewer.data.export import csv_cell, csv_text
from jhviewer.data.store import Store
from jhviewer.paths import REPO_ROOT

DEJAVU_ONLY = REPO_ROOT / "tests" / "fontconfig" / "dejavu-only.conf"


def chart_of(store: Store, key: str, lang: str):  # -> jhviewer.data.charts.ChartData
    """The records of the chart `key` of the store's briefing, in `lang`."""
    from jhviewer.data.charts import chart_data

    spec = next(spec for spec in store.charts() if spec.key == key)
    return chart_data(store, spec, lang)

# --- CSV ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "cell"), [
    ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
    ("+A1*2", "'+A1*2"),
    ("-2.5", "-2.5"),  # a number written as text stays a number
    ("+3%", "+3%"),
    ("-1,200", "-1,200"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r'=1"),
    ("  =1+1", "  '=1+1"),
    ("label;=1+1", "label;'=1+1"),
    ("label; =1+1", "label; '=1+1"),
    ("first line\n=cmd|' /C calc'!A0", "first line\n'=cmd|' /C calc'!A0"),
    ("a;b;@x", "a;b;'@x"),
    ("GDP 7.3% – plain text, no formula", "GDP 7.3% – plain text, no formula"),
    ("2024年目标", "2024年目标"),
    (7.3, 7.3),
    (-5, -5),
    (["a", "=b"], "a; '=b"),
])
def test_csv_cells_are_guarded(value: object, cell: object) -> None:
    assert csv_cell(value) == cell


def _cells(text: str, separator: str) -> list[str]:
    """How a spreadsheet that splits on `separator` sees the text (quotes honoured)."""
    return [cell for row in csv.reader(io.StringIO(text), delimiter=separator) for cell in row]


@pytest.mark.parametrize("separator", [",", ";"])
def test_no_cell_starts_a_formula_whatever_the_separator(separator: str) -> None:
    labels = ["=HYPERLINK(\"x\")", "ok;=1+1", "ok\n@SUM(1)", "ok,=2+2", "-3+A1", "\t+4", "-3"]
    text = csv_text(("label", "value"), [(label, 1) for label in labels])
    cells = _cells(text, separator)
    assert "-3" in cells or separator == ";"  # a number stays a number
    for cell in cells:
        stripped = cell.lstrip(" \"")
        if re.fullmatch(r"-3(,1)?\"?", stripped):  # the number -3 (and its value, 1)
            continue
        assert not stripped.startswith(("=", "+", "-", "@", "\t", "\r")), (separator, cell)


def test_the_charts_tab_csv_uses_the_same_writer(qapp, tmp_path: Path) -> None:
    from jhviewer.ui import charts

    bar = charts.Bar("=HYPERLINK(\"http://evil\")", 3.0, "3", ("tip",), "result", "结果;=1+1")
    data = charts.ChartData("chart", "图表", "", "来源", (charts.Plot("", "%", (bar,)),))
    out = charts.export_chart(data, tmp_path / "chart.csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows == [
        ["chart", "plot", "category", "value", "unit", "shown_as", "series", "source"],
        ["图表", "", "'=HYPERLINK(\"http://evil\")", "3", "%", "3", "结果;'=1+1", "来源"],
    ]


# --- charts ---------------------------------------------------------------------------------


def _big_chart():
    from jhviewer.ui import charts

    def bars(values: list[float]) -> tuple:
        return tuple(charts.Bar(f"类别{i}", v, f"{v:,.0f}", ("tip",), "result", "结果")
                     for i, v in enumerate(values))

    return charts.ChartData("big", "大数值", "副标题", "来源：测试", (
        charts.Plot("竖向", "万元", bars([1_200_000, 3_400_000]), horizontal=False),
        charts.Plot("横向", "万元", bars([2_500_000, 900_000, 5_000_000]), horizontal=True),
    ))


def _drawn_tick_labels(axis) -> list[str]:
    from PySide6.QtGui import QImage, QPainter

    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _axis, _ticks, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [text for _rect, _flags, text in texts]


def test_value_ticks_show_past_a_million_and_start_at_zero(qapp) -> None:
    """The same layout is painted into the PNG, the SVG and the PDF."""
    from PySide6.QtCore import QSizeF

    from jhviewer.ui import charts

    with charts.offscreen_plots(_big_chart(), charts.PAPER, QSizeF(896, 420)) as widget:
        vertical, horizontal = widget.ci.getItem(0, 0), widget.ci.getItem(0, 1)
        assert _drawn_tick_labels(vertical.getAxis("left")) == [
            "0", "1,000,000", "2,000,000", "3,000,000", "4,000,000"]
        assert _drawn_tick_labels(horizontal.getAxis("bottom")) == [
            "0", "1,000,000", "2,000,000", "3,000,000", "4,000,000", "5,000,000"]


@pytest.mark.parametrize("scale", [1.0, 1.6])  # 1.6: presentation mode
@pytest.mark.parametrize("which", ["result-vs-target", "big"])
def test_the_unit_label_does_not_overlap_the_ticks_on_screen(
    qtbot, store: Store, scale: float, which: str
) -> None:
    from PySide6.QtCore import QRectF

    from jhviewer.ui import charts

    data = _big_chart() if which == "big" else chart_of(store, which, "zh")
    widget = charts.build_plots(data, charts.PAPER, scale)
    qtbot.addWidget(widget)
    widget.resize(1000, 420)
    widget.show()
    qtbot.waitExposed(widget)
    for column, plot in enumerate(data.plots):
        if plot.horizontal:
            continue
        axis = widget.ci.getItem(0, column).getAxis("left")
        label = axis.label.mapRectToScene(axis.label.boundingRect())
        _a, _t, texts = axis.generateDrawSpecs(_painter_for(widget))
        for rect, _flags, text in texts:
            tick = axis.mapRectToScene(QRectF(rect))
            assert label.right() <= tick.left(), (text, label, tick)


def _painter_for(widget):
    from PySide6.QtGui import QImage, QPainter

    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    widget._jh_painter_image = image  # keep the image alive while the painter is used
    return painter


def test_plot_titles_come_out_bold_at_their_size(qapp, store: Store) -> None:
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QFont, QTextCursor

    from jhviewer.ui import charts

    data = chart_of(store, "result-vs-target", "en")
    with charts.offscreen_plots(data, charts.PAPER, QSizeF(896, 420)) as widget:
        title = widget.ci.getItem(0, 0).titleLabel.item
        cursor = QTextCursor(title.document())
        cursor.setPosition(1)
        char_format = cursor.charFormat()
        assert char_format.fontWeight() == QFont.Weight.Bold
        assert char_format.font().pixelSize() == 15
        assert char_format.font().families()[0] == "JH Noto Sans SC"


def _render_svg_without_our_font(svg: Path, png: Path) -> None:
    """Render `svg` in a fresh process that sees only DejaVu and never loads our font."""
    code = (
        "import sys\n"
        "from PySide6.QtGui import QGuiApplication, QImage, QPainter, QColor\n"
        "from PySide6.QtSvg import QSvgRenderer\n"
        "app = QGuiApplication([])\n"
        "renderer = QSvgRenderer(sys.argv[1])\n"
        "assert renderer.isValid()\n"
        "image = QImage(1920, 1200, QImage.Format.Format_ARGB32)\n"
        "image.fill(QColor('white'))\n"
        "painter = QPainter(image); renderer.render(painter); painter.end()\n"
        "assert image.save(sys.argv[2])\n"
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(DEJAVU_ONLY), "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, "-c", code, str(svg), str(png)], check=True, env=env,
                   timeout=120)


def _difference(first: Path, second: Path) -> float:
    """Mean absolute difference of two same-size images, 0..255 per channel."""
    from PySide6.QtGui import QImage

    a = QImage(str(first)).convertToFormat(QImage.Format.Format_Grayscale8)
    b = QImage(str(second)).convertToFormat(QImage.Format.Format_Grayscale8)
    assert (a.width(), a.height()) == (b.width(), b.height())
    data_a, data_b = bytes(a.constBits()), bytes(b.constBits())
    return sum(abs(x - y) for x, y in zip(data_a[::7], data_b[::7], strict=True)) / (
        len(data_a[::7]))


@pytest.mark.parametrize(("chart_id", "lang"), [
    ("result-vs-target", "zh"), ("targets-firms", "en"), ("financial-institutions", "zh"),
])
def test_the_svg_renders_like_the_png_without_any_cjk_font(
    qapp, store: Store, tmp_path: Path, chart_id: str, lang: str
) -> None:
    from jhviewer.ui import charts

    data = chart_of(store, chart_id, lang)
    svg = charts.export_chart(data, tmp_path / "chart.svg")
    png = charts.export_chart(data, tmp_path / "chart.png")
    text = svg.read_text(encoding="utf-8")
    assert "<text" not in text and "font-family" not in text
    rendered = tmp_path / "rendered.png"
    _render_svg_without_our_font(svg, rendered)
    # Measured on these three charts: 0.60-0.73 with outlines (antialiasing of outlines
    # against hinted glyphs), 2.6-4.7 for the same SVG with <text> (boxes, other faces).
    assert _difference(rendered, png) < 1.2


# --- printing -------------------------------------------------------------------------------


def _page_sizes(path: Path) -> list[tuple[int, int]]:
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
            for p in PdfReader(path).pages]


def test_the_print_dialog_range_paper_and_orientation_are_honoured(
    qtbot, built_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QPageLayout, QPageSize
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from jhviewer.ui.main_window import MainWindow
    from jhviewer.ui.settings import Settings

    window = MainWindow(Settings.in_file(tmp_path / "s.ini"), "zh")
    qtbot.addWidget(window)
    assert window.session.load_database(built_db) is None
    out = tmp_path / "printed.pdf"
    seen: dict[str, object] = {}

    def choose(dialog: QPrintDialog) -> int:
        """What a user does in the dialog: Letter, landscape, pages 2-3, print to file."""
        printer = dialog.printer()
        seen["max"] = dialog.maxPage()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(2, 3)
        return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", choose)
    window.printing.print_briefing()
    assert seen["max"] == 14  # the dialog offers the briefing's own pages
    assert _page_sizes(out) == [(792, 612), (792, 612)]  # 2 pages, Letter landscape
    assert oct(out.stat().st_mode & 0o777) == oct(0o666 & ~_umask())
    window.session.close_store()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_print_preview_shows_as_many_pages_as_the_pdf(
    qtbot, built_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget

    from jhviewer.report import BriefingPrinter
    from jhviewer.ui.charts import FIGURE_PAINTER
    from jhviewer.ui.main_window import MainWindow
    from jhviewer.ui.settings import Settings

    counts: list[int] = []

    def look(dialog: QPrintPreviewDialog) -> int:
        preview = dialog.findChild(QPrintPreviewWidget)
        preview.updatePreview()
        counts.append(preview.pageCount())
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", look)
    for lang in ("zh", "en"):
        window = MainWindow(Settings.in_file(tmp_path / f"{lang}.ini"), lang)
        qtbot.addWidget(window)
        assert window.session.load_database(built_db) is None
        window.printing.print_preview()
        with Store.open(built_db) as store:
            pdf = tmp_path / f"{lang}.pdf"
            pages = BriefingPrinter(store, lang, figures=FIGURE_PAINTER).to_pdf(pdf)
        assert counts[-1] == pages == len(PdfReader(pdf).pages)
        window.session.close_store()
    assert len(counts) == 2 and min(counts) > 10  # the full briefings, not the summary


# --- a database name that is not UTF-8 --------------------------------------------------------


def test_a_database_name_that_is_not_utf8_opens_the_window(built_db: Path,
                                                            tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    db = folder + b"/\xbd\xad\xba\xba.db"  # 江汉.db, unzipped from a GBK zip
    with open(built_db, "rb") as source, open(db, "wb") as copy:
        copy.write(source.read())
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(QT_QPA_PLATFORM="offscreen", JHVIEWER_BENCH="1", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    # benchmarks.app_probe runs jhviewer's own entry point and quits after the first paint.
    result = subprocess.run([sys.executable, "-m", "benchmarks.app_probe", "--db", db],
                            capture_output=True, timeout=120, env=env, cwd=REPO_ROOT)
    assert result.returncode == 0, (result.returncode, result.stderr)
    assert result.stdout.startswith(b"first-paint ")
    # File > Recent keeps the real name: reopening it finds the same file.
    from jhviewer.ui.settings import Settings

    conf = next((tmp_path / "config").rglob("*.conf"))
    settings = Settings.in_file(conf)
    assert [os.fsencode(path) for path in settings.recent_files()] == [db]


def test_progress_exports_use_the_one_csv_writer_and_keep_xlsx_text_as_text(
    tmp_path: Path,
) -> None:
    from openpyxl import load_workbook

    from jhviewer.data.progress.files import export_entries, write_template
    from jhviewer.data.progress.model import Entry

    entry = Entry(1, "b", "t", -2.5, "%", "2024-06", "m", None, "=HYPERLINK(\"x\");=1+1",
                  "@who", "2024-06-30T00:00:00Z", None, False)
    out = export_entries(tmp_path / "entries.csv", [entry])
    assert out == 1
    raw = (tmp_path / "entries.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    row = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))[1]
    assert row[3] == "-2.5"  # a number stays a number
    assert row[8] == "'=HYPERLINK(\"x\");'=1+1"
    assert row[9] == "'@who"
    from jhviewer.data.progress.model import Target

    target = Target("b/t", "b", "=1+1", "x", 3.0, None, None, 2024, None)
    write_template(tmp_path / "template.xlsx", [target], {})
    cell = load_workbook(tmp_path / "template.xlsx").active["C2"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")
