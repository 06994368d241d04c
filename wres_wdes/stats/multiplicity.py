"""Adjusting p-values across the units of a breakdown.

A trust with 40 directorates tests 40 relative likelihoods; at the 5% level
about two will look "significant" by chance alone. :func:`adjust_p_values`
controls the false discovery rate (the expected share of false positives among
the rows called significant) with the Benjamini-Hochberg step-up procedure,
separately within each family of tests (for example one metric at one
breakdown level).

References
----------
Benjamini Y, Hochberg Y (1995). Controlling the false discovery rate: a
practical and powerful approach to multiple testing. *Journal of the Royal
Statistical Society: Series B* 57(1):289-300.

Benjamini Y, Yekutieli D (2001). The control of the false discovery rate in
multiple testing under dependency. *Annals of Statistics* 29(4):1165-1188.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_wdes.stats._arrays import ArrayLike


def adjust_p_values(
    p: ArrayLike,
    groups: ArrayLike | pd.DataFrame | list[ArrayLike] | None = None,
    *,
    method: str = "bh",
) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values, within each group of rows.

    Parameters
    ----------
    p : array-like
        p-values; NaN (a row with no test) is left NaN and does not count as a
        test.
    groups : array-like, DataFrame or list of array-likes, optional
        The family each row belongs to, e.g. ``frame[["metric", "level"]]``.
        Rows with equal keys are adjusted together; missing keys form their
        own family. Default: all rows are one family.
    method : {"bh", "by"}, default "bh"
        ``"bh"``: Benjamini & Hochberg (1995), valid for independent or
        positively dependent tests. ``"by"``: Benjamini & Yekutieli (2001),
        valid under any dependence, more conservative. Computed as
        ``scipy.stats.false_discovery_control`` does (checked against it).

    Returns
    -------
    numpy.ndarray
        Adjusted p-values (q-values), same order as ``p``.

    Examples
    --------
    >>> adjust_p_values([0.01, 0.04, float("nan"), 0.03]).round(3)
    array([0.03, 0.04,  nan, 0.04])
    """
    if method not in ("bh", "by"):
        raise ValueError(f"method must be 'bh' or 'by'; got {method!r}.")
    values = np.atleast_1d(np.asarray(p, dtype=np.float64))
    bad = np.isfinite(values) & ((values < 0) | (values > 1))
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise ValueError(f"p-values must lie between 0 and 1; row {row} is {values[row]:g}.")
    codes = _group_codes(groups, len(values))
    adjusted = np.full(len(values), np.nan)
    tested = np.isfinite(values)
    order = np.argsort(codes, kind="stable")
    sorted_codes = codes[order]
    bounds = np.flatnonzero(np.diff(sorted_codes)) + 1
    for rows in np.split(order, bounds):
        rows = rows[tested[rows]]
        if len(rows):
            adjusted[rows] = _false_discovery_control(values[rows], method)
    return adjusted


def _false_discovery_control(ps: np.ndarray, method: str) -> np.ndarray:
    """Benjamini-Hochberg (or -Yekutieli) adjusted p-values of one family.

    The step-up procedure as ``scipy.stats.false_discovery_control`` computes it
    (sort, scale the i-th smallest by m / i, and by the harmonic sum for BY, then
    take the running minimum from the largest down and clip at 1);
    ``tests/test_stats_scipy_free.py`` checks it against scipy on random
    families. It is written out here because importing ``scipy.stats`` takes
    0.6-0.9 s, a tenth of a national run, for six lines of arithmetic.
    """
    ps = np.asarray(ps, dtype=np.float64)
    m = ps.size
    if m <= 1:
        return ps
    order = np.argsort(ps)
    rank = np.arange(1, m + 1)
    scaled = ps[order] * (m / rank)
    if method == "by":
        scaled *= np.sum(1.0 / rank)
    scaled = np.minimum.accumulate(scaled[::-1])[::-1]
    adjusted = np.empty(m)
    adjusted[order] = np.clip(scaled, 0.0, 1.0)
    return adjusted


def _group_codes(groups, size: int) -> np.ndarray:
    if groups is None:
        return np.zeros(size, dtype=np.int64)
    if isinstance(groups, pd.DataFrame):
        frame = groups.reset_index(drop=True)
    elif isinstance(groups, list) and groups and np.ndim(groups[0]) == 1:
        frame = pd.DataFrame({k: np.asarray(g, dtype=object) for k, g in enumerate(groups)})
    else:
        frame = pd.DataFrame({0: np.asarray(groups, dtype=object).reshape(-1)})
    if len(frame) != size:
        raise ValueError(f"groups has {len(frame)} rows but p has {size}; they must match.")
    return frame.groupby(list(frame.columns), dropna=False, sort=False).ngroup().to_numpy()
