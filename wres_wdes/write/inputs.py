"""What the writers read of a run's inputs: :class:`RunInputs`, a Protocol.

Writing is the last step of the flow (read → standardise → count → measure →
write), so the writers take the loaded inputs without importing the loader:
anything with the run's ``config``, its ``reconciliation`` and its ``frames`` will
do. :class:`wres_wdes.load.Inputs` is one (``tests/test_layers.py`` keeps the
writers from importing :mod:`wres_wdes.load`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

import pandas as pd

from ..config import Config


class RunInputs(Protocol):
    """The loaded inputs as the writers see them.

    Attributes
    ----------
    config
        The run configuration (organisation, year, options, templates).
    reconciliation
        Records read, used and excluded by reason, per input (``reconciliation.csv``).
    frames
        Input key to its typed frame; read only for results without the unit
        nesting (results-contract version 1).
    """

    @property
    def config(self) -> Config: ...

    @property
    def reconciliation(self) -> pd.DataFrame: ...

    @property
    def frames(self) -> Mapping[str, pd.DataFrame]: ...


__all__ = ["RunInputs"]
