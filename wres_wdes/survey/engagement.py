r"""WDES 9a: the staff engagement score, 0–10, and its intervals.

The score (``reference/data-formats.md`` §5.4; ``wdes.md`` §6):

1. Each of nine answers is scored on 0–10: the five-point scales give 0, 2.5,
   5, 7.5, 10 (Never / Strongly disagree = 0, Always / Strongly agree = 10)
   [mapping unconfirmed]; the points are the map's ``points`` column.
2. Per respondent, each sub-score — **motivation** (q2a–c), **involvement**
   (q3c, d, f), **advocacy** (q25a, c, d in 2023; other years in the map) — is
   the mean of the items answered.
3. The respondent's engagement is the mean of the sub-scores, if at least
   ``options.survey_engagement_min_subscores`` (default 3, all) have an
   answer [minimum rule unconfirmed].
4. A group's score is the unweighted mean over its respondents (WDES
   comparisons use unweighted respondent means [derived: §5.4]).

The interval of a group's score is Student's *t* on the respondent scores,

.. math::  \bar x \pm t_{0.975,\,n-1}\, s/\sqrt{n},

and that of the difference Disabled − non-disabled is Welch's, with
Welch–Satterthwaite degrees of freedom and the two-sided Welch test as
``p_value`` (Welch 1947). Scores are bounded and not normal, but a mean of
hundreds of respondents is close to normal; with fewer than 11 respondents the
figure is flagged anyway. Counts by unit come from one
:func:`~wres_wdes.counts.level_counts` of ``n``, Σx and Σx². The rows
themselves are built in :mod:`wres_wdes.survey.rows`.

Welch BL (1947). The generalization of "Student's" problem when several
different population variances are involved. *Biometrika* 34(1–2):28–35.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..config import Options
from ..counts import UNIT_KEYS, level_counts, widen_groups
from .questions import Rule, find

SCORE_GROUPS = ("Disabled", "Non-disabled", "All")
"""Groups of the 9a score rows; ``All`` is every respondent with a score."""


def respondent_scores(rules: list[Rule], frame: pd.DataFrame, options: Options) -> pd.Series:
    """Each respondent's engagement score (NaN without enough sub-scores).

    Examples
    --------
    Answers 4, 5, 3 (7.5, 10, 5: motivation 7.5), 2, 2, 2 (involvement 2.5) and
    5, 5, blank (advocacy 10) give (7.5 + 2.5 + 10) / 3 = 6.67.
    """
    subscores = []
    for rule in find(rules, "WDES", "9a"):
        present = [q for q in rule.questions if q in frame]
        if not present:
            continue
        points = np.column_stack(
            [frame[q].astype(object).map(rule.points).astype("float64").to_numpy() for q in present]
        )
        answered = (~np.isnan(points)).sum(axis=1)
        total = np.nansum(points, axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            subscores.append(np.where(answered > 0, total / answered, np.nan))
    if not subscores:
        return pd.Series(np.nan, index=frame.index)
    table = np.column_stack(subscores)
    have = (~np.isnan(table)).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.nansum(table, axis=1) / have
    enough = have >= max(options.survey_engagement_min_subscores, 1)
    return pd.Series(np.where(enough, score, np.nan), index=frame.index)


def score_counts(
    frame: pd.DataFrame, scores: pd.Series, levels: tuple[str, ...], split: tuple[str, ...]
) -> pd.DataFrame:
    """Per unit: ``n_<g>``, ``mean_<g>``, ``sd_<g>`` for Disabled, Non-disabled and All."""
    has = scores.notna().to_numpy()
    x = np.where(has, scores.to_numpy(dtype=np.float64), 0.0)
    data = frame.assign(
        _n=has,
        _sum=x,
        _sumsq=x * x,
        group=frame["disability_group"].astype("string").fillna("Unknown"),
    )
    sums = {"n": "_n", "sum": "_sum", "sumsq": "_sumsq"}
    by_group = level_counts(data, levels, [*split, "group"], sums=sums, size=None)
    overall = level_counts(data, levels, list(split), sums=sums, size=None).assign(group="All")
    counts = pd.concat([by_group, overall], ignore_index=True)
    wide = widen_groups(counts, list(split), list(SCORE_GROUPS), ["n", "sum", "sumsq"])
    for g in SCORE_GROUPS:
        n, s, ss = (wide[f"{v}_{g}"].to_numpy(dtype=np.float64) for v in ("n", "sum", "sumsq"))
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(n > 0, s / n, np.nan)
            var = np.where(n > 1, np.maximum(ss - n * mean * mean, 0.0) / (n - 1), np.nan)
        wide[f"mean_{g}"] = mean
        wide[f"sd_{g}"] = np.sqrt(var)
    return wide.drop(columns=[f"{v}_{g}" for v in ("sum", "sumsq") for g in SCORE_GROUPS])


def published_score_counts(rows: pd.DataFrame) -> pd.DataFrame | None:
    """The same table from published 9a rows (``score``; ``sd`` if given, else no interval)."""
    rows = rows[rows["group"].isin(SCORE_GROUPS)]
    if rows.empty:
        return None
    keys = [*UNIT_KEYS, "category"]
    wide = rows.pivot_table(
        index=keys, columns="group", values=["n", "score", "sd"], aggfunc="first", dropna=False
    )
    wide = wide.reindex(
        columns=pd.MultiIndex.from_product([["n", "score", "sd"], list(SCORE_GROUPS)])
    )
    names = {"n": "n", "score": "mean", "sd": "sd"}
    wide.columns = [f"{names[c[0]]}_{c[1]}" for c in wide.columns]  # (value, group) pairs
    wide = wide.reset_index()
    for g in SCORE_GROUPS:
        wide[f"n_{g}"] = wide[f"n_{g}"].fillna(0)
    return wide


def t_interval(
    mean: np.ndarray, sd: np.ndarray, n: np.ndarray, level: float
) -> tuple[np.ndarray, np.ndarray]:
    """Student's t interval of a mean; NaN with fewer than two respondents or no sd."""
    from scipy import stats as st  # when needed: scipy.stats takes half a second to import

    with np.errstate(invalid="ignore", divide="ignore"):
        t = st.t.ppf((1 + level) / 2, np.where(n > 1, n - 1, np.nan))
        half = t * sd / np.sqrt(n)
    return mean - half, mean + half


def welch(
    m1: np.ndarray,
    s1: np.ndarray,
    n1: np.ndarray,
    m2: np.ndarray,
    s2: np.ndarray,
    n2: np.ndarray,
    level: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Welch interval and p-value for ``m1 − m2``.

    .. math::

        se = \sqrt{s_1^2/n_1 + s_2^2/n_2}, \qquad
        \nu = \frac{se^4}{(s_1^2/n_1)^2/(n_1-1) + (s_2^2/n_2)^2/(n_2-1)}

    Rows with ``se = 0`` (no spread in either group) get no interval or p-value.
    """
    from scipy import stats as st  # when needed: scipy.stats takes half a second to import

    with np.errstate(invalid="ignore", divide="ignore"):
        v1, v2 = s1 * s1 / n1, s2 * s2 / n2
        se = np.sqrt(v1 + v2)
        df = se**4 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1))
        ok = (se > 0) & (n1 > 1) & (n2 > 1)
        df = np.where(ok, df, np.nan)
        t = st.t.ppf((1 + level) / 2, df)
        d = m1 - m2
        low, high = d - t * se, d + t * se
        p = 2 * st.t.sf(np.abs(d) / se, df)
    nan = np.nan
    return np.where(ok, low, nan), np.where(ok, high, nan), np.where(ok, p, nan)
