"""Two languages through Qt's translation system.

UI strings are written in English in the code, marked with `translate("Context", "text")`
(or `QT_TRANSLATE_NOOP` in tables), extracted by `pyside6-lupdate` into
`resources/translations/jhviewer_zh_CN.ts` and compiled by `pyside6-lrelease` into the
`.qm` loaded here (`scripts/update_translations.py` runs both). English is the source
language, so switching to English simply removes the translators. Data labels do not go
through here: they come from the store in both languages.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

from jhviewer.data.errors import JhviewerError
from jhviewer.data.records import Lang
from jhviewer.paths import RESOURCES_DIR
from jhviewer.ui import qt_strings  # noqa: F401 - Qt's own texts our catalogue completes

TRANSLATIONS_DIR = RESOURCES_DIR / "translations"
CATALOGUE = "jhviewer_zh_CN"
LANGUAGES: tuple[Lang, ...] = ("zh", "en")
# Each language names itself in the menu, so a reader can find it in either mode.
LANGUAGE_NAMES: dict[Lang, str] = {"zh": "中文", "en": "English"}

_ENTITY_TYPES = {
    "company": QT_TRANSLATE_NOOP("Values", "Company"),
    "institution": QT_TRANSLATE_NOOP("Values", "Institution"),
    "place": QT_TRANSLATE_NOOP("Values", "Place"),
    "programme": QT_TRANSLATE_NOOP("Values", "Programme"),
    "industry": QT_TRANSLATE_NOOP("Values", "Industry"),
    "organisation": QT_TRANSLATE_NOOP("Values", "Organisation"),
}


_STATE: dict[str, Lang] = {"lang": "en"}


def current_language() -> Lang:
    """The language `Translators.set_language` last installed ("en" before any)."""
    return _STATE["lang"]


def error_text(error: BaseException) -> str:
    """An error's message in the UI language (the data layer keeps both, see data.errors);
    any other exception as it reads."""
    return error.text(current_language()) if isinstance(error, JhviewerError) else str(error)


def translate(context: str, text: str) -> str:
    """`text` in the current UI language (lupdate finds calls by this name)."""
    return QCoreApplication.translate(context, text)


def translate_for(lang: Lang, context: str, text: str) -> str:
    """`text` in `lang` whatever the UI language (for exports and printing in either)."""
    if lang == "en":
        return text
    translated = _catalogue().translate(context, text)
    return translated or text


_CATALOGUE: list[QTranslator] = []


def _catalogue() -> QTranslator:
    """Our Chinese catalogue, loaded once and shared by `Translators` and `translate_for`."""
    if not _CATALOGUE:
        translator = QTranslator()
        if not translator.load(CATALOGUE, str(TRANSLATIONS_DIR)):
            raise FileNotFoundError(f"{TRANSLATIONS_DIR / CATALOGUE}.qm could not be loaded")
        _CATALOGUE.append(translator)
    return _CATALOGUE[0]


def entity_type_name(entity_type: str) -> str:
    source = _ENTITY_TYPES.get(entity_type)
    return translate("Values", source) if source else entity_type


def other_language(lang: Lang) -> Lang:
    return "en" if lang == "zh" else "zh"


class Translators:
    """Installs our catalogue and Qt's own (dialog buttons, ...) for Chinese; none for English."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []
        self._zh: list[QTranslator] | None = None

    def _load_zh(self) -> list[QTranslator]:
        if self._zh is None:
            ours = _catalogue()
            qt_own = QTranslator()
            qt_path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            found = qt_own.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China),
                                "qtbase", "_", qt_path)
            self._zh = [ours, qt_own] if found else [ours]
        return self._zh

    def set_language(self, lang: Lang) -> None:
        app = QCoreApplication.instance()
        if app is None:
            return
        _STATE["lang"] = lang
        for translator in self._installed:
            QCoreApplication.removeTranslator(translator)
        self._installed = self._load_zh() if lang == "zh" else []
        for translator in self._installed:
            QCoreApplication.installTranslator(translator)
