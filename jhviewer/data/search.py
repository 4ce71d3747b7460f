"""Full-text search over facts, in Chinese and English.

Terms of three or more characters go to the FTS5 trigram index as quoted phrases, so user
text such as `"`, `*`, `AND` or `NEAR(` is always matched literally and never parsed as
query syntax. Shorter terms (most Chinese words are one or two characters) cannot use a
trigram index, so they are matched with LIKE on the facts table itself.
"""

from __future__ import annotations

import sqlite3

from jhviewer.data.records import Fact, SearchHit
from jhviewer.data.schema import FTS_COLUMNS, FTS_TABLE

MAX_QUERY_CHARS = 200
# Field order doubles as the ranking of where a match counts most.
MATCH_FIELDS = ("label_zh", "label_en", "evidence", "description_zh", "description_en")
_BM25_WEIGHTS = {"label_zh": 10.0, "label_en": 10.0, "evidence": 4.0}


def query_terms(query: str) -> list[str]:
    """The whitespace-separated terms of a query, capped so a pasted essay stays cheap."""
    return query[:MAX_QUERY_CHARS].split()


def fts_phrase(term: str) -> str:
    """A term as an FTS5 string literal: matched as-is, whatever characters it holds."""
    return '"' + term.replace('"', '""') + '"'


def like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def find_fact_ids(connection: sqlite3.Connection, query: str, limit: int) -> list[str]:
    """Ids of the facts that contain every term of `query`, best match first."""
    terms = query_terms(query)
    if not terms:
        return []
    long_terms = [term for term in terms if len(term) >= 3]
    short_terms = [term for term in terms if len(term) < 3]
    like_sql, like_parameters = _like_conditions(short_terms, "f")
    if long_terms:
        weights = ", ".join(str(_BM25_WEIGHTS.get(column, 1.0)) for column in FTS_COLUMNS)
        sql = (
            f"SELECT f.id FROM {FTS_TABLE} JOIN facts AS f ON f.rowid = {FTS_TABLE}.rowid "
            f"WHERE {FTS_TABLE} MATCH ?{like_sql} "
            f"ORDER BY bm25({FTS_TABLE}, {weights}), f.briefing_id, f.position LIMIT ?"
        )
        match = " ".join(fts_phrase(term) for term in long_terms)
        parameters: tuple[object, ...] = (match, *like_parameters, limit)
    else:
        label_hit = " OR ".join(
            f"f.{column} LIKE ? ESCAPE '\\'" for column in ("label_zh", "label_en")
        )
        first = like_pattern(short_terms[0])
        sql = (
            f"SELECT f.id FROM facts AS f WHERE 1{like_sql} "
            f"ORDER BY ({label_hit}) DESC, f.briefing_id, f.position LIMIT ?"
        )
        parameters = (*like_parameters, first, first, limit)
    return [row[0] for row in connection.execute(sql, parameters)]


def _like_conditions(terms: list[str], alias: str) -> tuple[str, list[str]]:
    sql = ""
    parameters: list[str] = []
    for term in terms:
        pattern = like_pattern(term)
        either = " OR ".join(f"{alias}.{column} LIKE ? ESCAPE '\\'" for column in MATCH_FIELDS)
        sql += f" AND ({either})"
        parameters.extend([pattern] * len(MATCH_FIELDS))
    return sql, parameters


def locate_match(fact: Fact, query: str) -> SearchHit:
    """Where in the fact the query's longest term appears (the first field that has it)."""
    terms = sorted(query_terms(query), key=len, reverse=True)
    for term in terms:
        needle = term.lower()
        for field in MATCH_FIELDS:
            text: str = getattr(fact, field)
            start = text.lower().find(needle)
            if start >= 0 and len(text.lower()) == len(text):
                return SearchHit(fact, field, text, start, start + len(term))
    return SearchHit(fact, "label_zh", fact.label_zh, 0, 0)
