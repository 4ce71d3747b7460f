"""Typed errors. Each carries a message written for the person using the app.

An error is made from an English template and its fields,
`DatabaseNotFoundError("There is no file at {path}.", path=path)`: `str(error)` is the
English sentence (the command line prints it) and `error.text("zh")` the same sentence in
Chinese, from `ZH_MESSAGES` below. The data layer has no Qt, so its messages keep their
Chinese here rather than in the UI's Qt catalogue; the window shows `text(lang)`.
"""

from __future__ import annotations

import os
from typing import Literal

ZH_MESSAGES: dict[str, str] = {
    "There is no file at {path}.": "{path} 处没有文件。",
    "Cannot open {path}: {reason}.": "无法打开 {path}：{reason}。",
    "{path} is a folder, not a database file.": "{path} 是文件夹，不是数据库文件。",
    "{name} is not a database file (it is a pipe, socket or device).":
        "{name} 不是数据库文件（它是管道、套接字或设备）。",
    "Cannot read {path}: {reason}.": "无法读取 {path}：{reason}。",
    "{name} is empty.": "{name} 是空文件。",
    "{name} is not a SQLite database.": "{name} 不是 SQLite 数据库。",
    "{name} is damaged (SQLite integrity check: {finding}).":
        "{name} 已损坏（SQLite 完整性检查：{finding}）。",
    "{name} is an empty SQLite database, not a briefing.":
        "{name} 是空的 SQLite 数据库，不是简报。",
    "{name} is a SQLite database of another kind, not a jhviewer briefing.":
        "{name} 是其他用途的 SQLite 数据库，不是 jhviewer 简报。",
    "{name} was made by an older version of jhviewer (format {version}; this version "
    "reads format {supported}).":
        "{name} 由较旧版本的 jhviewer 生成（格式 {version}；本版本读取格式 {supported}）。",
    "{name} was made by a newer version of jhviewer (format {version}; this version "
    "reads format {supported}).":
        "{name} 由较新版本的 jhviewer 生成（格式 {version}；本版本读取格式 {supported}）。",
    "{name} was built by an older version of jhviewer (format {version}; this version reads "
    "format {supported}). Rebuild it from its briefing files with `jhviewer build-db --out "
    "{name}`, or open the built-in briefing.":
        "{name} 由较旧版本的 jhviewer 生成（格式 {version}；本版本读取格式 {supported}）。"
        "请用“jhviewer build-db --out {name}”从简报文件重新生成，或打开内置简报。",
    "{name} has no {table} table.": "{name} 缺少 {table} 表。",
    "{name}: the {table} table lacks {columns}.": "{name}：{table} 表缺少 {columns}。",
    "Reading {name} took too long and was stopped.": "读取 {name} 用时过长，已停止。",
    "Checking {name} for damage ({size}) took longer than its {seconds} s allowance and was "
    "stopped. If you trust the file, open it in the window and skip the check.":
        "检查 {name}（{size}）是否损坏的用时超过了 {seconds} 秒的上限，已停止。"
        "如果您信任该文件，请在窗口中打开并跳过检查。",
    "The check of {name} was stopped.": "对 {name} 的检查已停止。",
    "{name} is still being checked. Try again in a moment.": "{name} 仍在检查中，请稍后重试。",
    "{name} was changed by another program while jhviewer was reading it. Try again to see "
    "the new version.": "{name} 在 jhviewer 读取时被另一个程序修改了。请重试以查看新版本。",
    "Reading {name} took too long (one query ran over {seconds} s) and was stopped.":
        "读取 {name} 用时过长（单次查询超过 {seconds} 秒），已停止。",
    "{name} holds a value longer than the {limit} bytes jhviewer reads from one field.":
        "{name} 中有一个值超过 jhviewer 单个字段读取上限（{limit} 字节）。",
    "{name} is being changed by another program. Try again in a moment.":
        "{name} 正被另一个程序修改，请稍后重试。",
    "{name} is damaged and cannot be read.": "{name} 已损坏，无法读取。",
    "{name} is not a complete jhviewer database ({error}).":
        "{name} 不是完整的 jhviewer 数据库（{error}）。",
    "{name} is damaged: it holds text that is not UTF-8.":
        "{name} 已损坏：其中有不是 UTF-8 的文本。",
    "{name} was left half-changed by a program that stopped while writing it. Open it "
    "once in that program to finish the repair; jhviewer only reads files.":
        "{name} 被一个在写入途中停止的程序改了一半。请在该程序中再打开一次以完成修复；"
        "jhviewer 只读取文件。",
    "Cannot open {name}: the file or its folder is not readable.":
        "无法打开 {name}：文件或其所在文件夹不可读。",
    "Cannot read {name}: {reason}.": "无法读取 {name}：{reason}。",
    "{name} is no longer there: it was deleted or moved while open.":
        "{name} 已不在原处：打开期间被删除或移动了。",
    "{name} was replaced by another file while open.": "{name} 在打开期间被另一个文件替换了。",
    "There is no briefing {briefing} in {name} (briefings: {ids}).":
        "{name} 中没有简报 {briefing}（现有简报：{ids}）。",
    # Writing files (exports, PDF, printing)
    "Cannot write {path}: it is a folder.": "无法写入 {path}：这是一个文件夹。",
    "Cannot write to {folder}: {reason}.": "无法写入 {folder}：{reason}。",
    "Nothing was written for {name}.": "{name} 没有写入任何内容。",
    "Cannot write {path}: {reason}.": "无法写入 {path}：{reason}。",
    "Cannot export a chart as a file without a suffix.": "文件名没有扩展名，无法导出图表。",
    "Cannot export a chart as {kind}.": "无法将图表导出为 {kind}。",
    "“{title}” has no data to export.": "“{title}”没有可导出的数据。",
    "Could not write the image {name}.": "无法写入图片 {name}。",
    "Could not write {path}.": "无法写入 {path}。",
    "There is no chart {chart}.": "没有图表 {chart}。",
    "The printer {name} is not available.": "打印机 {name} 不可用。",
    "Printing needs a Qt GUI application, not a console one.":
        "打印需要 Qt 图形界面程序，不能在控制台程序中进行。",
    "Could not start printing (the output could not be opened).": "无法开始打印（无法打开输出）。",
    "The printer could not start a new page.": "打印机无法开始新的一页。",
    "The page range is outside the briefing's {count} pages.":
        "所选页码范围超出了简报的 {count} 页。",
    "This printout has charts, but no chart painter was given to draw them.":
        "此打印稿含有图表，但没有提供绘制图表的程序。",
    # Progress tracking: entries and files (ProgressInputError, CLI exit status 2)
    "as-of date {text!r} is not YYYY-MM or YYYY-MM-DD (e.g. 2024-06 or 2024-06-30)":
        "截至日期“{text}”应写作 年-月 或 年-月-日（如 2024-06 或 2024-06-30）",
    "as-of date {text!r} has no month {month}": "截至日期“{text}”的月份{month}不存在",
    "as-of date {text!r} has no day {day} in that month": "截至日期“{text}”：该月没有{day}日",
    "as-of date {day} is outside the target year {year} of {target}":
        "截至日期{day}不在目标年份{year}年内",
    "as-of date {day} is in the future": "截至日期{day}尚未到来",
    "value {text!r} is not a number": "“{text}”不是数字",
    "value {text!r} is not a finite number": "“{text}”不是有限的数字",
    "value {text!r} has more than {limit} significant digits and cannot be kept exactly":
        "“{text}”的有效数字超过{limit}位，无法准确保存",
    "unit {unit} cannot be converted to the target's unit {target_unit}":
        "单位“{unit}”无法换算为目标的单位“{target_unit}”",
    "unknown unit {unit!r} (the target is in {target_unit})":
        "未知单位“{unit}”（目标单位为“{target_unit}”）",
    "{target} has no number: give a status ({statuses}) and a note instead of a value":
        "该目标没有数值：请选择状态并填写说明",
    "{target} has no number: leave the value empty": "该目标没有数值：完成值请留空",
    "{target}: a status needs a note saying why": "设定状态时请填写说明",
    "{target} is numeric: its status is worked out, not set":
        "数值类目标的状态由系统计算，不能手动设定",
    "no value given for {target}": "请填写完成值",
    "value {value} for {target} is negative": "完成值{value}不能为负数",
    "unknown target id {target!r}": "未知的目标编号“{target}”",
    "unknown target id {target!r} in {briefing} (`jhviewer progress status` lists them)":
        "{briefing} 中没有目标编号“{target}”（“jhviewer progress status”会列出全部目标）",
    "unknown briefing {briefing!r} (known: {known})":
        "未知的简报“{briefing}”（现有简报：{known}）",
    "cannot export to {name}: use a .csv or .json file name":
        "无法导出到 {name}：请使用 .csv 或 .json 文件名",
    "cannot write {name}: use a .csv or .xlsx file name":
        "无法写入 {name}：请使用 .csv 或 .xlsx 文件名",
    "cannot read {path}: {reason}": "无法读取 {path}：{reason}",
    "{name} is too large to be a progress sheet": "{name} 太大，不像是进度表",
    "cannot import {name}: use a .csv or .xlsx file": "无法导入 {name}：请使用 .csv 或 .xlsx 文件",
    "{name} is empty": "{name} 是空文件",
    "{name} has no {need} column; start from `jhviewer progress template`":
        "{name} 缺少 {need} 列；请从“jhviewer progress template”生成的模板开始填写",
    "{name} is not a text CSV file": "{name} 不是文本 CSV 文件",
    "{name} is neither UTF-8 nor GBK text": "{name} 既不是 UTF-8 也不是 GBK 编码的文本",
    "{name} is not a well-formed CSV file: {reason}": "{name} 不是格式正确的 CSV 文件：{reason}",
    "{name} is not a readable .xlsx workbook": "{name} 不是可读取的 .xlsx 工作簿",
    "{name} is not a readable .xlsx workbook ({kind})":
        "{name} 不是可读取的 .xlsx 工作簿（{kind}）",
    "{name}: {refused} rows refused; nothing imported ({summary})":
        "{name}：拒绝{refused}行，未导入任何内容（{summary}）",
    "entry {entry} is for {old}, not {new}": "第{entry}条记录属于 {old}，不是 {new}",
    "no progress entry {entry}": "没有第{entry}条进度记录",
    "entry {entry} is a retraction, not an entry": "第{entry}条是撤回记录，不是进度记录",
    # Progress tracking: the progress database (ProgressDatabaseError, CLI exit status 1)
    "{name} is the briefing database, which is read-only: choose another file for progress "
    "(--progress-db PATH).":
        "{name} 是只读的简报数据库：请为进度另选一个文件（--progress-db PATH）。",
    "{name} is a folder, not a progress database.": "{name} 是文件夹，不是进度数据库。",
    "Cannot create the folder for {name}: {reason}.": "无法为 {name} 创建文件夹：{reason}。",
    "{name}: cannot switch to WAL journal ({mode}).": "{name}：无法切换到 WAL 日志模式（{mode}）。",
    "Cannot open {name}: PostgreSQL needs psycopg (pip install 'jhviewer[postgres]').":
        "无法打开 {name}：使用 PostgreSQL 需要 psycopg（pip install 'jhviewer[postgres]'）。",
    "Cannot connect to {name}: {reason}": "无法连接到 {name}：{reason}",
    "The progress database is closed.": "进度数据库已关闭。",
    "{name} has progress schema version {version}, newer than this jhviewer knows "
    "({latest}): update jhviewer.":
        "{name} 的进度数据库结构版本为 {version}，比本版本 jhviewer 支持的（{latest}）更新："
        "请更新 jhviewer。",
    "Cannot back up {name} before upgrading it: {reason}; nothing was changed.":
        "升级前无法备份 {name}：{reason}；未做任何更改。",
    "Entry {entry} was changed since (by entry {newer}); refresh and try again.":
        "第{entry}条记录已被修改（由第{newer}条）；请刷新后重试。",
    "{name} is not an SQLite database.": "{name} 不是 SQLite 数据库。",
    "{name} is a briefing database; progress goes in its own file (--progress-db PATH).":
        "{name} 是简报数据库；进度需存放在单独的文件中（--progress-db PATH）。",
    "{name} is not a progress database; progress goes in its own file (--progress-db PATH).":
        "{name} 不是进度数据库；进度需存放在单独的文件中（--progress-db PATH）。",
    "That entry was changed by someone else in the meantime; refresh and try again.":
        "这条记录已被他人修改；请刷新后重试。",
    "{name} is locked by another program; try again in a moment.":
        "{name} 被另一个程序锁定；请稍后重试。",
    "{name} is damaged ({reason}); restore it from a backup.":
        "{name} 已损坏（{reason}）；请从备份恢复。",
    "Cannot write {name}: {reason}.": "无法写入 {name}：{reason}。",
    "{name}: {reason}.": "{name}：{reason}。",
    "{name}: {reason}": "{name}：{reason}",
    # Progress tracking: warnings (an entry is stored, but looks wrong)
    "{value} {unit} is more than {factor}× the target of {target_value} {target_unit}: "
    "check the unit and the figure":
        "{value}{unit}超过目标（{target_value}{target_unit}）的{factor}倍：请核对单位和数值",
    # Progress tracking: what the command line reports
    "{target} has no number: give its status as VALUE ({statuses}) and say why with --note":
        "{target} 没有数值：请以 VALUE 给出状态（{statuses} 之一），并用 --note 说明原因",
    "{target}: a status needs --note saying why": "{target}：设定状态时请用 --note 说明原因",
    "added entry {entry}: {target} {shown} as of {as_of}":
        "已添加第{entry}条：{target} {shown}，截至{as_of}",
    "retracted entry {entry} (row {row})": "已撤回第{entry}条（记录{row}）",
    "add  line {line}: {target} {shown} as of {as_of}":
        "添加 第{line}行：{target} {shown}，截至{as_of}",
    "refuse line {line}: {reason}": "拒绝 第{line}行：{reason}",
    "skip line {line}: {target} {shown} as of {as_of}: already recorded, skipped":
        "跳过 第{line}行：{target} {shown}，截至{as_of}：已有相同记录，跳过",
    "{added} to add, {recorded} already recorded, {refused} refused, {blank} blank "
    "({encoding})":
        "添加{added}行，已有记录{recorded}行，拒绝{refused}行，空白{blank}行（{encoding}）",
    "warning: line {line}: {reason}": "注意：第{line}行：{reason}",
    "warning: {reason}": "注意：{reason}",
    "{added} to add, {refused} refused, {blank} blank ({encoding})":
        "添加{added}行，拒绝{refused}行，空白{blank}行（{encoding}）",
    "dry run: {summary}; nothing written": "试运行：{summary}；未写入任何内容",
    "imported {count} entries from {path} ({summary})":
        "已从 {path} 导入{count}条（{summary}）",
    "wrote {path} ({count} targets)": "已写入 {path}（{count}项目标）",
    "wrote {path} ({count} entries)": "已写入 {path}（{count}条记录）",
    "wrote {path} ({count} entry)": "已写入 {path}（{count}条记录）",
    "wrote {path} ({count} page)": "已写入 {path}（{count}页）",
    "wrote {path} ({count} pages)": "已写入 {path}（{count}页）",
    "wrote {path} ({count} facts)": "已写入 {path}（{count}条数据）",
    "wrote {path}": "已写入 {path}",
    "removed {path}": "已删除 {path}",
    "nothing to remove under {path}": "{path} 下没有可删除的内容",
    "no facts match {query!r}": "没有与“{query}”匹配的数据",
    "using briefing {briefing} (the newest); choose another with --briefing":
        "使用最新的简报 {briefing}；可用 --briefing 另选",
    "ok": "通过",
    "skipped {count} unreadable rows ({rows}); `jhviewer check` says why.":
        "已跳过{count}条无法读取的记录（{rows}）；“jhviewer check”会说明原因。",
    "{rows} and {count} more": "{rows} 等，另有{count}条",
}


def user_language() -> Literal["zh", "en"]:
    """'zh' when the terminal's locale is Chinese (LC_ALL, LC_MESSAGES, LANG: the first that
    is set, starting with zh), else 'en': the command line's language without --lang."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def localized(template: str, lang: Literal["zh", "en"] | str, /, **fields: object) -> str:
    """An English `template` (a key of `ZH_MESSAGES`, or any text) in `lang`, filled with
    `fields`: `localized("{name} is empty", "zh", name="a.csv")` -> 'a.csv 是空文件'.
    English where no Chinese is known for it. The one function behind every message below,
    errors and the command line's own lines alike."""
    text = ZH_MESSAGES.get(template, template) if lang == "zh" else template
    return text.format(**fields) if fields else text


def one_line(message: str) -> str:
    """A message as a single line, whatever a file name or a database put into it."""
    return " ".join(message.split())


class JhviewerError(Exception):
    """Base class: `str(error)` is a sentence fit to show a user, `text(lang)` in either
    language. Made from an English template and the fields it names (see the module)."""

    def __init__(self, message: str, /, **fields: object) -> None:
        self.template = message
        self.fields = fields
        super().__init__(message.format(**fields) if fields else message)

    def text(self, lang: Literal["zh", "en"]) -> str:
        """The message in `lang`; English where no Chinese is known for it."""
        if lang != "zh" or self.template not in ZH_MESSAGES:
            return str(self)
        return localized(self.template, lang, **self.fields)


class DatabaseError(JhviewerError):
    """A database could not be opened or read."""


class DatabaseNotFoundError(DatabaseError):
    pass


class NotADatabaseError(DatabaseError):
    pass


class CorruptDatabaseError(DatabaseError):
    pass


class SchemaError(DatabaseError):
    """The file is SQLite but not a jhviewer database, or a different version of one."""


class OlderDatabaseError(SchemaError):
    """A jhviewer database in an older format (`version`): rebuild it with `build-db`."""

    def __init__(self, message: str, version: int, **fields: object) -> None:
        super().__init__(message, version=version, **fields)
        self.version = version


class DatabaseBusyError(DatabaseError):
    pass


class QueryTimeoutError(DatabaseError):
    pass


class SourceError(JhviewerError):
    """A curated briefing file under resources/briefings is malformed."""


class ExportError(JhviewerError):
    """An export (CSV, JSON, PNG, SVG, PDF) could not be written."""


class DatabaseChangedError(DatabaseError):
    """The file was changed by another program after it was opened (not damage)."""


class ValueTooLargeError(DatabaseError):
    """A value is over SQLite's length limit for files other than the shipped one."""


class CheckStoppedError(DatabaseError):
    """The integrity check was stopped by the person waiting for it (not a verdict)."""


class BriefingFormatError(SourceError):
    """Briefing files that break the authoring format; one line per problem in `problems`."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class UnknownBriefingError(JhviewerError):
    """A briefing id that the database does not hold."""
