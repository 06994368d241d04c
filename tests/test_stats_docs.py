"""The examples in the stats docstrings are published figures: keep them true."""

import doctest
import importlib

import pytest

MODULES = [
    "wres_wdes.stats.proportions",
    "wres_wdes.stats.ratio",
    "wres_wdes.stats.exact",
    "wres_wdes.stats.flags",
    "wres_wdes.stats.multiplicity",
    "wres_wdes.stats.change",
    "wres_wdes.stats.pooled",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
