"""Every QAction of the viewer, described once and built by one helper.

An `ActionSpec` holds the English source text and status tip (translated in the
"Actions" context, so `retranslate` can redo them after a language switch), the
platform's standard shortcut where Qt has one, and explicit keys the brief promises on
every platform (F11, Ctrl+L, Ctrl+1..4).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from jhviewer.ui.i18n import translate

StandardKey = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    tip: str = ""
    standard: StandardKey | None = None
    keys: tuple[str, ...] = ()
    checkable: bool = False
    translated: bool = True


class SpecAction(QAction):
    """A QAction that remembers its spec, so its texts can be translated again."""

    def __init__(self, spec: ActionSpec, parent: QObject) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setObjectName(spec.name)
        self.setCheckable(spec.checkable)
        self.setShortcuts(shortcuts(spec))
        self.retranslate()

    def retranslate(self) -> None:
        spec = self.spec
        text = translate("Actions", spec.text) if spec.translated else spec.text
        tip = translate("Actions", spec.tip) if spec.tip else ""
        self.setText(text)
        self.setStatusTip(tip)
        self.setToolTip(tip or text.replace("&", ""))


def shortcuts(spec: ActionSpec) -> list[QKeySequence]:
    """The platform's standard bindings first, then the explicit keys not already bound."""
    bindings = list(QKeySequence.keyBindings(spec.standard)) if spec.standard else []
    for key in spec.keys:
        sequence = QKeySequence(key)
        if sequence not in bindings:
            bindings.append(sequence)
    return bindings


def make_action(
    parent: QObject,
    spec: ActionSpec,
    slot: Callable[..., object] | None = None,
    context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
) -> SpecAction:
    action = SpecAction(spec, parent)
    action.setShortcutContext(context)
    if slot is not None:
        if spec.checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(slot)
    return action


def retranslate(actions: Iterable[QAction]) -> None:
    for action in actions:
        if isinstance(action, SpecAction):
            action.retranslate()


# --- the specs ---------------------------------------------------------------------------

OPEN = ActionSpec(
    "open", QT_TRANSLATE_NOOP("Actions", "&Open Database..."),
    QT_TRANSLATE_NOOP("Actions", "Open a jhviewer database file"), StandardKey.Open,
)
OPEN_BUILTIN = ActionSpec(
    "open-builtin", QT_TRANSLATE_NOOP("Actions", "Open the &Built-in Briefing"),
    QT_TRANSLATE_NOOP("Actions", "Open the briefing shipped with jhviewer"),
)
CLEAR_RECENT = ActionSpec(
    "clear-recent", QT_TRANSLATE_NOOP("Actions", "&Clear Recent Files"),
    QT_TRANSLATE_NOOP("Actions", "Forget the recently opened databases"),
)
PRINT_PREVIEW = ActionSpec(
    "print-preview", QT_TRANSLATE_NOOP("Actions", "Print Pre&view..."),
    QT_TRANSLATE_NOOP("Actions", "See the printed briefing before printing it"),
    keys=("Ctrl+Shift+P",),
)
PRINT = ActionSpec(
    "print", QT_TRANSLATE_NOOP("Actions", "&Print..."),
    QT_TRANSLATE_NOOP("Actions", "Print the briefing"), StandardKey.Print,
)
EXPORT_PDF = ActionSpec(
    "export-pdf", QT_TRANSLATE_NOOP("Actions", "&Export PDF..."),
    QT_TRANSLATE_NOOP("Actions", "Save the briefing as a PDF file"), keys=("Ctrl+E",),
)
QUIT = ActionSpec(
    "quit", QT_TRANSLATE_NOOP("Actions", "&Quit"),
    QT_TRANSLATE_NOOP("Actions", "Close jhviewer"), StandardKey.Quit, keys=("Ctrl+Q",),
)
FIND = ActionSpec(
    "find", QT_TRANSLATE_NOOP("Actions", "&Find..."),
    QT_TRANSLATE_NOOP("Actions", "Search the district facts"), StandardKey.Find,
)
COPY_FACT = ActionSpec(
    "copy-fact", QT_TRANSLATE_NOOP("Actions", "&Copy Fact with Source"),
    QT_TRANSLATE_NOOP("Actions", "Copy the selected fact with its source text and location"),
    StandardKey.Copy,
)
CLEAR_SEARCH = ActionSpec(
    "clear-search", QT_TRANSLATE_NOOP("Actions", "Clear Search"),
    QT_TRANSLATE_NOOP("Actions", "Clear the search box"), keys=("Escape",),
)
SWITCH_LANGUAGE = ActionSpec(
    "switch-language", QT_TRANSLATE_NOOP("Actions", "Switch &Language"),
    QT_TRANSLATE_NOOP("Actions", "Switch between Chinese and English"), keys=("Ctrl+L",),
)
LANGUAGE_ZH = ActionSpec("language-zh", "中文", checkable=True, translated=False)
LANGUAGE_EN = ActionSpec("language-en", "English", checkable=True, translated=False)
PRESENTATION = ActionSpec(
    "presentation", QT_TRANSLATE_NOOP("Actions", "&Presentation Mode"),
    QT_TRANSLATE_NOOP("Actions", "Full screen with larger type, for a projector"),
    StandardKey.FullScreen, keys=("F11",), checkable=True,
)
SHOW_OVERVIEW = ActionSpec(
    "show-overview", QT_TRANSLATE_NOOP("Actions", "&Overview"),
    QT_TRANSLATE_NOOP("Actions", "Show the overview"), keys=("Ctrl+1",),
)
SHOW_FACTS = ActionSpec(
    "show-facts", QT_TRANSLATE_NOOP("Actions", "&District Facts"),
    QT_TRANSLATE_NOOP("Actions", "Show the district facts"), keys=("Ctrl+2",),
)
SHOW_TARGETS = ActionSpec(
    "show-targets", QT_TRANSLATE_NOOP("Actions", "&Targets"),
    QT_TRANSLATE_NOOP("Actions", "Show the briefing's targets"), keys=("Ctrl+3",),
)
SHOW_CHARTS = ActionSpec(
    "show-charts", QT_TRANSLATE_NOOP("Actions", "C&harts"),
    QT_TRANSLATE_NOOP("Actions", "Show the charts"), keys=("Ctrl+4",),
)
ABOUT = ActionSpec(
    "about", QT_TRANSLATE_NOOP("Actions", "&About jhviewer"),
    QT_TRANSLATE_NOOP("Actions", "Version, data source and font licence"),
)
