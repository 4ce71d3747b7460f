"""Overview (概览): the district, the briefing, its headline figures and its structure block.

The structure block is the briefing's own list of tiers of entities (`[structure]` in the
briefing file), such as a district's industrial system.

Deliberately cheap: plain widgets only (no pyqtgraph), because this is the first thing
painted at start-up.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QWidget

from jhviewer.data.format import kind_name, value_number, year_text
from jhviewer.data.records import Briefing, Entity, Fact, Lang, Tier
from jhviewer.data.store import Store
from jhviewer.ui import style
from jhviewer.ui.i18n import translate
from jhviewer.ui.style import Role
from jhviewer.ui.text import tooltip
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


class OverviewPanel(PagePanel):
    def __init__(self, lang: Lang = "zh", parent: QWidget | None = None) -> None:
        super().__init__("overview", (48, 28, 48, 36), lang, parent)
        self.tiles: list[QFrame] = []
        self.tier_boxes: list[list[QLabel]] = []
        self._rebuild()

    # --- building ----------------------------------------------------------------------

    def _rebuild(self) -> None:
        clear_layout(self._layout)
        self.tiles = []
        self.tier_boxes = []
        store = self._store
        briefing = store.briefing() if store is not None else None
        if store is None or briefing is None:
            self._add_empty_state()
            return
        lang = self._lang
        eyebrow = f"{briefing.district(lang)} · {briefing.city(lang)} · {briefing.year}"
        self._layout.addWidget(_named(style.accent(role_label(eyebrow, Role.EYEBROW)), "district"))
        self._layout.addWidget(_named(role_label(briefing.title(lang), Role.TITLE, True), "title"))
        self._layout.addWidget(
            _named(role_label(briefing.publisher(lang), Role.SUBTITLE, True), "publisher")
        )
        source = translate("Overview", "Source: {source}").format(source=briefing.source(lang))
        source_label = style.muted(role_label(source, Role.CAPTION, True))
        self._layout.addWidget(_named(source_label, "source"))
        sections = store.sections(briefing.id)
        summary = sections[0] if sections else None
        if summary is not None:
            self._layout.addSpacing(6)
            text = role_label(summary.summary(lang), Role.SUBTITLE, True)
            self._layout.addWidget(_named(text, "summary"))
        self._add_headlines(store.headline_facts(briefing.id)[:MAX_TILES])
        self._add_structure(store, briefing)
        self._layout.addStretch(1)

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

    def _heading(self, text: str, name: str) -> None:
        self._layout.addSpacing(8)
        self._layout.addWidget(_named(role_label(text, Role.HEADING), name))

    def _add_headlines(self, facts: list[Fact]) -> None:
        if not facts:
            return
        self._heading(translate("Overview", "Headline figures"), "headline-heading")
        holder = QWidget()
        flow = FlowLayout(holder, spacing=16, column_width=round(TILE_WIDTH * style.scale()))
        for fact in facts:
            tile = self._tile(fact)
            self.tiles.append(tile)
            flow.addWidget(tile)
        self._layout.addWidget(holder)

    def _tile(self, fact: Fact) -> QFrame:
        lang = self._lang
        frame, layout = card("tile", fact.label(lang))
        frame.setToolTip(tooltip(fact.label(lang), fact.description(lang), f"“{fact.evidence}”"))
        layout.addWidget(role_label(fact.label(lang), Role.STRONG, True))
        layout.addStretch(1)
        layout.addLayout(figure_row(fact, lang, Role.FIGURE))
        caption = f"{year_text(fact.year, lang)} · {kind_name(fact.kind, lang)}"
        layout.addWidget(style.muted(role_label(caption, Role.CAPTION)))
        return frame

    def _add_structure(self, store: Store, briefing: Briefing) -> None:
        tiers = store.tiers(briefing.id)
        if not tiers:
            return
        facts = {f.id: f for f in store.facts_by_ids([t.fact_id for t in tiers if t.fact_id])}
        title = briefing.structure_title(self._lang)
        self._heading(title, "system-heading")
        diagram = QFrame()
        diagram.setObjectName("system-diagram")
        diagram.setAccessibleName(title)
        grid = QGridLayout(diagram)
        grid.setContentsMargins(0, 6, 0, 0)
        grid.setHorizontalSpacing(20)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(1, 1)
        for row, tier in enumerate(tiers):
            fact = facts.get(tier.fact_id or "")
            grid.addWidget(self._tier_caption(tier, fact), row, 0)
            grid.addWidget(self._tier_boxes(row, list(tier.entities)), row, 1)
        self._layout.addWidget(diagram)

    def _tier_caption(self, tier: Tier, fact: Fact | None) -> QWidget:
        holder = QWidget()
        holder.setMinimumWidth(round(190 * style.scale()))
        layout = QHBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        count = (
            value_number(fact, self._lang) if fact is not None and fact.value is not None
            else str(len(tier.entities))
        )
        layout.addWidget(style.accent(role_label(count, Role.TIER)))
        label = role_label(tier.title(self._lang), Role.STRONG, True)
        if fact is not None:
            label.setToolTip(tooltip(fact.label(self._lang), fact.description(self._lang)))
        layout.addWidget(label, 1)
        return holder

    def _tier_boxes(self, tier: int, industries: list[Entity]) -> QWidget:
        """The tier's industries as boxes in rows that wrap when the page is narrow."""
        holder = QWidget()
        row = FlowLayout(holder, spacing=12, column_width=round(TIER_BOX_WIDTH * style.scale()))
        boxes = []
        for entity in industries:
            box = role_label(entity.name(self._lang), Role.STRONG, True)
            box.setObjectName("tier-box")
            box.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.setMinimumHeight(round(40 * style.scale()))
            box.setStyleSheet(_tier_style(self.palette(), tier))
            box.setAccessibleName(entity.name(self._lang))
            row.addWidget(box)
            boxes.append(box)
        self.tier_boxes.append(boxes)
        return holder


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
