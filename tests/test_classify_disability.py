"""disability_group: raw disability values → Disabled / Non-disabled / Unknown.

Expected groups from data-formats.md §2 (wdes.md S14, S15): Yes = Disabled,
No = Non-disabled, everything else Unknown.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from wres_wdes.classify import DISABILITY_GROUPS, disability_group


def group_of(value, overrides=None):
    return disability_group(pd.Series([value], dtype=object), overrides).values.iloc[0]


@pytest.mark.parametrize("value", ["Yes", "YES", "yes", "Y", "y", " Yes ", "Disabled"])
def test_yes_is_disabled(value):
    assert group_of(value) == "Disabled"


@pytest.mark.parametrize("value", ["No", "NO", "N", "n", "Non-disabled", "Non disabled"])
def test_no_is_non_disabled(value):
    assert group_of(value) == "Non-disabled"


@pytest.mark.parametrize(
    "value",
    [
        "Not Declared",  # KMPT raw category (wdes.md S14)
        "NOT DECLARED",
        "Prefer Not To Answer",  # ESR BI label (data-formats.md §2, unconfirmed)
        "Prefer not to say",
        "Unspecified",  # KMPT (wdes.md S14)
        "Unknown",  # COCH Unknown/Null (wdes.md S15)
    ],
)
def test_withheld_values_are_unknown_not_stated(value):
    found = disability_group(pd.Series([value]))
    assert found.values.tolist() == ["Unknown"]
    assert found.unknown["reason"].tolist() == ["not stated"]


@pytest.mark.parametrize("blank", [None, np.nan, "", "  "])
def test_blank_is_unknown_with_reason_blank(blank):
    found = disability_group(pd.Series([blank], dtype=object))
    assert found.values.tolist() == ["Unknown"]
    assert found.unknown["reason"].tolist() == ["blank"]


def test_survey_codes_one_yes_two_no():
    # Staff Survey disability question: 1 Yes, 2 No (data-formats.md §6, S12)
    assert [group_of(v) for v in (1, 2, "1", "2")] == [
        "Disabled",
        "Non-disabled",
        "Disabled",
        "Non-disabled",
    ]


def test_unrecognised_value_is_reported():
    found = disability_group(pd.Series(["Maybe", "Yes", "Maybe"]))
    assert found.values.tolist() == ["Unknown", "Disabled", "Unknown"]
    assert found.unknown.to_dict("list") == {
        "value": ["Maybe"],
        "count": [2],
        "reason": ["unrecognised"],
    }


def test_categories_are_exactly_the_three_groups():
    values = disability_group(pd.Series(["Yes"], index=[7])).values
    assert list(values.cat.categories) == list(DISABILITY_GROUPS)
    assert list(DISABILITY_GROUPS) == ["Disabled", "Non-disabled", "Unknown"]
    assert values.index.tolist() == [7]


def test_override_maps_a_local_value():
    assert (
        group_of("Declared - long term condition", {"declared - long term condition": "Disabled"})
        == "Disabled"
    )


def test_override_can_send_a_value_to_unknown():
    found = disability_group(pd.Series(["Y"]), {"y": "unknown"})
    assert found.values.tolist() == ["Unknown"]
    assert found.unknown["reason"].tolist() == ["not stated"]


def test_override_label_must_be_a_group():
    with pytest.raises(ValueError, match=r"\[mappings.disability\].*not a disability label"):
        disability_group(pd.Series(["x"]), {"x": "Impaired"})
