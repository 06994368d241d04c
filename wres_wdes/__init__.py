"""wres_wdes: the NHS England Workforce Race Equality Standard (WRES) and Workforce
Disability Equality Standard (WDES), computed exactly, with honest uncertainty.

The flow (``DESIGN.md``): read → standardise → count → measure → write.

>>> import wres_wdes
>>> inputs = wres_wdes.load(wres_wdes.sample_config())   # doctest: +SKIP
"""

from importlib.metadata import PackageNotFoundError, version

from .bundled import sample_config
from .calculate import calculate
from .config import Config, InputFile, Options, load_config
from .contract import INPUTS
from .load import Inputs, load, load_frames
from .problems import InputError, Problem
from .results import METRICS_COLUMNS, Results

try:
    __version__ = version("wres_wdes")
except PackageNotFoundError:  # running from a checkout without installing
    __version__ = "0+unknown"

__all__ = [
    "INPUTS",
    "METRICS_COLUMNS",
    "Config",
    "InputError",
    "InputFile",
    "Inputs",
    "Options",
    "Problem",
    "Results",
    "__version__",
    "calculate",
    "load",
    "load_config",
    "load_frames",
    "sample_config",
]
