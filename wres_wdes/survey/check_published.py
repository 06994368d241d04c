"""Check published survey figures (``survey_results``) and spell them as ``metrics.csv`` does.

Errors, each naming file, row, column (as headed) and value: a standard,
metric, category or group that is not a staff survey figure (WRES 5–8; WDES
4a–9a; WDES 4a needs its category ``public``, ``managers`` or ``colleagues``;
WDES 8 is for Disabled staff only), an engagement score outside 0–10, and the
same figure given twice for a unit. Labels are accepted loosely: ``bme``,
``BAME``, ``Non disabled``, ``patients`` (for the public category), ``All
staff`` (9a's organisation score).

A ``percent`` is turned into a count of respondents, ``round(percent ×
respondents / 100)``: exact for a percentage published to one decimal place
for up to 1,000 respondents. For WDES 9a the score is read from a ``score``
column (not yet in the input contract), else from ``percent``; an ``sd``
column, if any, gives its interval.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..classify import DISABILITY_GROUPS, ETHNIC_GROUPS
from ..problems import Problem, row_problems
from .questions import question_map

SURVEY_METRICS = {"WRES": ("5", "6", "7", "8"), "WDES": ("4a", "4b", "5", "6", "7", "8", "9a")}
GROUP_NAMES = {
    "white": "White",
    "bme": "BME",
    "bame": "BME",
    "disabled": "Disabled",
    "nondisabled": "Non-disabled",
    "notdisabled": "Non-disabled",
    "unknown": "Unknown",
    "all": "All",
    "allstaff": "All",
    "overall": "All",
    "organisation": "All",
}
CATEGORY_NAMES = {
    "public": "public",
    "patients": "public",
    "patientspublic": "public",
    "patientsrelativesorthepublic": "public",
    "managers": "managers",
    "manager": "managers",
    "colleagues": "colleagues",
    "othercolleagues": "colleagues",
    "colleague": "colleagues",
}


def _folded(series: pd.Series) -> pd.Series:
    return series.astype("string").str.lower().str.replace(r"[^0-9a-z]", "", regex=True)


def allowed_categories(standard: str, metric: str) -> tuple[str, ...]:
    """The categories of a survey figure in ``metrics.csv`` (``("",)`` when none)."""
    if metric == "9a":
        return ("",)
    table = question_map()
    rows = table[(table["standard"] == standard) & (table["metric"] == metric)]
    return tuple(dict.fromkeys(rows["category"])) or ("",)


def allowed_groups(standard: str, metric: str) -> tuple[str, ...]:
    """Groups a published figure may have (Unknown is accepted and not used)."""
    if standard == "WRES":
        return ETHNIC_GROUPS
    if metric == "8":
        return ("Disabled", "Unknown")
    extra = ("All",) if metric == "9a" else ()
    return (*DISABILITY_GROUPS, *extra)


def check_results(
    frame: pd.DataFrame, source: str, origin: Mapping[str, str], levels: tuple[str, ...]
) -> tuple[pd.DataFrame, list[Problem]]:
    """The figures spelt as in ``metrics.csv``, ``positive`` and ``score`` filled; problems."""
    problems: list[Problem] = []
    out = frame.copy()
    out["standard"] = out["standard"].astype("string").str.strip().str.upper()
    metric = out["metric"].astype("string").str.strip().str.lower()
    out["metric"] = metric.str.replace(r"^(\d+)\.0+$", r"\1", regex=True)
    category = (
        _folded(out["category"]).fillna("")
        if "category" in out
        else pd.Series("", index=out.index, dtype="string")
    )
    out["category"] = category.map(lambda c: CATEGORY_NAMES.get(c, c)).astype("string")
    out["group"] = _folded(out["group"]).map(GROUP_NAMES).astype("string")

    def error(mask: pd.Series, column: str, rule: str) -> None:
        mask = mask.fillna(False).astype(bool)
        if mask.any() and column in frame:
            rows = out.index[mask.to_numpy()]
            problems.extend(
                row_problems(
                    "error",
                    source,
                    origin.get(column, column),
                    rows,
                    frame[column],
                    rule,
                    code="invalid-value",
                )
            )

    figures = "; ".join(f"{s} " + ", ".join(ms) for s, ms in SURVEY_METRICS.items())
    standard_ok = out["standard"].isin(list(SURVEY_METRICS)).fillna(False)
    known = pd.Series(
        [
            m in SURVEY_METRICS.get(s, ())
            for s, m in zip(out["standard"].fillna(""), out["metric"].fillna(""), strict=True)
        ],
        index=out.index,
        dtype=bool,  # an empty file: still a mask, never a list of column names
    )
    error(~standard_ok, "standard", "standard must be WRES or WDES")
    error(standard_ok & ~known, "metric", f"metric must name a staff survey figure: {figures}")
    for (standard, metric_id), rows in out[known].groupby(["standard", "metric"]):
        categories = allowed_categories(str(standard), str(metric_id))
        want = (
            " or ".join(categories)
            if categories != ("",)
            else "blank (this figure has no categories)"
        )
        bad = out.index.isin(rows.index[~rows["category"].isin(categories)])
        if bad.any() and "category" not in frame:
            problems.append(
                Problem.error(
                    source,
                    None,
                    "category",
                    None,
                    f"{standard} {metric_id} rows need a category column: {want}",
                    code="missing-category",
                )
            )
        error(
            pd.Series(bad, index=out.index),
            "category",
            f"category of {standard} {metric_id} must be {want}",
        )
        groups = allowed_groups(str(standard), str(metric_id))
        bad = out.index.isin(rows.index[~rows["group"].isin(groups).fillna(False)])
        error(
            pd.Series(bad, index=out.index),
            "group",
            f"group of {standard} {metric_id} must be " + ", ".join(groups),
        )

    is_score = (out["metric"] == "9a").fillna(False)
    positive = (
        out["positive"].astype("Float64")
        if "positive" in out
        else pd.Series(pd.NA, index=out.index, dtype="Float64")
    )
    if "percent" in out:
        # a published percentage back to a count: the nearest whole number of respondents
        share = out["percent"].astype("Float64") * out["respondents"].astype("Float64") / 100
        positive = positive.fillna(share.round())
    out["positive"] = positive.mask(is_score)
    score = (
        pd.to_numeric(out["score"], errors="coerce")
        if "score" in out
        else pd.Series(float("nan"), index=out.index)
    )
    if "percent" in out:
        score = score.fillna(out["percent"].astype("float64"))
    out["score"] = score.where(is_score)
    error(
        is_score & ~out["score"].between(0, 10),
        "score" if "score" in frame else "percent",
        "the engagement score (WDES 9a) must be between 0 and 10",
    )

    units = [c for c in dict.fromkeys(("organisation", "directorate", "unit", *levels)) if c in out]
    key = [*units, "standard", "metric", "category", "group"]
    duplicated = out[key].astype("string").fillna("").duplicated(keep="first") & known
    error(
        duplicated,
        "group",
        "the same figure (standard, metric, category, group and unit) is given on an earlier row",
    )
    return out, problems
