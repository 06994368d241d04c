"""Imports flow one way, down the pipeline: read → standardise → count → measure → write.

``DESIGN.md`` ("The flow") and ``STYLE.md`` ("The pipeline shows in the layout"):
a step may import the steps before it, never one after it, and nothing imports the
command line. Every module of the package is placed in one layer below (a new
module must be placed, or this test fails), and every import of every module is
read from its source with :mod:`ast`, those inside functions included, so an import
made late to dodge a cycle still counts. Importing ``wres_wdes.a.b`` runs the
package ``wres_wdes.a`` too, so it counts as importing both. The package root
``wres_wdes`` (lazy by PEP 562) is the top of the public API: a module that takes a
name from it (``from .. import __version__``) imports the top layer.

The layers and why each module sits where it does: ``docs/architecture.md``.
"""

from __future__ import annotations

import ast
from fnmatch import fnmatchcase
from pathlib import Path

import pytest

PACKAGE = "wres_wdes"
ROOT = Path(__file__).resolve().parents[1] / PACKAGE

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # what every step may read: the contracts, the problems, the reference data,
    # the metric declarations and the statistics over arrays
    (
        "foundation",
        (
            "contract",
            "problem_codes",
            "problems",
            "reference",
            "bundled",
            "progress",
            "stats",
            "stats.*",
            "metrics",
            "metrics.registry",
        ),
    ),
    # files to raw frames
    ("read", ("read",)),
    # raw frames to typed, checked, reconciled frames: headers, codes, the config
    # that says how, the exclusions and joins, and the survey's input checks
    (
        "standardise",
        (
            "config",
            "config.*",
            "headers",
            "classify",
            "classify.*",
            "standardise",
            "schemas",
            "people",
            "exclusions",
            "keys",
            "join",
            "plausibility",
            "summary",
            "survey",
            "survey.check",
            "survey.check_published",
            "survey.answers",
            "survey.questions",
            "inputs",
            "load_input",
            "read_ahead",
            "load",
        ),
    ),
    # typed frames to count tables
    ("count", ("counts",)),
    # count tables to result rows, and the results object over them
    ("measure", ("measure", "results", "results_*")),
    # each metric's rows: the registry's builders, the survey figures, calculate
    (
        "metrics",
        (
            "metrics.board",
            "metrics.likelihood",
            "metrics.workforce",
            "metrics.builders",
            "survey.rows",
            "survey.engagement",
            "survey.published",
            "survey.respondents",
            "calculate",
            "ethnic_groups",  # the ONS high-level groups view over calculate (issue 16)
        ),
    ),
    # results to files
    ("write", ("write", "write.*")),
    # the whole job, the command line, and what the package offers beside it
    ("run", ("", "run", "cli", "docs", "scaffold", "sample", "sample.*")),
)
"""Layers, lowest first: a module may import its own layer and those above it in this list."""

FORBIDDEN: dict[tuple[str, str], str] = {
    ("write*", "load"): "the writers take the inputs as write.inputs.RunInputs, a Protocol",
    ("measure", "metrics*"): "the builders in metrics/ call measure; measure takes a Protocol",
    ("*", "cli"): "nothing imports the command line (STYLE.md)",
}
"""Imports the layers alone would allow, ruled out: (importer, imported) patterns."""

ALLOWED: dict[tuple[str, str], str] = {
    ("survey", "survey.rows"): "the old path wres_wdes.survey.survey_rows, imported only when "
    "the name is first used (PEP 562), so loading never runs it",
}
"""Upward imports allowed inside a function only (never when the module is imported),
each with its reason."""


def _name(path: Path) -> str:
    """The module's name below the package: ``load``, ``write.plan``, ``""`` for the root."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


MODULES = {_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def _is_module(name: str) -> bool:
    return name in MODULES


def _with_packages(name: str) -> set[str]:
    """``a.b.c`` and the packages its import runs: ``a``, ``a.b`` (the root left out)."""
    parts = name.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts) + 1)}


def _module_level(tree: ast.Module) -> list[ast.AST]:
    """The nodes of a module outside its functions (and outside classes' methods)."""
    found: list[ast.AST] = []
    todo: list[ast.AST] = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        found.append(node)
        todo.extend(ast.iter_child_nodes(node))
    return found


def imports_of(name: str, in_functions: bool = True) -> set[str]:
    """Every module of the package that ``name`` imports, anywhere in its source (or,
    with ``in_functions=False``, when it is imported: outside its functions)."""
    path = MODULES[name]
    here = [PACKAGE, *name.split(".")] if name else [PACKAGE]
    if path.name != "__init__.py":
        here = here[:-1]  # a module's relative imports start at its package
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = ast.walk(tree) if in_functions else _module_level(tree)
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
            for target in targets:
                if target == PACKAGE:
                    found.add("")
                elif target.startswith(PACKAGE + "."):
                    found |= _with_packages(target.removeprefix(PACKAGE + "."))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - (node.level - 1)]
                dotted = ".".join([*base, *([node.module] if node.module else [])])
            else:
                dotted = node.module or ""
            if dotted != PACKAGE and not dotted.startswith(PACKAGE + "."):
                continue
            module = dotted.removeprefix(PACKAGE).removeprefix(".")
            prefix = f"{module}." if module else ""
            for alias in node.names:
                if _is_module(prefix + alias.name):  # from .x import submodule
                    found |= _with_packages(prefix + alias.name)
                elif module:
                    found |= _with_packages(module)
                else:  # a name of the package root itself
                    found.add("")
    found.discard(name)
    return found


def layer_of(name: str) -> int:
    """The position in :data:`LAYERS` of the layer that holds ``name``."""
    matches = [
        i for i, (_, patterns) in enumerate(LAYERS) for p in patterns if fnmatchcase(name, p)
    ]
    assert matches, f"wres_wdes.{name} is in no layer: place it in tests/test_layers.py LAYERS"
    assert len(set(matches)) == 1, f"wres_wdes.{name} is in more than one layer"
    return matches[0]


def _shown(name: str) -> str:
    return f"{PACKAGE}.{name}" if name else PACKAGE


def test_every_module_is_in_exactly_one_layer():
    for name in MODULES:
        layer_of(name)


@pytest.mark.parametrize("name", sorted(MODULES), ids=lambda n: _shown(n))
def test_no_module_imports_a_later_step(name: str):
    here = layer_of(name)
    upward = [
        f"{_shown(name)} ({LAYERS[here][0]}) imports {_shown(other)} ({LAYERS[layer_of(other)][0]})"
        for other in sorted(imports_of(name))
        if layer_of(other) > here and (name, other) not in ALLOWED
    ]
    assert upward == []


@pytest.mark.parametrize("name", sorted(MODULES), ids=lambda n: _shown(n))
def test_no_module_makes_an_import_ruled_out(name: str):
    ruled_out = [
        f"{_shown(name)} imports {_shown(other)}: {why}"
        for other in sorted(imports_of(name))
        for (importer, imported), why in FORBIDDEN.items()
        if fnmatchcase(name, importer) and fnmatchcase(other, imported)
    ]
    assert ruled_out == []


def test_every_allowed_exception_is_still_needed_and_runs_late():
    # an exception whose import has gone is removed from ALLOWED, so none hides a new one
    stale = [pair for pair in ALLOWED if pair[1] not in imports_of(pair[0])]
    assert stale == []
    # and an allowed import is made when first used, never when its module is imported
    eager = [pair for pair in ALLOWED if pair[1] in imports_of(pair[0], in_functions=False)]
    assert eager == []


def test_the_reader_sees_imports_inside_functions_and_packages_run_by_them():
    # the reader itself, on modules of the package whose imports are known by reading
    # them: load_input imports the survey checks inside a function (wres_wdes/load_input.py)
    assert {"survey", "survey.check"} <= imports_of("load_input")
    assert "survey.check" not in imports_of("load_input", in_functions=False)
    # from .metrics.builders import … runs wres_wdes/metrics/__init__.py too
    assert {"metrics", "metrics.builders"} <= imports_of("calculate")
    # from . import __version__ takes a name of the root
    assert "" in imports_of("cli")
