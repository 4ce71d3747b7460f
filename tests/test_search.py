"""Search finds facts in Chinese and English, and never chokes on what a user types."""

from __future__ import annotations

import pytest

from jhviewer.data.store import Store


def _keys(store: Store, query: str) -> list[str]:
    return [hit.fact.key for hit in store.search(query)]


@pytest.mark.parametrize(
    ("query", "expected_key"),
    [
        ("GDP", "gdp-growth-2023"),
        ("gdp", "gdp-growth-2024-target"),
        ("地区生产总值", "gdp-growth-2023"),
        ("金融", "financial-institutions"),
    ],
)
def test_search_finds_the_fact(store: Store, query: str, expected_key: str) -> None:
    assert expected_key in _keys(store, query)


def test_each_hit_contains_the_query_at_its_span(store: Store) -> None:
    for query in ("金融", "GDP", "first store", "首店", "瞪羚"):
        for hit in store.search(query):
            span = hit.text[hit.start:hit.end]
            assert span.lower() in query.lower()
            assert span, f"{hit.fact.key} matched {query!r} without a span"


def test_two_character_chinese_uses_the_fallback(store: Store) -> None:
    hits = store.search("金融")
    assert hits
    assert all(
        "金融" in hit.fact.label_zh + hit.fact.evidence + hit.fact.description_zh for hit in hits
    )


def test_label_matches_rank_first(store: Store) -> None:
    hits = store.search("金融")
    in_label = ["金融" in hit.fact.label_zh for hit in hits]
    assert in_label == sorted(in_label, reverse=True)


@pytest.mark.parametrize(
    "query",
    ['"', '""', "*", "AND", "NEAR(", "NEAR(a b", "a OR", "NOT", "^x", "col:val", "(((", "'",
     "金融\"", "%", "_", "\\", "a* b*", "\x00", "🙂🙂🙂", "x" * 5000, "   "],
)
def test_query_syntax_never_raises(store: Store, query: str) -> None:
    assert isinstance(store.search(query), list)


def test_every_term_must_match(store: Store) -> None:
    assert store.search("GDP 2024年不存在的词") == []
