"""The house's import rules, read from the source (no module is imported).

- Layers: ``engine`` <- ``graph`` <- ``layout``/``analysis``/``interop``/``training`` <-
  ``gui`` <- the entry points (``cli``, ``__main__``).  A module imports only from its own
  layer or below; nothing outside ``gui/`` imports Qt.
- No import circles between modules, counting module-level and deferred (in-function)
  imports; only imports under ``if TYPE_CHECKING:`` are left out (they never run).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "autograd_studio"
QT_MODULES = ("PySide6", "shiboken6")

#: The layer of each top-level part of the package (``autograd_studio`` is its __init__).
LAYERS = {
    "autograd_studio": 0,  # __version__ and the eager Node; the rest loads lazily
    "engine": 0,
    "numbers": 0,
    "messages": 0,
    "resources": 0,
    "platform_check": 0,
    "desktop_entry": 0,
    "graph": 1,
    "viz": 2,
    "layout": 2,
    "analysis": 2,
    "interop": 2,
    "training": 2,
    "gui": 3,
    "cli": 4,
    "__main__": 4,
}


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    return modules


MODULES = _modules()


def _resolve(name: str) -> str:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name


class _Imports(ast.NodeVisitor):
    """Every import of one module: (imported module, deferred?), TYPE_CHECKING left out."""

    def __init__(self) -> None:
        self.found: list[tuple[str, bool]] = []
        self._depth = 0

    def visit_If(self, node: ast.If) -> None:
        test = node.test
        name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", "")
        if name == "TYPE_CHECKING":
            for child in node.orelse:
                self.visit(child)
            return
        self.generic_visit(node)

    def _function(self, node) -> None:
        self._depth += 1
        self.generic_visit(node)
        self._depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.found.append((alias.name, self._depth > 0))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level or not node.module:
            return
        for alias in node.names:
            full = f"{node.module}.{alias.name}"
            self.found.append((full if full in MODULES else node.module, self._depth > 0))


def _imports() -> dict[str, list[tuple[str, bool]]]:
    result = {}
    for name, path in MODULES.items():
        visitor = _Imports()
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        result[name] = visitor.found
    return result


IMPORTS = _imports()


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_every_part_of_the_package_has_a_layer():
    assert {_part(m) for m in MODULES} <= set(LAYERS)


def test_imports_point_down_the_layers_and_qt_stays_in_gui():
    wrong = []
    for module, imports in IMPORTS.items():
        layer = LAYERS[_part(module)]
        for imported, _deferred in imports:
            if imported.split(".")[0] in QT_MODULES and _part(module) != "gui":
                wrong.append(f"{module} imports Qt ({imported})")
            if imported.startswith("autograd_studio"):
                target = _part(_resolve(imported))
                if LAYERS[target] > layer:
                    wrong.append(f"{module} imports {imported} from a higher layer")
    assert wrong == []


def _circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    counter = 0
    for start in edges:
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
                continue
            if child not in index:
                index[child] = low[child] = counter
                counter += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(edges.get(child, ())))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def _edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {name: set() for name in MODULES}
    for module, imports in IMPORTS.items():
        for imported, _deferred in imports:
            if imported.startswith("autograd_studio"):
                target = _resolve(imported)
                if target != module:
                    edges[module].add(target)
    return edges


def test_no_module_imports_itself_back_through_others():
    assert _circles(_edges()) == []


def test_deferred_imports_count_and_type_checking_ones_do_not():
    # An import inside a function is still an edge: hiding a circle in one is not a fix.
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from autograd_studio.graph.document import GraphDocument\n"
        "def f():\n"
        "    from autograd_studio.graph.evaluate import evaluate\n"
    )
    visitor = _Imports()
    visitor.visit(ast.parse(source))
    assert visitor.found == [("typing", False), ("autograd_studio.graph.evaluate", True)]


def test_the_checker_finds_a_circle_and_an_upward_import():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _circles({"a": {"b"}, "b": set()}) == []
    assert LAYERS[_part("autograd_studio.gui.window.main_window")] > LAYERS["graph"]
