"""A recruitment summary's ``group`` column: which grouping and which group each row is.

A summary gives counts by group (``applications_summary``) rather than one row per
application; both forms give identical figures (tested).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

import pandas as pd

from . import classify
from .problems import Problem, row_problems


def summary_groups(
    frame: pd.DataFrame, source: str, origin: Mapping[str, str], problems: list[Problem]
) -> pd.DataFrame:
    """Classify the ``group`` of a recruitment summary to a grouping and a group.

    Accepts the group names of ``metrics.csv`` (White, BME, Disabled,
    Non-disabled, Unknown) and anything the ethnicity or disability classifiers
    recognise. An optional ``grouping`` column (``ethnicity`` or ``disability``)
    says which an Unknown row belongs to.
    """
    text = frame["group"].astype("string").str.strip()
    folded = text.str.lower().str.replace(r"[^a-z]", "", regex=True)
    names = {
        "white": ("ethnicity", "White"),
        "bme": ("ethnicity", "BME"),
        "bame": ("ethnicity", "BME"),
        "disabled": ("disability", "Disabled"),
        "nondisabled": ("disability", "Non-disabled"),
        "notdisabled": ("disability", "Non-disabled"),
    }
    grouping = folded.map({k: v[0] for k, v in names.items()}).astype("string")
    group = folded.map({k: v[1] for k, v in names.items()}).astype("string")
    given = pd.Series(pd.NA, index=frame.index, dtype="string")
    if "grouping" in frame:
        given = frame["grouping"].astype("string").str.strip().str.lower()
        given = given.where(given.isin(["ethnicity", "disability"]))
    grouping = grouping.fillna(given)
    # one column classified: its values are a Series (Classified.values)
    eth = cast(pd.Series, classify.ethnic_group(text).values).astype("string")
    dis = cast(pd.Series, classify.disability_group(text).values).astype("string")
    rest = group.isna()
    as_disability = rest & (
        (grouping == "disability").fillna(False)
        | (grouping.isna() & (eth == "Unknown") & (dis != "Unknown"))
    )
    as_ethnicity = (
        rest & ~as_disability & ((grouping == "ethnicity").fillna(False) | (eth != "Unknown"))
    )
    grouping = grouping.mask(as_disability, "disability").mask(as_ethnicity, "ethnicity")
    group = group.mask(as_disability, dis).mask(as_ethnicity, eth)
    ambiguous = grouping.isna()
    if ambiguous.any():
        problems += row_problems(
            "error",
            source,
            origin.get("group", "group"),
            frame.index[ambiguous.to_numpy()],
            frame["group"],
            "group must be White, BME, Disabled, Non-disabled or Unknown; for an Unknown "
            "row add a grouping column saying ethnicity or disability",
            code="ambiguous-group",
        )
    out = frame.copy()
    out["grouping"] = grouping.astype("string")
    out["group"] = group.astype("string")
    return out
