"""WRES 9 and WDES 10 (board against workforce) and WDES 9b (voice of Disabled staff).

Board metrics are percentage-point differences: the group's share of the board
minus its share of the whole workforce, for voting members, executive members and
all members (``reference/wres.md`` §4; ``wdes.md`` §8). A negative value means the
group is under-represented on the board. Denominators follow the reference notes:

- WRES 9: BME ÷ members *with known ethnicity*, against BME ÷ staff with known
  ethnicity (``wres.md`` §4 formula). ``options.board_unknown_ethnicity =
  "include"`` keeps unknowns in both denominators instead (unconfirmed rule).
- WDES 10: Disabled ÷ *all* members, against Disabled ÷ all staff, the metric-1
  overall workforce (``wdes.md`` §8 formula).

Board metrics exist at level ``organisation`` only.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..config import Config
from ..counts import UNIT_KEYS
from ..measure import difference_rows
from ..results import METRICS_COLUMNS
from .registry import Metric

MEMBERSHIPS = ("voting", "executive", "all")


def board_rows(
    metric: Metric, board: pd.DataFrame, staff: pd.DataFrame, config: Config
) -> pd.DataFrame:
    """WRES 9 (BME) or WDES 10 (Disabled), one row per organisation and membership."""
    column = "ethnic_group" if metric.grouping == "ethnicity" else "disability_group"
    group = metric.group
    exclude_unknown = (
        metric.grouping == "ethnicity" and config.options.board_unknown_ethnicity == "exclude"
    )
    members = board.assign(
        is_group=(board[column].astype("string") == group).to_numpy(),
        known=(board[column].astype("string") != "Unknown").to_numpy(),
    )
    # the staff list is large: compare its categorical codes, not text
    staff_group = staff[column]
    workforce = pd.DataFrame(
        {
            "organisation": staff["organisation"].array,
            "is_group": (staff_group == group).fillna(False).to_numpy(dtype=bool),
            "known": (staff_group.notna() & (staff_group != "Unknown")).to_numpy(dtype=bool),
        }
    )
    if exclude_unknown:
        members = members[members["known"]]
        workforce = workforce[workforce["known"]]
    wf = workforce.groupby("organisation", observed=True).agg(
        n_reference=("is_group", "size"), events_reference=("is_group", "sum")
    )
    parts = []
    for membership in MEMBERSHIPS:
        if membership == "all":
            sub = members
        else:
            sub = members[members[membership].fillna(False).astype(bool).to_numpy()]
        counts = sub.groupby("organisation", observed=True).agg(
            n_group=("is_group", "size"), events_group=("is_group", "sum")
        )
        counts = counts.reindex(members["organisation"].unique(), fill_value=0)
        table = counts.join(wf, how="left").fillna(0).reset_index(names="organisation")
        table["level"] = "organisation"
        table["unit"] = table["organisation"]
        table["category"] = membership
        table["group"] = group
        table["reference_group"] = ""
        parts.append(table)
    table = pd.concat(parts, ignore_index=True)
    return difference_rows(metric, table, config.options)


def voice_rows(metric: Metric, config: Config) -> pd.DataFrame:
    """WDES 9b: the Yes/No answer and narrative given in the config's ``[wdes9b]``.

    ``value`` is 1 for Yes, 0 for No and empty (flagged ``not_provided``) when
    the config does not say.
    """
    answer = config.wdes9b_action
    row: dict[str, object] = dict.fromkeys(METRICS_COLUMNS, np.nan)
    row.update(
        standard=metric.standard,
        metric=metric.metric,
        level="organisation",
        unit=config.organisation_name,
        category="",
        group="Disabled",
        reference_group="",
        statistic="yes_no",
        value=np.nan if answer is None else float(answer),
        flags="not_provided" if answer is None else "",
        organisation=config.organisation_name,
        note=config.wdes9b_narrative,
    )
    return pd.DataFrame([row])


__all__ = ["MEMBERSHIPS", "UNIT_KEYS", "board_rows", "voice_rows"]
