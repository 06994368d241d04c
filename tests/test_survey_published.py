"""Published figures and respondent-level answers for the same data give the same rows."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_survey_respondents import YEARS, responses, run

from wres_wdes import Config, load, load_config, load_frames
from wres_wdes.calculate import calculate
from wres_wdes.config import InputFile

ROOT = Path(__file__).resolve().parent.parent
KEY = ["standard", "metric", "level", "unit", "category", "group", "reference_group", "statistic"]
FIGURES = [
    "n_group",
    "events_group",
    "n_reference",
    "events_reference",
    "value",
    "ci_low",
    "ci_high",
    "p_value",
    "flags",
]


def as_published(results: pd.DataFrame) -> pd.DataFrame:
    """The percent and score rows written back as a trust's published-figures file."""
    rows = results[results.statistic.isin(["percent", "score"])]
    score = rows.statistic == "score"
    published = pd.DataFrame(
        {
            "standard": rows.standard,
            "metric": rows.metric,
            "category": rows.category,
            "group": rows.group,
            "respondents": rows.n_group.astype(int).astype(str),
            "positive": rows.events_group.astype("Int64").astype("string"),
            # 9a: the contract's percent column holds the score; sd is an extra column
            "percent": rows.value.where(score).astype("string"),
            "sd": "",
            "directorate": np.where(rows.level == "directorate", rows.unit, ""),
        }
    )
    return published


def compare(a: pd.DataFrame, b: pd.DataFrame) -> None:
    merged = a.merge(b, on=KEY, suffixes=("_a", "_b"), how="outer", indicator=True)
    assert (merged["_merge"] == "both").all(), merged[merged["_merge"] != "both"][KEY]
    for column in FIGURES:
        left, right = merged[f"{column}_a"], merged[f"{column}_b"]
        if column == "flags":
            assert (left == right).all(), merged.loc[left != right, KEY]
        else:
            np.testing.assert_allclose(
                left.astype(float), right.astype(float), rtol=1e-9, err_msg=column
            )


def test_hand_example_gives_the_same_rows_either_way() -> None:
    year = 2023
    respondent, _ = run(responses(YEARS[(2023, "as_2018")], year), year)
    proportions = respondent[respondent.statistic.isin(["percent", "difference_pp"])]
    config = Config(organisation_name="Test Trust", year=2024, levels=("directorate",))
    inputs = load_frames({"survey_results": as_published(proportions)}, config)
    published = calculate(inputs, metrics=lambda m: m.input == "survey").frame
    compare(proportions, published)


def test_published_engagement_score_without_sd_has_no_interval() -> None:
    year = 2023
    respondent, _ = run(responses(YEARS[(2023, "as_2018")], year), year)
    scores = respondent[(respondent.metric == "9a") & (respondent.level == "organisation")]
    config = Config(organisation_name="Test Trust", year=2024)
    inputs = load_frames({"survey_results": as_published(scores)}, config)
    published = calculate(inputs, metrics=lambda m: m.metric == "9a").frame
    merged = scores.merge(published, on=KEY, suffixes=("_a", "_b"))
    assert len(merged) == 4  # Disabled, Non-disabled, All, and the difference
    np.testing.assert_allclose(merged.value_a, merged.value_b)  # 3.75, 6.944, 5.667, -3.194
    assert merged.ci_low_b.isna().all()


def test_published_engagement_score_with_sd_has_the_t_interval() -> None:
    # Non-disabled: mean 6.944, sd 0.4811, n 3 (tests/test_survey_respondents.py):
    # t(0.975, 2) = 4.3027 → 5.749 to 8.140
    frame = pd.DataFrame(
        {
            "standard": ["WDES"] * 2,
            "metric": ["9a"] * 2,
            "group": ["Disabled", "Non-disabled"],
            "respondents": ["2", "3"],
            "percent": ["3.75", "6.944444"],
            "sd": ["1.767767", "0.481125"],
        }
    )
    inputs = load_frames({"survey_results": frame}, Config(organisation_name="T", year=2024))
    rows = calculate(inputs, metrics=lambda m: m.metric == "9a").frame.set_index("group")
    non = rows[rows.statistic == "score"].loc["Non-disabled"]
    assert (round(non.ci_low, 3), round(non.ci_high, 3)) == (5.749, 8.140)


@pytest.mark.skipif(
    not (ROOT / "sample_data" / "survey_results.csv").is_file(),
    reason="the bundled sample is not generated",
)
def test_bundled_sample_gives_the_same_rows_either_way() -> None:
    config = load_config(ROOT / "sample_data" / "config.toml")
    folder = ROOT / "sample_data"
    responses_only = replace(
        config, inputs={"survey_responses": InputFile(folder / "survey_responses.csv")}
    )
    results_only = replace(
        config, inputs={"survey_results": InputFile(folder / "survey_results.csv")}
    )
    survey = lambda m: m.input == "survey" and m.metric != "9a"  # noqa: E731
    a = calculate(load(responses_only), metrics=survey).frame
    b = calculate(load(results_only), metrics=survey).frame
    compare(a[a.level == "organisation"], b)
