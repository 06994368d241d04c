"""Results that carry their meaning: metadata, nesting, the round trip, compare, wide,
overall, flags, and charts drawn into a given Axes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.figure import Figure
from test_write_trend import _applications  # shortlisted/appointed White and BME

import wres_wdes
from wres_wdes import Config, calculate, load, load_frames
from wres_wdes.results import META_COLUMNS, METRICS_COLUMNS, RESULTS_VERSION, Results
from wres_wdes.stats import ratio_of_ratios

# --- small inputs, every figure countable by hand ---------------------------------------


def _staff(org: str, directorate: str, unit: str, white: int, bme: int, start: int = 0):
    rows = [("A", i) for i in range(white)] + [("N", white + i) for i in range(bme)]
    return pd.DataFrame(
        {
            "person_id": [f"{org[:3]}{unit[:3]}{start + i}" for _, i in rows],
            "ethnicity": [code for code, _ in rows],
            "organisation": org,
            "directorate": directorate,
            "unit": unit,
        }
    )


def _cases(staff: pd.DataFrame, code: str, n: int, date: str) -> pd.DataFrame:
    people = staff.loc[staff["ethnicity"] == code, "person_id"].iloc[:n]
    return pd.DataFrame({"person_id": people.to_numpy(), "start_date": date})


# --- the round trip ------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_results() -> Results:
    return calculate(load(wres_wdes.sample_config()))


def test_the_sample_run_round_trips_byte_for_byte(sample_results, tmp_path: Path) -> None:
    sample_results.to_csv(tmp_path / "a.csv")
    back = Results.read_csv(tmp_path / "a.csv")
    back.to_csv(tmp_path / "b.csv")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    pd.testing.assert_frame_equal(back.frame, sample_results.frame, check_dtype=False)
    assert back.frame["year"].dtype == np.int64 and back.frame["metric"].iloc[0] == "1"
    assert back.meta == sample_results.meta


def test_new_columns_come_after_the_contracts(sample_results) -> None:
    columns = list(sample_results.frame.columns)
    assert columns[: len(METRICS_COLUMNS)] == list(METRICS_COLUMNS)
    assert columns[-len(META_COLUMNS) :] == list(META_COLUMNS)


def test_the_meta_says_what_the_figures_are(sample_results) -> None:
    meta = sample_results.meta
    # the sample trust is reporting year 2024 (sample_data/config.toml)
    assert meta.organisations == ("Northfield and Ashby NHS Foundation Trust",)
    assert meta.reporting_year == 2024
    assert meta.census_date == dt.date(2024, 3, 31)
    assert meta.data_year == (dt.date(2023, 4, 1), dt.date(2024, 3, 31))
    assert meta.confidence_level == 0.95
    assert meta.results_version == RESULTS_VERSION
    assert meta.package_version == wres_wdes.__version__
    # WRES 3: the two-year rolling window by default (reference/wres.md §4)
    assert meta.window_years[("WRES", "3")] == 2 and meta.window_years[("WRES", "2")] == 1
    assert meta.window("WRES", 3) == (dt.date(2022, 4, 1), dt.date(2024, 3, 31))
    assert "Koopman score interval" in meta.methods["relative_likelihood"][0]
    with pytest.raises(ValueError, match="WRES 99 is not in these results"):
        meta.window("WRES", 99)


def test_several_organisations_and_formula_text_round_trip(tmp_path: Path) -> None:
    # two trusts whose names and units a spreadsheet would run as formulas; a unit
    # name used in two directorates (two parents, written as a JSON list)
    staff = pd.concat(
        [
            _staff("=Evil Trust", "+Directorate", "@Ward", 12, 6),
            _staff("=Evil Trust", "Medicine", "@Ward", 5, 5, start=100),
            _staff("'Quoted Trust", "-Surgery", "[Theatres]", 8, 4),
        ]
    )
    apps = staff.assign(
        application_id=lambda f: f["person_id"] + "x", shortlisted="Yes", appointed="No"
    )[["application_id", "shortlisted", "appointed", "ethnicity", "organisation", "directorate"]]
    apps.loc[apps.index[::3], "appointed"] = "Yes"
    config = Config(
        organisation_name="System",
        year=2025,
        levels=("directorate", "unit"),
        organisation_column="organisation",
    )
    results = calculate(load_frames({"staff": staff, "applications": apps}, config))
    results.to_csv(tmp_path / "a.csv")
    text = (tmp_path / "a.csv").read_text(encoding="utf-8")
    assert "'=Evil Trust" in text and "''Quoted Trust" in text and "'@Ward" in text
    back = Results.read_csv(tmp_path / "a.csv")
    back.to_csv(tmp_path / "b.csv")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert sorted(back.meta.organisations) == ["'Quoted Trust", "=Evil Trust"]
    assert back.meta.reporting_year == 2025
    nesting = back.nesting.set_index(["organisation", "level", "unit"]).sort_index()
    ward = nesting.loc[("=Evil Trust", "unit", "@Ward")]
    assert sorted(ward["parent_unit"]) == ["+Directorate", "Medicine"]
    assert nesting.loc[("'Quoted Trust", "unit", "[Theatres]"), "parent_unit"] == "-Surgery"
    assert nesting.loc[("'Quoted Trust", "directorate", "-Surgery"), "parent_unit"] == (
        "'Quoted Trust"
    )


# --- nesting, overall, flags -----------------------------------------------------------


def test_nesting_of_the_tiny_trust(tiny_trust: Path) -> None:
    # conftest STAFF_CSV: Ward 1 and Ward 2 in Medicine, Finance in Corporate
    results = calculate(load(tiny_trust))
    pairs = {
        (r.level, r.unit): (r.parent_level, r.parent_unit)
        for r in results.nesting.itertuples(index=False)
    }
    assert pairs[("unit", "Ward 1")] == ("directorate", "Medicine")
    assert pairs[("unit", "Ward 2")] == ("directorate", "Medicine")
    assert pairs[("unit", "Finance")] == ("directorate", "Corporate")
    assert pairs[("directorate", "Medicine")] == ("organisation", "Test Trust")
    overall = results.overall
    assert set(overall["level"]) == {"organisation"} and set(overall["unit"]) == {"Test Trust"}
    assert len(overall) == (results.frame["level"] == "organisation").sum() > 0


def _rows(*flags: str) -> Results:
    return Results(pd.DataFrame({"level": "unit", "unit": list("abcd"), "flags": list(flags)}))


def test_flag_is_a_boolean_series_and_never_matches_part_of_a_name() -> None:
    results = _rows("significant", "significant_adjusted", "small_numbers;significant", "")
    assert results.flag("significant").tolist() == [True, False, True, False]
    assert results.flag("significant_adjusted").tolist() == [False, True, False, False]
    assert results.flags_present() == ["small_numbers", "significant", "significant_adjusted"]
    table = results.flag_table()
    assert table.dtypes.eq(bool).all() and table["small_numbers"].sum() == 1
    with pytest.raises(ValueError, match="no flag 'signficant'"):
        results.flag("signficant")


# --- wide ------------------------------------------------------------------------------


def _figure(metric: str, level: str, unit: str, value: float, category: str = "", **kw) -> dict:
    return {
        "standard": "WRES",
        "metric": metric,
        "level": level,
        "unit": unit,
        "category": category,
        "group": "White",
        "reference_group": "BME",
        "statistic": "relative_likelihood",
        "value": value,
        "flags": "",
        "organisation": "T",
        **kw,
    }


def test_wide_gives_units_by_metrics_in_by_unit_order() -> None:
    rows = [
        _figure("2", "unit", "Ward 2", 0.9),
        _figure("2", "unit", "Ward 1", 1.5),
        _figure("2", "directorate", "Medicine", 1.2),
        _figure("2", "organisation", "T", 1.1),
        _figure("3", "organisation", "T", 2.0),
        _figure("3", "unit", "Ward 1", 3.0),
        _figure("4a", "organisation", "T", 0.5, category="managers"),
        # metric 1 has no reference group: not a comparison, not in wide()
        _figure("1", "organisation", "T", 40.0, reference_group="", statistic="percent"),
    ]
    # the level with fewer units is the coarser, as in by_unit; units in name order
    wide = Results(pd.DataFrame(rows)).wide()
    assert list(wide.columns) == ["WRES 2", "WRES 3", "WRES 4a managers"]
    assert list(wide.index) == [
        ("organisation", "T"),
        ("directorate", "Medicine"),
        ("unit", "Ward 1"),
        ("unit", "Ward 2"),
    ]
    assert wide.loc[("unit", "Ward 1"), "WRES 3"] == 3.0
    assert np.isnan(wide.loc[("directorate", "Medicine"), "WRES 3"])
    assert wide.loc[("organisation", "T"), "WRES 4a managers"] == 0.5
    with pytest.raises(ValueError, match="no column 'valu'"):
        Results(pd.DataFrame(rows)).wide("valu")


# --- compare ---------------------------------------------------------------------------


def _two_years(year: int, white_cases: tuple[int, int], bme_cases: tuple[int, int]):
    """100 White and 50 BME staff; disciplinary cases in each data year of the window
    (earlier data year, later data year)."""
    staff = _staff("Trust", "D", "U", 100, 50)[["person_id", "ethnicity"]]
    cases = []
    for code, (first, second) in (("A", white_cases), ("N", bme_cases)):
        people = staff[staff["ethnicity"] == code]
        cases.append(_cases(people, code, first, f"{year - 2}-06-01"))
        cases.append(_cases(people.iloc[first:], code, second, f"{year - 1}-06-01"))
    return staff, pd.concat(cases, ignore_index=True)


def _run(year: int, white_apps, bme_apps, white_cases, bme_cases) -> Results:
    staff, cases = _two_years(year, white_cases, bme_cases)
    config = Config(organisation_name="Trust", year=year)
    frames = {
        "staff": staff,
        "disciplinary": cases,
        "applications": _applications(white_apps, bme_apps),
    }
    return calculate(load_frames(frames, config))


@pytest.fixture(scope="module")
def change() -> pd.DataFrame:
    earlier = _run(2023, (100, 20), (550, 50), (2, 2), (3, 3))
    later = _run(2024, (100, 32), (550, 55), (3, 3), (1, 2))
    return later.compare(earlier).set_index(["metric", "category", "group"])


def test_compare_a_one_year_ratio(change) -> None:
    row = change.loc[("2", "", "White")]
    # WRES 2, White ÷ BME: 20/100 ÷ 50/550 = 2.2, then 32/100 ÷ 55/550 = 3.2 (wres.md §1.2)
    assert row["value_earlier"] == pytest.approx(2.2)
    assert row["value"] == pytest.approx(3.2)
    assert row["change"] == pytest.approx(3.2 / 2.2)
    assert row["difference"] == pytest.approx(1.0)
    assert (row["year_earlier"], row["year"], row["change_scale"]) == (2023, 2024, "ratio")
    reference = ratio_of_ratios((20, 100, 50, 550), (32, 100, 55, 550))
    assert (row["change_low"], row["change_high"]) == pytest.approx(
        (reference["ci_low"][0], reference["ci_high"][0])
    )
    assert not row["change_significant"]


def test_compare_a_two_year_window_pools_both_years_counts(change) -> None:
    row = change.loc[("3", "", "BME")]
    # WRES 3, BME ÷ White, mean cases per year over the census headcount:
    # 2023: BME (3+3)/2 = 3 of 50, White (2+2)/2 = 2 of 100: 0.06 / 0.02 = 3.0
    # 2024: BME (1+2)/2 = 1.5 of 50, White (3+3)/2 = 3 of 100: 0.03 / 0.03 = 1.0
    assert row["value_earlier"] == pytest.approx(3.0)
    assert row["value"] == pytest.approx(1.0)
    assert row["change"] == pytest.approx(1 / 3)
    # the interval pools both data years: 6 BME cases in 100 person-years against 4
    # White in 200 (2023); 3 in 100 against 6 in 200 (2024), never 1.5 people of 50
    pooled = ratio_of_ratios((6, 100, 4, 200), (3, 100, 6, 200))
    assert (row["change_low"], row["change_high"]) == pytest.approx(
        (pooled["ci_low"][0], pooled["ci_high"][0])
    )
    naive = ratio_of_ratios((3, 50, 2, 100), (1.5, 50, 3, 100))
    assert row["change_low"] != pytest.approx(naive["ci_low"][0])


def test_compare_a_census_share_is_exact_and_untested(change) -> None:
    row = change.loc[("1", "all", "BME")]
    # 50 of 150 staff are BME in both years: 33.3% then 33.3%, a complete count
    assert row["value"] == pytest.approx(100 * 50 / 150)
    assert row["change"] == pytest.approx(0.0)
    assert row["change_scale"] == "difference"
    assert np.isnan(row["change_low"]) and not row["change_significant"]
    assert row["change_method"].startswith("none: complete counts")


def test_compare_needs_results() -> None:
    with pytest.raises(TypeError, match="earlier year's Results"):
        _rows("", "", "", "").compare(pd.DataFrame())


def test_compare_refuses_the_same_year_or_another_organisation() -> None:
    from wres_wdes import UsageError

    later = _run(2024, (100, 32), (550, 55), (3, 3), (1, 2))
    # the same year (or a later one) as "earlier": every change would be 0 or reversed
    with pytest.raises(UsageError, match="later year with an earlier one"):
        later.compare(later)
    # another organisation: no figure could match, and an empty table would say nothing
    staff, cases = _two_years(2023, (2, 2), (3, 3))
    other = calculate(
        load_frames(
            {"staff": staff, "disciplinary": cases},
            Config(organisation_name="Another Trust", year=2023),
        )
    )
    with pytest.raises(UsageError, match="share none"):
        later.compare(other)


# --- charts into a given Axes ------------------------------------------------------------


def test_plot_forest_draws_into_the_given_axes_in_nesting_order(sample_results) -> None:
    figure = Figure()
    ax = figure.add_subplot()
    assert (
        sample_results.plot_forest("WRES", 2, ax=ax, levels=["organisation", "directorate"]) is ax
    )
    rows = sample_results.by_unit("WRES", 2)
    directorates = sorted(rows.loc["directorate"].index)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [sample_results.meta.organisations[0], *directorates]
    # per level: a line collection of intervals and a scatter of markers
    assert sum(isinstance(c, LineCollection) for c in ax.collections) == 2
    markers = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert sum(len(c.get_offsets()) for c in markers) >= 1 + len(directorates)
    assert ax.get_xscale() == "log"


def test_plot_forest_puts_each_unit_under_its_directorate(sample_results) -> None:
    ax = Figure().add_subplot()
    sample_results.plot_forest("WRES", 2, ax=ax)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    parents = sample_results.nesting.set_index(["level", "unit"])["parent_unit"]
    current = None
    for label in labels[1:]:
        if ("directorate", label) in parents.index:
            current = label
        else:
            assert parents.loc[("unit", label)] == current, label


def test_plot_funnel_draws_every_unit(sample_results) -> None:
    ax = Figure().add_subplot()
    assert sample_results.plot_funnel("WRES", 2, level="unit", ax=ax) is ax
    units = sample_results.by_unit("WRES", 2).loc["unit"]
    drawn = sum(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection))
    assert drawn == units["value"].notna().sum()
    with pytest.raises(ValueError, match="no level 'ward'"):
        sample_results.plot_funnel("WRES", 2, level="ward", ax=ax)


def test_the_report_chart_and_the_api_draw_with_one_function(monkeypatch, sample_results):
    from wres_wdes import results_plots
    from wres_wdes.write import charts

    assert charts.draw_forest is results_plots.draw_forest
    assert charts.draw_funnel is results_plots.draw_funnel


def test_compare_a_ratio_with_more_events_than_people_is_left_untested() -> None:
    from wres_wdes.results_compare import METHOD_EXCEED, compare_frames

    # leaving in a small unit: 6 leavers of a census headcount of 5 (measure flags it
    # events_exceed_population); the change is the ratio of the two years' ratios,
    # (3/5 ÷ 2/10) ÷ (6/5 ÷ 2/10) = 0.5, with no interval
    def year(y: int, leavers: int) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "organisation": ["T"], "standard": ["WRES"], "metric": ["leaving"],
                "level": ["unit"], "unit": ["Ward"], "category": [""], "group": ["BME"],
                "reference_group": ["White"], "statistic": ["relative_likelihood"],
                "events_group": [leavers], "n_group": [5], "events_reference": [2],
                "n_reference": [10], "value": [(leavers / 5) / 0.2], "ci_low": [np.nan],
                "ci_high": [np.nan], "method": ["koopman"], "year": [y], "window_years": [1],
            }
        )  # fmt: skip

    change = compare_frames(year(2024, 3), year(2023, 6)).iloc[0]
    assert change["change"] == pytest.approx(0.5)
    assert np.isnan(change["change_low"]) and not change["change_significant"]
    assert change["change_method"] == METHOD_EXCEED
