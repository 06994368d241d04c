"""Parsing and trimming a categorical column on its distinct values gives the row-wise answer."""

import pandas as pd
import pytest

from wres_wdes.standardise import PARSERS, _parse, _text


@pytest.mark.parametrize(
    ("kind", "values"),
    [
        ("date", ["2024-03-31", None, "31/03/2024", "x", "2024-03-31", "31/02/2024"]),
        ("boolean", ["Y", "n", None, "maybe", "Y"]),
        ("count", ["3", None, "-1", "3", "a"]),
        ("number", ["1.5", None, "x", "2"]),
    ],
)
def test_parse_on_categories_matches_rows(kind, values):
    parse, _ = PARSERS[kind]
    index = pd.RangeIndex(2, 2 + len(values), name="row")
    rows = pd.Series(values, index=index, dtype=object)
    expected_values, expected_invalid = parse(rows)
    values_, invalid = _parse(parse, rows.astype("category"))
    pd.testing.assert_series_equal(values_, expected_values, check_names=False)
    assert invalid.tolist() == expected_invalid.tolist()
    assert invalid.index.equals(index)


def test_text_keeps_clean_categoricals_and_trims_others():
    clean = pd.Series(pd.Categorical(["a", None, "b"]), name="x")
    out = _text(clean)
    assert out.tolist()[0] == "a" and pd.isna(out.tolist()[1])
    assert list(out.cat.categories) == ["a", "b"]
    messy = pd.Series(pd.Categorical([" a", "a", " ", "b"]))
    out = _text(messy)
    assert out.tolist()[:2] == ["a", "a"] and pd.isna(out.tolist()[2])
    assert list(out.cat.categories) == ["a", "b"]


@pytest.mark.parametrize(
    ("name", "values"),
    [
        ("ethnic_group", ["Z", "A", None, "Q", "Z", "Q", "A", None, "zz", "N"]),
        ("disability_group", ["No", None, "maybe", "Yes", "maybe", "x", None, "x"]),
        ("pay_band", ["Band 5", "zz", None, "Consultant", "zz", "8a", "yy", None, "yy"]),
    ],
)
def test_classify_on_distinct_values_matches_rows(name, values):
    from wres_wdes import classify
    from wres_wdes.standardise import _classify_distinct

    classifier = getattr(classify, name)
    index = pd.RangeIndex(5, 5 + len(values), name="row")
    rows = pd.Series(values, index=index, dtype=object)
    expected = classifier(rows, None)
    raw = rows.astype(pd.CategoricalDtype(["unused", *sorted({v for v in values if v})]))
    found, spread = _classify_distinct(classifier, raw, None)
    pd.testing.assert_frame_equal(found.unknown, expected.unknown)
    if isinstance(expected.values, pd.DataFrame):
        for column in expected.values:
            got = spread(found.values[column])
            want = expected.values[column]
            if column != "wdes_cluster":
                got, want = got.astype(object), want.astype(object)
            pd.testing.assert_series_equal(got, want, check_names=False)
    else:
        pd.testing.assert_series_equal(spread(found.values), expected.values, check_names=False)
