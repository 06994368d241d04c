"""Charts for the board report: forest plots, metric 1 by band, and trends (PNG).

Drawn on matplotlib :class:`~matplotlib.figure.Figure` objects saved through the
Agg canvas: no pyplot, no display, and a notebook's own backend is left alone.

Accessibility: the Okabe–Ito palette (distinguishable with any common colour
vision deficiency); level shown by marker shape as well as colour, and
significance by filled versus hollow markers, so nothing relies on colour
alone; every chart comes with alt text, which the report places under the image
and the PNG carries in its ``Description`` metadata.

Every chart draws from the *published* figures (after disclosure control): a
unit whose figure is confidential is left out and counted in the alt text.

No chart grows with the number of units: a forest plot shows the organisation
and its directorates (its units too when there are at most :data:`MAX_ROWS` rows
in all); the units of a large breakdown, and the organisations of a system run,
are compared on a funnel plot (:func:`funnel_chart`), whose drawing does not
depend on their number beyond a few labels, and listed in full in the tables.
A chart's alt text is worked out from the figures before anything is drawn, so
the report can describe a chart another process draws.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..classify import FOCUS_GROUPS
from ..metrics.registry import BY_KEY
from ..results_plots import (
    BAND,
    FUNNEL_LABELS,
    MAX_ROWS,
    OKABE_ITO,
    draw_forest,
    draw_funnel,
    funnel_limits,
    funnel_points,
    log_axis,
    rl_words,
)
from .order import category_order, ordered_units
from .publication import Published
from .trend import has_trend, published_trend


@dataclass
class Chart:
    """A chart and what it shows in words; the figure is drawn when first needed.

    Attributes
    ----------
    alt
        The alt text, worked out from the figures (no drawing needed).
    title
        The chart's title.
    rows
        How many rows (forest plot bars, bands) or points the chart draws.
    """

    alt: str
    title: str
    draw: Callable[[], Figure]
    rows: int = 0
    left_out: int = 0
    """Units a forest plot leaves to the funnel plot and the tables (past :data:`MAX_ROWS`
    rows): the plan draws that funnel plot exactly when this is above 0."""
    _figure: Figure | None = None
    _png: bytes | None = None

    @property
    def figure(self) -> Figure:
        if self._figure is None:
            self._figure = self.draw()
        return self._figure

    def save(self, path: Path) -> None:
        Path(path).write_bytes(self.png())

    def png(self) -> bytes:
        """The chart as PNG bytes, drawn in memory once (the chart file and the report's
        Word copy are the same bytes; in one process they are drawn once)."""
        if self._png is None:
            FigureCanvasAgg(self.figure)
            buffer = io.BytesIO()
            self.figure.savefig(
                buffer,
                format="png",
                dpi=100,
                metadata={"Title": self.title, "Description": self.alt, "Software": "wres_wdes"},
            )
            self._png = buffer.getvalue()
        return self._png


def _outside_words(count: int, what: str) -> str:
    """``No organisations lie outside``, ``1 unit lies outside``, ``3 units lie outside``."""
    one = what[:-1] if what.endswith("s") else what
    if count == 0:
        return f"No {what} lie outside"
    return f"1 {one} lies outside" if count == 1 else f"{count:,} {what} lie outside"


def _likelihoods(
    published: Published, standard: str, metric: str, organisation: str | None, category: str
) -> tuple[pd.DataFrame, int, int]:
    """The rows of one relative likelihood fit to draw, and how many are confidential or
    have no figure. A ratio whose reference group has no events is drawn as its bound."""
    rows, hidden = published.rows, published.hidden
    sel = (
        (rows["standard"] == standard)
        & (rows["metric"] == metric)
        & (rows["category"] == category)
        & (rows["statistic"] == "relative_likelihood")
    )
    if organisation is not None:
        sel &= rows["organisation"] == organisation
    part = rows[sel]
    confidential = hidden.loc[part.index, "value"].to_numpy(dtype=bool)
    bounded = part["flags"].fillna("").str.contains("reference_no_events").to_numpy()
    missing = part["value"].isna().to_numpy() & ~bounded
    shown = part[~confidential & ~missing]
    return shown, int(confidential.sum()), int((missing & ~confidential).sum())


def forest_chart(
    published: Published,
    standard: str,
    metric: str,
    organisation: str,
    parents: pd.DataFrame | None = None,
    category: str = "",
) -> Chart:
    """Relative likelihoods with intervals: the organisation, its directorates, and its
    units when all fit in :data:`MAX_ROWS` rows (else the units are on the funnel plot)."""
    shown, n_hidden, n_missing = _likelihoods(published, standard, metric, organisation, category)
    shown = ordered_units(shown, parents)
    units_left = 0
    if len(shown) > MAX_ROWS:
        coarse = shown[shown["_depth"] <= 1]
        units_left = len(shown) - len(coarse)
        shown = coarse
    if len(shown) > MAX_ROWS:
        units_left += len(shown) - MAX_ROWS
        shown = shown.iloc[:MAX_ROWS]
    direction, event = rl_words((standard, metric))
    title = f"{standard} {metric}: {direction}" + (f" ({category})" if category else "")
    omitted = []
    if n_hidden:
        omitted.append(f"{n_hidden} confidential (small counts)")
    if n_missing:
        omitted.append(f"{n_missing} not calculable")
    if units_left:
        omitted.append(f"{units_left} units on the funnel plot and in the tables")
    alt = _forest_alt(shown, title, event, organisation, omitted)

    def draw() -> Figure:
        figure = Figure(figsize=(8.5, 2.8 + 0.3 * max(len(shown), 1)), layout="constrained")
        draw_forest(figure.add_subplot(), shown, title, event, direction, omitted, "figure")
        return figure

    return Chart(alt, title, draw, rows=len(shown), left_out=units_left)


def _forest_alt(
    shown: pd.DataFrame, title: str, event: str, organisation: str, omitted: list[str]
) -> str:
    parts = [
        f"Forest plot, {title}, {event}: the relative likelihood and its interval for "
        f"{organisation} and its units, on a log scale with parity (1) marked and the "
        "0.80–1.25 band shaded."
    ]
    org = shown[shown["_depth"] == 0]
    if len(org):
        r = org.iloc[0]
        if pd.isna(r["value"]):
            parts.append(f"Organisation: at least {r['ci_low']:.2f} (no upper limit).")
        else:
            parts.append(f"Organisation: {r['value']:.2f} (interval {_interval(r)}).")
    units = shown[shown["_depth"] > 0]
    above = units[units["ci_low"] > 1]["unit"].astype(str).tolist()
    below = units[units["ci_high"] < 1]["unit"].astype(str).tolist()
    parts.append(
        f"{len(units)} units shown; interval wholly above 1: "
        + (", ".join(above) if above else "none")
        + "; wholly below 1: "
        + (", ".join(below) if below else "none")
        + "."
    )
    if omitted:
        parts.append("Not shown: " + "; ".join(omitted) + ".")
    return " ".join(parts)


def _interval(row: pd.Series) -> str:
    low, high = row["ci_low"], row["ci_high"]
    low_text = "–" if pd.isna(low) else f"{low:.2f}"
    high_text = "no upper limit" if pd.isna(high) or math.isinf(high) else f"{high:.2f}"
    return f"{low_text} to {high_text}"


def funnel_chart(
    published: Published,
    standard: str,
    metric: str,
    level: str,
    centre: pd.Series,
    *,
    organisation: str | None = None,
    category: str = "",
    what: str = "units",
) -> Chart | None:
    """Every unit of one level (or every organisation) against its size, with 95% and 99.8%
    limits around ``centre`` (a result row: the organisation's, or the system's pooled
    figure). Points outside the 99.8% limits are named, at most :data:`FUNNEL_LABELS`."""
    shown, n_hidden, n_missing = _likelihoods(published, standard, metric, organisation, category)
    shown = shown[(shown["level"] == level) & shown["value"].notna()]
    if shown.empty or pd.isna(centre.get("value")):
        return None
    direction, _ = rl_words((standard, metric))
    title = f"{standard} {metric}: {direction}" + (f" ({category})" if category else "")
    title += f", {what} by size"
    points = funnel_points(shown, centre, title, (standard, metric))
    values, outside, zero, named = points.values, points.outside, points.zero, points.named
    names, c = points.names, points.centre
    above = [names[i] for i in named if values[i] > c]
    below = [names[i] for i in named if values[i] < c]
    sides = [f"{w}, {', '.join(n)}" for w, n in (("above", above), ("below", below)) if n]
    zeros = int(zero.sum())
    alt = (
        f"Funnel plot, {title}: the relative likelihood of each of {len(shown)} {what} against "
        f"its size (people in both groups), on a log scale, with 95% and 99.8% limits around "
        f"{c:.2f} ({centre.get('unit', 'the centre')}). {_outside_words(int(outside.sum()), what)} "
        "the 99.8% limits"
        + (": " + "; ".join(sides) if sides else "")
        + "."
        + (
            f" {zeros:,} have a ratio of 0 (no events in the group), drawn on a row of "
            "their own below the axis, marked 0."
            if zeros
            else ""
        )
        + (f" Not shown: {n_hidden} confidential." if n_hidden else "")
        + (f" {n_missing} not calculable." if n_missing else "")
    )

    def draw() -> Figure:
        figure = Figure(figsize=(8.5, 5.2), layout="constrained")
        draw_funnel(figure.add_subplot(), points, what)
        return figure

    return Chart(alt, title, draw, rows=len(shown))


def metric1_chart(published: Published, standard: str, organisation: str) -> Chart:
    """The focus group's share of each band (or cluster) against the whole workforce."""
    entry = BY_KEY.get((standard, "1"))
    focus = FOCUS_GROUPS[entry.grouping if entry else "ethnicity"]
    rows, hidden = published.rows, published.hidden
    sel = (
        (rows["standard"] == standard)
        & (rows["metric"] == "1")
        & (rows["level"] == "organisation")
        & (rows["organisation"] == organisation)
        & (rows["group"] == focus)
    )
    part = rows[sel]
    whole = part[part["category"] == "all"]
    overall = (
        float(whole["value"].iloc[0])
        if len(whole) and not hidden.loc[whole.index[0], "value"]
        else math.nan
    )
    blocks = [
        ("non-clinical", "Non-clinical"),
        ("clinical", "Clinical (non-medical)"),
        ("medical", "Medical and dental"),
    ]
    unit_word = "cluster" if standard == "WDES" else "pay band"

    def categories(prefix: str) -> pd.DataFrame:
        inside = part["category"].str.startswith(prefix + "/")
        return part[inside & ~part["category"].str.endswith("/all")]

    blocks = [b for b in blocks if len(categories(b[0]))] or blocks[:1]
    drawn = []  # (label, names, values, low, high, secret) per block
    summary = []
    for prefix, label in blocks:
        cats = categories(prefix)
        keys = [category_order(c) for c in cats["category"]]
        cats = cats.iloc[sorted(range(len(cats)), key=keys.__getitem__)]
        names = [c.split("/", 1)[1] for c in cats["category"]]
        secret = hidden.loc[cats.index, "value"].to_numpy(dtype=bool)
        v = np.where(secret, np.nan, cats["value"].to_numpy(dtype=float))
        lo = np.where(secret, np.nan, cats["ci_low"].to_numpy(dtype=float))
        hi = np.where(secret, np.nan, cats["ci_high"].to_numpy(dtype=float))
        drawn.append((label, names, v, lo, hi, secret))
        shown = [(n, x) for n, x in zip(names, v, strict=True) if not math.isnan(x)]
        if shown:
            top = max(shown, key=lambda t: t[1])
            low = min(shown, key=lambda t: t[1])
            summary.append(
                f"{label}: highest {top[0]} {top[1]:.1f}%, lowest {low[0]} {low[1]:.1f}%"
            )
    visible = part.loc[~hidden.loc[part.index, "value"].to_numpy(dtype=bool)]
    with_interval = bool(visible["ci_low"].notna().any())
    tops = [*visible["value"].to_numpy(dtype=float), *visible["ci_high"].to_numpy(dtype=float)]
    top_value = float(np.nanmax([*tops, overall, 10.0]))
    title = f"{standard} 1: {focus} staff by {unit_word}, {organisation}"
    alt = (
        f"Bar chart: {focus} staff as a percentage of each {unit_word}, for "
        + ", ".join(label.lower() for _, label in blocks)
        + " staff"
        + (" with intervals" if with_interval else "")
        + (
            f", against a dashed line at the whole workforce's {overall:.1f}%. "
            if not math.isnan(overall)
            else ". "
        )
        + ("; ".join(summary) + "." if summary else "")
        + (" Bars marked [c] are confidential." if hidden.loc[part.index, "value"].any() else "")
    )

    def draw() -> Figure:
        heights = [max(len(d[1]), 1) for d in drawn]
        figure = Figure(
            figsize=(8.5, 1.4 + 0.7 * len(drawn) + 0.26 * sum(heights)), layout="constrained"
        )
        axes = np.atleast_1d(
            figure.subplots(len(drawn), 1, sharex=True, gridspec_kw={"height_ratios": heights})
        )
        for ax, (label, names, v, lo, hi, secret) in zip(axes, drawn, strict=True):
            y = np.arange(len(names))
            ax.barh(y, np.nan_to_num(v), color=OKABE_ITO["blue"], height=0.65)
            if np.isfinite(lo).any():  # census shares have no interval unless asked for
                err = np.vstack([np.nan_to_num(v - lo), np.nan_to_num(hi - v)])
                ax.errorbar(
                    np.nan_to_num(v), y, xerr=err, fmt="none", ecolor="#333333", lw=0.9, capsize=2
                )
            for yi, hidden_bar, x in zip(y, secret, v, strict=True):
                text = "[c]" if hidden_bar else "" if math.isnan(x) else f"{x:.1f}%"
                if text:
                    ax.annotate(
                        text,
                        (0 if hidden_bar else x, yi),
                        xytext=(3, 0),
                        textcoords="offset points",
                        va="center",
                        fontsize=7.5,
                    )
            if not math.isnan(overall):
                ax.axvline(
                    overall,
                    color=OKABE_ITO["vermillion"],
                    ls="--",
                    lw=1.4,
                    label=f"whole workforce: {overall:.1f}%",
                )
            ax.set_yticks(y, names, fontsize=8.5)
            ax.set_ylim(max(len(names), 1) - 0.5, -0.5)
            ax.set_title(label, fontsize=9.5, loc="left")
            ax.grid(axis="x", color="#EEEEEE", lw=0.6)
            if not names:
                ax.text(
                    0.5,
                    0.5,
                    "no staff in this category",
                    transform=ax.transAxes,
                    ha="center",
                    fontsize=8,
                )
        if not math.isnan(overall):
            axes[0].legend(loc="upper right", fontsize=8)
        axes[-1].set_xlim(0, min(100.0, top_value * 1.15))
        axes[-1].set_xlabel(
            f"{focus} staff as % of the {unit_word}"
            + (
                " (with 95% interval)"
                if with_interval
                else " (a complete count at the census date)"
            )
        )
        figure.suptitle(title, fontsize=10.5, x=0.01, ha="left")
        return figure

    return Chart(alt, title, draw, rows=sum(len(d[1]) for d in drawn))


def trend_chart(trend: pd.DataFrame, standard: str, organisation: str) -> Chart | None:
    """Each relative likelihood of a standard by year, with intervals.

    Drawn from the published trend (:func:`~wres_wdes.write.trend.published_trend`):
    a confidential year is not plotted, and the alt text says ``[c]`` for it.
    """
    trend = published_trend(trend) if "confidential" in trend else trend
    part = trend[
        (trend["organisation"] == organisation)
        & (trend["standard"] == standard)
        & (trend["statistic"] == "relative_likelihood")
    ]
    if not has_trend(trend, standard, organisation):
        return None
    groups = []
    alt_parts = []
    for (metric, category), rows in part.groupby(["metric", "category"], sort=False):
        rows = rows.sort_values("year")
        years = rows["year"].to_numpy()
        v = rows["value"].to_numpy(dtype=float)
        lo, hi = rows["ci_low"].to_numpy(dtype=float), rows["ci_high"].to_numpy(dtype=float)
        secret = (
            rows["confidential"].to_numpy(dtype=bool)
            if "confidential" in rows
            else np.zeros(len(rows), dtype=bool)
        )
        direction, _ = rl_words((standard, str(metric)))
        groups.append((metric, category, direction, years, v, lo, hi))
        words = []
        for i, (y, x) in enumerate(zip(years, v, strict=True)):
            if secret[i]:
                words.append(f"{y} [c]")
            elif not math.isnan(x):
                words.append(f"{y} {x:.2f}")
        alt_parts.append(f"{standard} {metric} ({direction}): " + ", ".join(words))
    title = f"{standard} relative likelihoods by year, {organisation}"
    alt = (
        f"Line charts, one per metric, of {standard} relative likelihoods by year with "
        "intervals, on a log scale with parity and the 0.80–1.25 band marked. "
        + "; ".join(alt_parts)
        + "."
    )

    def draw() -> Figure:
        cols = min(3, len(groups))
        nrows = math.ceil(len(groups) / cols)
        figure = Figure(figsize=(3.2 * cols + 0.6, 2.6 * nrows + 0.6), layout="constrained")
        axes = np.atleast_1d(figure.subplots(nrows, cols, squeeze=False)).ravel()
        for ax, (metric, category, direction, years, v, lo, hi) in zip(axes, groups, strict=False):
            ax.set_yscale("log")
            ax.axhspan(*BAND, color="#D9D9D9", alpha=0.7, lw=0)
            ax.axhline(1.0, color="#4D4D4D", lw=1)
            ok = v > 0
            finite = np.concatenate([v[ok], lo[ok & (lo > 0)], hi[ok & np.isfinite(hi)]])
            bottom = min(0.5, float(finite.min()) * 0.8) if finite.size else 0.5
            top = max(2.0, float(finite.max()) * 1.25) if finite.size else 2.0
            ax.set_ylim(max(bottom, 0.01), min(top, 100.0))
            log_axis(ax.yaxis, max(bottom, 0.01), min(top, 100.0))
            ax.errorbar(
                years[ok],
                v[ok],
                yerr=[np.nan_to_num(v[ok] - lo[ok]), np.nan_to_num(hi[ok] - v[ok])],
                fmt="o-",
                color=OKABE_ITO["blue"],
                ecolor="#333333",
                capsize=3,
                lw=1.4,
            )
            if not ok.any():
                ax.text(
                    0.5,
                    0.5,
                    "no figure can be shown\n(confidential or not calculable)",
                    transform=ax.transAxes,
                    ha="center",
                    va="center",
                    fontsize=8,
                )
            ax.set_title(
                f"{standard} {metric}: {direction}" + (f" ({category})" if category else ""),
                fontsize=9,
                loc="left",
            )
            ax.set_xticks(
                years, [str(y) for y in years], fontsize=8, rotation=45 if len(years) > 4 else 0
            )
            ax.set_xlim(years.min() - 0.5, years.max() + 0.5)
            ax.tick_params(axis="y", labelsize=8)
        for ax in axes[len(groups) :]:
            ax.set_visible(False)
        figure.suptitle(title, fontsize=10.5, x=0.01, ha="left")
        return figure

    return Chart(alt, title, draw, rows=len(groups))


__all__ = [
    "FUNNEL_LABELS",
    "MAX_ROWS",
    "OKABE_ITO",
    "Chart",
    "forest_chart",
    "funnel_chart",
    "funnel_limits",
    "metric1_chart",
    "trend_chart",
]
