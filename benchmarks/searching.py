"""(3) Search as you type, filtering and scrolling, on the synthetic 100,000-fact database.

Search: each query is typed one character at a time; every keystroke runs the search the
way the facts table does (`FactTableModel.set_query`: the search and the model's reset under
a QTableView, then the data of the first FIRST_SCREEN_ROWS rows, which a lazy model reads
only when a view asks) and, for comparison, `store.search` alone. The floor is the
raw query with plain sqlite3 on the same file: FTS5 MATCH on the trigram index for terms
of three or more characters, on the characters index for shorter ones, LIKE over the five
text columns where neither applies; fetching the matching facts' columns, first page only
(as many rows as the model takes hits), unranked; and, for information, a floor that reads
only what the lazy model reads (the rowids of those matches, the full rows of the first
FIRST_SCREEN_ROWS). Per run the p95 over all keystrokes is taken; the figure is the median
of the runs' p95s.

Filter and scroll (with the model): switching the facts table's filter (each kind, some
years, each section) and paging the whole unfiltered table in with `fetchMore`, against
plain sqlite3 counting and reading the same number of rows.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.harness import Figure, Options, alternate, median, percentile
from jhviewer.paths import REPO_ROOT

QUERIES = ("金融服务", "数字经济", "first store", "GDP growth", "瞪羚企业", "汉口 消费")
FRAME_MS = 16.0
FIELDS = ("label_zh", "label_en", "evidence", "description_zh", "description_en")
DEFAULT_LIMIT = 200
PAGE = 200
FIRST_SCREEN_ROWS = 30  # rows a facts table shows at once (about 25 in the default window)


def keystrokes(queries: tuple[str, ...] = QUERIES) -> list[str]:
    """What the search box holds after each key: 金, 金融, 金融服, 金融服务, f, fi, ..."""
    return [query[:end] for query in queries for end in range(1, len(query) + 1)]


class RawSearch:
    """The floor: the same match with plain sqlite3, no ranking, no records.

    Terms of three or more characters go to the trigram FTS5 index; when all terms are
    shorter, the letters-and-digits ones go to the characters FTS5 index (if the database
    has it) and the rest to LIKE, as in jhviewer.data.search.
    """

    def __init__(self, path: Path) -> None:
        self.connection = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        self.chars_index = bool(self.connection.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'facts_chars'"
        ).fetchone())

    def close(self) -> None:
        self.connection.close()

    def search(self, query: str, limit: int, shown: int | None = None) -> int:
        """The first `limit` matching rows; with `shown`, as a lazy table reads them: the
        rowids of the first `limit` matches, then the full rows of the first `shown`."""
        terms = query[:200].split()
        if not terms:
            return 0
        long_terms = [term for term in terms if len(term) >= 3]
        short_terms = [term for term in terms if len(term) < 3]
        table, match = "", ""
        if long_terms:
            table = "facts_fts"
            match = " ".join('"' + term.replace('"', '""') + '"' for term in long_terms)
        elif self.chars_index and any(term.isalnum() for term in short_terms):
            table = "facts_chars"
            match = " ".join('"' + " ".join(t) + '"' for t in short_terms if t.isalnum())
            short_terms = [term for term in short_terms if not term.isalnum()]
        conditions = [f"{table} MATCH ?"] if table else []
        parameters: list[object] = [match] if table else []
        for term in short_terms:
            escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            either = " OR ".join(f"f.{field} LIKE ? ESCAPE '\\'" for field in FIELDS)
            conditions.append(f"({either})")
            parameters.extend([f"%{escaped}%"] * len(FIELDS))
        source = f"{table} JOIN facts AS f ON f.rowid = {table}.rowid" if table else "facts AS f"
        columns = "f.*" if shown is None else "f.rowid"
        sql = f"SELECT {columns} FROM {source} WHERE {' AND '.join(conditions)} LIMIT ?"
        rows = self.connection.execute(sql, (*parameters, limit)).fetchall()
        if shown is not None and rows:
            first = [row[0] for row in rows[:shown]]
            marks = ",".join("?" * len(first))
            self.connection.execute(f"SELECT * FROM facts WHERE rowid IN ({marks})", first)
        return len(rows)

    def filtered(self, column: str | None, value: object) -> int:
        where = f" WHERE {column} = ?" if column else ""
        parameters = (value,) if column else ()
        count = self.connection.execute(f"SELECT count(*) FROM facts{where}", parameters)
        count.fetchone()
        rows = self.connection.execute(f"SELECT * FROM facts{where} LIMIT {PAGE}", parameters)
        return len(rows.fetchall())

    def page_after(self, rowid: int) -> int:
        """The next page in rowid order; returns the last rowid read (0 at the end)."""
        rows = self.connection.execute(
            f"SELECT rowid, * FROM facts WHERE rowid > ? ORDER BY rowid LIMIT {PAGE}", (rowid,)
        ).fetchall()
        return rows[-1][0] if rows else 0


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


class _ModelRig:
    """The UI's facts model under a shown table view, if the UI has one yet."""

    def __init__(self, store: Any) -> None:
        from PySide6.QtWidgets import QApplication, QTableView

        from jhviewer.ui.models import FactTableModel

        self.app = QApplication.instance() or QApplication([])
        self.model = FactTableModel()
        # The view is attached (it handles every reset) but not shown: painting is not part
        # of the model update.
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.resize(900, 600)
        self.model.set_store(store)
        self.settle()

    def settle(self) -> None:
        """Let the view catch up (layout, paint) outside the timed region."""
        self.app.processEvents()

    def first_screen(self) -> None:
        """Ask for the text of the rows a table shows first, as its paint would: a lazy
        model reads their records only now, so this is part of each timed update."""
        model = self.model
        for row in range(min(FIRST_SCREEN_ROWS, model.rowCount())):
            for column in range(model.columnCount()):
                model.index(row, column).data()

    def close(self) -> None:
        self.view.close()
        self.view.setModel(None)  # type: ignore[arg-type]
        self.view.deleteLater()
        self.model.deleteLater()
        self.settle()


def bench_search(options: Options) -> list[Figure]:
    """Run the search benchmark in a worker process (Qt's state and crashes stay there)."""
    from benchmarks.synth import synthetic_db

    db = synthetic_db(options.facts, cache_dir=options.cache_dir, log=options.log)
    command = [
        sys.executable, "-m", "benchmarks.searching", "--db", str(db),
        "--runs", str(options.runs), "--warmup", str(options.warmup),
    ]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    options.log(f"  search: worker on {db.name}, {options.runs} runs ...")
    try:
        result = subprocess.run(
            command, cwd=REPO_ROOT, env=env, capture_output=True, text=True,
            timeout=options.timeout * 10,
        )
    except subprocess.TimeoutExpired:
        return [Figure("search", "(worker)", "ms", None, error="the search worker timed out")]
    lines = [line for line in result.stdout.splitlines() if line.startswith("[")]
    figures = [_figure(data) for data in json.loads(lines[-1])] if lines else []
    if result.returncode != 0:
        tail = " | ".join(result.stderr.strip().splitlines()[-4:])
        figures.append(Figure(
            "search", "(worker)", "ms", None,
            error=f"the search worker exited {result.returncode}"
            + (" after its figures" if figures else "") + f": {tail}",
        ))
    return figures


def _figure(data: dict[str, Any]) -> Figure:
    names = {field.name for field in dataclasses.fields(Figure)}
    return Figure(**{key: value for key, value in data.items() if key in names})


def measure_search(db: Path, options: Options) -> list[Figure]:
    """The search benchmark proper, in this process (the worker)."""
    from jhviewer.data.records import FactFilter
    from jhviewer.data.schema import KINDS
    from jhviewer.data.store import Store

    store = Store.open(db)
    raw = RawSearch(db)
    rig: _ModelRig | None = _ModelRig(store)  # a missing or broken model is an error
    figures: list[Figure] = []
    try:
        limit = DEFAULT_LIMIT
        if rig is not None:
            from jhviewer.ui import models

            limit = getattr(models, "SEARCH_LIMIT", DEFAULT_LIMIT)
        options.log(f"  search: {options.runs} runs of {len(keystrokes())} keystrokes ...")
        figures += _typing(options, store, raw, rig, limit)
        if rig is not None:
            filters = [FactFilter(kind=kind) for kind in KINDS]
            filters += [FactFilter(year=year) for year in (1995, 2010, 2023)]
            filters += [FactFilter(section_id=section.id) for section in store.sections()]
            filters.append(FactFilter())
            options.log(f"  filter: {options.runs} runs of {len(filters)} filters ...")
            figures.append(_filtering(options, rig, raw, filters))
            options.log(f"  scroll: {options.runs} runs through every page ...")
            figures.append(_scrolling(options, rig, raw))
    finally:
        if rig is not None:
            rig.close()
        raw.close()
        store.close()
    return figures


def _typing(
    options: Options, store: Any, raw: RawSearch, rig: _ModelRig | None, limit: int
) -> list[Figure]:
    keys = keystrokes()
    variants: dict[str, Callable[[str], object]] = {
        "store": lambda text: store.search(text, limit=limit),
        "floor": lambda text: raw.search(text, limit),
    }
    if rig is not None:
        model_rig = rig

        def model_keystroke(text: str) -> None:
            model_rig.model.set_query(text)
            model_rig.first_screen()

        variants = {
            "model": model_keystroke,
            **variants,
            "floor-shown": lambda text: raw.search(text, limit, FIRST_SCREEN_ROWS),
        }
    names = list(variants)
    per_key: dict[str, dict[str, list[float]]] = {name: {k: [] for k in keys} for name in names}
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in names}
    for run in range(-options.warmup, options.runs):
        times: dict[str, list[float]] = {name: [] for name in names}
        for number, text in enumerate(keys):
            # A and B interleaved per keystroke, in an order that turns with every key.
            shift = (run + number) % len(names)
            for name in names[shift:] + names[:shift]:
                elapsed = _timed(lambda: variants[name](text))  # noqa: B023 - called at once
                times[name].append(elapsed)
                if run >= 0:
                    per_key[name][text].append(elapsed)
                if name == "model" and rig is not None:
                    rig.settle()
        if rig is not None:
            rig.model.set_query("")
            rig.settle()
        if run >= 0:
            for name in names:
                runs[name].append({"p95": percentile(times[name], 0.95)})
    floor_p95 = [run["p95"] for run in runs["floor"]]
    figures = []
    for name, label in (("model", "keystroke p95, model + search"),
                        ("store", "keystroke p95, store.search")):
        if name not in runs:
            continue
        # With the model there, it is the keystroke; `store.search` (every hit read in full,
        # which the table no longer does) is then shown for information.
        judged = name == "model" or rig is None
        figures.append(Figure(
            "search", label, "ms",
            median([run["p95"] for run in runs[name]]),
            median(floor_p95),
            budget_ratio=2.0,
            budget_abs=FRAME_MS,
            samples=[round(run["p95"], 3) for run in runs[name]],
            floor_samples=[round(value, 3) for value in floor_p95],
            note="floor: raw FTS5 MATCH / LIKE with plain sqlite3, first page of rows"
            if judged else f"all {limit} hits read in full; the table reads the rows it shows",
            judged=judged,
        ))
    if "floor-shown" in runs:
        # The same keystrokes against a floor that reads only what the lazy table reads.
        shown_p95 = [run["p95"] for run in runs["floor-shown"]]
        figures.insert(1, Figure(
            "search", "keystroke p95, model + search, vs rows read", "ms",
            median([run["p95"] for run in runs["model"]]),
            median(shown_p95),
            samples=[round(run["p95"], 3) for run in runs["model"]],
            floor_samples=[round(value, 3) for value in shown_p95],
            note=f"floor: the same match, the rowids of the first {limit} and the full rows "
            f"of the first {FIRST_SCREEN_ROWS} only",
            judged=False,
        ))
    if rig is None:
        figures.append(Figure(
            "search", "keystroke p95, model + search", "ms", None,
            note="pending: jhviewer.ui.models.FactTableModel is not there yet",
        ))
    worst_name = "model" if "model" in per_key else "store"
    worst_key, worst = max(
        ((text, median(values) or 0.0) for text, values in per_key[worst_name].items()),
        key=lambda item: item[1],
    )
    figures.append(Figure(
        "search", f"slowest keystroke ({worst_name}): {worst_key!r}", "ms", worst,
        median(per_key["floor"][worst_key]), judged=False,
        note=f"{len(keys)} keystrokes of {', '.join(QUERIES)}",
    ))
    return figures


def _filtering(options: Options, rig: _ModelRig, raw: RawSearch, filters: list[Any]) -> Figure:
    def model_run() -> dict[str, float]:
        times = []

        def change(where: Any) -> None:
            rig.model.set_filter(where)
            rig.first_screen()

        for where in filters:
            times.append(_timed(lambda: change(where)))  # noqa: B023
            rig.settle()
        return {"p95": percentile(times, 0.95)}

    def floor_run() -> dict[str, float]:
        times = []
        for where in filters:
            column, value = _filter_column(where)
            times.append(_timed(lambda: raw.filtered(column, value)))  # noqa: B023
        return {"p95": percentile(times, 0.95)}

    runs = alternate({"model": model_run, "floor": floor_run}, options.runs, options.warmup)
    return Figure(
        "search", "filter change p95, model", "ms",
        median([run["p95"] for run in runs["model"]]),
        median([run["p95"] for run in runs["floor"]]),
        budget_abs=FRAME_MS,
        samples=[round(run["p95"], 3) for run in runs["model"]],
        floor_samples=[round(run["p95"], 3) for run in runs["floor"]],
        note="floor: plain sqlite3 count + first page of rows for the same filter",
    )


def _filter_column(where: Any) -> tuple[str | None, object]:
    for column in ("briefing_id", "section_id", "kind", "year"):
        value = getattr(where, column)
        if value is not None:
            return column, value
    return None, None


def _scrolling(options: Options, rig: _ModelRig, raw: RawSearch) -> Figure:
    from jhviewer.data.records import FactFilter

    model = rig.model

    def model_run() -> dict[str, float]:
        model.set_filter(FactFilter())
        rig.settle()
        times = []
        while model.canFetchMore():
            times.append(_timed(model.fetchMore))
        return {"p95": percentile(times, 0.95), "max": max(times, default=0.0)}

    def floor_run() -> dict[str, float]:
        times = []
        last = 0
        while True:
            started = time.perf_counter()
            last = raw.page_after(last)
            times.append((time.perf_counter() - started) * 1000)
            if not last:
                break
        return {"p95": percentile(times, 0.95), "max": max(times)}

    runs = alternate({"model": model_run, "floor": floor_run}, options.runs, options.warmup)
    worst = median([run["max"] for run in runs["model"]]) or 0.0
    model.set_filter(FactFilter())
    rig.settle()
    return Figure(
        "search", f"scroll page p95 ({PAGE} rows), model", "ms",
        median([run["p95"] for run in runs["model"]]),
        median([run["p95"] for run in runs["floor"]]),
        budget_abs=FRAME_MS,
        samples=[round(run["p95"], 3) for run in runs["model"]],
        floor_samples=[round(run["p95"], 3) for run in runs["floor"]],
        note=f"fetchMore through the whole table (slowest page {worst:.1f} ms); "
        "floor: plain sqlite3 reading the next page by rowid",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="the search benchmark's worker")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=1)
    arguments = parser.parse_args()
    options = Options(
        runs=arguments.runs,
        warmup=arguments.warmup,
        log=lambda text: print(text, file=sys.stderr, flush=True),
    )
    figures = measure_search(arguments.db, options)
    print(json.dumps([figure.as_json() for figure in figures], ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
