"""Staff group, occupation code and grade → clinical / non-clinical / medical.

WRES indicator 1 and WDES metric 1 are reported separately for non-clinical
staff, clinical staff and the medical & dental block (wres.md §6; wdes.md §3).
NHS Digital splits medical from non-medical staff "using medical pay scales as
the initial determining field" [confirmed: data-formats.md S11], and clinical
from non-clinical by occupation code [unconfirmed: data-formats.md §4]. Rules,
first match wins, for each row:

1. **Medical grade** — the grade is a medical grade (``pay_band`` gave a
   ``medical_subgroup``) → medical [S11].
2. **Medical code or staff group** — the occupation code is numeric (medical
   and dental codes are three digits, data-formats.md S8 [confirmed]) or the
   staff group is ``Medical and Dental`` (NWD 01) → medical.
3. **Occupation code** — by its first character, ``reference/
   occupation_code_prefixes.csv``: ``G`` (NHS infrastructure support) →
   non-clinical [unconfirmed]; ``N``, ``S``, ``U``, ``T``, ``A``, ``H`` →
   clinical [derived or unconfirmed per row]. A code is three letters or
   digits whose first character is in that table; anything else is ignored.
4. **Staff group** — ``reference/staff_groups.csv``, by name (with ESR
   abbreviations such as ``Add Prof Scientific and Technic``, an optional NWD
   code prefix such as ``03 Nursing and Midwifery Registered``, and ``&`` read
   as ``and``) or by NWD code ``01``–``10``: Administrative and Clerical and
   Estates and Ancillary → non-clinical, the rest → clinical [unconfirmed: the
   staff-group fallback of data-formats.md §4].
5. Otherwise Unknown: reason ``"blank"`` if the row has neither a staff group
   nor an occupation code, else ``"unrecognised"``; the value reported is the
   staff group as given, or the occupation code when the staff group is blank.

Overrides (``[mappings.staff_group]`` and ``[mappings.occupation_code]``,
merged) replace the reference table's answer for that staff group or code; the
rule order stays. An occupation-code key may also be a prefix (``S`` or
``S1``); the longest matching key wins. So an override of a staff group does
not change rows whose occupation code decides them — override the code for
those.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from wres_wdes import reference
from wres_wdes.classify._common import (
    BLANK,
    NOT_STATED,
    UNRECOGNISED,
    Classified,
    check_overrides,
    factorize,
    make_unknown_frame,
    normalise,
    word_key,
)

STAFF_CATEGORIES = ("clinical", "non-clinical", "medical", "Unknown")
"""The categories of :func:`staff_category`'s result, in this order."""

_CLINICAL, _NON_CLINICAL, _MEDICAL, _UNKNOWN = range(4)
_BLANK_CODE, _UNRECOGNISED_CODE = -1, -2  # per-value answers that decide nothing
_CODE = {category: i for i, category in enumerate(STAFF_CATEGORIES)}
_OCCUPATION = re.compile(r"^[0-9a-z]{3}$|^[0-9]{1,3}$")  # 13 from a spreadsheet is 013
_NWD_PREFIX = re.compile(r"^(\d{1,2}) (.+)$")


@functools.cache
def _tables() -> tuple[dict[str, int], dict[int, int], dict[str, int]]:
    """(staff group words → category, NWD code → category, prefix → category)."""
    groups = reference.load("staff_groups")
    by_name = {
        word_key(name.casefold()): _CODE[category]
        for name, category in zip(groups["name"], groups["category"], strict=True)
    }
    by_code = {
        int(code): _CODE[category]
        for code, category in zip(groups["nwd_code"], groups["category"], strict=True)
    }
    prefixes = reference.load("occupation_code_prefixes")
    by_prefix = {
        prefix.casefold(): _CODE[category]
        for prefix, category in zip(prefixes["prefix"], prefixes["category"], strict=True)
    }
    return by_name, by_code, by_prefix


def _staff_group(value: str | None, overrides: Mapping[str, str]) -> int:
    if value is None:
        return _BLANK_CODE
    if value in overrides:
        return _CODE[overrides[value]]
    by_name, by_code, _ = _tables()
    key = word_key(value)
    if key in by_name:
        return by_name[key]
    if key.isdigit():
        return by_code.get(int(key), _UNRECOGNISED_CODE)
    prefixed = _NWD_PREFIX.match(key)
    if prefixed is not None:
        name = prefixed[2]
        if name in overrides:
            return _CODE[overrides[name]]
        if name in by_name:
            return by_name[name]
    return _UNRECOGNISED_CODE


def _occupation_code(value: str | None, overrides: Mapping[str, str]) -> int:
    if value is None:
        return _BLANK_CODE
    for end in range(len(value), 0, -1):  # the whole code, then ever shorter prefixes
        if value[:end] in overrides:
            return _CODE[overrides[value[:end]]]
    if not _OCCUPATION.match(value):
        return _UNRECOGNISED_CODE
    _, _, by_prefix = _tables()
    return by_prefix.get(value[0], _UNRECOGNISED_CODE)


def _per_row(raw: pd.Series | None, decide, n: int) -> tuple[np.ndarray, np.ndarray, list[object]]:
    """Per-row answers, per-row position in the unique values, unique values (+ None)."""
    if raw is None:
        return np.full(n, _BLANK_CODE, dtype=np.int8), np.zeros(n, dtype=np.intp), [None]
    index, uniques = factorize(raw)
    answers = [decide(normalise(value)) for value in uniques] + [_BLANK_CODE]
    return np.asarray(answers, dtype=np.int8)[index], index, [*uniques, None]


def staff_category(
    staff_group: pd.Series | None,
    occupation_code: pd.Series | None,
    bands: pd.DataFrame | None,
    overrides: Mapping[str, str] | None = None,
) -> Classified:
    """Classify each row as clinical, non-clinical or medical staff.

    Parameters
    ----------
    staff_group
        Raw ESR staff group (``Nursing and Midwifery Registered``,
        ``08 Administrative and Clerical``, ``Add Prof Scientific and Technic``),
        or None if the input has none.
    occupation_code
        Raw NHS occupation code (``N6H``, ``G2A``, ``013``), or None.
    bands
        :func:`~wres_wdes.classify.pay_band`'s ``values`` (its
        ``medical_subgroup`` column is used), or None.
    overrides
        Raw staff group name or occupation code (or code prefix) →
        ``"clinical"``, ``"non-clinical"``, ``"medical"`` or ``"Unknown"``: the
        config's ``[mappings.staff_group]`` and ``[mappings.occupation_code]``
        tables merged.

    Returns
    -------
    Classified
        ``values``: a categorical Series with categories exactly
        ``["clinical", "non-clinical", "medical", "Unknown"]``, aligned to the
        inputs' index. ``unknown``: the rows classified Unknown, by staff group
        (or occupation code where the staff group is blank), with count and
        reason.

    Raises
    ------
    ValueError
        If all three inputs are None, or an override's label is not one of the
        categories.

    Examples
    --------
    >>> staff_category(pd.Series(["Medical and Dental", "Estates and Ancillary", None]),
    ...                pd.Series([None, None, "N6H"]), None).values.tolist()
    ['medical', 'non-clinical', 'clinical']
    """
    given = [item for item in (staff_group, occupation_code, bands) if item is not None]
    if not given:
        raise ValueError(
            "staff_category needs a staff group, an occupation code or pay bands; all are None"
        )
    folded = check_overrides(
        overrides,
        STAFF_CATEGORIES,
        "staff category",
        "[mappings.staff_group] / [mappings.occupation_code]",
    )
    index = given[0].index
    n = len(index)
    group, group_at, group_values = _per_row(staff_group, lambda v: _staff_group(v, folded), n)
    code, code_at, code_values = _per_row(occupation_code, lambda v: _occupation_code(v, folded), n)
    medical_grade = (
        bands["medical_subgroup"].notna().to_numpy(dtype=bool)
        if bands is not None
        else np.zeros(n, dtype=bool)
    )
    category = np.select(
        [medical_grade, (code == _MEDICAL) | (group == _MEDICAL), code >= 0, group >= 0],
        [_MEDICAL, _MEDICAL, code, group],
        default=_UNKNOWN,
    ).astype(np.int8)
    values = pd.Series(
        pd.Categorical.from_codes(category, categories=pd.Index(list(STAFF_CATEGORIES))),
        index=index,
        name="staff_category",
    )
    unknown = _unknown(category, (group, group_at, group_values), (code, code_at, code_values))
    return Classified(values=values, unknown=unknown)


def _unknown(
    category: np.ndarray,
    group: tuple[np.ndarray, np.ndarray, list[object]],
    code: tuple[np.ndarray, np.ndarray, list[object]],
) -> pd.DataFrame:
    """Count the Unknown rows by (value, reason), the value taken from the staff group
    or, where that is blank, from the occupation code."""
    if len(group[2]) == 1 and len(code[2]) == 1:
        # neither column has a value (pay bands alone, as in a recruitment extract):
        # every Unknown row is blank; no per-row look-ups needed
        blank = int(np.count_nonzero(category == _UNKNOWN))
        return make_unknown_frame([(None, blank, BLANK)] if blank else [])
    rows = np.flatnonzero(category == _UNKNOWN)
    g, g_at, g_values = group[0][rows], group[1][rows], group[2]
    c, c_at, c_values = code[0][rows], code[1][rows], code[2]
    reason = np.where(
        (g == _UNKNOWN) | (c == _UNKNOWN),
        0,  # not stated
        np.where((g == _BLANK_CODE) & (c == _BLANK_CODE), 1, 2),  # blank, unrecognised
    )
    from_group = g != _BLANK_CODE
    # one integer per distinct (source, value, reason): group values first, then codes
    key = np.where(from_group, g_at, len(g_values) + c_at) * 3 + reason
    # a hash of integers, in order of first appearance (no sort of millions of rows)
    at, keys = pd.factorize(key)
    counts = np.bincount(at, minlength=len(keys))
    reasons = (NOT_STATED, BLANK, UNRECOGNISED)
    found = []
    for k, count in zip(keys, counts, strict=True):
        position, r = divmod(int(k), 3)
        value = (
            g_values[position] if position < len(g_values) else c_values[position - len(g_values)]
        )
        found.append((None if reasons[r] == BLANK else value, int(count), reasons[r]))
    return make_unknown_frame(_merge_blanks(found))


def _merge_blanks(rows: Sequence[tuple[object, int, str]]) -> list[tuple[object, int, str]]:
    """One row for all blanks (missing and empty values of either column)."""
    blank = sum(count for _, count, reason in rows if reason == BLANK)
    kept = [row for row in rows if row[2] != BLANK]
    if blank:
        first = next(i for i, row in enumerate(rows) if row[2] == BLANK)
        kept.insert(min(first, len(kept)), (None, blank, BLANK))
    return kept
