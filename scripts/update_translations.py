#!/usr/bin/env python3
"""Refresh the Chinese UI catalogue: extract strings, then compile the .qm the app loads.

    python scripts/update_translations.py          # lupdate + lrelease
    python scripts/update_translations.py --check  # fail if the .ts or .qm is out of date

`pyside6-lupdate` collects every `translate("Context", "text")`, `QT_TRANSLATE_NOOP(...)`
and `self.tr(...)` under jhviewer/ into resources/translations/jhviewer_zh_CN.ts; new
strings arrive unfinished: translate them in Qt Linguist (`pyside6-linguist`) or by
editing the .ts, then run this again so `pyside6-lrelease` writes the .qm.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TS_FILE = REPO / "resources" / "translations" / "jhviewer_zh_CN.ts"
QM_FILE = TS_FILE.with_suffix(".qm")
BIN = Path(sys.executable).parent


def sources() -> list[str]:
    return sorted(str(p.relative_to(REPO)) for p in (REPO / "jhviewer").rglob("*.py"))


def lupdate(ts_file: Path) -> None:
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), "-locations", "none", "-no-obsolete",
         *sources(), "-ts", str(ts_file)],
        cwd=REPO, check=True, capture_output=True,
    )


def lrelease(ts_file: Path, qm_file: Path) -> None:
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)],
        cwd=REPO, check=True,
    )


def check() -> int:
    with tempfile.TemporaryDirectory() as folder:
        ts_copy = Path(folder) / TS_FILE.name
        shutil.copyfile(TS_FILE, ts_copy)
        lupdate(ts_copy)
        if ts_copy.read_bytes() != TS_FILE.read_bytes():
            print(f"{TS_FILE.relative_to(REPO)} is out of date: run {Path(__file__).name}")
            return 1
        qm_copy = Path(folder) / QM_FILE.name
        lrelease(TS_FILE, qm_copy)
        if not filecmp.cmp(qm_copy, QM_FILE, shallow=False):
            print(f"{QM_FILE.relative_to(REPO)} is out of date: run {Path(__file__).name}")
            return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check, change nothing")
    if parser.parse_args().check:
        return check()
    lupdate(TS_FILE)
    lrelease(TS_FILE, QM_FILE)
    print(f"updated {TS_FILE.relative_to(REPO)} and {QM_FILE.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
