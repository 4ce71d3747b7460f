"""Hostile briefing files and source texts for `build-db` and `check --sources` (issue 12).

Each case makes a folder of briefing files (for `build-db`) or a source text (for
`check --sources`) from the real ones and says what is right: refused with one line that
names the file (`refused`), or accepted (`ok`). `run_source_case` runs it as a real
`python -m jhviewer` process with a timeout, so a hang or an out-of-memory run shows.
Used by scripts/reliability.py and tests/test_untrusted_sources.py.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jhviewer.paths import BRIEFINGS_DIR, REPO_ROOT

SOURCE_TEXT = REPO_ROOT.parent / "shared" / "source" / "jianghan-2024.txt"
SEED = BRIEFINGS_DIR / "jianghan-2024.toml"
TIMEOUT_SECONDS = 30.0

REFUSED, OK, HANG, CRASH = "refused", "ok", "hang", "crash"


@dataclass(frozen=True)
class SourceCase:
    name: str
    command: str  # "build-db" or "check --sources"
    make: Callable[[Path], Path] = field(repr=False, compare=False)  # folder -> the input
    expect: str = REFUSED
    names: str = ""  # what the refusal must mention (a file name, an id)


def _briefings(folder: Path, edit: Callable[[str], str] | None = None,
               extra: dict[str, object] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = SEED.read_text("utf-8")
    (folder / SEED.name).write_text(edit(text) if edit else text, "utf-8")
    for name, content in (extra or {}).items():
        target = folder / name
        if content == "fifo":
            os.mkfifo(target)
        elif isinstance(content, str) and content.startswith("->"):
            target.symlink_to(content[2:])
        elif isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(str(content), "utf-8")
    return folder


def _replace_first(old: str, new: str) -> Callable[[str], str]:
    return lambda text: text.replace(old, new, 1)


def second_fact_as_first(text: str) -> str:
    """The briefing text with its second fact's id changed to the first fact's."""
    facts = text.index("[[facts]]")
    ids = list(re.finditer(r'(?m)^id = "([^"]+)"$', text[facts:]))
    second = ids[1]
    start, end = facts + second.start(), facts + second.end()
    return text[:start] + f'id = "{ids[0].group(1)}"' + text[end:]


def _sub_first(pattern: str, new: str) -> Callable[[str], str]:
    return lambda text: re.sub(pattern, new, text, count=1)


def _source(folder: Path, data: bytes | str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "jianghan-2024.txt"  # the briefing's source_file
    if data == "fifo":
        os.mkfifo(path)
    elif isinstance(data, str) and data.startswith("->"):
        path.symlink_to(data[2:])
    else:
        assert isinstance(data, bytes)
        path.write_bytes(data)
    return path


def source_cases() -> list[SourceCase]:
    text = SOURCE_TEXT.read_bytes()
    return [
        SourceCase("nan-value", "build-db", lambda f: _briefings(
            f, _sub_first(r"(?m)^value = [0-9.]+$", "value = nan")), names="jianghan-2024.toml:"),
        SourceCase("inf-value", "build-db", lambda f: _briefings(
            f, _sub_first(r"(?m)^value = [0-9.]+$", "value = inf")), names="jianghan-2024.toml:"),
        SourceCase("huge-year", "build-db", lambda f: _briefings(
            f, _sub_first(r"(?m)^year = 20\d\d$", "year = " + "9" * 30)),
            names="jianghan-2024.toml:"),
        SourceCase("duplicate-fact-id", "build-db", lambda f: _briefings(f, second_fact_as_first),
                   names="duplicate id"),
        SourceCase("two-files-one-briefing", "build-db", lambda f: _briefings(
            f, extra={"copy.toml": SEED.read_text("utf-8")}), names="copy.toml"),
        SourceCase("deep-nesting", "build-db", lambda f: _briefings(
            f, extra={"deep.toml": "x = " + "[" * 100_000 + "]" * 100_000 + "\n"}),
            names="deep.toml"),
        SourceCase("fifo-named-toml", "build-db", lambda f: _briefings(
            f, extra={"pipe.toml": "fifo"}), names="pipe.toml"),
        SourceCase("dev-zero-named-toml", "build-db", lambda f: _briefings(
            f, extra={"zero.toml": "->/dev/zero"}), names="zero.toml"),
        SourceCase("oversized-toml", "build-db", lambda f: _briefings(
            f, extra={"big.toml": b"# " + b"x" * (9 * 1024 * 1024)}), names="big.toml"),
        SourceCase("gb18030-toml", "build-db", lambda f: _briefings(
            f, extra={"gbk.toml": SEED.read_text("utf-8").replace(
                "jianghan-2024", "other-2024").encode("gb18030")}), names="GB18030"),
        SourceCase("bom-toml", "build-db", lambda f: _briefings(
            f, lambda t: "\ufeff" + t), expect=OK),
        SourceCase("source-with-bom", "check --sources",
                   lambda f: _source(f, b"\xef\xbb\xbf" + text), expect=OK),
        SourceCase("source-in-gb18030", "check --sources",
                   lambda f: _source(f, text.decode("utf-8").encode("gb18030")),
                   names="saved as GB18030"),
        SourceCase("source-fifo", "check --sources", lambda f: _source(f, "fifo"),
                   names="jianghan-2024.txt"),
        SourceCase("source-dev-zero", "check --sources", lambda f: _source(f, "->/dev/zero"),
                   names="jianghan-2024.txt"),
    ]


@dataclass
class SourceRun:
    case: SourceCase
    outcome: str
    detail: str


def run_source_case(case: SourceCase, folder: Path, db: Path,
                    timeout: float = TIMEOUT_SECONDS) -> SourceRun:
    """Run the case as `python -m jhviewer ...` and name what happened."""
    target = case.make(folder / "input")
    if case.command == "build-db":
        arguments = ["build-db", "--source-dir", str(target), "--out", str(folder / "out.db")]
    else:
        arguments = ["check", "--db", str(db), "--sources", str(target.parent)]
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    environment.pop("JHVIEWER_DEBUG", None)
    try:
        done = subprocess.run([sys.executable, "-m", "jhviewer", *arguments],
                              capture_output=True, timeout=timeout, cwd=REPO_ROOT,
                              env=environment, stdin=subprocess.DEVNULL, check=False)
    except subprocess.TimeoutExpired:
        return SourceRun(case, HANG, f"still running after {timeout:.0f} s")
    finally:
        shutil.rmtree(folder / "input", ignore_errors=True)
    out = done.stdout.decode("utf-8", "replace")
    err = done.stderr.decode("utf-8", "replace")
    said = (err + out).strip()
    if done.returncode == 0:
        return SourceRun(case, OK, out.strip()[-200:])
    if done.returncode >= 2 or "unexpected error" in said or "Traceback" in said:
        return SourceRun(case, CRASH, f"exit {done.returncode}: {said[-300:]}")
    lines = said.splitlines()
    if len(lines) != 1 or (case.names and case.names not in said):
        return SourceRun(case, CRASH, f"unclear refusal: {said[:300]!r}")
    return SourceRun(case, REFUSED, lines[0])
