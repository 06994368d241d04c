"""wres_wdes: the NHS England Workforce Race Equality Standard (WRES) and Workforce
Disability Equality Standard (WDES), computed exactly, with honest uncertainty.

The public API follows the flow (``DESIGN.md``): read → standardise → count →
measure → write. Everything listed here is stable; a change to it is recorded in
``CHANGELOG.md``. Everything else is internal and may change without notice.

===========================================  =============================================
name                                         what it is for
===========================================  =============================================
:func:`load`, :func:`load_frames`            read, classify, validate and reconcile the
                                             inputs named in a config, or given as
                                             DataFrames → :class:`Inputs`
:func:`load_config`, :class:`Config`,        the run configuration and its options
:class:`Options`, :class:`InputFile`
:class:`Inputs`                              typed frames, problems, reconciliation
:class:`InputError`, :class:`Problem`        what is wrong, where, and how to fix it
:data:`INPUTS`                               the input contract (``docs/inputs.md``)
:func:`calculate`                            every metric at every level → :class:`Results`
:class:`Results`                             the tidy table, with views by standard,
                                             metric, level and unit
:data:`METRICS_COLUMNS`                      the ``metrics.csv`` contract
:data:`REGISTRY`, :class:`Metric`            each metric's wording, direction and source
                                             (``docs/metrics.md``)
:func:`write_outputs`                        the national returns, publication workbook,
                                             internal breakdown, report and charts
:func:`sample_config`                        the bundled synthetic sample trust
:mod:`stats`                                 relative likelihoods, intervals, tests, flags,
                                             change between years, pooled figures
:mod:`sample`                                synthetic inputs of any size
===========================================  =============================================

>>> import wres_wdes
>>> inputs = wres_wdes.load(wres_wdes.sample_config())   # doctest: +SKIP
>>> results = wres_wdes.calculate(inputs)                 # doctest: +SKIP
>>> results.by_unit("WRES", 3)                            # doctest: +SKIP
"""

from importlib.metadata import PackageNotFoundError as _PackageNotFoundError
from importlib.metadata import version as _version

from . import sample, stats
from .bundled import sample_config
from .calculate import calculate
from .config import Config, InputFile, Options, load_config
from .contract import INPUTS
from .load import Inputs, load, load_frames
from .metrics.registry import REGISTRY, Metric
from .problems import InputError, Problem
from .results import METRICS_COLUMNS, Results
from .write import write_outputs

try:
    __version__ = _version("wres_wdes")
except _PackageNotFoundError:  # running from a checkout without installing
    __version__ = "0+unknown"

__all__ = [
    "INPUTS",
    "METRICS_COLUMNS",
    "REGISTRY",
    "Config",
    "InputError",
    "InputFile",
    "Inputs",
    "Metric",
    "Options",
    "Problem",
    "Results",
    "__version__",
    "calculate",
    "load",
    "load_config",
    "load_frames",
    "sample",
    "sample_config",
    "stats",
    "write_outputs",
]
