"""Finding the message templates a module raises or prints, for the "every message has its
Chinese" tests: the first argument of every call to one of the named error classes or
functions, read from the source with `ast`."""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path


def message_templates(files: Iterable[Path], names: set[str]) -> tuple[list[str], list[str]]:
    """(the literal templates, 'file:line' of calls whose template is an f-string, which no
    catalogue can translate) over the calls to `names` in `files`."""
    templates: list[str] = []
    untranslatable: list[str] = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(
                node.func, "id", "")
            if name not in names:
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                templates.append(first.value)
            elif isinstance(first, ast.JoinedStr):
                untranslatable.append(f"{path.name}:{node.lineno}")
    return templates, untranslatable
