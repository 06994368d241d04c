"""Orders shared by the report and the charts: units nested under their parents,
and metric 1 categories in pay order."""

from __future__ import annotations

import pandas as pd

from ..classify.bands import BANDS, MEDICAL_SUBGROUPS


def ordered_units(rows: pd.DataFrame, parents: pd.DataFrame | None) -> pd.DataFrame:
    """Organisation first, then each unit of the first level followed by its own units.

    Adds ``_depth`` (0 the organisation, 1 the first level, …). Units whose parent
    is unknown come last, by depth and name."""
    levels = [lv for lv in dict.fromkeys(rows["level"]) if lv != "organisation"]
    depth = {"organisation": 0, **{lv: i + 1 for i, lv in enumerate(levels)}}
    rows = rows.assign(_depth=rows["level"].map(depth).to_numpy())
    where = {key: i for i, key in enumerate(zip(rows["level"], rows["unit"], strict=True))}
    children: dict[tuple[str, str], list[tuple[str, str]]] = {}
    if parents is not None:
        for p in parents.itertuples(index=False):
            children.setdefault((p.parent_level, p.parent_unit), []).append((p.level, p.unit))
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


def category_order(category: str) -> tuple[int, int, str]:
    """Sort key for metric 1 categories: bands in pay order, medical grades, clusters."""
    suffix = category.split("/", 1)[-1]
    order = [*BANDS, *MEDICAL_SUBGROUPS]
    if suffix in order:
        return (0, order.index(suffix), suffix)
    if suffix.startswith("cluster ") and suffix[8:].isdigit():
        return (1, int(suffix[8:]), suffix)
    return (2, 0, suffix)


__all__ = ["category_order", "ordered_units"]
