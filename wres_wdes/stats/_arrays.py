"""Shared helpers: turn array-likes of counts into checked float arrays.

Every public function in :mod:`wres_wdes.stats` accepts scalars, lists, numpy
arrays or pandas Series of equal length. This module converts them once, checks
them once, and says exactly which row is wrong when one is.

Missing counts (NaN or ``None``) are allowed: the figure for that row is simply
not calculable. Negative counts, infinite counts and events larger than the
population are errors, because they mean the count table itself is wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
from scipy import special

ArrayLike = float | int | Sequence[float] | np.ndarray | pd.Series


def z_for_level(level: float) -> float:
    """Two-sided standard normal quantile for a confidence ``level`` in (0, 1)."""
    if not 0.0 < float(level) < 1.0:
        raise ValueError(
            f"level must be between 0 and 1 (for a 95% interval pass 0.95); got {level!r}."
        )
    # the standard normal's inverse survival function, as scipy.stats.norm.isf computes it
    # (scipy.special alone: scipy.stats takes half a second to import)
    return float(-special.ndtri((1.0 - float(level)) / 2.0))


def counts(
    **arrays: ArrayLike | None,
) -> tuple[dict[str, np.ndarray], pd.Index]:
    """Convert named count arrays to 1-D float arrays of one common length.

    Scalars are broadcast. The index of the first pandas Series among the
    inputs becomes the index of the result, so results line up with the
    caller's table.

    Returns
    -------
    arrays : dict of str to numpy.ndarray
        The float64 arrays, in the order given.
    index : pandas.Index
        The index for result frames.
    """
    index: pd.Index | None = None
    converted: dict[str, np.ndarray] = {}
    for name, value in arrays.items():
        if value is None:
            raise TypeError(f"{name} is required.")
        if isinstance(value, pd.Series) and index is None:
            index = value.index
        try:
            array = np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError) as error:
            raise TypeError(
                f"{name} must hold numbers (counts of people); could not read it as numbers: "
                f"{error}"
            ) from None
        if array.ndim > 1:
            raise ValueError(f"{name} must be one-dimensional; got shape {array.shape}.")
        converted[name] = np.atleast_1d(array)
    lengths = {name: len(a) for name, a in converted.items() if len(a) != 1}
    if len(set(lengths.values())) > 1:
        detail = ", ".join(f"{name} has {n}" for name, n in lengths.items())
        raise ValueError(f"count arrays must have the same length: {detail}.")
    size = next(iter(lengths.values()), 1)
    for name, array in converted.items():
        if len(array) != size:
            converted[name] = np.broadcast_to(array, (size,)).copy()
        if np.isinf(converted[name]).any():
            row = int(np.flatnonzero(np.isinf(converted[name]))[0])
            raise ValueError(f"{name} must be finite; row {row} is {converted[name][row]}.")
        negative = converted[name] < 0
        if negative.any():
            row = int(np.flatnonzero(negative)[0])
            raise ValueError(
                f"{name} must not be negative; row {row} is {converted[name][row]:g}. "
                "Counts of people cannot be below zero: check the count table."
            )
    if index is None or len(index) != size:
        index = pd.RangeIndex(size)
    return converted, index


def check_events_within(
    events: np.ndarray, population: np.ndarray, events_name: str, population_name: str
) -> None:
    """Raise if any row has more events than people."""
    over = events > population
    if over.any():
        row = int(np.flatnonzero(over)[0])
        raise ValueError(
            f"{events_name} must not exceed {population_name}: row {row} has "
            f"{events_name}={events[row]:g} but {population_name}={population[row]:g}. "
            "An event count is a subset of its population; check which column is which."
        )


def check_integers(name: str, values: np.ndarray) -> None:
    """Raise if a finite value is not a whole number (exact tests need integers)."""
    finite = np.isfinite(values)
    fractional = finite & (values != np.round(values))
    if fractional.any():
        row = int(np.flatnonzero(fractional)[0])
        raise ValueError(
            f"{name} must be whole numbers for an exact test; row {row} is {values[row]:g}."
        )


def unique_rows(*columns: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """Distinct rows of several equal-length columns, and the map back.

    Identical tables are common (many small directorates share the same
    counts), so the expensive statistics are computed once per distinct row
    and spread back with ``inverse``. Whole numbers are packed into a single
    int64 key when they fit, which is several times faster than
    ``numpy.unique(axis=0)``.

    Returns
    -------
    distinct : list of numpy.ndarray
        One array per input column, holding the distinct rows.
    inverse : numpy.ndarray
        ``distinct[k][inverse]`` reproduces ``columns[k]``.
    """
    stacked = np.column_stack(columns)
    whole = np.isfinite(stacked).all() and bool((stacked == np.round(stacked)).all())
    if whole and len(stacked):
        ints = stacked.astype(np.int64)
        spans = ints.max(axis=0) + 1
        if float(np.prod(spans.astype(np.float64))) < 2.0**62:
            key = np.zeros(len(ints), dtype=np.int64)
            for k in range(ints.shape[1]):
                key = key * spans[k] + ints[:, k]
            _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
            return [column[first] for column in columns], inverse.ravel()
    distinct, inverse = np.unique(stacked, axis=0, return_inverse=True)
    return [distinct[:, k] for k in range(distinct.shape[1])], inverse.ravel()


COUNT_NAMES = ("events_group", "n_group", "events_reference", "n_reference")
"""The four counts of a two-group comparison, as ``metrics.csv`` names them."""


def two_groups(
    events_group: ArrayLike,
    n_group: ArrayLike,
    events_reference: ArrayLike,
    n_reference: ArrayLike,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, pd.Index | None]:
    """The four counts of a two-group comparison as checked float arrays, and the index.

    Events must lie between 0 and their population, row by row.
    """
    arrays, index = counts(
        events_group=events_group,
        n_group=n_group,
        events_reference=events_reference,
        n_reference=n_reference,
    )
    xg, ng = arrays["events_group"], arrays["n_group"]
    xr, nr = arrays["events_reference"], arrays["n_reference"]
    check_events_within(xg, ng, "events_group", "n_group")
    check_events_within(xr, nr, "events_reference", "n_reference")
    return xg, ng, xr, nr, index


def decreasing_root(
    f: Callable[[np.ndarray, np.ndarray], np.ndarray],
    start: np.ndarray,
    direction: float,
    rows: np.ndarray,
    f_start: np.ndarray,
    tol: float = 1e-11,
    max_iter: int = 200,
) -> np.ndarray:
    """Root of a decreasing function on each row, searching from ``start`` in ``direction``.

    ``f(t, rows)`` evaluates the function for the given rows. ``f_start`` is
    its value at ``start``, which must have the sign of ``direction`` (the
    root lies that way); rows where it does not first step back. The bracket
    then grows geometrically until the sign changes, and the Illinois variant
    of regula falsi (superlinear, never leaves the bracket) narrows it to
    ``tol`` on the log-ratio scale. Only unfinished rows are evaluated.
    """
    near, f_near = start.copy(), f_start.copy()
    for _ in range(16):
        wrong = np.sign(f_near) != direction
        if not wrong.any():
            break
        near[wrong] -= direction * 4.0
        f_near[wrong] = f(near[wrong], rows[wrong])
    step = np.ones(len(start))
    far = near + direction * step
    f_far = f(far, rows)
    for _ in range(8):  # widens to e^255 at most: ample for any count table
        open_ = np.sign(f_far) == np.sign(f_near)
        if not open_.any():
            break
        near[open_], f_near[open_] = far[open_], f_far[open_]
        step[open_] *= 2.0
        far[open_] = near[open_] + direction * step[open_]
        f_far[open_] = f(far[open_], rows[open_])
    a, fa, b, fb = near, f_near, far, f_far
    active = np.flatnonzero(np.abs(b - a) > tol)
    for _ in range(max_iter):
        if not len(active):
            break
        aa, fa_, bb, fb_ = a[active], fa[active], b[active], fb[active]
        with np.errstate(divide="ignore", invalid="ignore"):
            c = bb - fb_ * (bb - aa) / (fb_ - fa_)
        inside = np.isfinite(c) & (c > np.minimum(aa, bb)) & (c < np.maximum(aa, bb))
        c = np.where(inside, c, 0.5 * (aa + bb))
        fc = f(c, rows[active])
        crossed = np.sign(fc) != np.sign(fb_)
        a[active] = np.where(crossed, bb, aa)
        fa[active] = np.where(crossed, fb_, 0.5 * fa_)
        b[active], fb[active] = c, fc
        keep = (np.abs(c - a[active]) > tol) & (fc != 0)
        active = active[keep]
    return b
