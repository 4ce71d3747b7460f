"""A deterministic synthetic briefing database for the scale and search benchmarks.

The shipped briefing (117 facts) is the seed: its briefing, units, sections, entities and
facts are kept as they are, and the database is grown to the requested number of facts with
a seeded history of the same district (1990-2023). Each synthetic fact is a real fact
re-dated and re-numbered: its Chinese and English label, description and evidence are the
real ones with other figures, sometimes prefixed with a real place or industry and extended
by a clause of another fact, so that search terms hit anywhere from a handful to tens of
thousands of facts. Synthetic companies (named from real places and industries) give the
links between facts and entities some spread.

The rows go through the project's own loader and builder (`jhviewer.data.source` and
`jhviewer.data.build`), so the schema, the indexes and the FTS table are exactly the real
ones. Databases are cached in `benchmarks/.cache/`, keyed by the generator version, the
schema version, the size, the seed and a digest of the seed briefing.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jhviewer.data.schema import SCHEMA_VERSION
from jhviewer.paths import BRIEFINGS_DIR, PACKAGE_DIR

GENERATOR_VERSION = 1
DEFAULT_FACTS = 100_000
DEFAULT_SEED = 20240417
SEED_BRIEFING = BRIEFINGS_DIR / "jianghan-2024.toml"
CACHE_DIR = Path(__file__).resolve().parent / ".cache"
DATA_DIR = PACKAGE_DIR / "data"
_SHAPING_MODULES = ("schema.py", "source.py", "build.py", "authoring.py")

FIRST_YEAR = 1990
LAST_YEAR = 2023
SYNTHETIC_COMPANIES = 1_900
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_COMPANY_SUFFIXES = (
    ("有限公司", "Co., Ltd."),
    ("集团", "Group"),
    ("科技有限公司", "Technology Co., Ltd."),
    ("服务中心", "Service Centre"),
    ("产业园", "Industrial Park"),
)


def cache_path(facts: int = DEFAULT_FACTS, seed: int = DEFAULT_SEED) -> Path:
    """Where the database for these parameters is (or will be) cached.

    The name holds a digest of the seed briefing and of the code that shapes the database
    (schema, loader, builder), so a new index or column never meets a stale cache.
    """
    digest = hashlib.sha256()
    for path in (SEED_BRIEFING, *(DATA_DIR / name for name in _SHAPING_MODULES)):
        digest.update(path.read_bytes())
    name = (
        f"synthetic-g{GENERATOR_VERSION}-s{SCHEMA_VERSION}-{facts}-{seed}"
        f"-{digest.hexdigest()[:10]}.db"
    )
    return CACHE_DIR / name


def synthetic_db(
    facts: int = DEFAULT_FACTS,
    seed: int = DEFAULT_SEED,
    cache_dir: Path | None = None,
    log: Callable[[str], None] | None = None,
) -> Path:
    """The path of a synthetic database with `facts` facts, building it if not cached."""
    path = cache_path(facts, seed)
    if cache_dir is not None:
        path = cache_dir / path.name
    if path.exists():
        return path
    if log is not None:
        log(f"building synthetic database ({facts:,} facts) at {path} ...")
    write_synthetic_db(path, facts, seed)
    return path


def write_synthetic_db(out: Path, facts: int = DEFAULT_FACTS, seed: int = DEFAULT_SEED) -> int:
    """Write the synthetic database to `out` (atomically); returns the number of facts."""
    # Imported here: sqlite-utils (and numpy with it) is heavy, and only building needs it.
    from jhviewer.data.authoring import BriefingDocument
    from jhviewer.data.build import _write
    from jhviewer.data.source import _rows_from_document

    document = BriefingDocument.model_validate(synthetic_document(facts, seed)).model_dump()
    rows = _rows_from_document(out.with_suffix(".toml"), document)
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".synth-", suffix=".db", dir=out.parent)
    os.close(handle)
    temp_path = Path(temp_name)
    try:
        count = _write([rows], temp_path)
        os.replace(temp_path, out)
    finally:
        temp_path.unlink(missing_ok=True)
    return count


def synthetic_document(facts: int, seed: int = DEFAULT_SEED) -> dict[str, Any]:
    """A briefing document shaped like a parsed briefing TOML file, with `facts` facts."""
    if facts < 1:
        raise ValueError("a synthetic database needs at least one fact")
    document = tomllib.loads(SEED_BRIEFING.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    real_facts: list[dict[str, Any]] = document["facts"]
    real_entities: list[dict[str, Any]] = document["entities"]
    companies = _companies(rng, real_entities)
    document["entities"] = real_entities + companies
    kept = real_facts[:facts]
    synthetic = [
        _synthetic_fact(rng, number, real_facts, real_entities, companies)
        for number in range(1, facts - len(kept) + 1)
    ]
    document["facts"] = kept + synthetic
    return document


def _companies(rng: random.Random, entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    places = [e for e in entities if e["type"] == "place"]
    industries = [e for e in entities if e["type"] == "industry"]
    companies = []
    for number in range(1, SYNTHETIC_COMPANIES + 1):
        place, industry = rng.choice(places), rng.choice(industries)
        suffix_zh, suffix_en = rng.choice(_COMPANY_SUFFIXES)
        companies.append({
            "id": f"synthetic-company-{number:05d}",
            "type": "company",
            "name_zh": f"{place['name_zh']}{industry['name_zh']}{suffix_zh}（第{number}号）",
            "name_en": f"{place['name_en']} {industry['name_en']} {suffix_en} No. {number}",
        })
    return companies


def _synthetic_fact(
    rng: random.Random,
    number: int,
    real_facts: list[dict[str, Any]],
    real_entities: list[dict[str, Any]],
    companies: list[dict[str, Any]],
) -> dict[str, Any]:
    template = rng.choice(real_facts)
    year = rng.randint(FIRST_YEAR, LAST_YEAR)

    def renumber(text: str) -> str:
        return _NUMBER.sub(lambda match: _other_number(rng, match.group(), year), text)

    label_zh, label_en = template["label_zh"], template["label_en"]
    if rng.random() < 0.4:
        prefix = rng.choice(real_entities)
        label_zh = f"{prefix['name_zh']}{label_zh}"
        label_en = f"{prefix['name_en']}: {label_en}"
    description_zh = f"{year}年，{renumber(template['description_zh'])}"
    description_en = f"In {year}: {renumber(template['description_en'])}"
    if rng.random() < 0.3:
        other = rng.choice(real_facts)
        description_zh += renumber(other["description_zh"])
        description_en += " " + renumber(other["description_en"])
    fact: dict[str, Any] = {
        "id": f"history-{number:06d}",
        "section": template["section"],
        "kind": template["kind"],
        "year": year,
        "label_zh": label_zh,
        "label_en": label_en,
        "description_zh": description_zh,
        "description_en": description_en,
        "evidence": renumber(template["evidence"]),
        "paragraph": template["paragraph"],
    }
    if "value" in template:
        fact["value"] = _scaled(rng, float(template["value"]))
        fact["unit"] = template["unit"]
    for key in ("qualifier", "estimated", "noun_en", "claim_zh", "claim_en"):
        if key in template:
            fact[key] = template[key]
    if "group" in template:
        fact["group"] = template["group"]
    if "date" in template:
        fact["date"] = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    entities = list(template.get("entities", []))
    if rng.random() < 0.3:
        entities.append(rng.choice(companies)["id"])
    fact["entities"] = list(dict.fromkeys(entities))
    return fact


def _other_number(rng: random.Random, text: str, year: int) -> str:
    """Another figure in place of `text`; a year stays a year, shifted with the fact's."""
    if len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2100:
        return str(int(text) - LAST_YEAR + year)
    if "." in text:
        decimals = len(text.split(".", 1)[1])
        return f"{rng.uniform(0.1, 99.9):.{decimals}f}"
    return str(rng.randint(1, 10 ** min(len(text) + 1, 6)))


def _scaled(rng: random.Random, value: float) -> float:
    if value == 0:
        return 0.0
    return round(value * rng.uniform(0.3, 1.2), 2)
