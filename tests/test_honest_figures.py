"""Honest figures: census counts without sampling noise, families that stay within an
organisation, nothing published that the suppressed table hides, zeros shown (issue 13)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from PIL import Image

from wres_wdes import Config, calculate, load, load_frames, write_outputs
from wres_wdes.bundled import sample_config
from wres_wdes.write.disclosure import unit_parents
from wres_wdes.write.publication import publish


def people(n: int, ethnicity: str, organisation: str, directorate: str, start: int = 0):
    return pd.DataFrame(
        {
            "person_id": [f"{organisation}{ethnicity}{directorate}{start + i}" for i in range(n)],
            "ethnicity": ethnicity,
            "organisation": organisation,
            "directorate": directorate,
        }
    )


def cases(staff: pd.DataFrame, n: int, date: str = "2023-06-01") -> pd.DataFrame:
    return pd.DataFrame({"person_id": staff["person_id"].iloc[:n], "start_date": date})


def _trust(organisation: str, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    staff, disc = [], []
    for d in ("A", "B", "C", "D"):
        white, bme = people(60, "A", organisation, d), people(30, "N", organisation, d)
        staff += [white, bme]
        disc += [cases(white, int(rng.integers(1, 6))), cases(bme, int(rng.integers(2, 9)))]
    return pd.concat(staff), pd.concat(disc)


def test_benjamini_hochberg_families_never_cross_organisations() -> None:
    # one trust's adjusted p-values must not change because another trust is in the run
    config = Config(
        organisation_name="System",
        year=2024,
        levels=("directorate",),
        organisation_column="organisation",
    ).with_options(disciplinary_window="one_year")
    staff_a, disc_a = _trust("Trust A", 1)
    staff_b, disc_b = _trust("Trust B", 2)
    alone = calculate(load_frames({"staff": staff_a, "disciplinary": disc_a}, config)).frame
    both = calculate(
        load_frames(
            {"staff": pd.concat([staff_a, staff_b]), "disciplinary": pd.concat([disc_a, disc_b])},
            config,
        )
    ).frame
    key = ["standard", "metric", "level", "unit", "category", "group", "statistic"]
    a_alone = alone[(alone.metric == "3") & (alone.level == "directorate")].set_index(key)
    a_both = both[
        (both.metric == "3") & (both.level == "directorate") & (both.organisation == "Trust A")
    ].set_index(key)
    assert a_alone["p_adjusted"].notna().sum() == 4
    pd.testing.assert_series_equal(
        a_alone["p_adjusted"].sort_index(), a_both["p_adjusted"].sort_index()
    )


def test_adjusted_significance_is_an_option_that_reads_p_adjusted() -> None:
    config = Config(organisation_name="T", year=2024, levels=("directorate",))
    staff, disc = _trust("T", 3)
    flagged = calculate(
        load_frames(
            {"staff": staff, "disciplinary": disc},
            config.with_options(disciplinary_window="one_year", adjusted_significance=True),
        )
    ).frame
    has = flagged["flags"].str.contains("significant_adjusted")
    assert (flagged.loc[has, "p_adjusted"] < 0.05).all()
    assert (flagged.loc[~has & flagged["p_adjusted"].notna(), "p_adjusted"] >= 0.05).all()


def test_census_figures_carry_no_interval_unless_asked() -> None:
    config = Config(organisation_name="T", year=2024, levels=("directorate",))
    staff = pd.concat([people(80, "A", "T", "X"), people(20, "N", "T", "X")])
    board = pd.DataFrame(
        {
            "member_id": ["B1", "B2", "B3", "B4"],
            "voting": "Y",
            "executive": ["Y", "Y", "N", "N"],
            "ethnicity": ["A", "A", "A", "N"],
        }
    )
    default = calculate(load_frames({"staff": staff, "board": board}, config)).frame
    census = default[default.metric.isin(["1", "9"])]
    assert census[["ci_low", "ci_high", "p_value"]].isna().all(axis=None)
    assert census["method"].str.startswith("none: a complete count").all()
    assert not census["flags"].str.contains("significant").any()
    asked = calculate(
        load_frames({"staff": staff, "board": board}, config.with_options(census_intervals=True))
    ).frame
    share = asked[(asked.metric == "1") & (asked.category == "all") & (asked.group == "BME")]
    # 20 of 100: Wilson 13.3 to 28.9 (Newcombe 1998a formula)
    assert share.iloc[0][["ci_low", "ci_high"]].to_list() == pytest.approx([13.34, 28.89], abs=0.01)
    assert "superpopulation" in share.iloc[0]["method"]
    board_row = asked[(asked.metric == "9") & (asked.category == "all") & (asked.group == "BME")]
    assert "random draw from the workforce" in board_row.iloc[0]["method"]


@pytest.fixture(scope="module")
def sample_published():
    inputs = load(sample_config())
    results = calculate(inputs)
    return results, inputs, publish(results.frame, 5, unit_parents(inputs))


def test_zeros_are_never_hidden(sample_published) -> None:
    # docs/outputs.md and the disclosure module: zeros are shown
    _, _, published = sample_published
    for column in ("n_group", "events_group", "n_reference", "events_reference"):
        zero = published.rows[column] == 0
        assert not (zero & published.hidden[column]).any(), column


def test_board_figures_are_published_unless_asked_to_suppress(sample_published) -> None:
    results, inputs, published = sample_published
    board = published.rows["metric"].isin(["9", "10"]).to_numpy()
    assert not published.hidden.loc[board, "events_group"].any()
    strict = publish(results.frame, 5, unit_parents(inputs), suppress_board=True)
    small = (
        strict.rows["metric"].isin(["9", "10"])
        & strict.rows["events_group"].between(1, 4)
        & (strict.rows["group"] != "Unknown")
    )
    assert small.any() and strict.hidden.loc[small.to_numpy(), "events_group"].all()


def _history_with_a_secret(tmp_path: Path) -> tuple[Path, str]:
    """A two-year history whose WRES 3 ratio in 2023 rests on 3 BME cases (confidential)."""
    staff = pd.concat([people(200, "A", "T", "X"), people(40, "N", "T", "X")])
    # data year of 2023: 1 April 2022 to 31 March 2023
    disc = pd.concat(
        [cases(staff.iloc[:200], 11, "2022-06-01"), cases(staff.iloc[200:], 3, "2022-06-01")]
    )
    config = Config(organisation_name="T", year=2023).with_options(disciplinary_window="one_year")
    earlier = calculate(load_frames({"staff": staff, "disciplinary": disc}, config))
    folder = tmp_path / "2023"
    folder.mkdir()
    earlier.to_csv(folder / "metrics.csv")
    row = earlier.frame[(earlier.frame.metric == "3") & (earlier.frame.level == "organisation")]
    return folder / "metrics.csv", f"{row.iloc[0]['value']:.2f}"


def test_no_published_file_shows_a_figure_the_suppressed_table_hides(tmp_path: Path) -> None:
    history, secret = _history_with_a_secret(tmp_path)
    staff = pd.concat([people(200, "A", "T", "X"), people(40, "N", "T", "X")])
    disc = pd.concat([cases(staff.iloc[:200], 20), cases(staff.iloc[200:], 9)])
    from wres_wdes.config import HistoryFile

    config = dataclasses.replace(
        Config(organisation_name="T", year=2024).with_options(disciplinary_window="one_year"),
        history=(HistoryFile(history, 2023),),
    )
    inputs = load_frames({"staff": staff, "disciplinary": disc}, config)
    out = tmp_path / "out"
    write_outputs(calculate(inputs), inputs, out)
    trend = pd.read_csv(out / "trend.csv")
    hidden = trend[(trend.metric.astype(str) == "3") & (trend.year == 2023)]
    assert hidden["confidential"].all()  # 3 BME cases: below the threshold of 5
    from docx_text import all_text

    published_text = [(out / "report.md").read_text(encoding="utf-8")]
    published_text.append(all_text(out / "report.docx"))  # the board paper, alt text too
    for png in (out / "charts").glob("*.png"):
        published_text.append(Image.open(png).text.get("Description", ""))
    workbook = load_workbook(out / "WRES-WDES-2024-publication.xlsx", read_only=True)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            published_text.append(" ".join("" if v is None else str(v) for v in row))
    for text in published_text:
        assert secret not in text, text[:200]
    trend_png = out / "charts" / "trend-WRES.png"
    assert "2023 [c]" in Image.open(trend_png).text["Description"]
