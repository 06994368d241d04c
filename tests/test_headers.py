"""Headers match the contract ignoring case, spaces and punctuation, with ESR aliases."""

from __future__ import annotations

import pandas as pd

from wres_wdes.contract import INPUTS, header_key
from wres_wdes.headers import match_headers


def test_header_key_folds_case_space_and_punctuation() -> None:
    assert header_key("Employee Number") == header_key("employee_number") == "employeenumber"
    assert header_key(" Ethnic-Origin ") == header_key("EthnicOrigin")


def test_esr_aliases_become_canonical_and_extra_columns_are_kept() -> None:
    raw = pd.DataFrame(columns=["Employee Number", "Ethnic Origin", "DisabilityFlag", "Site"])
    matched, problems = match_headers(raw, INPUTS["staff"], "staff.csv", levels=["site"])
    assert list(matched.frame.columns) == ["person_id", "ethnicity", "disability", "site"]
    assert matched.origin["ethnicity"] == "Ethnic Origin"
    assert problems == []


def test_unknown_extra_column_is_kept_under_its_own_header() -> None:
    raw = pd.DataFrame(columns=["person_id", "Favourite Colour"])
    matched, problems = match_headers(raw, INPUTS["staff"], "staff.csv")
    assert "Favourite Colour" in matched.frame.columns
    assert problems == []


def test_missing_required_column_is_an_error_naming_accepted_headers() -> None:
    raw = pd.DataFrame(columns=["Shortlisted", "Appointed"])
    _, problems = match_headers(raw, INPUTS["applications"], "apps.csv")
    assert [p.severity for p in problems] == ["error"]
    assert problems[0].column == "application_id"
    assert '"Application ID"' in problems[0].rule


def test_two_headers_for_one_column_warn_and_canonical_wins() -> None:
    raw = pd.DataFrame(columns=["person_id", "Grade", "pay_band"])
    matched, problems = match_headers(raw, INPUTS["staff"], "staff.csv")
    assert matched.origin["pay_band"] == "pay_band"
    assert "Grade" in matched.frame.columns
    assert [p.severity for p in problems] == ["warning"]
