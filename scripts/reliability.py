"""Run the whole bad-database corpus through every entry point and print the figures.

Builds a fresh database from resources/briefings, makes every case of the corpus
(tests/badcorpus/cases.py: truncations, byte flips, dropped tables and columns, NULLs,
wrong types, huge numbers, 10 MB strings, markup, other versions and schemas, files
that are not SQLite, odd paths, hostile views and triggers, broken search indexes, WAL,
locks, read-only files; a file another program rewrites while it is read, a file not in
the page cache, values over the length limit, terminal controls, bidi overrides, 4,000
empty sections) and runs each through the store and each command that takes --db, with a
timeout and a check for writes. Then the hostile briefing files and source texts
(tests/badcorpus/sources.py) through `build-db` and `check --sources`. Then prints, per
entry point, how many files opened cleanly, opened with bad rows reported, were refused
with a clear message, or ended in a crash, a traceback, a hang, a write, interpreted
markup, a raw terminal control, a kept bidi override or a read of mixed versions.

    .venv/bin/python scripts/reliability.py                 # store + CLI, in-process
    .venv/bin/python scripts/reliability.py --qt --gui      # + pdf, snapshot, the window
    .venv/bin/python scripts/reliability.py --subprocess    # CLI as real subprocesses
    .venv/bin/python scripts/reliability.py --outputs-only  # only the output targets table

Exit status 1 if anything crashed, hung, wrote, leaked a traceback or rendered markup.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from jhviewer.data.build import build_database  # noqa: E402
from jhviewer.paths import BRIEFINGS_DIR  # noqa: E402
from tests.badcorpus.cases import CATEGORIES, OK, PROBLEMS, REFUSED, Case, corpus  # noqa: E402
from tests.badcorpus.probe import (  # noqa: E402
    CLI_ENTRIES,
    FAILURES,
    QT_ENTRIES,
    TIMEOUT_SECONDS,
    Run,
    run_case,
)
from tests.badcorpus.sources import SourceRun, run_source_case, source_cases  # noqa: E402

LABELS = {
    OK: "opened OK",
    PROBLEMS: "opened, bad rows reported",
    REFUSED: "refused with a clear message",
    "crash": "crash",
    "traceback": "traceback",
    "hang": "hang",
    "write detected": "write detected",
    "markup interpreted": "markup interpreted",
    "terminal control printed": "terminal control printed",
    "bidi override kept": "bidi override kept",
    "mixed versions read": "mixed versions read",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--qt", action="store_true", help="also run `pdf` and `snapshot`")
    parser.add_argument("--gui", action="store_true", help="also open each file in the window")
    parser.add_argument("--subprocess", action="store_true",
                        help="run the CLI as `python -m jhviewer` subprocesses")
    parser.add_argument("--timeout", type=float, default=TIMEOUT_SECONDS,
                        help="seconds before a run counts as a hang (default %(default)s)")
    parser.add_argument("--category", action="append", choices=CATEGORIES,
                        help="only this category (repeatable)")
    parser.add_argument("--outputs", action="store_true",
                        help="also run every writer against hostile output targets")
    parser.add_argument("--outputs-only", action="store_true",
                        help="only the output targets (full disk, devices, names...)")
    parser.add_argument("--readme", type=Path, default=Path("/tmp/reliability-readme.md"),
                        help="where to write the Markdown summary (default %(default)s)")
    options = parser.parse_args()

    if options.outputs_only:
        return _outputs_only(options)
    entries = ("store", *CLI_ENTRIES, *(QT_ENTRIES if options.qt else ()))
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="jhviewer-reliability-") as folder:
        work = Path(folder)
        base = work / "base" / "data.db"
        build_database(BRIEFINGS_DIR, base)
        cases = [c for c in corpus(base) if not options.category or c.category in options.category]
        window = _window(work) if options.gui else None
        results: list[tuple[Case, list[Run]]] = []
        for number, case in enumerate(cases, 1):
            case_dir = work / f"{number:04d}"
            runs = run_case(case, base, case_dir, entries, options.subprocess, options.timeout)
            if window is not None:
                runs.append(_gui_run(window, case, base, case_dir / "gui"))
            results.append((case, runs))
            shutil.rmtree(case_dir, ignore_errors=True)
            _progress(number, len(cases), case, runs)
        source_runs = _source_runs(work, base, options.timeout)
        output_lines, output_failed = _outputs(work, base) if options.outputs else ([], False)
    elapsed = time.monotonic() - started
    all_entries = (*entries, *(("gui",) if options.gui else ()))
    report = _report(results, all_entries, elapsed, options) + _source_report(source_runs)
    if output_lines:
        report += "\n" + "\n".join(output_lines) + "\n"
    print(report)
    options.readme.write_text(report, encoding="utf-8")
    print(f"\n(written to {options.readme})", file=sys.stderr)
    failed = any(run.outcome in FAILURES for _, runs in results for run in runs)
    failed = failed or any(run.outcome != run.case.expect for run in source_runs)
    return 1 if failed or output_failed else 0


def _outputs(work: Path, base: Path) -> tuple[list[str], bool]:
    """The output-targets table, and whether any writer failed a target."""
    from tests.badcorpus.outputs import OUTPUT_FAILURES, report_lines, run_outputs

    runs = run_outputs(work / "outputs", base)
    return report_lines(runs), any(run.outcome in OUTPUT_FAILURES for run in runs)


def _outputs_only(options: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="jhviewer-reliability-") as folder:
        work = Path(folder)
        base = work / "base" / "data.db"
        build_database(BRIEFINGS_DIR, base)
        lines, failed = _outputs(work, base)
    report = "\n".join(lines) + "\n"
    print(report)
    options.readme.write_text(report, encoding="utf-8")
    return 1 if failed else 0


def _source_runs(work: Path, base: Path, timeout: float) -> list[SourceRun]:
    runs = []
    for number, case in enumerate(source_cases(), 1):
        run = run_source_case(case, work / f"source-{number:02d}", base, timeout)
        if run.outcome != case.expect:
            print(f"[source] {case.name}: {run.outcome}: {run.detail[:160]}", file=sys.stderr)
        runs.append(run)
    return runs


def _source_report(runs: list[SourceRun]) -> str:
    """The hostile-sources table: per command, how each case ended."""
    commands = ("build-db", "check --sources")
    lines = ["", f"Hostile sources: {len(runs)} briefing folders and source texts "
             "(tests/badcorpus/sources.py: nan and inf values, a huge year, an id used twice, "
             "two files for one briefing, deep nesting, a FIFO or /dev/zero named as the "
             "input, an oversized file, GB18030, a BOM), each as a real process.", "",
             "| outcome | " + " | ".join(f"`{c}`" for c in commands) + " |",
             "|---|" + "---:|" * len(commands)]
    for outcome, label in (("ok", "read (as it should be)"),
                           ("refused", "refused, naming the file (and id)"),
                           ("crash", "crash or unclear message"), ("hang", "hang"),
                           ("wrong", "other than expected")):
        counts = []
        for command in commands:
            mine = [r for r in runs if r.case.command == command]
            if outcome == "wrong":
                counts.append(sum(r.outcome != r.case.expect for r in mine))
            else:
                counts.append(sum(r.outcome == outcome for r in mine))
        lines.append(f"| {label} | " + " | ".join(str(c) for c in counts) + " |")
    return "\n".join(lines) + "\n"


def _window(work: Path) -> object:
    from jhviewer.ui.app import create_application
    from jhviewer.ui.main_window import MainWindow
    from jhviewer.ui.settings import Settings

    create_application()
    window = MainWindow(Settings.in_file(work / "settings.ini"), "zh")
    window.resize(1200, 800)
    window.show()
    window.session.load_database(None)
    return window


def _gui_run(window: object, case: Case, base: Path, folder: Path) -> Run:
    from tests.badcorpus.gui import gui_run
    from tests.badcorpus.probe import changes, snapshot

    with case.make(base, folder / "case") as path:
        before = snapshot(folder / "case")
        run = gui_run(window, case, path)  # type: ignore[arg-type]
        written = changes(before, snapshot(folder / "case"))
        if case.changing:  # the other program's writes to the file and its journal
            written = [w for w in written if not w.startswith(path.name)]
        window.session.load_database(None)  # type: ignore[attr-defined]
    if written and run.outcome not in FAILURES:
        run = Run("gui", "write detected", "; ".join(written)[:300])
    return run


def _progress(number: int, total: int, case: Case, runs: list[Run]) -> None:
    bad = [f"{run.entry}: {run.outcome}: {run.detail[:160]}" for run in runs
           if run.outcome in FAILURES]
    if bad:
        print(f"[{number}/{total}] {case.name}: " + " | ".join(bad), file=sys.stderr)
    elif number % 50 == 0 or number == total:
        print(f"[{number}/{total}] ...", file=sys.stderr)


def _report(results: list[tuple[Case, list[Run]]], entries: tuple[str, ...], elapsed: float,
            options: argparse.Namespace) -> str:
    files = len(results)
    counts = {entry: Counter() for entry in entries}
    bad_rows = Counter()
    for _, runs in results:
        for run in runs:
            counts[run.entry][run.outcome] += 1
            bad_rows[run.entry] += len(run.problems)
    lines = [
        "## Reliability",
        "",
        f"Measured over {files} files (the bad-database corpus in `tests/badcorpus/`, made",
        "deterministically from a freshly built database), each run through every entry",
        f"point below, {options.timeout:.0f} s timeout per run; {elapsed:.0f} s in all.",
        "",
        "| outcome | " + " | ".join(f"`{e}`" for e in entries) + " |",
        "|---|" + "---:|" * len(entries),
    ]
    for outcome, label in LABELS.items():
        lines.append(f"| {label} | " + " | ".join(str(counts[e][outcome]) for e in entries)
                     + " |")
    lines.append("")
    lines.append(f"Bad rows named by the store across the corpus: {bad_rows['store']}; a file "
                 "with bad rows shows all its good rows.")
    lines += ["", "Files per category (store outcome):", "",
              "| category | files | ok | bad rows reported | refused | failures |",
              "|---|---:|---:|---:|---:|---:|"]
    for category in CATEGORIES:
        stores = [next(r for r in runs if r.entry == "store")
                  for case, runs in results if case.category == category]
        if not stores:
            continue
        tally = Counter(run.outcome for run in stores)
        failures = sum(tally[f] for f in FAILURES)
        lines.append(f"| {category} | {len(stores)} | {tally[OK]} | {tally[PROBLEMS]} | "
                     f"{tally[REFUSED]} | {failures} |")
    failures = [(case.name, run) for case, runs in results for run in runs
                if run.outcome in FAILURES]
    lines += ["", f"Failures: {len(failures)}."]
    lines += [f"- {name} / {run.entry}: {run.outcome}: {run.detail[:200]}"
              for name, run in failures[:50]]
    command = "    .venv/bin/python scripts/reliability.py"
    flags = " ".join(flag for flag, on in (("--qt", options.qt), ("--gui", options.gui),
                                            ("--subprocess", options.subprocess)) if on)
    lines += ["", "To rerun (prints this table; exit status 1 on any failure):", "",
              f"{command} {flags}".rstrip(), "",
              "The same corpus runs in the test suite (`tests/test_bad_databases.py`, "
              "`tests/test_gui_errors.py`)."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
