"""Export shapes a new user's own files had that once gave a silent wrong figure.

Each case came from trying hand-made exports against the promise "right figure,
or exit 2 with a message naming file, column, value and the fix". Expected
figures are counted by hand from the rows written in each test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from wres_wdes import InputError, calculate, load
from wres_wdes.cli import main
from wres_wdes.config import load_config

HEAD = """[organisation]
name = "Test Trust"
{organisation}
[reporting]
year = 2024

[inputs]
{inputs}

[breakdown]
levels = ["directorate"]
{rest}
"""

# 20 people: 1001-1012 White, 1013-1020 BME; odd numbers in Medicine, even in Surgery
STAFF = "Employee Number,Ethnic Origin,Disability Flag,Org L4,Assignment Category\n" + "".join(
    f"{n},{'A' if n <= 1012 else 'H'},{'Yes' if n in (1001, 1002, 1013, 1014) else 'No'},"
    f"{'Medicine' if n % 2 else 'Surgery'},Permanent\n"
    for n in range(1001, 1021)
)


def trust(
    tmp_path: Path,
    inputs: str = 'staff = { path = "staff.csv", columns = { directorate = "Org L4" } }',
    staff: str = STAFF,
    organisation: str = "",
    rest: str = "",
    **files: str,
) -> Path:
    (tmp_path / "staff.csv").write_text(staff, encoding="utf-8")
    for name, text in files.items():
        (tmp_path / name.replace("__", ".")).write_text(text, encoding="utf-8")
    path = tmp_path / "config.toml"
    path.write_text(
        HEAD.format(inputs=inputs, organisation=organisation, rest=rest), encoding="utf-8"
    )
    return path


def errors(inputs) -> list:
    return [p for p in inputs.problems if p.severity == "error"]


def wres1_white_share(results) -> float:
    f = results.frame
    return (
        f[
            (f.metric == "1")
            & (f.level == "organisation")
            & (f.category == "all")
            & (f.group == "White")
        ]
        .iloc[0]
        .value
    )


@pytest.mark.parametrize(
    "extra",
    [
        "Directorate: Surgery,,,,\n",  # a section heading inside the table
        "Page 1 of 2,,,,\n",  # a page break
        "END,,,,\n",  # an end marker after the last record
        "Grand Total,,,,20\n",  # a totals row
    ],
)
def test_report_rows_are_not_people(tmp_path: Path, extra: str) -> None:
    lines = STAFF.splitlines(keepends=True)
    staff = (
        "".join([*lines[:8], extra, *lines[8:]])
        if "Page" in extra or "Directorate" in extra
        else STAFF + extra
    )
    inputs = load(trust(tmp_path, staff=staff))
    # 12 of 20 White = 60.0%; with the extra row counted it would be 57.1%
    assert len(inputs.frames["staff"]) == 20
    assert wres1_white_share(calculate(inputs)) == pytest.approx(60.0)
    assert any("not records; they are left out" in p.rule for p in inputs.problems)


@pytest.mark.parametrize("second", ["1013/2", "1013(2)", "1013-2", "1013 (2)"])
def test_assignment_suffixes_in_every_common_form(tmp_path: Path, second: str) -> None:
    # the second assignment is listed first; the number without a suffix is primary
    staff = (
        "Employee Number,Assignment Number,Ethnic Origin,Org L4\n"
        f"1013,{second},H,Medicine\n1013,1013,H,Surgery\n1001,1001,A,Medicine\n"
    )
    inputs = load(trust(tmp_path, staff=staff))
    people = inputs.frames["staff"].set_index("person_id")
    assert people.loc["1013", "directorate"] == "Surgery"


def test_a_tie_between_assignments_is_a_warning_naming_rows(tmp_path: Path) -> None:
    staff = "Employee Number,Assignment Number,Ethnic Origin,Org L4\n1013,A1,H,Medicine\n1013,A2,H,Surgery\n"
    inputs = load(trust(tmp_path, staff=staff))
    warned = [p for p in inputs.problems if "the first row in the file is used" in p.rule]
    assert len(warned) == 1 and "rows 2" in warned[0].rule


CAPABILITY = "Employee Number,Case Start Date,Grounds\n1013,01/05/2023,{grounds}\n1001,01/06/2023,Performance\n"


@pytest.mark.parametrize(
    "grounds", ["Capability (not health related)", "Performance - health-related", "Non-medical"]
)
def test_unclear_capability_grounds_stop_the_run(tmp_path: Path, grounds: str) -> None:
    inputs = load(
        trust(
            tmp_path,
            'staff = "staff.csv"\ncapability = "cap.csv"',
            cap__csv=CAPABILITY.format(grounds=grounds),
        ),
        strict=False,
    )
    found = errors(inputs)
    assert [p.value for p in found] == [grounds]
    assert "values = { grounds" in found[0].rule


def test_a_files_own_grounds_words_decide(tmp_path: Path) -> None:
    config = (
        'staff = "staff.csv"\ncapability = { path = "cap.csv", values = { grounds = '
        '{ performance = ["Capability (not health related)"] } } }'
    )
    cap = CAPABILITY.format(grounds="Capability (not health related)")
    inputs = load(trust(tmp_path, config, cap__csv=cap))
    assert sorted(inputs.frames["capability"]["person_id"]) == ["1001", "1013"]


def test_non_bank_is_not_bank(tmp_path: Path) -> None:
    staff = STAFF.replace("1005,A,No,Medicine,Permanent", "1005,A,No,Medicine,Non-Bank")
    staff = staff.replace("1007,A,No,Medicine,Permanent", "1007,A,No,Medicine,Bank")
    inputs = load(trust(tmp_path, staff=staff))
    assert "1005" in set(inputs.frames["staff"]["person_id"])
    assert "1007" not in set(inputs.frames["staff"]["person_id"])
    warned = [p for p in inputs.problems if "bank-only staff are left out" in p.rule]
    assert warned[0].value == "Bank"


TRACKER = (
    "Employee Number,{header},Stage,Formal Start Date\n"
    "1013,Disciplinary,Formal Hearing,01/05/2023\n"
    "1014,Grievance,Formal Hearing,01/06/2023\n"
    "1001,Bullying and Harassment,{stage},01/07/2023\n"
)


def test_other_case_types_under_any_type_like_header_stop_the_run(tmp_path: Path) -> None:
    tracker = TRACKER.format(header="Case Reason", stage="Formal Hearing")
    inputs = load(
        trust(tmp_path, 'staff = "staff.csv"\ndisciplinary = "er.csv"', er__csv=tracker),
        strict=False,
    )
    found = errors(inputs)
    assert [p.column for p in found] == ["Case Reason"]
    assert 'keep = { "Case Reason" = ["Disciplinary"] }' in found[0].rule


def test_informal_stages_by_other_names_stop_the_run(tmp_path: Path) -> None:
    tracker = (
        TRACKER.format(header="Case Type", stage="Early Resolution")
        .replace("Grievance", "Disciplinary")
        .replace("Bullying and Harassment", "Disciplinary")
    )
    inputs = load(
        trust(tmp_path, 'staff = "staff.csv"\ndisciplinary = "er.csv"', er__csv=tracker),
        strict=False,
    )
    found = errors(inputs)
    assert [p.column for p in found] == ["Stage"]
    assert '"Early Resolution" (1 rows)' in found[0].rule
    assert 'keep = { "Stage" = ["Formal Hearing"] }' in found[0].rule


LEARNING = (
    "Employee Number,Course Type,{date}\n"
    "1001,Non-Mandatory,01/05/2023\n1013,Non-Mandatory,01/01/2022\n1002,CPD,01/06/2023\n"
)


def test_a_date_column_not_read_stops_the_run_and_can_be_named(tmp_path: Path) -> None:
    learning = LEARNING.format(date="When Done")
    inputs = load(
        trust(tmp_path, 'staff = "staff.csv"\ntraining = "l.csv"', l__csv=learning), strict=False
    )
    found = errors(inputs)
    assert [p.column for p in found] == ["When Done"]
    named = 'staff = "staff.csv"\ntraining = { path = "l.csv", columns = { date = "When Done" } }'
    inputs = load(trust(tmp_path, named, l__csv=learning))
    # the 2022 episode is outside the data year 1 April 2023 - 31 March 2024
    assert sorted(inputs.frames["training"]["person_id"]) == ["1001", "1002"]
    none = 'staff = "staff.csv"\ntraining = { path = "l.csv", columns = { date = false } }'
    assert load(trust(tmp_path, none, l__csv=learning)).ok


def test_common_date_headers_are_known(tmp_path: Path) -> None:
    learning = LEARNING.format(date="Date Completed")
    inputs = load(trust(tmp_path, 'staff = "staff.csv"\ntraining = "l.csv"', l__csv=learning))
    assert len(inputs.frames["training"]) == 2


def test_merged_directorate_cells_are_read_as_their_value(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(["Employee Number", "Org L4", "Ethnic Origin"])
    for i in range(6):
        sheet.append([str(2000 + i), "Medicine" if i == 0 else "Surgery" if i == 3 else None, "A"])
    sheet.merge_cells("B2:B4")
    sheet.merge_cells("B5:B7")
    book.save(tmp_path / "staff.xlsx")
    config = 'staff = { path = "staff.xlsx", sheet = "data", columns = { directorate = "Org L4" } }'
    inputs = load(trust(tmp_path, config))
    assert inputs.frames["staff"]["directorate"].value_counts().to_dict() == {
        "Medicine": 3,
        "Surgery": 3,
    }
    assert any("merged cell range(s)" in p.rule for p in inputs.problems)


def test_date_opened_is_read_as_the_formal_start_only_with_a_warning(tmp_path: Path) -> None:
    cases = "Employee Number,Date Opened,Date Formal Process Started\n1013,01/02/2022,01/05/2023\n"
    inputs = load(trust(tmp_path, 'staff = "staff.csv"\ndisciplinary = "c.csv"', c__csv=cases))
    # the formal date is known by its name, so the case is in the window
    assert len(inputs.frames["disciplinary"]) == 1
    only_opened = "Employee Number,Date Opened\n1013,01/05/2023\n"
    inputs = load(
        trust(tmp_path, 'staff = "staff.csv"\ndisciplinary = "c.csv"', c__csv=only_opened)
    )
    assert any('start_date is read from "Date Opened"' in p.rule for p in inputs.problems)


def test_a_mapping_to_an_unknown_label_is_a_configuration_error(tmp_path: Path, capsys) -> None:
    path = trust(tmp_path, rest='[mappings.ethnicity]\n"Other - Arab" = "BAME"\n')
    with pytest.raises(InputError) as caught:
        load_config(path)
    assert caught.value.problems[0].column == "mappings.ethnicity"
    assert main(["validate", str(path)]) == 2


def test_decimal_ids_match_whole_number_ids(tmp_path: Path) -> None:
    cases = "Employee Number,Case Start Date\n1013.0,01/05/2023\n1014.0,01/06/2023\n"
    inputs = load(trust(tmp_path, 'staff = "staff.csv"\ndisciplinary = "c.csv"', c__csv=cases))
    assert inputs.frames["disciplinary"]["ethnic_group"].astype(str).tolist() == ["BME", "BME"]


def test_numbers_written_differently_stop_the_run_with_a_hint(tmp_path: Path) -> None:
    cases = "Employee Number,Case Start Date\n" + "".join(
        f"0{n},01/05/2023\n" for n in range(1001, 1013)
    )
    inputs = load(
        trust(tmp_path, 'staff = "staff.csv"\ndisciplinary = "c.csv"', c__csv=cases), strict=False
    )
    found = errors(inputs)
    assert len(found) == 1 and "leading zeros" in found[0].rule and "01001" in found[0].rule


def test_a_bank_only_persons_case_is_left_out_with_them(tmp_path: Path) -> None:
    staff = STAFF.replace("1013,H,Yes,Medicine,Permanent", "1013,H,Yes,Medicine,Bank")
    cases = "Employee Number,Case Start Date\n1013,01/05/2023\n1014,01/06/2023\n"
    inputs = load(
        trust(tmp_path, 'staff = "staff.csv"\ndisciplinary = "c.csv"', staff=staff, c__csv=cases)
    )
    assert inputs.frames["disciplinary"]["person_id"].tolist() == ["1014"]
    rec = inputs.reconciliation
    reasons = rec[(rec.input == "disciplinary") & (rec.outcome == "excluded")]["reason"]
    assert reasons.str.startswith("a bank-only member of staff").any()
    assert not any("neither the staff nor the leavers" in p.rule for p in inputs.problems)


def test_a_few_people_per_organisation_is_a_warning(tmp_path: Path) -> None:
    staff = STAFF.replace("Assignment Category\n", "Assignment Category,Cost Centre\n", 1)
    lines = staff.splitlines()
    lines = lines[:1] + [f"{line},C{i % 3}" for i, line in enumerate(lines[1:])]
    inputs = load(
        trust(tmp_path, staff="\n".join(lines) + "\n", organisation='column = "Cost Centre"')
    )
    assert any("organisations for 20 staff rows" in p.rule for p in inputs.problems)
