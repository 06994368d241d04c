"""The fictional trust's shape and every vocabulary the generator draws from.

Declarations only: each table is a value, its category and a relative weight. Values
follow the forms of ``reference/data-formats.md``: ESR ethnic origin codes with their
labels (§1), ESR disability values (§2), ESR grades and staff groups (§3), occupation
codes (§4) and NHS Staff Survey 2023 codes (§5–6). Weights are rough national shapes
(``wres.md`` §9, ``wdes.md`` §10), not statistics of any real organisation.

No value may contain a comma, a double quote or a line break: the CSV writer never quotes.
"""

from __future__ import annotations

# --- groups --------------------------------------------------------------------------

WHITE, BME, UNKNOWN = 0, 1, 2
"""Ethnic groups (WRES): White, BME, Unknown."""
DISABLED, NON_DISABLED = 0, 1
"""Disability groups (WDES); ``UNKNOWN`` (2) as for ethnicity."""

# --- organisation structure ------------------------------------------------------------

TRUST_NAME = "Northfield and Ashby NHS Foundation Trust"
TRUST_CODE = "RZZ"
SYSTEM_NAME = "Synthetic system"
SYSTEM_CODE = "SYS"

DIRECTORATES = (
    "Medicine",
    "Surgery",
    "Women and Children",
    "Mental Health",
    "Community Services",
    "Clinical Support",
    "Corporate",
)

STAFF_GROUPS = (
    "Medical and Dental",
    "Nursing and Midwifery Registered",
    "Allied Health Professionals",
    "Additional Professional Scientific and Technical",
    "Healthcare Scientists",
    "Additional Clinical Services",
    "Administrative and Clerical",
    "Estates and Ancillary",
)
MEDICAL, NURSING, AHP, APST, SCIENTISTS, SUPPORT, ADMIN, ESTATES = range(8)

# unit, directorate, share of the trust's staff, staff-group mix (in STAFF_GROUPS order),
# and how much its staff meet patients and the public (log-odds shift of harassment from
# the public, survey q14a)
UNITS = (
    ("Emergency Department", 0, 6, (18, 42, 2, 2, 0, 22, 12, 2), 0.7),
    ("Acute Medicine", 0, 9, (15, 42, 4, 2, 1, 26, 9, 1), 0.4),
    ("Elderly Care", 0, 7, (10, 40, 8, 1, 0, 33, 7, 1), 0.3),
    ("General Surgery", 1, 8, (16, 40, 3, 3, 0, 26, 11, 1), 0.2),
    ("Theatres and Anaesthetics", 1, 8, (22, 35, 1, 12, 0, 20, 8, 2), 0.0),
    ("Maternity", 2, 6, (10, 55, 1, 1, 0, 25, 8, 0), 0.2),
    ("Paediatrics", 2, 5, (16, 48, 4, 2, 0, 20, 10, 0), 0.2),
    ("Adult Mental Health", 3, 6, (8, 40, 8, 12, 0, 22, 10, 0), 0.6),
    ("Older Adult Mental Health", 3, 3, (6, 38, 8, 8, 0, 30, 10, 0), 0.5),
    ("District Nursing", 4, 6, (1, 55, 2, 2, 0, 28, 12, 0), 0.3),
    ("Community Therapies", 4, 4, (2, 10, 55, 5, 0, 18, 10, 0), 0.0),
    ("Pathology", 5, 4, (6, 0, 0, 10, 55, 10, 18, 1), -0.8),
    ("Imaging", 5, 4, (10, 5, 45, 10, 5, 10, 15, 0), -0.3),
    ("Corporate Services", 6, 9, (1, 3, 0, 2, 0, 2, 90, 2), -1.2),
    ("Estates and Facilities", 6, 8, (0, 0, 0, 0, 0, 2, 18, 80), -0.6),
)  # fmt: skip

# --- grades ------------------------------------------------------------------------------

GRADES = (
    "1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9", "VSM",
    "Consultant", "Specialty Doctor", "Associate Specialist", "Specialty Registrar",
    "Foundation Year 1", "Foundation Year 2", "Core Training", "Clinical Fellow",
    "Clinical Assistant",
)  # fmt: skip
G = {g: i for i, g in enumerate(GRADES)}
TRAINEE_GRADES = tuple(
    G[g]
    for g in (
        "Specialty Registrar",
        "Foundation Year 1",
        "Foundation Year 2",
        "Core Training",
        "Clinical Fellow",
    )
)
SENIOR_GRADES = tuple(G[g] for g in ("8c", "8d", "9", "VSM", "Consultant"))

# grade mix by staff group: substantive staff (first row) and bank-only staff (second)
GRADE_MIX: dict[int, tuple[dict[str, float], dict[str, float]]] = {
    MEDICAL: (
        {"Consultant": 38, "Specialty Doctor": 10, "Associate Specialist": 2,
         "Specialty Registrar": 24, "Foundation Year 1": 6, "Foundation Year 2": 6,
         "Core Training": 8, "Clinical Fellow": 5, "Clinical Assistant": 1},
        {"Clinical Fellow": 50, "Specialty Doctor": 30, "Specialty Registrar": 20},
    ),
    NURSING: (
        {"5": 45, "6": 32, "7": 17, "8a": 4, "8b": 1.5, "8c": 0.4, "8d": 0.1},
        {"5": 75, "6": 20, "7": 5},
    ),
    AHP: ({"5": 20, "6": 40, "7": 28, "8a": 9, "8b": 3}, {"5": 40, "6": 50, "7": 10}),
    APST: (
        {"3": 10, "4": 15, "5": 15, "6": 20, "7": 20, "8a": 12, "8b": 5, "8c": 3},
        {"3": 30, "4": 30, "5": 20, "6": 20},
    ),
    SCIENTISTS: (
        {"3": 10, "4": 10, "5": 15, "6": 25, "7": 25, "8a": 10, "8b": 4, "8c": 1},
        {"5": 50, "6": 50},
    ),
    SUPPORT: ({"2": 35, "3": 45, "4": 18, "5": 2}, {"2": 45, "3": 45, "4": 10}),
    ADMIN: (
        {"2": 15, "3": 30, "4": 25, "5": 10, "6": 7, "7": 6, "8a": 3.5, "8b": 1.8,
         "8c": 1, "8d": 0.5, "9": 0.25, "VSM": 0.3},
        {"2": 30, "3": 50, "4": 20},
    ),
    ESTATES: (
        {"1": 2, "2": 55, "3": 25, "4": 10, "5": 4, "6": 2, "7": 1, "8a": 0.7, "8b": 0.3},
        {"2": 80, "3": 20},
    ),
}  # fmt: skip

# Share of each staff group that is bank-only (~4% overall).
BANK_SHARE = (0.01, 0.055, 0.015, 0.015, 0.01, 0.06, 0.02, 0.035)


# Raw ESR forms of a grade. Packed "NHS|XR05|Review Body Band 5" and "XR05" are the
# confirmed ESR forms (data-formats.md §3); codes for 8a–8d are unconfirmed, so those
# bands appear only as "Band 8a", "8a" and "Review Body Band 8a".
def _grade_forms() -> tuple[tuple[str, int, float], ...]:
    rows: list[tuple[str, int, float]] = []
    for grade, i in G.items():
        if grade in ("1", "2", "3", "4", "5", "6", "7", "9"):
            rows += [
                (f"NHS|XR0{grade}|Review Body Band {grade}", i, 55),
                (f"Band {grade}", i, 20),
                (grade, i, 7),
                (f"Review Body Band {grade}", i, 8),
                (f"XR0{grade}", i, 10),
            ]
        elif grade.startswith("8"):
            rows += [(f"Band {grade}", i, 60), (grade, i, 25), (f"Review Body Band {grade}", i, 15)]
        else:
            rows.append((grade, i, 1))
    return tuple(rows)


GRADE_FORMS = _grade_forms()

# Mean and spread of age by grade (years).
AGE = {
    "1": (45, 11), "2": (43, 12), "3": (44, 11), "4": (44, 11), "5": (36, 10),
    "6": (41, 10), "7": (44, 9), "8a": (46, 8), "8b": (47, 8), "8c": (49, 7),
    "8d": (50, 7), "9": (51, 6), "VSM": (53, 6), "Consultant": (47, 7),
    "Specialty Doctor": (44, 8), "Associate Specialist": (54, 6),
    "Specialty Registrar": (32, 4), "Foundation Year 1": (25, 2),
    "Foundation Year 2": (26, 2), "Core Training": (29, 3), "Clinical Fellow": (33, 5),
    "Clinical Assistant": (50, 8),
}  # fmt: skip
AGE_BANDS = tuple(f"{lo}-{lo + 4}" for lo in range(16, 70, 5))  # "16-20" … "66-70"

# BME log-odds shift by grade and by staff group: BME staff are more often in band 5
# and medical grades, less often in bands 8a and above (wres.md §9.2).
BME_BY_GRADE = (
    0.0, 0.1, 0.0, -0.15, 0.75, 0.2, -0.2, -0.5, -0.7, -0.9, -1.0, -1.1, -1.2,
    0.7, 1.6, 1.5, 1.0, 0.5, 0.6, 1.1, 1.7, 0.5,
)  # fmt: skip
BME_BY_STAFF_GROUP = (0.0, 0.3, -0.5, -0.2, -0.1, 0.1, -0.6, 0.0)

FEMALE_SHARE = (0.50, 0.89, 0.85, 0.75, 0.60, 0.80, 0.80, 0.45)

# --- ESR values ----------------------------------------------------------------------------

# (raw Ethnic Origin, group, weight within the group)
ESR_ETHNIC_ORIGIN = (
    ("A White - British", WHITE, 68),
    ("A", WHITE, 4),
    ("CA White - English", WHITE, 2),
    ("C2 White - Northern Irish", WHITE, 0.5),
    ("B White - Irish", WHITE, 2.5),
    ("C White - Any other White background", WHITE, 9),
    ("CP White - Polish", WHITE, 3),
    ("CY White - Other European", WHITE, 3),
    ("CY", WHITE, 0.8),
    ("CK White - Italian", WHITE, 1),
    ("CF White - Greek", WHITE, 0.7),
    ("CH White - Turkish", WHITE, 0.3),
    ("CL White - Irish Traveller", WHITE, 0.1),
    ("C3 White - Unspecified", WHITE, 0.5),
    ("H Asian or Asian British - Indian", BME, 20),
    ("H", BME, 1),
    ("J Asian or Asian British - Pakistani", BME, 8),
    ("K Asian or Asian British - Bangladeshi", BME, 3),
    ("L Asian or Asian British - Any other Asian background", BME, 6),
    ("LB Asian - Punjabi", BME, 0.8),
    ("LE Asian - Sri Lanka", BME, 1.5),
    ("LF Asian - Tamil", BME, 0.7),
    ("LH Asian - British Asian", BME, 0.8),
    ("M Black or Black British - Caribbean", BME, 5),
    ("N Black or Black British - African", BME, 18),
    ("N", BME, 1),
    ("PC Black - Nigerian", BME, 3),
    ("PA Black - Somali", BME, 0.5),
    ("P Black or Black British - Any other Black background", BME, 1.5),
    ("R Other Ethnic Groups - Chinese", BME, 2.5),
    ("S Other Ethnic Groups - Any other ethnic group", BME, 4),
    ("SC Other - Filipino", BME, 9),
    ("SA Other - Vietnamese", BME, 0.3),
    ("D Mixed - White and Black Caribbean", BME, 1.5),
    ("E Mixed - White and Black African", BME, 1),
    ("F Mixed - White and Asian", BME, 1.5),
    ("G Mixed - Any other mixed background", BME, 1.2),
    ("GF Mixed - Other Mixed", BME, 0.3),
    ("Z Not Stated", UNKNOWN, 45),
    ("Z", UNKNOWN, 8),
    ("99", UNKNOWN, 7),
    ("", UNKNOWN, 40),
)

# (raw Disability Flag, group, weight): ~5% Yes, ~75% No, ~20% unknown (wdes.md §10).
ESR_DISABILITY = (
    ("Yes", DISABLED, 1),
    ("No", NON_DISABLED, 1),
    ("Not Declared", UNKNOWN, 10),
    ("Prefer Not To Answer", UNKNOWN, 2),
    ("Unspecified", UNKNOWN, 4),
    ("", UNKNOWN, 4),
)

# (occupation code, staff-group row, weight); rows 8–15 are bank-only staff.
_OCCUPATIONS = {
    MEDICAL: (("010", 3), ("013", 3), ("100", 2), ("110", 1), ("140", 1), ("180", 1),
              ("300", 2), ("310", 1), ("500", 1), ("600", 1), ("700", 1)),
    NURSING: (("N0A", 1), ("N1A", 3), ("N1C", 2), ("N2A", 2), ("N4A", 2), ("N6H", 3),
              ("N8A", 2)),
    AHP: (("S1A", 3), ("S2A", 2), ("S3A", 2), ("S4A", 1), ("S5A", 1)),
    APST: (("S6A", 2), ("S7A", 2), ("S8A", 1)),
    SCIENTISTS: (("U1A", 3), ("U2A", 2), ("UAA", 1)),
    SUPPORT: (("H1A", 4), ("H2A", 2), ("H3A", 1), ("H4A", 1)),
    ADMIN: (("G2A", 5), ("G2C", 2), ("G0A", 1)),
    ESTATES: (("G1A", 4), ("G5A", 2), ("G6A", 1)),
}  # fmt: skip
OCCUPATIONS = tuple(
    (code, group + 8 * bank, weight)
    for bank in (0, 1)
    for group, codes in _OCCUPATIONS.items()
    for code, weight in (
        (("N7B", 1),) if bank and group == NURSING else codes  # N7B: bank nurse (§4)
    )
)

ASSIGNMENT_CATEGORIES = ("Permanent", "Fixed Term Temp", "Bank")
PERMANENT, FIXED_TERM, BANK = range(3)

# FTE strings: rows female, male, bank-only (bank assignments carry no contracted hours).
FTE_VALUES = (
    "1.00", "0.93", "0.80", "0.75", "0.64", "0.60", "0.53", "0.50", "0.40", "0.27", "0.00",
)  # fmt: skip
FTE_MIX = (
    (58, 2, 12, 5, 2, 8, 2, 6, 3, 2, 0),
    (82, 1, 5, 3, 1, 3, 1, 2, 1, 1, 0),
    (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
)

# Leaving reasons; rows: fixed-term contract, aged 55 and over, everyone else.
LEAVING_REASONS = (
    ("Voluntary Resignation - Relocation", (5, 8, 22)),
    ("Voluntary Resignation - Work Life Balance", (4, 10, 18)),
    ("Voluntary Resignation - Promotion", (6, 3, 16)),
    ("Voluntary Resignation - Better Reward Package", (2, 2, 7)),
    ("Voluntary Resignation - Health", (1, 4, 4)),
    ("Voluntary Resignation - Other/Not Known", (4, 5, 14)),
    ("Retirement Age", (0, 45, 1)),
    ("Flexi Retirement", (0, 12, 0)),
    ("End of Fixed Term Contract", (74, 2, 3)),
    ("Mutually Agreed Resignation - Local Scheme", (0, 2, 1)),
    ("Dismissal - Capability", (0.5, 1, 0.8)),
    ("Dismissal - Conduct", (0.5, 0.5, 0.8)),
)
DISMISSAL_CAPABILITY = 10
DISMISSAL_CONDUCT = 11

# --- recruitment -------------------------------------------------------------------------

# Recruitment systems record labels (NHS Jobs, TRAC), sometimes a bare code.
APPLICANT_ETHNICITY = (
    ("White - British", WHITE, 75),
    ("White - Irish", WHITE, 2.5),
    ("White - Any other White background", WHITE, 14),
    ("A", WHITE, 3),
    ("C", WHITE, 1),
    ("Asian or Asian British - Indian", BME, 25),
    ("Asian or Asian British - Pakistani", BME, 8),
    ("Asian or Asian British - Bangladeshi", BME, 3),
    ("Asian or Asian British - Any other Asian background", BME, 12),
    ("Black or Black British - African", BME, 28),
    ("Black or Black British - Caribbean", BME, 4),
    ("Black or Black British - Any other Black background", BME, 1.5),
    ("Mixed - White and Black Caribbean", BME, 1.5),
    ("Mixed - White and Black African", BME, 1.2),
    ("Mixed - White and Asian", BME, 1.5),
    ("Mixed - Any other mixed background", BME, 1.2),
    ("Other Ethnic Groups - Chinese", BME, 2),
    ("Other Ethnic Groups - Any other ethnic group", BME, 5),
    ("H", BME, 1),
    ("N", BME, 1),
    ("Not stated", UNKNOWN, 60),
    ("", UNKNOWN, 30),
    ("Z", UNKNOWN, 10),
)
APPLICANT_DISABILITY = (
    ("Yes", DISABLED, 1),
    ("No", NON_DISABLED, 1),
    ("Prefer not to say", UNKNOWN, 45),
    ("", UNKNOWN, 55),
)
# Advertised pay band of the post, with its share of applications.
POST_BANDS = (
    ("Band 2", 18), ("Band 3", 20), ("Band 4", 10), ("Band 5", 21), ("Band 6", 12),
    ("Band 7", 8), ("Band 8a", 4), ("Band 8b", 1.5), ("Band 8c", 0.5),
    ("Consultant", 1.5), ("Specialty Doctor", 1.5), ("Clinical Fellow", 1.5),
    ("Specialty Registrar", 0.5),
)  # fmt: skip

# --- training ------------------------------------------------------------------------------

CPD_COURSES = (
    ("Leadership Development Programme", 6),
    ("Clinical Supervision Skills", 8),
    ("Mentorship Preparation", 7),
    ("Quality Improvement Foundations", 9),
    ("Coaching Skills", 5),
    ("Advanced Communication Skills", 8),
    ("Non-Medical Prescribing", 3),
    ("Project Management Essentials", 4),
    ("Research Methods", 3),
    ("Conference Attendance", 10),
    ("Specialist Clinical Skills Update", 12),
    ("Apprenticeship Module", 5),
)
MANDATORY_COURSES = (
    ("Fire Safety", 1),
    ("Information Governance", 1),
    ("Basic Life Support", 1),
    ("Safeguarding Adults Level 2", 1),
    ("Moving and Handling", 1),
    ("Equality Diversity and Human Rights", 1),
)

# --- board ------------------------------------------------------------------------------------

# (voting, executive) of each seat: chair and five non-executive directors (voting),
# five voting executive directors, three non-voting executive directors.
BOARD_SEATS = ((1, 0),) * 6 + ((1, 1),) * 5 + ((0, 1),) * 3
BOARD_DISABILITY = (
    ("Yes", DISABLED, 1),
    ("No", NON_DISABLED, 1),
    ("Prefer not to say", UNKNOWN, 1),
    ("", UNKNOWN, 1),
)

# --- NHS Staff Survey 2023 -------------------------------------------------------------------

# Ethnic group codes 01–18 (data-formats.md §6): 01–04 White, 05–18 BME.
SURVEY_ETHNICITY = (
    ("01", WHITE, 86), ("02", WHITE, 3), ("03", WHITE, 0.4), ("04", WHITE, 10.6),
    ("05", BME, 3), ("06", BME, 2), ("07", BME, 3), ("08", BME, 2), ("09", BME, 24),
    ("10", BME, 8), ("11", BME, 3), ("12", BME, 3), ("13", BME, 16), ("14", BME, 24),
    ("15", BME, 6), ("16", BME, 2), ("17", BME, 1.5), ("18", BME, 2.5),
)  # fmt: skip
SURVEY_CODES = ("", "1", "2", "3", "4", "5", "9")
"""Response codes as written; a code's index in this tuple is its integer value, 9 at 6."""
SURVEY_QUESTIONS = (
    "q2a", "q2b", "q2c", "q3c", "q3d", "q3f", "q4b", "q11d", "q11e",
    "q14a", "q14b", "q14c", "q14d", "q15", "q16a", "q16b", "q25a", "q25c", "q25d",
    "q31a", "q31b",
)  # fmt: skip
ENGAGEMENT_QUESTIONS = ("q2a", "q2b", "q2c", "q3c", "q3d", "q3f", "q25a", "q25c", "q25d")

# Response probability by staff group (~45% overall).
SURVEY_RESPONSE = (0.40, 0.45, 0.58, 0.55, 0.55, 0.36, 0.55, 0.30)
