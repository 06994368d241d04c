"""The fast uniqueness proof that spares pandera's hashing of millions of identifiers."""

import numpy as np
import pandas as pd

from wres_wdes.schemas import surely_unique, validate_frame


def test_surely_unique_proves_distinct_keys():
    frame = pd.DataFrame({"id": pd.array(["a", "b", "c"], dtype="string")})
    assert surely_unique(frame, ("id",))


def test_surely_unique_finds_repeats_and_blanks():
    repeated = pd.DataFrame({"id": pd.array(["a", "b", "a"], dtype="string")})
    blank = pd.DataFrame({"id": pd.array(["a", None, "c"], dtype="string")})
    assert not surely_unique(repeated, ("id",))
    assert not surely_unique(blank, ("id",))
    assert not surely_unique(repeated, ("absent",))


def test_surely_unique_on_several_columns():
    frame = pd.DataFrame(
        {
            "organisation": pd.Categorical(["X", "Y", "X", "Y"]),
            "person_id": pd.array(["1", "1", "2", "2"], dtype="string"),
        }
    )
    assert surely_unique(frame, ("organisation", "person_id"))
    assert not surely_unique(frame, ("person_id",))
    frame.loc[3, "organisation"] = "X"
    assert not surely_unique(frame, ("organisation", "person_id"))


def test_surely_unique_numbers_with_nan():
    assert surely_unique(pd.DataFrame({"n": [1.0, 2.0]}), ("n",))
    assert not surely_unique(pd.DataFrame({"n": [1.0, np.nan]}), ("n",))


def test_duplicates_still_reported_by_row():
    frame = pd.DataFrame(
        {
            "application_id": pd.array(["A1", "A2", "A1"], dtype="string"),
            "shortlisted": pd.array([True, False, True], dtype="boolean"),
            "appointed": pd.array([False, False, False], dtype="boolean"),
            "ethnicity": pd.array(["White", "White", "White"], dtype="string"),
        },
        index=pd.RangeIndex(2, 5, name="row"),
    )
    problems = validate_frame(frame, "applications", 2024, "a.csv", {})
    rows = sorted(p.row for p in problems if "unique" in p.rule)
    assert rows == [2, 4]


def test_surely_unique_in_order_and_out_of_order():
    ordered = pd.DataFrame(
        {
            "organisation": pd.Categorical(["X", "X", "Y", "Y"]),
            "person_id": pd.array(["1", "2", "1", "3"], dtype="string"),
        }
    )
    assert surely_unique(ordered, ("organisation", "person_id"))
    assert surely_unique(ordered.iloc[::-1], ("organisation", "person_id"))
    repeated = ordered.assign(person_id=pd.array(["1", "2", "2", "2"], dtype="string"))
    assert not surely_unique(repeated, ("person_id",))
    assert not surely_unique(repeated.assign(organisation="X"), ("organisation", "person_id"))
    assert surely_unique(pd.DataFrame({"n": [1, 2, 3]}), ("n",))
    assert not surely_unique(pd.DataFrame({"n": [1, 2, 2]}), ("n",))


def test_counts_must_not_exceed_their_whole_where_both_are_given():
    """applications_summary: appointed <= shortlisted <= applied; a blank passes."""
    from wres_wdes import Config, load_frames

    summary = pd.DataFrame(
        {
            "group": ["White", "BME", "White", "BME"],
            "applied": ["10", "10", "3", ""],
            "shortlisted": ["5", "6", "4", "2"],
            "appointed": ["2", "7", "1", "1"],
            "directorate": ["A", "A", "B", "B"],
        }
    )
    inputs = load_frames(
        {"applications_summary": summary}, Config(organisation_name="T", year=2024), strict=False
    )
    found = {(p.row, p.rule) for p in inputs.problems if p.severity == "error"}
    # rows are the frame's index (load_frames): row 1 (BME, A) appoints 7 of 6
    # shortlisted; row 2 (White, B) shortlists 4 of 3 applied; row 3 gives no applied
    assert found == {
        (1, "appointed must not exceed shortlisted"),
        (2, "shortlisted must not exceed applied"),
    }
