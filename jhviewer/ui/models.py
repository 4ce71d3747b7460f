"""Qt item models over the store, kept apart from the widgets that show them.

`FactTableModel` is lazy: it counts the matching facts once and then pages them in with
`store.facts(where, offset, limit)` as the view scrolls (canFetchMore/fetchMore), so a
database of 100,000 facts opens as fast as one of a hundred.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
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
    Signal,
)

from jhviewer.data.errors import DatabaseError
from jhviewer.data.format import display_value, kind_name, year_text
from jhviewer.data.records import ComparablePair, Fact, FactFilter, Lang, Section
from jhviewer.data.search import find_spans
from jhviewer.data.store import Store
from jhviewer.ui.i18n import translate
from jhviewer.ui.text import tooltip

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

FACT_ROLE = Qt.ItemDataRole.UserRole + 1
SPAN_ROLE = Qt.ItemDataRole.UserRole + 2  # [(start, end), ...] of every search term
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
    """Facts in source order, or the store's search hits for a query, under a filter.

    Lazy both ways, so a table of 100,000 facts costs what a screenful does. In source order
    it counts the matches, then pages them in as the view scrolls (canFetchMore/fetchMore).
    For a query it takes the ids of the hits, best first, and reads a block of them when one
    of its rows is first shown. Only the records of the last CACHED_PAGES pages or blocks
    are kept; an older one is read again if it is shown again (about a millisecond), so
    neither memory nor the garbage collector's pauses grow as the table is scrolled.
    """

    # A read the store refused (a damaged page): the rows stop there, and the window says so.
    read_failed = Signal(object)

    PAGE_SIZE = 200  # facts in source order per fetchMore
    HIT_BLOCK = 50  # search hits read at a time: a screenful, not all of them
    CACHED_PAGES = 16

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)
        self._store: Store | None = None
        self._lang: Lang = "zh"
        self._filter = FactFilter()
        self._query = ""
        self._total = 0
        self._hit_ids: list[str] = []  # for a query: every hit, best first
        # The first row of each page (source order, one per PAGE_SIZE facts asked of the
        # store, shorter where rows are unreadable) or block (hits), then the row count.
        self._starts = [0]
        self._cache: OrderedDict[int, list[Fact | None]] = OrderedDict()
        self._exhausted = False  # a page could not be read: fetch no further

    # --- configuration -----------------------------------------------------------------

    def set_store(self, store: Store | None) -> None:
        self._store = store
        self._filter = FactFilter()
        self._query = ""
        self.reload()

    def set_language(self, lang: Lang) -> None:
        self._lang = lang
        if self.rowCount():
            last = self.index(self.rowCount() - 1, len(Column) - 1)
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
        self._hit_ids = []
        self._starts = [0]
        self._cache.clear()
        self._total = 0
        self._exhausted = False
        failure: DatabaseError | None = None
        try:
            self._load_first_rows()
        except DatabaseError as error:
            self._hit_ids, self._starts, self._total = [], [0], 0
            self._exhausted, failure = True, error
        self.endResetModel()
        if failure is not None:
            self.read_failed.emit(failure)

    def _load_first_rows(self) -> None:
        if self._store is None:
            return
        if self._query:
            self._hit_ids = self._store.search_ids(self._query, SEARCH_LIMIT, self._filter)
            self._total = len(self._hit_ids)
            self._starts = [*range(0, self._total, self.HIT_BLOCK), self._total]
        else:
            self._total = self._store.count_facts(self._filter)
            self._starts.append(len(self._records(0)))

    # --- lazy loading ------------------------------------------------------------------

    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        if parent.isValid() or self._store is None or self._query or self._exhausted:
            return False
        return self._pages() * self.PAGE_SIZE < self._total

    def fetchMore(self, parent: Index = _ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        first = self.rowCount()
        try:
            count = len(self._records(self._pages()))  # 0 if all its rows are unreadable
        except DatabaseError as error:
            self._exhausted = True
            self.read_failed.emit(error)
            return
        if count:
            self.beginInsertRows(_ROOT, first, first + count - 1)
        self._starts.append(first + count)
        if count:
            self.endInsertRows()

    def _pages(self) -> int:
        return len(self._starts) - 1

    def _records(self, page: int) -> list[Fact | None]:
        """The records of a page or block of hits, read again if they are not cached."""
        records = self._cache.get(page)
        if records is None:
            records = self._cache[page] = self._read(page)
            while len(self._cache) > self.CACHED_PAGES:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(page)
        return records

    def _read(self, page: int) -> list[Fact | None]:
        """A page in source order (unreadable rows skipped, so it may be short), or a block
        of hits (an unreadable one is an empty row: the store lists it in `problems`)."""
        store = self._store
        if store is None:
            return []
        if not self._query:
            return list(
                store.facts(self._filter, offset=page * self.PAGE_SIZE, limit=self.PAGE_SIZE)
            )
        ids = self._hit_ids[self._starts[page]:self._starts[page + 1]]
        found = {fact.id: fact for fact in store.facts_by_ids(ids)}
        return [found.get(fact_id) for fact_id in ids]

    # --- the model ---------------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._starts[-1]

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(Column)

    def fact(self, row: int) -> Fact | None:
        if not 0 <= row < self.rowCount():
            return None
        page = bisect_right(self._starts, row) - 1
        try:
            records = self._records(page)
        except DatabaseError:  # asked for while painting: rows shown empty, not an error
            records = self._cache[page] = []
        offset = row - self._starts[page]
        return records[offset] if offset < len(records) else None

    def row_of(self, fact_id: str) -> int:
        """The row of the fact with this id among the rows loaded so far, or -1."""
        for row in range(self.rowCount()):
            fact = self.fact(row)
            if fact is not None and fact.id == fact_id:
                return row
        return -1

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
            return find_spans(fact.label(self._lang), self._query)
        return None

    def _text(self, fact: Fact, column: Column) -> str:
        if column == Column.INDICATOR:
            return fact.label(self._lang)
        if column == Column.VALUE:
            return display_value(fact, self._lang)
        if column == Column.YEAR:
            return year_text(fact.year, self._lang)
        return kind_name(fact.kind, self._lang)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("Facts", _HEADERS[Column(section)])
        return None  # not super().headerData(): PySide6 6.12 leaks a None reference there


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
    """A briefing's answers that do not depend on the language, asked once per briefing.

    The targets panel and the charts rebuild on every language switch and share these.
    """

    def __init__(self, store: Store, briefing_id: str | None) -> None:
        self._store = store
        self._briefing_id = briefing_id

    @cached_property
    def headline_facts(self) -> list[Fact]:
        return self._store.headline_facts(self._briefing_id)

    @cached_property
    def targets(self) -> list[Fact]:
        return self._store.targets(self._briefing_id)

    @cached_property
    def comparable_pairs(self) -> list[ComparablePair]:
        return self._store.comparable_pairs(self._briefing_id)

    @cached_property
    def earlier_results(self) -> dict[str, Fact]:
        """Target id -> the earlier result for the same indicator."""
        return {pair.target.id: pair.result for pair in self.comparable_pairs}


_ANSWERS: WeakKeyDictionary[Store, dict[str | None, StoreAnswers]] = WeakKeyDictionary()


def answers(store: Store) -> StoreAnswers:
    """The shared `StoreAnswers` of the store's chosen briefing (dropped with the store)."""
    briefing = store.briefing()
    briefing_id = briefing.id if briefing is not None else None
    per_briefing = _ANSWERS.setdefault(store, {})
    found = per_briefing.get(briefing_id)
    if found is None:
        found = per_briefing[briefing_id] = StoreAnswers(store, briefing_id)
    return found
