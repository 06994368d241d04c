"""A whole employee-relations tracker: keep, columns, units from the staff list.

One workbook holds every case type and stage, as ER trackers do; the config's
`keep` picks each input's rows (DESIGN.md, "Run configuration"). Expected counts
are read off the rows written here.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from wres_wdes import calculate, load

STAFF = """Employee Number,Ethnic Origin,Disability Flag,Org L4,Org L5
1,A White - British,No,245 Medicine & Urgent Care,245 Acute Medicine
2,A White - British,No,245 Medicine & Urgent Care,245 Acute Medicine
3,N Black or Black British - African,Yes,245 Medicine & Urgent Care,245 Emergency
4,N Black or Black British - African,No,245 Surgery,245 Theatres
5,A White - British,Yes,245 Surgery,245 Theatres
6,H Asian or Asian British - Indian,No,245 Surgery,245 Theatres
"""

HEADER = ["Case Ref", "Employee Number", "Case Type", "Stage", "Date Opened",
          "Formal Start Date", "Capability Type", "Department", "Outcome"]  # fmt: skip
D = dt.datetime
CASES = [
    # formal disciplinary: counted for WRES 3
    ["ER1", 3, "Disciplinary", "Formal Investigation", D(2023, 5, 1), D(2023, 5, 10), None, "Medicine & Urgent Care", None],
    ["ER2", 4, "Disciplinary", "Formal Hearing", D(2023, 6, 1), D(2023, 6, 5), None, "Surgery", "Final written warning"],
    ["ER3", 1, "Disciplinary", "Appeal", D(2022, 9, 1), D(2022, 9, 2), None, "Medicine & Urgent Care", None],
    # informal disciplinary, other case types: not counted
    ["ER4", 2, "Disciplinary", "Informal", D(2023, 7, 1), None, None, "Medicine & Urgent Care", None],
    ["ER5", 5, "Grievance", "Formal Hearing", D(2023, 8, 1), D(2023, 8, 2), None, "Surgery", None],
    ["ER6", 6, "Bullying and Harassment", "Formal Investigation", D(2023, 9, 1), D(2023, 9, 2), None, "Surgery", None],
    # capability: performance counted for WDES 3, ill health not
    ["ER7", 3, "Capability", "Formal Hearing", D(2023, 4, 20), D(2023, 5, 1), "Performance", "Emergency", None],
    ["ER8", 5, "Capability", "Formal Investigation", D(2023, 10, 1), D(2023, 10, 3), "Ill Health", "Surgery", None],
    ["ER9", 2, "Capability", "Informal", D(2023, 11, 1), None, "Performance", "Medicine & Urgent Care", None],
    # a case of someone in neither list, with a free-text department
    ["ER10", 99, "Disciplinary", "Formal Hearing", D(2023, 12, 1), D(2023, 12, 2), None, "Estates & Facilities", None],
    ["ER11", 4, "Sickness Absence", "Formal Hearing", D(2023, 12, 1), D(2023, 12, 2), None, "Surgery", None],
]  # fmt: skip
FORMAL = '["Formal Investigation", "Formal Hearing", "Appeal"]'
CONFIG = f"""[organisation]
name = "Test Trust"

[reporting]
year = 2024

[inputs]
staff = {{ path = "staff.csv", columns = {{ directorate = "Org L4", unit = "Org L5" }} }}
disciplinary = {{ path = "tracker.xlsx", columns = {{ start_date = "Formal Start Date" }}, keep = {{ "Case Type" = ["Disciplinary"], "Stage" = {FORMAL} }} }}
capability = {{ path = "tracker.xlsx", columns = {{ start_date = "Formal Start Date", grounds = "Capability Type" }}, keep = {{ "Case Type" = ["Capability"], "Stage" = {FORMAL} }} }}

[breakdown]
levels = ["directorate", "unit"]
"""


def write_trust(tmp_path: Path, config: str = CONFIG, rows: list | None = None) -> Path:
    (tmp_path / "staff.csv").write_text(STAFF, encoding="utf-8")
    book = Workbook()
    sheet = book.active
    sheet.title = "Cases"
    sheet.append(HEADER)
    for row in CASES if rows is None else rows:
        sheet.append(row)
    book.save(tmp_path / "tracker.xlsx")
    path = tmp_path / "config.toml"
    path.write_text(config, encoding="utf-8")
    return path


def row(frame, standard: str, metric: str, level: str = "organisation", unit: str | None = None):
    sel = frame[(frame.standard == standard) & (frame.metric == metric) & (frame.level == level)]
    if unit is not None:
        sel = sel[sel.unit == unit]
    assert len(sel) == 1
    return sel.iloc[0]


def test_keep_uses_only_this_inputs_rows_and_says_why_others_are_out(tmp_path: Path) -> None:
    inputs = load(write_trust(tmp_path))
    assert sorted(inputs.frames["disciplinary"]["person_id"]) == ["1", "3", "4", "99"]
    # ER7 only: ER8 is ill health, ER9 informal
    assert inputs.frames["capability"]["person_id"].tolist() == ["3"]
    rec = inputs.reconciliation
    disc = rec[(rec.input == "disciplinary")]
    reasons = disc[disc.outcome == "excluded"].set_index("reason")["records"].to_dict()
    assert reasons == {
        "Case Type = Capability, not in keep": 3,
        "Case Type = Grievance, not in keep": 1,
        "Case Type = Bullying and Harassment, not in keep": 1,
        "Case Type = Sickness Absence, not in keep": 1,
        "Stage = Informal, not in keep": 1,
    }
    read = disc.loc[disc.outcome == "read", "records"].sum()
    used = disc.loc[disc.outcome == "used", "records"].sum()
    assert read == used + sum(reasons.values()) == 11


def test_wres3_and_wdes3_from_the_whole_tracker_match_a_hand_count(tmp_path: Path) -> None:
    results = calculate(load(write_trust(tmp_path))).frame
    wres3 = row(results, "WRES", "3")
    # two-year window 1 Apr 2022 - 31 Mar 2024. BME staff 3, 4, 6 (3 people); entries
    # 3 and 4 -> 2 over two years = 1 a year. White staff 1, 2, 5; entries: 1 -> 0.5 a
    # year. (99 is in neither list: Unknown, in no rate.)
    # BME ÷ White = (1/3) / (0.5/3) = 2.0
    assert (wres3.events_group, wres3.n_group) == (1.0, 3)
    assert (wres3.events_reference, wres3.n_reference) == (0.5, 3)
    assert wres3.value == pytest.approx(2.0)
    wdes3 = row(results, "WDES", "3")
    # Disabled 3, 5; entry 3 (performance) -> 0.5 a year; Non-disabled 1, 2, 4, 6: none
    assert (wdes3.events_group, wdes3.n_group, wdes3.events_reference) == (0.5, 2, 0)


def test_cases_take_units_from_the_staff_list_not_the_trackers_department(
    tmp_path: Path,
) -> None:
    inputs = load(write_trust(tmp_path))
    cases = inputs.frames["disciplinary"].set_index("person_id")
    assert cases.loc["3", "directorate"] == "245 Medicine & Urgent Care"
    assert cases.loc["3", "unit"] == "245 Emergency"
    results = calculate(inputs).frame
    # every ESR unit carries its cases: 245 Emergency holds person 3's entry (0.5 a year)
    emergency = row(results, "WRES", "3", "unit", "245 Emergency")
    assert emergency.events_group == 0.5
    # the case of someone in neither list keeps its own free-text unit, with a warning
    warned = [p for p in inputs.problems if "named only here" in p.rule]
    assert len(warned) == 1 and '"Estates & Facilities" (1 rows)' in warned[0].rule
    assert any("neither the staff nor the leavers list" in p.rule for p in inputs.problems)


def test_a_whole_tracker_without_keep_stops_the_run_naming_the_case_types(tmp_path: Path) -> None:
    config = CONFIG.split("disciplinary =")[0] + (
        'disciplinary = { path = "tracker.xlsx", columns = { start_date = "Formal Start Date" } }\n'
        '\n[breakdown]\nlevels = ["directorate", "unit"]\n'
    )
    inputs = load(write_trust(tmp_path, config), strict=False)
    errors = [p for p in inputs.problems if p.severity == "error"]
    by_column = {p.column: p.rule for p in errors}
    assert '"Grievance" (1 rows)' in by_column["Case Type"]
    assert 'keep = { "Case Type" = ["Disciplinary"' in by_column["Case Type"]
    assert '"Informal" (2 rows)' in by_column["Stage"]
    # informal cases have no formal start date: each blank is named too
    assert {p.row for p in errors if p.column == "Formal Start Date"} == {5, 10}
    assert inputs.frames == {}


def test_a_keep_column_the_file_lacks_is_an_error(tmp_path: Path) -> None:
    config = CONFIG.replace('"Stage" = ', '"Stgae" = ', 1)
    inputs = load(write_trust(tmp_path, config), strict=False)
    errors = [p for p in inputs.problems if p.severity == "error"]
    # the keep error, and what the unfiltered stages then bring in (informal rows)
    assert errors[0].column == "Stgae" and '"Stage"' in errors[0].rule
    assert {p.column for p in errors} == {"Stgae", "Stage", "Formal Start Date"}


def test_a_keep_value_with_a_close_match_is_a_typing_error(tmp_path: Path) -> None:
    # "Formal Investigaton" would silently drop every Formal Investigation row
    config = CONFIG.replace(
        '"Stage" = ["Formal Investigation", ', '"Stage" = ["Formal Investigaton", ', 1
    )
    inputs = load(write_trust(tmp_path, config), strict=False)
    errors = [p for p in inputs.problems if p.severity == "error"]
    assert [p.value for p in errors] == ["formal investigaton"]
    assert 'did you mean "Formal Investigation"?' in errors[0].rule


def test_a_keep_value_no_row_holds_and_nothing_like_it_is_a_warning(tmp_path: Path) -> None:
    # a stage that no case reached this year is not an error
    config = CONFIG.replace('"Appeal"] }', '"Appeal", "Employment Tribunal"] }', 1)
    inputs = load(write_trust(tmp_path, config))
    warned = [p for p in inputs.problems if "keep lists a value no row holds" in p.rule]
    assert [p.value for p in warned] == ["employment tribunal"]


def test_keep_leaving_no_row_is_an_error(tmp_path: Path) -> None:
    config = CONFIG.replace(
        '"Case Type" = ["Disciplinary"]', '"Case Type" = ["Discipline case"]', 1
    )
    inputs = load(write_trust(tmp_path, config), strict=False)
    assert any("keep leaves no row" in p.rule for p in inputs.problems if p.severity == "error")


def test_a_columns_header_the_file_lacks_is_an_error_listing_its_headers(tmp_path: Path) -> None:
    config = CONFIG.replace(
        'start_date = "Formal Start Date" }, keep = { "Case Type" = ["Disc',
        'start_date = "Formal Date" }, keep = { "Case Type" = ["Disc',
        1,
    )
    inputs = load(write_trust(tmp_path, config), strict=False)
    errors = [p for p in inputs.problems if p.severity == "error"]
    assert [p.column for p in errors] == ["Formal Date"]
    assert '"Formal Start Date"' in errors[0].rule


def test_a_two_year_window_with_one_year_of_cases_warns_naming_the_year(tmp_path: Path) -> None:
    rows = [r for r in CASES if r[5] is None or r[5] >= D(2023, 4, 1)]
    inputs = load(write_trust(tmp_path, rows=rows))
    warned = [p for p in inputs.problems if "no case starts in the data year" in p.rule]
    sources = {p.file.split("[")[-1] for p in warned}
    assert warned and all("1 April 2022 to 31 March 2023" in p.rule for p in warned)
    assert all("mean per year" in p.rule for p in warned)
    assert len(sources) >= 1
