"""``calculate``: every WRES and WDES workforce metric, at every level, at once.

The second half of the flow (``DESIGN.md``): typed frames ──count──▶ count tables
──measure──▶ :class:`~wres_wdes.results.Results`. Each metric in the registry
whose input is present is computed for the organisation (each organisation,
when the inputs hold several) and for every breakdown level in the config.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from . import stats
from .config import Config
from .contract import IDENTIFIER_COLUMNS, header_key
from .counts import compact, with_organisation
from .load import Inputs, load
from .metrics import registry
from .metrics.builders import Tables, builder_of
from .metrics.likelihood import compact_applications, trained_people
from .metrics.registry import Metric
from .metrics.workforce import GROUP_COLUMN, WORKFORCE_KEYS
from .problems import UsageError, unknown_name
from .results import EXTRA_COLUMNS, META_COLUMNS, METRICS_COLUMNS, SPLIT_COLUMNS, Results
from .results_meta import with_meta
from .results_nesting import unit_parents, with_parents

SPLITS = {"ethnicity": "ethnic_group", "disability": "disability_group"}

FAMILY = ("organisation", "standard", "metric", "category", "level", "statistic")
"""A family of tests for Benjamini–Hochberg: the units of one organisation's metric (and
category) at one level. Families never cross organisations, so one trust's adjusted
p-values do not change because another trust is in the run."""


def _organisations(inputs: Inputs) -> set[str]:
    found: set[str] = set()
    for frame in inputs.frames.values():
        if "organisation" in frame:
            found.update(str(v) for v in pd.unique(frame["organisation"].dropna()))
    return found


def _frames(inputs: Inputs, split_by: str | None) -> dict[str, pd.DataFrame]:
    """The inputs with an ``organisation`` column and, for a split, a ``_split`` column.

    With one organisation in the data (or none named), every row belongs to the
    config's organisation and carries its name, whatever the extract calls it
    (a code such as ``RZZ``, say); with several, each keeps its own name and is a
    unit of its own.
    """
    name = inputs.config.organisation_name
    single = len(_organisations(inputs)) <= 1
    frames = {}
    for key, frame in inputs.frames.items():
        if single and "organisation" in frame:
            frame = frame.drop(columns="organisation")
        frame = with_organisation(frame, name)
        if split_by is not None:
            column = split_by
            if column not in frame:
                frame = frame.assign(_split="(not recorded)")
            else:
                frame = frame.assign(_split=frame[column].astype("string").fillna("(not recorded)"))
        frames[key] = frame
    return frames


def split_column(inputs: Inputs, split_by: str) -> str:
    """The column of the inputs that ``split_by`` names.

    Names are matched as the input contract matches headers (``DESIGN.md``, "Input
    contract"): case-, space- and punctuation-insensitively, so ``"Gender"`` and
    ``"age band"`` name ``gender`` and ``age_band``; ``"ethnicity"`` and
    ``"disability"`` name the classified groups (``ethnic_group``,
    ``disability_group``). A name that matches no column of any input is an error
    listing the columns there are: a split by a column that is not there would put
    every row in "(not recorded)" and look like a finding.

    Raises
    ------
    UsageError
        No input has the column, or the column identifies people or records.
    """
    if not isinstance(split_by, str) or not split_by.strip():
        raise UsageError(
            f"split_by={split_by!r}: give the name of a column of the inputs, such as "
            '"gender" or "age_band"'
        )
    columns = list(dict.fromkeys(c for frame in inputs.frames.values() for c in frame.columns))
    key = header_key(split_by)
    wanted = next((v for k, v in SPLITS.items() if header_key(k) == key), split_by)
    if wanted not in columns:
        found = [c for c in columns if header_key(c) == key]
        if len(found) > 1:
            raise UsageError(
                f"split_by={split_by!r} matches several columns ("
                + ", ".join(repr(c) for c in found)
                + "); give one exactly"
            )
        wanted = found[0] if found else wanted
    if wanted in IDENTIFIER_COLUMNS:
        raise UsageError(
            f"split_by={split_by!r} identifies people or records: a figure per person would "
            "publish who they are. Split by a group (gender, age_band, disability …)"
        )
    if wanted not in columns:
        splittable = [
            c
            for c in columns
            if c not in IDENTIFIER_COLUMNS and not c.startswith("_") and c != "organisation"
        ]
        raise unknown_name(
            "column",
            split_by,
            splittable,
            " in the inputs to split by (its file may not have it, or it is headed otherwise)",
        )
    return wanted


def metric_filter(
    metrics: Callable[[Metric], bool] | str | Iterable[str] | None,
) -> Callable[[Metric], bool] | None:
    """``calculate(metrics=…)`` as a predicate over registry entries.

    ``metrics`` is a predicate, one metric id (``"WRES 2"``) or several
    (``["WRES 2", "WDES 4a"]``); ids are those of :attr:`Metric.id`, the standard
    in any case.

    Raises
    ------
    UsageError
        An id the registry does not hold (the message lists the ids and the nearest).
    TypeError
        Neither a predicate nor ids.
    """
    if metrics is None or callable(metrics):
        return metrics
    ids = [metrics] if isinstance(metrics, str) else metrics
    try:
        ids = list(ids)
    except TypeError:
        raise TypeError(
            f'metrics={metrics!r}: give a metric id such as "WRES 2", a list of them, or '
            'a function of a registry entry such as lambda m: m.standard == "WRES"'
        ) from None
    known = {m.id: m for m in registry.REGISTRY}
    chosen = set()
    for given in ids:
        if not isinstance(given, str):
            raise TypeError(
                f'metrics: {given!r} is not a metric id; give ids as text, such as "WRES 2"'
            )
        words = given.split()
        key = f"{words[0].upper()} {' '.join(words[1:]).lower()}" if words else given
        if key not in known:
            raise unknown_name("metric", given, known)
        chosen.add(key)
    return lambda m: m.id in chosen


def _compacted(
    frames: dict[str, pd.DataFrame], levels: tuple[str, ...], split: tuple[str, ...]
) -> dict[str, pd.DataFrame]:
    """The two largest inputs counted once for every metric that reads them.

    Metric 1 of both standards, WRES 3 and 4, WDES 3 and leaving count the staff
    list (with, for WRES 4, who accessed training), and WRES 2 and WDES 2 (with and
    without guaranteed-interview applicants) count the applications; each is
    reduced once to counts by every key those metrics use (at national scale, 1.5
    and 4.5 million records to some hundreds of thousands of rows).
    """
    out = {}
    if "staff" in frames:
        staff, sums = frames["staff"], {}
        if "training" in frames and "staff_position" in frames["training"]:
            staff = staff.assign(_trained=trained_people(staff, frames["training"]))
            sums = {"trained": "_trained"}
        keys = ["organisation", *levels, *split, *GROUP_COLUMN.values(), *WORKFORCE_KEYS]
        out["staff"] = compact(staff, keys, sums)
    if "applications" in frames:
        out["applications"] = compact_applications(frames["applications"], levels, split)
    return out


def calculate(
    inputs: Inputs | Config | str | os.PathLike[str],
    split_by: str | None = None,
    metrics: Callable[[Metric], bool] | str | Iterable[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Results:
    """Compute every metric whose inputs are present.

    Parameters
    ----------
    inputs
        From :func:`wres_wdes.load`; or a configuration (a :class:`Config`, or the
        path of its TOML file), which is loaded first.
    split_by
        An intersectional view: every figure split by a further attribute, such
        as ``"gender"``, ``"age_band"``, or ``"disability"`` (ethnicity within
        disability), matched as headers are (case- and space-insensitively). The
        rows gain ``split_by`` (the column's name) and ``split`` columns. Board
        metrics and WDES 9b are not split.
    metrics
        Which metrics: one id (``"WRES 2"``), a list of ids, or a filter over
        registry entries, e.g. ``lambda m: m.standard == "WRES"``. Default: all.
    progress
        Called with each metric as it is computed (``computing WRES 3``), for a
        progress display.

    Returns
    -------
    Results
        One row per figure in the ``metrics.csv`` layout, each carrying what it
        means (the reporting year, confidence level, window, the unit its unit sits
        in, the versions: :attr:`Results.meta`, :attr:`Results.nesting`).

    Raises
    ------
    InputError
        The inputs hold errors.
    UsageError
        ``split_by`` names no column of the inputs (the message lists those there
        are) or one that identifies people; ``metrics`` names an unknown id.
    TypeError
        ``inputs`` is not inputs, a configuration or a path.

    Notes
    -----
    Directions follow NHS England (``reference/wres.md`` §2, ``wdes.md`` §2):
    WRES 2 White ÷ BME; WRES 3 BME ÷ White; WRES 4 White ÷ BME; WDES 2
    Non-disabled ÷ Disabled; WDES 3 Disabled ÷ Non-disabled; leaving BME ÷ White
    and Disabled ÷ Non-disabled.
    """
    if isinstance(inputs, Config | str | os.PathLike):
        inputs = load(inputs)
    elif not isinstance(inputs, Inputs):
        raise TypeError(
            f"calculate() takes the inputs from wres_wdes.load(...), a Config, or the path "
            f"of a configuration file (.toml), not {type(inputs).__name__}"
        )
    inputs.raise_for_errors()
    metrics = metric_filter(metrics)
    column = None if split_by is None else split_column(inputs, split_by)
    if column is not None:  # the name the rows show: "ethnicity" for ethnic_group
        split_by = next((k for k, v in SPLITS.items() if v == column), column)
    frames = _frames(inputs, column)
    split = ("_split",) if split_by is not None else ()
    compacted = _compacted(frames, inputs.config.levels, split)
    tables = Tables(frames, compacted, inputs.config, split)
    parts = []
    for metric in registry.REGISTRY:  # read when called, so a test may add an entry
        if metrics is not None and not metrics(metric):
            continue
        if progress is not None:
            progress(f"computing {metric.standard} {metric.metric}")
        rows = builder_of(metric)(metric, tables)
        if rows is not None and len(rows):
            parts.append(rows)
    if not parts:
        frame = pd.DataFrame(columns=[*METRICS_COLUMNS, *EXTRA_COLUMNS, *META_COLUMNS])
        return Results(frame)
    frame = pd.concat(parts, ignore_index=True)
    text = ("category", "reference_group", "note", "method")
    for column in (*METRICS_COLUMNS, *EXTRA_COLUMNS):
        if column not in frame:
            frame[column] = "" if column in text else np.nan
    for column in text:
        frame[column] = frame[column].fillna("")
    frame["p_adjusted"] = stats.adjust_p_values(
        frame["p_value"].to_numpy(dtype=np.float64), groups=frame[list(FAMILY)]
    )
    if inputs.config.options.adjusted_significance:
        hit = (
            frame["p_adjusted"].to_numpy(dtype=np.float64)
            < 1.0 - inputs.config.options.confidence_level
        )
        flags = frame["flags"].to_numpy(dtype=object)
        frame["flags"] = np.where(
            hit,
            np.where(flags == "", "significant_adjusted", flags + ";significant_adjusted"),
            flags,
        )
    columns = [*METRICS_COLUMNS, *EXTRA_COLUMNS]
    if split_by is not None:
        frame["split_by"] = split_by
        columns += list(SPLIT_COLUMNS)
    # what the rows mean travels with them (results-contract version 2): the year,
    # level and window of the figures, and which unit each unit sits in
    config = inputs.config
    frame = with_meta(frame[columns], config.year, config.options.confidence_level)
    frame = with_parents(frame, unit_parents(frames, config.levels))
    return Results(frame[[*columns, *META_COLUMNS]].reset_index(drop=True))
