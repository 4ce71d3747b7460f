"""The printable briefing (jhviewer.report): A4, embedded fonts, searchable text, layout rules.

PDFs are checked with poppler (pdftotext, pdffonts) and pypdf, as a reader would see them.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

from jhviewer.data.charts import ChartData
from jhviewer.data.errors import ExportError
from jhviewer.data.format import value_number
from jhviewer.data.store import Store
from jhviewer.fonts import bundled_font
from jhviewer.paths import REPO_ROOT
from jhviewer.report import BriefingPrinter, flowables, layout, paginate
from jhviewer.report.printer import page_layout
from tests.uihelpers import CJK

PRINTED = date(2025, 1, 2)
A4_POINTS = (595.28, 841.89)
MM = 72 / 25.4
MARGINS_PT = (18 * MM, 12 * MM, 18 * MM, 12 * MM)  # left, top, right, bottom
MARKUP = "<b>x</b><img src=file:///etc/passwd>"
DEJAVU_ONLY = REPO_ROOT / "tests" / "fontconfig" / "dejavu-only.conf"

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
    reason="poppler-utils (pdftotext, pdffonts) is not installed",
)
pytestmark = needs_poppler


# --- helpers (also used by test_pdf_cli.py and test_print_cups.py) ---------------------------


def pdf_text(path: Path, page: int | None = None) -> str:
    """The text poppler extracts (one page, or all)."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"],
        capture_output=True, text=True, check=True, timeout=60,
    )
    return result.stdout


def stream_text(path: Path) -> str:
    """The text in drawing order (pypdf): a wrapped cell's lines stay together, where
    pdftotext may read a neighbouring column in between."""
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def squeeze(text: str) -> str:
    """Whitespace collapsed, and words broken at a hyphen at a line end joined again."""
    return re.sub(r"-\s+", "-", " ".join(text.split()))


def no_space(text: str) -> str:
    """Chinese lines wrap anywhere, so compare Chinese text with all whitespace removed."""
    return "".join(text.split())


def page_count(path: Path) -> int:
    return len(PdfReader(path).pages)


def fonts_of(path: Path) -> list[tuple[str, str]]:
    """(name, embedded yes/no) of every font, from pdffonts."""
    result = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True, timeout=60
    )
    rows = result.stdout.splitlines()[2:]
    fonts = []
    for row in rows:
        fields = row.split()
        # name type... encoding emb sub uni object-id generation: 'emb' is 5th from the end.
        fonts.append((fields[0], fields[-5]))
    return fonts


def word_boxes(path: Path) -> list[tuple[int, float, float, float, float, str]]:
    """(page, xMin, yMin, xMax, yMax, word) of every word, from pdftotext -bbox."""
    result = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True,
        timeout=60,
    )
    boxes = []
    page = 0
    pattern = re.compile(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
    )
    for line in result.stdout.splitlines():
        if "<page " in line:
            page += 1
        match = pattern.search(line)
        if match:
            x0, y0, x1, y1 = (float(match.group(i)) for i in range(1, 5))
            boxes.append((page, x0, y0, x1, y1, match.group(5)))
    return boxes


def write_pdf(
    store: Store, lang: str, path: Path, summary_only: bool = False, figures: object = None
) -> BriefingPrinter:
    from jhviewer.ui.charts import FIGURE_PAINTER

    printer = BriefingPrinter(
        store, lang, printed_on=PRINTED, figures=figures or FIGURE_PAINTER  # type: ignore[arg-type]
    )
    printer.to_pdf(path, summary_only=summary_only)
    return printer


def tampered_db(source: Path, target: Path, *statements: str) -> Path:
    """A copy of `source` changed by these SQL statements."""
    shutil.copyfile(source, target)
    connection = sqlite3.connect(target)
    try:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()
    return target


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def built_store(built_db: Path) -> Iterator[Store]:
    with Store.open(built_db) as store:
        yield store


@pytest.fixture(scope="session")
def pdfs(qapp, built_store: Store, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The four printouts of the freshly built database, made once."""
    folder = tmp_path_factory.mktemp("pdfs")
    made = {}
    for lang in ("zh", "en"):
        made[f"full-{lang}"] = folder / f"full-{lang}.pdf"
        made[f"summary-{lang}"] = folder / f"summary-{lang}.pdf"
        write_pdf(built_store, lang, made[f"full-{lang}"])
        write_pdf(built_store, lang, made[f"summary-{lang}"], summary_only=True)
    return made


ALL_PDFS = ["full-zh", "full-en", "summary-zh", "summary-en"]


# --- the file ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_PDFS)
def test_every_page_is_a4_portrait(pdfs: dict[str, Path], name: str) -> None:
    for page in PdfReader(pdfs[name]).pages:
        box = page.mediabox
        assert float(box.width) == pytest.approx(A4_POINTS[0], abs=1)
        assert float(box.height) == pytest.approx(A4_POINTS[1], abs=1)


@pytest.mark.parametrize("name", ALL_PDFS)
def test_every_font_is_embedded_and_ours(pdfs: dict[str, Path], name: str) -> None:
    fonts = fonts_of(pdfs[name])
    assert fonts
    assert all(embedded == "yes" for _name, embedded in fonts), fonts
    assert all("JHNotoSansSC" in font for font, _embedded in fonts), fonts
    # The same, read from the PDF objects: each font descriptor carries its font file.
    for page in PdfReader(pdfs[name]).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor_owner = descendants[0].get_object() if descendants else font
            descriptor = descriptor_owner["/FontDescriptor"].get_object()
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys())


@pytest.mark.parametrize("name", ALL_PDFS)
def test_metadata_names_the_briefing(pdfs: dict[str, Path], name: str,
                                     built_store: Store) -> None:
    lang = name.rsplit("-", 1)[1]
    metadata = PdfReader(pdfs[name]).metadata
    briefing = built_store.briefing()
    assert briefing is not None
    assert metadata.title == f"{briefing.district(lang)} · {briefing.title(lang)}"
    assert metadata.creator.startswith("jhviewer ")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_summary_only_is_exactly_one_page(pdfs: dict[str, Path], lang: str) -> None:
    assert page_count(pdfs[f"summary-{lang}"]) == 1
    assert page_count(pdfs[f"full-{lang}"]) > 3


# --- the text ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["full-zh", "summary-zh"])
def test_chinese_text_and_every_target_figure_are_extractable(
    pdfs: dict[str, Path], name: str, built_store: Store
) -> None:
    text = no_space(pdf_text(pdfs[name]))
    assert "数说江汉" in text
    targets = [fact for fact in built_store.targets() if fact.value is not None]
    assert len(targets) > 20
    missing = [value_number(f, "zh") for f in targets if value_number(f, "zh") not in text]
    assert not missing
    for fact in built_store.targets():
        assert no_space(fact.label_zh) in text


@pytest.mark.parametrize("name", ["full-en", "summary-en"])
def test_english_pdf_has_the_english_labels_and_figures(
    pdfs: dict[str, Path], name: str, built_store: Store
) -> None:
    text = squeeze(stream_text(pdfs[name]))
    poppler = squeeze(pdf_text(pdfs[name]))
    for label in ("GDP growth", "Fixed-asset investment growth",
                  "General public budget revenue growth", "Retail sales growth",
                  "Per-capita disposable income", "New regional financial headquarters"):
        assert squeeze(label) in text, label
    for fact in built_store.targets():
        # an empty English label would print the Chinese one, and "" is in any text
        assert fact.label_en.strip() and not CJK.search(fact.label_en), fact.id
        assert squeeze(fact.label_en) in text, fact.label_en
        if fact.value is not None:
            assert value_number(fact, "en") in poppler, value_number(fact, "en")
    for fact in built_store.headline_facts():
        assert fact.label_en.strip() and not CJK.search(fact.label_en), fact.id
        assert squeeze(fact.label_en) in text, fact.label_en
    if name == "full-en":
        for section in built_store.sections():
            assert squeeze(section.title_en) in text
        assert "paraphrased" in text


@pytest.mark.parametrize(
    ("name", "shown", "never"),
    [
        ("summary-zh", ["预计7.4%", "突破400亿元", "600多家", "100人以上", "不少于1万人次",
                        "2023年：预计7.4%"], ["超过600", "不少于100"]),
        ("full-zh", ["全市率先推出", "华中唯一", "处于第一方阵", "全国综合百强区",
                     "中国物流企业50强",
                     "湖北第三家券商", "未注年份", "预计8%以上", "最高100万元", "约300万平方米"],
         ["前100名", "前50名", "前10名", "最高/前"]),
        ("summary-en", ["est. 7.4%", "over CNY 40 billion", "more than 600 institutions",
                        "100 people or more", "at least 10,000 person-times", "100 first stores",
                        "3 stores"], ["organisations", "at least 100 people"]),
        ("full-en", ["first in Wuhan to launch", "the only one in Central China",
                     "in the leading group", "in China's top 100 districts",
                     "in China's top 50 logistics enterprises", "Hubei's third securities firm",
                     "undated", "est. 8% or more", "up to CNY 1 million"],
         ["up to / top", "organisations", "None", "No. 3"]),
    ],
)
def test_printout_shows_claims_estimates_and_qualifiers_as_the_source_does(
    pdfs: dict[str, Path], name: str, shown: list[str], never: list[str]
) -> None:
    if name.endswith("zh"):
        text = no_space(pdf_text(pdfs[name]))
        shown, never = [no_space(s) for s in shown], [no_space(s) for s in never]
    else:
        text = squeeze(stream_text(pdfs[name]))
    assert [s for s in shown if s not in text] == []
    assert [s for s in never if s in text] == []


def test_full_briefing_has_every_fact_and_the_sources(pdfs: dict[str, Path],
                                                      built_store: Store) -> None:
    text = no_space(pdf_text(pdfs["full-zh"]))
    for fact in built_store.facts():
        assert no_space(fact.label_zh) in text, fact.id
    briefing = built_store.briefing()
    assert briefing is not None
    for part in (briefing.publisher_zh, briefing.source_zh, briefing.source_file, "改写"):
        assert no_space(part) in text


def test_same_input_gives_the_same_text(pdfs: dict[str, Path], built_store: Store,
                                        tmp_path: Path) -> None:
    again = tmp_path / "again.pdf"
    write_pdf(built_store, "zh", again)
    assert pdf_text(again) == pdf_text(pdfs["full-zh"])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_has_title_page_number_and_source(
    pdfs: dict[str, Path], lang: str, built_store: Store
) -> None:
    path = pdfs[f"full-{lang}"]
    pages = page_count(path)
    briefing = built_store.briefing()
    assert briefing is not None
    for number in range(1, pages + 1):
        text = no_space(pdf_text(path, number))
        label = f"第{number}页/共{pages}页" if lang == "zh" else f"Page{number}of{pages}"
        assert label in text
        assert no_space(briefing.title(lang)) in text
        about = {"zh": "武汉市江汉区2024年区情简报：2023年成绩与2024年主要目标",
                 "en": "Jianghan District, Wuhan: the 2024 briefing, with 2023 results and "
                       "2024 targets"}[lang]
        assert no_space(f"{about} (jianghan-2024.txt)") in text


def test_date_printed_is_the_one_given(pdfs: dict[str, Path]) -> None:
    assert "2025年1月2日" in no_space(pdf_text(pdfs["summary-zh"]))
    assert "Printed 2 January 2025" in squeeze(pdf_text(pdfs["summary-en"]))


def test_date_printed_defaults_to_today(built_store: Store) -> None:
    printer = BriefingPrinter(built_store, "zh", today=lambda: date(2030, 5, 6))
    title_block = printer.document(summary_only=True).summary[0]
    assert "2030年5月6日" in title_block.printed  # type: ignore[union-attr]


def test_unknown_language_is_refused(built_store: Store) -> None:
    with pytest.raises(ValueError, match="language"):
        BriefingPrinter(built_store, "fr")  # type: ignore[arg-type]


def test_database_text_is_printed_as_plain_text(qapp, built_db: Path, tmp_path: Path) -> None:
    db = tampered_db(
        built_db, tmp_path / "markup.db",
        f"UPDATE facts SET label_zh = '{MARKUP}', label_en = '{MARKUP}' "
        "WHERE id = (SELECT id FROM facts WHERE kind = 'target' ORDER BY position LIMIT 1)",
        f"UPDATE briefings SET title_zh = '{MARKUP}'",
    )
    out = tmp_path / "markup.pdf"
    with Store.open(db) as store:
        write_pdf(store, "zh", out)
    text = pdf_text(out)
    assert text.count(MARKUP) >= 3  # the title block, the headers, the target grid, ...
    for page in PdfReader(out).pages:
        assert not page["/Resources"].get("/XObject"), "an image was embedded"


@pytest.mark.parametrize("name", ["full-zh", "full-en"])
def test_no_text_outside_the_margins(pdfs: dict[str, Path], name: str) -> None:
    left, top, right, bottom = MARGINS_PT
    boxes = word_boxes(pdfs[name])
    assert boxes
    outside = [
        box for box in boxes
        if box[1] < left - 0.5 or box[3] > A4_POINTS[0] - right + 0.5
        or box[2] < top - 0.5 or box[4] > A4_POINTS[1] - bottom + 0.5
    ]
    assert not outside


def test_chinese_prints_on_a_machine_without_cjk_fonts(built_db: Path, tmp_path: Path) -> None:
    assert DEJAVU_ONLY.is_file(), f"{DEJAVU_ONLY} is missing"
    out = tmp_path / "dejavu.pdf"
    env = {key: value for key, value in os.environ.items()
           if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["FONTCONFIG_FILE"] = str(DEJAVU_ONLY)
    result = subprocess.run(
        [sys.executable, "-m", "jhviewer", "pdf", str(out), "--db", str(built_db),
         "--summary-only"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "数说江汉" in no_space(pdf_text(out))
    assert all("JHNotoSansSC" in font for font, _embedded in fonts_of(out))


def test_summary_only_does_not_load_pyqtgraph(built_db: Path, tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from datetime import date\n"
        "from jhviewer.data.store import Store\n"
        "from jhviewer.report import BriefingPrinter\n"
        f"store = Store.open({str(built_db)!r})\n"
        f"BriefingPrinter(store, 'zh').to_pdf({str(tmp_path / 's.pdf')!r}, summary_only=True)\n"
        "print('pyqtgraph' in sys.modules, 'jhviewer.ui.charts' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]


# --- the layout -------------------------------------------------------------------------------


def _layout(store: Store, lang: str, folder: Path, summary_only: bool = False
            ) -> layout.PagedLayout:
    writer = QPdfWriter(str(folder / f"layout-{lang}.pdf"))
    writer.setResolution(1200)
    writer.setPageLayout(page_layout())
    from jhviewer.ui.charts import FIGURE_PAINTER

    printer = BriefingPrinter(
        store, lang, printed_on=PRINTED, figures=FIGURE_PAINTER  # type: ignore[arg-type]
    )
    return printer.layout(writer, summary_only)


def _assert_layout_rules(paged: layout.PagedLayout) -> None:
    body = paged.frame.body_height
    for number, page in enumerate(paged.pages, start=1):
        assert page, f"page {number} is empty"
        for placed in page:
            assert placed.y >= 0
            assert placed.y + placed.flow.height <= body + 1e-6, f"page {number} overflows"
        last = page[-1].flow
        assert not isinstance(last, flowables.HeadingFlow | flowables.TableHeaderFlow), (
            f"page {number} ends with a heading or a table header"
        )
        if number > 1:
            assert not isinstance(page[0].flow, flowables.TableRowFlow), (
                f"page {number} continues a table without its header"
            )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_layout_keeps_headings_rows_and_margins(qapp, built_store: Store, tmp_path: Path,
                                                lang: str) -> None:
    paged = _layout(built_store, lang, tmp_path)
    assert len(paged.pages) > 3
    _assert_layout_rules(paged)
    summary = paged.pages[0]
    assert sum(isinstance(p.flow, flowables.TargetGridFlow) for p in summary) == 1
    assert all(not isinstance(p.flow, flowables.TableRowFlow) for p in summary)


@pytest.mark.slow
def test_hostile_sizes_still_lay_out_within_pages(qapp, built_db: Path, tmp_path: Path) -> None:
    long_word = "W" * 3000
    statements = [
        f"UPDATE facts SET label_en = '{long_word}', label_zh = '{'汉' * 3000}', "
        f"description_zh = '{'长' * 20000}', description_en = '{'long ' * 4000}'",
        "UPDATE briefings SET title_en = '" + "Title " * 500 + "'",
        "CREATE TEMP TABLE extra AS SELECT * FROM facts WHERE kind = 'target'",
    ]
    for copy in range(6):
        statements += [
            f"UPDATE extra SET id = id || '-{copy}'",
            "INSERT INTO facts SELECT * FROM extra",
        ]
    db = tampered_db(built_db, tmp_path / "big.db", *statements)
    with Store.open(db) as store:
        assert len(store.targets()) > 150
        for lang in ("zh", "en"):
            paged = _layout(store, lang, tmp_path)
            _assert_layout_rules(paged)
            out = tmp_path / f"big-{lang}.pdf"
            write_pdf(store, lang, out, summary_only=True)
            left, top, right, bottom = MARGINS_PT
            for _page, x0, y0, x1, y1, _word in word_boxes(out):
                assert left - 0.5 <= x0 and x1 <= A4_POINTS[0] - right + 0.5
                assert top - 0.5 <= y0 and y1 <= A4_POINTS[1] - bottom + 0.5


def test_paginate_moves_a_heading_with_what_follows() -> None:
    def block(height: float, keep: bool = False) -> paginate.Flowable:
        flow = paginate.Flowable()
        flow.height = height
        flow.keep_with_next = keep
        return flow

    heading, paragraph = block(10, keep=True), block(30)
    pages = paginate.paginate([block(60), heading, paragraph], body_height=95)
    assert [len(page) for page in pages] == [1, 2]
    assert pages[1][0].flow is heading


def test_paginate_repeats_a_table_header() -> None:
    header = paginate.Flowable()
    header.height = 5
    header.keep_with_next = True
    rows = []
    for _ in range(5):
        row = paginate.Flowable()
        row.height = 20
        row.repeat = header
        rows.append(row)
    pages = paginate.paginate([header, *rows], body_height=50)
    assert all(page[0].flow is header for page in pages)
    assert sum(len(page) for page in pages) == 5 + len(pages)


# --- charts ------------------------------------------------------------------------------------


class FakeFigures:
    """A chart painter that writes each chart's id, and fails for the ids in `fail`."""

    canvas_width = 480.0

    def __init__(self, fail: set[str] | None = None) -> None:
        self.fail = fail or set()

    def height(self, width: float) -> float:
        return width * 0.5

    def paint(self, data: ChartData, painter: QPainter, rect: QRectF) -> None:
        if data.chart_id in self.fail:
            raise RuntimeError("boom")
        painter.setFont(bundled_font(10))
        painter.drawRect(rect.adjusted(2, 2, -2, -2))
        painter.drawText(QPointF(rect.left() + 20, rect.top() + 40), f"FAKE-{data.chart_id}")


def test_charts_are_painted_by_the_painter_handed_in(qapp, built_store: Store,
                                                     tmp_path: Path) -> None:
    out = tmp_path / "charts.pdf"
    printer = write_pdf(built_store, "zh", out, figures=FakeFigures())
    text = pdf_text(out)
    assert "图表" in text
    assert "FAKE-targets-growth" in text and "FAKE-gdp-growth-series" in text
    assert printer.chart_failures == []
    assert all(embedded == "yes" for _font, embedded in fonts_of(out))


def test_a_broken_chart_fails_the_pdf_and_keeps_the_old_file(
    qapp, built_store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "broken.pdf"
    out.write_bytes(b"%PDF old")
    with pytest.raises(ExportError, match="energy-savings: RuntimeError: boom"):
        write_pdf(built_store, "en", out, figures=FakeFigures(fail={"energy-savings"}))
    assert out.read_bytes() == b"%PDF old"


def test_a_full_printout_without_a_chart_painter_is_an_error(
    qapp, built_store: Store, tmp_path: Path
) -> None:
    printer = BriefingPrinter(built_store, "zh", printed_on=PRINTED)
    with pytest.raises(ExportError, match="no chart painter"):
        printer.to_pdf(tmp_path / "nocharts.pdf")
    assert not (tmp_path / "nocharts.pdf").exists()
    assert printer.to_pdf(tmp_path / "summary.pdf", summary_only=True) == 1


def test_the_real_charts_print_without_failures(qapp, built_store: Store,
                                                tmp_path: Path) -> None:
    printer = write_pdf(built_store, "en", tmp_path / "real.pdf")
    assert printer.chart_failures == []
    text = squeeze(pdf_text(tmp_path / "real.pdf"))
    assert "GDP growth: results and targets by year" in text


# --- printers ----------------------------------------------------------------------------------


def test_to_printer_prints_a4_through_qprinter(qapp, built_store: Store, tmp_path: Path) -> None:
    qprinter = QPrinter(QPrinter.PrinterMode.HighResolution)
    qprinter.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    qprinter.setOutputFileName(str(tmp_path / "printer.pdf"))
    pages = BriefingPrinter(built_store, "zh", printed_on=PRINTED).to_printer(
        qprinter, summary_only=True
    )
    assert pages == 1
    path = tmp_path / "printer.pdf"
    assert page_count(path) == 1
    box = PdfReader(path).pages[0].mediabox
    assert float(box.width) == pytest.approx(A4_POINTS[0], abs=1)
    assert "数说江汉" in no_space(pdf_text(path))


def test_print_preview_pages_come_from_paint_requested(qapp, built_store: Store) -> None:
    from jhviewer.ui.charts import FIGURE_PAINTER

    printer = BriefingPrinter(built_store, "en", printed_on=PRINTED, summary_only=True,
                              figures=FIGURE_PAINTER)
    qprinter = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.configure(qprinter)
    preview = QPrintPreviewWidget(qprinter)
    preview.paintRequested.connect(printer.paint_requested)
    preview.updatePreview()
    assert preview.pageCount() == 1
    printer.summary_only = False
    preview.updatePreview()
    assert preview.pageCount() > 3
    preview.deleteLater()


def test_the_paginator_needs_no_qt() -> None:
    code = ("import sys, jhviewer.report.paginate\n"
            "print(sorted(m for m in sys.modules if m.startswith('PySide6')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
