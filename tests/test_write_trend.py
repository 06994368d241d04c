"""Trends: each metric by year, the change from last year, and whether it is significant."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_write_trust import write_trust

from wres_wdes import Config, load, load_frames
from wres_wdes.calculate import calculate
from wres_wdes.cli import main
from wres_wdes.config import HistoryFile
from wres_wdes.problems import InputError
from wres_wdes.stats import ratio_of_ratios
from wres_wdes.write.trend import parse_file_argument, read_history, trend_rows, year_of


def _applications(white: tuple[int, int], bme: tuple[int, int]) -> pd.DataFrame:
    rows = []
    for code, (shortlisted, appointed) in (("A", white), ("H", bme)):
        rows += [
            {
                "application_id": f"{code}{i}",
                "shortlisted": "Yes",
                "appointed": "Yes" if i < appointed else "No",
                "ethnicity": code,
            }
            for i in range(shortlisted)
        ]
    return pd.DataFrame(rows)


def _year(year: int, white: tuple[int, int], bme: tuple[int, int]) -> pd.DataFrame:
    config = Config(organisation_name="Test Trust", year=year)
    frame = calculate(load_frames({"applications": _applications(white, bme)}, config)).frame
    return frame.assign(year=year)


def test_the_change_in_a_ratio_is_tested_as_the_stats_module_tests_it() -> None:
    # The Christie's WRES 2 "widened from 2.2 to 3.2" (wres.md §1.2): whether that is a
    # real change depends on the counts; stats.ratio_of_ratios is the reference.
    earlier, later = _year(2023, (100, 20), (550, 50)), _year(2024, (100, 32), (550, 55))
    trend = trend_rows(pd.concat([earlier, later]))
    row = trend[(trend["metric"] == "2") & (trend["year"] == 2024)].iloc[0]
    reference = ratio_of_ratios((20, 100, 50, 550), (32, 100, 55, 550))
    assert row["change"] == pytest.approx(later["value"].iloc[0] - earlier["value"].iloc[0])
    assert row["change_low"] == pytest.approx(reference["ci_low"].iloc[0])
    assert row["change_high"] == pytest.approx(reference["ci_high"].iloc[0])
    assert bool(row["change_significant"]) == bool(reference["significant"].iloc[0]) is False
    first = trend[(trend["metric"] == "2") & (trend["year"] == 2023)].iloc[0]
    assert np.isnan(first["change"])


def test_a_large_change_is_significant_and_a_gap_year_is_not_compared() -> None:
    a, b = _year(2022, (400, 200), (400, 100)), _year(2023, (400, 100), (400, 100))
    c = _year(2025, (400, 100), (400, 100))
    trend = trend_rows(pd.concat([a, b, c]))
    by_year = trend[trend["metric"] == "2"].set_index("year")
    assert bool(by_year.loc[2023, "change_significant"])
    assert np.isnan(by_year.loc[2025, "change"])  # 2024 missing: no "last year"


def test_a_year_is_found_from_the_argument_the_manifest_or_the_path(tmp_path: Path) -> None:
    assert parse_file_argument("2022=out/metrics.csv") == HistoryFile(Path("out/metrics.csv"), 2022)
    folder = tmp_path / "run"
    folder.mkdir()
    (folder / "wres-wdes-manifest.json").write_text(json.dumps({"reporting_year": 2021}))
    assert year_of(HistoryFile(folder / "metrics.csv")) == 2021
    assert year_of(HistoryFile(tmp_path / "wres_2019" / "metrics.csv")) == 2019
    with pytest.raises(InputError, match="2023=path"):
        year_of(HistoryFile(tmp_path / "metrics.csv"))


def test_history_problems_are_listed_together(tmp_path: Path) -> None:
    bad = tmp_path / "2023.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_history([HistoryFile(tmp_path / "missing.csv", 2022), HistoryFile(bad)])
    rules = [p.rule for p in caught.value.problems]
    assert any("does not exist" in r for r in rules)
    assert any("not a metrics.csv" in r for r in rules)


def test_trend_command_and_history_in_a_run(tmp_path: Path, capsys) -> None:
    earlier = tmp_path / "2023"
    config = write_trust(earlier / "inputs", seed=3)
    frame = calculate(load(config)).frame
    (earlier / "out").mkdir()
    frame.to_csv(earlier / "out" / "metrics.csv", index=False)

    out = tmp_path / "trend"
    assert main(["trend", f"2023={earlier / 'out' / 'metrics.csv'}", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "WRES 2" in printed and "2023" in printed
    assert (out / "trend.csv").is_file() and (out / "trend.md").is_file()

    history = (
        f'\n[history]\nfiles = {{ 2023 = "{(earlier / "out" / "metrics.csv").as_posix()}" }}\n'
    )
    current = write_trust(tmp_path / "2024" / "inputs", extra=history)
    run_out = tmp_path / "2024" / "out"
    assert main(["run", str(current), "--out", str(run_out)]) == 0
    trend = pd.read_csv(run_out / "trend.csv", dtype={"metric": str})
    assert sorted(trend["year"].unique()) == [2023, 2024]
    report = (run_out / "report.md").read_text(encoding="utf-8")
    assert "### Direction of travel" in report and "change from last year" in report
    assert (run_out / "charts" / "trend-WRES.png").is_file()
    _check_two_year_paper(run_out, earlier / "out" / "metrics.csv")


def _check_two_year_paper(out: Path, earlier: Path) -> None:
    """The board paper of a run with one earlier year: the years side by side, and the
    summary's changes those that trend.csv marks significant, valued from each year's
    metrics.csv."""
    import docx
    from docx_text import alt_texts, section

    document = docx.Document(str(out / "report.docx"))
    travel = [
        t for t in document.tables if [c.text for c in t.rows[0].cells][2:4] == ["2023", "2024"]
    ]
    assert len(travel) >= 1  # a direction-of-travel table per standard
    assert any(a.startswith("Line chart") or "2023" in a for a in alt_texts(out / "report.docx"))
    summary = " ".join(section(out / "report.docx", "Executive summary"))
    assert "Since 2023:" in summary and "no earlier years" not in summary
    trend = pd.read_csv(out / "trend.csv", dtype={"metric": str}, keep_default_na=False)
    now = trend[(trend["year"] == 2024) & (trend["statistic"] == "relative_likelihood")]
    before = pd.read_csv(earlier, dtype={"metric": str}, keep_default_na=False)
    before = before[(before["level"] == "organisation") & (before["category"] == "")]
    current = pd.read_csv(out / "metrics.csv", dtype={"metric": str}, keep_default_na=False)
    current = current[(current["level"] == "organisation") & (current["category"] == "")]
    significant = now[now["change_significant"].astype(str) == "True"]
    if significant.empty:
        assert "no headline figure changed by a statistically significant amount" in summary
        return
    for _, r in significant.head(3).iterrows():
        key = (current["standard"] == r["standard"]) & (current["metric"] == r["metric"])
        was = before[(before["standard"] == r["standard"]) & (before["metric"] == r["metric"])]
        was = was[was["statistic"] == "relative_likelihood"]
        is_ = current[key & (current["statistic"] == "relative_likelihood")]
        text = f"from {float(was['value'].iloc[0]):.2f} to {float(is_['value'].iloc[0]):.2f}"
        assert f"{r['standard']} {r['metric']} (" in summary and text in summary
