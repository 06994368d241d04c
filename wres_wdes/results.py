"""The results: one tidy table in the ``metrics.csv`` layout, with views for people.

The columns and their order are a contract (``DESIGN.md``, "Results contract");
other tools read them. Columns after the contract's are extras: ``organisation``
(the organisation a row belongs to, so units of several organisations stay
apart), ``p_adjusted`` (Benjamini–Hochberg across the units of a level),
``note`` (WDES 9b narrative), and with an intersectional split ``split_by`` and
``split``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

METRICS_COLUMNS: tuple[str, ...] = (
    "standard",
    "metric",
    "level",
    "unit",
    "category",
    "group",
    "reference_group",
    "statistic",
    "n_group",
    "events_group",
    "rate_group",
    "n_reference",
    "events_reference",
    "rate_reference",
    "value",
    "ci_low",
    "ci_high",
    "p_value",
    "flags",
)
"""The columns of ``metrics.csv`` that always exist, in this order."""

EXTRA_COLUMNS: tuple[str, ...] = ("organisation", "p_adjusted", "note")


@dataclass(frozen=True)
class Results:
    """Every figure of a run, as one tidy DataFrame, with views for notebooks.

    Attributes
    ----------
    frame
        One row per figure; columns :data:`METRICS_COLUMNS` then extras.
    """

    frame: pd.DataFrame

    def standard(self, standard: str) -> pd.DataFrame:
        """Rows of ``"WRES"`` or ``"WDES"``."""
        return self.frame[self.frame["standard"] == standard.upper()]

    def metric(self, standard: str, metric: str | int) -> pd.DataFrame:
        """Rows of one metric, such as ``metric("WRES", 3)``."""
        f = self.frame
        return f[(f["standard"] == standard.upper()) & (f["metric"] == str(metric))]

    def level(self, level: str) -> pd.DataFrame:
        """Rows at one level: ``"organisation"``, ``"directorate"`` …"""
        return self.frame[self.frame["level"] == level]

    def headline(self) -> pd.DataFrame:
        """The organisation-level figure of every metric (metric 1: category ``all``)."""
        f = self.level("organisation")
        keep = (f["metric"] != "1") | (f["category"] == "all")
        keep &= ~((f["metric"] == "2") & (f["category"] != ""))
        return f[keep]

    def to_csv(self, path: str | Path) -> None:
        """Write ``metrics.csv``: UTF-8, full precision, text quoted, missing values empty.

        Written by Arrow's CSV writer, which is an order of magnitude faster than
        pandas' for the 800,000 rows of a national run.
        """
        table = pa.Table.from_pandas(self.frame, preserve_index=False)
        pacsv.write_csv(table, str(path), pacsv.WriteOptions(quoting_style="needed"))

    def __len__(self) -> int:
        return len(self.frame)
