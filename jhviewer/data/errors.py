"""Typed errors. Each carries a message written for the person using the app."""

from __future__ import annotations


def one_line(message: str) -> str:
    """A message as a single line, whatever a file name or a database put into it."""
    return " ".join(message.split())


class JhviewerError(Exception):
    """Base class: `str(error)` is a sentence fit to show a user."""


class DatabaseError(JhviewerError):
    """A database could not be opened or read."""


class DatabaseNotFoundError(DatabaseError):
    pass


class NotADatabaseError(DatabaseError):
    pass


class CorruptDatabaseError(DatabaseError):
    pass


class SchemaError(DatabaseError):
    """The file is SQLite but not a jhviewer database, or a different version of one."""


class OlderDatabaseError(SchemaError):
    """A jhviewer database in an older format (`version`): rebuild it with `build-db`."""

    def __init__(self, message: str, version: int) -> None:
        super().__init__(message)
        self.version = version


class DatabaseBusyError(DatabaseError):
    pass


class QueryTimeoutError(DatabaseError):
    pass


class SourceError(JhviewerError):
    """A curated briefing file under resources/briefings is malformed."""


class ExportError(JhviewerError):
    """An export (CSV, JSON, PNG, SVG, PDF) could not be written."""


class BriefingFormatError(SourceError):
    """Briefing files that break the authoring format; one line per problem in `problems`."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class UnknownBriefingError(JhviewerError):
    """A briefing id that the database does not hold."""
