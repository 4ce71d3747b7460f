"""Full-text search over facts, in Chinese and English.

Terms of three or more characters go to the FTS5 trigram index as quoted phrases, so user
text such as `"`, `*`, `AND` or `NEAR(` is always matched literally and never parsed as
query syntax. Shorter terms (most Chinese words are one or two characters) cannot use a
trigram index: when every term is short they go to the characters index (each letter,
digit or CJK character one token, so a term is a phrase of characters), and otherwise, or
on a database built without that index, they are matched with LIKE on the facts table.

Best first means: facts whose label (Chinese or English) holds every term, then the other
matches, each in source order. Both lists are read in rowid order with a LIMIT, so SQLite
stops at the first `limit` matches instead of scoring every one (bm25 over a common trigram
costs 15-30 ms on 100,000 facts, more than a keystroke's frame): search as you type costs
about the same for one common letter as for a rare word.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata

from jhviewer.data.records import Fact, SearchHit
from jhviewer.data.schema import CHARS_COLUMNS, CHARS_TABLE, FTS_TABLE

MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 32
_SURROGATE = re.compile("[\ud800-\udfff]")
# The fields a term may match in; locate_match highlights the first one that has it.
MATCH_FIELDS = ("label_zh", "label_en", "evidence", "description_zh", "description_en")
LABEL_FIELDS = ("label_zh", "label_en")
# In the characters index, every space or punctuation mark becomes this one token.
CHARS_BOUNDARY = "\ue000"
_CHARS_LABEL_COLUMN = next(iter(CHARS_COLUMNS))  # "label": label_zh and label_en


def normalise_query(query: str) -> str:
    """The query with full-width forms made ordinary (NFKC): a Chinese input method in
    full-width mode types `ＧＤＰ ２０２４ ７．４`, which means `GDP 2024 7.4`; the
    ideographic space U+3000 becomes a plain space."""
    return unicodedata.normalize("NFKC", query)


def query_terms(query: str) -> list[str]:
    """The distinct whitespace-separated terms of a query, width-normalised
    (`normalise_query`) and capped so a pasted essay stays
    cheap and the SQL stays shallower than the expression depth SQLite allows for files
    other than the built-in one. Lone surrogates (Python's stand-ins for command-line bytes
    that are not UTF-8) become U+FFFD, since SQLite takes only UTF-8, and NUL separates
    terms (SQLite's LIKE and FTS5 would read it as the end of the pattern)."""
    text = _SURROGATE.sub("\ufffd", query[:MAX_QUERY_CHARS]).replace("\x00", " ")
    text = normalise_query(text)
    return list(dict.fromkeys(text.split()))[:MAX_QUERY_TERMS]


def fts_phrase(term: str) -> str:
    """A term as an FTS5 string literal: matched as-is, whatever characters it holds."""
    return '"' + term.replace('"', '""') + '"'


def characters_text(text: str | None) -> str:
    """Text as the characters index holds it: `GDP增长 5%` -> `G D P 增 长 <b> 5 <b>`.

    Letters, digits and CJK characters stay, one token each; anything else stands for a
    boundary, so a phrase of characters matches only where they are side by side.
    """
    if not text:
        return ""
    return " ".join(char if char.isalnum() else CHARS_BOUNDARY for char in text)


def characters_phrase(term: str) -> str:
    """A term of letters and digits as a phrase of the characters index."""
    return '"' + " ".join(term) + '"'


def like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def find_fact_ids(
    connection: sqlite3.Connection, query: str, limit: int, chars_index: bool = False,
    fts_index: bool = True,
) -> list[str]:
    """Ids of the facts that contain every term of `query`, best match first.

    `chars_index`, `fts_index`: the database has the characters index, the trigram index
    (the store checks; without them the terms are matched with LIKE).
    """
    terms = query_terms(query)
    if not terms or limit <= 0:
        return []
    in_label = _matching_ids(connection, terms, True, limit, chars_index, fts_index)
    if len(in_label) >= limit:
        return in_label
    # Every label match is in `in_label`, so the first `limit` matches anywhere hold at
    # least `limit - len(in_label)` others.
    found = set(in_label)
    others = [
        fact_id
        for fact_id in _matching_ids(connection, terms, False, limit, chars_index, fts_index)
        if fact_id not in found
    ]
    return in_label + others[: limit - len(in_label)]


def _matching_ids(
    connection: sqlite3.Connection,
    terms: list[str],
    in_labels: bool,
    limit: int,
    chars_index: bool,
    fts_index: bool = True,
) -> list[str]:
    """The first `limit` facts, in rowid (source) order, with every term (in a label)."""
    long_terms = [term for term in terms if len(term) >= 3] if fts_index else []
    short_terms = [term for term in terms if term not in long_terms]
    table, match = "", ""
    if long_terms:
        table = FTS_TABLE
        match = " ".join(fts_phrase(term) for term in long_terms)
        if in_labels:
            match = f"{{{' '.join(LABEL_FIELDS)}}} : ({match})"
    elif chars_index and any(term.isalnum() for term in short_terms):
        table = CHARS_TABLE
        match = " ".join(characters_phrase(term) for term in short_terms if term.isalnum())
        short_terms = [term for term in short_terms if not term.isalnum()]
        if in_labels:
            match = f"{{{_CHARS_LABEL_COLUMN}}} : ({match})"
    fields = LABEL_FIELDS if in_labels else MATCH_FIELDS
    like_sql, like_parameters = _like_conditions(short_terms, "f", fields)
    if table:
        sql = (
            f"SELECT f.id FROM {table} JOIN facts AS f ON f.rowid = {table}.rowid "
            f"WHERE {table} MATCH ?{like_sql} ORDER BY {table}.rowid LIMIT ?"
        )
        parameters: tuple[object, ...] = (match, *like_parameters, limit)
    else:
        sql = f"SELECT f.id FROM facts AS f WHERE 1{like_sql} ORDER BY f.rowid LIMIT ?"
        parameters = (*like_parameters, limit)
    return [row[0] for row in connection.execute(sql, parameters)]


def _like_conditions(
    terms: list[str], alias: str, fields: tuple[str, ...]
) -> tuple[str, list[str]]:
    sql = ""
    parameters: list[str] = []
    for term in terms:
        pattern = like_pattern(term)
        either = " OR ".join(f"{alias}.{column} LIKE ? ESCAPE '\\'" for column in fields)
        sql += f" AND ({either})"
        parameters.extend([pattern] * len(fields))
    return sql, parameters


def term_span(text: str, term: str) -> tuple[int, int] | None:
    """Where `term` first occurs in `text`, ignoring case; None where case folding would
    shift the offsets (then a highlight would land in the wrong place)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return None
    start = lowered.find(term.lower())
    return None if start < 0 else (start, start + len(term))


def find_span(text: str, query: str) -> tuple[int, int] | None:
    """Where the query's longest term that `text` holds occurs in it, for highlighting."""
    for term in sorted(query_terms(query), key=len, reverse=True):
        span = term_span(text, term)
        if span is not None:
            return span
    return None


def find_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Every place in `text` where any term of the query occurs, ignoring case, in order;
    overlapping places merged. For highlighting every term ("first store" marks both)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return []
    found: list[tuple[int, int]] = []
    for term in query_terms(query):
        needle = term.lower()
        start = lowered.find(needle)
        while needle and start >= 0:
            found.append((start, start + len(needle)))
            start = lowered.find(needle, start + len(needle))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def locate_match(fact: Fact, query: str) -> SearchHit:
    """Where in the fact the query's longest term appears (the first field that has it)."""
    for term in sorted(query_terms(query), key=len, reverse=True):
        for field in MATCH_FIELDS:
            text: str = getattr(fact, field)
            span = term_span(text, term)
            if span is not None:
                return SearchHit(fact, field, text, *span)
    return SearchHit(fact, "label_zh", fact.label_zh, 0, 0)
