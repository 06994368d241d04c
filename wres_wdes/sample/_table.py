"""A generated table, column by column, and its two outputs: a DataFrame and CSV bytes.

Text columns are held as integer codes into a small vocabulary (``Coded``), identifiers
as numbers with a prefix (``Numbered``) and counts as integers (``Counts``). From that
form:

* :func:`to_frame` builds the DataFrame that reading the CSV back gives: text as
  pandas' string dtype (object before pandas 3), blanks as missing, counts as int64;
* :func:`write_csv` writes the file with numpy alone: each chunk of rows becomes one
  byte matrix (fields padded with NUL, then commas and newlines) and dropping the NUL
  bytes leaves the CSV text. No value needs quoting (checked), so the bytes equal
  ``DataFrame.to_csv(index=False, lineterminator="\\n")`` (tested) at some
  twenty times the speed, with or without pyarrow.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._draw import digits

try:  # optional: a faster way to build the same string columns
    import pyarrow as _pa
except ImportError:  # pragma: no cover - exercised by monkeypatching in the tests
    _pa = None

_PANDAS_3 = int(pd.__version__.split(".")[0]) >= 3
_TEXT_DTYPE: Any = "str" if _PANDAS_3 else object  # the dtype read_csv gives text
_NOT_ALLOWED = (",", '"', "\n", "\r", "\x00")


def _check_value(value: str) -> str:
    if any(c in value for c in _NOT_ALLOWED) or value != value.strip():
        raise ValueError(f"sample value {value!r} would need quoting in a CSV file")
    return value


def _check_vocab(vocab) -> np.ndarray:
    """The vocabulary as an object array of str, each checked by :func:`_check_value`."""
    vocab = np.array([str(v) for v in vocab], dtype=object)
    joined = "\x01".join(vocab)  # one scan of the text instead of one per value
    if any(c in joined for c in _NOT_ALLOWED) or re.search(r"(^|\x01)\s|\s(\x01|$)", joined):
        for value in vocab:
            _check_value(value)
    return vocab


@dataclass(frozen=True, eq=False)
class Coded:
    """Text as codes into ``vocab``; the empty string is a blank (missing) value."""

    codes: np.ndarray
    vocab: np.ndarray

    def __post_init__(self) -> None:
        object.__setattr__(self, "vocab", _check_vocab(self.vocab))
        object.__setattr__(self, "codes", np.asarray(self.codes, dtype=np.int64))

    def __len__(self) -> int:
        return self.codes.size


@dataclass(frozen=True, eq=False)
class Numbered:
    """Identifiers ``prefix`` + ``numbers`` written with ``width`` digits, zero-padded."""

    numbers: np.ndarray
    width: int
    prefix: str = ""

    def __post_init__(self) -> None:
        numbers = np.asarray(self.numbers, dtype=np.int64)
        if numbers.size and (numbers.min() < 0 or numbers.max() >= 10**self.width):
            raise ValueError(f"identifiers do not fit in {self.width} digits")
        object.__setattr__(self, "numbers", numbers)
        _check_value(self.prefix)

    def __len__(self) -> int:
        return self.numbers.size

    def matrix(self, start: int = 0, stop: int | None = None) -> np.ndarray:
        numbers = self.numbers[start:stop]
        prefix = np.frombuffer(self.prefix.encode(), dtype=np.uint8)
        out = np.empty((numbers.size, prefix.size + self.width), dtype=np.uint8)
        out[:, : prefix.size] = prefix
        out[:, prefix.size :] = digits(numbers, self.width)
        return out


@dataclass(frozen=True, eq=False)
class Counts:
    """Whole numbers (a count column of a summary file)."""

    values: np.ndarray

    def __len__(self) -> int:
        return np.asarray(self.values).size

    def coded(self) -> Coded:
        values, codes = np.unique(np.asarray(self.values, dtype=np.int64), return_inverse=True)
        return Coded(codes, np.array([str(v) for v in values], dtype=object))


Column = Coded | Numbered | Counts
Table = dict[str, Column]


def rows(table: Table) -> int:
    """Number of rows of a table (every column has the same length)."""
    lengths = {len(column) for column in table.values()}
    if len(lengths) != 1:
        raise ValueError(f"columns differ in length: {sorted(lengths)}")
    return lengths.pop()


# --- DataFrame -------------------------------------------------------------------------------


def _text(codes: np.ndarray, vocab: np.ndarray) -> pd.api.extensions.ExtensionArray:
    if _pa is not None and _PANDAS_3:
        dictionary = _pa.array([v or None for v in vocab], type=_pa.string())
        indices = _pa.array(codes.astype(np.int32))
        return pd.array(_pa.DictionaryArray.from_arrays(indices, dictionary).dictionary_decode(),
                        dtype=_TEXT_DTYPE)  # fmt: skip
    values = np.array([v or None for v in vocab], dtype=object)[codes]
    return pd.array(values, dtype=_TEXT_DTYPE)


def _identifiers(column: Numbered) -> pd.api.extensions.ExtensionArray:
    matrix = column.matrix()
    fixed = np.ascontiguousarray(matrix).view(f"S{matrix.shape[1]}").ravel()
    if _pa is not None and _PANDAS_3:
        return pd.array(_pa.array(fixed).cast(_pa.string()), dtype=_TEXT_DTYPE)
    return pd.array(fixed.astype("U").astype(object), dtype=_TEXT_DTYPE)


def to_frame(table: Table) -> pd.DataFrame:
    """The DataFrame of a table, as ``pandas.read_csv(path, dtype=str)`` would give it
    (count columns as int64)."""
    n = rows(table)
    data: dict[str, Any] = {}
    for header, column in table.items():
        if isinstance(column, Coded):
            data[header] = _text(column.codes, column.vocab)
        elif isinstance(column, Numbered):
            data[header] = _identifiers(column)
        else:
            data[header] = np.asarray(column.values, dtype=np.int64)
    return pd.DataFrame(data, index=pd.RangeIndex(n))


# --- CSV -----------------------------------------------------------------------------------


def _encoder(column: Column):
    """A function of ``(start, stop)`` giving the column's NUL-padded byte matrix."""
    if isinstance(column, Counts):
        column = column.coded()
    if isinstance(column, Numbered):
        return column.matrix, len(column.prefix) + column.width
    encoded = [v.encode("utf-8") for v in column.vocab]
    width = max(1, max((len(b) for b in encoded), default=1))
    fixed = np.array(encoded, dtype=f"S{width}")
    codes = column.codes

    def matrix(start: int, stop: int) -> np.ndarray:
        return fixed[codes[start:stop]].view(np.uint8).reshape(-1, width)

    return matrix, width


def write_csv(table: Table, path: str | os.PathLike, chunk_rows: int | None = None) -> None:
    """Write ``table`` as UTF-8 CSV: header row, comma separator, ``\\n`` line ends.

    Rows are encoded ``chunk_rows`` at a time; by default blocks of about 1 MB, which
    stay in the processor's cache (measured 2–3× faster than 30 MB blocks).
    """
    n = rows(table)
    header = ",".join(_check_value(h) for h in table) + "\n"
    encoders = [_encoder(column) for column in table.values()]
    widths = [width for _, width in encoders]
    total = sum(widths) + len(widths)  # every field is followed by "," or "\n"
    chunk_rows = chunk_rows or max(256, (1 << 20) // total)
    with open(path, "wb") as f:
        f.write(header.encode("utf-8"))
        for start in range(0, n, chunk_rows):
            stop = min(start + chunk_rows, n)
            block = np.empty((stop - start, total), dtype=np.uint8)
            at = 0
            for (matrix, width), last in zip(
                encoders, range(len(encoders) - 1, -1, -1), strict=True
            ):
                block[:, at : at + width] = matrix(start, stop)
                block[:, at + width] = ord("\n") if last == 0 else ord(",")
                at += width + 1
            f.write(block[block != 0])
