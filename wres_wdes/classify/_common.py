"""Shared machinery of the classifiers: normalising, classifying unique values, reporting.

Every classifier works on the *unique* raw values of a column (``pandas.factorize``),
decides each one once in plain Python, and spreads the answers back over the rows
with one ``numpy`` take. A 1.5-million-row column with a few hundred distinct values
costs one factorize and one take, never a Python loop per row.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

import numpy as np
import pandas as pd
from numpy.typing import DTypeLike

Reason = Literal["not stated", "blank", "unrecognised"]
NOT_STATED: Reason = "not stated"
BLANK: Reason = "blank"
UNRECOGNISED: Reason = "unrecognised"

UNKNOWN_COLUMNS = ("value", "count", "reason")

T = TypeVar("T", bound=Hashable)

# Text that a missing value becomes when someone converts a column to ``str``
# (``str(np.nan)``, ``str(pd.NA)``): treated as blank, not as a value.
MISSING_TEXT = frozenset({"nan", "<na>", "nat"})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class Classified:
    """The result of classifying one raw column.

    Attributes
    ----------
    values
        The classification, aligned to the input's index: a categorical Series
        (ethnicity, disability, staff category) or a DataFrame (pay band).
    unknown
        Every raw value that fell to Unknown, with its count: columns ``value``
        (the raw value as given; ``None`` for missing), ``count`` (int) and
        ``reason`` (``"not stated"``: a recognised value meaning unknown, such as
        ``Z`` or ``Not Declared``; ``"blank"``: missing or empty;
        ``"unrecognised"``: not in the reference data). Sorted by count,
        largest first; ties keep the order of first appearance.
    """

    values: pd.Series | pd.DataFrame
    unknown: pd.DataFrame


def normalise(value: object) -> str | None:
    """Fold one raw value for matching: trimmed, case-folded, inner spaces collapsed.

    Missing values (``None``, ``NaN``, ``pd.NA``, ``NaT``), empty or all-space text
    and the text ``"nan"`` / ``"<NA>"`` (a missing value converted to text) give
    ``None``. A whole-number float loses its ``.0`` so that ``99.0`` read from a
    spreadsheet matches the code ``99``.

    >>> normalise("  Band\\u00a08A ")
    'band 8a'
    >>> normalise(99.0), normalise(float("nan")), normalise("  ")
    ('99', None, None)
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer():
            value = int(value)
    text = " ".join(str(value).split()).casefold()
    if not text or text in MISSING_TEXT:
        return None
    return text


def word_key(text: str) -> str:
    """Reduce normalised text to lower-case words: ``&`` is ``and``, punctuation is space.

    >>> word_key("white - british")
    'white british'
    >>> word_key("nursing & midwifery registered")
    'nursing and midwifery registered'
    """
    return " ".join(_NON_ALNUM.sub(" ", text.replace("&", " and ")).split())


@functools.cache
def _not_stated_phrases() -> tuple[str, ...]:
    from wres_wdes import reference

    return tuple(word_key(p.casefold()) for p in reference.load("not_stated_phrases")["phrase"])


def says_not_stated(key: str) -> bool:
    """Whether a value's words hold a phrase meaning "asked and chose not to say".

    ``reference/not_stated_phrases.csv``: ``I do not wish to disclose my disability
    status``, ``Prefer not to say``, ``I would rather not say`` … hold one of its
    phrases as a run of whole words. The classifiers try this after their own
    tables, so it never overrules a code or a listed value.

    >>> says_not_stated("i do not wish to disclose my ethnic origin"), says_not_stated("no")
    (True, False)
    """
    padded = f" {word_key(key)} "
    return any(f" {phrase} " in padded for phrase in _not_stated_phrases())


PrefixIndex = Mapping[str, Sequence[tuple[str, str]]]


def prefix_index(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[tuple[str, str], ...]]:
    """Index ``(prefix words, value)`` pairs by first word, longest prefix first."""
    index: dict[str, list[tuple[str, str]]] = {}
    for prefix, value in pairs:
        index.setdefault(prefix.split(" ", 1)[0], []).append((prefix, value))
    return {
        word: tuple(sorted(items, key=lambda item: -len(item[0]))) for word, items in index.items()
    }


def prefix_match(key: str, prefixes: PrefixIndex) -> str | None:
    """The value of the longest prefix that ``key`` starts with, on a word boundary.

    ``prefixes`` comes from :func:`prefix_index`, so only prefixes sharing the
    key's first word are tried.

    >>> index = prefix_index([("white", "White"), ("white and", "BME")])
    >>> prefix_match("white and asian", index), prefix_match("white british", index)
    ('BME', 'White')
    >>> prefix_match("whiteboard", index) is None
    True
    """
    for prefix, value in prefixes.get(key.split(" ", 1)[0], ()):
        if key == prefix or key.startswith(prefix + " "):
            return value
    return None


def check_overrides(
    overrides: Mapping[str, str] | None,
    labels: Sequence[str],
    what: str,
    config_table: str,
) -> dict[str, str]:
    """Validate a ``[mappings]`` table and fold its keys like raw values.

    Parameters
    ----------
    overrides
        Raw value → label, from the config.
    labels
        The labels an override may give; matched ignoring case and returned in
        the spelling given here.
    what
        What is being classified, for the error message.
    config_table
        The config table the overrides come from, for the error message.

    Raises
    ------
    ValueError
        If a key is blank, a label is not one of ``labels``, or two keys that
        fold to the same value give different labels.
    """
    if not overrides:
        return {}
    by_fold = {label.casefold(): label for label in labels}
    folded: dict[str, str] = {}
    for raw_key, raw_label in overrides.items():
        key = normalise(raw_key)
        if key is None:
            raise ValueError(
                f"{config_table}: a key is blank ({raw_key!r}); give the raw {what} value "
                'to map, such as "Not Declared" = "Unknown"'
            )
        label = by_fold.get(str(raw_label).strip().casefold())
        if label is None:
            allowed = ", ".join(f'"{item}"' for item in labels)
            raise ValueError(
                f"{config_table}: {raw_key!r} = {raw_label!r} is not "
                f"{'an' if what[:1] in 'aeiou' else 'a'} {what} label; "
                f"use one of {allowed}"
            )
        if folded.get(key, label) != label:
            raise ValueError(
                f"{config_table}: {raw_key!r} is given twice with different labels "
                f"({folded[key]!r} and {label!r}); keys are matched ignoring case and spaces"
            )
        folded[key] = label
    return folded


def factorize(raw: pd.Series) -> tuple[np.ndarray, list[object]]:
    """Codes and unique values of a column; missing values get the extra last code.

    Returns ``(index, uniques)`` where ``index`` holds, for every row, the
    position of its value in ``uniques`` or ``len(uniques)`` for a missing value,
    so that ``answers[index]`` spreads per-unique answers (with one more slot for
    missing) over the rows.
    """
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    n = len(uniques)
    index = np.where(codes < 0, n, codes).astype(np.intp, copy=False)
    return index, list(uniques)


def per_distinct(
    values: pd.Series, answer, missing: object, dtype: DTypeLike = object
) -> np.ndarray:
    """``answer(value)`` for every row, worked out once per distinct value.

    Staff lists hold millions of rows and a few hundred distinct values (codes, bands,
    units): the answers are computed on the distinct values and spread over the rows by
    their codes. A missing value gets ``missing``.
    """
    index, uniques = factorize(values)
    table = np.array([answer(u) for u in uniques] + [missing], dtype=dtype)
    return table[index]


def unknown_report(
    uniques: Sequence[object],
    index: np.ndarray,
    reasons: Sequence[Reason | None],
) -> pd.DataFrame:
    """Count the rows of each unique value that fell to Unknown.

    Parameters
    ----------
    uniques
        The unique raw values (from :func:`factorize`).
    index
        Per-row position in ``uniques``; ``len(uniques)`` for missing.
    reasons
        Per unique value plus one slot for missing: the reason it is Unknown, or
        ``None`` if it was classified.
    """
    counts = np.bincount(index, minlength=len(uniques) + 1)
    values: list[object] = [*uniques, None]
    rows = [
        (values[i], int(counts[i]), reason)
        for i, reason in enumerate(reasons)
        if reason is not None and counts[i] > 0
    ]
    return make_unknown_frame(rows)


def make_unknown_frame(rows: Sequence[tuple[object, int, str]]) -> pd.DataFrame:
    """The ``unknown`` frame from ``(value, count, reason)`` rows, largest count first."""
    ordered = sorted(rows, key=lambda row: -row[1])  # stable: ties keep first appearance
    return pd.DataFrame(
        {
            "value": pd.Series([row[0] for row in ordered], dtype=object),
            "count": pd.Series([row[1] for row in ordered], dtype="int64"),
            "reason": pd.Series([row[2] for row in ordered], dtype="str"),
        }
    )


def classify_unique(
    raw: pd.Series,
    decide: Callable[[str], tuple[T, Reason | None]],
    blank: tuple[T, Reason | None],
) -> tuple[np.ndarray, list[T], list[Reason | None], list[object]]:
    """Decide every unique value of ``raw`` once.

    Returns ``(index, answers, reasons, uniques)``: ``answers`` and ``reasons``
    have one entry per unique value plus a last one for missing values, so
    ``answers[index]`` is the per-row answer.
    """
    index, uniques = factorize(raw)
    answers: list[T] = []
    reasons: list[Reason | None] = []
    memo: dict[str, tuple[T, Reason | None]] = {}
    for value in uniques:
        key = normalise(value)
        if key is None:
            answer = blank
        else:
            found = memo.get(key)
            if found is None:
                found = memo[key] = decide(key)
            answer = found
        answers.append(answer[0])
        reasons.append(answer[1])
    answers.append(blank[0])
    reasons.append(blank[1])
    return index, answers, reasons, uniques


def as_series(raw: object, name: str) -> pd.Series:
    """Accept a Series, or anything list-like, as a raw column."""
    if isinstance(raw, pd.Series):
        return raw
    if isinstance(raw, pd.Index):
        return pd.Series(raw.to_numpy(dtype=object), name=raw.name)
    if raw is None or isinstance(raw, str | bytes) or not isinstance(raw, Iterable):
        raise TypeError(f"{name} expects a pandas Series of raw values, not {type(raw).__name__}")
    return pd.Series(list(raw) if not isinstance(raw, np.ndarray) else raw, dtype=object)


def group_values(
    raw: pd.Series, answers: Sequence[str], index: np.ndarray, groups: Sequence[str]
) -> pd.Series:
    """The per-row categorical of groups, from the answer for each distinct value.

    ``answers[i]`` is the group of distinct value ``i``; ``index`` maps each row to
    its distinct value (as :func:`classify_unique` returns them).
    """
    position = {group: i for i, group in enumerate(groups)}
    codes = np.asarray([position[group] for group in answers], dtype=np.int8)[index]
    return pd.Series(
        pd.Categorical.from_codes(codes, categories=pd.Index(list(groups))),
        index=raw.index,
        name=raw.name,
    )
