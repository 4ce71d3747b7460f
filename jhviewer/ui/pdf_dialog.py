"""File ▸ Export PDF: the summary page alone or the full briefing, in either language."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from jhviewer.data.records import Lang
from jhviewer.ui.i18n import translate

LANGUAGE_NAMES: tuple[tuple[Lang, str], ...] = (("zh", "中文"), ("en", "English"))


class PdfOptionsDialog(QDialog):
    """Asks what to export before asking where; defaults to the full briefing in `lang`."""

    def __init__(self, lang: Lang, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdf-options")
        self.setWindowTitle(translate("PdfOptions", "Export PDF"))
        self.full = QRadioButton(translate("PdfOptions", "&Full briefing"))
        self.summary = QRadioButton(translate("PdfOptions", "&Summary page only"))
        self.full.setChecked(True)
        self.languages = QComboBox()
        self.languages.setAccessibleName(translate("PdfOptions", "Language"))
        for code, name in LANGUAGE_NAMES:
            self.languages.addItem(name, code)
        self.languages.setCurrentIndex([code for code, _ in LANGUAGE_NAMES].index(lang))
        form = QFormLayout()
        form.addRow(translate("PdfOptions", "Contents:"), self.full)
        form.addRow("", self.summary)
        form.addRow(translate("PdfOptions", "&Language:"), self.languages)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def summary_only(self) -> bool:
        return self.summary.isChecked()

    def language(self) -> Lang:
        return LANGUAGE_NAMES[self.languages.currentIndex()][0]
