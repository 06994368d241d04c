"""Bad survey files are reported like any other input: file, row, column, value, rule."""

from __future__ import annotations

import pandas as pd

from wres_wdes import Config, load_frames

CONFIG = Config(organisation_name="Test Trust", year=2024)


def problems(key: str, frame: pd.DataFrame, config: Config = CONFIG):
    inputs = load_frames({key: frame}, config, sources={key: f"{key}.csv"}, strict=False)
    return inputs.problems


def survey_problems(found, severity: str = "error"):
    return [p for p in found if p.severity == severity and "recognised value" not in p.rule]


def test_answer_outside_the_code_list_names_row_column_and_value() -> None:
    # File rows 2-4 (the header is row 1); headers as the trust wrote them
    frame = pd.DataFrame(
        {"Respondent ID": ["1", "2", "3"], "Q14A": ["1", "9", "5"], "q15": ["1", "2", "4"]},
        index=[2, 3, 4],
    )
    errors = survey_problems(problems("survey_responses", frame))
    assert [(p.file, p.row, p.column, p.value) for p in errors] == [
        ("survey_responses.csv", 3, "Q14A", "9"),
        ("survey_responses.csv", 4, "q15", "4"),
    ]
    # the rule lists the year's code list (data-formats.md §5.2)
    assert "q15 must be one of the 2023 survey's answers: 1 Yes; 2 No; 9 Don't know" in (
        errors[1].rule
    )


def test_survey_year_without_a_map_is_an_error() -> None:
    frame = pd.DataFrame({"respondent_id": ["1"], "Survey Year": ["2017"], "q14a": ["1"]})
    errors = survey_problems(problems("survey_responses", frame))
    assert len(errors) == 1
    assert (errors[0].column, errors[0].value) == ("Survey Year", "2017")
    assert "no question map for survey year 2017" in errors[0].rule


def test_two_survey_years_in_one_file_is_an_error() -> None:
    frame = pd.DataFrame({"respondent_id": ["1", "2"], "survey_year": ["2022", "2023"]})
    errors = survey_problems(problems("survey_responses", frame))
    assert len(errors) == 1 and "more than one survey year (2022, 2023)" in errors[0].rule


def test_file_year_against_the_configured_year() -> None:
    frame = pd.DataFrame({"respondent_id": ["1"], "survey_year": ["2022"], "q14a": ["1"]})
    # reporting year 2024 uses the 2023 survey (wres.md §7): a 2022 file is a warning...
    warnings = survey_problems(problems("survey_responses", frame), "warning")
    assert any("survey year 2022 is not 2023" in p.rule for p in warnings)
    # ...and an error when options.survey_year says otherwise
    errors = survey_problems(
        problems("survey_responses", frame, CONFIG.with_options(survey_year=2023))
    )
    assert "options.survey_year is 2023" in errors[0].rule


def test_unknown_question_columns_and_missing_questions_are_warnings() -> None:
    frame = pd.DataFrame({"respondent_id": ["1"], "q99z": ["1"], "q14a": ["1"], "q14b": ["1"]})
    found = problems("survey_responses", frame)
    assert not survey_problems(found)
    warnings = survey_problems(found, "warning")
    assert any(p.column == "q99z" and "not a question of the 2023" in p.rule for p in warnings)
    assert any("WRES 6 is computed without q14c" in p.rule for p in warnings)
    assert any("WDES 8 is not computed: the file has no column q31b" in p.rule for p in warnings)


def test_unrecognised_survey_ethnicity_is_a_warning_counted_as_unknown() -> None:
    frame = pd.DataFrame(
        {"respondent_id": ["1", "2"], "Ethnic Group": ["01", "Martian"], "q14a": ["1", "2"]}
    )
    warnings = survey_problems(problems("survey_responses", frame), "warning")
    hit = [p for p in warnings if p.value == "Martian"]
    assert len(hit) == 1 and hit[0].column == "Ethnic Group"
    assert "1 respondent(s) counted as Unknown" in hit[0].rule


def test_published_figures_must_name_survey_figures_and_groups() -> None:
    frame = pd.DataFrame(
        {
            "standard": ["WRES", "WRES", "WDES", "WDES", "NHS", "WRES"],
            "metric": ["5", "3", "4a", "8", "5", "5"],
            "category": ["", "", "patients", "", "", ""],
            "group": ["BME", "BME", "Disabled", "Non-disabled", "BME", "bme"],
            "respondents": ["100", "100", "50", "50", "10", "100"],
            "positive": ["20", "20", "10", "10", "1", "30"],
        },
        index=range(2, 8),
    )
    errors = survey_problems(problems("survey_results", frame))
    by_row = {p.row: (p.column, p.rule) for p in errors}
    assert by_row[3][0] == "metric" and "WRES 5, 6, 7, 8" in by_row[3][1]
    assert 4 not in by_row  # "patients" is the public category of WDES 4a
    assert by_row[5] == ("group", "group of WDES 8 must be Disabled, Unknown")
    assert by_row[6][0] == "standard"
    assert by_row[7][0] == "group" and "earlier row" in by_row[7][1]  # bme = BME, twice


def test_published_percent_becomes_a_count() -> None:
    frame = pd.DataFrame(
        {
            "standard": ["WRES"],
            "metric": ["7"],
            "group": ["White"],
            "respondents": ["250"],
            "percent": ["58.4"],
        }
    )
    inputs = load_frames({"survey_results": frame}, CONFIG)
    # 58.4% of 250 = 146 respondents
    assert inputs.frames["survey_results"]["positive"].tolist() == [146]


def test_published_counts_and_percents_stay_within_their_whole() -> None:
    # row 2: 120 positive of 100 respondents; row 3: 104.5 percent; row 4 is fine
    frame = pd.DataFrame(
        {
            "standard": ["WRES", "WRES", "WRES"],
            "metric": ["5", "6", "7"],
            "group": ["BME", "BME", "BME"],
            "respondents": ["100", "100", "100"],
            "positive": ["120", "", "40"],
            "percent": ["", "104.5", ""],
        },
        index=range(2, 5),
    )
    found = {(p.row, p.rule) for p in problems("survey_results", frame) if p.severity == "error"}
    assert (2, "positive must not exceed respondents") in found
    assert (3, "percent must be between 0 and 100") in found
    assert not any(row == 4 for row, _ in found)
