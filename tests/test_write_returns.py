"""The national returns: filled at mapped cells only, checked cell by cell after saving."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from test_write_trust import NARRATIVE, read_metrics, shared_results, shared_run

from wres_wdes.bundled import templates_dir
from wres_wdes.metrics.registry import BY_KEY
from wres_wdes.problems import InputError
from wres_wdes.write import plan_outputs
from wres_wdes.write.returns import (
    ReturnCheckError,
    Template,
    check_template,
    fill_return,
    find_template,
    meta_facts,
    return_values,
)
from wres_wdes.write.safe import write_atomic


def _figure(metrics: pd.DataFrame, entry) -> object:
    """The figure a result cell should hold, read from metrics.csv directly."""
    statistic = entry.statistic or BY_KEY[(entry.standard, entry.metric)].statistic
    rows = metrics[
        (metrics["level"] == "organisation")
        & (metrics["standard"] == entry.standard)
        & (metrics["metric"] == entry.metric)
        & (metrics["category"].fillna("") == entry.category)
        & (metrics["group"] == entry.group)
        & (metrics["statistic"] == statistic)
    ]
    if rows.empty:
        has_metric = (
            (metrics["standard"] == entry.standard) & (metrics["metric"] == entry.metric)
        ).any()
        return 0 if entry.if_missing == "0" and has_metric else None
    assert len(rows) == 1
    value = rows.iloc[0][entry.field if entry.field != "yes_no" else "value"]
    if entry.field == "yes_no":
        return "Yes" if value else "No"
    if entry.field == "note":
        return value
    return None if pd.isna(value) else float(value)


@pytest.mark.parametrize("standard", ["WRES", "WDES"])
def test_every_mapped_cell_of_the_return_holds_the_figure_in_metrics_csv(
    tmp_path_factory, standard: str
) -> None:
    _, out = shared_run(tmp_path_factory)
    metrics = read_metrics(out)
    workbook = load_workbook(out / f"{standard}-return-RTT-2024.xlsx")
    cellmap = pd.read_csv(
        templates_dir() / f"{standard}-return-cellmap.csv", dtype=str, keep_default_na=False
    )
    results = cellmap[cellmap["kind"] == "result"]
    filled = 0
    for entry in results.itertuples(index=False):
        cell = workbook[entry.sheet][entry.cell]
        expected = _figure(metrics, entry)
        assert cell.data_type != "f", f"{entry.sheet}!{entry.cell} is a formula"
        if isinstance(expected, float):
            assert cell.value == pytest.approx(expected, rel=1e-12), (entry.sheet, entry.cell)
            filled += 1
        elif entry.field == "note":
            assert cell.value == "'" + expected  # the narrative starts with '=': escaped
        else:
            assert cell.value == expected, (entry.sheet, entry.cell)
    assert filled > 40
    organisation = workbook["Organisation"]
    assert organisation["B3"].value == "Test Trust"
    assert organisation["B4"].value == "RTT"
    assert organisation["B5"].value == 2024


def test_the_wres_headline_counts_sit_where_a_reader_expects_them(tmp_path_factory) -> None:
    _, out = shared_run(tmp_path_factory)
    metrics = read_metrics(out)
    sheet = load_workbook(out / "WRES-return-RTT-2024.xlsx")["Indicators 2-4"]
    wres2 = metrics[
        (metrics["standard"] == "WRES")
        & (metrics["metric"] == "2")
        & (metrics["level"] == "organisation")
    ].iloc[0]
    labels = {sheet.cell(r, 1).value: r for r in range(1, sheet.max_row + 1)}
    row = labels["Shortlisted applicants"]
    # columns White, BME; WRES 2 is White ÷ BME so White is the group
    assert sheet.cell(row, 2).value == wres2["n_group"]
    assert sheet.cell(row, 3).value == wres2["n_reference"]


def test_a_template_that_does_not_match_its_cell_map_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "WRES-return-template.xlsx"
    shutil.copy(templates_dir() / "WRES-return-template.xlsx", copy)
    shutil.copy(templates_dir() / "WRES-return-cellmap.csv", tmp_path)
    workbook = load_workbook(copy)
    workbook["Indicator 1"]["A6"] = "Band one"
    workbook.save(copy)
    with pytest.raises(InputError) as caught:
        check_template(find_template("WRES", tmp_path))
    problem = caught.value.problems[0]
    assert problem.column == "Indicator 1!A6" and problem.value == "Band one"
    assert "not a pair" in problem.rule


def test_a_return_that_does_not_read_back_as_written_is_not_kept(
    tmp_path: Path, tmp_path_factory, monkeypatch
) -> None:
    inputs, frame = shared_results(tmp_path_factory)
    template = find_template("WRES")
    cellmap = check_template(template)
    values = return_values(
        frame, cellmap, "Test Trust", meta_facts(inputs.config, "Test Trust", "test")
    )
    save = Workbook.save

    def corrupting_save(self, filename):
        self["Indicators 2-4"]["B5"] = 999_999  # a fault between writing and saving
        return save(self, filename)

    monkeypatch.setattr(Workbook, "save", corrupting_save)
    target = tmp_path / "WRES-return.xlsx"
    with pytest.raises(ReturnCheckError, match="Indicators 2-4!B5"):
        write_atomic(target, lambda p: fill_return(template, cellmap, values, p))
    assert list(tmp_path.iterdir()) == []


TOOL = Path(__file__).resolve().parents[1] / "tools" / "make_templates.py"
"""The template builder: a tool of the checkout, not of the installed package."""


def _make_templates():
    spec = importlib.util.spec_from_file_location("make_templates", TOOL)
    assert spec is not None and spec.loader is not None, TOOL
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it runs
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def test_the_committed_templates_are_what_the_generator_makes(tmp_path: Path) -> None:
    build = _make_templates().build
    for standard in ("WRES", "WDES"):
        workbook, cellmap = build(standard, tmp_path)
        assert workbook.read_bytes() == (templates_dir() / workbook.name).read_bytes(), (
            "regenerate with: python tools/make_templates.py"
        )
        assert cellmap.read_text(encoding="utf-8") == (templates_dir() / cellmap.name).read_text(
            encoding="utf-8"
        )


def test_a_system_run_gets_one_return_per_organisation(tmp_path_factory, tmp_path) -> None:
    inputs, frame = shared_results(tmp_path_factory)
    other = frame[frame["level"] == "organisation"].assign(
        organisation="Other Trust", unit="Other Trust"
    )
    plan = plan_outputs(pd.concat([frame, other], ignore_index=True), inputs)
    names = sorted(p.path.as_posix() for p in plan.outputs() if "-return-" in p.path.name)
    first = plan.views[plan.organisations[0]].folder.as_posix()
    # each organisation's returns in its own folder, named by its code (or its name)
    assert names == sorted(
        [
            "Other-Trust/WDES-return-Other-Trust-2024.xlsx",
            f"{first}/WDES-return-RTT-2024.xlsx",
            "Other-Trust/WRES-return-Other-Trust-2024.xlsx",
            f"{first}/WRES-return-RTT-2024.xlsx",
        ]
    )


def test_an_official_template_needs_only_a_cell_map(tmp_path: Path, tmp_path_factory) -> None:
    # a template laid out differently (one sheet, other cells) with its own map
    inputs, frame = shared_results(tmp_path_factory)
    from openpyxl import Workbook as NewWorkbook

    book = NewWorkbook()
    book.active.title = "Return"
    book["Return"]["A1"] = "Relative likelihood"
    book.save(tmp_path / "WRES-return-template.xlsx")
    (tmp_path / "WRES-return-cellmap.csv").write_text(
        "kind,sheet,cell,standard,metric,category,group,statistic,field,if_missing,expected\n"
        "label,Return,A1,,,,,,,,Relative likelihood\n"
        "result,Return,B1,WRES,2,,White,,value,,\n"
        "meta,Return,C1,,,,,,organisation_name,,\n",
        encoding="utf-8",
    )
    template = Template(
        "WRES", tmp_path / "WRES-return-template.xlsx", tmp_path / "WRES-return-cellmap.csv"
    )
    cellmap = check_template(template)
    values = return_values(
        frame, cellmap, "Test Trust", meta_facts(inputs.config, "Test Trust", "test")
    )
    fill_return(template, cellmap, values, tmp_path / "filled.xlsx")
    sheet = load_workbook(tmp_path / "filled.xlsx")["Return"]
    wres2 = frame[
        (frame["metric"] == "2")
        & (frame["standard"] == "WRES")
        & (frame["level"] == "organisation")
    ]["value"].iloc[0]
    assert sheet["B1"].value == pytest.approx(wres2)
    assert sheet["C1"].value == "Test Trust"


def test_the_narrative_is_escaped_in_the_return(tmp_path_factory) -> None:
    _, out = shared_run(tmp_path_factory)
    sheet = load_workbook(out / "WDES-return-RTT-2024.xlsx")["Metric 9b"]
    assert sheet["B5"].value == "'" + NARRATIVE and sheet["B5"].data_type == "s"
    assert sheet["B4"].value == "Yes"
