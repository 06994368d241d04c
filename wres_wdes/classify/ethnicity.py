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

_TOKEN = re.compile(r"^(99|[a-z][a-z0-9]?)(?:$|[\s\-:.)|]+(.*)$)")
_LOCAL_SUBCODE = re.compile(r"^[a-z][0-9]$")


@functools.cache
def _tables() -> tuple[dict[str, str], dict[str, str], PrefixIndex]:
    """(code → group, label words → group, prefix words → group)."""
    categories = reference.load("ethnic_categories")
    codes = dict(zip(categories["code"].str.casefold(), categories["group"], strict=True))
    labels = {
        word_key(label.casefold()): group
        for label, group in zip(categories["label"], categories["group"], strict=True)
    }
    table = reference.load("ethnic_labels")
    exact = table[table["match"] == "exact"]
    labels.update(
        (word_key(label.casefold()), group)
        for label, group in zip(exact["label"], exact["group"], strict=True)
    )
    prefix = table[table["match"] == "prefix"]
    prefixes = prefix_index(
        (word_key(label.casefold()), group)
        for label, group in zip(prefix["label"], prefix["group"], strict=True)
    )
    return codes, labels, prefixes


def _reason(group: str) -> Reason | None:
    return NOT_STATED if group == "Unknown" else None


def _by_label(text: str) -> str | None:
    _, labels, prefixes = _tables()
    key = word_key(text)
    group = labels.get(key)
    return group if group is not None else prefix_match(key, prefixes)


def _decide(value: str, overrides: Mapping[str, str]) -> tuple[str, Reason | None]:
    codes, _, _ = _tables()
    group = overrides.get(value) or codes.get(value)  # rules 1-2
    if group is not None:
        return group, _reason(group)
    token = _TOKEN.match(value)
    if token is not None:  # rule 3
        group = overrides.get(token[1]) or codes.get(token[1])
        if group is not None:
            return group, _reason(group)
    group = _by_label(value)  # rules 4-5
    if group is not None:
        return group, _reason(group)
    if token is not None and token[2]:  # rule 6
        group = _by_label(token[2])
        if group is not None:
            return group, _reason(group)
    if _LOCAL_SUBCODE.match(value):  # rule 7
        group = codes.get(value[0])
        if group in ("White", "BME"):
            return group, None
    if says_not_stated(value):  # rule 8
        return "Unknown", NOT_STATED
    return "Unknown", UNRECOGNISED


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
