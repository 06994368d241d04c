"""An independent hand calculation of the WRES and WDES figures of a folder of exports.

The folder is one written by :func:`wres_wdes.sample.write_exports`: ESR staff in post
and leavers (assignment level, title rows), TRAC applications (Windows-1252), the
employee-relations case tracker, the learning-activity export and the board list.
:func:`expected_figures` reads those raw files with pandas alone and applies the
NHS definitions as a careful analyst with a spreadsheet would, rule by rule. Nothing
here imports ``wres_wdes``: the point is to check the library against a calculation
that shares none of its code. The rules are cited by the section names of the brief
(§Staff, §Ethnicity, §Disability, §WRES1 … §Board), which restate ``reference/wres.md``
and ``reference/wdes.md``.

What this module knows of the files' layout (hard-coded, as an analyst would after
opening them): sheet names, the header row of each workbook (ESR staff in post: row 5
under three title rows and a blank; ESR leavers: row 3), the TRAC title line, the file
encodings, and that dates in the CSV files are dd/mm/yyyy.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

TRUST = "Fernbrook Valley NHS Trust"

COLUMNS = [
    "standard",
    "metric",
    "level",
    "unit",
    "category",
    "group",
    "reference_group",
    "statistic",
    "n_group",
    "events_group",
    "n_reference",
    "events_reference",
    "value",
]

# §WRES3 / §WDES3: the stages of the tracker that are the formal process
FORMAL_STAGES = ("Formal Investigation", "Formal Hearing", "Appeal")

# §Staff: levels of the breakdown and the column of each (the organisation is one unit)
LEVELS = (("organisation", None), ("directorate", "directorate"), ("unit", "unit"))


# --- reading the raw files ---------------------------------------------------------------


def _text(values: pd.Series) -> pd.Series:
    """Cell text with blanks as "", surrounding spaces dropped."""
    return values.fillna("").astype(str).str.strip()


def _employee_number(values: pd.Series) -> pd.Series:
    """Employee numbers as text: the tracker types them into number cells (24512345.0)."""
    return values.map(lambda v: "" if pd.isna(v) else str(int(float(v))))


def _files(folder: Path) -> tuple[int, dict[str, Path]]:
    """The reporting year (from config.toml) and the export files of that year."""
    year = tomllib.loads((folder / "config.toml").read_text(encoding="utf-8"))["reporting"]["year"]
    label = f"{year - 1}-{str(year)[-2:]}"
    names = {
        "staff": f"ESR Staff in Post 31-03-{year}.xlsx",
        "leavers": f"ESR Leavers {label}.xlsx",
        "applications": f"TRAC applications {label}.csv",
        "cases": "ER Case Tracker.xlsx",
        "training": f"Learning Activity {label}.csv",
        "board": "Board members.csv",
    }
    return year, {key: folder / name for key, name in names.items()}


def esr_ethnic_group(values: pd.Series) -> pd.Series:
    """§Ethnicity: ESR code and label. White = code letter A, B or C (the value's first
    character); BME = D to S; Unknown = Z, blank, or wording for not stated."""
    text = _text(values)
    lower = text.str.lower()
    not_stated = lower.str.contains("not stated|do not wish|not disclose|prefer not", regex=True)
    first = text.str[:1].str.upper()
    group = pd.Series("Unknown", index=values.index)
    group[first.isin(list("ABC"))] = "White"
    group[first.between("D", "S") & first.str.len().eq(1)] = "BME"
    group[not_stated | text.eq("")] = "Unknown"
    return group


def recruitment_ethnic_group(values: pd.Series) -> pd.Series:
    """§Ethnicity: recruitment labels without codes. Starting "White" → White; "I do not
    wish to disclose this" (or blank) → Unknown; any other ethnic label → BME."""
    text = _text(values)
    group = pd.Series("BME", index=values.index)
    group[text.str.startswith("White")] = "White"
    group[text.str.lower().eq("i do not wish to disclose this") | text.eq("")] = "Unknown"
    return group


def disability_group(values: pd.Series) -> pd.Series:
    """§Disability: Yes → Disabled; No → Non-disabled; anything else or blank → Unknown."""
    text = _text(values).str.lower()
    return pd.Series(
        np.select([text.eq("yes"), text.eq("no")], ["Disabled", "Non-disabled"], "Unknown"),
        index=values.index,
    )


def read_staff(path: Path) -> pd.DataFrame:
    """§Staff: the census staff list folded to one row per person.

    Columns ``person``, ``ethnic``, ``disability``, ``directorate``, ``unit``,
    ``bank_only``. The units (and grade, staff group) are the ``Primary Assignment =
    Yes`` row's; a person is bank-only when every assignment is ``Bank``.
    """
    # header on row 5 (three title rows and a blank above it)
    raw = pd.read_excel(path, sheet_name="Staff in Post", header=4, dtype=str)
    # the blank row and the "Applied filters: ..." footer under the table are not staff
    raw = raw[_text(raw["Employee Number"]).str.fullmatch(r"\d{8}")].copy()
    raw["Employee Number"] = _text(raw["Employee Number"])
    bank = _text(raw["Assignment Category"]).eq("Bank")
    bank_only = bank.groupby(raw["Employee Number"]).all()
    primary = raw[_text(raw["Primary Assignment"]).eq("Yes")].set_index("Employee Number")
    if not primary.index.is_unique or set(primary.index) != set(bank_only.index):
        raise ValueError("every person must have exactly one primary assignment")
    return pd.DataFrame(
        {
            "person": primary.index,
            "ethnic": esr_ethnic_group(primary["Ethnic Origin"]).to_numpy(),
            "disability": disability_group(primary["Disability Flag"]).to_numpy(),
            "directorate": _text(primary["Org L4"]).to_numpy(),
            "unit": _text(primary["Org L5"]).to_numpy(),
            "bank_only": bank_only.reindex(primary.index).to_numpy(),
        }
    )


def read_leavers(path: Path) -> pd.DataFrame:
    """The leavers report, one row per ended assignment, with the groups classified.

    Columns ``person``, ``bank``, ``date``, ``ethnic``, ``disability``,
    ``directorate``, ``unit``.
    """
    # header on row 3 (a title row and a blank above it)
    raw = pd.read_excel(
        path,
        sheet_name="Leavers",
        header=2,
        dtype={"Employee Number": str, "Assignment Number": str},
    )
    raw = raw[_text(raw["Employee Number"]).str.fullmatch(r"\d{8}")]
    return pd.DataFrame(
        {
            "person": _text(raw["Employee Number"]),
            "bank": _text(raw["Assignment Category"]).eq("Bank"),
            "date": pd.to_datetime(raw["Termination Date"]),
            "ethnic": esr_ethnic_group(raw["Ethnic Origin"]),
            "disability": disability_group(raw["Disability Flag"]),
            "directorate": _text(raw["Org L4"]),
            "unit": _text(raw["Org L5"]),
        }
    ).reset_index(drop=True)


def leaver_people(leavers: pd.DataFrame) -> pd.DataFrame:
    """One row per leaver: their own groups, and the units of a non-bank row if they have
    one (the post of the counted workforce they left), else of their bank row."""
    ordered = leavers.sort_values(["person", "bank"], kind="stable")
    return ordered.drop_duplicates("person").set_index("person")


def read_cases(path: Path) -> pd.DataFrame:
    """The employee-relations tracker, header on row 1, dates as date cells."""
    raw = pd.read_excel(path, sheet_name="Cases")
    return pd.DataFrame(
        {
            "person": _employee_number(raw["Employee Number"]),
            "case_type": _text(raw["Case Type"]),
            "stage": _text(raw["Stage"]),
            "formal_start": pd.to_datetime(raw["Formal Start Date"]),
            "capability_type": _text(raw["Capability Type"]),
            "department": _text(raw["Department"]),
        }
    )


def _ddmmyyyy(values: pd.Series) -> pd.Series:
    return pd.to_datetime(_text(values), format="%d/%m/%Y")


def read_applications(path: Path) -> pd.DataFrame:
    """TRAC: Windows-1252, a title line above the header."""
    raw = pd.read_csv(path, encoding="cp1252", skiprows=1, dtype=str, keep_default_na=False)
    return pd.DataFrame(
        {
            "closing": _ddmmyyyy(raw["Closing Date"]),
            "ethnic": recruitment_ethnic_group(raw["Ethnicity"]),
            "disability": disability_group(raw["Disability"]),
            "shortlisted": _text(raw["Shortlisted"]).eq("Shortlisted"),
            "appointed": _text(raw["Appointed"]).eq("Appointed"),
        }
    )


def read_training(path: Path) -> pd.DataFrame:
    """The learning export: UTF-8 with a byte-order mark."""
    raw = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    return pd.DataFrame(
        {
            "person": _text(raw["Employee Number"]),
            "course_type": _text(raw["Course Type"]),
            "date": _ddmmyyyy(raw["Completion Date"]),
        }
    )


def read_board(path: Path) -> pd.DataFrame:
    raw = pd.read_csv(path, encoding="utf-8", dtype=str, keep_default_na=False)
    return pd.DataFrame(
        {
            "voting": _text(raw["Voting"]).eq("Yes"),
            "executive": _text(raw["Executive"]).eq("Executive Director"),
            "ethnic": esr_ethnic_group(raw["Ethnicity"]),
            "disability": disability_group(raw["Disability"]),
        }
    )


# --- figures -----------------------------------------------------------------------------


def _row(
    standard: str,
    metric: str,
    level: str,
    unit: str,
    category: str,
    group: str,
    reference: str,
    statistic: str,
    n_group: float,
    events_group: float,
    n_reference: float,
    events_reference: float,
    value: float,
) -> dict:
    return dict(
        zip(
            COLUMNS,
            [
                standard,
                metric,
                level,
                unit,
                category,
                group,
                reference,
                statistic,
                float(n_group),
                float(events_group),
                float(n_reference),
                float(events_reference),
                float(value),
            ],
            strict=True,
        )
    )


def relative_likelihood(events_g: float, n_g: float, events_r: float, n_r: float) -> float:
    """(events_g / n_g) ÷ (events_r / n_r); not a number when either group is empty or
    the reference group has no events (the ratio is undefined)."""
    if n_g <= 0 or n_r <= 0 or events_r <= 0:
        return float("nan")
    return (events_g / n_g) / (events_r / n_r)


def _units(people: pd.DataFrame) -> Iterator[tuple[str, str, pd.Series]]:
    """§Staff: every (level, unit) with its mask over ``people``; units in name order,
    the organisation named as the trust."""
    for level, column in LEVELS:
        if column is None:
            yield level, TRUST, pd.Series(True, index=people.index)
            continue
        for unit in sorted(people[column].unique()):
            yield level, unit, people[column].eq(unit)


def _events_in(events: pd.DataFrame, level: str, unit: str) -> pd.DataFrame:
    """The events (rows with their own directorate and unit) that fall in a unit; at the
    organisation level, every event."""
    if level == "organisation":
        return events
    return events[events[level].eq(unit)]


def _likelihood_rows(
    standard: str,
    metric: str,
    grouping: str,
    group: str,
    reference: str,
    people: pd.DataFrame,
    events: pd.DataFrame,
    per_year: float = 1.0,
) -> list[dict]:
    """A relative likelihood at every level: population = census headcount of each group
    in the unit (``people``); events = rows of ``events`` of that group in the unit,
    divided by ``per_year`` (2 for the two-year mean of WRES 3 and WDES 3)."""
    rows = []
    for level, unit, mask in _units(people):
        here = people[mask]
        inside = _events_in(events, level, unit)
        n_g = int(here[grouping].eq(group).sum())
        n_r = int(here[grouping].eq(reference).sum())
        e_g = inside[grouping].eq(group).sum() / per_year
        e_r = inside[grouping].eq(reference).sum() / per_year
        rows.append(
            _row(
                standard,
                metric,
                level,
                unit,
                "",
                group,
                reference,
                "relative_likelihood",
                n_g,
                e_g,
                n_r,
                e_r,
                relative_likelihood(e_g, n_g, e_r, n_r),
            )
        )
    return rows


def _data_year(dates: pd.Series) -> pd.Series:
    """The data year a date falls in (1 April to 31 March), named by the year it ends."""
    return dates.dt.year + (dates.dt.month >= 4).astype(int)


def _case_entries(
    cases: pd.DataFrame,
    staff: pd.DataFrame,
    leavers: pd.DataFrame,
    case_type: str,
    window: tuple[pd.Timestamp, pd.Timestamp],
) -> pd.DataFrame:
    """§WRES3 / §WDES3: entries into the formal process in the two-year window.

    An entry is a distinct (person, data year): two cases of one person in one data
    year, or a row pasted twice, count once (the first row). Each entry takes its
    person's groups and units from the census staff list. A case of a leaver takes the
    leavers file's units as a whole (ESR is the authority for units: a tracker's
    ``Department`` beside ESR's directorate would nest in no directorate) and fills the
    blanks (ethnicity, disability: the tracker has none) from it. A case of anyone
    else keeps its own values: the tracker's ``Department`` is its unit (the ``unit``
    column, by its alias), Unknown groups and no directorate.
    """
    formal = (
        cases["case_type"].eq(case_type)
        & cases["stage"].isin(FORMAL_STAGES)
        & cases["formal_start"].between(*window)
    )
    if case_type == "Capability":  # §WDES3: performance grounds only
        formal &= cases["capability_type"].eq("Performance")
    chosen = cases[formal]
    entries = (
        pd.DataFrame(
            {
                "person": chosen["person"],
                "data_year": _data_year(chosen["formal_start"]),
                "department": chosen["department"],
            }
        )
        .drop_duplicates(["person", "data_year"])
        .reset_index(drop=True)
    )
    fields = ["ethnic", "disability", "directorate", "unit"]
    in_staff = staff.set_index("person")[fields]
    in_leavers = leaver_people(leavers)[fields]
    attributes = []
    for person, department in zip(entries["person"], entries["department"], strict=True):
        if person in in_staff.index:  # a member of staff: the staff list, never the tracker
            attributes.append(in_staff.loc[person].tolist())
            continue
        if person in in_leavers.index:  # a leaver: groups and units from the leavers file
            attributes.append(in_leavers.loc[person].tolist())
            continue
        own_unit = department if isinstance(department, str) and department else None
        attributes.append(["Unknown", "Unknown", None, own_unit])  # in neither list
    return pd.concat(
        [
            entries.drop(columns="department"),
            pd.DataFrame(attributes, columns=fields, index=entries.index),
        ],
        axis=1,
    )


def expected_figures(folder: str | Path) -> pd.DataFrame:
    """Every figure the brief's rules define, computed from the raw files in ``folder``.

    Returns
    -------
    DataFrame
        Columns :data:`COLUMNS`: WRES 1 and WDES 1 (category ``all``), WRES 2 and WDES 2
        (organisation), WRES 3, WDES 3, WRES 4, leaving (WRES and WDES) at every
        level, and WRES 9 and WDES 10 (organisation).
    """
    folder = Path(folder)
    year, files = _files(folder)
    census = pd.Timestamp(year, 3, 31)
    data_year = (pd.Timestamp(year - 1, 4, 1), census)
    two_years = (pd.Timestamp(year - 2, 4, 1), census)

    staff = read_staff(files["staff"])
    # §Staff: bank-only people are left out of every workforce count
    counted = staff[~staff["bank_only"]].reset_index(drop=True)
    leavers = read_leavers(files["leavers"])
    rows: list[dict] = []

    # WRES 1 / WDES 1: each group's share of the unit's headcount, category "all"
    # (rules §WRES1); the reference columns are the unit's whole workforce and the
    # group's headcount in it, which for "all" are the group's own figures
    for standard, grouping, groups in (
        ("WRES", "ethnic", ("White", "BME", "Unknown")),
        ("WDES", "disability", ("Disabled", "Non-disabled", "Unknown")),
    ):
        for level, unit, mask in _units(counted):
            here = counted[mask]
            n = len(here)
            for group in groups:
                e = int(here[grouping].eq(group).sum())
                rows.append(
                    _row(
                        standard,
                        "1",
                        level,
                        unit,
                        "all",
                        group,
                        "",
                        "percent",
                        n,
                        e,
                        n,
                        e,
                        100 * e / n,
                    )
                )

    # WRES 2 / WDES 2: appointed among shortlisted, applications closing in the data
    # year, organisation level only (rules §WRES2, §WDES2)
    apps = read_applications(files["applications"])
    apps = apps[apps["closing"].between(*data_year) & apps["shortlisted"]]
    for standard, grouping, group, reference in (
        ("WRES", "ethnic", "White", "BME"),
        ("WDES", "disability", "Non-disabled", "Disabled"),
    ):
        g, r = apps[apps[grouping].eq(group)], apps[apps[grouping].eq(reference)]
        rows.append(
            _row(
                standard,
                "2",
                "organisation",
                TRUST,
                "",
                group,
                reference,
                "relative_likelihood",
                len(g),
                g["appointed"].sum(),
                len(r),
                r["appointed"].sum(),
                relative_likelihood(g["appointed"].sum(), len(g), r["appointed"].sum(), len(r)),
            )
        )

    cases = read_cases(files["cases"])
    # WRES 3: BME ÷ White, entries into formal disciplinary, two-year mean (rules §WRES3)
    entries = _case_entries(cases, staff, leavers, "Disciplinary", two_years)
    rows += _likelihood_rows("WRES", "3", "ethnic", "BME", "White", counted, entries, 2)
    # WDES 3: Disabled ÷ Non-disabled, formal capability on performance grounds,
    # two-year mean (rules §WDES3)
    entries = _case_entries(cases, staff, leavers, "Capability", two_years)
    rows += _likelihood_rows(
        "WDES", "3", "disability", "Disabled", "Non-disabled", counted, entries, 2
    )

    # WRES 4: White ÷ BME, census staff with a Non-Mandatory or CPD episode completed
    # in the data year (rules §WRES4); mandatory rows and other dates do not count
    training = read_training(files["training"])
    optional = training[
        training["course_type"].isin(["Non-Mandatory", "CPD"])
        & training["date"].between(*data_year)
    ]
    trained = counted[counted["person"].isin(set(optional["person"]))]
    rows += _likelihood_rows("WRES", "4", "ethnic", "White", "BME", counted, trained)

    # Leaving: leavers of the data year, bank rows not leavers of the counted workforce,
    # each person once with the leavers file's own groups and units (rules §Leaving)
    left = leavers[leavers["date"].between(*data_year) & ~leavers["bank"]]
    left = left.drop_duplicates("person")
    rows += _likelihood_rows("WRES", "leaving", "ethnic", "BME", "White", counted, left)
    rows += _likelihood_rows(
        "WDES", "leaving", "disability", "Disabled", "Non-disabled", counted, left
    )

    # WRES 9 / WDES 10: board against the census workforce, organisation level, every
    # group (rules §Board as revised for issue 13): each group's share of ALL members
    # minus its share of ALL census staff (the basis of WRES 1 and WDES 1), in points
    board = read_board(files["board"])
    for standard, metric, column, groups in (
        ("WRES", "9", "ethnic", ("White", "BME", "Unknown")),
        ("WDES", "10", "disability", ("Disabled", "Non-disabled", "Unknown")),
    ):
        for category, members in (
            ("voting", board[board["voting"]]),
            ("executive", board[board["executive"]]),
            ("all", board),
        ):
            for group in groups:
                in_board = int(members[column].eq(group).sum())
                in_staff = int(counted[column].eq(group).sum())
                rows.append(
                    _row(
                        standard,
                        metric,
                        "organisation",
                        TRUST,
                        category,
                        group,
                        "",
                        "difference_pp",
                        len(members),
                        in_board,
                        len(counted),
                        in_staff,
                        100 * in_board / len(members) - 100 * in_staff / len(counted),
                    )
                )

    return pd.DataFrame(rows, columns=COLUMNS)


def org_summary(figures: pd.DataFrame) -> pd.DataFrame:
    """The organisation-level rows, for reading."""
    return figures[figures["level"].eq("organisation")].reset_index(drop=True)


if __name__ == "__main__":  # pragma: no cover - python tests/hand_exports.py FOLDER
    import sys

    pd.set_option("display.width", 200)
    print(org_summary(expected_figures(sys.argv[1])).to_string())
