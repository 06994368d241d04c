"""A small trust for the writer tests, written once per session, and its own checks.

The trust is invented: 700 staff in three directorates and five units, some
named like formulas (``=SUM(1+1)``, ``-Theatres``, ``@Recovery``, ``+Corporate``)
to test escaping, and person identifiers that look like nothing else
(``EMPX…``), so a test can search every output for them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from wres_wdes import load
from wres_wdes.calculate import calculate
from wres_wdes.results import Results
from wres_wdes.write import write_outputs

UNITS = {
    "Ward A": "Medicine",
    "=SUM(1+1)": "Medicine",
    "-Theatres": "Surgery",
    "@Recovery": "Surgery",
    "Finance": "+Corporate",
}
NARRATIVE = '=HYPERLINK("http://example.invalid") We run a Disabled staff network.'
ID_PREFIX = "EMPX"

CONFIG = """[organisation]
name = "Test Trust"
code = "RTT"

[reporting]
year = 2024

[inputs]
staff = "staff.csv"
applications = "applications.csv"
disciplinary = "disciplinary.csv"
board = "board.csv"

[breakdown]
levels = ["directorate", "unit"]

[wdes9b]
action_taken = true
narrative = '''{narrative}'''
{extra}
"""


def write_trust(folder: Path, extra: str = "", seed: int = 7) -> Path:
    """Write the trust's inputs and config into ``folder``; return the config path."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    n = 700
    units = rng.choice(list(UNITS), size=n, p=[0.3, 0.2, 0.2, 0.15, 0.15])
    ids = [f"{ID_PREFIX}{10000 + i}" for i in range(n)]
    staff = pd.DataFrame(
        {
            "Employee Number": ids,
            "Ethnic Origin": rng.choice(
                ["A", "C", "H", "N", "M", "Z"], size=n, p=[0.5, 0.15, 0.12, 0.1, 0.05, 0.08]
            ),
            "Disability Flag": rng.choice(
                ["No", "Yes", "Not Declared"], size=n, p=[0.8, 0.08, 0.12]
            ),
            "Grade": rng.choice(
                [
                    "Band 2",
                    "Band 3",
                    "Band 5",
                    "Band 6",
                    "Band 7",
                    "Band 8a",
                    "Band 8c",
                    "Consultant",
                ],
                size=n,
                p=[0.15, 0.15, 0.25, 0.2, 0.12, 0.06, 0.02, 0.05],
            ),
            "Directorate": [UNITS[u] for u in units],
            "Unit": units,
            "Assignment Category": "Permanent",
        }
    )
    clinical = rng.random(n) < 0.6
    staff["Staff Group"] = np.where(
        staff["Grade"] == "Consultant",
        "Medical and Dental",
        np.where(clinical, "Nursing and Midwifery Registered", "Administrative and Clerical"),
    )
    staff.to_csv(folder / "staff.csv", index=False)

    m = 1600
    ethnicity = rng.choice(
        [
            "White - British",
            "Asian or Asian British - Indian",
            "Black or Black British - African",
            "Not stated",
        ],
        size=m,
        p=[0.55, 0.2, 0.17, 0.08],
    )
    shortlisted = rng.random(m) < 0.7
    white = np.char.startswith(ethnicity.astype(str), "White")
    appointed = shortlisted & (rng.random(m) < np.where(white, 0.35, 0.2))
    app_units = rng.choice(list(UNITS), size=m)
    pd.DataFrame(
        {
            "Application ID": [f"APP{i}" for i in range(m)],
            "Shortlisted": np.where(shortlisted, "Yes", "No"),
            "Appointed": np.where(appointed, "Yes", "No"),
            "Ethnicity": ethnicity,
            "Disability": rng.choice(["No", "Yes"], size=m, p=[0.85, 0.15]),
            "Directorate": [UNITS[u] for u in app_units],
            "Unit": app_units,
        }
    ).to_csv(folder / "applications.csv", index=False)

    cases = rng.choice(ids, size=24, replace=False)
    dates = rng.choice(["15/06/2023", "01/02/2024", "10/10/2022", "05/12/2022"], size=24)
    pd.DataFrame({"Employee Number": cases, "Case Start Date": dates}).to_csv(
        folder / "disciplinary.csv", index=False
    )

    b = 12
    pd.DataFrame(
        {
            "Member ID": [f"BRD{i}" for i in range(b)],
            "Voting": ["Y"] * 10 + ["N"] * 2,
            "Executive": ["Y"] * 5 + ["N"] * 7,
            "Ethnicity": ["A"] * 9 + ["H", "N", "Z"],
            "Disability": ["No"] * 11 + ["Yes"],
        }
    ).to_csv(folder / "board.csv", index=False)
    config = folder / "config.toml"
    config.write_text(CONFIG.format(narrative=NARRATIVE, extra=extra), encoding="utf-8")
    return config


_RUNS: dict[str, tuple[Path, Path]] = {}
_RESULTS: dict[str, object] = {}


def shared_run(tmp_path_factory) -> tuple[Path, Path]:
    """The trust written and run once per session: (config, output folder)."""
    if "run" not in _RUNS:
        base = tmp_path_factory.mktemp("write_trust")
        config = write_trust(base / "inputs")
        out = base / "out"
        inputs = load(config)
        results = calculate(inputs)
        write_outputs(results, inputs, out)  # metrics.csv included
        _RUNS["run"] = (config, out)
    return _RUNS["run"]


def shared_results(tmp_path_factory):
    """The trust's inputs and results, computed once per session: (inputs, frame)."""
    if "results" not in _RESULTS:
        config, _ = shared_run(tmp_path_factory)
        inputs = load(config)
        _RESULTS["results"] = (inputs, calculate(inputs).frame)
    return _RESULTS["results"]


def read_metrics(out: Path) -> pd.DataFrame:
    """``metrics.csv`` as :meth:`Results.read_csv` gives it back (names unescaped)."""
    return Results.read_csv(out / "metrics.csv").frame


def test_the_trust_has_breakdowns_with_formula_like_names(tmp_path_factory) -> None:
    _, out = shared_run(tmp_path_factory)
    metrics = read_metrics(out)
    units = set(metrics.loc[metrics["level"] == "unit", "unit"])
    assert {"=SUM(1+1)", "-Theatres", "@Recovery"} <= units
    assert {"WRES", "WDES"} == set(metrics["standard"])
