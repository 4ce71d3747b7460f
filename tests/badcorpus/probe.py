"""Run one corpus case through an entry point and name what happened.

Entry points: the store (a whole viewing session: every record, every section, search),
and each CLI command that takes `--db` (check, search, export csv, export json), run
in-process through `jhviewer.cli.main` or as a real `python -m jhviewer` subprocess.

Every run is bounded by a timeout and bracketed by a snapshot of the folder that holds the
database, so a hang, a write or a new -journal/-wal file is caught whatever else happens.
The outcome is the worst thing seen, in this order: hang, crash, traceback, write
detected, markup interpreted, then the clean ones: refused, problems, ok.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from unittest import mock

from tests.badcorpus.cases import OK, PROBLEMS, REFUSED, Case

if TYPE_CHECKING:
    from jhviewer.data.store import Store

HANG = "hang"
CRASH = "crash"
TRACEBACK = "traceback"
WRITE = "write detected"
MARKUP_SEEN = "markup interpreted"
FAILURES = (HANG, CRASH, TRACEBACK, WRITE, MARKUP_SEEN)
OUTCOMES = (OK, PROBLEMS, REFUSED, *FAILURES)

CLI_ENTRIES = ("check", "search", "export-csv", "export-json")
# Commands that start Qt: in-process they run on the main thread (Qt needs it), unbounded.
QT_ENTRIES = ("pdf", "snapshot")
ENTRIES = ("store", *CLI_ENTRIES)
TIMEOUT_SECONDS = float(os.environ.get("JHVIEWER_PROBE_TIMEOUT", "30"))
REPO_ROOT = Path(__file__).resolve().parents[2]

Snapshot = dict[str, tuple[object, ...]]


@dataclass
class Run:
    """What one entry point did with one case."""

    entry: str
    outcome: str
    detail: str = ""
    problems: tuple[tuple[str, str], ...] = ()
    facts_shown: int = 0
    facts_in_table: int = 0
    stdout: str = field(default="", repr=False)
    stderr: str = field(default="", repr=False)
    written: list[str] = field(default_factory=list)


# --- writes --------------------------------------------------------------------------------


def snapshot(folder: Path) -> Snapshot:
    """Every entry below `folder`, without following links or opening pipes and devices.

    A file is known by size, mtime and SHA-256. A `-shm` file is SQLite's shared memory
    between connections (readers mark it as they read, by design), so only whether it
    exists counts.
    """
    seen: Snapshot = {}
    if not folder.exists():
        return seen
    for root, directories, files in os.walk(folder):
        for name in directories + files:
            path = Path(root) / name
            relative = str(path.relative_to(folder))
            info = path.lstat()
            if not stat.S_ISREG(info.st_mode):
                seen[relative] = ("other", stat.S_IFMT(info.st_mode))
            elif name.endswith("-shm"):
                seen[relative] = ("shm",)
            else:
                seen[relative] = ("file", info.st_size, info.st_mtime_ns, _sha256(path))
    return seen


def _sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as error:
        return f"unreadable: {error.errno}"


def changes(before: Snapshot, after: Snapshot) -> list[str]:
    found = []
    for name in sorted(set(before) | set(after)):
        if before.get(name) != after.get(name):
            how = "created" if name not in before else "removed" if name not in after else "changed"
            found.append(f"{name}: {how}")
    return found


# --- running with a time limit -------------------------------------------------------------


def _bounded(work: Callable[[], Run], entry: str, timeout: float) -> Run:
    """Run `work` in a thread; a run that outlives `timeout` is a hang."""
    box: list[Run] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            box.append(work())
        except BaseException as error:
            failure.append(error)

    thread = threading.Thread(target=target, name=f"probe-{entry}", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        return Run(entry, HANG, f"still running after {timeout:.0f} s")
    if failure:
        error = failure[0]
        return Run(entry, CRASH, f"{type(error).__name__}: {error}"[:300])
    return box[0]


# --- the store -------------------------------------------------------------------------------


def _store_session(path: Path, case: Case) -> Run:
    """Everything the viewer reads: records, every section, search, links, pairs."""
    from jhviewer.data.errors import DatabaseError
    from jhviewer.data.records import FactFilter
    from jhviewer.data.store import Store

    try:
        store = Store.open(path)
    except DatabaseError as error:
        return _refused("store", str(error))
    except Exception as error:
        return Run("store", CRASH, f"{type(error).__name__}: {error}"[:300])
    try:
        with store:
            store.scan_problems()
            briefing = store.briefing()
            store.units()
            for section in store.sections():
                store.facts(FactFilter(section_id=section.id))
            facts = store.facts()
            store.targets()
            store.headline_facts()
            store.comparable_pairs()
            store.years()
            store.entities()
            for fact in facts[:20]:
                store.entities_for(fact.id)
            store.facts_by_ids([fact.id for fact in facts[:5]])
            queries = ["江汉", "GDP", "金融 中心", "first store"]
            if case.markup:
                queries.append(markup_word(case.markup))
            for query in queries:
                store.search(query)
            shown, in_table = len(facts), store.count_facts()
            problems = tuple((p.table, p.row_id) for p in store.problems)
            texts = [
                text for fact in facts for text in (fact.label_zh, fact.label_en, fact.evidence)
            ]
            if briefing is not None:
                texts.append(briefing.title_en)
    except DatabaseError as error:
        return _refused("store", str(error))
    except Exception as error:
        return Run("store", CRASH, f"{type(error).__name__}: {error}"[:300])
    if case.markup and texts and not any(text.endswith(case.markup) for text in texts):
        return Run("store", MARKUP_SEEN, "the store did not return the markup as text")
    outcome = PROBLEMS if problems else OK
    detail = f"{len(problems)} bad rows" if problems else ""
    return Run("store", outcome, detail, problems, shown, in_table)


def _refused(entry: str, message: str) -> Run:
    if not message.strip() or "\n" in message.strip():
        return Run(entry, CRASH, f"unclear refusal: {message[:300]!r}")
    if "Traceback" in message:
        return Run(entry, TRACEBACK, message[:300])
    return Run(entry, REFUSED, message)


def markup_word(markup: str) -> str:
    """A word of the markup long enough for the search index (three characters or more)."""
    for word in ("passwd", "example", "alert", "bold"):
        if word in markup:
            return word
    raise ValueError(markup)


def read_everything(store: Store) -> None:
    """What a whole viewing session asks of a sound store (asserts it is sound)."""
    from jhviewer.data.records import FactFilter

    store.scan_problems()
    briefing = store.briefing()
    assert briefing is not None
    for section in store.sections(briefing.id):
        store.facts(FactFilter(section_id=section.id))
    for fact in store.facts(offset=3, limit=40):
        store.entities_for(fact.id)
    store.targets()
    store.headline_facts()
    store.comparable_pairs()
    store.years()
    store.count_facts(FactFilter(kind="target"))
    for query in ("江汉", "GDP", "金 融", "first store", '"NEAR(', "x" * 500):
        store.search(query)


# --- the CLI ----------------------------------------------------------------------------------


def cli_arguments(entry: str, path: Path, out_dir: Path, case: Case) -> list[str]:
    db = ["--db", str(path)]
    if entry == "check":
        return ["check", *db]
    if entry == "search":
        query = markup_word(case.markup) if case.markup else "GDP"
        return ["search", query, *db]
    if entry == "pdf":
        return ["pdf", str(out_dir / "briefing.pdf"), *db]
    if entry == "snapshot":
        return ["snapshot", str(out_dir / "tabs"), "--size", "900x700", *db]
    fmt = entry.removeprefix("export-")
    return ["export", fmt, str(out_dir / f"facts.{fmt}"), *db]


def cli_in_process(arguments: list[str]) -> tuple[int, str, str, str]:
    """Run `jhviewer.cli.main` with these arguments; (exit code, stdout, stderr, escaped)."""
    from click.testing import CliRunner

    from jhviewer.cli import main

    code = 0
    escaped = ""
    runner = CliRunner()
    with runner.isolation() as (stdout, stderr, _), \
            mock.patch.object(sys, "argv", ["jhviewer", *arguments]):
        try:
            main()
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        except BaseException as error:
            escaped = f"{type(error).__name__}: {error}"
            code = -1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        out = stdout.getvalue().decode("utf-8", "replace")
        err = stderr.getvalue().decode("utf-8", "replace")
    return code, out, err, escaped


def _cli_subprocess(arguments: list[str], timeout: float) -> tuple[int, str, str, str] | None:
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    environment.pop("JHVIEWER_DEBUG", None)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "jhviewer", *arguments], capture_output=True,
            timeout=timeout, cwd=REPO_ROOT, env=environment, stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        return None
    out = done.stdout.decode("utf-8", "replace")
    err = done.stderr.decode("utf-8", "replace")
    return done.returncode, out, err, ""


def _cli_run(entry: str, path: Path, out_dir: Path, case: Case, use_subprocess: bool,
             timeout: float) -> Run:
    out_dir.mkdir(parents=True, exist_ok=True)
    arguments = cli_arguments(entry, path, out_dir, case)
    if use_subprocess:
        result = _cli_subprocess(arguments, timeout)
        if result is None:
            return Run(entry, HANG, f"still running after {timeout:.0f} s")
    elif entry in QT_ENTRIES:
        result = cli_in_process(arguments)
    else:
        holder: list[tuple[int, str, str, str]] = []
        streams = sys.stdout, sys.stderr, sys.stdin, sys.argv
        run = _bounded(lambda: (holder.append(cli_in_process(arguments)), Run(entry, OK))[1],
                       entry, timeout)
        if run.outcome != OK:
            # A run left hanging still holds the swapped streams: take them back.
            sys.stdout, sys.stderr, sys.stdin, sys.argv = streams
            return run
        result = holder[0]
    code, out, err, escaped = result
    return _classify_cli(entry, code, out, err, escaped, out_dir, case)


def _classify_cli(entry: str, code: int, out: str, err: str, escaped: str, out_dir: Path,
                  case: Case) -> Run:
    def run(outcome: str, detail: str = "") -> Run:
        return Run(entry, outcome, detail, stdout=out, stderr=err)

    if escaped or "Traceback" in out + err:
        return run(TRACEBACK, escaped or err.strip().splitlines()[-1][:300])
    err_lines = err.strip().splitlines()
    if code < 0 or code >= 2 or "unexpected error" in err:
        return run(CRASH, f"exit {code}: {err.strip()[:300]}")
    if code == 1 and (entry != "check" or err_lines):
        if len(err_lines) != 1 or not err_lines[0].startswith("jhviewer: "):
            return run(CRASH, f"exit 1 without a one-line message: {err.strip()[:300]!r}")
        if entry == "check" and out.strip():
            return run(CRASH, "check refused the file but also printed results")
        return run(REFUSED, err_lines[0].removeprefix("jhviewer: "))
    if case.markup and not _markup_literal(entry, out, out_dir, case.markup):
        return run(MARKUP_SEEN, "the markup does not appear literally in the output")
    if entry == "check":
        lines = [line for line in out.splitlines() if line.strip()]
        if code == 1:
            return run(PROBLEMS, f"{len(lines)} problems listed")
        return run(OK)
    noted = [line for line in err_lines if "unreadable" in line]
    if noted:
        return run(PROBLEMS, noted[0][:200])
    written = _output_path(entry, out_dir)
    if written is not None and not written.exists():
        return run(CRASH, f"exit 0 but no {written.name} written")
    return run(OK)


def _output_path(entry: str, out_dir: Path) -> Path | None:
    if entry.startswith("export-"):
        return out_dir / f"facts.{entry.removeprefix('export-')}"
    if entry == "pdf":
        return out_dir / "briefing.pdf"
    if entry == "snapshot":
        return out_dir / "tabs" / "overview.png"
    return None


def _markup_literal(entry: str, out: str, out_dir: Path, markup: str) -> bool:
    if entry in ("check", "search"):
        return markup in out
    target = _output_path(entry, out_dir)
    if entry == "snapshot" or target is None or not target.exists():
        return True  # pixels: the GUI tests check the widgets; or refused: reported as such
    if entry == "pdf":
        return _pdf_has_literal(target, markup)
    fmt = entry.removeprefix("export-")
    if fmt == "json":
        values = [str(v) for row in json.loads(target.read_text("utf-8")) for v in row.values()]
    else:
        with target.open(encoding="utf-8-sig", newline="") as handle:
            values = [v for row in csv.DictReader(handle) for v in row.values() if v]
    return any(markup in value for value in values)


# --- one case, every entry point ------------------------------------------------------------


def run_case(case: Case, base: Path, workdir: Path, entries: tuple[str, ...] = ENTRIES,
             use_subprocess: bool = False, timeout: float = TIMEOUT_SECONDS) -> list[Run]:
    """Make the case under `workdir`, run each entry point on it, and report each run."""
    folder = workdir / "case"
    runs = []
    with case.make(base, folder) as path:
        for entry in entries:
            out_dir = workdir / "out" / entry
            before = snapshot(folder)
            if entry == "store":
                run = _bounded(lambda p=path: _store_session(p, case), entry, timeout)
            else:
                run = _cli_run(entry, path, out_dir, case, use_subprocess, timeout)
            written = changes(before, snapshot(folder))
            if written and run.outcome not in (HANG, CRASH, TRACEBACK):
                run = Run(entry, WRITE, "; ".join(written)[:300], stdout=run.stdout,
                          stderr=run.stderr)
            run.written = written
            runs.append(run)
    return runs


def _pdf_has_literal(path: Path, markup: str) -> bool:
    """The markup's characters appear in the PDF's text (line breaks may fall anywhere)."""
    from pypdf import PdfReader  # a test extra: without it this check fails, never passes

    text = "".join("".join(page.extract_text() or "" for page in PdfReader(path).pages).split())
    return "".join(markup.split()) in text
