"""Exports in their systems' own words: TRAC, board lists, learning systems, ESR footers.

Each file below is written the way its system writes it; the figures are
counted by hand from the rows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wres_wdes import calculate, load

HEAD = """[organisation]
name = "Test Trust"

[reporting]
year = 2024

[inputs]
staff = "staff.csv"
"""

STAFF = """Employee Number,Ethnic Origin,Disability Flag,Grade
1,A White - British,No,XN05 Band 5
2,A White - British,I do not wish to disclose my disability status,XN06 Band 6
3,N Black or Black British - African,Yes,MC51 Consultant
4,H Asian or Asian British - Indian,No,XN08A Band 8A
"""


def trust(tmp_path: Path, inputs: str = "", staff: str = STAFF, **files: bytes | str) -> Path:
    (tmp_path / "staff.csv").write_text(staff, encoding="utf-8")
    for name, content in files.items():
        target = tmp_path / name.replace("__", ".")
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    path = tmp_path / "config.toml"
    path.write_text(HEAD + inputs, encoding="utf-8")
    return path


def metric(results, standard: str, number: str):
    frame = results.frame
    sel = frame[
        (frame.standard == standard) & (frame.metric == number) & (frame.level == "organisation")
    ]
    return sel


# TRAC's own words, Windows-1252 (the en dash and pound sign are single bytes there)
TRAC = (
    "Applicant Equality Report\r\n"
    "Application ID,Job Title,Salary,Ethnicity,Disability,Shortlisted,Appointed\r\n"
    'A1,Sister – Ward 7,"£35,392",White - British,No,Shortlisted,Appointed\r\n'
    'A2,Sister – Ward 7,"£35,392",White - British,No,Shortlisted,Not Appointed\r\n'
    'A3,Café Assistant,"£22,383",Asian or Asian British - Indian,Yes,Shortlisted,Not Appointed\r\n'
    'A4,Café Assistant,"£22,383",Black or Black British - African,No,Shortlisted,Appointed\r\n'
    'A5,Café Assistant,"£22,383",Black or Black British - African,No,Shortlisted,Not Appointed\r\n'
    'A6,Porter,"£22,383",Black or Black British - African,No,Not Shortlisted,Not Appointed\r\n'
    'A7,Porter,"£22,383",I do not wish to disclose this,I do not wish to disclose this,Not Shortlisted,Not Appointed\r\n'
).encode("cp1252")


def test_trac_words_work_with_no_config(tmp_path: Path) -> None:
    inputs = load(trust(tmp_path, 'applications = "trac.csv"\n', trac__csv=TRAC))
    apps = inputs.frames["applications"].set_index("application_id")
    assert apps["shortlisted"].sum() == 5 and apps["appointed"].sum() == 2
    assert apps.loc["A7", "ethnic_group"] == "Unknown"
    wres2 = metric(calculate(inputs), "WRES", "2").iloc[0]
    # White: 1 of 2 shortlisted appointed; BME: 1 of 3 -> (1/2) / (1/3) = 1.5
    assert (wres2.events_group, wres2.n_group, wres2.events_reference, wres2.n_reference) == (
        1,
        2,
        1,
        3,
    )
    assert wres2.value == pytest.approx(1.5)
    unrecognised = [p for p in inputs.problems if "not a recognised value" in p.rule]
    assert unrecognised == []  # "I do not wish to disclose this" is not stated, not unknown


def test_a_file_s_own_words_are_given_with_values(tmp_path: Path) -> None:
    head, body = TRAC.split(b"\r\n", 2)[:2], TRAC.split(b"\r\n", 2)[2]
    body = body.replace(b",Not Shortlisted,", b",Rejected,").replace(b",Shortlisted,", b",Invited,")
    trac = b"\r\n".join([*head, body])
    inputs = load(trust(tmp_path, 'applications = "trac.csv"\n', trac__csv=trac), strict=False)
    errors = [p for p in inputs.problems if p.severity == "error"]
    assert {p.value for p in errors} == {"Invited", "Rejected"}
    assert "values = { shortlisted = { yes" in errors[0].rule
    config = (
        'applications = { path = "trac.csv", values = { shortlisted = '
        '{ yes = ["Invited"], no = ["Rejected"] } } }\n'
    )
    inputs = load(trust(tmp_path, config, trac__csv=trac))
    assert inputs.frames["applications"]["shortlisted"].sum() == 5


BOARD = """Member ID,Role Title,Executive,Voting,Ethnicity,Disability
BM01,Chair,Non-Executive Director,Yes,A White - British,No
BM02,Chief Executive,Executive Director,Yes,N Black or Black British - African,No
BM03,Director of Finance,Executive Director,Yes,A White - British,Yes
BM04,Non-Executive Director,Non-Executive Director,Yes,H Asian or Asian British - Indian,No
BM05,Associate Non-Executive Director,Non-Executive Director,No,Z Not Stated,No
"""


def test_board_words_work_with_no_config(tmp_path: Path) -> None:
    inputs = load(trust(tmp_path, 'board = "board.csv"\n', board__csv=BOARD))
    board = inputs.frames["board"].set_index("member_id")
    assert board["executive"].tolist() == [False, True, True, False, False]
    assert board["voting"].tolist() == [True, True, True, True, False]
    wres9 = metric(calculate(inputs), "WRES", "9")
    wres9 = wres9[wres9.group == "BME"].set_index("category")
    # voting members (all four; BM05 does not vote): BME BM02, BM04 -> 50%; staff 4,
    # BME 2 -> 50%; difference 0 points (shares of all, the basis of WRES 1)
    assert (wres9.loc["voting", "events_group"], wres9.loc["voting", "n_group"]) == (2, 4)
    assert wres9.loc["voting", "value"] == pytest.approx(0.0)


LEARNING = (
    "\ufeffEmployee Number,Course Title,Course Type,Completion Date,Delivery Method\n"
    "1,Fire Safety,Statutory & Mandatory,01/05/2023,e-Learning\n"
    "1,Leadership Essentials,Non-Mandatory,02/05/2023,Classroom\n"
    "2,Fire Safety,Statutory & Mandatory,01/06/2023,e-Learning\n"
    "3,Infection Prevention,Statutory & Mandatory,01/07/2023,e-Learning\n"
    "4,MSc module,CPD,01/08/2023,Classroom\n"
    "3,Resuscitation,Statutory & Mandatory,01/09/2023,Classroom\n"
)


def test_a_learning_exports_course_type_leaves_out_mandatory_courses(tmp_path: Path) -> None:
    inputs = load(trust(tmp_path, 'training = "learning.csv"\n', learning__csv=LEARNING))
    rec = inputs.reconciliation.set_index(["input", "outcome"])
    assert rec.loc[("training", "excluded"), "records"] == 4
    wres4 = metric(calculate(inputs), "WRES", "4").iloc[0]
    # White 1, 2: trained 1 (Leadership) -> 1/2; BME 3, 4: trained 4 (CPD) -> 1/2
    # White ÷ BME = 1.00 (with the mandatory courses it would be (2/2)/(2/2) too, so the
    # rows left out are checked above)
    assert (wres4.events_group, wres4.events_reference) == (1, 1)


def test_a_mandatory_column_not_read_as_such_stops_the_run(tmp_path: Path) -> None:
    learning = LEARNING.replace("Course Type", "Category")
    inputs = load(
        trust(tmp_path, 'training = "learning.csv"\n', learning__csv=learning), strict=False
    )
    errors = [p for p in inputs.problems if p.severity == "error"]
    assert [p.column for p in errors] == ["Category"]
    assert 'columns = { mandatory = "Category" }' in errors[0].rule


def test_an_esr_footer_below_the_table_is_left_out_with_a_warning(tmp_path: Path) -> None:
    staff = (
        "Staff in Post\nOrganisation: 245 Test Trust\n\n"
        + STAFF
        + "\nApplied filters: Organisation is 245 Test Trust; Assignment Status is Active\n"
    )
    inputs = load(trust(tmp_path, staff=staff))
    assert len(inputs.frames["staff"]) == 4
    warned = [p for p in inputs.problems if "report footer" in p.rule]
    assert len(warned) == 1 and warned[0].row == 10
    rec = inputs.reconciliation
    assert rec[(rec.input == "staff") & (rec.outcome == "excluded")]["reason"].tolist() == [
        "text below the table (a report footer)"
    ]


def test_esr_grades_and_not_stated_wordings_need_no_mappings(tmp_path: Path) -> None:
    inputs = load(trust(tmp_path))
    staff = inputs.frames["staff"].set_index("person_id")
    assert staff["band"].tolist()[:2] == ["band 5", "band 6"]
    assert staff.loc["3", "medical_subgroup"] == "consultant"
    assert staff.loc["4", "band"] == "band 8a"
    assert staff.loc["2", "disability_group"] == "Unknown"
    reasons = inputs.unknown.set_index("value")["reason"]
    assert reasons["I do not wish to disclose my disability status"] == "not stated"
    assert not any("not a recognised value" in p.rule for p in inputs.problems)


CAPABILITY = """Employee Number,Case Start Date,Grounds
1,01/05/2023,skills gap
2,01/06/2023,will not improve despite support
3,01/07/2023,Ill Health
4,01/08/2023,long-term sickness absence
"""


def test_capability_grounds_are_read_word_by_word(tmp_path: Path) -> None:
    inputs = load(trust(tmp_path, 'capability = "capability.csv"\n', capability__csv=CAPABILITY))
    # "skills gap" and "will not improve" are performance: no "ill" inside a word
    assert sorted(inputs.frames["capability"]["person_id"]) == ["1", "2"]


def test_an_empty_staff_list_is_an_error_there_is_nothing_to_compute(tmp_path: Path) -> None:
    inputs = load(trust(tmp_path, staff="Employee Number,Ethnic Origin\n"), strict=False)
    errors = [p for p in inputs.problems if p.severity == "error"]
    assert len(errors) == 1 and "nothing to compute" in errors[0].rule


def test_validate_lists_every_problem_at_once(tmp_path: Path) -> None:
    # four problems in four files, each of a kind that used to hide the next:
    # a missing required column, a bad yes/no word, bad grounds, a repeated person
    staff = STAFF + "4,A,No,XN05 Band 5\n"
    trac = TRAC.replace(b"A5,", b"A5x,").replace(
        b"Shortlisted,Appointed\r\nA2", b"Maybe,Appointed\r\nA2"
    )
    capability = CAPABILITY.replace("skills gap", "restructure")
    board = BOARD.replace("Member ID", "Member")
    inputs = load(
        trust(
            tmp_path,
            'applications = "trac.csv"\ncapability = "capability.csv"\nboard = "board.csv"\n',
            staff=staff,
            trac__csv=trac,
            capability__csv=capability,
            board__csv=board,
        ),
        strict=False,
    )
    errors = [p for p in inputs.problems if p.severity == "error"]
    found = {(Path(p.file).name, p.column, p.value) for p in errors}
    assert ("staff.csv", "Employee Number", "4") in found
    assert ("trac.csv", "Shortlisted", "Maybe") in found
    assert ("capability.csv", "Grounds", "restructure") in found
    assert ("board.csv", "member_id", None) in found
