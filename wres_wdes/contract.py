"""The input contract: every input file, its columns, their kinds, words and checks.

This module is the single declaration of what the library reads (``DESIGN.md``,
"Input contract"). Readers match headers against it, standardising reads the
words each yes/no column accepts from it, schemas are built from its checks,
``wres-wdes init`` writes empty files with its canonical headers, and
``docs/inputs.md`` is generated from it (a test fails when the two differ).

Header matching is case-, space- and punctuation-insensitive: ``Employee Number``,
``EmployeeNumber`` and ``employee_number`` are the same header (see :func:`header_key`).
The ESR names come from public ESR interface layouts (``EmployeeNumber``,
``EthnicOrigin``, ``DisabilityFlag``, ``OccupationCode``, ``AssignmentCategory``,
``AssignmentNumber``, ``PrimaryAssignment``; ``reference/data-formats.md`` §3) and
from the display names in ESR Business Intelligence exports (``Org L4``). A run's
config may name any column's header itself (``columns``) and a yes/no column's own
words (``values``); see :mod:`wres_wdes.config`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
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
    "boolean",  # Y/N, Yes/No, True/False, 1/0, and the column's own words
    "grounds",  # capability grounds: performance or ill health
    "date",  # ISO or UK day-first
    "number",  # a non-negative decimal (FTE)
    "count",  # a non-negative whole number
    "year",  # a four-digit year
]

ANSWERS: dict[str, tuple[str, ...]] = {
    "boolean": ("yes", "no"),
    "grounds": ("performance", "ill_health"),
}
"""The answers of each kind that has words: a config's ``values`` table gives, for a
column of such a kind, more words for each answer (``values = { shortlisted = { yes =
["Shortlisted"], no = ["Not Shortlisted"] } }``)."""


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
    words
        For a kind with answers (:data:`ANSWERS`): the words the systems that write
        this column use for each answer, beyond the kind's own (``Shortlisted`` /
        ``Not Shortlisted`` as a TRAC report writes them). Matched on their words
        (case, spaces and punctuation ignored; ``&`` is ``and``).
    matched
        ``False`` for a column never found by its header alone: the organisation,
        which only ``[organisation] column`` names (ESR's own ``Organisation``
        column is a cost centre, not a trust).
    weak_aliases
        Headers that may hold the column but may mean something near it (a case's
        ``Date Opened`` for the date it entered the formal process): matched only
        when no alias is, and then with a warning naming the header.
    """

    name: str
    kind: Kind
    description: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    matched: bool = True
    weak_aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class AtMost:
    """A rule across columns: ``column`` is at most ``limit`` (another column or a
    number) on every row where both are given."""

    column: str
    limit: str | float
    message: str


@dataclass(frozen=True)
class Implies:
    """A rule across columns: where ``column`` is yes, ``requires`` must be yes."""

    column: str
    requires: str
    message: str


@dataclass(frozen=True)
class AnyOf:
    """A rule across columns: every row gives at least one of ``columns``; the failure
    is reported under the first."""

    columns: tuple[str, ...]
    message: str


Check = AtMost | Implies | AnyOf


@dataclass(frozen=True)
class InputSpec:
    """One input file of the contract.

    Attributes
    ----------
    key
        The config key (``[inputs] staff = ...``).
    one_row_per
        What a row is, for the data dictionary.
    columns
        Every column the library reads from it.
    unique
        Identifier columns that may not repeat (``person_id`` of a staff list may
        repeat with different ``assignment_id`` values: see :mod:`wres_wdes.people`).
    takes_units
        Whether the rows carry breakdown units.
    notes
        Further sentences for the data dictionary.
    checks
        Rules across columns (:class:`AtMost`, :class:`Implies`, :class:`AnyOf`).
    errors, exclusions
        What stops a run and what is left out (with its reason in
        ``reconciliation.csv``) or warned about, for the data dictionary.
    """

    key: str
    one_row_per: str
    columns: tuple[Column, ...]
    unique: tuple[str, ...] = ()
    takes_units: bool = True
    notes: tuple[str, ...] = field(default=())
    checks: tuple[Check, ...] = ()
    errors: str = ""
    exclusions: str = ""

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
    "The organisation, in a run of several: only the column that `[organisation] column` "
    "names (each value is an organisation and a unit of its own). Without it every row "
    "belongs to the config's one organisation, whatever a file's own Organisation column "
    "says (in ESR that is a cost centre).",
    aliases=("Organization", "Organisation Name", "Organization Name", "Org Code", "Trust"),
    matched=False,
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
    "Grade or pay band: Band 5, 5, 8a, Review Body Band 5, XR05, XN05 Band 5, "
    "NHS|XR05|Review Body Band 5, VSM, or a medical grade such as Consultant or "
    "MC51 Consultant.",
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
ASSIGNMENT_ID = Column(
    "assignment_id",
    "id",
    "The assignment (post) of a row in an assignment-level list, as ESR's Staff in Post "
    "writes them: a person_id may repeat with different assignment_id values and is then "
    "one person, counted once.",
    aliases=("Assignment Number", "AssignmentNumber", "Assignment No", "Assignment ID"),
)
PRIMARY_ASSIGNMENT = Column(
    "primary_assignment",
    "boolean",
    "Whether the row is the person's primary assignment, whose band, staff group and "
    "units are the person's.",
    aliases=("Primary Assignment", "PrimaryAssignment", "Primary Flag", "Primary Assignment Flag"),
    words={"yes": ("Primary",), "no": ("Secondary", "Not Primary")},
)

UNIT_COLUMNS = (ORGANISATION, DIRECTORATE, UNIT)
CASE_START = Column(
    "start_date",
    "date",
    "Date the case entered the formal process.",
    required=True,
    aliases=(
        "Formal Start Date",
        "Formal Process Start Date",
        "Date Formal Process Started",
        "Date Entered Formal Process",
        "Formal Date",
        "Case Start Date",
        "Start Date",
    ),
    weak_aliases=("Date Opened", "Opened", "Date Raised", "Case Opened"),
)
GROUP_COLUMNS = (ETHNICITY, DISABILITY)

STAFF = InputSpec(
    key="staff",
    one_row_per="person, or assignment, in post at the census date (31 March of the "
    "reporting year)",
    unique=("person_id",),
    columns=(
        PERSON_ID,
        ASSIGNMENT_ID,
        PRIMARY_ASSIGNMENT,
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
    notes=(
        "An assignment-level list (ESR Staff in Post) is counted in people: rows that repeat "
        "a `person_id` with different `assignment_id` values are one person, whose band, "
        "staff group and units come from the primary assignment (`primary_assignment`; "
        "without that column, the assignment number without a `-2`, `-3` suffix, or the "
        "lowest suffix, or else the first row). A person is bank-only only when every "
        "assignment is bank. `person_id` is unique over the whole file, never per "
        "organisation.",
    ),
    errors="a blank `person_id`; a `person_id` repeated without an `assignment_id` to tell "
    "its rows apart, or with the same `assignment_id` twice; a file with no records",
    exclusions="further assignments of a person, folded into the primary one; bank-only "
    "staff unless `options.include_bank`; unrecognised codes counted as Unknown (warning); a "
    "column whose every value is Unknown (warning)",
)

LEAVERS = InputSpec(
    key="leavers",
    one_row_per="person (or assignment) that left during the reporting year",
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
        "A leaver is not in the census staff list, so their own ethnicity, disability and "
        "units are used; blanks are filled from the staff list by person_id. A person with "
        "several leaver rows (one per ended assignment) is one leaver; a leaver row of a "
        "bank assignment is not a leaver of the workforce counted (unless "
        "`options.include_bank`).",
    ),
    errors="a blank `person_id` or `leave_date`",
    exclusions="leavers outside the data year; bank assignments unless `options.include_bank`; "
    "further rows of the same leaver; people still in post in the census staff list",
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
            words={
                "yes": ("Shortlisted", "Short listed", "Invited to interview"),
                "no": ("Not Shortlisted", "Not Short listed", "Not invited to interview"),
            },
        ),
        Column(
            "appointed",
            "boolean",
            "Whether the applicant was appointed (offer made); only if shortlisted.",
            required=True,
            aliases=("Appointed", "Offered", "Offer Made", "Is Appointed"),
            words={
                "yes": ("Appointed", "Offered", "Offer made", "Conditional offer"),
                "no": ("Not Appointed", "Not Offered", "No offer"),
            },
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
            words={"yes": ("Internal",), "no": ("External",)},
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
            aliases=(
                "Application Date",
                "Date Applied",
                "Date Received",
                "Received Date",
                "Date Submitted",
                "Submitted Date",
                "Closing Date",
            ),
        ),
    ),
    checks=(
        Implies(
            "appointed",
            "shortlisted",
            "an applicant can be appointed only if shortlisted: appointed is Yes "
            "but shortlisted is No",
        ),
    ),
    errors="a blank or repeated `application_id`; `appointed` without `shortlisted`; a "
    "shortlisted or appointed word that is neither a yes nor a no",
    exclusions="applications dated outside the data year",
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
    checks=(
        AtMost("appointed", "shortlisted", "appointed must not exceed shortlisted"),
        AtMost("shortlisted", "applied", "shortlisted must not exceed applied"),
    ),
    errors="a group that is not White, BME, Disabled, Non-disabled or Unknown; counts that "
    "are not whole numbers ≥ 0; appointed > shortlisted or shortlisted > applied",
)

CASE_NOTE = (
    "An employee-relations tracker holds every case type and stage: give `keep` to use "
    'only this input\'s rows (`keep = { "Case Type" = ["Disciplinary"] }`) and `columns` '
    "for the formal start date. A case of a person in the staff list takes that person's "
    "ethnicity, disability and units from the staff list (the ESR record is the "
    "authority), and a person in the leavers list takes their units from it; its own "
    "units are used only for people in neither list."
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
    notes=(CASE_NOTE,),
    errors="a blank `person_id` or `start_date`; a column holding other case types "
    "(grievance, capability, …) or informal stages that `keep` does not filter out",
    exclusions="rows `keep` leaves out, by value; cases outside the window "
    "(`options.disciplinary_window`); duplicate rows for the same person and start date "
    "(warning, counted once); a two-year window with no case in one of its years (warning)",
)

CAPABILITY = InputSpec(
    key="capability",
    one_row_per="case entering the formal capability process",
    columns=(
        PERSON_ID,
        CASE_START,
        Column(
            "grounds",
            "grounds",
            "performance or ill health (WDES 3 counts performance only).",
            aliases=("Grounds", "Capability Type", "Capability Grounds", "Reason"),
            words={
                "performance": (
                    "performance",
                    "conduct",
                    "competence",
                    "competency",
                    "skills",
                    "skill",
                    "improve",
                    "improvement",
                    "standard",
                    "standards",
                    "quality",
                    "knowledge",
                ),
                "ill_health": (
                    "ill",
                    "health",
                    "ill-health",
                    "sickness",
                    "sick",
                    "attendance",
                    "medical",
                    "absence",
                ),
            },
        ),
        ETHNICITY,
        DISABILITY,
        *UNIT_COLUMNS,
    ),
    notes=(
        CASE_NOTE,
        "Grounds are read word by word: a value naming a word of ill health (ill, health, "
        "sickness, attendance, absence, medical) is ill health; else one naming a word of "
        "performance (performance, competence, skills, improvement, standards, …) is "
        "performance.",
    ),
    errors="a blank `person_id` or `start_date`; `grounds` that name neither performance nor "
    "ill health; a column holding other case types or informal stages that `keep` does not "
    "filter out",
    exclusions="rows `keep` leaves out; cases outside the window (`options.capability_window`); "
    "duplicate rows; ill-health capability unless `options.capability_include_ill_health`; "
    "blank grounds counted as performance (warning)",
)

TRAINING = InputSpec(
    key="training",
    one_row_per="training or CPD episode (rows marked mandatory are left out)",
    columns=(
        PERSON_ID,
        Column(
            "date",
            "date",
            "Date of the episode.",
            aliases=(
                "Course Date",
                "Completion Date",
                "Date Completed",
                "Completed Date",
                "Completed On",
                "Training Date",
                "Event Date",
                "Attended Date",
            ),
        ),
        Column(
            "mandatory",
            "boolean",
            "Whether the course is statutory or mandatory; those rows are left out "
            "(WRES 4 counts non-mandatory training and CPD).",
            aliases=(
                "Mandatory",
                "Statutory/Mandatory",
                "Is Mandatory",
                "Course Type",
                "Training Type",
            ),
            words={
                "yes": (
                    "Statutory & Mandatory",
                    "Statutory and Mandatory",
                    "Statutory/Mandatory",
                    "Stat & Mand",
                    "Mandatory",
                    "Statutory",
                    "Mandatory Training",
                ),
                "no": (
                    "Non-Mandatory",
                    "Not Mandatory",
                    "Non-Statutory",
                    "Optional",
                    "CPD",
                    "Continuing Professional Development",
                    "Development",
                ),
            },
        ),
        Column(
            "course",
            "text",
            "Course or CPD activity.",
            aliases=("Course", "Course Name", "Competence Name", "Course Title"),
        ),
        ETHNICITY,
        DISABILITY,
        *UNIT_COLUMNS,
    ),
    errors="a blank `person_id`; a mandatory word that is neither a yes nor a no; a column "
    "that says which courses are mandatory while no column is read as `mandatory`",
    exclusions="rows marked mandatory; episodes dated outside the data year; episodes of "
    "people not in the census staff list (warning)",
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
            words={
                "yes": ("Voting", "Voting Member"),
                "no": ("Non-voting", "Non-voting Member", "Not voting", "Associate"),
            },
        ),
        Column(
            "executive",
            "boolean",
            "Whether the member is an executive director.",
            required=True,
            aliases=("Executive", "Executive Member", "Exec", "Executive/Non-Executive"),
            words={
                "yes": (
                    "Executive",
                    "Executive Director",
                    "Executive Member",
                    "Exec",
                    "Chief Executive",
                ),
                "no": (
                    "Non-Executive",
                    "Non-Executive Director",
                    "Non-Executive Member",
                    "Non Exec",
                    "NED",
                    "Associate Non-Executive Director",
                    "Chair",
                    "Chairman",
                    "Chairperson",
                    "Chair of the Board",
                ),
            },
        ),
        ETHNICITY,
        DISABILITY,
        ORGANISATION,
    ),
    errors="a blank or repeated `member_id`; blank `voting` or `executive`",
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
    errors="a survey year with no question map; answers outside a question's code list",
    exclusions="question columns the year's map does not know (warning); answers Excel turned "
    "into dates, repaired (warning)",
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
    checks=(
        AtMost("positive", "respondents", "positive must not exceed respondents"),
        AtMost("percent", 100, "percent must be between 0 and 100"),
        AnyOf(
            ("positive", "percent", "score"),
            "give positive (a count) or percent on every row (score for WDES 9a)",
        ),
    ),
    errors="positive > respondents; percent over 100; neither positive, percent nor (WDES 9a) "
    "score",
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

PERSON_INPUTS = ("staff", "leavers")
"""Inputs that list people (one row per person or per assignment)."""

IDENTIFIER_COLUMNS = frozenset(
    c.name for spec in INPUTS.values() for c in spec.columns if c.kind == "id"
)
"""Columns that identify a person, an assignment, an application, a member or a
respondent: never a breakdown level, a split or an output column."""
