"""The data commands' own lines ("wrote …", "no facts match …", "using briefing …") in the
language of a `--lang` given on the command line, else the locale's; a command's default
output language does not choose them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CLEAN = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}


def run(cwd: Path, locale: str, *args: str) -> tuple[int, str, str]:
    result = subprocess.run([sys.executable, "-m", "jhviewer", *args], cwd=cwd,
                            env={**CLEAN, "LANG": locale}, capture_output=True, text=True,
                            timeout=120)
    return result.returncode, result.stdout, result.stderr


@pytest.mark.parametrize(("locale", "args", "expected"), [
    ("zh_CN.UTF-8", [], (0, "", "没有与“zzqqx”匹配的数据\n")),
    ("en_US.UTF-8", [], (0, "", "no facts match 'zzqqx'\n")),
    ("en_US.UTF-8", ["--lang", "zh"], (0, "", "没有与“zzqqx”匹配的数据\n")),
    ("zh_CN.UTF-8", ["--lang", "en"], (0, "", "no facts match 'zzqqx'\n")),
])
def test_no_match_speaks_the_locale_or_lang(tmp_path: Path, locale: str, args: list[str],
                                            expected: tuple[int, str, str]) -> None:
    assert run(tmp_path, locale, "search", "zzqqx", *args) == expected


def test_wrote_lines_in_both_languages(tmp_path: Path) -> None:
    assert run(tmp_path, "zh_CN.UTF-8", "pdf", "a.pdf", "--summary-only") == (
        0, "已写入 a.pdf（1页）\n", "")
    assert run(tmp_path, "C.UTF-8", "pdf", "b.pdf", "--summary-only", "--lang", "zh") == (
        0, "已写入 b.pdf（1页）\n", "")
    assert run(tmp_path, "C.UTF-8", "pdf", "e.pdf", "--summary-only") == (
        0, "wrote e.pdf (1 page)\n", "")
    assert run(tmp_path, "C.UTF-8", "export", "csv", "c.csv") == (
        0, "wrote c.csv (115 facts)\n", "")
    assert run(tmp_path, "zh_CN.UTF-8", "export", "csv", "d.csv") == (
        0, "已写入 d.csv（115条数据）\n", "")


def test_the_default_briefing_is_named_in_the_locale(tmp_path: Path,
                                                     three_briefings_db: Path) -> None:
    db = three_briefings_db
    code, _, err = run(tmp_path, "zh_CN.UTF-8", "search", "增速", "--db", str(db))
    assert (code, err) == (0, "jhviewer: 使用最新的简报 newtown-2031；可用 --briefing 另选\n")


def test_check_says_ok_in_the_message_language(tmp_path: Path) -> None:
    # .ci/run and ./dev db read check's exit status, never this word
    assert run(tmp_path, "zh_CN.UTF-8", "check") == (0, "通过\n", "")
    assert run(tmp_path, "en_US.UTF-8", "check") == (0, "ok\n", "")


def test_stderr_lines_start_with_one_prefix_in_both_languages(tmp_path: Path) -> None:
    """"jhviewer: " (ASCII colon and space) in Chinese as in English; the texts after it
    never carry a prefix of their own."""
    from jhviewer.data.errors import ZH_MESSAGES

    assert [text for text in (*ZH_MESSAGES, *ZH_MESSAGES.values())
            if text.startswith("jhviewer")] == []
    code, _, err = run(tmp_path, "zh_CN.UTF-8", "progress", "add", "nope", "1", "--as-of",
                       "2024-06", "--progress-db", str(tmp_path / "p.db"))
    assert (code, err) == (2, "jhviewer: jianghan-2024 中没有目标编号“nope”（“jhviewer progress "
                              "status”会列出全部目标）\n")
    code, _, err = run(tmp_path, "zh_CN.UTF-8", "search", "x", "--db", "nothere.db")
    assert (code, err) == (1, "jhviewer: nothere.db 处没有文件。\n")
