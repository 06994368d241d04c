"""What a run configuration holds, once parsed: :class:`Config`, :class:`InputFile`
(and :class:`~wres_wdes.config.options.Options`, from :mod:`.options`).

The layout of the TOML file is the contract in ``DESIGN.md`` ("Run
configuration"); :mod:`wres_wdes.config.parse` checks it.

The reporting year follows NHS England: WRES/WDES year *N* has its workforce
census on 31 March *N* and its data year from 1 April *N-1* to 31 March *N*
(``reference/wres.md`` §2, ``reference/wdes.md`` §1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .options import Options, check_option

MAPPING_KINDS = ("ethnicity", "disability", "pay_band", "staff_group", "occupation_code")
"""Keys of ``[mappings]``: each a table of raw value = label, overriding reference data."""


@dataclass(frozen=True)
class InputFile:
    """One input as its source system writes it: where it is, and how to read it.

    Attributes
    ----------
    path
        The file.
    sheet
        For a workbook, the worksheet (default: the first).
    columns
        Canonical column name to this file's header, winning over the built-in
        aliases (``{"start_date": "Formal Start Date"}``); ``None`` says the file
        has no such column, so no alias is matched for it.
    values
        For a column with answers (yes/no, capability grounds): answer to this
        file's own words for it, beside the built-in ones
        (``{"shortlisted": {"yes": ("Shortlisted",), "no": ("Not Shortlisted",)}}``).
    keep
        A header of the file to the values whose rows are used; every other row
        is left out before anything is checked, with its value as the reason
        (``{"Case Type": ("Disciplinary",)}``).
    """

    path: Path
    sheet: str | None = None
    columns: Mapping[str, str | None] = field(default_factory=dict)
    values: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    keep: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class HistoryFile:
    """An earlier year's ``metrics.csv`` for trends, with its reporting year when given."""

    path: Path
    year: int | None = None


@dataclass(frozen=True)
class Config:
    """A parsed run configuration.

    Attributes
    ----------
    organisation_name, organisation_code
        Shown on every output; the unit at level ``organisation``.
    organisation_column
        ``[organisation] column``: the header that names each row's organisation
        in a run of several. ``None`` (the default): every row belongs to this
        one organisation, whatever the files' own organisation columns say.
    year
        The WRES/WDES reporting year *N* (census 31 March *N*).
    inputs
        Input key (``staff``, ``applications`` …) to its file.
    levels
        Breakdown columns, coarse to fine (``["directorate", "unit"]``).
    mappings
        Overrides of the reference data, by kind (``MAPPING_KINDS``).
    options
        See :class:`Options`.
    wdes9b_action, wdes9b_narrative
        WDES metric 9b: whether the trust has taken action to facilitate the
        voices of Disabled staff, and what it did.
    history
        ``[history] files``: earlier years' ``metrics.csv`` for the trend tables,
        as a list of paths or a table of year = path.
    suppress_below
        ``[publication] suppress_below``: counts above 0 and below this are
        shown as ``[c]`` in published outputs (default 5; 0 turns it off).
    suppress_board
        ``[publication] suppress_board``: apply that threshold to the board
        figures (WRES 9, WDES 10) too. Default ``False``: a board is a public
        body whose members are named, and trusts publish its composition
        (:mod:`wres_wdes.write.disclosure`).
    return_templates
        ``[returns] templates``: a folder of return templates and cell maps that
        replace the bundled ones (``docs/outputs.md``).
    source
        The file the configuration was read from (``None`` when built in code).
    """

    organisation_name: str
    year: int
    organisation_code: str = ""
    organisation_column: str | None = None
    inputs: Mapping[str, InputFile] = field(default_factory=dict)
    levels: tuple[str, ...] = ()
    mappings: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    options: Options = field(default_factory=Options)
    wdes9b_action: bool | None = None
    wdes9b_narrative: str = ""
    history: tuple[HistoryFile, ...] = ()
    suppress_below: int = 5
    suppress_board: bool = False
    return_templates: Path | None = None
    source: Path | None = None

    @property
    def census_date(self) -> dt.date:
        """31 March of the reporting year."""
        return dt.date(self.year, 3, 31)

    @property
    def data_year(self) -> tuple[dt.date, dt.date]:
        """1 April of the previous year to 31 March of the reporting year, inclusive."""
        return dt.date(self.year - 1, 4, 1), dt.date(self.year, 3, 31)

    def window(self, years: int) -> tuple[dt.date, dt.date]:
        """The last ``years`` data years, ending on the census date."""
        return dt.date(self.year - years, 4, 1), self.census_date

    def with_options(self, **changes: Any) -> Config:
        """A copy with options changed: ``with_options(disciplinary_window="one_year")``.

        Each value is checked as the config file's ``[options]`` are, by the same
        validator (:func:`~wres_wdes.config.options.check_option`): an unknown
        option or a value outside its choices or range raises
        :class:`~wres_wdes.problems.UsageError` naming the allowed values.
        """
        for key, value in changes.items():
            changes[key] = check_option(key, value)
        return replace(self, options=replace(self.options, **changes))
