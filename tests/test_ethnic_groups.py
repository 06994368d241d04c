"""The ethnic-group view: WRES figures for Asian, Black, Mixed and Other staff against
White, with hand-computed expected values.

The groups are the high-level groups of the 2021 census for England: Chinese under
Asian, Arab under Other (data-formats.md §1.3, S22); a national code's first character
decides (A–C White, D–G Mixed, H–L Asian, M–P Black, R Chinese, S Other: S1).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from wres_wdes import by_ethnic_group, load
from wres_wdes.classify import ethnic_high_level
from wres_wdes.cli import main


@pytest.mark.parametrize(
    ("raw", "group"),
    [
        ("A", "White"),
        ("CP", "White"),  # Polish, a sub-code under C
        ("CN", "White"),  # Gypsy/Romany: White in 2001 and 2021
        ("D", "Mixed"),
        ("GD", "Mixed"),  # Chinese and White: Mixed, not Asian
        ("H Asian or Asian British - Indian", "Asian"),
        ("LB Punjabi", "Asian"),
        ("R", "Asian"),  # Chinese: Asian in the 2021 census
        ("Chinese", "Asian"),
        ("N", "Black"),
        ("Black or Black British - African", "Black"),
        ("S", "Other"),
        ("SA", "Other"),  # Vietnamese, under S
        ("Arab", "Other"),
        ("White and Asian", "Mixed"),  # a Mixed category without its heading
        ("BAME", "BME unspecified"),
        ("Z", "Unknown"),
        (None, "Unknown"),
        ("purple", "Unknown"),
    ],
)
def test_each_value_takes_its_high_level_group(raw, group) -> None:
    assert ethnic_high_level(pd.Series([raw], dtype=object)).values.tolist() == [group]


def test_an_override_to_bme_never_guesses_a_group() -> None:
    # "Local 7" is BME by the override, but no rule says which group: unspecified.
    # "Indian" overridden to BME keeps its own group, Asian.
    values = ethnic_high_level(
        pd.Series(["Local 7", "Indian", "Local W"]),
        {"Local 7": "BME", "Indian": "BME", "Local W": "White"},
    ).values.tolist()
    assert values == ["BME unspecified", "Asian", "White"]


STAFF = (
    ["A"] * 10  # White 10
    + ["H"] * 4  # Asian 6: four Indian, two Chinese
    + ["R"] * 2
    + ["N"] * 4  # Black 4
    + ["D"] * 2  # Mixed 2
    + ["S", "SA"]  # Other 2
    + ["BAME", ""]  # in no group: BME unspecified, Unknown
)
"""26 staff in post: person 1 is the first."""


@pytest.fixture
def trust(tmp_path: Path) -> Path:
    staff = pd.DataFrame(
        {
            "Employee Number": [str(1000 + i) for i in range(len(STAFF))],
            "Ethnic Origin": STAFF,
            "Disability Flag": "No",
            "Grade": "Band 5",
            "Directorate": "Medicine",
        }
    )
    staff.to_csv(tmp_path / "staff.csv", index=False)
    # applications: White 20 shortlisted, 8 appointed; Asian 10 shortlisted (Indian,
    # Chinese), 2 appointed; Black 10 shortlisted, 1 appointed
    rows = (
        [("White - British", "Yes")] * 8
        + [("White - British", "No")] * 12
        + [("Indian", "Yes"), ("Chinese", "Yes")]
        + [("Indian", "No")] * 4
        + [("Chinese", "No")] * 4
        + [("African", "Yes")]
        + [("Caribbean", "No")] * 9
    )
    apps = pd.DataFrame(
        {
            "Application ID": [f"A{i}" for i in range(len(rows))],
            "Shortlisted": "Yes",
            "Appointed": [a for _, a in rows],
            "Ethnicity": [e for e, _ in rows],
        }
    )
    apps.to_csv(tmp_path / "applications.csv", index=False)
    # disciplinary cases in the two-year window: two Black staff (1016, 1017), one White
    cases = pd.DataFrame(
        {"Employee Number": ["1016", "1017", "1000"], "Case Start Date": "15/06/2023"}
    )
    cases.to_csv(tmp_path / "disciplinary.csv", index=False)
    (tmp_path / "config.toml").write_text(
        '[organisation]\nname = "Test Trust"\ncode = "RTT"\n\n[reporting]\nyear = 2024\n\n'
        '[inputs]\nstaff = "staff.csv"\napplications = "applications.csv"\n'
        'disciplinary = "disciplinary.csv"\n',
        encoding="utf-8",
    )
    return tmp_path / "config.toml"


def _figure(view, metric: str, group: str) -> pd.Series:
    frame = view.frame
    rows = frame[
        (frame["metric"] == metric)
        & (frame["level"] == "organisation")
        & ((frame["group"] == group) | (frame["reference_group"] == group))
        & frame["category"].isin(["", "all"])
    ]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_the_view_gives_each_group_against_white(trust: Path) -> None:
    view = by_ethnic_group(load(trust))
    # WRES 2, White ÷ group: White 8/20 = 0.4; Asian 2/10 = 0.2; Black 1/10 = 0.1
    asian = _figure(view, "2", "Asian")
    assert (asian["group"], asian["reference_group"]) == ("White", "Asian")
    assert asian["value"] == pytest.approx(0.4 / 0.2)
    assert _figure(view, "2", "Black")["value"] == pytest.approx(0.4 / 0.1)
    # WRES 3, group ÷ White: Black 2 of 4, White 1 of 10 over the two-year window
    # (the mean per year halves both, so the ratio is the same): (2/4) / (1/10) = 5
    black = _figure(view, "3", "Black")
    assert (black["group"], black["reference_group"]) == ("Black", "White")
    assert black["value"] == pytest.approx(5.0)
    # WRES 1, each group's share of the 26 staff in post
    for group, count in (("Asian", 6), ("Black", 4), ("Mixed", 2), ("Other", 2)):
        assert _figure(view, "1", group)["value"] == pytest.approx(100 * count / 26)
    # the view never repeats White alone, nor names BME
    assert not view.frame["group"].eq("BME").any()
    assert not view.frame["reference_group"].eq("BME").any()
    # one person recorded only as "BAME" is in no group, and the rows say so
    assert view.frame["note"].str.contains("1 staff recorded as BME in words").all()


def test_the_groups_add_up_to_the_standards_bme(trust: Path) -> None:
    from wres_wdes import calculate

    inputs = load(trust)
    standard = calculate(inputs, metrics="WRES 1").frame
    bme = standard[
        (standard["level"] == "organisation")
        & (standard["category"] == "all")
        & (standard["group"] == "BME")
    ]["events_group"].item()
    view = by_ethnic_group(inputs).frame
    parts = view[(view["metric"] == "1") & (view["level"] == "organisation")]
    parts = parts[parts["category"] == "all"]["events_group"].sum()
    assert parts == bme - 1  # all but the one "BAME"


def test_results_are_not_inputs(trust: Path) -> None:
    from wres_wdes import calculate

    with pytest.raises(TypeError, match="takes the inputs"):
        by_ethnic_group(calculate(load(trust)))


def test_an_unknown_group_is_an_error(trust: Path) -> None:
    with pytest.raises(ValueError, match="Asian, Black, Mixed, Other"):
        by_ethnic_group(load(trust), groups=("Chinese",))


def test_the_command_line_writes_the_view(trust: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["run", str(trust), "--out", str(out), "--outputs", "metrics", "--quiet"]
    assert main([*args, "--ethnic-groups"]) == 0
    written = pd.read_csv(out / "metrics-ethnic-groups.csv", dtype={"metric": str})
    expected = by_ethnic_group(load(trust)).frame
    assert len(written) == len(expected)
    assert set(written["group"]) | set(written["reference_group"].dropna()) >= {
        "Asian",
        "Black",
        "Mixed",
        "Other",
    }
    # without the flag it is not written
    assert main(args) == 0
    assert not (out / "metrics-ethnic-groups.csv").exists()


def test_the_high_level_column_agrees_with_the_wres_group() -> None:
    from wres_wdes import reference

    # White is White and Unknown is Unknown in both columns; every BME row is in one
    # of the BME groups; a code's group is its first character's (S1: sub-codes nest)
    for name in ("ethnic_categories", "ethnic_labels"):
        table = reference.load(name)
        pairs = set(zip(table["group"], table["high_level"], strict=True))
        assert pairs <= {
            ("White", "White"),
            ("Unknown", "Unknown"),
            *(("BME", g) for g in ("Asian", "Black", "Mixed", "Other", "BME unspecified")),
        }, name
    codes = reference.load("ethnic_categories").set_index("code")["high_level"]
    for code, group in codes.items():
        if len(code) == 2 and code[0] in codes.index and code != "99":
            assert group == codes[code[0]], code


def test_the_board_figure_is_left_out_when_unknowns_are_excluded(trust: Path) -> None:
    # options.board_unknown_ethnicity = "exclude": each share is of members and staff
    # with a known ethnicity, which the view (other groups standing as Unknown) cannot
    # give, so WRES 9 is not in it; the other figures are
    from wres_wdes.ethnic_groups import in_view
    from wres_wdes.metrics.registry import BY_KEY

    assert in_view(BY_KEY[("WRES", "9")])
    assert not in_view(BY_KEY[("WRES", "9")], "exclude")
    assert in_view(BY_KEY[("WRES", "2")], "exclude")


def test_a_frame_without_high_level_groups_lends_no_bme_staff_to_a_group() -> None:
    from wres_wdes.ethnic_groups import _as_group

    frame = pd.DataFrame({"ethnic_group": pd.Categorical(["White", "BME", "Unknown"])})
    assert _as_group(frame, "Asian")["ethnic_group"].tolist() == ["White", "Unknown", "Unknown"]
