"""One input, from the raw frame read from its file to its typed, validated frame.

For each input of a run, in order (``DESIGN.md``, "Input contract" and "Run
configuration"): a report footer below the table, report text and totals rows are
set aside as not records; the config's ``keep`` leaves out the rows of other case
types or stages; headers are matched (the config's ``columns`` first); values are
parsed and classified (the config's ``values`` beside the contract's words); the
schema is checked; the survey's own rules run on survey files; and the checks of
:mod:`wres_wdes.plausibility` that need only this file. Every check runs even after
an earlier one found errors, so one ``validate`` lists every problem at once.

What comes after, across inputs (exclusion rules, joins to the staff list,
reconciliation), is :func:`wres_wdes.load.load_frames`.
"""

from __future__ import annotations

import pandas as pd

from . import plausibility
from .config import Config, InputFile
from .contract import INPUTS
from .exclusions import Reconciler, keep_rows, report_rows
from .headers import match_headers
from .problems import Problem, has_errors
from .read import RawTable
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


def load_one(
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
    records = _set_aside(key, raw, ref, source, problems, reconciler)
    problems += plausibility.organisation_columns(records, config.organisation_column, source)
    matched, found = match_headers(
        records,
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


__all__ = ["NEEDS_ORGANISATION", "load_one"]
