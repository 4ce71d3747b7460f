"""Every file jhviewer writes goes through here: complete, or not written at all.

    write_bytes(path, data)                     # PDF, PNG, SVG, CSV, JSON: bytes made in memory
    with atomic_path(path) as temp: ...         # writers that need a path (SQLite's build-db)

What a caller gets, whatever writes the file:

* The data goes to a temporary file with a short name (`.jhv-XXXXXXXX.tmp`) in the target's
  own folder, is flushed and fsynced, checked to be complete (its size, and for bytes made
  in memory the caller's `verify`), and only then renamed over the target; the folder is
  fsynced after the rename. A failure at any step (disk full, permission, read-only disk,
  an unfinished file) leaves the old file untouched and no temporary file behind, and
  raises `WriteError`, whose message says why in plain words (`message("zh")` in Chinese).
* A new file gets the mode a normal file would get (0666 less the umask), not 0600. An
  existing file keeps its mode, and, when jhviewer runs as root, its owner and group.
* Symbolic links are written through, deliberately: the file the link points to is
  replaced and the link stays a link (so a link into a shared folder keeps working).
* Only regular files are ever replaced. A device (`/dev/null`, `/dev/full`), a FIFO, a
  socket or `/dev/stdout` is refused, never replaced by a regular file; so is a folder.
* A read-only target (no write permission bit, e.g. mode 0444) is refused unless the caller
  passes `force=True`; then it is replaced and keeps its read-only mode.
* A database the viewer has open (`Store` registers it with `protect`) is never written
  over, by any writer: CLI, Export PDF, chart exports, snapshots.

No Qt here: Qt writers render into memory (QBuffer) and hand the bytes to `write_bytes`,
because Qt's PDF and SVG writers swallow write errors.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from jhviewer.data.errors import ExportError, JhviewerError

TEMP_PREFIX = ".jhv-"
# Device and process trees: nothing there is a file to replace.
_SYSTEM_TREES = ("/dev/", "/proc/", "/sys/")
TEMP_SUFFIX = ".tmp"

# Why a write failed: (English, Chinese). `{path}` is the target as shown to the user.
REASONS: dict[str, tuple[str, str]] = {
    "disk-full": (
        "Could not write {path}: the disk is full. The old file, if any, is unchanged.",
        "无法写入 {path}：磁盘已满。原有文件（如有）未被改动。",
    ),
    "permission": (
        "Could not write {path}: permission denied (you may not write in that folder).",
        "无法写入 {path}：没有权限（不能在该文件夹中写入）。",
    ),
    "read-only-disk": (
        "Could not write {path}: the disk or folder is read-only.",
        "无法写入 {path}：磁盘或文件夹是只读的。",
    ),
    "read-only-file": (
        "Will not write over {path}: the file is read-only. Choose another name, or make it "
        "writable first.",
        "不会覆盖 {path}：该文件是只读的。请另选文件名，或先将其设为可写。",
    ),
    "special-file": (
        "Will not write to {path}: it is not a regular file (a device, pipe or socket). "
        "Choose a file name.",
        "不会写入 {path}：它不是普通文件（而是设备、管道或套接字）。请指定一个文件名。",
    ),
    "folder": (
        "Cannot write {path}: it is a folder. Choose a file name.",
        "无法写入 {path}：这是一个文件夹。请指定一个文件名。",
    ),
    "no-folder": (
        "Could not write {path}: the folder does not exist.",
        "无法写入 {path}：文件夹不存在。",
    ),
    "name-too-long": (
        "Could not write {path}: the file name is too long.",
        "无法写入 {path}：文件名太长。",
    ),
    "open-database": (
        "Will not write over {path}: it is the database being read. Choose another file name.",
        "不会覆盖 {path}：这是正在读取的数据库。请另选文件名。",
    ),
    "incomplete": (
        "Could not write {path}: the output was incomplete, so nothing was written.",
        "无法写入 {path}：输出不完整，因此没有写入任何内容。",
    ),
    "other": (
        "Could not write {path}: {detail}.",
        "无法写入 {path}：{detail}。",
    ),
}

_ERRNO_REASONS = {
    errno.ENOSPC: "disk-full",
    errno.EDQUOT: "disk-full",
    errno.EFBIG: "disk-full",
    errno.EACCES: "permission",
    errno.EPERM: "permission",
    errno.EROFS: "read-only-disk",
    errno.EISDIR: "folder",
    errno.ENOENT: "no-folder",
    errno.ENOTDIR: "no-folder",
    errno.ENAMETOOLONG: "name-too-long",
}


class WriteError(ExportError):
    """A file could not be written (or was refused); nothing was changed on disk.

    `reason` is a key of REASONS ('disk-full', 'permission', 'special-file', ...),
    `path` the target. `str(error)` is English; `message('zh')` is Chinese.
    """

    def __init__(self, reason: str, path: Path | str, detail: str = "") -> None:
        self.reason = reason if reason in REASONS else "other"
        self.path = Path(path)
        self.detail = detail or reason
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        """The message in 'en' or 'zh'."""
        template = REASONS[self.reason][1 if lang == "zh" else 0]
        return template.format(path=shown_path(self.path), detail=self.detail)

    def text(self, lang: Literal["zh", "en"]) -> str:
        """The message in `lang` (what the window shows; see JhviewerError.text)."""
        return self.message(lang)


def error_message(error: BaseException, lang: Literal["zh", "en"]) -> str:
    """`error` as a sentence in `lang`: jhviewer's errors in either language, others as
    they are."""
    return error.text(lang) if isinstance(error, JhviewerError) else str(error)


def shown_path(path: Path | str) -> str:
    """A path as one printable line: quoted, with escapes, if it holds a newline, a control
    character or bytes that are not text in the file-system encoding.

    'brief.pdf' stays as it is; 'a\\nb.pdf' becomes "'a\\\\nb.pdf'" and a GBK-named file
    shows its raw bytes as \\xNN.
    """
    text = os.fspath(path)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    if text.isprintable() and not any("\udc80" <= ch <= "\udcff" for ch in text):
        return text
    parts = []
    for ch in text:
        if "\udc80" <= ch <= "\udcff":
            parts.append(f"\\x{ord(ch) - 0xDC00:02x}")
        elif ch == "\\":
            parts.append("\\\\")
        elif ch == "'":
            parts.append("\\'")
        elif ch.isprintable():
            parts.append(ch)
        else:
            parts.append(ch.encode("unicode_escape").decode("ascii"))
    return "'" + "".join(parts) + "'"


# --- the open databases ---------------------------------------------------------------------

_protected: dict[str, int] = {}


def protect(path: Path | str) -> None:
    """Never write over `path` (an open database) until `unprotect` is called as often."""
    key = os.path.realpath(path)
    _protected[key] = _protected.get(key, 0) + 1


def unprotect(path: Path | str) -> None:
    key = os.path.realpath(path)
    left = _protected.get(key, 0) - 1
    if left > 0:
        _protected[key] = left
    else:
        _protected.pop(key, None)


def _is_protected(real: str) -> bool:
    for guarded in _protected:
        if real == guarded:
            return True
        try:
            if os.path.samefile(real, guarded):  # a hard link to the database
                return True
        except OSError:
            continue
    return False


# --- checks before writing -------------------------------------------------------------------


def check_target(target: Path | str, *, force: bool = False) -> Path:
    """The real path to replace for `target`, or WriteError if it must not be written.

    Follows symbolic links; refuses folders, devices, FIFOs, sockets, the open database and,
    unless `force`, a read-only file.
    """
    target = Path(target)
    real = Path(os.path.realpath(target))
    if any(str(path).startswith(_SYSTEM_TREES) for path in (target.absolute(), real)):
        raise WriteError("special-file", target)  # /dev/stdout, /proc/self/fd/1, ...
    try:
        info = os.stat(target)  # follows links, /dev/stdout's magic one included
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise _os_error(error, target) from error
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise WriteError("folder", target)
        if not stat.S_ISREG(info.st_mode):
            raise WriteError("special-file", target)
        if _is_protected(str(real)):
            raise WriteError("open-database", target)
        if not force and _read_only(real, info):
            raise WriteError("read-only-file", target)
    elif not real.parent.is_dir():
        raise WriteError("no-folder", target)
    return real


def _read_only(path: Path, info: os.stat_result) -> bool:
    if info.st_mode & 0o222 == 0:  # root may write anything, but 0444 still means read-only
        return True
    return not os.access(path, os.W_OK)


def _os_error(error: OSError, target: Path) -> WriteError:
    reason = _ERRNO_REASONS.get(error.errno or 0, "other")
    return WriteError(reason, target, error.strerror or str(error))


def _new_file_mode() -> int:
    """0666 less the process umask: what open() would give a new file."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return  # not every system lets a folder be opened; the rename is done anyway
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --- writing ---------------------------------------------------------------------------------


@contextmanager
def atomic_path(target: Path | str, *, force: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside `target` for a writer that needs a path; when the
    block ends without an error, the file is fsynced, checked not to be empty and renamed
    over `target`. On any error the temporary file is removed and WriteError raised
    (an OSError from the block is translated; other errors pass through).
    """
    target = Path(target)
    real = check_target(target, force=force)
    temp = _make_temp(real, target)
    try:
        try:
            yield temp
        except OSError as error:
            raise _os_error(error, target) from error
        try:
            size = temp.stat().st_size
            if size == 0:
                raise WriteError("incomplete", target)
            with open(temp, "rb+") as handle:
                os.fsync(handle.fileno())
            _finish(temp, real, target)
        except OSError as error:
            raise _os_error(error, target) from error
    finally:
        _remove(temp)


def write_bytes(
    target: Path | str,
    data: bytes,
    *,
    verify: Callable[[bytes], bool] | None = None,
    force: bool = False,
) -> Path:
    """Write `data` to `target` all-or-nothing and return `target`.

    `verify(data)` (e.g. "ends with %%EOF") is asked before anything is written; the file
    is read back by size after the fsync. Raises WriteError (nothing changed) on failure.
    """
    target = Path(target)
    if not data or (verify is not None and not verify(data)):
        raise WriteError("incomplete", target)
    real = check_target(target, force=force)
    temp = _make_temp(real, target)
    try:
        try:
            fd = os.open(temp, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
            try:
                view = memoryview(data)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
                os.fsync(fd)
            finally:
                os.close(fd)
            if os.stat(temp).st_size != len(data):
                raise WriteError("incomplete", target)
            _finish(temp, real, target)
        except OSError as error:
            raise _os_error(error, target) from error
    finally:
        _remove(temp)
    return target


def write_text(
    target: Path | str, text: str, *, encoding: str = "utf-8", force: bool = False
) -> Path:
    """`write_bytes` for text (UTF-8 unless told; 'utf-8-sig' adds the BOM Excel wants)."""
    return write_bytes(target, text.encode(encoding), force=force)


def _make_temp(real: Path, target: Path) -> Path:
    try:
        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=real.parent)
    except OSError as error:
        raise _os_error(error, target) from error
    os.close(fd)
    return Path(name)


def _finish(temp: Path, real: Path, target: Path) -> None:
    """Give `temp` the mode (and owner) `real` should have, rename it over, sync the folder."""
    try:
        old = os.stat(real)
    except FileNotFoundError:
        old = None
    if old is None:
        os.chmod(temp, _new_file_mode())
    else:
        if not stat.S_ISREG(old.st_mode):  # appeared since the check: still never replaced
            raise WriteError("special-file", target)
        os.chmod(temp, stat.S_IMODE(old.st_mode))
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            os.chown(temp, old.st_uid, old.st_gid)
    os.replace(temp, real)
    _fsync_folder(real.parent)


def _remove(temp: Path) -> None:
    try:
        temp.unlink()
    except FileNotFoundError:
        pass
    except OSError:
        pass  # nothing more can be done; the folder refused the removal too
