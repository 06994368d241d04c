"""``wres_wdes.run``: the whole of ``wres-wdes run`` in one call, and the command a thin
shell over it (issue 16: "An inclusion manager's import-and-calculate script needs
one call")."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import wres_wdes
from wres_wdes.cli import main


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_run_and_the_command_write_the_same_files(tiny_trust: Path, tmp_path: Path) -> None:
    by_api, by_cli = tmp_path / "api", tmp_path / "cli"
    done = wres_wdes.run(tiny_trust, out=by_api)
    assert main(["run", str(tiny_trust), "--out", str(by_cli), "--quiet"]) == 0
    assert _files(by_api) == _files(by_cli)
    assert {p.relative_to(by_api).as_posix() for p in done.written} == _files(by_api)
    assert (by_api / "metrics.csv").read_bytes() == (by_cli / "metrics.csv").read_bytes()
    assert (by_api / "reconciliation.csv").read_bytes() == (
        by_cli / "reconciliation.csv"
    ).read_bytes()
    manifest = json.loads((by_api / "wres-wdes-manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["files"]) == _files(by_api) - {"wres-wdes-manifest.json"}


def test_run_returns_the_results_it_wrote(tiny_trust: Path, tmp_path: Path) -> None:
    done = wres_wdes.run(tiny_trust, out=tmp_path / "out", outputs="metrics")
    assert done.kinds == ("metrics",)
    assert done.organisations == ("Test Trust",)
    assert [p.name for p in done.written] == [
        "metrics.csv",
        "reconciliation.csv",
        "wres-wdes-manifest.json",
    ]
    read_back = wres_wdes.Results.read_csv(tmp_path / "out" / "metrics.csv").frame
    expected = wres_wdes.calculate(tiny_trust).frame
    assert list(read_back.columns) == list(expected.columns)
    assert len(read_back) == len(done.results) == len(expected)
    pd.testing.assert_series_equal(read_back["value"], expected["value"], check_dtype=False)
    assert done.inputs.config.organisation_name == "Test Trust"


def test_run_with_errors_raises_and_writes_nothing(tiny_trust: Path, tmp_path: Path) -> None:
    staff = tiny_trust.with_name("staff.csv")
    staff.write_text(staff.read_text(encoding="utf-8").replace("Employee Number", "Emp"), "utf-8")
    out = tmp_path / "out"
    with pytest.raises(wres_wdes.InputError) as caught:
        wres_wdes.run(tiny_trust, out=out)
    assert any(p.code == "missing-column" for p in caught.value.problems)
    assert not out.exists()


def test_an_unknown_output_kind_is_refused_before_reading(tmp_path: Path) -> None:
    with pytest.raises(wres_wdes.OutputsError, match="did you mean 'report'"):
        wres_wdes.run(tmp_path / "no-such-config.toml", out=tmp_path / "out", outputs="reprot")


def test_files_in_the_way_are_refused_as_the_command_refuses_them(
    tiny_trust: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "metrics.csv").write_text("mine", encoding="utf-8")
    with pytest.raises(wres_wdes.OverwriteRefused):
        wres_wdes.run(tiny_trust, out=out)
    assert (out / "metrics.csv").read_text(encoding="utf-8") == "mine"
    assert main(["run", str(tiny_trust), "--out", str(out), "--quiet"]) == 2


def test_progress_lines_go_to_a_function(tiny_trust: Path, tmp_path: Path) -> None:
    lines: list[str] = []
    wres_wdes.run(tiny_trust, out=tmp_path / "out", outputs="metrics", progress=lines.append)
    assert lines[0] == "reading and checking inputs"
    assert "computing: computing WRES 2" in lines
    assert "writing: metrics.csv" in lines
