"""Every QSettings key the viewer uses, with its default, in one place.

`Settings` wraps a QSettings so tests (and `jhviewer snapshot`) can hand in a private
file and never touch the user's settings. Values read back are validated: a settings
file edited by hand or written by another version must not break the window.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QLocale, QSettings, QTimer

from jhviewer.data.records import Lang

ORGANISATION = "jhviewer"
APPLICATION = "jhviewer"
MAX_RECENT_FILES = 8
WRITE_DELAY_MS = 1000  # see Settings._set

T = TypeVar("T")


@dataclass(frozen=True)
class Key(Generic[T]):
    name: str
    default: T


def default_language() -> Lang:
    """Chinese unless the system speaks something else: the briefing itself is Chinese."""
    language = QLocale.system().language()
    return "zh" if language in (QLocale.Language.Chinese, QLocale.Language.C) else "en"


GEOMETRY: Key[QByteArray] = Key("window/geometry", QByteArray())
LAST_TAB: Key[int] = Key("window/lastTab", 0)
LANGUAGE: Key[str] = Key("ui/language", "")  # "" means default_language()
RECENT_FILES: Key[list[str]] = Key("files/recent", [])
LAST_DIRECTORY: Key[str] = Key("files/lastDirectory", "")
LAST_CHART: Key[str] = Key("charts/current", "")
BRIEFING: Key[str] = Key("data/briefing", "")  # "" means the database's default briefing
# A progress.db path or a postgresql:// URL; "" means progress.db in the user's data folder.
PROGRESS_DATABASE: Key[str] = Key("progress/database", "")

ALL_KEYS = (GEOMETRY, LAST_TAB, LANGUAGE, RECENT_FILES, LAST_DIRECTORY, LAST_CHART, BRIEFING,
            PROGRESS_DATABASE)


class Settings:
    """Typed access to the keys above."""

    def __init__(self, store: QSettings) -> None:
        self.store = store
        self._pending: dict[str, object] = {}  # written, not yet handed to QSettings
        self._timer: QTimer | None = None

    @classmethod
    def user(cls) -> Settings:
        return cls(QSettings(ORGANISATION, APPLICATION))

    @classmethod
    def in_file(cls, path: Path) -> Settings:
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def sync(self) -> None:
        """Write every change to the file now (the window does as it closes)."""
        self._hand_over()
        self.store.sync()

    def _value(self, name: str, default: object) -> object:
        return self._pending[name] if name in self._pending else self.store.value(name, default)

    def _set(self, name: str, value: object) -> None:
        """Keep `value`; QSettings gets it a moment later (at once by `sync`).

        QSettings writes its whole file, flushed to disk, on the event loop's next turn
        after each change: 5-20 ms. Written at once, the recent file noted on opening a
        database would delay the window's first paint by that much, and stepping through
        briefings or tabs would pay it at each step.
        """
        self._pending[name] = value
        if self._timer is None:
            self._timer = QTimer()
            self._timer.setSingleShot(True)
            self._timer.setInterval(WRITE_DELAY_MS)
            self._timer.timeout.connect(self._hand_over)
        self._timer.start()

    def _hand_over(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        pending, self._pending = self._pending, {}
        for name, value in pending.items():
            self.store.setValue(name, value)

    # --- plain values ----------------------------------------------------------------------

    def _text(self, key: Key[str]) -> str:
        value = self._value(key.name, key.default)
        return value if isinstance(value, str) else key.default

    def geometry(self) -> QByteArray:
        value = self._value(GEOMETRY.name, GEOMETRY.default)
        return value if isinstance(value, QByteArray) else QByteArray()

    def set_geometry(self, geometry: QByteArray) -> None:
        self._set(GEOMETRY.name, geometry)

    def last_tab(self) -> int:
        value = self._value(LAST_TAB.name, LAST_TAB.default)
        try:
            return max(0, int(value))
        except (TypeError, ValueError):
            return LAST_TAB.default

    def set_last_tab(self, index: int) -> None:
        self._set(LAST_TAB.name, index)

    def language(self) -> Lang:
        value = self._text(LANGUAGE)
        if value == "zh":
            return "zh"
        if value == "en":
            return "en"
        return default_language()

    def set_language(self, lang: Lang) -> None:
        self._set(LANGUAGE.name, lang)

    def last_directory(self) -> str:
        return self._text(LAST_DIRECTORY)

    def set_last_directory(self, folder: str) -> None:
        self._set(LAST_DIRECTORY.name, folder)

    def last_chart(self) -> str:
        return self._text(LAST_CHART)

    def set_last_chart(self, chart_id: str) -> None:
        self._set(LAST_CHART.name, chart_id)

    def briefing(self) -> str:
        """The id of the briefing last chosen, or "" for the database's default."""
        return self._text(BRIEFING)

    def set_briefing(self, briefing_id: str) -> None:
        self._set(BRIEFING.name, briefing_id)

    def progress_database(self) -> str:
        """Where progress is kept: a path, a postgresql:// URL, or "" for the default."""
        return self._text(PROGRESS_DATABASE).strip()

    def set_progress_database(self, location: str) -> None:
        self._set(PROGRESS_DATABASE.name, location.strip())

    # --- recent files ----------------------------------------------------------------------

    def recent_files(self) -> list[str]:
        value = self._value(RECENT_FILES.name, [])
        if isinstance(value, str):  # an INI file holds a one-item list as a plain string
            value = [value]
        if not isinstance(value, list):
            return []
        items = [item for item in value if isinstance(item, str) and item][:MAX_RECENT_FILES]
        return [_path_from_setting(item) for item in items]

    def add_recent_file(self, path: Path) -> list[str]:
        text = str(path)
        files = [text] + [item for item in self.recent_files() if item != text]
        files = files[:MAX_RECENT_FILES]
        self._set(RECENT_FILES.name, [_path_to_setting(item) for item in files])
        return files

    def clear_recent_files(self) -> None:
        self._set(RECENT_FILES.name, [])


def _path_to_setting(path: str) -> str:
    """A path as settings text. A name that is not valid UTF-8 (Python holds its bytes as
    surrogate escapes, which QSettings would turn into U+FFFD) is kept as '%' and its
    percent-encoded bytes, so it still opens from File ▸ Recent."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        from urllib.parse import quote_from_bytes

        return "%" + quote_from_bytes(os.fsencode(path), safe="/")
    return path


def _path_from_setting(text: str) -> str:
    if text.startswith("%"):  # absolute paths start with '/' or a drive letter, never '%'
        from urllib.parse import unquote_to_bytes

        return os.fsdecode(unquote_to_bytes(text[1:]))
    return text

