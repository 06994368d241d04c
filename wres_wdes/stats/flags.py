"""Flags that travel with every figure: small numbers, four-fifths, significance.

The results contract (``DESIGN.md``) has one ``flags`` column per row, a
``;``-separated list in this fixed order:

``small_numbers``
    Fewer than :data:`SMALL_NUMBERS_MIN_EVENTS` (10) events in the group or
    the reference group, or fewer than :data:`SMALL_NUMBERS_MIN_POPULATION`
    (11) people in either. Why these numbers:

    - 10 events: the relative standard error of a count of *k* events is
      about :math:`1/\\sqrt{k}`, which passes 30% below 11 events; a rate
      that uncertain should not be read without its interval. NHS Wales
      publishes WRES counts under 10 as "<10" and the BC Pay Transparency
      tool needs 10 people per group, so 10 is also the local precedent.
    - 11 people: the NHS Staff Survey suppresses results from fewer than 11
      respondents (its national minimum cell size).

    It is a *statistical* caution ("insufficient to conclude"), separate from
    disclosure control, which belongs to the writers.
``outside_four_fifths``
    A ratio outside 0.80-1.25, the four-fifths band NHS England uses in *A
    fair experience for all* (2019) for WRES indicator 3. A practical
    threshold, shown beside (not instead of) the interval. Not computed for
    percentages or differences (pass ``four_fifths=None``).
``significant``
    The p-value shown is below ``1 - level`` (given a ``p_value``), which with
    the score procedure is the same as "the confidence interval excludes
    ``null``" (1 for ratios, 0 for differences): the Koopman interval and Mee's
    difference interval invert the score test whose p-value is shown, so the
    flag, the interval and the p-value never disagree (``docs/statistics.md``).
    Without a p-value, the interval decides.
``reference_no_events``
    A ratio whose reference group has no events while the group has some: the
    ratio has no finite value, ``ci_low`` bounds it from below and the upper
    limit is unbounded. Such a ratio is also ``outside_four_fifths``, and
    ``significant`` when its bound is above 1.
``not_calculable``
    The figure could not be computed (for a ratio: no events in either group,
    or an empty group).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_wdes.stats._arrays import ArrayLike

FLAG_ORDER = (
    "small_numbers",
    "outside_four_fifths",
    "significant",
    "reference_no_events",
    "not_calculable",
)
SMALL_NUMBERS_MIN_EVENTS = 10
SMALL_NUMBERS_MIN_POPULATION = 11
FOUR_FIFTHS = (0.8, 1.25)


def _column(values: ArrayLike | None, size: int, fill: float = np.nan) -> np.ndarray:
    if values is None:
        return np.full(size, fill)
    array = np.atleast_1d(np.asarray(values, dtype=np.float64))
    return np.broadcast_to(array, (size,)) if len(array) == 1 else array


def flag_columns(
    *,
    value: ArrayLike,
    ci_low: ArrayLike | None = None,
    ci_high: ArrayLike | None = None,
    not_calculable: ArrayLike | None = None,
    events_group: ArrayLike | None = None,
    n_group: ArrayLike | None = None,
    events_reference: ArrayLike | None = None,
    n_reference: ArrayLike | None = None,
    null: float | None = 1.0,
    min_events: float = SMALL_NUMBERS_MIN_EVENTS,
    min_population: float = SMALL_NUMBERS_MIN_POPULATION,
    four_fifths: tuple[float, float] | None = FOUR_FIFTHS,
    p_value: ArrayLike | None = None,
    level: float = 0.95,
    reference_no_events: ArrayLike | None = None,
) -> pd.DataFrame:
    """The flags as boolean columns, in :data:`FLAG_ORDER`.

    Parameters
    ----------
    value, ci_low, ci_high : array-like
        The figure and its interval (NaN where not available).
    not_calculable : array-like of bool, optional
        From the statistic; if omitted, rows whose ``value`` is NaN.
    events_group, n_group, events_reference, n_reference : array-like, optional
        Counts for the small-numbers rule; omit the reference for a single
        percentage.
    null : float or None, default 1.0
        The value of "no difference": 1 for ratios, 0 for differences, None
        for a plain percentage (never ``significant``).
    min_events, min_population : float
        The small-numbers thresholds (defaults 10 and 11, justified in the
        module docstring). Set to 0 to switch a rule off.
    four_fifths : (float, float) or None, default (0.8, 1.25)
        The band; None for figures that are not ratios.
    p_value : array-like, optional
        The p-value shown beside the figure; ``significant`` is then
        ``p_value < 1 - level`` (NaN: never significant).
    level : float, default 0.95
        The confidence level, whose complement is the significance level.
    reference_no_events : array-like of bool, optional
        Ratios with no reference events (a lower bound only).

    Returns
    -------
    pandas.DataFrame
        Boolean columns ``small_numbers``, ``outside_four_fifths``,
        ``significant``, ``reference_no_events``, ``not_calculable``; index of
        ``value`` if it is a Series.
    """
    index = value.index if isinstance(value, pd.Series) else None
    v = np.atleast_1d(np.asarray(value, dtype=np.float64))
    size = len(v)
    low, high = _column(ci_low, size), _column(ci_high, size)
    if not_calculable is None:
        missing = np.isnan(v)
    else:
        missing = np.broadcast_to(np.atleast_1d(np.asarray(not_calculable, dtype=bool)), (size,))
    small = np.zeros(size, dtype=bool)
    for events in (events_group, events_reference):
        if events is not None:
            small |= _column(events, size) < min_events
    for population in (n_group, n_reference):
        if population is not None:
            small |= _column(population, size) < min_population
    bounded = (
        np.zeros(size, dtype=bool)
        if reference_no_events is None
        else np.broadcast_to(np.atleast_1d(np.asarray(reference_no_events, dtype=bool)), (size,))
    )
    if four_fifths is None:
        outside = np.zeros(size, dtype=bool)
    else:
        band_low, band_high = four_fifths
        outside = (v < band_low) | (v > band_high) | bounded
    if null is None:
        significant = np.zeros(size, bool)
    elif p_value is not None:
        significant = _column(p_value, size) < 1.0 - level
    else:
        significant = (low > null) | (high < null)
    return pd.DataFrame(
        {
            "small_numbers": small,
            "outside_four_fifths": outside & ~missing,
            "significant": significant & ~missing,
            "reference_no_events": bounded & ~missing,
            "not_calculable": np.asarray(missing, dtype=bool),
        },
        index=index,
    )


def join_flags(columns: pd.DataFrame) -> np.ndarray:
    """``;``-join the True flags of each row, in :data:`FLAG_ORDER` ("" when none)."""
    present = [name for name in FLAG_ORDER if name in columns]
    present += [name for name in columns.columns if name not in FLAG_ORDER]
    out = np.full(len(columns), "", dtype=object)
    for name in present:
        hit = columns[name].to_numpy(dtype=bool)
        out[hit] = np.where(out[hit] == "", name, out[hit] + ";" + name)
    return out


def flags(
    *,
    value: ArrayLike,
    ci_low: ArrayLike | None = None,
    ci_high: ArrayLike | None = None,
    not_calculable: ArrayLike | None = None,
    events_group: ArrayLike | None = None,
    n_group: ArrayLike | None = None,
    events_reference: ArrayLike | None = None,
    n_reference: ArrayLike | None = None,
    null: float | None = 1.0,
    min_events: float = SMALL_NUMBERS_MIN_EVENTS,
    min_population: float = SMALL_NUMBERS_MIN_POPULATION,
    four_fifths: tuple[float, float] | None = FOUR_FIFTHS,
    p_value: ArrayLike | None = None,
    level: float = 0.95,
    reference_no_events: ArrayLike | None = None,
) -> np.ndarray:
    """The ``flags`` column of ``metrics.csv``: :func:`flag_columns`, ``;``-joined.

    Takes the same arguments as :func:`flag_columns` and returns an object
    array of strings such as ``"small_numbers;significant"`` ("" when no flag
    applies).

    Examples
    --------
    >>> list(flags(value=[0.5, 1.1], ci_low=[0.3, 0.9], ci_high=[0.8, 1.3],
    ...            events_group=[4, 40], events_reference=[30, 60]))
    ['small_numbers;outside_four_fifths;significant', '']
    """
    return join_flags(
        flag_columns(
            value=value,
            ci_low=ci_low,
            ci_high=ci_high,
            not_calculable=not_calculable,
            events_group=events_group,
            n_group=n_group,
            events_reference=events_reference,
            n_reference=n_reference,
            null=null,
            min_events=min_events,
            min_population=min_population,
            four_fifths=four_fifths,
            p_value=p_value,
            level=level,
            reference_no_events=reference_no_events,
        )
    )
