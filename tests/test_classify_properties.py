"""Invariants of every classifier, checked with hypothesis.

- Classification ignores case and surrounding whitespace (keys are trimmed and
  case-folded, DESIGN.md "Headers are matched case- and space-insensitively" and
  data-formats.md §2 "case-fold and trim").
- Nothing is lost silently (DESIGN.md principle 5): the Unknown report's counts sum
  to the number of rows classified Unknown.
- Classifying a column equals classifying each value alone (the unique-value
  shortcut changes nothing).
"""

from __future__ import annotations

import string

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from wres_wdes.classify import (
    disability_group,
    ethnic_group,
    is_bank,
    parse_boolean,
    pay_band,
    staff_category,
)

ETHNICITY = [
    "A", "B", "C", "H", "N", "S", "Z", "99", "CY", "CA", "CP", "LB", "PC", "GF", "SC",
    "A White - British", "N Black or Black British - African", "Z Not Stated",
    "LB Asian - Punjabi", "White - British", "Black or Black British - Caribbean",
    "Not stated", "Unspecified", "Undefined", "Roma", "Arab", "White and Asian", "NA",
]  # fmt: skip
DISABILITY = ["Yes", "No", "Y", "N", "Not Declared", "Prefer Not To Answer", "Unspecified"]
PAY_BAND = [
    "Band 5", "8a", "Band 8 - Range C", "XR05", "NHS|XR05|Review Body Band 5", "VSM",
    "Consultant", "Specialty Registrar", "FY1", "Clinical Assistant", "Under Band 1", "Band 8",
]  # fmt: skip
STAFF_GROUP = [
    "Medical and Dental", "Add Prof Scientific and Technic", "Administrative and Clerical",
    "03 Nursing and Midwifery Registered", "Estates and Ancillary", "Students",
]  # fmt: skip
BANK = ["Permanent", "Fixed Term Temp", "Bank", "Bank Staff"]
BOOLEAN = ["Y", "N", "Yes", "No", "True", "False", "T", "F", "1", "0"]

junk = st.text(alphabet=string.ascii_letters + string.digits + " -|:&/", max_size=12)
cases = st.sampled_from([str.upper, str.lower, str.title, str.swapcase, str.casefold])
padding = st.text(alphabet=" \t\u00a0", max_size=3)


def raw_values(known):
    return st.one_of(st.sampled_from(known), junk)


def restyled(value, case, left, right):
    return left + case(value) + right


def groups(result):
    values = result.values
    if isinstance(values, pd.DataFrame):
        return [tuple(None if pd.isna(x) else x for x in row) for row in values.itertuples(False)]
    return values.astype(object).tolist()


CLASSIFIERS = [
    (ethnic_group, ETHNICITY),
    (disability_group, DISABILITY),
    (pay_band, PAY_BAND),
]


@settings(max_examples=300, deadline=None)
@given(
    which=st.sampled_from(range(len(CLASSIFIERS))),
    data=st.data(),
    case=cases,
    left=padding,
    right=padding,
)
def test_classification_ignores_case_and_surrounding_whitespace(which, data, case, left, right):
    classify, known = CLASSIFIERS[which]
    value = data.draw(raw_values(known))
    plain = groups(classify(pd.Series([value])))
    assert groups(classify(pd.Series([restyled(value, case, left, right)]))) == plain


@settings(max_examples=150, deadline=None)
@given(
    value=raw_values([*STAFF_GROUP, "N6H", "G2A", "013"]), case=cases, left=padding, right=padding
)
def test_staff_category_ignores_case_and_whitespace(value, case, left, right):
    plain, styled = pd.Series([value]), pd.Series([restyled(value, case, left, right)])
    by_group = staff_category(plain, None, None).values.tolist()
    assert staff_category(styled, None, None).values.tolist() == by_group
    by_code = staff_category(None, plain, None).values.tolist()
    assert staff_category(None, styled, None).values.tolist() == by_code


@settings(max_examples=100, deadline=None)
@given(value=raw_values(BANK), case=cases, left=padding, right=padding)
def test_bank_ignores_case_and_whitespace(value, case, left, right):
    styled = restyled(value, case, left, right)
    assert is_bank(pd.Series([styled])).tolist() == is_bank(pd.Series([value])).tolist()


@settings(max_examples=100, deadline=None)
@given(value=raw_values(BOOLEAN), case=cases, left=padding, right=padding)
def test_booleans_ignore_case_and_whitespace(value, case, left, right):
    plain = parse_boolean(pd.Series([value]))
    styled = parse_boolean(pd.Series([restyled(value, case, left, right)]))
    assert styled[0].tolist() == plain[0].tolist()
    assert styled[1].tolist() == plain[1].tolist()


def column(known):
    return st.lists(st.one_of(raw_values(known), st.none(), st.just("")), max_size=40)


def unknown_rows(result):
    values = result.values
    if isinstance(values, pd.DataFrame):
        return int((values["band"].isna() & values["medical_subgroup"].isna()).sum())
    return int((values == "Unknown").sum())


@settings(max_examples=200, deadline=None)
@given(which=st.sampled_from(range(len(CLASSIFIERS))), data=st.data())
def test_unknown_counts_sum_to_the_rows_classified_unknown(which, data):
    classify, known = CLASSIFIERS[which]
    raw = pd.Series(data.draw(column(known)), dtype=object)
    result = classify(raw)
    assert int(result.unknown["count"].sum()) == unknown_rows(result)
    assert set(result.unknown["reason"]) <= {"not stated", "blank", "unrecognised"}
    assert result.unknown["count"].is_monotonic_decreasing


@settings(max_examples=100, deadline=None)
@given(groups_=column(STAFF_GROUP), data=st.data())
def test_staff_unknown_counts_sum_to_the_rows_classified_unknown(groups_, data):
    codes = data.draw(
        st.lists(
            st.sampled_from([None, "", "N6H", "G2A", "013", "ZZZ", "?"]),
            min_size=len(groups_),
            max_size=len(groups_),
        )
    )
    result = staff_category(pd.Series(groups_, dtype=object), pd.Series(codes, dtype=object), None)
    assert int(result.unknown["count"].sum()) == int((result.values == "Unknown").sum())


@settings(max_examples=100, deadline=None)
@given(which=st.sampled_from(range(len(CLASSIFIERS))), data=st.data())
def test_a_column_classifies_like_its_values_one_by_one(which, data):
    classify, known = CLASSIFIERS[which]
    raw = data.draw(column(known))
    together = groups(classify(pd.Series(raw, dtype=object)))
    alone = [groups(classify(pd.Series([value], dtype=object)))[0] for value in raw]
    assert together == alone
