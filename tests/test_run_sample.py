"""`wres-wdes run` on the bundled sample trust: metrics.csv follows the contract to the letter.

The contract is the "Results contract" section of DESIGN.md: these columns, in
this order; metric ids, levels, categories, groups and statistics from fixed
vocabularies; directions as NHS England defines them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from wres_wdes.bundled import sample_config
from wres_wdes.cli import main
from wres_wdes.results import METRICS_COLUMNS

# The literal column list is pinned once, in tests/test_api.py (copied from DESIGN.md).

METRIC_IDS = {
    "WRES": {"1", "2", "3", "4", "5", "6", "7", "8", "9", "leaving"},
    "WDES": {"1", "2", "3", "4a", "4b", "5", "6", "7", "8", "9a", "9b", "10", "leaving"},
}
GROUPS = {
    "White",
    "BME",
    "Unknown",
    "Disabled",
    "Non-disabled",
    "All",
}  # All: WDES 9a's whole-organisation score, added to the contract (CHANGELOG)
STATISTICS = {
    "relative_likelihood",
    "percent",
    "difference_pp",
    "score",
    "yes_no",
    "score_difference",
}  # score_difference: WDES 9a gap, added to the contract (CHANGELOG)
DIRECTIONS = {
    ("WRES", "2"): ("White", "BME"),
    ("WRES", "3"): ("BME", "White"),
    ("WRES", "4"): ("White", "BME"),
    ("WDES", "2"): ("Non-disabled", "Disabled"),
    ("WDES", "3"): ("Disabled", "Non-disabled"),
    ("WRES", "leaving"): ("BME", "White"),
    ("WDES", "leaving"): ("Disabled", "Non-disabled"),
}
CATEGORY = re.compile(
    r"^(|all|public|managers|colleagues|voting|executive|excluding guaranteed interview"
    r"|(clinical|non-clinical|medical|unknown)/(all|under band 1|band [1-9]|band 8[a-d]|vsm"
    r"|band unknown|cluster [1-7]|cluster unknown|consultant|non-consultant career grade"
    r"|trainee grade|other))$"
)


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("run") / "out"
    assert main(["run", "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def metrics(sample_run: Path) -> pd.DataFrame:
    return pd.read_csv(
        sample_run / "metrics.csv",
        dtype={"metric": str, "category": str, "reference_group": str},
        keep_default_na=False,
        na_values=[""],
    )


def test_validate_passes_on_the_sample_trust() -> None:
    assert main(["validate", str(sample_config())]) == 0


def test_columns_are_the_contract_in_order(metrics: pd.DataFrame) -> None:
    assert list(metrics.columns[: len(METRICS_COLUMNS)]) == list(METRICS_COLUMNS)


def test_vocabularies(metrics: pd.DataFrame) -> None:
    for standard, ids in METRIC_IDS.items():
        found = set(metrics.loc[metrics.standard == standard, "metric"])
        assert found <= ids, found - ids
    assert set(metrics.standard) == {"WRES", "WDES"}
    assert set(metrics.level) == {"organisation", "directorate", "unit"}
    assert set(metrics.group) <= GROUPS
    assert set(metrics.statistic) <= STATISTICS
    bad = {c for c in metrics.category.fillna("") if not CATEGORY.match(c)}
    assert not bad, bad
    assert (
        metrics.loc[metrics.level == "organisation", "unit"]
        == "Northfield and Ashby NHS Foundation Trust"
    ).all()


def test_every_workforce_metric_is_present(metrics: pd.DataFrame) -> None:
    found = set(zip(metrics.standard, metrics.metric, strict=True))
    for key in [("WRES", m) for m in ("1", "2", "3", "4", "9", "leaving")] + [
        ("WDES", m) for m in ("1", "2", "3", "9b", "10", "leaving")
    ]:
        assert key in found, key


def test_directions_follow_nhs_england(metrics: pd.DataFrame) -> None:
    for (standard, metric), direction in DIRECTIONS.items():
        rows = metrics[(metrics.standard == standard) & (metrics.metric == metric)]
        assert set(zip(rows.group, rows.reference_group, strict=True)) == {direction}


def test_ratio_equals_rate_over_rate(metrics: pd.DataFrame) -> None:
    rl = metrics[(metrics.statistic == "relative_likelihood") & metrics.value.notna()]
    assert len(rl) > 50
    pd.testing.assert_series_equal(
        rl.value, rl.rate_group / rl.rate_reference, check_names=False, rtol=1e-9
    )


def test_flags_are_known_words(metrics: pd.DataFrame) -> None:
    words = {w for f in metrics["flags"].dropna() for w in f.split(";") if w}
    assert words <= {
        "small_numbers",
        "outside_four_fifths",
        "significant",
        "reference_no_events",
        "not_calculable",
        "events_exceed_population",
        "not_provided",
        "below_survey_minimum",
    }


def test_reconciliation_accounts_for_every_record(sample_run: Path) -> None:
    rec = pd.read_csv(sample_run / "reconciliation.csv")
    for _, group in rec.groupby(["input", "file"]):
        read = group.loc[group.outcome == "read", "records"].sum()
        used = group.loc[group.outcome == "used", "records"].sum()
        excluded = group.loc[group.outcome == "excluded", "records"].sum()
        assert read == used + excluded > 0
