"""A fictional trust's data exports, in the shapes the real systems write them.

:func:`write_exports` writes the files of *Fernbrook Valley NHS Trust* (ESR VPD
``245``; config code ``RFV``) as an analyst receives them from ESR, TRAC, an
employee-relations tracker kept in Excel and a learning-management system, plus a
``config.toml`` that maps those files onto the library's inputs. Unlike
:func:`wres_wdes.sample.write_sample`, whose CSV files already have one row per
person and the contract's column names, these files keep every awkwardness of a
real export: title rows, footers, one row per *assignment*, codes glued to labels,
recruitment wording instead of ESR codes, Windows-1252 text, dates as spreadsheet
cells, free-text departments. Every person, case and number is invented.

With reporting year *N* (default 2024): census 31 March *N*; data year 1 April *N*-1
to 31 March *N*; two-year window from 1 April *N*-2; cases from 1 April *N*-3.

===========================================  ==============================================
file                                         shape, and which system writes it so
===========================================  ==============================================
``ESR Staff in Post 31-03-N.xlsx``           ESR BI "Staff in Post" assignment-level report,
                                             sheet ``Staff in Post``: three title rows
                                             (report name, ``Organisation: 245 …``, report
                                             run time), a blank row, the header on row 5,
                                             one row per **active assignment** (a person
                                             with a second post or a bank contract appears
                                             two or three times, ``Assignment Number``
                                             ``24512345``, ``24512345-2``; exactly one
                                             ``Primary Assignment = Yes``; rows grouped by
                                             cost centre, as ESR sorts them), then a blank
                                             row and an ``Applied filters: …`` footer, as
                                             ESR BI prints its prompts under the table.
                                             ``Organisation`` is ESR's own cost-centre
                                             column (``245 C4123 Ward 7 Acute Medicine``),
                                             not the trust; the hierarchy is ``Org L3``
                                             (trust), ``Org L4`` (directorate), ``Org L5``
                                             (unit), each with the VPD prefix ESR puts in
                                             front of organisation names. ``Ethnic
                                             Origin`` is code and label (``A White -
                                             British``, ``C3 White - Other European``,
                                             ``Z Not Stated`` or blank); ``Grade`` is the
                                             pay-scale code and band (``XN05 Band 5``,
                                             ``MC51 Consultant``); ``Staff Group`` uses the
                                             ESR BI abbreviations (``Add Prof Scientific
                                             and Technic``); ``Occupation Code`` is text
                                             (``N6H``, medical ``013`` with its leading
                                             zero); ``Hire Date`` is a date cell. IDs are
                                             text cells, as ESR exports them.
``ESR Leavers YYYY-YY.xlsx``                 ESR leavers report, sheet ``Leavers``: a title
                                             row, a blank row, the header on row 3, one row
                                             per ended assignment (a leaver with a bank
                                             contract ends it too, so has two rows;
                                             bank-only leavers have one ``Bank`` row);
                                             ``Termination Date`` a date cell, ~5% of them
                                             in the previous data year (the report was run
                                             with a wide date prompt); the leaver's own
                                             ethnicity, disability and units.
``TRAC applications YYYY-YY.csv``            TRAC's applicant equality report: Windows-1252
                                             (TRAC and Excel on Windows write ANSI), CRLF,
                                             a title line above the header, salaries as
                                             ``£28,407 - £34,581`` (quoted, for the
                                             commas), job titles with en dashes and
                                             accents; the applicant's equality answers in
                                             recruitment wording (``White - British``,
                                             ``I do not wish to disclose this``), never ESR
                                             codes; ``Shortlisted``/``Appointed`` written
                                             as words (``Not Shortlisted``); ``Closing
                                             Date`` dd/mm/yyyy, ~3% outside the data year
                                             (vacancies that closed before it started). No
                                             directorate: TRAC does not carry ESR's
                                             hierarchy.
``ER Case Tracker.xlsx``                     the employee-relations team's own workbook,
                                             sheet ``Cases``, header on row 1, one row per
                                             case of every type and stage (informal cases
                                             have no ``Formal Start Date``), over three
                                             data years. Typed by hand, so ``Employee
                                             Number`` is a *number* cell, ``Department`` is
                                             the team's own wording without the VPD prefix
                                             (sometimes the directorate, sometimes out of
                                             date), one row was pasted twice, and some
                                             cases belong to leavers or to numbers found in
                                             neither ESR report.
``Learning Activity YYYY-YY.csv``            a learning-management-system export: UTF-8
                                             with a byte-order mark (as such systems and
                                             Excel's "CSV UTF-8" write), CRLF, one row per
                                             completion, mostly ``Statutory & Mandatory``;
                                             ``Non-Mandatory`` and ``CPD`` rows are what
                                             WRES 4 counts; ``Completion Date`` dd/mm/yyyy,
                                             some outside the data year.
``Board members.csv``                        a list kept by the trust secretary: UTF-8,
                                             14 members (7 ``Executive Director``, 7
                                             ``Non-Executive Director``; 12 voting), ESR-
                                             style ethnicity codes.
``config.toml``                              the run configuration: which columns of these
                                             files are the directorate, unit, start date,
                                             capability grounds and training flag, and
                                             which tracker rows are formal disciplinary and
                                             capability cases.
===========================================  ==============================================

Disparities are of national size: BME ~25% of staff of known ethnicity (more in
nursing and medicine); White shortlisted applicants appointed ~1.5× as often as
BME; BME staff ~2× as likely to enter formal disciplinary, Disabled staff ~2× as
likely to enter formal (performance) capability; White staff ~1.2× as likely to
reach non-mandatory training; BME and Disabled staff leave more often. ~4% of staff
are Disabled, ~20% of unknown disability, ~5% of unknown ethnicity.

The output is byte-identical for the same arguments: every random draw comes from
``numpy.random.default_rng(seed)`` (one spawned stream per file), the workbooks'
properties carry a fixed time and their zip entries a fixed date, and CSV text is
written with fixed line endings.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import xlsxwriter

__all__ = ["write_exports"]

TRUST = "Fernbrook Valley NHS Trust"
CODE = "RFV"
VPD = "245"

# --- structure ---------------------------------------------------------------------------

STAFF_GROUPS = (
    "Nursing and Midwifery Registered",
    "Add Prof Scientific and Technic",
    "Additional Clinical Services",
    "Administrative and Clerical",
    "Allied Health Professionals",
    "Estates and Ancillary",
    "Medical and Dental",
)
NURSING, SCIENTIFIC, SUPPORT, ADMIN, AHP, ESTATES, MEDICAL = range(7)

# directorate, vacancy code, (unit, share of the directorate), staff-group mix
DIRECTORATES = (
    (
        "Medicine & Urgent Care",
        "MUC",
        (
            ("Acute Medicine", 5),
            ("Emergency Department", 4),
            ("Elderly Care", 4),
            ("Respiratory Medicine", 2),
        ),
        (40, 3, 25, 10, 5, 2, 15),
    ),
    (
        "Surgery & Critical Care",
        "SCC",
        (("General Surgery", 4), ("Theatres & Anaesthetics", 4), ("Critical Care", 2)),
        (38, 5, 22, 10, 4, 2, 19),
    ),
    (
        "Women's & Children's",
        "WAC",
        (("Maternity", 3), ("Paediatrics", 2)),
        (45, 3, 22, 12, 3, 1, 14),
    ),
    (
        "Community & Mental Health",
        "CMH",
        (("District Nursing", 3), ("Adult Mental Health", 3), ("Community Therapies", 2)),
        (35, 3, 25, 12, 20, 1, 4),
    ),
    (
        "Clinical Support Services",
        "CSS",
        (("Pathology", 2), ("Imaging", 2), ("Pharmacy", 1.5)),
        (5, 45, 15, 15, 15, 2, 3),
    ),
    (
        "Corporate Services",
        "COR",
        (
            ("Finance & Procurement", 1.5),
            ("Estates & Facilities", 3),
            ("People & Organisational Development", 1.5),
            ("Digital Services", 1.5),
        ),
        (3, 0, 2, 60, 0, 35, 0),
    ),
)
DIRECTORATE_SHARE = (26, 21, 11, 17, 11, 14)

UNITS = tuple((d, unit) for d, spec in enumerate(DIRECTORATES) for unit, _ in spec[2])
UNIT_DIRECTORATE = np.array([d for d, _ in UNITS])
UNIT_WEIGHT = np.array(
    [
        DIRECTORATE_SHARE[d] * share / sum(s for _, s in DIRECTORATES[d][2])
        for d, spec in enumerate(DIRECTORATES)
        for _, share in spec[2]
    ]
)
# BME share of each unit's staff (UNITS order) shifts around its staff groups' shares, in
# log-odds, so units differ as real ones do
# fmt: off
UNIT_BME_SHIFT = np.array((
    -0.5, 0.11, -0.33, 0.28, -0.17, 0.44, 0.0, -0.44, 0.17, -0.28,
    0.33, -0.11, 0.5, 0.06, -0.39, 0.22, -0.22, 0.39, -0.06,
))
# fmt: on

COST_CENTRE_LABELS = (
    "Ward {k}",
    "Nursing",
    "Medical Staffing",
    "Outpatients",
    "Admin & Clerical",
    "Management",
    "Ward {k}",
    "Day Unit",
)

# --- vocabularies ------------------------------------------------------------------------

BAND = {
    b: f"XN{b.zfill(2) if len(b) == 1 else '0' + b} Band {b}"
    for b in ("2", "3", "4", "5", "6", "7", "8A", "8B", "8C", "8D", "9")
}


def _bands(bands: str, weights: Sequence[float]) -> tuple[tuple[str, float], ...]:
    return tuple(zip([BAND[b] for b in bands.split()], weights, strict=True))


# staff group → (grade, weight)
GRADES: tuple[tuple[tuple[str, float], ...], ...] = (
    _bands("5 6 7 8A 8B 8C", (50, 28, 15, 5, 1.5, 0.5)),
    _bands("3 4 5 6 7 8A 8B 8C", (5, 10, 20, 25, 22, 12, 4, 2)),
    _bands("2 3 4", (35, 45, 20)),
    _bands("2 3 4 5 6 7 8A 8B 8C 8D 9", (20, 28, 20, 10, 7, 6, 4, 2.5, 1.3, 0.8, 0.4)),
    _bands("5 6 7 8A 8B", (25, 35, 28, 9, 3)),
    _bands("2 3 4 5 6", (60, 25, 10, 3, 2)),
    (
        ("MC51 Consultant", 40),
        ("MN37 Specialty Registrar", 30),
        ("MS01 Specialty Doctor", 15),
        ("MF01 Foundation Year 1", 15),
    ),
)
OCCUPATION_CODES = (
    ("N6H", "N1C", "N3H", "N7A"),
    ("S1A", "S1C", "S4A"),
    ("H1A", "H2A"),
    ("G2A", "G2C", "G3A"),
    ("S2A", "S2C", "S3B"),
    ("G2A", "G6A"),
    ("013", "113", "213"),
)
# BME share of staff of known ethnicity, by staff group
BME_SHARE = (0.33, 0.22, 0.24, 0.14, 0.16, 0.21, 0.43)

WHITE_ORIGINS = (
    ("A White - British", 80),
    ("B White - Irish", 4),
    ("C White - Any other White background", 10),
    ("C3 White - Other European", 6),
)
BME_ORIGINS = (
    ("D Mixed - White & Black Caribbean", 6),
    ("H Asian or Asian British - Indian", 30),
    ("J Asian or Asian British - Pakistani", 10),
    ("L Asian or Asian British - Any other Asian background", 14),
    ("M Black or Black British - Caribbean", 6),
    ("N Black or Black British - African", 22),
    ("R Chinese", 4),
    ("S Any Other Ethnic Group", 8),
)
UNKNOWN_ORIGINS = (("Z Not Stated", 60), ("", 40))
DISABILITY_FLAGS = (
    ("No", 76),
    ("Yes", 4),
    ("Not Declared", 8),
    ("Prefer Not To Answer", 4),
    ("I do not wish to disclose my disability status", 5),
    ("", 3),
)
AGE_BANDS = (
    ("<=20 Years", 2),
    ("21-25", 9),
    ("26-30", 12),
    ("31-35", 13),
    ("36-40", 12),
    ("41-45", 11),
    ("46-50", 11),
    ("51-55", 12),
    ("56-60", 10),
    ("61-65", 6),
    ("66-70", 1.5),
    (">=71 Years", 0.5),
)
LEAVING_REASONS = (
    ("Voluntary Resignation - Relocation", 20),
    ("Voluntary Resignation - Work Life Balance", 18),
    ("Voluntary Resignation - Promotion", 12),
    ("Voluntary Resignation - Better Reward Package", 6),
    ("Retirement Age", 12),
    ("Flexi Retirement", 4),
    ("End of Fixed Term Contract", 8),
    ("Dismissal - Conduct", 2),
    ("Dismissal - Capability", 1),
    ("Voluntary Resignation - Other/Not Known", 9),
)

APPLICANT_ETHNICITY = (  # (label, weight, group) as TRAC words it
    ("White - British", 44, "White"),
    ("White - Irish", 2, "White"),
    ("White - Any other white background", 10, "White"),
    ("Asian or Asian British - Indian", 15, "BME"),
    ("Black or Black British - African", 16, "BME"),
    ("Mixed - White and Asian", 4, "BME"),
    ("Chinese", 4, "BME"),
    ("I do not wish to disclose this", 5, "Unknown"),
)
APPLICANT_DISABILITY = (
    ("No", 88, "No"),
    ("Yes", 7, "Yes"),
    ("I do not wish to disclose this", 5, ""),
)
SALARY = {
    "2": "£22,383",
    "3": "£22,816 - £24,336",
    "4": "£25,147 - £27,596",
    "5": "£28,407 - £34,581",
    "6": "£35,392 - £42,618",
    "7": "£43,742 - £50,056",
    "8A": "£50,952 - £57,349",
    "8B": "£58,972 - £68,525",
    "Consultant": "£93,666 - £126,281",
    "Specialty Doctor": "£52,530 - £82,400",
}
# job title (with {unit}), weight, salary key; "–" is an en dash, as TRAC titles carry it
JOB_TITLES = (
    ("Staff Nurse – {unit}", 18, "5"),
    ("Sister – {unit}", 6, "6"),
    ("Senior Sister – {unit}", 2, "7"),
    ("Healthcare Support Worker – {unit}", 14, "3"),
    ("Clinical Support Worker", 6, "2"),
    ("Consultant – {unit}", 3, "Consultant"),
    ("Specialty Doctor – {unit}", 3, "Specialty Doctor"),
    ("Ward Clerk – {unit}", 4, "2"),
    ("Medical Secretary", 4, "4"),
    ("Administrator – {unit}", 6, "3"),
    ("Café Assistant", 3, "2"),
    ("Domestic Assistant", 4, "2"),
    ("Porter", 3, "2"),
    ("Physiotherapist", 3, "6"),
    ("Occupational Therapist", 2, "5"),
    ("Biomedical Scientist", 2, "5"),
    ("Radiographer", 2, "6"),
    ("Pharmacy Technician", 2, "4"),
    ("Finance Officer", 2, "5"),
    ("HR Advisor", 2, "6"),
    ("IT Service Desk Analyst", 2, "4"),
    ("Matron – {unit}", 1, "8A"),
    ("Service Manager – {unit}", 1, "8B"),
)

CASE_TYPES = (
    "Disciplinary",
    "Grievance",
    "Bullying and Harassment",
    "Capability",
    "Sickness Absence",
)
FORMAL_STAGES = (("Formal Investigation", 55), ("Formal Hearing", 30), ("Appeal", 15))
OUTCOMES = {
    "Disciplinary": (
        "No case to answer",
        "First written warning",
        "Final written warning",
        "Dismissal",
        "Case withdrawn",
    ),
    "Grievance": ("Upheld", "Partially upheld", "Not upheld"),
    "Bullying and Harassment": ("Upheld", "Not upheld", "Mediation agreed"),
    "Capability": ("Improvement plan completed", "Redeployment", "Dismissal"),
    "Sickness Absence": ("Stage 1 review", "Stage 2 review", "Return to work", "Dismissal"),
}
INFORMAL_OUTCOMES = ("Informal resolution", "Management advice", "No further action")


@dataclass(frozen=True)
class _CaseSpec:
    """One kind of tracker row: entries per year per 2,500 staff and who has them."""

    case_type: str
    per_year: float
    formal_share: float
    capability_type: str = ""  # "Performance", "Ill Health", "mixed" or "" (not capability)
    bme: float = 1.0  # rate multipliers
    disabled: float = 1.0
    leaver: float = 1.0


CASE_SPECS = (
    _CaseSpec("Disciplinary", 60, 1.0, bme=2.0, leaver=1.6),
    _CaseSpec("Disciplinary", 35, 0.0, bme=1.5),
    _CaseSpec("Capability", 24, 1.0, "Performance", disabled=2.0, leaver=1.5),
    _CaseSpec("Capability", 10, 1.0, "Ill Health", disabled=3.0),
    _CaseSpec("Capability", 18, 0.0, "mixed", disabled=2.0),
    _CaseSpec("Grievance", 25, 0.6, bme=1.3),
    _CaseSpec("Bullying and Harassment", 20, 0.5, bme=1.4, disabled=1.5),
    _CaseSpec("Sickness Absence", 70, 0.35, disabled=2.5),
)

MANDATORY_COURSES = (
    ("Fire Safety - Level 1", "e-Learning"),
    ("Information Governance and Data Security", "e-Learning"),
    ("Safeguarding Adults - Level 2", "e-Learning"),
    ("Safeguarding Children - Level 2", "e-Learning"),
    ("Equality, Diversity and Human Rights", "e-Learning"),
    ("Infection Prevention and Control - Level 2", "e-Learning"),
    ("Moving and Handling - Level 2", "Classroom"),
    ("Basic Life Support", "Classroom"),
    ("Conflict Resolution", "e-Learning"),
)
OPTIONAL_COURSES = (
    ("Non-Mandatory", "Leadership Essentials", "Classroom"),
    ("Non-Mandatory", "Coaching Skills for Managers", "Classroom"),
    ("Non-Mandatory", "Project Management Foundations", "e-Learning"),
    ("Non-Mandatory", "Mentoring Programme – Cohort 3", "Classroom"),
    ("Non-Mandatory", "Quality Improvement Bronze", "e-Learning"),
    ("CPD", "Non-Medical Prescribing", "Classroom"),
    ("CPD", "Advanced Clinical Practice Module", "Classroom"),
    ("CPD", "Sepsis Update Study Day", "Classroom"),
    ("CPD", "Clinical Supervision Skills", "Classroom"),
)

BOARD = (  # role, executive, voting
    ("Chair", False, True),
    ("Chief Executive", True, True),
    ("Director of Nursing", True, True),
    ("Medical Director", True, True),
    ("Director of Finance", True, True),
    ("Chief Operating Officer", True, True),
    ("Director of People", True, False),
    ("Director of Strategy & Partnerships", True, False),
    ("Vice Chair", False, True),
    ("Non-Executive Director", False, True),
    ("Non-Executive Director", False, True),
    ("Non-Executive Director", False, True),
    ("Non-Executive Director", False, True),
    ("Non-Executive Director", False, True),
)

STAFF_HEADERS = (
    "Employee Number",
    "Assignment Number",
    "Primary Assignment",
    "Organisation",
    "Org L3",
    "Org L4",
    "Org L5",
    "Ethnic Origin",
    "Disability Flag",
    "Grade",
    "Staff Group",
    "Occupation Code",
    "Assignment Category",
    "FTE",
    "Gender",
    "Age Band",
    "Hire Date",
)
LEAVER_HEADERS = (
    "Employee Number",
    "Assignment Number",
    "Assignment Category",
    "Termination Date",
    "Leaving Reason",
    "Ethnic Origin",
    "Disability Flag",
    "Org L4",
    "Org L5",
    "Grade",
    "Staff Group",
)
APPLICATION_HEADERS = (
    "Application ID",
    "Vacancy Reference",
    "Job Title",
    "Salary",
    "Closing Date",
    "Ethnicity",
    "Disability",
    "Shortlisted",
    "Appointed",
)
CASE_HEADERS = (
    "Case Ref",
    "Employee Number",
    "Case Type",
    "Stage",
    "Date Opened",
    "Formal Start Date",
    "Capability Type",
    "Department",
    "Outcome",
)
LEARNING_HEADERS = (
    "Employee Number",
    "Course Title",
    "Course Type",
    "Completion Date",
    "Delivery Method",
)
BOARD_HEADERS = ("Member ID", "Role Title", "Executive", "Voting", "Ethnicity", "Disability")

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


# --- helpers -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Calendar:
    """The dates of reporting year ``year``."""

    year: int

    @property
    def census(self) -> dt.date:
        return dt.date(self.year, 3, 31)

    @property
    def data_start(self) -> dt.date:
        return dt.date(self.year - 1, 4, 1)

    @property
    def window_start(self) -> dt.date:
        return dt.date(self.year - 2, 4, 1)

    @property
    def span_start(self) -> dt.date:
        return dt.date(self.year - 3, 4, 1)

    @property
    def run_time(self) -> dt.datetime:
        return dt.datetime(self.year, 4, 2, 9, 14)

    @property
    def label(self) -> str:
        """The data year as file names write it: ``2023-24``."""
        return f"{self.year - 1}-{str(self.year)[-2:]}"

    def data_year(self, k: int) -> tuple[dt.date, dt.date]:
        """Data year ``k`` back from the current one (0): its first and last day."""
        return dt.date(self.year - 1 - k, 4, 1), dt.date(self.year - k, 3, 31)


def _pick(rng: np.random.Generator, table: Sequence[tuple], size: int) -> np.ndarray:
    """Indices into ``table`` drawn by the weights in each entry's second field."""
    weights = np.array([row[1] for row in table], dtype=float)
    return rng.choice(len(table), size=size, p=weights / weights.sum())


def _day(rng: np.random.Generator, start: dt.date, end: dt.date) -> dt.date:
    """A day between ``start`` and ``end``, both included."""
    return start + dt.timedelta(days=int(rng.integers(0, (end - start).days + 1)))


def _ddmmyyyy(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _number(fte: float) -> float | int:
    return int(fte) if float(fte).is_integer() else float(fte)


def _vpd(name: str) -> str:
    return f"{VPD} {name}"


def _write_xlsx(
    path: Path, sheet: str, rows: Iterable[Sequence], creator: str, when: dt.datetime
) -> None:
    """A one-sheet workbook: text as text, numbers as numbers, dates as dd/mm/yyyy cells.

    ``rows`` are written from A1 down; an empty row (or ``None`` cell) stays blank.
    XlsxWriter gives its zip entries a fixed date, and the document properties carry
    ``when``, so the same rows give the same bytes.
    """
    wb = xlsxwriter.Workbook(str(path), {"in_memory": True, "strings_to_formulas": False})
    wb.set_properties({"author": creator, "created": when})
    date = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws = wb.add_worksheet(sheet)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, dt.date):
                ws.write_datetime(r, c, value, date)
            elif isinstance(value, int | float | np.integer | np.floating):
                ws.write_number(r, c, value)
            else:
                ws.write_string(r, c, str(value))
    wb.close()


def _write_csv(
    path: Path, header: Sequence[str], rows: Iterable[Sequence], encoding: str, title: str = ""
) -> None:
    buffer = io.StringIO(newline="")
    if title:
        buffer.write(title + "\r\n")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


# --- people ------------------------------------------------------------------------------


@dataclass
class _People:
    """People with one home post each: the census staff, or the leavers."""

    ids: np.ndarray  # int
    unit: np.ndarray  # index into UNITS
    group: np.ndarray  # staff group
    grade: list[str]
    origin: list[str]  # ESR ethnic origin
    ethnic: np.ndarray  # "White", "BME", "Unknown" (how the generator drew it)
    flag: list[str]  # ESR disability flag
    disabled: np.ndarray  # "Yes", "No", "" (how the generator drew it)
    kind: np.ndarray  # "normal", "bank_only", "sub_bank"
    start: list[dt.date]  # hire date
    end: list[dt.date]  # census date, or termination date


def _draw_people(
    rng: np.random.Generator,
    ids: np.ndarray,
    start_dates: list[dt.date],
    end_dates: list[dt.date],
    bme_extra: float,
    disabled_share: float,
    kinds: tuple[float, float, float],
) -> _People:
    n = len(ids)
    unit = rng.choice(len(UNITS), size=n, p=UNIT_WEIGHT / UNIT_WEIGHT.sum())
    group = np.empty(n, dtype=int)
    for d, spec in enumerate(DIRECTORATES):
        mask = UNIT_DIRECTORATE[unit] == d
        weights = np.array(spec[3], dtype=float)
        group[mask] = rng.choice(len(STAFF_GROUPS), size=int(mask.sum()), p=weights / weights.sum())
    grade = [""] * n
    for g, table in enumerate(GRADES):
        where = np.flatnonzero(group == g)
        for i, k in zip(where, _pick(rng, table, len(where)), strict=True):
            grade[i] = table[k][0]
    # ethnicity: ~5% unknown; BME share by staff group, shifted by unit
    logit = np.log(np.array(BME_SHARE)[group] / (1 - np.array(BME_SHARE)[group]))
    p_bme = 1 / (1 + np.exp(-(logit + UNIT_BME_SHIFT[unit] + bme_extra)))
    u = rng.random(n)
    ethnic = np.where(rng.random(n) < 0.05, "Unknown", np.where(u < p_bme, "BME", "White"))
    origin = [""] * n
    for label, table in (
        ("White", WHITE_ORIGINS),
        ("BME", BME_ORIGINS),
        ("Unknown", UNKNOWN_ORIGINS),
    ):
        where = np.flatnonzero(ethnic == label)
        for i, k in zip(where, _pick(rng, table, len(where)), strict=True):
            origin[i] = table[k][0]
    flags: list[tuple[str, float]] = list(DISABILITY_FLAGS)
    flags[1] = ("Yes", disabled_share * 100)
    flags[0] = ("No", 80 - disabled_share * 100)
    flag = [flags[k][0] for k in _pick(rng, flags, n)]
    disabled = np.array([f if f in ("Yes", "No") else "" for f in flag])
    kind = np.array(["normal", "bank_only", "sub_bank"])[
        rng.choice(3, size=n, p=np.array(kinds) / sum(kinds))
    ]
    return _People(
        ids, unit, group, grade, origin, ethnic, flag, disabled, kind, start_dates, end_dates
    )


def _hire_dates(rng: np.random.Generator, n: int, census: dt.date) -> list[dt.date]:
    years = np.minimum(rng.exponential(7.0, size=n), 35.0)
    days = np.maximum((years * 365.25).astype(int), 1)
    return [census - dt.timedelta(days=int(d)) for d in days]


def _second_post(
    rng: np.random.Generator, people: _People, i: int, bank: bool
) -> tuple[int, int, str]:
    """Unit, staff group and grade of a person's other assignment."""
    unit = int(people.unit[i])
    if rng.random() < (0.6 if bank else 0.5):
        same = np.flatnonzero(UNIT_DIRECTORATE[unit] == UNIT_DIRECTORATE)
        unit = int(rng.choice(same)) if rng.random() < 0.5 else unit
    else:
        unit = int(rng.integers(len(UNITS)))
    if people.group[i] == MEDICAL or rng.random() < 0.6:
        group = int(people.group[i])
    else:
        group = SUPPORT if bank else int(rng.choice([SUPPORT, ADMIN, ESTATES]))
    table = GRADES[group]
    return unit, group, table[int(_pick(rng, table, 1)[0])][0]


def _cost_centres(rng: np.random.Generator) -> list[list[str]]:
    """ESR cost centres of each unit: ``245 C4123 Ward 7 Acute Medicine``."""
    numbers = rng.choice(np.arange(1000, 9999), size=len(UNITS) * 8, replace=False)
    out = []
    for u, (_, unit) in enumerate(UNITS):
        count = int(rng.integers(3, 8))
        centres = []
        for j in range(count):
            label = COST_CENTRE_LABELS[j].format(k=int(rng.integers(1, 30)))
            centres.append(f"{VPD} C{numbers[u * 8 + j]} {label} {unit}")
        out.append(centres)
    return out


def _staff_rows(rng: np.random.Generator, staff: _People) -> list[list]:
    """One row per active assignment, in ESR's cost-centre order."""
    n = len(staff.ids)
    centres = _cost_centres(rng)
    # ~12% of people hold two assignments and ~2% three; a substantive-and-bank person
    # (~5%) at least two
    single = 1 + rng.choice(3, size=n, p=[0.90, 0.085, 0.015])
    double = 2 + (rng.random(n) < 0.15)
    count = np.where(staff.kind == "sub_bank", double, single)
    gender = np.where(rng.random(n) < 0.77, "Female", "Male")
    age = _pick(rng, AGE_BANDS, n)
    fte_main = np.array([1, 1, 1, 0.8, 0.6, 0.5, 0.4])[rng.integers(0, 7, size=n)]
    rows = []
    for i in range(n):
        k = int(count[i])
        bank = np.zeros(k, dtype=bool)
        if staff.kind[i] == "bank_only":
            bank[:] = True
        elif staff.kind[i] == "sub_bank":
            bank[int(rng.integers(k))] = True
        eligible = np.flatnonzero(~bank) if (~bank).any() else np.arange(k)
        primary = int(eligible[0]) if rng.random() < 0.8 else int(rng.choice(eligible))
        person = str(staff.ids[i])
        for j in range(k):
            if j == primary:
                unit, group, grade = int(staff.unit[i]), int(staff.group[i]), staff.grade[i]
            else:
                unit, group, grade = _second_post(rng, staff, i, bool(bank[j]))
            fte: float | int
            if bank[j]:
                category, fte = "Bank", 0
            else:
                category = "Fixed Term Temp" if rng.random() < 0.1 else "Permanent"
                fte = _number(fte_main[i]) if j == primary else _number(rng.choice([0.2, 0.4]))
            d, name = UNITS[unit]
            rows.append(
                [
                    person,
                    person if j == 0 else f"{person}-{j + 1}",
                    "Yes" if j == primary else "No",
                    centres[unit][int(rng.integers(len(centres[unit])))],
                    _vpd(TRUST),
                    _vpd(DIRECTORATES[d][0]),
                    _vpd(name),
                    staff.origin[i],
                    staff.flag[i],
                    grade,
                    STAFF_GROUPS[group],
                    OCCUPATION_CODES[group][int(rng.integers(len(OCCUPATION_CODES[group])))],
                    category,
                    fte,
                    gender[i],
                    AGE_BANDS[age[i]][0],
                    staff.start[i],
                ]
            )
    rows.sort(key=lambda r: (r[3], r[0], r[1]))
    for row in rows:  # ESR leaves blank cells empty, not ""
        for c in (7, 8):
            row[c] = row[c] or None
    return rows


def _leaver_rows(rng: np.random.Generator, leavers: _People) -> list[list]:
    """One row per ended assignment: the home post, and a bank contract ended with it."""
    rows = []
    reason = _pick(rng, LEAVING_REASONS, len(leavers.ids))
    for i in range(len(leavers.ids)):
        person = str(leavers.ids[i])
        home = "Bank" if leavers.kind[i] == "bank_only" else ""
        posts = [(home, int(leavers.unit[i]), int(leavers.group[i]), leavers.grade[i])]
        if leavers.kind[i] == "sub_bank":
            posts.append(("Bank", *_second_post(rng, leavers, i, bank=True)))
        for j, p in enumerate(rng.permutation(len(posts))):
            category, unit, group, grade = posts[p]
            if not category:
                category = "Fixed Term Temp" if rng.random() < 0.1 else "Permanent"
            d, name = UNITS[unit]
            rows.append(
                [
                    person,
                    person if j == 0 else f"{person}-{j + 1}",
                    category,
                    leavers.end[i],
                    "Voluntary Resignation - Other/Not Known"
                    if category == "Bank"
                    else LEAVING_REASONS[reason[i]][0],
                    leavers.origin[i] or None,
                    leavers.flag[i] or None,
                    _vpd(DIRECTORATES[d][0]),
                    _vpd(name),
                    grade,
                    STAFF_GROUPS[group],
                ]
            )
    rows.sort(key=lambda r: (r[3], r[0], r[1]))
    return rows


# --- events ------------------------------------------------------------------------------


def _applications(rng: np.random.Generator, staff: int, cal: _Calendar) -> list[list]:
    n_vacancies = max(20, staff // 10)
    n_apps = 3 * staff
    share = np.array(DIRECTORATE_SHARE) / sum(DIRECTORATE_SHARE)
    directorate = rng.choice(len(DIRECTORATES), size=n_vacancies, p=share)
    title_k = _pick(rng, JOB_TITLES, n_vacancies)
    refs = rng.choice(np.arange(1000, 10000), size=n_vacancies, replace=False)
    early = rng.random(n_vacancies) < 0.03
    vacancies = []
    for v in range(n_vacancies):
        d = int(directorate[v])
        units = [unit for unit, _ in DIRECTORATES[d][2]]
        title, _, pay = JOB_TITLES[title_k[v]]
        closing = (
            _day(rng, cal.data_start - dt.timedelta(days=75), cal.data_start - dt.timedelta(days=1))
            if early[v]
            else _day(rng, cal.data_start, cal.census)
        )
        vacancies.append(
            (
                closing,
                f"{VPD}-{DIRECTORATES[d][1]}-{refs[v]}",
                title.format(unit=units[int(rng.integers(len(units)))]),
                SALARY[pay],
            )
        )
    vacancies.sort()
    vacancy = np.sort(rng.integers(0, n_vacancies, size=n_apps))
    ethnic = _pick(rng, APPLICANT_ETHNICITY, n_apps)
    disability = _pick(rng, APPLICANT_DISABILITY, n_apps)
    group = np.array([row[2] for row in APPLICANT_ETHNICITY])[ethnic]
    is_disabled = np.array([row[2] for row in APPLICANT_DISABILITY])[disability] == "Yes"
    p_short = np.where(group == "BME", 0.27, 0.31) + np.where(is_disabled, 0.12, 0.0)
    shortlisted = rng.random(n_apps) < p_short
    p_appoint = np.select([group == "White", group == "BME"], [0.24, 0.16], 0.2)
    p_appoint = p_appoint * np.where(is_disabled, 0.87, 1.0)
    appointed = shortlisted & (rng.random(n_apps) < p_appoint)
    numbers = 12000 + np.sort(rng.choice(n_apps * 4, size=n_apps, replace=False))
    rows = []
    for a in range(n_apps):
        closing, ref, title, salary = vacancies[vacancy[a]]
        rows.append(
            [
                f"APP-{numbers[a]:07d}",
                ref,
                title,
                salary,
                _ddmmyyyy(closing),
                APPLICANT_ETHNICITY[ethnic[a]][0],
                APPLICANT_DISABILITY[disability[a]][0],
                "Shortlisted" if shortlisted[a] else "Not Shortlisted",
                "Appointed" if appointed[a] else "Not Appointed",
            ]
        )
    return rows


@dataclass
class _CaseRow:
    opened: dt.date
    person: int
    case_type: str
    stage: str
    formal: dt.date | None
    capability: str
    department: str
    outcome: str


def _department(rng: np.random.Generator, unit: int) -> str:
    """The tracker's own wording: the unit, sometimes the directorate or an old unit."""
    u = rng.random()
    if u < 0.7:
        return UNITS[unit][1]
    if u < 0.85:
        return DIRECTORATES[UNITS[unit][0]][0]
    return UNITS[int(rng.integers(len(UNITS)))][1]


def _case(
    rng: np.random.Generator,
    cal: _Calendar,
    person: int,
    unit: int | None,
    spec: _CaseSpec,
    day: dt.date,
    formal: bool,
) -> _CaseRow:
    formal_day: dt.date | None = day
    if formal:
        stage = FORMAL_STAGES[int(_pick(rng, FORMAL_STAGES, 1)[0])][0]
        lag = 0 if rng.random() < 0.35 else int(rng.integers(1, 46))
        opened = day - dt.timedelta(days=lag)
        opened = day if opened < cal.span_start else opened  # the tracker starts there
        outcomes = OUTCOMES[spec.case_type]
    else:
        stage, opened, formal_day = "Informal", day, None
        outcomes = INFORMAL_OUTCOMES
    capability = spec.capability_type
    if capability == "mixed":
        capability = "Performance" if rng.random() < 0.65 else "Ill Health"
    outcome = "" if rng.random() < 0.15 else outcomes[int(rng.integers(len(outcomes)))]
    department = (
        _department(rng, unit) if unit is not None else UNITS[int(rng.integers(len(UNITS)))][1]
    )
    return _CaseRow(
        opened, person, spec.case_type, stage, formal_day, capability, department, outcome
    )


def _cases(
    rng: np.random.Generator,
    staff: _People,
    leavers: _People,
    strangers: np.ndarray,
    cal: _Calendar,
) -> list[list]:
    counted = np.flatnonzero(staff.kind != "bank_only")
    departed = np.flatnonzero(leavers.kind != "bank_only")
    ids = np.concatenate([staff.ids[counted], leavers.ids[departed]])
    unit = np.concatenate([staff.unit[counted], leavers.unit[departed]])
    ethnic = np.concatenate([staff.ethnic[counted], leavers.ethnic[departed]])
    disabled = np.concatenate([staff.disabled[counted], leavers.disabled[departed]])
    is_leaver = np.arange(len(ids)) >= len(counted)
    start = [staff.start[i] for i in counted] + [cal.span_start] * len(departed)
    end = [staff.end[i] for i in counted] + [leavers.end[i] for i in departed]
    scale = len(counted) / 2500
    rows: list[_CaseRow] = []
    for spec in CASE_SPECS:
        weight = (
            np.where(ethnic == "BME", spec.bme, np.where(ethnic == "Unknown", 1.3, 1.0))
            * np.where(disabled == "Yes", spec.disabled, np.where(disabled == "", 1.2, 1.0))
            * np.where(is_leaver, spec.leaver, 1.0)
        )
        for k in range(3):
            first, last = cal.data_year(k)
            p = np.minimum(spec.per_year * scale * weight / weight.sum(), 1.0)
            for i in np.flatnonzero(rng.random(len(ids)) < p):
                day = _day(rng, first, last)
                if not start[i] <= day <= end[i]:
                    continue
                formal = bool(rng.random() < spec.formal_share)
                rows.append(_case(rng, cal, int(ids[i]), int(unit[i]), spec, day, formal))
    # a few people with a second formal disciplinary case in the same data year
    formal_disc = [
        r
        for r in rows
        if r.case_type == "Disciplinary" and r.formal is not None and r.formal >= cal.window_start
    ]
    where = {int(p): i for i, p in enumerate(ids)}
    chosen = rng.choice(len(formal_disc), size=min(3, len(formal_disc)), replace=False)
    for r in [formal_disc[int(j)] for j in chosen]:
        k = 0 if r.formal is not None and r.formal >= cal.data_start else 1  # all formal
        first, last = cal.data_year(k)
        at = where[r.person]
        day = _day(rng, max(first, start[at]), min(last, end[at]))
        rows.append(_case(rng, cal, r.person, int(unit[at]), CASE_SPECS[0], day, True))
    # cases of numbers in neither ESR report: people who left before the leavers report's
    # dates (their cases are of the previous data year), or numbers mistyped
    for j, person in enumerate(strangers):
        spec = CASE_SPECS[(0, 0, 2, 5, 0)[j % 5]]
        day = _day(rng, cal.window_start, cal.data_start - dt.timedelta(days=1))
        rows.append(_case(rng, cal, int(person), None, spec, day, True))
    rows.sort(key=lambda r: (r.opened, r.person, r.case_type, r.stage))
    out: list[list[Any]] = []
    seq: dict[int, int] = {}
    for r in rows:
        seq[r.opened.year] = seq.get(r.opened.year, 0) + 1
        out.append(
            [
                f"ER-{r.opened.year}-{seq[r.opened.year]:04d}",
                r.person,
                r.case_type,
                r.stage,
                r.opened,
                r.formal,
                r.capability or None,
                r.department,
                r.outcome or None,
            ]
        )
    # one row pasted twice: a formal disciplinary case of a member of staff
    staff_ids = set(staff.ids[counted].tolist())
    candidates = [
        i
        for i, row in enumerate(out)
        if row[2] == "Disciplinary"
        and row[5] is not None
        and row[5] >= cal.window_start
        and row[1] in staff_ids
    ]
    if candidates:
        twin = candidates[int(rng.integers(len(candidates)))]
        out.insert(twin + 1, list(out[twin]))
    return out


def _learning(
    rng: np.random.Generator, staff: _People, leavers: _People, cal: _Calendar
) -> list[list]:
    before = (cal.data_start - dt.timedelta(days=90), cal.data_start - dt.timedelta(days=1))
    after = (cal.census + dt.timedelta(days=1), cal.census + dt.timedelta(days=10))
    rows = []

    def episodes(person: str, p_optional: float, mandatory: float, last: dt.date) -> None:
        """A person's completions; in the data year, none after ``last`` (leaving)."""
        for _ in range(int(rng.poisson(mandatory))):
            title, method = MANDATORY_COURSES[int(rng.integers(len(MANDATORY_COURSES)))]
            day = _day(rng, cal.data_start, last)
            rows.append((person, title, "Statutory & Mandatory", day, method))
        if rng.random() < 0.3:  # a completion just outside the data year
            title, method = MANDATORY_COURSES[int(rng.integers(len(MANDATORY_COURSES)))]
            rows.append((person, title, "Statutory & Mandatory", _day(rng, *before), method))
        if rng.random() < p_optional:
            for _ in range(1 + int(rng.poisson(0.6))):
                kind, title, method = OPTIONAL_COURSES[int(rng.integers(len(OPTIONAL_COURSES)))]
                rows.append((person, title, kind, _day(rng, cal.data_start, last), method))
        elif rng.random() < 0.06:  # non-mandatory, but outside the data year
            kind, title, method = OPTIONAL_COURSES[int(rng.integers(len(OPTIONAL_COURSES)))]
            window = before if rng.random() < 0.7 else after
            rows.append((person, title, kind, _day(rng, *window), method))

    for i in range(len(staff.ids)):
        if staff.kind[i] == "bank_only":
            p = 0.2
        else:
            p = {"White": 0.46, "BME": 0.38, "Unknown": 0.42}[str(staff.ethnic[i])]
        episodes(str(staff.ids[i]), p, 4.5, cal.census)
    for i in np.flatnonzero(rng.random(len(leavers.ids)) < 0.1).tolist():
        if leavers.end[i] >= cal.data_start:  # a few completions before they left
            episodes(str(leavers.ids[i]), 0.4, 2.0, leavers.end[i])
    rows.sort(key=lambda r: (r[0], r[3], r[1]))
    return [[p, title, kind, _ddmmyyyy(day), method] for p, title, kind, day, method in rows]


def _board(rng: np.random.Generator) -> list[list]:
    n = len(BOARD)
    order = rng.permutation(n)
    bme, unknown = set(order[:2].tolist()), int(order[2])
    disability = rng.permutation(n)
    rows = []
    for m, (role, executive, voting) in enumerate(BOARD):
        if m in bme:
            origin = BME_ORIGINS[int(_pick(rng, BME_ORIGINS, 1)[0])][0]
        elif m == unknown:
            origin = "Z Not Stated"
        else:
            origin = WHITE_ORIGINS[int(_pick(rng, WHITE_ORIGINS, 1)[0])][0]
        disabled = {int(disability[0]): "Yes", int(disability[1]): "Prefer not to say"}
        rows.append(
            [
                f"BM{m + 1:02d}",
                role,
                "Executive Director" if executive else "Non-Executive Director",
                "Yes" if voting else "No",
                origin,
                disabled.get(m, "No"),
            ]
        )
    return rows


# --- files -------------------------------------------------------------------------------


def _file_names(cal: _Calendar) -> dict[str, str]:
    return {
        "staff": f"ESR Staff in Post 31-03-{cal.year}.xlsx",
        "leavers": f"ESR Leavers {cal.label}.xlsx",
        "applications": f"TRAC applications {cal.label}.csv",
        "cases": "ER Case Tracker.xlsx",
        "training": f"Learning Activity {cal.label}.csv",
        "board": "Board members.csv",
    }


def _config_text(names: dict[str, str], year: int) -> str:
    formal = '"Stage" = ["Formal Investigation", "Formal Hearing", "Appeal"]'
    return f"""\
# wres_wdes configuration for the exports of a fictional trust, as ESR, TRAC,
# an employee-relations tracker and a learning system write them (wres_wdes.sample.write_exports).
[organisation]
name = "{TRUST}"
code = "{CODE}"

[reporting]
year = {year}

[inputs]
staff = {{ path = "{names["staff"]}", columns = {{ directorate = "Org L4", unit = "Org L5" }} }}
leavers = {{ path = "{names["leavers"]}", columns = {{ directorate = "Org L4", unit = "Org L5" }} }}
applications = "{names["applications"]}"
disciplinary = {{ path = "{names["cases"]}", columns = {{ start_date = "Formal Start Date" }}, \
keep = {{ "Case Type" = ["Disciplinary"], {formal} }} }}
capability = {{ path = "{names["cases"]}", columns = {{ start_date = "Formal Start Date", \
grounds = "Capability Type" }}, keep = {{ "Case Type" = ["Capability"], {formal} }} }}
training = {{ path = "{names["training"]}", columns = {{ mandatory = "Course Type", \
date = "Completion Date" }}, values = {{ mandatory = {{ yes = ["Statutory & Mandatory"], \
no = ["Non-Mandatory", "CPD"] }} }} }}
board = "{names["board"]}"

[breakdown]
levels = ["directorate", "unit"]
"""


def write_exports(
    out: str | os.PathLike, staff: int = 2500, seed: int = 20240331, year: int = 2024
) -> Path:
    """Write a fictional trust's ESR, TRAC, tracker, learning and board files.

    The files (module docstring) are those an analyst at *Fernbrook Valley NHS
    Trust* would be sent, in the shapes the systems write them, with a
    ``config.toml`` mapping them onto the library's inputs. The same arguments give
    byte-identical files.

    Parameters
    ----------
    out
        Folder to write into; created if needed. Files of the same names are replaced.
    staff
        People in the census staff list (bank-only people included), 100 to 60,000.
        Leavers (~10%), applications (~3 per person), cases and training scale with it.
    seed
        Seed of ``numpy.random.default_rng``; one stream is spawned per file.
    year
        Reporting year: census 31 March ``year``, data year from 1 April ``year - 1``.

    Returns
    -------
    pathlib.Path
        The path of ``config.toml``.

    Examples
    --------
    >>> import wres_wdes
    >>> config = write_exports("exports")                     # doctest: +SKIP
    >>> results = wres_wdes.calculate(wres_wdes.load(config))  # doctest: +SKIP
    """
    for name, value in (("staff", staff), ("seed", seed), ("year", year)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{name} must be a whole number, not {value!r}")
    if not 100 <= staff <= 60_000:
        raise ValueError(f"staff must be between 100 and 60,000, not {staff}")
    if seed < 0:
        raise ValueError(f"seed must be zero or more, not {seed}")
    if not 2000 <= year <= 2100:
        raise ValueError(f"year must be a reporting year such as 2024, not {year}")
    cal = _Calendar(year)
    (
        rng_people,
        rng_staff,
        rng_leavers,
        rng_applications,
        rng_cases,
        rng_learning,
        rng_board,
    ) = np.random.default_rng(seed).spawn(7)

    # employee numbers: 8 digits beginning with the VPD, unique over everyone
    n_leavers = round(0.1 * staff)
    n_strangers = 5
    pool = 24510000 + rng_people.choice(89990, size=staff + n_leavers + n_strangers, replace=False)
    census_people = _draw_people(
        rng_people,
        pool[:staff],
        _hire_dates(rng_people, staff, cal.census),
        [cal.census] * staff,
        bme_extra=0.0,
        disabled_share=0.04,
        kinds=(0.90, 0.05, 0.05),
    )
    previous = rng_people.random(n_leavers) < 0.05
    ends = [
        _day(rng_people, *cal.data_year(1)) if old else _day(rng_people, *cal.data_year(0))
        for old in previous
    ]
    leavers = _draw_people(
        rng_people,
        pool[staff : staff + n_leavers],
        [cal.span_start] * n_leavers,
        ends,
        bme_extra=0.3,
        disabled_share=0.06,
        kinds=(0.88, 0.07, 0.05),
    )
    strangers = pool[staff + n_leavers :]

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    names = _file_names(cal)

    footer = (
        f"Applied filters: Organisation is {_vpd(TRUST)}; Assignment Status is Active "
        f"Assignment; Effective Date is {_ddmmyyyy(cal.census)}"
    )
    _write_xlsx(
        folder / names["staff"],
        "Staff in Post",
        [
            ["Staff in Post - Assignment Level Detail"],
            [f"Organisation: {_vpd(TRUST)}"],
            [f"Report run: {cal.run_time:%d/%m/%Y %H:%M}"],
            [],
            STAFF_HEADERS,
            *_staff_rows(rng_staff, census_people),
            [],
            [footer],
        ],
        "ESR Business Intelligence",
        cal.run_time,
    )
    _write_xlsx(
        folder / names["leavers"],
        "Leavers",
        [["Leavers - Assignment Level"], [], LEAVER_HEADERS, *_leaver_rows(rng_leavers, leavers)],
        "ESR Business Intelligence",
        cal.run_time,
    )
    _write_csv(
        folder / names["applications"],
        APPLICATION_HEADERS,
        _applications(rng_applications, staff, cal),
        encoding="cp1252",
        title=f"Applicant Equality Report - {TRUST}",
    )

    _write_xlsx(
        folder / names["cases"],
        "Cases",
        [CASE_HEADERS, *_cases(rng_cases, census_people, leavers, strangers, cal)],
        "Employee Relations Team",
        cal.run_time,
    )

    _write_csv(
        folder / names["training"],
        LEARNING_HEADERS,
        _learning(rng_learning, census_people, leavers, cal),
        encoding="utf-8-sig",
    )
    _write_csv(folder / names["board"], BOARD_HEADERS, _board(rng_board), encoding="utf-8")

    config = folder / "config.toml"
    config.write_text(_config_text(names, year), encoding="utf-8", newline="\n")
    return config
