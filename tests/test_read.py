"""Reading CSV and XLSX files as ESR and recruitment systems export them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from wres_wdes.contract import INPUTS
from wres_wdes.problems import InputError
from wres_wdes.read import read_table

STAFF = INPUTS["staff"]


def test_utf8_with_bom_and_comma(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_bytes("\ufeffEmployee Number,Ethnic Origin\n1,A\n2,Z\n".encode())
    table = read_table(path, STAFF)
    assert list(table.frame.columns) == ["Employee Number", "Ethnic Origin"]
    assert table.frame["Employee Number"].tolist() == ["1", "2"]
    # header is row 1, so the first record is row 2, as a spreadsheet shows it
    assert table.frame.index.tolist() == [2, 3]


def test_windows_1252_and_tab(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_bytes("Employee Number\tUnit\n1\tCaf\xe9 services\n".encode("cp1252"))
    table = read_table(path, STAFF)
    assert table.frame.loc[2, "Unit"] == "Café services"


def test_title_rows_above_header_are_skipped_and_rows_keep_file_numbers(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(
        "ESR BI Report: Staff in post\nRun date 01/04/2024\n\n"
        "Employee Number,Ethnic Origin,Grade\n1,A,Band 5\n2,B,Band 6\n",
        encoding="utf-8",
    )
    table = read_table(path, STAFF)
    assert table.header_row == 4
    assert table.frame.index.tolist() == [5, 6]
    assert table.frame.loc[6, "Grade"] == "Band 6"


def test_blank_cells_are_missing_and_values_stay_raw(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("person_id,ethnicity,fte\n007,,0.50\n", encoding="utf-8")
    frame = read_table(path, STAFF).frame
    assert frame.loc[2, "person_id"] == "007"  # leading zeros kept
    assert frame["ethnicity"].isna().all()
    assert frame.loc[2, "fte"] == "0.50"


def test_xlsx_first_sheet_with_title_rows(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["Staff in post at 31 March 2024"])
    ws.append([])
    ws.append(["Employee Number", "Hire Date", "FTE", "Grade"])
    ws.append([10000001, dt.datetime(2019, 5, 1), 1.0, "Band 5"])
    ws.append([10000002, dt.datetime(2020, 6, 2), 0.6, 5])
    wb.save(tmp_path / "s.xlsx")
    table = read_table(tmp_path / "s.xlsx", STAFF)
    assert table.header_row == 3
    frame = table.frame
    assert frame.index.tolist() == [4, 5]
    assert frame.loc[4, "Employee Number"] == "10000001"
    assert frame.loc[4, "Hire Date"] == "2019-05-01"
    assert frame.loc[5, "FTE"] == "0.6"
    assert frame.loc[5, "Grade"] == "5"


def test_xlsx_named_sheet_and_missing_sheet(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.title = "Cover"
    data = wb.create_sheet("Data")
    data.append(["Employee Number"])
    data.append(["42"])
    wb.save(tmp_path / "s.xlsx")
    assert read_table(tmp_path / "s.xlsx", STAFF, sheet="Data").frame.iloc[0, 0] == "42"
    with pytest.raises(InputError) as err:
        read_table(tmp_path / "s.xlsx", STAFF, sheet="Staff")
    assert "Cover, Data" in err.value.problems[0].rule


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        read_table(tmp_path / "nope.csv", STAFF)
    assert err.value.problems[0].rule == "the file does not exist"


def test_windows_1252_character_after_the_first_block_falls_back(tmp_path: Path) -> None:
    # 70,000 plain ASCII rows first: the sniffed block looks like UTF-8, the é later does not
    rows = "".join(f"{i},Ward {i % 7}\n" for i in range(7000))
    path = tmp_path / "s.csv"
    path.write_bytes(("Employee Number,Unit\n" + rows).encode() + "9999,Caf\xe9\n".encode("cp1252"))
    frame = read_table(path, STAFF).frame
    assert frame["Unit"].iloc[-1] == "Café"
    assert len(frame) == 7001


def test_rows_with_too_many_fields_are_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("Employee Number,Unit\n1,A\n2,B,extra\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_table(path, STAFF)
    assert "row 3 has 3 value(s) where the header has 2" in err.value.problems[0].rule
    assert err.value.problems[0].row == 3


def test_missing_markers_are_missing_in_csv_and_xlsx_alike(tmp_path: Path) -> None:
    # The same cells give the same frame whichever format they come in: a blank,
    # "N/A" and "NULL" are missing; "Not stated" is a value (classified later).
    rows = [["Employee Number", "Ethnic Origin", "Hire Date"], ["1", "N/A", "NULL"]]
    rows += [["2", "Not stated", ""], ["3", "A", "2020-01-01"]]
    (tmp_path / "s.csv").write_text("\n".join(",".join(r) for r in rows) + "\n")
    wb = Workbook()
    for row in rows:
        wb.active.append([c or None for c in row])
    wb.save(tmp_path / "s.xlsx")
    csv_frame = read_table(tmp_path / "s.csv", STAFF).frame
    xlsx_frame = read_table(tmp_path / "s.xlsx", STAFF).frame
    for frame in (csv_frame, xlsx_frame):
        assert frame["Ethnic Origin"].isna().tolist() == [True, False, False]
        assert frame["Hire Date"].isna().tolist() == [True, True, False]
        assert frame.loc[3, "Ethnic Origin"] == "Not stated"


def test_carriage_return_line_ends_number_the_footer_as_a_spreadsheet_does(tmp_path: Path) -> None:
    # old Mac line ends (CR alone): header row 1, records rows 2-4, a blank row 5, the
    # footer on row 6, counted by the same rule as the records
    path = tmp_path / "staff.csv"
    lines = ["Employee Number,Ethnic Origin", "1,A", "2,B", "3,C", "", "Applied filters: all"]
    path.write_bytes("\r".join(lines).encode() + b"\r")
    table = read_table(path, STAFF)
    assert table.frame.index.tolist() == [2, 3, 4]
    assert [row for row, _ in table.footer] == [6]


def test_a_header_that_names_a_year_in_brackets_is_no_copy(tmp_path: Path) -> None:
    # "Salary (2023)" beside "Salary" is two headers of the file, not a repeated one;
    # a real repeat is a warning that names the copy
    path = tmp_path / "staff.csv"
    path.write_text(
        "Employee Number,Salary,Salary (2023),Grade,Grade\n1,10,11,Band 5,Band 5\n",
        encoding="utf-8",
    )
    notes = [sentence for _, sentence in read_table(path, STAFF).notes]
    assert len(notes) == 1 and "'Grade' appears more than once" in notes[0]
