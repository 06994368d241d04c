"""``run``: the whole job of ``wres-wdes run`` in one call, for scripts and other tools.

Read and check the inputs a configuration names, compute every metric, and write
every output into one folder as one transaction (``docs/outputs.md``, "What a
failed run leaves"), exactly as the command line does: the command line is a thin
shell over this function (:mod:`wres_wdes.cli`), so a script and the command write
the same files.

The command line's exit status 2 (invalid input, configuration or output folder:
nothing written) is an exception here, a :class:`~wres_wdes.problems.WresWdesError`;
anything else that escapes is a bug (exit status 1). See ``docs/errors.md``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from .config import Config
    from .load import Inputs
    from .results import Results

DEFAULT_OUT = "wres_wdes_output"
"""Where ``wres-wdes run`` writes when no ``--out`` is given."""


@dataclass(frozen=True)
class Run:
    """What one run produced.

    Attributes
    ----------
    results
        Every figure (:class:`~wres_wdes.results.Results`), as written to
        ``metrics.csv``.
    inputs
        The loaded inputs: the configuration, the reconciliation and every warning
        (``inputs.problems``).
    written
        Every file written, in order, the manifest (``wres-wdes-manifest.json``) last.
    out
        The output folder.
    kinds
        The kinds of output written (``metrics``, ``returns`` …).
    organisations
        The organisations of the run, in the order their folders were named.
    """

    results: Results
    inputs: Inputs
    written: tuple[Path, ...]
    out: Path
    kinds: tuple[str, ...]
    organisations: tuple[str, ...]


@runtime_checkable
class ProgressDisplay(Protocol):
    """A progress display ``run(progress=…)`` takes as it is, such as
    :class:`wres_wdes.progress.Progress`: stages, lines and steps."""

    def stage(self, name: str, total: int | None = None) -> None: ...
    def say(self, text: str) -> None: ...
    def advance(self, text: str = "") -> None: ...


_Display = ProgressDisplay


class _Lines:
    """A progress display that hands each line to a function."""

    def __init__(self, say: Callable[[str], None]) -> None:
        self._say, self._stage = say, ""

    def stage(self, name: str, total: int | None = None) -> None:
        self._stage = name
        self._say(name)

    def say(self, text: str) -> None:
        self._say(f"{self._stage}: {text}")

    def advance(self, text: str = "") -> None:
        if text:
            self._say(f"{self._stage}: {text}")


def _display(progress: object) -> contextlib.AbstractContextManager[_Display]:
    from .progress import MODES, Progress

    if progress is None:
        return Progress("quiet")
    if isinstance(progress, str):
        if progress not in MODES:
            from .problems import unknown_name

            raise unknown_name("progress display", progress, MODES)
        return Progress(progress)
    if isinstance(progress, ProgressDisplay):  # has stage, say and advance
        return contextlib.nullcontext(progress)
    if callable(progress):
        return contextlib.nullcontext(_Lines(progress))
    raise TypeError(
        f"progress={progress!r}: give None, a display mode (one of {', '.join(MODES)}) or "
        "a function that takes a line of text"
    )


def run(
    config: Config | str | os.PathLike[str],
    out: str | os.PathLike[str] = DEFAULT_OUT,
    *,
    outputs: Sequence[str] | str | None = None,
    ethnic_groups: bool = False,
    force: bool = False,
    workers: int | None = None,
    progress: str | Callable[[str], None] | ProgressDisplay | None = None,
) -> Run:
    """Do what ``wres-wdes run CONFIG --out OUT`` does, and return what it produced.

    Parameters
    ----------
    config
        The run configuration: a :class:`~wres_wdes.config.Config`, or the path of
        its TOML file (:func:`wres_wdes.sample_config` gives the bundled sample's).
    out
        The output folder (created if needed); default ``wres_wdes_output``.
    outputs
        Which outputs (``--outputs``): a list of
        :data:`~wres_wdes.write.plan.OUTPUT_KINDS`, a comma-separated string of
        them, or ``"all"``. Default: everything for one organisation; ``metrics,
        returns, system`` for several.
    ethnic_groups
        Also write ``metrics-ethnic-groups.csv`` (``--ethnic-groups``): the ethnic-group
        view of :func:`wres_wdes.by_ethnic_group`, beside whatever ``outputs`` chose.
    force
        Overwrite files in ``out`` that wres_wdes did not write, or that were
        changed since (``--force``).
    workers
        Processes writing the outputs (``--workers``; default: the cores, at most
        4); the files are byte-identical either way.
    progress
        ``None`` (the default) shows nothing; ``"auto"``, ``"plain"`` or
        ``"rich"`` show the command line's display on standard error; a function
        is called with each line (``reading and checking inputs: staff.csv …``).

    Returns
    -------
    Run
        The results, the inputs, and every path written.

    Raises
    ------
    InputError
        The inputs or configuration hold errors (every problem is in
        ``.problems``); nothing is written. Exit status 2 on the command line.
    OutputsError
        ``outputs`` names an unknown kind; nothing is read or written. Exit 2.
    OverwriteRefused
        Files in ``out`` that wres_wdes did not write are in the way. Exit 2.
    OutputFolderError
        The folder cannot be written, or another run holds it
        (:class:`OutputLocked`); the previous outputs are left whole. Exit 2.

    Examples
    --------
    >>> done = wres_wdes.run("my_trust/config.toml", out="results")  # doctest: +SKIP
    >>> done.results.headline()                                      # doctest: +SKIP
    >>> [p.name for p in done.written]                               # doctest: +SKIP
    ['metrics.csv', 'reconciliation.csv', 'WRES-return-RXX-2024.xlsx', …]
    """
    from .write.plan import parse_kinds
    from .write.transaction import check_out

    parse_kinds(outputs, several=True)  # an unknown kind stops here, before reading
    if workers is not None and (isinstance(workers, bool) or workers < 1):
        from .problems import UsageError

        raise UsageError(
            f"workers={workers!r}: give 1 or more processes to write the outputs (1 writes "
            "them one after another), or leave it out for the default"
        )
    check_out(out)
    with _display(progress) as display:
        from .calculate import calculate
        from .load import load
        from .write import plan_outputs, write_outputs

        display.stage("reading and checking inputs")
        inputs = load(config, strict=False, progress=display.say)
        inputs.raise_for_errors()
        display.stage("computing")
        results = calculate(inputs, progress=display.say)
        display.stage("planning the outputs")
        plan = plan_outputs(results, inputs, outputs, ("ethnic_groups",) if ethnic_groups else ())
        display.stage("writing", total=len(plan.outputs()))
        written = write_outputs(
            results,
            inputs,
            out,
            force=force,
            plan=plan,
            workers=workers,
            progress=display.advance,
        )
    return Run(
        results=results,
        inputs=inputs,
        written=tuple(written),
        out=Path(out),
        kinds=tuple(plan.kinds),
        organisations=tuple(plan.organisations),
    )


__all__ = ["DEFAULT_OUT", "Run", "run"]
