"""Installed like any Python application: the wheel's contents and where the app finds them.

The end-to-end check (build the wheel, install it in a fresh venv, run it outside the
checkout) is scripts/ci-wheel.sh, which .ci/run runs; these are the fast parts.
"""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import jhviewer
from jhviewer import paths
from jhviewer.paths import REPO_ROOT

PYPROJECT = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def test_every_package_under_jhviewer_goes_into_the_wheel() -> None:
    found = sorted(
        ".".join(init.parent.relative_to(REPO_ROOT).parts)
        for init in (REPO_ROOT / "jhviewer").rglob("__init__.py")
    )
    assert sorted(set(SETUPTOOLS["packages"]) - {"jhviewer._shipped"}) == found


def test_the_wheel_maps_the_repository_root_to_jhviewer_shipped() -> None:
    assert SETUPTOOLS["package-dir"] == {"jhviewer._shipped": "."}
    patterns = SETUPTOOLS["package-data"]["jhviewer._shipped"]
    for shipped in ("data.db", "resources/briefings/jianghan-2024.toml",
                    "resources/fonts/JHNotoSansSC-Regular.otf",
                    "resources/fonts/JHNotoSansSC-Bold.otf", "resources/fonts/OFL.txt",
                    "resources/translations/jhviewer_zh_CN.qm", "resources/icons/jhviewer.svg",
                    "resources/icons/jhviewer-48.png", "resources/icons/jhviewer.ico",
                    "resources/jhviewer.desktop"):
        assert (REPO_ROOT / shipped).is_file(), shipped
        assert any(Path(shipped).match(pattern) for pattern in patterns), shipped


def test_a_checkout_reads_the_files_at_the_root_of_the_repository() -> None:
    assert paths.shipped_root() == REPO_ROOT
    assert paths.IN_CHECKOUT
    assert paths.DEFAULT_DB == REPO_ROOT / "data.db"
    assert paths.FONTS_DIR == REPO_ROOT / "resources" / "fonts"


@pytest.fixture
def installed(tmp_path: Path) -> Iterator[Path]:
    """A `jhviewer/_shipped/` folder as a wheel installs it, visible to the import system."""
    package = tmp_path / "site-packages" / "jhviewer"
    shipped = package / "_shipped"
    (shipped / "resources" / "fonts").mkdir(parents=True)
    (shipped / "data.db").write_bytes(b"SQLite format 3\x00")
    jhviewer.__path__.append(str(package))
    try:
        yield shipped
    finally:
        jhviewer.__path__.remove(str(package))
        sys.modules.pop("jhviewer._shipped", None)


def test_an_installed_wheel_reads_the_files_inside_the_package(installed: Path) -> None:
    assert paths.shipped_root() == installed.resolve()


def test_build_db_will_not_overwrite_the_installed_database(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from jhviewer.commands import cli

    installed_db = tmp_path / "site-packages" / "jhviewer" / "_shipped" / "data.db"
    installed_db.parent.mkdir(parents=True)
    installed_db.write_bytes(b"the installed one")
    monkeypatch.setattr(paths, "IN_CHECKOUT", False)
    monkeypatch.setattr("jhviewer.commands.DEFAULT_DB", installed_db)
    result = CliRunner().invoke(cli, ["build-db", "--out", str(installed_db)])
    assert result.exit_code == 2
    assert "is the database installed with jhviewer" in result.output
    assert installed_db.read_bytes() == b"the installed one"
