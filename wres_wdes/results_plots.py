"""Drawing figures into a given matplotlib ``Axes``: forest plots and funnel plots.

One drawing function for each kind of chart, used by both
:meth:`wres_wdes.Results.plot_forest` / :meth:`~wres_wdes.Results.plot_funnel` (an
analyst's own axes, in a notebook) and the report's charts
(:mod:`wres_wdes.write.charts`, which adds the figure, the alt text and the
disclosure control of published figures). Nothing here imports pyplot, so a
notebook's backend is left alone.

Accessibility: the Okabe–Ito palette (distinguishable with any common colour vision
deficiency); level shown by marker shape as well as colour, and significance by
filled versus hollow markers, so nothing relies on colour alone.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .metrics.registry import BY_KEY
from .stats.flags import FOUR_FIFTHS

if TYPE_CHECKING:
    from matplotlib.axes import Axes

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
LEVEL_STYLE = [
    ("D", OKABE_ITO["black"]),
    ("o", OKABE_ITO["blue"]),
    ("s", OKABE_ITO["vermillion"]),
    ("^", OKABE_ITO["green"]),
]
BAND = FOUR_FIFTHS
"""The four-fifths band the plots shade (:data:`wres_wdes.stats.FOUR_FIFTHS`, with its source)."""
LOG_TICKS = (0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 0.8, 1, 1.25, 2, 4, 10, 20, 50, 100)
MAX_ROWS = 40
"""Most rows a forest plot draws; beyond, units go to a funnel plot and the tables."""
FUNNEL_LABELS = 8
"""Most points a funnel plot names (those furthest outside its limits)."""


def log_axis(axis, low: float, high: float, zero_at: float | None = None) -> None:
    """Plain tick labels on a log axis (``0.5``, ``1``, ``2``: never ``2×10⁰``), and a
    tick ``0`` at ``zero_at`` for a row of zero ratios drawn below the scale."""
    from matplotlib.ticker import FixedLocator, NullFormatter, NullLocator

    ticks = [t for t in LOG_TICKS if low <= t <= high] or [1.0]
    labels = [f"{t:g}" for t in ticks]
    if zero_at is not None:
        ticks, labels = [zero_at, *ticks], ["0", *labels]
    axis.set_major_locator(FixedLocator(ticks))
    axis.set_ticklabels(labels)
    axis.set_minor_locator(NullLocator())
    axis.set_minor_formatter(NullFormatter())


def count_axis(axis) -> None:
    """Plain counts on a log axis (``2,000``, ``5,000``: never ``2×10³``)."""
    from matplotlib.ticker import FuncFormatter, LogLocator

    axis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    axis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:,.0f}"))
    axis.set_minor_formatter(FuncFormatter(lambda x, _: ""))


def funnel_limits(
    centre: float, share: float, rate_reference: float, size: np.ndarray, z: float
) -> tuple[np.ndarray, np.ndarray]:
    """Control limits of a relative likelihood around ``centre`` for units of ``size`` people.

    Under "no difference from the centre", a unit of ``N`` people with the
    centre's group share ``f`` and reference rate ``p_r`` has a log ratio with
    variance ``(1 - p_g)/(f N p_g) + (1 - p_r)/((1 - f) N p_r)``, where ``p_g =
    centre × p_r`` (the delta method for a ratio of two binomial rates); the
    limits are ``centre × exp(±z × sd)``. This is the usual construction of a
    funnel plot for a ratio (Spiegelhalter 2005, *Statistics in Medicine*
    24:1185-1202), at 95% (z = 1.96) and 99.8% (z = 3.09).
    """
    p_r = min(max(rate_reference, 1e-9), 1 - 1e-9)
    p_g = min(max(centre * p_r, 1e-9), 1 - 1e-9)
    f = min(max(share, 1e-6), 1 - 1e-6)
    with np.errstate(divide="ignore", invalid="ignore"):
        sd = np.sqrt((1 - p_g) / (f * size * p_g) + (1 - p_r) / ((1 - f) * size * p_r))
    return centre * np.exp(-z * sd), centre * np.exp(z * sd)


def rl_words(metric_key: tuple[str, str]) -> tuple[str, str]:
    """A relative likelihood's direction (``White ÷ BME``) and event, from the registry."""
    entry = BY_KEY.get(metric_key)
    if entry is None:
        return "", ""
    return entry.direction, entry.event.split(" (")[0]


@dataclass(frozen=True)
class FunnelPoints:
    """What a funnel plot shows, worked out before anything is drawn (its alt text needs
    no drawing): each unit's size and ratio, the centre and which points lie outside
    its 99.8% limits (a ratio of 0 never does), and the points to name."""

    size: np.ndarray
    values: np.ndarray
    names: np.ndarray
    centre: float
    share: float
    rate_reference: float
    outside: np.ndarray
    zero: np.ndarray
    named: list[int]
    title: str
    event: str
    direction: str


def funnel_points(shown: pd.DataFrame, centre: pd.Series, title: str, key: tuple[str, str]):
    """:class:`FunnelPoints` of relative-likelihood rows around a centre row (the
    organisation's, or a system's pooled figure)."""
    size = (shown["n_group"] + shown["n_reference"]).to_numpy(dtype=float)
    values = shown["value"].to_numpy(dtype=float)
    c = float(centre["value"])
    total = float(centre["n_group"] + centre["n_reference"])
    share = float(centre["n_group"]) / total if total else 0.5
    rate_r = float(centre["rate_reference"]) if pd.notna(centre["rate_reference"]) else 0.1
    low99, high99 = funnel_limits(c, share, rate_r, size, 3.090232)
    # no events in the group: no place on a log scale, and the limits (normal on the log
    # ratio) do not hold for a zero count, so it is drawn apart, marked 0, never "outside"
    zero = values <= 0
    outside = ((values < low99) | (values > high99)) & ~zero
    order = np.argsort(-np.abs(np.log(np.where(values > 0, values, 1e-3) / c)))
    named = [int(i) for i in order if outside[i]][:FUNNEL_LABELS]
    direction, event = rl_words(key)
    names = shown["unit"].astype(str).to_numpy()
    return FunnelPoints(
        size, values, names, c, share, rate_r, outside, zero, named, title, event, direction
    )


def draw_forest(
    ax: Axes,
    shown: pd.DataFrame,
    title: str,
    event: str,
    direction: str,
    omitted: Sequence[str] = (),
    legend: str = "axes",
) -> Axes:
    """Draw a forest plot of relative likelihoods into ``ax``.

    ``shown`` holds result rows in the order drawn, top to bottom, with a
    ``_depth`` column (0 the organisation, 1 the first level …;
    :func:`~wres_wdes.results_nesting.ordered_units`). Each row is a marker at its
    ratio (shape and colour by depth; filled when flagged ``significant``) and a
    line over its interval, on a log scale with parity and the 0.80–1.25 band. A
    ratio of 0 is drawn in a column of its own left of the scale, marked 0; a ratio
    without an upper limit gets an arrow. ``legend`` is ``"axes"`` (below the axes),
    ``"figure"`` (below the whole figure, for a figure with constrained layout) or
    ``"none"``.
    """
    values = shown["value"].to_numpy(dtype=float)
    low = shown["ci_low"].to_numpy(dtype=float)
    high = shown["ci_high"].to_numpy(dtype=float)
    finite = np.concatenate([values[values > 0], low[low > 0], high[np.isfinite(high)]])
    lo = min(0.1, float(finite.min()) * 0.8) if finite.size else 0.1
    hi = max(10.0, float(finite.max()) * 1.25) if finite.size else 10.0
    lo, hi = max(lo, 0.01), min(hi, 100.0)
    # a ratio of 0 (no events in the group) has no place on a log scale: drawn in a
    # column of its own left of the scale, marked 0, as its interval's lower end is
    zero_at = lo / 1.6 if ((values == 0) | (low == 0)).any() else None
    ax.set_xscale("log")
    ax.axvspan(*BAND, color="#D9D9D9", alpha=0.7, lw=0, label="0.80–1.25 (four-fifths band)")
    ax.axvline(1.0, color="#4D4D4D", lw=1)
    y = np.arange(len(shown))
    significant = shown["flags"].fillna("").str.contains("significant").to_numpy()
    depths = shown["_depth"].to_numpy()
    level_names = {int(d): lv for d, lv in zip(depths, shown["level"], strict=True)}
    for d in sorted(set(depths.tolist())):
        marker, colour = LEVEL_STYLE[min(d, len(LEVEL_STYLE) - 1)]
        at = depths == d
        # a ratio with no finite value (no reference events) is drawn at its lower bound
        v = np.clip(np.where(np.isnan(values[at]), low[at], values[at]), lo, hi)
        left = np.clip(np.nan_to_num(low[at], nan=lo), lo, hi)
        if zero_at is not None:
            v = np.where(values[at] == 0, zero_at, v)
            left = np.where(low[at] == 0, zero_at, left)
        right = np.clip(np.nan_to_num(high[at], nan=hi, posinf=hi), lo, hi)
        ax.hlines(y[at], left, right, color=colour, lw=1.6)
        faces = np.where(significant[at], colour, "white")
        ax.scatter(
            v,
            y[at],
            marker=marker,
            s=42,
            edgecolors=colour,
            facecolors=faces,
            linewidths=1.5,
            zorder=3,
            label=level_names[d],
        )
        open_right = ~np.isfinite(high[at]) | (high[at] > hi)
        if open_right.any():
            ax.scatter(
                np.full(open_right.sum(), hi),
                y[at][open_right],
                marker=">",
                s=30,
                color=colour,
                zorder=3,
            )
    ax.set_yticks(y, [str(u) for u in shown["unit"]], fontsize=8.5)
    for tick, d in zip(ax.get_yticklabels(), depths, strict=True):
        if d <= 1 and depths.max() > d:  # the organisation and the first level stand out
            tick.set_fontweight("bold")
    ax.set_ylim(max(len(shown), 1) - 0.5, -0.5)
    ax.set_xlim(zero_at / 1.15 if zero_at is not None else lo, hi)
    log_axis(ax.xaxis, lo, hi, zero_at)
    ax.tick_params(axis="x", labelsize=8.5)
    group = direction.split(" ÷ ")[0] if direction else "group"
    xlabel = f"Relative likelihood, log scale (1 = parity; above 1: {group} more likely)"
    if omitted:
        xlabel += "\nNot shown: " + "; ".join(omitted) + "."
    # wrapped: beside long unit names the axis is narrow, and a label must not run off
    xlabel = "\n".join(textwrap.fill(line, 72) for line in xlabel.split("\n"))
    ax.set_xlabel(xlabel)
    ax.set_title(title + (f"\n{event}" if event else ""), fontsize=10.5, loc="left")
    ax.grid(axis="x", color="#EEEEEE", lw=0.6)
    handles, texts = ax.get_legend_handles_labels()
    words = dict(
        ncol=4,
        fontsize=8,
        frameon=False,
        title="Filled marker: statistically significant (p < 0.05); hollow: not significant; "
        "an arrow: no upper limit",
        title_fontsize=8,
    )
    if legend == "figure":
        ax.figure.legend(handles, texts, loc="outside lower center", **words)
    elif legend == "axes":
        ax.legend(handles, texts, loc="upper center", bbox_to_anchor=(0.5, -0.25), **words)
    if not len(shown):
        ax.text(0.5, 0.5, "no figure can be shown", transform=ax.transAxes, ha="center")
    return ax


def draw_funnel(ax: Axes, points: FunnelPoints, what: str = "units") -> Axes:
    """Draw a funnel plot into ``ax``: each unit's relative likelihood against its size
    (people in both groups), with 95% and 99.8% limits around the centre
    (:func:`funnel_limits`). Points outside the 99.8% limits are orange diamonds,
    the :data:`FUNNEL_LABELS` furthest named; a ratio of 0 is drawn on a row of its
    own below the scale, marked 0, never "outside"; the legend goes below the axes.
    """
    size, values, c = points.size, points.values, points.centre
    share, rate_r, outside, zero = points.share, points.rate_reference, points.outside, points.zero
    named, names = points.named, points.names
    grid = np.geomspace(max(size.min() * 0.8, 2.0), size.max() * 1.2, 200)
    for z, style, label in ((1.959964, "--", "95% limits"), (3.090232, "-", "99.8% limits")):
        lo, hi = funnel_limits(c, share, rate_r, grid, z)
        ax.plot(grid, lo, style, color=OKABE_ITO["black"], lw=1, label=label)
        ax.plot(grid, hi, style, color=OKABE_ITO["black"], lw=1)
    ax.axhline(c, color=OKABE_ITO["vermillion"], lw=1.2, label=f"centre: {c:.2f}")
    ax.axhline(1.0, color="#4D4D4D", lw=0.8, ls=":")
    positive = values[values > 0]
    bottom = min(0.5, float(positive.min()) * 0.8) if positive.size else 0.5
    top = max(2.0, float(positive.max()) * 1.25) if positive.size else 2.0
    bottom, top = max(bottom, 0.01), min(top, 100.0)
    zero_at = bottom / 1.6  # a row of its own, below every ratio drawn
    plotted = np.where(zero, zero_at, np.clip(values, 0.01, 100))
    inside = ~outside & ~zero
    ax.scatter(size[inside], plotted[inside], s=14, color=OKABE_ITO["blue"], alpha=0.7, label=what)
    beyond = outside & ~zero
    ax.scatter(
        size[beyond],
        plotted[beyond],
        s=22,
        marker="D",
        color=OKABE_ITO["orange"],
        label="outside 99.8% limits",
    )
    if zero.any():
        ax.scatter(
            size[zero],
            plotted[zero],
            s=30,
            marker="v",
            color=OKABE_ITO["vermillion"],
            clip_on=False,
            label="ratio 0 (no events in the group)",
        )
    for k, i in enumerate(named):  # alternately above and below, so neighbours part
        ax.annotate(
            names[i],
            (size[i], plotted[i]),
            xytext=(4, 2 if k % 2 == 0 else -9),
            textcoords="offset points",
            fontsize=7,
        )
    ax.set_xscale("log")
    count_axis(ax.xaxis)
    ax.set_yscale("log")
    ax.set_ylim(zero_at / 1.15 if zero.any() else bottom, top)
    log_axis(ax.yaxis, bottom, top, zero_at if zero.any() else None)
    ax.set_xlabel(f"People in both groups (log scale); {points.event}")
    ax.set_ylabel(f"Relative likelihood, {points.direction}")
    ax.set_title(points.title, fontsize=10.5, loc="left")
    ax.grid(color="#EEEEEE", lw=0.6)
    # below the plot: a legend inside would cover points
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=5, frameon=False)
    return ax


__all__ = [
    "BAND",
    "FUNNEL_LABELS",
    "LEVEL_STYLE",
    "MAX_ROWS",
    "OKABE_ITO",
    "FunnelPoints",
    "count_axis",
    "draw_forest",
    "draw_funnel",
    "funnel_limits",
    "funnel_points",
    "log_axis",
    "rl_words",
]
