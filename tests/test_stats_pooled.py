"""mantel_haenszel: pooled ratio, Greenland-Robins interval, CMH test, homogeneity."""

import numpy as np
import pandas as pd
import pytest
from scipy.stats.contingency import relative_risk
from statsmodels.stats.contingency_tables import StratifiedTable
from statsmodels.stats.meta_analysis import combine_effects

from wres_wdes.stats import mantel_haenszel

# Doll & Hill (1950), smoking and lung cancer, two strata, as analysed in
# Fagerland, Lydersen & Laake (2017) Statistical Analysis of Contingency
# Tables, chapter 10 (values printed by their R package contingencytables,
# tests/testthat/test-ch10.R).
DOLL_HILL = ([647, 41], [1269, 69], [2, 19], [29, 51])


def _stratified_table(a, n1, c, n0):
    tables = [np.array([[a[i], n1[i] - a[i]], [c[i], n0[i] - c[i]]]) for i in range(len(a))]
    return StratifiedTable(np.stack(tables, axis=2).astype(float))


def test_matches_fagerland_doll_hill_example():
    # MH ratio 2.4751 (Wald CI with Greenland-Robins variance 1.5831 to 3.8698);
    # Cochran-Mantel-Haenszel T0 = 24.920.
    r = mantel_haenszel(*DOLL_HILL)
    assert r.value.iloc[0] == pytest.approx(2.4751, abs=5e-5)
    assert r.ci_low.iloc[0] == pytest.approx(1.5831, abs=5e-5)
    assert r.ci_high.iloc[0] == pytest.approx(3.8698, abs=5e-5)
    assert r.p_value.iloc[0] == pytest.approx(
        _stratified_table(*DOLL_HILL).test_null_odds(correction=False).pvalue
    )


def test_point_estimate_and_cmh_test_match_statsmodels_on_random_strata():
    rng = np.random.default_rng(41)
    for _ in range(20):
        k = int(rng.integers(2, 12))
        n1, n0 = rng.integers(1, 200, k), rng.integers(1, 400, k)
        a, c = rng.binomial(n1, 0.15), rng.binomial(n0, 0.1)
        if c.sum() == 0:
            continue
        st = _stratified_table(a, n1, c, n0)
        r = mantel_haenszel(a, n1, c, n0)
        assert r.value.iloc[0] == pytest.approx(st.riskratio_pooled, rel=1e-12)
        assert r.p_value.iloc[0] == pytest.approx(
            st.test_null_odds(correction=False).pvalue, rel=1e-9
        )


def test_one_stratum_reduces_to_katz_from_scipy():
    # The Greenland-Robins variance equals Katz's for a single table.
    r = mantel_haenszel([27], [122], [44], [487])
    ci = relative_risk(27, 122, 44, 487).confidence_interval()
    assert (r.ci_low.iloc[0], r.ci_high.iloc[0]) == pytest.approx((ci.low, ci.high), rel=1e-12)


def test_homogeneity_q_matches_statsmodels_meta_analysis():
    a, n1, c, n0 = [12, 30, 5, 40], [60, 90, 50, 100], [20, 25, 30, 35], [200, 150, 210, 160]
    y = np.log(np.divide(a, n1)) - np.log(np.divide(c, n0))
    v = 1 / np.array(a) - 1 / np.array(n1) + 1 / np.array(c) - 1 / np.array(n0)
    meta = combine_effects(y, v)
    r = mantel_haenszel(a, n1, c, n0)
    assert r.q_statistic.iloc[0] == pytest.approx(meta.q, rel=1e-10)
    assert r.q_df.iloc[0] == 3
    assert r.i_squared.iloc[0] == pytest.approx(100 * meta.i2, rel=1e-10)


def test_consistent_gap_is_homogeneous_and_reversed_gaps_are_not():
    same = mantel_haenszel([20, 40, 10], [100, 200, 50], [10, 20, 5], [100, 200, 50])
    assert same.value.iloc[0] == pytest.approx(2.0)
    assert same.homogeneity_p_value.iloc[0] == pytest.approx(1.0)
    reversed_ = mantel_haenszel([60, 10], [200, 200], [10, 60], [200, 200])
    assert reversed_.homogeneity_p_value.iloc[0] < 0.001


def test_pooling_separates_composition_from_the_within_directorate_gap():
    # Simpson's paradox: the same rate in both groups within each directorate,
    # but the group is concentrated in the directorate with higher rates.
    r = mantel_haenszel([40, 2], [100, 20], [8, 20], [20, 200])
    assert r.value.iloc[0] == pytest.approx(1.0)
    assert r.crude_value.iloc[0] > 2


def test_many_pools_at_once_equal_separate_calls():
    rng = np.random.default_rng(42)
    size = 60
    pool = rng.choice(["Trust A", "Trust B", "Trust C"], size)
    n1, n0 = rng.integers(1, 100, size), rng.integers(1, 300, size)
    a, c = rng.binomial(n1, 0.2), rng.binomial(n0, 0.12)
    together = mantel_haenszel(a, n1, c, n0, pool=pool)
    assert together.index.tolist() == ["Trust A", "Trust B", "Trust C"]
    for name in together.index:
        rows = pool == name
        alone = mantel_haenszel(a[rows], n1[rows], c[rows], n0[rows])
        pd.testing.assert_series_equal(
            together.loc[name], alone.iloc[0], check_names=False, rtol=1e-12
        )


def test_zero_conventions():
    none_in_reference = mantel_haenszel([3, 4], [20, 20], [0, 0], [30, 30])
    assert none_in_reference.not_calculable.iloc[0]
    assert np.isnan(none_in_reference.value.iloc[0])
    none_in_group = mantel_haenszel([0, 0], [20, 20], [3, 4], [30, 30])
    assert none_in_group.value.iloc[0] == 0.0 and none_in_group.ci_low.iloc[0] == 0.0
    assert np.isnan(none_in_group.ci_high.iloc[0])


def test_empty_and_uninformative_strata_are_left_out():
    with_empty = mantel_haenszel([10, 0, 0, 5], [50, 0, 30, 40], [12, 3, 0, 9], [60, 10, 30, 50])
    without = mantel_haenszel([10, 5], [50, 40], [12, 9], [60, 50])
    assert with_empty.value.iloc[0] == pytest.approx(without.value.iloc[0])
    assert with_empty.strata.iloc[0] == 3  # the stratum with no group members is dropped
    assert with_empty.q_df.iloc[0] == 1  # and the one with no events says nothing for Q


def test_zero_cell_strata_enter_q_with_half_added():
    r = mantel_haenszel([0, 10], [20, 50], [5, 10], [30, 60])
    y = np.log([0.5 / 21, 10 / 50]) - np.log([5.5 / 31, 10 / 60])
    v = np.array([1 / 0.5 - 1 / 21 + 1 / 5.5 - 1 / 31, 1 / 10 - 1 / 50 + 1 / 10 - 1 / 60])
    assert r.q_statistic.iloc[0] == pytest.approx(combine_effects(y, v).q)
