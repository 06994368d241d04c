"""What loading gives: :class:`Inputs`, every input of a run typed, validated and reconciled.

The product of the first half of the flow (``DESIGN.md``: files ──read──▶ raw
frames ──standardise──▶ typed frames), made by :func:`wres_wdes.load.load` and
:func:`wres_wdes.load.load_frames` and read by :func:`wres_wdes.calculate`. It keeps
the promise that nothing is lost silently (principle 5): every record read is used
or excluded with a reason, and :attr:`Inputs.reconciliation` says how many of each.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .config import Config
from .exclusions import RECONCILIATION_COLUMNS
from .problems import InputError, Problem, has_errors, problems_frame


@dataclass
class Inputs:
    """Every input of a run, typed, validated and reconciled.

    Attributes
    ----------
    config
        The run configuration.
    frames
        Input key to its typed frame of *used* records, indexed by file row.
        Classified columns (``ethnic_group``, ``disability_group``, ``band``, …)
        stand beside the raw ones. Case frames carry ``data_year``, the WRES/WDES
        reporting year whose data year holds the case.
    problems
        Every error and warning found, in the order found.
    reconciliation
        Records read, used and excluded by reason, per input.
    unknown
        Every raw value that fell to Unknown, with its count, per file and column.
    """

    config: Config
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    reconciliation: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=list(RECONCILIATION_COLUMNS))
    )
    unknown: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["file", "column", "value", "count", "reason"])
    )

    @property
    def ok(self) -> bool:
        """True when no problem is an error."""
        return not has_errors(self.problems)

    def problems_table(self) -> pd.DataFrame:
        """Every problem as a table (severity, file, row, column, value, rule, code),
        errors first."""
        return problems_frame(self.problems)

    def raise_for_errors(self) -> None:
        """Raise :class:`InputError` listing every problem, if any is an error."""
        if not self.ok:
            raise InputError(self.problems)


__all__ = ["Inputs"]
