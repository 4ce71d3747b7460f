"""The bad-database corpus through the store and every command that takes --db.

Hundreds of broken, old, odd and hostile files (tests/badcorpus/cases.py), each run
through a whole store session and through `check`, `search`, `export csv` and
`export json` in-process; a sample also as real `python -m jhviewer` subprocesses and
through the Qt commands (`pdf`, `snapshot`). For every file and entry point: no crash, no
traceback, no hang, no write (file hashes, mtimes and no new -journal/-wal beside it), no
markup taken as markup; a refused file gets one clear line and a non-zero exit; a file
with bad rows lists them and still shows the good ones.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.badcorpus.cases import (
    ANY_CLEAN,
    CATEGORIES,
    OK,
    PROBLEMS,
    REFUSED,
    Case,
    corpus,
)
from tests.badcorpus.probe import (
    CLI_ENTRIES,
    ENTRIES,
    FAILURES,
    QT_ENTRIES,
    Run,
    run_case,
)

# One of each kind of trouble, for the slower ways in: real subprocesses and Qt commands.
SAMPLE = (
    "pristine", "truncate-at-50", "truncate-at-4097", "flip-at-4096", "drop-table-facts",
    "drop-column-facts.year", "null-facts.label_zh", "text-in-facts.year",
    "blob-in-units.zh", "number-1e308-in-facts.value", "huge-facts.evidence",
    "markup-0-all-columns", "markup-1-all-columns", "markup-2-all-columns",
    "markup-3-all-columns", "user-version-older", "user-version-newer", "other-schema-notes",
    "empty-file",
    "png-file", "a-directory", "missing-file", "named-pipe", "path-with-all-at-once",
    "view-facts-load-extension", "generated-column-load-extension", "fts-shadow-scrambled",
    "wal-mode", "wal-left-behind-without-shm", "hot-journal", "locked-by-a-writer",
    "read-only-folder",
)


@pytest.fixture(scope="session")
def cases(built_db: Path) -> list[Case]:
    return corpus(built_db)


def _by_name(cases: list[Case], names: tuple[str, ...]) -> Iterator[Case]:
    index = {case.name: case for case in cases}
    missing = [name for name in names if name not in index]
    assert not missing, f"sample names not in the corpus: {missing}"
    return (index[name] for name in names)


def judge(case: Case, runs: list[Run]) -> list[str]:
    """Everything wrong with how the entry points handled this case, one line each."""
    wrong = [
        f"{case.name} / {run.entry}: {run.outcome}: {run.detail}"
        for run in runs if run.outcome in FAILURES
    ]
    by_entry = {run.entry: run for run in runs}
    store = by_entry.get("store")
    if store is not None and store.outcome not in case.expect:
        wrong.append(f"{case.name} / store: {store.outcome}, expected one of "
                     f"{sorted(case.expect)}: {store.detail}")
    if case.expect == {REFUSED}:
        wrong += [
            f"{case.name} / {run.entry}: {run.outcome}, expected a refusal"
            for run in runs if run.outcome != REFUSED
        ]
    if case.expect == {PROBLEMS} and store is not None and store.outcome == PROBLEMS:
        wrong += _judge_bad_rows(case, store, by_entry)
    if case.expect == {OK}:
        wrong += [
            f"{case.name} / {run.entry}: {run.outcome}, expected it to open cleanly"
            for run in runs if run.entry != "check" and run.outcome != OK
        ]
    return wrong


def _judge_bad_rows(case: Case, store: Run, by_entry: dict[str, Run]) -> list[str]:
    """The bad rows are named, the good rows are all still there, the CLI says so too."""
    wrong = []
    reported = set(store.problems)
    missing = [row for row in case.bad_rows if row not in reported]
    if missing:
        wrong.append(f"{case.name} / store: bad rows not reported: {missing}")
    bad_facts = {row_id for table, row_id in reported if table == "facts"}
    if store.facts_shown + len(bad_facts) != store.facts_in_table or not store.facts_shown:
        wrong.append(f"{case.name} / store: {store.facts_shown} facts shown, "
                     f"{len(bad_facts)} reported bad, {store.facts_in_table} in the table")
    check = by_entry.get("check")
    if check is not None and check.outcome != PROBLEMS:
        wrong.append(f"{case.name} / check: {check.outcome}, expected problems listed")
    fact_rows = [row_id for table, row_id in case.bad_rows if table == "facts"]
    for entry in ("export-csv", "export-json"):
        run = by_entry.get(entry)
        if run is None or not fact_rows:
            continue
        if run.outcome != PROBLEMS or not all(row in run.stderr for row in fact_rows[:10]):
            wrong.append(f"{case.name} / {entry}: {run.outcome}, expected the skipped rows "
                         f"{fact_rows} named on stderr: {run.stderr.strip()[:200]}")
        written = re.search(r"\((\d+) facts\)", run.stdout)
        if written is None or int(written.group(1)) != store.facts_shown:
            wrong.append(f"{case.name} / {entry}: wrote {run.stdout.strip()!r}, expected "
                         f"the {store.facts_shown} good facts")
    return wrong


def test_the_corpus_is_large_and_covers_every_category(cases: list[Case]) -> None:
    assert len(cases) >= 400
    counts = {category: sum(c.category == category for c in cases) for category in CATEGORIES}
    assert all(counts.values()), counts
    assert counts["truncated"] >= 30 and counts["byte flip"] >= 60
    assert all(case.expect <= ANY_CLEAN and case.expect for case in cases)


@pytest.mark.parametrize(
    "name", ["truncate-at-4097", "flip-random-07", "null-facts.year", "markup-1-all-columns",
             "huge-units.zh", "utf16-briefing"]
)
def test_the_corpus_is_deterministic(cases: list[Case], built_db: Path, tmp_path: Path,
                                     name: str) -> None:
    (case,) = _by_name(cases, (name,))
    digests = []
    for attempt in ("first", "second"):
        with case.make(built_db, tmp_path / attempt) as path:
            digests.append(hashlib.sha256(path.read_bytes()).hexdigest())
    assert digests[0] == digests[1]


# What the store makes of each category's files, counted: the corpus is deterministic, so a
# file that used to open (or list its bad rows) and is now refused, or the reverse, shows up
# here even where its case accepts any clean outcome. (Measured as root, as CI runs.)
STORE_OUTCOMES: dict[str, dict[str, int]] = {
    "control": {OK: 1},
    "truncated": {OK: 3, REFUSED: 47},
    "byte flip": {OK: 60, PROBLEMS: 4, REFUSED: 34},  # two more indexes: other pages hit
    "dropped table": {REFUSED: 10},
    "dropped column": {REFUSED: 91},
    "renamed column": {REFUSED: 91},
    "NULL in a column": {OK: 33, PROBLEMS: 58},
    "mistyped value": {OK: 12, PROBLEMS: 94},
    "NaN/inf/huge number": {OK: 16, PROBLEMS: 74},
    "10 MB string": {OK: 75, PROBLEMS: 1},
    "markup in every text column": {PROBLEMS: 4},
    "schema version": {REFUSED: 6},
    "another schema": {OK: 1, REFUSED: 5},
    "not SQLite": {REFUSED: 14},
    "path": {OK: 8, REFUSED: 9},
    "hostile schema": {OK: 5, REFUSED: 10},
    "search index": {OK: 13},
    "WAL / lock / permissions": {OK: 7, REFUSED: 2},
    "concurrent writer": {OK: 2},
    "cold cache": {OK: 1},
    "huge value": {PROBLEMS: 6},
    "control characters": {OK: 1, PROBLEMS: 2},
    "bidi": {OK: 1},
    "empty sections": {OK: 1},
}


def test_every_category_has_its_pinned_outcomes() -> None:
    assert list(STORE_OUTCOMES) == list(CATEGORIES)


@pytest.mark.slow
@pytest.mark.parametrize("category", CATEGORIES)
def test_every_file_in_process(cases: list[Case], built_db: Path, tmp_path: Path,
                               category: str) -> None:
    """The store session and each CLI command, in-process, on every file of a category."""
    wrong = []
    outcomes: Counter[str] = Counter()
    for index, case in enumerate(c for c in cases if c.category == category):
        runs = run_case(case, built_db, tmp_path / str(index), ENTRIES)
        wrong += judge(case, runs)
        outcomes.update(run.outcome for run in runs if run.entry == "store")
    assert not wrong, "\n".join(wrong)
    assert dict(outcomes) == STORE_OUTCOMES[category]


@pytest.mark.slow
def test_a_sample_as_subprocesses(cases: list[Case], built_db: Path, tmp_path: Path) -> None:
    """`python -m jhviewer` itself: real exit codes, real stderr, no traceback."""
    wrong = []
    for case in _by_name(cases, SAMPLE):
        runs = run_case(case, built_db, tmp_path / case.name, CLI_ENTRIES, use_subprocess=True)
        wrong += judge(case, runs)
        for run in runs:
            if run.outcome == REFUSED and not run.stderr.startswith("jhviewer: "):
                wrong.append(f"{case.name} / {run.entry}: refusal not on stderr")
    assert not wrong, "\n".join(wrong)


@pytest.mark.slow
def test_a_sample_through_pdf_and_snapshot(cases: list[Case], built_db: Path, tmp_path: Path,
                                           qapp: object) -> None:
    """The Qt commands (`pdf`, `snapshot`) refuse, skip or render: never crash or hang."""
    wrong = []
    for case in _by_name(cases, SAMPLE):
        runs = run_case(case, built_db, tmp_path / case.name, ("store", *QT_ENTRIES))
        wrong += judge(case, runs)
    assert not wrong, "\n".join(wrong)


def test_refused_files_say_why_in_one_line(cases: list[Case], built_db: Path,
                                           tmp_path: Path) -> None:
    """A few refusals, word for word: what a user reads must name the file and the trouble."""
    expected = {
        "missing-file": "There is no file at",
        "a-directory": "is a folder",
        "empty-file": "bad.db is empty",
        "png-file": "bad.db is not a SQLite database",
        "named-pipe": "pipe.db is not a database file",
        "truncate-at-50": "bad.db is damaged",
        "flip-at-4096": "bad.db is damaged",
        "user-version-older": "built by an older version of jhviewer",
        "user-version-newer": "newer version of jhviewer",
        "other-schema-notes": "another kind",
        "drop-column-facts.year": "lacks year",
        "locked-by-a-writer": "being changed by another program",
        "hot-journal": "left half-changed",
    }
    for case in _by_name(cases, tuple(expected)):
        (run,) = run_case(case, built_db, tmp_path / case.name, ("search",))
        assert run.outcome == REFUSED, (case.name, run)
        assert expected[case.name] in run.detail, (case.name, run.detail)
        assert len(run.stderr.strip().splitlines()) == 1
        assert run.stdout == ""


def test_clean_cases_read_like_the_original(cases: list[Case], built_db: Path,
                                            tmp_path: Path) -> None:
    """Odd paths, WAL mode, read-only files and UTF-16 read exactly like the original."""
    (pristine,) = run_case(next(_by_name(cases, ("pristine",))), built_db, tmp_path / "p",
                           ("store",))
    assert (pristine.outcome, pristine.facts_shown) == (OK, 115)  # the facts of the TOML
    clean = [case for case in cases if case.expect == {OK} and case.category != "control"]
    assert len(clean) == 25  # 21 + cold cache, bidi, empty sections, terminal controls
    for case in clean:
        (run,) = run_case(case, built_db, tmp_path / case.name, ("store",))
        assert (run.outcome, run.facts_shown, run.problems) == (OK, 115, ()), (case.name, run)
