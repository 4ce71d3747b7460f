"""Reading a text file someone handed over: only a regular file, only so much, named errors.

`read_text_file` is what `build-db` (briefing files) and `check --sources` (the source
article) read through. A FIFO or a device named `*.toml` is refused at once rather than
read for ever (a pipe with no writer blocks; /dev/zero never ends), a file over the limit
is refused before it is read, a UTF-8 byte-order mark is accepted, and text in another
encoding is named ("saved as GB18030, not UTF-8") rather than reported as a decoding error.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from jhviewer.data.errors import SourceError

# Briefing files and source articles are text a person writes: a few hundred KB at most.
DEFAULT_LIMIT = 8 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"
# Encodings a Chinese text file is commonly saved in, tried in order to name one.
_OTHER_ENCODINGS = ("utf-16", "gb18030", "big5")


def read_text_file(path: Path, limit: int = DEFAULT_LIMIT) -> str:
    """The text of the regular file at `path`, decoded as UTF-8 (a BOM is dropped).

    Raises SourceError naming the file when it is missing, not a regular file (a folder,
    pipe, socket or device, also through a symlink), larger than `limit` bytes, or not
    UTF-8 (naming the encoding it seems to be in, when one fits).
    """
    name = path.name
    try:
        # O_NONBLOCK: opening a FIFO with no writer returns at once instead of blocking;
        # the fstat below then refuses it.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise SourceError(f"{name}: there is no file at {path}.") from None
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise SourceError(f"{name}: cannot be read ({reason}).") from error
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a pipe, socket or device"
            raise SourceError(f"{name} is not a text file (it is {kind}); it was not read.")
        if info.st_size > limit:
            raise SourceError(
                f"{name} is {info.st_size:,} bytes, more than the {limit:,} a briefing or "
                "source text may be; it was not read."
            )
        os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise SourceError(f"{name}: cannot be read ({error.strerror or error}).") from error
    finally:
        os.close(descriptor)
    if len(data) > limit:  # it grew while being read
        raise SourceError(f"{name} is larger than {limit:,} bytes; it was not read.")
    return decode_text(data, name)


def decode_text(data: bytes, name: str) -> str:
    """`data` as UTF-8 text without a BOM, or a SourceError naming the encoding it is in."""
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        found = _other_encoding(data)
        saved = f"saved as {found}, not UTF-8" if found else "not UTF-8 text"
        raise SourceError(
            f"{name} is {saved} (first undecodable byte on line {line}). "
            "Save it as UTF-8 and try again."
        ) from None


def _other_encoding(data: bytes) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    for encoding in _OTHER_ENCODINGS[1:]:
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding.upper()
    return None
