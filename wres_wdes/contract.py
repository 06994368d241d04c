"""The input contract: every input file, its columns, their kinds and their aliases.

This module is the single declaration of what the library reads (``DESIGN.md``,
"Input contract"). Readers match headers against it, schemas are built from it,
``wres-wdes init`` writes empty files with its canonical headers, and
``docs/inputs.md`` is checked against it by a test.

Header matching is case-, space- and punctuation-insensitive: ``Employee Number``,
``EmployeeNumber`` and ``employee_number`` are the same header (see :func:`header_key`).
The ESR names come from public ESR interface layouts (``EmployeeNumber``,
``EthnicOrigin``, ``DisabilityFlag``, ``OccupationCode``, ``AssignmentCategory``;
``reference/data-formats.md`` §3) and from the display names in ESR Business
Intelligence exports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal[
    "id",  # an identifier, kept as text
    "text",  # free text or a unit name, kept as text
    "ethnicity",  # raw ethnic category code or label, classified to White / BME / Unknown
    "disability",  # raw disability value, classified to Disabled / Non-disabled / Unknown
    "pay_band",  # raw grade or pay band, classified to band, medical subgroup, cluster
    "staff_group",  # ESR staff group
    "occupation_code",  # NHS occupation code
    "boolean",  # Y/N, Yes/No, True/False, 1/0
    "date",  # ISO or UK day-first
    "number",  # a non-negative decimal (FTE)
    "count",  # a non-negative whole number
    "year",  # a four-digit year
]


@dataclass(frozen=True)
class Column:
    """One column of an input file.

    Parameters
    ----------
    name
        The canonical (lower-case) name used throughout the library.
    kind
        How the raw value is parsed and checked.
    description
        One line for the data dictionary (``docs/inputs.md``).
    required
        Whether the file must have this column.
    aliases
        Other headers accepted for it, such as ESR's ``Employee Number``.
    """

    name: str
    kind: Kind
    description: str
    required: bool = False
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class InputSpec:
    """One input file of the contract."""

    key: str
    one_row_per: str
    columns: tuple[Column, ...]
    unique: tuple[str, ...] = ()
    takes_units: bool = True
    notes: tuple[str, ...] = field(default=())

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def header_key(header: object) -> str:
    """Fold a header for matching: lower case, letters and digits only.

    >>> header_key(" Employee Number ") == header_key("EmployeeNumber") == "employeenumber"
    True
    """
    return re.sub(r"[^0-9a-z]", "", str(header).lower())


# --- shared column declarations -------------------------------------------------

PERSON_ID = Column(
    "person_id",
    "id",
    "The person's ESR employee number; joins cases, training and leavers to staff.",
    required=True,
    aliases=("Employee Number", "EmployeeNumber", "Employee No", "Staff Number", "Person Number"),
)
ETHNICITY = Column(
    "ethnicity",
    "ethnicity",
    "Ethnic category: a code (A, CY, Z, 99), code and label (A White - British), or label.",
    aliases=("Ethnic Origin", "EthnicOrigin", "Ethnic Group", "Ethnic Category", "Ethnicity Code"),
)
DISABILITY = Column(
    "disability",
    "disability",
    "Disability: Yes/No, Y/N, Not Declared, Prefer not to answer, Unspecified or blank.",
    aliases=("Disability Flag", "DisabilityFlag", "Disabled", "Disability Status"),
)
ORGANISATION = Column(
    "organisation",
    "text",
    "The organisation's name or code; with several, each is a unit of its own.",
    aliases=("Organization", "Organisation Name", "Organization Name", "Org Code", "Trust"),
)
DIRECTORATE = Column(
    "directorate",
    "text",
    "Directorate (or division, care group): a breakdown level.",
    aliases=("Division", "Org L4", "Care Group"),
)
UNIT = Column(
    "unit",
    "text",
    "Operating unit (or department, service line): a finer breakdown level.",
    aliases=("Operating Unit", "Department", "Org L5", "Service Line"),
)
PAY_BAND = Column(
    "pay_band",
    "pay_band",
    "Grade or pay band: Band 5, 5, 8a, Review Body Band 5, XR05, NHS|XR05|Review Body Band 5, "
    "VSM, or a medical grade such as Consultant.",
    aliases=("Grade", "Pay Band", "Payscale", "Pay Scale", "Grade Code", "Band"),
)
STAFF_GROUP = Column(
    "staff_group",
    "staff_group",
    "ESR staff group, such as Nursing and Midwifery Registered or Medical and Dental.",
    aliases=("Staff Group", "JobStaffGroup", "Job Staff Group"),
)
OCCUPATION_CODE = Column(
    "occupation_code",
    "occupation_code",
    "NHS occupation code (N6H, G2A, 013): decides clinical and non-clinical.",
    aliases=("Occupation Code", "OccupationCode", "Occ Code"),
)

UNIT_COLUMNS = (ORGANISATION, DIRECTORATE, UNIT)
CASE_START = Column(
    "start_date",
    "date",
    "Date the case entered the formal process.",
    required=True,
    aliases=("Case Start Date", "Date Opened", "Formal Start Date", "Start Date"),
)
GROUP_COLUMNS = (ETHNICITY, DISABILITY)

STAFF = InputSpec(
    key="staff",
    one_row_per="person in post at the census date (31 March of the reporting year)",
    unique=("person_id",),
    columns=(
        PERSON_ID,
        ETHNICITY,
        DISABILITY,
        PAY_BAND,
        STAFF_GROUP,
        OCCUPATION_CODE,
        *UNIT_COLUMNS,
        Column(
            "assignment_category",
            "text",
            "Assignment category (Permanent, Fixed Term Temp, Bank); bank-only staff are "
            "left out of workforce counts unless configured.",
            aliases=("Assignment Category", "AssignmentCategory", "Employee Category"),
        ),
        Column(
            "fte",
            "number",
            "Full-time equivalent (kept; the metrics count heads).",
            aliases=("FTE", "Contracted WTE", "WTE"),
        ),
        Column("gender", "text", "Gender, for intersectional views.", aliases=("Gender", "Sex")),
        Column(
            "age_band",
            "text",
            "Age band, for intersectional views.",
            aliases=("Age Band", "AgeBand"),
        ),
        Column(
            "sexual_orientation",
            "text",
            "Sexual orientation, for intersectional views.",
            aliases=("Sexual Orientation",),
        ),
        Column(
            "religion",
            "text",
            "Religious belief, for intersectional views.",
            aliases=("Religious Belief", "Religion or Belief"),
        ),
        Column(
            "start_date",
            "date",
            "Date the person started (hire date).",
            aliases=("Hire Date", "HireDate", "Date Started", "NHS Start Date"),
        ),
    ),
)

LEAVERS = InputSpec(
    key="leavers",
    one_row_per="person who left during the reporting year",
    columns=(
        PERSON_ID,
        Column(
            "leave_date",
            "date",
            "Date the person left.",
            required=True,
            aliases=("Termination Date", "ActualTerminationDate", "Leaving Date"),
        ),
        *[c for c in STAFF.columns if c.name != "person_id"],
        Column(
            "leaving_reason",
            "text",
            "Reason for leaving.",
            aliases=("Leaving Reason", "TerminationReason", "Reason for Leaving"),
        ),
    ),
    notes=(
        "A leaver is not in the census staff list, so their own ethnicity and disability "
        "are used where given; blanks are filled from the staff list by person_id.",
    ),
)

APPLICATIONS = InputSpec(
    key="applications",
    one_row_per="application",
    unique=("application_id",),
    columns=(
        Column(
            "application_id",
            "id",
            "The application's identifier.",
            required=True,
            aliases=("Application ID", "Application Number", "Applicant ID", "Candidate ID"),
        ),
        Column(
            "shortlisted",
            "boolean",
            "Whether the applicant was shortlisted.",
            required=True,
            aliases=("Shortlisted", "Short Listed", "Is Shortlisted"),
        ),
        Column(
            "appointed",
            "boolean",
            "Whether the applicant was appointed (offer made); only if shortlisted.",
            required=True,
            aliases=("Appointed", "Offered", "Offer Made", "Is Appointed"),
        ),
        ETHNICITY,
        DISABILITY,
        *UNIT_COLUMNS,
        PAY_BAND,
        STAFF_GROUP,
        Column(
            "internal",
            "boolean",
            "Whether the applicant was already an employee.",
            aliases=("Internal", "Internal Applicant"),
        ),
        Column(
            "guaranteed_interview",
            "boolean",
            "Whether the applicant applied under the guaranteed interview scheme.",
            aliases=(
                "Guaranteed Interview",
                "Guaranteed Interview Scheme",
                "GIS",
                "Disability Confident",
            ),
        ),
        Column(
            "date",
            "date",
            "Application, shortlisting or appointment date.",
            aliases=("Application Date", "Date Applied", "Closing Date"),
        ),
    ),
)

APPLICATIONS_SUMMARY = InputSpec(
    key="applications_summary",
    one_row_per="group (and unit)",
    columns=(
        Column(
            "group",
            "text",
            "White, BME, Unknown, Disabled, Non-disabled (or codes and labels that classify "
            "to them).",
            required=True,
            aliases=("Ethnicity", "Disability", "Group"),
        ),
        Column("applied", "count", "Applications received.", aliases=("Applications", "Applied")),
        Column("shortlisted", "count", "Applicants shortlisted.", required=True),
        Column("appointed", "count", "Applicants appointed from shortlisting.", required=True),
        *UNIT_COLUMNS,
    ),
)

DISCIPLINARY = InputSpec(
    key="disciplinary",
    one_row_per="case entering the formal disciplinary process",
    columns=(
        PERSON_ID,
        CASE_START,
        ETHNICITY,
        DISABILITY,
        *UNIT_COLUMNS,
    ),
)

CAPABILITY = InputSpec(
    key="capability",
    one_row_per="case entering the formal capability process",
    columns=(
        PERSON_ID,
        CASE_START,
        Column(
            "grounds",
            "text",
            "performance or ill health (WDES 3 counts performance only).",
            aliases=("Grounds", "Capability Type", "Reason"),
        ),
        ETHNICITY,
        DISABILITY,
        *UNIT_COLUMNS,
    ),
)

TRAINING = InputSpec(
    key="training",
    one_row_per="non-mandatory training or CPD episode",
    columns=(
        PERSON_ID,
        Column(
            "date",
            "date",
            "Date of the episode.",
            aliases=("Course Date", "Completion Date", "Training Date", "Event Date"),
        ),
        Column(
            "mandatory",
            "boolean",
            "Rows marked mandatory are left out.",
            aliases=("Mandatory", "Statutory/Mandatory", "Is Mandatory"),
        ),
        Column(
            "course",
            "text",
            "Course or CPD activity.",
            aliases=("Course", "Course Name", "Competence Name"),
        ),
        ETHNICITY,
        DISABILITY,
        *UNIT_COLUMNS,
    ),
)

BOARD = InputSpec(
    key="board",
    one_row_per="board member at the census date",
    unique=("member_id",),
    takes_units=False,
    columns=(
        Column(
            "member_id",
            "id",
            "The board member's identifier (not a name).",
            required=True,
            aliases=("Member ID", "Board Member ID", "Member Number"),
        ),
        Column(
            "voting",
            "boolean",
            "Whether the member has a vote on the board.",
            required=True,
            aliases=("Voting", "Voting Member"),
        ),
        Column(
            "executive",
            "boolean",
            "Whether the member is an executive director.",
            required=True,
            aliases=("Executive", "Executive Member", "Exec"),
        ),
        ETHNICITY,
        DISABILITY,
        ORGANISATION,
    ),
)

SURVEY_RESPONSES = InputSpec(
    key="survey_responses",
    one_row_per="staff survey respondent",
    unique=("respondent_id",),
    columns=(
        Column(
            "respondent_id",
            "id",
            "The respondent's identifier.",
            required=True,
            aliases=("Respondent ID", "Response ID", "Serial"),
        ),
        Column(
            "ethnicity",
            "text",
            "The survey's own ethnic group answer (code 01–19 or label); classified by "
            "the survey module, not the ESR code list.",
            aliases=("Ethnic Group", "Ethnic Background"),
        ),
        Column(
            "disability",
            "text",
            "The survey's long-term condition answer (1 Yes, 2 No, or Yes/No).",
            aliases=("Long Term Condition", "Disability Status"),
        ),
        *UNIT_COLUMNS,
        Column(
            "survey_year",
            "year",
            "Year of the survey's fieldwork (autumn).",
            aliases=("Survey Year", "Year"),
        ),
    ),
    notes=("Question columns (q14a, q15, …) are kept as they come; the survey module reads them.",),
)

SURVEY_RESULTS = InputSpec(
    key="survey_results",
    one_row_per="published survey figure",
    columns=(
        Column("standard", "text", "WRES or WDES.", required=True),
        Column("metric", "text", "The metric, such as 5 or 4a.", required=True),
        Column("category", "text", "Sub-item such as public, managers, colleagues."),
        Column("group", "text", "White, BME, Disabled, Non-disabled.", required=True),
        Column("respondents", "count", "Respondents in the group (the base).", required=True),
        Column("positive", "count", "Respondents counted in the figure (give this or percent)."),
        Column("percent", "number", "The published percentage (give this or positive)."),
        Column("score", "number", "WDES 9a: the published engagement score, 0–10."),
        Column(
            "sd",
            "number",
            "WDES 9a: the standard deviation of respondents' scores, for the interval (optional).",
        ),
        *UNIT_COLUMNS,
    ),
)

INPUTS: dict[str, InputSpec] = {
    spec.key: spec
    for spec in (
        STAFF,
        LEAVERS,
        APPLICATIONS,
        APPLICATIONS_SUMMARY,
        DISCIPLINARY,
        CAPABILITY,
        TRAINING,
        BOARD,
        SURVEY_RESPONSES,
        SURVEY_RESULTS,
    )
}
"""Every input of the contract, by its config key."""
