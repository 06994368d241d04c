"""Reference data: the code lists that turn raw values into groups.

Each table is a small CSV file in this folder, one row per value, and every row
cites where it comes from (``DESIGN.md`` principle 3, "Reference data is data").
Two columns are common to all tables:

``source``
    The NHS source of the row, as a section or source number of
    ``reference/data-formats.md`` (``S1``, ``§1.2``) or of ``wres.md`` /
    ``wdes.md``, ending with the confidence tag in brackets.
``confidence``
    ``confirmed`` (a cited source states it), ``derived`` (follows from a cited
    source) or ``unconfirmed`` (background knowledge not confirmed by a source).

The tables:

=============================  ==================================================
``ethnic_categories``          code, label, group, high_level: the 16+1 codes,
                               ``Z``, ``99``, ``X`` and every two-character sub-code
``ethnic_labels``              label, match (``exact`` or ``prefix``), group,
                               high_level
``disability_values``          value, group
``pay_bands``                  band, order, wdes_cluster
``pay_band_aliases``           raw, label: VSM, Under Band 1 and similar wording
``medical_grades``             grade, medical_subgroup, wdes_cluster
``staff_groups``               name, nwd_code, category
``occupation_code_prefixes``   prefix, category, description
``national_figures``           standard, metric, figure, year, value, shown, conflict:
                               NHS England's published national figures (``wres.md``
                               §9.2, ``wdes.md`` §10), for the board paper
=============================  ==================================================

``high_level`` is the group of the 2021 census for England (Asian, Black, Mixed,
Other, White; Chinese under Asian, Arab under Other [confirmed: data-formats.md
§1.3, S22]) that the ethnic-group view reads; a national code's first character
decides it, as for ``group``; ``BME unspecified`` for a label naming no group.

The tables are read with :mod:`importlib.resources`, so they work from an
installed wheel or a zip as well as from a source checkout.
"""

from __future__ import annotations

import functools
import io
from importlib import resources

import pandas as pd

__all__ = ["CONFIDENCE", "load", "names"]

CONFIDENCE = ("confirmed", "derived", "unconfirmed")
"""The allowed values of every table's ``confidence`` column."""


def names() -> tuple[str, ...]:
    """Names of the reference tables shipped with the package, sorted.

    >>> "ethnic_categories" in names()
    True
    """
    return tuple(
        sorted(
            entry.name.removesuffix(".csv")
            for entry in resources.files(__package__).iterdir()
            if entry.name.endswith(".csv")
        )
    )


@functools.cache
def _read(name: str) -> pd.DataFrame:
    resource = resources.files(__package__).joinpath(f"{name}.csv")
    if not resource.is_file():
        raise KeyError(f"no reference table named {name!r}; the tables are: {', '.join(names())}")
    with io.TextIOWrapper(resource.open("rb"), encoding="utf-8", newline="") as handle:
        # Every cell is text: "NA", "None" and "99" are values of the code lists,
        # not missing numbers, so pandas' NA detection and type inference are off.
        frame = pd.read_csv(handle, dtype=str, keep_default_na=False)
    for column in ("source", "confidence"):
        if column not in frame.columns:
            raise ValueError(f"reference table {name!r} has no {column!r} column")
    return frame


def load(name: str) -> pd.DataFrame:
    """Read one reference table.

    Parameters
    ----------
    name
        The table's name, the CSV file name without ``.csv`` (see :func:`names`).

    Returns
    -------
    pandas.DataFrame
        Every column as text, exactly as written in the file; a fresh copy on each
        call, so callers may modify it.

    Raises
    ------
    KeyError
        If there is no table of that name.

    Examples
    --------
    >>> table = load("pay_bands")
    >>> table.loc[table["band"] == "band 5", "wdes_cluster"].item()
    '2'
    """
    return _read(name).copy()
