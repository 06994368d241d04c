"""pandera schemas for every input of the contract, and their failures in plain English.

Schemas check the *typed* frames that :mod:`wres_wdes.standardise` produces:
required values present, identifiers unique, dates in a plausible range, counts
consistent, and the cross-column rules of each file (an applicant is appointed
only if shortlisted; in a recruitment summary appointed ≤ shortlisted ≤ applied).
Every schema is validated with ``lazy=True`` so that all failures are collected,
then each failure case becomes a :class:`~wres_wdes.problems.Problem` naming the
file, row, column, value and rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow
import pyarrow.compute as pc
from pandera.errors import SchemaErrors

from .contract import INPUTS, AnyOf, AtMost, Implies, InputSpec
from .problems import Problem

EARLIEST_DATE = pd.Timestamp("1900-01-01")


def _latest(year: int) -> pd.Timestamp:
    """Dates after the end of the year after the census are taken as typing errors."""
    return pd.Timestamp(dt.date(year + 1, 12, 31))


def _required(spec: InputSpec, name: str) -> str:
    return f"{name} is required on every row"


def _column_checks(
    spec: InputSpec, year: int, present: Collection[str] | None = None
) -> dict[str, pa.Column]:
    """One pandera column per contract column. A required column that is absent is
    not required here when ``present`` is given: the header matcher reported it."""
    columns: dict[str, pa.Column] = {}
    latest = _latest(year)
    for c in spec.columns:
        checks: list[pa.Check] = []
        if c.kind == "date":
            checks.append(
                pa.Check(
                    lambda s, latest=latest: s.isna() | ((s >= EARLIEST_DATE) & (s <= latest)),
                    error=f"{c.name} must fall between 1 January 1900 and "
                    f"31 December {year + 1}; check the year was typed correctly",
                )
            )
        columns[c.name] = pa.Column(
            nullable=not c.required,
            required=c.required and (present is None or c.name in present),
            unique=c.name in spec.unique and c.name != "person_id",
            checks=checks,
            coerce=False,
        )
    return columns


def _at_most(rule: AtMost) -> pa.Check:
    """``column <= limit`` (another column or a number) on every row where both are
    given; a row without either, or a frame without the column, passes."""
    column, limit = rule.column, rule.limit

    def check(df: pd.DataFrame) -> pd.Series:
        if column not in df or (isinstance(limit, str) and limit not in df):
            return pd.Series(True, index=df.index)
        bound = df[limit] if isinstance(limit, str) else limit
        return (df[column] <= bound).fillna(True)

    return pa.Check(check, name=column, error=rule.message)


def _implies(rule: Implies) -> pa.Check:
    """Where ``column`` is yes, ``requires`` is not no. A blank (or unreadable) ``requires``
    passes here: its own rule reports it."""
    column, requires = rule.column, rule.requires

    def check(df: pd.DataFrame) -> pd.Series:
        if column not in df or requires not in df:
            return pd.Series(True, index=df.index)
        return ~(df[column].fillna(False) & df[requires].eq(False).fillna(False))

    return pa.Check(check, name=column, error=rule.message)


def _any_of(rule: AnyOf) -> pa.Check:
    """At least one of the columns is given on every row."""

    def check(df: pd.DataFrame) -> pd.Series:
        given = pd.Series(False, index=df.index)
        for column in rule.columns:
            if column in df:
                given |= df[column].notna()
        return given

    return pa.Check(check, name=rule.columns[0], error=rule.message)


_CHECKS: dict[type, Callable[[Any], pa.Check]] = {
    AtMost: _at_most,
    Implies: _implies,
    AnyOf: _any_of,
}


def _frame_checks(key: str) -> list[pa.Check]:
    """The input's rules across columns (``InputSpec.checks``), named so failures map to a
    column."""
    return [_CHECKS[type(rule)](rule) for rule in INPUTS[key].checks]


def schema_for(
    key: str,
    year: int,
    unique_keys: tuple[str, ...] = (),
    present: Collection[str] | None = None,
) -> pa.DataFrameSchema:
    """The pandera schema of one input (``key`` as in the config's ``[inputs]``).

    Parameters
    ----------
    key
        The input, such as ``"staff"``.
    year
        The reporting year, which bounds plausible dates.
    unique_keys
        Columns whose combination must be unique, such as
        ``("person_id", "assignment_id")`` for an assignment-level staff list.
    present
        The columns the frame has; required columns absent from it are left to the
        header matcher's message.
    """
    spec = INPUTS[key]
    return pa.DataFrameSchema(
        columns=_column_checks(spec, year, present),
        checks=_frame_checks(key),
        unique=list(unique_keys) or None,
        strict=False,
        coerce=False,
        name=key,
    )


_BUILTIN_RULES = {
    "not_nullable": "{column} is required on every row but is blank here",
    "field_uniqueness": "{column} must be unique, but this value appears on more than one row",
    "multiple_fields_uniqueness": "{columns} must be unique together, but this value appears "
    "on more than one row",
    "column_in_dataframe": "required column {column} is missing",
}


_CODES = {
    "field_uniqueness": "duplicate-value",
    "multiple_fields_uniqueness": "duplicate-value",
    "column_in_dataframe": "missing-column",
}
"""The problem code of a pandera check (``docs/errors.md``); every other check is a value
the column cannot take, ``invalid-value``."""


def failures_to_problems(
    failures: pd.DataFrame,
    source: str,
    origin: Mapping[str, str],
    unique_keys: tuple[str, ...] = (),
    check_columns: Mapping[str, str] | None = None,
    raw: pd.DataFrame | None = None,
) -> list[Problem]:
    """Translate pandera's ``failure_cases`` into one problem per row and rule.

    ``check_columns`` maps the message of a rule across columns to the column it
    is about; pandera reports such a failure once per column, and only that
    column's report is kept. With ``raw`` (the frame as read, canonical columns,
    raw text) a problem shows the value as the file has it (``Offered``, not
    ``True``).
    """
    check_columns = check_columns or {}
    problems: list[Problem] = []
    seen: set[tuple] = set()
    # "index" is renamed: a row tuple's .index is tuple.index
    for case in failures.rename(columns={"index": "row_index"}).itertuples(index=False):
        column = case.column if isinstance(case.column, str) else None
        check = str(case.check)
        if check in check_columns and column != check_columns[check]:
            continue
        if check == "multiple_fields_uniqueness" and unique_keys and column != unique_keys[-1]:
            continue
        name = check.split("(")[0]
        rule_template = _BUILTIN_RULES.get(name)
        if rule_template is not None:
            rule = rule_template.format(column=column, columns=" and ".join(unique_keys))
        else:
            rule = check
        index: Any = case.row_index  # the failing row's label, or missing for a column
        row = None if pd.isna(index) else int(index)
        if (row, rule, column) in seen:
            continue
        seen.add((row, rule, column))
        shown = origin.get(column, column) if column else None
        value = case.failure_case
        if raw is not None and column in raw and row is not None and row in raw.index:
            value = raw[column].get(row, value)
        code = _CODES.get(name, "invalid-value")
        problems.append(Problem.error(source, row, shown, value, rule, code=code))
    return problems


def _key_array(series: pd.Series) -> pyarrow.Array:
    """One key column as an Arrow array: a categorical by its codes, anything else as is."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        return pyarrow.array(series.cat.codes.to_numpy())
    array = pyarrow.array(series, from_pandas=True)
    if isinstance(array, pyarrow.ChunkedArray):
        array = array.combine_chunks() if array.num_chunks else pyarrow.array([], type=array.type)
    return array


def _strictly_increasing(arrays: list[pyarrow.Array]) -> bool:
    """True when the rows' keys (compared column by column) strictly increase."""
    n = len(arrays[0])
    greater = np.zeros(n - 1, dtype=bool)  # already greater on an earlier column
    equal = np.ones(n - 1, dtype=bool)  # equal on every column so far
    for array in arrays:
        later, earlier = array.slice(1), array.slice(0, n - 1)
        gt = pc.greater(later, earlier).to_numpy(zero_copy_only=False).astype(bool)
        eq = pc.equal(later, earlier).to_numpy(zero_copy_only=False).astype(bool)
        greater |= equal & gt
        equal &= eq
        if not (greater | equal).all():
            return False
    return bool(greater.all())


def surely_unique(frame: pd.DataFrame, columns: tuple[str, ...]) -> bool:
    """True when ``columns`` together are never blank and never repeat.

    One sort of the keys (Arrow's ``sort_indices``) and a comparison of
    neighbours: several times faster than hashing millions of strings, which is
    what pandera's own uniqueness checks do. ``False`` means only "not proven":
    the caller then leaves the check to pandera, which finds the rows.
    """
    if not columns or any(c not in frame for c in columns):
        return False
    if len(frame) < 2:
        return not any(frame[c].isna().any() for c in columns)
    arrays = []
    for column in columns:
        array = _key_array(frame[column])
        if array.null_count:
            return False
        if pyarrow.types.is_floating(array.type) and bool(pc.any(pc.is_nan(array)).as_py()):
            return False
        arrays.append(array)
    if _strictly_increasing(arrays):
        return True  # already in order (extracts often are): no sort needed
    names = [f"k{i}" for i in range(len(arrays))]
    table = pyarrow.table(dict(zip(names, arrays, strict=True)))
    ordered = table.take(pc.sort_indices(table, sort_keys=[(n, "ascending") for n in names]))
    same = np.ones(len(frame) - 1, dtype=bool)
    for name in names:
        column = ordered.column(name)
        equal = pc.equal(column.slice(1), column.slice(0, len(frame) - 1))
        same &= equal.to_numpy(zero_copy_only=False).astype(bool)
        if not same.any():
            return True
    return not same.any()


def person_keys(frame: pd.DataFrame, key: str) -> tuple[str, ...]:
    """The columns that must be unique together in a list of people.

    ``person_id`` over the whole file, never per organisation; an assignment-level
    list (``assignment_id`` given, as ESR's Staff in Post) may repeat a person with
    different assignments, so there ``person_id`` and ``assignment_id`` together.
    """
    if "person_id" not in INPUTS[key].unique:
        return ()
    return ("person_id", "assignment_id") if "assignment_id" in frame else ("person_id",)


_UNIQUE_HINTS = {
    ("person_id",): "; if the file lists assignments (one row per post, as ESR's Staff in Post), "
    "give its Assignment Number column so that each person is counted once",
    ("person_id", "assignment_id"): ": the same assignment is listed twice",
}


def validate_frame(
    frame: pd.DataFrame,
    key: str,
    year: int,
    source: str,
    origin: Mapping[str, str],
    raw: pd.DataFrame | None = None,
) -> list[Problem]:
    """Validate one typed input frame; return every failure as a problem, showing the
    value as ``raw`` (the frame as read) has it where given."""
    unique_keys = person_keys(frame, key)
    schema = schema_for(key, year, unique_keys, present=frame.columns)
    # Uniqueness proven by one fast sort is not checked again by pandera's hashing;
    # when it is not proven, pandera checks it and reports the duplicate rows.
    proven = {
        name: {"unique": False}
        for name, column in schema.columns.items()
        if column.unique and surely_unique(frame, (name,))
    }
    if proven:
        schema = schema.update_columns(proven)
    if unique_keys and surely_unique(frame, unique_keys):
        schema.unique = None
    try:
        schema.validate(frame, lazy=True)
    except SchemaErrors as exc:
        check_columns = {c.error: c.name for c in schema.checks}
        problems = failures_to_problems(
            exc.failure_cases, source, origin, unique_keys, check_columns, raw
        )
        hint = _UNIQUE_HINTS.get(unique_keys, "")
        return [
            replace(p, rule=p.rule + hint) if hint and "must be unique" in p.rule else p
            for p in problems
        ]
    return []
