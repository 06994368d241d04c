"""Percentages and percentage-point differences, with score intervals.

Two figures in the WRES and WDES are not ratios: a group's percentage (for
example the share of staff in a pay band, or the share of survey respondents
answering "yes") and the difference between two percentages (board
representation minus workforce representation). This module gives both an
interval that behaves at small counts and at 0% or 100%:

- :func:`wilson_limits` and :func:`percent_interval`: Wilson's score interval
  (Wilson 1927), recommended over the Wald interval by Newcombe (1998a) and
  Brown, Cai & DasGupta (2001) because its coverage stays close to nominal for
  small ``n`` and it never leaves [0, 100].
- :func:`difference_interval`: Newcombe's hybrid score interval for the
  difference of two independent proportions (Newcombe 1998b, method 10),
  recommended by Fagerland, Lydersen & Laake (2015).

Both are closed-form and computed for every row at once.

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
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_wdes.stats._arrays import (
    ArrayLike,
    check_events_within,
    counts,
    two_groups,
    z_for_level,
)


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


def difference_interval(
    events_group: ArrayLike,
    n_group: ArrayLike,
    events_reference: ArrayLike,
    n_reference: ArrayLike,
    level: float = 0.95,
) -> pd.DataFrame:
    r"""Percentage-point difference (group minus reference) with Newcombe's interval.

    The hybrid score interval combines each group's Wilson limits
    :math:`(l_g, u_g)` and :math:`(l_r, u_r)` (Newcombe 1998b, method 10):

    .. math::

        d = p_g - p_r, \qquad
        L = d - \sqrt{(p_g - l_g)^2 + (u_r - p_r)^2}, \qquad
        U = d + \sqrt{(u_g - p_g)^2 + (p_r - l_r)^2}.

    The two groups are assumed independent (different people). For a board
    metric, where the board is part of the workforce, the interval is
    slightly conservative.

    Parameters
    ----------
    events_group, n_group : array-like
        Events and population of the group whose percentage comes first.
    events_reference, n_reference : array-like
        Events and population of the comparator, subtracted.
    level : float, default 0.95
        Confidence level.

    Returns
    -------
    pandas.DataFrame
        ``value``, ``ci_low``, ``ci_high`` in percentage points (-100 to 100)
        and ``not_calculable`` (either population is 0 or a count missing).

    Examples
    --------
    Newcombe (1998b), Table II, example (a): 56/70 minus 48/80 is 20.0
    points, hybrid score interval 5.24 to 33.39.

    >>> difference_interval(56, 70, 48, 80).round(2)
       value  ci_low  ci_high  not_calculable
    0   20.0    5.24    33.39           False
    """
    z = z_for_level(level)
    xg, ng, xr, nr, index = two_groups(events_group, n_group, events_reference, n_reference)
    not_calculable = ~((ng > 0) & (nr > 0))
    with np.errstate(invalid="ignore", divide="ignore"):
        pg, pr = xg / ng, xr / nr
    lg, ug = wilson_limits(xg, ng, z)
    lr, ur = wilson_limits(xr, nr, z)
    d = pg - pr
    low = d - np.sqrt((pg - lg) ** 2 + (ur - pr) ** 2)
    high = d + np.sqrt((ug - pg) ** 2 + (pr - lr) ** 2)
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
