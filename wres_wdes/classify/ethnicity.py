"""Ethnic category → White / BME / Unknown (WRES grouping).

Rules, in order, applied to each distinct value after trimming, case-folding and
collapsing spaces:

1. **Override** — the whole value is a key of ``[mappings.ethnicity]``.
2. **Code** — the whole value is a code of ``reference/ethnic_categories.csv``:
   the 16+1 codes ``A``–``S`` and ``Z``, ``99``, ``X`` and every two-character
   sub-code (``CY``, ``LB``, …). The national code is the first character and
   the second "is for local use" but nests under it, so a sub-code takes the
   group of its first character [confirmed: data-formats.md S1; sub-code list
   S2, S3, S4]. ``A``, ``B``, ``C`` are White, ``D``–``S`` BME, ``Z``, ``99``
   and ``X`` Unknown [confirmed: S1, S27; wres.md §5].
3. **Code and label** — a leading code token followed by a space or ``-:.)``,
   as in ``A White - British`` or ``LB Asian - Punjabi``. The token is one or
   two characters (or ``99``) and must be a known code (or an override key),
   also when packed with a pipe (``A|White - British``),
   so a label such as ``Black or Black British - African`` is never read as the
   code ``B``. The code decides; the label is not checked against it.
4. **Label** — the value's words (punctuation dropped) equal a label of
   ``ethnic_categories.csv`` or an ``exact`` label of ``ethnic_labels.csv``
   (``White - British``, ``Polish``, ``Gypsy or Irish Traveller``, ``Arab``,
   ``Not stated``, ``Undefined``, …).
5. **Label heading** — the value starts with a ``prefix`` label of
   ``ethnic_labels.csv`` on a word boundary, the longest one winning:
   ``White …`` is White, but ``White and Asian`` (a Mixed category written
   without its heading) is BME; ``Mixed``, ``Asian``, ``Black``,
   ``Other Ethnic`` … are BME [derived: S1 headings; 2021 census S22].
6. **Unknown token, known label** — a leading one- or two-character token that
   is not a code, followed by text that classifies under rules 4–5
   (``T Arab`` from the Welsh code system is BME by its label).
7. **Local sub-code** — an unlisted two-character code whose second character
   is a digit (``A1``, ``N2``) takes the group of its first character
   [derived: S1, the second character is for local use]. Unlisted two-letter
   codes are *not* grouped this way, because ``NA``, ``NK`` and ``NS`` (not
   available / known / stated) would read as ``N`` (BME).
8. **Not stated in words** — the value holds a phrase of
   ``reference/not_stated_phrases.csv`` (``I do not wish to disclose my ethnic
   origin``, ``Prefer not to say``): Unknown, reason ``"not stated"``
   [unconfirmed wordings].
9. Otherwise **Unknown**, reported as ``"unrecognised"``.

Missing and empty values are Unknown with reason ``"blank"``; recognised values
meaning unknown (``Z``, ``99``, ``Not stated``, ``Prefer not to say`` …) have
reason ``"not stated"``, as does an override to ``"Unknown"``.

2021-census labels (Roma; Gypsy or Irish Traveller; Arab) follow the 2001
White / BME split: Gypsy, Irish Traveller and Roma are White (sub-codes CL, CM,
CN), Arab is BME (under S) [derived: data-formats.md §1.3]; the grouping of the
2021 labels as a whole is [unconfirmed].
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

import pandas as pd

from wres_wdes import reference
from wres_wdes.classify._common import (
    NOT_STATED,
    UNRECOGNISED,
    Classified,
    PrefixIndex,
    Reason,
    check_overrides,
    classify_unique,
    group_values,
    prefix_index,
    prefix_match,
    says_not_stated,
    unknown_report,
    word_key,
)

ETHNIC_GROUPS = ("White", "BME", "Unknown")
"""The categories of :func:`ethnic_group`'s result, in this order."""

HIGH_LEVEL_GROUPS = ("Asian", "Black", "Mixed", "Other", "White", "BME unspecified", "Unknown")
"""The categories of :func:`ethnic_high_level`'s result, in this order: the five high-level
groups of the 2021 census for England (Chinese under Asian, Arab under Other ethnic
group [confirmed: data-formats.md §1.3, S22]), then a BME value that names no group
(``BAME``, an override to BME of a value no rule places), then Unknown."""

HIGH_LEVEL_FOCUS = ("Asian", "Black", "Mixed", "Other")
"""The high-level groups compared with White, the reference, in the ethnic-group view."""

_TOKEN = re.compile(r"^(99|[a-z][a-z0-9]?)(?:$|[\s\-:.)|]+(.*)$)")
_LOCAL_SUBCODE = re.compile(r"^[a-z][0-9]$")


Answer = str
"""What a table gives for a value: ``"group|high level"`` (``"BME|Asian"``)."""


def _answers(table: pd.DataFrame) -> list[Answer]:
    return (table["group"] + "|" + table["high_level"]).tolist()


@functools.cache
def _tables() -> tuple[dict[str, Answer], dict[str, Answer], PrefixIndex]:
    """(code → answer, label words → answer, prefix words → answer), each answer the
    WRES group and the high-level group together."""
    categories = reference.load("ethnic_categories")
    codes = dict(zip(categories["code"].str.casefold(), _answers(categories), strict=True))
    labels = {
        word_key(label.casefold()): answer
        for label, answer in zip(categories["label"], _answers(categories), strict=True)
    }
    table = reference.load("ethnic_labels")
    exact = table[table["match"] == "exact"]
    labels.update(
        (word_key(label.casefold()), answer)
        for label, answer in zip(exact["label"], _answers(exact), strict=True)
    )
    prefix = table[table["match"] == "prefix"]
    prefixes = prefix_index(
        (word_key(label.casefold()), answer)
        for label, answer in zip(prefix["label"], _answers(prefix), strict=True)
    )
    return codes, labels, prefixes


def _reason(answer: Answer) -> Reason | None:
    return NOT_STATED if answer.startswith("Unknown") else None


def _by_label(text: str) -> Answer | None:
    _, labels, prefixes = _tables()
    key = word_key(text)
    answer = labels.get(key)
    return answer if answer is not None else prefix_match(key, prefixes)


def _natural(value: str) -> tuple[Answer, Reason | None]:
    """Rules 2–9 for one value: its answer by the reference tables alone."""
    codes, _, _ = _tables()
    answer = codes.get(value)  # rule 2
    if answer is not None:
        return answer, _reason(answer)
    token = _TOKEN.match(value)
    if token is not None:  # rule 3
        answer = codes.get(token[1])
        if answer is not None:
            return answer, _reason(answer)
    answer = _by_label(value)  # rules 4-5
    if answer is not None:
        return answer, _reason(answer)
    if token is not None and token[2]:  # rule 6
        answer = _by_label(token[2])
        if answer is not None:
            return answer, _reason(answer)
    if _LOCAL_SUBCODE.match(value):  # rule 7
        answer = codes.get(value[0])
        if answer is not None and not answer.startswith("Unknown"):
            return answer, None
    if says_not_stated(value):  # rule 8
        return "Unknown|Unknown", NOT_STATED
    return "Unknown|Unknown", UNRECOGNISED


def _override(value: str, overrides: Mapping[str, str]) -> str | None:
    """Rule 1 (and rule 3 for an override keyed by a code): the override's group."""
    group = overrides.get(value)
    if group is None:
        token = _TOKEN.match(value)
        group = overrides.get(token[1]) if token is not None else None
    return group


def _decide(value: str, overrides: Mapping[str, str]) -> tuple[str, Reason | None]:
    group = _override(value, overrides)
    if group is not None:
        return group, _reason(group)
    answer, reason = _natural(value)
    return answer.split("|")[0], reason


def _decide_high_level(value: str, overrides: Mapping[str, str]) -> tuple[str, Reason | None]:
    """The high-level group: an override decides White or Unknown; an override to BME
    keeps the value's own group when the tables place it under a BME group, else
    ``BME unspecified`` (an override never guesses which group)."""
    group = _override(value, overrides)
    natural, reason = _natural(value)
    wres_group, high = natural.split("|")
    if group is None:
        return high, reason
    if group == "BME":
        return (high if wres_group == "BME" else "BME unspecified"), None
    return ("White", None) if group == "White" else ("Unknown", NOT_STATED)


def ethnic_group(raw: pd.Series, overrides: Mapping[str, str] | None = None) -> Classified:
    """Classify raw ethnic category values as White, BME or Unknown.

    The rules, their order and their sources are in this module's docstring and
    in ``docs/classification.md``.

    Parameters
    ----------
    raw
        Raw values as read: codes (``A``, ``CY``, ``Z``, ``99``), code and label
        (``A White - British``), or labels (``White - British``); any dtype,
        with ``None``/``NaN`` for blanks.
    overrides
        The config's ``[mappings.ethnicity]`` table: raw value → ``"White"``,
        ``"BME"`` or ``"Unknown"`` (any case). Keys are matched like raw values
        (trimmed, case-folded, spaces collapsed); a key that is a code also
        applies to that code followed by a label.

    Returns
    -------
    Classified
        ``values``: a categorical Series with categories exactly
        ``["White", "BME", "Unknown"]``, aligned to ``raw``'s index.
        ``unknown``: every raw value classified Unknown, with its count and
        reason.

    Raises
    ------
    ValueError
        If an override's label is not White, BME or Unknown.

    Examples
    --------
    >>> result = ethnic_group(pd.Series(["A", "N Black or Black British - African", "Z", None]))
    >>> result.values.tolist()
    ['White', 'BME', 'Unknown', 'Unknown']
    >>> result.unknown[["value", "reason"]].to_dict("list")
    {'value': ['Z', None], 'reason': ['not stated', 'blank']}
    """
    folded = check_overrides(overrides, ETHNIC_GROUPS, "ethnicity", "[mappings.ethnicity]")
    index, answers, reasons, uniques = classify_unique(
        raw, lambda value: _decide(value, folded), blank=("Unknown", "blank")
    )
    values = group_values(raw, answers, index, ETHNIC_GROUPS)
    return Classified(values=values, unknown=unknown_report(uniques, index, reasons))


def ethnic_high_level(raw: pd.Series, overrides: Mapping[str, str] | None = None) -> Classified:
    """Classify raw ethnic category values into the high-level groups of
    :data:`HIGH_LEVEL_GROUPS`, by the same rules as :func:`ethnic_group`.

    Beyond the standard: WRES compares White with BME as one group, which hides large
    differences between the groups within it. A national code's first character
    decides (A–C White, D–G Mixed, H–L Asian, M–P Black, S Other: the headings of the
    NHS Data Dictionary's ETHNIC CATEGORY [confirmed: data-formats.md S1]; R Chinese
    as Asian and Arab as Other, as the 2021 census for England places them
    [confirmed: data-formats.md §1.3, S22]), a sub-code nesting under it (S1); labels
    by the ``high_level`` column of ``ethnic_labels.csv``. ``overrides`` are the
    ``[mappings.ethnicity]`` table, as for :func:`ethnic_group`.

    >>> ethnic_high_level(pd.Series(["H", "R", "SA", "LB Punjabi", "BAME", "Z"])).values.tolist()
    ['Asian', 'Asian', 'Other', 'Asian', 'BME unspecified', 'Unknown']
    """
    folded = check_overrides(overrides, ETHNIC_GROUPS, "ethnicity", "[mappings.ethnicity]")
    index, answers, reasons, uniques = classify_unique(
        raw, lambda value: _decide_high_level(value, folded), blank=("Unknown", "blank")
    )
    values = group_values(raw, answers, index, HIGH_LEVEL_GROUPS)
    return Classified(values=values, unknown=unknown_report(uniques, index, reasons))
