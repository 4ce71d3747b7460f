"""Hostile output targets for every writer: a full disk, devices, a FIFO, read-only files
and folders, links, shared files, names that are not UTF-8 or too long, the open database.

`run_outputs(work, db)` runs each writer against each target as a user would (the CLI as
subprocesses, the chart exports in this process) and classifies what happened;
scripts/reliability.py prints the table. The same guarantees are asserted one by one in
tests/test_outputs.py.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

WRITERS = ("export-csv", "export-json", "pdf", "build-db", "chart-png", "chart-svg", "chart-csv")
SUFFIX = {"export-csv": "csv", "export-json": "json", "pdf": "pdf", "build-db": "db",
          "chart-png": "png", "chart-svg": "svg", "chart-csv": "csv"}

WRITTEN = "written, complete"
REFUSED = "refused, with the reason"
# Anything else is a failure:
PARTIAL = "partial or temporary file left"
CLOBBERED = "old file, device or link damaged"
UNCLEAR = "failed without a clear reason"
CRASH = "crash or traceback"
OUTPUT_FAILURES = (PARTIAL, CLOBBERED, UNCLEAR, CRASH)

# The words a message must hold for each refusal (the user's "why").
REASONS = {
    "full disk": "the disk is full",
    "/dev/null": "not a regular file",
    "/dev/full": "not a regular file",
    "/dev/stdout": "not a regular file",
    "FIFO": "not a regular file",
    "read-only file (0444)": "the file is read-only",
    "read-only disk": "read-only",
    "open database": "the database being read",
}


@dataclass
class OutputRun:
    target: str
    writer: str
    outcome: str
    detail: str = ""


@dataclass
class Target:
    name: str
    make: Callable[[Path, str], Path]  # (folder, suffix) -> the path to write
    expect_written: bool
    needs_mount: bool = False


def _plain(folder: Path, suffix: str) -> Path:
    return folder / f"out.{suffix}"


def _old_file(folder: Path, suffix: str) -> Path:
    path = folder / f"shared.{suffix}"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    if os.geteuid() == 0:
        os.chown(path, 4321, 4321)
    return path


def _read_only(folder: Path, suffix: str) -> Path:
    path = folder / f"locked.{suffix}"
    path.write_bytes(b"old")
    os.chmod(path, 0o444)
    return path


def _fifo(folder: Path, suffix: str) -> Path:
    path = folder / f"pipe.{suffix}"
    os.mkfifo(path)
    return path


def _symlink(folder: Path, suffix: str) -> Path:
    real = folder / "real"
    real.mkdir()
    (real / f"out.{suffix}").write_bytes(b"old")
    link = folder / f"link.{suffix}"
    link.symlink_to(real / f"out.{suffix}")
    return link


def _device(folder: Path, name: str) -> Path:
    """As root, a private device node (or a link to fd 1) in `folder`: a writer that
    wrongly replaces it must never take the machine's /dev/null with it."""
    if os.geteuid() != 0:
        return Path(f"/dev/{name}")
    path = folder / name
    if name == "stdout":
        path.symlink_to("/proc/self/fd/1")
    else:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, {"null": 3, "full": 7}[name]))
    return path


def _gbk(folder: Path, suffix: str) -> Path:
    return folder / os.fsdecode(b"\xbd\xad\xba\xba." + suffix.encode())


def _long(folder: Path, suffix: str) -> Path:
    return folder / ("n" * (250 - len(suffix)) + "." + suffix)


def _newline(folder: Path, suffix: str) -> Path:
    return folder / f"two\nlines.{suffix}"


def _full(folder: Path, suffix: str) -> Path:
    disk = folder / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24k", "tmpfs", str(disk)], check=True)
    (disk / "filler").write_bytes(b"x" * 20_000)
    path = disk / f"out.{suffix}"
    path.write_bytes(b"old")
    return path


def _read_only_disk(folder: Path, suffix: str) -> Path:
    disk = folder / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=24k", "tmpfs", str(disk)],
                   check=True)
    return disk / f"out.{suffix}"


TARGETS = (
    Target("new file", _plain, True),
    Target("shared file (0640, other owner)", _old_file, True),
    Target("symlink to a file", _symlink, True),
    Target("name not UTF-8 (GBK)", _gbk, True),
    Target("244-250 byte name", _long, True),
    Target("newline in the name", _newline, True),
    Target("full disk", _full, False, needs_mount=True),
    Target("read-only disk", _read_only_disk, False, needs_mount=True),
    Target("read-only file (0444)", _read_only, False),
    Target("/dev/null", lambda folder, suffix: _device(folder, "null"), False),
    Target("/dev/full", lambda folder, suffix: _device(folder, "full"), False),
    Target("/dev/stdout", lambda folder, suffix: _device(folder, "stdout"), False),
    Target("FIFO", _fifo, False),
    Target("open database", lambda folder, suffix: Path("<db>"), False),
)


def can_mount(work: Path) -> bool:
    probe = work / "mount-probe"
    probe.mkdir(parents=True, exist_ok=True)
    if shutil.which("mount") is None:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8k", "tmpfs", str(probe)],
                          capture_output=True).returncode == 0
    if done:
        subprocess.run(["umount", str(probe)], check=True)
    return done


def run_outputs(work: Path, db: Path) -> list[OutputRun]:
    """Every writer against every target; returns one OutputRun per pair."""
    mount = can_mount(work)
    runs = []
    for number, target in enumerate(TARGETS):
        for writer in WRITERS:
            folder = work / f"out-{number:02d}-{writer}"
            folder.mkdir(parents=True)
            if target.needs_mount and not mount:
                runs.append(OutputRun(target.name, writer, "not run", "mount not permitted"))
                continue
            try:
                runs.append(_one(target, writer, folder, db))
            finally:
                if target.needs_mount:
                    subprocess.run(["umount", str(folder / "disk")], capture_output=True)
                shutil.rmtree(folder, ignore_errors=True)
    return runs


def _one(target: Target, writer: str, folder: Path, db: Path) -> OutputRun:
    suffix = SUFFIX[writer]
    if target.name == "open database" and writer == "build-db":
        return OutputRun(target.name, writer, "n/a", "build-db opens no database")
    if target.name == "open database":
        path = folder / f"data.{suffix}"
        shutil.copyfile(db, folder / "data.db")
        if suffix != "db":
            os.link(folder / "data.db", path)  # the database under the export's name
        db_used = folder / "data.db"
    else:
        path = target.make(folder, suffix)
        db_used = db
    before = _state(path)
    code, out, err = _write(writer, path, db_used)
    after = _state(path)
    leftovers = [name for name in os.listdir(path.parent) if name.startswith(".jhv-")] \
        if path.parent.is_dir() and not str(path).startswith("/dev/") else []
    if code is None or "Traceback" in err or "unexpected error" in err:
        return OutputRun(target.name, writer, CRASH, err[-300:])
    if leftovers:
        return OutputRun(target.name, writer, PARTIAL, ", ".join(leftovers))
    if code == 0:
        if not target.expect_written:
            return OutputRun(target.name, writer, CLOBBERED, f"wrote onto {target.name}")
        kept = before is None or (after is not None and before[:3] == after[:3]
                                  and before[4] == after[4])  # type, mode, owner, link
        if not _complete(writer, path) or not kept:
            return OutputRun(target.name, writer, CLOBBERED, f"{before} -> {after}")
        if len(out.strip().splitlines()) > 1:
            return OutputRun(target.name, writer, UNCLEAR, f"'wrote' line split: {out!r}")
        return OutputRun(target.name, writer, WRITTEN)
    if before != after:
        return OutputRun(target.name, writer, CLOBBERED, f"{before} -> {after}")
    words = REASONS.get(target.name)
    if target.expect_written or (words and words not in err):
        return OutputRun(target.name, writer, UNCLEAR, err.strip()[-300:])
    return OutputRun(target.name, writer, REFUSED, err.strip()[-200:])


def _state(path: Path) -> tuple | None:
    """What must not change on a refusal: type, mode, owner, size (links followed)."""
    try:
        info = os.stat(path)
        link = os.readlink(path) if os.path.islink(path) else None
    except OSError:
        return None
    size = info.st_size if stat.S_ISREG(info.st_mode) else 0
    return (stat.S_IFMT(info.st_mode), stat.S_IMODE(info.st_mode), info.st_uid, size, link)


def _complete(writer: str, path: Path) -> bool:
    data = path.read_bytes()
    checks = {
        "pdf": lambda: data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"),
        "build-db": lambda: data.startswith(b"SQLite format 3\x00"),
        "chart-png": lambda: data.endswith(b"IEND\xaeB`\x82"),
        "chart-svg": lambda: data.rstrip().endswith(b"</svg>"),
    }
    return checks.get(writer, lambda: data.startswith(b"\xef\xbb\xbf") or
                      data.lstrip().startswith(b"["))()


def _write(writer: str, path: Path, db: Path) -> tuple[int | None, str, str]:
    """Run one writer; (exit code or None on a crash, stdout, stderr)."""
    if writer.startswith("chart-"):
        return _chart(writer.split("-")[1], path, db)
    args = {
        "export-csv": ["export", "csv", path, "--db", db],
        "export-json": ["export", "json", path, "--db", db],
        "pdf": ["pdf", path, "--summary-only", "--db", db],
        "build-db": ["build-db", "--out", path],
    }[writer]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
    try:
        done = subprocess.run([sys.executable, "-m", "jhviewer", *map(os.fsencode, args)],
                              capture_output=True, timeout=120, env=env)
    except subprocess.TimeoutExpired:
        return None, "", "timeout"
    code = None if done.returncode < 0 else done.returncode
    return code, os.fsdecode(done.stdout), os.fsdecode(done.stderr)


def _chart(fmt: str, path: Path, db: Path) -> tuple[int | None, str, str]:
    from jhviewer.data.errors import JhviewerError
    from jhviewer.data.store import Store
    from jhviewer.report.printer import ensure_gui_application
    from jhviewer.ui import charts

    ensure_gui_application()
    from jhviewer.fonts import load_bundled_fonts

    load_bundled_fonts()
    with Store.open(db) as store:
        spec = next(spec for spec in store.charts() if spec.key == "result-vs-target")
        data = charts.chart_data(store, spec, "en")
        try:
            charts.export_chart(data, path, fmt)
        except JhviewerError as error:
            return 1, "", str(error)
        except Exception as error:
            return None, "", f"Traceback: {type(error).__name__}: {error}"
    return 0, "wrote\n", ""


def report_lines(runs: list[OutputRun]) -> list[str]:
    """The Markdown table: one row per target, one column per writer."""
    short = {WRITTEN: "written", REFUSED: "refused", "n/a": "n/a"}
    lines = [
        "Output targets (`tests/badcorpus/outputs.py`): each writer against each target.",
        "\"written\" means complete and checked; \"refused\" means nothing changed and the",
        "message says why.",
        "",
        "| target | " + " | ".join(f"`{w}`" for w in WRITERS) + " |",
        "|---|" + "---|" * len(WRITERS),
    ]
    for target in TARGETS:
        cells = []
        for writer in WRITERS:
            run = next(r for r in runs if r.target == target.name and r.writer == writer)
            cells.append(short.get(run.outcome, f"**{run.outcome}**"))
        lines.append(f"| {target.name} | " + " | ".join(cells) + " |")
    failures = [r for r in runs if r.outcome in OUTPUT_FAILURES]
    lines += ["", f"Output failures: {len(failures)}."]
    lines += [f"- {r.target} / {r.writer}: {r.outcome}: {_text(r.detail[:200])}"
              for r in failures]
    return lines


def _text(detail: str) -> str:
    """One printable line, whatever bytes a file name put into it."""
    return " ".join(detail.encode("utf-8", "backslashreplace").decode("utf-8").split())
