"""The fictional trust's real-shaped exports, and the library's figures on them.

``wres_wdes.sample.write_exports`` writes what ESR, TRAC, an employee-relations tracker
and a learning system really hand an analyst; ``hand_exports.expected_figures``
computes the WRES/WDES figures from those raw files with pandas alone, sharing no code
with the library. The last test holds the library to that hand calculation.
"""

from __future__ import annotations

import datetime as dt
import math
import tomllib
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hand_exports import TRUST, expected_figures

import wres_wdes
from wres_wdes.sample import write_exports

STAFF = "ESR Staff in Post 31-03-2024.xlsx"
LEAVERS = "ESR Leavers 2023-24.xlsx"
TRAC = "TRAC applications 2023-24.csv"
TRACKER = "ER Case Tracker.xlsx"
LEARNING = "Learning Activity 2023-24.csv"
BOARD = "Board members.csv"
FILES = (STAFF, LEAVERS, TRAC, TRACKER, LEARNING, BOARD, "config.toml")

KEYS = [
    "standard",
    "metric",
    "level",
    "unit",
    "category",
    "group",
    "reference_group",
    "statistic",
]
FIGURES = ["n_group", "events_group", "n_reference", "events_reference", "value"]


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default exports (2,500 staff, reporting year 2024); the config's path."""
    return write_exports(tmp_path_factory.mktemp("exports"))


@pytest.fixture(scope="module")
def folder(exports: Path) -> Path:
    return exports.parent


@pytest.fixture(scope="module")
def figures(folder: Path) -> pd.DataFrame:
    return expected_figures(folder)


@pytest.fixture(scope="module")
def staff_rows(folder: Path) -> list[tuple]:
    """Every row of the staff-in-post sheet, title rows and footer included."""
    return _rows(folder / STAFF, "Staff in Post")


@pytest.fixture(scope="module")
def leaver_rows(folder: Path) -> list[tuple]:
    return _rows(folder / LEAVERS, "Leavers")


@pytest.fixture(scope="module")
def numbers(staff_rows: list[tuple], leaver_rows: list[tuple]) -> tuple[set, set]:
    """The employee numbers in post, and those of the leavers."""
    return {r[0] for r in staff_rows[5:-2]}, {r[0] for r in leaver_rows[3:]}


def _rows(path: Path, sheet: str) -> list[tuple]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return [tuple(r) for r in wb[sheet].iter_rows(values_only=True)]
    finally:
        wb.close()


def _blank(row: tuple) -> bool:
    return all(v is None for v in row)


# --- (a) determinism -----------------------------------------------------------------


def test_same_arguments_same_bytes(tmp_path: Path, folder: Path) -> None:
    again = write_exports(tmp_path / "again").parent
    for name in FILES:
        assert (again / name).read_bytes() == (folder / name).read_bytes(), name


def test_other_seed_other_people(tmp_path: Path, folder: Path) -> None:
    other = write_exports(tmp_path / "other", staff=300, seed=7, year=2023).parent
    assert sorted(p.name for p in other.iterdir()) == sorted(
        [
            "ESR Staff in Post 31-03-2023.xlsx",
            "ESR Leavers 2022-23.xlsx",
            "TRAC applications 2022-23.csv",
            TRACKER,
            "Learning Activity 2022-23.csv",
            BOARD,
            "config.toml",
        ]
    )
    assert (other / TRACKER).read_bytes() != (folder / TRACKER).read_bytes()
    config = tomllib.loads((other / "config.toml").read_text(encoding="utf-8"))
    assert config["reporting"]["year"] == 2023
    assert config["inputs"]["staff"]["path"] == "ESR Staff in Post 31-03-2023.xlsx"


@pytest.mark.parametrize("staff", [0, 99, 60_001])
def test_staff_out_of_range(tmp_path: Path, staff: int) -> None:
    with pytest.raises(ValueError, match="staff"):
        write_exports(tmp_path, staff=staff)


# --- (b) the documented shapes -------------------------------------------------------


def test_config_is_the_documented_one(exports: Path) -> None:
    config = tomllib.loads(exports.read_text(encoding="utf-8"))
    assert config["organisation"] == {"name": TRUST, "code": "RFV"}
    assert config["breakdown"]["levels"] == ["directorate", "unit"]
    inputs = config["inputs"]
    assert inputs["staff"]["columns"] == {"directorate": "Org L4", "unit": "Org L5"}
    assert inputs["disciplinary"]["keep"]["Case Type"] == ["Disciplinary"]
    assert inputs["capability"]["columns"]["grounds"] == "Capability Type"
    assert inputs["training"]["values"]["mandatory"]["yes"] == ["Statutory & Mandatory"]
    for value in inputs.values():
        path = value if isinstance(value, str) else value["path"]
        assert (exports.parent / path).is_file()


def test_esr_staff_in_post_is_assignment_level_with_titles_and_footer(
    staff_rows: list[tuple],
) -> None:
    rows = staff_rows
    assert rows[0][0] == "Staff in Post - Assignment Level Detail"
    assert rows[1][0] == "Organisation: 245 Fernbrook Valley NHS Trust"
    assert rows[2][0] == "Report run: 02/04/2024 09:14"
    assert _blank(rows[3])
    header = list(rows[4])
    assert header[:7] == [
        "Employee Number",
        "Assignment Number",
        "Primary Assignment",
        "Organisation",
        "Org L3",
        "Org L4",
        "Org L5",
    ]
    assert "Hire Date" in header and "Ethnic Origin" in header
    assert _blank(rows[-2])
    assert rows[-1][0] == (
        "Applied filters: Organisation is 245 Fernbrook Valley NHS Trust; Assignment "
        "Status is Active Assignment; Effective Date is 31/03/2024"
    )
    data = pd.DataFrame(rows[5:-2], columns=header)
    people = data.groupby("Employee Number")
    assert data["Employee Number"].str.fullmatch(r"245\d{5}").all()
    assert 2400 <= people.ngroups <= 2500
    # one row per assignment: repeated employee numbers, numbered as ESR numbers them
    per_person = people.size()
    assert 0.08 < (per_person == 2).mean() < 0.16
    assert 0.01 < (per_person == 3).mean() < 0.04
    assert data["Employee Number"].duplicated().any()
    suffix = data["Assignment Number"] != data["Employee Number"]
    assert data.loc[suffix, "Assignment Number"].str.fullmatch(r"245\d{5}-[23]").all()
    assert (people["Primary Assignment"].apply(lambda s: (s == "Yes").sum()) == 1).all()
    # a person with a substantive and a bank assignment has the substantive as primary
    bank = data["Assignment Category"].eq("Bank")
    mixed = bank.groupby(data["Employee Number"]).agg(lambda b: b.any() and not b.all())
    primary = data[data["Primary Assignment"].eq("Yes")].set_index("Employee Number")
    assert 0.03 < mixed.mean() < 0.07
    assert primary.loc[mixed[mixed].index, "Assignment Category"].ne("Bank").all()
    bank_only = bank.groupby(data["Employee Number"]).all()
    assert 0.03 < bank_only.mean() < 0.08
    # equality data is the person's, on every assignment
    for column in ("Ethnic Origin", "Disability Flag"):
        assert (people[column].nunique(dropna=False) == 1).all()
    # ESR's "Organisation" is the cost centre; the trust is Org L3
    assert data["Organisation"].nunique() > 40
    assert data["Organisation"].str.fullmatch(r"245 C\d{4} .+").all()
    assert set(data["Org L3"]) == {"245 Fernbrook Valley NHS Trust"}
    assert data["Org L4"].nunique() == 6 and data["Org L4"].str.startswith("245 ").all()
    assert data["Org L5"].str.startswith("245 ").all()
    assert data["Org L5"].groupby(data["Org L4"]).nunique().between(2, 4).all()
    # codes as ESR writes them
    assert {"Z Not Stated", "C3 White - Other European"} <= set(data["Ethnic Origin"])
    assert data["Ethnic Origin"].isna().any() and data["Disability Flag"].isna().any()
    assert data["Ethnic Origin"].dropna().str.match(r"[A-Z]\d? ").all()
    assert {"Yes", "No", "Not Declared", "Prefer Not To Answer"} <= set(data["Disability Flag"])
    assert {"XN05 Band 5", "XN08A Band 8A", "MC51 Consultant"} <= set(data["Grade"])
    assert "Add Prof Scientific and Technic" in set(data["Staff Group"])
    assert "013" in set(data["Occupation Code"])  # text, with its leading zero
    assert set(data["Assignment Category"]) == {"Permanent", "Fixed Term Temp", "Bank"}
    assert data["Hire Date"].map(lambda v: isinstance(v, dt.datetime)).all()  # date cells


def test_esr_leavers_are_not_in_post(leaver_rows: list[tuple], numbers: tuple[set, set]) -> None:
    rows = leaver_rows
    assert rows[0][0] == "Leavers - Assignment Level"
    assert _blank(rows[1])
    data = pd.DataFrame(rows[3:], columns=list(rows[2]))
    assert list(data.columns[:4]) == [
        "Employee Number",
        "Assignment Number",
        "Assignment Category",
        "Termination Date",
    ]
    assert not data["Employee Number"].isin(numbers[0]).any()
    assert 0.06 < data["Assignment Category"].eq("Bank").mean() < 0.16
    assert data["Employee Number"].duplicated().any()  # a bank row beside a substantive one
    dates = pd.to_datetime(data["Termination Date"])
    before = dates < pd.Timestamp(2023, 4, 1)
    assert 0.01 < before.mean() < 0.1
    assert (dates[~before] <= pd.Timestamp(2024, 3, 31)).all()


def test_trac_is_windows_1252_with_a_title_line(folder: Path) -> None:
    raw = (folder / TRAC).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp1252")
    lines = text.split("\r\n")
    assert lines[0] == "Applicant Equality Report - Fernbrook Valley NHS Trust"
    assert lines[1].split(",") == [
        "Application ID",
        "Vacancy Reference",
        "Job Title",
        "Salary",
        "Closing Date",
        "Ethnicity",
        "Disability",
        "Shortlisted",
        "Appointed",
    ]
    assert "£" in text and "–" in text and "Café Assistant" in text
    assert '"£28,407 - £34,581"' in text
    apps = pd.read_csv(folder / TRAC, encoding="cp1252", skiprows=1, dtype=str)
    assert 7000 <= len(apps) <= 8000 and apps["Application ID"].is_unique
    assert set(apps["Shortlisted"]) == {"Shortlisted", "Not Shortlisted"}
    assert set(apps["Appointed"]) == {"Appointed", "Not Appointed"}
    assert not (apps["Appointed"].eq("Appointed") & apps["Shortlisted"].ne("Shortlisted")).any()
    assert set(apps["Ethnicity"]) == {  # recruitment labels, never ESR codes
        "White - British",
        "White - Irish",
        "White - Any other white background",
        "Asian or Asian British - Indian",
        "Black or Black British - African",
        "Mixed - White and Asian",
        "Chinese",
        "I do not wish to disclose this",
    }
    assert set(apps["Disability"]) == {"Yes", "No", "I do not wish to disclose this"}
    closing = pd.to_datetime(apps["Closing Date"], format="%d/%m/%Y")
    outside = ~closing.between(pd.Timestamp(2023, 4, 1), pd.Timestamp(2024, 3, 31))
    assert 0.005 < outside.mean() < 0.08


def test_er_tracker_has_every_case_type_and_stage(folder: Path, numbers: tuple[set, set]) -> None:
    rows = _rows(folder / TRACKER, "Cases")
    cases = pd.DataFrame(rows[1:], columns=list(rows[0]))
    assert set(cases["Case Type"]) == {
        "Disciplinary",
        "Grievance",
        "Bullying and Harassment",
        "Capability",
        "Sickness Absence",
    }
    assert set(cases["Stage"]) == {"Informal", "Formal Investigation", "Formal Hearing", "Appeal"}
    for case_type in ("Disciplinary", "Capability"):
        stages = set(cases.loc[cases["Case Type"].eq(case_type), "Stage"])
        assert stages == {"Informal", "Formal Investigation", "Formal Hearing", "Appeal"}
    informal = cases["Stage"].eq("Informal")
    assert cases.loc[informal, "Formal Start Date"].isna().all()
    assert cases.loc[~informal, "Formal Start Date"].notna().all()
    formal = cases[~informal]
    assert (formal["Formal Start Date"] >= formal["Date Opened"]).all()
    assert cases["Date Opened"].min() >= pd.Timestamp(2021, 4, 1)
    assert cases["Formal Start Date"].max() <= pd.Timestamp(2024, 3, 31)
    assert (formal["Formal Start Date"] < pd.Timestamp(2022, 4, 1)).any()
    capability = cases["Case Type"].eq("Capability")
    assert set(cases.loc[capability, "Capability Type"]) == {"Performance", "Ill Health"}
    assert cases.loc[~capability, "Capability Type"].isna().all()
    assert cases["Employee Number"].map(type).eq(int).all()  # typed into number cells
    assert not cases["Department"].str.startswith("245").any()
    assert cases.duplicated().sum() == 1
    # whose cases: staff, leavers, and a handful of numbers in neither list
    person = cases["Employee Number"].astype(str)
    staff, leavers = numbers
    assert person.isin(staff).mean() > 0.7
    assert person.isin(leavers).sum() > 10
    assert 1 <= (~person.isin(staff | leavers)).sum() <= 10
    # formal disciplinary entries of national-ish size, some people twice in a year
    disc = formal[formal["Case Type"].eq("Disciplinary")]
    year = disc["Formal Start Date"].dt.year + (disc["Formal Start Date"].dt.month >= 4)
    per_year = disc.assign(year=year).drop_duplicates(["Employee Number", "year"])
    assert per_year.groupby("year").size().loc[[2023, 2024]].between(40, 80).all()
    assert disc.assign(year=year).duplicated(["Employee Number", "year"]).sum() >= 3


def test_learning_export_has_a_bom_and_three_course_types(
    folder: Path, numbers: tuple[set, set]
) -> None:
    raw = (folder / LEARNING).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfEmployee Number,Course Title,Course Type,")
    learning = pd.read_csv(folder / LEARNING, encoding="utf-8-sig", dtype=str)
    types = learning["Course Type"].value_counts()
    assert set(types.index) == {"Statutory & Mandatory", "Non-Mandatory", "CPD"}
    assert types.idxmax() == "Statutory & Mandatory"
    assert set(learning["Delivery Method"]) == {"e-Learning", "Classroom"}
    dates = pd.to_datetime(learning["Completion Date"], format="%d/%m/%Y")
    outside = ~dates.between(pd.Timestamp(2023, 4, 1), pd.Timestamp(2024, 3, 31))
    assert 0.01 < outside.mean() < 0.15
    staff, leavers = numbers
    people = learning["Employee Number"]
    assert people.isin(staff | leavers).all() and people.isin(leavers).any()


def test_board_list(folder: Path) -> None:
    board = pd.read_csv(folder / BOARD, encoding="utf-8", dtype=str, keep_default_na=False)
    assert list(board.columns) == [
        "Member ID",
        "Role Title",
        "Executive",
        "Voting",
        "Ethnicity",
        "Disability",
    ]
    assert board["Member ID"].tolist() == [f"BM{i:02d}" for i in range(1, 15)]
    assert board["Executive"].value_counts().to_dict() == {
        "Executive Director": 7,
        "Non-Executive Director": 7,
    }
    assert board["Voting"].eq("Yes").sum() == 12
    assert {"Chair", "Chief Executive", "Director of Nursing"} <= set(board["Role Title"])
    assert board["Ethnicity"].str.match(r"[A-Z]\d? ").all()
    assert set(board["Disability"]) <= {"Yes", "No", "Prefer not to say"}


# --- (c) the hand calculation is sane ------------------------------------------------


def test_hand_calculation_is_sane(figures: pd.DataFrame) -> None:
    assert list(figures.columns) == [*KEYS, *FIGURES]
    assert not figures.duplicated(KEYS).any()
    likelihood = figures[figures["statistic"].eq("relative_likelihood")]
    both = likelihood[
        (likelihood["events_group"] > 0)
        & (likelihood["events_reference"] > 0)
        & (likelihood["n_group"] > 0)
        & (likelihood["n_reference"] > 0)
    ]
    assert len(both) > 50
    assert both["value"].map(math.isfinite).all()
    assert figures["value"].notna().sum() > 0.9 * len(figures)
    # counts within their populations (leavers and cases of leavers may exceed a small
    # unit's census headcount, so only metrics 1, 2 and 4 and the board)
    within = figures[figures["metric"].isin(["1", "2", "4", "9", "10"])]
    assert (within["n_group"] >= within["events_group"]).all()
    assert (within["n_reference"] >= within["events_reference"]).all()
    org = figures[figures["level"].eq("organisation")].set_index(["standard", "metric", "group"])
    assert set(figures.loc[figures["level"].eq("organisation"), "unit"]) == {TRUST}

    # WRES 1: BME ~25% of staff of known ethnicity; bank-only people not counted
    white = org.loc[("WRES", "1", "White"), "events_group"]
    bme = org.loc[("WRES", "1", "BME"), "events_group"]
    headcount = org.loc[("WRES", "1", "BME"), "n_group"]
    assert 0.15 < bme / (white + bme) < 0.40
    assert 2300 <= headcount <= 2450
    # WDES 1: ~4% Disabled, ~20% Unknown
    assert 0.02 < org.loc[("WDES", "1", "Disabled"), "value"] / 100 < 0.06
    assert 0.15 < org.loc[("WDES", "1", "Unknown"), "value"] / 100 < 0.28
    # the disparities built in, in the national direction
    assert 1.2 < org.loc[("WRES", "2", "White"), "value"] < 1.9
    assert org.loc[("WRES", "3", "BME"), "value"] > 1.2
    assert 1.05 < org.loc[("WRES", "4", "White"), "value"] < 1.5
    # WRES 3 and WDES 3 are means over two data years: halves of whole entries
    cases = figures[figures["metric"].eq("3")]
    assert ((cases["events_group"] * 2) % 1 == 0).all()
    assert (
        40
        <= org.loc[("WRES", "3", "BME"), "events_group"]
        + org.loc[("WRES", "3", "BME"), "events_reference"]
        <= 80
    )

    # units add up to the organisation, and unit-level figures exist
    for level in ("directorate", "unit"):
        rows = figures[
            figures["standard"].eq("WRES")
            & figures["metric"].eq("1")
            & figures["group"].eq("BME")
            & figures["level"].eq(level)
        ]
        assert rows["n_group"].sum() == headcount
        assert rows["events_group"].sum() == bme
    units = figures[figures["level"].eq("unit")]
    assert units["unit"].nunique() == 19 and units["unit"].str.startswith("245 ").all()
    unit_cases = units[units["standard"].eq("WRES") & units["metric"].eq("3")]
    assert (unit_cases["events_group"] > 0).sum() >= 10
    board = figures[figures["metric"].isin(["9", "10"])]
    assert set(board["category"]) == {"voting", "executive", "all"}
    assert set(board["level"]) == {"organisation"}


# --- (d) the library on real-shaped exports ------------------------------------------


def test_library_matches_hand_calculation(exports: Path, figures: pd.DataFrame) -> None:
    results = wres_wdes.calculate(wres_wdes.load(exports)).frame
    library = results.astype({k: str for k in KEYS}).set_index(KEYS)
    problems = []
    for row in figures.itertuples(index=False):
        key = tuple(getattr(row, k) for k in KEYS)
        label = " / ".join(str(k) for k in key if k)
        try:
            found = library.loc[[key]]
        except KeyError:
            problems.append(f"{label}: no library row")
            continue
        if len(found) != 1:
            problems.append(f"{label}: {len(found)} library rows")
            continue
        for column in FIGURES:
            expected, got = float(getattr(row, column)), float(found[column].iloc[0])
            if got != pytest.approx(expected, rel=1e-9, nan_ok=True):
                problems.append(f"{label}: {column} is {got}, expected {expected}")
    shown = "\n".join(problems[:80])
    assert not problems, f"{len(problems)} differences from the hand calculation:\n{shown}"


def test_the_quickstart_reconciliation_of_the_practice_exports(exports: Path) -> None:
    # docs/quickstart.md, step 5, quotes these figures for `wres-wdes sample --exports`
    rec = wres_wdes.load(exports).reconciliation
    staff = rec[rec.input == "staff"].set_index(["outcome", "reason"])["records"]
    assert staff[("read", "")] == 2910
    excluded = staff.xs("excluded", level="outcome")
    assert excluded["text below the table (a report footer)"] == 1
    folded = [r for r in excluded.index if r.startswith("further assignment")]
    assert excluded[folded[0]] == 409 and "2,909 assignments of 2,500 people" in folded[0]
    assert excluded["bank-only (options.include_bank = false)"] == 150
    assert staff[("used", "")] == 2350
