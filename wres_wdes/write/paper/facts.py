"""What the board paper says beyond the figures themselves, each worked out from the
*published* rows only (:class:`~wres_wdes.write.publication.Published`), so nothing it
derives can reveal a suppressed count:

- the national figure beside the trust's (:func:`national_beside`), from
  ``reference/national_figures.csv``: NHS England's published national figures,
  each row citing ``reference/wres.md`` §9.2 or ``reference/wdes.md`` §10;
- the Model Employer gap (:func:`model_employer`): the focus group's share at
  each band from 8a against its share of the whole workforce, and how many more
  staff of the group each band would need for parity (*A Model Employer*, NHS
  England 2019: senior representation matching the workforce, ``wres.md`` §9.4;
  the same comparison for Disabled staff, as the issue asks: not an NHS target);
- declaration rates (:func:`declaration`): Unknown ethnicity and disability in
  ESR (metric 1) and the Staff Survey's Disabled share against ESR's;
- metrics that could not be computed, and why (:func:`not_computed`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ... import reference
from ...classify import FOCUS_GROUPS
from ...classify.bands import BANDS
from ...config import Config
from ...metrics.registry import REGISTRY
from ..headline import format_value
from ..publication import CONFIDENTIAL, Published

SENIOR_FROM = "band 8a"
"""*A Model Employer* looks at Agenda for Change band 8a and above (``wres.md`` §9.4)."""
SENIOR_CLUSTERS = ("cluster 3", "cluster 4")
"""WDES metric 1 clusters 3 (bands 8a–8b) and 4 (8c–9 and VSM): 8a and above (``wdes.md`` §3)."""

NATIONAL_FIGURES = {
    ("WRES", "1"): ("bme_share_workforce", "BME share of the workforce"),
    ("WRES", "2"): ("relative_likelihood", "White ÷ BME appointed from shortlisting"),
    ("WRES", "3"): ("relative_likelihood", "BME ÷ White entering formal disciplinary"),
    ("WRES", "9"): ("bme_share_board", "BME share of board members"),
    ("WDES", "1"): ("disabled_share_workforce", "Disabled share of the workforce (ESR)"),
    ("WDES", "2"): ("relative_likelihood", "Non-disabled ÷ Disabled appointed"),
    ("WDES", "3"): ("relative_likelihood", "Disabled ÷ Non-disabled entering capability"),
    ("WDES", "8"): ("adjustments_share", "Disabled staff whose adjustments were made"),
    ("WDES", "10"): ("disabled_share_board", "Disabled share of board members"),
}
"""The trust figures that have a published national counterpart, and what they are."""

INPUT_WORDS = {
    "staff": "no staff list",
    "applications": "no applications file (applications or applications_summary)",
    "disciplinary": "no disciplinary cases file",
    "capability": "no capability cases file",
    "training": "no training file",
    "leavers": "no leavers file",
    "board": "no board file",
    "survey": "no Staff Survey file (survey_responses or survey_results)",
}
INPUT_KEYS = {
    "applications": ("applications", "applications_summary"),
    "survey": ("survey_responses", "survey_results"),
}


def national_figures() -> pd.DataFrame:
    """``reference/national_figures.csv`` with numeric years and values."""
    table = reference.load("national_figures")
    return table.assign(year=table["year"].astype(int), value=table["value"].astype(float))


def _org(published: Published, organisation: str) -> pd.DataFrame:
    rows = published.rows
    return rows[(rows["organisation"] == organisation) & (rows["level"] == "organisation")]


def _at(frame: pd.DataFrame, index: object, column: str) -> Any:
    """One cell, as the value it holds (pandas' stubs type a cell as any scalar)."""
    return frame.at[index, column]


def _one(rows: pd.DataFrame, **match) -> int | None:
    sel = rows
    for column, value in match.items():
        sel = sel[sel[column] == value]
    return None if sel.empty else sel.index[0]


@dataclass(frozen=True)
class Beside:
    """A trust figure beside the latest national figure at or before its year."""

    standard: str
    metric: str
    what: str
    index: int
    trust: str
    national: str
    national_year: int
    source: str
    conflict: bool


def trust_figure(
    published: Published, organisation: str, standard: str, metric: str, board: str = "all"
):
    """The row of the trust figure that :data:`NATIONAL_FIGURES` compares, and its text
    as published (``[c]`` where hidden); ``None`` if the trust has no such figure.
    ``board`` is the board category a board share is of (``all`` or ``voting``), as the
    national figure it is compared with."""
    rows = _org(published, organisation)
    rows = rows[(rows["standard"] == standard) & (rows["metric"] == metric)]
    figure = NATIONAL_FIGURES[(standard, metric)][0]
    hidden = published.hidden
    if figure.endswith("_workforce"):
        group = "BME" if standard == "WRES" else "Disabled"
        index = _one(rows, category="all", group=group)
        column, scale = "value", 1.0
    elif figure.endswith("_board"):
        group = "BME" if standard == "WRES" else "Disabled"
        index = _one(rows, category=board, group=group)
        column, scale = "rate_group", 100.0
    elif figure == "adjustments_share":
        index = _one(rows, group="Disabled", statistic="percent")
        column, scale = "value", 1.0
    else:
        index = _one(rows, category="", statistic="relative_likelihood")
        column, scale = "value", 1.0
    if index is None:
        return None
    row = rows.loc[index]
    secret = bool(hidden.loc[index, "value"]) or (
        column == "rate_group" and bool(hidden.loc[index, "events_group"])
    )
    if secret:
        return index, CONFIDENTIAL
    value = row[column] * scale
    if pd.isna(value):
        return index, "–"
    statistic = "relative_likelihood" if figure == "relative_likelihood" else "percent"
    return index, format_value(statistic, value)


def national_beside(published: Published, organisation: str, year: int) -> list[Beside]:
    """Each trust figure with a national counterpart, beside the latest national figure
    published for a year at or before ``year`` (the year is shown with it)."""
    table = national_figures()
    out = []
    for (standard, metric), (figure, what) in NATIONAL_FIGURES.items():
        sel = table[
            (table["standard"] == standard)
            & (table["metric"] == metric)
            & (table["figure"] == figure)
            & (table["year"] <= year)
        ]
        if sel.empty:
            continue
        latest = sel.sort_values("year").iloc[-1]
        # a national board share of voting members sits beside the trust's voting row
        board = "voting" if "(voting)" in str(latest["shown"]) else "all"
        found = trust_figure(published, organisation, standard, metric, board)
        if found is None:
            continue
        out.append(
            Beside(
                standard,
                metric,
                what,
                found[0],
                found[1],
                str(latest["shown"]),
                int(latest["year"]),
                str(latest["source"]),
                latest["conflict"] == "yes",
            )
        )
    return out


@dataclass(frozen=True)
class SeniorBand:
    """One band (or cluster) from 8a up: the focus group's published count and share,
    and how many more of the group the band would need for parity with the workforce."""

    category: str
    group_count: str
    total: str
    share: str
    needed: str
    needed_number: int | None
    count_number: int | None
    total_number: int | None


@dataclass(frozen=True)
class ModelEmployer:
    """The Model Employer comparison for one standard's focus group (BME or Disabled)."""

    standard: str
    group: str
    workforce_share: float | None
    bands: tuple[SeniorBand, ...]


def _senior(category: str, standard: str) -> bool:
    block, _, suffix = category.partition("/")
    if block == "medical" or not suffix:
        return False
    if suffix in SENIOR_CLUSTERS:
        return True
    return suffix in BANDS and BANDS.index(suffix) >= BANDS.index(SENIOR_FROM)


def parity_need(workforce_share: float, count: int, total: int) -> int:
    """More staff of the group a band of ``total`` staff would need for its share to reach
    ``workforce_share`` (a percentage) with its headcount unchanged: the smallest whole
    number of people at or above parity, less those there now; 0 when at or above it."""
    target = math.ceil(workforce_share / 100 * total - 1e-9)
    return max(0, target - count)


def model_employer(published: Published, organisation: str, standard: str) -> ModelEmployer | None:
    """The Model Employer table of one standard (WRES: BME; WDES: Disabled)."""
    entry = next((m for m in REGISTRY if m.key == (standard, "1")), None)
    if entry is None:
        return None
    focus = FOCUS_GROUPS[entry.grouping]
    rows = _org(published, organisation)
    rows = rows[(rows["standard"] == standard) & (rows["metric"] == "1") & (rows["group"] == focus)]
    if rows.empty:
        return None
    hidden = published.hidden
    whole = _one(rows, category="all")
    share = None
    if whole is not None and not hidden.loc[whole, "value"]:
        share = float(_at(rows, whole, "value"))
    bands = []
    from ..order import category_order

    senior = [i for i in rows.index if _senior(rows.loc[i, "category"], standard)]
    senior.sort(
        key=lambda i: (
            str(_at(rows, i, "category")).split("/")[0],
            category_order(str(_at(rows, i, "category"))),
        )
    )
    for i in senior:
        row = rows.loc[i]
        count_hidden = bool(hidden.loc[i, "events_group"])
        total_hidden = bool(hidden.loc[i, "n_group"])
        count = None if count_hidden else int(row["events_group"])
        total = None if total_hidden else int(row["n_group"])
        needed = None
        if count is not None and total is not None and share is not None and total > 0:
            needed = parity_need(share, count, total)
        bands.append(
            SeniorBand(
                row["category"],
                CONFIDENTIAL if count is None else f"{count:,}",
                CONFIDENTIAL if total is None else f"{total:,}",
                CONFIDENTIAL
                if bool(hidden.loc[i, "value"])
                else format_value("percent", row["value"]),
                CONFIDENTIAL if needed is None else f"{needed:,}",
                needed,
                count,
                total,
            )
        )
    return ModelEmployer(standard, focus, share, tuple(bands))


@dataclass(frozen=True)
class Declaration:
    """How complete the equality data are: Unknown shares in ESR, and the survey's
    Disabled share against ESR's (both among those who answered)."""

    unknown_ethnicity: float | None
    unknown_disability: float | None
    esr_disabled_declared: float | None
    survey_disabled: float | None
    survey_metric: str


def declaration(published: Published, organisation: str) -> Declaration:
    """Declaration rates from metric 1 (ESR) and the Staff Survey rows, as published."""
    rows = _org(published, organisation)
    hidden = published.hidden

    def share(standard: str, group: str) -> float | None:
        i = _one(rows, standard=standard, metric="1", category="all", group=group)
        return None if i is None or hidden.loc[i, "value"] else float(_at(rows, i, "value"))

    def count(standard: str, group: str) -> float | None:
        i = _one(rows, standard=standard, metric="1", category="all", group=group)
        return (
            None
            if i is None or hidden.loc[i, "events_group"]
            else float(_at(rows, i, "events_group"))
        )

    disabled, non = count("WDES", "Disabled"), count("WDES", "Non-disabled")
    esr = None
    if disabled is not None and non is not None and disabled + non > 0:
        esr = 100 * disabled / (disabled + non)
    survey, metric = None, ""
    pairs = rows[
        (rows["standard"] == "WDES")
        & (rows["group"] == "Disabled")
        & (rows["reference_group"] == "Non-disabled")
        & rows["statistic"].isin(["difference_pp", "score_difference"])
    ]
    best = 0.0
    i: Any
    for i, row in pairs.iterrows():
        if hidden.loc[i, "n_group"] or hidden.loc[i, "n_reference"]:
            continue
        total = float(row["n_group"]) + float(row["n_reference"])
        if total > best:
            best, survey = total, 100 * float(row["n_group"]) / total
            metric = f"WDES {row['metric']}" + (f" ({row['category']})" if row["category"] else "")
    return Declaration(share("WRES", "Unknown"), share("WDES", "Unknown"), esr, survey, metric)


def _given(config: Config, source: str) -> bool:
    return any(k in config.inputs for k in INPUT_KEYS.get(source, (source,)))


def not_computed(published: Published, organisation: str, config: Config) -> list[tuple[str, str]]:
    """Each WRES indicator or WDES metric the paper cannot show, with the reason:
    its input was not given, the survey's groups were below its minimum, or (WDES
    9b) the config does not give the answer."""
    rows = _org(published, organisation)
    present = set(zip(rows["standard"], rows["metric"], strict=True))
    out = []
    for entry in REGISTRY:
        label = f"{entry.standard} {entry.metric}"
        if entry.key not in present:
            if not _given(config, entry.input):
                reason = INPUT_WORDS.get(entry.input, f"no {entry.input} input")
            elif entry.input == "survey":
                reason = (
                    f"fewer than {config.options.survey_minimum_respondents} respondents in a "
                    "group, the Staff Survey's minimum, so not published"
                )
            else:
                reason = f"the {entry.input} file gave no figure for it"
            out.append((label, reason))
            continue
        flags = rows.loc[
            (rows["standard"] == entry.standard) & (rows["metric"] == entry.metric), "flags"
        ]
        if entry.statistic == "yes_no" and flags.str.contains("not_provided").any():
            out.append((label, "its answer is not given in the config ([wdes9b] action_taken)"))
    return out


__all__ = [
    "NATIONAL_FIGURES",
    "Beside",
    "Declaration",
    "ModelEmployer",
    "SeniorBand",
    "declaration",
    "model_employer",
    "national_beside",
    "national_figures",
    "not_computed",
    "parity_need",
    "trust_figure",
]
