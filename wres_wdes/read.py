"""Read input files (CSV or XLSX) into frames of raw text, one row per record.

Extracts from ESR and recruitment systems arrive in many shapes: UTF-8, UTF-8 with
a byte-order mark or Windows-1252; comma or tab separated; XLSX with title rows
above the header. This module turns any of them into a frame whose values are the
raw text of each cell (blank cells, and the markers in :data:`MISSING_MARKERS`,
are missing), whose index is the row number as
the user sees it in the file (the header row is row 1 when nothing stands above
it), and whose columns carry the file's own headers. Matching headers to the
contract happens in :mod:`wres_wdes.headers`; parsing values in
:mod:`wres_wdes.standardise`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import mmap
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from .contract import InputSpec, header_key
from .problems import InputError, Problem

ENCODINGS = ("utf-8-sig", "cp1252")
"""Encodings tried in turn. UTF-8 (with or without BOM) first; Windows-1252 is what
Excel's "CSV" export writes on a UK Windows machine."""

HEADER_SEARCH_ROWS = 30
"""How many rows from the top are searched for the header row."""

MISSING_MARKERS = (
    "",
    "#N/A",
    "#N/A N/A",
    "#NA",
    "-1.#IND",
    "-1.#QNAN",
    "-NaN",
    "-nan",
    "1.#IND",
    "1.#QNAN",
    "N/A",
    "NA",
    "NULL",
    "NaN",
    "n/a",
    "nan",
    "null",
)
"""Cell texts read as missing, in CSV files and workbooks alike: a blank cell and
the markers databases and spreadsheets write for one (Arrow's and pandas' default
list). A classified column counts a missing value as Unknown (blank)."""


@dataclass(frozen=True)
class RawTable:
    """The raw content of one input file.

    Attributes
    ----------
    frame
        One column per header, values as text (missing where blank), indexed by
        the row number in the file.
    source
        The file it came from, as named in error messages.
    header_row
        The row number of the header row in the file (1 unless title rows sit above).
    footer
        Lines below the table that are a report's footer, not records (row number and
        text), as ESR Business Intelligence writes ``Applied filters: …`` under the
        last row; see :func:`is_footer`.
    notes
        What reading did that the user should know, each a warning's problem code
        (``docs/errors.md``) and sentence (merged cells read as their value).
    """

    frame: pd.DataFrame
    source: str
    header_row: int
    footer: tuple[tuple[int, str], ...] = ()
    notes: tuple[tuple[str, str], ...] = ()


def _known_keys(spec: InputSpec) -> set[str]:
    keys = set()
    for column in spec.columns:
        keys.add(header_key(column.name))
        keys.update(header_key(a) for a in column.aliases)
    return keys


def _header_row(rows: list[list[str]], spec: InputSpec) -> int:
    """Index (0-based) of the row that best matches the contract's headers.

    The first row holding the most recognised headers wins; a row with none
    recognised is never chosen over the first row.
    """
    known = _known_keys(spec)
    best, best_score = 0, 0
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = sum(1 for cell in row if cell and header_key(cell) in known)
        if score > best_score:
            best, best_score = i, score
    return best


_LINE_END = re.compile(rb"\r\n|\n|\r")
"""Where a line ends, as an editor counts lines: CR LF, LF or CR alone."""

_TEXT_LINE_END = re.compile(_LINE_END.pattern.decode())
"""The same rule for decoded text."""


def _count_line_ends(data: bytes) -> int:
    """How many lines :data:`_LINE_END` ends in ``data``, counted at memory speed."""
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")


FOOTER_SEARCH_BYTES = 1 << 16
"""How much of the end of a delimited file is searched for a report footer."""


def is_footer(cells: Sequence[Any]) -> bool:
    """Whether a row below a table is a report footer rather than a record.

    A footer holds text in one cell only, text with a space or a colon in it (as
    ``Applied filters: Organisation is …``, ``Report run by …``): no identifier has
    either, and a record fills its identifier and, in practice, more.
    """
    filled = [c for c in cells if c is not None and not pd.isna(c) and str(c).strip()]
    return len(filled) == 1 and any(ch in str(filled[0]) for ch in (" ", ":"))


def _csv_footer(path: Path, delimiter: str, encoding: str) -> tuple[int | None, list[str]]:
    """The byte offset where a footer starts at the end of a delimited file, and its lines.

    The last lines are read back from the end: blank lines are passed over, lines
    that :func:`is_footer` accepts are the footer; the first record stops the search.
    ``(None, [])`` when there is none.
    """
    size = path.stat().st_size
    with path.open("rb") as handle:
        handle.seek(max(0, size - FOOTER_SEARCH_BYTES))
        tail = handle.read()
    start = size - len(tail)
    bounds = [0, *(m.end() for m in _LINE_END.finditer(tail))]
    ends = [*bounds[1:], len(tail)]
    lines = [tail[a:b].rstrip(b"\r\n") for a, b in zip(bounds, ends, strict=True)]
    offsets = [start + a for a in bounds]
    footer_at: int | None = None
    found: list[str] = []
    for offset, line in zip(offsets[::-1], lines[::-1], strict=True):
        text = line.decode("cp1252" if encoding == "cp1252" else "utf-8", errors="replace")
        if not text.strip():
            continue
        cells = next(csv.reader([text], delimiter=delimiter), [])
        if not is_footer(list(cells)):
            break
        footer_at, found = int(offset), [text.strip(), *found]
    if footer_at is not None and footer_at == 0:
        return None, []  # the whole file would be a footer: leave it to the parser
    return footer_at, found


def _sniff_encoding(head: bytes) -> str:
    """``utf8`` when the first block decodes as UTF-8, else ``cp1252``."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the block's end
            return "cp1252"
    return "utf8"


def _delimiter(sample: str) -> str:
    """The delimiter used most in the first lines: tab, semicolon or comma."""
    lines = _TEXT_LINE_END.split(sample)[:HEADER_SEARCH_ROWS]
    tabs = sum(line.count("\t") for line in lines)
    commas = sum(line.count(",") for line in lines)
    semicolons = sum(line.count(";") for line in lines)
    if tabs > commas and tabs >= semicolons:
        return "\t"
    if semicolons > commas:
        return ";"
    return ","


def repeated_headers(renamed: Sequence[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """A warning (code and sentence) for each header that the file repeats, naming what
    the copy is called (``Employee Number (2)``) and which one is read: the first.
    ``renamed`` is what :func:`_unique_headers` renamed, so a header the file itself
    names ``Salary (2023)`` is never taken for a copy."""
    return tuple(
        (
            "repeated-header",
            f"the header {base!r} appears more than once: the first is read, the "
            f"other is kept as {name!r} (rename or delete the copy in the export)",
        )
        for base, name in renamed
    )


def _unique_headers(headers: Sequence[str | None]) -> tuple[list[str], list[tuple[str, str]]]:
    """Blank headers get a placeholder; repeated headers keep the first name and the
    copies are numbered (``Employee Number (2)``). Returns the names and the
    ``(header, copy's name)`` of each copy renamed."""
    seen: dict[str, int] = {}
    out, renamed = [], []
    for i, h in enumerate(headers):
        name = str(h).strip() if h is not None and str(h).strip() else f"(blank column {i + 1})"
        if name in seen:
            seen[name] += 1
            copy = f"{name} ({seen[name]})"
            renamed.append((name, copy))
            name = copy
        else:
            seen[name] = 1
        out.append(name)
    return out, renamed


def _is_identifier(header: str, spec: InputSpec) -> bool:
    key = header_key(header)
    return any(
        c.kind == "id" and key in {header_key(c.name), *(header_key(a) for a in c.aliases)}
        for c in spec.columns
    )


HEAD_LIMIT = 1 << 24
"""Most bytes read to find the header: 16 MB (a header of 10,000 columns is 200 KB)."""


def _head(path: Path) -> bytes:
    """The start of a file, long enough to hold the lines the header is looked for in
    (64 KB, doubled while it holds too few whole lines, up to :data:`HEAD_LIMIT`)."""
    size = 1 << 16
    with path.open("rb") as handle:
        while True:
            handle.seek(0)
            head = handle.read(size)
            enough = _count_line_ends(head) > HEADER_SEARCH_ROWS
            if enough or len(head) < size or size >= HEAD_LIMIT:
                return head
            size *= 2


@dataclass(frozen=True)
class _Layout:
    """Where a delimited file's header and records stand, by one row-counting rule.

    A *row* is what a spreadsheet opening the file shows as one: a record of the
    csv grammar, so a quoted value may hold line breaks, and an empty line is a row
    of its own; a line ends at a line feed, a carriage return or both, never at
    U+2028 or a form feed. The header is looked for among the first rows, the
    records are parsed from the byte after the header, and every record is reported
    by its row.
    """

    header_index: int
    """Rows above the header (title rows)."""
    body_offset: int
    """Byte where the row after the header starts."""

    @property
    def header_row(self) -> int:
        """Row (1-based) of the header."""
        return self.header_index + 1

    @property
    def body_row(self) -> int:
        """Row (1-based) of the first row after the header."""
        return self.header_index + 2


def _line_offset(data: bytes, lines: int) -> int:
    """Byte just after the end of the first ``lines`` lines of ``data``."""
    if lines == 0:
        return 0
    for count, match in enumerate(_LINE_END.finditer(data), start=1):
        if count == lines:
            return match.end()
    return len(data)


def _head_records(sample: str, delimiter: str) -> tuple[list[list[str]], list[int]]:
    """The first rows of a file's head, and the line each ends on."""
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    ends: list[int] = []
    try:
        for row in reader:
            rows.append(row)
            ends.append(reader.line_num)
            if len(rows) >= HEADER_SEARCH_ROWS:
                break
    except csv.Error:
        pass  # an unclosed quote in the head: the records before it are the head
    return rows, ends


def read_csv(path: Path, spec: InputSpec) -> RawTable:
    """Read a delimited text file, finding its encoding, delimiter and header row.

    The file is parsed by Arrow's multi-threaded CSV reader, every value as text:
    identifiers as plain strings, every other column dictionary-encoded (a pandas
    ``category``), since codes, bands and unit names repeat and every later step
    then works on the few distinct values.
    """
    head = _head(path)
    encoding = _sniff_encoding(head)
    if len(head) < path.stat().st_size:
        cut = max(head.rfind(b"\n"), head.rfind(b"\r"))
        head = head[: cut + 1] if cut >= 0 else head  # the last line may be cut short
    sample = head.decode("utf-8-sig" if encoding == "utf8" else "cp1252", errors="replace")
    delimiter = _delimiter(sample)
    top, ends = _head_records(sample, delimiter)
    if not any(top):
        return RawTable(pd.DataFrame(index=pd.RangeIndex(2, 2, name="row")), str(path), 1)
    header_index = _header_row(top, spec)
    layout = _Layout(header_index, _line_offset(head, ends[header_index]))
    headers, renamed = _unique_headers(top[header_index])
    footer_at, footer_lines = _csv_footer(path, delimiter, encoding)
    if footer_at is not None and footer_at < layout.body_offset:
        footer_at, footer_lines = None, []  # the "footer" is the header itself
    table = _read_csv_as(path, spec, layout, headers, delimiter, encoding, footer_at)
    table = replace(table, notes=table.notes + repeated_headers(renamed))
    if footer_at is None:
        return table
    first_line = layout.body_row + _rows_between(path, layout, delimiter, encoding, footer_at)
    with path.open("rb") as handle:
        handle.seek(footer_at)
        rest = _LINE_END.split(handle.read())
    numbers = [first_line + i for i, line in enumerate(rest) if line.strip()]
    return replace(table, footer=tuple(zip(numbers, footer_lines, strict=True)))


def _has_quotes(path: Path) -> bool:
    """True when the file holds a double quote anywhere.

    Only a quoted value can hold a line break; a file without quotes is parsed
    without looking for them, which lets Arrow split it into blocks at any line
    break (about a quarter faster). The scan runs at memory speed.
    """
    with path.open("rb") as handle:
        try:
            with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as view:
                return view.find(b'"') >= 0
        except (ValueError, OSError):  # an empty file cannot be mapped
            return True


def _body(path: Path, start: int, end: int | None) -> pa.NativeFile:
    """The bytes of a file from ``start`` to ``end`` (its end when ``None``), mapped,
    never copied."""
    source = pa.memory_map(str(path))
    stop = source.size() if end is None else end
    return pa.BufferReader(source.read_at(max(0, stop - start), start))


def _read_csv_as(
    path: Path,
    spec: InputSpec,
    layout: _Layout,
    headers: list[str],
    delimiter: str,
    encoding: str,
    end: int | None = None,
) -> RawTable:
    """Parse the records of a delimited file (from the line after its header up to byte
    ``end``, where a footer starts); fall back to Windows-1252 if UTF-8 fails later on."""
    names = [f"c{i}" for i in range(len(headers))]
    types = {
        name: pa.string() if _is_identifier(h, spec) else pa.dictionary(pa.int32(), pa.string())
        for name, h in zip(names, headers, strict=True)
    }
    body = _body(path, layout.body_offset, end)
    if body.size() == 0:  # a header and nothing below it
        empty = pa.table({n: pa.array([], type=t) for n, t in types.items()})
        return _raw_table(empty, headers, layout, str(path))
    try:
        table = pacsv.read_csv(
            body,
            read_options=pacsv.ReadOptions(
                column_names=names,
                encoding=encoding,
                block_size=1 << 26,
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, newlines_in_values=_has_quotes(path)
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=types,
                null_values=list(MISSING_MARKERS),
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        if encoding == "utf8" and ("UTF8" in str(exc) or isinstance(exc, UnicodeDecodeError)):
            return _read_csv_as(path, spec, layout, headers, delimiter, "cp1252", end)
        raise InputError(
            [_parse_problem(path, exc, layout, len(headers), delimiter, encoding)]
        ) from None
    raw = _raw_table(table, headers, layout, str(path))
    lines = _record_lines(path, layout, len(table), delimiter, encoding, end)
    if lines is not None and len(lines) == len(table):
        raw.frame.index = pd.Index(lines[raw.frame.index - layout.body_row], name="row")
    return raw


def _text_lines(path: Path, encoding: str, start: int, end: int | None):
    """The file's text from byte ``start`` to byte ``end``."""
    with path.open("rb") as handle:
        handle.seek(start)
        data = handle.read() if end is None else handle.read(max(0, end - start))
    text = data.decode("utf-8-sig" if encoding == "utf8" else "cp1252", errors="replace")
    return io.StringIO(text, newline="")


def _line_ends(path: Path, start: int, end: int | None) -> int:
    """How many lines (by :data:`_LINE_END`) the file ends between bytes ``start`` and
    ``end``, counted a block at a time at memory speed (a CR LF cut between two blocks
    counts once)."""
    count, last = 0, b""
    with path.open("rb") as handle:
        handle.seek(start)
        left = None if end is None else end - start
        while left is None or left > 0:
            block = handle.read(1 << 24 if left is None else min(1 << 24, left))
            if not block:
                break
            count += _count_line_ends(block) - (last == b"\r" and block[:1] == b"\n")
            last = block[-1:]
            left = None if left is None else left - len(block)
    return count


class _Unreadable(Exception):
    """A line the csv module cannot read (an unclosed quote, say)."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line, self.reason = line, reason


def _records(path: Path, layout: _Layout, delimiter: str, encoding: str, end: int | None):
    """``(row, cells)`` of each record below the header (a quoted line break stays in
    its record; an empty line is a row but no record, as Arrow has it). Raises
    :class:`_Unreadable` with the row that cannot be read."""
    reader = csv.reader(_text_lines(path, encoding, layout.body_offset, end), delimiter=delimiter)
    row_number = layout.body_row - 1
    try:
        for row in reader:
            row_number += 1
            if row:
                yield row_number, row
    except csv.Error as error:
        raise _Unreadable(row_number + 1, str(error)) from None


def _rows_between(
    path: Path, layout: _Layout, delimiter: str, encoding: str, end: int | None
) -> int:
    """How many rows stand between the header and byte ``end``: the line count, unless a
    quoted value may hold a line break."""
    if not _has_quotes(path):
        return _line_ends(path, layout.body_offset, end)
    reader = csv.reader(_text_lines(path, encoding, layout.body_offset, end), delimiter=delimiter)
    try:
        return sum(1 for _ in reader)
    except csv.Error:
        return _line_ends(path, layout.body_offset, end)


def _record_lines(
    path: Path, layout: _Layout, rows: int, delimiter: str, encoding: str, end: int | None
) -> np.ndarray | None:
    """The row of each record, when records and lines do not pair one to one (a blank
    line among the records, a quoted line break in a value), else ``None``.

    Arrow's reader passes over empty lines, so counting its records from the header
    would put every later row number out. A file whose line feeds match its records
    pays only for counting them.
    """
    if _line_ends(path, layout.body_offset, end) in (rows, rows - 1):
        return None
    try:
        lines = [line for line, _ in _records(path, layout, delimiter, encoding, end)]
    except _Unreadable:
        return None  # Arrow read it: keep Arrow's numbering
    return np.asarray(lines, dtype=np.int64)


def _parse_problem(
    path: Path, exc: Exception, layout: _Layout, width: int, delimiter: str, encoding: str
) -> Problem:
    """A parse failure as a problem naming the row and what is wrong with it, never the
    record itself (a staff record holds special-category data)."""
    try:
        for line, row in _records(path, layout, delimiter, encoding, None):
            if len(row) != width:
                return Problem.error(
                    str(path),
                    line,
                    None,
                    None,
                    f"row {line} has {len(row)} value(s) where the header has {width}: a "
                    "stray delimiter, a missing quote or a cut-off line. Fix that row (or "
                    "export the file again)",
                    code="ragged-row",
                )
    except _Unreadable as unreadable:
        return Problem.error(
            str(path),
            unreadable.line,
            None,
            None,
            f"row {unreadable.line} cannot be read ({unreadable.reason}): fix the quoting of "
            "that row",
            code="unreadable-row",
        )
    reason = str(exc).split(":", 2)[1] if str(exc).startswith("CSV parse error") else "parse error"
    return Problem.error(
        str(path),
        None,
        None,
        None,
        f"the file could not be read as a table ({reason.strip()}); check its delimiters "
        "and quotes",
        code="unreadable-file",
    )


def _raw_table(table: pa.Table, headers: list[str], layout: _Layout, source: str) -> RawTable:
    all_blank = None
    for column in table.columns:  # on Arrow's validity bitmaps: no pass over pandas objects
        blank = pc.is_null(column)
        all_blank = blank if all_blank is None else pc.and_(all_blank, blank)
    frame = table.unify_dictionaries().to_pandas()
    frame.columns = headers
    frame.index = pd.RangeIndex(layout.body_row, layout.body_row + len(frame), name="row")
    if all_blank is not None and pc.any(all_blank).as_py():
        frame = frame[all_blank.to_numpy(zero_copy_only=False) == 0]
    return RawTable(frame, source, layout.header_row)


_ZEROS = re.compile(r"0+")
_DECIMALS = re.compile(r"#?,?#*0\.(0+)")


def _number_text(value: float | int, number_format: str) -> str:
    """A number as the sheet shows it: its format's leading zeros (``000123`` for
    ``000000``) and decimal places (``1.0`` for ``0.0``) kept, else as Excel's General
    format writes it (``1`` for 1.0, ``2.5`` for 2.5)."""
    shown = number_format.split(";")[0].strip()
    if _ZEROS.fullmatch(shown) and float(value).is_integer():
        return f"{int(value):0{len(shown)}d}"
    decimals = _DECIMALS.fullmatch(shown.replace(",", ""))
    if decimals:
        return f"{value:.{len(decimals.group(1))}f}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _cell_text(value: object, number_format: str = "General") -> object:
    """Text of one spreadsheet cell, as a person would type it back (a number as its
    cell's format shows it)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (int, float)):
        return _number_text(value, number_format or "General")
    text = str(value).strip()
    return None if text in MISSING_MARKERS else text


def _sheet_cell_text(cell) -> object:
    """Text of a worksheet cell: a number as its format shows it (the format is looked
    up for numbers only)."""
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _number_text(value, getattr(cell, "number_format", None) or "General")
    return _cell_text(value)


def read_xlsx(path: Path, spec: InputSpec, sheet: str | None = None) -> RawTable:
    """Read the first sheet (or the named one) of a workbook, finding its header row."""
    from openpyxl import load_workbook

    source = source_name(path, sheet)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for a bad file
        raise InputError(
            [
                Problem.error(
                    str(path),
                    None,
                    None,
                    None,
                    f"the workbook could not be opened: {exc}",
                    code="unreadable-file",
                )
            ]
        ) from None
    try:
        if sheet is not None and sheet.casefold() not in {
            n.casefold() for n in workbook.sheetnames
        }:
            raise InputError(
                [
                    Problem.error(
                        str(path),
                        None,
                        None,
                        sheet,
                        "no sheet of that name; the workbook has: "
                        + ", ".join(workbook.sheetnames),
                        code="missing-sheet",
                    )
                ]
            )
        names = {name.casefold(): name for name in workbook.sheetnames}
        worksheet = workbook[names[sheet.casefold()]] if sheet else workbook.worksheets[0]
        rows = [[_sheet_cell_text(cell) for cell in row] for row in worksheet.iter_rows()]
        merged = _fill_merged(path, worksheet, rows)
        workbook_sheets = list(workbook.sheetnames)
    finally:
        workbook.close()
    if not rows:
        return RawTable(pd.DataFrame(index=pd.RangeIndex(2, 2, name="row")), source, 1)
    as_text = [[c if isinstance(c, str) else "" for c in row] for row in rows]
    header_index = _header_row(as_text, spec)
    footer: list[tuple[int, str]] = []
    while len(rows) > header_index + 2:
        last = rows[-1]
        if not any(c is not None for c in last):
            rows.pop()
            continue
        if not is_footer(last):
            break
        footer.insert(0, (len(rows), str(next(c for c in last if c is not None))))
        rows.pop()
    width = max(len(r) for r in rows)
    headers = list(rows[header_index]) + [None] * (width - len(rows[header_index]))
    body_rows = [r + [None] * (width - len(r)) for r in rows[header_index + 1 :]]
    body = pd.DataFrame(body_rows, columns=list(range(width)), dtype=object)
    body.index = pd.RangeIndex(header_index + 2, header_index + 2 + len(body), name="row")
    body = body.dropna(how="all")
    body = body.astype("str").where(body.notna(), None) if len(body) else body
    body.columns, renamed = _unique_headers([h if h is None else str(h) for h in headers])
    notes = repeated_headers(renamed)
    if merged:
        notes += (
            (
                "merged-cells",
                f"{len(merged)} merged cell range(s) ({', '.join(merged[:4])}"
                + (" …" if len(merged) > 4 else "")
                + ") were read as their value in every cell they cover, as a reader of the "
                "sheet sees them",
            ),
        )
    if not _known_keys(spec) & {header_key(h) for h in body.columns} and len(workbook_sheets) > 1:
        notes += (
            (
                "no-header-on-sheet",
                "no recognised header on this sheet; the workbook's sheets are "
                + ", ".join(f'"{n}"' for n in workbook_sheets)
                + ': name the one to read with sheet = "…"',
            ),
        )
    return RawTable(body, source, header_index + 1, tuple(footer), notes)


_MERGE = re.compile(rb'<mergeCell[^>]*\sref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


def _fill_merged(path: Path, worksheet, rows: list[list[object]]) -> list[str]:
    """Give every cell of each merged range the value of its top-left cell, in place.

    A merged cell holds its value in the top-left cell only; a directorate merged
    down a block of rows would otherwise leave every row but the first blank. Only
    ranges spanning several rows are filled: a title or a footer merged across one
    row stays a single cell. The ranges come from the sheet's XML (openpyxl's fast
    reader does not read them). Returns the ranges filled.
    """
    from openpyxl.utils.cell import range_boundaries

    member = getattr(worksheet, "_worksheet_path", None)
    if member is None:
        return []
    try:
        with zipfile.ZipFile(path) as archive, archive.open(member.lstrip("/")) as xml:
            found, tail = [], b""
            while chunk := xml.read(1 << 20):
                text = tail + chunk
                found += [m.group(1).decode() for m in _MERGE.finditer(text)]
                tail = text[-200:]
    except (KeyError, zipfile.BadZipFile):
        return []
    ranges = list(dict.fromkeys(found))
    filled = []
    for ref in ranges:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if min_row == max_row or min_row - 1 >= len(rows):
            continue  # a title or footer merged across one row stays one cell
        top = rows[min_row - 1]
        value = top[min_col - 1] if min_col - 1 < len(top) else None
        if value is None:
            continue
        for r in range(min_row - 1, min(max_row, len(rows))):
            row = rows[r]
            if len(row) < max_col:
                row.extend([None] * (max_col - len(row)))
            for c in range(min_col - 1, max_col):
                if row[c] is None:
                    row[c] = value
        filled.append(ref)
    return filled


def read_table(path: str | Path, spec: InputSpec, sheet: str | None = None) -> RawTable:
    """Read one input file of any supported kind.

    Parameters
    ----------
    path
        A ``.csv``, ``.txt``, ``.tsv`` or ``.xlsx`` file.
    spec
        The contract entry for this input; its headers and aliases locate the
        header row below any title rows.
    sheet
        For a workbook, the sheet to read (default: the first).

    Raises
    ------
    InputError
        When the file is missing or cannot be read as a table.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(
            [
                Problem.error(
                    str(path), None, None, None, "the file does not exist", code="missing-file"
                )
            ]
        )
    if _is_workbook(path):
        return read_xlsx(path, spec, sheet)
    kind = _disguised(path)
    if kind is not None:
        raise InputError([Problem.error(str(path), None, None, None, kind, code="wrong-file-kind")])
    return read_csv(path, spec)


FILE_KINDS = (
    (
        b"PK\x03\x04",
        "this file is an Excel workbook (.xlsx) with a text file's name: rename it to "
        ".xlsx, or save it from Excel as 'CSV UTF-8'",
    ),
    (
        b"\xd0\xcf\x11\xe0",
        "this file is an old Excel 97-2003 workbook (.xls): save it from Excel as .xlsx or "
        "as 'CSV UTF-8'",
    ),
    (
        b"\xff\xfe",
        "this file is UTF-16 text (what Excel's 'Unicode Text' saves): save it as 'CSV "
        "UTF-8' instead",
    ),
    (b"\xfe\xff", "this file is UTF-16 text: save it as 'CSV UTF-8' instead"),
    (
        b"%PDF",
        "this file is a PDF document, not a table: export the report from its system as "
        "CSV or Excel instead",
    ),
)
"""What a text input's first bytes can show it really is, and what to do about it."""


def _disguised(path: Path) -> str | None:
    """Why a file named as text is not text a CSV reader can take, if it is not."""
    with path.open("rb") as handle:
        head = handle.read(512)
    for magic, message in FILE_KINDS:
        if head.startswith(magic):
            return message
    if b"\x00" in head[:200] and head[1:2] == b"\x00":  # UTF-16 without a byte-order mark
        return "this file is UTF-16 text: save it as 'CSV UTF-8' instead"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")):
        return (
            "this file is a web page or XML (as some systems save their 'Excel' exports), not "
            "a delimited text file: open it in Excel and save it as .xlsx or 'CSV UTF-8'"
        )
    if b"\x00" in head:
        return "this file holds binary data, not text: export it again as 'CSV UTF-8' or .xlsx"
    return None


def _is_workbook(path: Path) -> bool:
    return path.suffix.lower() in {".xlsx", ".xlsm"}


def source_name(path: str | Path, sheet: str | None = None) -> str:
    """How messages name an input: its path, and the sheet of a workbook when one is named."""
    path = Path(path)
    return f"{path} [{sheet}]" if sheet and _is_workbook(path) else str(path)
