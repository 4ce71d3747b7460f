"""Write files all-or-nothing: into a temporary file beside the target, then rename.

A failed export therefore leaves no partial file and never clobbers what was there.
No Qt here; Qt writers are simply handed the temporary path.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jhviewer.data.errors import ExportError


@contextmanager
def atomic_path(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path; on success it replaces `target`, on failure it is removed."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise ExportError("Cannot write {path}: it is a folder.", path=target)
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part" + target.suffix, dir=folder
        )
    except OSError as error:
        raise ExportError(
            "Cannot write to {folder}: {reason}.", folder=folder, reason=error.strerror or error
        ) from error
    os.close(handle)
    temp_path = Path(temp_name)
    try:
        yield temp_path
        if not temp_path.exists() or temp_path.stat().st_size == 0:
            raise ExportError("Nothing was written for {name}.", name=target.name)
        os.replace(temp_path, target)
    except OSError as error:
        raise ExportError(
            "Cannot write {path}: {reason}.", path=target, reason=error.strerror or error
        ) from error
    finally:
        temp_path.unlink(missing_ok=True)
