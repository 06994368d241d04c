"""Shared fixtures: small hand-made inputs whose every figure can be checked by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

STAFF_CSV = """Employee Number,Ethnic Origin,Disability Flag,Grade,Staff Group,Occupation Code,Directorate,Unit,Assignment Category
1001,A White - British,No,NHS|XR05|Review Body Band 5,Nursing and Midwifery Registered,N6H,Medicine,Ward 1,Permanent
1002,H Asian or Asian British - Indian,Yes,Band 6,Nursing and Midwifery Registered,N6H,Medicine,Ward 1,Permanent
1003,CY,Not Declared,8a,Administrative and Clerical,G2A,Corporate,Finance,Permanent
1004,,No,Consultant,Medical and Dental,013,Medicine,Ward 2,Permanent
1005,N Black or Black British - African,No,Band 5,Nursing and Midwifery Registered,N7B,Medicine,Ward 2,Bank
"""

APPLICATIONS_CSV = """Application ID,Shortlisted,Appointed,Ethnicity,Disability,Directorate
A1,Yes,Yes,White - British,No,Medicine
A2,Yes,No,Asian or Asian British - Indian,Yes,Medicine
A3,No,No,Not stated,No,Corporate
A4,Y,N,A,N,Corporate
"""

DISCIPLINARY_CSV = """Employee Number,Case Start Date
1001,15/06/2023
1002,01/02/2024
1002,01/02/2024
1003,10/10/2022
1002,10/10/2020
"""

CONFIG = """[organisation]
name = "Test Trust"
code = "RTT"

[reporting]
year = 2024

[inputs]
staff = "staff.csv"
applications = "applications.csv"
disciplinary = "disciplinary.csv"

[breakdown]
levels = ["directorate", "unit"]
"""


@pytest.fixture
def tiny_trust(tmp_path: Path) -> Path:
    """A five-person trust with four applications and five disciplinary rows."""
    (tmp_path / "staff.csv").write_text(STAFF_CSV, encoding="utf-8")
    (tmp_path / "applications.csv").write_text(APPLICATIONS_CSV, encoding="utf-8")
    (tmp_path / "disciplinary.csv").write_text(DISCIPLINARY_CSV, encoding="utf-8")
    (tmp_path / "config.toml").write_text(CONFIG, encoding="utf-8")
    return tmp_path / "config.toml"
