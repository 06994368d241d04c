"""percent_interval (Wilson) and difference_interval (Mee score; Newcombe hybrid score)."""

import numpy as np
import pandas as pd
import pytest
from scipy import optimize
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

from wres_wdes.stats import difference_interval, percent_interval


def test_wilson_matches_newcombe_1998a_table_i():
    # Newcombe RG (1998) Two-sided confidence intervals for the single
    # proportion, Stat Med 17:857-872, Table I, method 3 (Wilson score):
    # 81/263: 0.2553-0.3662; 15/148: 0.0624-0.1605; 0/20: 0-0.1611; 1/29: 0.0061-0.1718.
    r = percent_interval([81, 15, 0, 1], [263, 148, 20, 29])
    np.testing.assert_allclose(r.ci_low, [25.53, 6.24, 0.0, 0.61], atol=0.005)
    np.testing.assert_allclose(r.ci_high, [36.62, 16.05, 16.11, 17.18], atol=0.005)


def test_wilson_matches_statsmodels_on_many_counts():
    rng = np.random.default_rng(11)
    n = rng.integers(1, 2000, 300)
    x = rng.binomial(n, rng.uniform(0, 1, 300))
    for level in (0.95, 0.9):
        r = percent_interval(x, n, level=level)
        low, high = proportion_confint(x, n, alpha=1 - level, method="wilson")
        np.testing.assert_allclose(r.ci_low, 100 * np.asarray(low), rtol=1e-10, atol=1e-10)
        np.testing.assert_allclose(r.ci_high, 100 * np.asarray(high), rtol=1e-10, atol=1e-10)
        np.testing.assert_allclose(r.value, 100 * x / n)


def test_percent_is_on_the_0_to_100_scale_and_stays_inside_it():
    r = percent_interval([0, 7, 7], [7, 7, 50])
    assert list(r.columns) == ["value", "ci_low", "ci_high", "not_calculable"]
    assert r.ci_low[0] == 0.0 and r.ci_high[1] == 100.0
    assert ((r.ci_low >= 0) & (r.ci_high <= 100)).all()


def test_percent_with_nobody_is_not_calculable():
    r = percent_interval([0, 3], [0, 10])
    assert r.not_calculable.tolist() == [True, False]
    assert r.loc[0, ["value", "ci_low", "ci_high"]].isna().all()


def test_percent_keeps_series_index():
    idx = pd.Index(["band 5", "band 6"])
    r = percent_interval(pd.Series([3, 4], index=idx), pd.Series([30, 40], index=idx))
    assert r.index.equals(idx)


# Newcombe RG (1998) Interval estimation for the difference between independent
# proportions: comparison of eleven methods, Stat Med 17:873-890, Table II,
# method 10 (hybrid score), examples (a)-(h).
NEWCOMBE_TABLE_II = [
    ((56, 70, 48, 80), (0.0524, 0.3339)),
    ((9, 10, 3, 10), (0.1705, 0.8090)),
    ((6, 7, 2, 7), (0.0582, 0.8062)),
    ((5, 56, 0, 29), (-0.0381, 0.1926)),
    ((0, 10, 0, 20), (-0.1611, 0.2775)),
    ((0, 10, 0, 10), (-0.2775, 0.2775)),
    ((10, 10, 0, 20), (0.6791, 1.0000)),
    ((10, 10, 0, 10), (0.6075, 1.0000)),
]


@pytest.mark.parametrize(("counts", "expected"), NEWCOMBE_TABLE_II)
def test_difference_matches_newcombe_1998b_table_ii(counts, expected):
    r = difference_interval(*counts, method="newcombe")
    assert r.ci_low[0] == pytest.approx(100 * expected[0], abs=0.005)
    assert r.ci_high[0] == pytest.approx(100 * expected[1], abs=0.005)


def test_difference_matches_fagerland_perondi_example():
    # Fagerland, Lydersen & Laake (2017) ch. 4, 7/34 vs 1/34: Newcombe hybrid
    # score 0.1765 (0.0189 to 0.3404).
    r = difference_interval(7, 34, 1, 34, method="newcombe")
    assert r.value[0] == pytest.approx(17.65, abs=0.005)
    assert (r.ci_low[0], r.ci_high[0]) == pytest.approx((1.89, 34.04), abs=0.005)


def test_difference_matches_statsmodels_newcomb_on_many_tables():
    rng = np.random.default_rng(12)
    ng, nr = rng.integers(1, 500, 300), rng.integers(1, 500, 300)
    xg, xr = rng.binomial(ng, rng.uniform(0, 1, 300)), rng.binomial(nr, rng.uniform(0, 1, 300))
    r = difference_interval(xg, ng, xr, nr, method="newcombe")
    for i in range(len(xg)):
        low, high = confint_proportions_2indep(
            xg[i], ng[i], xr[i], nr[i], compare="diff", method="newcomb"
        )
        assert r.ci_low[i] == pytest.approx(100 * low, abs=1e-9)
        assert r.ci_high[i] == pytest.approx(100 * high, abs=1e-9)


def test_difference_is_group_minus_reference():
    r = difference_interval(30, 100, 10, 100)
    assert r.value[0] == pytest.approx(20.0)


def test_difference_with_an_empty_group_is_not_calculable():
    r = difference_interval([0, 3], [0, 10], [2, 0], [10, 0])
    assert r.not_calculable.all()
    assert r[["value", "ci_low", "ci_high"]].isna().all(axis=None)


def _mee_score_by_numerical_likelihood(delta, x1, n1, x2, n2):
    """Mee's score statistic with the constrained estimate found numerically (not by the
    Farrington-Manning cubic the library uses): an independent check."""
    lo, hi = max(0.0, -delta), min(1.0, 1.0 - delta)

    def negative_log_likelihood(p2):
        p1, eps = p2 + delta, 1e-300
        return -(
            x1 * np.log(max(p1, eps))
            + (n1 - x1) * np.log(max(1 - p1, eps))
            + x2 * np.log(max(p2, eps))
            + (n2 - x2) * np.log(max(1 - p2, eps))
        )

    p2 = optimize.minimize_scalar(
        negative_log_likelihood, bounds=(lo, hi), method="bounded", options={"xatol": 1e-14}
    ).x
    p1 = p2 + delta
    return (x1 / n1 - x2 / n2 - delta) / np.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)


@pytest.mark.parametrize(
    "table", [(56, 70, 48, 80), (7, 34, 1, 34), (90, 109, 0, 15), (3, 10, 9, 10), (5, 500, 1, 40)]
)
def test_mee_score_limits_solve_the_score_equation(table):
    # the limits are where the score statistic, with its constrained MLE computed
    # independently, equals -+1.95996 (Mee 1984)
    r = difference_interval(*table)
    low, high = r.ci_low[0] / 100, r.ci_high[0] / 100
    assert _mee_score_by_numerical_likelihood(low, *table) == pytest.approx(1.959964, abs=1e-5)
    assert _mee_score_by_numerical_likelihood(high, *table) == pytest.approx(-1.959964, abs=1e-5)


def test_mee_interval_reaches_the_edges_only_at_all_or_nothing():
    r = difference_interval([10, 0], [10, 10], [0, 10], [10, 10])
    assert r.ci_high[0] == pytest.approx(100.0) and 0 < r.ci_low[0] < 100
    assert r.ci_low[1] == pytest.approx(-100.0) and -100 < r.ci_high[1] < 0
