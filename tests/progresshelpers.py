"""Shared pieces of the progress tests: targets, a throwaway PostgreSQL cluster, locations.

The `progress_location` fixture runs a test twice: against an SQLite file and against a
PostgreSQL database in a cluster started for the session on a Unix socket (as the
`postgres` user when run as root). Where no cluster can start, the PostgreSQL half is
skipped with the reason.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from jhviewer.data.progress.model import Target
from jhviewer.data.records import Unit

YI = Unit("亿元", "亿元", "CNY 100 million", 100000000.0, "CNY", False)
WAN = Unit("万元", "万元", "CNY 10,000", 10000.0, "CNY", False)
JIA = Unit("家", "家", "organisations", 1.0, "organisations", True)
PCT = Unit("%", "%", "%", 1.0, "%", False)
UNITS = {unit.id: unit for unit in (YI, WAN, JIA, PCT)}


def target(value: float | None, unit: Unit | None = JIA, qualifier: str | None = None,
           id: str = "t", year: int = 2024) -> Target:
    return Target(id, "b-2024", "目标", "Target", value, unit, qualifier, year, 1)


class PostgresCluster:
    """initdb + pg_ctl on a socket in a temp dir; `url(name)` makes a fresh database."""

    def __init__(self) -> None:
        self.reason = ""
        self.root: Path | None = None
        self._count = 0
        binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not binaries:
            self.reason = "PostgreSQL is not installed (apt-get install postgresql)"
            return
        self.bin = Path(binaries[-1]).parent
        try:
            import psycopg  # noqa: F401
        except ImportError:
            self.reason = "psycopg is not installed (pip install 'jhviewer[test]')"
            return
        self.root = Path(tempfile.mkdtemp(prefix="jhv-pg-"))
        as_postgres = os.geteuid() == 0
        if as_postgres:
            shutil.chown(self.root, "postgres")
        self.data, self.log = self.root / "data", self.root / "log"
        self._prefix = ["runuser", "-u", "postgres", "--"] if as_postgres else []
        try:
            self._run([str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust",
                       "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"])
            self._run([str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                       "-w", "-o", f"-k {self.root} -c listen_addresses='' -c fsync=off",
                       "start"])
        except (OSError, subprocess.CalledProcessError) as error:
            detail = getattr(error, "stderr", "") or error
            self.reason = f"could not start a PostgreSQL cluster: {str(detail).strip()[:200]}"
            self.stop()

    def _run(self, command: list[str]) -> None:
        subprocess.run(self._prefix + command, check=True, capture_output=True, text=True,
                       timeout=120)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@/{database}?host={self.root}"

    def new_database(self) -> str:
        import psycopg

        self._count += 1
        name = f"progress_{self._count}_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        if self.root is None:
            return
        if (self.data / "postmaster.pid").exists():
            subprocess.run([*self._prefix, str(self.bin / "pg_ctl"), "-D", str(self.data),
                            "-m", "immediate", "-w", "stop"],
                           capture_output=True, timeout=60, check=False)
        shutil.rmtree(self.root, ignore_errors=True)
        self.root = None


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    cluster = PostgresCluster()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def progress_location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty progress database on each backend (a path or a URL)."""
    if request.param == "sqlite":
        return str(tmp_path / "progress.db")
    cluster: PostgresCluster = request.getfixturevalue("postgres_cluster")
    if cluster.reason:
        pytest.skip(f"PostgreSQL half skipped: {cluster.reason}")
    return cluster.new_database()
