"""`jhviewer progress ...` in both languages: every bad input named in the issue, the
command's own lines and the sanity warning, in Chinese and English, with the language
from --lang, `jhviewer --lang`, or the locale; exit statuses as in English (2 bad input,
1 database problem, 0 with a warning). And every progress message has its Chinese."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from jhviewer.cli import cli
from jhviewer.data.errors import ZH_MESSAGES
from jhviewer.data.progress.db import ProgressStore
from jhviewer.data.progress.model import NewEntry
from tests.message_scan import message_templates

REPO = Path(__file__).resolve().parent.parent
B = "jianghan-2024"
NO_LOCALE = {"LC_ALL": None, "LC_MESSAGES": None, "LANG": None}


def run(*args: str, **env: str | None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env={**NO_LOCALE, **env})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


BAD_INPUT = [
    (["add", "no-such-target", "1", "--as-of", "2024-06"],
     "jhviewer: jianghan-2024 中没有目标编号“no-such-target”（“jhviewer progress status”会列出"
     "全部目标）",
     "jhviewer: unknown target id 'no-such-target' in jianghan-2024 "
     "(`jhviewer progress status` lists them)"),
    (["add", "target-first-stores", "sixty", "--as-of", "2024-06"],
     "jhviewer: “sixty”不是数字",
     "jhviewer: value 'sixty' is not a number"),
    (["add", "target-first-stores", "6", "--as-of", "2025-01"],
     "jhviewer: 截至日期2025-01不在目标年份2024年内",
     "jhviewer: as-of date 2025-01 is outside the target year 2024 of target-first-stores"),
    (["add", "target-investment-signed", "6", "--unit", "家", "--as-of", "2024-06"],
     "jhviewer: 单位“家”无法换算为目标的单位“亿元”",
     "jhviewer: unit 家 cannot be converted to the target's unit 亿元"),
    (["add", "target-first-stores", "6", "--as-of", "2024-06", "--briefing", "nowhere-1999"],
     "jhviewer: 未知的简报“nowhere-1999”（现有简报：jianghan-2024）",
     "jhviewer: unknown briefing 'nowhere-1999' (known: jianghan-2024)"),
    # a target without a number: the line names the accepted statuses and the option
    (["add", "target-disposable-income", "5.8", "--as-of", "2024-06", "--note", "增长5.8%"],
     "jhviewer: target-disposable-income 没有数值：请以 VALUE 给出状态（achieved, on_track, "
     "behind 之一），并用 --note 说明原因",
     "jhviewer: target-disposable-income has no number: give its status as VALUE (achieved, "
     "on_track, behind) and say why with --note"),
    (["add", "target-disposable-income", "behind", "--as-of", "2024-06"],
     "jhviewer: target-disposable-income：设定状态时请用 --note 说明原因",
     "jhviewer: target-disposable-income: a status needs --note saying why"),
]


@pytest.mark.parametrize(("args", "zh", "en"), BAD_INPUT)
def test_bad_input_in_both_languages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     args: list[str], zh: str, en: str) -> None:
    monkeypatch.chdir(tmp_path)
    db = ["--progress-db", str(tmp_path / "p.db")]
    assert run("progress", *args, *db, "--lang", "zh") == (2, "", zh + "\n")
    assert run("progress", *args, *db, "--lang", "en") == (2, "", en + "\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("content", "zh", "en"), [
    (b"a,b,c\n1,2,3\n",
     "jhviewer: s.csv 缺少 target_id, as_of 列；请从“jhviewer progress template”生成的模板开始填写",
     "jhviewer: s.csv has no target_id, as_of column; start from `jhviewer progress template`"),
    (b"", "jhviewer: s.csv 是空文件", "jhviewer: s.csv is empty"),
    (b"target_id,as_of,value\n\xff\xfe\xfa,1,2\n",
     "jhviewer: s.csv 既不是 UTF-8 也不是 GBK 编码的文本",
     "jhviewer: s.csv is neither UTF-8 nor GBK text"),
])
def test_malformed_file_in_both_languages(tmp_path: Path, content: bytes, zh: str,
                                          en: str) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_bytes(content)
    db = ["--progress-db", str(tmp_path / "p.db")]
    assert run("progress", "import", str(sheet), *db, "--lang", "zh") == (2, "", zh + "\n")
    assert run("progress", "import", str(sheet), *db, "--lang", "en") == (2, "", en + "\n")
    assert not (tmp_path / "p.db").exists()


def test_locked_and_damaged_database_in_both_languages(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("jhviewer.data.progress.db.BUSY_TIMEOUT_S", 0.2)
    location = tmp_path / "p.db"
    ProgressStore.open(location).close()
    holder = sqlite3.connect(location, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    add = ["progress", "add", "target-first-stores", "1", "--as-of", "2024-06",
           "--progress-db", str(location)]
    try:
        zh = run(*add, "--lang", "zh")
        en = run(*add, "--lang", "en")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert zh == (1, "", f"jhviewer: {location} 被另一个程序锁定；请稍后重试。\n")
    assert en == (1, "", f"jhviewer: {location} is locked by another program; try again in "
                         "a moment.\n")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all, just text" * 10)
    status = ["progress", "status", "--progress-db", str(junk)]
    assert run(*status, "--lang", "zh") == (1, "", f"jhviewer: {junk} 不是 SQLite 数据库。\n")
    assert run(*status, "--lang", "en") == (1, "", f"jhviewer: {junk} is not an SQLite "
                                                   "database.\n")
    damaged = tmp_path / "damaged.db"
    with ProgressStore.open(damaged) as db:
        db.add(NewEntry(B, "target-first-stores", 1.0, "家", "2024-06", "cumulative", None,
                        "", ""))
    data = bytearray(damaged.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    damaged.write_bytes(bytes(data))
    code, out, err = run("progress", "status", "--progress-db", str(damaged), "--lang", "zh")
    assert (code, out) == (1, "")
    assert err.startswith(f"jhviewer: {damaged} 已损坏（") and err.endswith("）；请从备份恢复。\n")


@pytest.mark.parametrize(("env", "expected"), [
    ({"LANG": "zh_CN.UTF-8"}, "jhviewer: “x”不是数字\n"),
    ({"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_GB.UTF-8"}, "jhviewer: “x”不是数字\n"),
    ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "jhviewer: value 'x' is not a number\n"),
    ({"LANG": "C.UTF-8"}, "jhviewer: value 'x' is not a number\n"),
    ({}, "jhviewer: value 'x' is not a number\n"),
])
def test_the_language_comes_from_the_locale(tmp_path: Path, env: dict[str, str],
                                            expected: str) -> None:
    args = ["progress", "add", "target-first-stores", "x", "--as-of", "2024-06",
            "--progress-db", str(tmp_path / "p.db")]
    assert run(*args, **env) == (2, "", expected)


def test_lang_option_wins_over_the_locale(tmp_path: Path) -> None:
    args = ["add", "target-first-stores", "x", "--as-of", "2024-06",
            "--progress-db", str(tmp_path / "p.db")]
    english = (2, "", "jhviewer: value 'x' is not a number\n")
    chinese = (2, "", "jhviewer: “x”不是数字\n")
    assert run("progress", *args, "--lang", "en", LANG="zh_CN.UTF-8") == english
    assert run("--lang", "en", "progress", *args, LANG="zh_CN.UTF-8") == english
    assert run("--lang", "zh", "progress", *args) == chinese


def test_status_lines_in_chinese(tmp_path: Path) -> None:
    db = ["--progress-db", str(tmp_path / "p.db"), "--lang", "zh"]
    assert run("progress", "template", str(tmp_path / "t.csv"), "--lang", "zh") == (
        0, f"已写入 {tmp_path / 't.csv'}（28项目标）\n", "")
    assert run("progress", "add", "target-first-stores", "63", "--as-of", "2024-06", *db) == (
        0, "已添加第1条：target-first-stores 63 家，截至2024-06\n", "")
    assert run("progress", "retract", "1", *db) == (0, "已撤回第1条（记录2）\n", "")
    sheet = tmp_path / "s.csv"
    sheet.write_text("target_id,as_of,value\ntarget-first-stores,2024-06,63\n"
                     "target-gazelle-firms,,\n", encoding="utf-8")
    assert run("progress", "import", str(sheet), "--dry-run", *db) == (0, (
        "添加 第2行：target-first-stores 63 家，截至2024-06\n"
        "试运行：添加1行，拒绝0行，空白1行（utf-8）；未写入任何内容\n"), "")
    assert run("progress", "import", str(sheet), *db)[1].splitlines()[-1] == (
        f"已从 {sheet} 导入1条（添加1行，拒绝0行，空白1行（utf-8））")
    assert run("progress", "export", str(tmp_path / "e.csv"), *db) == (
        0, f"已写入 {tmp_path / 'e.csv'}（1条记录）\n", "")
    assert run("progress", "status", *db)[1].splitlines()[-1] == "28项目标中1项进度正常或已完成"


def test_refused_rows_in_chinese(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("target_id,as_of,value,unit\n"
                     "target-nope,2024-06,5,\n"
                     "target-first-stores,2023-12,5,\n"
                     "target-funds-in-place,2024-06,12,家\n"
                     "target-high-tech-firms,2024-06,lots,\n", encoding="utf-8")
    code, out, err = run("progress", "import", str(sheet), "--lang", "zh",
                         "--progress-db", str(tmp_path / "p.db"))
    assert code == 2
    assert out.splitlines() == [
        "拒绝 第2行：未知的目标编号“target-nope”",
        "拒绝 第3行：截至日期2023-12不在目标年份2024年内",
        "拒绝 第4行：单位“家”无法换算为目标的单位“亿元”",
        "拒绝 第5行：“lots”不是数字",
    ]
    assert err == ("jhviewer: s.csv：拒绝4行，未导入任何内容（添加0行，拒绝4行，空白0行"
                   "（utf-8））\n")


def test_a_second_import_skips_recorded_rows_in_chinese(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("target_id,as_of,value\n"
                     "target-first-stores,2024-06,63\n", encoding="utf-8")
    db = ["--lang", "zh", "--progress-db", str(tmp_path / "p.db")]
    assert run("progress", "import", str(sheet), *db)[0] == 0
    assert run("progress", "import", str(sheet), "--dry-run", *db) == (0, (
        "跳过 第2行：target-first-stores 63 家，截至2024-06：已有相同记录，跳过\n"
        "试运行：添加0行，已有记录1行，拒绝0行，空白0行（utf-8）；未写入任何内容\n"), "")
    assert run("progress", "import", str(sheet), *db)[1].splitlines()[-1] == (
        f"已从 {sheet} 导入0条（添加0行，已有记录1行，拒绝0行，空白0行（utf-8））")


# --- the sanity warning: more than 10× the target, stored, exit 0 ---------------------------

@pytest.mark.parametrize(("target", "value", "unit", "warned"), [
    ("target-first-stores", "1000", "家", False),  # 100 家: exactly 10× is not warned
    ("target-first-stores", "1000.5", "家", True),
    ("target-first-stores", "10000", "家", True),  # 100× the target
    ("target-new-jobs", "18", "万人", False),  # 1.8 万人
    ("target-new-jobs", "9000", "万人", True),  # 9000 people typed into 万人
    ("target-investment-signed", "100000000", "万元", False),  # = 10,000 亿元: 10×
    ("target-investment-signed", "100000001", "万元", True),
    ("gdp-growth-2024-target", "73", "%", False),  # 7.3 %: 10×
    ("gdp-growth-2024-target", "73.1", "%", True),
    ("gdp-growth-2024-target", "-5", "%", False),  # a fall is allowed
])
def test_sanity_warning_boundaries(tmp_path: Path, target: str, value: str, unit: str,
                                   warned: bool) -> None:
    location = tmp_path / "p.db"
    args = ["progress", "add", "--unit", unit, "--as-of", "2024-06", "--lang", "en",
            "--progress-db", str(location), "--", target, value]
    code, out, err = run(*args)
    assert code == 0 and out.startswith("added entry 1: ")
    assert bool(err) is warned
    with ProgressStore.open(location) as db:
        assert [e.value for e in db.entries(B)] == [float(value)]


def test_sanity_warning_text_in_both_languages(tmp_path: Path) -> None:
    args = ["progress", "add", "target-new-jobs", "9000", "--as-of", "2024-06",
            "--progress-db", str(tmp_path / "p.db")]
    assert run(*args, "--lang", "zh") == (
        0, "已添加第1条：target-new-jobs 9000 万人，截至2024-06\n",
        "jhviewer: 注意：9000万人超过目标（1.8万人）的10倍：请核对单位和数值\n")
    assert run(*args, "--lang", "en") == (
        0, "added entry 2: target-new-jobs 9000 万人 as of 2024-06\n",
        "jhviewer: warning: 9000 万人 is more than 10× the target of 1.8 万人: check the unit "
        "and the figure\n")


def test_import_warns_per_line_and_still_imports(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("target_id,as_of,value\ntarget-first-stores,2024-06,63\n"
                     "target-new-jobs,2024-06,9000\n", encoding="utf-8")
    code, out, err = run("progress", "import", str(sheet), "--lang", "zh",
                         "--progress-db", str(tmp_path / "p.db"))
    assert code == 0 and out.splitlines()[-1].startswith("已从 ")
    assert err == ("jhviewer: 注意：第3行：9000万人超过目标（1.8万人）的10倍：请核对单位和数值\n")


def test_every_progress_message_has_chinese() -> None:
    """Each progress error raised, and each line the progress commands print, is made from
    an English template that ZH_MESSAGES translates, never from an f-string."""
    kinds = {"ProgressInputError", "ProgressDatabaseError", "ProgressConflictError",
             "ProgressWarning", "localized"}
    files = [*sorted((REPO / "jhviewer" / "data" / "progress").glob("*.py")),
             REPO / "jhviewer" / "progress_commands.py"]
    templates, untranslatable = message_templates(files, kinds)
    assert len(templates) >= 50
    assert [t for t in templates if t not in ZH_MESSAGES] == []
    assert untranslatable == []


def test_the_progress_report_command_in_both_languages(tmp_path: Path) -> None:
    db = ["--progress-db", str(tmp_path / "p.db")]
    zh_pdf, en_pdf = tmp_path / "zh.pdf", tmp_path / "en.pdf"
    code, out, err = run("pdf", str(zh_pdf), "--progress", *db, LANG="zh_CN.UTF-8")
    assert (code, out, err) == (0, f"已写入 {zh_pdf}（3页）\n", "")
    code, out, err = run("pdf", str(en_pdf), "--progress", "--lang", "en", *db)
    assert (code, out, err) == (0, f"wrote {en_pdf} (4 pages)\n", "")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all, just text" * 10)
    args = ["pdf", str(tmp_path / "x.pdf"), "--progress", "--progress-db", str(junk)]
    assert run(*args, LANG="zh_CN.UTF-8") == (1, "", f"jhviewer: {junk} 不是 SQLite 数据库。\n")
    assert run(*args, "--lang", "en") == (1, "", f"jhviewer: {junk} is not an SQLite "
                                                 "database.\n")
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize(("args", "env", "expected"), [
    (["export", "csv", "o.csv", "--db", "nothere.db", "--lang", "zh"], {"LANG": "C.UTF-8"},
     "jhviewer: nothere.db 处没有文件。\n"),
    (["--lang=en", "export", "csv", "o.csv", "--db", "nothere.db"], {"LANG": "zh_CN.UTF-8"},
     "jhviewer: There is no file at nothere.db.\n"),
    (["search", "x", "--db", "nothere.db"], {"LANG": "zh_CN.UTF-8"},
     "jhviewer: nothere.db 处没有文件。\n"),
])
def test_other_commands_errors_follow_lang_or_the_locale(
        tmp_path: Path, args: list[str], env: dict[str, str], expected: str) -> None:
    """Not only `progress`: every command's error line is in --lang, else the locale's."""
    import os
    import subprocess
    import sys

    clean = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    result = subprocess.run([sys.executable, "-m", "jhviewer", *args], cwd=tmp_path,
                            env={**clean, **env}, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", expected)
