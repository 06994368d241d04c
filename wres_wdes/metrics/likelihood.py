"""Relative likelihoods: WRES 2, 3, 4; WDES 2, 3; and leaving (beyond the standards).

Each is ``rate(group) / rate(reference)`` in the direction NHS England defines
(the registry's ``group`` and ``reference_group``):

=========  ===========================  ==========================================
metric     direction                    population → event
=========  ===========================  ==========================================
WRES 2     White ÷ BME                  shortlisted → appointed
WRES 3     BME ÷ White                  census staff → entering formal disciplinary
WRES 4     White ÷ BME                  census staff → accessed non-mandatory training
WDES 2     Non-disabled ÷ Disabled      shortlisted → appointed
WDES 3     Disabled ÷ Non-disabled      census staff → entering formal capability
leaving    BME ÷ White; Disabled ÷      census staff → left in the data year
           Non-disabled
=========  ===========================  ==========================================

Unknown ethnicity or disability is left out of both rates (``reference/wres.md``
§3, confirmed for indicator 2; ``wdes.md`` §3), but is still counted in metric 1.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..classify import GROUPS
from ..config import Options
from ..counts import RECORDS, UNIT_KEYS, compact, key_positions, level_counts, widen_groups
from ..measure import likelihood_rows
from .registry import Metric
from .workforce import GROUP_COLUMN, group_of


def _grouped(frame: pd.DataFrame, grouping: str) -> pd.DataFrame:
    """The frame with a ``group`` column (:func:`~.workforce.group_of`)."""
    return frame.assign(group=group_of(frame, grouping))


def _join(
    population: pd.DataFrame, events: pd.DataFrame, groups: Sequence[str], keys: list[str]
) -> pd.DataFrame:
    """Population and event counts side by side, one row per unit; absent counts are 0."""
    n = widen_groups(population.rename(columns={"count": "n"}), keys, groups, ["n"])
    x = widen_groups(events.rename(columns={"count": "events"}), keys, groups, ["events"])
    table = n.merge(x, on=[*UNIT_KEYS, *keys], how="outer")
    value_columns = [c for c in table.columns if c.startswith(("n_", "events_"))]
    table[value_columns] = table[value_columns].fillna(0)
    return table


def _events_over_staff(
    staff: pd.DataFrame,
    events: pd.DataFrame,
    grouping: str,
    levels: tuple[str, ...],
    split: tuple[str, ...],
) -> pd.DataFrame:
    """Census headcount and event rows (one per person and event), by unit and group."""
    population = level_counts(_grouped(staff, grouping), levels, [*split, "group"])
    counted = level_counts(_grouped(events, grouping), levels, [*split, "group"])
    return _join(population, counted, GROUPS[grouping], list(split))


def _finish(
    metric: Metric,
    table: pd.DataFrame,
    options: Options,
    years: int = 1,
    category: str = "",
    split: tuple[str, ...] = (),
) -> pd.DataFrame:
    table = table.assign(category=category)
    if split:
        table = table.rename(columns={split[0]: "split"})
    return likelihood_rows(metric, table, options, years)


def appointment_rows(
    metric: Metric,
    applications: pd.DataFrame,
    levels: tuple[str, ...],
    options: Options,
    split: tuple[str, ...] = (),
) -> pd.DataFrame:
    """WRES 2 or WDES 2: appointed from shortlisting, relative likelihood.

    With record-level applications, shortlisted and appointed are counted; with
    a recruitment summary (``group`` with ``shortlisted`` and ``appointed``
    counts), the counts are summed. Both give the same figures. For WDES 2, when
    the applications carry ``guaranteed_interview``, a second row (category
    ``excluding guaranteed interview``) leaves those applicants out, since a
    guaranteed interview scheme raises Disabled shortlisting (``wdes.md`` §4).
    """
    groups = GROUPS[metric.grouping]
    is_summary = "grouping" in applications
    if not is_summary and GROUP_COLUMN[metric.grouping] not in applications:
        return pd.DataFrame()  # the extract has no ethnicity (or disability) column
    if is_summary:
        frame = applications[applications["grouping"] == metric.grouping]
        frame = frame.assign(
            n=frame["shortlisted"].astype("float64"), events=frame["appointed"].astype("float64")
        )
        levels = tuple(lv for lv in levels if lv in frame)
    else:
        if "n" not in applications:  # records: count them (calculate() compacts them first)
            applications = compact_applications(applications, levels, split)
        keep = [
            c
            for c in (
                "organisation",
                *levels,
                *split,
                GROUP_COLUMN[metric.grouping],
                "guaranteed_interview",
                "n",
                "events",
            )
            if c in applications
        ]
        frame = _grouped(applications[keep], metric.grouping)
    frames = {"": frame}
    if metric.standard == "WDES" and not is_summary and "guaranteed_interview" in frame:
        frames["excluding guaranteed interview"] = frame[
            ~frame["guaranteed_interview"].fillna(False).astype(bool)
        ]
    parts = []
    for category, sub in frames.items():
        counts = level_counts(
            sub, levels, [*split, "group"], sums={"n": "n", "events": "events"}, size=None
        )
        table = widen_groups(counts, list(split), groups, ["n", "events"])
        parts.append(_finish(metric, table, options, category=category, split=split))
    return pd.concat(parts, ignore_index=True)


def compact_applications(
    applications: pd.DataFrame, levels: tuple[str, ...], split: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Record-level applications as shortlisted (``n``) and appointed (``events``)
    counts by unit, ethnic group, disability group and guaranteed interview.

    One pass over the records serves WRES 2 and WDES 2 (with and without
    guaranteed-interview applicants); :func:`appointment_rows` counts the result
    exactly as it would count the records.
    """
    keys = [
        "organisation",
        *levels,
        *split,
        *GROUP_COLUMN.values(),
        "guaranteed_interview",
    ]
    frame = applications.assign(
        n=applications["shortlisted"].fillna(False).to_numpy(dtype="int64"),
        events=applications["appointed"].fillna(False).to_numpy(dtype="int64"),
    )
    counted = compact(frame, keys, {"n": "n", "events": "events"})
    return counted.drop(columns=RECORDS)


def case_rows(
    metric: Metric,
    staff: pd.DataFrame,
    cases: pd.DataFrame,
    levels: tuple[str, ...],
    options: Options,
    window: str,
    split: tuple[str, ...] = (),
) -> pd.DataFrame:
    """WRES 3 or WDES 3: entering a formal process, relative likelihood.

    Events are people entering the process in each data year (a person with two
    cases in one year counts once that year). With ``window = "two_year"`` the
    figure is the mean of the two years' entries over the census headcount
    (the technical guidance's "two year rolling average"; ``wres.md`` §4,
    ``wdes.md`` §5, unconfirmed); the unit of a case is its own, else the
    person's in the staff list.
    """
    years = 2 if window == "two_year" else 1
    entries = cases.drop_duplicates(
        [c for c in ("organisation", "person_id", "data_year") if c in cases]
    )
    table = _events_over_staff(staff, entries, metric.grouping, levels, split)
    return _finish(metric, table, options, years=years, split=split)


def trained_people(staff: pd.DataFrame, training: pd.DataFrame) -> np.ndarray:
    """For each row of the staff list, whether the person has a training episode.

    Uses ``staff_position``, each episode's row in the staff list as matched
    while loading (-1 for a person not in it), or else matches the episodes by
    ``person_id`` (within the organisation when both have one).
    """
    if "staff_position" not in training:
        on = ["organisation", "person_id"] if "organisation" in training else ["person_id"]
        return key_positions(staff, training, on) >= 0
    position = training["staff_position"].to_numpy()
    trained = np.zeros(len(staff), dtype=bool)
    trained[position[position >= 0]] = True
    return trained


def training_rows(
    metric: Metric,
    staff: pd.DataFrame,
    training: pd.DataFrame,
    levels: tuple[str, ...],
    options: Options,
    split: tuple[str, ...] = (),
) -> pd.DataFrame:
    """WRES 4: staff who accessed non-mandatory training or CPD, relative likelihood.

    People, not episodes: a person in post at the census with at least one
    non-mandatory episode in the data year counts once (``wres.md`` §4,
    unconfirmed). Episodes of people not in the census staff list are not in
    this population and so not counted.
    """
    groups = GROUPS[metric.grouping]
    frame = _grouped(staff, metric.grouping)
    if "trained" not in frame:  # not compacted with the people trained (see calculate)
        frame = frame.assign(trained=trained_people(staff, training))
    counts = level_counts(frame, levels, [*split, "group"], sums={"events": "trained"}, size="n")
    table = widen_groups(counts, list(split), groups, ["n", "events"])
    return _finish(metric, table, options, split=split)


def leaving_rows(
    metric: Metric,
    staff: pd.DataFrame,
    leavers: pd.DataFrame,
    levels: tuple[str, ...],
    options: Options,
    split: tuple[str, ...] = (),
    data_year_start: dt.date | None = None,
) -> pd.DataFrame:
    """Leaving: people who left in the data year over the census headcount.

    Not a WRES or WDES metric; trust boards compute it alongside them. Direction
    BME ÷ White and Disabled ÷ Non-disabled (a figure above 1 means the group
    leaves more often).
    """
    groups = GROUPS[metric.grouping]
    people = leavers.drop_duplicates([c for c in ("organisation", "person_id") if c in leavers])
    table = _events_over_staff(staff, people, metric.grouping, levels, split)
    if options.leaving_denominator == "average":
        staff = _grouped(staff, metric.grouping)
        table = _average_headcount(table, staff, levels, groups, list(split), data_year_start)
    return _finish(metric, table, options, split=split)


def _average_headcount(
    table: pd.DataFrame,
    staff: pd.DataFrame,
    levels: tuple[str, ...],
    groups: Sequence[str],
    split: list[str],
    data_year_start: dt.date | None,
) -> pd.DataFrame:
    """Replace census headcounts by the mean of the start and end of the data year.

    Start of year = census − starters in the data year + leavers in the data year;
    mean = census + (leavers − starters) / 2.
    """
    if "start_date" not in staff or data_year_start is None:
        raise ValueError(
            'options.leaving_denominator = "average" needs a start_date column in the staff '
            "list, to count the starters of the year"
        )
    start = pd.Timestamp(data_year_start)
    starters = staff.assign(starter=(staff["start_date"] >= start).fillna(False))
    counts = level_counts(
        starters, levels, [*split, "group"], sums={"starters": "starter"}, size=None
    )
    wide = widen_groups(counts, split, groups, ["starters"])
    table = table.merge(wide, on=[*UNIT_KEYS, *split], how="left")
    for g in groups:
        s = table[f"starters_{g}"].fillna(0)
        table[f"n_{g}"] = table[f"n_{g}"] + (table[f"events_{g}"] - s) / 2
    return table.drop(columns=[f"starters_{g}" for g in groups])
