"""The options of a run (``[options]``): what each may be, and the one check of them.

Each option is typed (a ``Literal`` of its words, ``bool``, or a number with its
range in :data:`RANGES`), and one validator, :func:`check_option`, checks a value
wherever it is set: the configuration file's ``[options]``
(:mod:`wres_wdes.config.parse`), :meth:`Config.with_options
<wres_wdes.config.model.Config.with_options>` and :class:`Options` itself. A value
outside its words or range is an error that names the allowed values, never a
quiet default (``disciplinary_window = "three_year"`` used to mean one year).

Where each default comes from is in :class:`Options` and
``docs/unconfirmed-rules.md``.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, fields
from typing import Any, Literal

from ..problems import UsageError, nearest

Window = Literal["one_year", "two_year"]
"""WRES 3 and WDES 3: the current data year, or it and the previous one."""
BoardUnknownEthnicity = Literal["include", "exclude"]
ExactTest = Literal["none", "fisher", "boschloo"]
LeavingDenominator = Literal["census", "average"]
Survey2020Numbering = Literal["as_2018", "alternative"]

WINDOWS: tuple[str, ...] = typing.get_args(Window)

RANGES: dict[str, tuple[float, float, str]] = {
    "confidence_level": (
        0.0,
        1.0,
        "give a number between 0 and 1 (both excluded), such as 0.95 for 95% intervals",
    ),
    "survey_year": (
        2014,
        2100,
        "give the year of the NHS Staff Survey as a whole number, such as 2023 (the first "
        "WRES, 2015, used the 2014 survey), or leave it out",
    ),
    "survey_minimum_respondents": (
        0,
        100_000,
        "give a whole number of respondents, such as 11 (the Staff Survey's own minimum); "
        "0 flags no group",
    ),
    "survey_engagement_min_subscores": (
        1,
        3,
        "give a whole number from 1 to 3: the sub-scores (of 3) a respondent needs",
    ),
}
"""The range of each numeric option, with the message for a value outside it:
``confidence_level`` excludes its ends; whole numbers include theirs."""


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
    disciplinary_window: Window = "two_year"
    capability_window: Window = "two_year"
    capability_include_ill_health: bool = False
    board_unknown_ethnicity: BoardUnknownEthnicity = "include"
    leaving_denominator: LeavingDenominator = "census"
    confidence_level: float = 0.95
    census_intervals: bool = False
    exact_test: ExactTest = "none"
    adjusted_significance: bool = False
    survey_year: int | None = None
    survey_minimum_respondents: int = 11
    survey_4b_include_dont_know: bool = True
    survey_4b_require_harassment: bool = False
    survey_equal_opportunities_include_dont_know: bool = False
    survey_adjustments_include_not_required: bool = False
    survey_engagement_min_subscores: int = 3
    survey_2020_numbering: Survey2020Numbering = "as_2018"
    survey_question_map: str = ""

    def __post_init__(self) -> None:
        """Every value checked where it is set: ``Options(confidence_level=95)``, like
        ``[options] confidence_level = 95``, is an error naming what to give."""
        for name in _HINTS:
            value = getattr(self, name)
            checked = check_option(name, value)
            if checked is not value:
                object.__setattr__(self, name, checked)


_HINTS = typing.get_type_hints(Options)
"""Each option's type, evaluated: ``Literal[...]``, ``bool``, ``float``, ``int``,
``int | None`` or ``str``."""

CHOICES: dict[str, tuple[str, ...]] = {
    name: typing.get_args(kind)
    for name, kind in _HINTS.items()
    if typing.get_origin(kind) is Literal
}
"""Options whose value is one of a few words, and their words (from the types)."""

_DEFAULTS = {f.name: f.default for f in fields(Options)}


def _words(choices: tuple[str, ...]) -> str:
    return " or ".join(f'"{c}"' for c in choices)


def option_rule(key: str, value: Any) -> str | None:
    """What is wrong with one option's value, or ``None`` when it is right.

    The sentence the configuration file's problem, :meth:`Config.with_options`
    and :class:`Options` all give."""
    if key not in _HINTS:
        return f"unknown option {key}{nearest(key, _HINTS, quoted=False)} Known: " + ", ".join(
            _HINTS
        )
    kind = _HINTS[key]
    if key in CHOICES:
        if isinstance(value, str) and value in CHOICES[key]:
            return None
        return "give " + _words(CHOICES[key])
    if kind is bool:
        return None if isinstance(value, bool) else "give true or false"
    if kind is str:
        return None if isinstance(value, str) else "give text in quotes"
    number = not isinstance(value, bool) and isinstance(value, int | float)
    low, high, hint = RANGES[key]
    if kind is float:
        if number and low < value < high:
            return None
        if number and 1 < value < 100:
            return f"{hint}; {value} looks like a percentage: give {value / 100:g}"
        return hint
    if value is None and _DEFAULTS[key] is None:
        return None
    if number and value == int(value) and low <= value <= high:
        return None
    return hint


def check_option(key: str, value: Any) -> Any:
    """One option's value, checked; raises :class:`~wres_wdes.problems.UsageError`
    naming what is allowed.

    Used by the file's ``[options]``, by :meth:`Config.with_options` and by
    :class:`Options`: ``check_option("disciplinary_window", "three_year")`` raises
    ``options.disciplinary_window = 'three_year': give "one_year" or "two_year"``.
    """
    rule = option_rule(key, value)
    if rule is not None:
        raise UsageError(f"options.{key} = {value!r}: {rule}")
    if _HINTS[key] is float:
        return float(value)
    if _HINTS[key] in (int, int | None) and value is not None and not isinstance(value, int):
        return int(value)
    return value
