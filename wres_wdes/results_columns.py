"""The columns of ``metrics.csv``: the contract's, the extras after them, and their types.

The first :data:`METRICS_COLUMNS` are the contract (``DESIGN.md``, "Results
contract"); other tools read them by position and name. Every other column comes
after them: :data:`EXTRA_COLUMNS`, with an intersectional split
:data:`SPLIT_COLUMNS`, then :data:`META_COLUMNS`, what a file needs to be read back
without guessing (results-contract version 2; ``docs/outputs.md``).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

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

EXTRA_COLUMNS: tuple[str, ...] = ("organisation", "p_adjusted", "note", "method", "p_exact")

BY_UNIT_COLUMNS: tuple[str, ...] = (
    *METRICS_COLUMNS[METRICS_COLUMNS.index("group") : METRICS_COLUMNS.index("flags")],
    "p_adjusted",
    "flags",
)
"""The columns of :meth:`Results.by_unit`, after its ``level`` and ``unit`` index."""


SPLIT_COLUMNS: tuple[str, ...] = ("split_by", "split")
"""With ``calculate(split_by=…)``: the attribute split by, and the row's value of it."""

META_COLUMNS: tuple[str, ...] = (
    "year",
    "confidence_level",
    "window_years",
    "parent_level",
    "parent_unit",
    "results_version",
    "package_version",
)
"""What a row means, so a file read back means what it meant (results-contract
version 2): the reporting ``year`` (census 31 March ``year``); the
``confidence_level`` of ``ci_low``/``ci_high``; ``window_years``, the data years
the counts come from (2 for a two-year rolling window, whose events are the mean per
year); the level and unit the row's unit sits in (``parent_level``,
``parent_unit``: a directorate for a unit, the organisation for a directorate,
empty for the organisation; :mod:`wres_wdes.results_nesting`); the version of this
contract, ``results_version``; and the ``package_version`` of wres_wdes that
computed it."""

PER_YEAR_NOTE = "events are the mean per year over {years} data years"
"""The ``note`` of a figure whose events are the mean per year of a rolling window (WRES
3 and WDES 3: two data years, ``reference/wres.md`` §4 and ``reference/wdes.md`` §5)."""

_PER_YEAR = re.compile(re.escape(PER_YEAR_NOTE).replace(r"\{years\}", r"(\d+)"))


def years_of(note: pd.Series) -> np.ndarray:
    """The data years each row's counts are the mean over (1 where the note says none)."""
    found = note.fillna("").astype(str).str.extract(_PER_YEAR.pattern, expand=False)
    return pd.to_numeric(found, errors="coerce").fillna(1).to_numpy(dtype=float)


NUMBER_COLUMNS: tuple[str, ...] = (
    *METRICS_COLUMNS[METRICS_COLUMNS.index("n_group") : METRICS_COLUMNS.index("flags")],
    "p_adjusted",
    "p_exact",
    "confidence_level",
)
"""The numeric columns of ``metrics.csv``: counts, rates, value, interval, p-values, the
confidence level."""

INTEGER_COLUMNS: tuple[str, ...] = ("year", "window_years")
"""Whole-number columns of ``metrics.csv``, read back as integers."""

TEXT_COLUMNS: tuple[str, ...] = tuple(
    c
    for c in (*METRICS_COLUMNS, *EXTRA_COLUMNS, *SPLIT_COLUMNS, *META_COLUMNS)
    if c not in NUMBER_COLUMNS and c not in INTEGER_COLUMNS
)
"""The text columns of ``metrics.csv`` (``metric`` and ``category`` included: ``"1"``)."""
