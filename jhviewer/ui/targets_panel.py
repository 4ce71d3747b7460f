"""The targets summary: every target of the briefing's year as a card, under the briefing's
own name for it (`targets_title_*` in the briefing file).

Cards are grouped as the source groups them (its numbered bullets) and keep source
order. Where the store has an earlier result for the same indicator, the card shows it
beside the target ("2023: 7.4%").

With progress tracking (jhviewer/data/progress/), each card also shows the latest actual,
a progress bar and a status chip (colour, symbol and word), and the page opens with a
tally ("18 of 27 on track or achieved"). Clicking a card's progress line opens the
progress pane (jhviewer/ui/progress_panel.py) beside the cards. A new entry updates the
cards in place; they are not rebuilt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from jhviewer.data.format import display_value, year_text
from jhviewer.data.progress.model import STATUS_COLOURS, STATUS_SYMBOLS, status_name
from jhviewer.data.progress.status import TargetStatus, amount_text, tally_text
from jhviewer.data.records import Briefing, Fact, Lang
from jhviewer.data.store import Store
from jhviewer.ui import style
from jhviewer.ui.i18n import translate, translate_for
from jhviewer.ui.models import answers
from jhviewer.ui.progress_state import ProgressTracker
from jhviewer.ui.settings import Settings
from jhviewer.ui.style import Role
from jhviewer.ui.text import tooltip
from jhviewer.ui.widgets import (
    ElidedLabel,
    FlowLayout,
    PagePanel,
    card,
    clear_layout,
    figure_row,
    role_label,
)

if TYPE_CHECKING:
    from jhviewer.ui.progress_panel import ProgressPanel

# The progress texts of this tab, in English and translated by Qt's catalogue (context
# "Progress", shared with the progress pane); `_progress_text` picks the panel's language.
PROGRESS_TEXTS = {
    "open": QT_TRANSLATE_NOOP("Progress", "Progress…"),
    "import": QT_TRANSLATE_NOOP("Progress", "Import Progress…"),
    "refresh": QT_TRANSLATE_NOOP("Progress", "Refresh"),
    "database": QT_TRANSLATE_NOOP("Progress", "Progress Database…"),
    "database_title": QT_TRANSLATE_NOOP("Progress", "Progress Database"),
    "database_tip": QT_TRANSLATE_NOOP("Progress", "Progress database: {location}"),
    "database_ask": QT_TRANSLATE_NOOP(
        "Progress", "A file path or postgresql://user@host/db (empty: the default place)"),
    "no_progress": QT_TRANSLATE_NOOP("Progress", "No progress yet"),
}


def _progress_text(lang: Lang, key: str, **fields: object) -> str:
    """The tab's progress text `key` (see PROGRESS_TEXTS) in `lang`, filled with `fields`."""
    text = translate_for(lang, "Progress", PROGRESS_TEXTS[key])
    return text.format(**fields) if fields else text


CARD_WIDTH = 230
CARD_SPACING = 14
GROUP_SPACING = 28
MAX_CARDS = 400  # a generated database may hold thousands; the page stays responsive


def _card_width() -> int:
    return round(CARD_WIDTH * style.scale())


class _GroupBlock(QWidget):
    """Asks for the width of its cards side by side; a narrower window wraps them."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self._count = count

    def sizeHint(self) -> QSize:
        width = self._count * _card_width() + (self._count - 1) * CARD_SPACING
        return QSize(width, super().sizeHint().height())


def group_targets(targets: list[Fact]) -> list[tuple[int | None, list[Fact]]]:
    """Targets by `target_group`, groups in order of first appearance, facts in source order."""
    groups: dict[int | None, list[Fact]] = {}
    for fact in targets:
        groups.setdefault(fact.target_group, []).append(fact)
    return list(groups.items())


class TargetsPanel(PagePanel):
    def __init__(self, parent: QWidget | None = None,
                 progress_location: str | None = None) -> None:
        super().__init__("targets", (48, 36, 48, 48), "zh", parent)
        self.cards: list[QFrame] = []
        self.strips: dict[str, ProgressStrip] = {}
        self.tally_label: QLabel | None = None
        self._tally_holder: SteadyHolder | None = None
        self.progress_pane: ProgressPanel | None = None
        self.tracker = ProgressTracker(progress_location, self)
        self.tracker.changed.connect(self.update_progress)
        self.tracker.target_changed.connect(self.update_target_progress)
        self.tracker.failed.connect(self._show_progress_error)
        self._tracked: tuple[Store, str] | None = None
        self._error = ""
        # The cards scroll on the left; the progress pane, built when first opened, on the
        # right.
        outer = self.layout()
        page = outer.takeAt(0).widget()
        self._cards_scroll = page
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("targets-splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(page)
        outer.addWidget(self.splitter)
        self._rebuild()

    def _rebuild(self) -> None:
        clear_layout(self._layout)
        self.cards = []
        self.strips = {}
        self.tally_label = None
        self._tally_holder = None
        store = self._store
        briefing = store.briefing() if store is not None else None
        self.setAccessibleName(briefing.targets_title(self._lang) if briefing else "")
        if store is None or briefing is None:
            self._layout.addWidget(style.muted(role_label(
                translate("Targets", "No briefing is open."), Role.BODY
            )))
            self._layout.addStretch(1)
            return
        self._add_header(store, briefing)
        self._add_progress_bar()
        targets = answers(store).targets
        earlier = answers(store).earlier_results
        if not targets:
            self._layout.addWidget(style.muted(role_label(
                translate("Targets", "This briefing states no targets."), Role.BODY
            )))
        holder = QWidget()
        holder.setObjectName("target-groups")
        groups = FlowLayout(holder, spacing=round(GROUP_SPACING * style.scale()), justify=True)
        shown = 0
        for number, facts in group_targets(targets):
            facts = facts[: max(0, MAX_CARDS - shown)]
            if not facts:
                break
            groups.addWidget(self._group(number, facts, earlier))
            shown += len(facts)
        self._layout.addWidget(holder)
        if shown < len(targets):
            note = translate("Targets", "Showing the first {shown} of {total} targets.")
            self._layout.addWidget(style.muted(role_label(
                note.format(shown=shown, total=len(targets)), Role.CAPTION
            )))
        self._layout.addStretch(1)
        tracked = self._tracked
        if tracked is None or tracked[0] is not store or tracked[1] != briefing.id:
            self._tracked = (store, briefing.id)  # another briefing: read its progress
            self.tracker.set_briefing(store, briefing.id)
        else:
            self.update_progress()
        if self.progress_pane is not None:
            self.progress_pane.set_language(self._lang)

    # --- progress ------------------------------------------------------------------------

    def _add_progress_bar(self) -> None:
        """The tally and the progress buttons, under the title."""
        self.tally_label = role_label("", Role.STRONG, True)
        self.tally_label.setObjectName("progress-tally")
        self._tally_holder = SteadyHolder(self.tally_label)  # a new count lays out nothing
        self._layout.addWidget(self._tally_holder)
        buttons = QWidget()
        buttons.setObjectName("progress-buttons")
        row = FlowLayout(buttons, spacing=10)  # they wrap beside an open progress pane
        for name, key, slot in (
            ("progress-open", "open", lambda: self.open_progress()),
            ("progress-import", "import", self.import_progress),
            ("progress-refresh", "refresh", self.tracker.refresh),
            # Not the bound method: a click passes `checked`, which is no location.
            ("progress-database", "database", lambda: self.choose_progress_database()),
        ):
            button = QPushButton(_progress_text(self._lang, key))
            button.setObjectName(name)
            button.clicked.connect(slot)
            row.addWidget(button)
        self._layout.addWidget(buttons)
        self._layout.addSpacing(8)

    def update_progress(self) -> None:
        """Show the tracker's statuses on the cards and in the tally, in place."""
        lang = self._lang
        results = self.tracker.results
        for target_id, strip in self.strips.items():
            strip.show_status(results.get(target_id), lang)
        self._show_tally()
        if self.progress_pane is not None:
            self.progress_pane.refresh()

    def update_target_progress(self, target_id: str) -> None:
        """After a change to one target's entries: its card, the tally and the pane."""
        strip = self.strips.get(target_id)
        if strip is not None:
            strip.show_status(self.tracker.results.get(target_id), self._lang)
        self._show_tally()
        if self.progress_pane is not None:
            self.progress_pane.refresh()

    def _show_tally(self) -> None:
        lang = self._lang
        results = self.tracker.results
        if self.tally_label is not None:
            if self._error:
                self.tally_label.setText(self._error)
            elif results:
                self.tally_label.setText(tally_text(list(results.values()), lang))
            else:
                self.tally_label.setText("")
            self.tally_label.setToolTip(tooltip(_progress_text(
                lang, "database_tip", location=self.tracker.shown_location)))
            self._fit_tally()

    def _fit_tally(self) -> None:
        if self._tally_holder is not None:
            self._tally_holder.fit()

    def _settings(self) -> Settings | None:
        """The window's settings (where the progress database's location is kept)."""
        settings = getattr(self.window(), "settings", None)
        return settings if isinstance(settings, Settings) else None

    def choose_progress_database(self, location: str | None = None) -> None:
        """Keep progress elsewhere: a file, a postgresql:// URL, or "" for the default
        progress.db in the user's data folder. Asks when `location` is None."""
        if location is None:
            from PySide6.QtWidgets import QInputDialog

            text, ok = QInputDialog.getText(
                self, _progress_text(self._lang, "database_title"),
                _progress_text(self._lang, "database_ask"),
                text=str(self.tracker.location or ""))
            if not ok:
                return
            location = text
        self._error = ""
        settings = self._settings()
        if settings is not None:
            settings.set_progress_database(location)
        self.tracker.set_location(location.strip() or None)

    def _share_the_width(self) -> None:
        """The pane takes up to 520 px, leaving the cards the width their page needs (they
        would be cut, not scrolled sideways); the pane scrolls below its own minimum."""
        total = self.splitter.width() - self.splitter.handleWidth()
        cards = self._cards_scroll
        inner = cards.widget() if isinstance(cards, QScrollArea) else None
        chrome = cards.width() - cards.viewport().width()  # its frame and scroll bar
        need = inner.minimumSizeHint().width() + chrome if inner is not None else 0
        pane = max(self.splitter.widget(1).minimumWidth(),
                   min(round(520 * style.scale()), total - need))
        self.splitter.setSizes([max(total - pane, need), pane])

    def _show_progress_error(self, message: str) -> None:
        self._error = message
        if self.tally_label is not None:
            self.tally_label.setText(message)
            self._fit_tally()

    def open_progress(self, target_id: str | None = None) -> ProgressPanel:
        """Show the progress pane beside the cards (on `target_id` if given)."""
        if self.progress_pane is None:
            from jhviewer.ui.progress_panel import ProgressPanel

            self.progress_pane = ProgressPanel(self.tracker, self._lang)
            # In a low window the pane scrolls rather than squash its chart and form.
            self.progress_pane.setMinimumHeight(round(640 * style.scale()))
            holder = QScrollArea()
            holder.setObjectName("progress-scroll")
            holder.setWidgetResizable(True)
            holder.setFrameShape(QFrame.Shape.NoFrame)
            holder.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            holder.setWidget(self.progress_pane)
            holder.setMinimumWidth(round(380 * style.scale()))
            self.splitter.addWidget(holder)
            self.splitter.setStretchFactor(0, 3)
            self.splitter.setStretchFactor(1, 2)
            self._share_the_width()
        self.progress_pane.show()
        if target_id is not None:
            self.progress_pane.show_target(target_id)
        return self.progress_pane

    def import_progress(self) -> None:
        """Pick a CSV or .xlsx file, preview it, and import the rows that pass."""
        from jhviewer.ui.progress_panel import run_import

        count = run_import(self, self.tracker, self._lang)
        if count is not None and self.progress_pane is not None:
            self.progress_pane.show_imported(count)

    def _add_header(self, store: Store, briefing: Briefing) -> None:
        targets = answers(store).targets
        section = store.section(targets[0].section_id) if targets else None
        eyebrow = translate("Targets", "Targets for {year}").format(year=briefing.year)
        title = briefing.targets_title(self._lang)
        self._layout.addWidget(style.accent(role_label(eyebrow, Role.EYEBROW)))
        title_label = role_label(title, Role.TITLE, True)
        title_label.setObjectName("targets-title")
        self._layout.addWidget(title_label)
        if section is not None:
            self._layout.addWidget(role_label(section.summary(self._lang), Role.SUBTITLE, True))
        self._layout.addSpacing(18)

    def _group(self, number: int | None, facts: list[Fact], earlier: dict[str, Fact]) -> QWidget:
        """A numbered block of cards, as wide as its cards, flowing beside other groups."""
        block = _GroupBlock(len(facts))
        block.setObjectName("target-group")
        block.setAccessibleName(translate("Targets", "Group {number}").format(number=number or ""))
        layout = QVBoxLayout(block)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        header = QHBoxLayout()
        header.setSpacing(10)
        header.addWidget(_badge(str(number) if number is not None else "·"))
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Plain)
        rule.setForegroundRole(QPalette.ColorRole.Mid)
        header.addWidget(rule, 1)
        layout.addLayout(header)
        cards = QWidget()
        flow = FlowLayout(cards, spacing=CARD_SPACING, column_width=_card_width())
        compared = any(fact.id in earlier for fact in facts)
        for fact in facts:
            target_card = self._card(fact, earlier.get(fact.id), compared)
            self.cards.append(target_card)
            flow.addWidget(target_card)
        layout.addWidget(cards)
        return block

    def _card(self, fact: Fact, result: Fact | None, compared: bool) -> QFrame:
        """Label at the top; qualifier, figure and the earlier result along the bottom, with
        room kept for the earlier result when a neighbour has one, so figures line up."""
        lang = self._lang
        frame, layout = card("target", fact.label(lang))
        frame.setToolTip(tooltip(fact.label(lang), fact.description(lang), f"“{fact.evidence}”"))
        label = role_label(fact.label(lang), Role.STRONG, True)
        label.setObjectName("target-label")
        layout.addWidget(label)
        layout.addStretch(1)
        if fact.value is None:
            layout.addWidget(style.muted(role_label(fact.description(lang), Role.CAPTION, True)))
        else:
                layout.addLayout(figure_row(fact, lang, Role.CARD_FIGURE))
        if result is not None:
            layout.addWidget(_comparison(result, lang))
        elif compared and fact.value is not None:
            layout.addWidget(_placeholder())
        strip = ProgressStrip(fact.key)
        strip.clicked.connect(self.open_progress)
        self.strips[fact.key] = strip
        layout.addWidget(strip)
        return frame


class SteadyHolder(QWidget):
    """Holds `body` at the holder's own size, so that what changes inside it often (a
    card's latest figure, the tally) does not lay the whole page out again.

    A widget of fixed size does not pass its children's size changes on to its parent
    (`QWidget::updateGeometry`), so the body's texts and bars change, and repaint, within
    it. `fit()`, called after such a change, asks for another layout only when the height
    the body needs at the current width is not the height it has (a longer message that
    wraps, another font).
    """

    def __init__(self, body: QWidget) -> None:
        super().__init__()
        self.body = body
        body.setParent(self)
        self.setSizePolicy(body.sizePolicy())

    def sizeHint(self) -> QSize:
        return self.body.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.body.minimumSizeHint()

    def hasHeightForWidth(self) -> bool:
        return self.body.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:
        return self.body.heightForWidth(width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.body.setFixedSize(event.size())
        super().resizeEvent(event)

    def fit(self) -> None:
        """Ask for another layout if the body now needs another height."""
        body = self.body
        needed = (body.heightForWidth(self.width()) if body.hasHeightForWidth()
                  else body.sizeHint().height())
        if needed != self.height():
            self.updateGeometry()


class ProgressStrip(SteadyHolder):
    """A card's progress: latest actual and as-of, a bar, and a status chip.

    The chip carries a symbol and a word as well as a colour, so it reads in black-and-white
    print and for colour-blind readers. The tooltip is the status's one-line reason. A new
    figure repaints the strip without laying out the cards again (see `SteadyHolder`).
    """

    clicked = Signal(str)

    def __init__(self, target_id: str) -> None:
        body = QWidget()
        body.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        super().__init__(body)
        self.setObjectName("progress-strip")
        self.target_id = target_id
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(4)
        top = QHBoxLayout()
        top.setSpacing(6)
        # a long figure is cut with "…" (never without a sign) and shown whole in the
        # tooltip
        self.actual = ElidedLabel("", Qt.TextElideMode.ElideRight, min_chars=4)
        style.set_role(self.actual, Role.CAPTION)
        style.muted(self.actual)
        self.actual.setObjectName("progress-actual")
        top.addWidget(self.actual, 1)
        self.chip = role_label("", Role.CAPTION)
        self.chip.setObjectName("status-chip")
        top.addWidget(self.chip, 0)
        layout.addLayout(top)
        self.bar = QProgressBar()
        self.bar.setObjectName("progress-bar")
        self.bar.setRange(0, 100)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(6)
        policy = self.bar.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # a rate's card keeps its height without a bar
        self.bar.setSizePolicy(policy)
        layout.addWidget(self.bar)
        self.status = ""

    def show_status(self, result: TargetStatus | None, lang: Lang) -> None:
        status = result.status if result is not None else "no_data"
        colour = STATUS_COLOURS[status]
        if status != self.status:  # style sheets are costly: set them only on a change
            self.chip.setStyleSheet(
                f"QLabel#status-chip {{ background-color: {colour}; color: white;"
                " border-radius: 8px; padding: 1px 8px; }")
            self.bar.setStyleSheet(
                "QProgressBar#progress-bar { border: none; border-radius: 3px;"
                " background: palette(midlight); } QProgressBar#progress-bar::chunk"
                f" {{ background-color: {colour}; border-radius: 3px; }}")
        self.status = status
        self.chip.setText(f"{STATUS_SYMBOLS[status]} {status_name(status, lang)}")
        latest = result.latest if result is not None else None
        target = result.target if result is not None else None
        if result is None or latest is None or target is None:
            self.actual.setText(_progress_text(lang, "no_progress"))
            self.bar.setValue(0)
        elif result.actual is None:
            self.actual.setText(latest.as_of)
            self.bar.setValue(100 if status == "achieved" else 0)
        elif target.measure == "rate":
            # No bar for a rate: 6% of a 7.3% target would fill 82% of it and read as nearly
            # done while behind. The card's figure above is the target rate, this line the
            # rate reached ("6%/7.3% · 2024-09" does not fit beside the chip).
            figure = amount_text(result.actual, target.unit, lang, target.noun_en)
            self.actual.setText(f"{figure} · {latest.as_of}")
            self.bar.setValue(0)
        else:
            figure = amount_text(result.actual, target.unit, lang, target.noun_en)
            self.actual.setText(f"{figure} · {latest.as_of}")
            share = result.actual / target.value if target.value else 0.0
            self.bar.setValue(max(0, min(100, round(share * 100))))
        # no bar for a rate (see above) nor for a target without a number: a grey bar that
        # never fills says nothing (its room is kept: the cards stay the same height)
        self.bar.setVisible(target is None or target.measure == "cumulative")
        reason = result.reason(lang) if result is not None else ""
        self.setToolTip(tooltip(reason))  # the reason quotes the user's note: plain text
        self.actual.setToolTip(tooltip(self.actual.text(), reason))
        self.setAccessibleName(f"{status_name(status, lang)}: {reason}")
        self.fit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.target_id)
        super().mousePressEvent(event)


def _comparison(result: Fact, lang: Lang) -> QLabel:
    text = translate("Targets", "{year} result: {value}").format(
        year=year_text(result.year, lang), value=display_value(result, lang)
    )
    label = _comparison_label(text)
    label.setToolTip(tooltip(result.label(lang), result.description(lang)))
    return label


def _comparison_label(text: str) -> QLabel:
    label = style.muted(role_label(text, Role.CAPTION, True))
    label.setObjectName("earlier-result")
    label.setStyleSheet(
        "QLabel#earlier-result { border-top: 1px solid palette(mid); padding-top: 6px; }"
    )
    return label


def _placeholder() -> QLabel:
    """An invisible stand-in as tall as a one-line comparison."""
    spacer = _comparison_label(" ")
    policy = spacer.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    spacer.setSizePolicy(policy)
    spacer.hide()
    return spacer


def _badge(text: str) -> QLabel:
    badge = role_label(text, Role.HEADING)
    badge.setObjectName("group-badge")
    size = round(40 * style.scale())
    badge.setFixedSize(size, size)
    badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
    badge.setStyleSheet(
        "QLabel#group-badge { background-color: palette(highlight);"
        f" color: palette(highlighted-text); border-radius: {size // 2}px; }}"
    )
    return badge
