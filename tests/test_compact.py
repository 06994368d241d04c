"""Counting compacted inputs gives exactly the figures of counting the records.

``calculate`` reduces the staff list and the applications once (``counts.compact``)
and every metric that reads them counts the reduced rows. Here the same inputs are
calculated a second time with that step switched off, so that each metric counts
the records themselves as it would without it: every row and every figure must be
the same (several organisations, two breakdown levels, training, cases, leavers,
and an intersectional split).
"""

from __future__ import annotations

import importlib

import pandas as pd
import pytest

from wres_wdes import load
from wres_wdes.counts import RECORDS, compact, level_counts
from wres_wdes.sample import write_sample

calculate_module = importlib.import_module("wres_wdes.calculate")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("system")
    write_sample(folder, staff=3000, organisations=3)
    return load(folder / "config.toml")


@pytest.mark.parametrize("split_by", [None, "gender"])
def test_compacted_and_record_counts_agree(inputs, split_by, monkeypatch) -> None:
    compacted = calculate_module.calculate(inputs, split_by=split_by).frame
    monkeypatch.setattr(calculate_module, "_compacted", lambda *args: {})
    records = calculate_module.calculate(inputs, split_by=split_by).frame
    assert len(compacted) > 1000
    assert set(compacted["metric"]) >= {"1", "2", "3", "4", "leaving"}
    pd.testing.assert_frame_equal(compacted, records)


def test_level_counts_of_a_compacted_frame_count_its_records() -> None:
    # 5 records: unit A has 2 White (1 trained) and 1 BME; unit B 2 BME (2 trained)
    records = pd.DataFrame(
        {
            "organisation": pd.Categorical(["T"] * 5),
            "unit": ["A", "A", "A", "B", "B"],
            "group": ["White", "White", "BME", "BME", "BME"],
            "trained": [True, False, False, True, True],
        }
    )
    reduced = compact(records, ["organisation", "unit", "group"], {"trained": "trained"})
    assert sorted(reduced[RECORDS]) == [1, 2, 2]
    by_hand = level_counts(records, ["unit"], ["group"], sums={"events": "trained"}, size="n")
    counted = level_counts(reduced, ["unit"], ["group"], sums={"events": "trained"}, size="n")
    pd.testing.assert_frame_equal(counted, by_hand)
    unit_b = counted[(counted["unit"] == "B") & (counted["group"] == "BME")]
    assert (int(unit_b["n"].iloc[0]), int(unit_b["events"].iloc[0])) == (2, 2)
