"""District facts (区情): themes, a filterable and searchable facts table, a detail pane."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QResizeEvent,
    QTextCharFormat,
    QTextLayout,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jhviewer.data.format import (
    KIND_NAMES,
    citation,
    display_value,
    kind_name,
    location,
    year_text,
)
from jhviewer.data.records import Fact, FactFilter, Lang
from jhviewer.data.search import find_spans
from jhviewer.data.store import Store
from jhviewer.ui import actions, style
from jhviewer.ui.i18n import entity_type_name, translate
from jhviewer.ui.models import SECTION_ROLE, SPAN_ROLE, Column, FactTableModel, ThemeListModel
from jhviewer.ui.style import Role
from jhviewer.ui.text import highlighted_html, source_reference
from jhviewer.ui.widgets import (
    Panel,
    WrappingItemDelegate,
    clear_layout,
    figure_row,
    role_label,
    scroll_page,
)

SEARCH_DELAY_MS = 250
MIN_INDICATOR_CHARS = 20
UNDATED_CHOICE = "undated"  # the year filter's entry for facts the source gives no year

_MATCH_FIELDS = {
    "label_zh": QT_TRANSLATE_NOOP("Facts", "Chinese name"),
    "label_en": QT_TRANSLATE_NOOP("Facts", "English name"),
    "evidence": QT_TRANSLATE_NOOP("Facts", "Source text"),
    "description_zh": QT_TRANSLATE_NOOP("Facts", "Chinese description"),
    "description_en": QT_TRANSLATE_NOOP("Facts", "English description"),
}


class HighlightDelegate(QStyledItemDelegate):
    """Paints a cell's text with the search match marked, without any HTML."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        spans = index.data(SPAN_ROLE)
        if not spans:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        widget = opt.widget
        qstyle = widget.style() if widget is not None else QApplication.style()
        qstyle.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = qstyle.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        margin = qstyle.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        rect = rect.adjusted(margin, 0, -margin, 0)
        shown = opt.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        layout = QTextLayout(shown, opt.font)
        visible = len(shown) if shown == text else len(shown) - 1
        layout.setFormats([f for span in spans for f in _span_formats(span, visible)])
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(rect.width())
        layout.endLayout()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setPen(opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ))
        top = rect.top() + (rect.height() - line.height()) / 2
        layout.draw(painter, QPointF(rect.left(), top))
        painter.restore()


def _span_formats(span: tuple[int, int], visible: int) -> list[QTextLayout.FormatRange]:
    start, end = span[0], min(span[1], visible)
    if start >= end:
        return []
    marked = QTextCharFormat()
    marked.setBackground(style.SEARCH_HIGHLIGHT)
    marked.setForeground(style.SEARCH_HIGHLIGHT_TEXT)
    format_range = QTextLayout.FormatRange()
    format_range.start = start
    format_range.length = end - start
    format_range.format = marked
    return [format_range]


class SearchBox(QLineEdit):
    """The search field; the window's own shortcuts (Export PDF, Copy with Source...) still
    work while it has focus.

    A QLineEdit claims every key it could use (Ctrl+E moves to the end of the line on X11,
    Ctrl+C copies), so Qt never offers them to the window. `pass_through` lists the keys
    given back: Copy only when nothing in the box is selected.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pass_through: list[QKeySequence] = []

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination())
            copying = event.matches(QKeySequence.StandardKey.Copy)
            if pressed in self.pass_through and not (copying and self.hasSelectedText()):
                event.ignore()
                return True
        return super().event(event)


class FactsTable(QTableView):
    """The facts table; tells the panel when its width changed, to share it out again."""

    def __init__(self, on_resize: Callable[[], None]) -> None:
        super().__init__()
        self._on_resize = on_resize

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._on_resize()


class FactDetail(QWidget):
    """Everything about one fact: value, description, evidence, location, entities."""

    copy_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fact-detail")
        self._content = QWidget()
        self._layout = QVBoxLayout(self._content)
        self._layout.setContentsMargins(20, 16, 20, 20)
        self._layout.setSpacing(6)
        self.copy_button = QPushButton()
        self.copy_button.setObjectName("copy-fact")
        self.copy_button.clicked.connect(self.copy_requested)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 16)
        outer.addWidget(scroll_page(self._content), 1)
        outer.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.fields: dict[str, QLabel] = {}
        self.show_fact(None, None, "zh", "")

    def show_fact(self, store: Store | None, fact: Fact | None, lang: Lang, query: str) -> None:
        clear_layout(self._layout)
        self.fields = {}
        self.setAccessibleName(translate("Facts", "Fact details"))
        self.copy_button.setText(translate("Facts", "Copy with Source"))
        self.copy_button.setAccessibleName(self.copy_button.text())
        self.copy_button.setToolTip(
            translate("Facts", "Copy the fact, its source text and where the source says it")
        )
        self.copy_button.setVisible(store is not None and fact is not None)
        if store is None or fact is None:
            hint = style.muted(role_label(
                translate("Facts", "Select a fact to see its details."), Role.BODY, True
            ))
            self._add("placeholder", hint)
            self._layout.addStretch(1)
            return
        with store.snapshot():  # section and entities from one view of the file
            self._fill(store, fact, lang, query)

    def _add(self, name: str, label: QLabel) -> QLabel:
        label.setObjectName(name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fields[name] = label
        self._layout.addWidget(label)
        return label

    def _heading(self, text: str) -> None:
        self._layout.addSpacing(10)
        self._layout.addWidget(style.muted(role_label(text, Role.EYEBROW)))

    def _marked(self, name: str, text: str, query: str, role: Role) -> QLabel:
        """A label that shows `text` literally, with the query's match highlighted."""
        spans = find_spans(text, query) if query else []
        if not spans:
            label = role_label(text, role, True)
        else:
            label = QLabel()
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setOpenExternalLinks(False)
            label.setText(highlighted_html(
                text, spans, style.SEARCH_HIGHLIGHT, style.SEARCH_HIGHLIGHT_TEXT
            ))
            style.set_role(label, role)
            label.setWordWrap(True)
            label.setProperty("spans", [list(span) for span in spans])
        label.setAccessibleName(text)
        return self._add(name, label)

    def _fill(self, store: Store, fact: Fact, lang: Lang, query: str) -> None:
        section = store.section(fact.section_id)
        theme = section.title(lang) if section else ""
        eyebrow = " · ".join(
            p for p in (theme, kind_name(fact.kind, lang), year_text(fact.year, lang)) if p
        )
        self._add("eyebrow", style.accent(role_label(eyebrow, Role.EYEBROW, True)))
        self._marked("label", fact.label(lang), query, Role.HEADING)
        if fact.value is not None or fact.claim(lang):
            self._layout.addLayout(figure_row(fact, lang, Role.CARD_FIGURE))
        self._heading(translate("Facts", "Description"))
        self._marked("description", fact.description(lang), query, Role.BODY)
        self._heading(translate("Facts", "Source text"))
        self._marked("evidence", f"“{fact.evidence}”", query, Role.BODY)
        where = role_label(location(fact, section, lang), Role.CAPTION, True)
        self._add("location", style.muted(where))
        self._add_match(fact, lang, query)
        entities = store.entities_for(fact.id)
        if entities:
            self._heading(translate("Facts", "Mentioned"))
            lines = [f"{e.name(lang)}  ({entity_type_name(e.type)})" for e in entities]
            self._add("entities", role_label("\n".join(lines), Role.BODY, True))
        self._add_other_years(store, fact, lang)
        self._layout.addStretch(1)

    def _add_other_years(self, store: Store, fact: Fact, lang: Lang) -> None:
        """The same indicator in this district's other briefings and years, if any."""
        briefing = store.briefing(fact.briefing_id)
        if fact.indicator is None or briefing is None:
            return
        others = [
            f for f in store.indicator_series(briefing.district_id, fact.indicator)
            if f.id != fact.id
        ]
        if not others:
            return
        self._heading(translate("Facts", "Other years"))
        colon = "：" if lang == "zh" else ": "  # the full-width colon of Chinese text
        lines = [
            f"{year_text(other.year, lang)} · {kind_name(other.kind, lang)}{colon}"
            f"{display_value(other, lang)}"
            for other in others
        ]
        self._add("other-years", role_label("\n".join(lines), Role.BODY, True))

    def _add_match(self, fact: Fact, lang: Lang, query: str) -> None:
        """Where the match is, when it sits in a field this pane does not show."""
        if not query:
            return
        shown = (fact.label(lang), fact.description(lang), fact.evidence)
        if any(find_spans(text, query) for text in shown):
            return
        for field, name in _MATCH_FIELDS.items():
            text = getattr(fact, field)
            if find_spans(text, query):
                self._heading(translate("Facts", "Match in {field}").format(
                    field=translate("Facts", name)
                ))
                self._marked("match", text, query, Role.BODY)
                return


class FactsPanel(Panel):
    """Themes on the left, the table in the middle, the selected fact on the right."""

    counts_changed = Signal(str)
    message = Signal(str)
    read_failed = Signal(object)  # a DatabaseError met while reading rows
    selection_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("facts")
        self._store: Store | None = None
        self._lang: Lang = "zh"
        self.count_text = ""
        self.model = FactTableModel(self)
        self.model.read_failed.connect(self.read_failed)
        self.themes = ThemeListModel(self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self._build()
        self.retranslate()

    # --- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        self.theme_title = role_label("", Role.EYEBROW)
        self.theme_view = QListView()
        self.theme_view.setObjectName("themes")
        self.theme_view.setModel(self.themes)
        self.theme_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.theme_view.setSpacing(3)
        self.theme_view.setWordWrap(True)
        self.theme_view.setResizeMode(QListView.ResizeMode.Adjust)  # rewrap when resized
        # Wrapped names measured and painted alike: no "…" above an empty line.
        self.theme_view.setItemDelegate(WrappingItemDelegate(self.theme_view))
        self.theme_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.theme_view.selectionModel().currentChanged.connect(self._apply_filters)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(16, 16, 8, 16)
        left_layout.addWidget(style.muted(self.theme_title))
        left_layout.addWidget(self.theme_view)

        self.search_box = SearchBox()
        self.search_box.setObjectName("search")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textEdited.connect(lambda _text: self._search_timer.start())
        self.search_box.returnPressed.connect(self._search_and_go_to_results)
        self.search_box.addAction(actions.make_action(
            self.search_box, actions.CLEAR_SEARCH, self.clear_search,
            Qt.ShortcutContext.WidgetShortcut,
        ))
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("kind-filter")
        self.kind_box.currentIndexChanged.connect(self._apply_filters)
        self.year_box = QComboBox()
        self.year_box.setObjectName("year-filter")
        self.year_box.currentIndexChanged.connect(self._apply_filters)
        for box in (self.kind_box, self.year_box):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # One row when the column is wide enough for the search box and both filters
        # whole; else the filters go on a second row (see _arrange_filter_bar).
        self._filter_bar = QGridLayout()
        self._filter_bar.setHorizontalSpacing(10)
        self._filter_bar.setVerticalSpacing(6)
        self._filters_wrapped: bool | None = None

        self.no_match = QWidget()
        self.no_match.setObjectName("no-match")
        self.no_match_text = style.muted(role_label("", Role.BODY, True))
        self.no_match_text.setObjectName("no-match-text")
        self.show_all_button = QPushButton()
        self.show_all_button.setObjectName("show-all")
        self.show_all_button.clicked.connect(self.show_all)
        no_match_layout = QVBoxLayout(self.no_match)
        no_match_layout.setContentsMargins(8, 24, 8, 24)
        no_match_layout.addWidget(self.no_match_text)
        no_match_layout.addWidget(self.show_all_button, 0, Qt.AlignmentFlag.AlignLeft)
        no_match_layout.addStretch(1)
        self.no_match.hide()

        self.theme_summary = style.muted(role_label("", Role.CAPTION, True))
        self.theme_summary.setObjectName("theme-summary")
        self.table = FactsTable(self._fit_columns)
        self.table.setObjectName("facts-table")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(Column.INDICATOR, HighlightDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        # Widths are shared out by _fit_columns whenever the table's width changes: year
        # and kind as wide as what they hold, the value a share, the indicator the rest.
        for column in Column:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.setHighlightSections(False)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.model.modelReset.connect(self._after_reset)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(8, 16, 8, 12)
        middle_layout.setSpacing(8)
        middle_layout.addLayout(self._filter_bar)
        middle_layout.addWidget(self.theme_summary)
        middle_layout.addWidget(self.table, 1)
        middle_layout.addWidget(self.no_match, 1)
        self._middle = middle
        self._arrange_filter_bar()

        self.detail = FactDetail()
        self.detail.copy_requested.connect(self.copy_citation)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        for widget in (left, middle, self.detail):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([260, 680, 440])
        self._splitter_moved = False
        self.splitter.splitterMoved.connect(lambda *_: setattr(self, "_splitter_moved", True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        for first, second in (
            (self.search_box, self.kind_box), (self.kind_box, self.year_box),
            (self.year_box, self.theme_view), (self.theme_view, self.table),
            (self.table, self.detail.copy_button),
        ):
            QWidget.setTabOrder(first, second)
        self.setFocusProxy(self.search_box)

    def _column_widths(self) -> None:
        metrics = self.table.fontMetrics()
        self.table.horizontalHeader().setMinimumSectionSize(metrics.averageCharWidth() * 3)
        self.table.verticalHeader().setDefaultSectionSize(round(metrics.height() * 2.0))
        char = self._char()
        scroll = self.table.verticalScrollBar().sizeHint().width()
        frame = self.table.frameWidth() * 2
        self.table.setMinimumWidth(
            self.min_indicator_width() + char * 6 + self._fitted_width(Column.YEAR)
            + self._fitted_width(Column.KIND) + scroll + frame
        )
        self._fit_columns()

    def _fitted_width(self, column: Column) -> int:
        header = self.table.horizontalHeader()
        return max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column))

    def _fit_columns(self) -> None:
        """Year and kind as wide as their contents, the value up to 18 digits' width (less
        in a narrow table, elided; the detail pane shows it whole), the indicator the rest."""
        char = self._char()
        room = self.table.viewport().width()
        year, kind = self._fitted_width(Column.YEAR), self._fitted_width(Column.KIND)
        value_wanted = min(self._fitted_width(Column.VALUE), char * 18)
        value = max(char * 6, min(value_wanted, room - year - kind - self.min_indicator_width()))
        indicator = max(self.min_indicator_width(), room - year - kind - value)
        for column, width in ((Column.INDICATOR, indicator), (Column.VALUE, value),
                              (Column.YEAR, year), (Column.KIND, kind)):
            self.table.setColumnWidth(column, width)

    def _char(self) -> int:
        """The width of a digit: a Latin character, half a Chinese one."""
        return self.table.fontMetrics().horizontalAdvance("0")

    def min_indicator_width(self) -> int:
        """The narrowest the indicator column may get: MIN_INDICATOR_CHARS digits' width
        (as many Latin letters, half as many Chinese characters)."""
        return self._char() * MIN_INDICATOR_CHARS

    def _arrange_filter_bar(self) -> None:
        """Search box and filters on one row if all fit whole, else filters below."""
        bar = self._filter_bar
        spacing = bar.horizontalSpacing()
        combos = self.kind_box.sizeHint().width() + self.year_box.sizeHint().width()
        needed = self.search_box.fontMetrics().averageCharWidth() * 18 + combos + 2 * spacing
        margins = self._middle.layout().contentsMargins()
        width = self._middle.width() - margins.left() - margins.right()
        wrapped = width < needed
        if wrapped == self._filters_wrapped:
            return
        self._filters_wrapped = wrapped
        for widget in (self.search_box, self.kind_box, self.year_box):
            bar.removeWidget(widget)
        if wrapped:
            bar.addWidget(self.search_box, 0, 0, 1, 2)
            bar.addWidget(self.kind_box, 1, 0)
            bar.addWidget(self.year_box, 1, 1)
            bar.setColumnStretch(0, 1)
            bar.setColumnStretch(1, 1)
            bar.setColumnStretch(2, 0)
        else:
            bar.addWidget(self.search_box, 0, 0)
            bar.addWidget(self.kind_box, 0, 1)
            bar.addWidget(self.year_box, 0, 2)
            bar.setColumnStretch(0, 1)
            bar.setColumnStretch(1, 0)
            bar.setColumnStretch(2, 0)

    def _share_width(self) -> None:
        """Split the width between themes, table and detail until the user drags a
        splitter handle: the table keeps room for its indicator column."""
        if self._splitter_moved:
            return
        total = self.splitter.width() - self.splitter.handleWidth() * 2
        if total <= 0:
            return
        char = self.fontMetrics().horizontalAdvance("0")
        themes = max(char * 20, min(260, total * 18 // 100))
        detail = max(char * 30, min(440, total * 30 // 100))
        self.splitter.setSizes([themes, max(0, total - themes - detail), detail])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._share_width()
        self._arrange_filter_bar()
        self._column_widths()

    def set_window_shortcuts(self, keys: list[QKeySequence]) -> None:
        """Keys of the window's actions that the search box must not keep for itself."""
        self.search_box.pass_through = list(keys)

    # --- state -------------------------------------------------------------------------

    def set_store(self, store: Store | None) -> None:
        self._store = store
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        briefing = store.briefing() if store is not None else None
        # A page of the briefing's sections now, more as the list scrolls (100,000 may come).
        self.themes.set_store(store if briefing is not None else None,
                              briefing.id if briefing is not None else None)
        self._fill_years()
        self.model.set_store(store)
        self.theme_view.setCurrentIndex(self.themes.index(0))
        self._apply_filters()

    def briefing_changed(self) -> None:
        self.set_store(self._store)

    def set_language(self, lang: Lang) -> None:
        self._lang = lang
        self.model.set_language(lang)
        self.themes.set_language(lang)
        self.retranslate()
        self._show_selected()

    def restyle(self) -> None:
        self._column_widths()
        self._show_selected()

    def retranslate(self) -> None:
        self.theme_title.setText(translate("Facts", "THEMES"))
        self.theme_view.setAccessibleName(translate("Facts", "Themes"))
        self.search_box.setPlaceholderText(translate("Facts", "Search facts (Ctrl+F)"))
        self.search_box.setAccessibleName(translate("Facts", "Search facts"))
        self.kind_box.setAccessibleName(translate("Facts", "Kind of fact"))
        self.year_box.setAccessibleName(translate("Facts", "Year"))
        self.table.setAccessibleName(translate("Facts", "Facts"))
        self.show_all_button.setText(translate("Facts", "Show All Facts"))
        self._fill_kinds()
        self._fill_years()
        self._filters_wrapped = None  # the filters' widths changed with the language
        self._arrange_filter_bar()
        self._update_no_match()
        self._update_theme_summary()
        self._update_count()
        self._column_widths()

    def _fill_kinds(self) -> None:
        current = self.kind_box.currentData()
        self.kind_box.blockSignals(True)
        self.kind_box.clear()
        self.kind_box.addItem(translate("Facts", "All kinds"), None)
        for kind in KIND_NAMES:
            self.kind_box.addItem(kind_name(kind, self._lang), kind)
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(current)))
        self.kind_box.blockSignals(False)

    def _fill_years(self) -> None:
        current = self.year_box.currentData()
        years = self._store.years(self._briefing_id()) if self._store is not None else []
        self.year_box.blockSignals(True)
        self.year_box.clear()
        self.year_box.addItem(translate("Facts", "All years"), None)
        for year in reversed(years):
            self.year_box.addItem(str(year), year)
        if self._store is not None and self._store.has_undated(self._briefing_id()):
            self.year_box.addItem(year_text(None, self._lang), UNDATED_CHOICE)
        self.year_box.setCurrentIndex(max(0, self.year_box.findData(current)))
        self.year_box.blockSignals(False)

    # --- filtering and searching -------------------------------------------------------

    def current_filter(self) -> FactFilter:
        index = self.theme_view.currentIndex()
        section_id = index.data(SECTION_ROLE) if index.isValid() else None
        year = self.year_box.currentData()
        return FactFilter(
            briefing_id=self._briefing_id(), section_id=section_id,
            kind=self.kind_box.currentData(),
            year=None if year == UNDATED_CHOICE else year, undated=year == UNDATED_CHOICE,
        )

    def _briefing_id(self) -> str | None:
        briefing = self._store.briefing() if self._store is not None else None
        return briefing.id if briefing is not None else None

    def select_theme(self, section_key: str | None) -> None:
        row = 0
        while row < self.themes.rowCount() or self.themes.canFetchMore():
            if row >= self.themes.rowCount():
                self.themes.fetchMore()
                continue
            section = self.themes.section(row)
            if (section.key if section else None) == section_key:
                self.theme_view.setCurrentIndex(self.themes.index(row))
                return
            row += 1

    def _apply_filters(self) -> None:
        self.model.set_filter(self.current_filter())
        self._update_theme_summary()

    def search(self, query: str) -> None:
        """Search now (what typing does after a short pause)."""
        self.search_box.setText(query)
        self._apply_search()

    def clear_search(self) -> None:
        self.search("")

    def show_all(self) -> None:
        """Clear the search and every filter: all themes, kinds and years."""
        for box in (self.kind_box, self.year_box):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.search_box.clear()
        self.theme_view.blockSignals(True)
        self.theme_view.selectionModel().blockSignals(True)
        self.theme_view.setCurrentIndex(self.themes.index(0))
        self.theme_view.selectionModel().blockSignals(False)
        self.theme_view.blockSignals(False)
        self.model.set_query("")
        self._apply_filters()

    def _search_and_go_to_results(self) -> None:
        """Enter: search now, then move to the results so arrows and Copy act on them."""
        self._apply_search()
        if self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_no_match(self) -> None:
        """An empty result of a search or filter says so, and how to get the facts back."""
        where = self.current_filter()
        filtered = where.section_id is not None or where.kind is not None or where.year is not None
        empty = (self._store is not None and self.model.rowCount() == 0
                 and (bool(self.model.query) or filtered))
        self.no_match.setVisible(empty)
        self.table.setVisible(not empty)
        if not empty:
            return
        if self.model.query:
            text = translate("Facts", "Nothing matches “{query}”.").format(query=self.model.query)
            hint = translate(
                "Facts", "Press Esc in the search box to clear the search, or Show All Facts."
            ) if not filtered else translate(
                "Facts", "The theme, kind and year filters also apply: Show All Facts clears "
                "them and the search."
            )
        else:
            text = translate("Facts", "No facts match these filters.")
            hint = translate(
                "Facts", "Choose All themes, All kinds and All years, or Show All Facts."
            )
        self.no_match_text.setText(f"{text}\n{hint}")

    def _apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_query(self.search_box.text())

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _update_theme_summary(self) -> None:
        index = self.theme_view.currentIndex()
        section = self.themes.section(index.row()) if index.isValid() else None
        self.theme_summary.setText(section.summary(self._lang) if section else "")
        self.theme_summary.setVisible(section is not None)

    def _after_reset(self) -> None:
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self._show_selected()
        self._update_count()
        self._update_no_match()
        self._fit_columns()

    def _update_count(self) -> None:
        total = self._store.count_facts(FactFilter(briefing_id=self._briefing_id())) \
            if self._store else 0
        shown = self.model.total()
        if self.model.query:
            text = translate("Facts", "Matches: {shown}").format(shown=shown)
        else:
            text = translate("Facts", "Facts shown: {shown} of {total}").format(
                shown=f"{shown:,}", total=f"{total:,}"
            )
        self.count_text = text
        self.counts_changed.emit(text)

    # --- selection, details, copying ---------------------------------------------------

    def selected_fact(self) -> Fact | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.fact(rows[0].row()) if rows else None

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        fact = self.selected_fact()
        self.detail.show_fact(self._store, fact, self._lang, self.model.query)
        self.selection_changed.emit(fact is not None)

    def copy_citation(self) -> str:
        """Put the selected fact with its source on the clipboard; return what was copied."""
        fact = self.selected_fact()
        if fact is None or self._store is None:
            return ""
        briefing = self._store.briefing(fact.briefing_id)
        source = (
            source_reference(briefing.publisher(self._lang), briefing.title(self._lang), self._lang)
            if briefing else ""
        )
        text = citation(fact, self._store.section(fact.section_id), source, self._lang)
        QGuiApplication.clipboard().setText(text)
        self.message.emit(translate("Facts", "Copied the fact with its source."))
        return text
