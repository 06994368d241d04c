"""Joins on person_id coded once for every input give the same matches as per-join coding."""

import numpy as np
import pandas as pd
import pytest

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
    # plain decimal ids are their own codes: "1" -> 1, "3" -> 3; missing -> -1
    assert size == 4 and list(case_codes) == [1, 3, -1, 1] and list(staff_codes) == [1, 2, 1, 3]
    coded = {"person_id": (case_codes, staff_codes, size)}
    for on in (["person_id"], ["organisation", "person_id"]):
        expected = key_positions(cases, staff, on)
        np.testing.assert_array_equal(key_positions(cases, staff, on, coded), expected)
    np.testing.assert_array_equal(
        key_positions(cases, staff, ["organisation", "person_id"], coded), [2, -1, -1, -1]
    )


@pytest.mark.parametrize(
    "ids",
    [
        ["012", "12", "7"],  # a leading zero: "012" and "12" are different people
        ["+12", "12", "7"],  # a sign
        ["A12", "12", "7"],  # not a number
        ["0", "12", "7"],  # zero is not a positive number
        [str(1 << 41), "12", "7"],  # too large to be its own code
    ],
)
def test_shared_codes_hash_what_is_not_a_plain_number(ids):
    """Values that are not plain positive decimals are coded by hashing: each
    distinct string its own code, 0, 1, 2 in order of first appearance."""
    (codes,), size = shared_codes([pd.Series(pd.array(ids, dtype="string"))])
    assert size == 3 and list(codes) == [0, 1, 2]


def test_sparse_codes_join_like_dense_ones():
    """Large decimal ids (codes up to 2**40) combined with an organisation still
    find the right rows: the key is made dense when it would overflow."""
    big = [str((1 << 40) - 1), str((1 << 40) - 2), "5"]
    staff = pd.DataFrame(
        {
            "organisation": pd.Categorical(["X", "Y", "X"]),
            "person_id": pd.array(big, dtype="string"),
        }
    )
    cases = pd.DataFrame(
        {
            "organisation": pd.Categorical(["Y", "X", "X"]),
            "person_id": pd.array([big[1], big[1], "5"], dtype="string"),
        }
    )
    (case_codes, staff_codes), size = shared_codes([cases["person_id"], staff["person_id"]])
    assert size == 1 << 40
    coded = {"person_id": (case_codes, staff_codes, size)}
    # a made-up third key column pushes the combined key past 2**62
    many = {"x": (np.zeros(3, dtype=np.int64), np.zeros(3, dtype=np.int64), 1 << 30)}
    cases["x"], staff["x"] = "a", "a"
    on = ["x", "organisation", "person_id"]  # person_id is the column made dense
    np.testing.assert_array_equal(key_positions(cases, staff, on, coded | many), [1, -1, 2])
