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
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import plausibility
from .config import Config, InputFile, load_config
from .contract import INPUTS
from .exclusions import (
    RECONCILIATION_COLUMNS,
    Reconciler,
    apply_rules,
    bank_only_people,
    keep_rows,
    report_rows,
    still_in_post,
)
from .headers import match_headers
from .join import attach_person_attributes
from .problems import InputError, Problem, has_errors, problems_frame
from .read import RawTable, read_table, source_name
from .schemas import validate_frame
from .standardise import standardise
from .summary import summary_groups

NEEDS_ORGANISATION = (
    "staff",
    "leavers",
    "applications",
    "applications_summary",
    "board",
    "survey_responses",
    "survey_results",
)
"""Inputs that must name each row's organisation in a run of several; case and training
rows take theirs from the staff list, with their other units."""


@dataclass
class Inputs:
    """Every input of a run, typed, validated and reconciled.

    Attributes
    ----------
    config
        The run configuration.
    frames
        Input key to its typed frame of *used* records, indexed by file row.
        Classified columns (``ethnic_group``, ``disability_group``, ``band``, …)
        stand beside the raw ones. Case frames carry ``data_year``, the WRES/WDES
        reporting year whose data year holds the case.
    problems
        Every error and warning found, in the order found.
    reconciliation
        Records read, used and excluded by reason, per input.
    unknown
        Every raw value that fell to Unknown, with its count, per file and column.
    """

    config: Config
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    reconciliation: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(RECONCILIATION_COLUMNS))
    )
    unknown: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["file", "column", "value", "count", "reason"])
    )

    @property
    def ok(self) -> bool:
        """True when no problem is an error."""
        return not has_errors(self.problems)

    def problems_table(self) -> pd.DataFrame:
        """Every problem as a table (severity, file, row, column, value, rule, code),
        errors first."""
        return problems_frame(self.problems)

    def raise_for_errors(self) -> None:
        """Raise :class:`InputError` listing every problem, if any is an error."""
        if not self.ok:
            raise InputError(self.problems)


def _set_aside(
    key: str,
    table: RawTable,
    ref: InputFile | None,
    source: str,
    problems: list[Problem],
    reconciler: Reconciler,
) -> pd.DataFrame:
    """Rows that are not this input's records: a report footer, and what ``keep`` leaves out."""
    if table.footer:
        row, text = table.footer[0]
        shown = text if len(text) <= 60 else text[:57] + "…"
        problems.append(
            Problem.warning(
                source,
                row,
                None,
                shown,
                f"{len(table.footer)} row(s) below the table are a report footer, not "
                "records; they are left out",
                code="not-records",
            )
        )
        reconciler.exclude(key, source, "text below the table (a report footer)", len(table.footer))
    for code, note in table.notes:
        problems.append(Problem.warning(source, None, None, None, note, code=code))
    raw = table.frame
    masks = report_rows(raw)
    for rows, what, reason in zip(
        masks,
        ("report text (a heading, a page break or an end marker)", "a totals row"),
        ("a line of report text, not a record", "a totals row, not a record"),
        strict=True,
    ):
        if rows.any():
            first = raw.index[rows][0]
            shown = str(next(v for v in raw.loc[first] if v is not None and not pd.isna(v)))
            problems.append(
                Problem.warning(
                    source,
                    int(first),
                    None,
                    shown[:60],
                    f"{int(rows.sum())} row(s) are {what}, not records; they are left out"
                    + (f" (rows {_rows_text(raw.index[rows])})" if rows.sum() > 1 else ""),
                    code="not-records",
                )
            )
            reconciler.exclude(key, source, reason, int(rows.sum()))
    if masks[0].any() or masks[1].any():
        raw = raw[~(masks[0] | masks[1])]
    if ref is not None and ref.keep:
        kept, reasons = keep_rows(raw, ref.keep, source, problems)
        for reason, count in reasons:
            reconciler.exclude(key, source, reason, count)
        raw = raw[kept]
    return raw


def _rows_text(rows: pd.Index, limit: int = 8) -> str:
    shown = ", ".join(str(int(r)) for r in rows[:limit])
    return shown + (f" and {len(rows) - limit} more" if len(rows) > limit else "")


def _load_one(
    key: str,
    raw: RawTable,
    source: str,
    config: Config,
    problems: list[Problem],
    unknowns: list[pd.DataFrame],
    reconciler: Reconciler,
) -> tuple[pd.DataFrame, dict[str, str]] | None:
    """One input from its raw frame to its typed, validated frame (before exclusions).

    ``None`` when a required column is missing: every check of the columns present
    has run, but the exclusions and joins that need the missing one cannot.
    """
    spec = INPUTS[key]
    ref = config.inputs.get(key)
    raw = _set_aside(key, raw, ref, source, problems, reconciler)
    problems += plausibility.organisation_columns(raw, config.organisation_column, source)
    matched, found = match_headers(
        raw,
        spec,
        source,
        config.levels,
        columns=ref.columns if ref else None,
        organisation_column=config.organisation_column,
    )
    problems += found
    header_errors = has_errors(found)
    origin = matched.origin
    if (
        config.organisation_column is not None
        and key in NEEDS_ORGANISATION
        and "organisation" not in origin
    ):
        problems.append(
            Problem.error(
                source,
                None,
                config.organisation_column,
                None,
                f'[organisation] column names "{config.organisation_column}", which this file '
                "does not have: in a run of several organisations each input but the case and "
                "training files names the organisation of its rows (those take theirs from the "
                "staff list)",
                code="missing-level",
            )
        )
    std = standardise(
        matched.frame, spec, source, origin, config.mappings, ref.values if ref else None
    )
    problems += std.problems
    unknowns.append(std.unknown)
    frame = std.frame
    if key == "applications_summary" and "group" in frame:
        frame = summary_groups(frame, source, origin, problems)
    reported = {(p.row, p.column) for p in std.problems if p.severity == "error"}
    problems += [
        p
        for p in validate_frame(frame, key, config.year, source, origin, matched.frame)
        if (p.row, p.column) not in reported
    ]
    if key in ("survey_responses", "survey_results") and not header_errors and len(frame):
        from .survey.check import check_inputs  # the survey's rules: question codes, answers

        checked = check_inputs(key, frame, source, origin, config)
        problems += checked.problems
        frame = checked.frame
    if key == "staff":
        for level in config.levels:
            if level not in frame:
                problems.append(
                    Problem.error(
                        source,
                        None,
                        level,
                        None,
                        f"breakdown level {level} (breakdown.levels) is not a column of the staff "
                        f'list; name its header with columns = {{ {level} = "…" }}',
                        code="missing-level",
                    )
                )
    problems += plausibility.other_cases(key, frame, origin, source)
    absent = [name for name, header in (ref.columns if ref else {}).items() if header is None]
    problems += plausibility.unread_columns(key, frame, origin, source, absent)
    problems += plausibility.all_unknown(frame, origin, source)
    problems += plausibility.no_records(key, frame, source)
    return None if header_errors else (frame, origin)


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
        loaded = _load_one(key, raw, source, config, problems, unknowns, reconciler)
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
    for row in unknown.itertuples(index=False):
        if row.reason == "unrecognised":
            problems.append(
                Problem.warning(
                    row.file,
                    None,
                    row.column,
                    row.value,
                    f"not a recognised value; {row.count} row(s) counted as Unknown "
                    "(add it under [mappings] to classify it)",
                    code="unknown-value",
                )
            )
    inputs = Inputs(config, frames, problems, reconciler.frame(), unknown)
    if strict:
        inputs.raise_for_errors()
    return inputs


def input_sources(config: Config) -> dict[str, str]:
    """How messages name each input: its file (and sheet), and the input's key when two
    inputs read one file (``ER Case Tracker.xlsx (disciplinary)``)."""
    names = {key: source_name(ref.path, ref.sheet) for key, ref in config.inputs.items()}
    shared = {n for n in names.values() if list(names.values()).count(n) > 1}
    return {key: f"{name} ({key})" if name in shared else name for key, name in names.items()}


class _ReadAhead(Mapping[str, RawTable]):
    """The raw frames of a configuration's inputs, read one after another on a
    background thread while the caller works on those already read.

    Arrow parses with every core but converting, validating and classifying run
    mostly on one; reading the next file meanwhile overlaps the two (at national
    scale, the applications are parsed while the staff list is validated).
    Iterating yields the inputs in the configuration's order, waiting for each;
    a file that cannot be read is skipped and its problems kept in
    :attr:`problems`.
    """

    def __init__(self, config: Config, pool: ThreadPoolExecutor) -> None:
        self._reads = {
            key: pool.submit(read_table, ref.path, INPUTS[key], ref.sheet)
            for key, ref in config.inputs.items()
        }
        self.sources = input_sources(config)
        self.problems: list[Problem] = []
        self._failed: set[str] = set()

    def __iter__(self):
        for key, read in self._reads.items():
            try:
                read.result()
            except InputError as exc:
                if key not in self._failed:
                    self._failed.add(key)
                    self.problems += exc.problems
                continue
            yield key

    def __getitem__(self, key: str) -> RawTable:
        return self._reads[key].result()

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _silent(_: str) -> None:
    """No progress display."""


def load(
    config: Config | str | Path,
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
        raws = _ReadAhead(config, pool)
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
