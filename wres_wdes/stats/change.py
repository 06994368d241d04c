r"""Change in a relative likelihood between two years.

"The likelihood widened from 2.2 to 3.2" is a claim about two uncertain
figures. :func:`ratio_of_ratios` gives the change as a ratio,

.. math::

    \widehat{C} = \widehat{RL}_\text{later} / \widehat{RL}_\text{earlier},

with a confidence interval from the method of variance estimates recovery
(MOVER) on the log scale (Zou & Donner 2008): each year's own interval
:math:`(l_t, u_t)` (by default the Koopman score interval) supplies the
variance on each side of its estimate, so the asymmetry of small-count
intervals is kept. With :math:`e_t = \log\widehat{RL}_t`,

.. math::

    \log L = (e_2 - e_1) - \sqrt{(e_2 - \log l_2)^2 + (\log u_1 - e_1)^2},\qquad
    \log U = (e_2 - e_1) + \sqrt{(\log u_2 - e_2)^2 + (e_1 - \log l_1)^2}.

With Katz intervals this is exactly the familiar test of interaction on the
log scale, :math:`\log\widehat C \pm z\sqrt{v_1 + v_2}` (Altman & Bland 2003).
The change is ``significant`` when the interval excludes 1.

The two years are treated as independent samples. Staff who appear in both
years make the years positively correlated, which narrows the true interval,
so the result errs on the cautious side.

Conventions: not calculable when either year's ratio is not calculable or the
earlier ratio is 0; when only the later ratio is 0 the change is 0 with
interval ``[0, NaN]`` (the log scale has no upper limit to offer).

References
----------
Zou GY, Donner A (2008). Construction of confidence limits about effect
measures: a general approach. *Statistics in Medicine* 27(10):1693-1702.

Altman DG, Bland JM (2003). Interaction revisited: the difference between two
estimates. *BMJ* 326(7382):219.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from wres_wdes.stats._arrays import COUNT_NAMES, ArrayLike
from wres_wdes.stats.ratio import DEFAULT_METHOD, relative_likelihood

Counts = Mapping[str, ArrayLike] | pd.DataFrame | Sequence[ArrayLike]


def mover_ratio(v1, l1, u1, v2, l2, u2) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ratio ``v2 / v1`` of two ratios and its MOVER interval from each one's own interval.

    The formula of the module docstring (Zou & Donner 2008), for stored figures
    such as earlier years' ``metrics.csv``. A later ratio of 0 (after a positive
    one) gives the interval ``[0, NaN]``; an earlier ratio that is not positive
    gives NaN throughout.
    """
    v1, l1, u1, v2, l2, u2 = (np.asarray(a, dtype=np.float64) for a in (v1, l1, u1, v2, l2, u2))
    with np.errstate(divide="ignore", invalid="ignore"):
        e1, e2 = np.log(v1), np.log(v2)
        centre = e2 - e1
        low = np.exp(centre - np.sqrt((e2 - np.log(l2)) ** 2 + (np.log(u1) - e1) ** 2))
        high = np.exp(centre + np.sqrt((np.log(u2) - e2) ** 2 + (e1 - np.log(l1)) ** 2))
        value = v2 / v1
    later_zero = (v2 == 0) & (v1 > 0)
    low = np.where(later_zero, 0.0, low)
    high = np.where(later_zero, np.nan, high)
    return value, low, high


def mover_difference(v1, l1, u1, v2, l2, u2) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Difference ``v2 − v1`` of two figures and its MOVER interval from their intervals.

    Newcombe's square-and-add (the construction of
    :func:`wres_wdes.stats.difference_interval`) applied to two years' stored
    figures: percentages, differences or scores.
    """
    v1, l1, u1, v2, l2, u2 = (np.asarray(a, dtype=np.float64) for a in (v1, l1, u1, v2, l2, u2))
    d = v2 - v1
    return (
        d,
        d - np.sqrt((v2 - l2) ** 2 + (u1 - v1) ** 2),
        d + np.sqrt((u2 - v2) ** 2 + (v1 - l1) ** 2),
    )


def _unpack(year: Counts, which: str) -> list[ArrayLike]:
    if isinstance(year, pd.DataFrame | Mapping):
        missing = [name for name in COUNT_NAMES if name not in year]
        if missing:
            raise KeyError(
                f"{which} needs the count columns {', '.join(COUNT_NAMES)}; "
                f"missing {', '.join(missing)}."
            )
        return [year[name] for name in COUNT_NAMES]
    if len(year) != 4:
        raise ValueError(
            f"{which} must be a table with columns {', '.join(COUNT_NAMES)} or a sequence of "
            f"those four arrays in that order; got {len(year)} items."
        )
    return list(year)


def ratio_of_ratios(
    earlier: Counts,
    later: Counts,
    *,
    level: float = 0.95,
    method: str = DEFAULT_METHOD,
) -> pd.DataFrame:
    """Change between two years: ``RL_later / RL_earlier``, its interval and significance.

    Parameters
    ----------
    earlier, later : DataFrame, mapping or sequence
        Each year's counts, as a table (or dict) with columns
        ``events_group``, ``n_group``, ``events_reference``, ``n_reference``
        (the ``metrics.csv`` names), or a sequence of those four arrays in
        that order. Rows are matched by position. The two years must use the
        same direction (same group over the same reference).
    level : float, default 0.95
        Confidence level, used for each year's interval and for the change.
    method : str, default "koopman"
        Interval method for each year's ratio (see
        :func:`~wres_wdes.stats.relative_likelihood`).

    Returns
    -------
    pandas.DataFrame
        Columns ``value_earlier``, ``value_later``, ``value`` (the ratio of
        ratios), ``ci_low``, ``ci_high``, ``significant`` (interval excludes
        1) and ``not_calculable``; index from ``earlier`` when it is a
        DataFrame.

    Examples
    --------
    The Christie's WRES indicator 2 widened from 2.2 to 3.2; whether that is a
    real change depends on the counts behind it:

    >>> earlier = (20, 100, 50, 550)   # 20% vs 9.1%: RL 2.2
    >>> later = (32, 100, 55, 550)     # 32% vs 10%: RL 3.2
    >>> r = ratio_of_ratios(earlier, later)
    >>> round(float(r.value[0]), 3), bool(r.significant[0])
    (1.455, False)
    """
    first = relative_likelihood(*_unpack(earlier, "earlier"), level=level, method=method)
    second = relative_likelihood(*_unpack(later, "later"), level=level, method=method)
    if len(first) != len(second):
        raise ValueError(
            f"earlier has {len(first)} rows and later has {len(second)}; rows are matched by "
            "position, so both years need the same rows in the same order."
        )
    v1, l1, u1 = (first[c].to_numpy() for c in ("value", "ci_low", "ci_high"))
    v2, l2, u2 = (second[c].to_numpy() for c in ("value", "ci_low", "ci_high"))
    not_calculable = first["not_calculable"].to_numpy() | second["not_calculable"].to_numpy()
    not_calculable |= ~(v1 > 0)
    value, low, high = mover_ratio(v1, l1, u1, v2, l2, u2)
    nan = np.nan
    value, low, high = (np.where(not_calculable, nan, a) for a in (value, low, high))
    index = earlier.index if isinstance(earlier, pd.DataFrame) else first.index
    return pd.DataFrame(
        {
            "value_earlier": v1,
            "value_later": v2,
            "value": value,
            "ci_low": low,
            "ci_high": high,
            "significant": (low > 1) | (high < 1),
            "not_calculable": not_calculable,
        },
        index=index,
    )
