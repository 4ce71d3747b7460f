"""The import graph points down only: data ← report ← ui ← the command line.

Every `import` and `from … import` in jhviewer/ (at module level or inside a function, under
TYPE_CHECKING too) is read with `ast`, and no module may import one of a higher layer. A new
top-level module must be given a layer in TOP_LEVEL, so the rule cannot be skipped by
putting code beside the packages.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "jhviewer"

# Lowest first. A module may import its own layer and the layers below it.
LAYERS = ("base", "data", "report", "ui", "app")
TOP_LEVEL = {
    "jhviewer": "base",  # __init__: the version
    "jhviewer.paths": "base",
    "jhviewer.fonts": "report",  # the bundled font, for the printout and the window (QtGui)
    "jhviewer.desktop": "app",  # `jhviewer install-desktop`
    "jhviewer.cli": "app",
    "jhviewer.commands": "app",
    "jhviewer.progress_commands": "app",  # `jhviewer progress ...`
    "jhviewer.__main__": "app",
}
SUBPACKAGES = {"jhviewer.data": "data", "jhviewer.report": "report", "jhviewer.ui": "ui"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> str:
    """The layer of a jhviewer module; KeyError for a top-level module with none."""
    for package, layer in SUBPACKAGES.items():
        if module == package or module.startswith(package + "."):
            return layer
    return TOP_LEVEL[module]


def imported_modules(text: str, here: str, is_package: bool) -> list[tuple[int, str]]:
    """(line, module) for every jhviewer module imported by the source `text` of module
    `here` (a package's __init__ when `is_package`), relative imports resolved."""
    package = here if is_package else here.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            # `from jhviewer import ui` imports the package jhviewer.ui
            found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names
                      if f"{target}.{alias.name}" in SUBPACKAGES]
    return [(line, name) for line, name in found
            if name == "jhviewer" or name.startswith("jhviewer.")]


def layer_of_or_none(module: str) -> str | None:
    try:
        return layer_of(module)
    except KeyError:
        return None


def upward_imports(text: str, here: str, is_package: bool = False) -> list[str]:
    """"line: module (layer)" for each import in `text` of a layer above `here`'s."""
    rank = LAYERS.index(layer_of(here))
    upward = []
    for line, name in imported_modules(text, here, is_package):
        target = name
        while layer_of_or_none(target) is None and "." in target:
            target = target.rpartition(".")[0]  # jhviewer.paths.X -> jhviewer.paths
        layer = layer_of(target)
        if LAYERS.index(layer) > rank:
            upward.append(f"{line}: {name} ({layer})")
    return upward


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_module_has_a_layer() -> None:
    unplaced = [module_name(path) for path in _sources()
                if layer_of_or_none(module_name(path)) is None]
    assert unplaced == [], "give these modules a layer in TOP_LEVEL (tests/test_layers.py)"


def test_no_module_imports_a_higher_layer() -> None:
    found = {}
    for path in _sources():
        upward = upward_imports(path.read_text(encoding="utf-8"), module_name(path),
                                path.name == "__init__.py")
        if upward:
            found[str(path.relative_to(PACKAGE.parent))] = upward
    assert found == {}


def test_the_checker_sees_upward_imports() -> None:
    """The checker can fail: absolute, relative and function-level imports are all seen."""
    text = ("from ..ui import app\nimport jhviewer.report.content\nimport jhviewer.paths\n"
            "def later() -> None:\n    from jhviewer.cli import main\n")
    assert upward_imports(text, "jhviewer.data.store") == [
        "1: jhviewer.ui (ui)", "2: jhviewer.report.content (report)", "5: jhviewer.cli (app)",
    ]
    assert upward_imports(text, "jhviewer.commands") == []
    assert upward_imports("from . import format\n", "jhviewer.data", is_package=True) == []
    assert upward_imports("from jhviewer import ui\n", "jhviewer.report.printer") == [
        "1: jhviewer.ui (ui)",
    ]




def names_of_higher_layers(text: str, here: str) -> list[str]:
    """Dotted jhviewer module names of a layer above `here`'s in the strings of `text`."""
    rank = LAYERS.index(layer_of(here))
    hidden = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            name = node.value
            layer = layer_of_or_none(name) if name.startswith("jhviewer.") else None
            if layer is not None and LAYERS.index(layer) > rank:
                hidden.append(name)
    return hidden


def test_no_module_loads_a_higher_layer_by_name() -> None:
    """A dotted name of a higher layer in a string is an import the graph cannot see."""
    hidden = {}
    for path in _sources():
        names = names_of_higher_layers(path.read_text(encoding="utf-8"), module_name(path))
        if names:
            hidden[str(path.relative_to(PACKAGE.parent))] = names
    assert hidden == {}


def test_the_by_name_check_sees_a_module_name_in_a_string() -> None:
    text = 'import importlib\nCHARTS = "jhviewer.ui.charts"\nimportlib.import_module(CHARTS)\n'
    assert names_of_higher_layers(text, "jhviewer.report.printer") == ["jhviewer.ui.charts"]
    assert names_of_higher_layers(text, "jhviewer.commands") == []


def unit_of(module: str) -> str:
    """The package (data, report, ui) or top-level module that `module` belongs to."""
    for package in SUBPACKAGES:
        if module == package or module.startswith(package + "."):
            return package
    while module not in TOP_LEVEL and "." in module:
        module = module.rpartition(".")[0]
    return module


def unit_graph() -> dict[str, set[str]]:
    """Which package or top-level module imports which (anywhere in its code)."""
    graph: dict[str, set[str]] = {}
    for path in _sources():
        here = module_name(path)
        targets = graph.setdefault(unit_of(here), set())
        for _, name in imported_modules(path.read_text(encoding="utf-8"), here,
                                        path.name == "__init__.py"):
            if unit_of(name) not in (unit_of(here), "jhviewer"):
                targets.add(unit_of(name))
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each pair of nodes that reach each other, as [a, b], sorted."""
    def reaches(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for nxt in graph.get(todo.pop(), set()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    reach = {node: reaches(node) for node in graph}
    return sorted([a, b] for a in graph for b in reach[a] if a < b and a in reach.get(b, set()))


def test_no_import_cycles_between_packages_and_top_level_modules() -> None:
    assert cycles(unit_graph()) == []


def test_the_cycle_finder_finds_cli_and_commands() -> None:
    graph = {"jhviewer.cli": {"jhviewer.commands"}, "jhviewer.commands": {"jhviewer.cli"},
             "jhviewer.data": {"jhviewer.paths"}, "jhviewer.paths": set()}
    assert cycles(graph) == [["jhviewer.cli", "jhviewer.commands"]]
