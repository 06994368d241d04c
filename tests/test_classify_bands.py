"""pay_band: raw grades → AfC band, medical subgroup and WDES cluster.

Band forms from data-formats.md §3 (ESR ``NHS|XR05|Review Body Band 5``, S7, S30);
clusters from wdes.md §3 (LNWH labels, S16); medical rows from wres.md §6.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from wres_wdes.classify import BANDS, MEDICAL_SUBGROUPS, pay_band


def one(value, overrides=None):
    row = pay_band(pd.Series([value], dtype=object), overrides).values.iloc[0]
    band = None if pd.isna(row["band"]) else row["band"]
    subgroup = None if pd.isna(row["medical_subgroup"]) else row["medical_subgroup"]
    cluster = None if pd.isna(row["wdes_cluster"]) else int(row["wdes_cluster"])
    return band, subgroup, cluster


# --- Agenda for Change bands -------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "band", "cluster"),
    [
        ("Band 1", "band 1", 1),
        ("Band 2", "band 2", 1),
        ("Band 3", "band 3", 1),
        ("Band 4", "band 4", 1),
        ("Band 5", "band 5", 2),
        ("Band 6", "band 6", 2),
        ("Band 7", "band 7", 2),
        ("Band 8a", "band 8a", 3),
        ("Band 8b", "band 8b", 3),
        ("Band 8c", "band 8c", 4),
        ("Band 8d", "band 8d", 4),
        ("Band 9", "band 9", 4),
    ],
)
def test_band_n_and_its_wdes_cluster(value, band, cluster):
    # wdes.md §3: 1 = bands 1-4, 2 = 5-7, 3 = 8a-8b, 4 = 8c-VSM
    assert one(value) == (band, None, cluster)


@pytest.mark.parametrize(
    ("value", "band"),
    [
        ("Band 8A", "band 8a"),
        ("Band 8 - Range A", "band 8a"),
        ("Band 8 - Range D", "band 8d"),
        ("5", "band 5"),
        ("8a", "band 8a"),
        ("8C", "band 8c"),
        (5, "band 5"),
        (5.0, "band 5"),
        ("Review Body Band 5", "band 5"),  # ESR payscale label (S7, S30)
        ("XR05", "band 5"),  # ESR grade code (S7, S30)
        ("XR02", "band 2"),
        ("XR5", "band 5"),
        ("XR08A", "band 8a"),  # read the same way; 8a-8d codes unconfirmed (§3)
        ("xr09", "band 9"),
        ("NHS|XR05|Review Body Band 5", "band 5"),  # ESR packed (S7, S30)
        ("NHS|XR02|Review Body Band 2", "band 2"),
        ("NHS|XR05|", "band 5"),
        ("  band   5 ", "band 5"),
    ],
)
def test_band_spellings(value, band):
    assert one(value)[0] == band


def test_bare_band_8_is_unrecognised_because_8a_8b_and_8c_8d_differ_in_cluster():
    assert one("Band 8") == (None, None, None)


@pytest.mark.parametrize("value", ["Band 0", "Band 10", "Band 5a", "Band 5 Nurse", "XR99"])
def test_not_a_band(value):
    assert one(value) == (None, None, None)


# --- VSM, under band 1 -------------------------------------------------------------


@pytest.mark.parametrize("value", ["VSM", "vsm", "Very Senior Manager", "Executive Director"])
def test_vsm_is_cluster_4(value):
    # wdes.md §3: cluster 4 includes VSM and executive board members; "Executive
    # Director" as a grade value is unconfirmed (docs/classification.md)
    assert one(value) == ("vsm", None, 4)


def test_under_band_1_is_assumed_cluster_1():
    # wres.md §6 row "Under Band 1"; cluster 1 is the library's documented assumption
    assert one("Under Band 1") == ("under band 1", None, 1)


def test_apprentice_is_under_band_1_unconfirmed():
    assert one("Apprentice") == ("under band 1", None, 1)


# --- medical grades ----------------------------------------------------------------


@pytest.mark.parametrize("value", ["Consultant", "Medical Consultant", "NHS|MC51|Consultant"])
def test_consultants_are_cluster_5(value):
    # wres.md §6 medical block; wdes.md §3 cluster 5
    assert one(value) == (None, "consultant", 5)


@pytest.mark.parametrize(
    "value",
    [
        "Specialty Doctor",
        "Associate Specialist",  # JOB ROLE CODE 01008 (S9)
        "Staff Grade",  # 01009 (S9)
        "Specialist",
        "Trust Grade Doctor",  # 01019 (S9); library choice
        "Clinical Fellow",  # library choice
    ],
)
def test_non_consultant_career_grades_are_cluster_6(value):
    assert one(value) == (None, "non-consultant career grade", 6)


@pytest.mark.parametrize(
    "value",
    [
        "Specialty Registrar",
        "Specialty Registrar (StR)",
        "Specialist Registrar",  # 01012 (S9)
        "Foundation Year 1",
        "Foundation Year 2",
        "FY1",
        "Core Training",
        "Core Medical Training",
        "Senior House Officer",  # 01013 (S9)
        "House Officer",
        "Dental Core Training",
    ],
)
def test_trainee_grades_are_cluster_7(value):
    assert one(value) == (None, "trainee grade", 7)


@pytest.mark.parametrize("value", ["Clinical Assistant", "Hospital Practitioner"])
def test_other_medical_grades_are_cluster_6_by_choice(value):
    # JOB ROLE CODE 01010, 01011 (S9); cluster 6 "non-consultants" is the library's choice
    assert one(value) == (None, "other", 6)


def test_consultant_nurse_is_not_a_doctor():
    # medical grades match exactly, never by prefix
    assert one("Consultant Nurse") == (None, None, None)


# --- unknowns, dtypes, overrides ---------------------------------------------------


def test_unrecognised_and_blank_are_reported():
    found = pay_band(pd.Series(["Locum", "Band 5", "Locum", None, np.nan, ""], dtype=object))
    assert found.unknown.to_dict("list") == {
        "value": ["Locum", None, ""],
        "count": [2, 2, 1],
        "reason": ["unrecognised", "blank", "blank"],
    }


def test_values_frame_columns_and_dtypes():
    values = pay_band(pd.Series(["Band 5", "Consultant", None], index=[3, 4, 5])).values
    assert list(values.columns) == ["band", "medical_subgroup", "wdes_cluster"]
    assert values.index.tolist() == [3, 4, 5]
    assert str(values["wdes_cluster"].dtype) == "Int64"
    assert values["band"].isna().tolist() == [False, True, True]
    assert values["medical_subgroup"].isna().tolist() == [True, False, True]


def test_band_labels_in_template_order():
    assert BANDS[0] == "under band 1"
    assert BANDS[-1] == "vsm"
    assert BANDS.index("band 8a") < BANDS.index("band 8d") < BANDS.index("band 9")
    assert MEDICAL_SUBGROUPS == (
        "consultant",
        "non-consultant career grade",
        "trainee grade",
        "other",
    )


def test_override_maps_a_whole_value():
    assert one("Local Grade 12", {"local grade 12": "band 6"}) == ("band 6", None, 2)


def test_override_maps_one_part_of_a_packed_value():
    assert one("NHS|MC99|Locum Consultant", {"MC99": "Consultant"}) == (None, "consultant", 5)


def test_override_to_unknown_is_not_stated():
    found = pay_band(pd.Series(["Band 5"]), {"band 5": "unknown"})
    assert found.values["band"].isna().all()
    assert found.unknown["reason"].tolist() == ["not stated"]


def test_override_label_must_be_canonical():
    with pytest.raises(ValueError, match=r"\[mappings.pay_band\].*'Band Five'"):
        pay_band(pd.Series(["x"]), {"x": "Band Five"})
