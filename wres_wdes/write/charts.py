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
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..classify.bands import BANDS, MEDICAL_SUBGROUPS
from ..metrics.registry import BY_KEY
from .publication import Published
from .trend import has_trend, published_trend

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
BAND = (0.8, 1.25)
LOG_TICKS = (0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 0.8, 1, 1.25, 2, 4, 10, 20, 50, 100)
MAX_ROWS = 70
FOCUS = {"ethnicity": "BME", "disability": "Disabled"}


@dataclass(frozen=True)
class Chart:
    """A drawn chart and what it shows in words."""

    figure: Figure
    alt: str
    title: str

    def save(self, path: Path) -> None:
        FigureCanvasAgg(self.figure)
        self.figure.savefig(
            path,
            format="png",
            dpi=110,
            metadata={"Title": self.title, "Description": self.alt, "Software": "wres_wdes"},
        )


def _ordered_units(rows: pd.DataFrame, parents: pd.DataFrame | None) -> pd.DataFrame:
    """Organisation first, then each unit of the first level followed by its own units."""
    levels = [lv for lv in dict.fromkeys(rows["level"]) if lv != "organisation"]
    depth = {"organisation": 0, **{lv: i + 1 for i, lv in enumerate(levels)}}
    rows = rows.assign(_depth=rows["level"].map(depth).to_numpy())
    where = {key: i for i, key in enumerate(zip(rows["level"], rows["unit"], strict=True))}
    children: dict[tuple[str, str], list[tuple[str, str]]] = {}
    if parents is not None:
        for p in parents.itertuples(index=False):
            children.setdefault((p.parent_level, p.parent_unit), []).append((p.level, p.unit))
    order: list[int] = []
    stack = sorted((k for k in where if k[0] == "organisation"), reverse=True)
    while stack:
        key = stack.pop()
        if key in where and where[key] not in order:
            order.append(where[key])
        stack.extend(sorted(children.get(key, []), reverse=True))
    rest = sorted(
        (i for i in range(len(rows)) if i not in set(order)),
        key=lambda i: (rows["_depth"].iloc[i], rows["unit"].iloc[i]),
    )
    return rows.iloc[order + rest]


def category_order(category: str) -> tuple[int, int, str]:
    """Sort key for metric 1 categories: bands in pay order, medical grades, clusters."""
    suffix = category.split("/", 1)[-1]
    order = [*BANDS, *MEDICAL_SUBGROUPS]
    if suffix in order:
        return (0, order.index(suffix), suffix)
    if suffix.startswith("cluster ") and suffix[8:].isdigit():
        return (1, int(suffix[8:]), suffix)
    return (2, 0, suffix)


def _rl_words(metric_key: tuple[str, str]) -> tuple[str, str]:
    entry = BY_KEY.get(metric_key)
    if entry is None:
        return "", ""
    return entry.direction, entry.event.split(" (")[0]


def forest_chart(
    published: Published,
    standard: str,
    metric: str,
    organisation: str,
    parents: pd.DataFrame | None = None,
    category: str = "",
) -> Chart:
    """Relative likelihoods with intervals for the organisation and every unit."""
    rows, hidden = published.rows, published.hidden
    sel = (
        (rows["standard"] == standard)
        & (rows["metric"] == metric)
        & (rows["organisation"] == organisation)
        & (rows["category"] == category)
        & (rows["statistic"] == "relative_likelihood")
    )
    part = rows[sel]
    confidential = hidden.loc[part.index, "value"].to_numpy(dtype=bool)
    missing = part["value"].isna().to_numpy()
    shown = part[~confidential & ~missing]
    n_hidden, n_missing = int(confidential.sum()), int((missing & ~confidential).sum())
    shown = _ordered_units(shown, parents)
    if len(shown) > MAX_ROWS:
        shown = shown[shown["_depth"] <= 1]
    direction, event = _rl_words((standard, metric))
    title = f"{standard} {metric}: {direction}" + (f" ({category})" if category else "")
    n = max(len(shown), 1)
    figure = Figure(figsize=(8.5, 2.8 + 0.3 * n), layout="constrained")
    ax = figure.add_subplot()
    values = shown["value"].to_numpy(dtype=float)
    low = shown["ci_low"].to_numpy(dtype=float)
    high = shown["ci_high"].to_numpy(dtype=float)
    finite = np.concatenate([values[values > 0], low[low > 0], high[np.isfinite(high)]])
    lo = min(0.1, float(finite.min()) * 0.8) if finite.size else 0.1
    hi = max(10.0, float(finite.max()) * 1.25) if finite.size else 10.0
    lo, hi = max(lo, 0.01), min(hi, 100.0)
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
        v = np.clip(values[at], lo, hi)
        left = np.clip(np.nan_to_num(low[at], nan=lo), lo, hi)
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
    ax.set_xlim(lo, hi)
    _log_axis(ax.xaxis, lo, hi)
    ax.tick_params(axis="x", labelsize=8.5)
    group = direction.split(" ÷ ")[0] if direction else "group"
    ax.set_xlabel(f"Relative likelihood, log scale (1 = parity; above 1: {group} more likely)")
    ax.set_title(title + (f"\n{event}" if event else ""), fontsize=10.5, loc="left")
    ax.grid(axis="x", color="#EEEEEE", lw=0.6)
    handles, texts = ax.get_legend_handles_labels()
    figure.legend(
        handles,
        texts,
        loc="outside lower center",
        ncol=4,
        fontsize=8,
        frameon=False,
        title="Filled marker: statistically significant (interval "
        "excludes 1); hollow: not significant",
        title_fontsize=8,
    )
    if not len(shown):
        ax.text(0.5, 0.5, "no figure can be shown", transform=ax.transAxes, ha="center")
    omitted = []
    if n_hidden:
        omitted.append(f"{n_hidden} confidential (small counts)")
    if n_missing:
        omitted.append(f"{n_missing} not calculable")
    if omitted:
        ax.set_xlabel(ax.get_xlabel() + "\nNot shown: " + "; ".join(omitted) + ".")
    return Chart(figure, _forest_alt(shown, title, event, organisation, omitted), title)


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
        parts.append(f"Organisation: {r['value']:.2f} (interval {_interval(r)}).")
    units = shown[shown["_depth"] > 0]
    above = units[units["ci_low"] > 1]["unit"].tolist()
    below = units[units["ci_high"] < 1]["unit"].tolist()
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


def metric1_chart(published: Published, standard: str, organisation: str) -> Chart:
    """The focus group's share of each band (or cluster) against the whole workforce."""
    entry = BY_KEY.get((standard, "1"))
    focus = FOCUS.get(entry.grouping if entry else "ethnicity", "BME")
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
    heights = [max(len(categories(prefix)), 1) for prefix, _ in blocks]
    figure = Figure(
        figsize=(8.5, 1.4 + 0.7 * len(blocks) + 0.26 * sum(heights)), layout="constrained"
    )
    axes = np.atleast_1d(
        figure.subplots(len(blocks), 1, sharex=True, gridspec_kw={"height_ratios": heights})
    )
    summary = []
    for ax, (prefix, label) in zip(axes, blocks, strict=True):
        cats = categories(prefix)
        keys = [category_order(c) for c in cats["category"]]
        cats = cats.iloc[sorted(range(len(cats)), key=keys.__getitem__)]
        names = [c.split("/", 1)[1] for c in cats["category"]]
        y = np.arange(len(cats))
        secret = hidden.loc[cats.index, "value"].to_numpy(dtype=bool)
        v = np.where(secret, np.nan, cats["value"].to_numpy(dtype=float))
        lo = np.where(secret, np.nan, cats["ci_low"].to_numpy(dtype=float))
        hi = np.where(secret, np.nan, cats["ci_high"].to_numpy(dtype=float))
        ax.barh(y, np.nan_to_num(v), color=OKABE_ITO["blue"], height=0.65)
        if np.isfinite(lo).any():  # census shares have no interval unless asked for
            err = np.vstack([np.nan_to_num(v - lo), np.nan_to_num(hi - v)])
            ax.errorbar(
                np.nan_to_num(v), y, xerr=err, fmt="none", ecolor="#333333", lw=0.9, capsize=2
            )
        for yi, s, x in zip(y, secret, v, strict=True):
            text = "[c]" if s else "" if math.isnan(x) else f"{x:.1f}%"
            if text:
                ax.annotate(
                    text,
                    (0 if s else x, yi),
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
        ax.set_ylim(max(len(cats), 1) - 0.5, -0.5)
        ax.set_title(label, fontsize=9.5, loc="left")
        ax.grid(axis="x", color="#EEEEEE", lw=0.6)
        if len(cats) == 0:
            ax.text(
                0.5,
                0.5,
                "no staff in this category",
                transform=ax.transAxes,
                ha="center",
                fontsize=8,
            )
        else:
            shown = [(n, x) for n, x in zip(names, v, strict=True) if not math.isnan(x)]
            if shown:
                top = max(shown, key=lambda t: t[1])
                low = min(shown, key=lambda t: t[1])
                summary.append(
                    f"{label}: highest {top[0]} {top[1]:.1f}%, lowest {low[0]} {low[1]:.1f}%"
                )
    if not math.isnan(overall):
        axes[0].legend(loc="upper right", fontsize=8)
    visible = part.loc[~hidden.loc[part.index, "value"].to_numpy(dtype=bool)]
    with_interval = visible["ci_low"].notna().any()
    tops = [*visible["value"].to_numpy(dtype=float), *visible["ci_high"].to_numpy(dtype=float)]
    top_value = np.nanmax([*tops, overall, 10.0])
    axes[-1].set_xlim(0, min(100.0, top_value * 1.15))
    axes[-1].set_xlabel(
        f"{focus} staff as % of the {unit_word}"
        + (" (with 95% interval)" if with_interval else " (a complete count at the census date)")
    )
    title = f"{standard} 1: {focus} staff by {unit_word}, {organisation}"
    figure.suptitle(title, fontsize=10.5, x=0.01, ha="left")
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
    return Chart(figure, alt, title)


def _log_axis(axis, low: float, high: float) -> None:
    """Plain tick labels on a log axis (``0.5``, ``1``, ``2``: never ``2×10⁰``)."""
    from matplotlib.ticker import FixedLocator, NullFormatter, NullLocator

    ticks = [t for t in LOG_TICKS if low <= t <= high] or [1.0]
    axis.set_major_locator(FixedLocator(ticks))
    axis.set_ticklabels([f"{t:g}" for t in ticks])
    axis.set_minor_locator(NullLocator())
    axis.set_minor_formatter(NullFormatter())


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
    groups = list(part.groupby(["metric", "category"], sort=False))
    cols = min(3, len(groups))
    nrows = math.ceil(len(groups) / cols)
    figure = Figure(figsize=(3.2 * cols + 0.6, 2.6 * nrows + 0.6), layout="constrained")
    axes = np.atleast_1d(figure.subplots(nrows, cols, squeeze=False)).ravel()
    alt_parts = []
    for ax, ((metric, category), rows) in zip(axes, groups, strict=False):
        rows = rows.sort_values("year")
        years = rows["year"].to_numpy()
        v = rows["value"].to_numpy(dtype=float)
        lo, hi = rows["ci_low"].to_numpy(dtype=float), rows["ci_high"].to_numpy(dtype=float)
        secret = rows["confidential"].to_numpy(dtype=bool) if "confidential" in rows else None
        ax.set_yscale("log")
        ax.axhspan(*BAND, color="#D9D9D9", alpha=0.7, lw=0)
        ax.axhline(1.0, color="#4D4D4D", lw=1)
        ok = v > 0
        finite = np.concatenate([v[ok], lo[ok & (lo > 0)], hi[ok & np.isfinite(hi)]])
        bottom = min(0.5, float(finite.min()) * 0.8) if finite.size else 0.5
        top = max(2.0, float(finite.max()) * 1.25) if finite.size else 2.0
        ax.set_ylim(max(bottom, 0.01), min(top, 100.0))
        _log_axis(ax.yaxis, max(bottom, 0.01), min(top, 100.0))
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
        direction, _ = _rl_words((standard, metric))
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
        words = []
        for i, (y, x) in enumerate(zip(years, v, strict=True)):
            if secret is not None and secret[i]:
                words.append(f"{y} [c]")
            elif not math.isnan(x):
                words.append(f"{y} {x:.2f}")
        alt_parts.append(f"{standard} {metric} ({direction}): " + ", ".join(words))
    for ax in axes[len(groups) :]:
        ax.set_visible(False)
    title = f"{standard} relative likelihoods by year, {organisation}"
    figure.suptitle(title, fontsize=10.5, x=0.01, ha="left")
    alt = (
        f"Line charts, one per metric, of {standard} relative likelihoods by year with "
        "intervals, on a log scale with parity and the 0.80–1.25 band marked. "
        + "; ".join(alt_parts)
        + "."
    )
    return Chart(figure, alt, title)


__all__ = ["OKABE_ITO", "Chart", "forest_chart", "metric1_chart", "trend_chart"]
