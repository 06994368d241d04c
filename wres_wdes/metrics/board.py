"""WRES 9 and WDES 10 (board against workforce) and WDES 9b (voice of Disabled staff).

Board metrics are percentage-point differences: a group's share of the board
minus its share of the whole workforce, for voting members, executive members and
all members (``reference/wres.md`` §4; ``wdes.md`` §8), for **every group**:
White, BME and Unknown (WRES 9); Disabled, Non-disabled and Unknown (WDES 10), as
trust board papers and the national returns give them. A negative value means
the group is under-represented on the board. Denominators:

- WRES 9, ``options.board_unknown_ethnicity = "include"`` (default): each group's
  share of *all* members against its share of *all* staff, the basis of WRES 1,
  so the workforce share is the same figure on indicators 1 and 9.
  ``"exclude"``: White and BME shares of members and staff *with a known
  ethnicity*, the formula of ``wres.md`` §4 (unconfirmed); no Unknown row.
- WDES 10: shares of all members against shares of all staff, the metric-1
  overall workforce (``wdes.md`` §8 formula).

Each row's ``note`` says which basis it uses. The board and the workforce are
complete counts at the census date, not samples, so the differences have no
interval or test unless ``options.census_intervals``. Board metrics exist at
level ``organisation`` only.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..classify import GROUPS, per_distinct
from ..config import Config
from ..counts import UNIT_KEYS
from ..measure import difference_rows
from ..results import METRICS_COLUMNS
from .registry import Metric
from .workforce import GROUP_COLUMN

MEMBERSHIPS = ("voting", "executive", "all")

BASIS_ALL = "shares of all members and of all staff (the basis of metric 1)"
BASIS_KNOWN = (
    "shares of members and of staff with a known ethnicity: members and staff of unknown "
    "ethnicity are left out (options.board_unknown_ethnicity)"
)


def _codes(values: pd.Series, groups: tuple[str, ...]) -> np.ndarray:
    """Each row's group as a position in ``groups`` (Unknown where missing), worked out
    on the distinct values (a staff list of 1.5 million rows has three)."""
    unknown = groups.index("Unknown")
    position = {g: i for i, g in enumerate(groups)}
    return per_distinct(values, lambda u: position.get(str(u), unknown), unknown, dtype=int)


def _positions(values: pd.Series, names: pd.Index) -> np.ndarray:
    """Each row's position in ``names`` (-1 if absent), on the distinct values."""
    where = {str(n): i for i, n in enumerate(names)}
    return per_distinct(values, lambda u: where.get(str(u), -1), -1, dtype=int)


def _table(org: np.ndarray, group: np.ndarray, k: int, g: int) -> np.ndarray:
    """People by organisation and group (rows with no organisation left out)."""
    keep = org >= 0
    return np.bincount(org[keep] * g + group[keep], minlength=k * g).reshape(k, g).astype(float)


def board_rows(
    metric: Metric, board: pd.DataFrame, staff: pd.DataFrame, config: Config
) -> pd.DataFrame:
    """WRES 9 or WDES 10: one row per organisation, membership and group."""
    column = GROUP_COLUMN[metric.grouping]
    if column not in board or column not in staff:
        return pd.DataFrame()  # the board list does not say (no disability column, say)
    groups = tuple(GROUPS[metric.grouping])
    known_only = (
        metric.grouping == "ethnicity" and config.options.board_unknown_ethnicity == "exclude"
    )
    unknown = groups.index("Unknown")
    shown = [g for g in groups if not (known_only and g == "Unknown")]
    member_group = _codes(board[column], groups)
    staff_group = _codes(staff[column], groups)
    organisations = pd.Index(pd.unique(board["organisation"].astype(str)))
    member_org = _positions(board["organisation"], organisations)
    staff_org = _positions(staff["organisation"], organisations)
    k, g = len(organisations), len(groups)
    workforce = _table(staff_org, staff_group, k, g)
    staff_total = workforce.sum(axis=1) - (workforce[:, unknown] if known_only else 0)
    parts = []
    for membership in MEMBERSHIPS:
        if membership == "all":
            chosen = np.ones(len(board), dtype=bool)
        else:
            chosen = board[membership].fillna(False).astype(bool).to_numpy()
        members = _table(member_org[chosen], member_group[chosen], k, g)
        member_total = members.sum(axis=1) - (members[:, unknown] if known_only else 0)
        for group in shown:
            i = groups.index(group)
            parts.append(
                pd.DataFrame(
                    {
                        "organisation": organisations,
                        "level": "organisation",
                        "unit": organisations,
                        "category": membership,
                        "group": group,
                        "reference_group": "",
                        "n_group": member_total,
                        "events_group": members[:, i],
                        "n_reference": staff_total,
                        "events_reference": workforce[:, i],
                        "note": BASIS_KNOWN if known_only else BASIS_ALL,
                    }
                )
            )
    table = pd.concat(parts, ignore_index=True)
    return difference_rows(metric, table, config.options, census=True)


def voice_rows(
    metric: Metric, config: Config, organisations: list[str] | None = None
) -> pd.DataFrame:
    """WDES 9b: the Yes/No answer and narrative given in the config's ``[wdes9b]``.

    "Has your trust taken action to facilitate the voices of Disabled staff in your
    organisation to be heard?", Yes/No plus narrative, the one metric that is not data
    (``reference/wdes.md`` §2).

    ``value`` is 1 for Yes, 0 for No and empty (flagged ``not_provided``) when
    the config does not say. The config answers for the organisation it names; in
    a run of several (``organisations``), every other organisation gets a row
    flagged ``not_provided``, so its return and publication show the gap.
    """
    rows = []
    for organisation in organisations or [config.organisation_name]:
        own = organisation == config.organisation_name
        answer = config.wdes9b_action if own else None
        row: dict[str, object] = dict.fromkeys(METRICS_COLUMNS, np.nan)
        row.update(
            standard=metric.standard,
            metric=metric.metric,
            level="organisation",
            unit=organisation,
            category="",
            group="Disabled",
            reference_group="",
            statistic="yes_no",
            value=np.nan if answer is None else float(answer),
            flags="not_provided" if answer is None else "",
            organisation=organisation,
            note=config.wdes9b_narrative if own else "",
        )
        rows.append(row)
    return pd.DataFrame(rows)


__all__ = ["MEMBERSHIPS", "UNIT_KEYS", "board_rows", "voice_rows"]
