"""relative_likelihood: published values, independent implementations, conventions."""

import numpy as np
import pandas as pd
import pytest
from scipy.stats.contingency import relative_risk
from statsmodels.stats.proportion import confint_proportions_2indep

from wres_wdes.stats import relative_likelihood
from wres_wdes.stats.ratio import _koopman_score

COLUMNS = [
    "rate_group",
    "rate_reference",
    "value",
    "ci_low",
    "ci_high",
    "not_calculable",
    "reference_no_events",
]


def _random_tables(seed, size, max_n=300, interior=False):
    rng = np.random.default_rng(seed)
    ng = rng.integers(1, max_n, size)
    nr = rng.integers(1, max_n, size)
    xg = rng.binomial(ng, rng.uniform(0, 1, size) ** 2)
    xr = rng.binomial(nr, rng.uniform(0, 1, size) ** 2)
    keep = xr > 0
    if interior:  # statsmodels' cubic picks the wrong root when a rate is 0 or 1
        keep &= (xg > 0) & (xg < ng) & (xr < nr)
    return xg[keep], ng[keep], xr[keep], nr[keep]


# --- published worked examples ------------------------------------------------


def test_katz_matches_sahai_khurshid_example_3_1():
    # Sahai H, Khurshid A (1996) Statistics in Epidemiology, Example 3.1, as
    # quoted in scipy.stats.contingency.relative_risk: 27/122 vs 44/487,
    # RR 2.4495, 95% CI 1.5837 to 3.7887.
    r = relative_likelihood(27, 122, 44, 487, method="katz")
    assert r.value[0] == pytest.approx(2.4495, abs=5e-5)
    assert r.ci_low[0] == pytest.approx(1.5837, abs=5e-5)
    assert r.ci_high[0] == pytest.approx(3.7887, abs=5e-5)


@pytest.mark.parametrize(
    ("method", "low", "high"),
    [
        # Fagerland, Lydersen & Laake (2017), Statistical Analysis of Contingency
        # Tables, chapter 4 (Perondi et al. 2004 epinephrine trial, 7/34 vs 1/34);
        # four-decimal values as printed by the authors' R package
        # contingencytables (tests/testthat/test-ch4.R). Fagerland et al. (2015,
        # SMMR) give the same to two figures: Katz 0.91-54, Koopman 1.21-43.
        ("katz", 0.9096, 53.8695),
        ("koopman", 1.2209, 42.5757),
        ("mover_wilson", 1.1537, 41.9763),
    ],
)
def test_interval_methods_match_fagerland_perondi_example(method, low, high):
    r = relative_likelihood(7, 34, 1, 34, method=method)
    assert r.value[0] == pytest.approx(7.0)
    assert r.ci_low[0] == pytest.approx(low, abs=5e-5)
    assert r.ci_high[0] == pytest.approx(high, abs=5e-5)


def test_default_method_is_koopman():
    default = relative_likelihood(7, 34, 1, 34)
    koopman = relative_likelihood(7, 34, 1, 34, method="koopman")
    pd.testing.assert_frame_equal(default, koopman)


# --- independent implementations --------------------------------------------


def test_katz_matches_scipy_relative_risk_on_many_tables():
    xg, ng, xr, nr = _random_tables(1, 400)
    xg, ng, xr, nr = xg[xg > 0], ng[xg > 0], xr[xg > 0], nr[xg > 0]
    for level in (0.95, 0.9):
        r = relative_likelihood(xg, ng, xr, nr, method="katz", level=level)
        for i in range(len(xg)):
            ci = relative_risk(int(xg[i]), int(ng[i]), int(xr[i]), int(nr[i])).confidence_interval(
                confidence_level=level
            )
            assert r.ci_low[i] == pytest.approx(ci.low, rel=1e-12)
            assert r.ci_high[i] == pytest.approx(ci.high, rel=1e-12)


def test_katz_zero_group_events_follows_scipy_convention():
    # scipy (after R's epitools) gives (0, nan) when the group has no events.
    ci = relative_risk(0, 20, 5, 200).confidence_interval()
    r = relative_likelihood(0, 20, 5, 200, method="katz")
    assert (r.ci_low[0], np.isnan(r.ci_high[0])) == (ci.low, bool(np.isnan(ci.high)))


def test_koopman_matches_statsmodels_score_without_correction():
    # statsmodels solves Nam's (1995) cubic; we search the score statistic
    # directly, so agreement is a genuine cross-check of two algorithms. The
    # cubic loses a few digits when a rate is near 0 or 1 (our limits satisfy
    # the score equation to 1e-8 there, see below), hence rel=1e-5.
    xg, ng, xr, nr = _random_tables(2, 400, interior=True)
    for level in (0.95, 0.8):
        r = relative_likelihood(xg, ng, xr, nr, level=level)
        for i in range(len(xg)):
            low, high = confint_proportions_2indep(
                xg[i], ng[i], xr[i], nr[i],
                compare="ratio", method="score", correction=False, alpha=1 - level,
            )  # fmt: skip
            assert r.ci_low[i] == pytest.approx(low, rel=1e-5)
            assert r.ci_high[i] == pytest.approx(high, rel=1e-5)


def test_koopman_with_no_group_events_matches_statsmodels_upper_limit():
    # Fagerland et al. (2017) ch. 4 example: 0/16 vs 15/72.
    _, high = confint_proportions_2indep(
        0, 16, 15, 72, compare="ratio", method="score", correction=False
    )
    r = relative_likelihood(0, 16, 15, 72)
    assert r.ci_low[0] == 0.0
    assert r.ci_high[0] == pytest.approx(high, rel=1e-8)


def test_koopman_limits_solve_the_score_equation_at_the_edges_statsmodels_misses():
    # Reference rate 1 (all reference staff had the event), where statsmodels'
    # cubic-root choice fails: the limits must still give score = -/+ z.
    r = relative_likelihood([2, 30, 5], [136, 40, 5], [91, 10, 5], [91, 10, 5])
    z = 1.959963984540054
    for bound, sign in (("ci_low", 1.0), ("ci_high", -1.0)):
        score = _koopman_score(
            np.log(r[bound].to_numpy()),
            np.array([2.0, 30, 5]), np.array([136.0, 40, 5]),
            np.array([91.0, 10, 5]), np.array([91.0, 10, 5]),
        )  # fmt: skip
        np.testing.assert_allclose(score, sign * z, rtol=1e-8)


def test_koopman_all_events_in_both_groups_has_closed_form():
    # Derivation: with every person an event in both groups the constrained MLE
    # is on the boundary and the limits are n_g/(n_g+z^2) and 1 + z^2/n_r.
    z2 = 1.959963984540054**2
    r = relative_likelihood(5, 5, 8, 8)
    assert r.ci_low[0] == pytest.approx(5 / (5 + z2), rel=1e-9)
    assert r.ci_high[0] == pytest.approx(1 + z2 / 8, rel=1e-9)


def test_mover_wilson_follows_donner_zou_formula_from_statsmodels_wilson_limits():
    from statsmodels.stats.proportion import proportion_confint

    xg, ng, xr, nr = _random_tables(3, 200)
    r = relative_likelihood(xg, ng, xr, nr, method="mover_wilson")
    for i in range(len(xg)):
        p1, p2 = xg[i] / ng[i], xr[i] / nr[i]
        l1, u1 = proportion_confint(xg[i], ng[i], method="wilson")
        l2, u2 = proportion_confint(xr[i], nr[i], method="wilson")
        root = max((p1 * p2) ** 2 - l1 * u2 * (2 * p1 - l1) * (2 * p2 - u2), 0.0)
        low = (p1 * p2 - np.sqrt(root)) / (u2 * (2 * p2 - u2))
        high = (p1 * p2 + np.sqrt((p1 * p2) ** 2 - u1 * l2 * (2 * p1 - u1) * (2 * p2 - l2))) / (
            l2 * (2 * p2 - l2)
        )
        if xg[i] == 0:  # lower limit exactly 0 (statsmodels' Wilson gives l1 ~ 1e-18)
            low = 0.0
        assert r.ci_low[i] == pytest.approx(max(low, 0.0), rel=1e-9, abs=1e-12)
        assert r.ci_high[i] == pytest.approx(high, rel=1e-9)


# --- conventions and shape ---------------------------------------------------


def test_columns_and_rates_are_proportions():
    r = relative_likelihood([10, 3], [100, 30], [20, 6], [100, 30])
    assert list(r.columns) == COLUMNS
    np.testing.assert_allclose(r.rate_group, [0.1, 0.1])
    np.testing.assert_allclose(r.rate_reference, [0.2, 0.2])
    np.testing.assert_allclose(r.value, [0.5, 0.5])


@pytest.mark.parametrize("method", ["koopman", "mover_wilson", "katz"])
def test_no_group_events_gives_zero_with_lower_limit_zero(method):
    r = relative_likelihood(0, 40, 8, 60, method=method)
    assert r.value[0] == 0.0
    assert r.ci_low[0] == 0.0
    assert not r.not_calculable[0]
    if method != "katz":
        assert np.isfinite(r.ci_high[0]) and r.ci_high[0] > 0


@pytest.mark.parametrize(
    "table",
    [(0, 40, 0, 60), (0, 0, 5, 60), (3, 40, 0, 0), (np.nan, 40, 5, 60)],
    ids=["no-events", "empty-group", "empty-reference", "missing"],
)
@pytest.mark.parametrize("method", ["koopman", "mover_wilson", "katz"])
def test_not_calculable_rows_are_empty_and_flagged(table, method):
    r = relative_likelihood(*table, method=method)
    assert r.not_calculable[0] and not r.reference_no_events[0]
    assert r[["value", "ci_low", "ci_high"]].isna().all(axis=None)


@pytest.mark.parametrize(
    ("table", "bound"),
    [
        # statsmodels confint_proportions_2indep(..., compare="ratio", method="score",
        # correction=False): (1.6080592, inf), (4.0478058, inf), (0.3030784, inf)
        ((46, 161, 0, 18), 1.6080592022),
        ((3, 10, 0, 50), 4.0478058211),
        ((1, 5, 0, 5), 0.3030784390),
    ],
)
def test_no_reference_events_gives_the_one_sided_koopman_bound(table, bound):
    # issue 13: WDES 2, 46 of 161 against 0 of 18 - the most extreme disparity must not
    # be the quietest. The ratio has no finite value; the data say it is at least this.
    r = relative_likelihood(*table)
    assert r.reference_no_events[0] and not r.not_calculable[0]
    assert np.isnan(r.value[0])
    assert r.ci_low[0] == pytest.approx(bound, rel=1e-8)
    assert r.ci_high[0] == np.inf


def test_no_reference_events_bounds_by_mover_wilson_and_not_by_katz():
    mover = relative_likelihood(46, 161, 0, 18, method="mover_wilson")
    assert 0 < mover.ci_low[0] < np.inf and mover.ci_high[0] == np.inf
    katz = relative_likelihood(46, 161, 0, 18, method="katz")
    assert np.isnan(katz.ci_low[0]) and katz.ci_high[0] == np.inf


def test_rates_are_kept_where_a_population_exists_even_if_not_calculable():
    r = relative_likelihood(3, 40, 0, 60)
    assert r.rate_group[0] == pytest.approx(0.075)
    assert r.rate_reference[0] == 0.0


def test_series_index_is_kept_and_scalars_broadcast():
    idx = pd.Index(["Surgery", "Medicine", "Estates"], name="directorate")
    r = relative_likelihood(pd.Series([5, 7, 9], index=idx), 50, pd.Series([10, 10, 10]), 200)
    assert r.index.equals(idx)
    np.testing.assert_allclose(r.rate_group, [0.1, 0.14, 0.18])


def test_identical_rows_get_identical_results():
    r = relative_likelihood([4, 9, 4], [30, 50, 30], [12, 20, 12], [100, 90, 100])
    pd.testing.assert_series_equal(r.iloc[0], r.iloc[2], check_names=False)


def test_level_changes_the_width():
    narrow = relative_likelihood(10, 75, 12, 225, level=0.8)
    wide = relative_likelihood(10, 75, 12, 225, level=0.99)
    assert wide.ci_low[0] < narrow.ci_low[0] < narrow.ci_high[0] < wide.ci_high[0]


# --- errors that tell the user what to fix -------------------------------------


def test_events_above_population_names_the_row():
    with pytest.raises(ValueError, match=r"events_group must not exceed n_group: row 1"):
        relative_likelihood([1, 12], [10, 10], [1, 1], [10, 10])


def test_negative_counts_are_rejected():
    with pytest.raises(ValueError, match="n_reference must not be negative; row 0"):
        relative_likelihood(1, 10, 1, -3)


def test_unequal_lengths_are_rejected():
    with pytest.raises(ValueError, match="same length"):
        relative_likelihood([1, 2], [10, 10, 10], 1, 10)


def test_unknown_method_lists_the_choices():
    with pytest.raises(ValueError, match="koopman, mover_wilson, katz"):
        relative_likelihood(1, 10, 1, 10, method="wald")


def test_bad_level_explains_the_scale():
    with pytest.raises(ValueError, match="between 0 and 1"):
        relative_likelihood(1, 10, 1, 10, level=95)
