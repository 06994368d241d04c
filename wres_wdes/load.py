"""Load every input of a run: read, keep, match headers, standardise, validate, reconcile.

This is the first half of the flow in ``DESIGN.md``::

    files ──read──▶ raw frames ──standardise──▶ typed frames (pandera-valid)

and it keeps the promise that nothing is lost silently: every record read is
either used or excluded with a reason (:mod:`wres_wdes.exclusions`), and
:attr:`Inputs.reconciliation` says how many of each. Every stage runs on every
input even after an earlier one found errors, so that one ``validate`` lists
every problem at once; only then does an error stop the run.

For each input, in order: a report footer below the table is set aside; the
config's ``keep`` leaves out the rows of other case types or stages; headers are
matched (the config's ``columns`` first); values are parsed and classified (the
config's ``values`` beside the contract's words); the schema is checked; the
exclusion rules apply (assignments folded into people, bank-only staff, windows);
then case, training and leaver rows take the groups and units of their people
(:mod:`wres_wdes.join`), and the checks of :mod:`wres_wdes.plausibility` run.

The jobs have a module each: one input from raw to typed frame,
:mod:`wres_wdes.load_input`; reading the files ahead on a thread,
:mod:`wres_wdes.read_ahead`; what loading gives, :class:`~wres_wdes.inputs.Inputs`
(imported from here as before). This module runs them across the inputs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor

import pandas as pd

from . import plausibility
from .config import Config, load_config
from .contract import INPUTS
from .exclusions import Reconciler, apply_rules, bank_only_people, still_in_post
from .inputs import Inputs as Inputs
from .join import attach_person_attributes
from .load_input import NEEDS_ORGANISATION as NEEDS_ORGANISATION
from .load_input import load_one
from .problems import Problem, has_errors
from .read import RawTable
from .read_ahead import ReadAhead
from .read_ahead import input_sources as input_sources

ORDER = tuple(INPUTS)
"""Inputs are reconciled in the contract's order: the staff list before the leavers,
whose people still in post it decides."""


def load_frames(
    raw_frames: Mapping[str, pd.DataFrame | RawTable],
    config: Config,
    sources: Mapping[str, str] | None = None,
    strict: bool = True,
    progress: Callable[[str], None] | None = None,
) -> Inputs:
    """Load inputs given as DataFrames of raw values (any headers the contract accepts).

    Parameters
    ----------
    raw_frames
        Input key (``staff``, ``applications`` …) to a frame as read from a file
        (or the :class:`~wres_wdes.read.RawTable` read from it, with its footer).
        A frame's index is taken as the row number shown in messages.
    config
        The run configuration (its ``inputs`` paths are ignored here; their
        ``columns``, ``values`` and ``keep`` apply).
    sources
        Input key to the name shown in messages (default: the key).
    strict
        Raise :class:`InputError` when any problem is an error (default). With
        ``False`` the problems are returned in :attr:`Inputs.problems`.
    progress
        Called with a line saying what is being done (``checking staff.csv: 12,345
        rows``), for a progress display.
    """
    sources = dict(sources or {})
    say = progress or _silent
    problems: list[Problem] = []
    unknowns: list[pd.DataFrame] = []
    reconciler = Reconciler()
    typed: dict[str, pd.DataFrame] = {}
    origins: dict[str, dict[str, str]] = {}
    for key, given in raw_frames.items():
        if key not in INPUTS:
            raise ValueError(f"unknown input {key!r}; expected one of {', '.join(INPUTS)}")
        source = sources.setdefault(key, key)
        raw = given if isinstance(given, RawTable) else RawTable(given, source, 1)
        say(f"checking {source}: {len(raw.frame):,} rows")
        reconciler.read(key, source, len(raw.frame) + len(raw.footer))
        loaded = load_one(key, raw, source, config, problems, unknowns, reconciler)
        if loaded is not None:
            typed[key], origins[key] = loaded

    frames: dict[str, pd.DataFrame] = {}
    bank_only = None
    for key in sorted(typed, key=ORDER.index):
        frame = apply_rules(
            key, typed[key], config, sources[key], origins[key], problems, reconciler, bank_only
        )
        if key == "staff" and not config.options.include_bank:
            bank_only = bank_only_people(typed[key], frame)
        if key == "leavers" and "staff" in frames:
            stayed = still_in_post(frame, frames["staff"])
            reconciler.exclude(
                key,
                sources[key],
                "still in post at the census date (in the staff list): not a leaver of the "
                "workforce",
                int(stayed.sum()),
            )
            frame = frame[~stayed]
        frames[key] = frame
        reconciler.used(key, sources[key], len(frame))
    if "staff" in frames and config.organisation_column is not None:
        problems += plausibility.many_organisations(
            frames["staff"], config.organisation_column, sources["staff"]
        )
    say("joining the inputs to the staff list")
    attach_person_attributes(frames, config.levels, problems, sources)
    problems += plausibility.event_units(frames, config.levels, sources)
    if has_errors(problems):
        frames = {}

    unknown = (
        pd.concat([u for u in unknowns if len(u)], ignore_index=True)
        if any(len(u) for u in unknowns)
        else Inputs(config).unknown
    )
    listed = unknown[["file", "column", "value", "count", "reason"]]
    for file, column, value, count, reason in listed.itertuples(index=False, name=None):
        if reason == "unrecognised":
            problems.append(
                Problem.warning(
                    file,
                    None,
                    column,
                    value,
                    f"not a recognised value; {count} row(s) counted as Unknown "
                    "(add it under [mappings] to classify it)",
                    code="unknown-value",
                )
            )
    inputs = Inputs(config, frames, problems, reconciler.frame(), unknown)
    if strict:
        inputs.raise_for_errors()
    return inputs


def _silent(_: str) -> None:
    """No progress display."""


def load(
    config: Config | str | os.PathLike[str],
    strict: bool = True,
    progress: Callable[[str], None] | None = None,
) -> Inputs:
    """Read, standardise, validate and reconcile every input named in a configuration.

    Parameters
    ----------
    config
        A :class:`~wres_wdes.config.Config` or the path of a TOML configuration.
    strict
        Raise :class:`InputError` when any problem is an error (default).
    progress
        Called with a line saying what is being done, for a progress display.

    Examples
    --------
    >>> from wres_wdes import load, sample
    >>> inputs = load(sample.bundled_config())           # doctest: +SKIP
    >>> inputs.reconciliation.query("outcome == 'excluded'")  # doctest: +SKIP
    """
    if not isinstance(config, Config):
        config = load_config(config)
    pool = ThreadPoolExecutor(1, thread_name_prefix="wres-wdes-read")
    try:
        raws = ReadAhead(config, pool)
        inputs = load_frames(raws, config, raws.sources, strict=False, progress=progress)
        problems = raws.problems
    finally:  # on an error (or Ctrl-C) files not yet started are not read
        pool.shutdown(wait=True, cancel_futures=True)
    inputs.problems[:0] = problems
    if problems:
        inputs.frames = {}
    if strict:
        inputs.raise_for_errors()
    return inputs
