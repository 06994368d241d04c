"""The publication workbook: accessible, one table per sheet, small counts suppressed.

Written with gptables (Office for National Statistics), which enforces the
Government Analysis Function spreadsheet guidance (``reference/statistics-and-
peers.md`` §3.1): a cover sheet, a contents sheet, a notes sheet, then one
marked-up table per sheet, no blank cells (shorthand instead), no merged cells.

What it holds: every metric by organisation, directorate and unit (the
breakdown levels of the config), with counts, rates, value, interval and flags
in words. Disclosure control (:mod:`~wres_wdes.write.disclosure`) replaces
small counts, and any figure that would reveal one, with ``[c]``. Rows flagged
``below_survey_minimum`` are left out. WDES 1 is shown by cluster, the national
layout (``reference/wdes.md`` §3); its per-band figures stay in the internal
breakdown. Metric 1 by band (or cluster) is shown for the organisation and the
first breakdown level; below that, each unit's whole-workforce shares only (the
``all`` category). The national template lays metric 1 out by band for the
organisation (``reference/wres.md`` §6, ``reference/wdes.md`` §3); band
by band for each of 300 wards would be tens of thousands of rows, nearly all of
them ``[c]``, and grows without bound with the units; every figure stays in
``metrics.csv`` and the internal breakdown. No person identifier is in the
results, so none can be here.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..config import Config
from ..metrics.registry import BY_KEY, REGISTRY
from ..results import years_of
from ..stats import DEFAULT_METHOD
from .disclosure import BOARD_METRICS, COUNT_COLUMNS, hidden_figures, suppression_mask
from .headline import flag_meanings, flag_words
from .safe import escape_frame, inert_frame, inert_markup

CONFIDENTIAL = "[c]"
NOT_AVAILABLE = "[x]"
EXCLUDED_FLAGS = ("below_survey_minimum",)

INTERVAL_METHODS = {
    "relative_likelihood": {
        "koopman": "Koopman asymptotic score interval",
        "mover": "MOVER-Wilson interval",
        "katz": "Katz log interval",
    }.get(DEFAULT_METHOD, DEFAULT_METHOD),
    "percent": "Wilson score interval (Staff Survey percentages)",
    "difference_pp": "Mee's score interval (Staff Survey differences)",
}
NO_UPPER_LIMIT = "no upper limit"
"""Shown for the upper limit of a ratio whose reference group has no events."""


@dataclass(frozen=True)
class Published:
    """The rows fit to publish, and which of their figures are confidential.

    Attributes
    ----------
    rows
        Result rows kept for publication (index reset).
    hidden
        Booleans, one column per count and derived figure: ``True`` is ``[c]``.
    threshold
        The suppression threshold used.
    """

    rows: pd.DataFrame
    hidden: pd.DataFrame
    threshold: float


def publishable_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The result rows a publication shows (see the module docstring)."""
    if "split" in frame:
        raise ValueError("publication takes results without a split (calculate(split_by=None))")
    flags = frame["flags"].fillna("").astype(str)
    keep = np.ones(len(frame), dtype=bool)
    for flag in EXCLUDED_FLAGS:
        keep &= ~flags.str.split(";").map(lambda f, flag=flag: flag in f).to_numpy(dtype=bool)
    category = frame["category"].fillna("").astype(str)
    metric1 = (frame["metric"] == "1").to_numpy()
    for standard in frame.loc[metric1, "standard"].unique():
        this = metric1 & (frame["standard"] == standard).to_numpy()
        if category[this].str.contains("/cluster", regex=False).any():
            suffix = category.str.split("/", n=1).str[1].fillna("all")
            keep &= ~this | (suffix.str.startswith("cluster") | (suffix == "all")).to_numpy()
    # metric 1 by band: the organisation and the first level only (see the docstring)
    levels = [lv for lv in dict.fromkeys(frame["level"]) if lv != "organisation"]
    deeper = frame["level"].isin(levels[1:]).to_numpy()
    keep &= ~(metric1 & deeper) | (category == "all").to_numpy()
    return frame[keep].reset_index(drop=True)


def publish(
    frame: pd.DataFrame,
    threshold: float,
    parents: pd.DataFrame | None,
    suppress_board: bool = False,
) -> Published:
    """Rows to publish with their disclosure mask (primary and secondary suppression).

    Board figures are exempt from the threshold unless ``suppress_board``
    (:mod:`~wres_wdes.write.disclosure`, "Board members")."""
    rows = publishable_rows(frame)
    exempt = () if suppress_board else BOARD_METRICS
    mask = suppression_mask(rows, threshold, parents, exempt_metrics=exempt)
    hidden = pd.concat([mask, hidden_figures(rows, mask)], axis=1)
    return Published(rows, hidden, threshold)


STATISTIC_WORDS = {
    "relative_likelihood": "relative likelihood",
    "percent": "percentage",
    "difference_pp": "difference (percentage points)",
    "score": "score (0 to 10)",
    "score_difference": "difference in score",
}

VALUE_FLAGS = ("outside_four_fifths", "significant")
"""Flags that say something about a value, so are not shown beside a confidential one."""


def shown_flags(flags: str, value_hidden: bool) -> str:
    """Flags in words, less those that would hint at a confidential value."""
    names = [f for f in str(flags or "").split(";") if f]
    if value_hidden:
        names = [f for f in names if f not in VALUE_FLAGS]
    return flag_words(";".join(names))


def _decimals(statistic: str) -> int:
    return 2 if statistic == "relative_likelihood" or statistic.startswith("score") else 1


def _is_score(statistic: str) -> bool:
    return statistic.startswith("score")


def _number(value: float, decimals: int) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NOT_AVAILABLE
    if math.isinf(float(value)):
        return NO_UPPER_LIMIT
    rounded = round(float(value), decimals)
    return int(rounded) if rounded.is_integer() and decimals == 0 else rounded


def _count(value: float) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NOT_AVAILABLE
    value = float(value)
    return int(value) if value.is_integer() else round(value, 1)


def display_column(published: Published, rows: pd.Index, column: str) -> pd.Series:
    """One column as published: numbers rounded, ``[c]`` where hidden, ``[x]`` where missing."""
    raw = published.rows.loc[rows, column]
    hidden = published.hidden.loc[rows, column] if column in published.hidden else None
    statistic = published.rows.loc[rows, "statistic"]
    if column in COUNT_COLUMNS:
        shown = [_count(v) for v in raw]
    elif column.startswith("rate_"):  # a proportion shown as %, or a mean score as it is
        shown = [
            _number(v, 2) if _is_score(s) else _number(v * 100, 1)
            for v, s in zip(raw, statistic, strict=True)
        ]
    elif column in ("value", "ci_low", "ci_high"):
        shown = [_number(v, _decimals(s)) for v, s in zip(raw, statistic, strict=True)]
    else:
        shown = list(raw)
    out = pd.Series(shown, index=rows, dtype=object)
    if hidden is not None:
        out[hidden.to_numpy(dtype=bool)] = CONFIDENTIAL
    return out


def _headers(statistic: str, board: bool, workforce: bool, level: float) -> dict[str, str]:
    """Column headings by statistic (metric 1 and board rows have their own words)."""
    limits = {"ci_low": f"Lower {level:.0%} limit", "ci_high": f"Upper {level:.0%} limit"}
    if statistic == "percent" and workforce:  # metric 1: a band (or cluster) of the workforce
        return {
            "events_group": "Headcount of group in category",
            "n_group": "Headcount of category",
            "value": "Group as % of category",
            **limits,
            "events_reference": "Headcount of group, all staff of the unit",
            "n_reference": "Headcount, all staff of the unit",
            "rate_reference": "Group as % of all staff of the unit",
        }
    if board:
        return {
            "n_group": "Board members",
            "events_group": "Board members in group",
            "rate_group": "Group as % of board",
            "n_reference": "Staff",
            "events_reference": "Staff in group",
            "rate_reference": "Group as % of staff",
            "value": "Difference (percentage points)",
            **limits,
        }
    if statistic.startswith("score"):
        return {
            "n_group": "Group: respondents",
            "rate_group": "Group: mean score",
            "n_reference": "Reference group: respondents",
            "rate_reference": "Reference group: mean score",
            "value": "Score (0 to 10)" if statistic == "score" else "Difference in score",
            **limits,
        }
    value = {
        "relative_likelihood": "Relative likelihood",
        "percent": "Percentage",
        "difference_pp": "Difference (percentage points)",
    }.get(statistic, "Value")
    return {
        "n_group": "Group: people",
        "events_group": "Group: with the event",
        "rate_group": "Group: rate (%)",
        "n_reference": "Reference group: people",
        "events_reference": "Reference group: with the event",
        "rate_reference": "Reference group: rate (%)",
        "value": value,
        **limits,
    }


def metric_table(
    published: Published, standard: str, metric: str, level: float = 0.95
) -> pd.DataFrame:
    """The published table of one metric, headed for people, ready for gptables."""
    rows = published.rows
    index = rows.index[(rows["standard"] == standard) & (rows["metric"] == metric)]
    part = rows.loc[index]
    statistic = part["statistic"].iloc[0]
    if statistic == "yes_no":
        answer = part["value"].map(
            lambda v: NOT_AVAILABLE if pd.isna(v) else ("Yes" if v else "No")
        )
        narrative = part["note"].fillna("").astype(str).replace("", "Not given")
        table = pd.DataFrame(
            {
                "Organisation": part["organisation"].to_numpy(),
                "Answer": answer.to_numpy(),
                "Narrative": narrative.to_numpy(),
            }
        )
        return inert_frame(escape_frame(table))
    entry = BY_KEY.get((standard, metric))
    board = entry is not None and entry.input == "board"
    workforce = statistic == "percent" and bool(part["n_reference"].notna().any())
    several = part["statistic"].nunique() > 1  # survey: each group's %, and the difference
    headers = _headers("" if several else statistic, board, workforce, level)
    if several and part["statistic"].str.startswith("score").any():
        headers |= {
            "rate_group": "Group: mean score",
            "rate_reference": "Reference group: mean score",
            "n_group": "Group: respondents",
            "n_reference": "Reference group: respondents",
        }
    out = pd.DataFrame(
        {
            "Organisation": part["organisation"].to_numpy(),
            "Level": part["level"].to_numpy(),
            "Unit": part["unit"].to_numpy(),
        },
        index=index,
    )
    if (part["category"].fillna("") != "").any():
        out["Category"] = part["category"].replace("", "all").to_numpy()
    out["Group"] = part["group"].to_numpy()
    if (part["reference_group"].fillna("") != "").any():
        out["Reference group"] = part["reference_group"].replace("", NOT_AVAILABLE).to_numpy()
    if several:
        out["Figure"] = [STATISTIC_WORDS.get(s, s.replace("_", " ")) for s in part["statistic"]]
    per_year = bool((years_of(part["note"]) > 1).any())
    for column, heading in headers.items():
        if part[column].notna().any():
            if per_year and column in ("events_group", "events_reference"):
                heading += " (mean per year)"
            out[heading] = display_column(published, index, column)
    hidden = published.hidden.loc[index, "value"].to_numpy(dtype=bool)
    out["Flags"] = [
        shown_flags(f, h) or "none" for f, h in zip(part["flags"].fillna(""), hidden, strict=True)
    ]
    return inert_frame(escape_frame(out.reset_index(drop=True)))


def number_formats(table: pd.DataFrame, statistic: str) -> list[dict]:
    """gptables column formats, so a reader sees what the figures are: counts as whole
    numbers (``1,234``; a mean per year to one place), percentages and differences to 1
    decimal place, ratios and scores to 2 (``1.80``, never ``1.8``)."""
    two = statistic == "relative_likelihood" or statistic.startswith("score")
    formats: dict[str, list[str]] = {"#,##0": [], "#,##0.0": [], "0.0": [], "0.00": []}
    for heading in table.columns:
        text = str(heading)
        if "(mean per year)" in text:
            formats["#,##0.0"].append(heading)
        elif text in COUNT_HEADINGS:
            formats["#,##0"].append(heading)
        elif (
            "mean score" in text
            or text in ("Relative likelihood", "Score (0 to 10)")
            or (text == "Value" and two)
        ):
            formats["0.00"].append(heading)
        elif text.startswith(("Lower", "Upper")):
            formats["0.00" if two else "0.0"].append(heading)
        elif "%" in text or "percentage points" in text or text in ("Percentage",):
            formats["0.0"].append(heading)
    return [
        {"column": {"columns": columns, "format": {"num_format": fmt}}}
        for fmt, columns in formats.items()
        if columns
    ]


COUNT_HEADINGS = {
    "Headcount of group in category",
    "Headcount of category",
    "Headcount of group, all staff of the unit",
    "Headcount, all staff of the unit",
    "Board members",
    "Board members in group",
    "Staff",
    "Staff in group",
    "Group: respondents",
    "Reference group: respondents",
    "Group: people",
    "Group: with the event",
    "Reference group: people",
    "Reference group: with the event",
}


def _sheet_name(standard: str, metric: str) -> str:
    return f"{standard} {metric}"


def _ordered_metrics(rows: pd.DataFrame) -> list[tuple[str, str]]:
    present = set(zip(rows["standard"], rows["metric"], strict=True))
    order = [m.key for m in REGISTRY if m.key in present]
    order += sorted(present - set(order))
    return order


def _direction_lines() -> list[str]:
    lines = []
    for m in REGISTRY:
        if m.statistic == "relative_likelihood":
            lines.append(
                f"{m.standard} {m.metric}: {m.group} ÷ {m.reference_group}; above 1 "
                f"means {m.group} {m.event.split(' (')[0]} more often."
            )
        elif m.statistic == "difference_pp":
            lines.append(
                f"{m.standard} {m.metric}: {m.group} share of the board minus "
                f"{m.group} share of the workforce, in percentage points; below 0 "
                "means under-represented on the board."
            )
    return lines


def cover_text(config: Config, threshold: float) -> dict[str, list[str]]:
    """The cover sheet's text: organisation, year, sources, method, directions, intervals."""
    start, end = config.data_year
    sources = [f"{key}: {path.path.name}" for key, path in sorted(config.inputs.items())]
    level = config.options.confidence_level
    intro = [
        f"{inert_markup(config.organisation_name)}"
        + (f" ({config.organisation_code})" if config.organisation_code else "")
        + f": NHS Workforce Race Equality Standard (WRES) and Workforce Disability Equality "
        f"Standard (WDES) figures for {config.year}.",
        f"Workforce census 31 March {config.year}; data year {start.day} {start:%B %Y} to "
        f"{end.day} {end:%B %Y}.",
        "Figures for the organisation and for each "
        + (", ".join(config.levels) if config.levels else "organisation")
        + ".",
    ]
    about = (
        [
            "Data sources: " + ("; ".join(sources) if sources else "given in code") + ".",
            "Method: each figure is computed from counts of people (headcount, not FTE). A "
            "relative likelihood is the rate of one group divided by the rate of its reference "
            "group, as NHS England defines each metric; 1.00 is parity. Unknown ethnicity or "
            "disability is left out of both rates, but counted in metric 1.",
            "Direction of every ratio and difference:",
            *_direction_lines(),
            f"Intervals ({level:.0%}) and tests: relative likelihoods, the "
            f"{INTERVAL_METHODS['relative_likelihood']} with the score test it inverts; "
            f"percentages, the {INTERVAL_METHODS['percent']}; differences, "
            f"{INTERVAL_METHODS['difference_pp']} with its score test. The workforce shares of "
            "metric 1 and the board differences (WRES 9, WDES 10) are complete counts at the "
            "census date, not samples, so they have no interval, as NHS England publishes them.",
            f"Flags: {flag_meanings(level)}; 'reference group had no events' means the ratio "
            "has no finite value "
            f"and its lower limit is what the data show ('{NO_UPPER_LIMIT}').",
            "WRES 3 and WDES 3 count entries over two data years: their events are the mean "
            "per year.",
            f"Disclosure control: counts from 1 to {math.ceil(threshold) - 1} are shown as [c], "
            "as is any count or figure that would let one be worked out from a total; zeros "
            "are shown. "
            + (
                "Board figures are suppressed the same way ([publication] suppress_board)."
                if config.suppress_board
                else "Board figures are shown in full: the board is a public body whose "
                "members are named, and its composition is published in every WRES and "
                "WDES report ([publication] suppress_board = true hides small counts)."
            ),
            "Rounding: relative likelihoods and scores to 2 decimal places, percentages and "
            "differences to 1.",
        ]
        if threshold > 1
        else [
            "Data sources: " + ("; ".join(sources) if sources else "given in code") + ".",
            "Disclosure control is turned off ([publication] suppress_below = 0).",
        ]
    )
    return {"intro": intro, "about": about}


NOTES = pd.DataFrame(
    {
        "Note reference": ["unknown", "suppression", "flags", "wdes1"],
        "Note text": [
            "Unknown ethnicity or disability is left out of both rates of a relative likelihood "
            "and of the board percentages for WRES 9, but is shown in metric 1.",
            "[c] marks a count from 1 to just below the suppression threshold, or a count or "
            "figure that would let one be worked out from a total (secondary suppression).",
            "Flags: statistically significant (the score test's p-value is below 1 − the "
            "confidence level the cover gives: the interval excludes parity); outside "
            "0.80–1.25 (the four-fifths band); small numbers (few events or people); "
            "reference group had no events (the ratio has no finite "
            "value; its lower limit is shown, with no upper limit); not calculable (no group "
            "has events, or a group has nobody in it).",
            "WDES metric 1 is shown by cluster, the layout of the national return.",
        ],
    }
)


def write_publication(
    frame: pd.DataFrame,
    config: Config,
    path: Path,
    threshold: float,
    parents: pd.DataFrame | None,
    published: Published | None = None,
) -> Published:
    """Write the publication workbook to ``path``.

    ``published`` is :func:`publish` of the same arguments when the caller has it
    already. The workbook is built in memory (no temporary copy of the figures in
    a shared temporary folder) and dated by the census date, so the same inputs
    give the same bytes.
    """
    import gptables as gpt

    from .safe import document_date

    if published is None:
        published = publish(frame, threshold, parents, config.suppress_board)
    level = config.options.confidence_level
    sheets = {}
    for standard, metric in _ordered_metrics(published.rows):
        entry = BY_KEY.get((standard, metric))
        table = metric_table(published, standard, metric, level)
        subtitles = []
        if entry is not None:
            subtitles.append(entry.wording)
            if entry.direction:
                subtitles.append(f"Direction: {entry.direction}.")
            subtitles.append(
                f"Population: {entry.population}. Event: {entry.event}. Window: {entry.window}."
            )
        subtitles.append("Flags and shorthand are explained in the notes.$$flags$$$$suppression$$")
        if metric == "1":
            subtitles.append(
                "Unknown ethnicity or disability is shown as its own group."
                "$$unknown$$" + ("$$wdes1$$" if standard == "WDES" else "")
            )
        statistic = published.rows.loc[
            (published.rows["standard"] == standard) & (published.rows["metric"] == metric),
            "statistic",
        ].iloc[0]
        sheets[_sheet_name(standard, metric)] = gpt.GPTable(
            additional_formatting=number_formats(table, statistic),
            table=table,
            table_name=f"{standard}_{metric}".replace(" ", "_"),
            title=f"{standard} {metric}: {inert_markup(config.organisation_name)}, {config.year}",
            subtitles=subtitles,
            instructions="This worksheet contains one table. Some cells hold shorthand "
            "explained in the legend.",
            source="Computed with wres_wdes from the organisation's own records.",
            legend=[
                f"{CONFIDENTIAL} confidential: a small count, or a figure that would reveal one",
                f"{NOT_AVAILABLE} not available or not calculable",
            ],
        )
    text = cover_text(config, threshold)
    cover = gpt.Cover(
        title=f"WRES and WDES {config.year}: {inert_markup(config.organisation_name)}",
        intro=text["intro"],
        about=text["about"],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # unreferenced-note and blank-cell chatter
        workbook = gpt.produce_workbook(
            filename=str(path),
            sheets=sheets,
            cover=cover,
            notes_table=NOTES.copy(),
            contentsheet_options={"title": "Contents"},
            auto_width={name: False for name in sheets},  # widths below, measured once
            workbook_options={
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "in_memory": True,
            },
        )
        for name, sheet in sheets.items():
            worksheet = workbook.get_worksheet_by_name(name)
            for column, pixels in enumerate(column_widths(sheet.table)):
                worksheet.set_column_pixels(column, column, pixels)
        created = document_date(config)
        workbook.set_properties({"created": created})
        workbook.set_custom_property("Generator", "wres_wdes")
        workbook.close()
    return published


def column_widths(table: pd.DataFrame) -> list[int]:
    """Each column's width in pixels: its longest heading or cell, as Excel autofits
    (xlsxwriter's ``cell_autofit_width``), measured once per distinct value.

    gptables measures every cell one by one (a second per 50,000 cells); a table's
    columns repeat their values, so measuring the distinct ones gives the same widths.
    """
    from xlsxwriter.utility import cell_autofit_width

    widths = []
    for name in table.columns:
        values = pd.unique(table[name].astype(str))
        longest = [max(str(v).split("\n"), key=len) for v in (name, *values)]
        widths.append(max(math.ceil(cell_autofit_width(v) * 1.1) for v in longest) + 8)
    return widths


__all__ = [
    "CONFIDENTIAL",
    "NOT_AVAILABLE",
    "Published",
    "cover_text",
    "display_column",
    "metric_table",
    "publish",
    "publishable_rows",
    "shown_flags",
    "write_publication",
]
