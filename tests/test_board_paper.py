"""The board paper (issue 17): report.docx opened with python-docx, its headings, its
charts and their alt text, its executive summary against metrics.csv, and nothing
suppressed in it."""

from __future__ import annotations

import io
import math
import zipfile

import docx
import pandas as pd
import pytest
from docx_text import all_text, alt_texts, paragraphs, section
from PIL import Image
from test_write_trust import shared_run

from wres_wdes.write.paper.facts import national_figures, parity_need


@pytest.fixture(scope="module")
def paper(tmp_path_factory):
    _, out = shared_run(tmp_path_factory)
    return out


def _metrics(out) -> pd.DataFrame:
    frame = pd.read_csv(out / "metrics.csv", dtype={"metric": str}, keep_default_na=False)
    return frame[frame["level"] == "organisation"]


def test_the_paper_uses_word_heading_styles_for_its_sections(paper) -> None:
    styles = paragraphs(paper / "report.docx")
    headings = {text: style for style, text in styles if style.startswith(("Heading", "Title"))}
    assert styles[0][0] == "Title" and styles[0][1].startswith("WRES and WDES 2024")
    for text, style in {
        "Executive summary": "Heading 1",
        "Recommendation": "Heading 1",
        "WRES: Workforce Race Equality Standard": "Heading 1",
        "WDES: Workforce Disability Equality Standard": "Heading 1",
        "Declaration rates": "Heading 1",
        "What this paper could not compute": "Heading 1",
        "By directorate": "Heading 1",
        "Method and caveats": "Heading 1",
        "Appendix": "Heading 1",
        "Headline figures": "Heading 2",
        "Direction of travel": "Heading 2",
    }.items():
        assert headings.get(text) == style, text
    cover = " ".join(t for _, t in styles[:6])
    assert "for approval" in cover and "(RTT)" in cover


def test_every_chart_is_embedded_with_its_alt_text(paper) -> None:
    path = paper / "report.docx"
    alts = alt_texts(path)
    assert len(alts) >= 3 and all(len(a) > 60 for a in alts)
    # each picture is one of the run's charts, with the alt text the PNG carries
    described = {}
    for png in (paper / "charts").glob("*.png"):
        with Image.open(png) as image:
            described[image.info["Description"]] = png.read_bytes()
    assert set(alts) <= set(described)
    with zipfile.ZipFile(path) as book:
        media = [book.read(n) for n in book.namelist() if n.startswith("word/media/")]
    assert len(media) == len(alts)
    for blob in media:
        assert blob in described.values()  # the very PNG written beside the report
    kinds = {png.name for png in (paper / "charts").glob("metric1-*.png")}
    assert kinds == {"metric1-WRES.png", "metric1-WDES.png"}
    for name in kinds:
        with Image.open(paper / "charts" / name) as image:
            assert image.info["Description"] in alts


def test_the_executive_summary_follows_from_metrics_csv(paper) -> None:
    rows = _metrics(paper)
    summary = section(paper / "report.docx", "Executive summary")
    assert 5 <= len(summary) <= 8
    text = " ".join(summary)
    ratios = rows[rows["statistic"] == "relative_likelihood"].copy()
    for column in ("value", "ci_low", "ci_high"):
        ratios[column] = pd.to_numeric(ratios[column])
    # outside 0.80-1.25 (wres.md §9.1) and significant: the 95% interval excludes 1
    adverse = ratios[
        ((ratios["value"] < 0.8) | (ratios["value"] > 1.25))
        & ((ratios["ci_low"] > 1) | (ratios["ci_high"] < 1))
    ]
    for standard in ("WRES", "WDES"):
        line = next(s for s in summary if s.startswith(f"{standard}:"))
        mine = adverse[adverse["standard"] == standard]
        for _, r in mine.iterrows():
            assert f"{standard} {r['metric']} (" in line and f"{r['value']:.2f}" in line
        others = ratios[(ratios["standard"] == standard) & ~ratios.index.isin(mine.index)]
        for _, r in others.iterrows():
            label = f"{standard} {r['metric']} (" + (r["group"] + " ÷ " + r["reference_group"])
            assert f"{label}) {r['value']:.2f}" not in line
        assert line.count("÷") == len(mine)
    # board: share of all members from the counts (WRES 9, group BME, category all)
    board = rows[(rows["metric"] == "9") & (rows["category"] == "all") & (rows["group"] == "BME")]
    b = board.iloc[0]
    share = 100 * float(b["events_group"]) / float(b["n_group"])
    assert f"BME people are {share:.1f}% of board members" in text
    # declaration: Unknown ethnicity as a share of the whole workforce (WRES 1, all)
    unknown = rows[(rows["metric"] == "1") & (rows["standard"] == "WRES")]
    unknown = unknown[(unknown["category"] == "all") & (unknown["group"] == "Unknown")].iloc[0]
    rate = 100 * float(unknown["events_group"]) / float(unknown["n_group"])
    assert f"ethnicity is unknown for {rate:.1f}% of staff" in text.lower()
    assert "no earlier years" in text  # this run has no [history]


def test_national_figures_are_sourced_and_shown_beside_the_trusts(paper) -> None:
    table = national_figures()
    assert table["source"].str.contains(r"(?:wres|wdes)\.md §(?:9\.2|10)", regex=True).all()
    assert table["source"].str.contains(r"S\d+", regex=True).all()
    # wres.md §9.2: the national WRES 2 in 2023 is 1.59 (S17, S31); 2024 is not confirmed
    wres2 = table[(table["standard"] == "WRES") & (table["metric"] == "2")]
    assert wres2.set_index("year").loc[2023, "value"] == 1.59 and 2024 not in set(wres2["year"])
    conflicts = table[table["conflict"] == "yes"]
    assert conflicts["source"].str.contains(r"\[conflict\]").all() and len(conflicts) >= 2
    text = all_text(paper / "report.docx")
    assert "1.59 (2023)" in text


def test_the_model_employer_gap_is_the_shortfall_to_the_workforce_share() -> None:
    # 25.1% of a band of 40 is 10.04 people: parity needs 11, so 3 more than 8
    assert parity_need(25.1, 8, 40) == 3
    assert parity_need(25.0, 10, 40) == 0  # exactly at parity
    assert parity_need(25.1, 20, 40) == 0  # above it
    assert math.ceil(0.251 * 40) - 8 == 3


def test_no_suppressed_figure_is_in_the_paper(paper) -> None:
    # the publication's own mask (disclosure.py) says which unit counts are hidden: a
    # unit whose BME disciplinary cases are 1-4 must show [c], never the count or ratio
    frame = pd.read_csv(paper / "metrics.csv", dtype={"metric": str}, keep_default_na=False)
    small = frame[
        (frame["standard"] == "WRES")
        & (frame["metric"] == "3")
        & (frame["level"] != "organisation")
        & (pd.to_numeric(frame["events_group"]) > 0)
        & (pd.to_numeric(frame["events_group"]) < 5)
    ]
    document = docx.Document(str(paper / "report.docx"))
    cells = {}
    for table in document.tables:
        headers = [c.text for c in table.rows[0].cells]
        if "WRES 3: BME ÷ White" in headers:
            column = headers.index("WRES 3: BME ÷ White")
            for row in table.rows[1:]:
                cells[row.cells[0].text.replace("↳ ", "")] = row.cells[column].text
    assert len(small) and cells
    for _, r in small.iterrows():
        if r["unit"] in cells:
            assert cells[r["unit"]] == "[c]", r["unit"]


def test_the_docx_is_the_same_bytes_each_time(paper, tmp_path) -> None:
    # dated by the census date, members stamped with it: nothing from the clock
    with zipfile.ZipFile(io.BytesIO((paper / "report.docx").read_bytes())) as book:
        assert {i.date_time[:3] for i in book.infolist()} == {(2024, 3, 31)}
        core = book.read("docProps/core.xml").decode()
    assert "2024-03-31" in core


def test_a_missing_input_is_named_with_the_metrics_it_stops(tmp_path) -> None:
    from test_honest_figures import cases, people

    from wres_wdes import Config, load_frames
    from wres_wdes.calculate import calculate
    from wres_wdes.write import write_outputs

    staff = pd.concat([people(200, "A", "T", "X"), people(60, "N", "T", "X")])
    disc = pd.concat([cases(staff.iloc[:200], 20), cases(staff.iloc[200:], 9)])
    inputs = load_frames(
        {"staff": staff, "disciplinary": disc}, Config(organisation_name="T", year=2024)
    )
    out = tmp_path / "out"
    write_outputs(calculate(inputs), inputs, out, kinds="report")
    missing = " ".join(section(out / "report.docx", "What this paper could not compute"))
    # registry inputs (metrics/registry.py): WRES 2 and WDES 2 read applications, WRES 4
    # training, WRES 9 and WDES 10 the board, WRES 5-8 and WDES 4a-9a the Staff Survey
    for label, reason in (
        ("WRES 2", "no applications file"),
        ("WRES 4", "no training file"),
        ("WRES 9", "no board file"),
        ("WDES 10", "no board file"),
        ("WRES 5", "no Staff Survey file"),
        ("WDES 9a", "no Staff Survey file"),
    ):
        assert f"{label}:" in missing and reason in missing, label
    assert "WRES 3:" not in missing  # computed from the disciplinary file
    summary = " ".join(section(out / "report.docx", "Executive summary"))
    assert "Not computed:" in summary and "no training file" in summary


def test_a_national_voting_share_sits_beside_the_trusts_voting_row(paper) -> None:
    # wdes.md §10: the 2022 national figure (4.8%) is of voting members, so it is
    # compared with the trust's voting members, never with the whole board
    document = docx.Document(str(paper / "report.docx"))
    rows = [
        [cell.text for cell in row.cells]
        for table in document.tables
        for row in table.rows
        if row.cells[0].text == "WDES 10"
    ]
    nationals = {tuple(r[1].split()): r[-1] for r in rows if len(r) >= 6}
    voting = [n for words, n in nationals.items() if "voting" in words]
    whole = [n for words, n in nationals.items() if "all" in words]
    assert voting and any("(voting)" in n for n in voting)
    assert whole and not any("(voting)" in n for n in whole)
