"""Generate the WRES and WDES return templates and their cell maps.

Run ``python tools/make_templates.py`` (optionally with a folder) to
rewrite ``templates/WRES-return-template.xlsx``, ``templates/WDES-return-template.xlsx``
and their cell maps ``…-cellmap.csv``. The generated files are committed; the
fill code (:mod:`wres_wdes.write.returns`) reads only the workbook and its cell
map, so an official template replaces ours with a new cell map and no code.

The layout follows what ``reference/wres.md`` §6, §8 and ``reference/wdes.md``
§3, §9 say the national collection holds: metric 1 headcounts by band (WRES)
or cluster (WDES), non-clinical, clinical and medical, by group; the counts
behind the relative likelihoods; board counts (WRES 9, WDES 10); WDES 9b
yes/no and narrative; organisation, code and year. The official sheet names,
labels and cells are not public (``wdes.md`` §9, ``wres.md`` §8: unconfirmed),
so the cells are ours. Metric wording is read from the registry.

Cell map columns (``docs/outputs.md``, "Cell maps"):

``kind``
    ``label``: the cell must read ``expected`` before anything is written (a
    check that the template is the one the map was made for); ``meta``: a fact
    of the run (``field``: ``organisation_name``, ``organisation_code``,
    ``reporting_year``, ``census_date``, ``data_year``, ``produced_by``);
    ``result``: a figure from the results.
``sheet``, ``cell``
    Where, e.g. ``Indicator 1``, ``B6``.
``standard``, ``metric``, ``category``, ``group``, ``statistic``
    Which result row: the organisation-level row with these values (a blank
    ``statistic`` means the registry's statistic for the metric).
``field``
    Which column of that row (``events_group``, ``n_reference``, ``value``,
    ``ci_low``, ``note`` …), or ``yes_no`` (``value`` as Yes / No).
``if_missing``
    What to write when the metric was computed but the row is absent (``0``
    for a band nobody is in); blank leaves the cell empty.
``expected``
    For ``label`` rows, the text the cell must hold.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from wres_wdes.classify import FOCUS_GROUPS, GROUPS
from wres_wdes.classify.bands import BANDS, MEDICAL_SUBGROUPS
from wres_wdes.metrics.registry import get
from wres_wdes.reference import load as load_reference
from wres_wdes.write.cellmap import CELLMAP_COLUMNS, CELLMAP_NAME, TEMPLATE_NAME

COUNT_FORMAT = "#,##0"
"""Headcounts and events: whole numbers (a ``#,##0.##`` format shows ``183.`` in Excel)."""
MEAN_FORMAT = "#,##0.0"
"""Events of a two-year window: the mean per year, which can end in .5."""
RATIO_FORMAT = "0.00"
SHARE_FORMAT = "0.0%"
PERCENT_FORMAT = "0.0"

MEDICAL_LABELS = {
    "consultant": "Consultants",
    "non-consultant career grade": "Non-consultant career grades",
    "trainee grade": "Trainee grades",
    "other": "Other medical and dental grades",
}


@dataclass
class Sheet:
    """One sheet being laid out: labels, value cells and formats, recorded as it goes."""

    name: str
    rows: list[tuple[int, int, object, str]] = field(default_factory=list)
    formats: dict[tuple[int, int], str] = field(default_factory=dict)
    bold: set[tuple[int, int]] = field(default_factory=set)
    widths: dict[int, float] = field(default_factory=dict)
    row: int = 1

    def label(self, col: int, text: str, bold: bool = False) -> None:
        self.rows.append((self.row, col, text, "label"))
        if bold:
            self.bold.add((self.row, col))

    def cell(self, col: int, number_format: str, **entry: str) -> None:
        self.rows.append((self.row, col, entry, "value"))
        self.formats[(self.row, col)] = number_format

    def results(self, **fixed: str) -> Callable[..., None]:
        """A writer of result cells that share ``fixed`` (standard, metric, category):
        ``put(col, number_format, group=…, field=…)``."""
        return partial(self.cell, kind="result", **fixed)

    def next(self, n: int = 1) -> None:
        self.row += n


def _address(row: int, col: int) -> str:
    return f"{get_column_letter(col)}{row}"


def _organisation_sheet(standard: str) -> Sheet:
    s = Sheet("Organisation")
    s.widths = {1: 34, 2: 60}
    title = (
        "Workforce Race Equality Standard (WRES) return"
        if standard == "WRES"
        else "Workforce Disability Equality Standard (WDES) return"
    )
    s.label(1, title, bold=True)
    s.next(2)
    for text, meta, number_format in (
        ("Organisation name", "organisation_name", "@"),
        ("Organisation code", "organisation_code", "@"),
        ("Reporting year", "reporting_year", "0"),
        ("Workforce census date", "census_date", "d mmmm yyyy"),
        ("Data year", "data_year", "@"),
        ("Produced by", "produced_by", "@"),
    ):
        s.label(1, text)
        s.cell(2, number_format, kind="meta", field=meta)
        s.next()
    s.next()
    s.label(1, "About this workbook", bold=True)
    s.next()
    for text in (
        "Laid out like the national data collection as far as public sources describe it; "
        "the official sheet names and cells are not public.",
        "Filled by wres_wdes at the cells its cell map names, then re-opened and checked "
        "cell by cell. To use an official template, write a cell map for it.",
        "Contains exact counts, including small ones: not for publication.",
    ):
        s.label(1, text)
        s.next()
    return s


def _metric1_block(
    s: Sheet,
    standard: str,
    heading: str,
    prefix: str,
    rows: list[tuple[str, str]],
    groups: list[str],
    focus: str,
) -> None:
    s.label(1, heading, bold=True)
    s.next()
    for text, suffix in rows:
        category = suffix if prefix == "" else f"{prefix}/{suffix}"
        s.label(1, text)
        put = s.results(standard=standard, metric="1", category=category)
        for col, group in enumerate(groups, start=2):
            put(col, COUNT_FORMAT, group=group, field="events_group", if_missing="0")
        put(len(groups) + 2, COUNT_FORMAT, group=groups[0], field="n_group", if_missing="0")
        put(len(groups) + 3, PERCENT_FORMAT, group=focus, field="value")
        s.next()
    s.next()


def _metric1_sheet(standard: str) -> Sheet:
    wres = standard == "WRES"
    s = Sheet("Indicator 1" if wres else "Metric 1")
    groups = list(GROUPS["ethnicity" if wres else "disability"])
    focus = FOCUS_GROUPS["ethnicity" if wres else "disability"]
    headers = (
        ["White", "BME", "Ethnicity unknown or null"]
        if wres
        else ["Disabled", "Non-disabled", "Disability unknown or null"]
    )
    s.widths = {1: 58, 2: 14, 3: 14, 4: 16, 5: 12, 6: 14}
    metric = get(standard, "1")
    s.label(
        1,
        f"{standard} {'indicator' if wres else 'metric'} 1: staff in post by "
        f"{'pay band' if wres else 'cluster'} (headcount)",
        bold=True,
    )
    s.next()
    s.label(1, metric.wording)
    s.next(2)
    s.label(1, "Pay band" if wres else "Cluster", bold=True)
    for col, text in enumerate([*headers, "Total", f"% {focus}"], start=2):
        s.label(col, text, bold=True)
    s.next()
    if wres:
        afc = [
            (b[0].upper() + b[1:] if b != "vsm" else "Very senior managers (VSM)", b) for b in BANDS
        ]
        afc.append(("Band not known", "band unknown"))
        medical = [(MEDICAL_LABELS[m], m) for m in MEDICAL_SUBGROUPS]
    else:
        bands = load_reference("pay_bands")
        afc = []
        for cluster, part in bands.groupby("wdes_cluster", sort=True):
            names = [b.removeprefix("band ") for b in part.sort_values("order")["band"]]
            names = ["VSM (including executive board members)" if b == "vsm" else b for b in names]
            afc.append((f"Cluster {cluster}: AfC bands {', '.join(names)}", f"cluster {cluster}"))
        afc.append(("Cluster not known", "cluster unknown"))
        medical = [
            ("Cluster 5: consultants", "cluster 5"),
            ("Cluster 6: non-consultant career grades", "cluster 6"),
            ("Cluster 7: trainee grades", "cluster 7"),
        ]
    _metric1_block(
        s,
        standard,
        "Non-clinical staff",
        "non-clinical",
        [*afc, ("Total non-clinical staff", "all")],
        groups,
        focus,
    )
    _metric1_block(
        s,
        standard,
        "Clinical staff (non-medical)",
        "clinical",
        [*afc, ("Total clinical staff", "all")],
        groups,
        focus,
    )
    _metric1_block(
        s,
        standard,
        "Medical and dental staff",
        "medical",
        [*medical, ("Total medical and dental staff", "all")],
        groups,
        focus,
    )
    _metric1_block(
        s,
        standard,
        "Staff category not known",
        "unknown",
        [("Total staff of unknown category", "all")],
        groups,
        focus,
    )
    _metric1_block(s, standard, "All staff", "", [("All staff", "all")], groups, focus)
    return s


def _likelihood_block(
    s: Sheet,
    standard: str,
    metric_id: str,
    columns: list[str],
    population: str,
    event: str,
    category: str = "",
) -> None:
    """Counts behind a relative likelihood; columns in a fixed order, whatever the direction."""
    metric = get(standard, metric_id)
    per_year = metric_id == "3"  # the two-year window's mean entries per year (default)
    word = "Indicator" if standard == "WRES" else "Metric"
    s.label(1, f"{word} {metric_id}", bold=True)
    s.next()
    s.label(1, metric.wording)
    s.next()
    for col, group in enumerate(columns, start=2):
        s.label(col, group, bold=True)
    s.next()
    side = {metric.group: "group", metric.reference_group: "reference"}
    put = s.results(standard=standard, metric=metric_id, category=category, group=metric.group)
    for text, kind, number_format in (
        (population, "n", COUNT_FORMAT),
        (event, "events", MEAN_FORMAT if per_year else COUNT_FORMAT),
        ("Rate", "rate", SHARE_FORMAT),
    ):
        s.label(1, text)
        for col, group in enumerate(columns, start=2):
            put(col, number_format, field=f"{kind}_{side[group]}")
        s.next()
    s.label(1, f"Relative likelihood ({metric.direction})")
    put(2, RATIO_FORMAT, field="value")
    s.next()
    s.label(1, "Confidence interval: lower, upper")
    for col, bound in ((2, "ci_low"), (3, "ci_high")):
        put(col, RATIO_FORMAT, field=bound)
    s.next(2)


def _likelihood_sheet(standard: str) -> Sheet:
    if standard == "WRES":
        s = Sheet("Indicators 2-4")
        columns = ["White", "BME"]
        blocks = [
            ("2", "Shortlisted applicants", "Appointed from shortlisting"),
            (
                "3",
                "Staff in post at 31 March",
                "Entering the formal disciplinary process (mean per year over the window)",
            ),
            ("4", "Staff in post at 31 March", "Accessed non-mandatory training or CPD"),
        ]
    else:
        s = Sheet("Metrics 2-3")
        columns = ["Disabled", "Non-disabled"]
        blocks = [
            ("2", "Shortlisted applicants", "Appointed from shortlisting"),
            (
                "3",
                "Staff in post at 31 March",
                "Entering the formal capability process (mean per year over the window)",
            ),
        ]
    s.widths = {1: 72, 2: 16, 3: 16}
    s.label(1, f"{standard}: the counts behind the relative likelihoods", bold=True)
    s.next(2)
    for metric_id, population, event in blocks:
        _likelihood_block(s, standard, metric_id, columns, population, event)
    if standard == "WDES":
        metric = get("WDES", "2")
        s.label(1, "Metric 2 without guaranteed interview scheme applicants", bold=True)
        s.next()
        s.label(
            1,
            f"Relative likelihood ({metric.direction}), applicants shortlisted under "
            "a guaranteed interview scheme left out",
        )
        s.cell(
            2,
            RATIO_FORMAT,
            kind="result",
            standard="WDES",
            metric="2",
            category="excluding guaranteed interview",
            group=metric.group,
            field="value",
        )
        s.next(2)
    return s


def _board_sheet(standard: str) -> Sheet:
    """Board against workforce for every group and membership (issue 13: trust board papers
    and the national returns give White, BME and Unknown; Disabled, Non-disabled and
    Unknown)."""
    wres = standard == "WRES"
    metric = get(standard, "9" if wres else "10")
    s = Sheet("Indicator 9" if wres else "Metric 10")
    s.widths = {1: 22, 2: 14, 3: 12, 4: 18, 5: 16, 6: 18, 7: 22}
    s.label(
        1, f"{standard} {'indicator 9' if wres else 'metric 10'}: board and workforce", bold=True
    )
    s.next()
    s.label(1, metric.wording)
    s.next()
    s.label(
        1,
        "Shares of all members and of all staff (the basis of "
        + ("indicator 1" if wres else "metric 1")
        + "); complete counts at the census date.",
    )
    s.next(2)
    headers = [
        "Board membership",
        "Group",
        "Members",
        "Members in group",
        "Group % of board",
        "Group % of workforce",
        "Difference (percentage points)",
    ]
    for col, text in enumerate(headers, start=1):
        s.label(col, text, bold=True)
    s.next()
    groups = ("White", "BME", "Unknown") if wres else ("Disabled", "Non-disabled", "Unknown")
    for membership, text in (
        ("voting", "Voting members"),
        ("executive", "Executive members"),
        ("all", "All members"),
    ):
        for group in groups:
            s.label(1, text)
            s.label(2, group)
            put = s.results(
                standard=standard, metric=metric.metric, category=membership, group=group
            )
            for col, (name, number_format) in enumerate(
                (
                    ("n_group", COUNT_FORMAT),
                    ("events_group", COUNT_FORMAT),
                    ("rate_group", SHARE_FORMAT),
                    ("rate_reference", SHARE_FORMAT),
                    ("value", PERCENT_FORMAT),
                ),
                start=3,
            ):
                put(col, number_format, field=name)
            s.next()
    return s


def _voice_sheet() -> Sheet:
    metric = get("WDES", "9b")
    s = Sheet("Metric 9b")
    s.widths = {1: 40, 2: 90}
    s.label(1, "WDES metric 9b: the voices of Disabled staff", bold=True)
    s.next()
    s.label(1, metric.wording)
    s.next(2)
    s.label(1, "Answer (Yes or No)")
    s.cell(2, "@", kind="result", standard="WDES", metric="9b", group="Disabled", field="yes_no")
    s.next()
    s.label(1, "Narrative: action taken or planned")
    s.cell(2, "@", kind="result", standard="WDES", metric="9b", group="Disabled", field="note")
    return s


def layout(standard: str) -> list[Sheet]:
    """The sheets of one standard's return, in order."""
    sheets = [
        _organisation_sheet(standard),
        _metric1_sheet(standard),
        _likelihood_sheet(standard),
        _board_sheet(standard),
    ]
    if standard == "WDES":
        sheets.insert(3, _voice_sheet())
    return sheets


def build(standard: str, folder: Path) -> tuple[Path, Path]:
    """Write one standard's template workbook and cell map into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    wb.remove(wb.active)
    entries: list[dict[str, str]] = []
    for sheet in layout(standard):
        ws = wb.create_sheet(sheet.name)
        for col, width in sheet.widths.items():
            ws.column_dimensions[get_column_letter(col)].width = width
        for row, col, content, kind in sheet.rows:
            address = _address(row, col)
            if kind == "label":
                if not content:
                    continue
                cell = ws.cell(row=row, column=col, value=content)
                cell.alignment = Alignment(
                    wrap_text=col == 1 and len(str(content)) > 60, vertical="top"
                )
                if (row, col) in sheet.bold:
                    cell.font = Font(bold=True)
                entries.append(
                    {
                        "kind": "label",
                        "sheet": sheet.name,
                        "cell": address,
                        "expected": str(content),
                    }
                )
            else:
                cell = ws.cell(row=row, column=col)
                cell.number_format = sheet.formats[(row, col)]
                cell.fill = PatternFill("solid", fgColor="FFF2CC")
                entry = {"sheet": sheet.name, "cell": address, **content}
                if entry["kind"] == "result":
                    entry["statistic"] = get(entry["standard"], entry["metric"]).statistic
                entries.append(entry)
        ws.sheet_view.showGridLines = True
    xlsx = folder / TEMPLATE_NAME.format(standard=standard)
    wb.properties.title = f"{standard} return template (wres_wdes)"
    wb.properties.creator = "wres_wdes"
    # fixed timestamps keep the committed file stable from one regeneration to the next
    stamp = dt.datetime(2024, 3, 31)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.save(xlsx)
    _fix_zip_times(xlsx, stamp)
    cellmap = folder / CELLMAP_NAME.format(standard=standard)
    with cellmap.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CELLMAP_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for entry in entries:
            writer.writerow({c: entry.get(c, "") for c in CELLMAP_COLUMNS})
    return xlsx, cellmap


def _fix_zip_times(path: Path, stamp: dt.datetime) -> None:
    """Rewrite the workbook's zip entries with a fixed time, so regeneration is byte-stable."""
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*",
                    rb"\g<1>" + stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode(),
                    data,
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, data)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    folder = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "templates"
    for standard in ("WRES", "WDES"):
        for path in build(standard, folder):
            print(f"Wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
