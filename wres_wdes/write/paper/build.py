"""The board paper's content (:class:`~.blocks.Paper`), built once from the published
figures and rendered as ``report.md`` and ``report.docx``.

The body, board-sized: a cover block (organisation, year, title, "for
approval"), the executive summary (:mod:`.messages`), a recommendation for the
user to edit, one section per standard (headline figures with their direction in
words and the national figure beside them, charts, the Model Employer gap,
direction of travel), declaration rates, what could not be computed, the
breakdown grouped under each directorate, and method and caveats. The appendix:
metric 1 by band, every metric by directorate and unit with counts and
intervals, the trend table over every year, the national figures with sources.

Every figure is as published (the disclosure control of the publication
workbook, :mod:`~wres_wdes.write.disclosure`): ``[c]`` where hidden.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import Any

import pandas as pd

from ...classify import FOCUS_GROUPS, GROUPS
from ...config import Config
from ...metrics.registry import BY_KEY, REGISTRY
from ...results import Results
from ..headline import figure_words, format_value, interval_text
from ..order import category_order, ordered_units
from ..publication import CONFIDENTIAL, Published, cover_text, display_column, shown_flags
from ..trend import trend_table
from .blocks import Block, Bullets, Figure, Heading, PageBreak, Paper, Paragraph, Table
from .facts import declaration, model_employer, national_beside, national_figures, not_computed
from .messages import key_messages

REPORT_UNITS = 30
"""Most rows a breakdown lists below the first level; past it the paper shows the
directorates only and points to the workbooks, so it stays board-length."""
TREND_YEARS = 5
"""Most years the body's direction-of-travel tables show (every year is in the appendix)."""
STANDARD_TITLES = {
    "WRES": "WRES: Workforce Race Equality Standard",
    "WDES": "WDES: Workforce Disability Equality Standard",
}


def _registry_order(rows: pd.DataFrame) -> pd.DataFrame:
    order = {m.key: i for i, m in enumerate(REGISTRY)}
    keys = [order.get((s, m), 99) for s, m in zip(rows["standard"], rows["metric"], strict=True)]
    return rows.assign(_o=keys).sort_values("_o", kind="stable").drop(columns="_o")


def _headline_rows(published: Published, organisation: str) -> pd.DataFrame:
    head = Results(published.rows).headline()
    head = head[
        (head["organisation"] == organisation)
        & ~((head["metric"] == "1") & (head["group"] == "Unknown"))
    ]
    return _registry_order(head)


def _headline(published, organisation, standard, level, beside, plain_words) -> list[Block]:
    head = _headline_rows(published, organisation)
    part = head[head["standard"] == standard]
    if part.empty:
        return []
    national = {
        b.index: f"{b.national} ({b.national_year})"
        + ("" if b.what.endswith("likelihood") or "÷" in b.what else f"; here {b.trust}")
        for b in beside
    }
    table, words = [], []
    for index, row in part.iterrows():
        hidden = published.hidden.loc[index]
        value = CONFIDENTIAL if hidden["value"] else format_value(row["statistic"], row["value"])
        interval = (
            ""
            if hidden["value"] or row["statistic"] == "yes_no"
            else interval_text(row["statistic"], row["ci_low"], row["ci_high"])
        )
        table.append(
            (
                f"{standard} {row['metric']}",
                figure_words(row),
                value,
                interval,
                shown_flags(row["flags"], hidden["value"]),
                national.get(index, ""),
            )
        )
        words.append(
            (f"{standard} {row['metric']}, {figure_words(row)}:", plain_words(row, hidden, level))
        )
    headers = ("metric", "figure", "value", f"{level:.0%} interval", "flags", "national (year)")
    return [
        Heading("Headline figures", 2),
        Table(headers, tuple(table)),
        Paragraph(
            "National: NHS England's published figure for NHS trusts in England, the latest "
            "year at or before this one (sources in the appendix); blank where none is "
            "published.",
            style="note",
        ),
        Heading("Each figure in words", 3),
        Bullets(tuple(words), small=True),
    ]


def _figures(charts, standard: str, kinds: Sequence[str]) -> list[Block]:
    return [
        Figure(PurePosixPath(c.path).as_posix(), c.chart.alt, c.chart.title, c.chart)
        for c in charts
        if c.key[0] == standard and c.kind in kinds and not _empty(c)
    ]


def _empty(chart) -> bool:
    """A forest or funnel plot with no unit to show (every one confidential)."""
    return chart.kind in ("forest", "funnel") and getattr(chart.chart, "rows", 2) <= 1


def _model_employer(table) -> list[Block]:
    if table is None or not table.bands:
        return []
    g = table.group
    share = "[c]" if table.workforce_share is None else f"{table.workforce_share:.1f}%"
    rows = tuple(
        (b.category, b.group_count, b.total, b.share, share, b.needed) for b in table.bands
    )
    words = "band" if table.standard == "WRES" else "cluster"
    return [
        Heading(f"Model Employer: {g} staff at band 8a and above", 2),
        Paragraph(
            f"{g} staff are {share} of the whole workforce. For each {words} from 8a, the "
            f"{g} share against that, and how many more {g} staff the {words} would need "
            f"for its share to reach the workforce's with its headcount unchanged "
            + (
                "(A Model Employer, NHS England 2019: senior representation to match the "
                "workforce)."
                if table.standard == "WRES"
                else "(the same comparison for Disabled staff; WDES publishes clusters: "
                "3 is bands 8a–8b, 4 is 8c–9 and VSM)."
            )
        ),
        Table(
            (words, f"{g} staff", "all staff", f"% {g}", "workforce %", "needed for parity"),
            rows,
        ),
    ]


def _trend(trend, organisation, standard, history_given, charts) -> list[Block]:
    out: list[Block] = [Heading("Direction of travel", 2)]
    if not history_given:
        out.append(
            Paragraph(
                "No earlier years are given (the config's [history] files), so this paper "
                "has no direction of travel."
            )
        )
        return out
    table = trend_table(trend, organisation) if trend is not None else pd.DataFrame()
    if table.empty:
        out.append(Paragraph("The history given holds no figures of this organisation."))
        return out
    table = table[table["metric"].str.startswith(standard + " ")]
    years = [c for c in table.columns if c.isdigit()]
    keep = ["metric", "figure", *years[-TREND_YEARS:], "change from last year", "change"]
    table = table[keep]
    out.append(
        Table(tuple(keep), tuple(tuple(str(v) for v in r) for r in table.itertuples(index=False)))
    )
    out.append(
        Paragraph(
            "Change from last year: the difference in the figure; for a relative likelihood "
            "it is tested as the ratio of the two years' ratios. 'significant' means the "
            "interval of the change excludes no change; 'complete counts' means both years "
            "count the whole workforce or board, so the change is exact.",
            style="note",
        )
    )
    out.extend(_figures(charts, standard, ("trend",)))
    return out


def _standard(ctx, standard: str) -> list[Block]:
    published, organisation = ctx["published"], ctx["organisation"]
    head = _headline(
        published, organisation, standard, ctx["level"], ctx["beside"], ctx["plain_words"]
    )
    if not head:
        return []
    out: list[Block] = [Heading(STANDARD_TITLES[standard], 1), *head]
    metric1 = _figures(ctx["charts"], standard, ("metric1",))
    if metric1:
        word = "band" if standard == "WRES" else "cluster"
        out += [Heading(f"{standard} 1: the workforce by {word}", 2), *metric1]
    out += _model_employer(ctx["model_employer"].get(standard))
    if _figures(ctx["charts"], standard, ("forest", "funnel")):
        out.append(
            Paragraph(
                f"Each {standard} relative likelihood by directorate and unit is charted in the "
                "appendix; the figures are under each directorate below.",
                style="note",
            )
        )
    out += _trend(ctx["trend"], organisation, standard, ctx["history_given"], ctx["charts"])
    return out


def _declaration(d) -> list[Block]:
    lines = []
    if d.unknown_ethnicity is not None:
        lines.append(("Ethnicity unknown in ESR:", f"{d.unknown_ethnicity:.1f}% of staff."))
    if d.unknown_disability is not None:
        lines.append(("Disability unknown in ESR:", f"{d.unknown_disability:.1f}% of staff."))
    if d.esr_disabled_declared is not None:
        lines.append(
            (
                "Disabled among those who declared in ESR:",
                f"{d.esr_disabled_declared:.1f}%.",
            )
        )
    if d.survey_disabled is not None:
        lines.append(
            (
                "Disabled among Staff Survey respondents:",
                f"{d.survey_disabled:.1f}% (respondents to {d.survey_metric} who gave their "
                "disability).",
            )
        )
    if not lines:
        return []
    meaning = (
        "Unknown ethnicity or disability is left out of both rates of every relative "
        "likelihood and counted in metric 1, so a high Unknown share makes the figures rest "
        "on those who declared: if those who do not declare differ from those who do, the "
        "figures are biased in a way the data cannot show."
    )
    if d.survey_disabled is not None and d.esr_disabled_declared is not None:
        meaning += (
            " The Staff Survey is anonymous; where more respondents say they are Disabled "
            "than ESR records, Disabled staff are under-recorded in ESR, and the ESR-based "
            "WDES metrics (1, 2, 3 and 10) count only those who told their employer."
        )
    return [
        Heading("Declaration rates", 1),
        Bullets(tuple(lines)),
        Paragraph(meaning),
    ]


def _missing(missing) -> list[Block]:
    out: list[Block] = [Heading("What this paper could not compute", 1)]
    if not missing:
        out.append(Paragraph("Every WRES indicator and WDES metric was computed."))
        return out
    out.append(Bullets(tuple((f"{label}:", reason + ".") for label, reason in missing)))
    return out


def _cell(published: Published, index, statistic: str) -> str:
    if index is None:
        return ""
    if published.hidden.loc[index, "value"]:
        return CONFIDENTIAL
    row = published.rows.loc[index]
    if pd.isna(row["value"]):
        return "–"
    text = format_value(statistic, row["value"])
    if "significant" in str(row["flags"]).split(";") and statistic == "relative_likelihood":
        text += " *"
    return text


def _directorates(published, organisation, parents) -> list[Block]:
    rows = published.rows
    part = rows[(rows["organisation"] == organisation) & (rows["level"] != "organisation")]
    if part.empty:
        return []
    out: list[Block] = [
        Heading("By directorate", 1),
        Paragraph(
            "Each directorate's figures, its units under it (↳). * statistically significant; "
            f"{CONFIDENTIAL} confidential (disclosure control); – not calculable. Counts and "
            "intervals are in the appendix.",
            style="note",
        ),
    ]
    columns = []  # (standard, header, selection, statistic)
    for entry in REGISTRY:
        if entry.standard not in ("WRES", "WDES"):
            continue
        sub = part[(part["standard"] == entry.standard) & (part["metric"] == entry.metric)]
        if sub.empty:
            continue
        if entry.metric == "1":
            focus = FOCUS_GROUPS[entry.grouping]
            sel = sub[(sub["category"] == "all") & (sub["group"] == focus)]
            columns.append((entry.standard, f"{entry.standard} 1: % {focus}", sel, "percent"))
        elif entry.statistic == "relative_likelihood":
            sel = sub[sub["category"] == ""]
            columns.append(
                (
                    entry.standard,
                    f"{entry.standard} {entry.metric}: {entry.direction}",
                    sel,
                    "relative_likelihood",
                )
            )
    if not columns:
        return []
    units = part[["organisation", "level", "unit"]].drop_duplicates()
    nested = ordered_units(units, parents)
    deeper = int((nested["_depth"] > 1).sum())
    short = bool(deeper and len(nested) > REPORT_UNITS)
    if short:
        nested = nested[nested["_depth"] <= 1]
    lookup = []
    for standard, header, sel, statistic in columns:
        lookup.append(
            (
                standard,
                header,
                dict(zip(zip(sel["level"], sel["unit"], strict=True), sel.index, strict=True)),
                statistic,
            )
        )
    groups: list[list[Any]] = []
    r: Any  # a row of itertuples: its fields by position
    for r in nested.itertuples(index=False):
        if r._3 <= 1 or not groups:
            groups.append([])
        groups[-1].append(r)

    def tables(members) -> list[Block]:
        blocks: list[Block] = []
        for standard in ("WRES", "WDES"):
            mine = [c for c in lookup if c[0] == standard]
            if not mine:
                continue
            body = []
            for r in members:
                label = ("↳ " * max(r._3 - 1, 0)) + str(r.unit)
                body.append(
                    (label, *(_cell(published, c[2].get((r.level, r.unit)), c[3]) for c in mine))
                )
            blocks.append(Table(("unit", *(c[1] for c in mine)), tuple(body)))
        return blocks

    if short:
        out.append(
            Paragraph(
                f"The {deeper:,} units below the first level are too many for a board paper: "
                "they are in the publication workbook (and, unsuppressed, in the internal "
                "breakdown)."
            )
        )
        out.extend(tables([r for g in groups for r in g]))
        return out
    for members in groups:
        out.append(Heading(str(members[0].unit), 2))
        out.extend(tables(members))
    return out


def _method(config: Config, published: Published, history_given: bool) -> list[Block]:
    lines = list(cover_text(config, published.threshold)["about"])
    lines.append(
        "Direction of travel: "
        + (
            "earlier years' metrics.csv files ([history]), each with its own disclosure control."
            if history_given
            else "none: no earlier years were given ([history] in the config)."
        )
    )
    lines.append(
        "National figures: NHS England's published national figures for NHS trusts, as "
        "collected in the package's reference table national_figures.csv, each with its "
        "source; a figure marked [conflict] is one on which sources disagree."
    )
    lines.append(
        "Model Employer: the number needed for parity holds each band's headcount fixed "
        "and is the smallest whole number of staff at or above the workforce share, less "
        "those there now; medical grades are not Agenda for Change bands and are left out."
    )
    return [Heading("Method and caveats", 1), Bullets(tuple(("", line) for line in lines))]


def _metric1_appendix(published: Published, organisation: str) -> list[Block]:
    rows = published.rows
    out: list[Block] = []
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
        blocks = ["non-clinical", "clinical", "medical", "unknown"]
        categories = sorted(
            part["category"].unique(),
            key=lambda c: (
                blocks.index(c.split("/")[0]) if c.split("/")[0] in blocks else 4,
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
            share = ""
            if not sel.empty:
                r = sel.iloc[0]
                interval = interval_text("percent", r["ci_low"], r["ci_high"])
                share = (
                    CONFIDENTIAL
                    if published.hidden.loc[sel.index[0], "value"]
                    else f"{r['value']:.1f}" + (f" ({interval})" if interval else "")
                )
            table.append((*cells, total, share))
        out.append(Heading(f"{standard} 1 by {word}", 2))
        out.append(
            Table(
                ("category" if standard == "WRES" else word, *groups, "total", f"% {focus}"),
                tuple(table),
            )
        )
    return out


def _breakdown_appendix(published, organisation, level, parents, charts) -> list[Block]:
    rows = published.rows
    part = rows[(rows["organisation"] == organisation) & (rows["level"] != "organisation")]
    if part.empty:
        return []
    out: list[Block] = [Heading("Every metric by directorate and unit", 2)]
    present = set(zip(part["standard"], part["metric"], strict=True))
    funnels = {c.key for c in charts if c.kind == "funnel"}
    survey = [m for m in REGISTRY if m.key in present and m.input == "survey"]
    for entry in [m for m in REGISTRY if m.key in present and m.input != "survey"]:
        sub = part[(part["standard"] == entry.standard) & (part["metric"] == entry.metric)]
        if entry.metric == "1":
            focus = FOCUS_GROUPS[entry.grouping]
            sub = sub[(sub["category"] == "all") & (sub["group"] == focus)]
        elif (sub["reference_group"] != "").any():
            sub = sub[sub["reference_group"] != ""]
        if sub.empty:
            continue
        nested = ordered_units(sub, parents)
        deeper = int((nested["_depth"] > 1).sum())
        left_out = 0
        if deeper and len(nested) > REPORT_UNITS:
            nested, left_out = nested[nested["_depth"] <= 1], deeper
        depth = nested["_depth"].to_numpy()
        sub = nested.drop(columns="_depth")
        shown = {
            c: display_column(published, sub.index, c).astype(str)
            for c in ("n_group", "events_group", "n_reference", "events_reference")
        }
        secret = published.hidden.loc[sub.index, "value"].to_numpy(dtype=bool)
        values = [
            CONFIDENTIAL if c else format_value(s, v)
            for c, s, v in zip(secret, sub["statistic"], sub["value"], strict=True)
        ]
        intervals = [
            "" if c else interval_text(s, lo, hi)
            for c, s, lo, hi in zip(
                secret, sub["statistic"], sub["ci_low"], sub["ci_high"], strict=True
            )
        ]
        names = [("↳ " * max(d - 1, 0)) + str(u) for u, d in zip(sub["unit"], depth, strict=True)]
        if entry.metric == "1":
            headers = [
                "level",
                "unit",
                f"{focus} staff",
                "all staff",
                f"% {focus}",
                f"{level:.0%} interval",
            ]
            columns: list[Any] = [
                sub["level"],
                names,
                shown["events_group"],
                shown["n_group"],
                values,
                intervals,
            ]
            if not any(intervals):
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
                names,
                sub["category"].replace("", "–"),
                shown["n_group"],
                shown["events_group"],
                shown["n_reference"],
                shown["events_reference"],
                values,
                intervals,
                [shown_flags(f, c) for f, c in zip(sub["flags"], secret, strict=True)],
            ]
            if not (sub["category"] != "").any():
                del headers[2], columns[2]
        body = tuple(
            tuple(str(v) for v in r) for r in zip(*(list(c) for c in columns), strict=True)
        )
        title = entry.direction or entry.wording.split(".")[0]
        out.append(Heading(f"{entry.standard} {entry.metric}: {title}", 3))
        out.append(Table(tuple(headers), body))
        if left_out:
            out.append(
                Paragraph(
                    f"Only the first level is shown here: the {left_out:,} figures below it "
                    "are in the publication workbook (and every figure, unsuppressed, in the "
                    "internal breakdown)"
                    + (
                        ", and compared on its funnel plot in this appendix."
                        if entry.key in funnels
                        else "."
                    ),
                    style="note",
                )
            )
    if survey:
        out.append(
            Paragraph(
                "The Staff Survey metrics ("
                + ", ".join(f"{m.standard} {m.metric}" for m in survey)
                + ") by directorate and unit are in the publication workbook.",
                style="note",
            )
        )
    return out


def _charts_appendix(charts) -> list[Block]:
    out: list[Block] = []
    for standard in ("WRES", "WDES"):
        units = _figures(charts, standard, ("forest", "funnel"))
        empty = [
            f"{c.key[0]} {c.key[1]}"
            for c in charts
            if c.key[0] == standard and c.kind == "forest" and _empty(c)
        ]
        if not units and not empty:
            continue
        out += [Heading(f"{standard} relative likelihoods by directorate and unit", 2), *units]
        if empty:
            out.append(
                Paragraph(
                    f"No unit's figure of {', '.join(empty)} can be published (every one is "
                    "confidential or not calculable), so its chart is not shown here.",
                    style="note",
                )
            )
    return out


def _trend_appendix(trend, organisation, history_given) -> list[Block]:
    if not history_given or trend is None:
        return []
    table = trend_table(trend, organisation)
    if table.empty:
        return []
    return [
        Heading("Trends: every year", 2),
        Table(
            tuple(str(c) for c in table.columns),
            tuple(tuple(str(v) for v in r) for r in table.itertuples(index=False)),
        ),
    ]


def _national_appendix(beside) -> list[Block]:
    table = national_figures()
    used = {(b.standard, b.metric) for b in beside}
    table = table[[(s, m) in used for s, m in zip(table["standard"], table["metric"], strict=True)]]
    if table.empty:
        return []
    rows = tuple(
        (
            f"{r.standard} {r.metric}",
            str(r.figure).replace("_", " "),
            str(r.year),
            str(r.shown),
            str(r.source),
        )
        for r in table.itertuples(index=False)
    )
    return [
        Heading("National figures and their sources", 2),
        Table(("metric", "figure", "year", "national", "source"), rows),
        Paragraph(
            "Sources are numbered as in the reference notes on the standards (wres.md §9.2, "
            "wdes.md §10). [conflict] marks a figure on which the published sources disagree; "
            "the first is shown.",
            style="note",
        ),
    ]


def build_paper(
    published: Published,
    config: Config,
    *,
    charts: Sequence = (),
    trend: pd.DataFrame | None = None,
    parents: pd.DataFrame | None = None,
) -> Paper:
    """The board paper of one organisation.

    Parameters
    ----------
    published
        From :func:`wres_wdes.write.publication.publish` (one organisation's rows).
    config
        The run's config (organisation, year, inputs, options, history).
    charts
        The organisation's charts (:class:`~wres_wdes.write.plan.ChartFile`, with paths
        relative to the report).
    trend
        :func:`~wres_wdes.write.trend.trend_rows` for this organisation, with history.
    parents
        How units nest (:func:`~wres_wdes.write.disclosure.unit_parents`).
    """
    from ..report import plain_words

    organisation = (
        str(published.rows["organisation"].iloc[0])
        if len(published.rows)
        else (config.organisation_name)
    )
    level = config.options.confidence_level
    year = config.year
    history_given = bool(config.history)
    beside = national_beside(published, organisation, year)
    employer = {s: model_employer(published, organisation, s) for s in ("WRES", "WDES")}
    declared = declaration(published, organisation)
    missing = not_computed(published, organisation, config)
    messages = key_messages(
        published,
        organisation,
        year,
        trend,
        history_given,
        [t for t in employer.values() if t is not None],
        declared,
        beside,
        missing,
    )
    start, end = config.data_year
    code = f" ({config.organisation_code})" if config.organisation_code else ""
    title = f"WRES and WDES {year}: {organisation}"
    blocks: list[Block] = [
        Heading(title, 0),
        Paragraph(f"{organisation}{code}", style="cover"),
        Paragraph(
            f"Workforce Race Equality Standard and Workforce Disability Equality Standard {year}",
            style="cover",
        ),
        Paragraph("Paper for the Trust Board: for approval", style="cover"),
        Paragraph(
            f"Workforce census 31 March {year}; data year {start.day} {start:%B %Y} to "
            f"{end.day} {end:%B %Y}. Every figure is as published: "
            + (
                f"counts from 1 to {math.ceil(published.threshold) - 1} are shown as "
                f"{CONFIDENTIAL}, as is any figure that would reveal one."
                if published.threshold > 1
                else "disclosure control is turned off."
            )
        ),
        Heading("Executive summary", 1),
        Bullets(tuple(messages)),
        Heading("Recommendation", 1),
        Paragraph(
            f"The Board is asked to approve the {year} WRES and WDES figures in this paper for "
            "publication and for submission to NHS England, to note the key messages above, "
            "and to ask for an action plan that addresses them. [Edit this paragraph before "
            "the paper goes to the Board.]",
            style="edit",
        ),
    ]
    ctx = {
        "published": published,
        "organisation": organisation,
        "level": level,
        "beside": beside,
        "plain_words": plain_words,
        "charts": list(charts),
        "model_employer": employer,
        "trend": trend,
        "history_given": history_given,
    }
    for standard in ("WRES", "WDES"):
        blocks += _standard(ctx, standard)
    blocks += _declaration(declared)
    blocks += _missing(missing)
    blocks += _directorates(published, organisation, parents)
    blocks += _method(config, published, history_given)
    blocks += [PageBreak(), Heading("Appendix", 1)]
    blocks += _charts_appendix(list(charts))
    blocks += _metric1_appendix(published, organisation)
    blocks += _breakdown_appendix(published, organisation, level, parents, charts)
    blocks += _trend_appendix(trend, organisation, history_given)
    blocks += _national_appendix(beside)
    return Paper(title, tuple(blocks), tuple(f"{lead} {text}" for lead, text in messages))


__all__ = ["REPORT_UNITS", "build_paper"]
