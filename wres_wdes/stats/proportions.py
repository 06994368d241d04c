r"""Percentages and percentage-point differences, with score intervals.

Two figures in the WRES and WDES are not ratios: a group's percentage (for
example the share of staff in a pay band, or the share of survey respondents
answering "yes") and the difference between two percentages (board
representation minus workforce representation). This module gives both an
interval that behaves at small counts and at 0% or 100%:

- :func:`wilson_limits` and :func:`percent_interval`: Wilson's score interval
  (Wilson 1927), recommended over the Wald interval by Newcombe (1998a) and
  Brown, Cai & DasGupta (2001) because its coverage stays close to nominal for
  small ``n`` and it never leaves [0, 100].
- :func:`difference_interval`: for the difference of two independent
  proportions, by default the asymptotic score interval of Mee (1984), which
  inverts the score test of :math:`p_g - p_r = \delta` (Miettinen & Nurminen
  1985 without their ``N/(N-1)`` factor; the constrained estimates in Farrington
  & Manning's 1990 closed form). At :math:`\delta = 0` that test is Pearson's
  chi-square, the test whose p-value the figures show, so "the interval
  excludes 0" and "p < 0.05" always agree. Newcombe's hybrid score interval
  (Newcombe 1998b, method 10; closed form) is an option.

All are computed for every row at once.

References
----------
Wilson EB (1927). Probable inference, the law of succession, and statistical
inference. *Journal of the American Statistical Association* 22(158):209-212.

Newcombe RG (1998a). Two-sided confidence intervals for the single proportion:
comparison of seven methods. *Statistics in Medicine* 17(8):857-872.

Newcombe RG (1998b). Interval estimation for the difference between independent
proportions: comparison of eleven methods. *Statistics in Medicine*
17(8):873-890.

Brown LD, Cai TT, DasGupta A (2001). Interval estimation for a binomial
proportion. *Statistical Science* 16(2):101-133.

Fagerland MW, Lydersen S, Laake P (2015). Recommended confidence intervals for
two independent binomial proportions. *Statistical Methods in Medical Research*
24(2):224-254.

Mee RW (1984). Confidence bounds for the difference between two probabilities.
*Biometrics* 40(4):1175-1176.

Farrington CP, Manning G (1990). Test statistics and sample size formulae for
comparative binomial trials with null hypothesis of non-zero risk difference or
non-unity relative risk. *Statistics in Medicine* 9(12):1447-1454.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_wdes.stats._arrays import (
    ArrayLike,
    check_events_within,
    counts,
    decreasing_root,
    two_groups,
    z_for_level,
)

DIFFERENCE_METHODS = ("score", "newcombe")


def wilson_limits(events: np.ndarray, n: np.ndarray, z: float) -> tuple[np.ndarray, np.ndarray]:
    r"""Wilson score limits for proportions ``events / n`` (on the 0-1 scale).

    .. math::

        \frac{x + z^2/2 \;\pm\; z\sqrt{x(n-x)/n + z^2/4}}{n + z^2}

    Rows with ``n == 0`` (or missing counts) give NaN. The limits are exactly
    0 when ``events == 0`` and exactly 1 when ``events == n``.

    Parameters
    ----------
    events, n : numpy.ndarray
        Float arrays of events and population, already checked.
    z : float
        Standard normal quantile, e.g. 1.96 for 95%.
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        centre = (events + z * z / 2.0) / (n + z * z)
        half = z * np.sqrt(events * (n - events) / n + z * z / 4.0) / (n + z * z)
        low = np.clip(centre - half, 0.0, 1.0)
        high = np.clip(centre + half, 0.0, 1.0)
    low = np.where(events == 0, 0.0, low)
    high = np.where(events == n, 1.0, high)
    bad = ~(n > 0)
    return np.where(bad, np.nan, low), np.where(bad, np.nan, high)


def percent_interval(events: ArrayLike, n: ArrayLike, level: float = 0.95) -> pd.DataFrame:
    """A percentage with its Wilson score interval, for every row at once.

    Parameters
    ----------
    events : array-like
        People with the characteristic or answer (the numerator).
    n : array-like
        People in the population (the denominator). Scalars broadcast.
    level : float, default 0.95
        Confidence level of the interval.

    Returns
    -------
    pandas.DataFrame
        Columns ``value``, ``ci_low``, ``ci_high`` on the 0-100 scale, and
        ``not_calculable`` (True where ``n`` is 0 or a count is missing, in
        which case the three figures are NaN). The index is that of the first
        pandas Series passed, else 0..n-1.

    Notes
    -----
    Wilson (1927) interval; see :func:`wilson_limits` for the formula. At
    ``events = 0`` the interval is [0, u] with ``u > 0``, so a 0% figure
    from 8 people is visibly uncertain.

    Examples
    --------
    Newcombe (1998a), Table I: 81 of 263 gives 30.8% (Wilson 25.5% to 36.6%).

    >>> percent_interval(81, 263).round(1)
       value  ci_low  ci_high  not_calculable
    0   30.8    25.5     36.6           False
    """
    z = z_for_level(level)
    arrays, index = counts(events=events, n=n)
    x, size = arrays["events"], arrays["n"]
    check_events_within(x, size, "events", "n")
    not_calculable = ~(size > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        value = np.where(not_calculable, np.nan, x / size)
    low, high = wilson_limits(x, size, z)
    return pd.DataFrame(
        {
            "value": 100.0 * value,
            "ci_low": 100.0 * low,
            "ci_high": 100.0 * high,
            "not_calculable": not_calculable,
        },
        index=index,
    )


def _difference_score(t, xg, ng, xr, nr):
    """Score statistic for H0: p_g - p_r = tanh(t) (Mee 1984), decreasing in t.

    The constrained maximum-likelihood estimates are the Farrington & Manning
    (1990) solution of their cubic.
    """
    delta = np.tanh(t)
    p1, p2 = xg / ng, xr / nr
    theta = nr / ng
    a = 1.0 + theta
    b = -(1.0 + theta + p1 + theta * p2 + delta * (theta + 2.0))
    c = delta * delta + delta * (2.0 * p1 + theta + 1.0) + p1 + theta * p2
    d = -p1 * delta * (1.0 + delta)
    v = b**3 / (27.0 * a**3) - b * c / (6.0 * a * a) + d / (2.0 * a)
    with np.errstate(invalid="ignore", divide="ignore"):
        u = np.where(v < 0, -1.0, 1.0) * np.sqrt(
            np.maximum(b * b / (9.0 * a * a) - c / (3.0 * a), 0.0)
        )
        ratio = np.where(u == 0, 0.0, v / (u * u * u))
        w = (np.pi + np.arccos(np.clip(ratio, -1.0, 1.0))) / 3.0
        p1_tilde = np.clip(2.0 * u * np.cos(w) - b / (3.0 * a), 0.0, 1.0)
        p2_tilde = np.clip(p1_tilde - delta, 0.0, 1.0)
        variance = p1_tilde * (1.0 - p1_tilde) / ng + p2_tilde * (1.0 - p2_tilde) / nr
        numerator = p1 - p2 - delta
        score = numerator / np.sqrt(variance)
    return np.where(numerator == 0, 0.0, score)


def difference_score_limits(
    xg: np.ndarray, ng: np.ndarray, xr: np.ndarray, nr: np.ndarray, z: float
) -> tuple[np.ndarray, np.ndarray]:
    """Mee's score limits for ``xg/ng - xr/nr`` (0-1 scale) on rows with both populations > 0.

    The roots of score = +z and score = -z, found on ``t = atanh(delta)`` by the
    bracketed search :func:`~wres_wdes.stats._arrays.decreasing_root`.
    """
    d = xg / ng - xr / nr
    edge = 1.0 - 1e-12
    start = np.arctanh(np.clip(d, -edge, edge))

    def score(t, rows):
        return _difference_score(t, xg[rows], ng[rows], xr[rows], nr[rows])

    rows = np.arange(len(xg))
    low = np.tanh(
        decreasing_root(lambda t, r: score(t, r) - z, start, -1.0, rows, score(start, rows) - z)
    )
    high = np.tanh(
        decreasing_root(lambda t, r: score(t, r) + z, start, 1.0, rows, score(start, rows) + z)
    )
    low = np.where(d <= -edge, -1.0, np.minimum(low, d))
    high = np.where(d >= edge, 1.0, np.maximum(high, d))
    return low, high


def difference_interval(
    events_group: ArrayLike,
    n_group: ArrayLike,
    events_reference: ArrayLike,
    n_reference: ArrayLike,
    level: float = 0.95,
    method: str = "score",
) -> pd.DataFrame:
    r"""Percentage-point difference (group minus reference) with its interval.

    ``method="score"`` (default): Mee's (1984) asymptotic score interval, every
    difference :math:`\delta` not rejected by the score test of
    :math:`p_g - p_r = \delta`; it agrees with the score (Pearson) test of no
    difference. ``method="newcombe"``: the hybrid score interval, combining each
    group's Wilson limits :math:`(l_g, u_g)` and :math:`(l_r, u_r)` (Newcombe
    1998b, method 10):

    .. math::

        d = p_g - p_r, \qquad
        L = d - \sqrt{(p_g - l_g)^2 + (u_r - p_r)^2}, \qquad
        U = d + \sqrt{(u_g - p_g)^2 + (p_r - l_r)^2}.

    The two groups are assumed independent (different people).

    Parameters
    ----------
    events_group, n_group : array-like
        Events and population of the group whose percentage comes first.
    events_reference, n_reference : array-like
        Events and population of the comparator, subtracted.
    level : float, default 0.95
        Confidence level.
    method : {"score", "newcombe"}, default "score"
        Interval method.

    Returns
    -------
    pandas.DataFrame
        ``value``, ``ci_low``, ``ci_high`` in percentage points (-100 to 100)
        and ``not_calculable`` (either population is 0 or a count missing).

    Examples
    --------
    Newcombe (1998b), Table II, example (a): 56/70 minus 48/80 is 20.0
    points, hybrid score interval 5.24 to 33.39; Mee's score interval is
    5.33 to 33.77 (checked against the constrained likelihood maximised
    numerically in ``tests/test_stats_proportions.py``).

    >>> difference_interval(56, 70, 48, 80, method="newcombe").round(2)
       value  ci_low  ci_high  not_calculable
    0   20.0    5.24    33.39           False
    >>> difference_interval(56, 70, 48, 80).round(2)
       value  ci_low  ci_high  not_calculable
    0   20.0    5.33    33.77           False
    """
    if method not in DIFFERENCE_METHODS:
        raise ValueError(f"method must be one of {', '.join(DIFFERENCE_METHODS)}; got {method!r}.")
    z = z_for_level(level)
    xg, ng, xr, nr, index = two_groups(events_group, n_group, events_reference, n_reference)
    not_calculable = ~((ng > 0) & (nr > 0) & np.isfinite(xg) & np.isfinite(xr))
    with np.errstate(invalid="ignore", divide="ignore"):
        pg, pr = xg / ng, xr / nr
    d = pg - pr
    low = np.full(len(xg), np.nan)
    high = np.full(len(xg), np.nan)
    ok = ~not_calculable
    if method == "newcombe":
        lg, ug = wilson_limits(xg, ng, z)
        lr, ur = wilson_limits(xr, nr, z)
        low = d - np.sqrt((pg - lg) ** 2 + (ur - pr) ** 2)
        high = d + np.sqrt((ug - pg) ** 2 + (pr - lr) ** 2)
    elif ok.any():
        low[ok], high[ok] = difference_score_limits(xg[ok], ng[ok], xr[ok], nr[ok], z)
    nan = np.nan
    return pd.DataFrame(
        {
            "value": np.where(not_calculable, nan, 100.0 * d),
            "ci_low": np.where(not_calculable, nan, 100.0 * low),
            "ci_high": np.where(not_calculable, nan, 100.0 * high),
            "not_calculable": not_calculable,
        },
        index=index,
    )
