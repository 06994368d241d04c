"""ethnic_group: raw ethnic category values → White / BME / Unknown.

Expected groups come from data-formats.md §1 (codes S1, sub-codes S2–S4, 2021
census §1.3) and wres.md §5 (A, B, C White; D–S BME; Z, 99, blank Unknown).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from wres_wdes.classify import ETHNIC_GROUPS, ethnic_group


def group_of(value, overrides=None):
    return ethnic_group(pd.Series([value], dtype=object), overrides).values.iloc[0]


def unknown_of(values, overrides=None):
    return ethnic_group(pd.Series(values, dtype=object), overrides).unknown


# --- codes -------------------------------------------------------------------------


@pytest.mark.parametrize("code", list("ABC"))
def test_codes_a_b_c_are_white(code):
    # data-formats.md §1.1 (S1): White - British, Irish, Any other White background
    assert group_of(code) == "White"


@pytest.mark.parametrize("code", list("DEFGHJKLMNPRS"))
def test_codes_d_to_s_are_bme(code):
    # data-formats.md §1.1 (S1); wres.md §5: D–S → BME
    assert group_of(code) == "BME"


@pytest.mark.parametrize("code", ["Z", "99"])
def test_z_and_99_are_unknown_not_stated(code):
    # data-formats.md §1.1 (S1): Z not stated, 99 not known
    assert group_of(code) == "Unknown"
    assert unknown_of([code])["reason"].tolist() == ["not stated"]


def test_99_read_from_a_spreadsheet_as_a_number_is_still_99():
    assert group_of(99) == "Unknown"
    assert group_of(99.0) == "Unknown"


def test_subcode_cy_is_white():
    # data-formats.md §1.2 (S2, S3): CY Other white European nests under C (White)
    assert group_of("CY") == "White"


@pytest.mark.parametrize(
    ("code", "group"),
    [
        ("CA", "White"),  # English, under C (S2)
        ("CP", "White"),  # Polish, under C (S2)
        ("C2", "White"),  # Northern Irish, under C (S2)
        ("CN", "White"),  # Gypsy/Romany, under C (S2; §1.3)
        ("LB", "BME"),  # Punjabi, under L (S2)
        ("PC", "BME"),  # Nigerian, under P (S2)
        ("GF", "BME"),  # Other Mixed, under G (S2)
        ("SC", "BME"),  # Filipino, under S (S4)
    ],
)
def test_subcodes_take_the_group_of_their_first_character(code, group):
    assert group_of(code) == group


def test_subcodes_in_any_case():
    assert group_of("cy") == "White"
    assert group_of(" lb ") == "BME"


def test_unlisted_local_subcode_with_a_digit_takes_its_first_character():
    # data-formats.md S1: the second character is for local use, nested under the first
    assert group_of("A1") == "White"
    assert group_of("N2") == "BME"


@pytest.mark.parametrize("value", ["NA", "NK", "NS"])
def test_not_available_markers_are_not_read_as_code_n(value):
    # NA / NK / NS would read as N (Black African) if any two letters took their first
    assert group_of(value) == "Unknown"


def test_unlisted_two_letter_code_is_unrecognised_not_guessed():
    assert group_of("NO") == "Unknown"
    assert unknown_of(["NO"])["reason"].tolist() == ["unrecognised"]


def test_welsh_code_t_is_not_an_england_code():
    # data-formats.md §1.3: the Wales code system (T Arab) must not be mixed in
    assert group_of("T") == "Unknown"


# --- code plus label ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "group"),
    [
        ("A White - British", "White"),
        ("C White - Any other White background", "White"),
        ("H Asian or Asian British - Indian", "BME"),
        ("N Black or Black British - African", "BME"),
        ("R Other Ethnic Groups - Chinese", "BME"),
        ("Z Not Stated", "Unknown"),
        ("CP White - Polish", "White"),
        ("LB Asian - Punjabi", "BME"),
        ("99 Not Known", "Unknown"),
        ("A - White British", "White"),
        ("A: White - British", "White"),
        ("A|White - British", "White"),  # ESR-style packed (DESIGN.md input contract)
    ],
)
def test_code_and_label(value, group):
    # the leading code decides (data-formats.md §1.2 recommendation)
    assert group_of(value) == group


def test_code_decides_over_a_disagreeing_label():
    # the national code is the standard (S1); labels are not checked against it
    assert group_of("A Black or Black British - African") == "White"


# --- labels alone ------------------------------------------------------------------


def test_label_black_or_black_british_is_bme_not_code_b():
    # "Black" is not a one- or two-character code token, so B (White - Irish) is never read
    assert group_of("Black or Black British - African") == "BME"


@pytest.mark.parametrize(
    ("value", "group"),
    [
        ("White - British", "White"),  # A (S1)
        ("White British", "White"),
        ("White - Irish", "White"),  # B (S1)
        ("White - Polish", "White"),  # heading White (S1, S28 style)
        ("Asian or Asian British - Indian", "BME"),  # H (S1)
        ("Black or Black British - Caribbean", "BME"),  # M (S1)
        ("Mixed - White and Black Caribbean", "BME"),  # D (S1)
        ("Other Ethnic Groups - Chinese", "BME"),  # R (S1)
        ("Other Ethnic Group - Any other ethnic group", "BME"),  # S (S1)
        ("Asian - Punjabi", "BME"),  # LB under heading Asian
        ("Polish", "White"),  # CP label (S2)
        ("Nigerian", "BME"),  # PC label (S2)
        ("Mixed white", "White"),  # CX label (S2): nests under C
        ("Any other White background", "White"),
        ("Other White", "White"),
        ("Any other Asian background", "BME"),
    ],
)
def test_labels(value, group):
    assert group_of(value) == group


def test_mixed_category_without_its_heading_is_bme_not_white():
    # "White and Asian" is Mixed (F), not White, though it starts with "White" (S1, S22)
    assert group_of("White and Asian") == "BME"
    assert group_of("White and Black Caribbean") == "BME"


@pytest.mark.parametrize(
    ("value", "group"),
    [
        ("Roma", "White"),  # 2021 census White: Roma (S22); CN Gypsy/Romany (S3)
        ("White: Roma", "White"),
        ("Gypsy or Irish Traveller", "White"),  # CL, CM, CN (S3, §1.3)
        ("White - Gypsy or Irish Traveller", "White"),
        ("Arab", "BME"),  # no 2001 code, under S (§1.3)
        ("Other ethnic group: Arab", "BME"),
        ("English, Welsh, Scottish, Northern Irish or British", "White"),  # 2021 census (S22)
        ("Mixed or Multiple ethnic groups: White and Asian", "BME"),
    ],
)
def test_2021_census_labels(value, group):
    assert group_of(value) == group


@pytest.mark.parametrize(
    "value", ["Not stated", "Unspecified", "Undefined", "Prefer not to say", "Not known"]
)
def test_unknown_labels_are_not_stated(value):
    # data-formats.md §1.1: Z not stated, 99 not known, "Undefined" no value recorded
    assert group_of(value) == "Unknown"
    assert unknown_of([value])["reason"].tolist() == ["not stated"]


def test_summary_groups_classify_to_themselves():
    # applications_summary gives groups directly (DESIGN.md input contract)
    assert [group_of(v) for v in ("White", "BME", "BAME", "Unknown")] == [
        "White",
        "BME",
        "BME",
        "Unknown",
    ]


# --- blanks, unrecognised values and the report ------------------------------------


@pytest.mark.parametrize("blank", [None, np.nan, pd.NA, "", "   "])
def test_blank_is_unknown_with_reason_blank(blank):
    assert group_of(blank) == "Unknown"
    assert unknown_of([blank])["reason"].tolist() == ["blank"]


def test_unrecognised_value_is_reported_with_its_count():
    found = unknown_of(["Martian", "A", "Martian", "Z", None, "Martian"])
    assert found.to_dict("list") == {
        "value": ["Martian", "Z", None],
        "count": [3, 1, 1],
        "reason": ["unrecognised", "not stated", "blank"],
    }


def test_unknown_report_keeps_the_raw_value_as_given():
    found = unknown_of([" not STATED ", "Not stated"])
    assert sorted(found["value"]) == [" not STATED ", "Not stated"]
    assert found["count"].tolist() == [1, 1]


def test_nothing_unknown_gives_an_empty_report_with_its_columns():
    found = unknown_of(["A", "N"])
    assert list(found.columns) == ["value", "count", "reason"]
    assert len(found) == 0


def test_result_is_categorical_aligned_to_the_input_index():
    raw = pd.Series(["A", "N", None], index=[10, 20, 30], name="ethnicity", dtype="str")
    values = ethnic_group(raw).values
    assert list(values.cat.categories) == list(ETHNIC_GROUPS) == ["White", "BME", "Unknown"]
    assert values.index.tolist() == [10, 20, 30]
    assert values.name == "ethnicity"


def test_str_object_and_categorical_inputs_agree():
    values = ["A", "CY", "Black or Black British - African", None, "Z"]
    expected = ["White", "White", "BME", "Unknown", "Unknown"]
    for dtype in (object, "str", "string", "category"):
        assert ethnic_group(pd.Series(values, dtype=dtype)).values.tolist() == expected


# --- overrides ---------------------------------------------------------------------


def test_override_maps_a_local_value():
    assert group_of("Kurdish", {"Kurdish": "BME"}) == "BME"


def test_override_keys_match_ignoring_case_and_spaces():
    assert group_of("  KURDISH  ", {"kurdish": "BME"}) == "BME"
    assert group_of("Local  code 7", {"LOCAL CODE 7": "white"}) == "White"


def test_override_of_a_code_applies_to_code_and_label():
    overrides = {"CY": "Unknown"}
    assert group_of("CY", overrides) == "Unknown"
    assert group_of("CY White - Other European", overrides) == "Unknown"
    assert unknown_of(["CY"], overrides)["reason"].tolist() == ["not stated"]


def test_override_label_must_be_a_group():
    with pytest.raises(ValueError, match=r"\[mappings.ethnicity\].*'Kurdish' = 'Asian'"):
        ethnic_group(pd.Series(["Kurdish"]), {"Kurdish": "Asian"})


def test_conflicting_override_keys_are_an_error():
    with pytest.raises(ValueError, match="given twice"):
        ethnic_group(pd.Series(["x"]), {"Kurdish": "BME", "KURDISH ": "White"})
