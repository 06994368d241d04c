"""Grade or pay band → AfC band, medical subgroup and WDES cluster.

Rules, applied to each distinct value after trimming, case-folding and
collapsing spaces:

1. **Override** — the whole value, or one part of an ESR packed value, is a key
   of ``[mappings.pay_band]``.
2. **ESR packed value** — ``NHS|XR05|Review Body Band 5``: the parts are tried
   label first, then code (``NHS`` is skipped), so ``NHS|MC51|Consultant`` is a
   consultant by its label and ``NHS|XR05|…`` a band 5 by its code
   [confirmed format: data-formats.md S7, S30]. A pay-scale code and its label
   in one value, as ESR grade names are written (``XN05 Band 5``, ``MC51
   Consultant``), are tried the same way: the label, then the code
   [format as seen in trust exports; unconfirmed].
3. **Alias** — ``reference/pay_band_aliases.csv``: ``VSM`` and
   ``Very Senior Manager`` → ``vsm`` [derived: data-formats.md §3];
   ``Executive Director``, ``Chief Executive`` → ``vsm`` (VSM includes executive
   board members, wres.md §6; as grade values [unconfirmed]); ``Under Band 1``
   and ``Apprentice`` → ``under band 1`` [unconfirmed].
4. **Medical grade** — ``reference/medical_grades.csv``, matched on the whole
   grade's words with any parenthesis dropped (``Specialty Registrar (StR)``):
   the WRES indicator 1 medical rows consultant / non-consultant career grade /
   trainee grade / other [wres.md §6; grade names data-formats.md S9, §3].
   Matching is exact, never by prefix, so ``Consultant Nurse`` is not a doctor.
5. **ESR band code** — ``XR05``, ``XR5``, ``XR08A``, ``XN05``: ``X``, a letter
   for the pay scale, then the band [confirmed for XR02, XR05: data-formats.md
   S7, S30; other scale letters and the 8a–8d and 9 codes are read the same way,
   unconfirmed].
6. **Agenda for Change band** — the words left after dropping ``band``,
   ``review body``, ``range``, ``afc``, ``agenda for change``, ``nhs``,
   ``pay``, ``grade`` must be a band number 1–9, with a letter a–d for band 8
   only: ``Band 5``, ``5``, ``8a``, ``Band 8A``, ``Band 8 - Range A``,
   ``Review Body Band 5``. A bare ``Band 8`` is unrecognised, because 8a–8b and
   8c–8d are in different clusters.
7. Otherwise unrecognised: band and subgroup missing, reported with reason
   ``"unrecognised"`` (missing or empty values: ``"blank"``).

WDES metric 1 clusters [wdes.md §3; corroborated by LNWH labels, wdes.md S16]:
1 = bands 1–4, 2 = bands 5–7, 3 = bands 8a–8b, 4 = bands 8c, 8d, 9 and VSM,
5 = consultants, 6 = non-consultant career grades, 7 = trainee grades. Two
choices of this library, both [unconfirmed]: ``under band 1`` is in cluster 1
(whether it belongs there is not confirmed), and the medical ``other`` grades
(clinical assistant, hospital practitioner, …) are in cluster 6, read as
"non-consultants" (the LNWH label), so no doctor falls outside clusters 5–7.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from wres_wdes import reference
from wres_wdes.classify._common import (
    NOT_STATED,
    UNRECOGNISED,
    Classified,
    Reason,
    check_overrides,
    classify_unique,
    unknown_report,
    word_key,
)

MEDICAL_SUBGROUPS = ("consultant", "non-consultant career grade", "trainee grade", "other")
"""The WRES indicator 1 medical rows, in template order (``medical_subgroup`` values)."""

_PAREN = re.compile(r"\([^)]*\)")
_XR = re.compile(r"^x[a-z]0?([1-9])([a-d])?$")
_CODE_AND_LABEL = re.compile(r"^([a-z]{1,3}\d{1,3}[a-z]?)\s+(.+)$")
_AFC = re.compile(r"^([1-9])([a-d])?$")
_FILLER = frozenset(
    {"band", "review", "body", "range", "afc", "agenda", "for", "change", "nhs", "pay", "grade"}
)
_UNKNOWN_LABEL = "unknown"


@functools.cache
def _bands() -> pd.DataFrame:
    return (
        reference.load("pay_bands")
        .assign(
            order=lambda t: t["order"].astype(int),
            wdes_cluster=lambda t: t["wdes_cluster"].astype(int),
        )
        .sort_values("order")
    )


def _band_labels() -> tuple[str, ...]:
    return tuple(_bands()["band"])


BANDS: tuple[str, ...] = _band_labels()
"""The ``band`` labels in template order: ``under band 1``, ``band 1`` … ``band 9``, ``vsm``."""


@functools.cache
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, int]]:
    """(alias words → band label, grade words → subgroup, label → WDES cluster)."""
    aliases = reference.load("pay_band_aliases")
    alias = {
        word_key(_PAREN.sub(" ", raw.casefold())): label
        for raw, label in zip(aliases["raw"], aliases["label"], strict=True)
    }
    grades = reference.load("medical_grades")
    medical = {
        word_key(_PAREN.sub(" ", grade.casefold())): subgroup
        for grade, subgroup in zip(grades["grade"], grades["medical_subgroup"], strict=True)
    }
    cluster = dict(zip(_bands()["band"], _bands()["wdes_cluster"], strict=True))
    cluster.update(
        (subgroup, int(c))
        for subgroup, c in zip(grades["medical_subgroup"], grades["wdes_cluster"], strict=True)
    )
    return alias, medical, cluster


def _from_text(part: str) -> str | None:
    """The canonical label of one grade text, or None."""
    alias, medical, _ = _tables()
    key = word_key(_PAREN.sub(" ", part))
    label = alias.get(key) or medical.get(key)
    if label is not None:
        return label
    match = _XR.match(key.replace(" ", "")) or _AFC.match(
        "".join(word for word in key.split() if word not in _FILLER)
    )
    if match is None:
        return None
    number, letter = match[1], match[2] or ""
    if (number == "8") != bool(letter):  # 8 needs a letter a-d; no other band has one
        return None
    return f"band {number}{letter}"


def _decide(value: str, overrides: Mapping[str, str]) -> tuple[str | None, Reason | None]:
    parts = [value]
    if "|" in value:
        pieces = [piece.strip() for piece in value.split("|")]
        parts += [piece for piece in reversed(pieces) if piece and piece != "nhs"]
    coded = _CODE_AND_LABEL.match(value)
    if coded is not None:  # an ESR pay-scale code and its label: the label, then the code
        parts += [coded[2], coded[1]]
    for part in parts:
        label = overrides.get(part)
        if label is not None:
            return (None, NOT_STATED) if label == _UNKNOWN_LABEL else (label, None)
    for part in parts:
        label = _from_text(part)
        if label is not None:
            return label, None
    return None, UNRECOGNISED


def pay_band(raw: pd.Series, overrides: Mapping[str, str] | None = None) -> Classified:
    """Classify raw grades and pay bands as AfC band or medical subgroup, with WDES cluster.

    Parameters
    ----------
    raw
        Raw values as read: ``Band 5``, ``5``, ``8a``, ``Review Body Band 5``,
        ``XR05``, ``NHS|XR05|Review Body Band 5``, ``VSM``, or a medical grade
        such as ``Consultant``; any dtype, ``None``/``NaN`` for blanks.
    overrides
        The config's ``[mappings.pay_band]`` table: raw value (or one part of a
        packed value, such as ``MC51``) → a canonical label: one of :data:`BANDS`
        (``"band 5"``, ``"vsm"``, …), one of :data:`MEDICAL_SUBGROUPS`
        (``"consultant"``, …), or ``"unknown"``.

    Returns
    -------
    Classified
        ``values``: a DataFrame aligned to ``raw``'s index with columns

        ``band``
            ``"under band 1"``, ``"band 1"`` … ``"band 7"``, ``"band 8a"`` …
            ``"band 8d"``, ``"band 9"``, ``"vsm"`` (``str`` dtype); missing for
            medical grades and unrecognised values.
        ``medical_subgroup``
            ``"consultant"``, ``"non-consultant career grade"``,
            ``"trainee grade"``, ``"other"`` (``str`` dtype); missing when not a
            medical grade.
        ``wdes_cluster``
            WDES metric 1 cluster 1–7 (``Int64``); missing when unrecognised.

        ``unknown``: every raw value with neither a band nor a medical subgroup,
        with its count and reason.

    Raises
    ------
    ValueError
        If an override's label is not a band, a medical subgroup or ``unknown``.

    Examples
    --------
    >>> found = pay_band(pd.Series(["NHS|XR05|Review Body Band 5", "8C", "Consultant"]))
    >>> found.values.to_dict("list")  # doctest: +NORMALIZE_WHITESPACE
    {'band': ['band 5', 'band 8c', nan], 'medical_subgroup': [nan, nan, 'consultant'],
     'wdes_cluster': [2, 4, 5]}
    """
    labels = (*BANDS, *MEDICAL_SUBGROUPS, _UNKNOWN_LABEL)
    folded = check_overrides(overrides, labels, "pay band", "[mappings.pay_band]")
    index, answers, reasons, uniques = classify_unique(
        raw, lambda value: _decide(value, folded), blank=(None, "blank")
    )
    _, _, cluster_of = _tables()
    position = {label: i for i, label in enumerate(labels[:-1])}
    per_unique = np.asarray(
        [-1 if label is None else position[label] for label in answers], dtype=np.intp
    )
    per_row = per_unique[index]
    n_bands = len(BANDS)
    band_labels = pd.array([*BANDS, *[None] * len(MEDICAL_SUBGROUPS)], dtype="str")
    subgroup_labels = pd.array([*[None] * n_bands, *MEDICAL_SUBGROUPS], dtype="str")
    clusters = np.asarray([cluster_of[label] for label in labels[:-1]], dtype=np.int64)
    missing = per_row < 0
    values = pd.DataFrame(
        {
            "band": band_labels.take(per_row, allow_fill=True),
            "medical_subgroup": subgroup_labels.take(per_row, allow_fill=True),
            "wdes_cluster": pd.arrays.IntegerArray(
                np.where(missing, 0, clusters[np.where(missing, 0, per_row)]), missing
            ),
        },
        index=raw.index,
    )
    return Classified(values=values, unknown=unknown_report(uniques, index, reasons))
