"""The curated data against the source article: every figure is there, in its own words."""

from __future__ import annotations

import re
import tomllib

import pytest

from jhviewer.data.source import source_paragraphs
from jhviewer.data.store import Store
from jhviewer.paths import BRIEFINGS_DIR

# Digits that name things rather than state figures.
NOT_FIGURES = {"5G", "C40", "A股", "STAY"}
# Paragraphs that are photo captions or credits, not the article's text.
DATE = re.compile(r"(\d{4})年(?:(\d{1,2})月(\d{1,2})日)?")
CAPTIONS = {"金融“活水”赋能实体经济。", "越秀国金天地人头攒动。", "武汉戏码头文化街华丽亮相。",
            "数字产业集群加速成长。"}


def _document() -> dict:
    return tomllib.loads((BRIEFINGS_DIR / "jianghan-2024.toml").read_text(encoding="utf-8"))


def _figures(paragraph: str) -> list[re.Match[str]]:
    return [
        match for match in re.finditer(r"[A-Za-z]*\d+(?:\.\d+)?", paragraph)
        if not any(name in paragraph[match.start():match.end() + 1] for name in NOT_FIGURES)
    ]


def test_every_arabic_figure_of_the_article_is_in_some_evidence(source_text: str) -> None:
    facts = _document()["facts"]
    paragraphs = source_paragraphs(source_text)
    missing = []
    for number, paragraph in enumerate(paragraphs, start=1):
        if paragraph in CAPTIONS or paragraph.startswith("策划"):
            continue
        here = [fact for fact in facts if fact["paragraph"] == number]
        starts = [(paragraph.find(fact["evidence"]), fact["evidence"]) for fact in here]
        spans = [(start, start + len(evidence)) for start, evidence in starts]
        # A sentence may run on into the next paragraph, so its year may be a fact's there.
        nearby = here + [fact for fact in facts if fact["paragraph"] == number + 1]
        for match in _figures(paragraph):
            if any(start <= match.start() and match.end() <= end for start, end in spans):
                continue
            if _is_date_of(match, paragraph, nearby):
                continue
            missing.append(f"paragraph {number}: {match.group()}")
    assert missing == []


def _is_date_of(match: re.Match[str], paragraph: str, facts: list[dict]) -> bool:
    """A year (2023年) or a date (2023年6月28日) that some fact carries as its year or date."""
    for found in DATE.finditer(paragraph):
        if found.start() <= match.start() and match.end() <= found.end():
            year, month, day = found.groups()
            if month:
                date = f"{year}-{int(month):02d}-{int(day):02d}"
                return any(fact.get("date") == date for fact in facts)
            return any(fact["year"] == int(year) for fact in facts)
    return False


def test_each_target_bullet_of_shu_shuo_jianghan_has_its_targets(source_text: str) -> None:
    paragraphs = source_paragraphs(source_text)
    bullets = [p for p in paragraphs if p.startswith("●")]
    targets = [fact for fact in _document()["facts"] if fact["kind"] == "target"]
    assert sorted({fact["group"] for fact in targets}) == list(range(1, len(bullets) + 1))
    for fact in targets:
        assert fact["evidence"] in bullets[fact["group"] - 1], fact["id"]


def test_figures_keep_their_source_qualifiers(store: Store) -> None:
    by_key = {fact.key: fact for fact in store.facts()}
    institutions = by_key["financial-institutions"]
    assert (institutions.value, institutions.qualifier) == (600, "more than")
    value_added = by_key["financial-value-added-2023"]
    assert (value_added.value, value_added.unit and value_added.unit.id) == (400, "亿元")
    assert value_added.qualifier == "more than"
    jobs = next(f for f in store.targets() if "1.8万人" in f.evidence)
    assert jobs.value == 1.8 and jobs.unit is not None and jobs.unit.scale * jobs.value == 18000


def test_descriptions_are_our_own_words(source_text: str) -> None:
    """No description repeats a run of 16 characters of the source (names lists aside)."""
    copied = []
    for fact in _document()["facts"]:
        text = fact["description_zh"]
        for start in range(max(0, len(text) - 15)):
            run = text[start:start + 16]
            if run in source_text and "、" not in run:
                copied.append(f"{fact['id']}: {run}")
                break
    assert copied == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_fact_reads_in_both_languages(store: Store, lang: str) -> None:
    for fact in store.facts():
        assert fact.label(lang) and fact.description(lang)
    english = [f.label_en + f.description_en for f in store.facts()]
    assert not any(re.search(r"[\u4e00-\u9fff]{4,}", text) for text in english if lang == "en")
