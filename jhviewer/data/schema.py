"""The database schema: one definition used by the builder, the store and `check`.

Bump SCHEMA_VERSION whenever a table or column changes; the store refuses other versions.
"""

from __future__ import annotations

SCHEMA_VERSION = 3  # 3: facts.year may be NULL (undated); estimated, claim_zh/en, noun_en

# A `distinction` (首个, 率先, 唯一, 第一方阵) and a `listing` (百强, 50强, 十大) are claims
# the source makes in words; they carry `claim_zh`/`claim_en` and no value.
KINDS = (
    "result", "target", "ranking", "distinction", "listing", "event", "status", "plan"
)
WORDED_KINDS = ("distinction", "listing")
# The source's own qualifying word, verbatim; how each reads is in data/format.py
# (QUALIFIER_FORMS) and resources/briefings/FORMAT.md. NULL: the figure stands alone.
QUALIFIERS = ("以上", "多", "余", "超", "突破", "约", "不少于", "最高")
# Chart types (see FORMAT.md): bars of chosen facts; the targets of one unit; each indicator's
# result beside its target; parts of a stated total; shares of 100 %; one indicator across
# the briefings of the same district.
CHART_TYPES = ("bars", "targets", "result-vs-target", "parts", "shares", "series")
ENTITY_TYPES = ("company", "institution", "place", "programme", "industry", "organisation")

# table -> {column: sqlite type}; the order is the column order in the database.
TABLES: dict[str, dict[str, type]] = {
    "briefings": {
        "id": str,
        "district_zh": str,
        "district_en": str,
        "city_zh": str,
        "city_en": str,
        "title_zh": str,
        "title_en": str,
        "publisher_zh": str,
        "publisher_en": str,
        "year": int,
        "source_zh": str,
        "source_en": str,
        "source_file": str,
        "district_id": str,
        "short_name": str,
        "about_zh": str,
        "about_en": str,
        "targets_title_zh": str,
        "targets_title_en": str,
        "structure_title_zh": str,
        "structure_title_en": str,
    },
    "units": {
        "id": str,
        "zh": str,
        "en": str,
        "scale": float,
        "base_en": str,
        "counter": int,
    },
    "sections": {
        "id": str,
        "briefing_id": str,
        "position": int,
        "title_zh": str,
        "title_en": str,
        "summary_zh": str,
        "summary_en": str,
        "heading": str,
    },
    "facts": {
        "id": str,
        "briefing_id": str,
        "section_id": str,
        "position": int,
        "kind": str,
        "year": int,
        "date": str,
        "indicator": str,
        "label_zh": str,
        "label_en": str,
        "value": float,
        "unit_id": str,
        "qualifier": str,
        "description_zh": str,
        "description_en": str,
        "evidence": str,
        "paragraph": int,
        "target_group": int,
        "headline": int,
        "estimated": int,
        "claim_zh": str,
        "claim_en": str,
        "noun_en": str,
    },
    "entities": {
        "id": str,
        "briefing_id": str,
        "type": str,
        "name_zh": str,
        "name_en": str,
    },
    "fact_entities": {
        "fact_id": str,
        "entity_id": str,
    },
    # The Overview's structure block: tiers of entities, each with a title.
    "tiers": {
        "id": str,
        "briefing_id": str,
        "position": int,
        "title_zh": str,
        "title_en": str,
        "fact_id": str,
    },
    "tier_entities": {
        "tier_id": str,
        "entity_id": str,
        "position": int,
    },
    # Declared charts; `type` is one of CHART_TYPES, the other columns are its parameters.
    "charts": {
        "id": str,
        "briefing_id": str,
        "position": int,
        "type": str,
        "title_zh": str,
        "title_en": str,
        "subtitle_zh": str,
        "subtitle_en": str,
        "kind": str,
        "unit_id": str,
        "indicator": str,
        "total_fact_id": str,
        "remainder_zh": str,
        "remainder_en": str,
    },
    "chart_facts": {
        "chart_id": str,
        "fact_id": str,
        "position": int,
    },
}

PRIMARY_KEYS: dict[str, str | tuple[str, ...]] = {
    "briefings": "id",
    "units": "id",
    "sections": "id",
    "facts": "id",
    "entities": "id",
    "fact_entities": ("fact_id", "entity_id"),
    "tiers": "id",
    "tier_entities": ("tier_id", "entity_id"),
    "charts": "id",
    "chart_facts": ("chart_id", "fact_id"),
}

# (table, column, other table, other column)
FOREIGN_KEYS: dict[str, list[tuple[str, str, str]]] = {
    "sections": [("briefing_id", "briefings", "id")],
    "facts": [
        ("briefing_id", "briefings", "id"),
        ("section_id", "sections", "id"),
        ("unit_id", "units", "id"),
    ],
    "entities": [("briefing_id", "briefings", "id")],
    "fact_entities": [("fact_id", "facts", "id"), ("entity_id", "entities", "id")],
    "tiers": [("briefing_id", "briefings", "id"), ("fact_id", "facts", "id")],
    "tier_entities": [("tier_id", "tiers", "id"), ("entity_id", "entities", "id")],
    "charts": [
        ("briefing_id", "briefings", "id"),
        ("unit_id", "units", "id"),
        ("total_fact_id", "facts", "id"),
    ],
    "chart_facts": [("chart_id", "charts", "id"), ("fact_id", "facts", "id")],
}

NOT_NULL: dict[str, set[str]] = {
    "briefings": set(TABLES["briefings"]) - {"structure_title_zh", "structure_title_en"},
    "units": set(TABLES["units"]),
    "sections": set(TABLES["sections"]) - {"heading"},
    "facts": {
        "id", "briefing_id", "section_id", "position", "kind", "estimated",
        "label_zh", "label_en", "description_zh", "description_en", "evidence", "paragraph",
    },
    "entities": set(TABLES["entities"]),
    "fact_entities": set(TABLES["fact_entities"]),
    "tiers": set(TABLES["tiers"]) - {"fact_id"},
    "tier_entities": set(TABLES["tier_entities"]),
    "charts": {"id", "briefing_id", "position", "type", "title_zh", "title_en"},
    "chart_facts": set(TABLES["chart_facts"]),
}

# Indexes for the queries the UI runs: facts by section, kind, year; targets in order.
# A filter column followed by (briefing_id, position) gives a filtered page of facts in
# source order straight from the index, with no sort of every match.
INDEXES: dict[str, list[tuple[str, ...]]] = {
    "sections": [("briefing_id", "position")],
    "facts": [
        ("briefing_id", "position"),
        ("section_id", "briefing_id", "position"),
        ("kind", "briefing_id", "position"),
        ("kind", "year"),
        ("year", "briefing_id", "position"),
        ("indicator",),
        ("headline",),
        # A briefing's few headline / indicator facts, in a file of many briefings.
        ("briefing_id", "headline"),
        ("briefing_id", "indicator"),
    ],
    "entities": [("briefing_id",)],
    "fact_entities": [("entity_id",)],
    "tiers": [("briefing_id", "position")],
    "charts": [("briefing_id", "position")],
}

FTS_TABLE = "facts_fts"
FTS_COLUMNS = ("label_zh", "label_en", "evidence", "description_zh", "description_en")

# The characters index: every letter, digit and CJK character of a fact is one token (see
# search.characters_text), so one- and two-character terms, most Chinese words, are found
# through an index as well; the trigram index above cannot hold them. It is optional: on a
# database without it the store matches short terms with LIKE, so it needs no new version.
CHARS_TABLE = "facts_chars"
CHARS_COLUMNS: dict[str, tuple[str, ...]] = {
    "label": ("label_zh", "label_en"),
    "body": ("evidence", "description_zh", "description_en"),
}
