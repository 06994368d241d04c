"""Loading a whole run: standardised, validated and reconciled, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from wres_wdes import Config, InputError, load, load_frames
from wres_wdes.config import load_config


def test_tiny_trust_loads_and_classifies(tiny_trust: Path) -> None:
    inputs = load(tiny_trust)
    staff = inputs.frames["staff"]
    # 1005 is bank-only and left out by default (wdes.md §1: bank staff excluded from 2023)
    assert sorted(staff["person_id"]) == ["1001", "1002", "1003", "1004"]
    assert staff.set_index("person_id")["ethnic_group"].astype(str).to_dict() == {
        "1001": "White",
        "1002": "BME",
        "1003": "White",
        "1004": "Unknown",
    }
    assert staff.set_index("person_id")["disability_group"].astype(str).to_dict() == {
        "1001": "Non-disabled",
        "1002": "Disabled",
        "1003": "Unknown",
        "1004": "Non-disabled",
    }
    assert staff.set_index("person_id")["band"].astype(object).to_dict()["1001"] == "band 5"
    assert staff.set_index("person_id")["staff_category"].astype(str).to_dict() == {
        "1001": "clinical",
        "1002": "clinical",
        "1003": "non-clinical",
        "1004": "medical",
    }


def test_reconciliation_accounts_for_every_record(tiny_trust: Path) -> None:
    rec = load(tiny_trust).reconciliation
    for (_, _), group in rec.groupby(["input", "file"]):
        read = group.loc[group.outcome == "read", "records"].sum()
        used = group.loc[group.outcome == "used", "records"].sum()
        excluded = group.loc[group.outcome == "excluded", "records"].sum()
        assert read == used + excluded
    disciplinary = rec[rec.input == "disciplinary"].set_index("outcome")
    # 5 rows: 2020 case outside the two-year window (1 Apr 2022 - 31 Mar 2024),
    # one duplicate (1002 on 1 Feb 2024), three used
    assert disciplinary.loc["read", "records"] == 5
    assert disciplinary.loc["used", "records"] == 3
    reasons = rec[(rec.input == "disciplinary") & (rec.outcome == "excluded")]
    assert sorted(reasons.records) == [1, 1]
    staff = rec[(rec.input == "staff") & (rec.outcome == "excluded")]
    assert staff.reason.str.contains("bank").all() and staff.records.sum() == 1


def test_cases_take_groups_and_units_from_the_staff_list(tiny_trust: Path) -> None:
    cases = load(tiny_trust).frames["disciplinary"].set_index("person_id")
    assert cases.loc["1001", "ethnic_group"] == "White"
    assert cases.loc["1001", "directorate"] == "Medicine"
    assert cases.loc["1003", "ethnic_group"] == "White"
    # data_year: a case on 10 Oct 2022 falls in the data year of WRES 2023
    assert cases.loc["1003", "data_year"] == 2023
    assert cases.loc["1001", "data_year"] == 2024


def test_one_year_window_excludes_the_previous_year(tiny_trust: Path) -> None:
    config = load_config(tiny_trust).with_options(disciplinary_window="one_year")
    inputs = load(config)
    assert sorted(inputs.frames["disciplinary"]["person_id"]) == ["1001", "1002"]


def test_include_bank_counts_bank_staff(tiny_trust: Path) -> None:
    config = load_config(tiny_trust).with_options(include_bank=True)
    assert len(load(config).frames["staff"]) == 5


def test_all_errors_are_reported_at_once_with_file_rows() -> None:
    config = Config(organisation_name="T", year=2024)
    staff = pd.DataFrame(
        {
            "Employee Number": ["1", "1", None, "4"],
            "FTE": ["1", "x", "0.5", "-1"],
            "Hire Date": ["01/04/2020", "2020-13-45", None, "01/01/1800"],
        },
        index=pd.RangeIndex(2, 6),
    )
    applications = pd.DataFrame(
        {
            "Application ID": ["a", "b", "b"],
            "Shortlisted": ["No", "Yes", "maybe"],
            "Appointed": ["Yes", "No", "No"],
        },
        index=pd.RangeIndex(2, 5),
    )
    with pytest.raises(InputError) as err:
        load_frames(
            {"staff": staff, "applications": applications},
            config,
            sources={"staff": "staff.csv", "applications": "apps.csv"},
        )
    found = {(p.file, p.row, p.column) for p in err.value.problems if p.severity == "error"}
    # parse errors: FTE "x" (row 3) and "-1" (row 5); Hire Date "2020-13-45" (row 3);
    # Shortlisted "maybe" (apps row 4)
    assert ("staff.csv", 3, "FTE") in found
    assert ("staff.csv", 5, "FTE") in found
    assert ("staff.csv", 3, "Hire Date") in found
    assert ("apps.csv", 4, "Shortlisted") in found


def test_schema_rules_unique_ids_required_values_and_appointed_only_if_shortlisted() -> None:
    config = Config(organisation_name="T", year=2024)
    staff = pd.DataFrame({"Employee Number": ["1", "1", None]}, index=pd.RangeIndex(2, 5))
    applications = pd.DataFrame(
        {
            "Application ID": ["a", "b", "b"],
            "Shortlisted": ["No", "Yes", "Yes"],
            "Appointed": ["Yes", "No", "No"],
        },
        index=pd.RangeIndex(2, 5),
    )
    inputs = load_frames(
        {"staff": staff, "applications": applications},
        config,
        sources={"staff": "staff.csv", "applications": "apps.csv"},
        strict=False,
    )
    errors = [p for p in inputs.problems if p.severity == "error"]
    rules = {(p.file, p.row, p.column): p.rule for p in errors}
    assert "unique" in rules[("staff.csv", 2, "Employee Number")]
    assert "unique" in rules[("staff.csv", 3, "Employee Number")]
    assert "blank" in rules[("staff.csv", 4, "Employee Number")]
    assert "only if shortlisted" in rules[("apps.csv", 2, "Appointed")]
    assert "unique" in rules[("apps.csv", 3, "Application ID")]
    assert inputs.frames == {}


def test_unrecognised_values_are_warnings_with_counts() -> None:
    config = Config(organisation_name="T", year=2024)
    staff = pd.DataFrame({"person_id": ["1", "2", "3"], "ethnicity": ["Q9", "Q9", "A"]})
    inputs = load_frames({"staff": staff}, config)
    assert inputs.ok
    warning = [p for p in inputs.problems if p.value == "Q9"]
    assert len(warning) == 1 and "2 row(s)" in warning[0].rule
    assert inputs.unknown.set_index("value").loc["Q9", "count"] == 2


def test_summary_groups_are_classified_and_checked() -> None:
    config = Config(organisation_name="T", year=2024)
    summary = pd.DataFrame(
        {
            "group": ["White", "BME", "Unknown", "Disabled", "Non-disabled", "Purple"],
            "grouping": ["ethnicity", "ethnicity", "ethnicity", "disability", "disability", None],
            "applied": ["10", "10", "2", "3", "17", "1"],
            "shortlisted": ["5", "12", "1", "2", "9", "1"],
            "appointed": ["2", "3", "0", "1", "4", "0"],
        },
        index=pd.RangeIndex(2, 8),
    )
    inputs = load_frames(
        {"applications_summary": summary},
        config,
        sources={"applications_summary": "sum.csv"},
        strict=False,
    )
    errors = {(p.row, p.column) for p in inputs.problems if p.severity == "error"}
    # "Purple" is no group (row 7)
    assert (7, "group") in errors
    summary = summary.drop(index=7)
    inputs = load_frames({"applications_summary": summary}, config, strict=False)
    errors = {(p.row, p.column) for p in inputs.problems if p.severity == "error"}
    # BME shortlisted 12 > applied 10 (row 3)
    assert errors == {(3, "shortlisted")}


def test_files_read_ahead_report_every_problem_in_order(tiny_trust) -> None:
    """Files are read on a background thread while earlier ones are checked: a file
    that cannot be read (the staff list, first) and an error in a later file (the
    applications) are both reported, read problems first, and nothing is loaded."""
    from wres_wdes import load

    folder = tiny_trust.parent
    (folder / "staff.csv").write_text("Employee Number,Ethnic Origin\n1,A,extra,cells\n")
    text = (folder / "applications.csv").read_text(encoding="utf-8").splitlines()
    header = text[0].split(",")
    row = text[1].split(",")
    row[header.index(next(h for h in header if "hortlist" in h))] = "Maybe"
    (folder / "applications.csv").write_text("\n".join([text[0], ",".join(row)]) + "\n")
    inputs = load(tiny_trust, strict=False)
    rules = [p.rule for p in inputs.problems if p.severity == "error"]
    assert rules[0].startswith("row 2 has 4 value(s) where the header has 2")
    assert any("shortlisted" in r for r in rules[1:])
    assert inputs.frames == {}
