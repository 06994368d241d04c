"""Disability value → Disabled / Non-disabled / Unknown (WDES).

One table, ``reference/disability_values.csv``, shared by the staff list,
recruitment, case and board inputs [data-formats.md §2; wdes.md §11]. A value
is matched on its words: trimmed, case-folded, punctuation dropped, so
``Prefer Not To Answer``, ``prefer not to answer`` and ``Non-Disabled`` /
``non disabled`` are the same value.

- ``Yes``, ``Y``, ``Disabled`` → Disabled; ``No``, ``N``, ``Non-disabled`` →
  Non-disabled. The WDES category names are [confirmed: wdes.md S14, S15]; the
  raw ESR values ``Yes``/``No`` are [unconfirmed] and the interface flag ``N``
  [derived: data-formats.md S6, S7].
- ``1``/``2`` follow the Staff Survey disability question (1 Yes, 2 No)
  [derived: data-formats.md S12]; ``True``/``False``, ``T``/``F`` and ``0`` a
  boolean flag [unconfirmed].
- ``Not Declared``, ``Unspecified``, ``Prefer not to answer``, ``Unknown`` … →
  Unknown with reason ``"not stated"``: "everything else = Unknown" for WDES
  metric 1 [unconfirmed: data-formats.md §2]; ``Unspecified`` is
  [confirmed: wdes.md S14, S15].
- A value holding a phrase of ``reference/not_stated_phrases.csv`` (``I do not
  wish to disclose my disability status``, ``I would rather not say``) → Unknown,
  reason ``"not stated"`` [unconfirmed wordings].
- Missing or empty → Unknown, reason ``"blank"``; anything else → Unknown,
  reason ``"unrecognised"``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import pandas as pd

from wres_wdes import reference
from wres_wdes.classify._common import (
    NOT_STATED,
    UNRECOGNISED,
    Classified,
    Reason,
    check_overrides,
    classify_unique,
    group_values,
    says_not_stated,
    unknown_report,
    word_key,
)

DISABILITY_GROUPS = ("Disabled", "Non-disabled", "Unknown")
"""The categories of :func:`disability_group`'s result, in this order."""


@functools.cache
def _values() -> dict[str, str]:
    table = reference.load("disability_values")
    return {
        word_key(value.casefold()): group
        for value, group in zip(table["value"], table["group"], strict=True)
    }


def _decide(value: str, overrides: Mapping[str, str]) -> tuple[str, Reason | None]:
    group = overrides.get(value) or _values().get(word_key(value))
    if group is None:
        return "Unknown", NOT_STATED if says_not_stated(value) else UNRECOGNISED
    return group, NOT_STATED if group == "Unknown" else None


def disability_group(raw: pd.Series, overrides: Mapping[str, str] | None = None) -> Classified:
    """Classify raw disability values as Disabled, Non-disabled or Unknown.

    Parameters
    ----------
    raw
        Raw values as read (``Yes``, ``N``, ``Not Declared`` …; any case), with
        ``None``/``NaN`` for blanks.
    overrides
        The config's ``[mappings.disability]`` table: raw value →
        ``"Disabled"``, ``"Non-disabled"`` or ``"Unknown"`` (any case); keys are
        matched trimmed, case-folded and with spaces collapsed.

    Returns
    -------
    Classified
        ``values``: a categorical Series with categories exactly
        ``["Disabled", "Non-disabled", "Unknown"]``, aligned to ``raw``'s index.
        ``unknown``: every raw value classified Unknown, with its count and reason.

    Raises
    ------
    ValueError
        If an override's label is not Disabled, Non-disabled or Unknown.

    Examples
    --------
    >>> disability_group(pd.Series(["Yes", "n", "Not Declared", None])).values.tolist()
    ['Disabled', 'Non-disabled', 'Unknown', 'Unknown']
    """
    folded = check_overrides(overrides, DISABILITY_GROUPS, "disability", "[mappings.disability]")
    index, answers, reasons, uniques = classify_unique(
        raw, lambda value: _decide(value, folded), blank=("Unknown", "blank")
    )
    values = group_values(raw, answers, index, DISABILITY_GROUPS)
    return Classified(values=values, unknown=unknown_report(uniques, index, reasons))
