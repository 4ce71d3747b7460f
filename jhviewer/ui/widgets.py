"""Small widgets the panels share: a flow layout for cards, card frames, scrolling pages."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QFontMetricsF, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QListView,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
    QWidgetItem,
)

from jhviewer.data.format import display_value, figure_parts
from jhviewer.data.records import Fact, Lang
from jhviewer.data.store import Store
from jhviewer.ui import style
from jhviewer.ui.style import Role
from jhviewer.ui.text import breakable, plain_label

CARD_STYLE = (
    "QFrame#card { background-color: palette(base); border: 1px solid palette(mid);"
    " border-radius: 10px; }"
)


MAX_JUSTIFY_STRETCH = 0.3


class Panel(QWidget):
    """A tab's content: shows one store in one language, at the current type scale."""

    def set_store(self, store: Store | None) -> None:
        raise NotImplementedError

    def set_language(self, lang: Lang) -> None:
        raise NotImplementedError

    def briefing_changed(self) -> None:
        """The store now shows another briefing (`Store.select_briefing`): show it."""
        raise NotImplementedError

    def restyle(self) -> None:
        """Fonts were rescaled (presentation mode): rebuild what depends on sizes."""


class PagePanel(Panel):
    """A scrolling page drawn afresh from its store and language whenever either changes.

    Subclasses fill `self._layout` in `_rebuild`, and call it at the end of their __init__.
    """

    def __init__(
        self, name: str, margins: tuple[int, int, int, int], lang: Lang = "zh",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._store: Store | None = None
        self._lang: Lang = lang
        self.content = QWidget()
        self.content.setObjectName(f"{name}-content")
        self._layout = QVBoxLayout(self.content)
        self._layout.setContentsMargins(*margins)
        self._layout.setSpacing(10)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll_page(self.content))

    def set_store(self, store: Store | None) -> None:
        if store is not self._store:
            self._store = store
            self._refill()

    def set_language(self, lang: Lang) -> None:
        if lang != self._lang:
            self._lang = lang
            self._refill()

    def briefing_changed(self) -> None:
        self._rebuild()

    def restyle(self) -> None:
        self._refill()

    def _refill(self) -> None:
        """`_rebuild` from one consistent view of the file (see `Store.snapshot`)."""
        if self._store is None:
            self._rebuild()
            return
        with self._store.snapshot():
            self._rebuild()

    def _rebuild(self) -> None:
        raise NotImplementedError


class FlowLayout(QLayout):
    """Cards in rows that wrap (after Qt's flow layout example).

    With `column_width`, it is a responsive grid instead: as many equal columns of at
    least that width as fit, each card stretched to its column. With `justify`, items in
    every row but the last widen to fill it. Every item in a row gets the row's height, so
    card edges line up.
    """

    def __init__(
        self, parent: QWidget | None = None, spacing: int = 16, column_width: int = 0,
        justify: bool = False,
    ) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.column_width = column_width
        self.justify = justify
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def insert_widget(self, index: int, widget: QWidget) -> None:
        """Put `widget` in the flow at `index` (addWidget puts it last)."""
        self.addChildWidget(widget)
        self._items.insert(index, QWidgetItem(widget))
        self.invalidate()

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize(self.column_width, 0)
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins: QMargins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _widths(self, available: int) -> list[int]:
        """The width of each item: its own, or its grid column's."""
        if not self.column_width:
            return [min(item.sizeHint().width(), available) for item in self._items]
        columns = max(1, (available + self._spacing) // (self.column_width + self._spacing))
        columns = min(columns, max(1, len(self._items)))
        width = max(1, (available - (columns - 1) * self._spacing) // columns)
        return [width] * len(self._items)

    def _rows(self, available: int) -> list[list[tuple[QLayoutItem, int]]]:
        rows: list[list[tuple[QLayoutItem, int]]] = [[]]
        used = 0
        for item, width in zip(self._items, self._widths(available), strict=True):
            if rows[-1] and used + self._spacing + width > available:
                rows.append([])
                used = 0
            used += (self._spacing if rows[-1] else 0) + width
            rows[-1].append((item, width))
        if self.justify:
            for row in rows[:-1]:  # like justified text, the last row keeps its widths
                natural = sum(width for _, width in row)
                extra = available - natural - self._spacing * (len(row) - 1)
                if 0 < extra <= natural * MAX_JUSTIFY_STRETCH:  # else a lone item would balloon
                    row[:] = [(item, width + extra * width // natural) for item, width in row]
        return rows

    def _arrange(self, rect: QRect, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        y = area.y()
        for row in self._rows(max(1, area.width())):
            heights = [
                item.heightForWidth(width) if item.hasHeightForWidth() else item.sizeHint().height()
                for item, width in row
            ]
            row_height = max(heights, default=0)
            x = area.x()
            for item, width in row:
                if move:
                    item.setGeometry(QRect(QPoint(x, y), QSize(width, row_height)))
                x += width + self._spacing
            y += row_height + self._spacing
        return max(0, y - self._spacing - rect.y()) + margins.bottom()


def card(name: str, accessible: str = "") -> tuple[QFrame, QVBoxLayout]:
    """A rounded panel in the palette's base colour, and its layout."""
    frame = QFrame()
    frame.setObjectName("card")
    frame.setStyleSheet(CARD_STYLE)
    frame.setProperty("cardName", name)
    if accessible:
        frame.setAccessibleName(accessible)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(18, 12, 18, 12)
    layout.setSpacing(2)
    return frame, layout


def role_label(text: str, role: Role, wrap: bool = False) -> QLabel:
    """A plain-text label in a typography role; a wrapping one breaks even a word longer
    than the window (`text.breakable`)."""
    label = plain_label(breakable(text) if wrap else text)
    style.set_role(label, role)
    label.setWordWrap(wrap)  # also gives the label height-for-width
    return label


def scroll_page(content: QWidget) -> QScrollArea:
    """`content` in a vertical scroll area that keeps the window's background."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    # The page shows the window colour, not the scroll area's base colour. (Styling the
    # area, not calling viewport(): its first call costs ~20 ms of start-up in PySide6.)
    area.setBackgroundRole(QPalette.ColorRole.Window)
    return area


def clear_layout(layout: QLayout) -> None:
    """Remove and delete every item (and nested layout) of `layout`."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        if widget is not None:
            widget.setParent(None)
            widget.deleteLater()
        child = item.layout()
        if child is not None:
            clear_layout(child)


class FittedLabel(QLabel):
    """A one-line plain-text label that draws its text smaller rather than clip it.

    Big figures such as "CNY 45 billion" may not fit a narrow card; shrinking them at paint
    time keeps the layout stable (the label keeps its height) and the figure whole.
    """

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().height() * 2), hint.height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        rect = self.contentsRect()
        font = QFont(self.font())
        needed = QFontMetricsF(font).horizontalAdvance(self.text())
        if needed > rect.width() > 0:
            factor = rect.width() / needed * 0.98
            if font.pointSizeF() > 0:
                font.setPointSizeF(max(1.0, font.pointSizeF() * factor))
            else:  # a font sized in pixels
                font.setPixelSize(max(1, int(font.pixelSize() * factor)))
        painter = QPainter(self)
        painter.setFont(font)
        painter.setPen(self.palette().color(self.foregroundRole()))
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
        painter.drawText(rect, int(align), self.text())
        painter.end()


class ElidedLabel(QLabel):
    """A one-line plain-text label that, when narrower than its text, draws it shortened
    with an ellipsis (in the middle by default: a path keeps its file name) instead of
    cutting it off; `text()` stays whole, and the tooltip can show it."""

    def __init__(self, text: str = "", mode: Qt.TextElideMode = Qt.TextElideMode.ElideMiddle,
                 min_chars: int = 12) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)
        self.mode = mode
        self.min_chars = min_chars

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        narrow = self.fontMetrics().horizontalAdvance("0") * self.min_chars
        margins = self.contentsMargins()
        return QSize(min(hint.width(), narrow + margins.left() + margins.right()),
                     hint.height())

    def shown_text(self) -> str:
        """What is drawn: the text, elided to the label's width."""
        return self.fontMetrics().elidedText(self.text(), self.mode, self.contentsRect().width())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.setFont(self.font())
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(self.contentsRect(), int(align), self.shown_text())
        painter.end()


def figure_row(fact: Fact, lang: Lang, role: Role) -> QHBoxLayout:
    """'more than' + the big figure + its unit, smaller words on the figure's baseline.

    Each part once, in the order the language reads: '超' '25' '个', '600' '多家',
    'est.' '7.4%', '100' 'people or more'; a claim in words ('全市率先推出') is the figure.
    """
    row = QHBoxLayout()
    row.setSpacing(6)
    parts = figure_parts(fact, lang)
    qualifier, text, unit = parts.before, parts.number, parts.after
    figure = FittedLabel(text)
    style.set_role(figure, role)
    style.accent(figure)
    figure.setObjectName("figure")
    figure.setAccessibleName(display_value(fact, lang))
    if qualifier:
        row.addWidget(_beside(figure, qualifier, "qualifier"), 0, Qt.AlignmentFlag.AlignBottom)
    row.addWidget(figure, 0, Qt.AlignmentFlag.AlignBottom)
    if unit:
        row.addWidget(_beside(figure, unit, "unit"), 1, Qt.AlignmentFlag.AlignBottom)
    else:
        row.addStretch(1)
    return row


def _beside(figure: QLabel, text: str, name: str) -> QLabel:
    label = role_label(text, Role.UNIT, wrap=name == "unit")  # "registered entities" may wrap
    label.setObjectName(name)
    if name == "unit":  # wrapping breaks at spaces, never inside "institutions"
        words = text.split() or [text]
        label.setMinimumWidth(max(label.fontMetrics().horizontalAdvance(w) for w in words) + 1)
    if name == "qualifier":
        style.muted(label)
    # Sit on the figure's baseline rather than its bottom edge.
    descent = figure.fontMetrics().descent() - label.fontMetrics().descent()
    label.setContentsMargins(0, 0, 0, max(0, descent))
    return label


class WrappingItemDelegate(QStyledItemDelegate):
    """List items whose text wraps (at spaces, and between Chinese characters) in full.

    Qt's own item painting measured a long name with other metrics than it painted it, so
    it came out cut, or elided above an empty line. Here the height and the painting use
    the view's font, its width and one set of text flags."""

    PADDING = 4
    FLAGS = Qt.TextFlag.TextWordWrap

    def _view(self) -> QAbstractItemView | None:
        view = self.parent()
        return view if isinstance(view, QAbstractItemView) else None

    def _width(self, option: QStyleOptionViewItem) -> int:
        view = self._view()
        if view is None:
            return max(20, option.rect.width() - 2 * self.PADDING)
        spacing = view.spacing() if isinstance(view, QListView) else 0
        return max(20, view.viewport().width() - 2 * (self.PADDING + spacing))

    def _font(self, option: QStyleOptionViewItem) -> QFont:
        view = self._view()
        return view.font() if view is not None else option.font

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        width = self._width(option)
        box = QFontMetrics(self._font(option)).boundingRect(
            QRect(0, 0, width, 100_000), int(self.FLAGS), text
        )
        return QSize(width + 2 * self.PADDING, box.height() + 2 * self.PADDING)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        text = item.text
        item.text = ""
        style = item.widget.style() if item.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setPen(item.palette.color(role))
        painter.setFont(self._font(option))
        rect = item.rect.adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        painter.drawText(rect, int(self.FLAGS | Qt.AlignmentFlag.AlignLeft
                                   | Qt.AlignmentFlag.AlignVCenter), text)
        painter.restore()
