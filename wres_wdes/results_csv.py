"""``metrics.csv`` on disk: formula-safe text, full precision, written fast, read back exactly.

Text that a spreadsheet would run as a formula gets a leading apostrophe
(:data:`FORMULA_STARTS`, the OWASP advice on CSV injection), and so does text that
starts with an apostrophe, so that :func:`read_metrics_csv` gives back exactly what
:func:`write_table` wrote: ``metrics.csv`` → :class:`~wres_wdes.results.Results` →
``metrics.csv`` is byte-identical (``docs/outputs.md``).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from .results_columns import INTEGER_COLUMNS, NUMBER_COLUMNS, TEXT_COLUMNS

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet treat text as a formula (the OWASP advice
on CSV injection). Text starting with one gets a leading apostrophe in every output:
workbooks (:func:`wres_wdes.write.safe.escape_text`) and ``metrics.csv``, where text
starting with an apostrophe gets one too, so that reading back is exact."""

_CLASS = {"-": r"\-", "\t": r"\t", "\r": r"\r"}
_ESCAPED_START = "^[" + "".join(_CLASS.get(c, c) for c in ("'", *FORMULA_STARTS)) + "]"
"""The first characters :meth:`Results.to_csv` escapes, as a regular expression (RE2 and
Python)."""


def _escape_array(array: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Text starting with a formula character, with an apostrophe before it."""
    import pyarrow.compute as pc

    if pa.types.is_dictionary(array.type):
        array = array.cast(array.type.value_type)
    if not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
        return array
    risky = pc.fill_null(pc.match_substring_regex(array, _ESCAPED_START), False)
    if not pc.any(risky).as_py():
        return array
    kind = array.type
    quote = pa.scalar("'", type=kind)
    return pc.if_else(risky, pc.binary_join_element_wise(quote, array, pa.scalar("", kind)), array)


def escape_table(table: pa.Table) -> pa.Table:
    """Every text column of ``table`` escaped (see :meth:`Results.to_csv`)."""
    for i, name in enumerate(table.column_names):
        column = table.column(i)
        if (
            pa.types.is_dictionary(column.type)
            or pa.types.is_string(column.type)
            or (pa.types.is_large_string(column.type))
        ):
            escaped = _escape_array(column)
            if escaped is not column:
                table = table.set_column(i, name, escaped)
    return table


def unescape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Undo :func:`escape_table`: one leading apostrophe off text that has one."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if values.dtype == object or values.dtype == "str":
            text = values.astype("str")
            escaped = text.str.match("'" + _ESCAPED_START[1:]).fillna(False).to_numpy(dtype=bool)
            if escaped.any():
                values = values.astype(object).copy()
                values[escaped] = text[escaped].str[1:]
                out[column] = values
    return out


PARALLEL_ROWS = 100_000
"""Tables longer than this are formatted in slices, one per processor."""


def write_table(table: pa.Table, path: str | Path) -> None:
    """Write an Arrow table as CSV (header, text quoted where needed), using every core."""
    options = pacsv.WriteOptions(quoting_style="needed")
    workers = min(os.cpu_count() or 1, 8)
    if table.num_rows <= PARALLEL_ROWS or workers == 1:
        pacsv.write_csv(table, str(path), options)
        return
    step = -(-table.num_rows // workers)
    slices = [table.slice(i, step) for i in range(0, table.num_rows, step)]

    def formatted(i: int) -> pa.Buffer:
        sink = pa.BufferOutputStream()
        header = pacsv.WriteOptions(quoting_style="needed", include_header=i == 0)
        pacsv.write_csv(slices[i], sink, header)
        return sink.getvalue()

    with ThreadPoolExecutor(workers) as pool:
        parts = list(pool.map(formatted, range(len(slices))))
    with open(path, "wb") as out:
        for part in parts:
            out.write(part)


def write_metrics_csv(frame: pd.DataFrame, path: str | Path) -> None:
    """Write result rows as ``metrics.csv``: every text column escaped, by Arrow."""
    write_table(escape_table(pa.Table.from_pandas(frame, preserve_index=False)), path)


def read_metrics_csv(path: str | Path) -> pd.DataFrame:
    """A ``metrics.csv`` as written: text as text (``metric`` ``"1"``, never ``1``; empty
    text is ``""``), numbers as floats read back to the last bit, whole numbers
    (``year``, ``window_years``) as integers, and every escape undone.

    Columns this version does not know are read as pandas would read them.
    """
    header = pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns
    numbers = [c for c in header if c in NUMBER_COLUMNS]
    dtypes: dict[str, type[str] | str] = {
        **{c: str for c in header if c in TEXT_COLUMNS},
        **{c: "float64" for c in numbers},
    }
    frame = pd.read_csv(
        path,
        dtype=dtypes,
        keep_default_na=False,
        na_values={c: [""] for c in numbers},
        encoding="utf-8-sig",
    )
    for column in INTEGER_COLUMNS:
        if column in frame and frame[column].dtype != "int64":
            values = pd.to_numeric(frame[column].replace("", None), errors="coerce")
            if values.notna().all():
                frame[column] = values.astype("int64")
    return unescape_frame(frame)
