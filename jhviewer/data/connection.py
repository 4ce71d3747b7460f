"""Opening a database file read-only and safely: what the file is, a private copy of a WAL
file left behind, the read-only connection, and SQLite's errors in the user's terms.

Used by `store.Store`; no Qt.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import stat
import tempfile
from pathlib import Path
from typing import Any

from jhviewer.data import errors

QUERY_SECONDS = 2.0
# The longest text or blob SQLite hands over from a file other than the shipped one.
LENGTH_LIMIT = 20_000_000
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
_SURROGATE = re.compile("[\ud800-\udfff]")


def check_file(path: Path) -> bytes:
    """Refuse what is not a readable regular file starting like SQLite; return its header.

    One `stat` decides: a pipe or a device is never opened (opening a pipe with no writer
    blocks for ever), and a path the OS cannot even look up (too long, a symlink loop, a
    NUL byte) is an error the user can read, not an OSError.
    """
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise errors.DatabaseNotFoundError("There is no file at {path}.", path=path) from None
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise errors.DatabaseNotFoundError(
            "Cannot open {path}: {reason}.", path=path, reason=reason
        ) from error
    if stat.S_ISDIR(info.st_mode):
        raise errors.NotADatabaseError("{path} is a folder, not a database file.", path=path)
    if not stat.S_ISREG(info.st_mode):
        raise errors.NotADatabaseError(
            "{name} is not a database file (it is a pipe, socket or device).", name=path.name
        )
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise errors.DatabaseError(
            "Cannot read {path}: {reason}.", path=path, reason=error.strerror or error
        ) from error
    if info.st_size == 0:
        raise errors.NotADatabaseError("{name} is empty.", name=path.name)
    if header[:16] != b"SQLite format 3\x00":
        raise errors.NotADatabaseError("{name} is not a SQLite database.", name=path.name)
    return header


def file_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file at `path`; None if there is none."""
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def wal_left_behind(path: Path, header: bytes) -> bool:
    """A WAL-mode file with a -wal but no -shm: no program has it open, yet its last
    changes are still in the -wal, and to read them SQLite would create a -shm beside it."""
    return (
        header[18:20] == b"\x02\x02"
        and os.path.exists(f"{path}-wal")
        and not os.path.exists(f"{path}-shm")
    )


def wal_copy(path: Path) -> tempfile.TemporaryDirectory[str]:
    """The file and its -wal copied into a private folder, where SQLite may add its -shm."""
    scratch = tempfile.TemporaryDirectory(prefix="jhviewer-wal-")
    try:
        for suffix in ("", "-wal"):
            shutil.copyfile(f"{path}{suffix}", Path(scratch.name) / f"data.db{suffix}")
    except OSError as error:
        scratch.cleanup()
        raise errors.DatabaseError(
            "Cannot read {path}: {reason}.", path=path, reason=error.strerror or error
        ) from error
    return scratch


def connect_read_only(
    path: Path, header: bytes, shown: Path, trusted: bool = False
) -> tuple[sqlite3.Connection, bool]:
    """A read-only connection to `path` and whether it is `immutable`; errors name `shown`
    (the file the user chose)."""
    uri = path.resolve().as_uri() + "?mode=ro"
    # A WAL-mode file (header bytes 18-19 are 2) that no program has open has no -wal or
    # -shm beside it, and SQLite creates both to read it, even read-only. `immutable`
    # reads the file as it is and creates nothing. That promise holds only while no other
    # program opens the file: the store re-checks it before each read and reads the file
    # afresh once it is broken (`Store._reopen_if_changed`). With a -wal or -shm present,
    # another program is using the file and the normal read-only path shares them, as
    # SQLite intends.
    immutable = header[18:20] == b"\x02\x02" and not any(
        os.path.exists(f"{path}{suffix}") for suffix in ("-wal", "-shm")
    )
    if immutable:
        uri += "&immutable=1"
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=1.0, check_same_thread=False)
    except sqlite3.Error as error:
        raise translate(error, shown) from error
    return connection, immutable and not trusted


def stamp(path: Path) -> tuple[int, int, int]:
    """(size, modification time in ns, inode) of `path`, or zeros if it cannot be read."""
    try:
        info = path.stat()
    except (OSError, ValueError):
        return (0, 0, 0)
    return (info.st_size, info.st_mtime_ns, info.st_ino)


def file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except (OSError, ValueError):
        return 0


def size_text(size: int) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


def translate(
    error: sqlite3.Error, path: Path, seconds: float = QUERY_SECONDS
) -> errors.DatabaseError:
    """SQLite's error as ours, in words for the person using the app; `seconds` is the
    budget the query had, for a query stopped for taking too long."""
    text = str(error).lower()
    name = path.name
    if "interrupted" in text:
        return errors.QueryTimeoutError(
            "Reading {name} took too long (one query ran over {seconds} s) and was stopped.",
            name=name, seconds=f"{seconds:.0f}",
        )
    if "too big" in text:
        return errors.ValueTooLargeError(
            "{name} holds a value longer than the {limit} bytes jhviewer reads from one field.",
            name=name, limit=f"{LENGTH_LIMIT:,}",
        )
    if "locked" in text or "busy" in text:
        return errors.DatabaseBusyError(
            "{name} is being changed by another program. Try again in a moment.", name=name
        )
    if "not a database" in text or "file is encrypted" in text:
        return errors.NotADatabaseError("{name} is not a SQLite database.", name=name)
    if "malformed" in text or "corrupt" in text:
        return errors.CorruptDatabaseError("{name} is damaged and cannot be read.", name=name)
    if "no such" in text:
        return errors.SchemaError(
            "{name} is not a complete jhviewer database ({error}).", name=name, error=error
        )
    if is_decode_error(error):
        return errors.CorruptDatabaseError(
            "{name} is damaged: it holds text that is not UTF-8.", name=name
        )
    if "readonly" in text:
        # Only a hot journal (or a WAL needing recovery) makes reading want to write:
        # another program stopped half-way through changing the file.
        return errors.CorruptDatabaseError(
            "{name} was left half-changed by a program that stopped while writing it. "
            "Open it once in that program to finish the repair; jhviewer only reads files.",
            name=name,
        )
    if "unable to open" in text:
        return errors.DatabaseError(
            "Cannot open {name}: the file or its folder is not readable.", name=name
        )
    return errors.DatabaseError(
        "Cannot read {name}: {reason}.", name=name, reason=str(error).rstrip(".")
    )


def bindable(parameters: tuple[Any, ...]) -> tuple[Any, ...]:
    """Parameters SQLite can take, whatever a caller passes: integers beyond 64 bits are
    clamped (they match nothing, or mean "no limit") and lone surrogates become U+FFFD
    (they are not UTF-8), instead of raising OverflowError or UnicodeEncodeError."""
    bound = []
    for value in parameters:
        if isinstance(value, int) and not isinstance(value, bool):
            value = min(max(value, _INT64_MIN), _INT64_MAX)
        elif isinstance(value, str) and _SURROGATE.search(value):
            value = _SURROGATE.sub("\ufffd", value)
        bound.append(value)
    return tuple(bound)


def is_decode_error(error: sqlite3.Error) -> bool:
    return "could not decode" in str(error).lower()


def text_or_bytes(raw: bytes) -> str | bytes:
    """UTF-8 text as str; anything else stays bytes, so the row is reported, not the query."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw


