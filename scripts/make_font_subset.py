"""Cut the bundled CJK font: a subset of Noto Sans CJK SC, renamed "JH Noto Sans SC".

Writes resources/fonts/JHNotoSansSC-Regular.otf and resources/fonts/JHNotoSansSC-Bold.otf
(CFF outlines). The character set is ASCII, Latin-1, common punctuation and symbols,
all of GB2312, and every character used in resources/ text files and in jhviewer/*.py,
so the viewer never shows boxes (tofu) on a machine without CJK fonts.

Needs (Debian/Ubuntu):
    apt-get install fonts-noto-cjk
    pip install fonttools

Run from anywhere:
    python scripts/make_font_subset.py [--noto-dir /usr/share/fonts/opentype/noto] [--out DIR]

The output is deterministic: the same source fonts and texts give the same bytes.
Re-run it after adding text with characters outside GB2312 (tests/test_fonts.py checks).
"""

from __future__ import annotations

import argparse
import copy
import sys
from collections.abc import Iterable
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

REPO = Path(__file__).resolve().parent.parent
DEFAULT_NOTO_DIR = Path("/usr/share/fonts/opentype/noto")
SOURCE_FAMILY = "Noto Sans CJK SC"
FAMILY = "JH Noto Sans SC"
PS_FAMILY = "JHNotoSansSC"
STYLES = ("Regular", "Bold")

TEXT_SUFFIXES = {".toml", ".md", ".ts", ".txt", ".json"}

# Inclusive code point ranges always kept (the subsetter ignores code points the font lacks).
BASE_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # ASCII printable
    (0x00A0, 0x00FF),  # Latin-1 supplement: ² × · ° ± etc.
    (0x0100, 0x017F),  # Latin Extended-A (pinyin vowels, names)
    (0x2000, 0x206F),  # general punctuation: — – … ‘ ’ “ ” ‰ ※
    (0x2100, 0x214F),  # letterlike symbols: ℃ № ™
    (0x2150, 0x218F),  # number forms: Ⅰ Ⅱ Ⅲ
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators: ≤ ≥ ≈ ÷
    (0x2460, 0x24FF),  # enclosed alphanumerics: ① ②
    (0x2500, 0x257F),  # box drawing: ─ │
    (0x25A0, 0x25FF),  # geometric shapes: ■ □ ▲ ● ○
    (0x2600, 0x26FF),  # miscellaneous symbols: ★ ☆
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0xFF00, 0xFFEF),  # half-width and full-width forms
)

# OpenType layout features kept: fontTools' defaults minus `locl`, which would pull in the
# Japanese/Korean/Traditional glyph variants and roughly double the size.
# `liga` goes too: a PDF reader copies an "fi" ligature glyph as nothing, so text copied from
# a printout ("financial") would lose letters.
DROPPED_FEATURES = {"locl", "liga"}

# name IDs rewritten for the new family; all other records (copyright 0, trademark 7,
# manufacturer/designer 8-12, licence 13-14) are kept as they are.
RENAMED_IDS = {1, 2, 3, 4, 6, 16, 17, 21, 22}


def gb2312_chars() -> set[int]:
    """Every character of GB2312, by decoding each valid two-byte code."""
    chars: set[int] = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                text = bytes((high, low)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            chars.update(ord(ch) for ch in text)
    return chars


def project_text_files(repo: Path) -> list[Path]:
    """Text files under resources/ and Python files under jhviewer/, sorted."""
    files = [
        p
        for p in (repo / "resources").rglob("*")
        if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
    ]
    files += [p for p in (repo / "jhviewer").rglob("*.py") if p.is_file()]
    return sorted(files)


def chars_in(paths: Iterable[Path]) -> set[int]:
    """Code points of every non-control character in the given UTF-8 files."""
    chars: set[int] = set()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        chars.update(ord(ch) for ch in text if ch.isprintable() or ch == " ")
    return chars


def wanted_unicodes(repo: Path) -> list[int]:
    """The full, sorted character set of the subset."""
    chars = gb2312_chars() | chars_in(project_text_files(repo))
    for first, last in BASE_RANGES:
        chars.update(range(first, last + 1))
    return sorted(chars)


def find_sc_index(ttc: Path) -> int:
    """Index of the "Noto Sans CJK SC" face in a Noto CJK collection (2 in Debian's)."""
    collection = TTCollection(str(ttc), lazy=True)
    try:
        for index, face in enumerate(collection.fonts):
            if face["name"].getDebugName(1) == SOURCE_FAMILY:
                return index
    finally:
        collection.close()
    raise SystemExit(f"{ttc}: no face named {SOURCE_FAMILY!r}")


def subset_options() -> subset.Options:
    options = subset.Options()
    options.layout_features = [f for f in options.layout_features if f not in DROPPED_FEATURES]
    # CFF stem hints are kept: dropping them saves only ~15% (about 0.3 MB a face) and
    # they keep small sizes crisp on screen.
    options.hinting = True
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.glyph_names = False
    options.prune_unicode_ranges = True
    return options


def rename(font: TTFont, style: str) -> None:
    """Give the face its own family name so it never collides with a system Noto CJK."""
    name = font["name"]
    full = FAMILY if style == "Regular" else f"{FAMILY} {style}"
    ps_name = f"{PS_FAMILY}-{style}"
    version = name.getDebugName(5) or ""
    revision = f"{font['head'].fontRevision:.3f}"
    name.names = [rec for rec in name.names if rec.nameID not in RENAMED_IDS]
    name.setName(FAMILY, 1, 3, 1, 0x409)
    name.setName(style, 2, 3, 1, 0x409)
    name.setName(f"{revision};JH;{ps_name}", 3, 3, 1, 0x409)
    name.setName(full, 4, 3, 1, 0x409)
    name.setName(f"{version}; subset for jhviewer", 5, 3, 1, 0x409)
    name.setName(ps_name, 6, 3, 1, 0x409)
    name.names.sort(key=lambda r: (r.platformID, r.platEncID, r.langID, r.nameID))

    cff = font["CFF "].cff
    old_ps = cff.fontNames[0]
    cff.fontNames = [ps_name]
    top = cff.topDictIndex[0]
    top.FullName = full
    top.FamilyName = FAMILY
    top.Weight = style
    for fd in getattr(top, "FDArray", []):
        fd_name = getattr(fd, "FontName", None)
        if fd_name and fd_name.startswith(old_ps):
            fd.FontName = ps_name + fd_name[len(old_ps) :]


TAB, SPACE = 0x09, 0x20


def split_shared_glyphs(font: TTFont) -> int:
    """Give every mapped code point a glyph of its own; returns how many glyphs were added.

    Noto maps several code points to one glyph (en dash and figure dash, ～ and 〜, ／ and
    ∕, • and ·, space and no-break space...). A PDF writer can only say one character per
    glyph in its ToUnicode map, and Qt keeps the lowest, so text copied or searched from a
    PDF came back as the wrong character. Each extra code point now gets a copy of the
    glyph (same outline, advance and font dict) under a CID the subset does not use, so the
    cmap is one-to-one and the PDF text is exactly what was printed.
    """
    cmap_tables = [table for table in font["cmap"].tables if table.isUnicode()]
    best = dict(font.getBestCmap())
    # Qt draws a tab with the space glyph and, asked which character that glyph is, finds
    # U+0009 first: every space came back as a tab. A tab of its own keeps the space a space.
    if TAB not in best and SPACE in best:
        best[TAB] = best[SPACE]
        for table in cmap_tables:
            table.cmap[TAB] = best[SPACE]
    users: dict[str, list[int]] = {}
    for code, glyph in sorted(best.items()):
        users.setdefault(glyph, []).append(code)
    top = font["CFF "].cff.topDictIndex[0]
    char_strings = top.CharStrings
    order = list(font.getGlyphOrder())
    used_cids = {int(name[3:]) for name in order if name.startswith("cid")}
    free_cids = (cid for cid in range(65535, 0, -1) if cid not in used_cids)
    metrics = [font[tag] for tag in ("hmtx", "vmtx") if tag in font]
    added = 0
    for glyph, codes in users.items():
        if len(codes) < 2:
            continue
        source_gid = order.index(glyph)
        keep = SPACE if SPACE in codes else codes[0]  # else the lowest keeps the original
        for code in [code for code in codes if code != keep]:
            name = f"cid{next(free_cids):05d}"
            source = char_strings.charStringsIndex[char_strings.charStrings[glyph]]
            charstring = copy.deepcopy(source)
            charstring.private = source.private  # share the font dict's Private and subrs
            char_strings.charStringsIndex.append(charstring)
            char_strings.charStrings[name] = len(char_strings.charStringsIndex) - 1
            top.charset.append(name)
            top.FDSelect.append(top.FDSelect[source_gid])
            order.append(name)
            for table in metrics:
                table.metrics[name] = table.metrics[glyph]
            for table in cmap_tables:
                if code in table.cmap:
                    table.cmap[code] = name
            added += 1
    font.setGlyphOrder(order)
    font["maxp"].numGlyphs = len(order)
    return added


def make_face(ttc: Path, style: str, unicodes: list[int], out: Path) -> None:
    index = find_sc_index(ttc)
    font = TTFont(str(ttc), fontNumber=index, recalcTimestamp=False)
    subsetter = subset.Subsetter(options=subset_options())
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    split = split_shared_glyphs(font)
    print(f"{style}: {split} glyphs copied so that each code point has its own")
    rename(font, style)
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out), reorderTables=True)
    glyphs = len(font.getGlyphOrder())
    font.close()
    print(f"{out}: {out.stat().st_size:,} bytes, {glyphs:,} glyphs (face {index} of {ttc.name})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--noto-dir",
        type=Path,
        default=DEFAULT_NOTO_DIR,
        help="folder with NotoSansCJK-{Regular,Bold}.ttc (fonts-noto-cjk)",
    )
    parser.add_argument(
        "--out", type=Path, default=REPO / "resources" / "fonts", help="output folder"
    )
    args = parser.parse_args(argv)

    unicodes = wanted_unicodes(REPO)
    print(f"{len(unicodes):,} code points requested")
    for style in STYLES:
        ttc = args.noto_dir / f"NotoSansCJK-{style}.ttc"
        if not ttc.is_file():
            print(f"missing {ttc}: apt-get install fonts-noto-cjk", file=sys.stderr)
            return 1
        make_face(ttc, style, unicodes, args.out / f"{PS_FAMILY}-{style}.otf")
    return 0


if __name__ == "__main__":
    sys.exit(main())
