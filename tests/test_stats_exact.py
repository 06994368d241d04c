"""exact_test: Fisher and Boschloo against scipy, the score switch, de-duplication."""

import numpy as np
import pytest
from scipy import stats

from wres_wdes.stats import SCORE_MIN_EXPECTED, exact_test, relative_likelihood
from wres_wdes.stats import exact as exact_module


def _scipy_fisher(xg, ng, xr, nr):
    return stats.fisher_exact([[xg, ng - xg], [xr, nr - xr]]).pvalue


def test_fisher_matches_fagerland_published_example():
    # Fagerland, Lydersen & Laake (2017) ch. 4 (Ritland et al. 2007 data),
    # 0/16 vs 15/72: Fisher exact test P = 0.06287.
    assert exact_test(0, 16, 15, 72)[0] == pytest.approx(0.06287, abs=5e-6)


def test_fisher_matches_scipy_docstring_example():
    # scipy.stats.fisher_exact docstring: table [[6, 2], [1, 4]] gives 0.10256...
    # (rows are the two groups: 6 of 8 against 1 of 5).
    assert exact_test(6, 8, 1, 5)[0] == pytest.approx(0.10256410256410257, rel=1e-12)


def test_fisher_matches_scipy_on_many_tables_including_extremes():
    rng = np.random.default_rng(21)
    size = 600
    ng = np.exp(rng.uniform(0, np.log(5000), size)).astype(int) + 1
    nr = np.exp(rng.uniform(0, np.log(5000), size)).astype(int) + 1
    xg = rng.binomial(ng, rng.uniform(0, 1, size) ** 3)
    xr = rng.binomial(nr, rng.uniform(0, 1, size) ** 3)
    p = exact_test(xg, ng, xr, nr, score_min_expected=np.inf)
    expected = np.array([_scipy_fisher(*row) for row in zip(xg, ng, xr, nr, strict=True)])
    big = expected > 1e-250
    np.testing.assert_allclose(p[big], expected[big], rtol=1e-9)
    np.testing.assert_allclose(p[~big], expected[~big], atol=1e-250)


def test_fisher_handles_exact_ties_of_a_symmetric_table():
    # Equal groups make P(x) = P(m - x): both tails must be counted.
    for table in [(3, 10, 7, 10), (0, 20, 20, 20), (5, 10, 5, 10)]:
        assert exact_test(*table)[0] == pytest.approx(_scipy_fisher(*table), rel=1e-12)


def test_tables_without_any_event_or_only_events_give_one():
    np.testing.assert_array_equal(exact_test([0, 10], [10, 10], [0, 20], [20, 20]), [1.0, 1.0])


def test_empty_group_or_missing_counts_give_nan():
    p = exact_test([0, 1, np.nan], [0, 10, 10], [1, 0, 1], [10, 0, 10])
    assert np.isnan(p).all()


def test_boschloo_matches_scipy():
    # scipy.stats.boschloo_exact treats the columns as the two samples.
    for xg, ng, xr, nr in [(3, 20, 10, 20), (0, 16, 15, 72), (7, 34, 1, 34)]:
        table = [[xg, xr], [ng - xg, nr - xr]]
        expected = stats.boschloo_exact(table, alternative="two-sided").pvalue
        assert exact_test(xg, ng, xr, nr, method="boschloo")[0] == pytest.approx(expected)


def test_boschloo_is_at_least_as_powerful_as_fisher_here():
    # Reference note statistics-and-peers.md §4.3: 3/20 vs 10/20 has Fisher
    # p = 0.0407; Boschloo's unconditional test is smaller.
    fisher = exact_test(3, 20, 10, 20)[0]
    boschloo = exact_test(3, 20, 10, 20, method="boschloo")[0]
    assert fisher == pytest.approx(0.0407, abs=5e-5)
    assert boschloo < fisher


def test_large_tables_use_the_score_test_equal_to_pearson_chi_square():
    table = (2400, 12000, 2000, 12000)  # every expected count above 1000
    p = exact_test(*table)[0]
    xg, ng, xr, nr = table
    chi2 = stats.chi2_contingency([[xg, ng - xg], [xr, nr - xr]], correction=False)
    assert p == pytest.approx(chi2.pvalue, rel=1e-10)
    assert p != pytest.approx(_scipy_fisher(*table), rel=1e-6)


def test_score_test_agrees_with_fisher_at_the_switch():
    # Just above the threshold the two p-values differ by a few per cent
    # (here 0.0267 against Fisher's 0.0282; docs/statistics.md has the survey).
    table = (1200, 10000, 1100, 10000)
    fisher = exact_test(*table, score_min_expected=np.inf)[0]
    score = exact_test(*table, score_min_expected=SCORE_MIN_EXPECTED)[0]
    assert score == pytest.approx(fisher, rel=0.08)


def test_score_threshold_zero_forces_the_score_test():
    p = exact_test(7, 34, 1, 34, score_min_expected=0)[0]
    expected = stats.chi2_contingency([[7, 27], [1, 33]], correction=False).pvalue
    assert p == pytest.approx(expected)


def test_koopman_interval_excludes_one_exactly_when_score_test_is_below_alpha():
    rng = np.random.default_rng(22)
    ng, nr = rng.integers(20, 400, 500), rng.integers(20, 400, 500)
    xg, xr = rng.binomial(ng, 0.2), rng.binomial(nr, 0.15)
    keep = xr > 0
    xg, ng, xr, nr = xg[keep], ng[keep], xr[keep], nr[keep]
    p = exact_test(xg, ng, xr, nr, score_min_expected=0)
    r = relative_likelihood(xg, ng, xr, nr)
    excludes = (r.ci_low > 1) | (r.ci_high < 1)
    clear = np.abs(p - 0.05) > 1e-8
    np.testing.assert_array_equal(excludes[clear], (p < 0.05)[clear])


def test_identical_tables_are_computed_once(monkeypatch):
    seen = []
    original = exact_module._fisher

    def spy(xg, ng, xr, nr):
        seen.append(len(xg))
        return original(xg, ng, xr, nr)

    monkeypatch.setattr(exact_module, "_fisher", spy)
    p = exact_test([3, 4, 3, 3], [20, 20, 20, 20], [10, 10, 10, 10], [20, 20, 20, 20])
    assert seen == [2]
    assert p[0] == p[2] == p[3]


def test_fractional_counts_are_refused_with_the_row():
    with pytest.raises(ValueError, match=r"whole numbers for an exact test; row 1 is 2\.5"):
        exact_test([1, 2.5], 10, 1, 10)


def test_unknown_test_method_is_refused():
    with pytest.raises(ValueError, match="fisher, boschloo"):
        exact_test(1, 10, 1, 10, method="barnard")
