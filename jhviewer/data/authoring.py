"""The authoring format of a briefing file (TOML), validated with pydantic.

`validate_document(path, text)` returns the checked document or raises BriefingFormatError
whose `problems` name the file, the line where one can be found and the key path of each
problem: `town-2030.toml:41: facts[2].headlnie: unknown key; did you mean headline?`.
pydantic is imported only here, so building and checking pay for it, the window does not.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from jhviewer.data.errors import BriefingFormatError
from jhviewer.data.schema import CHART_TYPES, ENTITY_TYPES, KINDS, QUALIFIERS, WORDED_KINDS

Slug = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
OptionalText = Annotated[str, Field(max_length=2000)]
Year = Annotated[int, Field(ge=1800, le=2200)]
Number = Annotated[float, Field(allow_inf_nan=False, ge=-1e15, le=1e15)]
Position = Annotated[int, Field(ge=1, le=1_000_000)]


class _Strict(BaseModel):
    # strict: a year written as "2024" or a flag as 1 is an error, not a silent conversion
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class BriefingHeader(_Strict):
    id: Slug
    district_id: Slug
    short_name: Slug
    district_zh: Text
    district_en: Text
    city_zh: Text
    city_en: Text
    title_zh: Text
    title_en: Text
    publisher_zh: Text
    publisher_en: Text
    year: Year
    source_zh: Text
    source_en: Text
    source_file: Annotated[str, Field(pattern=r"^[^/\\]{1,200}$")]
    about_zh: Text
    about_en: Text
    targets_title_zh: Text
    targets_title_en: Text


class UnitEntry(_Strict):
    id: Annotated[str, Field(min_length=1, max_length=40)]
    zh: Text
    en: Text
    scale: Annotated[float, Field(gt=0, allow_inf_nan=False)]
    base_en: Text
    counter: bool = False


class SectionEntry(_Strict):
    id: Slug
    title_zh: Text
    title_en: Text
    summary_zh: Text
    summary_en: Text
    heading: OptionalText = ""


class EntityEntry(_Strict):
    id: Slug
    type: Literal[ENTITY_TYPES]  # type: ignore[valid-type]
    name_zh: Text
    name_en: Text


class FactEntry(_Strict):
    id: Slug
    section: Slug
    kind: Literal[KINDS]  # type: ignore[valid-type]
    year: Year | None = None  # None: the source does not date the statement
    date: Annotated[str, Field(pattern=r"^\d{4}-\d{2}(-\d{2})?$")] | None = None
    indicator: Slug | None = None
    label_zh: Text
    label_en: Text
    value: Number | None = None
    unit: str | None = None
    qualifier: Literal[QUALIFIERS] | None = None  # type: ignore[valid-type]
    estimated: bool = False
    noun_en: Text | None = None
    claim_zh: Text | None = None
    claim_en: Text | None = None
    description_zh: Text
    description_en: Text
    evidence: Text
    paragraph: Position
    group: Position | None = None
    headline: Position | None = None
    entities: list[Slug] = []

    @model_validator(mode="after")
    def _value_needs_unit_and_qualifier(self) -> Self:
        if self.value is not None and self.unit is None:
            raise ValueError("a value needs a unit")
        if self.value is None and (self.qualifier is not None or self.estimated):
            raise ValueError("a qualifier or an estimate needs a value")
        if (self.claim_zh is None) != (self.claim_en is None):
            raise ValueError("a claim needs both claim_zh and claim_en")
        if self.value is not None and self.claim_zh is not None:
            raise ValueError("a fact has a value or a claim in words, not both")
        if self.kind in WORDED_KINDS and self.claim_zh is None:
            raise ValueError(f"a {self.kind} needs claim_zh and claim_en, and no value")
        if self.kind == "target" and self.group is None:
            raise ValueError("a target needs a group (its place in the targets summary)")
        return self


class TierEntry(_Strict):
    id: Slug
    title_zh: Text
    title_en: Text
    fact: Slug | None = None
    entities: Annotated[list[Slug], Field(min_length=1)]


class Structure(_Strict):
    title_zh: Text
    title_en: Text
    tiers: Annotated[list[TierEntry], Field(min_length=1)]


# What each chart type needs besides its titles (see FORMAT.md).
_CHART_NEEDS: dict[str, tuple[str, ...]] = {
    "bars": ("facts",),
    "targets": ("unit",),
    "result-vs-target": (),
    "parts": ("total", "facts"),
    "shares": ("facts",),
    "series": ("indicator",),
}


class ChartEntry(_Strict):
    id: Slug
    type: Literal[CHART_TYPES]  # type: ignore[valid-type]
    title_zh: Text
    title_en: Text
    subtitle_zh: OptionalText = ""
    subtitle_en: OptionalText = ""
    facts: list[Slug] = []
    kind: Literal[KINDS] | None = None  # type: ignore[valid-type]
    unit: str | None = None
    indicator: Slug | None = None
    total: Slug | None = None
    remainder_zh: OptionalText = ""
    remainder_en: OptionalText = ""

    @model_validator(mode="after")
    def _has_what_its_type_needs(self) -> Self:
        missing = [key for key in _CHART_NEEDS[self.type] if not getattr(self, key)]
        if missing:
            raise ValueError(f"a {self.type!r} chart needs {' and '.join(missing)}")
        return self


class BriefingDocument(_Strict):
    briefing: BriefingHeader
    units: list[UnitEntry] = []
    sections: Annotated[list[SectionEntry], Field(min_length=1)]
    entities: list[EntityEntry] = []
    facts: Annotated[list[FactEntry], Field(min_length=1)]
    structure: Structure | None = None
    charts: list[ChartEntry] = []


def validate_document(path: Path, text: str) -> BriefingDocument:
    """Parse and check one briefing file's text; raise BriefingFormatError on any problem.

    Checks, in order: TOML syntax; keys, types and required fields (pydantic); then ids
    that must be unique within the file and references that must resolve within it.
    """
    locator = _Locator(path.name, text)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise BriefingFormatError([f"{path.name}: not valid TOML: {error}"]) from error
    try:
        document = BriefingDocument.model_validate(raw)
    except ValidationError as error:
        raise BriefingFormatError(
            [locator.line(tuple(item["loc"]), _message(item)) for item in error.errors()]
        ) from error
    problems = _reference_problems(document, locator)
    if problems:
        raise BriefingFormatError(problems)
    return document


def _message(item: Any) -> str:
    """pydantic's message in the authors' terms, with a suggestion for a misspelt key."""
    loc = tuple(item["loc"])
    if item["type"] == "extra_forbidden" and loc:
        model = _model_at(loc[:-1])
        guess = difflib.get_close_matches(str(loc[-1]), list(model.model_fields), n=1)
        return "unknown key" + (f"; did you mean {guess[0]}?" if guess else "")
    if item["type"] == "missing":
        return "required key is missing"
    return str(item["msg"]).removeprefix("Value error, ")


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel]:
    """The model class that validates the mapping at `loc` (for key suggestions)."""
    model: type[BaseModel] = BriefingDocument
    for part in loc:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[str(part)].annotation if part in model.model_fields \
            else None
        inner = _first_model(annotation)
        if inner is None:
            break
        model = inner
    return model


def _first_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()) or ():
        found = _first_model(argument)
        if found is not None:
            return found
    return None


def _reference_problems(document: BriefingDocument, locator: _Locator) -> list[str]:
    problems: list[str] = []
    collections: dict[str, list[Any]] = {
        "units": document.units, "sections": document.sections,
        "entities": document.entities, "facts": document.facts, "charts": document.charts,
        "structure.tiers": document.structure.tiers if document.structure else [],
    }
    for name, items in collections.items():
        problems += _duplicates(name, [item.id for item in items], locator)
    known = {name: {item.id for item in items} for name, items in collections.items()}
    # units may also come from another briefing file; the build checks those
    for index, fact in enumerate(document.facts):
        at: tuple[str | int, ...] = ("facts", index)
        problems += locator.missing(at, "section", [fact.section], known["sections"])
        problems += locator.missing(at, "entities", fact.entities, known["entities"])
        if fact.unit is not None:
            problems += locator.missing(at, "unit", [fact.unit], known["units"])
    for index, tier in enumerate(document.structure.tiers if document.structure else []):
        at = ("structure", "tiers", index)
        problems += locator.missing(at, "fact", [tier.fact] if tier.fact else [], known["facts"])
        problems += locator.missing(at, "entities", tier.entities, known["entities"])
    for index, chart in enumerate(document.charts):
        at = ("charts", index)
        problems += locator.missing(at, "facts", chart.facts, known["facts"])
        problems += locator.missing(at, "total", [chart.total] if chart.total else [],
                                    known["facts"])
        if chart.unit is not None:
            problems += locator.missing(at, "unit", [chart.unit], known["units"])
    return problems


def _duplicates(name: str, ids: list[str], locator: _Locator) -> list[str]:
    counts = Counter(ids)
    problems = []
    for index, item_id in enumerate(ids):
        if counts[item_id] > 1 and ids.index(item_id) != index:
            loc = (*name.split("."), index, "id")
            problems.append(locator.line(loc, f"duplicate id {item_id!r}"))
    return problems


class _Locator:
    """Finds the line of a key path in the file's text, for messages an author can act on.

    TOML keeps no positions, so this reads the text: the N-th `[[facts]]` header, then the
    key's line below it. Where nothing is found the message simply has no line number.
    """

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.lines = text.splitlines()

    def line(self, loc: tuple[Any, ...], message: str) -> str:
        number = self._find(loc)
        where = f"{self.name}:{number}" if number else self.name
        return f"{where}: {_path(loc)}: {message}" if loc else f"{where}: {message}"

    def missing(
        self, at: tuple[Any, ...], key: str, ids: Iterable[str], known: set[str]
    ) -> list[str]:
        return [
            self.line((*at, key), f"{value!r} is not defined in this file")
            for value in ids if value not in known
        ]

    def _find(self, loc: tuple[Any, ...]) -> int | None:
        table = [str(part) for part in loc if not isinstance(part, int)]
        names = [n for n, part in enumerate(loc) if not isinstance(part, int)]
        # the deepest array-of-tables header we can place, e.g. the 3rd [[structure.tiers]]
        for depth in range(len(table), 0, -1):
            header = re.compile(r"^\s*\[\[\s*" + re.escape(".".join(table[:depth])) + r"\s*\]\]")
            places = [n for n, text in enumerate(self.lines) if header.match(text)]
            after = names[depth - 1] + 1
            index = loc[after] if after < len(loc) and isinstance(loc[after], int) else 0
            if places and index < len(places):
                start = places[index]
                end = next((n for n in range(start + 1, len(self.lines))
                            if self.lines[n].lstrip().startswith("[")), len(self.lines))
                key = table[depth] if depth < len(table) else None
                return self._key_line(key, start, end) or start + 1
        single = re.compile(r"^\s*\[\s*" + re.escape(table[0]) + r"\s*\]") if table else None
        for n, text in enumerate(self.lines):
            if single and single.match(text):
                key = table[1] if len(table) > 1 else None
                end = next((m for m in range(n + 1, len(self.lines))
                            if self.lines[m].lstrip().startswith("[")), len(self.lines))
                return self._key_line(key, n, end) or n + 1
        return None

    def _key_line(self, key: str | None, start: int, end: int) -> int | None:
        if key is None:
            return None
        pattern = re.compile(r"^\s*" + re.escape(key) + r"\s*=")
        return next((n + 1 for n in range(start, end) if pattern.match(self.lines[n])), None)


def _path(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
