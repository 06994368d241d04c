"""Survey count tables → ``metrics.csv`` rows, and :func:`survey_rows`, the entry point.

Per unit (and category):

- a ``percent`` row for each group, with its Wilson interval
  (:func:`wres_wdes.measure.percent_rows`): WRES 5–8 BME and White; WDES 4a–7
  Disabled and Non-disabled; WDES 8 Disabled only;
- a ``difference_pp`` row, group minus reference (BME − White, Disabled −
  Non-disabled), with Newcombe's interval and the exact test
  (:func:`wres_wdes.measure.difference_rows`);
- for WDES 9a, ``score`` rows for Disabled, Non-disabled and All, and a
  ``score_difference`` row, Disabled − Non-disabled in points
  (:mod:`wres_wdes.survey.engagement`).

Every row whose group (or reference) has fewer respondents than
``options.survey_minimum_respondents`` (default 11, the Staff Survey's own
minimum; ``reference/data-formats.md`` §7) is flagged ``below_survey_minimum``;
publication outputs leave such rows out. The other flags are those of
:func:`wres_wdes.stats.flags`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import stats
from ..config import Config, Options
from ..measure import base_rows, difference_rows, percent_rows
from ..metrics.registry import Metric
from .check import load_map
from .engagement import (
    SCORE_GROUPS,
    published_score_counts,
    respondent_scores,
    score_counts,
    t_interval,
    welch,
)
from .published import published_counts, published_rows
from .questions import rules_for
from .respondents import metric_groups, respondent_counts

BELOW_MINIMUM = "below_survey_minimum"
SCALE = 10.0
"""The engagement scale's top; intervals are clipped to 0–10 (differences to ±10)."""


def _below(options: Options, *counts: np.ndarray | pd.Series) -> np.ndarray:
    minimum = options.survey_minimum_respondents
    below = np.zeros(len(counts[0]), dtype=bool)
    for n in counts:
        below |= np.nan_to_num(np.asarray(n, dtype=np.float64), nan=0.0) < minimum
    return below


def _add_flag(
    flags: np.ndarray | pd.Series, hit: np.ndarray, name: str = BELOW_MINIMUM
) -> np.ndarray:
    """Append ``name`` to the ``;``-separated flags of the rows hit."""
    flags = np.asarray(flags, dtype=object)
    joined = np.where(flags == "", name, flags + ";" + name)
    return np.where(hit, joined, flags).astype(object)


def proportion_rows(metric: Metric, table: pd.DataFrame, options: Options) -> pd.DataFrame:
    """Percent rows per group and the difference row, from a count table."""
    groups = metric_groups(metric)
    parts = []
    for g in groups:
        rows = percent_rows(metric, table.assign(n=table[f"n_{g}"]), [g], options)
        rows["flags"] = _add_flag(rows["flags"], _below(options, rows["n_group"]))
        parts.append(rows)
    if metric.reference_group:
        group, reference = metric.group, metric.reference_group
        pair = table.assign(
            events_group=table[f"events_{group}"],
            n_group=table[f"n_{group}"],
            events_reference=table[f"events_{reference}"],
            n_reference=table[f"n_{reference}"],
        )
        rows = difference_rows(metric, pair, options)
        rows["flags"] = _add_flag(
            rows["flags"], _below(options, rows["n_group"], rows["n_reference"])
        )
        parts.append(rows)
    return pd.concat(parts, ignore_index=True)


def score_rows(metric: Metric, table: pd.DataFrame, options: Options) -> pd.DataFrame:
    """``score`` rows for Disabled, Non-disabled and All; a ``score_difference`` row.

    ``value`` (and ``rate_group``) is the mean score, ``n_group`` the
    respondents with a score; ``events_group`` is empty. The difference is
    Disabled − Non-disabled in points on the 0–10 scale, with Welch's interval
    and test. A score's interval is clipped to the scale (0–10), which a mean
    cannot leave; this matters only for a handful of respondents.
    """
    level = options.confidence_level
    parts = []
    for g in SCORE_GROUPS:
        n = table[f"n_{g}"].to_numpy(dtype=np.float64)
        mean = table[f"mean_{g}"].to_numpy(dtype=np.float64)
        low, high = t_interval(mean, table[f"sd_{g}"].to_numpy(dtype=np.float64), n, level)
        low, high = np.clip(low, 0.0, SCALE), np.clip(high, 0.0, SCALE)
        out = base_rows(metric, table, "score")
        out["group"], out["reference_group"] = g, ""
        out["n_group"], out["events_group"], out["rate_group"] = n, np.nan, mean
        out["value"], out["ci_low"], out["ci_high"], out["p_value"] = mean, low, high, np.nan
        flags = stats.flags(
            value=mean,
            ci_low=low,
            ci_high=high,
            n_group=n,
            null=None,
            four_fifths=None,
            min_events=0,
        )
        out["flags"] = _add_flag(flags, _below(options, n))
        parts.append(out)
    group, reference = metric.group, metric.reference_group
    n1, n2 = (table[f"n_{x}"].to_numpy(dtype=np.float64) for x in (group, reference))
    m1, m2 = (table[f"mean_{x}"].to_numpy(dtype=np.float64) for x in (group, reference))
    s1, s2 = (table[f"sd_{x}"].to_numpy(dtype=np.float64) for x in (group, reference))
    low, high, p = welch(m1, s1, n1, m2, s2, n2, level)
    low, high = np.clip(low, -SCALE, SCALE), np.clip(high, -SCALE, SCALE)
    out = base_rows(metric, table, "score_difference")
    out["group"], out["reference_group"] = group, reference
    out["n_group"], out["events_group"], out["rate_group"] = n1, np.nan, m1
    out["n_reference"], out["events_reference"], out["rate_reference"] = n2, np.nan, m2
    out["value"], out["ci_low"], out["ci_high"], out["p_value"] = m1 - m2, low, high, p
    flags = stats.flags(
        value=m1 - m2,
        ci_low=low,
        ci_high=high,
        n_group=n1,
        n_reference=n2,
        null=0.0,
        four_fifths=None,
        min_events=0,
    )
    out["flags"] = _add_flag(flags, _below(options, n1, n2))
    parts.append(out)
    return pd.concat(parts, ignore_index=True)


def _from_responses(
    metric: Metric, frame: pd.DataFrame, config: Config, split: tuple[str, ...]
) -> pd.DataFrame | None:
    options = config.options
    year = (
        int(frame["survey_year"].dropna().iloc[0])
        if "survey_year" in frame and frame["survey_year"].notna().any()
        else options.survey_year or config.year - 1
    )
    rules = rules_for(load_map(config), year, options.survey_2020_numbering)
    levels = tuple(lv for lv in config.levels if lv in frame)
    if metric.statistic == "score":
        if "disability_group" not in frame:
            return None
        scores = respondent_scores(rules, frame, options)
        if scores.isna().all():
            return None
        table = score_counts(frame, scores, levels, split)
        return score_rows(metric, table.rename(columns={"_split": "split"}), options)
    counts = respondent_counts(metric, rules, frame, levels, split, options)
    if counts is None:
        return None
    return proportion_rows(metric, counts.rename(columns={"_split": "split"}), options)


def _from_published(metric: Metric, frame: pd.DataFrame, config: Config) -> pd.DataFrame | None:
    levels = tuple(config.levels)
    if metric.statistic == "score":
        table = published_score_counts(published_rows(metric, frame, levels))
        return None if table is None else score_rows(metric, table, config.options)
    table = published_counts(metric, frame, levels)
    return None if table is None else proportion_rows(metric, table, config.options)


def survey_rows(
    metric: Metric, frames: dict[str, pd.DataFrame], config: Config, split: tuple[str, ...]
) -> pd.DataFrame | None:
    """Rows of one survey figure in the ``metrics.csv`` layout, at every level.

    Parameters
    ----------
    metric
        A registry entry with ``input == "survey"``.
    frames
        Typed frames of used rows by input key, each with ``organisation``.
        ``survey_responses`` (respondent level) is used when present, else
        ``survey_results`` (published figures).
    config
        Levels (those present in the survey file are used) and options.
    split
        ``()`` or ``("_split",)``: a column to split every figure by. Published
        figures cannot be split (None).

    Returns
    -------
    pandas.DataFrame or None
        :data:`~wres_wdes.results.METRICS_COLUMNS` plus ``organisation`` (and
        ``split``); None when no survey input holds this figure.
    """
    responses = frames.get("survey_responses")
    if responses is not None and len(responses):
        return _from_responses(metric, responses, config, split)
    results = frames.get("survey_results")
    if results is not None and len(results) and not split:
        return _from_published(metric, results, config)
    return None
