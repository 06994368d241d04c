"""How the rows of each kind of metric are built: :data:`BUILDERS`, named by the registry.

Each registry entry (:class:`~wres_wdes.metrics.registry.Metric`) names its builder in
:attr:`~wres_wdes.metrics.registry.Metric.builder`; :func:`wres_wdes.calculate`
looks the name up here and calls it with the entry and the run's :class:`Tables`.
So adding a metric is one registry entry and, when no builder yet fits, one
function added to :data:`BUILDERS` (``docs/architecture.md``, "Adding a metric").

A builder returns the metric's rows in the ``metrics.csv`` layout (at every level,
for every unit), or ``None`` when the run lacks what the metric needs (no staff
list, say); the rows' rules, directions and sources are in the modules each
builder calls (``reference/wres.md`` §2, ``reference/wdes.md`` §2).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from ..config import Config
from ..survey.rows import survey_rows
from .board import board_rows, voice_rows
from .likelihood import appointment_rows, case_rows, leaving_rows, training_rows
from .registry import Metric
from .workforce import metric1_rows


@dataclass(frozen=True)
class Tables:
    """What a builder may read: the run's inputs, counted once, and its configuration.

    Attributes
    ----------
    frames
        Input key to its typed frame of used records, each with an ``organisation``
        column (and ``_split`` in a split run).
    compacted
        ``staff`` and ``applications`` reduced once to counts by every key their
        metrics use (:func:`wres_wdes.calculate`); a builder prefers these.
    config
        The run configuration (levels, options, reporting year).
    split
        ``("_split",)`` in a split run, else ``()``.
    """

    frames: Mapping[str, pd.DataFrame]
    compacted: Mapping[str, pd.DataFrame]
    config: Config
    split: tuple[str, ...] = ()

    @property
    def levels(self) -> tuple[str, ...]:
        """The breakdown levels of the config, coarse to fine."""
        return tuple(self.config.levels)


Builder = Callable[[Metric, Tables], "pd.DataFrame | None"]
"""A function of a registry entry and the run's tables giving the entry's rows."""


def voice(metric: Metric, tables: Tables) -> pd.DataFrame | None:
    """WDES 9b, answered in the config (:func:`~wres_wdes.metrics.board.voice_rows`).

    The config answers for its own organisation only: in a system run every other
    organisation's row says the answer was not provided. Not split.
    """
    if tables.split:
        return None
    staff = tables.frames.get("staff")
    organisations = (
        list(dict.fromkeys(staff["organisation"].astype(str)))
        if staff is not None
        else [tables.config.organisation_name]
    )
    return voice_rows(metric, tables.config, organisations)


def survey(metric: Metric, tables: Tables) -> pd.DataFrame | None:
    """WRES 5–8 and WDES 4a–9a from the staff survey (:func:`wres_wdes.survey.rows.survey_rows`)."""
    return survey_rows(metric, dict(tables.frames), tables.config, tables.split)


def workforce(metric: Metric, tables: Tables) -> pd.DataFrame | None:
    """Metric 1 of both standards from the staff list (:mod:`wres_wdes.metrics.workforce`)."""
    staff = tables.frames.get("staff")
    if staff is None:
        return None
    counted = tables.compacted.get("staff", staff)
    return metric1_rows(metric, counted, tables.levels, tables.config.options, tables.split)


def appointments(metric: Metric, tables: Tables) -> pd.DataFrame | None:
    """WRES 2 and WDES 2 from the applications, or else their summary."""
    apps = tables.compacted.get("applications", tables.frames.get("applications"))
    apps = tables.frames.get("applications_summary") if apps is None else apps
    if apps is None:
        return None
    return appointment_rows(metric, apps, tables.levels, tables.config.options, tables.split)


def cases(metric: Metric, tables: Tables) -> pd.DataFrame | None:
    """WRES 3 (disciplinary) and WDES 3 (capability): cases over the census headcount.

    The entry's ``input`` names the case file and its window option,
    ``options.<input>_window`` (``disciplinary_window``, ``capability_window``).
    """
    staff = tables.frames.get("staff")
    events = tables.frames.get(metric.input)
    if staff is None or events is None:
        return None
    counted = tables.compacted.get("staff", staff)
    options = tables.config.options
    window = getattr(options, f"{metric.input}_window")
    return case_rows(metric, counted, events, tables.levels, options, window, tables.split)


def training(metric: Metric, tables: Tables) -> pd.DataFrame | None:
    """WRES 4: people who accessed non-mandatory training or CPD over the census headcount."""
    staff = tables.frames.get("staff")
    episodes = tables.frames.get("training")
    if staff is None or episodes is None:
        return None
    counted = tables.compacted.get("staff", staff)
    trained = counted if "trained" in counted else staff
    return training_rows(
        metric, trained, episodes, tables.levels, tables.config.options, tables.split
    )


def leaving(metric: Metric, tables: Tables) -> pd.DataFrame | None:
    """Leaving (beyond the standards): leavers over the census or average headcount."""
    staff = tables.frames.get("staff")
    leavers = tables.frames.get("leavers")
    if staff is None or leavers is None:
        return None
    config = tables.config
    options = config.options
    # the average headcount needs each person's start date: the staff list itself
    counted = tables.compacted.get("staff", staff)
    people = staff if options.leaving_denominator == "average" else counted
    return leaving_rows(
        metric, people, leavers, tables.levels, options, tables.split, config.data_year[0]
    )


def board(metric: Metric, tables: Tables) -> pd.DataFrame | None:
    """WRES 9 and WDES 10: the board's shares against the workforce's. Not split."""
    staff = tables.frames.get("staff")
    members = tables.frames.get("board")
    if staff is None or members is None or tables.split:
        return None
    return board_rows(metric, members, staff, tables.config)


BUILDERS: dict[str, Builder] = {
    "voice": voice,
    "survey": survey,
    "workforce": workforce,
    "appointments": appointments,
    "cases": cases,
    "training": training,
    "leaving": leaving,
    "board": board,
}
"""Builder name (:attr:`Metric.builder`) to the function that builds the rows."""


def builder_of(metric: Metric) -> Builder:
    """The builder a registry entry names.

    Raises
    ------
    KeyError
        The entry names no builder of :data:`BUILDERS` (the message lists them).
    """
    try:
        return BUILDERS[metric.builder]
    except KeyError:
        raise KeyError(
            f"registry entry {metric.id} names builder {metric.builder!r}; the builders are "
            + ", ".join(sorted(BUILDERS))
            + " (wres_wdes.metrics.builders.BUILDERS)"
        ) from None
