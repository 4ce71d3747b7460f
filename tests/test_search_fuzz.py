"""Property-based tests: whatever a user types, and whatever the UI asks the store for.

Any string, FTS5 syntax included (`"`, `*`, `NEAR(`, `AND`, `OR`, `NOT`, `^`, `:`, `(`,
unbalanced quotes), NUL, emoji, lone surrogates (what a shell hands Python for bytes
that are not UTF-8) and very long text: search returns hits or nothing, never raises, and
every hit holds every term. Arbitrary filters, ids, offsets and limits never raise either.
Derandomized, with no example database, so a run is the same every time.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jhviewer.cli import cli
from jhviewer.data.records import Fact, FactFilter
from jhviewer.data.search import MATCH_FIELDS, query_terms
from jhviewer.data.store import Store

SETTINGS = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=250,
    suppress_health_check=[HealthCheck.too_slow],
)

FTS_SYNTAX = ['"', '""', "*", "NEAR(", "NEAR(a b, 2)", "AND", "OR", "NOT", "^", ":", "(", ")",
              "{", "}", "+", "-", "'", "label_zh:", "{label_en}:", "facts_fts", "%", "_", "\\",
              "\x00", "🙂", "👩‍👩‍👧", "\u200b", "\ufeff", "\ud800", "\udcff"]
WORDS = ["江汉", "金融", "GDP", "gdp", "首店", "地区生产总值", "first store", "7.4%", "2024",
         "亿元", "Wuhan", "<b>", "x"]

characters = st.characters(codec=None, exclude_categories=())  # surrogates and NUL included
query_parts = st.one_of(
    st.sampled_from(FTS_SYNTAX), st.sampled_from(WORDS), st.text(characters, max_size=8)
)
queries = st.one_of(
    st.text(characters, max_size=40),
    st.lists(query_parts, max_size=8).map(" ".join),
    st.lists(query_parts, max_size=8).map("".join),
    st.builds(lambda part, n: part * n, query_parts, st.integers(50, 3000)),
)
any_int = st.one_of(st.integers(), st.integers(-(2**70), 2**70), st.sampled_from(
    [0, -1, 2**31 - 1, 2**63 - 1, -(2**63), 2**63, 2**64, 10**30]))
maybe_text = st.one_of(st.none(), st.text(characters, max_size=30), st.sampled_from(
    ["jianghan-2024", "jianghan-2024/finance", "target", "result", "", "%", "' OR 1=1 --"]))


@pytest.fixture(scope="module")
def fuzz_store(built_db: Path) -> Iterator[Store]:
    with Store.open(built_db) as opened:
        yield opened


def _holds(fact: Fact, term: str) -> bool:
    """The term is in one of the fields search looks at, ignoring case."""
    needle = _fold(term)
    return any(needle in _fold(getattr(fact, field)) for field in MATCH_FIELDS)


def _fold(text: str) -> str:
    return text.casefold()


@SETTINGS
@given(query=queries)
def test_any_query_returns_hits_or_nothing(fuzz_store: Store, query: str) -> None:
    hits = fuzz_store.search(query)
    assert isinstance(hits, list)
    terms = query_terms(query)
    for hit in hits:
        missing = [term for term in terms if not _holds(hit.fact, term)]
        assert not missing, f"{hit.fact.id} lacks {missing} for {query!r}"
        assert 0 <= hit.start <= hit.end <= len(hit.text)
        if hit.end > hit.start:
            span = hit.text[hit.start:hit.end]
            assert any(_fold(span) == _fold(term) for term in terms), (span, terms)


@SETTINGS
@given(query=queries, limit=any_int)
def test_any_limit_is_honoured(fuzz_store: Store, query: str, limit: int) -> None:
    hits = fuzz_store.search(query, limit=limit)
    assert len(hits) <= max(limit, 0)


@SETTINGS
@given(word=st.sampled_from(WORDS[:9]), noise=st.sampled_from(FTS_SYNTAX))
def test_syntax_around_a_word_is_matched_literally(fuzz_store: Store, word: str,
                                                   noise: str) -> None:
    """`GDP*` or `"金融` is the text GDP* or "金融, never an FTS5 prefix or phrase query."""
    for query in (word + noise, noise + word):
        for hit in fuzz_store.search(query):
            for term in query_terms(query):
                assert _holds(hit.fact, term), (query, hit.fact.id)


@SETTINGS
@given(
    briefing_id=maybe_text, section_id=maybe_text, kind=maybe_text,
    year=st.one_of(st.none(), any_int), offset=any_int, limit=st.one_of(st.none(), any_int),
)
def test_any_fact_filter_never_raises(
    fuzz_store: Store, briefing_id: str | None, section_id: str | None, kind: str | None,
    year: int | None, offset: int, limit: int | None,
) -> None:
    where = FactFilter(briefing_id=briefing_id, section_id=section_id, kind=kind, year=year)
    facts = fuzz_store.facts(where, offset=offset, limit=limit)
    assert all(isinstance(fact, Fact) for fact in facts)
    for fact in facts:
        assert briefing_id is None or fact.briefing_id == briefing_id
        assert kind is None or fact.kind == kind
        assert year is None or fact.year == year
    assert fuzz_store.count_facts(where) >= len(facts) or offset < 0
    fuzz_store.years(briefing_id)
    fuzz_store.sections(briefing_id)
    fuzz_store.entities(briefing_id)
    fuzz_store.targets(briefing_id)
    fuzz_store.headline_facts(briefing_id)
    fuzz_store.comparable_pairs(briefing_id)
    assert fuzz_store.briefing(briefing_id) is None or briefing_id in (None, "jianghan-2024")


@SETTINGS
@given(ids=st.lists(st.one_of(maybe_text.filter(bool), st.just("jianghan-2024/gdp-growth-2023")),
                    max_size=1200))
def test_any_ids_never_raise(fuzz_store: Store, ids: list[str]) -> None:
    found = fuzz_store.facts_by_ids(ids)
    assert [fact.id for fact in found] == [i for i in ids if i in {f.id for f in found}]
    for fact_id in ids[:5]:
        fuzz_store.fact(fact_id)
        fuzz_store.entities_for(fact_id)
        fuzz_store.section(fact_id)


@SETTINGS
@given(path=st.one_of(st.text(characters, max_size=300), st.sampled_from(
    ["", ".", "..", "/", "//", "/dev/null", "/dev/zero", "/proc/self/mem", "~", "\x00",
     "file:data.db", "file:///etc/passwd", "data.db?mode=rwc", "-", "/etc/passwd", "x" * 5000]
)))
def test_any_path_opens_or_is_refused(path: str) -> None:
    """Store.open with any string: a Store or a DatabaseError, never anything else."""
    from jhviewer.data.errors import DatabaseError

    try:
        Store.open(path).close()
    except DatabaseError as error:
        assert str(error).strip()


@settings(derandomize=True, database=None, deadline=None, max_examples=60)
@given(query=queries)
def test_cli_search_never_fails_on_a_query(built_db: Path, query: str) -> None:
    """`jhviewer search -- QUERY` exits 0 whatever the query (`--`: it may start with -)."""
    result = CliRunner().invoke(cli, ["search", "--db", str(built_db), "--", query])
    assert result.exception is None, result.exception
    assert result.exit_code == 0


def test_a_query_of_bytes_that_are_not_utf8_is_searched_not_fatal(built_db: Path) -> None:
    """On Linux argv is bytes; Python hands non-UTF-8 ones over as lone surrogates."""
    done = subprocess.run(
        [sys.executable, "-m", "jhviewer", "search", b"\xff\xfe GDP", "--db", str(built_db)],
        capture_output=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
