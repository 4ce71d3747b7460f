"""Overview (概览): the district, the briefing, its headline figures and its structure block.

The structure block is the briefing's own list of tiers of entities (`[structure]` in the
briefing file), such as a district's industrial system.

Deliberately cheap: plain widgets only (no pyqtgraph), because this is the first thing
painted at start-up. Switching briefing puts the new briefing's texts into the widgets
there are (building some 60 widgets afresh took 70 ms a switch): each headline tile whose
figure has the same parts (qualifier, unit) and each tier row is kept; only a block shaped
otherwise is built anew. A page so updated looks exactly as one built for that briefing.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QWidget

from jhviewer.data.format import display_value, figure_parts, kind_name, value_number, year_text
from jhviewer.data.records import Briefing, Entity, Fact, Lang, Tier
from jhviewer.ui import style
from jhviewer.ui.i18n import translate
from jhviewer.ui.style import Role
from jhviewer.ui.text import breakable, tooltip
from jhviewer.ui.widgets import (
    FlowLayout,
    PagePanel,
    card,
    clear_layout,
    figure_row,
    role_label,
)

MAX_TILES = 12
TILE_WIDTH = 250
TIER_BOX_WIDTH = 150


@dataclass(frozen=True)
class _Content:
    """What the Overview shows of one briefing, read before any widget changes."""

    briefing: Briefing
    summary: str | None  # the first section's summary; None when there is no section
    headlines: list[Fact]
    tiers: list[Tier]
    tier_facts: dict[str, Fact]

    def shape(self) -> tuple[bool, bool, int]:
        """What decides the page's blocks: a summary, headline figures, how many tiers."""
        return self.summary is not None, bool(self.headlines), len(self.tiers)


@dataclass
class _Tile:
    """A headline tile and the labels its fact's texts go into."""

    frame: QFrame
    label: QLabel
    figure: QLabel
    qualifier: QLabel | None
    unit: QLabel | None
    caption: QLabel

    def fits(self, fact: Fact, lang: Lang) -> bool:
        """Whether the fact's figure has the parts this tile has (a qualifier, a unit)."""
        parts = figure_parts(fact, lang)
        return (bool(parts.before), bool(parts.after)) == (
            self.qualifier is not None, self.unit is not None
        )


@dataclass
class _TierRow:
    count: QLabel
    title: QLabel
    flow: FlowLayout
    boxes: list[QLabel]


class OverviewPanel(PagePanel):
    def __init__(self, lang: Lang = "zh", parent: QWidget | None = None) -> None:
        super().__init__("overview", (48, 28, 48, 36), lang, parent)
        self.tiles: list[QFrame] = []
        self.tier_boxes: list[list[QLabel]] = []
        self._tiles: list[_Tile] = []
        self._tier_rows: list[_TierRow] = []
        self._texts: dict[str, QLabel] = {}  # the header's labels and the headings, by name
        self._headline_flow: FlowLayout | None = None
        self._diagram: QFrame | None = None
        self._shape: tuple[bool, bool, int] | None = None  # of the page as built
        self._rebuild()

    def briefing_changed(self) -> None:
        """Show the store's chosen briefing in the widgets there are, where they fit."""
        content = self._read()
        if content is None or content.shape() != self._shape:
            self._build(content)
        else:
            self._update(content)

    # --- reading -----------------------------------------------------------------------

    def _read(self) -> _Content | None:
        """The shown briefing's texts and facts: a few small queries (none if no store)."""
        store = self._store
        briefing = store.briefing() if store is not None else None
        if store is None or briefing is None:
            return None
        first = store.sections_page(briefing.id, 0, 1)  # not all: there may be 100,000
        tiers = store.tiers(briefing.id)
        fact_ids = [t.fact_id for t in tiers if t.fact_id]
        return _Content(
            briefing,
            first[0].summary(self._lang) if first else None,
            store.headline_facts(briefing.id)[:MAX_TILES],
            tiers,
            {f.id: f for f in store.facts_by_ids(fact_ids)} if fact_ids else {},
        )

    # --- building ----------------------------------------------------------------------

    def _rebuild(self) -> None:
        self._build(self._read())

    def _build(self, content: _Content | None) -> None:
        """Every widget of the page afresh (the language, the scale or the blocks changed)."""
        clear_layout(self._layout)
        self.tiles, self.tier_boxes = [], []
        self._tiles, self._tier_rows, self._texts = [], [], {}
        self._headline_flow, self._diagram = None, None
        self._shape = content.shape() if content is not None else None
        if content is None:
            self._add_empty_state()
            return
        for name, role in (("district", Role.EYEBROW), ("title", Role.TITLE),
                           ("publisher", Role.SUBTITLE), ("source", Role.CAPTION)):
            label = _named(role_label("", role, name != "district"), name)
            if name == "district":
                style.accent(label)
            elif name == "source":
                style.muted(label)
            self._texts[name] = label
            self._layout.addWidget(label)
        if content.summary is not None:
            self._layout.addSpacing(6)
            self._texts["summary"] = _named(role_label("", Role.SUBTITLE, True), "summary")
            self._layout.addWidget(self._texts["summary"])
        if content.headlines:
            self._heading("headline-heading")
            holder = QWidget()
            self._headline_flow = FlowLayout(
                holder, spacing=16, column_width=round(TILE_WIDTH * style.scale())
            )
            self._layout.addWidget(holder)
        if content.tiers:
            self._heading("system-heading")
            self._add_diagram(len(content.tiers))
        self._layout.addStretch(1)
        self._update(content)

    def _add_empty_state(self) -> None:
        self._layout.addStretch(1)
        title = role_label(translate("Overview", "No briefing is open"), Role.HEADING)
        hint = style.muted(role_label(
            translate("Overview", "Use File › Open Database... or open the built-in briefing."),
            Role.BODY, True,
        ))
        for label in (title, hint):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._layout.addWidget(label)
        self._layout.addStretch(2)

    def _heading(self, name: str) -> None:
        self._layout.addSpacing(8)
        label = _named(role_label("", Role.HEADING), name)
        self._texts[name] = label
        self._layout.addWidget(label)

    def _add_diagram(self, tiers: int) -> None:
        diagram = QFrame()
        diagram.setObjectName("system-diagram")
        grid = QGridLayout(diagram)
        grid.setContentsMargins(0, 6, 0, 0)
        grid.setHorizontalSpacing(20)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(1, 1)
        for row in range(tiers):
            caption, count, title = self._tier_caption()
            holder = QWidget()
            flow = FlowLayout(
                holder, spacing=12, column_width=round(TIER_BOX_WIDTH * style.scale())
            )
            grid.addWidget(caption, row, 0)
            grid.addWidget(holder, row, 1)
            self._tier_rows.append(_TierRow(count, title, flow, []))
        self._diagram = diagram
        self._layout.addWidget(diagram)

    def _tier_caption(self) -> tuple[QWidget, QLabel, QLabel]:
        holder = QWidget()
        holder.setMinimumWidth(round(190 * style.scale()))
        layout = QHBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        count = style.accent(role_label("", Role.TIER))
        title = role_label("", Role.STRONG, True)
        layout.addWidget(count)
        layout.addWidget(title, 1)
        return holder, count, title

    def _new_tile(self, fact: Fact) -> _Tile:
        frame, layout = card("tile")
        label = role_label("", Role.STRONG, True)
        layout.addWidget(label)
        layout.addStretch(1)
        layout.addLayout(figure_row(fact, self._lang, Role.FIGURE))
        caption = style.muted(role_label("", Role.CAPTION))
        layout.addWidget(caption)
        figure = frame.findChild(QLabel, "figure")
        assert figure is not None
        return _Tile(frame, label, figure, frame.findChild(QLabel, "qualifier"),
                     frame.findChild(QLabel, "unit"), caption)

    def _new_box(self, tier: int) -> QLabel:
        box = role_label("", Role.STRONG, True)
        box.setObjectName("tier-box")
        box.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box.setMinimumHeight(round(40 * style.scale()))
        box.setStyleSheet(_tier_style(self.palette(), tier))
        return box

    # --- filling -----------------------------------------------------------------------

    def _update(self, content: _Content) -> None:
        """Put `content` into the page's widgets; tiles and boxes are added, dropped or
        (a tile whose figure has other parts) replaced to fit."""
        lang, briefing = self._lang, content.briefing
        texts = {
            "district": f"{briefing.district(lang)} · {briefing.city(lang)} · {briefing.year}",
            "title": briefing.title(lang),
            "publisher": briefing.publisher(lang),
            "source": translate("Overview", "Source: {source}").format(
                source=briefing.source(lang)
            ),
            "summary": content.summary,
            "headline-heading": translate("Overview", "Headline figures"),
            "system-heading": briefing.structure_title(lang),
        }
        for name, text in texts.items():
            label = self._texts.get(name)
            if label is not None and text is not None:
                _set_text(label, text, wrap=label.wordWrap())
                label.setAccessibleName(label.text())
        if self._headline_flow is not None:
            self._fill_tiles(self._headline_flow, content.headlines)
        if self._diagram is not None:
            self._diagram.setAccessibleName(briefing.structure_title(lang))
            for row, (tier, parts) in enumerate(zip(content.tiers, self._tier_rows, strict=True)):
                self._fill_tier(row, parts, tier, content.tier_facts.get(tier.fact_id or ""))
        self.tiles = [tile.frame for tile in self._tiles]
        self.tier_boxes = [list(row.boxes) for row in self._tier_rows]

    def _fill_tiles(self, flow: FlowLayout, facts: list[Fact]) -> None:
        lang = self._lang
        while len(self._tiles) > len(facts):
            _drop(flow, len(self._tiles) - 1, self._tiles.pop().frame)
        for index, fact in enumerate(facts):
            if index < len(self._tiles) and not self._tiles[index].fits(fact, lang):
                _drop(flow, index, self._tiles[index].frame)
                self._tiles[index] = self._new_tile(fact)
                flow.insert_widget(index, self._tiles[index].frame)
            elif index == len(self._tiles):
                self._tiles.append(self._new_tile(fact))
                flow.addWidget(self._tiles[index].frame)
            _fill_tile(self._tiles[index], fact, lang)

    def _fill_tier(self, row: int, parts: _TierRow, tier: Tier, fact: Fact | None) -> None:
        lang = self._lang
        parts.count.setText(
            value_number(fact, lang) if fact is not None and fact.value is not None
            else str(len(tier.entities))
        )
        _set_text(parts.title, tier.title(lang), wrap=True)
        parts.title.setToolTip(
            tooltip(fact.label(lang), fact.description(lang)) if fact is not None else ""
        )
        entities: list[Entity] = list(tier.entities)
        while len(parts.boxes) > len(entities):
            _drop(parts.flow, len(parts.boxes) - 1, parts.boxes.pop())
        while len(parts.boxes) < len(entities):
            parts.boxes.append(self._new_box(row))
            parts.flow.addWidget(parts.boxes[-1])
        for box, entity in zip(parts.boxes, entities, strict=True):
            _set_text(box, entity.name(lang), wrap=True)
            box.setAccessibleName(entity.name(lang))


def _fill_tile(tile: _Tile, fact: Fact, lang: Lang) -> None:
    """The fact's label, figure (with its qualifier and unit) and caption into `tile`."""
    label = fact.label(lang)
    tile.frame.setAccessibleName(label)
    tile.frame.setToolTip(tooltip(label, fact.description(lang), f"“{fact.evidence}”"))
    _set_text(tile.label, label, wrap=True)
    parts = figure_parts(fact, lang)
    _set_text(tile.figure, parts.number, wrap=False)
    tile.figure.setAccessibleName(display_value(fact, lang))
    if tile.qualifier is not None:
        _set_text(tile.qualifier, parts.before, wrap=False)
    if tile.unit is not None:
        _set_text(tile.unit, parts.after, wrap=True)
    _set_text(tile.caption, f"{year_text(fact.year, lang)} · {kind_name(fact.kind, lang)}",
              wrap=False)


def _set_text(label: QLabel, text: str, wrap: bool) -> None:
    """As `role_label` puts it: a wrapping label's overly long words made breakable."""
    shown = breakable(text) if wrap else text
    if label.text() != shown:  # an unchanged text costs no new layout
        label.setText(shown)


def _drop(flow: FlowLayout, index: int, widget: QWidget) -> None:
    """Take the widget at `index` out of `flow` and delete it."""
    flow.takeAt(index)
    widget.setParent(None)
    widget.deleteLater()


def _tier_style(palette: QPalette, tier: int) -> str:
    """Strongest fill for the drivers, lighter for each tier below; all from the palette."""
    highlight = palette.color(QPalette.ColorRole.Highlight)
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    if tier == 0:
        fill, ink = highlight, palette.color(QPalette.ColorRole.HighlightedText)
    else:
        fill, ink = style.blend(base, highlight, 0.28 if tier == 1 else 0.1), text
    border: QColor = style.blend(fill, highlight, 0.6)
    return (
        f"QLabel#tier-box {{ background-color: {fill.name()}; color: {ink.name()};"
        f" border: 1px solid {border.name()}; border-radius: 8px; padding: 4px 10px; }}"
    )


def _named(widget: QLabel, name: str) -> QLabel:
    widget.setObjectName(name)
    widget.setAccessibleName(widget.text())
    return widget
