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
:class:`Problem`                             what is wrong, where, and how to fix it, with
                                             a stable ``code`` (``docs/errors.md``)
:class:`WresWdesError` and its subclasses    every exception raised on purpose
:class:`InputError`, :class:`UsageError`,    (``docs/errors.md``): invalid inputs or
:class:`OutputsError`,                       configuration, an argument the API cannot
:class:`OverwriteRefused`,                   take, an unknown output kind, files in the
:class:`OutputFolderError`,                  way, an output folder that cannot be written
:class:`OutputLocked`,                       or is held by another run, a return that did
:class:`ReturnCheckError`                    not read back (a bug)
:data:`INPUTS`                               the input contract (``docs/inputs.md``)
:func:`calculate`                            every metric at every level → :class:`Results`
:class:`Results`                             the tidy table, with views by standard,
                                             metric, level and unit
:data:`METRICS_COLUMNS`                      the ``metrics.csv`` contract
:data:`REGISTRY`, :class:`Metric`            each metric's wording, direction and source
                                             (``docs/metrics.md``)
:func:`write_outputs`                        ``metrics.csv``, ``reconciliation.csv``, the
                                             national returns, publication workbook,
                                             internal breakdown, report and charts
:func:`run`, :class:`Run`                    all of ``wres-wdes run`` in one call: load,
                                             calculate, write → results and paths written
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

import sys as _sys
import types as _types
import typing as _typing
from importlib import import_module as _import_module
from importlib.metadata import PackageNotFoundError as _PackageNotFoundError
from importlib.metadata import version as _version

try:
    __version__ = _version("wres_wdes")
except _PackageNotFoundError:  # running from a checkout without installing
    __version__ = "0+unknown"

if _typing.TYPE_CHECKING:  # what a type checker sees of the names imported when first used
    from . import sample as sample
    from . import stats as stats
    from .bundled import sample_config as sample_config
    from .calculate import calculate as calculate
    from .config import Config as Config
    from .config import InputFile as InputFile
    from .config import Options as Options
    from .config import load_config as load_config
    from .contract import INPUTS as INPUTS
    from .load import Inputs as Inputs
    from .load import load as load
    from .load import load_frames as load_frames
    from .metrics.registry import REGISTRY as REGISTRY
    from .metrics.registry import Metric as Metric
    from .problems import InputError as InputError
    from .problems import Problem as Problem
    from .problems import UsageError as UsageError
    from .problems import WresWdesError as WresWdesError
    from .results import METRICS_COLUMNS as METRICS_COLUMNS
    from .results import Results as Results
    from .run import Run as Run
    from .run import run as run
    from .write import write_outputs as write_outputs
    from .write.plan import OutputsError as OutputsError
    from .write.returns import ReturnCheckError as ReturnCheckError
    from .write.safe import OverwriteRefused as OverwriteRefused
    from .write.transaction import OutputFolderError as OutputFolderError
    from .write.transaction import OutputLocked as OutputLocked

# Names are imported when first used (PEP 562), so ``import wres_wdes`` (and the
# ``wres-wdes --help`` that imports it) does not pay for pandas, pyarrow and scipy.
_LAZY = {
    "INPUTS": ".contract",
    "METRICS_COLUMNS": ".results",
    "REGISTRY": ".metrics.registry",
    "Config": ".config",
    "InputError": ".problems",
    "InputFile": ".config",
    "Inputs": ".load",
    "Metric": ".metrics.registry",
    "Options": ".config",
    "OutputFolderError": ".write.transaction",
    "OutputLocked": ".write.transaction",
    "OutputsError": ".write.plan",
    "OverwriteRefused": ".write.safe",
    "Problem": ".problems",
    "Results": ".results",
    "ReturnCheckError": ".write.returns",
    "Run": ".run",
    "by_ethnic_group": ".ethnic_groups",
    "calculate": ".calculate",
    "UsageError": ".problems",
    "WresWdesError": ".problems",
    "load": ".load",
    "load_config": ".config",
    "load_frames": ".load",
    "run": ".run",
    "sample": ".sample",
    "sample_config": ".bundled",
    "stats": ".stats",
    "write_outputs": ".write",
}


def __getattr__(name: str) -> _typing.Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'wres_wdes' has no attribute {name!r}")
    found = _import_module(module, __name__)
    value = found if name in ("sample", "stats") else getattr(found, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


class _Package(_types.ModuleType):
    """The package module: importing the submodule ``wres_wdes.load`` (or
    ``.calculate``) must not replace the *function* ``wres_wdes.load`` with the module,
    as Python's import machinery would once the name was looked up lazily."""

    def __setattr__(self, name: str, value: object) -> None:
        if (
            name in _LAZY
            and isinstance(value, _types.ModuleType)
            and name not in ("sample", "stats")
        ):
            return
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package


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
    "OutputFolderError",
    "OutputLocked",
    "OutputsError",
    "OverwriteRefused",
    "Problem",
    "Results",
    "ReturnCheckError",
    "Run",
    "UsageError",
    "WresWdesError",
    "__version__",
    "by_ethnic_group",
    "calculate",
    "load",
    "load_config",
    "load_frames",
    "run",
    "sample",
    "sample_config",
    "stats",
    "write_outputs",
]
