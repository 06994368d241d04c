"""What one run writes: every output file, worked out (and checked) before anything is written.

A run of one organisation writes into the output folder itself; a run of several
(``[organisation] column``) writes one folder per organisation, named after it,
with what that organisation submits and publishes, and a ``system`` folder that
sets the organisations side by side (``docs/outputs.md``):

===============  =====================================================  ==================
kind             files                                                  where
===============  =====================================================  ==================
``metrics``      ``metrics.csv``, ``reconciliation.csv``                the output folder
``returns``      ``WRES-return-….xlsx``, ``WDES-return-….xlsx``         each organisation's
``publication``  ``WRES-WDES-<year>-publication.xlsx``                  each organisation's
``breakdown``    ``INTERNAL-not-for-publication-breakdown.xlsx``        each organisation's
``report``       ``report.docx`` (the board paper), ``report.md``,      each organisation's
                 ``charts/*.png`` (and ``trend.csv`` with ``[history]``)
``system``       ``league-table.xlsx``, ``funnel-*.png``, ``system.md``  ``system/``
===============  =====================================================  ==================

One organisation gets every kind by default; a run of several gets
:data:`SYSTEM_DEFAULT` (``metrics``, ``returns``, ``system``): 200 publication
workbooks are rarely what a national analyst wants, and ``--outputs`` asks for
them. Every output is an independent task (:class:`Output`), so they can be
written in parallel (:mod:`wres_wdes.write.transaction`).
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import pandas as pd

from ..config import Config
from ..problems import WresWdesError
from ..results import Results
from ..results_meta import package_version
from .disclosure import BOARD_METRICS, unit_parents
from .inputs import RunInputs
from .returns import slug
from .safe import document_date

if TYPE_CHECKING:  # drawing is imported only when a chart is drawn
    from .charts import Chart

OUTPUT_KINDS = (
    "metrics",
    "returns",
    "publication",
    "breakdown",
    "report",
    "system",
    "ethnic_groups",
)
"""The kinds of output ``--outputs`` chooses from (``all`` is every one)."""

ETHNIC_GROUPS_NAME = "metrics-ethnic-groups.csv"
"""The ethnic-group view (:mod:`wres_wdes.ethnic_groups`), beyond the standard: written
when asked for (``--outputs …,ethnic_groups``, ``--ethnic-groups`` or ``all``)."""

SINGLE_DEFAULT = ("metrics", "returns", "publication", "breakdown", "report")
"""What a run of one organisation writes by default: everything."""

SYSTEM_DEFAULT = ("metrics", "returns", "system")
"""What a run of several organisations writes by default: the figures, each
organisation's returns, and the system view. Fast at national scale."""

REPORT_NAME = "report.md"
PAPER_NAME = "report.docx"
TREND_NAME = "trend.csv"
CHARTS = "charts"
SYSTEM = "system"


class OutputsError(WresWdesError, ValueError):
    """An ``--outputs`` list (``outputs=``, ``kinds=``) that names an unknown kind."""


def parse_kinds(text: str | Sequence[str] | None, several: bool) -> tuple[str, ...]:
    """The kinds of output to write: a comma-separated list, ``all``, or the default.

    Raises
    ------
    OutputsError
        For a kind that does not exist, naming the nearest one.
    """
    if text is None:
        return SYSTEM_DEFAULT if several else SINGLE_DEFAULT
    names = [t.strip() for t in (text.split(",") if isinstance(text, str) else text)]
    names = [n for n in names if n]
    if names == ["all"]:
        return OUTPUT_KINDS if several else (*SINGLE_DEFAULT, "ethnic_groups")
    for name in names:
        if name not in OUTPUT_KINDS:
            close = difflib.get_close_matches(name, [*OUTPUT_KINDS, "all"], n=1)
            raise OutputsError(
                f"unknown output {name!r}"
                + (f"; did you mean {close[0]!r}?" if close else "")
                + " Outputs: "
                + ", ".join([*OUTPUT_KINDS, "all"])
            )
    return tuple(k for k in OUTPUT_KINDS if k in names)


@dataclass(frozen=True)
class Output:
    """One file to write.

    Attributes
    ----------
    path
        Where, relative to the output folder.
    write
        Writes the file at the absolute path it is given.
    for_publication
        Whether the file is fit to publish (recorded in the manifest).
    label
        What it is, for the progress display.
    """

    path: PurePosixPath
    write: Callable[[Path], object]
    for_publication: bool
    label: str = ""


class ChartFile(NamedTuple):
    """One chart of an organisation: where it goes, the chart (drawn when saved), its
    kind (``metric1``, ``forest``, ``funnel``, ``trend``) and its metric."""

    path: PurePosixPath
    chart: Chart
    kind: str
    key: tuple[str, str]


def folder_names(organisations: Sequence[str]) -> dict[str, str]:
    """A file-name-safe folder name for each organisation, unique among them.

    ``St. Mary's`` and ``St Mary's`` both slug to ``St-Mary-s``: the second gets
    ``St-Mary-s-2``, so no organisation's files overwrite another's. Decided in the
    order the organisations appear, so a run always names them the same way.
    """
    names: dict[str, str] = {}
    taken: set[str] = set()
    for organisation in organisations:
        base = slug(organisation)
        name, i = base, 2
        while name.casefold() in taken:
            name, i = f"{base}-{i}", i + 1
        taken.add(name.casefold())
        names[organisation] = name
    return names


@dataclass
class OrganisationView:
    """One organisation's share of a run: its rows, its config, where its files go."""

    name: str
    frame: pd.DataFrame
    config: Config
    folder: PurePosixPath
    parents: pd.DataFrame

    @cached_property
    def published(self):
        from .publication import publish

        return publish(
            self.frame, self.config.suppress_below, self.parents, self.config.suppress_board
        )


class Plan:
    """What one run writes, worked out (and checked) before anything is written."""

    def __init__(
        self,
        results: Results | pd.DataFrame,
        inputs: RunInputs,
        kinds: Sequence[str] | None = None,
    ) -> None:
        self.frame = _frame(results)
        self.inputs = inputs
        self.organisations = list(dict.fromkeys(self.frame["organisation"]))
        self.several = len(self.organisations) > 1
        self.kinds = tuple(kinds) if kinds is not None else parse_kinds(None, self.several)
        if "system" in self.kinds and not self.several:
            self.kinds = tuple(k for k in self.kinds if k != "system")

    @property
    def config(self) -> Config:
        return self.inputs.config

    @cached_property
    def views(self) -> dict[str, OrganisationView]:
        names = folder_names(self.organisations)
        # the nesting the results carry; results without it (contract version 1)
        # take it from the inputs
        parents = unit_parents(self.frame if "parent_unit" in self.frame else self.inputs)
        # one stable sort by organisation, then a slice each: 200 organisations would
        # otherwise each take their rows from every column of the national frame
        order = {o: i for i, o in enumerate(self.organisations)}
        rank = self.frame["organisation"].map(order).to_numpy()
        position = np.argsort(rank, kind="stable")
        ordered = self.frame.iloc[position].reset_index(drop=True) if self.several else self.frame
        bounds = np.searchsorted(rank[position], np.arange(len(self.organisations) + 1))
        parents_by_org = parents.groupby("organisation", sort=False).indices
        views = {}
        for i, organisation in enumerate(self.organisations):
            config = self.config
            if self.several and organisation != config.organisation_name:
                # the organisation column's value names it (and its files); the
                # config's name and code are the one organisation it names
                config = dataclasses.replace(
                    config, organisation_name=organisation, organisation_code=""
                )
            rows = ordered.iloc[bounds[i] : bounds[i + 1]].reset_index(drop=True)
            own = parents.iloc[parents_by_org.get(organisation, [])]
            folder = PurePosixPath(names[organisation]) if self.several else PurePosixPath()
            views[organisation] = OrganisationView(
                organisation, rows, config, folder, own.reset_index(drop=True)
            )
        return views

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

    def outputs(self) -> list[Output]:
        """Every file to write, in order (worked out once; user problems raise here)."""
        return self._outputs

    @cached_property
    def _outputs(self) -> list[Output]:
        outputs: list[Output] = []
        if "metrics" in self.kinds:
            outputs += self._metrics()
        templates = self._templates() if "returns" in self.kinds else {}
        for view in self.views.values():
            if "returns" in self.kinds:
                outputs += self._returns(view, templates)
            if "publication" in self.kinds:
                outputs.append(self._publication(view))
            if "breakdown" in self.kinds:
                outputs.append(self._breakdown(view))
            if "report" in self.kinds:
                outputs += self._report(view)
        if "system" in self.kinds:
            from .system import system_outputs

            outputs += system_outputs(self)
        if "ethnic_groups" in self.kinds:
            outputs.append(self._ethnic_groups())
        return outputs

    # --- the kinds ------------------------------------------------------------------

    def _metrics(self) -> list[Output]:
        frame, reconciliation = self.frame, self.inputs.reconciliation

        def metrics(path: Path) -> None:
            Results(frame).to_csv(path)

        def reconcile(path: Path) -> None:
            reconciliation.to_csv(path, index=False)

        return [
            Output(PurePosixPath("metrics.csv"), metrics, False, "metrics.csv"),
            Output(PurePosixPath("reconciliation.csv"), reconcile, False, "reconciliation.csv"),
        ]

    def _ethnic_groups(self) -> Output:
        inputs: Any = self.inputs  # the run's loaded inputs, seen here as RunInputs

        def write(path: Path) -> None:
            from ..ethnic_groups import by_ethnic_group

            by_ethnic_group(inputs).to_csv(path)

        return Output(PurePosixPath(ETHNIC_GROUPS_NAME), write, False, ETHNIC_GROUPS_NAME)

    def _templates(self) -> dict[str, tuple[object, pd.DataFrame]]:
        from .returns import check_template, find_template

        out: dict[str, tuple[object, pd.DataFrame]] = {}
        for standard in ("WRES", "WDES"):
            template = find_template(standard, self.config.return_templates)
            out[standard] = (template, check_template(template))
        return out

    def _returns(self, view: OrganisationView, templates) -> list[Output]:
        from .returns import (
            fill_return,
            meta_facts,
            return_filename,
            return_values,
            standards_present,
        )

        outputs = []
        for standard in standards_present(view.frame, view.name):
            template, cellmap = templates[standard]

            def write(path: Path, template=template, cellmap=cellmap, view=view) -> None:
                facts = meta_facts(view.config, view.name, package_version())
                values = return_values(view.frame, cellmap, view.name, facts)
                fill_return(template, cellmap, values, path, document_date(view.config))

            name = return_filename(standard, view.name, view.config)
            outputs.append(
                Output(view.folder / name, write, False, f"{standard} return, {view.name}")
            )
        return outputs

    def _publication(self, view: OrganisationView) -> Output:
        from .publication import write_publication

        def write(path: Path) -> None:
            write_publication(
                view.frame,
                view.config,
                path,
                view.config.suppress_below,
                view.parents,
                view.published,
            )

        name = f"WRES-WDES-{view.config.year}-publication.xlsx"
        return Output(view.folder / name, write, True, f"publication workbook, {view.name}")

    def _breakdown(self, view: OrganisationView) -> Output:
        from .breakdown import FILENAME, write_breakdown

        def write(path: Path) -> None:
            write_breakdown(view.frame, view.config, path)

        return Output(view.folder / FILENAME, write, False, f"internal breakdown, {view.name}")

    def charts(self, view: OrganisationView) -> list[tuple[PurePosixPath, object]]:
        """Each chart of one organisation: its path and its (not yet drawn) chart.

        Made once per organisation while planning: a chart's alt text needs no
        drawing, so the report can describe charts that other processes draw.
        """
        return [(c.path, c.chart) for c in self._charts(view.name)]

    @functools.cache  # noqa: B019 - one plan per run; its views live as long as it does
    def _charts(self, organisation: str) -> list[ChartFile]:
        from .charts import forest_chart, funnel_chart, metric1_chart, trend_chart

        view = self.views[organisation]
        frame = view.frame
        rows = frame[frame["level"] == "organisation"]
        finest = self.config.levels[-1] if self.config.levels else None
        out: list[ChartFile] = []

        def add(kind: str, key: tuple[str, str], chart) -> None:
            if chart is not None:
                name = f"{kind}-{key[0]}" + ("" if kind in ("metric1", "trend") else f"-{key[1]}")
                out.append(ChartFile(view.folder / CHARTS / f"{name}.png", chart, kind, key))

        keys = dict.fromkeys(zip(rows["standard"], rows["metric"], rows["statistic"], strict=True))
        for standard, metric, statistic in keys:
            if metric == "1":
                add(
                    "metric1",
                    (standard, metric),
                    metric1_chart(view.published, standard, view.name),
                )
                continue
            if statistic != "relative_likelihood":
                continue
            chart = forest_chart(view.published, standard, metric, view.name, view.parents)
            add("forest", (standard, metric), chart)
            this = (frame["standard"] == standard) & (frame["metric"] == metric)
            this &= frame["category"] == ""
            centre = frame[this & (frame["level"] == "organisation")]
            # the funnel plot holds the units the forest plot left out (it says so)
            if finest and chart.left_out and len(centre):
                funnel = funnel_chart(
                    view.published, standard, metric, finest, centre.iloc[0], organisation=view.name
                )
                add("funnel", (standard, metric), funnel)
        if self.trend is not None:
            from .trend import has_trend

            for standard in ("WRES", "WDES"):
                if has_trend(self.trend, standard, view.name):
                    add("trend", (standard, ""), trend_chart(self.trend, standard, view.name))
        return out

    def _report(self, view: OrganisationView) -> list[Output]:
        charts = self._charts(view.name)
        outputs = [
            Output(c.path, c.chart.save, True, f"chart {c.path.name}, {view.name}") for c in charts
        ]
        trend = self.trend
        mine = None
        if trend is not None:
            mine = trend[trend["organisation"] == view.name]

            def write_trend(path: Path, mine=mine) -> None:
                mine.to_csv(path, index=False)

            outputs.append(
                Output(view.folder / TREND_NAME, write_trend, False, f"trend, {view.name}")
            )
        relative = [c._replace(path=c.path.relative_to(view.folder)) for c in charts]

        built: list = []  # the paper, built once for both renderings in one process

        def paper(mine=mine, relative=relative):
            from .report import report_paper

            if not built:
                built.append(
                    report_paper(
                        view.published,
                        view.config,
                        charts=relative,
                        trend=mine,
                        parents=view.parents,
                    )
                )
            return built[0]

        def write_report(path: Path) -> None:
            from .paper import render_markdown

            path.write_text(render_markdown(paper()), encoding="utf-8")

        def write_paper(path: Path) -> None:
            from .paper.word import write_docx
            from .safe import document_date

            write_docx(paper(), path, document_date(view.config))

        outputs.append(
            Output(view.folder / REPORT_NAME, write_report, True, f"report, {view.name}")
        )
        outputs.append(
            Output(view.folder / PAPER_NAME, write_paper, True, f"board paper, {view.name}")
        )
        return outputs


def _frame(results: Results | pd.DataFrame) -> pd.DataFrame:
    frame = results.frame if isinstance(results, Results) else results
    if "split" in frame:
        raise ValueError(
            "write_outputs takes results without a split; an intersectional "
            "view (calculate(split_by=…)) is for notebooks and metrics.csv"
        )
    text = [c for c in ("category", "reference_group", "note", "flags") if c in frame]
    if any(frame[c].isna().any() for c in text):
        frame = frame.assign(**{c: frame[c].fillna("").astype(str) for c in text})
    return frame
