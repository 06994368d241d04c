"""The board report's plain words: each figure read out in a sentence (:func:`plain_words`).

The paper itself, ``report.md`` and ``report.docx``, is one content model
(:mod:`wres_wdes.write.paper`) rendered twice; :func:`report_markdown` is its
Markdown. A board paper is usually published, so it shows the *published*
figures: the same disclosure control as the publication workbook (``[c]``).
The exact figures are in the internal breakdown.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..config import Config
from ..metrics.registry import BY_KEY
from ..results import years_of
from .headline import format_value, interval_text
from .paper.build import REPORT_UNITS
from .paper.markdown import markdown_image
from .publication import CONFIDENTIAL, Published

VERBS = {
    "applications": ("applicants", "to be appointed from shortlisting", "appointments"),
    "disciplinary": ("staff", "to enter the formal disciplinary process", "cases"),
    "capability": ("staff", "to enter the formal capability process", "cases"),
    "training": ("staff", "to access non-mandatory training or CPD", "people trained"),
    "leavers": ("staff", "to leave", "leavers"),
}
"""Plain words per input: who, the event as a verb, and what the events are called."""


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


def report_paper(
    published: Published,
    config: Config,
    *,
    charts: Sequence = (),
    trend: pd.DataFrame | None = None,
    parents: pd.DataFrame | None = None,
):
    """The board paper's content (:func:`wres_wdes.write.paper.build_paper`)."""
    from .paper import build_paper

    return build_paper(published, config, charts=charts, trend=trend, parents=parents)


def report_markdown(
    published: Published,
    config: Config,
    *,
    charts: Sequence = (),
    trend: pd.DataFrame | None = None,
    parents: pd.DataFrame | None = None,
) -> str:
    """``report.md``: the board paper as Markdown, the plain-text twin of ``report.docx``.

    Parameters
    ----------
    published
        From :func:`wres_wdes.write.publication.publish` (one organisation).
    charts
        The organisation's charts (:class:`~wres_wdes.write.plan.ChartFile`), paths
        relative to the report.
    trend
        The organisation's :func:`~wres_wdes.write.trend.trend_rows`, with history.
    parents
        How units nest (:func:`~wres_wdes.write.disclosure.unit_parents`), to list each
        unit under its directorate.
    """
    from .paper import render_markdown

    paper = report_paper(published, config, charts=charts, trend=trend, parents=parents)
    return render_markdown(paper)


__all__ = ["REPORT_UNITS", "markdown_image", "plain_words", "report_markdown", "report_paper"]
