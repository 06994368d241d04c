"""The question map: which survey questions and answers make each figure, by survey year.

One table, ``reference/survey_questions.csv``, holds the rules of every survey
year from 2018 to 2024 (``reference/data-formats.md`` §5.1–5.4), one row per
``(survey_year, standard, metric, category)``; adding the 2025 survey is adding
its rows. A trust may replace rows or add years with a CSV of the same layout
(``options.survey_question_map``).

==================  ===============================================================
column              meaning
==================  ===============================================================
``survey_year``     the autumn of fieldwork (the WRES/WDES year after uses it)
``standard``        ``WRES``, ``WDES``, or ``survey`` for a row that is not a
                    figure but a question the figures need: ``long_term_condition``
                    (the disability question), ``ethnic_group``,
                    ``came_to_work_unwell`` and ``harassed`` (filters)
``metric``          ``5``, ``4a`` … ``9a``, or the name of a ``survey`` row
``category``        ``public``, ``managers``, ``colleagues`` (WDES 4a); the
                    sub-score ``motivation``, ``involvement``, ``advocacy`` (9a)
``questions``       ``|``-separated question codes; with several, a respondent
                    counts if *any* answer is positive, and is in the base if any
                    answer is (WRES 6: managers or colleagues)
``answers``         the code list, ``code=label|…``; every other answer is an error
``positive``        codes counted in the numerator
``excluded``        codes left out of the base (Not applicable)
``option``          an option of ``[options]`` that brings ``option_includes``
``option_includes`` into the base when true; out of it when false
``filter``          the base is only respondents positive on the ``survey`` row of
                    this name, or only the ``Disabled`` group
``filter_option``   an option that must be true for the filter to apply (blank:
                    always applies)
``variant``         blank, or a numbering chosen by ``options.survey_2020_numbering``
``points``          9a only: the score of each answer, in the order of ``answers``
``source``          where the row comes from, ending with its confidence tag
==================  ===============================================================

Blank answers and the contractor code ``99`` (Missing) are "not answered"
(``data-formats.md`` §5.2).
"""

from __future__ import annotations

import functools
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import pandas as pd

from .. import reference
from ..config import Options

COLUMNS = (
    "survey_year",
    "standard",
    "metric",
    "category",
    "questions",
    "answers",
    "positive",
    "excluded",
    "option",
    "option_includes",
    "filter",
    "filter_option",
    "variant",
    "points",
    "source",
    "confidence",
)
KEY = ("survey_year", "standard", "metric", "category")
REQUIRED = (*KEY, "questions", "answers", "positive")
"""Columns a trust's own map must have; the others may be left out (blank)."""
MISSING_CODES = frozenset({"99"})
"""Contractor code for a missing answer (``data-formats.md`` §5.2): not answered."""


@dataclass(frozen=True)
class Rule:
    """One row of the question map, parsed.

    Attributes
    ----------
    questions
        Question codes, lower case (``("q14b", "q14c")``).
    answers
        Code to label, in the questionnaire's order.
    positive, excluded
        Codes in the numerator; codes always out of the base.
    option, option_includes
        An option that, when true, puts ``option_includes`` in the base.
    filter, filter_option
        ``""``, a ``survey`` row name, or ``"Disabled"``; and the option, if
        any, that switches the filter on.
    points
        Code to score, for the engagement items of 9a.
    """

    survey_year: int
    standard: str
    metric: str
    category: str
    questions: tuple[str, ...]
    answers: Mapping[str, str]
    positive: frozenset[str]
    excluded: frozenset[str]
    option: str
    option_includes: frozenset[str]
    filter: str
    filter_option: str
    points: Mapping[str, float]
    source: str
    confidence: str

    def outside_base(self, options: object) -> frozenset[str]:
        """Codes left out of the base, given the run's options."""
        if self.option and not getattr(options, self.option, False):
            return self.excluded | self.option_includes
        return self.excluded

    def filter_applies(self, options: object) -> bool:
        """Whether the filter applies, given the run's options."""
        return bool(self.filter) and (
            not self.filter_option or bool(getattr(options, self.filter_option, False))
        )

    def base_codes(self, options: object) -> frozenset[str]:
        """Codes that put a respondent in the base."""
        return frozenset(self.answers) - self.outside_base(options)


def _codes(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split("|") if p.strip())


def _answers(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in _codes(text):
        code, _, label = part.partition("=")
        out[code.strip()] = label.strip() or code.strip()
    return out


def _rule(row: Mapping[Hashable, Any]) -> Rule:
    answers = _answers(row["answers"])
    points = _codes(row["points"])
    return Rule(
        survey_year=int(row["survey_year"]),
        standard=row["standard"],
        metric=row["metric"],
        category=row["category"],
        questions=tuple(q.lower() for q in _codes(row["questions"])),
        answers=answers,
        positive=frozenset(_codes(row["positive"])),
        excluded=frozenset(_codes(row["excluded"])),
        option=row["option"],
        option_includes=frozenset(_codes(row["option_includes"])),
        filter=row["filter"],
        filter_option=row["filter_option"],
        points=dict(zip(answers, (float(p) for p in points), strict=True)) if points else {},
        source=row["source"],
        confidence=row["confidence"],
    )


def read_map(path: str | Path) -> pd.DataFrame:
    """Read a trust's question map (``options.survey_question_map``), every cell as text.

    Raises
    ------
    ValueError
        If the file lacks a column of :data:`REQUIRED` or a row is malformed.
    """
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    table.columns = [c.strip().lower() for c in table.columns]
    missing = [c for c in REQUIRED if c not in table]
    if missing:
        raise ValueError(
            "the question map lacks the column(s) "
            + ", ".join(missing)
            + "; its columns are "
            + ", ".join(COLUMNS)
        )
    defaults = {"source": "local question map [unconfirmed]", "confidence": "unconfirmed"}
    for column in COLUMNS:
        if column not in table:
            table[column] = defaults.get(column, "")
    table = table[list(COLUMNS)].apply(lambda s: s.str.strip())
    options = {f.name for f in fields(Options)}
    for row in table.to_dict("records"):
        where = f"row {row['survey_year']} {row['standard']} {row['metric']} {row['category']}"
        try:
            rule = _rule(row)
        except ValueError as exc:
            raise ValueError(f"{where}: {exc}") from None
        for name in (rule.option, rule.filter_option):
            if name and name not in options:
                raise ValueError(f"{where}: {name} is not an option of [options]")
        listed = set(rule.answers)
        if listed and not (rule.positive | rule.excluded | rule.option_includes) <= listed:
            raise ValueError(f"{where}: positive and excluded answers must be in answers")
    return table


@functools.cache
def _packaged() -> pd.DataFrame:
    return reference.load("survey_questions")


def question_map(local: str | Path | None = None) -> pd.DataFrame:
    """The packaged map, with a trust's rows replacing those of the same key.

    Parameters
    ----------
    local
        A CSV in the same layout (``options.survey_question_map``), or None.
    """
    table = _packaged().copy()
    if local:
        own = read_map(local)
        keys = pd.MultiIndex.from_frame(own[list(KEY)])
        replaced = pd.MultiIndex.from_frame(table[list(KEY)]).isin(keys)
        table = pd.concat([table[~replaced], own], ignore_index=True)
    return table


def years(table: pd.DataFrame) -> list[int]:
    """Survey years the map covers, in order."""
    return sorted({int(y) for y in table["survey_year"]})


def rules_for(table: pd.DataFrame, year: int, numbering_2020: str = "as_2018") -> list[Rule]:
    """Every rule of one survey year, with the chosen variant of a disputed numbering."""
    rows = table[(table["survey_year"] == str(year)) & table["variant"].isin(["", numbering_2020])]
    return [_rule(row) for row in rows.to_dict("records")]


def codebook(rules: list[Rule]) -> dict[str, Mapping[str, str]]:
    """Question code to its code list, over every rule of a year.

    The ``ethnic_group`` question has no list here: ``survey_ethnicity.csv``
    holds its codes.
    """
    book: dict[str, Mapping[str, str]] = {}
    for rule in rules:
        for question in rule.questions:
            if rule.answers:
                book.setdefault(question, rule.answers)
    return book


def find(rules: list[Rule], standard: str, metric: str) -> list[Rule]:
    """The rules of one figure (several for WDES 4a and 9a), in map order."""
    return [r for r in rules if r.standard == standard and r.metric == metric]


def survey_item(rules: list[Rule], name: str) -> Rule | None:
    """The ``survey`` row of that name (``long_term_condition``, ``harassed`` …), if any."""
    found = find(rules, "survey", name)
    return found[0] if found else None
