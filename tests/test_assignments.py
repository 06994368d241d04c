"""Assignment-level staff and leaver lists are counted in people (DESIGN.md, input contract).

ESR's Staff in Post is one row per assignment. Each expected figure below is
counted by hand from the rows written in the test.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from wres_wdes import calculate, load
from wres_wdes.config import load_config

CONFIG = """[organisation]
name = "Test Trust"

[reporting]
year = 2024

[inputs]
staff = {{ path = "staff.csv", columns = {{ directorate = "Org L4" }} }}
{more}

[breakdown]
levels = ["directorate"]
"""

# 5 people, 8 assignment rows:
# 101: two posts, primary in Medicine (band 5), second in Surgery (band 2)
# 102: substantive Surgery + bank Medicine, primary marked on the substantive one
# 103: bank only (two bank posts) -> left out
# 104: one post in Medicine, BME
# 105: two posts, no primary marked: the suffix-free number (105) wins -> Surgery
STAFF = """Staff in Post - Assignment Level
Employee Number,Assignment Number,Primary Assignment,Ethnic Origin,Disability Flag,Grade,Org L4,Assignment Category
101,101,Yes,A White - British,No,XN05 Band 5,245 Medicine,Permanent
101,101-2,No,A White - British,No,XN02 Band 2,245 Surgery,Fixed Term Temp
102,102-2,No,N Black or Black British - African,Yes,XN05 Band 5,245 Medicine,Bank
102,102,Yes,N Black or Black British - African,Yes,XN06 Band 6,245 Surgery,Permanent
103,103,Yes,A White - British,No,XN03 Band 3,245 Medicine,Bank
103,103-2,No,A White - British,No,XN03 Band 3,245 Surgery,Bank
104,104,Yes,H Asian or Asian British - Indian,No,XN07 Band 7,245 Medicine,Permanent
105,105-2,,C White - Any other White background,No,XN04 Band 4,245 Medicine,Permanent
105,105,,C White - Any other White background,No,XN04 Band 4,245 Surgery,Permanent
"""


def trust(tmp_path: Path, staff: str = STAFF, more: str = "", **files: str) -> Path:
    (tmp_path / "staff.csv").write_text(staff, encoding="utf-8")
    for name, text in files.items():
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text(CONFIG.format(more=more), encoding="utf-8")
    return config


def test_each_person_is_counted_once_from_the_primary_assignment(tmp_path: Path) -> None:
    inputs = load(trust(tmp_path))
    staff = inputs.frames["staff"].set_index("person_id")
    assert sorted(staff.index) == ["101", "102", "104", "105"]  # 103 is bank-only
    assert staff.loc["101", "directorate"] == "245 Medicine"
    assert staff.loc["101", "band"] == "band 5"
    # 102's primary is the substantive Surgery post, not the bank one in Medicine
    assert staff.loc["102", "directorate"] == "245 Surgery"
    assert staff.loc["102", "band"] == "band 6"
    # no primary marked: the number without a suffix
    assert staff.loc["105", "directorate"] == "245 Surgery"


def test_reconciliation_says_how_many_assignments_were_folded_into_how_many_people(
    tmp_path: Path,
) -> None:
    rec = load(trust(tmp_path)).reconciliation.set_index(["outcome", "reason"])["records"]
    # 9 rows read; 101, 102, 103, 105 have one further row each (4); 103 bank-only (1)
    assert rec[("read", "")] == 9
    folded = [r for (o, r) in rec.index if o == "excluded" and r.startswith("further")]
    assert len(folded) == 1 and "9 assignments of 5 people" in folded[0]
    assert rec[("excluded", folded[0])] == 4
    assert rec[("excluded", "bank-only (options.include_bank = false)")] == 1
    assert rec[("used", "")] == 4


def test_wres1_counts_people_not_posts(tmp_path: Path) -> None:
    results = calculate(load(trust(tmp_path))).frame
    wres1 = results[(results.metric == "1") & (results.standard == "WRES")]
    org = wres1[(wres1.level == "organisation") & (wres1.category == "all")].set_index("group")
    # 4 people: White 101, 105; BME 102, 104 -> 50% each
    assert (org.loc["BME", "events_group"], org.loc["BME", "n_group"]) == (2, 4)
    by_directorate = wres1[(wres1.level == "directorate") & (wres1.category == "all")]
    heads = by_directorate[by_directorate.group == "BME"].set_index("unit")["n_group"]
    # Medicine: 101, 104; Surgery: 102, 105
    assert heads.to_dict() == {"245 Medicine": 2, "245 Surgery": 2}


def test_a_person_with_a_substantive_and_a_bank_post_is_not_bank_only(tmp_path: Path) -> None:
    staff = load(trust(tmp_path)).frames["staff"].set_index("person_id")
    assert not staff.loc["102", "bank"]


def test_include_bank_counts_the_bank_only_person_once(tmp_path: Path) -> None:
    config = load_config(trust(tmp_path)).with_options(include_bank=True)
    assert sorted(load(config).frames["staff"]["person_id"]) == ["101", "102", "103", "104", "105"]


def test_one_person_in_two_cost_centres_is_counted_once(tmp_path: Path) -> None:
    # ESR's Organisation column is a cost centre: not an organisation, and never a
    # reason to count a person twice
    staff = STAFF.replace("Assignment Category\n", "Assignment Category,Organisation\n", 1)
    lines = staff.splitlines()
    lines = lines[:2] + [f"{line},245 C{i:04d}" for i, line in enumerate(lines[2:])]
    inputs = load(trust(tmp_path, "\n".join(lines) + "\n"))
    assert len(inputs.frames["staff"]) == 4
    assert any("no [organisation] column is set" in p.rule for p in inputs.problems)


def test_the_same_assignment_twice_is_an_error(tmp_path: Path) -> None:
    staff = (
        STAFF
        + "104,104,Yes,H Asian or Asian British - Indian,No,XN07 Band 7,245 Medicine,Permanent\n"
    )
    inputs = load(trust(tmp_path, staff), strict=False)
    errors = [p for p in inputs.problems if p.severity == "error"]
    assert errors and all("same assignment is listed twice" in p.rule for p in errors)
    assert {p.row for p in errors} == {9, 12}  # title row 1, header row 2, 104 on row 9


def test_a_repeated_person_without_assignment_numbers_is_an_error_with_the_fix(
    tmp_path: Path,
) -> None:
    staff = "Employee Number,Ethnic Origin,Org L4\n1,A,X\n1,A,Y\n2,N,X\n"
    inputs = load(trust(tmp_path, staff), strict=False)
    errors = [p for p in inputs.problems if p.severity == "error"]
    assert [p.row for p in errors] == [2, 3]
    assert "Assignment Number" in errors[0].rule


def test_assignments_that_disagree_on_the_person_warn(tmp_path: Path) -> None:
    staff = STAFF.replace(
        "101,101-2,No,A White - British", "101,101-2,No,N Black or Black British - African"
    )
    inputs = load(trust(tmp_path, staff))
    assert any("different ethnicity" in p.rule and "primary" in p.rule for p in inputs.problems)
    assert inputs.frames["staff"].set_index("person_id").loc["101", "ethnic_group"] == "White"


LEAVERS = """Employee Number,Assignment Number,Termination Date,Ethnic Origin,Disability Flag,Org L4,Assignment Category
201,201,30/06/2023,N,Yes,245 Medicine,Permanent
201,201-2,30/06/2023,N,Yes,245 Medicine,Bank
202,202,31/07/2023,A,No,245 Medicine,Bank
203,203,31/08/2023,A,No,245 Surgery,Permanent
101,101-3,31/10/2023,A,No,245 Medicine,Permanent
"""


def test_leavers_are_people_and_bank_rows_are_not_leavers_of_the_workforce(
    tmp_path: Path,
) -> None:
    more = 'leavers = { path = "leavers.csv", columns = { directorate = "Org L4" } }'
    inputs = load(trust(tmp_path, more=more, leavers=LEAVERS))
    leavers = inputs.frames["leavers"]
    # 201 once (substantive and bank rows); 202 bank only: not a leaver of the counted
    # workforce; 101 still in post at the census (another assignment continues)
    assert sorted(leavers["person_id"]) == ["201", "203"]
    rec = inputs.reconciliation
    rec = rec[(rec.input == "leavers") & (rec.outcome == "excluded")].set_index("reason")
    assert rec["records"].sum() == 3
    assert any(r.startswith("bank assignment") for r in rec.index)
    assert any(r.startswith("still in post") for r in rec.index)
    results = calculate(inputs).frame
    leaving = results[(results.metric == "leaving") & (results.standard == "WRES")]
    org = leaving[leaving.level == "organisation"].iloc[0]
    # BME leavers 1 (201) over BME staff 2; White leavers 1 (203) over White staff 2
    assert (org.events_group, org.n_group, org.events_reference, org.n_reference) == (1, 2, 1, 2)
    assert org.value == pytest.approx(1.0)


def test_cases_take_units_from_the_primary_assignment(tmp_path: Path) -> None:
    more = 'disciplinary = "cases.csv"'
    cases = "Employee Number,Case Start Date,Department\n102,01/06/2023,Medicine & Urgent Care\n"
    inputs = load(trust(tmp_path, more=more, cases=cases))
    case = inputs.frames["disciplinary"].iloc[0]
    assert case["directorate"] == "245 Surgery"
    frame = pd.DataFrame(inputs.frames["disciplinary"])
    assert frame["ethnic_group"].tolist() == ["BME"]
