"""Count tables: for every unit and group, the population and the events.

Counts are the interface between the data and the statistics (``DESIGN.md``,
principle 1). Record-level inputs are reduced here with one vectorised group-by
per level; summary inputs arrive as counts already. A warehouse could produce
the same tables with SQL and the rest of the library would not change.

A count table has the columns ``organisation, level, unit``, then the keys asked
for (``group``, ``category`` …), then one column per counted quantity. Level
``organisation`` has the organisation as its unit; every other level is a column
of the inputs (``directorate``, ``unit`` …) whose values are the units. A unit
left blank in the data is counted as ``(not recorded)``, so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
from pandas.api.types import union_categoricals

NOT_RECORDED = "(not recorded)"

UNIT_KEYS = ("organisation", "level", "unit")


def with_organisation(frame: pd.DataFrame, organisation_name: str) -> pd.DataFrame:
    """The frame with an ``organisation`` column (the config's name where absent or blank)."""
    if "organisation" in frame:
        org = frame["organisation"]
        if org.isna().any():
            org = org.astype("string").fillna(organisation_name)
        return frame.assign(organisation=org)
    return frame.assign(organisation=organisation_name)


def level_counts(
    frame: pd.DataFrame,
    levels: Sequence[str],
    keys: Sequence[str],
    sums: Mapping[str, str] | None = None,
    size: str | None = "count",
) -> pd.DataFrame:
    """Count rows (or sum columns) by unit at every level, and by ``keys``.

    Parameters
    ----------
    frame
        Records with an ``organisation`` column (see :func:`with_organisation`),
        the level columns and the key columns.
    levels
        Breakdown columns below the organisation, e.g. ``["directorate", "unit"]``.
        A level that is not a column of ``frame`` is skipped: that input has no
        breakdown at that level (a recruitment extract without units, say).
    keys
        Further columns to count by, e.g. ``["group"]`` or ``["category", "group"]``.
    sums
        Output column name to an input column to sum (booleans count the True rows).
    size
        Name of the row-count column, or ``None`` for none.

    Returns
    -------
    pandas.DataFrame
        ``organisation, level, unit, *keys, <counts>``, one row per combination
        present in the data.
    """
    sums = dict(sums or {})
    present = [lv for lv in levels if lv in frame]
    columns = list(dict.fromkeys(["organisation", *present, *keys, *sums.values()]))
    sub = frame[columns]
    fills = {
        lv: sub[lv].astype("string").fillna(NOT_RECORDED) for lv in present if sub[lv].isna().any()
    }
    if fills:
        sub = sub.assign(**fills)
    # one pass over the records at the finest grain; every level is then a roll-up
    # of that (small) table
    finest = ["organisation", *present, *keys]
    grouped = sub.groupby(finest, observed=True, sort=False, dropna=False)
    fine = pd.DataFrame(index=grouped.size().index)
    if size:
        fine[size] = grouped.size()
    for name, column in sums.items():
        fine[name] = grouped[column].sum()
    fine = fine.reset_index()
    values = ([size] if size else []) + list(sums)
    parts = []
    for level in ("organisation", *present):
        by = ["organisation"] if level == "organisation" else ["organisation", level]
        out = (
            fine.groupby([*by, *keys], observed=True, sort=False, dropna=False)[values]
            .sum()
            .reset_index()
        )
        unit = out["organisation"] if level == "organisation" else out[level]
        out = out.drop(columns=[level] if level != "organisation" else [])
        out.insert(1, "level", level)
        out.insert(2, "unit", unit.astype(str).to_numpy())
        out["organisation"] = out["organisation"].astype(str)
        parts.append(out)
    return pd.concat(parts, ignore_index=True)


def _text_array(series: pd.Series) -> pa.Array:
    """A column as one Arrow string array, whatever its pandas dtype."""
    array = pa.array(series, from_pandas=True)
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks() if array.num_chunks else pa.array([], type=array.type)
    return array.cast(pa.string())


def _joint_codes(left: pd.Series, right: pd.Series) -> tuple[np.ndarray, np.ndarray, int]:
    """Integer codes of two columns over their common set of values, and its size."""
    if isinstance(left.dtype, pd.CategoricalDtype) and isinstance(right.dtype, pd.CategoricalDtype):
        both = union_categoricals([right.array, left.array], ignore_order=True)
        codes = both.codes.astype(np.int64)
        return codes[len(right) :], codes[: len(right)], len(both.categories)
    encoded = pa.concat_arrays([_text_array(right), _text_array(left)]).dictionary_encode()
    codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
    return codes[len(right) :], codes[: len(right)], len(encoded.dictionary)


def key_positions(left: pd.DataFrame, right: pd.DataFrame, on: Sequence[str]) -> np.ndarray:
    """For each row of ``left``, the first row of ``right`` with the same key, or -1.

    The key (``person_id``, within ``organisation`` when given) is reduced to one
    integer per row, so the look-up is a sort and a binary search over integers
    rather than a hash of millions of strings.
    """
    left_key = np.zeros(len(left), dtype=np.int64)
    right_key = np.zeros(len(right), dtype=np.int64)
    missing_left = np.zeros(len(left), dtype=bool)
    for column in on:
        lc, rc, size = _joint_codes(left[column], right[column])
        missing_left |= lc < 0
        left_key = left_key * (size + 1) + (lc + 1)
        right_key = right_key * (size + 1) + (rc + 1)
    if len(right_key) == 0:
        return np.full(len(left), -1, dtype=np.int64)
    unique, first = np.unique(right_key, return_index=True)
    where = np.minimum(np.searchsorted(unique, left_key), len(unique) - 1)
    hit = (unique[where] == left_key) & ~missing_left
    return np.where(hit, first[where], -1).astype(np.int64)


def widen_groups(
    counts: pd.DataFrame, keys: Sequence[str], groups: Sequence[str], values: Sequence[str]
) -> pd.DataFrame:
    """One row per unit (and key), with ``<value>_<group>`` columns; absent counts are 0.

    ``counts`` must have a ``group`` column; ``keys`` are the other key columns.
    """
    index = [*UNIT_KEYS, *keys]
    wide = counts.pivot_table(
        index=index,
        columns="group",
        values=list(values),
        aggfunc="sum",
        fill_value=0,
        observed=True,
    )
    wide = wide.reindex(
        columns=pd.MultiIndex.from_product([list(values), list(groups)]), fill_value=0
    )
    wide.columns = [f"{v}_{g}" for v, g in wide.columns]
    return wide.reset_index()
