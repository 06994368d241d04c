"""Parsers for booleans, dates, counts and numbers, and the bank flag.

Accepted forms from DESIGN.md (input contract): booleans Y/N, Yes/No, True/False,
1/0; dates ISO and UK day-first, never month-first.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from wres_wdes.classify import is_bank, parse_boolean, parse_count, parse_date, parse_number

# --- booleans ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["Y", "y", "Yes", "YES", " yes ", "True", "true", "T", "1", 1, 1.0, True]
)
def test_true_forms(value):
    values, invalid = parse_boolean(pd.Series([value], dtype=object))
    assert values.tolist() == [True]
    assert not invalid.any()


@pytest.mark.parametrize("value", ["N", "No", "no", "False", "F", "0", 0, False])
def test_false_forms(value):
    values, invalid = parse_boolean(pd.Series([value], dtype=object))
    assert values.tolist() == [False]
    assert not invalid.any()


def test_boolean_blank_is_missing_not_invalid_and_junk_is_invalid():
    values, invalid = parse_boolean(pd.Series(["Yes", None, "", "maybe", "2"], dtype=object))
    assert str(values.dtype) == "boolean"
    assert values.isna().tolist() == [False, True, True, True, True]
    assert invalid.tolist() == [False, False, False, True, True]


# --- dates -------------------------------------------------------------------------

MARCH_31 = pd.Timestamp("2024-03-31")


@pytest.mark.parametrize(
    "value",
    [
        "2024-03-31",
        "2024-03-31 00:00:00",
        "2024-03-31T00:00:00",
        "31/03/2024",
        "31-03-2024",
        "31.03.2024",
        "31-Mar-2024",
        "31-MAR-2024",
        "31 Mar 2024",
        "31 March 2024",
        "31/03/2024 00:00",
        "20240331",
        "2024/03/31",
        dt.datetime(2024, 3, 31),
        dt.date(2024, 3, 31),
        MARCH_31,
        np.datetime64("2024-03-31"),
    ],
)
def test_date_forms(value):
    values, invalid = parse_date(pd.Series([value], dtype=object))
    assert values.iloc[0] == MARCH_31
    assert not invalid.any()


def test_day_first_never_month_first():
    values, invalid = parse_date(pd.Series(["01/04/2023", "04/01/2023"]))
    assert values.tolist() == [pd.Timestamp("2023-04-01"), pd.Timestamp("2023-01-04")]
    assert not invalid.any()


@pytest.mark.parametrize(
    "value", ["03/31/2024", "31/02/2024", "31/03/24", "45382", "2024-03", "yesterday"]
)
def test_invalid_dates(value):
    # month-first that cannot be day-first, impossible, two-digit year, Excel serial …
    values, invalid = parse_date(pd.Series([value]))
    assert values.isna().all()
    assert invalid.tolist() == [True]


def test_date_time_is_kept():
    values, _ = parse_date(pd.Series(["2024-03-31 09:30:00"]))
    assert values.iloc[0] == pd.Timestamp("2024-03-31 09:30")


def test_esr_open_end_date_fits():
    # ESR's open end date 31 Dec 4712 (data-formats.md §3) is outside nanosecond range
    values, invalid = parse_date(pd.Series(["4712-12-31"]))
    assert values.iloc[0].year == 4712 and not invalid.any()


def test_date_blanks_and_dtype():
    values, invalid = parse_date(pd.Series(["2024-03-31", None, ""], index=[5, 6, 7]))
    assert str(values.dtype) == "datetime64[us]"
    assert values.isna().tolist() == [False, True, True]
    assert invalid.tolist() == [False, False, False]
    assert values.index.tolist() == [5, 6, 7]


def test_already_datetime_column_passes_through():
    raw = pd.Series(pd.to_datetime(["2024-03-31", None]))
    values, invalid = parse_date(raw)
    assert values.iloc[0] == MARCH_31 and pd.isna(values.iloc[1])
    assert not invalid.any()


# --- counts and numbers ------------------------------------------------------------


def test_counts():
    values, invalid = parse_count(
        pd.Series(["3", " 4 ", "5.0", "1,234", 7, 8.0, None, "-1", "2.5", "x", "inf"], dtype=object)
    )
    assert str(values.dtype) == "Int64"
    assert values.tolist()[:7] == [3, 4, 5, 1234, 7, 8, pd.NA]
    assert values.iloc[7:].isna().all()
    assert invalid.tolist() == [False] * 7 + [True] * 4


def test_numbers():
    values, invalid = parse_number(
        pd.Series(["0.8", ".5", "1", 0.6, "1,000.5", None, "-0.1", "abc", "nan%"], dtype=object)
    )
    assert str(values.dtype) == "Float64"
    assert values.tolist()[:6] == [0.8, 0.5, 1.0, 0.6, 1000.5, pd.NA]
    assert invalid.tolist() == [False] * 6 + [True] * 3


def test_parsers_accept_pandas_string_dtype():
    values, invalid = parse_count(pd.Series(["1", pd.NA], dtype="string"))
    assert values.tolist() == [1, pd.NA] and not invalid.any()


# --- bank --------------------------------------------------------------------------


def test_bank_in_any_form():
    # data-formats.md §3 (S18): bank staff excluded from WDES metric 1 from 2023
    raw = pd.Series(["Permanent", "Fixed Term Temp", "Bank", "BANK", "Bank Staff", None, ""])
    assert is_bank(raw).tolist() == [False, False, True, True, True, False, False]


def test_bank_is_a_word_not_a_substring():
    assert is_bank(pd.Series(["Embankment Services"])).tolist() == [False]
