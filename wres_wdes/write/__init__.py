"""Writers: every output is made from the tidy results.

:func:`write_outputs` writes, into one folder (``docs/outputs.md``), the kinds of
output asked for (:data:`~wres_wdes.write.plan.OUTPUT_KINDS`):

- ``metrics``: ``metrics.csv`` (every figure, :mod:`wres_wdes.results`) and
  ``reconciliation.csv`` (every input record counted or excluded with a reason);
- ``returns``: ``WRES-return-<code>-<year>.xlsx`` and ``WDES-…``, the national
  returns (:mod:`.returns`); exact counts, not for publication;
- ``publication``: ``WRES-WDES-<year>-publication.xlsx``, the accessible
  publication workbook (:mod:`.publication`), small counts suppressed
  (:mod:`.disclosure`);
- ``breakdown``: ``INTERNAL-not-for-publication-breakdown.xlsx``, every figure
  unsuppressed (:mod:`.breakdown`);
- ``report``: ``report.docx`` (the board paper) and ``report.md`` (the same as
  plain text), one content model (:mod:`.paper`), and ``charts/*.png``
  (:mod:`.charts`), with the publication's suppression, and
  ``trend.csv`` when the config has ``[history]`` (:mod:`.trend`);
- ``system`` (runs of several organisations): ``system/``, the organisations side
  by side (:mod:`.system`).

A run of several organisations writes each organisation's files into its own
folder (:mod:`.plan`). Every run is a transaction (:mod:`.transaction`): the whole
set is written into a staging folder and moved into place, or the previous set is
left whole; files that wres_wdes did not write are never overwritten unless
``force``; ``wres-wdes-manifest.json`` records what was written and what is fit to
publish (:mod:`.safe`). Problems that are the user's to fix (a template that does
not match its cell map, a history file of unknown year) are found while planning,
before anything is written, and raised as :class:`~wres_wdes.problems.InputError`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath

import pandas as pd

from ..config import HistoryFile
from ..results import Results
from ..results_meta import package_version
from .disclosure import DEFAULT_THRESHOLD
from .inputs import RunInputs
from .plan import (
    CHARTS,
    OUTPUT_KINDS,
    REPORT_NAME,
    SINGLE_DEFAULT,
    SYSTEM_DEFAULT,
    TREND_NAME,
    Output,
    OutputsError,
    Plan,
    folder_names,
    parse_kinds,
)
from .transaction import OutputFolderError, OutputLocked, write_transaction


def plan_outputs(
    results: Results | pd.DataFrame,
    inputs: RunInputs,
    kinds: Sequence[str] | str | None = None,
    also: Sequence[str] = (),
) -> Plan:
    """Work out and check what :func:`write_outputs` will write, writing nothing.

    ``kinds`` is a list of :data:`~wres_wdes.write.plan.OUTPUT_KINDS`, a
    comma-separated string of them or ``"all"``; ``None`` is the default
    (everything but ``ethnic_groups`` for one organisation, ``metrics, returns,
    system`` for several). ``also`` adds kinds to those (``--ethnic-groups``).
    """
    frame = results.frame if isinstance(results, Results) else results
    several = frame["organisation"].nunique() > 1
    chosen = parse_kinds(kinds, several)
    chosen = parse_kinds([*chosen, *also], several) if also else chosen
    plan = Plan(results, inputs, chosen)
    plan.outputs()  # checks templates and reads history: user problems surface here
    return plan


def planned_outputs(
    results: Results | pd.DataFrame,
    inputs: RunInputs,
    out_dir: str | os.PathLike[str],
    kinds: Sequence[str] | str | None = None,
) -> list[Path]:
    """The paths :func:`write_outputs` would write."""
    out = Path(out_dir)
    return [out / o.path for o in plan_outputs(results, inputs, kinds).outputs()]


def write_outputs(
    results: Results | pd.DataFrame,
    inputs: RunInputs,
    out_dir: str | os.PathLike[str],
    *,
    force: bool = False,
    kinds: Sequence[str] | str | None = None,
    plan: Plan | None = None,
    workers: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Write the outputs of one run into ``out_dir``, all or nothing.

    Parameters
    ----------
    results
        From :func:`wres_wdes.calculate.calculate` (without a split).
    inputs
        The loaded inputs: the config, the reconciliation, and the unit nesting for
        disclosure control.
    out_dir
        The output folder (created if needed).
    force
        Overwrite files that wres_wdes did not write, or that were changed since.
    kinds
        Which outputs (see :func:`plan_outputs`); ``None`` is the default.
    plan
        From :func:`plan_outputs` for the same arguments, to save planning twice.
    workers
        Processes to write with (default: the cores, at most 4); 1 writes serially.
        The files are byte-identical either way.
    progress
        Called with each file's path (relative to ``out_dir``) once it is written.

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
    OutputLocked
        Another run is writing into ``out_dir``.
    OutputFolderError
        The folder cannot be written; the previous outputs are left as they were.
    """
    plan = plan if plan is not None else plan_outputs(results, inputs, kinds)
    config = inputs.config
    organisations = plan.organisations
    facts = {
        "organisation": config.organisation_name if not plan.several else "",
        "organisations": len(organisations),
        "reporting_year": config.year,
        "outputs": list(plan.kinds),
        "version": package_version(),
    }
    return write_transaction(
        out_dir, plan.outputs(), force=force, workers=workers, facts=facts, progress=progress
    )


def write_trend(
    files: Sequence[HistoryFile],
    out_dir: str | os.PathLike[str],
    *,
    force: bool = False,
    suppress_below: float = DEFAULT_THRESHOLD,
) -> tuple[list[Path], str]:
    """``wres-wdes trend``: ``trend.csv``, ``trend.md`` and trend charts from metrics files.

    Returns the files written and the trend tables as Markdown.
    """
    from .charts import trend_chart
    from .report import markdown_image
    from .trend import read_history, trend_markdown, trend_rows

    history = read_history(files)
    trend = trend_rows(history, suppress_below)
    text = trend_markdown(trend)
    organisations = list(dict.fromkeys(trend["organisation"]))
    names = folder_names(organisations)
    outputs = [
        Output(PurePosixPath(TREND_NAME), lambda p: trend.to_csv(p, index=False), False, TREND_NAME)
    ]
    lines = ["# Trends\n", text]
    for organisation in organisations:
        folder = PurePosixPath(CHARTS)
        if len(organisations) > 1:
            folder = folder / names[organisation]
        for standard in ("WRES", "WDES"):
            chart = trend_chart(trend, standard, organisation)
            if chart is None:
                continue
            path = folder / f"trend-{standard}.png"
            outputs.append(Output(path, chart.save, True, path.name))
            lines.append(markdown_image(path.as_posix(), chart.alt))
    markdown = "\n".join(lines)
    outputs.append(
        Output(
            PurePosixPath("trend.md"),
            lambda p: p.write_text(markdown, encoding="utf-8"),
            True,
            "trend.md",
        )
    )
    written = write_transaction(
        out_dir, outputs, force=force, workers=1, facts={"version": package_version()}
    )
    return written, text


__all__ = [
    "CHARTS",
    "OUTPUT_KINDS",
    "REPORT_NAME",
    "SINGLE_DEFAULT",
    "SYSTEM_DEFAULT",
    "Output",
    "OutputFolderError",
    "OutputLocked",
    "OutputsError",
    "Plan",
    "parse_kinds",
    "plan_outputs",
    "planned_outputs",
    "write_outputs",
    "write_trend",
]
