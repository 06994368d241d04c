"""ratio_of_ratios: change in a relative likelihood between two years."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from scipy.stats.contingency import relative_risk

from wres_wdes.stats import ratio_of_ratios, relative_likelihood


def test_with_katz_intervals_it_is_altman_bland_interaction_test():
    # Altman & Bland (2003) BMJ 326:219: the difference of two log ratios has
    # standard error sqrt(se1^2 + se2^2). Each se is recovered from scipy's
    # Katz interval, independently of our code.
    earlier, later = (27, 122, 44, 487), (40, 130, 41, 470)
    z = stats.norm.isf(0.025)

    def log_and_se(table):
        ci = relative_risk(*table).confidence_interval()
        return np.log(relative_risk(*table).relative_risk), np.log(ci.high / ci.low) / (2 * z)

    (e1, s1), (e2, s2) = log_and_se(earlier), log_and_se(later)
    expected = np.exp(e2 - e1 + np.array([-1, 1]) * z * np.hypot(s1, s2))
    r = ratio_of_ratios(earlier, later, method="katz")
    assert r.value[0] == pytest.approx(np.exp(e2 - e1))
    np.testing.assert_allclose([r.ci_low[0], r.ci_high[0]], expected, rtol=1e-12)


def test_no_change_is_a_ratio_of_one_and_not_significant():
    r = ratio_of_ratios((20, 100, 40, 400), (20, 100, 40, 400))
    assert r.value[0] == pytest.approx(1.0)
    assert r.ci_low[0] < 1 < r.ci_high[0]
    assert not r.significant[0]


def test_a_large_change_with_large_counts_is_significant():
    r = ratio_of_ratios((200, 1000, 400, 4000), (400, 1000, 400, 4000))
    assert r.value[0] == pytest.approx(2.0)
    assert r.significant[0] and r.ci_low[0] > 1


def test_interval_uses_each_years_own_interval_on_the_log_scale():
    earlier, later = (12, 80, 30, 300), (25, 90, 28, 310)
    r = ratio_of_ratios(earlier, later)
    one, two = relative_likelihood(*earlier), relative_likelihood(*later)
    e1, e2 = np.log(one.value[0]), np.log(two.value[0])
    low = e2 - e1 - np.hypot(e2 - np.log(two.ci_low[0]), np.log(one.ci_high[0]) - e1)
    high = e2 - e1 + np.hypot(np.log(two.ci_high[0]) - e2, e1 - np.log(one.ci_low[0]))
    assert (r.ci_low[0], r.ci_high[0]) == pytest.approx((np.exp(low), np.exp(high)))
    assert r.value_earlier[0] == pytest.approx(one.value[0])
    assert r.value_later[0] == pytest.approx(two.value[0])


def test_accepts_tables_with_the_contract_column_names_and_keeps_their_index():
    idx = pd.Index(["Surgery", "Medicine"], name="directorate")
    earlier = pd.DataFrame(
        {"events_group": [10, 5], "n_group": [50, 40],
         "events_reference": [20, 9], "n_reference": [200, 90]},
        index=idx,
    )  # fmt: skip
    later = earlier.assign(events_group=[15, 4]).to_dict("list")
    r = ratio_of_ratios(earlier, later)
    assert r.index.equals(idx)
    assert r.value.tolist() == pytest.approx([1.5, 0.8])


def test_zero_and_not_calculable_conventions():
    r = ratio_of_ratios(
        ([0, 10, 10, 10], [50] * 4, [10, 0, 10, 10], [100] * 4),
        ([5, 10, 0, np.nan], [50] * 4, [10, 10, 10, 10], [100] * 4),
    )
    # earlier ratio 0 -> not calculable; earlier not calculable -> not calculable;
    # later ratio 0 -> change 0 with [0, NaN]; missing count -> not calculable.
    assert r.not_calculable.tolist() == [True, True, False, True]
    assert r.value[2] == 0.0 and r.ci_low[2] == 0.0 and np.isnan(r.ci_high[2])
    assert not r.significant.any()


def test_mismatched_years_and_missing_columns_are_explained():
    with pytest.raises(ValueError, match="matched by position"):
        ratio_of_ratios(([1, 2], [10, 10], [1, 1], [10, 10]), (1, 10, 1, 10))
    with pytest.raises(KeyError, match="missing n_reference"):
        ratio_of_ratios({"events_group": 1, "n_group": 2, "events_reference": 1}, (1, 2, 1, 2))
    with pytest.raises(ValueError, match="got 3 items"):
        ratio_of_ratios((1, 2, 3), (1, 2, 1, 2))
