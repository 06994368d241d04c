"""WRES indicator 1 and WDES metric 1: the workforce by band, and by cluster.

For each unit, category and group: the group's headcount in the category
(``events_group``), the category's headcount (``n_group``) and the percentage
(``value``), compared with the group's share of the unit's whole workforce
(``events_reference`` of ``n_reference``, ``rate_reference``).

Categories (``metrics.csv`` contract): ``clinical/band 5``, ``non-clinical/vsm``,
``medical/consultant`` (WRES 1 layout, ``reference/wres.md`` §6: non-clinical
and clinical AfC bands 1–9 with 8a–8d and VSM; medical and dental subgroups);
for WDES 1 also ``clinical/cluster 2`` … (``reference/wdes.md`` §3: clusters 1–4
AfC, 5–7 medical); ``clinical/all``, ``non-clinical/all``, ``medical/all``; and
``all``, the whole workforce. Headcount, not FTE (wres.md §6, derived). Staff
whose band or category cannot be classified are still counted, under
``…/band unknown`` or ``unknown/…``, so every person is in ``all``.
"""

from __future__ import annotations

import pandas as pd

from ..config import Options
from ..counts import RECORDS, UNIT_KEYS, level_counts
from ..measure import percent_rows
from .registry import Metric

GROUPS = {
    "ethnicity": ["White", "BME", "Unknown"],
    "disability": ["Disabled", "Non-disabled", "Unknown"],
}
GROUP_COLUMN = {"ethnicity": "ethnic_group", "disability": "disability_group"}

WORKFORCE_KEYS = ("staff_category", "band", "medical_subgroup", "wdes_cluster")
"""The staff columns metric 1 counts by, besides the unit and the group."""


def _labels(counts: pd.DataFrame) -> pd.DataFrame:
    """Staff category, band label and cluster label of each row of a count table.

    Works on the (small) count table, not on the staff list, so that a national
    run labels a few thousand rows rather than 1.5 million.
    """
    category = (
        counts["staff_category"].astype("string").fillna("unknown").replace("Unknown", "unknown")
    )
    band = counts["band"].astype("string")
    subgroup = counts["medical_subgroup"].astype("string")
    medical = (category == "medical").to_numpy()
    label = band.fillna("band unknown").mask(medical, subgroup.fillna("other"))
    cluster = counts["wdes_cluster"].astype("Int64").astype("string")
    cluster_label = ("cluster " + cluster).fillna("cluster unknown")
    return counts.assign(staff_category=category, band_label=label, cluster_label=cluster_label)


def workforce_counts(
    staff: pd.DataFrame, levels: tuple[str, ...], grouping: str, extra_keys: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Headcount by unit, staff category, band, cluster and group (one group-by per level).

    ``staff`` may be the staff list or its :func:`~wres_wdes.counts.compact` form
    over :data:`WORKFORCE_KEYS`.
    """
    columns = WORKFORCE_KEYS
    carried = [lv for lv in levels if lv in staff] + [c for c in (RECORDS,) if c in staff]
    frame = staff[["organisation", *carried, *extra_keys]].copy()
    for column in columns:
        frame[column] = staff.get(column, pd.NA)
    frame["group"] = _group(staff, grouping)
    counts = level_counts(frame, levels, [*extra_keys, *columns, "group"])
    return _labels(counts)


def _group(staff: pd.DataFrame, grouping: str) -> pd.Series:
    column = GROUP_COLUMN[grouping]
    if column not in staff:
        return pd.Series("Unknown", index=staff.index)
    group = staff[column]
    if isinstance(group.dtype, pd.CategoricalDtype):
        if "Unknown" not in group.cat.categories:
            group = group.cat.add_categories("Unknown")
        return group.fillna("Unknown")
    return group.astype("string").fillna("Unknown")


def _category_counts(
    counts: pd.DataFrame, by_cluster: bool, extra_keys: tuple[str, ...]
) -> pd.DataFrame:
    """Sum the headcounts up to each reporting category."""
    keys = [*UNIT_KEYS, *extra_keys]
    parts = [
        counts.assign(category=counts["staff_category"] + "/" + counts["band_label"]),
        counts.assign(category=counts["staff_category"] + "/all"),
        counts.assign(category="all"),
    ]
    if by_cluster:
        parts.insert(
            1, counts.assign(category=counts["staff_category"] + "/" + counts["cluster_label"])
        )
    long = pd.concat(parts, ignore_index=True)
    return (
        long.groupby([*keys, "category", "group"], sort=False, observed=True)["count"]
        .sum()
        .reset_index()
    )


def metric1_rows(
    metric: Metric,
    staff: pd.DataFrame,
    levels: tuple[str, ...],
    options: Options,
    extra_keys: tuple[str, ...] = (),
) -> pd.DataFrame:
    """WRES 1 (by band) or WDES 1 (by band and by cluster) for every unit.

    Parameters
    ----------
    metric
        ``WRES 1`` or ``WDES 1`` from the registry; its grouping picks the groups.
    staff
        The census staff list (bank-only staff already excluded unless configured),
        with an ``organisation`` column.
    """
    groups = GROUPS[metric.grouping]
    counts = workforce_counts(staff, levels, metric.grouping, extra_keys)
    by_category = _category_counts(
        counts, by_cluster=metric.standard == "WDES", extra_keys=extra_keys
    )
    keys = [*UNIT_KEYS, *extra_keys]
    wide = by_category.pivot_table(
        index=[*keys, "category"],
        columns="group",
        values="count",
        aggfunc="sum",
        fill_value=0,
        observed=True,
    )
    wide = wide.reindex(columns=groups, fill_value=0)
    wide.columns = [f"events_{g}" for g in wide.columns]
    wide["n"] = wide.sum(axis=1)
    wide = wide.reset_index()
    totals = wide[wide["category"] == "all"].drop(columns="category")
    totals = totals.rename(
        columns={"n": "n_total", **{f"events_{g}": f"events_total_{g}" for g in groups}}
    )
    wide = wide.merge(totals, on=keys, how="left")
    if extra_keys:
        wide = wide.rename(columns={extra_keys[0]: "split"})
    return percent_rows(metric, wide, groups, options)
