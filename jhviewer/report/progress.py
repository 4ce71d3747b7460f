"""The progress report: an A4 printout of every target's status, for a meeting.

    report = ProgressReport(store, results, entries, "zh", location="progress.db")
    report.to_pdf("progress.pdf")
    report.to_printer(qprinter)            # or preview.paintRequested -> paint_requested

Page 1 opens with the tally ("18 of 27 on track or achieved"), then one row per target,
grouped as in the targets summary: the target, the latest actual and its as-of date, the status
(symbol, word and colour) with its one-line reason, the source note, and a small chart of
the entries against the target line and the linear path. Same fonts, running header and
footer, pagination and all-or-nothing writing as the briefing (report/layout.py and its flowables,
report/printer.py). Figures come from the progress database; rules from
jhviewer/data/progress/status.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPagedPaintDevice, QPainter, QPainterPath, QPdfWriter, QPen
from PySide6.QtPrintSupport import QPrinter

from jhviewer.data.atomic import write_bytes
from jhviewer.data.errors import ExportError
from jhviewer.data.progress.model import (
    STATUS_COLOURS,
    STATUS_SYMBOLS,
    Entry,
    ProgressInputError,
    convert,
    status_name,
    year_elapsed,
)
from jhviewer.data.progress.status import (
    TOLERANCE_POINTS,
    TargetStatus,
    amount_text,
    tally,
    target_text,
)
from jhviewer.data.records import Briefing, Lang, Unit
from jhviewer.data.store import Store
from jhviewer.report import content as model
from jhviewer.report.flowables import TableHeaderFlow, TableRowFlow
from jhviewer.report.layout import PagedLayout
from jhviewer.report.paginate import Flowable
from jhviewer.report.printer import PDF_DPI, _creator, _prepare_qt, page_layout, pdf_complete
from jhviewer.report.typeset import (
    CELL,
    CELL_BOLD,
    CELL_NOTE,
    LEFT,
    MUTED,
    RULE,
    Style,
    Text,
    Units,
)

TEXT: dict[str, tuple[str, str]] = {
    "kind": ("目标进度", "Target progress"),
    "title": ("{title} · 进度报告", "{title}: progress report"),
    "tally": ("{total}项目标中{good}项进度正常或已完成", "{good} of {total} targets on track or "
              "achieved"),
    "counts": ("已完成{achieved}项 · 进度正常{on_track}项 · 进度滞后{behind}项 · 暂无数据{none}项",
               "Achieved {achieved} · on track {on_track} · behind {behind} · no data {none}"),
    "database": ("进度数据库：{location}", "Progress database: {location}"),
    "rule": (
        "判定规则：累计类目标达到目标值即为已完成；否则按完成比例与截至日期已过的全年时间比例比较，"
        "落后不超过{tol}个百分点为进度正常。增速类目标比较累计增速与目标增速。定性目标由填报人设定状态。"
        "只依据最新一条记录，不外推。",
        "How statuses are set: a count or amount is achieved when it reaches the target; "
        "otherwise it is on track if its share of the target is no more than {tol} points "
        "behind the share of the year gone at its as-of date. A growth rate is compared with "
        "the target rate. A target without a number has the status its reporter set. Only the "
        "latest entry counts; nothing is extrapolated.",
    ),
    "group": ("第{number}组", "Group {number}"),
    "col_target": ("目标", "Target"),
    "col_actual": ("最新完成 · 截至", "Latest actual · as of"),
    "col_status": ("状态与依据", "Status and why"),
    "col_note": ("来源说明", "Source note"),
    "col_chart": ("走势", "Trend"),
    "none": ("—", "—"),
}
COLUMNS = (0.22, 0.15, 0.33, 0.14, 0.16)


def _text(key: str, lang: Lang, **fields: object) -> str:
    zh, en = TEXT[key]
    template = zh if lang == "zh" else en
    return template.format(**fields) if fields else template


@dataclass(frozen=True)
class ProgressRow:
    """One target's line in the report; `points` are (month 0–12, value in target unit)."""

    label: str
    target: str
    actual: str
    as_of: str
    status: str
    status_text: str
    reason: str
    note: str
    points: tuple[tuple[float, float], ...]
    goal: float | None
    linear: bool


@dataclass(frozen=True)
class ProgressTable:
    rows: tuple[ProgressRow, ...]


def build_progress_document(
    store: Store, results: Sequence[TargetStatus], entries: Sequence[Entry], lang: Lang,
    printed_on: date, location: str = "",
) -> model.ReportDocument:
    """The report as the briefing's document model plus `ProgressTable` elements."""
    briefing = store.briefing(results[0].target.briefing_id if results else None)
    clean = model.clean
    district = clean(briefing.district(lang)) if briefing else ""
    targets_title = _targets_title(store, briefing, lang) if briefing else ""
    good, total = tally(results)
    counts = {code: sum(r.status == code for r in results)
              for code in ("achieved", "on_track", "behind", "no_data")}
    kicker = " · ".join(part for part in (
        district, clean(briefing.city(lang)) if briefing else "", _text("kind", lang)) if part)
    title = _text("title", lang, title=targets_title)
    block = model.TitleBlock(
        kicker=kicker, title=title, printed=model.printed_date(printed_on, lang),
        lines=(_text("tally", lang, good=good, total=total),
               _text("counts", lang, achieved=counts["achieved"], on_track=counts["on_track"],
                     behind=counts["behind"], none=counts["no_data"]),
               _text("database", lang, location=clean(location)) if location else ""),
        lead=_text("rule", lang, tol=int(TOLERANCE_POINTS)),
    )
    units = store.units()
    by_target: dict[str, list[Entry]] = {}
    for entry in entries:
        by_target.setdefault(entry.target_id, []).append(entry)
    elements: list[model.Element] = [block]
    groups: dict[int | None, list[ProgressRow]] = {}
    for result in results:
        groups.setdefault(result.target.group, []).append(
            _row(result, by_target.get(result.target.id, []), units, lang))
    for number, rows in groups.items():
        elements.append(model.Heading(_text("group", lang, number=number or "·"), 1))
        elements.append(ProgressTable(tuple(rows)))  # type: ignore[arg-type]
    year = briefing.year if briefing else printed_on.year
    header = f"{district} · {title}" if district else title
    # The briefing's own footer line, as its printout has it.
    footer = (f"{clean(briefing.about(lang))} ({clean(briefing.source_file)})"
              if briefing else "")
    return model.ReportDocument(
        lang=lang, title=title, header_left=header,
        header_right=f"{_text('kind', lang)} · {model.text('year', lang, year=year)}",
        footer_left=footer, summary=tuple(elements),
    )


def _targets_title(store: Store, briefing: Briefing, lang: Lang) -> str:
    """The briefing's own name for its targets summary (the briefing's name for it)."""
    del store
    return model.clean(briefing.targets_title(lang)) or _text("col_target", lang)


def _row(result: TargetStatus, entries: list[Entry], units: dict[str, Unit],
         lang: Lang) -> ProgressRow:
    clean = model.clean
    target, latest = result.target, result.latest
    none = _text("none", lang)
    goal = none if target.value is None else target_text(target, lang)
    actual = none
    if result.actual is not None:
        actual = amount_text(result.actual, target.unit, lang, target.noun_en)
    elif latest is not None and latest.status:
        actual = status_name(latest.status, lang)
    points: list[tuple[float, float]] = []
    if target.unit is not None and target.value is not None:
        for entry in entries:
            if entry.retracted or entry.value is None:
                continue
            try:
                value = convert(entry.value, units.get(entry.unit or "", target.unit),
                                target.unit)
            except ProgressInputError:
                continue
            points.append((year_elapsed(entry.as_of) * 12, value))
    return ProgressRow(
        label=clean(target.label(lang)), target=goal, actual=actual,
        as_of=latest.as_of if latest else none, status=result.status,
        status_text=f"{STATUS_SYMBOLS[result.status]} {status_name(result.status, lang)}",
        reason=clean(result.reason(lang), 300), note=clean(latest.note) if latest else "",
        points=tuple(sorted(points)), goal=target.value, linear=target.measure == "cumulative",
    )


class ProgressRowFlow(TableRowFlow):
    """A table row whose last column is a small chart of the target's entries."""

    def __init__(self, units: Units, row: ProgressRow, widths: Sequence[float],
                 pad: tuple[float, float], header: Flowable) -> None:
        inner = [w - 2 * pad[0] for w in widths]
        status_style = Style(8.5, True, QColor(STATUS_COLOURS[row.status]))
        cells = (
            (Text(units, row.label, CELL_BOLD, inner[0]),
             Text(units, row.target, CELL_NOTE, inner[0])),
            (Text(units, row.actual, CELL_BOLD, inner[1]),
             Text(units, row.as_of, CELL_NOTE, inner[1])),
            (Text(units, row.status_text, status_style, inner[2]),
             Text(units, row.reason, CELL_NOTE, inner[2])),
            (Text(units, row.note, CELL, inner[3]),),
            (Text(units, "", CELL, inner[4]),),
        )
        super().__init__(units, cells, widths, pad, header)
        self.row = row
        self.chart_height = units.mm(11)
        self.height = max(self.height, self.chart_height + 2 * pad[1])

    def draw(self, painter: QPainter, x: float, y: float) -> None:
        super().draw(painter, x, y)
        row = self.row
        if row.goal is None:
            return
        left = x + sum(self.widths[:-1]) + self.pad[0]
        rect = QRectF(left, y + self.pad[1], self.widths[-1] - 2 * self.pad[0],
                      self.chart_height)
        _sparkline(painter, rect, row, self.units)


def _sparkline(painter: QPainter, rect: QRectF, row: ProgressRow, units: Units) -> None:
    assert row.goal is not None
    values = [value for _, value in row.points]
    top = max([row.goal, *values]) * 1.08 or 1.0
    low = min([0.0, *values])
    span = (top - low) or 1.0

    def at(month: float, value: float) -> QPointF:
        return QPointF(rect.left() + rect.width() * month / 12,
                       rect.bottom() - rect.height() * (value - low) / span)

    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(RULE, units.pt(0.5)))
    painter.drawLine(rect.bottomLeft(), rect.bottomRight())
    goal_pen = QPen(MUTED, units.pt(0.7), Qt.PenStyle.DashLine)
    painter.setPen(goal_pen)
    painter.drawLine(at(0, row.goal), at(12, row.goal))
    if row.linear:
        painter.setPen(QPen(RULE, units.pt(0.7), Qt.PenStyle.DotLine))
        painter.drawLine(at(0, 0), at(12, row.goal))
    colour = QColor(STATUS_COLOURS[row.status])
    if row.points:
        path = QPainterPath(at(*row.points[0]))
        for point in row.points[1:]:
            path.lineTo(at(*point))
        painter.setPen(QPen(colour, units.pt(1.2)))
        painter.drawPath(path)
        painter.setBrush(colour)
        painter.setPen(Qt.PenStyle.NoPen)
        radius = units.pt(1.6)
        for point in row.points:
            painter.drawEllipse(at(*point), radius, radius)
    painter.restore()


class ProgressLayout(PagedLayout):
    """The briefing's layout, taught to lay out a `ProgressTable`."""

    def _summary_flows(self) -> list[Flowable]:
        return self._flows(self.document.summary)

    def _flows(self, elements: Sequence[model.Element]) -> list[Flowable]:
        flows: list[Flowable] = []
        for element in elements:
            if isinstance(element, ProgressTable):
                flows += self._table(element)
            else:
                flows += super()._flows((element,))
        return flows

    def _table(self, table: ProgressTable) -> list[Flowable]:
        units, width = self.units, self.frame.width
        lang = self.document.lang
        widths = [width * share for share in COLUMNS]
        pad = (units.mm(1.2), units.mm(1.2))
        headers = [_text(key, lang) for key in
                   ("col_target", "col_actual", "col_status", "col_note", "col_chart")]
        header = TableHeaderFlow(units, headers, widths, [LEFT] * 5, pad)
        flows: list[Flowable] = [header]
        flows += [ProgressRowFlow(units, row, widths, pad, header) for row in table.rows]
        return flows


class ProgressReport:
    """Prints a briefing's progress in one language ('zh' or 'en')."""

    def __init__(self, store: Store, results: Sequence[TargetStatus], entries: Sequence[Entry],
                 lang: Lang = "zh", *, location: str = "",
                 printed_on: date | None = None) -> None:
        self.store = store
        self.lang: Lang = lang
        self.document = build_progress_document(
            store, results, entries, lang, printed_on or date.today(), location)

    @property
    def title(self) -> str:
        return self.document.title

    def render(self, device: QPagedPaintDevice) -> int:
        _prepare_qt()
        layout = ProgressLayout(self.document, device)
        painter = QPainter()
        if not painter.begin(device):
            raise ExportError("Could not start printing (the output could not be opened).")
        try:
            layout.paint(painter, device)
        finally:
            painter.end()
        return layout.page_count

    def to_pdf(self, path: Path | str) -> int:
        """Write an A4 PDF all-or-nothing; returns the number of pages.

        Made in memory and written through `jhviewer.data.atomic.write_bytes` (Qt's PDF writer
        does not report a failed write); raises WriteError, nothing changed, on failure.
        """
        _prepare_qt()
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setResolution(PDF_DPI)
        writer.setPageLayout(page_layout())
        writer.setTitle(self.title)
        writer.setCreator(_creator())
        try:
            pages = self.render(writer)
        finally:
            del writer  # finishes the document into the buffer
        write_bytes(Path(path), bytes(buffer.data().data()), verify=pdf_complete)
        return pages

    def to_printer(self, printer: QPrinter) -> int:
        printer.setPageLayout(page_layout())
        printer.setFullPage(False)
        printer.setDocName(self.title)
        if printer.outputFormat() == QPrinter.OutputFormat.NativeFormat and not printer.isValid():
            raise ExportError(
                "The printer {name} is not available.", name=printer.printerName()
            )
        return self.render(printer)

    def paint_requested(self, printer: QPrinter) -> None:
        """For QPrintPreviewDialog.paintRequested."""
        self.render(printer)
