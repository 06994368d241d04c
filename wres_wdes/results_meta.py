"""What a set of results means: :class:`ResultsMeta`, read from the rows themselves.

statsmodels keeps the method and level inside each result; so do we. Every row of
``metrics.csv`` carries the columns of :data:`~wres_wdes.results_columns.META_COLUMNS`
(results-contract version :data:`RESULTS_VERSION`), so a file read back, a slice of
the results, or one organisation's rows of a system run all say what they are:
which organisations, which reporting year, which census date and data years, which
confidence level, interval and test, and which version of wres_wdes made them.

The reporting year follows NHS England: year *N* has its workforce census on 31
March *N* and its data year from 1 April *N-1* to 31 March *N* (``reference/wres.md``
§2, ``reference/wdes.md`` §1); a two-year rolling window (WRES 3, WDES 3) starts a
year earlier (``reference/wres.md`` §4, ``reference/wdes.md`` §5).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version

import numpy as np
import pandas as pd

from .results_columns import years_of

RESULTS_VERSION = "2"
"""The version of the results contract the rows follow: ``2`` adds
:data:`~wres_wdes.results_columns.META_COLUMNS` to version 1 (the columns of
``DESIGN.md`` and the extras before them). A file without ``results_version`` is
version 1."""


def package_version() -> str:
    """The installed version of wres_wdes (``0+unknown`` from an uninstalled checkout)."""
    try:
        return version("wres_wdes")
    except PackageNotFoundError:
        return "0+unknown"


@dataclass(frozen=True)
class ResultsMeta:
    """What a set of results means. Read with :attr:`wres_wdes.Results.meta`.

    A field is ``None`` (or empty) where the rows do not say, as in a
    ``metrics.csv`` of results-contract version 1, or where they disagree (rows of
    two reporting years stacked together).

    Attributes
    ----------
    organisations
        The organisations of the rows, in order of appearance.
    reporting_year
        The WRES/WDES reporting year *N*.
    confidence_level
        The level of every ``ci_low``/``ci_high`` (0.95 by default).
    methods
        For each ``statistic`` (``relative_likelihood``, ``percent`` …) the interval
        and test methods its rows used, as their ``method`` column words them.
    window_years
        For each metric, ``(standard, metric)``, the data years its counts come
        from: 2 for a two-year rolling window (events the mean per year), else 1.
    package_version
        The version of wres_wdes that computed the rows.
    results_version
        The version of the results contract (:data:`RESULTS_VERSION`).
    """

    organisations: tuple[str, ...] = ()
    reporting_year: int | None = None
    confidence_level: float | None = None
    methods: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    window_years: Mapping[tuple[str, str], int] = field(default_factory=dict)
    package_version: str | None = None
    results_version: str | None = None

    @property
    def census_date(self) -> dt.date | None:
        """31 March of the reporting year."""
        return None if self.reporting_year is None else dt.date(self.reporting_year, 3, 31)

    @property
    def data_year(self) -> tuple[dt.date, dt.date] | None:
        """1 April of the year before the reporting year to 31 March of it, inclusive."""
        if self.reporting_year is None:
            return None
        return dt.date(self.reporting_year - 1, 4, 1), dt.date(self.reporting_year, 3, 31)

    def window(self, standard: str, metric: str | int) -> tuple[dt.date, dt.date]:
        """The data years one metric's counts come from, first and last day inclusive.

        Raises
        ------
        ValueError
            The rows do not say their reporting year, or hold no such metric.
        """
        key = (standard.upper(), str(metric))
        if self.reporting_year is None:
            raise ValueError("these results do not say their reporting year (no year column)")
        if key not in self.window_years:
            known = ", ".join(f"{s} {m}" for s, m in self.window_years) or "nothing"
            raise ValueError(f"{key[0]} {key[1]} is not in these results; they hold {known}")
        start = dt.date(self.reporting_year - self.window_years[key], 4, 1)
        return start, dt.date(self.reporting_year, 3, 31)

    @classmethod
    def of(cls, frame: pd.DataFrame) -> ResultsMeta:
        """The metadata the rows of ``frame`` carry."""

        def one(column: str) -> object:
            if column not in frame:
                return None
            values = pd.unique(frame[column].dropna())
            return values[0] if len(values) == 1 else None

        organisations: tuple[str, ...] = ()
        if "organisation" in frame:
            organisations = tuple(str(o) for o in dict.fromkeys(frame["organisation"].dropna()))
        year, level = one("year"), one("confidence_level")
        methods: dict[str, tuple[str, ...]] = {}
        if "method" in frame and "statistic" in frame:
            for statistic, rows in frame.groupby("statistic", sort=False)["method"]:
                methods[str(statistic)] = tuple(str(m) for m in dict.fromkeys(rows.dropna()) if m)
        windows: dict[tuple[str, str], int] = {}
        if "standard" in frame and "metric" in frame and len(frame):
            years = (
                frame["window_years"].to_numpy()
                if "window_years" in frame
                else years_of(frame["note"])
                if "note" in frame
                else np.ones(len(frame))
            )
            keys = pd.DataFrame(
                {"s": frame["standard"].to_numpy(), "m": frame["metric"].to_numpy(), "y": years}
            )
            most = keys.groupby(["s", "m"], sort=False)["y"].max()
            for (s, m), y in zip(most.index.tolist(), most.tolist(), strict=True):
                windows[(str(s), str(m))] = int(y)
        package, contract = one("package_version"), one("results_version")
        return cls(
            organisations=organisations,
            reporting_year=None if year is None else int(year),  # type: ignore[call-overload]
            confidence_level=None if level is None else float(level),  # type: ignore[arg-type]
            methods=methods,
            window_years=windows,
            package_version=None if package is None else str(package),
            results_version=None if contract is None else str(contract),
        )


def with_meta(frame: pd.DataFrame, year: int, confidence_level: float) -> pd.DataFrame:
    """``frame`` with the metadata columns but the nesting (see :mod:`.results_nesting`)."""
    years = years_of(frame["note"]) if "note" in frame else np.ones(len(frame))
    return frame.assign(
        year=np.full(len(frame), year, dtype=np.int64),
        confidence_level=np.full(len(frame), confidence_level, dtype=np.float64),
        window_years=years.astype(np.int64),
        results_version=RESULTS_VERSION,
        package_version=package_version(),
    )


__all__ = ["RESULTS_VERSION", "ResultsMeta", "package_version", "with_meta"]
