"""Qt item models over the store, kept apart from the widgets that show them.

`FactTableModel` is lazy: it counts the matching facts once and then pages them in with
`store.facts(where, offset, limit)` as the view scrolls (canFetchMore/fetchMore), so a
database of 100,000 facts opens as fast as one of a hundred.
"""

from __future__ import annotations

from enum import IntEnum
from functools import cached_property
from weakref import WeakKeyDictionary

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from jhviewer.data.format import display_value, kind_name
from jhviewer.data.records import ComparablePair, Fact, FactFilter, Lang, SearchHit, Section
from jhviewer.data.store import Store
from jhviewer.ui.i18n import translate
from jhviewer.ui.text import find_span, tooltip

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

FACT_ROLE = Qt.ItemDataRole.UserRole + 1
SPAN_ROLE = Qt.ItemDataRole.UserRole + 2
SECTION_ROLE = Qt.ItemDataRole.UserRole + 3

SEARCH_LIMIT = 200


class Column(IntEnum):
    INDICATOR = 0
    VALUE = 1
    YEAR = 2
    KIND = 3


_HEADERS = {
    Column.INDICATOR: QT_TRANSLATE_NOOP("Facts", "Indicator"),
    Column.VALUE: QT_TRANSLATE_NOOP("Facts", "Value"),
    Column.YEAR: QT_TRANSLATE_NOOP("Facts", "Year"),
    Column.KIND: QT_TRANSLATE_NOOP("Facts", "Kind"),
}


class FactTableModel(QAbstractTableModel):
    """Facts in source order, or the store's search hits for a query, under a filter."""

    PAGE_SIZE = 200

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)
        self._store: Store | None = None
        self._lang: Lang = "zh"
        self._filter = FactFilter()
        self._query = ""
        self._facts: list[Fact] = []
        self._total = 0
        self._offset = 0  # rows asked of the store so far (skipped bad rows included)

    # --- configuration -----------------------------------------------------------------

    def set_store(self, store: Store | None) -> None:
        self._store = store
        self._filter = FactFilter()
        self._query = ""
        self.reload()

    def set_language(self, lang: Lang) -> None:
        self._lang = lang
        if self._facts:
            last = self.index(len(self._facts) - 1, len(Column) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)

    def set_filter(self, where: FactFilter) -> None:
        self._filter = where
        self.reload()

    def set_query(self, query: str) -> None:
        self._query = query.strip()
        self.reload()

    @property
    def query(self) -> str:
        return self._query

    @property
    def fact_filter(self) -> FactFilter:
        return self._filter

    def total(self) -> int:
        """How many facts match, loaded or not."""
        return self._total

    def reload(self) -> None:
        """Count again and load the first page, inside one reset (views see rows at once)."""
        self.beginResetModel()
        self._facts = []
        self._offset = 0
        self._total = 0
        if self._store is not None:
            if self._query:
                self._facts = self._search_hits(self._store)
                self._total = len(self._facts)
                self._offset = self._total
            else:
                self._total = self._store.count_facts(self._filter)
                self._load_page()
        self.endResetModel()

    def _search_hits(self, store: Store) -> list[Fact]:
        hits: list[SearchHit] = store.search(self._query, limit=SEARCH_LIMIT)
        return [hit.fact for hit in hits if _passes(hit.fact, self._filter)]

    # --- lazy loading ------------------------------------------------------------------

    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        if parent.isValid() or self._store is None or self._query:
            return False
        return self._offset < self._total

    def fetchMore(self, parent: Index = _ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        first = len(self._facts)
        page = self._load_page(commit=False)
        if not page:
            return
        self.beginInsertRows(_ROOT, first, first + len(page) - 1)
        self._facts.extend(page)
        self.endInsertRows()

    def _load_page(self, commit: bool = True) -> list[Fact]:
        """The next page from the store; unreadable rows are skipped, so it may be short."""
        if self._store is None:
            return []
        page = self._store.facts(self._filter, offset=self._offset, limit=self.PAGE_SIZE)
        self._offset += self.PAGE_SIZE
        if commit:
            self._facts.extend(page)
        return page

    # --- the model ---------------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._facts)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(Column)

    def fact(self, row: int) -> Fact | None:
        return self._facts[row] if 0 <= row < len(self._facts) else None

    def row_of(self, fact_id: str) -> int:
        return next((row for row, fact in enumerate(self._facts) if fact.id == fact_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        fact = self.fact(index.row()) if index.isValid() else None
        if fact is None:
            return None
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(fact, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(self._text(fact, column), fact.description(self._lang))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.YEAR:
            return Qt.AlignmentFlag.AlignCenter
        if role == FACT_ROLE:
            return fact
        if role == SPAN_ROLE and self._query and column == Column.INDICATOR:
            return find_span(fact.label(self._lang), self._query)
        return None

    def _text(self, fact: Fact, column: Column) -> str:
        if column == Column.INDICATOR:
            return fact.label(self._lang)
        if column == Column.VALUE:
            return display_value(fact, self._lang)
        if column == Column.YEAR:
            return str(fact.year)
        return kind_name(fact.kind, self._lang)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("Facts", _HEADERS[Column(section)])
        return None  # not super().headerData(): PySide6 6.12 leaks a None reference there


def _passes(fact: Fact, where: FactFilter) -> bool:
    return all(
        wanted is None or actual == wanted
        for wanted, actual in (
            (where.briefing_id, fact.briefing_id),
            (where.section_id, fact.section_id),
            (where.kind, fact.kind),
            (where.year, fact.year),
        )
    )


class ThemeListModel(QAbstractListModel):
    """'All themes' followed by the briefing's sections, in source order."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)
        self._sections: list[Section] = []
        self._lang: Lang = "zh"

    def set_sections(self, sections: list[Section]) -> None:
        self.beginResetModel()
        self._sections = list(sections)
        self.endResetModel()

    def set_language(self, lang: Lang) -> None:
        self._lang = lang
        if self.rowCount():
            self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._sections) + 1

    def section(self, row: int) -> Section | None:
        return self._sections[row - 1] if 1 <= row <= len(self._sections) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        section = self.section(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return section.title(self._lang) if section else translate("Facts", "All themes")
        if role == Qt.ItemDataRole.ToolTipRole and section is not None:
            return tooltip(section.title(self._lang), section.summary(self._lang))
        if role == SECTION_ROLE:
            return section.id if section else None
        return None


class StoreAnswers:
    """The store's answers that do not depend on the language, asked once per store.

    Panels rebuild on every language switch; `headline_facts()` and `comparable_pairs()`
    read the whole briefing, which takes seconds on a 100,000-fact database.
    """

    def __init__(self, store: Store) -> None:
        self._store = store

    @cached_property
    def headline_facts(self) -> list[Fact]:
        return self._store.headline_facts()

    @cached_property
    def targets(self) -> list[Fact]:
        return self._store.targets()

    @cached_property
    def comparable_pairs(self) -> list[ComparablePair]:
        return self._store.comparable_pairs()

    @cached_property
    def earlier_results(self) -> dict[str, Fact]:
        """Target id -> the earlier result for the same indicator."""
        return {pair.target.id: pair.result for pair in self.comparable_pairs}


_ANSWERS: WeakKeyDictionary[Store, StoreAnswers] = WeakKeyDictionary()


def answers(store: Store) -> StoreAnswers:
    """The shared `StoreAnswers` of `store` (dropped with the store)."""
    found = _ANSWERS.get(store)
    if found is None:
        found = _ANSWERS[store] = StoreAnswers(store)
    return found
