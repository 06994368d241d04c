"""Disclosure control for published figures: primary and secondary suppression.

A published table must not let a reader learn about a few identifiable people:
that the one BME member of a small unit entered the disciplinary process, say.
Two rules, applied to the counts of every result row (``n_group``,
``events_group``, ``n_reference``, ``events_reference``):

Primary suppression
    A count above 0 and below the threshold (``[publication] suppress_below``,
    default 5) is confidential, shown as ``[c]``. Zeros are shown, as NHS Digital
    publications do; so is every count at or above the threshold. Two kinds of
    count reveal no protected characteristic, so they are not confidential for
    their own sake, only as complements: people whose ethnicity or disability is
    *not known* (group ``Unknown``), and a headcount of all groups together (a
    band's total staff). Without this, the few staff of unknown ethnicity in
    most bands, or a band of three people, would hide the counts beside them
    and, through the totals, every figure that uses them.

Secondary suppression
    A confidential count must not be recoverable by subtraction from a total.
    Counts are tied by additive relations, found in the results themselves:

    - *groups within a row set*: the White, BME and Unknown headcounts of a
      band add up to the band's headcount (WRES 1, WDES 1), on both the group
      and the whole-workforce side;
    - *categories*: the bands (or the clusters) of a staff category add up to
      its ``…/all`` row, and the categories to ``all``; a relation is used only
      where the numbers really add up;
    - *units*: the units of a directorate add up to the directorate, and the
      directorates to the organisation (the nesting the results carry;
      again only where the numbers add up, so a unit split across two
      directorates, or a column that is not a count of the rows' people, such as
      the whole-workforce columns of a band, makes no false relation);
    - *the same number twice*: a unit's headcount of a group appears in more
      than one table (WRES 1 ``all`` and the population of WRES 3, say); if
      one copy is confidential, so are the others.

    Whenever exactly one count of a relation (its total or one of its parts)
    is confidential, the smallest other non-zero part (else the total) is made
    confidential too, and the rules are applied again until nothing changes.
    A zero is never hidden: zeros are shown, as the rule above says, and where
    every other part is zero the total is hidden instead. This is the usual
    iterative heuristic, not an optimal (linear-programming) suppression such as
    tau-ARGUS; it errs on the side of hiding more.

Board members
    Board figures (WRES 9, WDES 10) are not suppressed by default
    (``[publication] suppress_board = false``): a board is a small public body
    whose members are named in the annual report, and trusts and NHS England
    publish the board's ethnicity and disability counts in every WRES and WDES
    report (``reference/wres.md`` §9.2, ``wdes.md`` §8); hiding them would leave
    the published report without indicator 9. ``suppress_board = true`` applies
    the threshold to them like any other count.

Derived figures
    A rate, percentage, ratio or interval computed from a confidential count
    would reveal it, so it is confidential too (:func:`hidden_figures`).

Everything is vectorised: one long table of cells and one of relation members,
with group-bys per pass (a few passes suffice).
"""

from __future__ import annotations

from typing import cast

import numpy as np
import pandas as pd

from ..counts import with_organisation
from ..results_nesting import PARENT_COLUMNS, parents_of
from ..results_nesting import unit_parents as nested_units

COUNT_COLUMNS = ("n_group", "events_group", "n_reference", "events_reference")
"""The counts of a result row, the cells that may be suppressed."""

DERIVED_COLUMNS = (
    "rate_group",
    "rate_reference",
    "value",
    "ci_low",
    "ci_high",
    "p_value",
    "p_adjusted",
)

DEFAULT_THRESHOLD = 5

BOARD_METRICS = (("WRES", "9"), ("WDES", "10"))
"""Board figures: published unsuppressed unless ``[publication] suppress_board`` (see
"Board members" above)."""

_TABLE = ["standard", "metric", "statistic"]


def unit_parents(source: object = None) -> pd.DataFrame:
    """How units nest: each (organisation, level, unit) with its parent level and unit.

    From the results themselves (a :class:`~wres_wdes.results.Results` or its
    frame, whose rows carry ``parent_level`` and ``parent_unit``:
    :mod:`wres_wdes.results_nesting`). Results of contract version 1, which carry
    no nesting, need the inputs they were computed from: an ``Inputs`` is read as
    :func:`wres_wdes.calculate` reads it. A unit found under two parents is listed
    under both, which only adds suppression.
    """
    if source is None:
        return pd.DataFrame(columns=PARENT_COLUMNS)
    frames = getattr(source, "frames", None)
    config = getattr(source, "config", None)
    if frames is not None and config is not None:  # an Inputs
        name = config.organisation_name
        return nested_units(
            {k: with_organisation(f, name) for k, f in frames.items()}, config.levels
        )
    frame = getattr(source, "frame", source)  # a Results, or its frame
    return parents_of(cast(pd.DataFrame, frame))


EXEMPT_GROUPS = ("Unknown",)
"""Groups whose small counts are not confidential for their own sake (see above)."""


def _subject(cells: pd.DataFrame) -> np.ndarray:
    """Whose count a cell is: the row's reference group for a reference column, else its group."""
    return np.where(
        (cells["side"] == "reference") & (cells["reference_group"] != ""),
        cells["reference_group"],
        cells["group"],
    )


def _cells(table: pd.DataFrame) -> pd.DataFrame:
    """One row per non-missing count: ``cell, row, column, value`` and the row's keys."""
    keys = [
        c
        for c in (
            *_TABLE,
            "organisation",
            "level",
            "unit",
            "category",
            "group",
            "reference_group",
            "split",
        )
        if c in table
    ]
    parts = []
    for column in COUNT_COLUMNS:
        part = table[keys].copy()
        part["row"] = np.arange(len(table))
        part["column"] = column
        part["value"] = table[column].to_numpy(dtype=np.float64)
        parts.append(part)
    cells = pd.concat(parts, ignore_index=True)
    cells = cells[~np.isnan(cells["value"].to_numpy())].reset_index(drop=True)
    cells["cell"] = np.arange(len(cells))
    side_is_reference = cells["column"].str.endswith("_reference")
    cells["side"] = np.where(side_is_reference, "reference", "group")
    cells["kind"] = np.where(cells["column"].str.startswith("n_"), "n", "events")
    cells["subject"] = _subject(cells)
    return cells


def _members(frame: pd.DataFrame, constraint_keys: list[str], total: pd.Series) -> pd.DataFrame:
    """Relation members from cells: ``constraint`` id, ``cell``, ``is_total``."""
    ids = frame.groupby(constraint_keys, sort=False, dropna=False).ngroup()
    return pd.DataFrame(
        {
            "key": ids.to_numpy(),
            "cell": frame["cell"].to_numpy(),
            "is_total": total.to_numpy(dtype=bool),
        }
    )


def _additive(members: pd.DataFrame, values: np.ndarray) -> pd.DataFrame:
    """Keep relations whose parts add up to their single total (within rounding)."""
    v = values[members["cell"].to_numpy()]
    total = np.where(members["is_total"], v, 0.0)
    parts = np.where(members["is_total"], 0.0, v)
    g = members.groupby("key", sort=False)
    sums = pd.DataFrame(
        {
            "total": pd.Series(total).groupby(members["key"].to_numpy()).sum(),
            "parts": pd.Series(parts).groupby(members["key"].to_numpy()).sum(),
            "n_total": g["is_total"].sum(),
        }
    )
    ok = sums.index[(sums["n_total"] == 1) & np.isclose(sums["total"], sums["parts"])]
    return members[members["key"].isin(ok)]


def _group_relations(cells: pd.DataFrame) -> tuple[list[pd.DataFrame], list[pd.DataFrame]]:
    """Groups within a row set add up to the row set's total (metric 1)."""
    keys = [
        c for c in (*_TABLE, "organisation", "level", "unit", "category", "split") if c in cells
    ]
    relations, links = [], []
    for side in ("group", "reference"):
        n = cells[(cells["side"] == side) & (cells["kind"] == "n")]
        x = cells[(cells["side"] == side) & (cells["kind"] == "events")]
        # every copy of the row set's total is the same number: link them
        links.append(
            pd.DataFrame(
                {
                    "key": n.groupby([*keys, "value"], sort=False, dropna=False)
                    .ngroup()
                    .to_numpy(),
                    "cell": n["cell"].to_numpy(),
                }
            )
        )
        first_total = n.drop_duplicates(keys)
        both = pd.concat(
            [first_total.assign(_total=True), x.assign(_total=False)], ignore_index=True
        )
        members = _members(both, keys, both["_total"])
        relations.append(members)
    return relations, links


def _category_relations(cells: pd.DataFrame) -> list[pd.DataFrame]:
    """Bands (or clusters) add up to ``<staff category>/all``; categories to ``all``."""
    if "category" not in cells:
        return []
    category = cells["category"].astype(str)
    parts = category.str.partition("/")
    prefix, suffix = parts[0], parts[2]
    has_slash = category.str.contains("/", regex=False)
    kind = np.where(suffix.str.startswith("cluster"), "cluster", "band")
    parent = np.where(~has_slash, "", np.where(suffix == "all", "all", prefix + "/all"))
    partition = np.where(suffix == "all", "staff category", kind)
    keys = [
        c
        for c in (
            *_TABLE,
            "organisation",
            "level",
            "unit",
            "group",
            "reference_group",
            "split",
            "column",
        )
        if c in cells
    ]
    frame = cells.assign(_parent=parent, _partition=partition)
    parts = frame[frame["_parent"] != ""]
    if parts.empty:
        return []
    totals = frame[[*keys, "category", "cell"]].rename(columns={"category": "_parent"})
    relations = []
    for partition_kind in parts["_partition"].unique():
        sub = parts.loc[parts["_partition"] == partition_kind, [*keys, "_parent", "cell"]]
        wanted = totals.merge(
            sub[[*keys, "_parent"]].drop_duplicates(), on=[*keys, "_parent"], how="inner"
        )
        both = pd.concat([wanted.assign(_total=True), sub.assign(_total=False)], ignore_index=True)
        relations.append(_members(both, [*keys, "_parent"], both["_total"]))
    return relations


def _unit_relations(cells: pd.DataFrame, parents: pd.DataFrame) -> list[pd.DataFrame]:
    """Units add up to their directorate, directorates to the organisation."""
    if parents.empty:
        return []
    keys = [
        c
        for c in (
            *_TABLE,
            "organisation",
            "category",
            "group",
            "reference_group",
            "split",
            "column",
        )
        if c in cells
    ]
    children = cells.merge(parents, on=["organisation", "level", "unit"], how="inner")
    if children.empty:
        return []
    parent_cells = cells.rename(columns={"level": "parent_level", "unit": "parent_unit"})
    pairs = children[[*keys, "parent_level", "parent_unit"]].drop_duplicates()
    totals = parent_cells.merge(pairs, on=[*keys, "parent_level", "parent_unit"], how="inner")
    group_keys = [*keys, "parent_level", "parent_unit"]
    both = pd.concat(
        [
            totals[[*group_keys, "cell"]].assign(_total=True),
            children[[*group_keys, "cell"]].assign(_total=False),
        ],
        ignore_index=True,
    )
    return [_members(both, group_keys, both["_total"])]


def _same_number_links(cells: pd.DataFrame) -> pd.DataFrame:
    """A unit's headcount of a group shown in several tables: the copies are one number."""
    subject = cells["subject"].to_numpy()
    percent = cells["statistic"] == "percent"
    category = cells["category"] if "category" in cells else pd.Series("", index=cells.index)
    linkable = np.where(
        percent, (category == "all") | (cells["side"] == "reference"), cells["kind"] == "n"
    )
    frame = cells.assign(_subject=subject)[linkable]
    keys = ["organisation", "level", "unit", "_subject", "value"]
    keys += ["split"] if "split" in frame else []
    across = pd.DataFrame(
        {
            "key": frame.groupby(keys, sort=False, dropna=False).ngroup().to_numpy(),
            "cell": frame["cell"].to_numpy(),
        }
    )
    # within one metric, any count shown twice (a survey group's percentage and its
    # difference from the reference group rest on the same respondents)
    within_keys = [
        c
        for c in (
            *_TABLE[:2],
            "organisation",
            "level",
            "unit",
            "category",
            "subject",
            "kind",
            "value",
            "split",
        )
        if c in cells
    ]
    within = pd.DataFrame(
        {
            "key": cells.groupby(within_keys, sort=False, dropna=False).ngroup().to_numpy(),
            "cell": cells["cell"].to_numpy(),
        }
    )
    return _renumber([across, within])[["key", "cell"]]


def _renumber(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate relation tables, giving each relation a unique ``key``."""
    out, offset = [], 0
    for frame in frames:
        if frame.empty:
            continue
        frame = frame.assign(key=frame["key"].to_numpy() + offset)
        offset = int(frame["key"].max()) + 1
        out.append(frame)
    if not out:
        return pd.DataFrame(
            {
                "key": pd.Series(dtype=np.int64),
                "cell": pd.Series(dtype=np.int64),
                "is_total": pd.Series(dtype=bool),
            }
        )
    return pd.concat(out, ignore_index=True)


def suppression_mask(
    table: pd.DataFrame,
    threshold: float = DEFAULT_THRESHOLD,
    parents: pd.DataFrame | None = None,
    exempt_groups: tuple[str, ...] = EXEMPT_GROUPS,
    max_passes: int = 100,
    exempt_metrics: tuple[tuple[str, str], ...] = (),
) -> pd.DataFrame:
    """Which counts of ``table`` are confidential, after primary and secondary suppression.

    Parameters
    ----------
    table
        Result rows (``metrics.csv`` columns) that will be published together.
    threshold
        Counts above 0 and below this are confidential; 0 turns suppression off.
    parents
        From :func:`unit_parents`: how units nest, for the unit relations.
    exempt_groups
        Groups whose small counts are not primary-suppressed (default ``Unknown``).
    exempt_metrics
        ``(standard, metric)`` pairs whose counts are not primary-suppressed, such as
        the board metrics (see the module docstring).

    Returns
    -------
    pandas.DataFrame
        Booleans, the index of ``table``, one column per :data:`COUNT_COLUMNS`.
    """
    mask = pd.DataFrame(False, index=table.index, columns=list(COUNT_COLUMNS))
    if table.empty or threshold <= 0:
        return mask
    table = table.reset_index(drop=True)
    for column in ("category", "group", "reference_group"):
        if column in table:
            table[column] = table[column].fillna("").astype(str)
    cells = _cells(table)
    values = cells["value"].to_numpy()
    group_relations, group_links = _group_relations(cells)
    group_additive = [_additive(r, values) for r in group_relations]
    additive = [*group_additive, *(_additive(r, values) for r in _category_relations(cells))]

    # primary: small counts of people in a known group; a headcount of all groups
    # together (a band's total) reveals no protected characteristic, nor does Unknown
    suppressed = (values > 0) & (values < threshold)
    suppressed &= ~np.isin(cells["subject"].to_numpy(), list(exempt_groups))
    for standard, metric in exempt_metrics:
        suppressed &= ~((cells["standard"] == standard) & (cells["metric"] == metric)).to_numpy()
    totals = np.concatenate([r.loc[r["is_total"], "cell"].to_numpy() for r in group_additive])
    links_of_totals = _renumber(group_links)
    if len(totals):
        keys = links_of_totals.loc[links_of_totals["cell"].isin(totals), "key"]
        totals = links_of_totals.loc[links_of_totals["key"].isin(keys), "cell"].to_numpy()
    suppressed[totals.astype(np.int64)] = False
    units = _unit_relations(cells, parents if parents is not None else unit_parents(None))
    relations = _renumber([*additive, *(_additive(r, values) for r in units)])
    links = _renumber([*group_links, _same_number_links(cells)])
    sizes = relations.groupby("key")["cell"].transform("size").to_numpy()
    relations = relations[sizes >= 2]
    r_key, r_cell = relations["key"].to_numpy(), relations["cell"].to_numpy()
    r_total = relations["is_total"].to_numpy(dtype=bool)
    l_key, l_cell = links["key"].to_numpy(), links["cell"].to_numpy()

    for _ in range(max_passes):
        before = int(suppressed.sum())
        if len(l_cell):
            any_hidden = pd.Series(suppressed[l_cell]).groupby(l_key).transform("any")
            suppressed[l_cell[any_hidden.to_numpy()]] = True
        if len(r_cell):
            hidden = suppressed[r_cell]
            count = pd.Series(hidden.astype(np.int64)).groupby(r_key).transform("sum")
            needy = (count.to_numpy() == 1) & ~hidden
            needy &= ~((values[r_cell] == 0) & ~r_total)  # a zero part is never hidden
            if needy.any():
                v = values[r_cell[needy]]
                candidates = pd.DataFrame(
                    {
                        "key": r_key[needy],
                        "cell": r_cell[needy],
                        "total": r_total[needy],
                        "value": v,
                    }
                )
                picked = candidates.sort_values(
                    ["key", "total", "value"], kind="stable"
                ).drop_duplicates("key")
                suppressed[picked["cell"].to_numpy()] = True
        if int(suppressed.sum()) == before:
            break
    hidden_cells = cells[suppressed]
    for column in COUNT_COLUMNS:
        rows = hidden_cells.loc[hidden_cells["column"] == column, "row"].to_numpy()
        mask.iloc[rows, list(mask.columns).index(column)] = True
    return mask


def hidden_figures(table: pd.DataFrame, mask: pd.DataFrame) -> pd.DataFrame:
    """Which derived figures would reveal a confidential count, so are confidential too.

    A side's rate is hidden when its count or population is; a percentage
    (``statistic == "percent"``) depends on the group side only; any other value
    (a ratio or a difference) and its interval and p-values on both sides.
    """
    group = (mask["n_group"] | mask["events_group"]).to_numpy()
    reference = (mask["n_reference"] | mask["events_reference"]).to_numpy()
    percent = (table["statistic"] == "percent").to_numpy()
    value = group | (reference & ~percent)
    out = pd.DataFrame({"rate_group": group, "rate_reference": reference}, index=table.index)
    for column in ("value", "ci_low", "ci_high", "p_value", "p_adjusted"):
        out[column] = value
    return out


__all__ = [
    "BOARD_METRICS",
    "COUNT_COLUMNS",
    "DEFAULT_THRESHOLD",
    "DERIVED_COLUMNS",
    "hidden_figures",
    "suppression_mask",
    "unit_parents",
]
