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
    "{name} has no {table} table.": "{name} 缺少 {table} 表。",
    "{name}: the {table} table lacks {columns}.": "{name}：{table} 表缺少 {columns}。",
    "Reading {name} took too long and was stopped.": "读取 {name} 用时过长，已停止。",
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
}


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


class DatabaseBusyError(DatabaseError):
    pass


class QueryTimeoutError(DatabaseError):
    pass


class SourceError(JhviewerError):
    """A curated briefing file under resources/briefings is malformed."""


class ExportError(JhviewerError):
    """An export (CSV, JSON, PNG, SVG, PDF) could not be written."""


class BriefingFormatError(SourceError):
    """Briefing files that break the authoring format; one line per problem in `problems`."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class UnknownBriefingError(JhviewerError):
    """A briefing id that the database does not hold."""
