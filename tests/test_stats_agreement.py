"""The flag, the interval and the p-value shown together never disagree (issue 13).

Over a grid of tables that includes every zero cell, the rows ``metrics.csv``
gets (through :mod:`wres_wdes.measure`, the code every metric uses) must say the
same thing three ways: ``significant`` in the flags, the interval excluding
parity, and ``p_value`` below 0.05. Before, the p-value was Fisher's and the
interval Koopman's, and a row could read "significant" with p = 0.107.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from wres_wdes.config import Options
from wres_wdes.measure import difference_rows, likelihood_rows
from wres_wdes.metrics.registry import BY_KEY

SIZES = (1, 2, 5, 11, 18, 40, 161, 400)


def _grid() -> pd.DataFrame:
    rows = []
    for ng, nr in itertools.product(SIZES, repeat=2):
        for xg in sorted({0, 1, ng // 3, ng // 2, ng}):
            for xr in sorted({0, 1, nr // 4, nr // 2, nr}):
                rows.append((xg, ng, xr, nr))
    return pd.DataFrame(rows, columns=["xg", "ng", "xr", "nr"])


GRID = _grid()


def _table(grid: pd.DataFrame, group: str, reference: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "organisation": "T",
            "level": "unit",
            "unit": [f"u{i}" for i in range(len(grid))],
            f"events_{group}": grid["xg"].to_numpy(),
            f"n_{group}": grid["ng"].to_numpy(),
            f"events_{reference}": grid["xr"].to_numpy(),
            f"n_{reference}": grid["nr"].to_numpy(),
        }
    )


def _agree(rows: pd.DataFrame, null: float) -> None:
    flagged = rows["flags"].str.split(";").map(lambda f: "significant" in f)
    low, high, p = rows["ci_low"], rows["ci_high"], rows["p_value"]
    excludes = (low > null) | (high < null)
    shown = p.notna()
    # no p-value without a figure or a bound to go with it, and the reverse
    assert (shown == (low.notna() | rows["value"].notna())).all()
    # three ways of saying one thing; tables on the very edge (|z| within 1e-6 of 1.96)
    # may fall either side of the root finder's tolerance, and none is in this grid
    assert (flagged == (p < 0.05)).all()
    assert (flagged[shown] == excludes[shown]).all()


def test_relative_likelihood_flag_interval_and_p_value_agree_on_every_table() -> None:
    metric = BY_KEY[("WDES", "2")]  # Non-disabled ÷ Disabled
    rows = likelihood_rows(metric, _table(GRID, "Non-disabled", "Disabled"), Options())
    assert len(rows) > 1000
    _agree(rows, 1.0)
    # the zero-reference tables carry a bound, a p-value and their own flag
    zero_reference = (GRID["xr"] == 0) & (GRID["xg"] > 0)
    flags = rows["flags"][zero_reference.to_numpy()]
    assert flags.str.contains("reference_no_events").all()
    assert (rows["ci_high"][zero_reference.to_numpy()] == np.inf).all()


def test_two_year_rows_agree_too() -> None:
    metric = BY_KEY[("WRES", "3")]
    grid = GRID[GRID["xg"] <= 2 * GRID["ng"]]
    rows = likelihood_rows(metric, _table(grid, "BME", "White"), Options(), years=2)
    _agree(rows, 1.0)


def test_difference_flag_interval_and_p_value_agree_on_every_table() -> None:
    metric = BY_KEY[("WRES", "5")]
    table = pd.DataFrame(
        {
            "organisation": "T",
            "level": "unit",
            "unit": [f"u{i}" for i in range(len(GRID))],
            "events_group": GRID["xg"].to_numpy(),
            "n_group": GRID["ng"].to_numpy(),
            "events_reference": GRID["xr"].to_numpy(),
            "n_reference": GRID["nr"].to_numpy(),
        }
    )
    _agree(difference_rows(metric, table, Options()), 0.0)


@pytest.mark.parametrize(
    ("table", "p", "significant"),
    [
        # issue 13's example: WDES 3, 4.24 (1.00 to 17.8) was "significant" beside
        # Fisher p = 0.107; the score test and the Koopman interval agree instead
        ((3, 40, 5, 283), None, None),
        # WDES 2, 46 of 161 against 0 of 18: p = 0.0085 (statsmodels score test)
        ((46, 161, 0, 18), 0.008516, True),
    ],
)
def test_worked_examples(table, p, significant) -> None:
    metric = BY_KEY[("WDES", "2")]
    grid = pd.DataFrame([table], columns=["xg", "ng", "xr", "nr"])
    row = likelihood_rows(metric, _table(grid, "Non-disabled", "Disabled"), Options()).iloc[0]
    if p is not None:
        assert row.p_value == pytest.approx(p, rel=1e-3)
    is_flagged = "significant" in row["flags"].split(";")
    assert is_flagged == (row.p_value < 0.05) == (row.ci_low > 1 or row.ci_high < 1)
    if significant is not None:
        assert is_flagged == significant
