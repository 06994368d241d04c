r"""Year on year: the change in every figure between two years' results, from their counts.

:meth:`wres_wdes.Results.compare` matches the figures of two runs (same
organisation, standard, metric, level, unit, category, groups and statistic) and
gives each one's change with its confidence interval and significance, worked out
from the counts, never from rounded figures:

- a relative likelihood: the ratio of the two years' ratios,
  :math:`C = RL_\text{later} / RL_\text{earlier}`, with the MOVER interval of
  :func:`wres_wdes.stats.ratio_of_ratios` from each year's Koopman interval;
  significant when it excludes 1;
- a percentage of a sample (staff survey): the difference in percentage points,
  with Newcombe's square-and-add interval from each year's Wilson interval
  (his method 10; :func:`wres_wdes.stats.change.mover_difference`);
- a percentage-point difference of samples: the difference of the differences,
  by the same construction from each year's Mee score interval;
- a score (WDES 9a): a mean of answers, not a count, so its change uses each
  year's own stored interval, by the same construction;
- a complete count at the census date (WRES 1 and WDES 1 shares, board
  differences, unless ``options.census_intervals``): the change is exact, so it
  has no interval and no test;
- a yes/no answer (WDES 9b): no change.

Two-year windows (WRES 3, WDES 3, ``reference/wres.md`` §4 and ``reference/wdes.md``
§5: "two year rolling average of the current year and the previous year") show
the mean entries per year over the census headcount. Their counts for the interval
are pooled as the figure's own interval pools them (:func:`wres_wdes.measure.
likelihood_rows`): the entries of both years over ``window_years × headcount``
person-years, so a mean such as 2.5 entries is never treated as 2.5 people.

Each year is treated as an independent sample. Staff present in both years, and
the data year two consecutive two-year windows share, make the years positively
correlated, which narrows the true interval of the change: the test errs on the
cautious side (:mod:`wres_wdes.stats.change`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .results_columns import METRICS_COLUMNS, years_of
from .stats.change import mover_difference, ratio_of_ratios
from .stats.proportions import difference_interval, percent_interval
from .stats.ratio import window_counts

KEYS = ("organisation", *METRICS_COLUMNS[: METRICS_COLUMNS.index("statistic") + 1])
"""What makes two years' rows the same figure: the organisation, and the contract's
columns from ``standard`` to ``statistic``."""

COUNTS = ("events_group", "n_group", "events_reference", "n_reference")

COMPARE_COLUMNS = (
    *KEYS,
    "year_earlier",
    "year",
    "value_earlier",
    "value",
    "difference",
    "change",
    "change_scale",
    "change_low",
    "change_high",
    "change_significant",
    "change_method",
)
"""The columns of :meth:`wres_wdes.Results.compare` (after ``split_by``/``split`` keys
when both results are split)."""

METHOD_RATIO = "ratio of relative likelihoods; MOVER interval from each year's Koopman interval"
METHOD_PERCENT = "difference; Newcombe's interval from each year's Wilson interval"
METHOD_DIFFERENCE = "difference of differences; MOVER interval from each year's Mee interval"
METHOD_SCORE = "difference; MOVER interval from each year's stored interval"
METHOD_CENSUS = "none: complete counts at both census dates, the change is exact"
METHOD_NONE = "none: no figure in one of the years"
METHOD_EXCEED = "none: more events than people in one of the years, so no interval applies"


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame:
        return pd.Series("", index=frame.index, dtype=object)
    return frame[column].fillna("").astype(str)


def _prepared(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    out = pd.DataFrame({k: _text(frame, k).to_numpy() for k in keys})
    for column in ("value", "ci_low", "ci_high", *COUNTS):
        out[column] = frame[column].to_numpy(dtype=np.float64) if column in frame else np.nan
    years = (
        frame["window_years"].to_numpy(dtype=np.float64)
        if "window_years" in frame
        else years_of(frame["note"])
        if "note" in frame
        else np.ones(len(frame))
    )
    out["_window"] = years
    out["_census"] = _text(frame, "method").str.startswith("none").to_numpy()
    out["_year"] = frame["year"].to_numpy() if "year" in frame else pd.NA
    return out


def _pooled(
    both: pd.DataFrame, suffix: str
) -> tuple[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray], np.ndarray]:
    """Each year's counts as the figure's interval counts them
    (:func:`wres_wdes.stats.window_counts`, as :func:`wres_wdes.measure.likelihood_rows`
    pools them): the mean events per year times the window, over person-years; and
    where events exceed the person-years, so no interval applies."""
    w = both[f"_window{suffix}"].to_numpy(dtype=np.float64)
    xg, ng, xr, nr = (both[f"{c}{suffix}"].to_numpy(dtype=np.float64) for c in COUNTS)
    xg, sg, xr, sr, exceed = window_counts(np.rint(xg * w), ng, np.rint(xr * w), nr, w)
    return (xg, sg, xr, sr), exceed


def compare_frames(later: pd.DataFrame, earlier: pd.DataFrame, level: float = 0.95) -> pd.DataFrame:
    """The change in every figure present in both frames (see the module docstring).

    Rows are in the order of ``later``; a figure in one year only is left out.
    """
    keys = list(KEYS)
    if "split" in later and "split" in earlier:
        keys += ["split_by", "split"]
    both = _prepared(later, keys).merge(
        _prepared(earlier, keys), on=keys, how="inner", suffixes=("", "_e"), validate="1:1"
    )
    statistic = both["statistic"].to_numpy()
    v1, v2 = both["value_e"].to_numpy(), both["value"].to_numpy()
    change = np.full(len(both), np.nan)
    low, high = np.full(len(both), np.nan), np.full(len(both), np.nan)
    method = np.full(len(both), METHOD_NONE, dtype=object)
    census = both["_census"].to_numpy(dtype=bool) | both["_census_e"].to_numpy(dtype=bool)
    present = ~np.isnan(v1) & ~np.isnan(v2)

    ratio = (statistic == "relative_likelihood") & ~census
    if ratio.any():
        pick = both[ratio]
        (before, exceed_e), (after, exceed) = _pooled(pick, "_e"), _pooled(pick, "")
        r = ratio_of_ratios(before, after, level=level)
        untested = exceed_e | exceed  # more events than people: no interval applies
        with np.errstate(divide="ignore", invalid="ignore"):  # there, the figures' own ratio
            direct = v2[ratio] / v1[ratio]
        change[ratio] = np.where(untested, direct, r["value"].to_numpy())
        low[ratio] = np.where(untested, np.nan, r["ci_low"].to_numpy())
        high[ratio] = np.where(untested, np.nan, r["ci_high"].to_numpy())
        method[ratio] = np.where(untested, METHOD_EXCEED, METHOD_RATIO)

    percent = (statistic == "percent") & ~census
    if percent.any():
        pick = both[percent]
        years = []
        for suffix in ("_e", ""):
            (xg, ng, _, _), _ = _pooled(pick, suffix)
            ci = percent_interval(xg, ng, level=level)
            years.append([ci[c].to_numpy() for c in ("value", "ci_low", "ci_high")])
        d, d_low, d_high = mover_difference(*years[0], *years[1])
        change[percent], low[percent], high[percent] = d, d_low, d_high
        method[percent] = METHOD_PERCENT

    difference = (statistic == "difference_pp") & ~census
    if difference.any():
        pick = both[difference]
        years = []
        for suffix in ("_e", ""):
            ci = difference_interval(*_pooled(pick, suffix)[0], level=level)
            years.append([ci[c].to_numpy() for c in ("value", "ci_low", "ci_high")])
        d, d_low, d_high = mover_difference(*years[0], *years[1])
        change[difference], low[difference], high[difference] = d, d_low, d_high
        method[difference] = METHOD_DIFFERENCE

    score = np.isin(statistic, ["score", "score_difference"]) & ~census
    if score.any():
        stored = [both.loc[score, c].to_numpy() for c in ("value_e", "ci_low_e", "ci_high_e")]
        stored += [both.loc[score, c].to_numpy() for c in ("value", "ci_low", "ci_high")]
        change[score], low[score], high[score] = mover_difference(*stored)
        method[score] = METHOD_SCORE

    exact = census & np.isin(statistic, ["relative_likelihood", "percent", "difference_pp"])
    if exact.any():
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio_of = v2[exact] / v1[exact]
        change[exact] = np.where(
            statistic[exact] == "relative_likelihood", ratio_of, v2[exact] - v1[exact]
        )
    method[exact] = METHOD_CENSUS

    change = np.where(present, change, np.nan)
    low, high = np.where(present, low, np.nan), np.where(present, high, np.nan)
    method = np.where(present, method, METHOD_NONE)
    scale = np.where(statistic == "relative_likelihood", "ratio", "difference")
    scale = np.where(statistic == "yes_no", "", scale)
    with np.errstate(invalid="ignore"):
        significant = np.where(scale == "ratio", (low > 1) | (high < 1), (low > 0) | (high < 0))
    out = both[keys].copy()
    out["year_earlier"] = both["_year_e"].to_numpy()
    out["year"] = both["_year"].to_numpy()
    out["value_earlier"] = v1
    out["value"] = v2
    out["difference"] = np.where(statistic == "yes_no", np.nan, v2 - v1)
    out["change"] = change
    out["change_scale"] = scale
    out["change_low"] = low
    out["change_high"] = high
    out["change_significant"] = significant & ~np.isnan(low) & ~np.isnan(high)
    out["change_method"] = np.where(statistic == "yes_no", "none: a yes/no answer", method)
    return out[[*keys, *COMPARE_COLUMNS[len(KEYS) :]]].reset_index(drop=True)


__all__ = ["COMPARE_COLUMNS", "KEYS", "compare_frames"]
