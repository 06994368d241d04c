"""Joins on person_id coded once for every input give the same matches as per-join coding."""

import numpy as np
import pandas as pd

from wres_wdes.counts import key_positions, shared_codes


def test_shared_codes_match_per_join_coding():
    staff = pd.DataFrame(
        {
            "organisation": pd.Categorical(["X", "X", "Y", "Y"]),
            "person_id": pd.array(["1", "2", "1", "3"], dtype="string"),
        }
    )
    cases = pd.DataFrame(
        {
            "organisation": pd.Categorical(["Y", "X", "X", "Z"]),
            "person_id": pd.array(["1", "3", None, "1"], dtype="string"),
        }
    )
    (case_codes, staff_codes), size = shared_codes([cases["person_id"], staff["person_id"]])
    assert size == 3 and case_codes[2] == -1
    coded = {"person_id": (case_codes, staff_codes, size)}
    for on in (["person_id"], ["organisation", "person_id"]):
        expected = key_positions(cases, staff, on)
        np.testing.assert_array_equal(key_positions(cases, staff, on, coded), expected)
    np.testing.assert_array_equal(
        key_positions(cases, staff, ["organisation", "person_id"], coded), [2, -1, -1, -1]
    )
