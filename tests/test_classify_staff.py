"""staff_category: staff group, occupation code and grade → clinical / non-clinical / medical.

Rule order (docs/classification.md): medical grade (NHS Digital uses "medical pay
scales as the initial determining field", data-formats.md S11); numeric occupation
code or Medical and Dental staff group (S8, S9); G code non-clinical, other codes
clinical (§4); staff group fallback (§4: 08, 09 non-clinical).
"""

from __future__ import annotations

import pandas as pd
import pytest

from wres_wdes.classify import STAFF_CATEGORIES, pay_band, staff_category


def categories(staff_group=None, occupation_code=None, grades=None, overrides=None):
    def series(values):
        return None if values is None else pd.Series(values, dtype=object)

    bands = None if grades is None else pay_band(series(grades)).values
    found = staff_category(series(staff_group), series(occupation_code), bands, overrides)
    return found.values.tolist()


@pytest.mark.parametrize(
    ("staff_group", "category"),
    [
        ("Medical and Dental", "medical"),  # 01 (S9)
        ("Nursing and Midwifery Registered", "clinical"),
        ("Allied Health Professionals", "clinical"),
        ("Additional Professional Scientific and Technical", "clinical"),
        ("Add Prof Scientific and Technic", "clinical"),  # ESR abbreviation
        ("Healthcare Scientists", "clinical"),
        ("Additional Clinical Services", "clinical"),
        ("Administrative and Clerical", "non-clinical"),  # 08 (§4 fallback)
        ("Estates and Ancillary", "non-clinical"),  # 09 (§4 fallback)
        ("Students", "clinical"),  # "the rest clinical", unconfirmed
        ("03 Nursing and Midwifery Registered", "clinical"),  # NWD code prefix
        ("08 Administrative and Clerical", "non-clinical"),
        ("Nursing & Midwifery Registered", "clinical"),
        ("ADMINISTRATIVE AND CLERICAL", "non-clinical"),
        ("01", "medical"),  # bare NWD code (S9)
        ("9", "non-clinical"),
    ],
)
def test_staff_group_alone(staff_group, category):
    assert categories(staff_group=[staff_group]) == [category]


@pytest.mark.parametrize(
    ("code", "category"),
    [
        ("N6H", "clinical"),  # nursing (S7, S30)
        ("N7B", "clinical"),
        ("G2A", "non-clinical"),  # NHS infrastructure support (§4)
        ("S1A", "clinical"),
        ("U1A", "clinical"),
        ("H1A", "clinical"),
        ("A1A", "clinical"),
        ("013", "medical"),  # numeric = medical and dental (S8)
        ("110", "medical"),
        (13, "medical"),  # 013 read by a spreadsheet as a number
        ("g2a", "non-clinical"),
    ],
)
def test_occupation_code_alone(code, category):
    assert categories(occupation_code=[code]) == [category]


def test_occupation_code_decides_over_staff_group():
    # a G-coded role in a clinical staff group is non-clinical (§4: split by occupation code)
    assert categories(["Nursing and Midwifery Registered"], ["G2A"]) == ["non-clinical"]
    assert categories(["Administrative and Clerical"], ["N6H"]) == ["clinical"]


def test_medical_staff_group_decides_over_a_letter_code():
    assert categories(["Medical and Dental"], ["G2A"]) == ["medical"]


def test_medical_grade_decides_first():
    # S11: medical pay scales are "the initial determining field"
    assert categories(["Administrative and Clerical"], ["G2A"], ["Consultant"]) == ["medical"]
    assert categories(None, None, ["Specialty Registrar"]) == ["medical"]


def test_afc_band_does_not_make_medical():
    assert categories(["Estates and Ancillary"], None, ["Band 2"]) == ["non-clinical"]


def test_unrecognised_code_falls_back_to_staff_group():
    assert categories(["Administrative and Clerical"], ["???"]) == ["non-clinical"]
    assert categories(["Administrative and Clerical"], ["X9Z"]) == ["non-clinical"]


def test_unknown_report_by_staff_group_then_code():
    found = staff_category(
        pd.Series(["Volunteers", "Volunteers", None, None, "Allied Health Professionals"]),
        pd.Series([None, None, "ZZZ", None, None]),
        None,
    )
    assert found.values.tolist() == ["Unknown"] * 4 + ["clinical"]
    assert found.unknown.to_dict("list") == {
        "value": ["Volunteers", "ZZZ", None],
        "count": [2, 1, 1],
        "reason": ["unrecognised", "unrecognised", "blank"],
    }


def test_unknown_counts_sum_to_unknown_rows():
    found = staff_category(pd.Series(["x", None, "y", "x", ""]), pd.Series([None] * 5), None)
    assert found.unknown["count"].sum() == (found.values == "Unknown").sum() == 5


def test_categories_and_index():
    values = staff_category(pd.Series(["Students"], index=["r9"]), None, None).values
    assert list(values.cat.categories) == list(STAFF_CATEGORIES)
    assert list(STAFF_CATEGORIES) == ["clinical", "non-clinical", "medical", "Unknown"]
    assert values.index.tolist() == ["r9"]


def test_needs_at_least_one_input():
    with pytest.raises(ValueError, match="needs a staff group"):
        staff_category(None, None, None)


def test_override_a_staff_group():
    assert categories(["Volunteers"], overrides={"volunteers": "non-clinical"}) == ["non-clinical"]
    # and with an NWD code prefix
    assert categories(["11 Volunteers"], overrides={"Volunteers": "non-clinical"}) == [
        "non-clinical"
    ]


def test_override_a_built_in_staff_group():
    assert categories(["Students"], overrides={"Students": "non-clinical"}) == ["non-clinical"]


def test_override_an_occupation_code_and_a_code_prefix():
    assert categories(occupation_code=["S1A"], overrides={"S1A": "non-clinical"}) == [
        "non-clinical"
    ]
    assert categories(occupation_code=["S9Z", "N6H"], overrides={"s": "non-clinical"}) == [
        "non-clinical",
        "clinical",
    ]


def test_override_to_unknown_is_not_stated():
    found = staff_category(pd.Series(["Students"]), None, None, {"Students": "Unknown"})
    assert found.values.tolist() == ["Unknown"]
    assert found.unknown["reason"].tolist() == ["not stated"]


def test_override_label_must_be_a_category():
    with pytest.raises(ValueError, match="not a staff category label"):
        staff_category(pd.Series(["x"]), None, None, {"x": "admin"})
