"""The analyst's notebook runs top to bottom on the public API, writing only to a temp folder.

``notebooks/operating_unit_breakdown.ipynb`` is executed here with nbclient, so it
cannot rot: a change to the API that breaks it fails the test suite. The kernel
starts in an empty working folder, so the notebook cannot lean on relative paths
(it finds the sample trust with ``wres_wdes.sample_config()``, which also works
when the package is installed from a wheel), and its ``TMPDIR`` points into the
test's own folder, so everything it writes is checked and then removed.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import wres_wdes

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "operating_unit_breakdown.ipynb"
TIMEOUT = 300  # seconds per cell; the whole notebook runs in about 20 s on two cores


def read() -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOK, as_version=4)


def code_cells(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def test_the_notebook_is_committed_without_outputs() -> None:
    notebook = read()
    nbformat.validate(notebook)
    dirty = [
        i
        for i, cell in enumerate(code_cells(notebook))
        if cell.outputs or cell.execution_count is not None
    ]
    assert dirty == [], "strip the outputs before committing (clear all outputs and save)"


def test_the_notebook_uses_only_the_public_api() -> None:
    source = "\n".join(cell.source for cell in code_cells(read()))
    imports = re.findall(r"^\s*(?:from|import)\s+(wres_wdes\S*)", source, flags=re.MULTILINE)
    assert imports == ["wres_wdes"], "import wres_wdes only; reach everything through it"
    used = set(re.findall(r"\bwres_wdes\.(\w+)", source))
    assert used <= set(wres_wdes.__all__), f"not public: {sorted(used - set(wres_wdes.__all__))}"


def test_the_notebook_never_names_a_path_of_the_repository() -> None:
    source = "\n".join(cell.source for cell in code_cells(read()))
    for fragment in ("sample_data", "../", "templates/"):
        assert fragment not in source


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> tuple[nbformat.NotebookNode, Path]:
    root = tmp_path_factory.mktemp("notebook")
    cwd, tmp = root / "cwd", root / "tmp"
    cwd.mkdir()
    tmp.mkdir()
    notebook = read()
    client = NotebookClient(
        notebook,
        timeout=TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(cwd)}},
    )
    env = {**os.environ, "TMPDIR": str(tmp)}
    client.execute(env=env)
    return notebook, root


def test_the_notebook_runs_top_to_bottom(executed) -> None:
    notebook, _ = executed
    cells = code_cells(notebook)
    assert all(cell.execution_count is not None for cell in cells)
    errors = [o for cell in cells for o in cell.outputs if o.output_type == "error"]
    assert errors == []


def test_the_notebook_shows_no_warnings(executed) -> None:
    notebook, _ = executed
    stderr = [
        (i, o.text)
        for i, cell in enumerate(code_cells(notebook))
        for o in cell.outputs
        if o.output_type == "stream" and o.name == "stderr"
    ]
    assert stderr == []


def test_the_notebook_writes_only_to_its_temporary_folder(executed) -> None:
    _, root = executed
    assert list((root / "cwd").iterdir()) == []
    (folder,) = (root / "tmp").glob("wres_wdes_notebook_*")
    written = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert {"metrics-2023.csv", "metrics-2024.csv", "sample_2023/config.toml"} <= written
    assert any(name.startswith("outputs/WRES-return-") for name in written)
    assert any(name.startswith("outputs/WDES-return-") for name in written)


def test_the_notebook_draws_the_forest_plot(executed) -> None:
    notebook, _ = executed
    images = [
        o
        for cell in code_cells(notebook)
        for o in cell.outputs
        if o.output_type in ("display_data", "execute_result") and "image/png" in o.data
    ]
    assert images, "the forest plot is shown inline"
