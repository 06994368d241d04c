r"""The relative likelihood (a ratio of two rates) and its confidence interval.

Every WRES and WDES relative likelihood is a risk ratio

.. math::

    \widehat{RL} = \frac{\hat p_g}{\hat p_r}
                 = \frac{x_g / n_g}{x_r / n_r},

where *g* is the group named first by the NHS England definition and *r* its
reference group. The direction is the caller's choice (WRES 2 is White ÷ BME,
WRES 3 is BME ÷ White, and so on; see ``DESIGN.md``): this module never
reorders the groups.

Conventions for zero cells (the project's results contract):

- ``x_g = 0`` and ``x_r > 0``: the ratio is 0; the interval is still computed
  where the method allows (Koopman and MOVER-Wilson give ``[0, u]`` with a
  finite ``u``; Katz gives ``[0, NaN]``, as scipy and R's epitools do).
- ``x_r = 0`` and ``x_g > 0``: the ratio has no finite value, but the data
  still bound it from below. The most extreme disparity must not be the
  quietest: ``value`` is NaN, ``ci_low`` is the one-sided bound (the ratio is
  at least this, from the Koopman score or MOVER-Wilson lower limit; Katz gives
  none), ``ci_high`` is infinite and ``reference_no_events`` is True. The score
  test still applies, and "the bound is above 1" agrees with it.
- ``x_g = x_r = 0``, ``n_g = 0`` or ``n_r = 0`` (or a count missing): the ratio
  is not calculable, every figure is NaN and ``not_calculable`` is True.

Interval methods (``method=``):

``"koopman"`` (default)
    Koopman's (1984) asymptotic score interval: every ratio :math:`\theta` not
    rejected by the score test of :math:`p_g = \theta p_r`, using the
    constrained maximum-likelihood estimates of Miettinen & Nurminen (1985)
    without their ``N/(N-1)`` variance factor. Recommended for the ratio of
    two proportions by Fagerland, Lydersen & Laake (2015). Solved for all rows
    at once by a bracketed root search on :math:`\log\theta`. Its "interval
    excludes 1" agrees exactly with Pearson's chi-square test at the same
    level, the test :func:`~wres_wdes.stats.exact_test` uses for large tables.
``"mover_wilson"``
    The MOVER-R interval of Donner & Zou (2012) built from each group's Wilson
    (1927) limits; closed form.
``"katz"``
    Katz et al. (1978): :math:`\exp(\log\widehat{RL} \pm z\,\mathrm{se})` with
    :math:`\mathrm{se}^2 = 1/x_g - 1/n_g + 1/x_r - 1/n_r`. Matches
    ``scipy.stats.contingency.relative_risk`` and most spreadsheets, but its
    coverage is poor at small counts (see ``docs/statistics.md``).

References
----------
Katz D, Baptista J, Azen SP, Pike MC (1978). Obtaining confidence intervals for
the risk ratio in cohort studies. *Biometrics* 34(3):469-474.

Koopman PAR (1984). Confidence intervals for the ratio of two binomial
proportions. *Biometrics* 40(2):513-517.

Miettinen O, Nurminen M (1985). Comparative analysis of two rates.
*Statistics in Medicine* 4(2):213-226.

Donner A, Zou GY (2012). Closed-form confidence intervals for functions of the
normal mean and standard deviation. *Statistical Methods in Medical Research*
21(4):347-359.

Wilson EB (1927). Probable inference, the law of succession, and statistical
inference. *Journal of the American Statistical Association* 22(158):209-212.

Fagerland MW, Lydersen S, Laake P (2015). Recommended confidence intervals for
two independent binomial proportions. *Statistical Methods in Medical Research*
24(2):224-254.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_wdes.stats._arrays import (
    ArrayLike,
    decreasing_root,
    two_groups,
    unique_rows,
    z_for_level,
)
from wres_wdes.stats.proportions import wilson_limits

METHODS = ("koopman", "mover_wilson", "katz")
DEFAULT_METHOD = "koopman"

RESULT_COLUMNS = (
    "rate_group",
    "rate_reference",
    "value",
    "ci_low",
    "ci_high",
    "not_calculable",
    "reference_no_events",
)


def relative_likelihood(
    events_group: ArrayLike,
    n_group: ArrayLike,
    events_reference: ArrayLike,
    n_reference: ArrayLike,
    *,
    level: float = 0.95,
    method: str = DEFAULT_METHOD,
) -> pd.DataFrame:
    """Relative likelihood ``rate_group / rate_reference`` with its interval, for every row.

    Parameters
    ----------
    events_group, n_group : array-like
        Events (e.g. appointed from shortlisting) and population (e.g.
        shortlisted) of the group named first in the NHS England definition.
    events_reference, n_reference : array-like
        The same for the reference group (the denominator of the ratio).
    level : float, default 0.95
        Confidence level.
    method : {"koopman", "mover_wilson", "katz"}, default "koopman"
        Interval method; see the module docstring.

    Returns
    -------
    pandas.DataFrame
        One row per input row (index of the first Series passed, else 0..n-1)
        with columns ``rate_group``, ``rate_reference`` (proportions 0-1),
        ``value`` (the ratio), ``ci_low``, ``ci_high``, ``not_calculable`` and
        ``reference_no_events``. Rows that are not calculable hold NaN in
        ``value`` and the limits; their rates are still given where their
        population is above 0. Rows whose reference group has no events (and
        whose group has some) hold the one-sided bound in ``ci_low`` and
        ``inf`` in ``ci_high`` (see the module docstring).

    Examples
    --------
    Sahai & Khurshid (1996), Example 3.1 (also in scipy's ``relative_risk``):
    27 of 122 exposed and 44 of 487 unexposed.

    >>> r = relative_likelihood(27, 122, 44, 487, method="katz")
    >>> r[["value", "ci_low", "ci_high"]].round(4)
        value  ci_low  ci_high
    0  2.4495  1.5837   3.7887
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}; got {method!r}.")
    z = z_for_level(level)
    xg, ng, xr, nr, index = two_groups(events_group, n_group, events_reference, n_reference)

    with np.errstate(invalid="ignore", divide="ignore"):
        rate_g = np.where(ng > 0, xg / ng, np.nan)
        rate_r = np.where(nr > 0, xr / nr, np.nan)
    counted = (ng > 0) & (nr > 0) & np.isfinite(xg) & np.isfinite(xr)
    calculable = counted & (xr > 0)
    one_sided = counted & (xr == 0) & (xg > 0)
    value = np.full(len(xg), np.nan)
    low = np.full(len(xg), np.nan)
    high = np.full(len(xg), np.nan)
    limited = calculable | one_sided
    if limited.any():
        (ug, ung, ur, unr), inverse = unique_rows(
            xg[limited], ng[limited], xr[limited], nr[limited]
        )
        lo_u, hi_u = ratio_limits(ug, ung, ur, unr, z=z, method=method)
        low[limited] = lo_u[inverse]
        high[limited] = hi_u[inverse]
        value[calculable] = rate_g[calculable] / rate_r[calculable]
    return pd.DataFrame(
        {
            "rate_group": rate_g,
            "rate_reference": rate_r,
            "value": value,
            "ci_low": low,
            "ci_high": high,
            "not_calculable": ~calculable & ~one_sided,
            "reference_no_events": one_sided,
        },
        index=index,
    )


def ratio_limits(
    xg: np.ndarray,
    ng: np.ndarray,
    xr: np.ndarray,
    nr: np.ndarray,
    *,
    z: float,
    method: str = DEFAULT_METHOD,
) -> tuple[np.ndarray, np.ndarray]:
    """Confidence limits for ``(xg/ng) / (xr/nr)`` on calculable rows.

    The rows must have ``ng > 0``, ``nr > 0``, and ``xr > 0`` or ``xg > 0``
    (``xr = 0``: a lower bound and an infinite upper limit); use
    :func:`relative_likelihood` for the checks and the conventions.
    """
    if method == "katz":
        return _katz(xg, ng, xr, nr, z)
    if method == "mover_wilson":
        return _mover_wilson(xg, ng, xr, nr, z)
    if method == "koopman":
        return _koopman(xg, ng, xr, nr, z)
    raise ValueError(f"method must be one of {', '.join(METHODS)}; got {method!r}.")


def _katz(xg, ng, xr, nr, z):
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = (xg / ng) / (xr / nr)
        se = np.sqrt(1.0 / xg - 1.0 / ng + 1.0 / xr - 1.0 / nr)
        low = ratio * np.exp(-z * se)
        high = ratio * np.exp(z * se)
    # x_g = 0: log ratio undefined. Follow scipy / epitools: (0, NaN). x_r = 0: no bound.
    zero = xg == 0
    none = xr == 0
    low, high = np.where(zero, 0.0, low), np.where(zero, np.nan, high)
    return np.where(none, np.nan, low), np.where(none, np.inf, high)


def mover_r(
    estimate_1: np.ndarray,
    low_1: np.ndarray,
    high_1: np.ndarray,
    estimate_2: np.ndarray,
    low_2: np.ndarray,
    high_2: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    r"""MOVER-R limits for the ratio of two independent positive quantities.

    Donner & Zou (2012): with estimates :math:`\hat\theta_i` and limits
    :math:`(l_i, u_i)`,

    .. math::

        L = \frac{\hat\theta_1\hat\theta_2 - \sqrt{(\hat\theta_1\hat\theta_2)^2
                  - l_1 u_2 (2\hat\theta_1 - l_1)(2\hat\theta_2 - u_2)}}
                 {u_2 (2\hat\theta_2 - u_2)},
        \qquad
        U = \frac{\hat\theta_1\hat\theta_2 + \sqrt{(\hat\theta_1\hat\theta_2)^2
                  - u_1 l_2 (2\hat\theta_1 - u_1)(2\hat\theta_2 - l_2)}}
                 {l_2 (2\hat\theta_2 - l_2)}.
    """
    product = estimate_1 * estimate_2
    with np.errstate(invalid="ignore", divide="ignore"):
        root_low = np.sqrt(
            np.maximum(
                product**2 - low_1 * high_2 * (2 * estimate_1 - low_1) * (2 * estimate_2 - high_2),
                0.0,
            )
        )
        root_high = np.sqrt(
            np.maximum(
                product**2 - high_1 * low_2 * (2 * estimate_1 - high_1) * (2 * estimate_2 - low_2),
                0.0,
            )
        )
        low = (product - root_low) / (high_2 * (2 * estimate_2 - high_2))
        high = (product + root_high) / (low_2 * (2 * estimate_2 - low_2))
    return np.maximum(low, 0.0), high


def _mover_wilson(xg, ng, xr, nr, z):
    lg, ug = wilson_limits(xg, ng, z)
    lr, ur = wilson_limits(xr, nr, z)
    with np.errstate(divide="ignore", invalid="ignore"):
        low, high = mover_r(xg / ng, lg, ug, xr / nr, lr, ur)
        # no reference events: the ratio of the group's lower and the reference's
        # upper Wilson limit bounds it from below
        none = xr == 0
        low = np.where(none, lg / ur, low)
    return np.where(xg == 0, 0.0, low), np.where(none, np.inf, high)


def _koopman_score(log_theta, xg, ng, xr, nr):
    """Score statistic for H0: p_g = theta * p_r (Koopman 1984; MN 1985 without N/(N-1)).

    Positive when the observed ratio is above theta. The constrained MLE of the
    reference proportion is the smaller root of ``A p^2 + B p + C = 0``, written
    in the cancellation-free form ``2C / (-B + sqrt(B^2 - 4AC))``.
    """
    theta = np.exp(log_theta)
    big_n = ng + nr
    a = big_n * theta
    b = -(ng * theta + xg + nr + xr * theta)
    c = xg + xr
    disc = np.sqrt(np.maximum(b * b - 4.0 * a * c, 0.0))
    p_r = np.minimum(2.0 * c / (disc - b), 1.0)
    p_g = np.minimum(theta * p_r, 1.0)
    variance = p_g * (1.0 - p_g) / ng + theta * theta * p_r * (1.0 - p_r) / nr
    with np.errstate(divide="ignore", invalid="ignore"):
        return (xg / ng - theta * xr / nr) / np.sqrt(variance)


def _koopman(xg, ng, xr, nr, z):
    """Koopman limits: the two roots of score(theta) = +z and score(theta) = -z.

    With no reference events the score falls towards 0 as theta grows but never
    reaches -z: the upper limit is infinite and only the lower root exists.
    """
    positive = xg > 0
    reference = xr > 0
    with np.errstate(divide="ignore"):
        # Start from the estimate, where the score is 0; with no events in a group,
        # from the ratio "half an event" there would give.
        start = np.log(np.where(positive, xg, 0.5) / ng) - np.log(np.where(reference, xr, 0.5) / nr)

    def score(t, rows):
        return _koopman_score(t, xg[rows], ng[rows], xr[rows], nr[rows])

    low = np.zeros(len(xg))
    rows = np.flatnonzero(positive)
    if len(rows):
        f_low = np.full(len(rows), -z)
        guessed = ~reference[rows]
        if guessed.any():
            f_low[guessed] = score(start[rows][guessed], rows[guessed]) - z
        low[rows] = np.exp(
            decreasing_root(lambda t, r: score(t, r) - z, start[rows], -1.0, rows, f_low)
        )
    high = np.full(len(xg), np.inf)
    rows = np.flatnonzero(reference)
    if len(rows):
        f_high = np.where(positive[rows], z, np.nan)
        if not positive[rows].all():
            empty = ~positive[rows]
            f_high[empty] = score(start[rows][empty], rows[empty]) + z
        high[rows] = np.exp(
            decreasing_root(lambda t, r: score(t, r) + z, start[rows], 1.0, rows, f_high)
        )
    return low, high


def window_counts(
    events_group: ArrayLike,
    n_group: ArrayLike,
    events_reference: ArrayLike,
    n_reference: ArrayLike,
    years: ArrayLike,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The counts an interval and a test of a windowed ratio read: events over the
    window against ``years × headcount`` person-years, in whole people.

    A two-year metric (WRES 3, WDES 3: "a two year rolling average of the current year
    and the previous year", ``reference/wres.md`` §4, ``wdes.md`` §5) takes the census
    headcount for each data year. Events can exceed those person-years in a small unit
    (leavers, or cases of people who have since left): a binomial interval or test does
    not apply there, so the events are capped at the person-years and ``exceed`` says
    where, for the caller to leave those rows untested.

    Returns ``(events_group, person_years_group, events_reference,
    person_years_reference, exceed)``.
    """
    w = np.asarray(years, dtype=np.float64)
    xg, xr = (np.asarray(a, dtype=np.float64) for a in (events_group, events_reference))
    sg = np.rint(w * np.asarray(n_group, dtype=np.float64))
    sr = np.rint(w * np.asarray(n_reference, dtype=np.float64))
    exceed = (xg > sg) | (xr > sr)
    return np.minimum(xg, sg), sg, np.minimum(xr, sr), sr, exceed
