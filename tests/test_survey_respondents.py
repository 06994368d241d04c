"""Respondent-level survey figures against hand counts, for every survey year's map.

Six respondents answer the same way in every year; only the question numbers
change, and they are written out here from the table in
``reference/data-formats.md`` §5.1, so the packaged map is checked against it.

    id  ethnic  LTC  public  mgrs  colls  reported  equal  discr  unwell  pressure  valued  adjust
    1   01 W    Yes  1       2     1      1         1      2      1       1         4       1
    2   01 W    No   3       1     1      3         2      1      1       2         5       -
    3   Irish W No   1       1     1      9         9      2      2       -         2       -
    4   09 BME  Yes  5       1     4      2         1      1      1       1         3       3
    5   14 BME  Yes  1       1     1      3         2      2      1       2         1       2
    6   14 BME  No   01-Feb  3     -      4         1      2      2       -         4       -

Respondents 1–3 are in Medicine, 4–6 in Surgery. Engagement answers are in
:data:`ENGAGEMENT`.
"""

from __future__ import annotations

import pandas as pd
import pytest

from wres_wdes import Config, load_frames
from wres_wdes.calculate import calculate

# data-formats.md §5.1, by survey year (2020: the two disputed numberings, wres.md §7).
Q2018 = dict(
    public="q13a",
    managers="q13b",
    colleagues="q13c",
    reported="q13d",
    equal="q14",
    discrimination="q15b",
    unwell="q11d",
    pressure="q11e",
    valued="q5f",
    condition="q28a",
    adjustments="q28b",
    motivation=("q2a", "q2b", "q2c"),
    involvement=("q4a", "q4b", "q4d"),
    advocacy=("q21a", "q21c", "q21d"),
)
Q2021 = dict(
    public="q14a",
    managers="q14b",
    colleagues="q14c",
    reported="q14d",
    equal="q15",
    discrimination="q16b",
    unwell="q11d",
    pressure="q11e",
    valued="q4b",
    condition="q28a",
    adjustments="q28b",
    motivation=("q2a", "q2b", "q2c"),
    involvement=("q3c", "q3d", "q3f"),
    advocacy=("q21a", "q21c", "q21d"),
)
YEARS = {
    (2018, "as_2018"): Q2018,
    (2019, "as_2018"): {**Q2018, "unwell": None},
    (2020, "as_2018"): {**Q2018, "unwell": None, "condition": "q26a", "adjustments": "q26b"},
    (2020, "alternative"): {
        **Q2018,
        "public": "q14a",
        "managers": "q14b",
        "colleagues": "q14c",
        "reported": "q14d",
        "equal": "q15",
        "discrimination": "q16b",
        "unwell": None,
        "condition": "q26a",
        "adjustments": "q26b",
    },
    (2021, "as_2018"): Q2021,
    (2022, "as_2018"): {
        **Q2021,
        "condition": "q30a",
        "adjustments": "q30b",
        "advocacy": ("q23a", "q23c", "q23d"),
    },
    (2023, "as_2018"): {
        **Q2021,
        "condition": "q31a",
        "adjustments": "q31b",
        "advocacy": ("q25a", "q25c", "q25d"),
    },
    (2024, "as_2018"): {
        **Q2021,
        "condition": "q31a",
        "adjustments": "q31b",
        "advocacy": ("q25a", "q25c", "q25d"),
    },
}

ANSWERS = dict(
    ethnicity=["01", "01", "Irish", "09", "14", "14"],
    condition=["1", "2", "2", "1", "1", "2"],
    public=["1", "3", "1", "5", "1", "01-Feb"],  # 01-Feb: Excel's date for 1-2 (code 2)
    managers=["2", "1", "1", "1", "1", "3"],
    colleagues=["1", "1", "1", "4", "1", ""],
    reported=["1", "3", "9", "2", "3", "4"],
    equal=["1", "2", "9", "1", "2", "1"],
    discrimination=["2", "1", "2", "1", "2", "2"],
    unwell=["1", "1", "2", "1", "1", "2"],
    pressure=["1", "2", "", "1", "2", ""],
    valued=["4", "5", "2", "3", "1", "4"],
    adjustments=["1", "", "", "3", "2", ""],
)
# Each respondent's three items per sub-score; scored 1→0, 2→2.5, 3→5, 4→7.5, 5→10.
ENGAGEMENT = dict(
    motivation=[
        ("5", "5", "5"),
        ("4", "4", "4"),
        ("2", "3", "4"),
        ("1", "1", "1"),
        ("5", "4", "3"),
        ("3", "3", "3"),
    ],
    involvement=[
        ("3", "3", "3"),
        ("4", "4", "4"),
        ("5", "5", ""),
        ("2", "2", "2"),
        ("5", "5", "5"),
        ("3", "3", "3"),
    ],
    advocacy=[
        ("1", "1", "1"),
        ("4", "4", "4"),
        ("3", "", ""),
        ("3", "3", "3"),
        ("", "", ""),
        ("5", "5", "5"),
    ],
)


def responses(questions: dict, year: int) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "respondent_id": [f"R{i}" for i in range(1, 7)],
            "survey_year": str(year),
            "directorate": ["Medicine"] * 3 + ["Surgery"] * 3,
            "ethnicity": ANSWERS["ethnicity"],
        }
    )
    for item, answers in ANSWERS.items():
        if item != "ethnicity" and questions.get(item):
            frame[questions[item]] = answers
    for subscore, rows in ENGAGEMENT.items():
        for k, question in enumerate(questions[subscore]):
            frame[question] = [r[k] for r in rows]
    return frame


def run(frame: pd.DataFrame, year: int, **options) -> tuple[pd.DataFrame, list]:
    config = Config(organisation_name="Test Trust", year=year + 1, levels=("directorate",))
    inputs = load_frames({"survey_responses": frame}, config.with_options(**options))
    results = calculate(inputs, metrics=lambda m: m.input == "survey")
    return results.frame, inputs.problems


def figure(
    frame: pd.DataFrame,
    standard: str,
    metric: str,
    group: str,
    statistic: str,
    category: str = "",
    unit: str = "Test Trust",
) -> pd.Series:
    f = frame
    found = f[
        (f.standard == standard)
        & (f.metric == metric)
        & (f.group == group)
        & (f.statistic == statistic)
        & (f.category == category)
        & (f.unit == unit)
    ]
    assert len(found) == 1, (standard, metric, group, statistic, category, unit)
    return found.iloc[0]


def counts(
    frame: pd.DataFrame, standard: str, metric: str, group: str, category: str = ""
) -> tuple[float, float]:
    r = figure(frame, standard, metric, group, "percent", category)
    return r.events_group, r.n_group


# (standard, metric, category, group) → (positive, base), counted by hand from the table
HAND = {
    # WRES 5: public 2-5 over answered. White 1-3: 1,3,1 → 1/3; BME 4-6: 5,1,2 → 2/3
    ("WRES", "5", "", "White"): (1, 3),
    ("WRES", "5", "", "BME"): (2, 3),
    # WRES 6: managers or colleagues 2-5. White: r1 (managers 2) → 1/3;
    # BME: r4 (colleagues 4), r6 (managers 3, colleagues blank) → 2/3
    ("WRES", "6", "", "White"): (1, 3),
    ("WRES", "6", "", "BME"): (2, 3),
    # WRES 7: Yes over Yes/No (Don't know 9 out). White: r1 Y, r2 N → 1/2; BME: Y, N, Y → 2/3
    ("WRES", "7", "", "White"): (1, 2),
    ("WRES", "7", "", "BME"): (2, 3),
    # WRES 8: Yes over answered. White: r2 → 1/3; BME: r4 → 1/3
    ("WRES", "8", "", "White"): (1, 3),
    ("WRES", "8", "", "BME"): (1, 3),
    # WDES: Disabled r1, r4, r5; non-disabled r2, r3, r6 (the long-term condition question)
    ("WDES", "4a", "public", "Disabled"): (1, 3),  # 1, 5, 1
    ("WDES", "4a", "public", "Non-disabled"): (2, 3),  # 3, 1, 2
    ("WDES", "4a", "managers", "Disabled"): (1, 3),  # 2, 1, 1
    ("WDES", "4a", "managers", "Non-disabled"): (1, 3),  # 1, 1, 3
    ("WDES", "4a", "colleagues", "Disabled"): (1, 3),  # 1, 4, 1
    ("WDES", "4a", "colleagues", "Non-disabled"): (0, 2),  # 1, 1, blank
    # 4b: reported 1-2 over 1-4 (9 Not applicable out, 4 Don't know in). D: 1, 2, 3 → 2/3;
    # ND: 3, 9, 4 → 0/2
    ("WDES", "4b", "", "Disabled"): (2, 3),
    ("WDES", "4b", "", "Non-disabled"): (0, 2),
    # 5: Yes over Yes/No. D: Y, Y, N → 2/3; ND: N, DK, Y → 1/2
    ("WDES", "5", "", "Disabled"): (2, 3),
    ("WDES", "5", "", "Non-disabled"): (1, 2),
    # 6: pressure Yes over answered, among unwell Yes. D: 1, 1, 2 → 2/3; ND: r2 only, 2 → 0/1
    ("WDES", "6", "", "Disabled"): (2, 3),
    ("WDES", "6", "", "Non-disabled"): (0, 1),
    # 7: Satisfied 4-5 over answered. D: 4, 3, 1 → 1/3; ND: 5, 2, 4 → 2/3
    ("WDES", "7", "", "Disabled"): (1, 3),
    ("WDES", "7", "", "Non-disabled"): (2, 3),
    # 8: Yes over Disabled Yes/No (3 No adjustment required out): r1 1, r4 3, r5 2 → 1/2
    ("WDES", "8", "", "Disabled"): (1, 2),
}


@pytest.fixture(scope="module", params=list(YEARS), ids=lambda k: f"{k[0]}-{k[1]}")
def year_results(request):
    (year, numbering), questions = request.param, YEARS[request.param]
    results, problems = run(responses(questions, year), year, survey_2020_numbering=numbering)
    return results, problems, questions


def test_every_figure_matches_the_hand_count_in_every_year(year_results) -> None:
    results, problems, _ = year_results
    assert not [p for p in problems if p.severity == "error"]
    for (standard, metric, category, group), expected in HAND.items():
        assert counts(results, standard, metric, group, category) == expected, (
            standard,
            metric,
            category,
            group,
        )


def test_percent_and_difference_values(year_results) -> None:
    results, _, _ = year_results
    # WRES 7: BME 2/3 = 66.67%, White 1/2 = 50%, difference BME − White = 16.67 points
    assert figure(results, "WRES", "7", "BME", "percent").value == pytest.approx(200 / 3)
    diff = figure(results, "WRES", "7", "BME", "difference_pp")
    assert (diff.reference_group, diff.events_reference, diff.n_reference) == ("White", 1, 2)
    assert diff.value == pytest.approx(200 / 3 - 50)
    # WDES 8 has no comparator: a percent row only (1/2 = 50%)
    wdes8 = results[(results.metric == "8") & (results.standard == "WDES")]
    assert set(wdes8.statistic) == {"percent"} and set(wdes8.group) == {"Disabled"}


def test_engagement_score_matches_the_hand_calculation(year_results) -> None:
    results, _, _ = year_results
    # Respondent scores (data-formats.md §5.4: mean of answered items per sub-score, then
    # the mean of the three sub-scores):
    #   r1 (10 + 5 + 0) / 3 = 5;      r2 (7.5 + 7.5 + 7.5) / 3 = 7.5
    #   r3 ((2.5+5+7.5)/3 = 5, 10, 5) / 3 = 20/3;   r4 (0 + 2.5 + 5) / 3 = 2.5
    #   r5 no advocacy answer: no score (all three sub-scores needed by default)
    #   r6 (5 + 5 + 10) / 3 = 20/3
    disabled = figure(results, "WDES", "9a", "Disabled", "score")
    assert (disabled.n_group, disabled.value) == (2, pytest.approx(3.75))  # (5 + 2.5) / 2
    non = figure(results, "WDES", "9a", "Non-disabled", "score")
    assert (non.n_group, non.value) == (3, pytest.approx((7.5 + 40 / 3) / 3))  # 6.944
    everyone = figure(results, "WDES", "9a", "All", "score")
    # r1, r2, r3, r4, r6: (5 + 7.5 + 20/3 + 2.5 + 20/3) / 5 = 5.667
    assert (everyone.n_group, everyone.value) == (5, pytest.approx((15 + 40 / 3) / 5))
    # t interval, non-disabled: sd of (7.5, 6.667, 6.667) = 0.4811, se 0.2778,
    # t(0.975, 2 df) = 4.3027 → 6.944 ± 1.195
    assert (non.ci_low, non.ci_high) == (
        pytest.approx(5.7493, abs=1e-3),
        pytest.approx(8.1396, abs=1e-3),
    )
    diff = figure(results, "WDES", "9a", "Disabled", "score_difference")
    assert diff.value == pytest.approx(3.75 - (7.5 + 40 / 3) / 3)


def test_units_are_counted_within_each_directorate(year_results) -> None:
    results, _, _ = year_results
    # WDES 7 in Medicine (r1-r3): Disabled r1 4 → 1/1; non-disabled r2 5, r3 2 → 1/2.
    # In Surgery (r4-r6): Disabled r4 3, r5 1 → 0/2; non-disabled r6 4 → 1/1.
    medicine = figure(results, "WDES", "7", "Non-disabled", "percent", unit="Medicine")
    assert (medicine.level, medicine.events_group, medicine.n_group) == ("directorate", 1, 2)
    surgery = figure(results, "WDES", "7", "Disabled", "percent", unit="Surgery")
    assert (surgery.events_group, surgery.n_group) == (0, 2)


def test_excel_date_is_repaired_with_a_warning(year_results) -> None:
    _, problems, questions = year_results
    repaired = [p for p in problems if p.value == "01-Feb"]
    assert len(repaired) == 1 and repaired[0].severity == "warning"
    assert repaired[0].column == questions["public"] and "1-2" in repaired[0].rule


def test_groups_below_the_survey_minimum_are_flagged(year_results) -> None:
    results, _, _ = year_results
    # every group here has fewer than 11 respondents (data-formats.md §7)
    assert results["flags"].str.contains("below_survey_minimum").all()


def test_options_change_the_unconfirmed_bases() -> None:
    year = 2023
    frame = responses(YEARS[(2023, "as_2018")], year)
    results, _ = run(
        frame,
        year,
        survey_equal_opportunities_include_dont_know=True,
        survey_4b_include_dont_know=False,
        survey_4b_require_harassment=True,
        survey_adjustments_include_not_required=True,
        survey_engagement_min_subscores=2,
        survey_minimum_respondents=3,
    )
    # WRES 7 with Don't know in the base: White r1 Y, r2 N, r3 DK → 1/3
    assert counts(results, "WRES", "7", "White") == (1, 3)
    # 4b without Don't know, and only among the harassed: D r1 (managers 2) reported 1,
    # r4 (public 5) reported 2, r5 never harassed → 2/2; ND r2 (public 3) No, r6 DK out → 0/1
    assert counts(results, "WDES", "4b", "Disabled") == (2, 2)
    assert counts(results, "WDES", "4b", "Non-disabled") == (0, 1)
    # WDES 8 with No adjustment required in the base: 1/3
    assert counts(results, "WDES", "8", "Disabled") == (1, 3)
    # 9a with two sub-scores enough: r5 scores (7.5 + 10) / 2 = 8.75; Disabled mean of
    # 5, 2.5 and 8.75 = 5.4167
    assert figure(results, "WDES", "9a", "Disabled", "score").value == pytest.approx(65 / 12)
    # minimum 3: the Disabled groups of 3 are not flagged; non-disabled 2 for WRES 7 is
    flags = figure(results, "WDES", "7", "Disabled", "percent")["flags"]
    assert "below_survey_minimum" not in flags


def test_disability_column_wins_over_the_survey_question() -> None:
    frame = responses(YEARS[(2023, "as_2018")], 2023)
    frame["disability"] = ["2", "2", "2", "2", "2", ""]  # r6 blank: from q31a (No)
    results, _ = run(frame, 2023)
    # every respondent non-disabled: 4a public 3, 1, 1, 5, 1, 2 → 3/6
    assert counts(results, "WDES", "4a", "Non-disabled", "public") == (3, 6)
    assert counts(results, "WDES", "4a", "Disabled", "public") == (0, 0)


def test_split_by_a_further_attribute_adds_up() -> None:
    frame = responses(YEARS[(2023, "as_2018")], 2023)
    config = Config(organisation_name="Test Trust", year=2024)
    results = calculate(
        load_frames({"survey_responses": frame}, config),
        split_by="disability",
        metrics=lambda m: m.key == ("WRES", "5"),
    ).frame
    white = results[(results.group == "White") & (results.statistic == "percent")]
    by_split = white.set_index("split")[["events_group", "n_group"]]
    # White: r1 (Disabled) public Never → 0/1; r2, r3 (non-disabled) 3 and Never → 1/2
    assert by_split.loc["Disabled"].tolist() == [0, 1]
    assert by_split.loc["Non-disabled"].tolist() == [1, 2]
    assert by_split.events_group.sum() == 1 and by_split.n_group.sum() == 3


def test_ethnicity_from_the_survey_question_when_no_ethnicity_column() -> None:
    # data-formats.md §6: the 2023 ethnic group question is q28
    frame = responses(YEARS[(2023, "as_2018")], 2023)
    frame = frame.rename(columns={"ethnicity": "Q28"})
    results, problems = run(frame, 2023)
    assert not [p for p in problems if p.column == "Q28"]  # a known question, not "unknown"
    assert counts(results, "WRES", "5", "BME") == (2, 3)  # as in HAND
