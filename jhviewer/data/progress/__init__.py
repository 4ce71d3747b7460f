"""Progress tracking: actual figures recorded against a briefing's targets. No Qt.

`model` (targets, entries, validation), `status` (the status rules), `db` (the progress
database, SQLite or PostgreSQL), `files` (templates, import, export).
"""

from jhviewer.data.progress.db import (
    ProgressConflictError,
    ProgressDatabaseError,
    ProgressStore,
    default_location,
)
from jhviewer.data.progress.model import (
    Entry,
    NewEntry,
    ProgressInputError,
    Target,
    status_name,
    target_from_fact,
    validate_entry,
)
from jhviewer.data.progress.status import TargetStatus, statuses, tally, tally_text

__all__ = [
    "Entry",
    "NewEntry",
    "ProgressConflictError",
    "ProgressDatabaseError",
    "ProgressInputError",
    "ProgressStore",
    "Target",
    "TargetStatus",
    "default_location",
    "status_name",
    "statuses",
    "tally",
    "tally_text",
    "target_from_fact",
    "validate_entry",
]
