"""The apps' layers (docs/architecture.md), read from the source with `ast`: an app imports only apps in
lower layers, no two apps import each other, and no modules of one app import each other in a circle.
Imports inside functions and under TYPE_CHECKING count too: a cycle hidden in a function is still a
cycle. A lower app that needs something from a higher one reads a hook in g287.core.hooks instead.

Management commands are entry points, like cli.py: they may use any app (`g287 watch` fetches the
lists and then delivers the alerts), but they are still checked for cycles inside their app."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "g287"

# Lowest first. An app may import apps of a lower layer only (never one of its own layer).
LAYERS: list[set[str]] = [
    {"core"},
    {"registry"},
    {"accounts", "geo"},
    {"officers"},
    {"funding"},
    {"oversight"},
    {"portal", "sources"},
    {"alerts", "office"},
    {"demo"},
]
LAYER = {app: n for n, apps in enumerate(LAYERS) for app in apps}

# Known upward imports, each with the reason it is still there. Keep this short.
ALLOWED_UPWARD = {
    # The office home page is still a view of the accounts app; it shows the office work queue.
    ("g287.accounts.views", "g287.office.queue"),
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(path): path
        for path in SRC.rglob("*.py")
        if "migrations" not in path.parts and len(path.relative_to(SRC).parts) > 1
    }


def _imports(path: Path, known: set[str]) -> set[str]:
    """The g287 modules `path` imports (`from a.b import c` is a.b.c when c is a module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
            names = [name if name in known else node.module for name in names]
        else:
            continue
        found.update(name for name in names if name.startswith("g287."))
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(path, known) for name, path in modules.items()}


def _app(module: str) -> str:
    return module.split(".")[1]


def _is_entry_point(module: str) -> bool:
    return ".management.commands." in module


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected component of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in graph:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_every_app_has_a_layer() -> None:
    apps = {path.name for path in SRC.iterdir() if (path / "apps.py").exists()}
    assert apps == set(LAYER), "add the new app to LAYERS (and to docs/architecture.md)"


def test_no_app_imports_a_higher_or_equal_layer() -> None:
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in _graph().items()
        if not _is_entry_point(module)
        for target in targets
        if _app(target) in LAYER
        and _app(target) != _app(module)
        and LAYER[_app(target)] >= LAYER[_app(module)]
        and (module, target) not in ALLOWED_UPWARD
    )
    assert wrong == []


def test_allowed_upward_imports_still_exist() -> None:
    """An exception that is no longer needed is removed from the list."""
    graph = _graph()
    assert [pair for pair in ALLOWED_UPWARD if pair[1] not in graph.get(pair[0], set())] == []


def test_no_cycle_between_apps() -> None:
    apps: dict[str, set[str]] = defaultdict(set)
    for module, targets in _graph().items():
        if _is_entry_point(module):
            continue
        apps[_app(module)].update(
            _app(t)
            for t in targets
            if _app(t) in LAYER and _app(t) != _app(module) and (module, t) not in ALLOWED_UPWARD
        )
    assert _cycles(dict(apps)) == []


def test_no_cycle_inside_an_app() -> None:
    graph = _graph()
    inside = {m: {t for t in targets if _app(t) == _app(m) and t in graph} for m, targets in graph.items()}
    assert _cycles(inside) == []


def test_no_app_is_reached_by_importlib() -> None:
    """`importlib.import_module("g287....")` hides a dependency from this test: register a hook instead."""
    hidden = []
    for path in _modules().values():
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "import_module"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and str(node.args[0].value).startswith("g287.")
            ):
                hidden.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert hidden == []


def test_the_checker_sees_a_cycle_and_an_upward_import() -> None:
    """The checks above would pass on an empty graph; these prove they can fail."""
    assert _cycles({"g287.a.x": {"g287.a.y"}, "g287.a.y": {"g287.a.x"}}) == [["g287.a.x", "g287.a.y"]]
    graph = _graph()
    assert "g287.registry.models" in graph and "g287.core.audit" in graph
    assert LAYER["registry"] < LAYER["portal"]
