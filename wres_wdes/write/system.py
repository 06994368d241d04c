"""The system view of a run of several organisations: all of them side by side.

A system (ICS) or national analyst compares organisations, not units of one. The
``system`` folder holds, for every relative likelihood:

- ``funnel-<standard>-<metric>.png``: each organisation's ratio against its size,
  with 95% and 99.8% limits around the system's pooled figure (the usual way NHS
  analysts compare many providers; Spiegelhalter 2005);
- ``league-table.xlsx``: a ``Headline`` sheet (one row per organisation, one
  column per headline figure), one sheet per relative likelihood ranked by its
  value with counts, interval and flags, and a ``System`` sheet with the pooled
  figures;
- ``system.md``: the pooled figures in words, with the funnel plots.

The pooled system figure is the Mantel–Haenszel relative likelihood over the
organisations as strata (:func:`wres_wdes.stats.mantel_haenszel`), with Cochran's
Q test and I² of whether the organisations' ratios differ by more than chance
(heterogeneity): the pooling, homogeneity check and funnel view that
``reference/statistics-and-peers.md`` recommends for many units (the Biddle
"combined events" mode; NHS-R ``FunnelPlotR``). Two-year metrics (WRES 3, WDES 3:
``reference/wres.md`` §4, ``reference/wdes.md`` §5) are pooled on their person-year
counts (events and people over both years), as their intervals are.

These files hold every organisation's unsuppressed organisation-level figures,
for analysts: they are not marked for publication.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..classify import FOCUS_GROUPS
from ..metrics.registry import BY_KEY, REGISTRY
from ..results import Results, years_of
from .breakdown import write_cells
from .headline import figure_words, flag_words, format_value, interval_text
from .report import markdown_image
from .safe import document_date

if TYPE_CHECKING:
    from .plan import Output, Plan

SYSTEM_FOLDER = PurePosixPath("system")
LEAGUE_TABLE = "league-table.xlsx"
SYSTEM_REPORT = "system.md"


def organisation_likelihoods(frame: pd.DataFrame) -> pd.DataFrame:
    """Every organisation-level relative likelihood row (category ``""``)."""
    return frame[
        (frame["level"] == "organisation")
        & (frame["statistic"] == "relative_likelihood")
        & (frame["category"] == "")
    ]


def pooled(frame: pd.DataFrame, level: float = 0.95) -> pd.DataFrame:
    """The Mantel–Haenszel system figure of each relative likelihood, with heterogeneity.

    One row per ``standard, metric``: ``value``, ``ci_low``, ``ci_high``, ``p_value``,
    ``crude_value``, ``strata`` (organisations with people in both groups),
    ``q_statistic``, ``q_df``, ``homogeneity_p_value``, ``i_squared``, and the summed
    counts (``n_group``, ``events_group``, ``n_reference``, ``events_reference``,
    ``rate_reference``) that a funnel plot's limits need.
    """
    from ..stats import mantel_haenszel

    rows = organisation_likelihoods(frame)
    if rows.empty:
        return pd.DataFrame()
    years = years_of(rows["note"])  # two-year metrics pooled on person-years
    keys = rows["standard"] + " " + rows["metric"]
    result = mantel_haenszel(
        rows["events_group"].to_numpy(dtype=float) * years,
        rows["n_group"].to_numpy(dtype=float) * years,
        rows["events_reference"].to_numpy(dtype=float) * years,
        rows["n_reference"].to_numpy(dtype=float) * years,
        pool=keys.to_numpy(),
        level=level,
    )
    sums = (
        rows.assign(_key=keys.to_numpy())
        .groupby("_key")[["n_group", "events_group", "n_reference", "events_reference"]]
        .sum()
    )
    result = result.join(sums)
    result["rate_reference"] = result["events_reference"] / result["n_reference"]
    result.index.name = "key"
    result = result.reset_index()
    parts = result["key"].str.split(" ", n=1, expand=True)
    result.insert(0, "standard", parts[0])
    result.insert(1, "metric", parts[1])
    order = {m.key: i for i, m in enumerate(REGISTRY)}
    result["_order"] = [order.get(k, 99) for k in zip(result.standard, result.metric, strict=True)]
    return result.sort_values("_order").drop(columns=["_order", "key"]).reset_index(drop=True)


def _centre(system: pd.Series) -> pd.Series:
    """A pooled row in the shape :func:`~wres_wdes.write.charts.funnel_chart` reads."""
    return pd.Series(
        {
            "value": system["value"],
            "n_group": system["n_group"],
            "n_reference": system["n_reference"],
            "rate_reference": system["rate_reference"],
            "unit": "the system's pooled figure",
        }
    )


def _unsuppressed(frame: pd.DataFrame):
    """The organisation-level rows as a :class:`Published` with nothing hidden: the
    system view is for analysts."""
    from .publication import Published

    rows = frame[frame["level"] == "organisation"].reset_index(drop=True)
    hidden = pd.DataFrame(False, index=rows.index, columns=["value"])
    return Published(rows, hidden, 0)


def system_outputs(plan: Plan) -> list[Output]:
    """The system folder's files: funnel plots, the league table, the pooled figures.

    The charts are made (not drawn) here, once: one with nothing to show is left out,
    and ``system.md`` describes each from its alt text while other processes draw them.
    """
    from .charts import funnel_chart
    from .plan import Output

    frame = plan.frame
    system = pooled(frame, plan.config.options.confidence_level)
    organisations = _unsuppressed(frame)
    charts = []
    row: Any  # a row of the pooled table
    for row in system.itertuples(index=False):
        chart = funnel_chart(
            organisations,
            row.standard,
            row.metric,
            "organisation",
            _centre(pd.Series(row._asdict())),
            what="organisations",
        )
        if chart is not None:
            charts.append((SYSTEM_FOLDER / f"funnel-{row.standard}-{row.metric}.png", chart))
    outputs = [Output(path, chart.save, False, f"system {path.stem}") for path, chart in charts]

    def write_league(path: Path) -> None:
        write_league_table(frame, system, path, document_date(plan.config))

    def write_report(path: Path) -> None:
        path.write_text(system_markdown(frame, system, charts, plan), encoding="utf-8")

    outputs.append(Output(SYSTEM_FOLDER / LEAGUE_TABLE, write_league, False, "league table"))
    outputs.append(Output(SYSTEM_FOLDER / SYSTEM_REPORT, write_report, False, "system report"))
    return outputs


HEADLINE_METRICS = (
    ("WRES", "1"),
    ("WRES", "2"),
    ("WRES", "3"),
    ("WRES", "4"),
    ("WRES", "9"),
    ("WDES", "1"),
    ("WDES", "2"),
    ("WDES", "3"),
    ("WDES", "10"),
    ("WRES", "leaving"),
    ("WDES", "leaving"),
)
"""The metrics of the league table's ``Headline`` sheet, a column each: metric 1 as the
focus group's share (:data:`~wres_wdes.classify.FOCUS_GROUPS`), the board metrics for
voting members, the ratios in their registry direction."""


def headline_table(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per organisation, one column per headline figure (:data:`HEADLINE_METRICS`),
    headed as the printed headline names it (``WRES 2: White ÷ BME``)."""
    rows = Results(frame).headline()
    out = pd.DataFrame({"Organisation": list(dict.fromkeys(rows["organisation"]))})
    for key in HEADLINE_METRICS:
        entry = BY_KEY.get(key)
        sel = rows[(rows["standard"] == key[0]) & (rows["metric"] == key[1])]
        if entry is None or sel.empty:
            continue
        if key[1] == "1":
            sel = sel[sel["group"] == FOCUS_GROUPS[entry.grouping]]
        elif entry.input == "board":
            sel = sel[sel["category"] == "voting"]
        else:
            sel = sel[sel["category"] == ""]
        if sel.empty:
            continue
        heading = f"{key[0]} {key[1]}: {figure_words(sel.iloc[0])}"
        if sel["statistic"].iloc[0] == "difference_pp":
            heading += ", pp"
        values = sel.drop_duplicates("organisation").set_index("organisation")["value"]
        out[heading] = out["Organisation"].map(values)
    return out


def write_league_table(
    frame: pd.DataFrame, system: pd.DataFrame, path: Path, created: dt.datetime
) -> None:
    """The league-table workbook (XlsxWriter in memory: no temporary files)."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(
        str(path),
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    try:
        workbook.set_properties({"title": "WRES and WDES league table", "created": created})
        bold = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        ratio = workbook.add_format({"num_format": "0.00"})
        one = workbook.add_format({"num_format": "0.0"})
        count = workbook.add_format({"num_format": "#,##0"})

        def table(name: str, data: pd.DataFrame, formats: dict[str, object]) -> None:
            sheet = workbook.add_worksheet(name[:31])
            write_cells(sheet, data.reset_index(drop=True), 0, bold, formats)
            sheet.freeze_panes(1, 1)
            sheet.set_column(0, 0, 36)
            sheet.set_column(1, len(data.columns) - 1, 16)
            if len(data):
                sheet.autofilter(0, 0, len(data), len(data.columns) - 1)

        head = headline_table(frame)
        table(
            "Headline",
            head,
            {h: (one if "%" in h or "pp" in h else ratio) for h in head.columns[1:]},
        )
        if len(system):
            view = system[
                [
                    "standard",
                    "metric",
                    "value",
                    "ci_low",
                    "ci_high",
                    "p_value",
                    "crude_value",
                    "strata",
                    "q_statistic",
                    "homogeneity_p_value",
                    "i_squared",
                ]
            ].rename(
                columns={
                    "value": "pooled ratio (Mantel-Haenszel)",
                    "crude_value": "crude ratio (summed counts)",
                    "strata": "organisations",
                    "q_statistic": "Cochran's Q",
                    "homogeneity_p_value": "heterogeneity p",
                    "i_squared": "I² (%)",
                }
            )
            table("System", view, {c: ratio for c in view.columns[2:]})
        likelihoods = organisation_likelihoods(frame)
        for (standard, metric), rows in likelihoods.groupby(["standard", "metric"], sort=False):
            entry = BY_KEY.get((str(standard), str(metric)))
            ranked = rows.sort_values("value", ascending=False, na_position="last")
            view = pd.DataFrame(
                {
                    "Organisation": ranked["organisation"].to_numpy(),
                    "Rank": np.arange(1, len(ranked) + 1),
                    f"{entry.group if entry else 'group'}: people": ranked["n_group"].to_numpy(),
                    f"{entry.group if entry else 'group'}: events": ranked[
                        "events_group"
                    ].to_numpy(),
                    f"{entry.reference_group if entry else 'reference'}: people": ranked[
                        "n_reference"
                    ].to_numpy(),
                    f"{entry.reference_group if entry else 'reference'}: events": ranked[
                        "events_reference"
                    ].to_numpy(),
                    "Relative likelihood": ranked["value"].to_numpy(),
                    "Lower limit": ranked["ci_low"].to_numpy(),
                    "Upper limit": ranked["ci_high"].to_numpy(),
                    "Flags": ranked["flags"].fillna("").map(flag_words).to_numpy(),
                }
            )
            formats = {c: count for c in view.columns[2:6]}
            formats.update({c: ratio for c in view.columns[6:9]})
            table(f"{standard} {metric}", view, formats)
    finally:
        workbook.close()


def system_markdown(frame: pd.DataFrame, system: pd.DataFrame, charts, plan: Plan) -> str:
    """``system.md``: the pooled figures, their heterogeneity, and the funnel plots."""
    from tabulate import tabulate

    organisations = frame["organisation"].nunique()
    lines = [
        f"# WRES and WDES {plan.config.year}: {organisations} organisations side by side\n",
        "Each relative likelihood pooled over the organisations (Mantel–Haenszel, with "
        "Cochran's Q and I² for whether the organisations differ by more than chance), "
        "then each organisation's figure on a funnel plot with 95% and 99.8% limits "
        "around the pooled figure. Every organisation's own figures are in "
        "`league-table.xlsx` and `../metrics.csv`. Not for publication: the figures are "
        "unsuppressed.\n",
    ]
    if len(system):
        table = []
        row: Any  # a row of the pooled table
        for row in system.itertuples(index=False):
            entry = BY_KEY.get((row.standard, row.metric))
            table.append(
                [
                    f"{row.standard} {row.metric}",
                    entry.direction if entry else "",
                    format_value("relative_likelihood", row.value),
                    interval_text("relative_likelihood", row.ci_low, row.ci_high),
                    int(row.strata),
                    f"{row.i_squared:.0f}%" if pd.notna(row.i_squared) else "",
                    f"{row.homogeneity_p_value:.3g}" if pd.notna(row.homogeneity_p_value) else "",
                ]
            )
        lines.append(
            tabulate(
                table,
                headers=[
                    "metric",
                    "direction",
                    "pooled",
                    f"{plan.config.options.confidence_level:.0%} interval",
                    "organisations",
                    "I²",
                    "heterogeneity p",
                ],
                tablefmt="pipe",
                disable_numparse=True,
            )
        )
        lines.append("")
    for path, chart in charts:
        lines.append(markdown_image(path.name, chart.alt))
    return "\n".join(lines) + "\n"
