r"""One organisation figure pooled over directorates (Mantel-Haenszel).

An organisation's crude relative likelihood mixes two things: the gap *within*
directorates and differences in *composition* (one group concentrated in
directorates where everyone is more, or less, likely to be appointed). The
Mantel-Haenszel risk ratio compares like with like inside each directorate
(stratum *i*) and pools:

.. math::

    \widehat{RR}_{MH} = \frac{\sum_i x_{gi}\, n_{ri} / N_i}{\sum_i x_{ri}\, n_{gi} / N_i},
    \qquad N_i = n_{gi} + n_{ri}.

Its interval uses the Greenland & Robins (1985) variance of
:math:`\log\widehat{RR}_{MH}`, valid both for a few large strata and for many
small ones:

.. math::

    \widehat{\operatorname{Var}} =
    \frac{\sum_i (n_{gi}\, n_{ri}\, m_i - x_{gi}\, x_{ri}\, N_i) / N_i^2}
         {\left(\sum_i x_{gi} n_{ri}/N_i\right)\left(\sum_i x_{ri} n_{gi}/N_i\right)},
    \qquad m_i = x_{gi} + x_{ri}.

For one stratum this is Katz's variance. The p-value is the
Cochran-Mantel-Haenszel test of no association in any stratum (Mantel &
Haenszel 1959, without continuity correction).

"Is the gap consistent across the organisation?" is answered by Cochran's Q
test of homogeneity of the stratum log risk ratios (Cochran 1954), with
inverse-variance (Katz) weights, and the :math:`I^2` share of variation beyond
chance (Higgins & Thompson 2002). Strata with no events in either group, or
only events, say nothing about the ratio and are left out of Q; a stratum with
a zero cell enters Q with 0.5 added to each cell (Haldane's correction, as in
the Cochrane Handbook). A small homogeneity p-value means the pooled figure
averages over genuinely different directorates: report them separately.

References
----------
Mantel N, Haenszel W (1959). Statistical aspects of the analysis of data from
retrospective studies of disease. *Journal of the National Cancer Institute*
22(4):719-748.

Greenland S, Robins JM (1985). Estimation of a common effect parameter from
sparse follow-up data. *Biometrics* 41(1):55-68.

Cochran WG (1954). The combination of estimates from different experiments.
*Biometrics* 10(1):101-129.

Higgins JPT, Thompson SG (2002). Quantifying heterogeneity in a
meta-analysis. *Statistics in Medicine* 21(11):1539-1558.

Fagerland MW, Lydersen S, Laake P (2017). *Statistical Analysis of Contingency
Tables*. Chapman & Hall/CRC, chapter 10.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import special

from wres_wdes.stats._arrays import ArrayLike, two_groups, z_for_level


def mantel_haenszel(
    events_group: ArrayLike,
    n_group: ArrayLike,
    events_reference: ArrayLike,
    n_reference: ArrayLike,
    *,
    pool: ArrayLike | None = None,
    level: float = 0.95,
) -> pd.DataFrame:
    """Pooled relative likelihood over strata, for one or many pools at once.

    Parameters
    ----------
    events_group, n_group, events_reference, n_reference : array-like
        One row per stratum (e.g. directorate): the same counts as for
        :func:`~wres_wdes.stats.relative_likelihood`, same direction.
    pool : array-like, optional
        Which pooled figure each stratum belongs to (e.g. the organisation,
        or organisation × metric). Default: all rows form one pool.
    level : float, default 0.95
        Confidence level.

    Returns
    -------
    pandas.DataFrame
        One row per pool (index: the sorted pool keys, named ``pool``):

        - ``value``, ``ci_low``, ``ci_high``: the MH ratio and its
          Greenland-Robins interval; ``not_calculable`` when no stratum has
          reference events. With no group events at all the ratio is 0 and the
          interval ``[0, NaN]``.
        - ``p_value``: Cochran-Mantel-Haenszel test of no association.
        - ``crude_value``: the ratio of the summed counts, for comparison.
        - ``strata``: strata with people in both groups.
        - ``q_statistic``, ``q_df``, ``homogeneity_p_value``, ``i_squared``
          (percent): Cochran's Q test that the stratum ratios are equal.

    Examples
    --------
    Doll & Hill's (1950) smoking and lung cancer data in two strata, as
    analysed by Fagerland, Lydersen & Laake (2017, chapter 10): 647/1269 vs
    2/29 and 41/69 vs 19/51 pool to 2.4751 (95% CI 1.5831 to 3.8698).

    >>> r = mantel_haenszel([647, 41], [1269, 69], [2, 19], [29, 51])
    >>> r[["value", "ci_low", "ci_high"]].round(4).to_numpy().tolist()
    [[2.4751, 1.5831, 3.8698]]
    """
    z = z_for_level(level)
    a, n1, c, n0, _ = two_groups(events_group, n_group, events_reference, n_reference)
    if pool is None:
        codes, keys = np.zeros(len(a), dtype=np.int64), pd.Index([0], name="pool")
    else:
        pool_values = np.asarray(pool, dtype=object).reshape(-1)
        if len(pool_values) != len(a):
            raise ValueError(f"pool has {len(pool_values)} rows but the counts have {len(a)}.")
        codes, uniques = pd.factorize(pool_values, sort=True, use_na_sentinel=False)
        keys = pd.Index(uniques, name="pool")
    used = (n1 > 0) & (n0 > 0) & np.isfinite(a) & np.isfinite(c)
    a, n1, c, n0, codes = (x[used] for x in (a, n1, c, n0, codes))
    k = len(keys)

    def total(x):
        return np.bincount(codes, weights=x, minlength=k)

    big_n = n1 + n0
    m = a + c
    r_sum, s_sum = total(a * n0 / big_n), total(c * n1 / big_n)
    p_sum = total((n1 * n0 * m - a * c * big_n) / big_n**2)
    with np.errstate(divide="ignore", invalid="ignore"):
        value = r_sum / s_sum
        se = np.sqrt(p_sum / (r_sum * s_sum))
        low, high = value * np.exp(-z * se), value * np.exp(z * se)
        # Cochran-Mantel-Haenszel test of no association.
        expected = n1 * m / big_n
        variance = np.where(big_n > 1, n1 * n0 * m * (big_n - m) / (big_n**2 * (big_n - 1)), 0.0)
        cmh = total(a - expected) ** 2 / total(variance)
        crude = (total(a) / total(n1)) / (total(c) / total(n0))
    not_calculable = ~(s_sum > 0)
    zero = (r_sum == 0) & ~not_calculable
    low, high = np.where(zero, 0.0, low), np.where(zero, np.nan, high)
    p_value = np.where(total(variance) > 0, special.chdtrc(1, cmh), np.nan)
    q, df, q_p, i2 = _homogeneity(a, n1, c, n0, codes, k)
    nan = np.nan
    return pd.DataFrame(
        {
            "value": np.where(not_calculable, nan, value),
            "ci_low": np.where(not_calculable, nan, low),
            "ci_high": np.where(not_calculable, nan, high),
            "p_value": p_value,
            "not_calculable": not_calculable,
            "crude_value": np.where(np.isfinite(crude), crude, nan),
            "strata": np.bincount(codes, minlength=k),
            "q_statistic": q,
            "q_df": df,
            "homogeneity_p_value": q_p,
            "i_squared": i2,
        },
        index=keys,
    )


def _homogeneity(a, n1, c, n0, codes, k):
    """Cochran's Q on stratum log risk ratios, inverse-variance weighted, per pool."""
    m = a + c
    informative = (m > 0) & (m < n1 + n0)
    a, n1, c, n0, codes = (x[informative] for x in (a, n1, c, n0, codes))
    zero_cell = (a == 0) | (c == 0) | (a == n1) | (c == n0)
    half = np.where(zero_cell, 0.5, 0.0)
    a, c = a + half, c + half
    n1, n0 = n1 + 2 * half, n0 + 2 * half
    log_rr = np.log(a / n1) - np.log(c / n0)
    weight = 1.0 / (1.0 / a - 1.0 / n1 + 1.0 / c - 1.0 / n0)
    sum_w = np.bincount(codes, weights=weight, minlength=k)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.bincount(codes, weights=weight * log_rr, minlength=k) / sum_w
    q = np.bincount(codes, weights=weight * (log_rr - mean[codes]) ** 2, minlength=k)
    strata = np.bincount(codes, minlength=k)
    df = strata - 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        q = np.where(df >= 1, q, np.nan)
        q_p = special.chdtrc(np.maximum(df, 1), q)
        i2 = np.where(q > 0, np.maximum(0.0, (q - df) / q) * 100.0, 0.0)
    i2 = np.where(df >= 1, i2, np.nan)
    return q, np.where(df >= 1, df, np.nan), np.where(df >= 1, q_p, np.nan), i2
