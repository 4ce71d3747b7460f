"""Briefing files and source texts someone handed over: refused with file, line and id.

From issue 12: `build-db` on a `value = nan`, duplicate ids, two files for one briefing, a
huge year, deep nesting, a FIFO or a symlink to /dev/zero named *.toml; `check --sources`
on the source saved with a BOM, in GB18030, or a FIFO. Each ends in one sentence naming
the file (and the line and id where there is one), never "unexpected error" or a hang.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from jhviewer.cli import cli
from jhviewer.paths import BRIEFINGS_DIR
from tests.conftest import SOURCE_TEXT

SEED = BRIEFINGS_DIR / "jianghan-2024.toml"


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "briefings"
    folder.mkdir()
    shutil.copyfile(SEED, folder / "jianghan-2024.toml")
    return folder


def _replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def _build(sources: Path, tmp_path: Path) -> tuple[int, str]:
    started = time.monotonic()
    result = CliRunner().invoke(
        cli, ["build-db", "--source-dir", str(sources), "--out", str(tmp_path / "out.db")]
    )
    assert time.monotonic() - started < 10
    return result.exit_code, str(result.exception or "") + result.output


def _line_of(path: Path, needle: str) -> int:
    return path.read_text("utf-8").splitlines().index(needle) + 1


def _replace_first_line(path: Path, pattern: str, new: str) -> int:
    """Replace the first line matching `pattern` (a regex) with `new`; its line number."""
    lines = path.read_text("utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if re.fullmatch(pattern, line))
    lines[number] = new
    path.write_text("\n".join(lines), "utf-8")
    return number + 1


def test_a_nan_value_is_refused_naming_file_line_and_key(sources: Path, tmp_path: Path) -> None:
    toml = sources / "jianghan-2024.toml"
    line = _replace_first_line(toml, r"value = [0-9.]+", "value = nan")
    code, output = _build(sources, tmp_path)
    assert code != 0 and "unexpected" not in output
    assert re.search(rf"jianghan-2024.toml:{line}: facts\[\d+\].value: Input should be a "
                     "finite number", output), output
    assert not (tmp_path / "out.db").exists()


def test_a_huge_year_is_refused_naming_file_and_line(sources: Path, tmp_path: Path) -> None:
    toml = sources / "jianghan-2024.toml"
    line = _replace_first_line(toml, r"year = 20\d\d", "year = 99999999999999999999")
    code, output = _build(sources, tmp_path)
    assert code != 0 and "unexpected" not in output
    assert re.search(rf"jianghan-2024.toml:{line}: \w+(\[\d+\])?.year: Input should be less "
                     "than or equal", output), output


def test_a_fact_id_used_twice_is_refused_naming_the_id(sources: Path, tmp_path: Path) -> None:
    from tests.badcorpus.sources import second_fact_as_first

    toml = sources / "jianghan-2024.toml"
    text = toml.read_text("utf-8")
    toml.write_text(second_fact_as_first(text), "utf-8")
    first_id = re.findall(r'(?m)^id = "([^"]+)"$', text[text.index("[[facts]]"):])[0]
    lines = toml.read_text("utf-8").splitlines()
    line = [i + 1 for i, x in enumerate(lines) if x == f'id = "{first_id}"'][1]
    code, output = _build(sources, tmp_path)
    assert code != 0 and "unexpected" not in output
    assert f"jianghan-2024.toml:{line}: facts[1].id: duplicate id '{first_id}'" in output


def test_two_files_with_one_briefing_id_are_refused_naming_both(
    sources: Path, tmp_path: Path
) -> None:
    shutil.copyfile(sources / "jianghan-2024.toml", sources / "copy.toml")
    code, output = _build(sources, tmp_path)
    assert code != 0 and "unexpected" not in output
    assert ("jianghan-2024.toml: briefing.id: 'jianghan-2024' is already the id of copy.toml"
            in output)


def test_deep_nesting_is_refused_naming_the_file(sources: Path, tmp_path: Path) -> None:
    (sources / "deep.toml").write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    code, output = _build(sources, tmp_path)
    assert code != 0 and "unexpected" not in output
    assert "deep.toml" in output and "nest too deeply" in output


def test_a_fifo_named_toml_is_refused_at_once(sources: Path, tmp_path: Path) -> None:
    os.mkfifo(sources / "pipe.toml")
    code, output = _build(sources, tmp_path)
    assert code != 0
    assert "pipe.toml is not a text file (it is a pipe, socket or device)" in output


def test_a_symlink_to_dev_zero_named_toml_is_refused_at_once(
    sources: Path, tmp_path: Path
) -> None:
    (sources / "zero.toml").symlink_to("/dev/zero")
    code, output = _build(sources, tmp_path)
    assert code != 0
    assert "zero.toml is not a text file (it is a pipe, socket or device)" in output


def test_a_briefing_file_over_the_size_limit_is_not_read(sources: Path, tmp_path: Path) -> None:
    with (sources / "big.toml").open("wb") as handle:
        handle.truncate(9 * 1024 * 1024)
    code, output = _build(sources, tmp_path)
    assert code != 0
    assert "big.toml is 9,437,184 bytes, more than the 8,388,608" in output


def _check_source(source: Path, built_db: Path) -> tuple[int, str]:
    """`check --sources` on the folder of `source`, which is named as the briefing's."""
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["check", "--db", str(built_db), "--sources",
                                      str(source.parent)])
    assert time.monotonic() - started < 20
    return result.exit_code, result.output


def test_check_source_accepts_the_source_saved_with_a_bom(built_db: Path, tmp_path: Path) -> None:
    """With a BOM, check says what it says of the plain UTF-8 file: no fact is "not found"."""
    plain = tmp_path / "plain" / "jianghan-2024.txt"
    plain.parent.mkdir()
    plain.write_bytes(SOURCE_TEXT.read_bytes())
    source = tmp_path / "jianghan-2024.txt"
    source.write_bytes(b"\xef\xbb\xbf" + SOURCE_TEXT.read_bytes())
    code, output = _check_source(source, built_db)
    assert (code, output) == _check_source(plain, built_db)
    assert "not found in the source" not in output


def test_check_source_names_another_encoding(built_db: Path, tmp_path: Path) -> None:
    source = tmp_path / "jianghan-2024.txt"
    source.write_bytes(SOURCE_TEXT.read_text("utf-8").encode("gb18030"))
    code, output = _check_source(source, built_db)
    assert code == 1
    assert "jianghan-2024.txt is saved as GB18030, not UTF-8" in output
    assert output.count("\n") == 1  # one line, not 117 facts "not found"


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_check_source_refuses_what_is_not_a_file_at_once(
    built_db: Path, tmp_path: Path, kind: str
) -> None:
    source = tmp_path / "jianghan-2024.txt"
    if kind == "fifo":
        os.mkfifo(source)
    else:
        source.symlink_to("/dev/zero")
    code, output = _check_source(source, built_db)
    assert code == 1
    assert "jianghan-2024.txt is not a text file (it is a pipe, socket or device)" in output


@pytest.mark.slow  # every case as a process; the fast loop keeps one test of each kind above
def test_every_hostile_source_case_is_refused_clearly_or_read(
    built_db: Path, tmp_path: Path
) -> None:
    """The corpus scripts/reliability.py runs, as real processes: no hang, no crash."""
    from tests.badcorpus.sources import run_source_case, source_cases

    wrong = []
    for case in source_cases():
        run = run_source_case(case, tmp_path / case.name, built_db)
        if run.outcome != case.expect:
            wrong.append(f"{case.name}: {run.outcome}: {run.detail}")
    assert not wrong, "\n".join(wrong)
