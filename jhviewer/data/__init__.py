"""The data layer: schema, build, read-only store, search, validation. No Qt here."""

from jhviewer.data.errors import DatabaseError, JhviewerError
from jhviewer.data.records import (
    Briefing,
    ComparablePair,
    Entity,
    Fact,
    FactFilter,
    Lang,
    RowProblem,
    SearchHit,
    Section,
    Unit,
)
from jhviewer.data.store import Store

__all__ = [
    "Briefing",
    "ComparablePair",
    "DatabaseError",
    "Entity",
    "Fact",
    "FactFilter",
    "JhviewerError",
    "Lang",
    "RowProblem",
    "SearchHit",
    "Section",
    "Store",
    "Unit",
]
