"""Checks a careful analyst makes before believing a figure.

Each finds a shape of export that would give a wrong figure without a word and
turns it into a problem that names the file, the column and the value, and says
what to put in the config:

- an export whose own organisation column names many places (ESR's
  ``Organisation`` is a cost centre) while ``[organisation] column`` is not set,
  or a ``[organisation] column`` with implausibly many organisations (warnings);
- an employee-relations tracker given whole: a column holding other case types
  (grievance, bullying and harassment …) or informal stages that ``keep`` does
  not filter out (an error: every row would count as a formal case);
- a column that says what a canonical column would while none is read as it: a
  training export's course type (mandatory courses would count towards WRES 4),
  an ER tracker's capability reason (ill health would count), a date column of a
  dated input (rows outside the data year would count): errors;
- a classified column whose every value is Unknown (a warning);
- a unit named only in an event file, not in the staff list (a warning);
- an input with no records (an error for the staff list: nothing to compute).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionArray

from .classify import normalise, per_distinct
from .classify._common import word_key
from .contract import ORGANISATION, header_key
from .problems import Problem

ORGANISATION_KEYS = {header_key(h) for h in (ORGANISATION.name, *ORGANISATION.aliases)}

PEOPLE_PER_ORGANISATION = 100
"""Fewer staff per organisation than this, on average, suggests that ``[organisation]
column`` names cost centres or departments: the smallest NHS trusts employ hundreds."""

OTHER_CASES = {
    "disciplinary": (
        "grievance",
        "bullying",
        "harassment",
        "capability",
        "sickness",
        "absence",
        "attendance",
        "ill health",
        "dignity",
        "whistleblowing",
        "flexible working",
        "performance",
    ),
    "capability": (
        "grievance",
        "bullying",
        "harassment",
        "disciplinary",
        "conduct",
        "misconduct",
        "dignity",
        "whistleblowing",
        "flexible working",
        "sickness absence",
        "attendance",
    ),
}
"""Words of case types that are not this input's, by input (``reference/wres.md`` §4:
WRES 3 counts the formal disciplinary process; ``wdes.md`` §5: WDES 3 the formal
capability process)."""

TYPE_HEADER = re.compile(
    r"type|category|kind|process|procedure|reason|nature|classification|subject|issue|allegation"
)
STAGE_HEADER = re.compile(r"stage|level|status|process|formal|phase|step")
INFORMAL = (
    "informal",
    "early resolution",
    "local resolution",
    "fact finding",
    "preliminary",
    "pre formal",
    "advice only",
    "management advice",
)
"""Stage words of the informal part of a process (``Informal``, ``Early Resolution``,
``Fact Finding``): WRES 3 and WDES 3 count entries into the formal process."""
KEEP_VALUES_SHOWN = 20

MANDATORY_WORDS = ("mandatory", "statutory")


def _holds(value: object, words: tuple[str, ...]) -> bool:
    key = normalise(value)
    if key is None:
        return False
    padded = f" {word_key(key)} "
    return any(f" {w} " in padded for w in words)


def _rows_holding(values: pd.Series, words: tuple[str, ...]) -> pd.Series:
    """The values whose words hold one of ``words``, decided once per distinct value."""
    return values[per_distinct(values, lambda u: _holds(u, words), False, dtype=bool)]


def _distinct(series: pd.Series) -> set[str]:
    """The distinct non-blank values of a column as trimmed text, from its categories
    when it is categorical (millions of rows, a few hundred values)."""
    values: np.ndarray | ExtensionArray
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes = np.unique(series.cat.codes.to_numpy())
        values = series.cat.categories.to_numpy(dtype=object)[codes[codes >= 0]]
    else:
        values = pd.unique(series.dropna())
    return {str(v).strip() for v in values if str(v).strip()}


def _value_counts(series: pd.Series) -> pd.Series:
    return series.astype("string").value_counts(sort=True)


def _listed(counts: pd.Series, limit: int = 6) -> str:
    shown = [f'"{v}" ({n:,} rows)' for v, n in counts.iloc[:limit].items()]
    more = len(counts) - limit
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def organisation_columns(
    raw: pd.DataFrame, organisation_column: str | None, source: str
) -> list[Problem]:
    """A file's own organisation column with several values, while no ``[organisation]
    column`` is set: every row is counted in the config's organisation, which is right
    for a cost centre and wrong for a system extract; say which."""
    if organisation_column is not None:
        return []
    problems = []
    for header in raw.columns:
        if header_key(header) not in ORGANISATION_KEYS:
            continue
        distinct = len(_distinct(raw[header]))
        if distinct > 1:
            problems.append(
                Problem.warning(
                    source,
                    None,
                    header,
                    None,
                    f"the column holds {distinct:,} different values, but no [organisation] "
                    "column is set, so every row counts in the config's one organisation. If "
                    "the file holds several organisations, set [organisation] column = "
                    f'"{header}"; if the values are cost centres or departments, they can be '
                    f'a breakdown level with columns = {{ unit = "{header}" }}',
                    code="organisation-column-unset",
                )
            )
    return problems


def many_organisations(staff: pd.DataFrame, organisation_column: str, source: str) -> list[Problem]:
    """Implausibly many organisations for the people in them: a cost centre, probably."""
    if "organisation" not in staff:
        return []
    count = staff["organisation"].nunique()
    if count > 1 and len(staff) < PEOPLE_PER_ORGANISATION * count:
        return [
            Problem.warning(
                source,
                None,
                organisation_column,
                None,
                f"{count:,} organisations for {len(staff):,} staff rows ({len(staff) / count:.1f} "
                "each): each organisation gets its own returns. If this column names cost "
                "centres or departments rather than organisations, remove [organisation] column "
                f'and use it as a breakdown level (columns = {{ unit = "{organisation_column}" }})',
                code="many-organisations",
            )
        ]
    return []


def other_cases(
    key: str, frame: pd.DataFrame, origin: Mapping[str, str], source: str
) -> list[Problem]:
    """Columns of a case input that hold other case types or informal stages.

    Each is an error whose message gives the ``keep`` line that uses only this
    input's rows: the values of the column that are not the foreign ones.
    """
    if key not in OTHER_CASES:
        return []
    read = set(origin.values())
    process = "disciplinary" if key == "disciplinary" else "capability"
    checks = (
        (
            TYPE_HEADER,
            OTHER_CASES[key],
            f"these are not {process} cases, and every row of this input counts as a formal "
            f"{process} case. Use only this input's rows",
        ),
        (
            STAGE_HEADER,
            INFORMAL,
            f"the metric counts entries into the formal {process} process. Keep only the "
            "formal stages",
        ),
    )
    problems = []
    for header in frame.columns:
        if header in read or header in origin:
            continue
        values = frame[header]
        for pattern, words, why in checks:
            if not pattern.search(header_key(header)):
                continue
            foreign = _rows_holding(values, words)
            if not len(foreign):
                continue
            texts = values.dropna().astype("string")
            others = texts[~texts.isin(foreign.astype("string"))].value_counts().index
            keep_list = ", ".join(f'"{v}"' for v in others[:KEEP_VALUES_SHOWN]) or '"…"'
            if len(others) > KEEP_VALUES_SHOWN:
                keep_list += f", … ({len(others) - KEEP_VALUES_SHOWN} more values to list)"
            problems.append(
                Problem.error(
                    source,
                    None,
                    header,
                    None,
                    f"the column holds {_listed(_value_counts(foreign))}: {why} with keep = "
                    f'{{ "{header}" = [{keep_list}] }} in [inputs] {key}',
                    code="foreign-rows",
                )
            )
    return problems


UNREAD_WORDS = {
    ("training", "mandatory"): (
        MANDATORY_WORDS,
        "no column is read as mandatory, so mandatory courses would count towards WRES 4 "
        "(non-mandatory training and CPD)",
        'values = { mandatory = { yes = ["…"], no = ["…"] } }',
    ),
    ("capability", "grounds"): (
        ("ill", "health", "ill health", "sickness", "attendance"),
        "no column is read as the grounds, so every case would count as performance, ill "
        "health included (WDES 3 counts performance only)",
        'values = { grounds = { performance = ["…"], ill_health = ["…"] } }',
    ),
}
"""Columns whose words show they say what a canonical column says, when none is read as it:
(input, column) to (words, what would go wrong, the ``values`` line)."""

DATED = ("applications", "training")
"""Inputs whose rows must fall in the data year: a date column that is not read is an error."""


def _unread(frame: pd.DataFrame, origin: Mapping[str, str]) -> list[str]:
    read = set(origin.values())
    return [h for h in frame.columns if h not in read and h not in origin]


def _looks_like_dates(values: pd.Series) -> bool:
    """Most distinct non-blank values parse as dates (ISO or day-first)."""
    from .classify import parse_date

    distinct = pd.Series(pd.unique(values.dropna().astype(str)))[:200]
    if len(distinct) == 0:
        return False
    parsed, _ = parse_date(distinct)
    return bool(parsed.notna().mean() >= 0.8)


def unread_columns(
    key: str,
    frame: pd.DataFrame,
    origin: Mapping[str, str],
    source: str,
    absent: Collection[str] = (),
) -> list[Problem]:
    """Columns that say what a canonical column would, in a file where none is read as it.

    A training export's ``Course Type`` holding "Statutory & Mandatory" under a header no
    alias knows; an ER tracker's ``Reason for Case`` holding "Ill Health"; an export's
    ``Date Completed``. Each is an error naming the column and the ``columns`` line that
    reads it (or says the file has none): otherwise the figure would be wrong, silently.
    A dated input with no date column at all is a warning. ``absent``: canonical
    columns the config says the file has none of (``columns = { date = false }``).
    """
    problems = []
    for (input_key, canonical), (words, wrong, values_line) in UNREAD_WORDS.items():
        if key != input_key or canonical in frame or canonical in absent:
            continue
        for header in _unread(frame, origin):
            marked = _rows_holding(frame[header], words)
            if len(marked):
                problems.append(
                    Problem.error(
                        source,
                        None,
                        header,
                        None,
                        f"the column holds {_listed(_value_counts(marked))}, but {wrong}. Add "
                        f'columns = {{ {canonical} = "{header}" }} and, if its words are not '
                        f"recognised, {values_line}; or columns = {{ {canonical} = false }} if "
                        "the column means something else",
                        code="unread-answers",
                    )
                )
                break
    if key in DATED and "date" not in frame and "date" not in absent:
        dated = [h for h in _unread(frame, origin) if _looks_like_dates(frame[h])]
        if dated:
            problems.append(
                Problem.error(
                    source,
                    None,
                    dated[0],
                    None,
                    "the column holds dates, but no column is read as the date, so rows from "
                    "outside the data year would be counted. Add "
                    f'columns = {{ date = "{dated[0]}" }}, or columns = {{ date = false }} if '
                    "every row is of the data year",
                    code="no-date-column",
                )
            )
        elif len(frame):
            problems.append(
                Problem.warning(
                    source,
                    None,
                    None,
                    None,
                    "no date column: every row is counted as of the data year; if the file "
                    'has one, name it with columns = { date = "…" }',
                    code="no-date-column",
                )
            )
    return problems


UNKNOWN_OF = {
    "ethnicity": ("ethnic_group", "Unknown"),
    "disability": ("disability_group", "Unknown"),
    "staff_group": ("staff_category", "Unknown"),
}


def all_unknown(frame: pd.DataFrame, origin: Mapping[str, str], source: str) -> list[Problem]:
    """A classified column whose every value fell to Unknown: the wrong column, or an
    export whose codes need ``[mappings]``."""
    if len(frame) == 0:
        return []
    problems = []
    for raw, (classified, unknown) in UNKNOWN_OF.items():
        if raw in frame and classified in frame and _distinct(frame[classified]) == {unknown}:
            problems.append(
                Problem.warning(
                    source,
                    None,
                    origin.get(raw, raw),
                    None,
                    f"every value ({len(frame):,} rows) is Unknown: check that the column holds "
                    f'{raw} (or name the right one with columns = {{ {raw} = "…" }}), or classify '
                    "its values under [mappings]",
                    code="all-unknown",
                )
            )
    if (
        "pay_band" in frame
        and "band" in frame
        and frame["band"].isna().all()
        and frame["medical_subgroup"].isna().all()
    ):
        problems.append(
            Problem.warning(
                source,
                None,
                origin.get("pay_band", "pay_band"),
                None,
                f"no value ({len(frame):,} rows) is a recognised band or medical grade: check "
                "the column, or classify its values under [mappings.pay_band]",
                code="all-unknown",
            )
        )
    return problems


def event_units(
    frames: Mapping[str, pd.DataFrame],
    levels: tuple[str, ...],
    sources: Mapping[str, str],
    keys: tuple[str, ...] = ("disciplinary", "capability", "leavers"),
) -> list[Problem]:
    """Units named in an event file but nowhere in the staff list.

    Rows of people in the staff list take their units from it; these are rows of
    people not in it (leavers, or numbers the staff list lacks) whose own unit
    names differ from ESR's (``Medicine & Urgent Care`` beside ``245 Medicine &
    Urgent Care``): each shows as a unit of its own.
    """
    staff = frames.get("staff")
    if staff is None:
        return []
    problems = []
    for key in keys:
        frame = frames.get(key)
        if frame is None:
            continue
        for level in dict.fromkeys(("directorate", "unit", *levels)):
            if level not in frame or level not in staff:
                continue
            only_names = _distinct(frame[level]) - _distinct(staff[level])
            if only_names:
                named = frame[level].dropna()
                only = named[named.astype(object).map(str).str.strip().isin(list(only_names))]
                problems.append(
                    Problem.warning(
                        sources.get(key, key),
                        None,
                        level,
                        None,
                        f"{_listed(_value_counts(only))} named only here, not in the staff list: "
                        f"each shows as a {level} of its own. They are rows of people in "
                        "neither the staff nor the leavers list, who keep the file's own units; if "
                        "the names "
                        "are ESR's units written another way, make them match (or give the "
                        "file no unit column: columns = { unit = false })",
                        code="only-here",
                    )
                )
    return problems


def no_records(key: str, frame: pd.DataFrame, source: str) -> list[Problem]:
    """An input with a header and no records."""
    if len(frame):
        return []
    if key == "staff":
        return [
            Problem.error(
                source,
                None,
                None,
                None,
                "the staff list holds no records (a header and no rows): there is nothing to "
                "compute. Fill it with the staff in post at the census date",
                code="empty-file",
            )
        ]
    return [
        Problem.warning(
            source,
            None,
            None,
            None,
            "the file holds no records: the metrics that read it show no events",
            code="empty-file",
        )
    ]
