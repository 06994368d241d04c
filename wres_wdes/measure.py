"""From count tables to result rows: rates, values, intervals, tests and flags.

Every function here works on whole count tables at once (``DESIGN.md``,
principle 4) and returns rows in the ``metrics.csv`` layout
(:data:`wres_wdes.results.METRICS_COLUMNS`). The statistics themselves live in
:mod:`wres_wdes.stats`; here they are applied with each metric's direction.

One procedure gives every comparison its interval, its p-value and its
``significant`` flag, so the three never disagree: the score test of no
difference, and the interval that inverts it (Koopman's for a ratio, Mee's for a
difference). Figures that are complete counts at the census date (WRES 1 and
WDES 1 shares, board differences) are shown without an interval or a test
unless ``options.census_intervals`` asks for one. Each row's ``method`` column
names what it got (``docs/statistics.md``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionArray

from . import stats
from .config import Options
from .counts import UNIT_KEYS
from .results_columns import PER_YEAR_NOTE


class Metric(Protocol):
    """What the rows need of a metric: a registry entry
    (:class:`wres_wdes.metrics.registry.Metric`) is one. The registry's builders call
    this module, so it names the fields it reads rather than importing the registry."""

    @property
    def standard(self) -> str: ...

    @property
    def metric(self) -> str: ...

    @property
    def group(self) -> str | None: ...

    @property
    def reference_group(self) -> str | None: ...


def _values(column: pd.Series) -> np.ndarray | ExtensionArray:
    """A column's values for a new frame: text stays in its Arrow array (no round trip
    through Python strings), anything else as a numpy array."""
    dtype = column.dtype
    if isinstance(dtype, pd.StringDtype) and dtype.na_value is np.nan:  # the default ``str``
        return column.array
    return column.to_numpy()


METHOD_RATIO = "Koopman score interval; score test (Pearson chi-square)"
METHOD_DIFFERENCE = "Mee score interval; score test (Pearson chi-square)"
METHOD_PERCENT = "Wilson interval"
METHOD_CENSUS = "none: a complete count at the census date"
METHOD_CENSUS_SHARE = (
    "Wilson interval, treating the census as a sample from a superpopulation "
    "(options.census_intervals)"
)
METHOD_CENSUS_DIFFERENCE = (
    "Mee score interval; score test, treating the board as a random draw from the "
    "workforce (options.census_intervals)"
)
EXACT_NAMES = {"fisher": "Fisher's exact test", "boschloo": "Boschloo's exact test"}


def rate(events: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Events over population as a proportion; empty (NaN) where the population is 0."""
    return np.where(n > 0, events / np.where(n > 0, n, 1), np.nan)


def _set_figures(
    out: pd.DataFrame,
    events_group: np.ndarray,
    n_group: np.ndarray,
    events_reference: np.ndarray,
    n_reference: np.ndarray,
    interval: pd.DataFrame,
) -> None:
    """Fill the count, rate and interval columns of result rows (``metrics.csv`` order)."""
    out["n_group"] = n_group
    out["events_group"] = events_group
    out["rate_group"] = rate(events_group, n_group)
    out["n_reference"] = n_reference
    out["events_reference"] = events_reference
    out["rate_reference"] = rate(events_reference, n_reference)
    for column in ("value", "ci_low", "ci_high"):
        out[column] = interval[column].to_numpy()


def base_rows(metric: Metric, table: pd.DataFrame, statistic: str) -> pd.DataFrame:
    """The identifying columns of result rows, one per row of a count table."""
    out = pd.DataFrame(
        {
            "standard": metric.standard,
            "metric": metric.metric,
            "level": _values(table["level"]),
            "unit": _values(table["unit"]),
            "category": _values(table["category"]) if "category" in table else "",
        }
    )
    out["statistic"] = statistic
    out["organisation"] = _values(table["organisation"])
    if "split" in table:
        out["split"] = _values(table["split"])
    return out


def _exact(options: Options, xg, ng, xr, nr, shown: np.ndarray, method: str):
    """``p_exact`` and the method text, when ``options.exact_test`` asks for it."""
    if options.exact_test == "none":
        return None, np.full(len(xg), method, dtype=object)
    p, used = stats.exact_p_values(xg, ng, xr, nr, method=options.exact_test)
    p = np.where(shown, p, np.nan)
    names = {**EXACT_NAMES, "score": "the score test (a large table)"}
    text = np.array(
        [
            f"{method}; p_exact: {names[u]}" if u and ok else method
            for u, ok in zip(used, shown, strict=True)
        ],
        dtype=object,
    )
    return p, text


def likelihood_rows(
    metric: Metric, table: pd.DataFrame, options: Options, years: int = 1
) -> pd.DataFrame:
    """Relative likelihood rows, ``rate(group) / rate(reference)``, the metric's direction.

    Parameters
    ----------
    metric
        Registry entry; its ``group`` and ``reference_group`` give the direction.
    table
        Wide counts (see :func:`wres_wdes.counts.widen_groups`) with
        ``n_<group>`` and ``events_<group>`` columns.
    options
        For the confidence level and the exact test.
    years
        With a two-year rolling window, events over two data years: the figure
        uses the mean entries per year, ``events / years``, over the census
        headcount (``reference/wres.md`` §4, ``wdes.md`` §5: "two year rolling
        average of the current year and the previous year"), and the events shown
        and flagged as ``small_numbers`` are that mean per year (one basis,
        labelled so in ``note``). The interval and test use the pooled counts
        (events over ``years × headcount`` person-years), which give the same ratio.
    """
    g, r = metric.group, metric.reference_group
    xg = table[f"events_{g}"].to_numpy(dtype=np.float64)
    ng = table[f"n_{g}"].to_numpy(dtype=np.float64)
    xr = table[f"events_{r}"].to_numpy(dtype=np.float64)
    nr = table[f"n_{r}"].to_numpy(dtype=np.float64)
    # Events can exceed the census headcount in a small unit (leavers, or cases of
    # people who have since left). The ratio is still the ratio of rates, but a
    # binomial interval or test does not apply: they are left empty and flagged.
    # An average headcount (options.leaving_denominator = "average") is fractional;
    # the interval and test take it to the nearest whole person.
    pooled_g, sg, pooled_r, sr, exceed = stats.window_counts(xg, ng, xr, nr, years)
    rl = stats.relative_likelihood(pooled_g, sg, pooled_r, sr, level=options.confidence_level)
    shown = ~rl["not_calculable"].to_numpy() & ~exceed  # a figure or a bound: its test
    p = np.where(shown, stats.score_p_values(pooled_g, sg, pooled_r, sr), np.nan)
    if exceed.any():
        with np.errstate(divide="ignore", invalid="ignore"):
            direct = (xg / ng) / (xr / nr)
        rl.loc[exceed, "value"] = np.where(np.isfinite(direct[exceed]), direct[exceed], np.nan)
        rl.loc[exceed, ["ci_low", "ci_high"]] = np.nan
        rl.loc[exceed, "reference_no_events"] = False
    p_exact, method = _exact(options, pooled_g, sg, pooled_r, sr, shown, METHOD_RATIO)
    out = base_rows(metric, table, "relative_likelihood")
    out["group"] = g
    out["reference_group"] = r
    _set_figures(out, xg / years, ng, xr / years, nr, rl)
    out["p_value"] = p
    flagged = stats.flag_columns(
        value=out["value"],
        ci_low=out["ci_low"],
        ci_high=out["ci_high"],
        not_calculable=rl["not_calculable"].to_numpy() & ~exceed,
        reference_no_events=rl["reference_no_events"].to_numpy(),
        events_group=xg / years,
        n_group=ng,
        events_reference=xr / years,
        n_reference=nr,
        p_value=p,
        level=options.confidence_level,
    )
    if exceed.any():  # joined after the standard flags, as join_flags orders extra columns
        flagged["events_exceed_population"] = exceed
    out["flags"] = stats.join_flags(flagged)
    out["method"] = method
    if p_exact is not None:
        out["p_exact"] = p_exact
    if years > 1:
        out["note"] = PER_YEAR_NOTE.format(years=years)
    return out


def percent_rows(
    metric: Metric,
    table: pd.DataFrame,
    groups: Sequence[str],
    options: Options,
    census: bool = False,
) -> pd.DataFrame:
    """Percentage rows for each group: events over population.

    ``table`` has ``events_<group>`` and ``n`` (the population of the row), and
    optionally ``events_total_<group>`` and ``n_total`` for the comparator (the
    whole workforce of the unit, for metric 1), shown in the reference columns.
    A survey percentage (respondents, a sample) has a Wilson interval. A
    ``census`` share (WRES 1, WDES 1: a complete count of the workforce at the
    census date) has none, unless ``options.census_intervals``.
    """
    interval = not census or options.census_intervals
    method = METHOD_PERCENT if not census else METHOD_CENSUS_SHARE if interval else METHOD_CENSUS
    parts = []
    for group in groups:
        x = table[f"events_{group}"].to_numpy(dtype=np.float64)
        n = table["n"].to_numpy(dtype=np.float64)
        ci = stats.percent_interval(x, n, level=options.confidence_level)
        if not interval:
            ci[["ci_low", "ci_high"]] = np.nan
        out = base_rows(metric, table, "percent")
        out["group"] = group
        out["reference_group"] = ""
        if "n_total" in table:
            nt = table["n_total"].to_numpy(dtype=np.float64)
            xt = table[f"events_total_{group}"].to_numpy(dtype=np.float64)
        else:
            nt = xt = np.full(len(table), np.nan)
        _set_figures(out, x, n, xt, nt, ci)
        out["p_value"] = np.nan
        out["flags"] = stats.flags(
            value=out["value"],
            ci_low=out["ci_low"],
            ci_high=out["ci_high"],
            n_group=n,
            null=None,
            four_fifths=None,
            min_events=0,
        )
        out["method"] = method
        parts.append(out)
    return pd.concat(parts, ignore_index=True)


def difference_rows(
    metric: Metric, table: pd.DataFrame, options: Options, census: bool = False
) -> pd.DataFrame:
    """Percentage-point differences, group minus reference.

    ``table`` has ``events_group, n_group, events_reference, n_reference`` (and
    may have ``group``, ``reference_group`` and ``note`` per row). A survey
    difference (samples) has Mee's score interval and the score test it inverts.
    A ``census`` difference (a board against its workforce, both complete
    counts) has neither, unless ``options.census_intervals``.
    """
    xg = table["events_group"].to_numpy(dtype=np.float64)
    ng = table["n_group"].to_numpy(dtype=np.float64)
    xr = table["events_reference"].to_numpy(dtype=np.float64)
    nr = table["n_reference"].to_numpy(dtype=np.float64)
    interval = not census or options.census_intervals
    ci = stats.difference_interval(xg, ng, xr, nr, level=options.confidence_level)
    out = base_rows(metric, table, "difference_pp")
    out["group"] = table["group"].to_numpy() if "group" in table else metric.group
    out["reference_group"] = (
        table["reference_group"].to_numpy()
        if ("reference_group" in table)
        else (metric.reference_group or "")
    )
    if interval:
        shown = ~ci["not_calculable"].to_numpy()
        p = np.where(shown, stats.score_p_values(xg, ng, xr, nr), np.nan)
        method = METHOD_DIFFERENCE if not census else METHOD_CENSUS_DIFFERENCE
        p_exact, methods = _exact(options, xg, ng, xr, nr, shown, method)
    else:
        ci[["ci_low", "ci_high"]] = np.nan
        p, p_exact = np.full(len(xg), np.nan), None
        methods = np.full(len(xg), METHOD_CENSUS, dtype=object)
    _set_figures(out, xg, ng, xr, nr, ci)
    out["p_value"] = p
    out["flags"] = stats.flags(
        value=out["value"],
        ci_low=out["ci_low"],
        ci_high=out["ci_high"],
        n_group=ng,
        n_reference=nr,
        null=0.0 if interval else None,
        four_fifths=None,
        min_events=0,
        p_value=p,
        level=options.confidence_level,
    )
    out["method"] = methods
    if p_exact is not None:
        out["p_exact"] = p_exact
    if "note" in table:
        out["note"] = table["note"].to_numpy()
    return out


def keys_of(table: pd.DataFrame) -> list[str]:
    return [c for c in (*UNIT_KEYS, "category", "split") if c in table]
