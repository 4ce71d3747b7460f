"""Texts of Qt's own dialogs that Qt's Chinese catalogue (qtbase_zh_CN.qm) leaves in English.

`i18n.Translators` installs Qt's catalogue for Chinese, but it lacks a few strings of the
print dialog's options page. Marking them here puts them in our catalogue under Qt's own
context, so the dialog is Chinese throughout; Qt's catalogue is still asked first.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

MISSING_FROM_QT = (
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Duplex Printing"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "None"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Long side"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Short side"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "All Pages"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Odd Pages"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Even Pages"),
    QT_TRANSLATE_NOOP("QPrintDialog", "Automatic"),
)
