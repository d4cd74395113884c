"""No import circle in the data app: its modules import one way, the models from the helpers
they need (choices, formatting, translation, fidelity), never back up; reports imports
whitepaper and never the other way."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path):
    """Every module of the project a file imports, at its top or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {name for name in names if name.split(".")[0] in ("whitepaper", "reports")}


def graph(package):
    files = [path for path in (ROOT / package).rglob("*.py") if "migrations" not in path.parts]
    modules = {module_name(path): imports_of(path) for path in files}
    # Importing a.b.c runs a and a.b first: an import names every package above it too.
    return {
        module: {
            ".".join(name.split(".")[: depth + 1])
            for name in imported
            for depth in range(name.count(".") + 1)
        }
        - {module}
        for module, imported in modules.items()
    }


def cycles(edges):
    found, state = [], {}

    def visit(node, path):
        state[node] = "open"
        for nxt in sorted(edges.get(node, ())):
            if nxt not in edges:
                continue
            if state.get(nxt) == "open":
                found.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    return found


def test_no_import_circle_in_whitepaper():
    edges = graph("whitepaper")
    # A package's __init__ importing its own modules is how a package is made, not a circle;
    # a module importing its package back (or anything that leads there) is.
    for package in ("whitepaper", "whitepaper.models", "whitepaper.search"):
        edges[package] = {
            name for name in edges.get(package, set()) if not name.startswith(package + ".")
        }
    assert cycles(edges) == []


def test_the_models_import_nothing_above_them_but_their_helpers():
    helpers = {"whitepaper", "whitepaper.choices", "whitepaper.formatting"}
    helpers |= {"whitepaper.translation", "whitepaper.fidelity", "whitepaper.models"}
    for module, imported in graph("whitepaper").items():
        if module.startswith("whitepaper.models."):
            outside = {name for name in imported if not name.startswith("whitepaper.models.")}
            assert outside <= helpers, (module, outside - helpers)


def test_the_models_helpers_import_no_model():
    edges = graph("whitepaper")
    for helper in ("whitepaper.choices", "whitepaper.formatting", "whitepaper.translation"):
        assert not any(name.startswith("whitepaper.models") for name in edges[helper]), helper
    assert not any(name.startswith("whitepaper.models") for name in edges["whitepaper.fidelity"])


def test_whitepaper_never_imports_reports():
    for module, imported in graph("whitepaper").items():
        if module == "whitepaper.urls":  # the project's URLconf includes both apps
            continue
        assert not any(name.startswith("reports") for name in imported), module


def test_a_circle_is_found():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(edges) == [["a", "b", "c", "a"]]
