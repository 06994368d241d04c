"""The question map by survey year: complete, consistent, sourced, and extended by data."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pandas as pd
import pytest

from wres_wdes import Config, load_frames, reference
from wres_wdes.calculate import calculate
from wres_wdes.config import Options, parse_config
from wres_wdes.problems import InputError
from wres_wdes.survey.questions import codebook, question_map, rules_for, years

FIGURES = (
    [("WRES", m, "") for m in ("5", "6", "7", "8")]
    + [("WDES", "4a", c) for c in ("public", "managers", "colleagues")]
    + [("WDES", m, "") for m in ("4b", "5", "6", "7", "8")]
    + [("WDES", "9a", c) for c in ("motivation", "involvement", "advocacy")]
)
OPTION_NAMES = {f.name for f in fields(Options)}
VARIANTS = [(y, "as_2018") for y in range(2018, 2025)] + [(2020, "alternative")]


def test_the_map_covers_2018_to_2024() -> None:
    assert years(question_map()) == list(range(2018, 2025))


@pytest.mark.parametrize(("year", "numbering"), VARIANTS)
def test_every_figure_has_one_rule_per_year(year: int, numbering: str) -> None:
    rules = rules_for(question_map(), year, numbering)
    keys = [(r.standard, r.metric, r.category) for r in rules]
    assert len(keys) == len(set(keys))
    assert set(FIGURES) <= set(keys)
    assert ("survey", "long_term_condition", "") in keys


@pytest.mark.parametrize(("year", "numbering"), VARIANTS)
def test_rules_are_consistent(year: int, numbering: str) -> None:
    rules = rules_for(question_map(), year, numbering)
    names = {r.metric for r in rules if r.standard == "survey"}
    for rule in rules:
        codes = set(rule.answers)
        assert rule.positive <= codes and rule.excluded <= codes
        assert rule.option_includes <= codes
        assert not rule.option or rule.option in OPTION_NAMES
        assert not rule.filter_option or rule.filter_option in OPTION_NAMES
        assert rule.filter in ("", "Disabled", *names)
        if rule.metric == "9a":
            # data-formats.md §5.4: five-point scales scored 0, 2.5, 5, 7.5, 10
            assert list(rule.points.values()) == [0, 2.5, 5, 7.5, 10]
            assert len(rule.questions) == 3
    # a question has one code list within a year
    for rule in rules:
        for question in rule.questions:
            if rule.answers:
                assert codebook(rules)[question] == rule.answers


def test_every_row_cites_a_source_with_its_confidence() -> None:
    # the convention of every reference table (tests/test_reference_data.py)
    for name in ("survey_questions", "survey_ethnicity"):
        table = reference.load(name)
        assert table["confidence"].isin(reference.CONFIDENCE).all()
        tags = table["source"].str.extract(r"\[(\w+)\]$")[0]
        assert (tags == table["confidence"]).all(), name
        assert table["source"].str.contains(r"S\d+|§\d", regex=True).all()


def test_2018_to_2020_numbers_are_marked_unconfirmed_where_data_formats_says_so() -> None:
    table = question_map()
    # data-formats.md §5.1: 2019 and 2020 unconfirmed throughout
    assert (table[table.survey_year.isin(["2019", "2020"])].confidence == "unconfirmed").all()
    # WRES 8 (q16b Yes over answered) is confirmed for the 2021-2023 questionnaires (S12)
    wres8 = table[
        (table.metric == "8")
        & (table.standard == "WRES")
        & table.survey_year.isin(["2021", "2022", "2023"])
    ]
    assert (wres8.confidence == "confirmed").all()


def test_ethnicity_lists_by_year() -> None:
    table = reference.load("survey_ethnicity")
    coded = table[table.code != ""]
    for first, count in (("2018", 18), ("2021", 18), ("2024", 19)):
        rows = coded[coded.first_year == first]
        assert list(rows.code) == [f"{i:02d}" for i in range(1, count + 1)]
        # data-formats.md §6: White = codes 01-04, BME = all other answered codes
        assert list(rows.group) == ["White"] * 4 + ["BME"] * (count - 4)


def _local_2025(tmp_path: Path) -> Path:
    table = question_map()
    rows = table[table.survey_year == "2024"].assign(survey_year="2025")
    path = tmp_path / "questions_2025.csv"
    rows.drop(columns=["source", "confidence"]).to_csv(path, index=False)
    return path


def test_adding_the_2025_survey_is_a_data_change(tmp_path: Path) -> None:
    path = _local_2025(tmp_path)
    config = Config(organisation_name="T", year=2026).with_options(survey_question_map=str(path))
    frame = pd.DataFrame(
        {
            "respondent_id": ["1", "2", "3"],
            "survey_year": "2025",
            "ethnicity": ["01", "09", "19"],
            "q14a": ["1", "2", "3"],
        }
    )
    inputs = load_frames({"survey_responses": frame}, config)
    assert inputs.ok
    rows = calculate(inputs, metrics=lambda m: m.key == ("WRES", "5")).frame
    # 2024 codes carried to 2025: 01 White, 09 and 19 BME; q14a 2-5 = at least once
    bme = rows[(rows.group == "BME") & (rows.statistic == "percent")].iloc[0]
    assert (bme.events_group, bme.n_group) == (2, 2)


def test_without_the_local_map_2025_is_an_error() -> None:
    frame = pd.DataFrame({"respondent_id": ["1"], "survey_year": "2025", "q14a": ["1"]})
    inputs = load_frames(
        {"survey_responses": frame}, Config(organisation_name="T", year=2026), strict=False
    )
    errors = [p for p in inputs.problems if p.severity == "error"]
    assert len(errors) == 1 and "no question map for survey year 2025" in errors[0].rule
    assert errors[0].column == "survey_year" and errors[0].value == "2025"


def test_a_missing_local_map_is_reported() -> None:
    config = Config(organisation_name="T", year=2024).with_options(
        survey_question_map="nowhere.csv"
    )
    frame = pd.DataFrame({"respondent_id": ["1"], "q14a": ["1"]})
    inputs = load_frames({"survey_responses": frame}, config, strict=False)
    assert any(
        p.column == "options.survey_question_map" and p.severity == "error" for p in inputs.problems
    )


def test_survey_options_are_read_from_the_configuration() -> None:
    config = parse_config(
        {
            "organisation": {"name": "T"},
            "reporting": {"year": 2024},
            "options": {
                "survey_year": 2022,
                "survey_minimum_respondents": 5,
                "survey_2020_numbering": "alternative",
                "survey_4b_include_dont_know": False,
            },
        },
        Path("."),
    )
    options = config.options
    assert (options.survey_year, options.survey_minimum_respondents) == (2022, 5)
    assert options.survey_2020_numbering == "alternative"
    assert options.survey_4b_include_dont_know is False
    assert Options().survey_year is None and Options().survey_minimum_respondents == 11
    with pytest.raises(InputError) as caught:
        parse_config(
            {
                "organisation": {"name": "T"},
                "reporting": {"year": 2024},
                "options": {
                    "survey_year": "last",
                    "survey_minimum_respondents": True,
                    "survey_2020_numbering": "2019",
                },
            },
            Path("."),
        )
    assert {p.column for p in caught.value.problems} == {
        "options.survey_year",
        "options.survey_minimum_respondents",
        "options.survey_2020_numbering",
    }
