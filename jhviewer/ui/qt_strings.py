"""Texts of Qt's own dialogs that Qt's Chinese catalogue (qtbase_zh_CN.qm) leaves in English.

`i18n.Translators` installs Qt's catalogue for Chinese, but it lacks a few strings: labels
of the file dialog that Qt 6 gave mnemonics, and options of the print dialog. Marking them
here puts them in our catalogue under Qt's own context, so the dialogs are Chinese
throughout; Qt's catalogue is still asked first.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

MISSING_FROM_QT = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Page &Set:"),
    QT_TRANSLATE_NOOP("QPageSetupWidget", "Page &order:"),
    QT_TRANSLATE_NOOP("QPageSetupWidget", "Pages &per sheet:"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Duplex Printing"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "None"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Long side"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Short side"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "All Pages"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Odd Pages"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Even Pages"),
    QT_TRANSLATE_NOOP("QPrintDialog", "Automatic"),
)
