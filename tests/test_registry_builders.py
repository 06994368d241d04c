"""The registry runs: each entry names its builder, and a metric is one entry and one builder."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

from wres_wdes import calculate
from wres_wdes.measure import percent_rows
from wres_wdes.metrics import registry
from wres_wdes.metrics.builders import BUILDERS, Tables, builder_of


def test_every_registry_entry_names_a_builder_there_is():
    missing = {m.id: m.builder for m in registry.REGISTRY if m.builder not in BUILDERS}
    assert missing == {}


def test_an_unknown_builder_is_named_with_the_builders_there_are():
    entry = dataclasses.replace(registry.get("WRES", "2"), builder="appointmentz")
    with pytest.raises(KeyError, match=r"appointmentz.*appointments"):
        builder_of(entry)


def _declared_disabled(metric: registry.Metric, tables: Tables) -> pd.DataFrame | None:
    """The toy builder: the share of staff in post whose disability group is Disabled,
    per organisation, through the same percent rows every survey figure uses."""
    staff = tables.frames.get("staff")
    if staff is None:
        return None
    disabled = staff["disability_group"].astype(str).eq("Disabled")
    table = (
        staff.assign(_disabled=disabled)
        .groupby("organisation", observed=True)
        .agg(n=("_disabled", "size"), events_Disabled=("_disabled", "sum"))
        .reset_index()
    )
    table = table.assign(level="organisation", unit=table["organisation"])
    return percent_rows(metric, table, ["Disabled"], tables.config.options)


TOY = registry.Metric(
    "WDES",
    "toy",
    "Percentage of staff in post recorded as Disabled (a toy metric of this test).",
    "percent",
    "disability",
    "Disabled",
    None,
    population="staff in post at the census date, bank-only staff excluded",
    event="recorded as Disabled",
    window="census 31 March of the reporting year",
    source="tests/test_registry_builders.py (not a metric of the standards)",
    input="staff",
    builder="declared_disabled",
)


def test_a_metric_is_one_entry_and_one_builder(tiny_trust: Path, monkeypatch):
    # monkeypatch undoes both at the end of the test: the global registry is unchanged
    monkeypatch.setattr(registry, "REGISTRY", (*registry.REGISTRY, TOY))
    monkeypatch.setitem(BUILDERS, "declared_disabled", _declared_disabled)

    rows = calculate(tiny_trust, metrics="WDES toy").frame

    # tests/conftest.py's staff list: five people, 1005 bank-only and so excluded; of the
    # other four only 1002 ("Disability Flag" Yes) is Disabled: 1 of 4, 25 %
    assert list(rows["metric"]) == ["toy"]
    row = rows.iloc[0]
    assert (row["unit"], row["group"], row["statistic"]) == ("Test Trust", "Disabled", "percent")
    assert (row["events_group"], row["n_group"]) == (1, 4)
    assert row["value"] == pytest.approx(25.0)
    # Wilson interval of 1/4 at 95 %, from statsmodels (independent of wres_wdes.stats)
    low, high = proportion_confint(1, 4, alpha=0.05, method="wilson")
    assert (row["ci_low"], row["ci_high"]) == (pytest.approx(100 * low), pytest.approx(100 * high))


def test_the_toy_metric_is_gone_after_its_test():
    assert "WDES toy" not in {m.id for m in registry.REGISTRY}
    assert "declared_disabled" not in BUILDERS
