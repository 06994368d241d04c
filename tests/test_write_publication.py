"""The publication workbook: accessible layout, every cell against metrics.csv, [c] rules."""

from __future__ import annotations

import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook
from test_write_trust import ID_PREFIX, read_metrics, shared_run

from wres_wdes.metrics.registry import REGISTRY

PUBLICATION = "WRES-WDES-2024-publication.xlsx"
COUNTS = {
    "Group: people": "n_group",
    "Group: with the event": "events_group",
    "Reference group: people": "n_reference",
    "Reference group: with the event": "events_reference",
    "Headcount of group in category": "events_group",
    "Headcount of category": "n_group",
    "Board members": "n_group",
    "Board members in group": "events_group",
    "Staff": "n_reference",
    "Staff in group": "events_reference",
}
VALUES = {
    "Relative likelihood": 2,
    "Group as % of category": 1,
    "Difference (percentage points)": 1,
}


def _table(sheet) -> pd.DataFrame:
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == "Organisation")
    return pd.DataFrame(rows[start + 1 :], columns=rows[start])


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    _, out = shared_run(tmp_path_factory)
    return load_workbook(out / PUBLICATION), read_metrics(out)


def test_cover_contents_and_notes_come_first_and_one_table_per_sheet(published) -> None:
    workbook, metrics = published
    assert workbook.sheetnames[:3] == ["Cover", "Contents", "Notes"]
    expected = {f"{s} {m}" for s, m in zip(metrics["standard"], metrics["metric"], strict=True)}
    assert set(workbook.sheetnames[3:]) == expected


def test_the_cover_names_the_organisation_year_sources_directions_and_intervals(published) -> None:
    workbook, _ = published
    text = "\n".join(
        str(c) for row in workbook["Cover"].iter_rows(values_only=True) for c in row if c
    )
    assert "Test Trust (RTT)" in text and "2024" in text
    assert "staff.csv" in text and "applications.csv" in text
    for metric in REGISTRY:
        if metric.statistic == "relative_likelihood":  # the direction of every ratio, in words
            assert (
                f"{metric.standard} {metric.metric}: {metric.group} ÷ "
                f"{metric.reference_group}" in text
            )
    assert "Koopman" in text and "Wilson" in text and "Mee" in text
    assert "complete counts at the census date" in text
    assert "[c]" in text


def test_every_published_cell_matches_metrics_csv_or_is_confidential(published) -> None:
    workbook, metrics = published
    checked = hidden = 0
    for sheet in workbook.sheetnames[3:]:
        standard, metric = sheet.split(" ", 1)
        if metric == "9b":
            continue
        table = _table(workbook[sheet])
        source = metrics[(metrics["standard"] == standard) & (metrics["metric"] == metric)]
        for record in table.to_dict("records"):
            sel = (
                (source["organisation"] == record["Organisation"])
                & (source["level"] == record["Level"])
                & (source["unit"] == str(record["Unit"]).removeprefix("'"))
                & (source["group"] == record["Group"])
            )
            if "Category" in record:
                sel &= source["category"].fillna("").replace("", "all") == record["Category"]
            if "Reference group" in record:
                sel &= source["reference_group"].fillna("[x]") == record["Reference group"]
            match = source[sel]
            assert len(match) == 1, record
            truth = match.iloc[0]
            for heading, column in COUNTS.items():
                if heading not in record:
                    continue
                shown = record[heading]
                if shown == "[c]":
                    hidden += 1
                    continue
                assert shown == pytest.approx(round(truth[column], 1)), (sheet, heading, record)
                board = metric in ("9", "10")  # public: not suppressed by default
                if truth["group"] != "Unknown" and column.startswith("events") and not board:
                    assert not 0 < truth[column] < 5, "a small count is shown"
                checked += 1
            for heading, digits in VALUES.items():
                if heading in record and record[heading] not in ("[c]", "[x]"):
                    assert record[heading] == pytest.approx(round(truth["value"], digits))
                    assert all(
                        record[h] != "[c]"
                        for h in COUNTS
                        if h in record and COUNTS[h].endswith("group")
                    ), "a value beside a hidden count"
    assert checked > 200 and hidden > 0


def test_wdes9b_is_published_with_its_narrative_escaped(published) -> None:
    workbook, _ = published
    table = _table(workbook["WDES 9b"])
    assert table["Answer"].tolist() == ["Yes"]
    assert table["Narrative"].iloc[0].startswith("'=HYPERLINK")


def test_names_from_the_inputs_are_never_formulas(published) -> None:
    workbook, _ = published
    cells = [c for row in workbook["WRES 2"].iter_rows() for c in row if c.value is not None]
    units = {c.value for c in cells if isinstance(c.value, str)}
    assert {"'=SUM(1+1)", "'-Theatres", "'@Recovery", "'+Corporate"} <= units
    assert not any(c.data_type == "f" for c in cells)


def test_no_person_identifier_is_in_any_output(tmp_path_factory) -> None:
    _, out = shared_run(tmp_path_factory)
    files = [p for p in out.rglob("*") if p.is_file()]
    assert len(files) > 8
    for path in files:
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                text = "".join(book.read(n).decode("utf-8", "replace") for n in book.namelist())
        else:
            text = path.read_bytes().decode("utf-8", "replace")
        assert ID_PREFIX not in text, path.name


def test_the_internal_breakdown_is_unsuppressed_and_says_so(tmp_path_factory) -> None:
    _, out = shared_run(tmp_path_factory)
    path = out / "INTERNAL-not-for-publication-breakdown.xlsx"
    workbook = load_workbook(path)
    assert workbook.sheetnames[0] == "READ ME"
    assert workbook["READ ME"]["A1"].value.startswith("NOT FOR PUBLICATION")
    metrics = read_metrics(out)
    wres3 = metrics[(metrics["standard"] == "WRES") & (metrics["metric"] == "3")]
    sheet = workbook["WRES 3"]
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    table = pd.DataFrame(rows[1:], columns=rows[0])
    assert table["events_group"].sum() == pytest.approx(wres3["events_group"].sum())
    assert "[c]" not in table.astype(str).to_numpy()
    assert "'=SUM(1+1)" in set(table["unit"])
