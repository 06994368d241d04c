"""The raw tables of a configuration's inputs, read ahead on a background thread.

Arrow parses with every core but converting, validating and classifying run mostly
on one; reading the next file while the loader checks the one before overlaps the
two (``docs/performance.md``). :func:`input_sources` names each input in messages.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor

from .config import Config
from .contract import INPUTS
from .problems import InputError, Problem
from .read import RawTable, read_table, source_name


def input_sources(config: Config) -> dict[str, str]:
    """How messages name each input: its file (and sheet), and the input's key when two
    inputs read one file (``ER Case Tracker.xlsx (disciplinary)``)."""
    names = {key: source_name(ref.path, ref.sheet) for key, ref in config.inputs.items()}
    shared = {n for n in names.values() if list(names.values()).count(n) > 1}
    return {key: f"{name} ({key})" if name in shared else name for key, name in names.items()}


class ReadAhead(Mapping[str, RawTable]):
    """The raw frames of a configuration's inputs, read one after another on a
    background thread while the caller works on those already read.

    Arrow parses with every core but converting, validating and classifying run
    mostly on one; reading the next file meanwhile overlaps the two (at national
    scale, the applications are parsed while the staff list is validated).
    Iterating yields the inputs in the configuration's order, waiting for each;
    a file that cannot be read is skipped and its problems kept in
    :attr:`problems`.
    """

    def __init__(self, config: Config, pool: ThreadPoolExecutor) -> None:
        self._reads = {
            key: pool.submit(read_table, ref.path, INPUTS[key], ref.sheet)
            for key, ref in config.inputs.items()
        }
        self.sources = input_sources(config)
        self.problems: list[Problem] = []
        self._failed: set[str] = set()

    def __iter__(self) -> Iterator[str]:
        for key, read in self._reads.items():
            try:
                read.result()
            except InputError as exc:
                if key not in self._failed:
                    self._failed.add(key)
                    self.problems += exc.problems
                continue
            yield key

    def __getitem__(self, key: str) -> RawTable:
        return self._reads[key].result()

    def __len__(self) -> int:
        return sum(1 for _ in self)


__all__ = ["ReadAhead", "input_sources"]
