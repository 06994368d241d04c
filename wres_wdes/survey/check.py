"""Check a survey file against the question map, and type it for counting.

Called by :func:`wres_wdes.load.load_frames` after the contract's own checks, so
``wres-wdes validate`` reports survey files like any other input: file, row,
column (as headed in the file), value and rule.

Respondent-level files (``survey_responses``):

- **errors**: a survey year with no question map; more than one survey year
  in a file, or a year other than ``options.survey_year``; an answer outside a
  question's code list.
- **warnings**: answers Excel turned into dates, repaired (one per distinct
  value); question columns the year's map does not know (a full extract holds
  every question; they are not used); questions a figure needs that the file
  lacks; ethnic group or long-term condition answers not recognised (counted
  as Unknown).

Published figures (``survey_results``) are checked by
:mod:`wres_wdes.survey.check_published`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..config import Config
from ..contract import header_key
from ..problems import Problem, row_problems
from .answers import code_answers, disability_groups, ethnic_groups, ethnicity_codes
from .check_published import check_results
from .questions import Rule, codebook, question_map, rules_for, survey_item, years

QUESTION_HEADER = re.compile(r"^q\d{1,2}[a-z]?\d{0,2}$")
"""A header (folded by :func:`~wres_wdes.contract.header_key`) that names a question."""


@dataclass
class Checked:
    """A survey input, typed, and what checking it found.

    Attributes
    ----------
    frame
        For ``survey_responses``: answers as codes under lower-case question
        names (``q14a``), ``survey_year`` filled, ``ethnic_group`` and
        ``disability_group`` from the survey's own questions. For
        ``survey_results``: standard, metric, category and group spelt as in
        ``metrics.csv``; ``positive`` filled from ``percent``; ``score`` for 9a.
    problems
        Errors and warnings, each naming file, row, column, value and rule.
    """

    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)


def map_path(config: Config) -> Path | None:
    """``options.survey_question_map``, relative to the configuration file."""
    given = config.options.survey_question_map
    if not given:
        return None
    path = Path(given)
    if not path.is_absolute() and config.source is not None:
        path = Path(config.source).parent / path
    return path


def load_map(config: Config) -> pd.DataFrame:
    """The question map of a run (raises ``ValueError`` for a bad local map)."""
    path = map_path(config)
    if path is not None and not path.is_file():
        raise ValueError(f"the question map {path} does not exist")
    return question_map(path)


def check_inputs(
    key: str, frame: pd.DataFrame, source: str, origin: Mapping[str, str], config: Config
) -> Checked:
    """Check and type a ``survey_responses`` or ``survey_results`` frame.

    Parameters
    ----------
    key
        ``"survey_responses"`` or ``"survey_results"``.
    frame
        The standardised frame, indexed by file row.
    source
        The file, for messages.
    origin
        Canonical column name to the header in the file.
    config
        The run configuration (reporting year, options).
    """
    if key == "survey_responses":
        return _check_responses(frame, source, origin, config)
    if key == "survey_results":
        out, problems = check_results(frame, source, origin, config.levels)
        return Checked(out, problems)
    raise ValueError(f"not a survey input: {key!r}")


# --- respondent level -------------------------------------------------------------------


def _survey_year(
    frame: pd.DataFrame,
    source: str,
    origin: Mapping[str, str],
    config: Config,
    problems: list[Problem],
) -> int | None:
    chosen = config.options.survey_year
    expected = chosen if chosen is not None else config.year - 1
    column = origin.get("survey_year", "survey_year")
    given = list(frame["survey_year"].dropna().unique()) if "survey_year" in frame else []
    if len(given) > 1:
        found = ", ".join(str(int(y)) for y in sorted(given))
        problems.append(
            Problem.error(
                source,
                None,
                column,
                found,
                f"the file holds more than one survey year ({found}); give one survey per run",
                code="survey-year",
            )
        )
        return None
    if len(given) == 0:
        return expected
    year = int(given[0])
    if chosen is not None and year != chosen:
        problems.append(
            Problem.error(
                source,
                None,
                column,
                year,
                f"the file's survey year is {year} but options.survey_year is {chosen}",
                code="survey-year",
            )
        )
        return None
    if year != expected:
        problems.append(
            Problem.warning(
                source,
                None,
                column,
                year,
                f"survey year {year} is not {expected}, the autumn before reporting year "
                f"{config.year}; the figures use the {year} survey (set options.survey_year "
                "to say so and silence this warning)",
                code="survey-year",
            )
        )
    return year


def _question_columns(
    frame: pd.DataFrame, book: Mapping[str, object], source: str, year: int, problems: list[Problem]
) -> dict[str, str]:
    """Question code → the file's header, for the questions of the year's map."""
    found: dict[str, str] = {}
    unknown: list[str] = []
    for header in frame.columns:
        folded = header_key(header)
        if folded in book:
            if folded in found:
                problems.append(
                    Problem.warning(
                        source,
                        None,
                        str(header),
                        None,
                        f'"{found[folded]}" and "{header}" are both question {folded}; '
                        f'"{found[folded]}" is used',
                        code="unknown-question",
                    )
                )
            else:
                found[folded] = str(header)
        elif QUESTION_HEADER.match(folded):
            unknown.append(str(header))
    for header in unknown:
        problems.append(
            Problem.warning(
                source,
                None,
                header,
                None,
                f"{header} is not a question of the {year} survey's map (survey_questions.csv); "
                "it is not used. If the file uses another year's numbering, set "
                "options.survey_year",
                code="unknown-question",
            )
        )
    return found


def _answer_rule(question: str, answers: Mapping[str, str], year: int) -> str:
    listed = "; ".join(
        f"{code} {label}" if label != code else code for code, label in answers.items()
    )
    return (
        f"{question} must be one of the {year} survey's answers: {listed} "
        "(blank or 99 when not answered)"
    )


def _missing_questions(
    rules: list[Rule], columns: Mapping[str, str], source: str, year: int, problems: list[Problem]
) -> None:
    """One warning per figure the file cannot give in full."""
    figures: dict[str, tuple[list[str], list[str]]] = {}
    for rule in rules:
        if rule.standard == "survey":
            continue
        name = f"{rule.standard} {rule.metric}"
        if rule.category and rule.metric != "9a":
            name += f" ({rule.category})"
        missing, present = figures.setdefault(name, ([], []))
        for question in rule.questions:
            (present if question in columns else missing).append(question)
    for name, (missing, present) in figures.items():
        if not missing:
            continue
        listed = ", ".join(missing)
        if not present:
            message = f"{name} is not computed: the file has no column {listed} (survey {year})"
        else:
            message = (
                f"{name} is computed without {listed}: the file has no such column "
                f"(survey {year}); check it is not under another header"
            )
        problems.append(Problem.warning(source, None, None, None, message, code="missing-question"))


def _groups(
    out: pd.DataFrame,
    rules: list[Rule],
    columns: Mapping[str, str],
    year: int,
    source: str,
    origin: Mapping[str, str],
    problems: list[Problem],
) -> None:
    """Add ``ethnic_group`` and ``disability_group`` from the survey's own questions."""
    ethnic_item = survey_item(rules, "ethnic_group")
    ltc = survey_item(rules, "long_term_condition")
    plans = (
        (
            "ethnicity",
            ethnic_item,
            "ethnic_group",
            lambda raw: ethnic_groups(raw, year),
            f"not a code of the {year} survey's ethnic group question "
            f"({min(ethnicity_codes(year), default='')}–{max(ethnicity_codes(year), default='')}) "
            "nor a label",
        ),
        (
            "disability",
            ltc,
            "disability_group",
            lambda raw: disability_groups(
                raw, ltc.answers if ltc else None, ltc.positive if ltc else frozenset({"1"})
            ),
            "not an answer to the long-term condition question (1 Yes, 2 No)",
        ),
    )
    for column, item, target, classify, rule in plans:
        question = next((q for q in (item.questions if item else ()) if q in columns), None)
        if column not in out and question is None:
            if target in out:  # the ESR classifier's reading of nothing: no group at all
                del out[target]
            continue
        raw = out[column].astype("string") if column in out else None
        if question is not None:
            answers = out[question].astype("string")
            raw = answers if raw is None else raw.fillna(answers)
        grouped = classify(raw)
        out[target] = grouped.values
        # a column not in the file is read from its question (else skipped above)
        from_file = column in out or question is None
        shown = origin.get(column, column) if from_file else columns[str(question)]
        for value, count in grouped.unrecognised.itertuples(index=False):
            problems.append(
                Problem.warning(
                    source,
                    None,
                    shown,
                    value,
                    f"{rule}; {count} respondent(s) counted as Unknown",
                    code="unknown-value",
                )
            )


def _check_responses(
    frame: pd.DataFrame, source: str, origin: Mapping[str, str], config: Config
) -> Checked:
    problems: list[Problem] = []
    try:
        table = load_map(config)
    except ValueError as exc:
        where = str(config.source) if config.source else "config"
        problems.append(
            Problem.error(
                where,
                None,
                "options.survey_question_map",
                config.options.survey_question_map,
                str(exc),
                code="invalid-question-map",
            )
        )
        return Checked(frame, problems)
    if frame.empty:  # nothing to count: the survey year and its map do not matter
        return Checked(frame, problems)
    year = _survey_year(frame, source, origin, config, problems)
    if year is None:
        return Checked(frame, problems)
    covered = years(table)
    if year not in covered:
        problems.append(
            Problem.error(
                source,
                None,
                origin.get("survey_year", "survey_year"),
                year,
                f"there is no question map for survey year {year}: the map covers "
                f"{covered[0]}–{covered[-1]}. Add the year's rows in a question map of your own "
                "(options.survey_question_map), or set options.survey_year if the year is wrong",
                code="no-question-map",
            )
        )
        return Checked(frame, problems)
    rules = rules_for(table, year, config.options.survey_2020_numbering)
    book = codebook(rules)
    ethnic = survey_item(rules, "ethnic_group")  # its codes are in survey_ethnicity.csv
    known = {**dict.fromkeys(ethnic.questions if ethnic else ()), **book}
    columns = _question_columns(frame, known, source, year, problems)
    out = frame.copy()
    for question, header in columns.items():
        if question not in book:
            out = out.rename(columns={header: question})
            continue
        coded = code_answers(frame[header], book[question])
        if coded.invalid.any():
            rows = frame.index[coded.invalid.to_numpy()]
            problems += row_problems(
                "error",
                source,
                header,
                rows,
                frame[header],
                _answer_rule(question, book[question], year),
                code="invalid-value",
            )
        for value, label, code, count in coded.repaired.itertuples(index=False):
            problems.append(
                Problem.warning(
                    source,
                    None,
                    header,
                    value,
                    f"Excel had turned the answer {label} into a date; {count} answer(s) "
                    f"{value} read as {label} (code {code})",
                    code="excel-date-answer",
                )
            )
        out = out.drop(columns=[header])
        out[question] = coded.codes
    _missing_questions(rules, columns, source, year, problems)
    _groups(out, rules, columns, year, source, origin, problems)
    out["survey_year"] = pd.array([year] * len(out), dtype="Int64")
    return Checked(out, problems)
