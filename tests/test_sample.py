"""The synthetic sample trust: complete, consistent, deterministic, and shaped like the NHS.

The classification helpers below are deliberately independent of the library's
``classify`` module: they restate the rule of the module docstring (White = code A/B/C
or a label starting "White"; Unknown = blank, "Not stated", Z, 99; BME = the rest).
"""

from __future__ import annotations

import re
import tomllib

import numpy as np
import pandas as pd
import pytest

from wres_wdes.contract import INPUTS, header_key
from wres_wdes.sample import FILES, MIRRORS, SAMPLE_SEED, _table, generate, write_sample

CENSUS = pd.Timestamp(2024, 3, 31)
DATA_YEAR_START = pd.Timestamp(2023, 4, 1)
PREVIOUS_YEAR_START = pd.Timestamp(2022, 4, 1)


@pytest.fixture(scope="module")
def sample() -> dict[str, pd.DataFrame]:
    """The bundled sample trust."""
    return generate()


@pytest.fixture(scope="module")
def system() -> dict[str, pd.DataFrame]:
    return generate(staff=3000, organisations=4, seed=5)


def ethnic_group(values: pd.Series) -> pd.Series:
    text = values.fillna("").str.strip()
    code = text.str.extract(r"^([A-Z][A-Z0-9]?|99)(?:\s|$)")[0].fillna("")
    unknown = text.eq("") | code.isin(["Z", "99"]) | text.str.lower().eq("not stated")
    white = code.str[:1].isin(["A", "B", "C"]) | text.str.startswith("White")
    return pd.Series(np.select([unknown, white], ["Unknown", "White"], "BME"), index=values.index)


def disability_group(values: pd.Series) -> pd.Series:
    text = values.fillna("")
    return pd.Series(
        np.select([text.eq("Yes"), text.eq("No")], ["Disabled", "Non-disabled"], "Unknown"),
        index=values.index,
    )


def dates(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values, format="%d/%m/%Y")


# --- completeness ------------------------------------------------------------------------------


def test_generate_gives_every_input_of_the_contract(sample):
    assert list(sample) == list(INPUTS) == list(FILES)


@pytest.mark.parametrize("key", list(INPUTS))
def test_every_header_folds_to_a_contract_column(sample, key):
    spec = INPUTS[key]
    accepted = {
        column.name: {header_key(column.name), *map(header_key, column.aliases)}
        for column in spec.columns
    }
    matched = {}
    for header in sample[key].columns:
        names = [name for name, keys in accepted.items() if header_key(header) in keys]
        if not names:  # the only extras: survey question columns, the summary's grouping
            question = key == "survey_responses" and re.fullmatch(r"q\d+[a-z]?", header)
            assert question or (key == "applications_summary" and header == "grouping"), header
            continue
        assert len(names) == 1, (header, names)
        assert names[0] not in matched, f"{header!r} and {matched.get(names[0])!r} clash"
        matched[names[0]] = header
    assert set(spec.required) <= set(matched)


def test_every_file_carries_the_organisation(sample, system):
    for frames, expected in ((sample, 1), (system, 4)):
        for key, frame in frames.items():
            column = next(c for c in frame.columns if header_key(c) == "organisation")
            assert frame[column].notna().all(), key
            assert frame[column].nunique() == expected, key


# --- determinism ----------------------------------------------------------------------------------


def test_same_arguments_give_identical_frames():
    first, second = generate(staff=800, seed=3), generate(staff=800, seed=3)
    for key in first:
        pd.testing.assert_frame_equal(first[key], second[key])


def test_another_seed_gives_other_people():
    first, second = generate(staff=800, seed=3), generate(staff=800, seed=4)
    assert not first["staff"].equals(second["staff"])


def test_frames_do_not_depend_on_pyarrow(monkeypatch):
    with_arrow = generate(staff=500, organisations=2, seed=9)
    monkeypatch.setattr(_table, "_pa", None)
    without = generate(staff=500, organisations=2, seed=9)
    for key in with_arrow:
        pd.testing.assert_frame_equal(with_arrow[key], without[key])


def test_written_files_are_byte_identical_and_equal_pandas_to_csv(tmp_path):
    frames = generate(staff=1200, organisations=2, seed=21)
    first = write_sample(tmp_path / "a", staff=1200, organisations=2, seed=21)
    second = write_sample(tmp_path / "b", staff=1200, organisations=2, seed=21)
    for key, name in FILES.items():
        content = (first.parent / name).read_bytes()
        assert content == (second.parent / name).read_bytes(), name
        assert content == frames[key].to_csv(index=False, lineterminator="\n").encode("utf-8")
    assert first.read_bytes() == second.read_bytes()


def test_reading_a_file_back_gives_the_frame(tmp_path):
    frames = generate(staff=600, seed=2)
    config = write_sample(tmp_path, staff=600, seed=2)
    for key, name in FILES.items():
        read = pd.read_csv(config.parent / name, dtype=str, keep_default_na=False, na_values=[""])
        for column, dtype in frames[key].dtypes.items():
            if dtype == np.int64:
                read[column] = read[column].astype(np.int64)
        pd.testing.assert_frame_equal(read, frames[key], check_dtype=True)


def test_config_lists_every_file_relative_to_itself(tmp_path):
    config = write_sample(tmp_path / "out", staff=300)
    settings = tomllib.loads(config.read_text(encoding="utf-8"))
    assert settings["organisation"] == {
        "name": "Northfield and Ashby NHS Foundation Trust",
        "code": "RZZ",
    }
    assert settings["reporting"] == {"year": 2024}
    # the summary forms restate the record-level inputs: listed, but commented out
    assert settings["inputs"] == {k: v for k, v in FILES.items() if k not in MIRRORS}
    text = config.read_text(encoding="utf-8")
    assert all(f'# {key} = "{FILES[key]}"' in text for key in MIRRORS)
    assert all((config.parent / name).is_file() for name in FILES.values())
    assert settings["breakdown"] == {"levels": ["directorate", "unit"]}


def test_config_of_several_organisations_names_the_system(tmp_path):
    config = write_sample(tmp_path, staff=300, organisations=3, seed=1)
    settings = tomllib.loads(config.read_text(encoding="utf-8"))
    assert settings["organisation"]["name"] == "Synthetic system"


# --- consistency -----------------------------------------------------------------------------


def test_identifiers_are_unique(sample, system):
    for frames in (sample, system):
        staff = frames["staff"]["Employee Number"]
        leavers = frames["leavers"]["Employee Number"]
        assert staff.is_unique and leavers.is_unique
        assert not set(staff) & set(leavers), "a leaver is still in post"
        assert frames["applications"]["Application ID"].is_unique
        assert frames["board"]["Member ID"].is_unique
        assert frames["survey_responses"]["respondent_id"].is_unique
        assert staff.str.fullmatch(r"\d{8}").all()


def test_appointed_only_if_shortlisted(sample):
    applications = sample["applications"]
    appointed = applications["Appointed"].eq("Yes")
    assert appointed.any()
    assert applications.loc[appointed, "Shortlisted"].eq("Yes").all()


def test_guaranteed_interview_only_for_disabled_applicants(sample):
    applications = sample["applications"]
    guaranteed = applications["Guaranteed Interview"].eq("Y")
    assert guaranteed.any()
    assert applications.loc[guaranteed, "Disability"].eq("Yes").all()


def test_dates_fall_in_their_windows(sample):
    staff, leavers = sample["staff"], sample["leavers"]
    assert (dates(staff["Hire Date"]) < CENSUS).all()
    left = dates(leavers["Termination Date"])
    assert left.between(DATA_YEAR_START, CENSUS).all()
    assert (dates(leavers["Hire Date"]) < left).all()
    for key in ("applications", "training"):
        column = "Application Date" if key == "applications" else "Course Date"
        day = pd.to_datetime(sample[key][column], format="%Y-%m-%d")
        assert day.between(DATA_YEAR_START, CENSUS).all(), key


@pytest.mark.parametrize("key", ["disciplinary", "capability"])
def test_cases_span_the_two_data_years_and_known_people(sample, key):
    cases = sample[key]
    day = dates(cases["Case Start Date"])
    assert day.between(PREVIOUS_YEAR_START, CENSUS).all()
    this_year, last_year = (day >= DATA_YEAR_START).sum(), (day < DATA_YEAR_START).sum()
    assert last_year > 0 and 0.5 < this_year / last_year < 2
    people = set(sample["staff"]["Employee Number"]) | set(sample["leavers"]["Employee Number"])
    assert cases["Employee Number"].isin(people).all()
    assert (~cases["Employee Number"].isin(sample["staff"]["Employee Number"])).any()


def test_one_disciplinary_case_is_recorded_twice(sample):
    cases = sample["disciplinary"]
    assert cases.duplicated(["Employee Number", "Case Start Date"]).sum() == 1


def test_training_includes_mandatory_rows_to_leave_out(sample):
    mandatory = sample["training"]["Mandatory"]
    assert set(mandatory) == {"N", "Y"}
    assert 0.05 < mandatory.eq("Y").mean() < 0.3


def test_applications_summary_is_the_aggregation_of_applications(sample, system):
    for frames in (sample, system):
        applications = frames["applications"]
        counted = []
        for grouping, group in (
            ("ethnicity", ethnic_group(applications["Ethnicity"])),
            ("disability", disability_group(applications["Disability"])),
        ):
            table = applications.assign(
                grouping=grouping,
                group=group,
                applied=1,
                shortlisted=applications["Shortlisted"].eq("Yes").astype(np.int64),
                appointed=applications["Appointed"].eq("Yes").astype(np.int64),
            )
            counted.append(
                table.groupby(["Organisation", "grouping", "group"])[
                    ["applied", "shortlisted", "appointed"]
                ].sum()
            )
        expected = pd.concat(counted).sort_index()
        summary = frames["applications_summary"].set_index(["organisation", "grouping", "group"])
        summary.index.names = expected.index.names
        summary = summary.sort_index()[expected.columns]
        pd.testing.assert_frame_equal(summary, expected, check_dtype=False, check_index_type=False)


def test_survey_routing(sample):
    survey = sample["survey_responses"]
    assert survey.loc[survey["q11d"].ne("1"), "q11e"].isna().all()
    assert survey.loc[survey["q31a"].ne("1"), "q31b"].isna().all()
    assert survey["disability"].equals(survey["q31a"])
    assert set(survey["ethnicity"].dropna()) <= {f"{i:02d}" for i in range(1, 19)}
    assert survey["survey_year"].eq("2023").all()


def test_survey_results_mirror_the_responses(sample):
    survey, results = sample["survey_responses"], sample["survey_results"]
    code = pd.to_numeric(survey["ethnicity"])
    q14a = pd.to_numeric(survey["q14a"])
    white = code.between(1, 4)
    expected_white_wres5 = (white & q14a.ge(2)).sum(), (white & q14a.notna()).sum()
    disabled = survey["q31a"].eq("1")
    q31b = survey["q31b"]
    expected_wdes8 = (disabled & q31b.eq("1")).sum(), (disabled & q31b.isin(["1", "2"])).sum()
    row = results.set_index(["standard", "metric", "group"])
    wres5 = row.loc[("WRES", "5", "White")]
    wdes8 = row.loc[("WDES", "8", "Disabled")]
    assert (wres5["positive"], wres5["respondents"]) == expected_white_wres5
    assert (wdes8["positive"], wdes8["respondents"]) == expected_wdes8
    assert len(results) == 23
    categories = results.loc[results["metric"].eq("4a"), "category"]
    assert set(categories) == {"public", "managers", "colleagues"}


# --- size and shape --------------------------------------------------------------------------


def test_sizes_scale_with_staff_and_organisations(sample, system):
    for frames, staff, orgs in ((sample, 6000, 1), (system, 3000, 4)):
        assert len(frames["staff"]) == staff
        assert 0.07 * staff < len(frames["leavers"]) < 0.13 * staff
        assert 2.7 * staff < len(frames["applications"]) < 3.3 * staff
        assert len(frames["applications_summary"]) == 6 * orgs
        assert len(frames["board"]) == 14 * orgs
        assert len(frames["survey_results"]) == 23 * orgs
        assert 0.38 * staff < len(frames["survey_responses"]) < 0.5 * staff
        assert frames["staff"]["Directorate"].nunique() == 7
        assert frames["staff"]["Unit"].nunique() == 15


def test_units_nest_in_directorates(system):
    staff = system["staff"]
    assert staff.groupby("Unit")["Directorate"].nunique().eq(1).all()


def test_staff_list_has_esr_like_values(sample):
    staff = sample["staff"]
    grade = staff["Grade"]
    assert grade.str.startswith("NHS|XR").any() and grade.eq("Consultant").any()
    assert grade.eq("VSM").any() and grade.str.fullmatch(r"\d").any()
    assert staff["Ethnic Origin"].isna().any() and staff["Disability Flag"].isna().any()
    assert staff["Ethnic Origin"].isin(["A", "CY", "99"]).any()
    assert staff["Disability Flag"].eq("Not Declared").any()
    bank = staff["Assignment Category"].eq("Bank").mean()
    assert 0.02 < bank < 0.06
    assert 0.72 < staff["Gender"].eq("F").mean() < 0.82
    medical = staff["Staff Group"].eq("Medical and Dental")
    assert staff.loc[medical, "Occupation Code"].str.fullmatch(r"\d{3}").all()
    assert not staff.loc[~medical, "Occupation Code"].str.fullmatch(r"\d{3}").any()


def test_disparities_point_the_national_way(sample):
    staff = sample["staff"]
    staff = staff[staff["Assignment Category"].ne("Bank")]
    group = ethnic_group(staff["Ethnic Origin"])
    assert 0.23 < group.eq("BME").mean() < 0.29
    band5 = staff["Grade"].str.contains(r"(?:^|Band |XR0)5$")
    senior = staff["Grade"].str.contains(r"8[a-d]$|VSM|(?:^|Band |XR0)9$")
    assert group[band5].eq("BME").mean() > group.eq("BME").mean() > group[senior].eq("BME").mean()

    shortlisted = sample["applications"][sample["applications"]["Shortlisted"].eq("Yes")]
    appointed = shortlisted["Appointed"].eq("Yes")
    rate = appointed.groupby(ethnic_group(shortlisted["Ethnicity"])).mean()
    assert 1.2 < rate["White"] / rate["BME"] < 2.0  # WRES 2, national ~1.5
    rate = appointed.groupby(disability_group(shortlisted["Disability"])).mean()
    assert rate["Non-disabled"] / rate["Disabled"] > 1.0  # WDES 2

    board = sample["board"]
    assert ethnic_group(board["Ethnicity"]).eq("BME").mean() < group.eq("BME").mean()


# --- arguments and the writer ------------------------------------------------------------------


@pytest.mark.parametrize(
    "arguments",
    [
        {"staff": 0},
        {"staff": 5, "organisations": 6},
        {"organisations": 0},
        {"seed": -1},
        {"year": 1066},
        {"staff": 10.5},
    ],
)
def test_bad_arguments_are_refused(arguments):
    with pytest.raises((ValueError, TypeError)):
        generate(**arguments)


def test_a_value_that_would_need_quoting_is_refused():
    with pytest.raises(ValueError, match="quoting"):
        _table.Coded(np.array([0]), np.array(["Smith, J"], dtype=object))


def test_sample_seed_is_the_default():
    assert generate.__defaults__[2] == SAMPLE_SEED
