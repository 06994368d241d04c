"""The national returns: a template workbook filled at the cells its cell map names.

The national WRES and WDES collections take counts (``reference/wres.md`` §8,
``wdes.md`` §9). Each return is a template workbook with a cell map beside it
(see ``tools/make_templates.py`` for the map's columns). Filling
follows ``reference/statistics-and-peers.md`` §3.2:

1. **Check the template first.** Every ``label`` cell of the map must read what
   the map expects; a mismatch means the template and its map are not a pair,
   and nothing is written (:func:`check_template`).
2. **Values only, at mapped cells only,** with openpyxl; never a formula, never
   an inserted row. Text from the inputs is escaped (:mod:`~wres_wdes.write.safe`).
3. **Re-open and compare.** The saved file is opened again and every mapped
   cell compared with the value meant for it; sheets and defined names must
   survive. A mismatch raises :class:`ReturnCheckError` and the file is not
   kept (it was written under a temporary name).

One workbook per organisation in the results: a system run gets a return for
every organisation. The organisation code is the config's for its own
organisation and blank for the others (the inputs do not carry codes).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import load_workbook

from ..bundled import templates_dir
from ..config import Config
from ..metrics.registry import BY_KEY
from ..problems import InputError, Problem, WresWdesError
from ..results import METRICS_COLUMNS
from .cellmap import CELLMAP_COLUMNS, CELLMAP_NAME, TEMPLATE_NAME
from .safe import escape_text, fix_zip_times

KINDS = ("label", "meta", "result")
META_FIELDS = (
    "organisation_name",
    "organisation_code",
    "reporting_year",
    "census_date",
    "data_year",
    "produced_by",
)
RESULT_FIELDS = (*(c for c in METRICS_COLUMNS if c not in ("standard", "metric")), "note", "yes_no")
_ADDRESS = re.compile(r"^[A-Z]{1,3}[1-9][0-9]{0,6}$")


class ReturnCheckError(WresWdesError, RuntimeError):
    """The re-opened return does not hold what was written: a bug in wres_wdes, never
    kept (the command line's exit status 1). Please report it."""

    exit_status = 1

    def __init__(self, path: Path, mismatches: list[str]) -> None:
        self.mismatches = mismatches
        shown = "; ".join(mismatches[:10])
        more = f" … and {len(mismatches) - 10} more" if len(mismatches) > 10 else ""
        super().__init__(f"the return {path.name} did not read back as written: {shown}{more}")


@dataclass(frozen=True)
class Template:
    """A return template and its cell map."""

    standard: str
    workbook: Path
    cellmap: Path


def find_template(standard: str, folder: str | Path | None = None) -> Template:
    """The template of ``standard`` (``WRES`` or ``WDES``), from ``folder`` or the bundled set.

    A folder given in the config (``[returns] templates``) wins for the
    standards it holds a template for; the bundled templates fill the rest.
    """
    names = (TEMPLATE_NAME.format(standard=standard), CELLMAP_NAME.format(standard=standard))
    if folder is not None:
        folder = Path(folder)
        workbook, cellmap = folder / names[0], folder / names[1]
        if workbook.is_file() or cellmap.is_file():
            return Template(standard, workbook, cellmap)
    bundled = templates_dir()
    return Template(standard, bundled / names[0], bundled / names[1])


def read_cell_map(path: Path) -> pd.DataFrame:
    """Read and check a cell map; every problem is reported with its row."""
    source = str(path)
    if not Path(path).is_file():
        raise InputError(
            [
                Problem.error(
                    source, None, None, None, "the cell map does not exist", code="missing-file"
                )
            ]
        )
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [c for c in CELLMAP_COLUMNS if c not in frame]
    if missing:
        raise InputError(
            [
                Problem.error(
                    source,
                    1,
                    c,
                    None,
                    "required column is missing; a "
                    "cell map has the columns " + ", ".join(CELLMAP_COLUMNS),
                    code="invalid-cell-map",
                )
                for c in missing
            ]
        )
    problems = []
    row: Any  # a cell-map row: text fields
    for i, row in enumerate(frame.itertuples(index=False), start=2):
        if row.kind not in KINDS:
            problems.append(
                Problem.error(
                    source,
                    i,
                    "kind",
                    row.kind,
                    "give one of: " + ", ".join(KINDS),
                    code="invalid-cell-map",
                )
            )
            continue
        if not row.sheet:
            problems.append(
                Problem.error(
                    source, i, "sheet", row.sheet, "name the sheet", code="invalid-cell-map"
                )
            )
        if not _ADDRESS.match(row.cell):
            problems.append(
                Problem.error(
                    source,
                    i,
                    "cell",
                    row.cell,
                    "give a cell address such as B6",
                    code="invalid-cell-map",
                )
            )
        if row.kind == "meta" and row.field not in META_FIELDS:
            problems.append(
                Problem.error(
                    source,
                    i,
                    "field",
                    row.field,
                    "give one of: " + ", ".join(META_FIELDS),
                    code="invalid-cell-map",
                )
            )
        if row.kind == "result":
            if row.field not in RESULT_FIELDS:
                problems.append(
                    Problem.error(
                        source,
                        i,
                        "field",
                        row.field,
                        "give a results column such as events_group, "
                        "n_reference or value, or yes_no",
                        code="invalid-cell-map",
                    )
                )
            if not row.standard or not row.metric:
                problems.append(
                    Problem.error(
                        source,
                        i,
                        "metric",
                        row.metric,
                        "give the standard and metric of the figure",
                        code="invalid-cell-map",
                    )
                )
        if row.if_missing not in ("", "0"):
            problems.append(
                Problem.error(
                    source,
                    i,
                    "if_missing",
                    row.if_missing,
                    "give 0 or leave blank",
                    code="invalid-cell-map",
                )
            )
    duplicated = frame[frame["kind"] != "label"].duplicated(["sheet", "cell"], keep=False)
    for i in frame.index[frame["kind"] != "label"][duplicated.to_numpy()]:
        problems.append(
            Problem.error(
                source,
                i + 2,
                "cell",
                frame.at[i, "cell"],
                "this cell is mapped twice",
                code="invalid-cell-map",
            )
        )
    if problems:
        raise InputError(problems)
    return frame


def check_template(template: Template) -> pd.DataFrame:
    """Check that the workbook is the one its cell map was made for; return the map.

    Raises
    ------
    InputError
        Naming the workbook, sheet and cell of every mismatch.
    """
    cellmap = read_cell_map(template.cellmap)
    source = str(template.workbook)
    if not template.workbook.is_file():
        raise InputError(
            [
                Problem.error(
                    source,
                    None,
                    None,
                    None,
                    "the return template does not exist",
                    code="missing-file",
                )
            ]
        )
    workbook = load_workbook(template.workbook)
    try:
        problems = []
        for sheet in cellmap["sheet"].unique():
            if sheet not in workbook.sheetnames:
                problems.append(
                    Problem.error(
                        source,
                        None,
                        sheet,
                        None,
                        "the cell map names this sheet but the template "
                        "has none of that name; sheets: " + ", ".join(workbook.sheetnames),
                        code="template-mismatch",
                    )
                )
        labels = cellmap[(cellmap["kind"] == "label") & cellmap["sheet"].isin(workbook.sheetnames)]
        row: Any  # a cell-map row: text fields
        for row in labels.itertuples(index=False):
            found = workbook[row.sheet][row.cell].value
            if str(found if found is not None else "").strip() != row.expected.strip():
                problems.append(
                    Problem.error(
                        source,
                        None,
                        f"{row.sheet}!{row.cell}",
                        found,
                        f"the cell map expects {row.expected!r} here: this template and its cell "
                        "map are not a pair (write a cell map for this template)",
                        code="template-mismatch",
                    )
                )
    finally:
        workbook.close()
    if problems:
        raise InputError(problems)
    return cellmap


def _number(value: Any) -> object:  # a cell of the results: a number, NaN or None
    """A cell's number; empty for a missing value or an unbounded limit (a ratio whose
    reference group has no events has no upper limit, and a cell cannot hold one)."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return None
    value = float(value)
    return int(value) if value.is_integer() else value


def meta_facts(config: Config, organisation: str, version: str) -> dict[str, object]:
    """The ``meta`` values of one organisation's return."""
    start, end = config.data_year
    return {
        "organisation_name": escape_text(organisation),
        "organisation_code": (
            escape_text(config.organisation_code) or None
            if organisation == config.organisation_name
            else None
        ),
        "reporting_year": config.year,
        "census_date": config.census_date,
        "data_year": f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}",
        "produced_by": f"wres_wdes {version}",
    }


def return_values(
    results: pd.DataFrame, cellmap: pd.DataFrame, organisation: str, facts: Mapping[str, object]
) -> pd.DataFrame:
    """What goes in each mapped cell: ``sheet, cell, value`` (``None`` leaves it empty)."""
    rows = results[(results["level"] == "organisation") & (results["organisation"] == organisation)]
    keys = ["standard", "metric", "category", "group", "statistic"]
    wanted = cellmap[cellmap["kind"] == "result"].copy()
    blank = wanted["statistic"] == ""
    wanted.loc[blank, "statistic"] = [
        BY_KEY[(s, m)].statistic if (s, m) in BY_KEY else ""
        for s, m in zip(wanted.loc[blank, "standard"], wanted.loc[blank, "metric"], strict=True)
    ]
    rows = rows.assign(**{k: rows[k].fillna("").astype(str) for k in keys})
    rows = rows.merge(wanted[keys].drop_duplicates(), on=keys, how="inner")
    counted = rows.groupby(keys, sort=False).size()
    ambiguous = counted[counted > 1]
    if len(ambiguous):
        raise ValueError(
            f"more than one result row for {ambiguous.index[0]}: write_outputs "
            "takes results without a split"
        )
    merged = wanted.merge(rows, on=keys, how="left", suffixes=("", "_row"), indicator=True)
    org_rows = results[
        (results["level"] == "organisation") & (results["organisation"] == organisation)
    ]
    present = set(zip(org_rows["standard"], org_rows["metric"], strict=True))
    values = []
    value: object
    for row in merged.to_dict("records"):
        if row["_merge"] == "both":
            if row["field"] == "yes_no":
                v = row["value"]
                value = None if pd.isna(v) else ("Yes" if v else "No")
            elif row["field"] in (
                "note",
                "category",
                "group",
                "reference_group",
                "flags",
                "statistic",
                "level",
                "unit",
            ):
                text = row[row["field"]]
                value = escape_text(text) if isinstance(text, str) and text else None
            else:
                value = _number(row[row["field"]])
        elif row["if_missing"] == "0" and (row["standard"], row["metric"]) in present:
            value = 0
        else:
            value = None
        values.append(value)
    out = pd.DataFrame(
        {
            "sheet": merged["sheet"].to_numpy(),
            "cell": merged["cell"].to_numpy(),
            "value": pd.Series(values, dtype=object).to_numpy(),
        }
    )
    meta = cellmap[cellmap["kind"] == "meta"]
    out_meta = pd.DataFrame(
        {
            "sheet": meta["sheet"].to_numpy(),
            "cell": meta["cell"].to_numpy(),
            "value": pd.Series([facts.get(f) for f in meta["field"]], dtype=object).to_numpy(),
        }
    )
    return pd.concat([out_meta, out], ignore_index=True)


def _same(expected: object, found: object) -> bool:
    if expected is None:
        return found is None
    if isinstance(expected, dt.date) and not isinstance(expected, dt.datetime):
        return (
            isinstance(found, dt.datetime | dt.date)
            and (found.date() if isinstance(found, dt.datetime) else found) == expected
        )
    if isinstance(expected, int | float) and not isinstance(expected, bool):
        return (
            isinstance(found, int | float)
            and not isinstance(found, bool)
            and math.isclose(float(found), float(expected), rel_tol=1e-12, abs_tol=1e-12)
        )
    return found == expected


def _save_dated(workbook, path: Path, created: dt.datetime) -> None:
    """Save with ``created`` as the workbook's dates (openpyxl's own ``save`` stamps the
    clock as ``modified``) and as every zip member's timestamp: the same bytes each time."""
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.writer.excel import ExcelWriter

    workbook.properties.created = workbook.properties.modified = created
    with ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()
    fix_zip_times(path, created)


def fill_return(
    template: Template,
    cellmap: pd.DataFrame,
    values: pd.DataFrame,
    path: Path,
    created: dt.datetime | None = None,
) -> None:
    """Write ``values`` into a copy of the template at ``path``, then re-open and check it.

    ``path`` should be a temporary name (see :func:`~wres_wdes.write.safe.write_atomic`):
    on a mismatch :class:`ReturnCheckError` is raised and the caller discards it.
    ``created`` dates the workbook (default: the clock); with a date, the same
    figures give the same bytes.
    """
    workbook = load_workbook(template.workbook)
    sheets, names = list(workbook.sheetnames), sorted(workbook.defined_names)
    for sheet, cell, value in values.itertuples(index=False):
        target = workbook[sheet][cell]
        target.value = value
        if isinstance(value, str):
            target.data_type = "s"  # never a formula, whatever the text
    if created is None:
        workbook.save(path)
    else:
        _save_dated(workbook, path, created)
    workbook.close()

    reopened = load_workbook(path)
    try:
        mismatches = []
        if list(reopened.sheetnames) != sheets:
            mismatches.append(f"sheets {reopened.sheetnames} instead of {sheets}")
        if sorted(reopened.defined_names) != names:
            mismatches.append("defined names were lost")
        for sheet, cell, value in values.itertuples(index=False):
            found = reopened[sheet][cell]
            if found.data_type == "f":
                mismatches.append(f"{sheet}!{cell} holds a formula")
            elif not _same(value, found.value):
                mismatches.append(f"{sheet}!{cell} holds {found.value!r}, not {value!r}")
        labels = cellmap[cellmap["kind"] == "label"]
        row: Any  # a cell-map row: text fields
        for row in labels.itertuples(index=False):
            found = reopened[row.sheet][row.cell].value
            if str(found if found is not None else "").strip() != row.expected.strip():
                mismatches.append(f"label {row.sheet}!{row.cell} changed to {found!r}")
    finally:
        reopened.close()
    if mismatches:
        raise ReturnCheckError(Path(path), mismatches)


def standards_present(results: pd.DataFrame, organisation: str) -> list[str]:
    """The standards with at least one organisation-level figure of a national metric."""
    rows = results[
        (results["level"] == "organisation")
        & (results["organisation"] == organisation)
        & (results["metric"] != "leaving")
    ]
    return [s for s in ("WRES", "WDES") if (rows["standard"] == s).any()]


def return_filename(standard: str, organisation: str, config: Config) -> str:
    """``WRES-return-RXX-2024.xlsx``: the code for the config's organisation, else a slug."""
    tag = (
        config.organisation_code
        if organisation == config.organisation_name and config.organisation_code
        else slug(organisation)
    )
    return f"{standard}-return-{slug(tag)}-{config.year}.xlsx"


def slug(text: str) -> str:
    """A file-name-safe form of a name: ``Northfield NHS Trust`` → ``Northfield-NHS-Trust``."""
    cleaned = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")
    return cleaned[:60] or "organisation"


__all__ = [
    "ReturnCheckError",
    "Template",
    "check_template",
    "fill_return",
    "find_template",
    "meta_facts",
    "read_cell_map",
    "return_filename",
    "return_values",
    "slug",
    "standards_present",
]
