"""The targets summary: every target of the briefing's year as a card, under the briefing's
own name for it (`targets_title_*` in the briefing file).

Cards are grouped as the source groups them (its numbered bullets) and keep source
order. Where the store has an earlier result for the same indicator, the card shows it
beside the target ("2023: 7.4%").
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from jhviewer.data.format import display_value
from jhviewer.data.records import Briefing, Fact, Lang
from jhviewer.data.store import Store
from jhviewer.ui import style
from jhviewer.ui.i18n import translate
from jhviewer.ui.models import answers
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
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("targets", (48, 36, 48, 48), "zh", parent)
        self.cards: list[QFrame] = []
        self._rebuild()

    def _rebuild(self) -> None:
        clear_layout(self._layout)
        self.cards = []
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
        return frame


def _comparison(result: Fact, lang: Lang) -> QLabel:
    text = translate("Targets", "{year} result: {value}").format(
        year=result.year, value=display_value(result, lang)
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
