"""What a run is doing, shown while it does it: stages, the line being worked on, counts.

On a terminal the display is drawn by :mod:`rich` (a spinner and the current line
for each stage, a bar with counts while files are written) on standard error, so
standard output stays the run's own summary. When standard error is not a
terminal (a log, a scheduler) each stage and line is a plain timestamped line,
and the file count is written at most ten times per stage. ``--quiet`` shows
nothing. :mod:`rich` is imported only when it draws.
"""

from __future__ import annotations

import contextlib
import sys
import time
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID

MODES = ("auto", "rich", "plain", "quiet")


class Progress:
    """A progress display for one command (a context manager).

    Parameters
    ----------
    mode
        ``rich`` (a live display), ``plain`` (lines), ``quiet`` (nothing), or
        ``auto``: ``rich`` when ``stream`` is a terminal, else ``plain``.
    stream
        Where to show it (default standard error).
    """

    def __init__(self, mode: str = "auto", stream: TextIO | None = None) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown progress mode {mode!r}; one of {', '.join(MODES)}")
        self.stream = stream if stream is not None else sys.stderr
        if mode == "auto":
            try:
                mode = "rich" if self.stream.isatty() else "plain"
            except (AttributeError, ValueError):
                mode = "plain"
        self.mode = mode
        self._start = time.perf_counter()
        self._rich: RichProgress | None = None
        self._task: TaskID | None = None
        self._stage = ""
        self._total: int | None = None
        self._done = 0
        self._step = 1

    def __enter__(self) -> Progress:
        if self.mode == "rich":
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )
            from rich.progress import Progress as RichProgress

            self._rich = RichProgress(
                SpinnerColumn(),
                TextColumn("[bold]{task.fields[stage]}[/bold]"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[line]}", markup=False),
                TimeElapsedColumn(),
                console=Console(file=self.stream),
                transient=False,
            )
            self._rich.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._finish_stage()
        if self._rich is not None:
            self._rich.__exit__(*exc)
            self._rich = None

    def _line(self, text: str) -> None:
        seconds = time.perf_counter() - self._start
        # a closed or narrow log never fails a run
        with contextlib.suppress(OSError, UnicodeError, ValueError):
            print(f"[{seconds:6.1f}s] {text}", file=self.stream, flush=True)

    def _finish_stage(self) -> None:
        if self._rich is not None and self._task is not None:
            total = self._total if self._total is not None else 1
            self._rich.update(self._task, completed=total, total=total, line="done")
        self._task = None

    def stage(self, name: str, total: int | None = None) -> None:
        """Start a stage (``reading and checking inputs``), with a count to reach if any."""
        self._finish_stage()
        self._stage, self._total, self._done = name, total, 0
        self._step = max(1, (total or 0) // 10)
        if self.mode == "rich":
            assert self._rich is not None, "a rich display is entered with `with` first"
            self._task = self._rich.add_task("", total=total, stage=name, line="")
        elif self.mode == "plain":
            self._line(name + (f": {total:,}" if total is not None else ""))

    def say(self, text: str) -> None:
        """What the current stage is working on now."""
        if self.mode == "rich" and self._rich is not None and self._task is not None:
            self._rich.update(self._task, line=text)
        elif self.mode == "plain":
            self._line(f"{self._stage}: {text}")

    def advance(self, text: str = "") -> None:
        """One more of the stage's count is done (``text``: which one)."""
        self._done += 1
        if self.mode == "rich" and self._rich is not None and self._task is not None:
            self._rich.update(self._task, advance=1, line=text)
        elif self.mode == "plain" and (self._done % self._step == 0 or self._done == self._total):
            total = f"/{self._total:,}" if self._total is not None else ""
            self._line(f"{self._stage}: {self._done:,}{total}")


__all__ = ["MODES", "Progress"]
