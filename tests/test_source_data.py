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
            return any(fact.get("year") == int(year) for fact in facts)
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
    assert (institutions.value, institutions.qualifier) == (600, "多")
    value_added = by_key["financial-value-added-2023"]
    assert (value_added.value, value_added.unit and value_added.unit.id) == (400, "亿元")
    assert value_added.qualifier == "突破"
    assert by_key["target-high-level-talent"].qualifier == "以上"
    assert by_key["gdp-growth-2023"].qualifier is None
    jobs = next(f for f in store.targets() if "1.8万人" in f.evidence)
    assert jobs.value == 1.8 and jobs.unit is not None and jobs.unit.scale * jobs.value == 18000


def test_each_qualifier_is_the_word_of_its_evidence(store: Store) -> None:
    qualified = [fact for fact in store.facts() if fact.qualifier]
    assert len(qualified) == 11
    assert [f.key for f in qualified if f.qualifier not in f.evidence] == []


# Words that make a ranking, distinction or listing claim (第一把交椅, 率先, 唯一, 百强 ...).
CLAIM_WORDS = ("第一", "首", "率先", "唯一", "最", "冠军", "强", "十大", "领跑", "方阵")


def test_rankings_and_distinctions_hold_their_claim_words_in_the_evidence(store: Store) -> None:
    claims = [f for f in store.facts() if f.kind in ("ranking", "distinction", "listing")]
    assert len(claims) == 27
    # An epithet or slogan is its own claim: it stands verbatim in the evidence instead.
    epithets = [f for f in claims if not any(w in f.evidence for w in CLAIM_WORDS)]
    assert [(f.key, f.claim_zh) for f in epithets] == [
        ("chuanggu-slogan", "“50米一幢、100米一园”"),
        ("jianghan-road-century-old", "百年老街"),
    ]
    assert all(f.claim_zh in f.evidence for f in epithets)
    assert next(f for f in claims if f.key == "first-stores-rank-2023").evidence.endswith(
        "“第一把交椅”"
    )


def test_distinctions_and_listings_are_words_not_numbers(store: Store) -> None:
    worded = [f for f in store.facts() if f.kind in ("distinction", "listing")]
    assert {f.key for f in worded} >= {
        "talent-card-first-in-wuhan", "c40-pilot", "business-districts-first-tier",
        "national-top100-district", "changhang-logistics-top50", "baguodun-national-top10",
    }
    assert [f.key for f in worded if f.value is not None or not f.claim_zh or not f.claim_en] == []
    # A rank (第1名) is only where the source names a first place, never for a list or a 'first'.
    ranks = [f for f in store.facts() if f.unit is not None and f.unit.id == "名"]
    assert all(f.kind == "ranking" and f.value == 1 for f in ranks)


def test_only_the_source_s_estimates_are_estimated(store: Store) -> None:
    estimated = sorted(f.key for f in store.facts() if f.estimated)
    assert estimated == ["donghu-energy-reduction", "gdp-growth-2023"]
    assert all("预计" in f.evidence for f in store.facts() if f.estimated)


def test_undated_statements_have_no_year(store: Store) -> None:
    by_key = {fact.key: fact for fact in store.facts()}
    for key in ("chu-most-prosperous", "first-100bn-gdp-district", "national-top100-district",
                "financial-institutions", "commercial-space", "jianghan-road-century-old",
                # the sentence holding the claim gives no date
                "zhongbei-computing-pivot",
                # only paragraph 46 says 新的一年; the plans that follow it are not dated
                "heritage-lineage", "matou-culture-street-plan", "culture-tourism-brands",
                "meiyu-jianghan", "urban-culture-expo-zone", "culture-consumption-scenes"):
        assert by_key[key].year is None, key
    assert by_key["cultural-district-plan"].year == 2024
    assert "gdp-over-100-billion" not in by_key  # the article never gives a 2023 GDP level
    assert by_key["gdp-growth-2023"].year == 2023


def test_numbers_inside_names_are_not_figures(store: Store) -> None:
    by_key = {fact.key: fact for fact in store.facts()}
    for key in ("target-15-minute-circle", "three-highs", "jianghan-road-century-old",
                "digital-economy-three-year-plan", "hundsun-second-hq",
                "hubei-third-securities-firm",
                # 两大 is never said: the 2 of "235" is a name, not a count of drivers
                "industrial-drivers",
                # “50米一幢、100米一园” is a slogan, not two measured spacings
                "chuanggu-slogan"):
        assert by_key[key].value is None, key
    assert "chuanggu-building-spacing" not in by_key
    assert "chuanggu-park-spacing" not in by_key


def test_counted_things_have_their_english_noun(store: Store) -> None:
    counted = [f for f in store.facts() if f.value is not None and f.unit and f.unit.counter]
    assert [f.key for f in counted if not f.noun_en] == []
    by_key = {fact.key: fact for fact in counted}
    assert by_key["target-first-stores"].noun_en == "first stores"
    assert by_key["target-duty-free-stores"].noun_en == "stores"
    assert by_key["financial-institutions"].noun_en == "institutions"


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


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ('kind = "listing"\nvalue = 100.0\nunit = "%"', "a listing needs claim_zh and claim_en"),
        ('kind = "status"\nqualifier = "多"', "a qualifier or an estimate needs a value"),
        ('kind = "status"\nvalue = 8.0\nunit = "%"\nqualifier = "at least"', "qualifier"),
        ('kind = "distinction"\nclaim_zh = "全市率先"', "a claim needs both claim_zh and claim_en"),
        ('kind = "status"\nvalue = 1.0\nunit = "%"\nclaim_zh = "首个"\nclaim_en = "first"',
         "a value or a claim in words, not both"),
    ],
)
def test_the_authoring_format_refuses_claims_modelled_as_numbers(change: str, message: str) -> None:
    from pathlib import Path

    from jhviewer.data.authoring import validate_document
    from jhviewer.data.errors import BriefingFormatError

    text = (BRIEFINGS_DIR / "jianghan-2024.toml").read_text(encoding="utf-8")
    fact = '[[facts]]\nid = "chu-most-prosperous"\nsection = "overview"\nkind = "distinction"\n'
    assert fact in text
    edited = text.replace(fact, f'[[facts]]\nid = "chu-most-prosperous"\nsection = "overview"\n'
                                f"{change}\n", 1)
    edited = edited.replace('claim_zh = "“楚中第一繁盛处”"\nclaim_en = "\\"the most flourishing '
                            'place in Chu\\""\n', "", 1)
    with pytest.raises(BriefingFormatError) as raised:
        validate_document(Path("jianghan-2024.toml"), edited)
    assert message in str(raised.value)


def test_an_undated_fact_needs_no_year_in_the_authoring_format() -> None:
    from pathlib import Path

    from jhviewer.data.authoring import validate_document

    path = BRIEFINGS_DIR / "jianghan-2024.toml"
    document = validate_document(Path(path.name), path.read_text(encoding="utf-8"))
    by_id = {fact.id: fact for fact in document.facts}
    assert by_id["chu-most-prosperous"].year is None
    assert by_id["gdp-growth-2023"].estimated is True
    assert by_id["financial-institutions"].noun_en == "institutions"
