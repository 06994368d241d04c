"""The headline table that ``wres-wdes run`` prints: one line per metric, in plain words."""

from __future__ import annotations

import math

import pandas as pd
from tabulate import tabulate

from ..metrics.registry import BY_KEY
from ..results import Results

FLAG_WORDS = {
    "small_numbers": "small numbers",
    "outside_four_fifths": "outside 0.80–1.25",
    "significant": "statistically significant",
    "reference_no_events": "reference group had no events",
    "not_calculable": "not calculable",
    "significant_adjusted": "significant after adjusting for the number of units",
    "events_exceed_population": "more events than people",
    "not_provided": "not given in the config",
}


def flag_words(flags: str) -> str:
    """``small_numbers;significant`` → ``small numbers, statistically significant``."""
    if not isinstance(flags, str) or not flags:
        return ""
    return ", ".join(FLAG_WORDS.get(f, f.replace("_", " ")) for f in flags.split(";"))


def flag_meanings(level: float) -> str:
    """What the flags shown beside a figure mean, with the run's own thresholds: the
    significance level (1 − ``options.confidence_level``), the four-fifths band and the
    small-number rule (:mod:`wres_wdes.stats.flags`, with their sources)."""
    from ..stats import FOUR_FIFTHS, SMALL_NUMBERS_MIN_EVENTS, SMALL_NUMBERS_MIN_POPULATION

    low, high = FOUR_FIFTHS
    return (
        f"'statistically significant' means the score test's p-value is below {1 - level:.2g}, "
        f"the same as the {level:.0%} interval excluding parity; 'outside {low:.2f}–{high:.2f}' "
        "is the four-fifths band; 'small numbers' means fewer than "
        f"{SMALL_NUMBERS_MIN_EVENTS} events or {SMALL_NUMBERS_MIN_POPULATION} people in a "
        "group, so read the figure with care"
    )


def format_value(statistic: str, value: float, bounded_below: float | None = None) -> str:
    """Ratios to 2 dp, percentages and differences to 1 dp (the national reports' rounding).

    A ratio whose reference group has no events has no value: given its lower bound,
    it reads ``no finite ratio``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "no finite ratio" if bounded_below is not None else "–"
    if statistic == "relative_likelihood":
        return f"{value:.2f}"
    if statistic == "percent":
        return f"{value:.1f}%"
    if statistic == "difference_pp":
        return f"{value:+.1f} pp"
    if statistic == "score_difference":
        return f"{value:+.2f}"
    if statistic == "yes_no":
        return "Yes" if value else "No"
    return f"{value:.2f}"


def interval_text(statistic: str, low: float, high: float) -> str:
    """An interval in words, ``1.14 to 2.52``; a one-sided bound ``at least 1.61``;
    empty when there is none (a census figure)."""
    if pd.isna(low) or pd.isna(high):
        return ""
    decimals = 2 if statistic in ("relative_likelihood", "score", "score_difference") else 1
    if math.isinf(high):
        return f"at least {low:.{decimals}f}"
    return f"{low:.{decimals}f} to {high:.{decimals}f}"


def _interval(row: pd.Series) -> str:
    return interval_text(row["statistic"], row["ci_low"], row["ci_high"])


def figure_words(row: pd.Series) -> str:
    """What a result row's figure is, in words, as the headline, the report and the
    league table name it: a ratio by its NHS England direction (``White ÷ BME``), a
    share by its group, a board figure by its membership."""
    metric = BY_KEY.get((row["standard"], row["metric"]))
    if row["statistic"] == "relative_likelihood" and metric is not None:
        text = metric.direction
        if row["category"]:
            text += f" ({row['category']})"
        return text
    category = f" ({row['category']})" if row["category"] else ""
    if row["statistic"] == "percent":
        return f"% {row['group']}{category}"
    if row["statistic"] == "difference_pp":
        if metric is not None and metric.input == "board":
            return f"{row['group']}: board {row['category']} − workforce"
        return f"% {row['group']} − % {row['reference_group']}{category}"
    if row["statistic"] == "score":
        return f"engagement score, {row['group']}"
    if row["statistic"] == "score_difference":
        return f"engagement score, {row['group']} − {row['reference_group']}"
    return "action taken"


def headline_table(results: Results, organisation: str | None = None, level: float = 0.95) -> str:
    """The organisation-level figures of every metric, as a text table."""
    frame = results.headline()
    if organisation is not None:
        frame = frame[frame["organisation"] == organisation]
    frame = frame[~((frame["metric"] == "1") & (frame["group"] == "Unknown"))]
    rows = []
    for _, row in frame.iterrows():
        rows.append(
            [
                f"{row['standard']} {row['metric']}",
                figure_words(row),
                format_value(
                    row["statistic"],
                    row["value"],
                    row["ci_low"] if "reference_no_events" in str(row["flags"]) else None,
                ),
                _interval(row),
                flag_words(row["flags"]),
            ]
        )
    return tabulate(
        rows,
        headers=["metric", "figure", "value", f"{level:.0%} interval", "flags"],
        tablefmt="simple",
        maxcolwidths=[None, 48, None, None, 40],
    )
