"""Published survey figures → count tables, the same shape as respondent-level counts.

A published figure is a group's base (``respondents``) and its positive count
(``positive``, or ``percent`` of the base rounded to whole respondents by
:mod:`wres_wdes.survey.check`). Figures enter as counts directly
(``DESIGN.md``, principle 1), unit by unit: a row's level is the finest
breakdown column it fills (``directorate`` for a row naming only a
directorate, ``unit`` for a row naming a unit), the organisation when it fills
none. Rows at a level not in ``breakdown.levels`` are not used. Published
figures are never added up across units: a published organisation figure is
taken as published.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..counts import UNIT_KEYS
from ..metrics.registry import Metric
from .respondents import metric_groups

UNIT_COLUMNS = ("directorate", "unit")


def _levels(frame: pd.DataFrame, levels: tuple[str, ...]) -> tuple[pd.Series, pd.Series]:
    """Each row's level (finest filled unit column) and unit."""
    order = [c for c in dict.fromkeys((*levels, *UNIT_COLUMNS)) if c in frame]
    level = pd.Series("organisation", index=frame.index, dtype=object)
    unit = frame["organisation"].astype("string").astype(object)
    for column in order:  # coarse to fine: a finer filled column wins
        filled = frame[column].notna() & (frame[column].astype("string").str.strip() != "")
        hit = filled.fillna(False).to_numpy(dtype=bool)
        level = level.mask(hit, column)
        unit = unit.mask(hit, frame[column].astype("string").astype(object))
    return level, unit


def published_rows(metric: Metric, frame: pd.DataFrame, levels: tuple[str, ...]) -> pd.DataFrame:
    """This metric's published rows, one per unit, category and group, with its level."""
    rows = frame[(frame["standard"] == metric.standard) & (frame["metric"] == metric.metric)]
    level, unit = _levels(rows, levels)
    out = pd.DataFrame(
        {
            "organisation": rows["organisation"].astype(str).to_numpy(),
            "level": level.to_numpy(),
            "unit": unit.astype(str).to_numpy(),
            "category": rows["category"].fillna("").astype(str).to_numpy(),
            "group": rows["group"].astype(str).to_numpy(),
            "n": rows["respondents"].astype("float64").to_numpy(),
            "events": rows["positive"].astype("float64").to_numpy(),
            "score": rows["score"].astype("float64").to_numpy() if "score" in rows else np.nan,
            "sd": pd.to_numeric(rows["sd"], errors="coerce").to_numpy() if "sd" in rows else np.nan,
        }
    )
    return out[out["level"].isin(["organisation", *levels])]


def published_counts(
    metric: Metric, frame: pd.DataFrame, levels: tuple[str, ...]
) -> pd.DataFrame | None:
    """The count table of one percentage figure from published figures.

    Returns the columns of
    :func:`~wres_wdes.survey.respondents.respondent_counts`; a group missing
    from a unit's figures has 0 respondents there (so its figures are not
    calculable). None when the file has no row of this figure.
    """
    rows = published_rows(metric, frame, levels)
    groups = metric_groups(metric)
    rows = rows[rows["group"].isin(groups)]
    if rows.empty:
        return None
    keys = [*UNIT_KEYS, "category"]
    wide = rows.pivot_table(
        index=keys, columns="group", values=["n", "events"], aggfunc="sum", fill_value=0
    )
    wide = wide.reindex(columns=pd.MultiIndex.from_product([["n", "events"], groups]), fill_value=0)
    wide.columns = [f"{c[0]}_{c[1]}" for c in wide.columns]  # (value, group) pairs
    return wide.reset_index()
