"""Database text made safe to show: no bidi overrides, nothing a terminal would obey.

Text in a database comes from whoever made the file. Two kinds of character in it could
change what a reader sees rather than being seen:

- the bidi embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069): a
  U+202E before "15.1%" shows "%1.51". The store removes them from every value it reads,
  so the window, the printout and the exports show the same characters in the same order;
- terminal controls (C0 and C1 control characters, among them ESC, which starts the
  sequences that clear the screen, set the window title or write the clipboard with
  OSC 52). `terminal_safe` shows them as visible escapes in everything the CLI prints.
"""

from __future__ import annotations

import contextlib
import re
import sys

# Embeddings and overrides (LRE, RLE, PDF, LRO, RLO) and isolates (LRI, RLI, FSI, PDI).
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
_BIDI_TABLE = str.maketrans("", "", BIDI_CONTROLS)
# C0 controls but tab, DEL, C1 controls, the bidi controls and the line/paragraph separators.
_TERMINAL_UNSAFE = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{BIDI_CONTROLS}\u2028\u2029]")


def has_bidi_controls(text: str) -> bool:
    """Whether `text` holds a bidi embedding, override or isolate control."""
    return _BIDI.search(text) is not None


def strip_bidi(text: str) -> str:
    """`text` without bidi embedding, override and isolate controls (see the module)."""
    return text.translate(_BIDI_TABLE) if _BIDI.search(text) else text


def terminal_safe(text: str) -> str:
    """`text` with every control character shown as an escape (ESC as `\\x1b`, newline as
    `\\n`), so that printing it cannot move the cursor, clear the screen, set the window
    title, write the clipboard or reorder the line. Tabs stay (the CLI's column separator)."""
    return _TERMINAL_UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def tolerant_streams() -> None:
    """Text the terminal's encoding cannot show (Chinese under a Latin-1 locale) is written
    as backslash escapes rather than ending the command with UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            # ValueError/OSError: a stream already written to in another way.
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")
