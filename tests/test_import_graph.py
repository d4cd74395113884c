"""No import circle: the data app's modules import one way, the models from the helpers they
need (choices, formatting, translation, fidelity), never back up; reports imports whitepaper
and never the other way; reports' packages import only the layers below them."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ("whitepaper", "reports")

#: reports' packages, bottom layer first: a package imports its own modules and those of the
#: layers below it, never one of its own layer or above (docs/architecture.md, "What is where").
LAYERS = [
    {"records"},
    {"tables", "search", "sharing"},
    {"caching"},
    {"downloads"},
    {"releases"},
    {"views", "api", "following"},
]


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules_of(package):
    files = [path for path in (ROOT / package).rglob("*.py") if "migrations" not in path.parts]
    return {module_name(path): path for path in files}


MODULES = {**modules_of("whitepaper"), **modules_of("reports")}


def imports_of(path):
    """Every module of the project a file imports, at its top or inside a function: ``from
    a.b import c`` imports a.b.c where c is a module, else a.b."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                names.add(submodule if submodule in MODULES else node.module)
    return {name for name in names if name.split(".")[0] in PROJECT}


def graph(package):
    modules = {name: imports_of(path) for name, path in MODULES.items() if name.startswith(package)}
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


def without_own_modules(edges):
    """A package's __init__ importing its own modules is how a package is made, not a
    circle; a module importing its package back (or anything that leads there) is."""
    return {
        module: {name for name in imported if not name.startswith(module + ".")}
        for module, imported in edges.items()
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
    assert cycles(without_own_modules(graph("whitepaper"))) == []


def test_no_import_circle_in_reports():
    assert cycles(without_own_modules(graph("reports"))) == []


def test_the_models_import_nothing_above_them_but_their_helpers():
    helpers = {"whitepaper", "whitepaper.choices", "whitepaper.formatting", "whitepaper.lookups"}
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


def layer_of(module):
    """The layer of a module of reports' packages, or None for a module at the top (the
    URLs, the admin, the template tags, the commands), which may import any layer."""
    parts = module.split(".")
    package = (
        parts[1]
        if len(parts) > 2 or module in {f"reports.{p}" for s in LAYERS for p in s}
        else None
    )
    for number, layer in enumerate(LAYERS):
        if package in layer:
            return number, package
    return None


def test_reports_packages_import_only_the_layers_below_them():
    wrong = []
    for module, imported in graph("reports").items():
        here = layer_of(module)
        if here is None:
            continue
        for name in imported:
            there = layer_of(name)
            if there is None:
                if name.startswith("reports.") and name.count(".") >= 1:
                    wrong.append((module, name))  # a top module is above every layer
                continue
            if there[1] != here[1] and there[0] >= here[0]:
                wrong.append((module, name))
    assert wrong == []


def test_every_package_of_reports_is_in_a_layer_and_says_what_it_is_for():
    packages = {path.parent.name for path in (ROOT / "reports").glob("*/__init__.py")}
    layered = set().union(*LAYERS)
    assert packages - {"templatetags", "management"} == layered
    for package in layered:
        assert ast.get_docstring(
            ast.parse((ROOT / "reports" / package / "__init__.py").read_text())
        )


def test_a_circle_is_found():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(edges) == [["a", "b", "c", "a"]]


def test_a_module_imported_from_its_package_is_an_edge_to_the_module():
    imported = imports_of(ROOT / "reports" / "views" / "pages.py")
    assert "reports.tables.catalogue" in imported
