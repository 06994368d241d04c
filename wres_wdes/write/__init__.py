"""Writers: every output is made from the tidy results.

:func:`write_outputs` writes, into one folder (``docs/outputs.md``):

- ``WRES-return-<code>-<year>.xlsx`` and ``WDES-…``: the national returns
  (:mod:`.returns`); exact counts, not for publication;
- ``WRES-WDES-<year>-publication.xlsx``: the accessible publication workbook
  (:mod:`.publication`), small counts suppressed (:mod:`.disclosure`);
- ``INTERNAL-not-for-publication-breakdown.xlsx``: every figure, unsuppressed
  (:mod:`.breakdown`);
- ``report.md`` and ``charts/*.png``: the board report (:mod:`.report`,
  :mod:`.charts`), with the publication's suppression;
- ``trend.csv`` when the config has ``[history]`` (:mod:`.trend`);
- ``wres-wdes-manifest.json``: what was written, and what is fit to publish
  (:mod:`.safe`).

Every file is written atomically and recorded in the manifest; files that
wres_wdes did not write are never overwritten unless ``force`` (:mod:`.safe`).
Problems that are the user's to fix (a template that does not match its cell
map, a history file of unknown year) are found while planning, before anything
is written, and raised as :class:`~wres_wdes.problems.InputError`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from ..config import Config, HistoryFile
from ..load import Inputs
from ..results import Results
from .breakdown import FILENAME as BREAKDOWN_NAME
from .breakdown import write_breakdown
from .disclosure import BOARD_METRICS, DEFAULT_THRESHOLD, unit_parents
from .safe import Manifest, write_tracked
from .trend import has_trend

REPORT_NAME = "report.md"
TREND_NAME = "trend.csv"
CHARTS = "charts"


@dataclass
class Output:
    """One file to write: where, how, and whether it is fit to publish."""

    path: Path
    write: Callable[[Path], object]
    for_publication: bool


def _write_all(manifest: Manifest, outputs: Sequence[Output]) -> list[Path]:
    """Write each planned output atomically, then the manifest (even after a failure)."""
    written = []
    try:
        for output in outputs:
            written.append(
                write_tracked(
                    manifest, output.path, output.write, for_publication=output.for_publication
                )
            )
    finally:
        written.append(manifest.save())
    return written


def publication_name(config: Config) -> str:
    return f"WRES-WDES-{config.year}-publication.xlsx"


def _version() -> str:
    from .. import __version__

    return __version__


@dataclass
class Plan:
    """What one run writes, worked out (and checked) before anything is written."""

    frame: pd.DataFrame
    inputs: Inputs
    out: Path
    charts: dict[str, dict[tuple[str, str], tuple[str, str]]] = field(default_factory=dict)
    trend_charts: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    @property
    def config(self) -> Config:
        return self.inputs.config

    @cached_property
    def parents(self) -> pd.DataFrame:
        return unit_parents(self.inputs)

    @cached_property
    def published(self):
        from .publication import publish

        return publish(
            self.frame, self.config.suppress_below, self.parents, self.config.suppress_board
        )

    @cached_property
    def history(self) -> pd.DataFrame | None:
        from .trend import read_history

        if not self.config.history:
            return None
        return read_history(self.config.history)

    @cached_property
    def trend(self) -> pd.DataFrame | None:
        from .trend import trend_rows

        if self.history is None:
            return None
        current = self.frame.assign(year=self.config.year)
        earlier = self.history[self.history["year"] != self.config.year]
        return trend_rows(
            pd.concat([earlier, current], ignore_index=True),
            self.config.suppress_below,
            () if self.config.suppress_board else BOARD_METRICS,
        )

    @cached_property
    def organisations(self) -> list[str]:
        return list(dict.fromkeys(self.frame["organisation"]))

    def _chart_folder(self, organisation: str) -> Path:
        from .returns import slug

        folder = self.out / CHARTS
        return folder / slug(organisation) if len(self.organisations) > 1 else folder

    def outputs(self) -> list[Output]:
        """Every file to write, in order (worked out once)."""
        return self._outputs

    @cached_property
    def _outputs(self) -> list[Output]:
        outputs = self._returns()
        config = self.config
        outputs.append(Output(self.out / publication_name(config), self._write_publication, True))
        outputs.append(
            Output(
                self.out / BREAKDOWN_NAME, lambda p: write_breakdown(self.frame, config, p), False
            )
        )
        outputs += self._charts()
        if self.trend is not None:
            outputs.append(
                Output(self.out / TREND_NAME, lambda p: self.trend.to_csv(p, index=False), False)
            )
        outputs.append(Output(self.out / REPORT_NAME, self._write_report, True))
        return outputs

    def _returns(self) -> list[Output]:
        from .returns import (
            check_template,
            fill_return,
            find_template,
            meta_facts,
            return_filename,
            return_values,
            standards_present,
        )

        outputs, checked = [], {}
        for organisation in self.organisations:
            for standard in standards_present(self.frame, organisation):
                if standard not in checked:
                    template = find_template(standard, self.config.return_templates)
                    checked[standard] = (template, check_template(template))
                template, cellmap = checked[standard]

                def write(
                    path: Path, template=template, cellmap=cellmap, organisation=organisation
                ) -> None:
                    facts = meta_facts(self.config, organisation, _version())
                    values = return_values(self.frame, cellmap, organisation, facts)
                    fill_return(template, cellmap, values, path)

                name = return_filename(standard, organisation, self.config)
                outputs.append(Output(self.out / name, write, False))
        return outputs

    def _write_publication(self, path: Path) -> None:
        from .publication import write_publication

        write_publication(self.frame, self.config, path, self.config.suppress_below, self.parents)

    def _charts(self) -> list[Output]:
        rows = self.frame[self.frame["level"] == "organisation"]
        outputs = []
        for organisation in self.organisations:
            mine = rows[rows["organisation"] == organisation]
            folder = self._chart_folder(organisation)
            keys = list(dict.fromkeys(zip(mine["standard"], mine["metric"], strict=True)))
            for standard, metric in keys:
                statistic = mine.loc[
                    (mine["standard"] == standard) & (mine["metric"] == metric), "statistic"
                ].iloc[0]
                if metric == "1":
                    path = folder / f"metric1-{standard}.png"
                elif statistic == "relative_likelihood":
                    path = folder / f"forest-{standard}-{metric}.png"
                else:
                    continue
                outputs.append(
                    Output(path, self._chart_writer(organisation, standard, metric), True)
                )
            if self.trend is not None:
                for standard in ("WRES", "WDES"):
                    if not has_trend(self.trend, standard, organisation):
                        continue
                    path = folder / f"trend-{standard}.png"
                    outputs.append(Output(path, self._trend_writer(organisation, standard), True))
        return outputs

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.out).as_posix()

    def _chart_writer(self, organisation: str, standard: str, metric: str):
        def write(path: Path) -> None:
            from .charts import forest_chart, metric1_chart

            if metric == "1":
                chart = metric1_chart(self.published, standard, organisation)
                final = self._chart_folder(organisation) / f"metric1-{standard}.png"
            else:
                chart = forest_chart(self.published, standard, metric, organisation, self.parents)
                final = self._chart_folder(organisation) / f"forest-{standard}-{metric}.png"
            chart.save(path)
            self.charts.setdefault(organisation, {})[(standard, metric)] = (
                self._relative(final),
                chart.alt,
            )

        return write

    def _trend_writer(self, organisation: str, standard: str):
        def write(path: Path) -> None:
            from .charts import trend_chart

            chart = trend_chart(self.trend, standard, organisation)
            chart.save(path)
            final = self._chart_folder(organisation) / f"trend-{standard}.png"
            self.trend_charts.setdefault(organisation, []).append(
                (self._relative(final), chart.alt)
            )

        return write

    def _write_report(self, path: Path) -> None:
        from .report import report_markdown
        from .trend import trend_markdown

        text = report_markdown(
            self.published,
            self.config,
            charts=self.charts,
            trend_text=trend_markdown(self.trend) if self.trend is not None else "",
            trend_charts=self.trend_charts,
        )
        path.write_text(text, encoding="utf-8")


def _frame(results: Results | pd.DataFrame) -> pd.DataFrame:
    frame = results.frame if isinstance(results, Results) else results
    if "split" in frame:
        raise ValueError(
            "write_outputs takes results without a split; an intersectional "
            "view (calculate(split_by=…)) is for notebooks and metrics.csv"
        )
    frame = frame.copy()
    for column in ("category", "reference_group", "note", "flags"):
        if column in frame:
            frame[column] = frame[column].fillna("").astype(str)
    return frame


def plan_outputs(results: Results | pd.DataFrame, inputs: Inputs, out_dir: str | Path) -> Plan:
    """Work out and check what :func:`write_outputs` will write, writing nothing."""
    plan = Plan(_frame(results), inputs, Path(out_dir))
    plan.outputs()  # checks templates and reads history: user problems surface here
    return plan


def planned_outputs(
    results: Results | pd.DataFrame, inputs: Inputs, out_dir: str | Path
) -> list[Path]:
    """The paths :func:`write_outputs` would write (for the overwrite check)."""
    return [o.path for o in plan_outputs(results, inputs, out_dir).outputs()]


def write_outputs(
    results: Results | pd.DataFrame,
    inputs: Inputs,
    out_dir: str | Path,
    *,
    force: bool = False,
    plan: Plan | None = None,
) -> list[Path]:
    """Write the returns, publication workbook, internal breakdown, report and charts.

    Parameters
    ----------
    results
        From :func:`wres_wdes.calculate.calculate` (without a split).
    inputs
        The loaded inputs: the config, and the unit nesting for disclosure control.
    out_dir
        The output folder (created if needed).
    force
        Overwrite files that wres_wdes did not write, or that were changed since.
    plan
        From :func:`plan_outputs` for the same arguments, to save planning twice.

    Returns
    -------
    list of Path
        Every file written, in order (the manifest last).

    Raises
    ------
    InputError
        A template that does not match its cell map, or a history file whose year
        cannot be told; nothing is written.
    OverwriteRefused
        Files in the way that wres_wdes did not write; nothing is written.
    """
    out = Path(out_dir)
    plan = plan if plan is not None else plan_outputs(results, inputs, out)
    outputs = plan.outputs()
    manifest = Manifest.load(out)
    manifest.check([o.path for o in outputs], force=force)
    out.mkdir(parents=True, exist_ok=True)
    manifest.describe(
        organisation=inputs.config.organisation_name,
        reporting_year=inputs.config.year,
        version=_version(),
    )
    written = _write_all(manifest, outputs)
    return written


def write_trend(
    files: Sequence[HistoryFile],
    out_dir: str | Path,
    *,
    force: bool = False,
    suppress_below: float = DEFAULT_THRESHOLD,
) -> tuple[list[Path], str]:
    """``wres-wdes trend``: ``trend.csv``, ``trend.md`` and trend charts from metrics files.

    Returns the files written and the trend tables as Markdown.
    """
    from .charts import trend_chart
    from .returns import slug
    from .trend import read_history, trend_markdown, trend_rows

    history = read_history(files)
    trend = trend_rows(history, suppress_below)
    text = trend_markdown(trend)
    out = Path(out_dir)
    organisations = list(dict.fromkeys(trend["organisation"]))
    outputs = [Output(out / TREND_NAME, lambda p: trend.to_csv(p, index=False), False)]
    lines = ["# Trends\n", text]
    for organisation in organisations:
        folder = out / CHARTS / (slug(organisation) if len(organisations) > 1 else "")
        for standard in ("WRES", "WDES"):
            chart = trend_chart(trend, standard, organisation)
            if chart is None:
                continue
            path = folder / f"trend-{standard}.png"
            outputs.append(Output(path, chart.save, True))
            alt = chart.alt.replace("[", "\\[").replace("]", "\\]")
            lines.append(f"![{alt}]({path.relative_to(out).as_posix()})\n")
    markdown = "\n".join(lines)
    outputs.append(
        Output(out / "trend.md", lambda p: p.write_text(markdown, encoding="utf-8"), True)
    )
    manifest = Manifest.load(out)
    manifest.check([o.path for o in outputs], force=force)
    out.mkdir(parents=True, exist_ok=True)
    written = _write_all(manifest, outputs)
    return written, text


__all__ = [
    "Output",
    "Plan",
    "plan_outputs",
    "planned_outputs",
    "write_outputs",
    "write_trend",
]
