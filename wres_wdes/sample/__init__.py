"""A deterministic synthetic "sample trust": every input of the contract, at any size.

The bundled sample (``sample_data/``) is ``write_sample("sample_data")``: the fictional
*Northfield and Ashby NHS Foundation Trust* (code ``RZZ``) with 6,000 staff in 7
directorates and 15 operating units, reporting year 2024 (census 31 March 2024, data
year 1 April 2023 – 31 March 2024, Staff Survey of autumn 2023). With ``organisations=K``
the staff are spread over *Synthetic Trust 001* … (codes ``S001`` …) of varied size
and ethnic mix. Every person, case and answer is invented; identifiers are synthetic.

Files (one per contract input, UTF-8, comma-separated, never quoted):

============================  ==========================================================
``staff.csv``                 ESR staff list at the census date: ``Employee Number``,
                              ``Ethnic Origin``, ``Disability Flag``, ``Grade``,
                              ``Staff Group``, ``Occupation Code``, ``Organisation``,
                              ``Directorate``, ``Unit``, ``Assignment Category`` (~4%
                              ``Bank``), ``FTE``, ``Gender``, ``Age Band``, ``Hire Date``
``leavers.csv``               ~10% of staff leave in the data year: ``Termination Date``,
                              their own equality data, ``Leaving Reason``; numbers not
                              in the staff list
``applications.csv``          ~3 applications per member of staff: ``Application ID``,
                              ``Shortlisted``, ``Appointed`` (only if shortlisted),
                              ``Ethnicity``/``Disability`` as recruitment systems label
                              them, ``Pay Band``, ``Internal``, ``Guaranteed Interview``,
                              ``Application Date`` (ISO)
``applications_summary.csv``  the same applications counted by organisation and group
                              (see below)
``disciplinary.csv``          entries into the formal process in this and the previous
                              data year: ``Employee Number``, ``Case Start Date``; one
                              duplicated row; a few cases belong to leavers
``capability.csv``            the same for capability, with ``Grounds`` (``Performance``,
                              ``Ill Health``)
``training.csv``              episodes of the data year: ``Course Date`` (ISO),
                              ``Mandatory`` (Y rows are to be left out), ``Course Name``
``board.csv``                 14 members per organisation: ``Member ID``, ``Voting``,
                              ``Executive``, ``Ethnicity``, ``Disability``
``survey_responses.csv``      ~45% of substantive staff: ``respondent_id``,
                              ``survey_year``, unit columns, ``ethnicity`` (survey codes
                              01–18), ``disability`` (q31a: 1 Yes, 2 No) and the 2023
                              question columns ``q2a`` … ``q31b`` (data-formats.md §5)
``survey_results.csv``        the published-figure form of the same answers
============================  ==========================================================

Every file has an ``Organisation`` (or ``organisation``) column. Blanks are empty
fields. Dates are ``dd/mm/yyyy`` in ESR and case files and ``yyyy-mm-dd`` in the
recruitment and training files, as the contract accepts both.

Two files mirror others, so each input form can be tested against the other:

* ``applications_summary.csv`` has columns ``grouping``, ``group``, ``applied``,
  ``shortlisted``, ``appointed``, ``organisation``. ``group`` is White / BME / Unknown
  for ``grouping = ethnicity`` and Disabled / Non-disabled / Unknown for ``grouping =
  disability``; the extra ``grouping`` column tells the two ``Unknown`` rows apart.
  White is a label starting "White" or a code A/B/C; Unknown is blank, "Not stated" or
  Z; BME is any other value. Disabled is Yes, Non-disabled No, Unknown anything else.
* ``survey_results.csv`` (``standard``, ``metric``, ``category``, ``group``,
  ``respondents``, ``positive``, ``organisation``) holds WRES 5–8 (White, BME) and WDES
  4a (public, managers, colleagues), 4b, 5, 6, 7 (Disabled, Non-disabled) and 8
  (Disabled) computed from ``survey_responses.csv`` with the numerators and
  denominators of data-formats.md §5.3.

Disparities are built in, in the national direction and of about national size
(wres.md §9, wdes.md §10): BME staff ~26% overall, more in band 5 and medical grades,
fewer in bands 8a and above; White shortlisted applicants appointed ~1.5× as often as
BME, non-disabled ~1.1× as often as Disabled; BME staff enter the disciplinary process
~1.8× as often, Disabled staff the capability process ~2×; White staff reach
non-mandatory training ~1.1× as often; BME and Disabled staff leave more often; the
board is less diverse than the workforce; survey answers differ as nationally.

Generation is vectorised numpy with one random stream per file derived from ``seed``:
the same arguments give byte-identical files. 1.5 million staff across 200
organisations generate and write in about 12 seconds on two cores
(``benchmarks/bench_sample.py``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ._draw import Calendar
from ._events import applications, board, capability, disciplinary, training
from ._exports import write_exports
from ._survey import survey
from ._table import Table, to_frame, write_csv
from ._workforce import leavers_table, organisations, staff_table, workforce

__all__ = ["FILES", "MIRRORS", "SAMPLE_SEED", "generate", "write_exports", "write_sample"]

SAMPLE_SEED: int = 20240331
"""The seed of the bundled sample trust."""

FILES: dict[str, str] = {
    "staff": "staff.csv",
    "leavers": "leavers.csv",
    "applications": "applications.csv",
    "applications_summary": "applications_summary.csv",
    "disciplinary": "disciplinary.csv",
    "capability": "capability.csv",
    "training": "training.csv",
    "board": "board.csv",
    "survey_responses": "survey_responses.csv",
    "survey_results": "survey_results.csv",
}
"""The file written for each input (config key → file name)."""

MIRRORS = ("applications_summary", "survey_results")
"""Files that restate another (counts of the same records); the config lists them
commented out, since a run takes one form or the other."""

_DESCRIPTIONS = {
    "staff": "ESR staff list at the census date (bank-only staff included)",
    "leavers": "Leavers of the data year, with their own equality data",
    "applications": "Recruitment: one row per application",
    "applications_summary": "... or the same applications counted by group (one form, not both)",
    "disciplinary": "Entries into the formal disciplinary process, this and the previous data year",
    "capability": "Entries into the formal capability process, this and the previous data year",
    "training": "Training episodes of the data year; rows with Mandatory = Y are left out",
    "board": "Board members at the census date",
    "survey_responses": "NHS Staff Survey respondents (the survey of the previous autumn)",
    "survey_results": "... or the figures computed from them (one form, not both)",
}


def _check(staff: int, organisations: int, seed: int, year: int) -> None:
    for name, value in (("staff", staff), ("organisations", organisations), ("seed", seed)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} must be a whole number, not {value!r}")
    if organisations < 1:
        raise ValueError(f"organisations must be at least 1, not {organisations}")
    if staff < organisations:
        raise ValueError(
            f"staff ({staff}) must be at least the number of organisations ({organisations})"
        )
    if seed < 0:
        raise ValueError(f"seed must be zero or more, not {seed}")
    if isinstance(year, bool) or not isinstance(year, int) or not 1990 <= year <= 2100:
        raise ValueError(f"year must be a reporting year such as 2024, not {year!r}")


def _tables(staff: int, organisations_: int, seed: int, year: int) -> dict[str, Table]:
    _check(staff, organisations_, seed, year)
    cal = Calendar.for_year(year)
    orgs = organisations(seed, staff, organisations_)
    work = workforce(seed, orgs, cal)
    record, summary = applications(seed, orgs, cal)
    responses, results = survey(seed, work, orgs, cal)
    return {
        "staff": staff_table(work, orgs, cal),
        "leavers": leavers_table(work, orgs, cal),
        "applications": record,
        "applications_summary": summary,
        "disciplinary": disciplinary(seed, work, orgs, cal),
        "capability": capability(seed, work, orgs, cal),
        "training": training(seed, work, orgs, cal),
        "board": board(seed, orgs),
        "survey_responses": responses,
        "survey_results": results,
    }


def generate(
    staff: int = 6000, organisations: int = 1, seed: int = SAMPLE_SEED, year: int = 2024
) -> dict[str, pd.DataFrame]:
    """Every input of the contract for a synthetic trust (or system of trusts).

    Parameters
    ----------
    staff
        People in post at the census date (bank-only staff included), over all
        organisations.
    organisations
        Number of organisations; with one, the fictional Northfield and Ashby NHS
        Foundation Trust.
    seed
        Seed of the random streams; :data:`SAMPLE_SEED` gives the bundled sample.
    year
        Reporting year: census 31 March ``year``.

    Returns
    -------
    dict of DataFrame
        Keyed by the contract's input keys (:data:`FILES`), with the raw headers of the
        files. Each frame equals reading its CSV with ``pandas.read_csv(path,
        dtype=str, keep_default_na=False, na_values=[""])``: text as pandas' string dtype
        (object before pandas 3), blanks missing; the counts of the two summary files
        are int64.
    """
    return {
        key: to_frame(table) for key, table in _tables(staff, organisations, seed, year).items()
    }


def write_sample(
    out: str | os.PathLike,
    staff: int = 6000,
    organisations: int = 1,
    seed: int = SAMPLE_SEED,
    year: int = 2024,
) -> Path:
    """Write every input as CSV, and a commented ``config.toml``, into ``out``.

    The folder is created if needed; files of the same names are replaced. Arguments as
    for :func:`generate`. Returns the path of ``config.toml``.
    """
    tables = _tables(staff, organisations, seed, year)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for key, table in tables.items():
        write_csv(table, folder / FILES[key])
    config = folder / "config.toml"
    config.write_text(
        _config_text(staff, organisations, seed, year), encoding="utf-8", newline="\n"
    )
    return config


def _config_text(staff: int, organisations: int, seed: int, year: int) -> str:
    from ._catalogue import SYSTEM_CODE, SYSTEM_NAME, TRUST_CODE, TRUST_NAME

    column = ""
    if organisations == 1:
        name, code, what = TRUST_NAME, TRUST_CODE, "a fictional NHS trust"
    else:
        name, code = SYSTEM_NAME, SYSTEM_CODE
        what = f"{organisations} fictional trusts"
        column = 'column = "Organisation"  # each value of this column is an organisation\n'

    inputs = "\n".join(
        f'# {_DESCRIPTIONS[key]}\n{"# " if key in MIRRORS else ""}{key} = "{file}"'
        for key, file in FILES.items()
    )
    return f"""\
# wres_wdes run configuration for synthetic data: {what}, {staff} staff.
# Every person, case and answer is invented by wres_wdes.sample; no real person or
# organisation is described. Regenerate, byte for byte, with
#   wres-wdes sample --staff {staff} --organisations {organisations} --seed {seed} \
--year {year} --out DIR
# or, in Python,
#   wres_wdes.sample.write_sample(DIR, staff={staff}, organisations={organisations}, \
seed={seed}, year={year})

[organisation]
name = "{name}"
code = "{code}"
{column}
[reporting]
year = {year}  # census 31 March {year}; data year 1 April {year - 1} to 31 March {year}

[inputs]  # paths relative to this file
{inputs}

[breakdown]
levels = ["directorate", "unit"]  # columns of the inputs, coarse to fine
"""
