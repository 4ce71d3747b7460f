"""Presentation mode for a meeting room: the briefing one screenful at a time.

A presentation clicker sends PageDown and PageUp (some send the arrow keys): they step
through the briefing. The steps come from the open briefing's data, nothing here names a
district or a fact: the Overview (district, title, headline figures), then each group of
the targets summary (the source's numbered groups, `store.targets()`, under the
briefing's own name for it), then each chart the briefing declares (`store.charts()`).
Type is sized from the screen, so each step fits it whole at any projector size, without
scrollbars; a step that would not fit is set smaller.

Keys: PageDown, Right, Down, Space: next step. PageUp, Left, Up, Backspace: previous.
Home, End: first, last. B (or the full stop, which clickers send for "blank"): a black
screen; any key brings the step back. Esc leaves presentation mode (the window listens to
`leave_requested`). The bottom line shows the source and where we are ("5 / 18").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from jhviewer.data.charts import chart_data
from jhviewer.data.format import display_value, figure_parts
from jhviewer.data.records import ChartSpec, Fact, Lang
from jhviewer.data.store import Store
from jhviewer.fonts import bundled_font
from jhviewer.ui import style
from jhviewer.ui.i18n import translate
from jhviewer.ui.models import answers
from jhviewer.ui.targets_panel import group_targets
from jhviewer.ui.text import plain_label, source_reference

if TYPE_CHECKING:
    from jhviewer.ui.charts import FigureType

# Text sizes as fractions of the screen's height: a 1080-line projector sets body text
# at 34 px, so it reads from the back of a meeting room.
BODY = 1 / 32
SMALL = 1 / 42
HEADING = 1 / 17
FIGURE = 1 / 13
HEADLINES_PER_STEP = 8
MIN_FIT = 0.55  # never set type smaller than this share of the sizes above
CARD_BORDER = 1

NEXT_KEYS = (Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Space)
PREVIOUS_KEYS = (Qt.Key.Key_PageUp, Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_Backspace)
BLANK_KEYS = (Qt.Key.Key_B, Qt.Key.Key_Period)


@dataclass(frozen=True)
class Step:
    """One screenful: what it shows (for the tests and the accessible name) and its builder."""

    kind: str  # "overview", "targets" or "chart"
    name: str
    build: Callable[[float], QWidget]  # the step's widget with type at this share of full size


def _font(pixels: float, bold: bool = False) -> QFont:
    font = bundled_font(10, bold)
    font.setPixelSize(max(8, round(pixels)))
    return font


def figure_lines(text: str, metrics: QFontMetricsF, width: float) -> list[str]:
    """`text` broken at its spaces into lines no wider than `width` (in the units of
    `metrics`), as few as can be; a single word wider than `width` keeps a line of its own.
    "CNY 40 billion" in a narrow card: ["CNY 40", "billion"]."""
    lines: list[str] = []
    for word in text.split(" "):
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and metrics.horizontalAdvance(joined) <= width:
            lines[-1] = joined
        else:
            lines.append(word)
    return lines or [""]


class StepBuilder:
    """Makes the steps of one briefing in one language, sized for a screen of `height`
    whose steps have `width` pixels across (the view less its margins)."""

    def __init__(self, store: Store, lang: Lang, height: int, width: int | None = None) -> None:
        self.store = store
        self.lang = lang
        self.height = height
        self.width = width if width is not None else round(height * 16 / 9)
        # Each chart's fit at a size, found once: stepping back to a chart skips the search.
        self.chart_fits: dict[tuple[str, int, int], float] = {}

    def px(self, share: float, fit: float) -> float:
        return self.height * share * fit

    def label(self, text: str, share: float, fit: float, bold: bool = False,
              wrap: bool = True) -> QLabel:
        label = plain_label(text)
        label.setFont(_font(self.px(share, fit), bold))
        label.setWordWrap(wrap)
        return label

    def steps(self) -> list[Step]:
        store, lang = self.store, self.lang
        briefing = store.briefing()
        if briefing is None:
            return []
        steps: list[Step] = []
        headlines = store.headline_facts(briefing.id)
        chunks = [headlines[i:i + HEADLINES_PER_STEP]
                  for i in range(0, len(headlines), HEADLINES_PER_STEP)] or [[]]
        for chunk in chunks:
            steps.append(Step("overview", briefing.title(lang),
                              lambda fit, facts=chunk: self.overview(facts, fit)))
        groups = group_targets(answers(store).targets)
        count = len(groups)
        for number, facts in groups:
            name = f"{self.targets_title()} {number or ''}".strip()
            steps.append(Step(
                "targets", name, lambda fit, n=number, f=facts: self.targets(n, f, count, fit)
            ))
        for spec in store.charts(briefing.id):
            steps.append(Step(
                "chart", spec.title(lang),
                lambda _fit, chart=spec: ChartStep(store, chart, lang, self.height, self.chart_fits)
            ))
        return steps

    def targets_title(self) -> str:
        """The briefing's own name for its targets summary (from the briefing file)."""
        briefing = self.store.briefing()
        return briefing.targets_title(self.lang) if briefing else ""

    # --- the kinds of step -------------------------------------------------------------

    def overview(self, facts: list[Fact], fit: float) -> QWidget:
        briefing = self.store.briefing()
        assert briefing is not None
        lang = self.lang
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setSpacing(round(self.px(SMALL, fit) * 0.6))
        eyebrow = f"{briefing.district(lang)} · {briefing.city(lang)} · {briefing.year}"
        layout.addWidget(style.accent(self.label(eyebrow, BODY, fit, bold=True)))
        layout.addWidget(self.label(briefing.title(lang), HEADING * 1.2, fit, bold=True))
        layout.addWidget(style.muted(self.label(briefing.publisher(lang), BODY, fit)))
        layout.addSpacing(round(self.px(BODY, fit)))
        layout.addLayout(self.card_grid(facts, fit, columns=4, earlier={}))
        layout.addStretch(1)
        return page

    def targets(self, number: int | None, facts: list[Fact], count: int, fit: float) -> QWidget:
        briefing = self.store.briefing()
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setSpacing(round(self.px(SMALL, fit) * 0.6))
        year = briefing.year if briefing else ""
        eyebrow = translate(
            "Presentation", "Targets for {year} · group {number} of {count}"
        ).format(year=year, number=number if number is not None else "·", count=count)
        layout.addWidget(style.accent(self.label(eyebrow, BODY, fit, bold=True)))
        layout.addWidget(self.label(self.targets_title(), HEADING, fit, bold=True))
        layout.addSpacing(round(self.px(BODY, fit)))
        columns = 2 if len(facts) <= 4 else 3
        layout.addLayout(self.card_grid(facts, fit, columns, answers(self.store).earlier_results))
        layout.addStretch(1)
        return page

    def card_grid(
        self, facts: list[Fact], fit: float, columns: int, earlier: dict[str, Fact]
    ) -> QGridLayout:
        grid = QGridLayout()
        gap = round(self.px(SMALL, fit))
        grid.setHorizontalSpacing(gap)
        grid.setVerticalSpacing(gap)
        columns = max(1, min(columns, len(facts)))
        inner = (self.width - (columns - 1) * gap) // columns - 2 * (self.pad(fit) + CARD_BORDER)
        size = self.figure_size(facts, fit, inner)
        for index, fact in enumerate(facts):
            grid.addWidget(self.card(fact, earlier.get(fact.id), fit, size, inner),
                           index // columns, index % columns)
        for column in range(columns):
            grid.setColumnStretch(column, 1)
        return grid

    def pad(self, fit: float) -> int:
        """A card's inner margin."""
        return round(self.px(SMALL, fit) * 0.8)

    def figure_size(self, facts: list[Fact], fit: float, width: int) -> int:
        """The one pixel size for every figure of a step: the largest (up to FIGURE, down
        to body text) at which each figure, broken at its spaces if need be, and its unit
        beside it fit a card `width` pixels wide. Qualifier and unit words are body text."""
        words = QFontMetricsF(_font(self.px(BODY, fit)))
        gap = self.px(SMALL, fit) * 0.3
        size = round(self.px(FIGURE, fit))
        floor = round(self.px(BODY, fit))
        while size > floor:
            metrics = QFontMetricsF(_font(size, True))
            if all(self._figure_fits(fact, metrics, words, gap, width) for fact in facts):
                break
            size -= 1
        return size

    def _figure_fits(self, fact: Fact, metrics: QFontMetricsF, words: QFontMetricsF,
                     gap: float, width: int) -> bool:
        if fact.value is None:
            return True
        parts = figure_parts(fact, self.lang)
        lines = figure_lines(parts.number, metrics, width)
        if any(metrics.horizontalAdvance(line) > width for line in lines):
            return False
        last = metrics.horizontalAdvance(lines[-1])
        return not parts.after or last + gap + words.horizontalAdvance(parts.after) <= width

    def card(self, fact: Fact, result: Fact | None, fit: float, size: int, width: int) -> QFrame:
        lang = self.lang
        frame = QFrame()
        frame.setObjectName("presentation-card")
        frame.setAccessibleName(fact.label(lang))
        frame.setStyleSheet(
            "QFrame#presentation-card { background-color: palette(base);"
            f" border: {CARD_BORDER}px solid palette(mid); border-radius: 12px; }}"
        )
        layout = QVBoxLayout(frame)
        pad = self.pad(fit)
        layout.setContentsMargins(pad, pad, pad, pad)
        layout.setSpacing(round(pad * 0.3))
        layout.addWidget(self.label(fact.label(lang), BODY, fit, bold=True))
        layout.addStretch(1)
        if fact.value is None:
            layout.addWidget(style.muted(self.label(fact.description(lang), SMALL, fit)))
        else:
            self.figure(fact, layout, fit, size, width)
        if result is not None:
            text = translate("Targets", "{year} result: {value}").format(
                year=result.year, value=display_value(result, lang)
            )
            layout.addWidget(style.muted(self.label(text, SMALL, fit)))
        return frame

    def figure(self, fact: Fact, layout: QVBoxLayout, fit: float, size: int,
               width: int) -> None:
        """The qualifier ('more than', '预计') on a line of its own, then the figure at the
        step's one `size`, its unit beside it on the figure's baseline."""
        parts = figure_parts(fact, self.lang)
        if parts.before:
            qualifier = style.muted(self.label(parts.before, BODY, fit))
            qualifier.setObjectName("presentation-qualifier")
            layout.addWidget(qualifier)
        font = _font(size, True)
        figure = plain_label("\n".join(figure_lines(parts.number, QFontMetricsF(font), width)))
        figure.setFont(font)
        figure.setObjectName("presentation-figure")
        figure.setAccessibleName(display_value(fact, self.lang))
        row = QHBoxLayout()
        row.setSpacing(round(self.px(SMALL, fit) * 0.3))
        row.addWidget(style.accent(figure), 0, Qt.AlignmentFlag.AlignBottom)
        if parts.after:
            unit = self.label(parts.after, BODY, fit)
            unit.setObjectName("presentation-unit")
            descent = figure.fontMetrics().descent() - unit.fontMetrics().descent()
            unit.setContentsMargins(0, 0, 0, max(0, descent))  # on the figure's baseline
            row.addWidget(unit, 1, Qt.AlignmentFlag.AlignBottom)
        else:
            row.addStretch(1)
        layout.addLayout(row)


class ChartStep(QWidget):
    """A chart drawn to fill the screen (the charts module's whole figure, in screen
    colours), redrawn when the size changes.

    Its type is set for the room like the other steps': axis labels and bar names at body
    size, the title at about heading size, all from the screen's `height`; a chart whose
    names or values would not show whole at that size is set smaller (down to MIN_FIT)."""

    def __init__(self, store: Store, spec: ChartSpec, lang: Lang, height: int,
                 fits: dict[tuple[str, int, int], float] | None = None) -> None:
        super().__init__()
        self.setObjectName("presentation-chart")
        self.spec_id = spec.id
        self.data = chart_data(store, spec, lang)
        self.setAccessibleName(self.data.title)
        self.screen_height = height
        self.fit = 1.0
        self._fits = fits if fits is not None else {}
        self._pixmap: QPixmap | None = None

    def minimumSizeHint(self) -> QSize:
        return QSize(0, 0)

    def figure_type(self, size: QSize) -> FigureType:
        """The figure's canvas and type for a step of `size` (see the class)."""
        from jhviewer.ui import charts  # pyqtgraph: only once a chart is shown

        colours = charts.screen_colours(self.palette())
        canvas = QSizeF(size)
        key = (self.spec_id, size.width(), size.height())
        fit = self._fits.get(key, 1.0)
        while True:
            figure = charts.FigureType(
                width=max(1, size.width()),
                text=self.screen_height * BODY * fit / charts.TICK_PIXELS,
                margin=round(self.screen_height * SMALL * 0.8),
            )
            if key in self._fits or self.data.empty or fit <= MIN_FIT:
                break
            area = charts.plot_area(self.data, canvas, figure)
            if not charts.plot_layout(self.data, colours, area.size(), figure.text).problems():
                break
            fit = max(MIN_FIT, fit - 0.08)
        self.fit = self._fits[key] = fit
        return figure

    def paintEvent(self, _event: QPaintEvent) -> None:
        from jhviewer.ui import charts

        ratio = self.devicePixelRatioF()
        size = self.size()
        if self._pixmap is None or self._pixmap.size() != size * ratio:
            pixmap = QPixmap(size * ratio)
            pixmap.setDevicePixelRatio(ratio)
            colours = charts.screen_colours(self.palette())
            pixmap.fill(colours.background)
            painter = QPainter(pixmap)
            charts.paint_figure(self.data, painter, QRectF(0, 0, size.width(), size.height()),
                                colours, self.figure_type(size))
            painter.end()
            self._pixmap = pixmap
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._pixmap)
        painter.end()


class PresentationView(QWidget):
    """The steps of the open briefing, one at a time, with the keys above."""

    leave_requested = Signal()
    step_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presentation")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoFillBackground(True)
        self._store: Store | None = None
        self._lang: Lang = "zh"
        self.steps: list[Step] = []
        self.index = 0
        self.fit = 1.0
        self.page: QWidget | None = None
        self.stage = QWidget()
        self.stage.setObjectName("presentation-stage")
        self._stage_layout = QVBoxLayout(self.stage)
        self._stage_layout.setContentsMargins(0, 0, 0, 0)
        self.source = style.muted(plain_label())
        self.source.setObjectName("presentation-source")
        self.position = style.muted(plain_label())
        self.position.setObjectName("presentation-position")
        self.position.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        footer = QHBoxLayout()
        footer.addWidget(self.source, 1)
        footer.addWidget(self.position)
        content = QWidget()
        self._content_layout = QVBoxLayout(content)
        self._content_layout.addWidget(self.stage, 1)
        self._content_layout.addLayout(footer)
        self.blank = QWidget()
        self.blank.setObjectName("presentation-blank")
        self.blank.setAutoFillBackground(True)
        palette = self.blank.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("#000000"))
        self.blank.setPalette(palette)
        self._stack = QStackedLayout(self)
        # Alone on screen (jhviewer snapshot --presentation) its size follows the screen,
        # not its contents.
        self._stack.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._stack.addWidget(content)
        self._stack.addWidget(self.blank)

    # --- state -------------------------------------------------------------------------

    def start(self, store: Store | None, lang: Lang, index: int = 0) -> None:
        """Show the steps of `store` in `lang` from step `index`."""
        self._store, self._lang = store, lang
        self.steps = StepBuilder(
            store, lang, self._screen_height(), self._stage_size().width()
        ).steps() if store else []
        self.index = max(0, min(index, len(self.steps) - 1))
        self._stack.setCurrentIndex(0)
        self._show()

    def _screen_height(self) -> int:
        return max(360, self.height())

    def is_blank(self) -> bool:
        return self._stack.currentIndex() == 1

    def go(self, index: int) -> None:
        if self.steps and 0 <= index < len(self.steps) and index != self.index:
            self.index = index
            self._show()

    def _show(self) -> None:
        if self.page is not None:
            self._stage_layout.removeWidget(self.page)
            self.page.setParent(None)
            self.page.deleteLater()
            self.page = None
        height = self._screen_height()
        margin = round(height / 24)
        self._content_layout.setContentsMargins(margin, margin, margin, round(margin * 0.6))
        footer_font = _font(height * SMALL)
        self.source.setFont(footer_font)
        self.position.setFont(footer_font)
        briefing = self._store.briefing() if self._store is not None else None
        self.source.setText(translate("Presentation", "Source: {source}").format(
            source=source_reference(briefing.publisher(self._lang), briefing.title(self._lang),
                                    self._lang)
        ) if briefing else "")
        if not self.steps:
            self.position.setText("")
            self.page = plain_label(translate("Presentation", "No briefing is open."))
            self.page.setFont(_font(height * BODY))
            self._stage_layout.addWidget(self.page)
            return
        step = self.steps[self.index]
        self.source.setVisible(step.kind != "chart")  # a chart draws its own source line
        self.position.setText(f"{self.index + 1} / {len(self.steps)}")
        self.position.setAccessibleName(
            translate("Presentation", "Step {number} of {count}").format(
                number=self.index + 1, count=len(self.steps))
        )
        self.page = self._fitted(step)
        self.page.setAccessibleName(step.name)
        self._stage_layout.addWidget(self.page)
        self.step_changed.emit(self.index)

    def _fitted(self, step: Step) -> QWidget:
        """The step's widget with the largest type (down to MIN_FIT) that fits the stage."""
        stage = self._stage_size()
        fit = 1.0
        while True:
            page = step.build(fit)
            layout = page.layout()
            if layout is None or fit <= MIN_FIT:
                self.fit = fit
                return page
            layout.activate()
            hint = layout.totalMinimumSize()
            needed = (layout.totalHeightForWidth(stage.width()) if layout.hasHeightForWidth()
                      else layout.totalSizeHint().height())
            if hint.width() <= stage.width() and max(needed, hint.height()) <= stage.height():
                self.fit = fit
                return page
            page.deleteLater()
            fit = max(MIN_FIT, fit - 0.08)

    def _stage_size(self) -> QSize:
        """The room for a step: the view less its margins and the footer line."""
        height = self._screen_height()
        margin = round(height / 24)
        footer = round(height * SMALL * 1.6)
        width = max(1, self.width() - 2 * margin)
        return QSize(width, max(1, height - margin - round(margin * 0.6) - footer - 12))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._store is not None and self.isVisible():
            self.start(self._store, self._lang, self.index)

    # --- keys --------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self.is_blank():
            self._stack.setCurrentIndex(0)  # any key brings the step back
            return
        if key == Qt.Key.Key_Escape:
            self.leave_requested.emit()
        elif key in NEXT_KEYS:
            self.go(self.index + 1)
        elif key in PREVIOUS_KEYS:
            self.go(self.index - 1)
        elif key == Qt.Key.Key_Home:
            self.go(0)
        elif key == Qt.Key.Key_End:
            self.go(len(self.steps) - 1)
        elif key in BLANK_KEYS:
            self._stack.setCurrentIndex(1)
        else:
            super().keyPressEvent(event)
