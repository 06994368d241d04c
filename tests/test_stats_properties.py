"""Invariants every interval and test must keep, checked with hypothesis."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wres_wdes.stats import (
    difference_interval,
    exact_test,
    percent_interval,
    ratio_of_ratios,
    relative_likelihood,
)

METHODS = ["koopman", "mover_wilson", "katz"]
SETTINGS = settings(max_examples=150, deadline=None, database=None)


@st.composite
def tables(draw, group_events_min=0, reference_events_min=1, max_n=400):
    """One 2x2 table (events and population of each group), calculable by default."""
    ng = draw(st.integers(1, max_n))
    nr = draw(st.integers(max(1, reference_events_min), max_n))
    xg = draw(st.integers(min(group_events_min, ng), ng))
    xr = draw(st.integers(min(reference_events_min, nr), nr))
    return xg, ng, xr, nr


def _row(frame):
    return frame.iloc[0]


@pytest.mark.parametrize("method", METHODS)
@SETTINGS
@given(table=tables(group_events_min=1))
def test_swapping_groups_gives_the_reciprocal_ratio_and_interval(method, table):
    xg, ng, xr, nr = table
    forward = _row(relative_likelihood(xg, ng, xr, nr, method=method))
    backward = _row(relative_likelihood(xr, nr, xg, ng, method=method))
    assert backward.value == pytest.approx(1 / forward.value, rel=1e-9)
    assert backward.ci_low == pytest.approx(1 / forward.ci_high, rel=1e-7)
    assert backward.ci_high == pytest.approx(1 / forward.ci_low, rel=1e-7)


@pytest.mark.parametrize("method", METHODS)
@SETTINGS
@given(table=tables(group_events_min=1, max_n=200), k=st.integers(2, 6))
def test_multiplying_counts_keeps_the_ratio_and_narrows_the_interval(method, table, k):
    xg, ng, xr, nr = table
    base = _row(relative_likelihood(xg, ng, xr, nr, method=method))
    more = _row(relative_likelihood(k * xg, k * ng, k * xr, k * nr, method=method))
    assert more.value == pytest.approx(base.value, rel=1e-12)
    base_width = np.log(base.ci_high) - np.log(base.ci_low)
    more_width = np.log(more.ci_high) - np.log(more.ci_low)
    if base_width > 0:  # Katz degenerates to a point when both rates are 1
        assert more_width < base_width


@pytest.mark.parametrize("method", ["koopman", "mover_wilson"])
@SETTINGS
@given(table=tables(), k=st.integers(2, 6))
def test_multiplying_counts_lowers_the_upper_limit_when_the_group_has_no_events(method, table, k):
    _, ng, xr, nr = table
    base = _row(relative_likelihood(0, ng, xr, nr, method=method))
    more = _row(relative_likelihood(0, k * ng, k * xr, k * nr, method=method))
    assert more.ci_high < base.ci_high


@pytest.mark.parametrize("method", METHODS)
@SETTINGS
@given(table=tables())
def test_interval_contains_the_estimate(method, table):
    r = _row(relative_likelihood(*table, method=method))
    assert r.ci_low <= r.value * (1 + 1e-9)
    if not (method == "katz" and table[0] == 0):
        assert r.value <= r.ci_high * (1 + 1e-9)


@pytest.mark.parametrize("method", METHODS)
@SETTINGS
@given(table=tables(reference_events_min=0))
def test_zero_cells_follow_the_conventions(method, table):
    xg, ng, xr, nr = table
    r = _row(relative_likelihood(xg, ng, xr, nr, method=method))
    if xr == 0 and xg == 0:
        assert r.not_calculable
        assert np.isnan([r.value, r.ci_low, r.ci_high]).all()
    elif xr == 0:  # the one-sided bound: at least ci_low, no upper limit
        assert r.reference_no_events and not r.not_calculable
        assert np.isnan(r.value) and r.ci_high == np.inf
        if method != "katz":
            assert 0 < r.ci_low < np.inf
    elif xg == 0:
        assert not r.not_calculable
        assert r.value == 0.0 and r.ci_low == 0.0
        if method != "katz":
            assert 0 < r.ci_high < np.inf
    else:
        assert not r.not_calculable
        assert 0 < r.ci_low <= r.ci_high < np.inf


@SETTINGS
@given(table=tables(reference_events_min=0))
def test_fisher_p_value_is_symmetric_in_the_groups_and_a_probability(table):
    xg, ng, xr, nr = table
    forward = exact_test(xg, ng, xr, nr)[0]
    assert 0 <= forward <= 1
    assert exact_test(xr, nr, xg, ng)[0] == pytest.approx(forward, rel=1e-9)


@SETTINGS
@given(table=tables(reference_events_min=0))
def test_difference_interval_negates_when_groups_swap_and_contains_the_estimate(table):
    xg, ng, xr, nr = table
    forward = _row(difference_interval(xg, ng, xr, nr))
    backward = _row(difference_interval(xr, nr, xg, ng))
    # Mee's limits are roots found to 1e-11 on atanh(difference): equal to 1e-6 points
    assert backward.value == pytest.approx(-forward.value, abs=1e-9)
    assert backward.ci_low == pytest.approx(-forward.ci_high, abs=1e-6)
    assert forward.ci_low <= forward.value + 1e-9 <= forward.ci_high + 2e-9
    assert forward.ci_low >= -100 and forward.ci_high <= 100


@SETTINGS
@given(n=st.integers(1, 5000), data=st.data())
def test_percent_interval_contains_the_percentage_within_0_and_100(n, data):
    x = data.draw(st.integers(0, n))
    r = _row(percent_interval(x, n))
    assert 0 <= r.ci_low <= r.value + 1e-9 and r.value <= r.ci_high + 1e-9 and r.ci_high <= 100


@SETTINGS
@given(earlier=tables(group_events_min=1), later=tables(group_events_min=1))
def test_change_reversed_in_time_is_the_reciprocal(earlier, later):
    forward = _row(ratio_of_ratios(earlier, later))
    backward = _row(ratio_of_ratios(later, earlier))
    assert backward.value == pytest.approx(1 / forward.value, rel=1e-9)
    assert backward.ci_low == pytest.approx(1 / forward.ci_high, rel=1e-7)
    assert backward.significant == forward.significant
