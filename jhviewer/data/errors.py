"""Typed errors. Each carries a message written for the person using the app.

An error is made from an English template and its fields,
`DatabaseNotFoundError("There is no file at {path}.", path=path)`: `str(error)` is the
English sentence (the command line prints it) and `error.text("zh")` the same sentence in
Chinese, from `ZH_MESSAGES` below. The data layer has no Qt, so its messages keep their
Chinese here rather than in the UI's Qt catalogue; the window shows `text(lang)`.
"""

from __future__ import annotations

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
}


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
        chinese = ZH_MESSAGES.get(self.template) if lang == "zh" else None
        if chinese is None:
            return str(self)
        return chinese.format(**self.fields) if self.fields else chinese


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
