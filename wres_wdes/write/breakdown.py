"""The internal breakdown: every figure, unsuppressed, clearly marked not for publication.

Analysts and the equality lead need the exact counts behind every figure,
including the small ones the publication hides. This workbook has them all
(every ``metrics.csv`` column, with p-values), one sheet per metric, after a
``READ ME`` sheet that says, first, that it is not for publication. Its file
name says so too: ``INTERNAL-not-for-publication-breakdown.xlsx``.

Written with XlsxWriter (fast, constant memory) with formulas and URLs never
inferred from text, and text from the inputs escaped as well.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from ..config import Config
from ..metrics.registry import BY_KEY, REGISTRY
from .safe import escape_frame, escape_text

FILENAME = "INTERNAL-not-for-publication-breakdown.xlsx"

RUN_COLUMNS = ("year", "confidence_level", "results_version", "package_version")
"""Columns of ``metrics.csv`` that hold one value for the whole run: said once on the
``READ ME`` sheet, not on every row of every sheet."""

WARNING = (
    "NOT FOR PUBLICATION. This workbook holds exact counts, including small numbers "
    "that could identify people. Share it only with those who need it; publish the "
    "publication workbook instead."
)


def _sheet_name(standard: str, metric: str, used: set[str]) -> str:
    name = f"{standard} {metric}"[:31]
    for char in "[]:*?/\\":
        name = name.replace(char, "-")
    base, i = name, 2
    while name in used:
        name = f"{base[:28]} {i}"
        i += 1
    used.add(name)
    return name


def write_cells(sheet, frame: pd.DataFrame, top: int, heading, formats=None) -> None:
    """A frame as a table on an xlsxwriter sheet, headings at row ``top``.

    Text is escaped (:func:`~wres_wdes.write.safe.escape_frame`), numbers are numbers
    (in ``formats[heading]`` when given), an unbounded upper limit is the text ``inf``
    (never a ``=1/0`` formula), and blanks stay empty.
    """
    frame = escape_frame(frame)
    formats = formats or {}
    for col, name in enumerate(frame.columns):
        sheet.write_string(top, col, str(name), heading)
        values = frame[name]
        numeric = pd.api.types.is_numeric_dtype(values)
        fmt = formats.get(name)
        for row, value in enumerate(values.tolist(), start=top + 1):
            if value is None or (numeric and pd.isna(value)):
                continue
            if numeric and math.isinf(value):  # a one-sided bound: no upper limit
                sheet.write_string(row, col, "inf" if value > 0 else "-inf")
            elif numeric:
                sheet.write_number(row, col, float(value), fmt)
            elif isinstance(value, str):
                if value:
                    sheet.write_string(row, col, value)
            elif not pd.isna(value):
                sheet.write_string(row, col, str(value))


def write_breakdown(frame: pd.DataFrame, config: Config, path: Path) -> None:
    """Write the internal workbook to ``path`` (call through ``write_atomic``)."""
    import xlsxwriter

    from .safe import document_date

    workbook = xlsxwriter.Workbook(
        str(path),
        {
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "in_memory": True,  # no temporary copy of the figures in a shared folder
        },
    )
    workbook.set_properties({"created": document_date(config)})
    try:
        bold = workbook.add_format({"bold": True})
        alarm = workbook.add_format(
            {"bold": True, "font_color": "#9C0006", "bg_color": "#FFC7CE", "text_wrap": True}
        )
        wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        readme = workbook.add_worksheet("READ ME")
        readme.set_column(0, 0, 110)
        readme.write(0, 0, WARNING, alarm)
        readme.set_row(0, 48)
        lines = [
            f"Organisation: {config.organisation_name}"
            + (f" ({config.organisation_code})" if config.organisation_code else ""),
            f"Reporting year: {config.year} (census 31 March {config.year})",
            "One sheet per metric; the columns are those of metrics.csv (docs/outputs.md) "
            "but the ones that hold one value for the whole run, given here. "
            "Ratios are group ÷ reference_group as NHS England defines each metric.",
        ]
        for column in RUN_COLUMNS:
            if column in frame and len(frame):
                values = ", ".join(str(v) for v in pd.unique(frame[column].dropna()))
                lines.append(f"{column}: {values}")
        for i, line in enumerate(lines, start=2):
            readme.write_string(i, 0, str(escape_text(line)), wrap)

        present = set(zip(frame["standard"], frame["metric"], strict=True))
        order = [m.key for m in REGISTRY if m.key in present]
        order += sorted(present - set(order))
        used: set[str] = {"READ ME"}
        for standard, metric in order:
            part = frame[(frame["standard"] == standard) & (frame["metric"] == metric)]
            part = part.drop(columns=[c for c in RUN_COLUMNS if c in part])
            part = part.reset_index(drop=True)
            sheet = workbook.add_worksheet(_sheet_name(standard, metric, used))
            entry = BY_KEY.get((standard, metric))
            sheet.write_string(0, 0, "NOT FOR PUBLICATION", alarm)
            sheet.write_string(1, 0, entry.wording if entry else f"{standard} {metric}")
            top = 3
            write_cells(sheet, part, top, bold)
            sheet.freeze_panes(top + 1, 0)
            sheet.autofilter(top, 0, top + len(part), len(part.columns) - 1)
            sheet.set_column(0, len(part.columns) - 1, 16)
    finally:
        workbook.close()


__all__ = ["FILENAME", "WARNING", "write_breakdown"]
