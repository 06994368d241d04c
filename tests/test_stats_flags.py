"""Flags and Benjamini-Hochberg adjustment."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from wres_wdes.stats import FLAG_ORDER, adjust_p_values, flag_columns, flags, join_flags


def test_flag_order_is_the_results_contract_order():
    assert FLAG_ORDER == (
        "small_numbers",
        "outside_four_fifths",
        "significant",
        "reference_no_events",
        "not_calculable",
    )


def test_flags_are_joined_in_fixed_order():
    out = flags(
        value=[0.5, 1.1, np.nan, 1.3],
        ci_low=[0.3, 0.9, np.nan, 1.1],
        ci_high=[0.8, 1.3, np.nan, 1.6],
        not_calculable=[False, False, True, False],
        events_group=[4, 40, 3, 50],
        events_reference=[30, 60, 0, 60],
    )
    assert list(out) == [
        "small_numbers;outside_four_fifths;significant",
        "",
        "small_numbers;not_calculable",
        "outside_four_fifths;significant",
    ]


def test_small_numbers_rule_fewer_than_10_events_or_11_people():
    f = flag_columns(
        value=[1.0] * 5,
        events_group=[9, 10, 10, 10, 10],
        events_reference=[10, 9, 10, 10, 10],
        n_group=[50, 50, 10, 11, 50],
        n_reference=[50, 50, 50, 50, 50],
    )
    assert f.small_numbers.tolist() == [True, True, True, False, False]


def test_small_numbers_thresholds_are_parameters():
    f = flag_columns(value=[1.0, 1.0], events_group=[4, 5], min_events=5, min_population=0)
    assert f.small_numbers.tolist() == [True, False]


def test_four_fifths_band_is_inclusive_and_can_be_switched_off():
    f = flag_columns(value=[0.79, 0.8, 1.25, 1.26, 0.0])
    assert f.outside_four_fifths.tolist() == [True, False, False, True, True]
    off = flag_columns(value=[0.5], four_fifths=None)
    assert not off.outside_four_fifths[0]


def test_significant_means_interval_excludes_the_null():
    f = flag_columns(value=[1.5, 1.5, 0.0], ci_low=[1.01, 0.99, 0.0], ci_high=[2, 2, 0.9])
    assert f.significant.tolist() == [True, False, True]
    diff = flag_columns(value=[5.0], ci_low=[1.0], ci_high=[9.0], null=0.0, four_fifths=None)
    assert diff.significant[0]
    percent = flag_columns(value=[30.0], ci_low=[25.0], ci_high=[35.0], null=None, four_fifths=None)
    assert not percent.significant[0]


def test_not_calculable_defaults_to_missing_value_and_suppresses_other_judgements():
    f = flag_columns(value=[np.nan], ci_low=[2.0], ci_high=[3.0])
    assert f.iloc[0].tolist() == [False, False, False, False, True]


def test_significance_follows_the_p_value_shown():
    # one procedure: given the p-value shown beside the figure, the flag is p < 0.05
    f = flag_columns(
        value=[2.0, 2.0], ci_low=[1.01, 1.01], ci_high=[3.0, 3.0], p_value=[0.049, 0.051]
    )
    assert f["significant"].tolist() == [True, False]


def test_no_reference_events_is_flagged_outside_the_band_and_significant_by_its_bound():
    # WDES 2, 46 of 161 against 0 of 18: no finite ratio, at least 1.61, p = 0.0085
    f = flag_columns(
        value=[np.nan],
        ci_low=[1.608],
        ci_high=[np.inf],
        not_calculable=[False],
        reference_no_events=[True],
        p_value=[0.0085],
    )
    assert f.iloc[0].to_dict() == {
        "small_numbers": False,
        "outside_four_fifths": True,
        "significant": True,
        "reference_no_events": True,
        "not_calculable": False,
    }


def test_flag_columns_keep_series_index():
    value = pd.Series([1.0, 2.0], index=["a", "b"])
    assert flag_columns(value=value).index.tolist() == ["a", "b"]


def test_join_flags_appends_unknown_flags_after_the_contract_ones():
    frame = pd.DataFrame({"extra": [True], "significant": [True]})
    assert join_flags(frame).tolist() == ["significant;extra"]


# --- Benjamini-Hochberg --------------------------------------------------------


def test_bh_matches_scipy_false_discovery_control():
    p = np.random.default_rng(31).uniform(0, 0.2, 50)
    np.testing.assert_allclose(adjust_p_values(p), stats.false_discovery_control(p))


def test_bh_matches_benjamini_hochberg_1995_worked_example():
    # Benjamini & Hochberg (1995), section 4.1: 15 p-values from a
    # myocardial-infarction study; at q = 0.05 the step-up procedure rejects
    # the four smallest.
    p = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344,
         0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.0000]  # fmt: skip
    rejected = adjust_p_values(p) <= 0.05
    assert rejected.tolist() == [True] * 4 + [False] * 11


def test_bh_ignores_missing_p_values():
    p = np.array([0.01, np.nan, 0.04, 0.03])
    out = adjust_p_values(p)
    assert np.isnan(out[1])
    np.testing.assert_allclose(out[[0, 2, 3]], stats.false_discovery_control([0.01, 0.04, 0.03]))


def test_bh_adjusts_within_groups():
    p = np.array([0.01, 0.02, 0.03, 0.04, 0.05, 0.06])
    metric = ["2", "3", "2", "3", "2", "3"]
    level = ["directorate"] * 6
    out = adjust_p_values(p, pd.DataFrame({"metric": metric, "level": level}))
    np.testing.assert_allclose(out[[0, 2, 4]], stats.false_discovery_control(p[[0, 2, 4]]))
    np.testing.assert_allclose(out[[1, 3, 5]], stats.false_discovery_control(p[[1, 3, 5]]))
    np.testing.assert_allclose(adjust_p_values(p, [metric, level]), out)
    np.testing.assert_allclose(adjust_p_values(p, metric), out)


def test_by_method_is_more_conservative():
    p = [0.001, 0.01, 0.02, 0.04]
    assert (adjust_p_values(p, method="by") >= adjust_p_values(p)).all()


def test_bad_p_values_and_group_lengths_are_refused():
    with pytest.raises(ValueError, match=r"between 0 and 1; row 1 is 1\.5"):
        adjust_p_values([0.1, 1.5])
    with pytest.raises(ValueError, match="groups has 1 rows but p has 2"):
        adjust_p_values([0.1, 0.2], ["a"])
