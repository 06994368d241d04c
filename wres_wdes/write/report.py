"""``report.md``: the tables a board paper carries, each figure read out in plain words.

For each organisation: the WRES 1–9 and WDES 1–10 headline figures (and the
extras, such as leaving), each ratio as a sentence with its interval, whether
the difference is statistically significant and the counts behind it; metric 1
by band (WRES) and by cluster (WDES); then every metric by directorate and unit,
with forest plots; then trends when earlier years are given. Tables are made
with tabulate (pipe format), charts are PNGs beside the report, each with alt text.

A board paper is usually published, so the report shows the *published*
figures: the same disclosure control as the publication workbook (``[c]``).
The exact figures are in the internal breakdown.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd
from tabulate import tabulate

from ..classify import FOCUS_GROUPS, GROUPS
from ..config import Config
from ..metrics.registry import BY_KEY, REGISTRY
from ..results import Results, years_of
from .headline import figure_words, format_value, interval_text
from .order import category_order, ordered_units
from .publication import CONFIDENTIAL, Published, cover_text, display_column, shown_flags

REPORT_UNITS = 30
"""Most rows a breakdown table of the report lists below the first level; past it the
report shows the directorates only and points to the workbooks, so it stays board-length."""

ChartMap = Mapping[tuple[str, str], Mapping[str, tuple[str, str]]]
"""(standard, metric) → kind of chart → (relative path, alt text)."""

VERBS = {
    "applications": ("applicants", "to be appointed from shortlisting", "appointments"),
    "disciplinary": ("staff", "to enter the formal disciplinary process", "cases"),
    "capability": ("staff", "to enter the formal capability process", "cases"),
    "training": ("staff", "to access non-mandatory training or CPD", "people trained"),
    "leavers": ("staff", "to leave", "leavers"),
}
"""Plain words per input: who, the event as a verb, and what the events are called."""


def _md(text: object) -> str:
    """Text from the inputs as data in Markdown, never markup: safe inside a table cell
    (``|`` escaped, one line), no HTML (``<script>`` shows as written), no link
    (``[text](url)``, ``<https://…>`` or a bare ``https://`` address)."""
    out = str(text).replace("\r", " ").replace("\n", " ").replace("\u2028", " ")
    out = out.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    out = out.replace("|", "\\|").replace("](", "]\\(").replace("://", ":\\/\\/")
    return out.replace("www.", "www\\.")


def _alt(text: str) -> str:
    """Alt text safe inside ``![…]``: brackets escaped, on one line."""
    return _md(text).replace("[", "\\[").replace("]", "\\]")


def _table(rows: list[list[object]], headers: list[str]) -> str:
    body = [[_md(v) for v in row] for row in rows]
    return tabulate(body, headers=headers, tablefmt="pipe", disable_numparse=True)


def _interval_text(statistic: str, low: float, high: float) -> str:
    """``1.14 to 2.52``, ``at least 1.61`` (no upper limit), or empty (no interval: a
    complete count at the census date)."""
    return interval_text(statistic, low, high)


def _count_text(value: float) -> str:
    if pd.isna(value):
        return "–"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def plain_words(row: pd.Series, hidden: pd.Series, level: float = 0.95) -> str:
    """One figure read out in a sentence, with its interval, significance and counts."""
    entry = BY_KEY.get((row["standard"], row["metric"]))
    flags = str(row["flags"] or "").split(";")
    statistic = row["statistic"]
    bounds = _interval_text(statistic, row["ci_low"], row["ci_high"])
    interval = f"{level:.0%} interval {bounds}" if bounds else "a complete count: no interval"
    if statistic == "yes_no":
        answer = (
            "not given in the config"
            if pd.isna(row["value"])
            else ("Yes" if row["value"] else "No")
        )
        note = f" {row['note']}" if isinstance(row.get("note"), str) and row["note"] else ""
        return f"{answer}.{note}"
    if bool(hidden.get("value", False)):
        return (
            "Not shown: the figure would reveal a number of people below the disclosure threshold."
        )
    g, r = row["group"], row["reference_group"]
    if statistic == "relative_likelihood":
        who, verb, noun = VERBS.get(
            entry.input if entry else "", ("staff", "to have the event", "events")
        )
        events = (
            CONFIDENTIAL if hidden.get("events_group", False) else _count_text(row["events_group"])
        )
        years = int(years_of(pd.Series([row.get("note")]))[0])
        per_year = f" a year (the mean over {years} data years)" if years > 1 else ""
        if "reference_no_events" in flags:
            sentence = (
                f"No {r} {who} had the event, so the ratio has no finite value: {g} {who} were "
                f"at least {row['ci_low']:.2f} times as likely as {r} {who} {verb} (the "
                f"{level:.0%} lower limit; no upper limit)"
            )
        elif pd.isna(row["value"]):
            return (
                f"The ratio of {g} to {r} {who} cannot be calculated (no {noun} in either "
                f"group, or no {g} or {r} {who}); {events} {g} {noun}{per_year}."
            )
        else:
            sentence = (
                f"{g} {who} were {row['value']:.2f} times as likely as {r} {who} {verb} "
                f"({interval})"
            )
        significant = "significant" in flags
        sentence += (
            "; the difference is statistically significant"
            if significant
            else "; the difference is not statistically significant"
        )
        if "outside_four_fifths" in flags:
            sentence += ", and outside the 0.80–1.25 band"
        sentence += f"; {events} {g} {noun}{per_year}."
        if "small_numbers" in flags:
            sentence += " Small numbers: read with care."
        return sentence
    if statistic == "percent":
        if pd.notna(row["n_reference"]) and row["metric"] == "1":
            return (
                f"{g} staff are {row['value']:.1f}% of the workforce ({interval}); "
                f"{_count_text(row['events_group'])} of {_count_text(row['n_group'])} "
                "staff at the census date."
            )
        return f"{row['value']:.1f}% of {g} respondents ({interval})."
    significance = (
        "statistically significant" if "significant" in flags else "not statistically significant"
    )
    if statistic == "difference_pp" and not r:  # board against workforce
        board = row["category"] if row["category"] not in ("", "all") else "all"
        tail = f"; {significance}" if bounds else ""
        return (
            f"{g} people are {row['rate_group'] * 100:.1f}% of {board} board members and "
            f"{row['rate_reference'] * 100:.1f}% of the workforce: a difference of "
            f"{row['value']:+.1f} percentage points ({interval}){tail}."
        )
    if statistic == "difference_pp":
        return (
            f"{row['rate_group'] * 100:.1f}% of {g} respondents against "
            f"{row['rate_reference'] * 100:.1f}% of {r} respondents: a difference of "
            f"{row['value']:+.1f} percentage points ({interval}); {significance}."
        )
    if statistic.startswith("score") and r:
        return (
            f"{g} staff score {row['rate_group']:.2f} against {row['rate_reference']:.2f} "
            f"for {r} staff: a difference of {row['value']:+.2f} ({interval}); "
            f"{significance}."
        )
    if statistic.startswith("score"):
        return f"{g} staff score {row['value']:.2f} ({interval})."
    return f"{g}: {format_value(statistic, row['value'])} ({interval})."


def _headline_section(published: Published, organisation: str, level: float, h: str) -> list[str]:
    rows = published.rows
    head = Results(rows).headline()
    head = head[
        (head["organisation"] == organisation)
        & ~((head["metric"] == "1") & (head["group"] == "Unknown"))
    ]
    out = [f"{h} Headline figures\n"]
    for standard in ("WRES", "WDES"):
        part = head[head["standard"] == standard]
        if part.empty:
            continue
        order = {m.key: i for i, m in enumerate(REGISTRY)}
        part = part.iloc[
            sorted(
                range(len(part)),
                key=lambda i: order.get((part["standard"].iloc[i], part["metric"].iloc[i]), 99),
            )
        ]
        table, words, last = [], [], None
        for index, row in part.iterrows():
            hidden = published.hidden.loc[index]
            value = (
                CONFIDENTIAL if hidden["value"] else format_value(row["statistic"], row["value"])
            )
            interval = (
                ""
                if hidden["value"] or row["statistic"] == "yes_no"
                else _interval_text(row["statistic"], row["ci_low"], row["ci_high"])
            )
            table.append(
                [
                    f"{standard} {row['metric']}",
                    figure_words(row),
                    value,
                    interval,
                    shown_flags(row["flags"], hidden["value"]),
                ]
            )
            if row["metric"] != last:
                entry = BY_KEY.get((standard, row["metric"]))
                words.append(
                    f"- **{standard} {row['metric']}**"
                    + (f": {_md(entry.wording)}" if entry else "")
                )
                last = row["metric"]
            words.append(f"    - {_md(figure_words(row))}: {_md(plain_words(row, hidden, level))}")
        out.append(f"{h}# {standard}\n")
        out.append(_table(table, ["metric", "figure", "value", f"{level:.0%} interval", "flags"]))
        out.append("")
        out.extend(words)
        out.append("")
    return out


def _metric1_section(
    published: Published,
    organisation: str,
    h: str,
    charts: ChartMap,
) -> list[str]:
    rows = published.rows
    out = []
    for standard in ("WRES", "WDES"):
        entry = BY_KEY.get((standard, "1"))
        part = rows[
            (rows["standard"] == standard)
            & (rows["metric"] == "1")
            & (rows["level"] == "organisation")
            & (rows["organisation"] == organisation)
        ]
        if part.empty or entry is None:
            continue
        groups = GROUPS[entry.grouping]
        focus = FOCUS_GROUPS[entry.grouping]
        word = "band" if standard == "WRES" else "cluster"
        out.append(f"{h} {standard} 1 by {word}\n")
        categories = sorted(
            part["category"].unique(),
            key=lambda c: (
                ["non-clinical", "clinical", "medical", "unknown", "all"].index(c.split("/")[0])
                if c.split("/")[0] in ("non-clinical", "clinical", "medical", "unknown")
                else 4,
                c.endswith("/all"),
                category_order(c),
            ),
        )
        table = []
        for category in categories:
            cells = [category]
            total = ""
            for group in groups:
                sel = part[(part["category"] == category) & (part["group"] == group)]
                if sel.empty:
                    cells.append("0")
                    continue
                cells.append(str(display_column(published, sel.index, "events_group").iloc[0]))
                total = str(display_column(published, sel.index, "n_group").iloc[0])
            sel = part[(part["category"] == category) & (part["group"] == focus)]
            if sel.empty:
                share = ""
            else:
                r = sel.iloc[0]
                interval = _interval_text("percent", r["ci_low"], r["ci_high"])
                share = (
                    CONFIDENTIAL
                    if published.hidden.loc[sel.index[0], "value"]
                    else f"{r['value']:.1f}" + (f" ({interval})" if interval else "")
                )
            table.append([*cells, total, share])
        out.append(
            _table(
                table,
                [
                    word if standard == "WDES" else "category",
                    *groups,
                    "total",
                    f"% {focus}" + (" (interval)" if part["ci_low"].notna().any() else ""),
                ],
            )
        )
        out.append("")
        out.extend(_images(charts.get((standard, "1"), {})))
    return out


def _images(kinds: Mapping[str, tuple[str, str]]) -> list[str]:
    """Markdown images, each with its alt text, in the order the charts were planned."""
    return [markdown_image(path, alt) for path, alt in kinds.values()]


def markdown_image(path: str, alt: str) -> str:
    """A chart as a Markdown image: its alt text as data (names from the inputs never
    markup), its relative path as a link target that spaces and brackets cannot end."""
    target = path.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    return f"![{_alt(alt)}]({target})\n"


def _nested(sub: pd.DataFrame, parents: pd.DataFrame | None) -> tuple[pd.DataFrame, int]:
    """Units grouped under their directorate; past :data:`REPORT_UNITS` rows below the
    first level, only the first level (the rest are in the workbooks). Returns the rows
    to show and how many were left out."""
    nested = ordered_units(sub, parents)
    deeper = int((nested["_depth"] > 1).sum())
    if deeper and len(nested) > REPORT_UNITS:
        return nested[nested["_depth"] <= 1], deeper
    return nested, 0


def _unit_label(level: str, unit: str, depth: int) -> str:
    """A unit's name, indented under its parent by depth (``↳`` per level below the first)."""
    return ("↳ " * max(depth - 1, 0)) + str(unit)


def _breakdown_section(
    published: Published,
    organisation: str,
    level: float,
    h: str,
    charts: ChartMap,
    parents: pd.DataFrame | None = None,
) -> list[str]:
    rows = published.rows
    part = rows[(rows["organisation"] == organisation) & (rows["level"] != "organisation")]
    if part.empty:
        return []
    out = [f"{h} By directorate and unit\n"]
    present = set(zip(part["standard"], part["metric"], strict=True))
    for entry in [m for m in REGISTRY if m.key in present]:
        sub = part[(part["standard"] == entry.standard) & (part["metric"] == entry.metric)]
        if entry.metric == "1":
            focus = FOCUS_GROUPS[entry.grouping]
            sub = sub[(sub["category"] == "all") & (sub["group"] == focus)]
        elif (sub["reference_group"] != "").any():
            # survey metrics: the group-against-reference rows carry both groups' counts
            sub = sub[sub["reference_group"] != ""]
        if sub.empty:
            continue
        sub, left_out = _nested(sub, parents)
        depth = sub["_depth"].to_numpy()
        sub = sub.drop(columns="_depth")
        shown = {
            c: display_column(published, sub.index, c).astype(str)
            for c in ("n_group", "events_group", "n_reference", "events_reference")
        }
        confidential = published.hidden.loc[sub.index, "value"].to_numpy(dtype=bool)
        values = [
            CONFIDENTIAL if c else format_value(s, v)
            for c, s, v in zip(confidential, sub["statistic"], sub["value"], strict=True)
        ]
        intervals = [
            "" if c else _interval_text(s, lo, hi)
            for c, s, lo, hi in zip(
                confidential, sub["statistic"], sub["ci_low"], sub["ci_high"], strict=True
            )
        ]
        units = [
            _unit_label(lv, u, d) for lv, u, d in zip(sub["level"], sub["unit"], depth, strict=True)
        ]
        if entry.metric == "1":
            headers = [
                "level",
                "unit",
                f"{focus} staff",
                "all staff",
                f"% {focus}",
                f"{level:.0%} interval",
            ]
            columns = [
                sub["level"],
                units,
                shown["events_group"],
                shown["n_group"],
                values,
                intervals,
            ]
            if not any(intervals):  # complete counts: no interval column
                del headers[-1], columns[-1]
        else:
            group = entry.group or "group"
            reference = entry.reference_group or "reference"
            headers = [
                "level",
                "unit",
                "category",
                f"{group}: n",
                f"{group}: events",
                f"{reference}: n",
                f"{reference}: events",
                "value",
                f"{level:.0%} interval",
                "flags",
            ]
            columns = [
                sub["level"],
                units,
                sub["category"].replace("", "–"),
                shown["n_group"],
                shown["events_group"],
                shown["n_reference"],
                shown["events_reference"],
                values,
                intervals,
                [shown_flags(f, c) for f, c in zip(sub["flags"], confidential, strict=True)],
            ]
            if not (sub["category"] != "").any():
                del headers[2], columns[2]
        table = [list(r) for r in zip(*(list(c) for c in columns), strict=True)]
        title = entry.direction or entry.wording.split(".")[0]
        out.append(f"{h}# {entry.standard} {entry.metric}: {_md(title)}\n")
        out.append(_table(table, headers))
        out.append("")
        if left_out:
            out.append(
                f"Only the first level is shown here: the {left_out:,} figures below it are in "
                "the publication workbook (and every figure, unsuppressed, in the internal "
                "breakdown)"
                + (
                    ", and compared on the funnel plot below."
                    if "funnel" in charts.get(entry.key, {})
                    else "."
                )
                + "\n"
            )
        if entry.metric != "1":
            out.extend(_images(charts.get(entry.key, {})))
    return out


def report_markdown(
    published: Published,
    config: Config,
    *,
    charts: Mapping[str, ChartMap] | None = None,
    trend_text: str = "",
    trend_charts: Mapping[str, list[tuple[str, str]]] | None = None,
    parents: pd.DataFrame | None = None,
) -> str:
    """The whole report as Markdown.

    Parameters
    ----------
    published
        From :func:`wres_wdes.write.publication.publish`.
    charts
        Organisation → (standard, metric) → kind of chart (``metric1``, ``forest``,
        ``funnel``) → (relative path, alt text).
    trend_text
        The trend tables (:func:`wres_wdes.write.trend.trend_markdown`), if any.
    trend_charts
        Organisation → list of (relative path, alt text).
    parents
        How units nest (:func:`~wres_wdes.write.disclosure.unit_parents`), to list each
        unit under its directorate.
    """
    charts = charts or {}
    trend_charts = trend_charts or {}
    level = config.options.confidence_level
    organisations = list(dict.fromkeys(published.rows["organisation"]))
    several = len(organisations) > 1
    title = f"{config.organisation_name}" if not several else f"{len(organisations)} organisations"
    out = [f"# WRES and WDES {config.year}: {_md(title)}\n"]
    start, end = config.data_year
    out.append(
        f"Workforce census 31 March {config.year}; data year {start.day} {start:%B %Y} to "
        f"{end.day} {end:%B %Y}. A relative likelihood is the rate of one group divided by "
        "the rate of the other, in the direction NHS England defines for each metric; 1.00 "
        "means equal likelihood. Relative likelihoods and Staff Survey figures have a "
        f"{level:.0%} confidence interval; 'statistically significant' means the score test's "
        "p-value is below 0.05, which is the same as the interval excluding parity. Workforce "
        "shares and board figures are complete counts at the census date, so they have no "
        "interval. 'Outside 0.80–1.25' is the four-fifths band; 'small numbers' means few "
        "events or people. WRES 3 and WDES 3 events are the mean per year over two data years. "
        + (
            f"Counts from 1 to {math.ceil(published.threshold) - 1} are shown as {CONFIDENTIAL}, "
            "as is any figure that would reveal one (disclosure control); the exact figures are "
            "in the internal breakdown, which is not for publication."
            if published.threshold > 1
            else "Disclosure control is turned off."
        )
        + "\n"
    )
    for organisation in organisations:
        h = "##"
        if several:
            out.append(f"## {_md(organisation)}\n")
            h = "###"
        org_charts = charts.get(organisation, {})
        out.extend(_headline_section(published, organisation, level, h))
        out.extend(_metric1_section(published, organisation, h, org_charts))
        out.extend(_breakdown_section(published, organisation, level, h, org_charts, parents))
    if trend_text:
        out.append("## Trends\n")
        out.append(trend_text)
        for organisation in organisations:
            for path, alt in trend_charts.get(organisation, []):
                out.append(markdown_image(path, alt))
    out.append("## Method\n")
    for line in cover_text(config, published.threshold)["about"]:
        out.append(f"- {_md(line)}")
    return "\n".join(out) + "\n"


__all__ = ["markdown_image", "plain_words", "report_markdown"]
