"""Which characters the bundled font can draw, read from its cmap table. No Qt, no fontTools.

`jhviewer check` uses it to name every character of a database that would print as a box
on a machine without CJK fonts. Reading the cmap is a few milliseconds; it is never done
on the way to the first window.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from jhviewer.paths import FONTS_DIR

BUNDLED_FONT_FILES = ("JHNotoSansSC-Regular.otf", "JHNotoSansSC-Bold.otf")

# Characters that are never drawn as glyphs (line breaks, tabs, format controls).
_NOT_DRAWN = {0x09, 0x0A, 0x0D, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF}


class FontFileError(ValueError):
    """The file is not an OpenType/TrueType font with a Unicode cmap."""


def cmap_code_points(path: Path) -> frozenset[int]:
    """Every code point the font at `path` maps to a glyph (Unicode cmap, format 4 or 12)."""
    data = path.read_bytes()
    try:
        return frozenset(_read_cmap(data))
    except (struct.error, IndexError) as error:
        raise FontFileError(f"{path.name}: not a readable font ({error})") from error


def _read_cmap(data: bytes) -> set[int]:
    (num_tables,) = struct.unpack_from(">H", data, 4)
    cmap_offset = None
    for index in range(num_tables):
        tag, _checksum, offset, _length = struct.unpack_from(">4sIII", data, 12 + 16 * index)
        if tag == b"cmap":
            cmap_offset = offset
    if cmap_offset is None:
        raise FontFileError("no cmap table")
    _version, count = struct.unpack_from(">HH", data, cmap_offset)
    points: set[int] = set()
    for index in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap_offset + 4 + 8 * index)
        if (platform, encoding) not in ((0, 3), (0, 4), (3, 1), (3, 10)):
            continue
        start = cmap_offset + offset
        (fmt,) = struct.unpack_from(">H", data, start)
        if fmt == 4:
            points |= _format4(data, start)
        elif fmt == 12:
            points |= _format12(data, start)
    return points


def _format4(data: bytes, start: int) -> set[int]:
    (seg_x2,) = struct.unpack_from(">H", data, start + 6)
    segments = seg_x2 // 2
    ends = struct.unpack_from(f">{segments}H", data, start + 14)
    starts = struct.unpack_from(f">{segments}H", data, start + 16 + seg_x2)
    deltas = struct.unpack_from(f">{segments}h", data, start + 16 + 2 * seg_x2)
    range_at = start + 16 + 3 * seg_x2
    offsets = struct.unpack_from(f">{segments}H", data, range_at)
    points = set()
    for segment in range(segments):
        first, last = starts[segment], ends[segment]
        if first == 0xFFFF:
            continue
        for code in range(first, last + 1):
            if offsets[segment] == 0:
                glyph = (code + deltas[segment]) & 0xFFFF
            else:
                where = range_at + 2 * segment + offsets[segment] + 2 * (code - first)
                (glyph,) = struct.unpack_from(">H", data, where)
                if glyph:
                    glyph = (glyph + deltas[segment]) & 0xFFFF
            if glyph:
                points.add(code)
    return points


def _format12(data: bytes, start: int) -> set[int]:
    (groups,) = struct.unpack_from(">I", data, start + 12)
    points: set[int] = set()
    for group in range(groups):
        first, last, glyph = struct.unpack_from(">III", data, start + 16 + 12 * group)
        points.update(range(first, last + 1) if glyph else range(first + 1, last + 1))
    return points


@cache
def bundled_code_points() -> frozenset[int]:
    """Code points that both bundled faces (Regular and Bold) can draw."""
    faces = [cmap_code_points(FONTS_DIR / name) for name in BUNDLED_FONT_FILES]
    return frozenset.intersection(*faces)


def missing_characters(texts: Iterable[str], covered: frozenset[int] | None = None) -> list[str]:
    """Characters of `texts` the font cannot draw, in order of first appearance.

    Control characters (tab, line breaks, zero-width joiners) are not drawn and not listed.
    """
    covered = bundled_code_points() if covered is None else covered
    seen: dict[str, None] = {}
    for text in texts:
        for char in text:
            code = ord(char)
            if code in covered or code in _NOT_DRAWN or code < 0x20 or char in seen:
                continue
            seen[char] = None
    return list(seen)
