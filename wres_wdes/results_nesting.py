"""How units nest: which directorate a unit sits in, carried in the results themselves.

The breakdown levels of a config run coarse to fine (``[breakdown] levels =
["directorate", "unit"]``): each unit sits in the unit of the level above it, and
each unit of the first level in its organisation. :func:`unit_parents` reads that
from the inputs once, when the figures are computed; :func:`with_parents` writes it
onto every result row (``parent_level``, ``parent_unit``), and :func:`parents_of`
reads it back, so the writers, the disclosure control of
:mod:`wres_wdes.write.disclosure` (the units of a directorate add up to it) and a
notebook never go back to the inputs for it.

A unit found under two parents (a unit name used in two directorates) is listed
under both: disclosure control must know every total a count is part of. In
``parent_level`` and ``parent_unit`` such a row holds a JSON list of each, in the
same order; so does a single parent whose name starts with ``[``, so that reading
back is never a guess.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping, Sequence

import pandas as pd

from .counts import NOT_RECORDED

PARENT_COLUMNS = ["organisation", "level", "unit", "parent_level", "parent_unit"]
"""The columns of a nesting table: each unit, and the unit it sits in."""

_KEYS = ["organisation", "level", "unit"]


def unit_parents(frames: Mapping[str, pd.DataFrame], levels: Sequence[str]) -> pd.DataFrame:
    """Each (organisation, level, unit) with its parent level and unit, from input frames.

    ``frames`` each have an ``organisation`` column (as :func:`wres_wdes.calculate`
    gives them). Read from every frame that has two consecutive breakdown columns
    (the first level's parent is the organisation).
    """
    parts = []
    for frame in frames.values():
        if "organisation" not in frame:
            continue
        present = [lv for lv in levels if lv in frame]
        for parent, child in itertools.pairwise(["organisation", *present]):
            # distinct pairs first (on the category codes: millions of rows at national
            # scale), then text on the few that are left
            pairs = frame[list(dict.fromkeys(["organisation", parent, child]))].drop_duplicates()
            for column in {parent, child} - {"organisation"}:
                pairs[column] = pairs[column].astype("string").fillna(NOT_RECORDED)
            pairs = pairs.drop_duplicates()
            parts.append(
                pd.DataFrame(
                    {
                        "organisation": pairs["organisation"].astype(str).to_numpy(),
                        "level": child,
                        "unit": pairs[child].astype(str).to_numpy(),
                        "parent_level": parent,
                        "parent_unit": pairs[parent].astype(str).to_numpy(),
                    }
                )
            )
    if not parts:
        return pd.DataFrame(columns=PARENT_COLUMNS, dtype=object)
    return pd.concat(parts, ignore_index=True).drop_duplicates(ignore_index=True)


def _encode(values: list[str]) -> str:
    if len(values) == 1 and not values[0].startswith("["):
        return values[0]
    return json.dumps(values, ensure_ascii=False)


def with_parents(frame: pd.DataFrame, parents: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with ``parent_level`` and ``parent_unit`` from a nesting table (empty for
    an organisation row, or a unit whose parent no input says)."""
    if parents.empty or "organisation" not in frame:
        return frame.assign(parent_level="", parent_unit="")
    grouped = parents.groupby(_KEYS, sort=False)
    encoded = pd.DataFrame(
        {
            "parent_level": grouped["parent_level"].agg(lambda v: _encode(list(v))),
            "parent_unit": grouped["parent_unit"].agg(lambda v: _encode(list(v))),
        }
    ).reset_index()
    keys = frame[_KEYS].astype(str).reset_index(drop=True)
    found = keys.merge(encoded, on=_KEYS, how="left")
    return frame.assign(
        parent_level=found["parent_level"].fillna("").to_numpy(dtype=object),
        parent_unit=found["parent_unit"].fillna("").to_numpy(dtype=object),
    )


def _decode(text: str) -> list[str]:
    return json.loads(text) if text.startswith("[") else [text]


def parents_of(frame: pd.DataFrame) -> pd.DataFrame:
    """The nesting table the rows of ``frame`` carry (:data:`PARENT_COLUMNS`); empty when
    they carry none (results-contract version 1)."""
    if "parent_unit" not in frame or "organisation" not in frame:
        return pd.DataFrame(columns=PARENT_COLUMNS, dtype=object)
    rows = frame[PARENT_COLUMNS].astype(str).drop_duplicates()
    rows = rows[(rows["parent_unit"] != "") & (rows["parent_unit"] != "nan")]
    out = []
    for org, level, unit, parent_level, parent_unit in rows.itertuples(index=False):
        for p_level, p_unit in zip(_decode(parent_level), _decode(parent_unit), strict=True):
            out.append((org, level, unit, p_level, p_unit))
    return pd.DataFrame(out, columns=PARENT_COLUMNS, dtype=object)


def ordered_units(rows: pd.DataFrame, parents: pd.DataFrame | None) -> pd.DataFrame:
    """Organisation first, then each unit of the first level followed by its own units.

    Adds ``_depth`` (0 the organisation, 1 the first level, …). Units whose parent
    is unknown come last, by depth and name. ``parents`` defaults to the nesting the
    rows carry (:func:`parents_of`)."""
    if parents is None:
        parents = parents_of(rows)
    levels = [lv for lv in dict.fromkeys(rows["level"]) if lv != "organisation"]
    depth = {"organisation": 0, **{lv: i + 1 for i, lv in enumerate(levels)}}
    rows = rows.assign(_depth=rows["level"].map(depth).to_numpy())
    where = {key: i for i, key in enumerate(zip(rows["level"], rows["unit"], strict=True))}
    children: dict[tuple[str, str], list[tuple[str, str]]] = {}
    pairs = parents[["parent_level", "parent_unit", "level", "unit"]]
    for parent_level, parent_unit, level, unit in pairs.itertuples(index=False, name=None):
        children.setdefault((parent_level, parent_unit), []).append((level, unit))
    order: list[int] = []
    placed: set[int] = set()
    # start from each organisation, whether or not its own row is among ``rows``
    roots = {("organisation", str(o)) for o in rows["organisation"].unique()}
    roots |= {k for k in where if k[0] == "organisation"}
    stack = sorted(roots, reverse=True)
    while stack:
        key = stack.pop()
        if key in where and where[key] not in placed:
            order.append(where[key])
            placed.add(where[key])
        stack.extend(sorted(children.get(key, []), reverse=True))
    depths, units = rows["_depth"].to_numpy(), rows["unit"].astype(str).to_numpy()
    rest = sorted(
        (i for i in range(len(rows)) if i not in placed), key=lambda i: (depths[i], units[i])
    )
    return rows.iloc[order + rest]


__all__ = ["PARENT_COLUMNS", "ordered_units", "parents_of", "unit_parents", "with_parents"]
