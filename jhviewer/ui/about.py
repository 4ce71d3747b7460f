"""Help ▸ About: the version, the briefing shown with its source, the bundled font."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from jhviewer import __version__
from jhviewer.data.records import Lang
from jhviewer.data.store import Store
from jhviewer.fonts import FONT_FAMILY
from jhviewer.paths import FONTS_DIR
from jhviewer.ui.i18n import translate


def show_about(parent: QWidget, text: str) -> None:
    """The About box (plain text: database text is never markup) with `text` below the
    version."""
    from PySide6.QtWidgets import QMessageBox  # here: its first use costs start-up a ms

    box = QMessageBox(parent)
    box.setObjectName("about")
    box.setWindowTitle(translate("MainWindow", "About jhviewer"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(translate("MainWindow", "jhviewer {version}").format(version=__version__))
    box.setInformativeText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.exec()


def about_text(store: Store | None, lang: Lang) -> str:
    """The About box's lines in `lang`: what jhviewer is; the shown briefing's own about
    text, title, publisher and source (from the database) and the database's path; the
    font and its licence."""
    briefing = store.briefing() if store is not None else None
    lines = [translate("MainWindow", "An offline viewer of district briefings.")]
    if briefing is not None and store is not None:
        lines += [
            "",
            briefing.about(lang),
            translate("MainWindow", "Data: {title}, {publisher}.").format(
                title=briefing.title(lang), publisher=briefing.publisher(lang)
            ),
            briefing.source(lang),
            translate("MainWindow", "Database: {path}").format(path=store.path),
        ]
    lines += [
        "",
        translate(
            "MainWindow",
            "Font: {family}, a subset of Noto Sans CJK SC by Adobe and Google, under the "
            "SIL Open Font License 1.1 ({licence}).",
        ).format(family=FONT_FAMILY, licence=FONTS_DIR / "OFL.txt"),
    ]
    return "\n".join(lines)
