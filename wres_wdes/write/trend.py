r"""Trends: each headline figure by year, with the change from last year and its significance.

Trust reports end with an appendix of each metric over three or more years
(``reference/wdes.md`` §11, item 8). Given earlier years' ``metrics.csv``
files (config ``[history] files`` or ``wres-wdes trend FILES…``) this makes
that table from the organisation-level figures, matched by organisation,
standard, metric, category, group and statistic.

The year of a file is, in this order: given explicitly (``2023 = "…"`` in the
config, ``2023=path`` on the command line); the ``reporting_year`` in the
``wres-wdes-manifest.json`` beside it; a ``year`` column; a year (2015–2100)
in its path. Otherwise it is an error that says how to give it.

Change from last year: the difference in the figure (``change``), with the
interval and significance of :meth:`wres_wdes.Results.compare`, worked out from
each year's counts (:mod:`wres_wdes.results_compare`): for a relative likelihood
the interval of the ratio :math:`RL_t / RL_{t-1}` (MOVER on the log scale from each
year's Koopman interval, :func:`wres_wdes.stats.ratio_of_ratios`), significant when
it excludes 1; for percentages and percentage-point differences the interval of
the difference (Newcombe's square-and-add from each year's Wilson or Mee
interval), significant when it excludes 0. Two-year windows (WRES 3, WDES 3) are
pooled over both data years as their own figures are, not taken from the mean
per year. Complete counts at the census date change exactly, untested.

The years are treated as independent; staff present in both make them
positively correlated, so the test errs on the cautious side (see
:mod:`wres_wdes.stats.change`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from tabulate import tabulate

from ..config import HistoryFile
from ..metrics.registry import REGISTRY
from ..problems import InputError, Problem
from ..results import METRICS_COLUMNS, Results
from ..results_compare import compare_frames
from ..results_csv import read_metrics_csv
from ..results_meta import ResultsMeta
from .disclosure import BOARD_METRICS, hidden_figures, suppression_mask
from .headline import figure_words, format_value
from .safe import MANIFEST_NAME, md_text

KEYS = ["organisation", "standard", "metric", "category", "group", "reference_group", "statistic"]
COUNTS = ["n_group", "events_group", "n_reference", "events_reference"]
TREND_COLUMNS = (
    *KEYS,
    "year",
    "value",
    "ci_low",
    "ci_high",
    "flags",
    *COUNTS,
    "change",
    "change_low",
    "change_high",
    "change_significant",
    "confidential",
)
_YEAR = re.compile(r"(?<![0-9])(20[1-9][0-9]|2100)(?![0-9])")


def parse_file_argument(text: str) -> HistoryFile:
    """``2023=out/metrics.csv`` or ``out/metrics.csv`` (command-line form)."""
    year, sep, path = text.partition("=")
    if sep and year.strip().isdigit():
        return HistoryFile(Path(path), int(year))
    return HistoryFile(Path(text))


def year_of(file: HistoryFile, frame: pd.DataFrame | None = None) -> int:
    """The reporting year of a history file (see the module docstring for the order)."""
    if file.year is not None:
        return file.year
    manifest = file.path.parent / MANIFEST_NAME
    if manifest.is_file():
        try:
            year = json.loads(manifest.read_text(encoding="utf-8")).get("reporting_year")
        except (json.JSONDecodeError, UnicodeDecodeError):
            year = None
        if isinstance(year, int):
            return year
    if frame is not None and "year" in frame and frame["year"].nunique() == 1:
        return int(frame["year"].iloc[0])
    found = _YEAR.findall(str(file.path))
    if found:
        return int(found[-1])
    raise InputError(
        [
            Problem.error(
                str(file.path),
                None,
                None,
                None,
                "cannot tell which reporting year this file is: give it "
                'as 2023=path on the command line, or as 2023 = "path" '
                "under [history] files in the config",
                code="history-year",
            )
        ]
    )


def read_history(files: Sequence[HistoryFile]) -> pd.DataFrame:
    """Earlier years' results, stacked, with a ``year`` column; every problem reported."""
    problems, parts = [], []
    for file in files:
        if not file.path.is_file():
            problems.append(
                Problem.error(
                    str(file.path), None, None, None, "the file does not exist", code="missing-file"
                )
            )
            continue
        frame = read_metrics_csv(file.path)
        missing = [c for c in METRICS_COLUMNS if c not in frame]
        if missing:
            problems.append(
                Problem.error(
                    str(file.path),
                    1,
                    ", ".join(missing),
                    None,
                    "not a metrics.csv: these columns are missing",
                    code="not-metrics-file",
                )
            )
            continue
        try:
            year = year_of(file, frame)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        parts.append(frame.assign(year=year))
    if problems:
        raise InputError(problems)
    if not parts:
        return pd.DataFrame(columns=[*METRICS_COLUMNS, "organisation", "year"])
    years = [int(p["year"].iloc[0]) for p in parts]
    repeated = sorted({y for y in years if years.count(y) > 1})
    if repeated:
        raise InputError(
            [
                Problem.error(
                    "history",
                    None,
                    None,
                    str(y),
                    "two files for the same reporting year; give each year once",
                    code="history-year",
                )
                for y in repeated
            ]
        )
    return pd.concat(parts, ignore_index=True)


def _headline(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    if "organisation" not in frame:
        org = frame["unit"].where(frame["level"] == "organisation")
        frame["organisation"] = org.ffill().bfill()
    for column in ("category", "group", "reference_group", "flags"):
        frame[column] = frame[column].fillna("").astype(str)
    frame["metric"] = frame["metric"].astype(str)
    rows = Results(frame).headline()
    return rows[~((rows["metric"] == "1") & (rows["group"] == "Unknown"))]


def _changes(rows: pd.DataFrame) -> pd.DataFrame:
    """Each figure's change from the year before, from the counts of both years
    (:meth:`wres_wdes.Results.compare`), keyed by :data:`KEYS` and ``year``."""
    parts = []
    years = set(rows["year"].tolist())
    for year in sorted(years):
        if year - 1 not in years:
            continue
        later, earlier = rows[rows["year"] == year], rows[rows["year"] == year - 1]
        level = ResultsMeta.of(later).confidence_level or 0.95
        change = compare_frames(later, earlier, level)
        parts.append(change.assign(year=year))
    columns = [*KEYS, "year", "difference", "change_low", "change_high", "change_significant"]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns]


def _confidential(rows: pd.DataFrame, threshold: float, exempt_metrics) -> np.ndarray:
    """Figures a publication of each year's headline table hides: the disclosure rules of
    :mod:`~wres_wdes.write.disclosure` (primary and secondary), year by year."""
    hidden = np.zeros(len(rows), dtype=bool)
    if threshold <= 0:
        return hidden
    for _, index in rows.groupby("year", sort=False).groups.items():
        part = rows.loc[index]
        mask = suppression_mask(part, threshold, exempt_metrics=exempt_metrics)
        value = hidden_figures(part, mask)["value"].to_numpy(dtype=bool)
        hidden[rows.index.get_indexer(index)] = value
    return hidden


def trend_rows(
    history: pd.DataFrame, threshold: float = 5, exempt_metrics=BOARD_METRICS
) -> pd.DataFrame:
    """Each headline figure by year (long), with the change from the year before it.

    ``confidential`` marks a figure that a publication of that year's headline
    figures hides (a count above 0 and below ``threshold`` in any group but
    Unknown, or one that would reveal such a count: the rules of
    :mod:`~wres_wdes.write.disclosure`), so trend tables, charts and their alt
    text, all drawn from :func:`published_trend`, show ``[c]`` there. A yes/no
    answer (WDES 9b) has no change.
    """
    rows = _headline(history.sort_values("year", ascending=False, kind="stable"))
    # figures in the order of the latest year's results, then by year
    order = rows.groupby(KEYS, sort=False, dropna=False).ngroup()
    rows = rows.assign(_order=order.to_numpy()).sort_values(["_order", "year"], kind="stable")
    rows = rows.drop(columns="_order").reset_index(drop=True)
    changes = _changes(rows)
    found = rows[[*KEYS, "year"]].merge(changes, on=[*KEYS, "year"], how="left")
    rows["change"] = found["difference"].to_numpy(dtype=np.float64)
    rows["change_low"] = found["change_low"].to_numpy(dtype=np.float64)
    rows["change_high"] = found["change_high"].to_numpy(dtype=np.float64)
    rows["change_significant"] = found["change_significant"].fillna(False).to_numpy(dtype=bool)
    yes_no = (rows["statistic"] == "yes_no").to_numpy()
    for column in ("change", "change_low", "change_high"):
        rows.loc[yes_no, column] = np.nan
    rows["confidential"] = _confidential(rows, threshold, exempt_metrics) & ~yes_no
    return rows[list(TREND_COLUMNS)]


def published_trend(trend: pd.DataFrame) -> pd.DataFrame:
    """The trend with every confidential figure, its counts and any change resting on it
    blanked: what charts, alt text and published tables are drawn from."""
    out = trend.copy()
    secret = out["confidential"].to_numpy(dtype=bool)
    out.loc[secret, ["value", "ci_low", "ci_high", *COUNTS]] = np.nan
    previous = out.groupby(KEYS, sort=False, dropna=False)["confidential"].shift(1)
    touched = secret | previous.fillna(False).to_numpy(dtype=bool)
    out.loc[touched, ["change", "change_low", "change_high"]] = np.nan
    out.loc[touched, "change_significant"] = False
    return out


def has_trend(trend: pd.DataFrame, standard: str, organisation: str) -> bool:
    """Whether a standard has relative likelihoods in two or more years to chart."""
    part = trend[
        (trend["organisation"] == organisation)
        & (trend["standard"] == standard)
        & (trend["statistic"] == "relative_likelihood")
    ]
    return part["year"].nunique() >= 2


def _change_text(row: pd.Series) -> str:
    if pd.isna(row["change"]) or row["statistic"] == "yes_no":
        return ""
    s = row["statistic"]
    if s == "relative_likelihood":
        return f"{row['change']:+.2f}"
    if s in ("percent", "difference_pp"):
        return f"{row['change']:+.1f} pp"
    return f"{row['change']:+.2f}"


CENSUS_METRICS = {("WRES", "1"), ("WDES", "1"), ("WRES", "9"), ("WDES", "10")}
"""Complete counts at the census date: a change is a change, not an estimate to test."""


def _significance_text(row: pd.Series) -> str:
    if row["statistic"] == "yes_no":
        return ""
    if (row["standard"], row["metric"]) in CENSUS_METRICS and pd.isna(row["change_low"]):
        return "" if pd.isna(row["change"]) else "complete counts"
    if pd.isna(row["change"]) or pd.isna(row["change_low"]):
        return "not tested" if not pd.isna(row["change"]) else ""
    return "significant" if row["change_significant"] else "not significant"


def trend_table(trend: pd.DataFrame, organisation: str) -> pd.DataFrame:
    """The appendix table: one row per figure, one column per year, then the last change."""
    part = trend[trend["organisation"] == organisation]
    if part.empty:
        return pd.DataFrame()
    years = sorted(part["year"].unique())
    order = {m.key: i for i, m in enumerate(REGISTRY)}
    out = []
    for position, (_, rows) in enumerate(part.groupby(KEYS, sort=False, dropna=False)):
        rows = rows.sort_values("year")
        last = rows.iloc[-1]
        line: dict[str, object] = {
            "metric": f"{last['standard']} {last['metric']}",
            "figure": figure_words(last),
        }
        by_year = dict(zip(rows["year"], rows.itertuples(index=False), strict=True))
        for year in years:
            r = by_year.get(year)
            line[str(year)] = (
                "" if r is None else "[c]" if r.confidential else format_value(r.statistic, r.value)
            )
        hide = bool(last["confidential"]) or (len(rows) > 1 and bool(rows.iloc[-2]["confidential"]))
        line["change from last year"] = "[c]" if hide else _change_text(last)
        line["change"] = "" if hide else _significance_text(last)
        line["_order"] = (order.get((last["standard"], last["metric"]), 99), position)
        out.append(line)
    table = pd.DataFrame(out).sort_values("_order", kind="stable").drop(columns="_order")
    return table.reset_index(drop=True)


def trend_markdown(trend: pd.DataFrame) -> str:
    """Every organisation's trend table as Markdown (tabulate, pipe format)."""
    parts = []
    for organisation in dict.fromkeys(trend["organisation"]):
        table = trend_table(trend, organisation)
        if table.empty:
            continue
        parts.append(f"### {md_text(organisation)}\n")  # a name from the inputs: data
        parts.append(
            tabulate(
                table.map(md_text),
                headers=[md_text(h) for h in table.columns],
                tablefmt="pipe",
                showindex=False,
                disable_numparse=True,
            )
        )
        parts.append("")
    parts.append(
        "Change from last year: the difference in the figure; for a relative "
        "likelihood it is tested as the ratio of the two years' ratios. 'significant' "
        "means the interval of the change excludes no change; 'not tested' means no "
        "interval could be formed (a ratio of 0); 'complete counts' means both years count "
        "the whole workforce or board at the census date, so the change is exact."
    )
    return "\n".join(parts) + "\n"


__all__ = [
    "TREND_COLUMNS",
    "HistoryFile",
    "has_trend",
    "parse_file_argument",
    "published_trend",
    "read_history",
    "trend_markdown",
    "trend_rows",
    "trend_table",
    "year_of",
]
