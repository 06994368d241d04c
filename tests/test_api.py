"""The stable API: what ``import wres_wdes`` offers, and the ``metrics.csv`` columns.

Other tools import wres_wdes and read its results file, so both are contracts
(``DESIGN.md``). These tests pin them: a change to either must be deliberate, and
goes in ``CHANGELOG.md`` (with a migration note when something is removed or
renamed).
"""

from __future__ import annotations

import dataclasses
import inspect
import types
from pathlib import Path

import wres_wdes

# The public API, sorted. Changing this list changes the public API:
# record the change in CHANGELOG.md (under "Added", "Changed" or "Removed").
PUBLIC_NAMES = [
    "Config",
    "INPUTS",
    "InputError",
    "InputFile",
    "Inputs",
    "METRICS_COLUMNS",
    "Metric",
    "Options",
    "OutputFolderError",
    "OutputLocked",
    "OutputsError",
    "OverwriteRefused",
    "Problem",
    "REGISTRY",
    "Results",
    "ReturnCheckError",
    "Run",
    "UsageError",
    "WresWdesError",
    "__version__",
    "by_ethnic_group",
    "calculate",
    "load",
    "load_config",
    "load_frames",
    "run",
    "sample",
    "sample_config",
    "stats",
    "write_outputs",
]

# The metrics.csv contract (DESIGN.md, "Results contract"): these columns always
# exist, in this order. Changing this tuple breaks every tool that reads
# metrics.csv: record the change in CHANGELOG.md with a migration note.
METRICS_COLUMNS = (
    "standard",
    "metric",
    "level",
    "unit",
    "category",
    "group",
    "reference_group",
    "statistic",
    "n_group",
    "events_group",
    "rate_group",
    "n_reference",
    "events_reference",
    "rate_reference",
    "value",
    "ci_low",
    "ci_high",
    "p_value",
    "flags",
)


def _exported():
    return [(name, getattr(wres_wdes, name)) for name in wres_wdes.__all__]


def test_the_public_names_are_exactly_these() -> None:
    assert sorted(wres_wdes.__all__) == PUBLIC_NAMES


def test_every_public_name_exists() -> None:
    missing = [name for name in wres_wdes.__all__ if not hasattr(wres_wdes, name)]
    assert missing == []


def test_nothing_public_is_left_out_of_all() -> None:
    # Submodules are reached as attributes (wres_wdes.stats); any other name
    # without an underscore is either exported or a mistake.
    stray = [
        name
        for name in dir(wres_wdes)
        if not name.startswith("_")
        and not isinstance(getattr(wres_wdes, name), types.ModuleType)
        and name not in wres_wdes.__all__
    ]
    assert stray == []


def test_exported_modules_are_the_public_subpackages() -> None:
    modules = sorted(n for n, o in _exported() if isinstance(o, types.ModuleType))
    assert modules == ["sample", "stats"]
    assert wres_wdes.stats.__all__, "wres_wdes.stats lists its public names"


def test_the_metrics_columns_are_the_contract() -> None:
    assert wres_wdes.METRICS_COLUMNS == METRICS_COLUMNS


def test_results_start_with_the_metrics_columns(tiny_trust) -> None:
    results = wres_wdes.calculate(wres_wdes.load(tiny_trust))
    columns = list(results.frame.columns)
    assert columns[: len(METRICS_COLUMNS)] == list(METRICS_COLUMNS)


def _own_docstring(obj: object) -> str:
    doc = inspect.getdoc(obj) or ""
    # a dataclass without a docstring gets its signature as __doc__
    if dataclasses.is_dataclass(obj) and doc.startswith(f"{obj.__name__}("):
        return ""
    return doc.strip()


def test_every_exported_callable_and_module_has_a_docstring() -> None:
    undocumented = [
        name
        for name, obj in _exported()
        if (callable(obj) or isinstance(obj, types.ModuleType)) and not _own_docstring(obj)
    ]
    assert undocumented == []


def test_every_exported_function_is_fully_annotated() -> None:
    unannotated = []
    for name, obj in _exported():
        if not inspect.isfunction(obj):
            continue
        signature = inspect.signature(obj)
        if signature.return_annotation is inspect.Signature.empty:
            unannotated.append(f"{name} -> ?")
        unannotated += [
            f"{name}({p.name})"
            for p in signature.parameters.values()
            if p.annotation is inspect.Parameter.empty
        ]
    assert unannotated == []


def test_the_package_ships_its_type_marker() -> None:
    # PEP 561: type checkers use the annotations of a package that has py.typed
    assert Path(inspect.getfile(wres_wdes)).with_name("py.typed").is_file()
