"""Rows matched by key: each row's partner in another table, by integer codes.

The loader joins case, training and leaver rows to the staff list by
``person_id`` (within ``organisation`` in a run of several; ``DESIGN.md``, "Input
contract": the ESR record is the authority), and the exclusion rules find
bank-only people and leavers still in post the same way. Matching is not counting,
so it lives below :mod:`wres_wdes.counts` in the flow (read → standardise → count →
measure → write) and both the loader and the count tables use it.

Keys are reduced to one integer per row (Arrow's dictionary encoding, or the
number itself for plain decimal employee numbers), so a look-up is a sort and a
binary search over integers rather than a hash of millions of strings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pandas.api.types import union_categoricals


def _text_array(series: pd.Series) -> pa.Array:
    """A column as one Arrow string array, whatever its pandas dtype."""
    array = pa.array(series, from_pandas=True)
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks() if array.num_chunks else pa.array([], type=array.type)
    return array.cast(pa.string())


def _joint_codes(left: pd.Series, right: pd.Series) -> tuple[np.ndarray, np.ndarray, int]:
    """Integer codes of two columns over their common set of values, and its size."""
    if isinstance(left.dtype, pd.CategoricalDtype) and isinstance(right.dtype, pd.CategoricalDtype):
        both = union_categoricals([right.array, left.array], ignore_order=True)
        codes = both.codes.astype(np.int64)
        return codes[len(right) :], codes[: len(right)], len(both.categories)
    encoded = pa.concat_arrays([_text_array(right), _text_array(left)]).dictionary_encode()
    codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
    return codes[len(right) :], codes[: len(right)], len(encoded.dictionary)


def shared_codes(columns: Sequence[pd.Series]) -> tuple[list[np.ndarray], int]:
    """Integer codes of several text columns over one common set of values, and their bound.

    One pass over all of them (missing values get -1): the inputs that are
    joined on ``person_id`` are encoded once, not once per join. ESR employee
    numbers are decimal numbers; when every value is one, written the one way
    Python would write it, the number itself is the code (no hashing of millions
    of strings: about 0.05 s instead of 0.5 s for 3 million at national scale).
    """
    arrays = [_text_array(c) for c in columns]
    if not arrays:
        return [], 0
    joined = pa.concat_arrays(arrays)
    found = _decimal_codes(joined)
    if found is None:
        encoded = joined.dictionary_encode()
        codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
        size = len(encoded.dictionary)
    else:
        codes, size = found
    bounds = np.cumsum([0, *(len(a) for a in arrays)])
    return [codes[a:b] for a, b in pairwise(bounds)], size


_POWERS_OF_TEN = 10 ** np.arange(19, dtype=np.int64)

DECIMAL_CODE_LIMIT = 1 << 40
"""Largest number used as its own code (ESR employee numbers have 8 digits)."""


def _decimal_codes(text: pa.Array) -> tuple[np.ndarray, int] | None:
    """Each value's number as its code (-1 where missing), or None if that would not do.

    It does when every value is a positive whole number below
    :data:`DECIMAL_CODE_LIMIT` written in plain digits without leading zeros:
    then equal numbers are equal strings. A value Arrow parses to a number whose
    plain form is shorter than the value itself (``+12``, ``012``, `` 12``) is not
    written that way, so the whole column falls back to hashing.
    """
    try:
        numbers = pc.cast(text, pa.int64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    valid = ~np.asarray(numbers.is_null().to_numpy(zero_copy_only=False))
    values = numbers.fill_null(0).to_numpy(zero_copy_only=False)
    present = values[valid]
    if len(present) == 0 or present.min() < 1 or present.max() >= DECIMAL_CODE_LIMIT:
        return None
    lengths = pc.binary_length(text).fill_null(1).to_numpy(zero_copy_only=False)[valid]
    # a value of L characters is at most L digits, so it is written plainly exactly
    # when its number has L digits, i.e. is at least 10 ** (L - 1)
    if not (present >= _POWERS_OF_TEN[np.clip(lengths, 1, 19) - 1]).all():
        return None
    return np.where(valid, values, -1).astype(np.int64), int(present.max()) + 1


def key_positions(
    left: pd.DataFrame,
    right: pd.DataFrame,
    on: Sequence[str],
    coded: Mapping[str, tuple[np.ndarray, np.ndarray, int]] | None = None,
) -> np.ndarray:
    """For each row of ``left``, the first row of ``right`` with the same key, or -1.

    The key (``person_id``, within ``organisation`` when given) is reduced to one
    integer per row, so the look-up is a sort and a binary search over integers
    rather than a hash of millions of strings. ``coded`` gives, for a column of
    ``on``, its codes on the left and on the right and their number, when they
    are already known (see :func:`shared_codes`).
    """
    coded = coded or {}
    left_key = np.zeros(len(left), dtype=np.int64)
    right_key = np.zeros(len(right), dtype=np.int64)
    missing_left = np.zeros(len(left), dtype=bool)
    span = 1
    for column in on:
        if column in coded:
            lc, rc, size = coded[column]
        else:
            lc, rc, size = _joint_codes(left[column], right[column])
        if span * (size + 1) >= 1 << 62:  # sparse codes (see shared_codes): make them dense
            dense, values = pd.factorize(np.concatenate([lc, rc]), use_na_sentinel=False)
            dense = np.where(values[dense] < 0, -1, dense)
            lc, rc, size = dense[: len(lc)], dense[len(lc) :], len(values)
        span *= size + 1
        missing_left |= lc < 0
        left_key = left_key * (size + 1) + (lc + 1)
        right_key = right_key * (size + 1) + (rc + 1)
    if len(right_key) == 0:
        return np.full(len(left), -1, dtype=np.int64)
    unique, first = np.unique(right_key, return_index=True)
    where = np.minimum(np.searchsorted(unique, left_key), len(unique) - 1)
    hit = (unique[where] == left_key) & ~missing_left
    return np.where(hit, first[where], -1).astype(np.int64)


__all__ = ["DECIMAL_CODE_LIMIT", "key_positions", "shared_codes"]
