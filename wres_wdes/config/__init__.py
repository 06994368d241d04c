"""The run configuration: a small TOML file naming the organisation, year and inputs.

:mod:`~wres_wdes.config.model` holds what a parsed configuration is
(:class:`Config`, :class:`InputFile`); :mod:`~wres_wdes.config.options` what each
option may be (:class:`Options`) and the one check of a value;
:mod:`~wres_wdes.config.parse` checks a file against the table of its sections
and keys (``DESIGN.md``, "Run configuration").
"""

from .model import MAPPING_KINDS, Config, HistoryFile, InputFile
from .options import CHOICES, WINDOWS, Options, check_option
from .parse import INPUT_KEYS, SECTIONS, load_config, parse_config

__all__ = [
    "CHOICES",
    "INPUT_KEYS",
    "MAPPING_KINDS",
    "SECTIONS",
    "WINDOWS",
    "Config",
    "HistoryFile",
    "InputFile",
    "Options",
    "check_option",
    "load_config",
    "parse_config",
]
