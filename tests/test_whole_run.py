"""The whole run at every size: bounded charts and report, a system run whose
organisation folders hold what each organisation's own run writes, and parallel
writing that gives the same bytes as serial writing."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from wres_wdes import calculate, load
from wres_wdes.cli import main
from wres_wdes.sample import write_sample
from wres_wdes.write import plan_outputs, write_outputs
from wres_wdes.write.charts import FUNNEL_LABELS, MAX_ROWS
from wres_wdes.write.report import REPORT_UNITS

# --- a trust of 2,000 units -------------------------------------------------------------

UNITS, DIRECTORATES = 2000, 20


def _big_trust(
    folder: Path, units: int = UNITS, directorates: int = DIRECTORATES, n: int = 40000
) -> Path:
    """40,000 staff in 2,000 units under 20 directorates (20 a unit, so most units have
    figures to publish), with leavers and training."""
    rng = np.random.default_rng(11)
    unit = rng.integers(0, units, size=n)
    staff = pd.DataFrame(
        {
            "Employee Number": [f"E{i:05d}" for i in range(n)],
            "Ethnic Origin": rng.choice(["A", "H", "N", "M", "Z"], size=n),
            "Disability Flag": rng.choice(["Yes", "No", "Not Declared"], size=n, p=[0.1, 0.8, 0.1]),
            "Grade": rng.choice(["Band 3", "Band 5", "Band 6", "Band 8a"], size=n),
            "Staff Group": "Administrative and Clerical",
            "Directorate": [f"Directorate {u % directorates:02d}" for u in unit],
            "Unit": [f"Unit {u:04d}" for u in unit],
        }
    )
    folder.mkdir(parents=True, exist_ok=True)
    staff.to_csv(folder / "staff.csv", index=False)
    training = staff.sample(frac=0.6, random_state=3)[["Employee Number"]]
    training["Course Date"] = "01/06/2023"
    training.to_csv(folder / "training.csv", index=False)
    leavers = staff.sample(frac=0.1, random_state=4).drop(columns=["Employee Number"])
    leavers.insert(0, "Employee Number", [f"L{i:05d}" for i in range(len(leavers))])
    leavers["Termination Date"] = "30/09/2023"
    leavers.to_csv(folder / "leavers.csv", index=False)
    (folder / "config.toml").write_text(
        '[organisation]\nname = "Wide Trust"\ncode = "RWT"\n\n[reporting]\nyear = 2024\n\n'
        '[inputs]\nstaff = "staff.csv"\ntraining = "training.csv"\nleavers = "leavers.csv"\n\n'
        '[breakdown]\nlevels = ["directorate", "unit"]\n',
        encoding="utf-8",
    )
    return folder / "config.toml"


@pytest.fixture(scope="module")
def big_plan(tmp_path_factory):
    config = _big_trust(tmp_path_factory.mktemp("wide"))
    inputs = load(config)
    results = calculate(inputs)
    return plan_outputs(results, inputs, "report")


def test_a_forest_plot_that_leaves_units_out_has_the_funnel_plot_it_names(tmp_path) -> None:
    # 8 directorates and 36 units of 100 staff: the organisation, 8 directorates and 36
    # units are 45 rows, past MAX_ROWS (40), so the forest plot keeps the directorates
    # and names the funnel plot for its units, though the units alone (36) would fit
    config = _big_trust(tmp_path / "t", units=36, directorates=8, n=3600)
    inputs = load(config)
    plan = plan_outputs(calculate(inputs), inputs, "report")
    view = next(iter(plan.views.values()))
    charts = {path.stem: chart for path, chart in plan.charts(view)}
    left = [stem for stem, chart in charts.items() if stem.startswith("forest") and chart.left_out]
    assert left  # the case this test is about
    for stem in left:
        assert "units on the funnel plot" in charts[stem].alt
        assert stem.replace("forest", "funnel") in charts, stem


def test_no_chart_draws_more_rows_than_its_bound_with_2000_units(big_plan) -> None:
    view = next(iter(big_plan.views.values()))
    units = (view.frame["level"] == "unit").groupby(view.frame["metric"]).sum()
    assert units.max() >= UNITS * 0.9  # the breakdown really has about 2,000 units
    charts = dict(big_plan.charts(view))
    kinds = {path.stem.split("-")[0] for path in charts}
    assert kinds == {"metric1", "forest", "funnel"}
    for path, chart in charts.items():
        if path.stem.startswith("forest"):
            axis = chart.figure.axes[0]
            # one tick label per drawn row: the organisation and its 20 directorates
            # (with the few units that have a publishable figure, if all fit)
            labels = [t.get_text() for t in axis.get_yticklabels()]
            assert chart.rows == len(labels) <= MAX_ROWS
            assert sum(label.startswith("Directorate") for label in labels) == DIRECTORATES
        elif path.stem.startswith("funnel"):
            axis = chart.figure.axes[0]
            assert len(axis.texts) <= FUNNEL_LABELS  # names are bounded too
            # every unit with a publishable figure is a point, drawn in one go (most of
            # the 2,000 are confidential at 20 people a unit: the alt text counts them)
            assert chart.rows > MAX_ROWS
            assert re.search(r"Not shown: [\d,]+ confidential", chart.alt)


def test_the_report_lists_directorates_and_points_to_the_workbooks_for_units(
    big_plan, tmp_path: Path
) -> None:
    report = next(o for o in big_plan.outputs() if o.path.name == "report.md")
    report.write(tmp_path / "report.md")
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    table_rows = [line for line in text.splitlines() if line.startswith("|")]
    # headline, metric 1 by band, and a directorate table per metric: board-length
    assert len(table_rows) < 400
    assert "Unit 0001" not in text
    assert re.search(r"the [\d,]+ figures below it are in the publication workbook", text)
    assert "compared on its funnel plot in this appendix" in text  # the chart is there too
    assert "charts/funnel-" in text


def test_a_small_breakdown_lists_each_unit_under_its_directorate(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["run", "--out", str(out), "--outputs", "report", "--quiet"]) == 0
    text = (out / "report.md").read_text(encoding="utf-8")
    section = text[text.index("#### WRES 2: White ÷ BME") :]  # the appendix table
    rows = [line.split("|")[1:3] for line in section.splitlines()[4:40] if line.startswith("|")]
    levels = [level.strip() for level, _ in rows]
    # a directorate row, then its units (marked ↳), then the next directorate
    first = levels.index("directorate")
    assert levels[first + 1] == "unit" and rows[first + 1][1].strip().startswith("↳ ")
    assert len(rows) <= 1 + REPORT_UNITS + 20


# --- a system run -----------------------------------------------------------------------


def _one_organisation_inputs(system: Path, organisation: str, folder: Path) -> Path:
    """The system's files cut to one organisation, with a config naming it."""
    folder.mkdir()
    for csv in system.glob("*.csv"):
        frame = pd.read_csv(csv, dtype=str, keep_default_na=False)
        column = "Organisation" if "Organisation" in frame else "organisation"
        frame[frame[column] == organisation].drop(columns=column).to_csv(
            folder / csv.name, index=False
        )
    text = (system / "config.toml").read_text(encoding="utf-8")
    text = re.sub(r'name = "[^"]*"', f'name = "{organisation}"', text, count=1)
    text = re.sub(r'code = "[^"]*"\n', "", text, count=1)
    text = re.sub(r"column = .*\n", "", text, count=1)
    (folder / "config.toml").write_text(text, encoding="utf-8")
    return folder / "config.toml"


def _cells(path: Path) -> dict[tuple[str, str], object]:
    book = load_workbook(path, read_only=True)
    cells = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    cells[(sheet.title, cell.coordinate)] = cell.value
    book.close()
    return cells


@pytest.fixture(scope="module")
def system_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("system")
    config = write_sample(base / "inputs", staff=1000, organisations=2, seed=5)
    out = base / "out"
    assert main(["run", str(config), "--out", str(out), "--outputs", "all", "--quiet"]) == 0
    return base, out


def test_a_system_run_writes_a_folder_per_organisation_and_the_system_folder(
    system_run,
) -> None:
    _, out = system_run
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert folders == ["Synthetic-Trust-001", "Synthetic-Trust-002", "system"]
    for folder in folders[:2]:
        names = {p.name for p in (out / folder).iterdir()}
        assert {"report.md", "WRES-WDES-2024-publication.xlsx", "charts"} <= names
        assert any(n.startswith("WRES-return-") for n in names)
    system = {p.name for p in (out / "system").iterdir()}
    assert {"league-table.xlsx", "system.md", "funnel-WRES-2.png"} <= system
    manifest = json.loads((out / "wres-wdes-manifest.json").read_text(encoding="utf-8"))
    assert manifest["organisations"] == 2
    assert not any(f["for_publication"] for k, f in manifest["files"].items() if "system/" in k)


def test_each_organisation_folder_holds_what_its_own_run_writes(system_run) -> None:
    base, out = system_run
    metrics = pd.read_csv(out / "metrics.csv", dtype=str, keep_default_na=False)
    for organisation, folder in (("Synthetic Trust 001", "Synthetic-Trust-001"),):
        config = _one_organisation_inputs(base / "inputs", organisation, base / folder)
        alone = base / f"{folder}-alone"
        assert main(["run", str(config), "--out", str(alone), "--quiet"]) == 0
        # the same figures in metrics.csv, row for row
        own = pd.read_csv(alone / "metrics.csv", dtype=str, keep_default_na=False)
        mine = metrics[metrics["organisation"] == organisation].reset_index(drop=True)
        pd.testing.assert_frame_equal(own, mine)
        # the same cells in the returns and the publication workbook, the same report
        for name in ("WRES-WDES-2024-publication.xlsx", "report.md"):
            assert (out / folder / name).exists()
        assert _cells(out / folder / "WRES-WDES-2024-publication.xlsx") == _cells(
            alone / "WRES-WDES-2024-publication.xlsx"
        )
        for standard in ("WRES", "WDES"):
            (system_return,) = (out / folder).glob(f"{standard}-return-*.xlsx")
            (own_return,) = alone.glob(f"{standard}-return-*.xlsx")
            assert _cells(system_return) == _cells(own_return)
        assert (out / folder / "report.md").read_text(encoding="utf-8") == (
            alone / "report.md"
        ).read_text(encoding="utf-8")


def test_the_system_default_is_the_figures_the_returns_and_the_system_view(
    system_run, tmp_path: Path
) -> None:
    base, _ = system_run
    out = tmp_path / "out"
    assert main(["run", str(base / "inputs" / "config.toml"), "--out", str(out), "--quiet"]) == 0
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.xlsx"))
    assert "system/league-table.xlsx" in written
    assert not any("publication" in name or "INTERNAL" in name for name in written)


def test_an_unknown_output_kind_is_an_error_naming_the_nearest(tmp_path: Path, capsys) -> None:
    assert main(["run", "--out", str(tmp_path / "o"), "--outputs", "metrics,reprot"]) == 2
    assert "did you mean 'report'" in capsys.readouterr().out
    assert not (tmp_path / "o").exists()


# --- parallel writing -------------------------------------------------------------------


def _digests(out: Path) -> dict[str, str]:
    return {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != "wres-wdes-manifest.json"
    }


def test_parallel_writing_gives_the_same_bytes_as_serial(system_run, tmp_path: Path) -> None:
    # the system run was written by the command in a pool of processes (2 cores);
    # write the same plan serially here, in one process
    base, out = system_run
    inputs = load(base / "inputs" / "config.toml")
    results = calculate(inputs)
    write_outputs(results, inputs, tmp_path / "serial", kinds="all", workers=1)
    serial, parallel = _digests(tmp_path / "serial"), _digests(out)
    assert len(serial) > 20
    assert serial == parallel


# --- progress -----------------------------------------------------------------------------


def test_a_run_shows_its_stages_as_plain_lines_when_not_on_a_terminal(
    tiny_trust: Path, tmp_path: Path, capsys
) -> None:
    assert main(["run", str(tiny_trust), "--out", str(tmp_path / "o")]) == 0
    lines = capsys.readouterr().err.splitlines()
    stages = [re.sub(r"^\[\s*[\d.]+s\] ", "", line) for line in lines]
    assert all(re.match(r"^\[\s*[\d.]+s\] ", line) for line in lines)
    assert stages[0] == "reading and checking inputs"
    assert any(
        re.match(r"reading and checking inputs: checking .*staff\.csv: 5 rows", s) for s in stages
    )
    assert "computing: computing WRES 2" in stages
    planned = next(s for s in stages if re.fullmatch(r"writing: \d+", s))
    total = int(planned.split(": ")[1])
    assert stages[-1] == f"writing: {total}/{total}"


def test_quiet_shows_nothing_but_problems(tiny_trust: Path, tmp_path: Path, capsys) -> None:
    assert main(["run", str(tiny_trust), "--out", str(tmp_path / "o"), "--quiet"]) == 0
    printed = capsys.readouterr()
    assert printed.out == "" and printed.err == ""


def test_the_terminal_display_is_drawn_by_rich(tmp_path: Path) -> None:
    import io

    from wres_wdes.progress import Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    with Progress("auto", stream=screen) as progress:
        assert progress.mode == "rich"
        progress.stage("writing", total=3)
        for name in ("a", "b", "c"):
            progress.advance(name)
    assert "writing" in screen.getvalue() and "3/3" in screen.getvalue()
