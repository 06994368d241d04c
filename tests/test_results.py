"""Results views: ``by_unit`` puts the organisation, directorates and units side by side."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import wres_wdes
from wres_wdes.results import BY_UNIT_COLUMNS, EXTRA_COLUMNS, METRICS_COLUMNS, Results

ORG = "Test Trust"


def row(standard="WRES", metric="2", level="organisation", unit=ORG, **fields) -> dict:
    """One result row with every column, defaults filled in."""
    out = {column: np.nan for column in (*METRICS_COLUMNS, *EXTRA_COLUMNS)}
    out.update(
        standard=standard,
        metric=metric,
        level=level,
        unit=unit,
        category="",
        group="White",
        reference_group="BME",
        statistic="relative_likelihood",
        flags="",
        organisation=ORG,
        note="",
    )
    out.update(fields)
    return out


def results(*rows: dict) -> Results:
    return Results(pd.DataFrame(list(rows)))


def test_by_unit_puts_the_organisation_first_then_levels_coarse_to_fine() -> None:
    # rows arrive in no useful order; the level with fewer units is the coarser one
    r = results(
        row(level="unit", unit="Ward 2", value=1.2),
        row(level="directorate", unit="Surgery", value=1.1),
        row(level="unit", unit="Ward 1", value=1.3),
        row(level="organisation", unit=ORG, value=1.5),
        row(level="unit", unit="Theatres", value=0.9),
        row(level="directorate", unit="Medicine", value=1.4),
    )
    table = r.by_unit("WRES", 2)
    assert table.index.names == ["level", "unit"]
    assert table.index.tolist() == [
        ("organisation", ORG),
        ("directorate", "Medicine"),
        ("directorate", "Surgery"),
        ("unit", "Theatres"),
        ("unit", "Ward 1"),
        ("unit", "Ward 2"),
    ]
    assert table.loc[("directorate", "Medicine"), "value"] == 1.4
    assert list(table.columns) == list(BY_UNIT_COLUMNS)


def test_by_unit_accepts_an_integer_metric_and_any_case_standard() -> None:
    r = results(row(value=1.5))
    assert r.by_unit("wres", 2)["value"].tolist() == [1.5]


def test_by_unit_gives_the_comparison_of_a_survey_metric_by_default() -> None:
    # WRES 5 has each group's percentage and the BME − White difference
    r = results(
        row(metric="5", group="BME", reference_group="", statistic="percent", value=28.6),
        row(metric="5", group="White", reference_group="", statistic="percent", value=26.2),
        row(metric="5", group="BME", reference_group="White", statistic="difference_pp", value=2.4),
    )
    table = r.by_unit("WRES", 5)
    assert table["statistic"].tolist() == ["difference_pp"]
    assert table["value"].tolist() == [2.4]


def test_by_unit_with_a_group_gives_that_groups_own_figure() -> None:
    r = results(
        row(metric="5", group="BME", reference_group="", statistic="percent", value=28.6),
        row(metric="5", group="White", reference_group="", statistic="percent", value=26.2),
        row(metric="5", group="BME", reference_group="White", statistic="difference_pp", value=2.4),
    )
    assert r.by_unit("WRES", 5, group="White")["value"].tolist() == [26.2]
    assert r.by_unit("WRES", 5, group="BME")["statistic"].tolist() == ["percent"]


def test_by_unit_with_the_group_of_a_ratio_gives_the_ratio() -> None:
    r = results(row(value=1.5))
    assert r.by_unit("WRES", 2, group="White")["value"].tolist() == [1.5]


def test_by_unit_gives_the_only_row_of_a_metric_without_a_comparison() -> None:
    # WDES 8: Disabled staff only
    r = results(
        row(standard="WDES", metric="8", group="Disabled", reference_group="", value=72.5),
        row(
            standard="WDES",
            metric="8",
            level="directorate",
            unit="Medicine",
            group="Disabled",
            reference_group="",
            value=70.0,
        ),
    )
    assert r.by_unit("WDES", 8)["value"].tolist() == [72.5, 70.0]


def test_by_unit_metric_1_needs_a_category_and_a_group() -> None:
    rows = [
        row(metric="1", category=c, group=g, reference_group="", statistic="percent", value=v)
        for c in ("all", "clinical/band 5")
        for g, v in (("White", 70.0), ("BME", 25.0), ("Unknown", 5.0))
    ]
    r = results(*rows)
    with pytest.raises(ValueError, match="no category ''; its categories are 'all', 'clinical"):
        r.by_unit("WRES", 1)
    with pytest.raises(ValueError, match=r"choose one with group= \(BME, Unknown, White\)"):
        r.by_unit("WRES", 1, "clinical/band 5")
    assert r.by_unit("WRES", 1, "clinical/band 5", group="BME")["value"].tolist() == [25.0]


def test_by_unit_names_what_the_results_hold_when_a_metric_is_missing() -> None:
    r = results(row(value=1.5), row(metric="3", group="BME", reference_group="White"))
    with pytest.raises(ValueError, match=r"WRES 9 is not in these results.*WRES 2, WRES 3"):
        r.by_unit("WRES", 9)


def test_by_unit_names_the_groups_when_the_group_is_wrong() -> None:
    r = results(row(value=1.5))
    with pytest.raises(ValueError, match="no group 'Disabled'; its groups are White"):
        r.by_unit("WRES", 2, group="Disabled")


def test_by_unit_needs_an_organisation_when_there_are_several() -> None:
    r = results(
        row(unit="Trust A", organisation="Trust A", value=1.5),
        row(unit="Trust B", organisation="Trust B", value=1.1),
        row(level="directorate", unit="Medicine", organisation="Trust B", value=0.9),
    )
    with pytest.raises(ValueError, match="2 organisations; name one with organisation="):
        r.by_unit("WRES", 2)
    table = r.by_unit("WRES", 2, organisation="Trust B")
    assert table["value"].tolist() == [1.1, 0.9]
    with pytest.raises(ValueError, match="no organisation 'Trust C'"):
        r.by_unit("WRES", 2, organisation="Trust C")


def test_by_unit_of_an_intersectional_view_is_indexed_by_split_too() -> None:
    r = results(
        row(split_by="gender", split="M", value=1.6),
        row(split_by="gender", split="F", value=1.4),
        row(level="directorate", unit="Medicine", split_by="gender", split="F", value=1.2),
    )
    table = r.by_unit("WRES", 2)
    assert table.index.names == ["level", "unit", "split"]
    assert table.index.tolist() == [
        ("organisation", ORG, "F"),
        ("organisation", ORG, "M"),
        ("directorate", "Medicine", "F"),
    ]


def test_by_unit_leaves_the_results_unchanged() -> None:
    r = results(row(level="unit", unit="Ward 1", value=1.3), row(value=1.5))
    before = r.frame.copy()
    r.by_unit("WRES", 2)
    pd.testing.assert_frame_equal(r.frame, before)


def test_by_unit_organisation_row_is_the_headline_figure(tiny_trust) -> None:
    inputs = wres_wdes.load(tiny_trust)
    r = wres_wdes.calculate(inputs)
    table = r.by_unit("WRES", 2)
    headline = r.headline()
    expected = headline[(headline["standard"] == "WRES") & (headline["metric"] == "2")]
    organisation = table.loc["organisation"]
    assert organisation.index.tolist() == ["Test Trust"]
    # Test Trust: White 1 appointed of 2 shortlisted; BME 0 of 1 (conftest.py)
    assert organisation["events_group"].tolist() == expected["events_group"].tolist() == [1]
    assert organisation["n_group"].tolist() == [2]
    # the applications carry a directorate but no unit
    assert table.index.tolist() == [
        ("organisation", "Test Trust"),
        ("directorate", "Corporate"),
        ("directorate", "Medicine"),
    ]
