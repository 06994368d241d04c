"""What a run configuration holds, once parsed: :class:`Config`, :class:`Options`,
:class:`InputFile`.

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

MAPPING_KINDS = ("ethnicity", "disability", "pay_band", "staff_group", "occupation_code")
"""Keys of ``[mappings]``: each a table of raw value = label, overriding reference data."""

WINDOWS = ("one_year", "two_year")

CHOICES = {
    "disciplinary_window": WINDOWS,
    "capability_window": WINDOWS,
    "board_unknown_ethnicity": ("include", "exclude"),
    "exact_test": ("none", "fisher", "boschloo"),
    "leaving_denominator": ("census", "average"),
    "survey_2020_numbering": ("as_2018", "alternative"),
}
"""Options whose value is one of a few words."""


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
class Options:
    """Choices where the national guidance is unconfirmed or a trust may differ.

    Each default follows the reference notes; ``docs/unconfirmed-rules.md`` gives
    the source and confidence of each.

    Attributes
    ----------
    include_bank
        Count bank-only staff in the workforce. Default ``False``: bank staff are
        excluded from WDES metric 1 from 2023, aligned with the WRES
        (``reference/wdes.md`` §1, confirmed; the WRES rule itself unconfirmed).
    disciplinary_window
        ``"two_year"`` (default): WRES 3 uses the current and previous data years,
        as the 2016–2018 technical guidance notes say (``reference/wres.md`` §4,
        unconfirmed); ``"one_year"``: the current data year only.
    capability_window
        The same for WDES 3 (``reference/wdes.md`` §5, unconfirmed); default ``"two_year"``.
    capability_include_ill_health
        Count capability cases on ill-health grounds in WDES 3. Default ``False``:
        "only applies to capability on the grounds of performance" (``wdes.md`` §5).
    board_unknown_ethnicity
        WRES 9: ``"include"`` (default) compares each group's share of *all*
        members with its share of *all* staff: the basis of WRES 1 (whose
        shares are of the whole workforce) and of WDES 10, so the workforce
        share on indicators 1 and 9 is one figure, and White, BME and Unknown
        each have a row. ``"exclude"`` leaves members and staff of unknown
        ethnicity out of both percentages, as the formula in
        ``reference/wres.md`` §4 does (White and BME rows only). Whether unknowns
        stay in is unconfirmed (``wres.md`` §4).
    census_intervals
        Give WRES 1 and WDES 1 shares, and the board differences (WRES 9, WDES
        10), a confidence interval. Default ``False``: they are complete counts
        of the workforce and the board at the census date, not samples, and NHS
        England publishes them without intervals. With ``True`` the interval
        treats the census as a sample from a superpopulation (Wilson for a
        share; for a board difference, the board as a random draw from the
        workforce, which is untrue of non-executive members), and the row's
        ``method`` says so.
    exact_test
        Add an exact p-value, ``p_exact``, beside the score-test ``p_value``:
        ``"fisher"`` or ``"boschloo"`` (default ``"none"``). A cross-check at
        small counts only: the shown ``p_value``, the interval and the
        ``significant`` flag are always the score procedure, so they never
        disagree. Boschloo's test takes about 0.1 s per table of 200 people and
        14 s at 1,800, so it is used for tables of at most
        :data:`~wres_wdes.stats.exact.BOSCHLOO_MAX_PEOPLE` people and at most
        :data:`~wres_wdes.stats.exact.BOSCHLOO_MAX_TABLES` distinct tables a
        run; Fisher's test is used for the rest, and ``method`` names which.
    adjusted_significance
        Add the flag ``significant_adjusted`` where the Benjamini–Hochberg
        adjusted p-value (``p_adjusted``, within one organisation × metric ×
        category × level) is below ``1 - confidence_level``. Default ``False``.
    leaving_denominator
        The population of the leaving ratio: ``"census"`` (default), the headcount
        at 31 March; or ``"average"``, the mean of the headcount at the start and
        the end of the data year, the start estimated as census − starters in the
        year + leavers in the year (needs ``start_date`` in the staff list).
    confidence_level
        Level of every confidence interval (default 0.95).
    survey_year
        The staff survey behind WRES 5–8 and WDES 4–9a. Default ``None``: the
        file's ``survey_year``, else the autumn before the reporting year (the
        WRES 2023 used the 2022 survey; ``reference/wres.md`` §7).
    survey_minimum_respondents
        Survey figures of a group with fewer respondents are flagged
        ``below_survey_minimum`` and left out of publication outputs. Default 11,
        the Staff Survey's own minimum (``reference/data-formats.md`` §7).
    survey_4b_include_dont_know
        WDES 4b: count "Don't know" in the base (default ``True``, as
        ``data-formats.md`` §5.3 proposes; unconfirmed).
    survey_4b_require_harassment
        WDES 4b: also require harassment at least once in q14a–c. Default
        ``False``: the base is those answering q14d other than "Not applicable",
        which is how the questionnaire says they experienced it (``data-formats.md``
        §5.3; unconfirmed).
    survey_equal_opportunities_include_dont_know
        WRES 7 and WDES 5: count "Don't know" in the base (default ``False``:
        Yes over Yes and No; ``data-formats.md`` §5.3, unconfirmed).
    survey_adjustments_include_not_required
        WDES 8: count "No adjustment required" in the base (default ``False``;
        ``data-formats.md`` §5.3, unconfirmed).
    survey_engagement_min_subscores
        WDES 9a: sub-scores (of 3) a respondent needs for an engagement score
        (default 3; the minimum-items rule is unconfirmed, ``data-formats.md`` §5.4).
    survey_2020_numbering
        The 2020 survey's disputed question numbers: ``"as_2018"`` (default,
        Q13a–d, Q14, Q15b) or ``"alternative"`` (Q14a–d, Q15, Q16b); neither is
        confirmed (``reference/wres.md`` §7).
    survey_question_map
        A CSV in the layout of ``reference/survey_questions.csv`` whose rows
        replace the packaged rows of the same survey year, standard, metric and
        category, or add a year (path relative to the configuration file).
    """

    include_bank: bool = False
    disciplinary_window: str = "two_year"
    capability_window: str = "two_year"
    capability_include_ill_health: bool = False
    board_unknown_ethnicity: str = "include"
    leaving_denominator: str = "census"
    confidence_level: float = 0.95
    census_intervals: bool = False
    exact_test: str = "none"
    adjusted_significance: bool = False
    survey_year: int | None = None
    survey_minimum_respondents: int = 11
    survey_4b_include_dont_know: bool = True
    survey_4b_require_harassment: bool = False
    survey_equal_opportunities_include_dont_know: bool = False
    survey_adjustments_include_not_required: bool = False
    survey_engagement_min_subscores: int = 3
    survey_2020_numbering: str = "as_2018"
    survey_question_map: str = ""


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

        Each value is checked as the config file's ``[options]`` are: an unknown
        option or a value of the wrong kind raises :class:`ValueError` naming the
        allowed values.
        """
        from .parse import check_option

        for key, value in changes.items():
            changes[key] = check_option(key, value)
        return replace(self, options=replace(self.options, **changes))
