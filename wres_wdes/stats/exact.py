r"""Tests of "no difference between the group and its reference", for many tables at once.

Each row is a 2×2 table: ``events_group`` of ``n_group`` against
``events_reference`` of ``n_reference``. :func:`exact_test` returns a two-sided
p-value per row:

- **Small tables: Fisher's exact test** (default) or **Boschloo's test**.
  Fisher's two-sided p-value is the probability, given the table's margins, of
  every table no more likely than the one observed (the definition of R's
  ``fisher.test`` and ``scipy.stats.fisher_exact``; tables within a relative
  1e-7 of the observed probability count as equally likely). It is computed
  for all tables at once from the hypergeometric recurrence
  :math:`P(x+1)/P(x) = (n_g-x)(m-x) / ((x+1)(n_r-m+x+1))` over a window
  around the mode and the observed value, which holds every term larger than
  :math:`e^{-36}` times the observed term; a table whose window edge fails
  that check is recomputed over its whole support. Boschloo's test (Boschloo
  1970) is uniformly more powerful than Fisher's but needs a numerical
  optimisation per table (``scipy.stats.boschloo_exact``): measured here at
  0.08 s for a table of 200 people, 0.25 s at 400, 0.5-0.7 s at 600 and 14 s
  at 1,822 (2 cores, scipy 1.17), so :func:`exact_p_values` bounds it (at most
  :data:`BOSCHLOO_MAX_PEOPLE` people a table and :data:`BOSCHLOO_MAX_TABLES`
  distinct tables a run) and uses Fisher's test for the rest.
- **Large tables: the score test** (Pearson's chi-square without continuity
  correction). It is used when every expected cell count is at least
  ``score_min_expected`` (default 1000, see :data:`SCORE_MIN_EXPECTED`). There
  the exact and asymptotic p-values agree closely (a median gap of about 3%
  near p = 0.05, measured in ``docs/statistics.md``), and the score test is the
  one inverted by the default Koopman interval, so for those tables "interval
  excludes 1" and "p < 0.05" agree exactly.

Identical tables are computed once (``numpy.unique`` over the rows), which
matters because small directorates often share the same counts.

References
----------
Fisher RA (1935). The logic of inductive inference. *Journal of the Royal
Statistical Society* 98(1):39-82.

Boschloo RD (1970). Raised conditional level of significance for the 2×2-table
when testing the equality of two probabilities. *Statistica Neerlandica*
24(1):1-9.

Cochran WG (1954). Some methods for strengthening the common chi-square tests.
*Biometrics* 10(4):417-451.

Fagerland MW, Lydersen S, Laake P (2017). *Statistical Analysis of Contingency
Tables*. Chapman & Hall/CRC, chapter 4.
"""

from __future__ import annotations

import numpy as np
from scipy import special

from wres_wdes.stats._arrays import (
    COUNT_NAMES,
    ArrayLike,
    check_integers,
    two_groups,
    unique_rows,
)

TEST_METHODS = ("fisher", "boschloo")

SCORE_MIN_EXPECTED = 1000.0
"""Smallest expected cell count from which the score test replaces the exact test.

From there on the two tests agree closely: for tables with Fisher p between
0.01 and 0.1 and smallest expected count 1000-1500 the score p-value differs by
2.8% (median) and at most about 7% (``benchmarks/coverage_stats.py``, part 3).
The exact computation, whose cost grows with the table, is skipped where it is
slowest and least needed.
"""

BOSCHLOO_MAX_PEOPLE = 400
"""Largest table (people in both groups) given Boschloo's test: about 0.25 s each."""

BOSCHLOO_MAX_TABLES = 100
"""Most distinct tables given Boschloo's test in one call (about 25 s at most); the
smallest tables are chosen first."""

_RELATIVE_TIE = np.log1p(1e-7)  # R's fisher.test: probabilities within 1e-7 are ties
_NEGLIGIBLE = -36.0  # log of the relative size below which a term cannot change p
_BLOCK = 1 << 16  # elements per padded block: 512 kB of float64 stays in cache


def exact_test(
    events_group: ArrayLike,
    n_group: ArrayLike,
    events_reference: ArrayLike,
    n_reference: ArrayLike,
    *,
    method: str = "fisher",
    score_min_expected: float = SCORE_MIN_EXPECTED,
) -> np.ndarray:
    """Two-sided p-values for "the group's rate equals the reference rate", per row.

    Parameters
    ----------
    events_group, n_group, events_reference, n_reference : array-like
        Whole-number counts of one 2×2 table per row. Scalars broadcast.
    method : {"fisher", "boschloo"}, default "fisher"
        Exact test for the tables below the size threshold.
    score_min_expected : float, default 1000
        Tables whose four expected counts are all at least this use the score
        (Pearson chi-square) test. ``numpy.inf`` forces the exact test for
        every table; 0 forces the score test.

    Returns
    -------
    numpy.ndarray
        p-values in [0, 1]; NaN where a population is 0 or a count missing.
        A table with no events at all (or only events) gives 1.

    Examples
    --------
    Fagerland, Lydersen & Laake (2017), section 4.4: 0 of 16 against 15 of
    72 gives Fisher's p = 0.06287.

    >>> round(float(exact_test(0, 16, 15, 72)[0]), 5)
    0.06287
    """
    if method not in TEST_METHODS:
        raise ValueError(f"method must be one of {', '.join(TEST_METHODS)}; got {method!r}.")
    xg, ng, xr, nr, _ = two_groups(events_group, n_group, events_reference, n_reference)
    for name, values in zip(COUNT_NAMES, (xg, ng, xr, nr), strict=True):
        check_integers(name, values)

    p = np.full(len(xg), np.nan)
    testable = (ng > 0) & (nr > 0) & np.isfinite(xg) & np.isfinite(xr)
    if not testable.any():
        return p
    (ug, ung, ur, unr), inverse = unique_rows(
        xg[testable], ng[testable], xr[testable], nr[testable]
    )
    p[testable] = _p_values(ug, ung, ur, unr, method, score_min_expected)[inverse]
    return p


def _p_values(xg, ng, xr, nr, method, score_min_expected):
    m = xg + xr
    big_n = ng + nr
    p = np.ones(len(xg))
    informative = (m > 0) & (m < big_n)
    expected_min = np.minimum(np.minimum(ng, nr) * m, np.minimum(ng, nr) * (big_n - m)) / big_n
    score = informative & (expected_min >= score_min_expected)
    exact = informative & ~score
    if score.any():
        p[score] = score_test(xg[score], ng[score], xr[score], nr[score])
    if exact.any():
        if method == "fisher":
            p[exact] = _fisher(xg[exact], ng[exact], xr[exact], nr[exact])
        else:
            p[exact] = _boschloo(xg[exact], ng[exact], xr[exact], nr[exact])
    return p


def exact_p_values(
    events_group: ArrayLike,
    n_group: ArrayLike,
    events_reference: ArrayLike,
    n_reference: ArrayLike,
    method: str = "fisher",
) -> tuple[np.ndarray, np.ndarray]:
    """Exact p-values with a bounded running time, and the test each row got.

    ``method="fisher"``: Fisher's test for every row (the score test above
    :data:`SCORE_MIN_EXPECTED`, as :func:`exact_test`). ``method="boschloo"``:
    Boschloo's test for the tables of at most :data:`BOSCHLOO_MAX_PEOPLE`
    people, at most :data:`BOSCHLOO_MAX_TABLES` distinct ones (smallest first),
    and Fisher's for the rest, so a run never waits minutes for it.

    Returns
    -------
    (p, method)
        The p-values, and per row ``"fisher"``, ``"boschloo"`` or ``"score"``
        (the large-table score test), empty where there is no p-value.
    """
    if method not in TEST_METHODS:
        raise ValueError(f"method must be one of {', '.join(TEST_METHODS)}; got {method!r}.")
    xg, ng, xr, nr, _ = two_groups(events_group, n_group, events_reference, n_reference)
    p = exact_test(xg, ng, xr, nr, method="fisher")
    used = np.where(np.isnan(p), "", "fisher").astype(object)
    m, big_n = xg + xr, ng + nr
    expected_min = np.minimum(np.minimum(ng, nr) * m, np.minimum(ng, nr) * (big_n - m)) / np.where(
        big_n > 0, big_n, 1
    )
    used[~np.isnan(p) & (expected_min >= SCORE_MIN_EXPECTED)] = "score"
    if method == "boschloo":
        small = (used == "fisher") & (big_n <= BOSCHLOO_MAX_PEOPLE) & (m > 0) & (m < big_n)
        rows = np.flatnonzero(small)
        if len(rows):
            (ug, ung, ur, unr), inverse = unique_rows(xg[rows], ng[rows], xr[rows], nr[rows])
            chosen = np.argsort(ung + unr, kind="stable")[:BOSCHLOO_MAX_TABLES]
            distinct_p = np.full(len(ug), np.nan)
            distinct_p[chosen] = _boschloo(ug[chosen], ung[chosen], ur[chosen], unr[chosen])
            got = ~np.isnan(distinct_p[inverse])
            p[rows[got]] = distinct_p[inverse][got]
            used[rows[got]] = "boschloo"
    return p, used


def score_p_values(
    events_group: ArrayLike,
    n_group: ArrayLike,
    events_reference: ArrayLike,
    n_reference: ArrayLike,
) -> np.ndarray:
    """Two-sided score-test p-values of "no difference", for every row: the test that the
    default Koopman (ratio) and Mee (difference) intervals invert.

    NaN where a population is 0 or a count missing; 1 where the table has no
    events at all, or only events (nothing to tell the groups apart).

    Examples
    --------
    WDES 2 with no Disabled appointments (46 of 161 against 0 of 18): the
    ratio has no finite value but the score test still applies
    (statsmodels ``test_proportions_2indep(..., method="score",
    correction=False)`` gives 0.008516).

    >>> round(float(score_p_values(46, 161, 0, 18)[0]), 6)
    0.008516
    """
    xg, ng, xr, nr, _ = two_groups(events_group, n_group, events_reference, n_reference)
    p = np.full(len(xg), np.nan)
    testable = (ng > 0) & (nr > 0) & np.isfinite(xg) & np.isfinite(xr)
    m, big_n = xg + xr, ng + nr
    informative = testable & (m > 0) & (m < big_n)
    p[testable] = 1.0
    if informative.any():
        p[informative] = score_test(
            xg[informative], ng[informative], xr[informative], nr[informative]
        )
    return p


def score_test(xg: np.ndarray, ng: np.ndarray, xr: np.ndarray, nr: np.ndarray) -> np.ndarray:
    r"""Two-sided p-value of the score test (Pearson's chi-square, no continuity correction).

    .. math::

        X^2 = \frac{N\,(x_g (n_r - x_r) - x_r (n_g - x_g))^2}{n_g\, n_r\, m\, (N - m)},
        \qquad p = P(\chi^2_1 \ge X^2).

    Rows must have ``0 < m < N``, where ``m = xg + xr`` and ``N = ng + nr``.
    """
    m = xg + xr
    big_n = ng + nr
    cross = xg * (nr - xr) - xr * (ng - xg)
    chi2 = big_n * cross * cross / (ng * nr * m * (big_n - m))
    return special.erfc(np.sqrt(chi2 / 2.0))


def _fisher(xg, ng, xr, nr):
    """Vectorised two-sided Fisher p-values for informative tables (0 < m < N)."""
    m = xg + xr
    big_n = ng + nr
    lo = np.maximum(0.0, m - nr)
    hi = np.minimum(ng, m)
    mode = np.floor((m + 1.0) * (ng + 1.0) / (big_n + 2.0))
    sd = np.sqrt(ng * nr * m * (big_n - m) / (big_n * big_n * np.maximum(big_n - 1.0, 1.0)))
    # Terms more than sqrt(d^2 + 72) standard deviations from the mode are below
    # e^-36 times the observed one (d: the observed distance in sds); the margin
    # covers skewness, and _fisher_block checks the edges anyway.
    reach = 1.1 * np.sqrt((xg - mode) ** 2 + 72.0 * sd * sd) + 5.0
    start = np.maximum(lo, np.floor(mode - reach))
    stop = np.minimum(hi, np.ceil(mode + reach))
    p, ok = _fisher_window(xg, ng, nr, m, start, stop, lo, hi)
    if not ok.all():  # a window too narrow: use the whole support
        redo = ~ok
        p[redo], _ = _fisher_window(
            xg[redo], ng[redo], nr[redo], m[redo], lo[redo], hi[redo], lo[redo], hi[redo]
        )
    return p


def _fisher_window(xg, ng, nr, m, start, stop, lo, hi):
    """Fisher p over x in [start, stop]; also whether the window provably holds all of p.

    Tables are sorted by window width and processed in blocks of similar
    width, each padded to its widest table and small enough to stay in cache.
    """
    width = (stop - start + 1).astype(np.int64)
    p = np.empty(len(xg))
    ok = np.empty(len(xg), dtype=bool)
    order = np.argsort(width, kind="stable")
    sorted_width = width[order]
    begin = 0
    while begin < len(order):
        cols = 1 << int(np.ceil(np.log2(max(int(sorted_width[begin]), 1))))
        end = int(np.searchsorted(sorted_width, cols, side="right"))
        end = min(max(end, begin + 1), begin + max(_BLOCK // cols, 1))
        idx = order[begin:end]
        p[idx], ok[idx] = _fisher_block(
            xg[idx], ng[idx], nr[idx], m[idx], start[idx], width[idx], lo[idx], hi[idx]
        )
        begin = end
    return p, ok


def _fisher_block(xg, ng, nr, m, start, width, lo, hi):
    # Row k holds table k; column j holds x = start + j. log P(x)/P(start) comes
    # from cumulating log P(x+1)/P(x) along the row. Steps past a table's
    # window give junk that only reaches columns masked out below.
    cols = int(width.max())
    j = np.arange(cols - 1, dtype=np.float64)[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = ((ng - start)[:, None] - j) * ((m - start)[:, None] - j)
        ratio /= ((start + 1.0)[:, None] + j) * ((nr - m + start + 1.0)[:, None] + j)
        log_w = np.empty((len(xg), cols))
        log_w[:, 0] = 0.0
        np.cumsum(np.log(ratio, out=ratio), axis=1, out=log_w[:, 1:])
    log_w[np.arange(cols)[None, :] >= width[:, None]] = -np.inf
    rows = np.arange(len(xg))
    log_obs = log_w[rows, (xg - start).astype(np.int64)]
    log_max = log_w.max(axis=1)
    weights = np.exp(log_w - log_max[:, None])
    total = weights.sum(axis=1)
    tail = np.add.reduce(weights, axis=1, where=log_w <= (log_obs + _RELATIVE_TIE)[:, None])
    last = (width - 1).astype(np.int64)
    # The window is complete when each edge is the end of the support or a term
    # negligible next to the observed table (and so next to the mode).
    floor = log_obs + _NEGLIGIBLE
    left_ok = (start <= lo) | (log_w[rows, 0] < floor)
    right_ok = (start + last >= hi) | (log_w[rows, last] < floor)
    return np.minimum(tail / total, 1.0), left_ok & right_ok


def _boschloo(xg, ng, xr, nr):
    from scipy import stats  # imported when needed: scipy.stats takes half a second to import

    p = np.empty(len(xg))
    for k in range(len(xg)):
        table = np.array([[xg[k], xr[k]], [ng[k] - xg[k], nr[k] - xr[k]]], dtype=np.int64)
        p[k] = stats.boschloo_exact(table, alternative="two-sided").pvalue
    return np.clip(p, 0.0, 1.0)
