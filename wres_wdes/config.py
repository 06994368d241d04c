"""The run configuration: a small TOML file naming the organisation, year and inputs.

The layout is the contract in ``DESIGN.md`` ("Run configuration"). Every key is
checked: a misspelt section, a missing file or a year that is not a year gives an
error that names the key, not a traceback. Paths are relative to the file.

The reporting year follows NHS England: WRES/WDES year *N* has its workforce
census on 31 March *N* and its data year from 1 April *N-1* to 31 March *N*
(``reference/wres.md`` §2, ``reference/wdes.md`` §1).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .contract import INPUTS
from .problems import InputError, Problem

MAPPING_KINDS = ("ethnicity", "disability", "pay_band", "staff_group", "occupation_code")
"""Keys of ``[mappings]``: each a table of raw value = label, overriding reference data."""

SECTIONS = (
    "organisation",
    "reporting",
    "inputs",
    "breakdown",
    "mappings",
    "options",
    "wdes9b",
    "history",
    "publication",
    "returns",
)

WINDOWS = ("one_year", "two_year")

CHOICES = {
    "disciplinary_window": WINDOWS,
    "capability_window": WINDOWS,
    "board_unknown_ethnicity": ("exclude", "include"),
    "leaving_denominator": ("census", "average"),
    "survey_2020_numbering": ("as_2018", "alternative"),
}
"""Options whose value is one of a few words."""


@dataclass(frozen=True)
class InputFile:
    """Where one input is: a path and, for a workbook, the sheet."""

    path: Path
    sheet: str | None = None


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
        WRES 9: ``"exclude"`` (default) leaves board members and staff of unknown
        ethnicity out of both percentages, as the formula in ``reference/wres.md``
        §4 does; ``"include"`` keeps them in the denominators (unconfirmed rule).
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
    board_unknown_ethnicity: str = "exclude"
    leaving_denominator: str = "census"
    confidence_level: float = 0.95
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
    return_templates
        ``[returns] templates``: a folder of return templates and cell maps that
        replace the bundled ones (``docs/outputs.md``).
    source
        The file the configuration was read from (``None`` when built in code).
    """

    organisation_name: str
    year: int
    organisation_code: str = ""
    inputs: Mapping[str, InputFile] = field(default_factory=dict)
    levels: tuple[str, ...] = ()
    mappings: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    options: Options = field(default_factory=Options)
    wdes9b_action: bool | None = None
    wdes9b_narrative: str = ""
    history: tuple[HistoryFile, ...] = ()
    suppress_below: int = 5
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
        """A copy with options changed: ``with_options(disciplinary_window="one_year")``."""
        return replace(self, options=replace(self.options, **changes))


def _problem(source: str, key: str, value: object, rule: str) -> Problem:
    return Problem.error(source, None, key, value, rule)


def parse_config(data: Mapping[str, Any], base: Path, source: str = "config") -> Config:
    """Build a :class:`Config` from a parsed TOML table, reporting every problem.

    Raises
    ------
    InputError
        Listing every problem found in the configuration.
    """
    problems: list[Problem] = []

    for section in data:
        if section not in SECTIONS:
            problems.append(
                _problem(
                    source,
                    section,
                    None,
                    f"unknown section [{section}]; expected one of: " + ", ".join(SECTIONS),
                )
            )

    organisation = data.get("organisation", {})
    name = organisation.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(
            _problem(source, "organisation.name", name, "give the organisation's name as text")
        )
    code = organisation.get("code", "")
    if not isinstance(code, str):
        problems.append(_problem(source, "organisation.code", code, "give the code as text"))

    year = data.get("reporting", {}).get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 2015 <= year <= 2100:
        problems.append(
            _problem(
                source,
                "reporting.year",
                year,
                "give the reporting year as a whole number such as 2024 "
                "(census 31 March 2024); the WRES began in 2015",
            )
        )

    inputs: dict[str, InputFile] = {}
    for key, value in data.get("inputs", {}).items():
        if key not in INPUTS:
            problems.append(
                _problem(
                    source,
                    f"inputs.{key}",
                    value,
                    "unknown input; expected one of: " + ", ".join(INPUTS),
                )
            )
            continue
        sheet = None
        if isinstance(value, Mapping):
            sheet = value.get("sheet")
            value = value.get("path")
        if not isinstance(value, str) or not value:
            problems.append(
                _problem(
                    source,
                    f"inputs.{key}",
                    value,
                    'give a path such as "staff.csv" or a table '
                    '{ path = "staff.xlsx", sheet = "Data" }',
                )
            )
            continue
        path = (base / value).resolve()
        if not path.is_file():
            problems.append(
                _problem(
                    source, f"inputs.{key}", value, f"the file does not exist (looked for {path})"
                )
            )
            continue
        inputs[key] = InputFile(path, sheet)
    if "applications" in inputs and "applications_summary" in inputs:
        problems.append(
            _problem(
                source,
                "inputs.applications_summary",
                None,
                "give either applications (one row per application) or "
                "applications_summary (counts), not both",
            )
        )

    levels = data.get("breakdown", {}).get("levels", [])
    if not isinstance(levels, list) or not all(isinstance(x, str) and x for x in levels):
        problems.append(
            _problem(
                source,
                "breakdown.levels",
                levels,
                'give a list of column names, e.g. ["directorate", "unit"]',
            )
        )
        levels = []
    elif "organisation" in levels:
        problems.append(
            _problem(
                source,
                "breakdown.levels",
                "organisation",
                "organisation is always a level; list only the columns below it",
            )
        )

    mappings: dict[str, dict[str, str]] = {}
    for kind, table in data.get("mappings", {}).items():
        if kind not in MAPPING_KINDS:
            problems.append(
                _problem(
                    source,
                    f"mappings.{kind}",
                    None,
                    "unknown mapping; expected one of: " + ", ".join(MAPPING_KINDS),
                )
            )
            continue
        if not isinstance(table, Mapping) or not all(isinstance(v, str) for v in table.values()):
            problems.append(
                _problem(
                    source,
                    f"mappings.{kind}",
                    None,
                    'give a table of raw value = label, e.g. "XX" = "BME"',
                )
            )
            continue
        mappings[kind] = {str(k): v for k, v in table.items()}

    options = _parse_options(data.get("options", {}), source, problems)

    wdes9b = data.get("wdes9b", {})
    action = wdes9b.get("action_taken")
    if action is not None and not isinstance(action, bool):
        problems.append(_problem(source, "wdes9b.action_taken", action, "give true or false"))
        action = None
    narrative = wdes9b.get("narrative", "")
    if not isinstance(narrative, str):
        problems.append(_problem(source, "wdes9b.narrative", narrative, "give text"))
        narrative = ""

    history = _parse_history(data.get("history", {}), base, source, problems)
    publication = data.get("publication", {})
    for key in publication:
        if key != "suppress_below":
            problems.append(
                _problem(
                    source,
                    f"publication.{key}",
                    publication[key],
                    "unknown key; expected: suppress_below",
                )
            )
    suppress_below = publication.get("suppress_below", 5)
    if (
        not isinstance(suppress_below, int)
        or isinstance(suppress_below, bool)
        or not (0 <= suppress_below <= 1000)
    ):
        problems.append(
            _problem(
                source,
                "publication.suppress_below",
                suppress_below,
                "give a whole number such as 5 (counts from 1 to 4 are then "
                "shown as [c]); 0 turns suppression off",
            )
        )
        suppress_below = 5
    returns = data.get("returns", {})
    return_templates = None
    for key, value in returns.items():
        if key != "templates":
            problems.append(
                _problem(source, f"returns.{key}", value, "unknown key; expected: templates")
            )
        elif not isinstance(value, str) or not (base / value).is_dir():
            problems.append(
                _problem(
                    source,
                    "returns.templates",
                    value,
                    "give a folder holding WRES-return-template.xlsx and "
                    "WRES-return-cellmap.csv (or the WDES pair)",
                )
            )
        else:
            return_templates = (base / value).resolve()

    if problems:
        raise InputError(problems)
    return Config(
        organisation_name=name.strip(),
        organisation_code=code,
        year=year,
        inputs=inputs,
        levels=tuple(levels),
        mappings=mappings,
        options=options,
        wdes9b_action=action,
        wdes9b_narrative=narrative,
        history=history,
        suppress_below=suppress_below,
        return_templates=return_templates,
    )


def _parse_history(
    table: Mapping[str, Any], base: Path, source: str, problems: list[Problem]
) -> tuple[HistoryFile, ...]:
    """``[history] files``: a list of paths, or a table of year = path."""
    for key in table:
        if key != "files":
            problems.append(
                _problem(source, f"history.{key}", table[key], "unknown key; expected: files")
            )
    files = table.get("files", [])
    hint = (
        'give a list of earlier metrics.csv files, e.g. files = ["../2023/metrics.csv"], '
        'or a table of year = path, e.g. files = { 2023 = "../2023/metrics.csv" }'
    )
    if isinstance(files, Mapping):
        items: list[tuple[object, object]] = list(files.items())
    elif isinstance(files, list):
        items = [(None, f) for f in files]
    else:
        problems.append(_problem(source, "history.files", files, hint))
        return ()
    out = []
    for year, value in items:
        if year is not None and not (str(year).isdigit() and 2015 <= int(str(year)) <= 2100):
            problems.append(
                _problem(
                    source,
                    f"history.files.{year}",
                    value,
                    "give the reporting year as the key, such as 2023",
                )
            )
            continue
        if not isinstance(value, str) or not value:
            problems.append(_problem(source, "history.files", value, hint))
            continue
        path = (base / value).resolve()
        if not path.is_file():
            problems.append(
                _problem(
                    source, "history.files", value, f"the file does not exist (looked for {path})"
                )
            )
            continue
        out.append(HistoryFile(path, None if year is None else int(str(year))))
    return tuple(out)


def _parse_options(table: Mapping[str, Any], source: str, problems: list[Problem]) -> Options:
    known = {f.name: f for f in fields(Options)}
    defaults = Options()
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in known:
            problems.append(
                _problem(
                    source,
                    f"options.{key}",
                    value,
                    "unknown option; expected one of: " + ", ".join(known),
                )
            )
            continue
        default = getattr(defaults, key)
        if isinstance(default, bool):
            ok = isinstance(value, bool)
            hint = "give true or false"
        elif isinstance(default, float):
            ok = isinstance(value, int | float) and not isinstance(value, bool) and 0 < value < 1
            hint = "give a number between 0 and 1, such as 0.95"
        elif isinstance(default, int) or known[key].type == "int | None":
            ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
            hint = "give a whole number, 0 or more"
        elif key in CHOICES:
            ok = value in CHOICES[key]
            hint = "give " + " or ".join(f'"{c}"' for c in CHOICES[key])
        else:
            ok = isinstance(value, type(default))
            hint = f"give a {type(default).__name__}"
        if not ok:
            problems.append(_problem(source, f"options.{key}", value, hint))
            continue
        values[key] = float(value) if isinstance(default, float) else value
    return replace(defaults, **values)


def load_config(path: str | Path) -> Config:
    """Read and check a TOML run configuration.

    Raises
    ------
    InputError
        When the file is missing, is not valid TOML, or any key is wrong.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(
            [Problem.error(str(path), None, None, None, "the configuration file does not exist")]
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(
            [
                Problem.error(
                    str(path), None, None, None, f"the configuration is not valid TOML: {exc}"
                )
            ]
        ) from None
    config = parse_config(data, path.parent, str(path))
    return replace(config, source=path)
