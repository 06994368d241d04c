"""The ethnic-group view: WRES figures for each high-level ethnic group against White.

**Beyond the standard.** WRES compares White staff with all Black and minority ethnic
(BME) staff as one group; national reports also break the figures down, because one
broad group hides large differences between the groups within it. This view gives
every WRES likelihood (appointment from shortlisting, entering the formal
disciplinary process, accessing non-mandatory training, leaving) and every workforce
figure (indicator 1 by band, the board) for each of the four high-level groups of the
2021 census for England, **Asian, Black, Mixed and Other** (Chinese under Asian, Arab
under Other [confirmed: data-formats.md §1.3, S22]), with **White as the reference**,
in the standard's own directions (WRES 2 White ÷ Asian, WRES 3 Asian ÷ White, …).

It is the standard's own calculation run once per group: in the run for Asian, Asian
staff stand where BME staff stand, White staff stay White, and everyone else (the other
groups, a value recorded only as "BME" or "BAME", Unknown) is out of that comparison
as Unknown staff are out of the standard's. So the intervals, tests, flags, windows
and suppression are the standard's, unchanged. Staff survey indicators (5–8) are
left out: the survey's own ethnicity question is grouped White / BME only here, and
an aggregate recruitment summary (``applications_summary``) gives BME counts that
cannot be broken down.

Multiple testing: the Benjamini–Hochberg families are those of each group's run.
"""

from __future__ import annotations

import dataclasses
import os

import pandas as pd

from .calculate import calculate
from .classify import ETHNIC_GROUPS, HIGH_LEVEL_FOCUS
from .config import Config
from .load import Inputs, load
from .metrics.registry import Metric
from .results import Results

VIEW_INPUTS = (
    "staff",
    "leavers",
    "applications",
    "disciplinary",
    "capability",
    "training",
    "board",
)
"""Inputs the view reads: the record-level ones whose ethnicity it can break down."""

UNSPECIFIED = "BME unspecified"


def in_view(metric: Metric, board_unknown_ethnicity: str = "include") -> bool:
    """The WRES figures the view gives: every one but the survey and the config's own,
    and WRES 9 only when the board and workforce shares are of everyone
    (``options.board_unknown_ethnicity = "include"``, the default): with ``"exclude"``
    each share is of those with a known ethnicity, and here the other groups stand as
    Unknown, so the share would be of the group and White staff alone."""
    if metric.standard != "WRES" or metric.input in ("survey", "config"):
        return False
    return metric.input != "board" or board_unknown_ethnicity == "include"


def _as_group(frame: pd.DataFrame, group: str) -> pd.DataFrame:
    """``frame`` with ``group`` standing where BME stands, White as White, and every
    other value Unknown. A frame with a WRES group but no high-level one (made by hand
    for :func:`wres_wdes.load_frames`) keeps its White staff and no BME: its BME staff
    are in no group here, never taken for ``group``."""
    if "ethnic_group" not in frame:
        return frame
    if "ethnic_high_level" not in frame:
        high = frame["ethnic_group"].astype("string").where(frame["ethnic_group"] == "White")
    else:
        high = frame["ethnic_high_level"].astype("string")
    ethnic = pd.Categorical(
        high.map({group: "BME", "White": "White"}).fillna("Unknown"), categories=ETHNIC_GROUPS
    )
    return frame.assign(ethnic_group=pd.Series(ethnic, index=frame.index))


def unspecified_staff(inputs: Inputs) -> int:
    """Staff in post recorded as BME in words that name no group (``BAME``): in the
    standard's BME figures, in none of the view's groups."""
    staff = inputs.frames.get("staff")
    if staff is None or "ethnic_high_level" not in staff:
        return 0
    return int((staff["ethnic_high_level"] == UNSPECIFIED).sum())


def by_ethnic_group(
    inputs: Inputs | Config | str | os.PathLike[str],
    groups: tuple[str, ...] = HIGH_LEVEL_FOCUS,
) -> Results:
    """Every WRES likelihood and workforce figure for each high-level ethnic group.

    Parameters
    ----------
    inputs
        From :func:`wres_wdes.load`, or a configuration (or its path).
    groups
        The groups to compare with White (default Asian, Black, Mixed, Other).

    Returns
    -------
    Results
        The ``metrics.csv`` layout: ``group`` (or, where the standard puts White
        first, ``reference_group``) names the high-level group; the other side is
        White. Rows about White alone (its share of a band) are in the standard's
        results and not repeated here. When staff are recorded as BME in words that
        name no group, ``note`` says how many.

    Examples
    --------
    >>> view = by_ethnic_group("my_trust/config.toml")     # doctest: +SKIP
    >>> view.metric("WRES", 3).frame[["unit", "group", "value"]]  # doctest: +SKIP
    """
    if isinstance(inputs, Config | str | os.PathLike):
        inputs = load(inputs)
    elif not isinstance(inputs, Inputs):
        raise TypeError(
            "by_ethnic_group() takes the inputs from wres_wdes.load(...), a Config, or the "
            f"path of a configuration file (.toml), not {type(inputs).__name__}: it computes "
            "from the records, which results no longer hold"
        )
    inputs.raise_for_errors()
    unknown = [g for g in groups if g not in HIGH_LEVEL_FOCUS]
    if unknown:
        raise ValueError(
            f"no high-level ethnic group {unknown[0]!r}: the groups are "
            + ", ".join(HIGH_LEVEL_FOCUS)
        )
    unspecified = unspecified_staff(inputs)
    unknown_on_board = inputs.config.options.board_unknown_ethnicity

    def shown(metric: Metric) -> bool:
        return in_view(metric, unknown_on_board)

    parts = []
    for group in groups:
        frames = {
            key: _as_group(frame, group)
            for key, frame in inputs.frames.items()
            if key in VIEW_INPUTS
        }
        view = dataclasses.replace(inputs, frames=frames)
        frame = calculate(view, metrics=shown).frame
        frame = frame.assign(
            group=frame["group"].replace({"BME": group}),
            reference_group=frame["reference_group"].replace({"BME": group}),
        )
        parts.append(frame[(frame["group"] == group) | (frame["reference_group"] == group)])
    if not parts:
        return Results(calculate(inputs, metrics=lambda m: False).frame)
    frame = pd.concat(parts, ignore_index=True)
    if unspecified:
        note = (
            f"{unspecified} staff recorded as BME in words that name no group (such as "
            "BAME) are in no group here"
        )
        frame["note"] = frame["note"].where(frame["note"] == "", frame["note"] + "; ") + note
    return Results(frame.reset_index(drop=True))


__all__ = ["VIEW_INPUTS", "by_ethnic_group", "in_view", "unspecified_staff"]
