"""Survey answers to codes, Excel-date repair, and the survey's own groups."""

from __future__ import annotations

import pandas as pd
import pytest

from wres_wdes.survey.answers import (
    code_answers,
    disability_groups,
    ethnic_groups,
    excel_date_label,
)

# data-formats.md §5.2: q14a-c codes
FREQUENCY = {"1": "Never", "2": "1-2", "3": "3-5", "4": "6-10", "5": "More than 10"}


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("01-Feb", "1-2"),
        ("1-Feb", "1-2"),
        ("03-May", "3-5"),
        ("06-Oct", "6-10"),  # UK Excel, S14
        ("2-Jan", "1-2"),
        ("5-Mar", "3-5"),
        ("10-Jun", "6-10"),  # US Excel: month first
        ("Feb-01", "1-2"),
        ("2024-02-01", "1-2"),
        ("2024-10-06 00:00:00", "6-10"),  # xlsx cells
        ("01/02/2024", "1-2"),
    ],
)
def test_excel_dates_are_read_back_as_the_range_they_were(value: str, label: str) -> None:
    assert excel_date_label(value) == label


def test_codes_labels_and_dates_become_codes() -> None:
    raw = pd.Series(["1", "01", "2.0", "Never", "more than 10", "06-Oct", "1-2", "", None, "99"])
    coded = code_answers(raw, FREQUENCY)
    assert coded.codes.tolist() == ["1", "1", "2", "1", "5", "4", "2", pd.NA, pd.NA, pd.NA]
    assert not coded.invalid.any()
    # one repair reported per distinct value, with its count
    assert coded.repaired.to_dict("records") == [
        {"value": "06-Oct", "label": "6-10", "code": "4", "count": 1}
    ]


def test_answers_outside_the_code_list_are_invalid() -> None:
    # 9 is not an answer of q14a (it is of q14d); 0, 6 and a date that is no range neither
    coded = code_answers(pd.Series(["9", "0", "6", "12-Dec", "often", "3"]), FREQUENCY)
    assert coded.invalid.tolist() == [True, True, True, True, True, False]


def test_survey_ethnicity_follows_the_year_code_list() -> None:
    # data-formats.md §6: 2021-2023 codes 01-18, 2024 adds Filipino (13) and runs to 19
    raw = pd.Series(["01", "03", "04", "05", "13", "18", "19"])
    assert ethnic_groups(raw, 2023).values.tolist() == [
        "White",
        "White",
        "White",
        "BME",
        "BME",
        "BME",
        "Unknown",
    ]
    found = ethnic_groups(raw, 2023).unrecognised
    assert found.to_dict("records") == [{"value": "19", "count": 1}]
    assert ethnic_groups(raw, 2024).values.tolist() == [
        "White",
        "White",
        "White",
        "BME",
        "BME",
        "BME",
        "BME",
    ]


def test_survey_ethnicity_labels_and_code_with_label() -> None:
    raw = pd.Series(
        ["Irish", "Gypsy or Irish Traveller", "Pakistani", "White", "BME", "14 African", "", "99"]
    )
    assert ethnic_groups(raw, 2023).values.tolist() == [
        "White",
        "White",
        "BME",
        "White",
        "BME",
        "BME",
        "Unknown",
        "Unknown",
    ]
    assert ethnic_groups(raw, 2023).unrecognised.empty  # blank and 99 are not "unrecognised"


def test_survey_disability_is_the_long_term_condition_answer() -> None:
    # data-formats.md §6: 1 Yes = Disabled, 2 No = non-disabled, missing = Unknown
    raw = pd.Series(["1", "2", "Yes", "No", "Y", "N", "", "99", "3"])
    grouped = disability_groups(raw)
    assert grouped.values.tolist() == [
        "Disabled",
        "Non-disabled",
        "Disabled",
        "Non-disabled",
        "Disabled",
        "Non-disabled",
        "Unknown",
        "Unknown",
        "Unknown",
    ]
    assert grouped.unrecognised.to_dict("records") == [{"value": "3", "count": 1}]
