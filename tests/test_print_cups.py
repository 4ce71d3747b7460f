"""Printing through a real print system: CUPS with the cups-pdf virtual printer.

Runs only where such a queue exists (see the README: `lpadmin -p PDF -E -v cups-pdf:/ ...`),
and is skipped elsewhere. The job goes through the app's own print path
(`BriefingPrinter.to_printer` on a QPrinter for the queue), through CUPS's filters, and
comes out as a PDF written by cups-pdf.

cups-pdf makes its PDF from PostScript with Ghostscript, which turns the embedded fonts into
Type 3 fonts whose text cannot be extracted any more. So the printed page is compared with
the same page exported directly: rendered at low resolution, they must look the same.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from jhviewer.data.store import Store
from jhviewer.report import BriefingPrinter, ensure_gui_application
from tests.test_report import A4_POINTS, needs_poppler, page_count

# One queue and one output folder for every job: with `./dev test` running tests in several
# processes (pytest-xdist), these run one after another in one of them.
pytestmark = [pytest.mark.printer, needs_poppler, pytest.mark.xdist_group("cups-pdf")]

PRINTED = date(2025, 1, 2)
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")
WAIT_SECONDS = 90


def cups_pdf_queue() -> str | None:
    """The name of a CUPS queue printing to cups-pdf, if Qt and CUPS both see one."""
    ensure_gui_application()
    qt_names = {info.printerName() for info in QPrinterInfo.availablePrinters()}
    if not qt_names or shutil.which("lpstat") is None:
        return None
    listing = subprocess.run(["lpstat", "-v"], capture_output=True, text=True, timeout=30)
    for line in listing.stdout.splitlines():
        match = re.match(r"device for (\S+): cups-pdf:", line)
        if match and match.group(1) in qt_names:
            return match.group(1)
    return None


def output_folders() -> list[Path]:
    """Where cups-pdf may write this user's jobs (its `Out` setting, and its defaults)."""
    user = pwd.getpwuid(os.getuid())
    home = Path(user.pw_dir)  # cups-pdf's ${HOME} is the job owner's, from the passwd file
    folders = [home / "PDF", Path.home() / "PDF", Path("/var/spool/cups-pdf") / user.pw_name,
               Path("/var/spool/cups-pdf/ANONYMOUS")]
    if CUPS_PDF_CONF.exists():
        for line in CUPS_PDF_CONF.read_text(errors="replace").splitlines():
            if line.startswith("Out "):
                folders.insert(0, Path(line[4:].strip().replace("${HOME}", str(home))))
    return folders


def wait_for_new_pdf(folders: list[Path], since: float) -> Path | None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        for folder in folders:
            if not folder.is_dir():
                continue
            for path in folder.glob("*.pdf"):
                if path.stat().st_mtime >= since and path.stat().st_size > 0:
                    time.sleep(1)  # let cups-pdf finish writing
                    return path
        time.sleep(0.5)
    return None


def grey_pixels(pdf: Path, folder: Path, name: str) -> tuple[int, int, bytes]:
    """Page 1 rendered as an 8-bit grey image (width, height, pixels)."""
    stem = folder / name
    subprocess.run(["pdftoppm", "-gray", "-r", "30", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(stem)], check=True, timeout=60, stderr=subprocess.DEVNULL)
    data = stem.with_suffix(".pgm").read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
    assert header, "pdftoppm did not write a PGM"
    width, height = int(header.group(1)), int(header.group(2))
    return width, height, data[header.end():]


def block_means(image: tuple[int, int, bytes], size: int = 4) -> list[float]:
    """Mean grey of each size x size block: glyph-level rendering differences average out."""
    width, height, pixels = image
    means = []
    for top in range(0, height - size + 1, size):
        for left in range(0, width - size + 1, size):
            block = [pixels[(top + dy) * width + left + dx]
                     for dy in range(size) for dx in range(size)]
            means.append(sum(block) / len(block))
    return means


def blocks_differing(want: tuple[int, int, bytes], got: tuple[int, int, bytes]) -> float:
    """The share of blocks whose mean grey differs by more than an eighth of the range
    (about 0.5% for the same page printed, over 10% for the other language's page)."""
    pairs = list(zip(block_means(want), block_means(got), strict=True))
    return sum(abs(a - b) > 32 for a, b in pairs) / len(pairs)


@pytest.fixture(scope="module")
def queue() -> str:
    name = cups_pdf_queue()
    if name is None:
        pytest.skip("no CUPS printer with the cups-pdf backend (see README, Printing)")
    return name


def test_summary_prints_through_cups_pdf(qapp, queue: str, built_db: Path,
                                         tmp_path: Path) -> None:
    with Store.open(built_db) as store:
        briefing = BriefingPrinter(store, "zh", printed_on=PRINTED)
        direct = tmp_path / "direct.pdf"
        briefing.to_pdf(direct, summary_only=True)
        printer = QPrinter(QPrinterInfo.printerInfo(queue), QPrinter.PrinterMode.HighResolution)
        assert printer.isValid()
        since = time.time() - 1
        pages = briefing.to_printer(printer, summary_only=True)
    assert pages == 1

    printed = wait_for_new_pdf(output_folders(), since)
    assert printed is not None, f"cups-pdf wrote nothing within {WAIT_SECONDS} s"
    assert page_count(printed) == 1
    info = subprocess.run(["pdfinfo", str(printed)], capture_output=True, text=True,
                          timeout=60).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size, info
    assert float(size.group(1)) == pytest.approx(A4_POINTS[0], abs=2)
    assert float(size.group(2)) == pytest.approx(A4_POINTS[1], abs=2)

    want = grey_pixels(direct, tmp_path, "direct")
    got = grey_pixels(printed, tmp_path, "printed")
    assert got[:2] == want[:2]
    assert blocks_differing(want, got) < 0.03, "the printed page does not look like the PDF"
    assert sum(value < 128 for value in got[2]) / len(got[2]) > 0.02, "the page is blank"
