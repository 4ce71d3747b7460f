"""Telling the user a database could not be opened, or was opened with rows skipped.

The store's errors carry a sentence meant for the user; it is shown as plain text (a file
name can hold anything) with the two ways forward: pick another file, or go back to the
briefing shipped with jhviewer. The window stays usable whatever is chosen.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QMessageBox, QPushButton, QWidget

from jhviewer.data.errors import (
    DatabaseBusyError,
    DatabaseError,
    OlderDatabaseError,
    QueryTimeoutError,
)
from jhviewer.data.records import RowProblem
from jhviewer.data.schema import SCHEMA_VERSION
from jhviewer.ui.i18n import error_text, translate
from jhviewer.ui.style import Role
from jhviewer.ui.widgets import role_label

MAX_IDS_SHOWN = 10


class OpenChoice(Enum):
    RETRY = "retry"  # offered when another program holds the file for now
    OPEN_ANOTHER = "another"
    OPEN_BUILTIN = "builtin"
    CANCEL = "cancel"


class OpenErrorDialog(QMessageBox):
    """'Cannot open X' with the store's reason, and the ways forward as buttons."""

    def __init__(self, path: Path | None, error: DatabaseError, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("open-error")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(translate("Errors", "Cannot Open Database"))
        self.setTextFormat(Qt.TextFormat.PlainText)
        name = path.name if path is not None else translate("Errors", "the built-in briefing")
        self.setText(translate("Errors", "jhviewer cannot open {name}.").format(name=name))
        self.setInformativeText(_reason(path, error))
        self.retry: QPushButton | None = None
        if isinstance(error, DatabaseBusyError | QueryTimeoutError):
            self.retry = self.addButton(
                translate("Errors", "Try Again"), QMessageBox.ButtonRole.ActionRole)
        self.another = self.addButton(
            translate("Errors", "Open Another File..."), QMessageBox.ButtonRole.ActionRole
        )
        self.builtin = self.addButton(
            translate("Errors", "Open the Built-in Briefing"), QMessageBox.ButtonRole.AcceptRole
        )
        self.cancel = self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.retry or self.builtin)
        self.setEscapeButton(self.cancel)

    def choice(self) -> OpenChoice:
        clicked = self.clickedButton()
        if clicked is not None and clicked is self.retry:
            return OpenChoice.RETRY
        if clicked is self.another:
            return OpenChoice.OPEN_ANOTHER
        if clicked is self.builtin:
            return OpenChoice.OPEN_BUILTIN
        return OpenChoice.CANCEL


def _reason(path: Path | None, error: DatabaseError) -> str:
    """The store's sentence; for a database of an older format, the same in the UI language."""
    if isinstance(error, OlderDatabaseError):
        name = path.name if path is not None else "data.db"
        return translate(
            "Errors",
            "{name} was built by an older version of jhviewer (format {old}; this version "
            "reads format {new}). Rebuild it from its briefing files with "
            "“jhviewer build-db --out {name}”, or open the built-in briefing.",
        ).format(name=name, old=error.version, new=SCHEMA_VERSION)
    return error_text(error)


def ask_after_open_error(
    parent: QWidget | None, path: Path | None, error: DatabaseError
) -> OpenChoice:
    """Show the error modally and return what the user chose."""
    dialog = OpenErrorDialog(path, error, parent)
    dialog.exec()
    return dialog.choice()


def problems_summary(problems: list[RowProblem]) -> str:
    """'3 rows could not be read and are not shown: facts x, facts y, ...' (plain text)."""
    ids = [f"{problem.table} {problem.row_id}" for problem in problems[:MAX_IDS_SHOWN]]
    more = len(problems) - len(ids)
    listed = ", ".join(ids) + (translate("Errors", " and {count} more").format(count=more)
                               if more > 0 else "")
    return translate("Errors", "Rows skipped: {count} could not be read and are not shown "
                               "({ids}).").format(count=len(problems), ids=listed)


class NoticeStrip(QFrame):
    """A strip above the tabs: selectable text, any buttons, and Dismiss."""

    def __init__(self, name: str, parent: QWidget | None = None,
                 buttons: tuple[QPushButton, ...] = ()) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            f"QFrame#{name} {{ background-color: palette(alternate-base);"
            " border: 1px solid palette(mid); border-radius: 6px; }"
        )
        self.text = role_label("", Role.BODY, True)
        self.text.setObjectName(f"{name}-text")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self._dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 8, 8)
        layout.addWidget(self.text, 1)
        for button in (*buttons, self.close_button):
            layout.addWidget(button)
        self.hide()

    def _dismiss(self) -> None:
        self.hide()


class ProblemsNotice(NoticeStrip):
    """A dismissable strip above the tabs: the database opened, but some rows were bad."""

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("problems-notice", parent)
        self.text.setObjectName("problems-text")
        self._problems: list[RowProblem] = []

    def show_problems(self, problems: list[RowProblem]) -> None:
        self._problems = list(problems)
        self.retranslate()
        self.setVisible(bool(problems))

    def retranslate(self) -> None:
        self.text.setText(problems_summary(self._problems) if self._problems else "")
        self.setAccessibleName(self.text.text())
        self.close_button.setText(translate("Errors", "Dismiss"))

    def _dismiss(self) -> None:
        super()._dismiss()
        self.dismissed.emit()


class ReadFailureNotice(NoticeStrip):
    """A strip above the tabs: a read of the open database failed (another program is
    writing it, it was deleted or replaced...). It says why, in the UI language, with
    Retry; the rest of the window goes on working with what it has already read."""

    retry = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        self.retry_button = QPushButton()
        self.retry_button.setObjectName("retry")
        super().__init__("read-failure", parent, (self.retry_button,))
        self.retry_button.clicked.connect(self.retry)
        self._error: DatabaseError | None = None

    def show_error(self, error: DatabaseError) -> None:
        self._error = error
        self.retranslate()
        self.show()

    def retranslate(self) -> None:
        self.text.setText(
            translate("Errors", "Could not read the database: {reason}").format(
                reason=error_text(self._error)
            ) if self._error is not None else ""
        )
        self.setAccessibleName(self.text.text())
        self.retry_button.setText(translate("Errors", "Retry"))
        self.close_button.setText(translate("Errors", "Dismiss"))
