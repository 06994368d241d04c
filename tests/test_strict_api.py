"""No silent wrong answers: each way the API was misused quietly is now a clear error.

Issue 16 ("No silent wrong answers") found five: an unknown split column put every
row in "(not recorded)"; an option outside its words quietly meant the default; a
list of metric ids failed with "'list' object is not callable"; a path given to
``calculate`` failed with an AttributeError; ``level`` and ``metric`` returned an
empty frame for a name that is not there. Each test below expects the clear error.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest

import wres_wdes
from wres_wdes.config import Options
from wres_wdes.problems import UsageError


@pytest.fixture
def with_gender(tiny_trust: Path) -> Path:
    """The tiny trust with a ``Gender`` column (and a ``Site`` the contract does not name)."""
    staff = pd.read_csv(tiny_trust.with_name("staff.csv"), dtype=str)
    staff["Gender"] = ["Female", "Male", "Female", "Male", "Female"]
    staff["Site"] = ["North", "North", "South", "South", "South"]
    staff.to_csv(tiny_trust.with_name("staff.csv"), index=False)
    return tiny_trust


# --- split_by ---------------------------------------------------------------------


def test_a_split_by_no_column_is_an_error_listing_the_columns(with_gender: Path) -> None:
    inputs = wres_wdes.load(with_gender)
    with pytest.raises(UsageError, match="no column 'genderx'") as caught:
        wres_wdes.calculate(inputs, split_by="genderx")
    message = str(caught.value)
    assert "did you mean 'gender'?" in message
    assert "'gender'" in message and "'directorate'" in message and "'Site'" in message
    assert "person_id" not in message  # identifiers are never offered


def test_a_split_is_matched_as_headers_are_case_and_space_insensitively(
    with_gender: Path,
) -> None:
    # DESIGN.md, "Input contract": headers are matched case- and space-insensitively
    inputs = wres_wdes.load(with_gender)
    exact = wres_wdes.calculate(inputs, split_by="gender").frame
    for given in ("Gender", "GENDER", " gender "):
        found = wres_wdes.calculate(inputs, split_by=given).frame
        pd.testing.assert_frame_equal(found, exact)
    assert set(exact["split_by"]) == {"gender"}
    staff_rows = exact[(exact["standard"] == "WRES") & (exact["metric"] == "1")]
    assert set(staff_rows["split"]) == {"Female", "Male"}  # the file's own values
    site = wres_wdes.calculate(inputs, split_by="site").frame
    assert set(site["split_by"]) == {"Site"}


def test_a_split_naming_a_column_no_input_has_is_never_not_recorded(tiny_trust: Path) -> None:
    # the tiny trust records no gender at all: before, every row was "(not recorded)"
    inputs = wres_wdes.load(tiny_trust)
    with pytest.raises(UsageError, match="no column 'Gender'"):
        wres_wdes.calculate(inputs, split_by="Gender")


def test_a_split_by_an_identifier_is_refused(tiny_trust: Path) -> None:
    inputs = wres_wdes.load(tiny_trust)
    with pytest.raises(ValueError, match="identifies people"):
        wres_wdes.calculate(inputs, split_by="Person ID")


def test_ethnicity_in_any_case_splits_by_the_classified_group(tiny_trust: Path) -> None:
    inputs = wres_wdes.load(tiny_trust)
    frame = wres_wdes.calculate(inputs, split_by="Ethnicity").frame
    assert set(frame["split_by"]) == {"ethnicity"}
    assert set(frame["split"]) <= {"White", "BME", "Unknown"}


# --- options ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "allowed"),
    [
        ("disciplinary_window", "three_year", '"one_year" or "two_year"'),
        ("capability_window", "one-year", '"one_year" or "two_year"'),
        ("exact_test", "fischer", '"none" or "fisher" or "boschloo"'),
        ("confidence_level", 95, "give 0.95"),
        ("confidence_level", 1, "between 0 and 1"),
        ("include_bank", "yes", "true or false"),
        ("survey_engagement_min_subscores", 0, "from 1 to 3"),
        ("survey_year", 23, "such as 2023"),
    ],
)
def test_an_option_outside_its_values_is_an_error_where_it_is_set(
    tiny_trust: Path, option: str, value: object, allowed: str
) -> None:
    config = wres_wdes.load_config(tiny_trust)
    with pytest.raises(UsageError, match=f"options.{option}") as caught:
        config.with_options(**{option: value})
    assert allowed in str(caught.value)
    with pytest.raises(UsageError) as built:  # the dataclass itself checks too
        Options(**{option: value})
    assert str(built.value) == str(caught.value)
    with pytest.raises(UsageError):
        dataclasses.replace(config.options, **{option: value})


def test_the_config_file_and_with_options_give_one_message(tiny_trust: Path) -> None:
    text = tiny_trust.read_text(encoding="utf-8")
    tiny_trust.write_text(text + '\n[options]\ndisciplinary_window = "three_year"\n', "utf-8")
    with pytest.raises(wres_wdes.InputError) as caught:
        wres_wdes.load_config(tiny_trust)
    (problem,) = caught.value.problems
    tiny_trust.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError) as set_in_code:
        wres_wdes.load_config(tiny_trust).with_options(disciplinary_window="three_year")
    assert problem.column == "options.disciplinary_window"
    assert str(set_in_code.value).endswith(problem.rule)


def test_options_are_typed_with_their_words() -> None:
    import typing

    from wres_wdes.config import options

    hints = typing.get_type_hints(Options)
    assert typing.get_args(hints["disciplinary_window"]) == ("one_year", "two_year")
    assert options.CHOICES["exact_test"] == ("none", "fisher", "boschloo")
    assert Options(confidence_level=0.9).confidence_level == 0.9


# --- metrics= ---------------------------------------------------------------------


def test_metrics_takes_ids_one_or_several(tiny_trust: Path) -> None:
    inputs = wres_wdes.load(tiny_trust)
    one = wres_wdes.calculate(inputs, metrics="WRES 2").frame
    assert set(one["standard"] + " " + one["metric"]) == {"WRES 2"}
    several = wres_wdes.calculate(inputs, metrics=["WRES 2", "wdes 1"]).frame
    assert set(several["standard"] + " " + several["metric"]) == {"WRES 2", "WDES 1"}
    by_predicate = wres_wdes.calculate(inputs, metrics=lambda m: m.id == "WRES 2").frame
    pd.testing.assert_frame_equal(one, by_predicate)


def test_an_unknown_metric_id_is_an_error_naming_the_nearest(tiny_trust: Path) -> None:
    inputs = wres_wdes.load(tiny_trust)
    with pytest.raises(UsageError, match="no metric 'WRES2'; did you mean 'WRES 2'"):
        wres_wdes.calculate(inputs, metrics=["WRES2"])
    with pytest.raises(TypeError, match="metric id"):
        wres_wdes.calculate(inputs, metrics=3)


# --- calculate(path) --------------------------------------------------------------


def test_calculate_takes_a_config_path(tiny_trust: Path) -> None:
    expected = wres_wdes.calculate(wres_wdes.load(tiny_trust)).frame
    for given in (tiny_trust, str(tiny_trust), wres_wdes.load_config(tiny_trust)):
        pd.testing.assert_frame_equal(wres_wdes.calculate(given).frame, expected)


def test_calculate_of_anything_else_says_what_it_takes() -> None:
    with pytest.raises(TypeError, match=r"wres_wdes\.load\(\.\.\.\), a Config, or the path"):
        wres_wdes.calculate({"staff": "staff.csv"})


# --- Results views ----------------------------------------------------------------


def test_an_unknown_level_raises_listing_the_levels(tiny_trust: Path) -> None:
    results = wres_wdes.calculate(tiny_trust)
    with pytest.raises(UsageError, match="no level 'directorates'") as caught:
        results.level("directorates")
    assert "did you mean 'directorate'?" in str(caught.value)
    assert "'organisation'" in str(caught.value) and "'unit'" in str(caught.value)


def test_an_unknown_metric_raises_as_by_unit_does(tiny_trust: Path) -> None:
    results = wres_wdes.calculate(tiny_trust)
    with pytest.raises(UsageError, match="WRES 99 is not in these results") as caught:
        results.metric("WRES", 99)
    with pytest.raises(UsageError) as by_unit:
        results.by_unit("WRES", 99)
    assert str(by_unit.value) == str(caught.value)
    assert "WRES 2" in str(caught.value)
    with pytest.raises(UsageError, match="no standard 'XRES'; did you mean 'WRES'"):
        results.standard("XRES")
    assert len(results.metric("wres", 2)) == len(results.metric("WRES", "2")) > 0
