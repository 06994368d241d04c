"""Respondent-level answers → count tables, one vectorised count per figure and category.

For each rule of the question map (``questions.Rule``) every respondent gets
two booleans:

``in base``
    answered one of the rule's questions with a code of the base (the code
    list less the excluded answers: Not applicable always; Don't know or No
    adjustment required as the options say), and passes the rule's filter
    (came to work unwell for WDES 6; the Disabled group for WDES 8; with
    ``options.survey_4b_require_harassment``, harassment from the public,
    managers or colleagues for WDES 4b, whose base is otherwise those not
    answering Not applicable).
``positive``
    in the base, and answered one of the questions with a positive code (WRES 6:
    at least once from managers *or* from other colleagues).

Then one :func:`~wres_wdes.counts.level_counts` per rule sums them by unit
(organisation and every breakdown column of the file) and group: ``n`` is the
base and ``events`` the positive answers (``reference/data-formats.md`` §5.3).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..config import Options
from ..counts import level_counts, widen_groups
from ..metrics.registry import Metric
from .questions import Rule, find, survey_item

GROUP_COLUMN = {"ethnicity": "ethnic_group", "disability": "disability_group"}


def metric_groups(metric: Metric) -> list[str]:
    """The groups of a survey figure: group, then reference (WDES 8: Disabled only)."""
    return [g for g in (metric.group, metric.reference_group) if g]


def _any(frame: pd.DataFrame, questions: tuple[str, ...], codes: frozenset[str]) -> np.ndarray:
    """True where any of the (present) questions is answered with one of ``codes``."""
    hit = np.zeros(len(frame), dtype=bool)
    for question in questions:
        if question in frame:
            hit |= frame[question].isin(list(codes)).fillna(False).to_numpy(dtype=bool)
    return hit


def answered(
    rule: Rule, frame: pd.DataFrame, rules: list[Rule], options: Options
) -> tuple[np.ndarray, np.ndarray] | None:
    """``(in_base, positive)`` per respondent for one rule; None without its questions.

    A filter whose question the file lacks is not applied: the survey routes
    respondents past the question it guards (q11e is asked only if q11d is
    Yes; data-formats.md §5.2), so the base is already the filtered one.
    """
    if not any(q in frame for q in rule.questions):
        return None
    base = _any(frame, rule.questions, rule.base_codes(options))
    if rule.filter_applies(options) and rule.filter == "Disabled":
        if "disability_group" not in frame:
            return None
        base &= (frame["disability_group"] == "Disabled").to_numpy(dtype=bool)
    elif rule.filter_applies(options):
        item = survey_item(rules, rule.filter)
        if item is not None and any(q in frame for q in item.questions):
            base &= _any(frame, item.questions, item.positive)
    positive = base & _any(frame, rule.questions, rule.positive)
    return base, positive


def respondent_counts(
    metric: Metric,
    rules: list[Rule],
    frame: pd.DataFrame,
    levels: tuple[str, ...],
    split: tuple[str, ...],
    options: Options,
) -> pd.DataFrame | None:
    """The count table of one percentage figure from respondent-level answers.

    Returns
    -------
    pandas.DataFrame or None
        ``organisation, level, unit, [split], category`` and ``n_<group>``,
        ``events_<group>`` for the metric's groups; None when the file lacks the
        figure's questions or its grouping.
    """
    column = GROUP_COLUMN[metric.grouping]
    if column not in frame:
        return None
    groups = metric_groups(metric)
    grouped = frame.assign(group=frame[column].astype("string").fillna("Unknown"))
    parts = []
    for rule in find(rules, metric.standard, metric.metric):
        found = answered(rule, grouped, rules, options)
        if found is None:
            continue
        base, positive = found
        counts = level_counts(
            grouped.assign(_base=base, _positive=positive),
            levels,
            [*split, "group"],
            sums={"n": "_base", "events": "_positive"},
            size=None,
        )
        table = widen_groups(counts, list(split), groups, ["n", "events"])
        parts.append(table.assign(category=rule.category))
    if not parts:
        return None
    return pd.concat(parts, ignore_index=True)
