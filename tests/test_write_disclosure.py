"""Disclosure control: small counts hidden, and no hidden count recoverable from a total."""

from __future__ import annotations

import numpy as np
import pandas as pd
from test_write_trust import read_metrics, shared_run

from wres_wdes import load
from wres_wdes.write.disclosure import hidden_figures, suppression_mask, unit_parents
from wres_wdes.write.publication import publishable_rows

ORG = "Test Trust"


def row(**values) -> dict:
    base = {
        "standard": "WRES",
        "metric": "3",
        "level": "organisation",
        "unit": ORG,
        "category": "",
        "group": "BME",
        "reference_group": "White",
        "statistic": "relative_likelihood",
        "n_group": 100.0,
        "events_group": 10.0,
        "rate_group": np.nan,
        "n_reference": 300.0,
        "events_reference": 20.0,
        "rate_reference": np.nan,
        "value": 1.5,
        "ci_low": 1.0,
        "ci_high": 2.0,
        "p_value": 0.1,
        "flags": "",
        "organisation": ORG,
    }
    base.update(values)
    return base


def band(level: str, unit: str, category: str, counts: dict[str, float]) -> list[dict]:
    """Metric 1 rows of one band: each group's headcount over the band's."""
    total = sum(counts.values())
    return [
        row(
            metric="1",
            level=level,
            unit=unit,
            category=category,
            group=g,
            reference_group="",
            statistic="percent",
            n_group=total,
            events_group=x,
            n_reference=np.nan,
            events_reference=np.nan,
            value=100 * x / total,
        )
        for g, x in counts.items()
    ]


def test_primary_rule_hides_counts_from_one_to_four_and_shows_zero_and_five() -> None:
    frame = pd.DataFrame(
        [
            row(events_group=4.0, events_reference=0.0),
            row(unit="B", level="directorate", events_group=5.0, events_reference=1.0),
            row(unit="C", level="directorate", events_group=0.5),
        ]
    )
    mask = suppression_mask(frame, 5)
    assert mask["events_group"].tolist() == [True, False, True]  # 0.5: a two-year mean
    assert mask["events_reference"].tolist() == [False, True, False]
    assert not mask[["n_group", "n_reference"]].to_numpy().any()


def test_threshold_zero_turns_suppression_off() -> None:
    frame = pd.DataFrame([row(events_group=1.0)])
    assert not suppression_mask(frame, 0).to_numpy().any()


def test_a_hidden_group_count_takes_its_smallest_neighbour_so_the_total_cannot_reveal_it() -> None:
    # White 3 + BME 10 + Unknown 40 = 53 in band 5: White alone hidden would be 53 - 10 - 40.
    frame = pd.DataFrame(
        band("organisation", ORG, "clinical/band 5", {"White": 3.0, "BME": 10.0, "Unknown": 40.0})
    )
    mask = suppression_mask(frame, 5)
    hidden = dict(zip(frame["group"], mask["events_group"], strict=True))
    assert hidden == {"White": True, "BME": True, "Unknown": False}
    assert not mask["n_group"].any()  # the band's headcount stays: two cells are hidden


def test_unknown_group_and_band_totals_are_not_hidden_for_their_own_sake() -> None:
    frame = pd.DataFrame(
        band("organisation", ORG, "clinical/band 9", {"White": 0.0, "BME": 0.0, "Unknown": 3.0})
    )
    mask = suppression_mask(frame, 5)
    assert not mask.to_numpy().any()


def test_a_hidden_unit_takes_a_sibling_so_the_directorate_total_cannot_reveal_it() -> None:
    frame = pd.DataFrame(
        [
            row(level="directorate", unit="Medicine", events_group=23.0),
            row(level="unit", unit="Ward A", events_group=3.0),
            row(level="unit", unit="Ward B", events_group=20.0),
            row(level="organisation", unit=ORG, events_group=23.0),
        ]
    )
    parents = pd.DataFrame(
        {
            "organisation": ORG,
            "level": ["directorate", "unit", "unit"],
            "unit": ["Medicine", "Ward A", "Ward B"],
            "parent_level": ["organisation", "directorate", "directorate"],
            "parent_unit": [ORG, "Medicine", "Medicine"],
        }
    )
    mask = suppression_mask(frame, 5, parents)
    assert mask["events_group"].tolist() == [False, True, True, False]


def test_a_unit_relation_that_does_not_add_up_is_not_used() -> None:
    frame = pd.DataFrame(
        [
            row(level="directorate", unit="Medicine", events_group=30.0),  # 7 elsewhere
            row(level="unit", unit="Ward A", events_group=3.0),
            row(level="unit", unit="Ward B", events_group=20.0),
        ]
    )
    parents = pd.DataFrame(
        {
            "organisation": ORG,
            "level": ["unit", "unit"],
            "unit": ["Ward A", "Ward B"],
            "parent_level": "directorate",
            "parent_unit": "Medicine",
        }
    )
    assert suppression_mask(frame, 5, parents)["events_group"].tolist() == [False, True, False]


def test_figures_computed_from_a_hidden_count_are_hidden_too() -> None:
    frame = pd.DataFrame(
        [
            row(events_group=3.0),
            row(unit="X", events_reference=2.0),
            *band("organisation", ORG, "all", {"White": 3.0, "BME": 50.0}),
        ]
    )
    mask = suppression_mask(frame, 5)
    derived = hidden_figures(frame, mask)
    assert derived["value"].tolist()[:2] == [True, True]  # a ratio needs both rates
    assert derived["rate_group"].tolist()[:2] == [True, False]
    assert derived["rate_reference"].tolist()[:2] == [False, True]


def test_rows_below_the_survey_minimum_are_not_published() -> None:
    frame = pd.DataFrame([row(), row(unit="Y", flags="below_survey_minimum;small_numbers")])
    assert publishable_rows(frame)["unit"].tolist() == [ORG]


def _relations(rows: pd.DataFrame, parents: pd.DataFrame) -> list[list[tuple[str, int]]]:
    """Every additive relation among the counts, found independently of the library."""
    relations = []
    rows = rows.drop(columns=["parent_level", "parent_unit"], errors="ignore")
    rows = rows.reset_index(drop=True).assign(_pos=lambda f: np.arange(len(f)))
    # the groups of a band add up to the band's headcount (metric 1)
    m1 = rows[rows["metric"] == "1"]
    for positions in m1.groupby(["standard", "level", "unit", "category"])["_pos"]:
        index = positions[1].tolist()
        relations.append([("events_group", i) for i in index] + [("n_group", index[0])])
    # units add up to their parent, per figure and count, where the numbers add up
    keys = ["standard", "metric", "category", "group", "statistic"]
    kids = rows.merge(parents, on=["organisation", "level", "unit"])
    tops = rows.rename(columns={"level": "parent_level", "unit": "parent_unit"})
    for column in ("n_group", "events_group", "n_reference", "events_reference"):
        sums = kids.groupby(["parent_level", "parent_unit", *keys])[column].sum().rename("sum")
        both = tops.merge(sums.reset_index(), on=["parent_level", "parent_unit", *keys])
        both = both[np.isclose(both[column], both["sum"])]
        members = kids.merge(
            both[["parent_level", "parent_unit", *keys, "_pos"]],
            on=["parent_level", "parent_unit", *keys],
            suffixes=("", "_top"),
        )
        for top, part in members.groupby("_pos_top")["_pos"]:
            relations.append([(column, i) for i in part] + [(column, top)])
    return relations


def test_in_the_published_trust_no_relation_has_exactly_one_hidden_count(tmp_path_factory) -> None:
    config, out = shared_run(tmp_path_factory)
    metrics = read_metrics(out)
    for column in ("category", "reference_group", "flags"):
        metrics[column] = metrics[column].fillna("").astype(str)
    rows = publishable_rows(metrics).reset_index(drop=True)
    parents = unit_parents(metrics)  # the nesting metrics.csv carries
    from_inputs = unit_parents(load(config))  # as the inputs say it
    key = ["organisation", "level", "unit", "parent_level", "parent_unit"]
    assert len(parents) == 8  # the trust of test_write_trust: 3 directorates, 5 units
    assert sorted(map(tuple, parents[key].to_numpy())) == sorted(
        map(tuple, from_inputs[key].to_numpy())
    )
    mask = suppression_mask(rows, 5, parents)
    values = rows[["n_group", "events_group", "n_reference", "events_reference"]]
    primary = (values > 0) & (values < 5) & (rows[["group"]].to_numpy() != "Unknown")
    primary.loc[rows["metric"] == "1", "n_group"] = False
    assert (mask | ~primary).all().all(), "every small count of a known group is hidden"
    checked = 0
    for relation in _relations(rows, parents):
        hidden = [mask.at[i, c] for c, i in relation]
        assert sum(hidden) != 1, [
            (c, rows.loc[i, ["level", "unit", "category", "group"]].tolist()) for c, i in relation
        ]
        checked += 1
    assert checked > 50
