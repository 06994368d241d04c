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
from typing import Any

import numpy as np
import pandas as pd

# matching rows by key moved to .keys (the loader needs it and is below counting);
# the old import path stays
from .keys import DECIMAL_CODE_LIMIT as DECIMAL_CODE_LIMIT
from .keys import key_positions as key_positions
from .keys import shared_codes as shared_codes

NOT_RECORDED = "(not recorded)"

UNIT_KEYS = ("organisation", "level", "unit")

RECORDS = "_records"
"""A column saying how many records a row stands for (see :func:`compact`)."""


def with_organisation(frame: pd.DataFrame, organisation_name: str) -> pd.DataFrame:
    """The frame with a categorical ``organisation`` column (the config's name where
    absent or blank), so that every count groups on small integer codes."""
    if "organisation" in frame:
        org = frame["organisation"]
        if not isinstance(org.dtype, pd.CategoricalDtype):
            org = org.astype("category")
        if org.isna().any():
            if organisation_name not in org.cat.categories:
                org = org.cat.add_categories(organisation_name)
            org = org.fillna(organisation_name)
        return frame.assign(organisation=org)
    codes = np.zeros(len(frame), dtype=np.int8)
    return frame.assign(
        organisation=pd.Categorical.from_codes(codes, categories=pd.Index([organisation_name]))
    )


def _codes(series: pd.Series) -> tuple[np.ndarray, pd.Index | pd.Categorical]:
    """Integer codes (1…k, with 0 for missing) and the k labels of one key column.

    The codes keep the column's own (small) integer type: they are widened only
    while being added into the joint key of :func:`group_sums`.
    """
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy()
        labels = series.cat.categories
    else:
        codes, labels = pd.factorize(series, use_na_sentinel=True)
    if codes.dtype.itemsize < 8 and len(labels) + 1 > np.iinfo(codes.dtype).max:
        codes = codes.astype(np.int64)
    return codes + np.array(1, dtype=codes.dtype), labels


def _labels_at(series: pd.Series, labels, codes: np.ndarray) -> pd.Categorical[Any] | np.ndarray:
    """The labels of ``codes`` (0 meaning missing, k meaning label k-1), in the dtype of
    the key column."""
    missing = codes == 0
    codes = codes - 1
    if isinstance(series.dtype, pd.CategoricalDtype):
        return pd.Categorical.from_codes(codes, dtype=series.dtype)
    taken = pd.Series(
        pd.Index(labels).take(np.where(missing, 0, codes))
        if len(labels)
        else np.full(len(codes), None, dtype=object)
    )
    return taken.where(~missing).to_numpy() if missing.any() else taken.to_numpy()


def group_sums(
    frame: pd.DataFrame, keys: Sequence[str], sums: Mapping[str, str], size: str | None
) -> pd.DataFrame:
    """Row counts and column sums by ``keys``, missing keys kept as groups of their own.

    Equivalent to ``frame.groupby(keys, observed=True, dropna=False)`` with
    ``size()`` and ``sum()``, but the keys are reduced to one integer per row and
    grouped with one integer hash and ``numpy.bincount``: for the millions of rows of a
    national run this is several times faster than pandas' general group-by.
    """
    coded = [_codes(frame[k]) for k in keys]
    dims = [len(labels) + 1 for _, labels in coded]
    if len(frame) == 0:
        out = pd.DataFrame({k: frame[k].iloc[:0] for k in keys})
        for name in ([size] if size else []) + list(sums):
            out[name] = pd.Series(dtype="int64")
        return out
    if float(np.prod(dims, dtype=np.float64)) >= 2.0**62:
        # too many combinations for one int64 (raises, as it always did)
        combined = np.ravel_multi_index([c for c, _ in coded], dims)
    else:
        # one int64 key per row, built in place (row-major, as numpy.ravel_multi_index)
        combined = np.zeros(len(frame), dtype=np.int64)
        for (codes, _), dim in zip(coded, dims, strict=True):
            combined *= dim
            combined += codes
    inverse, unique = pd.factorize(combined)  # a hash of integers: no sort
    positions = np.unravel_index(unique, dims)
    out = pd.DataFrame(
        {
            k: _labels_at(frame[k], labels, positions[i])
            for i, (k, (_, labels)) in enumerate(zip(keys, coded, strict=True))
        }
    )
    if size:
        out[size] = np.bincount(inverse, minlength=len(unique)).astype(np.int64)
    for name, column in sums.items():
        values = frame[column]
        integral = values.dtype.kind in "biu" or str(values.dtype) in ("boolean", "Int64")
        weights = values.fillna(0).to_numpy(dtype=np.float64)
        total = np.bincount(inverse, weights=weights, minlength=len(unique))
        out[name] = total.astype(np.int64) if integral else total
    return out


def compact(
    frame: pd.DataFrame, keys: Sequence[str], sums: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """The records reduced to one row per combination of ``keys`` present, with
    :data:`RECORDS` (how many records each row stands for) and the ``sums``.

    :func:`level_counts` counts such a frame exactly as it counts the records it
    came from (it adds up :data:`RECORDS` where it would count rows), so several
    metrics over one large input (WRES 1 and WDES 1 over the staff list; WRES 2
    and WDES 2, with and without guaranteed interviews, over the applications)
    pass over its millions of rows once. Keys absent from the frame are skipped.
    """
    present = [k for k in dict.fromkeys(keys) if k in frame]
    return group_sums(frame, present, dict(sums or {}), RECORDS)


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
    if size and RECORDS in frame:  # a compacted frame: its rows are counted already
        sums, size = {size: RECORDS, **sums}, None
    present = [lv for lv in levels if lv in frame]
    # one pass over the records at the finest grain; every level is then a roll-up
    # of that (small) table
    finest = list(dict.fromkeys(["organisation", *present, *keys]))
    fine = group_sums(frame, finest, sums, size)
    for lv in present:
        if fine[lv].isna().any():
            fine[lv] = fine[lv].astype("string").fillna(NOT_RECORDED)
    values = ([size] if size else []) + list(sums)
    parts = []
    for level in ("organisation", *present):
        by = ["organisation"] if level == "organisation" else ["organisation", level]
        out = group_sums(fine, list(dict.fromkeys([*by, *keys])), {v: v for v in values}, None)
        unit = out["organisation"] if level == "organisation" else out[level]
        out = out.drop(columns=[level] if level != "organisation" else [])
        out.insert(1, "level", level)
        out.insert(2, "unit", _as_text(unit))
        out["organisation"] = _as_text(out["organisation"])
        parts.append(out)
    return pd.concat(parts, ignore_index=True)


def _as_text(values: pd.Series) -> pd.Series | np.ndarray:
    """Labels as text (``str``). A categorical is converted through its few
    categories, without making a Python string per row."""
    if isinstance(values.dtype, pd.CategoricalDtype) and not values.isna().any():
        categories = np.asarray(values.cat.categories, dtype=object).astype(str)
        text = pd.array(categories, dtype="str").take(values.cat.codes.to_numpy())
        return pd.Series(text, index=values.index)
    return np.asarray(values, dtype=object).astype(str)


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
    wide.columns = [f"{c[0]}_{c[1]}" for c in wide.columns]  # (value, group) pairs
    return wide.reset_index()
