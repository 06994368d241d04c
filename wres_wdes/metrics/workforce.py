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

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..classify import GROUPS
from ..config import Options
from ..counts import RECORDS, UNIT_KEYS, level_counts
from ..measure import percent_rows
from .registry import Metric

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
    frame["group"] = group_of(staff, grouping)
    counts = level_counts(frame, levels, [*extra_keys, *columns, "group"])
    return _labels(counts)


def group_of(frame: pd.DataFrame, grouping: str) -> pd.Series:
    """Each row's group in ``grouping`` (``ethnicity`` or ``disability``), missing as Unknown.

    Unknown throughout when the frame has no such column; a categorical column stays
    categorical, since at national scale it is millions of rows.
    """
    column = GROUP_COLUMN[grouping]
    if column not in frame:
        return pd.Series("Unknown", index=frame.index)
    group = frame[column]
    if isinstance(group.dtype, pd.CategoricalDtype):
        if "Unknown" not in group.cat.categories:
            group = group.cat.add_categories("Unknown")
        return group.fillna("Unknown")
    return group.astype("string").fillna("Unknown")


def _sorted_codes(values: pd.Series | np.ndarray) -> tuple[np.ndarray, pd.Index]:
    """Codes 0…k-1 of a label column in sorted order of the labels, and the labels."""
    codes, labels = pd.factorize(pd.Series(values).astype("str"))  # Arrow's hash, no sort
    labels = pd.Index(labels, dtype="str")
    order = labels.argsort()
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank[codes], labels.take(order)


def _by_category(
    counts: pd.DataFrame, groups: Sequence[str], by_cluster: bool, extra_keys: tuple[str, ...]
) -> pd.DataFrame:
    """Headcounts summed up to each reporting category, one row per unit and category.

    Every count row adds to four categories (``clinical/band 5``, ``clinical/all``,
    ``all`` and, for WDES, ``clinical/cluster 2``). The result has
    ``events_<group>`` for each group, ``n`` (the category's headcount) and the unit's
    whole-workforce ``events_total_<group>`` and ``n_total``, sorted by unit and
    category. Computed on integer codes: at national scale the count table has
    hundreds of thousands of rows and text group-bys over it took most of a second.
    """
    keys = [*UNIT_KEYS, *extra_keys]
    category = counts["staff_category"].astype("str")
    labels = [category + "/" + counts["band_label"].astype("str")]
    if by_cluster:
        labels.append(category + "/" + counts["cluster_label"].astype("str"))
    labels += [category + "/all", pd.Series("all", index=counts.index)]
    parts = len(labels)
    unit_codes = [_sorted_codes(counts[k]) for k in keys]
    dims = [len(names) for _, names in unit_codes]
    unit = (
        np.ravel_multi_index([c for c, _ in unit_codes], dims)
        if len(counts)
        else np.zeros(0, dtype=np.int64)
    )
    category_code, categories = _sorted_codes(pd.concat(labels, ignore_index=True))
    group_code = pd.Categorical(counts["group"].astype("str"), categories=pd.Index(groups)).codes
    key = np.tile(unit, parts) * len(categories) + category_code
    present, row = np.unique(key, return_inverse=True)
    known = np.tile(group_code >= 0, parts)
    cells = row[known] * len(groups) + np.tile(group_code, parts)[known]
    weights = np.tile(counts["count"].to_numpy(dtype=np.float64), parts)[known]
    events = np.bincount(cells, weights=weights, minlength=len(present) * len(groups))
    events = events.reshape(len(present), len(groups)).astype(np.int64)
    unit_of, category_of = np.divmod(present, len(categories))
    positions = np.unravel_index(unit_of, dims)
    out = pd.DataFrame({k: unit_codes[i][1].take(positions[i]) for i, k in enumerate(keys)})
    out["category"] = categories.take(category_of)
    for i, g in enumerate(groups):
        out[f"events_{g}"] = events[:, i]
    out["n"] = events.sum(axis=1)
    # the unit's whole workforce: its row of category "all" (every unit has one)
    is_total = np.asarray(categories == "all")[category_of]
    total_row = np.zeros(int(unit_of.max()) + 1 if len(unit_of) else 0, dtype=np.int64)
    total_row[unit_of[is_total]] = np.flatnonzero(is_total)
    for i, g in enumerate(groups):
        out[f"events_total_{g}"] = events[total_row[unit_of], i]
    out["n_total"] = out["n"].to_numpy()[total_row[unit_of]]
    return out


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
    wide = _by_category(counts, groups, by_cluster=metric.standard == "WDES", extra_keys=extra_keys)
    if extra_keys:
        wide = wide.rename(columns={extra_keys[0]: "split"})
    return percent_rows(metric, wide, groups, options, census=True)
